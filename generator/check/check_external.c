/*
 * check_external — URL syntax and fetching with libcurl.  See
 * check_external.h.
 *
 * One multi handle runs up to CHECK_EXTERNAL_PARALLEL easy handles; a
 * finished HEAD that needs a GET goes back into the multi handle as the
 * same transfer with the time it has left.  Only http and https are
 * allowed, for the URL and for every redirect.  Proxies are honoured as
 * libcurl honours them (the *_proxy environment variables).
 */
#include "check/check_external.h"

#include <curl/curl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/util.h"

#ifndef MEND_VERSION
#define MEND_VERSION "dev"
#endif

#define NAMED_UNCHECKED 3  /* URLs the warning names */

static double per_url_limit = CHECK_EXTERNAL_TIMEOUT;  /* seconds */
static double overall_limit = CHECK_EXTERNAL_DEADLINE; /* seconds */

/* One URL in flight. */
struct transfer {
	struct check_fetch *fetch;    /* what it is for */
	CURL *easy;                   /* its handle, reused for the GET */
	bool get;                     /* the GET after a HEAD (else the HEAD) */
	bool got_body;                /* the GET saw body bytes and stopped */
	double deadline;              /* monotonic seconds when time is up */
	char errbuf[CURL_ERROR_SIZE]; /* libcurl's detailed message */
};

const char *
check_external_invalid(const char *url)
{
	CURLU *u = curl_url();
	CURLUcode rc;

	if (u == NULL)
		xoom();
	rc = curl_url_set(u, CURLUPART_URL, url, 0);
	curl_url_cleanup(u);
	switch (
	    rc) { /* our words for the common ones: stable across libcurls */
	case CURLUE_OK: return NULL;
	case CURLUE_BAD_HOSTNAME: return "bad host name";
	case CURLUE_NO_HOST: return "no host";
	case CURLUE_BAD_PORT_NUMBER: return "bad port number";
	case CURLUE_MALFORMED_INPUT: return "malformed URL";
	default: return curl_url_strerror(rc);
	}
}

/* A GET needs only the status: stop at the first bytes of the body. */
static size_t
stop_at_body(char *data, size_t size, size_t n, void *ctx)
{
	struct transfer *t = ctx;

	(void)data;
	(void)size;
	(void)n;
	t->got_body = true;
	return 0; /* libcurl ends the transfer with CURLE_WRITE_ERROR */
}

/* Set up t's handle for its HEAD or GET, with the time it has left. */
static void
prepare(struct transfer *t)
{
	long left = (long)((t->deadline - util_now()) * 1000);
	CURL *e = t->easy;

	if (left < 1)
		left = 1;
	curl_easy_setopt(e, CURLOPT_URL, t->fetch->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, t);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(
	    e, CURLOPT_MAXREDIRS, (long)CHECK_EXTERNAL_MAX_REDIRECTS);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(
	    e, CURLOPT_CONNECTTIMEOUT, (long)CHECK_EXTERNAL_CONNECT_TIMEOUT);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, left);
	curl_easy_setopt(
	    e, CURLOPT_USERAGENT, "mend/" MEND_VERSION " (link check)");
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, stop_at_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
	if (t->get)
		curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
	else
		curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
	t->errbuf[0] = '\0';
}

/* Does a failed HEAD deserve a GET?  Not when the server was never reached. */
static bool
worth_a_get(CURLcode rc, long status)
{
	if (rc == CURLE_OK)
		return status >= 400;
	return rc != CURLE_COULDNT_RESOLVE_HOST &&
	       rc != CURLE_COULDNT_RESOLVE_PROXY &&
	       rc != CURLE_COULDNT_CONNECT && rc != CURLE_OPERATION_TIMEDOUT &&
	       rc != CURLE_TOO_MANY_REDIRECTS &&
	       rc != CURLE_UNSUPPORTED_PROTOCOL;
}

/* Record how t ended. */
static void
finish(struct transfer *t, CURLcode rc, long status)
{
	struct buf problem = BUF_INIT;

	t->fetch->status = status;
	if (rc == CURLE_WRITE_ERROR && t->got_body)
		rc = CURLE_OK; /* we stopped it ourselves */
	if (rc == CURLE_OK && status >= 400)
		buf_printf(&problem, "returned %ld", status);
	else if (rc == CURLE_OPERATION_TIMEDOUT)
		buf_printf(&problem, "did not answer within %g s",
		    per_url_limit);
	else if (rc == CURLE_TOO_MANY_REDIRECTS)
		buf_printf(&problem, "redirects more than %d times",
		    CHECK_EXTERNAL_MAX_REDIRECTS);
	else if (rc != CURLE_OK)
		buf_printf(&problem, "could not be fetched: %s",
		    t->errbuf[0] != '\0' ? t->errbuf : curl_easy_strerror(rc));
	t->fetch->problem = problem.len > 0 ? buf_detach(&problem) : NULL;
	buf_free(&problem);
}

