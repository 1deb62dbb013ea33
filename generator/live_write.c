/*
 * live_write — replace files of a built site in place.  See live_write.h.
 */
#include "live_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/util.h"

/* Write f's temporary file beside where it goes.  Returns 0 or -1 (reported). */
static int
write_temporary(const char *out_dir, struct live_file *f)
{
	struct buf path = BUF_INIT;
	mode_t mask = umask(0);
	char chunk[65536];
	const char *slash;
	ssize_t got = 0;
	size_t done = 0;
	int fd, src = -1, status = 0;

	umask(mask);  /* it is read by setting it: put back at once */
	slash = strrchr(f->rel, '/');
	buf_printf(&path, "%s/%.*s.mend-live-XXXXXX", out_dir,
	    slash != NULL ? (int)(slash - f->rel + 1) : 0, f->rel);
	if ((fd = mkstemp(path.data)) < 0) {
		diag_error(out_dir, 0, 0, "cannot write %s: %s", f->rel,
		    strerror(errno));
		buf_free(&path);
		return -1;
	}
	f->tmp = buf_detach(&path);
	if (fchmod(fd, 0644 & ~mask) != 0)
		status = -1;
	if (status == 0 && f->src != NULL &&
	    (src = open(f->src, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		status = -1;
	while (status == 0) {
		const char *data;
		size_t n;

		if (f->src != NULL) {
			if ((got = read(src, chunk, sizeof(chunk))) < 0 && errno == EINTR)
				continue;
			if (got <= 0) {
				status = got < 0 ? -1 : 0;
				break;
			}
			data = chunk;
			n = (size_t)got;
		} else {
			if (done == f->len)
				break;
			data = f->data + done;
			n = f->len - done;
		}
		while (n > 0) {
			ssize_t put = write(fd, data, n);

			if (put < 0 && errno == EINTR)
				continue;
			if (put <= 0) {
				status = -1;
				break;
			}
			data += put;
			n -= (size_t)put;
			done += (size_t)put;
		}
	}
	if (src >= 0)
		close(src);
	if (close(fd) != 0)
		status = -1;
	if (status != 0)
		diag_error(out_dir, 0, 0, "cannot write %s: %s", f->rel,
		    strerror(errno));
	return status;
}

int
live_write_files(const char *out_dir, struct live_file *files, size_t n)
{
	struct buf target = BUF_INIT;
	size_t i;
	int status = 0;

	for (i = 0; i < n && status == 0; i++)
		status = write_temporary(out_dir, &files[i]);
	for (i = 0; i < n && status == 0; i++) {
		buf_reset(&target);
		buf_printf(&target, "%s/%s", out_dir, files[i].rel);
		if (rename(files[i].tmp, buf_str(&target)) != 0) {
			diag_error(out_dir, 0, 0, "cannot replace %s: %s",
			    files[i].rel, strerror(errno));
			status = -1;
			break;
		}
		free(files[i].tmp);
		files[i].tmp = NULL;
	}
	for (i = 0; i < n; i++)
		if (files[i].tmp != NULL)
			unlink(files[i].tmp);
	buf_free(&target);
	return status;
}
