/*
 * diag as a user reads it and as the stages use it (diag.h): the text
 * format "FILE:LINE:COL: severity: message [check]" with what is left out
 * when the line or column is unknown, the JSON lines of --format json,
 * colour on, off and decided from the terminal and NO_COLOR, the counts
 * and the summary's words, diag_say, a sink in place of stderr, and
 * diagnostics held per page while pages are worked on in parallel, then
 * released in page order, each exactly once.
 *
 * Standard error is captured by pointing file descriptor 2 at a file (or a
 * pseudo-terminal) for the length of a test; check runs each test in its
 * own process, so nothing leaks into the next.
 */
#include <check.h>
#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/pool.h"
#include "lib/util.h"

static int saved_stderr = -1;  /* the real stderr while one is captured */
static int captured = -1;      /* the file stderr goes to meanwhile */

/* From now on, what goes to stderr is kept instead of printed. */
static void
stderr_begin(void)
{
	char path[] = "/tmp/mend-diag-XXXXXX";

	fflush(stderr);
	captured = mkstemp(path);
	ck_assert_int_ge(captured, 0);
	unlink(path);
	saved_stderr = dup(STDERR_FILENO);
	ck_assert_int_ge(saved_stderr, 0);
	ck_assert_int_ge(dup2(captured, STDERR_FILENO), 0);
}

/* Stop keeping stderr; what was written to it (caller frees). */
static char *
stderr_end(void)
{
	struct buf text = BUF_INIT;
	char chunk[4096];
	ssize_t n;

	fflush(stderr);
	dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	lseek(captured, 0, SEEK_SET);
	while ((n = read(captured, chunk, sizeof(chunk))) > 0)
		buf_put(&text, chunk, (size_t)n);
	close(captured);
	return buf_detach(&text);
}

/* Report one of each kind of position, and a check's name with a URL. */
static void
report_positions(void)
{
	diag_error("content/steps/calm.md", 12, 5, "link target '%s' not found",
	    "x");
	diag_error("content/steps/calm.md", 12, 0, "no column");
	diag_warning("site.toml", 0, 7, "a column without a line is %s",
	    "not shown");
	diag_error(NULL, 3, 4, "no file: neither line nor column");
	diag_warning(NULL, 0, 0, "%d%% of nothing", 50);
	diag_report(DIAG_NOTE, "links", "public/x/index.html", 2, 1, "/x/",
	    "a note from a check");
	diag_report(DIAG_ERROR, NULL, "themes/calm/page.html", 9, 0, NULL,
	    "no check name");
}

START_TEST(text_gives_file_line_column_severity_message)
{
	char *err;

	diag_setup(DIAG_FORMAT_TEXT, 0);
	stderr_begin();
	report_positions();
	err = stderr_end();
	ck_assert_text(err,
	    "content/steps/calm.md:12:5: error: link target 'x' not found\n"
	    "content/steps/calm.md:12: error: no column\n"
	    "site.toml: warning: a column without a line is not shown\n"
	    "mend: error: no file: neither line nor column\n"
	    "mend: warning: 50% of nothing\n"
	    "public/x/index.html:2:1: note: a note from a check [links]\n"
	    "themes/calm/page.html:9: error: no check name\n");
	free(err);
}
END_TEST

/* Colour on: the place in bold, the severity in its colour. */
START_TEST(colour_on_marks_place_and_severity)
{
	char *err;

	diag_setup(DIAG_FORMAT_TEXT, 1);
	stderr_begin();
	diag_error("a.md", 1, 2, "bad");
	diag_warning(NULL, 0, 0, "odd");
	diag_report(DIAG_NOTE, "links", "b.html", 3, 0, NULL, "see");
	err = stderr_end();
	ck_assert_text(err,
	    "\033[1ma.md:1:2: \033[1;31merror:\033[0m bad\n"
	    "\033[1mmend: \033[1;35mwarning:\033[0m odd\n"
	    "\033[1mb.html:3: \033[1;36mnote:\033[0m see [links]\n");
	free(err);
}
END_TEST

