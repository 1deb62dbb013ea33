/*
 * check — validate a built site.  See check.h.
 *
 * The run has three phases.  The folder is walked once (every file's
 * site path goes into a hash table; the HTML files become pages, sorted
 * by path), and sitemap.xml, when there is one, is read.  Phase 1 reads
 * and parses the pages in parallel (check_page.c): each page is read
 * once and keeps its ids, links and title.  Phase 2 resolves every link
 * and fragment against the tables, in parallel again, then, in one
 * thread, finds duplicate titles, walks the links from the home page for
 * reachability, compares the sitemap with the pages, and, with
 * --external, fetches each distinct external URL once (check_external.c).
 *
 * Problems are filed per page, then sorted (file, line, column, check,
 * message) and emitted at the end, so the output does not depend on how
 * many threads ran.  The same problem found at the same place on many
 * pages (a template line wrote it into each) is emitted once per
 * occurrence on a page, not once per page.
 *
 * This module reads; it never writes, and it never follows a symbolic
 * link to a folder (a loop would never end).  Folders whose names start
 * with '.' are not walked.
 */
#include "check/check.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lib/buf.h"
#include "check/check_external.h"
#include "check/check_near.h"
#include "check/check_page.h"
#include "check/check_url.h"
#include "lib/diag.h"
#include "lib/hash.h"
#include "lib/pool.h"
#include "lib/progress.h"
#include "lib/util.h"

#if LIBXML_VERSION >= 21200
typedef const xmlError sitemap_error_t;
#else
typedef xmlError sitemap_error_t;
#endif

static const char *const check_names[CHECK_NKINDS] = {"links", "fragments",
    "external", "structure", "reachability", "well-formed", "third-party"};

/* A <loc> of the sitemap. */
struct sitemap_loc {
	char *url; /* as written, trimmed; owned */
	int line;  /* in sitemap.xml */
};

/* Everything one run knows about the site. */
struct checked_site {
	const struct check_options *opt; /* the caller's, borrowed */
	struct check_context ctx;        /* what the pages' reading shares */
	char *dir;                       /* opt->dir without trailing '/' */
	char *shown;                     /* opt->shown_dir (or else opt->dir)
	                                    without trailing '/': the folder
	                                    as every report names it */
	struct check_page *pages;        /* sorted by path; owned */
	size_t npages;                   /* how many */
	struct hash *files;       /* every file's site path: page index + 1,
	                             or 0 for a file that is not a page */
	struct hash *origins;     /* output_path: index in opt->origins */
	char *base_url;           /* the site's URL ending in '/', or NULL */
	char *sitemap_file;       /* "public/sitemap.xml", or NULL: none; kept
	                             to the end, reports borrow it */
	bool sitemap_read;        /* it was read: compare it with the pages */
	struct sitemap_loc *locs; /* the sitemap's URLs; owned */
	size_t nlocs;             /* how many */
	int urlset_line;          /* where a missing page is reported */
	struct check_reports reports; /* problems of no one page */
	size_t kept_reports;      /* how many of them the walk, the sitemap's
	                             reading and check_sitemap filed: a
	                             re-check keeps those (no file came or
	                             went) and finds the rest again */
	const char **sources;     /* the origins' Markdown sources, sorted,
	                             borrowed: what a .md link may mean */
	size_t nsources;
	size_t fetch_warnings; /* printed by check_external_fetch itself */
};

/* A kept check (check_site_keep): the site as it was read. */
struct check_state {
	struct checked_site s;
};

const char *
check_name(enum check_kind kind)
{
	return (unsigned)kind < CHECK_NKINDS ? check_names[kind] : NULL;
}

int
check_kind_named(const char *name)
{
	int k;

	for (k = 0; k < CHECK_NKINDS; k++)
		if (strcmp(check_names[k], name) == 0)
			return k;
	return -1;
}

/* Does name end with ".html" or ".htm"? */
static bool
is_html(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && strcmp(name + n - 5, ".html") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".htm") == 0);
}

/* A found file, before pages are sorted. */
struct found {
	char **paths; /* site paths; owned */
	size_t len;   /* paths found */
	size_t cap;   /* paths allocated */
};

static void
found_add(struct found *f, const char *path)
{
	if (f->len == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 64;
		f->paths = xrealloc(f->paths, f->cap * sizeof(*f->paths));
	}
	f->paths[f->len++] = xstrdup(path);
}

/*
 * The type of the entry ent of the folder d (S_IFDIR or S_IFREG, a link
 * followed), or 0 to skip it: a link to a folder (it could loop), a
 * dangling link, a pipe, an entry that cannot be read.  readdir tells the
 * type of most entries, so a site of thousands of files is walked without
 * a stat for each.
 */
