/*
 * feedback — the matcher of exercise feedback rules.  See feedback.h,
 * whose comment is the specification this file implements; where the two
 * disagree, this file is wrong.
 */
#include "exercise/feedback.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>

#include "lib/buf.h"
#include "lib/util.h"

/* One token of a normalised text: bytes [off, off+len) of its buf. */
struct token {
	size_t off;
	size_t len;
	bool word;
	bool gap;       /* a phrase's "...": 0 to GAP_MAX answer words */
};

/* A text cut into tokens; text holds the normalised tokens back to back. */
struct tokens {
	struct buf text;
	struct token *v;
	size_t n, cap;
	const char *problem;  /* why a phrase is not valid, or NULL */
};

#define TOKENS_INIT { BUF_INIT, NULL, 0, 0, NULL }

/* Most answer words one gap takes. */
#define GAP_MAX 3

static void
tokens_free(struct tokens *t)
{
	buf_free(&t->text);
	free(t->v);
}

/* Step 3 of the normalisation: the marks and joiners the matcher ignores. */
static bool
is_ignored(ucs4_t c)
{
	if (c >= 0x0591 && c <= 0x05C7)  /* Hebrew points and accents */
		return c <= 0x05BD || c == 0x05BF || c == 0x05C1 ||
		    c == 0x05C2 || c == 0x05C4 || c == 0x05C5 || c == 0x05C7;
	return c == 0x0640 || c == 0x0670 || c == 0x200C || c == 0x200D ||
	    c == 0xFB1E || (c >= 0x0610 && c <= 0x061A) ||
	    (c >= 0x064B && c <= 0x065F) || (c >= 0x06D6 && c <= 0x06DC) ||
	    (c >= 0x06DF && c <= 0x06E4) || (c >= 0x06E7 && c <= 0x06E8) ||
	    (c >= 0x06EA && c <= 0x06ED) || (c >= 0x0898 && c <= 0x089F) ||
	    (c >= 0x08CA && c <= 0x08E1) || (c >= 0x08E3 && c <= 0x08FF);
}

/* Step 5 of the normalisation: apostrophes and quotes alike. */
static ucs4_t
quote_fold(ucs4_t c)
{
	switch (c) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B:
	case 0x2032: case 0x02BC: case 0x00B4: case 0x0060: case 0x05F3:
		return '\'';
	case 0x201C: case 0x201D: case 0x201E: case 0x201F:
	case 0x2033: case 0x00AB: case 0x00BB: case 0x05F4:
		return '"';
	}
	return c;
}

/* A libunistring result, or the end of the program when memory ran out. */
static ucs4_t *
got(ucs4_t *result)
{
	if (result == NULL)
		xoom();  /* valid code points in: ENOMEM is the only failure */
	return result;
}

/*
 * text[0..len) in the matcher's normal form (NORMALISATION in feedback.h):
 * a new array of *n code points, owned by the caller (free).
 */
static ucs4_t *
normalise(const char *text, size_t len, size_t *n)
{
	ucs4_t *cps = xmalloc((len + 1) * sizeof(*cps)), *next;
	size_t off = 0, used, k = 0, i, kept;
	long c;

	while (off < len) {  /* step 0: decode; an invalid byte is U+FFFD */
		c = util_utf8_decode((const unsigned char *)text + off,
		    len - off, &used);
		off += used;
		cps[k++] = c < 0 ? 0xFFFD : (ucs4_t)c;
	}
	*n = 0;
	if (k == 0)
		return cps;
	next = got(u32_normalize(UNINORM_NFD, cps, k, NULL, &k));  /* 1 */
	free(cps);
	cps = got(u32_casefold(next, k, NULL, UNINORM_NFD, NULL, &k));  /* 2 */
	free(next);
	for (i = kept = 0; i < k; i++)  /* 3 */
		if (!is_ignored(cps[i]))
			cps[kept++] = cps[i];
	if (kept == 0)
		return cps;
	next = got(u32_normalize(UNINORM_NFC, cps, kept, NULL, n));  /* 4 */
	free(cps);
	for (i = 0; i < *n; i++)  /* 5 */
		next[i] = quote_fold(next[i]);
	return next;
}

