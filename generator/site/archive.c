/*
 * archive — the site as one zip file, with libarchive.  See archive.h.
 */
#include "site/archive.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/util.h"
#include "site/offline.h"
#include "site/output.h"

bool
archive_leaves_out(const char *rel)
{
	return strcmp(rel, ARCHIVE_FILE) == 0 || strcmp(rel, OFFLINE_WORKER) == 0;
}

/* The time the entries carry: SOURCE_DATE_EPOCH, else now. */
static time_t
entry_time(void)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long t;

	if (epoch != NULL && *epoch != '\0') {
		errno = 0;
		t = strtoll(epoch, &end, 10);
		if (errno == 0 && *end == '\0' && t >= 0)
			return (time_t)t;
	}
	return time(NULL);
}

/* Add the file top/rel to a as ARCHIVE_FOLDER/rel.  Returns 0 or -1. */
static int
add_file(struct archive *a, const char *top, const char *rel, time_t when)
{
	struct buf path = BUF_INIT, name = BUF_INIT;
	struct archive_entry *e;
	size_t len, n = strlen(rel);
	char *data;
	int status = 0;

	buf_printf(&path, "%s/%s", top, rel);
	if (util_read_file(buf_str(&path), &data, &len) != 0) {
		diag_error(rel, 0, 0, "cannot read it for %s: %s", ARCHIVE_FILE,
		    strerror(errno));
		buf_free(&path);
		return -1;
	}
	/* a PDF is compressed already: deflating it again saves nothing */
	if (n > 4 && strcmp(rel + n - 4, ".pdf") == 0)
		archive_write_zip_set_compression_store(a);
	else
		archive_write_zip_set_compression_deflate(a);
	buf_printf(&name, "%s/%s", ARCHIVE_FOLDER, rel);
	e = archive_entry_new();
	archive_entry_set_pathname(e, buf_str(&name));
	archive_entry_set_size(e, (la_int64_t)len);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_mtime(e, when, 0);
	if (archive_write_header(a, e) != ARCHIVE_OK ||
	    (len > 0 && archive_write_data(a, data, len) != (la_ssize_t)len)) {
		diag_error(ARCHIVE_FILE, 0, 0, "cannot add %s: %s", rel,
		    archive_error_string(a));
		status = -1;
	}
	archive_entry_free(e);
	free(data);
	buf_free(&path);
	buf_free(&name);
	return status;
}

int
archive_write(struct output *out, size_t *bytes)
{
	const char *top = output_staging(out);
	struct output_files files;
	struct buf path = BUF_INIT;
	struct archive *a;
	struct stat st;
	time_t when = entry_time();
	size_t i;
	int status;

	if ((status = output_list(out, &files)) != 0)
		return -1;
	buf_printf(&path, "%s/%s", top, ARCHIVE_FILE);
	(void)unlink(buf_str(&path));  /* a file written twice is replaced */
	if ((a = archive_write_new()) == NULL)
		xoom();
	if (archive_write_set_format_zip(a) != ARCHIVE_OK ||
	    archive_write_open_filename(a, buf_str(&path)) != ARCHIVE_OK) {
		diag_error(ARCHIVE_FILE, 0, 0, "cannot write: %s",
		    archive_error_string(a));
		status = -1;
	}
	for (i = 0; i < files.n && status == 0; i++)
		if (!archive_leaves_out(files.items[i]))
			status = add_file(a, top, files.items[i], when);
	if (archive_write_close(a) != ARCHIVE_OK && status == 0) {
		diag_error(ARCHIVE_FILE, 0, 0, "cannot write: %s",
		    archive_error_string(a));
		status = -1;
	}
	archive_write_free(a);
	if (status == 0 && stat(buf_str(&path), &st) != 0) {
		diag_error(ARCHIVE_FILE, 0, 0, "cannot read it back: %s",
		    strerror(errno));
		status = -1;
	}
	if (status == 0)
		*bytes = (size_t)st.st_size;
	output_files_free(&files);
	buf_free(&path);
	return status;
}
