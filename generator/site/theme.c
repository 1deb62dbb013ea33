/*
 * theme — layouts, partials and the data templates see.  See theme.h.
 */
#include "site/archive.h"
#include "site/i18n.h"
#include "site/offline.h"
#include "site/theme.h"

#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "lib/diag.h"
#include "lib/lang.h"
#include "lib/template.h"
#include "lib/util.h"
#include "pdf/pdf.h"

const char *const theme_reserved_ids[] = {
	"main", "toc", "site-nav", "steps", "safety", "footer", "top", "exit-hint",
	"worksheet-pdfs", "worksheets-list", "booklets-list", "offline-copy", NULL
};

/* Pages share data made with json_incref on several threads at once. */
#ifndef JANSSON_THREAD_SAFE_REFCOUNT
#error "mend needs a jansson whose reference counts are atomic (2.13 or later)"
#endif

/*
 * What the pages at one depth share: the data whose hrefs are relative
 * to their root ("../"), made once by theme_prepare.  A page takes these
 * lists item by item and copies only the item that is its own (current).
 */
struct theme_root {
	char *root;     /* "./", "../", "../../", ... */
	json_t *site;   /* the "site" object (site_for) */
	json_t *menu;   /* the menu's items, none current (menu_list) */
	json_t *steps;  /* the main section's pages, none current (page_list) */
};

/* The theme's words in one of the site's languages (theme_load makes them). */
struct theme_words {
	char *lang;                      /* its tag: "ar" */
	json_t *t;                       /* its texts, the templates' "t" */
	json_t *strings_json;            /* the scripts' texts, the text of a JSON
	                                    data block (a string), or NULL: the
	                                    scripts' own English serves */
};

/* What the pages of one language share (theme_prepare makes it). */
struct theme_lang {
	const struct site *site;         /* the language's view (site.h) */
	const char *home_title;          /* the menu's "Home" in its language */
	json_t *site_data;               /* the "site" object its pages share */
	struct page **menu_items;        /* top-level pages and sections, sorted */
	size_t nmenu;
	struct theme_root *roots;        /* roots[d]: for pages d folders deep */
	size_t nroots;
};

struct theme {
	char *dir;                       /* "themes/NAME" */
	struct template_set *templates;  /* layouts and partials, compiled once */
	bool search;                     /* the search page and index are made:
	                                    [search] enabled, and the theme has
	                                    layouts/search.mustache */
	const struct site *prepared;     /* the whole site langs was made for */
	struct theme_lang *langs;        /* per language of prepared; owned */
	size_t nlangs;
	json_t *pdfs;                    /* groups of PDFs (theme_set_pdfs), or NULL */
	bool archive;                    /* [offline] archive: site.archive */
	size_t archive_bytes;            /* the zip's size (archive.h); 0 until
	                                    it is made */
	struct i18n *i18n;               /* the theme's words (i18n/LANG.toml) */
	struct theme_words *words;       /* words[k]: in the site's language k
	                                    (config.h's languages); owned */
	size_t nwords;
};

static void langs_free(struct theme *theme);
static json_t *site_for(const struct theme *theme, const struct theme_lang *tl,
    const char *root);

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/*
 * The language page is written in (page NULL: a page the theme makes,
 * 404.html or the search page, or what every page of the view shares):
 * its language's view's.  Every text of the theme is chosen through this
 * one function.
 */
static const char *
page_lang(const struct site *view, const struct page *page)
{
	(void)page;  /* a page is in its view's language (lang_data) */
	return view->config->language;
}

/*
 * Append the text key of the theme's words in lang to out, for the count
 * n (-1: none), its placeholders filled from pairs (npairs strings, name
 * then value); when the theme has no such text (a theme without i18n
 * files), the English fallback, filled the same way.
 */
static void
say(const struct theme *theme, const char *lang, const char *key, long n,
    const char *fallback, struct buf *out, const char *const *pairs,
    size_t npairs)
{
	const char *text = i18n_form(theme->i18n, lang, key, n);

	i18n_fill(out, text != NULL ? text : fallback, pairs, npairs);
}

/*
 * The scripts' words in lang as the text of a JSON data block (a new
 * string), or NULL when they are English's: the scripts hold en.toml's
 * texts themselves (tests/check_i18n.c holds them to it), so a page
 * carries its own only when they differ.
 */
static json_t *
script_words(const struct i18n *i18n, const char *lang)
{
	json_t *script = i18n_json(i18n, lang, "script");
	json_t *english = i18n_json(i18n, "en", "script");
	json_t *block = NULL;

	if (!json_equal(script, english)) {
		char *text = i18n_script_json(script);

		block = json_string(text);
		free(text);
	}
	json_decref(script);
	json_decref(english);
	return block;
}

/* The words of the site's language k (k past the last: the default's). */
static const struct theme_words *
words_of(const struct theme *theme, size_t k)
{
	return &theme->words[k < theme->nwords ? k : 0];
}

/* Set data's "t" and "strings_json" for a page in the site's language k. */
static void
set_words(const struct theme *theme, json_t *data, size_t k)
{
	const struct theme_words *w = words_of(theme, k);

	json_object_set_new(data, "t", json_incref(w->t));
	if (w->strings_json != NULL)
		json_object_set_new(data, "strings_json", json_incref(w->strings_json));
}

/* The build's year: SOURCE_DATE_EPOCH's when set, for reproducible builds. */
int
theme_build_year(void)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	time_t now = epoch != NULL ? (time_t)strtoll(epoch, NULL, 10) : time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