static bool
is_space(ucs4_t c)
{
	return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 ||
	    c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
	    c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
	    c == 0x3000 || c == 0xFEFF;
}

/* Is c a word character: a letter, mark or number of any script? */
static bool
is_word(ucs4_t c)
{
	return uc_is_general_category_withtable(c, UC_CATEGORY_MASK_L |
	    UC_CATEGORY_MASK_M | UC_CATEGORY_MASK_N);
}

static bool
is_mark(ucs4_t c)
{
	return uc_is_general_category_withtable(c, UC_CATEGORY_MASK_M);
}

/*
 * Is c a letter or number of a script written without spaces, which is a
 * word of its own (with the marks after it)?
 */
static bool
is_alone(ucs4_t c)
{
	static const char *const scripts[] = { "Han", "Hiragana", "Katakana",
		"Thai", "Lao", "Khmer", "Myanmar", NULL };
	const uc_script_t *script;
	size_t i;

	if (!is_word(c) || is_mark(c))
		return false;
	/* Japanese letters of no script of their own (Script=Common). */
	if (c == 0x3006 || (c >= 0x3031 && c <= 0x3035) || c == 0x303C ||
	    c == 0x30FC || c == 0xFF70 || c == 0xFF9E || c == 0xFF9F)
		return true;
	if ((script = uc_script(c)) == NULL)
		return false;
	for (i = 0; scripts[i] != NULL; i++)
		if (strcmp(script->name, scripts[i]) == 0)
			return true;
	return false;
}

/* Is s[i..n) at its end or at a space? */
static bool
space_or_end(const ucs4_t *s, size_t n, size_t i)
{
	return i >= n || is_space(s[i]);
}

/* The token of the characters added to t->text since off. */
static struct token *
push_token(struct tokens *t, size_t off, bool word)
{
	struct token *tok;

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = xrealloc(t->v, t->cap * sizeof(*t->v));
	}
	tok = &t->v[t->n++];
	tok->off = off;
	tok->len = t->text.len - off;
	tok->word = word;
	tok->gap = false;
	return tok;
}

static void
put_char(struct buf *b, ucs4_t c)
{
	char utf8[4];

	buf_put(b, utf8, util_utf8_encode(c, utf8));
}

/*
 * A phrase's "..." or "…": the character c, read from s[*i - 1], standing
 * alone (after a space or the start, and before a space or the end)?
 * Advances *i past the whole mark.
 */
static bool
take_gap(const ucs4_t *s, size_t n, size_t *i, ucs4_t c, bool after_space)
{
	if (!after_space)
		return false;
	if (c == 0x2026 && space_or_end(s, n, *i))
		return true;
	if (c == '.' && *i + 2 <= n && s[*i] == '.' && s[*i + 1] == '.' &&
	    space_or_end(s, n, *i + 2)) {
		*i += 2;
		return true;
	}
	return false;
}

/* Where a phrase's gaps may not stand; NULL when they all stand well. */
static const char *
gap_problem(const struct tokens *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (!t->v[i].gap)
			continue;
		if (i == 0 || i + 1 == t->n)
			return "a gap ('...') may not begin or end a phrase";
		if (t->v[i - 1].gap)
			return "two gaps ('... ...') may not follow each other";
	}
	return NULL;
}

/*
 * Cut normal text s[0..n) into tokens (TOKENS in feedback.h).  For a
 * phrase, a word's alternatives stay in its one token as written
 * ("check|see", "phone*|text*": a final "*" kept, "|" between them), and a
 * "..." or "…" standing alone is a gap; t->problem says what is wrong with
 * a phrase.
 */
