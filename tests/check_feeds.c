/*
 * feeds — sitemap.xml, atom.xml and robots.txt for a small site, byte for
 * byte, as feeds.h promises: the sitemap lists every published page (with
 * its date as lastmod), the feed the dated pages newest first (then in
 * published order) with their descriptions as summaries, updated at its
 * newest entry; robots.txt allows all and names the sitemap.  Text is
 * escaped by libxml2.  Nothing depends on the clock: the same bytes
 * whatever SOURCE_DATE_EPOCH says.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/util.h"
#include "site/config.h"
#include "site/content.h"
#include "site/feeds.h"
#include "site/site.h"
#include "harness.h"

/* The site in the current folder, loaded; NULL-free. */
static struct site *
load_site(void)
{
	struct content_options opt = { "content", false, 1 };
	struct site *site = xcalloc(1, sizeof(*site));

	site->config = config_load("site.toml");
	ck_assert_ptr_nonnull(site->config);
	ck_assert_int_eq(content_load(site, &opt), 0);
	return site;
}

/* A fresh folder, made the current one; with the fixture when asked. */
static char *
folder(bool with_fixture)
{
	char *dir = harness_tmpdir(), src[4200];

	snprintf(src, sizeof(src), "%s/tests/sites/base", harness_root());
	if (with_fixture)
		harness_copytree(src, dir);
	ck_assert_int_eq(chdir(dir), 0);
	return dir;
}

static void
folder_end(char *dir)
{
	ck_assert_int_eq(chdir(harness_root()), 0);
	harness_rmtree(dir);
	free(dir);
}

START_TEST(fixture_sitemap)
{
	char *dir = folder(true);
	struct site *site = load_site();
	struct buf out = BUF_INIT;

	ck_assert_int_eq(feeds_sitemap(site, &out), 0);
	ck_assert_text(buf_str(&out),
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
	    "  <url>\n"
	    "    <loc>https://fixture-guide.org/</loc>\n"
	    "    <lastmod>2024-11-20</lastmod>\n"
	    "  </url>\n"
	    "  <url>\n"
	    "    <loc>https://fixture-guide.org/about/</loc>\n"
	    "  </url>\n"
	    "  <url>\n"
	    "    <loc>https://fixture-guide.org/steps/</loc>\n"
	    "  </url>\n"
	    "  <url>\n"
	    "    <loc>https://fixture-guide.org/steps/one/</loc>\n"
	    "    <lastmod>2024-11-21</lastmod>\n"
	    "  </url>\n"
	    "  <url>\n"
	    "    <loc>https://fixture-guide.org/steps/two/</loc>\n"
	    "  </url>\n"
	    "</urlset>\n");
	buf_free(&out);
	site_free(site);
	folder_end(dir);
}
END_TEST

START_TEST(fixture_atom)
{
	char *dir = folder(true);
	struct site *site = load_site();
	struct buf out = BUF_INIT;

	ck_assert_int_eq(feeds_atom(site, &out), 0);
	/* Newest first: steps/one (2024-11-21), then the home page. */
	ck_assert_text(buf_str(&out),
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n"
	    "  <title>Fixture Guide</title>\n"
	    "  <subtitle>A small site the tests build.</subtitle>\n"
	    "  <id>https://fixture-guide.org/</id>\n"
	    "  <link href=\"https://fixture-guide.org/\"/>\n"
	    "  <link rel=\"self\" href=\"https://fixture-guide.org/atom.xml\"/>\n"
	    "  <updated>2024-11-21T00:00:00Z</updated>\n"
	    "  <author>\n"
	    "    <name>Fixture Author</name>\n"
	    "  </author>\n"
	    "  <entry>\n"
	    "    <title>Step One</title>\n"
	    "    <id>https://fixture-guide.org/steps/one/</id>\n"
	    "    <link href=\"https://fixture-guide.org/steps/one/\"/>\n"
	    "    <updated>2024-11-21T00:00:00Z</updated>\n"
	    "    <summary>The first step.</summary>\n"
	    "  </entry>\n"
	    "  <entry>\n"
	    "    <title>Fixture Guide</title>\n"
	    "    <id>https://fixture-guide.org/</id>\n"
	    "    <link href=\"https://fixture-guide.org/\"/>\n"
	    "    <updated>2024-11-20T00:00:00Z</updated>\n"
	    "    <summary>The home page.</summary>\n"
	    "  </entry>\n"
	    "</feed>\n");
	buf_free(&out);
	site_free(site);
	folder_end(dir);
}
END_TEST

START_TEST(fixture_robots)
{
	char *dir = folder(true);
	struct site *site = load_site();
	struct buf out = BUF_INIT;

	feeds_robots(site, &out);
	ck_assert_str_eq(buf_str(&out), "User-agent: *\nAllow: /\n\n"
	    "Sitemap: https://fixture-guide.org/sitemap.xml\n");
	buf_free(&out);
	site_free(site);
	folder_end(dir);
}
END_TEST

