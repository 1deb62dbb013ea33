/*
 * build — what `mend build`, `mend check` and `mend pdf` run (their
 * commands, cmd_*.c, parse the command line): the pipeline from
 * site.toml to a checked output folder.  Each stage is its own module; this file only
 * runs them in order, keeps the pages as assembled (page.h: each with its
 * source map) until the checks have read them, so every problem is
 * reported at its Markdown or template line, and makes sure a failed
 * build writes nothing into the output folder.
 * The stages that work page by page (content, markdown, theme, output and
 * the checks) run on a pool of threads (pool.h); each page's diagnostics
 * are held and emitted in page order, so the number of threads changes
 * nothing but the time.
 */
#include "build.h"
#include "build_stages.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lib/buf.h"
#include "check/check.h"
#include "site/config.h"
#include "site/content.h"
#include "lib/diag.h"
#include "exercise/exercise.h"
#include "site/feeds.h"
#include "site/i18n.h"
#include "site/markdown.h"
#include "site/mdlinks.h"
#include "site/archive.h"
#include "site/offline.h"
#include "site/output.h"
#include "site/page.h"
#include "site/search.h"
#include "pdf/pdf.h"
#include "lib/pool.h"
#include "lib/progress.h"
#include "site/site.h"
#include "site/theme.h"
#include "lib/util.h"

/*
 * What a stage run on many threads keeps of each page until every page is
 * done: its diagnostics are emitted afterwards in page order, so a build's
 * output does not depend on the number of threads.
 */
struct page_result {
	struct diag_held diags;       /* held while the page was worked on */
	int status;                   /* 0, or -1: the page failed */
};

/*
 * Emit the diagnostics of results[0..n) in page order.  With stop_at_first,
 * stop after the first page that failed and forget the later pages' (a
 * stage that stops at its first failure then reports what it would have
 * reported on one thread).  Returns 0 when no page failed, else -1.
 */
static int
release_results(struct page_result *results, size_t n, bool stop_at_first)
{
	size_t i;
	int status = 0;

	for (i = 0; i < n; i++) {
		if (status != 0 && stop_at_first) {
			diag_held_free(&results[i].diags);
			continue;
		}
		diag_release(&results[i].diags);
		if (results[i].status != 0)
			status = -1;
	}
	return status;
}

/* What the markdown stage's threads share. */
struct bodies_job {
	struct site *site;
	struct md_options mdopt;
	struct page_result *results;  /* one per page */
};

static void
render_body(void *ctx, size_t i)
{
	struct bodies_job *job = ctx;
	struct page *page = job->site->pages[i];
	struct page_result *res = &job->results[i];
	struct diag_held *outer = diag_hold(&res->diags);

	res->status = markdown_render(page->body, page->body_len, page->source_path,
	    page->body_line, &job->mdopt, &page->doc);
	page->rendered = res->status == 0;
	diag_hold(outer);  /* a caller's hold, on the thread that called */
	progress_done();
}

/*
 * Render every page's Markdown body, on p->threads threads; every page's
 * problems are reported.  Returns 0, or -1 after diagnostics.
 */
struct md_options
build_md_options(const struct project *p)
{
	struct md_options mdopt;

	memset(&mdopt, 0, sizeof(mdopt));
	mdopt.unsafe = p->site->config->markdown_unsafe;
	mdopt.reserved_ids = theme_reserved_ids;
	mdopt.rewrite_link = mdlinks_rewrite;  /* [next](x.md): x's address */
	mdopt.rewrite_ctx = p->links;
	return mdopt;
}

int
render_bodies(struct project *p)
{
	struct bodies_job job;
	int status;

	memset(&job, 0, sizeof(job));
	job.site = p->site;
	if (p->links == NULL)
		p->links = mdlinks_new(p->site);
	job.mdopt = build_md_options(p);
	job.results = xcalloc(p->site->npages + 1, sizeof(*job.results));
	progress_stage("rendering Markdown", p->site->npages);
	pool_run(p->site->npages, p->threads, render_body, &job);
	status = release_results(job.results, p->site->npages, false);
	free(job.results);
	return status;
}

