/*
 * site — the site model every stage after content reads: the configuration,
 * and the pages in their published order.  The content stage fills it; the
 * markdown, theme and output stages read it and add their results to each
 * page; nothing flows back up.  site.c frees it and makes its URLs.
 */
#ifndef MEND_SITE_H
#define MEND_SITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "site/config.h"
#include "site/markdown.h"
#include "lib/toml.h"

enum page_kind {
	PAGE_HOME,    /* content/_index.md: the site's front page, URL "/" */
	PAGE_SECTION, /* content/DIR/_index.md: lists its section's pages */
	PAGE_REGULAR  /* any other .md file */
};

struct page {
	char *source_path;   /* "content/steps/x.md", as the user knows it */
	char *url;           /* site path: "/", "/steps/", "/steps/x/" */
	char *output_path;   /* file in the output: "steps/x/index.html" */
	char *section;       /* folder under content/: "steps", "" at the top */
	enum page_kind kind;

	size_t lang;              /* its language: an index in config->languages */
	char *key;                /* what its translations share: its path under
	                             content/ without language and ".md"
	                             ("steps/x", "_index") */
	struct page **translations; /* owned; per language of the site, the
	                             same page in it (this page at [lang]), or
	                             NULL where there is none */
	/* From the front matter. */
	struct toml_value *front; /* the front matter tree, owned */
	const char *title;        /* required; borrowed from front */
	const char *description;  /* "" when absent; borrowed from front */
	const char *layout;       /* front matter layout, or NULL; borrowed */
	const char *translation_of; /* a translation's record of the version of
	                             its original it translates (site_version),
	                             or NULL; borrowed */
	int64_t weight;           /* order key; meaningful when has_weight */
	bool has_weight;
	char date[11];            /* "YYYY-MM-DD", or "" when absent */
	bool draft;
	bool safety;              /* show the theme's safety note */
	bool offline_copy;        /* offer the site's zip ([offline] archive) */

	/* The Markdown body. */
	char *source;             /* the whole file, owned */
	const char *body;         /* the body inside source (after front matter) */
	size_t body_len;
	int body_line;            /* line of the file the body starts on */

	/* Set by content_load once every page is known. */
	int step_number;          /* 1-based place in the main section, or 0 */
	struct page *prev, *next; /* neighbours in the main section, or NULL */

	/* Set by the markdown stage. */
	struct md_doc doc;        /* the body; its html and map are freed once
	                             page assembly has put them in the page
	                             (page.c) */
	bool rendered;            /* doc holds a rendered body */
};

struct site {
	struct config *config;    /* owned */
	struct page **pages;      /* owned; published order (see content.h) */
	size_t npages;
	struct page *home;        /* the PAGE_HOME page, or NULL; borrowed */
	struct page **steps;      /* the main section's pages in order; borrowed */
	size_t nsteps;
	char **assets;            /* other files under content/, relative to it; owned */
	size_t nassets;
	bool has_search;          /* the build makes search/index.html (set once
	                             the theme is loaded: theme_searches) */
	/*
	 * Languages.  langs[k] is the site as language k of config->languages
	 * sees it: a view whose pages, home and steps are that language's
	 * (every view borrows its pages from this site) and whose config is
	 * config_view's (the language's title, help lines...).  Every stage
	 * that makes something per language (theme, feeds, search, PDFs)
	 * takes the view.  A single-language site has one view, of every
	 * page.  The whole site's home and steps are the default language's.
	 */
	struct site **langs;      /* owned, nlangs; NULL in a view */
	size_t nlangs;
	struct site *whole;       /* a view's whole site; NULL in the whole */
	struct config view_config; /* a view's config (config_view) */
	char *not_found_path;     /* a view's 404 page in the output: "404.html",
	                             "ar/404.html"; owned; NULL in the whole */
};

struct buf;

/* Free one page and what it owns; NULL is allowed. */
void page_free(struct page *page);

/* Free a site and everything it owns; NULL is allowed. */
void site_free(struct site *site);

/*
 * Make site->langs from site->pages (in published order, each with its
 * lang set): each language's pages, home and steps, numbered and linked
 * to their neighbours; then the whole site's home and steps are the
 * default language's.  content_load calls it.
 */
void site_make_views(struct site *site);

/*
 * The version of page's text, as a translation records it in
 * `translation_of`: 16 hex digits of a 64-bit FNV-1a hash of its title,
 * description and body, into out (17 bytes).
 */
void site_version(const struct page *page, char out[17]);

/* Append the absolute URL of the site path path ("/steps/x/", or
   "atom.xml"): base_url, then path without its leading '/'. */
void site_permalink(const struct site *site, const char *path, struct buf *out);

#endif
