/*
 * i18n — a theme's words in every language.  See i18n.h.
 *
 * The files stay as toml_parse made them: a lookup walks the chain of
 * files of a language (pt-BR, pt, en) and, in each, the dotted key's
 * tables.  The chain is a handful of files and a key a few tables deep,
 * and a build looks up a few dozen texts per language, so there is no
 * index.
 */
#include "site/i18n.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/diag.h"
#include "lib/toml.h"
#include "lib/util.h"

/* One language's file. */
struct i18n_file {
	char *lang;               /* its tag, from the file's name: "pt-BR" */
	char *path;               /* "themes/calm/i18n/pt-BR.toml" */
	struct toml_value *root;  /* the parsed file, owned */
};

struct i18n {
	struct i18n_file *files;  /* sorted by tag; owned */
	size_t nfiles;
};

#define CHAIN_MAX 8  /* files a lookup may visit: subtags of a tag, then en */

static const char *const plural_forms[] = {
	"zero", "one", "two", "few", "many", "other", NULL
};

static bool
is_plural_form(const char *name)
{
	size_t i;

	for (i = 0; plural_forms[i] != NULL; i++)
		if (strcmp(plural_forms[i], name) == 0)
			return true;
	return false;
}

/* Is table a table of plural forms: every key a CLDR category? */
static bool
is_plural_table(const struct toml_value *table)
{
	size_t i, n = toml_table_size(table);

	if (toml_type(table) != TOML_TABLE || n == 0)
		return false;
	for (i = 0; i < n; i++)
		if (!is_plural_form(toml_table_key(table, i)))
			return false;
	return true;
}

/* The file for the tag lang (any case), or NULL. */
static const struct i18n_file *
file_for(const struct i18n *i18n, const char *lang, size_t len)
{
	size_t i;

	for (i = 0; i < i18n->nfiles; i++)
		if (strlen(i18n->files[i].lang) == len &&
		    strncasecmp(i18n->files[i].lang, lang, len) == 0)
			return &i18n->files[i];
	return NULL;
}

/*
 * The files that serve lang, most specific first: "pt-BR", then "pt",
 * then "en" (each when it exists, en once).  Returns how many.
 */
static size_t
chain_of(const struct i18n *i18n, const char *lang, const struct i18n_file **chain,
    bool with_english)
{
	size_t n = 0, len = lang != NULL ? strlen(lang) : 0;
	const struct i18n_file *f, *en = file_for(i18n, "en", 2);

	while (len > 0 && n < CHAIN_MAX - 1) {
		if ((f = file_for(i18n, lang, len)) != NULL && (f != en || with_english))
			chain[n++] = f;
		while (len > 0 && lang[len - 1] != '-')  /* drop the last subtag */
			len--;
		if (len > 0)
			len--;  /* and its '-' */
	}
	if (with_english && en != NULL && (n == 0 || chain[n - 1] != en))
		chain[n++] = en;
	return n;
}

/* The value at the dotted key in root, or NULL. */
static const struct toml_value *
value_at(const struct toml_value *root, const char *key)
{
	const struct toml_value *v = root;
	char part[128];
	const char *dot;

	while (v != NULL && (dot = strchr(key, '.')) != NULL) {
		if ((size_t)(dot - key) >= sizeof(part))
			return NULL;
		memcpy(part, key, (size_t)(dot - key));
		part[dot - key] = '\0';
		v = toml_get(v, part);
		if (v != NULL && is_plural_table(v))
			return NULL;  /* a text has no keys under it */
		key = dot + 1;
	}
	return v != NULL ? toml_get(v, key) : NULL;
}

/* The first value of key along lang's chain, or NULL. */
static const struct toml_value *
lookup(const struct i18n *i18n, const char *lang, const char *key)
{
	const struct i18n_file *chain[CHAIN_MAX];
	size_t i, n;

	if (i18n == NULL)
		return NULL;
	n = chain_of(i18n, lang, chain, true);
	for (i = 0; i < n; i++) {
		const struct toml_value *v = value_at(chain[i]->root, key);

		if (v != NULL && (toml_type(v) != TOML_TABLE || is_plural_table(v)))
			return v;
	}
	return NULL;
}

