/*
 * The whole site as one zip file ([offline] archive = true, site/archive.h):
 * what it holds, that its pages are the site's own (but for the offer,
 * which in the zip says the reader has the copy), and that the pages
 * offering it give its real size.  Builds a copy of the guide with the real
 * mend and reads the zip back with libarchive.  Opening the unzipped copy
 * from disk is tests/browser/disk.mjs's (tests/run.sh runs it on the zip).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <archive.h>
#include <archive_entry.h>

#include "harness.h"
#include "lib/buf.h"
#include "lib/util.h"

#define ZIP "public/guide-offline.zip"


static void
build(const char *dir)
{
	struct run r;

	run_mend(&r, dir, NULL, "build", "-q", "--base-url",
	    "https://guide.test-site.org/", NULL);
	ck_assert_msg(r.status == 0, "status %d, stderr:\n%s", r.status, r.err);
	run_free(&r);
}

/* The zip's entries: their names, one per line, and the bytes of want
   (an entry's name) into *data when it is there. */
static char *
entries(const char *dir, const char *want, char **data)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	struct buf names = BUF_INIT, path = BUF_INIT;

	*data = NULL;
	archive_read_support_format_zip(a);
	buf_printf(&path, "%s/%s", dir, ZIP);
	ck_assert_int_eq(archive_read_open_filename(a, buf_str(&path), 65536),
	    ARCHIVE_OK);
	while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(e);

		buf_printf(&names, "%s\n", name);
		if (strcmp(name, want) == 0) {
			size_t len = (size_t)archive_entry_size(e);

			*data = xmalloc(len + 1);
			ck_assert_int_eq(archive_read_data(a, *data, len), (la_ssize_t)len);
			(*data)[len] = '\0';
		}
	}
	ck_assert_int_eq(archive_read_free(a), ARCHIVE_OK);
	buf_free(&path);
	return buf_detach(&names);
}

START_TEST(no_archive_unless_asked)
{
	char *dir = harness_tmpdir();
	char src[4096];
	struct run r;

	snprintf(src, sizeof(src), "%s/tests/sites/base", harness_root());
	harness_copytree(src, dir);  /* no [offline] in its site.toml */
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_msg(r.status == 0, "status %d, stderr:\n%s", r.status, r.err);
	run_free(&r);
	ck_assert_int_eq(harness_exists(dir, ZIP), 0);
	ck_assert_int_eq(harness_exists(dir, "public/index.html"), 1);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(the_site_in_one_folder)
{
	char *dir = harness_guide();
	char *names, *page, *inside;

	build(dir);
	names = entries(dir, "guide-offline/steps/give-space-to-heal/index.html",
	    &inside);
	/* every page, style, script and PDF, under one folder */
	ck_assert_ptr_nonnull(strstr(names, "guide-offline/index.html\n"));
	ck_assert_ptr_nonnull(strstr(names, "guide-offline/404.html\n"));
	ck_assert_ptr_nonnull(strstr(names, "guide-offline/calm.css\n"));
	ck_assert_ptr_nonnull(strstr(names, "guide-offline/exercise.js\n"));
	ck_assert_ptr_nonnull(strstr(names,
	    "guide-offline/worksheets/booklet-a4.pdf\n"));
	ck_assert_ptr_nonnull(strstr(names,
	    "guide-offline/steps/set-boundaries-together/index.html\n"));
	ck_assert_ptr_nonnull(strstr(names, "guide-offline/atom.xml\n"));
	/* and the search index, whole: the zip waits for it (build.c) */
	ck_assert_ptr_nonnull(strstr(names, "guide-offline/search/index.html\n"));
	ck_assert_ptr_nonnull(strstr(names, "guide-offline/search/manifest.js\n"));
	ck_assert_ptr_nonnull(strstr(names, "guide-offline/search/x/0.js\n"));
	ck_assert_ptr_nonnull(strstr(names, "guide-offline/search/t/0.js\n"));
	/* not itself, nor the service worker's list (no worker runs from disk) */
	ck_assert_ptr_null(strstr(names, "sw.js"));
	ck_assert_ptr_null(strstr(names, ".zip"));
	ck_assert_ptr_null(strstr(names, "..") );
	/* its pages are the site's own (this one offers nothing) */
	page = harness_read(dir, "public/steps/give-space-to-heal/index.html");
	ck_assert_ptr_nonnull(inside);
	ck_assert_str_eq(inside, page);
	free(names);
	free(page);
	free(inside);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* "(ZIP, 4.2 MB)" or "(ZIP, 48 KB)" as a page shows it. */
static char *
shown_size(const char *html)
{
	const char *at = strstr(html, "(ZIP, ");

	ck_assert_msg(at != NULL, "no size shown in\n%s", html);
	at += strlen("(ZIP, ");
	return xstrndup(at, strcspn(at, ")"));
}

START_TEST(the_offer_gives_the_real_size)
{
	char *dir = harness_guide();
	char *worksheets, *counselors, *size, *inside;
	char path[4096], want[64];
	struct stat st;
	char *names;

	/* the counselors' page offers it when its front matter says so */
	counselors = harness_read(dir, "content/for-counselors.md");
	ck_assert_ptr_nonnull(strstr(counselors, "offline_copy = true"));
	free(counselors);
	build(dir);
	snprintf(path, sizeof(path), "%s/%s", dir, ZIP);
	ck_assert_int_eq(stat(path, &st), 0);
	if (st.st_size < 1024 * 1024)
		snprintf(want, sizeof(want), "%lld KB",
		    ((long long)st.st_size + 1023) / 1024);
	else
		snprintf(want, sizeof(want), "%.1f MB",
		    (double)st.st_size / (1024.0 * 1024.0));
	worksheets = harness_read(dir, "public/worksheets/index.html");
	size = shown_size(worksheets);
	ck_assert_str_eq(size, want);
	ck_assert_ptr_nonnull(strstr(worksheets,
	    "href=\"../guide-offline.zip\" type=\"application/zip\""));
	free(size);
	counselors = harness_read(dir, "public/for-counselors/index.html");
	size = shown_size(counselors);
	ck_assert_str_eq(size, want);
	/* the zip's copy of it says the reader has the copy, and does not
	   link to a file that is not there */
	names = entries(dir, "guide-offline/worksheets/index.html", &inside);
	ck_assert_ptr_nonnull(inside);
	ck_assert_ptr_nonnull(strstr(inside, "This is the copy of the guide to "
	    "use without internet"));
	ck_assert_ptr_null(strstr(inside, "guide-offline.zip"));
	ck_assert_ptr_null(strstr(worksheets, "This is the copy of the guide"));
	free(names);
	free(inside);
	free(size);
	free(worksheets);
	free(counselors);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

static Suite *
archive_suite(void)
{
	Suite *s = suite_create("archive");
	TCase *tc = tcase_create("zip");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, no_archive_unless_asked);
	tcase_add_test(tc, the_site_in_one_folder);
	tcase_add_test(tc, the_offer_gives_the_real_size);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	harness_root();
	return harness_run(archive_suite(), NULL) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
