/*
 * check_url as the checks use it (check_url.h): percent-decoding; a
 * reference's path resolved against its page's folder into a site path
 * (relative and absolute paths, dot segments, never above the root,
 * folders keeping their '/', decoded before the dot segments are removed,
 * as a static file server would); whether an absolute URL lies under the
 * site's base URL and where the rest of it starts; a URL's scheme; and
 * its host, as a browser finds it, to tell another site's.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check_url.h"
#include "harness.h"
#include "lib/buf.h"

START_TEST(decode_turns_escapes_into_bytes)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "plain/path.html", "plain/path.html" },
		{ "a%20b", "a b" },
		{ "%41%42c", "ABc" },
		{ "caf%C3%A9", "caf\xc3\xa9" },
		{ "caf%c3%a9", "caf\xc3\xa9" },          /* either case of hex */
		{ "100%25", "100%" },
		{ "a%2Fb", "a/b" },
		{ "%", "%" },                             /* a '%' alone stays */
		{ "50%", "50%" },
		{ "%4", "%4" },                           /* one digit only */
		{ "%g1x", "%g1x" },                       /* not hex */
		{ "%%41", "%A" },
		{ "", "" },
	};
	struct buf out = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&out);
		check_url_decode(cases[i].in, strlen(cases[i].in), &out);
		ck_assert_msg(strcmp(buf_str(&out), cases[i].out) == 0,
		    "'%s' decoded to '%s', not '%s'", cases[i].in, buf_str(&out),
		    cases[i].out);
	}
	buf_free(&out);
}
END_TEST

/* Only len bytes are read, the result is appended, and %00 is a byte. */
START_TEST(decode_reads_len_bytes_and_appends)
{
	struct buf out = BUF_INIT;

	BUF_PUTSL(&out, "got: ");
	check_url_decode("%41%42", 5, &out);  /* "%41%4": the last cut short */
	ck_assert_str_eq(buf_str(&out), "got: A%4");
	buf_reset(&out);
	check_url_decode("a%00b", 5, &out);
	ck_assert_uint_eq(out.len, 3);
	ck_assert_mem_eq(out.data, "a\0b", 4);
	buf_free(&out);
}
END_TEST

/* dir, path -> the site path, or NULL when the path climbs above the
   root. */
static const struct {
	const char *dir, *path, *want;
} resolve_cases[] = {
	/* Relative to the page's folder. */
	{ "steps/x/", "other.html", "steps/x/other.html" },
	{ "steps/x/", "sub/", "steps/x/sub/" },
	{ "steps/x/", "../y/", "steps/y/" },
	{ "steps/x/", "../y", "steps/y" },
	{ "steps/x/", "../../calm.css", "calm.css" },
	{ "steps/x/", "", "steps/x/" },
	{ "steps/x/", ".", "steps/x/" },
	{ "steps/x/", "./", "steps/x/" },
	{ "steps/x/", "..", "steps/" },           /* ".." is a folder */
	{ "steps/x/", "../..", "" },
	{ "", "steps/", "steps/" },
	{ "", "", "" },
	{ "", ".", "" },
	/* index.html is a file like any other: not folded into its folder. */
	{ "", "index.html", "index.html" },
	{ "steps/", "x/index.html", "steps/x/index.html" },
	{ "steps/x/", "./index.html", "steps/x/index.html" },
	/* Absolute: the page's folder is ignored. */
	{ "steps/x/", "/calm.css", "calm.css" },
	{ "steps/x/", "/", "" },
	{ "steps/x/", "/steps/y/", "steps/y/" },
	{ "steps/x/", "/steps/./y/../z", "steps/z" },
	/* Dot segments and repeated slashes anywhere. */
	{ "", "a/./b/../c", "a/c" },
	{ "", "a/b/../../c/", "c/" },
	{ "", "steps//x/", "steps/x/" },
	{ "", "steps/x//", "steps/x/" },
	{ "", "a/b/..", "a/" },
	{ "", "a/b/.", "a/b/" },
	/* Decoded first, then the dot segments are removed. */
	{ "", "caf%C3%A9/", "caf\xc3\xa9/" },
	{ "", "a%20b.html", "a b.html" },
	{ "", "a%2Fb", "a/b" },
	{ "steps/x/", "%2E%2E/y/", "steps/y/" },
	{ "", "50%.html", "50%.html" },
	{ "", "q%3Fx.html", "q?x.html" },       /* an encoded '?' is a name */
	{ "", "f%23g.html", "f#g.html" },       /* and an encoded '#' */
	/* Above the root. */
	{ "", "..", NULL },
	{ "", "../calm.css", NULL },
	{ "steps/x/", "../../..", NULL },
	{ "steps/x/", "../../../steps/", NULL },
	{ "steps/x/", "/../calm.css", NULL },
	{ "", "a/../../a", NULL },              /* above, even if back again */
	{ "", "%2E%2E/x", NULL },
};

