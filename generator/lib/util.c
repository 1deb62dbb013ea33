/*
 * util — allocation wrappers, whole-file reading and UTF-8 helpers.
 * See util.h.  Nothing here prints a diagnostic except xoom().
 */
#include "lib/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void
xoom(void)
{
	fputs("mend: error: out of memory\n", stderr);
	exit(EXIT_IO);
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		xoom();
	return p;
}

void *
xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (p == NULL)
		xoom();
	return p;
}

void *
xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (p == NULL)
		xoom();
	return p;
}

char *
xstrndup(const char *s, size_t len)
{
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* Read the file opened as path with flags, as util_read_file says. */
static int
read_whole(const char *path, int flags, char **data, size_t *len)
{
	struct stat st;
	char *text;
	size_t cap, used = 0;
	int fd, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | flags)) < 0)
		return -1;
	if (fstat(fd, &st) != 0)
		goto fail;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	/* A regular file is read in one go; a pipe grows the buffer. */
	cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
	text = xmalloc(cap);
	for (;;) {
		ssize_t n;

		if (used + 1 >= cap)
			text = xrealloc(text, cap *= 2);
		n = read(fd, text + used, cap - used - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			saved = errno;
			free(text);
			close(fd);
			errno = saved;
			return -1;
		}
		if (n == 0)
			break;
		used += (size_t)n;
		if (S_ISREG(st.st_mode) && used == (size_t)st.st_size)
			break;  /* all of it: no read just to see the end */
	}
	close(fd);
	text[used] = '\0';
	*data = text;
	*len = used;
	return 0;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

int
util_read_file(const char *path, char **data, size_t *len)
{
	return read_whole(path, 0, data, len);
}

int
util_read_file_nofollow(const char *path, char **data, size_t *len)
{
	return read_whole(path, O_NOFOLLOW, data, len);
}

long
util_utf8_decode(const unsigned char *s, size_t len, size_t *used)
{
	unsigned long cp;
	size_t need, i;

	*used = 1;
	if (len == 0)
		return -1;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		need = 1;
		cp = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		need = 2;
		cp = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		need = 3;
		cp = s[0] & 0x07;
	} else
		return -1;
	if (len < need + 1)
		return -1;
	for (i = 1; i <= need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
	    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;  /* overlong, out of range, or a surrogate */
	*used = need + 1;
	return (long)cp;
}

bool
util_utf8_valid(const char *text, size_t len, size_t *bad_offset)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t off = 0, used;

	while (off < len) {
		if (s[off] < 0x80) {  /* fast path for ASCII */
			off++;
			continue;
		}
		if (util_utf8_decode(s + off, len - off, &used) < 0) {
			if (bad_offset != NULL)
				*bad_offset = off;
			return false;
		}
		off += used;
	}
	return true;
}

size_t
util_utf8_encode(unsigned long cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t
util_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[64];

	if (la >= 63 || lb >= 63)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];  /* row[j - 1] of the previous row */

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

double
util_seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) +
	    (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

double
util_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
util_compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
util_hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool
util_html_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool
util_id_valid(const char *id)
{
	size_t i, len = strlen(id);

	if (len == 0 || len > 64 || id[0] == '-' || id[len - 1] == '-')
		return false;
	for (i = 0; i < len; i++) {
		char c = id[i];

		if (c == '-' ? id[i + 1] == '-' : !((c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9')))
			return false;
	}
	return true;
}

void
util_line_col(const char *text, size_t off, int *line, int *col)
{
	size_t i, start = 0;
	int l = 1;

	for (i = 0; i < off && text[i] != '\0'; i++)
		if (text[i] == '\n') {
			l++;
			start = i + 1;
		}
	*line = l;
	*col = (int)(off - start) + 1;
}
