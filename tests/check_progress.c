/*
 * The progress line of a long build (progress.h), as a person at a
 * terminal sees it: `mend build` run on a pseudo-terminal (forkpty) shows
 * "mend: rendering Markdown N/M" and the later stages while it works, and
 * what is left on the screen at the end (the bytes played through a small
 * model of a terminal: "\r" back to the start, "\033[K" erase to the end)
 * has no trace of it, with each diagnostic and the summary on a line of
 * its own.  The same build with standard error a pipe, with NO_COLOR, with
 * --quiet or with --format json writes no progress at all.
 *
 * MEND_PROGRESS_DELAY=0 shows the line from the start, so a site of a few
 * hundred pages is slow enough (the drawing thread looks ten times a
 * second); the one-second default is not what is tested here.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pty.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "lib/buf.h"

/* Enough pages that a counted stage outlasts the line's 100 ms between
   looks at the counters, however fast the build (600 no longer did). */
#define NPAGES 2400

static char *site;  /* the slow site, made once */

/* A site of NPAGES pages of a few paragraphs each, with links. */
static void
make_site(void)
{
	char src[PATH_MAX], rel[64];
	struct buf text = BUF_INIT;
	int i, k;

	site = harness_tmpdir();
	snprintf(src, sizeof(src), "%s/tests/sites/base", harness_root());
	harness_copytree(src, site);
	for (i = 0; i < NPAGES; i++) {
		buf_reset(&text);
		buf_printf(&text, "+++\ntitle = \"Page %d\"\nweight = %d\n+++\n",
		    i, i + 10);
		for (k = 0; k < 12; k++)
			buf_printf(&text, "## Part %d\n\nSome *words* about part %d "
			    "of page %d, with [a link](page-%d.md#part-%d) and a "
			    "list:\n\n- one\n- two\n\n", k, k, i, (i + 1) % NPAGES,
			    k);
		snprintf(rel, sizeof(rel), "content/many/page-%d.md", i);
		harness_write(site, rel, buf_str(&text));
	}
	harness_write(site, "content/many/_index.md",
	    "+++\ntitle = \"Many\"\n+++\nMany pages.\n");
	buf_free(&text);
}

static void
drop_site(void)
{
	harness_rmtree(site);
	free(site);
}

/* The mend the tests run, as an absolute path. */
static void
mend_path(char *out, size_t size)
{
	const char *bin = getenv("MEND_BIN");

	if (bin == NULL)
		bin = "./mend";
	if (bin[0] == '/')
		snprintf(out, size, "%s", bin);
	else
		snprintf(out, size, "%s/%s", harness_root(), bin);
}

/* In the child: the environment of a person at a terminal, then mend. */
static void
exec_mend(const char *dir, const char *no_color, const char *const *args)
{
	char bin[PATH_MAX * 2];
	const char *argv[16];
	int n = 0;

	mend_path(bin, sizeof(bin));
	argv[n++] = bin;
	while (n < 15 && args[n - 1] != NULL) {
		argv[n] = args[n - 1];
		n++;
	}
	argv[n] = NULL;
	if (chdir(dir) != 0)
		_exit(127);
	if (no_color != NULL)
		setenv("NO_COLOR", no_color, 1);
	else
		unsetenv("NO_COLOR");
	setenv("MEND_PROGRESS_DELAY", "0", 1);
	setenv("TERM", "xterm", 1);
	execv(bin, (char *const *)argv);
	_exit(127);
}

/* Everything fd gives until its end (or, for a pty, EIO); caller frees. */
static char *
read_all(int fd)
{
	struct buf all = BUF_INIT;
	char chunk[4096];
	ssize_t n;

	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		buf_put(&all, chunk, (size_t)n);
	}
	return buf_detach(&all);
}

static int
wait_for(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Run mend args in dir on a pseudo-terminal; *raw gets every byte. */
static int
run_on_terminal(const char *dir, const char *no_color, const char *const *args,
    char **raw)
{
	struct winsize ws = { 24, 100, 0, 0 };
	pid_t pid;
	int master;

	fflush(NULL);
	pid = forkpty(&master, NULL, NULL, &ws);
	ck_assert_msg(pid >= 0, "forkpty: %s", strerror(errno));
	if (pid == 0)
		exec_mend(dir, no_color, args);
	*raw = read_all(master);
	close(master);
	return wait_for(pid);
}

/* Run mend args in dir with standard output and error one pipe. */
static int
run_on_pipe(const char *dir, const char *const *args, char **raw)
{
	int fds[2];
	pid_t pid;

	ck_assert_int_eq(pipe(fds), 0);
	fflush(NULL);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[1]);
		exec_mend(dir, NULL, args);
	}
	close(fds[1]);
	*raw = read_all(fds[0]);
	close(fds[0]);
	return wait_for(pid);
}

/*
 * The screen's lines after raw is played: "\r" goes back to the start of
 * the line, "\033[K" erases from there to its end, "\n" ends the line,
 * other escape sequences (colours) show nothing, anything else is written
 * over what the line has at the cursor.  The caller frees the result.
 */
