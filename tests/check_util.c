/*
 * Unit tests for util (allocation, files, UTF-8); buf has its own suite,
 * tests/check_buf.c.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "lib/util.h"

START_TEST(utf8_validation)
{
	size_t bad = 99;

	ck_assert(util_utf8_valid("plain", 5, NULL));
	ck_assert(util_utf8_valid("I\xe2\x80\x99m sorry \xf0\x9f\x92\x9c", 16, NULL));
	ck_assert(!util_utf8_valid("ab\xc3", 3, &bad));  /* truncated */
	ck_assert_uint_eq(bad, 2);
	ck_assert(!util_utf8_valid("\xc0\xaf", 2, &bad));  /* overlong "/" */
	ck_assert_uint_eq(bad, 0);
	ck_assert(!util_utf8_valid("x\xed\xa0\x80", 4, &bad));  /* surrogate */
	ck_assert_uint_eq(bad, 1);
	ck_assert(!util_utf8_valid("\xf4\x90\x80\x80", 4, NULL));  /* > U+10FFFF */
}
END_TEST

START_TEST(utf8_round_trip)
{
	unsigned long cps[] = { 0x41, 0xE9, 0x2019, 0x1F49C, 0x10FFFF };
	char out[4];
	size_t i, n, used;

	for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		n = util_utf8_encode(cps[i], out);
		ck_assert_int_eq(util_utf8_decode((unsigned char *)out, n, &used),
		    (long)cps[i]);
		ck_assert_uint_eq(used, n);
	}
}
END_TEST

START_TEST(line_and_column)
{
	int line, col;

	util_line_col("ab\ncd\nef", 4, &line, &col);
	ck_assert_int_eq(line, 2);
	ck_assert_int_eq(col, 2);
	util_line_col("ab", 0, &line, &col);
	ck_assert_int_eq(line, 1);
	ck_assert_int_eq(col, 1);
}
END_TEST

START_TEST(edit_distance_and_hex_digits)
{
	ck_assert_uint_eq(util_edit_distance("titel", "title"), 2);
	ck_assert_uint_eq(util_edit_distance("theme", "theme"), 0);
	ck_assert_uint_eq(util_edit_distance("", "abc"), 3);
	ck_assert_uint_eq(util_edit_distance("kitten", "sitting"), 3);
	ck_assert_uint_eq(util_edit_distance("x", "0123456789012345678901234567890"
	    "12345678901234567890123456789012345"), 99);
	ck_assert_int_eq(util_hex_value('7'), 7);
	ck_assert_int_eq(util_hex_value('b'), 11);
	ck_assert_int_eq(util_hex_value('F'), 15);
	ck_assert_int_eq(util_hex_value('g'), -1);
}
END_TEST

/* Ids: words of a-z and 0-9 joined by single '-', so that the forms'
   ids, which join them with "--", can never clash. */
START_TEST(ids_join_without_clashing)
{
	char longest[66];

	ck_assert(util_id_valid("areas"));
	ck_assert(util_id_valid("i-statement"));
	ck_assert(util_id_valid("2nd"));
	ck_assert(util_id_valid("a-b-c"));
	ck_assert(!util_id_valid("-x"));
	ck_assert(!util_id_valid("x-"));
	ck_assert(!util_id_valid("a--b")); /* field "a", row "b" */
	ck_assert(!util_id_valid("Area"));
	ck_assert(!util_id_valid("a.b"));
	ck_assert(!util_id_valid("a b"));
	ck_assert(!util_id_valid(""));
	memset(longest, 'a', 64);
	longest[64] = '\0';
	ck_assert(util_id_valid(longest));
	longest[64] = 'a';
	longest[65] = '\0';
	ck_assert(!util_id_valid(longest));
}
END_TEST

START_TEST(read_file_whole_and_missing)
{
	char *dir = harness_tmpdir();
	char path[512];
	char *data;
	size_t len;

	harness_write(dir, "a.txt", "line one\nline two\n");
	snprintf(path, sizeof(path), "%s/a.txt", dir);
	ck_assert_int_eq(util_read_file(path, &data, &len), 0);
	ck_assert_uint_eq(len, 18);
	ck_assert_str_eq(data, "line one\nline two\n");
	free(data);
	snprintf(path, sizeof(path), "%s/missing.txt", dir);
	ck_assert_int_eq(util_read_file(path, &data, &len), -1);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

static Suite *
util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, utf8_validation);
	tcase_add_test(tc, utf8_round_trip);
	tcase_add_test(tc, line_and_column);
	tcase_add_test(tc, edit_distance_and_hex_digits);
	tcase_add_test(tc, ids_join_without_clashing);
	tcase_add_test(tc, read_file_whole_and_missing);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(util_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
