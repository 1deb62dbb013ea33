/*
 * buf as its callers use it (buf.h): a buffer that starts empty and reads
 * as "", stays NUL-terminated through every kind of put, grows by
 * doubling, holds any bytes (a NUL among them), formats with printf past
 * its first allocation, escapes the five HTML characters, gives memory
 * back (shrink), keeps it (reset), hands its contents over (detach) and
 * can be used again after buf_free.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "harness.h"

START_TEST(buf_grows_and_stays_terminated)
{
	struct buf b = BUF_INIT;
	int i;

	ck_assert_str_eq(buf_str(&b), "");
	for (i = 0; i < 1000; i++)
		buf_putc(&b, 'x');
	BUF_PUTSL(&b, "end");
	ck_assert_uint_eq(b.len, 1003);
	ck_assert_uint_eq(strlen(b.data), 1003);
	ck_assert_str_eq(b.data + 1000, "end");
	buf_reset(&b);
	ck_assert_str_eq(buf_str(&b), "");
	buf_printf(&b, "%s %d %0300d", "page", 42, 7);
	ck_assert_uint_eq(b.len, 8 + 300);
	ck_assert(strncmp(b.data, "page 42 000", 11) == 0);
	buf_free(&b);
}
END_TEST

START_TEST(buf_escapes_html)
{
	struct buf b = BUF_INIT;
	const char *s = "<a href=\"x\">Tom & Jerry's</a>";
	char *owned;

	buf_put_html(&b, s, strlen(s));
	ck_assert_str_eq(buf_str(&b),
	    "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
	owned = buf_detach(&b);
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.len, 0);
	free(owned);
	owned = buf_detach(&b);  /* an empty buffer detaches as "" */
	ck_assert_str_eq(owned, "");
	free(owned);
}
END_TEST

/* Untouched, a buffer has no memory and reads as ""; a first put of
   nothing at all still makes it a C string. */
START_TEST(untouched_reads_empty_and_an_empty_put_allocates)
{
	struct buf b = BUF_INIT;

	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(buf_str(&b), "");
	buf_put(&b, "ignored", 0);
	ck_assert_ptr_nonnull(b.data);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(b.data, "");
	buf_puts(&b, "");
	ck_assert_str_eq(buf_str(&b), "");
	buf_free(&b);
	buf_free(&b);  /* twice: the first left it as if initialised */
}
END_TEST

/* Every put appends, and the contents are NUL-terminated after each. */
START_TEST(puts_append_in_order_and_terminate)
{
	struct buf b = BUF_INIT;

	buf_put(&b, "steps/xyz", 6);  /* only the first 6 bytes */
	ck_assert_str_eq(buf_str(&b), "steps/");
	buf_puts(&b, "calm");
	ck_assert_str_eq(buf_str(&b), "steps/calm");
	buf_putc(&b, '/');
	ck_assert_str_eq(buf_str(&b), "steps/calm/");
	BUF_PUTSL(&b, "index.html");
	ck_assert_str_eq(buf_str(&b), "steps/calm/index.html");
	ck_assert_uint_eq(b.len, strlen("steps/calm/index.html"));
	buf_printf(&b, "#%s-%d", "part", 2);
	ck_assert_str_eq(buf_str(&b), "steps/calm/index.html#part-2");
	ck_assert_uint_eq(b.len, strlen(b.data));
	buf_free(&b);
}
END_TEST

/* Bytes, not characters: a NUL or invalid UTF-8 is kept as given. */
START_TEST(holds_any_bytes)
{
	struct buf b = BUF_INIT;

	buf_put(&b, "a\0b", 3);
	buf_putc(&b, '\0');
	buf_put(&b, "\xff\xc3", 2);
	ck_assert_uint_eq(b.len, 6);
	ck_assert_mem_eq(b.data, "a\0b\0\xff\xc3", 7);  /* and the NUL after */
	ck_assert_uint_eq(strlen(buf_str(&b)), 1);  /* as a C string: "a" */
	buf_free(&b);
}
END_TEST

/* Room for at least the bytes asked for, and the NUL; growing doubles,
   so a buffer filled a byte at a time is never more than twice its need. */
