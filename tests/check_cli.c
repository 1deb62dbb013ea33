/*
 * The command line as a user meets it: help, version, unknown commands and
 * options, exit statuses.  Runs the real binary ($MEND_BIN).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/*
 * Two throw-away folders the tests run in: one empty, and one project
 * (the fixture site tests/sites/base, which uses no exercise, with one
 * exercise script, "tiny", that has a field and no feedback rules).
 */
static char *empty_dir;
static char *site_dir;

static void
make_dirs(void)
{
	char src[4096];

	empty_dir = harness_tmpdir();
	site_dir = harness_tmpdir();
	snprintf(src, sizeof(src), "%s/tests/sites/base", harness_root());
	harness_copytree(src, site_dir);
	harness_write(site_dir, "exercises/tiny.lua",
	    "return exercise { title = \"Tiny\",\n"
	    "  fields = { short_text { id = \"note\", label = \"Note\" } } }\n");
}

static void
remove_dirs(void)
{
	harness_rmtree(empty_dir);
	harness_rmtree(site_dir);
	free(empty_dir);
	free(site_dir);
}

/* What every command's full help ends with. */
static const char help_footer[] =
    "\nOptions every command takes:\n"
    "  --format text|json  diagnostics as text (default) or JSON lines\n"
    "  -h, --help          show this help\n";

/* Each command's help: how it is asked for, and its first line. */
static const struct {
	const char *args[4];  /* the command line that asks for it; NULL-ended */
	const char *usage;    /* the help's first line */
} helps[] = {
	{ { "build", "--help" }, "usage: mend build [-o DIR] [--drafts] "
	  "[--base-url URL] [--no-check]\n" },
	{ { "build", "-h" }, "usage: mend build [-o DIR] [--drafts] "
	  "[--base-url URL] [--no-check]\n" },
	{ { "check", "--help" }, "usage: mend check [DIR] [--external] [-j N] [-q]\n" },
	{ { "check", "DIR", "-h" }, "usage: mend check [DIR] [--external] [-j N] [-q]\n" },
	{ { "pdf", "--help" }, "usage: mend pdf [NAME] [--paper a4|letter] [-o DIR] [-q]\n" },
	{ { "exercise", "--help" }, "usage: mend exercise test [NAME]\n" },
	{ { "exercise", "test", "--help" }, "usage: mend exercise test [NAME]\n" },
	{ { "exercise", "check", "-h" }, "usage: mend exercise test [NAME]\n" },
	{ { "exercise", "measure", "--help" }, "usage: mend exercise test [NAME]\n" },
	{ { "debug", "--help" }, "usage: mend debug toml [FILE]\n" },
	{ { "debug", "toml", "-h" }, "usage: mend debug toml [FILE]\n" },
	{ { "debug", "template", "--help" }, "usage: mend debug toml [FILE]\n" },
};

/*
 * A command's --help (or -h, also after its sub-command or an argument)
 * prints the command's full help on standard output, exactly what `mend
 * help COMMAND` prints, and exits 0.
 */
START_TEST(each_command_has_its_help)
{
	struct run r, same;

	run_mendv(&r, empty_dir, NULL, helps[_i].args);
	run_mend(&same, empty_dir, NULL, "help", helps[_i].args[0], NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.err, "");
	ck_assert_msg(strncmp(r.out, helps[_i].usage, strlen(helps[_i].usage)) == 0,
	    "mend %s %s: the help starts %.80s", helps[_i].args[0],
	    helps[_i].args[1], r.out);
	ck_assert(strlen(r.out) > strlen(help_footer));
	ck_assert_str_eq(r.out + strlen(r.out) - strlen(help_footer), help_footer);
	ck_assert_int_eq(same.status, 0);
	ck_assert_str_eq(same.out, r.out);
	run_free(&r);
	run_free(&same);
}
END_TEST

/* Where a usage case runs. */
enum where { EMPTY, SITE };

