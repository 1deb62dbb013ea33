/*
 * Tests for check, as an author or a reviewer of a site meets it: every
 * fixture under tests/sites/check/ gives exactly the diagnostics its
 * `expected` file lists (the clean one none), the same with one thread
 * and with two; a page mend built is reported at its Markdown or template
 * line; --external fetches from a local server (127.0.0.1 only) and
 * reports what fails; levels turn checks off or into warnings.  The hash
 * table the checks resolve links with has its own suite, check_hash.c.
 */
#include <arpa/inet.h>
#include <check.h>
#include <dirent.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "lib/buf.h"
#include "check/check.h"
#include "check/check_external.h"
#include "lib/diag.h"
#include "harness.h"
#include "site/markdown.h"
#include "lib/template.h"
#include "lib/util.h"

#define MAX_SITES 32

static char *site_names[MAX_SITES];
static int nsites;

/* Diagnostics as a user reads them, one "file:line:col: ..." a line. */
static struct buf diags = BUF_INIT;
static const char *strip_prefix;   /* left off the front of each file */
static struct buf urls = BUF_INIT; /* each one's page URL, a line each */

static void
capture(const struct diag *d, void *ctx)
{
	const char *file = d->file != NULL ? d->file : "mend";
	size_t n = strip_prefix != NULL ? strlen(strip_prefix) : 0;
	static const char *const severities[] = {"error", "warning", "note"};

	(void)ctx;
	if (n > 0 && strncmp(file, strip_prefix, n) == 0)
		file += n;
	buf_puts(&diags, file);
	if (d->line > 0)
		buf_printf(&diags, ":%d", d->line);
	if (d->line > 0 && d->col > 0)
		buf_printf(&diags, ":%d", d->col);
	buf_printf(&diags, ": %s: %s", severities[d->severity], d->message);
	if (d->check != NULL)
		buf_printf(&diags, " [%s]", d->check);
	buf_putc(&diags, '\n');
	if (d->hint != NULL) {  /* as diag.c prints it: a note at the place */
		buf_puts(&diags, file);
		if (d->line > 0)
			buf_printf(&diags, ":%d", d->line);
		if (d->line > 0 && d->col > 0)
			buf_printf(&diags, ":%d", d->col);
		buf_printf(&diags, ": note: %s\n", d->hint);
	}
	buf_printf(&urls, "%s\n", d->url != NULL ? d->url : "-");
}

static void
setup(void)
{
	buf_reset(&diags);
	buf_reset(&urls);
	strip_prefix = NULL;
	diag_reset();
	diag_set_sink(capture, NULL);
}

static void
teardown(void)
{
	diag_set_sink(NULL, NULL);
	buf_free(&diags);
	buf_free(&urls);
}

static void
default_options(struct check_options *opt, const char *dir, int threads)
{
	struct buf marker = BUF_INIT;

	memset(opt, 0, sizeof(*opt));
	opt->dir = dir;
	opt->threads = threads;
	buf_printf(&marker, "%s/.mend-output", dir);
	opt->xml = access(buf_str(&marker), F_OK) == 0;  /* as mend decides */
	buf_free(&marker);
}

/* Check dir; return what was printed (caller frees) and fill sum. */
static char *
run_check(
    const struct check_options *opt, struct check_summary *sum, int *status)
{
	buf_reset(&diags);
	buf_reset(&urls);
	*status = check_site(opt, sum);
	return xstrdup(buf_str(&diags)); /* urls stays for the caller to read */
}

static size_t
count_lines(const char *text, const char *needle)
{
	size_t n = 0;
	const char *p = text;

	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p += strlen(needle);
	}
	return n;
}

/* Compare long texts; check's messages cannot carry them whole. */
static void
assert_text(const char *got, const char *want)
{
	if (strcmp(got, want) != 0)
		fprintf(stderr, "--- expected\n%s--- got\n%s", want, got);
	ck_assert_msg(
	    strcmp(got, want) == 0, "texts differ (both printed above)");
}

START_TEST(fixture_gives_exactly_its_expected_diagnostics)
{
	const char *name = site_names[_i];
	char dir[4096], prefix[4200];
	char *expected, *one, *two;
	struct check_options opt;
	struct check_summary sum1, sum2;
	int status1, status2;

	snprintf(
	    dir, sizeof(dir), "%s/tests/sites/check/%s", harness_root(), name);
	snprintf(prefix, sizeof(prefix), "%s/", dir);
	expected = harness_read(dir, "expected");
	ck_assert_msg(expected != NULL, "%s: no expected file", name);
	strip_prefix = prefix;

	default_options(&opt, dir, 1);
	one = run_check(&opt, &sum1, &status1);
	if (strcmp(one, expected) != 0)
		fprintf(stderr, "%s: ", name);
	assert_text(one, expected);
	default_options(&opt, dir, 2);
	two = run_check(&opt, &sum2, &status2);
	if (strcmp(one, two) != 0)
		fprintf(stderr, "%s, one thread and two: ", name);
	assert_text(two, one);

	/* The summary counts what was printed; the status says if any erred. */
	ck_assert_uint_eq(sum1.errors, count_lines(one, ": error: "));
	ck_assert_uint_eq(sum1.warnings, count_lines(one, ": warning: "));
	ck_assert_int_eq(status1, sum1.errors > 0 ? 1 : 0);
	ck_assert_int_eq(status2, status1);
	ck_assert_uint_eq(sum1.pages, sum2.pages);
	ck_assert_uint_eq(sum1.links, sum2.links);
	ck_assert_uint_gt(sum1.pages, 0);
	free(expected);
	free(one);
	free(two);
}
END_TEST

START_TEST(clean_site_summary_counts_pages_and_links)
{
	char dir[4096];
	struct check_options opt;
	struct check_summary sum;
	char *out;
	int status;

	snprintf(
	    dir, sizeof(dir), "%s/tests/sites/check/clean", harness_root());
	default_options(&opt, dir, 0);
	out = run_check(&opt, &sum, &status);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(status, 0);
	ck_assert_uint_eq(sum.pages, 5); /* 404, about, index, two steps */
	ck_assert_uint_eq(sum.links, 40);
	ck_assert_uint_eq(sum.errors, 0);
	ck_assert(sum.seconds >= 0 && sum.seconds < 10);
	free(out);
}
END_TEST