START_TEST(grows_by_doubling_with_room_for_the_nul)
{
	struct buf b = BUF_INIT;
	size_t i, reallocs = 0, cap = 0, short_of_room = 0;

	BUF_PUTSL(&b, "abc");
	buf_grow(&b, 1000);
	ck_assert_uint_ge(b.cap, 3 + 1000 + 1);
	ck_assert_str_eq(buf_str(&b), "abc");  /* contents kept */
	ck_assert_uint_eq(b.len, 3);
	buf_free(&b);

	for (i = 0; i < 100000; i++) {
		buf_putc(&b, (char)('a' + i % 26));
		short_of_room += b.cap < b.len + 1;
		if (b.cap != cap) {
			reallocs++;
			cap = b.cap;
		}
	}
	ck_assert_uint_eq(short_of_room, 0);
	ck_assert_uint_le(b.cap, 2 * (b.len + 1));
	ck_assert_uint_le(reallocs, 20);  /* log2(100000) is about 17 */
	ck_assert_uint_eq(strlen(b.data), 100000);
	ck_assert_int_eq(b.data[99999], 'a' + 99999 % 26);
	buf_free(&b);
}
END_TEST

/* Growing an untouched buffer makes room and leaves it reading as "". */
START_TEST(grow_on_an_untouched_buffer_then_put)
{
	struct buf b = BUF_INIT;

	buf_grow(&b, 100);
	ck_assert_ptr_nonnull(b.data);
	ck_assert_uint_ge(b.cap, 101);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(buf_str(&b), "");
	buf_put(&b, "", 0);
	ck_assert_str_eq(buf_str(&b), "");
	buf_free(&b);
}
END_TEST

static void
append_formatted(struct buf *b, const char *fmt, ...) MEND_PRINTF(2, 3);

