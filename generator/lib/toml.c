/*
 * toml — a TOML 1.0 parser: text in, a tree of values out.  See toml.h.
 *
 * One pass of recursive descent over the bytes, with no separate lexer.
 * The parser stops at the first error, reports it through diag with the
 * line and column in the user's file, frees what it built and returns
 * NULL.  Strings, comments and keys are checked for UTF-8 and control
 * characters where they are read, so the first problem in the text is the
 * one reported.
 *
 * TOML's redefinition rules live in the kind of each table (enum
 * table_kind): a table named by a [header] cannot be named again; a table
 * made only as the path to one (the "a" of [a.b]) can, once; tables made
 * by dotted keys belong to the section that made them; inline tables and
 * arrays written as values are closed.  Tables index their keys with a
 * hash once they grow, so lookups stay cheap for large files.
 *
 * Values written without quotes or brackets (booleans, numbers and
 * date-times) are read by toml_scalar.c (toml_scalar.h), which knows
 * nothing of the parser or the tree: this file hands it the run of text
 * and makes the value.
 *
 * It does not write TOML, keep comments, or accept TOML 1.1 additions.
 */
#include "lib/toml.h"

#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/hash.h"
#include "lib/toml_scalar.h"
#include "lib/util.h"

#define TOML_MAX_DEPTH 256   /* levels of tables and arrays below the root */
#define TABLE_SCAN_MAX 8     /* up to this many keys a linear scan is enough */

/* How a table came to be; decides what may later add to it. */
enum table_kind {
	TABLE_IMPLICIT, /* made on the way to a header: the "a" of [a.b] */
	TABLE_HEADER,   /* named by [header] or [[header]]; also the root */
	TABLE_DOTTED,   /* made (or claimed) by dotted keys in one section */
	TABLE_INLINE    /* written as { ... }: closed once written */
};

struct toml_table {
	struct toml_entry *entries; /* in the order keys were first defined */
	size_t len;                 /* entries used */
	size_t cap;                 /* entries allocated */
	struct hash *index;         /* key: entry index, past TABLE_SCAN_MAX
	                               keys; NULL before */
};

struct toml_array {
	struct toml_value **items; /* owned */
	size_t len;                /* items used */
	size_t cap;                /* items allocated */
};

/* A value in the tree: toml.h's struct toml_value. */
struct toml_value {
	enum toml_type type;  /* which member of u is in use */
	int line;             /* line in the user's file, 1-based */
	int col;              /* byte column, 1-based */
	enum table_kind kind; /* tables: how the table was made */
	int section;          /* TABLE_DOTTED: the section that made it */
	int depth;            /* levels below the root, which is 0 */
	bool aot;             /* arrays: made by [[header]], so it may grow */
	union {
		struct toml_table table;        /* TOML_TABLE */
		struct toml_array array;        /* TOML_ARRAY */
		struct {
			char *data;   /* NUL-terminated; may also hold NUL */
			size_t len;   /* length in bytes */
		} string;                       /* TOML_STRING */
		int64_t integer;                /* TOML_INTEGER */
		double number;                  /* TOML_FLOAT */
		bool boolean;                   /* TOML_BOOL */
		struct toml_datetime datetime;  /* the four date-time types */
	} u;                  /* the value itself */
};

/* Where the parser is in the text, and where key/values now go. */
struct parser {
	const char *text;           /* the document */
	size_t len;                 /* its length in bytes */
	size_t pos;                 /* the next byte to read */
	int line;                   /* line of pos within text, 1-based */
	size_t line_start;          /* offset where that line starts */
	const char *name;           /* the file, for diagnostics */
	int first_line;             /* line of the file that text starts on */
	bool failed;                /* an error was reported: unwind */
	bool allow_nul;             /* may \u0000 stand in strings and keys? */
	int sections;               /* sections begun so far (headers, { }) */
	int section;                /* the section key/values now go into */
	struct toml_value *root;    /* the document's table */
	struct toml_value *current; /* the table key/values now go into */
};

struct toml_entry {
	char *key;                /* NUL-terminated, but may also hold NUL */
	size_t key_len;           /* length of key in bytes */
	struct toml_value *value; /* owned */
};

/* One part of a key as written: the "b" of a."b".c. */
struct key_part {
	char *name;  /* unescaped, NUL-terminated, may also hold NUL */
	size_t len;  /* length of name in bytes */
	size_t off;  /* where the part starts in the text */
};

struct key_path {
	struct key_part *parts; /* owned, with their names */
	size_t len;             /* parts used */
	size_t cap;             /* parts allocated */
};

#define KEY_PATH_INIT { NULL, 0, 0 }

static struct toml_value *parse_value(struct parser *p, int depth);

/* Characters and positions */

static bool
is_control(int c)
{
	return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7f;
}