static void
cut(const ucs4_t *s, size_t n, bool phrase, struct tokens *t)
{
	size_t i = 0, start = 0;
	bool in_word = false, alone = false, after_bar = false;
	bool after_space = true, starred = false, more;
	ucs4_t c;

	while (i < n) {
		c = s[i++];
		if (is_space(c)) {
			if (in_word)
				push_token(t, start, true);
			in_word = starred = false;
			after_space = true;
			continue;
		}
		if (is_word(c) && !starred) {
			/* c goes on with the open word when it is a mark, the
			 * word's next alternative, or an ordinary letter after
			 * ordinary ones; else it begins a word. */
			more = in_word && (after_bar || is_mark(c) ||
			    (!alone && !is_alone(c)));
			if (!more && in_word)
				push_token(t, start, true);
			if (!more)
				start = t->text.len;
			if (!more || after_bar)
				alone = is_alone(c);
			in_word = true;
			after_bar = after_space = false;
			put_char(&t->text, c);
			continue;
		}
		if (c == '\'' && in_word && !alone && !starred && i < n &&
		    is_word(s[i]) && !is_alone(s[i])) {
			put_char(&t->text, c);  /* an apostrophe inside a word */
			continue;
		}
		if (phrase && c == '|' && in_word && i < n && is_word(s[i])) {
			put_char(&t->text, c);  /* the word's next alternative */
			starred = false;
			after_bar = true;
			continue;
		}
		if (phrase && c == '*' && in_word && !starred &&
		    (space_or_end(s, n, i) || s[i] == '|')) {
			put_char(&t->text, c);  /* a prefix alternative */
			starred = true;
			continue;
		}
		if (phrase && (c == '*' || starred))
			t->problem = "'*' may only end a word, right after it "
			    "(\"overreact*\", \"check* your phone*\")";
		if (phrase && take_gap(s, n, &i, c, after_space)) {
			push_token(t, t->text.len, false)->gap = true;
			continue;
		}
		if (in_word)
			push_token(t, start, true);
		in_word = starred = false;
		after_space = false;
		start = t->text.len;
		put_char(&t->text, c);
		push_token(t, start, false);
	}
	if (in_word)
		push_token(t, start, true);
	if (phrase && t->problem == NULL)
		t->problem = gap_problem(t);
	if (phrase && t->problem == NULL && t->n == 0)
		t->problem = "a phrase needs at least one word or sign";
}

/* Normalise text[0..len), then cut it into tokens. */
static void
tokenize(const char *text, size_t len, bool phrase, struct tokens *t)
{
	size_t n;
	ucs4_t *s = normalise(text, len, &n);

	cut(s, n, phrase, t);
	free(s);
}

/*
 * Does answer token x take the phrase's word alternative alt[0..n): the
 * same word, or for "word*" any word that begins with it?
 */
static bool
alternative_takes(const struct tokens *a, const struct token *x,
    const char *alt, size_t n)
{
	if (n > 0 && alt[n - 1] == '*')
		return x->len >= n - 1 &&
		       memcmp(a->text.data + x->off, alt, n - 1) == 0;
	return x->len == n && memcmp(a->text.data + x->off, alt, n) == 0;
}

/* Does answer token i take phrase token y (not a gap)? */
static bool
token_takes(const struct tokens *a, size_t i, const struct tokens *p,
    const struct token *y)
{
	const struct token *x = &a->v[i];
	const char *alt = p->text.data + y->off, *end = alt + y->len, *bar;

	if (!y->word)
		return x->len == y->len &&
		    memcmp(a->text.data + x->off, alt, y->len) == 0;
	if (!x->word)
		return false;
	for (; alt < end; alt = bar + 1) {
		if ((bar = memchr(alt, '|', (size_t)(end - alt))) == NULL)
			bar = end;
		if (alternative_takes(a, x, alt, (size_t)(bar - alt)))
			return true;
	}
	return false;
}

/* The end of one match of a phrase, [start, end) in the answer's tokens. */
struct span {
	size_t start, end;
};

/* Spans found so far, for a rule's phrases or its except phrases. */
struct spans {
	struct span *v;
	size_t n, cap;
};

