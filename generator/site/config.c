/*
 * config — read site.toml into struct config.  See config.h.
 *
 * The table of known keys below is the one place a key is added: its name,
 * its type, and where its value goes.  Everything the user can get wrong is
 * reported at the line and column of the value, and every problem in the
 * file is reported (not only the first) before the load fails.
 */
#include "site/config.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/lang.h"
#include "lib/toml.h"
#include "lib/util.h"

/* A string key of the top-level table, and the config field it fills. */
struct string_key {
	const char *name;
	size_t offset;           /* offsetof(struct config, field) */
	const char *fallback;    /* value when absent, or NULL: required */
};

static const struct string_key string_keys[] = {
	{ "title", offsetof(struct config, title), NULL },
	{ "base_url", offsetof(struct config, base_url), NULL },
	{ "language", offsetof(struct config, language), "en" },
	{ "author", offsetof(struct config, author), "" },
	{ "description", offsetof(struct config, description), "" },
	{ "theme", offsetof(struct config, theme), "calm" },
	{ "output", offsetof(struct config, output_dir), "public" },
	{ "main_section", offsetof(struct config, main_section), "steps" },
};

#define NSTRING_KEYS (sizeof(string_keys) / sizeof(string_keys[0]))

/* Tables site.toml may hold; any other table is warned about. */
static const char *const table_keys[] = {
	"markdown", "help", "check", "print", "safety", "offline", "search",
	"languages"
};

/* A reader's context: the file name, for every diagnostic. */
struct reader {
	const char *path;
	int errors;
};

static char **
field(struct config *cfg, size_t offset)
{
	return (char **)(void *)((char *)cfg + offset);
}

static void
wrong_type(struct reader *rd, const char *key, const struct toml_value *v,
    const char *wanted)
{
	toml_report_type(rd->path, key, v, wanted);
	rd->errors++;
}

/* The known top-level key closest to key, or NULL when none is close. */
static const char *
suggest(const char *key)
{
	const char *best = NULL;
	size_t i, d, best_d = 3;

	for (i = 0; i < NSTRING_KEYS; i++)
		if ((d = util_edit_distance(key, string_keys[i].name)) < best_d) {
			best_d = d;
			best = string_keys[i].name;
		}
	for (i = 0; i < sizeof(table_keys) / sizeof(table_keys[0]); i++)
		if ((d = util_edit_distance(key, table_keys[i])) < best_d) {
			best_d = d;
			best = table_keys[i];
		}
	return best;
}

static void
unknown_key(const char *path, const char *prefix, const char *key,
    const struct toml_value *v, const char *hint)
{
	if (hint != NULL)
		diag_warning(path, toml_line(v), toml_col(v),
		    "unknown key '%s%s' (did you mean '%s'?)", prefix, key, hint);
	else
		diag_warning(path, toml_line(v), toml_col(v), "unknown key '%s%s'",
		    prefix, key);
}

/* A string value, or NULL after reporting the wrong type. */
static const char *
string_value(struct reader *rd, const char *key, const struct toml_value *v)
{
	size_t len;
	const char *s;

	if (toml_type(v) != TOML_STRING) {
		wrong_type(rd, key, v, "a string");
		return NULL;
	}
	s = toml_string(v, &len);
	if (strlen(s) != len) {
		diag_error(rd->path, toml_line(v), toml_col(v),
		    "'%s' must not contain a NUL character", key);
		rd->errors++;
		return NULL;
	}
	return s;
}

bool
config_name_valid(const char *name, size_t len)
{
	size_t i;

	if (len == 0 || len > 255 || name[0] == '.')
		return false;
	for (i = 0; i < len; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
			return false;
	}
	return true;
}

/* What a URL from site.toml may be, by where it goes. */
enum url_kind {
	URL_WEB,   /* an absolute http or https URL (base_url, exit_url) */
	URL_LINK   /* that, or a mailto: or tel: link (a help line's url) */
};

/*
 * The one check for every URL that site.toml puts in a page, whether the
 * build's checks run or not: its scheme is one kind allows (so never
 * javascript: or data:), an http(s) URL has a host, and it holds no
 * control character, space, quote, backslash or angle bracket.
 */
