/*
 * pdf_layout — fonts, text, pages and drawing for the PDFs.  See
 * pdf_layout.h.
 *
 * Geometry is in PostScript points from the page's top left corner.  A
 * document is laid out first (pages of items) and drawn after, so the
 * footer knows the page count.  Layout never draws and drawing never
 * decides where things go.
 */
#include "pdf/pdf_layout.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "lib/diag.h"
#include "lib/lang.h"
#include "pdf/pdf_paper.h"
#include "lib/util.h"

/* Page margins: room for a hand holding the page, and for the footer. */
#define MARGIN_SIDE (18.0 * PDF_MM)
#define MARGIN_TOP (16.0 * PDF_MM)
#define MARGIN_BOTTOM (24.0 * PDF_MM)
/* The footer's top, from the page's bottom edge. */
#define FOOTER_RULE (17.0 * PDF_MM)
/* The band (pdf_doc_set_band): its top and height, inside what printers
   print (most leave 5 mm at the edge blank), and how far it pushes the
   writing area down, to leave 6 mm under it. */
#define BAND_TOP (8.0 * PDF_MM)
#define BAND_HEIGHT (9.0 * PDF_MM)
#define BAND_ROOM (BAND_TOP + BAND_HEIGHT + 6.0 * PDF_MM - MARGIN_TOP)

enum item_kind { ITEM_TEXT, ITEM_LINE, ITEM_RECT, ITEM_CIRCLE, ITEM_QR, ITEM_LINK };

/* One thing drawn on a page. */
struct pdf_item {
	enum item_kind kind;
	double x, y;            /* top left; a line's start; a circle's centre */
	double w, h;            /* size; a line's end is (x + w, y + h); radius w */
	double width;           /* stroke width; 0: no stroke */
	double gray;            /* stroke or text gray: 0 black, 1 white */
	double fill;            /* fill gray, or < 0 for none */
	bool dotted;            /* a dotted line (leaders) */
	PangoLayout *layout;    /* ITEM_TEXT: a reference */
	int first, last;        /* ITEM_TEXT: the lines shown, [first, last) */
	double offset;          /* ITEM_TEXT: the top of line first in the layout */
	unsigned char *modules; /* ITEM_QR: width * width dark (1) or light (0) */
	int modules_width;
	char *attributes;       /* ITEM_LINK: Cairo's link attributes; owned */
};

/* One type style: size, weight, gray, line spacing. */
struct style {
	double size;
	PangoWeight weight;
	double spacing;         /* line height as a factor of the font's */
};

static const struct style styles[PDF_NFONTS] = {
	[PDF_BODY] = { 10.5, PANGO_WEIGHT_NORMAL, 1.3 },
	[PDF_HELP] = { 10.0, PANGO_WEIGHT_NORMAL, 1.25 },
	[PDF_SMALL] = { 8.5, PANGO_WEIGHT_NORMAL, 1.2 },
	[PDF_LABEL] = { 12.0, PANGO_WEIGHT_BOLD, 1.15 },
	[PDF_CELL] = { 10.0, PANGO_WEIGHT_BOLD, 1.15 },
	[PDF_H1] = { 20.0, PANGO_WEIGHT_BOLD, 1.1 },
	[PDF_H2] = { 14.0, PANGO_WEIGHT_BOLD, 1.15 },
	[PDF_H3] = { 12.0, PANGO_WEIGHT_BOLD, 1.15 },
	[PDF_COVER] = { 28.0, PANGO_WEIGHT_BOLD, 1.1 },
	[PDF_FOOTER] = { 8.0, PANGO_WEIGHT_NORMAL, 1.15 },
};

struct pdf_engine {
	PangoFontMap *fontmap;                  /* owned */
	PangoContext *context;                  /* owned; every layout's */
	PangoFontDescription *fonts[PDF_NFONTS];  /* in the language's families;
	                                           owned */
	PangoFontDescription *every[PDF_NFONTS];  /* in every Noto family, made
	                                           when first needed; owned */
	char *families;                         /* the language's family list,
	                                           "Noto Sans,Noto Sans Arabic";
	                                           owned */
	char *every_families;                   /* every Noto family: "Noto
	                                           Sans,Noto Sans CJK SC,..."; NULL
	                                           until needed; owned */
	char *lang;                             /* the BCP 47 tag; owned */
	const struct pdf_words *words;          /* borrowed */
	bool rtl;                               /* the language is right to left */
	PangoFont *noto[8];                     /* fonts seen to be Noto ones, the
	                                           latest first; a reference each */
};

#if defined(__SANITIZE_ADDRESS__)
/*
 * fontconfig 2.14 loses a few hundred bytes parsing its configuration
 * files (in FcInitLoadConfigAndFonts, whoever calls it first: we or
 * Pango), and cairo 1.16 a few arrays of every CFF font it subsets (Noto
 * Sans CJK), in cairo_surface_finish.  Not ours to free: tell
 * LeakSanitizer, for sanitizer builds only.  Its fast unwinder stops
 * inside the library (built without frame pointers), so the library is
 * named, not the function; valgrind, which unwinds fully, checks that we
 * free what fontconfig and cairo hand us (tests/valgrind.supp names the
 * functions).
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_options(void);

const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\nleak:libcairo.so\n";
}

/* Quietly: the list of suppressions used would land in every stderr. */
const char *
__lsan_default_options(void)
{
	return "print_suppressions=0";
}
#endif

/*
 * Is PDF_FONT_FAMILY installed?  A list, not a match, which would always
 * offer some other font.  Reports it when not.
 */
static bool
have_font(void)
{
	FcPattern *pattern;
	FcObjectSet *objects;
	FcFontSet *faces;
	int nfaces;

	if (!FcInit()) {
		diag_error(NULL, 0, 0, "fontconfig could not read its configuration, "
		    "so the fonts for the PDFs cannot be found");
		return false;
	}
	pattern = FcPatternCreate();
	FcPatternAddString(pattern, FC_FAMILY, (const FcChar8 *)PDF_FONT_FAMILY);
	objects = FcObjectSetBuild(FC_FAMILY, NULL);
	faces = FcFontList(NULL, pattern, objects);
	nfaces = faces != NULL ? faces->nfont : 0;
	FcObjectSetDestroy(objects);
	FcPatternDestroy(pattern);
	if (faces != NULL)
		FcFontSetDestroy(faces);
	if (nfaces == 0)
		diag_error(NULL, 0, 0, "the font %s, which the PDFs are set in, is not "
		    "installed: install the Debian package %s (apt-get install %s, "
		    "or make deps)", PDF_FONT_FAMILY, PDF_FONT_PACKAGE, PDF_FONT_PACKAGE);
	return nfaces > 0;
}

/* Is primary the BCP 47 tag lang's primary language? */
static bool
lang_is(const char *lang, const char *primary)
{
	char own[LANG_PRIMARY_MAX];

	return lang_primary(lang, own) && strcmp(own, primary) == 0;
}

