/*
 * search — the search index's C side (search.h): words folded, stop words
 * left out and stems made exactly as tests/search-vectors.txt says (the
 * same file holds search.js to it); a small site's pages read into
 * sections with their headings' ids; each term's postings with the fields
 * it was found in; the shards split under a size, each term in exactly the
 * shard search.js will look in; the same bytes on any number of threads;
 * an index of one language's pages under its folder, stemmed only in
 * English; and, through mend build, the files on disk, and [search]
 * enabled = false leaving them out.
 */
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build.h"
#include "lib/buf.h"
#include "lib/util.h"
#include "site/config.h"
#include "site/content.h"
#include "site/markdown.h"
#include "site/search.h"
#include "site/site.h"
#include "site/theme.h"
#include "harness.h"

/* The terms search_words, search_stop_word and search_stem make of text. */
static void
add_term(void *ctx, char *word, size_t len)
{
	struct buf *out = ctx;

	if (search_stop_word(word, len))
		return;
	len = search_stem(word, len);
	ck_assert_uint_eq(strlen(word), len);
	if (out->len > 0)
		buf_putc(out, ' ');
	buf_put(out, word, len);
}

static void
terms_of(const char *text, struct buf *out)
{
	buf_reset(out);
	search_words(text, strlen(text), add_term, out);
}

START_TEST(shared_vectors)
{
	char path[4200], *data, *line, *next, *tab;
	size_t len, n = 0;
	struct buf got = BUF_INIT;

	snprintf(path, sizeof(path), "%s/tests/search-vectors.txt", harness_root());
	ck_assert_int_eq(util_read_file(path, &data, &len), 0);
	for (line = data; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		tab = strchr(line, '\t');
		ck_assert_msg(tab != NULL, "no tab in '%s'", line);
		*tab = '\0';
		terms_of(line, &got);
		ck_assert_msg(strcmp(buf_str(&got), tab + 1) == 0,
		    "'%s': got '%s', want '%s'", line, buf_str(&got), tab + 1);
		n++;
	}
	ck_assert_uint_ge(n, 20);
	buf_free(&got);
	free(data);
}
END_TEST

START_TEST(stem_only_shortens_ascii)
{
	char w[32];

	strcpy(w, "is");
	ck_assert_uint_eq(search_stem(w, 2), 2);
	strcpy(w, "ties");   /* too short for "-ies" -> "-y": the plural rule */
	ck_assert_uint_eq(search_stem(w, 4), 3);
	ck_assert_str_eq(w, "tie");
	strcpy(w, "caf\xc3\xa9s");  /* not ASCII: as it is */
	ck_assert_uint_eq(search_stem(w, 6), 6);
	ck_assert(search_stop_word("the", 3));
	ck_assert(!search_stop_word("them", 4));
}
END_TEST

/* A fresh folder holding a small site, made the current one. */
/* The repository's calm theme into dir/themes/calm. */
static void
copy_theme(const char *dir)
{
	char src[4200], dst[4200];

	snprintf(src, sizeof(src), "%s/themes/calm", harness_root());
	snprintf(dst, sizeof(dst), "%s/themes", dir);
	ck_assert_int_eq(mkdir(dst, 0755), 0);
	snprintf(dst, sizeof(dst), "%s/themes/calm", dir);
	harness_copytree(src, dst);
}

static char *
small_site(void)
{
	char *dir = harness_tmpdir();

	copy_theme(dir);

	harness_write(dir, "site.toml", "title = \"T\"\nbase_url = \"https://guide.org/\"\n"
	    "description = \"A guide.\"\n[search]\nenabled = true\n");
	harness_write(dir, "content/_index.md", "+++\ntitle = \"Home\"\n+++\n"
	    "Welcome. Nothing about walls here.\n");
	harness_write(dir, "content/steps/_index.md", "+++\ntitle = \"The steps\"\n+++\n");
	harness_write(dir, "content/steps/one.md", "+++\ntitle = \"Boundaries first\"\n"
	    "weight = 1\n+++\nIntro text &amp; more.\n\n## Saying no\n\n"
	    "A boundary is kind. Boundaries, boundaries.\n\n```\ncode stays text\n```\n");
	harness_write(dir, "content/steps/two.md", "+++\ntitle = \"Listening\"\n"
	    "weight = 2\n+++\n## Walls and boundaries\n\nListen *well*.\n");
	ck_assert_int_eq(chdir(dir), 0);
	return dir;
}

