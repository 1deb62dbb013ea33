/*
 * check_place — where each element of a page is.  See check_place.h.
 *
 * libxml2 2.9 records no usable byte offsets for elements (record_info
 * leaves begin_pos unset for most of them), so for XML the offsets come
 * from one scan over the bytes that finds each start tag: in well-formed
 * XML the n-th start tag is the n-th element in document order, and the
 * scan checks that each tag's name is its element's.  That gives every
 * element an exact line and column, and, on a page with a source map, its
 * origin: one lookup of its offset in the map.  The HTML parser gives
 * lines only (its trees have elements no tag wrote), so there the start
 * of the element's line is looked up.
 *
 * Not here: reading and parsing the page, and the checks that use these
 * positions (check_page.c).
 */
#include "check/check_place.h"

#include <libxml/tree.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

/* Does s[0..end) start with the literal lit? */
static bool
starts(const char *s, const char *end, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(end - s) >= n && memcmp(s, lit, n) == 0;
}

/* Just past the first lit in s[0..end), or end. */
static const char *
past(const char *s, const char *end, const char *lit)
{
	size_t n = strlen(lit);

	while ((s = memchr(s, lit[0], (size_t)(end - s))) != NULL) {
		if ((size_t)(end - s) < n)
			break;
		if (memcmp(s, lit, n) == 0)
			return s + n;
		s++;
	}
	return end;
}

/*
 * The offsets of the start tags of the XML text s[0..len), in order.
 * Comments, CDATA sections, processing instructions, the doctype (with
 * any internal subset) and end tags are skipped, and a '>' inside a
 * quoted attribute value does not end a tag.  For well-formed XML the
 * n-th offset is the n-th element's.  The caller frees *offsets.
 */
static size_t
scan_start_tags(const char *s, size_t len, size_t **offsets)
{
	const char *end = s + len, *p = s;
	size_t n = 0, cap = 256;
	size_t *offs = xmalloc(cap * sizeof(*offs));

	while (p < end && (p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		const char *q = p + 1;
		char quote = 0;
		int brackets = 0;

		if (q < end && *q == '!' && starts(q + 1, end, "--"))
			p = past(q + 3, end, "-->");
		else if (q < end && *q == '!' && starts(q + 1, end, "[CDATA["))
			p = past(q, end, "]]>");
		else if (q < end && *q == '?')
			p = past(q, end, "?>");
		else if (q < end &&
		         (*q == '!' || *q == '/' || (unsigned char)*q <= ' ')) {
			for (; q < end;
			     q++) { /* a doctype may hold [ ... > ... ] */
				if (quote != 0) {
					if (*q == quote)
						quote = 0;
				} else if (*q == '"' || *q == '\'')
					quote = *q;
				else if (*q == '[')
					brackets++;
				else if (*q == ']')
					brackets--;
				else if (*q == '>' && brackets <= 0)
					break;
			}
			p = q < end ? q + 1 : end;
		} else {
			if (n == cap)
				offs =
				    xrealloc(offs, (cap *= 2) * sizeof(*offs));
			offs[n++] = (size_t)(p - s);
			for (; q < end; q++) {
				if (quote != 0) {
					if (*q == quote)
						quote = 0;
				} else if (*q == '"' || *q == '\'')
					quote = *q;
				else if (*q == '>')
					break;
			}
			p = q < end ? q + 1 : end;
		}
	}
	*offsets = offs;
	return n;
}

/* Does the start tag at html[off] name element node? */
static bool
tag_names(const char *html, size_t len, size_t off, const xmlNode *node)
{
	const char *p = html + off + 1, *end = html + len;
	size_t n;

	if (node->ns != NULL && node->ns->prefix != NULL) {
		n = strlen((const char *)node->ns->prefix);
		if ((size_t)(end - p) <= n ||
		    memcmp(p, node->ns->prefix, n) != 0 || p[n] != ':')
			return false;
		p += n + 1;
	}
	n = strlen((const char *)node->name);
	if ((size_t)(end - p) < n || memcmp(p, node->name, n) != 0)
		return false;
	return p + n == end || p[n] == '>' || p[n] == '/' ||
	       (unsigned char)p[n] <= ' ';
}

void
place_init(struct page_places *pl, const char *html, size_t len)
{
	const char *p = html, *end = html + len;
	size_t cap = 256;

	memset(pl, 0, sizeof(*pl));
	pl->html = html;
	pl->len = len;
	pl->line_starts = xmalloc(cap * sizeof(*pl->line_starts));
	pl->line_starts[0] = 0;
	pl->nlines = 1;
	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		if (pl->nlines == cap)
			pl->line_starts = xrealloc(pl->line_starts,
			    (cap *= 2) * sizeof(*pl->line_starts));
		pl->line_starts[pl->nlines++] = (size_t)(++p - html);
	}
}

void
place_free(struct page_places *pl)
{
	free(pl->line_starts);
	free(pl->elems);
	memset(pl, 0, sizeof(*pl));
}

