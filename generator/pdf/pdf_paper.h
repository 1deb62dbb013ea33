/*
 * pdf_paper — the papers a PDF is made for: their sizes, and their names
 * for people and in file names.  The rest of the pdf module, and its
 * callers (through pdf.h), take a paper as an enum pdf_paper.
 */
#ifndef MEND_PDF_PAPER_H
#define MEND_PDF_PAPER_H

enum pdf_paper {
	PDF_A4,      /* 595 x 842 pt */
	PDF_LETTER,  /* US Letter, 612 x 792 pt */
	PDF_NPAPERS
};

/* The paper's portrait size in points: *width, *height. */
void pdf_paper_size(enum pdf_paper paper, double *width, double *height);
/* "A4", "US Letter": the paper's name for people. */
const char *pdf_paper_name(enum pdf_paper paper);
/* "a4", "letter": the paper's name in file names and on the command line. */
const char *pdf_paper_slug(enum pdf_paper paper);

#endif
