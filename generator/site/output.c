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
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
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
	int lock_fd;   /* the staging folder, open and flock'ed while it is ours */
	int slot;      /* its place in active_staging (for signals), or -1 */
	/* The folder the last file went into, made: the next file there
	   needs no mkdir (search/x/ holds thousands).  Any thread's. */
	pthread_mutex_t made_lock;
	char made[512];
	size_t made_len;
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

/* Is the folder empty (1), not (0), or unreadable (-1, errno says why)? */
static int
dir_state(const char *dir)
{
	struct dirent *ent;
	DIR *d = opendir(dir);
	int empty = 1;

	if (d == NULL)
		return -1;
	while ((ent = readdir(d)) != NULL)
		if (strcmp(ent->d_name, ".") != 0 && strcmp(ent->d_name, "..") != 0) {
			empty = 0;
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
	struct buf content = BUF_INIT, unreadable = BUF_INIT;
	const char *why = NULL;
	int state;

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
		else if ((state = dir_state(target)) < 0) {
			/* What cannot be listed cannot be known empty, nor removed. */
			buf_printf(&unreadable, "it cannot be read (%s)", strerror(errno));
			why = buf_str(&unreadable);
		} else if (!path_exists(target, OUTPUT_MARKER) && !inside_output(target) &&
		    state == 0)
			why = "it exists, is not empty, and was not written by mend "
			    "(it has no " OUTPUT_MARKER " file)";
	}
	if (why != NULL)
		diag_error(shown, 0, 0, "refusing to use as output folder: %s; "
		    "nothing was written or deleted", why);
	buf_free(&unreadable);
	return why != NULL ? -1 : 0;
}

int
output_check_folder(const char *out_dir)
{
	char *target;
	int status;

	if (out_dir[0] == '\0') {
		diag_error(NULL, 0, 0, "the output folder name is empty");
		return -1;
	}
	if ((target = resolve(out_dir)) == NULL)
		return -1;
	status = check_target(out_dir, target);
	free(target);
	return status;
}

/*
 * Staging folders and signals.  A build that is stopped by SIGINT, SIGTERM
 * or SIGHUP removes its own staging folder before it dies (the handler
 * below); one killed outright (SIGKILL, out of memory) leaves it, and the
 * next build beside the same output folder removes it (sweep_stale).  A
 * staging folder is known to be in use by the flock its build holds on it
 * from before its marker is written until it is committed or removed: the
 * kernel drops the lock when the build dies, however it dies, so two
 * builds at once never remove each other's.
 */

#define MAX_ACTIVE 4  /* staging folders one process writes at once */

static char active_staging[MAX_ACTIVE][PATH_MAX];
static volatile sig_atomic_t active_used[MAX_ACTIVE];
static int nactive;  /* slots in use; handlers are installed while > 0 */
static pthread_mutex_t active_lock = PTHREAD_MUTEX_INITIALIZER;
static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSTOP_SIGNALS (sizeof(stop_signals) / sizeof(stop_signals[0]))
static struct sigaction saved_actions[NSTOP_SIGNALS];

/*
 * Remove everything in the open folder fd, then close it, with
 * async-signal-safe calls only (no malloc, no stdio): getdents64,
 * unlinkat, openat.  depth bounds the recursion.
 */
static void
empty_folder_now(int fd, int depth)
{
	char entries[2048];
	long n;
	bool removed = true;

	while (removed) {  /* listing while removing: read again until clean */
		removed = false;
		if (lseek(fd, 0, SEEK_SET) != 0)
			break;
		while ((n = syscall(SYS_getdents64, fd, entries, sizeof(entries))) > 0) {
			long at = 0;

			while (at < n) {
				/* struct linux_dirent64: ino, off, reclen, type, name */
				unsigned short reclen;
				const char *name = entries + at + 19;

				memcpy(&reclen, entries + at + 16, sizeof(reclen));
				at += reclen;
				if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
					continue;
				if (unlinkat(fd, name, 0) == 0)
					removed = true;
				else if (errno == EISDIR && depth > 0) {
					int sub = openat(fd, name, O_RDONLY | O_DIRECTORY |
					    O_NOFOLLOW | O_CLOEXEC);

					if (sub >= 0)
						empty_folder_now(sub, depth - 1);
					if (unlinkat(fd, name, AT_REMOVEDIR) == 0)
						removed = true;
				}
			}
		}
	}
	close(fd);
}

