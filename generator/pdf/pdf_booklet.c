/*
 * pdf_booklet — the counselor's booklet: a cover (the site's title, the
 * practice from [print]), a contents page, the home page's lead, every step
 * from its Markdown (walked as cmark-gfm's tree, parsed as the site's pages
 * are: markdown_parse), each step's worksheets after it, in the
 * facilitator's edition each exercise's facilitator notes after its
 * worksheet, and a last page back to the site with its QR code.
 *
 * Each step begins a page, and so does each worksheet: a counselor can
 * photocopy one step, or one worksheet, on its own.
 */
#include <cmark-gfm.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_booklet.h"

#include "lib/buf.h"
#include "site/config.h"
#include "lib/diag.h"
#include "exercise/exercise.h"
#include "exercise/model.h"
#include "site/markdown.h"
#include "pdf/pdf_layout.h"
#include "pdf/pdf_worksheet.h"
#include "site/site.h"
#include "lib/util.h"

#define INK 0.1
#define INK_HELP 0.25
#define GAP_PARA 7.0

/* A booklet being laid out. */
struct booklet {
	struct pdf_doc *doc;            /* the body, numbered after the front pages */
	const struct site *site;        /* the site the booklet is made of */
	const struct exercise *const *exercises;  /* those its pages use */
	size_t nexercises;
	const struct page *page;        /* the page whose Markdown is being set */
	bool facilitator;               /* the facilitator's edition */
	double para_gap;                /* after a paragraph: less in tight lists */
	bool *included;                 /* per exercise: laid out already */
};

/* The full address of page ("https://example.org/steps/x/"); caller frees. */
static char *
page_url(const struct site *site, const struct page *page)
{
	struct buf url = BUF_INIT;

	site_permalink(site, page->url, &url);
	return buf_detach(&url);
}

/* Flow layout (NULL: it could not be made) at indent, then leave gap below. */
static int
flow(struct pdf_doc *doc, PangoLayout *layout, double indent, double gray,
    double gap)
{
	if (layout == NULL)
		return -1;
	pdf_flow_text(doc, layout, pdf_left(doc) + indent, gray);
	doc->y += gap;
	g_object_unref(layout);
	return 0;
}

static int
put_plain(struct pdf_doc *doc, enum pdf_font font, const char *text, double indent,
    double gray, double gap)
{
	return flow(doc, pdf_plain(doc, font, text, pdf_width(doc) - indent, PDF_START,
	    false, NULL),
	    indent, gray, gap);
}

/* An address on a line of its own, left to right whatever the document's
   direction. */
static int
put_address(struct pdf_doc *doc, enum pdf_font font, const char *url, double gray,
    double gap)
{
	struct buf markup = BUF_INIT;
	PangoLayout *layout;

	pdf_markup_ltr(doc, &markup, url);
	layout = pdf_text(doc, font, buf_str(&markup), pdf_width(doc), PDF_START, false,
	    NULL);
	buf_free(&markup);
	return flow(doc, layout, 0, gray, gap);
}

/* Point diagnostics at node's line in the current page's Markdown. */
static void
where(struct booklet *b, cmark_node *node)
{
	pdf_doc_where(b->doc, b->page->source_path, cmark_node_get_start_line(node) +
	    b->page->body_line - 1, "page %s", b->page->url);
}

/* Is node the extension node named type ("table", "strikethrough")? */
static bool
is_ext(cmark_node *node, const char *type)
{
	const char *name = cmark_node_get_type_string(node);

	return name != NULL && strcmp(name, type) == 0;
}

