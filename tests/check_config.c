/*
 * config — what site.toml gives and what it makes mend say, as config.h
 * and the README's table promise: a minimal file gives the documented
 * defaults; a wrong type or a bad value is an error at the value's line
 * and column, and every problem is reported before the load fails;
 * unknown keys are warnings (with a suggestion when one is close); [check],
 * [safety], [[help]], [print] and [markdown] fill their fields;
 * config_set_base_url replaces the address (--base-url).  And base_url's
 * placeholders: every QR code and printed footer carries the address, so
 * a placeholder (example.org, a reserved name, a loopback address) is a
 * warning at base_url's line and column, or naming --base-url when that
 * set it; a real address says nothing.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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


/*
 * Load text as site.toml (config_load("site.toml") in a fresh folder, as
 * mend runs in the project folder).  Sets *cfg (NULL when the load
 * failed) and returns the diagnostics, one line each; caller frees both.
 */
static char *
load(const char *text, struct config **cfg)
{
	const char *root = harness_root();
	char *dir = harness_tmpdir(), *said;

	harness_write(dir, "site.toml", text);
	ck_assert_int_eq(chdir(dir), 0);
	harness_diags_begin();
	*cfg = config_load("site.toml");
	said = harness_diags_end();
	ck_assert_int_eq(chdir(root), 0);
	harness_rmtree(dir);
	free(dir);
	return said;
}

/* The diagnostics text gives, which must fail to load. */
static char *
load_fails(const char *text)
{
	struct config *cfg;
	char *said = load(text, &cfg);

	ck_assert_msg(cfg == NULL, "site.toml loaded:\n%s", text);
	return said;
}

/* Assert that text fails to load with exactly the diagnostics expected. */
#define ck_assert_refused(text, expected) do { \
	char *said_ = load_fails(text); \
	ck_assert_str_eq(said_, expected); \
	free(said_); \
} while (0)

#define MINIMAL "title = \"T\"\nbase_url = \"https://guide.org\"\n"

START_TEST(minimal_file_gives_the_defaults)
{
	struct config *cfg;
	char *said = load(MINIMAL, &cfg);

	ck_assert_str_eq(said, "");
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->path, "site.toml");
	ck_assert_str_eq(cfg->title, "T");
	ck_assert_str_eq(cfg->base_url, "https://guide.org/");  /* "/" added */
	ck_assert_int_eq(cfg->base_url_line, 2);
	ck_assert_int_eq(cfg->base_url_col, 12);
	ck_assert_ptr_null(cfg->base_url_from);
	ck_assert_str_eq(cfg->language, "en");
	ck_assert_str_eq(cfg->author, "");
	ck_assert_str_eq(cfg->description, "");
	ck_assert_str_eq(cfg->theme, "calm");
	ck_assert_int_eq(cfg->theme_line, 0);
	ck_assert_str_eq(cfg->output_dir, "public");
	ck_assert_str_eq(cfg->main_section, "steps");
	ck_assert(!cfg->markdown_unsafe);
	ck_assert_uint_eq(cfg->nhelp, 0);
	ck_assert_uint_eq(cfg->nchecks, 0);
	ck_assert_ptr_null(cfg->print.practice);
	ck_assert_uint_eq(cfg->print.ncontact, 0);
	ck_assert_int_eq(cfg->print.line, 0);
	ck_assert_str_eq(cfg->exit_url, CONFIG_EXIT_URL);
	ck_assert_str_eq(CONFIG_EXIT_URL, "https://www.bbc.co.uk/weather");
	free(said);
	config_free(cfg);
}
END_TEST

START_TEST(every_key_read)
{
	struct config *cfg;
	char *said = load(
	    "title = \"Rebuilding Trust\"\n"
	    "base_url = \"https://rebuildingtrust.org/guide/\"\n"
	    "language = \"en-GB\"\n"
	    "author = \"A. Author\"\n"
	    "description = \"A guide.\"\n"
	    "theme   = \"plain\"\n"
	    "output = \"site\"\n"
	    "main_section = \"path\"\n"
	    "[markdown]\nunsafe = true\n", &cfg);

	ck_assert_str_eq(said, "");
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->title, "Rebuilding Trust");
	ck_assert_str_eq(cfg->base_url, "https://rebuildingtrust.org/guide/");
	ck_assert_str_eq(cfg->language, "en-GB");
	ck_assert_str_eq(cfg->author, "A. Author");
	ck_assert_str_eq(cfg->description, "A guide.");
	ck_assert_str_eq(cfg->theme, "plain");
	ck_assert_int_eq(cfg->theme_line, 6);
	ck_assert_int_eq(cfg->theme_col, 11);
	ck_assert_str_eq(cfg->output_dir, "site");
	ck_assert_str_eq(cfg->main_section, "path");
	ck_assert(cfg->markdown_unsafe);
	free(said);
	config_free(cfg);
}
END_TEST

