/*
 * pdf_layout — the page engine under pdf_worksheet.c and pdf_booklet.c:
 * the fonts (found with fontconfig), text set with Pango, and a document
 * as a list of pages, each a list of things to draw, laid out top to bottom
 * with page breaks.  Pages are drawn with Cairo only once the whole
 * document is laid out, so every footer can say "page N of M" and a
 * contents page can give page numbers.
 *
 * Text is Pango markup (pdf_markup_escape for what the author wrote), set
 * in Noto Sans; a character it lacks comes from the first installed Noto
 * family that has it (Noto Sans Arabic, Noto Sans CJK SC, ...), through
 * Pango's font fallback over a family list of the Noto fonts alone.  A
 * character no Noto font has is found and reported, never drawn as a box
 * or from some other font.  Text is shaped in the document's language, and
 * a right-to-left language's pages are laid out as usual (x from the left)
 * and mirrored when drawn: a caller thinks in "start" and "end".  It is
 * internal to the pdf module, and the bottom of it: it knows nothing of
 * exercises, pages or booklets.
 */
#ifndef MEND_PDF_LAYOUT_H
#define MEND_PDF_LAYOUT_H

#include <pango/pango.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/buf.h"
#include "pdf/pdf.h"
#include "pdf/pdf_paper.h"

/* The font every PDF is set in first, and the Debian package that ships
   it with the Noto fonts of most other scripts. */
#define PDF_FONT_FAMILY "Noto Sans"
#define PDF_FONT_PACKAGE "fonts-noto-core"
/* The Debian package of the Noto fonts for Chinese, Japanese and Korean. */
#define PDF_CJK_PACKAGE "fonts-noto-cjk"

/* Points per millimetre. */
#define PDF_MM (72.0 / 25.4)
/* The distance between two writing lines: about 9 mm. */
#define PDF_LINE_PITCH (9.0 * PDF_MM)

/* The type styles. */
enum pdf_font {
	PDF_BODY,     /* running text, 10.5 pt */
	PDF_HELP,     /* a field's help and instructions, 10 pt, dark grey */
	PDF_SMALL,    /* captions, table notes, sources, 8.5 pt */
	PDF_LABEL,    /* a field's label, 12 pt bold */
	PDF_CELL,     /* a table's header and row names, 10 pt bold */
	PDF_H1,       /* a page's title, 20 pt bold */
	PDF_H2,       /* a heading, 14 pt bold */
	PDF_H3,       /* a smaller heading, 12 pt bold */
	PDF_COVER,    /* the cover's title, 28 pt bold */
	PDF_FOOTER,   /* the footer, 8 pt */
	PDF_NFONTS
};

/* Where the lines of a text go in its width: at the start of the
   document's direction (the left in English, the right in Arabic), the
   centre, or the end. */
enum pdf_align { PDF_START, PDF_CENTER, PDF_END };

/* The fonts, Pango context, language and words every document of a run
   shares. */
struct pdf_engine;

/*
 * Find the fonts with fontconfig and set up Pango for text in lang (a BCP
 * 47 tag: its shaping, its CJK glyph forms, its direction) and the PDFs'
 * words (every field set: pdf.c completes them; borrowed, and must outlive
 * the engine).  Returns the engine (pdf_engine_free), or NULL after a
 * diagnostic naming the package to install when Noto Sans is missing.
 */
struct pdf_engine *pdf_engine_new(const char *lang, const struct pdf_words *words);
void pdf_engine_free(struct pdf_engine *engine);

struct pdf_item;

/* One page: its size and what is drawn on it. */
struct pdf_page {
	double width, height;    /* points; landscape pages are wider than tall */
	struct pdf_item *items;  /* owned */
	size_t nitems, cap;
	char *url;               /* the footer's URL, or NULL: no footer */
	char *band;              /* the band's text across the top, or NULL */
};

/* A heading of the document, for the contents page and the PDF outline. */
struct pdf_mark {
	char *title;   /* plain text */
	int level;     /* 1 or 2 */
	size_t page;   /* 0-based page index */
};

/* A document being laid out. */
struct pdf_doc {
	struct pdf_engine *engine;  /* borrowed */
	const struct pdf_words *words;  /* the engine's; borrowed */
	bool rtl;                   /* the engine's language is right to left:
	                               pages are mirrored when drawn */
	enum pdf_paper paper;
	bool landscape;             /* the orientation new pages get */
	const char *site_name;      /* the footer's first part; borrowed */
	char *url;                  /* the footer's URL for new pages, or NULL */
	char *band;                 /* the band new pages get, or NULL */
	struct pdf_page *pages;     /* owned */
	size_t npages, cap;
	double y;                   /* the cursor on the last page, from its top */
	struct pdf_mark *marks;     /* owned, in document order */
	size_t nmarks;
	/* Who asked for the text being set, for diagnostics: */
	const char *file;           /* "exercises/x.lua", "content/x.md"; borrowed */
	int line;                   /* its line, or 0 */
	char *what;                 /* "exercise 'x', field 'y'", or NULL */
	bool failed;                /* a diagnostic was reported */
};

/* Start an empty document (in the engine's language and words); the
   caller ends it with pdf_doc_free. */
void pdf_doc_init(struct pdf_doc *doc, struct pdf_engine *engine,
    enum pdf_paper paper, const char *site_name);
void pdf_doc_free(struct pdf_doc *doc);
/* Set the footer URL of the pages begun from now on (copied; NULL: none). */
void pdf_doc_set_url(struct pdf_doc *doc, const char *url);
/*
 * Give the pages begun from now on a band across their top: white bold text
 * on solid black, which a black-and-white photocopy keeps (copied; NULL:
 * none).  Their writing area starts below it.
 */
