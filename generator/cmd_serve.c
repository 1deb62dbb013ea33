/*
 * cmd_serve — `mend serve`: build the site into a private folder (or -o
 * DIR), serve it on a loopback address (serve/http.c), watch the sources
 * (serve/watch.c) and build again after each change, telling the pages to
 * reload or to show what failed.  The help text is in cli.c's table.
 *
 * Every build goes through serve_build_all and serve_update below, into
 * the same folder: the first is a full build exactly as `mend build -o DIR`
 * makes it, each later one an incremental update (live.h) that leaves the
 * folder with the same bytes a full build would.
 *
 * Stop signals (SIGINT, SIGTERM, SIGHUP) are blocked in every thread and
 * read from a signalfd in the loop, so a build is never cut off half-way:
 * the loop ends, the server stops, the private folder is removed, and the
 * command exits 0.
 */
#define _GNU_SOURCE /* signalfd */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <limits.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "build.h"
#include "live.h"
#include "cli.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/util.h"
#include "serve/http.h"
#include "serve/words.h"
#include "serve/watch.h"

extern char **environ;

/* The first port tried, and how many after it when it is taken. */
#define SERVE_PORT 8383
#define SERVE_PORT_TRIES 20
/* A build starts once the sources have been quiet this long (ms): an
   editor's save is often several writes and a rename. */
#define QUIET_MS 40
/* ... but no longer than this after the first change, should something
   keep writing into a watched folder. */
#define MAX_WAIT_MS 1000

/* The diagnostics of one build, as the terminal showed them (no colour). */
struct captured {
	char **texts;   /* owned, each owned */
	size_t len, cap;
};

struct serve {
	struct build_options build;  /* how every build is made */
	struct live *live;           /* the incremental builder (live.h) */
	struct captured diags;       /* the current build's diagnostics */
};

/* ------------------------------------------------------------ diagnostics */

/*
 * The source line d points at and a caret under its column, as two
 * indented lines ("" when d names no readable file and line).  Tabs before
 * the column are kept, so the caret stands under the character.
 */
static void
source_excerpt(struct buf *out, const struct diag *d)
{
	const char *line, *end;
	char *data = NULL;
	size_t len;
	int n;

	if (d->file == NULL || d->line <= 0 || util_read_file(d->file, &data, &len) != 0)
		return;
	for (line = data, n = 1; n < d->line && line != NULL; n++) {
		line = strchr(line, '\n');
		if (line != NULL)
			line++;
	}
	if (line != NULL && *line != '\0') {
		struct buf text = BUF_INIT;
		int col;

		end = strchr(line, '\n');
		buf_put(&text, line, end ? (size_t)(end - line) : strlen(line));
		if (text.len > 0 && text.data[text.len - 1] == '\r')
			text.data[--text.len] = '\0';
		BUF_PUTSL(out, "    ");
		diag_put_safe(out, buf_str(&text));
		buf_putc(out, '\n');
		if (d->col > 0 && (size_t)d->col <= text.len + 1) {
			BUF_PUTSL(out, "    ");
			for (col = 1; col < d->col; col++) {
				unsigned char c = (unsigned char)text.data[col - 1];

				if (c == '\t')
					buf_putc(out, '\t');
				else if (c < 0x80 || c >= 0xc0)  /* one per character */
					buf_putc(out, ' ');
			}
			BUF_PUTSL(out, "^\n");
		}
		buf_free(&text);
	}
	free(data);
}

/*
 * The sink of every diagnostic while serving: print it as mend always does
 * (text or JSON), then, in text, its source line and caret; keep the same
 * text without colour for the pages' overlay.  Called under diag's lock.
 */
static void
serve_sink(const struct diag *d, void *ctx)
{
	struct captured *c = ctx;
	struct buf plain = BUF_INIT, excerpt = BUF_INIT;

	source_excerpt(&excerpt, d);
	diag_print(d);
	if (!diag_json() && excerpt.len > 0)
		fputs(buf_str(&excerpt), stderr);
	diag_format_text(&plain, d, false);
	buf_put(&plain, excerpt.data, excerpt.len);
	if (plain.len > 0 && plain.data[plain.len - 1] == '\n')
		plain.data[--plain.len] = '\0';
	if (c->len == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 8;
		c->texts = xrealloc(c->texts, c->cap * sizeof(*c->texts));
	}
	c->texts[c->len++] = buf_detach(&plain);
	buf_free(&excerpt);
}

