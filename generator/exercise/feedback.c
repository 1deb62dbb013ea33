/*
 * feedback — the matcher of exercise feedback rules.  See feedback.h,
 * whose comment is the specification this file implements; where the two
 * disagree, this file is wrong.
 */
#include "exercise/feedback.h"

#include <stdlib.h>
#include <string.h>

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

/* Step 1 and 2 of the normalisation: quotes alike, then lower case. */
static unsigned long
fold(unsigned long c)
{
	switch (c) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B:
	case 0x2032: case 0x02BC: case 0x00B4: case 0x0060:
		return '\'';
	case 0x201C: case 0x201D: case 0x201E: case 0x201F:
	case 0x2033: case 0x00AB: case 0x00BB:
		return '"';
	}
	if (c >= 'A' && c <= 'Z')
		return c + 0x20;
	if (c < 0xC0)
		return c;
	if (c <= 0xDE)
		return c == 0xD7 ? c : c + 0x20;
	if ((c >= 0x100 && c <= 0x12F) || (c >= 0x132 && c <= 0x137) ||
	    (c >= 0x14A && c <= 0x177))
		return c | 1;  /* even (capital) to odd (small) */
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
		return (c & 1) ? c + 1 : c;
	if (c == 0x178)
		return 0xFF;
	return c;
}

static bool
is_space(unsigned long c)
{
	return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 ||
	    c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
	    c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
	    c == 0x3000 || c == 0xFEFF;
}

/* Is c (already folded) a word character? */
static bool
is_word(unsigned long c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
		return true;
	if (c < 0xC0 || is_space(c) || c == 0xD7 || c == 0xF7)
		return false;
	return !((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
	    (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xFFF0 && c <= 0xFFFF) ||
	    (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0xE0000 && c <= 0xE007F));
}

/* Decode the folded code point at text[*off], advancing *off. */
static unsigned long
next_char(const char *text, size_t len, size_t *off)
{
	size_t used;
	long c = util_utf8_decode((const unsigned char *)text + *off,
	    len - *off, &used);

	*off += used;
	return fold(c < 0 ? 0xFFFD : (unsigned long)c);
}

/* Is text[off..len) at its end or at a space? */
static bool
space_or_end(const char *text, size_t len, size_t off)
{
	return off >= len || is_space(next_char(text, len, &off));
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
put_char(struct buf *b, unsigned long c)
{
	char utf8[4];

	buf_put(b, utf8, util_utf8_encode(c, utf8));
}

/*
 * A phrase's "..." or "…" at text[at..), the character c read from there
 * and *off just past it: standing alone (after a space or the start, and
 * before a space or the end)?  Advances *off past the whole mark.
 */
static bool
take_gap(const char *text, size_t len, size_t at, unsigned long c,
    bool after_space, size_t *off)
{
	if (!after_space)
		return false;
	if (c == 0x2026 && space_or_end(text, len, *off))
		return true;
	if (c == '.' && at + 3 <= len && memcmp(text + at, "...", 3) == 0 &&
	    space_or_end(text, len, at + 3)) {
		*off = at + 3;
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
 * Cut text[0..len) into tokens.  For a phrase, a word's alternatives stay
 * in its one token as written ("check|see", "phone*|text*": a final "*"
 * kept, "|" between them), and a "..." or "…" standing alone is a gap;
 * t->problem says what is wrong with a phrase.
 */
static void
tokenize(const char *text, size_t len, bool phrase, struct tokens *t)
{
	size_t off = 0, start = 0, at, peek;
	bool in_word = false, after_space = true, starred = false;
	unsigned long c;

	while (off < len) {
		at = off;
		c = next_char(text, len, &off);
		if (is_space(c)) {
			if (in_word)
				push_token(t, start, true);
			in_word = starred = false;
			after_space = true;
			continue;
		}
		if (is_word(c) && !starred) {
			if (!in_word)
				start = t->text.len;
			in_word = true;
			after_space = false;
			put_char(&t->text, c);
			continue;
		}
		peek = off;
		if (c == '\'' && in_word && !starred && off < len &&
		    is_word(next_char(text, len, &peek))) {
			put_char(&t->text, c);  /* an apostrophe inside a word */
			continue;
		}
		peek = off;
		if (phrase && c == '|' && in_word && off < len &&
		    is_word(next_char(text, len, &peek))) {
			put_char(&t->text, c);  /* the word's next alternative */
			starred = false;
			continue;
		}
		peek = off;
		if (phrase && c == '*' && in_word && !starred &&
		    (space_or_end(text, len, off) ||
		     next_char(text, len, &peek) == '|')) {
			put_char(&t->text, c);  /* a prefix alternative */
			starred = true;
			continue;
		}
		if (phrase && (c == '*' || starred))
			t->problem = "'*' may only end a word, right after it "
			    "(\"overreact*\", \"check* your phone*\")";
		if (phrase && take_gap(text, len, at, c, after_space, &off)) {
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
