/*
 * page — page assembly.  See page.h.
 *
 * Two splices make a page's map.  A form is inserted (the body's bytes
 * after it move on, and the position in force where it went goes on
 * after it); the body is laid over the bytes the layout's render wrote
 * for page.content, which the map had given to the template line of the
 * {{{page.content}}} tag.
 */
#include "site/page.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "exercise/exercise.h"
#include "exercise/form.h"
#include "lib/lang.h"
#include "site/config.h"
#include "site/theme.h"

/*
 * Give the form's view its heading levels: the exercise's title one level
 * below the heading its block sits under (an h2 straight under the page's
 * title, an h3 under a "##"), a table's title one further, neither past
 * h6, so the page's outline has no level skipped wherever the block is.
 */
static void
heading_levels(json_t *view, int under)
{
	json_t *ex = json_object_get(view, "exercise");
	int title = under < 6 ? under + 1 : 6;

	if (ex == NULL)
		return;
	json_object_set_new(ex, "heading_level", json_integer(title));
	json_object_set_new(ex, "table_heading_level",
	    json_integer(title < 6 ? title + 1 : 6));
}

/*
 * Give the form's view the language of the exercise's own texts (its
 * title, labels, help, messages), "text_lang" and "text_dir", where it is
 * not the page's: a page in a language the exercise has no translation
 * into gets the original, in the site's default language, and the theme
 * marks those texts with it (partials/exercise-lang.mustache) while its
 * own words stay in the page's.
 */
static void
text_language(json_t *view, const struct exercise *ex, const struct theme *theme,
    const char *page_lang)
{
	const char *lang = ex->lang != NULL ? ex->lang : theme_lang(theme, SIZE_MAX);
	json_t *form = json_object_get(view, "exercise");

	if (form == NULL || strcasecmp(lang, page_lang) == 0)
		return;
	json_object_set_new(form, "text_lang", json_string(lang));
	json_object_set_new(form, "text_dir", json_string(lang_dir(lang)));
}

int
page_insert_form(struct page *page, size_t k, struct theme *theme,
    const struct exercise *ex)
{
	struct md_doc *doc = &page->doc;
	struct md_exercise *block = &doc->exercises[k];
	struct buf form = BUF_INIT, html = BUF_INIT;
	struct srcmap form_map = SRCMAP_INIT;
	const char *lang = theme_lang(theme, page->lang);
	json_t *view = form_view(ex->model, theme_i18n(theme), lang);  /* its words */
	size_t j;
	int status;

	heading_levels(view, block->under);
	text_language(view, ex, theme, lang);
	status = theme_render_exercise(theme, view, page->lang, &form, &form_map,
	    page->source_path, block->line);
	json_decref(view);
	if (status == 0) {
		buf_put(&html, doc->html, block->offset);
		buf_put(&html, form.data, form.len);
		buf_put(&html, doc->html + block->offset,
		    doc->html_len - block->offset);
		free(doc->html);
		doc->html_len = html.len;
		doc->html = buf_detach(&html);
		srcmap_splice(&doc->map, block->offset, 0, &form_map, form.len);
		for (j = k + 1; j < doc->nexercises; j++)
			doc->exercises[j].offset += form.len;
	}
	srcmap_free(&form_map);
	buf_free(&form);
	return status;
}

int
page_assemble(struct page_html *out, struct theme *theme,
    const struct site *site, struct page *page, size_t lang)
{
	size_t body_at;
	int status;

	out->page = page;
	out->body_at = SIZE_MAX;
	out->body_len = 0;
	out->output_path = page != NULL ? page->output_path :
	    site->langs[lang]->not_found_path;
	if (page == NULL)
		status = theme_render_404(theme, site, lang, &out->html, &out->map);
	else {
		struct md_doc *doc = &page->doc;

		status = theme_render_page(theme, site, page, &out->html,
		    &out->map, &body_at);
		if (status == 0 && body_at != SIZE_MAX) {
			srcmap_splice(&out->map, body_at, doc->html_len, &doc->map,
			    doc->html_len);
			out->body_at = body_at;
			out->body_len = doc->html_len;
		}
		/* The body is in the page now, with its map: done with it,
		   unless the pages render again once the site's zip is made,
		   to offer it with its size (build.c, write_archive). */
		if (!site->config->offline_archive) {
			free(doc->html);
			doc->html = NULL;
			doc->html_len = 0;
			srcmap_free(&doc->map);
		}
	}
	buf_shrink(&out->html);  /* kept until the checks: without the slack */
	return status;
}

void
page_html_free(struct page_html *out)
{
	if (out == NULL)
		return;
	buf_free(&out->html);
	srcmap_free(&out->map);
}
