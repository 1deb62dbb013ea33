/*
 * The feedback matcher against its specification: every case of
 * tests/feedback-cases.json (the vectors the browser's matcher runs too)
 * gives exactly its items, and the rule checks the exercise loader relies
 * on accept and refuse what feedback.h says, with the reasons an author
 * reads.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistring/version.h>

#include "lib/buf.h"
#include "lib/util.h"
#include "exercise/feedback.h"
#include "harness.h"

/* Every code point's class and normal form, which the browser reads too. */
#define UNICODE_TABLE "tests/feedback-unicode.txt"

static json_t *cases;  /* the "cases" array of tests/feedback-cases.json */

static void
load_cases(void)
{
	char path[4096];
	json_error_t err;
	json_t *doc;

	snprintf(
	    path, sizeof(path), "%s/tests/feedback-cases.json", harness_root());
	if ((doc = json_load_file(path, 0, &err)) == NULL) {
		fprintf(stderr, "check_feedback: %s:%d: %s\n", path, err.line,
		    err.text);
		exit(EXIT_FAILURE);
	}
	cases = json_incref(json_object_get(doc, "cases"));
	json_decref(doc);
	if (json_array_size(cases) == 0) {
		fprintf(stderr, "check_feedback: no cases in %s\n", path);
		exit(EXIT_FAILURE);
	}
}

START_TEST(case_gives_its_items)
{
	const json_t *c = json_array_get(cases, (size_t)_i);
	const char *name = json_string_value(json_object_get(c, "name"));
	const json_t *rules = json_object_get(c, "rules");
	const json_t *answer = json_object_get(c, "answer");
	const json_t *expect = json_object_get(c, "expect");
	const json_t *shown;
	struct buf why = BUF_INIT;
	char *want, *got;
	json_t *items;
	size_t i;

	ck_assert_msg(name && json_is_array(rules) && json_is_string(answer) &&
	    json_is_array(expect), "case %d is malformed", _i);
	for (i = 0; i < json_array_size(rules);
	     i++) /* the vectors are valid rules */
		ck_assert_msg(
		    feedback_rule_check(json_array_get(rules, i), &why) == 0,
		    "%s: rule %zu: %s", name, i + 1, buf_str(&why));
	items = feedback_evaluate(rules, json_string_value(answer),
	    json_string_length(answer));
	want = json_dumps(expect, JSON_COMPACT | JSON_PRESERVE_ORDER);
	got = json_dumps(items, JSON_COMPACT | JSON_PRESERVE_ORDER);
	ck_assert_msg(json_equal(items, expect), "%s\n  answer:   %s\n"
	    "  expected: %s\n  got:      %s", name, json_string_value(answer),
	    want, got);
	ck_assert(feedback_items_ok(items) == feedback_items_ok(expect));
	if ((shown = json_object_get(c, "shown")) != NULL) {
		json_t *presented = feedback_presented(items);

		free(want);
		free(got);
		want = json_dumps(shown, JSON_COMPACT | JSON_PRESERVE_ORDER);
		got = json_dumps(presented, JSON_COMPACT | JSON_PRESERVE_ORDER);
		ck_assert_msg(json_equal(presented, shown), "%s: shown\n"
		    "  expected: %s\n  got:      %s", name, want, got);
		json_decref(presented);
	}
	free(want);
	free(got);
	json_decref(items);
	buf_free(&why);
}
END_TEST

/* The reason feedback_rule_check gives for the rule in JSON text. */
static char *
rule_problem(const char *text)
{
	struct buf why = BUF_INIT;
	json_t *rule = json_loads(text, 0, NULL);

	ck_assert_msg(rule != NULL, "bad JSON in the test: %s", text);
	if (feedback_rule_check(rule, &why) == 0)
		buf_puts(&why, "ok");
	json_decref(rule);
	return buf_detach(&why);
}

static void
assert_problem(const char *rule, const char *expected)
{
	char *got = rule_problem(rule);

	ck_assert_msg(strcmp(got, expected) == 0, "rule %s\n  expected: %s\n"
	    "  got:      %s", rule, expected, got);
	free(got);
}

