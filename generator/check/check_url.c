/*
 * check_url — URL arithmetic for the checks.  See check_url.h.
 *
 * Paths are percent-decoded before dot segments are removed, as a static
 * file server would; an encoded '/' (%2F) therefore separates segments.
 */
#include "check/check_url.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/buf.h"
#include "lib/util.h"

void
check_url_decode(const char *s, size_t len, struct buf *out)
{
	size_t i;

	buf_grow(out, len);
	for (i = 0; i < len; i++) {
		int hi, lo;

		if (s[i] == '%' && i + 2 < len &&
		    (hi = util_hex_value(s[i + 1])) >= 0 &&
		    (lo = util_hex_value(s[i + 2])) >= 0) {
			buf_putc(out, (char)(hi * 16 + lo));
			i += 2;
		} else
			buf_putc(out, s[i]);
	}
}

int
check_url_resolve(
    const char *dir, const char *path, size_t len, struct buf *out)
{
	struct buf decoded = BUF_INIT;
	size_t *starts = NULL, nseg = 0, cap = 0, i = 0, start = out->len;
	bool dir_result = false;
	const char *p;

	if (len > 0 && path[0] == '/')
		dir = "";
	buf_puts(&decoded, dir);
	check_url_decode(path, len, &decoded);
	p = buf_str(&decoded);
	/* Walk the segments, keeping where each kept one starts in out. */
	while (p[i] != '\0') {
		size_t n = strcspn(p + i, "/");
		const char *seg = p + i;

		dir_result = p[i + n] == '/';
		if (n == 0 || (n == 1 && seg[0] == '.')) {
			dir_result = true;
		} else if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			if (nseg == 0) {
				free(starts);
				buf_free(&decoded);
				out->len = start;
				if (out->data != NULL)
					out->data[start] = '\0';
				return -1;
			}
			out->len = starts[--nseg];
			out->data[out->len] = '\0';
			dir_result = true;
		} else {
			if (nseg == cap) {
				cap = cap ? cap * 2 : 8;
				starts =
				    xrealloc(starts, cap * sizeof(*starts));
			}
			starts[nseg++] = out->len;
			buf_put(out, seg, n);
			buf_putc(out, '/');
		}
		i += n;
		if (p[i] == '/')
			i++;
	}
	/* Each kept segment was written with a '/'; a file keeps none. */
	if (out->len > start && !dir_result) {
		out->len--;
		out->data[out->len] = '\0';
	}
	if (out->data == NULL)
		buf_puts(out, "");
	free(starts);
	buf_free(&decoded);
	return 0;
}

size_t
check_url_scheme(const char *s, size_t len)
{
	size_t i;

	if (len == 0 ||
	    !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	for (i = 1; i < len; i++) {
		char c = s[i];

		if (c == ':')
			return i;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		        (c >= '0' && c <= '9') || c == '+' || c == '-' ||
		        c == '.'))
			return 0;
	}
	return 0;
}

bool
check_url_under_base(const char *base, const char *s, size_t len, size_t *rest)
{
	const char *host = base != NULL ? strstr(base, "://") : NULL;
	size_t blen, host_end;

	if (host == NULL)
		return false;
	blen = strlen(base);
	host_end = (size_t)(host - base) + 3;
	host_end += strcspn(base + host_end, "/");
	if (len < host_end || strncasecmp(base, s, host_end) != 0)
		return false;
	if (len >= blen &&
	    memcmp(base + host_end, s + host_end, blen - host_end) == 0) {
		*rest = blen;
		return true;
	}
	/* The base without its final '/', then the end, '?' or '#'. */
	if (len >= blen - 1 &&
	    memcmp(base + host_end, s + host_end, blen - 1 - host_end) == 0 &&
	    (len == blen - 1 || s[blen - 1] == '?' || s[blen - 1] == '#')) {
		*rest = blen - 1;
		return true;
	}
	return false;
}

size_t
check_url_host(const char *s, size_t len, size_t *host_len)
{
	size_t at = check_url_scheme(s, len), end, start, i;

	if (at > 0)
		at++; /* the ':' */
	while (at < len && (s[at] == '/' || s[at] == '\\'))
		at++;
	for (end = at; end < len; end++)
		if (s[end] == '/' || s[end] == '\\' || s[end] == '?' ||
		    s[end] == '#')
			break;
	start = at;
	for (i = at; i < end; i++)
		if (s[i] == '@')
			start = i + 1; /* the last '@' ends the user name */
	if (start < end && s[start] == '[') { /* [::1]:8080 */
		for (i = start; i < end && s[i] != ']'; i++)
			;
		*host_len = i < end ? i + 1 - start : end - start;
		return start;
	}
	for (i = start; i < end && s[i] != ':'; i++)
		;
	*host_len = i - start;
	return start;
}

bool
check_url_same_host(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen > 0 && a[alen - 1] == '.')
		alen--;
	if (blen > 0 && b[blen - 1] == '.')
		blen--;
	return alen == blen && strncasecmp(a, b, alen) == 0;
}
