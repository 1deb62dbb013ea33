/*
 * cmd_pdf — `mend pdf [NAME]`: read the paper, the folder and the name,
 * and write the PDFs (build.c's build_pdfs).  The help text is in cli.c's
 * table.
 */
#include <getopt.h>
#include <string.h>

#include "build.h"
#include "cli.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/util.h"

int
cmd_pdf(int argc, char **argv)
{
	static const struct option options[] = {
		{ "paper", required_argument, NULL, 'p' },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		CLI_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct build_pdf_options opt;
	struct buf known = BUF_INIT;
	int c, r, status;

	memset(&opt, 0, sizeof(opt));
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":p:o:qh", options, NULL)) != -1) {
		switch (c) {
		case 'p':
			if (strcmp(optarg, "a4") == 0 || strcmp(optarg, "A4") == 0)
				opt.pdfs.papers |= 1u << PDF_A4;
			else if (strcmp(optarg, "letter") == 0)
				opt.pdfs.papers |= 1u << PDF_LETTER;
			else
				return cli_usage_error("pdf", "unknown paper '%s': use a4 or "
				    "letter", optarg);
			break;
		case 'o': opt.out_dir = optarg; break;
		case 'q': opt.quiet = true; break;
		default:
			if ((r = cli_common_option("pdf", c, optarg, argv)) <= 0)
				return r == 0 ? EXIT_OK : EXIT_USAGE;
		}
	}
	if (optind + 1 < argc)
		return cli_usage_error("pdf", "unexpected argument '%s'", argv[optind + 1]);
	opt.pdfs.only = optind < argc ? argv[optind] : NULL;
	status = build_pdfs(&opt, &known);
	if (status == EXIT_USAGE && known.len > 0)  /* an unknown NAME */
		cli_usage_error("pdf", "no PDF is named '%s': name one of %s",
		    opt.pdfs.only, buf_str(&known));
	buf_free(&known);
	diag_summary();
	return status;
}
