/*
 * `mend serve` as an author and a browser meet it: the real binary
 * ($MEND_BIN) started on a free loopback port in a copy of the fixture site
 * tests/sites/base, spoken to over HTTP (libcurl, and a raw socket for the
 * event stream): what pages, style sheets, the 404 page, HEAD and other
 * methods get; paths that try to leave the site; a reload after an edit;
 * a broken edit that keeps the last good page and lists the error at its
 * line; the warning of --bind; a clean stop.
 */
#define _GNU_SOURCE /* strcasestr */
#include <arpa/inet.h>
#include <check.h>
#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "lib/buf.h"
#include "lib/util.h"
#include "serve/watch.h"

/* A policy no theme of mend's has: the header must come from the page. */
#define TEST_CSP "default-src 'self'; img-src 'self' data:; script-src 'self'; " \
	"connect-src 'self'; base-uri 'none'"
/* What no served response may ever contain: it is only outside the site. */
#define SECRET "SECRET-TOKEN-4f1e"
/* How long a build may take (the sanitizer build is slow). */
#define WAIT_SECONDS 60

struct server {
	char *project;     /* the copy of the fixture site; owned */
	char *tmp;         /* TMPDIR of mend serve: its private folder goes here */
	char *logs;        /* stdout and stderr of mend serve */
	pid_t pid;
	int port;
};

/* ---------------------------------------------------------------- setup */

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int
free_port(void)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	port = ntohs(a.sin_port);
	close(fd);
	return port;
}

/* The fixture site, its theme carrying TEST_CSP in a meta element, and a
   file outside the output folder that must never be served. */
static char *
make_project(void)
{
	char src[4096];
	char *dir = harness_tmpdir(), *base;
	struct buf text = BUF_INIT;
	char *at;

	snprintf(src, sizeof(src), "%s/tests/sites/base", harness_root());
	harness_copytree(src, dir);
	base = harness_read(dir, "themes/plain/partials/base.mustache");
	ck_assert_ptr_nonnull(base);
	at = strstr(base, "<meta charset=\"utf-8\" />\n");
	ck_assert_ptr_nonnull(at);
	at += strlen("<meta charset=\"utf-8\" />\n");
	buf_put(&text, base, (size_t)(at - base));
	BUF_PUTSL(&text, "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    TEST_CSP "\" />\n");
	buf_puts(&text, at);
	harness_write(dir, "themes/plain/partials/base.mustache", buf_str(&text));
	harness_write(dir, "secret.txt", SECRET "\n");
	buf_free(&text);
	free(base);
	return dir;
}

static char *
log_text(const struct server *s, const char *name)
{
	char *text = harness_read(s->logs, name);

	return text != NULL ? text : xstrdup("");
}

/* Start mend serve in project (taken over; NULL: a new copy of the
   fixture) with extra arguments (NULL-ended), on a free port of the
   test's choosing (own_port: of its own, read back from what it says);
   wait until it says where it serves. */
static void
start_serve_in(struct server *s, char *project, bool own_port,
    const char *const *extra)
{
	const char *bin = getenv("MEND_BIN");
	char binpath[4096], port[16];
	const char *args[24];
	double deadline;
	int n = 0;

	memset(s, 0, sizeof(*s));
	s->project = project != NULL ? project : make_project();
	s->tmp = harness_tmpdir();
	s->logs = harness_tmpdir();
	s->port = own_port ? 0 : free_port();
	if (bin == NULL)
		bin = "./mend";
	if (bin[0] != '/')
		snprintf(binpath, sizeof(binpath), "%s/%s", harness_root(), bin);
	else
		snprintf(binpath, sizeof(binpath), "%s", bin);
	snprintf(port, sizeof(port), "%d", s->port);
	args[n++] = binpath;
	args[n++] = "serve";
	if (!own_port) {
		args[n++] = "--port";
		args[n++] = port;
	}
	args[n++] = "-j";
	args[n++] = "2";
	while (extra != NULL && *extra != NULL)
		args[n++] = *extra++;
	args[n] = NULL;
	s->pid = fork();
	ck_assert_int_ge(s->pid, 0);
	if (s->pid == 0) {
		char out[4096], err[4096];
		int fd;

		snprintf(out, sizeof(out), "%s/stdout", s->logs);
		snprintf(err, sizeof(err), "%s/stderr", s->logs);
		if (chdir(s->project) != 0)
			_exit(127);
		fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(fd, 1);
		fd = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(fd, 2);
		fd = open("/dev/null", O_RDONLY);
		dup2(fd, 0);
		setenv("TMPDIR", s->tmp, 1);
		setenv("NO_COLOR", "1", 1);
		execv(binpath, (char *const *)args);
		_exit(127);
	}
	deadline = now() + WAIT_SECONDS;
	for (;;) {
		char *out = log_text(s, "stdout");
		const char *at = strstr(out, "Serving the site at http://");
		int status;

		if (at != NULL && own_port) {
			const char *colon = strchr(at + strlen("Serving the site at http://"), ':');

			ck_assert_ptr_nonnull(colon);
			s->port = atoi(colon + 1);
		}
		free(out);
		if (at != NULL)
			break;
		if (waitpid(s->pid, &status, WNOHANG) == s->pid) {
			char *err = log_text(s, "stderr");

			s->pid = 0;
			ck_abort_msg("mend serve exited (status %d) before serving:\n%s",
			    WIFEXITED(status) ? WEXITSTATUS(status) : -1, err);
		}
		ck_assert_msg(now() < deadline, "mend serve did not start in %d s",
		    WAIT_SECONDS);
		usleep(50 * 1000);
	}
}

