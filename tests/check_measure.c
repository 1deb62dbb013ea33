/*
 * measure as `mend exercise measure` uses it (measure.h): small labelled
 * sets written to a temporary project (with a copy of the guide's
 * exercises), measured in-process.  A concern caught and one missed, a
 * false concern, a good answer that meets every rule and one that does
 * not, each named at its line on standard output; the table and the
 * totals; `passed` against its three bars (the 2% of false concerns at
 * its edge); and sets that are not valid, reported as diagnostics at
 * their line with nothing measured.
 */
#include <check.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exercise/measure.h"
#include "harness.h"
#include "lib/buf.h"
#include "lib/util.h"

/* A fresh project holding the guide's exercises, made the current folder. */
static char *
project(void)
{
	char *dir = harness_tmpdir(), src[4200], dst[4200];

	snprintf(src, sizeof(src), "%s/exercises", harness_root());
	snprintf(dst, sizeof(dst), "%s/exercises", dir);
	harness_copytree(src, dst);
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

/* What measuring some sets gave: status, passed, stdout, diagnostics. */
struct measured {
	int status;
	bool passed;
	char *out;    /* standard output */
	char *diags;  /* diagnostics, one a line */
};

static void
measure(struct measured *m, const char *first, ...)
{
	char *paths[8], chunk[4096], tmpl[] = "/tmp/mend-measure-XXXXXX";
	struct buf out = BUF_INIT;
	size_t n = 0;
	int fd, saved;
	ssize_t got;
	va_list ap;

	paths[n++] = (char *)first;
	va_start(ap, first);
	while (n < 8 && (paths[n] = va_arg(ap, char *)) != NULL)
		n++;
	va_end(ap);
	fflush(stdout);
	fd = mkstemp(tmpl);
	ck_assert_int_ge(fd, 0);
	unlink(tmpl);
	saved = dup(STDOUT_FILENO);
	dup2(fd, STDOUT_FILENO);
	m->passed = false;
	harness_diags_begin();
	m->status = measure_sets(paths, n, &m->passed);
	m->diags = harness_diags_end();
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	lseek(fd, 0, SEEK_SET);
	while ((got = read(fd, chunk, sizeof(chunk))) > 0)
		buf_put(&out, chunk, (size_t)got);
	close(fd);
	m->out = buf_detach(&out);
}

static void
measured_free(struct measured *m)
{
	free(m->out);
	free(m->diags);
}

#define ASSERT_HAS(text, part) ck_assert_msg(strstr((text), (part)) != NULL, \
	"missing \"%s\" in:\n%s", (part), (text))

/* Five answers of every kind, each at its own line. */
static const char mixed_set[] =
    "exercise = \"boundary-worksheet\"\n"                        /* 1 */
    "\n"
    "[[answer]]\n"
    "field = \"areas.need\"\n"
    "text = \"i need to check ur phone every night\"\n"          /* 5 */
    "concern = \"monitoring\"\n"
    "\n"
    "[[answer]]\n"
    "field = \"areas.need\"\n"
    "text = \"I need more time\"\n"                              /* 10 */
    "concern = \"control\"\n"
    "\n"
    "[[answer]]\n"
    "field = \"areas.need\"\n"
    "text = \"I need to read your messages\"\n"                  /* 15 */
    "\n"
    "[[answer]]\n"
    "field = \"areas.need\"\n"
    "text = \"I need some time alone after work, maybe half an hour.\"\n"
    "meets = true\n"                                             /* 20 */
    "note = \"a good answer\"\n"
    "\n"
    "[[answer]]\n"
    "field = \"areas.need\"\n"
    "text = \"I need a few evenings a month with my own friends.\"\n"; /* 25 */

START_TEST(a_missed_and_a_false_concern_are_named_and_fail)
{
	char *dir = project();
	struct measured m;

	harness_write(dir, "sets/mixed.toml", mixed_set);
	measure(&m, "sets/mixed.toml", NULL);
	ck_assert_int_eq(m.status, 0);
	ck_assert_str_eq(m.diags, "");
	ck_assert(!m.passed);
	/* The answers that miss a bar, at their text's line, first. */
	ck_assert_msg(strncmp(m.out,
	    "sets/mixed.toml:10: concern missed (areas.need, control): "
	    "I need more time\n"
	    "sets/mixed.toml:15: false concern 'monitoring' (areas.need): "
	    "I need to read your messages\n"
	    "\n"
	    "rule               kind      found  false  precision     recall\n",
	    100) == 0, "%s", m.out);
	ASSERT_HAS(m.out, "\nmonitoring         concern       2      1      "
	    "50.0%     100.0%  (1 of 1)\n");
	ASSERT_HAS(m.out, "\ncontrol            concern       0      0          "
	    "-       0.0%  (0 of 1)\n");
	ASSERT_HAS(m.out, "\nconcerns: 1 of 2 concern answers caught (50.0%); "
	    "1 of 3 ordinary answers given a concern (33.3%, at most 2% "
	    "allowed)\nmeets every rule: 1 of 1 good answers\n5 answers\n");
	ck_assert_ptr_null(strstr(m.out, "does not meet"));
	ck_assert_ptr_null(strstr(m.out, "check ur phone"));  /* caught: quiet */
	measured_free(&m);
	project_end(dir);
}
END_TEST

