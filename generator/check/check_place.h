/*
 * check_place — where each element of a page is: its byte offset, its
 * line and column in the HTML and, on a page that came with a source map,
 * where the map says it came from, which is where a problem with it is
 * reported.  Worked out by check_place.c for check_page.c, which reads
 * the page; this header is private to those two files (check_walk.h
 * holds the page's struct page_places for check_page.c), and the line
 * between them runs one way: check_page.c calls the place_ functions and
 * reads struct page_places, check_place.c calls nothing of
 * check_page.c's.  Nothing here holds a parsed tree: the
 * reader streams, and asks for each element's place as the parser
 * reports it.
 */
#ifndef MEND_CHECK_PLACE_H
#define MEND_CHECK_PLACE_H

#include <stdbool.h>
#include <stddef.h>

#include "check/check_report.h"
#include "lib/srcmap.h"

/* Where the parts of one page are. */
struct page_places {
	const char *html;    /* the page's bytes; borrowed */
	size_t len;          /* how many */
	size_t *line_starts; /* offset of each line's first byte; owned */
	size_t nlines;       /* lines in the page */
	size_t *tags;        /* offset of each start tag's '<', in order
	                        (place_scan), or NULL; owned */
	size_t ntags;        /* how many */
};

/* Start pl on the page html[0..len) (borrowed): its lines. */
void place_init(struct page_places *pl, const char *html, size_t len);
/* Free what pl owns. */
void place_free(struct page_places *pl);
/* The offset of line (1-based) and col (1-based, 0: the line's start). */
size_t place_offset_of(const struct page_places *pl, int line, int col);
/*
 * Find the start tags of the page, read as XML: comments, CDATA sections,
 * processing instructions, the doctype and end tags skipped.  In
 * well-formed XML the k-th start tag is the k-th element the parser
 * reports, so its offset is that element's.
 */
void place_scan(struct page_places *pl);
/* Does the k-th start tag of the scan name the element prefix:name
   (prefix NULL: name alone)? */
bool place_tag_is(const struct page_places *pl, size_t k, const char *prefix,
    const char *name);
/*
 * Where an element is reported: in file, at offset (exact: its line and
 * column) or, when offset is SIZE_MAX, at the line the parser gave (0:
 * unknown); and when map is not NULL, where map says it came from (with
 * an exact offset, its column too; otherwise where the start of its HTML
 * line came from, by line only).
 */
struct check_pos place_position(const struct page_places *pl,
    const char *file, const struct srcmap *map, size_t offset, long line);

#endif
