/*
 * check — validate a built site: links, fragments, external URLs, page
 * structure, reachability, well-formedness and resources loaded from
 * other sites, read with libxml2.
 *
 * mend's own output is polyglot HTML5 and is read with the XML parser; any
 * other folder of HTML (a site built by another tool) with the HTML parser.
 * A page the caller built may come with its HTML and its source map
 * (srcmap.h): then each problem on it is reported where the map says the
 * element's bytes came from (for mend's pages, the Markdown line and
 * column of a link or heading, the Markdown line of any other part of the
 * body, the template line that wrote the rest).  Problems on other pages
 * are reported at the HTML file and line.  It knows nothing of how the
 * pages were made.  Every problem goes through diag with its check's
 * stable name.  The module reads; it never writes.
 */
#ifndef MEND_CHECK_H
#define MEND_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/srcmap.h"

/* The checks, by their stable names (site.toml [check] uses them). */
enum check_kind {
	CHECK_LINKS,        /* "links": internal href/src resolve to a file */
	CHECK_FRAGMENTS,    /* "fragments": #id exists on the target page */
	CHECK_EXTERNAL,     /* "external": valid http(s)/mailto/tel; --external fetches */
	CHECK_STRUCTURE,    /* "structure": one h1, heading order, ids, alt, lang, ... */
	CHECK_REACHABILITY, /* "reachability": orphans; the sitemap lists every page */
	CHECK_WELLFORMED,   /* "well-formed": parser errors */
	CHECK_THIRDPARTY,   /* "third-party": nothing a page loads comes
	                       from another site */
	CHECK_NKINDS
};

/* How a check reports: its default, off, as warnings, as errors. */
enum check_level { CHECK_DEFAULT, CHECK_OFF, CHECK_WARNING, CHECK_ERROR };

/* The stable name of a check ("links"), and the kind a name means (-1: none). */
const char *check_name(enum check_kind kind);
int check_kind_named(const char *name);

/*
 * A page the caller built, as it built it, so that problems on it are
 * reported at their source.  All pointers are borrowed for the call.
 */
struct check_origin {
	const char *output_path;    /* "steps/x/index.html", relative to the site */
	const char *html;           /* the page exactly as it was written */
	size_t html_len;
	const struct srcmap *map;   /* where each byte of html came from */
	const char *source_path;    /* the page's own source, or NULL: where a
	                               problem of the whole page goes (line 1);
	                               a parse error in bytes that came from it
	                               is in the author's own HTML, and is
	                               reported as such */
};

struct check_options {
	const char *dir;            /* the built site's folder */
	const char *shown_dir;      /* the name its files are reported under,
	                               or NULL: dir (a build checks its staging
	                               folder under the output folder's name,
	                               which the staging folder becomes) */
	const char *base_url;       /* the site's absolute URL ("https://x.org/"), or
	                               NULL: taken from the sitemap when there is one */
	bool external;              /* fetch each distinct external URL once */
	int threads;                /* worker threads; 0: one per core */
	enum check_level levels[CHECK_NKINDS]; /* from site.toml [check] */
	const struct check_origin *origins;    /* pages mend built, or NULL */
	size_t norigins;
	bool origins_written;       /* the origins' files hold exactly their html
	                               (the build has just written them): read
	                               those pages from memory */
	bool xml;                   /* mend built the folder (polyglot HTML5):
	                               read its pages with the XML parser */
};

struct check_summary {
	size_t pages;               /* HTML files read */
	size_t links;               /* href/src values checked */
	size_t errors;              /* problems reported as errors */
	size_t warnings;            /* and as warnings (--external's "not
	                               checked" one among them) */
	double seconds;             /* wall time of the whole check */
};

/*
 * Check the site in opt->dir.  Pages are read as XML when opt->xml says
 * mend built the folder, as HTML otherwise.  A page listed in
 * opt->origins whose file differs from origin->html is checked as a
 * foreign page (unless opt->origins_written: the file is then not read).
 * Reports every problem through diag, fills sum, and returns 0 when no
 * error was found, 1 when some were, -1 when the folder could not be read
 * (after a diagnostic).
 */
int check_site(const struct check_options *opt, struct check_summary *sum);

/*
 * What a check learnt of a site, kept so that an edit can be checked
 * again without reading every page (an incremental rebuild): every
 * page's phase-1 reading (ids, links, title, its own problems).
 */
struct check_state;

/*
 * check_site, keeping what it read in *state (which the caller frees with
 * check_state_free; NULL when the folder could not be read).  opt is
 * borrowed for the call only.
 */
int check_site_keep(const struct check_options *opt, struct check_summary *sum,
    struct check_state **state);

/*
 * Check the site again after the pages changed[0..nchanged) (output paths,
 * each one of opt->origins, which holds their new HTML; they are not read
 * from the folder) changed and no file was added or removed: those pages
 * are read again, then every link and fragment of the site is resolved
 * again and the site-wide checks run, so that the problems reported (all
 * of the site's, sorted as check_site sorts them) are exactly those
 * check_site would report on the site as it is now.  opt must say what
 * the first run's options said, but for its origins (borrowed for the
 * call; reports keep pointing into the maps and source paths of the
 * origins of unchanged pages, so those must outlive the state).  The
 * sitemap is not read again.  Returns as check_site does.
 */
int check_state_update(struct check_state *state, const struct check_options *opt,
    const char *const *changed, size_t nchanged, struct check_summary *sum);

/* Free a kept state; NULL is allowed. */
void check_state_free(struct check_state *state);

#endif
