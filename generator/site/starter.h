/*
 * starter — the files `mend new` writes, carried inside the binary, and
 * the careful writing of them into one folder.
 *
 * The files come from the repository at build time: starter/ (the new
 * site's own pages, site.toml and exercise, and the templates of a new
 * page, section and exercise), themes/calm/ and exercises/lib/concerns.lua,
 * turned into a C array by scripts/embed.c (see the Makefile), so an
 * installed mend needs nothing else and the theme never drifts from
 * themes/calm.  This module knows nothing about the command line: cmd_new.c
 * decides what to write and says what was written.
 */
#ifndef MEND_STARTER_H
#define MEND_STARTER_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/buf.h"

/* One embedded file. */
struct starter_file {
	const char *name;            /* "site/content/_index.md", "page.md" */
	const unsigned char *data;   /* its bytes (followed by a 0 byte) */
	size_t len;                  /* how many */
};

/*
 * Every embedded file, in a fixed order, ended by an entry whose name is
 * NULL: those of the new site under "site/" (its themes/calm/ and
 * exercises/lib/concerns.lua included), the templates "page.md",
 * "section.md" and "exercise.lua", and, beside them, `mend serve`'s
 * "serve/live.js" and "serve/live.css" (serve/http.c).  Defined in the
 * generated build/gen/starter_files.c.
 */
extern const struct starter_file starter_files[];

/* The embedded file called name, or NULL. */
const struct starter_file *starter_find(const char *name);

/*
 * Write a template's text into out with every "@KEY@" replaced by the
 * value of the key, keys and values given as pairs in vars, NULL-ended:
 * { "TITLE", "Rebuild trust", NULL }.  An unknown key is left as it is.
 */
void starter_fill(struct buf *out, const struct starter_file *file,
    const char *const *vars);

/*
 * A folder being filled: every folder and file made in it is remembered,
 * so a failure half-way can take them all away again.  Nothing is ever
 * written outside the folder: every path is opened relative to it, one
 * component at a time, without following a symbolic link, and an existing
 * file is never replaced.
 */
struct starter_out {
	int dirfd;          /* the folder, open */
	char *shown;        /* the folder as the user named it, for messages */
	char **made;        /* the paths made in it, relative, in order */
	size_t nmade;
	bool made_root;     /* the folder itself was made by starter_open */
	char *root;         /* its path, to remove it then */
};

/*
 * Open the folder dir for writing into.  With make_root, dir may not exist
 * yet: it is made (its parent must exist; it is not made).  Returns 0;
 * -1 after reporting a refusal at dir (a symbolic link, not a folder, its
 * parent missing); -2 after reporting a failure of the system (no
 * permission to make or open it).
 */
int starter_open(struct starter_out *out, const char *dir, bool make_root);

/*
 * Is the open folder empty?  Returns 1 when it is, 0 when it is not, -1
 * after reporting that it cannot be read.
 */
int starter_empty(struct starter_out *out);

/*
 * Does rel (a relative path, '/'-separated) exist in the folder, as
 * anything (a dangling link too)?
 */
bool starter_exists(struct starter_out *out, const char *rel);

/*
 * Write len bytes as the new file rel, making the folders on its way that
 * do not exist (modes 0666 and 0777, less the umask).  An existing file,
 * or a symbolic link on the way, is refused.  Returns 0; -1 after
 * reporting a refusal at the path; -2 after reporting a failure of the
 * system (no permission, no room).
 */
int starter_put(struct starter_out *out, const char *rel, const void *data,
    size_t len);

/*
 * Take away everything this starter_out made, in reverse order (the
 * folder too when starter_open made it).  For a failure half-way.
 */
void starter_undo(struct starter_out *out);

/* Close the folder and free the bookkeeping; what was written stays. */
void starter_close(struct starter_out *out);

#endif
