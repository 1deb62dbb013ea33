/*
 * cli — the table of commands, their help texts, and the options they
 * share.  Adding a command means one row in `commands` below and its
 * cmd_NAME.c beside this file.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/pool.h"
#include "lib/util.h"

struct command {
	const char *name;     /* "build" */
	int (*run)(int, char **);
	const char *summary;  /* one line for `mend --help` */
	const char *help;     /* the full text for `mend help NAME` */
};

static const struct command commands[] = {
	{ "build", cmd_build,
	  "build the site into the output folder (the default command)",
	  "usage: mend build [-o DIR] [--drafts] [--base-url URL] [--no-check]\n"
	  "                  [--external] [-j N] [-q]\n"
	  "\n"
	  "Build the site in the current folder (site.toml, content/, themes/)\n"
	  "into the output folder: site.toml's `output`, \"public\" by default.\n"
	  "The site is written into a staging folder beside the output folder,\n"
	  "checked as `mend check` does, and swapped in at the end, so a failed\n"
	  "build (an error in the sources or in the checks) leaves the previous\n"
	  "site as it was.  A file that comes out the same as the previous site's\n"
	  "is linked from it instead of written again, so it keeps its time of\n"
	  "modification.  mend refuses an output folder that is the project,\n"
	  "holds it, holds site.toml or content/, is '/', or is a non-empty folder\n"
	  "it did not write.  The printable PDFs (worksheets and the counselor's\n"
	  "booklets) are made first and written into worksheets/, and the pages\n"
	  "link to them: see mend help pdf.\n"
	  "\n"
	  "Every QR code and printed page footer carries the site's address:\n"
	  "a placeholder one (example.org, .com or .net, a name under .example,\n"
	  ".test, .invalid or .localhost, localhost, 127.x.x.x, [::1]) is warned\n"
	  "about at base_url's line in site.toml, or naming --base-url.\n"
	  "\n"
	  "Names and addresses are refused at their line when they break these:\n"
	  "  theme, layout       a folder in themes/, a file in its layouts/: letters,\n"
	  "                      digits, '-', '_' and '.'; no '/', no leading '.'\n"
	  "  {{> name}}          a file in the theme's partials/: no '..' part, no\n"
	  "                      leading '/', no backslash\n"
	  "  base_url, exit_url  an absolute http or https URL with a host (so is\n"
	  "                      --base-url)\n"
	  "  [[help]] url        that, or a mailto: or tel: link; never javascript:\n"
	  "  each of these URLs  no space, control character, quote, backslash, '<',\n"
	  "                      '>' or '`'\n"
	  "No file of content/, a theme's static/, layouts/ or partials/, or\n"
	  "exercises/ is read through a symbolic link, and a content file or page\n"
	  "that would take the place of a generated one (index.html, 404.html,\n"
	  "sitemap.xml, atom.xml, robots.txt, sw.js, a theme's static file,\n"
	  "anything under worksheets/ but its index page) is an error at that file.\n"
	  "\n"
	  "Options:\n"
	  "  -o, --output DIR    write the site into DIR\n"
	  "  --drafts            include pages with draft = true\n"
	  "  --base-url URL      the site's address, instead of site.toml's base_url\n"
	  "  --no-check          do not check the pages after writing them\n"
	  "  --external          also fetch every external link once (see mend help check)\n"
	  "  -j, --jobs N        render, write and check pages on N threads (default:\n"
	  "                      one per core); the site and the messages are the same\n"
	  "                      byte for byte whatever N is\n"
	  "  -q, --quiet         no summary line (and no progress line, which a\n"
	  "                      long build shows on a terminal)\n" },
	{ "check", cmd_check,
	  "check a built site's links, fragments and page structure",
	  "usage: mend check [DIR] [--external] [-j N] [-q]\n"
	  "\n"
	  "Read every HTML page under DIR (in a project: its output folder) with\n"
	  "libxml2 and report what is wrong.  In a project the pages are rendered\n"
	  "again in memory first, so each problem on a page mend built is reported\n"
	  "at the Markdown line (or template line) that made it.  Any other folder\n"
	  "of HTML, from any tool, is checked too, at the HTML file's lines.\n"
	  "\n"
	  "The checks, by name (site.toml's [check] table sets each to \"off\",\n"
	  "\"warning\" or \"error\"):\n"
	  "  links          internal href/src resolve to a file; none leaves the site\n"
	  "  fragments      every #id exists on its target page\n"
	  "  external       external URLs are valid http, https, mailto or tel\n"
	  "  structure      one h1, no skipped heading levels, unique ids, img alt,\n"
	  "                 html lang, a unique title, a meta description, one main,\n"
	  "                 labelled form controls, no empty link text\n"
	  "  reachability   every page is linked from the home page (warnings);\n"
	  "                 sitemap.xml lists exactly the pages there are\n"
	  "  well-formed    the parser's errors\n"
	  "  third-party    nothing a page loads (img, srcset, audio, video, track,\n"
	  "                 iframe, embed, object, script, a stylesheet or icon link,\n"
	  "                 SVG image or use, CSS url() or @import in a style) comes\n"
	  "                 from a host other than the site's, and no ping, meta\n"
	  "                 refresh or form action sends a reader to one unasked\n"
	  "\n"
	  "Exit status: 0 no errors, 1 errors found, 3 the project has errors,\n"
	  "4 the folder cannot be read.\n"
	  "\n"
	  "Options:\n"
	  "  --external          fetch each distinct external URL once (HEAD, then\n"
	  "                      GET), concurrently, with a timeout\n"
	  "  -j, --jobs N        render and read pages on N threads (default: one per\n"
	  "                      core); the report is the same whatever N is\n"
	  "  -q, --quiet         no summary line (and no progress line, which a\n"
	  "                      long check shows on a terminal)\n" },
	{ "debug", cmd_debug,
	  "tools for theme and mend developers (debug toml, debug template)",
	  "usage: mend debug toml [FILE]\n"
	  "       mend debug template FILE --data DATA.json [--partials DIR]\n"
	  "       mend debug model NAME [--lang LANG]\n"
	  "       mend debug form NAME [--lang LANG]\n"
	  "\n"
	  "debug toml reads TOML from FILE (or standard input) and prints its value\n"
	  "as the tagged JSON of the toml-test suite on standard output.  Invalid\n"
	  "TOML is reported as FILE:LINE:COL: error: ... and exits with status 1.\n"
	  "\n"
	  "debug template renders the Mustache template FILE with the JSON data in\n"
	  "DATA.json and prints the result.  A partial {{> x}} (or a parent {{< x}})\n"
	  "is the file DIR/x.mustache; DIR is FILE's own folder unless --partials\n"
	  "names another.  Template errors exit with status 3.\n"
	  "\n"
	  "debug model prints the model of the exercise exercises/NAME.lua as JSON\n"
	  "(its fields, feedback rules and examples; see generator/exercise/model.h),\n"
	  "and debug form the data the theme's exercise partial gets for it (see\n"
	  "generator/exercise/form.h); --lang LANG, those of its translation\n"
	  "exercises/NAME.LANG.lua.\n" },
	{ "exercise", cmd_exercise,
	  "run exercises' examples, or check one answer (exercise test, check)",
	  "usage: mend exercise test [NAME]\n"
	  "       mend exercise check NAME (--answer TEXT | -) [--field ID]\n"
	  "                              [--lang LANG] [--json] [--all]\n"
	  "       mend exercise measure FILE...\n"
	  "\n"
	  "exercise test runs the examples of every exercise in exercises/ (or of\n"
	  "exercises/NAME.lua only): each example's answer must get exactly the\n"
	  "feedback it lists.  It prints each example that does not hold, a line\n"
	  "per exercise, and \"N examples passed, M failed\"; it exits with status 1\n"
	  "when one failed, 3 when a script could not be run or is not a valid\n"
	  "exercise.  It runs the examples of each exercise's translations too\n"
	  "(exercises/NAME.LANG.lua, LANG a language tag such as ar or pt-BR), and\n"
	  "then names the language on each line: \"NAME (ar): 5 examples passed\".\n"
	  "A translation keeps the original's field, rule and item ids; one that\n"
	  "does not is an error at its line.\n"
	  "\n"
	  "exercise check prints the feedback one answer gets, as a reader would\n"
	  "see it: one line per item, \"praise: ...\", \"flag: ...\", \"missing: ...\",\n"
	  "\"length: ...\".  It exits with status 0 when the answer meets every rule,\n"
	  "1 when there is feedback to act on.\n"
	  "\n"
	  "Scripts run sandboxed: no files, no processes, 32 MiB of memory and\n"
	  "2 seconds each.\n"
	  "\n"
	  "Options of exercise check:\n"
	  "  -a, --answer TEXT   the answer to check; - reads it from standard input\n"
	  "                      (a lone - argument does the same)\n"
	  "  -f, --field ID      the field whose rules apply: a field's id, or\n"
	  "                      TABLE.COLUMN for a table's column (default: the\n"
	  "                      first with feedback rules)\n"
	  "  -l, --lang LANG     check with the rules of the translation into LANG\n"
	  "                      (exercises/NAME.LANG.lua); the site's default\n"
	  "                      language, or none, checks with the original's\n"
	  "  --all               every item, not only the three a reader is shown\n"
	  "  --json              print {exercise, lang, field, ok, items, shown} as\n"
	  "                      JSON (\"lang\" only for a translation)\n"
	  "\n"
	  "exercise measure scores the rules on labelled sets of answers (see\n"
	  "tests/answers/README.md): concerns missed, false concerns, good answers\n"
	  "that do not meet every rule, each rule's precision and recall; status 1\n"
	  "unless every concern answer gets one, at most 2% of the rest do, and\n"
	  "every good answer meets every rule.\n" },
	{ "pdf", cmd_pdf,
	  "print the worksheets and the counselor's booklets as PDF",
	  "usage: mend pdf [NAME] [--paper a4|letter] [-o DIR] [-q]\n"
	  "\n"
	  "Make the printable PDFs of the project in the current folder: for every\n"
	  "exercise a page uses, a worksheet to fill in by hand (NAME-a4.pdf and\n"
	  "NAME-letter.pdf), and the counselor's booklet (booklet-a4.pdf,\n"
	  "booklet-letter.pdf: a cover with [print]'s practice, contents, every\n"
	  "step with its worksheets after it, a last page with a QR code back to\n"
	  "the site) and its facilitator's edition (booklet-facilitator-a4.pdf and\n"
	  "-letter.pdf: the same, with each exercise's facilitator notes after its\n"
	  "worksheet, every page of them under a black band, \"For the counselor:\n"
	  "not a handout\").  `mend build` makes all of them into the site's\n"
	  "worksheets/ folder too, and the pages link to them.  Like build, it\n"
	  "warns when site.toml's base_url, which every QR code and footer\n"
	  "carries, is a placeholder such as example.org.\n"
	  "\n"
	  "NAME makes one only: an exercise's name (apology-rewrite), booklet, or\n"
	  "booklet-facilitator.  Without -o the PDFs replace those in the output\n"
	  "folder's worksheets/ (others there are kept); with -o they go into DIR\n"
	  "itself.  The files are written into a staging folder and moved in at\n"
	  "the end, so a failure leaves the previous ones as they were.\n"
	  "\n"
	  "Every PDF is set in Noto Sans (Debian package fonts-noto-core), embedded.\n"
	  "Writing room comes from each field's print hint: print = { lines = N }\n"
	  "(ruled lines about 9 mm apart) or print = { height_mm = N } (a box).\n"
	  "Set SOURCE_DATE_EPOCH to fix the PDFs' creation date (and their bytes).\n"
	  "\n"
	  "Exit status: 0 written, 2 usage error (an unknown NAME or paper),\n"
	  "3 bad input (the font is not installed, a field too wide or too tall\n"
	  "for the page, text in a script the font lacks, an error in the\n"
	  "project), 4 the files could not be written.\n"
	  "\n"
	  "Options:\n"
	  "  -p, --paper a4|letter  only this paper size (default: both)\n"
	  "  -o, --output DIR       write the PDFs into DIR\n"
	  "  -q, --quiet            no summary line\n" },
	{ "serve", cmd_serve,
	  "preview the site: build, serve on this machine, rebuild on each change",
	  "usage: mend serve [--port N] [--bind ADDR] [--open] [-o DIR] [--drafts]\n"
	  "                  [--base-url URL] [-j N]\n"
	  "\n"
	  "Build the site as `mend build` does (checks included), serve it at\n"
	  "http://127.0.0.1:8383/ (the next free port when 8383 is taken), and\n"
	  "build it again each time a file changes: site.toml and everything under\n"
	  "content/, themes/ and exercises/, folders made later included (editors'\n"
	  "swap, backup and lock files are ignored).  After a good build every open\n"
	  "page reloads, keeping its place.  After a failed one the last good site\n"
	  "is still served, and every page shows the diagnostics over it, as the\n"
	  "terminal prints them, with the source line and a caret, until a build\n"
	  "succeeds again.\n"
	  "\n"
	  "The site is built into a private temporary folder (mode 0700), removed\n"
	  "when mend serve stops (Ctrl-C); with -o, into DIR instead, which goes\n"
	  "through build's guard and is kept.  Pages are served with their own\n"
	  "Content-Security-Policy, Cache-Control: no-store, nosniff and\n"
	  "no-referrer; GET and HEAD only; nothing outside the folder is ever read,\n"
	  "nor a symbolic link followed.  The reload script is served from memory\n"
	  "at /__mend/live.js and added to HTML as it is sent, never written into\n"
	  "the site.\n"
	  "\n"
	  "Options:\n"
	  "  -p, --port N        listen on port N (only N: an error when it is taken)\n"
	  "  --bind ADDR         listen on ADDR instead of 127.0.0.1; any address that\n"
	  "                      is not loopback is warned about: the preview is then\n"
	  "                      reachable from the network\n"
	  "  --open              open the address in the browser (xdg-open)\n"
	  "  -o, --output DIR    build into DIR, and keep it\n"
	  "  --drafts            include pages with draft = true\n"
	  "  --base-url URL      the site's address, instead of site.toml's base_url\n"
	  "  -j, --jobs N        threads for each build (default: one per core)\n" },
	{ "new", cmd_new,
	  "start a new site, page or exercise (new site, page, exercise)",
	  "usage: mend new site DIR [--base-url URL]\n"
	  "       mend new page [SECTION/]NAME\n"
	  "       mend new exercise NAME\n"
	  "\n"
	  "new site makes a small working project in DIR: site.toml with a\n"
	  "comment on every key, a home page, a section (content/steps/) of two\n"
	  "pages, an exercise (exercises/say-it-back.lua) on one of them, the\n"
	  "shared safety concerns, and a copy of the calm theme (themes/calm/)\n"
	  "to change as you like.  It builds and checks as it is.  DIR must be a\n"
	  "new folder (its parent must exist: nothing is made outside DIR) or an\n"
	  "empty one.  site.toml's base_url is the placeholder\n"
	  "https://example.org/, which mend build warns about until you set it,\n"
	  "unless --base-url gives the address the site will be published at.\n"
	  "\n"
	  "new page, in a project, writes content/SECTION/NAME.md (or\n"
	  "content/NAME.md) as a draft: front matter with a title made from NAME\n"
	  "(rebuild-trust: \"Rebuild trust\"), today's date (SOURCE_DATE_EPOCH's\n"
	  "when set) and draft = true.  A new SECTION gets its _index.md, a draft\n"
	  "too.  new exercise writes exercises/NAME.lua, a commented script whose\n"
	  "examples pass mend exercise test NAME (and exercises/lib/concerns.lua,\n"
	  "the shared safety concerns it starts from, when missing).\n"
	  "\n"
	  "Names are " UTIL_ID_RULE ".\n"
	  "mend new never replaces a file: a refusal writes nothing, and a failure\n"
	  "half-way takes away what was written.  Files are made with modes 0666\n"
	  "and folders 0777, less the umask.\n"
	  "\n"
	  "Exit status: 0 written, 2 usage error (a bad name, DIR not empty, the\n"
	  "file exists, not in a project), 4 the files could not be written.\n"
	  "\n"
	  "Options of new site:\n"
	  "  -b, --base-url URL  the address the site will be published at\n" },
	{ "translations", cmd_translations,
	  "where each page's translations stand (up to date, out of date, missing)",
	  "usage: mend translations [--lang LANG]\n"
	  "\n"
	  "For each page of the default language, where its translation into each\n"
	  "language of site.toml's [languages.TAG] stands: up to date, out of date\n"
	  "(its original changed since the version its translation_of records: the\n"
	  "build warns about these too), translated with no version recorded, or\n"
	  "not translated.  It prints the original's version, which a translation\n"
	  "records in its front matter as translation_of = \"VERSION\".\n"
	  "\n"
	  "Options:\n"
	  "  --lang LANG  only that language\n"
	  "\n"
	  "Exit status: 0, or 3 when site.toml or a page cannot be read.\n" },
	{ "help", cmd_help,
	  "show help for mend or for one command",
	  "usage: mend help [COMMAND]\n"
	  "\n"
	  "Show the overview of mend, or the full help of COMMAND.\n" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const struct command *
find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

int
cli_usage_error(const char *command, const char *fmt, ...)
{
	struct buf text = BUF_INIT, shown = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&text, fmt, ap);  /* it quotes arguments: shown safely */
	va_end(ap);
	diag_put_safe(&shown, buf_str(&text));
	fprintf(stderr, "mend%s%s: %s (try 'mend help%s%s')\n",
	    command ? " " : "", command ? command : "", buf_str(&shown),
	    command ? " " : "", command ? command : "");
	buf_free(&text);
	buf_free(&shown);
	return EXIT_USAGE;
}

int
cli_run_sub(const char *command, const struct cli_sub *subs,
    const char *missing, const char *unknown, int argc, char **argv)
{
	static const struct option options[] = {
		CLI_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const char *sub;
	size_t i;
	int c, r;

	opterr = 0;
	/* Options before the sub-command: "+" stops at its name. */
	while ((c = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		if ((r = cli_common_option(command, c, optarg, argv)) <= 0)
			return r == 0 ? EXIT_OK : EXIT_USAGE;
	}
	if (optind >= argc)
		return cli_usage_error(command, "%s", missing);
	sub = argv[optind];
	argc -= optind;
	argv += optind;
	optind = 0;  /* the sub-command parses its own argv afresh */
	for (i = 0; subs[i].name != NULL; i++)
		if (strcmp(sub, subs[i].name) == 0)
			return subs[i].run(argc, argv);
	return cli_usage_error(command, unknown, sub);
}

int
cli_jobs(const char *command, const char *arg, int *jobs)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || n < 1 || n > POOL_MAX_THREADS)
		return cli_usage_error(command, "--jobs wants a number of threads from "
		    "1 to %d, not '%s'", POOL_MAX_THREADS, arg);
	*jobs = (int)n;
	return 0;
}

void
cli_print_help(const char *name)
{
	const struct command *cmd = name ? find_command(name) : NULL;
	size_t i;

	if (cmd != NULL) {
		fputs(cmd->help, stdout);
		fputs("\nOptions every command takes:\n"
		      "  --format text|json  diagnostics as text (default) or JSON lines\n"
		      "  -h, --help          show this help\n", stdout);
		return;
	}
	fputs("usage: mend [-C DIR] [--format text|json] COMMAND [ARGS...]\n"
	      "\n"
	      "mend builds a static site of guidance content (Markdown pages, themed\n"
	      "templates, Lua-scripted exercises) from the project in the current\n"
	      "directory: site.toml, content/, themes/, exercises/.\n"
	      "\n"
	      "Commands:\n", stdout);
	for (i = 0; i < NCOMMANDS; i++)
		printf("  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	      "Options:\n"
	      "  -C DIR              run as if mend was started in DIR\n"
	      "  --format text|json  diagnostics as text (default) or JSON lines\n"
	      "  -h, --help          show this help\n"
	      "  -V, --version       show the version\n"
	      "\n"
	      "Diagnostics go to standard error as FILE:LINE:COL: error: MESSAGE,\n"
	      "coloured on a terminal unless NO_COLOR is set.\n"
	      "\n"
	      "Exit status: 0 success, 1 the site has errors, 2 usage error,\n"
	      "3 bad input (config, content, template, exercise), 4 I/O or internal\n"
	      "failure.\n"
	      "\n"
	      "Run 'mend help COMMAND' for the options of one command.\n", stdout);
}

int
cli_common_option(const char *command, int opt, const char *arg,
    char *const *argv)
{
	const char *written = argv[optind - 1];
	char one[3] = { '-', (char)optopt, '\0' };

	switch (opt) {
	case ':':
	case '?':
		/* getopt's errors: a long option as written, a short one alone
		   ("-z" of "-qz"). */
		if (strncmp(written, "--", 2) != 0 && optopt > ' ' && optopt < 127)
			written = one;
		if (opt == ':')
			cli_usage_error(command, "option '%s' needs a value", written);
		else
			cli_usage_error(command, "unknown option '%s'", written);
		return -1;
	case CLI_OPT_HELP:
		cli_print_help(command);
		return 0;
	case CLI_OPT_FORMAT:
		if (strcmp(arg, "text") == 0)
			diag_setup(DIAG_FORMAT_TEXT, -1);
		else if (strcmp(arg, "json") == 0)
			diag_setup(DIAG_FORMAT_JSON, 0);
		else {
			cli_usage_error(command, "unknown format '%s': use text or json", arg);
			return -1;
		}
		return 1;
	default:
		return -1;
	}
}

int
cmd_help(int argc, char **argv)
{
	if (argc > 2)
		return cli_usage_error("help", "too many arguments");
	if (argc == 2 && find_command(argv[1]) == NULL)
		return cli_usage_error("help", "unknown command '%s'", argv[1]);
	cli_print_help(argc == 2 ? argv[1] : NULL);
	return EXIT_OK;
}

int
cli_dispatch(int argc, char **argv)
{
	const struct command *cmd = find_command(argv[0]);

	if (cmd == NULL)
		return cli_usage_error(NULL, "unknown command '%s'", argv[0]);
	return cmd->run(argc, argv);
}
