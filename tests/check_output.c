/*
 * output — the staging folder and the swap, as output.h promises: a build
 * is written beside the output folder and swapped in whole by
 * output_commit; output_abort leaves the previous output exactly as it
 * was; nothing outside the output and staging folders is written; a file
 * that comes out the same keeps its inode and time; dangerous output
 * folders are refused before anything is written, with the reason.
 */
#define _GNU_SOURCE /* setresuid */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

/*
 * Run fn(dir) in a child process as an ordinary user (nobody, when the
 * tests run as root: root reads and writes any folder, whatever its
 * mode), with dir given to that user.  fn returns 0 when what it saw was
 * right, else a line number; the test fails with it.
 */
static void
as_ordinary_user(const char *dir, int (*fn)(const char *dir))
{
	pid_t pid;
	int status;

	fflush(NULL);
	if ((pid = fork()) == 0) {
		if (geteuid() == 0) {
			char cmd[4400];

			snprintf(cmd, sizeof(cmd), "chown -R 65534:65534 '%s'", dir);
			if (system(cmd) != 0 || setgroups(0, NULL) != 0 ||
			    setresgid(65534, 65534, 65534) != 0 ||
			    setresuid(65534, 65534, 65534) != 0)
				_exit(99);
		}
		_exit(fn(dir));
	}
	ck_assert_int_gt(pid, 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "the ordinary user's check failed at line %d",
	    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

#define EXPECT(cond) do { if (!(cond)) { \
	fprintf(stderr, "line %d: expected %s\n", __LINE__, #cond); \
	return __LINE__ % 256 ? __LINE__ % 256 : 1; } } while (0)

/* A folder that cannot be listed is not known empty: refused, untouched. */
static int
unreadable_as_user(const char *dir)
{
	char *said, *kept;

	EXPECT(mkdir("d", 0755) == 0);
	harness_write(dir, "d/mine.txt", "mine");
	EXPECT(chmod("d", 0300) == 0);
	harness_diags_begin();
	EXPECT(output_begin("d") == NULL);
	EXPECT(output_check_folder("d") == -1);
	said = harness_diags_end();
	EXPECT(strcmp(said, REFUSING("d", "it cannot be read (Permission denied)")
	    REFUSING("d", "it cannot be read (Permission denied)")) == 0);
	EXPECT(chmod("d", 0755) == 0);
	kept = harness_read(dir, "d/mine.txt");
	EXPECT(kept != NULL && strcmp(kept, "mine") == 0);
	free(said);
	free(kept);
	return 0;
}

START_TEST(unreadable_folder_refused)
{
	char *dir = project();

	as_ordinary_user(dir, unreadable_as_user);
	project_end(dir);
}
END_TEST

/* An old site that cannot be removed fails the commit before the swap. */
static int
unremovable_as_user(const char *dir)
{
	struct output *out;
	char *said, *was;

	EXPECT((out = output_begin("public")) != NULL);
	EXPECT(output_write(out, "index.html", "old", 3) == 0);
	EXPECT(output_commit(out) == 0);
	EXPECT(chmod("public", 0555) == 0);
	EXPECT((out = output_begin("public")) != NULL);
	EXPECT(output_write(out, "index.html", "new", 3) == 0);
	harness_diags_begin();
	EXPECT(output_commit(out) == -1);
	said = harness_diags_end();
	EXPECT(strstr(said, "public: error: cannot replace the previous site: "
	    "cannot remove ") != NULL);
	EXPECT(strstr(said, "/public (Permission denied); nothing was changed\n") != NULL);
	EXPECT(chmod("public", 0755) == 0);
	was = harness_read(dir, "public/index.html");
	EXPECT(was != NULL && strcmp(was, "old") == 0);
	free(said);
	free(was);
	return 0;
}

START_TEST(unremovable_old_site_fails)
{
	char *dir = project();

	as_ordinary_user(dir, unremovable_as_user);
	ck_assert_tree(dir, "content/\ncontent/_index.md\npublic/\npublic/.mend-output\n"
	    "public/index.html\nsite.toml\n");
	project_end(dir);
}
END_TEST

/* Stale staging folders (marked, unlocked) go; nothing else does. */
START_TEST(stale_staging_swept)
{
	char *dir = project();
	struct output *out;
	int held;

	harness_write(dir, ".public.staging-AAAAAA/.mend-output", "x");
	harness_write(dir, ".public.staging-AAAAAA/steps/index.html", "x");
	harness_write(dir, ".public.staging-BBBBBB.old/.mend-output", "x");
	harness_write(dir, ".public.staging-CCCCCC/notes.txt", "no marker");
	harness_write(dir, ".public.staging-DDDDDD/.mend-output", "in use");
	harness_write(dir, ".other.staging-EEEEEE/.mend-output", "x");
	harness_write(dir, ".public.staging-FFFFFFF/.mend-output", "x");
	/* A build still running holds its lock. */
	held = open(".public.staging-DDDDDD", O_RDONLY | O_DIRECTORY);
	ck_assert_int_ge(held, 0);
	ck_assert_int_eq(flock(held, LOCK_EX), 0);
	ck_assert_ptr_nonnull(out = output_begin("public"));
	ck_assert_int_eq(output_commit(out), 0);
	close(held);
	ck_assert_tree(dir, ".other.staging-EEEEEE/\n.other.staging-EEEEEE/.mend-output\n"
	    ".public.staging-CCCCCC/\n.public.staging-CCCCCC/notes.txt\n"
	    ".public.staging-DDDDDD/\n.public.staging-DDDDDD/.mend-output\n"
	    ".public.staging-FFFFFFF/\n.public.staging-FFFFFFF/.mend-output\n"
	    "content/\ncontent/_index.md\npublic/\npublic/.mend-output\nsite.toml\n");
	project_end(dir);
}
END_TEST

/* SIGTERM (SIGINT, SIGHUP) mid-build: the staging folder goes, the
   previous output stays, and the process dies of the signal. */
START_TEST(stop_signal_removes_staging)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	char *dir = project();
	struct output *out;
	size_t k;

	ck_assert_ptr_nonnull(out = output_begin("public"));
	put(out, "index.html", "old");
	ck_assert_int_eq(output_commit(out), 0);
	for (k = 0; k < 3; k++) {
		pid_t pid;
		int status;

		fflush(NULL);
		if ((pid = fork()) == 0) {
			struct output *o = output_begin("public");

			if (o == NULL || output_write(o, "a/b/c.html", "new", 3) != 0 ||
			    output_write(o, "index.html", "new", 3) != 0)
				_exit(1);
			raise(sigs[k]);
			_exit(2);  /* not reached: the signal ends it */
		}
		ck_assert_int_eq(waitpid(pid, &status, 0), pid);
		ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == sigs[k],
		    "signal %d: status %#x", sigs[k], status);
		ck_assert_tree(dir, "content/\ncontent/_index.md\npublic/\n"
		    "public/.mend-output\npublic/index.html\nsite.toml\n");
	}
	project_end(dir);
}
END_TEST

