/*
 * Fuzz target: a page's front matter (site/content.h's split, then the
 * TOML of the front matter read as content.c reads a page's keys).  The
 * input is a whole page file; like content_load, it takes only valid
 * UTF-8.
 */
#include <string.h>

#include "fuzz.h"
#include "lib/toml.h"
#include "lib/util.h"
#include "site/content.h"

int FUZZ_ENTRY(const uint8_t *data, size_t size);

/* The keys a page reads, with the type each must have. */
static void
frontmatter_fuzz_read(const char *path, const struct toml_value *root)
{
	size_t i, len;

	for (i = 0; i < toml_table_size(root); i++) {
		const char *key = toml_table_key(root, i);
		const struct toml_value *v = toml_table_value(root, i);
		enum toml_type t = toml_type(v);

		if (strcmp(key, "title") == 0 || strcmp(key, "layout") == 0 ||
		    strcmp(key, "description") == 0) {
			if (t == TOML_STRING)
				FUZZ_ASSERT(toml_string(v, &len) != NULL);
			else
				toml_report_type(path, key, v, "a string");
		} else if (strcmp(key, "weight") == 0) {
			if (t == TOML_INTEGER)
				(void)toml_integer(v);
			else
				toml_report_type(path, key, v, "an integer");
		} else if (strcmp(key, "draft") == 0 ||
		    strcmp(key, "safety") == 0) {
			if (t == TOML_BOOL)
				(void)toml_bool(v);
			else
				toml_report_type(path, key, v, "true or false");
		} else if (strcmp(key, "date") == 0) {
			if (t == TOML_DATE_LOCAL || t == TOML_DATETIME_LOCAL ||
			    t == TOML_DATETIME)
				FUZZ_ASSERT(toml_datetime(v) != NULL);
			else
				toml_report_type(path, key, v, "a date");
		}
	}
}

int
FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *front, *body;
	const char *path = "content/steps/page.md";
	size_t front_len, body_len, bad;
	int front_line, body_line;
	struct toml_value *root;

	if (!util_utf8_valid(text, size, &bad))
		return 0; /* content_load stops at the file's bad byte */
	fuzz_begin();
	if (content_split(path, text, size, &front, &front_len, &front_line,
	    &body, &body_len, &body_line) == 0) {
		FUZZ_ASSERT(front >= text && front + front_len <= text + size);
		FUZZ_ASSERT(body >= text && body + body_len <= text + size);
		FUZZ_ASSERT(front_line >= 1 && body_line >= front_line);
		root = toml_parse(front, front_len, path, front_line);
		if (root != NULL)
			frontmatter_fuzz_read(path, root);
		toml_free(root);
	}
	fuzz_end();
	return 0;
}