START_TEST(levels_turn_checks_off_or_change_their_severity)
{
	char dir[4096], prefix[4200];
	struct check_options opt;
	struct check_summary sum;
	char *out;
	int status;

	snprintf(dir, sizeof(dir), "%s/tests/sites/check/reachability",
	    harness_root());
	snprintf(prefix, sizeof(prefix), "%s/", dir);
	strip_prefix = prefix;

	/* Orphans are warnings by default, errors when asked. */
	default_options(&opt, dir, 2);
	opt.levels[CHECK_REACHABILITY] = CHECK_ERROR;
	out = run_check(&opt, &sum, &status);
	ck_assert_ptr_nonnull(
	    strstr(out, "orphan.html: error: no link leads to "
	                "/orphan.html from the home page [reachability]\n"));
	ck_assert_uint_eq(sum.warnings, 0);
	free(out);

	/* As warnings, nothing is an error and the status is 0. */
	opt.levels[CHECK_REACHABILITY] = CHECK_WARNING;
	out = run_check(&opt, &sum, &status);
	ck_assert_uint_eq(sum.errors, 0);
	ck_assert_uint_eq(sum.warnings, 5);
	ck_assert_int_eq(status, 0);
	free(out);

	/* Off: nothing at all. */
	opt.levels[CHECK_REACHABILITY] = CHECK_OFF;
	out = run_check(&opt, &sum, &status);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(status, 0);
	free(out);

	/* Structure off leaves the other checks of a page alone. */
	snprintf(dir, sizeof(dir), "%s/tests/sites/check/mend-output",
	    harness_root());
	snprintf(prefix, sizeof(prefix), "%s/", dir);
	default_options(&opt, dir, 1);
	opt.levels[CHECK_LINKS] = CHECK_OFF;
	opt.levels[CHECK_WELLFORMED] = CHECK_WARNING;
	out = run_check(&opt, &sum, &status);
	ck_assert_str_eq(out, "broken/index.html:11:66: warning: Opening and "
	                      "ending tag mismatch: "
	                      "br line 11 and p [well-formed]\n"
	                      "entity/index.html:11:11: warning: Entity 'nbsp' "
	                      "not defined [well-formed]\n"
	                      "index.html:14:58: error: fragment '#nope' not "
	                      "found on / [fragments]\n");
	free(out);
}
END_TEST

/*
 * A resource from another site is an error by default; [check]
 * third-party = "warning" or "off" makes it a warning or says nothing, and
 * leaves the other checks of the same elements alone.
 */
