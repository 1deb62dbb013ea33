/*
 * live_write — replace files of a built site in place, for an incremental
 * update (live.c): every new file is written beside the one it replaces
 * first, and only once all are written is each renamed over its file, so
 * a failure while writing leaves the folder as it was, and a reader (or
 * the server) never sees a file half written.
 */
#ifndef MEND_LIVE_WRITE_H
#define MEND_LIVE_WRITE_H

#include <stddef.h>

/* A file of the output folder to replace. */
struct live_file {
	char *rel;         /* relative to the folder (its parent exists); owned */
	const char *data;  /* its new bytes (borrowed), or NULL: */
	size_t len;
	char *src;         /* the file to copy them from (never through a
	                      link); owned */
	char *tmp;         /* the temporary written beside it, while there is
	                      one; owned */
};

/*
 * Replace files[0..n) in out_dir: each written as a hidden temporary file
 * in its folder ("steps/x/.mend-live-XXXXXX", mode 0644 less the umask),
 * then, once all are written, each renamed over its file.  Returns 0, or
 * -1 after a diagnostic (the temporaries removed; out_dir as it was unless
 * a rename failed, which is reported).
 */
int live_write_files(const char *out_dir, struct live_file *files, size_t n);

#endif
