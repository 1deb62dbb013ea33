/*
 * pdf_paper — paper sizes and names.  See pdf_paper.h.
 */
#include "pdf/pdf_paper.h"

void
pdf_paper_size(enum pdf_paper paper, double *width, double *height)
{
	*width = paper == PDF_LETTER ? 612.0 : 595.0;
	*height = paper == PDF_LETTER ? 792.0 : 842.0;
}

const char *
pdf_paper_name(enum pdf_paper paper)
{
	return paper == PDF_LETTER ? "US Letter" : "A4";
}

const char *
pdf_paper_slug(enum pdf_paper paper)
{
	return paper == PDF_LETTER ? "letter" : "a4";
}