/* A site under a path, with text that XML must escape. */
static void
write_escaping_site(const char *dir)
{
	harness_write(dir, "site.toml",
	    "title = \"Tom & Jerry's <Guide>\"\n"
	    "base_url = \"https://guide.org/a&b/\"\n"
	    "language = \"fr\"\n");
	harness_write(dir, "content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
	harness_write(dir, "content/x.md", "+++\n"
	    "title = \"Less < more & \\\"quotes\\\"\"\n"
	    "description = \"a > b, ]]> and é\"\n"
	    "date = 2023-01-02\n+++\n");
	harness_write(dir, "content/y.md", "+++\ntitle = \"Same day, later in order\"\n"
	    "date = 2023-01-02\n+++\n");
	harness_write(dir, "content/z.md", "+++\ntitle = \"Older\"\n"
	    "date = 2022-12-31T10:00:00Z\n+++\n");
}

START_TEST(escaping_and_order)
{
	char *dir = folder(false);
	struct site *site;
	struct buf out = BUF_INIT;

	write_escaping_site(dir);
	site = load_site();
	ck_assert_int_eq(feeds_atom(site, &out), 0);
	/* No description: no subtitle; no author: the title names it.  Two
	   entries of one day keep the published order (by title). */
	ck_assert_text(buf_str(&out),
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">\n"
	    "  <title>Tom &amp; Jerry's &lt;Guide&gt;</title>\n"
	    "  <id>https://guide.org/a&amp;b/</id>\n"
	    "  <link href=\"https://guide.org/a&amp;b/\"/>\n"
	    "  <link rel=\"self\" href=\"https://guide.org/a&amp;b/atom.xml\"/>\n"
	    "  <updated>2023-01-02T00:00:00Z</updated>\n"
	    "  <author>\n"
	    "    <name>Tom &amp; Jerry's &lt;Guide&gt;</name>\n"
	    "  </author>\n"
	    "  <entry>\n"
	    "    <title>Less &lt; more &amp; &quot;quotes&quot;</title>\n"
	    "    <id>https://guide.org/a&amp;b/x/</id>\n"
	    "    <link href=\"https://guide.org/a&amp;b/x/\"/>\n"
	    "    <updated>2023-01-02T00:00:00Z</updated>\n"
	    "    <summary>a &gt; b, ]]&gt; and é</summary>\n"
	    "  </entry>\n"
	    "  <entry>\n"
	    "    <title>Same day, later in order</title>\n"
	    "    <id>https://guide.org/a&amp;b/y/</id>\n"
	    "    <link href=\"https://guide.org/a&amp;b/y/\"/>\n"
	    "    <updated>2023-01-02T00:00:00Z</updated>\n"
	    "  </entry>\n"
	    "  <entry>\n"
	    "    <title>Older</title>\n"
	    "    <id>https://guide.org/a&amp;b/z/</id>\n"
	    "    <link href=\"https://guide.org/a&amp;b/z/\"/>\n"
	    "    <updated>2022-12-31T00:00:00Z</updated>\n"
	    "  </entry>\n"
	    "</feed>\n");
	buf_reset(&out);
	ck_assert_int_eq(feeds_sitemap(site, &out), 0);
	ck_assert_ptr_nonnull(strstr(buf_str(&out),
	    "    <loc>https://guide.org/a&amp;b/x/</loc>\n"
	    "    <lastmod>2023-01-02</lastmod>\n"));
	buf_free(&out);
	site_free(site);
	folder_end(dir);
}
END_TEST

START_TEST(undated_site_and_the_clock)
{
	char *dir = folder(false);
	struct site *site;
	struct buf first = BUF_INIT, again = BUF_INIT;

	harness_write(dir, "site.toml", "title = \"T\"\nbase_url = \"https://guide.org\"\n");
	harness_write(dir, "content/a.md", "+++\ntitle = \"A\"\n+++\n");
	site = load_site();
	setenv("SOURCE_DATE_EPOCH", "0", 1);
	ck_assert_int_eq(feeds_atom(site, &first), 0);
	ck_assert_int_eq(feeds_sitemap(site, &first), 0);
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	ck_assert_int_eq(feeds_atom(site, &again), 0);
	ck_assert_int_eq(feeds_sitemap(site, &again), 0);
	unsetenv("SOURCE_DATE_EPOCH");
	ck_assert_str_eq(buf_str(&again), buf_str(&first));
	/* No dated page: no entries, updated at the epoch. */
	ck_assert_ptr_nonnull(strstr(buf_str(&first),
	    "  <updated>1970-01-01T00:00:00Z</updated>\n"
	    "  <author>\n"
	    "    <name>T</name>\n"
	    "  </author>\n"
	    "</feed>\n"));
	ck_assert_ptr_nonnull(strstr(buf_str(&first),
	    "  <url>\n    <loc>https://guide.org/a/</loc>\n  </url>\n</urlset>\n"));
	buf_free(&first);
	buf_free(&again);
	site_free(site);
	folder_end(dir);
}
END_TEST

START_TEST(empty_site)
{
	char *dir = folder(false);
	struct site *site;
	struct buf out = BUF_INIT;

	harness_write(dir, "site.toml", "title = \"T\"\nbase_url = \"https://guide.org\"\n");
	harness_write(dir, "content/.keep", "");
	site = load_site();
	ck_assert_int_eq(feeds_sitemap(site, &out), 0);
	ck_assert_str_eq(buf_str(&out), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"/>\n");
	buf_free(&out);
	site_free(site);
	folder_end(dir);
}
END_TEST

static Suite *
feeds_suite(void)
{
	Suite *s = suite_create("feeds");
	TCase *tc = tcase_create("fixture");

	tcase_add_test(tc, fixture_sitemap);
	tcase_add_test(tc, fixture_atom);
	tcase_add_test(tc, fixture_robots);
	suite_add_tcase(s, tc);
	tc = tcase_create("edges");
	tcase_add_test(tc, escaping_and_order);
	tcase_add_test(tc, undated_site_and_the_clock);
	tcase_add_test(tc, empty_site);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(feeds_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
