/*
 * check_link — the URLs an element of a page carries: each href, src,
 * srcset candidate, poster, data, action, formaction, ping, background,
 * meta refresh, SVG reference, and each url() and @import of CSS in a
 * style attribute or a style element.  Each is judged by how it is used
 * (a link a reader follows, something the page loads, where a form sends
 * what a reader enters, a ping): its scheme (mailto and tel fine, data
 * for what loads, javascript never), whether it loads from or sends the
 * reader to another site's host, and whether it climbs above the site's
 * root.  What leads somewhere in the site or, with --external, outside it
 * becomes one of the page's links (struct check_link) for the site-wide
 * phase.  See check_walk.h for the state it shares.
 *
 * Not here: whether a link's target exists or its fragment is there
 * (check.c), fetching (check_external.c), the URL arithmetic itself
 * (check_url.c), and the element's other checks (check_rules.c).
 */
#include "check/check_link.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check/check_external.h"
#include "check/check_url.h"
#include "lib/buf.h"
#include "lib/util.h"

/* How a URL is used, which decides the schemes it may have. */
enum use {
	USE_NAVIGATION, /* a or area href: where a reader goes */
	USE_RESOURCE,   /* src, srcset, link href, poster, data: loaded */
	USE_FORM,       /* form action: where what a reader enters goes */
	USE_PING        /* a or area ping: told of each link followed */
};

/* A new link of the page, at e, written as value[0..len) (copied); the
   page owns it and what it holds, the caller fills the rest. */
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
void
link_take_css(struct page_read *rd, const struct elem *e, const char *css)
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

void
link_take_element(struct page_read *rd, const struct elem *e)
{
	const char *v;

	/* What any element may load or send: CSS in its style, an old
	   background image, a button's formaction. */
	if ((v = attr_of(e, "style")) != NULL)
		link_take_css(rd, e, v);
	take_attr(rd, e, "background", USE_RESOURCE, true, "background image");
	take_attr(rd, e, "formaction", USE_FORM, true, "formaction");
	switch (e->tag) {
	case TAG_A:
	case TAG_AREA:
		if ((v = attr_of(e, "ping")) != NULL)
			take_pings(rd, e, v);
		if ((v = attr_of(e, "href")) != NULL)
			take_url(rd, e, v, strlen(v), USE_NAVIGATION, true, NULL);
		break;
	case TAG_LINK:
		v = attr_of(e, "rel");
		take_attr(rd, e, "href", USE_RESOURCE,
		    v == NULL || (strstr(v, "preconnect") == NULL &&
		                     strstr(v, "dns-prefetch") == NULL),
		    link_loads(v));
		break;
	case TAG_IMG:
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
	case TAG_SVG_REF: take_svg_ref(rd, e); break;
	case TAG_META:
		if ((v = attr_of(e, "http-equiv")) != NULL &&
		    strcasecmp(v, "refresh") == 0 &&
		    (v = attr_of(e, "content")) != NULL)
			take_refresh(rd, e, v);
		break;
	case TAG_INPUT:
		if ((v = attr_of(e, "type")) != NULL &&
		    strcasecmp(v, "image") == 0)
			take_attr(rd, e, "src", USE_RESOURCE, true, "image");
		break;
	case TAG_OTHER:
	case TAG_HTML:
	case TAG_HEAD:
	case TAG_BODY:
	case TAG_TITLE:
	case TAG_MAIN:
	case TAG_LABEL:
	case TAG_SELECT:
	case TAG_TEXTAREA:
	case TAG_STYLE: /* its CSS at its end: link_take_css */
	case TAG_HEADING: break;
	}
}
