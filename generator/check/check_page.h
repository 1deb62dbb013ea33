/*
 * check_page — the first phase of the checks: read one page, parse it
 * with libxml2, run the checks that need only that page (structure and
 * well-formedness, URL syntax and schemes), and keep what the site-wide
 * phase needs (its ids, its links resolved to site paths, its title).
 * Each position is already translated to where the author fixes it: where
 * the source map says the element came from for a page that came with
 * one (check_origin), the HTML line otherwise.
 *
 * A page touches nothing shared while it is read, so check.c reads many
 * at once.  This module never emits diagnostics: it files reports on the
 * page for check.c to sort and emit.
 */
#ifndef MEND_CHECK_PAGE_H
#define MEND_CHECK_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "check/check.h"
#include "check/check_report.h"
#include "lib/util.h"

/* What every page's reading shares; read-only while pages are read. */
struct check_context {
	const struct check_options *opt;
	const char *dir;      /* the folder read, without a trailing '/' */
	bool xml;             /* the folder is mend's output: the XML parser */
	const char *base_url; /* the site's URL ending in '/', or NULL:
	                         absolute URLs under it are internal */
};

/* An href, src, srcset candidate or action of a page, kept for phase 2. */
struct check_link {
	char *written;  /* the value as written, trimmed; owned */
	char *target;   /* internal: the site path, percent-decoded, with
	                   no query or fragment ("steps/x/"; "" is the
	                   root), or NULL for this page; external: the
	                   URL to fetch, without fragment; owned */
	char *fragment; /* what follows '#' as written, or NULL; owned */
	struct check_pos pos;
	bool external;      /* an http(s) URL outside the site, to fetch */
	size_t target_page; /* phase 2: the page it leads to, or SIZE_MAX */
};

/* One HTML file of the site and what phase 1 learnt about it. */
struct check_page {
	char *path;       /* relative to the site: "steps/x/index.html" */
	char *file;       /* as reported: "public/steps/x/index.html"
	                     (under opt->shown_dir; read under ctx->dir) */
	char *url;        /* its URL in the site: "/steps/x/" */
	struct hash *ids; /* its ids and <a name>s (NULL: unread) */
	struct check_link *links; /* in document order; owned */
	size_t nlinks;
	size_t links_cap;
	size_t nvalues; /* href/src values examined */
	char *title;    /* the title, spaces collapsed, or NULL; owned */
	struct check_pos title_pos;
	struct check_pos page_pos; /* where a problem of the whole page goes */
	struct check_reports reports; /* problems found on it */
	size_t read_reports; /* how many of them phase 1 found, */
	size_t resolved_reports; /* and with its links' and fragments'
	                        (phase 2's first part); the rest are the
	                        site-wide checks', found again on a re-check */
	bool reached; /* phase 2: a link from the home page leads here */
	bool listed;  /* phase 2: the sitemap lists it */
};

/*
 * Read ctx->dir/page->path (page->path, page->file and page->url set by the
 * caller; the rest zero) and fill the rest of page.  origin is what its
 * maker knows of the page, or NULL; it is used only when the file's bytes
 * equal origin->html, which is read instead of the file when the check's
 * options say the origins were written (origins_written).  Problems go into
 * page->reports.  Returns 0, or -1 when the file could not be read
 * (reported on the page).
 */
int check_page_read(struct check_page *page, const struct check_context *ctx,
    const struct check_origin *origin);
/*
 * Silence libxml2's generic messages on this thread (its handler is the
 * thread's own).  The encoding converters print through it straight to
 * stderr ("encoding error : input conversion failed..."); every such error
 * also comes to a parser's structured handler, which reports it in mend's
 * format.  Call before each parse.
 */
void check_libxml_quiet(void);

/* Free what check_page_read filled in, and the path, file and url. */
void check_page_free(struct check_page *page);

#endif
