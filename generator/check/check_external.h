/*
 * check_external — the external half of the "external" check: whether an
 * http(s) URL is well-formed (libcurl's URL parser), and, for
 * `mend check --external`, whether it answers (libcurl's multi interface).
 *
 * Each URL is fetched once: HEAD first, then GET when HEAD is refused or
 * fails (many servers answer HEAD with 405, 403 or 404, or not at all),
 * following at most CHECK_EXTERNAL_MAX_REDIRECTS redirects, within
 * CHECK_EXTERNAL_TIMEOUT seconds in all (CHECK_EXTERNAL_CONNECT_TIMEOUT to
 * connect), CHECK_EXTERNAL_PARALLEL at once.  A GET stops reading at the
 * first bytes of the body: the status is all it wants.  The whole run has
 * CHECK_EXTERNAL_DEADLINE seconds: the URLs not done by then are left
 * unchecked (no problem recorded) and one warning lists them, so that many
 * URLs that never answer cannot hold a build for long.  Apart from that
 * warning the module knows nothing of pages or diagnostics; check.c says
 * where a URL was used.
 */
#ifndef MEND_CHECK_EXTERNAL_H
#define MEND_CHECK_EXTERNAL_H

#include <stddef.h>

#define CHECK_EXTERNAL_TIMEOUT 10        /* seconds per URL, all tries */
#define CHECK_EXTERNAL_CONNECT_TIMEOUT 5 /* seconds to connect */
#define CHECK_EXTERNAL_MAX_REDIRECTS 5
#define CHECK_EXTERNAL_PARALLEL 8 /* transfers at once */
#define CHECK_EXTERNAL_DEADLINE 30 /* seconds for all the URLs together */

/* One URL to fetch, and what came of it. */
struct check_fetch {
	const char *url; /* absolute http or https URL; borrowed */
	long status;     /* the last HTTP status received, or 0 */
	char *problem;   /* NULL when the URL answered with a status below
	                    400; else what went wrong, as "returned 404" or
	                    "could not be fetched: ..."; owned (free) */
};

/*
 * Is url a well-formed absolute URL by libcurl's parser?  Returns NULL
 * when it is, or a short static reason ("Bad hostname") when it is not.
 * Safe from any thread.
 */
const char *check_external_invalid(const char *url);

/*
 * Fetch every fetches[i].url and fill its status and problem.  Blocks
 * until all are done, or CHECK_EXTERNAL_DEADLINE seconds have passed:
 * then the URLs still in flight or not begun keep status 0 and no problem,
 * and a warning (check "external") says how many were not checked and
 * names the first few:
 *
 *     mend: warning: 16 external URLs were not checked: checking took more
 *     than 30 s in all ('https://a.example/', ... and 13 more) [external]
 *
 * Returns how many were not checked.  Call from one thread at a time.
 */
size_t check_external_fetch(struct check_fetch *fetches, size_t n);

/*
 * Change the time limits (seconds; tests use this): per URL (the default
 * CHECK_EXTERNAL_TIMEOUT) and for the whole run (CHECK_EXTERNAL_DEADLINE).
 * A value of 0 or less restores the default.
 */
void check_external_set_limits(double per_url, double overall);

#endif
