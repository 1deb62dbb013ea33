/*
 * content — walk content/, split and read each page's TOML front matter,
 * and give every page its URL, section, order and place among the steps.
 *
 * It reads files and front matter only: Markdown bodies are rendered by the
 * markdown stage, and nothing here writes anything.
 *
 * Published order: the home page first, then pages ordered by section
 * folder, then within a section its _index.md first, then by front matter
 * `weight` (pages with a weight before those without), then by title.
 */
#ifndef MEND_CONTENT_H
#define MEND_CONTENT_H

#include <stdbool.h>
#include <stddef.h>

#include "site/site.h"

struct content_options {
	const char *dir;       /* the content folder, normally "content" */
	bool drafts;           /* include pages with draft = true */
	int threads;           /* read and parse pages on this many threads */
};

/*
 * Load every page under opt->dir into site (whose config must be set).
 * Reports every problem it finds (not only the first), in the order of
 * the files' paths whatever the threads, and returns 0 when there were
 * no errors, -1 otherwise; the site then holds what loaded.
 */
int content_load(struct site *site, const struct content_options *opt);

/*
 * Split a page's text into front matter and body.  On success sets
 * *front and *front_len to the TOML between the "+++" lines, *body and *body_len
 * to what follows, *front_line and *body_line to their first lines in the
 * file, and returns 0; otherwise reports at path and returns -1.
 */
int content_split(const char *path, const char *text, size_t len,
    const char **front, size_t *front_len, int *front_line,
    const char **body, size_t *body_len, int *body_line);

#endif
