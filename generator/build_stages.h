/*
 * build_stages — the build's stages, for the build driver (build.c) and
 * the incremental builder (live.c), which runs them again on what changed
 * instead of copying them.  Nothing else includes this header: the
 * commands call build.h and live.h.
 */
#ifndef MEND_BUILD_STAGES_H
#define MEND_BUILD_STAGES_H

#include <stdbool.h>
#include <stddef.h>

#include "build.h"
#include "exercise/exercise.h"
#include "lib/diag.h"
#include "pdf/pdf.h"
#include "site/markdown.h"

struct check_state;
struct mdlinks;
struct check_summary;
struct output;
struct page;
struct page_html;

/* Everything a build or a check loads from the project. */
struct project {
	struct site *site;            /* owned */
	struct theme *theme;          /* owned */
	struct page_html *pages;      /* owned; every page, then 404.html */
	size_t npages;
	struct exercise_set exercises; /* those the pages use, loaded once */
	struct pdf_set pdfs;          /* the printable PDFs, made in memory */
	struct mdlinks *links;        /* which page each Markdown source is, for
	                                 links to .md files (the markdown stage
	                                 makes it); owned */
	int threads;                  /* the per-page stages run on this many */
};

/*
 * Load the project in the current folder, make the PDFs pdfs asks for
 * (none when NULL), and, when render is set, render every page in memory.
 * Returns EXIT_OK, or the exit status after diagnostics.
 */
int project_load(struct project *p, const struct build_options *opt,
    const struct pdf_request *pdfs, bool render);
void project_free(struct project *p);

/* The options the markdown stage renders every body of p with (after
   render_bodies, which makes p->links, the index they use). */
struct md_options build_md_options(const struct project *p);

/* The markdown stage: render every page's body (on p->threads threads;
   every page's problems are reported).  Returns 0, or -1. */
int render_bodies(struct project *p);

/* The exercise stage (every page), and the same for one page: load each
   exercise a body names and put its form in its place.  Returns 0, or -1
   after diagnostics. */
int insert_exercises(struct project *p);
int insert_page_exercises(struct project *p, struct page *page);

/* Page assembly: every page and 404.html into p->pages (whose entries
   hold nothing), after theme_prepare.  Returns 0, or -1 after the
   diagnostics of the pages up to the first that failed. */
int render_pages(struct project *p);

/*
 * The print stage: make the PDFs req asks for into p->pdfs (in memory)
 * and tell the theme about them.  Returns 0, or -1 after diagnostics.
 */
int make_pdfs(struct project *p, const struct pdf_request *req);

/*
 * What the PDFs of language k (an index in config->languages) are made
 * from: src (its view of the site and the exercises in its language, a
 * list to free), and in req, its language and, unless req has words
 * already, its words (from the theme's translation files, into words).
 */
void pdf_language(const struct project *p, size_t k, struct pdf_source *src,
    struct pdf_request *req, struct pdf_words *words);

/* Write every page, then the site files, into the staging folder.
   Returns 0, or -1 after a diagnostic. */
int write_site(const struct project *p, struct output *out);

/*
 * Check the site in dir as a build does (see build.c); when keep is not
 * NULL, what the checks read is kept in *keep for check_again.  Returns
 * check_site's result (0 clean, 1 errors, -1 unreadable) and fills sum.
 */
int run_checks(const struct project *p, const char *dir, const char *shown,
    bool written, bool external, int threads, struct check_summary *sum,
    struct check_state **keep);

/*
 * Check p again after the pages (output paths) changed[0..n) were
 * rendered again, no file having been added or removed (check.h's
 * check_state_update).  Returns as run_checks does.
 */
int check_again(const struct project *p, struct check_state *state,
    const char *shown, const char *const *changed, size_t n,
    struct check_summary *sum);

/* What build_site_keep hands over after a good build. */
struct build_kept {
	struct project project;     /* the project as built and checked */
	struct check_state *check;  /* what the checks read; owned */
	struct diag_held stages;    /* the diagnostics of the stages before
	                               the checks, as emitted (the checks'
	                               own are the check state's) */
};

/*
 * build_site, keeping in *keep (zeroed by the caller) what it loaded and
 * what the checks read when the build succeeds (and opt->no_check is not
 * set); after a failure *keep holds nothing.  The stages' diagnostics are
 * held until the checks start (then emitted, and kept), so they must be
 * emitted on this thread.  Free with build_kept_free.
 */
int build_site_keep(const struct build_options *opt, struct build_kept *keep);
void build_kept_free(struct build_kept *keep);

#endif
