/*
 * The markdown stage as an author meets it: what HTML a body becomes
 * (GFM extensions, smart punctuation, heading ids, no source positions
 * or marks left behind), the source map that leads each byte back to its
 * Markdown line (and each link, image and heading to its column), the
 * places exercise forms go, and the diagnostics, at the line of the .md
 * file.
 */
#include <check.h>
#include <cmark-gfm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "harness.h"
#include "site/markdown.h"

static const char *const reserved[] = { "main", "toc", NULL };

/* Diagnostics captured from the module, one per line. */
static struct buf seen = BUF_INIT;

static void
capture(const struct diag *d, void *ctx)
{
	(void)ctx;
	buf_printf(&seen, "%s:%d:%d: %s: %s\n", d->file, d->line, d->col,
	    d->severity == DIAG_ERROR ? "error" : "warning", d->message);
}

static void
setup(void)
{
	buf_reset(&seen);
	diag_set_sink(capture, NULL);
}

static void
teardown(void)
{
	diag_set_sink(NULL, NULL);
	buf_free(&seen);
}

/* Render md as the body of page.md starting on line 5; status in *status. */
static struct md_doc
render(const char *md, bool unsafe, int *status)
{
	struct md_options opt = { unsafe, reserved, NULL, NULL };
	struct md_doc doc;

	*status = markdown_render(md, strlen(md), "content/page.md", 5, &opt, &doc);
	return doc;
}

static void
assert_contains(const char *haystack, const char *needle)
{
	ck_assert_msg(strstr(haystack, needle) != NULL,
	    "expected to find\n  %s\nin\n%s", needle, haystack);
}

/* "FILE:LINE:COL" the map gives the first byte of needle in doc's HTML
   (skip: how many earlier copies to pass), or "-" when it knows none. */
static const char *
source_of(const struct md_doc *doc, const char *needle, int skip)
{
	static char text[256];
	const char *at = strstr(doc->html, needle);
	struct srcmap_pos pos;

	while (at != NULL && skip-- > 0)
		at = strstr(at + 1, needle);
	ck_assert_msg(at != NULL, "no %s in\n%s", needle, doc->html);
	if (!srcmap_find(&doc->map, (size_t)(at - doc->html), &pos))
		return "-";
	snprintf(text, sizeof(text), "%s:%d:%d", pos.file, pos.line, pos.col);
	return text;
}

/* Is any byte of doc's HTML a mark's 0xFF? */
static void
assert_no_marks(const struct md_doc *doc)
{
	ck_assert_ptr_null(memchr(doc->html, 0xff, doc->html_len));
}

START_TEST(paragraphs_get_smart_punctuation)
{
	int status;
	struct md_doc doc = render("It's \"quoted\" -- and ... done.\n", false, &status);

	ck_assert_int_eq(status, 0);
	ck_assert_str_eq(doc.html, "<p>It’s “quoted” – and … done.</p>\n");
	md_doc_free(&doc);
}
END_TEST

START_TEST(headings_get_unique_slug_ids)
{
	int status;
	struct md_doc doc = render("# Title\n\n## Why it matters\n\n## Notes\n\n"
	    "### Notes\n\n## Main\n\n## Don’t give up\n\n## Ça va — 日本語 *ok*\n\n## !!!\n",
	    false, &status);

	ck_assert_int_eq(status, 0);
	assert_contains(doc.html, "<h1 id=\"title\">Title</h1>");
	assert_contains(doc.html, "<h2 id=\"why-it-matters\">Why it matters</h2>");
	assert_contains(doc.html, "<h2 id=\"notes\">Notes</h2>");
	assert_contains(doc.html, "<h3 id=\"notes-2\">Notes</h3>");
	assert_contains(doc.html, "<h2 id=\"main-2\">Main</h2>");  /* the theme's id */
	assert_contains(doc.html, "<h2 id=\"dont-give-up\">");
	assert_contains(doc.html, "<h2 id=\"ça-va-日本語-ok\">Ça va — 日本語 <em>ok</em></h2>");
	assert_contains(doc.html, "<h2 id=\"section\">!!!</h2>");
	ck_assert_ptr_null(strstr(doc.html, "data-sourcepos"));
	ck_assert_uint_eq(doc.nheadings, 8);
	ck_assert_str_eq(doc.headings[1].text, "Why it matters");
	ck_assert_int_eq(doc.headings[1].level, 2);
	/* A heading's tag at its line and column (line 3 of a body on line
	   5), its text at its line. */
	ck_assert_str_eq(source_of(&doc, "<h2 id=\"why", 0), "content/page.md:7:1");
	ck_assert_str_eq(source_of(&doc, "Why it", 0), "content/page.md:7:0");
	ck_assert_str_eq(doc.headings[6].text, "Ça va — 日本語 ok");
	md_doc_free(&doc);
}
END_TEST

