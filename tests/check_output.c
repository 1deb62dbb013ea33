/*
 * output — the staging folder and the swap, as output.h promises: a build
 * is written beside the output folder and swapped in whole by
 * output_commit; output_abort leaves the previous output exactly as it
 * was; nothing outside the output and staging folders is written; a file
 * that comes out the same keeps its inode and time; dangerous output
 * folders are refused before anything is written, with the reason.
 */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/util.h"
#include "site/output.h"
#include "harness.h"

/* A project folder (site.toml, content/), made the current folder. */
static char *
project(void)
{
	char *dir = harness_tmpdir();

	harness_root();  /* remembered before leaving it */
	harness_write(dir, "site.toml", "title = \"T\"\n");
	harness_write(dir, "content/_index.md", "+++\ntitle = \"T\"\n+++\n");
	ck_assert_int_eq(chdir(dir), 0);
	return dir;
}

static void
project_end(char *dir)
{
	ck_assert_int_eq(chdir(harness_root()), 0);
	harness_rmtree(dir);
	free(dir);
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Every path under dir/rel, one a line, sorted, folders with a "/". */
static void
list_into(const char *dir, const char *rel, struct buf *out)
{
	struct dirent **ents;
	char path[4400];
	int i, n;

	snprintf(path, sizeof(path), "%s%s%s", dir, rel[0] ? "/" : "", rel);
	if ((n = scandir(path, &ents, NULL, by_name)) < 0)
		return;
	for (i = 0; i < n; i++) {
		char child[2048];
		struct stat st;

		if (strcmp(ents[i]->d_name, ".") != 0 && strcmp(ents[i]->d_name, "..") != 0) {
			snprintf(child, sizeof(child), "%s%s%s", rel, rel[0] ? "/" : "",
			    ents[i]->d_name);
			snprintf(path, sizeof(path), "%s/%s", dir, child);
			lstat(path, &st);
			buf_printf(out, "%s%s\n", child, S_ISDIR(st.st_mode) ? "/" : "");
			if (S_ISDIR(st.st_mode))
				list_into(dir, child, out);
		}
		free(ents[i]);
	}
	free(ents);
}

static char *
tree(const char *dir)
{
	struct buf out = BUF_INIT;

	list_into(dir, "", &out);
	return buf_detach(&out);
}

#define ck_assert_tree(dir, expected) do { \
	char *t_ = tree(dir); \
	ck_assert_str_eq(t_, expected); \
	free(t_); \
} while (0)

static void
put(struct output *out, const char *rel, const char *text)
{
	ck_assert_int_eq(output_write(out, rel, text, strlen(text)), 0);
}

/* A first build of index.html, a/page.html and style.css into public/. */
static void
first_build(void)
{
	struct output *out = output_begin("public");

	ck_assert_ptr_nonnull(out);
	put(out, "index.html", "home");
	put(out, "a/page.html", "page");
	put(out, "style.css", "css");
	ck_assert_int_eq(output_commit(out), 0);
}

