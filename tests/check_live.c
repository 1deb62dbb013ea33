/*
 * Incremental rebuilds (live.h), as `mend serve` uses them: a project is
 * built once into A with live_build_all, then edited file by file as an
 * author would (a body, a title, a heading another page links to, a
 * template, site.toml, an exercise, a new and a deleted page, a static
 * file); after each edit live_update brings A up to date, and A must be
 * byte for byte what a fresh full build makes in B (every file, and no
 * other), with the same exit status and the same diagnostics.  A failed
 * update must leave A exactly as it was.
 */
#include <check.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build.h"
#include "harness.h"
#include "lib/buf.h"
#include "lib/util.h"
#include "live.h"

/* The files under root/rel, each "path\n", sorted (hidden ones too). */
static void
list_tree(const char *root, const char *rel, struct buf *out)
{
	char path[8200], sub[4096];
	struct dirent **names;
	struct stat st;
	int n, i;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	if ((n = scandir(path, &names, NULL, alphasort)) < 0)
		return;
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;

		if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0) {
			snprintf(sub, sizeof(sub), "%s%s", rel, name);
			snprintf(path, sizeof(path), "%s/%s", root, sub);
			if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
				strcat(sub, "/");
				list_tree(root, sub, out);
			} else
				buf_printf(out, "%s\n", sub);
		}
		free(names[i]);
	}
	free(names);
}

/* Read root/rel whole (any bytes); caller frees. */
static char *
read_all(const char *root, const char *rel, size_t *len)
{
	char path[4096];
	char *data = NULL;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	if (util_read_file(path, &data, len) != 0)
		return NULL;
	return data;
}