/* 4,000 headings of one slug take h, h-2, ... h-4000, in order (the
   search for a free id once made this page take 25 s); a heading whose
   own slug is a suffixed id already taken gets a suffix of its own, and
   the plain slug's next heading steps over the suffixed ids taken. */
START_TEST(many_duplicate_headings_keep_their_ids)
{
	struct buf md = BUF_INIT, want = BUF_INIT;
	struct md_doc doc;
	int status, i;

	for (i = 0; i < 4000; i++)
		BUF_PUTSL(&md, "## h\n\n");
	doc = render(buf_str(&md), false, &status);
	ck_assert_int_eq(status, 0);
	ck_assert_uint_eq(doc.nheadings, 4000);
	ck_assert_str_eq(doc.headings[0].id, "h");
	for (i = 1; i < 4000; i++) {
		buf_reset(&want);
		buf_printf(&want, "h-%d", i + 1);
		ck_assert_str_eq(doc.headings[i].id, buf_str(&want));
	}
	assert_contains(doc.html, "<h2 id=\"h-4000\">h</h2>");
	md_doc_free(&doc);

	doc = render("## h\n\n## h\n\n## h-2\n\n## h-3\n\n## h\n\n"
	    "## h-1\n\n## Main\n\n## main-2\n\n## Main\n\n## h\n\n## h-2\n",
	    false, &status);
	ck_assert_int_eq(status, 0);
	ck_assert_uint_eq(doc.nheadings, 11);
	ck_assert_str_eq(doc.headings[0].id, "h");
	ck_assert_str_eq(doc.headings[1].id, "h-2");
	ck_assert_str_eq(doc.headings[2].id, "h-2-2");
	ck_assert_str_eq(doc.headings[3].id, "h-3");
	ck_assert_str_eq(doc.headings[4].id, "h-4");
	ck_assert_str_eq(doc.headings[5].id, "h-1");
	ck_assert_str_eq(doc.headings[6].id, "main-2");  /* the theme's "main" */
	ck_assert_str_eq(doc.headings[7].id, "main-2-2");
	ck_assert_str_eq(doc.headings[8].id, "main-3");
	ck_assert_str_eq(doc.headings[9].id, "h-5");
	ck_assert_str_eq(doc.headings[10].id, "h-2-3");
	md_doc_free(&doc);
	buf_free(&md);
	buf_free(&want);
}
END_TEST

/* Headings whose slug would be a footnote's name: any "fn-..." can be
   one, so they move out of that namespace (a fuzzer found that the
   suffix search "fn-keys-2", "-3", ... never ended). */
START_TEST(headings_leave_the_footnote_names_alone)
{
	int status;
	struct md_doc doc = render("## Fn keys\n\n## Fn keys\n\n## Fnref 1\n\n"
	    "Text[^1].\n\n[^1]: A note.\n", false, &status);

	ck_assert_int_eq(status, 0);
	assert_contains(doc.html, "<h2 id=\"section-fn-keys\">Fn keys</h2>");
	assert_contains(doc.html, "<h2 id=\"section-fn-keys-2\">Fn keys</h2>");
	assert_contains(doc.html, "<h2 id=\"section-fnref-1\">Fnref 1</h2>");
	assert_contains(doc.html, "id=\"fn-1\"");
	md_doc_free(&doc);
}
END_TEST