/* A string value's text, or NULL. */
static const char *
string_of(const struct toml_value *v)
{
	return v != NULL && toml_type(v) == TOML_STRING ? toml_string(v, NULL) : NULL;
}

const char *
i18n_text(const struct i18n *i18n, const char *lang, const char *key)
{
	const struct toml_value *v = lookup(i18n, lang, key);

	if (v != NULL && toml_type(v) == TOML_TABLE)
		v = toml_get(v, "other");
	return string_of(v);
}

const char *
i18n_item(const struct i18n *i18n, const char *lang, const char *key, size_t i)
{
	const struct toml_value *v = lookup(i18n, lang, key);

	if (v == NULL || toml_type(v) != TOML_ARRAY || i >= toml_array_size(v))
		return NULL;
	return string_of(toml_array_at(v, i));
}

/* ------------------------------------------------------ plural rules */

/* Is the primary subtag of lang one of the space-separated names? */
static bool
lang_in(const char *lang, const char *names)
{
	size_t len = strcspn(lang, "-_");
	const char *p = names;

	while (*p != '\0') {
		size_t n = strcspn(p, " ");

		if (n == len && strncasecmp(p, lang, len) == 0)
			return true;
		p += n;
		while (*p == ' ')
			p++;
	}
	return false;
}

/*
 * CLDR's rules (plurals.xml, version 44) for whole numbers, where i = n
 * and v = 0; fractions are not counted here.
 */
const char *
i18n_plural(const char *lang, long n)
{
	long i = n < 0 ? -n : n, i10 = i % 10, i100 = i % 100;

	if (lang == NULL)
		return "other";
	if (lang_in(lang, "zh ja ko th vi id ms lo my km yo ig"))
		return "other";
	if (lang_in(lang, "ar")) {
		if (i == 0)
			return "zero";
		if (i == 1)
			return "one";
		if (i == 2)
			return "two";
		if (i100 >= 3 && i100 <= 10)
			return "few";
		if (i100 >= 11 && i100 <= 99)
			return "many";
		return "other";
	}
	if (lang_in(lang, "he iw")) {
		if (i == 1)
			return "one";
		if (i == 2)
			return "two";
		return "other";
	}
	if (lang_in(lang, "ru uk be")) {
		if (i10 == 1 && i100 != 11)
			return "one";
		if (i10 >= 2 && i10 <= 4 && (i100 < 12 || i100 > 14))
			return "few";
		return "many";
	}
	if (lang_in(lang, "pl")) {
		if (i == 1)
			return "one";
		if (i10 >= 2 && i10 <= 4 && (i100 < 12 || i100 > 14))
			return "few";
		return "many";
	}
	if (lang_in(lang, "cs sk")) {
		if (i == 1)
			return "one";
		if (i >= 2 && i <= 4)
			return "few";
		return "other";
	}
	if (lang_in(lang, "hi bn fa gu kn mr zu am as")) {
		return i == 0 || i == 1 ? "one" : "other";
	}
	if (lang_in(lang, "fr pt")) {
		if (i == 0 || i == 1)
			return "one";
		return i != 0 && i % 1000000 == 0 ? "many" : "other";
	}
	if (lang_in(lang, "es it ca")) {
		if (i == 1)
			return "one";
		return i != 0 && i % 1000000 == 0 ? "many" : "other";
	}
	if (lang_in(lang, "en de nl sv da nb nn no fi et el hu tr bg ur sw ta te ml "
	    "af sq az eu ka kk ky mn ne ps so uz"))
		return i == 1 ? "one" : "other";
	return "other";
}

/* -------------------------------------------------------- formatting */

