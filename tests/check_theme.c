/*
 * theme — loading a theme folder and rendering pages through it, as
 * theme.h promises: the theme the configuration names, or a diagnostic at
 * its line in site.toml; each kind of page through its layout (home,
 * section, page, 404, or the one a page names), with partials found in
 * partials/; the data the README documents (steps, menu, neighbours, the
 * table of contents, site.year from SOURCE_DATE_EPOCH); a missing layout
 * or partial named where it is needed.
 */
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/util.h"
#include "site/config.h"
#include "site/content.h"
#include "site/markdown.h"
#include "site/site.h"
#include "site/theme.h"
#include "harness.h"

/* The fixture site copied into a fresh folder, made the current one. */
static char *
fixture(void)
{
	char *dir = harness_tmpdir(), src[4200];

	snprintf(src, sizeof(src), "%s/tests/sites/base", harness_root());
	harness_copytree(src, dir);
	ck_assert_int_eq(chdir(dir), 0);
	return dir;
}

static void
fixture_end(char *dir)
{
	ck_assert_int_eq(chdir(harness_root()), 0);
	harness_rmtree(dir);
	free(dir);
}

/* The site in the current folder, loaded, every body rendered. */
static struct site *
load_site(void)
{
	struct content_options opt = { "content", false, 1 };
	struct md_options mdopt = { false, theme_reserved_ids, NULL, NULL };
	struct site *site = xcalloc(1, sizeof(*site));
	size_t i;

	site->config = config_load("site.toml");
	ck_assert_ptr_nonnull(site->config);
	ck_assert_int_eq(content_load(site, &opt), 0);
	for (i = 0; i < site->npages; i++) {
		struct page *p = site->pages[i];

		ck_assert_int_eq(markdown_render(p->body, p->body_len, p->source_path,
		    p->body_line, &mdopt, &p->doc), 0);
		p->rendered = true;
	}
	return site;
}

/* The page at url. */
static const struct page *
page_at(const struct site *site, const char *url)
{
	size_t i;

	for (i = 0; i < site->npages; i++)
		if (strcmp(site->pages[i]->url, url) == 0)
			return site->pages[i];
	ck_abort_msg("no page at %s", url);
	return NULL;
}

/* Render the page at url (NULL: the 404 page) with the site's theme:
   the HTML, or the diagnostics when it fails. */
static char *
render(const char *url)
{
	struct site *site = load_site();
	struct theme *theme = theme_load(site->config);
	struct buf out = BUF_INIT;
	char *said;
	int status;

	ck_assert_ptr_nonnull(theme);
	harness_diags_begin();
	status = url != NULL ? theme_render_page(theme, site, page_at(site, url), &out,
	    NULL, NULL) : theme_render_404(theme, site, 0, &out, NULL);
	said = harness_diags_end();
	theme_free(theme);
	site_free(site);
	if (status != 0) {
		ck_assert_int_eq(status, -1);
		buf_free(&out);
		return said;
	}
	ck_assert_str_eq(said, "");
	free(said);
	return buf_detach(&out);
}

#define PLAIN_HEAD(title, description, root) \
	"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n" \
	"<title>" title " | Fixture Guide</title>\n" \
	"<meta name=\"description\" content=\"" description "\" />\n" \
	"<link rel=\"stylesheet\" href=\"" root "plain.css\" />\n</head>\n<body>\n" \
	"<a class=\"exit\" href=\"https://www.bbc.co.uk/weather\" rel=\"noreferrer\">" \
	"Exit this page</a>\n"