START_TEST(gfm_extensions_render_as_well_formed_html)
{
	int status;
	struct md_doc doc = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ "
	    "www.example.org\n\n- [x] done\n- [ ] open\n\nNote[^1].\n\n[^1]: The note.\n",
	    false, &status);

	ck_assert_int_eq(status, 0);
	assert_contains(doc.html, "<table>\n<thead>\n<tr>\n<th>a</th>");
	assert_contains(doc.html, "<del>gone</del>");
	assert_contains(doc.html, "<a href=\"http://www.example.org\">www.example.org</a>");
	assert_contains(doc.html, "<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> done</li>");
	assert_contains(doc.html, "<section class=\"footnotes\" data-footnotes=\"\">");
	assert_contains(doc.html, "data-footnote-ref=\"\">1</a>");
	assert_contains(doc.html, "data-footnote-backref=\"\" ");
	ck_assert_ptr_null(strstr(doc.html, "data-sourcepos"));
	md_doc_free(&doc);
}
END_TEST

START_TEST(raw_html_is_dropped_with_a_warning_unless_unsafe)
{
	int status;
	struct md_doc doc = render("Text.\n\n<div class=\"x\">raw</div>\n\nMore <b>bold</b>.\n",
	    false, &status);

	ck_assert_int_eq(status, 0);
	ck_assert_ptr_null(strstr(doc.html, "<div"));
	ck_assert_ptr_null(strstr(doc.html, "<b>"));
	ck_assert_str_eq(buf_str(&seen), "content/page.md:7:1: warning: raw HTML is left "
	    "out of the page; set [markdown] unsafe = true in site.toml to keep it\n");
	md_doc_free(&doc);
	buf_reset(&seen);
	doc = render("<div class=\"x\">raw</div>\n", true, &status);
	ck_assert_str_eq(doc.html, "<div class=\"x\">raw</div>\n");
	ck_assert_str_eq(buf_str(&seen), "");
	md_doc_free(&doc);
}
END_TEST

/* Raw HTML as HTML writes it comes out as the XML mend's pages are,
   the same to a browser; what is truly broken is left as written.
   (cmark-gfm reads "&nbsp;" in text itself; raw HTML keeps its own.) */
START_TEST(raw_html_becomes_xhtml)
{
	int status;
	struct md_doc doc = render("A<br>b&nbsp;c <img src=x.png alt=\"An x\"> "
	    "<input type=checkbox checked disabled>\n\n"
	    "<details open>\n<summary>More&hellip;</summary>\n</details>\n\n"
	    "Code `<br>` and &lt;br&gt; &amp; <em>open\n", true, &status);

	ck_assert_int_eq(status, 0);
	ck_assert_str_eq(doc.html,
	    "<p>A<br />b\xc2\xa0" "c <img src=\"x.png\" alt=\"An x\" /> "
	    "<input type=\"checkbox\" checked=\"\" disabled=\"\" /></p>\n"
	    "<details open=\"\">\n<summary>More&#8230;</summary>\n</details>\n"
	    "<p>Code <code>&lt;br&gt;</code> and &lt;br&gt; &amp; <em>open</p>\n");
	md_doc_free(&doc);
	/* Without unsafe the page has no raw HTML, and nothing changes. */
	doc = render("Code `<br>` and &lt;br&gt;.\n", false, &status);
	ck_assert_str_eq(doc.html, "<p>Code <code>&lt;br&gt;</code> and &lt;br&gt;.</p>\n");
	md_doc_free(&doc);
}
END_TEST

/* Any byte of the body's HTML leads back to its Markdown line, raw HTML
   blocks included, whatever xhtml_raw or the tagfilter made of them, and
   a heading to its own line and column, whatever raw HTML looks like it. */