START_TEST(missing_or_unreadable_file)
{
	const char *root = harness_root();
	char *dir = harness_tmpdir(), *said;

	ck_assert_int_eq(chdir(dir), 0);
	harness_diags_begin();
	ck_assert_ptr_null(config_load("site.toml"));
	said = harness_diags_end();
	ck_assert_str_eq(said, "site.toml: error: not found: run mend in a project "
	    "folder (one that holds site.toml), or name one with -C DIR\n");
	free(said);
	/* A folder where the file should be: cannot read. */
	harness_write(dir, "site.toml/x", "");
	harness_diags_begin();
	ck_assert_ptr_null(config_load("site.toml"));
	said = harness_diags_end();
	ck_assert_str_eq(said, "site.toml: error: cannot read: Is a directory\n");
	free(said);
	ck_assert_int_eq(chdir(root), 0);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(malformed_toml_at_its_line)
{
	ck_assert_refused("title = \"T\"\nbase_url = \"https://guide.org/\n",
	    "site.toml:2:12: error: string is not closed\n");
	ck_assert_refused("title = \"T\xff\"\n",
	    "site.toml:1:11: error: invalid UTF-8\n");
}
END_TEST

START_TEST(required_keys)
{
	ck_assert_refused("base_url = \"https://guide.org/\"\n",
	    "site.toml: error: 'title' is missing: add title = \"...\"\n");
	ck_assert_refused("title = \"T\"\n",
	    "site.toml: error: 'base_url' is missing: add base_url = \"...\"\n");
	ck_assert_refused("",
	    "site.toml: error: 'title' is missing: add title = \"...\"\n"
	    "site.toml: error: 'base_url' is missing: add base_url = \"...\"\n");
}
END_TEST

START_TEST(wrong_types_at_the_value)
{
	static const struct {
		const char *text;
		const char *said;
	} cases[] = {
		{ "title = 5\n", "site.toml:3:9: error: 'title' must be a string, not an integer\n" },
		{ "base_url = true\n", "site.toml:3:12: error: 'base_url' must be a string, not a boolean\n" },
		{ "language = [\"en\"]\n", "site.toml:3:12: error: 'language' must be a string, not an array\n" },
		{ "author = 1.5\n", "site.toml:3:10: error: 'author' must be a string, not a float\n" },
		{ "description = 2024-01-01\n", "site.toml:3:15: error: 'description' must be a string, not a local date\n" },
		{ "theme = { name = \"calm\" }\n", "site.toml:3:9: error: 'theme' must be a string, not a table\n" },
		{ "output = 0\n", "site.toml:3:10: error: 'output' must be a string, not an integer\n" },
		{ "main_section = false\n", "site.toml:3:16: error: 'main_section' must be a string, not a boolean\n" },
		{ "markdown = true\n", "site.toml:3:12: error: 'markdown' must be a table ([markdown]), not a boolean\n" },
		{ "[markdown]\nunsafe = \"yes\"\n", "site.toml:4:10: error: 'markdown.unsafe' must be true or false, not a string\n" },
		{ "help = \"x\"\n", "site.toml:3:8: error: 'help' must be an array of tables ([[help]]), not a string\n" },
		{ "help = [1]\n", "site.toml:3:9: error: 'help' must be a table with name, phone and url, not an integer\n" },
		{ "check = 1\n", "site.toml:3:9: error: 'check' must be a table ([check]), not an integer\n" },
		{ "[check]\nlinks = 1\n", "site.toml:4:9: error: 'links' must be a string, not an integer\n" },
		{ "print = \"x\"\n", "site.toml:3:9: error: 'print' must be a table ([print]), not a string\n" },
		{ "[print]\npractice = 1\n", "site.toml:4:12: error: 'print.practice' must be a string, not an integer\n" },
		{ "[print]\ncontact = 1\n", "site.toml:4:11: error: 'print.contact' must be a string or an array of strings, not an integer\n" },
		{ "[print]\ncontact = [\"a\", 2]\n", "site.toml:4:17: error: 'print.contact' must be a string, not an integer\n" },
		{ "safety = 1\n", "site.toml:3:10: error: 'safety' must be a table ([safety]), not an integer\n" },
		{ "[safety]\nexit_url = 1\n", "site.toml:4:12: error: 'safety.exit_url' must be a string, not an integer\n" },
	};
	struct buf text = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *said;

		/* The required keys on lines 1 and 2 (but the one under
		   test), the case from line 3. */
		buf_reset(&text);
		if (strncmp(cases[i].text, "title ", 6) == 0)
			buf_puts(&text, "# title: below\nbase_url = \"https://guide.org\"\n");
		else if (strncmp(cases[i].text, "base_url ", 9) == 0)
			buf_puts(&text, "title = \"T\"\n# base_url: below\n");
		else
			buf_puts(&text, MINIMAL);
		buf_puts(&text, cases[i].text);
		said = load_fails(buf_str(&text));
		ck_assert_str_eq(said, cases[i].said);
		free(said);
	}
	buf_free(&text);
}
END_TEST