START_TEST(resolve_gives_the_site_path)
{
	struct buf out = BUF_INIT;
	const char *dir = resolve_cases[_i].dir, *path = resolve_cases[_i].path;
	const char *want = resolve_cases[_i].want;
	int status;

	status = check_url_resolve(dir, path, strlen(path), &out);
	if (want == NULL)
		ck_assert_msg(status == -1, "'%s' from '%s' resolved to '%s', not "
		    "above the root", path, dir, buf_str(&out));
	else
		ck_assert_msg(status == 0 && strcmp(buf_str(&out), want) == 0,
		    "'%s' from '%s' resolved to '%s' (%d), not '%s'", path, dir,
		    buf_str(&out), status, want);
	buf_free(&out);
}
END_TEST

/* The result is appended; above the root, out is left as it was. */
START_TEST(resolve_appends_or_leaves_out_unchanged)
{
	struct buf out = BUF_INIT;

	BUF_PUTSL(&out, "page: ");
	ck_assert_int_eq(check_url_resolve("steps/x/", "../y/", 5, &out), 0);
	ck_assert_str_eq(buf_str(&out), "page: steps/y/");
	ck_assert_int_eq(check_url_resolve("steps/x/", "../../../a/b/c", 14,
	    &out), -1);
	ck_assert_str_eq(buf_str(&out), "page: steps/y/");
	ck_assert_uint_eq(out.len, strlen("page: steps/y/"));
	buf_free(&out);
	/* An untouched buffer given the root reads as "". */
	ck_assert_int_eq(check_url_resolve("", "/", 1, &out), 0);
	ck_assert_str_eq(buf_str(&out), "");
	ck_assert_int_eq(check_url_resolve("", "..", 2, &out), -1);
	ck_assert_str_eq(buf_str(&out), "");
	buf_free(&out);
}
END_TEST

/* Only len bytes of the path: the caller cuts off a query or fragment. */
START_TEST(resolve_reads_len_bytes)
{
	struct buf out = BUF_INIT;
	const char *href = "../calm.css?v=2#top";

	ck_assert_int_eq(check_url_resolve("steps/", href, 11, &out), 0);
	ck_assert_str_eq(buf_str(&out), "calm.css");
	buf_reset(&out);
	ck_assert_int_eq(check_url_resolve("steps/x/", "#top", 0, &out), 0);
	ck_assert_str_eq(buf_str(&out), "steps/x/");  /* the page's own folder */
	buf_free(&out);
}
END_TEST

static const char *const base = "https://example.org/guide/";

/* Whether s is under the base, and the rest after it (NULL: not under). */
static const struct {
	const char *base, *s, *rest;
} under_cases[] = {
	{ "https://example.org/guide/", "https://example.org/guide/steps/x/",
	    "steps/x/" },
	{ "https://example.org/guide/", "https://example.org/guide/", "" },
	{ "https://example.org/guide/", "https://example.org/guide", "" },
	{ "https://example.org/guide/", "https://example.org/guide?x=1", "?x=1" },
	{ "https://example.org/guide/", "https://example.org/guide#top", "#top" },
	{ "https://example.org/guide/", "https://example.org/guide/a?b#c",
	    "a?b#c" },
	/* Scheme and host without case, the path with it. */
	{ "https://example.org/guide/", "HTTPS://Example.ORG/guide/x", "x" },
	{ "https://example.org/guide/", "https://example.org/Guide/x", NULL },
	{ "https://example.org/guide/", "https://example.org/guidebook/", NULL },
	{ "https://example.org/guide/", "https://example.org/", NULL },
	{ "https://example.org/guide/", "http://example.org/guide/x", NULL },
	{ "https://example.org/guide/", "https://example.org.evil/guide/x", NULL },
	{ "https://example.org/guide/", "https://example.org:8080/guide/x", NULL },
	{ "https://example.org/guide/", "https://other.org/guide/x", NULL },
	{ "https://example.org/guide/", "/guide/x", NULL },
	/* A site at the root of its host. */
	{ "https://example.org/", "https://example.org/about/", "about/" },
	{ "https://example.org/", "https://example.org", "" },
	{ "https://example.org/", "https://example.org?q=1", "?q=1" },
	{ "https://example.org/", "https://example.orgx/", NULL },
	{ "https://example.org/", "https://example.com/", NULL },
	/* No base to be under. */
	{ NULL, "https://example.org/", NULL },
	{ "example.org/", "example.org/x", NULL },
};

START_TEST(under_base_finds_the_rest)
{
	const char *b = under_cases[_i].base, *s = under_cases[_i].s;
	const char *want = under_cases[_i].rest;
	size_t rest = 12345;
	bool under = check_url_under_base(b, s, strlen(s), &rest);

	if (want == NULL)
		ck_assert_msg(!under, "'%s' is under '%s'", s, b);
	else {
		ck_assert_msg(under, "'%s' is not under '%s'", s, b);
		ck_assert_msg(rest <= strlen(s) && strcmp(s + rest, want) == 0,
		    "under '%s', the rest of '%s' is at %zu, not '%s'", b, s,
		    rest, want);
	}
}
END_TEST

