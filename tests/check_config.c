/*
 * config — what site.toml's base_url makes mend say.  Every QR code and
 * printed footer carries the address, so a placeholder (example.org, a
 * reserved name, a loopback address) is a warning at base_url's line and
 * column, or naming --base-url when that set it; a real address says
 * nothing.  (The rest of site.toml is tested end to end by check_build's
 * cases.)
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "site/config.h"
#include "lib/diag.h"
#include "harness.h"
#include "lib/util.h"

START_TEST(placeholder_hosts)
{
	static const char *const placeholders[] = {
		"https://example.org/", "https://example.com/", "http://example.net",
		"https://www.example.org/guide/", "https://EXAMPLE.COM:8443/",
		"https://guide.example/", "https://site.test/", "https://a.b.invalid/",
		"http://localhost/", "http://localhost:8080/", "http://LocalHost./",
		"http://app.localhost/", "http://127.0.0.1/", "http://127.1.2.3:8000/",
		"http://[::1]/", "http://[::1]:8080/x", "http://[0:0:0:0:0:0:0:1]/",
		"https://user:pw@example.org/", "https://example/",
	};
	static const char *const real[] = {
		"https://rebuildingtrust.org/", "https://example.org.uk/",
		"https://myexample.org/", "https://example.organic/",
		"https://counselling.example-practice.com/", "https://test.org/",
		"https://localhost.org/", "http://128.0.0.1/", "http://10.0.0.1/",
		"http://[::2]/", "https://testing.net/guide?x=example.org",
		"https://guide.org/#example.org",
	};
	size_t i;

	for (i = 0; i < sizeof(placeholders) / sizeof(placeholders[0]); i++)
		ck_assert_msg(config_url_is_placeholder(placeholders[i]),
		    "%s is a placeholder", placeholders[i]);
	for (i = 0; i < sizeof(real) / sizeof(real[0]); i++)
		ck_assert_msg(!config_url_is_placeholder(real[i]),
		    "%s is not a placeholder", real[i]);
}
END_TEST

/* The diagnostics a sink received, one "FILE:LINE:COL: message" a line. */
static void
collect(const struct diag *d, void *ctx)
{
	buf_printf(ctx, "%s:%d:%d: %s\n", d->file ? d->file : "-", d->line, d->col,
	    d->message);
}

/* Load site.toml holding text (in a fresh folder), set --base-url to
   option unless NULL, and return what config_warn_placeholder said. */
static char *
warnings_for(const char *text, const char *option)
{
	char *dir = harness_tmpdir(), path[4200];
	struct buf said = BUF_INIT;
	struct config *cfg;

	harness_write(dir, "site.toml", text);
	snprintf(path, sizeof(path), "%s/site.toml", dir);
	cfg = config_load(path);
	ck_assert_ptr_nonnull(cfg);
	if (option != NULL)
		ck_assert_int_eq(config_set_base_url(cfg, option, "--base-url"), 0);
	diag_set_sink(collect, &said);
	config_warn_placeholder(cfg);
	diag_set_sink(NULL, NULL);
	config_free(cfg);
	harness_rmtree(dir);
	free(dir);
	/* The folder differs from run to run: keep what follows it. */
	if (strncmp(buf_str(&said), path, strlen(path)) == 0) {
		char *rest = xstrdup(buf_str(&said) + strlen(path) - strlen("site.toml"));

		buf_free(&said);
		return rest;
	}
	return buf_detach(&said);
}

START_TEST(placeholder_warns_at_base_url)
{
	char *said;

	said = warnings_for("title = \"T\"\n\n  base_url =  \"https://example.org\"\n",
	    NULL);
	ck_assert_str_eq(said, "site.toml:3:15: base_url 'https://example.org/' is a "
	    "placeholder address: every QR code and printed page footer carries it; "
	    "set base_url to the address the site will be published at (or pass "
	    "--base-url)\n");
	free(said);
	said = warnings_for("title = \"T\"\nbase_url = \"https://rebuildingtrust.org/\"\n",
	    NULL);
	ck_assert_str_eq(said, "");
	free(said);
}
END_TEST

START_TEST(base_url_option_is_checked_instead)
{
	char *said;

	/* A real address on the command line silences site.toml's placeholder. */
	said = warnings_for("title = \"T\"\nbase_url = \"https://example.org/\"\n",
	    "https://rebuildingtrust.org");
	ck_assert_str_eq(said, "");
	free(said);
	/* A placeholder there is named as the option's. */
	said = warnings_for("title = \"T\"\nbase_url = \"https://rebuildingtrust.org/\"\n",
	    "http://localhost:1313");
	ck_assert_str_eq(said, "-:0:0: --base-url 'http://localhost:1313/' is a "
	    "placeholder address: every QR code and printed page footer carries it; "
	    "pass the address the site will be published at\n");
	free(said);
}
END_TEST

static Suite *
config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("base_url");

	tcase_add_test(tc, placeholder_hosts);
	tcase_add_test(tc, placeholder_warns_at_base_url);
	tcase_add_test(tc, base_url_option_is_checked_instead);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(config_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