/* Does the BCP 47 tag lang have the subtag (a script or region)? */
static bool
lang_has(const char *lang, const char *subtag)
{
	size_t n = strlen(subtag);
	const char *p;

	for (p = strpbrk(lang, "-_"); p != NULL; p = strpbrk(p + 1, "-_"))
		if (strncasecmp(p + 1, subtag, n) == 0 && (p[1 + n] == '\0' ||
		    p[1 + n] == '-' || p[1 + n] == '_'))
			return true;
	return false;
}

/*
 * The Noto CJK family whose glyph forms lang reads: Traditional Chinese
 * for zh-Hant (Taiwan's), Hong Kong's, Japanese, Korean, else Simplified
 * Chinese.
 */
static const char *
cjk_family(const char *lang)
{
	if (lang_is(lang, "ja"))
		return "Noto Sans CJK JP";
	if (lang_is(lang, "ko"))
		return "Noto Sans CJK KR";
	if (lang_is(lang, "zh") && (lang_has(lang, "HK") || lang_has(lang, "MO")))
		return "Noto Sans CJK HK";
	if (lang_is(lang, "zh") && (lang_has(lang, "Hant") || lang_has(lang, "TW")))
		return "Noto Sans CJK TC";
	return "Noto Sans CJK SC";
}

/*
 * The Noto families of the most used scripts, in the order they are tried
 * after the language's own.  Fonts of smaller scripts share characters
 * with them (Noto Sans Adlam has the Arabic comma and question mark), so
 * these come before the rest, which follow in the order of their names.
 */
static const char *const major_families[] = {
	"Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari",
	"Noto Sans Bengali", "Noto Sans Thai", "Noto Sans Armenian",
	"Noto Sans Georgian", "Noto Sans Ethiopic", "Noto Sans Tamil",
	"Noto Sans Telugu", "Noto Sans Kannada", "Noto Sans Malayalam",
	"Noto Sans Gujarati", "Noto Sans Gurmukhi", "Noto Sans Oriya",
	"Noto Sans Sinhala", "Noto Sans Khmer", "Noto Sans Lao",
	"Noto Sans Myanmar", "Noto Sans Symbols", "Noto Sans Symbols 2",
	"Noto Sans Math",
};

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The installed families of pattern's fonts whose names begin with
 * prefix, sorted, each once, appended to names (n of them, room for all
 * the fonts); the strings are the font set's, which is returned
 * (FcFontSetDestroy).
 */
static FcFontSet *
list_families(FcPattern *pattern, const char *prefix, char ***names, size_t *n)
{
	FcObjectSet *objects = FcObjectSetBuild(FC_FAMILY, NULL);
	FcFontSet *faces = FcFontList(NULL, pattern, objects);
	size_t i, k = 0;

	FcObjectSetDestroy(objects);
	*names = xcalloc(faces != NULL ? (size_t)faces->nfont + 1 : 1, sizeof(**names));
	for (i = 0; faces != NULL && i < (size_t)faces->nfont; i++) {
		FcChar8 *family;

		if (FcPatternGetString(faces->fonts[i], FC_FAMILY, 0, &family) ==
		    FcResultMatch && strncmp((const char *)family, prefix,
		    strlen(prefix)) == 0)
			(*names)[k++] = (char *)family;
	}
	qsort(*names, k, sizeof(**names), compare_names);
	*n = k;
	return faces;
}

/* Append family to the list unless it is there already. */
static void
add_family(struct buf *list, const char *family)
{
	size_t n = strlen(family);
	const char *p = buf_str(list);

	while (p != NULL && *p != '\0') {
		const char *end = strchr(p, ',');
		size_t len = end != NULL ? (size_t)(end - p) : strlen(p);

		if (len == n && strncmp(p, family, n) == 0)
			return;
		p = end != NULL ? end + 1 : NULL;
	}
	if (list->len > 0)
		buf_putc(list, ',');
	buf_puts(list, family);
}

/*
 * The families text in lang is set in, as a Pango family list, which
 * Pango takes each character from the first of that has it: Noto Sans;
 * the Noto Sans families fontconfig says write lang (Noto Sans Arabic for
 * "ar"); the CJK family for lang; the major scripts' families; then every
 * other installed "Noto Sans ..." family and every other Noto family (a
 * serif, Kufi or Naskh is all some scripts have), by name.  Returns the
 * list (free).
 */
static char *
noto_families(const char *lang)
{
	struct buf list = BUF_INIT;
	FcPattern *pattern;
	FcFontSet *faces;
	char **names;
	size_t n, i;
	int pass;

	add_family(&list, PDF_FONT_FAMILY);
	pattern = FcPatternCreate();
	{
		FcLangSet *langs = FcLangSetCreate();

		FcLangSetAdd(langs, (const FcChar8 *)lang);
		FcPatternAddLangSet(pattern, FC_LANG, langs);
		FcLangSetDestroy(langs);
	}
	faces = list_families(pattern, "Noto Sans ", &names, &n);
	FcPatternDestroy(pattern);
	for (i = 0; i < n; i++)
		if (strncmp(names[i], "Noto Sans CJK ", 14) != 0 &&
		    strncmp(names[i], "Noto Sans Mono", 14) != 0)
			add_family(&list, names[i]);
	free(names);
	if (faces != NULL)
		FcFontSetDestroy(faces);
	add_family(&list, cjk_family(lang));
	for (i = 0; i < sizeof(major_families) / sizeof(major_families[0]); i++)
		add_family(&list, major_families[i]);
	pattern = FcPatternCreate();
	faces = list_families(pattern, "Noto ", &names, &n);
	FcPatternDestroy(pattern);
	for (pass = 0; pass < 2; pass++)  /* "Noto Sans ...", then the others */
		for (i = 0; i < n; i++)
			if ((strncmp(names[i], "Noto Sans ", 10) == 0) == (pass == 0) &&
			    strncmp(names[i], "Noto Sans CJK ", 14) != 0)
				add_family(&list, names[i]);
	free(names);
	if (faces != NULL)
		FcFontSetDestroy(faces);
	return buf_detach(&list);
}

/*
 * The families text in lang is set in first: Noto Sans when it writes
 * lang (as fontconfig knows it), else Noto Sans and the Noto Sans families
 * that do (Noto Sans Arabic for "ar"), and the CJK family for a CJK
 * language.  A character none of them has is looked for in every Noto
 * family (engine_every): a short list keeps Pango's font matching as
 * cheap as it was with Noto Sans alone.  Returns the list (free).
 */
