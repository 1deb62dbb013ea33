/*
 * watch — what `mend serve` watches: site.toml and everything under
 * content/, themes/ and exercises/ of the project in the current folder,
 * with inotify.  Folders made (or moved in) later are watched as they
 * appear, and a folder that appears with files in it reports them.
 * Editors' own files (swap, backup, lock and autosave files, hidden
 * names, vim's 4913 probe) are left out; an atomic save, written to a
 * temporary name and renamed over the page, reports the page.  It only
 * reports project-relative paths: when to build is the caller's choice
 * (cmd_serve.c waits for a short quiet period, so one save that touches a
 * file several times is one build).
 */
#ifndef MEND_SERVE_WATCH_H
#define MEND_SERVE_WATCH_H

#include <stdbool.h>
#include <stddef.h>

struct watch;

/* A set of project-relative paths, each once, in the order they came. */
struct watch_changes {
	char **paths;     /* owned, each owned */
	size_t len;
	size_t cap;
	bool overflow;    /* events were lost: rebuild everything */
};

/* Start watching the project in the current folder.  Returns NULL after a
   diagnostic (inotify is not available). */
struct watch *watch_new(void);
/* The descriptor to poll for input; read it with watch_read. */
int watch_fd(const struct watch *w);
/* Read the events waiting (never blocks) and add the paths they concern to
   changes.  Returns how many paths were added. */
size_t watch_read(struct watch *w, struct watch_changes *changes);
void watch_free(struct watch *w);

/* Empty changes (to be reused). */
void watch_changes_clear(struct watch_changes *changes);
/* Whether an editor's own file or folder is named so (the last path
   segment): hidden names, backups, swap and lock files.  (vim's probe
   file "4913" is told by watch.c from a folder named with digits.) */
bool watch_ignored_name(const char *name);

#endif