int
insert_page_exercises(struct project *p, struct page *page)
{
	size_t k;

	for (k = 0; k < page->doc.nexercises; k++) {
		const struct md_exercise *block = &page->doc.exercises[k];
		const struct exercise *ex = exercise_set_use_lang(&p->exercises,
		    block->name, p->site->config->languages[page->lang].tag,
		    page->source_path, block->line, block->col);

		if (ex == NULL || page_insert_form(page, k, p->theme, ex) != 0)
			return -1;
	}
	return 0;
}

/*
 * The exercise stage: load each exercise a page's body names (on first
 * use) and put its form in its place (page.h).  Returns 0, or -1 after
 * diagnostics.
 */
int
insert_exercises(struct project *p)
{
	size_t i;

	for (i = 0; i < p->site->npages; i++)
		if (insert_page_exercises(p, p->site->pages[i]) != 0)
			return -1;
	return 0;
}

/* What page assembly's threads share. */
struct pages_job {
	struct project *project;
	struct page_result *results;  /* one per page, and the 404 pages' */
};

static void
render_one_page(void *ctx, size_t i)
{
	struct pages_job *job = ctx;
	struct project *p = job->project;
	struct page_result *res = &job->results[i];
	struct diag_held *outer = diag_hold(&res->diags);

	res->status = page_assemble(&p->pages[i], p->theme, p->site,
	    i < p->site->npages ? p->site->pages[i] : NULL,
	    i < p->site->npages ? 0 : i - p->site->npages);
	diag_hold(outer);
	progress_done();
}

/*
 * Render every page and the 404 pages into p->pages, on p->threads threads.
 * Returns 0, or -1 after the diagnostics of the pages up to the first that
 * failed (as if they were rendered one by one, stopping there).
 */
int
render_pages(struct project *p)
{
	struct pages_job job;
	int status;

	job.project = p;
	job.results = xcalloc(p->npages, sizeof(*job.results));
	theme_prepare(p->theme, p->site);  /* before the threads share the theme */
	progress_stage("laying out pages", p->npages);
	pool_run(p->npages, p->threads, render_one_page, &job);
	status = release_results(job.results, p->npages, true);
	free(job.results);
	return status;
}

void
project_free(struct project *p)
{
	size_t i;

	for (i = 0; i < p->npages; i++)
		page_html_free(&p->pages[i]);
	free(p->pages);
	exercise_set_free(&p->exercises);
	pdf_set_free(&p->pdfs);
	mdlinks_free(p->links);
	theme_free(p->theme);
	site_free(p->site);
	memset(p, 0, sizeof(*p));
}

/* What the PDF stage reads of a loaded project. */
static struct pdf_source
pdf_source_of(const struct project *p)
{
	struct pdf_source src;

	src.site = p->site;
	src.exercises = (const struct exercise *const *)p->exercises.items;
	src.nexercises = p->exercises.n;
	return src;
}

void
pdf_language(const struct project *p, size_t k, struct pdf_source *src,
    struct pdf_request *req, struct pdf_words *words)
{
	const struct site *view = p->site->nlangs > 0 ? p->site->langs[k] : p->site;
	const char *tag = view->config->language;
	const struct exercise **list;
	size_t i;