START_TEST(html_offsets_lead_back_to_source_lines)
{
	static const char md[] =
	    "# Title\n"                 /* line 5 of the file */
	    "\n"
	    "First line\nsecond line\n" /* 7, 8 */
	    "\n\n"
	    "- item\n"                  /* 11 */
	    "- other\n"
	    "  continued\n"             /* 13 */
	    "\n"
	    "<div>\n"                   /* 15 */
	    "<p>raw</p>\n"
	    "\n"
	    "</div>\n"                  /* 18 */
	    "\n"
	    "  <section class=x>\n"     /* 20: xhtml_raw quotes the value */
	    "<p>more</p></section>\n"
	    "\n"
	    "```exercise one\n"         /* 23 */
	    "```\n"
	    "\n"
	    "Last.\n"                   /* 26 */
	    "\n"
	    "<title>escaped</title>\n"  /* 28: the tagfilter writes &lt;title> */
	    "\n"
	    "<h2 id=\"s\">raw</h2>\n"    /* 30 */
	    "\n"
	    "## S\n";                    /* 32: its id is s too */
	int status;
	struct md_doc doc = render(md, true, &status);

	ck_assert_int_eq(status, 0);
	assert_no_marks(&doc);
	ck_assert_str_eq(source_of(&doc, "<h1", 0), "content/page.md:5:1");
	ck_assert_str_eq(source_of(&doc, "Title", 0), "content/page.md:5:0");
	ck_assert_str_eq(source_of(&doc, "<p>First", 0), "content/page.md:7:0");
	ck_assert_str_eq(source_of(&doc, "second", 0), "content/page.md:8:0");
	ck_assert_str_eq(source_of(&doc, "<ul>", 0), "content/page.md:11:0");
	ck_assert_str_eq(source_of(&doc, "other", 0), "content/page.md:12:0");
	ck_assert_str_eq(source_of(&doc, "continued", 0), "content/page.md:13:0");
	ck_assert_str_eq(source_of(&doc, "<div>", 0), "content/page.md:15:0");
	ck_assert_str_eq(source_of(&doc, "raw", 0), "content/page.md:16:0");
	ck_assert_str_eq(source_of(&doc, "</div>", 0), "content/page.md:18:0");
	assert_contains(doc.html, "  <section class=\"x\">\n<p>more</p></section>\n");
	ck_assert_str_eq(source_of(&doc, "<section", 0), "content/page.md:20:0");
	ck_assert_str_eq(source_of(&doc, "<p>more", 0), "content/page.md:21:0");
	ck_assert_str_eq(source_of(&doc, "Last", 0), "content/page.md:26:0");
	ck_assert_str_eq(source_of(&doc, "&lt;title>", 0), "content/page.md:28:0");
	ck_assert_str_eq(source_of(&doc, "<h2 id=\"s\">raw", 0), "content/page.md:30:0");
	ck_assert_str_eq(source_of(&doc, "<h2 id=\"s\">S", 0), "content/page.md:32:1");
	/* The form's place: between the blocks around the fence. */
	ck_assert_uint_eq(doc.nexercises, 1);
	ck_assert_uint_eq(doc.exercises[0].offset,
	    (size_t)(strstr(doc.html, "</section>\n") + 11 - doc.html));
	md_doc_free(&doc);
}
END_TEST

START_TEST(exercise_blocks_leave_their_place)
{
	int status;
	struct md_doc doc = render("Intro.\n\n```exercise apology-rewrite\n```\n\n"
	    "```c\nint x;\n```\n\n- ```exercise two\n  ```\n", false, &status);

	ck_assert_int_eq(status, 0);
	assert_no_marks(&doc);
	ck_assert_uint_eq(doc.nexercises, 2);
	ck_assert_str_eq(doc.exercises[0].name, "apology-rewrite");
	ck_assert_int_eq(doc.exercises[0].line, 7);
	ck_assert_str_eq(doc.exercises[1].name, "two");
	ck_assert_int_eq(doc.exercises[1].line, 14);
	ck_assert_int_eq(doc.exercises[1].col, 3);
	/* Nothing of the block is written, but a line break; the form goes
	   before it, where the block was. */
	assert_contains(doc.html, "<p>Intro.</p>\n\n<pre><code class=\"language-c\">"
	    "int x;\n</code></pre>\n<ul>\n<li>\n\n</li>\n</ul>\n");
	ck_assert_uint_eq(doc.exercises[0].offset,
	    (size_t)(strstr(doc.html, "\n\n<pre>") + 1 - doc.html));
	ck_assert_uint_eq(doc.exercises[1].offset,
	    (size_t)(strstr(doc.html, "<li>\n") + 5 - doc.html));
	md_doc_free(&doc);
}
END_TEST

