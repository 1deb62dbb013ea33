/*
 * search — the site's search index.  See search.h.
 *
 * The pages go in chunks of SEARCH_CHUNK, each chunk on one of the
 * pool's threads: each page's body HTML read into plain text, section by
 * section (a heading starts a section, with the heading's id), its words
 * counted into the chunk's own table of terms and postings (grouped by
 * term at the chunk's end, two bytes each), and its sections written
 * straight into the chunk's search/x/ files.  Then, in chunk order, one
 * thread maps each chunk's terms to the index's, each term keeping the
 * chunks it is on (page order is chunk order, so the result is the same
 * for any number of threads), sorts the terms and makes the other files
 * from there; the pool's threads write them all.
 */
#include "site/search.h"

#include <assert.h>
#include <locale.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>
#ifdef __SSE2__
#include <emmintrin.h>  /* sixteen bytes at a time: every x86-64 has it */
#endif

#include "lib/pool.h"
#include "lib/util.h"
#include "site/output.h"
#include "site/page.h"
#include "site/site.h"
#include "site/theme.h"

/* Pages per chunk: a multiple of SEARCH_TEXT_GROUP, so that a chunk's
   search/x/ files hold its pages and no other. */
#define SEARCH_CHUNK 64
_Static_assert(SEARCH_CHUNK % SEARCH_TEXT_GROUP == 0, "whole text groups");

/* The base letter of U+00C0..U+00FF and U+0100..U+017F (' ': a separator,
   × and ÷).  search.js holds the same two strings. */
static const char latin1[] =
    "aaaaaaaceeeeiiiidnooooo ouuuuyts" "aaaaaaaceeeeiiiidnooooo ouuuuyty";
static const char latin_a[] =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllll"
    "nnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
_Static_assert(sizeof(latin1) == 65 && sizeof(latin_a) == 129,
    "one letter per code point");

/* The tables made once, before any thread reads them (make_tables). */
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;
static unsigned char byte_fold[256];   /* a byte as a word's letter (past
                                          FOLD_MARKUP), or one of: */
#define FOLD_SEPARATE 0    /* a separator */
#define FOLD_APOSTROPHE 1  /* left out (') */
#define FOLD_WIDE 2        /* a byte past ASCII: decode it */
#define FOLD_MARKUP 3      /* '<' or '&': a separator in text, markup in HTML */
static bool json_plain[256];          /* a byte put_json copies as it is */
static locale_t lower_locale;          /* C.UTF-8, for towlower_l; 0 when
                                          the C library has none */
static void make_tables(void);

/* What one code point is to the tokenizer. */
enum fold { FOLD_SEPARATOR, FOLD_SKIP, FOLD_LETTER };

/* cp in lower case: Unicode's simple mapping (as String.toLowerCase of
   the one code point in search.js), then Latin letters as their base. */
static long
lower(long cp)
{
	if (lower_locale != (locale_t)0)
		cp = (long)towlower_l((wint_t)cp, lower_locale);
	if (cp >= 0xC0 && cp <= 0x17F)
		return cp <= 0xFF ? latin1[cp - 0xC0] : latin_a[cp - 0x100];
	return cp;
}

/* Classify cp; for FOLD_LETTER, *out is what the word gets (cp folded). */
static enum fold
fold(long cp, long *out)
{
	char c;

	*out = cp;
	if (cp < 0)
		return FOLD_SEPARATOR;
	if (cp < 0x80) {
		c = (char)byte_fold[cp];
		*out = c;
		return c == FOLD_APOSTROPHE ? FOLD_SKIP : c > FOLD_MARKUP ? FOLD_LETTER :
		    FOLD_SEPARATOR;
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
	*out = lower(cp);
	return FOLD_LETTER;  /* any other script's letters, in lower case */
}

/* Bytes of w as one number, read whatever their alignment. */
static inline uint64_t
load8(const char *w)
{
	uint64_t v;

	memcpy(&v, w, 8);
	return v;
}

static inline uint32_t
load4(const char *w)
{
	uint32_t v;

	memcpy(&v, w, 4);
	return v;
}

#define MIX1 0x9E3779B97F4A7C15u
#define MIX2 0xBF58476D1CE4E5B9u

/* A word as the tables of terms look it up: its first eight bytes as a
   number (zeros past its end), and its hash. */
struct key {
	uint64_t head;
	uint32_t hash;
};

/* A key's hash from what its word mixed into h: the product's top bits,
   which every bit of the word reaches. */
static inline uint32_t
hash_end(uint64_t h)
{
	return (uint32_t)(h >> 32);
}

/* The key of a word of up to eight bytes whose head is head (key_of's). */
static inline struct key
key_of_head(uint64_t head, size_t len)
{
	struct key key;

	key.head = head;
	key.hash = hash_end((head + len) * MIX1);
	return key;
}

/*
 * The key of w[0..len): the hash mixes the head, then the rest eight
 * bytes at a time (the last eight read again where they overlap), never
 * a byte past w[len - 1].  With padded, w has eight bytes to read
 * whatever len is (the reader's word): the head in one load.  Only
 * tables use the hash (the index's order never depends on it).
 */
static inline struct key
key_of(const char *w, size_t len, bool padded)
{
	struct key key;
	uint64_t h;
	size_t n;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (padded)
		key.head = len >= 8 ? load8(w) : load8(w) & (((uint64_t)1 << (len * 8)) - 1);
	else
#endif
	{
		key.head = 0;
		memcpy(&key.head, w, len < 8 ? len : 8);
	}
	h = (key.head + len) * MIX1;
	for (n = 8; n + 8 <= len; n += 8)
		h = (h ^ load8(w + n)) * MIX2;
	if (n < len)
		h = (h ^ load8(w + len - 8)) * MIX2;
	key.hash = hash_end(h);
	return key;
}

/* Are a[0..len) and b[0..len) the same bytes?  By loads that may
   overlap (no call: words are short). */
static inline bool
same_word(const char *a, const char *b, size_t len)
{
	size_t j;

	if (len >= 8) {
		for (j = 0; j + 8 < len; j += 8)
			if (load8(a + j) != load8(b + j))
				return false;
		return load8(a + len - 8) == load8(b + len - 8);
	}
	if (len >= 4)
		return load4(a) == load4(b) && load4(a + len - 4) == load4(b + len - 4);
	for (j = 0; j < len; j++)
		if (a[j] != b[j])
			return false;
	return true;
}

/* A word's room: SEARCH_WORD_MAX letters of up to 4 bytes (a longer word
   is left out). */
#define WORD_BYTES (SEARCH_WORD_MAX * 4)

/*
 * Words read from pieces of text, a word going on from one piece to the
 * next (across an inline tag or a character reference); each word, once
 * it ends, handed to emit.
 */
struct reader {
	char word[WORD_BYTES + 1]; /* the word being read, folded */
	size_t out;            /* its bytes so far (at most WORD_BYTES) */
	size_t wide_extra;     /* the bytes past the first of its letters past
	                          ASCII: its letters are out - wide_extra */
	bool too_long;         /* it has more letters than word can hold */
	void (*emit)(struct reader *r, const char *word, size_t len, struct key key);
	                       /* word is r->word, but for count_word's */
	void *ctx;             /* what emit needs */
	unsigned field;        /* where the words now read are (SEARCH_IN_*) */
};

static void
reader_init(struct reader *r,
    void (*emit)(struct reader *, const char *, size_t, struct key),
    void *ctx)
{
	r->out = r->wide_extra = 0;
	r->too_long = false;
	r->emit = emit;
	r->ctx = ctx;
	r->field = 0;
}

/* The index's words go through end_word and count_word once each, a
   million of them on a thousand pages: no call between the two. */
#define HOT_INLINE inline __attribute__((always_inline))

static HOT_INLINE void count_word(struct reader *r, const char *word, size_t n,
    struct key key);

/* Emit the word word[0..len), whose key is key; counting says that
   r->emit is count_word (the index's: a call the compiler can inline),
   which reads it where it is; any other emit is handed r->word, a C
   string (word is r->word, or its bytes are copied there). */
static HOT_INLINE void
emit_word(struct reader *r, const char *word, size_t len, struct key key,
    bool counting)
{
	if (counting) {
		count_word(r, word, len, key);
		return;
	}
	if (word != r->word)
		memcpy(r->word, word, len);
	r->word[len] = '\0';
	r->emit(r, r->word, len, key);
}

/* End the word being read (if any): emit it unless it is too long. */
static HOT_INLINE void
end_word_inline(struct reader *r, bool counting)
{
	if (r->out > 0 && !r->too_long && r->out - r->wide_extra <= SEARCH_WORD_MAX)
		emit_word(r, r->word, r->out, key_of(r->word, r->out, true), counting);
	r->out = r->wide_extra = 0;
	r->too_long = false;
}

/* end_word_inline where a word's end is rarer: a tag, a page's end. */
static void
end_word_now(struct reader *r)
{
	end_word_inline(r, r->emit == count_word);
}

/* End the word being read, if any (most tags find none: no call). */
static inline void
end_word(struct reader *r)
{
	if (r->out > 0)  /* else nothing to emit, nothing to reset */
		end_word_now(r);
}

/*
 * Read the words of text[0..len) (UTF-8), a word at its end going on in
 * the next piece.  With html, stop at a '<' or '&' (the caller's: a tag,
 * a character reference), else they are separators.  Returns the bytes
 * read.  Needs the tables (make_tables).
 */
static HOT_INLINE size_t
feed_as(struct reader *r, const char *text, size_t len, bool html, bool counting)
{
	const unsigned char *s = (const unsigned char *)text, *p = s, *e = s + len;
	char *w = r->word + r->out, *const wend = r->word + WORD_BYTES;
	size_t used, n;
	unsigned char c;
	char utf8[4];
	long cp, folded;

	while (p < e) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		/* The most common word of all: at a word's start (so not too
		   long either), one to seven lower-case letters and a separator;
		   emitted at once, its key from the same eight bytes, the
		   separator read. */
		if (w == r->word && e - p >= 8) {
			uint64_t x = load8((const char *)p), y = x | 0x8080808080808080u,
			    other = ~((y - 0x6161616161616161u) & ~(y - 0x7B7B7B7B7B7B7B7Bu) &
			    ~x) & 0x8080808080808080u;  /* 0x80 in each byte not a-z */
			size_t k = other != 0 ? (size_t)__builtin_ctzll(other) >> 3 : 8;

			if (k > 0 && k < 8 && byte_fold[p[k]] == FOLD_SEPARATE) {
				emit_word(r, (const char *)p, k,
				    key_of_head(x & ((UINT64_C(1) << (k * 8)) - 1), k), counting);
				p += k + 1;
				continue;
			}
		}
#endif
		c = byte_fold[*p];
		if (c > FOLD_MARKUP) {
			/* An ASCII letter or digit: the common case. */
			if (w < wend)
				*w++ = (char)c;
			else
				r->too_long = true;
			p++;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/* Then the lower-case letters after it, eight bytes at a
			   time: all eight copied, as many as there are kept. */
			while (e - p >= 8 && wend - w >= 8) {
				uint64_t x = load8((const char *)p), y = x | 0x8080808080808080u,
				    other = ~((y - 0x6161616161616161u) & ~(y - 0x7B7B7B7B7B7B7B7Bu) &
				    ~x) & 0x8080808080808080u;  /* 0x80 in each byte not a-z */
				size_t k = other != 0 ? (size_t)__builtin_ctzll(other) >> 3 : 8;

				memcpy(w, p, 8);
				w += k;
				p += k;
				if (k < 8)
					break;
			}
#endif
			continue;
		}
		if (c == FOLD_SEPARATE)  /* the next most common */
			p++;
		else if (c == FOLD_APOSTROPHE) {
			p++;
			continue;
		} else if (c == FOLD_WIDE) {
			cp = util_utf8_decode(p, (size_t)(e - p), &used);
			p += used;
			switch (fold(cp, &folded)) {
			case FOLD_SKIP:
				continue;
			case FOLD_LETTER:
				if (folded < 0x80) {
					utf8[0] = (char)folded;
					n = 1;
				} else
					n = util_utf8_encode((unsigned long)folded, utf8);
				if ((size_t)(wend - w) >= n) {
					memcpy(w, utf8, n);
					w += n;
					r->wide_extra += n - 1;
				} else
					r->too_long = true;
				continue;
			default:
				break;  /* a separator */
			}
		} else if (c == FOLD_MARKUP && html)
			break;
		else
			p++;
		if (w > r->word || r->too_long) {  /* a separator ends the word */
			r->out = (size_t)(w - r->word);
			end_word_inline(r, counting);
			w = r->word;
		}
	}
	r->out = (size_t)(w - r->word);
	return (size_t)(p - s);
}

