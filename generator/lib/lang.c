/*
 * lang — the shape, primary language and direction of a BCP 47 language
 * tag.  See lang.h.
 */
#include "lib/lang.h"

#include <string.h>

/* No real tag comes near this; a longer one is refused, which keeps the
   duplicate checks (quadratic in the number of subtags) cheap. */
#define LANG_TAG_MAX 255

/* RFC 5646's grandfathered tags that the langtag production does not
   cover (the "regular" ones, such as "zh-min-nan", it does). */
static const char *const irregular_tags[] = {
	"en-GB-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak",
	"i-klingon", "i-lux", "i-mingo", "i-navajo", "i-pwn", "i-tao", "i-tay",
	"i-tsu", "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE", NULL
};

/* Script subtags (ISO 15924) written right to left, lower case. */
static const char *const rtl_scripts[] = {
	"adlm", "arab", "aran", "armi", "avst", "chrs", "cprt", "elym", "hatr",
	"hebr", "hung", "khar", "lydi", "mand", "mani", "mend", "merc", "mero",
	"narb", "nbat", "nkoo", "orkh", "ougr", "palm", "phli", "phlp", "phlv",
	"phnx", "prti", "rohg", "samr", "sarb", "sogd", "sogo", "syrc", "syre",
	"syrj", "syrn", "thaa", "yezi", NULL
};

/*
 * Primary languages whose likely script (CLDR) runs right to left, lower
 * case: Arabic and its varieties, Hebrew ("iw" is its old code), Persian
 * and Dari, Urdu, Pashto, Sindhi, Uyghur, Yiddish ("ji" its old code),
 * Dhivehi, Central Kurdish (not "ku": Kurmanji is written in Latin
 * letters), and the others below (Kashmiri, Balochi, Western Panjabi,
 * Saraiki, Mazanderani, Gilaki, Northern Luri, Southern Kurdish, South
 * Azerbaijani, Syriac, N'Ko, Aramaic, ...).  A script subtag overrides
 * this: "ur-Latn" is left to right.
 */
static const char *const rtl_languages[] = {
	"acm", "acq", "aeb", "afb", "ajp", "apc", "apd", "ar", "arb", "arc",
	"arq", "ars", "ary", "arz", "ayl", "azb", "bal", "bqi", "ckb", "dv",
	"fa", "glk", "haz", "he", "iw", "ji", "khw", "ks", "lrc", "mzn", "nqo",
	"pbt", "pbu", "pes", "pnb", "prs", "ps", "pst", "sd", "sdh", "skr",
	"syr", "ug", "ur", "uzs", "ydd", "yi", "yih", NULL
};

/* What parse finds in a tag. */
struct langtag {
	const char *primary;   /* the language subtag, or NULL */
	size_t primary_len;
	const char *script;    /* the script subtag (4 letters), or NULL */
};

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Are the n bytes at a and b the same, without regard to ASCII case? */
static bool
same_fold(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (lower(a[i]) != lower(b[i]))
			return false;
	return true;
}

/* Is s[0..len) the NUL-terminated word, without regard to case? */
static bool
is_word(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && same_fold(s, word, len);
}

static bool
in_list(const char *s, size_t len, const char *const *list)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (is_word(s, len, list[i]))
			return true;
	return false;
}

static bool
all_of(const char *s, size_t len, bool (*cls)(char))
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!cls(s[i]))
			return false;
	return true;
}

static bool
is_alnum(char c)
{
	return is_alpha(c) || is_digit(c);
}

/* A subtag of a tag: its bytes and their count. */
struct subtag {
	const char *s;
	size_t len;
};

/*
 * Split tag into at most max subtags on '-'.  Returns how many, or 0 when
 * a subtag is empty, longer than 8 or not made of ASCII letters and
 * digits (so "", "en-", "-en", "en--GB" are refused here).
 */
static size_t
split(const char *tag, struct subtag *out, size_t max)
{
	const char *p = tag;
	size_t n = 0;

	for (;;) {
		const char *start = p;

		while (*p != '\0' && *p != '-')
			p++;
		if (p == start || p - start > 8 || n == max ||
		    !all_of(start, (size_t)(p - start), is_alnum))
			return 0;
		out[n].s = start;
		out[n].len = (size_t)(p - start);
		n++;
		if (*p == '\0')
			return n;
		p++;  /* the '-' */
	}
}

