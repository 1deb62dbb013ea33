/*
 * cmd_translations — `mend translations [--lang LANG]`: for each page of
 * the default language, where each other language stands: translated and
 * up to date, translated but its original changed since (the build warns
 * about those too), translated with no record of which version, or not
 * translated.  It prints the version to record as `translation_of`.  The
 * help text is in cli.c's table.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "cli.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "site/config.h"
#include "site/content.h"
#include "site/site.h"
#include "lib/util.h"

/* Print where language k stands for the original page. */
static void
print_status(const struct config *cfg, const struct page *original, size_t k,
    const char *version, size_t *stale)
{
	const struct page *tr = original->translations[k];
	const char *tag = cfg->languages[k].tag;

	if (tr == NULL)
		printf("  %-6s not translated\n", tag);
	else if (tr->translation_of == NULL)
		printf("  %-6s %s: no version recorded; once it matches the "
		    "original, add translation_of = \"%s\"\n", tag, tr->source_path,
		    version);
	else if (strcmp(tr->translation_of, version) != 0) {
		printf("  %-6s %s: out of date (the original changed since "
		    "\"%s\"); once updated, set translation_of = \"%s\"\n", tag,
		    tr->source_path, tr->translation_of, version);
		(*stale)++;
	} else
		printf("  %-6s %s: up to date\n", tag, tr->source_path);
}

int
cmd_translations(int argc, char **argv)
{
	static const struct option options[] = {
		{ "lang", required_argument, NULL, 'l' },
		CLI_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct content_options copt = { "content", true, 0 };
	const char *only = NULL;
	struct site *site;
	size_t i, k, stale = 0;
	int c, r, want = -1, status = EXIT_OK;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":l:h", options, NULL)) != -1) {
		if (c == 'l') {
			only = optarg;
			continue;
		}
		if ((r = cli_common_option("translations", c, optarg, argv)) <= 0)
			return r == 0 ? EXIT_OK : EXIT_USAGE;
	}
	if (optind < argc)
		return cli_usage_error("translations", "unexpected argument '%s'",
		    argv[optind]);
	site = xcalloc(1, sizeof(*site));
	if ((site->config = config_load("site.toml")) == NULL) {
		site_free(site);
		diag_summary();
		return EXIT_INPUT;
	}
	if (only != NULL && ((want = config_language_index(site->config, only,
	    strlen(only))) <= 0)) {
		struct buf tags = BUF_INIT;

		for (k = 1; k < site->config->nlanguages; k++)
			buf_printf(&tags, "%s'%s'", k > 1 ? ", " : "",
			    site->config->languages[k].tag);
		status = cli_usage_error("translations", "'%s' is not a language "
		    "the site is translated into%s%s", only, tags.len > 0 ?
		    "; its translations are in " : " (site.toml has no "
		    "[languages.TAG])", buf_str(&tags));
		buf_free(&tags);
		site_free(site);
		return status;
	}
	if (content_load(site, &copt) != 0)
		status = EXIT_INPUT;
	for (i = 0; i < site->npages; i++) {
		const struct page *page = site->pages[i];
		char version[17];

		if (page->lang != 0 || site->config->nlanguages < 2)
			continue;
		site_version(page, version);
		printf("%s (version \"%s\")\n", page->source_path, version);
		for (k = 1; k < site->config->nlanguages; k++)
			if (want < 0 || (size_t)want == k)
				print_status(site->config, page, k, version, &stale);
	}
	if (site->config->nlanguages < 2)
		printf("mend: the site is in one language: add [languages.TAG] "
		    "tables to site.toml to translate it\n");
	else if (stale > 0)
		printf("mend: %zu translation%s out of date\n", stale,
		    stale == 1 ? " is" : "s are");
	site_free(site);
	diag_summary();
	return status;
}
