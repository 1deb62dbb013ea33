/*
 * harness — what the check suites share: running the mend binary as a user
 * would (arguments, standard input, captured output and exit status), and
 * making throw-away project folders.
 */
#ifndef MEND_TEST_HARNESS_H
#define MEND_TEST_HARNESS_H

#include <check.h>
#include <jansson.h>
#include <stddef.h>

struct run {
	int status;      /* exit status, or 128 + signal */
	char *out;       /* standard output, NUL-terminated */
	char *err;       /* standard error, NUL-terminated */
};

/*
 * Run mend ($MEND_BIN, default ./mend) with the NULL-terminated argument
 * list, in directory dir (NULL: the current one), with stdin_text on
 * standard input (NULL: /dev/null).  NO_COLOR is set so output is plain.
 * Free the result with run_free.
 */
void run_mend(struct run *r, const char *dir, const char *stdin_text, ...);
/* The same with the arguments in a NULL-terminated array. */
void run_mendv(struct run *r, const char *dir, const char *stdin_text,
    const char *const *args);
void run_free(struct run *r);

/*
 * Run every test of s, printing check's lines; call report (NULL: none)
 * with the runner before it is freed, to print a suite's own counts.
 * Returns how many tests failed.
 */
int harness_run(Suite *s, void (*report)(SRunner *sr));

/* Make a fresh temporary directory; the caller frees the path. */
char *harness_tmpdir(void);
/* A new folder (harness_tmpdir) holding a copy of the repository's guide:
   site.toml, content/, themes/ and exercises/.  The caller frees it. */
char *harness_guide(void);
/* Write text to dir/rel, making parent folders. */
void harness_write(const char *dir, const char *rel, const char *text);
/* Read dir/rel whole, or NULL when it cannot be read; caller frees. */
char *harness_read(const char *dir, const char *rel);
/* Copy the tree src into dst (made as needed), files and folders only. */
void harness_copytree(const char *src, const char *dst);
/*
 * The names in the folder rel (under the project root) that do not start
 * with '.' and end with suffix (NULL: any), suffix taken off, sorted, at
 * most max of them, into names (each freed by the caller).  Returns how
 * many; 0 when the folder cannot be read.
 */
int harness_list(const char *rel, const char *suffix, char **names, int max);
/* Does dir/rel exist? */
int harness_exists(const char *dir, const char *rel);
/* Remove a directory tree made by harness_tmpdir. */
void harness_rmtree(const char *dir);
/* The path of the shared folder ($MEND_SHARED, default ../shared). */
const char *harness_shared(void);
/* Absolute path of the project root (the folder tests run from). */
const char *harness_root(void);

/*
 * Collect every diagnostic reported from now on (they are not printed),
 * each a line as mend prints it without colour:
 * "site.toml:3:15: error: message [check]".  The counts are reset.
 */
void harness_diags_begin(void);
/* Stop collecting; return what was collected (caller frees). */
char *harness_diags_end(void);
/* What was collected since harness_diags_begin, while collecting or after
   harness_diags_end (borrowed: valid until the next begin). */
const char *harness_diags_seen(void);

/* Where a and b first differ (a byte offset), or -1 when they are equal. */
long harness_diff(const char *a, const char *b);
/* Assert that two long texts are equal, showing where they part (check
   cannot report a message of more than a few kilobytes). */
#define ck_assert_text(got, want) do { \
	const char *got_ = (got), *want_ = (want); \
	long at_ = harness_diff(got_, want_); \
	ck_assert_msg(at_ < 0, "the texts differ at byte %ld:\n got: %.400s\n" \
	    "want: %.400s", at_, got_ + at_, want_ + at_); \
} while (0)

/*
 * The value at path in v: keys and list positions (from 0) joined by dots,
 * "fields.1.type"; NULL when there is none.
 */
const json_t *harness_json_at(const json_t *v, const char *path);
/* The text at path in v, or "(none)". */
const char *harness_json_text(const json_t *v, const char *path);

#endif
