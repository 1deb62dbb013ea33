/*
 * main — parse the options that come before the command, then dispatch.
 * Everything else lives in the modules; see cli.c for the command table.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "lib/diag.h"
#include "lib/util.h"

#ifndef MEND_VERSION
#define MEND_VERSION "0.0.0"
#endif

/*
 * jemalloc's options, which it reads at its first allocation (the Makefile
 * links jemalloc into mend; elsewhere this is an unused string).  A build
 * touches most of its memory once: pages, their HTML, the search index.
 * On 4 KiB pages, faulting that memory in was about a third of a full
 * build of 10,000 pages on a virtual machine; on transparent huge pages,
 * where the system grants them on request (madvise), there are a tenth as
 * many faults.  README "Performance" has the figures.
 */
extern const char *malloc_conf;
const char *malloc_conf = "thp:always,metadata_thp:auto";

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "version", no_argument, NULL, 'V' },
		CLI_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	int opt, status, first;

	diag_setup(DIAG_FORMAT_TEXT, -1);
	opterr = 0;
	/* "+": stop at the first non-option, the command's name; ":": tell a
	   missing value from an unknown option. */
	while ((opt = getopt_long(argc, argv, "+:hVC:", options, NULL)) != -1) {
		switch (opt) {
		case 'V':
			printf("mend %s\n", MEND_VERSION);
			return EXIT_OK;
		case 'C':
			if (chdir(optarg) != 0) {
				diag_error(optarg, 0, 0, "cannot enter directory: %s",
				    strerror(errno));
				return EXIT_IO;
			}
			break;
		default:
			status = cli_common_option(NULL, opt, optarg, argv);
			if (status <= 0)
				return status == 0 ? EXIT_OK : EXIT_USAGE;
		}
	}
	first = optind;
	if (first >= argc) {  /* no command: build, as the design says */
		static char build[] = "build";
		static char *default_argv[] = { build, NULL };

		optind = 0;
		return cli_dispatch(1, default_argv);
	}
	optind = 0;  /* let the command run getopt_long afresh (GNU reset) */
	return cli_dispatch(argc - first, argv + first);
}
