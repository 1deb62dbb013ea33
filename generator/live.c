/*
 * live — incremental rebuilds.  See live.h.
 *
 * The state is a build_kept (build_stages.h): the project exactly as the
 * last good build loaded and rendered it, what its checks read, and the
 * diagnostics its stages emitted.  An update first decides whether every
 * changed file is one it can handle alone (a page whose file is the same
 * up to its body, a static file or asset that was copied before and
 * still exists); anything else is a full build, which also starts the
 * state afresh.  A handled update runs the stages again on the changed
 * pages only, in memory, then the checks over the whole site, and writes
 * only when all of that succeeded.  Whatever fails after the state was
 * touched leaves the state unusable (good = false), so the next update is
 * a full build: correct before clever.
 */
#include "live.h"
#include "live_write.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build.h"
#include "build_stages.h"
#include "check/check.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/util.h"
#include "exercise/exercise.h"
#include "site/content.h"
#include "site/markdown.h"
#include "site/page.h"
#include "site/site.h"
#include "site/theme.h"

struct live {
	char *out_dir;            /* owned copies of the options' strings */
	char *base_url;           /* or NULL */
	bool drafts;
	int jobs;
	bool good;                /* kept is the site out_dir holds */
	int year;                 /* the year its pages show */
	struct build_kept kept;
	bool last_full;           /* the last call was a full build */
	char **written;           /* the output paths the last update
	                             replaced; owned */
	size_t nwritten;
};

/* A page rendered again, its previous HTML kept until the checks are done. */
struct redone {
	size_t index;             /* in the project's pages */
	struct page_html old;
};

/* What one update does. */
struct update {
	struct live_file *files;
	size_t nfiles, capfiles;
	struct redone *pages;
	size_t npages, cappages;
	bool booklets;            /* the booklets are to be made again */
	bool theme;               /* a template changed: the theme anew */
	struct exercise_set old;  /* exercises replaced, freed at the end */
	bool all_pages;           /* every page is to be rendered again */
};

struct live *
live_new(const struct live_options *opt)
{
	struct live *lv = xcalloc(1, sizeof(*lv));

	lv->out_dir = xstrdup(opt->out_dir);
	lv->base_url = opt->base_url != NULL ? xstrdup(opt->base_url) : NULL;
	lv->drafts = opt->drafts;
	lv->jobs = opt->jobs;
	return lv;
}

static void
forget_written(struct live *lv)
{
	size_t i;

	for (i = 0; i < lv->nwritten; i++)
		free(lv->written[i]);
	free(lv->written);
	lv->written = NULL;
	lv->nwritten = 0;
}

void
live_free(struct live *lv)
{
	if (lv == NULL)
		return;
	build_kept_free(&lv->kept);
	forget_written(lv);
	free(lv->out_dir);
	free(lv->base_url);
	free(lv);
}

bool
live_last_full(const struct live *lv, const char *const **written, size_t *n)
{
	*written = (const char *const *)lv->written;
	*n = lv->nwritten;
	return lv->last_full;
}

int
live_build_all(struct live *lv)
{
	struct build_options bopt;
	int status;

	build_kept_free(&lv->kept);
	forget_written(lv);
	lv->good = false;
	lv->last_full = true;
	lv->year = theme_build_year();
	memset(&bopt, 0, sizeof(bopt));
	bopt.out_dir = lv->out_dir;
	bopt.base_url = lv->base_url;
	bopt.drafts = lv->drafts;
	bopt.quiet = true;             /* the caller says what it wants */
	bopt.warn_placeholder = true;  /* as `mend build` does */
	bopt.jobs = lv->jobs;
	status = build_site_keep(&bopt, &lv->kept);
	lv->good = status == EXIT_OK && lv->kept.check != NULL;
	return status;
}

static void
update_free(struct update *u)
{
	size_t i;

	for (i = 0; i < u->nfiles; i++) {
		free(u->files[i].rel);
		free(u->files[i].src);
		free(u->files[i].tmp);
	}
	free(u->files);
	for (i = 0; i < u->npages; i++)
		page_html_free(&u->pages[i].old);
	free(u->pages);
	exercise_set_free(&u->old);
	memset(u, 0, sizeof(*u));
}

static struct live_file *
add_pending(struct update *u, const char *rel)
{
	struct live_file *f;

	if (u->nfiles == u->capfiles) {
		u->capfiles = u->capfiles ? u->capfiles * 2 : 8;
		u->files = xrealloc(u->files, u->capfiles * sizeof(*u->files));
	}
	f = &u->files[u->nfiles++];
	memset(f, 0, sizeof(*f));
	f->rel = xstrdup(rel);
	return f;
}