void
i18n_fill(struct buf *out, const char *text, const char *const *pairs,
    size_t npairs)
{
	const char *p = text;

	while (*p != '\0') {
		const char *close;
		size_t k;

		if (*p != '{' || (close = strchr(p + 1, '}')) == NULL) {
			buf_putc(out, *p++);
			continue;
		}
		for (k = 0; k + 1 < npairs; k += 2)
			if (pairs[k] != NULL && strlen(pairs[k]) == (size_t)(close - p - 1) &&
			    strncmp(pairs[k], p + 1, (size_t)(close - p - 1)) == 0)
				break;
		if (k + 1 < npairs) {
			buf_puts(out, pairs[k + 1] != NULL ? pairs[k + 1] : "");
			p = close + 1;
		} else
			buf_putc(out, *p++);  /* not ours: the text as it is */
	}
}

const char *
i18n_form(const struct i18n *i18n, const char *lang, const char *key, long n)
{
	const struct toml_value *v = lookup(i18n, lang, key);
	const char *text = NULL;

	if (v == NULL || toml_type(v) != TOML_TABLE)
		return string_of(v);
	if (n >= 0)
		text = string_of(toml_get(v, i18n_plural(lang, n)));
	return text != NULL ? text : string_of(toml_get(v, "other"));
}

#define PAIRS_MAX 16

int
i18n_format(const struct i18n *i18n, const char *lang, const char *key,
    long n, struct buf *out, ...)
{
	const char *pairs[PAIRS_MAX], *text = i18n_form(i18n, lang, key, n);
	size_t npairs = 0;
	va_list ap;

	if (text == NULL)
		return -1;
	va_start(ap, out);
	while (npairs + 1 < PAIRS_MAX) {
		const char *name = va_arg(ap, const char *);

		if (name == NULL)
			break;
		pairs[npairs++] = name;
		pairs[npairs++] = va_arg(ap, const char *);
	}
	va_end(ap);
	i18n_fill(out, text, pairs, npairs);
	return 0;
}

/* ------------------------------------------------------- JSON texts */

/* v (a text, plural table, list or group of texts) as JSON. */
static json_t *
to_json(const struct toml_value *v)
{
	json_t *out;
	size_t i;

	switch (toml_type(v)) {
	case TOML_STRING:
		return json_string(toml_string(v, NULL));
	case TOML_ARRAY:
		out = json_array();
		for (i = 0; i < toml_array_size(v); i++)
			json_array_append_new(out, to_json(toml_array_at(v, i)));
		return out;
	case TOML_TABLE:
		out = json_object();
		for (i = 0; i < toml_table_size(v); i++)
			json_object_set_new(out, toml_table_key(v, i),
			    to_json(toml_table_value(v, i)));
		return out;
	default:
		return json_null();  /* i18n_load refused it */
	}
}

/*
 * Lay the texts of over onto into: groups merge key by key; a text, a
 * plural table or a list replaces what was there.
 */
static void
overlay(json_t *into, const struct toml_value *over)
{
	size_t i;

	for (i = 0; i < toml_table_size(over); i++) {
		const char *key = toml_table_key(over, i);
		const struct toml_value *v = toml_table_value(over, i);
		json_t *have = json_object_get(into, key);

		if (toml_type(v) == TOML_TABLE && !is_plural_table(v)) {
			if (!json_is_object(have) || json_object_get(have, "other") != NULL) {
				have = json_object();
				json_object_set_new(into, key, have);
			}
			overlay(have, v);
		} else
			json_object_set_new(into, key, to_json(v));
	}
}

json_t *
i18n_json(const struct i18n *i18n, const char *lang, const char *prefix)
{
	const struct i18n_file *chain[CHAIN_MAX];
	json_t *out = json_object();
	size_t n;

	if (i18n == NULL)
		return out;
	n = chain_of(i18n, lang, chain, true);
	while (n-- > 0) {  /* English first, the language's own last */
		const struct toml_value *from = prefix != NULL ?
		    value_at(chain[n]->root, prefix) : chain[n]->root;

		if (from != NULL && toml_type(from) == TOML_TABLE && !is_plural_table(from))
			overlay(out, from);
	}
	return out;
}

char *
i18n_script_json(const json_t *value)
{
	char *text = json_dumps(value, JSON_COMPACT | JSON_PRESERVE_ORDER);
	struct buf out = BUF_INIT;
	const char *p;

	if (text == NULL)
		xoom();
	for (p = text; *p != '\0'; p++) {
		if (*p == '<' || *p == '>' || *p == '&')
			buf_printf(&out, "\\u%04x", (unsigned)*p);
		else
			buf_putc(&out, *p);
	}
	free(text);
	return buf_detach(&out);
}

