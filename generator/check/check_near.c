/*
 * check_near — "did you mean".  See check_near.h.
 */
#include "check/check_near.h"

#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

/* A third of the last segment of name[0..len) (a trailing '/' aside). */
static size_t
limit_for(const char *name, size_t len)
{
	size_t end = len, start;

	if (end > 0 && name[end - 1] == '/')
		end--;
	for (start = end; start > 0 && name[start - 1] != '/'; start--)
		;
	return (end - start) / 3 > 1 ? (end - start) / 3 : 1;
}

/* The distance, with rows of at least blen + 1 entries each. */
static size_t
distance(const char *a, size_t alen, const char *b, size_t blen,
    size_t limit, size_t *rows)
{
	size_t *two = rows, *one = rows + blen + 1, *row = rows + 2 * (blen + 1);
	size_t i, j;

	if ((alen > blen ? alen - blen : blen - alen) > limit)
		return limit + 1;  /* that many insertions at least */
	for (j = 0; j <= blen; j++)
		one[j] = j;
	for (i = 1; i <= alen; i++) {
		size_t least;
		size_t *spare;

		row[0] = least = i;
		for (j = 1; j <= blen; j++) {
			size_t best = one[j - 1] + (a[i - 1] != b[j - 1]);

			if (one[j] + 1 < best)
				best = one[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && two[j - 2] + 1 < best)
				best = two[j - 2] + 1;  /* two bytes swapped */
			row[j] = best;
			if (best < least)
				least = best;
		}
		if (least > limit)  /* no later row gets below it */
			return limit + 1;
		spare = two;
		two = one;
		one = row;
		row = spare;
	}
	return one[blen] <= limit ? one[blen] : limit + 1;
}

size_t
check_near_distance(const char *a, size_t alen, const char *b, size_t blen,
    size_t limit)
{
	size_t *rows = xmalloc(3 * (blen + 1) * sizeof(*rows));
	size_t d = distance(a, alen, b, blen, limit, rows);

	free(rows);
	return d;
}

void
check_near_begin(struct check_near *near, const char *want, size_t len)
{
	size_t i;

	memset(near, 0, sizeof(*near));
	near->want = want;
	near->want_len = len;
	near->limit = limit_for(want, len);
	for (i = 0; i < len; i++)
		near->bag[(unsigned char)want[i]]++;
}

/*
 * A bound the distance of want and name[0..len) is never under, at a
 * byte per byte of name: the bytes one has more of than the other, on
 * whichever side has more (each insertion, deletion or substitution
 * changes that by one at most, a swap not at all).  Most names are far
 * from want, and this turns them away before the table is made.
 */
static size_t
bag_bound(struct check_near *near, const char *name, size_t len)
{
	size_t i, extra = 0;  /* bytes of name that want has no more of */

	for (i = 0; i < len; i++)
		if (near->bag[(unsigned char)name[i]]-- <= 0)
			extra++;
	for (i = 0; i < len; i++)
		near->bag[(unsigned char)name[i]]++;
	/* want's bytes that name lacks: want_len - (len - extra) */
	return extra > near->want_len + extra - len ? extra : near->want_len + extra - len;
}

/* How a[0..alen) sorts against b[0..blen): <0, 0, >0, as memcmp. */
static int
compare_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c;
	return alen < blen ? -1 : alen > blen;
}

void
check_near_offer(struct check_near *near, const char *name, size_t len)
{
	size_t limit = near->best != NULL ? near->best_distance : near->limit;
	size_t d;

	if (len == near->want_len && memcmp(name, near->want, len) == 0)
		return;  /* the name itself: not a way out */
	if (bag_bound(near, name, len) > limit)
		return;  /* farther than the limit, or the best so far */
	if (len + 1 > near->rows_cap) {
		near->rows_cap = len + 1;
		free(near->rows);
		near->rows = xmalloc(3 * near->rows_cap * sizeof(*near->rows));
	}
	d = distance(near->want, near->want_len, name, len, limit, near->rows);
	if (d > limit)
		return;
	if (near->best != NULL && d == near->best_distance &&
	    compare_bytes(name, len, near->best, near->best_len) >= 0)
		return;
	near->best = name;
	near->best_len = len;
	near->best_distance = d;
}

void
check_near_end(struct check_near *near)
{
	free(near->rows);
	near->rows = NULL;
	near->rows_cap = 0;
}