/* Does s start with prefix?  Returns what follows it, or NULL. */
static const char *
after(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);

	return strncmp(s, prefix, n) == 0 ? s + n : NULL;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Is there a regular file (not a link) at path? */
static bool
is_plain_file(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * A relative path a build copies as it is: no empty, "." or ".." part, no
 * hidden part (the theme's static/ skips hidden files), not HTML (the
 * checks read HTML files as pages).
 */
static bool
plain_rel(const char *rel)
{
	const char *part = rel;

	if (*rel == '\0' || ends_with(rel, ".html") || ends_with(rel, ".htm"))
		return false;
	for (;;) {
		size_t n = strcspn(part, "/");

		if (n == 0 || part[0] == '.')
			return false;
		if (part[n] == '\0')
			return true;
		part += n + 1;
	}
}

/* Is rel one of the files the build writes after the theme's static/
   (an asset, a PDF), or before it but over (a page, the site files)? */
static bool
written_otherwise(const struct project *p, const char *rel, bool asset)
{
	size_t i;

	for (i = 0; i < p->pdfs.nfiles; i++)
		if (strcmp(p->pdfs.files[i].path, rel) == 0)
			return true;
	if (!asset)
		for (i = 0; i < p->site->nassets; i++)
			if (strcmp(p->site->assets[i], rel) == 0)
				return true;
	return false;
}

/*
 * A changed file that is copied as it is (the theme's static/REL, or the
 * content asset content/REL): plan its copy.  Returns 0, or -1 when a
 * full build is needed (the file is new or gone, or not simply copied).
 */
static int
plan_copy(struct live *lv, struct update *u, const char *path)
{
	const struct project *p = &lv->kept.project;
	struct buf prefix = BUF_INIT, out = BUF_INIT;
	const char *rel;
	bool asset = false, ok;
	size_t i;

	buf_printf(&prefix, "%s/static/", theme_dir(p->theme));
	if ((rel = after(path, buf_str(&prefix))) == NULL) {
		if ((rel = after(path, "content/")) == NULL || ends_with(rel, ".md")) {
			buf_free(&prefix);
			return -1;
		}
		asset = true;
	}
	buf_free(&prefix);
	ok = plain_rel(rel) && is_plain_file(path) &&
	    !written_otherwise(p, rel, asset);
	if (ok && asset) {  /* one the build copied, not a new one */
		for (i = 0; i < p->site->nassets; i++)
			if (strcmp(p->site->assets[i], rel) == 0)
				break;
		ok = i < p->site->nassets;
	}
	if (ok) {  /* there before: the set of files does not change */
		buf_printf(&out, "%s/%s", lv->out_dir, rel);
		ok = is_plain_file(buf_str(&out));
		buf_free(&out);
	}
	if (!ok)
		return -1;
	add_pending(u, rel)->src = xstrdup(path);
	return 0;
}

/* The page whose source is path, or -1. */
static long
page_index(const struct project *p, const char *path)
{
	size_t i;

	for (i = 0; i < p->site->npages; i++)
		if (strcmp(p->site->pages[i]->source_path, path) == 0)
			return (long)i;
	return -1;
}

/* Do the two docs name the same exercises, in the same order? */
static bool
same_exercises(const struct md_doc *a, const struct md_doc *b)
{
	size_t k;

	if (a->nexercises != b->nexercises)
		return false;
	for (k = 0; k < a->nexercises; k++)
		if (strcmp(a->exercises[k].name, b->exercises[k].name) != 0)
			return false;
	return true;
}

/*
 * Read the page at index again; when its file is the same up to its body
 * and the body renders without a diagnostic and names the same exercises,
 * put the new body in the page (the old one is gone then: the state is
 * the files' now).  Returns 1 when done, 0 when the page is left as it
 * was and a full build is needed, -1 when the state was touched and a
 * full build is needed.
 */
static int
read_body(struct live *lv, struct page *page)
{
	struct project *p = &lv->kept.project;
	struct diag_held held = DIAG_HELD_INIT, *outer;
	struct md_options mdopt = build_md_options(p);
	struct md_doc doc;
	const char *front, *body;
	size_t len, front_len, body_len, head;
	int front_line, body_line, status;
	char *text;

	/* The full build said something about it: say it again, or not. */
	for (head = 0; head < lv->kept.stages.len; head++)
		if (lv->kept.stages.items[head].file != NULL &&
		    strcmp(lv->kept.stages.items[head].file, page->source_path) == 0)
			return 0;
	if (util_read_file(page->source_path, &text, &len) != 0)
		return 0;
	head = (size_t)(page->body - page->source);
	outer = diag_hold(&held);
	status = util_utf8_valid(text, len, NULL) ? content_split(page->source_path,
	    text, len, &front, &front_len, &front_line, &body, &body_len,
	    &body_line) : -1;
	diag_hold(outer);
	/* The front matter and what surrounds it, byte for byte. */
	if (status != 0 || held.len > 0 || (size_t)(body - text) != head ||
	    body_line != page->body_line || memcmp(text, page->source, head) != 0) {
		diag_held_free(&held);
		free(text);
		return 0;
	}
	memset(&doc, 0, sizeof(doc));
	outer = diag_hold(&held);
	status = markdown_render(body, body_len, page->source_path, body_line,
	    &mdopt, &doc);
	diag_hold(outer);
	if (status != 0 || held.len > 0 || !same_exercises(&doc, &page->doc)) {
		diag_held_free(&held);
		md_doc_free(&doc);
		free(text);
		return 0;
	}
	free(page->source);
	page->source = text;
	page->body = text + head;
	page->body_len = body_len;
	md_doc_free(&page->doc);
	page->doc = doc;
	page->rendered = true;
	return 1;
}

/*
 * Render the page at index again into the project, keeping its previous
 * HTML in u.  Returns 0, or -1 when a full build is needed (the state was
 * touched).
 */
static int
redo_page(struct live *lv, struct update *u, size_t index)
{
	struct project *p = &lv->kept.project;
	struct page *page = p->site->pages[index];
	struct diag_held held = DIAG_HELD_INIT, *outer;
	struct page_html html;
	struct redone *r;
	int status;

	memset(&html, 0, sizeof(html));
	outer = diag_hold(&held);
	status = insert_page_exercises(p, page);
	if (status == 0)
		status = page_assemble(&html, p->theme, p->site, page, page->lang);
	diag_hold(outer);
	if (status != 0 || held.len > 0) {
		diag_held_free(&held);
		page_html_free(&html);
		return -1;
	}
	if (u->npages == u->cappages) {
		u->cappages = u->cappages ? u->cappages * 2 : 4;
		u->pages = xrealloc(u->pages, u->cappages * sizeof(*u->pages));
	}
	r = &u->pages[u->npages++];
	r->index = index;
	r->old = p->pages[index];
	p->pages[index] = html;
	return 0;
}

/*
 * Make the counselor's booklets again (their text changed) and put them
 * in the project, planning to write those that changed.  When one's size
 * or page count changed, which pages show, every page is to be rendered
 * again.  Returns 0, or -1 when a full build is needed (the state was
 * touched).
 */
static int
redo_booklets(struct live *lv, struct update *u)
{
	static const char *const names[] = { "booklet", "booklet-facilitator" };
	struct project *p = &lv->kept.project;
	struct diag_held held = DIAG_HELD_INIT, *outer;
	struct pdf_source src;
	struct pdf_words words;
	struct pdf_set made[2];
	size_t i, k, j;
	int status = 0;
	bool resized = false;

	memset(made, 0, sizeof(made));
	outer = diag_hold(&held);
	for (i = 0; i < 2 && status == 0; i++) {
		struct pdf_request req = { .only = names[i] };

		/* one language: live_update builds a site in several whole */
		pdf_language(p, 0, &src, &req, &words);
		if (pdf_name_known(&src, names[i], NULL))
			status = pdf_make(&src, &req, &made[i]);
		free((void *)src.exercises);
	}
	diag_hold(outer);
	if (held.len > 0)
		status = -1;
	diag_held_free(&held);
	/* Each one made has its place in the project's. */
	for (i = 0; i < 2 && status == 0; i++)
		for (k = 0; k < made[i].nfiles && status == 0; k++) {
			for (j = 0; j < p->pdfs.nfiles; j++)
				if (strcmp(p->pdfs.files[j].path, made[i].files[k].path) == 0)
					break;
			if (j == p->pdfs.nfiles)
				status = -1;
			else if (p->pdfs.files[j].pages != made[i].files[k].pages ||
			    p->pdfs.files[j].data.len != made[i].files[k].data.len)
				resized = true;
		}
	for (i = 0; i < 2 && status == 0; i++)
		for (k = 0; k < made[i].nfiles; k++) {
			struct pdf_file *f = &made[i].files[k];

			for (j = 0; j < p->pdfs.nfiles; j++) {
				struct pdf_file *g = &p->pdfs.files[j];
				struct buf swap;

				if (strcmp(g->path, f->path) != 0)
					continue;
				if (g->data.len != f->data.len ||
				    memcmp(g->data.data, f->data.data, f->data.len) != 0) {
					g->pages = f->pages;
					swap = g->data;
					g->data = f->data;
					f->data = swap;
					add_pending(u, g->path)->data = g->data.data;
					u->files[u->nfiles - 1].len = g->data.len;
				}
			}
		}
	pdf_set_free(&made[0]);
	pdf_set_free(&made[1]);
	if (status == 0 && resized) {
		/* Pages show their sizes and page counts: every page anew. */
		theme_set_pdfs(p->theme, &p->pdfs);
		u->all_pages = true;
	}
	return status;
}


/* Is d one of the diagnostics the full build's stages emitted? */
static bool
said_before(const struct live *lv, const struct diag *d)
{
	size_t i;

	for (i = 0; i < lv->kept.stages.len; i++) {
		const struct diag *k = &lv->kept.stages.items[i];

		if (k->severity == d->severity && k->line == d->line &&
		    k->col == d->col && strcmp(k->message, d->message) == 0 &&
		    (k->file == NULL) == (d->file == NULL) &&
		    (k->file == NULL || strcmp(k->file, d->file) == 0))
			return true;
	}
	return false;
}

/*
 * Render every page again (a template changed, or what pages show of the
 * PDFs): the bodies from their Markdown (already read), their forms, the
 * layouts.  A page whose HTML is the same keeps its previous HTML (the
 * checks' reports point into it); the others are kept in u as redone.
 * Returns 0, or -1 when a full build is needed (the state was touched):
 * a failure, or a diagnostic the full build did not emit.
 */
static int
rerender_all(struct live *lv, struct update *u)
{
	struct project *p = &lv->kept.project;
	struct diag_held held = DIAG_HELD_INIT, *outer;
	struct page_html *old = p->pages;
	size_t i;
	int status;

	for (i = 0; i < p->site->npages; i++)
		md_doc_free(&p->site->pages[i]->doc);
	p->pages = xcalloc(p->npages, sizeof(*p->pages));
	outer = diag_hold(&held);
	status = render_bodies(p);
	if (status == 0)
		status = insert_exercises(p);
	if (status == 0)
		status = render_pages(p);
	diag_hold(outer);
	for (i = 0; i < held.len && status == 0; i++)
		if (!said_before(lv, &held.items[i]))
			status = -1;
	diag_held_free(&held);
	for (i = 0; i < p->npages; i++) {
		struct page_html *now = &p->pages[i];
		struct redone *r;

		if (status == 0 && (now->html.len != old[i].html.len ||
		    memcmp(now->html.data, old[i].html.data, now->html.len) != 0)) {
			if (u->npages == u->cappages) {
				u->cappages = u->cappages ? u->cappages * 2 : 16;
				u->pages = xrealloc(u->pages,
				    u->cappages * sizeof(*u->pages));
			}
			r = &u->pages[u->npages++];
			r->index = i;
			r->old = old[i];
			continue;
		}
		page_html_free(now);
		*now = old[i];
	}
	free(old);
	return status;
}

/* Load the theme again (a template changed) in the project's place.
   Returns 0, or -1 when a full build is needed (the state untouched). */
static int
reload_theme(struct live *lv)
{
	struct project *p = &lv->kept.project;
	struct diag_held held = DIAG_HELD_INIT, *outer;
	struct theme *theme;

	outer = diag_hold(&held);
	theme = theme_load(p->site->config);
	diag_hold(outer);
	if (theme == NULL || held.len > 0) {
		diag_held_free(&held);
		theme_free(theme);
		return -1;
	}
	theme_free(p->theme);
	p->theme = theme;
	theme_set_pdfs(p->theme, &p->pdfs);
	return 0;
}

/* The exercise the project uses whose script is path, or -1. */
static long
exercise_index(const struct project *p, const char *path)
{
	size_t i;

	for (i = 0; i < p->exercises.n; i++)
		if (strcmp(p->exercises.items[i]->path, path) == 0)
			return (long)i;
	return -1;
}

/* Did the full build say anything about the file path? */
static bool
said_about(const struct live *lv, const char *path)
{
	size_t i;

	for (i = 0; i < lv->kept.stages.len; i++)
		if (lv->kept.stages.items[i].file != NULL &&
		    strcmp(lv->kept.stages.items[i].file, path) == 0)
			return true;
	return false;
}

/*
 * Run the script of the project's exercise at index again (its examples
 * too), as the build does, and put it in the project's place; the old
 * one is kept in u until the PDFs that name it are made again.  Returns
 * 0, or -1 when a full build is needed (the project untouched: a
 * diagnostic, which the full build reports).
 */
static int
reload_exercise(struct live *lv, struct update *u, size_t index)
{
	struct project *p = &lv->kept.project;
	struct diag_held held = DIAG_HELD_INIT, *outer;
	struct exercise_set fresh = { 0 };
	struct exercise *ex = p->exercises.items[index];
	const struct exercise *made;

	if (said_about(lv, ex->path))
		return -1;
	outer = diag_hold(&held);
	made = exercise_set_use(&fresh, ex->name, ex->path, 0, 0);
	diag_hold(outer);
	if (made == NULL || held.len > 0) {
		diag_held_free(&held);
		exercise_set_free(&fresh);
		return -1;
	}
	p->exercises.items[index] = fresh.items[0];
	fresh.items[0] = ex;
	u->old.items = xrealloc(u->old.items, (u->old.n + 1) * sizeof(*u->old.items));
	u->old.items[u->old.n++] = ex;
	fresh.n = 0;
	exercise_set_free(&fresh);
	return 0;
}

/*
 * Make every PDF again (an exercise changed: its worksheets, and the
 * booklets that print them) in the project's place, planning to write
 * those that changed; then every page is to be rendered again (forms,
 * and what pages show of the PDFs).  Returns 0, or -1 when a full build
 * is needed (the state was touched).
 */
static int
redo_pdfs(struct live *lv, struct update *u)
{
	struct project *p = &lv->kept.project;
	struct diag_held held = DIAG_HELD_INIT, *outer;
	struct pdf_request every = { .only = NULL };
	struct pdf_source src;
	struct pdf_words words;
	struct pdf_set made, swap;
	size_t i, j;
	int status;

	pdf_language(p, 0, &src, &every, &words);  /* one language, as above */
	outer = diag_hold(&held);
	status = pdf_make(&src, &every, &made);
	free((void *)src.exercises);
	diag_hold(outer);
	if (held.len > 0 || made.nfiles != p->pdfs.nfiles)
		status = -1;
	diag_held_free(&held);
	for (i = 0; i < made.nfiles && status == 0; i++)
		if (strcmp(made.files[i].path, p->pdfs.files[i].path) != 0)
			status = -1;  /* the same files, in the same order */
	if (status == 0) {
		swap = p->pdfs;
		p->pdfs = made;
		made = swap;  /* the old ones, freed below */
		for (j = 0; j < p->pdfs.nfiles; j++) {
			const struct pdf_file *f = &p->pdfs.files[j], *g = &made.files[j];

			if (f->data.len != g->data.len ||
			    memcmp(f->data.data, g->data.data, f->data.len) != 0) {
				struct live_file *w = add_pending(u, f->path);

				w->data = f->data.data;
				w->len = f->data.len;
			}
		}
		theme_set_pdfs(p->theme, &p->pdfs);
		u->all_pages = true;
	}
	pdf_set_free(&made);
	return status;
}

/* Is path a template of the project's theme (a layout or a partial)? */
static bool
is_template(const struct project *p, const char *path)
{
	const char *rel = after(path, theme_dir(p->theme));

	return rel != NULL && (after(rel, "/layouts/") != NULL ||
	    after(rel, "/partials/") != NULL) && ends_with(rel, ".mustache") &&
	    is_plain_file(path);
}

/*
 * Plan what the changed paths need, running the stages again on them in
 * memory.  Returns 0, or 1 when a full build is needed and the state is
 * untouched, -1 when it is needed and the state was touched.
 */
static int
plan(struct live *lv, struct update *u, const char *const *paths, size_t n)
{
	struct project *p = &lv->kept.project;
	size_t *pages = xcalloc(n + 1, sizeof(*pages)), npages = 0, i, k;
	size_t *exercises = xcalloc(n + 1, sizeof(*exercises)), nexercises = 0;
	long at;
	int status = 0;

	/* What kind of change each is; anything else is a full build. */
	for (i = 0; i < n && status == 0; i++) {
		for (k = 0; k < i; k++)
			if (strcmp(paths[k], paths[i]) == 0)
				break;
		if (k < i)
			continue;  /* named twice */
		if ((at = page_index(p, paths[i])) >= 0)
			pages[npages++] = (size_t)at;
		else if (is_template(p, paths[i]))
			u->theme = true;
		else if ((at = exercise_index(p, paths[i])) >= 0)
			exercises[nexercises++] = (size_t)at;
		else if (plan_copy(lv, u, paths[i]) != 0)
			status = 1;
	}
	/* The pages' new bodies: from here on, the state is touched. */
	for (i = 0; i < npages && status == 0; i++) {
		struct page *page = p->site->pages[pages[i]];

		if ((status = read_body(lv, page)) <= 0)
			status = status == 0 && i == 0 ? 1 : -1;
		else
			status = 0;
		if (page == p->site->home || page->step_number > 0)
			u->booklets = true;  /* the booklets print its body */
	}
	if (status == 0 && u->theme && reload_theme(lv) != 0)
		status = npages == 0 ? 1 : -1;
	for (i = 0; i < nexercises && status == 0; i++)
		if (reload_exercise(lv, u, exercises[i]) != 0)
			status = npages == 0 && !u->theme && i == 0 ? 1 : -1;
	if (status == 0 && nexercises > 0)
		status = redo_pdfs(lv, u);  /* the booklets among them */
	else if (status == 0 && u->booklets && redo_booklets(lv, u) != 0)
		status = -1;
	if (status == 0 && (u->theme || u->all_pages))
		status = rerender_all(lv, u);
	else
		for (i = 0; i < npages && status == 0; i++)
			status = redo_page(lv, u, pages[i]);
	free(pages);
	free(exercises);
	if (status != 0)
		return status;
	for (i = 0; i < u->npages; i++) {
		const struct page_html *now = &p->pages[u->pages[i].index];
		const struct page_html *old = &u->pages[i].old;

		if (now->html.len != old->html.len ||
		    memcmp(now->html.data, old->html.data, now->html.len) != 0) {
			struct live_file *f = add_pending(u, now->output_path);

			f->data = now->html.data;
			f->len = now->html.len;
		}
	}
	return 0;
}

int
live_update(struct live *lv, const char *const *paths, size_t n)
{
	struct update u;
	struct check_summary sum;
	const char **changed;
	size_t i;
	int status, checked;

	/* No paths: what changed is not known (a watcher lost events).  With
	   [offline] on, sw.js holds a version of every file's bytes, and the
	   site's zip every file, which only a full build computes; so does the
	   search index (search.h), made from every page's body; in a new year
	   every page shows the new one.  A site in several languages is
	   rebuilt whole too: its translations link to each other's pages. */
	if (!lv->good || n == 0 || lv->kept.project.site->config->offline ||
	    lv->kept.project.site->config->offline_archive ||
	    lv->kept.project.site->has_search ||
	    lv->kept.project.site->config->nlanguages > 1 ||
	    theme_build_year() != lv->year)
		return live_build_all(lv);
	memset(&u, 0, sizeof(u));
	if ((status = plan(lv, &u, paths, n)) != 0) {
		update_free(&u);
		return live_build_all(lv);
	}
	forget_written(lv);
	lv->last_full = false;
	/* The stages' diagnostics, as the full build emitted them: the pages
	   done again had none, before or now. */
	for (i = 0; i < lv->kept.stages.len; i++)
		diag_emit(&lv->kept.stages.items[i]);
	changed = xcalloc(u.npages + 1, sizeof(*changed));
	for (i = 0; i < u.npages; i++)
		changed[i] = lv->kept.project.pages[u.pages[i].index].output_path;
	checked = check_again(&lv->kept.project, lv->kept.check, lv->out_dir,
	    changed, u.npages, &sum);
	free(changed);
	if (checked != 0) {
		status = checked < 0 ? EXIT_IO : EXIT_SITE;
		lv->good = false;  /* the state is not the folder's */
	} else if (live_write_files(lv->out_dir, u.files, u.nfiles) != 0) {
		status = EXIT_IO;
		lv->good = false;
	} else {
		lv->written = xcalloc(u.nfiles + 1, sizeof(*lv->written));
		for (i = 0; i < u.nfiles; i++)
			lv->written[lv->nwritten++] = xstrdup(u.files[i].rel);
	}
	if (status != EXIT_OK)
		diag_say("build failed; %s was left as it was", lv->out_dir);
	update_free(&u);
	return status;
}
