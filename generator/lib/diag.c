/*
 * diag — formatting, colouring and counting of diagnostics.  See diag.h.
 * This module decides how a problem looks; it never decides what is one.
 */
#include "lib/diag.h"

#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/progress.h"

static enum diag_format diag_format = DIAG_FORMAT_TEXT;
static int diag_color = -1;          /* -1: not decided yet */
static diag_sink diag_sink_fn;       /* NULL: print to stderr */
static void *diag_sink_ctx;
static size_t diag_error_count, diag_warning_count;
static pthread_mutex_t diag_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local struct diag_held *diag_held_here; /* this thread's */

static const char *const severity_names[] = { "error", "warning", "note" };

static int
color_wanted(void)
{
	const char *no_color = getenv("NO_COLOR");

	if (no_color != NULL && no_color[0] != '\0')
		return 0;
	return isatty(STDERR_FILENO);
}

void
diag_setup(enum diag_format format, int color)
{
	diag_format = format;
	diag_color = color < 0 ? color_wanted() : color;
}

enum diag_format
diag_output_format(void)
{
	return diag_format;
}

void
diag_set_sink(diag_sink sink, void *ctx)
{
	pthread_mutex_lock(&diag_lock);
	diag_sink_fn = sink;
	diag_sink_ctx = ctx;
	pthread_mutex_unlock(&diag_lock);
}

void
diag_reset(void)
{
	pthread_mutex_lock(&diag_lock);
	diag_error_count = diag_warning_count = 0;
	pthread_mutex_unlock(&diag_lock);
}

void
diag_put_safe(struct buf *out, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t len = strlen(text), off = 0, used;
	long cp;

	while (off < len) {
		cp = util_utf8_decode(s + off, len - off, &used);
		if (cp < 0)  /* not UTF-8: show the byte */
			buf_printf(out, "\\x%02x", s[off]);
		else if ((cp < 0x20 && cp != '\t') || cp == 0x7f)
			buf_printf(out, "\\x%02lx", (unsigned long)cp);
		else if (cp >= 0x80 && cp <= 0x9f)  /* C1 controls: CSI, OSC, ... */
			buf_printf(out, "\\u%04lx", (unsigned long)cp);
		else
			buf_put(out, text + off, used);
		off += used;
	}
}

void
diag_print_flat(FILE *f, const char *text)
{
	struct buf flat = BUF_INIT, shown = BUF_INIT;

	for (; *text != '\0'; text++)
		buf_putc(&flat, *text == '\n' || *text == '\t' ? ' ' : *text);
	diag_put_safe(&shown, buf_str(&flat));
	fputs(buf_str(&shown), f);
	buf_free(&flat);
	buf_free(&shown);
}

/*
 * A JSON string for text: bytes that are not UTF-8 are shown as in the text
 * format (jansson refuses them, and the field would be lost); the C0
 * controls jansson escapes itself.
 */
static json_t *
json_text(const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	struct buf out = BUF_INIT;
	size_t len = strlen(text), off = 0, used;
	json_t *str;

	if (util_utf8_valid(text, len, NULL))
		return json_string(text);
	while (off < len) {
		if (util_utf8_decode(s + off, len - off, &used) < 0)
			buf_printf(&out, "\\x%02x", s[off]);
		else
			buf_put(&out, text + off, used);
		off += used;
	}
	str = json_string(buf_str(&out));
	buf_free(&out);
	return str;
}

/*
 * Print a JSON line with DEL and the C1 controls (U+0080 to U+009F), which
 * JSON lets through raw and a terminal may obey, written as \u escapes.
 */
static void
put_json_line(const char *json)
{
	struct buf line = BUF_INIT;
	const unsigned char *s = (const unsigned char *)json;
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == 0x7f)
			BUF_PUTSL(&line, "\\u007f");
		else if (s[i] == 0xc2 && s[i + 1] >= 0x80 && s[i + 1] <= 0x9f) {
			buf_printf(&line, "\\u%04x", s[i + 1]);
			i++;
		} else
			buf_putc(&line, (char)s[i]);
	}
	buf_putc(&line, '\n');
	fputs(buf_str(&line), stderr);
	buf_free(&line);
}