/* A command line that is wrong: the exact message, exit status 2. */
static const struct {
	enum where where;
	const char *input;    /* standard input, or NULL */
	const char *args[8];  /* NULL-terminated */
	const char *err;      /* standard error, exactly */
} usage_errors[] = {
	{ EMPTY, NULL, { "build", "extra" },
	  "mend build: unexpected argument 'extra' (try 'mend help build')\n" },
	{ EMPTY, NULL, { "build", "\033]0;x\007\033[2J" },
	  "mend build: unexpected argument '\\x1b]0;x\\x07\\x1b[2J' "
	  "(try 'mend help build')\n" },
	{ EMPTY, NULL, { "build", "--no-check", "--external" },
	  "mend build: --external needs the check: drop --no-check "
	  "(try 'mend help build')\n" },
	{ EMPTY, NULL, { "build", "-j", "0" },
	  "mend build: --jobs wants a number of threads from 1 to 64, not '0' "
	  "(try 'mend help build')\n" },
	{ EMPTY, NULL, { "build", "-qz" },
	  "mend build: unknown option '-z' (try 'mend help build')\n" },
	{ EMPTY, NULL, { "build", "--output" },
	  "mend build: option '--output' needs a value (try 'mend help build')\n" },
	{ EMPTY, NULL, { "build", "--format", "yaml" },
	  "mend build: unknown format 'yaml': use text or json "
	  "(try 'mend help build')\n" },
	{ EMPTY, NULL, { "check" },
	  "mend check: which folder? name it: mend check DIR (or run mend check "
	  "in a project, next to site.toml) (try 'mend help check')\n" },
	{ EMPTY, NULL, { "check", "a", "b" },
	  "mend check: unexpected argument 'b' (try 'mend help check')\n" },
	{ EMPTY, NULL, { "check", "--jobs", "x" },
	  "mend check: --jobs wants a number of threads from 1 to 64, not 'x' "
	  "(try 'mend help check')\n" },
	{ EMPTY, NULL, { "check", "--frobnicate" },
	  "mend check: unknown option '--frobnicate' (try 'mend help check')\n" },
	{ EMPTY, NULL, { "pdf", "--paper", "a5" },
	  "mend pdf: unknown paper 'a5': use a4 or letter (try 'mend help pdf')\n" },
	{ EMPTY, NULL, { "pdf", "a", "b" },
	  "mend pdf: unexpected argument 'b' (try 'mend help pdf')\n" },
	{ EMPTY, NULL, { "pdf", "-p" },
	  "mend pdf: option '-p' needs a value (try 'mend help pdf')\n" },
	{ SITE, NULL, { "pdf", "nosuch" },
	  "mend pdf: no PDF is named 'nosuch': name one of booklet, "
	  "booklet-facilitator (try 'mend help pdf')\n" },
	{ EMPTY, NULL, { "exercise" },
	  "mend exercise: missing sub-command: test, check or measure "
	  "(try 'mend help exercise')\n" },
	{ EMPTY, NULL, { "exercise", "frob" },
	  "mend exercise: unknown sub-command 'frob': use test, check or measure "
	  "(try 'mend help exercise')\n" },
	{ EMPTY, NULL, { "exercise", "--frob" },
	  "mend exercise: unknown option '--frob' (try 'mend help exercise')\n" },
	{ EMPTY, NULL, { "exercise", "test", "a", "b" },
	  "mend exercise: unexpected argument 'b' (try 'mend help exercise')\n" },
	{ EMPTY, NULL, { "exercise", "test", "Bad_Name" },
	  "mend exercise: 'Bad_Name' is not an exercise name (lower-case letters "
	  "and digits, with single '-' between them) (try 'mend help exercise')\n" },
	{ EMPTY, NULL, { "exercise", "test", "nosuch" },
	  "mend exercise: no exercise 'nosuch' (exercises/nosuch.lua does not "
	  "exist) (try 'mend help exercise')\n" },
	{ EMPTY, NULL, { "exercise", "test", "--frob" },
	  "mend exercise: unknown option '--frob' (try 'mend help exercise')\n" },
	{ EMPTY, NULL, { "exercise", "check" },
	  "mend exercise: check needs an exercise name (try 'mend help exercise')\n" },
	{ SITE, NULL, { "exercise", "check", "tiny" },
	  "mend exercise: give the answer with --answer TEXT, or - to read it "
	  "from standard input (try 'mend help exercise')\n" },
	{ SITE, "an answer", { "exercise", "check", "tiny", "-", "extra" },
	  "mend exercise: unexpected argument 'extra' (try 'mend help exercise')\n" },
	{ SITE, NULL, { "exercise", "check", "tiny", "--answer", " \n " },
	  "mend exercise: the answer is empty (try 'mend help exercise')\n" },
	{ SITE, "", { "exercise", "check", "tiny", "-" },
	  "mend exercise: the answer is empty (nothing on standard input) "
	  "(try 'mend help exercise')\n" },
	{ SITE, NULL, { "exercise", "check", "Bad_Name", "--answer", "x" },
	  "mend exercise: 'Bad_Name' is not an exercise name (lower-case letters "
	  "and digits, with single '-' between them) (try 'mend help exercise')\n" },
	{ SITE, NULL, { "exercise", "check", "nosuch", "--answer", "x" },
	  "mend exercise: no exercise 'nosuch' (exercises/nosuch.lua does not "
	  "exist) (try 'mend help exercise')\n" },
	{ SITE, NULL, { "exercise", "check", "tiny", "--answer", "x" },
	  "mend exercise: 'tiny' has no field with feedback "
	  "(try 'mend help exercise')\n" },
	{ SITE, NULL, { "exercise", "check", "tiny", "--answer", "x", "--field",
	  "note" },
	  "mend exercise: 'tiny' has no field 'note' with feedback (fields with "
	  "feedback: none) (try 'mend help exercise')\n" },
	{ EMPTY, NULL, { "exercise", "measure" },
	  "mend exercise: measure needs a labelled set: mend exercise measure "
	  "FILE... (see tests/answers/README.md) (try 'mend help exercise')\n" },
	{ EMPTY, NULL, { "exercise", "measure", "--frob" },
	  "mend exercise: unknown option '--frob' (try 'mend help exercise')\n" },
	{ EMPTY, NULL, { "debug" },
	  "mend debug: which tool? (toml or template) (try 'mend help debug')\n" },
	{ EMPTY, NULL, { "debug", "frob" },
	  "mend debug: unknown tool 'frob' (try 'mend help debug')\n" },
	{ EMPTY, NULL, { "debug", "model" },
	  "mend debug: name one exercise: mend debug model NAME "
	  "(try 'mend help debug')\n" },
	{ EMPTY, NULL, { "debug", "form", "Bad_Name" },
	  "mend debug: 'Bad_Name' is not an exercise name (try 'mend help debug')\n" },
	{ EMPTY, NULL, { "help", "a", "b" },
	  "mend help: too many arguments (try 'mend help help')\n" },
	{ EMPTY, NULL, { "help", "frob" },
	  "mend help: unknown command 'frob' (try 'mend help help')\n" },
};

