/*
 * template — the Mustache engine.  See template.h.
 *
 * A template is compiled once, in three passes over a private copy of its
 * text.  The scanner cuts the text into tokens (runs of text, never more
 * than one line each, and tags), follows set-delimiter tags and matches
 * every closing tag with its opening one.  The standalone pass finds the
 * lines that hold nothing but whitespace and tags and drops their
 * whitespace and line ending, as the spec asks.  The builder turns what is
 * left into a flat array of nodes in document order, where a section's
 * children are the nodes up to its `end`.  Rendering walks that array and
 * changes nothing in it, so any number of threads may render at once; the
 * set's mutex guards only its caches (files, partials found on first use).
 * When the caller wants a source map, each text and value node notes its
 * template's file and line in it just before writing (a line that goes on
 * adds no run), and a value the caller asked about notes where it went.
 *
 * Choices the spec leaves open, or where mend differs from it:
 *   - Falsey are false, null, a missing name, an empty array, and also the
 *     empty string "", so `{{#page.date}}...{{/page.date}}` hides an unset
 *     date.  0 and {} are truthy.
 *   - {{name}} escapes & < > " and ' (buf_put_html).  true and false
 *     interpolate as "true" and "false"; null, objects and arrays as "".
 *     Integers print as written, reals in the shortest form that reads
 *     back as the same number, without an exponent below 1e17 (1.21 gives
 *     "1.21", 100.0 gives "100").
 *   - Lambdas are not supported (JSON has no functions), nor are dynamic
 *     names: `{{>*name}}` looks for a partial called "*name".
 *   - Whitespace may come before a tag's sigil: `{{ #pages }}`.
 *   - Inheritance follows the spec's tests, block re-indentation included
 *     (mustache/spec#131).  Text a parent pair holds outside its blocks is
 *     ignored, and counts as blank on its line; a line of parent and block
 *     tags alone is standalone (`{{<base}}{{$main}}`), unless a whole block
 *     is on it.  A block's indentation is its next line's when its opening
 *     line is standalone, its own line's when only whitespace comes before
 *     it, none otherwise; it is taken off the block's lines where they are
 *     written and the replaced block's is put on them where they land.
 *   - Sections, partials, parents and blocks may nest 100 deep, counted
 *     together: a template nesting deeper does not compile, and a render
 *     that would go deeper (a partial that includes itself) stops with an
 *     error at the tag.  A partial that does not compile is reported each
 *     time a render needs it.
 */
#include "lib/template.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/diag.h"
#include "lib/util.h"

/*
 * Sections, partials, parents and blocks inside one another, counted
 * together: what one template may nest, and what a render may enter.
 * The bound keeps the recursive renderer's stack small (a template
 * 40,000 sections deep overflowed it) and its context lookups short.
 */
#define MAX_DEPTH 100

enum op {
	OP_TEXT,      /* template text, one line at most */
	OP_VAR,       /* {{name}}: the value, HTML-escaped */
	OP_RAW,       /* {{{name}}} or {{& name}}: the value as it is */
	OP_SECTION,   /* {{#name}}...{{/name}} */
	OP_INVERTED,  /* {{^name}}...{{/name}} */
	OP_PARTIAL,   /* {{>name}} */
	OP_PARENT,    /* {{<name}}...{{/name}}: a partial given blocks */
	OP_BLOCK,     /* {{$name}}...{{/name}}: a part a child may replace */
	OP_CLOSE,     /* {{/name}}, while compiling only */
	OP_COMMENT,   /* {{! ...}}, while compiling only */
	OP_DELIM      /* {{=<% %>=}}, while compiling only */
};

struct node {
	enum op op;          /* what the node does; never a compile-only op */
	const char *text;    /* OP_TEXT: the bytes; otherwise the tag's name */
	size_t len;          /* bytes in text */
	size_t end;          /* pairs: the index past the last child */
	const char *indent;  /* partials, parents, blocks: at line starts */
	size_t indent_len;   /* bytes in indent (0: none) */
	size_t offset;       /* where the tag starts in the source */
	int line;            /* the line of offset, 1-based, for the map */
};

enum template_kind {
	TEMPLATE_COMPILED,  /* made by template_set_compile, never looked up */
	TEMPLATE_FILE,      /* made by template_set_load; key is the path */
	TEMPLATE_PARTIAL,   /* a partial; key is its name */
	TEMPLATE_MISSING,   /* a partial that does not exist; key is its name */
	TEMPLATE_STALE      /* a partial replaced since it was compiled */
};

struct template {
	enum template_kind kind;  /* how the set finds it again */
	char *key;                /* path or partial name; NULL when compiled */
	char *name;               /* the file as the user knows it */
	char *source;             /* the text, NUL-terminated; nodes point in */
	struct node *nodes;       /* the compiled tree, in document order */
	size_t nnodes;            /* nodes used */
	struct template *next;    /* the next template of the set */
};

struct partial_source {
	char *name;                  /* what {{>name}} says */
	char *text;                  /* the template text, a private copy */
	size_t len;                  /* bytes in text */
	struct partial_source *next; /* the next partial added */
};

struct template_set {
	char *partials_dir;             /* has NAME.mustache; NULL: none */
	bool strict;                    /* a missing partial is an error */
	pthread_mutex_t lock;           /* guards the two lists below */
	struct partial_source *sources; /* partials added in memory */
	struct template *templates;     /* every template made, newest first */
};

