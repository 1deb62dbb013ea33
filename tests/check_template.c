/*
 * Tests for template: the Mustache spec's own tests (read at run time from
 * $MEND_SHARED/conformance/mustache-spec/), what a theme author sees
 * (diagnostics, partials from a folder, layouts with blocks), and
 * `mend debug template` run through the binary.
 */
#include <check.h>
#include <jansson.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "harness.h"
#include "lib/template.h"
#include "lib/util.h"

/* The spec files mend must pass; lambdas and dynamic names are left out. */
static const char *const spec_files[] = {
	"comments.json", "delimiters.json", "interpolation.json",
	"inverted.json", "partials.json", "sections.json", "~inheritance.json",
	NULL
};
#define NFILES (sizeof(spec_files) / sizeof(spec_files[0]) - 1)

struct spec_case {
	const char *file;    /* the spec file, one of spec_files */
	const json_t *test;  /* its test object: name, template, data, ... */
};

static json_t *spec_roots[NFILES];   /* each file's parsed JSON, or NULL */
static struct spec_case *spec_cases; /* every test of every file, in order */
static size_t nspec_cases;
static size_t file_first[NFILES + 1]; /* file i: [first[i], first[i + 1]) */

/* Diagnostics as the tests see them: "file:line:col: message\n" each. */
static struct buf diags = BUF_INIT;

static void
capture(const struct diag *d, void *ctx)
{
	(void)ctx;
	buf_puts(&diags, d->file != NULL ? d->file : "mend");
	if (d->line > 0)
		buf_printf(&diags, ":%d", d->line);
	if (d->line > 0 && d->col > 0)
		buf_printf(&diags, ":%d", d->col);
	buf_printf(&diags, ": %s\n", d->message);
}

static void
setup(void)
{
	buf_reset(&diags);
	diag_set_sink(capture, NULL);
}

static void
teardown(void)
{
	diag_set_sink(NULL, NULL);
	buf_free(&diags);
}

static void
load_spec(void)
{
	char path[4096];
	json_error_t error;
	json_t *tests;
	size_t i, k;

	for (i = 0; i < NFILES; i++) {
		file_first[i] = nspec_cases;
		snprintf(path, sizeof(path), "%s/conformance/mustache-spec/%s",
		    harness_shared(), spec_files[i]);
		spec_roots[i] = json_load_file(path, 0, &error);
		tests = json_object_get(spec_roots[i], "tests");
		spec_cases = xrealloc(spec_cases, (nspec_cases +
		    json_array_size(tests) + 1) * sizeof(*spec_cases));
		for (k = 0; k < json_array_size(tests); k++) {
			spec_cases[nspec_cases].file = spec_files[i];
			spec_cases[nspec_cases].test = json_array_get(tests, k);
			nspec_cases++;
		}
	}
	file_first[NFILES] = nspec_cases;
}

/* s with line ends and tabs made visible, for messages; the caller frees. */
static char *
visible(const char *s, size_t len)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < len; i++)
		switch (s[i]) {
		case '\n': BUF_PUTSL(&b, "\\n"); break;
		case '\r': BUF_PUTSL(&b, "\\r"); break;
		case '\t': BUF_PUTSL(&b, "\\t"); break;
		default: buf_putc(&b, s[i]); break;
		}
	return buf_detach(&b);
}

START_TEST(spec_case)
{
	const struct spec_case *sc = &spec_cases[_i];
	const json_t *test = sc->test, *text;
	const char *name = json_string_value(json_object_get(test, "name"));
	json_t *tpl_json = json_object_get(test, "template");
	json_t *expected = json_object_get(test, "expected");
	json_t *partials = json_object_get(test, "partials");
	struct template_set *set = template_set_new(NULL);
	const struct template *tpl;
	struct buf out = BUF_INIT;
	static char message[8192];
	const char *partial;
	char *want, *got;
	int status = -1;
	bool same;

	json_object_foreach(partials, partial, text)
		template_set_add_partial(set, partial, json_string_value(text),
		    json_string_length(text));
	tpl = template_set_compile(set, name, json_string_value(tpl_json),
	    json_string_length(tpl_json));
	if (tpl != NULL)
		status = template_render(set, tpl,
		    json_object_get(test, "data"), &out);
	same = status == 0 && out.len == json_string_length(expected) &&
	    memcmp(buf_str(&out), json_string_value(expected), out.len) == 0;
	want = visible(json_string_value(expected),
	    json_string_length(expected));
	got = visible(buf_str(&out), out.len);
	snprintf(message, sizeof(message),
	    "%s: %s: expected \"%s\", got \"%s\"%s%s", sc->file, name, want,
	    got, status != 0 ? " and an error: " : "",
	    status != 0 ? buf_str(&diags) : "");
	free(want);
	free(got);
	template_set_free(set);
	buf_free(&out);
	ck_assert_msg(same, "%s", message);
}
END_TEST