static char *
lang_families(const char *lang)
{
	struct buf list = BUF_INIT;
	FcPattern *pattern = FcPatternCreate();
	FcLangSet *langs = FcLangSetCreate();
	FcFontSet *faces;
	char **names;
	size_t n, i;

	add_family(&list, PDF_FONT_FAMILY);
	FcLangSetAdd(langs, (const FcChar8 *)lang);
	FcPatternAddLangSet(pattern, FC_LANG, langs);
	FcLangSetDestroy(langs);
	faces = list_families(pattern, PDF_FONT_FAMILY, &names, &n);
	FcPatternDestroy(pattern);
	for (i = 0; i < n && strcmp(names[i], PDF_FONT_FAMILY) != 0; i++)
		;
	if (i == n)  /* Noto Sans does not write it */
		for (i = 0; i < n; i++)
			if (strncmp(names[i], "Noto Sans ", 10) == 0 &&
			    strncmp(names[i], "Noto Sans CJK ", 14) != 0 &&
			    strncmp(names[i], "Noto Sans Mono", 14) != 0)
				add_family(&list, names[i]);
	free(names);
	if (faces != NULL)
		FcFontSetDestroy(faces);
	if (lang_is(lang, "zh") || lang_is(lang, "ja") || lang_is(lang, "ko"))
		add_family(&list, cjk_family(lang));
	return buf_detach(&list);
}

/* The descriptions of every style in the family list families (which
   must outlive them). */
static void
make_fonts(PangoFontDescription **fonts, const char *families)
{
	size_t i;

	for (i = 0; i < PDF_NFONTS; i++) {
		PangoFontDescription *desc = pango_font_description_new();

		pango_font_description_set_family_static(desc, families);
		pango_font_description_set_size(desc, (gint)(styles[i].size * PANGO_SCALE));
		pango_font_description_set_weight(desc, styles[i].weight);
		fonts[i] = desc;
	}
}

/*
 * Make engine->every, the styles in every Noto family, unless it is made.
 * Returns whether it lists more families than engine->fonts: whether
 * setting a text again in it can find more characters.
 */
static bool
engine_every(struct pdf_engine *engine)
{
	if (engine->every_families == NULL) {
		engine->every_families = noto_families(engine->lang);
		make_fonts(engine->every, engine->every_families);
	}
	return strcmp(engine->every_families, engine->families) != 0;
}

struct pdf_engine *
pdf_engine_new(const char *lang, const struct pdf_words *words)
{
	struct pdf_engine *engine;
	cairo_font_options_t *options;

	if (!have_font())
		return NULL;
	engine = xcalloc(1, sizeof(*engine));
	engine->words = words;
	engine->rtl = lang_is_rtl(lang);
	engine->lang = xstrdup(lang);
	engine->families = lang_families(lang);
	engine->fontmap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	if (engine->fontmap == NULL)
		xoom();
	engine->context = pango_font_map_create_context(engine->fontmap);
	/* Shaping and glyph forms for the language (a CJK character's differ
	   between Chinese and Japanese), and its direction for every
	   paragraph, whatever its first letter is (as HTML's dir does). */
	pango_context_set_language(engine->context, pango_language_from_string(lang));
	pango_context_set_base_dir(engine->context, engine->rtl ? PANGO_DIRECTION_RTL :
	    PANGO_DIRECTION_LTR);
	/* Unhinted metrics: the same layout on every page size and machine. */
	options = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(engine->context, options);
	cairo_font_options_destroy(options);
	pango_cairo_context_set_resolution(engine->context, 72.0);
	pango_context_set_round_glyph_positions(engine->context, FALSE);
	make_fonts(engine->fonts, engine->families);
	return engine;
}

void
pdf_engine_free(struct pdf_engine *engine)
{
	size_t i;

	if (engine == NULL)
		return;
	for (i = 0; i < PDF_NFONTS; i++) {
		pango_font_description_free(engine->fonts[i]);
		if (engine->every[i] != NULL)
			pango_font_description_free(engine->every[i]);
	}
	for (i = 0; i < sizeof(engine->noto) / sizeof(engine->noto[0]); i++)
		g_clear_object(&engine->noto[i]);
	g_object_unref(engine->context);
	g_object_unref(engine->fontmap);
	free(engine->families);
	free(engine->every_families);
	free(engine->lang);
	free(engine);
}

void
pdf_doc_init(struct pdf_doc *doc, struct pdf_engine *engine, enum pdf_paper paper,
    const char *site_name)
{
	memset(doc, 0, sizeof(*doc));
	doc->engine = engine;
	doc->words = engine->words;
	doc->rtl = engine->rtl;
	doc->paper = paper;
	doc->site_name = site_name;
}

static void
item_free(struct pdf_item *item)
{
	if (item->layout != NULL)
		g_object_unref(item->layout);
	free(item->modules);
	free(item->attributes);
}

void
pdf_doc_free(struct pdf_doc *doc)
{
	size_t i, k;

	for (i = 0; i < doc->npages; i++) {
		for (k = 0; k < doc->pages[i].nitems; k++)
			item_free(&doc->pages[i].items[k]);
		free(doc->pages[i].items);
		free(doc->pages[i].url);
		free(doc->pages[i].band);
	}
	free(doc->pages);
	for (i = 0; i < doc->nmarks; i++)
		free(doc->marks[i].title);
	free(doc->marks);
	free(doc->url);
	free(doc->band);
	free(doc->what);
	memset(doc, 0, sizeof(*doc));
}

void
pdf_doc_set_url(struct pdf_doc *doc, const char *url)
{
	free(doc->url);
	doc->url = url != NULL ? xstrdup(url) : NULL;
}

void
pdf_doc_set_band(struct pdf_doc *doc, const char *text)
{
	free(doc->band);
	doc->band = text != NULL ? xstrdup(text) : NULL;
}

void
pdf_doc_where(struct pdf_doc *doc, const char *file, int line, const char *fmt, ...)
{
	struct buf what = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&what, fmt, ap);
	va_end(ap);
	free(doc->what);
	doc->what = buf_detach(&what);
	doc->file = file;
	doc->line = line;
}

void
pdf_doc_append(struct pdf_doc *to, struct pdf_doc *from)
{
	size_t i;

	if (to->npages + from->npages > to->cap) {
		to->cap = to->npages + from->npages;
		to->pages = xrealloc(to->pages, to->cap * sizeof(*to->pages));
	}
	memcpy(to->pages + to->npages, from->pages, from->npages * sizeof(*from->pages));
	to->marks = xrealloc(to->marks, (to->nmarks + from->nmarks + 1) *
	    sizeof(*to->marks));
	for (i = 0; i < from->nmarks; i++) {
		to->marks[to->nmarks] = from->marks[i];
		to->marks[to->nmarks++].page += to->npages;
	}
	to->npages += from->npages;
	to->y = from->y;
	free(from->pages);
	free(from->marks);
	from->pages = NULL;
	from->marks = NULL;
	from->npages = from->cap = from->nmarks = 0;
}

static const struct pdf_page *
last_page(const struct pdf_doc *doc)
{
	return doc->npages > 0 ? &doc->pages[doc->npages - 1] : NULL;
}

/* The top of page's writing area: below its band, when it has one. */
static double
page_top(const struct pdf_page *page)
{
	return page != NULL && page->band != NULL ? MARGIN_TOP + BAND_ROOM : MARGIN_TOP;
}

