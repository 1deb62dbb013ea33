/*
 * http — the preview server of `mend serve` (see http.h).
 *
 * libmicrohttpd runs a thread per connection, so an event stream may wait
 * on a condition variable for the next build without holding anyone else
 * up.  The state the builds change (the build number, whether it failed,
 * its diagnostics, the pages' Content-Security-Policy) is kept under one
 * mutex; each request copies what it needs and lets go.
 */
#define _GNU_SOURCE /* strcasestr, memrchr */
#include "serve/http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/util.h"
#include "serve/words.h"
#include "site/starter.h"

/* Where the server's own files live; no site may use this folder. */
#define RESERVED "/__mend/"
/* What is added before </body> of every HTML response. */
#define LIVE_TAG "<script src=\"/__mend/live.js\" defer></script>"
/* An HTML file bigger than this is served as it is, without the script. */
#define HTML_MAX (64u * 1024 * 1024)
/* An event stream sends a comment this often, to notice closed clients. */
#define KEEPALIVE_SECONDS 15

struct serve_http {
	struct MHD_Daemon *daemon;
	char *site_dir;          /* the folder served, owned */
	char server_id[40];      /* differs between runs: pages reload on a new server */
	pthread_mutex_t lock;    /* guards the fields below */
	pthread_cond_t changed;  /* signalled when seq changes or stopping is set */
	unsigned long seq;       /* builds finished so far */
	bool failed;             /* the last build failed */
	char *errors_json;       /* {"seq":..,"failed":..,"diagnostics":[..],
	                            "lang":..,"dir":..,"words":{..}}, owned */
	json_t *words;           /* {"lang", "dir", "words": {"title", "note",
	                            "dismiss"}}: the overlay's, owned */
	char *not_found;         /* the page for an address with nothing at it
	                            while the site has no 404.html, owned */
	char *csp;               /* the pages' Content-Security-Policy, or NULL; owned */
	bool stopping;           /* serve_http_stop has begun */
};

/* One event stream's state, freed by libmicrohttpd through sse_free. */
struct sse_client {
	struct serve_http *h;
	unsigned long seen;      /* the build number last told */
	bool greeted;            /* the "hello" event was sent */
};

/* ------------------------------------------------------------- the state */

/* The errors' JSON; words (the overlay's, or NULL) are copied into it. */
static char *
errors_json(unsigned long seq, bool failed, const char *const *diags, size_t n,
    const json_t *words)
{
	json_t *obj = json_object(), *list = json_array();
	char *text;
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(list, json_string(diags[i]));
	json_object_set_new(obj, "seq", json_integer((json_int_t)seq));
	json_object_set_new(obj, "failed", json_boolean(failed));
	json_object_set_new(obj, "diagnostics", list);
	if (words != NULL)
		json_object_update(obj, (json_t *)words);
	text = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(obj);
	if (text == NULL)
		xoom();
	return text;
}

/* Replace the character references an attribute value may use for the
   characters a policy holds; anything else is kept as it is. */
static char *
attribute_text(const char *s, size_t len)
{
	static const struct { const char *ref; char c; } refs[] = {
		{ "&amp;", '&' }, { "&quot;", '"' }, { "&#39;", '\'' },
		{ "&apos;", '\'' }, { "&#x27;", '\'' }, { "&lt;", '<' }, { "&gt;", '>' },
	};
	struct buf out = BUF_INIT;
	size_t i, k;

	for (i = 0; i < len; i++) {
		for (k = 0; k < sizeof(refs) / sizeof(refs[0]); k++) {
			size_t rl = strlen(refs[k].ref);

			if (len - i >= rl && strncmp(s + i, refs[k].ref, rl) == 0) {
				buf_putc(&out, refs[k].c);
				i += rl - 1;
				break;
			}
		}
		if (k == sizeof(refs) / sizeof(refs[0]))
			buf_putc(&out, s[i]);
	}
	return buf_detach(&out);
}

/*
 * The Content-Security-Policy the built pages carry in their
 * <meta http-equiv> (index.html's, else 404.html's), so the header cannot
 * drift from the theme's.  NULL when there is none, or no page to read.
 */
