/*
 * build — `mend build`: the pipeline from site.toml to the output folder.
 * Each stage is its own module; this file only runs them in order, keeps
 * the first failure's exit status, and makes sure a failed build writes
 * nothing into the output folder.
 */
#include "build.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "cli.h"
#include "config.h"
#include "content.h"
#include "diag.h"
#include "feeds.h"
#include "markdown.h"
#include "output.h"
#include "site.h"
#include "theme.h"
#include "util.h"

/* Render every page's Markdown body.  Returns 0, or -1 after diagnostics. */
static int
render_bodies(struct site *site)
{
	struct md_options mdopt;
	size_t i;
	int status = 0;

	memset(&mdopt, 0, sizeof(mdopt));
	mdopt.unsafe = site->config->markdown_unsafe;
	mdopt.reserved_ids = theme_reserved_ids;
	for (i = 0; i < site->npages; i++) {
		struct page *page = site->pages[i];

		if (markdown_render(page->body, page->body_len, page->source_path,
		    page->body_line, &mdopt, &page->doc) != 0) {
			status = -1;
			continue;
		}
		page->rendered = true;
	}
	return status;
}

/* Write every page, the 404 page and the site files into the staging folder. */
static int
write_site(struct site *site, struct theme *theme, struct output *out)
{
	struct buf html = BUF_INIT;
	struct buf path = BUF_INIT;
	size_t i;
	int status = 0;

	for (i = 0; i < site->npages && status == 0; i++) {
		const struct page *page = site->pages[i];

		buf_reset(&html);
		status = theme_render_page(theme, site, page, &html);
		if (status == 0)
			status = output_write(out, page->output_path, html.data, html.len);
	}
	if (status == 0) {
		buf_reset(&html);
		status = theme_render_404(theme, site, &html);
		if (status == 0)
			status = output_write(out, "404.html", html.data, html.len);
	}
	if (status == 0) {
		buf_reset(&html);
		status = feeds_sitemap(site, &html);
		if (status == 0)
			status = output_write(out, "sitemap.xml", html.data, html.len);
	}
	if (status == 0) {
		buf_reset(&html);
		status = feeds_atom(site, &html);
		if (status == 0)
			status = output_write(out, "atom.xml", html.data, html.len);
	}
	if (status == 0) {
		buf_reset(&html);
		feeds_robots(site, &html);
		status = output_write(out, "robots.txt", html.data, html.len);
	}
	if (status == 0) {
		buf_printf(&path, "%s/static", theme_dir(theme));
		status = output_copy_tree(out, buf_str(&path));
	}
	for (i = 0; i < site->nassets && status == 0; i++) {
		buf_reset(&path);
		buf_printf(&path, "content/%s", site->assets[i]);
		status = output_copy(out, site->assets[i], buf_str(&path));
	}
	buf_free(&html);
	buf_free(&path);
	return status;
}

static double
seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) +
	    (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

int
build_site(const struct build_options *opt)
{
	struct content_options copt = { "content", opt->drafts };
	struct site *site = xcalloc(1, sizeof(*site));
	struct theme *theme = NULL;
	struct output *out = NULL;
	struct timespec start;
	const char *out_dir = NULL;  /* set once the build may write */
	int status = EXIT_INPUT;

	clock_gettime(CLOCK_MONOTONIC, &start);
	if ((site->config = config_load("site.toml")) == NULL)
		goto done;
	if (opt->base_url != NULL && config_set_base_url(site->config,
	    opt->base_url, "--base-url") != 0) {
		status = EXIT_USAGE;
		goto done;
	}
	if (content_load(site, &copt) != 0)
		goto done;
	if (site->home == NULL) {
		diag_error("content/_index.md", 0, 0, "the home page is missing: "
		    "add content/_index.md with a title");
		goto done;
	}
	if ((theme = theme_load(site->config)) == NULL || render_bodies(site) != 0)
		goto done;
	if ((out = output_begin(opt->out_dir ? opt->out_dir :
	    site->config->output_dir)) == NULL) {
		status = opt->out_dir ? EXIT_USAGE : EXIT_INPUT;
		goto done;
	}
	out_dir = opt->out_dir ? opt->out_dir : site->config->output_dir;
	if (write_site(site, theme, out) != 0) {
		/* A template error is bad input; a failed write is I/O. */
		status = EXIT_INPUT;
		output_abort(out);
		goto done;
	}
	if (output_commit(out) != 0) {
		status = EXIT_IO;
		goto done;
	}
	status = EXIT_OK;
	if (!opt->quiet)
		printf("mend: built %zu page%s into %s/ in %.2f s\n", site->npages,
		    site->npages == 1 ? "" : "s", out_dir, seconds_since(&start));
done:
	if (status != EXIT_OK && out_dir == NULL)
		diag_say("build failed; nothing was written");
	else if (status != EXIT_OK)
		diag_say("build failed; %s was left as it was", out_dir);
	theme_free(theme);
	site_free(site);
	diag_summary();
	return status;
}

int
cmd_build(int argc, char **argv)
{
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "drafts", no_argument, NULL, 'D' },
		{ "base-url", required_argument, NULL, 'b' },
		{ "quiet", no_argument, NULL, 'q' },
		CLI_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct build_options opt = { NULL, NULL, false, false };
	int c, r;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:qh", options, NULL)) != -1) {
		switch (c) {
		case 'o': opt.out_dir = optarg; break;
		case 'D': opt.drafts = true; break;
		case 'b': opt.base_url = optarg; break;
		case 'q': opt.quiet = true; break;
		case ':':
			return cli_usage_error("build", "option '%s' needs a value",
			    argv[optind - 1]);
		case '?':
			return cli_usage_error("build", "unknown option '%s'", argv[optind - 1]);
		default:
			if ((r = cli_common_option("build", c, optarg)) <= 0)
				return r == 0 ? EXIT_OK : EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error("build", "unexpected argument '%s'", argv[optind]);
	return build_site(&opt);
}
