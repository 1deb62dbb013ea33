/*
 * harness — process and file helpers for the check suites.  See harness.h.
 */
#include "harness.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/util.h"

static char *
slurp_fd(int fd)
{
	size_t cap = 4096, len = 0;
	char *data = xmalloc(cap);
	ssize_t n;

	for (;;) {
		if (len + 1 >= cap)
			data = xrealloc(data, cap *= 2);
		n = read(fd, data + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	data[len] = '\0';
	return data;
}

const char *
harness_root(void)
{
	static char root[PATH_MAX];

	if (root[0] == '\0' && getcwd(root, sizeof(root)) == NULL)
		abort();
	return root;
}

void
run_mend(struct run *r, const char *dir, const char *stdin_text, ...)
{
	const char *args[63];
	size_t n = 0;
	va_list ap;

	va_start(ap, stdin_text);
	while (n < 62 && (args[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	args[n] = NULL;
	run_mendv(r, dir, stdin_text, args);
}

void
run_mendv(struct run *r, const char *dir, const char *stdin_text,
    const char *const *args)
{
	const char *argv[64];
	const char *bin = getenv("MEND_BIN");
	char binpath[PATH_MAX * 2];
	char infile[] = "/tmp/mend-stdin-XXXXXX";
	char outfile[] = "/tmp/mend-stdout-XXXXXX";
	char errfile[] = "/tmp/mend-stderr-XXXXXX";
	int in, out, err, status;
	size_t argc = 0;
	pid_t pid;

	if (bin == NULL)
		bin = "./mend";
	if (bin[0] != '/')  /* relative to the project root, whatever dir is */
		snprintf(binpath, sizeof(binpath), "%s/%s", harness_root(), bin);
	else
		snprintf(binpath, sizeof(binpath), "%s", bin);
	argv[argc++] = binpath;
	while (argc < 63 && args[argc - 1] != NULL) {
		argv[argc] = args[argc - 1];
		argc++;
	}
	argv[argc] = NULL;

	in = mkstemp(infile);
	out = mkstemp(outfile);
	err = mkstemp(errfile);
	if (in < 0 || out < 0 || err < 0)
		abort();
	if (stdin_text != NULL &&
	    write(in, stdin_text, strlen(stdin_text)) != (ssize_t)strlen(stdin_text))
		abort();
	lseek(in, 0, SEEK_SET);
	unlink(infile);
	unlink(outfile);
	unlink(errfile);
	fflush(NULL);
	if ((pid = fork()) < 0)
		abort();
	if (pid == 0) {
		if (stdin_text == NULL) {
			close(in);
			in = open("/dev/null", O_RDONLY);
		}
		dup2(in, 0);
		dup2(out, 1);
		dup2(err, 2);
		if (dir != NULL && chdir(dir) != 0)
			_exit(127);
		setenv("NO_COLOR", "1", 1);
		execv(binpath, (char *const *)argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	r->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	lseek(out, 0, SEEK_SET);
	lseek(err, 0, SEEK_SET);
	r->out = slurp_fd(out);
	r->err = slurp_fd(err);
	close(in);
	close(out);
	close(err);
}

void
run_free(struct run *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}

int
harness_run(Suite *s, void (*report)(SRunner *sr))
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	if (report != NULL)
		report(sr);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed;
}

char *
harness_tmpdir(void)
{
	char tmpl[] = "/tmp/mend-test-XXXXXX";

	if (mkdtemp(tmpl) == NULL)
		abort();
	return xstrdup(tmpl);
}

char *
harness_guide(void)
{
	static const char *const parts[] = { "content", "themes", "exercises" };
	char *dir = harness_tmpdir(), *toml;
	struct buf src = BUF_INIT, dst = BUF_INIT;
	size_t i, len;

	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		buf_reset(&src);
		buf_reset(&dst);
		buf_printf(&src, "%s/%s", harness_root(), parts[i]);
		buf_printf(&dst, "%s/%s", dir, parts[i]);
		harness_copytree(buf_str(&src), buf_str(&dst));
	}
	buf_reset(&src);
	buf_printf(&src, "%s/site.toml", harness_root());
	ck_assert_int_eq(util_read_file(buf_str(&src), &toml, &len), 0);
	harness_write(dir, "site.toml", toml);
	free(toml);
	buf_free(&src);
	buf_free(&dst);
	return dir;
}

static void
make_parents(char *path)
{
	char *slash;

	for (slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
}

void
harness_write(const char *dir, const char *rel, const char *text)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	make_parents(path);
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	fputs(text, f);
	fclose(f);
}

char *
harness_read(const char *dir, const char *rel)
{
	char path[PATH_MAX];
	char *data;
	size_t len;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	if (util_read_file(path, &data, &len) != 0)
		return NULL;
	return data;
}

static int
remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void
harness_rmtree(const char *dir)
{
	if (strncmp(dir, "/tmp/mend-test-", 15) != 0)  /* only our own */
		abort();
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

const char *
harness_shared(void)
{
	const char *shared = getenv("MEND_SHARED");

	return shared != NULL ? shared : "../shared";
}

void
harness_copytree(const char *src, const char *dst)
{
	char from[PATH_MAX * 2], to[PATH_MAX * 2];
	struct dirent *ent;
	struct stat st;
	DIR *dir;

	mkdir(dst, 0755);
	if ((dir = opendir(src)) == NULL)
		abort();
	while ((ent = readdir(dir)) != NULL) {
		if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
			continue;
		snprintf(from, sizeof(from), "%s/%s", src, ent->d_name);
		snprintf(to, sizeof(to), "%s/%s", dst, ent->d_name);
		if (stat(from, &st) != 0)
			abort();
		if (S_ISDIR(st.st_mode))
			harness_copytree(from, to);
		else {
			char *data;
			size_t len;
			FILE *f;

			if (util_read_file(from, &data, &len) != 0 ||
			    (f = fopen(to, "wb")) == NULL)
				abort();
			fwrite(data, 1, len, f);
			fclose(f);
			free(data);
		}
	}
	closedir(dir);
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
harness_list(const char *rel, const char *suffix, char **names, int max)
{
	char path[PATH_MAX * 2];
	size_t slen = suffix != NULL ? strlen(suffix) : 0;
	struct dirent *ent;
	int n = 0;
	DIR *d;

	snprintf(path, sizeof(path), "%s/%s", harness_root(), rel);
	if ((d = opendir(path)) == NULL)
		return 0;
	while ((ent = readdir(d)) != NULL && n < max) {
		size_t len = strlen(ent->d_name);

		if (ent->d_name[0] == '.' || len <= slen ||
		    (slen > 0 && strcmp(ent->d_name + len - slen, suffix) != 0))
			continue;
		names[n++] = xstrndup(ent->d_name, len - slen);
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof(*names), compare_names);
	return n;
}

int
harness_exists(const char *dir, const char *rel)
{
	char path[PATH_MAX * 2];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	return lstat(path, &st) == 0;
}

static struct buf collected = BUF_INIT;

/* A sink that writes each diagnostic as diag.c's text format does. */
static void
collect_diag(const struct diag *d, void *ctx)
{
	static const char *const severity[] = { "error", "warning", "note" };
	struct buf *out = ctx;

	buf_puts(out, d->file != NULL ? d->file : "mend");
	if (d->file != NULL && d->line > 0) {
		buf_printf(out, ":%d", d->line);
		if (d->col > 0)
			buf_printf(out, ":%d", d->col);
	}
	buf_printf(out, ": %s: %s", severity[d->severity], d->message);
	if (d->check != NULL)
		buf_printf(out, " [%s]", d->check);
	buf_putc(out, '\n');
	if (d->hint != NULL && d->file != NULL && d->line > 0 && d->col > 0)
		buf_printf(out, "%s:%d:%d: note: %s\n", d->file, d->line, d->col,
		    d->hint);
	else if (d->hint != NULL)
		buf_printf(out, "%s: note: %s\n", d->file != NULL ? d->file :
		    "mend", d->hint);
}

void
harness_diags_begin(void)
{
	buf_reset(&collected);
	diag_reset();
	diag_set_sink(collect_diag, &collected);
}

char *
harness_diags_end(void)
{
	diag_set_sink(NULL, NULL);
	return xstrdup(buf_str(&collected));  /* harness_diags_seen keeps it */
}

const char *
harness_diags_seen(void)
{
	return buf_str(&collected);
}

long
harness_diff(const char *a, const char *b)
{
	long i;

	for (i = 0; a[i] == b[i]; i++)
		if (a[i] == '\0')
			return -1;
	return i;
}

const json_t *
harness_json_at(const json_t *v, const char *path)
{
	char key[64];
	size_t n;

	while (v != NULL && *path != '\0') {
		n = strcspn(path, ".");
		ck_assert(n < sizeof(key));
		memcpy(key, path, n);
		key[n] = '\0';
		if (json_is_array(v))
			v = json_array_get(v, strtoul(key, NULL, 10));
		else
			v = json_object_get(v, key);
		path += n + (path[n] == '.');
	}
	return v;
}

const char *
harness_json_text(const json_t *v, const char *path)
{
	const char *s = json_string_value(harness_json_at(v, path));

	return s != NULL ? s : "(none)";
}
