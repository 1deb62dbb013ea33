/*
 * output — staging, safety checks and the final swap.  See output.h.
 */
#define _GNU_SOURCE /* renameat2 */
#include "site/output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/util.h"

/* What the marker file says. */
static const char marker_text[] =
    "This folder is written by mend build and replaced whole by the next build.\n";

struct output {
	char *target;  /* the output folder, absolute */
	char *shown;   /* the output folder as the user named it */
	char *staging; /* the staging folder beside it, absolute */
	size_t staging_len;
	bool previous; /* target is a folder: a previous output, or empty */
};

static int
remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

/* Remove a folder we made or were allowed to replace; never follows links. */
static int
rmtree(const char *dir)
{
	return nftw(dir, remove_entry, 32, FTW_DEPTH | FTW_PHYS);
}

static bool
path_exists(const char *dir, const char *name)
{
	struct buf path = BUF_INIT;
	struct stat st;
	bool found;

	buf_printf(&path, "%s/%s", dir, name);
	found = lstat(buf_str(&path), &st) == 0;
	buf_free(&path);
	return found;
}

/* Is the folder empty (or missing)? */
static bool
dir_is_empty(const char *dir)
{
	struct dirent *ent;
	DIR *d = opendir(dir);
	bool empty = true;

	if (d == NULL)
		return true;
	while ((ent = readdir(d)) != NULL)
		if (strcmp(ent->d_name, ".") != 0 && strcmp(ent->d_name, "..") != 0) {
			empty = false;
			break;
		}
	closedir(d);
	return empty;
}

/* Is path equal to dir, or inside it? */
static bool
path_within(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return true;
	return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/*
 * The absolute path out_dir names, resolved through its parent (which must
 * exist); the last part need not exist.  NULL after a diagnostic.
 */
static char *
resolve(const char *out_dir)
{
	char parent_real[PATH_MAX];
	char *copy = xstrdup(out_dir), *slash, *base;
	const char *parent;
	struct buf path = BUF_INIT;
	size_t n = strlen(copy);

	while (n > 1 && copy[n - 1] == '/')  /* "public/" is "public" */
		copy[--n] = '\0';
	slash = strrchr(copy, '/');
	if (slash == NULL) {
		parent = ".";
		base = copy;
	} else {
		*slash = '\0';
		parent = slash == copy ? "/" : copy;
		base = slash + 1;
	}
	if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0 || base[0] == '\0') {
		if (realpath(out_dir, parent_real) == NULL) {
			diag_error(out_dir, 0, 0, "cannot use as output folder: %s",
			    strerror(errno));
			free(copy);
			return NULL;
		}
		free(copy);
		return xstrdup(parent_real);
	}
	if (realpath(parent, parent_real) == NULL) {
		diag_error(out_dir, 0, 0, "cannot use as output folder: its parent "
		    "folder '%s' does not exist", parent);
		free(copy);
		return NULL;
	}
	buf_puts(&path, parent_real);
	if (strcmp(parent_real, "/") != 0)
		buf_putc(&path, '/');
	buf_puts(&path, base);
	free(copy);
	return buf_detach(&path);
}

/* Is path a folder directly inside one mend wrote (its worksheets/)? */
static bool
inside_output(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *parent;
	bool marked;

	if (slash == NULL || slash == path)
		return false;
	parent = xstrndup(path, (size_t)(slash - path));
	marked = path_exists(parent, OUTPUT_MARKER);
	free(parent);
	return marked;
}