START_TEST(a_step_through_its_layout)
{
	char *dir = fixture(), *html = render("/steps/one/");

	ck_assert_text(html,
	    PLAIN_HEAD("Step One", "The first step.", "../../")
	    "<nav><a href=\"../../index.html\">Home</a> <a href=\"../../steps/index.html\" "
	    "aria-current=\"page\">The steps</a> <a href=\"../../about/index.html\">About</a> </nav>\n"
	    "<main id=\"main\">\n"
	    "<p>Step 1 of 2</p>\n"
	    "<h1>Step One</h1>\n"
	    "<ul class=\"toc\"><li><a href=\"#why-it-matters\">Why it matters</a></li>"
	    "<li><a href=\"#what-to-do\">What to do</a></li></ul>\n"
	    "<p>First paragraph.</p>\n"
	    "<h2 id=\"why-it-matters\">Why it matters</h2>\n"
	    "<p>Because.</p>\n"
	    "<h2 id=\"what-to-do\">What to do</h2>\n"
	    "<p>Do it.</p>\n\n\n"
	    "<a rel=\"next\" href=\"../../steps/two/index.html\">Step Two</a>\n\n"
	    "</main>\n</body>\n</html>\n");
	free(html);
	fixture_end(dir);
}
END_TEST

START_TEST(each_kind_its_layout)
{
	char *dir = fixture(), *html;

	html = render("/");
	ck_assert_ptr_nonnull(strstr(html, "<nav><a href=\"./index.html\" aria-current=\"page\">"
	    "Home</a> <a href=\"./steps/index.html\">The steps</a> <a href=\"./about/index.html\">About</a> "
	    "</nav>"));
	ck_assert_ptr_nonnull(strstr(html, "<ol><li><a href=\"./steps/one/index.html\">1. Step One"
	    "</a></li><li><a href=\"./steps/two/index.html\">2. Step Two</a></li></ol>\n"
	    "<p class=\"safety\">Safety first.</p>"));
	free(html);
	html = render("/steps/");
	ck_assert_ptr_nonnull(strstr(html, "<h1>The steps</h1>\n<p>All the steps.</p>\n\n"
	    "<ul><li><a href=\"../steps/one/index.html\">Step One</a></li><li><a href=\""
	    "../steps/two/index.html\">Step Two</a></li></ul>"));
	/* No description: the site's. */
	ck_assert_ptr_nonnull(strstr(html, "content=\"A small site the tests build.\""));
	free(html);
	html = render("/steps/two/");
	ck_assert_ptr_nonnull(strstr(html, "<p>Step 2 of 2</p>\n<h1>Step Two</h1>\n\n"
	    "<p>Second. See <a href=\"../one/\">step one</a>.</p>\n\n"
	    "<a rel=\"prev\" href=\"../../steps/one/index.html\">Step One</a>\n\n"));
	free(html);
	html = render(NULL);
	ck_assert_ptr_nonnull(strstr(html, "<title>Page not found | Fixture Guide</title>"));
	ck_assert_ptr_nonnull(strstr(html, "<link rel=\"stylesheet\" href=\"/plain.css\" />"));
	ck_assert_ptr_nonnull(strstr(html, "<p><a href=\"/\">Home</a></p>"));
	free(html);
	fixture_end(dir);
}
END_TEST

START_TEST(layout_named_by_a_page)
{
	char *dir = fixture(), *html;

	harness_write(dir, "content/about.md", "+++\ntitle = \"About\"\nlayout = \"bare\"\n"
	    "+++\nAbout *this*.\n");
	harness_write(dir, "themes/plain/layouts/bare.mustache",
	    "{{page.kind}}: {{page.title}} {{{page.content}}}{{> sig}}");
	harness_write(dir, "themes/plain/partials/sig.mustache", "-- {{site.author}}\n");
	html = render("/about/");
	ck_assert_str_eq(html, "page: About <p>About <em>this</em>.</p>\n-- Fixture Author\n");
	free(html);
	fixture_end(dir);
}
END_TEST

START_TEST(site_year_from_source_date_epoch)
{
	char *dir = fixture(), *html;

	harness_write(dir, "themes/plain/layouts/page.mustache",
	    "{{site.year}} {{site.base_url}} {{page.permalink}} {{page.date_display}}");
	harness_write(dir, "content/about.md", "+++\ntitle = \"About\"\n"
	    "date = 2024-02-29\n+++\n");
	setenv("SOURCE_DATE_EPOCH", "0", 1);
	html = render("/about/");
	ck_assert_str_eq(html, "1970 https://fixture-guide.org/ "
	    "https://fixture-guide.org/about/ 29 February 2024");
	free(html);
	setenv("SOURCE_DATE_EPOCH", "1735689600", 1);  /* 2025-01-01 */
	html = render("/about/");
	ck_assert_str_eq(html, "2025 https://fixture-guide.org/ "
	    "https://fixture-guide.org/about/ 29 February 2024");
	free(html);
	unsetenv("SOURCE_DATE_EPOCH");
	fixture_end(dir);
}
END_TEST