static void
start_serve(struct server *s, const char *const *extra)
{
	start_serve_in(s, NULL, false, extra);
}

/* Stop it with sig; returns its exit status (128 + N for a signal). */
static int
stop_serve(struct server *s, int sig)
{
	int status = 0;

	if (s->pid > 0) {
		kill(s->pid, sig);
		while (waitpid(s->pid, &status, 0) < 0 && errno == EINTR)
			;
		s->pid = 0;
		return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	}
	return -1;
}

static void
free_server(struct server *s)
{
	stop_serve(s, SIGKILL);
	harness_rmtree(s->project);
	harness_rmtree(s->tmp);
	harness_rmtree(s->logs);
	free(s->project);
	free(s->tmp);
	free(s->logs);
}

/* ----------------------------------------------------------------- HTTP */

struct response {
	long status;
	struct buf headers;  /* as they came, "Name: value\r\n" each */
	struct buf body;
};

static size_t
collect(char *data, size_t size, size_t n, void *ctx)
{
	buf_put(ctx, data, size * n);
	return size * n;
}

/* method on path (sent exactly as written), with an extra request header
   (or NULL). */
static void
request(const struct server *s, struct response *r, const char *method,
    const char *path, const char *header)
{
	CURL *curl = curl_easy_init();
	struct curl_slist *list = NULL;
	char url[8192];
	CURLcode rc;

	memset(r, 0, sizeof(*r));
	snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", s->port, path);
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, &r->headers);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &r->body);
	if (strcmp(method, "HEAD") == 0)
		curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
	else if (strcmp(method, "GET") != 0)
		curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
	if (header != NULL) {
		list = curl_slist_append(list, header);
		curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
	}
	rc = curl_easy_perform(curl);
	ck_assert_msg(rc == CURLE_OK, "%s %s: %s", method, path, curl_easy_strerror(rc));
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r->status);
	curl_slist_free_all(list);
	curl_easy_cleanup(curl);
	buf_str(&r->body);  /* NUL-terminated, even when empty */
	buf_str(&r->headers);
}

static void
response_free(struct response *r)
{
	buf_free(&r->headers);
	buf_free(&r->body);
}

/* The value of header name in r (copied into value), or NULL. */
static const char *
header(const struct response *r, const char *name, char *value, size_t size)
{
	const char *p = buf_str(&r->headers);
	size_t len = strlen(name);

	while ((p = strcasestr(p, name)) != NULL) {
		if ((p == buf_str(&r->headers) || p[-1] == '\n') && p[len] == ':') {
			const char *v = p + len + 1, *end;

			while (*v == ' ')
				v++;
			end = strpbrk(v, "\r\n");
			snprintf(value, size, "%.*s", (int)(end ? end - v : (long)strlen(v)), v);
			return value;
		}
		p += len;
	}
	return NULL;
}

#define ck_assert_header(r, name, want) do { \
	char value_[2048]; \
	const char *got_ = header((r), (name), value_, sizeof(value_)); \
	ck_assert_msg(got_ != NULL, "no %s header in:\n%s", (name), buf_str(&(r)->headers)); \
	ck_assert_str_eq(got_, (want)); \
} while (0)

/* The headers every response must carry. */
static void
check_common_headers(const struct response *r)
{
	ck_assert_header(r, "Content-Security-Policy", TEST_CSP);
	ck_assert_header(r, "Cache-Control", "no-store");
	ck_assert_header(r, "X-Content-Type-Options", "nosniff");
	ck_assert_header(r, "Referrer-Policy", "no-referrer");
}

/* ---------------------------------------------------- the event stream */

/* A raw connection to /__mend/events, as EventSource makes it. */
static int
open_events(const struct server *s, struct buf *seen)
{
	struct sockaddr_in a;
	char req[256];
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)s->port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	snprintf(req, sizeof(req), "GET /__mend/events HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
	    "Accept: text/event-stream\r\n\r\n", s->port);
	ck_assert_int_eq(write(fd, req, strlen(req)), (ssize_t)strlen(req));
	buf_reset(seen);
	return fd;
}

