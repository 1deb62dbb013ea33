/*
 * pdf_worksheet — an exercise model (model.h) laid out as a worksheet to
 * fill in by hand: title, QR code, who it is for, instructions and
 * introduction, then every field with writing room from its print hints;
 * and, for the facilitator's booklet, the exercise's facilitator notes.
 *
 * Writing room is generous on purpose: lines about 9 mm apart, boxes and
 * circles large enough for a pen.  A field is kept together on a page when
 * it is short; long writing room continues on the next page under its
 * label; a table repeats its header row on every page and never splits a
 * row.  What cannot fit (a word wider than its column, a box or a row
 * taller than a page) is an error naming the exercise and the field.
 */
#include "pdf/pdf_worksheet.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "exercise/exercise.h"
#include "exercise/model.h"
#include "pdf/pdf_layout.h"
#include "pdf/pdf_paper.h"
#include "site/site.h"
#include "lib/util.h"

/* Gaps, in points. */
#define GAP_FIELD 18.0     /* between two fields */
#define GAP_LABEL 4.0      /* under a label */
#define GAP_PARA 8.0       /* between paragraphs */
#define GAP_HELP 5.0       /* between paragraphs of help */
#define INK 0.1            /* text */
#define INK_HELP 0.25      /* help text: dark enough to photocopy */
#define RULE 0.55          /* writing lines */
#define RULE_WIDTH 0.6
#define BOX 0.3            /* boxes, circles, table borders */
#define BOX_WIDTH 0.8

/* A worksheet being laid out. */
struct sheet {
	struct pdf_doc *doc;
	const struct exercise *ex;
	int number;              /* the current field's number, 1-based */
	const char *label;       /* the current field's label, for "continued" */
};

const struct page *
pdf_worksheet_page(const struct site *site, const char *name)
{
	size_t i, k;

	for (i = 0; i < site->npages; i++)
		for (k = 0; k < site->pages[i]->doc.nexercises; k++)
			if (strcmp(site->pages[i]->doc.exercises[k].name, name) == 0)
				return site->pages[i];
	return NULL;
}

/*
 * Flow a PARAGRAPHS text (blank lines between paragraphs) at x, width
 * wide, each paragraph followed by gap.  Returns 0 or -1.
 */
static int
flow_paragraphs(struct pdf_doc *doc, enum pdf_font font, const char *text,
    double x, double width, double gray, double gap, const char *part)
{
	const char *p = text;

	while (*p != '\0') {
		const char *end = strstr(p, "\n\n");
		size_t n = end != NULL ? (size_t)(end - p) : strlen(p);
		char *para = xstrndup(p, n);
		PangoLayout *layout = pdf_plain(doc, font, para, width, PDF_START, true, part);

		free(para);
		if (layout == NULL)
			return -1;
		pdf_flow_text(doc, layout, x, gray);
		g_object_unref(layout);
		doc->y += gap;
		p += n;
		while (*p == '\n')
			p++;
	}
	return 0;
}

/* The height flow_paragraphs would take, or -1 after a diagnostic. */
static double
paragraphs_height(struct pdf_doc *doc, enum pdf_font font, const char *text,
    double width, double gap, const char *part)
{
	const char *p = text;
	double height = 0;

	while (*p != '\0') {
		const char *end = strstr(p, "\n\n");
		size_t n = end != NULL ? (size_t)(end - p) : strlen(p);
		char *para = xstrndup(p, n);
		PangoLayout *layout = pdf_plain(doc, font, para, width, PDF_START, true, part);

		free(para);
		if (layout == NULL)
			return -1;
		height += pdf_text_height(layout) + gap;
		g_object_unref(layout);
		p += n;
		while (*p == '\n')
			p++;
	}
	return height;
}

/* "N. label (continued)" in small type at the top of a new page. */
static int
continued(struct sheet *s)
{
	struct pdf_doc *doc = s->doc;
	struct buf text = BUF_INIT;
	PangoLayout *layout;

	{
		char number[24];

		snprintf(number, sizeof(number), "%d", s->number);
		pdf_fill(&text, doc->words->continued, "n", number, "label", s->label,
		    (char *)NULL);
	}
	layout = pdf_plain(doc, PDF_HELP, buf_str(&text), pdf_width(doc), PDF_START, false,
	    "label");
	buf_free(&text);
	if (layout == NULL)
		return -1;
	pdf_put_text(doc, layout, pdf_left(doc), doc->y, INK_HELP);
	doc->y += pdf_text_height(layout) + GAP_LABEL;
	g_object_unref(layout);
	return 0;
}

/*
 * A field's number, label and help, kept on one page with the first
 * body_min points of what follows (less when that cannot fit a page).
 * Returns 0 or -1.
 */