/* Each wrong command line gets its one-line message and exit status 2. */
START_TEST(usage_errors_are_exact)
{
	struct run r;

	run_mendv(&r, usage_errors[_i].where == SITE ? site_dir : empty_dir,
	    usage_errors[_i].input, usage_errors[_i].args);
	ck_assert_msg(r.status == 2, "mend %s %s: exit status %d",
	    usage_errors[_i].args[0], usage_errors[_i].args[1] ?
	    usage_errors[_i].args[1] : "", r.status);
	ck_assert_str_eq(r.err, usage_errors[_i].err);
	ck_assert_str_eq(r.out, "");
	run_free(&r);
}
END_TEST

/*
 * The debug tools name themselves in their usage errors ("mend debug
 * template: ..."); exit status 2, nothing on standard output.
 */
START_TEST(debug_tools_name_themselves)
{
	struct run r;

	run_mend(&r, empty_dir, NULL, "debug", "toml", "a", "b", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.out, "");
	ck_assert(strncmp(r.err, "mend debug toml: too many arguments (", 37) == 0);
	run_free(&r);
	run_mend(&r, empty_dir, NULL, "debug", "template", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert(strncmp(r.err, "mend debug template: which template? name a "
	    "file (", 50) == 0);
	run_free(&r);
	run_mend(&r, empty_dir, NULL, "debug", "template", "--frob", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert(strncmp(r.err, "mend debug template: unknown option '--frob' (",
	    46) == 0);
	run_free(&r);
	run_mend(&r, empty_dir, NULL, "debug", "template", "x.mustache", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert(strncmp(r.err, "mend debug template: --data DATA.json is "
	    "required (", 51) == 0);
	run_free(&r);
}
END_TEST

START_TEST(help_lists_commands_and_exit_codes)
{
	struct run r;

	run_mend(&r, NULL, NULL, "--help", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "usage: mend"));
	ck_assert_ptr_nonnull(strstr(r.out, "  debug "));
	ck_assert_ptr_nonnull(strstr(r.out, "Exit status: 0 success"));
	ck_assert_str_eq(r.err, "");
	run_free(&r);
}
END_TEST

START_TEST(version_prints_one_line)
{
	struct run r;

	run_mend(&r, NULL, NULL, "--version", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert(strncmp(r.out, "mend ", 5) == 0);
	ck_assert_ptr_eq(strchr(r.out, '\n'), r.out + strlen(r.out) - 1);
	run_free(&r);
}
END_TEST

START_TEST(help_command_shows_one_command)
{
	struct run r;

	run_mend(&r, NULL, NULL, "help", "debug", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "usage: mend debug toml"));
	run_free(&r);
	run_mend(&r, NULL, NULL, "debug", "--help", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "usage: mend debug toml"));
	run_free(&r);
}
END_TEST

START_TEST(unknown_command_is_a_usage_error)
{
	struct run r;

	run_mend(&r, NULL, NULL, "frobnicate", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.out, "");
	ck_assert_str_eq(r.err, "mend: unknown command 'frobnicate' (try 'mend help')\n");
	run_free(&r);
	run_mend(&r, NULL, NULL, "help", "frobnicate", NULL);
	ck_assert_int_eq(r.status, 2);
	run_free(&r);
}
END_TEST

START_TEST(unknown_option_is_a_usage_error)
{
	struct run r;

	run_mend(&r, NULL, NULL, "--frobnicate", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "mend: unknown option '--frobnicate' (try 'mend help')\n");
	run_free(&r);
	run_mend(&r, NULL, NULL, "--format", "yaml", "help", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "unknown format 'yaml'"));
	run_free(&r);
}
END_TEST

START_TEST(missing_directory_for_C)
{
	struct run r;

	run_mend(&r, NULL, NULL, "-C", "/nonexistent/mend-dir", "help", NULL);
	ck_assert_int_eq(r.status, 4);
	ck_assert_str_eq(r.err,
	    "/nonexistent/mend-dir: error: cannot enter directory: No such file or directory\n");
	run_free(&r);
}
END_TEST

static Suite *
cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, help_lists_commands_and_exit_codes);
	tcase_add_test(tc, version_prints_one_line);
	tcase_add_test(tc, help_command_shows_one_command);
	tcase_add_test(tc, unknown_command_is_a_usage_error);
	tcase_add_test(tc, unknown_option_is_a_usage_error);
	tcase_add_test(tc, missing_directory_for_C);
	tcase_add_loop_test(tc, each_command_has_its_help, 0,
	    (int)(sizeof(helps) / sizeof(helps[0])));
	tcase_add_loop_test(tc, usage_errors_are_exact, 0,
	    (int)(sizeof(usage_errors) / sizeof(usage_errors[0])));
	tcase_add_test(tc, debug_tools_name_themselves);
	tcase_add_unchecked_fixture(tc, make_dirs, remove_dirs);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(cli_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