START_TEST(bad_values_at_the_value)
{
	ck_assert_refused("title = \"T\"\nbase_url = \"/guide/\"\n",
	    "site.toml:2:12: error: 'base_url' must be an absolute http or https "
	    "URL, like \"https://example.org/\"\n");
	ck_assert_refused("title = \"T\"\nbase_url = \"ftp://guide.org/\"\n",
	    "site.toml:2:12: error: 'base_url' must be an absolute http or https "
	    "URL, like \"https://example.org/\"\n");
	ck_assert_refused("title = \"T\"\nbase_url = \"https://\"\n",
	    "site.toml:2:12: error: 'base_url' must be an absolute http or https "
	    "URL, like \"https://example.org/\"\n");
	ck_assert_refused(MINIMAL "theme = \"\"\n",
	    "site.toml:3:9: error: 'theme' is empty\n");
	ck_assert_refused(MINIMAL "output = \"\"\n",
	    "site.toml:3:10: error: 'output' is empty\n");
	ck_assert_refused(MINIMAL "language = \"\"\n",
	    "site.toml:3:12: error: 'language' is empty\n");
	/* An empty title is "empty", not "missing". */
	ck_assert_refused("title = \"\"\nbase_url = \"https://guide.org/\"\n",
	    "site.toml:1:9: error: 'title' is empty\n");
	/* TOML allows \u0000; mend's reader refuses it, at the escape. */
	ck_assert_refused(MINIMAL "author = \"a\\u0000b\"\n",
	    "site.toml:3:12: error: a NUL character ('\\u0000') cannot be used "
	    "in a string or a key\n");
}
END_TEST

START_TEST(every_problem_reported)
{
	/* Not only the first: each bad value, then the missing key. */
	ck_assert_refused("title = 1\ntheme = \"\"\n[check]\nlinks = \"loud\"\n",
	    "site.toml:1:9: error: 'title' must be a string, not an integer\n"
	    "site.toml:2:9: error: 'theme' is empty\n"
	    "site.toml:4:9: error: check 'links' must be \"off\", \"warning\" or "
	    "\"error\", not \"loud\"\n"
	    "site.toml: error: 'base_url' is missing: add base_url = \"...\"\n");
}
END_TEST

START_TEST(unknown_keys_are_warnings)
{
	struct config *cfg;
	char *said = load(MINIMAL
	    "titel = \"x\"\n"
	    "colour = \"blue\"\n"
	    "[markdown]\nunsafe = false\nunsave = true\nsmart = true\n"
	    "[params]\nx = 1\n"
	    "[safety]\nexit-url = \"https://a.org/\"\n"
	    "[print]\npractise = \"P\"\ncontacts = \"c\"\nlogo = \"x.png\"\n"
	    "[[help]]\nname = \"N\"\nemail = \"n@a.org\"\n", &cfg);

	ck_assert_ptr_nonnull(cfg);  /* warnings only: the load succeeds */
	ck_assert_str_eq(said,
	    "site.toml:3:9: warning: unknown key 'titel' (did you mean 'title'?)\n"
	    "site.toml:4:10: warning: unknown key 'colour'\n"
	    "site.toml:7:10: warning: unknown key 'markdown.unsave' (did you mean "
	    "'markdown.unsafe'?)\n"
	    "site.toml:8:9: warning: unknown key 'markdown.smart'\n"
	    "site.toml:9:1: warning: unknown key 'params'\n"
	    "site.toml:12:12: warning: unknown key 'safety.exit-url' (did you mean "
	    "'safety.exit_url'?)\n"
	    "site.toml:14:12: warning: unknown key 'print.practise' (did you mean "
	    "'print.practice'?)\n"
	    "site.toml:15:12: warning: unknown key 'print.contacts' (did you mean "
	    "'print.contact'?)\n"
	    "site.toml:16:8: warning: unknown key 'print.logo'\n"
	    "site.toml:19:9: warning: unknown key 'help.email'\n");
	ck_assert_ptr_null(cfg->print.practice);  /* practise was not taken */
	ck_assert_str_eq(cfg->exit_url, CONFIG_EXIT_URL);
	free(said);
	config_free(cfg);
}
END_TEST