START_TEST(spec_files_are_there)
{
	size_t i;

	for (i = 0; i < NFILES; i++)
		ck_assert_msg(file_first[i + 1] > file_first[i],
		    "no tests read from %s/conformance/mustache-spec/%s",
		    harness_shared(), spec_files[i]);
}
END_TEST

/* Compile text named name, render it with the JSON data; the caller frees. */
static char *
render_with(struct template_set *set, const char *name, const char *text,
    const char *data_json)
{
	json_t *data = json_loads(data_json, JSON_DECODE_ANY, NULL);
	const struct template *tpl;
	struct buf out = BUF_INIT;

	ck_assert_ptr_nonnull(data);
	tpl = template_set_compile(set, name, text, strlen(text));
	ck_assert_msg(tpl != NULL, "does not compile: %s", buf_str(&diags));
	ck_assert_int_eq(template_render(set, tpl, data, &out), 0);
	json_decref(data);
	return buf_detach(&out);
}

static char *
render(const char *text, const char *data_json)
{
	struct template_set *set = template_set_new(NULL);
	char *out = render_with(set, "t.mustache", text, data_json);

	template_set_free(set);
	return out;
}

/* The one diagnostic that compiling text reports, as the user reads it. */
static void
assert_error(const char *text, const char *expected)
{
	struct template_set *set = template_set_new(NULL);

	buf_reset(&diags);
	ck_assert_ptr_null(template_set_compile(set, "layouts/list.mustache",
	    text, strlen(text)));
	ck_assert_str_eq(buf_str(&diags), expected);
	template_set_free(set);
}

START_TEST(unclosed_section_points_at_its_opening)
{
	assert_error("<ul>\n  {{#pages}}\n  <li>{{title}}</li>\n</ul>\n",
	    "layouts/list.mustache:2:3: section 'pages' is not closed\n");
	assert_error("{{#a}}{{$b}}x{{/b}}", "layouts/list.mustache:1:1: "
	    "section 'a' is not closed\n");
	assert_error("{{<base}}\n", "layouts/list.mustache:1:1: "
	    "parent 'base' is not closed\n");
}
END_TEST

START_TEST(mismatched_close_names_both_tags)
{
	assert_error("<main>\n\n{{#pages}}\n  {{title}}\n{{/main}}\n",
	    "layouts/list.mustache:5:1: '{{/main}}' closes 'pages', "
	    "opened on line 3\n");
	assert_error("x {{/pages}}", "layouts/list.mustache:1:3: "
	    "'{{/pages}}' closes nothing: no section is open\n");
}
END_TEST

START_TEST(unclosed_tag_says_what_is_missing)
{
	assert_error("<h1>{{title</h1>\n", "layouts/list.mustache:1:5: "
	    "tag is not closed: expected '}}'\n");
	assert_error("a\n  {{{body}}\n", "layouts/list.mustache:2:3: "
	    "tag is not closed: expected '}}}'\n");
	assert_error("{{=<% %>=}}\n<% name }}", "layouts/list.mustache:2:1: "
	    "tag is not closed: expected '%>'\n");
}
END_TEST

START_TEST(bad_delimiters_and_empty_names)
{
	assert_error("{{=<% %>}}", "layouts/list.mustache:1:1: "
	    "bad set-delimiter tag: write it as '{{=OPEN CLOSE=}}'\n");
	assert_error("{{=<%=}}", "layouts/list.mustache:1:1: "
	    "bad set-delimiter tag: write it as '{{=OPEN CLOSE=}}'\n");
	assert_error("a {{# }}", "layouts/list.mustache:1:3: "
	    "empty tag name in '{{# }}'\n");
	assert_error("{{page title}}", "layouts/list.mustache:1:1: "
	    "bad tag name 'page title': a name has no spaces\n");
}
END_TEST