START_TEST(staged_then_swapped_in)
{
	char *dir = project(), *staged, *said;
	struct output *out;
	const char *staging;

	harness_diags_begin();
	out = output_begin("public");
	ck_assert_ptr_nonnull(out);
	staging = output_staging(out);
	/* Beside the output folder, hidden, with the marker in it. */
	ck_assert_msg(strncmp(staging, dir, strlen(dir)) == 0 &&
	    strncmp(staging + strlen(dir), "/.public.staging-", 17) == 0,
	    "staging folder %s", staging);
	put(out, "index.html", "<p>home</p>");
	put(out, "steps/one/index.html", "<p>one</p>");
	ck_assert_int_eq(output_copy(out, "copied.txt", "site.toml"), 0);
	staged = harness_read(staging, "steps/one/index.html");
	ck_assert_str_eq(staged, "<p>one</p>");  /* readable back before commit */
	free(staged);
	ck_assert(!harness_exists(dir, "public"));  /* nothing there yet */
	ck_assert_int_eq(output_commit(out), 0);
	said = harness_diags_end();
	ck_assert_str_eq(said, "");
	/* The project holds the output folder and nothing else new. */
	ck_assert_tree(dir, "content/\ncontent/_index.md\npublic/\npublic/.mend-output\n"
	    "public/copied.txt\npublic/index.html\npublic/steps/\npublic/steps/one/\n"
	    "public/steps/one/index.html\nsite.toml\n");
	staged = harness_read(dir, "public/copied.txt");
	ck_assert_str_eq(staged, "title = \"T\"\n");
	free(staged);
	staged = harness_read(dir, "public/.mend-output");
	ck_assert_str_eq(staged, "This folder is written by mend build and replaced "
	    "whole by the next build.\n");
	free(staged);
	free(said);
	project_end(dir);
}
END_TEST

START_TEST(good_build_replaces_the_folder)
{
	char *dir = project(), *text;
	struct output *out;

	first_build();
	out = output_begin("public");
	ck_assert_ptr_nonnull(out);
	put(out, "index.html", "new home");
	put(out, "b.html", "b");
	ck_assert_int_eq(output_commit(out), 0);
	/* Whole: what the new build did not write is gone. */
	ck_assert_tree(dir, "content/\ncontent/_index.md\npublic/\npublic/.mend-output\n"
	    "public/b.html\npublic/index.html\nsite.toml\n");
	text = harness_read(dir, "public/index.html");
	ck_assert_str_eq(text, "new home");
	free(text);
	project_end(dir);
}
END_TEST

START_TEST(failed_build_leaves_it_untouched)
{
	char *dir = project(), *before, *text;
	struct output *out;
	struct stat was, now;

	first_build();
	before = tree(dir);
	ck_assert_int_eq(stat("public/index.html", &was), 0);
	out = output_begin("public");
	ck_assert_ptr_nonnull(out);
	put(out, "index.html", "home");     /* the same: linked, not copied */
	put(out, "index.html", "changed");  /* then written again */
	put(out, "a/page.html", "changed too");
	put(out, "new.html", "new");
	output_abort(out);
	ck_assert_tree(dir, before);  /* the staging folder is gone too */
	text = harness_read(dir, "public/index.html");
	ck_assert_str_eq(text, "home");  /* never written through the link */
	free(text);
	text = harness_read(dir, "public/a/page.html");
	ck_assert_str_eq(text, "page");
	free(text);
	ck_assert_int_eq(stat("public/index.html", &now), 0);
	ck_assert_uint_eq(now.st_ino, was.st_ino);
	ck_assert_uint_eq(now.st_nlink, 1);
	output_abort(NULL);  /* allowed */
	free(before);
	project_end(dir);
}
END_TEST

START_TEST(unchanged_files_are_not_rewritten)
{
	char *dir = project(), *text;
	struct output *out;
	struct stat same_was, same_now, changed_was, changed_now;
	struct timespec old[2] = { { 1000000000, 0 }, { 1000000000, 0 } };

	first_build();
	/* An old time on both, to see which is rewritten. */
	ck_assert_int_eq(utimensat(AT_FDCWD, "public/index.html", old, 0), 0);
	ck_assert_int_eq(utimensat(AT_FDCWD, "public/a/page.html", old, 0), 0);
	ck_assert_int_eq(stat("public/index.html", &same_was), 0);
	ck_assert_int_eq(stat("public/a/page.html", &changed_was), 0);
	out = output_begin("public");
	ck_assert_ptr_nonnull(out);
	put(out, "index.html", "home");
	put(out, "a/page.html", "page, changed");
	ck_assert_int_eq(output_commit(out), 0);
	ck_assert_int_eq(stat("public/index.html", &same_now), 0);
	ck_assert_int_eq(stat("public/a/page.html", &changed_now), 0);
	ck_assert_uint_eq(same_now.st_ino, same_was.st_ino);
	ck_assert_int_eq(same_now.st_mtime, 1000000000);
	ck_assert_uint_ne(changed_now.st_ino, changed_was.st_ino);
	ck_assert_int_ne(changed_now.st_mtime, 1000000000);
	text = harness_read(dir, "public/a/page.html");
	ck_assert_str_eq(text, "page, changed");
	free(text);
	project_end(dir);
}
END_TEST

