/*
 * buf — the one growable text buffer of mend.
 *
 * A buf is always NUL-terminated (data is never NULL once anything was put
 * into it; an untouched BUF_INIT buffer reads as ""), grows by doubling,
 * and is owned by whoever declared it: buf_free() releases its memory.
 * It holds bytes, not characters; nothing here knows about UTF-8.
 */
#ifndef MEND_BUF_H
#define MEND_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "lib/util.h"

struct buf {
	char *data; /* NUL-terminated contents; NULL until the first put */
	size_t len; /* bytes used, not counting the NUL */
	size_t cap; /* bytes allocated */
};

#define BUF_INIT { NULL, 0, 0 }

/* Append a string literal without measuring it at run time. */
#define BUF_PUTSL(b, lit) buf_put((b), (lit), sizeof(lit) - 1)

/* Make room for at least extra more bytes (plus the NUL). */
void buf_grow(struct buf *b, size_t extra);
void buf_put(struct buf *b, const char *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) MEND_PRINTF(2, 3);
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) MEND_PRINTF(2, 0);
/* Append s with &, <, >, " and ' escaped for HTML text and attributes. */
void buf_put_html(struct buf *b, const char *s, size_t len);
/* Give back the memory past the contents, for a buffer kept long. */
void buf_shrink(struct buf *b);
/* Forget the contents but keep the memory, for reuse. */
void buf_reset(struct buf *b);
/* Contents as a C string: "" for an untouched buffer.  Owned by b. */
const char *buf_str(const struct buf *b);
/*
 * Hand the contents to the caller (who frees them with free()) and leave b
 * empty.  Never returns NULL.
 */
char *buf_detach(struct buf *b);
/* Release the memory; b may be reused afterwards as if just initialised. */
void buf_free(struct buf *b);

#endif