static void
spans_add(struct spans *s, size_t start, size_t end)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].start == start && s->v[i].end == end)
			return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->n].start = start;
	s->v[s->n].end = end;
	s->n++;
}

/*
 * Add to out every match of phrase p that starts at answer token start and
 * whose phrase token j is to take answer token i.
 */
static void
match_from(const struct tokens *a, size_t start, size_t i,
    const struct tokens *p, size_t j, struct spans *out)
{
	size_t g;

	if (j == p->n) {
		spans_add(out, start, i);
		return;
	}
	if (p->v[j].gap) {
		/* 0 to GAP_MAX words, then the rest of the phrase */
		for (g = 0; g <= GAP_MAX; g++) {
			if (g > 0 && (i + g - 1 >= a->n || !a->v[i + g - 1].word))
				break;
			match_from(a, start, i + g, p, j + 1, out);
		}
		return;
	}
	if (i < a->n && token_takes(a, i, p, &p->v[j]))
		match_from(a, start, i + 1, p, j + 1, out);
}

/* Every match of each valid phrase of a JSON array in the answer. */
static void
match_list(const json_t *list, const struct tokens *answer, struct spans *out)
{
	size_t k, i, n = json_is_array(list) ? json_array_size(list) : 0;

	for (k = 0; k < n; k++) {
		const json_t *s = json_array_get(list, k);
		struct tokens phrase = TOKENS_INIT;

		if (json_is_string(s))
			tokenize(json_string_value(s), json_string_length(s),
			    true, &phrase);
		if (phrase.problem == NULL)  /* an invalid phrase matches nothing */
			for (i = 0; i < answer->n; i++)
				match_from(answer, i, i, &phrase, 0, out);
		tokens_free(&phrase);
	}
}

/* Is the rule found in the answer (a match not inside an except match)? */
static bool
rule_found(const json_t *rule, const struct tokens *answer)
{
	struct spans found = { NULL, 0, 0 }, except = { NULL, 0, 0 };
	size_t i, j;
	bool counts = false;

	match_list(json_object_get(rule, "phrases"), answer, &found);
	if (found.n > 0)
		match_list(json_object_get(rule, "except"), answer, &except);
	for (i = 0; i < found.n && !counts; i++) {
		counts = true;
		for (j = 0; j < except.n && counts; j++)
			counts = !(except.v[j].start <= found.v[i].start &&
			    found.v[i].end <= except.v[j].end);
	}
	free(found.v);
	free(except.v);
	return counts;
}

static const char *
text_of(const json_t *rule, const char *key)
{
	return json_string_value(json_object_get(rule, key));
}

static void
add_item(json_t *items, const char *kind, const json_t *rule,
    const char *message)
{
	json_t *item = json_object();

	json_object_set_new(item, "kind", json_string(kind));
	json_object_set_new(item, "rule",
	    json_string(text_of(rule, "id") ? text_of(rule, "id") : ""));
	json_object_set_new(item, "message", json_string(message));
	json_array_append_new(items, item);
}

/* The kinds of item, in the output's order. */
enum kind { KIND_CONCERN, KIND_PRAISE, KIND_FLAG, KIND_MISSING, KIND_LENGTH,
	NKINDS };

static const char *const kind_names[NKINDS] = {
	"concern", "praise", "flag", "missing", "length" };

/*
 * The item a rule of this type gives, found or not in an answer of so many
 * words: its message (NULL: none) and its kind in *kind.
 */
static const char *
item_text(const json_t *rule, const char *type, bool found, size_t words,
    enum kind *kind)
{
	const json_t *min, *max;