/* A copied file, several chunks long, arrives whole; unchanged, it is
   linked from the previous output; a link is never read through. */
START_TEST(copy_in_chunks)
{
	char *dir = project();
	struct output *out;
	struct stat a, b;
	char *said;
	size_t len = 3 * 65536 + 17, i;
	char *data = malloc(len), *back;
	FILE *f;

	ck_assert_ptr_nonnull(data);
	for (i = 0; i < len; i++)
		data[i] = (char)(i * 2654435761u >> 13);
	f = fopen("big.bin", "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	fclose(f);
	ck_assert_int_eq(symlink("/etc/passwd", "link.txt"), 0);
	ck_assert_ptr_nonnull(out = output_begin("public"));
	ck_assert_int_eq(output_copy(out, "big.bin", "big.bin"), 0);
	harness_diags_begin();
	ck_assert_int_eq(output_copy(out, "p.txt", "link.txt"), -1);
	said = harness_diags_end();
	ck_assert_str_eq(said, "link.txt: error: cannot read: it is a symbolic link\n");
	free(said);
	ck_assert_int_eq(output_commit(out), 0);
	f = fopen("public/big.bin", "rb");
	ck_assert_ptr_nonnull(f);
	back = malloc(len + 1);
	ck_assert_uint_eq(fread(back, 1, len + 1, f), len);
	fclose(f);
	ck_assert(memcmp(back, data, len) == 0);
	ck_assert_int_eq(stat("public/big.bin", &a), 0);
	ck_assert_ptr_nonnull(out = output_begin("public"));
	ck_assert_int_eq(output_copy(out, "big.bin", "big.bin"), 0);
	ck_assert_int_eq(output_commit(out), 0);
	ck_assert_int_eq(stat("public/big.bin", &b), 0);
	ck_assert_uint_eq(a.st_ino, b.st_ino);
	ck_assert(!harness_exists(dir, "public/p.txt"));
	free(data);
	free(back);
	project_end(dir);
}
END_TEST

/* Copying a file takes a chunk of memory, not the file's size: a 96 MB
   asset copies under an address-space limit 48 MB above the start. */
START_TEST(copy_memory_is_bounded)
{
#ifdef __SANITIZE_ADDRESS__
	return;  /* the sanitizer's shadow memory cannot live under a limit */
#endif
	char *dir = project();
	pid_t pid;
	int status, fd;

	fd = open("big.bin", O_WRONLY | O_CREAT, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, 96L << 20), 0);
	close(fd);
	fflush(NULL);
	if ((pid = fork()) == 0) {
		struct output *o = output_begin("public");
		unsigned long pages = 0;
		struct rlimit lim;
		FILE *f = fopen("/proc/self/statm", "r");

		if (o == NULL || f == NULL || fscanf(f, "%lu", &pages) != 1)
			_exit(1);
		fclose(f);
		lim.rlim_cur = lim.rlim_max = pages * (rlim_t)sysconf(_SC_PAGESIZE) +
		    (48UL << 20);
		if (setrlimit(RLIMIT_AS, &lim) != 0)
			_exit(2);
		_exit(output_copy(o, "big.bin", "big.bin") == 0 &&
		    output_commit(o) == 0 ? 0 : 3);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "status %#x", status);
	ck_assert(harness_exists(dir, "public/big.bin"));
	project_end(dir);
}
END_TEST

