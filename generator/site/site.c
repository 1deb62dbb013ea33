/*
 * site — what every stage can do with the site model of site.h: free a
 * page or the whole site, and make a page's absolute URL.  The content
 * stage fills the model (content.c); this file only reads or frees it.
 */
#include "site/site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/hash.h"
#include "lib/util.h"

void
page_free(struct page *page)
{
	if (page == NULL)
		return;
	free(page->source_path);
	free(page->url);
	free(page->output_path);
	free(page->section);
	free(page->key);
	free(page->translations);
	toml_free(page->front);
	free(page->source);
	if (page->rendered)
		md_doc_free(&page->doc);
	free(page);
}

void
site_version(const struct page *page, char out[17])
{
	uint64_t h = 14695981039346656037ULL;  /* FNV-1a's offset basis */

	h = hash_bytes(h, page->title, strlen(page->title) + 1);
	h = hash_bytes(h, page->description, strlen(page->description) + 1);
	h = hash_bytes(h, page->body, page->body_len);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

void
site_permalink(const struct site *site, const char *path, struct buf *out)
{
	buf_puts(out, site->config->base_url);
	buf_puts(out, path[0] == '/' ? path + 1 : path);
}

/* Number the main section's pages of view and link each to its
   neighbours; find its home page. */
static void
link_steps(struct site *view)
{
	const char *main_section = view->config->main_section;
	size_t i, n = 0;

	view->steps = xcalloc(view->npages + 1, sizeof(*view->steps));
	for (i = 0; i < view->npages; i++) {
		struct page *page = view->pages[i];

		if (page->kind == PAGE_HOME)
			view->home = page;
		if (page->kind != PAGE_REGULAR || strcmp(page->section, main_section) != 0)
			continue;
		page->step_number = (int)n + 1;
		page->prev = n > 0 ? view->steps[n - 1] : NULL;
		page->next = NULL;
		if (n > 0)
			view->steps[n - 1]->next = page;
		view->steps[n++] = page;
	}
	view->nsteps = n;
}

void
site_make_views(struct site *site)
{
	size_t k, i, n = site->config->nlanguages;

	site->langs = xcalloc(n, sizeof(*site->langs));
	site->nlangs = n;
	for (k = 0; k < n; k++) {
		struct site *view = xcalloc(1, sizeof(*view));
		struct buf path = BUF_INIT;

		view->whole = site;
		config_view(site->config, k, &view->view_config);
		view->config = &view->view_config;
		view->pages = xcalloc(site->npages + 1, sizeof(*view->pages));
		for (i = 0; i < site->npages; i++)
			if (site->pages[i]->lang == k)
				view->pages[view->npages++] = site->pages[i];
		view->assets = site->assets;
		view->nassets = site->nassets;
		link_steps(view);
		buf_printf(&path, "%s404.html", config_prefix(view->config));
		view->not_found_path = buf_detach(&path);
		site->langs[k] = view;
	}
	site->home = site->langs[0]->home;
	site->nsteps = site->langs[0]->nsteps;
	site->steps = xcalloc(site->nsteps + 1, sizeof(*site->steps));
	if (site->nsteps > 0)
		memcpy(site->steps, site->langs[0]->steps,
		    site->nsteps * sizeof(*site->steps));
}

void
site_free(struct site *site)
{
	size_t i;

	if (site == NULL)
		return;
	if (site->whole != NULL) {  /* a view: its arrays and its 404 path */
		free(site->pages);
		free(site->steps);
		free(site->not_found_path);
		free(site);
		return;
	}
	for (i = 0; i < site->nlangs; i++)
		site_free(site->langs[i]);
	free(site->langs);
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
