/*
 * `mend new site|page|exercise` as an author meets it: the new site builds,
 * checks and passes its exercise's examples with nothing to fix; pages and
 * exercises come out as the README says; every refusal (a bad name, a file
 * that exists, a folder that is not empty) leaves everything as it was.
 * Runs the real binary ($MEND_BIN) in throw-away folders.
 */
#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "lib/buf.h"

/* An address that is not a placeholder: the build has nothing to say. */
#define REAL_URL "https://guide.mend.dev/"

/* Every file a new site holds besides the theme. */
static const char *const site_files[] = {
	"site.toml", "content/_index.md", "content/steps/_index.md",
	"content/steps/choose-a-calm-moment.md", "content/steps/listen-first.md",
	"exercises/say-it-back.lua", "exercises/lib/concerns.lua", NULL
};

/* ---- the state of a folder, to prove a refusal changed nothing ---- */

static struct buf tree_text;
static size_t tree_skip;

static int
tree_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)ftw;
	buf_printf(&tree_text, "%s %o\n", path + tree_skip,
	    (unsigned)(st->st_mode & 07777));
	if (type == FTW_F) {
		char *text = harness_read(path, "");

		buf_puts(&tree_text, text != NULL ? text : "(unreadable)");
		free(text);
	}
	return 0;
}

/* Every path under dir, its mode and its contents, as one text. */
static char *
tree_state(const char *dir)
{
	buf_reset(&tree_text);
	tree_skip = strlen(dir);
	ck_assert_int_eq(nftw(dir, tree_entry, 16, FTW_PHYS), 0);
	return xstrdup(buf_str(&tree_text));
}

static size_t
count(const char *text, const char *what)
{
	size_t n = 0;

	while ((text = strstr(text, what)) != NULL) {
		n++;
		text += strlen(what);
	}
	return n;
}

/* Make a new site DIR in parent (with a real address), and check it was. */
static char *
new_site(const char *parent, const char *name)
{
	struct run r;
	char *dir = xmalloc(strlen(parent) + strlen(name) + 2);

	sprintf(dir, "%s/%s", parent, name);
	run_mend(&r, parent, NULL, "new", "site", name, "--base-url", REAL_URL,
	    NULL);
	ck_assert_msg(r.status == 0, "mend new site: %d\n%s", r.status, r.err);
	ck_assert_str_eq(r.err, "");
	run_free(&r);
	return dir;
}

/*
 * The new site holds every file it should, a full copy of the calm theme,
 * builds with status 0 and not one diagnostic, checks clean, and its
 * exercise's examples pass; and mend says what to do next.
 */
