/*
 * content — load the pages under content/.  See content.h for the order and
 * the contract.  This module reads; it never renders or writes.
 */
#include "site/content.h"
#include "site/archive.h"
#include "site/offline.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/pool.h"
#include "lib/util.h"

/* A growable list of strings (the relative paths list_files finds). */
struct strlist {
	char **items;
	size_t len, cap;
};

static void
strlist_push(struct strlist *list, char *item)
{
	if (list->len == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 32;
		list->items = xrealloc(list->items, list->cap * sizeof(*list->items));
	}
	list->items[list->len++] = item;
}

/*
 * Collect the files under root/rel (rel "" for root itself) into files, as
 * paths relative to root.  Hidden files and editor backups are skipped.
 * A symbolic link is never followed (it could publish any file on the
 * machine, or loop back): it is an error at its path.  Returns 0, or -1
 * after reporting a link or a folder that could not be read.
 */
static int
list_files(const char *root, const char *rel, struct strlist *files)
{
	struct buf path = BUF_INIT;
	struct strlist names = { NULL, 0, 0 };
	struct dirent *ent;
	DIR *dir;
	size_t i;
	int status = 0;

	buf_puts(&path, root);
	if (rel[0] != '\0')
		buf_printf(&path, "/%s", rel);
	if ((dir = opendir(buf_str(&path))) == NULL) {
		diag_error(buf_str(&path), 0, 0, "cannot read folder: %s", strerror(errno));
		buf_free(&path);
		return -1;
	}
	while ((ent = readdir(dir)) != NULL) {
		size_t n = strlen(ent->d_name);

		if (ent->d_name[0] != '.' && ent->d_name[n - 1] != '~')
			strlist_push(&names, xstrdup(ent->d_name));
	}
	closedir(dir);
	if (names.len > 0)  /* problems reported in the same order every time */
		qsort(names.items, names.len, sizeof(*names.items), util_compare_strings);
	for (i = 0; i < names.len; i++) {
		struct buf child = BUF_INIT, full = BUF_INIT;
		struct stat st;

		if (rel[0] != '\0')
			buf_printf(&child, "%s/", rel);
		buf_puts(&child, names.items[i]);
		free(names.items[i]);
		buf_printf(&full, "%s/%s", root, buf_str(&child));
		if (!util_utf8_valid(buf_str(&child), child.len, NULL)) {
			diag_error(buf_str(&full), 0, 0, "the name is not UTF-8: the "
			    "addresses, the sitemap and the feed need it to be; rename it");
			status = -1;
		} else if (lstat(buf_str(&full), &st) != 0) {
			diag_error(buf_str(&full), 0, 0, "cannot read: %s", strerror(errno));
			status = -1;
		} else if (S_ISLNK(st.st_mode)) {
			diag_error(buf_str(&full), 0, 0, "is a symbolic link: mend does not "
			    "follow links in %s/ (one could publish any file on this "
			    "machine); put the file or folder itself there", root);
			status = -1;
		} else if (S_ISDIR(st.st_mode)) {
			if (list_files(root, buf_str(&child), files) != 0)
				status = -1;
		} else if (S_ISREG(st.st_mode)) {
			strlist_push(files, buf_detach(&child));
		}
		buf_free(&child);
		buf_free(&full);
	}
	free(names.items);
	buf_free(&path);
	return status;
}

/* Length of the line at s (up to, not including, "\n" or "\r\n"). */
static size_t
line_length(const char *s, const char *end)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);

	if (n > 0 && s[n - 1] == '\r')
		n--;
	return n;
}

/* Is the line [s, s+n) a "+++" fence, trailing blanks allowed? */
static bool
is_fence(const char *s, size_t n)
{
	if (n < 3 || strncmp(s, "+++", 3) != 0)
		return false;
	for (s += 3, n -= 3; n > 0; s++, n--)
		if (*s != ' ' && *s != '\t')
			return false;
	return true;
}

