/*
 * Fuzz target: the Markdown stage with mend's additions (site/markdown.h):
 * a page body rendered to HTML with its heading ids, its exercise blocks
 * and the source map it writes, then a title rendered inline and slugged.
 * The input is a body; like content_load, it takes only valid UTF-8.  Odd
 * lengths render with raw HTML kept (unsafe), even ones without.
 */
#include <string.h>

#include "fuzz.h"
#include "lib/buf.h"
#include "lib/util.h"
#include "site/markdown.h"

int FUZZ_ENTRY(const uint8_t *data, size_t size);

static const char *const markdown_fuzz_reserved[] = {
	"main", "content", "top", NULL
};

/* What markdown.h promises of a rendered doc. */
static void
markdown_fuzz_check(const struct md_doc *doc)
{
	size_t i, k;

	FUZZ_ASSERT(doc->html != NULL && doc->html[doc->html_len] == '\0');
	fuzz_check_map(&doc->map, doc->html_len);
	for (i = 0; i < doc->nheadings; i++) {
		const struct md_heading *h = &doc->headings[i];

		FUZZ_ASSERT(h->level >= 1 && h->level <= 6);
		FUZZ_ASSERT(h->id != NULL && h->text != NULL);
		for (k = 0; markdown_fuzz_reserved[k] != NULL; k++)
			FUZZ_ASSERT(strcmp(h->id, markdown_fuzz_reserved[k]) != 0);
		for (k = 0; k < i; k++) /* unique within the page */
			FUZZ_ASSERT(strcmp(h->id, doc->headings[k].id) != 0);
	}
	for (i = 0; i < doc->nexercises; i++) {
		const struct md_exercise *e = &doc->exercises[i];

		FUZZ_ASSERT(e->name != NULL && e->line >= 1);
		FUZZ_ASSERT(e->offset <= doc->html_len);
		FUZZ_ASSERT(i == 0 || e->offset >= doc->exercises[i - 1].offset);
	}
}

int
FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct md_options opt = { size % 2 == 1, markdown_fuzz_reserved, NULL,
	    NULL };
	struct md_doc doc;
	struct buf slug = BUF_INIT;
	size_t bad;
	const char *nl;
	char *line, *inline_html;

	if (!util_utf8_valid(text, size, &bad))
		return 0; /* content_load stops at the file's bad byte */
	fuzz_begin();
	memset(&doc, 0, sizeof(doc));
	if (markdown_render(text, size, "content/steps/page.md", 4, &opt,
	    &doc) == 0)
		markdown_fuzz_check(&doc);
	md_doc_free(&doc);

	/* The first line as a title. */
	nl = memchr(text, '\n', size);
	line = xstrndup(text, nl != NULL ? (size_t)(nl - text) : size);
	inline_html = markdown_inline(line);
	FUZZ_ASSERT(inline_html != NULL);
	markdown_slug(line, &slug);
	FUZZ_ASSERT(slug.len == 0 || (slug.data[0] != '-' &&
	    slug.data[slug.len - 1] != '-'));
	free(inline_html);
	free(line);
	buf_free(&slug);
	fuzz_end();
	return 0;
}
