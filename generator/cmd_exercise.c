/*
 * cmd_exercise — `mend exercise test|check|measure`: read each
 * sub-command's line, load what it names and call exercise.c
 * (exercise_test, exercise_check) or measure.c (measure_sets), which print
 * the results.  The usage errors and the exit statuses are decided here;
 * the help text is in cli.c's table.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "exercise/exercise.h"
#include "exercise/measure.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/util.h"
#include "site/config.h"

/*
 * The site's languages (exercise.h) from ./site.toml's configuration, as
 * a build has them; when it cannot be loaded (no project here, or errors
 * in it, which a build reports), "en" and not known, without a word.
 */
static void
site_languages(struct exercise_languages *langs)
{
	struct diag_held held = DIAG_HELD_INIT, *outer;
	struct config *cfg;

	outer = diag_hold(&held);
	cfg = config_load("site.toml");
	diag_hold(outer);
	diag_held_free(&held);
	exercise_languages_of(cfg, langs);
	config_free(cfg);
}

/* `mend exercise test [NAME]`. */
static int
cmd_exercise_test(int argc, char **argv)
{
	static const struct option options[] = {
		CLI_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct exercise_languages langs;
	size_t passed = 0, failed = 0, i, k;
	bool bad_input = false, missing;
	char **names;
	int c, r;

	while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		if ((r = cli_common_option("exercise", c, optarg, argv)) <= 0)
			return r == 0 ? EXIT_OK : EXIT_USAGE;
	}
	if (argc - optind > 1)
		return cli_usage_error("exercise", "unexpected argument '%s'",
		    argv[optind + 1]);
	if (optind < argc) {
		if (!exercise_name_valid(argv[optind]))
			return cli_usage_error("exercise",
			    "'%s' is not an exercise name (" UTIL_ID_RULE ")",
			    argv[optind]);
		names = xcalloc(2, sizeof(*names));
		names[0] = xstrdup(argv[optind]);
	} else {
		names = exercise_names();
		exercise_warn_orphans();
	}
	site_languages(&langs);
	for (i = 0; names[i] != NULL; i++) {
		struct exercise *ex = exercise_load(names[i], &missing);

		if (missing && argc - optind == 1) {
			exercise_names_free(names);
			exercise_languages_free(&langs);
			return cli_usage_error("exercise", "no exercise '%s' "
			    "(exercises/%s.lua does not exist)", argv[optind],
			    argv[optind]);
		}
		if (ex == NULL) {
			bad_input = true;
			continue;
		}
		/* Every language's examples, each language named when there
		   are several. */
		if (exercise_load_translations(ex, &langs) != 0)
			bad_input = true;
		fflush(stdout);
		exercise_test(ex, ex->ntranslations > 0 ? langs.main : NULL,
		    &passed, &failed);
		for (k = 0; k < ex->ntranslations; k++)
			exercise_test(ex->translations[k], ex->translations[k]->lang,
			    &passed, &failed);
		fflush(stdout);
		exercise_free(ex);
	}
	exercise_names_free(names);
	exercise_languages_free(&langs);
	printf("%zu example%s passed, %zu failed\n", passed,
	    passed == 1 ? "" : "s", failed);
	diag_summary();
	return bad_input ? EXIT_INPUT : failed > 0 ? EXIT_SITE : EXIT_OK;
}

/*
 * The translation of ex into lang for `exercise check --lang`: ex itself
 * for the site's default language, else its translation, loaded into *tr
 * (the caller frees it).  NULL after a usage error (no such translation:
 * it names those there are) or diagnostics (*status says which).
 */
static const struct exercise *
check_in(const struct exercise *ex, const char *lang, struct exercise **tr,
    int *status)
{
	struct exercise_languages langs;
	struct buf list = BUF_INIT;
	const char *tag = NULL;
	char **tags;
	size_t i;
	bool is_main;

	*tr = NULL;
	site_languages(&langs);
	is_main = strcasecmp(lang, langs.main) == 0;
	exercise_languages_free(&langs);
	if (is_main)
		return ex;
	tags = exercise_translation_tags(ex->name);
	for (i = 0; tags[i] != NULL; i++) {
		buf_printf(&list, "%s%s", i ? ", " : "", tags[i]);
		if (strcasecmp(tags[i], lang) == 0)
			tag = tags[i];
	}
	if (tag == NULL)
		*status = cli_usage_error("exercise", "'%s' has no translation "
		    "into '%s': there is no exercises/%s.%s.lua (%s%s)", ex->name,
		    lang, ex->name, lang, list.len ? "its translations: " :
		    "it has no translations", buf_str(&list));
	else if ((*tr = exercise_load_translation(ex, tag, NULL)) == NULL) {
		diag_summary();
		*status = EXIT_INPUT;
	}
	exercise_names_free(tags);
	buf_free(&list);
	return *tr;
}

/* `mend exercise check NAME (--answer TEXT | -) [--field ID] [--lang LANG]
   [--json] [--all]`. */