/* The byte ahead bytes past pos, or -1 past the end. */
static inline int
peek(const struct parser *p, size_t ahead)
{
	if (p->pos + ahead >= p->len)
		return -1;
	return (unsigned char)p->text[p->pos + ahead];
}


/* Line (in the user's file) and column of byte offset off. */
static void
position(const struct parser *p, size_t off, int *line, int *col)
{
	size_t i, start = 0;
	int l = 1;

	if (off >= p->line_start) {  /* the usual case: on the current line */
		l = p->line;
		start = p->line_start;
	} else {
		for (i = 0; i < off; i++)
			if (p->text[i] == '\n') {
				l++;
				start = i + 1;
			}
	}
	*line = p->first_line + l - 1;
	*col = (int)(off - start) + 1;
}

/*
 * Report an error at byte offset off through diag, unless one was already
 * reported (the first error is the one the user sees).  Returns -1.
 */
static int MEND_PRINTF(3, 4)
fail_at(struct parser *p, size_t off, const char *fmt, ...)
{
	struct buf message = BUF_INIT;
	va_list ap;
	int line, col;

	if (p->failed)
		return -1;
	p->failed = true;
	va_start(ap, fmt);
	buf_vprintf(&message, fmt, ap);
	va_end(ap);
	position(p, off, &line, &col);
	diag_error(p->name, line, col, "%s", buf_str(&message));
	buf_free(&message);
	return -1;
}

static int
fail_bare_cr(struct parser *p, size_t off)
{
	return fail_at(p, off,
	    "a bare carriage return is not allowed; use \\n or \\r\\n");
}

/* Copy the UTF-8 character at pos to out (NULL: skip it).  0 or -1. */
static int
copy_utf8(struct parser *p, struct buf *out)
{
	size_t used;

	if (util_utf8_decode((const unsigned char *)p->text + p->pos,
	    p->len - p->pos, &used) < 0)
		return fail_at(p, p->pos, "invalid UTF-8");
	if (out != NULL)
		buf_put(out, p->text + p->pos, used);
	p->pos += used;
	return 0;
}

/*
 * Report that what was expected at pos is not there, saying what is
 * (unless the line or the text simply ended).  Always returns -1.
 */
static int
expected(struct parser *p, const char *what)
{
	int c = peek(p, 0);
	size_t used;
	long cp;

	if (c == '\r' && peek(p, 1) != '\n')
		return fail_bare_cr(p, p->pos);
	if (c == -1 || c == '\n' || c == '\r')
		return fail_at(p, p->pos, "expected %s", what);
	if (c == '\'')
		return fail_at(p, p->pos, "expected %s, found \"'\"", what);
	if (c == '\t')
		return fail_at(p, p->pos, "expected %s, found a tab", what);
	if (is_control(c))
		return fail_at(p, p->pos, "expected %s, found control "
		    "character U+%04X", what, (unsigned)c);
	if (c < 0x80)
		return fail_at(p, p->pos, "expected %s, found '%c'", what,
		    c);
	if ((cp = util_utf8_decode((const unsigned char *)p->text + p->pos,
	    p->len - p->pos, &used)) < 0)
		return fail_at(p, p->pos, "invalid UTF-8");
	return fail_at(p, p->pos, "expected %s, found '%.*s' (U+%04lX)",
	    what, (int)used, p->text + p->pos, (unsigned long)cp);
}

static void
skip_ws(struct parser *p)
{
	while (p->pos < p->len &&
	    (p->text[p->pos] == ' ' || p->text[p->pos] == '\t'))
		p->pos++;
}

/* At '\n' or '\r': consume one line ending (a CR must come before LF). */
static int
newline(struct parser *p)
{
	if (peek(p, 0) == '\r') {
		if (peek(p, 1) != '\n')
			return fail_bare_cr(p, p->pos);
		p->pos++;
	}
	p->pos++;
	p->line++;
	p->line_start = p->pos;
	return 0;
}

/* At '#': skip the comment up to (not past) the end of the line. */
static int
skip_comment(struct parser *p)
{
	int c;

	p->pos++;
	for (;;) {
		c = peek(p, 0);
		if (c == -1 || c == '\n' || (c == '\r' && peek(p, 1) == '\n'))
			return 0;
		if (c == '\r')
			return fail_bare_cr(p, p->pos);
		if (c >= 0x80) {
			if (copy_utf8(p, NULL) != 0)
				return -1;
		} else if (is_control(c))
			return fail_at(p, p->pos, "control character U+%04X "
			    "is not allowed in a comment", (unsigned)c);
		else
			p->pos++;
	}
}

/* Skip whitespace, comments and line endings, as arrays allow. */
static int
skip_blank(struct parser *p)
{
	int c;

	for (;;) {
		skip_ws(p);
		c = peek(p, 0);
		if (c == '#') {
			if (skip_comment(p) != 0)
				return -1;
		} else if (c == '\n' || c == '\r') {
			if (newline(p) != 0)
				return -1;
		} else
			return 0;
	}
}