static void
folder_end(char *dir)
{
	ck_assert_int_eq(chdir(harness_root()), 0);
	harness_rmtree(dir);
	free(dir);
}

/* The site in the current folder, loaded and its bodies rendered. */
static struct site *
load_rendered(void)
{
	struct content_options opt = { "content", false, 1 };
	struct md_options mdopt;
	struct site *site = xcalloc(1, sizeof(*site));
	size_t i;

	memset(&mdopt, 0, sizeof(mdopt));
	site->config = config_load("site.toml");
	ck_assert_ptr_nonnull(site->config);
	ck_assert_int_eq(content_load(site, &opt), 0);
	for (i = 0; i < site->npages; i++) {
		struct page *p = site->pages[i];

		ck_assert_int_eq(markdown_render(p->body, p->body_len, p->source_path,
		    p->body_line, &mdopt, &p->doc), 0);
		p->rendered = true;
	}
	return site;
}

/* The JSON argument of a file's call: "mendSearch.NAME(N,JSON);" */
static json_t *
argument(const struct search_file *f)
{
	const char *s = buf_str(&f->data);
	const char *start = strncmp(s, "mendSearch.manifest(", 20) == 0 ?
	    strchr(s, '(') + 1 : strchr(s, ',') + 1;
	size_t len = strlen(start);
	json_error_t err;
	json_t *v;

	ck_assert(len > 3 && strcmp(start + len - 3, ");\n") == 0);
	v = json_loadb(start, len - 3, 0, &err);
	ck_assert_msg(v != NULL, "%s: %s", f->path, err.text);
	return v;
}

static const struct search_file *
file_named(const struct search_file *files, size_t n, const char *path)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(files[i].path, path) == 0)
			return &files[i];
	ck_abort_msg("no %s", path);
	return NULL;
}

/* The page index of the page whose url (from the root) is url. */
static size_t
page_at(const struct site *site, const char *url)
{
	size_t i;

	for (i = 0; i < site->npages; i++)
		if (strcmp(site->pages[i]->url + 1, url) == 0)
			return i;
	ck_abort_msg("no page %s", url);
	return 0;
}

/* The weight term has for page p in shard, or -1. */
static long
weight(json_t *shard, const char *term, size_t p)
{
	json_t *list = json_object_get(shard, term);
	size_t i, page = 0;

	if (list == NULL)
		return -1;
	for (i = 0; i + 1 < json_array_size(list); i += 2) {
		page += (size_t)json_integer_value(json_array_get(list, i));
		if (page == p)
			return (long)json_integer_value(json_array_get(list, i + 1));
	}
	return -1;
}

/* The project in the current folder, rendered, and its index with its
   files: what most tests here read. */
struct indexed {
	struct site *site;
	struct theme *theme;
	struct search_index *ix;
	struct search_file *files;  /* shards of at most the bytes asked for */
	size_t nfiles;
};

static void
index_here(struct indexed *x, int threads, size_t shard_bytes)
{
	x->site = load_rendered();
	x->theme = theme_load(x->site->config);
	x->ix = search_collect(x->site, x->theme, threads);
	ck_assert_ptr_nonnull(x->ix);
	search_index_files(x->ix, shard_bytes, &x->files, &x->nfiles);
}

static void
indexed_free(struct indexed *x)
{
	search_files_free(x->files, x->nfiles);
	search_index_free(x->ix);
	theme_free(x->theme);
	site_free(x->site);
}

