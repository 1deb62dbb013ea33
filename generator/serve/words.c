/*
 * words — `mend serve`'s own words in the site's language.  See words.h.
 */
#include "serve/words.h"

#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/lang.h"
#include "lib/toml.h"
#include "lib/util.h"
#include "site/i18n.h"

/* Each word: its field, its key in the theme's words, its English. */
#define SERVE_WORDS(X) \
	X(not_found_title, "serve.not_found_title", "Not found") \
	X(not_found_text, "serve.not_found_text", "There is no page at this " \
	    "address in the site as last built.") \
	X(failed_title, "serve.failed_title", "The site did not build") \
	X(failed_note, "serve.failed_note", "This is the last good build. Fix " \
	    "what is listed below and save: the page reloads when the site " \
	    "builds.") \
	X(dismiss, "serve.dismiss", "Dismiss")

/* site.toml's string key, or NULL; borrowed from root. */
static const char *
string_at(const struct toml_value *root, const char *key)
{
	const struct toml_value *v = toml_get(root, key);

	return v != NULL && toml_type(v) == TOML_STRING ? toml_string(v, NULL) :
	    NULL;
}

/* Set words in lang from i18n (NULL: English's). */
static void
fill(struct serve_words *words, const struct i18n *i18n, const char *lang)
{
	words->lang = xstrdup(lang);
	words->dir = lang_dir(lang);
#define SERVE_WORD_TEXT(field, key, english) { \
	const char *t = i18n_text(i18n, lang, key); \
	words->field = xstrdup(t != NULL ? t : english); \
}
	SERVE_WORDS(SERVE_WORD_TEXT)
#undef SERVE_WORD_TEXT
}

void
serve_words_english(struct serve_words *words)
{
	fill(words, NULL, "en");
}

void
serve_words_read(struct serve_words *words)
{
	struct diag_held held = DIAG_HELD_INIT, *outer;
	struct toml_value *root = NULL;
	struct i18n *i18n = NULL;
	const char *lang, *theme;
	char *text;
	size_t len;

	outer = diag_hold(&held);  /* the build reports what is wrong */
	if (util_read_file("site.toml", &text, &len) == 0) {
		root = toml_parse(text, len, "site.toml", 1);
		free(text);
	}
	lang = string_at(root, "language");
	if (lang == NULL || !lang_valid(lang))
		lang = "en";
	theme = string_at(root, "theme");
	if (theme == NULL)
		theme = "calm";
	/* A theme's name has no '/' and no leading '.' (config.h); one
	   that does is the build's error, and the words are English. */
	if (theme[0] != '\0' && theme[0] != '.' && strchr(theme, '/') == NULL) {
		struct buf dir = BUF_INIT;

		buf_printf(&dir, "themes/%s", theme);
		i18n = i18n_load(buf_str(&dir), NULL, 0);
		buf_free(&dir);
	}
	diag_hold(outer);
	diag_held_free(&held);
	fill(words, i18n, lang);
	i18n_free(i18n);
	toml_free(root);
}

void
serve_words_free(struct serve_words *words)
{
	if (words == NULL)
		return;
	free(words->lang);
#define SERVE_WORD_FREE(field, key, english) free(words->field);
	SERVE_WORDS(SERVE_WORD_FREE)
#undef SERVE_WORD_FREE
	memset(words, 0, sizeof(*words));
}
