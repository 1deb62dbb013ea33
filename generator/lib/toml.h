/*
 * toml — a TOML 1.0 parser and a small read-only value API.
 *
 * mend reads site.toml and every page's front matter with it.  It parses
 * the whole of TOML 1.0 (dotted keys, inline tables, arrays of tables, all
 * string forms, integer bases, special floats, the four date-time kinds and
 * every redefinition rule) and nothing else: it does not write TOML.
 * Errors are reported through diag with the file name and the line and
 * column in that file.
 */
#ifndef MEND_TOML_H
#define MEND_TOML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum toml_type {
	TOML_TABLE,
	TOML_ARRAY,
	TOML_STRING,
	TOML_INTEGER,
	TOML_FLOAT,
	TOML_BOOL,
	TOML_DATETIME,       /* offset date-time: 1979-05-27T07:32:00Z */
	TOML_DATETIME_LOCAL, /* 1979-05-27T07:32:00 */
	TOML_DATE_LOCAL,     /* 1979-05-27 */
	TOML_TIME_LOCAL      /* 07:32:00 */
};

/* The parts of a date-time value; unused parts are 0. */
struct toml_datetime {
	int year, month, day;
	int hour, minute, second;
	long nanosecond;        /* fraction of the second, 0..999999999 */
	int frac_digits;        /* digits the fraction was written with (0: none) */
	int offset_minutes;     /* TOML_DATETIME only: offset from UTC */
	bool offset_z;          /* TOML_DATETIME only: written as "Z" */
};

struct toml_value;

/*
 * Parse text[0..len) as a TOML document.  name is the file as the user
 * knows it ("site.toml", "<stdin>", "content/steps/x.md") and first_line
 * the line of that file the text starts on (1 for a whole file; more for
 * front matter), so diagnostics point into the real file.  Returns the root
 * table, owned by the caller (toml_free), or NULL after reporting the first
 * error through diag.
 *
 * TOML allows "\u0000" in strings and quoted keys, but what mend reads
 * becomes C strings, where a NUL would silently cut the text short; so
 * toml_parse refuses it, at the escape:
 *
 *     site.toml:1:13: error: a NUL character ('\u0000') cannot be used in a string or a key
 */
struct toml_value *toml_parse(const char *text, size_t len, const char *name,
    int first_line);
/*
 * The same, accepting "\u0000" as TOML does (for mend debug toml, which
 * shows TOML as the toml-test suite does): toml_string and toml_table_keyn
 * then give the length.
 */
struct toml_value *toml_parse_with_nul(const char *text, size_t len,
    const char *name, int first_line);
/* Free a tree returned by toml_parse; NULL is allowed. */
void toml_free(struct toml_value *root);

enum toml_type toml_type(const struct toml_value *v);
/* "table", "array", "string", "integer", "float", "boolean", "date-time", ... */
const char *toml_type_name(enum toml_type type);
/*
 * Report through diag, at v's line and column in path, that key should be
 * wanted ("an integer", "true or false") and is not: "'weight' must be an
 * integer, not a string".
 */
void toml_report_type(const char *path, const char *key,
    const struct toml_value *v, const char *wanted);
/* Where the value starts in the file (line as in the file, 1-based). */
int toml_line(const struct toml_value *v);
int toml_col(const struct toml_value *v);

/* Tables keep their keys in the order they were first defined. */
size_t toml_table_size(const struct toml_value *table);
const char *toml_table_key(const struct toml_value *table, size_t i);
/*
 * The same key with its length in *len: a quoted key may hold NUL
 * ("\u0000" = 1), which toml_table_key's C string cannot show.
 */
const char *toml_table_keyn(const struct toml_value *table, size_t i,
    size_t *len);
const struct toml_value *toml_table_value(const struct toml_value *table, size_t i);
/* The value under key, or NULL when absent (or table is not a table). */
const struct toml_value *toml_get(const struct toml_value *table, const char *key);

size_t toml_array_size(const struct toml_value *array);
const struct toml_value *toml_array_at(const struct toml_value *array, size_t i);

/* Scalars.  Each must only be called on a value of its own type. */
/* The string's bytes (may hold NUL: len says how many); owned by the tree. */
const char *toml_string(const struct toml_value *v, size_t *len);
int64_t toml_integer(const struct toml_value *v);
double toml_float(const struct toml_value *v);
bool toml_bool(const struct toml_value *v);
/* For the four date-time types. */
const struct toml_datetime *toml_datetime(const struct toml_value *v);

#endif
