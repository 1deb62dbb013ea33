/*
 * toml_scalar — the TOML values written without quotes or brackets:
 * booleans, integers (decimal, hexadecimal, octal and binary), floats
 * (inf and nan too) and the four kinds of date-time.  toml.c hands it
 * every value that starts with a character such values are made of
 * (is_scalar); it measures the whole run of those characters as one value
 * (toml_scalar_length), reads it (toml_scalar_read) and says why a run is
 * not a valid one: a misplaced underscore, leading zeros, an integer past
 * 64 bits, a day the month does not have, a bare word that needs quotes.
 *
 * It knows nothing of the parser, keys, strings, tables or arrays: toml.c
 * makes the tree's value and reports the error.  Floats are read with
 * strtod, so the C locale is assumed (mend never calls setlocale).
 */
#include "lib/toml_scalar.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/util.h"

/* Append why a run is not a value to why.  Returns -1. */
static int MEND_PRINTF(2, 3)
fail(struct buf *why, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(why, fmt, ap);
	va_end(ap);
	return -1;
}

/* Numbers */

/*
 * Scan digits of base from s[*i] on, with single underscores between
 * digits.  Returns how many digits, or -1 for a misplaced underscore.
 */
static int
scan_digits(const char *s, size_t n, size_t *i, int base)
{
	int count = 0;

	while (*i < n) {
		int d = util_hex_value((unsigned char)s[*i]);

		if (d >= 0 && d < base) {
			count++;
			(*i)++;
		} else if (s[*i] == '_') {
			if (count == 0 || *i + 1 >= n || (d = util_hex_value(
			    (unsigned char)s[*i + 1])) < 0 || d >= base)
				return -1;
			(*i)++;
		} else
			break;
	}
	return count;
}

/* An integer in base 16, 8 or 2 (after its prefix), as toml.h says. */
static int
parse_based(struct toml_scalar *v, const char *s, size_t n, struct buf *why)
{
	static const char *const names[] = { "binary", "octal", "hexadecimal" };
	int base = s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;
	uint64_t value = 0;
	size_t i = 2;
	int count = scan_digits(s, n, &i, base);

	if (count < 0)
		return fail(why, "an underscore must be between two "
		    "digits in '%.*s'", (int)n, s);
	if (count == 0 || i != n)
		return fail(why, "invalid %s integer '%.*s'",
		    names[base == 16 ? 2 : base == 8], (int)n, s);
	for (i = 2; i < n; i++) {
		if (s[i] == '_')
			continue;
		if (value > ((uint64_t)INT64_MAX -
		    (uint64_t)util_hex_value((unsigned char)s[i])) / (uint64_t)base)
			return fail(why, "integer is too large for 64 "
			    "bits");
		value = value * (uint64_t)base +
		    (uint64_t)util_hex_value((unsigned char)s[i]);
	}
	v->type = TOML_INTEGER;
	v->u.integer = (int64_t)value;
	return 0;
}

