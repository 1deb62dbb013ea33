/*
 * theme — wrap each rendered page in the theme's Mustache layouts.
 *
 * A theme is a folder themes/NAME/ with layouts/NAME.mustache (one per kind of
 * page: home, section, page, 404, or the one a page names with `layout`),
 * partials/NAME.mustache (`{{> x}}` and `{{< x}}` find partials/x.mustache), and
 * static/, copied as-is to the site root.  This module builds the data a
 * template sees (documented in the README, "Making a theme") from the site
 * model; it renders, it does not write files.
 */
#ifndef MEND_THEME_H
#define MEND_THEME_H

#include "buf.h"
#include "site.h"
#include "template.h"

struct theme;

/* Reserved ids: the calm theme's own, which heading slugs must avoid. */
extern const char *const theme_reserved_ids[];

/*
 * Open the theme the configuration names.  Returns the theme (free with
 * theme_free) or NULL after a diagnostic (an unknown theme, say).
 */
struct theme *theme_load(const struct config *cfg);
void theme_free(struct theme *theme);
/* The theme's folder, "themes/NAME"; owned by the theme. */
const char *theme_dir(const struct theme *theme);

/*
 * Render page (whose body the markdown stage has rendered) with its layout
 * and append the HTML to out; when trace is not NULL, record in it which
 * template line wrote what (for the checks).  Returns 0, or -1 after a
 * diagnostic.
 */
int theme_render_page(struct theme *theme, const struct site *site,
    const struct page *page, struct buf *out, struct template_trace *trace);
/* Render 404.html (layout 404) into out, likewise.  Returns 0 or -1. */
int theme_render_404(struct theme *theme, const struct site *site, struct buf *out,
    struct template_trace *trace);

#endif