START_TEST(escaping_and_numbers)
{
	char *out = render(
	    "{{x}}|{{{x}}}|{{& x}}|{{n}} {{r}} {{big}} {{huge}} {{t}}",
	    "{\"x\": \"<a href=\\\"q\\\">Tom & Jerry's</a>\", \"n\": -42,"
	    " \"r\": 1.21, \"big\": 100.0, \"huge\": 1e300, \"t\": true}");

	ck_assert_str_eq(out, "&lt;a href=&quot;q&quot;&gt;Tom &amp; "
	    "Jerry&#39;s&lt;/a&gt;|<a href=\"q\">Tom & Jerry's</a>|"
	    "<a href=\"q\">Tom & Jerry's</a>|-42 1.21 100 1e+300 true");
	free(out);
}
END_TEST

START_TEST(empty_string_is_falsey)
{
	const char *tpl = "{{#page.date}}on {{page.date}}{{/page.date}}"
	    "{{^page.date}}undated{{/page.date}}";
	char *out = render(tpl, "{\"page\": {\"date\": \"\"}}");

	ck_assert_str_eq(out, "undated");
	free(out);
	out = render(tpl, "{\"page\": {\"date\": \"2024-05-01\"}}");
	ck_assert_str_eq(out, "on 2024-05-01");
	free(out);
	out = render("{{#n}}zero is truthy{{/n}}{{#e}}, so is {}{{/e}}",
	    "{\"n\": 0, \"e\": {}}");
	ck_assert_str_eq(out, "zero is truthy, so is {}");
	free(out);
}
END_TEST