START_TEST(check_levels)
{
	struct config *cfg;
	char *said = load(MINIMAL "[check]\nlinks = \"warning\"\n"
	    "reachability =  \"off\"\nstructure = \"error\"\n", &cfg);

	ck_assert_str_eq(said, "");
	ck_assert_ptr_nonnull(cfg);
	ck_assert_uint_eq(cfg->nchecks, 3);
	ck_assert_str_eq(cfg->checks[0].name, "links");
	ck_assert_str_eq(cfg->checks[0].level, "warning");
	ck_assert_int_eq(cfg->checks[0].line, 4);
	ck_assert_int_eq(cfg->checks[0].col, 9);
	ck_assert_str_eq(cfg->checks[1].name, "reachability");
	ck_assert_str_eq(cfg->checks[1].level, "off");
	ck_assert_int_eq(cfg->checks[1].line, 5);
	ck_assert_int_eq(cfg->checks[1].col, 17);
	ck_assert_str_eq(cfg->checks[2].name, "structure");
	ck_assert_str_eq(cfg->checks[2].level, "error");
	free(said);
	config_free(cfg);
	/* Names are as written: the build, not config, knows the checks. */
	said = load(MINIMAL "[check]\nspelling = \"off\"\n", &cfg);
	ck_assert_str_eq(said, "");
	ck_assert_uint_eq(cfg->nchecks, 1);
	ck_assert_str_eq(cfg->checks[0].name, "spelling");
	free(said);
	config_free(cfg);
	ck_assert_refused(MINIMAL "[check]\nlinks = \"Warning\"\n",
	    "site.toml:4:9: error: check 'links' must be \"off\", \"warning\" or "
	    "\"error\", not \"Warning\"\n");
}
END_TEST

START_TEST(safety_exit_url)
{
	struct config *cfg;
	char *said = load(MINIMAL "[safety]\nexit_url = \"https://www.google.com/\"\n",
	    &cfg);

	ck_assert_str_eq(said, "");
	ck_assert_str_eq(cfg->exit_url, "https://www.google.com/");
	free(said);
	config_free(cfg);
	/* An empty [safety] keeps the neutral default. */
	said = load(MINIMAL "[safety]\n", &cfg);
	ck_assert_str_eq(said, "");
	ck_assert_str_eq(cfg->exit_url, CONFIG_EXIT_URL);
	free(said);
	config_free(cfg);
	ck_assert_refused(MINIMAL "[safety]\nexit_url = \"/weather\"\n",
	    "site.toml:4:12: error: 'safety.exit_url' must be an absolute http or "
	    "https URL, like \"https://www.bbc.co.uk/weather\" (the neutral page "
	    "\"Exit this page\" leaves for)\n");
	ck_assert_refused(MINIMAL "[safety]\nexit_url = \"javascript:history.back()\"\n",
	    "site.toml:4:12: error: 'safety.exit_url' must be an absolute http or "
	    "https URL, like \"https://www.bbc.co.uk/weather\" (the neutral page "
	    "\"Exit this page\" leaves for)\n");
}
END_TEST