/* After a value or header: only a comment may follow on the line. */
static int
end_of_line(struct parser *p, const char *what)
{
	int c;

	skip_ws(p);
	c = peek(p, 0);
	if (c == '#')
		return skip_comment(p);
	if (c == -1 || c == '\n' || (c == '\r' && peek(p, 1) == '\n'))
		return 0;
	return expected(p, what);
}

/* Tables and arrays */

/*
 * A new value of type at byte offset off, depth levels below the root,
 * with its line and column; owned by the caller (toml_free).
 */
static struct toml_value *
value_new(const struct parser *p, enum toml_type type, size_t off,
    int depth)
{
	struct toml_value *v = xcalloc(1, sizeof(*v));

	v->type = type;
	v->depth = depth;
	position(p, off, &v->line, &v->col);
	return v;
}

/*
 * A new table or array at depth, or NULL (reported) past TOML_MAX_DEPTH:
 * whoever walks the tree may then recurse without fear.
 */
static struct toml_value *
container_new(struct parser *p, enum toml_type type, size_t off, int depth)
{
	if (depth > TOML_MAX_DEPTH) {
		fail_at(p, off, "tables and arrays are nested too deeply "
		    "(more than %d levels)", TOML_MAX_DEPTH);
		return NULL;
	}
	return value_new(p, type, off, depth);
}

static struct toml_value *
table_new(struct parser *p, enum table_kind kind, size_t off, int depth)
{
	struct toml_value *v = container_new(p, TOML_TABLE, off, depth);

	if (v != NULL)
		v->kind = kind;
	return v;
}

static struct toml_value *
table_find(const struct toml_table *t, const char *key, size_t len)
{
	const struct toml_entry *e;
	size_t i;

	if (t->index != NULL)
		return hash_get(t->index, key, len, &i) ? t->entries[i].value : NULL;
	for (i = 0; i < t->len; i++) {
		e = &t->entries[i];
		if (e->key_len == len && memcmp(e->key, key, len) == 0)
			return e->value;
	}
	return NULL;
}

/* Add key (copied) and value (taken) to t, which must not hold key. */
static void
table_add(struct toml_table *t, const char *key, size_t len,
    struct toml_value *value)
{
	struct toml_entry *e;

	if (t->len == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 8;
		t->entries = xrealloc(t->entries, t->cap * sizeof(*t->entries));
	}
	e = &t->entries[t->len++];
	e->key = xstrndup(key, len);
	e->key_len = len;
	e->value = value;
	if (t->index != NULL)
		hash_add(t->index, key, len, t->len - 1, NULL);
	else if (t->len > TABLE_SCAN_MAX) {  /* past the scan size: index it */
		size_t i;

		t->index = hash_new(t->len * 2);
		for (i = 0; i < t->len; i++)
			hash_add(t->index, t->entries[i].key, t->entries[i].key_len, i,
			    NULL);
	}
}

static void
array_push(struct toml_value *array, struct toml_value *item)
{
	struct toml_array *a = &array->u.array;

	if (a->len == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 4;
		a->items = xrealloc(a->items, a->cap * sizeof(*a->items));
	}
	a->items[a->len++] = item;
}

/* Strings */

/* At a backslash in a basic string: append what the escape stands for. */
static int
unicode_escape(struct parser *p, int digits, struct buf *out)
{
	size_t at = p->pos;
	unsigned long cp = 0;
	char utf8[4];
	int i, h;

	for (i = 0; i < digits; i++) {
		if ((h = util_hex_value(peek(p, 2 + (size_t)i))) < 0)
			return fail_at(p, at, "invalid escape '%.*s' in a "
			    "string: \\%c takes %d hex digits", i + 2,
			    p->text + at, p->text[at + 1], digits);
		cp = cp * 16 + (unsigned long)h;
	}
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return fail_at(p, at, "invalid escape '%.*s' in a string: "
		    "U+%04lX is not a Unicode scalar value", digits + 2,
		    p->text + at, cp);
	if (cp == 0 && !p->allow_nul)  /* mend's text is C strings */
		return fail_at(p, at, "a NUL character ('%.*s') cannot be used "
		    "in a string or a key", digits + 2, p->text + at);
	buf_put(out, utf8, util_utf8_encode(cp, utf8));
	p->pos += 2 + (size_t)digits;
	return 0;
}