static void
captured_clear(struct captured *c)
{
	size_t i;

	for (i = 0; i < c->len; i++)
		free(c->texts[i]);
	free(c->texts);
	memset(c, 0, sizeof(*c));
}

/* --------------------------------------------------------------- builds */

/* The first build: the whole site into the folder, as `mend build -o`. */
static int
serve_build_all(struct serve *s)
{
	struct live_options opt = { s->build.out_dir, s->build.base_url,
	    s->build.drafts, s->build.jobs };

	if (s->live == NULL)
		s->live = live_new(&opt);
	return live_build_all(s->live);
}

/*
 * A build after paths[0..n) changed (n == 0: unknown, events were lost:
 * live_update then builds everything).
 */
static int
serve_update(struct serve *s, const char *const *paths, size_t n)
{
	return live_update(s->live, paths, n);
}

/* Run one build (first: the whole site), print its outcome, tell the
   pages.  Returns the build's exit status. */
static int
run_build(struct serve *s, struct serve_http *http, bool first,
    const struct watch_changes *changes)
{
	int status;

	if (http != NULL) {  /* the server's words, in the site's language */
		struct serve_words words;

		serve_words_read(&words);
		serve_http_set_words(http, &words);
		serve_words_free(&words);
	}
	captured_clear(&s->diags);
	diag_reset();
	if (first)
		status = serve_build_all(s);
	else if (changes->overflow)
		status = serve_update(s, NULL, 0);
	else
		status = serve_update(s, (const char *const *)changes->paths, changes->len);
	if (status != EXIT_OK) {
		diag_summary();
		diag_say("the build failed: %s", http != NULL && !first ?
		    "the last good site is still served, with the errors over every page" :
		    "the errors are shown over every page");
	}
	if (http != NULL)
		serve_http_built(http, status == EXIT_OK,
		    (const char *const *)s->diags.texts, s->diags.len);
	return status;
}

/* ------------------------------------------------------------- folders */

static int
remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Remove the private folder and all in it (never following a link). */
static void
remove_private(const char *dir)
{
	nftw(dir, remove_entry, 32, FTW_DEPTH | FTW_PHYS);
}

/*
 * Is out_dir inside one of the folders serve watches?  A site built there
 * would set off a build of itself, forever.  out_dir need not exist; its
 * nearest existing parent is resolved.
 */
static bool
inside_watched(const char *out_dir)
{
	static const char *const watched[] = { "content", "themes", "exercises" };
	char *copy = xstrdup(out_dir), *real = NULL, *slash;
	bool inside = false;
	size_t k;

	while ((real = realpath(copy, NULL)) == NULL) {
		if ((slash = strrchr(copy, '/')) == NULL) {
			real = realpath(".", NULL);
			break;
		}
		*slash = '\0';
		if (copy[0] == '\0') {
			real = xstrdup("/");
			break;
		}
	}
	for (k = 0; real != NULL && k < 3 && !inside; k++) {
		char *w = realpath(watched[k], NULL);
		size_t len = w != NULL ? strlen(w) : 0;

		if (w != NULL && strncmp(real, w, len) == 0 &&
		    (real[len] == '\0' || real[len] == '/'))
			inside = true;
		free(w);
	}
	free(real);
	free(copy);
	return inside;
}

/* ------------------------------------------------------------ addresses */

/* Is addr (as given to --bind) a loopback address?  Names are resolved. */
static bool
is_loopback(const char *addr)
{
	struct addrinfo hints, *ai, *p;
	bool loop = true;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	if (getaddrinfo(addr, NULL, &hints, &ai) != 0)
		return true;  /* serve_http_start reports it */
	for (p = ai; p != NULL; p = p->ai_next) {
		if (p->ai_family == AF_INET) {
			const struct sockaddr_in *in = (const void *)p->ai_addr;

			if ((ntohl(in->sin_addr.s_addr) >> 24) != 127)
				loop = false;
		} else if (p->ai_family == AF_INET6) {
			const struct sockaddr_in6 *in6 = (const void *)p->ai_addr;

			if (!IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr))
				loop = false;
		} else
			loop = false;
	}
	freeaddrinfo(ai);
	return loop;
}