static int
field_head(struct sheet *s, const struct model_field *field, double body_min)
{
	struct pdf_doc *doc = s->doc;
	struct buf text = BUF_INIT;
	PangoLayout *label;
	const char *help = field->help;
	double height, help_h = 0, room = pdf_page_room(doc);

	s->label = field->label;
	buf_printf(&text, "%d. %s", s->number, s->label);
	label = pdf_plain(doc, PDF_LABEL, buf_str(&text), pdf_width(doc), PDF_START, true,
	    "label");
	buf_free(&text);
	if (label == NULL)
		return -1;
	if (help != NULL && (help_h = paragraphs_height(doc, PDF_HELP, help,
	    pdf_width(doc), GAP_HELP, "help")) < 0) {
		g_object_unref(label);
		return -1;
	}
	height = pdf_text_height(label) + GAP_LABEL + help_h + 4.0;
	pdf_need(doc, height + body_min <= room ? height + body_min : height);
	pdf_put_text(doc, label, pdf_left(doc), doc->y, INK);
	doc->y += pdf_text_height(label) + GAP_LABEL;
	g_object_unref(label);
	if (help != NULL && flow_paragraphs(doc, PDF_HELP, help, pdf_left(doc),
	    pdf_width(doc), INK_HELP, GAP_HELP, "help") != 0)
		return -1;
	doc->y += 4.0;
	return 0;
}

/* Report a print hint that asks for more room than a page has. */
static void
too_tall(struct sheet *s, const char *what, double need, double room)
{
	diag_error(s->doc->file, s->doc->line, 0, "%s: %s needs %.0f mm, and the "
	    "page has room for %.0f mm (%s, %s): make its print hint smaller",
	    s->doc->what, what, need / PDF_MM, room / PDF_MM,
	    pdf_paper_name(s->doc->paper), s->doc->landscape ? "landscape" : "portrait");
	s->doc->failed = true;
}

/* n ruled writing lines across the page, continuing on new pages. */
static int
writing_lines(struct sheet *s, int n)
{
	struct pdf_doc *doc = s->doc;
	double x0 = pdf_left(doc), x1 = pdf_right(doc);

	while (n > 0) {
		int fit = (int)floor((pdf_bottom(doc) - doc->y) / PDF_LINE_PITCH + 0.01);
		int k;

		if (fit < n && (fit < 3 || n - fit < 2)) {
			/* Too few here, or one lone line left over: a new page. */
			if (fit >= n - 1 && fit >= 3)
				fit = n - 2;
			else {
				pdf_new_page(doc);
				if (continued(s) != 0)
					return -1;
				continue;
			}
		}
		if (fit > n)
			fit = n;
		for (k = 1; k <= fit; k++)
			pdf_put_line(doc, x0, doc->y + k * PDF_LINE_PITCH, x1,
			    doc->y + k * PDF_LINE_PITCH, RULE_WIDTH, RULE, false);
		doc->y += fit * PDF_LINE_PITCH;
		n -= fit;
		if (n > 0) {
			pdf_new_page(doc);
			if (continued(s) != 0)
				return -1;
		}
	}
	doc->y += 3.0;
	return 0;
}

/* The writing room a print hint asks for: lines, or a box. */
static int
writing_room(struct sheet *s, const struct model_print *print)
{
	struct pdf_doc *doc = s->doc;
	double height;

	if (print->lines > 0)
		return writing_lines(s, print->lines);
	height = (double)print->height_mm * PDF_MM;
	if (height > pdf_page_room(doc) - 30.0) {
		too_tall(s, "its print box", height, pdf_page_room(doc) - 30.0);
		return -1;
	}
	if (!pdf_fits(doc, height)) {
		pdf_new_page(doc);
		if (continued(s) != 0)
			return -1;
	}
	pdf_put_rect(doc, pdf_left(doc), doc->y, pdf_width(doc), height, BOX_WIDTH, BOX, -1);
	doc->y += height + 3.0;
	return 0;
}

/* What the first part of a print hint's room takes, to keep with a label. */
static double
room_min(const struct model_print *print)
{
	int n = print->lines;

	if (n == 0)
		return (double)print->height_mm * PDF_MM;
	return (n <= 6 ? (double)n : 3.0) * PDF_LINE_PITCH;
}

static int
text_field(struct sheet *s, const struct model_field *field)
{
	if (field_head(s, field, room_min(&field->print)) != 0)
		return -1;
	return writing_room(s, &field->print);
}

/* The original sentence, set off by a bar, then the lines to rewrite it. */
static int
rewrite_field(struct sheet *s, const struct model_field *field)
{
	struct pdf_doc *doc = s->doc;
	const struct model_print *print = &field->print;
	double indent = 5.0 * PDF_MM, w = pdf_width(doc), top, orig_h, caption_h;
	PangoLayout *caption, *yours;
	int status = 0;

	caption = pdf_plain(doc, PDF_SMALL, doc->words->original, w, PDF_START, false,
	    "caption");
	yours = pdf_plain(doc, PDF_SMALL, doc->words->your_version, w, PDF_START, false,
	    "caption");
	if (caption == NULL || yours == NULL ||
	    (orig_h = paragraphs_height(doc, PDF_BODY, field->original,
	    w - indent, 2.0, "original sentence")) < 0) {
		status = -1;
		goto done;
	}
	caption_h = pdf_text_height(caption);
	if (field_head(s, field, caption_h + orig_h + 10.0 + pdf_text_height(yours) +
	    room_min(print)) != 0) {
		status = -1;
		goto done;
	}
	pdf_put_text(doc, caption, pdf_left(doc) + indent, doc->y, INK_HELP);
	doc->y += caption_h + 2.0;
	top = doc->y;
	{
		struct buf markup = BUF_INIT;
		PangoLayout *orig;

		BUF_PUTSL(&markup, "<i>");
		pdf_markup_escape(&markup, field->original);
		BUF_PUTSL(&markup, "</i>");
		/* Blank lines stay line breaks: the sentence is one block. */
		orig = pdf_text(doc, PDF_BODY, buf_str(&markup), w - indent, PDF_START, true,
		    "original sentence");
		buf_free(&markup);
		if (orig == NULL) {
			status = -1;
			goto done;
		}
		pdf_need(doc, pdf_text_height(orig));
		top = doc->y;
		pdf_put_text(doc, orig, pdf_left(doc) + indent, doc->y, INK);
		doc->y += pdf_text_height(orig);
		g_object_unref(orig);
	}
	pdf_put_line(doc, pdf_left(doc) + 1.5, top, pdf_left(doc) + 1.5, doc->y, 3.0,
	    0.35, false);
	doc->y += 10.0;
	pdf_need(doc, pdf_text_height(yours) + room_min(print));
	pdf_put_text(doc, yours, pdf_left(doc), doc->y, INK_HELP);
	doc->y += pdf_text_height(yours);
	status = writing_room(s, print);
done:
	g_clear_object(&caption);
	g_clear_object(&yours);
	return status;
}