static int
cmd_exercise_check(int argc, char **argv)
{
	enum { OPT_JSON = 0x200, OPT_ALL };
	static const struct option options[] = {
		{ "answer", required_argument, NULL, 'a' },
		{ "field", required_argument, NULL, 'f' },
		{ "lang", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "all", no_argument, NULL, OPT_ALL },
		CLI_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct exercise_check_request req;
	const char *answer = NULL, *name, *lang = NULL;
	bool from_stdin = false, missing, met = false;
	struct exercise *ex, *tr = NULL;
	const struct exercise *in;
	char *input = NULL;
	size_t len;
	int c, r, status = EXIT_USAGE;

	memset(&req, 0, sizeof(req));
	while ((c = getopt_long(argc, argv, ":a:f:l:h", options, NULL)) != -1) {
		switch (c) {
		case 'a': answer = optarg; break;
		case 'f': req.field = optarg; break;
		case 'l': lang = optarg; break;
		case OPT_JSON: req.json = true; break;
		case OPT_ALL: req.all = true; break;
		default:
			if ((r = cli_common_option("exercise", c, optarg, argv)) <= 0)
				return r == 0 ? EXIT_OK : EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return cli_usage_error(
		    "exercise", "check needs an exercise name");
	name = argv[optind++];
	if (optind < argc && strcmp(argv[optind], "-") == 0 && answer == NULL) {
		answer = "-";
		optind++;
	}
	if (optind < argc)
		return cli_usage_error("exercise", "unexpected argument '%s'",
		    argv[optind]);
	if (answer == NULL)
		return cli_usage_error("exercise",
		    "give the answer with --answer "
		    "TEXT, or - to read it from standard input");
	if (!exercise_name_valid(name))
		return cli_usage_error("exercise",
		    "'%s' is not an exercise name (" UTIL_ID_RULE ")",
		    name);
	if (lang != NULL && !exercise_lang_valid(lang))
		return cli_usage_error("exercise", "'%s' is not a language tag "
		    "(BCP 47: \"ar\", \"pt-BR\", \"zh-Hans\")", lang);
	if (strcmp(answer, "-") == 0) {
		if (util_read_file("/dev/stdin", &input, &len) != 0) {
			diag_error("<stdin>", 0, 0, "cannot read: %s",
			    strerror(errno));
			return EXIT_IO;
		}
		answer = input;
		from_stdin = true;
	}
	len = strlen(answer);
	if (strspn(answer, " \t\r\n") == len) {
		free(input);
		return cli_usage_error("exercise", "the answer is empty%s",
		    from_stdin ? " (nothing on standard input)" : "");
	}
	if ((ex = exercise_load(name, &missing)) == NULL) {
		free(input);
		if (missing)
			return cli_usage_error("exercise", "no exercise '%s' "
			    "(exercises/%s.lua does not exist)", name, name);
		diag_summary();
		return EXIT_INPUT;
	}
	in = lang != NULL ? check_in(ex, lang, &tr, &status) : ex;
	if (in == NULL) {
		exercise_free(ex);
		free(input);
		return status;
	}
	req.answer = answer;
	req.answer_len = len;
	if (exercise_check(in, &req, &met) != 0) {
		struct buf targets = BUF_INIT;

		exercise_targets(in, &targets);
		if (req.field != NULL)
			cli_usage_error("exercise",
			    "'%s' has no field '%s' with feedback "
			    "(fields with feedback: %s)",
			    name, req.field,
			    targets.len ? buf_str(&targets) : "none");
		else
			cli_usage_error("exercise",
			    "'%s' has no field with feedback", name);
		buf_free(&targets);
		exercise_free(tr);
		exercise_free(ex);
		free(input);
		return EXIT_USAGE;
	}
	exercise_free(tr);
	exercise_free(ex);
	free(input);
	return met ? EXIT_OK : EXIT_SITE;
}

/* `mend exercise measure FILE...`. */
static int
cmd_exercise_measure(int argc, char **argv)
{
	static const struct option options[] = {
		CLI_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	bool passed = false;
	int c, r;

	while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		if ((r = cli_common_option("exercise", c, optarg, argv)) <= 0)
			return r == 0 ? EXIT_OK : EXIT_USAGE;
	}
	if (optind >= argc)
		return cli_usage_error("exercise", "measure needs a labelled set: "
		    "mend exercise measure FILE... (see tests/answers/README.md)");
	if (measure_sets(argv + optind, (size_t)(argc - optind), &passed) != 0) {
		diag_summary();
		return EXIT_INPUT;
	}
	return passed ? EXIT_OK : EXIT_SITE;
}

int
cmd_exercise(int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{ "test", cmd_exercise_test },
		{ "check", cmd_exercise_check },
		{ "measure", cmd_exercise_measure },
		{ NULL, NULL }
	};

	return cli_run_sub("exercise", subs, "missing sub-command: test, "
	    "check or measure", "unknown sub-command '%s': use test, check or "
	    "measure", argc, argv);
}