/* Open url in the user's browser with xdg-open, when there is one; quietly
   nothing otherwise.  The child gets the usual signal mask back. */
static void
open_browser(const char *url)
{
	posix_spawnattr_t attr;
	posix_spawn_file_actions_t actions;
	sigset_t none;
	char *argv[3];
	pid_t pid;

	if (access("/usr/bin/xdg-open", X_OK) != 0)
		return;
	argv[0] = (char *)"xdg-open";
	argv[1] = (char *)url;
	argv[2] = NULL;
	sigemptyset(&none);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawn(&pid, "/usr/bin/xdg-open", &actions, &attr, argv, environ) != 0)
		pid = -1;
	posix_spawn_file_actions_destroy(&actions);
	posix_spawnattr_destroy(&attr);
	(void)pid;  /* reaped by SIGCHLD's default: see serve_loop */
}

/* ------------------------------------------------------------- the loop */

/* Wait for changes and signals; build after each burst of changes.
   Returns when a stop signal came. */
static void
serve_loop(struct serve *s, struct serve_http *http, struct watch *watch, int sig_fd)
{
	struct watch_changes changes = { NULL, 0, 0, false };
	struct timespec first;  /* when the first change waiting came */

	for (;;) {
		struct pollfd fds[2];
		bool waiting = changes.len > 0 || changes.overflow;
		int timeout = waiting ? QUIET_MS : -1;
		int ready;

		if (waiting && util_seconds_since(&first) * 1000 >= MAX_WAIT_MS)
			timeout = 0;

		fds[0].fd = sig_fd;
		fds[0].events = POLLIN;
		fds[1].fd = watch_fd(watch);
		fds[1].events = POLLIN;
		ready = poll(fds, 2, timeout);
		if (ready < 0 && errno != EINTR)
			break;
		if (ready > 0 && (fds[0].revents & POLLIN)) {
			struct signalfd_siginfo info;

			if (read(sig_fd, &info, sizeof(info)) == (ssize_t)sizeof(info)) {
				if (info.ssi_signo == SIGCHLD) {
					while (waitpid(-1, NULL, WNOHANG) > 0)
						;  /* xdg-open has finished */
					continue;
				}
				break;
			}
		}
		if (ready > 0 && (fds[1].revents & POLLIN)) {
			watch_read(watch, &changes);
			if (!waiting)
				clock_gettime(CLOCK_MONOTONIC, &first);
			if (timeout != 0)
				continue;  /* wait until quiet */
		}
		if (timeout == 0 || (ready == 0 && waiting)) {
			run_build(s, http, false, &changes);
			watch_changes_clear(&changes);
		}
	}
	watch_changes_clear(&changes);
}