static void
print_json(const struct diag *d)
{
	json_t *obj = json_object();
	char *text;

	json_object_set_new(obj, "severity",
	    json_string(severity_names[d->severity]));
	if (d->check != NULL)
		json_object_set_new(obj, "check", json_text(d->check));
	json_object_set_new(obj, "file", d->file ? json_text(d->file) : json_null());
	json_object_set_new(obj, "line", json_integer(d->line));
	json_object_set_new(obj, "column", json_integer(d->col));
	if (d->url != NULL)
		json_object_set_new(obj, "url", json_text(d->url));
	json_object_set_new(obj, "message", json_text(d->message));
	if (d->hint != NULL)
		json_object_set_new(obj, "hint", json_text(d->hint));
	text = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (text == NULL)
		xoom();
	put_json_line(text);
	free(text);
	json_decref(obj);
}

/*
 * Append a line at d's place: severity and message, and, on d's own line
 * (not its hint's), the check's name.
 */
static void
put_text_line(struct buf *line, const struct diag *d,
    enum diag_severity severity, const char *message, int color)
{
	static const char *const colors[] = { "\033[1;31m", "\033[1;35m", "\033[1;36m" };

	if (color)
		BUF_PUTSL(line, "\033[1m");
	diag_put_safe(line, d->file != NULL ? d->file : "mend");
	if (d->file != NULL && d->line > 0) {
		buf_printf(line, ":%d", d->line);
		if (d->col > 0)
			buf_printf(line, ":%d", d->col);
	}
	BUF_PUTSL(line, ": ");
	if (color)
		buf_puts(line, colors[severity]);
	buf_puts(line, severity_names[severity]);
	BUF_PUTSL(line, ":");
	if (color)
		BUF_PUTSL(line, "\033[0m");
	buf_putc(line, ' ');
	diag_put_safe(line, message);
	if (d->check != NULL && message == d->message) {
		BUF_PUTSL(line, " [");
		diag_put_safe(line, d->check);
		buf_putc(line, ']');
	}
	buf_putc(line, '\n');
}

void
diag_format_text(struct buf *line, const struct diag *d, bool color)
{
	put_text_line(line, d, d->severity, d->message, color);
	if (d->hint != NULL)
		put_text_line(line, d, DIAG_NOTE, d->hint, color);
}

static void
print_text(const struct diag *d)
{
	struct buf line = BUF_INIT;
	int color = diag_color < 0 ? color_wanted() : diag_color;

	diag_format_text(&line, d, color != 0);
	fputs(buf_str(&line), stderr);  /* one write, so threads do not interleave */
	buf_free(&line);
}

static char *
copy_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* Keep a copy of d in held. */
static void
hold(struct diag_held *held, const struct diag *d)
{
	struct diag *copy;

	if (held->len == held->cap) {
		held->cap = held->cap ? held->cap * 2 : 4;
		held->items = xrealloc(held->items,
		    held->cap * sizeof(*held->items));
	}
	copy = &held->items[held->len++];
	*copy = *d;
	copy->check = copy_or_null(d->check);
	copy->file = copy_or_null(d->file);
	copy->url = copy_or_null(d->url);
	copy->message = xstrdup(d->message);
	copy->hint = copy_or_null(d->hint);
}

struct diag_held *
diag_hold(struct diag_held *held)
{
	struct diag_held *before = diag_held_here;

	diag_held_here = held;
	return before;
}

void
diag_release(struct diag_held *held)
{
	struct diag_held taken = *held;  /* held may be where this thread holds */
	size_t i;

	memset(held, 0, sizeof(*held));
	for (i = 0; i < taken.len; i++)
		diag_emit(&taken.items[i]);
	diag_held_free(&taken);
}