static mode_t
entry_type(DIR *d, const struct dirent *ent)
{
	struct stat st;

	if (ent->d_type == DT_DIR)
		return S_IFDIR;
	if (ent->d_type == DT_REG)
		return S_IFREG;
	if (ent->d_type != DT_LNK && ent->d_type != DT_UNKNOWN)
		return 0; /* a pipe, a device: neither a page nor a file */
	if (fstatat(dirfd(d), ent->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return 0;
	if (S_ISLNK(st.st_mode) &&
	    (fstatat(dirfd(d), ent->d_name, &st, 0) != 0 ||
	        S_ISDIR(st.st_mode)))
		return 0; /* dangling, or a folder that could loop */
	return st.st_mode & S_IFMT;
}

/*
 * Walk the folder dir/rel (rel is "" or ends with '/'), adding every file
 * but HTML files to s->files (value 0), and every HTML file to pages.  Returns
 * 0, or -1 when the folder cannot be opened (reported, unless it is the top).
 */
static int
walk_dir(struct checked_site *s, struct buf *rel, struct found *pages)
{
	struct buf path = BUF_INIT;
	struct dirent *ent;
	size_t rel_len = rel->len;
	DIR *d;

	buf_puts(&path, s->dir);
	if (rel->len > 0) {
		buf_putc(&path, '/');
		buf_put(&path, rel->data, rel->len);
	}
	if ((d = opendir(buf_str(&path))) == NULL) {
		int saved = errno;

		if (rel->len > 0)
			check_report_add(&s->reports, s->opt, CHECK_NKINDS,
			    false, (struct check_pos){NULL, 0, 0}, NULL,
			    "cannot read the folder %s/%.*s: %s", s->shown,
			    (int)rel->len, rel->data, strerror(saved));
		buf_free(&path);
		errno = saved;
		return -1;
	}
	while ((ent = readdir(d)) != NULL) {
		mode_t type;

		if (strcmp(ent->d_name, ".") == 0 ||
		    strcmp(ent->d_name, "..") == 0)
			continue;
		if ((type = entry_type(d, ent)) == 0)
			continue;
		rel->len = rel_len;
		buf_puts(rel, ent->d_name);
		if (S_ISDIR(type)) {
			if (ent->d_name[0] == '.')
				continue;
			buf_putc(rel, '/');
			walk_dir(s, rel, pages);
		} else if (S_ISREG(type)) {
			if (is_html(ent->d_name))
				found_add(pages,
				    rel->data); /* numbered once sorted */
			else
				hash_add(
				    s->files, rel->data, rel->len, 0, NULL);
		}
	}
	rel->len = rel_len;
	if (rel->data != NULL)
		rel->data[rel_len] = '\0';
	closedir(d);
	buf_free(&path);
	return 0;
}

/* The page's URL in the site: "/steps/x/" for "steps/x/index.html". */
static char *
page_url(const char *path)
{
	struct buf url = BUF_INIT;
	size_t n = strlen(path);

	buf_putc(&url, '/');
	if (strcmp(path, "index.html") == 0)
		n = 0;
	else if (n > 11 && strcmp(path + n - 11, "/index.html") == 0)
		n -= 10;
	buf_put(&url, path, n);
	return buf_detach(&url);
}

/* "dir/rel", or rel alone when dir is "." */
static char *
join(const char *dir, const char *rel)
{
	struct buf out = BUF_INIT;

	if (strcmp(dir, ".") != 0) {
		buf_puts(&out, dir);
		buf_putc(&out, '/');
	}
	buf_puts(&out, rel);
	return buf_detach(&out);
}

/*
 * Find the file a site path means: "x/" and "" mean x/index.html and
 * index.html; "x" means the file x, else x.html, else x/index.html (as
 * static hosts serve them).  Returns true and sets *value (the files
 * table's) when there is one.
 */
static bool
find_file(const struct checked_site *s, const char *target, struct buf *key,
    size_t *value)
{
	size_t n = strlen(target);

	if (n == 0 || target[n - 1] == '/') {
		buf_reset(key);
		buf_put(key, target, n);
		BUF_PUTSL(key, "index.html");
		return hash_get(s->files, key->data, key->len, value);
	}
	if (hash_get(s->files, target, n, value))
		return true;
	buf_reset(key);
	buf_put(key, target, n);
	BUF_PUTSL(key, ".html");
	if (hash_get(s->files, key->data, key->len, value))
		return true;
	key->len = n;
	BUF_PUTSL(key, "/index.html");
	return hash_get(s->files, key->data, key->len, value);
}

/* Phase 1 for page i. */
static void
read_one(void *ctx, size_t i)
{
	struct checked_site *s = ctx;
	struct check_page *page = &s->pages[i];
	const struct check_origin *origin = NULL;
	size_t k;

	if (s->origins != NULL &&
	    hash_get(s->origins, page->path, strlen(page->path), &k))
		origin = &s->opt->origins[k];
	check_page_read(page, &s->ctx, origin);
	page->read_reports = page->reports.len;
	progress_done();
}

/*
 * The path from the folder from ("steps/two/", "content/steps/"; "" the
 * top) to to ("steps/one/"), as a relative reference: "../one/", or "./"
 * for from itself.
 */
static void
relative_path(const char *from, const char *to, struct buf *out)
{
	size_t common = 0, i;

	for (i = 0; from[i] != '\0' && from[i] == to[i]; i++)
		if (from[i] == '/')
			common = i + 1;
	for (i = common; from[i] != '\0'; i++)
		if (from[i] == '/')
			BUF_PUTSL(out, "../");
	buf_puts(out, to + common);
	if (out->len == 0)
		BUF_PUTSL(out, "./");
}

/* "did you mean 'best#fragment'?", or NULL when nothing was close. */
static char *
hint_for(const struct check_near *near, const struct buf *shown,
    const char *fragment)
{
	struct buf hint = BUF_INIT;

	if (near->best == NULL)
		return NULL;
	BUF_PUTSL(&hint, "did you mean '");
	buf_put(&hint, shown->data, shown->len);
	if (fragment != NULL)
		buf_printf(&hint, "#%s", fragment);
	BUF_PUTSL(&hint, "'?");
	return buf_detach(&hint);
}

/*
 * A link to a Markdown file, written in the Markdown file at link->pos,
 * that is no built page's source: the closest source, as a path from the
 * linking file's folder.
 */
static char *
near_source(const struct checked_site *s, const struct check_link *link,
    size_t path_len)
{
	const char *file = link->pos.file;
	const char *slash = strrchr(file, '/');
	struct buf dir = BUF_INIT, want = BUF_INIT, shown = BUF_INIT;
	struct check_near near;
	char *hint = NULL;
	size_t i;

	buf_put(&dir, file, slash != NULL ? (size_t)(slash - file) + 1 : 0);
	if (check_url_resolve(buf_str(&dir), link->written, path_len, &want) == 0) {
		check_near_begin(&near, want.data, want.len);
		for (i = 0; i < s->nsources; i++)
			check_near_offer(&near, s->sources[i], strlen(s->sources[i]));
		if (near.best != NULL) {
			struct buf best = BUF_INIT;

			buf_put(&best, near.best, near.best_len);
			relative_path(buf_str(&dir), buf_str(&best), &shown);
			buf_free(&best);
		}
		hint = hint_for(&near, &shown, link->fragment);
		check_near_end(&near);
	}
	buf_free(&dir);
	buf_free(&want);
	buf_free(&shown);
	return hint;
}

/* Does the last segment of path name a file other than a page? */
static bool
names_a_file(const char *path)
{
	const char *last = strrchr(path, '/');
	const char *dot;

	last = last != NULL ? last + 1 : path;
	dot = strrchr(last, '.');
	return dot != NULL && strcmp(dot, ".html") != 0 && strcmp(dot, ".htm") != 0;
}

/*
 * "did you mean ...?" for a link from page that leads nowhere, or NULL:
 * the closest page, written as the link was (relative, from the root, or
 * the site's whole URL); for a link to a Markdown file from a Markdown
 * file, the closest page's source.  Links to other files get none.
 */
static char *
near_target(const struct checked_site *s, const struct check_page *page,
    const struct check_link *link)
{
	size_t path_len = strcspn(link->written, "?#"), i;
	struct buf dir = BUF_INIT, shown = BUF_INIT;
	struct check_near near;
	const char *slash;
	char *hint;

	if (path_len > 3 && memcmp(link->written + path_len - 3, ".md", 3) == 0) {
		size_t n = link->pos.file != NULL ? strlen(link->pos.file) : 0;

		if (n > 3 && strcmp(link->pos.file + n - 3, ".md") == 0 &&
		    s->nsources > 0)
			return near_source(s, link, path_len);
		return NULL;
	}
	if (names_a_file(link->target))
		return NULL;
	check_near_begin(&near, link->target, strlen(link->target));
	for (i = 0; i < s->npages; i++)
		check_near_offer(&near, s->pages[i].url + 1,
		    strlen(s->pages[i].url + 1));
	if (near.best != NULL) {
		struct buf best = BUF_INIT;

		buf_put(&best, near.best, near.best_len);
		if (link->written[0] == '/')
			buf_printf(&shown, "/%s", buf_str(&best));
		else if (check_url_scheme(link->written, path_len) > 0 &&
		    s->base_url != NULL)
			buf_printf(&shown, "%s%s", s->base_url, buf_str(&best));
		else {
			slash = strrchr(page->url + 1, '/');
			buf_put(&dir, page->url + 1, slash != NULL ?
			    (size_t)(slash - page->url) : 0);
			relative_path(buf_str(&dir), buf_str(&best), &shown);
		}
		buf_free(&best);
	}
	hint = hint_for(&near, &shown, link->fragment);
	check_near_end(&near);
	buf_free(&dir);
	buf_free(&shown);
	return hint;
}

/* "did you mean '#id'?" for a fragment that is not on page to, or NULL. */
static char *
near_fragment(const struct check_page *to, const char *fragment)
{
	struct check_near near;
	struct buf shown = BUF_INIT;
	const char *id;
	size_t pos = 0, len;
	char *hint;

	check_near_begin(&near, fragment, strlen(fragment));
	while ((id = hash_next(to->ids, &pos, &len)) != NULL)
		check_near_offer(&near, id, len);
	if (near.best != NULL) {
		buf_putc(&shown, '#');
		buf_put(&shown, near.best, near.best_len);
	}
	hint = hint_for(&near, &shown, NULL);
	check_near_end(&near);
	buf_free(&shown);
	return hint;
}

/* Give the report just added to r (if the check added one) its hint. */
static void
add_hint(struct check_reports *r, size_t before, char *hint)
{
	if (r->len > before && hint != NULL)
		r->items[r->len - 1].hint = hint;
	else
		free(hint);
}

/* Phase 2 for page i: every internal link and fragment. */
static void
resolve_one(void *ctx, size_t i)
{
	struct checked_site *s = ctx;
	struct check_page *page = &s->pages[i];
	struct buf key = BUF_INIT;
	size_t k;

	for (k = 0; k < page->nlinks; k++) {
		struct check_link *link = &page->links[k];
		const struct check_page *to;
		size_t value, target = i, before;
		const char *frag = link->fragment;

		if (link->external)
			continue;
		if (link->target != NULL) {
			if (!find_file(s, link->target, &key, &value)) {
				before = page->reports.len;
				check_report_add(&page->reports, s->opt,
				    CHECK_LINKS, false, link->pos, page->url,
				    "link target '%s' not found",
				    link->written);
				if (page->reports.len > before)
					add_hint(&page->reports, before,
					    near_target(s, page, link));
				continue;
			}
			if (value == 0)
				continue; /* a file, not a page: no ids to look
				             in */
			target = value - 1;
		}
		link->target_page = target;
		to = &s->pages[target];
		if (frag == NULL || frag[0] == '\0' ||
		    strcmp(frag, "top") == 0 || to->ids == NULL ||
		    hash_get(to->ids, frag, strlen(frag), NULL))
			continue;
		buf_reset(&key);
		check_url_decode(frag, strlen(frag), &key);
		if (hash_get(to->ids, key.data, key.len, NULL))
			continue;
		before = page->reports.len;
		check_report_add(&page->reports, s->opt, CHECK_FRAGMENTS, false,
		    link->pos, page->url, "fragment '#%s' not found on %s",
		    frag, to->url);
		if (page->reports.len > before)
			add_hint(&page->reports, before, near_fragment(to, frag));
	}
	buf_free(&key);
	page->resolved_reports = page->reports.len;
	progress_done();
}

/* The same title on two pages: the second names the first. */
static void
check_titles(struct checked_site *s)
{
	struct hash *titles;
	size_t i, first;

	if (check_severity(s->opt, CHECK_STRUCTURE, false) < 0)
		return;
	titles = hash_new(s->npages);
	for (i = 0; i < s->npages; i++) {
		struct check_page *p = &s->pages[i];

		if (p->title != NULL &&
		    !hash_add(titles, p->title, strlen(p->title), i, &first))
			check_report_add(&p->reports, s->opt, CHECK_STRUCTURE,
			    false, p->title_pos, p->url,
			    "the title '%s' is also the title of %s", p->title,
			    s->pages[first].url);
	}
	hash_free(titles);
}

/* Is the page the site's 404 page, or a language's ("ar/404.html"), which
   no link needs to reach? */
static bool
is_404(const struct check_page *p)
{
	const char *slash = strchr(p->path, '/');

	if (slash == NULL)
		return strcmp(p->path, "404.html") == 0;
	return strchr(slash + 1, '/') == NULL && strcmp(slash + 1, "404.html") == 0;
}

/* Follow the links from the home page; the pages left are orphans. */
static void
check_reachability(struct checked_site *s)
{
	size_t *queue, head = 0, tail = 0, i, k, home;

	if (check_severity(s->opt, CHECK_REACHABILITY, true) < 0 ||
	    s->npages == 0)
		return;
	if (!hash_get(s->files, "index.html", 10, &home) || home == 0) {
		check_report_add(&s->reports, s->opt, CHECK_REACHABILITY, true,
		    (struct check_pos){s->shown, 0, 0}, NULL,
		    "there is no index.html: reachability was not checked");
		return;
	}
	queue = xmalloc(s->npages * sizeof(*queue));
	queue[tail++] = home - 1;
	s->pages[home - 1].reached = true;
	while (head < tail) {
		const struct check_page *p = &s->pages[queue[head++]];

		for (k = 0; k < p->nlinks; k++) {
			size_t t = p->links[k].target_page;

			if (t != SIZE_MAX && !s->pages[t].reached) {
				s->pages[t].reached = true;
				queue[tail++] = t;
			}
		}
	}
	free(queue);
	for (i = 0; i < s->npages; i++) {
		struct check_page *p = &s->pages[i];

		if (!p->reached && !is_404(p) && p->ids != NULL)
			check_report_add(&p->reports, s->opt,
			    CHECK_REACHABILITY, true, p->page_pos, p->url,
			    "no link leads to %s from the home page", p->url);
	}
}

/* Collect the first XML error of the sitemap's parse. */
static void
on_sitemap_error(void *data, sitemap_error_t *e)
{
	xmlParserCtxtPtr ctxt = data;
	struct checked_site *s = ctxt->_private;
	size_t n;

	if (e->level == XML_ERR_WARNING || s->urlset_line < 0)
		return;
	n = e->message != NULL ? strlen(e->message) : 0;
	while (n > 0 && (e->message[n - 1] == '\n' || e->message[n - 1] == ' '))
		n--;
	check_report_add(&s->reports, s->opt, CHECK_WELLFORMED, false,
	    (struct check_pos){s->sitemap_file, e->line, e->int2}, NULL, "%.*s",
	    (int)n, e->message != NULL ? e->message : "");
	s->urlset_line = -1; /* only the first: the parse stops there */
}

/* Is node an element with this local name (any namespace)? */
static bool
named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

static int
line_of(const xmlNode *n)
{
	long line = xmlGetLineNo(n);

	return line > 0 && line < INT32_MAX ? (int)line : 0;
}

/*
 * Read sitemap.xml, if there is one, into s->locs.  A sitemap that is
 * not well-formed is reported and not compared with the pages.
 */
static void
read_sitemap(struct checked_site *s)
{
	xmlParserCtxtPtr ctxt;
	xmlNode *root, *url, *loc;
	size_t cap = 0;
	char *text, *path;
	size_t len;
	int read;

	if (!hash_get(s->files, "sitemap.xml", 11, NULL))
		return;
	s->sitemap_file = join(s->shown, "sitemap.xml");
	path = join(s->dir, "sitemap.xml");
	read = util_read_file(path, &text, &len);
	free(path);
	if (read != 0) {
		check_report_add(&s->reports, s->opt, CHECK_NKINDS, false,
		    (struct check_pos){s->sitemap_file, 0, 0}, NULL,
		    "cannot read the sitemap: %s", strerror(errno));
		return;
	}
	if (len == 0 || len > INT32_MAX) {
		check_report_add(&s->reports, s->opt, CHECK_WELLFORMED, false,
		    (struct check_pos){s->sitemap_file, 0, 0}, NULL,
		    len == 0 ? "the sitemap is empty" : "the sitemap is too large to read");
		free(text);
		return;
	}
	if ((ctxt = xmlCreateMemoryParserCtxt(text, (int)len)) == NULL)
		xoom();
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOWARNING);
	check_libxml_quiet();
	ctxt->_private = s;
#if LIBXML_VERSION >= 21300
	xmlCtxtSetErrorHandler(ctxt, on_sitemap_error, ctxt);
#else
	ctxt->sax->serror = on_sitemap_error; /* an XML context's SAX is SAX2 */
#endif
	ctxt->linenumbers = 1;
	xmlParseDocument(ctxt);
	if (ctxt->wellFormed && ctxt->myDoc != NULL &&
	    (root = xmlDocGetRootElement(ctxt->myDoc)) != NULL &&
	    named(root, "urlset")) {
		s->urlset_line = line_of(root);
		for (url = root->children; url != NULL; url = url->next) {
			if (!named(url, "url"))
				continue;
			for (loc = url->children; loc != NULL;
			     loc = loc->next) {
				xmlChar *content;
				const char *b;
				size_t n;

				if (!named(loc, "loc"))
					continue;
				content = xmlNodeGetContent(loc);
				for (b = (const char *)content;
				     util_html_space(*b); b++)
					;
				n = strlen(b);
				while (n > 0 && util_html_space(b[n - 1]))
					n--;
				if (s->nlocs == cap) {
					cap = cap ? cap * 2 : 64;
					s->locs = xrealloc(
					    s->locs, cap * sizeof(*s->locs));
				}
				s->locs[s->nlocs].url = xstrndup(b, n);
				s->locs[s->nlocs].line = line_of(loc);
				s->nlocs++;
				xmlFree(content);
			}
		}
		s->sitemap_read = true;
	}
	/* Else a sitemap index, or not a sitemap, or not well-formed
	   (reported): not compared. */
	if (s->urlset_line < 0)
		s->urlset_line = 0;
	xmlFreeDoc(ctxt->myDoc);
	xmlFreeParserCtxt(ctxt);
	free(text);
}

/*
 * The site's URL: opt->base_url with a final '/', or else the longest
 * folder URL ("https://x.org/guide/") every sitemap loc starts with.
 */
static void
choose_base_url(struct checked_site *s)
{
	const char *first, *host;
	size_t n, i, host_end;

	if (s->opt->base_url != NULL && s->opt->base_url[0] != '\0') {
		struct buf b = BUF_INIT;

		buf_puts(&b, s->opt->base_url);
		if (b.data[b.len - 1] != '/')
			buf_putc(&b, '/');
		s->base_url = buf_detach(&b);
		return;
	}
	if (s->nlocs == 0)
		return;
	first = s->locs[0].url;
	n = strlen(first);
	for (i = 1; i < s->nlocs; i++) {
		const char *u = s->locs[i].url;
		size_t k = 0;

		while (k < n && u[k] == first[k])
			k++;
		n = k;
	}
	if ((host = strstr(first, "://")) == NULL)
		return;
	host_end = (size_t)(host - first) + 3;
	host_end += strcspn(first + host_end, "/");
	while (n > 0 && first[n - 1] != '/')
		n--;
	if (n <= host_end)
		return; /* the locs share no host */
	s->base_url = xstrndup(first, n);
}

/* Compare the sitemap's locs with the pages. */
static void
check_sitemap(struct checked_site *s)
{
	struct buf path = BUF_INIT, key = BUF_INIT;
	size_t i, value, rest;

	if (!s->sitemap_read ||
	    check_severity(s->opt, CHECK_REACHABILITY, false) < 0)
		return;
	for (i = 0; i < s->nlocs; i++) {
		const struct sitemap_loc *loc = &s->locs[i];
		struct check_pos pos = {s->sitemap_file, loc->line, 0};
		size_t n;

		if (s->base_url == NULL ||
		    !check_url_under_base(
		        s->base_url, loc->url, strlen(loc->url), &rest)) {
			check_report_add(&s->reports, s->opt,
			    CHECK_REACHABILITY, false, pos, NULL,
			    "the sitemap lists '%s', which is not under the "
			    "site's URL %s",
			    loc->url, s->base_url ? s->base_url : "(unknown)");
			continue;
		}
		n = strcspn(loc->url + rest, "?#");
		buf_reset(&path);
		if (check_url_resolve("", loc->url + rest, n, &path) == 0 &&
		    find_file(s, buf_str(&path), &key, &value)) {
			if (value > 0)
				s->pages[value - 1].listed = true;
			continue;
		}
		check_report_add(&s->reports, s->opt, CHECK_REACHABILITY, false,
		    pos, NULL,
		    "the sitemap lists '%s', which is not a page of the site",
		    loc->url);
	}
	for (i = 0; i < s->npages; i++) {
		const struct check_page *p = &s->pages[i];

		if (!p->listed && !is_404(p))
			check_report_add(&s->reports, s->opt,
			    CHECK_REACHABILITY, false,
			    (struct check_pos){
			        s->sitemap_file, s->urlset_line, 0},
			    p->url, "the sitemap does not list %s", p->url);
	}
	buf_free(&path);
	buf_free(&key);
}

/* Fetch each distinct external URL once; report each use of a bad one. */
static void
check_fetches(struct checked_site *s)
{
	struct check_fetch *fetches = NULL;
	struct hash *seen;
	size_t n = 0, cap = 0, i, k, at;

	if (!s->opt->external ||
	    check_severity(s->opt, CHECK_EXTERNAL, false) < 0)
		return;
	seen = hash_new(256);
	for (i = 0; i < s->npages; i++)
		for (k = 0; k < s->pages[i].nlinks; k++) {
			const struct check_link *link = &s->pages[i].links[k];

			if (!link->external ||
			    !hash_add(seen, link->target, strlen(link->target),
			        n, NULL))
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				fetches =
				    xrealloc(fetches, cap * sizeof(*fetches));
			}
			fetches[n].url = link->target;
			n++;
		}
	if (check_external_fetch(fetches, n) > 0)
		s->fetch_warnings++; /* its one warning: the rest unchecked */
	for (i = 0; i < s->npages; i++) {
		struct check_page *p = &s->pages[i];

		for (k = 0; k < p->nlinks; k++) {
			const struct check_link *link = &p->links[k];

			if (link->external &&
			    hash_get(seen, link->target, strlen(link->target),
			        &at) &&
			    fetches[at].problem != NULL)
				check_report_add(&p->reports, s->opt,
				    CHECK_EXTERNAL, false, link->pos, p->url,
				    "external link '%s' %s", link->written,
				    fetches[at].problem);
		}
	}
	for (i = 0; i < n; i++)
		free(fetches[i].problem);
	free(fetches);
	hash_free(seen);
}

