/*
 * i18n — a theme's words in every language, as i18n.h promises: texts
 * looked up by key and language with BCP 47's fallbacks (pt-BR, pt, en);
 * CLDR's plural forms; placeholders filled; a warning at a language's file
 * for each text it lacks, and for a language with no file; an error at the
 * line of a value that is not a text.  Then the calm theme's own files:
 * every translation complete, no key English lacks, the scripts holding
 * en.toml's texts as their fallbacks; and an Arabic site built with the
 * calm theme (tests/sites/arabic) showing the Arabic words.
 */
#include <check.h>
#include <dirent.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/util.h"
#include "site/i18n.h"
#include "harness.h"

/* A fresh folder, made the current one, with a theme "themes/t" whose
   i18n files are the NULL-ended pairs of name and text. */
static char *
theme_with(const char *first, ...)
{
	char *dir = harness_tmpdir(), rel[256];
	const char *name = first;
	va_list ap;

	ck_assert_int_eq(chdir(dir), 0);
	va_start(ap, first);
	while (name != NULL) {
		snprintf(rel, sizeof(rel), "themes/t/i18n/%s", name);
		harness_write(dir, rel, va_arg(ap, const char *));
		name = va_arg(ap, const char *);
	}
	va_end(ap);
	return dir;
}

static void
theme_end(char *dir)
{
	ck_assert_int_eq(chdir(harness_root()), 0);
	harness_rmtree(dir);
	free(dir);
}

static const char en_toml[] =
    "skip = \"Skip to content\"\n"
    "[pager]\n"
    "next = \"Next step\"\n"
    "previous = \"Previous step\"\n"
    "[step]\n"
    "label = \"Step {n} of {total}\"\n"
    "[pdf]\n"
    "pages = { one = \"{n} page\", other = \"{n} pages\" }\n"
    "[date]\n"
    "months = [\"January\", \"February\", \"March\"]\n";

START_TEST(lookup_falls_back_as_bcp47_does)
{
	char *dir = theme_with("en.toml", en_toml,
	    "pt.toml", "skip = \"Pular\"\n[pager]\nnext = \"Próximo passo\"\n"
	    "previous = \"Passo anterior\"\n",
	    "pt-BR.toml", "[pager]\nnext = \"Próxima etapa\"\n", NULL);
	struct i18n *i18n = i18n_load("themes/t", NULL, 0);

	ck_assert_ptr_nonnull(i18n);
	ck_assert_str_eq(i18n_text(i18n, "pt-BR", "pager.next"), "Próxima etapa");
	ck_assert_str_eq(i18n_text(i18n, "pt-BR", "pager.previous"), "Passo anterior");
	ck_assert_str_eq(i18n_text(i18n, "pt-br", "pager.next"), "Próxima etapa");
	ck_assert_str_eq(i18n_text(i18n, "pt-BR", "skip"), "Pular");
	ck_assert_str_eq(i18n_text(i18n, "pt-BR", "step.label"), "Step {n} of {total}");
	ck_assert_str_eq(i18n_text(i18n, "pt", "pager.next"), "Próximo passo");
	ck_assert_str_eq(i18n_text(i18n, "pt-PT", "pager.next"), "Próximo passo");
	ck_assert_str_eq(i18n_text(i18n, "de", "pager.next"), "Next step");
	ck_assert_str_eq(i18n_text(i18n, "en", "pdf.pages"), "{n} pages");
	ck_assert_str_eq(i18n_item(i18n, "pt", "date.months", 1), "February");
	ck_assert_ptr_null(i18n_item(i18n, "en", "date.months", 3));
	ck_assert_ptr_null(i18n_text(i18n, "en", "pager"));  /* a group */
	ck_assert_ptr_null(i18n_text(i18n, "en", "pager.last"));
	ck_assert_ptr_null(i18n_text(i18n, "en", "pdf.pages.one"));
	i18n_free(i18n);
	theme_end(dir);
}
END_TEST

