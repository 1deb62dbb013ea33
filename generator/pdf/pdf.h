/*
 * pdf — the printed side of the guide: a worksheet per exercise and the
 * counselor's booklets, as PDF, drawn with Pango and Cairo in Debian's Noto
 * fonts (Noto Sans, and for other scripts the Noto family that has them,
 * found with fontconfig; only the glyphs used are embedded), with QR codes
 * from libqrencode.  A PDF is in one language: its text is shaped for it
 * (right to left for Arabic and Hebrew, whose pages are laid out mirrored),
 * and the PDFs' own words (footers, headings, the booklet's cover) come
 * from a struct pdf_words in that language.
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

/* One PDF made in memory; the pages list it as it is (theme.h's
   theme_set_pdfs). */
struct pdf_file {
	char *path;            /* in the output: "worksheets/apology-rewrite-a4.pdf" */
	char *title;           /* "Rewrite an apology", "Counselor's booklet" */
	const char *exercise;  /* the exercise's name, NULL for a booklet; borrowed */
	bool facilitator;      /* the facilitator's edition of the booklet */
	enum pdf_paper paper;
	int pages;             /* its page count */
	struct buf data;       /* the PDF's bytes */
	size_t lang;           /* its language: an index in config->languages
	                          (set by the build, which makes each
	                          language's PDFs under its folder) */
};

/* The PDFs made, in the order the Worksheets page lists them. */
struct pdf_set {
	struct pdf_file *files;  /* owned */
	size_t nfiles;
};

/*
 * The PDFs' own words: every text they print that the project does not
 * give.  Each is plain text (not markup) in the PDFs' language; the code
 * fills in the placeholders {n}, {total}, {title} and {label} where a text
 * has them (no printf formats: a translation may move them, and a '%' is
 * just a character).  PDF_WORDS lists every field with its English text,
 * which is the default (pdf_words_english), for the theme's translation
 * files to fill from: X(field, english).
 */
#define PDF_WORDS(X) \
	X(page_of, "page {n} of {total}")  /* every page's footer */ \
	X(not_a_handout, "For the counselor: not a handout")  /* the band over \
	   the facilitator notes */ \
	X(booklet, "Counselor’s booklet")  /* the booklet's title and cover */ \
	X(booklet_facilitator, "Counselor’s booklet, facilitator’s edition") \
	X(cover_facilitator, "Counselor’s booklet · facilitator’s edition") \
	X(cover_facilitator_note, "With notes for the facilitator after each " \
	    "worksheet.") \
	X(provided_by, "Provided by")  /* before [print]'s practice */ \
	X(contents, "Contents") \
	X(about, "About this guide")  /* the home page's heading */ \
	X(using_booklet, "Using this booklet") \
	X(using_booklet_text, "Each step begins on a new page, and its worksheet " \
	    "follows it, so a step or a worksheet can be photocopied on its own. " \
	    "Worksheets leave room to write by hand; a printed copy of each, on " \
	    "A4 or US Letter paper, is also on the site.") \
	X(facilitator_edition_text, "This is the facilitator’s edition: after " \
	    "each worksheet come notes for you, on how to introduce it, what to " \
	    "watch for, and questions for discussion. A black band across the " \
	    "top marks each of those pages as yours, not a handout: leave them " \
	    "out when you copy handouts.") \
	X(step_of, "Step {n} of {total}")  /* over a step's title */ \
	X(step_mark, "Step {n}. {title}")  /* contents and outline */ \
	X(notes, "Notes")  /* the ruled rest of a step's page */ \
	X(worksheet_follows, "The worksheet “{title}” follows this step.") \
	X(safety_title, "Your safety comes first") \
	X(safety_text, "This guide is for partners who feel safe with each " \
	    "other. If your partner makes you afraid, or controls your life " \
	    "(checks your phone or messages, controls the money, decides whom " \
	    "you see or where you go, threatens or hurts you), this guide is not " \
	    "the right step for now. That is not your fault, and you do not have " \
	    "to face it alone.") \
	X(safety_talk, "You can talk to someone, in confidence: your doctor, a " \
	    "counselor, or a local domestic-abuse service. They can help you " \
	    "think about what is safe for you.")  /* when there are no help \
	   lines */ \
	X(safety_talk_lines, "You can talk to someone, in confidence:")  /* \
	   before the help lines */ \
	X(safety_danger, "If you are in danger right now, call your local " \
	    "emergency number.") \
	X(back_title, "Back to the site")  /* the booklet's last page */ \
	X(back_online, "The guide, its worksheets and this booklet are online " \
	    "at") \
	X(back_scan, "Scan the code with a phone’s camera to open the guide. On " \
	    "the site, each worksheet can also be filled in on screen; what " \
	    "someone types is never sent anywhere, and is kept only in that " \
	    "browser tab unless they choose to keep it on their device.") \
	X(worksheet_mark, "Worksheet: {title}")  /* contents and outline */ \
	X(for_both, "For both partners")  /* under a worksheet's title */ \
	X(for_one, "For one person") \
	X(scan, "Scan to open it online")  /* under a worksheet's QR code */ \
	X(how_both, "Write by hand in the spaces below, together, or each on " \
	    "your own copy first. There are no right answers, and anything can " \
	    "stay blank.") \
	X(how_one, "Write by hand in the spaces below. There are no right " \
	    "answers, and anything can stay blank.") \
	X(continued, "{n}. {label} (continued)")  /* a field on its next page */ \
	X(original, "The original")  /* a rewrite's captions */ \
	X(your_version, "Your version") \
	X(signature, "Signature")  /* a signature line without signers */ \
	X(date, "Date") \
	X(first_partner, "First partner")  /* a per-partner column's halves */ \
	X(second_partner, "Second partner") \
	X(another_area, "Another area:")  /* a table's blank row */ \
	X(source, "Source: {source}")  /* the first of a worksheet's sources */ \
	X(facilitator_mark, "Facilitator notes: {title}")  /* the outline */ \
	X(facilitator_notes, "Facilitator notes")  /* over the notes' title */ \
	X(time, "Time:")  /* before the notes' time, in bold */ \
	X(introducing, "Introducing it")  /* the notes' headings */ \
	X(watch_for, "What to watch for") \
	X(discussion, "Questions for discussion") \
	X(your_notes, "Your notes")

struct pdf_words {
#define PDF_WORD_FIELD(field, english) const char *field;
	PDF_WORDS(PDF_WORD_FIELD)
#undef PDF_WORD_FIELD
};

/* The English words, every field set. */
extern const struct pdf_words pdf_words_english;

/* What to make. */
struct pdf_request {
	const char *only;   /* NULL: every PDF; else an exercise's name, "booklet"
	                       or "booklet-facilitator" (pdf_name_known) */
	unsigned papers;    /* bits 1 << PDF_A4, 1 << PDF_LETTER; 0: both */
	const char *lang;   /* the PDFs' language, a BCP 47 tag ("ar", "zh-Hant");
	                       NULL: the site's (site.toml's language); borrowed */
	const struct pdf_words *words;  /* their words in it; NULL: English, and
	                       so is any field left NULL; borrowed */
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
 * Noto Sans is not installed (naming the package to install), an exercise
 * does not fit the page (a field too wide, a row or box taller than a
 * page) or has a character no installed Noto font has (naming the exercise
 * and the field), or a page's text has one (at its Markdown line).
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