/* Start fetches[i] in m. */
static void
start(CURLM *m, struct transfer *t, struct check_fetch *fetch)
{
	memset(t, 0, sizeof(*t));
	t->fetch = fetch;
	t->deadline = util_now() + per_url_limit;
	if ((t->easy = curl_easy_init()) == NULL)
		xoom();
	prepare(t);
	curl_multi_add_handle(m, t->easy);
}

void
check_external_set_limits(double per_url, double overall)
{
	per_url_limit = per_url > 0 ? per_url : CHECK_EXTERNAL_TIMEOUT;
	overall_limit = overall > 0 ? overall : CHECK_EXTERNAL_DEADLINE;
}

/* One warning for the URLs the deadline left unchecked (marked in left). */
static void
warn_unchecked(const struct check_fetch *fetches, const bool *left, size_t n,
    size_t count)
{
	struct buf names = BUF_INIT;
	size_t i, named = 0;

	for (i = 0; i < n && named < NAMED_UNCHECKED; i++)
		if (left[i])
			buf_printf(&names, "%s'%s'", named++ ? ", " : "",
			    fetches[i].url);
	if (count > named)
		buf_printf(&names, ", ... and %zu more", count - named);
	diag_report(DIAG_WARNING, "external", NULL, 0, 0, NULL,
	    "%zu external URL%s not checked: checking took more than %g s "
	    "in all (%s)", count, count == 1 ? " was" : "s were",
	    overall_limit, buf_str(&names));
	buf_free(&names);
}

size_t
check_external_fetch(struct check_fetch *fetches, size_t n)
{
	struct transfer *slots;
	size_t next = 0, i, unchecked = 0;
	double deadline;
	bool *left;   /* left[i]: fetches[i] was not checked */
	int running = 0;
	CURLM *m;

	if (n == 0)
		return 0;
	deadline = util_now() + overall_limit;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if ((m = curl_multi_init()) == NULL)
		xoom();
	slots = xcalloc(CHECK_EXTERNAL_PARALLEL, sizeof(*slots));
	left = xcalloc(n, sizeof(*left));
	for (i = 0; i < n; i++) {
		fetches[i].status = 0;
		fetches[i].problem = NULL;
	}
	for (;;) {
		CURLMsg *msg;
		int pending, wait_ms;

		if (util_now() >= deadline) {  /* time is up for all */
			for (i = 0; i < CHECK_EXTERNAL_PARALLEL; i++)
				if (slots[i].easy != NULL) {
					curl_multi_remove_handle(m, slots[i].easy);
					curl_easy_cleanup(slots[i].easy);
					slots[i].easy = NULL;
					left[slots[i].fetch - fetches] = true;
					unchecked++;
				}
			for (; next < n; next++, unchecked++)
				left[next] = true;
			break;
		}
		for (i = 0; i < CHECK_EXTERNAL_PARALLEL && next < n; i++)
			if (slots[i].easy == NULL) {
				start(m, &slots[i], &fetches[next++]);
				running++;
			}
		if (running == 0)
			break;
		curl_multi_perform(m, &pending);
		while ((msg = curl_multi_info_read(m, &pending)) != NULL) {
			struct transfer *t;
			long status = 0;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(
			    msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
			curl_easy_getinfo(
			    t->easy, CURLINFO_RESPONSE_CODE, &status);
			curl_multi_remove_handle(m, t->easy);
			if (!t->get && worth_a_get(msg->data.result, status) &&
			    util_now() < t->deadline) {
				t->get = true;
				prepare(t);
				curl_multi_add_handle(m, t->easy);
				continue;
			}
			finish(t, msg->data.result, status);
			curl_easy_cleanup(t->easy);
			t->easy = NULL;
			running--;
		}
		wait_ms = (int)((deadline - util_now()) * 1000.0) + 1;
		if (running > 0)
			curl_multi_poll(m, NULL, 0, wait_ms < 100 ? wait_ms : 100,
			    NULL);
	}
	if (unchecked > 0)
		warn_unchecked(fetches, left, n, unchecked);
	free(left);
	free(slots);
	curl_multi_cleanup(m);
	curl_global_cleanup();
	return unchecked;
}
