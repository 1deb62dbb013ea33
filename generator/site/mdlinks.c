/*
 * mdlinks — links to pages' Markdown files.  See mdlinks.h.
 */
#include "site/mdlinks.h"

#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/hash.h"
#include "lib/util.h"
#include "site/site.h"

struct mdlinks {
	const struct site *site; /* borrowed */
	struct hash *sources;    /* source path: index in site->pages */
	struct hash *urls;       /* address without its '/'s ("steps/x"): index */
};

struct mdlinks *
mdlinks_new(const struct site *site)
{
	struct mdlinks *links = xcalloc(1, sizeof(*links));
	size_t i;

	links->site = site;
	links->sources = hash_new(site->npages);
	links->urls = hash_new(site->npages);
	for (i = 0; i < site->npages; i++) {
		const char *url = site->pages[i]->url;

		hash_add(links->sources, site->pages[i]->source_path,
		    strlen(site->pages[i]->source_path), i, NULL);
		if (strlen(url) >= 2)  /* "/steps/x/" as "steps/x"; not "/" */
			hash_add(links->urls, url + 1, strlen(url) - 2, i, NULL);
	}
	return links;
}

void
mdlinks_free(struct mdlinks *links)
{
	if (links == NULL)
		return;
	hash_free(links->sources);
	hash_free(links->urls);
	free(links);
}

/* Does url start with a scheme ("https:", "mailto:")? */
static bool
has_scheme(const char *url)
{
	size_t n = strcspn(url, ":/?#");

	return n > 0 && url[n] == ':';
}

/*
 * Append to out the path rel[0..len) names from the folder dir (both
 * '/'-separated, dir without a trailing '/'), with "." and empty segments
 * dropped and each ".." taking the segment before it away.  Returns false
 * when a ".." would climb out of dir's first segment (the content folder).
 */
static bool
resolve_path(const char *dir, const char *rel, size_t len, struct buf *out)
{
	struct buf joined = BUF_INIT;
	const char *seg, *end;
	size_t keep = 0;  /* bytes of out up to the first segment */
	bool ok = true;

	buf_puts(&joined, dir);
	buf_putc(&joined, '/');
	buf_put(&joined, rel, len);
	buf_reset(out);
	for (seg = joined.data; ok && seg < joined.data + joined.len; seg = end + 1) {
		size_t n;

		end = memchr(seg, '/', (size_t)(joined.data + joined.len - seg));
		if (end == NULL)
			end = joined.data + joined.len;
		n = (size_t)(end - seg);
		if (n == 0 || (n == 1 && seg[0] == '.'))
			continue;
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			if (out->len <= keep) {
				ok = false;
				break;
			}
			while (out->len > 0 && out->data[out->len - 1] != '/')
				out->len--;
			if (out->len > 0)
				out->len--;  /* and the '/' before the segment */
			out->data[out->len] = '\0';
			continue;
		}
		if (out->len > 0)
			buf_putc(out, '/');
		buf_put(out, seg, n);
		if (keep == 0)
			keep = out->len;  /* "content": never climbed out of */
	}
	buf_free(&joined);
	return ok;
}

/* The prefix from the page at url up to the site's root: "./", "../../". */
static void
root_from(const char *url, struct buf *out)
{
	const char *p;
	size_t depth = 0;

	for (p = url + 1; *p != '\0'; p++)
		if (*p == '/')
			depth++;
	if (depth == 0)
		BUF_PUTSL(out, "./");
	while (depth-- > 0)
		BUF_PUTSL(out, "../");
}

/*
 * A relative link to a page's folder ("../steps/x/", "../", "./"): the
 * same, naming the page's index.html ("../steps/x/index.html"), so that it
 * opens the page from disk (file://) as well as from a web server.  NULL
 * when it is not one.
 */
static char *
folder_link(const struct mdlinks *links, const struct page *from,
    const char *url, size_t path_len)
{
	struct buf dir = BUF_INIT, target = BUF_INIT, href = BUF_INIT;
	size_t to;
	bool page;

	if (path_len == 0 || url[path_len - 1] != '/')
		return NULL;
	/* the folder the browser resolves it from: the page's address */
	buf_puts(&dir, "site");
	buf_put(&dir, from->url, strlen(from->url) - 1);
	page = resolve_path(buf_str(&dir), url, path_len, &target) &&
	    (target.len == 4 ||  /* "site": the home page */
	    hash_get(links->urls, target.data + 5, target.len - 5, &to));
	if (page) {
		buf_put(&href, url, path_len);
		BUF_PUTSL(&href, "index.html");
		buf_puts(&href, url + path_len);
	}
	buf_free(&dir);
	buf_free(&target);
	return page ? buf_detach(&href) : NULL;
}

char *
mdlinks_rewrite(void *ctx, const char *from_path, const char *url)
{
	const struct mdlinks *links = ctx;
	struct buf target = BUF_INIT, href = BUF_INIT;
	const char *slash = strrchr(from_path, '/');
	size_t path_len = strcspn(url, "?#"), from, to, lang;
	struct buf dir = BUF_INIT;
	const struct page *page;

	if (url[0] == '\0' || url[0] == '/' || has_scheme(url) || slash == NULL ||
	    !hash_get(links->sources, from_path, strlen(from_path), &from))
		return NULL;
	if (path_len <= 3 || memcmp(url + path_len - 3, ".md", 3) != 0)
		return folder_link(links, links->site->pages[from], url, path_len);
	buf_put(&dir, from_path, (size_t)(slash - from_path));
	if (!resolve_path(buf_str(&dir), url, path_len, &target) ||
	    !hash_get(links->sources, target.data, target.len, &to)) {
		buf_free(&dir);
		buf_free(&target);
		return NULL;  /* the checks say it leads nowhere, where it is */
	}
	page = links->site->pages[to];
	lang = links->site->pages[from]->lang;
	/* a translation's link to an original ("x.md" in "y.ar.md") leads to
	   the original's translation in the same language, when there is one */
	if (page->lang == 0 && lang != 0 && page->translations != NULL &&
	    page->translations[lang] != NULL)
		page = page->translations[lang];
	root_from(links->site->pages[from]->url, &href);
	buf_puts(&href, page->url + 1);
	BUF_PUTSL(&href, "index.html");  /* opens from disk too (folder_link) */
	buf_puts(&href, url + path_len);  /* the query and fragment, as written */
	buf_free(&dir);
	buf_free(&target);
	return buf_detach(&href);
}