START_TEST(new_site_builds_and_checks_clean)
{
	static const char *const theme[] = {
		"layouts/home.mustache", "layouts/page.mustache",
		"layouts/section.mustache", "layouts/404.mustache",
		"layouts/worksheets.mustache", "partials/base.mustache",
		"partials/safety.mustache", "partials/exercise.mustache",
		"static/calm.css", "static/exercise.js", "static/exit.js", NULL
	};
	char *tmp = harness_tmpdir(), *dir, *page, *toml;
	struct run r;
	size_t i;

	run_mend(&r, tmp, NULL, "new", "site", "guide", "--base-url", REAL_URL,
	    NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.err, "");
	ck_assert_ptr_nonnull(strstr(r.out, "Made a new site in guide"));
	ck_assert_ptr_nonnull(strstr(r.out, "  cd guide\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "  mend serve "));
	ck_assert_ptr_nonnull(strstr(r.out, "  mend build "));
	ck_assert_ptr_nonnull(strstr(r.out, "content/"));
	run_free(&r);
	dir = xmalloc(strlen(tmp) + 8);
	sprintf(dir, "%s/guide", tmp);
	for (i = 0; site_files[i] != NULL; i++)
		ck_assert_msg(harness_exists(dir, site_files[i]), "%s is missing",
		    site_files[i]);
	/* The theme is the repository's, byte for byte. */
	for (i = 0; theme[i] != NULL; i++) {
		char rel[256], *want, *got;

		snprintf(rel, sizeof(rel), "themes/calm/%s", theme[i]);
		want = harness_read(harness_root(), rel);
		got = harness_read(dir, rel);
		ck_assert_msg(want != NULL && got != NULL, "%s", rel);
		ck_assert_text(got, want);
		free(want);
		free(got);
	}
	toml = harness_read(dir, "site.toml");
	ck_assert_ptr_nonnull(strstr(toml, "base_url = \"" REAL_URL "\"\n"));
	ck_assert_ptr_nonnull(strstr(toml, "# [[help]]\n# name = \"REPLACE"));
	free(toml);

	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_msg(r.status == 0, "mend build: %d\n%s", r.status, r.err);
	ck_assert_str_eq(r.err, "");
	run_free(&r);
	page = harness_read(dir, "public/steps/listen-first/index.html");
	ck_assert_ptr_nonnull(page);
	ck_assert_ptr_nonnull(strstr(page, "Say it back"));
	ck_assert_ptr_nonnull(strstr(page, "What I heard you say"));
	ck_assert_ptr_nonnull(strstr(page, "id=\"safety\""));
	free(page);
	ck_assert(harness_exists(dir, "public/steps/choose-a-calm-moment/index.html"));
	ck_assert(harness_exists(dir, "public/worksheets/say-it-back-a4.pdf"));

	run_mend(&r, dir, NULL, "check", NULL);
	ck_assert_msg(r.status == 0, "mend check: %d\n%s", r.status, r.err);
	ck_assert_msg(strstr(r.out, ": 0 errors, 0 warnings\n") != NULL, "%s",
	    r.out);
	ck_assert_str_eq(r.err, "");
	run_free(&r);

	run_mend(&r, dir, NULL, "exercise", "test", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.out, "say-it-back: 5 examples passed\n"
	    "5 examples passed, 0 failed\n");
	ck_assert_str_eq(r.err, "");
	run_free(&r);
	harness_rmtree(tmp);
	free(tmp);
	free(dir);
}
END_TEST

/*
 * Without --base-url, site.toml holds the placeholder, and the build says
 * so once, at its line; nothing else.
 */
START_TEST(new_site_placeholder_is_the_one_warning)
{
	char *tmp = harness_tmpdir(), dir[4096];
	struct run r;

	run_mend(&r, tmp, NULL, "new", "site", "guide", NULL);
	ck_assert_int_eq(r.status, 0);
	run_free(&r);
	snprintf(dir, sizeof(dir), "%s/guide", tmp);
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.err, "site.toml:12:12: warning: base_url "
	    "'https://example.org/' is a placeholder address: every QR code and "
	    "printed page footer carries it; set base_url to the address the "
	    "site will be published at (or pass --base-url)\n"
	    "mend: 0 errors, 1 warning\n");
	run_free(&r);
	harness_rmtree(tmp);
	free(tmp);
}
END_TEST

/* An existing empty folder will do; its files get the umask's modes. */
START_TEST(new_site_in_an_empty_folder_by_umask)
{
	char *tmp = harness_tmpdir(), dir[4096];
	struct stat st;
	mode_t old = umask(027);
	struct run r;

	snprintf(dir, sizeof(dir), "%s/guide", tmp);
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	run_mend(&r, tmp, NULL, "new", "site", "guide", NULL);
	umask(old);
	ck_assert_int_eq(r.status, 0);
	run_free(&r);
	snprintf(dir, sizeof(dir), "%s/guide/site.toml", tmp);
	ck_assert_int_eq(stat(dir, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0640);
	snprintf(dir, sizeof(dir), "%s/guide/themes/calm/static", tmp);
	ck_assert_int_eq(stat(dir, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0750);
	harness_rmtree(tmp);
	free(tmp);
}
END_TEST

/* Refusals of new site: each writes nothing at all. */
START_TEST(new_site_refusals_write_nothing)
{
	char *tmp = harness_tmpdir(), *before, *after, path[4096];
	struct run r;

	harness_write(tmp, "full/notes.txt", "mine\n");
	snprintf(path, sizeof(path), "%s/full", tmp);
	ck_assert_int_eq(symlink(path, strcat(strcpy(path, tmp), "/link")), 0);
	harness_write(tmp, "file", "a file\n");
	before = tree_state(tmp);

	run_mend(&r, tmp, NULL, "new", "site", "full", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "full: error: refusing to make a site here: the "
	    "folder is not empty (mend new site makes a project in a new or "
	    "empty folder); nothing was written\n");
	ck_assert_str_eq(r.out, "");
	run_free(&r);

	run_mend(&r, tmp, NULL, "new", "site", "link", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "link: error: refusing to write here: it is a "
	    "symbolic link; nothing was written\n");
	run_free(&r);

	run_mend(&r, tmp, NULL, "new", "site", "file", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "file: error: refusing to write here: it exists "
	    "and is not a folder; nothing was written\n");
	run_free(&r);

	/* The parent is not made: that would be outside DIR. */
	run_mend(&r, tmp, NULL, "new", "site", "missing/guide", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "missing/guide: error: cannot make this folder: "
	    "the folder it would be in does not exist (make that first; mend new "
	    "makes nothing outside the folder it is given)\n");
	run_free(&r);

	run_mend(&r, tmp, NULL, "new", "site", "guide", "--base-url",
	    "ftp://x.org/", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "mend new: --base-url wants the site's address, "
	    "an http:// or https:// URL without spaces or quotes, not "
	    "'ftp://x.org/' (try 'mend help new')\n");
	run_free(&r);

	run_mend(&r, tmp, NULL, "new", "site", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "mend new: site needs a folder: mend new site DIR "
	    "(try 'mend help new')\n");
	run_free(&r);

	after = tree_state(tmp);
	ck_assert_text(after, before);
	free(before);
	free(after);
	harness_rmtree(tmp);
	free(tmp);
}
END_TEST

/*
 * A page: its exact text (title from the name, SOURCE_DATE_EPOCH's date,
 * a draft), the section page a new section needs, and the site still
 * builds clean with and without --drafts.
 */
START_TEST(new_page_writes_a_draft)
{
	char *tmp = harness_tmpdir(), *dir = new_site(tmp, "guide"), *text, *html;
	struct run r;

	setenv("SOURCE_DATE_EPOCH", "1733356800", 1);  /* 2024-12-05 */
	run_mend(&r, dir, NULL, "new", "page", "steps/rebuild-trust", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.err, "");
	ck_assert_str_eq(r.out, "Wrote content/steps/rebuild-trust.md, a draft.\n"
	    "Write the page in Markdown under its front matter, and delete the "
	    "line\n\"draft = true\" when it is ready; until then, mend build "
	    "--drafts shows it.\n");
	run_free(&r);
	text = harness_read(dir, "content/steps/rebuild-trust.md");
	ck_assert_str_eq(text, "+++\n"
	    "title = \"Rebuild trust\"\n"
	    "# description = \"One sentence on what a reader finds here: search "
	    "results show it.\"\n"
	    "date = 2024-12-05\n"
	    "# A draft is left out of the site; `mend build --drafts` shows it.  "
	    "Write the\n"
	    "# page below in Markdown, then delete the line \"draft = true\" to "
	    "publish it.\n"
	    "draft = true\n"
	    "+++\n");
	free(text);
	ck_assert(!harness_exists(dir, "content/guides"));

	/* A new section gets its page, a draft too. */
	run_mend(&r, dir, NULL, "new", "page", "first-steps/talk-2", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "Wrote content/first-steps/_index.md "
	    "too: the page of the new section 'first-steps', a draft as well.\n"));
	run_free(&r);
	text = harness_read(dir, "content/first-steps/_index.md");
	ck_assert_ptr_nonnull(strstr(text, "+++\ntitle = \"First steps\"\n"));
	ck_assert_ptr_nonnull(strstr(text, "\ndraft = true\n+++\n"));
	free(text);
	text = harness_read(dir, "content/first-steps/talk-2.md");
	ck_assert_ptr_nonnull(strstr(text, "title = \"Talk 2\"\n"));
	free(text);

	/* A page at the top. */
	run_mend(&r, dir, NULL, "new", "page", "about", NULL);
	ck_assert_int_eq(r.status, 0);
	run_free(&r);
	text = harness_read(dir, "content/about.md");
	ck_assert_ptr_nonnull(strstr(text, "title = \"About\"\n"));
	free(text);

	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_str_eq(r.err, "");
	run_free(&r);
	ck_assert(!harness_exists(dir, "public/steps/rebuild-trust/index.html"));
	run_mend(&r, dir, NULL, "build", "-q", "--drafts", NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_str_eq(r.err, "");
	run_free(&r);
	html = harness_read(dir, "public/steps/rebuild-trust/index.html");
	ck_assert_ptr_nonnull(html);
	ck_assert_ptr_nonnull(strstr(html, ">Rebuild trust</h1>"));
	free(html);
	ck_assert(harness_exists(dir, "public/first-steps/talk-2/index.html"));
	ck_assert(harness_exists(dir, "public/about/index.html"));
	harness_rmtree(tmp);
	free(tmp);
	free(dir);
}
END_TEST

/* The page refusals: the project stays exactly as it was. */
static const struct {
	const char *arg;  /* mend new page ARG */
	const char *err;  /* standard error, exactly */
} page_refusals[] = {
	{ "steps/listen-first", "content/steps/listen-first.md: error: refusing "
	  "to write this page: it already exists; nothing was written\n" },
	{ "steps", "content/steps: error: refusing to write this page: a folder "
	  "of that name is already at its address (a section's own page is its "
	  "_index.md); nothing was written\n" },
	{ "Steps/x", "mend new: 'Steps/x' is not a page name: SECTION/NAME or "
	  "NAME, each lower-case letters and digits, with single '-' between them "
	  "(try 'mend help new')\n" },
	{ "steps/", "mend new: 'steps/' is not a page name: SECTION/NAME or "
	  "NAME, each lower-case letters and digits, with single '-' between them "
	  "(try 'mend help new')\n" },
	{ "a/b/c", "mend new: 'a/b/c' is not a page name: SECTION/NAME or "
	  "NAME, each lower-case letters and digits, with single '-' between them "
	  "(try 'mend help new')\n" },
	{ "../x", "mend new: '../x' is not a page name: SECTION/NAME or "
	  "NAME, each lower-case letters and digits, with single '-' between them "
	  "(try 'mend help new')\n" },
	{ "steps/_index", "mend new: 'steps/_index' is not a page name: "
	  "SECTION/NAME or NAME, each lower-case letters and digits, with single "
	  "'-' between them (try 'mend help new')\n" },
	{ "my--page", "mend new: 'my--page' is not a page name: SECTION/NAME or "
	  "NAME, each lower-case letters and digits, with single '-' between them "
	  "(try 'mend help new')\n" },
	{ "", "mend new: '' is not a page name: SECTION/NAME or "
	  "NAME, each lower-case letters and digits, with single '-' between them "
	  "(try 'mend help new')\n" },
};

START_TEST(new_page_refusals_write_nothing)
{
	char *tmp = harness_tmpdir(), *dir = new_site(tmp, "guide");
	char *before = tree_state(dir), *after;
	struct run r;

	run_mend(&r, dir, NULL, "new", "page", page_refusals[_i].arg, NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, page_refusals[_i].err);
	ck_assert_str_eq(r.out, "");
	run_free(&r);
	after = tree_state(dir);
	ck_assert_text(after, before);
	free(before);
	free(after);
	harness_rmtree(tmp);
	free(tmp);
	free(dir);
}
END_TEST

/* A folder name with a space is quoted in "what to do next". */
START_TEST(new_site_says_cd_as_a_shell_takes_it)
{
	char *tmp = harness_tmpdir();
	struct run r;

	run_mend(&r, tmp, NULL, "new", "site", "my guide", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "\n  cd 'my guide'\n"));
	run_free(&r);
	ck_assert(harness_exists(tmp, "my guide/site.toml"));
	harness_rmtree(tmp);
	free(tmp);
}
END_TEST

/*
 * A symbolic link on the way to the new page is not followed: the folder
 * it points at, outside the project, stays as it was.
 */
START_TEST(new_page_never_follows_a_link_out)
{
	char *tmp = harness_tmpdir(), *dir = new_site(tmp, "guide");
	char outside[4096], link[4096], *before, *after;
	struct run r;

	harness_write(tmp, "outside/keep.txt", "mine\n");
	snprintf(outside, sizeof(outside), "%s/outside", tmp);
	snprintf(link, sizeof(link), "%s/content/away", dir);
	ck_assert_int_eq(symlink(outside, link), 0);
	before = tree_state(tmp);
	run_mend(&r, dir, NULL, "new", "page", "away/x", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "content/away: error: not a folder (or a "
	    "symbolic link): mend new writes only into real folders; nothing was "
	    "written there\n");
	run_free(&r);
	after = tree_state(tmp);
	ck_assert_text(after, before);
	free(before);
	free(after);
	harness_rmtree(tmp);
	free(tmp);
	free(dir);
}
END_TEST

/* Outside a project, page and exercise refuse and write nothing. */
START_TEST(new_page_needs_a_project)
{
	char *tmp = harness_tmpdir(), *before = tree_state(tmp), *after;
	struct run r;

	run_mend(&r, tmp, NULL, "new", "page", "steps/x", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "mend new: there is no site.toml here: run this "
	    "in a project's folder (or with mend -C DIR), or make a project with "
	    "mend new site DIR (try 'mend help new')\n");
	run_free(&r);
	run_mend(&r, tmp, NULL, "new", "exercise", "x", NULL);
	ck_assert_int_eq(r.status, 2);
	run_free(&r);
	after = tree_state(tmp);
	ck_assert_text(after, before);
	free(before);
	free(after);
	harness_rmtree(tmp);
	free(tmp);
}
END_TEST

/*
 * An exercise: a commented script whose examples pass; in a project
 * without the shared concerns, they come with it.
 */
START_TEST(new_exercise_passes_its_examples)
{
	char *tmp = harness_tmpdir(), *dir = new_site(tmp, "guide"), *text, *want;
	struct run r;

	run_mend(&r, dir, NULL, "new", "exercise", "check-in", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.err, "");
	ck_assert_str_eq(r.out, "Wrote exercises/check-in.lua: fill in its "
	    "REPLACE lines, and show it on a page with\n\n```exercise check-in\n"
	    "```\n\nmend exercise test check-in runs its examples.\n");
	run_free(&r);
	text = harness_read(dir, "exercises/check-in.lua");
	ck_assert(strncmp(text, "-- exercises/check-in.lua: an exercise.", 39) == 0);
	ck_assert_ptr_nonnull(strstr(text, "title = \"Check in\",\n"));
	ck_assert_ptr_nonnull(strstr(text, "local rules = include \"concerns\"\n"));
	ck_assert_int_eq(count(text, "@"), 0);  /* every placeholder filled */
	free(text);
	run_mend(&r, dir, NULL, "exercise", "test", "check-in", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.out, "check-in: 4 examples passed\n"
	    "4 examples passed, 0 failed\n");
	ck_assert_str_eq(r.err, "");
	run_free(&r);
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.err, "");
	run_free(&r);

	/* A project of one's own, without exercises/ at all. */
	harness_rmtree(dir);
	harness_write(dir, "site.toml", "title = \"Mine\"\n");
	run_mend(&r, dir, NULL, "new", "exercise", "first", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "Wrote exercises/lib/concerns.lua too"));
	run_free(&r);
	text = harness_read(dir, "exercises/lib/concerns.lua");
	want = harness_read(harness_root(), "exercises/lib/concerns.lua");
	ck_assert_text(text, want);
	free(text);
	free(want);
	run_mend(&r, dir, NULL, "exercise", "test", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.out, "first: 4 examples passed\n"
	    "4 examples passed, 0 failed\n");
	run_free(&r);
	harness_rmtree(tmp);
	free(tmp);
	free(dir);
}
END_TEST

