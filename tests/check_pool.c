/*
 * pool as the stages use it (pool.h): how many threads pool_threads
 * chooses for what is asked, and pool_run calling fn exactly once for
 * every index on one thread and on many, with no work, with fewer indices
 * than threads, with more threads than the pool allows, and really on
 * several threads at once, returning only when every call has returned.
 */
#include <check.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "lib/pool.h"
#include "lib/util.h"

/* One online core per thread when nothing is asked for, within 1..64. */
static int
cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > POOL_MAX_THREADS ? POOL_MAX_THREADS : (int)n;
}

START_TEST(threads_chosen_for_what_is_asked)
{
	ck_assert_int_eq(pool_threads(1), 1);
	ck_assert_int_eq(pool_threads(3), 3);
	ck_assert_int_eq(pool_threads(POOL_MAX_THREADS), POOL_MAX_THREADS);
	ck_assert_int_eq(pool_threads(POOL_MAX_THREADS + 1), POOL_MAX_THREADS);
	ck_assert_int_eq(pool_threads(1000), POOL_MAX_THREADS);
	ck_assert_int_eq(pool_threads(INT_MAX), POOL_MAX_THREADS);
	ck_assert_int_eq(pool_threads(0), cores());
	ck_assert_int_eq(pool_threads(-1), cores());
	ck_assert_int_eq(pool_threads(INT_MIN), cores());
	ck_assert_int_ge(pool_threads(0), 1);
	ck_assert_int_le(pool_threads(0), POOL_MAX_THREADS);
}
END_TEST

#define MAX_CALLS 5000

/* What the calls did: how often each index came, and on which threads. */
struct calls {
	size_t n;                       /* the indices given to pool_run */
	atomic_int count[MAX_CALLS];    /* calls for each index */
	atomic_size_t total;            /* every call, whatever its index */
	pthread_t thread[MAX_CALLS];    /* the thread of each index's call */
	atomic_int done[MAX_CALLS];     /* set as each call returns */
};

static struct calls *
calls_new(size_t n)
{
	struct calls *c = xcalloc(1, sizeof(*c));
	size_t i;

	c->n = n;
	for (i = 0; i < MAX_CALLS; i++) {
		atomic_init(&c->count[i], 0);
		atomic_init(&c->done[i], 0);
	}
	atomic_init(&c->total, 0);
	return c;
}

static void
count_call(void *ctx, size_t i)
{
	struct calls *c = ctx;

	atomic_fetch_add(&c->total, 1);
	if (i >= MAX_CALLS)
		return;  /* out of range: counted in total only */
	atomic_fetch_add(&c->count[i], 1);
	c->thread[i] = pthread_self();
	if (i % 97 == 0) {  /* a few slow calls, that pool_run must wait for */
		struct timespec ms = { 0, 1000000 };

		nanosleep(&ms, NULL);
	}
	atomic_store(&c->done[i], 1);
}

/* Every index in [0, n) once, nothing else; each call had returned. */
static void
assert_each_once(struct calls *c)
{
	size_t i, total = atomic_load(&c->total);

	ck_assert_uint_eq(total, c->n);
	for (i = 0; i < c->n; i++) {
		ck_assert_msg(atomic_load(&c->count[i]) == 1,
		    "index %zu called %d times", i, atomic_load(&c->count[i]));
		ck_assert_msg(atomic_load(&c->done[i]) == 1,
		    "call %zu had not returned", i);
	}
}

/* How many different threads made the calls. */
static size_t
threads_used(const struct calls *c)
{
	size_t i, j, distinct = 0;

	for (i = 0; i < c->n; i++) {
		for (j = 0; j < i; j++)
			if (pthread_equal(c->thread[i], c->thread[j]))
				break;
		distinct += j == i;
	}
	return distinct;
}

START_TEST(one_thread_calls_each_once_on_the_caller)
{
	struct calls *c = calls_new(1000);
	size_t i;

	pool_run(c->n, 1, count_call, c);
	assert_each_once(c);
	for (i = 0; i < c->n; i++)
		ck_assert(pthread_equal(c->thread[i], pthread_self()));
	free(c);
}
END_TEST

START_TEST(many_threads_call_each_once)
{
	int threads[] = { 2, 4, 16, POOL_MAX_THREADS };
	size_t k;

	for (k = 0; k < sizeof(threads) / sizeof(threads[0]); k++) {
		struct calls *c = calls_new(MAX_CALLS);

		pool_run(c->n, threads[k], count_call, c);
		assert_each_once(c);
		free(c);
	}
}
END_TEST

/* More threads than allowed: capped, and still each index once. */
START_TEST(more_threads_than_allowed)
{
	struct calls *c = calls_new(5000);

	pool_run(c->n, 1000, count_call, c);
	assert_each_once(c);
	free(c);
}
END_TEST

START_TEST(no_work_calls_nothing)
{
	struct calls *c = calls_new(0);
	size_t total;

	pool_run(0, 1, count_call, c);
	pool_run(0, 8, count_call, c);
	pool_run(0, POOL_MAX_THREADS, count_call, c);
	total = atomic_load(&c->total);
	ck_assert_uint_eq(total, 0);
	free(c);
}
END_TEST

/* Fewer indices than threads: each once, on no more threads than calls. */
START_TEST(fewer_indices_than_threads)
{
	size_t sizes[] = { 1, 2, 3, 7 };
	size_t k;

	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		struct calls *c = calls_new(sizes[k]);

		pool_run(c->n, 8, count_call, c);
		assert_each_once(c);
		ck_assert_uint_le(threads_used(c), c->n);
		free(c);
	}
}
END_TEST

/* Two calls that each wait for the other to start: they finish only if
   two threads run them at once. */
struct meeting {
	atomic_int arrived;    /* calls that have started */
	atomic_int met;        /* calls that saw the other one */
	pthread_t thread[2];   /* who ran each */
};

static void
meet(void *ctx, size_t i)
{
	struct meeting *m = ctx;
	struct timespec ms = { 0, 1000000 };
	int waited;

	m->thread[i] = pthread_self();
	atomic_fetch_add(&m->arrived, 1);
	for (waited = 0; waited < 3000; waited++) {  /* 3 s at most */
		if (atomic_load(&m->arrived) == 2) {
			atomic_fetch_add(&m->met, 1);
			return;
		}
		nanosleep(&ms, NULL);
	}
}

START_TEST(calls_run_on_several_threads_at_once)
{
	struct meeting m;
	int arrived, met;

	memset(&m, 0, sizeof(m));
	atomic_init(&m.arrived, 0);
	atomic_init(&m.met, 0);
	pool_run(2, 2, meet, &m);
	arrived = atomic_load(&m.arrived);
	met = atomic_load(&m.met);
	ck_assert_int_eq(arrived, 2);
	ck_assert_int_eq(met, 2);  /* each saw the other running */
	ck_assert(!pthread_equal(m.thread[0], m.thread[1]));
}
END_TEST

static Suite *
pool_suite(void)
{
	Suite *s = suite_create("pool");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, threads_chosen_for_what_is_asked);
	tcase_add_test(tc, one_thread_calls_each_once_on_the_caller);
	tcase_add_test(tc, many_threads_call_each_once);
	tcase_add_test(tc, more_threads_than_allowed);
	tcase_add_test(tc, no_work_calls_nothing);
	tcase_add_test(tc, fewer_indices_than_threads);
	tcase_add_test(tc, calls_run_on_several_threads_at_once);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(pool_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
