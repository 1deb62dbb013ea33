/*
 * The TOML parser as its users meet it: the official toml-test suite run
 * through `mend debug toml` (the decoder interface toml-test itself uses),
 * then the API and the diagnostics a site author sees, in-process.
 *
 * The conformance data is read from $MEND_SHARED/conformance/toml-test and
 * never copied into the repository.  Each TOML file of the 1.0 list is one
 * check: a valid file must decode to the JSON beside it, an invalid one
 * must be rejected with exactly one error that names a line.
 */
#include <check.h>
#include <jansson.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "harness.h"
#include "lib/toml.h"
#include "lib/util.h"

#define SUITE_DIR "conformance/toml-test/tests"
#define SUITE_LIST "files-toml-1.0.0"

/* The TOML files of the list, split by kind; read before the tests fork. */
static char **valid_cases, **invalid_cases;
static size_t nvalid, ninvalid;

static void
case_add(char ***cases, size_t *n, const char *rel)
{
	*cases = xrealloc(*cases, (*n + 1) * sizeof(**cases));
	(*cases)[(*n)++] = xstrdup(rel);
}

/* Read the list of TOML 1.0 files.  0, or -1 when it cannot be read. */
static int
cases_load(void)
{
	struct buf path = BUF_INIT;
	char *text, *line, *next;
	size_t len;
	int status;

	buf_printf(&path, "%s/%s/%s", harness_shared(), SUITE_DIR, SUITE_LIST);
	status = util_read_file(buf_str(&path), &text, &len);
	buf_free(&path);
	if (status != 0)
		return -1;
	for (line = text; *line != '\0'; line = next) {
		next = line + strcspn(line, "\n");
		if (*next == '\n')
			*next++ = '\0';
		len = strlen(line);
		if (len < 5 || strcmp(line + len - 5, ".toml") != 0)
			continue;
		if (strncmp(line, "valid/", 6) == 0)
			case_add(&valid_cases, &nvalid, line);
		else if (strncmp(line, "invalid/", 8) == 0)
			case_add(&invalid_cases, &ninvalid, line);
	}
	free(text);
	return 0;
}

static void
cases_free(void)
{
	size_t i;

	for (i = 0; i < nvalid; i++)
		free(valid_cases[i]);
	for (i = 0; i < ninvalid; i++)
		free(invalid_cases[i]);
	free(valid_cases);
	free(invalid_cases);
}

/* The path of a suite file, as mend is given it; the caller frees it. */
static char *
case_path(const char *rel)
{
	struct buf path = BUF_INIT;

	buf_printf(&path, "%s/%s/%s", harness_shared(), SUITE_DIR, rel);
	return buf_detach(&path);
}

/*
 * A date-time as toml-test compares them: 'z' as 'Z', 't' or ' ' between
 * date and time as 'T', and no trailing zeros in a fraction of a second.
 */
static void
normalise_datetime(const char *s, size_t len, struct buf *out)
{
	size_t i, dot = (size_t)-1, end;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == 'z')
			c = 'Z';
		if (i == 10 && (c == 't' || c == ' '))
			c = 'T';
		buf_putc(out, c);
		if (c == '.')
			dot = out->len - 1;
	}
	if (dot == (size_t)-1)
		return;
	for (end = dot + 1; end < out->len && out->data[end] >= '0' &&
	    out->data[end] <= '9'; end++)
		;
	i = end;
	while (i > dot + 1 && out->data[i - 1] == '0')
		i--;
	if (i == dot + 1)  /* all zeros: drop the dot too */
		i = dot;
	memmove(out->data + i, out->data + end, out->len - end + 1);
	out->len -= end - i;
}

/* Are the two tagged scalar values of type the same?  Says why not. */
static bool
scalar_equal(const char *type, const json_t *got, const json_t *want,
    struct buf *why)
{
	const char *g = json_string_value(got), *w = json_string_value(want);
	size_t glen = json_string_length(got), wlen = json_string_length(want);
	bool same;

	if (strcmp(type, "integer") == 0)
		same = strtoll(g, NULL, 10) == strtoll(w, NULL, 10);
	else if (strcmp(type, "float") == 0) {
		double a = strtod(g, NULL), b = strtod(w, NULL);

		same = (isnan(a) && isnan(b)) ||
		    (a == b && signbit(a) == signbit(b));
	} else if (strncmp(type, "date", 4) == 0 ||
	    strncmp(type, "time", 4) == 0) {
		struct buf a = BUF_INIT, b = BUF_INIT;

		normalise_datetime(g, glen, &a);
		normalise_datetime(w, wlen, &b);
		same = strcmp(buf_str(&a), buf_str(&b)) == 0;
		buf_free(&a);
		buf_free(&b);
	} else
		same = glen == wlen && memcmp(g, w, glen) == 0;
	if (!same)
		buf_printf(why, "%s %s, expected %s", type, g, w);
	return same;
}