static json_t *
site_object(const struct theme *theme, const struct config *cfg)
{
	json_t *site = json_object(), *help = json_array();
	char year[16];
	size_t i;

	snprintf(year, sizeof(year), "%d", theme_build_year());
	json_object_set_new(site, "title", json_string(cfg->title));
	json_object_set_new(site, "description", json_string(cfg->description));
	json_object_set_new(site, "language", json_string(cfg->language));
	/* <html dir>: "rtl" for Arabic, Hebrew, Persian, Urdu, ... (lang.h) */
	json_object_set_new(site, "dir", json_string(lang_dir(cfg->language)));
	json_object_set_new(site, "author", json_string(cfg->author));
	json_object_set_new(site, "base_url", json_string(cfg->base_url));
	json_object_set_new(site, "exit_url", json_string(cfg->exit_url));
	json_object_set_new(site, "year", json_string(year));
	{  /* the footer's line, in the view's language */
		struct buf credit = BUF_INIT;
		const char *pairs[] = { "title", cfg->title, "year", year,
			"author", cfg->author };

		if (cfg->author != NULL && cfg->author[0] != '\0')
			say(theme, cfg->language, "footer.credit", -1,
			    "{title}, by {author}, {year}.", &credit, pairs, 6);
		else
			say(theme, cfg->language, "footer.credit_anonymous", -1,
			    "{title}, {year}.", &credit, pairs, 4);
		json_object_set_new(site, "credit", json_string(buf_str(&credit)));
		buf_free(&credit);
	}
	for (i = 0; i < cfg->nhelp; i++) {
		const struct help_line *h = &cfg->help[i];
		json_t *line = json_object();

		json_object_set_new(line, "name", json_string(h->name));
		if (h->phone != NULL) {
			struct buf tel = BUF_INIT;
			const char *p;

			for (p = h->phone; *p != '\0'; p++)  /* tel: wants no spaces */
				if (*p == '+' || (*p >= '0' && *p <= '9'))
					buf_putc(&tel, *p);
			json_object_set_new(line, "phone", json_string(h->phone));
			json_object_set_new(line, "tel", json_string(buf_str(&tel)));
			buf_free(&tel);
		}
		if (h->url != NULL)
			json_object_set_new(line, "url", json_string(h->url));
		json_array_append_new(help, line);
	}
	json_object_set_new(site, "help", help);
	json_object_set_new(site, "has_help", json_boolean(cfg->nhelp > 0));
	json_object_set_new(site, "offline", json_boolean(cfg->offline));
	return site;
}

struct theme *
theme_load(const struct config *cfg)
{
	struct theme *theme;
	struct buf dir = BUF_INIT, partials = BUF_INIT;
	struct i18n_use *uses;
	struct i18n *i18n;
	struct stat st;
	size_t k;

	buf_printf(&dir, "themes/%s", cfg->theme);
	if (stat(buf_str(&dir), &st) != 0 || !S_ISDIR(st.st_mode)) {
		diag_error("site.toml", cfg->theme_line, cfg->theme_col, "theme '%s' "
		    "not found: there is no folder %s", cfg->theme, buf_str(&dir));
		buf_free(&dir);
		return NULL;
	}
	if (cfg->offline) {  /* sw.js loads it (offline.h) */
		buf_printf(&partials, "%s/static/%s", buf_str(&dir), OFFLINE_SCRIPT);
		if (lstat(buf_str(&partials), &st) != 0 || !S_ISREG(st.st_mode)) {
			diag_error("site.toml", 0, 0, "[offline] enabled needs the "
			    "theme's service worker, %s, and there is none (the calm "
			    "theme has one to copy)", buf_str(&partials));
			buf_free(&dir);
			buf_free(&partials);
			return NULL;
		}
		buf_reset(&partials);
	}
	buf_printf(&partials, "%s/partials", buf_str(&dir));
	/* The theme's words in each of the site's languages: a warning for
	   each text a language lacks, at its file, or at [languages.TAG]
	   when it has none. */
	uses = xcalloc(cfg->nlanguages + 1, sizeof(*uses));
	for (k = 0; k < cfg->nlanguages; k++) {
		uses[k].lang = cfg->languages[k].tag;
		uses[k].file = "site.toml";
		uses[k].line = cfg->languages[k].line;
		uses[k].col = cfg->languages[k].col;
	}
	i18n = i18n_load(buf_str(&dir), uses, cfg->nlanguages);
	free(uses);
	if (i18n == NULL) {
		buf_free(&dir);
		buf_free(&partials);
		return NULL;
	}
	theme = xcalloc(1, sizeof(*theme));
	theme->dir = buf_detach(&dir);
	theme->i18n = i18n;
	theme->nwords = cfg->nlanguages > 0 ? cfg->nlanguages : 1;
	theme->words = xcalloc(theme->nwords, sizeof(*theme->words));
	for (k = 0; k < theme->nwords; k++) {
		struct theme_words *w = &theme->words[k];

		w->lang = xstrdup(k < cfg->nlanguages ? cfg->languages[k].tag :
		    cfg->language);
		w->t = i18n_json(i18n, w->lang, NULL);
		w->strings_json = script_words(i18n, w->lang);
	}
	theme->templates = template_set_new(buf_str(&partials));
	template_set_strict(theme->templates, true);
	theme->archive = cfg->offline_archive;
	/* Search is on when site.toml wants it and the theme has its page. */
	buf_reset(&partials);
	buf_printf(&partials, "%s/layouts/search.mustache", theme->dir);
	theme->search = cfg->search && stat(buf_str(&partials), &st) == 0;
	buf_free(&partials);
	return theme;
}

void
theme_free(struct theme *theme)
{
	size_t k;

	if (theme == NULL)
		return;
	free(theme->dir);
	langs_free(theme);
	json_decref(theme->pdfs);
	template_set_free(theme->templates);
	for (k = 0; k < theme->nwords; k++) {
		free(theme->words[k].lang);
		json_decref(theme->words[k].t);
		json_decref(theme->words[k].strings_json);
	}
	free(theme->words);
	i18n_free(theme->i18n);
	free(theme);
}

const char *
theme_dir(const struct theme *theme)
{
	return theme->dir;
}

const struct i18n *
theme_i18n(const struct theme *theme)
{
	return theme->i18n;
}

const char *
theme_lang(const struct theme *theme, size_t k)
{
	return words_of(theme, k)->lang;
}

/* How many folders deep a site path is: "/" 0, "/steps/" 1, "/steps/x/" 2. */
static size_t
depth_of(const char *url)
{
	const char *p;
	size_t depth = 0;

	for (p = url + 1; *p != '\0'; p++)
		if (*p == '/')
			depth++;
	return depth;
}