/* Each block knows the level of the heading it sits under (1, the page's
   title, before any); the same exercise twice on a page is an error at
   the second block. */
START_TEST(exercise_blocks_know_the_heading_they_sit_under)
{
	int status;
	struct md_doc doc = render("```exercise a\n```\n\n## Two\n\n```exercise b\n"
	    "```\n\n#### Four\n\n> ```exercise c\n> ```\n\n# One\n\n"
	    "```exercise d\n```\n", false, &status);

	ck_assert_int_eq(status, 0);
	ck_assert_uint_eq(doc.nexercises, 4);
	ck_assert_int_eq(doc.exercises[0].under, 1);
	ck_assert_int_eq(doc.exercises[1].under, 2);
	ck_assert_int_eq(doc.exercises[2].under, 4);
	ck_assert_int_eq(doc.exercises[3].under, 1);
	md_doc_free(&doc);
	doc = render("```exercise a\n```\n\n## Again\n\n- ```exercise a\n  ```\n",
	    false, &status);
	ck_assert_int_eq(status, -1);
	ck_assert_str_eq(buf_str(&seen), "content/page.md:10:3: error: exercise "
	    "'a' is already on this page, at line 5: an exercise goes on a page "
	    "once\n");
}
END_TEST

START_TEST(exercise_block_without_a_name_is_an_error)
{
	int status;
	struct md_doc doc = render("Intro.\n\n```exercise\n```\n\n```exercise Bad_Name\n```\n",
	    false, &status);

	ck_assert_int_eq(status, -1);
	ck_assert_ptr_null(doc.html);
	ck_assert_str_eq(buf_str(&seen),
	    "content/page.md:7:1: error: an exercise block needs a name: "
	    "```exercise NAME, as in ```exercise apology-rewrite\n"
	    "content/page.md:10:1: error: 'Bad_Name' is not an exercise name: use "
	    "lower-case letters and digits, with single '-' between them\n");
}
END_TEST

/* Each link and image the author wrote: its tag at the line and column
   of its Markdown, wherever it is (a table cell, a footnote, a heading,
   around an image); what cmark-gfm adds (a footnote's links) and what
   follows a tag, at its block's line. */
START_TEST(links_keep_their_source_positions)
{
	int status;
	struct md_doc doc = render("Intro [one](../one/#why) and\n"
	    "![a [picture](in-alt/)](p.png) www.example.org and[^1]\n\n"
	    "| a | [t](t/) |\n|---|---|\n| ![b](b.png) | c |\n\n"
	    "## See [x](x/)\n\n[![i](i.png)](big.png)\n\n[^1]: A [note](n/).\n",
	    false, &status);

	ck_assert_int_eq(status, 0);
	assert_no_marks(&doc);
	ck_assert_str_eq(source_of(&doc, "<a href=\"../one/#why\"", 0),
	    "content/page.md:5:7");
	ck_assert_str_eq(source_of(&doc, "href=\"../one/#why\"", 0),
	    "content/page.md:5:0");  /* the rest of the tag: the block's line */
	ck_assert_str_eq(source_of(&doc, "one</a>", 0), "content/page.md:5:0");
	ck_assert_str_eq(source_of(&doc, "<img src=\"p.png\" alt=\"a picture\"", 0),
	    "content/page.md:6:1");
	ck_assert_str_eq(source_of(&doc, "<a href=\"http://www.example.org\"", 0),
	    "content/page.md:6:31");  /* the autolink's column, as cmark-gfm gives it */
	ck_assert_str_eq(source_of(&doc, "<sup", 0), "content/page.md:6:0");
	ck_assert_str_eq(source_of(&doc, "<a href=\"#fn-1\"", 0),
	    "content/page.md:6:0");
	ck_assert_str_eq(source_of(&doc, "<a href=\"t/\"", 0), "content/page.md:8:7");
	ck_assert_str_eq(source_of(&doc, "<img src=\"b.png\"", 0),
	    "content/page.md:10:3");
	ck_assert_str_eq(source_of(&doc, "<h2", 0), "content/page.md:12:1");
	ck_assert_str_eq(source_of(&doc, "<a href=\"x/\"", 0), "content/page.md:12:8");
	ck_assert_str_eq(source_of(&doc, "<a href=\"big.png\"", 0),
	    "content/page.md:14:1");
	ck_assert_str_eq(source_of(&doc, "<img src=\"i.png\"", 0),
	    "content/page.md:14:2");
	ck_assert_str_eq(source_of(&doc, "<a href=\"n/\"", 0), "content/page.md:16:9");
	ck_assert_str_eq(source_of(&doc, "<a href=\"#fnref-1\"", 0),
	    "content/page.md:16:0");
	md_doc_free(&doc);
}
END_TEST

