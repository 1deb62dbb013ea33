/*
 * progress — the build's progress line.  See progress.h.
 *
 * The counters are atomics the stages add to; everything the terminal
 * sees is written by the drawing thread or under the same mutex
 * (progress_pause holds it while a diagnostic is printed), so the line
 * and the diagnostics never interleave.  "\r\033[K" (back to the start
 * of the line, erase to its end) erases it; the line is kept shorter than
 * the terminal, so it never wraps and one erase is enough.  The drawing
 * thread writes with write(2) and takes no lock but this module's, so a
 * child forked while it runs (the exercise sandbox) inherits no lock that
 * child could need.
 */
#include "lib/progress.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "lib/util.h"

#define PROGRESS_DELAY 1.0     /* seconds of work before the line shows
                                  (MEND_PROGRESS_DELAY, in seconds, sets
                                  another: the tests show it at once) */
#define PROGRESS_INTERVAL_MS 100 /* between two looks at the counters */

static atomic_bool running;          /* between begin and end, when shown */
static _Atomic(const char *) stage_what; /* the stage, or NULL */
static atomic_size_t stage_total;
static atomic_size_t stage_count;
static atomic_uint stage_serial;     /* changes with each stage */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static pthread_t drawer;
static bool stopping;                /* under lock: the drawer should end */
static bool drawn;                   /* under lock: the line is on screen */
static struct timespec started;      /* when progress_begin was called */
static double delay;                 /* seconds from started to the line */

/* Is the line wanted on this standard error? */
static bool
terminal_wants_it(void)
{
	const char *no_color = getenv("NO_COLOR");

	if (no_color != NULL && no_color[0] != '\0')
		return false;
	return isatty(STDERR_FILENO) == 1;
}

/* The terminal's width in columns, or 80 when it does not say. */
static size_t
columns(void)
{
	struct winsize ws;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Write all of text to standard error (a terminal: short writes are rare). */
static void
put(const char *text, size_t len)
{
	while (len > 0) {
		ssize_t n = write(STDERR_FILENO, text, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;  /* the terminal went away: nothing to show it on */
		text += n;
		len -= (size_t)n;
	}
}

/* Erase the line if it is drawn.  Under lock. */
static void
erase(void)
{
	if (drawn)
		put("\r\033[K", 4);
	drawn = false;
}

/* Draw the line as the counters are now.  Under lock. */
static void
draw(void)
{
	const char *what = atomic_load(&stage_what);
	size_t total = atomic_load(&stage_total);
	size_t count = atomic_load(&stage_count);
	size_t width = columns();
	char line[256];
	int n;

	if (what == NULL)
		return;
	if (count > total)
		count = total;
	if (total > 0)
		n = snprintf(line, sizeof(line), "\r\033[Kmend: %s %zu/%zu", what,
		    count, total);
	else
		n = snprintf(line, sizeof(line), "\r\033[Kmend: %s", what);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = (int)sizeof(line) - 1;
	/* "\r\033[K" takes no column; the text must leave the last one free. */
	if (width > 1 && (size_t)n - 4 > width - 1)
		n = (int)(width - 1 + 4);
	put(line, (size_t)n);
	drawn = true;
}

static void *
draw_loop(void *arg)
{
	unsigned serial = 0;
	size_t last_count = (size_t)-1;

	(void)arg;
	pthread_mutex_lock(&lock);
	while (!stopping) {
		struct timespec until;

		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += PROGRESS_INTERVAL_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&wake, &lock, &until);
		if (stopping || util_seconds_since(&started) < delay)
			continue;
		/* Draw only what changed: the line should not flicker, nor
		   come back between diagnostics printed one after another. */
		if (atomic_load(&stage_serial) == serial &&
		    atomic_load(&stage_count) == last_count)
			continue;
		serial = atomic_load(&stage_serial);
		last_count = atomic_load(&stage_count);
		draw();
	}
	erase();
	pthread_mutex_unlock(&lock);
	return NULL;
}

void
progress_begin(bool wanted)
{
	const char *env = getenv("MEND_PROGRESS_DELAY");
	char *end;

	if (atomic_load(&running) || !wanted || !terminal_wants_it())
		return;
	delay = PROGRESS_DELAY;
	if (env != NULL && env[0] != '\0') {
		double d = strtod(env, &end);

		if (*end == '\0' && d >= 0 && d <= 3600)
			delay = d;
	}
	clock_gettime(CLOCK_MONOTONIC, &started);
	atomic_store(&stage_what, NULL);
	stopping = false;
	drawn = false;
	if (pthread_create(&drawer, NULL, draw_loop, NULL) == 0)
		atomic_store(&running, true);  /* no thread: no line, no harm */
}

void
progress_stage(const char *what, size_t total)
{
	if (!atomic_load(&running))
		return;
	atomic_store(&stage_count, 0);
	atomic_store(&stage_total, total);
	atomic_store(&stage_what, what);
	atomic_fetch_add(&stage_serial, 1);
}

void
progress_done(void)
{
	if (atomic_load_explicit(&running, memory_order_relaxed))
		atomic_fetch_add_explicit(&stage_count, 1, memory_order_relaxed);
}

void
progress_pause(void)
{
	if (!atomic_load(&running))
		return;
	pthread_mutex_lock(&lock);
	erase();
}

void
progress_resume(void)
{
	if (!atomic_load(&running))
		return;
	pthread_mutex_unlock(&lock);
}

void
progress_end(void)
{
	if (!atomic_load(&running))
		return;
	pthread_mutex_lock(&lock);
	stopping = true;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(drawer, NULL);  /* it erases the line as it ends */
	atomic_store(&running, false);
}