static int
compare_text(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "");
}

static int
compare_reports(const void *pa, const void *pb)
{
	const struct check_report *a = *(const struct check_report *const *)pa;
	const struct check_report *b = *(const struct check_report *const *)pb;
	int c;

	if ((c = compare_text(a->pos.file, b->pos.file)) != 0)
		return c;
	if (a->pos.line != b->pos.line)
		return a->pos.line < b->pos.line ? -1 : 1;
	if (a->pos.col != b->pos.col)
		return a->pos.col < b->pos.col ? -1 : 1;
	if ((c = compare_text(check_name(a->kind), check_name(b->kind))) != 0)
		return c;
	if ((c = strcmp(a->message, b->message)) != 0)
		return c;
	if (a->severity != b->severity)
		return a->severity < b->severity ? -1 : 1;
	return compare_text(a->url, b->url);
}

/* The same problem, at the same place? */
static bool
same_report(const struct check_report *a, const struct check_report *b)
{
	return compare_text(a->pos.file, b->pos.file) == 0 &&
	       a->pos.line == b->pos.line && a->pos.col == b->pos.col &&
	       a->kind == b->kind && a->severity == b->severity &&
	       strcmp(a->message, b->message) == 0;
}

/*
 * Sort every report and emit them, counting them into sum.  A run of the
 * same problem at the same place comes from one template line on many
 * pages: it is emitted as often as it occurs on any one page.
 */