/* Only len bytes of s are looked at. */
START_TEST(under_base_reads_len_bytes)
{
	const char *s = "https://example.org/guide/steps/ and more";
	size_t rest = 0;

	ck_assert(check_url_under_base(base, s, 32, &rest));
	ck_assert_uint_eq(rest, 26);
	ck_assert(check_url_under_base(base, s, 25, &rest));  /* ".../guide" */
	ck_assert_uint_eq(rest, 25);
	ck_assert(!check_url_under_base(base, s, 24, &rest));  /* ".../guid" */
	ck_assert(!check_url_under_base(base, s, 10, &rest));
	ck_assert(!check_url_under_base(base, s, 0, &rest));
}
END_TEST

START_TEST(scheme_length_or_none)
{
	static const struct {
		const char *s;
		size_t len;
	} cases[] = {
		{ "https://example.org/", 5 },
		{ "http://x", 4 },
		{ "HTTPS://X", 5 },
		{ "mailto:someone@example.org", 6 },
		{ "tel:+441234", 3 },
		{ "git+ssh://host/repo", 7 },
		{ "a.b-c:rest", 5 },
		{ "steps/x/", 0 },
		{ "../calm.css", 0 },
		{ "a/b:c", 0 },          /* a '/' before the ':': a path */
		{ "./a:b", 0 },
		{ "#top", 0 },
		{ "?q=a:b", 0 },
		{ "1http://x", 0 },      /* a scheme starts with a letter */
		{ ":x", 0 },
		{ "https", 0 },          /* no ':' at all */
		{ "", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t got = check_url_scheme(cases[i].s, strlen(cases[i].s));

		ck_assert_msg(got == cases[i].len, "the scheme of '%s' is %zu "
		    "bytes, not %zu", cases[i].s, got, cases[i].len);
	}
	ck_assert_uint_eq(check_url_scheme("https://x", 5), 0);  /* len bytes */
	ck_assert_uint_eq(check_url_scheme("https://x", 6), 5);
}
END_TEST

START_TEST(host_as_a_browser_finds_it)
{
	static const struct {
		const char *s;
		const char *host;
	} cases[] = {
		{ "https://example.org/", "example.org" },
		{ "HTTPS://Example.ORG", "Example.ORG" },
		{ "https://example.org:8080/p", "example.org" },
		{ "https://u:pw@example.org/p", "example.org" },
		{ "https://own.example@tracker.example/q", "tracker.example" },
		{ "https://a@b@tracker.example/", "tracker.example" },
		{ "https://[::1]:8080/", "[::1]" },
		{ "//cdn.example/x.js", "cdn.example" },
		{ "https:\\\\cdn.example\\x.js", "cdn.example" },
		{ "https:///cdn.example/x.js", "cdn.example" },
		{ "https://cdn.example?q", "cdn.example" },
		{ "https://cdn.example#f", "cdn.example" },
		{ "https://x.org/a@b.example/", "x.org" },  /* '@' in the path */
		{ "https://", "" },
	};
	size_t i, len, at;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		at = check_url_host(cases[i].s, strlen(cases[i].s), &len);
		ck_assert_msg(len == strlen(cases[i].host) &&
		    strncmp(cases[i].s + at, cases[i].host, len) == 0,
		    "the host of '%s' is '%.*s', not '%s'", cases[i].s, (int)len,
		    cases[i].s + at, cases[i].host);
	}
	at = check_url_host("https://example.org/", 13, &len);  /* len bytes */
	ck_assert_uint_eq(len, 5);
	ck_assert(check_url_same_host("Example.org", 11, "example.ORG.", 12));
	ck_assert(!check_url_same_host("example.org", 11, "example.org.uk", 14));
	ck_assert(!check_url_same_host("", 0, "x", 1));
}
END_TEST

static Suite *
url_suite(void)
{
	Suite *s = suite_create("url");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, decode_turns_escapes_into_bytes);
	tcase_add_test(tc, decode_reads_len_bytes_and_appends);
	tcase_add_loop_test(tc, resolve_gives_the_site_path, 0,
	    (int)(sizeof(resolve_cases) / sizeof(resolve_cases[0])));
	tcase_add_test(tc, resolve_appends_or_leaves_out_unchanged);
	tcase_add_test(tc, resolve_reads_len_bytes);
	tcase_add_loop_test(tc, under_base_finds_the_rest, 0,
	    (int)(sizeof(under_cases) / sizeof(under_cases[0])));
	tcase_add_test(tc, under_base_reads_len_bytes);
	tcase_add_test(tc, scheme_length_or_none);
	tcase_add_test(tc, host_as_a_browser_finds_it);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(url_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
