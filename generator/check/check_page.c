/*
 * check_page — read one page and check what it alone can show.  See
 * check_page.h.
 *
 * A page is read once by libxml2's streaming (SAX) interface: mend's own
 * pages with the XML parser, others with the HTML parser.  No tree is
 * built: each element is checked as the parser reports its start
 * (rules_enter) and its end (rules_leave), and only what the checks need
 * is kept, the open elements above the current one among it.  What needs
 * an element's content (a link's text, a title, a style sheet) is
 * gathered while the element is open and checked at its end.  A page of tens of thousands of
 * elements would otherwise cost a tree many times its size.  Parser
 * errors reach us through a handler set on the parser context (never
 * libxml2's global one, and never printed by libxml2).  A page the XML
 * parser rejects is reported as not well-formed and read again with the
 * HTML parser, so the other checks still see it; what the first reading
 * found is forgotten (walk_reset).
 *
 * This file drives the parsers and walks the page's elements: it hands
 * each element, with its attributes decoded and its place found, to the
 * checks of check_rules.c (which pass its URLs to check_link.c), and
 * reports the parser's errors where they can be fixed.  Where each
 * element is, in the HTML and in its source (one lookup in the page's
 * source map, when its maker gave one), is worked out by check_place.c
 * (check_place.h); the state of reading a page (struct page_read) is in
 * check_walk.h, made and freed here.
 *
 * Not here: the checks of each element (check_rules.c) and of its URLs
 * (check_link.c); anything needing other pages (whether a link's target
 * exists, fragments, duplicate titles, reachability), and fetching
 * (check.c and check_external.c).
 */
#include "check/check_page.h"

#include <errno.h>
#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check/check_place.h"
#include "check/check_rules.h"
#include "check/check_walk.h"
#include "lib/buf.h"
#include "lib/hash.h"

#define MAX_PARSE_ERRORS 20 /* per page; the rest are counted in one report */

#if LIBXML_VERSION >= 21200
typedef const xmlError parse_error_t;
#else
typedef xmlError parse_error_t;
#endif

/* One parser error, as the handler caught it. */
struct parse_problem {
	int line;      /* in the HTML */
	int col;       /* 0 when libxml2 gives none */
	char *message; /* owned, without the trailing newline */
};

/* What the parser's error handler fills. */
struct parse {
	struct parse_problem *problems; /* the first MAX_PARSE_ERRORS */
	size_t len;                     /* problems kept */
	size_t more;                    /* errors past MAX_PARSE_ERRORS */
	bool html; /* the HTML parser: unknown (HTML5) tags are fine */
	struct page_read *rd; /* whose walk the parser's events feed */
};

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

	*level = 0;
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

/* The handler libxml2 calls for each parser error of one context. */
static void
on_parse_error(void *data, parse_error_t *e)
{
	xmlParserCtxtPtr ctxt = data;
	struct parse *p = ctxt->_private;
	struct parse_problem *prob;
	size_t n;

	if (e->level == XML_ERR_WARNING)
		return;
	if (p->html && e->code == XML_HTML_UNKNOWN_TAG)
		return; /* HTML5's elements are unknown to libxml2's HTML 4
		           parser */
	if (e->code == XML_DTD_ID_REDEFINED)
		return; /* the structure check says it, at the element */
	if (!p->html && p->len > 0)
		return; /* XML is wrong from its first error on: the rest echo
		           it */
	if (p->len == MAX_PARSE_ERRORS) {
		p->more++;
		return;
	}
	if (p->problems == NULL)
		p->problems = xcalloc(MAX_PARSE_ERRORS, sizeof(*p->problems));
	prob = &p->problems[p->len++];
	prob->line = e->line;
	prob->col = p->html ? 0 : e->int2;
	if (e->message != NULL && strncmp(e->message, "htmlCheckEncoding:", 18) == 0) {
		/* "htmlCheckEncoding: encoder error", "... wrong encoding meta" */
		prob->message = xstrdup("the page's bytes are not in the "
		    "encoding its <meta charset> names");
		return;
	}
	n = e->message != NULL ? strlen(e->message) : 0;
	while (n > 0 && (e->message[n - 1] == '\n' || e->message[n - 1] == ' '))
		n--;
	prob->message = xstrndup(e->message != NULL ? e->message : "", n);
}

