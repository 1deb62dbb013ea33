/*
 * page — page assembly: a page's body, the forms of its exercises and the
 * theme's layout into one page of HTML, with its source map.
 *
 * Every part arrives with its own map (srcmap.h): the body from the
 * markdown stage (Markdown lines and columns), each form from the theme's
 * exercise partial, the page from its layout (template lines).  Putting a
 * part into another splices the part's map into the other's at the place
 * the part went, which the stage that put it there knows: an exercise's
 * form goes where the markdown stage noted its block (md_exercise.offset),
 * the body goes where the layout's render says it wrote page.content.
 * Nothing is searched for in the HTML.  The finished page's map then says,
 * for any byte, which Markdown line, form template line or layout line
 * made it: what the checks report a problem at.
 *
 * It renders and splices; loading exercises, threads and writing files
 * are the build's.
 */
#ifndef MEND_PAGE_H
#define MEND_PAGE_H

#include <stddef.h>

#include "lib/buf.h"
#include "lib/srcmap.h"
#include "site/site.h"

struct exercise;
struct theme;

/* A page as assembled, kept until the checks have read it. */
struct page_html {
	const struct page *page;   /* the source page; NULL for 404.html */
	const char *output_path;   /* "steps/x/index.html", "ar/404.html";
	                              borrowed from the page, or from its
	                              language's view (site.h) */
	struct buf html;           /* the page as written */
	size_t body_at, body_len;  /* where the page's body is in html
	                              (body_at SIZE_MAX: the layout has none) */
	struct srcmap map;         /* where each byte of html came from */
};

/*
 * Put the form of page's k-th exercise block (ex, its exercise, loaded)
 * in its place in the body: the theme's exercise partial renders it into
 * page->doc.html at the block's offset, its map is spliced into
 * page->doc.map there, and the later blocks' offsets move on past it.
 * Returns 0, or -1 after a diagnostic at the block's line (the theme has
 * no exercise partial, say).
 */
int page_insert_form(struct page *page, size_t k, struct theme *theme,
    const struct exercise *ex);

/*
 * Assemble page (NULL: the 404 page of language lang, at its view's
 * not_found_path) into out (zeroed by the caller): its
 * layout rendered with the site's data, and the body's map spliced where
 * the layout wrote the body.  The body (page->doc.html and its map) is in
 * out now: it is freed.  Returns 0, or -1 after a diagnostic.
 */
int page_assemble(struct page_html *out, struct theme *theme,
    const struct site *site, struct page *page, size_t lang);

/* Free what out holds (not the page it came from); NULL is allowed. */
void page_html_free(struct page_html *out);

#endif
