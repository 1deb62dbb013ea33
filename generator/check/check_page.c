/*
 * check_page — read one page and check what it alone can show.  See
 * check_page.h.
 *
 * A page is read once and parsed into a tree by libxml2: mend's own pages
 * with the XML parser, others with the HTML parser.  Parser errors reach
 * us through a handler set on the parser context (never libxml2's global
 * one, and never printed by libxml2).  A page the XML parser rejects is
 * reported as not well-formed and read again with the HTML parser, so the
 * other checks still see it.
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
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
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
};

/* A form control that needs a label[for] to be labelled. */
struct control {
	char *id;             /* owned */
	char *what;           /* how the message names it; owned */
	struct check_pos pos; /* where it is reported */
};

/* The state of reading one page. */
struct page_read {
	struct check_page *page;           /* what the reading fills */
	const struct check_context *ctx;   /* what all pages share */
	const struct check_origin *origin; /* what its maker knows, or NULL */
	struct page_places places;         /* its lines and elements */
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

/* Parse html[0..len) as XML; the caller frees the tree. */
static xmlDoc *
parse_xml(const char *html, size_t len, struct parse *p)
{
	xmlParserCtxtPtr ctxt;
	xmlDoc *doc;

	if (len == 0)
		return NULL;  /* libxml2 makes no context for nothing */
	if ((ctxt = xmlCreateMemoryParserCtxt(html, (int)len)) == NULL)
		xoom();
	p->html = false;
	/* COMPACT keeps short text in its node, not in an allocation of its
	   own: the tree reads the same, and the checks never change it. */
	xmlCtxtUseOptions(
	    ctxt, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
	handle_errors(ctxt, p);
	ctxt->linenumbers = 1;
	xmlParseDocument(ctxt);
	doc = ctxt->myDoc;
	if (!ctxt->wellFormed && p->len == 0) { /* never without a reason */
		p->problems = xcalloc(MAX_PARSE_ERRORS, sizeof(*p->problems));
		p->problems[0].line = 1;
		p->problems[0].message =
		    xstrdup("the page is not well-formed XML");
		p->len = 1;
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

/* Parse html[0..len) as HTML; the caller frees the tree. */
static xmlDoc *
parse_html(const char *html, size_t len, struct parse *p)
{
	htmlParserCtxtPtr ctxt;
	xmlDoc *doc;

	if (len == 0)
		return NULL;  /* libxml2 makes no context for nothing */
	if ((ctxt = htmlCreateMemoryParserCtxt(html, (int)len)) == NULL)
		xoom();
	p->html = true;
	htmlCtxtUseOptions(
	    ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	handle_errors(ctxt, p);
	ctxt->linenumbers = 1;
	/* Without a declared charset the parser assumes Latin-1; text that
	   is valid UTF-8 almost surely is UTF-8 (a meta charset still wins). */
	if (util_utf8_valid(html, len, NULL))
		xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	htmlParseDocument(ctxt);
	doc = ctxt->myDoc;
	htmlFreeParserCtxt(ctxt);
	return doc;
}

/*
 * Values of attributes that are not one text node (an entity reference in
 * XML) are copied; the copies live here, per thread, until the page ends.
 */
static _Thread_local xmlChar **prop_copies;
static _Thread_local size_t prop_ncopies, prop_copies_cap;

/*
 * The value of attribute name (no namespace) of n, or NULL when n has
 * none.  The value belongs to the tree (or to the copies above).
 */
static const char *
attr_of(const xmlNode *n, const char *name)
{
	const xmlAttr *a;
	xmlChar *copy;

	for (a = n->properties; a != NULL; a = a->next) {
		if (a->ns != NULL || strcmp((const char *)a->name, name) != 0)
			continue;
		if (a->children == NULL)
			return "";
		if (a->children->next == NULL &&
		    a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content; /* no copy */
		if ((copy = xmlNodeListGetString(n->doc, a->children, 1)) ==
		    NULL)
			return "";
		if (prop_ncopies == prop_copies_cap) {
			prop_copies_cap =
			    prop_copies_cap ? prop_copies_cap * 2 : 8;
			prop_copies = xrealloc(prop_copies,
			    prop_copies_cap * sizeof(*prop_copies));
		}
		prop_copies[prop_ncopies++] = copy;
		return (const char *)copy;
	}
	return NULL;
}

static void
prop_copies_free(void)
{
	size_t i;

	for (i = 0; i < prop_ncopies; i++)
		xmlFree(prop_copies[i]);
	free(prop_copies);
	prop_copies = NULL;
	prop_ncopies = prop_copies_cap = 0;
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

static struct elem *
elem_of(const struct page_read *rd, const xmlNode *n)
{
	return &rd->places.elems[(uintptr_t)n->_private];
}

/* Where problems of the page go when no element is to blame. */
static struct check_pos
page_pos(const struct page_read *rd)
{
	return rd->page->page_pos;
}

/* File a problem about element e (NULL: the whole page). */
static void report(struct page_read *rd, const struct elem *e,
    enum check_kind kind, const char *fmt, ...) MEND_PRINTF(4, 5);

static void
report(struct page_read *rd, const struct elem *e, enum check_kind kind,
    const char *fmt, ...)
{
	va_list ap;

	if (check_severity(rd->ctx->opt, kind, false) < 0)
		return; /* the check is off */
	va_start(ap, fmt);
	check_report_vadd(&rd->page->reports, rd->ctx->opt, kind, false,
	    e != NULL ? e->pos : page_pos(rd), rd->page->url, fmt, ap);
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
			report(rd, e, CHECK_LINKS,
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
		report(rd, e, CHECK_EXTERNAL, "URL '%.*s' is not valid: %s",
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
		report(rd, e, CHECK_LINKS,
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
		report(rd, e, CHECK_THIRDPARTY,
		    "%s '%.*s' takes each reader to another site (%.*s) "
		    "without their choosing: link to it instead",
		    what, (int)len, value, (int)host_len, abs + host);
		break;
	case USE_FORM:
		report(rd, e, CHECK_THIRDPARTY,
		    "%s '%.*s' would send what readers enter to another site "
		    "(%.*s): keep what they enter within the site",
		    what, (int)len, value, (int)host_len, abs + host);
		break;
	case USE_PING:
		report(rd, e, CHECK_THIRDPARTY,
		    "%s '%.*s' would tell another site (%.*s) which links each "
		    "reader follows: remove it",
		    what, (int)len, value, (int)host_len, abs + host);
		break;
	case USE_RESOURCE:
		report(rd, e, CHECK_THIRDPARTY,
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
		report(rd, e, CHECK_EXTERNAL,
		    "javascript: URLs are not allowed: "
		    "put the script in a file and use a button");
	} else if (strcmp(scheme, "data") == 0 && use == USE_RESOURCE) {
		return; /* inline content, as an icon or an image */
	} else {
		report(rd, e, CHECK_EXTERNAL,
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
	const char *v = attr_of(e->node, name);

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
	const xmlNode *n = e->node;
	const char *what = strcmp((const char *)n->name, "use") == 0
	                       ? "SVG use target"
	                       : "image";
	xmlChar *xlink = xmlGetNsProp(
	    n, BAD_CAST "href", BAD_CAST "http://www.w3.org/1999/xlink");

	take_attr(rd, e, "href", USE_RESOURCE, true, what);
	take_attr(rd, e, "xlink:href", USE_RESOURCE, true, what);
	if (xlink != NULL)
		take_url(rd, e, (const char *)xlink, strlen((const char *)xlink),
		    USE_RESOURCE, true, what);
	xmlFree(xlink);
	if (strcmp((const char *)n->name, "image") == 0)
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

/* What the element n loads from its src (or data, or srcset). */
static const char *
element_loads(const xmlNode *n)
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
	const char *name = (const char *)n->name;
	size_t i;

	if (strcmp(name, "source") == 0) { /* what its parent plays or shows */
		if (n->parent == NULL || n->parent->type != XML_ELEMENT_NODE)
			return "source";
		name = (const char *)n->parent->name;
		if (strcmp(name, "picture") == 0)
			return "image";
		if (strcmp(name, "source") == 0)
			return "source";
		return element_loads(n->parent);
	}
	for (i = 0; i < sizeof(loads) / sizeof(loads[0]); i++)
		if (strcmp(loads[i].name, name) == 0)
			return loads[i].what;
	return "resource";
}

/*
 * Does a link's content name it: text, an img alt, an aria-label?  The
 * walk is iterative: foreign HTML may nest without limit.
 */
static bool
has_text(const xmlNode *link)
{
	const xmlNode *n = link->children;

	while (n != NULL) {
		if ((n->type == XML_TEXT_NODE ||
		        n->type == XML_CDATA_SECTION_NODE) &&
		    !blank((const char *)n->content))
			return true;
		if (n->type == XML_ENTITY_REF_NODE)
			return true;
		if (n->type == XML_ELEMENT_NODE) {
			if (!blank(attr_of(n, "aria-label")))
				return true;
			if (strcmp((const char *)n->name, "img") == 0 &&
			    !blank(attr_of(n, "alt")))
				return true;
			if (n->children != NULL) {
				n = n->children;
				continue;
			}
		}
		while (n != link && n->next == NULL)
			n = n->parent;
		n = n == link ? NULL : n->next;
	}
	return false;
}

/* Is the element labelled by itself: aria-label, aria-labelledby, title? */
static bool
self_labelled(const xmlNode *n)
{
	return !blank(attr_of(n, "aria-label")) ||
	       !blank(attr_of(n, "aria-labelledby")) ||
	       !blank(attr_of(n, "title"));
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
	const xmlNode *n = e->node;
	const char *type = attr_of(n, "type"), *id = attr_of(n, "id"),
	           *name = attr_of(n, "name");
	struct buf what = BUF_INIT;
	struct control *c;

	if (tag == TAG_INPUT && type != NULL &&
	    (strcasecmp(type, "hidden") == 0 ||
	        strcasecmp(type, "submit") == 0 ||
	        strcasecmp(type, "button") == 0 ||
	        strcasecmp(type, "reset") == 0 ||
	        strcasecmp(type, "image") == 0))
		return;
	if (rd->in_label > 0 || self_labelled(n))
		return;
	buf_puts(&what, (const char *)n->name);
	if (!blank(name))
		buf_printf(&what, " '%s'", name);
	else if (!blank(id))
		buf_printf(&what, " '#%s'", id);
	if (blank(id)) {
		report(rd, e, CHECK_STRUCTURE, "form control %s has no label",
		    buf_str(&what));
		buf_free(&what);
		return;
	}
	if (rd->ncontrols == rd->controls_cap) { /* a label[for] may follow */
		rd->controls_cap = rd->controls_cap ? rd->controls_cap * 2 : 8;
		rd->controls = xrealloc(
		    rd->controls, rd->controls_cap * sizeof(*rd->controls));
	}
	c = &rd->controls[rd->ncontrols++];
	c->id = xstrdup(id);
	c->what = buf_detach(&what);
	c->pos = e->pos;
}

/* The value of xml:lang (or an HTML parser's "xml:lang"), or NULL. */
static const char *
xml_lang(const xmlNode *n)
{
	const xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next)
		if ((a->ns != NULL &&
		        strcmp((const char *)a->name, "lang") == 0) ||
		    (a->ns == NULL &&
		        strcmp((const char *)a->name, "xml:lang") == 0))
			return a->children != NULL &&
			               a->children->type == XML_TEXT_NODE
			           ? (const char *)a->children->content
			           : "";
	return NULL;
}

/* Check one element as the walk enters it. */
static void
enter(struct page_read *rd, const struct elem *e)
{
	const xmlNode *n = e->node;
	const char *id = attr_of(n, "id"), *v;
	int level = e->level;
	enum tag tag = e->tag;
	xmlChar *text;

	if (id != NULL && id[0] != '\0' &&
	    !hash_add(rd->page->ids, id, strlen(id), 0, NULL))
		report(rd, e, CHECK_STRUCTURE, "duplicate id '%s'", id);
	/* What any element may load or send: CSS in its style, an old
	   background image, a button's formaction. */
	if ((v = attr_of(n, "style")) != NULL)
		take_css(rd, e, v);
	take_attr(rd, e, "background", USE_RESOURCE, true, "background image");
	take_attr(rd, e, "formaction", USE_FORM, true, "formaction");
	switch (tag) {
	case TAG_A:
		if ((v = attr_of(n, "name")) != NULL && v[0] != '\0')
			hash_add(rd->page->ids, v, strlen(v), 0, NULL);
		/* fall through */
	case TAG_AREA:
		if ((v = attr_of(n, "ping")) != NULL)
			take_pings(rd, e, v);
		if ((v = attr_of(n, "href")) == NULL)
			break;
		take_url(rd, e, v, strlen(v), USE_NAVIGATION, true, NULL);
		if (tag == TAG_A && !has_text(n) && !self_labelled(n))
			report(
			    rd, e, CHECK_STRUCTURE, "link '%s' has no text", v);
		break;
	case TAG_LINK:
		v = attr_of(n, "rel");
		take_attr(rd, e, "href", USE_RESOURCE,
		    v == NULL || (strstr(v, "preconnect") == NULL &&
		                     strstr(v, "dns-prefetch") == NULL),
		    link_loads(v));
		break;
	case TAG_IMG:
		take_attr(rd, e, "src", USE_RESOURCE, true, element_loads(n));
		if ((v = attr_of(n, "srcset")) != NULL)
			take_srcset(rd, e, v, element_loads(n));
		if (attr_of(n, "alt") == NULL)
			report(rd, e, CHECK_STRUCTURE,
			    "img '%s' has no alt attribute",
			    attr_of(n, "src") != NULL ? attr_of(n, "src") : "");
		break;
	case TAG_SOURCE:
		take_attr(rd, e, "src", USE_RESOURCE, true, element_loads(n));
		if ((v = attr_of(n, "srcset")) != NULL)
			take_srcset(rd, e, v, element_loads(n));
		break;
	case TAG_VIDEO:
		take_attr(rd, e, "poster", USE_RESOURCE, true, "video poster");
		/* fall through */
	case TAG_SCRIPT:
	case TAG_IFRAME:
	case TAG_MEDIA:
		take_attr(rd, e, "src", USE_RESOURCE, true, element_loads(n));
		break;
	case TAG_OBJECT:
		take_attr(rd, e, "data", USE_RESOURCE, true, element_loads(n));
		break;
	case TAG_FORM:
		take_attr(rd, e, "action", USE_FORM, true, "form action");
		break;
	case TAG_STYLE:
		text = xmlNodeGetContent(n);
		if (text != NULL)
			take_css(rd, e, (const char *)text);
		xmlFree(text);
		break;
	case TAG_SVG_REF: take_svg_ref(rd, e); break;
	case TAG_HTML:
		if (rd->html_el == NULL)
			rd->html_el = e;
		if ((v = attr_of(n, "lang")) == NULL)
			v = xml_lang(n);
		if (v == NULL)
			report(rd, e, CHECK_STRUCTURE,
			    "html has no lang attribute");
		else if (blank(v))
			report(rd, e, CHECK_STRUCTURE,
			    "html has an empty lang attribute");
		break;
	case TAG_HEAD:
		if (rd->head_el == NULL)
			rd->head_el = e;
		break;
	case TAG_BODY:
		if (rd->body_el == NULL)
			rd->body_el = e;
		break;
	case TAG_TITLE:
		if (n->parent == NULL || n->parent->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)n->parent->name, "head") != 0 ||
		    rd->has_title)
			break; /* an svg's title, or a second one */
		rd->has_title = true;
		text = xmlNodeGetContent(n);
		if (blank((const char *)text))
			report(rd, e, CHECK_STRUCTURE, "the title is empty");
		else {
			rd->page->title = collapse((const char *)text);
			rd->page->title_pos = e->pos;
		}
		xmlFree(text);
		break;
	case TAG_META:
		if ((v = attr_of(n, "http-equiv")) != NULL &&
		    strcasecmp(v, "refresh") == 0 &&
		    (v = attr_of(n, "content")) != NULL)
			take_refresh(rd, e, v);
		if ((v = attr_of(n, "name")) == NULL ||
		    strcasecmp(v, "description") != 0)
			break;
		if (blank(attr_of(n, "content")))
			report(rd, e, CHECK_STRUCTURE,
			    "the meta description is empty");
		rd->has_description = true;
		break;
	case TAG_MAIN:
		if (attr_of(n, "hidden") != NULL)
			break;
		if (++rd->mains == 2)
			report(rd, e, CHECK_STRUCTURE,
			    "more than one main element");
		if (rd->main_el == NULL)
			rd->main_el = e;
		break;
	case TAG_LABEL:
		rd->in_label++;
		if ((v = attr_of(n, "for")) != NULL && v[0] != '\0')
			hash_add(rd->label_for, v, strlen(v), 0, NULL);
		break;
	case TAG_INPUT:
		if ((v = attr_of(n, "type")) != NULL &&
		    strcasecmp(v, "image") == 0)
			take_attr(rd, e, "src", USE_RESOURCE, true, "image");
		/* fall through */
	case TAG_SELECT:
	case TAG_TEXTAREA: check_control(rd, e, tag); break;
	case TAG_HEADING:
		if (level == 1 && ++rd->h1s == 2)
			report(rd, e, CHECK_STRUCTURE,
			    "more than one h1 on the page");
		if (rd->last_level > 0 && level > rd->last_level + 1)
			report(rd, e, CHECK_STRUCTURE,
			    "heading level skipped: h%d after h%d", level,
			    rd->last_level);
		rd->last_level = level;
		break;
	case TAG_OTHER: break;
	}
}

static void
leave(struct page_read *rd, const struct elem *e)
{
	if (e->tag == TAG_LABEL && rd->in_label > 0)
		rd->in_label--;
}

/* Walk the tree in document order, entering and leaving each element. */
static void
check_tree(struct page_read *rd, xmlNode *root)
{
	xmlNode *n = root;

	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE) {
			enter(rd, elem_of(rd, n));
			if (n->children != NULL) {
				n = n->children;
				continue;
			}
		}
		for (;;) {
			if (n->type == XML_ELEMENT_NODE)
				leave(rd, elem_of(rd, n));
			if (n == root) {
				n = NULL;
				break;
			}
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
}

/* What the page as a whole lacks, once the walk has seen all of it. */
static void
check_page_whole(struct page_read *rd)
{
	const struct elem *head =
	    rd->head_el != NULL ? rd->head_el : rd->html_el;
	const struct elem *body =
	    rd->body_el != NULL ? rd->body_el : rd->html_el;
	size_t i;

	if (rd->html_el == NULL)
		report(rd, NULL, CHECK_STRUCTURE, "html has no lang attribute");
	if (rd->h1s == 0)
		report(rd, rd->main_el != NULL ? rd->main_el : body,
		    CHECK_STRUCTURE, "the page has no h1");
	if (!rd->has_title)
		report(rd, head, CHECK_STRUCTURE, "the page has no title");
	if (!rd->has_description)
		report(rd, head, CHECK_STRUCTURE,
		    "the page has no meta description");
	if (rd->mains == 0)
		report(
		    rd, body, CHECK_STRUCTURE, "the page has no main element");
	for (i = 0; i < rd->ncontrols; i++) {
		struct control *c = &rd->controls[i];

		if (!hash_get(rd->label_for, c->id, strlen(c->id), NULL))
			report_at(rd, c->pos, CHECK_STRUCTURE,
			    "form control %s has no label", c->what);
	}
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
	size_t i;

	for (i = 0; i < rd->ncontrols; i++) {
		free(rd->controls[i].id);
		free(rd->controls[i].what);
	}
	free(rd->controls);
	place_free(&rd->places);
	free(rd->dir);
	hash_free(rd->label_for);
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
	xmlDoc *doc = NULL;
	xmlNode *root;
	char *read = NULL; /* the file as read, or NULL: origin->html */
	const char *html;
	size_t len;
	const char *slash;
	bool exact = false;

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
	rd.label_for = hash_new(8);
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
	if (ctx->xml) {
		doc = parse_xml(html, len, &parse);
		if (parse.len > 0) {
			report_parse(
			    &rd, &parse); /* not XML: read it as HTML */
			parse_free(&parse);
			xmlFreeDoc(doc);
			doc = parse_html(html, len, &parse);
			parse_free(&parse); /* reported once, as XML errors */
		} else
			exact = true;
	} else {
		doc = parse_html(html, len, &parse);
		rd.origin = NULL; /* no exact offsets without XML */
		report_parse(&rd, &parse);
	}
	if (doc != NULL && (root = xmlDocGetRootElement(doc)) != NULL) {
		place_collect_elems(&rd.places, root);
		if (exact)
			exact = place_elems(&rd.places);
		place_positions(&rd.places, page->file,
		    rd.origin != NULL ? rd.origin->map : NULL, exact);
		check_tree(&rd, root);
		check_page_whole(&rd);
	} else
		report(&rd, NULL, CHECK_WELLFORMED, "the page has no content");
	xmlFreeDoc(doc);
	prop_copies_free();
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
