/*
 * hash as the checks use it (hash.h): keys added with a number and looked
 * up again, a key added twice keeps its first number, keys are bytes with
 * a length (a part of a longer string, a NUL inside, the empty key, a key
 * larger than any arena chunk), the table copies what it is given, grows
 * far past the size it was made for, and can be read by several threads
 * at once.
 */
#include <check.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "lib/hash.h"
#include "lib/pool.h"
#include "lib/util.h"

START_TEST(hash_holds_what_it_is_given)
{
	struct hash *h = hash_new(0);
	char key[32];
	size_t v = 0, i;

	ck_assert(!hash_get(h, "x", 1, &v));
	ck_assert(hash_add(h, "steps/x/index.html", 18, 7, NULL));
	ck_assert(!hash_add(h, "steps/x/index.html", 18, 9, &v));
	ck_assert_uint_eq(v, 7); /* the first value stays */
	ck_assert(hash_get(h, "steps/x/index.html", 18, &v));
	ck_assert_uint_eq(v, 7);
	/* A part of a longer string, without a copy. */
	ck_assert(hash_get(h, "steps/x/index.html#frag", 18, NULL));
	ck_assert(!hash_get(h, "steps/x/index.htm", 17, NULL));
	ck_assert(hash_add(h, "", 0, 1, NULL)); /* the empty key is a key */
	ck_assert(hash_get(h, "", 0, NULL));
	for (i = 0; i < 20000; i++) { /* growth keeps every key */
		int n = snprintf(key, sizeof(key), "page-%zu", i);

		ck_assert(hash_add(h, key, (size_t)n, i, NULL));
	}
	for (i = 0; i < 20000; i++) {
		int n = snprintf(key, sizeof(key), "page-%zu", i);

		ck_assert(hash_get(h, key, (size_t)n, &v));
		ck_assert_uint_eq(v, i);
	}
	ck_assert_uint_eq(hash_count(h), 20002);
	ck_assert_uint_eq(hash_count(NULL), 0);
	ck_assert(!hash_get(NULL, "x", 1, NULL));
	hash_free(h);
	hash_free(NULL);
}
END_TEST

/* A new table is empty whatever size it was made for; NULL reads as an
   empty table. */
START_TEST(new_tables_are_empty)
{
	size_t sizes[] = { 0, 1, 16, 1000 };
	size_t i, v = 42;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct hash *h = hash_new(sizes[i]);

		ck_assert_uint_eq(hash_count(h), 0);
		ck_assert(!hash_get(h, "index.html", 10, &v));
		ck_assert(!hash_get(h, "", 0, &v));
		hash_free(h);
	}
	ck_assert(!hash_get(NULL, "index.html", 10, &v));
	ck_assert_uint_eq(v, 42);  /* *value untouched when not found */
}
END_TEST

/* Adding a key again changes nothing and says what it has; old may be
   NULL; the count counts keys, not adds. */
START_TEST(a_duplicate_is_refused_and_its_value_given)
{
	struct hash *h = hash_new(4);
	size_t old = 0, v = 0;

	ck_assert(hash_add(h, "about/", 6, 3, &old));
	ck_assert_uint_eq(old, 0);  /* not set when the key is new */
	ck_assert(!hash_add(h, "about/", 6, 5, &old));
	ck_assert_uint_eq(old, 3);
	ck_assert(!hash_add(h, "about/", 6, 8, NULL));
	ck_assert_uint_eq(hash_count(h), 1);
	ck_assert(hash_get(h, "about/", 6, &v));
	ck_assert_uint_eq(v, 3);
	ck_assert(hash_get(h, "about/", 6, NULL));  /* value may be NULL */
	/* Keys differ by case and by a byte. */
	ck_assert(hash_add(h, "About/", 6, 4, NULL));
	ck_assert(hash_add(h, "about", 5, 6, NULL));
	ck_assert_uint_eq(hash_count(h), 3);
	ck_assert(hash_get(h, "about", 5, &v));
	ck_assert_uint_eq(v, 6);
	hash_free(h);
}
END_TEST

/* A key is len bytes: not NUL-terminated, or with NULs inside. */
START_TEST(keys_are_bytes_with_a_length)
{
	struct hash *h = hash_new(8);
	const char text[] = "steps/calm/#breathe steps/calm/#pause";
	const char ids[] = { 'a', '\0', 'b', 'a', '\0', 'c' };
	size_t v = 0;

	ck_assert(hash_add(h, text, 11, 1, NULL));       /* "steps/calm/" */
	ck_assert(hash_add(h, text + 11, 8, 2, NULL));   /* "#breathe" */
	ck_assert(!hash_add(h, text + 20, 11, 3, &v));   /* "steps/calm/" again */
	ck_assert_uint_eq(v, 1);
	ck_assert(hash_get(h, "steps/calm/", 11, &v));
	ck_assert_uint_eq(v, 1);
	ck_assert(hash_get(h, "#breathe", 8, &v));
	ck_assert_uint_eq(v, 2);
	ck_assert(!hash_get(h, text + 31, 6, NULL));     /* "#pause" */
	ck_assert(!hash_get(h, text, 19, NULL));         /* the longer string */
	ck_assert(hash_add(h, ids, 3, 10, NULL));       /* "a\0b" */
	ck_assert(hash_add(h, ids + 3, 3, 11, NULL));   /* "a\0c" */
	ck_assert(hash_add(h, ids, 1, 12, NULL));       /* "a" */
	ck_assert(hash_add(h, ids, 2, 13, NULL));       /* "a\0" */
	ck_assert(hash_get(h, "a\0b", 3, &v));
	ck_assert_uint_eq(v, 10);
	ck_assert(hash_get(h, "a\0c", 3, &v));
	ck_assert_uint_eq(v, 11);
	ck_assert(hash_get(h, "a", 1, &v));
	ck_assert_uint_eq(v, 12);
	ck_assert(hash_get(h, "a\0", 2, &v));
	ck_assert_uint_eq(v, 13);
	ck_assert_uint_eq(hash_count(h), 6);
	hash_free(h);
}
END_TEST