static void
say_nothing(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

void
check_libxml_quiet(void)
{
	xmlSetGenericErrorFunc(NULL, say_nothing);
}

static void
handle_errors(xmlParserCtxtPtr ctxt, struct parse *p)
{
	check_libxml_quiet();
	ctxt->_private = p;
#if LIBXML_VERSION >= 21300
	xmlCtxtSetErrorHandler(ctxt, on_parse_error, ctxt);
#else
	/*
	 * libxml2 before 2.13 calls sax->serror only when the handler says it
	 * is a SAX2 one; the HTML parser never reads that field, so saying so
	 * changes nothing else.  The handler gets ctxt->userData: ctxt.
	 */
	ctxt->sax->initialized = XML_SAX2_MAGIC;
	ctxt->sax->serror = on_parse_error;
#endif
}

static void
parse_free(struct parse *p)
{
	size_t i;

	for (i = 0; i < p->len; i++)
		free(p->problems[i].message);
	free(p->problems);
	memset(p, 0, sizeof(*p));
}

/* The walk, from a parser's event with ctx, or NULL when the event is an
   entity's content's (not walked, as no tree would hold it there). */
static struct page_read *
walk_of(void *ctx)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse *p = ctxt->_private;

	if (p == NULL || p->rd == NULL || p->rd->w.ctxt != ctxt ||
	    p->rd->w.inexact)
		return NULL;
	return p->rd;
}

/*
 * May an element that starts after the root has ended be walked?  The
 * HTML parser reports one when content follows </html>; libxml2's tree
 * puts it in the root element when the document's first node is the
 * root, and beside the root (where the checks, which read the root, never
 * look) when a doctype, comment or processing instruction comes first.
 * The checks read what the tree would hold.
 */
static bool
after_root_walked(const struct walk *w)
{
	return !w->top_before_root &&
	       (w->ctxt->myDoc == NULL || w->ctxt->myDoc->children == NULL);
}

/*
 * Enter the element name (prefix: its namespace prefix as written, or
 * NULL) whose nattrs attributes are in the walk's attrs: place it, check
 * it, and open it.
 */
static void
walk_start(struct page_read *rd, const char *name, const char *prefix,
    size_t nattrs)
{
	struct walk *w = &rd->w;
	struct open_elem *o;
	struct elem e;
	size_t offset = SIZE_MAX;

	if (w->skip > 0) {
		w->skip++;
		return;
	}
	if (w->depth == 0 && w->root_done) {
		if (!after_root_walked(w)) {
			w->skip = 1;
			return;
		}
		if (w->open_cap == 0) {
			w->open_cap = 32;
			w->open = xmalloc(w->open_cap * sizeof(*w->open));
		}
		w->open[0] = w->root; /* open again, not entered again */
		w->depth = 1;
	}
	if (w->exact) {
		if (!place_tag_is(&rd->places, w->nelems, prefix, name)) {
			w->inexact = true; /* to be read again, by lines */
			xmlStopParser(w->ctxt);
			return;
		}
		offset = rd->places.tags[w->nelems];
	}
	w->nelems++;
	memset(&e, 0, sizeof(e));
	e.name = name;
	e.parent = w->depth > 0 ? w->open[w->depth - 1].name : NULL;
	e.attrs = w->attrs;
	e.nattrs = nattrs;
	e.tag = tag_of(name, &e.level);
	e.pos = place_position(&rd->places, rd->page->file,
	    rd->origin != NULL ? rd->origin->map : NULL, offset,
	    w->ctxt->input != NULL ? w->ctxt->input->line : 0);
	if (w->depth == w->open_cap) {
		w->open_cap = w->open_cap ? w->open_cap * 2 : 32;
		w->open = xrealloc(w->open, w->open_cap * sizeof(*w->open));
	}
	o = &w->open[w->depth];
	memset(o, 0, sizeof(*o));
	o->name = name;
	o->pos = e.pos;
	o->tag = e.tag;
	o->prev_link = SIZE_MAX;
	o->capture = SIZE_MAX;
	w->depth++;
	rules_enter(rd, &e, o, w->depth - 1);
}