static void
emit_reports(struct checked_site *s, struct check_summary *sum)
{
	const struct check_report **all;
	size_t n = s->reports.len, i, k, at = 0;

	for (i = 0; i < s->npages; i++)
		n += s->pages[i].reports.len;
	all = xmalloc((n ? n : 1) * sizeof(*all));
	for (k = 0; k < s->reports.len; k++)
		all[at++] = &s->reports.items[k];
	for (i = 0; i < s->npages; i++)
		for (k = 0; k < s->pages[i].reports.len; k++)
			all[at++] = &s->pages[i].reports.items[k];
	qsort(all, n, sizeof(*all), compare_reports);
	for (i = 0; i < n; i = k) {
		const struct check_report *r = all[i];
		size_t most = 0, run = 0, j;

		for (k = i; k < n && same_report(r, all[k]); k++) {
			/* Within the group, reports are sorted by page. */
			if (k > i &&
			    compare_text(all[k - 1]->url, all[k]->url) == 0)
				run++;
			else
				run = 1;
			if (run > most)
				most = run;
		}
		for (j = 0; j < most; j++) {
			struct diag d;

			d.severity = r->severity;
			d.check = check_name(r->kind);
			d.file = r->pos.file;
			d.line = r->pos.line;
			d.col = r->pos.col;
			d.url = r->url;
			d.message = r->message;
			d.hint = r->hint;
			diag_emit(&d);
			if (r->severity == DIAG_ERROR)
				sum->errors++;
			else if (r->severity == DIAG_WARNING)
				sum->warnings++;
		}
	}
	free(all);
}

