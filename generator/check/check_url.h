/*
 * check_url — the URL arithmetic of the checks: percent-decoding, a
 * reference's path resolved against a page's folder into a site path
 * (dot segments removed, never above the root), whether an absolute URL
 * lies under the site's base URL, a URL's scheme and its host.  It knows nothing
 * of files, pages or HTML.
 */
#ifndef MEND_CHECK_URL_H
#define MEND_CHECK_URL_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

/*
 * Percent-decode s[0..len) into out (appended); a '%' not followed by two
 * hex digits stays as it is.
 */
void check_url_decode(const char *s, size_t len, struct buf *out);

/*
 * Resolve the path path[0..len) of a reference (no query or fragment)
 * against the site folder dir ("steps/x/"; "" the root; ignored when path
 * starts with '/'), percent-decoded and without dot segments, and append
 * the site path to out ("steps/y/", "calm.css", "" for the root).
 * Returns 0, or -1 when the path climbs above the root (out unchanged).
 */
int check_url_resolve(
    const char *dir, const char *path, size_t len, struct buf *out);

/*
 * If the absolute URL s[0..len) lies under base (a URL ending in '/'),
 * return true and set *rest to the offset in s of what follows the base
 * (the path from the site's root, with any query and fragment); the base
 * without its final '/' counts too.  Scheme and host compare without
 * case, the path with it.
 */
bool check_url_under_base(
    const char *base, const char *s, size_t len, size_t *rest);

/*
 * The length of the scheme of s[0..len) ("https" in "https://..."), or 0
 * when s has none and is a reference relative to its page.
 */
size_t check_url_scheme(const char *s, size_t len);

/*
 * The host of the absolute or scheme-relative URL s[0..len) as a browser
 * finds it: after the scheme and any run of slashes and backslashes, before the
 * port, past any user name ("x.org" in "https://u@x.org:8080/p"; an IPv6
 * address keeps its brackets).  Sets *host_len (0: none) and returns the
 * host's offset in s.
 */
size_t check_url_host(const char *s, size_t len, size_t *host_len);

/*
 * Do the hosts a[0..alen) and b[0..blen) name the same site (without
 * case, and a final '.' ignored)?
 */
bool check_url_same_host(const char *a, size_t alen, const char *b, size_t blen);

#endif
