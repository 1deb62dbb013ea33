/*
 * pool — a worker pool over indices.  See pool.h.
 */
#include "lib/pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

/* Work shared by the threads of one pool_run. */
struct pool {
	atomic_size_t next;              /* the next i to take */
	size_t n;                        /* the end of the work */
	void (*fn)(void *ctx, size_t i); /* what to do with each i */
	void *ctx;                       /* what fn needs */
};

static void *
pool_worker(void *arg)
{
	struct pool *p = arg;
	size_t i;

	while ((i = atomic_fetch_add(&p->next, 1)) < p->n)
		p->fn(p->ctx, i);
	return NULL;
}

int
pool_threads(int requested)
{
	long n = requested > 0 ? requested : sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		n = 1;
	return n > POOL_MAX_THREADS ? POOL_MAX_THREADS : (int)n;
}

void
pool_run(size_t n, int threads, void (*fn)(void *, size_t), void *ctx)
{
	pthread_t tids[POOL_MAX_THREADS];
	struct pool p;
	int i, started = 0;

	atomic_init(&p.next, 0);
	p.n = n;
	p.fn = fn;
	p.ctx = ctx;
	if (threads > POOL_MAX_THREADS)
		threads = POOL_MAX_THREADS;
	if ((size_t)threads > n)
		threads = (int)n;
	for (i = 1; i < threads; i++)  /* this thread is the first worker */
		if (pthread_create(&tids[started], NULL, pool_worker, &p) == 0)
			started++;
	pool_worker(&p);
	for (i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
}
