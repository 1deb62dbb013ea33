/*
 * check_page — read one page and check what it alone can show.  See
 * check_page.h.
 *
 * A page is read once by libxml2's streaming (SAX) interface: mend's own
 * pages with the XML parser, others with the HTML parser.  No tree is
 * built: each element is checked as the parser reports its start (enter)
 * and its end (leave), and only what the checks need is kept, the open
 * elements above the current one among it.  What needs an element's
 * content (a link's text, a title, a style sheet) is gathered while the
 * element is open and checked at its end.  A page of tens of thousands of
 * elements would otherwise cost a tree many times its size.  Parser
 * errors reach us through a handler set on the parser context (never
 * libxml2's global one, and never printed by libxml2).  A page the XML
 * parser rejects is reported as not well-formed and read again with the
 * HTML parser, so the other checks still see it; what the first reading
 * found is forgotten (walk_reset).
 *
 * Where each element is, in the HTML and in its source (one lookup in the
 * page's source map, when its maker gave one), is worked out by
 * check_place.c (check_place.h); this file holds the rest of the state of
 * reading a page (struct page_read).
 *
 * Not here: anything needing other pages (whether a link's target exists,
 * fragments, duplicate titles, reachability), and fetching (check.c and
 * check_external.c).
 */
#include "check/check_page.h"

#include <errno.h>
#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/buf.h"
#include "check/check_external.h"
#include "check/check_url.h"
#include "check/check_place.h"
#include "lib/hash.h"

#define MAX_PARSE_ERRORS 20 /* per page; the rest are counted in one report */

#if LIBXML_VERSION >= 21200
typedef const xmlError parse_error_t;
#else
typedef xmlError parse_error_t;
#endif

/* How a URL is used, which decides the schemes it may have. */
enum use {
	USE_NAVIGATION, /* a or area href: where a reader goes */
	USE_RESOURCE,   /* src, srcset, link href, poster, data: loaded */
	USE_FORM,       /* form action: where what a reader enters goes */
	USE_PING        /* a or area ping: told of each link followed */
};

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

/* One parser error, as the handler caught it. */
struct parse_problem {
	int line;      /* in the HTML */
	int col;       /* 0 when libxml2 gives none */
	char *message; /* owned, without the trailing newline */
};

struct page_read;

/* What the parser's error handler fills. */
struct parse {
	struct parse_problem *problems; /* the first MAX_PARSE_ERRORS */
	size_t len;                     /* problems kept */
	size_t more;                    /* errors past MAX_PARSE_ERRORS */
	bool html; /* the HTML parser: unknown (HTML5) tags are fine */
	struct page_read *rd; /* whose walk the parser's events feed */
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

/* The state of reading one page. */
struct page_read {
	struct check_page *page;           /* what the reading fills */
	const struct check_context *ctx;   /* what all pages share */
	const struct check_origin *origin; /* what its maker knows, or NULL */
	struct page_places places;         /* its lines and start tags */
	char *dir;              /* the page's folder in the site: "steps/x/" */
	struct walk w;          /* what the reading of its elements gathers */
	struct buf scratch;     /* for URL work */
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

int
check_severity(const struct check_options *opt, enum check_kind kind,
    bool warning_by_default)
{
	switch (opt->levels[kind]) {
	case CHECK_OFF: return -1;
	case CHECK_WARNING: return DIAG_WARNING;
	case CHECK_ERROR: return DIAG_ERROR;
	default: return warning_by_default ? DIAG_WARNING : DIAG_ERROR;
	}
}

void
check_report_add(struct check_reports *r, const struct check_options *opt,
    enum check_kind kind, bool warning_by_default, struct check_pos pos,
    const char *url, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	check_report_vadd(r, opt, kind, warning_by_default, pos, url, fmt, ap);
	va_end(ap);
}

void
check_report_vadd(struct check_reports *r, const struct check_options *opt,
    enum check_kind kind, bool warning_by_default, struct check_pos pos,
    const char *url, const char *fmt, va_list ap)
{
	int severity = kind < CHECK_NKINDS
	                   ? check_severity(opt, kind, warning_by_default)
	                   : DIAG_ERROR;
	struct check_report *rep;
	struct buf message = BUF_INIT;

	if (severity < 0)
		return;
	buf_vprintf(&message, fmt, ap);
	if (r->len == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->items = xrealloc(r->items, r->cap * sizeof(*r->items));
	}
	rep = &r->items[r->len++];
	rep->severity = (enum diag_severity)severity;
	rep->kind = kind;
	rep->pos = pos;
	rep->url = url;
	rep->message = buf_detach(&message);
	rep->hint = NULL;
}

void
check_reports_free(struct check_reports *r)
{
	size_t i;

	for (i = 0; i < r->len; i++) {
		free(r->items[i].message);
		free(r->items[i].hint);
	}
	free(r->items);
	memset(r, 0, sizeof(*r));
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

/* Is s NULL or only white space? */
static bool
blank(const char *s)
{
	if (s == NULL)
		return true;
	while (util_html_space(*s))
		s++;
	return *s == '\0';
}

/* Is s[0..len) only white space? */
static bool
blank_n(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!util_html_space(s[i]))
			return false;
	return true;
}

/*
 * The value of attribute name (no namespace) of e, or NULL when e has
 * none.  The value lasts until the next element is entered.
 */
static const char *
attr_of(const struct elem *e, const char *name)
{
	size_t i;

	for (i = 0; i < e->nattrs; i++)
		if (e->attrs[i].ns == NULL && strcmp(e->attrs[i].name, name) == 0)
			return e->attrs[i].value;
	return NULL;
}

/* The value of attribute name in namespace ns of e, or NULL. */
static const char *
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
static struct check_pos
page_pos(const struct page_read *rd)
{
	return rd->page->page_pos;
}

/* File a problem about the element at pos (NULL: the whole page). */
static void report(struct page_read *rd, const struct check_pos *pos,
    enum check_kind kind, const char *fmt, ...) MEND_PRINTF(4, 5);

static void
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
static void report_at(struct page_read *rd, struct check_pos pos,
    enum check_kind kind, const char *fmt, ...) MEND_PRINTF(4, 5);

static void
report_at(struct page_read *rd, struct check_pos pos, enum check_kind kind,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	check_report_vadd(&rd->page->reports, rd->ctx->opt, kind, false, pos,
	    rd->page->url, fmt, ap);
	va_end(ap);
}

static struct check_link *
new_link(
    struct page_read *rd, const struct elem *e, const char *value, size_t len)
{
	struct check_page *p = rd->page;
	struct check_link *link;

