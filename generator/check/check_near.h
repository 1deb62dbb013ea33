/*
 * check_near — "did you mean": of the names that exist (pages, ids,
 * Markdown files), the closest to one that leads nowhere, when one is
 * close enough to be what the author meant.
 *
 * Close means an edit distance (insertions, deletions, substitutions and
 * swaps of two neighbouring bytes) of at most a third of the name's last
 * part: of "steps/apologize-sincerly/" its last segment, 18 bytes, so up
 * to 6 edits; at least 1.  Comparing whole paths keeps a suggestion in
 * the folder the author meant, and measuring the limit on the last part
 * keeps a long shared folder from making everything close.  Of equally
 * close names the one that sorts first wins, so the answer never depends
 * on the order names are offered in.
 */
#ifndef MEND_CHECK_NEAR_H
#define MEND_CHECK_NEAR_H

#include <stddef.h>

struct check_near {
	const char *want;     /* the name that leads nowhere; borrowed */
	size_t want_len;
	size_t limit;         /* the largest distance that is close */
	const char *best;     /* the closest so far, borrowed, or NULL */
	size_t best_len;
	size_t best_distance;
	size_t *rows;         /* three rows of the distance table; owned */
	size_t rows_cap;      /* entries in each row */
	int bag[256];         /* how many of each byte want has, less those of
	                         the name being offered (check_near_offer puts
	                         them back) */
};

/* Start looking for names close to want[0..len) (borrowed until the end). */
void check_near_begin(struct check_near *near, const char *want, size_t len);
/* Offer name[0..len) (borrowed until the end, or until a closer one). */
void check_near_offer(struct check_near *near, const char *name, size_t len);
/* Free what the search holds; near->best stays as it was. */
void check_near_end(struct check_near *near);

/*
 * The edit distance of a[0..alen) and b[0..blen), or limit + 1 when it is
 * more than limit (the table stops as soon as it must be).
 */
size_t check_near_distance(const char *a, size_t alen, const char *b,
    size_t blen, size_t limit);

#endif