/* The prefix from a page depth folders deep to the site root: "./", "../". */
static void
root_at(size_t depth, struct buf *out)
{
	if (depth == 0)
		BUF_PUTSL(out, "./");
	while (depth-- > 0)
		BUF_PUTSL(out, "../");
}

/*
 * href for a site path from a page whose root prefix is root.  A page's
 * folder is named with its index.html ("../steps/x/index.html"): a web
 * server needs no name, but a site opened from disk (file://) does, and
 * the canonical link, sitemap and feed keep the clean address.
 */
static json_t *
href(const char *root, const char *url)
{
	struct buf b = BUF_INIT;
	json_t *s;

	buf_puts(&b, root);
	buf_puts(&b, url + 1);
	if (b.len == 0)
		BUF_PUTSL(&b, "./");
	if (b.data[b.len - 1] == '/')
		BUF_PUTSL(&b, "index.html");
	s = json_string(buf_str(&b));
	buf_free(&b);
	return s;
}

static json_t *
page_link(const struct page *target, const char *root)
{
	json_t *link = json_object();

	json_object_set_new(link, "title", json_string(target->title));
	json_object_set_new(link, "href", href(root, target->url));
	return link;
}

/* The pages of a list (steps, a section's pages) as template data, none current. */
static json_t *
page_list(struct page *const *pages, size_t n, const char *root)
{
	json_t *list = json_array();
	size_t i;

	for (i = 0; i < n; i++) {
		json_t *item = page_link(pages[i], root);

		json_object_set_new(item, "number", json_integer((json_int_t)i + 1));
		json_object_set_new(item, "description", json_string(pages[i]->description));
		json_object_set_new(item, "current", json_false());
		json_array_append_new(list, item);
	}
	return list;
}

/*
 * A page's own copy of the shared list of items: the same items, shared,
 * except those current says are the page's, copied with "current": true.
 * Takes the caller's reference to shared.
 */
static json_t *
list_for_page(json_t *shared, bool (*current)(const void *ctx, size_t i),
    const void *ctx)
{
	json_t *list = json_array(), *item;
	size_t i;

	json_array_foreach(shared, i, item) {
		if (current(ctx, i)) {
			item = json_copy(item);  /* shallow: the values stay shared */
			json_object_set_new(item, "current", json_true());
		} else
			json_incref(item);
		json_array_append_new(list, item);
	}
	json_decref(shared);
	return list;
}

/* What list_for_page's current() needs to know of a steps list. */
struct steps_here {
	const struct site *site;
	const struct page *page;    /* the page rendered, or NULL */
};

static bool
step_is_current(const void *ctx, size_t i)
{
	const struct steps_here *h = ctx;

	return h->site->steps[i] == h->page;
}

static int
compare_menu(const void *a, const void *b)
{
	const struct page *p = *(struct page *const *)a;
	const struct page *q = *(struct page *const *)b;

	if (p->has_weight != q->has_weight)
		return p->has_weight ? -1 : 1;
	if (p->has_weight && p->weight != q->weight)
		return p->weight < q->weight ? -1 : 1;
	return strcmp(p->title, q->title);
}

/* The page of the menu's item i: home first, when there is one. */
static const struct page *
menu_page(const struct theme_lang *tl, size_t i)
{
	if (tl->site->home != NULL)
		return i == 0 ? tl->site->home : tl->menu_items[i - 1];
	return tl->menu_items[i];
}

/* Home, then top-level pages and top-level sections, by weight; none current. */
static json_t *
menu_list(const struct theme_lang *tl, const char *root)
{
	const struct site *site = tl->site;
	json_t *list = json_array();
	size_t i;

	if (site->home != NULL) {
		json_t *home = page_link(site->home, root);

		json_object_set_new(home, "title", json_string(tl->home_title));
		json_object_set_new(home, "current", json_false());
		json_array_append_new(list, home);
	}
	for (i = 0; i < tl->nmenu; i++) {
		const struct page *page = tl->menu_items[i];
		json_t *item = page_link(page, root);

		json_object_set_new(item, "description",
		    json_string(page->description));
		json_object_set_new(item, "is_main_section", json_boolean(
		    page->kind == PAGE_SECTION &&
		    strcmp(page->section, site->config->main_section) == 0));
		json_object_set_new(item, "current", json_false());
		json_array_append_new(list, item);
	}
	return list;
}

/* What list_for_page's current() needs to know of the menu. */
struct menu_here {
	const struct theme_lang *tl;
	const struct page *page;    /* the page rendered, or NULL */
};

/* Is the menu's item i the page, or the section the page is in? */
static bool
menu_is_current(const void *ctx, size_t i)
{
	const struct menu_here *h = ctx;
	const struct page *item = menu_page(h->tl, i);

	if (item == h->tl->site->home)
		return h->page == item;
	return h->page == item || (h->page != NULL && item->kind == PAGE_SECTION &&
	    strcmp(h->page->section, item->section) == 0);
}

/*
 * The menu for the page current (NULL: the 404 page) whose root prefix is
 * root; shared is what pages at its depth share, or NULL.
 */
static json_t *
menu(const struct theme_lang *tl, const struct page *current, const char *root,
    const struct theme_root *shared)
{
	struct menu_here here = { tl, current };

	return list_for_page(shared != NULL ? json_incref(shared->menu) :
	    menu_list(tl, root), menu_is_current, &here);
}

/* The main section's pages for the page current, likewise. */
static json_t *
steps(const struct site *site, const struct page *current, const char *root,
    const struct theme_root *shared)
{
	struct steps_here here = { site, current };

	return list_for_page(shared != NULL ? json_incref(shared->steps) :
	    page_list(site->steps, site->nsteps, root), step_is_current, &here);
}