/* Is want a tagged scalar, {"type": "...", "value": "..."}? */
static bool
is_tagged(const json_t *want)
{
	return json_is_object(want) && json_object_size(want) == 2 &&
	    json_is_string(json_object_get(want, "type")) &&
	    json_is_string(json_object_get(want, "value"));
}

/*
 * Compare decoded JSON with the expected JSON, as toml-test does.  On a
 * difference, append to why where (path) and what differed.
 */
static bool
tagged_equal(const json_t *got, const json_t *want, struct buf *path,
    struct buf *why)
{
	size_t mark = path->len, i;
	bool same = true;

	if (is_tagged(want)) {
		const char *type =
		    json_string_value(json_object_get(want, "type"));

		if (!is_tagged(got) || strcmp(type, json_string_value(
		    json_object_get(got, "type"))) != 0) {
			buf_printf(why, "at %s: expected a %s", buf_str(path),
			    type);
			return false;
		}
		buf_printf(why, "at %s: ", buf_str(path));
		if (scalar_equal(type, json_object_get(got, "value"),
		    json_object_get(want, "value"), why))
			buf_reset(why);
		else
			return false;
		return true;
	}
	if (json_is_object(want)) {
		void *it;

		if (!json_is_object(got) ||
		    json_object_size(got) != json_object_size(want)) {
			buf_printf(why, "at %s: expected a table of %zu keys",
			    buf_str(path), json_object_size(want));
			return false;
		}
		for (it = json_object_iter((json_t *)want); it != NULL && same;
		    it = json_object_iter_next((json_t *)want, it)) {
			const char *key = json_object_iter_key(it);
			size_t len = json_object_iter_key_len(it);
			const json_t *sub = json_object_getn(got, key, len);

			buf_putc(path, '.');
			buf_put(path, key, len);
			if (sub == NULL) {
				buf_printf(why, "at %s: key missing",
				    buf_str(path));
				same = false;
			} else
				same = tagged_equal(sub,
				    json_object_iter_value(it), path, why);
			path->len = mark;
			path->data[mark] = '\0';
		}
		return same;
	}
	if (json_is_array(want)) {
		if (!json_is_array(got) ||
		    json_array_size(got) != json_array_size(want)) {
			buf_printf(why, "at %s: expected an array of %zu "
			    "values", buf_str(path), json_array_size(want));
			return false;
		}
		for (i = 0; i < json_array_size(want) && same; i++) {
			buf_printf(path, "[%zu]", i);
			same = tagged_equal(json_array_get(got, i),
			    json_array_get(want, i), path, why);
			path->len = mark;
			path->data[mark] = '\0';
		}
		return same;
	}
	buf_printf(why, "at %s: the expected JSON is not tagged",
	    buf_str(path));
	return false;
}

/*
 * Load JSON text that may hold "\u0000" in keys, which jansson's reader
 * refuses: each such escape becomes "\u2400" (the visible symbol for NUL)
 * first, on both sides of a comparison alike.  Returns NULL with error set.
 */
static json_t *
json_load_nul(char *text, json_error_t *error)
{
	size_t i;

	for (i = 0; text[i] != '\0'; i++) {
		if (text[i] != '\\' || text[i + 1] == '\0')
			continue;
		if (strncmp(text + i + 1, "u0000", 5) == 0)
			memcpy(text + i + 1, "u2400", 5);
		i++;  /* past the escaped character: "\\u0000" stays */
	}
	return json_loads(text, 0, error);
}

START_TEST(toml_test_valid)
{
	const char *rel = valid_cases[_i];
	char *toml = case_path(rel), *expected_path;
	struct buf path = BUF_INIT, why = BUF_INIT;
	json_t *got, *want;
	json_error_t error;
	char *expected_text;
	size_t len;
	struct run r;

	expected_path = xstrdup(toml);
	strcpy(expected_path + strlen(expected_path) - 5, ".json");
	run_mend(&r, NULL, NULL, "debug", "toml", toml, NULL);
	ck_assert_msg(r.status == 0, "%s: rejected (status %d): %s", rel,
	    r.status, r.err);
	ck_assert_msg(r.err[0] == '\0', "%s: unexpected stderr: %s", rel,
	    r.err);
	got = json_load_nul(r.out, &error);
	ck_assert_msg(got != NULL, "%s: output is not JSON: %s", rel,
	    error.text);
	ck_assert_msg(util_read_file(expected_path, &expected_text, &len) == 0,
	    "%s: cannot read %s", rel, expected_path);
	want = json_load_nul(expected_text, &error);
	ck_assert_msg(want != NULL, "%s: cannot read the expected JSON: %s",
	    rel, error.text);
	buf_puts(&path, "(root)");
	ck_assert_msg(tagged_equal(got, want, &path, &why), "%s: %s", rel,
	    buf_str(&why));
	json_decref(got);
	json_decref(want);
	buf_free(&path);
	buf_free(&why);
	run_free(&r);
	free(expected_text);
	free(expected_path);
	free(toml);
}
END_TEST

