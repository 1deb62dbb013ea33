/*
 * cmd_check — `mend check [DIR]`: read the options and check the folder
 * (build.c's build_check).  The help text is in cli.c's table.
 */
#include <getopt.h>
#include <stdbool.h>
#include <unistd.h>

#include "build.h"
#include "cli.h"
#include "lib/diag.h"
#include "lib/util.h"

int
cmd_check(int argc, char **argv)
{
	static const struct option options[] = {
		{ "external", no_argument, NULL, 'e' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		CLI_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const char *dir;
	bool external = false, quiet = false;
	int c, r, status, jobs = 0;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":j:qh", options, NULL)) != -1) {
		switch (c) {
		case 'e': external = true; break;
		case 'j':
			if (cli_jobs("check", optarg, &jobs) != 0)
				return EXIT_USAGE;
			break;
		case 'q': quiet = true; break;
		default:
			if ((r = cli_common_option("check", c, optarg, argv)) <= 0)
				return r == 0 ? EXIT_OK : EXIT_USAGE;
		}
	}
	if (optind + 1 < argc)
		return cli_usage_error("check", "unexpected argument '%s'", argv[optind + 1]);
	dir = optind < argc ? argv[optind] : NULL;
	if (dir == NULL && access("site.toml", F_OK) != 0)  /* no project here */
		return cli_usage_error("check", "which folder? name it: mend check DIR "
		    "(or run mend check in a project, next to site.toml)");
	status = build_check(dir, external, quiet, jobs);
	diag_summary();
	return status;
}