static char *
read_csp(const char *site_dir)
{
	static const char *const pages[] = { "index.html", "404.html" };
	char *result = NULL;
	size_t k;

	for (k = 0; k < 2 && result == NULL; k++) {
		struct buf path = BUF_INIT;
		char *data = NULL, *meta, *end, *content;
		size_t len;

		buf_printf(&path, "%s/%s", site_dir, pages[k]);
		if (util_read_file(buf_str(&path), &data, &len) == 0 &&
		    (meta = strcasestr(data, "http-equiv=\"Content-Security-Policy\"")) != NULL) {
			/* The <meta ...> the attribute is in: back to '<', on to '>'. */
			while (meta > data && *meta != '<')
				meta--;
			end = strchr(meta, '>');
			content = strcasestr(meta, " content=\"");
			if (end != NULL && content != NULL && content < end) {
				char *value = content + strlen(" content=\"");
				char *close = strchr(value, '"');

				if (close != NULL && close < end)
					result = attribute_text(value, (size_t)(close - value));
			}
		}
		free(data);
		buf_free(&path);
	}
	return result;
}

void
serve_http_built(struct serve_http *h, bool ok, const char *const *diags, size_t n)
{
	/* After a failure the folder still holds the last good site (a first
	   build that failed into -o's folder: an older one), whose pages'
	   policy is the one to send with them. */
	char *csp = read_csp(h->site_dir);

	pthread_mutex_lock(&h->lock);
	h->seq++;
	h->failed = !ok;
	free(h->errors_json);
	h->errors_json = errors_json(h->seq, !ok, diags, ok ? 0 : n, h->words);
	if (ok || csp != NULL) {
		free(h->csp);
		h->csp = csp;
	}
	pthread_cond_broadcast(&h->changed);
	pthread_mutex_unlock(&h->lock);
}

/* The page for an address with nothing at it, in language lang (a BCP 47
   tag) written in direction dir ("ltr", "rtl"); owned by the caller. */
static char *
not_found_page(const char *lang, const char *dir, const char *title,
    const char *text)
{
	struct buf page = BUF_INIT;

	BUF_PUTSL(&page, "<!DOCTYPE html>\n<html lang=\"");
	buf_put_html(&page, lang, strlen(lang));
	buf_printf(&page, "\" dir=\"%s\">\n<head>\n<meta charset=\"utf-8\" />\n"
	    "<title>", dir);
	buf_put_html(&page, title, strlen(title));
	BUF_PUTSL(&page, "</title>\n</head>\n<body>\n<main>\n<h1>");
	buf_put_html(&page, title, strlen(title));
	BUF_PUTSL(&page, "</h1>\n<p>");
	buf_put_html(&page, text, strlen(text));
	BUF_PUTSL(&page, "</p>\n</main>\n" LIVE_TAG "\n</body>\n</html>\n");
	return buf_detach(&page);
}

void
serve_http_set_words(struct serve_http *h, const struct serve_words *words)
{
	json_t *overlay = json_pack("{s:s, s:s, s:{s:s, s:s, s:s}}", "lang",
	    words->lang, "dir", words->dir, "words", "title", words->failed_title,
	    "note", words->failed_note, "dismiss", words->dismiss);
	char *page = not_found_page(words->lang, words->dir,
	    words->not_found_title, words->not_found_text);

	if (overlay == NULL)
		xoom();
	pthread_mutex_lock(&h->lock);
	json_decref(h->words);
	h->words = overlay;
	free(h->not_found);
	h->not_found = page;
	pthread_mutex_unlock(&h->lock);
}

/* ------------------------------------------------------------- responses */

/* The headers every response carries. */
static void
add_common_headers(struct serve_http *h, struct MHD_Response *r)
{
	pthread_mutex_lock(&h->lock);
	if (h->csp != NULL)
		MHD_add_response_header(r, "Content-Security-Policy", h->csp);
	pthread_mutex_unlock(&h->lock);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
}

static enum MHD_Result
queue(struct serve_http *h, struct MHD_Connection *c, unsigned status,
    struct MHD_Response *r, const char *type)
{
	enum MHD_Result ret;

	if (r == NULL)
		return MHD_NO;
	add_common_headers(h, r);
	if (type != NULL)
		MHD_add_response_header(r, "Content-Type", type);
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result
send_text(struct serve_http *h, struct MHD_Connection *c, unsigned status,
    const char *text)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(text),
	    (void *)text, MHD_RESPMEM_MUST_COPY);

	return queue(h, c, status, r, "text/plain; charset=utf-8");
}