/* Read the stream until it holds needle (after from); false on timeout. */
static bool
wait_event(int fd, struct buf *seen, size_t from, const char *needle)
{
	double deadline = now() + WAIT_SECONDS;

	while (strstr(buf_str(seen) + from, needle) == NULL) {
		struct pollfd p = { fd, POLLIN, 0 };
		char chunk[4096];
		ssize_t n;

		if (now() > deadline || poll(&p, 1, 500) < 0)
			return false;
		if (!(p.revents & (POLLIN | POLLHUP)))
			continue;
		if ((n = read(fd, chunk, sizeof(chunk))) <= 0)
			return false;
		buf_put(seen, chunk, (size_t)n);
	}
	return true;
}

/* ---------------------------------------------------------------- tests */

/* The count of entries in dir (not . and ..). */
static int
entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}


/*
 * Pages, style sheets, folders, the 404 page, HEAD, ETag and 304, other
 * methods: the status, type and headers a browser gets.  A page comes
 * with the reload script before </body>; the built file has none.
 */
START_TEST(pages_are_served_with_their_headers)
{
	static const char *const args[] = { "-o", "public", NULL };
	struct server s;
	struct response r, head, again;
	char etag[256], inm[300], length[32];
	char *built;

	start_serve(&s, args);
	request(&s, &r, "GET", "/", NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_header(&r, "Content-Type", "text/html; charset=utf-8");
	check_common_headers(&r);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body),
	    "<script src=\"/__mend/live.js\" defer></script></body>"));
	ck_assert_ptr_nonnull(header(&r, "ETag", etag, sizeof(etag)));
	built = harness_read(s.project, "public/index.html");
	ck_assert_ptr_nonnull(built);
	ck_assert_ptr_null(strstr(built, "__mend"));
	ck_assert_int_eq(r.body.len, strlen(built) + strlen(
	    "<script src=\"/__mend/live.js\" defer></script>"));
	free(built);

	/* HEAD: the same headers, no body. */
	request(&s, &head, "HEAD", "/", NULL);
	ck_assert_int_eq(head.status, 200);
	ck_assert_header(&head, "Content-Type", "text/html; charset=utf-8");
	snprintf(length, sizeof(length), "%zu", r.body.len);
	ck_assert_header(&head, "Content-Length", length);
	ck_assert_header(&head, "ETag", etag);
	check_common_headers(&head);
	ck_assert_int_eq(head.body.len, 0);
	response_free(&head);

	/* The browser's copy is current: 304, no body. */
	snprintf(inm, sizeof(inm), "If-None-Match: %s", etag);
	request(&s, &again, "GET", "/", inm);
	ck_assert_int_eq(again.status, 304);
	ck_assert_int_eq(again.body.len, 0);
	response_free(&again);
	response_free(&r);

	request(&s, &r, "GET", "/plain.css", NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_header(&r, "Content-Type", "text/css; charset=utf-8");
	check_common_headers(&r);
	ck_assert_ptr_null(strstr(buf_str(&r.body), "__mend"));
	response_free(&r);

	/* A folder without its slash goes to the address with one. */
	request(&s, &r, "GET", "/steps", NULL);
	ck_assert_int_eq(r.status, 301);
	ck_assert_header(&r, "Location", "/steps/");
	response_free(&r);
	/* Never to another host ("//steps/" would be one). */
	request(&s, &r, "GET", "//steps", NULL);
	ck_assert_int_eq(r.status, 301);
	ck_assert_header(&r, "Location", "/steps/");
	response_free(&r);
	request(&s, &r, "GET", "/steps/one/", NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "First paragraph."));
	response_free(&r);
	request(&s, &r, "GET", "/steps/one/index.html", NULL);
	ck_assert_int_eq(r.status, 200);
	response_free(&r);

	/* The site's own 404 page, with status 404 and the reload script. */
	request(&s, &r, "GET", "/no/such/page/", NULL);
	ck_assert_int_eq(r.status, 404);
	ck_assert_header(&r, "Content-Type", "text/html; charset=utf-8");
	check_common_headers(&r);
	built = harness_read(s.project, "public/404.html");
	ck_assert_ptr_nonnull(built);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "<script src=\"/__mend/live.js\""));
	ck_assert_int_eq(strncmp(buf_str(&r.body), built, 200), 0);
	free(built);
	response_free(&r);

	/* GET and HEAD only. */
	request(&s, &r, "POST", "/", NULL);
	ck_assert_int_eq(r.status, 405);
	ck_assert_header(&r, "Allow", "GET, HEAD");
	response_free(&r);
	request(&s, &r, "DELETE", "/steps/one/", NULL);
	ck_assert_int_eq(r.status, 405);
	ck_assert_header(&r, "Allow", "GET, HEAD");
	response_free(&r);

	/* The server's own files. */
	request(&s, &r, "GET", "/__mend/live.js", NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_header(&r, "Content-Type", "text/javascript; charset=utf-8");
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "EventSource"));
	check_common_headers(&r);
	response_free(&r);
	request(&s, &r, "GET", "/__mend/live.css", NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_header(&r, "Content-Type", "text/css; charset=utf-8");
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), ".mend-overlay {"));
	response_free(&r);
	ck_assert(!harness_exists(s.project, "public/__mend"));

	ck_assert_int_eq(stop_serve(&s, SIGINT), 0);
	/* -o keeps the folder. */
	ck_assert(harness_exists(s.project, "public/index.html"));
	free_server(&s);
}
END_TEST