START_TEST(toml_test_invalid)
{
	const char *rel = invalid_cases[_i];
	char *toml = case_path(rel);
	size_t n = strlen(toml);
	const char *end;
	int line = 0, col = 0, used = 0;
	struct run r;

	run_mend(&r, NULL, NULL, "debug", "toml", toml, NULL);
	ck_assert_msg(r.status == EXIT_SITE, "%s: accepted (status %d), "
	    "printed %.200s", rel, r.status, r.out);
	ck_assert_msg(r.out[0] == '\0', "%s: output on rejection: %.200s", rel,
	    r.out);
	end = strchr(r.err, '\n');
	ck_assert_msg(end != NULL && end[1] == '\0',
	    "%s: not exactly one diagnostic: %s", rel, r.err);
	ck_assert_msg(strncmp(r.err, toml, n) == 0 &&
	    sscanf(r.err + n, ":%d:%d: error: %n", &line, &col, &used) == 2 &&
	    used > 0 && line > 0 && col > 0,
	    "%s: the error names no line and column: %s", rel, r.err);
	run_free(&r);
	free(toml);
}
END_TEST

START_TEST(toml_test_list_is_there)
{
	ck_assert_msg(nvalid > 0 && ninvalid > 0,
	    "no cases read from %s/%s/%s (set MEND_SHARED)", harness_shared(),
	    SUITE_DIR, SUITE_LIST);
}
END_TEST

/* In-process parsing, with the diagnostics captured. */

struct captured {
	int count;           /* diagnostics received */
	struct buf first;    /* the first as "file:line:col: message" */
};

static void
capture(const struct diag *d, void *ctx)
{
	struct captured *c = ctx;

	if (c->count++ == 0)
		buf_printf(&c->first, "%s:%d:%d: %s%s", d->file, d->line,
		    d->col, d->severity == DIAG_ERROR ? "" : "(not an error) ",
		    d->message);
}

static bool parse_with_nul;  /* parse_capture: toml_parse_with_nul? */

/* Parse text[0..len) as name from first_line, capturing diagnostics. */
static struct toml_value *
parse_capture(const char *text, size_t len, const char *name, int first_line,
    struct captured *c)
{
	struct toml_value *root;

	c->count = 0;
	buf_reset(&c->first);
	diag_set_sink(capture, c);
	root = parse_with_nul ? toml_parse_with_nul(text, len, name, first_line)
	                      : toml_parse(text, len, name, first_line);
	diag_set_sink(NULL, NULL);
	return root;
}

/* Parse a valid text; fails the test on any diagnostic. */
static struct toml_value *
parse_ok(const char *text)
{
	struct captured c = { 0, BUF_INIT };
	struct toml_value *root;

	root = parse_capture(text, strlen(text), "site.toml", 1, &c);
	ck_assert_msg(root != NULL && c.count == 0, "rejected: %s",
	    buf_str(&c.first));
	buf_free(&c.first);
	return root;
}

/* The one diagnostic a bad text (of len bytes) gets, as "file:L:C: msg". */
static char *
error_of(const char *text, size_t len, const char *name, int first_line)
{
	struct captured c = { 0, BUF_INIT };
	struct toml_value *root;

	root = parse_capture(text, len, name, first_line, &c);
	ck_assert_msg(root == NULL, "accepted: %s", text);
	ck_assert_int_eq(c.count, 1);
	return buf_detach(&c.first);
}

/* Assert that text (a site.toml) is rejected with exactly message. */
#define ck_assert_toml_error(text, message) do { \
	char *got_ = error_of((text), strlen(text), "site.toml", 1); \
	ck_assert_str_eq(got_, (message)); \
	free(got_); \
} while (0)