static bool
url_valid(const char *url, enum url_kind kind)
{
	const char *p, *host = NULL;

	for (p = url; *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f || strchr("\"'<>\\`", *p))
			return false;
	if (strncmp(url, "https://", 8) == 0)
		host = url + 8;
	else if (strncmp(url, "http://", 7) == 0)
		host = url + 7;
	else if (kind == URL_LINK && strncmp(url, "mailto:", 7) == 0)
		return url[7] != '\0';
	else if (kind == URL_LINK && strncmp(url, "tel:", 4) == 0)
		return url[4] != '\0';
	else
		return false;
	return host[0] != '\0' && host[0] != '/' && host[0] != '?' && host[0] != '#';
}

/* Is url an absolute http or https URL with a host? */
static bool
url_is_absolute(const char *url)
{
	return url_valid(url, URL_WEB);
}

/* A boolean key of a table: its name, and where its value goes. */
struct flag {
	const char *name;
	bool *value;
};

/*
 * A table of boolean keys, [table] key = true|false: [markdown] unsafe,
 * [offline] enabled and archive, [search] enabled (each false unless
 * site.toml says true).  Sets each flag's value when its key is
 * there and right.
 */
static void
read_flags(struct reader *rd, const char *table_name,
    const struct toml_value *table, const struct flag *flags, size_t nflags)
{
	char what[64], full[64], prefix[64];
	size_t i, k;

	snprintf(what, sizeof(what), "a table ([%s])", table_name);
	snprintf(prefix, sizeof(prefix), "%s.", table_name);
	if (toml_type(table) != TOML_TABLE) {
		wrong_type(rd, table_name, table, what);
		return;
	}
	for (i = 0; i < toml_table_size(table); i++) {
		const char *key = toml_table_key(table, i);
		const struct toml_value *v = toml_table_value(table, i);
		const char *near = NULL;

		for (k = 0; k < nflags && strcmp(key, flags[k].name) != 0; k++)
			if (near == NULL && util_edit_distance(key, flags[k].name) < 3)
				near = flags[k].name;
		if (k == nflags) {
			snprintf(full, sizeof(full), "%s%s", prefix, near ? near : "");
			unknown_key(rd->path, prefix, key, v, near ? full : NULL);
			continue;
		}
		snprintf(full, sizeof(full), "%s%s", prefix, key);
		if (toml_type(v) != TOML_BOOL)
			wrong_type(rd, full, v, "true or false");
		else
			*flags[k].value = toml_bool(v);
	}
}

/* [[help]]: name (required), phone, url. */
static void
read_help(struct reader *rd, struct help_line **help, size_t *nhelp,
    const struct toml_value *array)
{
	size_t i, k, n;

	if (toml_type(array) != TOML_ARRAY) {
		wrong_type(rd, "help", array, "an array of tables ([[help]])");
		return;
	}
	n = toml_array_size(array);
	*help = xcalloc(n + 1, sizeof(**help));
	for (i = 0; i < n; i++) {
		const struct toml_value *entry = toml_array_at(array, i);
		struct help_line *line = &(*help)[*nhelp];

		if (toml_type(entry) != TOML_TABLE) {
			wrong_type(rd, "help", entry, "a table with name, phone and url");
			continue;
		}
		for (k = 0; k < toml_table_size(entry); k++) {
			const char *key = toml_table_key(entry, k);
			const struct toml_value *v = toml_table_value(entry, k);
			char **slot = strcmp(key, "name") == 0 ? &line->name :
			    strcmp(key, "phone") == 0 ? &line->phone :
			    strcmp(key, "url") == 0 ? &line->url : NULL;
			const char *s;

			if (slot == NULL) {
				unknown_key(rd->path, "help.", key, v, NULL);
				continue;
			}
			if ((s = string_value(rd, key, v)) == NULL)
				continue;
			if (slot == &line->url && !url_valid(s, URL_LINK)) {
				diag_error(rd->path, toml_line(v), toml_col(v), "'help.url' "
				    "must be an absolute http or https URL, or a mailto: or "
				    "tel: link (it is published on every page with the "
				    "safety note)");
				rd->errors++;
				continue;
			}
			*slot = xstrdup(s);
		}
		if (line->name == NULL || line->name[0] == '\0') {
			diag_error(rd->path, toml_line(entry), toml_col(entry),
			    "a [[help]] entry needs a name");
			rd->errors++;
		}
		(*nhelp)++;
	}
}

