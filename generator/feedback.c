/*
 * feedback — the matcher of exercise feedback rules.  See feedback.h,
 * whose comment is the specification this file implements; where the two
 * disagree, this file is wrong.
 */
#include "feedback.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "util.h"

/* One token of a normalised text: bytes [off, off+len) of its buf. */
struct token {
	size_t off;
	size_t len;
	bool word;
};

/* A text cut into tokens; text holds the normalised tokens back to back. */
struct tokens {
	struct buf text;
	struct token *v;
	size_t n, cap;
	bool prefix;    /* a phrase that ended in "*" */
	bool bad_star;  /* a "*" somewhere a phrase may not have one */
};

#define TOKENS_INIT { BUF_INIT, NULL, 0, 0, false, false }

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

static void
push_token(struct tokens *t, size_t off, bool word)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = xrealloc(t->v, t->cap * sizeof(*t->v));
	}
	t->v[t->n].off = off;
	t->v[t->n].len = t->text.len - off;
	t->v[t->n].word = word;
	t->n++;
}

static void
put_char(struct buf *b, unsigned long c)
{
	char utf8[4];

	buf_put(b, utf8, util_utf8_encode(c, utf8));
}

/*
 * Cut text[0..len) into tokens.  For a phrase, a final "*" right after a
 * word marks a prefix match; any other "*" sets bad_star.
 */
static void
tokenize(const char *text, size_t len, bool phrase, struct tokens *t)
{
	size_t off = 0, start = 0;
	bool in_word = false;
	unsigned long c;

	while (off < len) {
		c = next_char(text, len, &off);
		if (is_space(c)) {
			if (in_word)
				push_token(t, start, true);
			in_word = false;
			continue;
		}
		if (is_word(c)) {
			if (!in_word)
				start = t->text.len;
			in_word = true;
			put_char(&t->text, c);
			continue;
		}
		if (c == '\'' && in_word && off < len) {
			size_t peek = off;

			if (is_word(next_char(text, len, &peek))) {
				/* an apostrophe inside a word */
				put_char(&t->text, c);
				continue;
			}
		}
		if (phrase && c == '*') {
			size_t scan = off;
			bool only_space = true;

			/* only spaces may follow a final "*" */
			while (scan < len)
				if (!is_space(next_char(text, len, &scan)))
					only_space = false;
			if (in_word && only_space) {
				push_token(t, start, true);
				t->prefix = true;
				return;
			}
			t->bad_star = true;
		}
		if (in_word)
			push_token(t, start, true);
		in_word = false;
		start = t->text.len;
		put_char(&t->text, c);
		push_token(t, start, false);
	}
	if (in_word)
		push_token(t, start, true);
}

static bool
token_eq(const struct tokens *a, size_t i, const struct tokens *p, size_t j,
    bool prefix)
{
	const struct token *x = &a->v[i], *y = &p->v[j];

	if (prefix)
		return x->word && x->len >= y->len &&
		       memcmp(a->text.data + x->off, p->text.data + y->off,
		           y->len) == 0;
	return x->len == y->len &&
	    memcmp(a->text.data + x->off, p->text.data + y->off, y->len) == 0;
}

/* Does phrase p match the answer's tokens at position i? */
static bool
match_at(const struct tokens *a, size_t i, const struct tokens *p)
{
	size_t j;

	if (p->n == 0 || i + p->n > a->n)
		return false;
	for (j = 0; j < p->n; j++)
		if (!token_eq(a, i + j, p, j, p->prefix && j + 1 == p->n))
			return false;
	return true;
}

/* Tokenize each string of a JSON array of phrases (non-strings give none). */
static struct tokens *
tokenize_list(const json_t *list, size_t *count)
{
	struct tokens *out;
	size_t i, n = json_is_array(list) ? json_array_size(list) : 0;

	*count = n;
	out = xcalloc(n ? n : 1, sizeof(*out));
	for (i = 0; i < n; i++) {
		const json_t *s = json_array_get(list, i);

		if (json_is_string(s))
			tokenize(json_string_value(s), json_string_length(s),
			    true, &out[i]);
		if (out[i].bad_star)
			out[i].n = 0;  /* an invalid phrase matches nothing */
	}
	return out;
}