static int
escape(struct parser *p, bool multi, struct buf *out)
{
	static const char from[] = "btnfr\"\\";
	static const char to[] = "\b\t\n\f\r\"\\";
	const char *hit;
	size_t k;
	int c = peek(p, 1);

	if (c > 0 && (hit = strchr(from, c)) != NULL) {
		buf_putc(out, to[hit - from]);
		p->pos += 2;
		return 0;
	}
	if (c == 'u' || c == 'U')
		return unicode_escape(p, c == 'u' ? 4 : 8, out);
	if (multi) {  /* a backslash ending the line trims what follows */
		for (k = p->pos + 1; k < p->len &&
		    (p->text[k] == ' ' || p->text[k] == '\t'); k++)
			;
		if (k < p->len && (p->text[k] == '\n' || (p->text[k] == '\r' &&
		    k + 1 < p->len && p->text[k + 1] == '\n'))) {
			p->pos = k;
			for (;;) {
				skip_ws(p);
				c = peek(p, 0);
				if (c != '\n' && c != '\r')
					return 0;
				if (newline(p) != 0)
					return -1;
			}
		}
	}
	if (c >= 0x20 && c < 0x7f)
		return fail_at(p, p->pos, "invalid escape '\\%c' in a "
		    "string", c);
	if (c == '\n' || c == '\r')
		return fail_at(p, p->pos, "invalid escape in a string: "
		    "'\\' at the end of the line (only multi-line strings may "
		    "do that)");
	return fail_at(p, p->pos, "invalid escape in a string: a lone "
	    "'\\'");
}

/*
 * At a quote in a multi-line string: the closing delimiter, when three or
 * more quotes are in a row (up to two more belong to the string).  Returns
 * 1 at the end of the string, 0 when the quotes were content, -1.
 */
static int
closing_quotes(struct parser *p, int quote, struct buf *out)
{
	size_t run = 0;

	while (peek(p, run) == quote)
		run++;
	if (run > 5)
		return fail_at(p, p->pos, "too many quotes in a row in a "
		    "multi-line string; escape or separate them");
	if (run >= 3) {
		buf_put(out, p->text + p->pos, run - 3);
		p->pos += run;
		return 1;
	}
	buf_put(out, p->text + p->pos, run);
	p->pos += run;
	return 0;
}

/*
 * At the opening quote(s) of a string ('"' or '\'', single-line or
 * multi-line): append its value to out and move past it.  0 or -1.
 */
static int
parse_string(struct parser *p, int quote, bool multi, struct buf *out)
{
	size_t open = p->pos;
	int c, r;

	p->pos += multi ? 3 : 1;
	if (multi && (peek(p, 0) == '\n' || peek(p, 0) == '\r') &&
	    newline(p) != 0)  /* a new line right after the quotes is dropped */
		return -1;
	for (;;) {
		c = peek(p, 0);
		if (c == -1)
			return fail_at(p, open, "string is not closed");
		if (c == quote) {
			if (!multi) {
				p->pos++;
				return 0;
			}
			if ((r = closing_quotes(p, quote, out)) != 0)
				return r > 0 ? 0 : -1;
		} else if (c == '\\' && quote == '"') {
			if (escape(p, multi, out) != 0)
				return -1;
		} else if (c == '\n' || c == '\r') {
			if (c == '\r' && peek(p, 1) != '\n')
				return fail_bare_cr(p, p->pos);
			if (!multi)
				return fail_at(p, open, "string is not "
				    "closed");
			if (newline(p) != 0)
				return -1;
			buf_putc(out, '\n');  /* CRLF is read as LF */
		} else if (c >= 0x80) {
			if (copy_utf8(p, out) != 0)
				return -1;
		} else if (is_control(c)) {
			if (quote == '"')
				return fail_at(p, p->pos, "control "
				    "character U+%04X must be escaped in a "
				    "string, as \\u%04X", (unsigned)c,
				    (unsigned)c);
			return fail_at(p, p->pos, "control character U+%04X "
			    "is not allowed in a literal string", (unsigned)c);
		} else {
			buf_putc(out, (char)c);
			p->pos++;
		}
	}
}

/* Keys */

static void
key_path_free(struct key_path *key)
{
	size_t i;

	for (i = 0; i < key->len; i++)
		free(key->parts[i].name);
	free(key->parts);
}

/* Append the first n parts of key to out as TOML would write them. */
static void
put_key(struct buf *out, const struct key_path *key, size_t n)
{
	const struct key_part *part;
	size_t i, j;
	bool bare;

	for (i = 0; i < n; i++) {
		part = &key->parts[i];
		if (i > 0)
			buf_putc(out, '.');
		bare = part->len > 0;
		for (j = 0; j < part->len && bare; j++)
			bare = is_bare((unsigned char)part->name[j]);
		if (bare) {
			buf_put(out, part->name, part->len);
			continue;
		}
		buf_putc(out, '"');
		for (j = 0; j < part->len; j++) {
			int c = (unsigned char)part->name[j];

			if (c == '"' || c == '\\')
				buf_printf(out, "\\%c", c);
			else if (is_control(c))
				buf_printf(out, "\\u%04X", (unsigned)c);
			else
				buf_putc(out, (char)c);
		}
		buf_putc(out, '"');
	}
}