int
content_split(const char *path, const char *text, size_t len,
    const char **front, size_t *front_len, int *front_line,
    const char **body, size_t *body_len, int *body_line)
{
	const char *p = text, *end = text + len, *nl;
	int line = 1;

	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)  /* a BOM */
		p += 3;
	if (!is_fence(p, line_length(p, end))) {
		diag_error(path, 1, 1, "front matter missing: start the page with a "
		    "'+++' line, then title = \"...\", then another '+++' line");
		return -1;
	}
	nl = memchr(p, '\n', (size_t)(end - p));
	p = nl ? nl + 1 : end;
	*front = p;
	*front_line = 2;
	line = 2;
	while (p < end) {
		size_t n = line_length(p, end);

		if (is_fence(p, n)) {
			*front_len = (size_t)(p - *front);
			nl = memchr(p, '\n', (size_t)(end - p));
			p = nl ? nl + 1 : end;
			*body = p;
			*body_len = (size_t)(end - p);
			*body_line = line + 1;
			return 0;
		}
		nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
		line++;
	}
	diag_error(path, 1, 1, "front matter is not closed: add a '+++' line after it");
	return -1;
}

/* Read the known front matter keys into page.  Returns 0 or -1. */
static int
read_front_matter(struct page *page)
{
	const struct toml_value *root = page->front;
	size_t i;
	int status = 0;

	for (i = 0; i < toml_table_size(root); i++) {
		const char *key = toml_table_key(root, i);
		const struct toml_value *v = toml_table_value(root, i);
		enum toml_type t = toml_type(v);

		if (strcmp(key, "title") == 0 || strcmp(key, "description") == 0 ||
		    strcmp(key, "layout") == 0 || strcmp(key, "translation_of") == 0) {
			const char *s;
			size_t n;

			if (t != TOML_STRING) {
				toml_report_type(page->source_path, key, v, "a string");
				status = -1;
				continue;
			}
			s = toml_string(v, &n);
			if (key[0] == 'l' && !config_name_valid(s, n)) {
				diag_error(page->source_path, toml_line(v), toml_col(v),
				    "'layout' must name a file in the theme's layouts/ "
				    "folder, without .mustache (letters, digits, '-', '_' "
				    "and '.'; no '/', no leading '.')");
				status = -1;
				continue;
			}
			if (key[0] == 't' && key[1] == 'r')
				page->translation_of = s;
			else if (key[0] == 't')
				page->title = s;
			else if (key[0] == 'd')
				page->description = s;
			else
				page->layout = s;
		} else if (strcmp(key, "weight") == 0) {
			if (t != TOML_INTEGER) {
				toml_report_type(page->source_path, key, v, "an integer");
				status = -1;
				continue;
			}
			page->weight = toml_integer(v);
			page->has_weight = true;
		} else if (strcmp(key, "draft") == 0 || strcmp(key, "safety") == 0 ||
		    strcmp(key, "offline_copy") == 0) {
			if (t != TOML_BOOL) {
				toml_report_type(page->source_path, key, v, "true or false");
				status = -1;
				continue;
			}
			*(key[0] == 'd' ? &page->draft : key[0] == 's' ? &page->safety :
			    &page->offline_copy) = toml_bool(v);
		} else if (strcmp(key, "date") == 0) {
			const struct toml_datetime *dt;

			if (t != TOML_DATE_LOCAL && t != TOML_DATETIME_LOCAL &&
			    t != TOML_DATETIME) {
				toml_report_type(page->source_path, key, v,
				    "a date, written without quotes as date = 2024-11-20");
				status = -1;
				continue;
			}
			dt = toml_datetime(v);
			/* The parser checked the ranges; the casts tell the compiler. */
			snprintf(page->date, sizeof(page->date), "%04u-%02u-%02u",
			    (unsigned)dt->year % 10000u, (unsigned)dt->month % 100u,
			    (unsigned)dt->day % 100u);
		} else {
			diag_warning(page->source_path, toml_line(v), toml_col(v),
			    "unknown front matter key '%s'", key);
		}
	}
	if (page->title == NULL && status == 0) {
		diag_error(page->source_path, 1, 1,
		    "front matter has no title: add title = \"...\"");
		status = -1;
	} else if (page->title != NULL && page->title[0] == '\0') {
		diag_error(page->source_path, toml_line(toml_get(root, "title")),
		    toml_col(toml_get(root, "title")), "title is empty");
		status = -1;
	}
	if (page->description == NULL)
		page->description = "";
	return status;
}