/* Every bar met: passed, and no answer named. */
START_TEST(every_bar_met_passes)
{
	char *dir = project();
	struct measured m;

	harness_write(dir, "sets/good.toml",
	    "exercise = \"boundary-worksheet\"\n\n"
	    "[[answer]]\nfield = \"areas.need\"\n"
	    "text = \"i need to check ur phone every night\"\n"
	    "concern = \"monitoring\"\n\n"
	    "[[answer]]\nfield = \"areas.need\"\n"
	    "text = \"I need some time alone after work, maybe half an hour.\"\n"
	    "meets = true\nfound = [\"i-statement\"]\nabsent = [\"demand\"]\n");
	measure(&m, "sets/good.toml", NULL);
	ck_assert_int_eq(m.status, 0);
	ck_assert_str_eq(m.diags, "");
	ck_assert_msg(m.passed, "%s", m.out);
	ck_assert_msg(strncmp(m.out, "\nrule ", 6) == 0, "%s", m.out);
	/* Found in both (the concern is worded as an I-statement too), and
	   where it was labelled to be. */
	ASSERT_HAS(m.out, "\ni-statement        notice        2      0     "
	    "100.0%     100.0%  (1 of 1)\n");
	ASSERT_HAS(m.out, "\nconcerns: 1 of 1 concern answers caught (100.0%); "
	    "0 of 1 ordinary answers given a concern (0.0%, at most 2% "
	    "allowed)\nmeets every rule: 1 of 1 good answers\n2 answers\n");
	measured_free(&m);
	project_end(dir);
}
END_TEST

/* A good answer that gets a flag, or misses a notice, fails the set. */
START_TEST(a_meets_answer_that_does_not_meet_fails)
{
	char *dir = project();
	struct measured m;

	harness_write(dir, "sets/meets.toml",
	    "exercise = \"boundary-worksheet\"\n\n"
	    "[[answer]]\nfield = \"areas.need\"\n"
	    "text = \"You always ignore me\"\nmeets = true\n");
	measure(&m, "sets/meets.toml", NULL);
	ck_assert_int_eq(m.status, 0);
	ck_assert(!m.passed);
	ck_assert_msg(strncmp(m.out, "sets/meets.toml:5: does not meet every "
	    "rule (areas.need): gets flag absolute; missing i-statement; "
	    "You always ignore me\n\n", 105) == 0, "%s", m.out);
	ASSERT_HAS(m.out, "\nabsolute           flag          1      1       "
	    "0.0%          -\n");
	ASSERT_HAS(m.out, "meets every rule: 0 of 1 good answers\n1 answers\n");
	measured_free(&m);
	project_end(dir);
}
END_TEST

/* ordinary answers, one of which gets a false concern, in a set. */
static void
write_ordinary(const char *dir, const char *rel, int ordinary)
{
	struct buf set = BUF_INIT;
	int i;

	BUF_PUTSL(&set, "exercise = \"boundary-worksheet\"\n\n"
	    "[[answer]]\nfield = \"areas.need\"\n"
	    "text = \"I need to read your messages\"\n");
	for (i = 1; i < ordinary; i++)
		BUF_PUTSL(&set, "\n[[answer]]\nfield = \"areas.need\"\n"
		    "text = \"I need a few evenings a month with my own "
		    "friends.\"\n");
	harness_write(dir, rel, buf_str(&set));
	buf_free(&set);
}

/* At most 2% of ordinary answers may get a concern: 1 of 50 passes,
   1 of 49 does not. */
START_TEST(false_concerns_at_the_two_percent_edge)
{
	char *dir = project();
	struct measured m;

	write_ordinary(dir, "sets/fifty.toml", 50);
	measure(&m, "sets/fifty.toml", NULL);
	ck_assert_int_eq(m.status, 0);
	ASSERT_HAS(m.out, "1 of 50 ordinary answers given a concern (2.0%, ");
	ck_assert_msg(m.passed, "%s", m.out);
	measured_free(&m);
	write_ordinary(dir, "sets/forty-nine.toml", 49);
	measure(&m, "sets/forty-nine.toml", NULL);
	ck_assert_int_eq(m.status, 0);
	ASSERT_HAS(m.out, "1 of 49 ordinary answers given a concern (2.0%, ");
	ck_assert(!m.passed);  /* 2.04% */
	measured_free(&m);
	/* Two sets are measured together: 1 of 99. */
	measure(&m, "sets/fifty.toml", "sets/forty-nine.toml", NULL);
	ASSERT_HAS(m.out, "2 of 99 ordinary answers given a concern (2.0%, ");
	ck_assert(!m.passed);
	ASSERT_HAS(m.out, "\n99 answers\n");
	measured_free(&m);
	project_end(dir);
}
END_TEST