START_TEST(pages_past_the_arena_bound_render_the_same)
{
	/* A page of 64 KiB or more is parsed with malloc rather than the
	   arena (markdown.c's ARENA_PAGE): the same paragraphs, links and
	   footnotes come out the same, at the same lines, either way. */
	const char *para = "A line with a [link](x/) and a note.[^n]\n\n";
	const char *note = "[^n]: The note, with [another](n/).\n";
	struct buf big = BUF_INIT, small = BUF_INIT;
	struct md_doc a, b;
	char want[64];
	int status, line;
	size_t k;

	for (k = 0; big.len < 70000; k++)
		buf_puts(&big, para);
	buf_puts(&big, note);
	buf_puts(&small, para);
	buf_puts(&small, note);
	a = render(buf_str(&big), false, &status);
	ck_assert_int_eq(status, 0);
	b = render(buf_str(&small), false, &status);
	ck_assert_int_eq(status, 0);
	assert_no_marks(&a);
	/* the first paragraph reads the same; the note is there once */
	ck_assert(strncmp(a.html, b.html,
	    (size_t)(strstr(b.html, "</p>") - b.html)) == 0);
	ck_assert_ptr_nonnull(strstr(a.html, "The note, with"));
	ck_assert_ptr_null(strstr(strstr(a.html, "The note, with") + 1,
	    "The note, with"));
	line = 5 + 2 * (int)(k - 1);  /* the last paragraph's line */
	snprintf(want, sizeof(want), "content/page.md:%d:15", line);
	ck_assert_str_eq(source_of(&a, "<a href=\"x/\"", (int)k - 1), want);
	snprintf(want, sizeof(want), "content/page.md:%d:22", line + 2);
	ck_assert_str_eq(source_of(&a, "<a href=\"n/\"", 0), want);
	ck_assert_str_eq(source_of(&b, "<a href=\"n/\"", 0), "content/page.md:7:22");
	md_doc_free(&a);
	md_doc_free(&b);
	buf_free(&big);
	buf_free(&small);
}
END_TEST

START_TEST(inline_titles_keep_their_text)
{
	char *html;

	html = markdown_inline("It's \"ours\" -- *not* emphasis <b>");
	ck_assert_str_eq(html, "It’s “ours” – *not* emphasis &lt;b&gt;");
	free(html);
	html = markdown_inline("1. Not a list");
	ck_assert_str_eq(html, "1. Not a list");
	free(html);
	html = markdown_inline("# Not a heading");
	ck_assert_str_eq(html, "# Not a heading");
	free(html);
	html = markdown_inline("- not an item");
	ck_assert_str_eq(html, "- not an item");
	free(html);
}
END_TEST

START_TEST(slugs_alone)
{
	struct buf b = BUF_INIT;

	markdown_slug("  Set Boundaries -- Together!  ", &b);
	ck_assert_str_eq(buf_str(&b), "set-boundaries-together");
	buf_reset(&b);
	markdown_slug("ÉTAPE 2: Ÿes", &b);
	ck_assert_str_eq(buf_str(&b), "étape-2-ÿes");
	buf_free(&b);
}
END_TEST