START_TEST(third_party_levels)
{
	char *dir = harness_tmpdir(), *out, prefix[4200];
	struct check_options opt;
	struct check_summary sum;
	int status;
	static const char *const line =
	    "index.html:10: %s: image 'https://tracker.example/p.png' is "
	    "loaded from another site (tracker.example): each reader's browser "
	    "would request it from there; put a copy in the site "
	    "[third-party]\n";
	char want[512];

	harness_write(dir, "index.html",
	    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<title>Pixel</title>\n"
	    "<meta name=\"description\" content=\"A pixel\">\n"
	    "</head>\n<body>\n<main>\n<h1>Pixel</h1>\n"
	    "<p><img src=\"https://tracker.example/p.png\" alt=\"\"> "
	    "<img src=\"ftp://tracker.example/q.png\" alt=\"\"> "
	    "<a href=\"https://tracker.example/\">a link</a> "
	    "<img src=\"https://site.example/r.png\" alt=\"\"></p>\n"
	    "</main>\n</body>\n</html>\n");
	harness_write(dir, "r.png", "the site's own image");
	snprintf(prefix, sizeof(prefix), "%s/", dir);
	strip_prefix = prefix;
	default_options(&opt, dir, 1);
	opt.base_url = "https://SITE.example";
	opt.levels[CHECK_EXTERNAL] = CHECK_OFF;

	out = run_check(&opt, &sum, &status);
	snprintf(want, sizeof(want), line, "error");
	assert_text(out, want);
	ck_assert_int_eq(status, 1);
	free(out);

	opt.levels[CHECK_THIRDPARTY] = CHECK_WARNING;
	out = run_check(&opt, &sum, &status);
	snprintf(want, sizeof(want), line, "warning");
	assert_text(out, want);
	ck_assert_int_eq(status, 0);
	ck_assert_uint_eq(sum.warnings, 1);
	free(out);

	opt.levels[CHECK_THIRDPARTY] = CHECK_OFF;
	out = run_check(&opt, &sum, &status);
	assert_text(out, "");
	ck_assert_int_eq(status, 0);
	free(out);

	/* Off leaves the scheme check of the same images alone. */
	opt.levels[CHECK_EXTERNAL] = CHECK_DEFAULT;
	out = run_check(&opt, &sum, &status);
	assert_text(out, "index.html:10: error: URL 'ftp://tracker.example/q.png' "
	                 "uses the scheme 'ftp': use http, https, mailto or tel "
	                 "[external]\n");
	free(out);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/*
 * Everything else a page can make a reader's browser ask another site for
 * is third-party too: CSS in a style element or attribute (url() and
 * @import, not a comment or a string), an input's image, SVG's image and
 * use (href and xlink:href), a ping, a meta refresh, a dns-prefetch, a
 * form's action or a button's formaction.  The same on the site's own
 * host is not.
 */
START_TEST(third_party_in_css_svg_pings_refresh_and_forms)
{
	char *dir = harness_tmpdir(), *out, prefix[4200];
	struct check_options opt;
	struct check_summary sum;
	int status;
	static const char *const tail =
	    "is loaded from another site (%s): each reader's browser would "
	    "request it from there; put a copy in the site [third-party]\n";
	struct buf want = BUF_INIT;

	harness_write(dir, "index.html",
	    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<title>Loads</title>\n"
	    "<meta name=\"description\" content=\"Loads\">\n"
	    "<meta http-equiv=\"Refresh\" content=\"0; URL='https://go.example/'\">\n"
	    "<link rel=\"dns-prefetch\" href=\"//dns.example\">\n"
	    "<style>\n/* url(https://comment.example/c.png) */\n"
	    "@import \"https://import.example/a.css\";\n"
	    "p { background: url( \"https://css.example/b.png\" ) }\n"
	    "q { content: \"url(https://string.example/)\"; "
	    "background: url(https://site.example/own.png) }\n"
	    "</style>\n</head>\n<body>\n<main>\n<h1>Loads</h1>\n"
	    "<p style=\"background:URL(//attr.example/p.png)\">styled</p>\n"
	    "<p><a href=\"/\" ping=\"https://site.example/ https://ping.example/p\">home</a></p>\n"
	    "<form action=\"https://form.example/in\">"
	    "<input type=\"image\" src=\"https://button.example/b.png\" alt=\"Go\">"
	    "<button formaction=\"https://formaction.example/\">Send</button></form>\n"
	    "<svg><image href=\"https://svg.example/i.png\"/>"
	    "<image xlink:href=\"https://xlink.example/i.png\"/>"
	    "<use href=\"https://use.example/s.svg#a\"/></svg>\n"
	    "</main>\n</body>\n</html>\n");
	harness_write(dir, "own.png", "the site's own image");
	snprintf(prefix, sizeof(prefix), "%s/", dir);
	strip_prefix = prefix;
	default_options(&opt, dir, 1);
	opt.base_url = "https://site.example";

	out = run_check(&opt, &sum, &status);
	buf_puts(&want, "index.html:6: error: meta refresh 'https://go.example/' "
	    "takes each reader to another site (go.example) without their "
	    "choosing: link to it instead [third-party]\n");
	buf_puts(&want, "index.html:7: error: link rel=dns-prefetch '//dns.example' ");
	buf_printf(&want, tail, "dns.example");
	buf_puts(&want, "index.html:8: error: style resource 'https://css.example/b.png' ");
	buf_printf(&want, tail, "css.example");
	buf_puts(&want, "index.html:8: error: stylesheet 'https://import.example/a.css' ");
	buf_printf(&want, tail, "import.example");
	buf_puts(&want, "index.html:18: error: style resource '//attr.example/p.png' ");
	buf_printf(&want, tail, "attr.example");
	buf_puts(&want, "index.html:19: error: ping 'https://ping.example/p' would "
	    "tell another site (ping.example) which links each reader follows: "
	    "remove it [third-party]\n");
	buf_puts(&want, "index.html:20: error: form action 'https://form.example/in' "
	    "would send what readers enter to another site (form.example): keep "
	    "what they enter within the site [third-party]\n");
	buf_puts(&want, "index.html:20: error: formaction 'https://formaction.example/' "
	    "would send what readers enter to another site (formaction.example): "
	    "keep what they enter within the site [third-party]\n");
	buf_puts(&want, "index.html:20: error: image 'https://button.example/b.png' ");
	buf_printf(&want, tail, "button.example");
	buf_puts(&want, "index.html:21: error: SVG use target 'https://use.example/s.svg#a' ");
	buf_printf(&want, tail, "use.example");
	buf_puts(&want, "index.html:21: error: image 'https://svg.example/i.png' ");
	buf_printf(&want, tail, "svg.example");
	buf_puts(&want, "index.html:21: error: image 'https://xlink.example/i.png' ");
	buf_printf(&want, tail, "xlink.example");
	assert_text(out, buf_str(&want));
	ck_assert_int_eq(status, 1);
	free(out);

	/* Off: nothing, and the links the same elements make still resolve. */
	opt.levels[CHECK_THIRDPARTY] = CHECK_OFF;
	out = run_check(&opt, &sum, &status);
	assert_text(out, "");
	free(out);
	buf_free(&want);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/*
 * Pages are streamed, not held as trees, yet read as libxml2's tree
 * holds them: whether a link has text is known only at its end (text in
 * a span or an image's alt counts), and what the HTML parser reports
 * after </html> is still checked (libxml2 puts it in the root, opening
 * an html of its own for it).
 */
START_TEST(link_text_and_content_after_the_root_are_read)
{
	char *dir = harness_tmpdir(), *out, prefix[4200];
	struct check_options opt;
	struct check_summary sum;
	int status;

	harness_write(dir, "index.html",
	    "<html lang=\"en\">\n<head>\n<title>After</title>\n"
	    "<meta name=\"description\" content=\"After\">\n</head>\n"
	    "<body>\n<main>\n<h1>After</h1>\n"
	    "<p><a href=\"/\"><span>home</span></a> "
	    "<a href=\"/\"><img src=\"own.png\" alt=\"Home\"></a></p>\n"
	    "<p><a href=\"/\"> </a></p>\n"
	    "</main>\n</body>\n</html>\n"
	    "<p><a href=\"/\"></a><img src=\"own.png\"></p>\n");
	harness_write(dir, "own.png", "the site's own image");
	snprintf(prefix, sizeof(prefix), "%s/", dir);
	strip_prefix = prefix;
	default_options(&opt, dir, 1);
	out = run_check(&opt, &sum, &status);
	assert_text(out,
	    "index.html:10: error: link '/' has no text [structure]\n"
	    "index.html:14: error: html has no lang attribute [structure]\n"
	    "index.html:14: error: img 'own.png' has no alt attribute "
	    "[structure]\n"
	    "index.html:14: error: link '/' has no text [structure]\n");
	ck_assert_int_eq(status, 1);
	ck_assert_uint_eq(sum.links, 6);
	free(out);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/*
 * What a reader of `mend check` sees on stderr is only mend's lines:
 * libxml2's own prints (the encoding converters write "encoding error :
 * ..." straight to stderr) stay out, their errors reported once, in
 * mend's format.
 */
START_TEST(stderr_holds_only_diagnostics)
{
	char dir[4096];
	char *line, *save;
	struct run r;

	snprintf(dir, sizeof(dir), "%s/tests/sites/check/well-formed", harness_root());
	run_mend(&r, dir, NULL, "check", ".", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_msg(strstr(r.err, "charset.html:4: error: the page's bytes") != NULL,
	    "stderr:\n%s", r.err);
	for (line = strtok_r(r.err, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save))
		ck_assert_msg(strstr(line, ": error: ") != NULL ||
		    strstr(line, ": warning: ") != NULL || strncmp(line, "mend: ", 6) == 0,
		    "not a diagnostic on stderr: %s", line);
	run_free(&r);
}
END_TEST

START_TEST(names_of_checks_round_trip)
{
	int k;

	for (k = 0; k < CHECK_NKINDS; k++)
		ck_assert_int_eq(
		    check_kind_named(check_name((enum check_kind)k)), k);
	ck_assert_str_eq(check_name(CHECK_WELLFORMED), "well-formed");
	ck_assert_str_eq(check_name(CHECK_REACHABILITY), "reachability");
	ck_assert_str_eq(check_name(CHECK_THIRDPARTY), "third-party");
	ck_assert_int_eq(check_kind_named("third-party"), CHECK_THIRDPARTY);
	ck_assert_int_eq(check_kind_named("link"), -1);
	ck_assert_ptr_null(check_name(CHECK_NKINDS));
}
END_TEST

/*
 * A build checks its staging folder before it becomes the output folder:
 * every file is named as it will be there, the sitemap and pages with no
 * source too, never by the folder that was read.
 */
START_TEST(files_are_named_under_the_shown_folder)
{
	char dir[4096], *tmp;
	struct check_options opt;
	struct check_summary sum;
	char *out;
	int status;

	snprintf(dir, sizeof(dir), "%s/tests/sites/check/reachability",
	    harness_root());
	default_options(&opt, dir, 2);
	opt.shown_dir = "public/";
	out = run_check(&opt, &sum, &status);
	ck_assert_int_eq(status, 1);
	assert_text(out,
	    "public/lost/index.html: warning: no link leads to /lost/ from "
	    "the home page [reachability]\n"
	    "public/orphan.html: warning: no link leads to /orphan.html from "
	    "the home page [reachability]\n"
	    "public/sitemap.xml:2: error: the sitemap does not list /b/ "
	    "[reachability]\n"
	    "public/sitemap.xml:2: error: the sitemap does not list "
	    "/orphan.html [reachability]\n"
	    "public/sitemap.xml:10: error: the sitemap lists "
	    "'https://reach.example/site/gone.html', which is not a page of "
	    "the site [reachability]\n");
	free(out);

	/* A page's own lines, and a folder with no home page. */
	tmp = harness_tmpdir();
	harness_write(tmp, "extra.html", "<p>no lang</p>\n");
	default_options(&opt, tmp, 1);
	opt.shown_dir = "site";
	opt.levels[CHECK_STRUCTURE] = CHECK_OFF;
	out = run_check(&opt, &sum, &status);
	assert_text(out,
	    "site: warning: there is no index.html: reachability was not "
	    "checked [reachability]\n");
	free(out);
	opt.levels[CHECK_STRUCTURE] = CHECK_DEFAULT;
	out = run_check(&opt, &sum, &status);
	ck_assert_msg(strstr(out, "\nsite/extra.html:1: error: ") != NULL,
	    "%s", out);
	ck_assert_msg(strstr(out, tmp) == NULL, "%s", out);
	free(out);
	harness_rmtree(tmp);
	free(tmp);
}
END_TEST

START_TEST(missing_folder_is_an_error)
{
	struct check_options opt;
	struct check_summary sum;
	char *out;
	int status;

	default_options(&opt, "/tmp/mend-test-no-such-folder", 1);
	out = run_check(&opt, &sum, &status);
	ck_assert_int_eq(status, -1);
	ck_assert_str_eq(out,
	    "/tmp/mend-test-no-such-folder: error: cannot read "
	    "the folder: No such file or directory\n");
	free(out);
}
END_TEST

/*
 * Mend's own pages: a template and a Markdown body rendered as the build
 * renders them, written into a folder with mend's marker, and checked
 * with their origins.
 */
static const char
    page_template
        [] = "<!DOCTYPE html>\n"                                     /* 1 */
             "<html lang=\"en\">\n"                                  /* 2 */
             "<head>\n"                                              /* 3 */
             "<meta charset=\"utf-8\" />\n"                          /* 4 */
             "<title>{{title}}</title>\n"                            /* 5 */
             "<meta name=\"description\" content=\"{{title}}\" />\n" /* 6 */
             "</head>\n"                                             /* 7 */
             "<body>\n"                                              /* 8 */
             "<nav><a href=\"./\">Home</a> <a "
             "href=\"missing/\">Missing</a></nav>\n" /* 9 */
             "<main>\n"                              /* 10 */
             "{{{content}}}\n"                       /* 11 */
             "</main>\n"                             /* 12 */
             "</body>\n"                             /* 13 */
             "</html>\n";                            /* 14 */

static const char bad_template[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"en\">\n"
    "<head>\n"
    "<meta charset=\"utf-8\" />\n"
    "<title>{{title}}</title>\n"
    "<meta name=\"description\" content=\"{{title}}\" />\n"
    "</head>\n"
    "<body>\n"
    "<p>A line<br>break that XML refuses.</p>\n" /* 9 */
    "<main><h1>{{title}}</h1>\n"
    "{{{content}}}\n"
    "</main>\n"
    "</body>\n"
    "</html>\n";

/* Lines 1-3 are front matter: the body starts on line 4. */
static const char mapped_md[] =
    "Some[^1] text with [a broken link](nowhere/) and [a good one](./).\n" /* 4
                                                                            */
    "\n"
    "## Section\n" /* 6 */
    "\n"
    "#### Skipped\n" /* 8 */
    "\n"
    "![](img.png)\n" /* 10 */
    "\n"
    "[^1]: A note with [another broken link](also-missing/).\n"; /* 12 */

/* A page rendered for the test, with what its origin needs. */
struct rendered {
	struct md_doc doc;
	struct buf html;
	struct srcmap map;  /* the page's: the template's, the body's over it */
};

static void
render_page(struct template_set *set, const char *template_name,
    const char *template_text, const char *title, const char *md,
    const char *md_path, bool unsafe, struct rendered *r)
{
	struct md_options mdopt;
	const struct template *tpl;
	struct template_spot body;
	json_t *data;

	memset(&mdopt, 0, sizeof(mdopt));
	mdopt.unsafe = unsafe;
	memset(r, 0, sizeof(*r));
	ck_assert_int_eq(
	    markdown_render(md, strlen(md), md_path, 4, &mdopt, &r->doc), 0);
	tpl = template_set_compile(
	    set, template_name, template_text, strlen(template_text));
	ck_assert_ptr_nonnull(tpl);
	data = json_pack("{s:s, s:s}", "title", title, "content", r->doc.html);
	body.value = json_object_get(data, "content");
	ck_assert_int_eq(template_render_mapped(set, tpl, data, &r->html,
	    &r->map, &body), 0);
	json_decref(data);
	ck_assert_uint_ne(body.offset, SIZE_MAX);
	srcmap_splice(&r->map, body.offset, r->doc.html_len, &r->doc.map,
	    r->doc.html_len);
}

static void
origin_of(const struct rendered *r, const char *output_path, const char *source,
    struct check_origin *o)
{
	memset(o, 0, sizeof(*o));
	o->output_path = output_path;
	o->html = r->html.data;
	o->html_len = r->html.len;
	o->map = &r->map;
	o->source_path = source;
}

static void
rendered_free(struct rendered *r)
{
	md_doc_free(&r->doc);
	buf_free(&r->html);
	srcmap_free(&r->map);
}

START_TEST(own_pages_are_reported_at_markdown_and_template_lines)
{
	struct template_set *set = template_set_new(NULL);
	struct rendered mapped, changed, bad;
	struct check_origin origins[3];
	struct check_options opt;
	struct check_summary sum;
	char *dir = harness_tmpdir(), prefix[4200], *out, *changed_text;
	int status;

	render_page(set, "themes/t/layouts/page.mustache", page_template,
	    "Mapped", mapped_md, "content/_index.md", false, &mapped);
	render_page(set, "themes/t/layouts/page.mustache", page_template,
	    "Changed", mapped_md, "content/changed.md", false, &changed);
	render_page(set, "themes/t/layouts/bad.mustache", bad_template, "Bad",
	    "Just text.\n", "content/bad.md", false, &bad);
	harness_write(dir, ".mend-output", "mend\n");
	harness_write(dir, "index.html", mapped.html.data);
	harness_write(dir, "bad/index.html", bad.html.data);
	/* Edited after mend wrote it: no longer mend's, so read as foreign. */
	changed_text = xmalloc(changed.html.len + 2);
	memcpy(changed_text, changed.html.data, changed.html.len);
	strcpy(changed_text + changed.html.len, "\n");
	harness_write(dir, "changed/index.html", changed_text);
	free(changed_text);
	origin_of(&mapped, "index.html", "content/_index.md", &origins[0]);
	origin_of(
	    &changed, "changed/index.html", "content/changed.md", &origins[1]);
	origin_of(&bad, "bad/index.html", "content/bad.md", &origins[2]);

	default_options(&opt, dir, 2);
	opt.origins = origins;
	opt.norigins = 3;
	opt.levels[CHECK_REACHABILITY] = CHECK_OFF;
	snprintf(prefix, sizeof(prefix), "%s/", dir);
	strip_prefix = prefix;
	out = run_check(&opt, &sum, &status);
	ck_assert_int_eq(status, 1);
	assert_text(out,
	    /* the foreign copy: at the HTML, line and column */
	    "changed/index.html:9:28: error: link target 'missing/' not found "
	    "[links]\n"
	    "changed/index.html:10:1: error: the page has no h1 [structure]\n"
	    "changed/index.html:11:106: error: link target 'nowhere/' not "
	    "found [links]\n"
	    "changed/index.html:13:1: error: heading level skipped: h4 after "
	    "h2 [structure]\n"
	    "changed/index.html:14:4: error: link target 'img.png' not found "
	    "[links]\n"
	    "changed/index.html:18:16: error: link target 'also-missing/' not "
	    "found [links]\n"
	    /* mend's pages: at the Markdown's line and column */
	    "content/_index.md:4:20: error: link target 'nowhere/' not found "
	    "[links]\n"
	    "content/_index.md:8:1: error: heading level skipped: h4 after h2 "
	    "[structure]\n"
	    "content/_index.md:10:1: error: link target 'img.png' not found "
	    "[links]\n"
	    "content/_index.md:12:19: error: link target 'also-missing/' not "
	    "found [links]\n"
	    /* and at the template line that wrote the element */
	    "themes/t/layouts/bad.mustache:9: error: Opening and ending tag "
	    "mismatch: "
	    "br line 9 and p [well-formed]\n"
	    "themes/t/layouts/page.mustache:9: error: link target 'missing/' "
	    "not found [links]\n"
	    "themes/t/layouts/page.mustache:10: error: the page has no h1 "
	    "[structure]\n");
	/* Each says which published page it concerns. */
	assert_text(buf_str(&urls),
	    "/changed/\n/changed/\n/changed/\n/changed/\n"
	    "/changed/\n/changed/\n/\n/\n/\n/\n/bad/\n/\n/\n");
	free(out);
	rendered_free(&mapped);
	rendered_free(&changed);
	rendered_free(&bad);
	template_set_free(set);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(raw_html_that_breaks_the_xml_is_reported_at_its_markdown)
{
	struct template_set *set = template_set_new(NULL);
	struct rendered raw;
	struct check_origin origin;
	struct check_options opt;
	struct check_summary sum;
	struct buf want = BUF_INIT;
	char *dir = harness_tmpdir(), prefix[4200], *out;
	int status;

	render_page(set, "themes/t/layouts/page.mustache", page_template, "Raw",
	    "# Raw\n\nLine <em>never\nclosed\n", "content/_index.md", true, &raw);
	harness_write(dir, ".mend-output", "mend\n");
	harness_write(dir, "index.html", raw.html.data);
	origin_of(&raw, "index.html", "content/_index.md", &origin);
	default_options(&opt, dir, 1);
	opt.origins = &origin;
	opt.norigins = 1;
	snprintf(prefix, sizeof(prefix), "%s/", dir);
	strip_prefix = prefix;
	out = run_check(&opt, &sum, &status);
	/* The error at the Markdown line where the parser found it (the
	   paragraph's end), without the HTML's line numbers; the rest of
	   the page is checked as HTML, each element at the line of the
	   source that wrote it. */
	buf_printf(&want,
	    "content/_index.md:7: error: raw HTML that is not well-formed: "
	    "Opening and ending tag mismatch: em and p (mend's pages are XHTML: "
	    "close every element, as in <br/> and <p>...</p>, and quote every "
	    "attribute's value) [well-formed]\n"
	    "themes/t/layouts/page.mustache:9: error: link target 'missing/' "
	    "not found [links]\n");
	assert_text(out, buf_str(&want));
	free(out);
	buf_free(&want);
	rendered_free(&raw);
	template_set_free(set);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/*
 * The checker knows nothing of how a page was made: any map will do.
 * Each element is reported where the map says its start tag's byte came
 * from (one lookup), a parse error at the line the map gives the byte it
 * names, and in the author's own words when that byte came from the
 * page's own source; bytes the map does not know stay at the HTML.
 */
START_TEST(any_map_places_a_page)
{
	static const char html[] =
	    "<!DOCTYPE html>\n"                                         /* 1 */
	    "<html lang=\"en\"><head><meta charset=\"utf-8\" />"
	    "<title>T</title><meta name=\"description\" content=\"d\" />"
	    "</head>\n"                                                 /* 2 */
	    "<body><main><h1>T</h1>\n"                                  /* 3 */
	    "<p><a href=\"one/\">one</a> <a href=\"two/\">two</a></p>\n" /* 4 */
	    "<p><a href=\"three/\">three</a><br></p>\n"                 /* 5 */
	    "</main></body></html>\n";                                  /* 6 */
	const char *two = strstr(html, "<a href=\"two/\""),
	           *three = strstr(html, "<p><a href=\"three/\"");
	struct srcmap map = SRCMAP_INIT;
	struct check_origin origin;
	struct check_options opt;
	struct check_summary sum;
	char *dir = harness_tmpdir(), prefix[4200], *out, *fixed = xstrdup(html);
	int status;

	srcmap_add(&map, 0, "gen/page.tpl", 1, 0);
	srcmap_add(&map, (size_t)(two - html), "notes/page.txt", 9, 4);
	srcmap_add(&map, (size_t)(two - html) + 1, "notes/page.txt", 9, 0);
	srcmap_add(&map, (size_t)(three - html), "notes/page.txt", 12, 0);
	srcmap_add(&map, (size_t)(strstr(html, "</main>") - html), NULL, 0, 0);
	harness_write(dir, ".mend-output", "mend\n");
	harness_write(dir, "index.html", html);
	memset(&origin, 0, sizeof(origin));
	origin.output_path = "index.html";
	origin.html = html;
	origin.html_len = strlen(html);
	origin.map = &map;
	origin.source_path = "notes/page.txt";
	default_options(&opt, dir, 1);
	opt.origins = &origin;
	opt.norigins = 1;
	snprintf(prefix, sizeof(prefix), "%s/", dir);
	strip_prefix = prefix;
	out = run_check(&opt, &sum, &status);
	/* <br> is not XML: the page is read as HTML, each element placed by
	   its line's start; the error is in the page's own source. */
	assert_text(out,
	    "gen/page.tpl:1: error: link target 'one/' not found [links]\n"
	    "gen/page.tpl:1: error: link target 'two/' not found [links]\n"
	    "notes/page.txt:12: error: link target 'three/' not found [links]\n"
	    "notes/page.txt:12: error: raw HTML that is not well-formed: "
	    "Opening and ending tag mismatch: br and p (mend's pages are "
	    "XHTML: close every element, as in <br/> and <p>...</p>, and "
	    "quote every attribute's value) [well-formed]\n");
	free(out);
	/* Well-formed (the same length), the same map places each element
	   exactly. */
	memcpy(strstr(fixed, "<br>"), "<b/>", 4);
	origin.html = fixed;
	harness_write(dir, "index.html", fixed);
	out = run_check(&opt, &sum, &status);
	assert_text(out,
	    "gen/page.tpl:1: error: link target 'one/' not found [links]\n"
	    "notes/page.txt:9:4: error: link target 'two/' not found [links]\n"
	    "notes/page.txt:12: error: link target 'three/' not found [links]\n");
	free(out);
	free(fixed);
	srcmap_free(&map);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(one_template_line_on_many_pages_is_reported_once)
{
	struct template_set *set = template_set_new(NULL);
	struct rendered pages[3];
	struct check_origin origins[3];
	static const char *const paths[] = {
	    "index.html", "a/index.html", "b/index.html"};
	static const char *const sources[] = {
	    "content/_index.md", "content/a.md", "content/b.md"};
	static const char *const titles[] = {"Home", "A", "B"};
	struct check_options opt;
	struct check_summary sum;
	char *dir = harness_tmpdir(), *out;
	int status, i;

	harness_write(dir, ".mend-output", "mend\n");
	for (i = 0; i < 3; i++) {
		render_page(set, "themes/t/layouts/page.mustache",
		    page_template, titles[i], "# Title\n\n[Home](/)\n",
		    sources[i], false, &pages[i]);
		harness_write(dir, paths[i], pages[i].html.data);
		origin_of(&pages[i], paths[i], sources[i], &origins[i]);
	}
	default_options(&opt, dir, 2);
	opt.origins = origins;
	opt.norigins = 3;
	opt.levels[CHECK_REACHABILITY] = CHECK_OFF;
	out = run_check(&opt, &sum, &status);
	ck_assert_str_eq(out, "themes/t/layouts/page.mustache:9: error: "
	                      "link target 'missing/' not found [links]\n");
	ck_assert_uint_eq(sum.errors, 1);
	free(out);
	for (i = 0; i < 3; i++)
		rendered_free(&pages[i]);
	template_set_free(set);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/*
 * --external against a server on 127.0.0.1: what each path answers, and
 * how often each was asked.
 */
enum {
	PATH_OK,
	PATH_MISSING,
	PATH_NOHEAD,
	PATH_REDIRECT,
	PATH_REDIRECT_MISSING,
	PATH_LOOP,
	PATH_ERROR,
	NPATHS
};
static const char *const server_paths[NPATHS] = {"/ok", "/missing", "/no-head",
    "/redirect", "/redirect-missing", "/loop", "/error"};
static atomic_int requests[NPATHS]; /* requests per path */
static atomic_int heads[NPATHS];    /* of which HEAD */

static enum MHD_Result
answer(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_size, void **state)
{
	static const char body[] = "a body that the checker does not need\n";
	struct MHD_Response *resp;
	unsigned int status = MHD_HTTP_NOT_FOUND;
	const char *location = NULL;
	bool head = strcmp(method, "HEAD") == 0;
	enum MHD_Result ret;
	int k;

	(void)cls;
	(void)version;
	(void)upload_data;
	(void)upload_size;
	(void)state;
	for (k = 0; k < NPATHS; k++)
		if (strcmp(url, server_paths[k]) == 0)
			break;
	if (k < NPATHS) {
		atomic_fetch_add(&requests[k], 1);
		if (head)
			atomic_fetch_add(&heads[k], 1);
	}
	switch (k) {
	case PATH_OK: status = MHD_HTTP_OK; break;
	case PATH_NOHEAD:
		status = head ? MHD_HTTP_METHOD_NOT_ALLOWED : MHD_HTTP_OK;
		break;
	case PATH_REDIRECT:
		status = MHD_HTTP_MOVED_PERMANENTLY;
		location = "/ok";
		break;
	case PATH_REDIRECT_MISSING:
		status = MHD_HTTP_FOUND;
		location = "/missing";
		break;
	case PATH_LOOP:
		status = MHD_HTTP_FOUND;
		location = "/loop";
		break;
	case PATH_ERROR: status = MHD_HTTP_INTERNAL_SERVER_ERROR; break;
	default: break;
	}
	resp = MHD_create_response_from_buffer(
	    sizeof(body) - 1, (void *)body, MHD_RESPMEM_PERSISTENT);
	if (location != NULL)
		MHD_add_response_header(resp, "Location", location);
	ret = MHD_queue_response(conn, status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* A port on 127.0.0.1 where nothing listens (bound, then closed). */
static int
closed_port(void)
{
	struct sockaddr_in addr;
	socklen_t len = sizeof(addr);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;

	ck_assert_int_ge(fd, 0);
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&addr, sizeof(addr)), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&addr, &len), 0);
	port = ntohs(addr.sin_port);
	close(fd);
	return port;
}

START_TEST(external_links_are_fetched_once_each)
{
	struct sockaddr_in addr;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	struct check_options opt;
	struct check_summary sum;
	struct buf page = BUF_INIT, want = BUF_INIT;
	char *dir = harness_tmpdir(), *out, prefix[4200];
	int port, dead, status, k;
	struct timespec t0, t1;

	setenv("NO_PROXY", "127.0.0.1", 1); /* never through a proxy */
	setenv("no_proxy", "127.0.0.1", 1);
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	addr.sin_port = 0; /* any free port */
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, 0, NULL, NULL,
	    answer, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
	    MHD_OPTION_END);
	ck_assert_ptr_nonnull(d);
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	ck_assert_ptr_nonnull(info);
	port = info->port;
	dead = closed_port();

	BUF_PUTSL(&page,
	    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<title>External</title>\n<meta name=\"description\" "
	    "content=\"x\">\n"
	    "</head>\n<body>\n<main>\n<h1>External</h1>\n"); /* 9 lines */
	for (k = 0; k < NPATHS; k++)                         /* lines 10-16 */
		buf_printf(&page,
		    "<p><a href=\"http://127.0.0.1:%d%s\">%s</a></p>\n", port,
		    server_paths[k], server_paths[k]);
	buf_printf(&page,
	    "<p><a href=\"http://127.0.0.1:%d/ok#again\">again</a> "
	    "<img src=\"http://127.0.0.1:%d/ok\" alt=\"ok\"></p>\n",
	    port, port); /* 17 */
	buf_printf(&page,
	    "<p><a href=\"http://127.0.0.1:%d/\">nobody</a></p>\n",
	    dead); /* 18 */
	BUF_PUTSL(&page, "</main>\n</body>\n</html>\n");
	harness_write(dir, "index.html", buf_str(&page));

	default_options(&opt, dir, 2);
	opt.external = true;
	opt.levels[CHECK_THIRDPARTY] = CHECK_OFF; /* the img is another site's */
	snprintf(prefix, sizeof(prefix), "%s/", dir);
	strip_prefix = prefix;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	out = run_check(&opt, &sum, &status);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	MHD_stop_daemon(d);

	buf_printf(&want,
	    "index.html:11: error: external link 'http://127.0.0.1:%d/missing' "
	    "returned 404 [external]\n"
	    "index.html:14: error: external link "
	    "'http://127.0.0.1:%d/redirect-missing' returned 404 [external]\n"
	    "index.html:15: error: external link 'http://127.0.0.1:%d/loop' "
	    "redirects more than 5 times [external]\n"
	    "index.html:16: error: external link 'http://127.0.0.1:%d/error' "
	    "returned 500 [external]\n"
	    "index.html:18: error: external link 'http://127.0.0.1:%d/' could "
	    "not be fetched: ",
	    port, port, port, port, dead);
	ck_assert_msg(strncmp(out, buf_str(&want), want.len) == 0,
	    "expected to start with\n%s\ngot\n%s", buf_str(&want), out);
	ck_assert_msg(strchr(out + want.len, '\n') == out + strlen(out) - 1,
	    "one line more than expected:\n%s", out);
	ck_assert_int_eq(status, 1);
	/* Each distinct URL once: /ok three times on the page, one HEAD. */
	ck_assert_int_eq(
	    atomic_load(&requests[PATH_OK]), 2); /* and once via /redirect */
	ck_assert_int_eq(
	    atomic_load(&heads[PATH_MISSING]), 2); /* itself, the redirect's */
	/* A refused HEAD is tried again with GET. */
	ck_assert_int_eq(atomic_load(&heads[PATH_NOHEAD]), 1);
	ck_assert_int_eq(atomic_load(&requests[PATH_NOHEAD]), 2);
	ck_assert_int_le(atomic_load(&requests[PATH_LOOP]), 2 * 6);
	ck_assert_msg((double)(t1.tv_sec - t0.tv_sec) < 8.0, "took too long");

	/* Without --external nothing is fetched. */
	opt.external = false;
	free(out);
	out = run_check(&opt, &sum, &status);
	ck_assert_str_eq(out, "");
	free(out);
	buf_free(&page);
	buf_free(&want);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/*
 * When --external runs out of time, its one warning counts with the
 * others: the summary's warnings are the warnings printed.
 */
START_TEST(external_deadline_warning_is_counted)
{
	char *dir = harness_tmpdir(), *out, prefix[4200];
	struct sockaddr_in addr;
	socklen_t alen = sizeof(addr);
	struct check_options opt;
	struct check_summary sum;
	struct buf page = BUF_INIT;
	int status, hanging = socket(AF_INET, SOCK_STREAM, 0);

	/* A port that takes connections and never answers. */
	ck_assert_int_ge(hanging, 0);
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(hanging, (struct sockaddr *)&addr, sizeof(addr)), 0);
	ck_assert_int_eq(listen(hanging, 8), 0);
	ck_assert_int_eq(getsockname(hanging, (struct sockaddr *)&addr, &alen), 0);
	buf_printf(&page,
	    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>Slow</title>\n"
	    "<meta name=\"description\" content=\"A slow link\">\n</head>\n"
	    "<body>\n<main>\n<h1>Slow</h1>\n"
	    "<p><a href=\"http://127.0.0.1:%d/slow\">slow</a></p>\n"
	    "</main>\n</body>\n</html>\n", ntohs(addr.sin_port));
	harness_write(dir, "index.html", buf_str(&page));
	snprintf(prefix, sizeof(prefix), "%s/", dir);
	strip_prefix = prefix;
	default_options(&opt, dir, 1);
	opt.external = true;
	check_external_set_limits(30, 0.3);

	out = run_check(&opt, &sum, &status);
	check_external_set_limits(0, 0);
	buf_reset(&page);
	buf_printf(&page, "mend: warning: 1 external URL was not checked: "
	    "checking took more than 0.3 s in all "
	    "('http://127.0.0.1:%d/slow') [external]\n", ntohs(addr.sin_port));
	assert_text(out, buf_str(&page));
	ck_assert_uint_eq(sum.warnings, 1);
	ck_assert_uint_eq(sum.errors, 0);
	ck_assert_int_eq(status, 0);
	free(out);
	close(hanging);
	buf_free(&page);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

static Suite *
check_suite(void)
{
	Suite *s = suite_create("check");
	TCase *fixtures = tcase_create("fixtures");
	TCase *own = tcase_create("mend's own pages");
	TCase *external = tcase_create("external");
	TCase *units = tcase_create("units");

	nsites = harness_list("tests/sites/check", NULL, site_names, MAX_SITES);
	if (nsites == 0) {
		fprintf(
		    stderr, "check_check: no sites under tests/sites/check\n");
		exit(EXIT_FAILURE);
	}
	tcase_add_checked_fixture(fixtures, setup, teardown);
	tcase_add_checked_fixture(own, setup, teardown);
	tcase_add_checked_fixture(external, setup, teardown);
	tcase_add_checked_fixture(units, setup, teardown);
	tcase_set_timeout(fixtures, 30);
	tcase_set_timeout(own, 30);
	tcase_set_timeout(external, 30);
	tcase_add_loop_test(fixtures,
	    fixture_gives_exactly_its_expected_diagnostics, 0, nsites);
	tcase_add_test(fixtures, clean_site_summary_counts_pages_and_links);
	tcase_add_test(
	    fixtures, levels_turn_checks_off_or_change_their_severity);
	tcase_add_test(
	    own, own_pages_are_reported_at_markdown_and_template_lines);
	tcase_add_test(own, raw_html_that_breaks_the_xml_is_reported_at_its_markdown);
	tcase_add_test(own, one_template_line_on_many_pages_is_reported_once);
	tcase_add_test(own, any_map_places_a_page);
	tcase_add_test(external, external_links_are_fetched_once_each);
	tcase_add_test(external, external_deadline_warning_is_counted);
	tcase_add_test(units, stderr_holds_only_diagnostics);
	tcase_add_test(units, names_of_checks_round_trip);
	tcase_add_test(units, third_party_levels);
	tcase_add_test(units, third_party_in_css_svg_pings_refresh_and_forms);
	tcase_add_test(units, link_text_and_content_after_the_root_are_read);
	tcase_add_test(units, missing_folder_is_an_error);
	tcase_add_test(units, files_are_named_under_the_shown_folder);
	suite_add_tcase(s, fixtures);
	suite_add_tcase(s, own);
	suite_add_tcase(s, external);
	suite_add_tcase(s, units);
	return s;
}

int
main(void)
{
	int failed, i;

	harness_root();
	failed = harness_run(check_suite(), NULL);
	for (i = 0; i < nsites; i++)
		free(site_names[i]);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