	list = xcalloc(p->exercises.n + 1, sizeof(*list));
	for (i = 0; i < p->exercises.n; i++)
		list[i] = exercise_in(p->exercises.items[i], k == 0 ? NULL : tag);
	src->site = view;
	src->exercises = list;
	src->nexercises = p->exercises.n;
#define PDF_WORD_TEXT(field, english) \
	words->field = i18n_text(theme_i18n(p->theme), tag, "pdf.words." #field);
	PDF_WORDS(PDF_WORD_TEXT)
#undef PDF_WORD_TEXT
	if (req->lang == NULL)  /* a caller's own language and words win */
		req->lang = tag;
	if (req->words == NULL)
		req->words = words;
}

/*
 * Move the PDFs of made, language k's, to the end of set, under the
 * language's folder ("ar/worksheets/..."); made holds none after.
 */
static void
pdf_set_take(struct pdf_set *set, struct pdf_set *made, size_t k,
    const char *prefix)
{
	size_t i;

	set->files = xrealloc(set->files, (set->nfiles + made->nfiles + 1) *
	    sizeof(*set->files));
	for (i = 0; i < made->nfiles; i++) {
		struct pdf_file *f = &set->files[set->nfiles++];
		struct buf path = BUF_INIT;

		*f = made->files[i];
		f->lang = k;
		if (prefix[0] != '\0') {
			buf_printf(&path, "%s%s", prefix, f->path);
			free(f->path);
			f->path = buf_detach(&path);
		}
	}
	free(made->files);
	made->files = NULL;
	made->nfiles = 0;
}

/*
 * The print stage: make the PDFs req asks for (in memory), in every
 * language of the site (each with its pages, its exercises' translations
 * and its words, under its folder), and tell the theme about them, so
 * pages can link to them with their sizes.  Returns 0, or -1 after
 * diagnostics.
 */
int
make_pdfs(struct project *p, const struct pdf_request *req)
{
	size_t k, nlangs = p->site->nlangs > 0 ? p->site->nlangs : 1;
	int status = 0;

	for (k = 0; k < nlangs && status == 0; k++) {
		struct pdf_source src;
		struct pdf_request lreq = *req;
		struct pdf_words words;
		struct pdf_set made;

		pdf_language(p, k, &src, &lreq, &words);
		status = pdf_make(&src, &lreq, &made);
		pdf_set_take(&p->pdfs, &made, k, config_prefix(src.site->config));
		pdf_set_free(&made);
		free((void *)src.exercises);
	}
	if (status != 0)
		return -1;
	theme_set_pdfs(p->theme, &p->pdfs);
	return 0;
}

/*
 * Load the project in the current folder, make the PDFs pdfs asks for
 * (none when NULL), and, when render is set, render every page in memory.
 * Returns EXIT_OK, or the exit status after diagnostics.
 */
int
project_load(struct project *p, const struct build_options *opt,
    const struct pdf_request *pdfs, bool render)
{
	struct content_options copt = { "content", opt->drafts, 0 };

	memset(p, 0, sizeof(*p));
	p->threads = pool_threads(opt->jobs);
	copt.threads = p->threads;
	p->site = xcalloc(1, sizeof(*p->site));
	if ((p->site->config = config_load("site.toml")) == NULL)
		return EXIT_INPUT;
	if (opt->base_url != NULL && config_set_base_url(p->site->config,
	    opt->base_url, "--base-url") != 0)
		return EXIT_USAGE;
	if (opt->warn_placeholder)  /* the QR codes and footers will carry it */
		config_warn_placeholder(p->site->config);
	progress_stage("reading content", 0);
	if (content_load(p->site, &copt) != 0)
		return EXIT_INPUT;
	if (p->site->home == NULL) {
		diag_error("content/_index.md", 0, 0, "the home page is missing: "
		    "add content/_index.md with a title");
		return EXIT_INPUT;
	}
	if ((p->theme = theme_load(p->site->config)) == NULL ||
	    render_bodies(p) != 0)
		return EXIT_INPUT;
	p->site->has_search = theme_searches(p->theme);  /* search_write makes it */
	/* and a 404 page per language: 404.html, "ar/404.html" */
	p->npages = p->site->npages + p->site->nlangs;
	p->pages = xcalloc(p->npages, sizeof(*p->pages));
	exercise_languages_of(p->site->config, &p->exercises.languages);
	progress_stage("running exercises", 0);
	if (insert_exercises(p) != 0)
		return EXIT_INPUT;
	progress_stage("making PDFs", 0);
	if (pdfs != NULL && make_pdfs(p, pdfs) != 0)
		return EXIT_INPUT;
	if (render && render_pages(p) != 0)
		return EXIT_INPUT;
	return EXIT_OK;
}

/* What the output stage's threads share. */
struct write_job {
	const struct project *project;
	struct output *out;
	struct page_result *results;  /* one per page, and 404.html's */
};

static void
write_one_page(void *ctx, size_t i)
{
	struct write_job *job = ctx;
	const struct page_html *r = &job->project->pages[i];
	struct page_result *res = &job->results[i];
	struct diag_held *outer = diag_hold(&res->diags);

	res->status = output_write(job->out, r->output_path, r->html.data,
	    r->html.len);
	diag_hold(outer);
	progress_done();
}

/* Write every page into the staging folder, on p->threads threads.
   Returns 0, or -1 after a diagnostic. */
static int
write_pages(const struct project *p, struct output *out)
{
	struct write_job job;
	int status;

	job.project = p;
	job.out = out;
	job.results = xcalloc(p->npages, sizeof(*job.results));
	progress_stage("writing pages", p->npages);
	pool_run(p->npages, p->threads, write_one_page, &job);
	status = release_results(job.results, p->npages, true);
	free(job.results);
	return status;
}

/*
 * [offline] archive: the site as one zip file (archive.h).  The pages
 * written so far are the zip's (their offer says the reader has the copy:
 * theme.h, theme_set_archive); once it is made, they render again with
 * its size and link (page.c keeps their bodies for it) and are written
 * over, as the site's.  Returns 0, or -1 after a diagnostic.
 */
static int
write_archive(struct project *p, struct output *out)
{
	size_t bytes, i;

	if (!p->site->config->offline_archive)
		return 0;
	if (archive_write(out, &bytes) != 0)
		return -1;
	theme_set_archive(p->theme, bytes);
	for (i = 0; i < p->npages; i++) {
		page_html_free(&p->pages[i]);
		memset(&p->pages[i], 0, sizeof(p->pages[i]));
	}
	return render_pages(p) != 0 || write_pages(p, out) != 0 ? -1 : 0;
}

/*
 * The search index's files (search_write), written on a thread of their
 * own while the build writes the pages and checks the site: no page links
 * to them (search.js loads them), so the checks need not wait, and their
 * work fills the time a CPU would wait for the one-thread parts of the
 * writing and the checks (the feeds, reading the folder and the sitemap).
 * Beside them it takes half the build's threads (one on two CPUs): their
 * threads keep the CPUs busy, and more threads than CPUs cost CPU time in
 * switching (on 2 CPUs, the 10,000-page corpus: 15.3 % of CPU time added
 * by search with two threads, 12.6 % with one, alternated runs).  The
 * build waits for them before it commits the staging folder or gives it
 * up.
 */
struct index_writer {
	const struct project *project;
	struct output *out;
	pthread_t thread;
	int threads;           /* search_write's */
	bool running;          /* thread is writing them */
	int status;            /* search_write's, once done */
};

static void *
index_main(void *arg)
{
	struct index_writer *w = arg;
	const struct project *p = w->project;

	w->status = search_write(p->site, p->theme, p->pages, p->npages, w->out,
	    w->threads);
	return NULL;
}

/* Start writing p's search index into out on a thread of its own (or
   write it here when no thread can be made, or alone is true). */
static void
index_start(struct index_writer *w, const struct project *p, struct output *out,
    bool alone)
{
	w->project = p;
	w->out = out;
	w->status = 0;
	w->running = false;
	if (!theme_searches(p->theme))
		return;
	w->threads = p->threads > 1 ? p->threads / 2 : 1;
	if (!alone && pthread_create(&w->thread, NULL, index_main, w) == 0) {
		w->running = true;
		return;
	}
	w->threads = p->threads;
	index_main(w);
}

/* Wait for the index's files (index_start's).  Returns 0, or -1 after a
   diagnostic (the writer's). */
static int
index_wait(struct index_writer *w)
{
	if (w->running)
		pthread_join(w->thread, NULL);
	w->running = false;
	return w->status != 0 ? -1 : 0;
}

/*
 * Write the site into the staging folder: every page, the site files and
 * the search index (started on w, on a thread of its own unless alone),
 * then the zip (when asked for) and last sw.js (which lists every other
 * file; both wait for the index).  The caller waits for w (index_wait),
 * whatever this returns.  Returns 0, or -1 after a diagnostic.
 */
static int
write_all(struct project *p, struct output *out, struct index_writer *w, bool alone)
{
	const struct config *cfg = p->site->config;

	/* The zip and sw.js hold every file, the index's too. */
	index_start(w, p, out, alone || cfg->offline_archive || cfg->offline);
	if (write_site(p, out) != 0 || write_archive(p, out) != 0)
		return -1;
	return offline_write(cfg, out);
}

/*
 * Write every page (on p->threads threads), then the site files, into the
 * staging folder.  Returns 0, or -1 after a diagnostic.
 */
int
write_site(const struct project *p, struct output *out)
{
	const struct site *site = p->site;
	struct buf text = BUF_INIT, path = BUF_INIT;
	size_t i;
	int status;

	status = write_pages(p, out);
	if (status == 0 && (status = feeds_sitemap(site, &text)) == 0)
		status = output_write(out, "sitemap.xml", text.data, text.len);
	for (i = 0; i < site->nlangs && status == 0; i++) {  /* a feed each */
		const struct site *view = site->langs[i];

		buf_reset(&text);
		buf_reset(&path);
		buf_printf(&path, "%satom.xml", config_prefix(view->config));
		if ((status = feeds_atom(view, &text)) == 0)
			status = output_write(out, buf_str(&path), text.data, text.len);
	}
	buf_reset(&text);
	if (status == 0) {
		feeds_robots(site, &text);
		status = output_write(out, "robots.txt", text.data, text.len);
	}
	if (status == 0) {
		buf_reset(&path);
		buf_printf(&path, "%s/static", theme_dir(p->theme));
		status = output_copy_tree(out, buf_str(&path));
	}
	if (status == 0)
		status = search_write_pages(site, p->theme, out);
	for (i = 0; i < site->nassets && status == 0; i++) {
		buf_reset(&path);
		buf_printf(&path, "content/%s", site->assets[i]);
		status = output_copy(out, site->assets[i], buf_str(&path));
	}
	for (i = 0; i < p->pdfs.nfiles && status == 0; i++)
		status = output_write(out, p->pdfs.files[i].path, p->pdfs.files[i].data.data,
		    p->pdfs.files[i].data.len);
	buf_free(&text);
	buf_free(&path);
	return status;
}

/* The levels site.toml's [check] sets.  Returns 0, or -1 after diagnostics. */
static int
check_levels(const struct config *cfg, enum check_level *levels)
{
	size_t i;
	int status = 0;

	for (i = 0; i < CHECK_NKINDS; i++)
		levels[i] = CHECK_DEFAULT;
	for (i = 0; i < cfg->nchecks; i++) {
		const struct check_setting *set = &cfg->checks[i];
		int kind = check_kind_named(set->name);

		if (kind < 0) {
			diag_error("site.toml", set->line, set->col, "unknown check '%s': "
			    "the checks are links, fragments, external, structure, "
			    "reachability, well-formed and third-party", set->name);
			status = -1;
			continue;
		}
		levels[kind] = strcmp(set->level, "off") == 0 ? CHECK_OFF :
		    strcmp(set->level, "warning") == 0 ? CHECK_WARNING : CHECK_ERROR;
	}
	return status;
}

/*
 * The check options a build of p (NULL for a folder that is no mend
 * project's) checks with, and the origins they point to (one per page of
 * p, for the caller to free).  Returns 0, or -1 after diagnostics (an
 * unknown check in site.toml).
 */
static int
check_options_of(const struct project *p, struct check_options *copt,
    struct check_origin **origins)
{
	size_t i;