/* Line and column (1-based, bytes) of offset off. */
static void
line_col(const struct page_places *pl, size_t off, int *line, int *col)
{
	size_t lo = 0, hi = pl->nlines;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (pl->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (int)lo + 1;
	*col = (int)(off - pl->line_starts[lo]) + 1;
}

/* The offset of line (1-based) and col (1-based, 0: the line's start). */
size_t
place_offset_of(const struct page_places *pl, int line, int col)
{
	size_t off;

	if (line < 1)
		return 0;
	if ((size_t)line > pl->nlines)
		return pl->len;
	off = pl->line_starts[line - 1] + (col > 1 ? (size_t)col - 1 : 0);
	return off < pl->len ? off : pl->len;
}

/* Which of the elements the checks look at is called name; a heading's
   level goes in *level. */
static enum tag
tag_of(const char *name, int *level)
{
	static const struct {
		const char *name;
		enum tag tag;
	} tags[] = {
	    {"a", TAG_A},
	    {"area", TAG_AREA},
	    {"link", TAG_LINK},
	    {"img", TAG_IMG},
	    {"script", TAG_SCRIPT},
	    {"source", TAG_SOURCE},
	    {"iframe", TAG_IFRAME},
	    {"form", TAG_FORM},
	    {"audio", TAG_MEDIA},
	    {"track", TAG_MEDIA},
	    {"embed", TAG_MEDIA},
	    {"video", TAG_VIDEO},
	    {"object", TAG_OBJECT},
	    {"html", TAG_HTML},
	    {"head", TAG_HEAD},
	    {"body", TAG_BODY},
	    {"title", TAG_TITLE},
	    {"meta", TAG_META},
	    {"main", TAG_MAIN},
	    {"label", TAG_LABEL},
	    {"input", TAG_INPUT},
	    {"select", TAG_SELECT},
	    {"textarea", TAG_TEXTAREA},
	    {"style", TAG_STYLE},
	    {"image", TAG_SVG_REF},
	    {"feImage", TAG_SVG_REF},
	    {"feimage", TAG_SVG_REF}, /* as the HTML parser names it */
	    {"use", TAG_SVG_REF},
	};
	size_t i;

	if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
	    name[2] == '\0') {
		*level = name[1] - '0';
		return TAG_HEADING;
	}
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (tags[i].name[0] == name[0] &&
		    strcmp(tags[i].name, name) == 0)
			return tags[i].tag;
	return TAG_OTHER;
}

/* Collect the elements of the tree in document order. */
void
place_collect_elems(struct page_places *pl, xmlNode *root)
{
	size_t cap = 256;
	xmlNode *n = root;

	pl->elems = xmalloc(cap * sizeof(*pl->elems));
	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE) {
			struct elem *e;

			if (pl->nelems == cap)
				pl->elems = xrealloc(
				    pl->elems, (cap *= 2) * sizeof(*pl->elems));
			e = &pl->elems[pl->nelems];
			memset(e, 0, sizeof(*e));
			e->node = n;
			e->offset = SIZE_MAX;
			e->tag = tag_of((const char *)n->name, &e->level);
			n->_private = (void *)(uintptr_t)pl->nelems;
			pl->nelems++;
			if (n->children != NULL) {
				n = n->children;
				continue;
			}
		}
		while (n != NULL && n != root && n->next == NULL)
			n = n->parent;
		n = n == NULL || n == root ? NULL : n->next;
	}
}

/*
 * Give each element its offset from the scan (XML only).  Returns true
 * when every start tag matched its element, so the offsets are exact.
 */
bool
place_elems(struct page_places *pl)
{
	size_t *offs, n, i;
	bool exact;

	n = scan_start_tags(pl->html, pl->len, &offs);
	exact = n == pl->nelems;
	for (i = 0; exact && i < n; i++)
		exact =
		    tag_names(pl->html, pl->len, offs[i], pl->elems[i].node);
	for (i = 0; exact && i < n; i++)
		pl->elems[i].offset = offs[i];
	free(offs);
	return exact;
}

void
place_positions(struct page_places *pl, const char *file,
    const struct srcmap *map, bool exact)
{
	size_t i;

	for (i = 0; i < pl->nelems; i++) {
		struct elem *e = &pl->elems[i];
		struct srcmap_pos src;
		size_t off;

		e->pos.file = file;
		if (exact) {
			line_col(pl, e->offset, &e->pos.line, &e->pos.col);
		} else {
			long line = xmlGetLineNo(e->node);

			e->pos.line =
			    line > 0 && line < INT_MAX ? (int)line : 0;
			e->pos.col = 0;
		}
		if (map == NULL || (!exact && e->pos.line == 0))
			continue;
		off = exact ? e->offset : place_offset_of(pl, e->pos.line, 0);
		if (srcmap_find(map, off, &src)) {
			e->pos.file = src.file;
			e->pos.line = src.line;
			e->pos.col =
			    exact ? src.col : 0; /* a line's start: its line */
		}
	}
}