/*
 * Which language the file rel ("steps/x.ar.md") is in: *lang is its index
 * in cfg->languages (0, the default, without a tag) and *stem_len the
 * length of rel without the language tag and ".md" ("steps/x").  A tag
 * is the part after the name's last '.' when it names one of the site's
 * languages.  One that names none but is shaped like a common tag (two
 * lower-case letters, maybe then "-" and a region or script: "fr",
 * "pt-BR") sets *unknown_tag to its length (a warning: the page is left
 * out; the tag is at rel + *stem_len + 1); anything else ("atom.xml",
 * "v1.2") is part of the name.
 */
static void
page_language(const struct config *cfg, const char *rel, size_t *lang,
    size_t *stem_len, size_t *unknown_tag)
{
	size_t n = strlen(rel) - 3;  /* without ".md" */
	const char *slash = strrchr(rel, '/');
	const char *base = slash ? slash + 1 : rel;
	const char *dot = NULL, *p;
	size_t taglen;
	int k;

	for (p = base; p < rel + n; p++)
		if (*p == '.')
			dot = p;
	*lang = 0;
	*stem_len = n;
	*unknown_tag = 0;
	if (dot == NULL || dot == base)
		return;
	taglen = n - (size_t)(dot + 1 - rel);
	if ((k = config_language_index(cfg, dot + 1, taglen)) >= 0) {
		*lang = (size_t)k;
		*stem_len = (size_t)(dot - rel);
		return;
	}
	if (taglen >= 2 && dot[1] >= 'a' && dot[1] <= 'z' && dot[2] >= 'a' &&
	    dot[2] <= 'z' && (taglen == 2 || (taglen >= 4 && taglen <= 7 &&
	    dot[3] == '-'))) {
		*stem_len = (size_t)(dot - rel);
		*unknown_tag = taglen;
	}
}

/*
 * Give the page its key, URL, output path, section and kind from its path
 * relative to the content folder without language and ".md" (stem,
 * "steps/x") and its language's folder (prefix, "" or "ar/").
 */
static void
place_page(struct page *page, const char *stem, const char *prefix)
{
	const char *slash = strrchr(stem, '/');
	size_t dirlen = slash ? (size_t)(slash - stem) : 0;
	const char *base = slash ? slash + 1 : stem;
	struct buf url = BUF_INIT;

	page->key = xstrdup(stem);
	page->section = xstrndup(stem, dirlen);
	buf_printf(&url, "/%s", prefix);
	if (dirlen > 0) {
		buf_put(&url, stem, dirlen);
		BUF_PUTSL(&url, "/");
	}
	if (strcmp(base, "_index") == 0) {
		page->kind = dirlen == 0 ? PAGE_HOME : PAGE_SECTION;
	} else {
		page->kind = PAGE_REGULAR;
		buf_puts(&url, base);
		BUF_PUTSL(&url, "/");
	}
	page->url = buf_detach(&url);
	buf_printf(&url, "%sindex.html", page->url + 1);
	page->output_path = buf_detach(&url);
}