/* Pango markup for the inline content under node. */
static void
inline_markup(cmark_node *node, struct buf *out)
{
	cmark_node *child;
	const char *lit;

	for (child = cmark_node_first_child(node); child != NULL;
	    child = cmark_node_next(child)) {
		switch (cmark_node_get_type(child)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(child)) != NULL)
				pdf_markup_escape(out, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
			buf_putc(out, ' ');
			break;
		case CMARK_NODE_LINEBREAK:
			buf_putc(out, '\n');
			break;
		case CMARK_NODE_EMPH:
			BUF_PUTSL(out, "<i>");
			inline_markup(child, out);
			BUF_PUTSL(out, "</i>");
			break;
		case CMARK_NODE_STRONG:
			BUF_PUTSL(out, "<b>");
			inline_markup(child, out);
			BUF_PUTSL(out, "</b>");
			break;
		case CMARK_NODE_LINK:
			inline_markup(child, out);
			break;
		case CMARK_NODE_IMAGE:
			BUF_PUTSL(out, "[");
			inline_markup(child, out);
			BUF_PUTSL(out, "]");
			break;
		case CMARK_NODE_FOOTNOTE_REFERENCE:
			BUF_PUTSL(out, "<sup>");
			if ((lit = cmark_node_get_literal(child)) != NULL)
				pdf_markup_escape(out, lit);
			BUF_PUTSL(out, "</sup>");
			break;
		default:
			if (is_ext(child, "strikethrough")) {
				BUF_PUTSL(out, "<s>");
				inline_markup(child, out);
				BUF_PUTSL(out, "</s>");
			} else if (cmark_node_first_child(child) != NULL)
				inline_markup(child, out);
			break;  /* raw HTML is left out, as on the site */
		}
	}
}

/* Set markup in font at indent, flowing across pages, then gap. */
static int
flow_markup(struct booklet *b, enum pdf_font font, const char *markup,
    double indent, double gray, double gap)
{
	struct pdf_doc *doc = b->doc;

	return flow(doc, pdf_text(doc, font, markup, pdf_width(doc) - indent,
	    PDF_START, false, NULL), indent, gray, gap);
}

static int blocks(struct booklet *b, cmark_node *parent, double indent);

/* A heading: kept with the first lines after it. */
static int
heading(struct booklet *b, cmark_node *node, double indent)
{
	struct pdf_doc *doc = b->doc;
	struct buf markup = BUF_INIT;
	PangoLayout *layout;
	int level = cmark_node_get_heading_level(node);

	inline_markup(node, &markup);
	layout = pdf_text(doc, level <= 2 ? PDF_H2 : PDF_H3, buf_str(&markup),
	    pdf_width(doc) - indent, PDF_START, false, NULL);
	buf_free(&markup);
	if (layout == NULL)
		return -1;
	if (doc->y > pdf_top(doc) + 1.0)
		doc->y += 10.0;
	pdf_need(doc, pdf_text_height(layout) + 50.0);
	pdf_put_text(doc, layout, pdf_left(doc) + indent, doc->y, INK);
	doc->y += pdf_text_height(layout) + 6.0;
	g_object_unref(layout);
	return 0;
}

/* A list: a marker hanging before each item's blocks. */
static int
list(struct booklet *b, cmark_node *node, double indent)
{
	struct pdf_doc *doc = b->doc;
	bool ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
	bool tight = cmark_node_get_list_tight(node);
	int number = cmark_node_get_list_start(node);
	double hang = 6.0 * PDF_MM, saved = b->para_gap;
	cmark_node *item;
	int status = 0;

	if (tight)
		b->para_gap = 3.0;
	for (item = cmark_node_first_child(node); item != NULL && status == 0;
	    item = cmark_node_next(item), number++) {
		char marker[24];
		PangoLayout *layout;

		if (ordered)
			snprintf(marker, sizeof(marker), "%d%c", number,
			    cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM ? ')' : '.');
		else
			snprintf(marker, sizeof(marker), "•");
		where(b, item);
		if ((layout = pdf_plain(doc, PDF_BODY, marker, hang, PDF_START, false,
		    NULL)) == NULL) {
			status = -1;
			break;
		}
		pdf_need(doc, 2 * pdf_text_height(layout));
		pdf_put_text(doc, layout, pdf_left(doc) + indent, doc->y, INK);
		g_object_unref(layout);
		status = blocks(b, item, indent + hang);
		if (!tight)
			doc->y += 3.0;
	}
	b->para_gap = saved;
	doc->y += GAP_PARA - 3.0;
	return status;
}

/* The index of exercise name among the booklet's exercises. */
static size_t
exercise_index(const struct booklet *b, const char *name)
{
	size_t i;

	for (i = 0; i < b->nexercises; i++)
		if (strcmp(b->exercises[i]->name, name) == 0)
			return i;
	return b->nexercises;
}