/*
 * Paths that try to leave the site, or reach what is not a page: each is
 * refused (403) or not found (404), and nothing outside the site, nor a
 * symbolic link's target, is ever in the answer.
 */
START_TEST(paths_that_leave_the_site_are_refused)
{
	static const char *const args[] = { "-o", "public", NULL };
	static const char *const paths[] = {
		"/../secret.txt",
		"/steps/../../secret.txt",
		"/%2e%2e/secret.txt",
		"/%2E%2E/%2e%2e/etc/passwd",
		"/steps/%2e%2e/%2e%2e/secret.txt",
		"/..%2fsecret.txt",
		"/steps%2f..%2f..%2fsecret.txt",
		"/..%5csecret.txt",
		"/..\\secret.txt",
		"/steps\\..\\..\\secret.txt",
		"/index.html%00.css",
		"/%00",
		"/.mend-output",
		"/./index.html",
		"/%2e/index.html",
		"/%zz",
		"/outside.txt",        /* a symbolic link to ../secret.txt */
		"/outside-dir/secret.txt",  /* a symbolic link to the project */
		"/outside-dir/",
		"/steps/loop.txt",     /* a link to a page of the site itself */
		"//etc/passwd",
		"/etc/passwd",
	};
	struct server s;
	size_t i;

	start_serve(&s, args);
	{
		struct buf p = BUF_INIT;

		buf_printf(&p, "%s/public/outside.txt", s.project);
		ck_assert_int_eq(symlink("../secret.txt", buf_str(&p)), 0);
		buf_reset(&p);
		buf_printf(&p, "%s/public/outside-dir", s.project);
		ck_assert_int_eq(symlink(s.project, buf_str(&p)), 0);
		buf_reset(&p);
		buf_printf(&p, "%s/public/steps/loop.txt", s.project);
		ck_assert_int_eq(symlink("../index.html", buf_str(&p)), 0);
		buf_free(&p);
	}
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		struct response r;

		request(&s, &r, "GET", paths[i], NULL);
		ck_assert_msg(r.status == 403 || r.status == 404,
		    "GET %s: status %ld, not 403 or 404", paths[i], r.status);
		ck_assert_msg(strstr(buf_str(&r.body), SECRET) == NULL,
		    "GET %s: the answer holds the file outside the site", paths[i]);
		ck_assert_msg(strstr(buf_str(&r.body), "root:") == NULL,
		    "GET %s: the answer holds /etc/passwd", paths[i]);
		ck_assert_msg(r.status == 404 || strstr(buf_str(&r.body), "Forbidden") != NULL,
		    "GET %s: 403 says Forbidden", paths[i]);
		response_free(&r);
	}
	/* And the page itself is still there, by its own path. */
	{
		struct response r;

		request(&s, &r, "GET", "/index.html", NULL);
		ck_assert_int_eq(r.status, 200);
		response_free(&r);
	}
	free_server(&s);
}
END_TEST

/*
 * An edit: the event stream says "reload" once the site is built again,
 * and the page has the new text.
 */