double
pdf_left(const struct pdf_doc *doc)
{
	(void)doc;
	return MARGIN_SIDE;
}

double
pdf_right(const struct pdf_doc *doc)
{
	const struct pdf_page *page = last_page(doc);

	return (page != NULL ? page->width : 595.0) - MARGIN_SIDE;
}

double
pdf_width(const struct pdf_doc *doc)
{
	return pdf_right(doc) - pdf_left(doc);
}

double
pdf_top(const struct pdf_doc *doc)
{
	return page_top(last_page(doc));
}

double
pdf_bottom(const struct pdf_doc *doc)
{
	const struct pdf_page *page = last_page(doc);

	return (page != NULL ? page->height : 842.0) - MARGIN_BOTTOM;
}

double
pdf_page_room(const struct pdf_doc *doc)
{
	double w, h;

	pdf_paper_size(doc->paper, &w, &h);
	return (doc->landscape ? w : h) - MARGIN_TOP - MARGIN_BOTTOM -
	    (doc->band != NULL ? BAND_ROOM : 0);
}

void
pdf_new_page(struct pdf_doc *doc)
{
	struct pdf_page *page;
	double w, h;

	if (doc->npages == doc->cap) {
		doc->cap = doc->cap ? doc->cap * 2 : 16;
		doc->pages = xrealloc(doc->pages, doc->cap * sizeof(*doc->pages));
	}
	page = &doc->pages[doc->npages++];
	memset(page, 0, sizeof(*page));
	pdf_paper_size(doc->paper, &w, &h);
	page->width = doc->landscape ? h : w;
	page->height = doc->landscape ? w : h;
	page->url = doc->url != NULL ? xstrdup(doc->url) : NULL;
	page->band = doc->band != NULL ? xstrdup(doc->band) : NULL;
	doc->y = page_top(page);
}

bool
pdf_fits(const struct pdf_doc *doc, double height)
{
	return doc->npages > 0 && doc->y + height <= pdf_bottom(doc) + 0.01;
}

void
pdf_need(struct pdf_doc *doc, double height)
{
	if (!pdf_fits(doc, height))
		pdf_new_page(doc);
}

void
pdf_mark(struct pdf_doc *doc, int level, const char *title)
{
	struct pdf_mark *mark;

	doc->marks = xrealloc(doc->marks, (doc->nmarks + 1) * sizeof(*doc->marks));
	mark = &doc->marks[doc->nmarks++];
	mark->title = xstrdup(title);
	mark->level = level;
	mark->page = doc->npages > 0 ? doc->npages - 1 : 0;
}

/* A new item on the last page, zeroed but for kind. */
static struct pdf_item *
add_item(struct pdf_doc *doc, enum item_kind kind)
{
	struct pdf_page *page;
	struct pdf_item *item;

	if (doc->npages == 0)
		pdf_new_page(doc);
	page = &doc->pages[doc->npages - 1];
	if (page->nitems == page->cap) {
		page->cap = page->cap ? page->cap * 2 : 32;
		page->items = xrealloc(page->items, page->cap * sizeof(*page->items));
	}
	item = &page->items[page->nitems++];
	memset(item, 0, sizeof(*item));
	item->kind = kind;
	item->fill = -1;
	return item;
}

void
pdf_fill(struct buf *out, const char *words, ...)
{
	const char *p = words, *open;

	while ((open = strchr(p, '{')) != NULL) {
		const char *close = strchr(open + 1, '}'), *name, *value = NULL;
		va_list ap;

		buf_put(out, p, (size_t)(open - p));
		p = open;
		if (close == NULL)  /* a '{' and nothing to close it */
			break;
		va_start(ap, words);
		while ((name = va_arg(ap, const char *)) != NULL) {
			const char *v = va_arg(ap, const char *);

			if (strlen(name) == (size_t)(close - open - 1) &&
			    strncmp(name, open + 1, (size_t)(close - open - 1)) == 0) {
				value = v;
				break;
			}
		}
		va_end(ap);
		if (value != NULL)
			buf_puts(out, value);
		else
			buf_put(out, open, (size_t)(close + 1 - open));
		p = close + 1;
	}
	buf_puts(out, p);
}

void
pdf_markup_escape(struct buf *out, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&': BUF_PUTSL(out, "&amp;"); break;
		case '<': BUF_PUTSL(out, "&lt;"); break;
		case '>': BUF_PUTSL(out, "&gt;"); break;
		case '"': BUF_PUTSL(out, "&quot;"); break;
		case '\'': BUF_PUTSL(out, "&apos;"); break;
		default: buf_putc(out, *s);
		}
}

void
pdf_markup_ltr(const struct pdf_doc *doc, struct buf *out, const char *s)
{
	if (doc->rtl)
		BUF_PUTSL(out, "\xE2\x81\xA6");  /* U+2066 LEFT-TO-RIGHT ISOLATE */
	pdf_markup_escape(out, s);
	if (doc->rtl)
		BUF_PUTSL(out, "\xE2\x81\xA9");  /* U+2069 POP DIRECTIONAL ISOLATE */
}

void
pdf_attr_quote(struct buf *out, const char *s)
{
	buf_putc(out, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'' || *s == '\\')
			buf_putc(out, '\\');
		buf_putc(out, *s);
	}
	buf_putc(out, '\'');
}

/* "exercise 'x', field 'y': its label" or "its label", for messages. */
static void
who(const struct pdf_doc *doc, const char *part, struct buf *out)
{
	if (doc->what != NULL)
		buf_printf(out, "%s: ", doc->what);
	buf_printf(out, "%s%s", part != NULL ? "its " : "the text", part != NULL ?
	    part : "");
}

/* Is font one of the Noto fonts (the engine's list, not some other font
   that Pango's fallback went on to)? */
static bool
is_noto(struct pdf_engine *engine, PangoFont *font)
{
	PangoFontDescription *desc;
	const char *family;
	bool noto;
	size_t i;

	if (font == NULL)
		return false;
	for (i = 0; i < sizeof(engine->noto) / sizeof(engine->noto[0]); i++)
		if (engine->noto[i] == font)
			return true;
	desc = pango_font_describe(font);
	family = pango_font_description_get_family(desc);
	noto = family != NULL && strncmp(family, "Noto ", 5) == 0;
	pango_font_description_free(desc);
	if (noto) {  /* remember it, the latest first */
		size_t last = sizeof(engine->noto) / sizeof(engine->noto[0]) - 1;

		g_clear_object(&engine->noto[last]);
		memmove(engine->noto + 1, engine->noto, last * sizeof(engine->noto[0]));
		engine->noto[0] = g_object_ref(font);
	}
	return noto;
}

/*
 * The byte offset in the layout's text of the first character no Noto font
 * has: drawn as an unknown glyph (no font has it), or from a font that is
 * not a Noto one.  Returns -1 when there is none.
 */