START_TEST(postings_and_sections)
{
	char *dir = small_site();
	struct indexed x;
	size_t one, two;
	json_t *shard, *meta, *text, *sections;

	index_here(&x, 2, 1 << 20);
	one = page_at(x.site, "steps/one/");
	two = page_at(x.site, "steps/two/");
	/* One shard for a small site, under the empty key. */
	shard = argument(file_named(x.files, x.nfiles, "search/t/0.js"));
	ck_assert_str_eq(buf_str(&file_named(x.files, x.nfiles, "search/manifest.js")->data),
	    "mendSearch.manifest({\"pages\":4,\"meta\":64,\"text\":4,\"keymax\":6,"
	    "\"lang\":\"en\",\"shards\":{\"\":0}});\n");
	/* "boundary": title, heading? no, text 3 times on one; heading on two. */
	ck_assert_int_eq(weight(shard, "boundary", one),
	    4 << 3 | SEARCH_IN_TITLE | SEARCH_IN_TEXT);
	ck_assert_int_eq(weight(shard, "boundary", two), 1 << 3 | SEARCH_IN_HEADING);
	ck_assert_int_eq(weight(shard, "listen", two), 2 << 3 | SEARCH_IN_TITLE | SEARCH_IN_TEXT);
	ck_assert_int_eq(weight(shard, "wall", page_at(x.site, "")), 1 << 3 | SEARCH_IN_TEXT);
	ck_assert_int_eq(weight(shard, "code", one), 1 << 3 | SEARCH_IN_TEXT);
	ck_assert_ptr_null(json_object_get(shard, "the"));  /* a stop word */
	json_decref(shard);

	meta = argument(file_named(x.files, x.nfiles, "search/p/0.js"));
	ck_assert_str_eq(json_string_value(json_array_get(json_array_get(meta, one), 0)), "steps/one/");
	ck_assert_str_eq(json_string_value(json_array_get(json_array_get(meta, one), 1)), "Boundaries first");
	ck_assert_str_eq(json_string_value(json_array_get(json_array_get(meta, one), 2)), "Step 1");
	json_decref(meta);

	/* Page one's text: the intro, then the heading's section with its id. */
	text = argument(file_named(x.files, x.nfiles, "search/x/0.js"));
	sections = json_array_get(text, one % SEARCH_TEXT_GROUP);
	ck_assert_uint_eq(json_array_size(sections), 2);
	ck_assert_str_eq(json_string_value(json_array_get(json_array_get(sections, 0), 2)),
	    "Intro text & more.");
	ck_assert_str_eq(json_string_value(json_array_get(json_array_get(sections, 1), 0)), "saying-no");
	ck_assert_str_eq(json_string_value(json_array_get(json_array_get(sections, 1), 1)), "Saying no");
	json_decref(text);
	indexed_free(&x);
	folder_end(dir);
}
END_TEST

/* A section's text in its script file: quotes, backslashes, '<' (never
   "</script" in a script) and U+2028 escaped, wherever they fall in
   the eight-byte runs; the JSON gives back the text as it was. */
START_TEST(text_escaped_in_its_script)
{
	char *dir = small_site(), *raw;
	struct indexed x;
	size_t at;
	json_t *text;
	const char *want = "Plain words first, then say \"sorry\" \\ now </script> ends\xE2\x80\xA8"
	    "here, and a longer run of plain words before the end.";

	harness_write(dir, "content/steps/one.md", "+++\ntitle = \"Quotes\"\nweight = 1\n"
	    "+++\nPlain words first, then `say \"sorry\" \\ now </script>` ends\xE2\x80\xA8"
	    "here, and a longer run of plain words before the end.\n");
	index_here(&x, 1, 1 << 20);
	at = page_at(x.site, "steps/one/");
	raw = (char *)buf_str(&file_named(x.files, x.nfiles, "search/x/0.js")->data);
	ck_assert_ptr_null(strstr(raw, "</script"));
	ck_assert_ptr_nonnull(strstr(raw, "say \\\"sorry\\\" \\\\ now \\u003c/script> ends\\u2028here"));
	text = argument(file_named(x.files, x.nfiles, "search/x/0.js"));
	ck_assert_str_eq(json_string_value(json_array_get(json_array_get(
	    json_array_get(text, at % SEARCH_TEXT_GROUP), 0), 2)), want);
	json_decref(text);
	indexed_free(&x);
	folder_end(dir);
}
END_TEST

/* The shard search.js looks term up in: the longest key that starts it. */
static long
shard_of(json_t *keys, const char *term)
{
	size_t k, n = 0, lens[64];
	const char *p;

	lens[n++] = 0;
	for (p = term; *p != '\0' && n < 64; p++)
		if (((unsigned char)p[1] & 0xC0) != 0x80)
			lens[n++] = (size_t)(p + 1 - term);
	for (k = n; k-- > 0;) {
		char key[256];
		json_t *v;

		if (k > SEARCH_KEY_MAX)
			continue;
		snprintf(key, sizeof(key), "%.*s", (int)lens[k], term);
		if ((v = json_object_get(keys, key)) != NULL)
			return (long)json_integer_value(v);
	}
	return -1;
}