/* The media type for a file name, by its extension. */
static const char *
media_type(const char *name)
{
	static const struct { const char *ext, *type; } types[] = {
		{ "html", "text/html; charset=utf-8" },
		{ "htm", "text/html; charset=utf-8" },
		{ "css", "text/css; charset=utf-8" },
		{ "js", "text/javascript; charset=utf-8" },
		{ "mjs", "text/javascript; charset=utf-8" },
		{ "json", "application/json" },
		{ "xml", "application/xml; charset=utf-8" },
		{ "atom", "application/atom+xml; charset=utf-8" },
		{ "rss", "application/rss+xml; charset=utf-8" },
		{ "txt", "text/plain; charset=utf-8" },
		{ "md", "text/plain; charset=utf-8" },
		{ "svg", "image/svg+xml" },
		{ "png", "image/png" },
		{ "jpg", "image/jpeg" },
		{ "jpeg", "image/jpeg" },
		{ "gif", "image/gif" },
		{ "webp", "image/webp" },
		{ "avif", "image/avif" },
		{ "ico", "image/vnd.microsoft.icon" },
		{ "pdf", "application/pdf" },
		{ "woff2", "font/woff2" },
		{ "woff", "font/woff" },
		{ "ttf", "font/ttf" },
		{ "otf", "font/otf" },
		{ "mp3", "audio/mpeg" },
		{ "ogg", "audio/ogg" },
		{ "mp4", "video/mp4" },
		{ "webm", "video/webm" },
		{ "vtt", "text/vtt; charset=utf-8" },
		{ "webmanifest", "application/manifest+json" },
	};
	const char *dot = strrchr(name, '.');
	size_t i;

	if (dot != NULL && strchr(dot, '/') == NULL)
		for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
			if (strcasecmp(dot + 1, types[i].ext) == 0)
				return types[i].type;
	return "application/octet-stream";
}

static bool
is_html(const char *type)
{
	return strncmp(type, "text/html", 9) == 0;
}

/* The page with the live-reload script added before its last </body> (or
   at its end, when it has none); html is taken over. */
static char *
with_live_script(char *html, size_t len, size_t *out_len)
{
	struct buf out = BUF_INIT;
	size_t at = len, i;

	for (i = len; i >= 7; i--)
		if (strncasecmp(html + i - 7, "</body>", 7) == 0) {
			at = i - 7;
			break;
		}
	buf_put(&out, html, at);
	BUF_PUTSL(&out, LIVE_TAG);
	buf_put(&out, html + at, len - at);
	free(html);
	*out_len = out.len;
	return buf_detach(&out);
}

/* Read the open file fd (size bytes) whole; NULL on a read error. */
static char *
read_fd(int fd, size_t size)
{
	char *data = xmalloc(size + 1);
	size_t got = 0;

	while (got < size) {
		ssize_t n = read(fd, data + got, size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			free(data);
			return NULL;
		}
		got += (size_t)n;
	}
	data[size] = '\0';
	return data;
}

/* A strong validator made of what identifies the file's version; an HTML
   page gets a suffix, since its bytes as served include the script. */
static void
make_etag(char *etag, size_t size, const struct stat *st, bool html)
{
	snprintf(etag, size, "\"%llx-%llx-%llx.%09ld%s\"",
	    (unsigned long long)st->st_ino, (unsigned long long)st->st_size,
	    (unsigned long long)st->st_mtim.tv_sec, (long)st->st_mtim.tv_nsec,
	    html ? "-live1" : "");
}

/* Does the request's If-None-Match name etag (or "*")? */
static bool
etag_matches(struct MHD_Connection *c, const char *etag)
{
	const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_IF_NONE_MATCH);
	const char *p;
	size_t len = strlen(etag);

	if (inm == NULL)
		return false;
	if (strcmp(inm, "*") == 0)
		return true;
	for (p = strstr(inm, etag); p != NULL; p = strstr(p + 1, etag)) {
		const char *after = p + len;

		/* A whole entry of the list, not a piece of a longer one. */
		if ((p == inm || p[-1] == ' ' || p[-1] == ',' || p[-1] == '/') &&
		    (*after == '\0' || *after == ',' || *after == ' '))
			return true;
	}
	return false;
}

/*
 * Serve the open regular file fd (taken over) with status; name gives its
 * type.  HTML gets the live-reload script.
 */
