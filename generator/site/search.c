/*
 * search — the site's search index.  See search.h.
 *
 * Two steps.  Each page on its own (on the pool's threads): its body's
 * HTML read into plain text, section by section (a heading starts a
 * section, with the heading's id), and its words counted with the fields
 * they were found in.  Then, in page order, every page's words merged
 * into one posting list per term, the terms sorted, and the files made.
 */
#include "site/search.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/hash.h"
#include "lib/pool.h"
#include "lib/util.h"
#include "site/output.h"
#include "site/site.h"
#include "site/theme.h"

/* The base letter of U+00C0..U+00FF and U+0100..U+017F (' ': a separator,
   × and ÷).  search.js holds the same two strings. */
static const char latin1[] =
    "aaaaaaaceeeeiiiidnooooo ouuuuyts" "aaaaaaaceeeeiiiidnooooo ouuuuyty";
static const char latin_a[] =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllll"
    "nnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
_Static_assert(sizeof(latin1) == 65 && sizeof(latin_a) == 129,
    "one letter per code point");

/* What one code point is to the tokenizer. */
enum fold { FOLD_SEPARATOR, FOLD_SKIP, FOLD_LETTER };

/* Classify cp; for FOLD_LETTER, *out is what the word gets (cp folded). */
static enum fold
fold(long cp, long *out)
{
	char c;

	*out = cp;
	if (cp < 0)
		return FOLD_SEPARATOR;
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			*out = cp - 'A' + 'a';
		else if (cp == '\'')
			return FOLD_SKIP;
		else if (!((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')))
			return FOLD_SEPARATOR;
		return FOLD_LETTER;
	}
	if (cp >= 0xC0 && cp <= 0x17F) {
		c = cp <= 0xFF ? latin1[cp - 0xC0] : latin_a[cp - 0x100];
		*out = c;
		return c == ' ' ? FOLD_SEPARATOR : FOLD_LETTER;
	}
	if ((cp >= 0x300 && cp <= 0x36F) || cp == 0x2019 || cp == 0x2BC ||
	    cp == 0xAD || cp == 0x200B || cp == 0x200D)
		return FOLD_SKIP;  /* accents, apostrophes, invisible breaks */
	if (cp < 0xC0 || (cp >= 0x2000 && cp <= 0x2BFF) ||
	    (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
	    (cp >= 0xFF00 && cp <= 0xFF0F) || cp == 0xFEFF || cp >= 0x1F000)
		return FOLD_SEPARATOR;  /* punctuation, symbols, emoji */
	return FOLD_LETTER;  /* any other script's letters, as they are */
}

void
search_words(const char *text, size_t len,
    void (*fn)(void *ctx, char *word, size_t len), void *ctx)
{
	const unsigned char *s = (const unsigned char *)text;
	char word[SEARCH_WORD_MAX * 4 + 1];
	size_t i = 0, n = 0, letters = 0, used;
	long cp, folded;
	enum fold kind;

	while (i <= len) {
		if (i == len) {
			kind = FOLD_SEPARATOR;
			used = 1;
			folded = 0;
		} else if (s[i] < 0x80) {  /* the common case, without a call */
			unsigned char c = s[i];

			used = 1;
			folded = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
			kind = (folded >= 'a' && folded <= 'z') || (c >= '0' && c <= '9') ?
			    FOLD_LETTER : c == '\'' ? FOLD_SKIP : FOLD_SEPARATOR;
		} else {
			cp = util_utf8_decode(s + i, len - i, &used);
			kind = fold(cp, &folded);
		}
		i += used;
		if (kind == FOLD_SKIP)
			continue;
		if (kind == FOLD_LETTER) {
			if (letters++ < SEARCH_WORD_MAX) {
				if (folded < 0x80)
					word[n++] = (char)folded;
				else
					n += util_utf8_encode((unsigned long)folded, word + n);
			}
			continue;
		}
		if (letters > 0 && letters <= SEARCH_WORD_MAX) {
			word[n] = '\0';
			fn(ctx, word, n);
		}
		n = letters = 0;
	}
}

/* Words too common to find anything with; search.js leaves out the same. */
static const char *const stop_words[] = {
	"a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from",
	"if", "in", "into", "is", "it", "its", "of", "on", "or", "so", "than",
	"that", "the", "their", "then", "there", "these", "they", "this", "to",
	"was", "were", "will", "with"
};

/* A word of up to 5 letters as one number: its bytes, then its length. */
static uint64_t
packed(const char *word, size_t len)
{
	uint64_t v = len;
	size_t i;

	for (i = 0; i < len; i++)
		v = v << 8 | (unsigned char)word[i];
	return v;
}

/* The stop words, packed, in a table of STOP_SLOTS by (v * STOP_MUL) >> 57. */
#define STOP_SLOTS 128
#define STOP_MUL UINT64_C(0x9E3779B97F4A7C15)
static uint64_t stop_table[STOP_SLOTS];
static bool stop_ready;

static void
make_stop_table(void)
{
	size_t i, k;

	for (i = 0; i < sizeof(stop_words) / sizeof(stop_words[0]); i++) {
		uint64_t v = packed(stop_words[i], strlen(stop_words[i]));

		for (k = (v * STOP_MUL) >> 57; stop_table[k] != 0 && stop_table[k] != v;
		    k = (k + 1) % STOP_SLOTS)
			;
		stop_table[k] = v;
	}
	stop_ready = true;
}

bool
search_stop_word(const char *word, size_t len)
{
	uint64_t v;
	size_t k;

	if (len > 5)  /* none is longer: a quick no */
		return false;
	if (!stop_ready)
		make_stop_table();  /* search_collect makes it before any thread */
	v = packed(word, len);
	for (k = (v * STOP_MUL) >> 57; stop_table[k] != 0; k = (k + 1) % STOP_SLOTS)
		if (stop_table[k] == v)
			return true;
	return false;
}

/* Does w[0..n) end with the string literal suffix? */
#define ends(w, n, suffix) \
	((n) >= sizeof(suffix) - 1 && \
	    memcmp((w) + (n) - (sizeof(suffix) - 1), suffix, sizeof(suffix) - 1) == 0)

/* After "-ing" or "-ed" went: "stopp" -> "stop", "plann" -> "plan". */
static size_t
undouble(const char *w, size_t n)
{
	if (n >= 2 && w[n - 1] == w[n - 2] && strchr("bdfgmnprt", w[n - 1]) != NULL)
		return n - 1;
	return n;
}

/*
 * A light English stemmer: plurals, then "-ing" and "-ed"; enough that
 * "feelings", "feeling" and "feel", or "boundaries" and "boundary", meet.
 * Only words of ASCII letters are stemmed (so that search.js, which
 * counts UTF-16 units, gets the same lengths).
 */
size_t
search_stem(char *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)w[i] >= 0x80)
			return n;
	if (n <= 3)
		return n;
	if (ends(w, n, "ies") && n >= 5) {
		n -= 2;
		w[n - 1] = 'y';
	} else if (ends(w, n, "sses"))
		n -= 2;
	else if (n >= 5 && (ends(w, n, "shes") || ends(w, n, "ches") ||
	    ends(w, n, "xes") || ends(w, n, "zes")))
		n -= 2;
	else if (ends(w, n, "s") && !ends(w, n, "ss") && !ends(w, n, "us") &&
	    !ends(w, n, "is"))
		n -= 1;
	if (ends(w, n, "ing") && n >= 6)
		n = undouble(w, n - 3);
	else if (ends(w, n, "ed") && n >= 5)
		n = undouble(w, n - 2);
	w[n] = '\0';
	return n;
}

/* One section of a page: the text before the first heading, or a heading's. */
struct section {
	char *id;            /* the heading's id; "" before the first heading */
	size_t head, head_end; /* the heading's text in its entry's text */
	size_t text, text_end; /* the text up to the next heading, likewise */
};

/* A word of one page: the fields it is in, how often. */
struct hit {
	size_t term;         /* where it is in its entry's words */
	size_t len;
	unsigned fields;
	unsigned count;
};

/* What the index keeps of a page. */
struct entry {
	char *url;           /* from the site's root: "steps/x/", "" for home */
	char *title;
	char *where;         /* "Step 3", its section's title, or "" */
	struct buf text;     /* the page's text: each section's heading and
	                        text, one after the other */
	struct section *sections;
	size_t nsections;
	struct hit *hits;    /* its words (freed once merged) */
	size_t nhits, cap;
	struct buf words;    /* the hits' terms, one after the other */
	struct buf snippets; /* its sections for search/x/, as JSON:
	                        [[id, heading, text], ...] (made on the page's
	                        thread; its text is then freed) */
	uint32_t *seen;      /* while counting: an open-addressing table of
	                        hits (index + 1; 0: empty), nseen slots */
	size_t nseen;
};

struct term {
	char *text;
	uint32_t *postings;  /* page, weight, page, weight... */
	size_t n, cap;
};

struct search_index {
	struct entry *pages;
	size_t npages;
	struct term *terms;  /* sorted by text once made */
	size_t nterms;
};

/* Tags whose start or end ends a word: all but the inline ones. */
static bool
breaks_words(const char *name, size_t len)
{
	/* Inline elements (a, em, strong, code, span...) do not: "<em>re</em>build". */
	static const char *const inline_tags[] = {
		"a", "em", "strong", "code", "span", "b", "i", "u", "s", "del", "ins",
		"sup", "sub", "mark", "small", "abbr", "kbd", "q", "cite", "dfn", "var",
		"time", "data", "bdi", "bdo", "wbr"
	};
	size_t i;

	for (i = 0; i < sizeof(inline_tags) / sizeof(inline_tags[0]); i++)
		if (inline_tags[i][0] == name[0] && strncmp(inline_tags[i], name, len) == 0 &&
		    inline_tags[i][len] == '\0')
			return false;
	return len > 0;
}

/*
 * Elements whose content is no text of the page: scripts and styles, and
 * the controls of an exercise's form ("Print with my answers", a select's
 * options), which would only make poor snippets.
 */
static bool
skipped(const char *name, size_t len)
{
	static const char *const tags[] = {
		"script", "style", "template", "noscript", "button", "select", "svg"
	};
	size_t i;

	if (len < 3)
		return false;
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (tags[i][0] == name[0] && strncmp(tags[i], name, len) == 0 &&
		    tags[i][len] == '\0')
			return true;
	return false;
}

/* Append s[0..len) to b, a run of white space as one space. */
#define IS_SPACE(c) ((c) == ' ' || (c) == '\n' || (c) == '\t' || (c) == '\r' || (c) == '\f')

static void
put_text(struct buf *b, const char *s, size_t len)
{
	size_t i = 0, run;

	while (i < len) {
		if (IS_SPACE(s[i])) {
			if (b->len > 0 && b->data[b->len - 1] != ' ')
				buf_putc(b, ' ');
			i++;
			continue;
		}
		for (run = i + 1; run < len && !IS_SPACE(s[run]); run++)
			;
		buf_put(b, s + i, run - i);
		i = run;
	}
}

/* Decode the character reference at s (s[0] == '&') into b; returns its
   length, or 0 when it is none (the '&' is then text). */
static size_t
put_entity(struct buf *b, const char *s, const char *end)
{
	static const struct { const char *name; const char *text; } named[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&apos;", "'" }, { "&nbsp;", " " }
	};
	const char *semi = memchr(s, ';', (size_t)(end - s) < 12 ? (size_t)(end - s) : 12);
	char utf8[4];
	unsigned long cp = 0;
	size_t i;

	if (semi == NULL)
		return 0;
	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if ((size_t)(semi + 1 - s) == strlen(named[i].name) &&
		    memcmp(s, named[i].name, strlen(named[i].name)) == 0) {
			put_text(b, named[i].text, strlen(named[i].text));
			return strlen(named[i].name);
		}
	if (s[1] != '#')
		return 0;
	if (s[2] == 'x' || s[2] == 'X')
		cp = strtoul(s + 3, NULL, 16);
	else
		cp = strtoul(s + 2, NULL, 10);
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	put_text(b, utf8, util_utf8_encode(cp, utf8));
	return (size_t)(semi + 1 - s);
}

/* The value of the attribute id in the start tag tag[0..len), or "". */
static char *
tag_id(const char *tag, size_t len)
{
	const char *end = tag + len, *p = tag, *q;

	while ((p = memchr(p, 'i', (size_t)(end - p))) != NULL) {
		if (end - p > 4 && memcmp(p, "id=\"", 4) == 0 && p > tag &&
		    util_html_space((unsigned char)p[-1])) {
			q = memchr(p + 4, '"', (size_t)(end - p - 4));
			if (q != NULL)
				return xstrndup(p + 4, (size_t)(q - p - 4));
		}
		p++;
	}
	return xstrdup("");
}

/* Start a section with its heading at the end of e's text. */
static void
add_section(struct entry *e, char *id)
{
	struct section *s;

	if (e->nsections > 0)
		e->sections[e->nsections - 1].text_end = e->text.len;
	if ((e->nsections & (e->nsections - 1)) == 0)  /* 0, 1, 2, 4...: double */
		e->sections = xrealloc(e->sections,
		    (e->nsections * 2 + 1) * sizeof(*e->sections));
	s = &e->sections[e->nsections++];
	s->id = id;
	s->head = s->head_end = s->text = s->text_end = e->text.len;
}

/*
 * Read the body's HTML into e's sections: text outside tags, character
 * references decoded, a new section at each heading (its id from the
 * tag), script, style and template contents left out.
 */
static void
read_sections(struct entry *e, const char *html, size_t len)
{
	const char *p = html, *end = html + len;
	struct buf *target = &e->text;
	bool in_heading = false;

	buf_grow(&e->text, len);  /* the text is shorter than its HTML: once */
	add_section(e, xstrdup(""));
	while (p < end) {
		const char *name, *tag_end;
		char quote = 0;
		size_t nlen, used;
		bool closing;

		if (*p == '&') {
			used = put_entity(target, p, end);
			if (used == 0)
				put_text(target, p, 1);
			p += used > 0 ? used : 1;
			continue;
		}
		if (*p != '<') {
			const char *next = p;

			while (next < end && *next != '<' && *next != '&')
				next++;
			put_text(target, p, (size_t)(next - p));
			p = next;
			continue;
		}
		/* A tag: to its '>' outside quotes. */
		for (tag_end = p + 1; tag_end < end; tag_end++) {
			if (quote != 0 && *tag_end == quote)
				quote = 0;
			else if (quote == 0 && (*tag_end == '"' || *tag_end == '\''))
				quote = *tag_end;
			else if (quote == 0 && *tag_end == '>')
				break;
		}
		closing = p + 1 < end && p[1] == '/';
		name = p + 1 + closing;
		for (nlen = 0; name + nlen < tag_end &&
		    ((name[nlen] >= 'a' && name[nlen] <= 'z') ||
		    (name[nlen] >= '0' && name[nlen] <= '9')); nlen++)
			;
		if (!closing && skipped(name, nlen)) {
			/* Past its end tag: nothing in it is text. */
			char close[16];
			const char *q = tag_end;

			snprintf(close, sizeof(close), "</%.*s", (int)nlen, name);
			while (q < end && (q = memchr(q, '<', (size_t)(end - q))) != NULL &&
			    ((size_t)(end - q) < strlen(close) ||
			    memcmp(q, close, strlen(close)) != 0))
				q++;
			p = q != NULL && q < end ? q : end;
			continue;
		}
		if (nlen == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') {
			struct section *sec;

			if (!closing) {
				put_text(target, " ", 1);
				add_section(e, tag_id(p, (size_t)(tag_end - p)));
				in_heading = true;
			} else if (in_heading) {
				sec = &e->sections[e->nsections - 1];
				sec->head_end = sec->text = e->text.len;
				in_heading = false;
			}
		}
		if (breaks_words(name, nlen))
			put_text(target, " ", 1);
		p = tag_end < end ? tag_end + 1 : end;
	}
	if (in_heading)
		e->sections[e->nsections - 1].head_end = e->text.len;
	e->sections[e->nsections - 1].text = e->sections[e->nsections - 1].head_end;
	e->sections[e->nsections - 1].text_end = e->text.len;
}

static uint32_t
hash_word(const char *w, size_t len)
{
	uint32_t h = 2166136261u;
	size_t k;

	for (k = 0; k < len; k++)
		h = (h ^ (unsigned char)w[k]) * 16777619u;
	return h;
}

/* Double e's table of words (or make it), placing the hits again. */
static void
grow_seen(struct entry *e)
{
	size_t n = e->nseen ? e->nseen * 2 : 1024, i, k;

	free(e->seen);
	e->seen = xcalloc(n, sizeof(*e->seen));
	e->nseen = n;
	for (i = 0; i < e->nhits; i++) {
		k = hash_word(e->words.data + e->hits[i].term, e->hits[i].len) & (n - 1);
		while (e->seen[k] != 0)
			k = (k + 1) & (n - 1);
		e->seen[k] = (uint32_t)i + 1;
	}
}

/* What counting a page's words needs. */
struct counting {
	struct entry *e;
	unsigned field;
};

static void
count_word(void *ctx, char *word, size_t len)
{
	struct counting *c = ctx;
	struct entry *e = c->e;
	size_t k;

	uint32_t h;

	if (search_stop_word(word, len))
		return;
	len = search_stem(word, len);
	h = hash_word(word, len);
	/* A table of words, not lib/hash: no copy of each key, and a page's
	   words are counted a thousand times each. */
	for (k = h & (e->nseen - 1); e->seen[k] != 0; k = (k + 1) & (e->nseen - 1)) {
		struct hit *hit = &e->hits[e->seen[k] - 1];

		if (hit->len == len && memcmp(e->words.data + hit->term, word, len) == 0) {
			hit->fields |= c->field;
			hit->count++;
			return;
		}
	}
	if ((e->nhits + 1) * 2 > e->nseen) {  /* at most half full */
		grow_seen(e);
		for (k = h & (e->nseen - 1); e->seen[k] != 0; k = (k + 1) & (e->nseen - 1))
			;
	}
	e->seen[k] = (uint32_t)e->nhits + 1;
	if (e->nhits == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 64;
		e->hits = xrealloc(e->hits, e->cap * sizeof(*e->hits));
	}
	e->hits[e->nhits].term = e->words.len;
	e->hits[e->nhits].len = len;
	buf_put(&e->words, word, len);
	e->hits[e->nhits].fields = c->field;
	e->hits[e->nhits].count = 1;
	e->nhits++;
}

static void
count_words(struct entry *e, const char *text, size_t len, unsigned field)
{
	struct counting c = { e, field };

	if (len > 0)
		search_words(text, len, count_word, &c);
}

static void put_json(struct buf *b, const char *s, size_t len);
static void put_json_str(struct buf *b, const char *s);
static void put_json_trimmed(struct buf *b, const char *s, size_t len);
static size_t snippet_bytes(const char *s, size_t len);

/* e's sections as search/x/ holds them; e's text and sections go. */
static void
put_snippets(struct entry *e)
{
	size_t k;

	buf_grow(&e->snippets, e->text.len + 64 * e->nsections);
	buf_putc(&e->snippets, '[');
	for (k = 0; k < e->nsections; k++) {
		const struct section *s = &e->sections[k];

		if (k > 0)
			buf_putc(&e->snippets, ',');
		buf_putc(&e->snippets, '[');
		put_json_str(&e->snippets, s->id);
		buf_putc(&e->snippets, ',');
		put_json_trimmed(&e->snippets, e->text.data + s->head, s->head_end - s->head);
		buf_putc(&e->snippets, ',');
		put_json_trimmed(&e->snippets, e->text.data + s->text,
		    snippet_bytes(e->text.data + s->text, s->text_end - s->text));
		buf_putc(&e->snippets, ']');
		free(s->id);
	}
	buf_putc(&e->snippets, ']');
	buf_shrink(&e->snippets);
	free(e->sections);
	e->sections = NULL;
	e->nsections = 0;
	buf_free(&e->text);
}

/* What the threads share. */
struct collect_job {
	const struct site *site;
	struct entry *pages;
};

static void
collect_page(void *ctx, size_t i)
{
	struct collect_job *job = ctx;
	const struct page *page = job->site->pages[i];
	struct entry *e = &job->pages[i];
	struct buf title = BUF_INIT;
	size_t k;

	e->url = xstrdup(page->url + 1);
	e->title = xstrdup(page->title);
	if (page->step_number > 0) {
		buf_printf(&title, "Step %d", page->step_number);
		e->where = buf_detach(&title);
	} else {
		e->where = NULL;  /* the section's title: set once all are known */
	}
	if (page->rendered && page->doc.html != NULL)
		read_sections(e, page->doc.html, page->doc.html_len);
	else
		add_section(e, xstrdup(""));
	grow_seen(e);
	count_words(e, page->title, strlen(page->title), SEARCH_IN_TITLE);
	for (k = 0; k < e->nsections; k++) {
		const struct section *sec = &e->sections[k];

		count_words(e, e->text.data + sec->head, sec->head_end - sec->head,
		    SEARCH_IN_HEADING);
		count_words(e, e->text.data + sec->text, sec->text_end - sec->text,
		    SEARCH_IN_TEXT);
	}
	free(e->seen);
	e->seen = NULL;
	e->nseen = 0;
	buf_free(&title);
	put_snippets(e);
}

static int
compare_terms(const void *a, const void *b)
{
	return strcmp(((const struct term *)a)->text, ((const struct term *)b)->text);
}

struct search_index *
search_collect(struct site *site, const struct theme *theme, int threads)
{
	struct search_index *ix;
	struct collect_job job;
	struct hash *terms;
	size_t i, k, t;

	site->has_search = theme_searches(theme);
	if (!site->has_search)
		return NULL;
	search_stop_word("a", 1);  /* its table made, before the threads read it */
	ix = xcalloc(1, sizeof(*ix));
	ix->npages = site->npages;
	ix->pages = xcalloc(site->npages + 1, sizeof(*ix->pages));
	job.site = site;
	job.pages = ix->pages;
	pool_run(site->npages, threads, collect_page, &job);

	/* A page in a section is found "in" that section: its title. */
	terms = hash_new(64);
	for (i = 0; i < site->npages; i++)
		if (site->pages[i]->kind == PAGE_SECTION)
			hash_add(terms, site->pages[i]->section,
			    strlen(site->pages[i]->section), i, NULL);
	for (i = 0; i < site->npages; i++) {
		const struct page *page = site->pages[i];

		if (ix->pages[i].where != NULL)
			continue;
		if (page->kind == PAGE_REGULAR && page->section[0] != '\0' &&
		    hash_get(terms, page->section, strlen(page->section), &k))
			ix->pages[i].where = xstrdup(site->pages[k]->title);
		else
			ix->pages[i].where = xstrdup("");
	}
	hash_free(terms);

	/* Every page's words into one posting list per term, in page order. */
	terms = hash_new(4096);
	for (i = 0; i < ix->npages; i++) {
		struct entry *e = &ix->pages[i];

		for (k = 0; k < e->nhits; k++) {
			struct hit *h = &e->hits[k];
			struct term *term;

			const char *text = e->words.data + h->term;

			if (hash_add(terms, text, h->len, ix->nterms, &t)) {
				if ((ix->nterms & (ix->nterms - 1)) == 0)  /* a power of 2 */
					ix->terms = xrealloc(ix->terms,
					    (ix->nterms * 2 + 1) * sizeof(*ix->terms));
				t = ix->nterms++;
				memset(&ix->terms[t], 0, sizeof(ix->terms[t]));
				ix->terms[t].text = xstrndup(text, h->len);
			}
			term = &ix->terms[t];
			if (term->n + 2 > term->cap) {
				term->cap = term->cap ? term->cap * 2 : 4;
				term->postings = xrealloc(term->postings,
				    term->cap * sizeof(*term->postings));
			}
			term->postings[term->n++] = (uint32_t)i;
			term->postings[term->n++] = (h->count < 31 ? h->count : 31) << 3 |
			    h->fields;
		}
		free(e->hits);
		e->hits = NULL;
		e->nhits = e->cap = 0;
		buf_free(&e->words);
	}
	hash_free(terms);
	if (ix->nterms > 0)
		qsort(ix->terms, ix->nterms, sizeof(*ix->terms), compare_terms);
	return ix;
}

void
search_index_free(struct search_index *ix)
{
	size_t i, k;

	if (ix == NULL)
		return;
	for (i = 0; i < ix->npages; i++) {
		struct entry *e = &ix->pages[i];

		free(e->url);
		free(e->title);
		free(e->where);
		for (k = 0; k < e->nsections; k++) {
			free(e->sections[k].id);
		}
		buf_free(&e->text);
		buf_free(&e->snippets);
		free(e->sections);
		free(e->hits);
		buf_free(&e->words);
		free(e->seen);
	}
	free(ix->pages);
	for (i = 0; i < ix->nterms; i++) {
		free(ix->terms[i].text);
		free(ix->terms[i].postings);
	}
	free(ix->terms);
	free(ix);
}

/* s[0..len) as a JSON string (which is also a JavaScript one). */
static void
put_json(struct buf *b, const char *s, size_t len)
{
	size_t i, run;

	buf_putc(b, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		/* A run of bytes that need nothing, at once. */
		for (run = i; run < len && (unsigned char)s[run] >= 0x20 && s[run] != '"' &&
		    s[run] != '\\' && s[run] != '<' && (unsigned char)s[run] != 0xE2; run++)
			;
		if (run > i) {
			buf_put(b, s + i, run - i);
			i = run - 1;
			continue;
		}
		if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
		} else if (c < 0x20)
			buf_printf(b, "\\u%04x", c);
		else if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
			buf_printf(b, "\\u202%c", s[i + 2] == (char)0xA8 ? '8' : '9');
			i += 2;
		} else if (c == '<')
			BUF_PUTSL(b, "\\u003c");  /* never "</script" in a script */
		else
			buf_putc(b, (char)c);
	}
	buf_putc(b, '"');
}