START_TEST(an_edit_sends_a_reload)
{
	struct server s;
	struct buf seen = BUF_INIT;
	struct response r;
	size_t mark;
	char *page;
	int fd;

	start_serve(&s, NULL);
	fd = open_events(&s, &seen);
	ck_assert_msg(wait_event(fd, &seen, 0, "event: hello\ndata: {"),
	    "no hello on the stream: %s", buf_str(&seen));
	ck_assert_ptr_nonnull(strstr(buf_str(&seen), "Content-Type: text/event-stream"));
	mark = seen.len;
	page = harness_read(s.project, "content/steps/one.md");
	ck_assert_ptr_nonnull(page);
	{
		struct buf edited = BUF_INIT;

		buf_puts(&edited, page);
		BUF_PUTSL(&edited, "\nA paragraph written while the preview ran.\n");
		harness_write(s.project, "content/steps/one.md", buf_str(&edited));
		buf_free(&edited);
	}
	ck_assert_msg(wait_event(fd, &seen, mark, "event: reload\ndata: 2\n"),
	    "no reload after the edit: %s", buf_str(&seen) + mark);
	request(&s, &r, "GET", "/steps/one/", NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body),
	    "A paragraph written while the preview ran."));
	response_free(&r);

	/* An atomic save (a temporary file renamed over the page) too. */
	mark = seen.len;
	harness_write(s.project, "content/steps/.one.md.swp", "editor's swap file\n");
	{
		struct buf edited = BUF_INIT, from = BUF_INIT, to = BUF_INIT;

		buf_puts(&edited, page);
		BUF_PUTSL(&edited, "\nSaved the way editors save.\n");
		harness_write(s.project, "content/steps/one.md.tmp", buf_str(&edited));
		buf_printf(&from, "%s/content/steps/one.md.tmp", s.project);
		buf_printf(&to, "%s/content/steps/one.md", s.project);
		ck_assert_int_eq(rename(buf_str(&from), buf_str(&to)), 0);
		buf_free(&edited);
		buf_free(&from);
		buf_free(&to);
	}
	ck_assert_msg(wait_event(fd, &seen, mark, "event: reload\ndata: 3\n"),
	    "no reload after the atomic save: %s", buf_str(&seen) + mark);
	request(&s, &r, "GET", "/steps/one/", NULL);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "Saved the way editors save."));
	response_free(&r);

	/* A folder made later is watched: a new page in it is built. */
	mark = seen.len;
	harness_write(s.project, "content/later/_index.md",
	    "+++\ntitle = \"Later\"\ndescription = \"Made while serving.\"\n+++\nNew.\n");
	ck_assert_msg(wait_event(fd, &seen, mark, "event: reload\n"),
	    "no reload after a new folder: %s", buf_str(&seen) + mark);
	request(&s, &r, "GET", "/later/", NULL);
	ck_assert_int_eq(r.status, 200);
	response_free(&r);

	/* exercises/, which the fixture lacks, made while serving. */
	mark = seen.len;
	harness_write(s.project, "exercises/tiny.lua",
	    "return exercise { title = \"Tiny\",\n"
	    "  fields = { short_text { id = \"note\", label = \"Note\" } } }\n");
	ck_assert_msg(wait_event(fd, &seen, mark, "event: reload\n"),
	    "no reload after a new exercises/: %s", buf_str(&seen) + mark);

	/* site.toml, replaced whole as editors save it. */
	{
		char *toml = harness_read(s.project, "site.toml");
		struct buf edited = BUF_INIT, from = BUF_INIT, to = BUF_INIT;
		char *at = strstr(toml, "A small site the tests build.");

		ck_assert_ptr_nonnull(at);
		buf_put(&edited, toml, (size_t)(at - toml));
		BUF_PUTSL(&edited, "A description changed while serving.");
		buf_puts(&edited, at + strlen("A small site the tests build."));
		harness_write(s.project, "site.toml.new", buf_str(&edited));
		buf_printf(&from, "%s/site.toml.new", s.project);
		buf_printf(&to, "%s/site.toml", s.project);
		mark = seen.len;
		ck_assert_int_eq(rename(buf_str(&from), buf_str(&to)), 0);
		ck_assert_msg(wait_event(fd, &seen, mark, "event: reload\n"),
		    "no reload after site.toml changed: %s", buf_str(&seen) + mark);
		request(&s, &r, "GET", "/steps/", NULL);
		ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "A description changed while serving."));
		response_free(&r);
		buf_free(&edited);
		buf_free(&from);
		buf_free(&to);
		free(toml);
	}

	close(fd);
	free(page);
	buf_free(&seen);
	ck_assert_int_eq(stop_serve(&s, SIGINT), 0);
	free_server(&s);
}
END_TEST

/*
 * A broken edit: the stream says "failed", the last good page is still
 * served, /__mend/errors lists the error at its file:line:col with the
 * source line and a caret, exactly as the terminal printed it; fixing it
 * clears them and reloads.
 */