/* What output_begin(out_dir) says when it refuses; nothing may change. */
static char *
refusal(const char *dir, const char *out_dir)
{
	char *before = tree(dir), *said;
	struct output *out;

	harness_diags_begin();
	out = output_begin(out_dir);
	said = harness_diags_end();
	ck_assert_msg(out == NULL, "%s was accepted", out_dir);
	ck_assert_tree(dir, before);
	free(before);
	return said;
}

#define ck_assert_refused(dir, out_dir, expected) do { \
	char *r_ = refusal(dir, out_dir); \
	ck_assert_str_eq(r_, expected); \
	free(r_); \
} while (0)

#define REFUSING(name, why) name ": error: refusing to use as output folder: " \
	why "; nothing was written or deleted\n"

START_TEST(dangerous_folders_refused)
{
	char *dir = project(), *said;

	harness_write(dir, "other/site.toml", "");
	harness_write(dir, "other2/content/x", "");
	harness_write(dir, "stuff/notes.txt", "mine");
	harness_write(dir, "file.txt", "mine");
	ck_assert_int_eq(symlink("stuff", "link"), 0);
	ck_assert_refused(dir, "/", REFUSING("/", "it is the root folder '/'"));
	ck_assert_refused(dir, ".", REFUSING(".", "it is the project folder itself"));
	said = refusal(dir, dir);  /* named by its absolute path */
	ck_assert_str_eq(said + strlen(dir), REFUSING("",
	    "it is the project folder itself"));
	free(said);
	ck_assert_refused(dir, "..", REFUSING("..", "it contains the project"));
	ck_assert_refused(dir, "content", REFUSING("content",
	    "it is inside the content folder"));
	ck_assert_refused(dir, "content/public", REFUSING("content/public",
	    "it is inside the content folder"));
	ck_assert_refused(dir, "other", REFUSING("other",
	    "it holds site.toml or content/, so it looks like a project"));
	ck_assert_refused(dir, "other2/", REFUSING("other2/",
	    "it holds site.toml or content/, so it looks like a project"));
	ck_assert_refused(dir, "stuff", REFUSING("stuff", "it exists, is not empty, "
	    "and was not written by mend (it has no .mend-output file)"));
	ck_assert_refused(dir, "link", REFUSING("link", "it is a symbolic link"));
	ck_assert_refused(dir, "file.txt", REFUSING("file.txt",
	    "it exists and is not a folder"));
	ck_assert_refused(dir, "missing/public", "missing/public: error: cannot use "
	    "as output folder: its parent folder 'missing' does not exist\n");
	ck_assert_refused(dir, "", "mend: error: the output folder name is empty\n");
	project_end(dir);
}
END_TEST