START_TEST(common_mistakes_point_at_the_line)
{
	ck_assert_toml_error("title = \"Apologies\nlanguage = \"en\"\n",
	    "site.toml:1:9: string is not closed");
	ck_assert_toml_error("title = \"\"\"first\nsecond\n",
	    "site.toml:1:9: string is not closed");
	ck_assert_toml_error("[site]\ntitle \"x\"\n",
	    "site.toml:2:7: expected '=' after the key 'title', found '\"'");
	ck_assert_toml_error("[site]\ntitle\n",
	    "site.toml:2:6: expected '=' after the key 'title'");
	ck_assert_toml_error("title = \n",
	    "site.toml:1:9: expected a value after '='");
	ck_assert_toml_error("title = Apologies\n",
	    "site.toml:1:9: expected a value, found 'Apologies' (strings need "
	    "quotes)");
	ck_assert_toml_error("title = \"a\"\nlang = \"en\"\ntitle = \"b\"\n",
	    "site.toml:3:1: duplicate key 'title' (first defined on line 1)");
	ck_assert_toml_error("[server]\nport = 8080\n\n[server]\nbind = 1\n",
	    "site.toml:4:1: table [server] is defined twice (first defined on "
	    "line 1)");
	ck_assert_toml_error("a = 1\ns = \"tab\\qbed\"\n",
	    "site.toml:2:9: invalid escape '\\q' in a string");
	ck_assert_toml_error("s = \"\\u12\"\n",
	    "site.toml:1:6: invalid escape '\\u12' in a string: \\u takes 4 "
	    "hex digits");
	ck_assert_toml_error("n = 9223372036854775808\n",
	    "site.toml:1:5: integer is too large for 64 bits");
	ck_assert_toml_error("n = 0x8000000000000000\n",
	    "site.toml:1:5: integer is too large for 64 bits");
	ck_assert_toml_error("n = 012\n",
	    "site.toml:1:5: leading zeros are not allowed in '012'");
	ck_assert_toml_error("n = 1__000\n",
	    "site.toml:1:5: an underscore must be between two digits in "
	    "'1__000'");
	ck_assert_toml_error("d = 2023-02-29\n",
	    "site.toml:1:5: invalid date '2023-02-29': that month has no such "
	    "day");
	ck_assert_toml_error("a = [1, 2\nb = 3\n",
	    "site.toml:2:1: expected ',' or ']' after a value in the array, "
	    "found 'b'");
	ck_assert_toml_error("a = {x = 1,\ny = 2}\n",
	    "site.toml:1:12: an inline table must fit on one line");
	ck_assert_toml_error("a = 1 b = 2\n",
	    "site.toml:1:7: expected a new line after the value, found 'b'");
}
END_TEST

START_TEST(encoding_errors_name_their_line)
{
	static const char bad_comment[] = "a = 1\n# caf\xe9\n";
	static const char bad_string[] = "a = 1\nb = 2\nc = \"x\xc3\"\n";
	static const char bare_cr[] = "a = 1\rb = 2\n";
	static const char nul[] = "a = 1\n\0 = 2\n";
	char *got;

	got = error_of(bad_comment, sizeof(bad_comment) - 1, "site.toml", 1);
	ck_assert_str_eq(got, "site.toml:2:6: invalid UTF-8");
	free(got);
	got = error_of(bad_string, sizeof(bad_string) - 1, "site.toml", 1);
	ck_assert_str_eq(got, "site.toml:3:7: invalid UTF-8");
	free(got);
	got = error_of(bare_cr, sizeof(bare_cr) - 1, "site.toml", 1);
	ck_assert_str_eq(got, "site.toml:1:6: a bare carriage return is not "
	    "allowed; use \\n or \\r\\n");
	free(got);
	got = error_of(nul, sizeof(nul) - 1, "site.toml", 1);
	ck_assert_str_eq(got, "site.toml:2:1: expected a key, found control "
	    "character U+0000");
	free(got);
	ck_assert_toml_error("a = \"x\ty\x01\"\n",
	    "site.toml:1:9: control character U+0001 must be escaped in a "
	    "string, as \\u0001");
	ck_assert_toml_error("# a comment \x7f\n",
	    "site.toml:1:13: control character U+007F is not allowed in a "
	    "comment");
}
END_TEST

START_TEST(redefinitions_are_refused)
{
	ck_assert_toml_error("[fruit]\napple.color = \"red\"\n[fruit.apple]\n",
	    "site.toml:3:1: table [fruit.apple] is already defined by dotted "
	    "keys on line 2");
	ck_assert_toml_error("a = {x = 1}\n[a]\n",
	    "site.toml:2:1: table [a] is already defined as an inline table on "
	    "line 1");
	ck_assert_toml_error("a = {x = 1}\na.y = 2\n",
	    "site.toml:2:1: the inline table 'a' (line 1) cannot be extended");
	ck_assert_toml_error("[a.b.c]\nz = 1\n[a]\nb.c.t = 2\n",
	    "site.toml:4:3: cannot add to the table 'b.c' with dotted keys "
	    "here: it was defined on line 1");
	ck_assert_toml_error("a = [1]\n[[a]]\n",
	    "site.toml:2:1: 'a' is an array written as a value (line 1); [[a]] "
	    "can only extend an array of tables");
	ck_assert_toml_error("[[a]]\n[a]\n",
	    "site.toml:2:1: 'a' is already an array of tables (line 1); write "
	    "[[a]] to add an element");
	ck_assert_toml_error("a = 1\n[a.b]\n",
	    "site.toml:2:2: cannot use 'a' as a table: it is an integer (line "
	    "1)");
	ck_assert_toml_error("[a]\nb = 1\n[a]\n",
	    "site.toml:3:1: table [a] is defined twice (first defined on line "
	    "1)");
}
END_TEST

