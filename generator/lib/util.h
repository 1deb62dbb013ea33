/*
 * util — allocation wrappers and whole-file reading.
 *
 * Every allocation in mend goes through xmalloc and friends: they never
 * return NULL; when memory runs out they print one line and exit with
 * status 4.  This module knows nothing about sites, pages or diagnostics.
 */
#ifndef MEND_UTIL_H
#define MEND_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#if defined(__GNUC__)
#define MEND_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define MEND_NORETURN __attribute__((noreturn))
#else
#define MEND_PRINTF(fmt, args)
#define MEND_NORETURN
#endif

/* Exit statuses of the program, as the design fixes them. */
enum mend_exit {
	EXIT_OK = 0,    /* success */
	EXIT_SITE = 1,  /* the site (or an answer, a TOML text) has errors */
	EXIT_USAGE = 2, /* the command line is wrong */
	EXIT_INPUT = 3, /* bad input: config, content, template, exercise */
	EXIT_IO = 4     /* I/O or internal failure */
};

/* Allocate; never return NULL.  The caller owns the result and frees it. */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Copy a string (or its first len bytes, then NUL); the caller frees it. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);
/* Print "mend: out of memory" and exit with EXIT_IO. */
MEND_NORETURN void xoom(void);

/*
 * Read a whole file into a new NUL-terminated buffer.  On success returns
 * 0 and sets *data (owned by the caller, free with free()) and *len.  On
 * failure returns -1 with errno set, and emits no diagnostic: the caller
 * knows what the file is for and says so.
 */
int util_read_file(const char *path, char **data, size_t *len);

/*
 * As util_read_file, but a symbolic link at path is not followed: it fails
 * with errno ELOOP (UTIL_LINK_REFUSED says why to an author).  For what a
 * project's own files name (layouts, partials, exercise scripts): a link
 * there could lead to any file on the machine.
 */
int util_read_file_nofollow(const char *path, char **data, size_t *len);
#define UTIL_LINK_REFUSED \
	"is a symbolic link: mend does not follow links among a project's " \
	"templates and scripts (one could lead to any file on this " \
	"machine); put the file itself there"

/*
 * Check that text[0..len) is well-formed UTF-8 (no overlongs, surrogates or
 * code points past U+10FFFF).  Returns true when it is; otherwise false and,
 * when bad_offset is not NULL, the byte offset of the first bad sequence.
 */
bool util_utf8_valid(const char *text, size_t len, size_t *bad_offset);

/*
 * Decode one UTF-8 sequence at s (len bytes available).  Returns the code
 * point and sets *used to its length, or returns -1 (and *used = 1) for a
 * malformed sequence.
 */
long util_utf8_decode(const unsigned char *s, size_t len, size_t *used);

/* Encode code point cp as UTF-8 into out (4 bytes room); returns the length. */
size_t util_utf8_encode(unsigned long cp, char *out);

/*
 * The Levenshtein distance of two short strings (bytes), for "did you
 * mean" suggestions; 99 when either is longer than 63 bytes.
 */
size_t util_edit_distance(const char *a, const char *b);

/* Seconds of CLOCK_MONOTONIC since *start (taken with clock_gettime). */
struct timespec;
double util_seconds_since(const struct timespec *start);
/* CLOCK_MONOTONIC in seconds, for deadlines. */
double util_now(void);

/* qsort comparison of two char * (an array of strings), by strcmp. */
int util_compare_strings(const void *a, const void *b);

/* The value of the hex digit c, or -1 when c is none. */
int util_hex_value(int c);

/* Is c white space as HTML counts it (space, tab, LF, CR, FF)? */
bool util_html_space(int c);

/*
 * The rule for the ids authors give (exercise names; field, item, row,
 * column and feedback rule ids): 1 to 64 lower-case ASCII letters and
 * digits, with single '-' between them ("my-answer").  The forms join ids
 * with "--" (form.c), so an id never holds "--" nor starts or ends with
 * '-': two joined ids can never read the same.  UTIL_ID_RULE says it in
 * the messages.
 */
#define UTIL_ID_RULE "lower-case letters and digits, with single '-' between them"
bool util_id_valid(const char *id);

/*
 * Line and column (1-based, column counted in bytes) of byte offset off in
 * text.  Used to turn parser offsets into diagnostic positions.
 */
void util_line_col(const char *text, size_t off, int *line, int *col);

#endif