/* A box to tick before each item. */
static int
checklist_field(struct sheet *s, const struct model_field *field)
{
	struct pdf_doc *doc = s->doc;
	double box = 4.5 * PDF_MM, indent = 9.0 * PDF_MM, first_h = 0;
	size_t i, n = field->nitems;
	PangoLayout **layouts = xcalloc(n + 1, sizeof(*layouts));
	int status = 0;

	for (i = 0; i < n && status == 0; i++) {
		const struct model_item *item = &field->items[i];

		pdf_doc_where(doc, doc->file, doc->line, "exercise '%s', field '%s', item "
		    "'%s'", s->ex->name, field->id, item->id);
		if ((layouts[i] = pdf_plain(doc, PDF_BODY, item->label,
		    pdf_width(doc) - indent, PDF_START, true, "label")) == NULL)
			status = -1;
	}
	pdf_doc_where(doc, doc->file, doc->line, "exercise '%s', field '%s'",
	    s->ex->name, field->id);
	if (status == 0 && n > 0)
		first_h = pdf_text_height(layouts[0]);
	if (status == 0 && field_head(s, field, first_h) != 0)
		status = -1;
	for (i = 0; i < n && status == 0; i++) {
		double h = pdf_text_height(layouts[i]);

		if (h < box)
			h = box;
		if (!pdf_fits(doc, h)) {
			pdf_new_page(doc);
			if (continued(s) != 0) {
				status = -1;
				break;
			}
		}
		pdf_put_rect(doc, pdf_left(doc), doc->y + 0.5, box, box, BOX_WIDTH, BOX, -1);
		pdf_put_text(doc, layouts[i], pdf_left(doc) + indent, doc->y, INK);
		doc->y += h + 7.0;
	}
	for (i = 0; i < n; i++)
		if (layouts[i] != NULL)
			g_object_unref(layouts[i]);
	free(layouts);
	return status;
}

/* Five circles to mark, numbered, between the two ends' labels. */
static int
scale_field(struct sheet *s, const struct model_field *field)
{
	struct pdf_doc *doc = s->doc;
	double r = 4.5 * PDF_MM, end_w = 40.0 * PDF_MM, pitch = 16.0 * PDF_MM;
	double gap = 3.0 * PDF_MM, row_h, x, cy, numbers_h = 11.0;
	int min = field->min, max = field->max;
	PangoLayout *low, *high;
	int status = 0;
	int k;

	if (max < min || max - min > 9)
		min = 1, max = 5;
	low = pdf_plain(doc, PDF_HELP, field->low, end_w, PDF_START, true,
	    "low end's label");
	high = pdf_plain(doc, PDF_HELP, field->high, end_w, PDF_START, true,
	    "high end's label");
	if (low == NULL || high == NULL) {
		status = -1;
		goto done;
	}
	if (end_w * 2 + 2 * gap + pitch * (double)(max - min + 1) > pdf_width(doc)) {
		diag_error(doc->file, doc->line, 0, "%s: its scale is too wide for the "
		    "page (%s)", doc->what, pdf_paper_name(doc->paper));
		doc->failed = true;
		status = -1;
		goto done;
	}
	row_h = fmax(2 * r, fmax(pdf_text_height(low), pdf_text_height(high)));
	if (field_head(s, field, row_h + numbers_h + 4.0) != 0) {
		status = -1;
		goto done;
	}
	cy = doc->y + row_h / 2;
	x = pdf_left(doc);
	pdf_put_text(doc, low, x, cy - pdf_text_height(low) / 2, INK_HELP);
	x += fmin(pdf_text_width(low), end_w) + gap;
	for (k = min; k <= max; k++) {
		double cx = x + pitch * ((double)(k - min) + 0.5);
		char number[24];
		PangoLayout *label;

		pdf_put_circle(doc, cx, cy, r, BOX_WIDTH, BOX);
		snprintf(number, sizeof(number), "%d", k);
		if ((label = pdf_plain(doc, PDF_SMALL, number, pitch, PDF_CENTER, false,
		    "scale")) == NULL) {
			status = -1;
			goto done;
		}
		pdf_put_text(doc, label, cx - pitch / 2, cy + r + 2.0, INK_HELP);
		g_object_unref(label);
	}
	x += pitch * (double)(max - min + 1) + gap;
	pdf_put_text(doc, high, x, cy - pdf_text_height(high) / 2, INK_HELP);
	doc->y = fmax(cy + r + numbers_h + 6.0, cy + row_h / 2 + 4.0);
done:
	g_clear_object(&low);
	g_clear_object(&high);
	return status;
}