/* feed_as, made twice: the index's reader (count_word, inlined) and any
   other. */
static size_t
feed(struct reader *r, const char *text, size_t len, bool html)
{
	if (r->emit == count_word)
		return feed_as(r, text, len, html, true);
	return feed_as(r, text, len, html, false);
}

/* What search_words hands each word to. */
struct words_call {
	void (*fn)(void *ctx, char *word, size_t len);
	void *ctx;
};

static void
call_fn(struct reader *r, const char *word, size_t len, struct key key)
{
	struct words_call *call = r->ctx;

	(void)word;  /* r->word: the callback's to change */
	(void)key;
	call->fn(call->ctx, r->word, len);
}

void
search_words(const char *text, size_t len,
    void (*fn)(void *ctx, char *word, size_t len), void *ctx)
{
	struct reader r;
	struct words_call call = { fn, ctx };

	pthread_once(&tables_once, make_tables);
	reader_init(&r, call_fn, &call);
	feed(&r, text, len, false);
	end_word(&r);
}

bool
search_english(const char *lang)
{
	if (lang == NULL || lang[0] == '\0')
		return true;
	return (lang[0] | 0x20) == 'e' && (lang[1] | 0x20) == 'n' &&
	    (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
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
}

bool
search_stop_word(const char *word, size_t len)
{
	uint64_t v;
	size_t k;

	if (len > 5)  /* none is longer: a quick no */
		return false;
	pthread_once(&tables_once, make_tables);
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

	if (n <= 3 || (w[n - 1] != 's' && w[n - 1] != 'g' && w[n - 1] != 'd'))
		return n;  /* no rule below applies: a quick no */
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

static void
make_tables(void)
{
	int c;

	for (c = 0; c < 256; c++)
		byte_fold[c] = (unsigned char)(c >= 0x80 ? FOLD_WIDE :
		    c >= 'A' && c <= 'Z' ? c - 'A' + 'a' :
		    (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c :
		    c == '\'' ? FOLD_APOSTROPHE : c == '<' || c == '&' ? FOLD_MARKUP :
		    FOLD_SEPARATE);
	for (c = 0; c < 256; c++)
		json_plain[c] = c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != 0xE2;
	make_stop_table();
	/* Kept for the program's life: one, made once. */
	lower_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

/* One section of a page: the text before the first heading, or a heading's. */
struct section {
	size_t id, id_end;     /* the heading's id in the scratch's ids; empty
	                          before the first heading */
	size_t head, head_end; /* the heading's text in the scratch's text */
	size_t text, text_end; /* the text up to the next heading, likewise */
};

/* What reading one page needs, kept from page to page of a chunk (so
   allocated once a chunk, not once a page); owned by collect_chunk. */
struct scratch {
	struct buf text;       /* the page's text: each section's heading and
	                          text, one after the other */
	struct buf ids;        /* its headings' ids, one after the other */
	struct section *sections;
	size_t nsections, cap;
};

/* A term in a table of terms (struct terms). */
struct term_slot {
	uint64_t head;         /* its key's head (struct key) */
	uint32_t word;         /* where its text is in the table's words */
	uint32_t len;
	uint32_t hash;
	uint32_t last;         /* in a chunk: the last page it was on, + 1
	                          (0: none yet), whose posting is not made yet */
	uint32_t weight;       /* in a chunk: its weight on that page */
	uint32_t index;        /* in a chunk: its term in the index */
};

/* A set of terms: open addressing over a power of two slots, never more
   than half full.  Owns everything it points to. */
struct terms {
	struct buf words;      /* the terms' text, one after the other */
	struct term_slot *list; /* in the order they came */
	size_t n, cap;
	uint64_t *slots;       /* a term's hash << 32 | its index in list + 1;
	                          0: empty */
	size_t nslots;
	unsigned shift;        /* a hash's first slot: hash >> shift (its top
	                          bits, which every byte of the word reaches) */
};

/* A term on a page, as a chunk finds it. */
struct posting {
	uint32_t term;         /* in the chunk's terms */
	uint32_t page;         /* in the index's pages */
	uint32_t weight;       /* (min(count, 31) << 3) | fields */
};

/* What one chunk of pages makes (collect_chunk); owned by the collection. */
struct chunk {
	struct terms raw;      /* English: the words as folded, each with its
	                          term (last: the term's index + 1; RAW_STOP: a
	                          stop word; 0: not known yet), so that each
	                          word is stemmed once a chunk, not each time */
	struct terms terms;
	struct posting *postings; /* each term's in page order, while its pages
	                             are read */
	size_t npostings, cap;
	uint32_t *term_at;     /* once read, its postings by term: term t's
	                          are entries[term_at[t]..term_at[t + 1]) */
	uint16_t *entries;     /* each a page of the chunk (its place in it)
	                          << 8 | its weight there */
	struct search_file *text; /* its pages' search/x/ files, when not
	                             written as made (collect_job) */
	size_t ntext;
	int status;            /* 0, or -1 when writing one failed */
};

/* What the index keeps of a page for search/p/. */
struct entry {
	char *url;             /* from the index's folder: "steps/x/", "" for
	                          its home */
	char *title;
	char *where;           /* "Step 3", its section's title, or "" */
};

_Static_assert(SEARCH_CHUNK <= 256 && ((31 << 3) | SEARCH_IN_TITLE |
    SEARCH_IN_HEADING | SEARCH_IN_TEXT) <= 255, "a chunk's entry in 16 bits");

/* A term of a chunk: where the index finds a term's postings. */
struct place {
	uint32_t chunk;        /* in the index's chunks */
	uint32_t term;         /* in that chunk's terms */
};

/* A term of the index. */
struct term {
	const char *text;      /* in the index's terms' words */
	size_t first, n;       /* its chunks, in page order: the index's
	                          places[first..first + n) */
	size_t count;          /* its postings in all */
};

struct search_index {
	char *prefix;          /* "" or "ar/": its files go under PREFIXsearch/ */
	char *lang;            /* its pages' language */
	size_t lang_index;     /* its index in config->languages */
	int threads;           /* what search_write writes on */
	struct entry *pages;
	size_t npages;
	struct terms words;    /* the terms' text (its list is left empty) */
	struct term *terms;    /* sorted by text */
	size_t nterms;
	struct place *places;  /* the terms' chunks (struct term) */
	struct chunk *chunks;  /* their postings (term_at, entries) */
	size_t nchunks;
	struct search_file *text; /* the search/x/ files, in order */
	size_t ntext;
	struct search_index *next; /* the next language's (search_collect);
	                              owned */
};

/* The first empty slot of t from hash's own on. */
static size_t
empty_slot(const struct terms *t, uint32_t hash)
{
	size_t k;

	for (k = hash >> t->shift; t->slots[k] != 0; k = (k + 1) & (t->nslots - 1))
		;
	return k;
}

/* Double t's slots (or make the first), placing the terms again. */
static void
terms_grow(struct terms *t)
{
	size_t n = t->nslots ? t->nslots * 2 : 4096, i;

	free(t->slots);
	t->slots = xcalloc(n, sizeof(*t->slots));
	t->nslots = n;
	t->shift = 32 - (unsigned)__builtin_ctzll(n);
	for (i = 0; i < t->n; i++)
		t->slots[empty_slot(t, t->list[i].hash)] =
		    (uint64_t)t->list[i].hash << 32 | (uint32_t)(i + 1);
}

/*
 * The index in t of word[0..len), whose key is key, or SIZE_MAX with
 * *free the slot it would take.  A slot holds the hash beside the index,
 * so that a slot of another word is passed over without reading the list;
 * a word of up to eight bytes is its head.
 */
static inline size_t
terms_find(const struct terms *t, const char *word, size_t len, struct key key,
    size_t *free)
{
	const uint64_t *slots = t->slots;
	size_t mask = t->nslots - 1, k;
	uint64_t at;

	for (k = key.hash >> t->shift; (at = slots[k]) != 0; k = (k + 1) & mask)
		if ((uint32_t)(at >> 32) == key.hash) {
			const struct term_slot *s = &t->list[(uint32_t)at - 1];

			if (s->head == key.head && s->len == len && (len <= 8 ||
			    same_word(t->words.data + s->word + 8, word + 8, len - 8)))
				return (uint32_t)at - 1;
		}
	*free = k;
	return SIZE_MAX;
}

/* Add word[0..len), whose key is key and which is not in t, at slot k
   (terms_find's); returns its index. */
static size_t
terms_insert(struct terms *t, const char *word, size_t len, struct key key, size_t k)
{
	struct term_slot *s;

	if ((t->n + 1) * 2 > t->nslots) {
		terms_grow(t);
		k = empty_slot(t, key.hash);
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->list = xrealloc(t->list, t->cap * sizeof(*t->list));
	}
	s = &t->list[t->n];
	s->head = key.head;
	s->word = (uint32_t)t->words.len;
	s->len = (uint32_t)len;
	s->hash = key.hash;
	s->last = 0;
	s->weight = 0;
	s->index = 0;
	buf_put(&t->words, word, len);
	buf_putc(&t->words, '\0');  /* each a C string */
	t->slots[k] = (uint64_t)key.hash << 32 | (uint32_t)(t->n + 1);
	return t->n++;
}

/* The index in t of word[0..len), whose key is key, added when new (a
   table's first slots made at its first word). */
static inline size_t
terms_add_hashed(struct terms *t, const char *word, size_t len, struct key key)
{
	size_t k, at;

	if (t->nslots == 0)
		terms_grow(t);
	at = terms_find(t, word, len, key, &k);
	return at != SIZE_MAX ? at : terms_insert(t, word, len, key, k);
}

/* The index in t of word[0..len), added when new. */
static size_t
terms_add(struct terms *t, const char *word, size_t len)
{
	return terms_add_hashed(t, word, len, key_of(word, len, false));
}

static void
terms_free(struct terms *t)
{
	buf_free(&t->words);
	free(t->list);
	free(t->slots);
}

/* Tags whose start or end ends a word: all but the inline ones. */
static bool
breaks_words(const char *name, size_t len)
{
	/* Inline elements (a, em, strong, code, span...) do not: "<em>re</em>build":
	   a, b, i, u, s, q, em, del, ins, sup, sub, kbd, dfn, var, bdi, bdo, wbr,
	   code, span, mark, abbr, cite, time, data, small, strong. */
	static const char three[] = "del ins sup sub kbd dfn var bdi bdo wbr ";
	static const char four[] = "code span mark abbr cite time data ";
	const char *p;

	switch (len) {
	case 0:
		return false;
	case 1:
		return strchr("abiusq", name[0]) == NULL;
	case 2:
		return !(name[0] == 'e' && name[1] == 'm');
	case 3:
		for (p = three; *p != '\0'; p += 4)
			if (memcmp(p, name, 3) == 0)
				return false;
		return true;
	case 4:
		for (p = four; *p != '\0'; p += 5)
			if (memcmp(p, name, 4) == 0)
				return false;
		return true;
	case 5:
		return memcmp(name, "small", 5) != 0;
	case 6:
		return memcmp(name, "strong", 6) != 0;
	default:
		return true;
	}
}

/*
 * Elements whose content is no text of the page: scripts and styles, and
 * the controls of an exercise's form ("Print with my answers", a select's
 * options), which would only make poor snippets.
 */
static bool
skipped(const char *name, size_t len)
{
	switch (len) {
	case 3:
		return memcmp(name, "svg", 3) == 0;
	case 5:
		return memcmp(name, "style", 5) == 0;
	case 6:
		return memcmp(name, "script", 6) == 0 || memcmp(name, "button", 6) == 0 ||
		    memcmp(name, "select", 6) == 0;
	case 8:
		return memcmp(name, "template", 8) == 0 || memcmp(name, "noscript", 8) == 0;
	default:
		return false;
	}
}

/* Append s[0..len) to b, a run of white space as one space (none at
   b's start). */
#define IS_SPACE(c) ((unsigned char)(c) <= ' ' && ((c) == ' ' || (c) == '\n' || \
	(c) == '\t' || (c) == '\r' || (c) == '\f'))

static size_t put_text_upto(struct buf *b, const char *s, size_t len, size_t cap);

static void
put_text(struct buf *b, const char *s, size_t len)
{
	put_text_upto(b, s, len, SIZE_MAX);
}

/*
 * The bytes of s[i..len) that put_text_upto may copy as they are, at most
 * room: up to a control byte, or a space after a space (after the last
 * byte copied when *spaced; *spaced then says whether the last of them is
 * a space).  Sixteen bytes at a time (SSE2), else eight.
 */
static inline size_t
plain_text_run(const char *s, size_t i, size_t len, size_t room, bool *spaced)
{
	size_t from = i;
#ifdef __SSE2__
	const __m128i control = _mm_set1_epi8(0x1F), space = _mm_set1_epi8(' ');

	while (i + 16 <= len && room - (i - from) >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		unsigned ctl = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(x, control), x)),
		    sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, space)),
		    stop = ctl | (sp & (sp << 1 | (unsigned)*spaced));

		if (stop != 0) {
			size_t n = (size_t)__builtin_ctz(stop);

			if (n > 0)
				*spaced = (sp >> (n - 1)) & 1;
			return i + n - from;
		}
		i += 16;
		*spaced = (sp >> 15) & 1;
	}
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	while (i + 8 <= len && room - (i - from) >= 8) {
		uint64_t x = load8(s + i), sp = x ^ 0x2020202020202020u, at;

		if (((x - 0x2020202020202020u) & ~x & 0x8080808080808080u) != 0)
			break;  /* a byte below ' ' */
		at = ~(((sp & 0x7F7F7F7F7F7F7F7Fu) + 0x7F7F7F7F7F7F7F7Fu) | sp |
		    0x7F7F7F7F7F7F7F7Fu);  /* 0x80 in each space's byte */
		if ((at & (at << 8)) != 0 || (*spaced && (at & 0x80) != 0))
			break;  /* a space after a space */
		i += 8;
		*spaced = (at >> 63) != 0;
	}