/* [check]: NAME = "off" | "warning" | "error". */
static void
read_checks(struct reader *rd, struct config *cfg, const struct toml_value *table)
{
	size_t i, n;

	if (toml_type(table) != TOML_TABLE) {
		wrong_type(rd, "check", table, "a table ([check])");
		return;
	}
	n = toml_table_size(table);
	cfg->checks = xcalloc(n, sizeof(*cfg->checks));
	for (i = 0; i < n; i++) {
		const char *key = toml_table_key(table, i);
		const struct toml_value *v = toml_table_value(table, i);
		struct check_setting *set;
		const char *s;

		if ((s = string_value(rd, key, v)) == NULL)
			continue;
		if (strcmp(s, "off") != 0 && strcmp(s, "warning") != 0 &&
		    strcmp(s, "error") != 0) {
			diag_error(rd->path, toml_line(v), toml_col(v), "check '%s' must be "
			    "\"off\", \"warning\" or \"error\", not \"%s\"", key, s);
			rd->errors++;
			continue;
		}
		set = &cfg->checks[cfg->nchecks++];
		set->name = xstrdup(key);
		set->level = xstrdup(s);
		set->line = toml_line(v);
		set->col = toml_col(v);
	}
}

/* One line of [print] contact: text without control characters. */
static bool
add_contact(struct reader *rd, struct print_settings *print,
    const struct toml_value *v)
{
	const char *s = string_value(rd, "print.contact", v), *p;

	if (s == NULL)
		return false;
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20) {
			diag_error(rd->path, toml_line(v), toml_col(v), "'print.contact' "
			    "lines are one line each: give several lines as an array, "
			    "contact = [\"...\", \"...\"]");
			rd->errors++;
			return false;
		}
	if (s[0] == '\0')
		return true;
	print->contact = xrealloc(print->contact,
	    (print->ncontact + 1) * sizeof(*print->contact));
	print->contact[print->ncontact++] = xstrdup(s);
	return true;
}

/* [print]: practice = "name", contact = "line" or ["line", ...]. */
static void
read_print(struct reader *rd, struct print_settings *print,
    const struct toml_value *table)
{
	size_t i, k;

	if (toml_type(table) != TOML_TABLE) {
		wrong_type(rd, "print", table, "a table ([print])");
		return;
	}
	print->line = toml_line(table);
	for (i = 0; i < toml_table_size(table); i++) {
		const char *key = toml_table_key(table, i);
		const struct toml_value *v = toml_table_value(table, i);
		const char *s;

		if (strcmp(key, "practice") == 0) {
			if ((s = string_value(rd, "print.practice", v)) == NULL)
				continue;
			if (strpbrk(s, "\n\r\t") != NULL) {
				diag_error(rd->path, toml_line(v), toml_col(v),
				    "'print.practice' is one line: put addresses and "
				    "phone numbers in print.contact");
				rd->errors++;
			} else if (s[0] != '\0') {
				free(print->practice);
				print->practice = xstrdup(s);
			}
		} else if (strcmp(key, "contact") == 0) {
			if (toml_type(v) == TOML_ARRAY) {
				for (k = 0; k < toml_array_size(v); k++)
					add_contact(rd, print, toml_array_at(v, k));
			} else if (toml_type(v) == TOML_STRING)
				add_contact(rd, print, v);
			else
				wrong_type(rd, "print.contact", v, "a string or an array "
				    "of strings");
		} else
			unknown_key(rd->path, "print.", key, v,
			    util_edit_distance(key, "practice") < 3 ? "print.practice" :
			    util_edit_distance(key, "contact") < 3 ? "print.contact" : NULL);
	}
}


