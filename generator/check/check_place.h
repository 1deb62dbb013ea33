/*
 * check_place — where each element of a page is: its byte offset, its
 * line and column in the HTML and, on a page that came with a source map,
 * where the map says it came from, which is where a problem with it is
 * reported.  Worked out by check_place.c for check_page.c, which reads
 * the page and runs the checks; this header is private to those two
 * files, and the line between them runs one way: check_page.c calls the
 * place_ functions and reads struct page_places, check_place.c calls
 * nothing of check_page.c's.
 */
#ifndef MEND_CHECK_PLACE_H
#define MEND_CHECK_PLACE_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "check/check_page.h"
#include "lib/srcmap.h"

/* The elements the checks look at. */
enum tag {
	TAG_OTHER,
	TAG_A,
	TAG_AREA,
	TAG_LINK,
	TAG_IMG,
	TAG_SCRIPT,
	TAG_SOURCE,
	TAG_IFRAME,
	TAG_FORM,
	TAG_MEDIA,
	TAG_VIDEO,
	TAG_OBJECT,
	TAG_HTML,
	TAG_HEAD,
	TAG_BODY,
	TAG_TITLE,
	TAG_META,
	TAG_MAIN,
	TAG_LABEL,
	TAG_INPUT,
	TAG_SELECT,
	TAG_TEXTAREA,
	TAG_STYLE,    /* a style element: CSS that may load */
	TAG_SVG_REF,  /* SVG image, feImage, use: href or xlink:href loads */
	TAG_HEADING
};

/* An element in document order, and where its problems go. */
struct elem {
	xmlNode *node;        /* in the page's tree */
	size_t offset;        /* of its start tag's '<', or SIZE_MAX: unknown */
	struct check_pos pos; /* where a problem with it is reported */
	enum tag tag;         /* what it is, for the checks */
	int level;            /* a heading's level, else 0 */
};

/* Where the parts of one page are. */
struct page_places {
	const char *html;    /* the page's bytes; borrowed */
	size_t len;          /* how many */
	size_t *line_starts; /* offset of each line's first byte; owned */
	size_t nlines;       /* lines in the page */
	struct elem *elems;  /* every element, in document order; owned */
	size_t nelems;       /* how many */
};

/* Start pl on the page html[0..len) (borrowed): its lines. */
void place_init(struct page_places *pl, const char *html, size_t len);
/* Free what pl owns. */
void place_free(struct page_places *pl);
/* The offset of line (1-based) and col (1-based, 0: the line's start). */
size_t place_offset_of(const struct page_places *pl, int line, int col);
/* Collect the elements under root in document order into pl->elems;
   each node's _private becomes its index there. */
void place_collect_elems(struct page_places *pl, xmlNode *root);
/* Give each element its offset (XML only); true when all are exact. */
bool place_elems(struct page_places *pl);
/*
 * Set each element's position: in the HTML file, and when map is not
 * NULL, where map says the element's start tag came from (with exact
 * offsets; otherwise, the HTML parser's, where the start of its HTML line
 * came from, by line only).
 */
void place_positions(struct page_places *pl, const char *file,
    const struct srcmap *map, bool exact);

#endif