static void
checked_site_free(struct checked_site *s)
{
	size_t i;

	for (i = 0; i < s->npages; i++)
		check_page_free(&s->pages[i]);
	free(s->pages);
	for (i = 0; i < s->nlocs; i++)
		free(s->locs[i].url);
	free(s->locs);
	hash_free(s->files);
	hash_free(s->origins);
	free(s->base_url);
	free(s->sitemap_file);
	free(s->dir);
	free(s->shown);
	free(s->sources);
	check_reports_free(&s->reports);
}

/* Forget the reports after the first keep of r (they are found again). */
static void
reports_truncate(struct check_reports *r, size_t keep)
{
	size_t i;

	for (i = keep; i < r->len; i++) {
		free(r->items[i].message);
		free(r->items[i].hint);
	}
	if (keep < r->len)
		r->len = keep;
}

/*
 * The site-wide checks, then every report emitted: what a first run and
 * a re-check share.  Returns check_site's result.
 */
static int
check_site_wide(struct checked_site *s, bool sitemap,
    const struct timespec *start, struct check_summary *sum)
{
	size_t i;

	if (sitemap)
		check_sitemap(s);
	else
		reports_truncate(&s->reports, s->kept_reports);
	s->kept_reports = s->reports.len;
	check_titles(s);
	check_reachability(s);
	s->fetch_warnings = 0;
	check_fetches(s);

	sum->pages = s->npages;
	sum->links = 0;
	for (i = 0; i < s->npages; i++)
		sum->links += s->pages[i].nvalues;
	emit_reports(s, sum);
	sum->warnings += s->fetch_warnings;
	sum->seconds = util_seconds_since(start);
	return sum->errors > 0 ? 1 : 0;
}

