/*
 * live_debug — `mend debug live-update`, a debugging and benchmarking aid
 * for the incremental builder (live.h): a full build, then one update per
 * line read from standard input, each timed.  bench/live-update.sh drives
 * it; `mend serve` is what authors use.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "lib/buf.h"
#include "lib/util.h"
#include "live.h"

/* Print one line: the exit status, the seconds, what was written. */
static void
say(const struct live *lv, int status, const struct timespec *start)
{
	const char *const *written;
	size_t n;
	bool full = live_last_full(lv, &written, &n);

	if (full)
		printf("%d %.6f full\n", status, util_seconds_since(start));
	else
		printf("%d %.6f %zu file%s\n", status, util_seconds_since(start), n,
		    n == 1 ? "" : "s");
	fflush(stdout);
}

int
live_debug_update(int argc, char **argv)
{
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "jobs", required_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct live_options opt;
	struct live *lv;
	struct timespec start;
	struct buf line = BUF_INIT;
	int c, status;

	memset(&opt, 0, sizeof(opt));
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:j:", options, NULL)) != -1) {
		if (c == 'o')
			opt.out_dir = optarg;
		else if (c == 'j')
			opt.jobs = atoi(optarg);
		else
			return cli_usage_error("debug", "usage: mend debug live-update "
			    "-o DIR [-j N]");
	}
	if (opt.out_dir == NULL || optind != argc)
		return cli_usage_error("debug", "usage: mend debug live-update -o DIR "
		    "[-j N]");
	lv = live_new(&opt);
	clock_gettime(CLOCK_MONOTONIC, &start);
	status = live_build_all(lv);
	say(lv, status, &start);
	/* Each line: the changed files of one update, separated by tabs. */
	for (;;) {
		const char *paths[64];
		size_t n = 0;
		char *text, *at, *save = NULL;
		int ch;

		buf_reset(&line);
		while ((ch = getchar()) != EOF && ch != '\n')
			buf_putc(&line, (char)ch);
		if (ch == EOF && line.len == 0)
			break;
		text = xstrdup(buf_str(&line));
		for (at = strtok_r(text, "\t", &save); at != NULL && n < 64;
		     at = strtok_r(NULL, "\t", &save))
			paths[n++] = at;
		clock_gettime(CLOCK_MONOTONIC, &start);
		status = live_update(lv, paths, n);
		say(lv, status, &start);
		free(text);
	}
	buf_free(&line);
	live_free(lv);
	return status;
}