static int
first_missing(struct pdf_engine *engine, PangoLayout *layout)
{
	PangoLayoutIter *iter = pango_layout_get_iter(layout);
	int first = -1;

	do {
		PangoLayoutRun *run = pango_layout_iter_get_run_readonly(iter);
		bool noto;
		int i;

		if (run == NULL)
			continue;  /* a line's end */
		noto = is_noto(engine, run->item->analysis.font);
		for (i = 0; i < run->glyphs->num_glyphs; i++)
			if (!noto || (run->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
				int at = run->item->offset + run->glyphs->log_clusters[i];

				if (first < 0 || at < first)
					first = at;
			}
	} while (pango_layout_iter_next_run(iter));
	pango_layout_iter_free(iter);
	return first;
}

/* Report the character at byte offset at of text, which no Noto font has. */
static void
report_missing(struct pdf_doc *doc, const char *text, int at, const char *part)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t len = strlen(text), used;
	long cp = util_utf8_decode(s + at, len - (size_t)at, &used);
	struct buf msg = BUF_INIT;

	who(doc, part, &msg);
	buf_printf(&msg, " has a character no installed Noto font has, '%.*s' "
	    "(U+%04lX): the PDFs are set in Debian's Noto fonts (%s, and %s for "
	    "Chinese, Japanese and Korean); leave it out, or install the Noto "
	    "font of its script", (int)used, text + at, cp, PDF_FONT_PACKAGE,
	    PDF_CJK_PACKAGE);
	diag_error(doc->file, doc->line, 0, "%s", buf_str(&msg));
	buf_free(&msg);
	doc->failed = true;
}

/* Report the widest line of layout, wider than width. */
static void
report_too_wide(struct pdf_doc *doc, PangoLayout *layout, const char *text,
    double width, const char *part)
{
	struct buf msg = BUF_INIT;
	int i, n = pango_layout_get_line_count(layout), widest = 0;
	double widest_w = 0;
	PangoLayoutLine *line;
	PangoRectangle logical;

	for (i = 0; i < n; i++) {
		line = pango_layout_get_line_readonly(layout, i);
		pango_layout_line_get_extents(line, NULL, &logical);
		if ((double)logical.width / PANGO_SCALE > widest_w) {
			widest_w = (double)logical.width / PANGO_SCALE;
			widest = i;
		}
	}
	line = pango_layout_get_line_readonly(layout, widest);
	who(doc, part, &msg);
	buf_printf(&msg, " is too wide for the page: \"%.*s\" is %.0f mm wide, and "
	    "there is room for %.0f mm (%s, %s); shorten it, or give it more room",
	    line->length, text + line->start_index, widest_w / PDF_MM, width / PDF_MM,
	    pdf_paper_name(doc->paper), doc->landscape ? "landscape" : "portrait");
	diag_error(doc->file, doc->line, 0, "%s", buf_str(&msg));
	buf_free(&msg);
	doc->failed = true;
}

/*
 * Pango breaks a word wider than the line between characters, but it does
 * so by shaping the rest of the word again for every line it makes: a
 * 10,000-character word took seconds.  So such words are cut here first,
 * from one measurement of the unwrapped text: each character's width, summed
 * from the word's start, and a zero-width space (an ordinary break
 * opportunity) put before the cluster that would pass the width.  Pango
 * then only wraps at breaks, which is linear.  Returns the new text (g_free)
 * with attrs moved to match, or NULL when no word is too wide.
 */
static char *
break_long_words(PangoLayout *layout, const char *text, PangoAttrList *attrs,
    double width)
{
	static const char zwsp[] = "\xE2\x80\x8B";  /* U+200B */
	const PangoLogAttr *log;
	size_t len = strlen(text), nchars, i, ncuts = 0, at;
	int nlog, *char_of, *widths;
	size_t *cuts;  /* byte offsets to break before */
	long room = (long)(width * PANGO_SCALE * 0.98);  /* kerning's margin */
	long run = 0;  /* width of the word so far, since the last cut */
	GSList *lines, *runs;
	const char *p;
	GString *out;

	pango_layout_set_width(layout, -1);  /* one measurement, unwrapped */
	log = pango_layout_get_log_attrs_readonly(layout, &nlog);
	nchars = nlog > 0 ? (size_t)nlog - 1 : 0;
	char_of = g_new(int, len + 1);
	widths = g_new0(int, nchars + 1);
	for (p = text, i = 0; *p != '\0'; p = g_utf8_next_char(p), i++)
		char_of[p - text] = (int)i;
	char_of[len] = (int)i;
	for (lines = pango_layout_get_lines_readonly(layout); lines != NULL;
	    lines = lines->next)
		for (runs = ((PangoLayoutLine *)lines->data)->runs; runs != NULL;
		    runs = runs->next) {
			PangoGlyphItem *glyphs = runs->data;

			pango_glyph_item_get_logical_widths(glyphs, text,
			    widths + char_of[glyphs->item->offset]);
		}
	g_free(char_of);
	cuts = g_new(size_t, nchars + 1);
	for (p = text, i = 0; i < nchars && *p != '\0';
	    p = g_utf8_next_char(p), i++) {
		if (log[i].is_line_break || log[i].is_mandatory_break ||
		    log[i].is_white)
			run = 0;  /* a word begins, or a space */
		else if (run > 0 && run + widths[i] > room &&
		    log[i].is_cursor_position) {
			cuts[ncuts++] = (size_t)(p - text);  /* before this cluster */
			run = 0;
		}
		if (!log[i].is_white)
			run += widths[i];
	}
	g_free(widths);
	if (ncuts == 0) {
		g_free(cuts);
		return NULL;
	}
	out = g_string_sized_new(len + ncuts * 3);
	for (at = 0; at <= ncuts; at++) {
		size_t from = at == 0 ? 0 : cuts[at - 1];
		size_t to = at == ncuts ? len : cuts[at];

		if (at > 0)
			g_string_append(out, zwsp);
		g_string_append_len(out, text + from, (gssize)(to - from));
	}
	for (at = ncuts; at > 0; at--)  /* the last first: offsets hold */
		pango_attr_list_update(attrs, (int)cuts[at - 1], 0, 3);
	g_free(cuts);
	return g_string_free(out, FALSE);
}

/*
 * Lay out markup as pdf_text does, in fonts (the engine's fonts or every),
 * without checking it.  Returns the layout with *text its text (g_free),
 * or NULL after a diagnostic (bad markup).
 */
