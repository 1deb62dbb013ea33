/*
 * template — a Mustache engine: the spec's interpolation, sections,
 * inverted sections, comments, partials, set delimiters and inheritance
 * (parents and blocks), rendering JSON data (jansson) into a buf.
 *
 * Templates are compiled once and kept in a template_set, which also finds
 * partials: first among the partials added in memory, then as the file
 * DIR/NAME.mustache of the set's partials folder.  Values are HTML-escaped
 * unless written {{{x}}} or {{& x}}.  Lambdas and dynamic names are not
 * supported.  Errors (an unclosed section, a bad delimiter, a missing
 * partial file that cannot be read) are reported through diag at the
 * template's file, line and column.  It knows nothing about sites.
 */
#ifndef MEND_TEMPLATE_H
#define MEND_TEMPLATE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/buf.h"

struct template_set;
struct template;

/*
 * A new, empty set whose partials live in partials_dir (NULL: only the
 * partials added with template_set_add_partial).  Free with
 * template_set_free, which frees every template compiled in it.
 */
struct template_set *template_set_new(const char *partials_dir);
void template_set_free(struct template_set *set);

/*
 * Make a missing partial or parent an error at its tag instead of ""
 * (the spec's rule).  Themes are strict: a missing partial is a mistake.
 * Call before rendering.
 */
void template_set_strict(struct template_set *set, bool strict);

/* Add (or replace) the partial name with the text[0..len), copied. */
void template_set_add_partial(struct template_set *set, const char *name,
    const char *text, size_t len);

/*
 * Compile text[0..len) as a template; name is its file as the user knows
 * it ("themes/calm/layouts/page.mustache"), used in diagnostics.  The
 * template is owned by the set.  Returns NULL after a diagnostic.
 */
const struct template *template_set_compile(struct template_set *set,
    const char *name, const char *text, size_t len);

/*
 * Read the file at path and compile it (once: a second call returns the
 * same template).  Returns NULL after a diagnostic; or, when missing is
 * not NULL and there is no such file, NULL with *missing set and nothing
 * said, for the caller to say what the file was needed for.
 */
const struct template *template_set_load(struct template_set *set,
    const char *path, bool *missing);

/* A run of output, and the template line that wrote it. */
struct template_origin {
	size_t offset;    /* where the run starts in the output buffer */
	const char *file; /* the template's file; owned by the set */
	int line;         /* 1-based line in that file */
};

/* Where each part of a rendered page came from, in ascending offsets. */
struct template_trace {
	struct template_origin *origins; /* owned (template_trace_free) */
	size_t norigins;
	size_t cap;
};

#define TEMPLATE_TRACE_INIT { NULL, 0, 0 }

/*
 * Render tpl with data as the context and append the result to out.
 * Partials and parents are looked up in set (compiled on first use).
 * Returns 0, or -1 after a diagnostic (a partial that fails to compile).
 * A partial that does not exist renders as "" (the spec's rule), unless
 * the set is strict.
 */
int template_render(struct template_set *set, const struct template *tpl,
    const json_t *data, struct buf *out);

/*
 * The same, recording in trace (appended to) which template file and line
 * wrote each run of the output: text at its line, a value at its tag's.
 * The checks use it to report a problem a template made at that template.
 */
int template_render_traced(struct template_set *set, const struct template *tpl,
    const json_t *data, struct buf *out, struct template_trace *trace);

/* The origin of the output byte at offset, or NULL when none is known. */
const struct template_origin *template_trace_find(
    const struct template_trace *trace, size_t offset);
void template_trace_free(struct template_trace *trace);

#endif