/* url with a "/" at the end; the caller frees it. */
static char *
with_slash(const char *url)
{
	size_t n = strlen(url);
	char *s = xmalloc(n + 2);

	memcpy(s, url, n);
	if (n == 0 || url[n - 1] != '/')
		s[n++] = '/';
	s[n] = '\0';
	return s;
}

/*
 * [safety]: exit_url = "https://...", where "Exit this page" leaves for.
 * It must be an absolute http(s) URL: the page replaces itself with it, so
 * a relative one would stay on this site.
 */
static void
read_safety(struct reader *rd, struct config *cfg, const struct toml_value *table)
{
	size_t i;

	if (toml_type(table) != TOML_TABLE) {
		wrong_type(rd, "safety", table, "a table ([safety])");
		return;
	}
	for (i = 0; i < toml_table_size(table); i++) {
		const char *key = toml_table_key(table, i);
		const struct toml_value *v = toml_table_value(table, i);
		const char *s;

		if (strcmp(key, "exit_url") != 0) {
			unknown_key(rd->path, "safety.", key, v,
			    util_edit_distance(key, "exit_url") < 3 ? "safety.exit_url" : NULL);
			continue;
		}
		if ((s = string_value(rd, "safety.exit_url", v)) == NULL)
			continue;
		if (!url_is_absolute(s)) {
			diag_error(rd->path, toml_line(v), toml_col(v), "'safety.exit_url' "
			    "must be an absolute http or https URL, like \"%s\" (the "
			    "neutral page \"Exit this page\" leaves for)", CONFIG_EXIT_URL);
			rd->errors++;
			continue;
		}
		free(cfg->exit_url);
		cfg->exit_url = xstrdup(s);
	}
}

const char *
config_prefix(const struct config *cfg)
{
	return cfg->lang < cfg->nlanguages ? cfg->languages[cfg->lang].prefix : "";
}

int
config_language_index(const struct config *cfg, const char *tag, size_t len)
{
	size_t k;

	for (k = 0; k < cfg->nlanguages; k++)
		if (strlen(cfg->languages[k].tag) == len &&
		    strncmp(cfg->languages[k].tag, tag, len) == 0)
			return (int)k;
	return -1;
}

/* [languages.TAG]: name, title, description, [[languages.TAG.help]],
   [languages.TAG.print], into lang. */
static void
read_language(struct reader *rd, struct config_language *lang,
    const struct toml_value *table)
{
	size_t i;

	lang->line = toml_line(table);
	lang->col = toml_col(table);
	if (toml_type(table) != TOML_TABLE) {
		wrong_type(rd, "languages", table, "a table ([languages.TAG])");
		return;
	}
	for (i = 0; i < toml_table_size(table); i++) {
		const char *key = toml_table_key(table, i);
		const struct toml_value *v = toml_table_value(table, i);
		char **slot = strcmp(key, "name") == 0 ? &lang->name :
		    strcmp(key, "title") == 0 ? &lang->title :
		    strcmp(key, "description") == 0 ? &lang->description : NULL;
		const char *s;
		char prefix[64];

		if (strcmp(key, "help") == 0) {
			lang->has_help = true;
			read_help(rd, &lang->help, &lang->nhelp, v);
			continue;
		}
		if (strcmp(key, "print") == 0) {
			read_print(rd, &lang->print, v);
			continue;
		}
		if (slot == NULL) {
			snprintf(prefix, sizeof(prefix), "languages.%.40s.", lang->tag);
			unknown_key(rd->path, prefix, key, v,
			    util_edit_distance(key, "title") < 3 ? "title" :
			    util_edit_distance(key, "name") < 2 ? "name" :
			    util_edit_distance(key, "description") < 3 ?
			    "description" : NULL);
			continue;
		}
		if ((s = string_value(rd, key, v)) == NULL)
			continue;
		if (s[0] == '\0' && slot != &lang->description) {
			diag_error(rd->path, toml_line(v), toml_col(v), "'languages.%s.%s' "
			    "is empty", lang->tag, key);
			rd->errors++;
			continue;
		}
		free(*slot);
		*slot = xstrdup(s);
	}
}