static void
remove_staging_now(const char *path)
{
	int tries, fd;

	/* Other threads may still be writing into it: try until it is gone. */
	for (tries = 0; tries < 100; tries++) {
		fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			return;
		empty_folder_now(fd, 64);
		if (rmdir(path) == 0 || errno == ENOENT)
			return;
	}
}

/* SIGINT, SIGTERM, SIGHUP: remove this build's staging folders, then die
   of the signal as if mend had not caught it (the shell sees 128 + N). */
static void
on_stop_signal(int sig)
{
	int i;

	for (i = 0; i < MAX_ACTIVE; i++)
		if (active_used[i])
			remove_staging_now(active_staging[i]);
	signal(sig, SIG_DFL);
	raise(sig);  /* delivered when the handler returns */
}

/* Note path as a staging folder to remove on a stop signal; the slot, or -1. */
static int
watch_staging(const char *path)
{
	struct sigaction sa;
	sigset_t block, old;
	size_t k;
	int i, slot = -1;

	if (strlen(path) >= PATH_MAX)
		return -1;
	sigemptyset(&block);
	for (k = 0; k < NSTOP_SIGNALS; k++)
		sigaddset(&block, stop_signals[k]);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	pthread_mutex_lock(&active_lock);
	for (i = 0; i < MAX_ACTIVE && slot < 0; i++)
		if (!active_used[i]) {
			slot = i;
			strcpy(active_staging[i], path);
			active_used[i] = 1;
		}
	if (slot >= 0 && nactive++ == 0) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_stop_signal;
		sigfillset(&sa.sa_mask);
		for (k = 0; k < NSTOP_SIGNALS; k++) {
			sigaction(stop_signals[k], NULL, &saved_actions[k]);
			if (saved_actions[k].sa_handler != SIG_IGN)  /* nohup stays */
				sigaction(stop_signals[k], &sa, NULL);
		}
	}
	pthread_mutex_unlock(&active_lock);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return slot;
}