static enum MHD_Result
send_file(struct serve_http *h, struct MHD_Connection *c, unsigned status,
    int fd, const struct stat *st, const char *name)
{
	const char *type = media_type(name);
	bool html = is_html(type) && (uint64_t)st->st_size <= HTML_MAX;
	struct MHD_Response *r;
	char etag[96];

	make_etag(etag, sizeof(etag), st, html);
	if (status == MHD_HTTP_OK && etag_matches(c, etag)) {
		close(fd);
		r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		if (r != NULL)
			MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, etag);
		return queue(h, c, MHD_HTTP_NOT_MODIFIED, r, NULL);
	}
	if (html) {
		size_t len;
		char *page = read_fd(fd, (size_t)st->st_size);

		close(fd);
		if (page == NULL)
			return send_text(h, c, MHD_HTTP_INTERNAL_SERVER_ERROR,
			    "The file could not be read.\n");
		page = with_live_script(page, (size_t)st->st_size, &len);
		r = MHD_create_response_from_buffer(len, page, MHD_RESPMEM_MUST_FREE);
		if (r == NULL)
			free(page);
	} else {
		r = MHD_create_response_from_fd64((uint64_t)st->st_size, fd);
		if (r == NULL)
			close(fd);
	}
	if (r != NULL)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, etag);
	return queue(h, c, status, r, type);
}

/* --------------------------------------------------------- paths */

enum resolved { FOUND, NOT_FOUND, REFUSED, IS_FOLDER };

/*
 * Decode the raw request path (as it came, percent escapes and all) into
 * its segments, joined by '/' in *rel (no leading slash; "" for the root),
 * and whether it ended with a slash.  Returns FOUND, or REFUSED for what
 * could escape the folder or confuse a file system: an encoded slash or
 * backslash, a backslash, a NUL or other control character, a "." or ".."
 * segment, a malformed escape; NOT_FOUND for a hidden name (the build's
 * marker, editors' files).
 */
static enum resolved
decode_path(const char *raw, struct buf *rel, bool *trailing_slash)
{
	const char *p = raw;
	size_t seg_start;

	buf_reset(rel);
	*trailing_slash = false;
	if (*p != '/')
		return REFUSED;
	while (*p == '/')
		p++;
	while (*p != '\0') {
		seg_start = rel->len;
		while (*p != '\0' && *p != '/') {
			int c = (unsigned char)*p;

			if (c == '%') {
				int hi = util_hex_value(p[1]), lo = hi < 0 ? -1 : util_hex_value(p[2]);

				if (hi < 0 || lo < 0)
					return REFUSED;
				c = hi * 16 + lo;
				if (c == '/')
					return REFUSED;
				p += 3;
			} else
				p++;
			if (c == '\\' || c < 0x20 || c == 0x7f)
				return REFUSED;
			buf_putc(rel, (char)c);
		}
		if (strcmp(buf_str(rel) + seg_start, ".") == 0 ||
		    strcmp(buf_str(rel) + seg_start, "..") == 0)
			return REFUSED;
		if (rel->data[seg_start] == '.')
			return NOT_FOUND;
		if (*p == '/') {
			while (*p == '/')
				p++;
			if (*p == '\0')
				*trailing_slash = true;
			else
				buf_putc(rel, '/');
		}
	}
	return FOUND;
}

/* Append "/" rel "/" to out, percent-encoding every byte of rel but
   letters, digits, '/' and -._~ (a Location header is ASCII). */
static void
put_path(struct buf *out, const char *rel)
{
	const unsigned char *p;

	buf_putc(out, '/');
	for (p = (const unsigned char *)rel; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p) != NULL)
			buf_putc(out, (char)*p);
		else
			buf_printf(out, "%%%02X", *p);
	}
	buf_putc(out, '/');
}

/*
 * Open rel below the folder dir_fd one segment at a time, never following
 * a symbolic link, and never blocking on a FIFO.  Returns FOUND with *fd
 * an open regular file, IS_FOLDER with *fd an open folder, NOT_FOUND, or
 * REFUSED (a symbolic link, a device, a FIFO).
 */
