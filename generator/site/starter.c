/*
 * starter — the embedded files of `mend new` and the writing of them.
 * See starter.h.
 *
 * Writing goes through one open folder: every path is walked from it a
 * component at a time with openat and O_NOFOLLOW, folders are made with
 * mkdirat, and files are made with O_CREAT | O_EXCL, so neither a symbolic
 * link nor a file that appears meanwhile can lead a write outside the
 * folder or over something that was there.
 */
#include "site/starter.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/diag.h"
#include "lib/util.h"

const struct starter_file *
starter_find(const char *name)
{
	const struct starter_file *f;

	for (f = starter_files; f->name != NULL; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

void
starter_fill(struct buf *out, const struct starter_file *file,
    const char *const *vars)
{
	const char *s = (const char *)file->data, *end = s + file->len;

	while (s < end) {
		const char *at = memchr(s, '@', (size_t)(end - s)), *close;
		size_t i;

		if (at == NULL) {
			buf_put(out, s, (size_t)(end - s));
			break;
		}
		buf_put(out, s, (size_t)(at - s));
		close = memchr(at + 1, '@', (size_t)(end - at - 1));
		for (i = 0; close != NULL && vars[i] != NULL; i += 2)
			if ((size_t)(close - at - 1) == strlen(vars[i]) &&
			    memcmp(at + 1, vars[i], strlen(vars[i])) == 0)
				break;
		if (close == NULL || vars[i] == NULL) {  /* not a key: keep the '@' */
			buf_putc(out, '@');
			s = at + 1;
			continue;
		}
		buf_puts(out, vars[i + 1]);
		s = close + 1;
	}
}

/* rel as the user knows it: under the folder they named ("site/x"). */
static void
shown_path(struct buf *b, const struct starter_out *out, const char *rel,
    size_t rel_len)
{
	size_t n = strlen(out->shown);

	if (strcmp(out->shown, ".") != 0) {
		buf_puts(b, out->shown);
		if (n > 0 && out->shown[n - 1] != '/')
			buf_putc(b, '/');
	}
	buf_put(b, rel, rel_len);
}

int
starter_open(struct starter_out *out, const char *dir, bool make_root)
{
	struct stat st;

	memset(out, 0, sizeof(*out));
	out->dirfd = -1;
	out->shown = xstrdup(dir);
	if (lstat(dir, &st) != 0) {
		if (errno != ENOENT || !make_root) {
			diag_error(dir, 0, 0, "cannot use this folder: %s",
			    strerror(errno));
			return errno == ENOENT || errno == ENOTDIR ? -1 : -2;
		}
		if (mkdir(dir, 0777) != 0) {
			if (errno == ENOENT || errno == ENOTDIR) {
				diag_error(dir, 0, 0, "cannot make this folder: the "
				    "folder it would be in does not exist (make that "
				    "first; mend new makes nothing outside the folder "
				    "it is given)");
				return -1;
			}
			diag_error(dir, 0, 0, "cannot make this folder: %s",
			    strerror(errno));
			return -2;
		}
		out->made_root = true;
		out->root = xstrdup(dir);
	} else if (S_ISLNK(st.st_mode)) {
		diag_error(dir, 0, 0, "refusing to write here: it is a symbolic "
		    "link; nothing was written");
		return -1;
	} else if (!S_ISDIR(st.st_mode)) {
		diag_error(dir, 0, 0, "refusing to write here: it exists and is "
		    "not a folder; nothing was written");
		return -1;
	}
	out->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (out->dirfd < 0) {
		diag_error(dir, 0, 0, "cannot open this folder: %s", strerror(errno));
		starter_undo(out);
		return -2;
	}
	return 0;
}

int
starter_empty(struct starter_out *out)
{
	struct dirent *e;
	int fd = dup(out->dirfd), empty = 1;
	DIR *d;

	if (fd < 0 || (d = fdopendir(fd)) == NULL) {
		diag_error(out->shown, 0, 0, "cannot read this folder: %s",
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	rewinddir(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
			empty = 0;
			break;
		}
	closedir(d);
	return empty;
}

bool
starter_exists(struct starter_out *out, const char *rel)
{
	struct stat st;

	return fstatat(out->dirfd, rel, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

static void
remember(struct starter_out *out, const char *rel, size_t len)
{
	out->made = xrealloc(out->made, (out->nmade + 1) * sizeof(*out->made));
	out->made[out->nmade++] = xstrndup(rel, len);
}

/* Report a failure at rel[0..len) (as the user knows it). */
static int
put_error(const struct starter_out *out, const char *rel, size_t len,
    const char *why)
{
	struct buf path = BUF_INIT;

	shown_path(&path, out, rel, len);
	diag_error(buf_str(&path), 0, 0, "%s", why);
	buf_free(&path);
	return -1;
}

/* Write all of data to fd; 0, or -1 with errno set. */
static int
write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int
starter_put(struct starter_out *out, const char *rel, const void *data,
    size_t len)
{
	const char *part = rel, *slash;
	int dirfd = out->dirfd, fd, status = -2;
	bool refused = false;

	/* The folders on the way, each opened (or made) inside the last. */
	while ((slash = strchr(part, '/')) != NULL) {
		char *name = xstrndup(part, (size_t)(slash - part));
		int next = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);

		if (next < 0 && errno == ENOENT) {
			if (mkdirat(dirfd, name, 0777) != 0) {
				put_error(out, rel, (size_t)(slash - rel), strerror(errno));
				free(name);
				goto done;
			}
			remember(out, rel, (size_t)(slash - rel));
			next = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			    O_CLOEXEC);
		}
		free(name);
		if (next < 0) {
			refused = errno == ELOOP || errno == ENOTDIR;
			put_error(out, rel, (size_t)(slash - rel), refused ?
			    "not a folder (or a symbolic link): mend new writes only "
			    "into real folders; nothing was written there" :
			    strerror(errno));
			goto done;
		}
		if (dirfd != out->dirfd)
			close(dirfd);
		dirfd = next;
		part = slash + 1;
	}
	fd = openat(dirfd, part, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0666);
	if (fd < 0) {
		refused = errno == EEXIST || errno == ELOOP;
		put_error(out, rel, strlen(rel), errno == EEXIST ?
		    "already exists: mend new never replaces a file" :
		    strerror(errno));
		goto done;
	}
	remember(out, rel, strlen(rel));
	if (write_all(fd, data, len) != 0) {
		put_error(out, rel, strlen(rel), strerror(errno));
		close(fd);
		goto done;
	}
	if (close(fd) != 0) {
		put_error(out, rel, strlen(rel), strerror(errno));
		goto done;
	}
	status = 0;
done:
	if (dirfd != out->dirfd)
		close(dirfd);
	return status == 0 ? 0 : refused ? -1 : -2;
}

void
starter_undo(struct starter_out *out)
{
	size_t i = out->nmade;

	while (i-- > 0)  /* the deepest last made: files before their folders */
		if (out->dirfd >= 0 && unlinkat(out->dirfd, out->made[i], 0) != 0)
			unlinkat(out->dirfd, out->made[i], AT_REMOVEDIR);
	if (out->made_root) {
		if (out->dirfd >= 0)
			close(out->dirfd);
		out->dirfd = -1;
		rmdir(out->root);
		out->made_root = false;
	}
}

void
starter_close(struct starter_out *out)
{
	size_t i;

	if (out->dirfd >= 0)
		close(out->dirfd);
	for (i = 0; i < out->nmade; i++)
		free(out->made[i]);
	free(out->made);
	free(out->shown);
	free(out->root);
	memset(out, 0, sizeof(*out));
	out->dirfd = -1;
}
