/*
 * "did you mean" (check_near.h): the edit distance, with swaps, and its
 * early stop; which names are close enough (a third of the last part of
 * the name, at least one edit); ties go to the name that sorts first,
 * whatever the order names come in; the name itself is never offered
 * back.  And hash_next, which walks a page's ids for it.
 */
#include <check.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "check/check_near.h"
#include "harness.h"
#include "lib/hash.h"

static size_t
dist(const char *a, const char *b, size_t limit)
{
	return check_near_distance(a, strlen(a), b, strlen(b), limit);
}

START_TEST(distance_counts_edits_and_swaps)
{
	ck_assert_uint_eq(dist("", "", 5), 0);
	ck_assert_uint_eq(dist("abc", "abc", 5), 0);
	ck_assert_uint_eq(dist("kitten", "sitting", 5), 3);
	ck_assert_uint_eq(dist("teh", "the", 5), 1);          /* a swap */
	ck_assert_uint_eq(dist("maters", "matters", 5), 1);   /* an insertion */
	ck_assert_uint_eq(dist("abc", "", 5), 3);
	/* Past the limit: limit + 1, however far. */
	ck_assert_uint_eq(dist("kitten", "sitting", 2), 3);
	ck_assert_uint_eq(dist("a", "abcdefghij", 2), 3);
	ck_assert_uint_eq(dist("abcdefgh", "zyxwvuts", 1), 2);
}
END_TEST

/* The closest of names, offered in this order; NULL when none is close. */
static const char *
closest(const char *want, const char *const *names, char *out, size_t size)
{
	struct check_near near;
	size_t i;

	check_near_begin(&near, want, strlen(want));
	for (i = 0; names[i] != NULL; i++)
		check_near_offer(&near, names[i], strlen(names[i]));
	check_near_end(&near);
	if (near.best == NULL)
		return NULL;
	ck_assert_uint_lt(near.best_len, size);
	memcpy(out, near.best, near.best_len);
	out[near.best_len] = '\0';
	return out;
}

START_TEST(the_closest_page_when_one_is_close)
{
	static const char *const pages[] = { "", "steps/", "steps/one/",
	    "steps/two/", "steps/apologize-sincerely/", "about/", NULL };
	char out[64];

	ck_assert_str_eq(closest("steps/apologize-sincerly/", pages, out,
	    sizeof(out)), "steps/apologize-sincerely/");
	ck_assert_str_eq(closest("steps/oen/", pages, out, sizeof(out)),
	    "steps/one/");
	ck_assert_str_eq(closest("abuot/", pages, out, sizeof(out)), "about/");
	/* "three" is several edits from "one" and "two": a third of 5 is 1. */
	ck_assert_ptr_null(closest("steps/three/", pages, out, sizeof(out)));
	ck_assert_ptr_null(closest("elsewhere/", pages, out, sizeof(out)));
	/* The name itself is no way out. */
	ck_assert_ptr_null(closest("steps/one/", (const char *const[]){
	    "steps/one/", NULL }, out, sizeof(out)));
}
END_TEST

START_TEST(ties_go_to_the_first_in_order_whatever_the_offers)
{
	static const char *const ab[] = { "steps/b/", "steps/a/", NULL };
	static const char *const ba[] = { "steps/a/", "steps/b/", NULL };
	char out[64];

	ck_assert_str_eq(closest("steps/c/", ab, out, sizeof(out)), "steps/a/");
	ck_assert_str_eq(closest("steps/c/", ba, out, sizeof(out)), "steps/a/");
}
END_TEST

/*
 * The search turns most names away before measuring them (a bound from
 * the bytes each has): it must pick what measuring every name picks.
 * Random names over a few letters, many close to want, some far.
 */
START_TEST(the_quick_refusal_never_changes_the_answer)
{
	unsigned seed = 12345;
	int round;

	for (round = 0; round < 400; round++) {
		char want[24], names[60][24];
		size_t wlen, i, j, limit, best = 0, best_d;
		struct check_near near;
		bool found = false;

		wlen = 3 + (seed = seed * 1103515245u + 12345u) % 18;
		for (j = 0; j < wlen; j++)
			want[j] = (char)('a' + (seed = seed * 1103515245u + 12345u) % 5);
		want[wlen] = '\0';
		for (i = 0; i < 60; i++) {
			size_t n = 1 + (seed = seed * 1103515245u + 12345u) % 22;

			for (j = 0; j < n; j++) {
				seed = seed * 1103515245u + 12345u;
				/* half the bytes want's own, in place: close names */
				names[i][j] = j < wlen && seed % 2 ? want[j] : (char)('a' + seed / 2 % 6);
			}
			names[i][n] = '\0';
		}
		check_near_begin(&near, want, wlen);
		limit = near.limit;
		best_d = limit + 1;
		for (i = 0; i < 60; i++) {
			size_t d = check_near_distance(want, wlen, names[i], strlen(names[i]), limit);

			check_near_offer(&near, names[i], strlen(names[i]));
			if (strcmp(names[i], want) == 0 || d > limit)
				continue;
			if (!found || d < best_d || (d == best_d && strcmp(names[i], names[best]) < 0)) {
				found = true;
				best = i;
				best_d = d;
			}
		}
		check_near_end(&near);
		ck_assert_msg((near.best != NULL) == found, "round %d, want %s", round, want);
		if (found) {
			ck_assert_uint_eq(near.best_distance, best_d);
			ck_assert_uint_eq(near.best_len, strlen(names[best]));
			ck_assert_msg(memcmp(near.best, names[best], near.best_len) == 0,
			    "round %d, want %s: %.*s, not %s", round, want,
			    (int)near.best_len, near.best, names[best]);
		}
	}
}
END_TEST

START_TEST(hash_next_walks_every_key_once)
{
	struct hash *h = hash_new(2);
	const char *key;
	size_t pos = 0, len, n = 0;
	unsigned long long seen = 0;
	char name[16];
	int i;

	ck_assert_ptr_null(hash_next(NULL, &pos, &len));
	ck_assert_ptr_null(hash_next(h, &pos, &len));
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "id-%d", i);
		hash_add(h, name, strlen(name), (size_t)i, NULL);
	}
	pos = 0;
	while ((key = hash_next(h, &pos, &len)) != NULL) {
		size_t value;

		ck_assert_uint_eq(strlen(key), len);
		ck_assert(hash_get(h, key, len, &value));
		ck_assert_uint_eq(seen & (1ull << value), 0);  /* once each */
		seen |= 1ull << value;
		n++;
	}
	ck_assert_uint_eq(n, 40);
	hash_free(h);
}
END_TEST

static Suite *
near_suite(void)
{
	Suite *s = suite_create("near");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, distance_counts_edits_and_swaps);
	tcase_add_test(tc, the_closest_page_when_one_is_close);
	tcase_add_test(tc, ties_go_to_the_first_in_order_whatever_the_offers);
	tcase_add_test(tc, the_quick_refusal_never_changes_the_answer);
	tcase_add_test(tc, hash_next_walks_every_key_once);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(near_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