static void
langs_free(struct theme *theme)
{
	size_t i, k;

	for (k = 0; k < theme->nlangs; k++) {
		struct theme_lang *tl = &theme->langs[k];

		for (i = 0; i < tl->nroots; i++) {
			free(tl->roots[i].root);
			json_decref(tl->roots[i].site);
			json_decref(tl->roots[i].menu);
			json_decref(tl->roots[i].steps);
		}
		free(tl->roots);
		free(tl->menu_items);
		json_decref(tl->site_data);
	}
	free(theme->langs);
	theme->langs = NULL;
	theme->nlangs = 0;
	theme->prepared = NULL;
}

/* What the pages of the language view share: its menu, and per depth
   of page its site object, menu and steps. */
static void
prepare_lang(const struct theme *theme, struct theme_lang *tl,
    const struct site *view)
{
	size_t i, n = 0;

	tl->site = view;
	tl->home_title = i18n_text(theme->i18n, page_lang(view, NULL), "nav.home");
	if (tl->home_title == NULL)
		tl->home_title = "Home";
	tl->site_data = site_object(theme, view->config);
	json_object_set_new(tl->site_data, "search", json_boolean(theme->search));
	tl->menu_items = xcalloc(view->npages + 1, sizeof(*tl->menu_items));
	for (i = 0; i < view->npages; i++) {
		struct page *p = view->pages[i];

		if ((p->kind == PAGE_REGULAR && p->section[0] == '\0') ||
		    (p->kind == PAGE_SECTION && strchr(p->section, '/') == NULL))
			tl->menu_items[n++] = p;
	}
	qsort(tl->menu_items, n, sizeof(*tl->menu_items), compare_menu);
	tl->nmenu = n;
	for (i = 0; i < view->npages; i++) {
		size_t depth = depth_of(view->pages[i]->url);

		if (depth + 1 > tl->nroots)
			tl->nroots = depth + 1;
	}
	tl->roots = xcalloc(tl->nroots + 1, sizeof(*tl->roots));
	for (i = 0; i < tl->nroots; i++) {
		struct theme_root *r = &tl->roots[i];
		struct buf root = BUF_INIT;

		root_at(i, &root);
		r->root = buf_detach(&root);
		r->site = site_for(theme, tl, r->root);
		r->menu = menu_list(tl, r->root);
		r->steps = page_list(view->steps, view->nsteps, r->root);
	}
}

void
theme_prepare(struct theme *theme, const struct site *site)
{
	size_t k;

	if (site->whole != NULL)
		site = site->whole;
	langs_free(theme);
	theme->nlangs = site->nlangs > 0 ? site->nlangs : 1;
	theme->langs = xcalloc(theme->nlangs, sizeof(*theme->langs));
	for (k = 0; k < theme->nlangs; k++)
		prepare_lang(theme, &theme->langs[k],
		    site->nlangs > 0 ? site->langs[k] : site);
	theme->prepared = site;
}

/* The shared data of language k of site (k past the last: the first),
   made first when it is not. */
static struct theme_lang *
lang_data(struct theme *theme, const struct site *site, size_t k)
{
	if (site->whole != NULL) {
		k = site->config->lang;
		site = site->whole;
	}
	if (theme->prepared != site)
		theme_prepare(theme, site);
	return &theme->langs[k < theme->nlangs ? k : 0];
}

static json_t *
toc(const struct md_doc *doc)
{
	json_t *list = json_array();
	size_t i;

	for (i = 0; i < doc->nheadings; i++) {
		const struct md_heading *h = &doc->headings[i];
		json_t *item;

		if (h->level < 2 || h->level > 3)
			continue;
		item = json_object();
		json_object_set_new(item, "id", json_string(h->id));
		json_object_set_new(item, "text", json_string(h->text));
		json_object_set_new(item, "level", json_integer(h->level));
		json_array_append_new(list, item);
	}
	return list;
}

/* The site path of view's home page: "/", or "/ar/" for a language's. */
static void
home_url(const struct site *view, struct buf *out)
{
	buf_printf(out, "/%s", config_prefix(view->config));
}

/* The way from a page whose root prefix is root to the top of its
   language's folder ("../", "../ar/"): where its feed and search are. */
static void
lang_root(const struct site *view, const char *root, struct buf *out)
{
	buf_printf(out, "%s%s", root, config_prefix(view->config));
}

/*
 * The site's languages as a page (NULL: a page the theme makes) whose
 * root prefix is root offers them: for each, its tag, name, dir... and
 * href, the page in that language when there is one (translated), else
 * that language's home page; current for the page's own language.
 */
static json_t *
languages(const struct site *view, const struct page *page, const char *root)
{
	const struct config *cfg = view->config;
	json_t *list = json_array();
	size_t k;

	for (k = 0; k < cfg->nlanguages; k++) {
		const struct config_language *lang = &cfg->languages[k];
		const struct page *there = page != NULL && page->translations != NULL ?
		    page->translations[k] : NULL;
		json_t *item = json_object();
		struct buf url = BUF_INIT;

		if (there != NULL)
			buf_puts(&url, there->url);
		else
			buf_printf(&url, "/%s", lang->prefix);
		json_object_set_new(item, "lang", json_string(lang->tag));
		json_object_set_new(item, "name", json_string(lang->name));
		json_object_set_new(item, "href", href(root, buf_str(&url)));
		json_object_set_new(item, "translated", json_boolean(there != NULL));
		json_object_set_new(item, "current", json_boolean(k == cfg->lang));
		json_array_append_new(list, item);
		buf_free(&url);
	}
	return list;
}

/*
 * The translations of page for <link rel="alternate" hreflang>: every
 * language's version, this one included, with its absolute address; an
 * empty list when it has none.
 */
static json_t *
alternates(const struct site *view, const struct page *page)
{
	const struct config *cfg = view->config;
	json_t *list = json_array();
	size_t k, n = 0;

	for (k = 0; page->translations != NULL && k < cfg->nlanguages; k++)
		n += page->translations[k] != NULL;
	for (k = 0; n > 1 && k < cfg->nlanguages; k++) {
		const struct page *there = page->translations[k];
		json_t *item;
		struct buf url = BUF_INIT;

		if (there == NULL)
			continue;
		item = json_object();
		site_permalink(view, there->url, &url);
		json_object_set_new(item, "lang", json_string(cfg->languages[k].tag));
		json_object_set_new(item, "permalink", json_string(buf_str(&url)));
		json_array_append_new(list, item);
		buf_free(&url);
	}
	return list;
}