/* The empty key is one key like any other. */
START_TEST(the_empty_key)
{
	struct hash *h = hash_new(0);
	size_t v = 0;

	ck_assert(!hash_get(h, "", 0, NULL));
	ck_assert(!hash_get(h, "anything", 0, NULL));
	ck_assert(hash_add(h, "ignored", 0, 77, NULL));
	ck_assert(hash_get(h, "", 0, &v));
	ck_assert_uint_eq(v, 77);
	ck_assert(!hash_add(h, "", 0, 1, &v));
	ck_assert_uint_eq(v, 77);
	ck_assert(!hash_get(h, "x", 1, NULL));
	ck_assert_uint_eq(hash_count(h), 1);
	hash_free(h);
}
END_TEST

/* The table keeps its own copy: the caller's key may be changed or
   freed, even a key larger than any chunk of its arena. */
START_TEST(the_table_copies_its_keys)
{
	struct hash *h = hash_new(2);
	size_t big_len = 200000, v = 0;
	char *key = xstrdup("content/steps/calm.md");
	char *big = xmalloc(big_len);

	ck_assert(hash_add(h, key, strlen(key), 5, NULL));
	memset(key, 'x', strlen(key));
	free(key);
	ck_assert(hash_get(h, "content/steps/calm.md", 21, &v));
	ck_assert_uint_eq(v, 5);
	memset(big, 'p', big_len);
	ck_assert(hash_add(h, big, big_len, 6, NULL));
	big[big_len - 1] = 'q';
	ck_assert(!hash_get(h, big, big_len, NULL));
	ck_assert(hash_add(h, big, big_len, 7, NULL));  /* differs in its last byte */
	big[big_len - 1] = 'p';
	ck_assert(hash_get(h, big, big_len, &v));
	ck_assert_uint_eq(v, 6);
	ck_assert(!hash_get(h, big, big_len - 1, NULL));
	free(big);
	ck_assert_uint_eq(hash_count(h), 3);
	hash_free(h);
}
END_TEST

/* Made for 16 keys, given 100,000: every key is found with its value,
   none that was not added is, and duplicates are still refused. */
START_TEST(grows_past_its_expected_size)
{
	struct hash *h = hash_new(16);
	char key[48];
	size_t i, v, wrong = 0, first_wrong = 0;

	/* Counted, then asserted once: 100,000 asserts would be slow. */
	for (i = 0; i < 100000; i++) {
		int n = snprintf(key, sizeof(key), "steps/page-%zu/index.html", i);

		if (!hash_add(h, key, (size_t)n, i * 3, NULL) ||
		    hash_count(h) != i + 1)
			if (wrong++ == 0)
				first_wrong = i;
	}
	ck_assert_msg(wrong == 0, "%zu adds went wrong, the first of key %zu",
	    wrong, first_wrong);
	for (i = 0; i < 100000; i++) {
		int n = snprintf(key, sizeof(key), "steps/page-%zu/index.html", i);
		size_t old = 0;

		v = 0;
		if (!hash_get(h, key, (size_t)n, &v) || v != i * 3 ||
		    hash_add(h, key, (size_t)n, 1, &old) || old != i * 3)
			if (wrong++ == 0)
				first_wrong = i;
	}
	ck_assert_msg(wrong == 0, "%zu keys went wrong, the first %zu", wrong,
	    first_wrong);
	for (i = 100000; i < 101000; i++) {
		int n = snprintf(key, sizeof(key), "steps/page-%zu/index.html", i);

		wrong += hash_get(h, key, (size_t)n, NULL);
	}
	ck_assert_uint_eq(wrong, 0);  /* none that was not added is found */
	ck_assert_uint_eq(hash_count(h), 100000);
	hash_free(h);
}
END_TEST

/* Several threads looking up in a table none is adding to. */
struct lookups {
	const struct hash *h;
	atomic_size_t wrong;  /* lookups that did not give what was added */
};

static void
look_up_one(void *ctx, size_t i)
{
	struct lookups *l = ctx;
	char key[32];
	int n = snprintf(key, sizeof(key), "#id-%zu", i % 5000);
	size_t v = 0;

	if (!hash_get(l->h, key, (size_t)n, &v) || v != i % 5000)
		atomic_fetch_add(&l->wrong, 1);
}

START_TEST(threads_may_look_up_together)
{
	struct hash *h = hash_new(100);
	struct lookups l;
	char key[32];
	size_t i, wrong;

	for (i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof(key), "#id-%zu", i);

		hash_add(h, key, (size_t)n, i, NULL);
	}
	l.h = h;
	atomic_init(&l.wrong, 0);
	pool_run(50000, 4, look_up_one, &l);
	wrong = atomic_load(&l.wrong);
	ck_assert_uint_eq(wrong, 0);
	hash_free(h);
}
END_TEST

static Suite *
hash_suite(void)
{
	Suite *s = suite_create("hash");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, hash_holds_what_it_is_given);
	tcase_add_test(tc, new_tables_are_empty);
	tcase_add_test(tc, a_duplicate_is_refused_and_its_value_given);
	tcase_add_test(tc, keys_are_bytes_with_a_length);
	tcase_add_test(tc, the_empty_key);
	tcase_add_test(tc, the_table_copies_its_keys);
	tcase_add_test(tc, grows_past_its_expected_size);
	tcase_add_test(tc, threads_may_look_up_together);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(hash_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