/* Colour decided from stderr: a file never gets it. */
START_TEST(colour_decided_for_a_file_is_off)
{
	char *err;

	unsetenv("NO_COLOR");
	stderr_begin();
	diag_setup(DIAG_FORMAT_TEXT, -1);
	diag_error("a.md", 1, 2, "bad");
	err = stderr_end();
	ck_assert_str_eq(err, "a.md:1:2: error: bad\n");
	free(err);
}
END_TEST

/*
 * Colour decided on a terminal: with NO_COLOR unset or empty it is on,
 * with NO_COLOR set to anything it is off.  The terminal is a pseudo-
 * terminal in raw mode (so "\n" is not turned into "\r\n").
 */
static char *
on_a_terminal(const char *no_color)
{
	struct buf text = BUF_INIT;
	struct pollfd pfd;
	struct termios raw;
	char chunk[512];
	int master, slave, saved;
	ssize_t n;

	master = posix_openpt(O_RDWR | O_NOCTTY);
	ck_assert_int_ge(master, 0);
	ck_assert_int_eq(grantpt(master), 0);
	ck_assert_int_eq(unlockpt(master), 0);
	slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	ck_assert_int_ge(slave, 0);
	ck_assert_int_eq(tcgetattr(slave, &raw), 0);
	cfmakeraw(&raw);
	ck_assert_int_eq(tcsetattr(slave, TCSANOW, &raw), 0);
	if (no_color == NULL)
		unsetenv("NO_COLOR");
	else
		setenv("NO_COLOR", no_color, 1);
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	dup2(slave, STDERR_FILENO);
	diag_setup(DIAG_FORMAT_TEXT, -1);
	diag_error("a.md", 1, 2, "bad");
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	pfd.fd = master;
	pfd.events = POLLIN;
	while (poll(&pfd, 1, 500) > 0 && (n = read(master, chunk,
	    sizeof(chunk))) > 0) {
		buf_put(&text, chunk, (size_t)n);
		if (strchr(buf_str(&text), '\n') != NULL)
			break;
	}
	close(slave);
	close(master);
	return buf_detach(&text);
}

START_TEST(colour_decided_on_a_terminal_follows_no_color)
{
	const char *coloured = "\033[1ma.md:1:2: \033[1;31merror:\033[0m bad\n";
	char *err;

	err = on_a_terminal(NULL);
	ck_assert_str_eq(err, coloured);
	free(err);
	err = on_a_terminal("");
	ck_assert_str_eq(err, coloured);
	free(err);
	err = on_a_terminal("1");
	ck_assert_str_eq(err, "a.md:1:2: error: bad\n");
	free(err);
}
END_TEST

/* The JSON object of one line; fails the test when it is not one. */
static json_t *
json_line(const char *line, size_t len)
{
	json_error_t error;
	json_t *obj = json_loadb(line, len, 0, &error);

	ck_assert_msg(obj != NULL && json_is_object(obj),
	    "not a JSON object: %.*s (%s)", (int)len, line, error.text);
	return obj;
}

static void
assert_member(const json_t *obj, const char *key, const char *want)
{
	const json_t *v = json_object_get(obj, key);

	if (want == NULL)
		ck_assert_msg(v == NULL, "'%s' should be absent", key);
	else
		ck_assert_msg(json_is_string(v) &&
		    strcmp(json_string_value(v), want) == 0,
		    "'%s' is not \"%s\"", key, want);
}

/* --format json: one object per line, with the fields the README names
   (severity, file, line, column, message), and check and url when known. */