/* Refuse output folders that would harm the project or the user's files. */
static int
check_target(const char *shown, const char *target)
{
	char project[PATH_MAX];
	struct stat st;
	struct buf content = BUF_INIT;
	const char *why = NULL;

	if (getcwd(project, sizeof(project)) == NULL) {
		diag_error(NULL, 0, 0, "cannot find the current folder: %s", strerror(errno));
		return -1;
	}
	buf_printf(&content, "%s/content", project);
	if (strcmp(target, "/") == 0)
		why = "it is the root folder '/'";
	else if (strcmp(target, project) == 0)
		why = "it is the project folder itself";
	else if (path_within(project, target))
		why = "it contains the project";
	else if (path_within(target, buf_str(&content)))
		why = "it is inside the content folder";
	else if (path_exists(target, "site.toml") || path_exists(target, "content"))
		why = "it holds site.toml or content/, so it looks like a project";
	buf_free(&content);
	if (why == NULL && lstat(target, &st) == 0) {
		if (S_ISLNK(st.st_mode))
			why = "it is a symbolic link";
		else if (!S_ISDIR(st.st_mode))
			why = "it exists and is not a folder";
		else if (!path_exists(target, OUTPUT_MARKER) && !inside_output(target) &&
		    !dir_is_empty(target))
			why = "it exists, is not empty, and was not written by mend "
			    "(it has no " OUTPUT_MARKER " file)";
	}
	if (why != NULL) {
		diag_error(shown, 0, 0, "refusing to use as output folder: %s; "
		    "nothing was written or deleted", why);
		return -1;
	}
	return 0;
}

struct output *
output_begin(const char *out_dir)
{
	struct output *out;
	struct buf staging = BUF_INIT;
	struct stat st;
	char *target, *slash;

	if (out_dir[0] == '\0') {
		diag_error(NULL, 0, 0, "the output folder name is empty");
		return NULL;
	}
	if ((target = resolve(out_dir)) == NULL)
		return NULL;
	if (check_target(out_dir, target) != 0) {
		free(target);
		return NULL;
	}
	slash = strrchr(target, '/');
	buf_put(&staging, target, (size_t)(slash - target) + 1);
	buf_printf(&staging, ".%s.staging-XXXXXX", slash + 1);
	if (mkdtemp(staging.data) == NULL) {
		diag_error(out_dir, 0, 0, "cannot make a staging folder beside it: %s",
		    strerror(errno));
		buf_free(&staging);
		free(target);
		return NULL;
	}
	chmod(staging.data, 0755);  /* mkdtemp makes it 0700 */
	out = xcalloc(1, sizeof(*out));
	out->target = target;
	out->shown = xstrdup(out_dir);
	out->staging = buf_detach(&staging);
	out->previous = lstat(target, &st) == 0 && S_ISDIR(st.st_mode);
	out->staging_len = strlen(out->staging);
	if (output_write(out, OUTPUT_MARKER, marker_text, sizeof(marker_text) - 1) != 0) {
		output_abort(out);
		return NULL;
	}
	return out;
}

/*
 * Make the folder path[0..len) inside the staging folder, and its parents
 * as needed.  From the bottom up: a page's folder is new but its parent
 * is usually made already, so one mkdir does, where trying each parent
 * from the top costs a call per level for every page.  Safe when several
 * threads make the same folders.  Returns 0, or -1 after a diagnostic.
 */
static int
make_folder(struct output *out, char *path, size_t len)
{
	char *slash, saved = path[len];
	int err, status = 0;

	if (len <= out->staging_len)
		return 0;  /* the staging folder, made by output_begin */
	path[len] = '\0';
	err = mkdir(path, 0755) == 0 ? 0 : errno;
	if (err == ENOENT && (slash = strrchr(path, '/')) != NULL) {
		/* The parent is missing too: make it, then this one. */
		if (make_folder(out, path, (size_t)(slash - path)) != 0)
			status = -1;  /* reported */
		else
			err = mkdir(path, 0755) == 0 ? 0 : errno;
	}
	if (status == 0 && err != 0 && err != EEXIST) {
		diag_error(path, 0, 0, "cannot make folder: %s", strerror(err));
		status = -1;
	}
	path[len] = saved;
	return status;
}

/* Make the folders above the file path (inside the staging folder). */
static int
make_parents(struct output *out, char *path)
{
	char *slash = strrchr(path, '/');

	return slash != NULL ? make_folder(out, path, (size_t)(slash - path)) : 0;
}