	*origins = NULL;
	if (p == NULL)
		return 0;
	if (check_levels(p->site->config, copt->levels) != 0)
		return -1;
	copt->base_url = p->site->config->base_url;
	*origins = xcalloc(p->npages, sizeof(**origins));
	for (i = 0; i < p->npages; i++) {
		const struct page_html *r = &p->pages[i];
		struct check_origin *o = &(*origins)[i];

		o->output_path = r->output_path;
		o->html = buf_str(&r->html);
		o->html_len = r->html.len;
		o->map = &r->map;
		o->source_path = r->page != NULL ? r->page->source_path : NULL;
	}
	copt->origins = *origins;
	copt->norigins = p->npages;
	return 0;
}

/*
 * Check the site in dir on threads threads; p (NULL for a folder that is
 * no mend project's) says which pages mend rendered and from what, and
 * written that dir holds them exactly as rendered (the build has just
 * written them there), so they need not be read back.  shown is the name
 * dir's files are reported under (the output folder, for the staging
 * folder that becomes it), or NULL: dir.  Returns check_site's result
 * (0 clean, 1 errors, -1 unreadable) and fills sum; what the checks read
 * is kept in *keep when keep is not NULL.
 */
int
run_checks(const struct project *p, const char *dir, const char *shown,
    bool written, bool external, int threads, struct check_summary *sum,
    struct check_state **keep)
{
	struct check_options copt;
	struct check_origin *origins = NULL;
	struct buf marker = BUF_INIT;
	int status;

