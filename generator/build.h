/*
 * build — what `mend build`, `mend check` and `mend pdf` do: run the
 * pipeline (config, content, markdown, theme, output) over the project in
 * the current folder and swap the result in as the output folder; check a
 * folder of HTML; write the printable PDFs.  The commands (cmd_build.c,
 * cmd_check.c, cmd_pdf.c) read the command line and call these.
 *
 * Each function reports its problems as diagnostics and returns an exit
 * status (enum mend_exit); the caller closes the run with diag_summary().
 */
#ifndef MEND_BUILD_H
#define MEND_BUILD_H

#include <stdbool.h>

#include "pdf/pdf.h"

struct buf;

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
 * folder cannot be read.  dir may be NULL only in a project: outside one
 * that returns EXIT_USAGE at once, with nothing printed (the command asks
 * for a folder).  jobs is the threads to use, as build_options's.
 */
int build_check(const char *dir, bool external, bool quiet, int jobs);

/* What `mend pdf` makes, and where. */
struct build_pdf_options {
	struct pdf_request pdfs;  /* which PDFs: one by name or all, which papers */
	const char *out_dir;      /* NULL: over the output folder's worksheets/,
	                             keeping the other files there */
	bool quiet;               /* no summary line */
};

/*
 * `mend pdf`: load the project, make the PDFs opt asks for and write them,
 * through a staging folder, so a failure leaves the previous ones as they
 * were.  Returns EXIT_OK; EXIT_USAGE when opt->pdfs.only names no PDF
 * (then nothing is printed about it, and the names there are are appended
 * to known, for the command's usage error) or when opt->out_dir is refused
 * (reported; known is left empty); EXIT_INPUT for an error in the project
 * or the PDFs; EXIT_IO when the files could not be written.
 */
int build_pdfs(const struct build_pdf_options *opt, struct buf *known);

#endif