/* Where the worksheet of an exercise block goes: after the step. */
static int
exercise_note(struct booklet *b, const char *info, double indent)
{
	const char *name = info + strlen("exercise");
	const struct exercise *ex;
	struct buf markup = BUF_INIT;
	char *wanted;
	size_t i;
	int status;

	name += strspn(name, " \t");
	wanted = xstrndup(name, strcspn(name, " \t"));
	i = exercise_index(b, wanted);
	free(wanted);
	if (i == b->nexercises)
		return 0;
	ex = b->exercises[i];
	{
		struct buf text = BUF_INIT;

		pdf_fill(&text, b->doc->words->worksheet_follows, "title",
		    ex->model->title, (char *)NULL);
		BUF_PUTSL(&markup, "<i>");
		pdf_markup_escape(&markup, buf_str(&text));
		BUF_PUTSL(&markup, "</i>");
		buf_free(&text);
	}
	status = flow_markup(b, PDF_BODY, buf_str(&markup), indent, INK_HELP, GAP_PARA);
	buf_free(&markup);
	return status;
}

/* A GFM table, simply: one line per row, cells apart. */
static int
table(struct booklet *b, cmark_node *node, double indent)
{
	cmark_node *row, *cell;
	int status = 0;

	for (row = cmark_node_first_child(node); row != NULL && status == 0;
	    row = cmark_node_next(row)) {
		struct buf markup = BUF_INIT;
		bool head = is_ext(row, "table_header");

		if (head)
			BUF_PUTSL(&markup, "<b>");
		for (cell = cmark_node_first_child(row); cell != NULL;
		    cell = cmark_node_next(cell)) {
			if (cell != cmark_node_first_child(row))
				BUF_PUTSL(&markup, "  ·  ");
			inline_markup(cell, &markup);
		}
		if (head)
			BUF_PUTSL(&markup, "</b>");
		status = flow_markup(b, PDF_BODY, buf_str(&markup), indent, INK, 3.0);
		buf_free(&markup);
	}
	b->doc->y += GAP_PARA - 3.0;
	return status;
}

/* One block of a page's Markdown. */
static int
block(struct booklet *b, cmark_node *node, double indent)
{
	struct pdf_doc *doc = b->doc;
	struct buf markup = BUF_INIT;
	const char *info, *lit;
	size_t first_page;
	double y0;
	int status = 0;

	where(b, node);
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_PARAGRAPH:
		inline_markup(node, &markup);
		status = flow_markup(b, PDF_BODY, buf_str(&markup), indent, INK, b->para_gap);
		break;
	case CMARK_NODE_HEADING:
		status = heading(b, node, indent);
		break;
	case CMARK_NODE_LIST:
		status = list(b, node, indent);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		first_page = doc->npages - 1;
		y0 = doc->y;
		status = blocks(b, node, indent + 5.0 * PDF_MM);
		doc->y -= b->para_gap;
		pdf_put_bar(doc, first_page, y0, pdf_left(doc) + indent + 1.5, 2.5, 0.45);
		doc->y += GAP_PARA;
		break;
	case CMARK_NODE_CODE_BLOCK:
		info = cmark_node_get_fence_info(node);
		if (info != NULL && strncmp(info, "exercise", 8) == 0 &&
		    (info[8] == ' ' || info[8] == '\t'))
			status = exercise_note(b, info, indent);
		else if ((lit = cmark_node_get_literal(node)) != NULL) {
			size_t n = strlen(lit);

			while (n > 0 && lit[n - 1] == '\n')
				n--;
			{
				char *text = xstrndup(lit, n);

				pdf_markup_escape(&markup, text);
				free(text);
			}
			status = flow_markup(b, PDF_BODY, buf_str(&markup),
			    indent + 5.0 * PDF_MM, INK, GAP_PARA);
		}
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		pdf_need(doc, 20.0);
		pdf_put_line(doc, pdf_left(doc) + indent, doc->y + 8.0,
		    pdf_left(doc) + indent + 40.0 * PDF_MM, doc->y + 8.0, 0.6, 0.5, false);
		doc->y += 20.0;
		break;
	case CMARK_NODE_FOOTNOTE_DEFINITION:
		if ((lit = cmark_node_get_literal(node)) != NULL) {
			BUF_PUTSL(&markup, "<sup>");
			pdf_markup_escape(&markup, lit);
			BUF_PUTSL(&markup, "</sup> ");
		}
		{
			cmark_node *child;

			for (child = cmark_node_first_child(node); child != NULL;
			    child = cmark_node_next(child))
				inline_markup(child, &markup);
		}
		status = flow_markup(b, PDF_SMALL, buf_str(&markup), indent, INK_HELP, 3.0);
		break;
	default:
		if (is_ext(node, "table"))
			status = table(b, node, indent);
		break;  /* raw HTML and anything else: left out */
	}
	buf_free(&markup);
	return status;
}