/* Parse a key, dotted or not, at pos; whitespace around dots is allowed. */
static int
parse_key(struct parser *p, struct key_path *key)
{
	struct buf name = BUF_INIT;
	struct key_part *part;
	size_t off;
	int c;

	for (;;) {
		off = p->pos;
		c = peek(p, 0);
		if (c == '"' || c == '\'') {
			if (peek(p, 1) == c && peek(p, 2) == c)
				return fail_at(p, off, "a key cannot be a "
				    "multi-line string");
			if (parse_string(p, c, false, &name) != 0) {
				buf_free(&name);
				return -1;
			}
		} else if (is_bare(c)) {
			while (is_bare(peek(p, 0)))
				p->pos++;
			buf_put(&name, p->text + off, p->pos - off);
		} else
			return expected(p, key->len == 0 ? "a key" :
			    "a key after '.'");
		if (key->len == key->cap) {
			key->cap = key->cap ? key->cap * 2 : 4;
			key->parts = xrealloc(key->parts,
			    key->cap * sizeof(*key->parts));
		}
		part = &key->parts[key->len++];
		part->len = name.len;
		part->name = buf_detach(&name);
		part->off = off;
		skip_ws(p);
		if (peek(p, 0) != '.')
			return 0;
		p->pos++;
		skip_ws(p);
	}
}

/* Report that the first n parts of key name v, which is not a table. */
static int
fail_not_table(struct parser *p, const struct key_path *key, size_t n,
    const struct toml_value *v)
{
	struct buf name = BUF_INIT;
	const char *what = toml_type_name(v->type);
	bool an = v->type == TOML_INTEGER || v->type == TOML_ARRAY;

	if (v->type == TOML_ARRAY && v->aot)
		what = "array of tables";
	put_key(&name, key, n);
	fail_at(p, key->parts[n - 1].off, "cannot use '%s' as a table: it "
	    "is %s %s (line %d)", buf_str(&name), an ? "an" : "a", what,
	    v->line);
	buf_free(&name);
	return -1;
}

/*
 * Walk all parts of key but the last from table, making the tables that
 * dotted keys imply (they belong to section), and return the table the
 * last part goes into; NULL after an error.
 */
static struct toml_value *
dotted_target(struct parser *p, struct toml_value *table,
    const struct key_path *key, int section)
{
	const struct key_part *part;
	struct toml_value *v;
	struct buf name = BUF_INIT;
	size_t i;

	for (i = 0; i + 1 < key->len; i++) {
		part = &key->parts[i];
		v = table_find(&table->u.table, part->name, part->len);
		if (v == NULL) {
			v = table_new(p, TABLE_DOTTED, part->off,
			    table->depth + 1);
			if (v == NULL)
				return NULL;
			v->section = section;
			table_add(&table->u.table, part->name, part->len, v);
		} else if (v->type != TOML_TABLE) {
			fail_not_table(p, key, i + 1, v);
			return NULL;
		} else if (v->kind == TABLE_IMPLICIT) {
			v->kind = TABLE_DOTTED;  /* now this section's */
			v->section = section;
		} else if (v->kind != TABLE_DOTTED || v->section != section) {
			put_key(&name, key, i + 1);
			if (v->kind == TABLE_INLINE)
				fail_at(p, part->off, "the inline table "
				    "'%s' (line %d) cannot be extended",
				    buf_str(&name), v->line);
			else
				fail_at(p, part->off, "cannot add to the "
				    "table '%s' with dotted keys here: it was "
				    "defined on line %d", buf_str(&name),
				    v->line);
			buf_free(&name);
			return NULL;
		}
		table = v;
	}
	return table;
}

/*
 * Parse "key = value" at pos into table; its dotted keys belong to
 * section.  Stops after the value.  0 or -1.
 */
static int
parse_keyval(struct parser *p, struct toml_value *table, int section)
{
	struct key_path key = KEY_PATH_INIT;
	struct toml_value *target, *old, *value;
	struct key_part *last;
	struct buf text = BUF_INIT;
	int status = -1, c;

	if (parse_key(p, &key) != 0 ||
	    (target = dotted_target(p, table, &key, section)) == NULL)
		goto out;
	last = &key.parts[key.len - 1];
	put_key(&text, &key, key.len);
	old = table_find(&target->u.table, last->name, last->len);
	if (old != NULL) {
		fail_at(p, key.parts[0].off, "duplicate key '%s' (first "
		    "defined on line %d)", buf_str(&text), old->line);
		goto out;
	}
	if (peek(p, 0) != '=') {
		buf_reset(&text);
		BUF_PUTSL(&text, "'=' after the key '");
		put_key(&text, &key, key.len);
		buf_putc(&text, '\'');
		expected(p, buf_str(&text));
		goto out;
	}
	p->pos++;
	skip_ws(p);
	c = peek(p, 0);
	if (c == '#' || c == '\n' || c == '\r' || c == -1) {
		expected(p, "a value after '='");
		goto out;
	}
	if ((value = parse_value(p, target->depth + 1)) == NULL)
		goto out;
	table_add(&target->u.table, last->name, last->len, value);
	status = 0;
out:
	buf_free(&text);
	key_path_free(&key);
	return status;
}