/* Is rel a safe relative path (no "..", not absolute, not empty)? */
static bool
rel_is_safe(const char *rel)
{
	const char *p = rel;

	if (rel[0] == '\0' || rel[0] == '/')
		return false;
	while (*p != '\0') {
		size_t n = strcspn(p, "/");
		if ((n == 2 && strncmp(p, "..", 2) == 0) || n == 0)
			return false;
		p += n;
		if (*p == '/')
			p++;
	}
	return true;
}

/* Does the open file fd hold exactly data[0..len)? */
static bool
same_content(int fd, const char *data, size_t len)
{
	char chunk[16384];
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || (size_t)n > len - done ||
		    memcmp(chunk, data + done, (size_t)n) != 0)
			return false;
		done += (size_t)n;
	}
	return read(fd, chunk, 1) == 0;
}

/*
 * When the previous output holds rel with exactly data[0..len), link that
 * file in at dest (rel in the staging folder) instead of writing a copy,
 * and return true.  An unchanged file so keeps its inode and its time of
 * modification: servers' caches and rsync see it as unchanged, and the
 * file system allocates nothing for it.  The previous output stays as it
 * was whatever becomes of this build: the file is never written through
 * the link (output_write replaces a staged file, never writes into it),
 * and an aborted build only removes the staging folder's name for it.
 */
static bool
keep_unchanged(const struct output *out, const char *rel, const char *dest,
    const char *data, size_t len)
{
	struct buf prev = BUF_INIT;
	struct stat was, now;
	bool kept = false;
	int fd;

	buf_printf(&prev, "%s/%s", out->target, rel);
	fd = open(buf_str(&prev), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0 && fstat(fd, &was) == 0 && S_ISREG(was.st_mode) &&
	    (size_t)was.st_size == len && same_content(fd, data, len) &&
	    link(buf_str(&prev), dest) == 0) {
		/* The name could have changed hands since it was read. */
		kept = lstat(dest, &now) == 0 && now.st_ino == was.st_ino &&
		    now.st_dev == was.st_dev;
		if (!kept)
			unlink(dest);
	}
	if (fd >= 0)
		close(fd);
	buf_free(&prev);
	return kept;
}

/* Create the file path to write, replacing a file staged there before
   (never writing into it: it may be linked to the previous output). */
static int
create_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

	if (fd < 0 && errno == EEXIST && unlink(path) == 0)
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	return fd;
}

int
output_write(struct output *out, const char *rel, const char *data, size_t len)
{
	struct buf path = BUF_INIT;
	int fd, status = 0;
	size_t done = 0;

	if (!rel_is_safe(rel)) {
		diag_error(rel, 0, 0, "refusing to write outside the output folder");
		return -1;
	}
	buf_printf(&path, "%s/%s", out->staging, rel);
	if (make_parents(out, path.data) != 0) {
		buf_free(&path);
		return -1;
	}
	if (out->previous && keep_unchanged(out, rel, buf_str(&path), data, len)) {
		buf_free(&path);
		return 0;
	}
	fd = create_file(buf_str(&path));
	if (fd < 0) {
		diag_error(rel, 0, 0, "cannot write: %s", strerror(errno));
		buf_free(&path);
		return -1;
	}
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			diag_error(rel, 0, 0, "cannot write: %s", strerror(errno));
			status = -1;
			break;
		}
		done += (size_t)n;
	}
	if (close(fd) != 0 && status == 0) {
		diag_error(rel, 0, 0, "cannot write: %s", strerror(errno));
		status = -1;
	}
	buf_free(&path);
	return status;
}

