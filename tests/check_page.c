/*
 * page — page assembly as page.h promises it: a body, the forms of its
 * exercises and the theme's layout made one page of HTML whose map sends
 * each part back where it was written: a link or heading of the body to
 * its Markdown line and column, the rest of the body to its Markdown
 * line, an element of a form to the exercise partial's line, an element
 * of the layout to the layout's (or its partial's) line.  The body goes
 * where the layout writes it, forms where their blocks were; nothing is
 * searched for.
 */
#include <check.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exercise/exercise.h"
#include "exercise/model.h"
#include "harness.h"
#include "lib/buf.h"
#include "lib/srcmap.h"
#include "lib/util.h"
#include "site/config.h"
#include "site/content.h"
#include "site/markdown.h"
#include "site/page.h"
#include "site/site.h"
#include "site/theme.h"

/* The plain theme's exercise partial: each line says which it is. */
static const char exercise_partial[] =
    "<section class=\"exercise\" id=\"{{exercise.dom_id}}\">\n" /* 1 */
    "<h2>{{exercise.title}}</h2>\n"                            /* 2 */
    "<a href=\"form-link/\">what the form links to</a>\n"      /* 3 */
    "</section>";                                              /* 4 */

/* A step whose body links, heads and asks for two exercises. */
static const char step[] =
    "+++\n"
    "title = \"Step One\"\n"
    "weight = 1\n"
    "+++\n"
    "First [before](before/) paragraph.\n"  /* 5 */
    "\n"
    "```exercise first\n"                  /* 7 */
    "```\n"
    "\n"
    "## Between *them*\n"                  /* 10 */
    "\n"
    "- item\n"                             /* 12 */
    "  ```exercise second\n"               /* 13 */
    "  ```\n"
    "\n"
    "Last ![an image](after.png) line\n"   /* 16 */
    "and [after](after/).\n";              /* 17 */

struct fixture {
	char *dir;            /* the project, the current folder */
	struct site *site;    /* loaded, bodies rendered */
	struct theme *theme;
	struct exercise ex;   /* "first": a model with one date field */
};

static void
fixture_begin(struct fixture *f, const char *layout)
{
	struct content_options copt = { "content", false, 1 };
	struct md_options mdopt = { false, theme_reserved_ids, NULL, NULL };
	char src[4200];
	json_t *raw;
	size_t i;

	memset(f, 0, sizeof(*f));
	f->dir = harness_tmpdir();
	snprintf(src, sizeof(src), "%s/tests/sites/base", harness_root());
	harness_copytree(src, f->dir);
	harness_write(f->dir, "content/steps/one.md", step);
	harness_write(f->dir, "themes/plain/partials/exercise.mustache",
	    exercise_partial);
	if (layout != NULL)
		harness_write(f->dir, "themes/plain/layouts/page.mustache", layout);
	ck_assert_int_eq(chdir(f->dir), 0);
	f->site = xcalloc(1, sizeof(*f->site));
	f->site->config = config_load("site.toml");
	ck_assert_ptr_nonnull(f->site->config);
	ck_assert_int_eq(content_load(f->site, &copt), 0);
	for (i = 0; i < f->site->npages; i++) {
		struct page *p = f->site->pages[i];

		ck_assert_int_eq(markdown_render(p->body, p->body_len,
		    p->source_path, p->body_line, &mdopt, &p->doc), 0);
		p->rendered = true;
	}
	f->theme = theme_load(f->site->config);
	ck_assert_ptr_nonnull(f->theme);
	raw = json_pack("{s:s, s:s, s:[{s:s, s:s, s:s}]}", "type", "exercise",
	    "title", "The first", "fields", "type", "date", "id", "d", "label",
	    "D");
	f->ex.name = xstrdup("first");
	f->ex.model = model_validate("exercises/first.lua", "first", raw);
	ck_assert_ptr_nonnull(f->ex.model);
	json_decref(raw);
}

static void
fixture_end(struct fixture *f)
{
	model_free(f->ex.model);
	free(f->ex.name);
	theme_free(f->theme);
	site_free(f->site);
	ck_assert_int_eq(chdir(harness_root()), 0);
	harness_rmtree(f->dir);
	free(f->dir);
}

static struct page *
page_at(const struct site *site, const char *url)
{
	size_t i;

	for (i = 0; i < site->npages; i++)
		if (strcmp(site->pages[i]->url, url) == 0)
			return site->pages[i];
	ck_abort_msg("no page at %s", url);
	return NULL;
}