static enum resolved
open_beneath(int dir_fd, const char *rel, int *fd, struct stat *st)
{
	char *copy = xstrdup(rel), *seg, *next;
	int cur = dup(dir_fd);
	enum resolved result = IS_FOLDER;

	*fd = -1;
	if (cur < 0) {
		free(copy);
		return NOT_FOUND;
	}
	for (seg = copy; seg != NULL && *seg != '\0'; seg = next) {
		int child;

		next = strchr(seg, '/');
		if (next != NULL)
			*next++ = '\0';
		if (strcmp(seg, ".") == 0 || strcmp(seg, "..") == 0) {
			/* decode_path never lets one through: a second lock */
			close(cur);
			cur = -1;
			result = REFUSED;
			break;
		}
		child = openat(cur, seg, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC |
		    (next != NULL ? O_DIRECTORY : 0));
		close(cur);
		cur = child;
		if (cur < 0) {
			result = errno == ELOOP || errno == EACCES || errno == EPERM ?
			    REFUSED : NOT_FOUND;
			break;
		}
	}
	free(copy);
	if (cur < 0)
		return result;
	if (fstat(cur, st) != 0) {
		close(cur);
		return NOT_FOUND;
	}
	if (S_ISDIR(st->st_mode)) {
		*fd = cur;
		return IS_FOLDER;
	}
	if (!S_ISREG(st->st_mode)) {
		close(cur);
		return REFUSED;
	}
	*fd = cur;
	return FOUND;
}

/* The site's 404.html with status 404, or a small page of the server's own
   when the site has none (a first build that failed), in the site's
   language (serve_http_set_words): either
   way the live-reload script comes with it, so the overlay shows there
   too. */
static enum MHD_Result
send_not_found(struct serve_http *h, struct MHD_Connection *c, int dir_fd)
{
	struct MHD_Response *r;
	struct stat st;
	char *page;
	int fd;

	if (dir_fd >= 0 && open_beneath(dir_fd, "404.html", &fd, &st) == FOUND)
		return send_file(h, c, MHD_HTTP_NOT_FOUND, fd, &st, "404.html");
	pthread_mutex_lock(&h->lock);
	page = xstrdup(h->not_found);
	pthread_mutex_unlock(&h->lock);
	r = MHD_create_response_from_buffer(strlen(page), page,
	    MHD_RESPMEM_MUST_FREE);
	if (r == NULL)
		free(page);
	return queue(h, c, MHD_HTTP_NOT_FOUND, r, "text/html; charset=utf-8");
}

static enum MHD_Result
send_site_file(struct serve_http *h, struct MHD_Connection *c, const char *raw)
{
	struct buf rel = BUF_INIT;
	bool slash;
	enum resolved res = decode_path(raw, &rel, &slash);
	enum MHD_Result ret;
	struct stat st;
	int dir_fd, fd = -1;

	/* Opened again for each request: a build swaps a new folder in. */
	dir_fd = open(h->site_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (res == REFUSED) {
		ret = send_text(h, c, MHD_HTTP_FORBIDDEN, "Forbidden.\n");
		goto done;
	}
	if (res == NOT_FOUND || dir_fd < 0) {
		ret = send_not_found(h, c, dir_fd);
		goto done;
	}
	res = open_beneath(dir_fd, buf_str(&rel), &fd, &st);
	if (res == FOUND && slash) {
		close(fd);
		res = NOT_FOUND;  /* a file is not a folder */
	}
	if (res == IS_FOLDER) {
		int index;

		if (!slash && rel.len > 0) {
			/* /x to /x/, as web servers do: the page's relative links
			   are written for the address with the slash. */
			struct buf to = BUF_INIT;
			struct MHD_Response *r = MHD_create_response_from_buffer(0, (void *)"",
			    MHD_RESPMEM_PERSISTENT);

			close(fd);
			/* Made from the decoded path, so "//x" cannot become an
			   address on another host. */
			put_path(&to, buf_str(&rel));
			if (r != NULL)
				MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, buf_str(&to));
			ret = queue(h, c, MHD_HTTP_MOVED_PERMANENTLY, r, NULL);
			buf_free(&to);
			goto done;
		}
		res = open_beneath(fd, "index.html", &index, &st);
		close(fd);
		fd = index;
		if (res == FOUND) {
			ret = send_file(h, c, MHD_HTTP_OK, fd, &st, "index.html");
			goto done;
		}
		if (res == IS_FOLDER)
			close(fd);
		res = res == REFUSED ? REFUSED : NOT_FOUND;
	}
	if (res == FOUND)
		ret = send_file(h, c, MHD_HTTP_OK, fd, &st, buf_str(&rel));
	else if (res == REFUSED)
		ret = send_text(h, c, MHD_HTTP_FORBIDDEN, "Forbidden.\n");
	else
		ret = send_not_found(h, c, dir_fd);
done:
	if (dir_fd >= 0)
		close(dir_fd);
	buf_free(&rel);
	return ret;
}