static PangoLayout *
lay_out(struct pdf_doc *doc, PangoFontDescription *const *fonts, enum pdf_font font,
    const char *markup, double width, enum pdf_align align, bool strict,
    char **text)
{
	PangoAttrList *attrs = NULL;
	PangoLayout *layout;
	PangoAlignment start = doc->rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
	PangoAlignment end = doc->rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
	GError *error = NULL;
	char *broken;

	*text = NULL;
	if (!pango_parse_markup(markup, -1, 0, &attrs, text, NULL, &error)) {
		diag_error(doc->file, doc->line, 0, "internal error: bad markup for the "
		    "PDF (%s): %s", error->message, markup);
		g_error_free(error);
		doc->failed = true;
		return NULL;
	}
	layout = pango_layout_new(doc->engine->context);
	/* Every paragraph in the document's direction (the context's). */
	pango_layout_set_auto_dir(layout, FALSE);
	pango_layout_set_font_description(layout, fonts[font]);
	pango_layout_set_text(layout, *text, -1);
	pango_layout_set_attributes(layout, attrs);
	if (!strict && width > 0 && (broken = break_long_words(layout, *text,
	    attrs, width)) != NULL) {
		g_free(*text);
		*text = broken;
		pango_layout_set_text(layout, *text, -1);
		pango_layout_set_attributes(layout, attrs);
	}
	pango_attr_list_unref(attrs);
	pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(layout, strict ? PANGO_WRAP_WORD : PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(layout, align == PDF_CENTER ? PANGO_ALIGN_CENTER :
	    align == PDF_END ? end : start);
	pango_layout_set_line_spacing(layout, (float)styles[font].spacing);
	return layout;
}

PangoLayout *
pdf_text(struct pdf_doc *doc, enum pdf_font font, const char *markup, double width,
    enum pdf_align align, bool strict, const char *part)
{
	struct pdf_engine *engine = doc->engine;
	PangoLayout *layout;
	PangoRectangle logical;
	char *text;
	int missing;

	layout = lay_out(doc, engine->fonts, font, markup, width, align, strict, &text);
	if (layout == NULL)
		return NULL;
	if ((missing = first_missing(engine, layout)) >= 0 && engine_every(engine)) {
		/* Not in the language's fonts: again, in every Noto font. */
		g_object_unref(layout);
		g_free(text);
		layout = lay_out(doc, engine->every, font, markup, width, align, strict,
		    &text);
		if (layout == NULL)
			return NULL;
		missing = first_missing(engine, layout);
	}
	if (missing >= 0) {
		report_missing(doc, text, missing, part);
		g_object_unref(layout);
		layout = NULL;
	} else if (strict) {
		pango_layout_get_extents(layout, NULL, &logical);
		if ((double)logical.width / PANGO_SCALE > width + 0.5) {
			report_too_wide(doc, layout, text, width, part);
			g_object_unref(layout);
			layout = NULL;
		}
	}
	g_free(text);
	return layout;
}

PangoLayout *
pdf_plain(struct pdf_doc *doc, enum pdf_font font, const char *text,
    double width, enum pdf_align align, bool strict, const char *part)
{
	struct buf markup = BUF_INIT;
	PangoLayout *layout;

	pdf_markup_escape(&markup, text);
	layout = pdf_text(doc, font, buf_str(&markup), width, align, strict, part);
	buf_free(&markup);
	return layout;
}

double
pdf_text_height(PangoLayout *layout)
{
	PangoRectangle logical;

	pango_layout_get_extents(layout, NULL, &logical);
	return (double)logical.height / PANGO_SCALE;
}

double
pdf_text_width(PangoLayout *layout)
{
	PangoRectangle logical;

	pango_layout_get_extents(layout, NULL, &logical);
	if (pango_context_get_base_dir(pango_layout_get_context(layout)) ==
	    PANGO_DIRECTION_RTL && pango_layout_get_width(layout) > 0)  /* from the right */
		return (double)(pango_layout_get_width(layout) - logical.x) / PANGO_SCALE;
	return (double)(logical.x + logical.width) / PANGO_SCALE;
}

/* A text item showing lines [first, last) of layout at (x, y). */
static void
put_lines(struct pdf_doc *doc, PangoLayout *layout, int first, int last,
    double offset, double x, double y, double gray)
{
	struct pdf_item *item = add_item(doc, ITEM_TEXT);

	item->layout = g_object_ref(layout);
	item->first = first;
	item->last = last;
	item->offset = offset;
	item->x = x;
	item->y = y;
	item->gray = gray;
}

void
pdf_put_text(struct pdf_doc *doc, PangoLayout *layout, double x, double y,
    double gray)
{
	put_lines(doc, layout, 0, pango_layout_get_line_count(layout), 0, x, y, gray);
}

void
pdf_flow_text(struct pdf_doc *doc, PangoLayout *layout, double x, double gray)
{
	int n = pango_layout_get_line_count(layout), first = 0, last, i;
	double *top = xcalloc((size_t)n + 1, sizeof(*top));
	double *bottom = xcalloc((size_t)n + 1, sizeof(*bottom));
	PangoLayoutIter *iter = pango_layout_get_iter(layout);

	for (i = 0; i < n; i++) {
		int y0, y1;

		pango_layout_iter_get_line_yrange(iter, &y0, &y1);
		top[i] = (double)y0 / PANGO_SCALE;
		bottom[i] = (double)y1 / PANGO_SCALE;
		pango_layout_iter_next_line(iter);
	}
	pango_layout_iter_free(iter);
	if (doc->npages == 0)
		pdf_new_page(doc);
	while (first < n) {
		double room = pdf_bottom(doc) - doc->y;
		bool fresh = doc->y <= pdf_top(doc) + 0.01;

		for (last = first; last < n && bottom[last] - top[first] <= room + 0.01; last++)
			;
		if (last == n) {
			put_lines(doc, layout, first, n, top[first], x, doc->y, gray);
			doc->y += bottom[n - 1] - top[first];
			break;
		}
		if (last - first < 2 && !fresh) {  /* no lone first line at a foot */
			pdf_new_page(doc);
			continue;
		}
		if (last == first)  /* a line taller than a page: set it anyway */
			last = first + 1;
		if (n - last == 1 && last - first > 2)  /* no lone last line at a top */
			last--;
		put_lines(doc, layout, first, last, top[first], x, doc->y, gray);
		pdf_new_page(doc);
		first = last;
	}
	free(top);
	free(bottom);
}

void
pdf_put_line(struct pdf_doc *doc, double x0, double y0, double x1, double y1,
    double width, double gray, bool dotted)
{
	struct pdf_item *item = add_item(doc, ITEM_LINE);

	item->x = x0;
	item->y = y0;
	item->w = x1 - x0;
	item->h = y1 - y0;
	item->width = width;
	item->gray = gray;
	item->dotted = dotted;
}

int
pdf_rule_rest(struct pdf_doc *doc)
{
	int k;

	for (k = 1; pdf_fits(doc, k * PDF_LINE_PITCH); k++)
		pdf_put_line(doc, pdf_left(doc), doc->y + k * PDF_LINE_PITCH, pdf_right(doc),
		    doc->y + k * PDF_LINE_PITCH, 0.6, 0.55, false);
	doc->y += (k - 1) * PDF_LINE_PITCH;
	return k - 1;
}

void
pdf_put_bar(struct pdf_doc *doc, size_t first_page, double y0, double x,
    double width, double gray)
{
	size_t last = doc->npages - 1, i;
	struct pdf_item *item;

	for (i = first_page; i <= last; i++) {
		struct pdf_page *page = &doc->pages[i];

		if (page->nitems == page->cap) {
			page->cap = page->cap ? page->cap * 2 : 32;
			page->items = xrealloc(page->items, page->cap * sizeof(*page->items));
		}
		item = &page->items[page->nitems++];
		memset(item, 0, sizeof(*item));
		item->kind = ITEM_LINE;
		item->fill = -1;
		item->x = x;
		item->y = i == first_page ? y0 : page_top(page);
		item->h = (i == last ? doc->y : page->height - MARGIN_BOTTOM) - item->y;
		item->width = width;
		item->gray = gray;
	}
}

void
pdf_put_rect(struct pdf_doc *doc, double x, double y, double w, double h,
    double width, double gray, double fill)
{
	struct pdf_item *item = add_item(doc, ITEM_RECT);

	item->x = x;
	item->y = y;
	item->w = w;
	item->h = h;
	item->width = width;
	item->gray = gray;
	item->fill = fill;
}

void
pdf_put_circle(struct pdf_doc *doc, double cx, double cy, double r, double width,
    double gray)
{
	struct pdf_item *item = add_item(doc, ITEM_CIRCLE);

	item->x = cx;
	item->y = cy;
	item->w = r;
	item->width = width;
	item->gray = gray;
}

int
pdf_put_qr(struct pdf_doc *doc, const char *url, double x, double y, double size)
{
	QRcode *code = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	struct buf attrs = BUF_INIT;
	struct pdf_item *item;
	size_t i, n;

	if (code == NULL) {
		diag_error(doc->file, doc->line, 0, "cannot make a QR code of %s: %s",
		    url, strerror(errno));
		doc->failed = true;
		return -1;
	}
	item = add_item(doc, ITEM_QR);
	item->x = x;
	item->y = y;
	item->w = item->h = size;
	n = (size_t)code->width * (size_t)code->width;
	item->modules = xmalloc(n);
	for (i = 0; i < n; i++)
		item->modules[i] = code->data[i] & 1;  /* bit 0: a dark module */
	item->modules_width = code->width;
	QRcode_free(code);
	BUF_PUTSL(&attrs, "uri=");
	pdf_attr_quote(&attrs, url);
	pdf_put_link(doc, x, y, size, size, buf_str(&attrs));
	buf_free(&attrs);
	return 0;
}

void
pdf_put_link(struct pdf_doc *doc, double x, double y, double w, double h,
    const char *attributes)
{
	struct pdf_item *item = add_item(doc, ITEM_LINK);

	item->x = x;
	item->y = y;
	item->w = w;
	item->h = h;
	item->attributes = xstrdup(attributes);
}

/* Draw lines [first, last) of a text item. */
static void
draw_text(cairo_t *cr, const struct pdf_item *item)
{
	PangoLayoutIter *iter;
	int i = 0;

	cairo_set_source_rgb(cr, item->gray, item->gray, item->gray);
	if (item->first == 0 && item->last == pango_layout_get_line_count(item->layout)) {
		cairo_move_to(cr, item->x, item->y);
		pango_cairo_show_layout(cr, item->layout);
		return;
	}
	iter = pango_layout_get_iter(item->layout);
	do {
		PangoRectangle logical;
		double baseline;

		if (i >= item->last)
			break;
		if (i >= item->first) {
			pango_layout_iter_get_line_extents(iter, NULL, &logical);
			baseline = (double)pango_layout_iter_get_baseline(iter) / PANGO_SCALE;
			cairo_move_to(cr, item->x + (double)logical.x / PANGO_SCALE,
			    item->y + baseline - item->offset);
			pango_cairo_show_layout_line(cr,
			    pango_layout_iter_get_line_readonly(iter));
		}
		i++;
	} while (pango_layout_iter_next_line(iter));
	pango_layout_iter_free(iter);
}

/* A QR code: each run of dark modules in a row is one rectangle. */
static void
draw_qr(cairo_t *cr, const struct pdf_item *item)
{
	int w = item->modules_width, row, col, run;
	double module = item->w / (w + 8);  /* a quiet zone of 4 modules around */

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, item->x, item->y, item->w, item->w);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (row = 0; row < w; row++)
		for (col = 0; col < w; col = run) {
			for (run = col; run < w && item->modules[row * w + run]; run++)
				;
			if (run > col)
				cairo_rectangle(cr, item->x + (col + 4) * module,
				    item->y + (row + 4) * module, (run - col) * module, module);
			else
				run = col + 1;
		}
	cairo_fill(cr);
}