	if (p->nlinks == p->links_cap) {
		p->links_cap = p->links_cap ? p->links_cap * 2 : 32;
		p->links = xrealloc(p->links, p->links_cap * sizeof(*p->links));
	}
	link = &p->links[p->nlinks++];
	memset(link, 0, sizeof(*link));
	link->written = xstrndup(value, len);
	link->pos = e->pos;
	link->target_page = SIZE_MAX;
	return link;
}

/*
 * Take the internal reference ref[0..len) written as value[0..vlen):
 * resolved against the page's folder, or against the root when
 * from_root.  Records a link, or reports one that climbs out.
 */
static void
take_internal(struct page_read *rd, const struct elem *e, const char *value,
    size_t vlen, const char *ref, size_t len, bool from_root)
{
	const char *hash = memchr(ref, '#', len);
	size_t path_len = hash != NULL ? (size_t)(hash - ref) : len;
	const char *query = memchr(ref, '?', path_len);
	struct check_link *link;
	char *target = NULL;

	if (query != NULL)
		path_len = (size_t)(query - ref);
	if (path_len > 0 || from_root) {
		buf_reset(&rd->scratch);
		if (check_url_resolve(from_root ? "" : rd->dir, ref, path_len,
		        &rd->scratch) != 0) {
			report(rd, &e->pos, CHECK_LINKS,
			    "link '%.*s' climbs above the site root", (int)vlen,
			    value);
			return;
		}
		target = xstrndup(rd->scratch.data, rd->scratch.len);
	}
	link = new_link(rd, e, value, vlen);
	link->target = target;
	if (hash != NULL)
		link->fragment =
		    xstrndup(hash + 1, len - (size_t)(hash - ref) - 1);
}

/*
 * Take the absolute http(s) URL abs, written as value[0..len): a page of
 * the site when it lies under the base URL, else an external URL to
 * check (and, with --external and fetch, to fetch).
 */
static void
take_web(struct page_read *rd, const struct elem *e, const char *value,
    size_t len, const char *abs, bool fetch)
{
	const char *base = rd->ctx->base_url, *why;
	size_t abs_len = strlen(abs), rest;
	struct check_link *link;

	if (base != NULL && check_url_under_base(base, abs, abs_len, &rest)) {
		take_internal(
		    rd, e, value, len, abs + rest, abs_len - rest, true);
		return;
	}
	if (rd->ctx->opt->levels[CHECK_EXTERNAL] == CHECK_OFF)
		return;
	if ((why = check_external_invalid(abs)) != NULL) {
		report(rd, &e->pos, CHECK_EXTERNAL, "URL '%.*s' is not valid: %s",
		    (int)len, value, why);
	} else if (fetch && rd->ctx->opt->external) {
		link = new_link(rd, e, value, len);
		link->external = true;
		link->target = xstrndup(abs, strcspn(abs, "#"));
	}
}

/*
 * Take the root-relative reference value[0..len) ("/steps/x/"): served
 * from the site's own path, the base URL's ("/guide/" for
 * https://example.org/guide/), so it must start with that path.
 */
static void
take_rooted(
    struct page_read *rd, const struct elem *e, const char *value, size_t len)
{
	/* Only a base URL the caller gave says where the site is served: one
	   guessed from the sitemap may be deeper than the site's root. */
	const char *base = rd->ctx->opt->base_url, *path = NULL;
	size_t plen;