/*
 * The site's languages: the default (cfg->language) first, then each
 * [languages.TAG] table of table (NULL when site.toml has none) in
 * order.  A table for the default language gives the default's name,
 * title and so on.
 */
static void
read_languages(struct reader *rd, struct config *cfg,
    const struct toml_value *table)
{
	size_t i, n = table != NULL && toml_type(table) == TOML_TABLE ?
	    toml_table_size(table) : 0;

	cfg->languages = xcalloc(n + 1, sizeof(*cfg->languages));
	cfg->languages[0].tag = xstrdup(cfg->language);
	cfg->languages[0].prefix = xstrdup("");
	cfg->nlanguages = 1;
	if (table != NULL && toml_type(table) != TOML_TABLE)
		wrong_type(rd, "languages", table, "a table of languages "
		    "([languages.TAG])");
	for (i = 0; i < n; i++) {
		const char *tag = toml_table_key(table, i);
		const struct toml_value *v = toml_table_value(table, i);
		struct config_language *lang;
		struct buf prefix = BUF_INIT;

		if (!lang_valid(tag)) {
			diag_error(rd->path, toml_line(v), toml_col(v), "'%s' is not a "
			    "language tag: name each [languages.TAG] with a BCP 47 tag "
			    "such as \"ar\", \"es\" or \"pt-BR\" (it is also the folder "
			    "the language is published in)", tag);
			rd->errors++;
			continue;
		}
		if (strcmp(tag, cfg->language) == 0) {
			read_language(rd, &cfg->languages[0], v);
			continue;
		}
		lang = &cfg->languages[cfg->nlanguages++];
		lang->tag = xstrdup(tag);
		buf_printf(&prefix, "%s/", tag);
		lang->prefix = buf_detach(&prefix);
		read_language(rd, lang, v);
	}
	for (i = 0; i < cfg->nlanguages; i++)
		if (cfg->languages[i].name == NULL)
			cfg->languages[i].name = xstrdup(cfg->languages[i].tag);
}

void
config_view(const struct config *cfg, size_t k, struct config *view)
{
	const struct config_language *lang = &cfg->languages[k];

	*view = *cfg;
	view->view = true;
	view->lang = k;
	view->language = lang->tag;
	if (lang->title != NULL)
		view->title = lang->title;
	if (lang->description != NULL)
		view->description = lang->description;
	if (lang->has_help) {
		view->help = lang->help;
		view->nhelp = lang->nhelp;
	}
	if (lang->print.line != 0)
		view->print = lang->print;
}