START_TEST(only_the_first_error_is_reported)
{
	const char *text = "a = \"x\nb = 0x\nc = 1 2\n";
	char *got = error_of(text, strlen(text), "site.toml", 1);

	ck_assert_str_eq(got, "site.toml:1:5: string is not closed");
	free(got);
}
END_TEST

START_TEST(front_matter_reports_lines_of_the_file)
{
	/* The text of a .md file's front matter, which starts on its line 2. */
	const char *front = "title = \"Apologize\"\nweight 3\n";
	struct captured c = { 0, BUF_INIT };
	struct toml_value *root;
	char *got;

	got = error_of(front, strlen(front), "content/steps/apologize.md", 2);
	ck_assert_str_eq(got, "content/steps/apologize.md:3:8: expected '=' "
	    "after the key 'weight', found '3'");
	free(got);
	front = "title = \"Apologize\"\n\n  weight = 3\n";
	root = parse_capture(front, strlen(front), "content/steps/apologize.md",
	    2, &c);
	ck_assert_ptr_nonnull(root);
	ck_assert_int_eq(toml_line(toml_get(root, "title")), 2);
	ck_assert_int_eq(toml_col(toml_get(root, "title")), 9);
	ck_assert_int_eq(toml_line(toml_get(root, "weight")), 4);
	ck_assert_int_eq(toml_col(toml_get(root, "weight")), 12);
	toml_free(root);
	buf_free(&c.first);
}
END_TEST

START_TEST(values_remember_where_they_are)
{
	struct toml_value *root = parse_ok(
	    "a = 1\n"
	    "[server]\n"
	    "  port =   8080\n"
	    "  list = [\n"
	    "    \"x\",\n"
	    "  ]\n");
	const struct toml_value *server = toml_get(root, "server");
	const struct toml_value *list = toml_get(server, "list");

	ck_assert_int_eq(toml_line(server), 2);
	ck_assert_int_eq(toml_col(server), 1);
	ck_assert_int_eq(toml_line(toml_get(server, "port")), 3);
	ck_assert_int_eq(toml_col(toml_get(server, "port")), 12);
	ck_assert_int_eq(toml_line(list), 4);
	ck_assert_int_eq(toml_col(list), 10);
	ck_assert_int_eq(toml_line(toml_array_at(list, 0)), 5);
	ck_assert_int_eq(toml_col(toml_array_at(list, 0)), 5);
	ck_assert_int_eq(toml_line(NULL), 0);
	toml_free(root);
}
END_TEST

START_TEST(keys_keep_their_order)
{
	static const char *const order[] = { "zeta", "alpha", "b", "mid", "x" };
	struct toml_value *root = parse_ok(
	    "zeta = 1\n"
	    "alpha = 2\n"
	    "b.c = 3\n"
	    "mid = { z = 1, a = 2 }\n"
	    "[x.y]\n"
	    "[b.d]\n");
	const struct toml_value *mid = toml_get(root, "mid");
	size_t i;

	ck_assert_uint_eq(toml_table_size(root), 5);
	for (i = 0; i < 5; i++)
		ck_assert_str_eq(toml_table_key(root, i), order[i]);
	ck_assert_str_eq(toml_table_key(mid, 0), "z");
	ck_assert_str_eq(toml_table_key(mid, 1), "a");
	ck_assert_str_eq(toml_table_key(toml_get(root, "b"), 1), "d");
	toml_free(root);
}
END_TEST