/* Put every form of page in, as the build does. */
static void
insert_forms(struct fixture *f, struct page *page)
{
	size_t k;

	for (k = 0; k < page->doc.nexercises; k++)
		ck_assert_int_eq(page_insert_form(page, k, f->theme, &f->ex), 0);
}

/* "FILE:LINE:COL" the map gives the first byte of the skip+1-th needle
   in the page, or "-" when it knows none. */
static const char *
source_of(const struct page_html *ph, const char *needle, int skip)
{
	static char text[4400];
	const char *html = buf_str(&ph->html), *at = strstr(html, needle);
	struct srcmap_pos pos;

	while (at != NULL && skip-- > 0)
		at = strstr(at + 1, needle);
	ck_assert_msg(at != NULL, "no %s in\n%s", needle, html);
	if (!srcmap_find(&ph->map, (size_t)(at - html), &pos))
		return "-";
	snprintf(text, sizeof(text), "%s:%d:%d", pos.file, pos.line, pos.col);
	return text;
}

#define PARTIAL "themes/plain/partials/exercise.mustache"
#define LAYOUT "themes/plain/layouts/page.mustache"
#define BASE "themes/plain/partials/base.mustache"
#define STEP "content/steps/one.md"

START_TEST(each_part_of_a_page_leads_back_to_its_source)
{
	struct fixture f;
	struct page_html ph;
	struct page *page;

	fixture_begin(&f, NULL);
	page = page_at(f.site, "/steps/one/");
	insert_forms(&f, page);
	memset(&ph, 0, sizeof(ph));
	ck_assert_int_eq(page_assemble(&ph, f.theme, f.site, page, 0), 0);
	ck_assert_ptr_eq(ph.page, page);
	ck_assert_str_eq(ph.output_path, "steps/one/index.html");
	/* The body: links, images and headings at their line and column,
	   the rest at its line. */
	ck_assert_str_eq(source_of(&ph, "<p>First", 0), STEP ":5:0");
	ck_assert_str_eq(source_of(&ph, "<a href=\"before/\"", 0), STEP ":5:7");
	ck_assert_str_eq(source_of(&ph, "<h2 id=\"between-them\"", 0), STEP ":10:1");
	ck_assert_str_eq(source_of(&ph, "<em>them", 0), STEP ":10:0");
	ck_assert_str_eq(source_of(&ph, "<li>", 0), STEP ":12:0");
	ck_assert_str_eq(source_of(&ph, "<img src=\"after.png\"", 0), STEP ":16:6");
	ck_assert_str_eq(source_of(&ph, "<a href=\"after/\"", 0), STEP ":17:5");
	ck_assert_str_eq(source_of(&ph, "and ", 0), STEP ":17:0");
	/* Each form where its block was, at the partial's lines. */
	ck_assert_str_eq(source_of(&ph, "<section class=\"exercise\"", 0), PARTIAL ":1:0");
	ck_assert_str_eq(source_of(&ph, "<h2>The first", 0), PARTIAL ":2:0");
	ck_assert_str_eq(source_of(&ph, "<a href=\"form-link/\"", 0), PARTIAL ":3:0");
	ck_assert_str_eq(source_of(&ph, "</section>", 0), PARTIAL ":4:0");
	ck_assert_str_eq(source_of(&ph, "<a href=\"form-link/\"", 1), PARTIAL ":3:0");
	ck_assert_ptr_nonnull(strstr(buf_str(&ph.html), "<p>First <a href=\"before/\">"
	    "before</a> paragraph.</p>\n<section class=\"exercise\""));
	ck_assert_ptr_nonnull(strstr(buf_str(&ph.html), "<li>item\n<section "));
	/* The layout around the body, and the parent layout around it. */
	ck_assert_str_eq(source_of(&ph, "<h1>", 0), LAYOUT ":3:0");
	ck_assert_str_eq(source_of(&ph, "<a rel=\"next\"", 0), LAYOUT ":7:0");
	ck_assert_str_eq(source_of(&ph, "<title>", 0), BASE ":5:0");
	ck_assert_str_eq(source_of(&ph, "</main>", 0), BASE ":14:0");
	/* The body is in the page now: the page's doc let it go. */
	ck_assert_ptr_null(page->doc.html);
	ck_assert_uint_eq(page->doc.map.nruns, 0);
	page_html_free(&ph);
	fixture_end(&f);
}
END_TEST