/* Fail unless the trees a and b hold the same files with the same bytes. */
static void
assert_same_tree(const char *a, const char *b)
{
	struct buf la = BUF_INIT, lb = BUF_INIT;
	char *line, *save = NULL;

	list_tree(a, "", &la);
	list_tree(b, "", &lb);
	ck_assert_msg(strcmp(buf_str(&la), buf_str(&lb)) == 0,
	    "%s and %s hold different files:\n%s\n--\n%s", a, b, buf_str(&la),
	    buf_str(&lb));
	for (line = strtok_r(la.data, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		size_t na = 0, nb = 0;
		char *da = read_all(a, line, &na), *db = read_all(b, line, &nb);

		ck_assert_msg(da != NULL && db != NULL, "cannot read %s", line);
		ck_assert_msg(na == nb && memcmp(da, db, na) == 0,
		    "%s differs between %s and %s", line, a, b);
		free(da);
		free(db);
	}
	buf_free(&la);
	buf_free(&lb);
}

/* Replace every "B/" in text by "A/" (the full build's folder is B). */
static char *
as_built_in_a(const char *text)
{
	struct buf out = BUF_INIT;
	const char *at;

	while ((at = strstr(text, "B/")) != NULL) {
		buf_put(&out, text, (size_t)(at - text));
		BUF_PUTSL(&out, "A/");
		text = at + 2;
	}
	buf_puts(&out, text);
	return buf_detach(&out);
}

/* Remove the project's folder rel (harness_rmtree wants its full path). */
static void
remove_folder(const char *rel)
{
	char cwd[4096], path[8200];

	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	snprintf(path, sizeof(path), "%s/%s", cwd, rel);
	harness_rmtree(path);
}

/* Copy the tree src to dst, made afresh. */
static void
snapshot(const char *src, const char *dst)
{
	remove_folder(dst);
	harness_copytree(src, dst);
}

/* The project as an incremental build keeps it. */
struct project_run {
	char *dir;          /* the project folder (the current folder) */
	char *a, *b;        /* dir/A and dir/B */
	struct live *lv;
	char old_cwd[4096];
};

static void
project_start(struct project_run *pr, char *dir)
{
	struct live_options opt;
	char *diags;
	int status;

	memset(pr, 0, sizeof(*pr));
	setenv("SOURCE_DATE_EPOCH", "1732147200", 1);  /* the PDFs' dates */
	ck_assert_ptr_nonnull(getcwd(pr->old_cwd, sizeof(pr->old_cwd)));
	pr->dir = dir;
	ck_assert_int_eq(chdir(dir), 0);
	memset(&opt, 0, sizeof(opt));
	opt.out_dir = "A";
	opt.jobs = 2;
	pr->lv = live_new(&opt);
	harness_diags_begin();
	status = live_build_all(pr->lv);
	diags = harness_diags_end();
	ck_assert_msg(status == EXIT_OK, "the first build failed (%d):\n%s",
	    status, diags);
	free(diags);
}

static void
project_end(struct project_run *pr)
{
	live_free(pr->lv);
	ck_assert_int_eq(chdir(pr->old_cwd), 0);
	unsetenv("SOURCE_DATE_EPOCH");
	harness_rmtree(pr->dir);
	free(pr->dir);
}

/*
 * Apply live_update for the paths (NULL-terminated) and compare with a
 * full build into B: the same status and diagnostics, and A the same as B
 * (on success) or as it was (on failure).  want_status is what both must
 * return; fast says whether the update must have been incremental.
 * Returns the diagnostics (caller frees).
 */
static char *
update(struct project_run *pr, int want_status, int fast, ...)
{
	const char *paths[16];
	struct build_options bopt;
	const char *const *written;
	char *got, *want_b, *want;
	size_t n = 0, nwritten;
	int status, full_status;
	va_list ap;

	va_start(ap, fast);
	while ((paths[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	snapshot("A", "A-before");
	harness_diags_begin();
	status = live_update(pr->lv, paths, n);
	got = harness_diags_end();

	memset(&bopt, 0, sizeof(bopt));
	bopt.out_dir = "B";
	bopt.quiet = true;
	bopt.warn_placeholder = true;
	bopt.jobs = 2;
	remove_folder("B");
	harness_diags_begin();
	full_status = build_site(&bopt);
	want_b = harness_diags_end();
	want = as_built_in_a(want_b);

	ck_assert_msg(full_status == want_status, "the full build after %s returned "
	    "%d, not %d:\n%s", paths[0], full_status, want_status, want);
	ck_assert_msg(status == full_status, "live_update after %s returned %d, "
	    "the full build %d:\n%s", paths[0], status, full_status, got);
	ck_assert_msg(strcmp(got, want) == 0, "after %s, live_update reported\n%s\n"
	    "and the full build\n%s", paths[0], got, want);
	if (status == EXIT_OK)
		assert_same_tree("A", "B");
	else
		assert_same_tree("A", "A-before");  /* the last good site */
	if (fast >= 0)
		ck_assert_msg(live_last_full(pr->lv, &written, &nwritten) == !fast,
		    "after %s the update was %s", paths[0], fast ? "a full build" :
		    "incremental");
	remove_folder("A-before");
	free(want_b);
	free(want);
	return got;
}

/* Write text as the project's file rel. */
static void
edit(const char *rel, const char *text)
{
	harness_write(".", rel, text);
}

/* Replace the first from in the project's file rel with to. */
static void
edit_replace(const char *rel, const char *from, const char *to)
{
	char *text = harness_read(".", rel), *at;
	struct buf out = BUF_INIT;

	ck_assert_msg(text != NULL && (at = strstr(text, from)) != NULL,
	    "%s has no '%s'", rel, from);
	buf_put(&out, text, (size_t)(at - text));
	buf_puts(&out, to);
	buf_puts(&out, at + strlen(from));
	edit(rel, buf_str(&out));
	buf_free(&out);
	free(text);
}

static char *
base_site(void)
{
	char *dir = harness_tmpdir();
	char src[4096];

	snprintf(src, sizeof(src), "%s/tests/sites/base", harness_root());
	harness_copytree(src, dir);
	return dir;
}

/* Every kind of edit on the small fixture site, one after another. */
START_TEST(edits_on_the_base_site_match_full_builds)
{
	struct project_run pr;
	const char *const *written;
	size_t n;
	char *d;

	project_start(&pr, base_site());

	/* A body: that page alone, rendered again and written. */
	edit_replace("content/about.md", "About this guide.", "About *this* guide.");
	free(update(&pr, EXIT_OK, 1, "content/about.md", NULL));
	ck_assert(!live_last_full(pr.lv, &written, &n));
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(written[0], "about/index.html");

	/* A warning in one page's body (raw HTML): a full build reports it;
	   an edit of another page reports it again, as a full build would. */
	edit_replace("content/about.md", "About *this* guide.",
	    "About *this* <b>guide</b>.");
	d = update(&pr, EXIT_OK, 0, "content/about.md", NULL);
	ck_assert_msg(strstr(d, "content/about.md:5:") != NULL, "%s", d);
	free(d);
	edit_replace("content/steps/one.md", "Do it.", "Do it now.");
	d = update(&pr, EXIT_OK, 1, "content/steps/one.md", NULL);
	ck_assert_msg(strstr(d, "content/about.md:5:") != NULL, "%s", d);
	free(d);
	edit_replace("content/about.md", "<b>guide</b>", "guide");
	free(update(&pr, EXIT_OK, 0, "content/about.md", NULL));

	/* A step's body: the page, and the booklets that print it. */
	edit_replace("content/steps/two.md", "Second.", "Second, and more.");
	free(update(&pr, EXIT_OK, 1, "content/steps/two.md", NULL));

	/* A body that changes nothing the reader sees: nothing written. */
	edit_replace("content/steps/two.md", "and more.", "and more.\n");
	free(update(&pr, EXIT_OK, 1, "content/steps/two.md", NULL));
	ck_assert(!live_last_full(pr.lv, &written, &n));

	/* A link to a heading of another page, then the heading removed:
	   the other page's link breaks, the update fails, A stays. */
	edit_replace("content/steps/two.md", "(../one/)", "(../one/#why-it-matters)");
	free(update(&pr, EXIT_OK, 1, "content/steps/two.md", NULL));
	edit_replace("content/steps/one.md", "## Why it matters\n", "");
	d = update(&pr, EXIT_SITE, 1, "content/steps/one.md", NULL);
	ck_assert_msg(strstr(d, "content/steps/two.md:7:") != NULL &&
	    strstr(d, "fragment '#why-it-matters' not found on /steps/one/") != NULL,
	    "the broken fragment is not reported where it is written:\n%s", d);
	free(d);
	edit_replace("content/steps/one.md", "Because.", "## Why it matters\n\nBecause.");
	free(update(&pr, EXIT_OK, -1, "content/steps/one.md", NULL));

	/* Its title: the menu, the lists, the feed show it. */
	edit_replace("content/steps/one.md", "title = \"Step One\"",
	    "title = \"The First Step\"");
	free(update(&pr, EXIT_OK, 0, "content/steps/one.md", NULL));

	/* A partial every page uses. */
	edit_replace("themes/plain/partials/base.mustache", "<main id=\"main\">",
	    "<main id=\"main\" class=\"page\">");
	free(update(&pr, EXIT_OK, 1, "themes/plain/partials/base.mustache", NULL));

	/* site.toml's title. */
	edit_replace("site.toml", "title = \"Fixture Guide\"",
	    "title = \"The Fixture Guide\"");
	free(update(&pr, EXIT_OK, 0, "site.toml", NULL));

	/* A new page, linked from the home page; then deleted again. */
	edit("content/steps/three.md", "+++\ntitle = \"Step Three\"\n"
	    "description = \"The third step.\"\nweight = 3\n+++\nThird.\n");
	edit_replace("content/_index.md", "Welcome.", "Welcome. [Three](steps/three/).");
	free(update(&pr, EXIT_OK, 0, "content/steps/three.md", "content/_index.md",
	    NULL));
	unlink("content/steps/three.md");
	edit_replace("content/_index.md", " [Three](steps/three/).", "");
	free(update(&pr, EXIT_OK, 0, "content/steps/three.md", "content/_index.md",
	    NULL));

	/* A page no link leads to (a warning), then a link to it in another
	   page's body: the warning goes, without a full build. */
	edit("content/steps/deeper/_index.md", "+++\ntitle = \"Deeper\"\n+++\nDeep.\n");
	d = update(&pr, EXIT_OK, 0, "content/steps/deeper/_index.md", NULL);
	ck_assert_msg(strstr(d, "no link leads to /steps/deeper/") != NULL, "%s", d);
	free(d);
	edit_replace("content/about.md", "guide.", "guide. [Deeper](../steps/deeper/).");
	d = update(&pr, EXIT_OK, 1, "content/about.md", NULL);
	ck_assert_msg(strstr(d, "no link leads") == NULL, "%s", d);
	free(d);
	edit_replace("content/about.md", " [Deeper](../steps/deeper/).", "");
	d = update(&pr, EXIT_OK, 1, "content/about.md", NULL);
	ck_assert_msg(strstr(d, "no link leads to /steps/deeper/") != NULL, "%s", d);
	free(d);

	/* A new page, then a link to it in another page's body. */
	edit("content/aside.md", "+++\ntitle = \"Aside\"\n+++\nAn aside.\n");
	free(update(&pr, EXIT_OK, 0, "content/aside.md", NULL));
	edit_replace("content/about.md", "guide.", "guide. [An aside](../aside/).");
	free(update(&pr, EXIT_OK, 1, "content/about.md", NULL));

	/* A body with a link that leads nowhere: fails, A stays; then fixed. */
	edit_replace("content/about.md", "(../aside/)", "(../asid/)");
	d = update(&pr, EXIT_SITE, 1, "content/about.md", NULL);
	ck_assert_msg(strstr(d, "content/about.md:5:") != NULL &&
	    strstr(d, "link target '../asid/' not found") != NULL, "%s", d);
	free(d);
	edit_replace("content/about.md", "(../asid/)", "(../aside/)");
	free(update(&pr, EXIT_OK, -1, "content/about.md", NULL));

	/* A static file of the theme: copied, nothing else. */
	edit("themes/plain/static/plain.css", "body { margin: 2em; }\n");
	free(update(&pr, EXIT_OK, 1, "themes/plain/static/plain.css", NULL));
	ck_assert(!live_last_full(pr.lv, &written, &n));
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(written[0], "plain.css");

	/* A new content asset (a full build), then changed (copied). */
	edit("content/steps/note.txt", "A note.\n");
	free(update(&pr, EXIT_OK, 0, "content/steps/note.txt", NULL));
	edit("content/steps/note.txt", "A longer note.\n");
	free(update(&pr, EXIT_OK, 1, "content/steps/note.txt", NULL));

	/* A page whose body now breaks the build (bad input), then fixed. */
	edit_replace("content/steps/two.md", "Second,", "```exercise\n```\nSecond,");
	free(update(&pr, EXIT_INPUT, -1, "content/steps/two.md", NULL));
	edit_replace("content/steps/two.md", "```exercise\n```\n", "");
	free(update(&pr, EXIT_OK, -1, "content/steps/two.md", NULL));
	project_end(&pr);
}
END_TEST

/* The guide itself: exercises, worksheets and the booklets. */
static char *
guide_site(void)
{
	char *dir = harness_guide();
	char *text = harness_read(dir, "site.toml");
	char *zip = strstr(text, "[offline]\narchive = true\n");
	char *search;
	struct buf toml = BUF_INIT;

	/* the guide's zip holds every file: with it, every update is a full
	   build (tested below); without, the paths.  Search off too: with it
	   on every update is a full build (tested below as well). */
	if (zip != NULL)
		memmove(zip, zip + strlen("[offline]\narchive = true\n"),
		    strlen(zip + strlen("[offline]\narchive = true\n")) + 1);
	search = strstr(text, "[search]\nenabled = true\n");
	ck_assert_ptr_nonnull(search);
	buf_put(&toml, text, (size_t)(search - text));
	buf_puts(&toml, "[search]\nenabled = false\n");
	buf_puts(&toml, search + strlen("[search]\nenabled = true\n"));
	harness_write(dir, "site.toml", buf_str(&toml));
	buf_free(&toml);
	free(text);
	return dir;
}

START_TEST(edits_on_the_guide_match_full_builds)
{
	struct project_run pr;
	char *d;

	project_start(&pr, guide_site());

	/* A page the booklets do not print. */
	edit_replace("content/for-counselors.md", "\n+++\n",
	    "\n+++\nA new first paragraph.\n\n");
	free(update(&pr, EXIT_OK, 1, "content/for-counselors.md", NULL));

	/* A step's body (the booklets print it). */
	edit_replace("content/steps/acknowledge-the-breach.md", "\n+++\n",
	    "\n+++\nOne more sentence.\n\n");
	free(update(&pr, EXIT_OK, 1, "content/steps/acknowledge-the-breach.md",
	    NULL));

	/* A step with an exercise: its form and worksheets stay. */
	edit_replace("content/steps/apologize-sincerely.md", "\n+++\n",
	    "\n+++\nAnd a word before the exercise.\n\n");
	free(update(&pr, EXIT_OK, 1, "content/steps/apologize-sincerely.md", NULL));

	/* An exercise script's text: its form, worksheets and booklets. */
	edit_replace("exercises/boundary-worksheet.lua", "title = \"Boundary worksheet\"",
	    "title = \"A boundary worksheet\"");
	free(update(&pr, EXIT_OK, 1, "exercises/boundary-worksheet.lua", NULL));

	/* A script that no longer runs: fails at its line, A stays; fixed. */
	edit_replace("exercises/boundary-worksheet.lua", "title = \"A boundary worksheet\"",
	    "title = = \"A boundary worksheet\"");
	d = update(&pr, EXIT_INPUT, -1, "exercises/boundary-worksheet.lua", NULL);
	ck_assert_msg(strstr(d, "exercises/boundary-worksheet.lua:") != NULL, "%s", d);
	free(d);
	edit_replace("exercises/boundary-worksheet.lua", "title = = ", "title = ");
	free(update(&pr, EXIT_OK, -1, "exercises/boundary-worksheet.lua", NULL));

	/* The body of the page with that exercise, the forms staying. */
	edit_replace("content/steps/set-boundaries-together.md", "\n+++\n",
	    "\n+++\nA sentence first.\n\n");
	free(update(&pr, EXIT_OK, 1, "content/steps/set-boundaries-together.md", NULL));

	/* With [offline] on, sw.js versions every file: a body edit is a
	   full build, and sw.js is what a full build writes. */
	edit_replace("site.toml", "theme = \"calm\"\n", "theme = \"calm\"\n\n"
	    "[offline]\nenabled = true\n");
	free(update(&pr, EXIT_OK, 0, "site.toml", NULL));
	edit_replace("content/for-counselors.md", "A new first paragraph.",
	    "A new first paragraph, edited.");
	free(update(&pr, EXIT_OK, 0, "content/for-counselors.md", NULL));
	ck_assert(harness_exists(".", "A/sw.js"));
	edit_replace("site.toml", "\n[offline]\nenabled = true\n", "");
	free(update(&pr, EXIT_OK, 0, "site.toml", NULL));

	/* With [offline] archive on, the zip holds every file: a body edit is
	   a full build too, and the zip is what a full build writes. */
	edit_replace("site.toml", "theme = \"calm\"\n", "theme = \"calm\"\n\n"
	    "[offline]\narchive = true\n");
	free(update(&pr, EXIT_OK, 0, "site.toml", NULL));
	edit_replace("content/for-counselors.md", "A new first paragraph, edited.",
	    "A new first paragraph, edited again.");
	free(update(&pr, EXIT_OK, 0, "content/for-counselors.md", NULL));
	ck_assert(harness_exists(".", "A/guide-offline.zip"));
	edit_replace("site.toml", "\n[offline]\narchive = true\n", "");
	free(update(&pr, EXIT_OK, 0, "site.toml", NULL));

	/* With search on, its index is made from every page's body: a body
	   edit is a full build, and the index is what a full build writes. */
	edit_replace("site.toml", "[search]\nenabled = false\n",
	    "[search]\nenabled = true\n");
	free(update(&pr, EXIT_OK, 0, "site.toml", NULL));
	edit_replace("content/for-counselors.md", "A new first paragraph, edited again.",
	    "A new first paragraph, edited a third time.");
	free(update(&pr, EXIT_OK, 0, "content/for-counselors.md", NULL));
	ck_assert(harness_exists(".", "A/search/manifest.js"));
	edit_replace("site.toml", "[search]\nenabled = true\n",
	    "[search]\nenabled = false\n");
	free(update(&pr, EXIT_OK, 0, "site.toml", NULL));
	ck_assert(!harness_exists(".", "A/search/manifest.js"));

	/* A layout. */
	edit_replace("themes/calm/layouts/page.mustache", "<article", "<article data-x=\"1\"");
	free(update(&pr, EXIT_OK, 1, "themes/calm/layouts/page.mustache", NULL));
	project_end(&pr);
}
END_TEST

static Suite *
live_suite(void)
{
	Suite *s = suite_create("live");
	TCase *tc = tcase_create("incremental equals full");

	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, edits_on_the_base_site_match_full_builds);
	tcase_add_test(tc, edits_on_the_guide_match_full_builds);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return harness_run(live_suite(), NULL) == 0 ? 0 : 1;
}