/* ---- compiling ---- */

struct token {
	enum op op;         /* OP_TEXT or the kind of tag */
	size_t start, end;  /* the whole token in the source */
	size_t name;        /* OP_TEXT: the text; a tag: its name (offset) */
	size_t name_len;    /* bytes in the name */
	size_t match;       /* opening and closing tags: the other one */
	bool ignored;       /* inside a parent pair, outside its blocks */
	bool dropped;       /* whitespace of a standalone line */
	bool has_indent;    /* partials, parents, blocks: ws is their indent */
	size_t ws, ws_len;  /* the indentation, as mark_line finds it */
};

struct compiler {
	const char *name;     /* the template's file, for diagnostics */
	const char *src;      /* the text (the template's own copy) */
	size_t len;           /* bytes in src */
	struct token *toks;   /* what the scanner found, in order */
	size_t ntoks, cap;    /* tokens used and allocated */
	size_t *open;         /* sections not closed yet, as token indices */
	size_t nopen;         /* entries used in open (allocated: cap) */
};

static void compile_error(const struct compiler *c, size_t off,
    const char *fmt, ...) MEND_PRINTF(3, 4);

static void
compile_error(const struct compiler *c, size_t off, const char *fmt, ...)
{
	struct buf message = BUF_INIT;
	int line, col;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&message, fmt, ap);
	va_end(ap);
	util_line_col(c->src, off, &line, &col);
	diag_error(c->name, line, col, "%s", buf_str(&message));
	buf_free(&message);
}