static void
draw_item(cairo_t *cr, const struct pdf_item *item)
{
	static const double dots[] = { 0.6, 2.4 };

	switch (item->kind) {
	case ITEM_TEXT:
		draw_text(cr, item);
		return;
	case ITEM_LINE:
		cairo_set_source_rgb(cr, item->gray, item->gray, item->gray);
		cairo_set_line_width(cr, item->width);
		cairo_set_line_cap(cr, item->dotted ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
		cairo_set_dash(cr, dots, item->dotted ? 2 : 0, 0);
		cairo_move_to(cr, item->x, item->y);
		cairo_line_to(cr, item->x + item->w, item->y + item->h);
		cairo_stroke(cr);
		cairo_set_dash(cr, dots, 0, 0);
		return;
	case ITEM_RECT:
		cairo_rectangle(cr, item->x, item->y, item->w, item->h);
		if (item->fill >= 0) {
			cairo_set_source_rgb(cr, item->fill, item->fill, item->fill);
			if (item->width > 0)
				cairo_fill_preserve(cr);
			else
				cairo_fill(cr);
		}
		if (item->width > 0) {
			cairo_set_source_rgb(cr, item->gray, item->gray, item->gray);
			cairo_set_line_width(cr, item->width);
			cairo_stroke(cr);
		}
		return;
	case ITEM_CIRCLE:
		cairo_new_sub_path(cr);
		cairo_arc(cr, item->x, item->y, item->w, 0, 2 * G_PI);
		cairo_set_source_rgb(cr, item->gray, item->gray, item->gray);
		cairo_set_line_width(cr, item->width);
		cairo_stroke(cr);
		return;
	case ITEM_QR:
		draw_qr(cr, item);
		return;
	case ITEM_LINK: {
		struct buf attrs = BUF_INIT;

		buf_printf(&attrs, "rect=[%.2f %.2f %.2f %.2f] %s", item->x, item->y,
		    item->w, item->h, item->attributes);
		cairo_tag_begin(cr, CAIRO_TAG_LINK, buf_str(&attrs));
		cairo_tag_end(cr, CAIRO_TAG_LINK);
		buf_free(&attrs);
		return;
	}
	}
}

/*
 * item as a right-to-left page shows it, into out: mirrored across the
 * page's middle, page_width wide.  A text's box is its layout's width, in
 * which Pango aligned its lines to the right (the start); a QR code moves
 * but is not turned over.
 */
static void
mirror_item(const struct pdf_item *item, double page_width, struct pdf_item *out)
{
	*out = *item;
	switch (item->kind) {
	case ITEM_TEXT: {
		double w = (double)pango_layout_get_width(item->layout) / PANGO_SCALE;

		if (w <= 0) {
			PangoRectangle logical;

			pango_layout_get_extents(item->layout, NULL, &logical);
			w = (double)(logical.x + logical.width) / PANGO_SCALE;
		}
		out->x = page_width - item->x - w;
		return;
	}
	case ITEM_LINE:
		out->x = page_width - item->x;
		out->w = -item->w;
		return;
	case ITEM_CIRCLE:
		out->x = page_width - item->x;
		return;
	case ITEM_RECT:
	case ITEM_QR:
	case ITEM_LINK:
		out->x = page_width - item->x - item->w;
		return;
	}
}

/* The footer: "site · URL" at the start (the left, or in a right-to-left
   document the right) and "page N of M" at the end.  Returns 0, or -1
   after a diagnostic. */
static int
draw_footer(cairo_t *cr, struct pdf_doc *doc, const struct pdf_page *page,
    size_t number, size_t total)
{
	double left = MARGIN_SIDE, right = page->width - MARGIN_SIDE;
	double y = page->height - FOOTER_RULE, counter_w = 26.0 * PDF_MM;
	double where_x = left, count_x = right - counter_w;
	struct buf markup = BUF_INIT;
	char n[24], m[24];
	PangoLayout *where, *count;
	int status = 0;

	pdf_markup_escape(&markup, doc->site_name);
	BUF_PUTSL(&markup, "  ·  ");
	pdf_markup_ltr(doc, &markup, page->url);
	where = pdf_text(doc, PDF_FOOTER, buf_str(&markup), right - left - counter_w,
	    PDF_START, false, "footer");
	buf_reset(&markup);
	snprintf(n, sizeof(n), "%zu", number);
	snprintf(m, sizeof(m), "%zu", total);
	{
		struct buf words = BUF_INIT;

		pdf_fill(&words, doc->words->page_of, "n", n, "total", m, (char *)NULL);
		pdf_markup_escape(&markup, buf_str(&words));
		buf_free(&words);
	}
	count = pdf_text(doc, PDF_FOOTER, buf_str(&markup), counter_w, PDF_END,
	    false, "footer");
	buf_free(&markup);
	if (doc->rtl) {  /* mirrored, as the page is */
		where_x = page->width - right + counter_w;
		count_x = page->width - right;
	}
	if (where == NULL || count == NULL)
		status = -1;
	else {
		/* No rule: it would read as one more writing line. */
		cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
		cairo_move_to(cr, where_x, y + 2.5 * PDF_MM);
		pango_cairo_show_layout(cr, where);
		cairo_move_to(cr, count_x, y + 2.5 * PDF_MM);
		pango_cairo_show_layout(cr, count);
	}
	g_clear_object(&where);
	g_clear_object(&count);
	return status;
}

/* The band across the top of a page: its text in white bold, centred on
   solid black.  Returns 0, or -1 after a diagnostic. */
static int
draw_band(cairo_t *cr, struct pdf_doc *doc, const struct pdf_page *page)
{
	double left = MARGIN_SIDE, width = page->width - 2 * MARGIN_SIDE;
	PangoLayout *text = pdf_plain(doc, PDF_LABEL, page->band, width - 8.0 * PDF_MM,
	    PDF_CENTER, false, "band");

	if (text == NULL)
		return -1;
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_rectangle(cr, left, BAND_TOP, width, BAND_HEIGHT);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_move_to(cr, left + 4.0 * PDF_MM,
	    BAND_TOP + (BAND_HEIGHT - pdf_text_height(text)) / 2);
	pango_cairo_show_layout(cr, text);
	g_object_unref(text);
	return 0;
}

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_put(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* SOURCE_DATE_EPOCH as an ISO 8601 date for Cairo, or "" when unset. */
static void
creation_date(char *out, size_t size)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	time_t when;
	struct tm tm;
	char *end;

	out[0] = '\0';
	if (epoch == NULL || epoch[0] == '\0')
		return;
	when = (time_t)strtoll(epoch, &end, 10);
	if (*end != '\0' || gmtime_r(&when, &tm) == NULL)
		return;
	strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int
pdf_doc_render(struct pdf_doc *doc, const struct pdf_meta *meta, struct buf *out)
{
	cairo_surface_t *surface;
	cairo_t *cr;
	cairo_status_t cs;
	char date[32];
	int status = 0, parent = CAIRO_PDF_OUTLINE_ROOT;
	size_t i, k;

	if (doc->npages == 0)
		pdf_new_page(doc);
	surface = cairo_pdf_surface_create_for_stream(write_buf, out,
	    doc->pages[0].width, doc->pages[0].height);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, meta->title);
	if (meta->author != NULL && meta->author[0] != '\0')
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR,
		    meta->author);
	if (meta->subject != NULL && meta->subject[0] != '\0')
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT,
		    meta->subject);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
	    "mend " MEND_VERSION);
	creation_date(date, sizeof(date));
	if (date[0] != '\0')
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
		    date);
	cr = cairo_create(surface);
	for (i = 0; i < doc->npages && status == 0; i++) {
		const struct pdf_page *page = &doc->pages[i];

		cairo_pdf_surface_set_size(surface, page->width, page->height);
		for (k = 0; k < page->nitems; k++) {
			struct pdf_item mirrored;

			if (doc->rtl) {
				mirror_item(&page->items[k], page->width, &mirrored);
				draw_item(cr, &mirrored);
			} else
				draw_item(cr, &page->items[k]);
		}
		if (page->band != NULL)
			status = draw_band(cr, doc, page);
		if (page->url != NULL && status == 0)
			status = draw_footer(cr, doc, page, i + 1, doc->npages);
		cairo_show_page(cr);
	}
	for (i = 0; i < doc->nmarks && status == 0; i++) {
		struct buf dest = BUF_INIT;
		int id;

		buf_printf(&dest, "page=%zu", doc->marks[i].page + 1);
		id = cairo_pdf_surface_add_outline(surface, doc->marks[i].level == 1 ?
		    CAIRO_PDF_OUTLINE_ROOT : parent, doc->marks[i].title, buf_str(&dest), 0);
		if (doc->marks[i].level == 1)
			parent = id;
		buf_free(&dest);
	}
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	if (status == 0 && (cs = cairo_surface_status(surface)) != CAIRO_STATUS_SUCCESS) {
		diag_error(NULL, 0, 0, "cannot make the PDF '%s': %s", meta->title,
		    cairo_status_to_string(cs));
		status = -1;
	}
	cairo_surface_destroy(surface);
	return status;
}
