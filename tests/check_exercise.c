/*
 * Exercises as authors and readers meet them: the two real exercises load
 * and every one of their examples holds; the model's JSON form, as
 * exercise.h documents it; the messages an author reads when a model is
 * wrong; hostile scripts (tests/exercises/hostile/, each naming the
 * diagnostic it must get on its first line) stopped within the time limit
 * with exit status 3 and nothing written; and the `mend exercise` command.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "exercise/exercise.h"
#include "exercise/model.h"
#include "harness.h"
#include "lib/util.h"

#define MAX_HOSTILE 64

static char *hostile[MAX_HOSTILE];  /* names under tests/exercises/hostile */
static int nhostile;

static void
assert_contains(const char *haystack, const char *needle)
{
	ck_assert_msg(haystack != NULL && strstr(haystack, needle) != NULL,
	    "expected to find\n  %s\nin\n%s", needle,
	    haystack ? haystack : "(null)");
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A fresh project folder holding exercises/NAME.lua with text; caller frees. */
static char *
project_with(const char *name, const char *text)
{
	char *dir = harness_tmpdir();
	char rel[256];

	snprintf(rel, sizeof(rel), "exercises/%s.lua", name);
	harness_write(dir, rel, text);
	return dir;
}

/* The names of the entries of dir/rel, sorted, joined by spaces. */
static char *
listing(const char *dir, const char *rel)
{
	char path[4096], *names[64];
	struct buf out = BUF_INIT;
	struct dirent *ent;
	int n = 0, i, j;
	DIR *d;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	if ((d = opendir(path)) == NULL)
		return xstrdup("(none)");
	while ((ent = readdir(d)) != NULL && n < 64)
		if (strcmp(ent->d_name, ".") != 0 &&
		    strcmp(ent->d_name, "..") != 0)
			names[n++] = xstrdup(ent->d_name);
	closedir(d);
	for (i = 1; i < n; i++)  /* a few names: insertion sort */
		for (j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char *t = names[j];

			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	for (i = 0; i < n; i++) {
		buf_printf(&out, "%s%s", i ? " " : "", names[i]);
		free(names[i]);
	}
	return buf_detach(&out);
}

/* ---- the real exercises ---- */

START_TEST(apology_rewrite_loads_and_its_examples_hold)
{
	struct exercise *ex;
	const json_t *model;
	const struct model_target *target;
	size_t i;

	harness_diags_begin();
	ex = exercise_load("apology-rewrite", NULL);
	ck_assert_msg(ex != NULL, "diagnostics:\n%s", harness_diags_seen());
	ck_assert_str_eq(harness_diags_seen(), "");
	model = ex->model->json;
	ck_assert_str_eq(ex->path, "exercises/apology-rewrite.lua");
	ck_assert_str_eq(harness_json_text(model, "audience"), "one");
	ck_assert_uint_eq(json_array_size(harness_json_at(model, "fields")), 4);
	ck_assert_str_eq(harness_json_text(model, "fields.1.type"), "rewrite");
	ck_assert_str_eq(harness_json_text(model, "fields.1.original"),
	    "I’m sorry if you feel hurt.");
	/* the vague apologies shown */
	ck_assert_uint_ge(json_array_size(harness_json_at(model, "fields.0.items")), 5);
	assert_contains(harness_json_text(model, "sources.0.text"),
	    "Lewicki, R. J., Polin, B., & Lount, R. B., Jr. (2016)");
	ck_assert_uint_ge(json_array_size(harness_json_at(model, "facilitator.prompts")), 2);
	ck_assert_ptr_nonnull(target = exercise_target(ex, NULL));
	ck_assert_str_eq(target->name, "rewrite");
	ck_assert_uint_gt(exercise_target(ex, "apology")->nrules, 0);
	ck_assert_uint_ge(json_array_size(harness_json_at(model, "examples")), 12);
	for (i = 0; i < json_array_size(harness_json_at(model, "examples")); i++) {
		struct buf expected = BUF_INIT, got = BUF_INIT;

		ck_assert_msg(exercise_example_holds(ex, i, &expected, &got),
		    "example %zu: expected %s, got %s", i + 1,
		    buf_str(&expected), buf_str(&got));
		buf_free(&expected);
		buf_free(&got);
	}
	ck_assert_uint_eq(exercise_report_examples(ex), 0);
	exercise_free(ex);
	free(harness_diags_end());
}
END_TEST

/* Good and poor examples, and examples of every kind of item. */
START_TEST(apology_examples_are_good_and_poor)
{
	static const char *const names[] = { "praise", "flag", "missing",
		"length" };
	struct exercise *ex = exercise_load("apology-rewrite", NULL);
	const json_t *examples = harness_json_at(ex->model->json, "examples");
	size_t i, j, k, good = 0, kinds[4] = { 0, 0, 0, 0 };

	for (i = 0; i < json_array_size(examples); i++) {
		const json_t *expect;
		bool ok = true;

		expect = harness_json_at(json_array_get(examples, i), "expect");
		for (j = 0; j < json_array_size(expect); j++) {
			const char *kind;

			kind = harness_json_text(json_array_get(expect, j), "kind");

			for (k = 0; k < 4; k++)
				kinds[k] += strcmp(kind, names[k]) == 0;
			ok = ok && strcmp(kind, "praise") == 0;
		}
		good += ok;
	}
	ck_assert_uint_ge(good, 3);
	ck_assert_uint_ge(json_array_size(examples) - good, 6);
	for (k = 0; k < 4; k++)
		ck_assert_msg(kinds[k] > 0, "no example gets %s", names[k]);
	exercise_free(ex);
}
END_TEST

START_TEST(boundary_worksheet_loads_and_its_examples_hold)
{
	static const char *const areas[] = { "Communication",
		"Privacy and phones", "Time together and apart",
		"Friends and family", "Money", "Intimacy",
		"Repair after conflict" };
	struct exercise *ex;
	const json_t *model;
	const struct model_target *target;
	struct buf names = BUF_INIT;
	char path[64];
	size_t i;

	harness_diags_begin();
	ex = exercise_load("boundary-worksheet", NULL);
	ck_assert_msg(ex != NULL, "diagnostics:\n%s", harness_diags_seen());
	ck_assert_str_eq(harness_diags_seen(), "");
	model = ex->model->json;
	ck_assert_str_eq(harness_json_text(model, "audience"), "both");
	ck_assert_str_eq(harness_json_text(model, "fields.0.type"), "table");
	ck_assert_uint_eq(json_array_size(harness_json_at(model, "fields.0.columns")), 4);
	ck_assert_str_eq(harness_json_text(model, "fields.0.columns.0.label"),
	    "What I need");
	ck_assert_str_eq(harness_json_text(model, "fields.0.columns.1.label"),
	    "What I can offer");
	ck_assert_str_eq(harness_json_text(model, "fields.0.columns.2.label"),
	    "What we agree");
	ck_assert_str_eq(harness_json_text(model, "fields.0.columns.3.size"), "short");
	for (i = 0; i < 7; i++) {
		snprintf(path, sizeof(path), "fields.0.rows.%zu.label", i);
		ck_assert_str_eq(harness_json_text(model, path), areas[i]);
	}
	ck_assert(json_is_true(harness_json_at(model, "fields.0.rows.7.blank")));
	ck_assert_str_eq(harness_json_text(model, "fields.1.type"), "date");
	ck_assert_ptr_nonnull(target = exercise_target(ex, NULL));
	ck_assert_str_eq(target->name, "areas.need");
	exercise_targets(ex, &names);
	ck_assert_str_eq(buf_str(&names),
	    "areas.need, areas.offer, areas.agree");
	/* a column without rules */
	ck_assert_uint_eq(exercise_target(ex, "areas.initials")->nrules, 0);
	ck_assert_uint_ge(json_array_size(harness_json_at(model, "examples")), 8);
	ck_assert_uint_eq(exercise_report_examples(ex), 0);
	exercise_free(ex);
	buf_free(&names);
	free(harness_diags_end());
}
END_TEST

/* ---- the model's JSON form ---- */

START_TEST(model_json_is_as_documented)
{
	char src[4096], *text, *expected, *dir, *got;
	struct exercise *ex;
	size_t len;

	snprintf(src, sizeof(src), "%s/tests/exercises/model/everything.lua",
	    harness_root());
	ck_assert_int_eq(util_read_file(src, &text, &len), 0);
	snprintf(src, sizeof(src), "%s/tests/exercises/model/everything.json",
	    harness_root());
	ck_assert_int_eq(util_read_file(src, &expected, &len), 0);
	dir = project_with("everything", text);
	ck_assert_int_eq(chdir(dir), 0);
	harness_diags_begin();
	ex = exercise_load("everything", NULL);
	ck_assert_msg(ex != NULL, "diagnostics:\n%s", harness_diags_seen());
	got = json_dumps(ex->model->json, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	ck_assert_ptr_nonnull(got);
	ck_assert_msg(strncmp(got, expected, strlen(got)) == 0 &&
	                  strcmp(expected + strlen(got), "\n") == 0,
	    "the model differs from tests/exercises/model/everything.json:\n%s",
	    got);
	ck_assert_int_eq(ex->model->examples[0].line, 37); /* example { } records
	                                                      its line */
	ck_assert_int_eq(ex->model->examples[1].line, 0); /* a plain table
	                                                     cannot */
	ck_assert_uint_eq(exercise_report_examples(ex), 0);
	free(got);
	exercise_free(ex);
	ck_assert_int_eq(chdir(harness_root()), 0);
	harness_rmtree(dir);
	free(dir);
	free(text);
	free(expected);
	free(harness_diags_end());
}
END_TEST

START_TEST(a_failing_example_is_reported_at_its_line)
{
	char *dir = project_with("wrong",
	    "return exercise {\n"
	    "  title = \"Wrong\",\n"
	    "  fields = { long_text { id = \"a\", label = \"A\", feedback = {\n"
	    "    flag { id = \"if\", phrases = { \"sorry if\" }, message = "
	    "\"No if.\" },\n"
	    "  } } },\n"
	    "  examples = {\n"
	    "    example { answer = \"I am sorry if\" },\n"
	    "    example { answer = \"I am sorry\" },\n"
	    "  },\n"
	    "}\n");
	struct exercise *ex;

	ck_assert_int_eq(chdir(dir), 0);
	harness_diags_begin();
	ex = exercise_load("wrong", NULL);
	ck_assert_ptr_nonnull(ex);
	ck_assert_uint_eq(exercise_report_examples(ex), 1);
	ck_assert_str_eq(harness_diags_seen(),
	    "exercises/wrong.lua:7: error: example 1 "
	    "does not hold: it expects no feedback, but gets flag if\n");
	exercise_free(ex);
	ck_assert_int_eq(chdir(harness_root()), 0);
	harness_rmtree(dir);
	free(dir);
	free(harness_diags_end());
}
END_TEST

/*
 * A build's exercise set loads each exercise once, names a missing one at
 * the page that asked for it with the closest name, and refuses one whose
 * examples do not hold.
 */
START_TEST(an_exercise_set_loads_each_exercise_once)
{
	char *dir = project_with("wrong",
	    "return exercise {\n"
	    "  title = \"Wrong\",\n"
	    "  fields = { long_text { id = \"a\", label = \"A\", feedback = {\n"
	    "    flag { id = \"if\", phrases = { \"sorry if\" }, message = "
	    "\"No if.\" },\n"
	    "  } } },\n"
	    "  examples = { example { answer = \"I am sorry if\" } },\n"
	    "}\n");
	struct exercise_set set = { 0 };
	const struct exercise *first;

	harness_write(dir, "exercises/right.lua",
	    "return exercise { title = \"Right\", fields = {\n"
	    "  long_text { id = \"a\", label = \"A\" } } }\n");
	ck_assert_int_eq(chdir(dir), 0);
	harness_diags_begin();
	first = exercise_set_use(&set, "right", "content/a.md", 3, 1);
	ck_assert_ptr_nonnull(first);
	ck_assert_ptr_eq(exercise_set_use(&set, "right", "content/b.md", 9, 1),
	    first);
	ck_assert_uint_eq(set.n, 1);
	ck_assert_ptr_null(exercise_set_use(&set, "rihgt", "content/c.md", 5, 7));
	ck_assert_ptr_null(exercise_set_use(&set, "wrong", "content/c.md", 6, 1));
	ck_assert_uint_eq(set.n, 1);
	ck_assert_str_eq(harness_diags_seen(),
	    "content/c.md:5:7: error: exercise 'rihgt' not found: there is no "
	    "exercises/rihgt.lua (did you mean 'right'?)\n"
	    "exercises/wrong.lua:6: error: example 1 does not hold: it expects "
	    "no feedback, but gets flag if\n");
	exercise_set_free(&set);
	ck_assert_uint_eq(set.n, 0);
	ck_assert_int_eq(chdir(harness_root()), 0);
	harness_rmtree(dir);
	free(dir);
	free(harness_diags_end());
}
END_TEST

/* ---- what an author reads when a model is wrong ---- */

static const struct {
	const char *script;
	const char *stderr_text;
} invalid[] = {
    {"return exercise {\n  title = \"T\",\n  fields = {\n"
     "    long_text { id = \"a\", lable = \"A\" },\n  },\n}\n",
        "exercises/bad.lua:4: error: field 1 ('a'): unknown key 'lable' (did "
        "you "
        "mean 'label'?)\n"
        "exercises/bad.lua:4: error: field 1 ('a'): needs a label (label = "
        "\"...\"): "
        "every field is labelled on the form and on paper\n"},
    {"return exercise { title = \"T\", fields = {\n"
     "  long_text { id = \"a\", label = \"A\" },\n"
     "  short_text { id = \"a\", label = \"B\" } } }\n",
        "exercises/bad.lua:3: error: field 2 ('a'): field 1 has the id 'a' "
        "too\n"},
    {"return exercise { title = \"T\", fields = {\n"
     "  long_text { id = \"My Answer\", label = \"A\" } } }\n",
        "exercises/bad.lua:2: error: field 1: id 'My Answer' must be "
        "lower-case letters and digits, with single '-' between them "
        "(\"my-answer\")\n"},
    {"return exercise { title = \"T\", fields = {\n"
     "  long_text { id = \"a\", label = \"A\" },\n"
     "  table { id = \"t\", label = \"T\", row_header = \"R\",\n"
     "    columns = { { id = \"c\", label = \"C\" } },\n"
     "    rows = { { id = \"a--b\", label = \"R\" } } } } }\n",
        "exercises/bad.lua:3: error: field 2 ('t'): row 1: id 'a--b' must be "
        "lower-case letters and digits, with single '-' between them "
        "(\"my-answer\")\n"},
    {"return exercise { title = \"T\", fields = {\n"
     "  long_text { id = \"a\", label = \"A\" },\n"
     "  table { id = \"t\", label = \"T\", row_header = \"R\",\n"
     "    columns = { { id = \"c\", label = \"C\", partner = true } },\n"
     "    rows = { { id = \"r\", label = \"R\" } } } } }\n",
        "exercises/bad.lua:3: error: field 2 ('t'): column 1 ('c'): 'partner' "
        "is for an exercise both partners fill in: add audience = \"both\", "
        "or leave 'partner' out\n"},
    {"return exercise { title = \"T\" }\n",
        "exercises/bad.lua:1: error: an exercise needs at least one field: "
        "fields "
        "= { long_text { ... } }\n"},
    {"return exercise { title = \"T\", audience = \"all\",\n"
     "  fields = { date { id = \"d\", label = \"D\" } } }\n",
        "exercises/bad.lua:1: error: 'audience' must be \"one\" (one person) "
        "or "
        "\"both\" (both partners)\n"},
    {"return exercise { title = \"T\", fields = {\n"
     "  long_text { id = \"a\", label = \"A\", feedback = {\n"
     "    flag { id = \"b\", phrases = { \"but\" }, message = \"m\" } } } },\n"
     "  examples = {\n"
     "    example { answer = \"x\", flag = { \"c\" } },\n"
     "    example { answer = \"y\", missing = { \"b\" } },\n"
     "    { answer = \"z\", field = \"q\" } } }\n",
        "exercises/bad.lua:5: error: example 1: 'c' is not a rule of field "
        "'a'\n"
        "exercises/bad.lua:6: error: example 2: 'b' is listed under 'missing', "
        "but "
        "it is a flag rule\n"
        "exercises/bad.lua:1: error: example 3: no field 'q' with feedback "
        "rules "
        "(fields with rules: a)\n"},
    {"return exercise { title = \"T\", fields = {\n"
     "  long_text { id = \"a\", label = \"A\", feedback = {\n"
     "    notice { id = \"n\", phrases = { \"sorry *\" }, praise = \"p\" } } } "
     "} }\n",
        "exercises/bad.lua:3: error: field 1 ('a'): feedback rule 1 ('n'): "
        "phrases 1 ('sorry *'): '*' may only end a word, right after it "
        "(\"overreact*\", \"check* your phone*\")\n"},
    {"return exercise { title = \"T\", fields = {\n"
     "  table { id = \"t\", label = \"T\", row_header = \"R\",\n"
     "    columns = { { id = \"c\", label = \"C\", size = \"huge\" } } } } }\n",
        "exercises/bad.lua:2: error: field 1 ('t'): column 1 ('c'): 'size' "
        "must be "
        "\"short\" (one line) or \"long\" (a few lines)\n"
        "exercises/bad.lua:2: error: field 1 ('t'): a table needs at least one "
        "row: "
        "rows = { ... } or blank_rows = N\n"},
    {"return exercise { title = \"T\", fields = {\n"
     "  date { id = \"d\", label = \"D\", print = { lines = 2 } },\n"
     "  long_text { id = \"e\", label = \"E\", print = { lines = 2, height_mm "
     "= 9 } },\n"
     "  checklist { id = \"c\", label = \"C\", items = { \"text\" } },\n"
     "  scale { id = \"s\", label = \"S\", low = \"no\" } } }\n",
        "exercises/bad.lua:2: error: field 1 ('d'): print hints do not apply "
        "to a "
        "date\n"
        "exercises/bad.lua:3: error: field 2 ('e'): print: give lines or "
        "height_mm, "
        "not both\n"
        "exercises/bad.lua:4: error: field 3 ('c'): item 1: must be a table: { "
        "id = "
        "\"...\", label = \"...\" }, not text\n"
        "exercises/bad.lua:5: error: field 4 ('s'): 'high' is missing\n"},
    {"return exercise { title = \"bad \\255 byte\",\n"
     "  fields = { date { id = \"d\", label = \"D\" } } }\n",
        "exercises/bad.lua:1: error: 'title': text is not valid UTF-8\n"},
    {"local t = exercise { title = \"T\" }\nt.fields = { t }\nreturn t\n",
        "exercises/bad.lua:1: error: 'fields[1]': a table contains itself\n"},
    {"return exercise { title = \"T\", fields = { long_text \"apology\" } }\n",
        "exercises/bad.lua:1: error: long_text expects a table: long_text { "
        "... }, "
        "not a string\n"},
    {"return exercise { title = \"Two\\nlines\",\n"
     "  fields = { { id = \"a\", label = \"A\" } },\n"
     "  sources = { { text = \"x\", url = \"ftp://x\" } } }\n",
        "exercises/bad.lua:1: error: 'title' must be one line of text\n"
        "exercises/bad.lua:1: error: field 1 ('a'): has no type: write it with "
        "a "
        "helper, such as long_text { ... }\n"
        "exercises/bad.lua:1: error: source 1: 'url' must start with https:// "
        "or "
        "http://\n"},
};

START_TEST(invalid_models_say_what_to_fix)
{
	char *dir = project_with("bad", invalid[_i].script);
	struct buf expected = BUF_INIT;
	struct run r;

	run_mend(&r, dir, NULL, "exercise", "test", "bad", NULL);
	buf_puts(&expected, invalid[_i].stderr_text);
	ck_assert_int_eq(r.status, 3);
	ck_assert_msg(strncmp(r.err, buf_str(&expected), expected.len) == 0 &&
	    strncmp(r.err + expected.len, "mend: ", 6) == 0,
	    "expected\n%s\ngot\n%s", buf_str(&expected), r.err);
	ck_assert_str_eq(r.out, "0 examples passed, 0 failed\n");
	run_free(&r);
	buf_free(&expected);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* ---- hostile scripts ---- */

START_TEST(hostile_script_is_stopped)
{
	const char *name = hostile[_i];
	char src[4096], *text, *dir, *files, *nl;
	struct buf expected = BUF_INIT;
	double start, seconds;
	struct run r;
	size_t len;

	snprintf(src, sizeof(src), "%s/tests/exercises/hostile/%s.lua",
	    harness_root(), name);
	ck_assert_int_eq(util_read_file(src, &text, &len), 0);
	ck_assert_msg(strncmp(text, "-- expect: ", 11) == 0 &&
	    (nl = strchr(text, '\n')) != NULL, "%s.lua must start with "
	    "\"-- expect: DIAGNOSTIC\"", name);
	buf_put(&expected, text + 11, (size_t)(nl - text - 11) + 1);
	BUF_PUTSL(&expected, "mend: 1 error, 0 warnings\n");
	dir = project_with(name, text);
	start = now();
	run_mend(&r, dir, NULL, "exercise", "test", name, NULL);
	seconds = now() - start;
	ck_assert_msg(seconds < 3.0, "%s took %.2f s", name, seconds);
	ck_assert_msg(
	    r.status == 3, "%s: exit status %d\n%s", name, r.status, r.err);
	ck_assert_str_eq(r.err, buf_str(&expected));
	ck_assert_str_eq(r.out, "0 examples passed, 0 failed\n");
	files = listing(dir, "");  /* nothing written, anywhere */
	ck_assert_str_eq(files, "exercises");
	free(files);
	files = listing(dir, "exercises");
	ck_assert_int_eq(strncmp(files, name, strlen(name)), 0);
	ck_assert_str_eq(files + strlen(name), ".lua");
	free(files);
	run_free(&r);
	buf_free(&expected);
	harness_rmtree(dir);
	free(dir);
	free(text);
}
END_TEST

START_TEST(compiled_scripts_are_refused)
{
	/* The start of a Lua 5.4 binary chunk: never loaded, whatever follows.
	 */
	char *dir = project_with("compiled", "\x1bLuaT\x01\x19\x93\r\n\x1a\n");
	struct run r;

	run_mend(&r, dir, NULL, "exercise", "test", "compiled", NULL);
	ck_assert_int_eq(r.status, 3);
	ck_assert_str_eq(r.err, "exercises/compiled.lua: error: the script is "
	    "compiled Lua; mend runs Lua source text only\n"
	    "mend: 1 error, 0 warnings\n");
	run_free(&r);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(safe_libraries_still_work)
{
	char src[4096], *text, *dir;
	struct run r;
	size_t len;

	snprintf(
	    src, sizeof(src), "%s/tests/exercises/allowed.lua", harness_root());
	ck_assert_int_eq(util_read_file(src, &text, &len), 0);
	dir = project_with("allowed", text);
	run_mend(&r, dir, NULL, "exercise", "test", NULL);
	ck_assert_msg(r.status == 0, "status %d\n%s", r.status, r.err);
	/* print goes to a note at its line; math.random repeats. */
	ck_assert_str_eq(r.err,
	    "exercises/allowed.lua:22: note: print: random: "
	    "275394\n");
	ck_assert_str_eq(r.out, "allowed: 0 examples passed\n"
	    "0 examples passed, 0 failed\n");
	run_free(&r);
	harness_rmtree(dir);
	free(dir);
	free(text);
}
END_TEST

/* ---- the command ---- */

START_TEST(exercise_test_runs_every_example)
{
	struct run r;

	run_mend(&r, NULL, NULL, "exercise", "test", NULL);
	ck_assert_msg(r.status == 0, "status %d\n%s%s", r.status, r.out, r.err);
	ck_assert_str_eq(r.err, "");
	ck_assert_int_eq(strncmp(r.out, "apology-rewrite: ", 17), 0);
	assert_contains(r.out, " examples passed\nboundary-worksheet: ");
	assert_contains(r.out, " examples passed\n");
	ck_assert_ptr_nonnull(strstr(r.out, " examples passed, 0 failed\n"));
	ck_assert_ptr_null(strstr(r.out, "FAIL"));
	run_free(&r);
	run_mend(
	    &r, NULL, NULL, "exercise", "test", "boundary-worksheet", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_int_eq(strncmp(r.out, "boundary-worksheet: ", 20), 0);
	run_free(&r);
}
END_TEST

START_TEST(exercise_test_shows_what_differs)
{
	char *dir = project_with("wrong",
	    "local rules = {\n"
	    "  notice { id = \"own\", phrases = { \"I did\" }, praise = "
	    "\"Yes.\", hint = \"Own it.\" },\n"
	    "  flag { id = \"if\", phrases = { \"sorry if\" }, message = \"No "
	    "if.\" },\n"
	    "}\n"
	    "return exercise {\n"
	    "  title = \"Wrong\",\n"
	    "  fields = { long_text { id = \"a\", label = \"A\", feedback = "
	    "rules } },\n"
	    "  examples = {\n"
	    "    example { answer = \"I did it.\", praise = { \"own\" } },\n"
	    "    example { answer = \"I'm sorry if\\nyou feel hurt.\", flag = "
	    "{ \"if\" } },\n"
	    "    { answer = \"Sorry.\" },\n"
	    "  },\n"
	    "}\n");
	struct run r;

	run_mend(&r, dir, NULL, "exercise", "test", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_str_eq(r.out,
	    "FAIL exercises/wrong.lua:10: example 2 (a)\n"
	    "  answer:   I'm sorry if you feel hurt.\n"
	    "  expected: flag if\n"
	    "  got:      flag if, missing own\n"
	    "FAIL exercises/wrong.lua: example 3 (a)\n"
	    "  answer:   Sorry.\n"
	    "  expected: no feedback\n"
	    "  got:      missing own\n"
	    "wrong: 1 example passed, 2 failed\n"
	    "1 example passed, 2 failed\n");
	ck_assert_str_eq(r.err, "");
	run_free(&r);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(check_gives_feedback_on_a_conditional_apology)
{
	struct run r;

	/* What a reader is shown at once: three items, most useful first. */
	run_mend(&r, NULL, NULL, "exercise", "check", "apology-rewrite",
	    "--answer", "I'm sorry if you feel hurt", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_str_eq(r.err, "");
	ck_assert_str_eq(r.out,
	    "flag: An “if” makes the apology sound unsure that anything "
	    "happened, and leaves your partner to prove that it did. Try "
	    "saying plainly what you did, without the “if”.\n"
	    "missing: Try owning it as your action, in the first person: “I "
	    "lied to you”, “I broke my promise”, “That was my choice.”\n"
	    "length: A few more words could help. An apology that lands "
	    "usually takes a sentence or two: what you did, and how it "
	    "affected them.\n"
	    "(4 more: --all lists every item)\n");
	run_free(&r);
	/* --all: every item, in the matcher's order. */
	run_mend(&r, NULL, NULL, "exercise", "check", "apology-rewrite",
	    "--answer", "I'm sorry if you feel hurt", "--all", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_str_eq(r.err, "");
	ck_assert_str_eq(r.out,
	    "flag: An “if” makes the apology sound unsure that anything "
	    "happened, "
	    "and leaves your partner to prove that it did. Try saying plainly "
	    "what "
	    "you did, without the “if”.\n"
	    "missing: Try owning it as your action, in the first person: “I "
	    "lied to "
	    "you”, “I broke my promise”, “That was my choice.”\n"
	    "missing: Name what you did, plainly and specifically, for example "
	    "“I "
	    "read your messages without asking” or “I wasn’t honest about the "
	    "money.”\n"
	    "missing: Say how it affected your partner, as best you understand "
	    "it: "
	    "“I know it hurt you”, “It left you feeling alone.”\n"
	    "missing: You might offer something that could help repair it: "
	    "“I’ll "
	    "answer any question you have”, “What would help you feel safer?”\n"
	    "missing: Say what you will do differently from now on: “From now "
	    "on, "
	    "I will…”, “I won’t…”.\n"
	    "length: A few more words could help. An apology that lands "
	    "usually "
	    "takes a sentence or two: what you did, and how it affected "
	    "them.\n");
	run_free(&r);
}
END_TEST

START_TEST(check_accepts_a_good_apology)
{
	struct run r;

	run_mend(&r, NULL, NULL, "exercise", "check", "apology-rewrite",
	    "--field", "apology", "--answer",
	    "I’m sorry I lied to you about the money. I know "
	    "it hurt you and made it hard to trust me. From now on I will show "
	    "you "
	    "every statement, and I will answer any question you have.",
	    "--all", NULL);
	ck_assert_msg(r.status == 0, "status %d\n%s", r.status, r.out);
	ck_assert_str_eq(r.out,
	    "praise: You say plainly that you are sorry.\n"
	    "praise: You take responsibility in your own words. In the "
	    "research on "
	    "apologies, this mattered more than anything else.\n"
	    "praise: You name what you did. Being specific shows you "
	    "understand "
	    "what happened.\n"
	    "praise: You acknowledge how it affected your partner.\n"
	    "praise: You offer something to help put it right. Along with "
	    "taking "
	    "responsibility, this mattered most in the research.\n"
	    "praise: You say what will be different from now on.\n"
	    "This answer has everything the exercise looks for.\n");
	run_free(&r);
}
END_TEST

START_TEST(check_prints_json_for_tools)
{
	json_t *doc;
	struct run r;

	run_mend(&r, NULL, NULL, "exercise", "check", "apology-rewrite",
	    "--json", "--answer", "Mistakes were made, but I regret it.", NULL);
	ck_assert_int_eq(r.status, 1);
	doc = json_loads(r.out, 0, NULL);
	ck_assert_msg(doc != NULL, "not JSON:\n%s", r.out);
	ck_assert_str_eq(harness_json_text(doc, "exercise"), "apology-rewrite");
	ck_assert_str_eq(harness_json_text(doc, "field"), "rewrite");
	ck_assert(json_is_false(harness_json_at(doc, "ok")));
	ck_assert_uint_eq(json_array_size(harness_json_at(doc, "items")), 9);
	ck_assert_str_eq(harness_json_text(doc, "items.0.kind"), "praise");
	ck_assert_str_eq(harness_json_text(doc, "items.0.rule"), "regret");
	ck_assert_str_eq(harness_json_text(doc, "items.0.message"),
	    "You say plainly that you are sorry.");
	ck_assert_str_eq(harness_json_text(doc, "items.1.rule"), "but");
	ck_assert_str_eq(harness_json_text(doc, "items.2.rule"), "passive");
	ck_assert_str_eq(harness_json_text(doc, "items.3.kind"), "missing");
	ck_assert_str_eq(harness_json_text(doc, "items.8.kind"), "length");
	json_decref(doc);
	run_free(&r);
}
END_TEST

START_TEST(check_reads_the_answer_from_stdin)
{
	struct run r;

	run_mend(&r, NULL, "You must always text me back.\n", "exercise",
	    "check", "boundary-worksheet", "-", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_int_eq(strncmp(r.out, "flag: This reads as a rule for your "
	    "partner.", 43), 0);
	assert_contains(r.out, "\nmissing: You might start with “I”");
	run_free(&r);
	run_mend(&r, NULL, "We keep our phones face down at dinner.",
	    "exercise", "check", "boundary-worksheet", "--field", "areas.agree",
	    "--answer", "-", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.out, "praise: You write it as something you share.\n"
	    "This answer has everything the exercise looks for.\n");
	run_free(&r);
}
END_TEST

static const struct {
	const char *args[8];
	const char *stdin_text;
	const char *message;
} usage[] = {
    {{"exercise", NULL}, NULL,
        "mend exercise: missing sub-command: test, check or measure (try 'mend help "
        "exercise')\n"},
    {{"exercise", "frob", NULL}, NULL,
        "mend exercise: unknown sub-command 'frob': use test, check or measure (try "
        "'mend "
        "help exercise')\n"},
    {{"exercise", "test", "no-such", NULL}, NULL,
        "mend exercise: no exercise 'no-such' (exercises/no-such.lua does not "
        "exist) (try 'mend help exercise')\n"},
    {{"exercise", "test", "../etc", NULL}, NULL,
        "mend exercise: '../etc' is not an exercise name (lower-case letters "
        "and digits, with single '-' between them) (try 'mend help "
        "exercise')\n"},
    {{"exercise", "test", "a", "b", NULL}, NULL,
        "mend exercise: unexpected argument 'b' (try 'mend help exercise')\n"},
    {{"exercise", "check", "apology-rewrite", NULL}, NULL,
        "mend exercise: give the answer with --answer TEXT, or - to read it "
        "from "
        "standard input (try 'mend help exercise')\n"},
    {{"exercise", "check", NULL}, NULL,
        "mend exercise: check needs an exercise name (try 'mend help "
        "exercise')\n"},
    {{"exercise", "check", "apology-rewrite", "--answer", " \n ", NULL}, NULL,
        "mend exercise: the answer is empty (try 'mend help exercise')\n"},
    {{"exercise", "check", "apology-rewrite", "-", NULL}, "",
        "mend exercise: the answer is empty (nothing on standard input) (try "
        "'mend help exercise')\n"},
    {{"exercise", "check", "apology-rewrite", "--field", "ready", "--answer",
         "x", NULL},
        NULL,
        "mend exercise: 'apology-rewrite' has no field 'ready' with feedback "
        "(fields with feedback: rewrite, apology) (try 'mend help "
        "exercise')\n"},
    {{"exercise", "check", "nope", "--answer", "x", NULL}, NULL,
        "mend exercise: no exercise 'nope' (exercises/nope.lua does not exist) "
        "(try 'mend help exercise')\n"},
    {{"exercise", "check", "apology-rewrite", "--answer", NULL}, NULL,
        "mend exercise: option '--answer' needs a value (try 'mend help "
        "exercise')\n"},
    {{"exercise", "check", "apology-rewrite", "--loud", NULL}, NULL,
        "mend exercise: unknown option '--loud' (try 'mend help exercise')\n"},
    {{"exercise", "check", "apology-rewrite", "--lang", "pt_BR", "--answer",
         "x", NULL},
        NULL,
        "mend exercise: 'pt_BR' is not a language tag (BCP 47: \"ar\", "
        "\"pt-BR\", \"zh-Hans\") (try 'mend help exercise')\n"},
    {{"exercise", "check", "apology-rewrite", "--lang", "ar", "--answer",
         "x", NULL},
        NULL,
        "mend exercise: 'apology-rewrite' has no translation into 'ar': there "
        "is no exercises/apology-rewrite.ar.lua (it has no translations) (try "
        "'mend help exercise')\n"},
};

START_TEST(usage_errors_exit_2_with_one_line)
{
	struct run r;

	run_mendv(&r, NULL, usage[_i].stdin_text, usage[_i].args);
	ck_assert_msg(r.status == 2, "status %d\n%s", r.status, r.err);
	ck_assert_str_eq(r.err, usage[_i].message);
	ck_assert_str_eq(r.out, "");
	run_free(&r);
}
END_TEST

START_TEST(help_describes_the_command)
{
	struct run r;

	run_mend(&r, NULL, NULL, "help", "exercise", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_int_eq(
	    strncmp(r.out, "usage: mend exercise test [NAME]\n", 33), 0);
	assert_contains(r.out, "--answer TEXT");
	assert_contains(r.out, "-l, --lang LANG     check with the rules of the "
	    "translation into LANG\n");
	assert_contains(r.out, "\"NAME (ar): 5 examples passed\"");
	run_free(&r);
	run_mend(&r, NULL, NULL, "exercise", "--help", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_int_eq(
	    strncmp(r.out, "usage: mend exercise test [NAME]\n", 33), 0);
	run_free(&r);
	run_mend(&r, NULL, NULL, "--help", NULL);
	assert_contains(r.out, "  exercise ");
	run_free(&r);
}
END_TEST

START_TEST(diagnostics_as_json_lines)
{
	char *dir =
	    project_with("loop", "local n = 0\nwhile true do n = n + 1 end\n");
	json_t *line;
	struct run r;

	run_mend(&r, dir, NULL, "--format", "json", "exercise", "test", "loop",
	    NULL);
	ck_assert_int_eq(r.status, 3);
	line = json_loads(r.err, JSON_DISABLE_EOF_CHECK, NULL);
	ck_assert_msg(line != NULL, "not JSON:\n%s", r.err);
	ck_assert_str_eq(harness_json_text(line, "file"), "exercises/loop.lua");
	ck_assert_int_eq(json_integer_value(harness_json_at(line, "line")), 2);
	ck_assert_str_eq(harness_json_text(line, "message"),
	    "script ran too long (more than 100 million steps)");
	json_decref(line);
	run_free(&r);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(a_concern_stands_alone)
{
	struct run r;

	run_mend(&r, NULL, NULL, "exercise", "check", "boundary-worksheet",
	    "--field", "areas.need", "--answer",
	    "i need to check ur phone every night and know ur passwords", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_str_eq(r.err, "");
	ck_assert_msg(strncmp(r.out, "concern: This is about checking your "
	    "partner’s phone", 49) == 0, "%s", r.out);
	ck_assert_ptr_nonnull(strstr(r.out, "\n  On the page, this links to "
	    "the safety note"));
	ck_assert_ptr_null(strstr(r.out, "praise:"));
	run_free(&r);
	run_mend(&r, NULL, NULL, "exercise", "check", "apology-rewrite",
	    "--field", "apology", "--answer",
	    "I am sorry I hit you. It will not happen again.", "--json", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.out, "\"kind\": \"concern\""));
	ck_assert_ptr_nonnull(strstr(r.out, "\"rule\": \"violence\""));
	ck_assert_ptr_null(strstr(r.out, "\"praise\""));
	ck_assert_ptr_null(strstr(r.out, "\"missing\""));
	run_free(&r);
	/* Words a concern shares, used innocently: no concern. */
	run_mend(&r, NULL, NULL, "exercise", "check", "apology-rewrite",
	    "--field", "apology", "--answer", "I hit a low point last year",
	    "--json", NULL);
	ck_assert_ptr_null(strstr(r.out, "\"concern\""));
	run_free(&r);
}
END_TEST

START_TEST(measure_holds_the_labelled_set_to_its_bars)
{
	char path[] = "/tmp/mend-set-XXXXXX";
	struct run r;
	FILE *f;
	int fd;

	run_mend(&r, NULL, NULL, "exercise", "measure",
	    "tests/answers/apology-rewrite.toml",
	    "tests/answers/boundary-worksheet.toml",
	    "tests/answers/blind/apology-rewrite.toml",
	    "tests/answers/blind/boundary-worksheet.toml", NULL);
	ck_assert_msg(r.status == 0, "status %d\n%s%s", r.status, r.out, r.err);
	ck_assert_ptr_nonnull(strstr(r.out, " concern answers caught (100.0%)"));
	ck_assert_ptr_nonnull(strstr(r.out, "\nmonitoring         concern "));
	run_free(&r);
	/* A concern the rules miss, and a false one, are named at their line. */
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	fputs("exercise = \"boundary-worksheet\"\n\n[[answer]]\n"
	    "field = \"areas.need\"\ntext = \"I need more time\"\n"
	    "concern = \"control\"\n\n[[answer]]\nfield = \"areas.need\"\n"
	    "text = \"I need to read your messages\"\n", f);
	fclose(f);
	run_mend(&r, NULL, NULL, "exercise", "measure", path, NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.out, ":5: concern missed (areas.need, "
	    "control): I need more time\n"));
	ck_assert_ptr_nonnull(strstr(r.out, ":10: false concern 'monitoring' "
	    "(areas.need): I need to read your messages\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "concerns: 0 of 1 concern answers "
	    "caught (0.0%); 1 of 1 ordinary answers given a concern (100.0%"));
	run_free(&r);
	unlink(path);
}
END_TEST

START_TEST(include_runs_a_shared_library)
{
	char *dir = project_with("x",
	    "local words = include \"words\"\n"
	    "assert(include \"words\" == words)\n"
	    "return exercise { title = \"T\", fields = { long_text { id = "
	    "\"a\", label = \"A\", feedback = { flag { id = \"s\", "
	    "phrases = words, message = \"m\" } } } },\n"
	    "  examples = { example { answer = \"so sorry\", flag = { \"s\" } } } }\n");
	struct run r;

	harness_write(dir, "exercises/lib/words.lua", "return { \"sorry\" }\n");
	run_mend(&r, dir, NULL, "exercise", "test", "x", NULL);
	ck_assert_msg(r.status == 0, "status %d\n%s%s", r.status, r.out, r.err);
	ck_assert_str_eq(r.out, "x: 1 example passed\n1 example passed, 0 failed\n");
	run_free(&r);
	harness_write(dir, "exercises/x.lua", "\nlocal w = include \"nope\"\n");
	run_mend(&r, dir, NULL, "exercise", "test", "x", NULL);
	ck_assert_int_eq(r.status, 3);
	ck_assert_msg(strncmp(r.err, "exercises/x.lua:2: error: include: cannot "
	    "read exercises/lib/nope.lua: No such file or directory\n", 97) == 0,
	    "%s", r.err);
	run_free(&r);
	harness_write(dir, "exercises/x.lua", "local w = include \"../x\"\n");
	run_mend(&r, dir, NULL, "exercise", "test", "x", NULL);
	ck_assert_int_eq(r.status, 3);
	ck_assert_msg(strstr(r.err, "exercises/x.lua:1: error: include: '../x' "
	    "is not a library name") == r.err, "%s", r.err);
	run_free(&r);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/*
 * An exercise script or a library that is a symbolic link is not run (it
 * could lead to any file on the machine): an error at the link, or at the
 * include that names it.
 */
START_TEST(linked_scripts_are_refused)
{
	char *dir = project_with("real",
	    "return exercise { title = \"T\", fields = { long_text { id = "
	    "\"a\", label = \"A\" } } }\n");
	char path[4200];
	struct run r;

	snprintf(path, sizeof(path), "%s/exercises/linked.lua", dir);
	ck_assert_int_eq(symlink("real.lua", path), 0);
	run_mend(&r, dir, NULL, "exercise", "test", "linked", NULL);
	ck_assert_int_eq(r.status, 3);
	ck_assert_msg(strstr(r.err, "exercises/linked.lua: error: is a symbolic "
	    "link: mend does not follow links among a project's templates and "
	    "scripts (one could lead to any file on this machine); put the file "
	    "itself there\n") == r.err, "%s", r.err);
	run_free(&r);

	harness_write(dir, "words.lua", "return { \"sorry\" }\n");
	harness_write(dir, "exercises/lib/.keep", "");
	snprintf(path, sizeof(path), "%s/exercises/lib/words.lua", dir);
	ck_assert_int_eq(symlink("../../words.lua", path), 0);
	harness_write(dir, "exercises/real.lua", "\nlocal w = include \"words\"\n");
	run_mend(&r, dir, NULL, "exercise", "test", "real", NULL);
	ck_assert_int_eq(r.status, 3);
	ck_assert_msg(strstr(r.err, "exercises/real.lua:2: error: include: "
	    "exercises/lib/words.lua is a symbolic link: mend does not follow "
	    "links among a project's templates and scripts") == r.err, "%s", r.err);
	run_free(&r);
	harness_rmtree(dir);
	free(dir);
}
END_TEST


/* ---- translations (tests/exercises/translations/) ---- */

#define MAX_BROKEN 16
#define GOOD "tests/exercises/translations/good"

static char *broken[MAX_BROKEN];  /* names under .../translations/broken */
static int nbroken;

/* A fresh copy of the good project (the original, ar and pt-BR); the
   caller frees it. */
static char *
translated_project(void)
{
	char *dir = harness_tmpdir(), src[4096];

	snprintf(src, sizeof(src), "%s/" GOOD, harness_root());
	harness_copytree(src, dir);
	return dir;
}

START_TEST(lang_tags_have_their_shape)
{
	static const char *const good[] = { "ar", "en", "pt-BR", "zh-Hans",
		"es-419", "sr-Latn-RS", "fil", "AR" };
	static const char *const bad[] = { "", "a", "arab", "pt_BR", "pt-",
		"-ar", "ar--x", "de-toolongsub", "e1", "ar.lua", "ar/x" };
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_msg(exercise_lang_valid(good[i]), "%s", good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!exercise_lang_valid(bad[i]), "%s", bad[i]);
}
END_TEST

/* `mend exercise test` runs every language's examples, naming each. */
START_TEST(every_language_has_its_examples_run)
{
	char *dir = translated_project();
	struct run r;

	run_mend(&r, dir, NULL, "exercise", "test", NULL);
	ck_assert_msg(r.status == 0, "status %d\n%s%s", r.status, r.out, r.err);
	ck_assert_str_eq(r.err, "");
	ck_assert_str_eq(r.out,
	    "say-it-back (en): 6 examples passed\n"
	    "say-it-back (ar): 6 examples passed\n"
	    "say-it-back (pt-BR): 6 examples passed\n"
	    "18 examples passed, 0 failed\n");
	run_free(&r);
	/* A translation's failing example: at its line, naming the language. */
	harness_write(dir, "exercises/say-it-back.ar.lua",
	    "return exercise {\n"
	    "  title = \"أعد ما سمعته\",\n"
	    "  audience = \"both\",\n"
	    "  fields = {\n"
	    "    checklist { id = \"ready\", label = \"قبل أن تبدأ\", items = {\n"
	    "      { id = \"calm\", label = \"هادئ\" }, { id = \"time\", label = "
	    "\"وقت\" } } },\n"
	    "    long_text { id = \"reflect\", label = \"ما سمعته\", feedback = {\n"
	    "      notice { id = \"feeling\", phrases = { \"تشعر\" }, praise = "
	    "\"نعم.\" },\n"
	    "      flag { id = \"but\", phrases = { \"لكن\" }, message = \"لكن.\" },\n"
	    "      length { min = 5, too_short = \"أكثر.\" } } },\n"
	    "    table { id = \"plan\", label = \"ما نحتاجه\", row_header = "
	    "\"المجال\",\n"
	    "      columns = { { id = \"need\", label = \"أحتاج\", feedback = {\n"
	    "        notice { id = \"i-need\", phrases = { \"أحتاج\" }, hint = "
	    "\"ابدأ.\" } } },\n"
	    "        { id = \"offer\", label = \"أقدم\" } },\n"
	    "      rows = { { id = \"time\", label = \"وقت\" }, { id = \"chores\", "
	    "label = \"البيت\" } },\n"
	    "      blank_rows = 1 },\n"
	    "  },\n"
	    "  examples = {\n"
	    "    example { answer = \"تشعر بالتعب كل مساء هنا\", praise = { "
	    "\"feeling\" } },\n"
	    "    example { answer = \"تشعر بالتعب لكن هذا صعب\", praise = { "
	    "\"feeling\" } },\n"
	    "  },\n"
	    "}\n");
	run_mend(&r, dir, NULL, "exercise", "test", "say-it-back", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_str_eq(r.err, "");
	ck_assert_str_eq(r.out,
	    "say-it-back (en): 6 examples passed\n"
	    "FAIL exercises/say-it-back.ar.lua:20: example 2 (reflect, ar)\n"
	    "  answer:   تشعر بالتعب لكن هذا صعب\n"
	    "  expected: praise feeling\n"
	    "  got:      praise feeling, flag but\n"
	    "say-it-back (ar): 1 example passed, 1 failed\n"
	    "say-it-back (pt-BR): 6 examples passed\n"
	    "13 examples passed, 1 failed\n");
	run_free(&r);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/*
 * A translation that does not keep the original's ids is refused, each
 * mismatch at its line: every file under broken/ lists the diagnostics it
 * must get on its "-- expect:" lines.
 */
START_TEST(a_translation_keeps_the_original_ids)
{
	const char *name = broken[_i];
	char src[4096], *text, *original, *dir, *line, *nl;
	struct buf expected = BUF_INIT;
	size_t len, errors = 0;
	struct run r;

	snprintf(src, sizeof(src), "%s/tests/exercises/translations/broken/%s.lua",
	    harness_root(), name);
	ck_assert_int_eq(util_read_file(src, &text, &len), 0);
	for (line = text; strncmp(line, "-- expect: ", 11) == 0; line = nl + 1) {
		ck_assert_ptr_nonnull(nl = strchr(line, '\n'));
		buf_put(&expected, line + 11, (size_t)(nl - line - 11) + 1);
		errors++;
	}
	ck_assert_msg(errors > 0, "%s.lua lists no \"-- expect:\" lines", name);
	buf_printf(&expected, "mend: %zu error%s, 0 warnings\n", errors,
	    errors == 1 ? "" : "s");
	/* The original alone (no site.toml: no warning about 'fr'), and the
	   broken translation as its French one. */
	snprintf(src, sizeof(src), "%s/" GOOD "/exercises/say-it-back.lua",
	    harness_root());
	ck_assert_int_eq(util_read_file(src, &original, &len), 0);
	dir = project_with("say-it-back", original);
	harness_write(dir, "exercises/say-it-back.fr.lua", text);
	run_mend(&r, dir, NULL, "exercise", "test", NULL);
	ck_assert_msg(r.status == 3, "%s: status %d\n%s", name, r.status, r.err);
	ck_assert_str_eq(r.err, buf_str(&expected));
	ck_assert_str_eq(r.out, "say-it-back: 6 examples passed\n"
	    "6 examples passed, 0 failed\n");
	run_free(&r);
	/* The build's set refuses the exercise, with the same diagnostics. */
	run_mend(&r, dir, NULL, "exercise", "check", "say-it-back", "--lang",
	    "fr", "--answer", "tu te sens seul", NULL);
	ck_assert_int_eq(r.status, 3);
	ck_assert_str_eq(r.err, buf_str(&expected));
	ck_assert_str_eq(r.out, "");
	run_free(&r);
	buf_free(&expected);
	harness_rmtree(dir);
	free(dir);
	free(text);
	free(original);
}
END_TEST

/* A build asks for an exercise in a language. */
START_TEST(a_set_gives_each_language_its_translation)
{
	char *dir = translated_project(), *diags;
	struct exercise_set set = { 0 };
	const struct exercise *ex, *en;

	ck_assert_int_eq(chdir(dir), 0);
	harness_diags_begin();
	en = exercise_set_use(&set, "say-it-back", "content/x.md", 3, 1);
	ck_assert_ptr_nonnull(en);
	ck_assert_ptr_null(en->lang);
	ck_assert_str_eq(en->path, "exercises/say-it-back.lua");
	ck_assert_str_eq(en->model->title, "Say it back");
	ck_assert_uint_eq(en->ntranslations, 2);
	ck_assert_ptr_eq(exercise_set_use_lang(&set, "say-it-back", NULL,
	    "content/x.md", 3, 1), en);
	ck_assert_ptr_eq(exercise_set_use_lang(&set, "say-it-back", "en",
	    "content/x.md", 3, 1), en);
	ck_assert_ptr_eq(exercise_set_use_lang(&set, "say-it-back", "fr",
	    "content/x.md", 3, 1), en);  /* none: the original */
	ex = exercise_set_use_lang(&set, "say-it-back", "ar", "content/x.ar.md",
	    3, 1);
	ck_assert_str_eq(ex->lang, "ar");
	ck_assert_str_eq(ex->path, "exercises/say-it-back.ar.lua");
	ck_assert_str_eq(ex->name, "say-it-back");
	ck_assert_str_eq(ex->model->title, "أعد ما سمعته");
	ck_assert_str_eq(exercise_target(ex, "reflect")->rules[1].id, "but");
	ex = exercise_set_use_lang(&set, "say-it-back", "PT-br", "content/x.md",
	    3, 1);
	ck_assert_str_eq(ex->lang, "pt-BR");
	ck_assert_str_eq(ex->model->title, "Repita o que ouviu");
	ck_assert_uint_eq(set.n, 1);  /* one original, its translations in it */
	ck_assert_str_eq(harness_diags_seen(), "");
	exercise_set_free(&set);
	/* A translation whose example does not hold: the exercise is refused,
	   at the translation's line. */
	harness_write(dir, "exercises/say-it-back.pt-BR.lua",
	    "return exercise { title = \"Repita\", audience = \"both\",\n"
	    "  fields = {\n"
	    "    checklist { id = \"ready\", label = \"Antes\", items = {\n"
	    "      { id = \"calm\", label = \"Calmos\" }, { id = \"time\", label = "
	    "\"Tempo\" } } },\n"
	    "    long_text { id = \"reflect\", label = \"Ouvi\", feedback = {\n"
	    "      notice { id = \"feeling\", phrases = { \"você sente\" }, "
	    "praise = \"Sim.\" },\n"
	    "      flag { id = \"but\", phrases = { \"mas\" }, message = \"Mas.\" },\n"
	    "      length { min = 5, too_short = \"Mais.\" } } },\n"
	    "    table { id = \"plan\", label = \"Plano\", row_header = \"Área\",\n"
	    "      columns = { { id = \"need\", label = \"Preciso\", feedback = {\n"
	    "        notice { id = \"i-need\", phrases = { \"preciso\" }, hint = "
	    "\"Comece.\" } } },\n"
	    "        { id = \"offer\", label = \"Ofereço\" } },\n"
	    "      rows = { { id = \"time\", label = \"Tempo\" }, { id = \"chores\", "
	    "label = \"Casa\" } },\n"
	    "      blank_rows = 1 } },\n"
	    "  examples = {\n"
	    "    example { answer = \"Você sente falta, mas tudo bem.\", praise = "
	    "{ \"feeling\" } },\n"
	    "  } }\n");
	ck_assert_ptr_null(exercise_set_use_lang(&set, "say-it-back", "ar",
	    "content/x.ar.md", 3, 1));
	ck_assert_uint_eq(set.n, 0);
	diags = harness_diags_end();
	ck_assert_str_eq(diags, "exercises/say-it-back.pt-BR.lua:16: error: "
	    "example 1 does not hold: it expects praise feeling, but gets praise "
	    "feeling, flag but\n");
	free(diags);
	exercise_set_free(&set);
	ck_assert_int_eq(chdir(harness_root()), 0);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* Translations the site does not name, or that translate nothing. */
START_TEST(translations_outside_the_sites_languages_are_warned_about)
{
	char *dir = translated_project();
	struct run r;

	harness_write(dir, "site.toml", "title = \"Say it back\"\n"
	    "base_url = \"https://example.org/\"\n"
	    "language = \"en\"\n[languages.ar]\nname = \"العربية\"\n");
	harness_write(dir, "exercises/say-it-back.en.lua", "return 1\n");
	harness_write(dir, "exercises/gone.es.lua", "return 1\n");
	run_mend(&r, dir, NULL, "exercise", "test", NULL);
	ck_assert_msg(r.status == 0, "status %d\n%s", r.status, r.err);
	ck_assert_str_eq(r.err,
	    "exercises/gone.es.lua: warning: not used: it is named as a "
	    "translation of exercises/gone.lua, which does not exist\n"
	    "exercises/say-it-back.en.lua: warning: 'en' is the site's default "
	    "language, which exercises/say-it-back.lua is written in: this "
	    "translation is not used\n"
	    "exercises/say-it-back.pt-BR.lua: warning: 'pt-BR' is not one of the "
	    "site's languages (the default is 'en'); add [languages.pt-BR] to "
	    "site.toml, or rename the file\n"
	    "mend: 0 errors, 3 warnings\n");
	ck_assert_str_eq(r.out,
	    "say-it-back (en): 6 examples passed\n"
	    "say-it-back (ar): 6 examples passed\n"
	    "say-it-back (pt-BR): 6 examples passed\n"
	    "18 examples passed, 0 failed\n");
	run_free(&r);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* `mend exercise check --lang`: that language's rules and messages. */
START_TEST(check_answers_in_a_language)
{
	char *dir = translated_project();
	json_t *json;
	struct run r;

	run_mend(&r, dir, NULL, "exercise", "check", "say-it-back", "--lang",
	    "ar", "--answer", "شعرت بالوحدة لكني كنت أعمل.", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_str_eq(r.out, "flag: كلمة «لكن» قد تمحو ما قيل قبلها.\n"
	    "praise: ذكرت ما يشعر به شريكك.\n");
	ck_assert_str_eq(r.err, "");
	run_free(&r);
	/* The same answer in English rules: no English phrase in it. */
	run_mend(&r, dir, NULL, "exercise", "check", "say-it-back", "--answer",
	    "شعرت بالوحدة لكني كنت أعمل.", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_str_eq(r.out, "missing: Try naming how your partner feels: "
	    "\"you feel ...\".\n");
	run_free(&r);
	run_mend(&r, dir, NULL, "exercise", "check", "say-it-back", "--lang",
	    "pt-br", "--field", "plan.need", "--json", "--answer",
	    "Preciso de uma noite por semana", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(json = json_loads(r.out, 0, NULL));
	ck_assert_str_eq(harness_json_text(json, "exercise"), "say-it-back");
	ck_assert_str_eq(harness_json_text(json, "lang"), "pt-BR");
	ck_assert_str_eq(harness_json_text(json, "field"), "plan.need");
	ck_assert(json_is_true(json_object_get(json, "ok")));
	json_decref(json);
	run_free(&r);
	/* The default language is the original's. */
	run_mend(&r, dir, NULL, "exercise", "check", "say-it-back", "--lang",
	    "en", "--json", "--answer", "You feel tired when I come home", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(json = json_loads(r.out, 0, NULL));
	ck_assert_ptr_null(json_object_get(json, "lang"));
	json_decref(json);
	run_free(&r);
	run_mend(&r, dir, NULL, "exercise", "check", "say-it-back", "--lang",
	    "fr", "--answer", "tu te sens seul", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "mend exercise: 'say-it-back' has no "
	    "translation into 'fr': there is no exercises/say-it-back.fr.lua "
	    "(its translations: ar, pt-BR) (try 'mend help exercise')\n");
	ck_assert_str_eq(r.out, "");
	run_free(&r);
	run_mend(&r, dir, NULL, "debug", "model", "say-it-back", "--lang", "ar",
	    NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(json = json_loads(r.out, 0, NULL));
	ck_assert_str_eq(harness_json_text(json, "title"), "أعد ما سمعته");
	ck_assert_str_eq(harness_json_text(json, "fields.1.feedback.1.id"), "but");
	ck_assert_ptr_null(harness_json_at(json, "fields.1.$line"));
	json_decref(json);
	run_free(&r);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

static Suite *
exercise_suite(void)
{
	Suite *s = suite_create("exercise");
	TCase *real = tcase_create("the two exercises");
	TCase *model = tcase_create("model");
	TCase *bad = tcase_create("hostile scripts");
	TCase *cli = tcase_create("command");
	TCase *langs = tcase_create("translations");

	tcase_set_timeout(real, 60);
	tcase_set_timeout(model, 60);
	tcase_set_timeout(bad, 60);
	tcase_set_timeout(cli, 60);
	tcase_set_timeout(langs, 60);
	tcase_add_test(real, apology_rewrite_loads_and_its_examples_hold);
	tcase_add_test(real, apology_examples_are_good_and_poor);
	tcase_add_test(real, boundary_worksheet_loads_and_its_examples_hold);
	tcase_add_test(model, model_json_is_as_documented);
	tcase_add_test(model, a_failing_example_is_reported_at_its_line);
	tcase_add_test(model, an_exercise_set_loads_each_exercise_once);
	tcase_add_loop_test(model, invalid_models_say_what_to_fix, 0,
	    (int)(sizeof(invalid) / sizeof(invalid[0])));
	nhostile = harness_list("tests/exercises/hostile", ".lua", hostile,
	    MAX_HOSTILE);
	if (nhostile == 0) {
		fprintf(stderr,
		    "check_exercise: no scripts in tests/exercises/hostile\n");
		exit(EXIT_FAILURE);
	}
	tcase_add_loop_test(bad, hostile_script_is_stopped, 0, nhostile);
	tcase_add_test(bad, compiled_scripts_are_refused);
	tcase_add_test(bad, linked_scripts_are_refused);
	tcase_add_test(bad, safe_libraries_still_work);
	tcase_add_test(bad, include_runs_a_shared_library);
	tcase_add_test(cli, exercise_test_runs_every_example);
	tcase_add_test(cli, exercise_test_shows_what_differs);
	tcase_add_test(cli, check_gives_feedback_on_a_conditional_apology);
	tcase_add_test(cli, check_accepts_a_good_apology);
	tcase_add_test(cli, a_concern_stands_alone);
	tcase_add_test(cli, measure_holds_the_labelled_set_to_its_bars);
	tcase_add_test(cli, check_prints_json_for_tools);
	tcase_add_test(cli, check_reads_the_answer_from_stdin);
	tcase_add_loop_test(cli, usage_errors_exit_2_with_one_line, 0,
	    (int)(sizeof(usage) / sizeof(usage[0])));
	tcase_add_test(cli, help_describes_the_command);
	tcase_add_test(cli, diagnostics_as_json_lines);
	suite_add_tcase(s, real);
	suite_add_tcase(s, model);
	suite_add_tcase(s, bad);
	tcase_add_test(langs, lang_tags_have_their_shape);
	tcase_add_test(langs, every_language_has_its_examples_run);
	nbroken = harness_list("tests/exercises/translations/broken", ".lua",
	    broken, MAX_BROKEN);
	if (nbroken == 0) {
		fprintf(stderr, "check_exercise: no scripts in "
		    "tests/exercises/translations/broken\n");
		exit(EXIT_FAILURE);
	}
	tcase_add_loop_test(langs, a_translation_keeps_the_original_ids, 0,
	    nbroken);
	tcase_add_test(langs, a_set_gives_each_language_its_translation);
	tcase_add_test(langs,
	    translations_outside_the_sites_languages_are_warned_about);
	tcase_add_test(langs, check_answers_in_a_language);
	suite_add_tcase(s, cli);
	suite_add_tcase(s, langs);
	return s;
}

int
main(void)
{
	int failed, i;

	harness_root();
	failed = harness_run(exercise_suite(), NULL);
	for (i = 0; i < nhostile; i++)
		free(hostile[i]);
	for (i = 0; i < nbroken; i++)
		free(broken[i]);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
