/*
 * check_link — the URLs an element of a page carries, judged and kept as
 * the page's links.  Worked out by check_link.c for check_rules.c, which
 * calls it as it checks each element; this header is private to the
 * files that read a page (check_walk.h says which), and check_link.c
 * calls nothing of theirs.  Problems go into the page's reports, links
 * into page->links in document order.
 */
#ifndef MEND_CHECK_LINK_H
#define MEND_CHECK_LINK_H

#include "check/check_walk.h"

/*
 * Take each URL the element e (its attributes borrowed) carries, as it is
 * entered: in its style attribute, background and formaction, and what
 * its kind of element loads, sends or leads to.  A style element's own
 * CSS waits for its end (link_take_css).
 */
void link_take_element(struct page_read *rd, const struct elem *e);

/*
 * Take each URL that the CSS text css (a style attribute's or a style
 * element's; borrowed) loads, reported at e's place.
 */
void link_take_css(struct page_read *rd, const struct elem *e, const char *css);

#endif