/* Leave the innermost open element. */
static void
walk_end(struct page_read *rd)
{
	struct walk *w = &rd->w;

	if (w->skip > 0) {
		w->skip--;
		return;
	}
	if (w->depth == 0)
		return;
	if (w->depth == 1 && !w->root_done) {
		w->root = w->open[0]; /* as it was entered: */
		w->root.href = NULL;  /* what it waited for is checked once, */
		w->root.capture = SIZE_MAX;
		w->root.reopened = true;
		w->root_done = true;
	}
	rules_leave(rd, &w->open[--w->depth]);
	if (w->depth == 1 && w->open[0].reopened)
		w->depth = 0; /* the root, open again only for that element */
}

/* A comment or processing instruction: nothing the checks read, but one
   before the root decides where elements after the root go. */
static void
on_other(void *ctx, const xmlChar *a, const xmlChar *b)
{
	struct page_read *rd = walk_of(ctx);

	(void)a;
	(void)b;
	if (rd != NULL && rd->w.ctxt->inSubset == 0 && rd->w.depth == 0 &&
	    rd->w.nelems == 0)
		rd->w.top_before_root = true;
}

static void
on_comment(void *ctx, const xmlChar *text)
{
	on_other(ctx, text, NULL);
}

/* Room for n attributes, their text gathered afresh. */
static void
attrs_begin(struct walk *w, size_t n)
{
	if (n > w->attrs_cap) {
		w->attrs_cap = n;
		w->attrs = xrealloc(w->attrs, n * sizeof(*w->attrs));
	}
	buf_reset(&w->attr_text);
}

/* Point the n gathered attributes at their text, now that it moves no
   more. */
static void
attrs_end(struct walk *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		w->attrs[i].name = w->attr_text.data + w->attrs[i].name_at;
		w->attrs[i].value = w->attr_text.data + w->attrs[i].value_at;
	}
}

/* Put the code point c into out as UTF-8 (as the tree would hold it). */
static void
put_utf8(struct buf *out, unsigned long c)
{
	char u[4];

	if (c < 0x80) {
		buf_putc(out, (char)c);
		return;
	}
	if (c < 0x800) {
		u[0] = (char)(0xc0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3f));
		buf_put(out, u, 2);
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		buf_put(out, u, 3);
	} else {
		u[0] = (char)(0xf0 | ((c >> 18) & 0x07));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		buf_put(out, u, 4);
	}
}

/*
 * Put the XML parser's attribute value v[0..len) into out, decoded.  The
 * parser hands a value on with each '&' as "&#38;" and each entity that
 * is not predefined as "&name;" (its tree builder decodes them in turn):
 * character references are decoded here, and a declared entity becomes
 * its replacement text.
 */
static void
put_xml_value(
    struct buf *out, xmlParserCtxtPtr ctxt, const char *v, size_t len)
{
	const char *end = v + len, *amp, *semi;