/* ------------------------------------------------------ the event stream */

static ssize_t
sse_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct sse_client *client = cls;
	struct serve_http *h = client->h;
	struct buf ev = BUF_INIT;
	ssize_t n;

	(void)pos;
	pthread_mutex_lock(&h->lock);
	if (!client->greeted) {
		/* The page compares these with what it was loaded under: a new
		   server, or a build it missed while it was away, reloads it. */
		buf_printf(&ev, "retry: 500\nevent: hello\ndata: {\"server\":\"%s\","
		    "\"seq\":%lu,\"failed\":%s}\n\n", h->server_id, h->seq,
		    h->failed ? "true" : "false");
		client->greeted = true;
		client->seen = h->seq;
	} else {
		struct timespec until;

		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += KEEPALIVE_SECONDS;
		while (!h->stopping && client->seen == h->seq)
			if (pthread_cond_timedwait(&h->changed, &h->lock, &until) == ETIMEDOUT)
				break;
		if (h->stopping) {
			pthread_mutex_unlock(&h->lock);
			return MHD_CONTENT_READER_END_OF_STREAM;
		}
		if (client->seen != h->seq) {
			client->seen = h->seq;
			buf_printf(&ev, "event: %s\ndata: %lu\n\n",
			    h->failed ? "failed" : "reload", h->seq);
		} else
			BUF_PUTSL(&ev, ": still here\n\n");
	}
	pthread_mutex_unlock(&h->lock);
	if (ev.len > max) {  /* never: an event is a few dozen bytes */
		buf_free(&ev);
		return MHD_CONTENT_READER_END_WITH_ERROR;
	}
	memcpy(out, ev.data, ev.len);
	n = (ssize_t)ev.len;
	buf_free(&ev);
	return n;
}

static void
sse_free(void *cls)
{
	free(cls);
}

static enum MHD_Result
send_events(struct serve_http *h, struct MHD_Connection *c)
{
	struct sse_client *client = xcalloc(1, sizeof(*client));
	struct MHD_Response *r;

	client->h = h;
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 1024, sse_read,
	    client, sse_free);
	if (r == NULL) {
		free(client);
		return MHD_NO;
	}
	return queue(h, c, MHD_HTTP_OK, r, "text/event-stream");
}

/* ---------------------------------------------------------- dispatching */

static enum MHD_Result
send_reserved(struct serve_http *h, struct MHD_Connection *c, const char *name)
{
	struct MHD_Response *r;

	if (strcmp(name, "events") == 0)
		return send_events(h, c);
	if (strcmp(name, "live.js") == 0 || strcmp(name, "live.css") == 0) {
		/* serve/live.js and live.css, carried inside the binary */
		bool js = name[5] == 'j';
		const struct starter_file *f = starter_find(js ? "serve/live.js" :
		    "serve/live.css");

		r = MHD_create_response_from_buffer(f->len, (void *)f->data,
		    MHD_RESPMEM_PERSISTENT);
		return queue(h, c, MHD_HTTP_OK, r, js ? "text/javascript; charset=utf-8" :
		    "text/css; charset=utf-8");
	}
	if (strcmp(name, "errors") == 0) {
		char *json;

		pthread_mutex_lock(&h->lock);
		json = xstrdup(h->errors_json);
		pthread_mutex_unlock(&h->lock);
		r = MHD_create_response_from_buffer(strlen(json), json, MHD_RESPMEM_MUST_FREE);
		if (r == NULL)
			free(json);
		return queue(h, c, MHD_HTTP_OK, r, "application/json");
	}
	return send_not_found(h, c, -1);
}