/* A decimal integer or a float, inf or nan, with an optional sign. */
static int
parse_number(struct toml_scalar *v, const char *s, size_t n, struct buf *why)
{
	size_t i = 0, start;
	bool negative = false, is_float = false;
	uint64_t value = 0, limit;
	struct buf clean = BUF_INIT;
	int digits;

	if (s[0] == '+' || s[0] == '-') {
		negative = s[0] == '-';
		i = 1;
	}
	if (n - i == 3 && (memcmp(s + i, "inf", 3) == 0 ||
	    memcmp(s + i, "nan", 3) == 0)) {
		v->type = TOML_FLOAT;
		v->u.number = s[i] == 'i' ? INFINITY : NAN;
		if (negative)
			v->u.number = -v->u.number;
		return 0;
	}
	if (n - i > 1 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'o' ||
	    s[i + 1] == 'b')) {
		if (i > 0)
			return fail(why, "'%.*s': hexadecimal, octal "
			    "and binary integers cannot have a sign", (int)n,
			    s);
		return parse_based(v, s, n, why);
	}
	start = i;
	if ((digits = scan_digits(s, n, &i, 10)) > 1 && s[start] == '0')
		return fail(why, "leading zeros are not allowed in "
		    "'%.*s'", (int)n, s);
	if (digits > 0 && i < n && s[i] == '.') {
		i++;
		is_float = true;
		digits = scan_digits(s, n, &i, 10);
	}
	if (digits > 0 && i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		is_float = true;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		digits = scan_digits(s, n, &i, 10);
	}
	if (digits < 0)
		return fail(why, "an underscore must be between two "
		    "digits in '%.*s'", (int)n, s);
	if (digits == 0 || i != n)
		return fail(why, "invalid number '%.*s'", (int)n, s);
	if (is_float) {
		for (i = 0; i < n; i++)
			if (s[i] != '_')
				buf_putc(&clean, s[i]);
		v->type = TOML_FLOAT;
		v->u.number = strtod(buf_str(&clean), NULL);
		buf_free(&clean);
		if (isinf(v->u.number))
			return fail(why, "float '%.*s' is too large "
			    "for 64 bits", (int)n, s);
		return 0;
	}
	limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (i = start; i < n; i++) {
		if (s[i] == '_')
			continue;
		if (value > (limit - (uint64_t)(s[i] - '0')) / 10)
			return fail(why, "integer is too large for 64 "
			    "bits");
		value = value * 10 + (uint64_t)(s[i] - '0');
	}
	v->type = TOML_INTEGER;
	if (!negative)
		v->u.integer = (int64_t)value;
	else if (value == (uint64_t)INT64_MAX + 1)
		v->u.integer = INT64_MIN;
	else
		v->u.integer = -(int64_t)value;
	return 0;
}

/* Date-times */

/* Read two digits at s as a number, or -1. */
static int
two_digits(const char *s)
{
	if (!is_digit((unsigned char)s[0]) || !is_digit((unsigned char)s[1]))
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

static int
days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };

	if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
		return 29;
	return days[month - 1];
}

/* Does s[0..n) start as a date, "YYYY-"? */
static bool
looks_like_date(const char *s, size_t n)
{
	return n >= 5 && two_digits(s) >= 0 && two_digits(s + 2) >= 0 &&
	    s[4] == '-';
}

/*
 * Parse the time at s[*i..n): HH:MM:SS with an optional fraction.  Returns
 * NULL, or why it is not a time.
 */
static const char *
parse_time(const char *s, size_t n, size_t *i, struct toml_datetime *dt)
{
	size_t k = *i;

	if (n - k < 8 || s[k + 2] != ':' || s[k + 5] != ':' ||
	    (dt->hour = two_digits(s + k)) < 0 ||
	    (dt->minute = two_digits(s + k + 3)) < 0 ||
	    (dt->second = two_digits(s + k + 6)) < 0)
		return "write the time as HH:MM:SS";
	if (dt->hour > 23)
		return "the hour must be 00 to 23";
	if (dt->minute > 59)
		return "the minute must be 00 to 59";
	if (dt->second > 60)  /* 60 for a leap second, as RFC 3339 allows */
		return "the second must be 00 to 60";
	k += 8;
	if (k < n && s[k] == '.') {
		long scale = 100000000;

		k++;
		if (k >= n || !is_digit((unsigned char)s[k]))
			return "a '.' must be followed by digits";
		for (; k < n && is_digit((unsigned char)s[k]); k++) {
			if (dt->frac_digits == 9)  /* past nanoseconds */
				continue;
			dt->nanosecond += (s[k] - '0') * scale;
			scale /= 10;
			dt->frac_digits++;
		}
	}
	*i = k;
	return NULL;
}

