/*
 * i18n — a theme's words in every language: themes/NAME/i18n/LANG.toml.
 *
 * Each file holds one language's texts (en.toml, ar.toml, pt-BR.toml),
 * named by keys that TOML tables group: `[pager] next = "Next step"` is
 * the key "pager.next".  A value is a string; or a table of CLDR plural
 * forms, `{ one = "{n} page", other = "{n} pages" }` (only the categories
 * zero, one, two, few, many and other, with other required); or, for a
 * list such as date.months, an array of strings.  Anything else is an
 * error at its line.  Texts may hold {name} placeholders that
 * i18n_format fills.
 *
 * A language is looked up as BCP 47 falls back: "pt-BR" in pt-BR.toml,
 * then pt.toml, then en.toml, the fallback of every language.  The module
 * warns, once when the theme is loaded, for each key en.toml has and a
 * language in use lacks (at that language's file), and for a language in
 * use that has no file at all.  It knows nothing about pages or templates:
 * theme.c hands the texts to the templates, pdf.c reads its own.
 */
#ifndef MEND_I18N_H
#define MEND_I18N_H

#include <jansson.h>
#include <stddef.h>

#include "lib/buf.h"

struct i18n;

/* A language the site uses, and where it says so (for a diagnostic). */
struct i18n_use {
	const char *lang;   /* BCP 47 tag: "ar", "pt-BR" */
	const char *file;   /* "site.toml" */
	int line, col;      /* where the tag is written (0: unknown) */
};

/*
 * Read every TOML file of DIR/i18n (DIR is the theme's folder, "themes/calm").
 * uses lists the languages the site is published in (nuses of them): for
 * each, a warning when no file serves it and one per key of en.toml its
 * files lack.  A theme without an i18n folder has no texts (every lookup
 * gives NULL) and gets no warning.  Returns the texts, owned by the caller
 * (i18n_free), or NULL after an error (a file that is not TOML, a value
 * of the wrong type, at its line).
 */
struct i18n *i18n_load(const char *dir, const struct i18n_use *uses,
    size_t nuses);
/* Free what i18n_load returned; NULL is allowed. */
void i18n_free(struct i18n *i18n);

/*
 * The text of key ("pager.next") in lang, with the fallbacks above; for a
 * table of plural forms, its "other".  NULL when no file has it, or it is
 * a list.  The string is owned by i18n.
 */
const char *i18n_text(const struct i18n *i18n, const char *lang,
    const char *key);
/*
 * Item i of the list key (date.months) in lang, or NULL when there is no
 * such list or item.  Owned by i18n.
 */
const char *i18n_item(const struct i18n *i18n, const char *lang,
    const char *key, size_t i);
/*
 * The CLDR plural category of the whole number n in lang: "zero", "one",
 * "two", "few", "many" or "other".  The rules of en, ar, es, fr, de, he,
 * hi, zh, ru and about thirty more languages are built in; any other
 * language gets "other".  Static strings.
 */
const char *i18n_plural(const char *lang, long n);
/*
 * key's text in lang for the count n: the plural form i18n_plural names,
 * else "other" (n < 0: no count, "other"); a plain text whatever n is.
 * NULL when there is none.  Owned by i18n.
 */
const char *i18n_form(const struct i18n *i18n, const char *lang,
    const char *key, long n);
/*
 * Append text to out with its {name} placeholders filled: pairs holds
 * npairs strings, a name then its value.  A placeholder with no value
 * stays as it is.
 */
void i18n_fill(struct buf *out, const char *text, const char *const *pairs,
    size_t npairs);
/*
 * Append to out key's text in lang for the count n (the plural form
 * i18n_plural names, else "other"; n < 0: no count, the "other" form),
 * its placeholders filled: the arguments after out are pairs of a name
 * and its value ("n", "3", "total", "9"), ended by NULL.  A placeholder
 * with no value stays as it is.  Returns 0, or -1 (out untouched) when
 * there is no such text.
 */
int i18n_format(const struct i18n *i18n, const char *lang, const char *key,
    long n, struct buf *out, ...);
/*
 * The texts of lang under prefix (NULL: all; "script": the scripts'), as
 * nested objects: strings, plural tables as objects of their forms, lists
 * as arrays.  en.toml's texts with the language's own over them.  A new
 * reference, owned by the caller; an empty object when there is none.
 */
json_t *i18n_json(const struct i18n *i18n, const char *lang, const char *prefix);
/*
 * value (a JSON object or array) as the text of a JSON data block
 * (<script type="application/json">): compact, and with <, > and &
 * written as \u003c, \u003e and \u0026, so that no "</script>" can end it
 * and it stays well-formed XML.  Owned by the caller (free).
 */
char *i18n_script_json(const json_t *value);

#endif