START_TEST(get_walks_nested_tables)
{
	struct toml_value *root = parse_ok(
	    "[server]\n"
	    "port = 8080\n"
	    "[server.tls]\n"
	    "cert = 'site.pem'\n"
	    "[[menu]]\n"
	    "name = \"Home\"\n"
	    "[[menu]]\n"
	    "name = \"Steps\"\n"
	    "[menu.sub]\n"
	    "x = true\n");
	const struct toml_value *server = toml_get(root, "server"), *menu;
	size_t len;

	ck_assert_int_eq(toml_type(server), TOML_TABLE);
	ck_assert_int_eq(toml_integer(toml_get(server, "port")), 8080);
	ck_assert_str_eq(toml_string(toml_get(toml_get(server, "tls"), "cert"),
	    &len), "site.pem");
	ck_assert_uint_eq(len, 8);
	ck_assert_ptr_null(toml_get(server, "missing"));
	ck_assert_ptr_null(toml_get(toml_get(server, "port"), "x"));
	ck_assert_ptr_null(toml_get(NULL, "x"));
	menu = toml_get(root, "menu");
	ck_assert_int_eq(toml_type(menu), TOML_ARRAY);
	ck_assert_uint_eq(toml_array_size(menu), 2);
	ck_assert_str_eq(toml_string(toml_get(toml_array_at(menu, 1), "name"),
	    NULL), "Steps");
	ck_assert(toml_bool(toml_get(toml_get(toml_array_at(menu, 1), "sub"),
	    "x")));
	ck_assert_uint_eq(toml_table_size(toml_array_at(menu, 0)), 1);
	toml_free(root);
}
END_TEST

START_TEST(datetime_parts)
{
	struct toml_value *root = parse_ok(
	    "odt = 1979-05-27T07:32:00.999+05:30\n"
	    "utc = 1979-05-27 07:32:00z\n"
	    "ldt = 1979-05-27t00:32:00.123456789123\n"
	    "ld = 2024-02-29\n"
	    "lt = 07:32:01.50\n"
	    "neg = 1979-05-27T07:32:00-08:00\n");
	const struct toml_datetime *dt;

	ck_assert_int_eq(toml_type(toml_get(root, "odt")), TOML_DATETIME);
	dt = toml_datetime(toml_get(root, "odt"));
	ck_assert_int_eq(dt->year, 1979);
	ck_assert_int_eq(dt->month, 5);
	ck_assert_int_eq(dt->day, 27);
	ck_assert_int_eq(dt->hour, 7);
	ck_assert_int_eq(dt->minute, 32);
	ck_assert_int_eq(dt->second, 0);
	ck_assert_int_eq(dt->nanosecond, 999000000);
	ck_assert_int_eq(dt->frac_digits, 3);
	ck_assert_int_eq(dt->offset_minutes, 330);
	ck_assert(!dt->offset_z);
	dt = toml_datetime(toml_get(root, "utc"));
	ck_assert(dt->offset_z);
	ck_assert_int_eq(dt->offset_minutes, 0);
	ck_assert_int_eq(dt->frac_digits, 0);
	ck_assert_int_eq(toml_type(toml_get(root, "ldt")), TOML_DATETIME_LOCAL);
	dt = toml_datetime(toml_get(root, "ldt"));
	ck_assert_int_eq(dt->nanosecond, 123456789);  /* capped at ns */
	ck_assert_int_eq(dt->frac_digits, 9);
	ck_assert_int_eq(toml_type(toml_get(root, "ld")), TOML_DATE_LOCAL);
	dt = toml_datetime(toml_get(root, "ld"));
	ck_assert_int_eq(dt->day, 29);
	ck_assert_int_eq(dt->hour, 0);
	ck_assert_int_eq(toml_type(toml_get(root, "lt")), TOML_TIME_LOCAL);
	dt = toml_datetime(toml_get(root, "lt"));
	ck_assert_int_eq(dt->year, 0);
	ck_assert_int_eq(dt->second, 1);
	ck_assert_int_eq(dt->nanosecond, 500000000);
	ck_assert_int_eq(dt->frac_digits, 2);
	ck_assert_int_eq(toml_datetime(toml_get(root, "neg"))->offset_minutes,
	    -480);
	toml_free(root);
}
END_TEST

/* TOML's "\u0000" is kept by toml_parse_with_nul (mend debug toml). */
START_TEST(strings_in_all_four_forms)
{
	struct toml_value *root;
	const struct toml_value *v;
	const char *s;
	size_t len;

	parse_with_nul = true;
	root = parse_ok(
	    "nul = \"a\\u0000b\"\n"
	    "esc = \"\\b\\t\\n\\f\\r\\\"\\\\\\u00e9\\U0001F49C\"\n"
	    "lit = 'C:\\Users\\x'\n"
	    "ml = \"\"\"\n"
	    "one \\\n"
	    "     two\r\n"
	    "three\"\"\"\"\"\n"
	    "mll = '''\n"
	    "raw \\n ''still'''''\n"
	    "\"\\u0000\" = \"key with NUL\"\n");
	parse_with_nul = false;
	v = toml_get(root, "nul");
	s = toml_string(v, &len);
	ck_assert_uint_eq(len, 3);
	ck_assert(memcmp(s, "a\0b", 4) == 0);
	s = toml_string(toml_get(root, "esc"), &len);
	ck_assert_uint_eq(len, 13);
	ck_assert(memcmp(s, "\b\t\n\f\r\"\\\xc3\xa9\xf0\x9f\x92\x9c", 13) == 0);
	ck_assert_str_eq(toml_string(toml_get(root, "lit"), NULL),
	    "C:\\Users\\x");
	ck_assert_str_eq(toml_string(toml_get(root, "ml"), NULL),
	    "one two\nthree\"\"");
	ck_assert_str_eq(toml_string(toml_get(root, "mll"), NULL),
	    "raw \\n ''still''");
	s = toml_table_keyn(root, 5, &len);
	ck_assert_uint_eq(len, 1);
	ck_assert_int_eq(s[0], '\0');
	ck_assert_str_eq(toml_string(toml_table_value(root, 5), NULL),
	    "key with NUL");
	toml_free(root);
}
END_TEST

