/*
 * Fuzz target: the TOML parser (lib/toml.h).  The input is one document;
 * a parsed tree is walked whole through the read API.
 */
#include <string.h>

#include "fuzz.h"
#include "lib/toml.h"

int FUZZ_ENTRY(const uint8_t *data, size_t size);

/* Read every value under v as a reader of site.toml would. */
static void
toml_fuzz_walk(const struct toml_value *v, int depth)
{
	enum toml_type type = toml_type(v);
	size_t i, n, len;

	FUZZ_ASSERT(toml_type_name(type) != NULL);
	FUZZ_ASSERT(toml_line(v) >= 0 && toml_col(v) >= 0);
	if (depth > 10000)
		return;
	switch (type) {
	case TOML_TABLE:
		n = toml_table_size(v);
		for (i = 0; i < n; i++) {
			const char *key = toml_table_keyn(v, i, &len);
			const struct toml_value *child = toml_table_value(v, i);

			FUZZ_ASSERT(key != NULL && child != NULL);
			FUZZ_ASSERT(strcmp(key, toml_table_key(v, i)) == 0);
			if (strlen(key) == len) /* a key without NUL is found */
				FUZZ_ASSERT(toml_get(v, key) == child);
			toml_fuzz_walk(child, depth + 1);
		}
		break;
	case TOML_ARRAY:
		n = toml_array_size(v);
		for (i = 0; i < n; i++)
			toml_fuzz_walk(toml_array_at(v, i), depth + 1);
		break;
	case TOML_STRING: {
		const char *s = toml_string(v, &len);

		FUZZ_ASSERT(s != NULL && s[len] == '\0');
		break;
	}
	case TOML_INTEGER:
		(void)toml_integer(v);
		break;
	case TOML_FLOAT:
		(void)toml_float(v);
		break;
	case TOML_BOOL:
		(void)toml_bool(v);
		break;
	default: {
		const struct toml_datetime *dt = toml_datetime(v);

		FUZZ_ASSERT(dt != NULL);
		FUZZ_ASSERT(dt->nanosecond >= 0 && dt->nanosecond <= 999999999);
		break;
	}
	}
}

int
FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	struct toml_value *root;

	fuzz_begin();
	root = toml_parse((const char *)data, size, "site.toml", 1);
	if (root != NULL) {
		FUZZ_ASSERT(toml_type(root) == TOML_TABLE);
		toml_fuzz_walk(root, 0);
		/* Each wrong type is reported as the loaders report it. */
		if (toml_table_size(root) > 0)
			toml_report_type("site.toml", toml_table_key(root, 0),
			    toml_table_value(root, 0), "an integer");
	}
	toml_free(root);
	fuzz_end();
	return 0;
}