static void
free_list(struct tokens *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		tokens_free(&list[i]);
	free(list);
}

/* Is the rule found in the answer (a match not inside an except match)? */
static bool
rule_found(const json_t *rule, const struct tokens *answer)
{
	size_t nphrases, nexcept, p, e, i, j;
	struct tokens *phrases = tokenize_list(json_object_get(rule, "phrases"),
	    &nphrases);
	struct tokens *except = tokenize_list(json_object_get(rule, "except"),
	    &nexcept);
	bool found = false;

	for (p = 0; p < nphrases && !found; p++) {
		for (i = 0; i < answer->n && !found; i++) {
			bool voided = false;
			size_t k = phrases[p].n;

			if (!match_at(answer, i, &phrases[p]))
				continue;
			for (e = 0; e < nexcept && !voided; e++) {
				size_t m = except[e].n;

				if (m < k || m == 0)
					continue;
				/* each start j: j <= i and i + k <= j + m */
				for (j = i + k >= m ? i + k - m : 0;
				     j <= i && !voided; j++)
					voided =
					    match_at(answer, j, &except[e]);
			}
			found = !voided;
		}
	}
	free_list(phrases, nphrases);
	free_list(except, nexcept);
	return found;
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

json_t *
feedback_evaluate(const json_t *rules, const char *answer, size_t len)
{
	static const char *const kinds[] = {
	    "praise", "flag", "missing", "length"};
	struct tokens tokens = TOKENS_INIT;
	json_t *items = json_array();
	size_t nrules = json_is_array(rules) ? json_array_size(rules) : 0;
	size_t words = 0, i, pass;
	signed char *found = xcalloc(nrules ? nrules : 1, 1);

	tokenize(answer, len, false, &tokens);
	for (i = 0; i < tokens.n; i++)
		words += tokens.v[i].word;
	for (i = 0; i < nrules; i++) {
		const json_t *rule = json_array_get(rules, i);
		const char *type = text_of(rule, "type");

		if (type != NULL && (strcmp(type, "notice") == 0 ||
		    strcmp(type, "flag") == 0))
			found[i] = rule_found(rule, &tokens);
	}
	/* One pass per kind keeps the order the specification gives. */
	for (pass = 0; pass < 4; pass++) {
		for (i = 0; i < nrules; i++) {
			const json_t *rule = json_array_get(rules, i);
			const char *type = text_of(rule, "type");
			const char *message = NULL;

			if (type == NULL)
				continue;
			if (pass == 0 && strcmp(type, "notice") == 0 &&
			    found[i])
				message = text_of(rule, "praise");
			else if (pass == 1 && strcmp(type, "flag") == 0 &&
			         found[i])
				message = text_of(rule, "message");
			else if (pass == 2 && strcmp(type, "notice") == 0 &&
			         !found[i])
				message = text_of(rule, "hint");
			else if (pass == 3 && strcmp(type, "length") == 0) {
				const json_t *min =
				    json_object_get(rule, "min");
				const json_t *max =
				    json_object_get(rule, "max");

				if (json_is_integer(min) &&
				    (json_int_t)words < json_integer_value(min))
					message = text_of(rule, "too_short");
				else if (json_is_integer(max) &&
				    (json_int_t)words > json_integer_value(max))
					message = text_of(rule, "too_long");
			}
			if (message != NULL)
				add_item(items, kinds[pass], rule, message);
		}
	}
	free(found);
	tokens_free(&tokens);
	return items;
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
	const char *problem = NULL;

	tokenize(phrase, strlen(phrase), true, &t);
	if (t.bad_star)
		problem = "'*' may only end a phrase, right after a word "
		    "(\"overreact*\")";
	else if (t.n == 0)
		problem = "a phrase needs at least one word or sign";
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
		    "a rule must be a table: flag { ... }, notice { ... } "
		    "or length { ... }");
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
	else if (strcmp(type, "flag") == 0)
		keys = flag_keys;
	else if (strcmp(type, "length") == 0)
		keys = length_keys;
	else {
		buf_printf(why,
		    "unknown rule type '%s': use notice, flag or length", type);
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
	if (strcmp(type, "flag") == 0)
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