/* Read and parse one page; returns it, or NULL after diagnostics. */
static struct page *
load_page(const struct config *cfg, const char *dir, const char *rel)
{
	struct page *page = xcalloc(1, sizeof(*page));
	const char *front;
	size_t front_len, len, bad, stem_len;
	int front_line, line, col;
	struct buf path = BUF_INIT;
	char *stem;
	size_t unknown_tag;

	buf_printf(&path, "%s/%s", dir, rel);
	page->source_path = buf_detach(&path);
	page_language(cfg, rel, &page->lang, &stem_len, &unknown_tag);
	if (unknown_tag > 0) {
		const char *tag = rel + stem_len + 1;

		diag_warning(page->source_path, 0, 0, "'%.*s' is not one of the "
		    "site's languages, so this translation is left out: add "
		    "[languages.%.*s] to site.toml to publish it",
		    (int)unknown_tag, tag, (int)unknown_tag, tag);
		page_free(page);
		return NULL;
	}
	stem = xstrndup(rel, stem_len);
	place_page(page, stem, cfg->languages[page->lang].prefix);
	free(stem);
	if (util_read_file(page->source_path, &page->source, &len) != 0) {
		diag_error(page->source_path, 0, 0, "cannot read: %s", strerror(errno));
		page_free(page);
		return NULL;
	}
	if (!util_utf8_valid(page->source, len, &bad)) {
		util_line_col(page->source, bad, &line, &col);
		diag_error(page->source_path, line, col,
		    "invalid UTF-8 (byte 0x%02X): save the file as UTF-8",
		    (unsigned char)page->source[bad]);
		page_free(page);
		return NULL;
	}
	if (content_split(page->source_path, page->source, len, &front,
	    &front_len, &front_line, &page->body, &page->body_len,
	    &page->body_line) != 0 ||
	    (page->front = toml_parse(front, front_len, page->source_path,
	    front_line)) == NULL ||
	    read_front_matter(page) != 0) {
		page_free(page);
		return NULL;
	}
	return page;
}

static int
compare_pages(const void *a, const void *b)
{
	const struct page *p = *(struct page *const *)a;
	const struct page *q = *(struct page *const *)b;
	int c;

	if (p->lang != q->lang)
		return p->lang < q->lang ? -1 : 1;
	if (p->kind == PAGE_HOME || q->kind == PAGE_HOME)
		return (q->kind == PAGE_HOME) - (p->kind == PAGE_HOME);
	if ((c = strcmp(p->section, q->section)) != 0)
		return c;
	if (p->kind != q->kind)
		return p->kind == PAGE_SECTION ? -1 : 1;
	if (p->has_weight != q->has_weight)
		return p->has_weight ? -1 : 1;
	if (p->has_weight && p->weight != q->weight)
		return p->weight < q->weight ? -1 : 1;
	if ((c = strcmp(p->title, q->title)) != 0)
		return c;
	return strcmp(p->source_path, q->source_path);
}

static int
compare_urls(const void *a, const void *b)
{
	const struct page *p = *(struct page *const *)a;
	const struct page *q = *(struct page *const *)b;
	int c = strcmp(p->url, q->url);

	return c != 0 ? c : strcmp(p->source_path, q->source_path);
}

/* Is page's file named with its language's tag ("x.en.md"), as a page
   of the default language need not be? */
static bool
named_with_tag(const struct config *cfg, const struct page *page)
{
	const char *tag = cfg->languages[page->lang].tag;
	size_t n = strlen(page->source_path), t = strlen(tag);

	return n > t + 4 && page->source_path[n - t - 4] == '.' &&
	    strncmp(page->source_path + n - t - 3, tag, t) == 0 &&
	    strcmp(page->source_path + n - 3, ".md") == 0;
}

/*
 * Report that page and other share a URL, at page.  When one of them is
 * the other named with the default language's tag ("x.en.md" beside
 * "x.md" on a site in "en"), say so: that one is reported.
 */
static void
duplicate_url(const struct config *cfg, const struct page *page,
    const struct page *other)
{
	if (page->lang == 0 && other->lang == 0 &&
	    named_with_tag(cfg, page) != named_with_tag(cfg, other)) {
		const struct page *tagged = named_with_tag(cfg, page) ? page : other;
		const struct page *plain = tagged == page ? other : page;

		diag_error(tagged->source_path, 1, 1, "duplicate URL '%s': '%s' is "
		    "the site's default language, whose pages need no tag in their "
		    "name, so %s and %s are the same page; remove one of them, or "
		    "rename %s if it is another page", tagged->url,
		    cfg->languages[0].tag, tagged->source_path, plain->source_path,
		    tagged->source_path);
	} else
		diag_error(page->source_path, 1, 1, "duplicate URL '%s': %s has it "
		    "already", page->url, other->source_path);
}

