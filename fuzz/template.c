/*
 * Fuzz target: the Mustache engine (lib/template.h).  The input is a
 * template, then any number of partials, each after a NUL byte as its
 * name, a newline and its text.  The template is rendered with fixed data
 * twice: plainly, and with a source map and a spot; both must write the
 * same bytes.  Partials come only from memory (the set has no folder).
 */
#include <string.h>

#include "fuzz.h"
#include "lib/buf.h"
#include "lib/template.h"

int FUZZ_ENTRY(const uint8_t *data, size_t size);

/* Names the Mustache spec and the theme use. */
static const char template_fuzz_data[] =
	"{\"a\": \"x\", \"b\": \"<b>&\\\"'\", \"c\": 1, \"name\": \"Joe\","
	" \"text\": \"text\", \"data\": \"data\", \"value\": 85.5,"
	" \"list\": [{\"name\": \"one\", \"item\": 1}, {\"name\": \"two\"}, 3,"
	" \"four\", [5, 6]], \"items\": [\"a\", \"b\"], \"empty\": [],"
	" \"bool\": true, \"t\": true, \"f\": false, \"null\": null,"
	" \"obj\": {\"a\": {\"b\": {\"c\": \"deep\"}}, \"list\": [1, 2]},"
	" \"section\": {\"data\": \"inner\", \"list\": [true]},"
	" \"page\": {\"title\": \"A page\", \"url\": \"/x/\", \"steps\": []},"
	" \"site\": {\"title\": \"Site\", \"base_url\": \"https://example.org/\"},"
	" \"body\": \"<p>the body</p>\", \"content\": \"<main>m</main>\"}";

int
FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *end = text + size;
	const char *cut = memchr(text, '\0', size);
	struct template_set *set = template_set_new(NULL);
	const struct template *tpl;
	struct buf plain = BUF_INIT, mapped = BUF_INIT;
	struct srcmap map = SRCMAP_INIT;
	struct template_spot spot;
	json_error_t error;
	json_t *values;
	int status;

	fuzz_begin();
	values = json_loads(template_fuzz_data, 0, &error);
	FUZZ_ASSERT(values != NULL);
	/* Partials: each piece after a NUL is "NAME\nTEXT". */
	for (const char *p = cut; p != NULL && p < end;) {
		const char *start = p + 1;
		const char *next = memchr(start, '\0', (size_t)(end - start));
		const char *stop = next != NULL ? next : end;
		const char *nl = memchr(start, '\n', (size_t)(stop - start));
		char *pname;

		if (nl != NULL) {
			pname = xstrndup(start, (size_t)(nl - start));
			template_set_add_partial(set, pname, nl + 1,
			    (size_t)(stop - nl - 1));
			free(pname);
		}
		p = next;
	}
	tpl = template_set_compile(set, "themes/fuzz/layouts/page.mustache",
	    text, cut != NULL ? (size_t)(cut - text) : size);
	if (tpl != NULL) {
		status = template_render(set, tpl, values, &plain);
		spot.value = json_object_get(values, "body");
		spot.offset = 0;
		FUZZ_ASSERT(template_render_mapped(set, tpl, values, &mapped,
		    &map, &spot) == status);
		FUZZ_ASSERT(plain.len == mapped.len);
		FUZZ_ASSERT(plain.len == 0 ||
		    memcmp(plain.data, mapped.data, plain.len) == 0);
		fuzz_check_map(&map, mapped.len);
		if (spot.offset != SIZE_MAX)
			FUZZ_ASSERT(spot.offset + strlen("<p>the body</p>") <=
			    mapped.len && memcmp(mapped.data + spot.offset,
			    "<p>the body</p>", 15) == 0);
	}
	srcmap_free(&map);
	buf_free(&plain);
	buf_free(&mapped);
	json_decref(values);
	template_set_free(set);
	fuzz_end();
	return 0;
}