START_TEST(a_broken_edit_keeps_the_last_good_site)
{
	static const char broken[] =
	    "+++\ntitle = \"Step One\"\ndescription = \"The first step.\"\nweight = 1\n"
	    "date = 2024-11-21\n+++\nFirst paragraph.\n\nSee [the next step](../nowhere/).\n";
	static const char want[] =
	    "content/steps/one.md:9:5: error: link target '../nowhere/' not found [links]\n"
	    "    See [the next step](../nowhere/).\n"
	    "        ^";
	struct server s;
	struct buf seen = BUF_INIT;
	struct response r;
	json_t *errors;
	json_error_t jerr;
	size_t mark;
	char *good, *err;
	int fd;

	start_serve(&s, NULL);
	fd = open_events(&s, &seen);
	ck_assert(wait_event(fd, &seen, 0, "event: hello\n"));
	good = harness_read(s.project, "content/steps/one.md");
	mark = seen.len;
	harness_write(s.project, "content/steps/one.md", broken);
	ck_assert_msg(wait_event(fd, &seen, mark, "event: failed\ndata: 2\n"),
	    "no failed event: %s", buf_str(&seen) + mark);

	request(&s, &r, "GET", "/__mend/errors", NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_header(&r, "Content-Type", "application/json");
	errors = json_loads(buf_str(&r.body), 0, &jerr);
	ck_assert_ptr_nonnull(errors);
	ck_assert(json_is_true(json_object_get(errors, "failed")));
	ck_assert_str_eq(harness_json_text(errors, "diagnostics.0"), want);
	ck_assert_int_eq(json_array_size(json_object_get(errors, "diagnostics")), 1);
	json_decref(errors);
	response_free(&r);

	/* The terminal printed the same. */
	err = log_text(&s, "stderr");
	ck_assert_msg(strstr(err, want) != NULL, "not on the terminal:\n%s", err);
	free(err);

	/* The last good page is still served, with the script that shows
	   the errors over it. */
	request(&s, &r, "GET", "/steps/one/", NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "Why it matters"));
	ck_assert_ptr_null(strstr(buf_str(&r.body), "the next step"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "/__mend/live.js"));
	response_free(&r);

	/* A new connection (a page loaded now) is told the build failed. */
	{
		struct buf other = BUF_INIT;
		int fd2 = open_events(&s, &other);

		ck_assert(wait_event(fd2, &other, 0, "\"failed\":true}"));
		close(fd2);
		buf_free(&other);
	}

	/* Fixed: a reload, and no errors. */
	mark = seen.len;
	harness_write(s.project, "content/steps/one.md", good);
	ck_assert_msg(wait_event(fd, &seen, mark, "event: reload\ndata: 3\n"),
	    "no reload after the fix: %s", buf_str(&seen) + mark);
	request(&s, &r, "GET", "/__mend/errors", NULL);
	errors = json_loads(buf_str(&r.body), 0, &jerr);
	ck_assert_ptr_nonnull(errors);
	ck_assert(json_is_false(json_object_get(errors, "failed")));
	ck_assert_int_eq(json_array_size(json_object_get(errors, "diagnostics")), 0);
	json_decref(errors);
	response_free(&r);

	close(fd);
	free(good);
	buf_free(&seen);
	ck_assert_int_eq(stop_serve(&s, SIGTERM), 0);
	free_server(&s);
}
END_TEST

/*
 * A first build that fails: the server starts all the same.  With -o, the
 * older site there is served, with its pages' policy; without, every
 * address gets a small page of the server's own with the reload script,
 * so the overlay shows there too.  Either way the errors are listed.
 */
START_TEST(a_first_build_that_fails)
{
	static const char *const with_o[] = { "-o", "public", NULL };
	static const char broken[] = "+++\ntitle = \"Step One\"\n+++\n[x](../gone/)\n";
	static const char want[] = "content/steps/one.md:4:1: error: link target "
	    "'../gone/' not found [links]";
	struct server s;
	struct response r;
	struct run built;
	char *dir = make_project();

	run_mend(&built, dir, NULL, "build", "-q", "-o", "public", NULL);
	ck_assert_int_eq(built.status, 0);
	run_free(&built);
	harness_write(dir, "content/steps/one.md", broken);
	start_serve_in(&s, dir, false, with_o);
	request(&s, &r, "GET", "/steps/one/", NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "Why it matters"));
	check_common_headers(&r);
	response_free(&r);
	request(&s, &r, "GET", "/__mend/errors", NULL);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "\"failed\":true"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), want));
	response_free(&r);
	ck_assert_int_eq(stop_serve(&s, SIGINT), 0);
	free_server(&s);

	dir = make_project();
	harness_write(dir, "content/steps/one.md", broken);
	start_serve_in(&s, dir, false, NULL);
	request(&s, &r, "GET", "/", NULL);
	ck_assert_int_eq(r.status, 404);
	ck_assert_header(&r, "Content-Type", "text/html; charset=utf-8");
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "<html lang=\"en\" dir=\"ltr\">"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "<h1>Not found</h1>"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body),
	    "<script src=\"/__mend/live.js\" defer></script>"));
	response_free(&r);
	request(&s, &r, "GET", "/__mend/errors", NULL);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), want));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "\"lang\":\"en\",\"dir\":"
	    "\"ltr\",\"words\":{\"title\":\"The site did not build\","));
	response_free(&r);
	ck_assert_int_eq(stop_serve(&s, SIGINT), 0);
	ck_assert_int_eq(entries(s.tmp), 0);
	free_server(&s);
}
END_TEST

/*
 * Without --port: 8383, or when it is taken the next free one, said on
 * the terminal.  8383 is taken here (by this test, or by whoever has it).
 */