#endif
	return i - from;
}

/* put_text, stopping once b holds cap bytes; returns the bytes of s read. */
static size_t
put_text_upto(struct buf *b, const char *s, size_t len, size_t cap)
{
	char *out, *stop;
	bool spaced;  /* would a space now be one too many? */
	size_t i, n;

	if (b->len >= cap)
		return 0;
	buf_grow(b, len);
	out = b->data + b->len;
	spaced = b->len == 0 || out[-1] == ' ';
	stop = cap - b->len < len ? out + (cap - b->len) : out + len;
	i = 0;
	while (i < len && out < stop) {
		/* What needs nothing done, at once; then byte by byte: the
		   byte that stopped it, or the last bytes, fewer than a run
		   reads at a time. */
		n = plain_text_run(s, i, len, (size_t)(stop - out), &spaced);
		memcpy(out, s + i, n);
		out += n;
		i += n;
		for (n = len - i >= 16 && stop - out >= 16 ? i + 1 : i + 16;
		    i < n && i < len && out < stop; i++) {
			unsigned char ch = (unsigned char)s[i];

			if (ch > ' ') {  /* the common case */
				*out++ = (char)ch;
				spaced = false;
			} else if (IS_SPACE(ch)) {
				if (!spaced)
					*out++ = ' ';
				spaced = true;
			} else {
				*out++ = (char)ch;
				spaced = false;
			}
		}
	}
	*out = '\0';
	b->len = (size_t)(out - b->data);
	return i;
}