	if (strcmp(type, "concern") == 0 || strcmp(type, "flag") == 0) {
		*kind = strcmp(type, "concern") == 0 ? KIND_CONCERN : KIND_FLAG;
		return found ? text_of(rule, "message") : NULL;
	}
	if (strcmp(type, "notice") == 0) {
		*kind = found ? KIND_PRAISE : KIND_MISSING;
		return text_of(rule, found ? "praise" : "hint");
	}
	if (strcmp(type, "length") != 0)
		return NULL;
	*kind = KIND_LENGTH;
	min = json_object_get(rule, "min");
	max = json_object_get(rule, "max");
	if (json_is_integer(min) && (json_int_t)words < json_integer_value(min))
		return text_of(rule, "too_short");
	if (json_is_integer(max) && (json_int_t)words > json_integer_value(max))
		return text_of(rule, "too_long");
	return NULL;
}

/* One rule's item, worked out once: its message (NULL: none) and kind. */
struct pending {
	const char *message;
	enum kind kind;
};

/*
 * Work out the items of the rules of one type class into out[]: concern
 * rules (concerns true) or every other rule.  Returns whether any gave an
 * item.
 */
static bool
pend_items(const json_t *rules, bool concerns, const struct tokens *answer,
    size_t words, struct pending *out)
{
	size_t i;
	bool any = false;

	for (i = 0; i < json_array_size(rules); i++) {
		const json_t *rule = json_array_get(rules, i);
		const char *type = text_of(rule, "type");

		if (type == NULL || (strcmp(type, "concern") == 0) != concerns)
			continue;
		out[i].message = item_text(rule, type, strcmp(type, "length") != 0 &&
		    rule_found(rule, answer), words, &out[i].kind);
		any |= out[i].message != NULL;
	}
	return any;
}

json_t *
feedback_evaluate(const json_t *rules, const char *answer, size_t len)
{
	struct tokens tokens = TOKENS_INIT;
	json_t *items = json_array();
	size_t nrules = json_is_array(rules) ? json_array_size(rules) : 0;
	size_t words = 0, i;
	struct pending *out = xcalloc(nrules ? nrules : 1, sizeof(*out));
	int kind;

	tokenize(answer, len, false, &tokens);
	for (i = 0; i < tokens.n; i++)
		words += tokens.v[i].word;
	/* A found concern stands alone: the other rules are not looked at. */
	if (!pend_items(rules, true, &tokens, words, out))
		pend_items(rules, false, &tokens, words, out);
	for (kind = 0; kind < NKINDS; kind++)
		for (i = 0; i < nrules; i++)
			if (out[i].message != NULL && out[i].kind == (enum kind)kind)
				add_item(items, kind_names[kind],
				    json_array_get(rules, i), out[i].message);
	free(out);
	tokens_free(&tokens);
	return items;
}

bool
feedback_rule_found(const json_t *rule, const char *answer, size_t len)
{
	struct tokens tokens = TOKENS_INIT;
	const char *type = text_of(rule, "type");
	bool found;

	if (type == NULL || strcmp(type, "length") == 0)
		return false;
	tokenize(answer, len, false, &tokens);
	found = rule_found(rule, &tokens);
	tokens_free(&tokens);
	return found;
}

/* Append the items of this kind (at most max of them) to out. */
static void
present_kind(json_t *out, const json_t *items, const char *kind, size_t max)
{
	size_t i, taken = 0;

	for (i = 0; i < json_array_size(items) && taken < max &&
	     json_array_size(out) < FEEDBACK_SHOWN_MAX; i++) {
		json_t *item = json_array_get(items, i);

		if (strcmp(text_of(item, "kind"), kind) != 0)
			continue;
		json_array_append(out, item);
		taken++;
	}
}

json_t *
feedback_presented(const json_t *items)
{
	json_t *out = json_array();

	present_kind(out, items, "concern", 1);
	if (json_array_size(out) > 0)
		return out;
	present_kind(out, items, "flag", FEEDBACK_SHOWN_MAX);
	present_kind(out, items, "missing", 1);
	present_kind(out, items, "length", 1);
	present_kind(out, items, "praise", FEEDBACK_SHOWN_MAX);
	return out;
}

size_t
feedback_word_count(const char *text, size_t len)
{
	struct tokens tokens = TOKENS_INIT;
	size_t i, words = 0;

	tokenize(text, len, false, &tokens);
	for (i = 0; i < tokens.n; i++)
		words += tokens.v[i].word;
	tokens_free(&tokens);
	return words;
}

