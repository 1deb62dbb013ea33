/*
 * diag — the one place mend reports problems.
 *
 * Every error and warning in the program goes through here and comes out
 * as a compiler would print it:
 *
 *     content/steps/apologize-sincerely.md:12:5: error: link target 'x' not found
 *     content/steps/apologize-sincerely.md:12:5: note: did you mean 'y'?
 *
 * (":COL" is left out when the column is unknown, ":LINE:COL" when the line
 * is, and the file is "mend" when no file is concerned).  Text output is
 * coloured only when stderr is a terminal and NO_COLOR is unset or empty;
 * with --format json each diagnostic is one JSON object on its own line.
 * Everything printed passes through diag_put_safe, so text from a user's
 * files cannot drive the terminal.  The module counts what it reports, so commands can end with a summary
 * and choose their exit status.  It is safe to call from several threads.
 */
#ifndef MEND_DIAG_H
#define MEND_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "lib/buf.h"
#include "lib/util.h"

enum diag_severity { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE };
enum diag_format { DIAG_FORMAT_TEXT, DIAG_FORMAT_JSON };

/* One problem, as a sink receives it.  Strings are borrowed for the call. */
struct diag {
	enum diag_severity severity;
	const char *check;   /* stable name of the check that found it, or NULL */
	const char *file;    /* path as the user knows it, or NULL */
	int line;            /* 1-based, or 0 when unknown */
	int col;             /* 1-based, or 0 when unknown */
	const char *url;     /* the published page concerned, or NULL */
	const char *message; /* one line, no trailing newline or period */
	const char *hint;    /* a way out ("did you mean 'x'?"), or NULL:
	                        text prints it as a note at the same place on
	                        the next line, as compilers do; JSON as "hint" */
};

/* A sink receives every diagnostic instead of stderr (tests use this). */
typedef void (*diag_sink)(const struct diag *d, void *ctx);

/*
 * Choose the output: format, and colour (1 on, 0 off, -1 decide from the
 * terminal and NO_COLOR).  Call once, before the first report.
 */
void diag_setup(enum diag_format format, int color);
/* The output chosen by diag_setup. */
enum diag_format diag_output_format(void);
/* Send diagnostics to sink (NULL: back to stderr).  Counts still run. */
void diag_set_sink(diag_sink sink, void *ctx);
/* Forget the counts. */
void diag_reset(void);

/* Report a fully described problem. */
void diag_emit(const struct diag *d);
void diag_error(const char *file, int line, int col, const char *fmt, ...)
    MEND_PRINTF(4, 5);
void diag_warning(const char *file, int line, int col, const char *fmt, ...)
    MEND_PRINTF(4, 5);
/* Same as diag_error/diag_warning, with a check name and page URL. */
void diag_report(enum diag_severity severity, const char *check,
    const char *file, int line, int col, const char *url, const char *fmt, ...)
    MEND_PRINTF(7, 8);

/*
 * Diagnostics held back: a stage that works on many pages at once holds
 * each page's, then releases them in page order, so that what is printed
 * does not depend on how many threads ran.  Held diagnostics are counted
 * when they are released, not before.
 */
struct diag_held {
	struct diag *items;  /* owned, with copies of their strings */
	size_t len;
	size_t cap;
};

#define DIAG_HELD_INIT { NULL, 0, 0 }

/*
 * From now on, keep this thread's diagnostics in held instead of emitting
 * them (held is borrowed until the next call); NULL emits them again.
 * Other threads are not affected.  Returns the hold in force before (or
 * NULL), which a stage restores when it is done, so that holds nest: what
 * the stage then releases goes into the hold of whoever called it.
 */
struct diag_held *diag_hold(struct diag_held *held);
/*
 * Emit what held holds, in the order it came (on a thread that holds, into
 * what it holds), and empty it.
 */
void diag_release(struct diag_held *held);
/* Forget what held holds without emitting it; held may be reused. */
void diag_held_free(struct diag_held *held);

/*
 * Print "mend: " and a line for people (a build's outcome) to stderr, in
 * the text format only: JSON output stays one diagnostic per line.
 */
void diag_say(const char *fmt, ...) MEND_PRINTF(1, 2);

/*
 * Append text to out as it may reach a terminal: control characters other
 * than tab (C0, DEL and the C1 range U+0080 to U+009F) become escapes such
 * as \x1b or \u009b, and bytes that are not UTF-8 become \xNN; everything
 * else is copied.  A message is thereby one line, whatever it quotes.
 */
void diag_put_safe(struct buf *out, const char *text);

/*
 * Print text to f as diag_put_safe shows it, on one line: newlines and
 * tabs become spaces first (for answers and messages a command prints).
 */
void diag_print_flat(FILE *f, const char *text);

/*
 * For a sink that prints as well as keeps (`mend serve` shows the
 * diagnostics in the browser and on the terminal): append to out the line
 * the text format prints for d (and its hint's note line, when it has one), with the terminal's colours when color is
 * true; print d to stderr exactly as diag_emit would without a sink (text
 * or JSON), counting nothing.  diag_text_color tells whether text output
 * is coloured now, diag_json whether the format is JSON.
 */
void diag_format_text(struct buf *out, const struct diag *d, bool color);
void diag_print(const struct diag *d);
bool diag_text_color(void);
bool diag_json(void);

size_t diag_errors(void);
size_t diag_warnings(void);
/*
 * Print "mend: N errors, M warnings" to stderr (text format only, and only
 * when something was reported).
 */
void diag_summary(void);

#endif