START_TEST(the_default_port_moves_on_when_taken)
{
	struct sockaddr_in a;
	struct server s;
	struct response r;
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	char *err;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(8383);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0)
		ck_assert_int_eq(listen(fd, 1), 0);
	start_serve_in(&s, NULL, true, NULL);
	ck_assert_int_gt(s.port, 8383);
	ck_assert_int_le(s.port, 8402);
	err = log_text(&s, "stderr");
	{
		char said[64];

		snprintf(said, sizeof(said), "mend: port 8383 is in use: using %d\n", s.port);
		ck_assert_msg(strstr(err, said) != NULL, "not said: %s in:\n%s", said, err);
	}
	free(err);
	request(&s, &r, "GET", "/", NULL);
	ck_assert_int_eq(r.status, 200);
	response_free(&r);
	ck_assert_int_eq(stop_serve(&s, SIGINT), 0);
	free_server(&s);
	close(fd);
}
END_TEST

/* Any address that is not loopback is warned about; the default is not. */
START_TEST(bind_to_the_network_warns)
{
	static const char *const args[] = { "--bind", "0.0.0.0", NULL };
	static const char warning[] = "mend: warning: --bind 0.0.0.0: the preview can "
	    "be reached from the network, by anyone who can reach this machine\n";
	struct server s;
	char *err, *out;

	start_serve(&s, args);
	err = log_text(&s, "stderr");
	out = log_text(&s, "stdout");
	ck_assert_msg(strstr(err, warning) != NULL, "no warning in:\n%s", err);
	ck_assert_ptr_nonnull(strstr(out, "Serving the site at http://0.0.0.0:"));
	free(err);
	free(out);
	free_server(&s);

	start_serve(&s, NULL);
	err = log_text(&s, "stderr");
	out = log_text(&s, "stdout");
	ck_assert_msg(strstr(err, "warning") == NULL, "a warning in:\n%s", err);
	ck_assert_ptr_nonnull(strstr(out, "Serving the site at http://127.0.0.1:"));
	free(err);
	free(out);
	free_server(&s);
}
END_TEST

/*
 * The private folder: one, mode 0700, in TMPDIR while serving; Ctrl-C
 * (or SIGTERM) stops with status 0 and removes it, and nothing is left
 * in the project either.
 */
START_TEST(ctrl_c_leaves_nothing_behind)
{
	static const int signals[] = { SIGINT, SIGTERM };
	size_t k;

	for (k = 0; k < 2; k++) {
		struct server s;
		DIR *d;
		struct dirent *e;
		struct stat st;
		char path[4096];
		int found = 0, before;

		start_serve(&s, NULL);
		before = entries(s.project);
		d = opendir(s.tmp);
		while ((e = readdir(d)) != NULL) {
			if (strncmp(e->d_name, "mend-serve-", 11) != 0)
				continue;
			found++;
			snprintf(path, sizeof(path), "%s/%s", s.tmp, e->d_name);
			ck_assert_int_eq(lstat(path, &st), 0);
			ck_assert(S_ISDIR(st.st_mode));
			ck_assert_int_eq(st.st_mode & 07777, 0700);
			snprintf(path, sizeof(path), "%s/%s/site/index.html", s.tmp, e->d_name);
			ck_assert_int_eq(access(path, F_OK), 0);
		}
		closedir(d);
		ck_assert_int_eq(found, 1);
		ck_assert_int_eq(stop_serve(&s, signals[k]), 0);
		ck_assert_int_eq(entries(s.tmp), 0);
		ck_assert_int_eq(entries(s.project), before);
		free_server(&s);
	}
}
END_TEST

/* The command line: help, and what is refused before anything starts. */
START_TEST(the_command_line)
{
	struct run r;

	run_mend(&r, NULL, NULL, "help", "serve", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "usage: mend serve [--port N] [--bind ADDR] "
	    "[--open] [-o DIR] [--drafts]\n"));
	run_free(&r);
	run_mend(&r, NULL, NULL, "serve", "--port", "0", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "mend serve: --port wants a port number from 1 to "
	    "65535, not '0' (try 'mend help serve')\n");
	run_free(&r);
	run_mend(&r, NULL, NULL, "serve", "extra", NULL);
	ck_assert_int_eq(r.status, 2);
	run_free(&r);
	/* Outside a project: said at once, nothing served. */
	{
		char *dir = harness_tmpdir();

		run_mend(&r, dir, NULL, "serve", NULL);
		ck_assert_int_eq(r.status, 3);
		ck_assert_str_eq(r.err, "site.toml: error: not found: run mend serve in a "
		    "project folder (one that holds site.toml), or name one with -C DIR\n"
		    "mend: 1 error, 0 warnings\n");
		ck_assert_str_eq(r.out, "");
		run_free(&r);
		harness_rmtree(dir);
		free(dir);
	}
	/* A site built where serve watches would rebuild itself forever. */
	{
		char *dir = make_project();

		run_mend(&r, dir, NULL, "serve", "-o", "themes/preview", NULL);
		ck_assert_int_eq(r.status, 2);
		ck_assert_str_eq(r.err, "mend serve: -o themes/preview: the site cannot be "
		    "built inside content/, themes/ or exercises/, which mend serve watches "
		    "(try 'mend help serve')\n");
		ck_assert(!harness_exists(dir, "themes/preview"));
		run_free(&r);
		harness_rmtree(dir);
		free(dir);
	}
}
END_TEST