/* The table (or array element) that the header at pos names.  NULL. */
static struct toml_value *
header_table(struct parser *p, const struct key_path *key, bool array,
    size_t open)
{
	const struct key_part *part;
	struct toml_value *t = p->root, *v, *elem;
	struct buf name = BUF_INIT;
	size_t i;

	for (i = 0; i + 1 < key->len; i++) {
		part = &key->parts[i];
		v = table_find(&t->u.table, part->name, part->len);
		if (v == NULL) {
			if ((v = table_new(p, TABLE_IMPLICIT, part->off,
			    t->depth + 1)) == NULL)
				return NULL;
			table_add(&t->u.table, part->name, part->len, v);
		} else if (v->type == TOML_ARRAY && v->aot)
			v = v->u.array.items[v->u.array.len - 1];
		else if (v->type != TOML_TABLE) {
			fail_not_table(p, key, i + 1, v);
			return NULL;
		} else if (v->kind == TABLE_INLINE) {
			put_key(&name, key, i + 1);
			fail_at(p, part->off, "the inline table '%s' (line "
			    "%d) cannot be extended", buf_str(&name), v->line);
			buf_free(&name);
			return NULL;
		}
		t = v;
	}
	part = &key->parts[key->len - 1];
	v = table_find(&t->u.table, part->name, part->len);
	if (array && (v == NULL || (v->type == TOML_ARRAY && v->aot))) {
		if (v == NULL) {
			if ((v = container_new(p, TOML_ARRAY, open,
			    t->depth + 1)) == NULL)
				return NULL;
			v->aot = true;
			table_add(&t->u.table, part->name, part->len, v);
		}
		if ((elem = table_new(p, TABLE_HEADER, open, v->depth + 1)) ==
		    NULL)
			return NULL;
		array_push(v, elem);
		return elem;
	}
	if (v == NULL) {
		v = table_new(p, TABLE_HEADER, open, t->depth + 1);
		if (v != NULL)
			table_add(&t->u.table, part->name, part->len, v);
		return v;
	}
	if (!array && v->type == TOML_TABLE && v->kind == TABLE_IMPLICIT) {
		v->kind = TABLE_HEADER;
		position(p, open, &v->line, &v->col);
		return v;
	}
	put_key(&name, key, key->len);
	if (array && v->type == TOML_TABLE)
		fail_at(p, open, "cannot make '%s' an array of tables: it "
		    "is already a table (line %d)", buf_str(&name), v->line);
	else if (array && v->type == TOML_ARRAY)
		fail_at(p, open, "'%s' is an array written as a value (line "
		    "%d); [[%s]] can only extend an array of tables",
		    buf_str(&name), v->line, buf_str(&name));
	else if (v->type == TOML_ARRAY && v->aot)
		fail_at(p, open, "'%s' is already an array of tables (line "
		    "%d); write [[%s]] to add an element", buf_str(&name),
		    v->line, buf_str(&name));
	else if (v->type != TOML_TABLE)
		fail_not_table(p, key, key->len, v);
	else if (v->kind == TABLE_HEADER)
		fail_at(p, open, "table [%s] is defined twice (first "
		    "defined on line %d)", buf_str(&name), v->line);
	else if (v->kind == TABLE_DOTTED)
		fail_at(p, open, "table [%s] is already defined by dotted "
		    "keys on line %d", buf_str(&name), v->line);
	else
		fail_at(p, open, "table [%s] is already defined as an "
		    "inline table on line %d", buf_str(&name), v->line);
	buf_free(&name);
	return NULL;
}

/* At '[': a [table] or [[array of tables]] header line. */
static int
parse_header(struct parser *p)
{
	struct key_path key = KEY_PATH_INIT;
	struct toml_value *table;
	size_t open = p->pos;
	bool array = peek(p, 1) == '[';
	int status = -1;

	p->pos += array ? 2 : 1;
	skip_ws(p);
	if (parse_key(p, &key) != 0)
		goto out;
	if (peek(p, 0) != ']' || (array && peek(p, 1) != ']')) {
		expected(p, array ? "']]' to close the header" :
		    "']' to close the header");
		goto out;
	}
	p->pos += array ? 2 : 1;
	if ((table = header_table(p, &key, array, open)) == NULL ||
	    end_of_line(p, "a new line after the table header") != 0)
		goto out;
	p->current = table;
	p->section = ++p->sections;
	status = 0;
out:
	key_path_free(&key);
	return status;
}

/* Arrays and inline tables */