START_TEST(unknown_theme)
{
	char *dir = fixture(), *said;
	struct config *cfg;

	harness_write(dir, "site.toml", "title = \"T\"\nbase_url = \"https://g.org/\"\n"
	    "theme =  \"nope\"\n");
	cfg = config_load("site.toml");
	harness_diags_begin();
	ck_assert_ptr_null(theme_load(cfg));
	said = harness_diags_end();
	ck_assert_str_eq(said, "site.toml:3:10: error: theme 'nope' not found: there "
	    "is no folder themes/nope\n");
	free(said);
	config_free(cfg);
	/* The default theme, calm, when site.toml names none. */
	harness_write(dir, "site.toml", "title = \"T\"\nbase_url = \"https://g.org/\"\n");
	cfg = config_load("site.toml");
	harness_diags_begin();
	ck_assert_ptr_null(theme_load(cfg));
	said = harness_diags_end();
	ck_assert_str_eq(said, "site.toml: error: theme 'calm' not found: there is no "
	    "folder themes/calm\n");
	free(said);
	config_free(cfg);
	fixture_end(dir);
}
END_TEST

START_TEST(theme_folder)
{
	char *dir = fixture();
	struct config *cfg = config_load("site.toml");
	struct theme *theme = theme_load(cfg);

	ck_assert_ptr_nonnull(theme);
	ck_assert_str_eq(theme_dir(theme), "themes/plain");
	theme_free(theme);
	theme_free(NULL);
	config_free(cfg);
	fixture_end(dir);
}
END_TEST

START_TEST(missing_layouts_named)
{
	char *dir = fixture(), *said;

	/* A layout the page names: at its front matter line. */
	harness_write(dir, "content/about.md", "+++\ntitle = \"About\"\n"
	    "layout =   \"wide\"\n+++\n");
	said = render("/about/");
	ck_assert_str_eq(said, "content/about.md:3:12: error: layout 'wide' not found "
	    "(themes/plain/layouts/wide.mustache)\n");
	free(said);
	/* A kind's own layout: naming the page that needs it. */
	ck_assert_int_eq(remove("themes/plain/layouts/section.mustache"), 0);
	said = render("/steps/");
	ck_assert_str_eq(said, "themes/plain/layouts/section.mustache: error: layout "
	    "not found, needed by content/steps/_index.md\n");
	free(said);
	ck_assert_int_eq(remove("themes/plain/layouts/404.mustache"), 0);
	said = render(NULL);
	ck_assert_str_eq(said, "themes/plain/layouts/404.mustache: error: layout "
	    "not found\n");
	free(said);
	fixture_end(dir);
}
END_TEST

START_TEST(missing_partial_named)
{
	char *dir = fixture(), *said;
	struct config *cfg;
	struct theme *theme;
	struct buf out = BUF_INIT;
	json_t *view = json_object();

	harness_write(dir, "themes/plain/layouts/page.mustache", "a\n{{> nowhere}}\n");
	said = render("/about/");
	ck_assert_str_eq(said, "themes/plain/layouts/page.mustache:2:1: error: partial "
	    "'nowhere' not found: there is no file themes/plain/partials/nowhere.mustache\n");
	free(said);
	/* The exercise partial: named at the page's line that asks for it. */
	cfg = config_load("site.toml");
	theme = theme_load(cfg);
	harness_diags_begin();
	ck_assert_int_eq(theme_render_exercise(theme, view, 0, &out, NULL,
	    "content/steps/one.md", 12), -1);
	said = harness_diags_end();
	ck_assert_str_eq(said, "content/steps/one.md:12: error: the theme has no "
	    "themes/plain/partials/exercise.mustache, which draws an exercise's form\n");
	free(said);
	harness_write(dir, "themes/plain/partials/exercise.mustache",
	    "<form id=\"{{id}}\"></form>");
	json_object_set_new(view, "id", json_string("x<y"));
	ck_assert_int_eq(theme_render_exercise(theme, view, 0, &out, NULL,
	    "content/steps/one.md", 12), 0);
	ck_assert_str_eq(buf_str(&out), "<form id=\"x&lt;y\"></form>");
	buf_free(&out);
	json_decref(view);
	theme_free(theme);
	config_free(cfg);
	fixture_end(dir);
}
END_TEST

