/*
 * `mend build` end to end, as an author meets it: the fixture site in
 * tests/sites/base builds into public/ with the pages, feeds and assets a
 * reader gets; and every case under tests/sites/cases/ (bad input, unsafe
 * output folders) gives exactly the diagnostics and exit status its
 * `expected` file lists, while the previous public/ survives untouched.
 */
#include <check.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/buf.h"
#include "harness.h"
#include "lib/util.h"

#define MAX_CASES 64

static char *case_names[MAX_CASES];
static int ncases;

/* A copy of the base fixture in a fresh temporary folder; caller frees. */
static char *
base_site(void)
{
	char *dir = harness_tmpdir();
	char src[4096];

	snprintf(src, sizeof(src), "%s/tests/sites/base", harness_root());
	harness_copytree(src, dir);
	return dir;
}

static void
assert_contains(const char *haystack, const char *needle)
{
	ck_assert_msg(haystack != NULL && strstr(haystack, needle) != NULL,
	    "expected to find\n  %s\nin\n%s", needle, haystack ? haystack : "(null)");
}

START_TEST(base_site_builds)
{
	char *dir = base_site();
	char *home, *one, *two, *section, *sitemap, *atom, *robots, *notfound;
	struct run r;

	run_mend(&r, dir, NULL, "build", NULL);
	ck_assert_msg(r.status == 0, "status %d, stderr:\n%s", r.status, r.err);
	ck_assert_str_eq(r.err, "");
	assert_contains(r.out, "mend: built 5 pages into public/ in ");
	run_free(&r);

	home = harness_read(dir, "public/index.html");
	one = harness_read(dir, "public/steps/one/index.html");
	two = harness_read(dir, "public/steps/two/index.html");
	section = harness_read(dir, "public/steps/index.html");
	sitemap = harness_read(dir, "public/sitemap.xml");
	atom = harness_read(dir, "public/atom.xml");
	robots = harness_read(dir, "public/robots.txt");
	notfound = harness_read(dir, "public/404.html");

	/* Home: the lead with smart quotes, the steps as a path, the menu. */
	assert_contains(home, "<title>Fixture Guide | Fixture Guide</title>");
	assert_contains(home, "<p>Welcome. It’s “quoted”.</p>");
	assert_contains(home, "<li><a href=\"./steps/one/index.html\">1. Step One</a></li>"
	    "<li><a href=\"./steps/two/index.html\">2. Step Two</a></li>");
	assert_contains(home, "<a href=\"./index.html\" aria-current=\"page\">Home</a> "
	    "<a href=\"./steps/index.html\">The steps</a> <a href=\"./about/index.html\">About</a>");
	assert_contains(home, "<p class=\"safety\">Safety first.</p>");
	/* site.exit_url: GOV.UK's neutral page when site.toml names none. */
	assert_contains(home, "<a class=\"exit\" href=\"https://www.bbc.co.uk/weather\" "
	    "rel=\"noreferrer\">Exit this page</a>");
	assert_contains(home, "href=\"./plain.css\"");
	/* A step: its number, its table of contents, heading ids, neighbours. */
	assert_contains(one, "<p>Step 1 of 2</p>");
	assert_contains(one, "<li><a href=\"#why-it-matters\">Why it matters</a></li>");
	assert_contains(one, "<h2 id=\"why-it-matters\">Why it matters</h2>");
	assert_contains(one, "<a rel=\"next\" href=\"../../steps/two/index.html\">Step Two</a>");
	ck_assert_ptr_null(strstr(one, "rel=\"prev\""));
	ck_assert_ptr_null(strstr(one, "data-sourcepos"));
	assert_contains(two, "<a rel=\"prev\" href=\"../../steps/one/index.html\">Step One</a>");
	assert_contains(two, "<a href=\"../one/index.html\">step one</a>");
	ck_assert_ptr_null(strstr(two, "class=\"toc\""));  /* no sub-headings */
	assert_contains(section, "<a href=\"../steps/index.html\" aria-current=\"page\">The steps</a>");
	assert_contains(section, "<li><a href=\"../steps/one/index.html\">Step One</a></li>");
	/* Drafts stay out without --drafts. */
	ck_assert(!harness_exists(dir, "public/draft/index.html"));
	/* Site files. */
	assert_contains(sitemap, "<loc>https://fixture-guide.org/</loc>");
	assert_contains(sitemap, "<loc>https://fixture-guide.org/steps/one/</loc>\n"
	    "    <lastmod>2024-11-21</lastmod>");
	ck_assert_ptr_null(strstr(sitemap, "draft"));
	assert_contains(atom, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">");
	assert_contains(atom, "<updated>2024-11-21T00:00:00Z</updated>");
	assert_contains(atom, "<id>https://fixture-guide.org/steps/one/</id>");
	ck_assert_str_eq(robots, "User-agent: *\nAllow: /\n\n"
	    "Sitemap: https://fixture-guide.org/sitemap.xml\n");
	assert_contains(notfound, "<a href=\"/\">Home</a>");
	assert_contains(notfound, "href=\"/plain.css\"");
	ck_assert(harness_exists(dir, "public/plain.css"));
	ck_assert(harness_exists(dir, "public/.mend-output"));

	free(home); free(one); free(two); free(section);
	free(sitemap); free(atom); free(robots); free(notfound);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(drafts_and_base_url_and_output_options)
{
	char *dir = base_site();
	char *draft, *sitemap;
	struct run r;

	run_mend(&r, dir, NULL, "build", "--drafts", "--base-url",
	    "https://other.example/guide", "-o", "site", "-q", NULL);
	ck_assert_msg(r.status == 0, "stderr:\n%s", r.err);
	ck_assert_str_eq(r.out, "");
	run_free(&r);
	draft = harness_read(dir, "site/draft/index.html");
	sitemap = harness_read(dir, "site/sitemap.xml");
	ck_assert_ptr_nonnull(draft);
	assert_contains(sitemap, "<loc>https://other.example/guide/draft/</loc>");
	ck_assert(!harness_exists(dir, "public"));
	free(draft);
	free(sitemap);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(rebuild_replaces_and_leaves_no_staging)
{
	char *dir = base_site();
	struct run r;
	DIR *d;
	struct dirent *ent;
	int entries = 0;

	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_int_eq(r.status, 0);
	run_free(&r);
	harness_write(dir, "public/stale.html", "old");
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_int_eq(r.status, 0);
	run_free(&r);
	ck_assert(!harness_exists(dir, "public/stale.html"));
	d = opendir(dir);
	while ((ent = readdir(d)) != NULL)
		if (strstr(ent->d_name, "staging") != NULL)
			entries++;
	closedir(d);
	ck_assert_int_eq(entries, 0);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* The inode of dir/rel (0 when it is missing); its link count in *links. */
static ino_t
inode_of(const char *dir, const char *rel, nlink_t *links)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	if (lstat(path, &st) != 0)
		return 0;
	*links = st.st_nlink;
	return st.st_ino;
}

/*
 * A rebuild keeps the files it would write unchanged (same inode, so the
 * same modification time for servers' caches and rsync), writes the
 * changed ones anew, and a failed build after it still leaves the
 * previous site as it was, sharing no file with a staging folder.
 */
START_TEST(rebuild_keeps_unchanged_files)
{
	char *dir = base_site();
	char *two, *one;
	ino_t one_ino, two_ino, css_ino;
	nlink_t links;
	struct run r;

	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_int_eq(r.status, 0);
	run_free(&r);
	one_ino = inode_of(dir, "public/steps/one/index.html", &links);
	two_ino = inode_of(dir, "public/steps/two/index.html", &links);
	css_ino = inode_of(dir, "public/plain.css", &links);
	ck_assert(one_ino != 0 && two_ino != 0 && css_ino != 0);

	harness_write(dir, "content/steps/two.md", "+++\ntitle = \"Step Two\"\n"
	    "description = \"The second step.\"\nweight = 2\n+++\n"
	    "Second, and changed. See [step one](../one/).\n");
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_msg(r.status == 0, "status %d, stderr:\n%s", r.status, r.err);
	run_free(&r);
	ck_assert(inode_of(dir, "public/steps/one/index.html", &links) == one_ino);
	ck_assert_int_eq(links, 1);  /* the previous site is gone */
	ck_assert(inode_of(dir, "public/plain.css", &links) == css_ino);
	ck_assert(inode_of(dir, "public/steps/two/index.html", &links) != two_ino);
	two = harness_read(dir, "public/steps/two/index.html");
	assert_contains(two, "Second, and changed.");

	/* A failed build: the site stays, and its files are its own. */
	harness_write(dir, "content/steps/two.md", "+++\ntitle = \"Step Two\"\n"
	    "description = \"The second step.\"\nweight = 2\n+++\n"
	    "Changed again. See [step one](../nowhere/).\n");
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_int_eq(r.status, 1);
	assert_contains(r.err, "link target '../nowhere/' not found");
	run_free(&r);
	one = harness_read(dir, "public/steps/two/index.html");
	ck_assert_str_eq(one, two);
	ck_assert(inode_of(dir, "public/steps/one/index.html", &links) == one_ino);
	ck_assert_int_eq(links, 1);
	free(one);
	free(two);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/*
 * The first file or folder under a/rel that b/rel lacks or holds other
 * bytes in, as a path relative to the trees ("" : the trees are the same;
 * extra files in b are found by calling it the other way round).  The
 * caller frees the result.
 */
static char *
tree_difference(const char *a, const char *b, const char *rel)
{
	char path[4096];
	char *diff = NULL;
	struct dirent *ent;
	DIR *d;

	snprintf(path, sizeof(path), "%s/%s", a, rel);
	if ((d = opendir(path)) == NULL)
		return xstrdup(rel);
	while (diff == NULL && (ent = readdir(d)) != NULL) {
		char sub[4096], file[8200];
		char *x, *y;
		size_t xlen, ylen;

		if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
			continue;
		snprintf(sub, sizeof(sub), "%s%s%s", rel, rel[0] ? "/" : "",
		    ent->d_name);
		if (ent->d_type == DT_DIR) {
			char *inner = tree_difference(a, b, sub);

			if (inner[0] != '\0')
				diff = inner;
			else
				free(inner);
			continue;
		}
		snprintf(file, sizeof(file), "%s/%s", a, sub);
		if (util_read_file(file, &x, &xlen) != 0)
			x = NULL;
		snprintf(file, sizeof(file), "%s/%s", b, sub);
		if (util_read_file(file, &y, &ylen) != 0)
			y = NULL;
		if (x == NULL || y == NULL || xlen != ylen || memcmp(x, y, xlen) != 0)
			diff = xstrdup(sub);  /* byte for byte: PDFs hold NULs */
		free(x);
		free(y);
	}
	closedir(d);
	return diff != NULL ? diff : xstrdup("");
}

/* Are the outputs of two runs the same?  Shows the first line that differs. */
static void
assert_same_text(const char *what, const char *a, const char *b)
{
	size_t i = 0;

	while (a[i] != '\0' && a[i] == b[i])
		i++;
	if (a[i] == b[i])
		return;
	while (i > 0 && a[i - 1] != '\n')  /* from the start of the line */
		i--;
	ck_abort_msg("%s differs from here:\n--- one\n%.200s\n--- other\n%.200s",
	    what, a + i, b + i);
}

/* Are the trees a and b the same, file for file and byte for byte? */
static void
assert_same_tree(const char *a, const char *b)
{
	char *ab = tree_difference(a, b, ""), *ba = tree_difference(b, a, "");

	ck_assert_msg(ab[0] == '\0' && ba[0] == '\0', "%s and %s differ at %s", a, b,
	    ab[0] != '\0' ? ab : ba);
	free(ab);
	free(ba);
}

/* A copy of the repository's guide (exercises, PDFs, steps). */
static char *
guide_site(void)
{
	return harness_guide();
}

/*
 * Add n pages to the site in dir, in folder extra/ (no page links to
 * them): each makes warnings on its own lines (raw HTML, an unreachable
 * page), so that the order of diagnostics shows.
 */
static void
add_pages(const char *dir, int n)
{
	char rel[256], text[1024];
	int i;

	harness_write(dir, "content/extra/_index.md",
	    "+++\ntitle = \"Extra\"\ndescription = \"More pages.\"\n+++\nMore.\n");
	for (i = 0; i < n; i++) {
		snprintf(rel, sizeof(rel), "content/extra/page-%02d.md", i);
		snprintf(text, sizeof(text), "+++\ntitle = \"Extra page %d\"\n"
		    "description = \"Page %d of the extras.\"\nweight = %d\n+++\n"
		    "Some text with <b>raw HTML</b> on page %d.\n\n## A heading\n\n"
		    "A [link to the next page](../page-%02d/) and "
		    "[one home](../../).\n", i, i, i, i, (i + 1) % n);
		harness_write(dir, rel, text);
	}
}

START_TEST(threads_build_the_same_site)
{
	char *dir = guide_site();
	char one[4200], four[4200];
	struct run r1, r4;

	setenv("SOURCE_DATE_EPOCH", "1732147200", 1);  /* the PDFs' dates */
	add_pages(dir, 40);
	run_mend(&r1, dir, NULL, "build", "--jobs", "1", "-q", "-o", "one", NULL);
	run_mend(&r4, dir, NULL, "build", "-j", "4", "-q", "-o", "four", NULL);
	unsetenv("SOURCE_DATE_EPOCH");
	ck_assert_msg(r1.status == 0, "status %d, stderr:\n%s", r1.status, r1.err);
	ck_assert_int_eq(r4.status, 0);
	/* The same warnings, in the same order: raw HTML, page by page. */
	assert_contains(r1.err, "content/extra/page-00.md:6:16: warning: raw HTML");
	assert_contains(r1.err, "content/extra/page-39.md:6:16: warning: raw HTML");
	assert_same_text("standard error", r1.err, r4.err);
	snprintf(one, sizeof(one), "%s/one", dir);
	snprintf(four, sizeof(four), "%s/four", dir);
	assert_same_tree(one, four);
	ck_assert(harness_exists(dir, "one/worksheets/booklet-a4.pdf"));
	run_free(&r1);
	run_free(&r4);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* [safety] exit_url reaches every page as site.exit_url, escaped. */
START_TEST(exit_url_from_site_toml)
{
	char *dir = base_site();
	char *toml, *home, *notfound;
	struct buf text = BUF_INIT;
	struct run r;

	toml = harness_read(dir, "site.toml");
	buf_printf(&text, "%s\n[safety]\nexit_url = \"https://news.example/?a=1&b=2\"\n",
	    toml);
	harness_write(dir, "site.toml", buf_str(&text));
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_msg(r.status == 0, "status %d, stderr:\n%s", r.status, r.err);
	ck_assert_str_eq(r.err, "");
	run_free(&r);
	home = harness_read(dir, "public/index.html");
	notfound = harness_read(dir, "public/404.html");
	assert_contains(home, "href=\"https://news.example/?a=1&amp;b=2\" rel=\"noreferrer\"");
	assert_contains(notfound, "href=\"https://news.example/?a=1&amp;b=2\"");
	ck_assert_ptr_null(strstr(home, "bbc.co.uk"));
	free(toml);
	free(home);
	free(notfound);
	buf_free(&text);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* Where page has needle, or -1 (a NULL page: -2). */
static long
offset_in(const char *page, const char *needle)
{
	const char *at;

	if (page == NULL)
		return -2;
	at = strstr(page, needle);
	return at != NULL ? (long)(at - page) : -1;
}

/*
 * The calm theme's safety note and exit: every page has the exit link; the
 * note comes right after the page's header, before the text and any
 * exercise, on every page with safety = true and on every page with an
 * exercise even when its front matter does not ask for it.
 */
START_TEST(guide_safety_note_and_exit)
{
	static const struct {
		const char *page;   /* under public/ */
		bool note;          /* shows the safety note */
	} pages[] = {
		{ "index.html", true },
		{ "steps/apologize-sincerely/index.html", true },
		{ "steps/set-boundaries-together/index.html", true },
		{ "steps/seek-professional-support/index.html", true },
		{ "steps/acknowledge-the-breach/index.html", true },
		{ "steps/give-space-to-heal/index.html", false },
		{ "steps/index.html", false },
		{ "404.html", false },
	};
	char *dir = guide_site();
	char *md, *html;
	struct buf text = BUF_INIT;
	const char *fm;
	struct run r;
	size_t i;

	/* Step 6 without safety = true: its worksheet still brings the note. */
	md = harness_read(dir, "content/steps/set-boundaries-together.md");
	fm = strstr(md, "safety = true\n");
	ck_assert_ptr_nonnull(fm);
	buf_put(&text, md, (size_t)(fm - md));
	buf_puts(&text, fm + strlen("safety = true\n"));
	harness_write(dir, "content/steps/set-boundaries-together.md", buf_str(&text));
	run_mend(&r, dir, NULL, "build", "-q", "--no-check", NULL);
	ck_assert_msg(r.status == 0, "status %d, stderr:\n%s", r.status, r.err);
	run_free(&r);
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		long note, header, exercise, prose, toc;
		char rel[512];

		snprintf(rel, sizeof(rel), "public/%s", pages[i].page);
		html = harness_read(dir, rel);
		ck_assert_msg(html != NULL, "%s not built", pages[i].page);
		assert_contains(html, "<a class=\"exit-button\" href=\"https://www.bbc.co.uk/"
		    "weather\" rel=\"noreferrer\" aria-describedby=\"exit-hint\">");
		assert_contains(html, "exit.js\" defer=\"defer\"></script>");
		note = offset_in(html, "<div id=\"safety\" class=\"safety\" role=\"note\">");
		ck_assert_msg((note >= 0) == pages[i].note, "%s: the safety note is %s",
		    pages[i].page, note >= 0 ? "there" : "missing");
		if (note >= 0) {
			header = offset_in(html, "</header>\n<div id=\"safety\"");
			exercise = offset_in(html, "<section class=\"exercise");
			prose = offset_in(html, "<div class=\"prose\">");
			toc = offset_in(html, "<nav id=\"toc\"");
			ck_assert_msg(header >= 0 || strcmp(pages[i].page, "index.html") == 0,
			    "%s: the note is not right after the header", pages[i].page);
			ck_assert_msg(exercise < 0 || note < exercise, "%s: the note comes "
			    "after the exercise", pages[i].page);
			ck_assert_msg(prose < 0 || note < prose, "%s: the note comes after "
			    "the text", pages[i].page);
			ck_assert_msg(toc < 0 || note < toc, "%s: the note comes after the "
			    "contents", pages[i].page);
		}
		if (strstr(pages[i].page, "set-boundaries") != NULL ||
		    strstr(pages[i].page, "apologize") != NULL)
			ck_assert_msg(offset_in(html, "<section class=\"exercise") > 0,
			    "%s: no exercise", pages[i].page);
		free(html);
	}
	html = harness_read(dir, "public/index.html");
	ck_assert_msg(offset_in(html, "</div>\n<div id=\"safety\"") >
	    offset_in(html, "<div class=\"lead\">"), "home: the note is not after the lead");
	ck_assert(offset_in(html, "<div id=\"safety\"") < offset_in(html, "<h2 id=\"steps\">"));
	/* No [[help]]: where to ask in confidence, and no web search. */
	assert_contains(html, "your doctor, a counselor, or a local domestic-abuse service");
	assert_contains(html, "controls the money");
	free(html);
	ck_assert(harness_exists(dir, "public/exit.js"));
	free(md);
	buf_free(&text);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* Put text right after the front matter of the guide's page rel. */
static void
put_under_title(const char *dir, const char *rel, const char *text)
{
	char *md = harness_read(dir, rel);
	const char *end = strstr(md + 3, "+++\n");
	struct buf out = BUF_INIT;

	ck_assert_ptr_nonnull(end);
	buf_put(&out, md, (size_t)(end + 4 - md));
	buf_puts(&out, text);
	buf_puts(&out, end + 4);
	harness_write(dir, rel, buf_str(&out));
	buf_free(&out);
	free(md);
}

/*
 * An exercise wherever the author puts it: straight under the page's
 * title its title is an h2 (and its table's an h3), under a "###" an h4
 * (and an h5); the build is clean, and nothing of the theme is blamed.
 */
START_TEST(exercise_headings_follow_the_author)
{
	char *dir = guide_site();
	char *html, *md;
	struct buf text = BUF_INIT;
	const char *at;
	struct run r;

	put_under_title(dir, "content/steps/acknowledge-the-breach.md",
	    "```exercise boundary-worksheet\n```\n\n");
	md = harness_read(dir, "content/steps/apologize-sincerely.md");
	at = strstr(md, "```exercise apology-rewrite");
	ck_assert_ptr_nonnull(at);
	buf_put(&text, md, (size_t)(at - md));
	buf_puts(&text, "### A closer look\n\n");
	buf_puts(&text, at);
	harness_write(dir, "content/steps/apologize-sincerely.md", buf_str(&text));
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_msg(r.status == 0, "status %d, stderr:\n%s", r.status, r.err);
	ck_assert_msg(strstr(r.err, ": error:") == NULL, "%s", r.err);
	run_free(&r);
	html = harness_read(dir, "public/steps/acknowledge-the-breach/index.html");
	assert_contains(html, "<h2 class=\"exercise-title\" id=\"exercise--boundary-"
	    "worksheet__title\">Boundary worksheet</h2>");
	assert_contains(html, "<h3 class=\"field-label\" id=\"boundary-worksheet--"
	    "areas__title\">");
	free(html);
	html = harness_read(dir, "public/steps/apologize-sincerely/index.html");
	assert_contains(html, "<h4 class=\"exercise-title\" id=\"exercise--apology-"
	    "rewrite__title\">");
	assert_contains(html, "</h4>");
	free(html);
	/* A level the author skips is the author's line's, not the theme's:
	   the form under the "####" follows it without another skip. */
	put_under_title(dir, "content/steps/give-space-to-heal.md",
	    "#### Too deep\n\n```exercise boundary-worksheet\n```\n\n");
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_int_eq(r.status, 1);
	assert_contains(r.err, "content/steps/give-space-to-heal.md:7:1: error: "
	    "heading level skipped: h4 after h2 [structure]\n");
	ck_assert_msg(strstr(r.err, "themes/") == NULL, "%s", r.err);
	run_free(&r);
	free(md);
	buf_free(&text);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/*
 * Links to pages' Markdown files, as authors write them for GitHub and
 * mdBook: each goes to its page's address, relative as the theme writes
 * its own links, with the fragment kept; a draft's file does once drafts
 * are built.  Images and other files are left as they are.
 */
START_TEST(links_to_markdown_files_go_to_their_pages)
{
	char *dir = base_site();
	char *two, *one;
	struct run r;

	harness_write(dir, "content/steps/two.md", "+++\ntitle = \"Step Two\"\n"
	    "weight = 2\n+++\n[one](one.md) [why](one.md#why-it-matters) "
	    "[again](./../steps/one.md?v=1#what-to-do) [steps](_index.md) "
	    "[home](../_index.md) [about](../about.md) [here](two.md#top)\n\n"
	    "[unfinished](../draft.md)\n");
	harness_write(dir, "content/about.md", "+++\ntitle = \"About\"\n+++\n"
	    "[step two](steps/two.md) [home](_index.md)\n");
	run_mend(&r, dir, NULL, "build", "-q", "--drafts", NULL);
	ck_assert_msg(r.status == 0, "status %d, stderr:\n%s", r.status, r.err);
	run_free(&r);
	two = harness_read(dir, "public/steps/two/index.html");
	assert_contains(two, "<a href=\"../../steps/one/index.html\">one</a> "
	    "<a href=\"../../steps/one/index.html#why-it-matters\">why</a> "
	    "<a href=\"../../steps/one/index.html?v=1#what-to-do\">again</a> "
	    "<a href=\"../../steps/index.html\">steps</a> "
	    "<a href=\"../../index.html\">home</a> "
	    "<a href=\"../../about/index.html\">about</a> "
	    "<a href=\"../../steps/two/index.html#top\">here</a>");
	assert_contains(two, "<a href=\"../../draft/index.html\">unfinished</a>");
	one = harness_read(dir, "public/about/index.html");
	assert_contains(one, "<a href=\"../steps/two/index.html\">step two</a> "
	    "<a href=\"../index.html\">home</a>");
	free(two);
	free(one);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(threads_report_the_same_errors)
{
	char *dir = base_site();
	char rel[256], text[512];
	struct run r1, r4;
	int i;

	/* Many pages with an error each: all are reported, in page order. */
	for (i = 0; i < 30; i++) {
		snprintf(rel, sizeof(rel), "content/bad/page-%02d.md", i);
		snprintf(text, sizeof(text), "+++\ntitle = \"Bad %d\"\n+++\n"
		    "Text.\n\n```exercise Not_A_Name\n```\n", i);
		harness_write(dir, rel, text);
	}
	run_mend(&r1, dir, NULL, "build", "--jobs=1", NULL);
	run_mend(&r4, dir, NULL, "build", "--jobs=4", NULL);
	ck_assert_int_eq(r1.status, 3);
	ck_assert_int_eq(r4.status, 3);
	assert_contains(r1.err, "content/bad/page-00.md:6:1: error: 'Not_A_Name' is "
	    "not an exercise name");
	assert_contains(r1.err, "content/bad/page-29.md:6:1: error:");
	assert_same_text("standard error", r1.err, r4.err);
	run_free(&r1);
	run_free(&r4);

	/* Pages whose layout is missing: the theme stage stops at the first. */
	for (i = 0; i < 30; i++) {
		snprintf(rel, sizeof(rel), "content/bad/page-%02d.md", i);
		snprintf(text, sizeof(text), "+++\ntitle = \"Bad %d\"\n"
		    "layout = \"nowhere\"\n+++\nText.\n", i);
		harness_write(dir, rel, text);
	}
	run_mend(&r1, dir, NULL, "build", "--jobs=1", NULL);
	run_mend(&r4, dir, NULL, "build", "--jobs=4", NULL);
	ck_assert_int_eq(r1.status, 3);
	assert_contains(r1.err, "content/bad/page-00.md:3:10: error: layout 'nowhere' "
	    "not found");
	ck_assert_ptr_null(strstr(r1.err, "page-01.md"));
	assert_same_text("standard error", r1.err, r4.err);
	ck_assert_int_eq(r4.status, 3);
	run_free(&r1);
	run_free(&r4);

	run_mend(&r1, dir, NULL, "build", "--jobs", "0", NULL);
	ck_assert_int_eq(r1.status, 2);
	ck_assert_str_eq(r1.err, "mend build: --jobs wants a number of threads from 1 "
	    "to 64, not '0' (try 'mend help build')\n");
	run_free(&r1);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* mend pdf puts site.toml's output through the guard mend build uses. */
START_TEST(pdf_output_guarded)
{
	static const char *const outputs[][2] = {
		{ "../u", "../u: error: refusing to use as output folder: it exists, "
		    "is not empty, and was not written by mend (it has no .mend-output "
		    "file); nothing was written or deleted\n"
		    "mend: no PDF was written; ../u/worksheets/ was left as it was\n" },
		{ ".", ".: error: refusing to use as output folder: it is the project "
		    "folder itself; nothing was written or deleted\n"
		    "mend: no PDF was written; ./worksheets/ was left as it was\n" },
		{ "/", "/: error: refusing to use as output folder: it is the root "
		    "folder '/'; nothing was written or deleted\n"
		    "mend: no PDF was written; //worksheets/ was left as it was\n" },
	};
	char *parent = harness_tmpdir(), site[4200], toml[8400], *base, *text;
	size_t k;
	struct run r;

	snprintf(site, sizeof(site), "%s/site", parent);
	harness_write(parent, "u/notes.txt", "mine");
	base = base_site();
	harness_copytree(base, site);
	text = harness_read(site, "site.toml");
	for (k = 0; k < 3; k++) {
		char want[1024];

		snprintf(toml, sizeof(toml), "%soutput = \"%s\"\n", text, outputs[k][0]);
		harness_write(site, "site.toml", toml);
		run_mend(&r, site, NULL, "pdf", "-q", NULL);
		snprintf(want, sizeof(want), "%smend: 1 error, 0 warnings\n", outputs[k][1]);
		ck_assert_str_eq(r.err, want);
		ck_assert_int_eq(r.status, 3);
		run_free(&r);
	}
	ck_assert(!harness_exists(parent, "u/worksheets"));
	ck_assert(!harness_exists(site, "worksheets"));
	ck_assert(access("/worksheets", F_OK) != 0);
	free(text);
	harness_rmtree(base);
	free(base);
	harness_rmtree(parent);
	free(parent);
}
END_TEST

/*
 * Read a case's expected file: "args: ..." (words split on spaces),
 * "status: N", then "---" and the exact standard error.
 */
static void
read_expected(const char *text, char **args, int *nargs, int *status,
    const char **err)
{
	const char *p = text;

	*nargs = 0;
	*status = -1;
	*err = NULL;
	while (*p != '\0') {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);

		if (strncmp(p, "args:", 5) == 0) {
			char *line = xstrndup(p + 5, n - 5), *word, *save;
			for (word = strtok_r(line, " ", &save); word && *nargs < 15;
			    word = strtok_r(NULL, " ", &save))
				args[(*nargs)++] = xstrdup(word);
			free(line);
		} else if (strncmp(p, "status:", 7) == 0)
			*status = atoi(p + 7);
		else if (strncmp(p, "---", 3) == 0) {
			*err = eol ? eol + 1 : "";
			return;
		}
		p = eol ? eol + 1 : p + n;
	}
}

/* Delete the paths a case lists in its "remove" file. */
static void
remove_listed(const char *case_dir, const char *site)
{
	char *list = harness_read(case_dir, "remove");
	char *line, *save;

	if (list == NULL)
		return;
	for (line = strtok_r(list, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", site, line);
		ck_assert_msg(remove(path) == 0, "cannot remove %s", path);
	}
	free(list);
}

START_TEST(bad_input_case)
{
	const char *name = case_names[_i];
	char case_dir[4096], files[4200];
	char *dir = base_site();
	char *expected, *before, *after;
	char *args[16];
	const char *argv[20];
	const char *want_err;
	int nargs, want_status, k;
	struct run r;

	snprintf(case_dir, sizeof(case_dir), "%s/tests/sites/cases/%s",
	    harness_root(), name);
	expected = harness_read(case_dir, "expected");
	ck_assert_msg(expected != NULL, "%s: no expected file", name);
	read_expected(expected, args, &nargs, &want_status, &want_err);
	ck_assert_msg(want_err != NULL && want_status >= 0, "%s: bad expected file", name);

	/* A good build first: its output must survive the bad one. */
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_int_eq(r.status, 0);
	run_free(&r);
	before = harness_read(dir, "public/steps/one/index.html");

	remove_listed(case_dir, dir);
	snprintf(files, sizeof(files), "%s/files", case_dir);
	if (access(files, F_OK) == 0)
		harness_copytree(files, dir);
	argv[0] = "build";
	argv[1] = "-q";
	for (k = 0; k < nargs; k++)
		argv[k + 2] = args[k];
	argv[nargs + 2] = NULL;
	run_mendv(&r, dir, NULL, argv);
	ck_assert_msg(strcmp(r.err, want_err) == 0,
	    "%s: standard error differs.\n--- expected\n%s--- got\n%s", name,
	    want_err, r.err);
	ck_assert_msg(r.status == want_status, "%s: status %d, expected %d",
	    name, r.status, want_status);
	after = harness_read(dir, "public/steps/one/index.html");
	ck_assert_msg(after != NULL && strcmp(before, after) == 0,
	    "%s: the previous public/ was changed", name);
	run_free(&r);
	for (k = 0; k < nargs; k++)
		free(args[k]);
	free(expected);
	free(before);
	free(after);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

static Suite *
build_suite(void)
{
	Suite *s = suite_create("build");
	TCase *tc = tcase_create("site");
	TCase *cases = tcase_create("bad input");

	tcase_set_timeout(tc, 60);
	tcase_set_timeout(cases, 60);
	tcase_add_test(tc, base_site_builds);
	tcase_add_test(tc, exercise_headings_follow_the_author);
	tcase_add_test(tc, links_to_markdown_files_go_to_their_pages);
	tcase_add_test(tc, drafts_and_base_url_and_output_options);
	tcase_add_test(tc, rebuild_replaces_and_leaves_no_staging);
	tcase_add_test(tc, rebuild_keeps_unchanged_files);
	tcase_add_test(tc, threads_build_the_same_site);
	tcase_add_test(tc, threads_report_the_same_errors);
	tcase_add_test(tc, exit_url_from_site_toml);
	tcase_add_test(tc, guide_safety_note_and_exit);
	tcase_add_test(tc, pdf_output_guarded);
	ncases = harness_list("tests/sites/cases", NULL, case_names, MAX_CASES);
	if (ncases == 0) {
		fprintf(stderr, "check_build: no cases under tests/sites/cases\n");
		exit(EXIT_FAILURE);
	}
	tcase_add_loop_test(cases, bad_input_case, 0, ncases);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, cases);
	return s;
}

int
main(void)
{
	int failed, i;

	harness_root();
	failed = harness_run(build_suite(), NULL);
	for (i = 0; i < ncases; i++)
		free(case_names[i]);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