START_TEST(json_gives_one_object_a_line)
{
	static const struct {
		const char *severity, *check, *file, *url, *message;
		int line, col;
	} want[] = {
		{ "error", NULL, "content/steps/calm.md", NULL,
		    "link target 'x' not found", 12, 5 },
		{ "error", NULL, "content/steps/calm.md", NULL, "no column", 12, 0 },
		{ "warning", NULL, "site.toml", NULL,
		    "a column without a line is not shown", 0, 7 },
		{ "error", NULL, NULL, NULL, "no file: neither line nor column",
		    3, 4 },
		{ "warning", NULL, NULL, NULL, "50% of nothing", 0, 0 },
		{ "note", "links", "public/x/index.html", "/x/",
		    "a note from a check", 2, 1 },
		{ "error", NULL, "themes/calm/page.html", NULL, "no check name",
		    9, 0 },
		{ "error", NULL, "caf\xc3\xa9.md", NULL,
		    "quote \" and backslash \\ and tab \t kept", 1, 1 },
	};
	const char *line;
	char *err;
	size_t i = 0;

	diag_setup(DIAG_FORMAT_JSON, 1);  /* colour never reaches JSON */
	stderr_begin();
	report_positions();
	diag_error("caf\xc3\xa9.md", 1, 1, "%s",
	    "quote \" and backslash \\ and tab \t kept");
	diag_say("not in JSON output");
	diag_summary();  /* nor this */
	err = stderr_end();
	for (line = err; *line != '\0'; i++) {
		size_t len = strcspn(line, "\n");
		json_t *obj;

		ck_assert_int_eq(line[len], '\n');
		ck_assert_uint_lt(i, sizeof(want) / sizeof(want[0]));
		obj = json_line(line, len);
		assert_member(obj, "severity", want[i].severity);
		assert_member(obj, "check", want[i].check);
		assert_member(obj, "url", want[i].url);
		assert_member(obj, "message", want[i].message);
		if (want[i].file == NULL)
			ck_assert(json_is_null(json_object_get(obj, "file")));
		else
			assert_member(obj, "file", want[i].file);
		ck_assert_int_eq(json_integer_value(json_object_get(obj, "line")),
		    want[i].line);
		ck_assert_int_eq(json_integer_value(json_object_get(obj,
		    "column")), want[i].col);
		ck_assert_uint_eq(json_object_size(obj),
		    5 + (want[i].check != NULL) + (want[i].url != NULL));
		json_decref(obj);
		line += len + 1;
	}
	ck_assert_uint_eq(i, sizeof(want) / sizeof(want[0]));
	free(err);
}
END_TEST

/* A diagnostic with a hint (d.hint): text gives it as a note at the same
   place on the next line, as compilers do (escaped like the message, and
   without the check's name); JSON as its "hint" member; a held one keeps
   its own copy until it is released. */
START_TEST(a_hint_is_a_note_line_and_a_json_member)
{
	struct diag_held held = DIAG_HELD_INIT;
	struct diag d;
	char hint[64], *err;
	json_t *obj;

	memset(&d, 0, sizeof(d));
	d.severity = DIAG_ERROR;
	d.check = "links";
	d.file = "content/steps/two.md";
	d.line = 7;
	d.col = 6;
	d.url = "/steps/two/";
	d.message = "link target '../oen/' not found";
	d.hint = "did you mean '../one/'?";
	diag_setup(DIAG_FORMAT_TEXT, 0);
	stderr_begin();
	diag_emit(&d);
	d.hint = "did you mean '\033[2J'?";
	diag_emit(&d);
	diag_setup(DIAG_FORMAT_TEXT, 1);
	d.hint = "did you mean '../one/'?";
	diag_emit(&d);
	err = stderr_end();
	ck_assert_text(err,
	    "content/steps/two.md:7:6: error: link target '../oen/' not found [links]\n"
	    "content/steps/two.md:7:6: note: did you mean '../one/'?\n"
	    "content/steps/two.md:7:6: error: link target '../oen/' not found [links]\n"
	    "content/steps/two.md:7:6: note: did you mean '\\x1b[2J'?\n"
	    "\033[1mcontent/steps/two.md:7:6: \033[1;31merror:\033[0m link target "
	    "'../oen/' not found [links]\n"
	    "\033[1mcontent/steps/two.md:7:6: \033[1;36mnote:\033[0m did you mean "
	    "'../one/'?\n");
	free(err);

	diag_setup(DIAG_FORMAT_JSON, 0);
	stderr_begin();
	diag_hold(&held);
	snprintf(hint, sizeof(hint), "did you mean '%s'?", "../one/");
	d.hint = hint;
	diag_emit(&d);
	diag_hold(NULL);
	memset(hint, 'x', sizeof(hint) - 1);  /* the held copy is its own */
	diag_release(&held);
	err = stderr_end();
	obj = json_line(err, strcspn(err, "\n"));
	assert_member(obj, "message", "link target '../oen/' not found");
	assert_member(obj, "hint", "did you mean '../one/'?");
	ck_assert_uint_eq(json_object_size(obj), 8);
	ck_assert_str_eq(err + strcspn(err, "\n"), "\n");
	json_decref(obj);
	free(err);
}
END_TEST

