/*
 * check_external — the time limits of check_external_fetch, as
 * check_external.h promises them, against a server on 127.0.0.1 that takes
 * connections and never answers: each URL gives up after its own timeout,
 * and the whole run after its deadline, with the URLs left then unchecked
 * (no problem recorded) and one warning naming the first few.  The limits
 * are made short with check_external_set_limits so the suite stays fast.
 * (What answering servers give is tested in check_check.)
 */
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check/check_external.h"
#include "lib/buf.h"
#include "lib/util.h"
#include "harness.h"

#define NURLS 24

static int listener = -1;   /* listens and never accepts */
static int port;
static char urls[NURLS][64];

static void
setup(void)
{
	struct sockaddr_in addr;
	socklen_t len = sizeof(addr);
	int i;

	listener = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(listener, 0);
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(listener, (struct sockaddr *)&addr, sizeof(addr)), 0);
	ck_assert_int_eq(listen(listener, 64), 0);  /* the kernel completes them */
	ck_assert_int_eq(getsockname(listener, (struct sockaddr *)&addr, &len), 0);
	port = ntohs(addr.sin_port);
	for (i = 0; i < NURLS; i++)
		snprintf(urls[i], sizeof(urls[i]), "http://127.0.0.1:%d/p%d", port, i);
}

static void
teardown(void)
{
	close(listener);
	check_external_set_limits(0, 0);
}

/* Fetch the NURLS hanging URLs; *said gets the diagnostics (caller frees). */
static size_t
fetch_all(struct check_fetch *fetches, char **said, double *took)
{
	double t0 = util_now();
	size_t i, unchecked;

	for (i = 0; i < NURLS; i++)
		fetches[i].url = urls[i];
	harness_diags_begin();
	unchecked = check_external_fetch(fetches, NURLS);
	*said = harness_diags_end();
	*took = util_now() - t0;
	return unchecked;
}

/* Each URL has its own timeout; 24 of them, 8 at once, take 3 rounds. */
START_TEST(each_url_times_out)
{
	struct check_fetch fetches[NURLS];
	char *said;
	double took;
	size_t i;

	check_external_set_limits(0.3, 20);
	ck_assert_uint_eq(fetch_all(fetches, &said, &took), 0);
	ck_assert_str_eq(said, "");
	for (i = 0; i < NURLS; i++) {
		ck_assert_ptr_nonnull(fetches[i].problem);
		ck_assert_str_eq(fetches[i].problem, "did not answer within 0.3 s");
		free(fetches[i].problem);
	}
	ck_assert_msg(took >= 0.85 && took < 5, "took %.2f s", took);
	free(said);
}
END_TEST

/*
 * The whole run stops at its deadline, however many URLs are left: those in
 * flight and those not begun are not checked (no problem), and one warning
 * says so.
 */
START_TEST(the_run_stops_at_its_deadline)
{
	struct check_fetch fetches[NURLS];
	struct buf want = BUF_INIT;
	char *said;
	double took;
	size_t i;

	check_external_set_limits(30, 0.5);
	ck_assert_uint_eq(fetch_all(fetches, &said, &took), NURLS);
	for (i = 0; i < NURLS; i++) {
		ck_assert_ptr_null(fetches[i].problem);
		ck_assert_int_eq(fetches[i].status, 0);
	}
	buf_printf(&want, "mend: warning: 24 external URLs were not checked: "
	    "checking took more than 0.5 s in all ('%s', '%s', '%s', ... and "
	    "21 more) [external]\n", urls[0], urls[1], urls[2]);
	ck_assert_str_eq(said, buf_str(&want));
	ck_assert_msg(took >= 0.45 && took < 3, "took %.2f s", took);
	buf_free(&want);
	free(said);
}
END_TEST

static Suite *
external_suite(void)
{
	Suite *s = suite_create("external");
	TCase *tc = tcase_create("limits");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, each_url_times_out);
	tcase_add_test(tc, the_run_stops_at_its_deadline);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(external_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