static int
blocks(struct booklet *b, cmark_node *parent, double indent)
{
	cmark_node *node;

	for (node = cmark_node_first_child(parent); node != NULL;
	    node = cmark_node_next(node))
		if (block(b, node, indent) != 0)
			return -1;
	return 0;
}

/* The Markdown body of page, from the cursor. */
static int
page_body(struct booklet *b, const struct page *page)
{
	cmark_node *root = markdown_parse(page->body, page->body_len,
	    b->site->config->markdown_unsafe);
	int status;

	b->page = page;
	b->para_gap = GAP_PARA;
	status = blocks(b, root, 0);
	cmark_node_free(root);
	return status;
}

/* A page's title block: a small kicker line, then the title. */
static int
title_block(struct pdf_doc *doc, const char *kicker, const char *title)
{
	PangoLayout *k = kicker != NULL ? pdf_plain(doc, PDF_H3, kicker,
	    pdf_width(doc), PDF_START, false, NULL) : NULL;
	PangoLayout *t = pdf_plain(doc, PDF_H1, title, pdf_width(doc), PDF_START,
	    false, NULL);
	int status = 0;

	if (t == NULL || (kicker != NULL && k == NULL))
		status = -1;
	else {
		if (k != NULL) {
			pdf_put_text(doc, k, pdf_left(doc), doc->y, INK_HELP);
			doc->y += pdf_text_height(k) + 3.0;
		}
		if (pdf_text_height(t) <= pdf_bottom(doc) - doc->y) {
			pdf_put_text(doc, t, pdf_left(doc), doc->y, INK);
			doc->y += pdf_text_height(t);
		} else  /* taller than the page: on over the next ones */
			pdf_flow_text(doc, t, pdf_left(doc), INK);
		doc->y += 6.0;
		pdf_put_line(doc, pdf_left(doc), doc->y, pdf_left(doc) + 30.0 * PDF_MM,
		    doc->y, 1.5, 0.35, false);
		doc->y += 14.0;
	}
	g_clear_object(&k);
	g_clear_object(&t);
	return status;
}

/* The safety note the site shows on pages that ask for it. */
static int
safety_note(struct booklet *b)
{
	const struct config *cfg = b->site->config;
	struct pdf_doc *doc = b->doc;
	const struct pdf_words *words = doc->words;
	double y0, indent = 5.0 * PDF_MM;
	size_t first_page, i;

	pdf_doc_where(doc, "site.toml", 0, "the safety note");
	doc->y += 8.0;
	pdf_need(doc, 90.0);
	first_page = doc->npages - 1;
	y0 = doc->y;
	if (put_plain(doc, PDF_H3, words->safety_title, indent, INK, 5.0) != 0 ||
	    put_plain(doc, PDF_BODY, words->safety_text, indent, INK, GAP_PARA) != 0)
		return -1;
	if (cfg->nhelp == 0 && put_plain(doc, PDF_BODY, words->safety_talk, indent,
	    INK, GAP_PARA) != 0)
		return -1;
	for (i = 0; i < cfg->nhelp; i++) {
		const struct help_line *h = &cfg->help[i];
		struct buf markup = BUF_INIT;
		int status;

		if (i == 0 && put_plain(doc, PDF_BODY, words->safety_talk_lines, indent,
		    INK, 3.0) != 0)
			return -1;
		BUF_PUTSL(&markup, "• <b>");
		pdf_markup_escape(&markup, h->name);
		BUF_PUTSL(&markup, "</b>");
		if (h->phone != NULL) {
			BUF_PUTSL(&markup, "  ");
			pdf_markup_ltr(doc, &markup, h->phone);
		}
		if (h->url != NULL) {
			BUF_PUTSL(&markup, "  ");
			pdf_markup_ltr(doc, &markup, h->url);
		}
		status = flow_markup(b, PDF_BODY, buf_str(&markup), indent, INK,
		    i + 1 == cfg->nhelp ? GAP_PARA : 2.0);
		buf_free(&markup);
		if (status != 0)
			return -1;
	}
	if (put_plain(doc, PDF_BODY, words->safety_danger, indent, INK, 0) != 0)
		return -1;
	pdf_put_bar(doc, first_page, y0, pdf_left(doc) + 1.5, 2.5, 0.45);
	doc->y += GAP_PARA;
	return 0;
}