	if (base != NULL && (path = strstr(base, "://")) != NULL)
		path = strchr(path + 3, '/');
	if (path == NULL || strcmp(path, "/") == 0) {
		take_internal(rd, e, value, len, value, len, true);
		return;
	}
	plen = strlen(path);  /* "/guide/" */
	if (len >= plen && strncmp(value, path, plen) == 0)
		take_internal(
		    rd, e, value, len, value + plen, len - plen, true);
	else if (len == plen - 1 && strncmp(value, path, len) == 0)
		take_internal(rd, e, value, len, value + len, 0, true);
	else
		report(rd, &e->pos, CHECK_LINKS,
		    "link '%.*s' leads outside the site, "
		    "which is served from %s",
		    (int)len, value, path);
}

/*
 * Report the URL value[0..len) of e, used as use (what names it: "image"),
 * whose absolute URL is abs, when it leads to a host other than the
 * site's: the site promises its readers that its pages ask no other site
 * for anything they did not choose.  Without a base URL every host is
 * another site's.
 */
static void
check_third_party(struct page_read *rd, const struct elem *e,
    const char *value, size_t len, const char *abs, enum use use,
    const char *what)
{
	const char *base = rd->ctx->base_url;
	size_t host, host_len, base_host, base_len;

	host = check_url_host(abs, strlen(abs), &host_len);
	if (host_len == 0)
		return; /* no host: not a URL the browser can load */
	if (base != NULL) {
		base_host = check_url_host(base, strlen(base), &base_len);
		if (check_url_same_host(
		        abs + host, host_len, base + base_host, base_len))
			return;
	}
	switch (use) {
	case USE_NAVIGATION: /* a meta refresh: no link is followed */
		report(rd, &e->pos, CHECK_THIRDPARTY,
		    "%s '%.*s' takes each reader to another site (%.*s) "
		    "without their choosing: link to it instead",
		    what, (int)len, value, (int)host_len, abs + host);
		break;
	case USE_FORM:
		report(rd, &e->pos, CHECK_THIRDPARTY,
		    "%s '%.*s' would send what readers enter to another site "
		    "(%.*s): keep what they enter within the site",
		    what, (int)len, value, (int)host_len, abs + host);
		break;
	case USE_PING:
		report(rd, &e->pos, CHECK_THIRDPARTY,
		    "%s '%.*s' would tell another site (%.*s) which links each "
		    "reader follows: remove it",
		    what, (int)len, value, (int)host_len, abs + host);
		break;
	case USE_RESOURCE:
		report(rd, &e->pos, CHECK_THIRDPARTY,
		    "%s '%.*s' is loaded from another site (%.*s): each "
		    "reader's browser would request it from there; put a copy "
		    "in the site",
		    what, (int)len, value, (int)host_len, abs + host);
		break;
	}
}

/*
 * Take one URL value[0..len) of element e, used as use: a reference
 * inside the site, a web URL, or another scheme (mailto and tel fine,
 * data fine for what a page loads, the rest not).  what names what the
 * browser loads from it as it shows the page ("image"), or what sends the
 * reader or their answers there unasked ("meta refresh", "ping", "form
 * action"), or is NULL when neither (a link the reader follows, a
 * canonical link).
 */
static void
take_url(struct page_read *rd, const struct elem *e, const char *value,
    size_t len, enum use use, bool fetch, const char *what)
{
	struct buf abs = BUF_INIT;
	char scheme[16];
	size_t slen, i;

	while (len > 0 && util_html_space(value[0])) {
		value++;
		len--;
	}
	while (len > 0 && util_html_space(value[len - 1]))
		len--;
	rd->page->nvalues++;
	if (len == 0)
		return; /* the page itself */
	if (len >= 2 && value[0] == '/' && value[1] == '/') {
		/* Scheme-relative: the site's scheme, else https. */
		if (rd->ctx->base_url != NULL)
			buf_put(&abs, rd->ctx->base_url,
			    strcspn(rd->ctx->base_url, ":") + 1);
		else
			BUF_PUTSL(&abs, "https:");
		buf_put(&abs, value, len);
		if (what != NULL)
			check_third_party(
			    rd, e, value, len, buf_str(&abs), use, what);
		take_web(rd, e, value, len, buf_str(&abs), fetch);
		buf_free(&abs);
		return;
	}
	if ((slen = check_url_scheme(value, len)) == 0 && value[0] == '/') {
		take_rooted(rd, e, value, len);
		return;
	}
	if (slen == 0) {
		take_internal(rd, e, value, len, value, len, false);
		return;
	}
	if (slen >= sizeof(scheme))
		slen = sizeof(scheme) - 1;
	for (i = 0; i < slen; i++)
		scheme[i] =
		    (char)(value[i] >= 'A' && value[i] <= 'Z' ? value[i] + 32
		                                              : value[i]);
	scheme[slen] = '\0';
	if (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0) {
		buf_put(&abs, value, len);
		if (what != NULL)
			check_third_party(
			    rd, e, value, len, buf_str(&abs), use, what);
		take_web(rd, e, value, len, buf_str(&abs), fetch);
		buf_free(&abs);
	} else if (strcmp(scheme, "mailto") == 0 ||
	           strcmp(scheme, "tel") == 0) {
		return;
	} else if (strcmp(scheme, "javascript") == 0) {
		report(rd, &e->pos, CHECK_EXTERNAL,
		    "javascript: URLs are not allowed: "
		    "put the script in a file and use a button");
	} else if (strcmp(scheme, "data") == 0 && use == USE_RESOURCE) {
		return; /* inline content, as an icon or an image */
	} else {
		report(rd, &e->pos, CHECK_EXTERNAL,
		    "URL '%.*s' uses the scheme '%s': "
		    "use http, https, mailto or tel",
		    (int)len, value, scheme);
	}
}

/* Take each URL of a srcset, as the HTML standard splits it. */
static void
take_srcset(struct page_read *rd, const struct elem *e, const char *srcset,
    const char *what)
{
	const char *p = srcset;

	for (;;) {
		const char *url;
		size_t n;
		bool commas = false;
		int parens = 0;

		while (util_html_space(*p) || *p == ',')
			p++;
		if (*p == '\0')
			break;
		url = p;
		while (*p != '\0' && !util_html_space(*p))
			p++;
		n = (size_t)(p - url);
		while (
		    n > 0 && url[n - 1] == ',') { /* trailing commas end it */
			n--;
			commas = true;
		}
		take_url(rd, e, url, n, USE_RESOURCE, true, what);
		if (commas)
			continue;
		while (
		    *p != '\0' && (parens > 0 || *p != ',')) { /* descriptors */
			if (*p == '(')
				parens++;
			else if (*p == ')' && parens > 0)
				parens--;
			p++;
		}
	}
}

/* Take the URL in attribute name of e, if it has one (take_url's what). */
static void
take_attr(struct page_read *rd, const struct elem *e, const char *name,
    enum use use, bool fetch, const char *what)
{
	const char *v = attr_of(e, name);