/* Decode the character reference at s (s[0] == '&') into out (room for
   4 bytes), its length in *n; returns the reference's length, or 0 when
   it is none (the '&' is then text). */
static size_t
decode_entity(const char *s, const char *end, char *out, size_t *n)
{
	static const struct { const char *name; const char *text; } named[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&apos;", "'" }, { "&nbsp;", " " }
	};
	const char *semi = memchr(s, ';', (size_t)(end - s) < 12 ? (size_t)(end - s) : 12);
	unsigned long cp = 0;
	size_t i;

	if (semi == NULL)
		return 0;
	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if ((size_t)(semi + 1 - s) == strlen(named[i].name) &&
		    memcmp(s, named[i].name, strlen(named[i].name)) == 0) {
			*n = strlen(named[i].text);
			memcpy(out, named[i].text, *n);
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
	*n = util_utf8_encode(cp, out);
	return (size_t)(semi + 1 - s);
}

/* Append the value of the attribute id in the start tag tag[0..len)
   (nothing when it has none) to ids. */
static void
put_tag_id(struct buf *ids, const char *tag, size_t len)
{
	const char *end = tag + len, *p = tag, *q;

	while ((p = memchr(p, 'i', (size_t)(end - p))) != NULL) {
		if (end - p > 4 && memcmp(p, "id=\"", 4) == 0 && p > tag &&
		    util_html_space((unsigned char)p[-1])) {
			q = memchr(p + 4, '"', (size_t)(end - p - 4));
			if (q != NULL) {
				buf_put(ids, p + 4, (size_t)(q - p - 4));
				return;
			}
		}
		p++;
	}
}

/* Start a section, its heading's id from the start tag tag[0..len) (none
   when len is 0), at the end of s's text. */
static void
add_section(struct scratch *s, const char *tag, size_t len)
{
	struct section *sec;

	if (s->nsections > 0)
		s->sections[s->nsections - 1].text_end = s->text.len;
	if (s->nsections == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->sections = xrealloc(s->sections, s->cap * sizeof(*s->sections));
	}
	sec = &s->sections[s->nsections++];
	sec->id = s->ids.len;
	if (len > 0)
		put_tag_id(&s->ids, tag, len);
	sec->id_end = s->ids.len;
	sec->head = sec->head_end = sec->text = sec->text_end = s->text.len;
}


/* The bytes of a section's text kept for its snippet: enough for
   snippet_bytes to cut it as it would the whole. */
#define KEPT_TEXT (SEARCH_SNIPPET_BYTES + 1)

/* Keep text[0..len) of the page in s: all of a heading, the start of a
   section's text. */
static void
keep_text(struct scratch *s, const char *text, size_t len, bool in_heading)
{
	if (in_heading)
		put_text(&s->text, text, len);
	else
		put_text_upto(&s->text, text, len,
		    s->sections[s->nsections - 1].text + KEPT_TEXT);
}

/* keep_text(s, " ", 1, in_heading), without a call: a space unless
   the text is full or already ends in one (or is empty). */
static inline void
keep_space(struct scratch *s, bool in_heading)
{
	struct buf *b = &s->text;

	if ((!in_heading && b->len >= s->sections[s->nsections - 1].text + KEPT_TEXT) ||
	    b->len == 0 || b->data[b->len - 1] == ' ')
		return;
	buf_putc(b, ' ');
}

/*
 * Read the body's HTML, once: its words to r (in the field they are in:
 * a heading's or the text's), and its sections into s (emptied first):
 * text outside tags, character references decoded, a new section at each
 * heading (its id from the tag), script, style and template contents
 * left out; of a section's text, what its snippet needs (KEPT_TEXT).
 */
static void
read_page(struct scratch *s, struct reader *r, const char *html, size_t len)
{
	const char *p = html, *end = html + len;
	bool in_heading = false;

	buf_reset(&s->text);
	buf_reset(&s->ids);
	s->nsections = 0;
	buf_grow(&s->text, len < 4096 ? len : 4096);
	add_section(s, NULL, 0);
	r->field = SEARCH_IN_TEXT;
	while (p < end) {
		const char *name, *tag_end;
		char quote = 0, decoded[4];
		size_t nlen, used, n;
		bool closing;

		if (*p == '&') {
			used = decode_entity(p, end, decoded, &n);
			if (used == 0) {  /* a lone '&' */
				decoded[0] = '&';
				n = used = 1;
			}
			feed(r, decoded, n, false);
			keep_text(s, decoded, n, in_heading);
			p += used;
			continue;
		}
		if (*p != '<') {
			n = feed(r, p, (size_t)(end - p), true);
			keep_text(s, p, n, in_heading);
			p += n;
			continue;
		}
		/* A tag: to its '>' outside quotes (a quoted value at once). */
		for (tag_end = p + 1; tag_end < end && *tag_end != '>'; tag_end++)
			if (*tag_end == '"' || *tag_end == '\'') {
				quote = *tag_end;
				tag_end = memchr(tag_end + 1, quote, (size_t)(end - tag_end - 1));
				if (tag_end == NULL) {
					tag_end = end;
					break;
				}
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
				end_word(r);
				keep_space(s, in_heading);
				add_section(s, p, (size_t)(tag_end - p));
				in_heading = true;
				r->field = SEARCH_IN_HEADING;
			} else if (in_heading) {
				end_word(r);
				sec = &s->sections[s->nsections - 1];
				sec->head_end = sec->text = s->text.len;
				in_heading = false;
				r->field = SEARCH_IN_TEXT;
			}
		}
		if (breaks_words(name, nlen)) {
			end_word(r);
			keep_space(s, in_heading);
		}
		p = tag_end < end ? tag_end + 1 : end;
	}
	end_word(r);
	if (in_heading)
		s->sections[s->nsections - 1].head_end = s->text.len;
	s->sections[s->nsections - 1].text = s->sections[s->nsections - 1].head_end;
	s->sections[s->nsections - 1].text_end = s->text.len;
}