void
diag_held_free(struct diag_held *held)
{
	size_t i;

	for (i = 0; i < held->len; i++) {
		struct diag *d = &held->items[i];

		/* The copies are ours: hold() made them with xstrdup. */
		free((char *)d->check);
		free((char *)d->file);
		free((char *)d->url);
		free((char *)d->message);
		free((char *)d->hint);
	}
	free(held->items);
	held->items = NULL;
	held->len = held->cap = 0;
}

void
diag_emit(const struct diag *d)
{
	if (diag_held_here != NULL) {
		hold(diag_held_here, d);
		return;
	}
	pthread_mutex_lock(&diag_lock);
	if (d->severity == DIAG_ERROR)
		diag_error_count++;
	else if (d->severity == DIAG_WARNING)
		diag_warning_count++;
	progress_pause();  /* the progress line, if shown, is erased first */
	if (diag_sink_fn != NULL)
		diag_sink_fn(d, diag_sink_ctx);
	else if (diag_format == DIAG_FORMAT_JSON)
		print_json(d);
	else
		print_text(d);
	progress_resume();
	pthread_mutex_unlock(&diag_lock);
}

void
diag_print(const struct diag *d)
{
	if (diag_format == DIAG_FORMAT_JSON)
		print_json(d);
	else
		print_text(d);
}

bool
diag_text_color(void)
{
	if (diag_format == DIAG_FORMAT_JSON)
		return false;
	return (diag_color < 0 ? color_wanted() : diag_color) != 0;
}

bool
diag_json(void)
{
	return diag_format == DIAG_FORMAT_JSON;
}

static void
vreport(enum diag_severity severity, const char *check, const char *file,
    int line, int col, const char *url, const char *fmt, va_list ap)
{
	struct buf message = BUF_INIT;
	struct diag d;

	buf_vprintf(&message, fmt, ap);
	d.severity = severity;
	d.check = check;
	d.file = file;
	d.line = line;
	d.col = col;
	d.url = url;
	d.message = buf_str(&message);
	d.hint = NULL;
	diag_emit(&d);
	buf_free(&message);
}

void
diag_error(const char *file, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(DIAG_ERROR, NULL, file, line, col, NULL, fmt, ap);
	va_end(ap);
}

void
diag_warning(const char *file, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(DIAG_WARNING, NULL, file, line, col, NULL, fmt, ap);
	va_end(ap);
}

void
diag_report(enum diag_severity severity, const char *check, const char *file,
    int line, int col, const char *url, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(severity, check, file, line, col, url, fmt, ap);
	va_end(ap);
}

void
diag_say(const char *fmt, ...)
{
	struct buf text = BUF_INIT, line = BUF_INIT;
	va_list ap;

	if (diag_format != DIAG_FORMAT_TEXT)
		return;
	va_start(ap, fmt);
	buf_vprintf(&text, fmt, ap);
	va_end(ap);
	BUF_PUTSL(&line, "mend: ");
	diag_put_safe(&line, buf_str(&text));
	buf_free(&text);
	buf_putc(&line, '\n');
	pthread_mutex_lock(&diag_lock);
	progress_pause();
	fputs(buf_str(&line), stderr);
	progress_resume();
	pthread_mutex_unlock(&diag_lock);
	buf_free(&line);
}

size_t
diag_errors(void)
{
	size_t n;

	pthread_mutex_lock(&diag_lock);
	n = diag_error_count;
	pthread_mutex_unlock(&diag_lock);
	return n;
}

size_t
diag_warnings(void)
{
	size_t n;

	pthread_mutex_lock(&diag_lock);
	n = diag_warning_count;
	pthread_mutex_unlock(&diag_lock);
	return n;
}

void
diag_summary(void)
{
	size_t errors = diag_errors(), warnings = diag_warnings();

	if (diag_format != DIAG_FORMAT_TEXT || (errors == 0 && warnings == 0))
		return;
	progress_pause();
	fprintf(stderr, "mend: %zu error%s, %zu warning%s\n", errors,
	    errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
	progress_resume();
}