/* Text from a user's files cannot drive the terminal: in the place, the
   message, the check name and diag_say, control characters other than tab
   are escaped (\x1b, \u009b), bytes that are not UTF-8 are shown as \xNN,
   and everything else (tab, é, a backslash) is kept. */
START_TEST(text_escapes_controls_and_bad_utf8)
{
	char *err;

	diag_setup(DIAG_FORMAT_TEXT, 0);
	stderr_begin();
	diag_report(DIAG_WARNING, "k\x1b[0m", "a\x1b[2J.md", 3, 1, NULL,
	    "key '%s'", "t\x1b]0;own\x07\x1b[31mred\x7f\xc2\x9b" "1m\nfake: error");
	diag_error(NULL, 0, 0, "bad \xff\xc3 and \xed\xa0\x80; kept: \t caf\xc3\xa9 \\x");
	diag_say("built into %s", "out\x1b[8m");
	err = stderr_end();
	ck_assert_text(err,
	    "a\\x1b[2J.md:3:1: warning: key 't\\x1b]0;own\\x07\\x1b[31mred\\x7f"
	    "\\u009b1m\\x0afake: error' [k\\x1b[0m]\n"
	    "mend: error: bad \\xff\\xc3 and \\xed\\xa0\\x80; kept: \t caf\xc3\xa9 \\x\n"
	    "mend: built into out\\x1b[8m\n");
	free(err);
}
END_TEST

/* JSON already escapes C0 controls; DEL and the C1 controls are escaped
   too, and a message that is not UTF-8 is kept (jansson would refuse it)
   with its bad bytes shown as in the text format. */
START_TEST(json_escapes_controls_and_keeps_bad_utf8)
{
	char *err;
	json_t *obj;

	diag_setup(DIAG_FORMAT_JSON, 0);
	stderr_begin();
	diag_error("a\xff.md", 1, 2, "k '\x1b[31m\x7f\xc2\x9b' \xc3");
	err = stderr_end();
	ck_assert_text(err, "{\"severity\":\"error\",\"file\":\"a\\\\xff.md\","
	    "\"line\":1,\"column\":2,\"message\":\"k '\\u001B[31m\\u007f"
	    "\\u009b' \\\\xc3\"}\n");
	obj = json_line(err, strlen(err) - 1);
	assert_member(obj, "file", "a\\xff.md");
	assert_member(obj, "message", "k '\x1b[31m\x7f\xc2\x9b' \\xc3");
	json_decref(obj);
	free(err);
}
END_TEST

/* Errors and warnings are counted (notes are not), and the summary says
   so in words that agree with the numbers. */
START_TEST(counts_and_summary)
{
	char *err;

	diag_setup(DIAG_FORMAT_TEXT, 0);
	diag_reset();
	stderr_begin();
	diag_summary();  /* nothing reported: nothing said */
	diag_report(DIAG_NOTE, "links", "a.html", 1, 1, NULL, "a note");
	ck_assert_uint_eq(diag_errors(), 0);
	ck_assert_uint_eq(diag_warnings(), 0);
	diag_summary();  /* a note alone is not counted either */
	diag_error("a.md", 1, 1, "one");
	ck_assert_uint_eq(diag_errors(), 1);
	diag_summary();
	diag_warning("a.md", 2, 1, "two");
	diag_summary();
	diag_report(DIAG_ERROR, "links", "a.html", 3, 1, "/a/", "three");
	diag_report(DIAG_WARNING, "ids", "a.html", 4, 1, "/a/", "four");
	ck_assert_uint_eq(diag_errors(), 2);
	ck_assert_uint_eq(diag_warnings(), 2);
	diag_summary();
	diag_reset();
	ck_assert_uint_eq(diag_errors(), 0);
	ck_assert_uint_eq(diag_warnings(), 0);
	diag_summary();
	diag_warning(NULL, 0, 0, "only a warning");
	diag_summary();
	err = stderr_end();
	ck_assert_text(err,
	    "a.html:1:1: note: a note [links]\n"
	    "a.md:1:1: error: one\n"
	    "mend: 1 error, 0 warnings\n"
	    "a.md:2:1: warning: two\n"
	    "mend: 1 error, 1 warning\n"
	    "a.html:3:1: error: three [links]\n"
	    "a.html:4:1: warning: four [ids]\n"
	    "mend: 2 errors, 2 warnings\n"
	    "mend: warning: only a warning\n"
	    "mend: 0 errors, 1 warning\n");
	free(err);
}
END_TEST

