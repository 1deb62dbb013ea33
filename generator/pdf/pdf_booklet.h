/*
 * pdf_booklet — the counselor's booklet, laid out: internal to the pdf
 * module, which pdf.c makes the booklets' PDFs with.  It lays out the
 * site's pages with the page engine (pdf_layout.h) and each worksheet
 * with pdf_worksheet.h; it calls nothing in pdf.c.
 */
#ifndef MEND_PDF_BOOKLET_H
#define MEND_PDF_BOOKLET_H

#include <stdbool.h>
#include <stddef.h>

struct exercise;
struct pdf_doc;
struct site;

/*
 * Lay out the booklet of site (the pages rendered by the markdown stage)
 * into doc: its cover, contents, home page, steps, and after each step the
 * worksheets of exercises (the nexercises the pages use) it holds, with
 * their facilitator notes in the facilitator's edition.  Returns 0, or -1
 * after diagnostics.
 */
int pdf_booklet_layout(struct pdf_doc *doc, const struct site *site,
    const struct exercise *const *exercises, size_t nexercises,
    bool facilitator);

#endif