/* Report pages that share a URL.  Returns 0 when there are none. */
static int
check_duplicate_urls(struct site *site)
{
	struct page **by_url;
	size_t i;
	int status = 0;

	if (site->npages < 2)
		return 0;
	by_url = xmalloc(site->npages * sizeof(*by_url));
	memcpy(by_url, site->pages, site->npages * sizeof(*by_url));
	qsort(by_url, site->npages, sizeof(*by_url), compare_urls);
	for (i = 1; i < site->npages; i++)
		if (strcmp(by_url[i]->url, by_url[i - 1]->url) == 0) {
			duplicate_url(site->config, by_url[i], by_url[i - 1]);
			status = -1;
		}
	free(by_url);
	return status;
}

static int
compare_outputs(const void *a, const void *b)
{
	const struct page *p = *(struct page *const *)a;
	const struct page *q = *(struct page *const *)b;

	return strcmp(p->output_path, q->output_path);
}

/* The files every build writes besides the pages, and what each is. */
static const char *const generated_files[][2] = {
	{ "404.html", "the page for a missing address" },
	{ "sitemap.xml", "the sitemap" },
	{ "atom.xml", "the Atom feed" },
	{ "robots.txt", "robots.txt" },
	{ OFFLINE_WORKER, "the offline copy's list of files" },
	{ ARCHIVE_FILE, "the whole site as one zip file" },
};

#define NGENERATED (sizeof(generated_files) / sizeof(generated_files[0]))

/* Is the site path rel worksheets/ or in it (the printable PDFs go there:
   pdf.h's PDF_FOLDER, a later stage than this one)? */
static bool
in_worksheets(const char *rel)
{
	return strncmp(rel, "worksheets", 10) == 0 && (rel[10] == '\0' || rel[10] == '/');
}

/*
 * Put in what which generated file or folder is at the site path rel
 * ("sitemap.xml", "steps/x"), or leave it empty when none is: a page
 * (by_output holds the site's pages sorted by output path), a site file,
 * worksheets/ or anything in it, or a file of the theme's static/
 * (themes/NAME/static/, copied to the site root; see theme.h), or a folder
 * of it unless folder_fits (a page's folder may share one).
 */
static void
generated_what(const struct site *site, struct page **by_output,
    const char *rel, bool folder_fits, struct buf *what)
{
	struct page key, *keyp = &key, **hit;
	struct stat st;
	size_t k;

	key.output_path = (char *)rel;
	hit = site->npages > 0 ? bsearch(&keyp, by_output, site->npages,
	    sizeof(*by_output), compare_outputs) : NULL;
	buf_reset(what);
	for (k = 0; k < NGENERATED; k++)
		if (strcmp(rel, generated_files[k][0]) == 0)
			buf_puts(what, generated_files[k][1]);
	if (hit != NULL)
		buf_printf(what, "the page made from %s", (*hit)->source_path);
	else if (in_worksheets(rel))
		buf_puts(what, "the printable worksheets go there");
	else if (what->len == 0) {
		buf_printf(what, "the theme's themes/%s/static/%s",
		    site->config->theme, rel);
		if (lstat(buf_str(what) + strlen("the theme's "), &st) != 0 ||
		    (folder_fits && S_ISDIR(st.st_mode)))
			buf_reset(what);
	}
}

/*
 * Report each asset that would replace a file the build generates
 * (content/index.html beside content/_index.md, content/sitemap.xml,
 * content/sw.js), and each page whose folder would stand where one goes
 * (content/sitemap.xml.md, content/worksheets/x.md): generated_what says
 * which.  A page at
 * /worksheets/ itself (the guide's content/worksheets.md, which lists the
 * PDFs) is welcome: its index.html is no PDF's name.  dir is the content
 * folder.  Returns 0 when there is none.
 */
