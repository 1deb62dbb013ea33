/*
 * build — the `mend build` command: run the pipeline (config, content,
 * markdown, theme, output) over the project in the current folder and
 * swap the result in as the output folder.
 */
#ifndef MEND_BUILD_H
#define MEND_BUILD_H

#include <stdbool.h>

struct build_options {
	const char *out_dir;   /* NULL: the configured output folder */
	const char *base_url;  /* NULL: site.toml's base_url */
	bool drafts;           /* include draft pages */
	bool quiet;            /* no summary line */
	bool no_check;         /* skip the checks after writing */
	bool external;         /* the checks fetch external links */
	bool warn_placeholder; /* warn when base_url is a placeholder (build, pdf) */
	int jobs;              /* threads for the per-page stages; 0: one per core */
};

/*
 * Build the site.  Returns an exit status (enum mend_exit): EXIT_OK, or
 * EXIT_INPUT for bad config/content/templates, EXIT_USAGE for an output
 * folder refused on the command line, EXIT_IO for a failed write.  On any
 * failure the previous output is left as it was.
 */
int build_site(const struct build_options *opt);

/*
 * `mend check`: check the built site in dir (NULL: the project's output
 * folder).  In a project (site.toml here) the pages are rendered again in
 * memory first, so problems on pages mend wrote are reported at their
 * Markdown or template line.  Returns EXIT_OK, EXIT_SITE when errors were
 * found, EXIT_INPUT when the project itself has errors, EXIT_IO when the
 * folder cannot be read, EXIT_USAGE when no folder can be found.  jobs is
 * the threads to use, as build_options's.
 */
int check_folder(const char *dir, bool external, bool quiet, int jobs);

#endif