/* A line to write on, with a caption under it; room above for the pen. */
static int
signing_line(struct sheet *s, double x0, double x1, double y, const char *caption)
{
	PangoLayout *layout = pdf_plain(s->doc, PDF_SMALL, caption, x1 - x0, PDF_START,
	    true, "caption");

	if (layout == NULL)
		return -1;
	pdf_put_line(s->doc, x0, y, x1, y, BOX_WIDTH, BOX, false);
	pdf_put_text(s->doc, layout, x0, y + 2.0, INK_HELP);
	g_object_unref(layout);
	return 0;
}

/* One line per signer, each with a date line beside it when asked. */
static int
signature_field(struct sheet *s, const struct model_field *field)
{
	struct pdf_doc *doc = s->doc;
	bool dated = field->date;
	double room = 13.0 * PDF_MM, row = room + 9.0 * PDF_MM;
	size_t i, n = field->nsigners;

	if (field_head(s, field, row * (double)(n > 0 ? n : 1)) != 0)
		return -1;
	for (i = 0; i < n || (n == 0 && i == 0); i++) {
		const char *who = n > 0 ? field->signers[i] : doc->words->signature;
		double x0 = pdf_left(doc), x1 = pdf_right(doc), w = x1 - x0;

		if (!pdf_fits(doc, row)) {
			pdf_new_page(doc);
			if (continued(s) != 0)
				return -1;
		}
		if (signing_line(s, x0, dated ? x0 + w * 0.6 : x0 + w * 0.75,
		    doc->y + room, who) != 0)
			return -1;
		if (dated && signing_line(s, x0 + w * 0.68, x1, doc->y + room,
		    doc->words->date) != 0)
			return -1;
		doc->y += row;
	}
	return 0;
}

/* One line for a date. */
static int
date_field(struct sheet *s, const struct model_field *field)
{
	struct pdf_doc *doc = s->doc;
	double room = 10.0 * PDF_MM;

	if (field_head(s, field, room + 8.0 * PDF_MM) != 0)
		return -1;
	if (signing_line(s, pdf_left(doc), pdf_left(doc) + 70.0 * PDF_MM,
	    doc->y + room, doc->words->date) != 0)
		return -1;
	doc->y += room + 8.0 * PDF_MM;
	return 0;
}

/*
 * A table being laid out: its columns' places and its header row.  A
 * per-partner column (model.h's "partner") is two grid columns, "First
 * partner" and "Second partner", under its label: each partner has room
 * of their own.
 */
struct grid {
	size_t ncols;          /* grid columns to write in, after the row header */
	double *x;             /* ncols + 2 edges: row header, columns, right */
	size_t nheads;         /* the model's columns, plus the row header */
	PangoLayout **heads;   /* nheads header labels: the row header's, then
	                          each model column's */
	size_t *first;         /* per model column: its first grid column */
	PangoLayout **subs;    /* per grid column: "First partner" or "Second
	                          partner" in a per-partner column, else NULL */
	double top_h;          /* the labels' band of the header row */
	double head_h;         /* the header row's height: the labels' band,
	                          and the partners' band when there is one */
	bool *short_col;       /* per grid column: no ruled lines */
	bool *split;           /* per grid column: the second half of a
	                          per-partner column */
};

#define CELL_PAD 5.0

static void
grid_free(struct grid *g)
{
	size_t i;

	for (i = 0; i < g->nheads && g->heads != NULL; i++)
		if (g->heads[i] != NULL)
			g_object_unref(g->heads[i]);
	for (i = 0; i < g->ncols && g->subs != NULL; i++)
		if (g->subs[i] != NULL)
			g_object_unref(g->subs[i]);
	free(g->heads);
	free(g->subs);
	free(g->first);
	free(g->x);
	free(g->short_col);
	free(g->split);
}

/* Minimum widths, in mm: the row header, a written column, a short one. */
#define MIN_HEADER_MM 28.0
#define MIN_LONG_MM 25.0
#define MIN_SHORT_MM 14.0

/*
 * Share the width among the row header (2.5 shares) and the columns (their
 * "width"; a per-partner column's share halved between the partners), and
 * set the header labels.  Returns 0 or -1.
 */
