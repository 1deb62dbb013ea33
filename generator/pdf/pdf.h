/*
 * pdf — the printed side of the guide: a worksheet per exercise and the
 * counselor's booklets, as PDF, drawn with Pango and Cairo in one font
 * (pdf_layout.h's PDF_FONT_FAMILY, embedded as subsets), with QR codes
 * from libqrencode.
 *
 * For every exercise a page uses: NAME-a4.pdf and NAME-letter.pdf.  For the
 * counselor: booklet-{a4,letter}.pdf (cover, contents, the home page's lead,
 * every step with its worksheets after it, a last page back to the site)
 * and booklet-facilitator-{a4,letter}.pdf (the same, and each exercise's
 * facilitator notes after its worksheet).  Everything is made in memory:
 * the caller writes the files (through output.h, so a failure leaves the
 * previous output as it was).
 *
 * This module reads the site model and the exercise models; it renders no
 * HTML and writes no file.  Output is deterministic: the same project
 * gives the same bytes, apart from the creation date, which is taken from
 * SOURCE_DATE_EPOCH when it is set.
 */
#ifndef MEND_PDF_H
#define MEND_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/buf.h"
#include "pdf/pdf_paper.h"  /* enum pdf_paper, pdf_paper_name, pdf_paper_slug */

struct site;
struct exercise;

/* The folder of the site the PDFs go in; every pdf_file's path starts
   with it and a '/'. */
#define PDF_FOLDER "worksheets"

/* One PDF made in memory. */
struct pdf_file {
	char *path;            /* in the output: "worksheets/apology-rewrite-a4.pdf" */
	char *title;           /* "Rewrite an apology", "Counselor's booklet" */
	const char *exercise;  /* the exercise's name, NULL for a booklet; borrowed */
	bool facilitator;      /* the facilitator's edition of the booklet */
	enum pdf_paper paper;
	int pages;             /* its page count */
	struct buf data;       /* the PDF's bytes */
};

/* The PDFs made, in the order the Worksheets page lists them. */
struct pdf_set {
	struct pdf_file *files;  /* owned */
	size_t nfiles;
};

/* What to make. */
struct pdf_request {
	const char *only;   /* NULL: every PDF; else an exercise's name, "booklet"
	                       or "booklet-facilitator" (pdf_name_known) */
	unsigned papers;    /* bits 1 << PDF_A4, 1 << PDF_LETTER; 0: both */
};

/* The project the PDFs are made from; everything is borrowed. */
struct pdf_source {
	const struct site *site;                  /* pages rendered (markdown stage) */
	const struct exercise *const *exercises;  /* the exercises pages use */
	size_t nexercises;
};

/*
 * Make the PDFs req asks for into set (which the caller frees with
 * pdf_set_free, also after a failure).  Returns 0, or -1 after diagnostics:
 * the font is not installed (naming the package to install), an exercise
 * does not fit the page (a field too wide, a row or box taller than a
 * page) or has text in a script the font lacks (naming the exercise and the
 * field), or a page's text has such characters (at its Markdown line).
 * All of these are bad input: the caller exits with EXIT_INPUT.
 */
int pdf_make(const struct pdf_source *src, const struct pdf_request *req,
    struct pdf_set *set);
void pdf_set_free(struct pdf_set *set);

/*
 * Is name something pdf_make can make alone: an exercise a page uses,
 * "booklet" or "booklet-facilitator"?  When it is not and names is not
 * NULL, the names there are are appended to names ("a, b, booklet, ...").
 */
bool pdf_name_known(const struct pdf_source *src, const char *name,
    struct buf *names);

#endif
