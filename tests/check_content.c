/*
 * content — what content_load makes of a content/ folder, as content.h
 * promises: every page with its URL, output file, section and kind, in the
 * published order (home, then by section folder, a section's _index
 * first, then by weight, then by title), drafts only when asked, the
 * main section's steps numbered and linked; other files as assets; the
 * front matter split off and read, its problems reported at the line and
 * column of the .md file, every problem reported, in the files' order
 * whatever the threads.  And content_split on its own.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/util.h"
#include "site/config.h"
#include "site/content.h"
#include "site/site.h"
#include "harness.h"

/* A project folder with a minimal site.toml, made the current folder. */
static char *
project(void)
{
	char *dir = harness_tmpdir();

	harness_root();  /* remembered before leaving it */
	harness_write(dir, "site.toml",
	    "title = \"T\"\nbase_url = \"https://guide.org/\"\n");
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

/*
 * Load content/ of the current folder on threads threads; *status gets
 * content_load's answer, the result the site (never NULL), *said the
 * diagnostics (caller frees).
 */
static struct site *
load(bool drafts, int threads, int *status, char **said)
{
	struct content_options opt = { "content", drafts, threads };
	struct site *site = xcalloc(1, sizeof(*site));

	site->config = config_load("site.toml");
	ck_assert_ptr_nonnull(site->config);
	harness_diags_begin();
	*status = content_load(site, &opt);
	*said = harness_diags_end();
	return site;
}

/* The pages in published order, one "URL output source kind" a line. */
static char *
listing(const struct site *site)
{
	static const char *const kinds[] = { "home", "section", "page" };
	struct buf out = BUF_INIT;
	size_t i;

	for (i = 0; i < site->npages; i++) {
		const struct page *p = site->pages[i];

		buf_printf(&out, "%s %s %s %s [%s]\n", p->url, p->output_path,
		    p->source_path, kinds[p->kind], p->section);
	}
	return buf_detach(&out);
}

/* The fixture site, copied into a fresh folder made the current one. */
static char *
fixture(void)
{
	char *dir = harness_tmpdir(), src[4200];

	snprintf(src, sizeof(src), "%s/tests/sites/base", harness_root());
	harness_copytree(src, dir);
	ck_assert_int_eq(chdir(dir), 0);
	return dir;
}

START_TEST(fixture_in_published_order)
{
	char *dir = fixture(), *said, *list;
	int status;
	struct site *site = load(false, 1, &status, &said);

	ck_assert_int_eq(status, 0);
	ck_assert_str_eq(said, "");
	list = listing(site);
	ck_assert_str_eq(list,
	    "/ index.html content/_index.md home []\n"
	    "/about/ about/index.html content/about.md page []\n"
	    "/steps/ steps/index.html content/steps/_index.md section [steps]\n"
	    "/steps/one/ steps/one/index.html content/steps/one.md page [steps]\n"
	    "/steps/two/ steps/two/index.html content/steps/two.md page [steps]\n");
	ck_assert_ptr_eq(site->home, site->pages[0]);
	/* The front matter, read. */
	ck_assert_str_eq(site->pages[0]->title, "Fixture Guide");
	ck_assert_str_eq(site->pages[0]->description, "The home page.");
	ck_assert_str_eq(site->pages[0]->date, "2024-11-20");
	ck_assert(site->pages[0]->safety);
	ck_assert_str_eq(site->pages[1]->description, "");  /* absent: "" */
	ck_assert_str_eq(site->pages[1]->date, "");
	ck_assert(site->pages[1]->has_weight);
	ck_assert_int_eq(site->pages[1]->weight, 2);
	ck_assert(!site->pages[1]->safety);
	ck_assert_ptr_null(site->pages[1]->layout);
	/* The body: what follows the closing +++, and its first line. */
	ck_assert_int_eq(site->pages[3]->body_line, 7);
	ck_assert_uint_eq(site->pages[3]->body_len, strlen(site->pages[3]->body));
	ck_assert_str_eq(site->pages[3]->body,
	    "First paragraph.\n\n## Why it matters\n\nBecause.\n\n## What to do\n\nDo it.\n");
	/* The main section's steps, numbered and linked. */
	ck_assert_uint_eq(site->nsteps, 2);
	ck_assert_ptr_eq(site->steps[0], site->pages[3]);
	ck_assert_ptr_eq(site->steps[1], site->pages[4]);
	ck_assert_int_eq(site->pages[3]->step_number, 1);
	ck_assert_int_eq(site->pages[4]->step_number, 2);
	ck_assert_ptr_null(site->pages[3]->prev);
	ck_assert_ptr_eq(site->pages[3]->next, site->pages[4]);
	ck_assert_ptr_eq(site->pages[4]->prev, site->pages[3]);
	ck_assert_ptr_null(site->pages[4]->next);
	ck_assert_int_eq(site->pages[1]->step_number, 0);  /* not in steps */
	ck_assert_int_eq(site->pages[2]->step_number, 0);  /* the section page */
	ck_assert_uint_eq(site->nassets, 0);
	free(list);
	free(said);
	site_free(site);
	project_end(dir);
}
END_TEST

START_TEST(drafts_only_when_asked)
{
	char *dir = fixture(), *said, *list;
	int status;
	struct site *site = load(true, 1, &status, &said);

	ck_assert_int_eq(status, 0);
	list = listing(site);
	/* Without a weight, after the weighted page of its section. */
	ck_assert_str_eq(list,
	    "/ index.html content/_index.md home []\n"
	    "/about/ about/index.html content/about.md page []\n"
	    "/draft/ draft/index.html content/draft.md page []\n"
	    "/steps/ steps/index.html content/steps/_index.md section [steps]\n"
	    "/steps/one/ steps/one/index.html content/steps/one.md page [steps]\n"
	    "/steps/two/ steps/two/index.html content/steps/two.md page [steps]\n");
	ck_assert(site->pages[2]->draft);
	free(list);
	free(said);
	site_free(site);
	project_end(dir);
}
END_TEST

START_TEST(weights_then_titles)
{
	char *dir = project(), *said, *list;
	int status;
	struct site *site;

	harness_write(dir, "content/b/_index.md", "+++\ntitle = \"Z section\"\nweight = 9\n+++\n");
	harness_write(dir, "content/b/no-weight-b.md", "+++\ntitle = \"Beta\"\n+++\n");
	harness_write(dir, "content/b/no-weight-a.md", "+++\ntitle = \"Alpha\"\n+++\n");
	harness_write(dir, "content/b/heavy.md", "+++\ntitle = \"Aardvark\"\nweight = 10\n+++\n");
	harness_write(dir, "content/b/light.md", "+++\ntitle = \"Zebra\"\nweight = -1\n+++\n");
	harness_write(dir, "content/b/same.md", "+++\ntitle = \"Same\"\nweight = 10\n+++\n");
	harness_write(dir, "content/a/deep/page.md", "+++\ntitle = \"Deep\"\n+++\n");
	harness_write(dir, "content/a/top.md", "+++\ntitle = \"Top\"\nweight = 1\n+++\n");
	site = load(false, 1, &status, &said);
	ck_assert_int_eq(status, 0);
	ck_assert_str_eq(said, "");
	list = listing(site);
	/* No home page; sections by folder name ("a" < "a/deep" < "b"). */
	ck_assert_str_eq(list,
	    "/a/top/ a/top/index.html content/a/top.md page [a]\n"
	    "/a/deep/page/ a/deep/page/index.html content/a/deep/page.md page [a/deep]\n"
	    "/b/ b/index.html content/b/_index.md section [b]\n"
	    "/b/light/ b/light/index.html content/b/light.md page [b]\n"
	    "/b/heavy/ b/heavy/index.html content/b/heavy.md page [b]\n"
	    "/b/same/ b/same/index.html content/b/same.md page [b]\n"
	    "/b/no-weight-a/ b/no-weight-a/index.html content/b/no-weight-a.md page [b]\n"
	    "/b/no-weight-b/ b/no-weight-b/index.html content/b/no-weight-b.md page [b]\n");
	ck_assert_ptr_null(site->home);
	ck_assert_uint_eq(site->nsteps, 0);  /* no "steps" folder */
	free(list);
	free(said);
	site_free(site);
	project_end(dir);
}
END_TEST

START_TEST(main_section_from_config)
{
	char *dir = project(), *said;
	int status;
	struct site *site;

	harness_write(dir, "site.toml", "title = \"T\"\nbase_url = \"https://guide.org/\"\n"
	    "main_section = \"path\"\n");
	harness_write(dir, "content/path/_index.md", "+++\ntitle = \"Path\"\n+++\n");
	harness_write(dir, "content/path/b.md", "+++\ntitle = \"B\"\nweight = 2\n+++\n");
	harness_write(dir, "content/path/a.md", "+++\ntitle = \"A\"\nweight = 1\n+++\n");
	harness_write(dir, "content/steps/c.md", "+++\ntitle = \"C\"\n+++\n");
	site = load(false, 1, &status, &said);
	ck_assert_int_eq(status, 0);
	ck_assert_uint_eq(site->nsteps, 2);
	ck_assert_str_eq(site->steps[0]->url, "/path/a/");
	ck_assert_str_eq(site->steps[1]->url, "/path/b/");
	ck_assert_ptr_eq(site->steps[0]->next, site->steps[1]);
	ck_assert_int_eq(site->pages[3]->step_number, 0);  /* steps/c: not main */
	ck_assert_str_eq(site->pages[3]->url, "/steps/c/");
	free(said);
	site_free(site);
	project_end(dir);
}
END_TEST

START_TEST(assets_and_skipped_files)
{
	char *dir = project(), *said;
	int status;
	struct site *site;

	harness_write(dir, "content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
	harness_write(dir, "content/steps/photo.jpg", "JPEG");
	harness_write(dir, "content/a.txt", "text");
	harness_write(dir, "content/.hidden.md", "not a page");
	harness_write(dir, "content/.git/config", "x");
	harness_write(dir, "content/page.md~", "a backup");
	harness_write(dir, "content/notes.markdown", "an asset, not a page");
	site = load(false, 2, &status, &said);
	ck_assert_int_eq(status, 0);
	ck_assert_str_eq(said, "");
	ck_assert_uint_eq(site->npages, 1);
	ck_assert_uint_eq(site->nassets, 3);
	ck_assert_str_eq(site->assets[0], "a.txt");
	ck_assert_str_eq(site->assets[1], "notes.markdown");
	ck_assert_str_eq(site->assets[2], "steps/photo.jpg");
	free(said);
	site_free(site);
	project_end(dir);
}
END_TEST

/* A symbolic link is never followed: an error at its own path, whatever
   it leads to (a file outside the project, or back into the folder). */
START_TEST(symbolic_links_refused)
{
	char *dir = project(), *said;
	int status;
	struct site *site;

	harness_write(dir, "content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
	harness_write(dir, "content/steps/one.md", "+++\ntitle = \"One\"\n+++\n");
	ck_assert_int_eq(symlink("/etc/passwd", "content/p.txt"), 0);
	ck_assert_int_eq(symlink("one.md", "content/steps/two.md"), 0);
	/* Two loops in one folder: followed, 2^40 paths. */
	ck_assert_int_eq(symlink(".", "content/steps/a"), 0);
	ck_assert_int_eq(symlink(".", "content/steps/b"), 0);
	site = load(false, 2, &status, &said);
	ck_assert_int_eq(status, -1);
	ck_assert_str_eq(said,
	    "content/p.txt: error: is a symbolic link: mend does not follow links "
	    "in content/ (one could publish any file on this machine); put the "
	    "file or folder itself there\n"
	    "content/steps/a: error: is a symbolic link: mend does not follow links "
	    "in content/ (one could publish any file on this machine); put the "
	    "file or folder itself there\n"
	    "content/steps/b: error: is a symbolic link: mend does not follow links "
	    "in content/ (one could publish any file on this machine); put the "
	    "file or folder itself there\n"
	    "content/steps/two.md: error: is a symbolic link: mend does not follow "
	    "links in content/ (one could publish any file on this machine); put "
	    "the file or folder itself there\n");
	ck_assert_uint_eq(site->nassets, 0);
	ck_assert_uint_eq(site->npages, 2);
	free(said);
	site_free(site);
	project_end(dir);
}
END_TEST

/* A name that is not UTF-8 could make no address or sitemap entry. */
START_TEST(names_not_utf8_refused)
{
	char *dir = project(), *said;
	int status;
	struct site *site;

	harness_write(dir, "content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
	harness_write(dir, "content/bad\xff.md", "+++\ntitle = \"Bad\"\n+++\n");
	harness_write(dir, "content/caf\xc3\xa9.md", "+++\ntitle = \"Caf\"\n+++\n");
	site = load(false, 1, &status, &said);
	ck_assert_int_eq(status, -1);
	ck_assert_str_eq(said,
	    "content/bad\xff.md: error: the name is not UTF-8: the addresses, "
	    "the sitemap and the feed need it to be; rename it\n");
	ck_assert_uint_eq(site->npages, 2);
	free(said);
	site_free(site);
	project_end(dir);
}
END_TEST

START_TEST(empty_and_missing_folder)
{
	char *dir = project(), *said;
	int status;
	struct site *site;

	harness_write(dir, "content/.keep", "");
	site = load(false, 1, &status, &said);
	ck_assert_int_eq(status, 0);
	ck_assert_str_eq(said, "");
	ck_assert_uint_eq(site->npages, 0);
	ck_assert_uint_eq(site->nassets, 0);
	ck_assert_uint_eq(site->nsteps, 0);
	ck_assert_ptr_null(site->home);
	free(said);
	site_free(site);
	harness_rmtree(dir);  /* no content/ at all */
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	ck_assert_int_eq(chdir(dir), 0);
	harness_write(dir, "site.toml", "title = \"T\"\nbase_url = \"https://guide.org/\"\n");
	site = load(false, 1, &status, &said);
	ck_assert_int_eq(status, -1);
	ck_assert_str_eq(said, "content: error: cannot read folder: No such file or directory\n");
	ck_assert_uint_eq(site->npages, 0);
	free(said);
	site_free(site);
	project_end(dir);
}
END_TEST

START_TEST(front_matter_errors_at_their_line)
{
	char *dir = project(), *said;
	int status;
	struct site *site;

	harness_write(dir, "content/a-type.md",
	    "+++\ntitle = \"A\"\nweight = \"2\"\ndraft = 1\n+++\nBody.\n");
	harness_write(dir, "content/b-syntax.md",
	    "+++\ntitle = \"B\"\n\ndescription = \"unclosed\n+++\nBody.\n");
	harness_write(dir, "content/c-notitle.md", "+++\nweight = 1\n+++\n");
	harness_write(dir, "content/d-empty.md", "+++\n  title = \"\"\n+++\n");
	harness_write(dir, "content/e-date.md", "+++\ntitle = \"E\"\ndate = \"2024-11-20\"\n+++\n");
	harness_write(dir, "content/f-nofront.md", "# Title\n");
	harness_write(dir, "content/g-unclosed.md", "+++\ntitle = \"G\"\n");
	harness_write(dir, "content/h-utf8.md", "+++\ntitle = \"H\"\n+++\nab\xc3(\n");
	harness_write(dir, "content/i-unknown.md", "+++\ntitle = \"I\"\ntags = [\"x\"]\n+++\n");
	harness_write(dir, "content/j-types.md", "+++\ntitle = 1\nlayout = true\n"
	    "safety = \"yes\"\ndescription = 2\n+++\n");
	site = load(false, 1, &status, &said);
	ck_assert_int_eq(status, -1);
	/* check cannot report a failure message this long: half at a time. */
	ck_assert_str_eq(strstr(said, "content/f-nofront.md") ? strstr(said,
	    "content/f-nofront.md") : "",
	    "content/f-nofront.md:1:1: error: front matter missing: start the page with "
	    "a '+++' line, then title = \"...\", then another '+++' line\n"
	    "content/g-unclosed.md:1:1: error: front matter is not closed: add a '+++' "
	    "line after it\n"
	    "content/h-utf8.md:4:3: error: invalid UTF-8 (byte 0xC3): save the file as UTF-8\n"
	    "content/i-unknown.md:3:8: warning: unknown front matter key 'tags'\n"
	    "content/j-types.md:2:9: error: 'title' must be a string, not an integer\n"
	    "content/j-types.md:3:10: error: 'layout' must be a string, not a boolean\n"
	    "content/j-types.md:4:10: error: 'safety' must be true or false, not a string\n"
	    "content/j-types.md:5:15: error: 'description' must be a string, not an integer\n");
	*strstr(said, "content/f-nofront.md") = '\0';
	ck_assert_str_eq(said,
	    "content/a-type.md:3:10: error: 'weight' must be an integer, not a string\n"
	    "content/a-type.md:4:9: error: 'draft' must be true or false, not an integer\n"
	    "content/b-syntax.md:4:15: error: string is not closed\n"
	    "content/c-notitle.md:1:1: error: front matter has no title: add title = \"...\"\n"
	    "content/d-empty.md:2:11: error: title is empty\n"
	    "content/e-date.md:3:8: error: 'date' must be a date, written without quotes "
	    "as date = 2024-11-20, not a string\n");
	/* The site holds what loaded: the page with a warning only. */
	ck_assert_uint_eq(site->npages, 1);
	ck_assert_str_eq(site->pages[0]->source_path, "content/i-unknown.md");
	free(said);
	site_free(site);
	project_end(dir);
}
END_TEST

START_TEST(same_diagnostics_on_any_threads)
{
	char *dir = project(), *one, *four;
	int status, i;
	struct site *site;

	for (i = 0; i < 40; i++) {
		char rel[64];

		snprintf(rel, sizeof(rel), "content/s%d/p%02d.md", i % 3, i);
		harness_write(dir, rel, i % 4 == 0 ? "+++\ntitle = 1\n+++\n" :
		    "+++\ntitle = \"P\"\nextra = 1\n+++\n");
	}
	site = load(false, 1, &status, &one);
	ck_assert_int_eq(status, -1);
	site_free(site);
	site = load(false, 4, &status, &four);
	ck_assert_int_eq(status, -1);
	ck_assert_msg(strcmp(four, one) == 0, "one thread said\n%.2000s\nfour said\n%.2000s",
	    one, four);
	ck_assert_ptr_nonnull(strstr(one, "content/s0/p00.md:2:9: error: 'title' must "
	    "be a string, not an integer\ncontent/s0/p03.md:3:9: warning: unknown "
	    "front matter key 'extra'\n"));
	free(one);
	free(four);
	site_free(site);
	project_end(dir);
}
END_TEST

START_TEST(duplicate_urls)
{
	char *dir = project(), *said;
	int status;
	struct site *site;

	harness_write(dir, "content/guide.md", "+++\ntitle = \"A\"\n+++\n");
	harness_write(dir, "content/guide/_index.md", "+++\ntitle = \"B\"\n+++\n");
	site = load(false, 1, &status, &said);
	ck_assert_int_eq(status, -1);
	ck_assert_str_eq(said, "content/guide/_index.md:1:1: error: duplicate URL "
	    "'/guide/': content/guide.md has it already\n");
	free(said);
	site_free(site);
	project_end(dir);
}
END_TEST

/* content_split on text, into "front|body|front_line|body_line", or the
   diagnostics when it fails. */
static char *
split(const char *text)
{
	const char *front, *body;
	size_t front_len, body_len;
	int front_line, body_line, status;
	struct buf out = BUF_INIT;
	char *said;

	harness_diags_begin();
	status = content_split("p.md", text, strlen(text), &front, &front_len,
	    &front_line, &body, &body_len, &body_line);
	said = harness_diags_end();
	if (status != 0) {
		ck_assert_int_eq(status, -1);
		return said;
	}
	ck_assert_str_eq(said, "");
	free(said);
	buf_put(&out, front, front_len);
	buf_putc(&out, '|');
	buf_put(&out, body, body_len);
	buf_printf(&out, "|%d|%d", front_line, body_line);
	return buf_detach(&out);
}

#define ck_assert_split(text, expected) do { \
	char *got_ = split(text); \
	ck_assert_str_eq(got_, expected); \
	free(got_); \
} while (0)

START_TEST(split_front_matter)
{
	ck_assert_split("+++\ntitle = \"x\"\n+++\nBody\n", "title = \"x\"\n|Body\n|2|4");
	ck_assert_split("+++\n+++\n", "||2|3");  /* nothing either side */
	ck_assert_split("+++\na = 1\nb = 2\n+++", "a = 1\nb = 2\n||2|5");
	/* A BOM, CRLF line ends, blanks after the fences. */
	ck_assert_split("\xEF\xBB\xBF+++\r\nt = 1\r\n+++  \r\nBody\r\n",
	    "t = 1\r\n|Body\r\n|2|4");
	ck_assert_split("+++ \t\nt = 1\n+++\t\n\nBody", "t = 1\n|\nBody|2|4");
	/* "++++" or "+++ x" is not a fence. */
	ck_assert_split("+++\nt = 1\n++++\n+++ x\n+++\nB", "t = 1\n++++\n+++ x\n|B|2|6");
	ck_assert_split("---\ntitle: x\n---\n", "p.md:1:1: error: front matter missing: "
	    "start the page with a '+++' line, then title = \"...\", then another "
	    "'+++' line\n");
	ck_assert_split("", "p.md:1:1: error: front matter missing: start the page "
	    "with a '+++' line, then title = \"...\", then another '+++' line\n");
	ck_assert_split("+++\ntitle = \"x\"\n", "p.md:1:1: error: front matter is not "
	    "closed: add a '+++' line after it\n");
}
END_TEST

START_TEST(permalinks)
{
	struct site site = { 0 };
	struct config cfg = { 0 };
	struct buf out = BUF_INIT;

	cfg.base_url = (char *)"https://guide.org/sub/";
	site.config = &cfg;
	site_permalink(&site, "/steps/x/", &out);
	ck_assert_str_eq(buf_str(&out), "https://guide.org/sub/steps/x/");
	buf_reset(&out);
	site_permalink(&site, "/", &out);
	ck_assert_str_eq(buf_str(&out), "https://guide.org/sub/");
	buf_reset(&out);
	site_permalink(&site, "atom.xml", &out);
	ck_assert_str_eq(buf_str(&out), "https://guide.org/sub/atom.xml");
	buf_free(&out);
}
END_TEST

static Suite *
content_suite(void)
{
	Suite *s = suite_create("content");
	TCase *tc = tcase_create("listing");

	tcase_add_test(tc, fixture_in_published_order);
	tcase_add_test(tc, drafts_only_when_asked);
	tcase_add_test(tc, weights_then_titles);
	tcase_add_test(tc, main_section_from_config);
	tcase_add_test(tc, assets_and_skipped_files);
	tcase_add_test(tc, empty_and_missing_folder);
	tcase_add_test(tc, symbolic_links_refused);
	tcase_add_test(tc, names_not_utf8_refused);
	suite_add_tcase(s, tc);
	tc = tcase_create("front matter");
	tcase_add_test(tc, front_matter_errors_at_their_line);
	tcase_add_test(tc, same_diagnostics_on_any_threads);
	tcase_add_test(tc, duplicate_urls);
	tcase_add_test(tc, split_front_matter);
	suite_add_tcase(s, tc);
	tc = tcase_create("permalinks");
	tcase_add_test(tc, permalinks);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(content_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