START_TEST(new_exercise_refusals_write_nothing)
{
	static const char *const bad[] = { "Check_in", "check--in", "x-", "x/y",
	    "", NULL };
	char *tmp = harness_tmpdir(), *dir = new_site(tmp, "guide");
	char *before = tree_state(dir), *after, want[512];
	struct run r;
	size_t i;

	run_mend(&r, dir, NULL, "new", "exercise", "say-it-back", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "exercises/say-it-back.lua: error: refusing to "
	    "write this exercise: it already exists; nothing was written\n");
	run_free(&r);
	for (i = 0; bad[i] != NULL; i++) {
		run_mend(&r, dir, NULL, "new", "exercise", bad[i], NULL);
		ck_assert_int_eq(r.status, 2);
		snprintf(want, sizeof(want), "mend new: '%s' is not an exercise name "
		    "(lower-case letters and digits, with single '-' between them) "
		    "(try 'mend help new')\n", bad[i]);
		ck_assert_str_eq(r.err, want);
		run_free(&r);
	}
	after = tree_state(dir);
	ck_assert_text(after, before);
	free(before);
	free(after);
	harness_rmtree(tmp);
	free(tmp);
	free(dir);
}
END_TEST

/* `mend new --help` is `mend help new`; the overview lists new. */
START_TEST(new_has_its_help)
{
	struct run r, same;

	run_mend(&r, NULL, NULL, "new", "--help", NULL);
	run_mend(&same, NULL, NULL, "help", "new", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_int_eq(same.status, 0);
	ck_assert(strncmp(r.out, "usage: mend new site DIR [--base-url URL]\n",
	    42) == 0);
	ck_assert_str_eq(r.out, same.out);
	run_free(&r);
	run_free(&same);
	run_mend(&r, NULL, NULL, "new", "page", "-h", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert(strncmp(r.out, "usage: mend new site DIR", 24) == 0);
	run_free(&r);
	run_mend(&r, NULL, NULL, "--help", NULL);
	ck_assert_ptr_nonnull(strstr(r.out, "\n  new        start a new site"));
	run_free(&r);
	run_mend(&r, NULL, NULL, "new", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "mend new: missing what to make: site, page or "
	    "exercise (try 'mend help new')\n");
	run_free(&r);
	run_mend(&r, NULL, NULL, "new", "theme", "x", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "mend new: unknown kind 'theme': use site, page "
	    "or exercise (try 'mend help new')\n");
	run_free(&r);
}
END_TEST

static Suite *
new_suite(void)
{
	Suite *s = suite_create("new");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, new_site_builds_and_checks_clean);
	tcase_add_test(tc, new_site_placeholder_is_the_one_warning);
	tcase_add_test(tc, new_site_in_an_empty_folder_by_umask);
	tcase_add_test(tc, new_site_refusals_write_nothing);
	tcase_add_test(tc, new_page_writes_a_draft);
	tcase_add_loop_test(tc, new_page_refusals_write_nothing, 0,
	    (int)(sizeof(page_refusals) / sizeof(page_refusals[0])));
	tcase_add_test(tc, new_page_needs_a_project);
	tcase_add_test(tc, new_site_says_cd_as_a_shell_takes_it);
	tcase_add_test(tc, new_page_never_follows_a_link_out);
	tcase_add_test(tc, new_exercise_passes_its_examples);
	tcase_add_test(tc, new_exercise_refusals_write_nothing);
	tcase_add_test(tc, new_has_its_help);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(new_suite(), NULL);

	buf_free(&tree_text);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
