/*
 * cmd_new — `mend new site DIR`, `mend new page [SECTION/]NAME` and
 * `mend new exercise NAME`: check the names, decide which files to write
 * and say what to do next.  The files themselves are carried in the binary
 * and written by site/starter.c; the help text is in cli.c's table.
 *
 * Nothing is ever replaced: a site goes into a new or empty folder, a page
 * or an exercise into a file that does not exist.  A refusal writes
 * nothing, and a failure half-way takes away what this run wrote.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/util.h"
#include "site/starter.h"

#define SITE_PREFIX "site/"
#define CONCERNS "exercises/lib/concerns.lua"

/* The placeholder address of a new site: the build warns about it. */
#define PLACEHOLDER_URL "https://example.org/"

/* "rebuild-trust" -> "Rebuild trust": a title to start from. */
static char *
title_of(const char *name)
{
	char *title = xstrdup(name), *s;

	for (s = title; *s != '\0'; s++)
		if (*s == '-')
			*s = ' ';
	if (title[0] >= 'a' && title[0] <= 'z')
		title[0] = (char)(title[0] - 'a' + 'A');
	return title;
}

/*
 * Today's date as TOML writes it (2026-12-05): SOURCE_DATE_EPOCH's (in
 * UTC, as reproducible builds read it) when set, else the local date.
 * Returns 0, or -1 after a usage error for a SOURCE_DATE_EPOCH that is not
 * a number of seconds.
 */
static int
today(char date[16])
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	struct tm tm;
	time_t now;

	if (epoch != NULL && epoch[0] != '\0') {
		char *end;
		long long n;

		errno = 0;
		n = strtoll(epoch, &end, 10);
		if (errno != 0 || *end != '\0' || n < 0) {
			cli_usage_error("new", "SOURCE_DATE_EPOCH must be a number "
			    "of seconds, not '%s'", epoch);
			return -1;
		}
		now = (time_t)n;
		if (gmtime_r(&now, &tm) == NULL)
			return -1;
	} else {
		now = time(NULL);
		if (localtime_r(&now, &tm) == NULL)
			return -1;
	}
	if (strftime(date, 16, "%Y-%m-%d", &tm) == 0)
		return -1;
	return 0;
}

/* Is there a site.toml here?  If not, say so (a usage error). */
static int
in_project(void)
{
	struct stat st;

	if (lstat("site.toml", &st) == 0)
		return 0;
	return cli_usage_error("new", "there is no site.toml here: run this in "
	    "a project's folder (or with mend -C DIR), or make a project with "
	    "mend new site DIR");
}

/* Parse a sub-command's options (the common ones only); -1: exit now. */
static int
common_options(int argc, char **argv, int *status)
{
	static const struct option options[] = {
		CLI_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	int c, r;

	while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1)
		if ((r = cli_common_option("new", c, optarg, argv)) <= 0) {
			*status = r == 0 ? EXIT_OK : EXIT_USAGE;
			return -1;
		}
	return 0;
}

/* Can url go between a TOML string's quotes as it is, and is it a web one? */
static bool
url_usable(const char *url)
{
	const unsigned char *s = (const unsigned char *)url;

	if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
		return false;
	for (; *s != '\0'; s++)
		if (*s <= ' ' || *s >= 0x7f || *s == '"' || *s == '\\')
			return false;
	return true;
}

/*
 * Append dir to out as a shell would take it (quoted when it holds more
 * than letters, digits and ./_-+,:@%~), and safe to print.
 */