/* ---------------------------------------------------------- loading */

/*
 * Check the values under table (whose key is prefix, "" at the top) in
 * path: texts, plural tables and lists of texts.  Returns 0, or -1 after
 * an error at the first wrong value.
 */
static int
check_values(const char *path, const struct toml_value *table, const char *prefix)
{
	size_t i, k;

	for (i = 0; i < toml_table_size(table); i++) {
		const struct toml_value *v = toml_table_value(table, i);
		struct buf key = BUF_INIT;
		int status = 0;

		buf_printf(&key, "%s%s%s", prefix, prefix[0] != '\0' ? "." : "",
		    toml_table_key(table, i));
		switch (toml_type(v)) {
		case TOML_STRING:
			break;
		case TOML_TABLE:
			if (!is_plural_table(v))
				status = check_values(path, v, buf_str(&key));
			else if (toml_get(v, "other") == NULL) {
				diag_error(path, toml_line(v), toml_col(v), "the plural "
				    "forms of '%s' need 'other', the form every language "
				    "has", buf_str(&key));
				status = -1;
			} else
				for (k = 0; k < toml_table_size(v) && status == 0; k++)
					if (toml_type(toml_table_value(v, k)) != TOML_STRING) {
						struct buf form = BUF_INIT;

						buf_printf(&form, "%s.%s", buf_str(&key),
						    toml_table_key(v, k));
						toml_report_type(path, buf_str(&form),
						    toml_table_value(v, k), "a string");
						buf_free(&form);
						status = -1;
					}
			break;
		case TOML_ARRAY:
			for (k = 0; k < toml_array_size(v) && status == 0; k++)
				if (toml_type(toml_array_at(v, k)) != TOML_STRING) {
					toml_report_type(path, buf_str(&key),
					    toml_array_at(v, k), "a list of strings");
					status = -1;
				}
			break;
		default:
			toml_report_type(path, buf_str(&key), v, "a string, or a "
			    "table of plural forms ({ one = \"...\", other = \"...\" })");
			status = -1;
			break;
		}
		buf_free(&key);
		if (status != 0)
			return -1;
	}
	return 0;
}

/* Is name a BCP 47-looking tag: letters, digits and '-', a letter first? */
static bool
tag_valid(const char *name, size_t len)
{
	size_t i;

	if (len == 0 || len > 35 || !((name[0] >= 'a' && name[0] <= 'z') ||
	    (name[0] >= 'A' && name[0] <= 'Z')))
		return false;
	for (i = 0; i < len; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= '0' && name[i] <= '9') || name[i] == '-'))
			return false;
	return true;
}

static int
compare_files(const void *a, const void *b)
{
	return strcmp(((const struct i18n_file *)a)->lang,
	    ((const struct i18n_file *)b)->lang);
}

/*
 * Warn, at file, for each text under en (its key prefix) that lang's
 * chain (without English) lacks.
 */
static void
warn_missing(const struct i18n *i18n, const struct i18n_file *file,
    const char *lang, const struct toml_value *en, const char *prefix)
{
	const struct i18n_file *chain[CHAIN_MAX];
	size_t i, k, n = chain_of(i18n, lang, chain, false);

	for (i = 0; i < toml_table_size(en); i++) {
		const struct toml_value *v = toml_table_value(en, i);
		struct buf key = BUF_INIT;

		buf_printf(&key, "%s%s%s", prefix, prefix[0] != '\0' ? "." : "",
		    toml_table_key(en, i));
		if (toml_type(v) == TOML_TABLE && !is_plural_table(v))
			warn_missing(i18n, file, lang, v, buf_str(&key));
		else {
			for (k = 0; k < n; k++) {
				const struct toml_value *have = value_at(chain[k]->root,
				    buf_str(&key));

				if (have != NULL && (toml_type(have) != TOML_TABLE ||
				    is_plural_table(have)))
					break;
			}
			if (k == n)
				diag_warning(file->path, 1, 1, "no text for '%s' in '%s'; "
				    "the English text is used", buf_str(&key), lang);
		}
		buf_free(&key);
	}
}

