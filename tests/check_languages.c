/*
 * A guide in several languages (README, "Languages"): examples/multilingual
 * built with the real mend, and what a reader of each language gets: the
 * pages under /LANG/, <html lang>, hreflang alternates both ways, the
 * language switcher, links that stay in the reader's language, a feed and
 * a 404 page per language, the sitemap's alternates, worksheets and
 * booklets in each language's words and script; an exercise's form in
 * the page's words (partner labels, quoted and joined columns); pages left
 * out of a language; x.en.md beside x.md on a site in English; the
 * staleness warning; and bad layouts refused at their file.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "lib/buf.h"

/* examples/multilingual in a new folder, with the repository's themes
   (the example's themes/ is a link to them). */
static char *
example(void)
{
	char *dir = harness_tmpdir();
	char src[4096], dst[4096];

	snprintf(src, sizeof(src), "%s/examples/multilingual", harness_root());
	harness_copytree(src, dir);
	snprintf(src, sizeof(src), "%s/themes", harness_root());
	snprintf(dst, sizeof(dst), "%s/themes", dir);
	harness_copytree(src, dst);
	return dir;
}

static void
build_clean(const char *dir)
{
	struct run r;

	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_msg(r.status == 0, "status %d, stderr:\n%s", r.status, r.err);
	ck_assert_msg(r.err[0] == '\0', "the example builds with no warning:\n%s",
	    r.err);
	run_free(&r);
}

/* dir/public/rel, which must exist; the caller frees it. */
static char *
page(const char *dir, const char *rel)
{
	char path[4096];
	char *text;

	snprintf(path, sizeof(path), "%s/public", dir);
	text = harness_read(path, rel);
	ck_assert_msg(text != NULL, "public/%s was not written", rel);
	return text;
}

static void
assert_has(const char *text, const char *what, const char *where)
{
	ck_assert_msg(strstr(text, what) != NULL, "%s lacks %s", where, what);
}