/* The home page's lead, the safety note, and how the booklet is made. */
static int
intro(struct booklet *b)
{
	const struct site *site = b->site;
	struct pdf_doc *doc = b->doc;
	char *url = page_url(site, site->home);

	pdf_doc_set_url(doc, url);
	free(url);
	pdf_new_page(doc);
	pdf_mark(doc, 1, doc->words->about);
	pdf_doc_where(doc, site->home->source_path, 0, "the home page");
	if (title_block(doc, NULL, doc->words->about) != 0 ||
	    page_body(b, site->home) != 0)
		return -1;
	if (site->home->safety && safety_note(b) != 0)
		return -1;
	pdf_doc_where(doc, NULL, 0, "the booklet");
	doc->y += 6.0;
	if (put_plain(doc, PDF_H3, doc->words->using_booklet, 0, INK, 5.0) != 0 ||
	    put_plain(doc, PDF_BODY, doc->words->using_booklet_text, 0, INK,
	    GAP_PARA) != 0)
		return -1;
	if (b->facilitator && put_plain(doc, PDF_BODY,
	    doc->words->facilitator_edition_text, 0, INK, GAP_PARA) != 0)
		return -1;
	return 0;
}

/* A worksheet, and in the facilitator's edition its notes. */
static int
worksheet(struct booklet *b, size_t i)
{
	const struct exercise *ex = b->exercises[i];
	const struct page *page = pdf_worksheet_page(b->site, ex->name);
	char *url;
	int status;

	if (b->included[i] || page == NULL)
		return 0;
	b->included[i] = true;
	url = page_url(b->site, page);
	status = pdf_worksheet_layout(b->doc, ex, url);
	free(url);
	if (status == 0 && b->facilitator)
		status = pdf_facilitator_layout(b->doc, ex);
	return status;
}

/* One step on its own page, then its worksheets. */
static int
step(struct booklet *b, const struct page *page)
{
	const struct site *site = b->site;
	struct pdf_doc *doc = b->doc;
	struct buf kicker = BUF_INIT, mark = BUF_INIT;
	char *url = page_url(site, page), number[24], total[24];
	size_t k;
	int status;

	pdf_doc_set_url(doc, url);
	free(url);
	pdf_new_page(doc);
	snprintf(number, sizeof(number), "%d", page->step_number);
	snprintf(total, sizeof(total), "%zu", site->nsteps);
	pdf_fill(&kicker, doc->words->step_of, "n", number, "total", total,
	    (char *)NULL);
	pdf_fill(&mark, doc->words->step_mark, "n", number, "title", page->title,
	    (char *)NULL);
	pdf_mark(doc, 1, buf_str(&mark));
	pdf_doc_where(doc, page->source_path, 0, "page %s", page->url);
	status = title_block(doc, buf_str(&kicker), page->title);
	buf_free(&kicker);
	buf_free(&mark);
	if (status != 0 || page_body(b, page) != 0)
		return -1;
	/* As on the site: a step photocopied on its own keeps its note. */
	if (page->safety && safety_note(b) != 0)
		return -1;
	/* The rest of the page, ruled for notes: a step is often read in a
	   session, pen in hand. */
	doc->y += 10.0;
	if (pdf_fits(doc, 30.0 + 5 * PDF_LINE_PITCH)) {
		pdf_doc_where(doc, NULL, 0, "the booklet");
		if (put_plain(doc, PDF_H3, doc->words->notes, 0, INK, 0) != 0)
			return -1;
		pdf_rule_rest(doc);
	}
	for (k = 0; k < page->doc.nexercises; k++) {
		size_t i = exercise_index(b, page->doc.exercises[k].name);

		if (i < b->nexercises && worksheet(b, i) != 0)
			return -1;
	}
	return 0;
}

/* A QR code and the address it opens, size points square. */
static int
qr_block(struct pdf_doc *doc, const char *url, double size)
{
	if (pdf_put_qr(doc, url, pdf_left(doc) - 4.0 * PDF_MM, doc->y, size) != 0)
		return -1;
	doc->y += size + 6.0;
	return 0;
}

