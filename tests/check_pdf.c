/*
 * The printed guide, as a counselor gets it: `mend pdf` and `mend build`
 * on a copy of this repository's own guide, read back with independent
 * tools (poppler-utils' pdfinfo, pdffonts, pdftotext, pdftoppm, and
 * zbar-tools' zbarimg): page sizes and counts, embedded fonts, the text on
 * the pages (titles, every field label, the boundary table's areas, the
 * footer's "page N of M"), the booklet's order, the QR codes, identical
 * output for identical input; sites in Arabic, Hebrew, Hindi and Chinese
 * (tests/sites/scripts/) shaped, embedded as subsets and read back in
 * logical order, right to left mirrored, with the PDFs' words in their
 * language; and bad input (a field too wide, a character no Noto font has,
 * a box too tall, a missing font) stopped with exit status 3 and a
 * diagnostic naming the exercise and the field, the previous output left
 * as it was.
 */
#define _GNU_SOURCE /* memmem */
#include <check.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "build_stages.h"  /* project_load: PDFs with words of our own */
#include "harness.h"
#include "lib/buf.h"
#include "lib/util.h"
#include "pdf/pdf.h"
#include "pdf/pdf_layout.h"

/* The guide's nine steps, in order, as its content/steps/ has them. */
static const char *const step_titles[] = {
	"Acknowledge the Breach", "Apologize Sincerely", "Give Space to Heal",
	"Communicate Openly", "Be Consistent and Reliable", "Set Boundaries Together",
	"Seek Professional Support if Needed", "Focus on Positive Experiences",
	"Be Patient with the Process",
};
/* Their Markdown files, in the same order. */
static const char *const step_files[] = {
	"acknowledge-the-breach", "apologize-sincerely", "give-space-to-heal",
	"communicate-openly", "be-consistent-and-reliable", "set-boundaries-together",
	"seek-professional-support", "focus-on-positive-experiences",
	"be-patient-with-the-process",
};

/* The PDFs `mend pdf` makes for the guide. */
static const char *const all_pdfs[] = {
	"apology-rewrite-a4.pdf", "apology-rewrite-letter.pdf",
	"boundary-worksheet-a4.pdf", "boundary-worksheet-letter.pdf",
	"booklet-a4.pdf", "booklet-letter.pdf",
	"booklet-facilitator-a4.pdf", "booklet-facilitator-letter.pdf",
};
#define NPDFS (sizeof(all_pdfs) / sizeof(all_pdfs[0]))

/* The band on every page of facilitator notes. */
#define PDF_BAND_TEXT "For the counselor: not a handout"

/* The guide's own site.toml names a placeholder; the copies publish here. */
#define PLACEHOLDER "https://example.org/"
#define SITE_URL "https://rebuildingtrust.org/"

/*
 * A copy of the guide (site.toml, content, exercises, themes); caller
 * frees.  Its site.toml has base_url = SITE_URL, so that mend does not warn
 * about the placeholder (guide_as_it_is keeps it).
 */
static char *
guide_with(bool placeholder)
{
	char *dir = harness_guide();
	char *toml, *at;
	struct buf text = BUF_INIT;

	toml = harness_read(dir, "site.toml");
	ck_assert_ptr_nonnull(toml);
	at = strstr(toml, "base_url = \"" PLACEHOLDER "\"");
	ck_assert_msg(at != NULL, "site.toml's base_url is not " PLACEHOLDER);
	at += strlen("base_url = \"");
	buf_put(&text, toml, (size_t)(at - toml));
	buf_puts(&text, placeholder ? PLACEHOLDER : SITE_URL);
	buf_puts(&text, at + strlen(PLACEHOLDER));
	harness_write(dir, "site.toml", buf_str(&text));
	buf_free(&text);
	free(toml);
	return dir;
}

static char *
guide(void)
{
	return guide_with(false);
}

/*
 * Run a shell command (printf-formatted) and return its standard output
 * (caller frees); *status gets its exit status when not NULL.
 */
static char *
shell(int *status, const char *fmt, ...)
{
	char cmd[8192];
	struct buf out = BUF_INIT;
	char chunk[4096];
	size_t n;
	va_list ap;
	FILE *p;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	ck_assert_msg(p != NULL, "cannot run %s", cmd);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_put(&out, chunk, n);
	st = pclose(p);
	if (status != NULL)
		*status = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
	return buf_detach(&out);
}

/* text with every run of white space made one space (wrapped labels). */
static char *
squeeze(const char *text)
{
	char *out = xmalloc(strlen(text) + 1), *q = out;
	bool space = false;

	for (; *text != '\0'; text++) {
		if (*text == ' ' || *text == '\n' || *text == '\t' || *text == '\f') {
			space = q != out;
			continue;
		}
		if (space)
			*q++ = ' ';
		space = false;
		*q++ = *text;
	}
	*q = '\0';
	return out;
}

static void
assert_contains(const char *haystack, const char *needle, const char *where)
{
	ck_assert_msg(haystack != NULL && strstr(haystack, needle) != NULL,
	    "%s: expected to find\n  %s\nin\n%s", where, needle,
	    haystack ? haystack : "(null)");
}

/* The page count pdfinfo reads from dir/name, or -1. */
static int
page_count(const char *dir, const char *name)
{
	char *info = shell(NULL, "pdfinfo '%s/%s' 2>&1", dir, name), *p;
	int pages = -1;

	if ((p = strstr(info, "\nPages:")) != NULL)
		pages = atoi(p + 7);
	free(info);
	return pages;
}

/*
 * pdftotext -layout of dir/name, all pages (first..last when > 0), without
 * the bidirectional marks pdftotext puts around right-to-left lines and
 * the numbers and Latin in them (U+200E, U+200F, U+202A to U+202E, U+2066
 * to U+2069): the letters, in the order they were written.
 */
static char *
text_of(const char *dir, const char *name, int first, int last)
{
	char *text, *p, *q;

	if (first > 0)
		text = shell(NULL, "pdftotext -layout -f %d -l %d '%s/%s' - 2>&1", first,
		    last, dir, name);
	else
		text = shell(NULL, "pdftotext -layout '%s/%s' - 2>&1", dir, name);
	for (p = q = text; *p != '\0'; p++) {
		const unsigned char *u = (const unsigned char *)p;

		if (u[0] == 0xE2 && ((u[1] == 0x80 && (u[2] == 0x8E || u[2] == 0x8F ||
		    (u[2] >= 0xAA && u[2] <= 0xAE))) || (u[1] == 0x81 && u[2] >= 0xA6 &&
		    u[2] <= 0xA9))) {
			p += 2;
			continue;
		}
		*q++ = *p;
	}
	*q = '\0';
	return text;
}

/* `mend pdf -o out` in dir (SOURCE_DATE_EPOCH as the environment has it). */
static void
print_all(const char *dir, const char *out)
{
	struct run r;

	run_mend(&r, dir, NULL, "pdf", "-q", "-o", out, NULL);
	ck_assert_msg(r.status == 0, "mend pdf: status %d, stderr:\n%s", r.status, r.err);
	ck_assert_str_eq(r.err, "");
	run_free(&r);
}