int
check_site(const struct check_options *opt, struct check_summary *sum)
{
	return check_site_keep(opt, sum, NULL);
}

int
check_site_keep(const struct check_options *opt, struct check_summary *sum,
    struct check_state **state)
{
	struct checked_site s;
	struct found found = {NULL, 0, 0};
	struct buf rel = BUF_INIT;
	struct timespec start;
	size_t i, n;
	int status;
	int threads = pool_threads(opt->threads);

	clock_gettime(CLOCK_MONOTONIC, &start);
	memset(sum, 0, sizeof(*sum));
	memset(&s, 0, sizeof(s));
	if (state != NULL)
		*state = NULL;
	s.opt = opt;
	n = strlen(opt->dir);
	while (n > 1 && opt->dir[n - 1] == '/')
		n--;
	s.dir = xstrndup(opt->dir, n);
	if (opt->shown_dir != NULL) {
		n = strlen(opt->shown_dir);
		while (n > 1 && opt->shown_dir[n - 1] == '/')
			n--;
		s.shown = xstrndup(opt->shown_dir, n);
	} else
		s.shown = xstrdup(s.dir);
	s.files = hash_new(1024);
	if (walk_dir(&s, &rel, &found) != 0) {
		diag_error(opt->shown_dir != NULL ? opt->shown_dir : opt->dir,
		    0, 0, "cannot read the folder: %s",
		    strerror(errno));
		buf_free(&rel);
		checked_site_free(&s);
		sum->seconds = util_seconds_since(&start);
		return -1;
	}
	buf_free(&rel);
	xmlInitParser();