/* The practice's name and contact lines, from [print], if any. */
static int
practice(struct pdf_doc *doc, const struct print_settings *print, const char *lead)
{
	size_t i;

	if (print->practice == NULL && print->ncontact == 0)
		return 0;
	pdf_doc_where(doc, "site.toml", print->line, "[print]");
	if (put_plain(doc, PDF_HELP, lead, 0, INK_HELP, 2.0) != 0)
		return -1;
	if (print->practice != NULL &&
	    put_plain(doc, PDF_H2, print->practice, 0, INK, 4.0) != 0)
		return -1;
	for (i = 0; i < print->ncontact; i++)
		if (put_plain(doc, PDF_BODY, print->contact[i], 0, INK, 1.0) != 0)
			return -1;
	return 0;
}

/* The height practice() takes, measured on a scratch document. */
static double
practice_height(struct pdf_doc *doc, const struct print_settings *print,
    const char *lead)
{
	struct pdf_doc scratch;
	double h;

	pdf_doc_init(&scratch, doc->engine, doc->paper, doc->site_name);
	pdf_new_page(&scratch);
	h = practice(&scratch, print, lead) == 0 ? scratch.y - pdf_top(&scratch) : 0;
	pdf_doc_free(&scratch);
	return h;
}

/* The last page: the way back to the site. */
static int
back_page(struct booklet *b)
{
	const struct config *cfg = b->site->config;
	struct pdf_doc *doc = b->doc;
	double h;

	pdf_doc_set_url(doc, cfg->base_url);
	pdf_new_page(doc);
	pdf_mark(doc, 1, doc->words->back_title);
	pdf_doc_where(doc, "site.toml", 0, "the booklet's last page");
	if (title_block(doc, NULL, doc->words->back_title) != 0 ||
	    put_plain(doc, PDF_BODY, doc->words->back_online, 0, INK, 4.0) != 0 ||
	    put_address(doc, PDF_H2, cfg->base_url, INK, 10.0) != 0 ||
	    qr_block(doc, cfg->base_url, 48.0 * PDF_MM) != 0 ||
	    put_plain(doc, PDF_BODY, doc->words->back_scan, 0, INK, GAP_PARA) != 0)
		return -1;
	h = practice_height(doc, &cfg->print, doc->words->provided_by);
	if (h > 0) {
		if (pdf_fits(doc, h + 20.0))
			doc->y = pdf_bottom(doc) - h;
		if (practice(doc, &cfg->print, doc->words->provided_by) != 0)
			return -1;
	}
	return 0;
}

/* The cover: no footer. */
static int
cover(struct pdf_doc *doc, const struct site *site, bool facilitator)
{
	const struct config *cfg = site->config;
	double h;

	pdf_doc_set_url(doc, NULL);
	pdf_new_page(doc);
	pdf_doc_where(doc, "site.toml", 0, "the booklet's cover");
	doc->y = pdf_top(doc) + 55.0 * PDF_MM;
	if (put_plain(doc, PDF_H3, facilitator ? doc->words->cover_facilitator :
	    doc->words->booklet, 0, INK_HELP, 8.0) != 0 ||
	    put_plain(doc, PDF_COVER, cfg->title, 0, INK, 12.0) != 0)
		return -1;
	pdf_put_line(doc, pdf_left(doc), doc->y, pdf_left(doc) + 30.0 * PDF_MM, doc->y,
	    2.0, 0.35, false);
	doc->y += 14.0;
	if (cfg->description[0] != '\0' &&
	    put_plain(doc, PDF_BODY, cfg->description, 0, INK, GAP_PARA) != 0)
		return -1;
	if (facilitator && put_plain(doc, PDF_BODY, doc->words->cover_facilitator_note,
	    0, INK, GAP_PARA) != 0)
		return -1;
	h = practice_height(doc, &cfg->print, doc->words->provided_by);
	doc->y = fmax(doc->y + 20.0, pdf_bottom(doc) - h - 24.0);
	if (practice(doc, &cfg->print, doc->words->provided_by) != 0)
		return -1;
	doc->y += 8.0;
	return put_address(doc, PDF_SMALL, cfg->base_url, INK_HELP, 0);
}

