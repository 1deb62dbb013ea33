/*
 * The fuzz targets' saved inputs replayed as plain tests: every file of
 * fuzz/corpus/TARGET/ (inputs that added coverage) and of
 * fuzz/crashers/TARGET/ (inputs that once crashed, hung or leaked: each a
 * regression case) is fed to its target's entry, with the compiler and
 * the sanitizers of the other suites and no libFuzzer.  Two checks per
 * target: its corpus (which must not be empty) and its crashers; a
 * failure names the input.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "lib/buf.h"
#include "lib/util.h"

/* Each target's entry under its own name (fuzz/fuzz.h). */
#define FUZZ_ENTRY fuzz_toml
#include "../fuzz/toml.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_frontmatter
#include "../fuzz/frontmatter.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_markdown
#include "../fuzz/markdown.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_template
#include "../fuzz/template.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_feedback
#include "../fuzz/feedback.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_check_page
#include "../fuzz/check_page.c"
#undef FUZZ_ENTRY

static const struct {
	const char *name;                           /* fuzz/NAME.c */
	int (*entry)(const uint8_t *data, size_t size);
} targets[] = {
	{ "toml", fuzz_toml },
	{ "frontmatter", fuzz_frontmatter },
	{ "markdown", fuzz_markdown },
	{ "template", fuzz_template },
	{ "feedback", fuzz_feedback },
	{ "check_page", fuzz_check_page },
};
#define NTARGETS (sizeof(targets) / sizeof(targets[0]))

/*
 * Feed the files of fuzz/KIND/TARGET/ to the target, each in a buffer of
 * its exact size so that the sanitizers see a read past its end.  Before
 * each, the file is check's last point, so that a crash names the input:
 * "fuzz/crashers/toml/crash-3f2a...:1:E:replay:...: Received signal 6".
 * Returns through *nfiles how many there were.
 */
static void
replay_folder(size_t target, const char *kind, size_t *nfiles)
{
	struct buf dir = BUF_INIT;
	struct dirent **names;
	int n, i;

	buf_printf(&dir, "%s/fuzz/%s/%s", harness_root(), kind,
	    targets[target].name);
	n = scandir(buf_str(&dir), &names, NULL, alphasort);
	*nfiles = 0;
	for (i = 0; i < n; i++) {
		struct buf path = BUF_INIT;
		char *text;
		uint8_t *data;
		size_t len;
		int status;

		if (names[i]->d_name[0] == '.') {
			free(names[i]);
			continue;
		}
		buf_printf(&path, "%s/fuzz/%s/%s/%s", harness_root(), kind,
		    targets[target].name, names[i]->d_name);
		ck_assert_msg(util_read_file(buf_str(&path), &text, &len) == 0,
		    "cannot read %s", buf_str(&path));
		data = xmalloc(len > 0 ? len : 1);
		memcpy(data, text, len);
		free(text);
		buf_reset(&path);
		buf_printf(&path, "fuzz/%s/%s/%s", kind, targets[target].name,
		    names[i]->d_name);
		_mark_point(buf_str(&path), 1); /* after the last ck_assert */
		status = targets[target].entry(data, len);
		ck_assert_int_eq(status, 0);
		free(data);
		buf_free(&path);
		free(names[i]);
		(*nfiles)++;
	}
	if (n >= 0)
		free(names);
	buf_free(&dir);
}

/* A target's corpus: there is one, and every input of it runs clean. */
START_TEST(replay_corpus)
{
	size_t nfiles;

	replay_folder((size_t)_i, "corpus", &nfiles);
	ck_assert_msg(nfiles > 0, "fuzz/corpus/%s/ is empty",
	    targets[_i].name);
}
END_TEST

/* A target's crashers (there may be none) each run clean now. */
START_TEST(replay_crashers)
{
	size_t nfiles;

	replay_folder((size_t)_i, "crashers", &nfiles);
}
END_TEST

static Suite *
fuzz_replay_suite(void)
{
	Suite *s = suite_create("fuzz_replay");
	TCase *tc = tcase_create("replay");

	tcase_set_timeout(tc, 120); /* ~50 inputs, under the sanitizers */
	tcase_add_loop_test(tc, replay_corpus, 0, (int)NTARGETS);
	tcase_add_loop_test(tc, replay_crashers, 0, (int)NTARGETS);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return harness_run(fuzz_replay_suite(), NULL) == 0 ? 0 : 1;
}