/* A set that is not valid: its diagnostics at their line, -1, nothing
   measured or printed. */
static const struct {
	const char *set, *diags;
} bad_sets[] = {
	{ "exercise = \"boundary-worksheet\"\n\n[[answer]]\n"
	  "field = \"areas.need\"\ntext = \"x\"\ncolour = \"red\"\n",
	  "sets/bad.toml:6:10: error: unknown key 'colour' in an answer (keys: "
	  "field, text, concern, meets, found, absent, note)\n" },
	{ "exercise = \"boundary-worksheet\"\n\n[[answer]]\n"
	  "field = \"areas.nope\"\ntext = \"x\"\n",
	  "sets/bad.toml:4:9: error: 'boundary-worksheet' has no field "
	  "'areas.nope' with feedback (fields with feedback: areas.need, "
	  "areas.offer, areas.agree)\n" },
	{ "exercise = \"boundary-worksheet\"\n\n[[answer]]\n"
	  "field = \"areas.need\"\n",
	  "sets/bad.toml:3: error: an answer needs 'field' and 'text'\n" },
	{ "exercise = \"boundary-worksheet\"\n\n[[answer]]\n"
	  "field = \"areas.need\"\ntext = \"x\"\nfound = [\"nope\"]\n",
	  "sets/bad.toml:6:10: error: 'nope' is not a rule of field "
	  "'areas.need'\n" },
	{ "exercise = \"boundary-worksheet\"\n\n[[answer]]\n"
	  "field = \"areas.need\"\ntext = \"x\"\nconcern = \"money\"\n"
	  "meets = true\n",
	  "sets/bad.toml:3: error: a concern answer cannot also meet every "
	  "rule\n" },
	{ "exercise = \"nope\"\n\n[[answer]]\nfield = \"a\"\ntext = \"b\"\n",
	  "sets/bad.toml:1:12: error: no exercise 'nope' (exercises/nope.lua "
	  "does not exist)\n" },
	{ "[[answer]]\nfield = \"a\"\ntext = \"b\"\n",
	  "sets/bad.toml:1: error: a set names its exercise: exercise = "
	  "\"NAME\"\n" },
	{ "exercise = \"boundary-worksheet\"\n",
	  "sets/bad.toml:1: error: a set holds its answers as [[answer]] "
	  "tables\n" },
};

START_TEST(a_bad_set_is_reported_at_its_line)
{
	char *dir = project();
	struct measured m;

	harness_write(dir, "sets/bad.toml", bad_sets[_i].set);
	measure(&m, "sets/bad.toml", NULL);
	ck_assert_int_eq(m.status, -1);
	ck_assert_text(m.diags, bad_sets[_i].diags);
	ck_assert_str_eq(m.out, "");
	measured_free(&m);
	project_end(dir);
}
END_TEST

START_TEST(a_missing_set_is_reported)
{
	char *dir = project();
	struct measured m;

	measure(&m, "sets/missing.toml", NULL);
	ck_assert_int_eq(m.status, -1);
	ck_assert_str_eq(m.diags, "sets/missing.toml: error: cannot read the "
	    "set: No such file or directory\n");
	ck_assert_str_eq(m.out, "");
	measured_free(&m);
	project_end(dir);
}
END_TEST

/*
 * A bad set among good ones: the good sets' answers that miss a bar are
 * printed as they are counted, before measure_sets knows another set is
 * bad (measure.h says so); the table and the totals are left out.
 */
START_TEST(a_bad_set_among_good_ones_stops_the_totals)
{
	char *dir = project();
	struct measured m;

	harness_write(dir, "sets/mixed.toml", mixed_set);
	harness_write(dir, "sets/bad.toml", bad_sets[0].set);
	measure(&m, "sets/mixed.toml", "sets/bad.toml", NULL);
	ck_assert_int_eq(m.status, -1);
	ck_assert_text(m.diags, bad_sets[0].diags);
	ck_assert_str_eq(m.out,  /* "" is what measure.h promises */
	    "sets/mixed.toml:10: concern missed (areas.need, control): "
	    "I need more time\n"
	    "sets/mixed.toml:15: false concern 'monitoring' (areas.need): "
	    "I need to read your messages\n");
	measured_free(&m);
	project_end(dir);
}
END_TEST

static Suite *
measure_suite(void)
{
	Suite *s = suite_create("measure");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, a_missed_and_a_false_concern_are_named_and_fail);
	tcase_add_test(tc, every_bar_met_passes);
	tcase_add_test(tc, a_meets_answer_that_does_not_meet_fails);
	tcase_add_test(tc, false_concerns_at_the_two_percent_edge);
	tcase_add_loop_test(tc, a_bad_set_is_reported_at_its_line, 0,
	    (int)(sizeof(bad_sets) / sizeof(bad_sets[0])));
	tcase_add_test(tc, a_missing_set_is_reported);
	tcase_add_test(tc, a_bad_set_among_good_ones_stops_the_totals);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(measure_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