/* Read dir/i18n/NAME.toml into i18n->files.  Returns 0 or -1. */
static int
read_file(struct i18n *i18n, const char *dir, const char *name, size_t taglen)
{
	struct i18n_file *f;
	struct buf path = BUF_INIT;
	char *text;
	size_t len;

	buf_printf(&path, "%s/i18n/%s", dir, name);
	if (!tag_valid(name, taglen)) {
		diag_error(buf_str(&path), 0, 0, "an i18n file is named by its "
		    "language's BCP 47 tag (en.toml, ar.toml, pt-BR.toml)");
		buf_free(&path);
		return -1;
	}
	if (util_read_file_nofollow(buf_str(&path), &text, &len) != 0) {
		diag_error(buf_str(&path), 0, 0, "%s", errno == ELOOP ?
		    UTIL_LINK_REFUSED : strerror(errno));
		buf_free(&path);
		return -1;
	}
	i18n->files = xrealloc(i18n->files, (i18n->nfiles + 1) * sizeof(*i18n->files));
	f = &i18n->files[i18n->nfiles++];
	f->lang = xstrndup(name, taglen);
	f->path = buf_detach(&path);
	f->root = toml_parse(text, len, f->path, 1);
	free(text);
	if (f->root == NULL || check_values(f->path, f->root, "") != 0)
		return -1;
	return 0;
}

struct i18n *
i18n_load(const char *dir, const struct i18n_use *uses, size_t nuses)
{
	struct i18n *i18n = xcalloc(1, sizeof(*i18n));
	struct buf path = BUF_INIT;
	const struct i18n_file *en;
	struct dirent *entry;
	DIR *folder;
	size_t i, j;
	int status = 0;

	buf_printf(&path, "%s/i18n", dir);
	folder = opendir(buf_str(&path));
	if (folder == NULL) {
		buf_free(&path);
		return i18n;  /* a theme with no words to translate */
	}
	while (status == 0 && (entry = readdir(folder)) != NULL) {
		size_t len = strlen(entry->d_name);

		if (entry->d_name[0] == '.' || len <= 5 ||
		    strcmp(entry->d_name + len - 5, ".toml") != 0)
			continue;
		status = read_file(i18n, dir, entry->d_name, len - 5);
	}
	closedir(folder);
	if (status != 0) {
		buf_free(&path);
		i18n_free(i18n);
		return NULL;
	}
	qsort(i18n->files, i18n->nfiles, sizeof(*i18n->files), compare_files);
	en = file_for(i18n, "en", 2);
	if (en == NULL && i18n->nfiles > 0) {
		diag_error(buf_str(&path), 0, 0, "the theme's texts need en.toml, "
		    "the English every other language falls back on");
		buf_free(&path);
		i18n_free(i18n);
		return NULL;
	}
	for (i = 0; i < nuses && en != NULL; i++) {
		const struct i18n_file *chain[CHAIN_MAX];
		size_t n = chain_of(i18n, uses[i].lang, chain, false);

		for (j = 0; j < i; j++)  /* each language once */
			if (strcasecmp(uses[j].lang, uses[i].lang) == 0)
				break;
		if (j < i || lang_in(uses[i].lang, "en"))
			continue;
		if (n == 0)
			diag_warning(uses[i].file, uses[i].line, uses[i].col, "the "
			    "theme has no texts in '%s' (no %s/%s.toml); its English "
			    "texts are used", uses[i].lang, buf_str(&path), uses[i].lang);
		else
			warn_missing(i18n, chain[0], uses[i].lang, en->root, "");
	}
	buf_free(&path);
	return i18n;
}

void
i18n_free(struct i18n *i18n)
{
	size_t i;

	if (i18n == NULL)
		return;
	for (i = 0; i < i18n->nfiles; i++) {
		free(i18n->files[i].lang);
		free(i18n->files[i].path);
		toml_free(i18n->files[i].root);
	}
	free(i18n->files);
	free(i18n);
}