/*
 * The "page" object of a page the theme makes itself (404.html, the search
 * page) at url ("/404.html", "/search/"): root is the way up to the site's
 * top, home the home page's link (taken).
 */
static json_t *
made_page(const struct site *site, const char *root, json_t *home,
    const char *title, const char *description, const char *kind,
    const char *url)
{
	json_t *obj = json_object();
	struct buf b = BUF_INIT;

	json_object_set_new(obj, "root", json_string(root));
	lang_root(site, root, &b);
	json_object_set_new(obj, "lang_root", json_string(buf_str(&b)));
	buf_reset(&b);
	json_object_set_new(obj, "home", home);
	json_object_set_new(obj, "title", json_string(title));
	json_object_set_new(obj, "title_html", json_string(title));
	json_object_set_new(obj, "description", json_string(description));
	json_object_set_new(obj, "kind", json_string(kind));
	json_object_set_new(obj, "url", json_string(url));
	site_permalink(site, url + 1, &b);
	json_object_set_new(obj, "permalink", json_string(buf_str(&b)));
	json_object_set_new(obj, "is_home", json_false());
	buf_free(&b);
	return obj;
}

/* The "page" object of the data for page (NULL: the 404 page). */
static json_t *
page_object(const struct theme *theme, const struct site *site,
    const struct page *page, const char *root)
{
	json_t *obj;
	struct buf b = BUF_INIT;
	char *title_html;
	const char *lang = page_lang(site, page);

	if (page == NULL) {  /* served at any address: links from the site's path */
		struct buf home = BUF_INIT;
		const char *title = i18n_text(theme->i18n, lang, "not_found.title");
		const char *about = i18n_text(theme->i18n, lang,
		    "not_found.description");

		home_url(site, &b);  /* "/", "/ar/" */
		buf_printf(&home, "%s%s", root, buf_str(&b) + 1);
		buf_puts(&b, "404.html");
		obj = made_page(site, root, json_string(buf_str(&home)),
		    title != NULL ? title : "Page not found", about != NULL ? about :
		    "This page does not exist.", "404", buf_str(&b));
		json_object_set_new(obj, "lang", json_string(site->config->language));
		json_object_set_new(obj, "languages", languages(site, NULL, root));
		buf_reset(&home);  /* from the file to the site's top, on disk */
		root_at(depth_of(buf_str(&b)), &home);
		json_object_set_new(obj, "disk_root", json_string(
		    strcmp(buf_str(&home), "./") == 0 ? "" : buf_str(&home)));
		buf_free(&home);
		buf_free(&b);
		return obj;
	}
	obj = json_object();
	json_object_set_new(obj, "root", json_string(root));
	lang_root(site, root, &b);
	json_object_set_new(obj, "lang_root", json_string(buf_str(&b)));
	buf_reset(&b);
	/* the home page: root's index.html, as href names pages */
	home_url(site, &b);
	json_object_set_new(obj, "home", href(root, buf_str(&b)));
	buf_reset(&b);
	json_object_set_new(obj, "lang", json_string(site->config->language));
	json_object_set_new(obj, "languages", languages(site, page, root));
	json_object_set_new(obj, "alternates", alternates(site, page));
	json_object_set_new(obj, "has_alternates", json_boolean(json_array_size(
	    json_object_get(obj, "alternates")) > 0));
	if (page->translations != NULL && page->translations[0] != NULL &&
	    json_array_size(json_object_get(obj, "alternates")) > 0) {
		site_permalink(site, page->translations[0]->url, &b);
		json_object_set_new(obj, "x_default", json_string(buf_str(&b)));
		buf_reset(&b);
	}
	title_html = markdown_inline(page->title);
	json_object_set_new(obj, "title", json_string(page->title));
	json_object_set_new(obj, "title_html", json_string(title_html));
	free(title_html);
	json_object_set_new(obj, "description", json_string(page->description));
	json_object_set_new(obj, "url", json_string(page->url));
	site_permalink(site, page->url, &b);
	json_object_set_new(obj, "permalink", json_string(buf_str(&b)));
	buf_free(&b);
	/* The body is valid UTF-8 (content_load checked the source, cmark-gfm
	   keeps it so): no need for jansson to check its kilobytes again. */
	json_object_set_new(obj, "content", json_stringn_nocheck(page->doc.html,
	    page->doc.html_len));
	if (page->date[0] != '\0') {
		int y = 0, m = 0, d = 0;

		json_object_set_new(obj, "date", json_string(page->date));
		if (sscanf(page->date, "%d-%d-%d", &y, &m, &d) == 3 && m >= 1 && m <= 12) {
			const char *month = i18n_item(theme->i18n, lang, "date.months",
			    (size_t)m - 1);
			char day[16], year[16];
			const char *pairs[] = { "day", day, "month", month != NULL ?
			    month : month_names[m - 1], "year", year };

			snprintf(day, sizeof(day), "%d", d);
			snprintf(year, sizeof(year), "%d", y);
			say(theme, lang, "date.format", -1, "{day} {month} {year}", &b,
			    pairs, 6);

			json_object_set_new(obj, "date_display", json_string(buf_str(&b)));
			buf_free(&b);
		}
	}
	json_object_set_new(obj, "kind", json_string(page->kind == PAGE_HOME ? "home" :
	    page->kind == PAGE_SECTION ? "section" : "page"));
	json_object_set_new(obj, "is_home", json_boolean(page->kind == PAGE_HOME));
	json_object_set_new(obj, "section", json_string(page->section));
	json_object_set_new(obj, "toc", toc(&page->doc));
	json_object_set_new(obj, "has_toc",
	    json_boolean(json_array_size(json_object_get(obj, "toc")) >= 2));
	json_object_set_new(obj, "safety", json_boolean(page->safety));
	json_object_set_new(obj, "offline_copy", json_boolean(page->offline_copy));
	json_object_set_new(obj, "has_exercises",
	    json_boolean(page->doc.nexercises > 0));
	/* A page with an exercise always shows the safety note, before the
	   exercise: a reader in danger must meet it before the coaching. */
	json_object_set_new(obj, "show_safety",
	    json_boolean(page->safety || page->doc.nexercises > 0));
	if (page->step_number > 0) {
		json_t *step = json_object();
		char number[24], total[24];
		const char *pairs[] = { "n", number, "total", total };

		snprintf(number, sizeof(number), "%d", page->step_number);
		snprintf(total, sizeof(total), "%zu", site->nsteps);
		json_object_set_new(step, "number", json_integer(page->step_number));
		json_object_set_new(step, "total", json_integer((json_int_t)site->nsteps));
		say(theme, lang, "step.label", -1, "Step {n} of {total}", &b, pairs, 4);
		json_object_set_new(step, "label", json_string(buf_str(&b)));
		json_object_set_new(obj, "step_label", json_string(buf_str(&b)));
		buf_reset(&b);
		pairs[1] = total;  /* "All {n} steps": n is the total */
		say(theme, lang, "pager.all", (long)site->nsteps, "All {n} steps", &b,
		    pairs, 2);
		json_object_set_new(step, "all_label", json_string(buf_str(&b)));
		buf_free(&b);
		json_object_set_new(obj, "step", step);
	}

	if (page->prev != NULL)
		json_object_set_new(obj, "prev", page_link(page->prev, root));
	if (page->next != NULL)
		json_object_set_new(obj, "next", page_link(page->next, root));
	return obj;
}