START_TEST(say_prints_a_line_for_people)
{
	char *err;

	diag_setup(DIAG_FORMAT_TEXT, 1);
	diag_reset();
	stderr_begin();
	diag_say("built %d pages in %.1f s", 12, 0.25);
	diag_summary();  /* saying is not reporting */
	err = stderr_end();
	ck_assert_str_eq(err, "mend: built 12 pages in 0.2 s\n");
	ck_assert_uint_eq(diag_errors() + diag_warnings(), 0);
	free(err);
}
END_TEST

/* What a sink is given, and what it collects. */
struct collected {
	struct buf text;  /* one line for each diagnostic */
};

static void
collect(const struct diag *d, void *ctx)
{
	static const char *const names[] = { "error", "warning", "note" };
	struct collected *c = ctx;

	buf_printf(&c->text, "%s|%s|%s|%d|%d|%s|%s\n", names[d->severity],
	    d->check ? d->check : "-", d->file ? d->file : "-", d->line, d->col,
	    d->url ? d->url : "-", d->message);
}

/* A sink gets every diagnostic as it was described, stderr none; the
   counts still run; a NULL sink sends them to stderr again. */
START_TEST(a_sink_receives_instead_of_stderr)
{
	struct collected c = { BUF_INIT };
	char *err;

	diag_setup(DIAG_FORMAT_TEXT, 0);
	diag_reset();
	stderr_begin();
	diag_set_sink(collect, &c);
	diag_report(DIAG_ERROR, "links", "public/x/index.html", 7, 3, "/x/",
	    "no page '%s'", "y");
	diag_warning(NULL, 0, 0, "plain");
	diag_summary();
	diag_set_sink(NULL, NULL);
	diag_error("back.md", 1, 1, "to stderr");
	err = stderr_end();
	ck_assert_text(buf_str(&c.text),
	    "error|links|public/x/index.html|7|3|/x/|no page 'y'\n"
	    "warning|-|-|0|0|-|plain\n");
	ck_assert_text(err, "mend: 1 error, 1 warning\n"
	    "back.md:1:1: error: to stderr\n");
	ck_assert_uint_eq(diag_errors(), 2);
	free(err);
	buf_free(&c.text);
}
END_TEST

/* Held: nothing comes out or is counted until the release, which gives
   them in the order they came, once; the strings are copies. */
START_TEST(held_until_released_in_order_once)
{
	struct diag_held held = DIAG_HELD_INIT;
	char file[] = "content/one.md";
	char *got;

	harness_diags_begin();
	diag_hold(&held);
	diag_error(file, 1, 2, "first");
	diag_report(DIAG_WARNING, "ids", file, 3, 0, "/one/", "second");
	diag_report(DIAG_NOTE, NULL, NULL, 0, 0, NULL, "third");
	memcpy(file, "CHANGED!", 8);  /* the held copies are the table's */
	ck_assert_uint_eq(diag_errors() + diag_warnings(), 0);
	diag_hold(NULL);
	diag_error("now.md", 9, 9, "not held");
	ck_assert_uint_eq(held.len, 3);
	diag_release(&held);
	ck_assert_uint_eq(held.len, 0);
	diag_release(&held);  /* released once only */
	ck_assert_uint_eq(diag_errors(), 2);
	ck_assert_uint_eq(diag_warnings(), 1);
	got = harness_diags_end();
	ck_assert_text(got,
	    "now.md:9:9: error: not held\n"
	    "content/one.md:1:2: error: first\n"
	    "content/one.md:3: warning: second [ids]\n"
	    "mend: note: third\n");
	free(got);
}
END_TEST