static void
put_shell_word(struct buf *out, const char *dir)
{
	struct buf word = BUF_INIT;
	const char *s;

	if (dir[strspn(dir, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789./_-+,:@%~")] == '\0' && dir[0] != '~') {
		buf_puts(&word, dir);
	} else {
		buf_putc(&word, '\'');
		for (s = dir; *s != '\0'; s++)
			if (*s == '\'')
				BUF_PUTSL(&word, "'\\''");
			else
				buf_putc(&word, *s);
		buf_putc(&word, '\'');
	}
	diag_put_safe(out, buf_str(&word));
	buf_free(&word);
}

/* `mend new site DIR [--base-url URL]`. */
static int
new_site(int argc, char **argv)
{
	static const struct option options[] = {
		{ "base-url", required_argument, NULL, 'b' },
		CLI_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	static const char placeholder[] = PLACEHOLDER_URL;
	const char *base_url = placeholder, *dir;
	const char *vars[] = { "BASE_URL", NULL, NULL };
	const struct starter_file *f;
	struct starter_out out;
	struct buf text = BUF_INIT;
	size_t files = 0;
	int c, r, status = EXIT_OK;

	while ((c = getopt_long(argc, argv, ":b:h", options, NULL)) != -1) {
		if (c == 'b') {
			base_url = optarg;
			continue;
		}
		if ((r = cli_common_option("new", c, optarg, argv)) <= 0)
			return r == 0 ? EXIT_OK : EXIT_USAGE;
	}
	if (optind >= argc)
		return cli_usage_error("new", "site needs a folder: mend new site DIR");
	if (argc - optind > 1)
		return cli_usage_error("new", "unexpected argument '%s'",
		    argv[optind + 1]);
	dir = argv[optind];
	if (dir[0] == '\0')
		return cli_usage_error("new", "the folder name is empty");
	if (!url_usable(base_url))
		return cli_usage_error("new", "--base-url wants the site's address, "
		    "an http:// or https:// URL without spaces or quotes, not '%s'",
		    base_url);
	vars[1] = base_url;

	if ((r = starter_open(&out, dir, true)) != 0) {
		starter_close(&out);
		return r == -1 ? EXIT_USAGE : EXIT_IO;
	}
	if (!out.made_root && (r = starter_empty(&out)) != 1) {
		if (r == 0)
			diag_error(dir, 0, 0, "refusing to make a site here: the "
			    "folder is not empty (mend new site makes a project in a "
			    "new or empty folder); nothing was written");
		starter_close(&out);
		return r == 0 ? EXIT_USAGE : EXIT_IO;
	}
	for (f = starter_files; f->name != NULL; f++) {
		const char *rel = f->name + strlen(SITE_PREFIX);

		if (strncmp(f->name, SITE_PREFIX, strlen(SITE_PREFIX)) != 0)
			continue;
		buf_reset(&text);
		if (strcmp(rel, "site.toml") == 0)
			starter_fill(&text, f, vars);
		else
			buf_put(&text, (const char *)f->data, f->len);
		if ((r = starter_put(&out, rel, text.data, text.len)) != 0) {
			starter_undo(&out);
			diag_say("nothing is left of the new site in %s: what was "
			    "written was taken away again", dir);
			status = r == -1 ? EXIT_USAGE : EXIT_IO;
			break;
		}
		files++;
	}
	starter_close(&out);
	if (status != EXIT_OK) {
		buf_free(&text);
		return status;
	}
	buf_reset(&text);
	put_shell_word(&text, dir);
	printf("Made a new site in %s (%zu files): site.toml, a home page, "
	    "a section of two\npages, an exercise, and the calm theme.\n"
	    "\n"
	    "Next:\n", buf_str(&text), files);
	if (strcmp(dir, ".") != 0)  /* already there */
		printf("  cd %s\n", buf_str(&text));
	printf("  mend serve          preview it in your browser as you write\n"
	    "  mend build          build it into public/ and check every page\n"
	    "\n"
	    "Write pages in content/ (mend new page steps/NAME starts one),\n"
	    "exercises in exercises/ (mend new exercise NAME), and change the\n"
	    "look in themes/calm/.  Before you publish or print, set\n"
	    "%s in site.toml: its comments say how.\n",
	    base_url == placeholder ? "base_url and your local help lines" :
	    "your local help lines");
	buf_free(&text);
	return EXIT_OK;
}

/* Write the files of a page or an exercise into the project. */
static int
put_all(const char *const *rels, struct buf *texts, size_t n)
{
	struct starter_out out;
	size_t i;
	int r;

	if ((r = starter_open(&out, ".", false)) != 0) {
		starter_close(&out);
		return r == -1 ? EXIT_USAGE : EXIT_IO;
	}
	for (i = 0; i < n; i++)
		if ((r = starter_put(&out, rels[i], texts[i].data,
		    texts[i].len)) != 0) {
			starter_undo(&out);
			starter_close(&out);
			return r == -1 ? EXIT_USAGE : EXIT_IO;
		}
	starter_close(&out);
	return EXIT_OK;
}

/* Report that rel is in the way; a usage error's status. */
static int
in_the_way(const char *rel, const char *why)
{
	diag_error(rel, 0, 0, "%s; nothing was written", why);
	return EXIT_USAGE;
}

static bool
exists(const char *rel)
{
	struct stat st;

	return lstat(rel, &st) == 0;
}

/* `mend new page [SECTION/]NAME`. */
static int
new_page(int argc, char **argv)
{
	const char *arg, *slash, *name;
	char *section = NULL, *title = NULL, *section_title = NULL, date[16];
	struct buf path = BUF_INIT, index = BUF_INIT, folder = BUF_INIT,
	    alone = BUF_INIT, named = BUF_INIT, texts[2] = { BUF_INIT, BUF_INIT };
	const char *rels[2];
	size_t n = 0;
	int status;

	if (common_options(argc, argv, &status) != 0)
		return status;
	if (optind >= argc)
		return cli_usage_error("new", "page needs a name: mend new page "
		    "SECTION/NAME (or NAME, for a page at the top)");
	if (argc - optind > 1)
		return cli_usage_error("new", "unexpected argument '%s'",
		    argv[optind + 1]);
	arg = argv[optind];
	slash = strchr(arg, '/');
	name = slash != NULL ? slash + 1 : arg;
	if (slash != NULL)
		section = xstrndup(arg, (size_t)(slash - arg));
	if ((section != NULL && !util_id_valid(section)) || !util_id_valid(name)) {
		free(section);
		return cli_usage_error("new", "'%s' is not a page name: SECTION/NAME "
		    "or NAME, each " UTIL_ID_RULE, arg);
	}
	if ((status = in_project()) != EXIT_OK || today(date) != 0) {
		free(section);
		return status != EXIT_OK ? status : EXIT_USAGE;
	}
	if (section != NULL) {
		buf_printf(&folder, "content/%s", section);
		buf_printf(&alone, "content/%s.md", section);
		buf_printf(&index, "content/%s/_index.md", section);
		buf_printf(&path, "content/%s/%s.md", section, name);
	} else {
		buf_printf(&path, "content/%s.md", name);
	}
	/* What would be at the page's address, or the section's, already. */
	status = EXIT_OK;
	buf_printf(&named, "content/%s%s%s", section ? section : "",
	    section ? "/" : "", name);
	if (exists(buf_str(&path)))
		status = in_the_way(buf_str(&path), "refusing to write this page: "
		    "it already exists");
	else if (section != NULL && exists(buf_str(&alone)))
		status = in_the_way(buf_str(&alone), "refusing to start a section "
		    "here: this page is already at its address (a section's own "
		    "page is its _index.md)");
	else if (exists(buf_str(&named)))
		status = in_the_way(buf_str(&named), "refusing to write this page: "
		    "a folder of that name is already at its address (a section's "
		    "own page is its _index.md)");
	if (status != EXIT_OK)
		goto done;

	title = title_of(name);
	if (section != NULL && !exists(buf_str(&folder))) {
		const char *vars[] = { "TITLE", NULL, NULL };

		section_title = title_of(section);
		vars[1] = section_title;
		starter_fill(&texts[n], starter_find("section.md"), vars);
		rels[n++] = buf_str(&index);
	}
	{
		const char *vars[] = { "TITLE", title, "DATE", date, NULL };

		starter_fill(&texts[n], starter_find("page.md"), vars);
		rels[n++] = buf_str(&path);
	}
	if ((status = put_all(rels, texts, n)) != EXIT_OK)
		goto done;
	printf("Wrote %s, a draft.\n", buf_str(&path));
	if (n == 2)
		printf("Wrote %s too: the page of the new section '%s', a draft "
		    "as well.\n", buf_str(&index), section);
	printf("Write the page in Markdown under its front matter, and delete "
	    "the line\n\"draft = true\" when it is ready; until then, mend "
	    "build --drafts shows it.\n");
done:
	free(section);
	free(title);
	free(section_title);
	buf_free(&path);
	buf_free(&index);
	buf_free(&folder);
	buf_free(&alone);
	buf_free(&named);
	buf_free(&texts[0]);
	buf_free(&texts[1]);
	return status;
}

/* `mend new exercise NAME`. */
static int
new_exercise(int argc, char **argv)
{
	const struct starter_file *concerns = starter_find(SITE_PREFIX CONCERNS);
	struct buf path = BUF_INIT, texts[2] = { BUF_INIT, BUF_INIT };
	const char *rels[2], *name;
	char *title;
	size_t n = 0;
	int status;

	if (common_options(argc, argv, &status) != 0)
		return status;
	if (optind >= argc)
		return cli_usage_error("new", "exercise needs a name: mend new "
		    "exercise NAME");
	if (argc - optind > 1)
		return cli_usage_error("new", "unexpected argument '%s'",
		    argv[optind + 1]);
	name = argv[optind];
	if (!util_id_valid(name))
		return cli_usage_error("new", "'%s' is not an exercise name ("
		    UTIL_ID_RULE ")", name);
	if ((status = in_project()) != EXIT_OK)
		return status;
	buf_printf(&path, "exercises/%s.lua", name);
	if (exists(buf_str(&path))) {
		status = in_the_way(buf_str(&path), "refusing to write this "
		    "exercise: it already exists");
		buf_free(&path);
		return status;
	}
	/* The script starts from the shared concerns: bring them if missing. */
	if (!exists(CONCERNS)) {
		buf_put(&texts[n], (const char *)concerns->data, concerns->len);
		rels[n++] = CONCERNS;
	}
	title = title_of(name);
	{
		const char *vars[] = { "NAME", name, "TITLE", title, NULL };

		starter_fill(&texts[n], starter_find("exercise.lua"), vars);
		rels[n++] = buf_str(&path);
	}
	if ((status = put_all(rels, texts, n)) == EXIT_OK) {
		printf("Wrote %s: fill in its REPLACE lines, and show it on a page "
		    "with\n\n```exercise %s\n```\n\n"
		    "mend exercise test %s runs its examples.\n",
		    buf_str(&path), name, name);
		if (n == 2)
			printf("Wrote %s too: the shared safety concerns the "
			    "script starts from.\n", CONCERNS);
	}
	free(title);
	buf_free(&path);
	buf_free(&texts[0]);
	buf_free(&texts[1]);
	return status;
}

int
cmd_new(int argc, char **argv)
{
	static const struct cli_sub subs[] = {
		{ "site", new_site },
		{ "page", new_page },
		{ "exercise", new_exercise },
		{ NULL, NULL }
	};

	return cli_run_sub("new", subs, "missing what to make: site, page or "
	    "exercise", "unknown kind '%s': use site, page or exercise", argc,
	    argv);
}
