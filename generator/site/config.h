/*
 * config — site.toml, read through the TOML parser into a plain struct.
 *
 * Every key is documented in `mend help build` and the README.  Unknown keys
 * are warnings that name the key and its line; a wrong type is an error at
 * the value.  Nothing here reads content or writes files.
 */
#ifndef MEND_CONFIG_H
#define MEND_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

/* One local help line ([[help]] in site.toml), shown with the safety note. */
struct help_line {
	char *name;  /* required */
	char *phone; /* as written ("116 123"), or NULL */
	char *url;   /* or NULL */
};

/* One line of [check]: a check's name and the level site.toml gives it. */
struct check_setting {
	char *name;  /* as written: "reachability" (the build checks the name) */
	char *level; /* "off", "warning" or "error" */
	int line;    /* where the key is, for a diagnostic */
	int col;
};

/* [print]: what the counselor's booklet prints on its cover and last page. */
struct print_settings {
	char *practice;   /* the practice's name, or NULL */
	char **contact;   /* lines of contact details (address, phone, web); owned */
	size_t ncontact;
	int line;         /* where [print] is, for diagnostics (0: absent) */
};

/*
 * A language the site is published in.  The default (site.toml's
 * `language`) is published at the root; every other has a
 * [languages.TAG] table and its own folder ("ar/").  A language's table
 * may give its own name (for the language switcher), title, description,
 * help lines and [print]; what it leaves out is the site's.
 */
struct config_language {
	char *tag;            /* BCP 47, as written: "ar", "pt-BR" */
	char *name;           /* its own name ("العربية"); never NULL */
	char *prefix;         /* "" for the default, else "TAG/" */
	char *title;          /* or NULL: the site's */
	char *description;    /* or NULL: the site's */
	struct help_line *help; /* owned; has_help: the language's own */
	size_t nhelp;
	bool has_help;
	struct print_settings print; /* print.line 0: the site's */
	int line;             /* where [languages.TAG] is (0: nowhere) */
	int col;
};

struct config {
	char *path;           /* the file it was read from: "site.toml" */
	char *title;          /* the site's title; required */
	char *base_url;       /* absolute, always ends with "/" */
	int base_url_line;    /* where site.toml sets it, for a diagnostic */
	int base_url_col;
	char *base_url_from;  /* the option that replaced it ("--base-url"), or NULL */
	char *language;       /* BCP 47 tag for <html lang>; "en" by default */
	char *author;         /* "" when absent */
	char *description;    /* "" when absent */
	char *theme;          /* folder under themes/; "calm" by default */
	int theme_line;       /* where site.toml names the theme (0: default) */
	int theme_col;
	char *output_dir;     /* "public" by default */
	char *main_section;   /* the section whose pages are numbered steps */
	bool markdown_unsafe; /* [markdown] unsafe: keep raw HTML */
	bool search;          /* [search] enabled: the search page and its
	                         index; off unless site.toml says true (with
	                         it, live.c makes every update a full build) */
	bool offline;         /* [offline] enabled: offer readers a copy of the
	                         site for reading without internet (offline.h) */
	bool offline_archive; /* [offline] archive: the site as one zip file
	                         too, to open from disk (archive.h) */
	struct help_line *help; /* owned array */
	size_t nhelp;
	struct check_setting *checks; /* [check] lines, owned */
	size_t nchecks;
	struct print_settings print;  /* [print] */
	char *exit_url;       /* [safety] exit_url: where "Exit this page" leaves
	                         for; an absolute http(s) URL, never NULL */
	struct config_language *languages; /* owned; [0] the default, then
	                         site.toml's [languages.TAG] in its order */
	size_t nlanguages;    /* at least 1 */
	size_t lang;          /* in a language's view (config_view): which */
	bool view;            /* a view: owns nothing, never freed */
};

/* Where "Exit this page" leaves for when [safety] names no exit_url: the
   neutral page GOV.UK's Exit this page component uses by default. */
#define CONFIG_EXIT_URL "https://www.bbc.co.uk/weather"

/*
 * Read and check the configuration file at path.  Returns a config owned by
 * the caller (config_free), or NULL after diagnostics: a missing, unreadable
 * or malformed file, invalid UTF-8, a wrong type or a missing title.
 */
struct config *config_load(const char *path);
void config_free(struct config *cfg);

/*
 * Fill *view with cfg as language k of it sees it: cfg's fields, with the
 * language's tag as `language` and its title, description, help lines
 * and [print] where it gives them.  The view borrows everything from cfg
 * (which must outlive it) and is not freed.
 */
void config_view(const struct config *cfg, size_t k, struct config *view);

/* The folder of cfg's language (a view's, or the default): "" or "ar/". */
const char *config_prefix(const struct config *cfg);

/* The index in cfg->languages of the language tag[0..len), or -1. */
int config_language_index(const struct config *cfg, const char *tag, size_t len);

/*
 * Is name[0..len) a name a theme or a layout may have: letters, digits,
 * '-', '_' and '.', not starting with '.' (so no "..", no '/', never a
 * path out of themes/ or a theme's layouts/)?  The content stage checks
 * a page's `layout` with it.
 */
bool config_name_valid(const char *name, size_t len);

/*
 * Replace the base URL with url (from where, e.g. "--base-url"), after
 * checking it is an absolute http(s) URL; a "/" is added when missing.
 * Returns 0, or -1 after a diagnostic.
 */
int config_set_base_url(struct config *cfg, const char *url, const char *where);

/*
 * Is url's host a placeholder that no published site has: example.org,
 * example.com, example.net or a name under them; a name under the reserved
 * top-level domains .example, .test, .invalid and .localhost; localhost;
 * 127.0.0.0/8 or [::1]?  url is an absolute http(s) URL.
 */
bool config_url_is_placeholder(const char *url);

/*
 * Warn when the site's base URL is a placeholder: at base_url's line and
 * column in site.toml, or naming the option that set it.  Every QR code and
 * printed footer carries the address, so `mend build` and `mend pdf` call
 * this, once per run, once the configuration is final; a real address says
 * nothing.
 */
void config_warn_placeholder(const struct config *cfg);

#endif
