/*
 * The command line as a user meets it: help, version, unknown commands and
 * options, exit statuses.  Runs the real binary ($MEND_BIN).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

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
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(cli_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