	while (v < end && (amp = memchr(v, '&', (size_t)(end - v))) != NULL) {
		buf_put(out, v, (size_t)(amp - v));
		semi = memchr(amp, ';', (size_t)(end - amp));
		if (semi == NULL) {
			v = amp;
			break;
		}
		if (amp[1] == '#') {
			unsigned long c = 0;
			const char *d = amp + 2;
			bool hex = *d == 'x';

			for (d += hex; d < semi && c <= 0x10ffff; d++)
				c = hex ? c * 16 + (unsigned long)(
				                       *d <= '9' ? *d - '0'
				                       : (*d | 0x20) - 'a' + 10)
				        : c * 10 + (unsigned long)(*d - '0');
			put_utf8(out, c);
		} else {
			char *name = xstrndup(amp + 1, (size_t)(semi - amp - 1));
			xmlEntityPtr ent = xmlGetPredefinedEntity(BAD_CAST name);

			if (ent == NULL && ctxt->myDoc != NULL)
				ent = xmlGetDocEntity(ctxt->myDoc, BAD_CAST name);
			if (ent != NULL && ent->content != NULL)
				buf_puts(out, (const char *)ent->content);
			else
				buf_put(out, amp, (size_t)(semi - amp + 1));
			free(name);
		}
		v = semi + 1;
	}
	if (v < end)
		buf_put(out, v, (size_t)(end - v));
}

/* The XML parser's start of an element (SAX2). */
static void
on_xml_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
    int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	struct page_read *rd = walk_of(ctx);
	struct walk *w;
	size_t i, n = nb_attributes > 0 ? (size_t)nb_attributes : 0;

	(void)uri;
	(void)nb_namespaces;
	(void)namespaces;
	(void)nb_defaulted;
	if (rd == NULL)
		return;
	w = &rd->w;
	attrs_begin(w, n);
	for (i = 0; i < n; i++) {
		const xmlChar **a = attributes + 5 * i; /* local name, prefix,
		                                           URI, value, end */
		struct attr *at = &w->attrs[i];

		at->name_at = w->attr_text.len;
		if (a[1] != NULL && a[2] == NULL) { /* an undeclared prefix */
			buf_puts(&w->attr_text, (const char *)a[1]);
			buf_putc(&w->attr_text, ':');
		}
		buf_puts(&w->attr_text, (const char *)a[0]);
		buf_putc(&w->attr_text, '\0');
		at->ns = (const char *)a[2];
		at->value_at = w->attr_text.len;
		put_xml_value(&w->attr_text, w->ctxt, (const char *)a[3],
		    (size_t)(a[4] - a[3]));
		buf_putc(&w->attr_text, '\0');
	}
	attrs_end(w, n);
	walk_start(rd, (const char *)localname, (const char *)prefix, n);
}

static void
on_xml_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct page_read *rd = walk_of(ctx);

	(void)localname;
	(void)prefix;
	(void)uri;
	if (rd != NULL)
		walk_end(rd);
}

/* The HTML parser's start of an element (SAX1: no namespaces). */
static void
on_html_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct page_read *rd = walk_of(ctx);
	struct walk *w;
	size_t i, n = 0;

	if (rd == NULL)
		return;
	w = &rd->w;
	while (atts != NULL && atts[2 * n] != NULL)
		n++;
	attrs_begin(w, n);
	for (i = 0; i < n; i++) {
		struct attr *at = &w->attrs[i];

		at->ns = NULL;
		at->name_at = w->attr_text.len;
		buf_puts(&w->attr_text, (const char *)atts[2 * i]);
		buf_putc(&w->attr_text, '\0');
		at->value_at = w->attr_text.len;
		if (atts[2 * i + 1] != NULL) /* NULL: a name alone */
			buf_puts(&w->attr_text, (const char *)atts[2 * i + 1]);
		buf_putc(&w->attr_text, '\0');
	}
	attrs_end(w, n);
	walk_start(rd, (const char *)name, NULL, n);
}

static void
on_html_end(void *ctx, const xmlChar *name)
{
	struct page_read *rd = walk_of(ctx);

	(void)name;
	if (rd != NULL)
		walk_end(rd);
}