/* mend's own reading refuses "\u0000" (in any string form that has
   escapes, and in a quoted key) at the escape: a NUL would cut its C
   string short. */
START_TEST(nul_refused_where_mend_reads)
{
	ck_assert_toml_error("title = \"Apolo\\u0000gies\"\n",
	    "site.toml:1:15: a NUL character ('\\u0000') cannot be used in a "
	    "string or a key");
	ck_assert_toml_error("x = 1\ntitle = \"\"\"\nab\\U00000000\"\"\"\n",
	    "site.toml:3:3: a NUL character ('\\U00000000') cannot be used in a "
	    "string or a key");
	ck_assert_toml_error("\"a\\u0000b\" = 1\n",
	    "site.toml:1:3: a NUL character ('\\u0000') cannot be used in a "
	    "string or a key");
	/* Other escapes, and a literal "\u0000" (no escapes there), stay. */
	toml_free(parse_ok("a = \"\\u0001\"\nb = '\\u0000'\n"));
}
END_TEST

START_TEST(numbers_big_small_and_special)
{
	struct toml_value *root = parse_ok(
	    "max = 9_223_372_036_854_775_807\n"
	    "min = -9223372036854775808\n"
	    "hex = 0x7FFF_FFFF_FFFF_FFFF\n"
	    "oct = 0o755\n"
	    "bin = 0b1010\n"
	    "plus = +17\n"
	    "negzero = -0.0\n"
	    "nan = -nan\n"
	    "ninf = -inf\n"
	    "exp = 6.626e-34\n"
	    "under = 224_617.445_991\n");

	ck_assert(toml_integer(toml_get(root, "max")) == INT64_MAX);
	ck_assert(toml_integer(toml_get(root, "min")) == INT64_MIN);
	ck_assert(toml_integer(toml_get(root, "hex")) == INT64_MAX);
	ck_assert_int_eq(toml_integer(toml_get(root, "oct")), 493);
	ck_assert_int_eq(toml_integer(toml_get(root, "bin")), 10);
	ck_assert_int_eq(toml_integer(toml_get(root, "plus")), 17);
	ck_assert_int_eq(toml_type(toml_get(root, "negzero")), TOML_FLOAT);
	ck_assert(toml_float(toml_get(root, "negzero")) == 0.0);
	ck_assert(signbit(toml_float(toml_get(root, "negzero"))));
	ck_assert(isnan(toml_float(toml_get(root, "nan"))));
	ck_assert(isinf(toml_float(toml_get(root, "ninf"))));
	ck_assert(toml_float(toml_get(root, "ninf")) < 0);
	ck_assert(toml_float(toml_get(root, "exp")) == 6.626e-34);
	ck_assert(toml_float(toml_get(root, "under")) == 224617.445991);
	toml_free(root);
}
END_TEST

START_TEST(bom_crlf_and_type_names)
{
	struct toml_value *root = parse_ok(
	    "\xef\xbb\xbf# with a byte order mark\r\n"
	    "a = true\r\n"
	    "[t]\r\n");

	ck_assert(toml_bool(toml_get(root, "a")));
	ck_assert_int_eq(toml_line(toml_get(root, "a")), 2);
	ck_assert_int_eq(toml_line(toml_get(root, "t")), 3);
	ck_assert_str_eq(toml_type_name(TOML_TABLE), "table");
	ck_assert_str_eq(toml_type_name(TOML_BOOL), "boolean");
	ck_assert_str_eq(toml_type_name(TOML_DATETIME), "date-time");
	ck_assert_str_eq(toml_type_name(TOML_DATE_LOCAL), "local date");
	toml_free(root);
	root = parse_ok("");
	ck_assert_uint_eq(toml_table_size(root), 0);
	toml_free(root);
}
END_TEST