START_TEST(shards_split_under_a_size)
{
	char *dir = harness_tmpdir();
	struct buf body = BUF_INIT;
	struct indexed x;
	size_t i, nshards = 0, nterms = 0;
	json_t *manifest, *keys;
	int w;

	harness_write(dir, "site.toml", "title = \"T\"\nbase_url = \"https://guide.org/\"\n"
	    "[search]\nenabled = true\n");
	harness_write(dir, "content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
	/* Many words, sharing prefixes: "ba", "bab", "baba"... and others. */
	buf_puts(&body, "+++\ntitle = \"Words\"\n+++\nb ba bab baba babab bb bc \xc3\xa9t\xc3\xa9 "
	    "\xd0\xbc\xd0\xb8\xd1\x80 \xd0\xbc\xd0\xb8\xd1\x80\xd1\x8b ");
	for (w = 0; w < 600; w++)
		buf_printf(&body, "w%c%c%d ", 'a' + w % 26, 'a' + w / 26 % 26, w);
	buf_putc(&body, '\n');
	harness_write(dir, "content/words.md", buf_str(&body));
	copy_theme(dir);
	ck_assert_int_eq(chdir(dir), 0);
	index_here(&x, 1, 200);
	manifest = argument(file_named(x.files, x.nfiles, "search/manifest.js"));
	keys = json_object_get(manifest, "shards");
	for (i = 0; i < x.nfiles; i++) {
		json_t *shard;
		const char *term;
		json_t *v;
		long number;

		if (strncmp(x.files[i].path, "search/t/", 9) != 0)
			continue;
		nshards++;
		number = strtol(x.files[i].path + 9, NULL, 10);
		shard = argument(&x.files[i]);
		/* Small enough, unless it is one term. */
		ck_assert_msg(x.files[i].data.len <= 200 + 40 || json_object_size(shard) == 1,
		    "%s: %zu bytes", x.files[i].path, x.files[i].data.len);
		json_object_foreach(shard, term, v) {
			ck_assert_msg(shard_of(keys, term) == number,
			    "'%s' is in shard %ld, looked up in %ld", term, number,
			    shard_of(keys, term));
			nterms++;
		}
		json_decref(shard);
	}
	ck_assert_uint_gt(nshards, 10);
	ck_assert_uint_eq(json_object_size(keys), nshards);
	ck_assert_uint_eq(nterms, 600 + 10 + 1 + 1);  /* the words, "word" (title), "home" */
	json_decref(manifest);
	indexed_free(&x);
	buf_free(&body);
	ck_assert_int_eq(chdir(harness_root()), 0);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* The files of two indexes are the same, byte for byte. */
static void
assert_same_files(const struct search_file *a, size_t na,
    const struct search_file *b, size_t nb)
{
	size_t i;

	ck_assert_uint_eq(na, nb);
	for (i = 0; i < na; i++) {
		ck_assert_str_eq(a[i].path, b[i].path);
		ck_assert_msg(a[i].data.len == b[i].data.len &&
		    memcmp(a[i].data.data, b[i].data.data, a[i].data.len) == 0,
		    "%s differs", a[i].path);
	}
}

/* Pages enough for several chunks of pages, made on 1 and on 3 threads:
   the same files. */
START_TEST(same_bytes_for_any_number_of_threads)
{
	char *dir = harness_tmpdir();
	struct buf body = BUF_INIT, path = BUF_INIT;
	struct site *site;
	struct theme *theme;
	struct search_index *one, *three;
	struct search_file *f1, *f3;
	struct build_options opt;
	size_t n1, n3, i, ntext = 0;
	int p;

	harness_write(dir, "site.toml", "title = \"T\"\nbase_url = \"https://guide.org/\"\n"
	    "[search]\nenabled = true\n");
	harness_write(dir, "content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
	harness_write(dir, "content/steps/_index.md", "+++\ntitle = \"Steps\"\n+++\n");
	for (p = 0; p < 300; p++) {
		buf_reset(&body);
		buf_reset(&path);
		buf_printf(&body, "+++\ntitle = \"Page %d about trust\"\nweight = %d\n+++\n"
		    "Words w%d and shared words, listening %d times.\n\n## Part %d\n\n"
		    "More text on page %d: boundaries, feelings, w%d.\n", p, p + 1, p % 37, p,
		    p % 5, p, p % 101);
		buf_printf(&path, "content/steps/p%03d.md", p);
		harness_write(dir, buf_str(&path), buf_str(&body));
	}
	copy_theme(dir);
	ck_assert_int_eq(chdir(dir), 0);
	site = load_rendered();
	theme = theme_load(site->config);
	one = search_collect(site, theme, 1);
	three = search_collect(site, theme, 3);
	search_index_files(one, 2000, &f1, &n1);
	search_index_files(three, 2000, &f3, &n3);
	assert_same_files(f1, n1, f3, n3);
	for (i = 0; i < n1; i++)
		ntext += strncmp(f1[i].path, "search/x/", 9) == 0;
	ck_assert_uint_eq(ntext, (site->npages + SEARCH_TEXT_GROUP - 1) / SEARCH_TEXT_GROUP);
	ck_assert_uint_gt(site->npages, 4 * 64);  /* more than a few chunks */
	/* mend build makes the same index from the assembled pages, each
	   chunk writing its search/x/ files as it goes, on two threads. */
	memset(&opt, 0, sizeof(opt));
	opt.out_dir = "public";
	opt.quiet = true;
	opt.no_check = true;
	opt.jobs = 2;
	ck_assert_int_eq(build_site(&opt), EXIT_OK);
	search_files_free(f3, n3);
	search_index_files(one, SEARCH_SHARD_BYTES, &f3, &n3);
	ck_assert_uint_gt(n3, ntext + 2);  /* the shards, pages and manifest too */
	for (i = 0; i < n3; i++) {
		char *built = harness_read("public", f3[i].path);

		if (strcmp(built, buf_str(&f3[i].data)) != 0)
			ck_abort_msg("public/%s differs from the index's", f3[i].path);
		free(built);
	}
	search_files_free(f1, n1);
	search_files_free(f3, n3);
	search_index_free(one);
	search_index_free(three);
	theme_free(theme);
	site_free(site);
	buf_free(&body);
	buf_free(&path);
	folder_end(dir);
}
END_TEST

/* An index of some pages in another language, under its folder: no stop
   words, no stems, lower case; its URLs from its folder. */
START_TEST(one_language_under_its_folder)
{
	char *dir = small_site();
	struct site *site = load_rendered();
	struct theme *theme = theme_load(site->config);
	struct search_scope scope;
	struct page *pages[2];
	struct search_index *ix;
	struct search_file *files;
	size_t nfiles;
	json_t *shard, *meta;

	pages[0] = site->pages[page_at(site, "")];
	pages[1] = site->pages[page_at(site, "steps/one/")];
	memset(&scope, 0, sizeof(scope));  /* bodies NULL: each page's doc */
	scope.pages = pages;
	scope.npages = 2;
	scope.lang = "fr";
	scope.lang_index = 0;
	scope.prefix = "fr/";
	ix = search_collect_pages(site, theme, &scope, 2);
	ck_assert_ptr_nonnull(ix);
	search_index_files(ix, 1 << 20, &files, &nfiles);
	ck_assert_str_eq(buf_str(&file_named(files, nfiles, "fr/search/manifest.js")->data),
	    "mendSearch.manifest({\"pages\":2,\"meta\":64,\"text\":4,\"keymax\":6,"
	    "\"lang\":\"fr\",\"shards\":{\"\":0}});\n");
	shard = argument(file_named(files, nfiles, "fr/search/t/0.js"));
	/* As written, in lower case: "Boundaries" in the title, twice in the text. */
	ck_assert_int_eq(weight(shard, "boundaries", 1), 3 << 3 | SEARCH_IN_TITLE | SEARCH_IN_TEXT);
	ck_assert_int_eq(weight(shard, "boundary", 1), 1 << 3 | SEARCH_IN_TEXT);
	ck_assert_int_eq(weight(shard, "is", 1), 1 << 3 | SEARCH_IN_TEXT);  /* no stop words */
	ck_assert_int_eq(weight(shard, "saying", 1), 1 << 3 | SEARCH_IN_HEADING);
	ck_assert_int_eq(weight(shard, "listen", 1), -1);  /* not one of its pages */
	json_decref(shard);
	/* The pages' URLs from fr/: outside it, they climb out. */
	meta = argument(file_named(files, nfiles, "fr/search/p/0.js"));
	ck_assert_str_eq(json_string_value(json_array_get(json_array_get(meta, 0), 0)), "../");
	ck_assert_str_eq(json_string_value(json_array_get(json_array_get(meta, 1), 0)),
	    "../steps/one/");
	json_decref(meta);
	(void)file_named(files, nfiles, "fr/search/x/0.js");
	ck_assert(search_english("en") && search_english("EN-gb") && search_english(NULL));
	ck_assert(!search_english("fr") && !search_english("eng") && !search_english("ar"));
	search_files_free(files, nfiles);
	search_index_free(ix);
	theme_free(theme);
	site_free(site);
	folder_end(dir);
}
END_TEST

START_TEST(build_writes_it_and_setting_turns_it_off)
{
	char *dir = small_site(), *html, *sitemap;
	struct run r;

	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	ck_assert(harness_exists(dir, "public/search/index.html"));
	ck_assert(harness_exists(dir, "public/search/manifest.js"));
	ck_assert(harness_exists(dir, "public/search/t/0.js"));
	ck_assert(harness_exists(dir, "public/search/p/0.js"));
	ck_assert(harness_exists(dir, "public/search/x/0.js"));
	ck_assert(harness_exists(dir, "public/search.js"));
	html = harness_read(dir, "public/steps/one/index.html");
	/* the footer's link, which search-form.js makes the header's box from */
	ck_assert_ptr_nonnull(strstr(html,
	    "<a href=\"../../search/index.html\" rel=\"search\">Search</a>"));
	ck_assert_ptr_nonnull(strstr(html, "<script src=\"../../search-form.js\""));
	free(html);
	/* the search page's own links: home as every page names it */
	html = harness_read(dir, "public/search/index.html");
	ck_assert_ptr_nonnull(strstr(html, "class=\"site-title\" href=\"../index.html\""));
	ck_assert_ptr_nonnull(strstr(html, "data-safety-href=\"../index.html#safety\""));
	free(html);

	harness_write(dir, "site.toml", "title = \"T\"\nbase_url = \"https://guide.org/\"\n"
	    "description = \"A guide.\"\n[search]\nenabled = false\n");
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	ck_assert(!harness_exists(dir, "public/search/index.html"));
	ck_assert(!harness_exists(dir, "public/search/manifest.js"));
	html = harness_read(dir, "public/steps/one/index.html");
	ck_assert_ptr_null(strstr(html, "search"));
	free(html);
	sitemap = harness_read(dir, "public/sitemap.xml");
	ck_assert_ptr_null(strstr(sitemap, "search"));
	free(sitemap);

	/* Off unless asked for: no [search] table, no search. */
	harness_write(dir, "site.toml", "title = \"T\"\nbase_url = \"https://guide.org/\"\n"
	    "description = \"A guide.\"\n");
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	ck_assert(!harness_exists(dir, "public/search/index.html"));

	/* A theme without layouts/search.mustache: no search, nothing about it. */
	harness_write(dir, "site.toml", "title = \"T\"\nbase_url = \"https://guide.org/\"\n"
	    "description = \"A guide.\"\n[search]\nenabled = true\n");
	{
		char path[4200];

		snprintf(path, sizeof(path), "%s/themes/calm/layouts/search.mustache", dir);
		ck_assert_int_eq(unlink(path), 0);
	}
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	ck_assert(!harness_exists(dir, "public/search/index.html"));
	html = harness_read(dir, "public/steps/one/index.html");
	ck_assert_ptr_null(strstr(html, "search"));
	free(html);
	sitemap = harness_read(dir, "public/sitemap.xml");
	ck_assert_ptr_null(strstr(sitemap, "search"));
	free(sitemap);

	harness_write(dir, "site.toml", "title = \"T\"\n[search]\nenabled = \"no\"\nenabeld = true\n");
	run_mend(&r, dir, NULL, "build", "-q", NULL);
	ck_assert_int_ne(r.status, 0);
	ck_assert_msg(strstr(r.err, "site.toml:3:11: error: 'search.enabled'") != NULL, "%s", r.err);
	ck_assert_ptr_nonnull(strstr(r.err, "unknown key 'search.enabeld' (did you mean 'search.enabled'?)"));
	run_free(&r);
	folder_end(dir);
}
END_TEST

static Suite *
search_suite(void)
{
	Suite *s = suite_create("search");
	TCase *tc = tcase_create("words");

	tcase_add_test(tc, shared_vectors);
	tcase_add_test(tc, stem_only_shortens_ascii);
	suite_add_tcase(s, tc);
	tc = tcase_create("index");
	tcase_add_test(tc, postings_and_sections);
	tcase_add_test(tc, text_escaped_in_its_script);
	tcase_add_test(tc, shards_split_under_a_size);
	tcase_add_test(tc, same_bytes_for_any_number_of_threads);
	tcase_add_test(tc, one_language_under_its_folder);
	tcase_add_test(tc, build_writes_it_and_setting_turns_it_off);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(search_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