	/* The pages, sorted by path, and the files table's page numbers. */
	qsort(found.paths, found.len, sizeof(*found.paths), util_compare_strings);
	s.pages = xcalloc(found.len ? found.len : 1, sizeof(*s.pages));
	s.npages = found.len;
	for (i = 0; i < found.len; i++) {
		struct check_page *p = &s.pages[i];

		p->path = found.paths[i];
		p->file = join(s.shown, p->path);
		p->url = page_url(p->path);
		hash_add(s.files, p->path, strlen(p->path), i + 1, NULL);
	}
	free(found.paths);
	if (opt->origins != NULL && opt->norigins > 0) {
		s.origins = hash_new(opt->norigins);
		s.sources = xcalloc(opt->norigins, sizeof(*s.sources));
		for (i = 0; i < opt->norigins; i++) {
			hash_add(s.origins, opt->origins[i].output_path,
			    strlen(opt->origins[i].output_path), i, NULL);
			if (opt->origins[i].source_path != NULL)
				s.sources[s.nsources++] = opt->origins[i].source_path;
		}
		qsort(s.sources, s.nsources, sizeof(*s.sources),
		    util_compare_strings);
	}
	s.ctx.dir = s.dir;
	s.ctx.xml = opt->xml;
	read_sitemap(&s);
	choose_base_url(&s);
	s.ctx.opt = opt;
	s.ctx.base_url = s.base_url;