START_TEST(pages_per_language)
{
	char *dir = example(), *en, *ar, *es;

	build_clean(dir);
	en = page(dir, "steps/write/index.html");
	ar = page(dir, "ar/steps/write/index.html");
	es = page(dir, "es/steps/write/index.html");
	assert_has(en, "<html lang=\"en\" dir=\"ltr\">", "the English page");
	assert_has(ar, "<html lang=\"ar\" dir=\"rtl\">", "the Arabic page");
	assert_has(es, "<html lang=\"es\"", "the Spanish page");
	assert_has(ar, "<h1>اكتب الأصل</h1>", "the Arabic page");
	/* alternates both ways, and x-default the English one */
	assert_has(en, "<link rel=\"alternate\" hreflang=\"ar\" href="
	    "\"https://guide.mend-example.org/ar/steps/write/\" />", "the English page");
	assert_has(ar, "<link rel=\"alternate\" hreflang=\"en\" href="
	    "\"https://guide.mend-example.org/steps/write/\" />", "the Arabic page");
	assert_has(ar, "<link rel=\"alternate\" hreflang=\"x-default\" href="
	    "\"https://guide.mend-example.org/steps/write/\" />", "the Arabic page");
	/* the switcher leads to the same page in the other languages */
	assert_has(ar, "<a href=\"../../../steps/write/index.html\" lang=\"en\" "
	    "hreflang=\"en\">English</a>", "the Arabic page's switcher");
	assert_has(en, "<a href=\"../../es/steps/write/index.html\" lang=\"es\" "
	    "hreflang=\"es\">Español</a>", "the English page's switcher");
	/* [next](translate.md) in write.ar.md stays in Arabic */
	assert_has(ar, "href=\"../../../ar/steps/translate/index.html\"", "the Arabic page");
	ck_assert_ptr_null(strstr(ar, "href=\"../../../steps/translate/index.html\""));
	/* the site's title in Arabic, the help line of Arabic */
	assert_has(ar, "مثال: دليل واحد بثلاث لغات", "the Arabic page");
	free(en);
	free(ar);
	free(es);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(untranslated_left_out)
{
	char *dir = example(), *es, *ar_steps;

	build_clean(dir);
	ck_assert(!harness_exists(dir, "public/ar/steps/check/index.html"));
	ck_assert(harness_exists(dir, "public/es/steps/check/index.html"));
	es = page(dir, "es/steps/check/index.html");
	/* no Arabic translation: the switcher leads to the Arabic home page */
	assert_has(es, "<a href=\"../../../ar/index.html\" lang=\"ar\" "
	    "hreflang=\"ar\" title=\"Página de inicio\">العربية</a>", "the Spanish page");
	/* the Arabic steps list only its own two steps */
	ar_steps = page(dir, "ar/steps/index.html");
	ck_assert_ptr_null(strstr(ar_steps, "steps/check/"));
	assert_has(ar_steps, "ar/steps/translate/index.html", "the Arabic steps");
	free(es);
	free(ar_steps);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/*
 * A page in a language its exercise has no translation into gets the
 * original, whose texts are marked with their language (WCAG 3.1.2) while
 * the theme's words around them stay in the page's, unmarked.
 */
START_TEST(untranslated_exercise_marked)
{
	char *dir = example(), *en, *ar, *es;
	char path[4096];

	snprintf(path, sizeof(path), "%s/exercises/say-it-back.es.lua", dir);
	ck_assert_int_eq(remove(path), 0);
	build_clean(dir);
	es = page(dir, "es/steps/write/index.html");
	assert_has(es, "data-exercise=\"say-it-back\" data-text-lang=\"en\" "
	    "data-text-dir=\"ltr\">", "the Spanish page's exercise");
	assert_has(es, "id=\"exercise--say-it-back__title\" lang=\"en\" dir=\"ltr\">",
	    "the Spanish page's exercise title");
	assert_has(es, "<div class=\"exercise-intro\" lang=\"en\" dir=\"ltr\">",
	    "the Spanish page's exercise");
	assert_has(es, "<label class=\"field-label\" for=\"say-it-back--reflect\" "
	    "lang=\"en\" dir=\"ltr\">", "the Spanish page's exercise");
	assert_has(es, "<p class=\"exercise-nojs\">", "the Spanish page's theme words");
	/* translated, or in the original's language: nothing marked */
	ar = page(dir, "ar/steps/write/index.html");
	en = page(dir, "steps/write/index.html");
	ck_assert_ptr_null(strstr(ar, "data-text-lang"));
	ck_assert_ptr_null(strstr(ar, "__title\" lang="));
	ck_assert_ptr_null(strstr(en, "data-text-lang"));
	ck_assert_ptr_null(strstr(en, "__title\" lang="));
	free(en);
	free(ar);
	free(es);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(site_files_per_language)
{
	char *dir = example(), *map, *atom, *nf;

	build_clean(dir);
	map = page(dir, "sitemap.xml");
	assert_has(map, "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"", "sitemap.xml");
	assert_has(map, "<loc>https://guide.mend-example.org/ar/steps/write/</loc>",
	    "sitemap.xml");
	assert_has(map, "<xhtml:link rel=\"alternate\" hreflang=\"ar\" "
	    "href=\"https://guide.mend-example.org/ar/steps/write/\"/>", "sitemap.xml");
	assert_has(map, "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" "
	    "href=\"https://guide.mend-example.org/steps/write/\"/>", "sitemap.xml");
	atom = page(dir, "ar/atom.xml");
	assert_has(atom, "xml:lang=\"ar\"", "ar/atom.xml");
	assert_has(atom, "<title>مثال: دليل واحد بثلاث لغات</title>", "ar/atom.xml");
	assert_has(atom, "https://guide.mend-example.org/ar/atom.xml", "ar/atom.xml");
	nf = page(dir, "ar/404.html");
	assert_has(nf, "<html lang=\"ar\"", "ar/404.html");
	assert_has(nf, "<link rel=\"stylesheet\" href=\"../calm.css\" />", "ar/404.html");
	free(map);
	free(atom);
	free(nf);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* What the command cmd prints (popen), whole; the caller frees it. */
static char *
command_output(const char *cmd)
{
	struct buf out = BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *f = popen(cmd, "r");

	ck_assert_msg(f != NULL, "cannot run %s", cmd);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&out, chunk, n);
	ck_assert_int_eq(pclose(f), 0);
	return buf_detach(&out);
}

START_TEST(pdfs_per_language)
{
	char *dir = example(), *text, *fonts, *ar;
	char cmd[8192];

	build_clean(dir);
	/* the Arabic worksheet: its translation, in Arabic words, its fonts
	   embedded as subsets */
	snprintf(cmd, sizeof(cmd), "pdftotext -q %s/public/ar/worksheets/"
	    "say-it-back-a4.pdf -", dir);
	text = command_output(cmd);
	assert_has(text, "أعد ما سمعته", "the Arabic worksheet");
	assert_has(text, "بكلماتك أنت", "the Arabic worksheet");
	ck_assert_ptr_null(strstr(text, "Say it back"));
	ck_assert_ptr_null(strstr(text, "page 1 of"));
	snprintf(cmd, sizeof(cmd), "pdffonts %s/public/ar/worksheets/"
	    "say-it-back-a4.pdf", dir);
	fonts = command_output(cmd);
	assert_has(fonts, "+NotoSansArabic-Regular", "the Arabic worksheet's fonts");
	ck_assert_msg(strstr(fonts, " no ") == NULL, "a font is not embedded, "
	    "or not a subset:\n%s", fonts);
	free(text);
	free(fonts);
	/* the Spanish booklet: its steps, in Spanish */
	snprintf(cmd, sizeof(cmd), "pdftotext -q %s/public/es/worksheets/"
	    "booklet-a4.pdf -", dir);
	text = command_output(cmd);
	assert_has(text, "Escribir el original", "the Spanish booklet");
	assert_has(text, "Repite lo que oíste", "the Spanish booklet");
	ck_assert_ptr_null(strstr(text, "Write the original"));
	free(text);
	/* the Arabic page offers the Arabic worksheet */
	ar = page(dir, "ar/steps/write/index.html");
	assert_has(ar, "href=\"../../../ar/worksheets/say-it-back-a4.pdf\"",
	    "the Arabic page");
	free(ar);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* With [search] on, each language gets its own search page and index,
   under its folder, holding its own pages' words only. */
START_TEST(search_per_language)
{
	char *dir = example(), *toml, *html, *ar, *en;
	struct buf text = BUF_INIT;

	toml = harness_read(dir, "site.toml");
	buf_printf(&text, "%s\n[search]\nenabled = true\n", toml);
	harness_write(dir, "site.toml", buf_str(&text));
	build_clean(dir);
	html = page(dir, "ar/search/index.html");
	assert_has(html, "<html lang=\"ar\" dir=\"rtl\">", "ar/search/index.html");
	ar = page(dir, "ar/search/manifest.js");
	assert_has(ar, "\"lang\":\"ar\"", "ar/search/manifest.js");
	free(ar);
	ar = page(dir, "ar/search/t/0.js");
	en = page(dir, "search/t/0.js");
	assert_has(ar, "تحمله", "the Arabic index");
	ck_assert_ptr_null(strstr(en, "تحمله"));
	free(toml);
	free(html);
	free(ar);
	free(en);
	buf_free(&text);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(stale_translation_warned)
{
	char *dir = example(), *text;
	struct buf body = BUF_INIT;
	struct run r;

	text = harness_read(dir, "content/steps/write.md");
	buf_printf(&body, "%sA new paragraph in the original.\n", text);
	harness_write(dir, "content/steps/write.md", buf_str(&body));
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_int_eq(r.status, 0);
	assert_has(r.err, "content/steps/write.ar.md:2:18: warning: "
	    "content/steps/write.md has changed since this translation was made "
	    "(translation_of = \"1f6c4c17423fde57\"; it is now \"", "the warnings");
	assert_has(r.err, "content/steps/write.es.md:2:18: warning: ", "the warnings");
	run_free(&r);
	run_mend(&r, dir, NULL, "translations", "--lang", "es", NULL);
	ck_assert_int_eq(r.status, 0);
	assert_has(r.out, "  es     content/steps/write.es.md: out of date",
	    "mend translations");
	assert_has(r.out, "  es     content/steps/translate.es.md: up to date",
	    "mend translations");
	ck_assert_ptr_null(strstr(r.out, "  ar "));
	run_free(&r);
	run_mend(&r, dir, NULL, "translations", "--lang", "fr", NULL);
	ck_assert_int_eq(r.status, 2);
	assert_has(r.err, "'fr' is not a language the site is translated into; "
	    "its translations are in 'ar', 'es'", "mend translations --lang fr");
	run_free(&r);
	free(text);
	buf_free(&body);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(bad_layouts_refused)
{
	char *dir = example(), *toml;
	struct buf text = BUF_INIT;
	struct run r;

	/* a translation into a language the site does not have: left out */
	harness_write(dir, "content/steps/write.fr.md", "+++\ntitle = \"Écrire\"\n+++\n");
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.err, "content/steps/write.fr.md: warning: 'fr' is not "
	    "one of the site's languages, so this translation is left out: add "
	    "[languages.fr] to site.toml to publish it\n"
	    "mend: 0 errors, 1 warning\n");
	ck_assert(!harness_exists(dir, "public/steps/write.fr/index.html"));
	run_free(&r);
	/* a folder named as a language */
	harness_write(dir, "content/ar/x.md", "+++\ntitle = \"x\"\n+++\n");
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_int_eq(r.status, 3);
	assert_has(r.err, "content/ar/x.md: error: the folder 'ar' is where the "
	    "'ar' pages are published", "the errors");
	run_free(&r);
	harness_rmtree(dir);
	free(dir);
	/* a table that names no language tag */
	dir = example();
	toml = harness_read(dir, "site.toml");
	buf_printf(&text, "%s\n[languages.\"ar abc\"]\nname = \"x\"\n", toml);
	harness_write(dir, "site.toml", buf_str(&text));
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_int_eq(r.status, 3);
	assert_has(r.err, "error: 'ar abc' is not a language tag", "the errors");
	run_free(&r);
	free(toml);
	buf_free(&text);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* An exercise for both partners, with two per-partner columns, a shared
   one and a blank row; in Arabic too (the Spanish page uses the English). */
static const char agree_lua[] =
    "return exercise {\n"
    "  title = \"Agree\",\n"
    "  audience = \"both\",\n"
    "  print = { orientation = \"landscape\" },\n"
    "  fields = {\n"
    "    table {\n"
    "      id = \"areas\", label = \"Areas\", row_header = \"Area\",\n"
    "      columns = {\n"
    "        { id = \"need\", label = \"What I need\", partner = true,\n"
    "          width = 3 },\n"
    "        { id = \"offer\", label = \"What I can offer\", partner = true,\n"
    "          width = 3 },\n"
    "        { id = \"agree\", label = \"What we agree\" },\n"
    "      },\n"
    "      rows = { { id = \"time\", label = \"Time\" } },\n"
    "      blank_rows = 1,\n"
    "    },\n"
    "  },\n"
    "}\n";
static const char agree_ar_lua[] =
    "return exercise {\n"
    "  title = \"اتفاق\",\n"
    "  audience = \"both\",\n"
    "  print = { orientation = \"landscape\" },\n"
    "  fields = {\n"
    "    table {\n"
    "      id = \"areas\", label = \"المجالات\",\n"
    "      row_header = \"المجال\",\n"
    "      columns = {\n"
    "        { id = \"need\", label = \"ما أحتاجه\", partner = true,\n"
    "          width = 3 },\n"
    "        { id = \"offer\", label = \"ما أستطيع تقديمه\",\n"
    "          partner = true, width = 3 },\n"
    "        { id = \"agree\", label = \"ما نتفق عليه\" },\n"
    "      },\n"
    "      rows = { { id = \"time\", label = \"الوقت\" } },\n"
    "      blank_rows = 1,\n"
    "    },\n"
    "  },\n"
    "}\n";

START_TEST(partner_words_per_language)
{
	char *dir = example(), *en, *ar, *es;

	harness_write(dir, "exercises/agree.lua", agree_lua);
	harness_write(dir, "exercises/agree.ar.lua", agree_ar_lua);
	harness_write(dir, "content/steps/agree.md", "+++\ntitle = \"Agree\"\n"
	    "weight = 9\n+++\n\n```exercise agree\n```\n");
	harness_write(dir, "content/steps/agree.ar.md", "+++\ntitle = \"اتفاق\"\n"
	    "weight = 9\n+++\n\n```exercise agree\n```\n");
	harness_write(dir, "content/steps/agree.es.md", "+++\ntitle = \"Acuerdo\"\n"
	    "weight = 9\n+++\n\n```exercise agree\n```\n");
	build_clean(dir);
	en = page(dir, "steps/agree/index.html");
	ar = page(dir, "ar/steps/agree/index.html");
	es = page(dir, "es/steps/agree/index.html");
	/* English as it always was */
	assert_has(en, "<span class=\"visually-hidden\">Time: What I need, first "
	    "partner</span><span class=\"partner-name\" aria-hidden=\"true\">First "
	    "partner</span>", "the English page");
	assert_has(en, ">Your own area 1</label>", "the English page");
	assert_has(en, "Each of you has your own answers in “What I need” and "
	    "“What I can offer”; “What we agree” are the same for both of you. ",
	    "the English page");
	/* Arabic: each answer's label, the partners' names, the blank row,
	   and the columns quoted and joined in the partner note */
	assert_has(ar, "<span class=\"visually-hidden\">الوقت: ما أحتاجه، الشريك "
	    "الأول</span><span class=\"partner-name\" aria-hidden=\"true\">الشريك "
	    "الأول</span>", "the Arabic page");
	assert_has(ar, ">الوقت: ما أستطيع تقديمه، الشريك الثاني</span>",
	    "the Arabic page");
	assert_has(ar, ">مجال آخر 1</label>", "the Arabic page");
	assert_has(ar, ">مجال آخر 1: ما نتفق عليه</label>", "the Arabic page");
	assert_has(ar, "لكل منكما إجاباته الخاصة في «ما أحتاجه» و«ما أستطيع "
	    "تقديمه»؛ «ما نتفق عليه» هي نفسها لكليكما.", "the Arabic page");
	/* Spanish, around an exercise that has no Spanish translation */
	assert_has(es, "<span class=\"visually-hidden\">Time: What I need, primera "
	    "persona</span><span class=\"partner-name\" aria-hidden=\"true\">"
	    "Primera persona</span>", "the Spanish page");
	assert_has(es, ">Ámbito propio 1</label>", "the Spanish page");
	assert_has(es, "Cada uno tiene sus propias respuestas en «What I need» y "
	    "«What I can offer»; «What we agree» son las mismas para los dos.",
	    "the Spanish page");
	/* no English word of the form's own left on either */
	ck_assert_ptr_null(strstr(ar, "first partner"));
	ck_assert_ptr_null(strstr(ar, "Second partner"));
	ck_assert_ptr_null(strstr(ar, "Your own area"));
	ck_assert_ptr_null(strstr(ar, "»; «"));
	ck_assert_ptr_null(strstr(ar, "» and «"));
	ck_assert_ptr_null(strstr(es, "first partner"));
	ck_assert_ptr_null(strstr(es, "Second partner"));
	ck_assert_ptr_null(strstr(es, "Your own area"));
	ck_assert_ptr_null(strstr(es, "“"));
	free(en);
	free(ar);
	free(es);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* x.en.md beside x.md on a site in "en": one page twice, and why. */
START_TEST(default_tag_is_the_same_page)
{
	char *dir = example(), *text;
	struct run r;

	text = harness_read(dir, "content/steps/write.md");
	harness_write(dir, "content/steps/write.en.md", text);
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_int_eq(r.status, 3);
	ck_assert_str_eq(r.err, "content/steps/write.en.md:1:1: error: duplicate "
	    "URL '/steps/write/': 'en' is the site's default language, whose "
	    "pages need no tag in their name, so content/steps/write.en.md and "
	    "content/steps/write.md are the same page; remove one of them, or "
	    "rename content/steps/write.en.md if it is another page\n"
	    "mend: build failed; nothing was written\n"
	    "mend: 1 error, 0 warnings\n");
	run_free(&r);
	free(text);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("languages");
	TCase *tc = tcase_create("languages");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, pages_per_language);
	tcase_add_test(tc, untranslated_left_out);
	tcase_add_test(tc, untranslated_exercise_marked);
	tcase_add_test(tc, site_files_per_language);
	tcase_add_test(tc, pdfs_per_language);
	tcase_add_test(tc, search_per_language);
	tcase_add_test(tc, stale_translation_warned);
	tcase_add_test(tc, bad_layouts_refused);
	tcase_add_test(tc, partner_words_per_language);
	tcase_add_test(tc, default_tag_is_the_same_page);
	suite_add_tcase(s, tc);
	return harness_run(s, NULL) == 0 ? 0 : 1;
}