	if (v != NULL)
		take_url(rd, e, v, strlen(v), use, fetch, what);
}

/* Take each URL of a ping, a list of URLs apart by spaces. */
static void
take_pings(struct page_read *rd, const struct elem *e, const char *pings)
{
	const char *p = pings, *url;

	for (;;) {
		while (util_html_space(*p))
			p++;
		if (*p == '\0')
			break;
		for (url = p; *p != '\0' && !util_html_space(*p); p++)
			;
		take_url(rd, e, url, (size_t)(p - url), USE_PING, false, "ping");
	}
}

/* Skip a CSS string that opens at *p; returns its length within the
   quotes and sets *end past the closing quote (or to the end). */
static size_t
css_string(const char *p, const char **end)
{
	char quote = *p++;
	const char *start = p;

	while (*p != '\0' && *p != quote) {
		if (*p == '\\' && p[1] != '\0')
			p++;
		p++;
	}
	*end = *p == quote ? p + 1 : p;
	return (size_t)(p - start);
}

/* Can c be part of a CSS name (so "myurl(" is no url())? */
static bool
css_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' ||
	       (unsigned char)c >= 0x80;
}

/*
 * Take each URL that the CSS text css (a style attribute's or a style
 * element's) loads: each url(...) and each @import's string.  Enough to
 * find a font or a pixel from another site, not a CSS parser: comments
 * are skipped, but escapes are not decoded.
 */
static void
take_css(struct page_read *rd, const struct elem *e, const char *css)
{
	const char *p = css, *url, *end;
	bool import = false; /* an @import's URL comes next */
	size_t n;

	while (*p != '\0') {
		if (p[0] == '/' && p[1] == '*') {
			end = strstr(p + 2, "*/");
			p = end != NULL ? end + 2 : p + strlen(p);
		} else if (*p == '"' || *p == '\'') {
			n = css_string(p, &end);
			if (import)
				take_url(rd, e, p + 1, n, USE_RESOURCE, true,
				    "stylesheet");
			import = false;
			p = end;
		} else if (*p == '@' && strncasecmp(p, "@import", 7) == 0) {
			import = true;
			p += 7;
		} else if (strncasecmp(p, "url(", 4) == 0 &&
		           (p == css || !css_name_char(p[-1]))) {
			for (p += 4; util_html_space(*p); p++)
				;
			if (*p == '"' || *p == '\'') {
				url = p + 1;
				n = css_string(p, &p);
			} else {
				for (url = p; *p != '\0' && *p != ')'; p++)
					;
				n = (size_t)(p - url);
			}
			take_url(rd, e, url, n, USE_RESOURCE, true,
			    import ? "stylesheet" : "style resource");
			import = false;
		} else {
			if (*p == ';' || *p == '{' || *p == '}')
				import = false; /* an @import ends at ';' */
			p++;
		}
	}
}

/*
 * Take the URL of a meta refresh's content ("5; url=https://..."), read
 * as the HTML standard reads it: a time, then ';', ',' or a space, then
 * the URL, after "url=" or not, in quotes or not.
 */
static void
take_refresh(struct page_read *rd, const struct elem *e, const char *content)
{
	const char *p = content, *url;
	size_t n;

	while (util_html_space(*p))
		p++;
	while ((*p >= '0' && *p <= '9') || *p == '.')
		p++;
	if (*p != ';' && *p != ',' && !util_html_space(*p))
		return; /* a time alone (the page itself again), or no time */
	while (util_html_space(*p))
		p++;
	if (*p == ';' || *p == ',')
		p++;
	while (util_html_space(*p))
		p++;
	if (strncasecmp(p, "url", 3) == 0) {
		const char *q = p + 3;

		while (util_html_space(*q))
			q++;
		if (*q == '=')
			for (p = q + 1; util_html_space(*p); p++)
				;
	}
	if (*p == '"' || *p == '\'') {
		url = p + 1;
		n = strcspn(url, *p == '"' ? "\"" : "'");
	} else {
		url = p;
		n = strlen(url);
	}
	take_url(rd, e, url, n, USE_NAVIGATION, true, "meta refresh");
}

/* Take what an SVG image, feImage or use loads: href, or xlink:href as
   an XML parser (namespaced) or the HTML parser (a plain name) gives it;
   and src, as a browser reads <image src> outside SVG as an img. */
static void
take_svg_ref(struct page_read *rd, const struct elem *e)
{
	const char *what =
	    strcmp(e->name, "use") == 0 ? "SVG use target" : "image";
	const char *xlink =
	    attr_ns_of(e, "href", "http://www.w3.org/1999/xlink");

	take_attr(rd, e, "href", USE_RESOURCE, true, what);
	take_attr(rd, e, "xlink:href", USE_RESOURCE, true, what);
	if (xlink != NULL)
		take_url(rd, e, xlink, strlen(xlink), USE_RESOURCE, true, what);
	if (strcmp(e->name, "image") == 0)
		take_attr(rd, e, "src", USE_RESOURCE, true, "image");
}

/*
 * What a link element whose rel is rel loads from its href, as a message
 * names it ("stylesheet"), or NULL when it loads nothing: a canonical or
 * alternate link names a page.  dns-prefetch asks only a name server, but
 * that is still another site's learning of each reader.  rel is a list of
 * tokens, without case.
 */
static const char *
link_loads(const char *rel)
{
	static const struct {
		const char *token;
		const char *what;
	} loads[] = {
	    {"stylesheet", "stylesheet"},
	    {"icon", "icon"},
	    {"apple-touch-icon", "icon"},
	    {"apple-touch-icon-precomposed", "icon"},
	    {"mask-icon", "icon"},
	    {"manifest", "manifest"},
	    {"preload", "link rel=preload"},
	    {"modulepreload", "link rel=modulepreload"},
	    {"prefetch", "link rel=prefetch"},
	    {"prerender", "link rel=prerender"},
	    {"preconnect", "link rel=preconnect"},
	    {"dns-prefetch", "link rel=dns-prefetch"},
	};
	const char *p = rel;
	size_t n, i;

	if (rel == NULL)
		return NULL;
	for (;;) {
		while (util_html_space(*p))
			p++;
		if (*p == '\0')
			return NULL;
		for (n = 0; p[n] != '\0' && !util_html_space(p[n]); n++)
			;
		for (i = 0; i < sizeof(loads) / sizeof(loads[0]); i++)
			if (strlen(loads[i].token) == n &&
			    strncasecmp(loads[i].token, p, n) == 0)
				return loads[i].what;
		p += n;
	}
}

/* What an element called name loads from its src (or data, or srcset);
   parent is its parent's name, or NULL. */
static const char *
element_loads(const char *name, const char *parent)
{
	static const struct {
		const char *name;
		const char *what;
	} loads[] = {
	    {"img", "image"},
	    {"audio", "audio"},
	    {"video", "video"},
	    {"track", "text track"},
	    {"embed", "embedded content"},
	    {"object", "embedded content"},
	    {"iframe", "frame"},
	    {"script", "script"},
	};
	size_t i;

	if (strcmp(name, "source") == 0) { /* what its parent plays or shows */
		if (parent == NULL)
			return "source";
		if (strcmp(parent, "picture") == 0)
			return "image";
		if (strcmp(parent, "source") == 0)
			return "source";
		name = parent;
	}
	for (i = 0; i < sizeof(loads) / sizeof(loads[0]); i++)
		if (strcmp(loads[i].name, name) == 0)
			return loads[i].what;
	return "resource";
}

/* Is the element labelled by itself: aria-label, aria-labelledby, title? */
static bool
self_labelled(const struct elem *e)
{
	return !blank(attr_of(e, "aria-label")) ||
	       !blank(attr_of(e, "aria-labelledby")) ||
	       !blank(attr_of(e, "title"));
}

/* Collapse runs of white space to one space and trim; caller frees. */
static char *
collapse(const char *s)
{
	struct buf out = BUF_INIT;
	bool space = false;

	for (; *s != '\0'; s++) {
		if (util_html_space(*s)) {
			space = out.len > 0;
			continue;
		}
		if (space)
			buf_putc(&out, ' ');
		space = false;
		buf_putc(&out, *s);
	}
	return buf_detach(&out);
}

static void
check_control(struct page_read *rd, const struct elem *e, enum tag tag)
{
	const char *type = attr_of(e, "type"), *id = attr_of(e, "id"),
	           *name = attr_of(e, "name");
	struct buf what = BUF_INIT;
	struct control *c;

	if (tag == TAG_INPUT && type != NULL &&
	    (strcasecmp(type, "hidden") == 0 ||
	        strcasecmp(type, "submit") == 0 ||
	        strcasecmp(type, "button") == 0 ||
	        strcasecmp(type, "reset") == 0 ||
	        strcasecmp(type, "image") == 0))
		return;
	if (rd->w.in_label > 0 || self_labelled(e))
		return;
	buf_puts(&what, e->name);
	if (!blank(name))
		buf_printf(&what, " '%s'", name);
	else if (!blank(id))
		buf_printf(&what, " '#%s'", id);
	if (blank(id)) {
		report(rd, &e->pos, CHECK_STRUCTURE, "form control %s has no label",
		    buf_str(&what));
		buf_free(&what);
		return;
	}
	if (rd->w.ncontrols == rd->w.controls_cap) { /* a label[for] may follow */
		rd->w.controls_cap =
		    rd->w.controls_cap ? rd->w.controls_cap * 2 : 8;
		rd->w.controls = xrealloc(rd->w.controls,
		    rd->w.controls_cap * sizeof(*rd->w.controls));
	}
	c = &rd->w.controls[rd->w.ncontrols++];
	c->id = xstrdup(id);
	c->what = buf_detach(&what);
	c->pos = e->pos;
}

/* The value of xml:lang (or an HTML parser's "xml:lang"), or NULL. */
static const char *
xml_lang(const struct elem *e)
{
	size_t i;

	for (i = 0; i < e->nattrs; i++)
		if ((e->attrs[i].ns != NULL &&
		        strcmp(e->attrs[i].name, "lang") == 0) ||
		    (e->attrs[i].ns == NULL &&
		        strcmp(e->attrs[i].name, "xml:lang") == 0))
			return e->attrs[i].value;
	return NULL;
}

/* Check one element as the walk enters it; o is its open entry, at index
   at of the walk's open elements. */
static void
enter(struct page_read *rd, const struct elem *e, struct open_elem *o,
    size_t at)
{
	struct walk *w = &rd->w;
	const char *id = attr_of(e, "id"), *v;
	int level = e->level;
	enum tag tag = e->tag;

	if (id != NULL && id[0] != '\0' &&
	    !hash_add(rd->page->ids, id, strlen(id), 0, NULL))
		report(rd, &e->pos, CHECK_STRUCTURE, "duplicate id '%s'", id);
	/* What any element may load or send: CSS in its style, an old
	   background image, a button's formaction. */
	if ((v = attr_of(e, "style")) != NULL)
		take_css(rd, e, v);
	take_attr(rd, e, "background", USE_RESOURCE, true, "background image");
	take_attr(rd, e, "formaction", USE_FORM, true, "formaction");
	switch (tag) {
	case TAG_A:
		if ((v = attr_of(e, "name")) != NULL && v[0] != '\0')
			hash_add(rd->page->ids, v, strlen(v), 0, NULL);
		/* fall through */
	case TAG_AREA:
		if ((v = attr_of(e, "ping")) != NULL)
			take_pings(rd, e, v);
		if ((v = attr_of(e, "href")) == NULL)
			break;
		take_url(rd, e, v, strlen(v), USE_NAVIGATION, true, NULL);
		if (tag == TAG_A && !self_labelled(e)) {
			/* Whether its content has text is known at its end. */
			o->href = xstrdup(v);
			o->prev_link = w->last_link;
			w->last_link = at;
		}
		break;
	case TAG_LINK:
		v = attr_of(e, "rel");
		take_attr(rd, e, "href", USE_RESOURCE,
		    v == NULL || (strstr(v, "preconnect") == NULL &&
		                     strstr(v, "dns-prefetch") == NULL),
		    link_loads(v));
		break;
	case TAG_IMG:
		take_attr(rd, e, "src", USE_RESOURCE, true,
		    element_loads(e->name, e->parent));
		if ((v = attr_of(e, "srcset")) != NULL)
			take_srcset(rd, e, v, element_loads(e->name, e->parent));
		if (attr_of(e, "alt") == NULL)
			report(rd, &e->pos, CHECK_STRUCTURE,
			    "img '%s' has no alt attribute",
			    attr_of(e, "src") != NULL ? attr_of(e, "src") : "");
		break;
	case TAG_SOURCE:
		take_attr(rd, e, "src", USE_RESOURCE, true,
		    element_loads(e->name, e->parent));
		if ((v = attr_of(e, "srcset")) != NULL)
			take_srcset(rd, e, v, element_loads(e->name, e->parent));
		break;
	case TAG_VIDEO:
		take_attr(rd, e, "poster", USE_RESOURCE, true, "video poster");
		/* fall through */
	case TAG_SCRIPT:
	case TAG_IFRAME:
	case TAG_MEDIA:
		take_attr(rd, e, "src", USE_RESOURCE, true,
		    element_loads(e->name, e->parent));
		break;
	case TAG_OBJECT:
		take_attr(rd, e, "data", USE_RESOURCE, true,
		    element_loads(e->name, e->parent));
		break;
	case TAG_FORM:
		take_attr(rd, e, "action", USE_FORM, true, "form action");
		break;
	case TAG_STYLE: /* its CSS, at its end */
		o->capture = w->capture.len;
		w->capturing++;
		break;
	case TAG_SVG_REF: take_svg_ref(rd, e); break;
	case TAG_HTML:
		if (!w->seen_html) {
			w->seen_html = true;
			w->html_pos = e->pos;
		}
		if ((v = attr_of(e, "lang")) == NULL)
			v = xml_lang(e);
		if (v == NULL)
			report(rd, &e->pos, CHECK_STRUCTURE,
			    "html has no lang attribute");
		else if (blank(v))
			report(rd, &e->pos, CHECK_STRUCTURE,
			    "html has an empty lang attribute");
		break;
	case TAG_HEAD:
		if (!w->seen_head) {
			w->seen_head = true;
			w->head_pos = e->pos;
		}
		break;
	case TAG_BODY:
		if (!w->seen_body) {
			w->seen_body = true;
			w->body_pos = e->pos;
		}
		break;
	case TAG_TITLE:
		if (e->parent == NULL || strcmp(e->parent, "head") != 0 ||
		    w->has_title)
			break; /* an svg's title, or a second one */
		w->has_title = true;
		o->capture = w->capture.len; /* its text, at its end */
		w->capturing++;
		break;
	case TAG_META:
		if ((v = attr_of(e, "http-equiv")) != NULL &&
		    strcasecmp(v, "refresh") == 0 &&
		    (v = attr_of(e, "content")) != NULL)
			take_refresh(rd, e, v);
		if ((v = attr_of(e, "name")) == NULL ||
		    strcasecmp(v, "description") != 0)
			break;
		if (blank(attr_of(e, "content")))
			report(rd, &e->pos, CHECK_STRUCTURE,
			    "the meta description is empty");
		w->has_description = true;
		break;
	case TAG_MAIN:
		if (attr_of(e, "hidden") != NULL)
			break;
		if (++w->mains == 2)
			report(rd, &e->pos, CHECK_STRUCTURE,
			    "more than one main element");
		if (!w->seen_main) {
			w->seen_main = true;
			w->main_pos = e->pos;
		}
		break;
	case TAG_LABEL:
		w->in_label++;
		if ((v = attr_of(e, "for")) != NULL && v[0] != '\0')
			hash_add(w->label_for, v, strlen(v), 0, NULL);
		break;
	case TAG_INPUT:
		if ((v = attr_of(e, "type")) != NULL &&
		    strcasecmp(v, "image") == 0)
			take_attr(rd, e, "src", USE_RESOURCE, true, "image");
		/* fall through */
	case TAG_SELECT:
	case TAG_TEXTAREA: check_control(rd, e, tag); break;
	case TAG_HEADING:
		if (level == 1 && ++w->h1s == 2)
			report(rd, &e->pos, CHECK_STRUCTURE,
			    "more than one h1 on the page");
		if (w->last_level > 0 && level > w->last_level + 1)
			report(rd, &e->pos, CHECK_STRUCTURE,
			    "heading level skipped: h%d after h%d", level,
			    w->last_level);
		w->last_level = level;
		break;
	case TAG_OTHER: break;
	}
}

/* Check what the open element o needed its content for, as it ends. */
static void
leave(struct page_read *rd, struct open_elem *o)
{
	struct walk *w = &rd->w;
	const char *text;

	if (o->tag == TAG_LABEL && w->in_label > 0)
		w->in_label--;
	if (o->href != NULL) {
		if (!o->text)
			report(rd, &o->pos, CHECK_STRUCTURE,
			    "link '%s' has no text", o->href);
		w->last_link = o->prev_link;
		free(o->href);
		o->href = NULL;
	}
	if (o->capture == SIZE_MAX)
		return;
	text = buf_str(&w->capture) + o->capture;
	if (o->tag == TAG_STYLE) {
		struct elem e;

		memset(&e, 0, sizeof(e));
		e.name = o->name;
		e.pos = o->pos;
		take_css(rd, &e, text);
	} else if (blank(text))
		report(rd, &o->pos, CHECK_STRUCTURE, "the title is empty");
	else {
		free(rd->page->title);
		rd->page->title = collapse(text);
		rd->page->title_pos = o->pos;
	}
	if (--w->capturing == 0)
		buf_reset(&w->capture);
}

/* The open links around the current point have text in them.  A link is
   marked after each link opened before it, so the marking stops at the
   first link marked already. */
static void
links_have_text(struct walk *w)
{
	size_t i;

	for (i = w->last_link; i != SIZE_MAX && !w->open[i].text;
	     i = w->open[i].prev_link)
		w->open[i].text = true;
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
	/* A label in a link's content names the link. */
	if (w->last_link != SIZE_MAX &&
	    (!blank(attr_of(&e, "aria-label")) ||
	        (strcmp(name, "img") == 0 && !blank(attr_of(&e, "alt")))))
		links_have_text(w);
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
	enter(rd, &e, o, w->depth - 1);
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
	leave(rd, &w->open[--w->depth]);
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
	size_t n = len > 0 ? (size_t)len : 0;

	if (rd == NULL || rd->w.skip > 0)
		return;
	if (rd->w.last_link != SIZE_MAX && !blank_n((const char *)ch, n))
		links_have_text(&rd->w);
	if (rd->w.capturing > 0)
		buf_put(&rd->w.capture, (const char *)ch, n);
}

/* A reference to an entity the XML parser does not replace: text for a
   link, its replacement text for a title or a style. */
static void
on_reference(void *ctx, const xmlChar *name)
{
	struct page_read *rd = walk_of(ctx);
	xmlEntityPtr ent;

	if (rd == NULL || rd->w.skip > 0)
		return;
	links_have_text(&rd->w);
	if (rd->w.capturing > 0 && rd->w.ctxt->myDoc != NULL &&
	    (ent = xmlGetDocEntity(rd->w.ctxt->myDoc, name)) != NULL &&
	    ent->content != NULL)
		buf_puts(&rd->w.capture, (const char *)ent->content);
}

/* What the page as a whole lacks, once the walk has seen all of it. */
static void
check_page_whole(struct page_read *rd)
{
	struct walk *w = &rd->w;
	const struct check_pos *html = w->seen_html ? &w->html_pos : NULL;
	const struct check_pos *head = w->seen_head ? &w->head_pos : html;
	const struct check_pos *body = w->seen_body ? &w->body_pos : html;
	size_t i;

	if (!w->seen_html)
		report(rd, NULL, CHECK_STRUCTURE, "html has no lang attribute");
	if (w->h1s == 0)
		report(rd, w->seen_main ? &w->main_pos : body,
		    CHECK_STRUCTURE, "the page has no h1");
	if (!w->has_title)
		report(rd, head, CHECK_STRUCTURE, "the page has no title");
	if (!w->has_description)
		report(rd, head, CHECK_STRUCTURE,
		    "the page has no meta description");
	if (w->mains == 0)
		report(
		    rd, body, CHECK_STRUCTURE, "the page has no main element");
	for (i = 0; i < w->ncontrols; i++) {
		struct control *c = &w->controls[i];

		if (!hash_get(w->label_for, c->id, strlen(c->id), NULL))
			report_at(rd, c->pos, CHECK_STRUCTURE,
			    "form control %s has no label", c->what);
	}
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
		check_page_whole(&rd);
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
