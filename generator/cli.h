/*
 * cli — what the subcommands share: their entry points, and the handling
 * of the options every command accepts (--format, --help).
 *
 * Each command is a function int cmd_NAME(int argc, char **argv), in
 * generator/cmd_NAME.c, that receives its own argv (argv[0] is the
 * command's name), parses its options, calls the modules' plain functions
 * and returns an exit status from enum mend_exit.  main.c only
 * dispatches.  No other module includes this header: the command line
 * stops at the commands.
 */
#ifndef MEND_CLI_H
#define MEND_CLI_H

#include <stdbool.h>

/* The options every command takes, for getopt_long tables. */
#define CLI_OPT_FORMAT 0x100
#define CLI_OPT_HELP 'h'
#define CLI_COMMON_OPTIONS \
	{ "format", required_argument, NULL, CLI_OPT_FORMAT }, \
	{ "help", no_argument, NULL, CLI_OPT_HELP }

/*
 * Handle what getopt_long returned (opt, with optarg arg) that is not the
 * command's own: a common option, or getopt's ':' (a value is missing) and
 * '?' (an unknown option), named from argv[optind - 1].  Returns 1 when
 * handled, 0 when the command should exit 0 now (help was printed), and -1
 * after printing a usage error (exit EXIT_USAGE).
 */
int cli_common_option(const char *command, int opt, const char *arg,
    char *const *argv);

/*
 * Read the value of -j/--jobs (a number of threads, 1 to 64) into *jobs.
 * Returns 0, or EXIT_USAGE after a usage error.
 */
int cli_jobs(const char *command, const char *arg, int *jobs);

/* A sub-command of a command ("test" of "mend exercise"): what runs it. */
struct cli_sub {
	const char *name;
	int (*run)(int argc, char **argv);  /* argv[0] is the name */
};

/*
 * A command made of sub-commands (mend exercise, mend new): read the
 * common options (-h), then run the sub-command subs names (up to a NULL
 * name) with argv from its name on.  missing is the usage error when no
 * name follows; unknown, with a %s for the name, when it is none of them.
 * Returns the sub-command's status, or EXIT_OK after help, EXIT_USAGE
 * after a usage error.
 */
int cli_run_sub(const char *command, const struct cli_sub *subs,
    const char *missing, const char *unknown, int argc, char **argv);

/* Print a one-line usage error for command and return EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Print the full help of a command ("build"), or NULL: mend's, to stdout. */
void cli_print_help(const char *command);

/*
 * Run the command named argv[0] with its arguments; an unknown name is a
 * usage error.  Returns the exit status.
 */
int cli_dispatch(int argc, char **argv);

/* The commands; each lives in its own cmd_NAME.c (help in cli.c). */
int cmd_help(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_debug(int argc, char **argv);
int cmd_exercise(int argc, char **argv);
int cmd_pdf(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_translations(int argc, char **argv);

#endif