START_TEST(help_lines)
{
	struct config *cfg;
	char *said = load(MINIMAL
	    "[[help]]\nname = \"National Helpline\"\nphone = \"0808 2000 247\"\n"
	    "url = \"https://helpline.org.uk/\"\n"
	    "[[help]]\nname = \"Samaritans\"\n", &cfg);

	ck_assert_str_eq(said, "");
	ck_assert_uint_eq(cfg->nhelp, 2);
	ck_assert_str_eq(cfg->help[0].name, "National Helpline");
	ck_assert_str_eq(cfg->help[0].phone, "0808 2000 247");
	ck_assert_str_eq(cfg->help[0].url, "https://helpline.org.uk/");
	ck_assert_str_eq(cfg->help[1].name, "Samaritans");
	ck_assert_ptr_null(cfg->help[1].phone);
	ck_assert_ptr_null(cfg->help[1].url);
	free(said);
	config_free(cfg);
	ck_assert_refused(MINIMAL "[[help]]\nphone = \"116 123\"\n",
	    "site.toml:3:1: error: a [[help]] entry needs a name\n");
	ck_assert_refused(MINIMAL "[[help]]\nname = \"\"\n",
	    "site.toml:3:1: error: a [[help]] entry needs a name\n");
	ck_assert_refused(MINIMAL "[[help]]\nname = \"N\"\nphone = 116123\n",
	    "site.toml:5:9: error: 'phone' must be a string, not an integer\n");
}
END_TEST

START_TEST(print_settings)
{
	struct config *cfg;
	char *said = load(MINIMAL "\n[print]\npractice = \"The Practice\"\n"
	    "contact = [\"1 High Street\", \"\", \"01234 567890\"]\n", &cfg);

	ck_assert_str_eq(said, "");
	ck_assert_str_eq(cfg->print.practice, "The Practice");
	ck_assert_int_eq(cfg->print.line, 4);
	ck_assert_uint_eq(cfg->print.ncontact, 2);  /* empty lines left out */
	ck_assert_str_eq(cfg->print.contact[0], "1 High Street");
	ck_assert_str_eq(cfg->print.contact[1], "01234 567890");
	free(said);
	config_free(cfg);
	said = load(MINIMAL "[print]\ncontact = \"one line\"\npractice = \"\"\n", &cfg);
	ck_assert_str_eq(said, "");
	ck_assert_ptr_null(cfg->print.practice);
	ck_assert_uint_eq(cfg->print.ncontact, 1);
	ck_assert_str_eq(cfg->print.contact[0], "one line");
	free(said);
	config_free(cfg);
	ck_assert_refused(MINIMAL "[print]\npractice = \"A\\nB\"\n",
	    "site.toml:4:12: error: 'print.practice' is one line: put addresses "
	    "and phone numbers in print.contact\n");
	ck_assert_refused(MINIMAL "[print]\ncontact = \"A\\nB\"\n",
	    "site.toml:4:11: error: 'print.contact' lines are one line each: give "
	    "several lines as an array, contact = [\"...\", \"...\"]\n");
}
END_TEST

START_TEST(set_base_url)
{
	struct config *cfg;
	char *said = load(MINIMAL, &cfg);

	free(said);
	harness_diags_begin();
	ck_assert_int_eq(config_set_base_url(cfg, "https://other.org/guide",
	    "--base-url"), 0);
	ck_assert_str_eq(cfg->base_url, "https://other.org/guide/");
	ck_assert_str_eq(cfg->base_url_from, "--base-url");
	/* A bad one is refused and the address stays. */
	ck_assert_int_eq(config_set_base_url(cfg, "other.org", "--base-url"), -1);
	ck_assert_str_eq(cfg->base_url, "https://other.org/guide/");
	said = harness_diags_end();
	ck_assert_str_eq(said, "mend: error: --base-url 'other.org' is not an absolute "
	    "http or https URL, like https://example.org/\n");
	free(said);
	config_free(cfg);
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
	tc = tcase_create("defaults");
	tcase_add_test(tc, minimal_file_gives_the_defaults);
	tcase_add_test(tc, every_key_read);
	suite_add_tcase(s, tc);
	tc = tcase_create("errors");
	tcase_add_test(tc, missing_or_unreadable_file);
	tcase_add_test(tc, malformed_toml_at_its_line);
	tcase_add_test(tc, required_keys);
	tcase_add_test(tc, wrong_types_at_the_value);
	tcase_add_test(tc, bad_values_at_the_value);
	tcase_add_test(tc, every_problem_reported);
	tcase_add_test(tc, unknown_keys_are_warnings);
	suite_add_tcase(s, tc);
	tc = tcase_create("tables");
	tcase_add_test(tc, check_levels);
	tcase_add_test(tc, safety_exit_url);
	tcase_add_test(tc, help_lines);
	tcase_add_test(tc, print_settings);
	suite_add_tcase(s, tc);
	tc = tcase_create("base_url option");
	tcase_add_test(tc, set_base_url);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(config_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