START_TEST(every_pdf_has_its_paper_and_pages)
{
	char *dir = guide(), out[4200];
	size_t i;

	snprintf(out, sizeof(out), "%s/out", dir);
	print_all(dir, "out");
	for (i = 0; i < NPDFS; i++) {
		const char *name = all_pdfs[i];
		bool letter = strstr(name, "letter") != NULL;
		bool landscape = strncmp(name, "boundary", 8) == 0;
		int pages = page_count(out, name), k;
		char *sizes = shell(NULL, "pdfinfo -f 1 -l %d '%s/%s'", pages, out, name);
		char want[128];

		ck_assert_msg(pages >= (strncmp(name, "booklet", 7) == 0 ? 12 : 1),
		    "%s: %d pages", name, pages);
		/* Every page: the paper, portrait or (the boundary table) landscape. */
		for (k = 1; k <= pages; k++) {
			snprintf(want, sizeof(want), "Page %4d size:  %s pts (%s)", k,
			    letter ? (landscape ? "792 x 612" : "612 x 792") :
			    (landscape ? "842 x 595" : "595 x 842"), letter ? "letter" : "A4");
			if (strncmp(name, "booklet", 7) == 0 && strstr(sizes, want) == NULL)
				snprintf(want, sizeof(want), "Page %4d size:  %s pts (%s)", k,
				    letter ? "792 x 612" : "842 x 595", letter ? "letter" : "A4");
			assert_contains(sizes, want, name);
		}
		/* Every page but the booklet's cover has the footer, numbered. */
		for (k = strncmp(name, "booklet", 7) == 0 ? 2 : 1; k <= pages; k++) {
			char *text = text_of(out, name, k, k);

			snprintf(want, sizeof(want), "page %d of %d", k, pages);
			assert_contains(text, want, name);
			assert_contains(text, "How to Rebuild Trust in a Relationship", name);
			assert_contains(text, SITE_URL, name);
			free(text);
		}
		free(sizes);
	}
	/* The booklets have the boundary worksheet's pages in landscape. */
	{
		char *sizes = shell(NULL, "pdfinfo -f 1 -l 40 '%s/booklet-a4.pdf'", out);

		assert_contains(sizes, "size:  842 x 595 pts (A4)", "booklet-a4.pdf");
		assert_contains(sizes, "size:  595 x 842 pts (A4)", "booklet-a4.pdf");
		free(sizes);
	}
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(fonts_are_embedded)
{
	char *dir = guide(), out[4200];
	size_t i;

	snprintf(out, sizeof(out), "%s/out", dir);
	print_all(dir, "out");
	for (i = 0; i < NPDFS; i++) {
		char *fonts = shell(NULL, "pdffonts '%s/%s'", out, all_pdfs[i]);
		char *line, *save;
		int n = 0;

		/* name type encoding emb sub uni object ID, after two header lines */
		for (line = strtok_r(fonts, "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save)) {
			if (strncmp(line, "name", 4) == 0 || strncmp(line, "----", 4) == 0)
				continue;
			n++;
			ck_assert_msg(strstr(line, "+NotoSans-") != NULL,
			    "%s: a font other than Noto Sans: %s", all_pdfs[i], line);
			ck_assert_msg(strstr(line, " yes yes yes ") != NULL,
			    "%s: a font not embedded as a subset with Unicode: %s",
			    all_pdfs[i], line);
		}
		ck_assert_msg(n >= 2, "%s: %d fonts", all_pdfs[i], n);
		free(fonts);
	}
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* Every label of the exercise's model (fields, items, table rows and
   columns) is in text. */
static void
assert_labels(const char *dir, const char *name, const char *text)
{
	struct run r;
	json_t *model, *fields, *field, *list, *item;
	json_error_t error;
	size_t i, k;
	char *flat = squeeze(text);

	run_mend(&r, dir, NULL, "debug", "model", name, NULL);
	ck_assert_int_eq(r.status, 0);
	model = json_loads(r.out, 0, &error);
	ck_assert_msg(model != NULL, "the model of %s: %s", name, error.text);
	run_free(&r);
	assert_contains(flat, json_string_value(json_object_get(model, "title")), name);
	fields = json_object_get(model, "fields");
	ck_assert_int_gt(json_array_size(fields), 0);
	json_array_foreach(fields, i, field) {
		char *label = squeeze(json_string_value(json_object_get(field, "label")));

		assert_contains(flat, label, name);
		free(label);
		list = json_object_get(field, "items");
		json_array_foreach(list, k, item) {
			char *s = squeeze(json_string_value(json_object_get(item, "label")));
			assert_contains(flat, s, name);
			free(s);
		}
		list = json_object_get(field, "rows");
		json_array_foreach(list, k, item)
			if (json_object_get(item, "label") != NULL)
				assert_contains(flat, json_string_value(json_object_get(item,
				    "label")), name);
		list = json_object_get(field, "columns");
		json_array_foreach(list, k, item) {
			char *s = squeeze(json_string_value(json_object_get(item, "label")));
			/* a narrow column's label may wrap: its first word at least */
			s[strcspn(s, " ")] = '\0';
			assert_contains(flat, s, name);
			free(s);
		}
		if (json_object_get(field, "original") != NULL)
			assert_contains(flat, json_string_value(json_object_get(field,
			    "original")), name);
	}
	json_decref(model);
	free(flat);
}

START_TEST(worksheets_hold_every_label)
{
	char *dir = guide(), out[4200];
	char *apology, *boundary, *letter;

	snprintf(out, sizeof(out), "%s/out", dir);
	print_all(dir, "out");
	apology = text_of(out, "apology-rewrite-a4.pdf", 0, 0);
	boundary = text_of(out, "boundary-worksheet-a4.pdf", 0, 0);
	letter = text_of(out, "boundary-worksheet-letter.pdf", 0, 0);
	assert_labels(dir, "apology-rewrite", apology);
	assert_labels(dir, "boundary-worksheet", boundary);
	assert_labels(dir, "boundary-worksheet", letter);
	assert_contains(apology, "For one person", "apology");
	assert_contains(boundary, "For both partners", "boundary");
	/* The boundary table: its areas, and its header on every page. */
	assert_contains(boundary, "Communication", "boundary");
	assert_contains(boundary, "Privacy and phones", "boundary");
	assert_contains(boundary, "Repair after conflict", "boundary");
	assert_contains(boundary, "Another area:", "boundary");
	assert_contains(letter, "Second partner", "boundary, Letter");
	{
		char *page2 = text_of(out, "boundary-worksheet-a4.pdf", 2, 2);

		assert_contains(page2, "Our boundaries (continued)", "page 2");
		assert_contains(page2, "What I need", "page 2");
		assert_contains(page2, "What we agree", "page 2");
		/* each partner's own room under "What I need" and "What I can
		   offer": a heading each, twice */
		ck_assert_msg(strstr(page2, "First partner") != NULL &&
		    strstr(strstr(page2, "First partner") + 1, "First partner") != NULL,
		    "page 2 has no \"First partner\" column under each per-partner "
		    "column:\n%s", page2);
		ck_assert_msg(strstr(page2, "Second partner") != NULL &&
		    strstr(strstr(page2, "Second partner") + 1, "Second partner") != NULL,
		    "page 2 has no \"Second partner\" column under each per-partner "
		    "column:\n%s", page2);
		free(page2);
	}
	assert_contains(apology, SITE_URL "steps/apologize-sincerely/", "apology");
	assert_contains(boundary, SITE_URL "steps/set-boundaries-together/",
	    "boundary");
	free(apology);
	free(boundary);
	free(letter);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* Where needle is in text after from, or NULL. */
static const char *
after(const char *text, const char *from, const char *needle)
{
	const char *start = from != NULL ? from : text;

	return strstr(start, needle);
}

START_TEST(booklet_holds_the_guide_in_order)
{
	char *dir = guide(), out[4200];
	char *booklet, *facilitator, *flat, *flat_f;
	const char *at, *next;
	char want[256];
	size_t i;

	harness_write(dir, "site.toml", "title = \"How to Rebuild Trust in a Relationship\"\n"
	    "base_url = \"" SITE_URL "\"\n"
	    "[print]\npractice = \"Riverside Counselling\"\n"
	    "contact = [\"12 Mill Lane, Riverside\", \"01234 567890\"]\n");
	snprintf(out, sizeof(out), "%s/out", dir);
	print_all(dir, "out");
	booklet = text_of(out, "booklet-a4.pdf", 0, 0);
	facilitator = text_of(out, "booklet-facilitator-letter.pdf", 0, 0);
	flat = squeeze(booklet);
	flat_f = squeeze(facilitator);
	/* The cover: the site's title and the practice. */
	{
		char *cover = text_of(out, "booklet-a4.pdf", 1, 1);

		assert_contains(cover, "Riverside Counselling", "cover");
		assert_contains(cover, "12 Mill Lane, Riverside", "cover");
		assert_contains(cover, "01234 567890", "cover");
		free(cover);
	}
	/* The contents, then the home page's lead, then every step in order,
	   each worksheet right after its step. */
	at = after(flat, NULL, "Contents");
	ck_assert_ptr_nonnull(at);
	at = after(flat, at, "About this guide");
	at = after(flat, at, "Trust is the foundation of any healthy relationship");
	ck_assert_ptr_nonnull(at);
	for (i = 0; i < 9; i++) {
		snprintf(want, sizeof(want), "Step %zu of 9 %s", i + 1, step_titles[i]);
		next = after(flat, at, want);
		ck_assert_msg(next != NULL, "step %zu (%s) is missing or out of order",
		    i + 1, step_titles[i]);
		at = next;
		if (i == 1) {
			ck_assert_ptr_nonnull(after(flat, at, "Rewrite an apology For one person"));
			ck_assert(after(flat, at, "Rewrite an apology For one person") <
			    after(flat, at, "Step 3 of 9"));
		}
		if (i == 5) {
			ck_assert_ptr_nonnull(after(flat, at, "Boundary worksheet For both partners"));
			ck_assert(after(flat, at, "Boundary worksheet For both partners") <
			    after(flat, at, "Step 7 of 9"));
		}
	}
	assert_contains(at, "Back to the site", "booklet");
	/* The safety note follows each step whose page shows it on the site
	   (safety = true), and no other. */
	for (i = 0; i < 9; i++) {
		char rel[256], *md, *end;
		const char *note;
		bool wanted;

		snprintf(rel, sizeof(rel), "content/steps/%s.md", step_files[i]);
		md = harness_read(dir, rel);
		ck_assert_ptr_nonnull(md);
		wanted = strstr(md, "\nsafety = true\n") != NULL;
		free(md);
		snprintf(want, sizeof(want), "Step %zu of 9 %s", i + 1, step_titles[i]);
		at = after(flat, NULL, want);
		snprintf(want, sizeof(want), "Step %zu of 9", i + 2);
		end = i < 8 ? strstr(at, want) : strstr(at, "Back to the site");
		note = after(flat, at, "Your safety comes first");
		ck_assert_msg((note != NULL && note < end) == wanted,
		    "step %zu (%s): the safety note is %s", i + 1, step_titles[i],
		    wanted ? "missing" : "there, but the page has none");
	}
	/* Typographic quotes kept, emphasis as text. */
	assert_contains(flat, "“I’m sorry if you feel hurt,”", "booklet");
	/* The plain booklet has no facilitator notes; the facilitator's has
	   them, after each worksheet. */
	ck_assert_ptr_null(strstr(flat, "Questions for discussion"));
	at = after(flat_f, NULL, "Rewrite an apology For one person");
	ck_assert_ptr_nonnull(at);
	at = after(flat_f, at, "Facilitator notes Rewrite an apology");
	ck_assert_ptr_nonnull(at);
	assert_contains(at, "What to watch for", "facilitator");
	assert_contains(at, "Which of these apologies have you heard, or said?", "facilitator");
	ck_assert(at < after(flat_f, NULL, "Step 3 of 9 Give Space to Heal"));
	at = after(flat_f, at, "Boundary worksheet For both partners");
	ck_assert_ptr_nonnull(at);
	ck_assert_ptr_nonnull(after(flat_f, at, "Facilitator notes Boundary worksheet"));
	free(booklet);
	free(facilitator);
	free(flat);
	free(flat_f);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/*
 * The share of dark pixels (0 to 1) in a w x h point area at (x, y) of page
 * of dir/name, rendered at 72 dpi as a photocopier would see it: in black
 * and white (pdftoppm -mono).  *gray gets the area's mean gray when it
 * renders in grays (0 black, 255 white).
 */
static double
dark_share(const char *dir, const char *name, int page, int x, int y, int w, int h,
    double *gray)
{
	static const char *const kinds[] = { "mono", "gray" };
	double share = -1;
	int k;

	for (k = 0; k < 2; k++) {
		char *out, *data, *p;
		size_t len, i, n = 0;
		int width, height, maxval = 1, row, col, dark = 0, consumed = 0;
		long sum = 0;

		out = shell(NULL, "cd '%s' && pdftoppm -%s -r 72 -f %d -l %d -x %d -y %d "
		    "-W %d -H %d -singlefile '%s' crop && echo ok", dir, kinds[k], page,
		    page, x, y, w, h, name);
		ck_assert_msg(strcmp(out, "ok\n") == 0, "pdftoppm: %s", out);
		free(out);
		out = xstrdup(k == 0 ? "crop.pbm" : "crop.pgm");
		p = xmalloc(strlen(dir) + strlen(out) + 2);
		sprintf(p, "%s/%s", dir, out);
		ck_assert_int_eq(util_read_file(p, &data, &len), 0);
		free(p);
		free(out);
		/* A netpbm header: P4 W H, or P5 W H MAXVAL, then one blank. */
		ck_assert(k == 0 ? sscanf(data, "P4 %d %d%n", &width, &height, &consumed) == 2 :
		    sscanf(data, "P5 %d %d %d%n", &width, &height, &maxval, &consumed) == 3);
		ck_assert(width == w && height == h);
		i = (size_t)consumed + 1;
		for (row = 0; row < height; row++)
			for (col = 0; col < width; col++, n++) {
				if (k == 0) {  /* rows of bits, 1 for black, padded to bytes */
					size_t at = i + (size_t)row * (size_t)((width + 7) / 8) +
					    (size_t)(col / 8);

					ck_assert(at < len);
					dark += ((unsigned char)data[at] >> (7 - col % 8)) & 1;
				} else {
					ck_assert(i + n < len);
					sum += (unsigned char)data[i + n];
				}
			}
		if (k == 0)
			share = (double)dark / (double)n;
		else
			*gray = (double)sum / (double)n * 255.0 / maxval;
		free(data);
	}
	return share;
}

/* How many times needle is in text. */
static int
count_of(const char *text, const char *needle)
{
	int n = 0;

	for (; (text = strstr(text, needle)) != NULL; text += strlen(needle))
		n++;
	return n;
}

/*
 * text with its page footers ("Site · https://... page 6 of 22"), white
 * space and zero-width spaces (U+200B) left out.
 */
static char *
letters_only(const char *text)
{
	static const char footer[] = " \xC2\xB7 http";
	char *out = xmalloc(strlen(text) + 1), *q = out;
	bool line_start = true;
	const char *eol, *p;

	while (*text != '\0') {
		if (line_start && (eol = strchr(text, '\n')) != NULL) {
			for (p = text; p < eol && strncmp(p, footer,
			    sizeof(footer) - 1) != 0; p++)
				;
			if (p < eol) {  /* a footer line */
				text = eol;
				continue;
			}
		}
		line_start = *text == '\n';
		if (strncmp(text, "\xE2\x80\x8B", 3) == 0)
			text += 3;
		else if (*text == ' ' || *text == '\n' || *text == '\t' ||
		    *text == '\f')
			text++;
		else
			*q++ = *text++;
	}
	*q = '\0';
	return out;
}

/*
 * A step's title that is one word of 10,000 letters is broken between
 * letters over as many lines (and pages) as it needs, in both papers: every
 * letter is there, in order, in the contents and on the step's page, and
 * the next step follows.  (Breaking it once took
 * seconds: bench/long-word.sh times it.)
 */
START_TEST(long_word_in_a_title_is_broken)
{
	char *dir = guide(), *md, *at, *text, *flat;
	char out[4200], path[4200];
	struct buf page = BUF_INIT, word = BUF_INIT;
	const char *old = "title = \"Acknowledge the Breach\"";
	size_t i;

	for (i = 0; i < 10000; i++)
		buf_putc(&word, (char)('a' + (i * 7 + i / 26) % 26));
	snprintf(path, sizeof(path), "content/steps/%s.md", step_files[0]);
	md = harness_read(dir, path);
	ck_assert_ptr_nonnull(md);
	at = strstr(md, old);
	ck_assert_ptr_nonnull(at);
	buf_put(&page, md, (size_t)(at - md));
	buf_printf(&page, "title = \"%s\"", buf_str(&word));
	buf_puts(&page, at + strlen(old));
	harness_write(dir, path, buf_str(&page));
	snprintf(out, sizeof(out), "%s/out", dir);
	print_all(dir, "out");
	for (i = 0; i < 2; i++) {
		const char *name = i == 0 ? "booklet-a4.pdf" : "booklet-letter.pdf";

		text = text_of(out, name, 0, 0);
		flat = letters_only(text);
		at = strstr(flat, buf_str(&word));
		ck_assert_msg(at != NULL, "%s: the word is not in the contents "
		    "whole", name);
		at = strstr(at + 1, buf_str(&word));
		ck_assert_msg(at != NULL, "%s: the word is not on its page whole",
		    name);
		ck_assert_msg(strstr(at, "Step2of9ApologizeSincerely") != NULL,
		    "%s: step 2 does not follow the word", name);
		free(flat);
		free(text);
	}
	free(md);
	buf_free(&page);
	buf_free(&word);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/*
 * In the facilitator's booklet every page of facilitator notes, those the
 * notes run on to as well, carries the band "For the counselor: not a
 * handout" at its top, black with white text, which a black-and-white
 * photocopy keeps; no other page does, and neither the plain booklet nor a
 * worksheet has it anywhere.
 */
START_TEST(facilitator_pages_carry_the_band)
{
	static const char *const papers[] = { "a4", "letter" };
	char *dir = guide(), *script, *at, out[4200], name[64];
	struct buf longer = BUF_INIT;
	size_t i;
	int paper, k;

	/* Notes long enough to run on to a second page. */
	script = harness_read(dir, "exercises/apology-rewrite.lua");
	ck_assert_ptr_nonnull(script);
	at = strstr(script, "watch_for = {");
	ck_assert_msg(at != NULL, "apology-rewrite.lua has no watch_for");
	at += strlen("watch_for = {");
	buf_put(&longer, script, (size_t)(at - script));
	for (k = 0; k < 6; k++)  /* 10 at most, with the script's own 4 */
		buf_printf(&longer, "\n      \"Something more to watch for, number %d: a "
		    "long entry that wraps over several lines, so that the notes need "
		    "more than one page of the booklet, and the band must follow them "
		    "on to the next page. A long entry that wraps over several lines, "
		    "so that the notes need more than one page of the booklet. A long "
		    "entry that wraps over several lines, so that the notes need more "
		    "than one page of the booklet.\",", k + 1);
	buf_puts(&longer, at);
	harness_write(dir, "exercises/apology-rewrite.lua", buf_str(&longer));
	buf_free(&longer);
	free(script);
	snprintf(out, sizeof(out), "%s/out", dir);
	print_all(dir, "out");

	for (paper = 0; paper < 2; paper++) {
		int pages, notes = 0, continued = 0;
		bool in_notes = false;
		double page_w = paper == 0 ? 595.0 : 612.0, gray;

		snprintf(name, sizeof(name), "booklet-facilitator-%s.pdf", papers[paper]);
		pages = page_count(out, name);
		for (k = 1; k <= pages; k++) {
			char *text = text_of(out, name, k, k), *flat = squeeze(text);
			double share;

			/* The notes begin with their kicker ("Facilitator notes", then
			   the title; the contents say "Facilitator notes: ..."), and
			   run on until the next step or the last page. */
			if (strstr(flat, "Facilitator notes ") != NULL)
				in_notes = true;
			else if (strncmp(flat, "Step ", 5) == 0 ||
			    strncmp(flat, "Back to the site", 16) == 0)
				in_notes = false;
			ck_assert_msg(count_of(flat, PDF_BAND_TEXT) == (in_notes ? 1 : 0),
			    "%s page %d: the band is %s", name, k, in_notes ? "missing" :
			    "on a page that is not facilitator notes");
			if (in_notes) {
				notes++;
				continued += strstr(flat, "Facilitator notes") == NULL;
				/* First on the page, before the notes' own text. */
				ck_assert_msg(strncmp(flat, PDF_BAND_TEXT, strlen(PDF_BAND_TEXT))
				    == 0, "%s page %d: the band is not at the top:\n%s", name,
				    k, flat);
			}
			/* Its left end, where there is no text: solid black, and black
			   in black and white; on other pages, the blank top margin. */
			share = dark_share(out, name, k, 56, 26, 36, 18, &gray);
			if (in_notes)
				ck_assert_msg(share > 0.99 && gray < 20.0, "%s page %d: the band "
				    "is not dark (%.2f black, gray %.0f)", name, k, share, gray);
			else
				ck_assert_msg(share < 0.01 && gray > 240.0, "%s page %d: the top "
				    "margin is not blank (%.2f black)", name, k, share);
			/* The whole band in black and white: mostly black, with the
			   white text still in it. */
			if (in_notes) {
				share = dark_share(out, name, k, 53, 25, (int)page_w - 106, 21,
				    &gray);
				ck_assert_msg(share > 0.75 && share < 0.97, "%s page %d: the "
				    "band photocopies as %.2f black", name, k, share);
			}
			free(text);
			free(flat);
		}
		ck_assert_msg(notes >= 3 && continued >= 1, "%s: %d pages of notes, %d "
		    "continued", name, notes, continued);
	}
	/* Not in the plain booklet, nor on a worksheet. */
	for (i = 0; i < NPDFS; i++) {
		char *text;

		if (strncmp(all_pdfs[i], "booklet-facilitator", 19) == 0)
			continue;
		text = text_of(out, all_pdfs[i], 0, 0);
		ck_assert_msg(strstr(text, "not a handout") == NULL, "%s has the band",
		    all_pdfs[i]);
		free(text);
	}
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/*
 * What paper says about answers typed on the site is true in both of the
 * site's modes: never sent; kept in the browser tab only, unless the
 * reader chooses to keep them on the device.  No PDF says they "stay on"
 * a device.
 */
START_TEST(paper_is_true_about_answers)
{
	char *dir = guide(), out[4200];
	size_t i;

	snprintf(out, sizeof(out), "%s/out", dir);
	print_all(dir, "out");
	for (i = 0; i < NPDFS; i++) {
		char *text = text_of(out, all_pdfs[i], 0, 0), *flat = squeeze(text);

		ck_assert_msg(strstr(flat, "stays on") == NULL &&
		    strstr(flat, "this device") == NULL, "%s: %s", all_pdfs[i], flat);
		if (strncmp(all_pdfs[i], "booklet", 7) == 0) {
			int pages = page_count(out, all_pdfs[i]);
			char *last = text_of(out, all_pdfs[i], pages, pages);
			char *flat_last = squeeze(last);

			assert_contains(flat_last, "On the site, each worksheet can also be "
			    "filled in on screen; what someone types is never sent anywhere, "
			    "and is kept only in that browser tab unless they choose to keep "
			    "it on their device.", all_pdfs[i]);
			free(last);
			free(flat_last);
		}
		free(text);
		free(flat);
	}
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* The QR code on page of dir/name, decoded by zbarimg. */
static char *
qr_on(const char *dir, const char *name, int page)
{
	char *data;
	int status;

	free(shell(&status, "pdftoppm -png -r 150 -f %d -l %d -singlefile '%s/%s' "
	    "'%s/qr' 2>&1", page, page, dir, name, dir));
	ck_assert_int_eq(status, 0);
	data = shell(&status, "zbarimg -q --raw '%s/qr.png' 2>/dev/null", dir);
	ck_assert_msg(status == 0, "zbarimg found no code in %s page %d: %s", name, page,
	    data);
	return data;
}

START_TEST(qr_codes_open_the_pages)
{
	char *dir = guide(), out[4200], *data;
	int pages;

	snprintf(out, sizeof(out), "%s/out", dir);
	print_all(dir, "out");
	data = qr_on(out, "apology-rewrite-a4.pdf", 1);
	ck_assert_str_eq(data, SITE_URL "steps/apologize-sincerely/\n");
	free(data);
	data = qr_on(out, "boundary-worksheet-letter.pdf", 1);
	ck_assert_str_eq(data, SITE_URL "steps/set-boundaries-together/\n");
	free(data);
	pages = page_count(out, "booklet-letter.pdf");
	data = qr_on(out, "booklet-letter.pdf", pages);
	ck_assert_str_eq(data, SITE_URL "\n");
	free(data);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* dir/name without its /CreationDate entry (caller frees), *len its size. */
static char *
undated(const char *dir, const char *name, size_t *len)
{
	char path[4200], *data, *p, *end;
	FILE *f;
	long size;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot read %s", path);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	data = xmalloc((size_t)size + 1);
	ck_assert(fread(data, 1, (size_t)size, f) == (size_t)size);
	fclose(f);
	*len = (size_t)size;
	p = memmem(data, *len, "/CreationDate (", 15);
	ck_assert_msg(p != NULL, "%s has no /CreationDate", path);
	end = memchr(p, ')', *len - (size_t)(p - data));
	ck_assert_ptr_nonnull(end);
	memmove(p, end + 1, *len - (size_t)(end + 1 - data));
	*len -= (size_t)(end + 1 - p);
	return data;
}

START_TEST(same_input_same_pdf)
{
	char *dir = guide();
	char *a, *b, *info;
	size_t i;

	unsetenv("SOURCE_DATE_EPOCH");
	print_all(dir, "one");
	sleep(1);  /* a later creation date */
	print_all(dir, "two");
	for (i = 0; i < NPDFS; i++) {
		char one[4200], two[4200];
		size_t len_a, len_b;

		snprintf(one, sizeof(one), "%s/one", dir);
		snprintf(two, sizeof(two), "%s/two", dir);
		a = undated(one, all_pdfs[i], &len_a);
		b = undated(two, all_pdfs[i], &len_b);
		ck_assert_msg(len_a > 1000 && len_a == len_b && memcmp(a, b, len_a) == 0,
		    "%s differs between two prints", all_pdfs[i]);
		free(a);
		free(b);
	}
	/* With SOURCE_DATE_EPOCH, the date too: the bytes are the same. */
	setenv("SOURCE_DATE_EPOCH", "1732060800", 1);
	print_all(dir, "three");
	print_all(dir, "four");
	unsetenv("SOURCE_DATE_EPOCH");
	a = shell(NULL, "cmp '%s/three/booklet-a4.pdf' '%s/four/booklet-a4.pdf' && echo same",
	    dir, dir);
	ck_assert_str_eq(a, "same\n");
	free(a);
	info = shell(NULL, "pdfinfo '%s/three/apology-rewrite-a4.pdf'", dir);
	assert_contains(info, "CreationDate:    Wed Nov 20 00:00:00 2024 UTC", "pdfinfo");
	free(info);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/*
 * Replace exercises/apology-rewrite.lua with script, run `mend pdf -o out`
 * (a good print is there already) and `mend build` (a good build too), and
 * check both fail with status 3 and exactly want on standard error, and
 * leave the previous files as they were.
 */
static void
bad_exercise(const char *script, const char *want)
{
	char *dir = guide(), *same;
	struct run r;
	char expect_pdf[2048], expect_build[2048];

	print_all(dir, "out");
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_msg(r.status == 0, "build: %s", r.err);
	run_free(&r);
	free(shell(NULL, "cd '%s' && cp out/apology-rewrite-a4.pdf saved-out.pdf && "
	    "cp public/worksheets/apology-rewrite-letter.pdf saved-public.pdf", dir));
	harness_write(dir, "exercises/apology-rewrite.lua", script);

	snprintf(expect_pdf, sizeof(expect_pdf), "%s\nmend: no PDF was written; "
	    "out/ was left as it was\nmend: 1 error, 0 warnings\n", want);
	run_mend(&r, dir, NULL, "pdf", "-o", "out", NULL);
	ck_assert_str_eq(r.err, expect_pdf);
	ck_assert_int_eq(r.status, 3);
	run_free(&r);

	snprintf(expect_build, sizeof(expect_build), "%s\nmend: build failed; "
	    "nothing was written\nmend: 1 error, 0 warnings\n", want);
	run_mend(&r, dir, NULL, "build", NULL);
	ck_assert_str_eq(r.err, expect_build);
	ck_assert_int_eq(r.status, 3);
	run_free(&r);

	same = shell(NULL, "cd '%s' && cmp saved-out.pdf out/apology-rewrite-a4.pdf && "
	    "cmp saved-public.pdf public/worksheets/apology-rewrite-letter.pdf && "
	    "ls -a | grep -c staging; true", dir);
	ck_assert_msg(strcmp(same, "0\n") == 0, "the previous PDFs were changed, or a "
	    "staging folder was left: %s", same);
	free(same);
	harness_rmtree(dir);
	free(dir);
}

START_TEST(too_many_columns)
{
	bad_exercise("return exercise {\n"
	    "  title = \"Too wide\", audience = \"both\",\n"
	    "  fields = { table { id = \"grid\", label = \"Grid\", row_header = \"Area\",\n"
	    "    columns = { { id = \"a\", label = \"A\" }, { id = \"b\", label = \"B\" },\n"
	    "      { id = \"c\", label = \"C\" }, { id = \"d\", label = \"D\" },\n"
	    "      { id = \"e\", label = \"E\" }, { id = \"f\", label = \"F\" },\n"
	    "      { id = \"g\", label = \"G\" }, { id = \"h\", label = \"H\" } },\n"
	    "    rows = { { id = \"one\", label = \"One\" } } } },\n"
	    "}\n",
	    "exercises/apology-rewrite.lua: error: exercise 'apology-rewrite', field "
	    "'grid': the table is too wide for the page: its column 'a' (\"A\") would be "
	    "17 mm wide, and needs at least 25 mm to write in (A4, portrait); use "
	    "fewer columns, or give this one a larger width, or print = { orientation "
	    "= \"landscape\" }");
}
END_TEST

START_TEST(partner_column_too_narrow)
{
	bad_exercise("return exercise {\n"
	    "  title = \"Too wide\", audience = \"both\",\n"
	    "  fields = { table { id = \"grid\", label = \"Grid\", row_header = \"Area\",\n"
	    "    columns = { { id = \"a\", label = \"A\", partner = true },\n"
	    "      { id = \"b\", label = \"B\" }, { id = \"c\", label = \"C\" } },\n"
	    "    rows = { { id = \"one\", label = \"One\" } } } },\n"
	    "}\n",
	    "exercises/apology-rewrite.lua: error: exercise 'apology-rewrite', field "
	    "'grid': the table is too wide for the page: its column 'a' (\"A\") would be "
	    "16 mm wide for each partner, and needs at least 25 mm to write in (A4, "
	    "portrait); use fewer columns, or give this one a larger width, or print "
	    "= { orientation = \"landscape\" }");
}
END_TEST

START_TEST(word_too_wide)
{
	bad_exercise("return exercise {\n"
	    "  title = \"Too wide\", audience = \"one\",\n"
	    "  fields = { table { id = \"grid\", label = \"Grid\", row_header = \"Area\",\n"
	    "    columns = { { id = \"a\", label = \"Responsibilitiesandcommitments\" },\n"
	    "      { id = \"b\", label = \"B\" } },\n"
	    "    rows = { { id = \"one\", label = \"One\" } } } },\n"
	    "}\n",
	    "exercises/apology-rewrite.lua: error: exercise 'apology-rewrite', field "
	    "'grid': its column label is too wide for the page: "
	    "\"Responsibilitiesandcommitments\" is 59 mm wide, and there is room for "
	    "35 mm (A4, portrait); shorten it, or give it more room");
}
END_TEST

/* A private-use character: no font has it. */
#define PRIVATE_USE "\xEE\x80\x80"  /* U+E000 */
/* The end of the diagnostic for a character no Noto font has. */
#define NO_FONT_HAS "(U+E000): the PDFs are set in Debian's Noto fonts " \
	"(fonts-noto-core, and fonts-noto-cjk for Chinese, Japanese and Korean); " \
	"leave it out, or install the Noto font of its script"

START_TEST(glyph_no_font_has)
{
	bad_exercise("return exercise {\n"
	    "  title = \"Trust\", audience = \"one\",\n"
	    "  fields = { short_text { id = \"trust\", label = \"Trust: 信任 "
	    PRIVATE_USE "\" } },\n"
	    "}\n",
	    "exercises/apology-rewrite.lua: error: exercise 'apology-rewrite', field "
	    "'trust': its label has a character no installed Noto font has, '"
	    PRIVATE_USE "' " NO_FONT_HAS);
}
END_TEST

START_TEST(box_taller_than_a_page)
{
	bad_exercise("return exercise {\n"
	    "  title = \"Tall\", audience = \"one\",\n"
	    "  fields = { long_text { id = \"story\", label = \"Your story\",\n"
	    "    print = { height_mm = 250 } } },\n"
	    "}\n",
	    "exercises/apology-rewrite.lua: error: exercise 'apology-rewrite', field "
	    "'story': its print box needs 250 mm, and the page has room for 246 mm "
	    "(A4, portrait): make its print hint smaller");
}
END_TEST

START_TEST(hint_out_of_range)
{
	char *dir = guide();
	struct run r;

	harness_write(dir, "exercises/apology-rewrite.lua", "return exercise {\n"
	    "  title = \"Lines\", audience = \"one\",\n"
	    "  fields = { long_text { id = \"story\", label = \"Your story\",\n"
	    "    print = { lines = 400 } } },\n"
	    "}\n");
	run_mend(&r, dir, NULL, "pdf", "-o", "out", NULL);
	ck_assert_int_eq(r.status, 3);
	assert_contains(r.err, "exercises/apology-rewrite.lua:3", "stderr");
	assert_contains(r.err, "no PDF was written", "stderr");
	ck_assert(!harness_exists(dir, "out"));
	run_free(&r);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(missing_font)
{
	char *dir = guide(), conf[4200], *same;
	struct run r;

	print_all(dir, "out");
	free(shell(NULL, "cp '%s/out/booklet-a4.pdf' '%s/saved.pdf'", dir, dir));
	snprintf(conf, sizeof(conf), "%s/fonts.conf", dir);
	harness_write(dir, "fonts.conf", "<?xml version=\"1.0\"?>\n<fontconfig>"
	    "<dir>/nonexistent</dir><cachedir>/nonexistent</cachedir></fontconfig>\n");
	setenv("FONTCONFIG_FILE", conf, 1);
	run_mend(&r, dir, NULL, "pdf", "-o", "out", NULL);
	unsetenv("FONTCONFIG_FILE");
	ck_assert_str_eq(r.err, "mend: error: the font Noto Sans, which the PDFs are "
	    "set in, is not installed: install the Debian package fonts-noto-core "
	    "(apt-get install fonts-noto-core, or make deps)\n"
	    "mend: no PDF was written; out/ was left as it was\n"
	    "mend: 1 error, 0 warnings\n");
	ck_assert_int_eq(r.status, 3);
	same = shell(NULL, "cmp '%s/out/booklet-a4.pdf' '%s/saved.pdf' && echo same",
	    dir, dir);
	ck_assert_msg(strcmp(same, "same\n") == 0, "the previous PDF was changed");
	free(same);
	run_free(&r);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/*
 * The guide's own site.toml keeps the placeholder address, and every QR
 * code and footer would carry it: `mend pdf` and `mend build` warn once, at
 * base_url's line and column; a real --base-url silences it; `mend check`
 * prints nothing, since it prints no paper.
 */
START_TEST(placeholder_address_warns_once)
{
	char *dir = guide_with(true), *toml, *at;
	char want[1024];
	int line = 1;
	struct run r;

	toml = harness_read(dir, "site.toml");
	at = strstr(toml, "\nbase_url = \"");
	ck_assert_ptr_nonnull(at);
	for (; at >= toml; at--)
		line += *at == '\n';
	free(toml);
	snprintf(want, sizeof(want), "site.toml:%d:12: warning: base_url '"
	    PLACEHOLDER "' is a placeholder address: every QR code and printed "
	    "page footer carries it; set base_url to the address the site will be "
	    "published at (or pass --base-url)\nmend: 0 errors, 1 warning\n", line);
	run_mend(&r, dir, NULL, "pdf", "booklet", "-q", "-o", "out", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.err, want);
	run_free(&r);
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.err, want);
	run_free(&r);
	run_mend(&r, dir, NULL, "check", "-q", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.err, "");
	run_free(&r);
	run_mend(&r, dir, NULL, "build", "-q", "--base-url", SITE_URL, NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.err, "");
	run_free(&r);
	run_mend(&r, dir, NULL, "build", "-q", "--base-url", "https://guide.test/", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.err, "mend: warning: --base-url 'https://guide.test/' is a "
	    "placeholder address: every QR code and printed page footer carries it; "
	    "pass the address the site will be published at\n"
	    "mend: 0 errors, 1 warning\n");
	run_free(&r);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(command_line)
{
	char *dir = guide();
	struct run r;

	run_mend(&r, dir, NULL, "pdf", "nosuch", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "mend pdf: no PDF is named 'nosuch': name one of "
	    "apology-rewrite, boundary-worksheet, booklet, booklet-facilitator "
	    "(try 'mend help pdf')\n");
	run_free(&r);
	run_mend(&r, dir, NULL, "pdf", "--paper", "a5", NULL);
	ck_assert_int_eq(r.status, 2);
	run_free(&r);
	/* One worksheet on one paper. */
	run_mend(&r, dir, NULL, "pdf", "apology-rewrite", "--paper", "letter", "-o",
	    "one", NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_str_eq(r.err, "");
	assert_contains(r.out, "mend: wrote 1 PDF (2 pages) into one/ in ", "stdout");
	run_free(&r);
	ck_assert(harness_exists(dir, "one/apology-rewrite-letter.pdf"));
	ck_assert(!harness_exists(dir, "one/apology-rewrite-a4.pdf"));
	ck_assert(!harness_exists(dir, "one/booklet-letter.pdf"));
	/* Without -o: over a built site's worksheets/, keeping its page. */
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_int_eq(r.status, 0);
	run_free(&r);
	run_mend(&r, dir, NULL, "pdf", "booklet", "-q", NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	ck_assert(harness_exists(dir, "public/worksheets/index.html"));
	ck_assert(harness_exists(dir, "public/worksheets/apology-rewrite-a4.pdf"));
	ck_assert(harness_exists(dir, "public/worksheets/booklet-letter.pdf"));
	run_mend(&r, dir, NULL, "check", "-q", NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(build_links_every_pdf)
{
	char *dir = guide(), *step, *list;
	char want[512];
	size_t i;
	struct run r;

	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	step = harness_read(dir, "public/steps/apologize-sincerely/index.html");
	list = harness_read(dir, "public/worksheets/index.html");
	for (i = 0; i < NPDFS; i++) {
		char path[256];
		int pages;

		snprintf(path, sizeof(path), "public/worksheets/%s", all_pdfs[i]);
		ck_assert_msg(harness_exists(dir, path), "%s is missing", path);
		pages = page_count(dir, path);
		snprintf(want, sizeof(want), "href=\"../worksheets/%s\" type=\"application/pdf\"",
		    all_pdfs[i]);
		assert_contains(list, want, "worksheets/index.html");
		snprintf(want, sizeof(want), "(PDF, %d pages, ", pages);
		assert_contains(list, want, "worksheets/index.html");
	}
	snprintf(want, sizeof(want), "<a href=\"../../worksheets/apology-rewrite-a4.pdf\" "
	    "type=\"application/pdf\">Rewrite an apology, A4</a> <span "
	    "class=\"pdf-meta\">(PDF, %d pages, ", page_count(dir,
	    "public/worksheets/apology-rewrite-a4.pdf"));
	assert_contains(step, want, "apologize-sincerely");
	assert_contains(step, "Rewrite an apology, US Letter</a>", "apologize-sincerely");
	ck_assert_ptr_null(strstr(step, "boundary-worksheet-a4.pdf"));
	free(step);
	free(list);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* The single-language fixture sites of tests/sites/scripts/. */
struct script_site {
	const char *lang;       /* its folder and site.toml's language */
	const char *font;       /* the script's font, as pdffonts names it */
	bool rtl;               /* written right to left */
	const char *title;      /* the worksheet's title */
	const char *step_text;  /* the step page's text, in the booklet, without
	                           its final stop: pdftotext puts a full stop
	                           (from Noto Sans, which the Hebrew font lacks)
	                           at the start of a right-to-left line */
};

static const struct script_site script_sites[] = {
	{ "ar", "NotoSansArabic-Regular", true, "ورقة عمل الثقة",
	  "خذ وقتك في هذه الخطوة" },
	{ "he", "NotoSansHebrew-Regular", true, "דף עבודה על אמון",
	  "קחו את הזמן בצעד הזה" },
	{ "hi", "NotoSansDevanagari-Regular", false, "विश्वास कार्यपत्रक",
	  "अपना समय लें। यह पहला चरण है।" },
	{ "zh", "NotoSansCJKsc-Regular", false, "信任练习表", "慢慢来。这是第一步。" },
};
#define NSCRIPT_SITES (sizeof(script_sites) / sizeof(script_sites[0]))

/* A copy of tests/sites/scripts/LANG with the repository's themes; the
   caller frees it. */
static char *
script_site(const char *lang)
{
	char *dir = harness_tmpdir(), from[4200], to[4200];

	snprintf(from, sizeof(from), "%s/tests/sites/scripts/%s", harness_root(), lang);
	harness_copytree(from, dir);
	snprintf(from, sizeof(from), "%s/themes", harness_root());
	snprintf(to, sizeof(to), "%s/themes", dir);
	harness_copytree(from, to);
	/* A language the calm theme has no words in (hi, zh) gets its
	   English ones, as a file of its own: these sites are about scripts,
	   and build with no warning. */
	snprintf(to, sizeof(to), "i18n/%s.toml", lang);
	snprintf(from, sizeof(from), "%s/themes/calm", dir);
	if (!harness_exists(from, to)) {
		char *en = harness_read(from, "i18n/en.toml");

		ck_assert_ptr_nonnull(en);
		harness_write(from, to, en);
		free(en);
	}
	return dir;
}

/*
 * Every font of dir/name is embedded as a subset with its Unicode map
 * (pdffonts: emb, sub and uni "yes"), and one of them is want.
 */
static void
assert_subsets(const char *dir, const char *name, const char *want)
{
	char *fonts = shell(NULL, "pdffonts '%s/%s'", dir, name), *line, *save;
	char plus[128];
	int n = 0;
	bool found = false;

	snprintf(plus, sizeof(plus), "+%s ", want);
	for (line = strtok_r(fonts, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "name", 4) == 0 || strncmp(line, "----", 4) == 0)
			continue;
		n++;
		ck_assert_msg(strstr(line, " yes yes yes ") != NULL,
		    "%s: a font not embedded as a subset with Unicode: %s", name, line);
		ck_assert_msg(strncmp(line, "Noto", 4) != 0 && line[6] == '+',
		    "%s: a font that is not a subset (no XXXXXX+ tag): %s", name, line);
		found = found || strstr(line, plus) != NULL;
	}
	ck_assert_msg(n >= 2, "%s: %d fonts", name, n);
	ck_assert_msg(found, "%s: no %s among its fonts", name, want);
	free(fonts);
}

/*
 * Each site's worksheet and booklet: `mend pdf` without a word on stderr,
 * the script's Noto font embedded as a subset, and pdftotext reading the
 * worksheet's every label (from `mend debug model`) and the step's text in
 * logical order: Arabic and Hebrew as they were typed, Hindi's conjuncts
 * (श्व, त्र) and Chinese whole.
 */
START_TEST(scripts_are_shaped_embedded_and_read_back)
{
	const struct script_site *site = &script_sites[_i];
	char *dir = script_site(site->lang), out[4200], *text, *flat, *want;

	snprintf(out, sizeof(out), "%s/out", dir);
	print_all(dir, "out");
	assert_subsets(out, "trust-a4.pdf", site->font);
	assert_subsets(out, "booklet-letter.pdf", site->font);
	text = text_of(out, "trust-a4.pdf", 0, 0);
	assert_contains(text, site->title, site->lang);
	assert_labels(dir, "trust", text);
	free(text);
	text = text_of(out, "booklet-a4.pdf", 0, 0);
	flat = squeeze(text);
	want = squeeze(site->step_text);
	assert_contains(flat, want, site->lang);
	assert_contains(flat, site->title, site->lang);
	free(want);
	free(flat);
	free(text);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* The xMin of the first word on page of dir/name that is exactly word
   and starts below y_min points (pdftotext -bbox), or -1. */
static double
word_left(const char *dir, const char *name, int page, const char *word,
    double y_min)
{
	char *boxes = shell(NULL, "pdftotext -bbox -f %d -l %d '%s/%s' - 2>&1", page,
	    page, dir, name), want[256], *at, *from = boxes, *start;
	double x = -1, y = 0;

	snprintf(want, sizeof(want), "\">%s</word>", word);
	while (x < 0 && (at = strstr(from, want)) != NULL) {
		for (start = at; start > boxes && strncmp(start, "<word ", 6) != 0; )
			start--;
		if (sscanf(start, "<word xMin=\"%lf\" yMin=\"%lf\"", &x, &y) != 2 ||
		    y < y_min)
			x = -1;
		from = at + 1;
	}
	free(boxes);
	return x;
}

/*
 * An Arabic or Hebrew worksheet is laid out right to left, as a mirror of
 * a left-to-right one: its QR code at the top left (the title at the
 * right), the footer's page count at the left; Hindi and Chinese as
 * English has them.
 */
START_TEST(right_to_left_pages_are_mirrored)
{
	const struct script_site *site = &script_sites[_i];
	char *dir = script_site(site->lang), out[4200];
	double gray, left, right, page;

	snprintf(out, sizeof(out), "%s/out", dir);
	print_all(dir, "out");
	/* The QR code, 24 mm square, at the top of the writing area: about
	   half its modules are dark; the title's corner is mostly white. */
	left = dark_share(out, "trust-a4.pdf", 1, 53, 40, 64, 62, &gray);
	right = dark_share(out, "trust-a4.pdf", 1, 478, 40, 64, 62, &gray);
	if (site->rtl) {
		ck_assert_msg(left > 0.3 && right < 0.2, "%s: the QR code is not at the "
		    "top left (dark: %.2f at the left, %.2f at the right)", site->lang,
		    left, right);
	} else {
		ck_assert_msg(right > 0.3 && left < 0.2, "%s: the QR code is not at the "
		    "top right (dark: %.2f at the left, %.2f at the right)", site->lang,
		    left, right);
	}
	/* "page 1 of 1" at the footer's end: the left in right to left (in
	   Arabic and Hebrew, the theme's words, "الصفحة 1 من 1" and "עמוד 1
	   מתוך 1", which pdftotext may give letter by letter: its "1"). */
	page = word_left(out, "trust-a4.pdf", 1, site->rtl ? "1" : "page", 780);
	ck_assert_msg(page > 0, "%s: no 'page' in the footer", site->lang);
	if (site->rtl)
		ck_assert_msg(page < 100, "%s: 'page' at x = %.0f", site->lang, page);
	else
		ck_assert_msg(page > 450, "%s: 'page' at x = %.0f", site->lang, page);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* The CJK glyph forms are the language's: the Noto Sans CJK face for it. */
START_TEST(cjk_forms_follow_the_language)
{
	static const char *const langs[][2] = { { "ja", "NotoSansCJKjp-Regular" },
		{ "ko", "NotoSansCJKkr-Regular" }, { "zh-Hant", "NotoSansCJKtc-Regular" },
		{ "zh-HK", "NotoSansCJKhk-Regular" }, { "zh-Hans", "NotoSansCJKsc-Regular" } };
	char *dir = script_site("zh"), out[4200], *toml, *text;
	size_t i;

	snprintf(out, sizeof(out), "%s/out", dir);
	toml = harness_read(dir, "site.toml");
	for (i = 0; i < sizeof(langs) / sizeof(langs[0]); i++) {
		struct buf edited = BUF_INIT;
		const char *at = strstr(toml, "language = \"zh\"");
		struct run r;

		ck_assert_ptr_nonnull(at);
		buf_put(&edited, toml, (size_t)(at - toml));
		buf_printf(&edited, "language = \"%s\"", langs[i][0]);
		buf_puts(&edited, at + strlen("language = \"zh\""));
		harness_write(dir, "site.toml", buf_str(&edited));
		buf_free(&edited);
		run_mend(&r, dir, NULL, "pdf", "trust", "--paper", "a4", "-q", "-o", "out",
		    NULL);
		ck_assert_msg(r.status == 0, "%s: %s", langs[i][0], r.err);
		run_free(&r);
		assert_subsets(out, "trust-a4.pdf", langs[i][1]);
		text = text_of(out, "trust-a4.pdf", 0, 0);
		assert_contains(text, "信任练习表", langs[i][0]);
		free(text);
	}
	free(toml);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/*
 * In an English guide, a word of another script is set in its Noto font
 * (looked for only when Noto Sans lacks it) and read back.
 */
START_TEST(other_scripts_in_an_english_guide)
{
	char *dir = guide(), out[4200], *text;
	struct run r;

	snprintf(out, sizeof(out), "%s/out", dir);
	harness_write(dir, "exercises/apology-rewrite.lua", "return exercise {\n"
	    "  title = \"Trust\", audience = \"one\",\n"
	    "  fields = { short_text { id = \"trust\", label = \"Trust: 信任, "
	    "אמון, विश्वास\" } },\n"
	    "}\n");
	run_mend(&r, dir, NULL, "pdf", "apology-rewrite", "-q", "-o", "out", NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_str_eq(r.err, "");
	run_free(&r);
	assert_subsets(out, "apology-rewrite-a4.pdf", "NotoSansCJKsc-Bold");
	assert_subsets(out, "apology-rewrite-a4.pdf", "NotoSansHebrew-Bold");
	assert_subsets(out, "apology-rewrite-a4.pdf", "NotoSansDevanagari-Bold");
	text = text_of(out, "apology-rewrite-a4.pdf", 0, 0);
	assert_contains(text, "信任", "apology-rewrite");
	assert_contains(text, "אמון", "apology-rewrite");
	assert_contains(text, "विश्वास", "apology-rewrite");
	free(text);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/*
 * A character no Noto font has stops the print at its place: an
 * exercise's field, or a page's Markdown line; Arabic around it is fine.
 */
START_TEST(script_site_glyph_no_font_has)
{
	char *dir = script_site("ar"), *page, want[1024];
	struct run r;

	page = harness_read(dir, "content/steps/trust.md");
	ck_assert_ptr_nonnull(page);
	{
		struct buf edited = BUF_INIT;
		const char *at = strstr(page, "خذ وقتك");

		ck_assert_ptr_nonnull(at);
		buf_put(&edited, page, (size_t)(at - page));
		buf_puts(&edited, "ثقة " PRIVATE_USE " ");
		buf_puts(&edited, at);
		harness_write(dir, "content/steps/trust.md", buf_str(&edited));
		buf_free(&edited);
	}
	free(page);
	run_mend(&r, dir, NULL, "pdf", "booklet", "-o", "out", NULL);
	ck_assert_int_eq(r.status, 3);
	snprintf(want, sizeof(want), "content/steps/trust.md:5: error: page "
	    "/steps/trust/: the text has a character no installed Noto font has, '"
	    PRIVATE_USE "' " NO_FONT_HAS "\n"
	    "mend: no PDF was written; out/ was left as it was\n"
	    "mend: 1 error, 0 warnings\n");
	ck_assert_str_eq(r.err, want);
	ck_assert(!harness_exists(dir, "out"));
	run_free(&r);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* The placeholders of the PDFs' words are filled in, and only those. */
START_TEST(words_fill_their_placeholders)
{
	struct buf out = BUF_INIT;

	pdf_fill(&out, pdf_words_english.page_of, "n", "3", "total", "12", (char *)NULL);
	ck_assert_str_eq(buf_str(&out), "page 3 of 12");
	buf_reset(&out);
	pdf_fill(&out, "{total} / {n} {other} 100% {", "n", "%s", "total", "9",
	    (char *)NULL);
	ck_assert_str_eq(buf_str(&out), "9 / %s {other} 100% {");
	buf_reset(&out);
	pdf_fill(&out, pdf_words_english.step_mark, "n", "2", "title", "Apologize {n}",
	    (char *)NULL);
	ck_assert_str_eq(buf_str(&out), "Step 2. Apologize {n}");
	buf_free(&out);
#define ENGLISH_SET(field, english) \
	ck_assert_str_eq(pdf_words_english.field, english);
	PDF_WORDS(ENGLISH_SET)
#undef ENGLISH_SET
}
END_TEST

/*
 * The PDFs' own words come from the request's struct pdf_words, in its
 * language (the Hebrew site's, or another the request names), English for
 * a word it leaves out.
 */
START_TEST(words_come_from_the_request)
{
	char *dir = script_site("he"), *text, path[4200];
	struct pdf_words words;
	struct pdf_request req;
	struct build_options opt;
	struct project p;
	size_t i;
	bool booklet = false;

	memset(&words, 0, sizeof(words));
	words.page_of = "עמוד {n} מתוך {total}";
	words.scan = "סרקו כדי לפתוח";
	words.for_one = "לאדם אחד";
	words.booklet = "חוברת ליועץ";
	memset(&req, 0, sizeof(req));
	req.words = &words;
	memset(&opt, 0, sizeof(opt));
	memset(&p, 0, sizeof(p));
	opt.quiet = true;
	ck_assert_int_eq(chdir(dir), 0);
	ck_assert_int_eq(project_load(&p, &opt, &req, false), 0);
	ck_assert_int_gt(p.pdfs.nfiles, 0);
	for (i = 0; i < p.pdfs.nfiles; i++) {
		const struct pdf_file *f = &p.pdfs.files[i];
		FILE *fp;

		if (strcmp(f->path, "worksheets/trust-a4.pdf") != 0 &&
		    strcmp(f->path, "worksheets/booklet-a4.pdf") != 0)
			continue;
		fp = fopen("one.pdf", "wb");
		ck_assert_ptr_nonnull(fp);
		ck_assert_uint_eq(fwrite(f->data.data, 1, f->data.len, fp), f->data.len);
		fclose(fp);
		text = text_of(".", "one.pdf", 0, 0);
		if (f->exercise != NULL) {
			/* pdftotext moves the spaces around numbers in a right-to-left
			   line: the words, in their order. */
			assert_contains(text, "עמוד", f->path);
			ck_assert(strstr(text, "עמוד") < strstr(text, "מתוך"));
			assert_contains(text, "סרקו כדי לפתוח", f->path);
			assert_contains(text, "לאדם אחד", f->path);
			ck_assert_ptr_null(strstr(text, "page 1 of"));
		} else {
			booklet = true;
			ck_assert_str_eq(f->title, "חוברת ליועץ");
			assert_contains(text, "חוברת ליועץ", f->path);
			assert_contains(text, "Contents", f->path);  /* left out: English */
		}
		free(text);
	}
	ck_assert(booklet);
	project_free(&p);
	/* The request's language over the site's: a Hebrew worksheet laid out
	   left to right (its page count at the right) when it says "en". */
	memset(&p, 0, sizeof(p));
	req.lang = "en";
	req.only = "trust";
	req.papers = 1u << PDF_A4;
	ck_assert_int_eq(project_load(&p, &opt, &req, false), 0);
	ck_assert_uint_eq(p.pdfs.nfiles, 1);
	{
		FILE *fp = fopen("one.pdf", "wb");

		ck_assert_ptr_nonnull(fp);
		fwrite(p.pdfs.files[0].data.data, 1, p.pdfs.files[0].data.len, fp);
		fclose(fp);
	}
	{
		double gray;

		ck_assert(dark_share(".", "one.pdf", 1, 478, 40, 64, 62, &gray) > 0.3);
	}
	project_free(&p);
	snprintf(path, sizeof(path), "%s", harness_root());
	ck_assert_int_eq(chdir(path), 0);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

static Suite *
pdf_suite(void)
{
	Suite *s = suite_create("pdf");
	TCase *paper = tcase_create("paper");
	TCase *bad = tcase_create("bad input");
	TCase *cli = tcase_create("command and site");
	TCase *scripts = tcase_create("scripts");

	tcase_set_timeout(paper, 120);
	tcase_set_timeout(bad, 120);
	tcase_set_timeout(cli, 120);
	tcase_set_timeout(scripts, 120);
	tcase_add_test(paper, every_pdf_has_its_paper_and_pages);
	tcase_add_test(paper, fonts_are_embedded);
	tcase_add_test(paper, worksheets_hold_every_label);
	tcase_add_test(paper, booklet_holds_the_guide_in_order);
	tcase_add_test(paper, long_word_in_a_title_is_broken);
	tcase_add_test(paper, facilitator_pages_carry_the_band);
	tcase_add_test(paper, paper_is_true_about_answers);
	tcase_add_test(paper, qr_codes_open_the_pages);
	tcase_add_test(paper, same_input_same_pdf);
	tcase_add_test(bad, too_many_columns);
	tcase_add_test(bad, partner_column_too_narrow);
	tcase_add_test(bad, word_too_wide);
	tcase_add_test(bad, glyph_no_font_has);
	tcase_add_test(bad, box_taller_than_a_page);
	tcase_add_test(bad, hint_out_of_range);
	tcase_add_test(bad, missing_font);
	tcase_add_test(cli, command_line);
	tcase_add_test(cli, placeholder_address_warns_once);
	tcase_add_test(cli, build_links_every_pdf);
	suite_add_tcase(s, paper);
	suite_add_tcase(s, bad);
	tcase_add_loop_test(scripts, scripts_are_shaped_embedded_and_read_back, 0,
	    NSCRIPT_SITES);
	tcase_add_loop_test(scripts, right_to_left_pages_are_mirrored, 0, NSCRIPT_SITES);
	tcase_add_test(scripts, cjk_forms_follow_the_language);
	tcase_add_test(scripts, other_scripts_in_an_english_guide);
	tcase_add_test(scripts, script_site_glyph_no_font_has);
	tcase_add_test(scripts, words_fill_their_placeholders);
	tcase_add_test(scripts, words_come_from_the_request);
	suite_add_tcase(s, cli);
	suite_add_tcase(s, scripts);
	return s;
}

int
main(void)
{
	int failed;

	harness_root();
	failed = harness_run(pdf_suite(), NULL);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