/* diag_held_free forgets without emitting; the holder can be used again. */
START_TEST(held_free_forgets)
{
	struct diag_held held = DIAG_HELD_INIT;
	char *got;

	harness_diags_begin();
	diag_hold(&held);
	diag_error("a.md", 1, 1, "forgotten");
	diag_hold(NULL);
	diag_held_free(&held);
	ck_assert_uint_eq(held.len, 0);
	diag_held_free(&held);  /* twice is harmless */
	diag_hold(&held);
	diag_error("b.md", 2, 2, "kept");
	diag_hold(NULL);
	diag_release(&held);
	diag_held_free(&held);
	got = harness_diags_end();
	ck_assert_str_eq(got, "b.md:2:2: error: kept\n");
	ck_assert_uint_eq(diag_errors(), 1);
	free(got);
}
END_TEST

/* Released on a thread that holds, they go into what it holds. */
START_TEST(released_into_what_is_held)
{
	struct diag_held page = DIAG_HELD_INIT, stage = DIAG_HELD_INIT;
	char *got;

	harness_diags_begin();
	diag_hold(&page);
	diag_error("page.md", 1, 1, "from the page");
	diag_hold(&stage);
	diag_error("stage.md", 1, 1, "from the stage");
	diag_release(&page);
	ck_assert_uint_eq(page.len, 0);
	ck_assert_uint_eq(stage.len, 2);
	diag_hold(NULL);
	ck_assert_uint_eq(diag_errors(), 0);
	diag_release(&stage);
	got = harness_diags_end();
	ck_assert_str_eq(got, "stage.md:1:1: error: from the stage\n"
	    "page.md:1:1: error: from the page\n");
	free(got);
}
END_TEST

static void *
report_from_another_thread(void *arg)
{
	(void)arg;
	diag_error("other.md", 5, 5, "from another thread");
	return NULL;
}

/* Holding is per thread: another thread's diagnostics go straight out. */
START_TEST(holding_is_per_thread)
{
	struct diag_held held = DIAG_HELD_INIT;
	pthread_t other;
	char *got;

	harness_diags_begin();
	diag_hold(&held);
	diag_error("mine.md", 1, 1, "held here");
	ck_assert_int_eq(pthread_create(&other, NULL,
	    report_from_another_thread, NULL), 0);
	pthread_join(other, NULL);
	ck_assert_uint_eq(held.len, 1);
	ck_assert_uint_eq(diag_errors(), 1);
	diag_hold(NULL);
	diag_release(&held);
	got = harness_diags_end();
	ck_assert_str_eq(got, "other.md:5:5: error: from another thread\n"
	    "mine.md:1:1: error: held here\n");
	free(got);
}
END_TEST

#define PAGES 60

/* A stage's pages: each holds its own diagnostics while it is worked on. */
static struct diag_held page_held[PAGES];

static void
work_on_page(void *ctx, size_t i)
{
	struct timespec pause = { 0, (long)((PAGES - i) % 7) * 100000 };

	(void)ctx;
	diag_hold(&page_held[i]);
	diag_error("content/pages.md", (int)i + 1, 1, "page %zu: first", i);
	nanosleep(&pause, NULL);  /* later pages tend to finish first */
	diag_report(DIAG_WARNING, "links", "public/p/index.html", (int)i + 1, 2,
	    "/p/", "page %zu: second", i);
	diag_hold(NULL);
}

/* Pages worked on by threads, released in page order: the same text
   whatever the number of threads, each diagnostic once. */
static char *
stage_on(int threads)
{
	size_t i;

	memset(page_held, 0, sizeof(page_held));
	harness_diags_begin();
	pool_run(PAGES, threads, work_on_page, NULL);
	ck_assert_uint_eq(diag_errors() + diag_warnings(), 0);
	for (i = 0; i < PAGES; i++)
		diag_release(&page_held[i]);
	ck_assert_uint_eq(diag_errors(), PAGES);
	ck_assert_uint_eq(diag_warnings(), PAGES);
	return harness_diags_end();
}

