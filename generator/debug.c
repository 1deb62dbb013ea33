/*
 * debug — `mend debug ...`: tools for theme authors and mend's own
 * conformance tests.  Each subcommand reads one input, runs one module on
 * it and prints the result; none of them touches a site.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "util.h"

struct debug_command {
	const char *name;
	int (*run)(int, char **);
};

static const struct debug_command debug_commands[] = {
	{ NULL, NULL }
};

int
cmd_debug(int argc, char **argv)
{
	size_t i;

	if (argc < 2)
		return cli_usage_error("debug", "which tool? (toml or template)");
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cli_print_help("debug");
		return EXIT_OK;
	}
	for (i = 0; debug_commands[i].name != NULL; i++)
		if (strcmp(debug_commands[i].name, argv[1]) == 0)
			return debug_commands[i].run(argc - 1, argv + 1);
	return cli_usage_error("debug", "unknown tool '%s'", argv[1]);
}