static struct toml_value *
parse_array(struct parser *p, int depth)
{
	struct toml_value *array, *item;
	size_t open = p->pos;

	if ((array = container_new(p, TOML_ARRAY, open, depth)) == NULL)
		return NULL;
	p->pos++;
	while (skip_blank(p) == 0) {
		if (peek(p, 0) == ']') {  /* empty, or after a trailing comma */
			p->pos++;
			return array;
		}
		if (peek(p, 0) == -1) {
			fail_at(p, open, "array is not closed");
			break;
		}
		if ((item = parse_value(p, depth + 1)) == NULL)
			break;
		array_push(array, item);
		if (skip_blank(p) != 0)
			break;
		if (peek(p, 0) == ',')
			p->pos++;
		else if (peek(p, 0) != ']' && peek(p, 0) != -1) {
			expected(p, "',' or ']' after a value in the array");
			break;
		}
	}
	toml_free(array);  /* only errors leave the loop */
	return NULL;
}

/* Report an inline table that the line or the text ends inside.  0 or -1. */
static int
inline_cut_short(struct parser *p, size_t open)
{
	int c = peek(p, 0);

	if (c == -1)
		return fail_at(p, open, "inline table is not closed");
	if (c == '\n' || (c == '\r' && peek(p, 1) == '\n'))
		return fail_at(p, p->pos, "an inline table must fit on one "
		    "line");
	return 0;
}

static struct toml_value *
parse_inline_table(struct parser *p, int depth)
{
	struct toml_value *table;
	size_t open = p->pos, comma;
	int section = ++p->sections;  /* its dotted keys are its own */
	int c;

	if ((table = table_new(p, TABLE_INLINE, open, depth)) == NULL)
		return NULL;
	p->pos++;
	skip_ws(p);
	if (peek(p, 0) == '}') {
		p->pos++;
		return table;
	}
	for (;;) {
		if (inline_cut_short(p, open) != 0 ||
		    parse_keyval(p, table, section) != 0)
			goto fail;
		skip_ws(p);
		if ((c = peek(p, 0)) == '}')
			break;
		if (c != ',') {
			if (inline_cut_short(p, open) == 0)
				expected(p, "',' or '}' after a value in the "
				    "inline table");
			goto fail;
		}
		comma = p->pos++;
		skip_ws(p);
		if (peek(p, 0) == '}') {
			fail_at(p, comma, "a trailing comma is not allowed "
			    "in an inline table");
			goto fail;
		}
	}
	p->pos++;
	return table;
fail:
	toml_free(table);
	return NULL;
}

/*
 * At a character is_scalar accepts: the boolean, number or date-time there
 * (toml_scalar.c reads it), which will sit depth levels below the root.
 * NULL after reporting an error.
 */
static struct toml_value *
parse_scalar(struct parser *p, int depth)
{
	size_t start = p->pos;
	struct toml_scalar scalar;
	struct toml_value *v;
	struct buf why = BUF_INIT;

	p->pos += toml_scalar_length(p->text + start, p->len - start);
	if (toml_scalar_read(p->text + start, p->pos - start, &scalar, &why) != 0) {
		fail_at(p, start, "%s", buf_str(&why));
		buf_free(&why);
		return NULL;
	}
	v = value_new(p, scalar.type, start, depth);
	switch (scalar.type) {
	case TOML_BOOL: v->u.boolean = scalar.u.boolean; break;
	case TOML_INTEGER: v->u.integer = scalar.u.integer; break;
	case TOML_FLOAT: v->u.number = scalar.u.number; break;
	default: v->u.datetime = scalar.u.datetime; break;
	}
	return v;
}

/* The value at pos, which will sit depth levels below the root. */
static struct toml_value *
parse_value(struct parser *p, int depth)
{
	struct toml_value *v = NULL;
	struct buf text = BUF_INIT;
	int c = peek(p, 0);
	bool multi;

	if (c == '"' || c == '\'') {
		v = value_new(p, TOML_STRING, p->pos, depth);
		multi = peek(p, 1) == c && peek(p, 2) == c;
		if (parse_string(p, c, multi, &text) != 0) {
			buf_free(&text);
			free(v);
			return NULL;
		}
		v->u.string.len = text.len;
		v->u.string.data = buf_detach(&text);
		return v;
	}
	if (c == '[')
		return parse_array(p, depth);
	if (c == '{')
		return parse_inline_table(p, depth);
	if (is_scalar(c))
		return parse_scalar(p, depth);
	expected(p, "a value");
	return NULL;
}

/* The document */

static int
parse_document(struct parser *p)
{
	int c;

	for (;;) {
		skip_ws(p);
		c = peek(p, 0);
		if (c == -1)
			return 0;
		if (c == '#') {
			if (skip_comment(p) != 0)
				return -1;
		} else if (c == '\n' || c == '\r') {
			if (newline(p) != 0)
				return -1;
		} else if (c == '[') {
			if (parse_header(p) != 0)
				return -1;
		} else if (parse_keyval(p, p->current, p->section) != 0 ||
		    end_of_line(p, "a new line after the value") != 0)
			return -1;
	}
}

