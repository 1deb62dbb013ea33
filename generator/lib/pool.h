/*
 * pool — run one function over the indices 0..n-1 on a few threads.
 *
 * The build renders and writes pages, and the checks read them, on every
 * core: each page is independent once the stage before has finished.
 * Threads take the next index from one atomic counter, so a slow page
 * holds up no one, and the calling thread works too.  The pool decides
 * nothing about order: a stage that reports problems files them per page
 * and emits them in page order afterwards (diag_hold), so the output does
 * not depend on the number of threads.
 */
#ifndef MEND_POOL_H
#define MEND_POOL_H

#include <stddef.h>

/* At most this many threads (pool_threads caps what is asked for). */
#define POOL_MAX_THREADS 64

/*
 * The threads to use when requested are asked for: requested itself when
 * positive, otherwise one per online core; always 1..POOL_MAX_THREADS.
 */
int pool_threads(int requested);

/*
 * Call fn(ctx, i) once for every i in [0, n), on up to threads threads
 * (this one among them; fewer when n is smaller, or when a thread cannot
 * be started), and return when every call has returned.  fn must be safe
 * to run on several threads at once for different i.
 */
void pool_run(size_t n, int threads, void (*fn)(void *ctx, size_t i),
    void *ctx);

#endif