bool
feedback_items_ok(const json_t *items)
{
	size_t i;

	for (i = 0; i < json_array_size(items); i++) {
		const char *kind = json_string_value(
		    json_object_get(json_array_get(items, i), "kind"));

		if (kind == NULL || strcmp(kind, "praise") != 0)
			return false;
	}
	return true;
}

const char *
feedback_phrase_problem(const char *phrase)
{
	struct tokens t = TOKENS_INIT;
	const char *problem;

	tokenize(phrase, strlen(phrase), true, &t);
	problem = t.problem;
	tokens_free(&t);
	return problem;
}

/* Is v a whole number from lo to hi (an integral real counts)? */
static bool
whole_in(const json_t *v, json_int_t lo, json_int_t hi)
{
	double d;

	if (json_is_integer(v))
		return json_integer_value(v) >= lo &&
		       json_integer_value(v) <= hi;
	if (!json_is_real(v))
		return false;
	/* In range before the cast, which is undefined outside it. */
	d = json_real_value(v);
	return d >= (double)lo && d <= (double)hi && d == (double)(json_int_t)d;
}

static json_int_t
whole_value(const json_t *v)
{
	return json_is_integer(v) ? json_integer_value(v) :
	    (json_int_t)json_real_value(v);
}

/* A list of valid phrases, at least min of them.  0 or -1 with a reason. */
static int
check_phrases(const json_t *rule, const char *key, size_t min, struct buf *why)
{
	const json_t *list = json_object_get(rule, key);
	size_t i, n;

	if (list == NULL && min == 0)
		return 0;
	/* An empty Lua table may arrive as {} or []. */
	n = json_is_array(list) ? json_array_size(list) : 0;
	if (!json_is_array(list) && !(json_is_object(list) &&
	    json_object_size(list) == 0)) {
		buf_printf(why,
		    "'%s' must be a list of phrases: %s = { \"...\", "
		    "\"...\" }",
		    key, key);
		return -1;
	}
	if (n < min) {
		buf_printf(why, "'%s' needs at least one phrase", key);
		return -1;
	}
	if (n > FEEDBACK_MAX_PHRASES) {
		buf_printf(why, "'%s' has %zu phrases; %d at most", key, n,
		    FEEDBACK_MAX_PHRASES);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const json_t *p = json_array_get(list, i);
		const char *problem;

		if (!json_is_string(p)) {
			buf_printf(why, "%s %zu is not text", key, i + 1);
			return -1;
		}
		if ((problem = feedback_phrase_problem(json_string_value(p))) !=
		    NULL) {
			buf_printf(why, "%s %zu ('%s'): %s", key, i + 1,
			    json_string_value(p), problem);
			return -1;
		}
	}
	return 0;
}

/* A non-empty text under key, or absent when optional.  0 or -1. */
static int
check_text(const json_t *rule, const char *key, bool required, struct buf *why)
{
	const json_t *v = json_object_get(rule, key);

	if (v == NULL && !required)
		return 0;
	if (v == NULL) {
		buf_printf(why, "'%s' is missing", key);
		return -1;
	}
	if (!json_is_string(v) || json_string_length(v) == 0) {
		buf_printf(why, "'%s' must be a non-empty text", key);
		return -1;
	}
	return 0;
}