static int
check_generated(const struct site *site, const char *dir)
{
	struct buf what = BUF_INIT, rel = BUF_INIT;
	struct page **by_output = xcalloc(site->npages + 1, sizeof(*by_output));
	size_t i;
	int status = 0;

	memcpy(by_output, site->pages, site->npages * sizeof(*by_output));
	qsort(by_output, site->npages, sizeof(*by_output), compare_outputs);
	for (i = 0; i < site->nassets; i++) {
		generated_what(site, by_output, site->assets[i], false, &what);
		if (what.len > 0) {
			struct buf path = BUF_INIT;

			buf_printf(&path, "%s/%s", dir, site->assets[i]);
			diag_error(buf_str(&path), 0, 0, "would replace the generated file "
			    "'%s' (%s): rename or move it", site->assets[i], buf_str(&what));
			buf_free(&path);
			status = -1;
		}
	}
	for (i = 0; i < site->npages; i++) {
		const struct page *page = site->pages[i];
		size_t n = strlen(page->url);  /* "/steps/x/" */

		if (n < 3)
			continue;  /* the home page: its index.html is checked above */
		buf_reset(&rel);
		buf_put(&rel, page->url + 1, n - 2);  /* "steps/x" */
		if (strcmp(buf_str(&rel), "worksheets") == 0)
			continue;  /* the worksheets' own page, beside the PDFs */
		generated_what(site, by_output, buf_str(&rel), true, &what);
		if (what.len > 0) {
			diag_error(page->source_path, 0, 0, "its address '%s' takes "
			    "the place of the generated '%s' (%s): rename or move it",
			    page->url, in_worksheets(buf_str(&rel)) ? "worksheets/" :
			    buf_str(&rel), buf_str(&what));
			status = -1;
		}
	}
	buf_free(&what);
	buf_free(&rel);
	free(by_output);
	return status;
}

/*
 * Report every file under content/TAG/ for a language TAG other than the
 * default: that folder is where the language's pages are published
 * (content/x.TAG.md goes to /TAG/x/).  Returns 0 when there is none.
 */
static int
check_language_folders(const struct site *site, const char *dir)
{
	const struct config *cfg = site->config;
	size_t i, k;
	int status = 0;

	for (k = 1; k < cfg->nlanguages; k++) {
		const char *prefix = cfg->languages[k].prefix;  /* "ar/" */
		size_t n = strlen(prefix);

		for (i = 0; i < site->npages; i++) {
			const char *rel = site->pages[i]->source_path + strlen(dir) + 1;

			if (strncmp(rel, prefix, n) == 0) {
				diag_error(site->pages[i]->source_path, 0, 0, "the folder "
				    "'%.*s' is where the '%s' pages are published: put a "
				    "translation beside its original as NAME.%s.md, or "
				    "rename the folder", (int)(n - 1), prefix,
				    cfg->languages[k].tag, cfg->languages[k].tag);
				status = -1;
			}
		}
		for (i = 0; i < site->nassets; i++)
			if (strncmp(site->assets[i], prefix, n) == 0) {
				diag_error(NULL, 0, 0, "%s/%s: the folder '%.*s' is where "
				    "the '%s' pages are published: rename the folder", dir,
				    site->assets[i], (int)(n - 1), prefix,
				    cfg->languages[k].tag);
				status = -1;
			}
	}
	return status;
}

static int
compare_keys(const void *a, const void *b)
{
	const struct page *p = *(struct page *const *)a;
	const struct page *q = *(struct page *const *)b;
	int c = strcmp(p->key, q->key);

	return c != 0 ? c : (p->lang > q->lang) - (p->lang < q->lang);
}

/* Give every page its translations: the pages with its key, one per
   language (duplicates were reported as duplicate URLs). */
static void
link_translations(struct site *site)
{
	size_t i, j, k, n = site->config->nlanguages;
	struct page **by_key = xcalloc(site->npages + 1, sizeof(*by_key));

	if (site->npages > 0)
		memcpy(by_key, site->pages, site->npages * sizeof(*by_key));
	qsort(by_key, site->npages, sizeof(*by_key), compare_keys);
	for (i = 0; i < site->npages; i = j) {
		struct page **group = xcalloc(n, sizeof(*group));

		for (j = i; j < site->npages && strcmp(by_key[j]->key, by_key[i]->key) == 0; j++)
			if (group[by_key[j]->lang] == NULL)
				group[by_key[j]->lang] = by_key[j];
		for (k = i; k < j; k++) {
			by_key[k]->translations = xcalloc(n, sizeof(*group));
			memcpy(by_key[k]->translations, group, n * sizeof(*group));
		}
		free(group);
	}
	free(by_key);
}

/*
 * Warn at each translation's translation_of when its original has changed
 * since (its version is no longer the one recorded), or when it has no
 * original, or is one.
 */