/*
 * Parse tag by RFC 5646's langtag production (or as private use, or as an
 * irregular grandfathered tag) into *lt.  Returns whether it is
 * well-formed.
 */
static bool
parse(const char *tag, struct langtag *lt)
{
	struct subtag sub[LANG_TAG_MAX / 2 + 1];
	size_t n, i = 0, j, k, nextlang = 0, first_variant, first_ext;

	memset(lt, 0, sizeof(*lt));
	if (tag == NULL || strlen(tag) > LANG_TAG_MAX)
		return false;
	if (in_list(tag, strlen(tag), irregular_tags)) {
		if (!is_word(tag, 2, "i-")) {  /* en-GB-oed, sgn-..: a language */
			lt->primary = tag;
			lt->primary_len = (size_t)(strchr(tag, '-') - tag);
		}
		return true;
	}
	n = split(tag, sub, sizeof(sub) / sizeof(sub[0]));
	if (n == 0)
		return false;
	if (is_word(sub[0].s, sub[0].len, "x"))  /* private use: "x-..." */
		return n > 1;

	/* language: 2-3 letters with up to three extlangs, or 4-8 letters */
	if (sub[0].len < 2 || !all_of(sub[0].s, sub[0].len, is_alpha))
		return false;
	lt->primary = sub[0].s;
	lt->primary_len = sub[0].len;
	i = 1;
	if (sub[0].len <= 3)
		while (i < n && nextlang < 3 && sub[i].len == 3 &&
		    all_of(sub[i].s, 3, is_alpha)) {
			i++;
			nextlang++;
		}
	/* script: 4 letters */
	if (i < n && sub[i].len == 4 && all_of(sub[i].s, 4, is_alpha))
		lt->script = sub[i++].s;
	/* region: 2 letters or 3 digits */
	if (i < n && ((sub[i].len == 2 && all_of(sub[i].s, 2, is_alpha)) ||
	    (sub[i].len == 3 && all_of(sub[i].s, 3, is_digit))))
		i++;
	/* variants: 5-8 letters or digits, or a digit and 3 more; none twice */
	first_variant = i;
	while (i < n && (sub[i].len >= 5 ||
	    (sub[i].len == 4 && is_digit(sub[i].s[0])))) {
		for (j = first_variant; j < i; j++)
			if (sub[j].len == sub[i].len &&
			    same_fold(sub[j].s, sub[i].s, sub[i].len))
				return false;
		i++;
	}
	/* extensions: a singleton (not "x") and subtags of 2-8; none twice */
	first_ext = i;
	while (i < n && sub[i].len == 1 && !is_word(sub[i].s, 1, "x")) {
		for (j = first_ext; j < i; j++)
			if (sub[j].len == 1 && lower(sub[j].s[0]) == lower(sub[i].s[0]))
				return false;
		k = ++i;
		while (i < n && sub[i].len >= 2)
			i++;
		if (i == k)  /* a singleton with nothing after it */
			return false;
	}
	/* private use: "x" and one or more subtags of 1-8 (split checked
	   their letters and lengths) */
	if (i < n && is_word(sub[i].s, sub[i].len, "x"))
		return i + 1 < n;
	return i == n;
}

bool
lang_valid(const char *tag)
{
	struct langtag lt;

	return parse(tag, &lt);
}

bool
lang_primary(const char *tag, char out[LANG_PRIMARY_MAX])
{
	struct langtag lt;
	size_t i;

	out[0] = '\0';
	if (!parse(tag, &lt) || lt.primary == NULL)
		return false;
	for (i = 0; i < lt.primary_len; i++)
		out[i] = lower(lt.primary[i]);
	out[i] = '\0';
	return true;
}

bool
lang_is_rtl(const char *tag)
{
	struct langtag lt;

	if (!parse(tag, &lt))
		return false;
	if (lt.script != NULL)
		return in_list(lt.script, 4, rtl_scripts);
	return lt.primary != NULL &&
	    in_list(lt.primary, lt.primary_len, rtl_languages);
}

const char *
lang_dir(const char *tag)
{
	return lang_is_rtl(tag) ? "rtl" : "ltr";
}