static void
read_root(struct reader *rd, struct config *cfg, const struct toml_value *root)
{
	size_t i, k;

	for (i = 0; i < toml_table_size(root); i++) {
		const char *key = toml_table_key(root, i);
		const struct toml_value *v = toml_table_value(root, i);
		const char *s;

		if (strcmp(key, "markdown") == 0) {
			const struct flag flags[] = {
				{ "unsafe", &cfg->markdown_unsafe },
			};

			read_flags(rd, "markdown", v, flags, 1);
			continue;
		}
		if (strcmp(key, "offline") == 0) {
			const struct flag flags[] = {
				{ "enabled", &cfg->offline },
				{ "archive", &cfg->offline_archive },
			};

			read_flags(rd, "offline", v, flags, 2);
			continue;
		}
		if (strcmp(key, "help") == 0) {
			read_help(rd, &cfg->help, &cfg->nhelp, v);
			continue;
		}
		if (strcmp(key, "check") == 0) {
			read_checks(rd, cfg, v);
			continue;
		}
		if (strcmp(key, "print") == 0) {
			read_print(rd, &cfg->print, v);
			continue;
		}
		if (strcmp(key, "languages") == 0)
			continue;  /* read_languages, once `language` is known */
		if (strcmp(key, "safety") == 0) {
			read_safety(rd, cfg, v);
			continue;
		}
		if (strcmp(key, "search") == 0) {
			const struct flag flags[] = {
				{ "enabled", &cfg->search },
			};

			read_flags(rd, "search", v, flags, 1);
			continue;
		}
		for (k = 0; k < NSTRING_KEYS; k++)
			if (strcmp(key, string_keys[k].name) == 0)
				break;
		if (k == NSTRING_KEYS) {
			unknown_key(rd->path, "", key, v, suggest(key));
			continue;
		}
		if ((s = string_value(rd, key, v)) == NULL)
			continue;
		if (strcmp(key, "base_url") == 0 && !url_is_absolute(s)) {
			diag_error(rd->path, toml_line(v), toml_col(v), "'base_url' must be "
			    "an absolute http or https URL, like \"https://example.org/\"");
			rd->errors++;
			continue;
		}
		if (s[0] == '\0' && (strcmp(key, "title") == 0 || strcmp(key, "theme") == 0 ||
		    strcmp(key, "output") == 0 || strcmp(key, "language") == 0)) {
			diag_error(rd->path, toml_line(v), toml_col(v), "'%s' is empty", key);
			rd->errors++;
			continue;
		}
		if (strcmp(key, "theme") == 0 && !config_name_valid(s, strlen(s))) {
			diag_error(rd->path, toml_line(v), toml_col(v), "'theme' must be "
			    "the name of a folder in themes/ (letters, digits, '-', '_' "
			    "and '.'; no '/', no leading '.')");
			rd->errors++;
			continue;
		}
		if (strcmp(key, "theme") == 0) {
			cfg->theme_line = toml_line(v);
			cfg->theme_col = toml_col(v);
		}
		if (strcmp(key, "base_url") == 0) {
			cfg->base_url_line = toml_line(v);
			cfg->base_url_col = toml_col(v);
		}
		*field(cfg, string_keys[k].offset) =
		    strcmp(key, "base_url") == 0 ? with_slash(s) : xstrdup(s);
	}
}

struct config *
config_load(const char *path)
{
	struct reader rd = { path, 0 };
	struct config *cfg;
	struct toml_value *root;
	char *text;
	size_t len, k;

	if (util_read_file(path, &text, &len) != 0) {
		if (errno == ENOENT)
			diag_error(path, 0, 0, "not found: run mend in a project folder "
			    "(one that holds %s), or name one with -C DIR", path);
		else
			diag_error(path, 0, 0, "cannot read: %s", strerror(errno));
		return NULL;
	}
	root = toml_parse(text, len, path, 1);
	free(text);
	if (root == NULL)
		return NULL;
	cfg = xcalloc(1, sizeof(*cfg));
	cfg->path = xstrdup(path);
	read_root(&rd, cfg, root);
	for (k = 0; k < NSTRING_KEYS; k++) {
		char **slot = field(cfg, string_keys[k].offset);

		if (*slot != NULL)
			continue;
		if (string_keys[k].fallback != NULL)
			*slot = xstrdup(string_keys[k].fallback);
		else if (toml_get(root, string_keys[k].name) == NULL) {
			diag_error(path, 0, 0, "'%s' is missing: add %s = \"...\"",
			    string_keys[k].name, string_keys[k].name);
			rd.errors++;
		}
	}
	if (cfg->exit_url == NULL)
		cfg->exit_url = xstrdup(CONFIG_EXIT_URL);
	if (cfg->language != NULL && !lang_valid(cfg->language)) {
		const struct toml_value *v = toml_get(root, "language");

		diag_error(path, toml_line(v), toml_col(v), "'language' must be a "
		    "BCP 47 language tag such as \"en\", \"ar\" or \"pt-BR\"");
		rd.errors++;
	} else if (cfg->language != NULL)
		read_languages(&rd, cfg, toml_get(root, "languages"));
	toml_free(root);
	if (rd.errors > 0) {
		config_free(cfg);
		return NULL;
	}
	return cfg;
}