static void
check_translations(const struct site *site)
{
	size_t i;

	for (i = 0; i < site->npages; i++) {
		const struct page *page = site->pages[i];
		const struct page *original = page->translations != NULL ?
		    page->translations[0] : NULL;
		const struct toml_value *v;
		char now[17];

		if (page->translation_of == NULL)
			continue;
		v = toml_get(page->front, "translation_of");
		if (page->lang == 0) {
			diag_warning(page->source_path, toml_line(v), toml_col(v),
			    "'translation_of' is for a translation (NAME.LANG.md), and "
			    "this page is in the site's default language");
			continue;
		}
		if (original == NULL) {
			diag_warning(page->source_path, toml_line(v), toml_col(v),
			    "'translation_of', but this translation has no original "
			    "(%s.md in the content folder)", page->key);
			continue;
		}
		site_version(original, now);
		if (strcmp(page->translation_of, now) != 0)
			diag_warning(page->source_path, toml_line(v), toml_col(v),
			    "%s has changed since this translation was made "
			    "(translation_of = \"%s\"; it is now \"%s\"): bring the "
			    "translation up to date, then set translation_of = \"%s\"",
			    original->source_path, page->translation_of, now, now);
	}
}

/* Is the file rel (under the content folder) a page, not an asset? */
static bool
is_page(const char *rel)
{
	size_t n = strlen(rel);

	return n > 3 && strcmp(rel + n - 3, ".md") == 0;
}

/* What the threads reading pages share. */
struct load_job {
	const struct config *config;
	const char *dir;            /* the content folder */
	char **files;               /* every file's path under it, sorted */
	struct page **pages;        /* per file: its page, or NULL */
	struct diag_held *diags;    /* per file: its problems, held */
};

static void
load_one(void *ctx, size_t i)
{
	struct load_job *job = ctx;
	struct diag_held *outer;

	if (!is_page(job->files[i]))
		return;
	outer = diag_hold(&job->diags[i]);
	job->pages[i] = load_page(job->config, job->dir, job->files[i]);
	diag_hold(outer);  /* a caller's hold, on the thread that called */
}

int
content_load(struct site *site, const struct content_options *opt)
{
	struct strlist files = { NULL, 0, 0 };
	struct load_job job;
	size_t i;
	int status;

	status = list_files(opt->dir, "", &files);
	if (files.len > 0)
		qsort(files.items, files.len, sizeof(*files.items), util_compare_strings);
	job.config = site->config;
	job.dir = opt->dir;
	job.files = files.items;
	job.pages = xcalloc(files.len + 1, sizeof(*job.pages));
	job.diags = xcalloc(files.len + 1, sizeof(*job.diags));
	pool_run(files.len, opt->threads, load_one, &job);
	site->pages = xcalloc(files.len + 1, sizeof(*site->pages));
	for (i = 0; i < files.len; i++) {  /* in order, as one thread goes */
		char *rel = files.items[i];
		struct page *page = job.pages[i];

		diag_release(&job.diags[i]);
		if (!is_page(rel)) {
			if (site->nassets == 0)
				site->assets = xcalloc(files.len, sizeof(*site->assets));
			site->assets[site->nassets++] = rel;
			continue;
		}
		if (page == NULL) {
			size_t lang, stem_len, unknown_tag;

			page_language(site->config, rel, &lang, &stem_len, &unknown_tag);
			if (unknown_tag == 0)  /* else left out, with a warning */
				status = -1;
		}
		else if (page->draft && !opt->drafts)
			page_free(page);
		else
			site->pages[site->npages++] = page;
		free(rel);
	}
	free(job.pages);
	free(job.diags);
	free(files.items);
	if (check_duplicate_urls(site) != 0)
		status = -1;
	if (check_generated(site, opt->dir) != 0)
		status = -1;
	if (check_language_folders(site, opt->dir) != 0)
		status = -1;
	if (site->npages > 1)
		qsort(site->pages, site->npages, sizeof(*site->pages), compare_pages);
	site_make_views(site);
	link_translations(site);
	check_translations(site);
	return status;
}