/* A layout that writes the body twice, escaped or not at all: only the
   first copy written as it is goes back to the Markdown. */
START_TEST(the_body_goes_where_the_layout_writes_it)
{
	struct fixture f;
	struct page_html ph;
	struct page *page;

	fixture_begin(&f, "<main>\n<pre>{{page.content}}</pre>\n"
	    "<div>{{{page.content}}}</div>\n<div>\n{{{page.content}}}</div>\n"
	    "</main>\n");
	page = page_at(f.site, "/steps/one/");
	insert_forms(&f, page);
	memset(&ph, 0, sizeof(ph));
	ck_assert_int_eq(page_assemble(&ph, f.theme, f.site, page, 0), 0);
	ck_assert_str_eq(source_of(&ph, "&lt;a href=&quot;before/", 0), LAYOUT ":2:0");
	ck_assert_str_eq(source_of(&ph, "<a href=\"before/\"", 0), STEP ":5:7");
	ck_assert_str_eq(source_of(&ph, "<a href=\"form-link/\"", 0), PARTIAL ":3:0");
	ck_assert_str_eq(source_of(&ph, "</div>", 0), LAYOUT ":3:0");
	ck_assert_str_eq(source_of(&ph, "<a href=\"before/\"", 1), LAYOUT ":5:0");
	ck_assert_str_eq(source_of(&ph, "<a href=\"form-link/\"", 2), LAYOUT ":5:0");
	page_html_free(&ph);
	fixture_end(&f);
	/* Not shown at all: the page is the layout's alone. */
	fixture_begin(&f, "<main>\n<h1>{{page.title}}</h1>\n</main>\n");
	page = page_at(f.site, "/steps/one/");
	insert_forms(&f, page);
	memset(&ph, 0, sizeof(ph));
	ck_assert_int_eq(page_assemble(&ph, f.theme, f.site, page, 0), 0);
	ck_assert_str_eq(buf_str(&ph.html), "<main>\n<h1>Step One</h1>\n</main>\n");
	ck_assert_str_eq(source_of(&ph, "<h1>", 0), LAYOUT ":2:0");
	ck_assert_uint_eq(ph.map.nfiles, 1);
	page_html_free(&ph);
	fixture_end(&f);
}
END_TEST

/* 404.html: the layout's lines, no body. */
START_TEST(the_404_page_is_its_layout)
{
	struct fixture f;
	struct page_html ph;

	fixture_begin(&f, NULL);
	memset(&ph, 0, sizeof(ph));
	ck_assert_int_eq(page_assemble(&ph, f.theme, f.site, NULL, 0), 0);
	ck_assert_ptr_null(ph.page);
	ck_assert_str_eq(ph.output_path, "404.html");
	ck_assert_str_eq(source_of(&ph, "<h1>Page not found", 0),
	    "themes/plain/layouts/404.mustache:2:0");
	ck_assert_str_eq(source_of(&ph, "<html", 0), BASE ":2:0");
	page_html_free(&ph);
	page_html_free(NULL);
	fixture_end(&f);
}
END_TEST

/* A form the theme cannot draw: said at the block's line, and the body
   left as it was. */
START_TEST(a_form_without_a_partial_is_an_error_at_its_block)
{
	struct fixture f;
	struct page *page;
	char *said, *before;

	fixture_begin(&f, NULL);
	ck_assert_int_eq(unlink("themes/plain/partials/exercise.mustache"), 0);
	page = page_at(f.site, "/steps/one/");
	before = xstrdup(page->doc.html);
	harness_diags_begin();
	ck_assert_int_eq(page_insert_form(page, 1, f.theme, &f.ex), -1);
	said = harness_diags_end();
	ck_assert_str_eq(said, "content/steps/one.md:13: error: the theme has no "
	    "themes/plain/partials/exercise.mustache, which draws an exercise's form\n");
	ck_assert_str_eq(page->doc.html, before);
	free(said);
	free(before);
	fixture_end(&f);
}
END_TEST

static Suite *
page_suite(void)
{
	Suite *s = suite_create("page");
	TCase *tc = tcase_create("assembly");

	tcase_add_test(tc, each_part_of_a_page_leads_back_to_its_source);
	tcase_add_test(tc, the_body_goes_where_the_layout_writes_it);
	tcase_add_test(tc, the_404_page_is_its_layout);
	tcase_add_test(tc, a_form_without_a_partial_is_an_error_at_its_block);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(page_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