	progress_stage("checking pages", s.npages);
	pool_run(s.npages, threads, read_one, &s);    /* phase 1 */
	progress_stage("checking links", s.npages);
	pool_run(s.npages, threads, resolve_one, &s); /* phase 2 */
	status = check_site_wide(&s, true, &start, sum);
	if (state != NULL) {
		/* The caller's options are borrowed for this call only. */
		s.opt = NULL;
		s.ctx.opt = NULL;
		hash_free(s.origins);
		s.origins = NULL;
		*state = xcalloc(1, sizeof(**state));
		(*state)->s = s;
	} else
		checked_site_free(&s);
	return status;
}

/* Forget what phase 1 read of page, keeping its path, file and url. */
static void
page_forget(struct check_page *page)
{
	char *path = page->path, *file = page->file, *url = page->url;

	page->path = page->file = page->url = NULL;
	check_page_free(page);
	page->path = path;
	page->file = file;
	page->url = url;
}

/* What a re-check shares with its threads. */
struct recheck {
	struct checked_site *s;
	size_t *again;       /* the pages whose links are resolved again */
};

static void
resolve_again(void *ctx, size_t i)
{
	struct recheck *rc = ctx;

	resolve_one(rc->s, rc->again[i]);
}

int
check_state_update(struct check_state *state, const struct check_options *opt,
    const char *const *changed, size_t nchanged, struct check_summary *sum)
{
	struct checked_site *s = &state->s;
	struct recheck rc;
	struct timespec start;
	bool *redone = xcalloc(s->npages + 1, sizeof(*redone));
	size_t i, k, value, nagain = 0;
	int status;

	clock_gettime(CLOCK_MONOTONIC, &start);
	memset(sum, 0, sizeof(*sum));
	s->opt = opt;
	s->ctx.opt = opt;
	/* Only the changed pages are read, so only theirs are needed. */
	s->origins = hash_new(nchanged);
	for (i = 0; i < opt->norigins; i++)
		for (k = 0; k < nchanged; k++)
			if (strcmp(opt->origins[i].output_path, changed[k]) == 0)
				hash_add(s->origins, changed[k], strlen(changed[k]), i,
				    NULL);
	/* The changed pages, read again (from memory: opt's origins). */
	for (k = 0; k < nchanged; k++) {
		if (!hash_get(s->files, changed[k], strlen(changed[k]), &value) ||
		    value == 0 || redone[value - 1])
			continue; /* not a page of the site: nothing to read */
		redone[value - 1] = true;
		page_forget(&s->pages[value - 1]);
		read_one(s, value - 1);
	}
	/*
	 * Phase 2 again for them, and for every page with a link into one of
	 * them (its fragments are looked up in their ids): no file came or
	 * went, so every other link leads where it led, and its problems
	 * stand.
	 */
	rc.s = s;
	rc.again = xcalloc(s->npages + 1, sizeof(*rc.again));
	for (i = 0; i < s->npages; i++) {
		struct check_page *p = &s->pages[i];
		bool again = redone[i];

		for (k = 0; k < p->nlinks && !again; k++)
			again = p->links[k].target_page != SIZE_MAX &&
			    redone[p->links[k].target_page];
		if (again) {
			reports_truncate(&p->reports, p->read_reports);
			for (k = 0; k < p->nlinks; k++)
				p->links[k].target_page = SIZE_MAX;
			rc.again[nagain++] = i;
		} else
			reports_truncate(&p->reports, p->resolved_reports);
		p->reached = false;
	}
	/* The sitemap and the set of files are what they were, so is what
	   check_sitemap found (in s->reports, and the pages' listed). */
	pool_run(nagain, nagain > 64 ? pool_threads(opt->threads) : 1,
	    resolve_again, &rc);
	status = check_site_wide(s, false, &start, sum);
	free(rc.again);
	free(redone);
	s->opt = NULL;
	s->ctx.opt = NULL;
	hash_free(s->origins);
	s->origins = NULL;
	return status;
}

void
check_state_free(struct check_state *state)
{
	if (state == NULL)
		return;
	checked_site_free(&state->s);
	free(state);
}
