/*
 * feeds — sitemap.xml, atom.xml and robots.txt.  See feeds.h.
 * XML is written with xmlTextWriter so escaping is libxml2's, not ours.
 */
#include "site/feeds.h"

#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "lib/diag.h"

/* Start a document writer into a libxml2 buffer; NULL on failure. */
static xmlTextWriterPtr
writer_new(xmlBufferPtr *xbuf)
{
	xmlTextWriterPtr w;

	if ((*xbuf = xmlBufferCreate()) == NULL)
		xoom();
	if ((w = xmlNewTextWriterMemory(*xbuf, 0)) == NULL)
		xoom();
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "  ");
	xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
	return w;
}

/* Finish the document, append it to out, free the writer.  0 or -1. */
static int
writer_finish(xmlTextWriterPtr w, xmlBufferPtr xbuf, struct buf *out,
    const char *what)
{
	int rc = xmlTextWriterEndDocument(w);

	xmlFreeTextWriter(w);  /* flushes into xbuf */
	if (rc < 0) {
		diag_error(what, 0, 0, "cannot write the XML");
		xmlBufferFree(xbuf);
		return -1;
	}
	buf_put(out, (const char *)xmlBufferContent(xbuf), (size_t)xmlBufferLength(xbuf));
	xmlBufferFree(xbuf);
	return 0;
}

/*
 * A sitemap entry's alternates: page's translations (itself among them),
 * each as <xhtml:link rel="alternate" hreflang href>, and x-default, the
 * default language's; nothing for a page with none.
 */
static void
sitemap_alternates(xmlTextWriterPtr w, const struct site *site,
    const struct page *page)
{
	const struct config *cfg = site->config;
	struct buf loc = BUF_INIT;
	size_t k, n = 0;

	for (k = 0; page->translations != NULL && k < cfg->nlanguages; k++)
		n += page->translations[k] != NULL;
	for (k = 0; n > 1 && k <= cfg->nlanguages; k++) {
		const struct page *there = page->translations[k < cfg->nlanguages ?
		    k : 0];

		if (there == NULL)
			continue;
		buf_reset(&loc);
		site_permalink(site, there->url, &loc);
		xmlTextWriterStartElement(w, BAD_CAST "xhtml:link");
		xmlTextWriterWriteAttribute(w, BAD_CAST "rel", BAD_CAST "alternate");
		xmlTextWriterWriteAttribute(w, BAD_CAST "hreflang", BAD_CAST
		    (k < cfg->nlanguages ? cfg->languages[k].tag : "x-default"));
		xmlTextWriterWriteAttribute(w, BAD_CAST "href", BAD_CAST buf_str(&loc));
		xmlTextWriterEndElement(w);
	}
	buf_free(&loc);
}

int
feeds_sitemap(const struct site *site, struct buf *out)
{
	xmlBufferPtr xbuf;
	xmlTextWriterPtr w = writer_new(&xbuf);
	struct buf loc = BUF_INIT;
	size_t i;

	xmlTextWriterStartElement(w, BAD_CAST "urlset");
	xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns",
	    BAD_CAST "http://www.sitemaps.org/schemas/sitemap/0.9");
	if (site->config->nlanguages > 1)
		xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:xhtml",
		    BAD_CAST "http://www.w3.org/1999/xhtml");
	for (i = 0; i < site->npages; i++) {
		const struct page *page = site->pages[i];

		buf_reset(&loc);
		site_permalink(site, page->url, &loc);
		xmlTextWriterStartElement(w, BAD_CAST "url");
		xmlTextWriterWriteElement(w, BAD_CAST "loc", BAD_CAST buf_str(&loc));
		if (page->date[0] != '\0')
			xmlTextWriterWriteElement(w, BAD_CAST "lastmod", BAD_CAST page->date);
		sitemap_alternates(w, site, page);
		xmlTextWriterEndElement(w);
	}
	for (i = 0; site->has_search && i < site->config->nlanguages; i++) {
		/* each language's search page (search.h) is a page too */
		buf_reset(&loc);
		site_permalink(site, site->config->languages[i].prefix, &loc);
		BUF_PUTSL(&loc, "search/");
		xmlTextWriterStartElement(w, BAD_CAST "url");
		xmlTextWriterWriteElement(w, BAD_CAST "loc", BAD_CAST buf_str(&loc));
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w);
	buf_free(&loc);
	return writer_finish(w, xbuf, out, "sitemap.xml");
}

