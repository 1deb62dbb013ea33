/*
 * check_walk — the state of reading one page, shared by check_page.c (the
 * parsing and the checks) and check_place.c (where each element is).
 * Private to those two files: nothing else includes it.  The place_
 * functions are defined in check_place.c, the walk_ ones in check_page.c.
 */
#ifndef MEND_CHECK_WALK_H
#define MEND_CHECK_WALK_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/buf.h"
#include "check/check_page.h"

struct anchor;          /* check_place.c's: an element paired with its source */
struct control;         /* check_page.c's: a control waiting for a label[for] */
struct template_origin; /* template.h's */

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
	TAG_HEADING
};

/* An element in document order, and where its problems go. */
struct elem {
	xmlNode *node;        /* in the page's tree */
	size_t offset;        /* of its start tag's '<', or SIZE_MAX: unknown */
	int html_line;        /* its line in the HTML */
	struct check_pos pos; /* where a problem with it is reported */
	bool placed;          /* pos was set from the origin */
	enum tag tag;         /* what it is, for the checks */
	int level;            /* a heading's level, else 0 */
};

/* The state of reading one page. */
struct walk {
	struct check_page *page;         /* what the reading fills */
	const struct check_context *ctx; /* what all pages share */
	const char *html;                /* the file's bytes */
	size_t len;                      /* how many */
	size_t *line_starts;             /* offset of each line's first byte */
	size_t nlines;                   /* lines in the file */
	const struct check_origin *origin; /* when positions map to sources */
	struct elem *elems;     /* every element, in document order */
	size_t nelems;          /* how many */
	struct anchor *anchors; /* paired body elements, by offset */
	size_t nanchors;        /* how many */
	char *dir;              /* the page's folder in the site: "steps/x/" */
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
	const struct elem *html_el, *head_el, *body_el, *main_el;
	/* the first of each, where what the page
	   lacks is reported; NULL until seen */
	struct buf scratch; /* for URL work */
};

/* The value of attribute name (no namespace) of n, or NULL when n has
   none; it belongs to the tree, or to a copy kept until the page ends. */
const char *walk_prop(const xmlNode *n, const char *name);

/* Fill w->line_starts and w->nlines from w->html. */
void place_build_line_starts(struct walk *w);
/* The offset of line (1-based) and col (1-based, 0: the line's start). */
size_t place_offset_of(const struct walk *w, int line, int col);
/* Collect the elements under root in document order into w->elems; each
   node's _private becomes its index there (check_page.c's elem_of). */
void place_collect_elems(struct walk *w, xmlNode *root);
/* Give each element its offset (XML only); true when all are exact. */
bool place_elems(struct walk *w);
/* Set each element's position in the HTML and, when w->origin is set,
   in the source that made it (by line only when the offsets are not
   exact: the HTML parser's). */
void place_positions(struct walk *w, bool exact);

/* Where a problem with e is reported: e->pos, or for an element of the
   body not paired with a link or heading, its Markdown line, worked out
   only now (most elements never have a problem). */
struct check_pos place_pos(const struct walk *w, const struct elem *e);

/* What place_source found wrote a byte of a page mend built. */
enum place_found {
	PLACE_UNKNOWN,  /* *pos unchanged */
	PLACE_TEMPLATE, /* a template line (a layout, a partial, a form's) */
	PLACE_BODY      /* the Markdown body: its file and line, or line 0 */
};
/* Set *pos (column 0) to the source that wrote byte off of the page. */
enum place_found place_source(const struct walk *w, size_t off,
    struct check_pos *pos);

#endif