/* "48 KB": a file size for people, in lang. */
static void
human_size(const struct theme *theme, const char *lang, size_t bytes,
    struct buf *out)
{
	char number[32];
	const char *pairs[] = { "n", number };
	const char *decimal;
	char *dot;

	if (bytes < 1024) {
		snprintf(number, sizeof(number), "%zu", bytes);
		say(theme, lang, "size.bytes", (long)bytes, "{n} bytes", out, pairs, 2);
	} else if (bytes < 1024 * 1024) {
		snprintf(number, sizeof(number), "%zu", (bytes + 1023) / 1024);
		say(theme, lang, "size.kb", -1, "{n} KB", out, pairs, 2);
	} else {
		struct buf n = BUF_INIT;

		snprintf(number, sizeof(number), "%.1f", (double)bytes / (1024.0 * 1024.0));
		decimal = i18n_text(theme->i18n, lang, "size.decimal");
		if (decimal != NULL && (dot = strchr(number, '.')) != NULL) {
			buf_put(&n, number, (size_t)(dot - number));
			buf_puts(&n, decimal);
			buf_puts(&n, dot + 1);
			pairs[1] = buf_str(&n);
		}
		say(theme, lang, "size.mb", -1, "{n} MB", out, pairs, 2);
		buf_free(&n);
	}
}

void
theme_set_pdfs(struct theme *theme, const struct pdf_set *pdfs)
{
	json_t *groups = json_array(), *group = NULL;
	size_t i;

	for (i = 0; i < pdfs->nfiles; i++) {
		const struct pdf_file *pdf = &pdfs->files[i];
		json_t *file = json_object();
		const char *last = group != NULL ? json_string_value(json_object_get(group,
		    "exercise")) : NULL;  /* the current group's exercise */

		if (group == NULL || strcmp(json_string_value(json_object_get(group,
		    "title")), pdf->title) != 0 || (last == NULL) != (pdf->exercise == NULL) ||
		    (last != NULL && strcmp(last, pdf->exercise) != 0) ||
		    (size_t)json_integer_value(json_object_get(group, "lang")) != pdf->lang) {
			group = json_object();
			json_object_set_new(group, "lang", json_integer((json_int_t)pdf->lang));
			json_object_set_new(group, "title", json_string(pdf->title));
			json_object_set_new(group, "exercise", pdf->exercise != NULL ?
			    json_string(pdf->exercise) : json_null());
			json_object_set_new(group, "files", json_array());
			json_array_append_new(groups, group);
		}
		json_object_set_new(file, "paper", json_string(pdf_paper_name(pdf->paper)));
		json_object_set_new(file, "path", json_string(pdf->path));
		json_object_set_new(file, "pages", json_integer(pdf->pages));
		json_object_set_new(file, "bytes", json_integer((json_int_t)pdf->data.len));
		json_array_append_new(json_object_get(group, "files"), file);
	}
	json_decref(theme->pdfs);
	theme->pdfs = groups;
	langs_free(theme);  /* their site objects lack the PDFs: prepare again */
}

void
theme_set_archive(struct theme *theme, size_t bytes)
{
	theme->archive_bytes = bytes;
	langs_free(theme);  /* their site objects show it: prepare again */
}

/*
 * The groups of PDFs for a page whose root prefix is root, each file with
 * its href: the exercises' groups (only those on page, when it is not
 * NULL), or the booklets'.
 */