/* A dated page and its place in the published order, for a stable sort. */
struct dated_page {
	const struct page *page;
	size_t order;
};

static int
compare_dated(const void *a, const void *b)
{
	const struct dated_page *p = a, *q = b;
	int c = strcmp(q->page->date, p->page->date);  /* newest first */

	if (c != 0)
		return c;
	return p->order < q->order ? -1 : p->order > q->order;
}

int
feeds_atom(const struct site *site, struct buf *out)
{
	const struct config *cfg = site->config;
	const char *prefix = config_prefix(cfg);
	struct dated_page *dated = xcalloc(site->npages + 1, sizeof(*dated));
	xmlBufferPtr xbuf;
	xmlTextWriterPtr w;
	struct buf text = BUF_INIT;
	size_t i, n = 0;

	for (i = 0; i < site->npages; i++)
		if (site->pages[i]->date[0] != '\0') {
			dated[n].page = site->pages[i];
			dated[n].order = i;
			n++;
		}
	qsort(dated, n, sizeof(*dated), compare_dated);

	w = writer_new(&xbuf);
	xmlTextWriterStartElement(w, BAD_CAST "feed");
	xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST "http://www.w3.org/2005/Atom");
	xmlTextWriterWriteAttribute(w, BAD_CAST "xml:lang", BAD_CAST cfg->language);
	xmlTextWriterWriteElement(w, BAD_CAST "title", BAD_CAST cfg->title);
	if (cfg->description[0] != '\0')
		xmlTextWriterWriteElement(w, BAD_CAST "subtitle", BAD_CAST cfg->description);
	site_permalink(site, prefix, &text);  /* the language's home */
	xmlTextWriterWriteElement(w, BAD_CAST "id", BAD_CAST buf_str(&text));
	xmlTextWriterStartElement(w, BAD_CAST "link");
	xmlTextWriterWriteAttribute(w, BAD_CAST "href", BAD_CAST buf_str(&text));
	xmlTextWriterEndElement(w);
	BUF_PUTSL(&text, "atom.xml");
	xmlTextWriterStartElement(w, BAD_CAST "link");
	xmlTextWriterWriteAttribute(w, BAD_CAST "rel", BAD_CAST "self");
	xmlTextWriterWriteAttribute(w, BAD_CAST "href", BAD_CAST buf_str(&text));
	xmlTextWriterEndElement(w);
	buf_reset(&text);
	buf_printf(&text, "%sT00:00:00Z", n > 0 ? dated[0].page->date : "1970-01-01");
	xmlTextWriterWriteElement(w, BAD_CAST "updated", BAD_CAST buf_str(&text));
	xmlTextWriterStartElement(w, BAD_CAST "author");
	xmlTextWriterWriteElement(w, BAD_CAST "name",
	    BAD_CAST (cfg->author[0] != '\0' ? cfg->author : cfg->title));
	xmlTextWriterEndElement(w);
	for (i = 0; i < n; i++) {
		const struct page *page = dated[i].page;

		xmlTextWriterStartElement(w, BAD_CAST "entry");
		xmlTextWriterWriteElement(w, BAD_CAST "title", BAD_CAST page->title);
		buf_reset(&text);
		site_permalink(site, page->url, &text);
		xmlTextWriterWriteElement(w, BAD_CAST "id", BAD_CAST buf_str(&text));
		xmlTextWriterStartElement(w, BAD_CAST "link");
		xmlTextWriterWriteAttribute(w, BAD_CAST "href", BAD_CAST buf_str(&text));
		xmlTextWriterEndElement(w);
		buf_reset(&text);
		buf_printf(&text, "%sT00:00:00Z", page->date);
		xmlTextWriterWriteElement(w, BAD_CAST "updated", BAD_CAST buf_str(&text));
		if (page->description[0] != '\0')
			xmlTextWriterWriteElement(w, BAD_CAST "summary", BAD_CAST page->description);
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w);
	buf_free(&text);
	free(dated);
	return writer_finish(w, xbuf, out, "atom.xml");
}

void
feeds_robots(const struct site *site, struct buf *out)
{
	BUF_PUTSL(out, "User-agent: *\nAllow: /\n\nSitemap: ");
	site_permalink(site, "sitemap.xml", out);
	buf_putc(out, '\n');
}