static char *
screen(const char *raw)
{
	struct buf out = BUF_INIT, line = BUF_INIT;
	size_t cursor = 0;
	const char *p;

	for (p = raw; *p != '\0'; p++) {
		if (*p == '\r')
			cursor = 0;
		else if (*p == '\n') {
			buf_put(&out, line.data, line.len);
			buf_putc(&out, '\n');
			buf_reset(&line);
			cursor = 0;
		} else if (*p == '\033' && p[1] == '[') {
			const char *end = p + 2;

			while (*end != '\0' && !(*end >= '@' && *end <= '~'))
				end++;
			if (*end == 'K' && cursor < line.len) {
				line.len = cursor;
				line.data[line.len] = '\0';
			}
			if (*end == '\0')
				break;
			p = end;
		} else {
			if (cursor < line.len)
				line.data[cursor] = *p;
			else
				buf_putc(&line, *p);
			cursor++;
		}
	}
	buf_put(&out, line.data, line.len);
	buf_free(&line);
	return buf_detach(&out);
}

static void
assert_has(const char *text, const char *needle)
{
	ck_assert_msg(strstr(text, needle) != NULL, "no '%s' in:\n%s", needle, text);
}

static void
assert_no_progress(const char *raw, const char *how)
{
	ck_assert_msg(strchr(raw, '\r') == NULL || strstr(raw, "mend: rendering") == NULL,
	    "%s: a progress line:\n%s", how, raw);
	ck_assert_msg(strstr(raw, "\033[K") == NULL, "%s: an erase:\n%s", how, raw);
	ck_assert_msg(strstr(raw, "mend: rendering") == NULL &&
	    strstr(raw, "mend: writing pages") == NULL &&
	    strstr(raw, "mend: checking") == NULL, "%s: progress:\n%s", how, raw);
}

START_TEST(a_terminal_sees_the_line_while_it_works_and_not_after)
{
	static const char *const args[] = { "build", "--jobs", "1", NULL };
	char *raw, *shown, want[64];
	int status = run_on_terminal(site, NULL, args, &raw);

	ck_assert_msg(status == 0, "status %d:\n%s", status, raw);
	/* While it worked: the stages, with pages done of the total (the
	   base's five pages and the section's with them, and 404.html as it
	   is written); which stages are caught depends on the machine. */
	snprintf(want, sizeof(want), "/%d", NPAGES + 7);
	assert_has(raw, "\r\033[Kmend: ");
	assert_has(raw, want);
	/* At the end: the summary alone, at the start of its line. */
	shown = screen(raw);
	ck_assert_msg(strstr(shown, "rendering") == NULL &&
	    strstr(shown, "writing pages") == NULL &&
	    strstr(shown, "checking") == NULL && strstr(shown, "laying out") == NULL,
	    "the line is still on the screen:\n%s", shown);
	ck_assert_msg(strncmp(shown, "mend: built ", 12) == 0, "%s", shown);
	free(shown);
	free(raw);
}
END_TEST

/* Diagnostics interrupt the line: each on a line of its own, from its start. */
START_TEST(diagnostics_erase_the_line_first)
{
	static const char *const args[] = { "build", "--jobs", "1", NULL };
	char *raw, *shown, *dir = harness_tmpdir();
	int status;

	harness_copytree(site, dir);
	harness_write(dir, "content/many/extra.md", "+++\ntitle = \"Extra\"\n"
	    "+++\nSee [eight](page-8.md#part-77) and [nine](pgae-9.md).\n");
	status = run_on_terminal(dir, NULL, args, &raw);
	ck_assert_msg(status == 1, "status %d:\n%s", status, raw);
	assert_has(raw, "\r\033[Kmend: ");
	shown = screen(raw);
	ck_assert_text(shown,
	    "content/many/extra.md:4:5: error: fragment '#part-77' not found on "
	    "/many/page-8/ [fragments]\n"
	    "content/many/extra.md:4:5: note: did you mean '#part-7'?\n"
	    "content/many/extra.md:4:36: error: link target 'pgae-9.md' not found "
	    "[links]\n"
	    "content/many/extra.md:4:36: note: did you mean 'page-9.md'?\n"
	    "mend: build failed; public was left as it was\n"
	    "mend: 2 errors, 0 warnings\n");
	free(shown);
	free(raw);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(no_line_where_it_does_not_belong)
{
	static const char *const quiet[] = { "build", "-q", "--jobs", "1", NULL };
	static const char *const json[] = { "--format", "json", "build", "--jobs",
	    "1", NULL };
	static const char *const plain[] = { "build", "--jobs", "1", NULL };
	char *raw;

	ck_assert_int_eq(run_on_pipe(site, plain, &raw), 0);
	assert_no_progress(raw, "a pipe");
	assert_has(raw, "mend: built ");
	free(raw);
	ck_assert_int_eq(run_on_terminal(site, "1", plain, &raw), 0);
	assert_no_progress(raw, "NO_COLOR");
	assert_has(raw, "mend: built ");
	free(raw);
	ck_assert_int_eq(run_on_terminal(site, NULL, quiet, &raw), 0);
	assert_no_progress(raw, "--quiet");
	free(raw);
	ck_assert_int_eq(run_on_terminal(site, NULL, json, &raw), 0);
	assert_no_progress(raw, "--format json");
	free(raw);
}
END_TEST

static Suite *
progress_suite(void)
{
	Suite *s = suite_create("progress");
	TCase *tc = tcase_create("terminal");

	tcase_set_timeout(tc, 300);
	tcase_add_unchecked_fixture(tc, make_site, drop_site);
	tcase_add_test(tc, a_terminal_sees_the_line_while_it_works_and_not_after);
	tcase_add_test(tc, diagnostics_erase_the_line_first);
	tcase_add_test(tc, no_line_where_it_does_not_belong);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = harness_run(progress_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
