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
		} else {
			cp = util_utf8_decode(s + i, len - i, &used);
			kind = fold(cp, &folded);
		}
		i += used;
		if (kind == FOLD_SKIP)
			continue;
		if (kind == FOLD_LETTER) {
			if (letters++ < SEARCH_WORD_MAX)
				n += util_utf8_encode((unsigned long)folded, word + n);
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

bool
search_stop_word(const char *word, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(stop_words) / sizeof(stop_words[0]); i++)
		if (strlen(stop_words[i]) == len && memcmp(stop_words[i], word, len) == 0)
			return true;
	return false;
}

static bool
ends(const char *w, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && memcmp(w + n - k, suffix, k) == 0;
}

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
	struct buf heading;  /* the heading's text */
	struct buf text;     /* the text up to the next heading */
};

/* A word of one page: the fields it is in, how often. */
struct hit {
	char *term;
	unsigned fields;
	unsigned count;
};

/* What the index keeps of a page. */
struct entry {
	char *url;           /* from the site's root: "steps/x/", "" for home */
	char *title;
	char *where;         /* "Step 3", its section's title, or "" */
	struct section *sections;
	size_t nsections;
	struct hit *hits;    /* its words (freed once merged) */
	size_t nhits;
	struct hash *seen;   /* term -> index in hits, while counting */
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

/* Tags whose start or end ends a word (blocks, cells, line breaks). */
static bool
breaks_words(const char *name, size_t len)
{
	static const char *const tags[] = {
		"p", "li", "ul", "ol", "td", "th", "tr", "table", "br", "div",
		"blockquote", "pre", "hr", "dt", "dd", "dl", "label", "input",
		"textarea", "section", "fieldset", "legend", "option", "select",
		"figure", "figcaption", "caption", "button", "details", "summary",
		"h1", "h2", "h3", "h4", "h5", "h6", "img"
	};
	size_t i;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (strlen(tags[i]) == len && memcmp(tags[i], name, len) == 0)
			return true;
	return false;
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

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (strlen(tags[i]) == len && memcmp(tags[i], name, len) == 0)
			return true;
	return false;
}

/* Append s[0..len) to b, a run of white space as one space. */
static void
put_text(struct buf *b, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (util_html_space((unsigned char)s[i])) {
			if (b->len > 0 && b->data[b->len - 1] != ' ')
				buf_putc(b, ' ');
		} else
			buf_putc(b, s[i]);
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

static struct section *
add_section(struct entry *e, char *id)
{
	struct section *s;

	e->sections = xrealloc(e->sections, (e->nsections + 1) * sizeof(*e->sections));
	s = &e->sections[e->nsections++];
	memset(s, 0, sizeof(*s));
	s->id = id;
	return s;
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
	struct section *sec = add_section(e, xstrdup(""));
	bool in_heading = false;

	while (p < end) {
		struct buf *target = in_heading ? &sec->heading : &sec->text;
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
			if (!closing) {
				sec = add_section(e, tag_id(p, (size_t)(tag_end - p)));
				in_heading = true;
			} else
				in_heading = false;
		}
		if (breaks_words(name, nlen))
			put_text(in_heading ? &sec->heading : &sec->text, " ", 1);
		p = tag_end < end ? tag_end + 1 : end;
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

	if (search_stop_word(word, len))
		return;
	len = search_stem(word, len);
	if (!hash_add(e->seen, word, len, e->nhits, &k)) {
		e->hits[k].fields |= c->field;
		e->hits[k].count++;
		return;
	}
	e->hits = xrealloc(e->hits, (e->nhits + 1) * sizeof(*e->hits));
	e->hits[e->nhits].term = xstrndup(word, len);
	e->hits[e->nhits].fields = c->field;
	e->hits[e->nhits].count = 1;
	e->nhits++;
}

static void
count_words(struct entry *e, const struct buf *text, unsigned field)
{
	struct counting c = { e, field };

	if (text->len > 0)
		search_words(text->data, text->len, count_word, &c);
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
	e->seen = hash_new(256);
	buf_puts(&title, page->title);
	count_words(e, &title, SEARCH_IN_TITLE);
	for (k = 0; k < e->nsections; k++) {
		count_words(e, &e->sections[k].heading, SEARCH_IN_HEADING);
		count_words(e, &e->sections[k].text, SEARCH_IN_TEXT);
	}
	hash_free(e->seen);
	e->seen = NULL;
	buf_free(&title);
}

static int
compare_terms(const void *a, const void *b)
{
	return strcmp(((const struct term *)a)->text, ((const struct term *)b)->text);
}

struct search_index *
search_collect(const struct site *site, int threads)
{
	struct search_index *ix;
	struct collect_job job;
	struct hash *terms;
	size_t i, k, t;

	if (!site->config->search)
		return NULL;
	ix = xcalloc(1, sizeof(*ix));
	ix->npages = site->npages;
	ix->pages = xcalloc(site->npages + 1, sizeof(*ix->pages));
	job.site = site;
	job.pages = ix->pages;
	pool_run(site->npages, threads, collect_page, &job);

	/* A page in a section is found "in" that section: its title. */
	for (i = 0; i < site->npages; i++) {
		const struct page *page = site->pages[i];

		if (ix->pages[i].where != NULL)
			continue;
		for (k = 0; k < site->npages; k++)
			if (page->kind == PAGE_REGULAR && page->section[0] != '\0' &&
			    site->pages[k]->kind == PAGE_SECTION &&
			    strcmp(site->pages[k]->section, page->section) == 0)
				break;
		ix->pages[i].where = xstrdup(k < site->npages ?
		    site->pages[k]->title : "");
	}

	/* Every page's words into one posting list per term, in page order. */
	terms = hash_new(4096);
	for (i = 0; i < ix->npages; i++) {
		struct entry *e = &ix->pages[i];

		for (k = 0; k < e->nhits; k++) {
			struct hit *h = &e->hits[k];
			struct term *term;

			if (hash_add(terms, h->term, strlen(h->term), ix->nterms, &t)) {
				if ((ix->nterms & (ix->nterms - 1)) == 0)  /* a power of 2 */
					ix->terms = xrealloc(ix->terms,
					    (ix->nterms * 2 + 1) * sizeof(*ix->terms));
				t = ix->nterms++;
				memset(&ix->terms[t], 0, sizeof(ix->terms[t]));
				ix->terms[t].text = h->term;
				h->term = NULL;
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
			free(h->term);
		}
		free(e->hits);
		e->hits = NULL;
		e->nhits = 0;
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
			buf_free(&e->sections[k].heading);
			buf_free(&e->sections[k].text);
		}
		free(e->sections);
		for (k = 0; k < e->nhits; k++)
			free(e->hits[k].term);
		free(e->hits);
		hash_free(e->seen);
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
	size_t i;

	buf_putc(b, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

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

/* term i as written in a shard: "term":[delta,weight,...] */
static void
put_term(struct buf *b, const struct term *t)
{
	size_t k;
	uint32_t last = 0;

	put_json_str(b, t->text);
	BUF_PUTSL(b, ":[");
	for (k = 0; k < t->n; k += 2) {
		buf_printf(b, "%s%u,%u", k > 0 ? "," : "", t->postings[k] - last,
		    t->postings[k + 1]);
		last = t->postings[k];
	}
	buf_putc(b, ']');
}

static size_t
term_bytes(const struct term *t)
{
	struct buf b = BUF_INIT;
	size_t n;

	put_term(&b, t);
	n = b.len + 1;
	buf_free(&b);
	return n;
}

/* What making the shards needs. */
struct sharding {
	const struct search_index *ix;
	const size_t *bytes;         /* each term's size in a shard */
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
	size_t number = sh->nshards++, i;
	struct search_file *f;

	f = add_file(&sh->files, &sh->nfiles, "search/t/%zu.js", number);
	buf_printf(&f->data, "mendSearch.shard(%zu,{", number);
	for (i = lo; i < hi; i++) {
		if (i > lo)
			buf_putc(&f->data, ',');
		put_term(&f->data, &sh->ix->terms[i]);
	}
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
	size_t size = 0, i, j, klen;

	for (i = lo; i < hi; i++)
		size += sh->bytes[i];
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
	size_t *bytes = xcalloc(ix->nterms + 1, sizeof(*bytes));
	size_t i, k;

	memset(&sh, 0, sizeof(sh));
	sh.ix = ix;
	sh.bytes = bytes;
	sh.limit = shard_bytes;
	for (i = 0; i < ix->nterms; i++)
		bytes[i] = term_bytes(&ix->terms[i]);
	if (ix->nterms > 0)
		split(&sh, 0, ix->nterms, 0);
	free(bytes);

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
		buf_putc(&f->data, '[');
		for (k = 0; k < e->nsections; k++) {
			const struct section *s = &e->sections[k];

			if (k > 0)
				buf_putc(&f->data, ',');
			buf_putc(&f->data, '[');
			put_json_str(&f->data, s->id);
			buf_putc(&f->data, ',');
			put_json_trimmed(&f->data, s->heading.data ? s->heading.data : "",
			    s->heading.len);
			buf_putc(&f->data, ',');
			put_json_trimmed(&f->data, s->text.data ? s->text.data : "", s->text.len);
			buf_putc(&f->data, ']');
		}
		buf_putc(&f->data, ']');
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
	status = theme_render_search(theme, site, &html);
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
