/*
 * check_report — the problems the checks find, filed as they are found
 * and kept until every page is done, when check.c sorts and emits them:
 * where each is, its check and severity (from the check's level in
 * site.toml), its message.  A check that is off files nothing.  Used by
 * the page reader (check_page.c and the files that share its walk) and
 * by the site-wide checks (check.c); it knows nothing of pages or HTML,
 * and never emits a diagnostic itself.
 */
#ifndef MEND_CHECK_REPORT_H
#define MEND_CHECK_REPORT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "check/check.h"
#include "lib/diag.h"
#include "lib/util.h"

/* Where a problem is reported. */
struct check_pos {
	const char *file; /* borrowed: a page's file, a name in an origin's
	                     map or its source_path, or sitemap.xml's */
	int line;         /* 1-based, or 0: the whole file */
	int col;          /* 1-based, or 0: unknown */
};

/* One problem, kept until every page is done and all are sorted. */
struct check_report {
	enum diag_severity severity;
	enum check_kind kind; /* CHECK_NKINDS: no check (an unreadable file) */
	struct check_pos pos;
	const char *url; /* the page concerned, borrowed, or NULL */
	char *message;   /* owned */
	char *hint;      /* "did you mean 'x'?", owned, or NULL */
};

/* The problems of a page, or of the site, in the order filed. */
struct check_reports {
	struct check_report *items; /* owned, with their messages */
	size_t len;
	size_t cap;
};

/*
 * The severity a problem of kind gets under opt's levels (warning when
 * the level is the default and warning_by_default holds), or -1 when the
 * check is off.
 */
int check_severity(const struct check_options *opt, enum check_kind kind,
    bool warning_by_default);

/*
 * File a problem of kind at pos about the page at url (borrowed), unless
 * the check is off.  The message is formatted like printf.
 */
void check_report_add(struct check_reports *r, const struct check_options *opt,
    enum check_kind kind, bool warning_by_default, struct check_pos pos,
    const char *url, const char *fmt, ...) MEND_PRINTF(7, 8);
/* The same with a va_list. */
void check_report_vadd(struct check_reports *r, const struct check_options *opt,
    enum check_kind kind, bool warning_by_default, struct check_pos pos,
    const char *url, const char *fmt, va_list ap) MEND_PRINTF(7, 0);
void check_reports_free(struct check_reports *r);

#endif