static bool
is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* Text of spaces and tabs, perhaps ending a line with "\n" or "\r\n". */
static bool
blank_text(const char *s, size_t len)
{
	size_t i;

	if (len > 0 && s[len - 1] == '\n' && --len > 0 && s[len - 1] == '\r')
		len--;
	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

/* The first needle[0..nlen) in hay[from..len), or len when there is none. */
static size_t
find(const char *hay, size_t len, size_t from, const char *needle, size_t nlen)
{
	const char *p;

	while (from + nlen <= len) {
		p = memchr(hay + from, needle[0], len - nlen + 1 - from);
		if (p == NULL)
			break;
		from = (size_t)(p - hay);
		if (memcmp(p, needle, nlen) == 0)
			return from;
		from++;
	}
	return len;
}

/* Is the innermost parent or block pair around the scanner a parent? */
static bool
in_parent(const struct compiler *c)
{
	size_t i;

	for (i = c->nopen; i > 0; i--) {
		enum op op = c->toks[c->open[i - 1]].op;

		if (op == OP_PARENT || op == OP_BLOCK)
			return op == OP_PARENT;
	}
	return false;
}

static struct token *
add_token(struct compiler *c, enum op op, size_t start, size_t end)
{
	struct token *t;

	if (c->ntoks == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->toks = xrealloc(c->toks, c->cap * sizeof(*c->toks));
		c->open = xrealloc(c->open, c->cap * sizeof(*c->open));
	}
	t = &c->toks[c->ntoks++];
	memset(t, 0, sizeof(*t));
	t->op = op;
	t->start = t->name = start;
	t->end = end;
	return t;
}

/* Add src[from..to) as text tokens, cut after each newline. */
static void
add_text(struct compiler *c, size_t from, size_t to)
{
	bool ignored = in_parent(c);
	const char *nl;
	size_t end;

	while (from < to) {
		nl = memchr(c->src + from, '\n', to - from);
		end = nl != NULL ? (size_t)(nl - c->src) + 1 : to;
		add_token(c, OP_TEXT, from, end)->ignored = ignored;
		c->toks[c->ntoks - 1].name_len = end - from;
		from = end;
	}
}

static const char *
pair_word(enum op op)
{
	if (op == OP_PARENT || op == OP_BLOCK)
		return op == OP_PARENT ? "parent" : "block";
	return "section";
}

struct delims {
	const char *open;   /* what starts a tag, "{{" at first */
	size_t open_len;    /* bytes in open */
	const char *close;  /* what ends it, "}}" at first */
	size_t close_len;   /* bytes in close */
};

static size_t
skip_blanks(const char *s, size_t i, size_t len)
{
	while (i < len && is_blank(s[i]))
		i++;
	return i;
}

static size_t
skip_word(const char *s, size_t i, size_t len)
{
	while (i < len && !is_blank(s[i]) && s[i] != '=')
		i++;
	return i;
}

/*
 * Take new delimiters from s[0..len), what a set-delimiter tag holds after
 * its "=" ("<% %>=").  Returns 0, or -1 after a diagnostic at tag.
 */
static int
set_delimiters(struct compiler *c, size_t tag, const char *s, size_t len,
    struct delims *d)
{
	size_t open_at, open_end, close_at, close_end;

	while (len > 0 && is_blank(s[len - 1]))
		len--;
	if (len > 0 && s[len - 1] == '=') {
		len--;
		open_at = skip_blanks(s, 0, len);
		open_end = skip_word(s, open_at, len);
		close_at = skip_blanks(s, open_end, len);
		close_end = skip_word(s, close_at, len);
		if (open_end > open_at && close_end > close_at &&
		    skip_blanks(s, close_end, len) == len) {
			d->open = s + open_at;
			d->open_len = open_end - open_at;
			d->close = s + close_at;
			d->close_len = close_end - close_at;
			return 0;
		}
	}
	compile_error(c, tag,
	    "bad set-delimiter tag: write it as '%.*s=OPEN CLOSE=%.*s'",
	    (int)d->open_len, d->open, (int)d->close_len, d->close);
	return -1;
}

/* Match the closing tag just added with the innermost open section. */
static int
close_section(struct compiler *c)
{
	size_t close = c->ntoks - 1, open;
	struct token *t = &c->toks[close], *o;
	int line, col;

	if (c->nopen == 0) {
		compile_error(c, t->start,
		    "'%.*s' closes nothing: no section is open",
		    (int)(t->end - t->start), c->src + t->start);
		return -1;
	}
	open = c->open[c->nopen - 1];
	o = &c->toks[open];
	if (o->name_len != t->name_len ||
	    memcmp(c->src + o->name, c->src + t->name, t->name_len) != 0) {
		util_line_col(c->src, o->start, &line, &col);
		compile_error(c, t->start,
		    "'%.*s' closes '%.*s', opened on line %d",
		    (int)(t->end - t->start), c->src + t->start,
		    (int)o->name_len, c->src + o->name, line);
		return -1;
	}
	c->nopen--;
	t->match = open;
	o->match = close;
	t->ignored = o->ignored;
	return 0;
}

/*
 * Would the partial name[0..len), made a path in the partials folder,
 * lead out of it: a leading '/', a '..' part, or a backslash (a separator
 * elsewhere)?  A theme from someone else must not reach a file outside
 * its folder.
 */
static bool
climbs_out(const char *name, size_t len)
{
	size_t i, part = 0;  /* where the current part starts */

	if (len > 0 && name[0] == '/')
		return true;
	for (i = 0; i <= len; i++) {
		if (i < len && name[i] == '\\')
			return true;
		if (i == len || name[i] == '/') {
			if (i - part == 2 && name[part] == '.' && name[part + 1] == '.')
				return true;
			part = i + 1;
		}
	}
	return false;
}

/*
 * Scan the tag that starts at c->src[at], after the delimiter d->open, and
 * add its token.  Sets *next past it.  Returns 0, or -1 after a diagnostic.
 */
static int
scan_tag(struct compiler *c, size_t at, struct delims *d, size_t *next)
{
	const char *s = c->src;
	size_t p = skip_blanks(s, at + d->open_len, c->len), q, name, end;
	bool triple = p < c->len && s[p] == '{';  /* "}" before the close */
	enum op op;
	struct token *t;

	switch (p < c->len ? s[p] : '\0') {
	case '#': op = OP_SECTION; break;
	case '^': op = OP_INVERTED; break;
	case '/': op = OP_CLOSE; break;
	case '>': op = OP_PARTIAL; break;
	case '<': op = OP_PARENT; break;
	case '$': op = OP_BLOCK; break;
	case '!': op = OP_COMMENT; break;
	case '=': op = OP_DELIM; break;
	case '&': op = OP_RAW; break;
	case '{': op = OP_RAW; break;
	default: op = OP_VAR; break;
	}
	if (op != OP_VAR)
		p++;
	q = find(s, c->len, p, d->close, d->close_len);
	while (triple && q < c->len && (q == p || s[q - 1] != '}'))
		q = find(s, c->len, q + 1, d->close, d->close_len);
	if (q == c->len) {
		compile_error(c, at, "tag is not closed: expected '%s%.*s'",
		    triple ? "}" : "", (int)d->close_len, d->close);
		return -1;
	}
	end = q + d->close_len;
	if (triple)
		q--;
	*next = end;
	if (op == OP_COMMENT) {
		add_token(c, op, at, end)->ignored = in_parent(c);
		return 0;
	}
	if (op == OP_DELIM) {
		add_token(c, op, at, end)->ignored = in_parent(c);
		return set_delimiters(c, at, s + p, q - p, d);
	}
	name = skip_blanks(s, p, q);
	while (q > name && is_blank(s[q - 1]))
		q--;
	if (q == name) {
		compile_error(c, at, "empty tag name in '%.*s'",
		    (int)(end - at), s + at);
		return -1;
	}
	for (p = name; p < q; p++)
		if (is_blank(s[p])) {
			compile_error(c, at,
			    "bad tag name '%.*s': a name has no spaces",
			    (int)(q - name), s + name);
			return -1;
		}
	if ((op == OP_PARTIAL || op == OP_PARENT) &&
	    climbs_out(s + name, q - name)) {
		compile_error(c, at, "partial name '%.*s' leads out of the "
		    "partials folder: name a file in it (no '..', no leading "
		    "'/', no '\\')", (int)(q - name), s + name);
		return -1;
	}
	t = add_token(c, op, at, end);
	t->name = name;
	t->name_len = q - name;
	if (op == OP_CLOSE)
		return close_section(c);
	t->ignored = op != OP_BLOCK && in_parent(c);
	if (op == OP_SECTION || op == OP_INVERTED || op == OP_PARENT ||
	    op == OP_BLOCK) {
		if (c->nopen >= MAX_DEPTH) {  /* the renderer would refuse it */
			compile_error(c, at, "%s '%.*s' nests more than %d deep",
			    pair_word(op), (int)t->name_len, s + t->name,
			    MAX_DEPTH);
			return -1;
		}
		c->open[c->nopen++] = c->ntoks - 1;
	}
	return 0;
}

/* Cut the whole source into tokens.  Returns 0, or -1 after a diagnostic. */
static int
scan(struct compiler *c)
{
	struct delims d = { "{{", 2, "}}", 2 };
	size_t pos = 0, at;
	struct token *o;

	while (pos < c->len) {
		at = find(c->src, c->len, pos, d.open, d.open_len);
		add_text(c, pos, at);
		if (at == c->len)
			break;
		if (scan_tag(c, at, &d, &pos) != 0)
			return -1;
	}
	if (c->nopen > 0) {
		o = &c->toks[c->open[c->nopen - 1]];
		compile_error(c, o->start, "%s '%.*s' is not closed",
		    pair_word(o->op), (int)o->name_len, c->src + o->name);
		return -1;
	}
	return 0;
}

/* Can this tag share a standalone line with others (parent and block tags)? */
static bool
pair_tag(const struct compiler *c, const struct token *t)
{
	if (t->op == OP_CLOSE)
		t = &c->toks[t->match];
	return t->op == OP_PARENT || t->op == OP_BLOCK;
}

/* Spaces and tabs at the start of token t (text only). */
static size_t
leading_blanks(const struct compiler *c, const struct token *t)
{
	size_t n = 0;

	while (t->op == OP_TEXT && t->start + n < t->end &&
	    (c->src[t->start + n] == ' ' || c->src[t->start + n] == '\t'))
		n++;
	return n;
}

/*
 * Apply the standalone rule to the line toks[first..last] (text a parent
 * pair ignores counts as blank): when it holds only whitespace and either
 * one tag that prints nothing or several parent and block tags (but not a
 * whole block, whose content would be on the line), drop its whitespace
 * and line ending.  Then give partials and parents on it the line's
 * indentation, and blocks theirs: a standalone block's is its next line's
 * (where its content starts); one that only whitespace precedes has its
 * line's.
 */
static void
mark_line(struct compiler *c, size_t first, size_t last)
{
	size_t i, ntags = 0, ws = c->toks[first].start, ws_len;
	bool standalone = true, pairs = true, line_start = true;
	struct token *t;

	ws_len = leading_blanks(c, &c->toks[first]);
	for (i = first; i <= last; i++) {
		t = &c->toks[i];
		if (t->ignored)
			continue;
		if (t->op == OP_TEXT)
			standalone = standalone &&
			    blank_text(c->src + t->start, t->end - t->start);
		else if (t->op == OP_VAR || t->op == OP_RAW)
			standalone = false;
		else {
			ntags++;
			pairs = pairs && pair_tag(c, t) &&
			    !(t->op == OP_BLOCK && t->match <= last);
		}
	}
	standalone = standalone && ntags > 0 && (ntags == 1 || pairs);
	for (i = first; i <= last; i++) {
		t = &c->toks[i];
		if (t->ignored)
			continue;
		if (t->op == OP_TEXT) {
			t->dropped = standalone;
			line_start = line_start &&
			    blank_text(c->src + t->start, t->end - t->start);
			continue;
		}
		if (t->op == OP_BLOCK && standalone && last + 1 < c->ntoks) {
			t->has_indent = true;
			t->ws = c->toks[last + 1].start;
			t->ws_len = leading_blanks(c, &c->toks[last + 1]);
		} else if ((t->op == OP_BLOCK && line_start) || (standalone &&
		    (t->op == OP_PARTIAL || t->op == OP_PARENT))) {
			t->has_indent = true;
			t->ws = ws;
			t->ws_len = ws_len;
		}
		line_start = line_start && t->op != OP_VAR && t->op != OP_RAW &&
		    t->op != OP_PARTIAL;
	}
}

/* Cut the tokens into lines and mark each. */
static void
mark_standalone(struct compiler *c)
{
	size_t first = 0, last;
	const struct token *t;

	while (first < c->ntoks) {
		for (last = first; last + 1 < c->ntoks; last++) {
			t = &c->toks[last];
			if (t->op == OP_TEXT && c->src[t->end - 1] == '\n')
				break;
		}
		mark_line(c, first, last);
		first = last + 1;
	}
}

/* Length of the longest common prefix of a[0..alen) and b[0..blen). */
static size_t
common_prefix(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i;

	for (i = 0; i < alen && i < blen && a[i] == b[i]; i++)
		;
	return i;
}

/* One open pair while building: its node and the strip around it. */
struct open_pair {
	size_t node;       /* the pair's node */
	const char *strip; /* indentation taken off line starts outside it */
	size_t strip_len;  /* bytes in strip */
};

/* Turn the tokens into t's nodes. */
static void
build(struct compiler *c, struct template *t)
{
	struct open_pair *stack = xmalloc((c->ntoks + 1) * sizeof(*stack));
	const char *strip = "", *ws;  /* strip: the innermost block's indent */
	size_t depth = 0, strip_len = 0, i, k, ws_len;
	const struct token *tok;
	struct node *n;

	t->nodes = xcalloc(c->ntoks + 1, sizeof(*t->nodes));
	for (i = 0; i < c->ntoks; i++) {
		tok = &c->toks[i];
		if (tok->ignored || tok->dropped || tok->op == OP_COMMENT ||
		    tok->op == OP_DELIM)
			continue;
		if (tok->op == OP_CLOSE) {
			depth--;
			t->nodes[stack[depth].node].end = t->nnodes;
			strip = stack[depth].strip;
			strip_len = stack[depth].strip_len;
			continue;
		}
		n = &t->nodes[t->nnodes];
		n->op = tok->op;
		n->text = c->src + tok->name;
		n->len = tok->name_len;
		n->offset = tok->start;
		if (tok->op == OP_TEXT) {
			if (tok->start == 0 || c->src[tok->start - 1] == '\n') {
				k = common_prefix(n->text, n->len, strip,
				    strip_len);
				n->text += k;
				n->len -= k;
			}
			if (n->len > 0)
				t->nnodes++;
			continue;
		}
		t->nnodes++;
		ws = c->src + tok->ws;
		ws_len = tok->has_indent ? tok->ws_len : 0;
		if (tok->op == OP_BLOCK && !tok->has_indent) {
			ws = strip;  /* mid-line: as what is around it */
			ws_len = strip_len;
		}
		k = common_prefix(ws, ws_len, strip, strip_len);
		n->indent = ws + k;  /* relative to the enclosing block */
		n->indent_len = ws_len - k;
		if (tok->op == OP_SECTION || tok->op == OP_INVERTED ||
		    tok->op == OP_PARENT || tok->op == OP_BLOCK) {
			stack[depth].node = t->nnodes - 1;
			stack[depth].strip = strip;
			stack[depth++].strip_len = strip_len;
			if (tok->op == OP_BLOCK) {
				strip = ws;
				strip_len = ws_len;
			}
		}
	}
	free(stack);
}

static void
template_free(struct template *t)
{
	if (t == NULL)
		return;
	free(t->key);
	free(t->name);
	free(t->source);
	free(t->nodes);
	free(t);
}

/* Give every node the line it starts on, with one pass over the source. */
static void
number_lines(struct template *t)
{
	size_t *starts, nstarts = 1, cap = 64, i, off, lo, hi;
	const char *p;

	starts = xmalloc(cap * sizeof(*starts));
	starts[0] = 0;
	for (p = t->source; (p = strchr(p, '\n')) != NULL; p++) {
		if (nstarts == cap)
			starts = xrealloc(starts, (cap *= 2) * sizeof(*starts));
		starts[nstarts++] = (size_t)(p - t->source) + 1;
	}
	for (i = 0; i < t->nnodes; i++) {
		struct node *n = &t->nodes[i];

		off = n->op == OP_TEXT ? (size_t)(n->text - t->source) : n->offset;
		lo = 0;
		hi = nstarts;
		while (hi - lo > 1) {  /* the last line start at or before off */
			size_t mid = lo + (hi - lo) / 2;

			if (starts[mid] <= off)
				lo = mid;
			else
				hi = mid;
		}
		n->line = (int)lo + 1;
	}
	free(starts);
}

/*
 * Compile text[0..len) named name (for diagnostics).  Returns a new
 * template, owned by the caller, or NULL after a diagnostic.
 */
static struct template *
compile(const char *name, const char *text, size_t len)
{
	struct template *t = xcalloc(1, sizeof(*t));
	struct compiler c;

	t->kind = TEMPLATE_COMPILED;
	t->name = xstrdup(name != NULL ? name : "<template>");
	t->source = xmalloc(len + 1);
	if (len > 0)
		memcpy(t->source, text, len);
	t->source[len] = '\0';
	memset(&c, 0, sizeof(c));
	c.name = t->name;
	c.src = t->source;
	c.len = len;
	if (scan(&c) != 0) {
		template_free(t);
		t = NULL;
	} else {
		mark_standalone(&c);
		build(&c, t);
		number_lines(t);
	}
	free(c.toks);
	free(c.open);
	return t;
}

/* ---- the set ---- */

struct template_set *
template_set_new(const char *partials_dir)
{
	struct template_set *set = xcalloc(1, sizeof(*set));

	if (pthread_mutex_init(&set->lock, NULL) != 0)
		xoom();
	set->partials_dir = partials_dir != NULL ? xstrdup(partials_dir) : NULL;
	return set;
}

void
template_set_strict(struct template_set *set, bool strict)
{
	set->strict = strict;
}

void
template_set_free(struct template_set *set)
{
	struct partial_source *src, *next_src;
	struct template *t, *next;

	if (set == NULL)
		return;
	for (t = set->templates; t != NULL; t = next) {
		next = t->next;
		template_free(t);
	}
	for (src = set->sources; src != NULL; src = next_src) {
		next_src = src->next;
		free(src->name);
		free(src->text);
		free(src);
	}
	pthread_mutex_destroy(&set->lock);
	free(set->partials_dir);
	free(set);
}

/* Link t into set; the caller holds the lock. */
static void
set_keep(struct template_set *set, struct template *t, enum template_kind kind,
    char *key)
{
	t->kind = kind;
	t->key = key;
	t->next = set->templates;
	set->templates = t;
}

/* The template of the given kind and key[0..len); the caller holds the lock. */
static struct template *
set_find(struct template_set *set, bool partial, const char *key, size_t len)
{
	struct template *t;

	for (t = set->templates; t != NULL; t = t->next)
		if ((partial ? t->kind == TEMPLATE_PARTIAL ||
		    t->kind == TEMPLATE_MISSING : t->kind == TEMPLATE_FILE) &&
		    strlen(t->key) == len && memcmp(t->key, key, len) == 0)
			return t;
	return NULL;
}

void
template_set_add_partial(struct template_set *set, const char *name,
    const char *text, size_t len)
{
	struct partial_source *src;
	struct template *old;

	pthread_mutex_lock(&set->lock);
	for (src = set->sources; src != NULL; src = src->next)
		if (strcmp(src->name, name) == 0)
			break;
	if (src == NULL) {
		src = xcalloc(1, sizeof(*src));
		src->name = xstrdup(name);
		src->next = set->sources;
		set->sources = src;
	}
	free(src->text);
	src->text = xstrndup(text, len);
	src->len = len;
	/* A render may still use the old one: keep it, but find it no more. */
	if ((old = set_find(set, true, name, strlen(name))) != NULL)
		old->kind = TEMPLATE_STALE;
	pthread_mutex_unlock(&set->lock);
}

const struct template *
template_set_compile(struct template_set *set, const char *name,
    const char *text, size_t len)
{
	struct template *t = compile(name, text, len);

	if (t == NULL)
		return NULL;
	pthread_mutex_lock(&set->lock);
	set_keep(set, t, TEMPLATE_COMPILED, NULL);
	pthread_mutex_unlock(&set->lock);
	return t;
}

const struct template *
template_set_load(struct template_set *set, const char *path, bool *missing)
{
	struct template *t;
	char *text;
	size_t len;

	if (missing != NULL)
		*missing = false;
	pthread_mutex_lock(&set->lock);
	if ((t = set_find(set, false, path, strlen(path))) != NULL)
		;  /* compiled before */
	else if (util_read_file_nofollow(path, &text, &len) == 0) {
		if ((t = compile(path, text, len)) != NULL)
			set_keep(set, t, TEMPLATE_FILE, xstrdup(path));
		free(text);
	} else if (missing != NULL && (errno == ENOENT || errno == ENOTDIR))
		*missing = true;
	else if (errno == ELOOP)
		diag_error(path, 0, 0, "%s", UTIL_LINK_REFUSED);
	else
		diag_error(path, 0, 0, "cannot read template: %s", strerror(errno));
	pthread_mutex_unlock(&set->lock);
	return t;
}

/*
 * Find the partial name[0..len), compiling it on first use.  Returns 0
 * and sets *out (NULL when there is no such partial), or -1 after a
 * diagnostic.
 */
static int
set_partial(struct template_set *set, const char *name, size_t len,
    const struct template **out)
{
	struct partial_source *src;
	struct template *t;
	struct buf path = BUF_INIT;
	char *key, *text;
	size_t text_len;
	int status = 0;

	pthread_mutex_lock(&set->lock);
	if ((t = set_find(set, true, name, len)) != NULL) {
		*out = t->kind == TEMPLATE_MISSING ? NULL : t;
		pthread_mutex_unlock(&set->lock);
		return 0;
	}
	key = xstrndup(name, len);
	for (src = set->sources; src != NULL; src = src->next)
		if (strcmp(src->name, key) == 0)
			break;
	if (src != NULL)
		t = compile(key, src->text, src->len);
	else if (set->partials_dir != NULL) {
		buf_printf(&path, "%s/%s.mustache", set->partials_dir, key);
		if (util_read_file_nofollow(buf_str(&path), &text, &text_len) == 0) {
			t = compile(buf_str(&path), text, text_len);
			free(text);
		} else if (errno == ELOOP)
			diag_error(buf_str(&path), 0, 0, "%s", UTIL_LINK_REFUSED);
		else if (errno != ENOENT && errno != ENOTDIR)
			diag_error(buf_str(&path), 0, 0,
			    "cannot read partial: %s", strerror(errno));
		else
			t = xcalloc(1, sizeof(*t));  /* remember: missing */
		buf_free(&path);
	} else
		t = xcalloc(1, sizeof(*t));
	if (t == NULL) {
		free(key);
		status = -1;
	} else {
		set_keep(set, t, t->source != NULL ? TEMPLATE_PARTIAL :
		    TEMPLATE_MISSING, key);
		*out = t->source != NULL ? t : NULL;
	}
	pthread_mutex_unlock(&set->lock);
	return status;
}

/* ---- rendering ---- */

/* One level of the context stack, innermost first. */
struct context {
	const json_t *value;      /* the data pushed */
	const struct context *up; /* the level below, or NULL */
};

/* The blocks one parent pair passes down, innermost pair first. */
struct override {
	const struct template *tpl;  /* the template holding the parent pair */
	size_t parent;               /* the pair's node in tpl */
	const struct override *outer; /* the pairs it was rendered inside */
};

struct render {
	struct template_set *set;          /* where partials come from */
	struct buf *out;                   /* what the caller gets */
	struct buf indent;                 /* put at each template line start */
	bool line_start;                   /* at a template line's start */
	const struct override *overrides;  /* blocks in force */
	int depth;                         /* pairs and partials entered */
	struct srcmap *map;                /* where output came from, or NULL */
	const struct template *noted;      /* the map's last run says this */
	int noted_line;                    /* template and line */
	const char *noted_name;            /* the map's copy of noted's name */
	struct template_spot *spot;        /* a value to find, or NULL */
};

/* Note in the map that what is written next comes from n's line of tpl. */
static void
map_note(struct render *r, const struct template *tpl, const struct node *n)
{
	if (r->map == NULL || (r->noted == tpl && r->noted_line == n->line))
		return;  /* the same line goes on */
	if (r->noted != tpl)
		r->noted_name = srcmap_name(r->map, tpl->name);
	srcmap_add(r->map, r->out->len, r->noted_name, n->line, 0);
	r->noted = tpl;
	r->noted_line = n->line;
}

static int render_nodes(struct render *r, const struct template *tpl,
    size_t from, size_t to, const struct context *ctx);

/* The value name[0..len) names in ctx: NULL when missing. */
static const json_t *
lookup(const struct context *ctx, const char *name, size_t len)
{
	const json_t *v = NULL;
	const char *dot;
	size_t part;

	if (len == 1 && name[0] == '.')
		return ctx->value;
	dot = memchr(name, '.', len);
	part = dot != NULL ? (size_t)(dot - name) : len;
	for (; ctx != NULL; ctx = ctx->up)
		if (json_is_object(ctx->value) &&
		    (v = json_object_getn(ctx->value, name, part)) != NULL)
			break;
	while (v != NULL && part < len) {  /* the rest of a dotted name */
		name += part + 1;
		len -= part + 1;
		dot = memchr(name, '.', len);
		part = dot != NULL ? (size_t)(dot - name) : len;
		v = json_is_object(v) ? json_object_getn(v, name, part) : NULL;
	}
	return v;
}

static bool
truthy(const json_t *v)
{
	if (v == NULL)
		return false;
	switch (json_typeof(v)) {
	case JSON_NULL:
	case JSON_FALSE: return false;
	case JSON_ARRAY: return json_array_size(v) > 0;
	case JSON_STRING: return json_string_length(v) > 0;
	default: return true;
	}
}

/* Append s[0..len), first indenting when it starts a template line. */
static void
emit(struct render *r, const char *s, size_t len, bool escape, bool text)
{
	if (len == 0)
		return;
	if (r->line_start && r->indent.len > 0)
		buf_put(r->out, r->indent.data, r->indent.len);
	r->line_start = text && s[len - 1] == '\n';
	if (escape)
		buf_put_html(r->out, s, len);
	else
		buf_put(r->out, s, len);
}

static void
emit_value(struct render *r, const json_t *v, bool escape)
{
	char number[64], *exponent;
	int precision;
	double d;

	switch (v != NULL ? json_typeof(v) : JSON_NULL) {
	case JSON_STRING:
		emit(r, json_string_value(v), json_string_length(v), escape,
		    false);
		return;
	case JSON_INTEGER:
		snprintf(number, sizeof(number), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		break;
	case JSON_REAL:
		d = json_real_value(v);
		for (precision = 1; precision <= 17; precision++) {
			snprintf(number, sizeof(number), "%.*g", precision, d);
			if (strtod(number, NULL) == d)
				break;
		}
		exponent = strchr(number, 'e');
		if (exponent != NULL && (precision = atoi(exponent + 1)) >= 0 &&
		    precision < 17)  /* 100.0: "100", not "1e+02" */
			snprintf(number, sizeof(number), "%.*g", precision + 1,
			    d);
		break;
	case JSON_TRUE: strcpy(number, "true"); break;
	case JSON_FALSE: strcpy(number, "false"); break;
	default: return;
	}
	emit(r, number, strlen(number), escape, false);
}

/* Write the value v; note where, when it is the spot's and written as it is. */
static void
render_value(struct render *r, const json_t *v, bool escape)
{
	struct template_spot *spot = r->spot;

	emit_value(r, v, escape);
	if (spot != NULL && v != NULL && v == spot->value && !escape &&
	    spot->offset == SIZE_MAX && json_is_string(v) &&
	    json_string_length(v) > 0)  /* its bytes end out, after any indent */
		spot->offset = r->out->len - json_string_length(v);
}

/* Report a render error at node n of tpl. */
static int
render_error(const struct template *tpl, const struct node *n, const char *why)
{
	const char *what = "partial";
	int line, col;

	if (n->op == OP_BLOCK)
		what = "block";
	else if (n->op == OP_SECTION || n->op == OP_INVERTED)
		what = "section";
	util_line_col(tpl->source, n->offset, &line, &col);
	diag_error(tpl->name, line, col, "%s '%.*s' %s", what, (int)n->len,
	    n->text, why);
	return -1;
}

/*
 * Enter node n of tpl, a pair or a partial: returns 0, or -1 after a
 * diagnostic when that would nest past MAX_DEPTH.
 */
static int
render_enter(struct render *r, const struct template *tpl, const struct node *n)
{
	if (r->depth < MAX_DEPTH) {
		r->depth++;
		return 0;
	}
	if (n->op == OP_SECTION || n->op == OP_INVERTED)
		return render_error(tpl, n, "nests more than 100 deep, "
		    "with the sections and partials it is in");
	return render_error(tpl, n, "nests more than 100 deep: "
	    "does it include itself?");
}

/* Forget the indentation past len. */
static void
indent_pop(struct render *r, size_t len)
{
	r->indent.len = len;
	if (r->indent.data != NULL)
		r->indent.data[len] = '\0';
}

/* {{>name}} and {{<name}}...{{/name}}: render the partial in ctx. */
static int
render_partial(struct render *r, const struct template *tpl, size_t i,
    const struct context *ctx)
{
	const struct node *n = &tpl->nodes[i];
	const struct override *outer = r->overrides;
	struct override pair = { tpl, i, outer };
	const struct template *partial;
	size_t indent = r->indent.len;
	int status;

	if (set_partial(r->set, n->text, n->len, &partial) != 0)
		return -1;
	if (partial == NULL && r->set->strict) {
		struct buf why = BUF_INIT;

		BUF_PUTSL(&why, "not found");
		if (r->set->partials_dir != NULL)
			buf_printf(&why, ": there is no file %s/%.*s.mustache",
			    r->set->partials_dir, (int)n->len, n->text);
		status = render_error(tpl, n, buf_str(&why));
		buf_free(&why);
		return status;
	}
	if (partial == NULL)  /* the spec: a missing partial is "" */
		return 0;
	if (render_enter(r, tpl, n) != 0)
		return -1;
	buf_put(&r->indent, n->indent, n->indent_len);
	if (n->op == OP_PARENT)
		r->overrides = &pair;
	status = render_nodes(r, partial, 0, partial->nnodes, ctx);
	r->depth--;
	r->overrides = outer;
	indent_pop(r, indent);
	return status;
}

/* {{$name}}...{{/name}}: what the outermost pair gives, or the default. */
static int
render_block(struct render *r, const struct template *tpl, size_t i,
    const struct context *ctx)
{
	const struct node *n = &tpl->nodes[i], *pair, *arg;
	const struct template *body = tpl;
	const struct override *o;
	size_t start = i, j, indent = r->indent.len;
	int status;

	for (o = r->overrides; o != NULL; o = o->outer) {
		pair = &o->tpl->nodes[o->parent];
		for (j = o->parent + 1; j < pair->end; j = arg->end) {
			arg = &o->tpl->nodes[j];  /* a pair holds blocks only */
			if (arg->len == n->len &&
			    memcmp(arg->text, n->text, n->len) == 0) {
				body = o->tpl;  /* outer pairs win: go on */
				start = j;
				break;
			}
		}
	}
	if (render_enter(r, tpl, n) != 0)
		return -1;
	buf_put(&r->indent, n->indent, n->indent_len);
	status = render_nodes(r, body, start + 1, body->nodes[start].end, ctx);
	r->depth--;
	indent_pop(r, indent);
	return status;
}

/* {{#name}}...{{/name}}: once for each item, or once in the value. */
static int
render_section(struct render *r, const struct template *tpl, size_t i,
    const struct context *ctx)
{
	const struct node *n = &tpl->nodes[i];
	const json_t *v = lookup(ctx, n->text, n->len);
	struct context inner = { v, ctx };
	size_t k;
	int status = 0;

	if (!truthy(v))
		return 0;
	if (render_enter(r, tpl, n) != 0)
		return -1;
	if (!json_is_array(v))
		status = render_nodes(r, tpl, i + 1, n->end, &inner);
	for (k = 0; json_is_array(v) && k < json_array_size(v) && status == 0;
	    k++) {
		inner.value = json_array_get(v, k);
		status = render_nodes(r, tpl, i + 1, n->end, &inner);
	}
	r->depth--;
	return status;
}

/* Render tpl's nodes [from, to) in ctx.  Returns 0 or -1 (reported). */
static int
render_nodes(struct render *r, const struct template *tpl, size_t from,
    size_t to, const struct context *ctx)
{
	const struct node *n;
	size_t i;
	int status;

	for (i = from; i < to; i++) {
		n = &tpl->nodes[i];
		switch (n->op) {
		case OP_TEXT:
			map_note(r, tpl, n);
			emit(r, n->text, n->len, false, true);
			break;
		case OP_VAR:
		case OP_RAW:
			map_note(r, tpl, n);
			render_value(r, lookup(ctx, n->text, n->len),
			    n->op == OP_VAR);
			break;
		case OP_SECTION:
			if (render_section(r, tpl, i, ctx) != 0)
				return -1;
			break;
		case OP_INVERTED:
			if (truthy(lookup(ctx, n->text, n->len)))
				break;
			if (render_enter(r, tpl, n) != 0)
				return -1;
			status = render_nodes(r, tpl, i + 1, n->end, ctx);
			r->depth--;
			if (status != 0)
				return -1;
			break;
		case OP_PARTIAL:
		case OP_PARENT:
			if (render_partial(r, tpl, i, ctx) != 0)
				return -1;
			break;
		case OP_BLOCK:
			if (render_block(r, tpl, i, ctx) != 0)
				return -1;
			break;
		default:
			break;
		}
		if (n->op != OP_TEXT && n->op != OP_VAR && n->op != OP_RAW &&
		    n->op != OP_PARTIAL)
			i = n->end - 1;  /* past the children */
	}
	return 0;
}

int
template_render_mapped(struct template_set *set, const struct template *tpl,
    const json_t *data, struct buf *out, struct srcmap *map,
    struct template_spot *spot)
{
	struct context root = { data, NULL };
	struct render r;
	int status;

	memset(&r, 0, sizeof(r));
	r.set = set;
	r.out = out;
	r.line_start = true;
	r.map = map;
	r.spot = spot;
	if (spot != NULL)
		spot->offset = SIZE_MAX;
	status = render_nodes(&r, tpl, 0, tpl->nnodes, &root);
	buf_free(&r.indent);
	return status;
}

int
template_render(struct template_set *set, const struct template *tpl,
    const json_t *data, struct buf *out)
{
	return template_render_mapped(set, tpl, data, out, NULL, NULL);
}