static int
grid_setup(struct sheet *s, const struct model_field *field, struct grid *g)
{
	struct pdf_doc *doc = s->doc;
	const struct model_column *columns = field->columns;
	double shares = 2.5, unit, x = pdf_left(doc), w = pdf_width(doc), sub_h = 0;
	size_t i, k;

	memset(g, 0, sizeof(*g));
	for (i = 0; i < field->ncolumns; i++)
		g->ncols += columns[i].partner ? 2 : 1;
	g->nheads = field->ncolumns + 1;
	g->x = xcalloc(g->ncols + 2, sizeof(*g->x));
	g->heads = xcalloc(g->nheads, sizeof(*g->heads));
	g->first = xcalloc(field->ncolumns + 1, sizeof(*g->first));
	g->subs = xcalloc(g->ncols + 1, sizeof(*g->subs));
	g->short_col = xcalloc(g->ncols + 1, sizeof(*g->short_col));
	g->split = xcalloc(g->ncols + 1, sizeof(*g->split));
	for (i = 0; i < field->ncolumns; i++)
		shares += (double)columns[i].width;
	unit = w / shares;
	g->x[0] = x;
	x += 2.5 * unit;
	if (2.5 * unit < MIN_HEADER_MM * PDF_MM) {
		diag_error(doc->file, doc->line, 0, "%s: the table is too wide for the "
		    "page: with %zu columns its first column (\"%s\") would be %.0f mm "
		    "wide, and needs %.0f mm (%s, %s); use fewer columns%s",
		    doc->what, field->ncolumns, field->row_header, 2.5 * unit / PDF_MM,
		    MIN_HEADER_MM, pdf_paper_name(doc->paper), doc->landscape ?
		    "landscape" : "portrait", doc->landscape ? "" :
		    ", or print = { orientation = \"landscape\" }");
		doc->failed = true;
		return -1;
	}
	for (i = 0, k = 0; i < field->ncolumns; i++) {
		const struct model_column *col = &columns[i];
		size_t parts = col->partner ? 2 : 1, p;
		double cw = (double)col->width * unit / (double)parts;
		bool is_short = !col->is_long;
		double min = is_short ? MIN_SHORT_MM : MIN_LONG_MM;

		if (cw < min * PDF_MM) {
			diag_error(doc->file, doc->line, 0, "%s: the table is too wide for "
			    "the page: its column '%s' (\"%s\") would be %.0f mm wide%s, "
			    "and needs at least %.0f mm to write in (%s, %s); use fewer "
			    "columns, or give this one a larger width%s", doc->what,
			    col->id, col->label, cw / PDF_MM, col->partner ? " for each "
			    "partner" : "", min, pdf_paper_name(doc->paper),
			    doc->landscape ? "landscape" : "portrait", doc->landscape ?
			    "" : ", or print = { orientation = \"landscape\" }");
			doc->failed = true;
			return -1;
		}
		g->first[i] = k;
		for (p = 0; p < parts; p++, k++) {
			g->short_col[k] = is_short;
			g->split[k] = p == 1;
			g->x[k + 1] = x;
			x += cw;
			if (!col->partner)
				continue;
			if ((g->subs[k] = pdf_plain(doc, PDF_SMALL, p == 0 ?
			    doc->words->first_partner : doc->words->second_partner, cw -
			    2 * CELL_PAD, PDF_START, true, "partner's heading")) == NULL)
				return -1;
			sub_h = fmax(sub_h, pdf_text_height(g->subs[k]) + 2 * CELL_PAD);
		}
	}
	g->first[field->ncolumns] = g->ncols;
	g->x[g->ncols + 1] = pdf_right(doc);
	for (i = 0; i < g->nheads; i++) {
		const char *label = i == 0 ? field->row_header : columns[i - 1].label;
		double left = i == 0 ? g->x[0] : g->x[g->first[i - 1] + 1];
		double right = i == 0 ? g->x[1] : g->x[g->first[i] + 1];

		if ((g->heads[i] = pdf_plain(doc, PDF_CELL, label, right - left -
		    2 * CELL_PAD, PDF_START, true, i == 0 ? "row header" :
		    "column label")) == NULL)
			return -1;
		g->top_h = fmax(g->top_h, pdf_text_height(g->heads[i]) + 2 * CELL_PAD);
	}
	g->head_h = g->top_h + sub_h;
	return 0;
}

/*
 * The header row at the cursor: the labels, and under a per-partner
 * column's label its partners' headings.
 */
static void
grid_header(struct sheet *s, const struct grid *g)
{
	struct pdf_doc *doc = s->doc;
	double y = doc->y;
	size_t i;

	for (i = 0; i < g->nheads; i++)
		pdf_put_text(doc, g->heads[i], (i == 0 ? g->x[0] :
		    g->x[g->first[i - 1] + 1]) + CELL_PAD, y + CELL_PAD, INK);
	for (i = 0; i < g->ncols; i++) {
		if (g->subs[i] == NULL)
			continue;
		pdf_put_text(doc, g->subs[i], g->x[i + 1] + CELL_PAD, y + g->top_h +
		    CELL_PAD, INK);
		pdf_put_line(doc, g->x[i + 1], y + g->top_h, g->x[i + 2], y + g->top_h,
		    BOX_WIDTH, BOX, false);
	}
	pdf_put_line(doc, g->x[0], y, g->x[g->ncols + 1], y, BOX_WIDTH, BOX, false);
	pdf_put_line(doc, g->x[0], y + g->head_h, g->x[g->ncols + 1], y + g->head_h,
	    1.6, 0.2, false);
	for (i = 0; i <= g->ncols + 1; i++)  /* a partners' border: their band only */
		pdf_put_line(doc, g->x[i], i >= 1 && g->split[i - 1] ? y + g->top_h : y,
		    g->x[i], y + g->head_h, BOX_WIDTH, BOX, false);
	doc->y += g->head_h;
}

