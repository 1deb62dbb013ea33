/*
 * check_walk — the state of reading one page, shared by the three files
 * that read it: check_page.c drives the parser and walks the page's
 * elements (struct page_read and its struct walk are its own, made and
 * freed there), check_rules.c checks each element as the walk enters and
 * leaves it and the page once the walk is done, and check_link.c takes
 * the URLs each element carries.  The calls run one way: check_page.c
 * calls rules_, check_rules.c calls link_, check_link.c calls none of
 * the others (all three file problems through check_report.h, by the
 * helpers below); each reads and writes the state below.  Private to
 * those three files (check_place.h, which they share, knows nothing of
 * it); the rest of mend uses check_page.h.
 */
#ifndef MEND_CHECK_WALK_H
#define MEND_CHECK_WALK_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include <libxml/parser.h>

#include "check/check_page.h"
#include "check/check_place.h"
#include "check/check_report.h"
#include "lib/buf.h"
#include "lib/util.h"

struct hash;

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

/* A form control that needs a label[for] to be labelled. */
struct control {
	char *id;             /* owned */
	char *what;           /* how the message names it; owned */
	struct check_pos pos; /* where it is reported */
};

/* An attribute of the element being entered. */
struct attr {
	const char *name;  /* its local name ("prefix:name" when no namespace
	                      declares the prefix); in walk.attr_text */
	const char *value; /* decoded, "" when it has none; in walk.attr_text */
	const char *ns;    /* its namespace's URI (the parser's), or NULL */
	size_t name_at, value_at; /* where name and value start in attr_text
	                             while they are gathered */
};

/* The element the walk enters: what the checks read of it.  Its
   attributes last until the next element is entered. */
struct elem {
	const char *name;   /* local name */
	const char *parent; /* the parent element's local name, or NULL */
	const struct attr *attrs;
	size_t nattrs;
	struct check_pos pos; /* where a problem with it is reported */
	enum tag tag;         /* what it is, for the checks */
	int level;            /* a heading's level, else 0 */
};

/* An element the walk is inside, until its end. */
struct open_elem {
	const char *name;     /* local name, the parser's dictionary's */
	struct check_pos pos; /* where a problem with it is reported */
	enum tag tag;
	char *href;       /* a link not labelled by itself: its href, until
	                     its content is seen; owned; else NULL */
	bool text;        /* such a link: its content has text (or a label) */
	size_t prev_link; /* the open such link around it, or SIZE_MAX */
	size_t capture;   /* a title or style: where its text starts in
	                     walk.capture, or SIZE_MAX */
	bool reopened;    /* the root, open again for an element after it */
};

/* What one reading of the page's elements gathers; forgotten when the
   page is read again (walk_reset). */
struct walk {
	xmlParserCtxtPtr ctxt; /* the page's parser (not an entity's) */
	bool exact;            /* elements are placed at the scan's offsets */
	bool inexact;          /* an element was not the scan's next start
	                          tag: the reading stopped, to be done again
	                          by lines */
	bool root_done;        /* the root element ended (the HTML parser
	                          may report elements after it) */
	struct open_elem root; /* then the root, as it was entered */
	bool top_before_root;  /* a comment or processing instruction came
	                          before the root */
	size_t skip;           /* elements open in a subtree not walked */
	size_t nelems;         /* elements entered */
	struct open_elem *open; /* the elements the parser is inside; owned */
	size_t depth;           /* how many */
	size_t open_cap;        /* allocated */
	size_t last_link;  /* the innermost open link without text yet, or
	                      SIZE_MAX */
	struct buf capture; /* the text of the open titles and styles */
	size_t capturing;   /* how many of them are open */
	struct attr *attrs; /* the entered element's attributes; owned */
	size_t attrs_cap;   /* allocated */
	struct buf attr_text; /* their names and values */
	struct hash *label_for; /* ids that a label[for] names */
	struct control *controls; /* controls waiting for a label[for] */
	size_t ncontrols;         /* how many */
	size_t controls_cap;      /* allocated */
	int h1s;                  /* h1 elements seen */
	int mains;                /* main elements seen (not hidden) */
	int last_level;           /* level of the last heading, 0: none yet */
	int in_label;             /* label elements around the current one */
	bool has_title;           /* a title in head was seen */
	bool has_description;     /* a meta description was seen */
	/* the first html, head, body and main, where what the page lacks
	   is reported; their pos is valid once seen */
	bool seen_html, seen_head, seen_body, seen_main;
	struct check_pos html_pos, head_pos, body_pos, main_pos;
};

/* The state of reading one page: check_page_read makes it on its stack
   and frees what it owns when the page is done. */
struct page_read {
	struct check_page *page;           /* what the reading fills */
	const struct check_context *ctx;   /* what all pages share */
	const struct check_origin *origin; /* what its maker knows, or NULL */
	struct page_places places;         /* its lines and start tags */
	char *dir;              /* the page's folder in the site: "steps/x/";
	                           owned */
	struct walk w;          /* what the reading of its elements gathers */
	struct buf scratch;     /* for URL work (check_link.c); owned */
};

/*
 * What the three files share to read an element and file a problem on
 * the page: small enough to be inline, and nothing of one file's own.
 */

/* Is s NULL or only white space? */
static inline bool
blank(const char *s)
{
	if (s == NULL)
		return true;
	while (util_html_space(*s))
		s++;
	return *s == '\0';
}

/*
 * The value of attribute name (no namespace) of e, or NULL when e has
 * none.  The value lasts until the next element is entered.
 */
static inline const char *
attr_of(const struct elem *e, const char *name)
{
	size_t i;

	for (i = 0; i < e->nattrs; i++)
		if (e->attrs[i].ns == NULL && strcmp(e->attrs[i].name, name) == 0)
			return e->attrs[i].value;
	return NULL;
}

/* The value of attribute name in namespace ns of e, or NULL. */
static inline const char *
attr_ns_of(const struct elem *e, const char *name, const char *ns)
{
	size_t i;

	for (i = 0; i < e->nattrs; i++)
		if (e->attrs[i].ns != NULL && strcmp(e->attrs[i].ns, ns) == 0 &&
		    strcmp(e->attrs[i].name, name) == 0)
			return e->attrs[i].value;
	return NULL;
}

/* Where problems of the page go when no element is to blame. */
static inline struct check_pos
page_pos(const struct page_read *rd)
{
	return rd->page->page_pos;
}

/* File a problem about the element at pos (NULL: the whole page). */
static inline void report(struct page_read *rd, const struct check_pos *pos,
    enum check_kind kind, const char *fmt, ...) MEND_PRINTF(4, 5);

static inline void
report(struct page_read *rd, const struct check_pos *pos,
    enum check_kind kind, const char *fmt, ...)
{
	va_list ap;

	if (check_severity(rd->ctx->opt, kind, false) < 0)
		return; /* the check is off */
	va_start(ap, fmt);
	check_report_vadd(&rd->page->reports, rd->ctx->opt, kind, false,
	    pos != NULL ? *pos : page_pos(rd), rd->page->url, fmt, ap);
	va_end(ap);
}

/* File a problem of kind at pos, a position already final. */
static inline void report_at(struct page_read *rd, struct check_pos pos,
    enum check_kind kind, const char *fmt, ...) MEND_PRINTF(4, 5);

static inline void
report_at(struct page_read *rd, struct check_pos pos, enum check_kind kind,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	check_report_vadd(&rd->page->reports, rd->ctx->opt, kind, false, pos,
	    rd->page->url, fmt, ap);
	va_end(ap);
}

#endif
