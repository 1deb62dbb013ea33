/*
 * pdf — which PDFs there are, and making them.  See pdf.h.
 *
 * The module's files call one way, from the top: this one decides what to
 * make, names the files, and turns each laid-out document into bytes;
 * pdf_booklet.c lays out the counselor's booklet, pdf_worksheet.c an
 * exercise on paper (for a booklet too), pdf_layout.c is the page engine
 * under both, and pdf_paper.c the papers' sizes and names.  Each has its
 * own header; only pdf.h is for the rest of mend.
 */
#include "pdf/pdf.h"

#include <stdlib.h>
#include <string.h>

#include "site/config.h"
#include "lib/diag.h"
#include "lib/lang.h"
#include "exercise/exercise.h"
#include "exercise/model.h"
#include "pdf/pdf_booklet.h"
#include "pdf/pdf_layout.h"
#include "pdf/pdf_paper.h"
#include "pdf/pdf_worksheet.h"
#include "site/site.h"
#include "lib/util.h"

/* What one file holds. */
enum pdf_kind { KIND_WORKSHEET, KIND_BOOKLET, KIND_FACILITATOR };

const struct pdf_words pdf_words_english = {
#define PDF_WORD_ENGLISH(field, english) english,
	PDF_WORDS(PDF_WORD_ENGLISH)
#undef PDF_WORD_ENGLISH
};

/* given's words, each that it leaves NULL in English, into out. */
static void
complete_words(const struct pdf_words *given, struct pdf_words *out)
{
	*out = pdf_words_english;
	if (given == NULL)
		return;
#define PDF_WORD_GIVEN(field, english) \
	if (given->field != NULL) \
		out->field = given->field;
	PDF_WORDS(PDF_WORD_GIVEN)
#undef PDF_WORD_GIVEN
}

bool
pdf_name_known(const struct pdf_source *src, const char *name, struct buf *names)
{
	size_t i;

	if (strcmp(name, "booklet") == 0 || strcmp(name, "booklet-facilitator") == 0)
		return true;
	for (i = 0; i < src->nexercises; i++)
		if (strcmp(src->exercises[i]->name, name) == 0 &&
		    pdf_worksheet_page(src->site, name) != NULL)
			return true;
	if (names != NULL) {
		for (i = 0; i < src->nexercises; i++)
			if (pdf_worksheet_page(src->site, src->exercises[i]->name) != NULL)
				buf_printf(names, "%s, ", src->exercises[i]->name);
		BUF_PUTSL(names, "booklet, booklet-facilitator");
	}
	return false;
}

/* A new file at the end of set. */
static struct pdf_file *
add_file(struct pdf_set *set)
{
	struct pdf_file *file;

	set->files = xrealloc(set->files, (set->nfiles + 1) * sizeof(*set->files));
	file = &set->files[set->nfiles++];
	memset(file, 0, sizeof(*file));
	return file;
}

/* Lay out and draw one PDF into set; words are the plain ones (the
   file's title), engine has them as the pages show them.  Returns 0 or -1. */
static int
make_one(struct pdf_engine *engine, const struct pdf_words *words,
    const struct pdf_source *src, enum pdf_kind kind, const struct exercise *ex,
    enum pdf_paper paper, struct pdf_set *set)
{
	const struct config *cfg = src->site->config;
	struct pdf_doc doc;
	struct pdf_meta meta;
	struct pdf_file *file;
	struct buf path = BUF_INIT;
	int status;

	pdf_doc_init(&doc, engine, paper, cfg->title);
	if (kind == KIND_WORKSHEET) {
		struct buf url = BUF_INIT;

		site_permalink(src->site, pdf_worksheet_page(src->site, ex->name)->url, &url);
		status = pdf_worksheet_layout(&doc, ex, buf_str(&url));
		buf_free(&url);
		buf_printf(&path, PDF_FOLDER "/%s-%s.pdf", ex->name, pdf_paper_slug(paper));
	} else {
		status = pdf_booklet_layout(&doc, src->site, src->exercises, src->nexercises,
		    kind == KIND_FACILITATOR);
		buf_printf(&path, PDF_FOLDER "/booklet%s-%s.pdf", kind == KIND_FACILITATOR ?
		    "-facilitator" : "", pdf_paper_slug(paper));
	}
	if (status != 0) {
		pdf_doc_free(&doc);
		buf_free(&path);
		return -1;
	}
	file = add_file(set);
	file->path = buf_detach(&path);
	file->exercise = ex != NULL ? ex->name : NULL;
	file->facilitator = kind == KIND_FACILITATOR;
	file->paper = paper;
	file->title = xstrdup(kind == KIND_WORKSHEET ? ex->model->title :
	    kind == KIND_FACILITATOR ? words->booklet_facilitator : words->booklet);
	file->pages = (int)doc.npages;
	memset(&meta, 0, sizeof(meta));
	meta.title = file->title;
	meta.author = cfg->author;
	meta.subject = cfg->title;
	status = pdf_doc_render(&doc, &meta, &file->data);
	pdf_doc_free(&doc);
	return status;
}