/* The contents: every mark of body, numbered from first_number. */
static int
contents(struct pdf_doc *doc, const struct pdf_doc *body, const char *home_url,
    size_t first_number)
{
	double num_w = 14.0 * PDF_MM, sub = 8.0 * PDF_MM;
	size_t i;

	pdf_doc_set_url(doc, home_url);
	pdf_new_page(doc);
	pdf_doc_where(doc, NULL, 0, "the booklet's contents");
	if (title_block(doc, NULL, doc->words->contents) != 0)
		return -1;
	for (i = 0; i < body->nmarks; i++) {
		const struct pdf_mark *m = &body->marks[i];
		double indent = m->level == 1 ? 0 : sub, h, end, base;
		PangoLayout *title, *num;
		char number[24];
		struct buf link = BUF_INIT;

		snprintf(number, sizeof(number), "%zu", m->page + first_number);
		title = pdf_plain(doc, m->level == 1 ? PDF_H3 : PDF_BODY, m->title,
		    pdf_width(doc) - indent - num_w - 10.0, PDF_START, false, NULL);
		num = pdf_plain(doc, m->level == 1 ? PDF_H3 : PDF_BODY, number, num_w,
		    PDF_END, false, NULL);
		if (title == NULL || num == NULL) {
			g_clear_object(&title);
			g_clear_object(&num);
			return -1;
		}
		h = pdf_text_height(title);
		if (m->level == 1 && i > 0)
			doc->y += 7.0;
		if (h > pdf_page_room(doc)) {  /* taller than a page: flow it */
			pdf_flow_text(doc, title, pdf_left(doc) + indent, INK);
			h = pdf_text_height(num);
			doc->y -= h;  /* the number beside its last line */
			pdf_put_text(doc, num, pdf_right(doc) - num_w, doc->y, INK);
			buf_printf(&link, "page=%zu", m->page + first_number);
			pdf_put_link(doc, pdf_left(doc), doc->y, pdf_width(doc), h,
			    buf_str(&link));
			buf_free(&link);
			doc->y += h + 5.0;
			g_object_unref(title);
			g_object_unref(num);
			continue;
		}
		pdf_need(doc, h);
		pdf_put_text(doc, title, pdf_left(doc) + indent, doc->y, INK);
		pdf_put_text(doc, num, pdf_right(doc) - num_w, doc->y + h -
		    pdf_text_height(num), INK);
		end = pdf_left(doc) + indent + fmin(pdf_text_width(title),
		    pdf_width(doc) - indent - num_w - 10.0);
		base = doc->y + h - 4.0;
		if (pango_layout_get_line_count(title) == 1) {  /* dotted leaders */
			PangoRectangle logical;

			pango_layout_get_extents(num, NULL, &logical);
			pdf_put_line(doc, end + 6.0, base, pdf_right(doc) -
			    (double)logical.width / PANGO_SCALE - 6.0, base, 1.0, 0.45, true);
		}
		buf_printf(&link, "page=%zu", m->page + first_number);
		pdf_put_link(doc, pdf_left(doc), doc->y, pdf_width(doc), h, buf_str(&link));
		buf_free(&link);
		doc->y += h + 5.0;
		g_object_unref(title);
		g_object_unref(num);
	}
	return 0;
}

int
pdf_booklet_layout(struct pdf_doc *doc, const struct site *site,
    const struct exercise *const *exercises, size_t nexercises, bool facilitator)
{
	struct pdf_doc body, scratch;
	struct booklet b;
	char *home_url = page_url(site, site->home);
	size_t i, front;
	int status = 0;

	pdf_doc_init(&body, doc->engine, doc->paper, doc->site_name);
	memset(&b, 0, sizeof(b));
	b.doc = &body;
	b.site = site;
	b.exercises = exercises;
	b.nexercises = nexercises;
	b.facilitator = facilitator;
	b.included = xcalloc(nexercises + 1, sizeof(*b.included));
	status = intro(&b);
	for (i = 0; i < site->nsteps && status == 0; i++)
		status = step(&b, site->steps[i]);
	for (i = 0; i < nexercises && status == 0; i++)
		status = worksheet(&b, i);  /* those on other pages than steps */
	if (status == 0)
		status = back_page(&b);
	if (status == 0) {
		/* The contents' own length decides the numbers it shows. */
		pdf_doc_init(&scratch, doc->engine, doc->paper, doc->site_name);
		status = contents(&scratch, &body, home_url, 1);
		front = 1 + scratch.npages;
		pdf_doc_free(&scratch);
		if (status == 0)
			status = cover(doc, site, facilitator);
		if (status == 0)
			status = contents(doc, &body, home_url, front + 1);
		if (status == 0)
			pdf_doc_append(doc, &body);
	}
	pdf_doc_free(&body);
	free(b.included);
	free(home_url);
	return status == 0 && !doc->failed ? 0 : -1;
}