/* The row header cell's text: the area's name and note, or a blank row's. */
static PangoLayout *
row_text(struct sheet *s, const struct grid *g, const struct model_row *row)
{
	struct buf markup = BUF_INIT;
	PangoLayout *layout;
	double w = g->x[1] - g->x[0] - 2 * CELL_PAD;

	if (row->blank) {
		BUF_PUTSL(&markup, "<span size=\"small\" weight=\"normal\" "
		    "foreground=\"#404040\">");
		pdf_markup_escape(&markup, s->doc->words->another_area);
		BUF_PUTSL(&markup, "</span>");
	} else {
		pdf_markup_escape(&markup, row->label);
		if (row->note != NULL) {
			BUF_PUTSL(&markup, "\n<span size=\"small\" weight=\"normal\" "
			    "foreground=\"#404040\">");
			pdf_markup_escape(&markup, row->note);
			BUF_PUTSL(&markup, "</span>");
		}
	}
	layout = pdf_text(s->doc, PDF_CELL, buf_str(&markup), w, PDF_START, true,
	    "row label");
	buf_free(&markup);
	return layout;
}

/*
 * A table: a header row, then one row per area with ruled room in each
 * written cell.  A row never splits; the header repeats on every page.
 */
static int
table_field(struct sheet *s, const struct model_field *field)
{
	struct pdf_doc *doc = s->doc;
	const struct model_row *rows = field->rows;
	size_t i, c, n = field->nrows;
	double room, first_h = 0;
	PangoLayout **texts = xcalloc(n + 1, sizeof(*texts));
	struct grid g;
	int status = 0;

	if (field->print.lines > 0)
		room = (double)field->print.lines * PDF_LINE_PITCH;
	else
		room = (double)field->print.height_mm * PDF_MM;
	if (grid_setup(s, field, &g) != 0) {
		status = -1;
		goto done;
	}
	for (i = 0; i < n && status == 0; i++) {
		pdf_doc_where(doc, doc->file, doc->line, "exercise '%s', field '%s', row "
		    "'%s'", s->ex->name, field->id, rows[i].id);
		if ((texts[i] = row_text(s, &g, &rows[i])) == NULL)
			status = -1;
	}
	pdf_doc_where(doc, doc->file, doc->line, "exercise '%s', field '%s'",
	    s->ex->name, field->id);
	if (status != 0)
		goto done;
	if (n > 0)
		first_h = fmax(room, pdf_text_height(texts[0]) + 2 * CELL_PAD);
	if (g.head_h + first_h > pdf_page_room(doc) - 40.0) {
		too_tall(s, "a row of its table with its header", g.head_h + first_h,
		    pdf_page_room(doc) - 40.0);
		status = -1;
		goto done;
	}
	if (field_head(s, field, g.head_h + first_h) != 0) {
		status = -1;
		goto done;
	}
	grid_header(s, &g);
	for (i = 0; i < n; i++) {
		double h = fmax(room, pdf_text_height(texts[i]) + 2 * CELL_PAD), y;
		int k, nlines = (int)floor(h / PDF_LINE_PITCH + 0.01);

		if (!pdf_fits(doc, h)) {
			pdf_new_page(doc);
			if (continued(s) != 0) {
				status = -1;
				goto done;
			}
			grid_header(s, &g);
		}
		y = doc->y;
		pdf_put_text(doc, texts[i], g.x[0] + CELL_PAD, y + CELL_PAD, INK);
		if (rows[i].blank)
			pdf_put_line(doc, g.x[0] + CELL_PAD, y + PDF_LINE_PITCH,
			    g.x[1] - CELL_PAD, y + PDF_LINE_PITCH, RULE_WIDTH, RULE, false);
		for (c = 0; c < g.ncols; c++) {
			if (g.short_col[c])
				continue;
			for (k = 1; k < nlines; k++)  /* the last is the row's border */
				pdf_put_line(doc, g.x[c + 1] + CELL_PAD,
				    y + k * h / nlines, g.x[c + 2] - CELL_PAD,
				    y + k * h / nlines, 0.45, 0.65, false);
		}
		for (c = 0; c <= g.ncols + 1; c++)
			pdf_put_line(doc, g.x[c], y, g.x[c], y + h, BOX_WIDTH, BOX, false);
		pdf_put_line(doc, g.x[0], y + h, g.x[g.ncols + 1], y + h, BOX_WIDTH, BOX,
		    false);
		doc->y += h;
	}
	doc->y += 4.0;
done:
	for (i = 0; i < n; i++)
		if (texts[i] != NULL)
			g_object_unref(texts[i]);
	free(texts);
	grid_free(&g);
	return status;
}

static int
field_layout(struct sheet *s, const struct model_field *field)
{
	switch (field->kind) {
	case MODEL_SHORT_TEXT:
	case MODEL_LONG_TEXT: return text_field(s, field);
	case MODEL_REWRITE: return rewrite_field(s, field);
	case MODEL_CHECKLIST: return checklist_field(s, field);
	case MODEL_SCALE: return scale_field(s, field);
	case MODEL_SIGNATURE: return signature_field(s, field);
	case MODEL_DATE: return date_field(s, field);
	case MODEL_TABLE: return table_field(s, field);
	}
	diag_error(s->doc->file, 0, 0, "%s: internal error: the PDF has no drawing "
	    "for fields of type '%s'", s->doc->what, field->type);
	return -1;
}