static enum MHD_Result
answer(void *cls, struct MHD_Connection *c, const char *url, const char *method,
    const char *version, const char *upload_data, size_t *upload_data_size,
    void **req_cls)
{
	static int request_seen;  /* marks a request whose headers have come */
	struct serve_http *h = cls;

	(void)version;
	(void)upload_data;
	/* Answer once the whole request is in (a body, if any, is read and
	   dropped): answering earlier would make libmicrohttpd close the
	   connection instead of keeping it alive. */
	if (*req_cls == NULL) {
		*req_cls = &request_seen;
		return MHD_YES;
	}
	if (*upload_data_size != 0) {
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 &&
	    strcmp(method, MHD_HTTP_METHOD_HEAD) != 0) {
		struct MHD_Response *r = MHD_create_response_from_buffer(
		    strlen("Only GET and HEAD.\n"), (void *)"Only GET and HEAD.\n",
		    MHD_RESPMEM_PERSISTENT);

		if (r != NULL)
			MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
		return queue(h, c, MHD_HTTP_METHOD_NOT_ALLOWED, r,
		    "text/plain; charset=utf-8");
	}
	if (strncmp(url, RESERVED, strlen(RESERVED)) == 0)
		return send_reserved(h, c, url + strlen(RESERVED));
	return send_site_file(h, c, url);
}

/* Leave the path as it came: decode_path decodes it, and refuses what
   libmicrohttpd would have decoded silently (%2f, %00). */
static size_t
keep_escaped(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strlen(s);
}

/* ------------------------------------------------------------ listening */

/* A listening socket on addr:port; -1 with errno set. */
static int
listen_on(const struct addrinfo *ai)
{
	int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
	int one = 1;

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (ai->ai_family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 64) != 0) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

struct serve_http *
serve_http_start(const struct serve_http_options *opt, int *port)
{
	struct addrinfo hints, *ai = NULL;
	struct serve_http *h;
	struct timespec now;
	struct serve_words english;
	int fd = -1, p, err = 0;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	for (p = opt->port; p < opt->port + opt->tries && p <= 65535 && fd < 0; p++) {
		char service[16];

		snprintf(service, sizeof(service), "%d", p);
		if ((err = getaddrinfo(opt->bind, service, &hints, &ai)) != 0) {
			diag_error(NULL, 0, 0, "cannot listen on '%s': %s", opt->bind,
			    gai_strerror(err));
			return NULL;
		}
		fd = listen_on(ai);
		err = errno;
		freeaddrinfo(ai);
		if (fd < 0 && err != EADDRINUSE)
			break;
	}
	if (fd < 0) {
		if (err == EADDRINUSE && opt->tries > 1)
			diag_error(NULL, 0, 0, "ports %d to %d on %s are all in use: "
			    "choose one with --port", opt->port, p - 1, opt->bind);
		else
			diag_error(NULL, 0, 0, "cannot listen on %s port %d: %s", opt->bind,
			    p - 1, strerror(err));
		return NULL;
	}
	*port = p - 1;
	h = xcalloc(1, sizeof(*h));
	h->site_dir = xstrdup(opt->site_dir);
	pthread_mutex_init(&h->lock, NULL);
	pthread_cond_init(&h->changed, NULL);
	serve_words_english(&english);  /* until the caller gives the site's */
	serve_http_set_words(h, &english);
	serve_words_free(&english);
	h->errors_json = errors_json(0, false, NULL, 0, h->words);
	clock_gettime(CLOCK_REALTIME, &now);
	snprintf(h->server_id, sizeof(h->server_id), "%ld-%ld-%ld",
	    (long)getpid(), (long)now.tv_sec, (long)now.tv_nsec);
	h->daemon = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION |
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL, 0, NULL, NULL,
	    answer, h,
	    MHD_OPTION_LISTEN_SOCKET, fd,
	    MHD_OPTION_UNESCAPE_CALLBACK, keep_escaped, NULL,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)512,
	    /* An idle connection lets its thread go after a while; an event
	       stream is never idle that long (a comment every 15 s). */
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120,
	    MHD_OPTION_END);
	if (h->daemon == NULL) {
		close(fd);
		diag_error(NULL, 0, 0, "cannot start the HTTP server on %s port %d",
		    opt->bind, *port);
		serve_http_stop(h);
		return NULL;
	}
	return h;
}

void
serve_http_stop(struct serve_http *h)
{
	if (h == NULL)
		return;
	pthread_mutex_lock(&h->lock);
	h->stopping = true;
	pthread_cond_broadcast(&h->changed);
	pthread_mutex_unlock(&h->lock);
	if (h->daemon != NULL)
		MHD_stop_daemon(h->daemon);  /* joins every connection's thread */
	pthread_cond_destroy(&h->changed);
	pthread_mutex_destroy(&h->lock);
	free(h->errors_json);
	json_decref(h->words);
	free(h->not_found);
	free(h->csp);
	free(h->site_dir);
	free(h);
}