/* What the pool's threads share while collecting. */
struct collect_job {
	const struct site *site;
	const struct search_scope *scope;
	bool english;          /* stop words left out, words stemmed */
	struct entry *pages;   /* one per page of the scope */
	struct chunk *chunks;
	struct output *out;    /* where each search/x/ file is written as it
	                          is made; NULL: the chunks keep them */
};

#define RAW_STOP UINT32_MAX

/* Add the posting of term t on page, with weight, to chunk c. */
static inline void
add_posting(struct chunk *c, size_t t, uint32_t page, uint32_t weight)
{
	struct posting *p;

	if (c->npostings == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 4096;
		c->postings = xrealloc(c->postings, c->cap * sizeof(*c->postings));
	}
	p = &c->postings[c->npostings++];
	p->term = (uint32_t)t;
	p->page = page;
	p->weight = weight;
}

/*
 * Count term t of the chunk on page, found in field.  A term counts its
 * page in its slot; its posting is made once it is found on a later page
 * (or the chunk ends: end_postings), so that counting a word touches
 * only its slot.
 */
static inline void
chunk_term(struct chunk *c, size_t t, uint32_t page, unsigned field)
{
	struct term_slot *slot = &c->terms.list[t];

	if (slot->last == page + 1) {  /* seen on this page before */
		if ((slot->weight >> 3) < 31)
			slot->weight += 1 << 3;
		slot->weight |= field;
		return;
	}
	if (slot->last != 0)
		add_posting(c, t, slot->last - 1, slot->weight);
	slot->last = page + 1;
	slot->weight = 1 << 3 | field;
}

/* Make the postings chunk_term has not made yet: the chunk's pages are read. */
static void
end_postings(struct chunk *c)
{
	size_t t;

	for (t = 0; t < c->terms.n; t++)
		if (c->terms.list[t].last != 0)
			add_posting(c, t, c->terms.list[t].last - 1, c->terms.list[t].weight);
}

/* What counting a page's words needs (a reader's ctx). */
struct counting {
	struct chunk *chunk;
	bool english;          /* stop words left out, words stemmed */
	uint32_t page;
};

/* Count a word of the page being read, in the reader's field (word is
   not a C string: where the reader found it, or r->word). */
static HOT_INLINE void
count_word(struct reader *r, const char *word, size_t n, struct key key)
{
	struct counting *k = r->ctx;
	struct chunk *c = k->chunk;
	size_t raw, slot;
	char stem[WORD_BYTES + 1];

	if (!k->english) {
		chunk_term(c, terms_add_hashed(&c->terms, word, n, key), k->page, r->field);
		return;
	}
	/* The raw table made at the chunk's start (collect_chunk), its
	   lookup here without a call: the words seen before, the most. */
	if ((raw = terms_find(&c->raw, word, n, key, &slot)) == SIZE_MAX)
		raw = terms_insert(&c->raw, word, n, key, slot);
	if (c->raw.list[raw].last == 0) {  /* new to the chunk: its term */
		if (search_stop_word(word, n))
			c->raw.list[raw].last = RAW_STOP;
		else {
			memcpy(stem, word, n);
			stem[n] = '\0';
			n = search_stem(stem, n);
			c->raw.list[raw].last = (uint32_t)terms_add(&c->terms, stem, n) + 1;
		}
	}
	if (c->raw.list[raw].last != RAW_STOP)
		chunk_term(c, c->raw.list[raw].last - 1, k->page, r->field);
}

static void group_postings(struct chunk *c, size_t lo);
static void put_json(struct buf *b, const char *s, size_t len);
static void put_json_str(struct buf *b, const char *s);
static void put_json_trimmed(struct buf *b, const char *s, size_t len);
static size_t snippet_bytes(const char *s, size_t len);
static struct search_file *add_file(struct search_file **files, size_t *n,
    const char *prefix, const char *fmt, size_t number);

/* The page's sections as search/x/ holds them: [[id, heading, text], ...] */
static void
put_snippets(struct buf *b, const struct scratch *s)
{
	size_t k;

	buf_putc(b, '[');
	for (k = 0; k < s->nsections; k++) {
		const struct section *sec = &s->sections[k];

		if (k > 0)
			buf_putc(b, ',');
		buf_putc(b, '[');
		put_json(b, s->ids.data + sec->id, sec->id_end - sec->id);
		buf_putc(b, ',');
		put_json_trimmed(b, s->text.data + sec->head, sec->head_end - sec->head);
		buf_putc(b, ',');
		put_json_trimmed(b, s->text.data + sec->text,
		    snippet_bytes(s->text.data + sec->text, sec->text_end - sec->text));
		buf_putc(b, ']');
	}
	buf_putc(b, ']');
}

/*
 * url (from the site's root, "/ar/steps/x/") from the folder prefix
 * ("ar/"): "steps/x/"; one outside it climbs: "../steps/x/".  The caller
 * frees it.
 */
static char *
url_from(const char *url, const char *prefix)
{
	struct buf b = BUF_INIT;
	size_t plen = strlen(prefix);
	const char *p;

	url++;  /* its '/' */
	if (strncmp(url, prefix, plen) == 0)
		return xstrdup(url + plen);
	for (p = prefix; *p != '\0'; p++)
		if (*p == '/')
			BUF_PUTSL(&b, "../");
	buf_puts(&b, url);
	return buf_detach(&b);
}

/* The search/x/ file number of chunk c is done, in text: written (text
   kept for the next) or kept by c (text left empty). */
static void
end_text_file(const struct collect_job *job, struct chunk *c, size_t number,
    struct buf *text)
{
	struct buf path = BUF_INIT;

	BUF_PUTSL(text, "]);\n");
	if (job->out == NULL) {
		add_file(&c->text, &c->ntext, job->scope->prefix, "search/x/%zu.js",
		    number)->data = *text;  /* c's now */
		memset(text, 0, sizeof(*text));
		return;
	}
	buf_printf(&path, "%ssearch/x/%zu.js", job->scope->prefix, number);
	if (output_write(job->out, buf_str(&path), text->data, text->len) != 0)
		c->status = -1;
	buf_free(&path);
	buf_reset(text);
}

/* Chunk k: its pages read (each once, its title first), their words
   counted, their search/x/ files made. */
static void
collect_chunk(void *ctx, size_t k)
{
	struct collect_job *job = ctx;
	const struct search_scope *scope = job->scope;
	struct chunk *c = &job->chunks[k];
	struct scratch s;
	struct reader r;
	struct counting counting = { c, job->english, 0 };
	struct buf text = BUF_INIT;  /* the search/x/ file being made */
	size_t i, lo = k * SEARCH_CHUNK, hi = lo + SEARCH_CHUNK;

	memset(&s, 0, sizeof(s));
	terms_grow(&c->raw);  /* its first slots: count_word finds without a check */
	reader_init(&r, count_word, &counting);
	if (hi > scope->npages)
		hi = scope->npages;
	for (i = lo; i < hi; i++) {
		const struct page *page = scope->pages[i];
		struct entry *e = &job->pages[i];
		const char *body;

		e->url = url_from(page->url, scope->prefix);
		e->title = xstrdup(page->title);
		if (page->step_number > 0) {
			struct buf where = BUF_INIT;

			buf_printf(&where, "Step %d", page->step_number);
			e->where = buf_detach(&where);
		}  /* else its section's title: set once all are known */
		counting.page = (uint32_t)i;
		r.field = SEARCH_IN_TITLE;
		feed(&r, page->title, strlen(page->title), false);
		end_word(&r);
		body = scope->bodies != NULL ? scope->bodies[i].html : page->doc.html;
		if (page->rendered && body != NULL)
			read_page(&s, &r, body, scope->bodies != NULL ?
			    scope->bodies[i].len : page->doc.html_len);
		else {
			buf_reset(&s.text);
			buf_reset(&s.ids);
			s.nsections = 0;
			add_section(&s, NULL, 0);
		}
		if (i % SEARCH_TEXT_GROUP == 0)
			buf_printf(&text, "mendSearch.text(%zu,[", i / SEARCH_TEXT_GROUP);
		else
			buf_putc(&text, ',');
		put_snippets(&text, &s);
		if ((i + 1) % SEARCH_TEXT_GROUP == 0 || i + 1 == hi)
			end_text_file(job, c, i / SEARCH_TEXT_GROUP, &text);
	}
	buf_free(&text);
	buf_free(&s.text);
	buf_free(&s.ids);
	free(s.sections);
	end_postings(c);
	group_postings(c, lo);
	/* Its tables of slots are not needed any more; its terms are. */
	terms_free(&c->raw);
	free(c->terms.slots);
	c->terms.slots = NULL;
	c->terms.nslots = 0;
}