int
cmd_serve(int argc, char **argv)
{
	static const struct option options[] = {
		{ "port", required_argument, NULL, 'p' },
		{ "bind", required_argument, NULL, 'B' },
		{ "open", no_argument, NULL, 'O' },
		{ "output", required_argument, NULL, 'o' },
		{ "drafts", no_argument, NULL, 'D' },
		{ "base-url", required_argument, NULL, 'b' },
		{ "jobs", required_argument, NULL, 'j' },
		CLI_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct serve s;
	struct serve_http_options http_opt;
	struct serve_http *http = NULL;
	struct watch *watch = NULL;
	struct buf private_dir = BUF_INIT, site_dir = BUF_INIT, url = BUF_INIT;
	const char *out_dir = NULL;
	bool open_it = false, port_given = false;
	sigset_t stop;
	int c, r, port = SERVE_PORT, sig_fd, status = EXIT_OK;
	char *end;
	long n;

	/* The build's summary line goes to stdout: a line at a time, so it
	   shows as each build ends even when stdout is a pipe. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	memset(&s, 0, sizeof(s));
	memset(&http_opt, 0, sizeof(http_opt));
	http_opt.bind = "127.0.0.1";
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":p:o:j:h", options, NULL)) != -1) {
		switch (c) {
		case 'p':
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' || n < 1 || n > 65535)
				return cli_usage_error("serve", "--port wants a port number "
				    "from 1 to 65535, not '%s'", optarg);
			port = (int)n;
			port_given = true;
			break;
		case 'B': http_opt.bind = optarg; break;
		case 'O': open_it = true; break;
		case 'o': out_dir = optarg; break;
		case 'D': s.build.drafts = true; break;
		case 'b': s.build.base_url = optarg; break;
		case 'j':
			if (cli_jobs("serve", optarg, &s.build.jobs) != 0)
				return EXIT_USAGE;
			break;
		default:
			if ((r = cli_common_option("serve", c, optarg, argv)) <= 0)
				return r == 0 ? EXIT_OK : EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
	if (out_dir != NULL && inside_watched(out_dir))
		return cli_usage_error("serve", "-o %s: the site cannot be built inside "
		    "content/, themes/ or exercises/, which mend serve watches", out_dir);
	if (access("site.toml", F_OK) != 0) {
		diag_error("site.toml", 0, 0, "not found: run mend serve in a project "
		    "folder (one that holds site.toml), or name one with -C DIR");
		diag_summary();
		return EXIT_INPUT;
	}

	/* From here on a stop signal waits for the loop (every thread made
	   later inherits the mask), so it never cuts a build off. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	sigaddset(&stop, SIGCHLD);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	sig_fd = signalfd(-1, &stop, SFD_CLOEXEC);
	if (sig_fd < 0) {
		diag_error(NULL, 0, 0, "cannot catch signals: %s", strerror(errno));
		return EXIT_IO;
	}

	if (out_dir == NULL) {
		/* A private folder only this user can read, removed on exit; the
		   build's staging folder is made beside site/, inside it too. */
		const char *tmp = getenv("TMPDIR");
		char *made;

		buf_printf(&private_dir, "%s/mend-serve-XXXXXX",
		    tmp != NULL && tmp[0] == '/' ? tmp : "/tmp");
		if ((made = mkdtemp(private_dir.data)) == NULL) {
			diag_error(buf_str(&private_dir), 0, 0, "cannot make the private "
			    "folder: %s", strerror(errno));
			status = EXIT_IO;
			goto done;
		}
		buf_printf(&site_dir, "%s/site", made);
		out_dir = buf_str(&site_dir);
	}
	s.build.out_dir = out_dir;

	diag_set_sink(serve_sink, &s.diags);
	http_opt.site_dir = out_dir;
	http_opt.port = port;
	http_opt.tries = port_given ? 1 : SERVE_PORT_TRIES;
	if (!is_loopback(http_opt.bind))
		diag_warning(NULL, 0, 0, "--bind %s: the preview can be reached from the "
		    "network, by anyone who can reach this machine", http_opt.bind);
	if ((http = serve_http_start(&http_opt, &port)) == NULL) {
		status = EXIT_IO;
		goto done;
	}
	if (!port_given && port != SERVE_PORT)
		diag_say("port %d is in use: using %d", SERVE_PORT, port);
	if ((watch = watch_new()) == NULL) {
		status = EXIT_IO;
		goto done;
	}
	status = run_build(&s, http, true, NULL);
	if (status == EXIT_USAGE)  /* the output folder was refused */
		goto done;
	status = EXIT_OK;
	buf_printf(&url, "http://%s%s%s:%d/", strchr(http_opt.bind, ':') ? "[" : "",
	    http_opt.bind, strchr(http_opt.bind, ':') ? "]" : "", port);
	printf("Serving the site at %s (Ctrl-C stops)\n", buf_str(&url));
	fflush(stdout);
	if (open_it)
		open_browser(buf_str(&url));
	serve_loop(&s, http, watch, sig_fd);
	diag_say("stopped");
done:
	serve_http_stop(http);
	watch_free(watch);
	diag_set_sink(NULL, NULL);
	captured_clear(&s.diags);
	live_free(s.live);
	if (private_dir.len > 0 && strstr(private_dir.data, "XXXXXX") == NULL)
		remove_private(buf_str(&private_dir));
	close(sig_fd);
	buf_free(&private_dir);
	buf_free(&site_dir);
	buf_free(&url);
	return status;
}
