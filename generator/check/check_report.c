/*
 * check_report — filing the problems the checks find.  See
 * check_report.h.
 */
#include "check/check_report.h"

#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"

int
check_severity(const struct check_options *opt, enum check_kind kind,
    bool warning_by_default)
{
	switch (opt->levels[kind]) {
	case CHECK_OFF: return -1;
	case CHECK_WARNING: return DIAG_WARNING;
	case CHECK_ERROR: return DIAG_ERROR;
	default: return warning_by_default ? DIAG_WARNING : DIAG_ERROR;
	}
}

void
check_report_add(struct check_reports *r, const struct check_options *opt,
    enum check_kind kind, bool warning_by_default, struct check_pos pos,
    const char *url, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	check_report_vadd(r, opt, kind, warning_by_default, pos, url, fmt, ap);
	va_end(ap);
}

void
check_report_vadd(struct check_reports *r, const struct check_options *opt,
    enum check_kind kind, bool warning_by_default, struct check_pos pos,
    const char *url, const char *fmt, va_list ap)
{
	int severity = kind < CHECK_NKINDS
	                   ? check_severity(opt, kind, warning_by_default)
	                   : DIAG_ERROR;
	struct check_report *rep;
	struct buf message = BUF_INIT;

	if (severity < 0)
		return;
	buf_vprintf(&message, fmt, ap);
	if (r->len == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->items = xrealloc(r->items, r->cap * sizeof(*r->items));
	}
	rep = &r->items[r->len++];
	rep->severity = (enum diag_severity)severity;
	rep->kind = kind;
	rep->pos = pos;
	rep->url = url;
	rep->message = buf_detach(&message);
	rep->hint = NULL;
}

void
check_reports_free(struct check_reports *r)
{
	size_t i;

	for (i = 0; i < r->len; i++) {
		free(r->items[i].message);
		free(r->items[i].hint);
	}
	free(r->items);
	memset(r, 0, sizeof(*r));
}
