/*
 * markdown — a page's Markdown body to HTML with cmark-gfm.
 *
 * GFM extensions (table, strikethrough, autolink, tagfilter, tasklist,
 * footnotes), smart punctuation, and a source map of the HTML (srcmap.h):
 * cmark-gfm keeps a position on each node, and the map says, for each
 * byte of the HTML, where in the Markdown file it came from.  Headings get
 * stable, unique, Unicode-aware slug ids.  A fenced block whose info
 * string is "exercise NAME" is recorded with the place in the HTML where
 * its form goes (the page module puts it there).  Raw HTML is dropped
 * unless the options allow it.  It reads one body; it knows nothing of
 * templates or output.
 */
#ifndef MEND_MARKDOWN_H
#define MEND_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/srcmap.h"

struct md_options {
	bool unsafe;                      /* keep raw HTML */
	const char *const *reserved_ids;  /* NULL-terminated ids slugs avoid, or NULL */
	/*
	 * What a link's destination url, written in the file path, becomes
	 * (a string the markdown stage frees), or NULL: as written.  NULL
	 * rewrites nothing.  Links only, not images; called from the threads
	 * that render, with rewrite_ctx.
	 */
	char *(*rewrite_link)(void *ctx, const char *path, const char *url);
	void *rewrite_ctx;
};

struct md_heading {
	int level;   /* 1..6 */
	char *id;    /* unique slug within the page */
	char *text;  /* plain text of the heading */
};

struct md_exercise {
	char *name;    /* as written after "exercise" */
	int line;      /* line of the fence in the source file */
	int col;
	int under;     /* level of the heading the block sits under: that of
	                  the last heading before it, or 1 (the page's title)
	                  before any; its form's headings go one level down */
	size_t offset; /* where its form goes in the doc's html (nothing of
	                  the block is written there) */
};

/*
 * A rendered body; every pointer is owned by the doc (md_doc_free).
 *
 * The map's runs, in the Markdown file's name: before the first block,
 * the file as a whole (line 0); from the '<' of each block's start tag
 * (a paragraph, a list item, a table cell, raw HTML...), the block's
 * first line, and from each line break of the HTML on, one line more
 * (paragraphs, list items and raw HTML keep their source's line breaks);
 * a heading's start tag, and each link's and image's, at the line and
 * column of the node (one byte: the rest of the tag is its block's line).
 */
struct md_doc {
	char *html;
	size_t html_len;
	struct srcmap map;           /* where each byte of html came from */
	struct md_heading *headings;
	size_t nheadings;
	struct md_exercise *exercises; /* in document order */
	size_t nexercises;
};

/*
 * Render text[0..len) (the body of path, which starts at line first_line
 * of the file; valid UTF-8, as content_load makes sure) into doc.  Returns
 * 0, or -1 after a diagnostic at the line of the problem (an exercise
 * fence without a name, say).
 */
int markdown_render(const char *text, size_t len, const char *path,
    int first_line, const struct md_options *opt, struct md_doc *doc);

/*
 * Parse text[0..len) exactly as markdown_render does (the same options,
 * extensions and smart punctuation; raw HTML nodes are kept in the tree
 * whatever unsafe says, which only decides whether a renderer shows them)
 * and return the cmark-gfm document node, for other renderers (the PDF
 * booklet).  Source lines are counted from the body's first line.  The
 * caller owns the tree and frees it with cmark_node_free.  Never NULL.
 */
struct cmark_node;
struct cmark_node *markdown_parse(const char *text, size_t len, bool unsafe);
void md_doc_free(struct md_doc *doc);

/*
 * Render one line of inline Markdown (a title) with smart punctuation and
 * no paragraph; the caller frees the result.
 */
char *markdown_inline(const char *text);

/*
 * Append to out the slug of text: lower case, letters and digits of any
 * script kept, runs of anything else made one "-", no "-" at the ends.
 */
struct buf;
void markdown_slug(const char *text, struct buf *out);

#endif