/* Text, CDATA, or white space the parser could ignore: all are text. */
static void
on_text(void *ctx, const xmlChar *ch, int len)
{
	struct page_read *rd = walk_of(ctx);

	if (rd == NULL || rd->w.skip > 0)
		return;
	rules_text(rd, (const char *)ch, len > 0 ? (size_t)len : 0);
}

/* A reference to an entity the XML parser does not replace: text for a
   link, its replacement text for a title or a style. */
static void
on_reference(void *ctx, const xmlChar *name)
{
	struct page_read *rd = walk_of(ctx);
	xmlEntityPtr ent = NULL;

	if (rd == NULL || rd->w.skip > 0)
		return;
	if (rd->w.capturing > 0 && rd->w.ctxt->myDoc != NULL)
		ent = xmlGetDocEntity(rd->w.ctxt->myDoc, name);
	rules_reference(rd, ent != NULL && ent->content != NULL
	                        ? (const char *)ent->content
	                        : NULL);
}

/* Free what the walk holds and start it afresh. */
static void
walk_free(struct walk *w)
{
	size_t i;

	for (i = 0; i < w->depth; i++)
		free(w->open[i].href);
	free(w->open);
	for (i = 0; i < w->ncontrols; i++) {
		free(w->controls[i].id);
		free(w->controls[i].what);
	}
	free(w->controls);
	hash_free(w->label_for);
	buf_free(&w->capture);
	buf_free(&w->attr_text);
	free(w->attrs);
	memset(w, 0, sizeof(*w));
	w->last_link = SIZE_MAX;
}

/*
 * Forget what a reading of the page found: its walk, and what it filed
 * on the page (reports past the first keep).  The page is read again.
 */
static void
walk_reset(struct page_read *rd, size_t keep)
{
	struct check_page *p = rd->page;
	size_t i;

	walk_free(&rd->w);
	for (i = keep; i < p->reports.len; i++) {
		free(p->reports.items[i].message);
		free(p->reports.items[i].hint);
	}
	p->reports.len = keep;
	for (i = 0; i < p->nlinks; i++) {
		free(p->links[i].written);
		free(p->links[i].target);
		free(p->links[i].fragment);
	}
	p->nlinks = 0;
	p->nvalues = 0;
	free(p->title);
	p->title = NULL;
	memset(&p->title_pos, 0, sizeof(p->title_pos));
	hash_free(p->ids);
	p->ids = hash_new(16);
}

/*
 * Read html[0..len) with the XML parser (xml) or the HTML parser, walking
 * its elements (placed at the scan's offsets when exact), the parser's
 * errors into p.  Returns false when the XML parser's elements did not
 * match the scan's start tags (the walk is then partial).
 */