START_TEST(pages_in_parallel_come_out_in_page_order)
{
	struct buf want = BUF_INIT;
	char *one, *many;
	size_t i;

	for (i = 0; i < PAGES; i++)
		buf_printf(&want, "content/pages.md:%zu:1: error: page %zu: first\n"
		    "public/p/index.html:%zu:2: warning: page %zu: second [links]\n",
		    i + 1, i, i + 1, i);
	one = stage_on(1);
	many = stage_on(4);
	ck_assert_text(one, buf_str(&want));
	ck_assert_text(many, buf_str(&want));
	free(one);
	free(many);
	buf_free(&want);
}
END_TEST

#define LINES 3000

static void
report_line(void *ctx, size_t i)
{
	(void)ctx;
	diag_error("content/many.md", (int)i + 1, 1, "message number %zu, whole",
	    i);
}

/* From many threads at once, straight to stderr: every line whole. */
START_TEST(threads_never_interleave_a_line)
{
	static char seen[LINES];
	const char *line;
	char *err, want[128];
	size_t n = 0;

	diag_setup(DIAG_FORMAT_TEXT, 0);
	diag_reset();
	stderr_begin();
	pool_run(LINES, 8, report_line, NULL);
	err = stderr_end();
	for (line = err; *line != '\0'; n++) {
		size_t len = strcspn(line, "\n");
		unsigned i = 0;

		ck_assert_msg(sscanf(line, "content/many.md:%u:", &i) == 1 &&
		    i >= 1 && i <= LINES && !seen[i - 1], "line %zu: %.*s", n,
		    (int)len, line);
		seen[i - 1] = 1;
		snprintf(want, sizeof(want), "content/many.md:%u:1: error: "
		    "message number %u, whole", i, i - 1);
		ck_assert_msg(len == strlen(want) && strncmp(line, want, len) == 0,
		    "line %zu: %.*s", n, (int)len, line);
		line += len + (line[len] == '\n');
	}
	ck_assert_uint_eq(n, LINES);
	ck_assert_uint_eq(diag_errors(), LINES);
	free(err);
}
END_TEST

/* A line a command prints from a user's text: one line, nothing raw. */
START_TEST(print_flat_is_one_safe_line)
{
	FILE *f = tmpfile();
	char got[128] = "";
	size_t n;

	ck_assert_ptr_nonnull(f);
	diag_print_flat(f, "two\nlines\tand \033[31mred\007 \xff caf\xc3\xa9");
	rewind(f);
	n = fread(got, 1, sizeof(got) - 1, f);
	got[n] = '\0';
	fclose(f);
	ck_assert_str_eq(got, "two lines and \\x1b[31mred\\x07 \\xff caf\xc3\xa9");
}
END_TEST

static Suite *
diag_suite(void)
{
	Suite *s = suite_create("diag");
	TCase *format = tcase_create("format");
	TCase *counts = tcase_create("counts");
	TCase *held = tcase_create("held");

	tcase_add_test(format, text_gives_file_line_column_severity_message);
	tcase_add_test(format, colour_on_marks_place_and_severity);
	tcase_add_test(format, colour_decided_for_a_file_is_off);
	tcase_add_test(format, colour_decided_on_a_terminal_follows_no_color);
	tcase_add_test(format, json_gives_one_object_a_line);
	tcase_add_test(format, a_hint_is_a_note_line_and_a_json_member);
	tcase_add_test(format, text_escapes_controls_and_bad_utf8);
	tcase_add_test(format, json_escapes_controls_and_keeps_bad_utf8);
	tcase_add_test(counts, counts_and_summary);
	tcase_add_test(counts, say_prints_a_line_for_people);
	tcase_add_test(counts, a_sink_receives_instead_of_stderr);
	tcase_add_test(held, held_until_released_in_order_once);
	tcase_add_test(held, held_free_forgets);
	tcase_add_test(held, released_into_what_is_held);
	tcase_add_test(held, holding_is_per_thread);
	tcase_add_test(held, pages_in_parallel_come_out_in_page_order);
	tcase_add_test(held, threads_never_interleave_a_line);
	tcase_add_test(format, print_flat_is_one_safe_line);
	suite_add_tcase(s, format);
	suite_add_tcase(s, counts);
	suite_add_tcase(s, held);
	return s;
}

int
main(void)
{
	int failed = harness_run(diag_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
