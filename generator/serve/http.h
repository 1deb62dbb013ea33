/*
 * http — the preview server of `mend serve`, on libmicrohttpd.
 *
 * It serves the files of one folder (the built site) read-only, GET and
 * HEAD only, with the headers a published page would have (the page's own
 * Content-Security-Policy, no caching, nosniff, no referrer), and adds to
 * every HTML response the one script of live reload, /__mend/live.js,
 * which the server keeps in memory: nothing of it is written into the
 * folder.  Under /__mend/ it also serves the event stream (Server-Sent
 * Events: a reload after each good build, "failed" after a failed one)
 * and the diagnostics of the last failed build, which live.js shows over
 * the page.  It does not build, watch or print: cmd_serve.c does, and
 * tells the server after each build with serve_http_built.
 *
 * A request path is decoded here, never by the library, so that an
 * encoded slash, backslash or NUL can be refused, and files are opened one
 * path segment at a time below the folder with O_NOFOLLOW: "..", hidden
 * names and symbolic links are refused without reading anything.
 */
#ifndef MEND_SERVE_HTTP_H
#define MEND_SERVE_HTTP_H

#include <stdbool.h>
#include <stddef.h>

struct serve_http;

/* Where to listen. */
struct serve_http_options {
	const char *site_dir;  /* the folder served (need not exist yet) */
	const char *bind;      /* an address (numeric or a name), e.g. "127.0.0.1" */
	int port;              /* the port to try first */
	int tries;             /* how many ports from port on to try (1: only port) */
};

/*
 * Listen and serve opt->site_dir.  Returns the server (stop it with
 * serve_http_stop) and sets *port to the port it listens on, or returns
 * NULL after a diagnostic (the address is not valid, every port tried is
 * taken, the library failed).  opt's strings are copied.
 */
struct serve_http *serve_http_start(const struct serve_http_options *opt, int *port);

/*
 * Say that a build has finished: ok, or failed with the diagnostics
 * diags[0..n) (each the text the terminal showed, one or more lines; they
 * are copied).  The Content-Security-Policy is read again from the pages
 * in the folder (after a failure, the last good site's, when there is
 * one).  A good build sends a reload to every page; a failed one sends
 * "failed", and the pages show diags until the next good build.
 */
void serve_http_built(struct serve_http *h, bool ok, const char *const *diags, size_t n);

struct serve_words;

/*
 * The words the server writes in the site's language (words.h, copied):
 * its page for an address with nothing at it while the site has no
 * 404.html, and from the next serve_http_built on, the overlay's (in
 * /__mend/errors as "lang", "dir" and "words": {"title", "note",
 * "dismiss"}).  Until it is called, both are English.
 */
void serve_http_set_words(struct serve_http *h, const struct serve_words *words);

/* Close every connection (event streams included) and free h; NULL ok. */
void serve_http_stop(struct serve_http *h);

#endif
