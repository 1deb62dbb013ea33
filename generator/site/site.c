/*
 * site — what every stage can do with the site model of site.h: free a
 * page or the whole site, and make a page's absolute URL.  The content
 * stage fills the model (content.c); this file only reads or frees it.
 */
#include "site/site.h"

#include <stdlib.h>

#include "lib/buf.h"

void
page_free(struct page *page)
{
	if (page == NULL)
		return;
	free(page->source_path);
	free(page->url);
	free(page->output_path);
	free(page->section);
	toml_free(page->front);
	free(page->source);
	if (page->rendered)
		md_doc_free(&page->doc);
	free(page);
}

void
site_permalink(const struct site *site, const char *path, struct buf *out)
{
	buf_puts(out, site->config->base_url);
	buf_puts(out, path[0] == '/' ? path + 1 : path);
}

void
site_free(struct site *site)
{
	size_t i;

	if (site == NULL)
		return;
	for (i = 0; i < site->npages; i++)
		page_free(site->pages[i]);
	free(site->pages);
	free(site->steps);
	for (i = 0; i < site->nassets; i++)
		free(site->assets[i]);
	free(site->assets);
	config_free(site->config);
	free(site);
}
