/*
 * output — write a build into a staging folder beside the output folder,
 * then swap it in at once.
 *
 * A failed build leaves the previous output exactly as it was: nothing is
 * written into the output folder itself, only into the staging folder,
 * which output_abort removes.  Before anything is written the output
 * folder goes through one guard (output_check_folder), whichever command
 * writes it.  A build stopped by SIGINT, SIGTERM or SIGHUP removes its
 * staging folder before it dies; one killed outright leaves it, and the
 * next build beside the same folder removes it (a staging folder in use
 * is locked with flock, so two builds at once leave each other's alone).
 * Nothing outside the output and staging folders is written or deleted.
 */
#ifndef MEND_OUTPUT_H
#define MEND_OUTPUT_H

#include <stddef.h>

struct output;

/* The marker file that tells a folder was written by mend build. */
#define OUTPUT_MARKER ".mend-output"

/*
 * The guard every command's output folder goes through: out_dir may not
 * be "/", the project, a parent of the project, inside content/, a
 * symbolic link, nor hold site.toml or content/; an existing folder must
 * be readable, and is only replaced when mend wrote it (it, or the folder
 * it is in, holds .mend-output: `mend pdf` replaces the worksheets/ of a
 * built site) or it is empty.  Returns 0, or -1 after a diagnostic that
 * names out_dir and the reason.  output_begin and output_make_folder run
 * it themselves.
 */
int output_check_folder(const char *out_dir);

/*
 * Make out_dir, when it is missing, as a folder mend wrote (with the
 * marker), so that `mend pdf` can put worksheets/ in it and a later build
 * replace it.  Returns 0, or -1 after a diagnostic.
 */
int output_make_folder(const char *out_dir);

/*
 * Check that out_dir may be (re)placed by a build of the project in the
 * current directory, and make the staging folder.  Returns the handle
 * (the caller ends it with output_commit or output_abort) or NULL after a
 * diagnostic.
 */
struct output *output_begin(const char *out_dir);
/*
 * Write data as the file rel (parents made as needed).  When the previous
 * output holds rel with the same bytes, that file is linked in instead of
 * a copy written, so an unchanged file keeps its inode and its time of
 * modification (the previous output itself is never written).  A file
 * written twice is replaced, not written into.  Returns 0 or -1.
 */
int output_write(struct output *out, const char *rel, const char *data, size_t len);
/* Copy the file at src_path (never through a symbolic link) to rel, in
   chunks: memory stays bounded whatever its size.  Like output_write, an
   unchanged file is linked from the previous output.  Returns 0 or -1. */
int output_copy(struct output *out, const char *rel, const char *src_path);
/* Copy the tree under src_dir into the output root, skipping hidden files.
   A symbolic link in it is an error at the link's path (never followed).
   A missing src_dir is not an error.  Returns 0 or -1. */
int output_copy_tree(struct output *out, const char *src_dir);
/* The staging folder's path (for reading back what was written); owned by out. */
const char *output_staging(const struct output *out);

/* The files written so far, relative to the site's top, sorted by name. */
struct output_files {
	char **items;  /* "index.html", "steps/x/index.html", ...; owned */
	size_t n;
};
/* List every file in the staging folder (hidden names left out) into
   files, which the caller frees with output_files_free.  Returns 0, or -1
   after a diagnostic. */
int output_list(const struct output *out, struct output_files *files);
void output_files_free(struct output_files *files);
/*
 * Swap the staging folder in as the output folder and remove the previous
 * output.  Frees out.  Returns 0, or -1 after a diagnostic: the previous
 * output cannot be removed (a folder in it is not writable: checked before
 * the swap, so nothing changes), or a rename failed (the previous output
 * then stays, and the staging folder is removed).
 */
int output_commit(struct output *out);
/* Remove the staging folder, leave the output untouched, free out; NULL ok. */
void output_abort(struct output *out);

#endif