static void
append_formatted(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

/* printf appends, however long the result; vprintf is the same from a
   caller's own variadic function. */
START_TEST(printf_appends_short_and_long)
{
	struct buf b = BUF_INIT, want = BUF_INIT;
	int i;

	buf_printf(&b, "%s", "");
	ck_assert_str_eq(buf_str(&b), "");
	buf_printf(&b, "%d page%s", 1, "");
	append_formatted(&b, ", %zu link%s", (size_t)3, "s");
	ck_assert_str_eq(buf_str(&b), "1 page, 3 links");
	for (i = 0; i < 500; i++)
		BUF_PUTSL(&want, "0123456789");
	/* 5,000 bytes past 15: more than any first allocation holds. */
	buf_printf(&b, "|%s|", buf_str(&want));
	ck_assert_uint_eq(b.len, 15 + 2 + 5000);
	ck_assert(strncmp(b.data, "1 page, 3 links|0123", 20) == 0);
	ck_assert_str_eq(b.data + b.len - 3, "89|");
	ck_assert_uint_eq(strlen(b.data), b.len);
	buf_reset(&b);
	append_formatted(&b, "%s and %s", buf_str(&want), buf_str(&want));
	ck_assert_uint_eq(b.len, 10005);
	ck_assert_mem_eq(b.data + 5000, " and 0123", 9);
	buf_free(&b);
	buf_free(&want);
}
END_TEST

/* Only the five characters are escaped, only len bytes are read, and
   the escaped text is appended to what is there. */
START_TEST(html_escapes_only_five_within_len)
{
	struct buf b = BUF_INIT;
	const char *s = "a&b<c>d\"e'f&<";

	BUF_PUTSL(&b, "<p>");
	buf_put_html(&b, s, 11);  /* up to and including the 'f' */
	ck_assert_str_eq(buf_str(&b), "<p>a&amp;b&lt;c&gt;d&quot;e&#39;f");
	buf_reset(&b);
	buf_put_html(&b, "caf\xc3\xa9 / 50% = {x}", 17);
	ck_assert_str_eq(buf_str(&b), "caf\xc3\xa9 / 50% = {x}");
	buf_reset(&b);
	buf_put_html(&b, "&&", 2);
	ck_assert_str_eq(buf_str(&b), "&amp;&amp;");
	buf_reset(&b);
	buf_put_html(&b, "x", 0);
	ck_assert_str_eq(buf_str(&b), "");
	buf_free(&b);
}
END_TEST

/* Shrink gives back what is past the contents and keeps them; on an
   untouched buffer it does nothing. */
START_TEST(shrink_keeps_the_contents)
{
	struct buf b = BUF_INIT;

	buf_shrink(&b);
	ck_assert_ptr_null(b.data);
	ck_assert_str_eq(buf_str(&b), "");
	buf_grow(&b, 4096);
	BUF_PUTSL(&b, "kept");
	ck_assert_uint_gt(b.cap, 5);
	buf_shrink(&b);
	ck_assert_uint_eq(b.cap, 5);
	ck_assert_str_eq(buf_str(&b), "kept");
	BUF_PUTSL(&b, " and more");  /* and it still grows */
	ck_assert_str_eq(buf_str(&b), "kept and more");
	buf_free(&b);
}
END_TEST

/* Reset keeps the memory for reuse. */
START_TEST(reset_keeps_the_memory)
{
	struct buf b = BUF_INIT;
	const char *data;
	size_t cap;

	buf_reset(&b);  /* untouched: still untouched */
	ck_assert_ptr_null(b.data);
	buf_printf(&b, "%0500d", 0);
	data = b.data;
	cap = b.cap;
	buf_reset(&b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(buf_str(&b), "");
	ck_assert_ptr_eq(b.data, data);
	ck_assert_uint_eq(b.cap, cap);
	BUF_PUTSL(&b, "again");
	ck_assert_ptr_eq(b.data, data);
	ck_assert_str_eq(buf_str(&b), "again");
	buf_free(&b);
}
END_TEST

/* Detach hands the contents over (the caller frees them) and leaves an
   empty buffer that can be filled again. */
START_TEST(detach_hands_over_and_leaves_empty)
{
	struct buf b = BUF_INIT;
	char *first, *second;

	buf_printf(&b, "%s/%s", "steps", "calm");
	first = buf_detach(&b);
	ck_assert_str_eq(first, "steps/calm");
	ck_assert_str_eq(buf_str(&b), "");
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.cap, 0);
	BUF_PUTSL(&b, "next");
	second = buf_detach(&b);
	ck_assert_str_eq(second, "next");
	ck_assert_str_eq(first, "steps/calm");  /* untouched by the reuse */
	free(first);
	free(second);
	buf_reset(&b);
	second = buf_detach(&b);  /* never NULL */
	ck_assert_ptr_nonnull(second);
	ck_assert_str_eq(second, "");
	free(second);
}
END_TEST

/* After buf_free a buffer is as if just initialised. */
START_TEST(free_leaves_it_reusable)
{
	struct buf b = BUF_INIT;

	BUF_PUTSL(&b, "first life");
	buf_free(&b);
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.cap, 0);
	ck_assert_str_eq(buf_str(&b), "");
	BUF_PUTSL(&b, "second");
	ck_assert_str_eq(buf_str(&b), "second");
	buf_free(&b);
}
END_TEST

static Suite *
buf_suite(void)
{
	Suite *s = suite_create("buf");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, buf_grows_and_stays_terminated);
	tcase_add_test(tc, buf_escapes_html);
	tcase_add_test(tc, untouched_reads_empty_and_an_empty_put_allocates);
	tcase_add_test(tc, puts_append_in_order_and_terminate);
	tcase_add_test(tc, holds_any_bytes);
	tcase_add_test(tc, grows_by_doubling_with_room_for_the_nul);
	tcase_add_test(tc, grow_on_an_untouched_buffer_then_put);
	tcase_add_test(tc, printf_appends_short_and_long);
	tcase_add_test(tc, html_escapes_only_five_within_len);
	tcase_add_test(tc, shrink_keeps_the_contents);
	tcase_add_test(tc, reset_keeps_the_memory);
	tcase_add_test(tc, detach_hands_over_and_leaves_empty);
	tcase_add_test(tc, free_leaves_it_reusable);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(buf_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
