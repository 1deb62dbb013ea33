/*
 * check_place — where each element of a page is, for check_page.c: its
 * line and column in the HTML and, on a page mend built, the Markdown or
 * template line that made it, which is where a problem with it is
 * reported.  It shares struct walk with check_page.c (check_walk.h).
 *
 * libxml2 2.9 records no usable byte offsets for elements (record_info
 * leaves begin_pos unset for most of them), so for XML the offsets come
 * from one scan over the bytes that finds each start tag:
 * in well-formed XML the n-th start tag is the n-th element in document
 * order, and the scan checks that each tag's name is its element's.
 * That gives every element an exact line and column, and, on a page mend
 * built, its origin: inside the Markdown body the n-th link, image or
 * heading is paired with the md_doc's (links and images in one list, as
 * cmark-gfm writes them, each pairing checked by its URL, level or id);
 * outside it, the template trace says which template line wrote the tag.
 * The HTML parser gives lines only (its trees have elements no tag wrote).
 *
 * Not here: reading and parsing the page, and the checks that use these
 * positions (check_page.c).
 */
#include "check/check_walk.h"

#include <libxml/tree.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "check/check_url.h"
#include "site/markdown.h"
#include "lib/template.h"

/* A body element paired with its Markdown source. */
struct anchor {
	int html_line; /* where the element is in the HTML */
	int line;      /* where it is in the Markdown */
	int col;       /* and the column there */
};

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
place_build_line_starts(struct walk *w)
{
	const char *p = w->html, *end = w->html + w->len;
	size_t cap = 256;

	w->line_starts = xmalloc(cap * sizeof(*w->line_starts));
	w->line_starts[0] = 0;
	w->nlines = 1;
	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		if (w->nlines == cap)
			w->line_starts = xrealloc(w->line_starts,
			    (cap *= 2) * sizeof(*w->line_starts));
		w->line_starts[w->nlines++] = (size_t)(++p - w->html);
	}
}