/*
 * words as a right-to-left page shows them, into shown: each in a first
 * strong isolate (U+2068 ... U+2069), so that words written left to right
 * (English, until they are translated) keep their order and their full
 * stop at their end inside a right-to-left line.  The strings are new:
 * free_shown frees them.
 */
static void
isolate_words(const struct pdf_words *words, struct pdf_words *shown)
{
#define PDF_WORD_ISOLATE(field, english) { \
	struct buf text = BUF_INIT; \
	\
	BUF_PUTSL(&text, "\xE2\x81\xA8"); \
	buf_puts(&text, words->field); \
	BUF_PUTSL(&text, "\xE2\x81\xA9"); \
	shown->field = buf_detach(&text); \
}
	PDF_WORDS(PDF_WORD_ISOLATE)
#undef PDF_WORD_ISOLATE
}

static void
free_shown(struct pdf_words *shown)
{
#define PDF_WORD_FREE(field, english) free((char *)shown->field);
	PDF_WORDS(PDF_WORD_FREE)
#undef PDF_WORD_FREE
}

int
pdf_make(const struct pdf_source *src, const struct pdf_request *req,
    struct pdf_set *set)
{
	struct pdf_engine *engine;
	struct pdf_words words, shown;  /* shown: words as the pages show them */
	const char *lang = req->lang != NULL ? req->lang : src->site->config->language;
	bool rtl;
	unsigned papers = req->papers != 0 ? req->papers :
	    (1u << PDF_A4) | (1u << PDF_LETTER);
	const char *only = req->only;
	int status = 0, p;
	size_t i;

	memset(set, 0, sizeof(*set));
	if (lang == NULL || lang[0] == '\0')
		lang = "en";
	complete_words(req->words, &words);
	if ((rtl = lang_is_rtl(lang)))
		isolate_words(&words, &shown);
	if ((engine = pdf_engine_new(lang, rtl ? &shown : &words)) == NULL) {
		if (rtl)
			free_shown(&shown);
		return -1;
	}
	for (i = 0; i < src->nexercises && status == 0; i++) {
		const struct exercise *ex = src->exercises[i];

		if ((only != NULL && strcmp(only, ex->name) != 0) ||
		    pdf_worksheet_page(src->site, ex->name) == NULL)
			continue;
		for (p = 0; p < PDF_NPAPERS && status == 0; p++)
			if (papers & (1u << p))
				status = make_one(engine, &words, src, KIND_WORKSHEET, ex,
				    (enum pdf_paper)p, set);
	}
	if (src->site->home != NULL) {
		for (p = 0; p < PDF_NPAPERS && status == 0; p++)
			if ((papers & (1u << p)) && (only == NULL || strcmp(only, "booklet") == 0))
				status = make_one(engine, &words, src, KIND_BOOKLET, NULL,
				    (enum pdf_paper)p, set);
		for (p = 0; p < PDF_NPAPERS && status == 0; p++)
			if ((papers & (1u << p)) && (only == NULL ||
			    strcmp(only, "booklet-facilitator") == 0))
				status = make_one(engine, &words, src, KIND_FACILITATOR, NULL,
				    (enum pdf_paper)p, set);
	}
	pdf_engine_free(engine);
	if (rtl)
		free_shown(&shown);
	return status;
}

void
pdf_set_free(struct pdf_set *set)
{
	size_t i;

	for (i = 0; i < set->nfiles; i++) {
		free(set->files[i].path);
		free(set->files[i].title);
		buf_free(&set->files[i].data);
	}
	free(set->files);
	memset(set, 0, sizeof(*set));
}