static int
compare_terms(const void *a, const void *b)
{
	return strcmp(((const struct term *)a)->text, ((const struct term *)b)->text);
}

/* Each page's place: its step, or the title of its section's page (one of
   pages if it is there, else the site's), or "". */
static void
set_places(struct search_index *ix, const struct site *site,
    const struct search_scope *scope)
{
	struct terms sections;
	size_t i, k, *page_of = NULL, n = 0;

	memset(&sections, 0, sizeof(sections));
	for (i = 0; i < scope->npages + site->npages; i++) {
		const struct page *p = i < scope->npages ? scope->pages[i] :
		    site->pages[i - scope->npages];

		if (p->kind != PAGE_SECTION)
			continue;
		k = terms_add(&sections, p->section, strlen(p->section));
		if (k == n) {
			page_of = xrealloc(page_of, (n + 1) * sizeof(*page_of));
			page_of[n++] = i;
		}
	}
	for (i = 0; i < scope->npages; i++) {
		const struct page *p = scope->pages[i], *sec;

		if (ix->pages[i].where != NULL)
			continue;
		if (p->kind == PAGE_REGULAR && p->section[0] != '\0' && n > 0) {
			k = terms_add(&sections, p->section, strlen(p->section));
			if (k < n) {
				sec = page_of[k] < scope->npages ? scope->pages[page_of[k]] :
				    site->pages[page_of[k] - scope->npages];
				ix->pages[i].where = xstrdup(sec->title);
				continue;
			}
		}
		ix->pages[i].where = xstrdup("");
	}
	terms_free(&sections);
	free(page_of);
}

/* Chunk c's postings (its pages from lo) by term, in page order still:
   term_at and entries, counted first; its list of postings freed. */
static void
group_postings(struct chunk *c, size_t lo)
{
	size_t k, n = c->terms.n;
	uint32_t *next;

	c->term_at = xcalloc(n + 2, sizeof(*c->term_at));
	for (k = 0; k < c->npostings; k++)
		c->term_at[c->postings[k].term + 2]++;
	for (k = 2; k <= n + 1; k++)
		c->term_at[k] += c->term_at[k - 1];
	next = c->term_at + 1;  /* where each term's next entry goes */
	c->entries = xmalloc((c->npostings + 1) * sizeof(*c->entries));
	for (k = 0; k < c->npostings; k++) {
		const struct posting *p = &c->postings[k];

		c->entries[next[p->term]++] = (uint16_t)((p->page - lo) << 8 | p->weight);
	}
	free(c->postings);
	c->postings = NULL;
	c->npostings = c->cap = 0;
}

/*
 * The chunks' terms into the index's, in chunk order: each term's places
 * (the chunks it is on, counted first), its postings left where they are
 * (the index owns the chunks from here).
 */
static void
merge_chunks(struct search_index *ix, struct chunk *chunks, size_t nchunks)
{
	size_t i, k, nplaces = 0, *next;

	for (i = 0; i < nchunks; i++) {
		struct terms *t = &chunks[i].terms;

		for (k = 0; k < t->n; k++)
			t->list[k].index = (uint32_t)terms_add(&ix->words, t->words.data + t->list[k].word,
			    t->list[k].len);
	}
	ix->nterms = ix->words.n;
	ix->terms = xcalloc(ix->nterms + 1, sizeof(*ix->terms));
	for (i = 0; i < nchunks; i++)
		for (k = 0; k < chunks[i].terms.n; k++)
			ix->terms[chunks[i].terms.list[k].index].n++;
	next = xcalloc(ix->nterms + 1, sizeof(*next));
	for (k = 0; k < ix->nterms; k++) {
		ix->terms[k].text = ix->words.words.data + ix->words.list[k].word;
		ix->terms[k].first = next[k] = nplaces;
		nplaces += ix->terms[k].n;
	}
	ix->places = xmalloc((nplaces + 1) * sizeof(*ix->places));
	for (i = 0; i < nchunks; i++) {
		struct chunk *c = &chunks[i];

		for (k = 0; k < c->terms.n; k++) {
			struct term *term = &ix->terms[c->terms.list[k].index];
			struct place *pl = &ix->places[next[c->terms.list[k].index]++];

			pl->chunk = (uint32_t)i;
			pl->term = (uint32_t)k;
			term->count += c->term_at[k + 1] - c->term_at[k];
		}
		terms_free(&c->terms);
	}
	free(next);
	ix->chunks = chunks;
	ix->nchunks = nchunks;
	/* The table of the index's terms is not needed any more: their text is. */
	free(ix->words.list);
	free(ix->words.slots);
	ix->words.list = NULL;
	ix->words.slots = NULL;
	ix->words.n = ix->words.cap = ix->words.nslots = 0;
	if (ix->nterms > 0)
		qsort(ix->terms, ix->nterms, sizeof(*ix->terms), compare_terms);
}

/*
 * The index of scope's pages (search_collect_pages), its search/x/ files
 * written into out as they are made when out is not NULL (so that they
 * are never all held at once) or else kept in the index.  Sets *status to
 * -1 when writing one failed.
 */
static struct search_index *
collect(const struct site *site, const struct search_scope *scope, int threads,
    struct output *out, int *status)
{
	struct search_index *ix;
	struct collect_job job;
	size_t nchunks, i;

	pthread_once(&tables_once, make_tables);  /* before the threads read them */
	ix = xcalloc(1, sizeof(*ix));
	ix->prefix = xstrdup(scope->prefix);
	ix->lang = xstrdup(scope->lang != NULL ? scope->lang : "");
	ix->lang_index = scope->lang_index;
	ix->threads = threads;
	ix->npages = scope->npages;
	ix->pages = xcalloc(scope->npages + 1, sizeof(*ix->pages));
	nchunks = (scope->npages + SEARCH_CHUNK - 1) / SEARCH_CHUNK;
	job.site = site;
	job.scope = scope;
	job.english = search_english(scope->lang);
	job.pages = ix->pages;
	job.chunks = xcalloc(nchunks + 1, sizeof(*job.chunks));
	job.out = out;
	pool_run(nchunks, threads, collect_chunk, &job);
	for (i = 0; i < nchunks; i++)
		if (job.chunks[i].status != 0)
			*status = -1;

	set_places(ix, site, scope);
	merge_chunks(ix, job.chunks, nchunks);
	for (i = 0; out == NULL && i < nchunks; i++) {  /* the kept search/x/ files */
		ix->text = xrealloc(ix->text, (ix->ntext + job.chunks[i].ntext + 1) *
		    sizeof(*ix->text));
		memcpy(ix->text + ix->ntext, job.chunks[i].text,
		    job.chunks[i].ntext * sizeof(*ix->text));
		ix->ntext += job.chunks[i].ntext;
		free(job.chunks[i].text);
		job.chunks[i].text = NULL;
	}
	return ix;  /* which owns job.chunks now (merge_chunks) */
}

struct search_index *
search_collect_pages(struct site *site, const struct theme *theme,
    const struct search_scope *scope, int threads)
{
	int status = 0;

	site->has_search = theme_searches(theme);
	if (!site->has_search)
		return NULL;
	return collect(site, scope, threads, NULL, &status);
}

/* The scope of the site's k-th language (of nlangs, 1 for a site in one
   language): its view's pages, under its folder. */
