/*
 * live — incremental rebuilds, for `mend serve`: a full build kept in
 * memory (the project as loaded and rendered, and what the checks read),
 * then, for each batch of changed files, only what depends on them is made
 * again, and the output folder is brought to exactly the bytes a full
 * `mend build` of the files as they are now would make.
 *
 * What an update does for each kind of change (see the README,
 * "Incremental rebuilds"):
 * - a page whose front matter is unchanged (a body edit that keeps its
 *   exercises): that page is rendered again, and the counselor's booklets
 *   when the page is in them (the home page, a step), provided their size
 *   and page count, which pages show, stay the same;
 * - a file of the theme's static/ or a content asset that was there
 *   before and still is (not HTML): copied;
 * - a layout or partial of the theme: the theme again, and every page
 *   rendered again in memory (only those that changed are written);
 * - an exercise script: that script run again, every PDF made again and
 *   every page rendered again in memory;
 * - anything else (site.toml, a page's front matter, a page or file added
 *   or removed), and any change when site.toml enables [offline] (sw.js
 *   versions every file): a full build.
 * Either way the checks run over the whole site (from what they read
 * before, reading only the changed pages again) and report exactly what a
 * full build's would, and the stages' diagnostics are those of a full
 * build; a failure leaves the folder exactly as it was.  Files are
 * replaced one by one, each written beside itself and renamed over it,
 * once everything has succeeded.
 *
 * Diagnostics go through diag, on the calling thread.  Nothing is printed
 * on standard output (the caller says what it wants to).
 */
#ifndef MEND_LIVE_H
#define MEND_LIVE_H

#include <stdbool.h>
#include <stddef.h>

struct live;                       /* the state kept between builds */

struct live_options {
	const char *out_dir;           /* the folder the site is built into (must be given) */
	const char *base_url;          /* NULL: site.toml's */
	bool drafts;                   /* include drafts */
	int jobs;                      /* threads; 0: one per core */
};

/* Start from the project in the current folder; nothing is built yet.
   opt's strings are copied. */
struct live *live_new(const struct live_options *opt);

/*
 * A full build into out_dir, exactly what `mend build -o out_dir` makes
 * (checks included), keeping in memory what later updates reuse.  Returns
 * an exit status (EXIT_OK, ...); diagnostics are emitted through diag as in
 * a build; on failure out_dir is unchanged.
 */
int live_build_all(struct live *lv);

/*
 * paths[0..n): project-relative files that changed, were created or were
 * removed since the last call ("content/steps/a.md",
 * "themes/calm/layouts/page.mustache", "site.toml", "exercises/x.lua",
 * "content/img/a.png").  Brings out_dir to exactly the bytes a full
 * `mend build` of the files as they are now would make, re-rendering only
 * what depends on the change (falling back to a full build where that is
 * simpler and still correct).  Returns an exit status; on failure
 * (diagnostics emitted) out_dir is left exactly as it was: the last good
 * site.  After a failure the next update is a full build.  n == 0 (paths
 * may then be NULL) means the changes are not known (a watcher lost
 * events): a full build.
 */
int live_update(struct live *lv, const char *const *paths, size_t n);

/*
 * What the last live_build_all or live_update did: true when it was a
 * full build (any file of out_dir may have changed); otherwise *written
 * is set to the output paths ("steps/a/index.html") it replaced, *n to
 * how many (none: the site did not change), borrowed until the next call.
 */
bool live_last_full(const struct live *lv, const char *const **written,
    size_t *n);

void live_free(struct live *lv);

/* `mend debug live-update -o DIR [-j N]` (live_debug.c), a debugging
   and benchmarking aid: a full build, then an update for each line of
   standard input (the changed files, separated by tabs), each answered
   with a line "STATUS SECONDS full" or "STATUS SECONDS N files". */
int live_debug_update(int argc, char **argv);

#endif