/* Line and column (1-based, bytes) of offset off. */
static void
line_col(const struct walk *w, size_t off, int *line, int *col)
{
	size_t lo = 0, hi = w->nlines;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (w->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (int)lo + 1;
	*col = (int)(off - w->line_starts[lo]) + 1;
}

/* The offset of line (1-based) and col (1-based, 0: the line's start). */
size_t
place_offset_of(const struct walk *w, int line, int col)
{
	size_t off;

	if (line < 1)
		return 0;
	if ((size_t)line > w->nlines)
		return w->len;
	off = w->line_starts[line - 1] + (col > 1 ? (size_t)col - 1 : 0);
	return off < w->len ? off : w->len;
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
place_collect_elems(struct walk *w, xmlNode *root)
{
	size_t cap = 256;
	xmlNode *n = root;

	w->elems = xmalloc(cap * sizeof(*w->elems));
	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE) {
			if (w->nelems == cap)
				w->elems = xrealloc(
				    w->elems, (cap *= 2) * sizeof(*w->elems));
			memset(&w->elems[w->nelems], 0, sizeof(*w->elems));
			w->elems[w->nelems].node = n;
			w->elems[w->nelems].offset = SIZE_MAX;
			w->elems[w->nelems].tag =
			    tag_of((const char *)n->name, &w->elems[w->nelems].level);
			n->_private = (void *)(uintptr_t)w->nelems;
			w->nelems++;
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
place_elems(struct walk *w)
{
	size_t *offs, n, i;
	bool exact;

	n = scan_start_tags(w->html, w->len, &offs);
	exact = n == w->nelems;
	for (i = 0; exact && i < n; i++)
		exact = tag_names(w->html, w->len, offs[i], w->elems[i].node);
	for (i = 0; exact && i < n; i++)
		w->elems[i].offset = offs[i];
	free(offs);
	return exact;
}

/* The template line that wrote offset off of an insert, or NULL. */
static const struct template_origin *
place_insert_origin(const struct check_origin *o, size_t off)
{
	size_t i;

	for (i = 0; i < o->ninserts; i++)
		if (off >= o->inserts[i].start && off < o->inserts[i].end)
			return template_trace_find(o->inserts[i].trace,
			    off - o->inserts[i].start);
	return NULL;
}

enum place_found
place_source(const struct walk *w, size_t off, struct check_pos *pos)
{
	const struct check_origin *o = w->origin;
	const struct template_origin *t = place_insert_origin(o, off);

	if (t == NULL && off >= o->content_start && off < o->content_end) {
		pos->file = o->source_path;
		pos->line = o->doc != NULL ? markdown_line_at(o->doc,
		    w->html + o->content_start, off - o->content_start) : 0;
		pos->col = 0;
		return PLACE_BODY;
	}
	if (t == NULL && o->trace != NULL)
		t = template_trace_find(o->trace, off);
	if (t == NULL)
		return PLACE_UNKNOWN;
	pos->file = t->file;
	pos->line = t->line;
	pos->col = 0;
	return PLACE_TEMPLATE;
}

/*
 * Set each element's HTML position, and, on a page mapped to its origin,
 * its source position: the body's links, images and headings paired
 * with the md_doc's, the rest of the body at its Markdown line (or the
 * nearest paired element), the template's elements at the template line
 * that wrote them.  Without exact offsets (the HTML parser read the
 * page), each element goes where the start of its HTML line came from.
 */
void
place_positions(struct walk *w, bool exact)
{
	const struct check_origin *o = w->origin;
	const struct md_doc *doc = o != NULL ? o->doc : NULL;
	size_t i, link = 0, heading = 0, acap = 0;

	for (i = 0; i < w->nelems; i++) {
		struct elem *e = &w->elems[i];

		e->pos.file = w->page->file;
		if (exact) {
			line_col(w, e->offset, &e->pos.line, &e->pos.col);
		} else {
			long line = xmlGetLineNo(e->node);

			e->pos.line =
			    line > 0 && line < INT_MAX ? (int)line : 0;
			e->pos.col = 0;
		}
		e->html_line = e->pos.line;
	}
	if (o == NULL)
		return;
	if (!exact) {
		for (i = 0; i < w->nelems; i++) {
			struct elem *e = &w->elems[i];

			if (e->html_line > 0 && place_source(w,
			    place_offset_of(w, e->html_line, 0), &e->pos) !=
			    PLACE_UNKNOWN)
				e->placed = true;
		}
		return;
	}
	for (i = 0; i < w->nelems; i++) {
		struct elem *e = &w->elems[i];
		enum tag tag = e->tag;
		struct check_pos pos;

		/* A template's element, or a form's a template put in the
		   body: the template line that wrote it. */
		if (place_source(w, e->offset, &pos) == PLACE_TEMPLATE) {
			e->pos = pos;
			e->placed = true;
			continue;
		}
		if (e->offset < o->content_start || e->offset >= o->content_end)
			continue;
		if (doc == NULL)
			continue;
		const char *url = tag == TAG_A ? walk_prop(e->node, "href") :
		    tag == TAG_IMG ? walk_prop(e->node, "src") : NULL;

		if (url != NULL) {
			struct buf decoded = BUF_INIT; /* url's, made once */
			size_t k;

			/* Links cmark-gfm adds itself (footnotes) have no
			   entry: look a few ahead rather than trust the count
			   alone. */
			for (k = link; k < doc->nlinks && k < link + 4; k++) {
				const struct md_link *ml = &doc->links[k];
				bool same;

				if (ml->image != (tag == TAG_IMG))
					continue;
				same = strcmp(ml->url, url) == 0;
				if (!same) {
					struct buf a = BUF_INIT;

					if (decoded.len == 0)
						check_url_decode(url, strlen(url),
						    &decoded);
					check_url_decode(
					    ml->url, strlen(ml->url), &a);
					same = strcmp(buf_str(&a),
					           buf_str(&decoded)) == 0;
					buf_free(&a);
				}
				if (same) {
					e->pos.file = o->source_path;
					e->pos.line = ml->line;
					e->pos.col = ml->col;
					e->placed = true;
					link = k + 1;
					break;
				}
			}
			buf_free(&decoded);
		} else if (tag == TAG_HEADING && heading < doc->nheadings) {
			const struct md_heading *mh = &doc->headings[heading];
			const char *id = walk_prop(e->node, "id");

			if (mh->level == e->level && id != NULL &&
			    strcmp(id, mh->id) == 0) {
				e->pos.file = o->source_path;
				e->pos.line = mh->line;
				e->pos.col = mh->col;
				e->placed = true;
				heading++;
			}
		}
		if (e->placed) {
			if (w->nanchors == acap) {
				acap = acap ? acap * 2 : 16;
				w->anchors = xrealloc(
				    w->anchors, acap * sizeof(*w->anchors));
			}
			w->anchors[w->nanchors].html_line = e->html_line;
			w->anchors[w->nanchors].line = e->pos.line;
			w->anchors[w->nanchors].col = e->pos.col;
			w->nanchors++;
		}
	}
}

struct check_pos
place_pos(const struct walk *w, const struct elem *e)
{
	const struct check_origin *o = w->origin;
	struct check_pos pos = e->pos;
	size_t lo = 0, hi = w->nanchors;

	/* Without exact offsets (the HTML parser read the page) offset is
	   SIZE_MAX, and place_positions has placed what it could. */
	if (e->placed || o == NULL || e->offset < o->content_start ||
	    e->offset >= o->content_end)
		return pos;
	/* The rest of the body: its Markdown line, else the first paired
	   element on the same HTML line, else the last one before it, else
	   the Markdown file. */
	if (place_source(w, e->offset, &pos) == PLACE_BODY && pos.line > 0)
		return pos;
	while (lo < hi) { /* the first anchor on a line >= e's */
		size_t mid = lo + (hi - lo) / 2;

		if (w->anchors[mid].html_line < e->html_line)
			lo = mid + 1;
		else
			hi = mid;
	}
	pos.file = o->source_path;
	pos.col = 0;
	if (lo < w->nanchors && w->anchors[lo].html_line == e->html_line)
		pos.line = w->anchors[lo].line;
	else if (lo > 0)
		pos.line = w->anchors[lo - 1].line;
	else
		pos.line = 0;
	return pos;
}