static json_t *
pdf_groups(const struct theme *theme, const char *root, size_t lang_index,
    const struct page *page, bool booklets)
{
	json_t *list = json_array(), *group, *files, *file;
	const char *lang = words_of(theme, lang_index)->lang;
	size_t i, f, k;

	json_array_foreach(theme->pdfs, i, group) {
		const char *exercise = json_string_value(json_object_get(group, "exercise"));
		json_t *copy;

		if (booklets != (exercise == NULL) || (size_t)json_integer_value(
		    json_object_get(group, "lang")) != lang_index)
			continue;
		if (page != NULL) {
			for (k = 0; k < page->doc.nexercises; k++)
				if (strcmp(page->doc.exercises[k].name, exercise) == 0)
					break;
			if (k == page->doc.nexercises)
				continue;
		}
		copy = json_object();
		json_object_set(copy, "title", json_object_get(group, "title"));
		files = json_array();
		json_array_foreach(json_object_get(group, "files"), f, file) {
			json_t *item = json_copy(file);
			struct buf url = BUF_INIT, pages = BUF_INIT, size = BUF_INIT;
			long npages = (long)json_integer_value(json_object_get(file, "pages"));
			char number[24];
			const char *paper = json_string_value(json_object_get(file, "paper"));
			const char *pairs[] = { "n", number, "pages", NULL, "size", NULL,
				"title", json_string_value(json_object_get(group, "title")),
				"paper", NULL };

			buf_printf(&url, "%s%s", root, json_string_value(json_object_get(file,
			    "path")));
			json_object_set_new(item, "href", json_string(buf_str(&url)));
			/* The paper's name in lang: pdf.h names it in English. */
			pairs[9] = strcmp(paper, "A4") == 0 ? i18n_text(theme->i18n, lang,
			    "pdf.paper_a4") : strcmp(paper, "US Letter") == 0 ?
			    i18n_text(theme->i18n, lang, "pdf.paper_letter") : NULL;
			if (pairs[9] == NULL)
				pairs[9] = paper;
			json_object_set_new(item, "paper", json_string(pairs[9]));
			snprintf(number, sizeof(number), "%ld", npages);
			say(theme, lang, "pdf.pages", npages, "{n} pages", &pages, pairs, 2);
			human_size(theme, lang, (size_t)json_integer_value(json_object_get(file,
			    "bytes")), &size);
			json_object_set_new(item, "pages_label", json_string(buf_str(&pages)));
			json_object_set_new(item, "size", json_string(buf_str(&size)));
			pairs[3] = buf_str(&pages);
			pairs[5] = buf_str(&size);
			buf_reset(&url);
			say(theme, lang, "pdf.meta", -1, "(PDF, {pages}, {size})", &url,
			    pairs, 10);
			json_object_set_new(item, "meta", json_string(buf_str(&url)));
			buf_reset(&url);
			say(theme, lang, "worksheet.link", -1, "{title}, {paper}", &url,
			    pairs, 10);
			json_object_set_new(item, "link_text", json_string(buf_str(&url)));
			json_array_append_new(files, item);
			buf_free(&url);
			buf_free(&pages);
			buf_free(&size);

		}
		json_object_set_new(copy, "files", files);
		json_array_append_new(list, copy);
	}
	return list;
}

/* The "site" object for a page: the shared one, with the PDFs when known. */
static json_t *
site_for(const struct theme *theme, const struct theme_lang *tl, const char *root)
{
	json_t *site, *sheets, *booklets;
	size_t lang_index = tl->site->config->lang;
	const char *lang = page_lang(tl->site, NULL);

	site = json_copy(tl->site_data);
	json_object_set_new(site, "languages", languages(tl->site, NULL, root));
	json_object_set_new(site, "has_languages",
	    json_boolean(tl->site->config->nlanguages > 1));
	if (theme->pdfs == NULL && !theme->archive)
		return site;
	if (theme->archive) {
		json_t *archive = json_object();
		struct buf text = BUF_INIT;

		json_object_set_new(archive, "folder", json_string(ARCHIVE_FOLDER));
		json_object_set_new(archive, "inside",
		    json_boolean(theme->archive_bytes == 0));
		if (theme->archive_bytes > 0) {
			buf_printf(&text, "%s%s", root, ARCHIVE_FILE);
			json_object_set_new(archive, "href", json_string(buf_str(&text)));
			buf_reset(&text);
			human_size(theme, lang, theme->archive_bytes, &text);
			json_object_set_new(archive, "size", json_string(buf_str(&text)));
			{
				struct buf meta = BUF_INIT;
				const char *pairs[] = { "size", buf_str(&text) };

				say(theme, lang, "offline_copy.download_meta", -1,
				    "(ZIP, {size})", &meta, pairs, 2);
				json_object_set_new(archive, "meta", json_string(buf_str(&meta)));
				buf_free(&meta);
			}

		}
		json_object_set_new(site, "archive", archive);
		buf_free(&text);
	}
	if (theme->pdfs == NULL)
		return site;
	sheets = pdf_groups(theme, root, lang_index, NULL, false);
	booklets = pdf_groups(theme, root, lang_index, NULL, true);
	json_object_set_new(site, "has_worksheets", json_boolean(json_array_size(sheets) > 0));
	json_object_set_new(site, "has_booklets", json_boolean(json_array_size(booklets) > 0));
	json_object_set_new(site, "worksheets", sheets);
	json_object_set_new(site, "booklets", booklets);
	return site;
}

/* The pages a section page lists: its section's regular pages. */
static json_t *
section_pages(const struct site *site, const struct page *section, const char *root)
{
	struct page **pages = xcalloc(site->npages + 1, sizeof(*pages));
	json_t *list;
	size_t i, n = 0;

	for (i = 0; i < site->npages; i++)
		if (site->pages[i]->kind == PAGE_REGULAR &&
		    strcmp(site->pages[i]->section, section->section) == 0)
			pages[n++] = site->pages[i];
	list = page_list(pages, n, root);
	free(pages);
	return list;
}

/*
 * Render the layout named name with data into out and map, finding spot;
 * report a missing layout at where page's front matter names it.
 */
static int
render_layout(struct theme *theme, const char *name, json_t *data,
    const struct page *page, struct buf *out, struct srcmap *map,
    struct template_spot *spot)
{
	struct buf path = BUF_INIT;
	const struct template *tpl;
	bool missing;
	int status = -1;

	buf_printf(&path, "%s/layouts/%s.mustache", theme->dir, name);
	tpl = template_set_load(theme->templates, buf_str(&path), &missing);
	if (missing) {
		const struct toml_value *v = page && page->layout ?
		    toml_get(page->front, "layout") : NULL;

		if (v != NULL)
			diag_error(page->source_path, toml_line(v), toml_col(v),
			    "layout '%s' not found (%s)", name, buf_str(&path));
		else
			diag_error(buf_str(&path), 0, 0, "layout not found%s%s",
			    page ? ", needed by " : "", page ? page->source_path : "");
	} else if (tpl != NULL)
		status = template_render_mapped(theme->templates, tpl, data, out,
		    map, spot);
	buf_free(&path);
	return status;
}