START_TEST(rules_are_checked_strictly)
{
	assert_problem(
	    "{\"type\":\"flag\",\"id\":\"but\",\"phrases\":[\"but\"],"
	    "\"message\":\"m\"}",
	    "ok");
	assert_problem(
	    "{\"type\":\"notice\",\"id\":\"own\",\"phrases\":[\"I did\"],"
	    "\"hint\":\"h\",\"$line\":4}",
	    "ok");
	assert_problem("{\"type\":\"length\",\"id\":\"length\",\"min\":2,"
	    "\"too_short\":\"s\"}", "ok");
	assert_problem("[1]",
	    "a rule must be a table: flag { ... }, notice { ... }, "
	    "concern { ... } or length { ... }");
	assert_problem("{\"id\":\"x\"}",
	    "a rule needs a type: write flag { ... }, "
	    "notice { ... } or length { ... }");
	assert_problem("{\"type\":\"warn\"}",
	    "unknown rule type 'warn': use notice, "
	    "flag, concern or length");
	assert_problem("{\"type\":\"flag\",\"id\":\"b\",\"phrases\":[\"b\"],"
	               "\"message\":\"m\",\"hint\":\"h\"}",
	    "a flag rule has no key 'hint'");
	assert_problem(
	    "{\"type\":\"flag\",\"id\":\"No Caps\",\"phrases\":[\"b\"],"
	    "\"message\":\"m\"}",
	    "a rule needs an id: lower-case letters and digits, with single "
	    "'-' between them (id = \"but\")");
	assert_problem("{\"type\":\"flag\",\"id\":\"b\",\"phrases\":[],"
	    "\"message\":\"m\"}", "'phrases' needs at least one phrase");
	assert_problem("{\"type\":\"flag\",\"id\":\"b\",\"phrases\":\"but\","
	               "\"message\":\"m\"}",
	    "'phrases' must be a list of phrases: phrases = "
	    "{ \"...\", \"...\" }");
	assert_problem(
	    "{\"type\":\"flag\",\"id\":\"b\",\"phrases\":[\"ok\", 3],"
	    "\"message\":\"m\"}",
	    "phrases 2 is not text");
	assert_problem(
	    "{\"type\":\"flag\",\"id\":\"b\",\"phrases\":[\"sorry *\"],"
	    "\"message\":\"m\"}",
	    "phrases 1 ('sorry *'): '*' may only end a word, right after "
	    "it (\"overreact*\", \"check* your phone*\")");
	assert_problem("{\"type\":\"flag\",\"id\":\"b\",\"phrases\":[\"a*b\"],"
	               "\"message\":\"m\"}",
	    "phrases 1 ('a*b'): '*' may only end a word, right after "
	    "it (\"overreact*\", \"check* your phone*\")");
	assert_problem("{\"type\":\"flag\",\"id\":\"b\",\"phrases\":[\"  \"],"
	               "\"message\":\"m\"}",
	    "phrases 1 ('  '): a phrase needs at least one "
	    "word or sign");
	assert_problem("{\"type\":\"flag\",\"id\":\"b\",\"phrases\":[\"b\"],"
	               "\"except\":[\"x**\"],\"message\":\"m\"}",
	    "except 1 ('x**'): '*' may only end a word, right after "
	    "it (\"overreact*\", \"check* your phone*\")");
	assert_problem("{\"type\":\"concern\",\"id\":\"hit\",\"phrases\":"
	    "[\"hit* ... you\"],\"message\":\"m\"}", "ok");
	assert_problem("{\"type\":\"concern\",\"id\":\"hit\",\"phrases\":"
	    "[\"hit\"],\"hint\":\"h\",\"message\":\"m\"}",
	    "a concern rule has no key 'hint'");
	assert_problem("{\"type\":\"concern\",\"id\":\"hit\",\"phrases\":"
	    "[\"hit\"]}", "'message' is missing");
	assert_problem("{\"type\":\"flag\",\"id\":\"b\",\"phrases\":"
	    "[\"... you\"],\"message\":\"m\"}",
	    "phrases 1 ('... you'): a gap ('...') may not begin or end a "
	    "phrase");
	assert_problem("{\"type\":\"flag\",\"id\":\"b\",\"phrases\":"
	    "[\"need \u2026\"],\"message\":\"m\"}",
	    "phrases 1 ('need \u2026'): a gap ('...') may not begin or end a "
	    "phrase");
	assert_problem("{\"type\":\"flag\",\"id\":\"b\",\"phrases\":"
	    "[\"need ... ... you\"],\"message\":\"m\"}",
	    "phrases 1 ('need ... ... you'): two gaps ('... ...') may not "
	    "follow each other");
	assert_problem("{\"type\":\"flag\",\"id\":\"b\",\"phrases\":[\"b\"]}",
	    "'message' is missing");
	assert_problem("{\"type\":\"flag\",\"id\":\"b\",\"phrases\":[\"b\"],"
	    "\"message\":\"\"}", "'message' must be a non-empty text");
	assert_problem("{\"type\":\"notice\",\"id\":\"b\",\"phrases\":[\"b\"]}",
	    "a notice rule needs a praise text, a hint, or both");
	assert_problem("{\"type\":\"length\",\"id\":\"length\"}",
	    "a length rule "
	    "needs min, max or both (in words)");
	assert_problem("{\"type\":\"length\",\"id\":\"length\",\"min\":0,"
	               "\"too_short\":\"s\"}",
	    "min must be a whole number of words from 1");
	assert_problem("{\"type\":\"length\",\"id\":\"length\",\"max\":2.5,"
	               "\"too_long\":\"l\"}",
	    "max must be a whole number of words from 1");
	assert_problem(
	    "{\"type\":\"length\",\"id\":\"length\",\"min\":9,\"max\":3,"
	    "\"too_short\":\"s\",\"too_long\":\"l\"}",
	    "min is larger than max");
	assert_problem("{\"type\":\"length\",\"id\":\"length\",\"min\":3}",
	    "'too_short' is missing");
	assert_problem("{\"type\":\"length\",\"id\":\"length\",\"max\":3,"
	               "\"too_long\":\"l\",\"too_short\":\"s\"}",
	    "too_short is given without min");
}
END_TEST

