/*
 * cmd_debug — `mend debug ...`: tools for theme authors and mend's own
 * conformance tests.  Each subcommand reads one input, runs one module on
 * it and prints the result; none of them touches a site.  The help text is
 * in cli.c's table.
 *
 *   mend debug toml [FILE]          TOML to toml-test's tagged JSON
 *   mend debug template FILE --data DATA.json [--partials DIR]
 *   mend debug model NAME           an exercise's model, as the page embeds it
 *   mend debug form NAME            the data the theme's exercise partial sees
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "cli.h"
#include "live.h"
#include "lib/diag.h"
#include "exercise/exercise.h"
#include "exercise/form.h"
#include "exercise/model.h"
#include "lib/template.h"
#include "lib/toml.h"
#include "lib/util.h"

/* Read a whole file, or standard input for NULL or "-".  0 or -1 (reported). */
static int
read_input(const char *path, char **data, size_t *len)
{
	if (path == NULL || strcmp(path, "-") == 0) {
		if (util_read_file("/dev/stdin", data, len) == 0)
			return 0;
		diag_error("<stdin>", 0, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	if (util_read_file(path, data, len) == 0)
		return 0;
	diag_error(path, 0, 0, "cannot read: %s", strerror(errno));
	return -1;
}

/* The shortest decimal form of a float that reads back as the same value. */
static void
format_float(double d, struct buf *out)
{
	char text[64];
	int precision;

	if (isnan(d)) {
		BUF_PUTSL(out, "nan");
		return;
	}
	if (isinf(d)) {
		buf_puts(out, d < 0 ? "-inf" : "inf");
		return;
	}
	for (precision = 1; precision <= 17; precision++) {
		snprintf(text, sizeof(text), "%.*g", precision, d);
		if (strtod(text, NULL) == d)
			break;
	}
	buf_puts(out, text);
}

/* A date-time value as RFC 3339 text, in the parts its type has. */
static void
format_datetime(enum toml_type type, const struct toml_datetime *dt,
    struct buf *out)
{
	if (type != TOML_TIME_LOCAL)
		buf_printf(out, "%04d-%02d-%02d", dt->year, dt->month, dt->day);
	if (type == TOML_DATE_LOCAL)
		return;
	if (type != TOML_TIME_LOCAL)
		buf_putc(out, 'T');
	buf_printf(out, "%02d:%02d:%02d", dt->hour, dt->minute, dt->second);
	if (dt->frac_digits > 0) {
		int digits = dt->frac_digits > 9 ? 9 : dt->frac_digits;
		long frac = dt->nanosecond;
		int i;

		for (i = digits; i < 9; i++)
			frac /= 10;
		buf_printf(out, ".%0*ld", digits, frac);
	}
	if (type != TOML_DATETIME)
		return;
	if (dt->offset_z)
		buf_putc(out, 'Z');
	else {
		int off = dt->offset_minutes < 0 ? -dt->offset_minutes : dt->offset_minutes;

		buf_printf(out, "%c%02d:%02d", dt->offset_minutes < 0 ? '-' : '+',
		    off / 60, off % 60);
	}
}

static const char *
tagged_type(enum toml_type type)
{
	switch (type) {
	case TOML_STRING: return "string";
	case TOML_INTEGER: return "integer";
	case TOML_FLOAT: return "float";
	case TOML_BOOL: return "bool";
	case TOML_DATETIME: return "datetime";
	case TOML_DATETIME_LOCAL: return "datetime-local";
	case TOML_DATE_LOCAL: return "date-local";
	case TOML_TIME_LOCAL: return "time-local";
	default: return "?";
	}
}

/* The value v in toml-test's tagged JSON form; the caller owns the result. */
static json_t *
tagged_json(const struct toml_value *v)
{
	enum toml_type type = toml_type(v);
	struct buf text = BUF_INIT;
	json_t *obj;
	size_t i, len;
	const char *s;

	switch (type) {
	case TOML_TABLE:
		obj = json_object();
		for (i = 0; i < toml_table_size(v); i++) {
			s = toml_table_keyn(v, i, &len);  /* keys may hold NUL */
			json_object_setn_new(obj, s, len,
			    tagged_json(toml_table_value(v, i)));
		}
		return obj;
	case TOML_ARRAY:
		obj = json_array();
		for (i = 0; i < toml_array_size(v); i++)
			json_array_append_new(obj, tagged_json(toml_array_at(v, i)));
		return obj;
	case TOML_STRING:
		s = toml_string(v, &len);
		buf_put(&text, s, len);
		break;
	case TOML_INTEGER:
		buf_printf(&text, "%lld", (long long)toml_integer(v));
		break;
	case TOML_FLOAT:
		format_float(toml_float(v), &text);
		break;
	case TOML_BOOL:
		buf_puts(&text, toml_bool(v) ? "true" : "false");
		break;
	default:
		format_datetime(type, toml_datetime(v), &text);
		break;
	}
	obj = json_object();
	json_object_set_new(obj, "type", json_string(tagged_type(type)));
	json_object_set_new(obj, "value", json_stringn(text.data ? text.data : "", text.len));
	buf_free(&text);
	return obj;
}

static int
debug_toml(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : NULL;
	const char *name;
	struct toml_value *root;
	json_t *json;
	char *text;
	size_t len;

	if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		cli_print_help("debug");
		return EXIT_OK;
	}
	if (argc > 2)
		return cli_usage_error("debug toml", "too many arguments");
	name = path == NULL || strcmp(path, "-") == 0 ? "<stdin>" : path;
	if (read_input(path, &text, &len) != 0)
		return EXIT_IO;
	root = toml_parse_with_nul(text, len, name, 1);
	free(text);
	if (root == NULL)
		return EXIT_SITE;
	json = tagged_json(root);
	toml_free(root);
	if (json_dumpf(json, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0)
		xoom();
	putchar('\n');
	json_decref(json);
	return EXIT_OK;
}

/* The folder of path ("." when it has none); the caller frees it. */
static char *
folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	return xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
}

static int
debug_template(int argc, char **argv)
{
	static const struct option options[] = {
		{ "data", required_argument, NULL, 'd' },
		{ "partials", required_argument, NULL, 'p' },
		CLI_COMMON_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const char *data_path = NULL, *partials = NULL;
	char *folder = NULL;
	struct template_set *set;
	const struct template *tpl;
	struct buf out = BUF_INIT;
	json_error_t error;
	json_t *data;
	int c, r, status;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (c) {
		case 'd': data_path = optarg; break;
		case 'p': partials = optarg; break;
		case ':':
		case '?':  /* named as the tool, not the command */
			(void)cli_common_option("debug template", c, optarg, argv);
			return EXIT_USAGE;
		default:
			if ((r = cli_common_option("debug", c, optarg, argv)) <= 0)
				return r == 0 ? EXIT_OK : EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return cli_usage_error("debug template", "which template? name a file");
	if (optind + 1 < argc)
		return cli_usage_error("debug template", "unexpected argument '%s'",
		    argv[optind + 1]);
	if (data_path == NULL)
		return cli_usage_error("debug template", "--data DATA.json is required");
	data = json_load_file(data_path, JSON_DECODE_ANY, &error);
	if (data == NULL) {
		diag_error(data_path, error.line > 0 ? error.line : 0,
		    error.column > 0 ? error.column : 0, "%s", error.text);
		return EXIT_INPUT;
	}
	if (partials == NULL)
		partials = folder = folder_of(argv[optind]);
	set = template_set_new(partials);
	status = EXIT_INPUT;
	if ((tpl = template_set_load(set, argv[optind], NULL)) != NULL &&
	    template_render(set, tpl, data, &out) == 0) {
		fwrite(buf_str(&out), 1, out.len, stdout);
		status = EXIT_OK;
	}
	buf_free(&out);
	template_set_free(set);
	json_decref(data);
	free(folder);
	return status;
}

/*
 * `debug model NAME [--lang LANG]` and `debug form NAME [--lang LANG]`:
 * print the model, or its view (of the translation into LANG).
 */
static int
debug_exercise(int argc, char **argv)
{
	bool form = strcmp(argv[0], "form") == 0, missing = false;
	const char *lang = NULL;
	struct exercise *ex, *tr = NULL;
	json_t *out;

	if (argc == 4 && strcmp(argv[2], "--lang") == 0)
		lang = argv[3];
	else if (argc != 2)
		return cli_usage_error("debug", "name one exercise: mend debug %s "
		    "NAME", argv[0]);
	if (!exercise_name_valid(argv[1]))
		return cli_usage_error("debug", "'%s' is not an exercise name", argv[1]);
	if (lang != NULL && !exercise_lang_valid(lang))
		return cli_usage_error("debug", "'%s' is not a language tag", lang);
	if ((ex = exercise_load(argv[1], &missing)) == NULL) {
		if (missing)
			diag_error(NULL, 0, 0, "exercise '%s' not found: there is no "
			    "exercises/%s.lua", argv[1], argv[1]);
		return missing ? EXIT_USAGE : EXIT_INPUT;
	}
	if (lang != NULL &&
	    (tr = exercise_load_translation(ex, lang, &missing)) == NULL) {
		if (missing)
			diag_error(NULL, 0, 0, "exercise '%s' has no translation "
			    "into '%s': there is no exercises/%s.%s.lua", argv[1],
			    lang, argv[1], lang);
		exercise_free(ex);
		return missing ? EXIT_USAGE : EXIT_INPUT;
	}
	out = form ? form_view((tr ? tr : ex)->model, NULL, NULL) :
	    json_incref((tr ? tr : ex)->model->json);
	if (json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0)
		xoom();
	putchar('\n');
	json_decref(out);
	exercise_free(tr);
	exercise_free(ex);
	return EXIT_OK;
}

struct debug_command {
	const char *name;
	int (*run)(int, char **);
};

static const struct debug_command debug_commands[] = {
	{ "toml", debug_toml },
	{ "template", debug_template },
	{ "model", debug_exercise },
	{ "form", debug_exercise },
	{ "live-update", live_debug_update },  /* live.h; not in the help */
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