int
feedback_rule_check(const json_t *rule, struct buf *why)
{
	static const char *const notice_keys[] = { "type", "id", "phrases",
		"except", "praise", "hint", NULL };
	static const char *const flag_keys[] = { "type", "id", "phrases",
		"except", "message", NULL };
	static const char *const length_keys[] = { "type", "id", "min", "max",
		"too_short", "too_long", NULL };
	const char *const *keys;
	const char *type, *key;
	const json_t *id, *min, *max, *value;
	size_t i;

	if (!json_is_object(rule)) {
		buf_puts(why,
		    "a rule must be a table: flag { ... }, notice { ... }, "
		    "concern { ... } or length { ... }");
		return -1;
	}
	type = json_string_value(json_object_get(rule, "type"));
	if (type == NULL) {
		buf_puts(why, "a rule needs a type: write flag { ... }, "
		    "notice { ... } or length { ... }");
		return -1;
	}
	if (strcmp(type, "notice") == 0)
		keys = notice_keys;
	else if (strcmp(type, "flag") == 0 || strcmp(type, "concern") == 0)
		keys = flag_keys;  /* a concern has a flag's keys */
	else if (strcmp(type, "length") == 0)
		keys = length_keys;
	else {
		buf_printf(why,
		    "unknown rule type '%s': use notice, flag, concern or "
		    "length", type);
		return -1;
	}
	json_object_foreach((json_t *)rule, key, value) {
		if (key[0] == '$')
			continue;
		for (i = 0; keys[i] != NULL && strcmp(keys[i], key) != 0; i++)
			;
		if (keys[i] == NULL) {
			buf_printf(why, "a %s rule has no key '%s'", type, key);
			return -1;
		}
	}
	id = json_object_get(rule, "id");
	if (!json_is_string(id) || !util_id_valid(json_string_value(id))) {
		buf_puts(why, "a rule needs an id: " UTIL_ID_RULE " (id = \"but\")");
		return -1;
	}
	if (strcmp(type, "length") == 0) {
		min = json_object_get(rule, "min");
		max = json_object_get(rule, "max");
		if (min == NULL && max == NULL) {
			buf_puts(why,
			    "a length rule needs min, max or both (in words)");
			return -1;
		}
		if (min != NULL && !whole_in(min, 1, 100000)) {
			buf_puts(
			    why, "min must be a whole number of words from 1");
			return -1;
		}
		if (max != NULL && !whole_in(max, 1, 100000)) {
			buf_puts(
			    why, "max must be a whole number of words from 1");
			return -1;
		}
		if (min != NULL && max != NULL &&
		    whole_value(min) > whole_value(max)) {
			buf_puts(why, "min is larger than max");
			return -1;
		}
		if (check_text(rule, "too_short", min != NULL, why) != 0 ||
		    check_text(rule, "too_long", max != NULL, why) != 0)
			return -1;
		if (min == NULL && json_object_get(rule, "too_short") != NULL) {
			buf_puts(why, "too_short is given without min");
			return -1;
		}
		if (max == NULL && json_object_get(rule, "too_long") != NULL) {
			buf_puts(why, "too_long is given without max");
			return -1;
		}
		return 0;
	}
	if (check_phrases(rule, "phrases", 1, why) != 0 ||
	    check_phrases(rule, "except", 0, why) != 0)
		return -1;
	if (strcmp(type, "notice") != 0)
		return check_text(rule, "message", true, why);
	if (check_text(rule, "praise", false, why) != 0 ||
	    check_text(rule, "hint", false, why) != 0)
		return -1;
	if (json_object_get(rule, "praise") == NULL &&
	    json_object_get(rule, "hint") == NULL) {
		buf_puts(
		    why, "a notice rule needs a praise text, a hint, or both");
		return -1;
	}
	return 0;
}

char *
feedback_normal_form(const char *text, size_t len)
{
	struct buf out = BUF_INIT;
	size_t n, i;
	ucs4_t *s = normalise(text, len, &n);

	for (i = 0; i < n; i++)
		put_char(&out, s[i]);
	free(s);
	return buf_detach(&out);
}

char
feedback_char_class(unsigned long c)
{
	if (is_space((ucs4_t)c))
		return FEEDBACK_CLASS_SPACE;
	if (is_alone((ucs4_t)c))
		return FEEDBACK_CLASS_ALONE;
	if (is_word((ucs4_t)c))
		return is_mark((ucs4_t)c) ? FEEDBACK_CLASS_MARK :
		    FEEDBACK_CLASS_WORD;
	return FEEDBACK_CLASS_SIGN;
}