static size_t
word_count(const char *text)
{
	return feedback_word_count(text, strlen(text));
}

/* The normal form of text (NORMALISATION) is want. */
static void
assert_normal(const char *text, const char *want)
{
	char *got = feedback_normal_form(text, strlen(text));

	ck_assert_msg(strcmp(got, want) == 0, "normal form of %s\n"
	    "  expected: %s\n  got:      %s", text, want, got);
	free(got);
}

START_TEST(phrases_and_words)
{
	ck_assert_ptr_null(feedback_phrase_problem("sorry if"));
	ck_assert_ptr_null(feedback_phrase_problem("overreact*"));
	ck_assert_ptr_null(feedback_phrase_problem("?"));
	ck_assert_ptr_nonnull(feedback_phrase_problem("*"));
	ck_assert_ptr_nonnull(feedback_phrase_problem(""));
	ck_assert_ptr_nonnull(feedback_phrase_problem("over*react"));
	ck_assert_ptr_null(feedback_phrase_problem("check* your phone*"));
	ck_assert_ptr_null(feedback_phrase_problem("need ... passwords"));
	ck_assert_ptr_null(feedback_phrase_problem("sorry..."));
	ck_assert_ptr_null(feedback_phrase_problem("wait ...?"));
	ck_assert_ptr_nonnull(feedback_phrase_problem("..."));
	ck_assert_ptr_nonnull(feedback_phrase_problem("a ... ... b"));
	ck_assert_ptr_null(feedback_phrase_problem("check*|see your|ur"));
	ck_assert_ptr_null(feedback_phrase_problem("a | b"));
	ck_assert_ptr_nonnull(feedback_phrase_problem("check*s|see"));
	ck_assert_uint_eq(feedback_word_count("", 0), 0);
	ck_assert_uint_eq(feedback_word_count("I’m sorry — really.", 22), 3);
	ck_assert_uint_eq(feedback_word_count("self-care, don't", 16), 3);
	/* Every script: words by Unicode's classes; a character of a script
	 * written without spaces is a word of its own. */
	ck_assert_uint_eq(word_count("मुझे माफ़ कीजिए।"), 3);
	ck_assert_uint_eq(word_count("أَنَا آسِفٌ، حقًا"), 3);
	ck_assert_uint_eq(word_count("对不起，你好"), 5);
	ck_assert_uint_eq(word_count("コーヒーを飲む"), 7);
	/* ฉั (with its vowel sign), น, ข, อ, โ, ท, ษ */
	ck_assert_uint_eq(word_count("ฉันขอโทษ"), 7);
	ck_assert_uint_eq(word_count("我的iPhone坏了"), 5);
	/* A phrase of nothing but ignored marks has no word. */
	ck_assert_str_eq(feedback_phrase_problem("\u0640\u064E \u05B8"),
	    "a phrase needs at least one word or sign");
	assert_normal("Cafe\u0301 \u00C9T\u00C9", "caf\u00e9 \u00e9t\u00e9");
	assert_normal("\u1E9E \u03A3\u039F\u03A6\u039F\u03A3 \uFB01",
	    "ss \u03c3\u03bf\u03c6\u03bf\u03c3 fi");
	assert_normal("\u0622\u0633\u0640\u0640\u0650\u0641\u064C",
	    "\u0627\u0633\u0641");
	assert_normal("\u05E1\u05B0\u05BC\uFB2A \u05F3", "\u05E1\u05E9 '");
	assert_normal("\u201Cdon\u2019t\u201D", "\"don't\"");
}
END_TEST

START_TEST(invalid_utf8_answers_are_read_safely)
{
	json_t *rules = json_loads("[{\"type\":\"flag\",\"id\":\"if\","
	    "\"phrases\":[\"sorry if\"],\"message\":\"m\"}]", 0, NULL);
	json_t *items;

	/* A stray byte is a sign of its own (U+FFFD): it separates words. */
	items = feedback_evaluate(rules, "sorry\xff if", 9);
	ck_assert_uint_eq(json_array_size(items), 0);
	json_decref(items);
	items = feedback_evaluate(rules, "sorry if\xc3", 9);
	ck_assert_uint_eq(json_array_size(items), 1);
	json_decref(items);
	json_decref(rules);
}
END_TEST