START_TEST(safe_folders_accepted)
{
	char *dir = project(), *text;
	struct output *out;

	/* An empty folder, outside the project too. */
	ck_assert_int_eq(mkdir("empty", 0755), 0);
	ck_assert_ptr_nonnull(out = output_begin("empty/"));
	put(out, "index.html", "x");
	ck_assert_int_eq(output_commit(out), 0);
	ck_assert(harness_exists(dir, "empty/.mend-output"));
	/* A folder inside one mend wrote: mend pdf's worksheets/. */
	ck_assert_int_eq(output_make_folder("public"), 0);
	ck_assert_int_eq(output_make_folder("public"), 0);  /* there already */
	ck_assert_tree(dir, "content/\ncontent/_index.md\nempty/\nempty/.mend-output\n"
	    "empty/index.html\npublic/\npublic/.mend-output\nsite.toml\n");
	harness_write(dir, "public/worksheets/a.pdf", "old pdf");
	ck_assert_ptr_nonnull(out = output_begin("public/worksheets"));
	put(out, "b.pdf", "new pdf");
	ck_assert_int_eq(output_commit(out), 0);
	text = harness_read(dir, "public/worksheets/b.pdf");
	ck_assert_str_eq(text, "new pdf");
	free(text);
	ck_assert(!harness_exists(dir, "public/worksheets/a.pdf"));
	ck_assert(harness_exists(dir, "public/.mend-output"));
	project_end(dir);
}
END_TEST

START_TEST(nothing_written_outside)
{
	char *dir = project(), *said;
	struct output *out = output_begin("public");

	ck_assert_ptr_nonnull(out);
	harness_diags_begin();
	ck_assert_int_eq(output_write(out, "../escaped.html", "x", 1), -1);
	ck_assert_int_eq(output_write(out, "a/../../escaped.html", "x", 1), -1);
	ck_assert_int_eq(output_write(out, "/tmp/escaped.html", "x", 1), -1);
	ck_assert_int_eq(output_write(out, "a//b", "x", 1), -1);
	ck_assert_int_eq(output_write(out, "", "x", 1), -1);
	said = harness_diags_end();
	ck_assert_str_eq(said,
	    "../escaped.html: error: refusing to write outside the output folder\n"
	    "a/../../escaped.html: error: refusing to write outside the output folder\n"
	    "/tmp/escaped.html: error: refusing to write outside the output folder\n"
	    "a//b: error: refusing to write outside the output folder\n"
	    ": error: refusing to write outside the output folder\n");
	ck_assert_int_eq(output_commit(out), 0);
	ck_assert_tree(dir, "content/\ncontent/_index.md\npublic/\npublic/.mend-output\n"
	    "site.toml\n");
	free(said);
	project_end(dir);
}
END_TEST

START_TEST(copy_tree_skips_hidden_files)
{
	char *dir = project();
	struct output *out;

	harness_write(dir, "static/a.css", "a");
	harness_write(dir, "static/img/b.png", "b");
	harness_write(dir, "static/.DS_Store", "x");
	harness_write(dir, "static/.git/config", "x");
	ck_assert_ptr_nonnull(out = output_begin("public"));
	ck_assert_int_eq(output_copy_tree(out, "static"), 0);
	ck_assert_int_eq(output_copy_tree(out, "no-such-folder"), 0);
	ck_assert_int_eq(output_commit(out), 0);
	ck_assert_tree(dir, "content/\ncontent/_index.md\npublic/\npublic/.mend-output\n"
	    "public/a.css\npublic/img/\npublic/img/b.png\nsite.toml\nstatic/\n"
	    "static/.DS_Store\nstatic/.git/\nstatic/.git/config\nstatic/a.css\n"
	    "static/img/\nstatic/img/b.png\n");
	project_end(dir);
}
END_TEST

static Suite *
output_suite(void)
{
	Suite *s = suite_create("output");
	TCase *tc = tcase_create("staging and swap");

	tcase_add_test(tc, staged_then_swapped_in);
	tcase_add_test(tc, good_build_replaces_the_folder);
	tcase_add_test(tc, failed_build_leaves_it_untouched);
	tcase_add_test(tc, unchanged_files_are_not_rewritten);
	suite_add_tcase(s, tc);
	tc = tcase_create("refusals");
	tcase_add_test(tc, dangerous_folders_refused);
	tcase_add_test(tc, safe_folders_accepted);
	tcase_add_test(tc, nothing_written_outside);
	tcase_add_test(tc, copy_tree_skips_hidden_files);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(output_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
