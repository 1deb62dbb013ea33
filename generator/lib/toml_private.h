/*
 * toml_private — what toml.c (the document, its keys, strings, tables and
 * arrays) and toml_scalar.c (numbers, booleans and date-times) share: the
 * parser's state, the tree's values, the character classes both read the
 * text with, and the few functions one file calls in the other.  Private
 * to those two files; the rest of mend uses toml.h.
 *
 * A function defined in one file and called in the other is named tomlp_;
 * the small helpers both call on every byte are static inline here.
 */
#ifndef MEND_TOML_PRIVATE_H
#define MEND_TOML_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/toml.h"
#include "lib/util.h"

struct hash;

/* How a table came to be; decides what may later add to it. */
enum table_kind {
	TABLE_IMPLICIT, /* made on the way to a header: the "a" of [a.b] */
	TABLE_HEADER,   /* named by [header] or [[header]]; also the root */
	TABLE_DOTTED,   /* made (or claimed) by dotted keys in one section */
	TABLE_INLINE    /* written as { ... }: closed once written */
};

struct toml_entry;  /* a key and its value: toml.c's */

struct toml_table {
	struct toml_entry *entries; /* in the order keys were first defined */
	size_t len;                 /* entries used */
	size_t cap;                 /* entries allocated */
	struct hash *index;         /* key: entry index, past TABLE_SCAN_MAX
	                               keys; NULL before */
};

struct toml_array {
	struct toml_value **items; /* owned */
	size_t len;                /* items used */
	size_t cap;                /* items allocated */
};

/* A value in the tree: toml.h's struct toml_value. */
struct toml_value {
	enum toml_type type;  /* which member of u is in use */
	int line;             /* line in the user's file, 1-based */
	int col;              /* byte column, 1-based */
	enum table_kind kind; /* tables: how the table was made */
	int section;          /* TABLE_DOTTED: the section that made it */
	int depth;            /* levels below the root, which is 0 */
	bool aot;             /* arrays: made by [[header]], so it may grow */
	union {
		struct toml_table table;        /* TOML_TABLE */
		struct toml_array array;        /* TOML_ARRAY */
		struct {
			char *data;   /* NUL-terminated; may also hold NUL */
			size_t len;   /* length in bytes */
		} string;                       /* TOML_STRING */
		int64_t integer;                /* TOML_INTEGER */
		double number;                  /* TOML_FLOAT */
		bool boolean;                   /* TOML_BOOL */
		struct toml_datetime datetime;  /* the four date-time types */
	} u;                  /* the value itself */
};

/* Where the parser is in the text, and where key/values now go. */
struct parser {
	const char *text;           /* the document */
	size_t len;                 /* its length in bytes */
	size_t pos;                 /* the next byte to read */
	int line;                   /* line of pos within text, 1-based */
	size_t line_start;          /* offset where that line starts */
	const char *name;           /* the file, for diagnostics */
	int first_line;             /* line of the file that text starts on */
	bool failed;                /* an error was reported: unwind */
	int sections;               /* sections begun so far (headers, { }) */
	int section;                /* the section key/values now go into */
	struct toml_value *root;    /* the document's table */
	struct toml_value *current; /* the table key/values now go into */
};

/* Characters and positions */

static inline bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline bool
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Can c appear in a bare key? */
static inline bool
is_bare(int c)
{
	return is_alpha(c) || is_digit(c) || c == '_' || c == '-';
}

/* Can c appear in a number, a date-time, a boolean, inf or nan? */
static inline bool
is_scalar(int c)
{
	return is_bare(c) || c == '+' || c == '.' || c == ':';
}

/* The byte ahead bytes past pos, or -1 past the end. */
static inline int
peek(const struct parser *p, size_t ahead)
{
	if (p->pos + ahead >= p->len)
		return -1;
	return (unsigned char)p->text[p->pos + ahead];
}

/* In toml.c */

/*
 * A new value of type at byte offset off, depth levels below the root,
 * with its line and column; owned by the caller (toml_free).
 */
struct toml_value *tomlp_value_new(const struct parser *p, enum toml_type type,
    size_t off, int depth);
/*
 * Report an error at byte offset off through diag, unless one was already
 * reported (the first error is the one the user sees).  Returns -1.
 */
int tomlp_fail(struct parser *p, size_t off, const char *fmt, ...)
    MEND_PRINTF(3, 4);

/* In toml_scalar.c */

/*
 * At a character is_scalar accepts: the boolean, number or date-time there,
 * which will sit depth levels below the root; owned by the caller
 * (toml_free).  NULL after reporting an error.
 */
struct toml_value *tomlp_parse_scalar(struct parser *p, int depth);

#endif