START_TEST(a_theme_without_texts_has_none)
{
	char *dir = theme_with(NULL);
	struct i18n_use use = { "ar", "site.toml", 3, 12 };
	struct i18n *i18n;
	char *said;

	harness_diags_begin();
	i18n = i18n_load("themes/t", &use, 1);
	said = harness_diags_end();
	ck_assert_str_eq(said, "");
	free(said);
	ck_assert_ptr_nonnull(i18n);
	ck_assert_ptr_null(i18n_text(i18n, "ar", "pager.next"));
	i18n_free(i18n);
	theme_end(dir);
}
END_TEST

/* CLDR's categories for whole numbers, as Intl.PluralRules gives them. */
START_TEST(plural_rules)
{
	static const struct { const char *lang; long n; const char *want; } cases[] = {
		{ "en", 0, "other" }, { "en", 1, "one" }, { "en", 2, "other" },
		{ "en-GB", 1, "one" }, { "de", 1, "one" }, { "de", 21, "other" },
		{ "es", 1, "one" }, { "es", 0, "other" }, { "es", 1000000, "many" },
		{ "fr", 0, "one" }, { "fr", 1, "one" }, { "fr", 2, "other" },
		{ "fr", 2000000, "many" },
		{ "ar", 0, "zero" }, { "ar", 1, "one" }, { "ar", 2, "two" },
		{ "ar", 3, "few" }, { "ar", 10, "few" }, { "ar", 11, "many" },
		{ "ar", 99, "many" }, { "ar", 100, "other" }, { "ar", 102, "other" },
		{ "ar", 103, "few" }, { "ar", 111, "many" }, { "ar-EG", 5, "few" },
		{ "he", 1, "one" }, { "he", 2, "two" }, { "he", 3, "other" },
		{ "he", 20, "other" },
		{ "hi", 0, "one" }, { "hi", 1, "one" }, { "hi", 2, "other" },
		{ "zh", 1, "other" }, { "zh-Hant", 2, "other" },
		{ "ru", 1, "one" }, { "ru", 21, "one" }, { "ru", 11, "many" },
		{ "ru", 2, "few" }, { "ru", 24, "few" }, { "ru", 12, "many" },
		{ "ru", 5, "many" }, { "ru", 0, "many" }, { "ru", 111, "many" },
		{ "pl", 1, "one" }, { "pl", 22, "few" }, { "pl", 21, "many" },
		{ "xx", 1, "other" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_msg(strcmp(i18n_plural(cases[i].lang, cases[i].n),
		    cases[i].want) == 0, "%s %ld: %s, not %s", cases[i].lang,
		    cases[i].n, i18n_plural(cases[i].lang, cases[i].n), cases[i].want);
}
END_TEST

START_TEST(format_fills_and_chooses_the_form)
{
	char *dir = theme_with("en.toml", en_toml, "ar.toml",
	    "[pdf]\npages = { one = \"صفحة واحدة\", two = \"صفحتان\", "
	    "few = \"{n} صفحات\", other = \"{n} صفحة\" }\n", NULL);
	struct i18n *i18n = i18n_load("themes/t", NULL, 0);
	struct buf out = BUF_INIT;

	ck_assert_int_eq(i18n_format(i18n, "en", "step.label", -1, &out, "n", "3",
	    "total", "9", NULL), 0);
	ck_assert_str_eq(buf_str(&out), "Step 3 of 9");
	buf_reset(&out);
	ck_assert_int_eq(i18n_format(i18n, "en", "pdf.pages", 1, &out, "n", "1", NULL), 0);
	ck_assert_str_eq(buf_str(&out), "1 page");
	buf_reset(&out);
	ck_assert_int_eq(i18n_format(i18n, "en", "pdf.pages", 3, &out, "n", "3", NULL), 0);
	ck_assert_str_eq(buf_str(&out), "3 pages");
	buf_reset(&out);
	ck_assert_int_eq(i18n_format(i18n, "ar", "pdf.pages", 2, &out, "n", "2", NULL), 0);
	ck_assert_str_eq(buf_str(&out), "صفحتان");
	buf_reset(&out);
	ck_assert_int_eq(i18n_format(i18n, "ar", "pdf.pages", 4, &out, "n", "4", NULL), 0);
	ck_assert_str_eq(buf_str(&out), "4 صفحات");
	buf_reset(&out);
	/* no "many" form: "other" */
	ck_assert_int_eq(i18n_format(i18n, "ar", "pdf.pages", 11, &out, "n", "11", NULL), 0);
	ck_assert_str_eq(buf_str(&out), "11 صفحة");
	buf_reset(&out);
	/* a placeholder with no value stays */
	ck_assert_int_eq(i18n_format(i18n, "de", "step.label", -1, &out, "n", "2", NULL), 0);
	ck_assert_str_eq(buf_str(&out), "Step 2 of {total}");
	buf_reset(&out);
	ck_assert_int_eq(i18n_format(i18n, "en", "nothing", -1, &out, NULL), -1);
	ck_assert_str_eq(buf_str(&out), "");
	buf_free(&out);
	i18n_free(i18n);
	theme_end(dir);
}
END_TEST

START_TEST(json_merges_the_language_over_english)
{
	char *dir = theme_with("en.toml", en_toml, "es.toml",
	    "[pager]\nnext = \"Paso siguiente\"\n", NULL);
	struct i18n *i18n = i18n_load("themes/t", NULL, 0);
	json_t *t = i18n_json(i18n, "es", NULL), *pager = i18n_json(i18n, "es", "pager");
	char *text;

	ck_assert_str_eq(harness_json_text(t, "pager.next"), "Paso siguiente");
	ck_assert_str_eq(harness_json_text(t, "pager.previous"), "Previous step");
	ck_assert_str_eq(harness_json_text(t, "pdf.pages.one"), "{n} page");
	ck_assert_str_eq(harness_json_text(t, "date.months.2"), "March");
	ck_assert_str_eq(harness_json_text(pager, "next"), "Paso siguiente");
	ck_assert_int_eq(json_object_size(pager), 2);
	json_decref(t);
	json_decref(pager);
	/* a data block no "</script>" can end, well-formed as XML */
	t = json_pack("{s:s}", "x", "</script> & <b>");
	text = i18n_script_json(t);
	ck_assert_str_eq(text, "{\"x\":\"\\u003c/script\\u003e \\u0026 \\u003cb\\u003e\"}");
	free(text);
	json_decref(t);
	i18n_free(i18n);
	theme_end(dir);
}
END_TEST

START_TEST(warnings_name_the_missing_texts_at_the_file)
{
	char *dir = theme_with("en.toml", en_toml,
	    "ar.toml", "skip = \"تخطَّ\"\n[pager]\nprevious = \"السابقة\"\n"
	    "[step]\nlabel = \"الخطوة {n} من {total}\"\n"
	    "[date]\nmonths = [\"يناير\", \"فبراير\", \"مارس\"]\n",
	    "pt.toml", "skip = \"Pular\"\n[pager]\nnext = \"Próximo\"\n"
	    "previous = \"Anterior\"\n[step]\nlabel = \"Passo {n} de {total}\"\n"
	    "[pdf]\npages = { one = \"{n} página\", other = \"{n} páginas\" }\n"
	    "[date]\nmonths = [\"janeiro\", \"fevereiro\", \"março\"]\n",
	    "pt-BR.toml", "[pager]\nnext = \"Próxima\"\n", NULL);
	struct i18n_use uses[] = {
		{ "ar", "site.toml", 4, 12 }, { "fr", "site.toml", 9, 7 },
		{ "pt-BR", "site.toml", 10, 7 }, { "en-GB", "site.toml", 11, 7 },
		{ "ar", "site.toml", 12, 7 },
	};
	struct i18n *i18n;
	char *said;

	harness_diags_begin();
	i18n = i18n_load("themes/t", uses, 5);
	said = harness_diags_end();
	ck_assert_ptr_nonnull(i18n);
	/* ar lacks two; fr has no file; pt-BR has what pt has; en-GB is
	   English; ar is warned about once */
	ck_assert_str_eq(said,
	    "themes/t/i18n/ar.toml:1:1: warning: no text for 'pager.next' in "
	    "'ar'; the English text is used\n"
	    "themes/t/i18n/ar.toml:1:1: warning: no text for 'pdf.pages' in "
	    "'ar'; the English text is used\n"
	    "site.toml:9:7: warning: the theme has no texts in 'fr' (no "
	    "themes/t/i18n/fr.toml); its English texts are used\n");
	free(said);
	i18n_free(i18n);
	theme_end(dir);
}
END_TEST

/* Load a theme whose ar.toml is text; the diagnostics said. */
static char *
load_bad(const char *text)
{
	char *dir = theme_with("en.toml", en_toml, "ar.toml", text, NULL);
	struct i18n *i18n;
	char *said;

	harness_diags_begin();
	i18n = i18n_load("themes/t", NULL, 0);
	said = harness_diags_end();
	ck_assert_ptr_null(i18n);
	theme_end(dir);
	return said;
}

START_TEST(a_value_that_is_not_a_text_is_an_error_at_its_line)
{
	char *said;

	said = load_bad("skip = \"x\"\n\n[pager]\nnext = 3\n");
	ck_assert_str_eq(said, "themes/t/i18n/ar.toml:4:8: error: 'pager.next' must "
	    "be a string, or a table of plural forms ({ one = \"...\", other = "
	    "\"...\" }), not an integer\n");
	free(said);
	said = load_bad("[pdf]\npages = { one = \"x\", few = \"y\" }\n");
	ck_assert_str_eq(said, "themes/t/i18n/ar.toml:2:9: error: the plural forms "
	    "of 'pdf.pages' need 'other', the form every language has\n");
	free(said);
	said = load_bad("[pdf]\npages = { one = \"x\", other = true }\n");
	ck_assert_str_eq(said, "themes/t/i18n/ar.toml:2:30: error: 'pdf.pages.other' "
	    "must be a string, not a boolean\n");
	free(said);
	said = load_bad("[date]\nmonths = [\"x\",\n  2]\n");
	ck_assert_str_eq(said, "themes/t/i18n/ar.toml:3:3: error: 'date.months' must "
	    "be a list of strings, not an integer\n");
	free(said);
	said = load_bad("[pager\n");
	ck_assert_msg(strncmp(said, "themes/t/i18n/ar.toml:1:", 24) == 0 &&
	    strstr(said, ": error: ") != NULL, "%s", said);
	free(said);
}
END_TEST

START_TEST(english_is_required_and_names_are_tags)
{
	char *dir = theme_with("ar.toml", "skip = \"x\"\n", NULL);
	char *said;

	harness_diags_begin();
	ck_assert_ptr_null(i18n_load("themes/t", NULL, 0));
	said = harness_diags_end();
	ck_assert_str_eq(said, "themes/t/i18n: error: the theme's texts need "
	    "en.toml, the English every other language falls back on\n");
	free(said);
	theme_end(dir);
	dir = theme_with("en.toml", en_toml, "my words.toml", "skip = \"x\"\n", NULL);
	harness_diags_begin();
	ck_assert_ptr_null(i18n_load("themes/t", NULL, 0));
	said = harness_diags_end();
	ck_assert_str_eq(said, "themes/t/i18n/my words.toml: error: an i18n file is "
	    "named by its language's BCP 47 tag (en.toml, ar.toml, pt-BR.toml)\n");
	free(said);
	theme_end(dir);
}
END_TEST

/* Every key of lang's text in have, missing in want: "a.b" per line. */
static void
stray_keys(const json_t *have, const json_t *want, const char *prefix,
    struct buf *out)
{
	const char *key;
	json_t *value;

	json_object_foreach((json_t *)have, key, value) {
		const json_t *other = json_object_get(want, key);

		if (other == NULL)
			buf_printf(out, "%s%s\n", prefix, key);
		else if (json_is_object(value) && json_object_get(value, "other") == NULL) {
			struct buf deeper = BUF_INIT;

			buf_printf(&deeper, "%s%s.", prefix, key);
			stray_keys(value, other, buf_str(&deeper), out);
			buf_free(&deeper);
		}
	}
}

/* The languages of the calm theme's i18n files other than English, as
   uses (at most max); returns how many.  The tags are the caller's to
   free. */
static size_t
calm_languages(struct i18n_use *uses, size_t max)
{
	char path[4200];
	struct dirent *ent;
	size_t n = 0;
	DIR *d;

	snprintf(path, sizeof(path), "%s/themes/calm/i18n", harness_root());
	d = opendir(path);
	ck_assert_ptr_nonnull(d);
	while ((ent = readdir(d)) != NULL) {
		size_t len = strlen(ent->d_name);

		if (len <= 5 || strcmp(ent->d_name + len - 5, ".toml") != 0 ||
		    strcmp(ent->d_name, "en.toml") == 0)
			continue;
		ck_assert_uint_lt(n, max);
		uses[n].lang = xstrndup(ent->d_name, len - 5);
		uses[n].file = "site.toml";
		uses[n].line = uses[n].col = 1;
		n++;
	}
	closedir(d);
	return n;
}

/*
 * Every translation of the calm theme (each file of its i18n/ but
 * en.toml) has every text, so a site in its language builds without a
 * warning, and no key English lacks; then a few texts as readers see them.
 */
START_TEST(the_calm_theme_is_complete_in_every_language)
{
	struct i18n_use uses[64];
	struct i18n *i18n;
	json_t *en, *t;
	struct buf stray = BUF_INIT, out = BUF_INIT;
	char *said;
	size_t i, n = calm_languages(uses, 64);

	ck_assert_uint_ge(n, 5);  /* ar, de, es, fr, he */
	harness_diags_begin();
	i18n = i18n_load("themes/calm", uses, n);
	said = harness_diags_end();
	ck_assert_ptr_nonnull(i18n);
	ck_assert_str_eq(said, "");
	free(said);
	/* no key English lacks: a typo would never be shown */
	en = i18n_json(i18n, "en", NULL);
	for (i = 0; i < n; i++) {
		t = i18n_json(i18n, uses[i].lang, NULL);  /* merged over English:
		                                              strays show as extra keys */
		stray_keys(t, en, "", &stray);
		json_decref(t);
	}
	ck_assert_str_eq(buf_str(&stray), "");
	ck_assert_str_eq(i18n_text(i18n, "ar", "exit.button"), "الخروج من الصفحة");
	ck_assert_str_eq(i18n_text(i18n, "es", "exit.button"), "Salir de esta página");
	ck_assert_str_eq(i18n_text(i18n, "fr", "exit.button"), "Quitter cette page");
	ck_assert_str_eq(i18n_text(i18n, "he", "exit.button"), "יציאה מהדף");
	ck_assert_str_eq(i18n_text(i18n, "de", "exit.button"), "Diese Seite verlassen");
	ck_assert_str_eq(i18n_item(i18n, "es", "date.months", 10), "noviembre");
	ck_assert_str_eq(i18n_item(i18n, "de", "date.months", 2), "März");
	/* each language's plural forms: French 0 and 1 are "one", Hebrew
	   has a dual */
	ck_assert_int_eq(i18n_format(i18n, "fr", "pdf.pages", 0, &out, "n", "0", NULL), 0);
	ck_assert_str_eq(buf_str(&out), "0 page");
	buf_reset(&out);
	ck_assert_int_eq(i18n_format(i18n, "fr", "pdf.pages", 2, &out, "n", "2", NULL), 0);
	ck_assert_str_eq(buf_str(&out), "2 pages");
	buf_reset(&out);
	ck_assert_int_eq(i18n_format(i18n, "he", "pdf.pages", 2, &out, "n", "2", NULL), 0);
	ck_assert_str_eq(buf_str(&out), "שני עמודים");
	buf_reset(&out);
	ck_assert_int_eq(i18n_format(i18n, "he", "pdf.pages", 3, &out, "n", "3", NULL), 0);
	ck_assert_str_eq(buf_str(&out), "3 עמודים");
	buf_reset(&out);
	ck_assert_int_eq(i18n_format(i18n, "de", "pdf.pages", 1, &out, "n", "1", NULL), 0);
	ck_assert_str_eq(buf_str(&out), "1 Seite");
	buf_free(&out);
	for (i = 0; i < n; i++)
		free((char *)uses[i].lang);
	json_decref(en);
	buf_free(&stray);
	i18n_free(i18n);
}
END_TEST

/*
 * The scripts' English, which serves English pages (they carry no
 * mend-strings block), is en.toml's [script.NAME]: each text, and each
 * plural form, is written in static/NAME.js as a string literal.
 */
START_TEST(the_scripts_hold_the_english_texts)
{
	static const char *const scripts[] = {
		"exercise", "exit", "search", "search-form", "offline"
	};
	struct i18n *i18n = i18n_load("themes/calm", NULL, 0);
	struct buf missing = BUF_INIT;
	size_t s;

	ck_assert_ptr_nonnull(i18n);
	for (s = 0; s < sizeof(scripts) / sizeof(scripts[0]); s++) {
		struct buf path = BUF_INIT, prefix = BUF_INIT;
		json_t *texts, *value;
		const char *key;
		char *js;

		buf_printf(&path, "themes/calm/static/%s.js", scripts[s]);
		buf_printf(&prefix, "script.%s", scripts[s]);
		js = harness_read(harness_root(), buf_str(&path));
		ck_assert_ptr_nonnull(js);
		texts = i18n_json(i18n, "en", buf_str(&prefix));
		ck_assert_int_gt(json_object_size(texts), 2);
		json_object_foreach(texts, key, value) {
			const char *form;
			json_t *text;
			struct buf literal = BUF_INIT;

			if (json_is_string(value)) {
				buf_printf(&literal, "say('%s', '%s'", key, json_string_value(value));
				if (strstr(js, buf_str(&literal)) == NULL)
					buf_printf(&missing, "%s: %s\n", buf_str(&path), buf_str(&literal));
			} else
				json_object_foreach(value, form, text) {
					buf_reset(&literal);
					buf_printf(&literal, "%s: '%s'", form, json_string_value(text));
					if (strstr(js, buf_str(&literal)) == NULL)
						buf_printf(&missing, "%s: %s (%s)\n", buf_str(&path),
						    buf_str(&literal), key);
				}
			buf_free(&literal);
		}
		json_decref(texts);
		free(js);
		buf_free(&path);
		buf_free(&prefix);
	}
	ck_assert_msg(missing.len == 0, "not in the scripts:\n%s", buf_str(&missing));
	buf_free(&missing);
	i18n_free(i18n);
}
END_TEST

/* tests/sites/arabic with the repository's calm theme, in a new folder. */
static char *
arabic_site(void)
{
	char *dir = harness_tmpdir(), src[4200], dst[4200];

	snprintf(src, sizeof(src), "%s/tests/sites/arabic", harness_root());
	harness_copytree(src, dir);
	snprintf(src, sizeof(src), "%s/themes/calm", harness_root());
	snprintf(dst, sizeof(dst), "%s/themes", dir);
	ck_assert_int_eq(mkdir(dst, 0755), 0);
	snprintf(dst, sizeof(dst), "%s/themes/calm", dir);
	harness_copytree(src, dst);
	/* a layout that shows the page's date, which calm's own do not */
	harness_write(dir, "themes/calm/layouts/dated.mustache",
	    "{{<base}}{{$main}}<h1>{{page.title}}</h1>\n"
	    "<p class=\"date\">{{page.date_display}}</p>{{/main}}{{/base}}\n");
	return dir;
}

/* Assert that the page rel of dir has each of the NULL-ended texts. */
static void
page_has(const char *dir, const char *rel, ...)
{
	char *html = harness_read(dir, rel);
	const char *want;
	va_list ap;

	ck_assert_msg(html != NULL, "no %s", rel);
	va_start(ap, rel);
	while ((want = va_arg(ap, const char *)) != NULL)
		ck_assert_msg(strstr(html, want) != NULL, "%s lacks %s", rel, want);
	va_end(ap);
	free(html);
}

START_TEST(an_arabic_site_shows_the_arabic_words)
{
	char *dir = arabic_site();
	char *html;
	struct run r;

	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_msg(r.status == 0 && r.err[0] == '\0', "status %d:\n%s", r.status, r.err);
	run_free(&r);
	page_has(dir, "public/index.html",
	    "<a class=\"skip-link\" href=\"#main\">الانتقال إلى المحتوى</a>",
	    "<nav class=\"exit-this-page\" aria-label=\"خروج سريع\">",
	    "<span class=\"visually-hidden\">طوارئ: </span>الخروج من الصفحة</a>",
	    "<h2>سلامتك أولًا</h2>",
	    "<p>إذا كنت في خطر الآن، فاتصل برقم الطوارئ المحلي.</p>",
	    "الموقع الإلكتروني<span class=\"visually-hidden\"> لجهة Help Line</span>",
	    "<h2 id=\"steps\">الخطوات</h2>",
	    ">الرئيسية</a>",
	    "<p>Arabic Fixture، من إعداد Fixture Team، ",
	    "<li><a href=\"#top\">العودة إلى الأعلى</a></li>",
	    "<script type=\"application/json\" id=\"mend-strings\">{\"exercise\":"
	    "{\"kind_concern\":\"يُرجى قراءة هذا\"",
	    "\"presses\":{\"one\":\"Shift: اضغط مرة أخرى للخروج.\"", NULL);
	page_has(dir, "public/steps/one/index.html",
	    "<p class=\"date\">21 نوفمبر 2024</p>", NULL);
	page_has(dir, "public/steps/two/index.html",
	    "<p class=\"step-progress\">الخطوة 2 من 2</p>",
	    "<span class=\"pager-label\">الخطوة السابقة</span>",
	    "<nav class=\"pager\" aria-label=\"الخطوات\">",
	    "<a href=\"../../steps/index.html\">كلتا الخطوتين</a>",
	    "<p class=\"exercise-audience\">لشخص واحد، بمفردك</p>",
	    "data-action=\"print-answers\">الطباعة مع إجاباتي</button>",
	    "data-action=\"clear\">مسح كل إجاباتي</button>",
	    "<h2 id=\"worksheet-pdfs\">طباعة ورقة العمل</h2>",
	    "type=\"application/pdf\">Write، A4</a> <span class=\"pdf-meta\">(PDF، صفحة واحدة، ",
	    "type=\"application/pdf\">Write، Letter (الولايات المتحدة)</a>", NULL);
	page_has(dir, "public/404.html", "<title>الصفحة غير موجودة | Arabic Fixture</title>",
	    "<a href=\"/\">الذهاب إلى الصفحة الرئيسية</a>", NULL);
	/* no English of the theme left on a page */
	html = harness_read(dir, "public/steps/two/index.html");
	ck_assert_ptr_null(strstr(html, "Exit this page"));
	ck_assert_ptr_null(strstr(html, "Next step"));
	ck_assert_ptr_null(strstr(html, "Print with my answers"));
	ck_assert_ptr_null(strstr(html, "Your safety comes first"));
	free(html);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(a_language_without_texts_warns_and_builds_in_english)
{
	char *dir = arabic_site(), *toml, *at, *html;
	struct run r;

	toml = harness_read(dir, "site.toml");
	at = strstr(toml, "language = \"ar\"");
	ck_assert_ptr_nonnull(at);
	memcpy(at, "language = \"sv\"", 15);
	harness_write(dir, "site.toml", toml);
	free(toml);
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.err, "site.toml: warning: the theme has no texts in 'sv' "
	    "(no themes/calm/i18n/sv.toml); its English texts are used\n"
	    "mend: 0 errors, 1 warning\n");
	run_free(&r);
	html = harness_read(dir, "public/steps/two/index.html");
	ck_assert_ptr_nonnull(strstr(html, "<p class=\"step-progress\">Step 2 of 2</p>"));
	ck_assert_ptr_null(strstr(html, "mend-strings"));  /* the scripts' own English */
	free(html);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* A second language without texts: warned at its [languages.TAG] table;
   its pages in English, the default language's still in Arabic. */
START_TEST(a_second_language_without_texts_is_warned_at_its_table)
{
	char *dir = arabic_site(), *toml, *more;
	struct run r;
	size_t len;

	toml = harness_read(dir, "site.toml");
	len = strlen(toml);
	more = xmalloc(len + 80);
	memcpy(more, toml, len);
	strcpy(more + len, "\n[languages.sv]\nname = \"Svenska\"\ntitle = \"Guide\"\n");
	harness_write(dir, "site.toml", more);
	harness_write(dir, "content/_index.sv.md", "+++\ntitle = \"Hem\"\nsafety = true\n+++\n"
	    "Välkommen.\n");
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_msg(r.status == 0, "status %d:\n%s", r.status, r.err);
	ck_assert_str_eq(r.err, "site.toml:16:1: warning: the theme has no texts in "
	    "'sv' (no themes/calm/i18n/sv.toml); its English texts are used\n"
	    "mend: 0 errors, 1 warning\n");
	run_free(&r);
	page_has(dir, "public/sv/index.html", "<html lang=\"sv\"",
	    "<a class=\"skip-link\" href=\"#main\">Skip to content</a>",
	    "<h2>Your safety comes first</h2>", NULL);
	page_has(dir, "public/index.html",
	    "<a class=\"skip-link\" href=\"#main\">الانتقال إلى المحتوى</a>",
	    "<nav class=\"language-switcher\" aria-label=\"اللغة\">", NULL);
	free(toml);
	free(more);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

static Suite *
i18n_suite(void)
{
	Suite *s = suite_create("i18n");
	TCase *tc = tcase_create("texts");
	TCase *site = tcase_create("site");

	tcase_add_test(tc, lookup_falls_back_as_bcp47_does);
	tcase_add_test(tc, a_theme_without_texts_has_none);
	tcase_add_test(tc, plural_rules);
	tcase_add_test(tc, format_fills_and_chooses_the_form);
	tcase_add_test(tc, json_merges_the_language_over_english);
	tcase_add_test(tc, warnings_name_the_missing_texts_at_the_file);
	tcase_add_test(tc, a_value_that_is_not_a_text_is_an_error_at_its_line);
	tcase_add_test(tc, english_is_required_and_names_are_tags);
	tcase_add_test(tc, the_calm_theme_is_complete_in_every_language);
	tcase_add_test(tc, the_scripts_hold_the_english_texts);
	tcase_set_timeout(site, 60);
	tcase_add_test(site, an_arabic_site_shows_the_arabic_words);
	tcase_add_test(site, a_language_without_texts_warns_and_builds_in_english);
	tcase_add_test(site, a_second_language_without_texts_is_warned_at_its_table);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, site);
	return s;
}

int
main(void)
{
	harness_root();
	return harness_run(i18n_suite(), NULL) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
