/*
 * pdf_worksheet — an exercise on paper: its worksheet, and its facilitator
 * notes for the counselor's booklet.  Internal to the pdf module: pdf.c
 * makes a worksheet's own PDF with it, pdf_booklet.c puts worksheets in a
 * booklet.  It lays out with the page engine (pdf_layout.h) and reads the
 * exercise's model (model.h).
 */
#ifndef MEND_PDF_WORKSHEET_H
#define MEND_PDF_WORKSHEET_H

struct exercise;
struct page;
struct pdf_doc;
struct site;

/*
 * The page a worksheet belongs to, whose address its QR code and footer
 * give: the first page of site whose body holds the exercise name (a
 * ```exercise NAME block), or NULL when none does (then it has no
 * worksheet).  Borrowed from site.
 */
const struct page *pdf_worksheet_page(const struct site *site, const char *name);

/*
 * Lay out the worksheet of ex from a fresh page of doc; url is its page's
 * full address.  Returns 0, or -1 after diagnostics naming the exercise
 * and the field (a field too wide or too tall for the page, a character
 * the font lacks).
 */
int pdf_worksheet_layout(struct pdf_doc *doc, const struct exercise *ex,
    const char *url);

/*
 * The exercise's facilitator notes, from a fresh page of doc, each page
 * with the band PDF_NOT_A_HANDOUT (nothing when it has none).  Returns 0,
 * or -1 after diagnostics.
 */
int pdf_facilitator_layout(struct pdf_doc *doc, const struct exercise *ex);

#endif