static void
scope_of(const struct site *site, size_t k, struct search_scope *scope)
{
	const struct site *view = site->nlangs > 0 ? site->langs[k] : site;

	scope->pages = view->pages;
	scope->npages = view->npages;
	scope->bodies = NULL;
	scope->lang = view->config->language;
	scope->lang_index = k;
	scope->prefix = config_prefix(view->config);
}

struct search_index *
search_collect(struct site *site, const struct theme *theme, int threads)
{
	struct search_index *first = NULL, **last = &first;
	size_t k, n = site->nlangs > 0 ? site->nlangs : 1;

	for (k = 0; k < n; k++) {
		struct search_scope scope;

		scope_of(site, k, &scope);
		if ((*last = search_collect_pages(site, theme, &scope, threads)) == NULL)
			break;  /* no search */
		last = &(*last)->next;
	}
	return first;
}

void
search_index_free(struct search_index *ix)
{
	size_t i;

	if (ix == NULL)
		return;
	search_index_free(ix->next);
	for (i = 0; i < ix->npages; i++) {
		free(ix->pages[i].url);
		free(ix->pages[i].title);
		free(ix->pages[i].where);
	}
	free(ix->pages);
	free(ix->terms);
	free(ix->places);
	for (i = 0; i < ix->nchunks; i++) {
		free(ix->chunks[i].term_at);
		free(ix->chunks[i].entries);
	}
	free(ix->chunks);
	terms_free(&ix->words);
	search_files_free(ix->text, ix->ntext);
	free(ix->prefix);
	free(ix->lang);
	free(ix);
}

/* The first byte of s[i..len) that is not json_plain, or len: sixteen
   bytes at a time (SSE2), else eight (each test flags a byte below 0x20,
   or equal to one of the four), then one by one. */
static inline size_t
json_plain_upto(const char *s, size_t i, size_t len)
{
#ifdef __SSE2__
	const __m128i quote = _mm_set1_epi8('"'), slash = _mm_set1_epi8('\\'),
	    lt = _mm_set1_epi8('<'), e2 = _mm_set1_epi8((char)0xE2),
	    control = _mm_set1_epi8(0x1F);

	for (; i + 16 <= len; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i odd = _mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, slash)),
		    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, lt), _mm_cmpeq_epi8(x, e2)),
		    _mm_cmpeq_epi8(_mm_min_epu8(x, control), x)));  /* x <= 0x1F */
		unsigned m = (unsigned)_mm_movemask_epi8(odd);

		if (m != 0)
			return i + (size_t)__builtin_ctz(m);
	}
#else
	const uint64_t ones = 0x0101010101010101u;

	for (; i + 8 <= len; i += 8) {
		uint64_t x = load8(s + i), q = x ^ ones * '"', b = x ^ ones * '\\',
		    l = x ^ ones * '<', e = x ^ ones * 0xE2;

		if ((((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b) |
		    ((l - ones) & ~l) | ((e - ones) & ~e)) & 0x8080808080808080u)
			break;
	}
#endif
	while (i < len && json_plain[(unsigned char)s[i]])
		i++;
	return i;
}

