/*
 * theme — wrap each rendered page in the theme's Mustache layouts.
 *
 * A theme is a folder themes/NAME/ with layouts/NAME.mustache (one per kind of
 * page: home, section, page, 404, or the one a page names with `layout`),
 * partials/NAME.mustache (`{{> x}}` and `{{< x}}` find partials/x.mustache), and
 * static/, copied as-is to the site root, and i18n/LANG.toml, the theme's
 * words in each language (i18n.h: templates see them as "t", and the texts
 * with numbers mend makes, "Step 3 of 9", in the page's language; a
 * theme without them gets English).  This module builds the data a
 * template sees (documented in the README, "Making a theme") from the site
 * model; it renders, it does not write files.
 */
#ifndef MEND_THEME_H
#define MEND_THEME_H

#include <jansson.h>

#include "lib/buf.h"
#include "lib/srcmap.h"
#include "site/site.h"
#include "lib/template.h"
#include "site/i18n.h"

struct pdf_set;
struct theme;

/* Reserved ids: the calm theme's own, which heading slugs must avoid. */
extern const char *const theme_reserved_ids[];

/*
 * Open the theme the configuration names.  Returns the theme (free with
 * theme_free) or NULL after a diagnostic (an unknown theme, say).
 */
struct theme *theme_load(const struct config *cfg);
void theme_free(struct theme *theme);
/*
 * Compute what every page of site shares once: the menu, and for each
 * depth of page the "site" object, the menu and the steps with their
 * hrefs (pages then share them instead of making their own).  Rendering
 * does it on first use; call it first (after theme_set_pdfs) when pages
 * render on several threads, which is then safe.
 */
void theme_prepare(struct theme *theme, const struct site *site);
/* The year every page shows (site.year): SOURCE_DATE_EPOCH's when it is
   set, else this year's. */
int theme_build_year(void);

/* The theme's folder, "themes/NAME"; owned by the theme. */
const char *theme_dir(const struct theme *theme);
/*
 * The theme's words in every language (i18n.h: i18n_text(words, "ar",
 * "safety.heading")), for what else prints them, such as the PDFs; owned
 * by the theme.
 */
const struct i18n *theme_i18n(const struct theme *theme);
/* The tag of the site's language k (config.h's languages; k past the
   last: the default's), "ar"; owned by the theme. */
const char *theme_lang(const struct theme *theme, size_t k);

/*
 * Render page (whose body, page->doc.html, is ready) with its layout and
 * append the HTML to out; when map is not NULL, add to it which template
 * line wrote what (offsets are out's).  When body_at is not NULL, it is
 * set to where the body went in out (the first place the layout writes
 * page.content as it is), or SIZE_MAX when the layout does not show it.  Returns 0, or -1 after a
 * diagnostic.
 */
int theme_render_page(struct theme *theme, const struct site *site,
    const struct page *page, struct buf *out, struct srcmap *map,
    size_t *body_at);
/*
 * Render an exercise's form: the theme's partials/exercise.mustache with
 * view (form.h's data) and the theme's words in the site's language lang
 * (an index in config.h's languages) as "t", appended to out, adding to
 * map (when not NULL)
 * which template line wrote what, with offsets counted from the form's
 * start.  where and line say who asked for it, for a diagnostic when the
 * theme has no such partial.  Returns 0, or -1 after a diagnostic.
 */
int theme_render_exercise(struct theme *theme, const json_t *view,
    size_t lang, struct buf *out, struct srcmap *map, const char *where,
    int line);
/*
 * Tell the theme which PDFs there are (pdf.h makes them: their paths,
 * titles, exercises, papers, page counts, sizes and languages are copied
 * from pdfs, whose files are in the order the pages list them), before
 * pages render; the pages of each file's language list it.  The
 * data then has, as lists of groups {title, files: [{paper, href, pages,
 * pages_label ("3 pages"), size ("48 KB"), meta ("(PDF, 3 pages, 48
 * KB)"), link_text ("Rewrite an apology, A4"), bytes}]}, the words in the
 * page's language (i18n.h), one group per
 * worksheet or booklet edition, files in paper order:
 * site.worksheets (every exercise's), site.booklets (the counselor's
 * booklets), page.worksheets (the exercises on that page); and
 * site.has_worksheets, site.has_booklets, page.has_worksheets.
 */
void theme_set_pdfs(struct theme *theme, const struct pdf_set *pdfs);

/*
 * [offline] archive: what the pages say of the site's zip (archive.h), as
 * site.archive.  Until it is made (bytes 0) that is {inside: true,
 * folder}: the pages as the zip holds them, whose offer says the reader
 * has the copy.  Once made, {href, size ("3.2 MB"), folder}: the site's
 * pages, which offer it.  Pages render with it after theme_prepare again.
 */
void theme_set_archive(struct theme *theme, size_t bytes);

/* Render the 404 page of language lang (404.html, "ar/404.html"; layout
   404) into out and map, likewise.  Returns 0 or -1. */
int theme_render_404(struct theme *theme, const struct site *site, size_t lang,
    struct buf *out, struct srcmap *map);

/* Does the site get a search page: [search] enabled, and the theme has
   layouts/search.mustache (a theme without it builds no search)? */
bool theme_searches(const struct theme *theme);

/*
 * Render the search page of language lang (the layout "search", served at
 * search/index.html, "ar/search/index.html") into out.  Returns 0, or -1
 * after a diagnostic.
 */
int theme_render_search(struct theme *theme, const struct site *site,
    size_t lang, struct buf *out);

#endif