/*
 * A layout or a partial that is a symbolic link is not followed (it could
 * lead to any file on the machine): an error at the link.  A partial name
 * that would lead out of partials/ is an error at its tag.
 */
START_TEST(links_and_climbing_partial_names_refused)
{
	char *dir = fixture(), *said;

	harness_write(dir, "elsewhere.mustache", "<p>a file outside the theme</p>\n");
	ck_assert_int_eq(remove("themes/plain/layouts/page.mustache"), 0);
	ck_assert_int_eq(symlink("../../../elsewhere.mustache",
	    "themes/plain/layouts/page.mustache"), 0);
	said = render("/steps/one/");
	ck_assert_str_eq(said, "themes/plain/layouts/page.mustache: error: is a "
	    "symbolic link: mend does not follow links among a project's templates "
	    "and scripts (one could lead to any file on this machine); put the "
	    "file itself there\n");
	free(said);

	ck_assert_int_eq(remove("themes/plain/layouts/page.mustache"), 0);
	harness_write(dir, "themes/plain/layouts/page.mustache", "a\n{{> linked}}\n");
	ck_assert_int_eq(symlink("../../../elsewhere.mustache",
	    "themes/plain/partials/linked.mustache"), 0);
	said = render("/steps/one/");
	ck_assert_str_eq(said, "themes/plain/partials/linked.mustache: error: is a "
	    "symbolic link: mend does not follow links among a project's templates "
	    "and scripts (one could lead to any file on this machine); put the "
	    "file itself there\n");
	free(said);

	harness_write(dir, "themes/plain/layouts/page.mustache",
	    "a\n  {{> ../../../elsewhere}}\n");
	said = render("/steps/one/");
	ck_assert_str_eq(said, "themes/plain/layouts/page.mustache:2:3: error: "
	    "partial name '../../../elsewhere' leads out of the partials folder: "
	    "name a file in it (no '..', no leading '/', no '\\')\n");
	free(said);
	harness_write(dir, "themes/plain/layouts/page.mustache", "{{< /tmp/x}}{{/ /tmp/x}}\n");
	said = render("/steps/one/");
	ck_assert_str_eq(said, "themes/plain/layouts/page.mustache:1:1: error: "
	    "partial name '/tmp/x' leads out of the partials folder: "
	    "name a file in it (no '..', no leading '/', no '\\')\n");
	free(said);
	harness_write(dir, "themes/plain/layouts/page.mustache", "{{>sub\\..\\x}}\n");
	said = render("/steps/one/");
	ck_assert_str_eq(said, "themes/plain/layouts/page.mustache:1:1: error: "
	    "partial name 'sub\\..\\x' leads out of the partials folder: "
	    "name a file in it (no '..', no leading '/', no '\\')\n");
	free(said);
	fixture_end(dir);
}
END_TEST

static Suite *
theme_suite(void)
{
	Suite *s = suite_create("theme");
	TCase *tc = tcase_create("rendering");

	tcase_add_test(tc, a_step_through_its_layout);
	tcase_add_test(tc, each_kind_its_layout);
	tcase_add_test(tc, layout_named_by_a_page);
	tcase_add_test(tc, site_year_from_source_date_epoch);
	suite_add_tcase(s, tc);
	tc = tcase_create("loading");
	tcase_add_test(tc, theme_folder);
	tcase_add_test(tc, unknown_theme);
	tcase_add_test(tc, missing_layouts_named);
	tcase_add_test(tc, missing_partial_named);
	tcase_add_test(tc, links_and_climbing_partial_names_refused);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(theme_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
