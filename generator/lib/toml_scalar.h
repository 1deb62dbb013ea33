/*
 * toml_scalar — what toml_scalar.c offers toml.c: the TOML values written
 * without quotes or brackets (booleans, integers, floats, inf and nan, the
 * four kinds of date-time), read from a run of text into a struct
 * toml_scalar, and the character classes such runs, and bare keys, are
 * made of.  It needs nothing from toml.c, which knows where a value
 * starts, makes the tree's value from the scalar and reports an error at
 * the run's start.
 * Private to the two files; the rest of mend uses toml.h.
 */
#ifndef MEND_TOML_SCALAR_H
#define MEND_TOML_SCALAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/toml.h"

struct buf;

/* Character classes */

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

/* A value written without quotes or brackets. */
struct toml_scalar {
	enum toml_type type;                /* TOML_BOOL, TOML_INTEGER,
	                                       TOML_FLOAT or a date-time type */
	union {
		int64_t integer;                /* TOML_INTEGER */
		double number;                  /* TOML_FLOAT */
		bool boolean;                   /* TOML_BOOL */
		struct toml_datetime datetime;  /* the four date-time types */
	} u;                                /* the value itself */
};

/*
 * The length of the run of is_scalar characters at s[0..n) that makes one
 * value: a date, one space and a time ("1979-05-27 07:32:00") are one run.
 */
size_t toml_scalar_length(const char *s, size_t n);

/*
 * Read s[0..n), a run toml_scalar_length measured, into *out.  Returns 0,
 * or -1 with why it is not a valid value appended to why ("invalid number
 * '1__0'"): the message toml.c reports at the run's start.
 */
int toml_scalar_read(const char *s, size_t n, struct toml_scalar *out,
    struct buf *why);

#endif