/* A date-time, local date-time, local date or local time. */
static int
parse_datetime(struct toml_scalar *v, const char *s, size_t n,
    struct buf *why)
{
	struct toml_datetime *dt = &v->u.datetime;
	const char *what = "time", *reason = NULL;
	size_t i = 0;
	int hours, minutes;

	if (looks_like_date(s, n)) {
		what = n <= 10 ? "date" : "date-time";
		dt->year = two_digits(s) * 100 + two_digits(s + 2);
		if (n < 10 || s[7] != '-' ||
		    (dt->month = two_digits(s + 5)) < 0 ||
		    (dt->day = two_digits(s + 8)) < 0)
			reason = "write the date as YYYY-MM-DD";
		else if (dt->month < 1 || dt->month > 12)
			reason = "the month must be 01 to 12";
		else if (dt->day < 1 ||
		    dt->day > days_in_month(dt->year, dt->month))
			reason = "that month has no such day";
		else if (n == 10) {
			v->type = TOML_DATE_LOCAL;
			return 0;
		} else if (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
			reason = "put 'T' or a space between date and time";
		i = 11;
	}
	if (reason == NULL)
		reason = parse_time(s, n, &i, dt);
	if (reason == NULL && what[0] == 't') {
		if (i == n) {
			v->type = TOML_TIME_LOCAL;
			return 0;
		}
		reason = "a local time cannot have anything after it";
	} else if (reason == NULL && i == n) {
		v->type = TOML_DATETIME_LOCAL;
		return 0;
	} else if (reason == NULL && (s[i] == 'Z' || s[i] == 'z') && i + 1 == n) {
		v->type = TOML_DATETIME;
		dt->offset_z = true;
		return 0;
	} else if (reason == NULL) {
		if ((s[i] != '+' && s[i] != '-') || n - i != 6 ||
		    s[i + 3] != ':' || (hours = two_digits(s + i + 1)) < 0 ||
		    (minutes = two_digits(s + i + 4)) < 0)
			reason = "write the offset as Z, +HH:MM or -HH:MM";
		else if (hours > 23 || minutes > 59)
			reason = "the offset must be within -23:59 to +23:59";
		else {
			v->type = TOML_DATETIME;
			dt->offset_minutes = (s[i] == '-' ? -1 : 1) *
			    (hours * 60 + minutes);
			return 0;
		}
	}
	return fail(why, "invalid %s '%.*s': %s", what, (int)n, s,
	    reason);
}

/* The value */

size_t
toml_scalar_length(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && is_scalar((unsigned char)s[i]))
		i++;
	if (i == 10 && looks_like_date(s, 10) && n >= 14 && s[10] == ' ' &&
	    is_digit((unsigned char)s[11]) && is_digit((unsigned char)s[12]) &&
	    s[13] == ':') {  /* "1979-05-27 07:32:00": one value */
		i++;
		while (i < n && is_scalar((unsigned char)s[i]))
			i++;
	}
	return i;
}

int
toml_scalar_read(const char *s, size_t n, struct toml_scalar *out,
    struct buf *why)
{
	memset(out, 0, sizeof(*out));
	out->type = TOML_INTEGER;
	if (n == 4 && memcmp(s, "true", 4) == 0) {
		out->type = TOML_BOOL;
		out->u.boolean = true;
		return 0;
	}
	if (n == 5 && memcmp(s, "false", 5) == 0) {
		out->type = TOML_BOOL;
		return 0;
	}
	if (looks_like_date(s, n) ||
	    (n >= 3 && two_digits(s) >= 0 && s[2] == ':'))
		return parse_datetime(out, s, n, why);
	if (is_alpha((unsigned char)s[0]) && !(n == 3 &&
	    (memcmp(s, "inf", 3) == 0 || memcmp(s, "nan", 3) == 0)))
		return fail(why, "expected a value, found '%.*s' "
		    "(strings need quotes)", n > 40 ? 40 : (int)n, s);
	return parse_number(out, s, n, why);
}