int
config_set_base_url(struct config *cfg, const char *url, const char *where)
{
	if (!url_is_absolute(url)) {
		diag_error(NULL, 0, 0, "%s '%s' is not an absolute http or https URL, "
		    "like https://example.org/", where, url);
		return -1;
	}
	free(cfg->base_url);
	cfg->base_url = with_slash(url);
	free(cfg->base_url_from);
	cfg->base_url_from = xstrdup(where);
	return 0;
}

/* Does host end with the label suffix (".test"), or is it the name itself? */
static bool
is_or_under(const char *host, size_t len, const char *name)
{
	size_t n = strlen(name);

	if (len == n)
		return memcmp(host, name, n) == 0;
	return len > n && host[len - n - 1] == '.' &&
	    memcmp(host + len - n, name, n) == 0;
}

bool
config_url_is_placeholder(const char *url)
{
	static const char *const names[] = {
		"example.org", "example.com", "example.net",  /* RFC 2606 */
		"example", "test", "invalid", "localhost",    /* reserved TLDs, RFC 6761 */
	};
	CURLU *u = curl_url();
	char host[256], *part = NULL;
	unsigned char addr[16];
	size_t len, i;

	if (u == NULL)
		xoom();
	/* libcurl takes the user, the port and an IPv6 literal's brackets apart. */
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &part, 0) != CURLUE_OK ||
	    (len = strlen(part)) == 0 || len >= sizeof(host)) {
		curl_free(part);
		curl_url_cleanup(u);
		return false;
	}
	for (i = 0; i < len; i++)
		host[i] = part[i] >= 'A' && part[i] <= 'Z' ?
		    (char)(part[i] - 'A' + 'a') : part[i];
	host[len] = '\0';
	curl_free(part);
	curl_url_cleanup(u);
	if (host[0] == '[') {  /* an IPv6 literal: [::1] */
		host[len - 1] = '\0';
		return inet_pton(AF_INET6, host + 1, addr) == 1 &&
		    memcmp(addr, &in6addr_loopback, 16) == 0;
	}
	if (host[len - 1] == '.')  /* the root's dot: "localhost." */
		host[--len] = '\0';
	if (inet_pton(AF_INET, host, addr) == 1)
		return addr[0] == 127;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (is_or_under(host, len, names[i]))
			return true;
	return false;
}

void
config_warn_placeholder(const struct config *cfg)
{
	if (!config_url_is_placeholder(cfg->base_url))
		return;
	if (cfg->base_url_from != NULL)
		diag_warning(NULL, 0, 0, "%s '%s' is a placeholder address: every QR "
		    "code and printed page footer carries it; pass the address the "
		    "site will be published at", cfg->base_url_from, cfg->base_url);
	else
		diag_warning(cfg->path, cfg->base_url_line, cfg->base_url_col,
		    "base_url '%s' is a placeholder address: every QR code and "
		    "printed page footer carries it; set base_url to the address "
		    "the site will be published at (or pass --base-url)", cfg->base_url);
}

static void
help_free(struct help_line *help, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(help[i].name);
		free(help[i].phone);
		free(help[i].url);
	}
	free(help);
}

static void
print_free(struct print_settings *print)
{
	size_t i;

	free(print->practice);
	for (i = 0; i < print->ncontact; i++)
		free(print->contact[i]);
	free(print->contact);
}

void
config_free(struct config *cfg)
{
	size_t i;

	if (cfg == NULL || cfg->view)
		return;
	for (i = 0; i < NSTRING_KEYS; i++)
		free(*field(cfg, string_keys[i].offset));
	help_free(cfg->help, cfg->nhelp);
	for (i = 0; i < cfg->nchecks; i++) {
		free(cfg->checks[i].name);
		free(cfg->checks[i].level);
	}
	free(cfg->checks);
	free(cfg->base_url_from);
	free(cfg->path);
	print_free(&cfg->print);
	free(cfg->exit_url);
	for (i = 0; i < cfg->nlanguages; i++) {
		struct config_language *lang = &cfg->languages[i];

		free(lang->tag);
		free(lang->name);
		free(lang->prefix);
		free(lang->title);
		free(lang->description);
		help_free(lang->help, lang->nhelp);
		print_free(&lang->print);
	}
	free(cfg->languages);
	free(cfg);
}
