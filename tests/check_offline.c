/*
 * The offline copy ([offline] in site.toml, site/offline.h): sw.js, the
 * list of every file a reader's browser keeps, and the site's version.
 * Builds tests/sites/base with the real mend; its theme (plain) gets the
 * calm theme's worker, which [offline] needs.  The browser side is
 * tests/browser/offline.mjs.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "lib/buf.h"
#include "lib/util.h"

/* tests/sites/base in a new folder, with [offline] when offline is set. */
static char *
site(bool offline)
{
	char *dir = harness_tmpdir();
	char src[4096];
	char *toml, *worker;
	struct buf text = BUF_INIT;

	snprintf(src, sizeof(src), "%s/tests/sites/base", harness_root());
	harness_copytree(src, dir);
	if (offline) {
		snprintf(src, sizeof(src), "%s/themes/calm/static", harness_root());
		worker = harness_read(src, "offline-worker.js");
		ck_assert_ptr_nonnull(worker);
		harness_write(dir, "themes/plain/static/offline-worker.js", worker);
		toml = harness_read(dir, "site.toml");
		buf_printf(&text, "%s\n[offline]\nenabled = true\n", toml);
		harness_write(dir, "site.toml", buf_str(&text));
		free(toml);
		free(worker);
		buf_free(&text);
	}
	return dir;
}

static char *
build(const char *dir)
{
	struct run r;

	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_msg(r.status == 0, "status %d, stderr:\n%s", r.status, r.err);
	ck_assert_str_eq(r.err, "");
	run_free(&r);
	return harness_read(dir, "public/sw.js");
}

/* The quoted entry "file" is (or is not) in sw.js's list. */
static void
assert_listed(const char *sw, const char *file, bool listed)
{
	char quoted[256];

	snprintf(quoted, sizeof(quoted), "\"%s\"", file);
	ck_assert_msg((strstr(sw, quoted) != NULL) == listed, "%s %s in\n%s",
	    file, listed ? "is not" : "is", sw);
}

/* The version sw.js gives, as a new string. */
static char *
version_of(const char *sw)
{
	const char *v = strstr(sw, "version: \"");

	ck_assert_ptr_nonnull(v);
	v += strlen("version: \"");
	return xstrndup(v, strcspn(v, "\""));
}

START_TEST(nothing_without_offline)
{
	char *dir = site(false);
	char *sw = build(dir);

	ck_assert_ptr_null(sw);  /* off by default: no worker at all */
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(every_file_as_a_reader_opens_it)
{
	char *dir = site(true);
	char *sw = build(dir);

	ck_assert_ptr_nonnull(sw);
	assert_listed(sw, "./", true);             /* index.html */
	assert_listed(sw, "about/", true);         /* about/index.html */
	assert_listed(sw, "steps/one/", true);
	assert_listed(sw, "404.html", true);
	assert_listed(sw, "plain.css", true);
	assert_listed(sw, "offline-worker.js", true);
	assert_listed(sw, "index.html", false);
	assert_listed(sw, "steps/one/index.html", false);
	assert_listed(sw, "sitemap.xml", false);   /* not for reading */
	assert_listed(sw, "atom.xml", false);
	assert_listed(sw, "robots.txt", false);
	assert_listed(sw, "sw.js", false);
	ck_assert_ptr_nonnull(strstr(sw, "importScripts(\"offline-worker.js\");"));
	free(sw);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(version_changes_with_the_site_only)
{
	char *dir = site(true);
	char *first, *again, *changed;
	char *page, *v1, *v2, *v3;
	struct buf text = BUF_INIT;

	/* Two builds an hour apart: the PDFs' creation dates differ, and
	   nothing else does. */
	setenv("SOURCE_DATE_EPOCH", "0", 1);
	first = build(dir);
	setenv("SOURCE_DATE_EPOCH", "3600", 1);
	again = build(dir);
	unsetenv("SOURCE_DATE_EPOCH");
	ck_assert_int_eq(harness_exists(dir, "public/worksheets/booklet-a4.pdf"), 1);
	v1 = version_of(first);
	v2 = version_of(again);
	ck_assert_str_eq(v1, v2);  /* the same files: the same version */
	ck_assert_str_eq(first, again);
	page = harness_read(dir, "content/about.md");
	buf_printf(&text, "%s\nOne more sentence.\n", page);
	harness_write(dir, "content/about.md", buf_str(&text));
	changed = build(dir);
	v3 = version_of(changed);
	ck_assert_str_ne(v1, v3);  /* a page changed: browsers fetch again */
	ck_assert_uint_eq(strlen(v3), 16);
	free(first);
	free(again);
	free(changed);
	free(page);
	free(v1);
	free(v2);
	free(v3);
	buf_free(&text);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

static Suite *
offline_suite(void)
{
	Suite *s = suite_create("offline");
	TCase *tc = tcase_create("sw.js");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, nothing_without_offline);
	tcase_add_test(tc, every_file_as_a_reader_opens_it);
	tcase_add_test(tc, version_changes_with_the_site_only);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	harness_root();
	return harness_run(offline_suite(), NULL) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