/* Title, QR code, who it is for, the instructions. */
static int
sheet_head(struct sheet *s, const char *url)
{
	struct pdf_doc *doc = s->doc;
	const struct exercise_model *model = s->ex->model;
	bool both = model->audience == MODEL_BOTH;
	double qr = 24.0 * PDF_MM, gap = 8.0 * PDF_MM, w = pdf_width(doc) - qr - gap;
	double top = doc->y, y;
	PangoLayout *title, *audience, *caption, *how;
	int status = 0;

	title = pdf_plain(doc, PDF_H1, model->title, w, PDF_START, true, "title");
	audience = pdf_plain(doc, PDF_H3, both ? doc->words->for_both :
	    doc->words->for_one, w, PDF_START, false, NULL);
	caption = pdf_plain(doc, PDF_SMALL, doc->words->scan, qr, PDF_CENTER, false,
	    NULL);
	how = pdf_plain(doc, PDF_HELP, both ? doc->words->how_both :
	    doc->words->how_one, w, PDF_START, false, NULL);
	if (title == NULL || audience == NULL || caption == NULL || how == NULL) {
		status = -1;
		goto done;
	}
	{
		struct buf mark = BUF_INIT;

		pdf_fill(&mark, doc->words->worksheet_mark, "title", model->title,
		    (char *)NULL);
		pdf_mark(doc, 2, buf_str(&mark));
		buf_free(&mark);
	}
	pdf_put_text(doc, title, pdf_left(doc), top, INK);
	y = top + pdf_text_height(title) + 4.0;
	pdf_put_text(doc, audience, pdf_left(doc), y, INK);
	y += pdf_text_height(audience) + 4.0;
	pdf_put_text(doc, how, pdf_left(doc), y, INK_HELP);
	y += pdf_text_height(how);
	if (pdf_put_qr(doc, url, pdf_right(doc) - qr, top - 3.0 * PDF_MM, qr) != 0) {
		status = -1;
		goto done;
	}
	pdf_put_text(doc, caption, pdf_right(doc) - qr, top - 3.0 * PDF_MM + qr - 1.0 *
	    PDF_MM, INK_HELP);
	if (y < top - 3.0 * PDF_MM + qr + pdf_text_height(caption))
		y = top - 3.0 * PDF_MM + qr + pdf_text_height(caption);
	pdf_put_line(doc, pdf_left(doc), y + 9.0, pdf_right(doc), y + 9.0, 0.5, 0.55,
	    false);
	doc->y = y + 18.0;
done:
	g_clear_object(&title);
	g_clear_object(&audience);
	g_clear_object(&caption);
	g_clear_object(&how);
	return status;
}

/* The sources, in small type at the end. */
static int
sources(struct sheet *s)
{
	struct pdf_doc *doc = s->doc;
	const struct exercise_model *model = s->ex->model;
	size_t i;

	for (i = 0; i < model->nsources; i++) {
		const struct model_source *src = &model->sources[i];
		struct buf markup = BUF_INIT, text = BUF_INIT;
		PangoLayout *layout;

		if (i == 0)
			pdf_fill(&text, doc->words->source, "source", src->text,
			    (char *)NULL);
		else
			buf_puts(&text, src->text);
		pdf_markup_escape(&markup, buf_str(&text));
		buf_free(&text);
		if (src->url != NULL) {
			buf_putc(&markup, ' ');
			pdf_markup_ltr(doc, &markup, src->url);
		}
		layout = pdf_text(doc, PDF_SMALL, buf_str(&markup), pdf_width(doc), PDF_START,
		    false, "source");
		buf_free(&markup);
		if (layout == NULL)
			return -1;
		pdf_flow_text(doc, layout, pdf_left(doc), INK_HELP);
		doc->y += 3.0;
		g_object_unref(layout);
	}
	return 0;
}

int
pdf_worksheet_layout(struct pdf_doc *doc, const struct exercise *ex, const char *url)
{
	const struct exercise_model *model = ex->model;
	struct sheet s;
	size_t i;

	memset(&s, 0, sizeof(s));
	s.doc = doc;
	s.ex = ex;
	doc->landscape = model->landscape;
	pdf_doc_set_url(doc, url);
	pdf_new_page(doc);
	pdf_doc_where(doc, ex->path, 0, "exercise '%s'", ex->name);
	if (sheet_head(&s, url) != 0)
		return -1;
	if (model->intro != NULL && flow_paragraphs(doc, PDF_BODY, model->intro,
	    pdf_left(doc), pdf_width(doc), INK, GAP_PARA, "introduction") != 0)
		return -1;
	doc->y += GAP_FIELD - GAP_PARA;
	for (i = 0; i < model->nfields; i++) {
		const struct model_field *field = &model->fields[i];

		s.number = (int)i + 1;
		pdf_doc_where(doc, ex->path, 0, "exercise '%s', field '%s'", ex->name,
		    field->id);
		if (field_layout(&s, field) != 0)
			return -1;
		doc->y += GAP_FIELD;
	}
	pdf_doc_where(doc, ex->path, 0, "exercise '%s'", ex->name);
	if (sources(&s) != 0)
		return -1;
	doc->landscape = false;
	return doc->failed ? -1 : 0;
}

