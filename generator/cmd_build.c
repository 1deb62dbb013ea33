/*
 * cmd_build — `mend build`: read the options into a build_options and
 * build the site (build.c).  The help text is in cli.c's table.
 */
#include <getopt.h>
#include <string.h>

#include "build.h"
#include "cli.h"
#include "lib/diag.h"
#include "lib/util.h"

int
cmd_build(int argc, char **argv)
{
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "drafts", no_argument, NULL, 'D' },
		{ "base-url", required_argument, NULL, 'b' },
		{ "no-check", no_argument, NULL, 'n' },
		{ "external", no_argument, NULL, 'e' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		CLI_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct build_options opt;
	int c, r, status;

	memset(&opt, 0, sizeof(opt));
	opt.warn_placeholder = true;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:j:qh", options, NULL)) != -1) {
		switch (c) {
		case 'o': opt.out_dir = optarg; break;
		case 'j':
			if (cli_jobs("build", optarg, &opt.jobs) != 0)
				return EXIT_USAGE;
			break;
		case 'D': opt.drafts = true; break;
		case 'b': opt.base_url = optarg; break;
		case 'n': opt.no_check = true; break;
		case 'e': opt.external = true; break;
		case 'q': opt.quiet = true; break;
		default:
			if ((r = cli_common_option("build", c, optarg, argv)) <= 0)
				return r == 0 ? EXIT_OK : EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error("build", "unexpected argument '%s'", argv[optind]);
	if (opt.no_check && opt.external)
		return cli_usage_error("build", "--external needs the check: "
		    "drop --no-check");
	status = build_site(&opt);
	diag_summary();
	return status;
}