	memset(&copt, 0, sizeof(copt));
	copt.dir = dir;
	copt.shown_dir = shown;
	copt.external = external;
	copt.threads = threads;
	copt.origins_written = written && p != NULL;
	buf_printf(&marker, "%s/%s", dir, OUTPUT_MARKER);
	copt.xml = access(buf_str(&marker), F_OK) == 0;  /* mend wrote it */
	buf_free(&marker);
	if (check_options_of(p, &copt, &origins) != 0)
		return 1;
	status = check_site_keep(&copt, sum, keep);
	free(origins);
	return status;
}

int
check_again(const struct project *p, struct check_state *state,
    const char *shown, const char *const *changed, size_t n,
    struct check_summary *sum)
{
	struct check_options copt;
	struct check_origin *origins = NULL;
	int status;

	/* As the build's run_checks set them: its pages were written. */
	memset(&copt, 0, sizeof(copt));
	copt.dir = shown;
	copt.shown_dir = shown;
	copt.threads = p->threads;
	copt.origins_written = true;
	copt.xml = true;
	if (check_options_of(p, &copt, &origins) != 0)
		return 1;
	status = check_state_update(state, &copt, changed, n, sum);
	free(origins);
	return status;
}

/* "12 errors" / "1 warning". */
static const char *
plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/*
 * Stop holding the stages' diagnostics (build_site_keep holds them in
 * keep->stages), restoring the hold outer that was in force, and emit
 * them, keeping them there.
 */
static void
stages_emit(struct build_kept *keep, struct diag_held *outer)
{
	size_t i;

	if (keep == NULL)
		return;
	diag_hold(outer);
	for (i = 0; i < keep->stages.len; i++)
		diag_emit(&keep->stages.items[i]);
}

int
build_site(const struct build_options *opt)
{
	return build_site_keep(opt, NULL);
}

void
build_kept_free(struct build_kept *keep)
{
	if (keep == NULL)
		return;
	project_free(&keep->project);
	check_state_free(keep->check);
	diag_held_free(&keep->stages);
	memset(keep, 0, sizeof(*keep));
}

int
build_site_keep(const struct build_options *opt, struct build_kept *keep)
{
	struct project p;
	struct output *out = NULL;
	struct check_summary sum;
	struct pdf_request every_pdf;
	struct index_writer index;
	struct timespec start;
	const char *out_dir = NULL;  /* set once the build has written */
	const char *target;
	int status, checked;
	bool holding = keep != NULL;  /* the stages' diagnostics are held */
	struct diag_held *outer = NULL;  /* the hold in force before */

	clock_gettime(CLOCK_MONOTONIC, &start);
	memset(&sum, 0, sizeof(sum));
	memset(&every_pdf, 0, sizeof(every_pdf));
	progress_begin(!opt->quiet && diag_output_format() == DIAG_FORMAT_TEXT);
	if (holding)
		outer = diag_hold(&keep->stages);
	if ((status = project_load(&p, opt, &every_pdf, true)) != EXIT_OK)
		goto done;
	target = opt->out_dir ? opt->out_dir : p.site->config->output_dir;
	if ((out = output_begin(target)) == NULL) {
		status = opt->out_dir ? EXIT_USAGE : EXIT_INPUT;
		goto done;
	}
	out_dir = target;
	/* The index beside the checks, but for a kept build (mend serve): its
	   diagnostics are held, and what the checks keep of the folder must
	   not depend on how far the index got. */
	if (write_all(&p, out, &index, keep != NULL) != 0) {
		index_wait(&index);
		status = EXIT_IO;
		output_abort(out);
		goto done;
	}
	if (holding)
		stages_emit(keep, outer);
	holding = false;
	checked = opt->no_check ? 0 : run_checks(&p, output_staging(out), target,
	    true, opt->external, p.threads, &sum, keep != NULL ? &keep->check : NULL);
	if (index_wait(&index) != 0 || checked != 0) {
		status = checked > 0 ? EXIT_SITE : EXIT_IO;
		output_abort(out);
		goto done;
	}
	if (output_commit(out) != 0) {
		status = EXIT_IO;
		goto done;
	}
	progress_end();  /* erased before the summary */
	if (!opt->quiet && opt->no_check)
		printf("mend: built %zu page%s into %s/ in %.2f s\n", p.site->npages,
		    plural(p.site->npages), out_dir, util_seconds_since(&start));
	else if (!opt->quiet)
		printf("mend: built %zu page%s into %s/ in %.2f s; checked %zu link%s: "
		    "%zu warning%s\n", p.site->npages, plural(p.site->npages), out_dir,
		    util_seconds_since(&start), sum.links, plural(sum.links), sum.warnings,
		    plural(sum.warnings));
done:
	if (holding)
		stages_emit(keep, outer);  /* before saying the build failed */
	progress_end();
	if (status != EXIT_OK && out_dir == NULL)
		diag_say("build failed; nothing was written");
	else if (status != EXIT_OK)
		diag_say("build failed; %s was left as it was", out_dir);
	if (keep != NULL && status == EXIT_OK) {
		keep->project = p;  /* the caller's now */
		return status;
	}
	if (keep != NULL)
		build_kept_free(keep);
	project_free(&p);
	return status;
}

/* Is there a folder at path? */
static bool
is_folder(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int
build_check(const char *dir, bool external, bool quiet, int jobs)
{
	struct build_options bopt;
	struct project p;
	struct check_summary sum;
	struct pdf_request every_pdf;
	bool project = access("site.toml", F_OK) == 0;
	int status;

	if (dir == NULL && !project)
		return EXIT_USAGE;  /* the command names the folder it wants */
	memset(&bopt, 0, sizeof(bopt));
	memset(&sum, 0, sizeof(sum));
	memset(&p, 0, sizeof(p));
	memset(&every_pdf, 0, sizeof(every_pdf));
	bopt.jobs = jobs;
	progress_begin(!quiet && diag_output_format() == DIAG_FORMAT_TEXT);
	/* The PDFs too: the pages list their sizes, and must match the files. */
	if (project && (status = project_load(&p, &bopt, &every_pdf, true)) != EXIT_OK) {
		progress_end();
		diag_say("check stopped: the project has errors; fix them first");
		project_free(&p);
		return status;
	}
	if (dir == NULL)
		dir = p.site->config->output_dir;
	if (!is_folder(dir)) {
		progress_end();
		diag_error(dir, 0, 0, "cannot check: %s", errno == ENOENT ?
		    "there is no such folder (build the site first: mend build)" :
		    strerror(errno));
		project_free(&p);
		return EXIT_IO;
	}
	status = run_checks(project ? &p : NULL, dir, NULL, false, external,
	    pool_threads(jobs), &sum, NULL);
	progress_end();
	if (!quiet && status >= 0)
		printf("mend: checked %zu page%s and %zu link%s in %.2f s: "
		    "%zu error%s, %zu warning%s\n", sum.pages, plural(sum.pages),
		    sum.links, plural(sum.links), sum.seconds, sum.errors,
		    plural(sum.errors), sum.warnings, plural(sum.warnings));
	project_free(&p);
	return status == 0 ? EXIT_OK : status > 0 ? EXIT_SITE : EXIT_IO;
}

int
build_pdfs(const struct build_pdf_options *opt, struct buf *known)
{
	struct build_options bopt;
	struct pdf_source src;
	struct project p;
	struct output *out = NULL;
	struct buf target = BUF_INIT;
	struct timespec start;
	size_t i, pages = 0, written = 0;
	int status;

	clock_gettime(CLOCK_MONOTONIC, &start);
	memset(&bopt, 0, sizeof(bopt));
	bopt.warn_placeholder = true;
	if ((status = project_load(&p, &bopt, NULL, false)) != EXIT_OK)
		goto done;
	src = pdf_source_of(&p);
	if (opt->pdfs.only != NULL && !pdf_name_known(&src, opt->pdfs.only, known)) {
		status = EXIT_USAGE;  /* the command says so, with the names */
		goto done;
	}
	/* Into DIR, or over the output folder's worksheets/, keeping the others. */
	if (opt->out_dir != NULL)
		buf_puts(&target, opt->out_dir);
	else
		buf_printf(&target, "%s/" PDF_FOLDER, p.site->config->output_dir);
	if (make_pdfs(&p, &opt->pdfs) != 0) {
		status = EXIT_INPUT;
		goto done;
	}
	if (opt->out_dir == NULL && output_check_folder(p.site->config->output_dir) != 0) {
		status = EXIT_INPUT;  /* site.toml's output, refused as mend build does */
		goto done;
	}
	if (opt->out_dir == NULL && output_make_folder(p.site->config->output_dir) != 0) {
		status = EXIT_IO;
		goto done;
	}
	if ((out = output_begin(buf_str(&target))) == NULL) {
		status = opt->out_dir != NULL ? EXIT_USAGE : EXIT_IO;
		goto done;
	}
	status = opt->out_dir == NULL ? output_copy_tree(out, buf_str(&target)) : 0;
	for (i = 0; i < p.pdfs.nfiles && status == 0; i++) {
		const struct pdf_file *f = &p.pdfs.files[i];

		if (f->lang != 0)
			continue;  /* the default language's: mend build makes the others */
		status = output_write(out, f->path + strlen(PDF_FOLDER "/"), f->data.data,
		    f->data.len);
		pages += (size_t)f->pages;
		written++;
	}
	if (status != 0) {
		output_abort(out);
		status = EXIT_IO;
		goto done;
	}
	if (output_commit(out) != 0) {
		status = EXIT_IO;
		goto done;
	}
	if (!opt->quiet)
		printf("mend: wrote %zu PDF%s (%zu page%s) into %s/ in %.2f s\n",
		    written, plural(written), pages, plural(pages),
		    buf_str(&target), util_seconds_since(&start));
done:
	if (status != EXIT_OK && status != EXIT_USAGE)
		diag_say("no PDF was written%s%s%s", target.len > 0 ? "; " : "",
		    buf_str(&target), target.len > 0 ? "/ was left as it was" : "");
	buf_free(&target);
	project_free(&p);
	return status;
}
