/*
 * check_rules — the checks of one page's elements and of the page as a
 * whole, run as the walk of the page enters and leaves each element.
 * Worked out by check_rules.c for check_page.c, which drives the parser;
 * this header is private to the files that read a page (check_walk.h
 * says which), and check_rules.c calls nothing of check_page.c's.
 * Problems go into the page's reports.
 */
#ifndef MEND_CHECK_RULES_H
#define MEND_CHECK_RULES_H

#include <stddef.h>

#include "check/check_walk.h"

/*
 * Check the element e (its attributes borrowed until the next element) as
 * the walk enters it, and take its URLs; o is its open entry, fresh, at
 * index at of the walk's open elements.  What e needs its content for is
 * kept on o (owned there) until rules_leave.
 */
void rules_enter(struct page_read *rd, const struct elem *e,
    struct open_elem *o, size_t at);
/* Check what the open element o needed its content for, as it ends. */
void rules_leave(struct page_read *rd, struct open_elem *o);
/* Text in the current element (text[0..len), borrowed; any text, CDATA
   or white space). */
void rules_text(struct page_read *rd, const char *text, size_t len);
/* A reference to an entity the XML parser does not replace: text for a
   link; replacement (borrowed, or NULL: none known) is its text for a
   title or a style. */
void rules_reference(struct page_read *rd, const char *replacement);
/* What the page as a whole lacks, once the walk has seen all of it. */
void rules_page(struct page_read *rd);

#endif