/*
 * The matcher's reading of every code point, one table: "c FIRST LAST
 * CLASS" for each run of code points of one class (feedback_char_class, or
 * 'u' for a code point this libunistring's Unicode does not assign, or a
 * surrogate: the browser does not compare those), then "n CODE NORMAL" for
 * each assigned code point whose normal form is not itself (NORMAL: the
 * code points, or "-" for none).  The caller frees the string.
 */
static char *
unicode_table(void)
{
	struct buf t = BUF_INIT;
	unsigned long c, first = 0;
	char cls = 0, now, utf8[4], *normal;
	const char *p;
	size_t len, used;

	buf_printf(&t, "# The feedback matcher's reading of every code point "
	    "(feedback.h), made by\n# tests/check_feedback.c with libunistring "
	    "%d.%d; the browser's matcher must\n# read every assigned code "
	    "point alike (tests/browser/matcher.mjs).\n",
	    _libunistring_version >> 16, (_libunistring_version >> 8) & 0xFF);
	for (c = 0; c <= 0x110000; c++) {
		now = c > 0x10FFFF ? 0 :
		    uc_is_general_category(c, UC_CATEGORY_Cn) ||
		    uc_is_general_category(c, UC_CATEGORY_Cs) ? 'u' :
		    feedback_char_class(c);
		if (c > 0 && now != cls)
			buf_printf(&t, "c %04lX %04lX %c\n", first, c - 1, cls);
		if (c == 0 || now != cls)
			first = c;
		cls = now;
	}
	for (c = 1; c <= 0x10FFFF; c++) {  /* U+0000 ends a C string */
		if (uc_is_general_category(c, UC_CATEGORY_Cn) ||
		    uc_is_general_category(c, UC_CATEGORY_Cs))
			continue;
		len = util_utf8_encode(c, utf8);
		normal = feedback_normal_form(utf8, len);
		if (strlen(normal) != len || memcmp(normal, utf8, len) != 0) {
			buf_printf(&t, "n %04lX", c);
			if (*normal == '\0')
				buf_puts(&t, " -");
			for (p = normal; *p != '\0'; p += used)
				buf_printf(&t, " %04lX", (unsigned long)
				    util_utf8_decode((const unsigned char *)p,
				    strlen(p), &used));
			buf_putc(&t, '\n');
		}
		free(normal);
	}
	return buf_detach(&t);
}

/* The line of text where a and b first differ (1-based). */
static size_t
first_difference(const char *a, const char *b)
{
	size_t line = 1;

	for (; *a != '\0' && *a == *b; a++, b++)
		line += *a == '\n';
	return line;
}

START_TEST(every_code_point_reads_as_the_table_says)
{
	char path[4096], *want = NULL, *table = unicode_table();
	size_t len;
	FILE *f;

	snprintf(path, sizeof(path), "%s/" UNICODE_TABLE, harness_root());
	if (getenv("MEND_WRITE_UNICODE_TABLE") != NULL) {
		ck_assert_msg((f = fopen(path, "w")) != NULL, "%s", path);
		fputs(table, f);
		ck_assert(fclose(f) == 0);
	}
	ck_assert_msg(util_read_file(path, &want, &len) == 0, "cannot read %s",
	    path);
	ck_assert_msg(strcmp(table, want) == 0, UNICODE_TABLE ":%zu: the C "
	    "matcher reads this line's code points otherwise (a new "
	    "libunistring? MEND_WRITE_UNICODE_TABLE=1 rewrites the table; then "
	    "run tests/browser/matcher.mjs)", first_difference(table, want));
	free(want);
	free(table);
}
END_TEST

static Suite *
feedback_suite(void)
{
	Suite *s = suite_create("feedback");
	TCase *vectors = tcase_create("feedback-cases.json");
	TCase *checks = tcase_create("rules");
	TCase *unicode = tcase_create(UNICODE_TABLE);

	tcase_add_loop_test(vectors, case_gives_its_items, 0,
	    (int)json_array_size(cases));
	tcase_add_test(checks, rules_are_checked_strictly);
	tcase_add_test(checks, phrases_and_words);
	tcase_add_test(checks, invalid_utf8_answers_are_read_safely);
	suite_add_tcase(s, vectors);
	tcase_add_test(unicode, every_code_point_reads_as_the_table_says);
	tcase_set_timeout(unicode, 300);  /* 1,114,112 code points */
	suite_add_tcase(s, checks);
	suite_add_tcase(s, unicode);
	return s;
}

int
main(void)
{
	int failed;

	harness_root();
	load_cases();
	failed = harness_run(feedback_suite(), NULL);
	json_decref(cases);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
