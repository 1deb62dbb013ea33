/*
 * watch — inotify over the project's sources (see watch.h).
 *
 * A table maps each watch descriptor to the folder it watches, relative to
 * the project ("content/steps"; "" for the project folder itself, where
 * only site.toml and the three top folders matter).
 */
#include "serve/watch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/util.h"

#define FOLDER_EVENTS (IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB | IN_CREATE | \
	IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_ONLYDIR | \
	IN_DONT_FOLLOW | IN_EXCL_UNLINK)

static const char *const top_folders[] = { "content", "themes", "exercises" };

struct watched {
	int wd;           /* inotify's descriptor, or -1 once removed */
	char *rel;        /* the folder, project-relative; owned */
};

struct watch {
	int fd;                 /* the inotify instance */
	struct watched *items;  /* owned */
	size_t len, cap;
};

bool
watch_ignored_name(const char *name)
{
	size_t len = strlen(name), i;
	static const char *const suffixes[] = {
		"~", ".swp", ".swo", ".swx", ".tmp", ".kate-swp", ".part", ".bak",
		".orig", ".crdownload",
	};

	if (len == 0 || name[0] == '.')  /* hidden: .#lock, .x.swp, .goutputstream-* */
		return true;
	if (name[0] == '#' && name[len - 1] == '#')  /* emacs's autosave */
		return true;
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		size_t sl = strlen(suffixes[i]);

		if (len >= sl && strcmp(name + len - sl, suffixes[i]) == 0)
			return true;
	}
	return false;
}

/* vim's probe file "4913" (and the next numbers it tries): a file whose
   name is digits only.  Only files: a folder "2024" is the author's. */
static bool
editor_probe(const char *name)
{
	size_t i;

	for (i = 0; name[i] >= '0' && name[i] <= '9'; i++)
		;
	return i > 0 && name[i] == '\0';
}

static void
add_change(struct watch_changes *ch, const char *path)
{
	size_t i;

	for (i = 0; i < ch->len; i++)
		if (strcmp(ch->paths[i], path) == 0)
			return;
	if (ch->len == ch->cap) {
		ch->cap = ch->cap ? ch->cap * 2 : 8;
		ch->paths = xrealloc(ch->paths, ch->cap * sizeof(*ch->paths));
	}
	ch->paths[ch->len++] = xstrdup(path);
}

void
watch_changes_clear(struct watch_changes *ch)
{
	size_t i;

	for (i = 0; i < ch->len; i++)
		free(ch->paths[i]);
	free(ch->paths);
	memset(ch, 0, sizeof(*ch));
}

static struct watched *
find_wd(struct watch *w, int wd)
{
	size_t i;

	for (i = 0; i < w->len; i++)
		if (w->items[i].wd == wd)
			return &w->items[i];
	return NULL;
}

static int
add_one(struct watch *w, const char *rel, unsigned mask)
{
	int wd = inotify_add_watch(w->fd, rel[0] ? rel : ".", mask);
	struct watched *known;

	if (wd < 0)
		return -1;
	if ((known = find_wd(w, wd)) != NULL) {  /* the same folder again */
		free(known->rel);
		known->rel = xstrdup(rel);
		return 0;
	}
	if (w->len == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->items = xrealloc(w->items, w->cap * sizeof(*w->items));
	}
	w->items[w->len].wd = wd;
	w->items[w->len].rel = xstrdup(rel);
	w->len++;
	return 0;
}

/*
 * Watch the folder rel and every folder below it (never through a
 * symbolic link); when changes is not NULL, report the files found (a
 * folder that appeared with files in it).
 */
static void
add_tree(struct watch *w, const char *rel, struct watch_changes *changes)
{
	DIR *dir;
	struct dirent *e;

	if (add_one(w, rel, FOLDER_EVENTS) != 0) {
		if (errno == ENOSPC)
			diag_warning(rel, 0, 0, "not watched: the system's limit of inotify "
			    "watches is reached (fs.inotify.max_user_watches)");
		return;
	}
	if ((dir = opendir(rel)) == NULL)
		return;
	while ((e = readdir(dir)) != NULL) {
		struct buf child = BUF_INIT;
		struct stat st;

		if (watch_ignored_name(e->d_name))
			continue;
		buf_printf(&child, "%s/%s", rel, e->d_name);
		if (lstat(buf_str(&child), &st) == 0) {
			if (S_ISDIR(st.st_mode))
				add_tree(w, buf_str(&child), changes);
			else if (changes != NULL && !editor_probe(e->d_name))
				add_change(changes, buf_str(&child));
		}
		buf_free(&child);
	}
	closedir(dir);
}