START_TEST(ten_thousand_keys)
{
	struct buf text = BUF_INIT, key = BUF_INIT;
	struct toml_value *root;
	const struct toml_value *t;
	int i;

	for (i = 0; i < 10000; i++)
		buf_printf(&text, "key%d = %d\n", i, i);
	for (i = 0; i < 10000; i++)
		buf_printf(&text, "[t%d]\nx.y = %d\n", i, i);
	root = parse_ok(buf_str(&text));
	ck_assert_uint_eq(toml_table_size(root), 20000);
	for (i = 0; i < 10000; i++) {
		buf_reset(&key);
		buf_printf(&key, "key%d", i);
		ck_assert_str_eq(toml_table_key(root, (size_t)i),
		    buf_str(&key));
		t = toml_get(root, buf_str(&key));
		ck_assert_int_eq(toml_integer(t), i);
		buf_reset(&key);
		buf_printf(&key, "t%d", i);
		t = toml_get(toml_get(toml_get(root, buf_str(&key)), "x"), "y");
		ck_assert_int_eq(toml_integer(t), i);
	}
	toml_free(root);
	buf_reset(&text);
	buf_puts(&text, "dup = 1\n");
	for (i = 0; i < 10000; i++)
		buf_printf(&text, "k%d = 1\n", i);
	buf_puts(&text, "dup = 2\n");
	{
		char *got = error_of(buf_str(&text), text.len, "site.toml", 1);

		ck_assert_str_eq(got, "site.toml:10002:1: duplicate key 'dup' "
		    "(first defined on line 1)");
		free(got);
	}
	buf_free(&text);
	buf_free(&key);
}
END_TEST

START_TEST(deep_nesting_is_bounded)
{
	struct buf text = BUF_INIT;
	char *got;
	int i;

	buf_puts(&text, "a = ");
	for (i = 0; i < 300; i++)
		buf_putc(&text, '[');
	got = error_of(buf_str(&text), text.len, "site.toml", 1);
	ck_assert_str_eq(got, "site.toml:1:261: tables and arrays are nested "
	    "too deeply (more than 256 levels)");
	free(got);
	buf_free(&text);
}
END_TEST

static Suite *
toml_suite(void)
{
	Suite *s = suite_create("toml");
	TCase *api = tcase_create("api");
	TCase *valid = tcase_create("toml-test valid");
	TCase *invalid = tcase_create("toml-test invalid");

	tcase_add_test(api, common_mistakes_point_at_the_line);
	tcase_add_test(api, encoding_errors_name_their_line);
	tcase_add_test(api, redefinitions_are_refused);
	tcase_add_test(api, only_the_first_error_is_reported);
	tcase_add_test(api, front_matter_reports_lines_of_the_file);
	tcase_add_test(api, values_remember_where_they_are);
	tcase_add_test(api, keys_keep_their_order);
	tcase_add_test(api, get_walks_nested_tables);
	tcase_add_test(api, datetime_parts);
	tcase_add_test(api, strings_in_all_four_forms);
	tcase_add_test(api, nul_refused_where_mend_reads);
	tcase_add_test(api, numbers_big_small_and_special);
	tcase_add_test(api, bom_crlf_and_type_names);
	tcase_add_test(api, ten_thousand_keys);
	tcase_add_test(api, deep_nesting_is_bounded);
	tcase_add_test(api, toml_test_list_is_there);
	tcase_set_timeout(api, 60);
	suite_add_tcase(s, api);
	tcase_add_loop_test(valid, toml_test_valid, 0, (int)nvalid);
	tcase_set_timeout(valid, 60);
	suite_add_tcase(s, valid);
	tcase_add_loop_test(invalid, toml_test_invalid, 0, (int)ninvalid);
	tcase_set_timeout(invalid, 60);
	suite_add_tcase(s, invalid);
	return s;
}

/* Print the conformance counts: one line, for the log and the report. */
static void
print_counts(SRunner *sr)
{
	TestResult **results = srunner_results(sr);
	int i, n = srunner_ntests_run(sr), valid = 0, invalid = 0, failed = 0;

	for (i = 0; i < n; i++) {
		const char *tcase = tr_tcname(results[i]);

		if (strncmp(tcase, "toml-test", 9) != 0)
			continue;
		if (tr_rtype(results[i]) != CK_PASS)
			failed++;
		else if (strcmp(tcase, "toml-test valid") == 0)
			valid++;
		else
			invalid++;
	}
	free(results);
	printf("toml-test 1.0.0: %d valid decoded, %d invalid rejected, "
	    "%d failed\n", valid, invalid, failed);
}

int
main(void)
{
	int failed;

	cases_load();
	failed = harness_run(toml_suite(), print_counts);
	cases_free();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