/* Forget the staging folder in slot (-1: none); the last restores the handlers. */
static void
unwatch_staging(int slot)
{
	sigset_t block, old;
	size_t k;

	if (slot < 0)
		return;
	sigemptyset(&block);
	for (k = 0; k < NSTOP_SIGNALS; k++)
		sigaddset(&block, stop_signals[k]);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	pthread_mutex_lock(&active_lock);
	active_used[slot] = 0;
	if (--nactive == 0)
		for (k = 0; k < NSTOP_SIGNALS; k++)
			sigaction(stop_signals[k], &saved_actions[k], NULL);
	pthread_mutex_unlock(&active_lock);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* Block the stop signals in this thread (old gets the mask to restore). */
static void
block_stop_signals(sigset_t *old)
{
	sigset_t block;
	size_t k;

	sigemptyset(&block);
	for (k = 0; k < NSTOP_SIGNALS; k++)
		sigaddset(&block, stop_signals[k]);
	pthread_sigmask(SIG_BLOCK, &block, old);
}

/*
 * Open the folder path and take its lock without waiting.  Returns the
 * descriptor (the lock lasts until it is closed), or -1 when the folder
 * cannot be opened or another process holds the lock.
 */
static int
lock_folder(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Is name, beside the output folder base, one of its staging folders
   (".BASE.staging-XXXXXX", or that with ".old" after it)? */
static bool
is_staging_name(const char *name, const char *base)
{
	size_t n = strlen(base), k;
	const char *tail;

	if (name[0] != '.' || strncmp(name + 1, base, n) != 0 ||
	    strncmp(name + 1 + n, ".staging-", 9) != 0)
		return false;
	tail = name + 1 + n + 9;
	for (k = 0; k < 6; k++)
		if (tail[k] == '\0' || tail[k] == '/')
			return false;
	return tail[6] == '\0' || strcmp(tail + 6, ".old") == 0;
}

/*
 * Remove the staging folders of target (absolute) that earlier builds left
 * behind: those that hold mend's marker and whose build is gone (nobody
 * holds their lock).  Anything else is left alone.
 */
static void
sweep_stale(const char *target)
{
	const char *slash = strrchr(target, '/');
	char *parent = slash == target ? xstrdup("/") :
	    xstrndup(target, (size_t)(slash - target));
	struct dirent *ent;
	DIR *dir = opendir(parent);

	if (dir == NULL) {
		free(parent);
		return;
	}
	while ((ent = readdir(dir)) != NULL) {
		struct buf path = BUF_INIT;
		struct stat st;
		int fd;

		if (!is_staging_name(ent->d_name, slash + 1))
			continue;
		buf_printf(&path, "%s/%s", strcmp(parent, "/") == 0 ? "" : parent,
		    ent->d_name);
		if (lstat(buf_str(&path), &st) == 0 && S_ISDIR(st.st_mode) &&
		    path_exists(buf_str(&path), OUTPUT_MARKER) &&
		    (fd = lock_folder(buf_str(&path))) >= 0) {
			rmtree(buf_str(&path));
			close(fd);
		}
		buf_free(&path);
	}
	closedir(dir);
	free(parent);
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
	sweep_stale(target);
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
	out->lock_fd = -1;
	pthread_mutex_init(&out->made_lock, NULL);
	out->slot = watch_staging(out->staging);
	/* Locked before the marker is written: no sweep takes it for stale. */
	if ((out->lock_fd = lock_folder(out->staging)) < 0) {
		diag_error(out_dir, 0, 0, "cannot lock the staging folder beside it: %s",
		    strerror(errno));
		output_abort(out);
		return NULL;
	}
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

/* Make the folders above the file path (inside the staging folder),
   unless the last file went into the same one. */
static int
make_parents(struct output *out, char *path)
{
	char *slash = strrchr(path, '/');
	size_t len;
	bool made;

	if (slash == NULL)
		return 0;
	len = (size_t)(slash - path);
	pthread_mutex_lock(&out->made_lock);
	made = len == out->made_len && memcmp(path, out->made, len) == 0;
	pthread_mutex_unlock(&out->made_lock);
	if (made)
		return 0;
	if (make_folder(out, path, len) != 0)
		return -1;
	pthread_mutex_lock(&out->made_lock);
	if (len < sizeof(out->made)) {
		memcpy(out->made, path, len);
		out->made_len = len;
	}
	pthread_mutex_unlock(&out->made_lock);
	return 0;
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

/*
 * Read (writing false) or write exactly len bytes of data at fd.  Returns
 * 0, or -1 with errno set (EIO when a read ends early).
 */
static int
transfer_full(int fd, char *data, size_t len, bool writing)
{
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		n = writing ? write(fd, data + done, len - done) :
		    read(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		done += (size_t)n;
	}
	return 0;
}

/* Do the open files a and b, both size bytes, hold the same bytes?  Read
   in chunks, from where each stands. */
static bool
same_files(int a, int b, off_t size)
{
	static const size_t chunk = 65536;
	char *x = xmalloc(chunk), *y = xmalloc(chunk);
	off_t done = 0;
	bool same = true;

	while (same && done < size) {
		size_t want = (size_t)(size - done) < chunk ? (size_t)(size - done) : chunk;

		same = transfer_full(a, x, want, false) == 0 &&
		    transfer_full(b, y, want, false) == 0 &&
		    memcmp(x, y, want) == 0;
		done += (off_t)want;
	}
	free(x);
	free(y);
	return same;
}

/*
 * keep_unchanged for a file copied from src (open, of size bytes): link
 * the previous output's rel in at dest when it holds the same bytes.
 * src is read from its start; its position afterwards is unspecified.
 */
static bool
keep_unchanged_file(const struct output *out, const char *rel, const char *dest,
    int src, off_t size)
{
	struct buf prev = BUF_INIT;
	struct stat was, now;
	bool kept = false;
	int fd;

	buf_printf(&prev, "%s/%s", out->target, rel);
	fd = open(buf_str(&prev), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0 && fstat(fd, &was) == 0 && S_ISREG(was.st_mode) &&
	    was.st_size == size && lseek(src, 0, SEEK_SET) == 0 &&
	    same_files(src, fd, size) && link(buf_str(&prev), dest) == 0) {
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

int
output_copy(struct output *out, const char *rel, const char *src_path)
{
	static const size_t chunk = 65536;
	struct buf path = BUF_INIT;
	struct stat st;
	char *data = NULL;
	int src, dest = -1, status = 0;
	ssize_t n;

	if (!rel_is_safe(rel)) {
		diag_error(rel, 0, 0, "refusing to write outside the output folder");
		return -1;
	}
	/* Never through a link: the walks refuse them, and this holds if one
	   appears since. */
	src = open(src_path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (src < 0 || fstat(src, &st) != 0) {
		diag_error(src_path, 0, 0, "cannot read: %s", errno == ELOOP ?
		    "it is a symbolic link" : strerror(errno));
		if (src >= 0)
			close(src);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(src_path, 0, 0, "cannot read: it is not a file");
		close(src);
		return -1;
	}
	buf_printf(&path, "%s/%s", out->staging, rel);
	if (make_parents(out, path.data) != 0)
		status = -1;
	else if (out->previous && keep_unchanged_file(out, rel, buf_str(&path), src,
	    st.st_size))
		status = 0;
	else if (lseek(src, 0, SEEK_SET) != 0 || (dest = create_file(buf_str(&path))) < 0) {
		diag_error(rel, 0, 0, "cannot write: %s", strerror(errno));
		status = -1;
	} else {
		/* In chunks: memory stays bounded whatever the file's size. */
		data = xmalloc(chunk);
		while (status == 0 && (n = read(src, data, chunk)) != 0) {
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0) {
				diag_error(src_path, 0, 0, "cannot read: %s", strerror(errno));
				status = -1;
			} else if (transfer_full(dest, data, (size_t)n, true) != 0) {
				diag_error(rel, 0, 0, "cannot write: %s", strerror(errno));
				status = -1;
			}
		}
		if (close(dest) != 0 && status == 0) {
			diag_error(rel, 0, 0, "cannot write: %s", strerror(errno));
			status = -1;
		}
	}
	free(data);
	close(src);
	buf_free(&path);
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
		if (lstat(buf_str(&src), &st) != 0) {
			diag_error(buf_str(&src), 0, 0, "cannot read: %s", strerror(errno));
			status = -1;
		} else if (S_ISLNK(st.st_mode)) {
			/* Never followed: it could lead anywhere, or back here. */
			diag_error(buf_str(&src), 0, 0, "is a symbolic link: mend does not "
			    "follow links in a theme's static/ folder; put the file itself "
			    "there");
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

	if (lstat(src_dir, &st) == 0 && S_ISLNK(st.st_mode)) {
		diag_error(src_dir, 0, 0, "is a symbolic link: mend does not follow "
		    "links; put the folder itself there");
		return -1;
	}
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
files_add(struct output_files *l, const char *rel, size_t *cap)
{
	if (l->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		l->items = xrealloc(l->items, *cap * sizeof(*l->items));
	}
	l->items[l->n++] = xstrdup(rel);
}

/*
 * Add every regular file under the staging folder's rel ("" for the top)
 * to l.  Names starting with "." are not the site's; a link (which mend
 * never writes) is not followed.  Returns 0, or -1 after a diagnostic.
 */
static int
list_files(const struct output *out, const char *rel, struct output_files *l,
    size_t *cap)
{
	struct buf path = BUF_INIT, sub = BUF_INIT;
	struct dirent *e;
	DIR *d;
	int status = 0;

	buf_printf(&path, "%s/%s", out->staging, rel);
	if ((d = opendir(buf_str(&path))) == NULL) {
		diag_error(buf_str(&path), 0, 0, "cannot list the folder: %s",
		    strerror(errno));
		buf_free(&path);
		return -1;
	}
	while (status == 0 && (e = readdir(d)) != NULL) {
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		buf_reset(&sub);
		buf_printf(&sub, "%s%s", rel, e->d_name);
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			diag_error(buf_str(&path), 0, 0, "cannot read '%s': %s",
			    e->d_name, strerror(errno));
			status = -1;
		} else if (S_ISDIR(st.st_mode)) {
			buf_puts(&sub, "/");
			status = list_files(out, buf_str(&sub), l, cap);
		} else if (S_ISREG(st.st_mode))
			files_add(l, buf_str(&sub), cap);
	}
	closedir(d);
	buf_free(&path);
	buf_free(&sub);
	return status;
}

int
output_list(const struct output *out, struct output_files *files)
{
	size_t cap = 0;

	memset(files, 0, sizeof(*files));
	if (list_files(out, "", files, &cap) != 0) {
		output_files_free(files);
		return -1;
	}
	qsort(files->items, files->n, sizeof(*files->items), util_compare_strings);
	return 0;
}

void
output_files_free(struct output_files *files)
{
	size_t i;

	for (i = 0; i < files->n; i++)
		free(files->items[i]);
	free(files->items);
	memset(files, 0, sizeof(*files));
}

static void
output_free(struct output *out)
{
	unwatch_staging(out->slot);
	if (out->lock_fd >= 0)
		close(out->lock_fd);
	free(out->target);
	free(out->shown);
	free(out->staging);
	pthread_mutex_destroy(&out->made_lock);
	free(out);
}

/*
 * Can the folder dir (and all under it) be removed: can each folder in it
 * be listed and written?  When not, put the first that cannot in why and
 * return false.  Folders only: a file goes with its folder's permission.
 */
static bool
removable(const char *dir, struct buf *why)
{
	struct dirent *ent;
	DIR *d;
	bool ok = true;

	if (access(dir, R_OK | W_OK | X_OK) != 0 || (d = opendir(dir)) == NULL) {
		buf_printf(why, "%s (%s)", dir, strerror(errno));
		return false;
	}
	while (ok && (ent = readdir(d)) != NULL) {
		struct buf child = BUF_INIT;
		struct stat st;

		if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
			continue;
		buf_printf(&child, "%s/%s", dir, ent->d_name);
		if (lstat(buf_str(&child), &st) == 0 && S_ISDIR(st.st_mode))
			ok = removable(buf_str(&child), why);
		buf_free(&child);
	}
	closedir(d);
	return ok;
}

/* Remove dir; true when it is gone (a sweep by another build may have
   removed some of it first). */
static bool
remove_all(const char *dir)
{
	struct stat st;

	return rmtree(dir) == 0 || lstat(dir, &st) != 0;
}

int
output_commit(struct output *out)
{
	struct buf why = BUF_INIT;
	struct stat st;
	sigset_t old_mask;
	int status = 0, old_fd = -1;

	if (lstat(out->target, &st) == 0 && !removable(out->target, &why)) {
		/* Checked before the swap: after it, the new site would be in
		   place and the old one stranded in a staging folder. */
		diag_error(out->shown, 0, 0, "cannot replace the previous site: "
		    "cannot remove %s; nothing was changed", buf_str(&why));
		buf_free(&why);
		output_abort(out);
		return -1;
	}
	buf_free(&why);
	/* Between the renames a signal would leave neither site in place. */
	block_stop_signals(&old_mask);
	if (lstat(out->target, &st) != 0) {
		if (rename(out->staging, out->target) != 0) {
			diag_error(out->shown, 0, 0, "cannot move the new site in place: %s",
			    strerror(errno));
			rmtree(out->staging);
			status = -1;
		}
	} else {
		/* The previous output, soon under a staging name: no sweep's. */
		old_fd = lock_folder(out->target);
		if (renameat2(AT_FDCWD, out->staging, AT_FDCWD, out->target,
		    RENAME_EXCHANGE) == 0) {
			if (!remove_all(out->staging)) {  /* now the previous output */
				diag_error(out->shown, 0, 0, "the new site is in place, but the "
				    "previous one could not be removed: it is left in %s",
				    out->staging);
				status = -1;
			}
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
			} else if (!remove_all(buf_str(&old))) {
				diag_error(out->shown, 0, 0, "the new site is in place, but the "
				    "previous one could not be removed: it is left in %s",
				    buf_str(&old));
				status = -1;
			}
			buf_free(&old);
		}
		if (old_fd >= 0)
			close(old_fd);
	}
	output_free(out);
	pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
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

	if (output_check_folder(out_dir) != 0)
		return -1;
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