static bool
walk_page(struct page_read *rd, const char *html, size_t len, bool xml,
    bool exact, struct parse *p)
{
	xmlParserCtxtPtr ctxt;
	struct walk *w = &rd->w;

	if (w->label_for == NULL)
		w->label_for = hash_new(8);
	w->last_link = SIZE_MAX;
	if (len == 0)
		return true;  /* libxml2 makes no context for nothing */
	if (xml) {
		if ((ctxt = xmlCreateMemoryParserCtxt(html, (int)len)) == NULL)
			xoom();
		xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOWARNING);
		ctxt->sax->startElementNs = on_xml_start;
		ctxt->sax->endElementNs = on_xml_end;
		ctxt->sax->reference = on_reference;
	} else {
		if ((ctxt = htmlCreateMemoryParserCtxt(html, (int)len)) == NULL)
			xoom();
		htmlCtxtUseOptions(ctxt,
		    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
		ctxt->sax->startElement = on_html_start;
		ctxt->sax->endElement = on_html_end;
	}
	/* Text of every kind is text.  Comments and processing
	   instructions keep handlers: libxml2 words some errors otherwise. */
	ctxt->sax->characters = on_text;
	ctxt->sax->ignorableWhitespace = on_text;
	ctxt->sax->cdataBlock = on_text;
	ctxt->sax->comment = on_comment;
	ctxt->sax->processingInstruction = on_other;
	p->html = !xml;
	p->rd = rd;
	handle_errors(ctxt, p);
	ctxt->linenumbers = 1;
	/* Without a declared charset the HTML parser assumes Latin-1; text
	   that is valid UTF-8 almost surely is UTF-8 (a meta charset still
	   wins). */
	if (!xml && util_utf8_valid(html, len, NULL))
		xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	w->ctxt = ctxt;
	w->exact = exact;
	if (xml)
		xmlParseDocument(ctxt);
	else
		htmlParseDocument(ctxt);
	while (w->depth > 0 && !w->inexact)
		walk_end(rd); /* what the parser left open ends here */
	if (xml && !w->inexact && !ctxt->wellFormed &&
	    p->len == 0) { /* never without a reason */
		p->problems = xcalloc(MAX_PARSE_ERRORS, sizeof(*p->problems));
		p->problems[0].line = 1;
		p->problems[0].message =
		    xstrdup("the page is not well-formed XML");
		p->len = 1;
	}
	w->ctxt = NULL;
	p->rd = NULL;
	xmlFreeDoc(ctxt->myDoc);
	ctxt->myDoc = NULL;
	if (xml)
		xmlFreeParserCtxt(ctxt);
	else
		htmlFreeParserCtxt(ctxt);
	return !w->inexact && (!exact || w->nelems == rd->places.ntags);
}

/*
 * libxml2's message without the HTML line numbers it names ("tag
 * mismatch: br line 20 and p"), which mean nothing next to a Markdown
 * line.
 */
static void
without_html_lines(const char *message, struct buf *out)
{
	const char *p = message, *hit;

	while ((hit = strstr(p, " line ")) != NULL) {
		buf_put(out, p, (size_t)(hit - p));
		p = hit + 6;
		if (*p < '0' || *p > '9')
			BUF_PUTSL(out, " line ");  /* not a number: keep it */
		while (*p >= '0' && *p <= '9')
			p++;
	}
	buf_puts(out, p);
}

/* Report the parser's errors, each where it can be fixed. */
static void
report_parse(struct page_read *rd, const struct parse *p)
{
	const struct check_origin *o = rd->origin;
	size_t i;

	for (i = 0; i < p->len; i++) {
		const struct parse_problem *prob = &p->problems[i];
		struct check_pos pos = {rd->page->file, prob->line, prob->col};
		struct srcmap_pos src;

		if (o != NULL &&
		    srcmap_find(o->map,
		        place_offset_of(&rd->places, prob->line, prob->col),
		        &src)) {
			pos.file =
			    src.file; /* by line: the error is not an element */
			pos.line = src.line;
			pos.col = 0;
			if (o->source_path != NULL &&
			    strcmp(src.file, o->source_path) == 0) {
				/* The page's own source (its Markdown): only
				   raw HTML the author wrote makes it malformed,
				   so say what to write instead, without the
				   HTML's line numbers. */
				struct buf msg = BUF_INIT;

				without_html_lines(prob->message, &msg);
				report_at(rd, pos, CHECK_WELLFORMED,
				    "raw HTML that is "
				    "not well-formed: %s (mend's pages are "
				    "XHTML: "
				    "close every element, as in <br/> and "
				    "<p>...</p>, and quote every attribute's "
				    "value)",
				    buf_str(&msg));
				buf_free(&msg);
				continue;
			}
		}
		report_at(rd, pos, CHECK_WELLFORMED, "%s", prob->message);
	}
	if (p->more > 0)
		report(rd, NULL, CHECK_WELLFORMED,
		    "%zu more parser error%s on the page", p->more,
		    p->more == 1 ? "" : "s");
}

static void
page_read_free(struct page_read *rd)
{
	walk_free(&rd->w);
	place_free(&rd->places);
	free(rd->dir);
	buf_free(&rd->scratch);
}