void pdf_doc_set_band(struct pdf_doc *doc, const char *text);
/* Say who the next text belongs to, for diagnostics (what is printf'd). */
void pdf_doc_where(struct pdf_doc *doc, const char *file, int line,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Move every page and mark of from to the end of to; from is left empty. */
void pdf_doc_append(struct pdf_doc *to, struct pdf_doc *from);

/* The writing area of the last page (call after a page was begun), as
   laid out: left to right, whatever the direction (pdf_layout.h's top). */
double pdf_left(const struct pdf_doc *doc);
double pdf_right(const struct pdf_doc *doc);
/* The width between them. */
double pdf_width(const struct pdf_doc *doc);
double pdf_top(const struct pdf_doc *doc);
double pdf_bottom(const struct pdf_doc *doc);
/* The writing area's height on a fresh page of the current orientation. */
double pdf_page_room(const struct pdf_doc *doc);

/* Begin a page in doc->landscape's orientation; the cursor goes to its top. */
void pdf_new_page(struct pdf_doc *doc);
/* Is there room for height more points below the cursor? */
bool pdf_fits(const struct pdf_doc *doc, double height);
/* Begin a page unless height more points fit below the cursor. */
void pdf_need(struct pdf_doc *doc, double height);
/* Record a heading for the contents and the outline, on the current page. */
void pdf_mark(struct pdf_doc *doc, int level, const char *title);

/*
 * Set markup in font, wrapped to width points (aligned as align).  With
 * strict, a word wider than width is an error ("too wide for the page"),
 * else it is broken between characters.  part names the text in a
 * diagnostic ("label", "help").  Returns a new layout (g_object_unref), or
 * NULL after a diagnostic: bad markup (an internal error), a character the
 * font lacks, a word too wide.
 */
PangoLayout *pdf_text(struct pdf_doc *doc, enum pdf_font font, const char *markup,
    double width, enum pdf_align align, bool strict, const char *part);
/* pdf_text for plain text: text is escaped as markup first. */
PangoLayout *pdf_plain(struct pdf_doc *doc, enum pdf_font font, const char *text,
    double width, enum pdf_align align, bool strict, const char *part);
/* The height of a layout in points. */
double pdf_text_height(PangoLayout *layout);
/* The width from its start edge to the far end of its widest line, in
   points: its text's width, for a text aligned at its start. */
double pdf_text_width(PangoLayout *layout);

/* Draw layout with its top left at (x, y) on the current page (a reference
   is taken: the caller still unrefs its own). */
void pdf_put_text(struct pdf_doc *doc, PangoLayout *layout, double x, double y,
    double gray);
/*
 * Draw layout at x from the cursor down, continuing on new pages between
 * its lines when it does not fit (never leaving one line alone at the foot
 * of a page), and move the cursor below it.
 */
void pdf_flow_text(struct pdf_doc *doc, PangoLayout *layout, double x, double gray);
/* A line from (x0, y0) to (x1, y1); width in points; gray 0 black, 1 white. */
void pdf_put_line(struct pdf_doc *doc, double x0, double y0, double x1, double y1,
    double width, double gray, bool dotted);
/* Rule writing lines from the cursor to the foot of the page, as the
   worksheets' are; returns how many. */
int pdf_rule_rest(struct pdf_doc *doc);
/* A vertical bar at x from y0 on page first_page down to the cursor,
   broken across the pages between (a block quote's). */
void pdf_put_bar(struct pdf_doc *doc, size_t first_page, double y0, double x,
    double width, double gray);
/* A rectangle's outline (width > 0) and/or fill (fill >= 0, a gray). */
void pdf_put_rect(struct pdf_doc *doc, double x, double y, double w, double h,
    double width, double gray, double fill);
/* A circle's outline. */
void pdf_put_circle(struct pdf_doc *doc, double cx, double cy, double r,
    double width, double gray);
/* A QR code of the address url, size points square with its quiet zone,
   its top left at (x, y), and a link to url over it, for a reader of the
   PDF on screen.  Returns 0, or -1 after a diagnostic. */
int pdf_put_qr(struct pdf_doc *doc, const char *url, double x, double y,
    double size);
/* Make the area a link: "uri='https://...'" or "page=N" (Cairo's tag
   attributes).  Applies to the current page. */
void pdf_put_link(struct pdf_doc *doc, double x, double y, double w, double h,
    const char *attributes);

/*
 * Append words to out with its placeholders filled: after words come pairs
 * of a name and its value ("n", "3", "total", "9"), then NULL; "{n}" in
 * words becomes "3".  A placeholder with no value stays as it is.
 */
void pdf_fill(struct buf *out, const char *words, ...)
    __attribute__((sentinel));

/* Append s to out with Pango markup's special characters escaped. */
void pdf_markup_escape(struct buf *out, const char *s);
/*
 * pdf_markup_escape for a text always written left to right (an address, a
 * phone number): in a right-to-left document it is isolated, so that its
 * slashes and dots stay where they are in it.
 */
void pdf_markup_ltr(const struct pdf_doc *doc, struct buf *out, const char *s);
/* Append s as a Cairo tag attribute value: 'with \' and \\ escaped'. */
void pdf_attr_quote(struct buf *out, const char *s);

/* What pdf_doc_render writes into the PDF's information dictionary. */
struct pdf_meta {
	const char *title;
	const char *author;    /* or "" */
	const char *subject;   /* or "" */
};

/*
 * Draw every page of doc, each with its band (if it has one) and its footer
 * (site name, URL, "page N of M"), into out as a PDF; a right-to-left
 * document's pages mirrored.  Returns 0, or -1
 * after a diagnostic.
 */
int pdf_doc_render(struct pdf_doc *doc, const struct pdf_meta *meta, struct buf *out);

#endif