int
theme_render_page(struct theme *theme, const struct site *site,
    const struct page *page, struct buf *out, struct srcmap *map,
    size_t *body_at)
{
	struct template_spot body;
	json_t *data;
	struct buf own_root = BUF_INIT;
	const char *layout = page->layout, *root;
	size_t depth = depth_of(page->url);
	const struct theme_root *shared;
	const struct theme_lang *tl;
	int status;

	tl = lang_data(theme, site, page->lang);
	site = tl->site;  /* the page's language's view */
	shared = depth < tl->nroots ? &tl->roots[depth] : NULL;
	if (shared != NULL)
		root = shared->root;  /* made once per depth by theme_prepare */
	else {
		root_at(depth, &own_root);
		root = buf_str(&own_root);
	}
	data = json_object();
	json_object_set_new(data, "site", shared != NULL ?
	    json_incref(shared->site) : site_for(theme, tl, root));
	json_object_set_new(data, "page", page_object(theme, site, page, root));
	set_words(theme, data, site->config->lang);
	if (theme->pdfs != NULL && page->doc.nexercises > 0) {
		json_t *sheets = pdf_groups(theme, root, site->config->lang, page, false);
		json_t *obj = json_object_get(data, "page");

		json_object_set_new(obj, "has_worksheets",
		    json_boolean(json_array_size(sheets) > 0));
		json_object_set_new(obj, "worksheets", sheets);
	}
	json_object_set_new(data, "steps", steps(site, page, root, shared));
	json_object_set_new(data, "menu", menu(tl, page, root, shared));
	if (page->kind == PAGE_SECTION)
		json_object_set_new(data, "pages", section_pages(site, page, root));
	if (layout == NULL)
		layout = page->kind == PAGE_HOME ? "home" :
		    page->kind == PAGE_SECTION ? "section" : "page";
	body.value = json_object_get(json_object_get(data, "page"), "content");
	status = render_layout(theme, layout, data, page, out, map,
	    body_at != NULL ? &body : NULL);
	if (body_at != NULL)
		*body_at = status == 0 ? body.offset : SIZE_MAX;
	json_decref(data);
	buf_free(&own_root);
	return status;
}

int
theme_render_exercise(struct theme *theme, const json_t *view, size_t lang,
    struct buf *out, struct srcmap *map, const char *where, int line)
{
	struct buf path = BUF_INIT, part = BUF_INIT;
	const struct template *tpl;
	json_t *data;
	bool missing;
	int status = -1;

	buf_printf(&path, "%s/partials/exercise.mustache", theme->dir);
	tpl = template_set_load(theme->templates, buf_str(&path), &missing);
	/* The form's words: the view with "t" beside "exercise" (a shallow
	   copy: the view is the caller's). */
	data = json_copy((json_t *)view);
	json_object_set(data, "t", words_of(theme, lang)->t);
	if (missing)
		diag_error(where, line, 0, "the theme has no %s, which draws an "
		    "exercise's form", buf_str(&path));
	else if (tpl != NULL &&
	    template_render_mapped(theme->templates, tpl, data, &part, map,
	    NULL) == 0) {
		buf_put(out, part.data, part.len);  /* map offsets count from part's start */
		status = 0;
	}
	json_decref(data);
	buf_free(&part);
	buf_free(&path);
	return status;
}

int
theme_render_404(struct theme *theme, const struct site *site, size_t lang,
    struct buf *out, struct srcmap *map)
{
	json_t *data = json_object();
	const char *base = site->config->base_url;
	const char *path = strstr(base, "://");
	const struct theme_lang *tl = lang_data(theme, site, lang);
	int status;

	site = tl->site;
	/* The 404 page is served at any path: its links start at the site's
	   own path ("/", or "/guide/" for https://example.org/guide/). */
	path = path ? strchr(path + 3, '/') : NULL;
	if (path == NULL)
		path = "/";
	json_object_set_new(data, "site", site_for(theme, tl, path));
	json_object_set_new(data, "page", page_object(theme, site, NULL, path));
	set_words(theme, data, site->config->lang);
	json_object_set_new(data, "steps", steps(site, NULL, path, NULL));
	json_object_set_new(data, "menu", menu(tl, NULL, path, NULL));
	status = render_layout(theme, "404", data, NULL, out, map, NULL);
	json_decref(data);
	return status;
}

int
theme_render_search(struct theme *theme, const struct site *site, size_t lang,
    struct buf *out)
{
	struct srcmap map = SRCMAP_INIT;
	json_t *data = json_object(), *page;
	const struct theme_lang *tl = lang_data(theme, site, lang);
	struct buf root = BUF_INIT, home = BUF_INIT, url = BUF_INIT;
	const char *title, *about;
	int status;

	site = tl->site;
	home_url(site, &home);  /* "/", "/ar/" */
	buf_printf(&url, "%ssearch/", buf_str(&home));
	root_at(depth_of(buf_str(&url)), &root);  /* "../", "../../" */
	title = i18n_text(theme->i18n, page_lang(site, NULL), "search.title");
	about = i18n_text(theme->i18n, page_lang(site, NULL), "search.description");
	page = made_page(site, buf_str(&root), href(buf_str(&root), buf_str(&home)),
	    title != NULL ? title : "Search", about != NULL ? about :
	    "Search every page of this guide.", "search", buf_str(&url));
	json_object_set_new(page, "is_search", json_true());
	json_object_set_new(page, "lang", json_string(site->config->language));
	json_object_set_new(page, "languages", languages(site, NULL, buf_str(&root)));
	json_object_set_new(data, "site", site_for(theme, tl, buf_str(&root)));
	json_object_set_new(data, "page", page);
	set_words(theme, data, site->config->lang);
	json_object_set_new(data, "steps", steps(site, NULL, buf_str(&root), NULL));
	json_object_set_new(data, "menu", menu(tl, NULL, buf_str(&root), NULL));
	status = render_layout(theme, "search", data, NULL, out, &map, NULL);
	json_decref(data);
	srcmap_free(&map);
	buf_free(&root);
	buf_free(&home);
	buf_free(&url);
	return status;
}

bool
theme_searches(const struct theme *theme)
{
	return theme->search;
}
