/*
 * progress — one updating line on the terminal while a long build runs:
 *
 *     mend: rendering pages 4210/10000
 *
 * Shown only when it helps and harms nothing: standard error is a
 * terminal, NO_COLOR is unset or empty, the caller wants it (not --quiet),
 * the diagnostics are text (not --format json), and the work has taken
 * more than about a second.  Never in a pipe, a file or a CI log.
 *
 * The stages run on a pool of threads: they only count (progress_done is
 * one atomic add), and one drawing thread of this module redraws the line
 * at most ten times a second.  Before anything else is printed the line
 * is erased: diag pauses it around each diagnostic (progress_pause and
 * progress_resume), and progress_end erases it for good before a command
 * prints its summary.  When the line is not shown every call costs next
 * to nothing.
 */
#ifndef MEND_PROGRESS_H
#define MEND_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Start: from now on (after the delay) the line may be drawn, if wanted
 * and the conditions above hold.  Call once per run, from one thread,
 * before the stages; progress_end stops it.
 */
void progress_begin(bool wanted);

/*
 * A new stage: what it does ("rendering pages"; a string that lives as
 * long as the run) and how many items it has (0: a stage without a count).
 * Its count starts at 0.
 */
void progress_stage(const char *what, size_t total);

/* One more item of the stage is done; safe from any thread. */
void progress_done(void);

/*
 * Erase the line and keep it from being drawn until progress_resume; the
 * caller then prints.  Pairs nest in no way: one pause, one resume, on
 * the same thread.
 */
void progress_pause(void);
void progress_resume(void);

/* Stop: erase the line, stop the drawing thread.  Safe to call twice. */
void progress_end(void);

#endif