/* A link in a theme's static/ is refused at its path, never followed. */
START_TEST(copy_tree_refuses_links)
{
	char *dir = project(), *said;
	struct output *out;

	harness_write(dir, "static/a.css", "a");
	ck_assert_int_eq(symlink("/etc/passwd", "static/p.txt"), 0);
	ck_assert_ptr_nonnull(out = output_begin("public"));
	harness_diags_begin();
	ck_assert_int_eq(output_copy_tree(out, "static"), -1);
	said = harness_diags_end();
	ck_assert_str_eq(said, "static/p.txt: error: is a symbolic link: mend does "
	    "not follow links in a theme's static/ folder; put the file itself there\n");
	free(said);
	output_abort(out);
	ck_assert(!harness_exists(dir, "public"));
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
	tcase_add_test(tc, copy_tree_refuses_links);
	tcase_add_test(tc, unreadable_folder_refused);
	tcase_add_test(tc, unremovable_old_site_fails);
	suite_add_tcase(s, tc);
	tc = tcase_create("left behind");
	tcase_add_test(tc, stale_staging_swept);
	tcase_add_test(tc, stop_signal_removes_staging);
	tcase_add_test(tc, copy_in_chunks);
	tcase_add_test(tc, copy_memory_is_bounded);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(output_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