int
output_copy(struct output *out, const char *rel, const char *src_path)
{
	char *data;
	size_t len;
	int status;

	if (util_read_file(src_path, &data, &len) != 0) {
		diag_error(src_path, 0, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	status = output_write(out, rel, data, len);
	free(data);
	return status;
}

/* Copy src_dir/rel (a folder) recursively to rel in the output. */
static int
copy_dir(struct output *out, const char *src_dir, const char *rel)
{
	struct buf dir_path = BUF_INIT;
	struct dirent *ent;
	DIR *dir;
	int status = 0;

	buf_puts(&dir_path, src_dir);
	if (rel[0] != '\0')
		buf_printf(&dir_path, "/%s", rel);
	if ((dir = opendir(buf_str(&dir_path))) == NULL) {
		diag_error(buf_str(&dir_path), 0, 0, "cannot read folder: %s",
		    strerror(errno));
		buf_free(&dir_path);
		return -1;
	}
	while ((ent = readdir(dir)) != NULL && status == 0) {
		struct buf child = BUF_INIT, src = BUF_INIT;
		struct stat st;

		if (ent->d_name[0] == '.')
			continue;
		if (rel[0] != '\0')
			buf_printf(&child, "%s/", rel);
		buf_puts(&child, ent->d_name);
		buf_printf(&src, "%s/%s", src_dir, buf_str(&child));
		if (stat(buf_str(&src), &st) != 0) {
			diag_error(buf_str(&src), 0, 0, "cannot read: %s", strerror(errno));
			status = -1;
		} else if (S_ISDIR(st.st_mode))
			status = copy_dir(out, src_dir, buf_str(&child));
		else if (S_ISREG(st.st_mode))
			status = output_copy(out, buf_str(&child), buf_str(&src));
		buf_free(&child);
		buf_free(&src);
	}
	closedir(dir);
	buf_free(&dir_path);
	return status;
}

int
output_copy_tree(struct output *out, const char *src_dir)
{
	struct stat st;

	if (stat(src_dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return 0;
	return copy_dir(out, src_dir, "");
}

const char *
output_staging(const struct output *out)
{
	return out->staging;
}

static void
output_free(struct output *out)
{
	free(out->target);
	free(out->shown);
	free(out->staging);
	free(out);
}

int
output_commit(struct output *out)
{
	struct stat st;
	int status = 0;

	if (lstat(out->target, &st) != 0) {
		if (rename(out->staging, out->target) != 0) {
			diag_error(out->shown, 0, 0, "cannot move the new site in place: %s",
			    strerror(errno));
			rmtree(out->staging);
			status = -1;
		}
	} else if (renameat2(AT_FDCWD, out->staging, AT_FDCWD, out->target,
	    RENAME_EXCHANGE) == 0) {
		rmtree(out->staging);  /* now holds the previous output */
	} else {
		/* No atomic exchange here (old kernel or filesystem): two renames. */
		struct buf old = BUF_INIT;

		buf_printf(&old, "%s.old", out->staging);
		if (rename(out->target, buf_str(&old)) != 0) {
			diag_error(out->shown, 0, 0, "cannot replace the previous site: %s",
			    strerror(errno));
			rmtree(out->staging);
			status = -1;
		} else if (rename(out->staging, out->target) != 0) {
			diag_error(out->shown, 0, 0, "cannot move the new site in place: %s",
			    strerror(errno));
			rename(buf_str(&old), out->target);  /* put the old one back */
			rmtree(out->staging);
			status = -1;
		} else
			rmtree(buf_str(&old));
		buf_free(&old);
	}
	output_free(out);
	return status;
}

void
output_abort(struct output *out)
{
	if (out == NULL)
		return;
	rmtree(out->staging);
	output_free(out);
}

int
output_make_folder(const char *out_dir)
{
	struct buf marker = BUF_INIT;
	struct stat st;
	FILE *f;
	int status = 0;

	if (stat(out_dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	buf_printf(&marker, "%s/%s", out_dir, OUTPUT_MARKER);
	if (mkdir(out_dir, 0755) != 0 || (f = fopen(buf_str(&marker), "w")) == NULL) {
		diag_error(out_dir, 0, 0, "cannot make the output folder: %s",
		    strerror(errno));
		status = -1;
	} else if (fputs(marker_text, f) == EOF || fclose(f) != 0) {
		diag_error(buf_str(&marker), 0, 0, "cannot write: %s", strerror(errno));
		status = -1;
	}
	buf_free(&marker);
	return status;
}