/* Read the file dir/path whole; util_read_file's contract. */
static int
read_file(const char *dir, const char *path, char **text, size_t *len)
{
	struct buf file = BUF_INIT;
	int status, saved;

	buf_printf(&file, "%s/%s", dir, path);
	status = util_read_file(buf_str(&file), text, len);
	saved = errno;
	buf_free(&file);
	errno = saved;
	return status;
}

int
check_page_read(struct check_page *page, const struct check_context *ctx,
    const struct check_origin *origin)
{
	struct page_read rd;
	struct parse parse;
	char *read = NULL; /* the file as read, or NULL: origin->html */
	const char *html;
	size_t len, keep;
	const char *slash;

	page->ids = hash_new(16); /* kept for every page: small, it grows */
	page->page_pos.file = page->file;
	if (origin != NULL && ctx->opt->origins_written) {
		html = origin->html;
		len = origin->html_len;
	} else if (read_file(ctx->dir, page->path, &read, &len) == 0)
		html = read;
	else {
		check_report_add(&page->reports, ctx->opt, CHECK_NKINDS, false,
		    page->page_pos, page->url, "cannot read the page: %s",
		    strerror(errno));
		return -1;
	}
	memset(&rd, 0, sizeof(rd));
	memset(&parse, 0, sizeof(parse));
	rd.page = page;
	rd.ctx = ctx;
	rd.w.last_link = SIZE_MAX;
	slash = strrchr(page->path, '/');
	rd.dir = xstrndup(
	    page->path, slash != NULL ? (size_t)(slash - page->path) + 1 : 0);
	if (origin != NULL && html != origin->html &&
	    (origin->html_len != len || memcmp(origin->html, html, len) != 0))
		origin = NULL; /* changed since mend wrote it: a foreign page */
	if (origin != NULL) {
		rd.origin = origin;
		page->page_pos.file = origin->source_path;
		page->page_pos.line = 1;
	}
	if (len > INT_MAX) {
		check_report_add(&page->reports, ctx->opt, CHECK_NKINDS, false,
		    page->page_pos, page->url,
		    "the page is too large to check");
		free(read);
		page_read_free(&rd);
		return -1;
	}
	place_init(&rd.places, html, len);
	keep = page->reports.len;
	if (ctx->xml) {
		/* Each element at its start tag's offset: exact lines and
		   columns.  Should the parser's elements not be the scan's
		   start tags (an entity's markup, say), read it again by the
		   parser's lines. */
		place_scan(&rd.places);
		if (!walk_page(&rd, html, len, true, true, &parse) &&
		    parse.len == 0) {
			parse_free(&parse);
			walk_reset(&rd, keep);
			walk_page(&rd, html, len, true, false, &parse);
		}
		if (parse.len > 0) { /* not XML: read it as HTML */
			walk_reset(&rd, keep);
			report_parse(&rd, &parse);
			parse_free(&parse);
			walk_page(&rd, html, len, false, false, &parse);
			parse_free(&parse); /* reported once, as XML errors */
		}
	} else {
		rd.origin = NULL; /* no exact offsets without XML */
		walk_page(&rd, html, len, false, false, &parse);
		report_parse(&rd, &parse);
	}
	if (rd.w.nelems > 0)
		rules_page(&rd);
	else
		report(&rd, NULL, CHECK_WELLFORMED, "the page has no content");
	parse_free(&parse);
	free(read);
	page_read_free(&rd);
	return 0;
}

void
check_page_free(struct check_page *page)
{
	size_t i;

	if (page == NULL)
		return;
	for (i = 0; i < page->nlinks; i++) {
		free(page->links[i].written);
		free(page->links[i].target);
		free(page->links[i].fragment);
	}
	free(page->links);
	hash_free(page->ids);
	free(page->title);
	check_reports_free(&page->reports);
	free(page->path);
	free(page->file);
	free(page->url);
	memset(page, 0, sizeof(*page));
}
