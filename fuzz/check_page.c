/*
 * Fuzz target: the checker's page reader (check/check_page.h).  The input
 * is one page of HTML, read from memory as a page mend has just built
 * (check_origin with origins_written), with a source map that puts each
 * of its lines at a line of a Markdown file: once as XML, as mend's own
 * output is read, and once as HTML, as another tool's is.
 */
#include <string.h>

#include <libxml/parser.h>

#include "check/check_page.h"
#include "fuzz.h"
#include "lib/util.h"

int FUZZ_ENTRY(const uint8_t *data, size_t size);

static void
check_page_fuzz_read(const struct check_context *ctx,
    const struct check_origin *origin)
{
	struct check_page page;
	size_t i;

	memset(&page, 0, sizeof(page));
	page.path = xstrdup("steps/page/index.html");
	page.file = xstrdup("public/steps/page/index.html");
	page.url = xstrdup("/steps/page/");
	check_libxml_quiet();
	FUZZ_ASSERT(check_page_read(&page, ctx, origin) == 0);
	FUZZ_ASSERT(page.ids != NULL);
	for (i = 0; i < page.nlinks; i++) {
		const struct check_link *link = &page.links[i];

		FUZZ_ASSERT(link->written != NULL && link->pos.line >= 0);
		FUZZ_ASSERT(!link->external || link->target != NULL);
	}
	for (i = 0; i < page.reports.len; i++)
		FUZZ_ASSERT(page.reports.items[i].message != NULL &&
		    page.reports.items[i].pos.line >= 0);
	check_page_free(&page);
}

int
FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	const char *html = (const char *)data;
	const char *md = "content/steps/page.md";
	struct srcmap map = SRCMAP_INIT;
	struct check_options opt;
	struct check_context ctx;
	struct check_origin origin;
	size_t i;
	int line = 1;

	xmlInitParser();
	/* The first line from the template, then each line from Markdown,
	   every fifth a gap. */
	srcmap_add(&map, 0, "themes/calm/layouts/page.mustache", 1, 0);
	for (i = 0; i < size; i++)
		if (html[i] == '\n' && i + 1 < size) {
			line++;
			srcmap_add(&map, i + 1, line % 5 == 0 ? NULL : md, line,
			    line % 3);
		}
	memset(&opt, 0, sizeof(opt));
	opt.dir = "public";
	opt.base_url = "https://example.org/";
	opt.threads = 1;
	opt.origins = &origin;
	opt.norigins = 1;
	opt.origins_written = true;
	opt.xml = true;
	origin.output_path = "steps/page/index.html";
	origin.html = html;
	origin.html_len = size;
	origin.map = &map;
	origin.source_path = md;
	ctx.opt = &opt;
	ctx.base_url = opt.base_url;
	fuzz_begin();
	ctx.xml = true;
	check_page_fuzz_read(&ctx, &origin);
	ctx.xml = false;
	opt.xml = false;
	check_page_fuzz_read(&ctx, &origin);
	srcmap_free(&map);
	fuzz_end();
	return 0;
}
