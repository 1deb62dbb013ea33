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

static void
print_json(const struct diag *d)
{
	json_t *obj = json_object();
	char *text;

	json_object_set_new(obj, "severity",
	    json_string(severity_names[d->severity]));
	if (d->check != NULL)
		json_object_set_new(obj, "check", json_string(d->check));
	json_object_set_new(obj, "file", d->file ? json_string(d->file) : json_null());
	json_object_set_new(obj, "line", json_integer(d->line));
	json_object_set_new(obj, "column", json_integer(d->col));
	if (d->url != NULL)
		json_object_set_new(obj, "url", json_string(d->url));
	json_object_set_new(obj, "message", json_string(d->message));
	text = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (text == NULL)
		xoom();
	fprintf(stderr, "%s\n", text);
	free(text);
	json_decref(obj);
}

static void
print_text(const struct diag *d)
{
	static const char *const colors[] = { "\033[1;31m", "\033[1;35m", "\033[1;36m" };
	struct buf line = BUF_INIT;
	int color = diag_color < 0 ? color_wanted() : diag_color;

	if (color)
		BUF_PUTSL(&line, "\033[1m");
	buf_puts(&line, d->file != NULL ? d->file : "mend");
	if (d->file != NULL && d->line > 0) {
		buf_printf(&line, ":%d", d->line);
		if (d->col > 0)
			buf_printf(&line, ":%d", d->col);
	}
	BUF_PUTSL(&line, ": ");
	if (color)
		buf_puts(&line, colors[d->severity]);
	buf_puts(&line, severity_names[d->severity]);
	BUF_PUTSL(&line, ":");
	if (color)
		BUF_PUTSL(&line, "\033[0m");
	buf_putc(&line, ' ');
	buf_puts(&line, d->message);
	if (d->check != NULL)
		buf_printf(&line, " [%s]", d->check);
	buf_putc(&line, '\n');
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
}

void
diag_hold(struct diag_held *held)
{
	diag_held_here = held;
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
	if (diag_sink_fn != NULL)
		diag_sink_fn(d, diag_sink_ctx);
	else if (diag_format == DIAG_FORMAT_JSON)
		print_json(d);
	else
		print_text(d);
	pthread_mutex_unlock(&diag_lock);
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
	struct buf line = BUF_INIT;
	va_list ap;

	if (diag_format != DIAG_FORMAT_TEXT)
		return;
	BUF_PUTSL(&line, "mend: ");
	va_start(ap, fmt);
	buf_vprintf(&line, fmt, ap);
	va_end(ap);
	buf_putc(&line, '\n');
	pthread_mutex_lock(&diag_lock);
	fputs(buf_str(&line), stderr);
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
	fprintf(stderr, "mend: %zu error%s, %zu warning%s\n", errors,
	    errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
}