/* s[0..len) as a JSON string (which is also a JavaScript one). */
static void
put_json(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0, run;
	char *out;

	pthread_once(&tables_once, make_tables);
	buf_grow(b, len + 2);  /* as it is, quoted: more only at an escape */
	out = b->data + b->len;
	*out++ = '"';
	while (i < len) {
		unsigned char c;

		/* A run of bytes that need nothing, at once. */
		run = json_plain_upto(s, i, len);
		memcpy(out, s + i, run - i);
		out += run - i;
		if ((i = run) == len)
			break;
		c = (unsigned char)s[i++];
		if ((size_t)(b->data + b->cap - out) < len - i + 8) {
			/* Room for this escape (six bytes at most), the rest as
			   it is, the quote and the NUL. */
			b->len = (size_t)(out - b->data);
			buf_grow(b, len - i + 7);
			out = b->data + b->len;
		}
		if (c == '"' || c == '\\') {
			*out++ = '\\';
			*out++ = (char)c;
		} else if (c < 0x20 || c == '<') {  /* never "</script" in a script */
			memcpy(out, "\\u00", 4);
			out[4] = hex[c >> 4];
			out[5] = hex[c & 15];
			out += 6;
		} else if (c == 0xE2 && i + 1 < len && (unsigned char)s[i] == 0x80 &&
		    ((unsigned char)s[i + 1] == 0xA8 || (unsigned char)s[i + 1] == 0xA9)) {
			memcpy(out, "\\u202", 5);
			out[5] = s[i + 1] == (char)0xA8 ? '8' : '9';
			out += 6;
			i += 2;
		} else
			*out++ = (char)c;  /* another character's first byte */
	}
	*out++ = '"';
	*out = '\0';
	b->len = (size_t)(out - b->data);
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

/* Write n in decimal at out; returns the end. */
static char *
put_number(char *out, uint32_t n)
{
	char digits[10];
	size_t k = sizeof(digits);

	/* Most are small (page differences, weights): at once. */
	if (n < 10) {
		*out = (char)('0' + n);
		return out + 1;
	}
	if (n < 100) {
		out[0] = (char)('0' + n / 10);
		out[1] = (char)('0' + n % 10);
		return out + 2;
	}
	if (n < 1000) {
		out[0] = (char)('0' + n / 100);
		out[1] = (char)('0' + n / 10 % 10);
		out[2] = (char)('0' + n % 10);
		return out + 3;
	}
	do {
		digits[--k] = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	memcpy(out, digits + k, sizeof(digits) - k);
	return out + sizeof(digits) - k;
}

/* A walk over a term's postings, chunk by chunk: its pages in order. */
struct postings_walk {
	const struct search_index *ix;
	const struct place *place, *end;  /* the chunk now, the term's last + 1 */
	uint32_t k, stop;      /* its entries now in that chunk's */
};

static void
walk_begin(struct postings_walk *w, const struct search_index *ix, const struct term *t)
{
	w->ix = ix;
	w->place = ix->places + t->first;
	w->end = w->place + t->n;
	w->k = w->stop = 0;
}

/* The walk's next posting: *page (in the index's pages) and *weight;
   false at its end. */
static inline bool
walk_next(struct postings_walk *w, uint32_t *page, uint32_t *weight)
{
	const struct chunk *c;

	while (w->k == w->stop) {
		if (w->place == w->end)
			return false;
		c = &w->ix->chunks[w->place->chunk];
		w->k = c->term_at[w->place->term];
		w->stop = c->term_at[w->place->term + 1];
		w->place++;
	}
	c = &w->ix->chunks[w->place[-1].chunk];
	*page = w->place[-1].chunk * SEARCH_CHUNK + (uint32_t)(c->entries[w->k] >> 8);
	*weight = c->entries[w->k++] & 0xFF;
	return true;
}

/* Term t of ix as written in a shard: "term":[delta,weight,...], its
   pages in order, each as the difference from the one before; bytes, its
   size (term_bytes). */
static void
put_term(struct buf *b, const struct search_index *ix, const struct term *t,
    size_t bytes)
{
	struct postings_walk w;
	size_t before = b->len;
	uint32_t last = 0, page, weight;
	char *out, *start;

	buf_grow(b, bytes);
	put_json_str(b, t->text);
	assert(b->len - before <= bytes);
	buf_grow(b, bytes - (b->len - before));  /* none: room was made */
	out = b->data + b->len;
	*out++ = ':';
	*out++ = '[';
	start = out;
	walk_begin(&w, ix, t);
	while (walk_next(&w, &page, &weight)) {
		if (out != start)
			*out++ = ',';
		out = put_number(out, page - last);
		*out++ = ',';
		out = put_number(out, weight);
		last = page;
	}
	*out++ = ']';
	*out = '\0';
	b->len = (size_t)(out - b->data);
	assert(b->len - before == bytes);  /* term_bytes counts as this writes */
}

/* The decimal digits of n. */
static size_t
digits(uint32_t n)
{
	size_t k = 1;

	while (n >= 10) {
		n /= 10;
		k++;
	}
	return k;
}

/* The bytes put_term writes for term t of ix (json, scratch for its text). */
static size_t
term_bytes(const struct search_index *ix, const struct term *t, struct buf *json)
{
	struct postings_walk w;
	uint32_t last = 0, page, weight;
	size_t n;

	buf_reset(json);
	put_json_str(json, t->text);
	n = json->len + 3 + (t->count > 0 ? 2 * t->count - 1 : 0);  /* :[ ] commas */
	walk_begin(&w, ix, t);
	while (walk_next(&w, &page, &weight)) {
		n += digits(page - last) + digits(weight);
		last = page;
	}
	return n;
}

/* A shard: its file (made by emit_shard, filled by fill_shard), its terms. */
struct shard {
	size_t file;                 /* in the sharding's files */
	size_t lo, hi;               /* the index's terms [lo, hi) */
};

/* What making the shards needs. */
struct sharding {
	const struct search_index *ix;
	size_t *at;                  /* where term i starts in the shards' terms
	                                as written one after the other, each
	                                with a ',' after it; nterms + 1 */
	size_t limit;
	struct buf manifest;         /* "key":N, ... */
	struct search_file *files;
	size_t nfiles;
	struct shard *shards;
	size_t nshards;
};

static struct search_file *
add_file(struct search_file **files, size_t *n, const char *prefix,
    const char *fmt, size_t number)
{
	struct search_file *f;
	struct buf path = BUF_INIT;

	if ((*n & (*n - 1)) == 0)  /* 0, 1, 2, 4...: double */
		*files = xrealloc(*files, (*n * 2 + 1) * sizeof(**files));
	f = &(*files)[(*n)++];
	buf_puts(&path, prefix);
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

	if ((number & (number - 1)) == 0)  /* 0, 1, 2, 4...: double */
		sh->shards = xrealloc(sh->shards, (number * 2 + 1) * sizeof(*sh->shards));
	sh->shards[number].file = sh->nfiles;
	sh->shards[number].lo = lo;
	sh->shards[number].hi = hi;
	add_file(&sh->files, &sh->nfiles, sh->ix->prefix, "search/t/%zu.js", number);
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

/* Shard k's file: its terms, in one allocation of the size split saw. */
static void
fill_shard(void *ctx, size_t k)
{
	const struct sharding *sh = ctx;
	const struct shard *shard = &sh->shards[k];
	struct buf *b = &sh->files[shard->file].data;
	size_t i;

	buf_grow(b, 64 + sh->at[shard->hi] - sh->at[shard->lo]);
	buf_printf(b, "mendSearch.shard(%zu,{", k);
	for (i = shard->lo; i < shard->hi; i++) {
		if (i > shard->lo)
			buf_putc(b, ',');
		put_term(b, sh->ix, &sh->ix->terms[i], sh->at[i + 1] - sh->at[i] - 1);
	}
	BUF_PUTSL(b, "});\n");
}

/* The index's files (copies of its search/x/ ones too when with_text). */
static void
make_files(const struct search_index *ix, size_t shard_bytes, bool with_text,
    struct search_file **files, size_t *nfiles)
{
	struct sharding sh;
	struct search_file *f = NULL;
	struct buf json = BUF_INIT;
	size_t i;

	memset(&sh, 0, sizeof(sh));
	sh.ix = ix;
	sh.limit = shard_bytes;
	sh.at = xcalloc(ix->nterms + 1, sizeof(*sh.at));
	for (i = 0; i < ix->nterms; i++)  /* the sizes first: split needs them */
		sh.at[i + 1] = sh.at[i] + term_bytes(ix, &ix->terms[i], &json) + 1;
	buf_free(&json);
	if (ix->nterms > 0)
		split(&sh, 0, ix->nterms, 0);
	/* Then each shard's file made at its size, on the threads. */
	pool_run(sh.nshards, ix->threads, fill_shard, &sh);
	free(sh.shards);
	free(sh.at);

	/* The pages' URL, title and place, by groups. */
	for (i = 0; i < ix->npages; i++) {
		const struct entry *e = &ix->pages[i];

		if (i % SEARCH_META_GROUP == 0) {
			if (f != NULL)
				BUF_PUTSL(&f->data, "]);\n");
			f = add_file(&sh.files, &sh.nfiles, ix->prefix,
			    "search/p/%zu.js", i / SEARCH_META_GROUP);
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

	/* Their text, section by section (made by search_collect): copies. */
	for (i = 0; with_text && i < ix->ntext; i++) {
		f = add_file(&sh.files, &sh.nfiles, ix->text[i].path, "", 0);
		buf_put(&f->data, ix->text[i].data.data, ix->text[i].data.len);
	}

	f = add_file(&sh.files, &sh.nfiles, ix->prefix, "search/manifest.js", 0);
	buf_printf(&f->data, "mendSearch.manifest({\"pages\":%zu,\"meta\":%d,"
	    "\"text\":%d,\"keymax\":%d,\"lang\":", ix->npages, SEARCH_META_GROUP,
	    SEARCH_TEXT_GROUP, SEARCH_KEY_MAX);
	put_json_str(&f->data, ix->lang);
	BUF_PUTSL(&f->data, ",\"shards\":{");
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

void
search_index_files(const struct search_index *ix, size_t shard_bytes,
    struct search_file **files, size_t *nfiles)
{
	make_files(ix, shard_bytes, true, files, nfiles);
}

/* What the pool's threads share while writing. */
struct write_job {
	const struct search_file *files, *text;  /* made here; the index's */
	size_t nfiles;
	struct output *out;
	int *status;           /* each file's output_write */
};

static void
write_file(void *ctx, size_t i)
{
	struct write_job *job = ctx;
	const struct search_file *f = i < job->nfiles ? &job->files[i] :
	    &job->text[i - job->nfiles];

	job->status[i] = output_write(job->out, f->path, f->data.data, f->data.len);
}

/* Write ix's files (but for the search/x/ ones collect wrote) into out.
   Returns 0, or -1 after a diagnostic. */
static int
write_index(const struct search_index *ix, struct output *out)
{
	struct search_file *files = NULL;
	struct write_job job;
	size_t nfiles = 0, i;
	int status = 0;

	make_files(ix, SEARCH_SHARD_BYTES, false, &files, &nfiles);
	job.files = files;
	job.nfiles = nfiles;
	job.text = ix->text;
	job.out = out;
	job.status = xcalloc(nfiles + ix->ntext + 1, sizeof(*job.status));
	pool_run(nfiles + ix->ntext, ix->threads, write_file, &job);
	for (i = 0; i < nfiles + ix->ntext; i++)
		if (job.status[i] != 0)
			status = -1;
	free(job.status);
	search_files_free(files, nfiles);
	return status;
}

/* Each of scope's pages' body in pages (the assembled pages, in the
   site's order, as scope's are). */
static void
bodies_of(const struct search_scope *scope, const struct page_html *pages,
    size_t npages, struct search_body *bodies)
{
	size_t i, k = 0;

	for (i = 0; i < npages && k < scope->npages; i++) {
		const struct page_html *p = &pages[i];

		if (p->page != scope->pages[k])
			continue;
		if (p->body_at != SIZE_MAX) {
			bodies[k].html = p->html.data + p->body_at;
			bodies[k].len = p->body_len;
		}
		k++;
	}
}

int
search_write_pages(const struct site *site, struct theme *theme, struct output *out)
{
	size_t k, n = site->nlangs > 0 ? site->nlangs : 1;
	int status = 0;

	for (k = 0; k < n && status == 0 && theme_searches(theme); k++) {
		const struct site *view = site->nlangs > 0 ? site->langs[k] : site;
		struct buf html = BUF_INIT, path = BUF_INIT;

		status = theme_render_search(theme, site, k, &html);
		if (status == 0) {
			buf_printf(&path, "%ssearch/index.html", config_prefix(view->config));
			status = output_write(out, buf_str(&path), html.data, html.len);
		}
		buf_free(&html);
		buf_free(&path);
	}
	return status != 0 ? -1 : 0;
}

int
search_write(const struct site *site, const struct theme *theme,
    const struct page_html *pages, size_t npages, struct output *out, int threads)
{
	size_t k, n = site->nlangs > 0 ? site->nlangs : 1;
	int status = 0;

	for (k = 0; k < n && status == 0 && theme_searches(theme); k++) {
		struct search_scope scope;
		struct search_body *bodies;
		struct search_index *ix;

		scope_of(site, k, &scope);
		bodies = xcalloc(scope.npages + 1, sizeof(*bodies));
		bodies_of(&scope, pages, npages, bodies);
		scope.bodies = bodies;
		ix = collect(site, &scope, threads, out, &status);
		if (status == 0)
			status = write_index(ix, out);
		search_index_free(ix);
		free(bodies);
	}
	return status;
}