/* The tree other renderers (the PDF booklet) walk: parsed as pages are. */
START_TEST(parse_gives_the_same_tree)
{
	static const char md[] = "Say \"sorry\" -- it's *kind*.\n\n"
	    "| a | b |\n| - | - |\n| 1 | 2 |\n\n~~gone~~\n";
	cmark_node *root = markdown_parse(md, sizeof(md) - 1, false);
	cmark_node *para = cmark_node_first_child(root);
	cmark_node *table = cmark_node_next(para);
	cmark_node *last = cmark_node_next(table);

	ck_assert_int_eq(cmark_node_get_type(para), CMARK_NODE_PARAGRAPH);
	ck_assert_str_eq(cmark_node_get_literal(cmark_node_first_child(para)),
	    "Say “sorry” – it’s ");
	ck_assert_int_eq(cmark_node_get_start_line(table), 3);
	ck_assert_str_eq(cmark_node_get_type_string(table), "table");
	ck_assert_str_eq(cmark_node_get_type_string(cmark_node_first_child(last)),
	    "strikethrough");
	cmark_node_free(root);
}
END_TEST

/* A rewrite of "x.md" links, as the site's would: "../x/" for x.md. */
static char *
rewrite_md(void *ctx, const char *path, const char *url)
{
	size_t n = strlen(url);
	struct buf out = BUF_INIT;

	ck_assert_str_eq(path, "content/page.md");
	ck_assert_str_eq(ctx, "the site");
	if (n < 3 || strcmp(url + n - 3, ".md") != 0)
		return NULL;
	buf_printf(&out, "../%.*s/", (int)(n - 3), url);
	return buf_detach(&out);
}

/* md_options.rewrite_link: links take what it gives (escaped as any href),
   at their own line and column still; images and links it declines keep
   what was written. */
START_TEST(links_take_the_rewritten_destination)
{
	struct md_options opt = { false, reserved, rewrite_md, (void *)"the site" };
	struct md_doc doc;
	const char *md = "[a](one.md) [b](b.png) ![c](two.md)\n"
	    "[r][ref] [q](a&b.md)\n\n[ref]: three.md\n";

	ck_assert_int_eq(markdown_render(md, strlen(md), "content/page.md", 5,
	    &opt, &doc), 0);
	assert_contains(doc.html, "<a href=\"../one/\">a</a> <a href=\"b.png\">b</a> "
	    "<img src=\"two.md\" alt=\"c\" />");
	assert_contains(doc.html, "<a href=\"../three/\">r</a> "
	    "<a href=\"../a&amp;b/\">q</a>");
	ck_assert_str_eq(source_of(&doc, "<a href=\"../one/\"", 0),
	    "content/page.md:5:1");
	ck_assert_str_eq(source_of(&doc, "<a href=\"../three/\"", 0),
	    "content/page.md:6:1");
	md_doc_free(&doc);
}
END_TEST

static Suite *
markdown_suite(void)
{
	Suite *s = suite_create("markdown");
	TCase *tc = tcase_create("render");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, paragraphs_get_smart_punctuation);
	tcase_add_test(tc, exercise_blocks_know_the_heading_they_sit_under);
	tcase_add_test(tc, links_take_the_rewritten_destination);
	tcase_add_test(tc, headings_get_unique_slug_ids);
	tcase_add_test(tc, many_duplicate_headings_keep_their_ids);
	tcase_add_test(tc, headings_leave_the_footnote_names_alone);
	tcase_add_test(tc, gfm_extensions_render_as_well_formed_html);
	tcase_add_test(tc, raw_html_is_dropped_with_a_warning_unless_unsafe);
	tcase_add_test(tc, raw_html_becomes_xhtml);
	tcase_add_test(tc, html_offsets_lead_back_to_source_lines);
	tcase_add_test(tc, exercise_blocks_leave_their_place);
	tcase_add_test(tc, exercise_block_without_a_name_is_an_error);
	tcase_add_test(tc, links_keep_their_source_positions);
	tcase_add_test(tc, pages_past_the_arena_bound_render_the_same);
	tcase_add_test(tc, inline_titles_keep_their_text);
	tcase_add_test(tc, slugs_alone);
	tcase_add_test(tc, parse_gives_the_same_tree);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(markdown_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