/* A port given with --port that is taken is an error, not another port. */
START_TEST(a_taken_port_is_an_error)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	char port[16], *dir = make_project();
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct run r;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	ck_assert_int_eq(listen(fd, 1), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	snprintf(port, sizeof(port), "%d", ntohs(a.sin_port));
	run_mend(&r, dir, NULL, "serve", "--port", port, NULL);
	ck_assert_int_eq(r.status, 4);
	ck_assert_ptr_nonnull(strstr(r.err, "Address already in use"));
	run_free(&r);
	close(fd);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

/* Which names the watcher takes for an editor's own files. */
START_TEST(editors_files_are_ignored)
{
	static const char *const ignored[] = {
		".one.md.swp", ".#one.md", "one.md~", "#one.md#", "one.md.swp",
		"one.md.tmp", "one.md.kate-swp", ".goutputstream-4XJ2K1", "a.part",
	};
	static const char *const kept[] = {
		"one.md", "_index.md", "2024", "a.png", "site.toml", "notes.txt",
		"swp.md", "tmp",
	};
	size_t i;

	for (i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++)
		ck_assert_msg(watch_ignored_name(ignored[i]), "%s is not ignored", ignored[i]);
	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		ck_assert_msg(!watch_ignored_name(kept[i]), "%s is ignored", kept[i]);
}
END_TEST

/*
 * A site in Arabic whose first build fails: the server's own page for an
 * address with nothing at it, and the overlay's words, are in Arabic,
 * right to left, from the theme's words; the diagnostics stay mend's.
 */
START_TEST(the_servers_words_are_the_sites_language)
{
	static const char broken[] = "+++\ntitle = \"Step One\"\n+++\n[x](../gone/)\n";
	struct server s;
	struct response r;
	char *dir = make_project(), *toml, *at, src[4096], dst[4096];
	struct buf text = BUF_INIT;

	toml = harness_read(dir, "site.toml");
	at = strstr(toml, "language = \"en\"");
	ck_assert_ptr_nonnull(at);
	buf_put(&text, toml, (size_t)(at - toml));
	buf_printf(&text, "language = \"ar\"%s", at + strlen("language = \"en\""));
	harness_write(dir, "site.toml", buf_str(&text));
	snprintf(src, sizeof(src), "%s/themes/calm/i18n", harness_root());
	snprintf(dst, sizeof(dst), "%s/themes/plain/i18n", dir);
	harness_copytree(src, dst);
	harness_write(dir, "content/steps/one.md", broken);
	start_serve_in(&s, dir, false, NULL);
	request(&s, &r, "GET", "/", NULL);
	ck_assert_int_eq(r.status, 404);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body),
	    "<html lang=\"ar\" dir=\"rtl\">"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body),
	    "<title>الصفحة غير موجودة</title>"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body),
	    "<h1>الصفحة غير موجودة</h1>\n<p>لا توجد صفحة بهذا العنوان في آخر نسخة "
	    "بُنيت من الموقع.</p>"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body),
	    "<script src=\"/__mend/live.js\" defer></script>"));
	ck_assert_ptr_null(strstr(buf_str(&r.body), "Not found"));
	response_free(&r);
	request(&s, &r, "GET", "/__mend/errors", NULL);
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "\"failed\":true"));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "\"lang\":\"ar\","
	    "\"dir\":\"rtl\",\"words\":{\"title\":\"تعذّر بناء الموقع\","));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "\"dismiss\":\"إغلاق\""));
	ck_assert_ptr_nonnull(strstr(buf_str(&r.body), "content/steps/one.md:4:1: "
	    "error: link target '../gone/' not found [links]"));
	response_free(&r);
	ck_assert_int_eq(stop_serve(&s, SIGINT), 0);
	free_server(&s);
	free(toml);
	buf_free(&text);
}
END_TEST

static Suite *
serve_suite(void)
{
	Suite *s = suite_create("serve");
	TCase *tc = tcase_create("serve");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, editors_files_are_ignored);
	tcase_add_test(tc, the_command_line);
	tcase_add_test(tc, a_taken_port_is_an_error);
	tcase_add_test(tc, pages_are_served_with_their_headers);
	tcase_add_test(tc, paths_that_leave_the_site_are_refused);
	tcase_add_test(tc, an_edit_sends_a_reload);
	tcase_add_test(tc, a_broken_edit_keeps_the_last_good_site);
	tcase_add_test(tc, a_first_build_that_fails);
	tcase_add_test(tc, the_servers_words_are_the_sites_language);
	tcase_add_test(tc, the_default_port_moves_on_when_taken);
	tcase_add_test(tc, bind_to_the_network_warns);
	tcase_add_test(tc, ctrl_c_leaves_nothing_behind);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	failed = harness_run(serve_suite(), NULL);
	curl_global_cleanup();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