/* Stop watching rel and the folders below it (it was moved away or
   removed); inotify forgets removed ones itself. */
static void
remove_tree(struct watch *w, const char *rel)
{
	size_t i, len = strlen(rel);

	for (i = 0; i < w->len; i++) {
		const char *r = w->items[i].rel;

		if (w->items[i].wd >= 0 && strncmp(r, rel, len) == 0 &&
		    (r[len] == '\0' || r[len] == '/')) {
			inotify_rm_watch(w->fd, w->items[i].wd);
			w->items[i].wd = -1;
		}
	}
}

struct watch *
watch_new(void)
{
	struct watch *w = xcalloc(1, sizeof(*w));
	size_t k;

	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0) {
		diag_error(NULL, 0, 0, "cannot watch the project for changes: %s",
		    strerror(errno));
		free(w);
		return NULL;
	}
	/* The project folder: site.toml (replaced whole by atomic saves) and
	   the top folders, should one be made or moved in later. */
	if (add_one(w, "", IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB | IN_CREATE |
	    IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR | IN_EXCL_UNLINK) != 0) {
		diag_error(NULL, 0, 0, "cannot watch the project for changes: %s",
		    strerror(errno));
		watch_free(w);
		return NULL;
	}
	for (k = 0; k < sizeof(top_folders) / sizeof(top_folders[0]); k++) {
		struct stat st;

		if (lstat(top_folders[k], &st) == 0 && S_ISDIR(st.st_mode))
			add_tree(w, top_folders[k], NULL);
	}
	return w;
}

int
watch_fd(const struct watch *w)
{
	return w->fd;
}

static bool
is_top_folder(const char *name)
{
	size_t k;

	for (k = 0; k < sizeof(top_folders) / sizeof(top_folders[0]); k++)
		if (strcmp(name, top_folders[k]) == 0)
			return true;
	return false;
}

/* One event: what it says about which path. */
static void
handle(struct watch *w, const struct inotify_event *ev, struct watch_changes *ch)
{
	struct watched *where;
	struct buf path = BUF_INIT;

	if (ev->mask & IN_Q_OVERFLOW) {
		ch->overflow = true;
		return;
	}
	if ((where = find_wd(w, ev->wd)) == NULL || where->wd < 0)
		return;
	if (ev->mask & IN_IGNORED) {
		where->wd = -1;
		return;
	}
	if (ev->len == 0 || ev->name[0] == '\0')
		return;  /* about the folder itself: its parent reports it */
	if (watch_ignored_name(ev->name) ||
	    (!(ev->mask & IN_ISDIR) && editor_probe(ev->name)))
		return;
	if (where->rel[0] == '\0') {
		/* The project folder: site.toml, or a top folder appearing. */
		if (strcmp(ev->name, "site.toml") == 0 && !(ev->mask & IN_ISDIR))
			add_change(ch, "site.toml");
		else if ((ev->mask & IN_ISDIR) && is_top_folder(ev->name)) {
			if (ev->mask & (IN_CREATE | IN_MOVED_TO))
				add_tree(w, ev->name, ch);
			else if (ev->mask & (IN_MOVED_FROM | IN_DELETE))
				remove_tree(w, ev->name);
			add_change(ch, ev->name);
		}
		return;
	}
	buf_printf(&path, "%s/%s", where->rel, ev->name);
	if (ev->mask & IN_ISDIR) {
		if (ev->mask & (IN_CREATE | IN_MOVED_TO))
			add_tree(w, buf_str(&path), ch);
		else if (ev->mask & (IN_MOVED_FROM | IN_DELETE))
			remove_tree(w, buf_str(&path));
		if (ev->mask & (IN_MOVED_FROM | IN_DELETE | IN_MOVED_TO))
			add_change(ch, buf_str(&path));
	} else
		add_change(ch, buf_str(&path));
	buf_free(&path);
}

size_t
watch_read(struct watch *w, struct watch_changes *ch)
{
	char events[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	size_t before = ch->len;
	ssize_t n;

	while ((n = read(w->fd, events, sizeof(events))) > 0) {
		char *p = events;

		while (p < events + n) {
			const struct inotify_event *ev = (const struct inotify_event *)p;

			handle(w, ev, ch);
			p += sizeof(*ev) + ev->len;
		}
	}
	return ch->len - before + (ch->overflow ? 1 : 0);
}

void
watch_free(struct watch *w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; i < w->len; i++)
		free(w->items[i].rel);
	free(w->items);
	close(w->fd);
	free(w);
}