/* A heading of the facilitator notes. */
static int
notes_heading(struct pdf_doc *doc, const char *text)
{
	PangoLayout *layout = pdf_plain(doc, PDF_H3, text, pdf_width(doc), PDF_START, false,
	    NULL);

	if (layout == NULL)
		return -1;
	doc->y += 8.0;
	pdf_need(doc, pdf_text_height(layout) + 40.0);
	pdf_put_text(doc, layout, pdf_left(doc), doc->y, INK);
	doc->y += pdf_text_height(layout) + 5.0;
	g_object_unref(layout);
	return 0;
}

/* A bulleted (numbered when numbered) list of texts. */
static int
notes_list(struct pdf_doc *doc, const char *const *list, size_t n, bool numbered,
    const char *part)
{
	double indent = 7.0 * PDF_MM;
	size_t i;

	for (i = 0; i < n; i++) {
		char marker[24];
		PangoLayout *mark, *text;

		if (numbered)
			snprintf(marker, sizeof(marker), "%zu.", i + 1);
		else
			snprintf(marker, sizeof(marker), "•");
		mark = pdf_plain(doc, PDF_BODY, marker, indent, PDF_START, false, NULL);
		text = pdf_plain(doc, PDF_BODY, list[i], pdf_width(doc) - indent, PDF_START,
		    true, part);
		if (mark == NULL || text == NULL) {
			g_clear_object(&mark);
			g_clear_object(&text);
			return -1;
		}
		pdf_need(doc, fmin(pdf_text_height(text), 40.0));
		pdf_put_text(doc, mark, pdf_left(doc), doc->y, INK);
		pdf_flow_text(doc, text, pdf_left(doc) + indent, INK);
		doc->y += 5.0;
		g_object_unref(mark);
		g_object_unref(text);
	}
	return 0;
}

/* The notes themselves, from a fresh page (pdf_facilitator_layout). */
static int
facilitator_notes(struct pdf_doc *doc, const struct exercise *ex,
    const struct model_facilitator *notes)
{
	const char *title_text = ex->model->title;
	struct buf text = BUF_INIT;
	PangoLayout *kicker, *title;

	doc->landscape = false;
	pdf_new_page(doc);
	pdf_doc_where(doc, ex->path, 0, "exercise '%s', facilitator notes", ex->name);
	pdf_fill(&text, doc->words->facilitator_mark, "title", title_text,
	    (char *)NULL);
	pdf_mark(doc, 2, buf_str(&text));
	buf_free(&text);
	kicker = pdf_plain(doc, PDF_HELP, doc->words->facilitator_notes, pdf_width(doc),
	    PDF_START, false, NULL);
	title = pdf_plain(doc, PDF_H2, title_text, pdf_width(doc), PDF_START, true,
	    "title");
	if (kicker == NULL || title == NULL) {
		g_clear_object(&kicker);
		g_clear_object(&title);
		return -1;
	}
	pdf_put_text(doc, kicker, pdf_left(doc), doc->y, INK_HELP);
	doc->y += pdf_text_height(kicker) + 2.0;
	pdf_put_text(doc, title, pdf_left(doc), doc->y, INK);
	doc->y += pdf_text_height(title) + 8.0;
	g_object_unref(kicker);
	g_object_unref(title);
	if (notes->time != NULL) {
		struct buf markup = BUF_INIT;
		PangoLayout *layout;

		BUF_PUTSL(&markup, "<b>");
		pdf_markup_escape(&markup, doc->words->time);
		BUF_PUTSL(&markup, "</b> ");
		pdf_markup_escape(&markup, notes->time);
		layout = pdf_text(doc, PDF_BODY, buf_str(&markup), pdf_width(doc), PDF_START,
		    true, "time");
		buf_free(&markup);
		if (layout == NULL)
			return -1;
		pdf_flow_text(doc, layout, pdf_left(doc), INK);
		g_object_unref(layout);
		doc->y += 4.0;
	}
	if (notes->introduce != NULL &&
	    (notes_heading(doc, doc->words->introducing) != 0 ||
	    flow_paragraphs(doc, PDF_BODY, notes->introduce, pdf_left(doc),
	    pdf_width(doc), INK, GAP_PARA, "introduction") != 0))
		return -1;
	if (notes->nwatch_for > 0 &&
	    (notes_heading(doc, doc->words->watch_for) != 0 ||
	    notes_list(doc, notes->watch_for, notes->nwatch_for, false,
	    "watch_for") != 0))
		return -1;
	if (notes->nprompts > 0 &&
	    (notes_heading(doc, doc->words->discussion) != 0 ||
	    notes_list(doc, notes->prompts, notes->nprompts, true, "prompts") != 0))
		return -1;
	/* The rest of the page, ruled for the counselor's own notes. */
	doc->y += 6.0;
	if (pdf_fits(doc, 40.0 + 4 * PDF_LINE_PITCH)) {
		if (notes_heading(doc, doc->words->your_notes) != 0)
			return -1;
		pdf_rule_rest(doc);
	}
	return doc->failed ? -1 : 0;
}

int
pdf_facilitator_layout(struct pdf_doc *doc, const struct exercise *ex)
{
	const struct model_facilitator *notes = ex->model->facilitator;
	int status;

	if (notes == NULL)
		return 0;
	/* Every page of notes, the ones they run on to as well, says whom it
	   is for: a counselor photocopying handouts leaves it out. */
	pdf_doc_set_band(doc, doc->words->not_a_handout);
	status = facilitator_notes(doc, ex, notes);
	pdf_doc_set_band(doc, NULL);
	return status;
}