static void
put_json_str(struct buf *b, const char *s)
{
	put_json(b, s, strlen(s));
}

/* s[0..len) without the spaces put_text may have left at its ends. */
static void
put_json_trimmed(struct buf *b, const char *s, size_t len)
{
	while (len > 0 && s[0] == ' ') {
		s++;
		len--;
	}
	while (len > 0 && s[len - 1] == ' ')
		len--;
	put_json(b, s, len);
}

/*
 * How much of a section's text (s[0..len)) the snippets get: all of it up
 * to SEARCH_SNIPPET_BYTES, else up to the last space before that (a
 * result whose words are further on shows the section's start).
 */
static size_t
snippet_bytes(const char *s, size_t len)
{
	size_t n;

	if (len <= SEARCH_SNIPPET_BYTES)
		return len;
	for (n = SEARCH_SNIPPET_BYTES; n > 0 && s[n] != ' '; n--)
		;
	if (n == 0)  /* one long word: cut between two characters */
		for (n = SEARCH_SNIPPET_BYTES; n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80; n--)
			;
	return n;
}

/* The number of code points in s. */
static size_t
codepoints(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The byte length of s's first k code points (all of s if shorter). */
static size_t
prefix_bytes(const char *s, size_t k)
{
	size_t i = 0;

	while (s[i] != '\0') {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (k == 0)
				break;
			k--;
		}
		i++;
	}
	return i;
}

