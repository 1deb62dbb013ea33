/*
 * embed — write a C source that holds files' bytes, for `mend new` (and
 * `mend serve`'s live.js and live.css).
 *
 *   embed OUT.c NAME=FILE...
 *
 * OUT.c defines starter_files[] (see generator/site/starter.h): for each
 * argument, in the order given, the name NAME and the bytes of FILE,
 * followed by an entry whose name is NULL.  The Makefile builds this with
 * the host's compiler and runs it on starter/, themes/calm/ and
 * generator/serve/'s two files, so the installed binary carries them and
 * never needs the repository.  Plain C, no xxd: what builds mend builds this.  OUT.c is
 * written whole to OUT.c.tmp and renamed, so a failed run leaves no half
 * file that make would take as up to date.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
fail(const char *what, const char *path)
{
	fprintf(stderr, "embed: %s: %s\n", path, what);
	exit(1);
}

/* Write name as a C string literal: only printable ASCII as itself. */
static void
put_string(FILE *out, const char *name)
{
	const unsigned char *s = (const unsigned char *)name;

	fputc('"', out);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(out, "\\%c", *s);
		else if (*s >= 0x20 && *s < 0x7f && *s != '?')  /* '?': no trigraphs */
			fputc(*s, out);
		else
			fprintf(out, "\\%03o", *s);
	}
	fputc('"', out);
}

int
main(int argc, char **argv)
{
	char tmp[4096];
	FILE *out, *in;
	int i, c;
	long n;

	if (argc < 2) {
		fputs("usage: embed OUT.c NAME=FILE...\n", stderr);
		return 2;
	}
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", argv[1]) >= sizeof(tmp))
		fail("name too long", argv[1]);
	if ((out = fopen(tmp, "w")) == NULL)
		fail("cannot write", tmp);
	fputs("/* Made by scripts/embed.c at build time; do not edit. */\n"
	      "#include \"site/starter.h\"\n\n", out);
	for (i = 2; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');

		if (eq == NULL || eq == argv[i])
			fail("not NAME=FILE", argv[i]);
		if ((in = fopen(eq + 1, "rb")) == NULL)
			fail("cannot read", eq + 1);
		fprintf(out, "static const unsigned char file_%d[] = {", i - 2);
		for (n = 0; (c = fgetc(in)) != EOF; n++)
			fprintf(out, "%s%d,", n % 20 == 0 ? "\n\t" : "", c);
		if (ferror(in))
			fail("cannot read", eq + 1);
		fclose(in);
		/* A last 0, so that an empty file is still a valid array. */
		fprintf(out, "%s0\n};\n", n % 20 == 0 ? "\n\t" : "");
	}
	fputs("\nconst struct starter_file starter_files[] = {\n", out);
	for (i = 2; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		char name[4096];

		if ((size_t)(eq - argv[i]) >= sizeof(name))
			fail("name too long", argv[i]);
		memcpy(name, argv[i], (size_t)(eq - argv[i]));
		name[eq - argv[i]] = '\0';
		fputs("\t{ ", out);
		put_string(out, name);
		fprintf(out, ", file_%d, sizeof(file_%d) - 1 },\n", i - 2, i - 2);
	}
	fputs("\t{ 0, 0, 0 }\n};\n", out);
	if (fflush(out) != 0 || ferror(out) || fclose(out) != 0)
		fail("cannot write", tmp);
	if (rename(tmp, argv[1]) != 0)
		fail("cannot rename into place", argv[1]);
	return 0;
}