START_TEST(partials_come_from_the_folder)
{
	char *dir = harness_tmpdir(), path[4096], *out;
	struct template_set *set;

	harness_write(dir, "partials/nav.mustache",
	    "<nav>\n{{#links}}\n  <a href=\"{{url}}\">{{title}}</a>\n"
	    "{{/links}}\n</nav>\n");
	snprintf(path, sizeof(path), "%s/partials", dir);
	set = template_set_new(path);
	template_set_add_partial(set, "footer", "<footer>{{site}}</footer>\n",
	    strlen("<footer>{{site}}</footer>\n"));
	out = render_with(set, "page.mustache",
	    "<body>\n  {{> nav}}\n  {{>missing}}\n{{>footer}}\n</body>\n",
	    "{\"site\": \"mend\", \"links\": ["
	    "{\"url\": \"/\", \"title\": \"Home\"},"
	    " {\"url\": \"/steps/\", \"title\": \"Steps\"}]}");
	ck_assert_str_eq(out, "<body>\n  <nav>\n    <a href=\"/\">Home</a>\n"
	    "    <a href=\"/steps/\">Steps</a>\n  </nav>\n"
	    "<footer>mend</footer>\n</body>\n");
	ck_assert_str_eq(buf_str(&diags), "");
	free(out);
	template_set_free(set);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(broken_partial_is_reported_at_its_file)
{
	char *dir = harness_tmpdir(), path[4096], expected[4200];
	struct template_set *set = template_set_new(dir);
	const struct template *tpl;
	struct buf out = BUF_INIT;

	harness_write(dir, "nav.mustache", "<nav>\n{{#links}}\n</nav>\n");
	tpl = template_set_compile(set, "page.mustache", "{{>nav}}", 8);
	ck_assert_ptr_nonnull(tpl);
	ck_assert_int_eq(template_render(set, tpl, NULL, &out), -1);
	snprintf(expected, sizeof(expected),
	    "%s/nav.mustache:2:1: section 'links' is not closed\n", dir);
	ck_assert_str_eq(buf_str(&diags), expected);
	snprintf(path, sizeof(path), "%s/none.mustache", dir);
	buf_reset(&diags);
	ck_assert_ptr_null(template_set_load(set, path, NULL));
	snprintf(expected, sizeof(expected),
	    "%s: cannot read template: No such file or directory\n", path);
	ck_assert_str_eq(buf_str(&diags), expected);
	buf_free(&out);
	template_set_free(set);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(strict_set_reports_a_missing_partial)
{
	char *dir = harness_tmpdir(), expected[4200];
	struct template_set *set = template_set_new(dir);
	const struct template *tpl;
	struct buf out = BUF_INIT;

	template_set_strict(set, true);
	tpl = template_set_compile(set, "layouts/page.mustache",
	    "<main>\n  {{> footer}}\n</main>\n", 28);
	ck_assert_ptr_nonnull(tpl);
	ck_assert_int_eq(template_render(set, tpl, NULL, &out), -1);
	snprintf(expected, sizeof(expected), "layouts/page.mustache:2:3: partial "
	    "'footer' not found: there is no file %s/footer.mustache\n", dir);
	ck_assert_str_eq(buf_str(&diags), expected);
	buf_free(&out);
	template_set_free(set);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(map_says_which_template_line_wrote_what)
{
	char *dir = harness_tmpdir();
	struct template_set *set = template_set_new(dir);
	struct srcmap map = SRCMAP_INIT;
	struct template_spot spot;
	struct srcmap_pos o;
	const struct template *tpl;
	struct buf out = BUF_INIT;
	json_t *data = json_loads("{\"t\": \"Hi\", \"body\": \"<p>x</p>\"}", 0, NULL);
	const char *text = "<html>\n{{> head}}\n  {{> again}}\n<main>\n"
	    "{{{body}}}\n</main>\n";
	char file[4200];

	harness_write(dir, "head.mustache", "<head>\n<title>{{t}}</title>\n</head>\n");
	harness_write(dir, "again.mustache", "<div>\n{{{body}}}{{body}}</div>\n");
	snprintf(file, sizeof(file), "%s/head.mustache", dir);
	tpl = template_set_compile(set, "layouts/page.mustache", text, strlen(text));
	BUF_PUTSL(&out, "before ");  /* the map's offsets are out's */
	spot.value = json_object_get(data, "body");
	ck_assert_int_eq(template_render_mapped(set, tpl, data, &out, &map,
	    &spot), 0);
	ck_assert_str_eq(buf_str(&out), "before <html>\n<head>\n<title>Hi</title>\n"
	    "</head>\n  <div>\n  <p>x</p>&lt;p&gt;x&lt;/p&gt;</div>\n"
	    "<main>\n<p>x</p>\n</main>\n");
	ck_assert(!srcmap_find(&map, 0, &o));  /* not the render's */
	ck_assert(srcmap_find(&map, 7, &o));   /* "<html>" */
	ck_assert_str_eq(o.file, "layouts/page.mustache");
	ck_assert_int_eq(o.line, 1);
	ck_assert_int_eq(o.col, 0);
	ck_assert(srcmap_find(&map, (size_t)(strstr(out.data, "Hi") - out.data), &o));
	ck_assert_str_eq(o.file, file);
	ck_assert_int_eq(o.line, 2);
	ck_assert(srcmap_find(&map, (size_t)(strstr(out.data, "<main>\n<p>") + 7 -
	    out.data), &o));
	ck_assert_str_eq(o.file, "layouts/page.mustache");
	ck_assert_int_eq(o.line, 5);
	ck_assert(srcmap_find(&map, (size_t)(strstr(out.data, "</main>") - out.data),
	    &o));
	ck_assert_int_eq(o.line, 6);
	/* The value first written as it is (in the partial, after its
	   indentation), not its escaped copy nor its second. */
	ck_assert_uint_eq(spot.offset, (size_t)(strstr(out.data, "<p>") - out.data));
	srcmap_free(&map);
	/* Without the value in the output, the spot says so. */
	buf_reset(&out);
	spot.value = json_object_get(data, "t");
	ck_assert_int_eq(template_render_mapped(set, tpl, data, &out, NULL,
	    &spot), 0);
	ck_assert_uint_eq(spot.offset, SIZE_MAX);  /* only escaped: {{t}} */
	buf_free(&out);
	json_decref(data);
	template_set_free(set);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(self_including_partial_stops)
{
	struct template_set *set = template_set_new(NULL);
	const struct template *tpl;
	struct buf out = BUF_INIT;

	template_set_add_partial(set, "loop", "x\n{{>loop}}", 11);
	tpl = template_set_compile(set, "page.mustache", "{{>loop}}", 9);
	ck_assert_int_eq(template_render(set, tpl, NULL, &out), -1);
	ck_assert_str_eq(buf_str(&diags), "loop:2:1: partial 'loop' nests "
	    "more than 100 deep: does it include itself?\n");
	buf_free(&out);
	template_set_free(set);
}
END_TEST

/* depth sections {{#a}} ... {{/a}} around "x", one a line from line 2. */
static void
nested_sections(struct buf *text, int depth)
{
	int i;

	BUF_PUTSL(text, "<p>\n");
	for (i = 0; i < depth; i++)
		BUF_PUTSL(text, "{{#a}}\n");
	BUF_PUTSL(text, "x\n");
	for (i = 0; i < depth; i++)
		BUF_PUTSL(text, "{{/a}}\n");
}

/* 100 nested sections render; a 101st, or 20,000 (which once took 9.6 s
   to render, and 40,000 overflowed the stack), is refused when compiled,
   at the tag that goes past. */
START_TEST(sections_nest_100_deep)
{
	struct template_set *set = template_set_new(NULL);
	const struct template *tpl;
	struct buf text = BUF_INIT, out = BUF_INIT;
	json_t *data = json_pack("{s:{}}", "a");

	nested_sections(&text, 100);
	tpl = template_set_compile(set, "deep.mustache", text.data, text.len);
	ck_assert_ptr_nonnull(tpl);
	ck_assert_int_eq(template_render(set, tpl, data, &out), 0);
	ck_assert_str_eq(buf_str(&out), "<p>\nx\n");
	ck_assert_str_eq(buf_str(&diags), "");

	buf_reset(&text);
	nested_sections(&text, 101);
	ck_assert_ptr_null(template_set_compile(set, "deep.mustache", text.data,
	    text.len));
	ck_assert_str_eq(buf_str(&diags), "deep.mustache:102:1: section "
	    "'a' nests more than 100 deep\n");

	buf_reset(&diags);
	buf_reset(&text);
	nested_sections(&text, 20000);
	ck_assert_ptr_null(template_set_compile(set, "deep.mustache", text.data,
	    text.len));
	ck_assert_str_eq(buf_str(&diags), "deep.mustache:102:1: section "
	    "'a' nests more than 100 deep\n");
	buf_free(&text);
	buf_free(&out);
	json_decref(data);
	template_set_free(set);
}
END_TEST

/* Sections and partials count together: 60 sections in a partial inside
   60 in the page stop at the partial's 40th (the partial is one). */
START_TEST(sections_and_partials_nest_100_deep_together)
{
	struct template_set *set = template_set_new(NULL);
	const struct template *tpl;
	struct buf text = BUF_INIT, out = BUF_INIT;
	json_t *data = json_pack("{s:{}}", "a");
	int i;

	nested_sections(&text, 60);
	template_set_add_partial(set, "inner", text.data, text.len);
	buf_reset(&text);
	for (i = 0; i < 60; i++)
		BUF_PUTSL(&text, "{{^b}}");
	BUF_PUTSL(&text, "{{>inner}}");
	for (i = 0; i < 60; i++)
		BUF_PUTSL(&text, "{{/b}}");
	tpl = template_set_compile(set, "page.mustache", text.data, text.len);
	ck_assert_ptr_nonnull(tpl);
	ck_assert_int_eq(template_render(set, tpl, data, &out), -1);
	ck_assert_str_eq(buf_str(&diags), "inner:41:1: section 'a' "
	    "nests more than 100 deep, with the sections and partials it is "
	    "in\n");
	buf_free(&text);
	buf_free(&out);
	json_decref(data);
	template_set_free(set);
}
END_TEST

/* A base layout with blocks, and a page that replaces one. */
START_TEST(layout_inheritance_across_files)
{
	char *dir = harness_tmpdir(), path[4096];
	struct template_set *set;
	const struct template *page, *again;
	struct buf out = BUF_INIT;
	json_t *data = json_pack("{s:s, s:[s,s]}", "title", "Sorry",
	    "steps", "Listen", "Own it");

	harness_write(dir, "theme/partials/base.mustache",
	    "<html>\n<head>\n  <title>{{$title}}mend{{/title}}</title>\n"
	    "</head>\n"
	    "<body>\n  <main>\n    {{$content}}\n    <p>Nothing here.</p>\n"
	    "    {{/content}}\n  </main>\n  {{>footer}}\n</body>\n</html>\n");
	harness_write(dir, "theme/partials/footer.mustache",
	    "<footer>\n  {{$footer}}made with mend{{/footer}}\n</footer>\n");
	harness_write(dir, "theme/page.mustache",
	    "{{! a page: the base layout with its own content }}\n"
	    "{{<base}}\n"
	    "  {{$title}}{{title}} | mend{{/title}}\n"
	    "\n"
	    "  {{$content}}\n"
	    "  <h1>{{title}}</h1>\n"
	    "  <ol>\n"
	    "    {{#steps}}\n"
	    "    <li>{{.}}</li>\n"
	    "    {{/steps}}\n"
	    "  </ol>\n"
	    "  {{/content}}\n"
	    "{{/base}}\n");
	snprintf(path, sizeof(path), "%s/theme/partials", dir);
	set = template_set_new(path);
	snprintf(path, sizeof(path), "%s/theme/page.mustache", dir);
	page = template_set_load(set, path, NULL);
	ck_assert_msg(page != NULL, "%s", buf_str(&diags));
	again = template_set_load(set, path, NULL);
	ck_assert_ptr_eq(page, again);  /* compiled once */
	ck_assert_int_eq(template_render(set, page, data, &out), 0);
	ck_assert_str_eq(buf_str(&out),
	    "<html>\n<head>\n  <title>Sorry | mend</title>\n</head>\n<body>\n"
	    "  <main>\n"
	    "    <h1>Sorry</h1>\n"
	    "    <ol>\n"
	    "      <li>Listen</li>\n"
	    "      <li>Own it</li>\n"
	    "    </ol>\n"
	    "  </main>\n"
	    "  <footer>\n    made with mend\n  </footer>\n"
	    "</body>\n</html>\n");
	buf_free(&out);
	json_decref(data);
	template_set_free(set);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

struct worker {
	struct template_set *set;    /* shared by every worker */
	const struct template *tpl;  /* shared too */
	int failures;                /* renders not as expected */
};

static void *
work(void *arg)
{
	struct worker *w = arg;
	json_t *data = json_pack("{s:[i,i,i]}", "n", 1, 2, 3);
	struct buf out = BUF_INIT;
	int i;

	for (i = 0; i < 200; i++) {
		buf_reset(&out);
		if (template_render(w->set, w->tpl, data, &out) != 0 ||
		    strcmp(buf_str(&out), "[1][2][3]<>") != 0)
			w->failures++;
	}
	buf_free(&out);
	json_decref(data);
	return NULL;
}

START_TEST(renders_from_many_threads)
{
	char *dir = harness_tmpdir();
	struct template_set *set = template_set_new(dir);
	struct worker workers[8];
	pthread_t threads[8];
	int i;

	harness_write(dir, "item.mustache", "[{{.}}]");
	template_set_add_partial(set, "empty", "<{{missing}}>", 13);
	for (i = 0; i < 8; i++) {
		workers[i].set = set;
		workers[i].tpl = template_set_compile(set, "t",
		    "{{#n}}{{>item}}{{/n}}{{>empty}}{{>none}}",
		    strlen("{{#n}}{{>item}}{{/n}}{{>empty}}{{>none}}"));
		workers[i].failures = 0;
		ck_assert_int_eq(pthread_create(&threads[i], NULL, work,
		    &workers[i]), 0);
	}
	for (i = 0; i < 8; i++) {
		pthread_join(threads[i], NULL);
		ck_assert_int_eq(workers[i].failures, 0);
	}
	template_set_free(set);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(debug_template_renders_with_partials)
{
	char *dir = harness_tmpdir();
	struct run r;

	harness_write(dir, "page.mustache",
	    "<ul>\n{{#pages}}\n  {{>item}}\n{{/pages}}\n</ul>\n");
	harness_write(dir, "item.mustache", "<li>{{title}}</li>\n");
	harness_write(dir, "other/item.mustache", "<p>{{title}}</p>\n");
	harness_write(dir, "data.json",
	    "{\"pages\": [{\"title\": \"Listen\"}, {\"title\": \"R&R\"}]}");
	run_mend(&r, dir, NULL, "debug", "template", "page.mustache", "--data",
	    "data.json", NULL);
	ck_assert_str_eq(r.err, "");
	ck_assert_str_eq(r.out, "<ul>\n  <li>Listen</li>\n  <li>R&amp;R</li>\n"
	    "</ul>\n");
	ck_assert_int_eq(r.status, 0);
	run_free(&r);
	run_mend(&r, dir, NULL, "debug", "template", "page.mustache", "--data",
	    "data.json", "--partials", "other", NULL);
	ck_assert_str_eq(r.out, "<ul>\n  <p>Listen</p>\n  <p>R&amp;R</p>\n"
	    "</ul>\n");
	ck_assert_int_eq(r.status, 0);
	run_free(&r);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(debug_template_reports_syntax_errors)
{
	char *dir = harness_tmpdir();
	struct run r;

	harness_write(dir, "bad.mustache",
	    "<ul>\n{{#pages}}\n  <li>{{title}}</li>\n{{/page}}\n</ul>\n");
	harness_write(dir, "data.json", "{}");
	run_mend(&r, dir, NULL, "debug", "template", "bad.mustache", "--data",
	    "data.json", NULL);
	ck_assert_str_eq(r.err, "bad.mustache:4:1: error: '{{/page}}' closes "
	    "'pages', opened on line 2\n");
	ck_assert_str_eq(r.out, "");
	ck_assert_int_eq(r.status, 3);
	run_free(&r);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

static Suite *
template_suite(void)
{
	Suite *s = suite_create("template");
	TCase *tc;
	size_t i;

	for (i = 0; i < NFILES; i++) {  /* one case per file, for the counts */
		tc = tcase_create(spec_files[i]);
		tcase_add_checked_fixture(tc, setup, teardown);
		tcase_add_loop_test(tc, spec_case, (int)file_first[i],
		    (int)file_first[i + 1]);
		suite_add_tcase(s, tc);
	}
	tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, spec_files_are_there);
	tcase_add_test(tc, unclosed_section_points_at_its_opening);
	tcase_add_test(tc, mismatched_close_names_both_tags);
	tcase_add_test(tc, unclosed_tag_says_what_is_missing);
	tcase_add_test(tc, bad_delimiters_and_empty_names);
	tcase_add_test(tc, escaping_and_numbers);
	tcase_add_test(tc, empty_string_is_falsey);
	tcase_add_test(tc, partials_come_from_the_folder);
	tcase_add_test(tc, broken_partial_is_reported_at_its_file);
	tcase_add_test(tc, strict_set_reports_a_missing_partial);
	tcase_add_test(tc, map_says_which_template_line_wrote_what);
	tcase_add_test(tc, self_including_partial_stops);
	tcase_add_test(tc, sections_nest_100_deep);
	tcase_add_test(tc, sections_and_partials_nest_100_deep_together);
	tcase_add_test(tc, layout_inheritance_across_files);
	tcase_add_test(tc, renders_from_many_threads);
	suite_add_tcase(s, tc);
	tc = tcase_create("binary");
	tcase_add_test(tc, debug_template_renders_with_partials);
	tcase_add_test(tc, debug_template_reports_syntax_errors);
	suite_add_tcase(s, tc);
	return s;
}

/* Print "mustache-spec FILE: N/M passed" for each spec file. */
static void
print_spec_counts(SRunner *sr)
{
	TestResult **results = srunner_results(sr);
	int n = srunner_ntests_run(sr), k;
	size_t i, passed, ran;

	for (i = 0; i < NFILES; i++) {
		passed = ran = 0;
		for (k = 0; k < n; k++)
			if (strcmp(tr_tcname(results[k]), spec_files[i]) == 0) {
				ran++;
				passed += tr_rtype(results[k]) == CK_PASS;
			}
		if (ran == 0 && file_first[i + 1] > file_first[i])
			printf("mustache-spec %s: not run\n", spec_files[i]);
		else
			printf("mustache-spec %s: %zu/%zu passed\n",
			    spec_files[i], passed,
			    file_first[i + 1] - file_first[i]);
	}
	free(results);
}

int
main(void)
{
	int failed;
	size_t i;

	load_spec();
	failed = harness_run(template_suite(), print_spec_counts);
	for (i = 0; i < NFILES; i++)
		json_decref(spec_roots[i]);
	free(spec_cases);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