static struct toml_value *
parse(const char *text, size_t len, const char *name, int first_line,
    bool allow_nul)
{
	struct parser p;

	memset(&p, 0, sizeof(p));
	p.allow_nul = allow_nul;
	p.text = text;
	p.len = len;
	p.line = 1;
	p.name = name;
	p.first_line = first_line;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		p.pos = p.line_start = 3;  /* a byte order mark is skipped */
	p.root = table_new(&p, TABLE_HEADER, p.pos, 0);
	p.current = p.root;
	if (parse_document(&p) != 0) {
		toml_free(p.root);
		return NULL;
	}
	return p.root;
}

struct toml_value *
toml_parse(const char *text, size_t len, const char *name, int first_line)
{
	return parse(text, len, name, first_line, false);
}

struct toml_value *
toml_parse_with_nul(const char *text, size_t len, const char *name,
    int first_line)
{
	return parse(text, len, name, first_line, true);
}

void
toml_free(struct toml_value *root)
{
	size_t i;

	if (root == NULL)
		return;
	if (root->type == TOML_TABLE) {  /* recursion is bounded by depth */
		for (i = 0; i < root->u.table.len; i++) {
			free(root->u.table.entries[i].key);
			toml_free(root->u.table.entries[i].value);
		}
		free(root->u.table.entries);
		hash_free(root->u.table.index);
	} else if (root->type == TOML_ARRAY) {
		for (i = 0; i < root->u.array.len; i++)
			toml_free(root->u.array.items[i]);
		free(root->u.array.items);
	} else if (root->type == TOML_STRING)
		free(root->u.string.data);
	free(root);
}

/* Reading the tree */

enum toml_type
toml_type(const struct toml_value *v)
{
	return v->type;
}

const char *
toml_type_name(enum toml_type type)
{
	static const char *const names[] = { "table", "array", "string",
		"integer", "float", "boolean", "date-time", "local date-time",
		"local date", "local time" };  /* in the order of the enum */

	if ((size_t)type >= sizeof(names) / sizeof(names[0]))
		return "value";
	return names[type];
}

void
toml_report_type(const char *path, const char *key, const struct toml_value *v,
    const char *wanted)
{
	enum toml_type type = toml_type(v);

	diag_error(path, toml_line(v), toml_col(v), "'%s' must be %s, not %s %s",
	    key, wanted, type == TOML_INTEGER || type == TOML_ARRAY ? "an" : "a",
	    toml_type_name(type));
}

int
toml_line(const struct toml_value *v)
{
	return v != NULL ? v->line : 0;
}

int
toml_col(const struct toml_value *v)
{
	return v != NULL ? v->col : 0;
}

size_t
toml_table_size(const struct toml_value *table)
{
	if (table == NULL || table->type != TOML_TABLE)
		return 0;
	return table->u.table.len;
}

const char *
toml_table_key(const struct toml_value *table, size_t i)
{
	return toml_table_keyn(table, i, NULL);
}

const char *
toml_table_keyn(const struct toml_value *table, size_t i, size_t *len)
{
	assert(table->type == TOML_TABLE && i < table->u.table.len);
	if (len != NULL)
		*len = table->u.table.entries[i].key_len;
	return table->u.table.entries[i].key;
}

const struct toml_value *
toml_table_value(const struct toml_value *table, size_t i)
{
	assert(table->type == TOML_TABLE && i < table->u.table.len);
	return table->u.table.entries[i].value;
}

const struct toml_value *
toml_get(const struct toml_value *table, const char *key)
{
	if (table == NULL || table->type != TOML_TABLE)
		return NULL;
	return table_find(&table->u.table, key, strlen(key));
}

size_t
toml_array_size(const struct toml_value *array)
{
	if (array == NULL || array->type != TOML_ARRAY)
		return 0;
	return array->u.array.len;
}

const struct toml_value *
toml_array_at(const struct toml_value *array, size_t i)
{
	assert(array->type == TOML_ARRAY && i < array->u.array.len);
	return array->u.array.items[i];
}

const char *
toml_string(const struct toml_value *v, size_t *len)
{
	assert(v->type == TOML_STRING);
	if (len != NULL)
		*len = v->u.string.len;
	return v->u.string.data;
}

int64_t
toml_integer(const struct toml_value *v)
{
	assert(v->type == TOML_INTEGER);
	return v->u.integer;
}

double
toml_float(const struct toml_value *v)
{
	assert(v->type == TOML_FLOAT);
	return v->u.number;
}

bool
toml_bool(const struct toml_value *v)
{
	assert(v->type == TOML_BOOL);
	return v->u.boolean;
}

const struct toml_datetime *
toml_datetime(const struct toml_value *v)
{
	assert(v->type == TOML_DATETIME || v->type == TOML_DATETIME_LOCAL ||
	    v->type == TOML_DATE_LOCAL || v->type == TOML_TIME_LOCAL);
	return &v->u.datetime;
}