/* Append n in decimal (buf_printf, a million times, was the index's
   slowest part). */
static void
put_number(struct buf *b, uint32_t n)
{
	char digits[10];
	size_t k = sizeof(digits);

	do {
		digits[--k] = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	buf_put(b, digits + k, sizeof(digits) - k);
}

/* term i as written in a shard: "term":[delta,weight,...] */
static void
put_term(struct buf *b, const struct term *t)
{
	size_t k;
	uint32_t last = 0;

	put_json_str(b, t->text);
	BUF_PUTSL(b, ":[");
	for (k = 0; k < t->n; k += 2) {
		if (k > 0)
			buf_putc(b, ',');
		put_number(b, t->postings[k] - last);
		buf_putc(b, ',');
		put_number(b, t->postings[k + 1]);
		last = t->postings[k];
	}
	buf_putc(b, ']');
}

/* What making the shards needs. */
struct sharding {
	const struct search_index *ix;
	struct buf terms;            /* every term as in a shard, each with a
	                                ',' after it */
	size_t *at;                  /* where term i starts in terms; nterms + 1 */
	size_t limit;
	struct buf manifest;         /* "key":N, ... */
	struct search_file *files;
	size_t nfiles;
	size_t nshards;
};

static struct search_file *
add_file(struct search_file **files, size_t *n, const char *fmt, size_t number)
{
	struct search_file *f;
	struct buf path = BUF_INIT;

	*files = xrealloc(*files, (*n + 1) * sizeof(**files));
	f = &(*files)[(*n)++];
	buf_printf(&path, fmt, number);
	f->path = buf_detach(&path);
	memset(&f->data, 0, sizeof(f->data));
	return f;
}

/* Write terms [lo, hi) as one shard under key[0..klen). */
static void
emit_shard(struct sharding *sh, const char *key, size_t klen, size_t lo, size_t hi)
{
	size_t number = sh->nshards++;
	struct search_file *f;

	f = add_file(&sh->files, &sh->nfiles, "search/t/%zu.js", number);
	buf_printf(&f->data, "mendSearch.shard(%zu,{", number);
	buf_put(&f->data, sh->terms.data + sh->at[lo], sh->at[hi] - sh->at[lo] - 1);
	BUF_PUTSL(&f->data, "});\n");
	if (sh->manifest.len > 0)
		buf_putc(&sh->manifest, ',');
	put_json(&sh->manifest, key, klen);
	buf_printf(&sh->manifest, ":%zu", number);
}

/*
 * Shard the terms [lo, hi), which share their first k code points: one
 * shard when they fit; otherwise the term that is just those k letters on
 * its own, and the others by their first k + 1.  search.js finds a term's
 * shard as the longest key that starts it.
 */
static void
split(struct sharding *sh, size_t lo, size_t hi, size_t k)
{
	const struct term *terms = sh->ix->terms;
	size_t size = sh->at[hi] - sh->at[lo], i, j, klen;

	klen = prefix_bytes(terms[lo].text, k);
	if (size <= sh->limit || k >= SEARCH_KEY_MAX || hi - lo == 1) {
		emit_shard(sh, terms[lo].text, klen, lo, hi);
		return;
	}
	i = lo;
	if (codepoints(terms[lo].text) == k) {
		emit_shard(sh, terms[lo].text, klen, lo, lo + 1);
		i++;
	}
	while (i < hi) {
		size_t plen = prefix_bytes(terms[i].text, k + 1);

		for (j = i + 1; j < hi && strncmp(terms[j].text, terms[i].text, plen) == 0 &&
		    prefix_bytes(terms[j].text, k + 1) == plen; j++)
			;
		split(sh, i, j, k + 1);
		i = j;
	}
}

void
search_index_files(const struct search_index *ix, size_t shard_bytes,
    struct search_file **files, size_t *nfiles)
{
	struct sharding sh;
	struct search_file *f = NULL;
	size_t i;

	memset(&sh, 0, sizeof(sh));
	sh.ix = ix;
	sh.limit = shard_bytes;
	sh.at = xcalloc(ix->nterms + 1, sizeof(*sh.at));
	for (i = 0; i < ix->nterms; i++) {
		sh.at[i] = sh.terms.len;
		put_term(&sh.terms, &ix->terms[i]);
		buf_putc(&sh.terms, ',');
	}
	sh.at[ix->nterms] = sh.terms.len;
	if (ix->nterms > 0)
		split(&sh, 0, ix->nterms, 0);
	free(sh.at);
	buf_free(&sh.terms);

	/* The pages' URL, title and place, by groups. */
	for (i = 0; i < ix->npages; i++) {
		const struct entry *e = &ix->pages[i];

		if (i % SEARCH_META_GROUP == 0) {
			if (f != NULL)
				BUF_PUTSL(&f->data, "]);\n");
			f = add_file(&sh.files, &sh.nfiles, "search/p/%zu.js",
			    i / SEARCH_META_GROUP);
			buf_printf(&f->data, "mendSearch.pages(%zu,[", i / SEARCH_META_GROUP);
		} else
			buf_putc(&f->data, ',');
		buf_putc(&f->data, '[');
		put_json_str(&f->data, e->url);
		buf_putc(&f->data, ',');
		put_json_str(&f->data, e->title);
		buf_putc(&f->data, ',');
		put_json_str(&f->data, e->where);
		buf_putc(&f->data, ']');
	}
	if (f != NULL)
		BUF_PUTSL(&f->data, "]);\n");

	/* Their text, section by section: [id, heading, text]. */
	f = NULL;
	for (i = 0; i < ix->npages; i++) {
		const struct entry *e = &ix->pages[i];

		if (i % SEARCH_TEXT_GROUP == 0) {
			if (f != NULL)
				BUF_PUTSL(&f->data, "]);\n");
			f = add_file(&sh.files, &sh.nfiles, "search/x/%zu.js",
			    i / SEARCH_TEXT_GROUP);
			buf_printf(&f->data, "mendSearch.text(%zu,[", i / SEARCH_TEXT_GROUP);
		} else
			buf_putc(&f->data, ',');
		buf_put(&f->data, e->snippets.data, e->snippets.len);
	}
	if (f != NULL)
		BUF_PUTSL(&f->data, "]);\n");

	f = add_file(&sh.files, &sh.nfiles, "search/manifest.js", 0);
	buf_printf(&f->data, "mendSearch.manifest({\"pages\":%zu,\"meta\":%d,"
	    "\"text\":%d,\"keymax\":%d,\"shards\":{", ix->npages, SEARCH_META_GROUP,
	    SEARCH_TEXT_GROUP, SEARCH_KEY_MAX);
	buf_put(&f->data, sh.manifest.data, sh.manifest.len);
	BUF_PUTSL(&f->data, "}});\n");
	buf_free(&sh.manifest);
	*files = sh.files;
	*nfiles = sh.nfiles;
}

void
search_files_free(struct search_file *files, size_t nfiles)
{
	size_t i;

	for (i = 0; i < nfiles; i++) {
		free(files[i].path);
		buf_free(&files[i].data);
	}
	free(files);
}

int
search_write(const struct search_index *ix, const struct site *site,
    struct theme *theme, struct output *out)
{
	struct search_file *files = NULL;
	struct buf html = BUF_INIT;
	size_t nfiles = 0, i;
	int status;

	if (ix == NULL)
		return 0;
	status = theme_render_search(theme, site, 0, &html);
	if (status == 0)
		status = output_write(out, "search/index.html", html.data, html.len);
	buf_free(&html);
	if (status != 0)
		return -1;
	search_index_files(ix, SEARCH_SHARD_BYTES, &files, &nfiles);
	for (i = 0; i < nfiles && status == 0; i++)
		status = output_write(out, files[i].path, files[i].data.data,
		    files[i].data.len);
	search_files_free(files, nfiles);
	return status;
}
