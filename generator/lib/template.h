/*
 * template — a Mustache engine: the spec's interpolation, sections,
 * inverted sections, comments, partials, set delimiters and inheritance
 * (parents and blocks), rendering JSON data (jansson) into a buf.
 *
 * Templates are compiled once and kept in a template_set, which also finds
 * partials: first among the partials added in memory, then as the file
 * DIR/NAME.mustache of the set's partials folder (a NAME that would lead
 * out of it, with a '..' part, a leading '/' or a backslash, is an error at
 * its tag).  No template file is read through a symbolic link: that is an
 * error at the link.  Values are HTML-escaped
 * unless written {{{x}}} or {{& x}}.  Lambdas and dynamic names are not
 * supported.  Errors (an unclosed section, a bad delimiter, a missing
 * partial file that cannot be read) are reported through diag at the
 * template's file, line and column.  A render can also say, in a source
 * map (srcmap.h), which template line wrote each byte of its output, and
 * where one given value landed in it.  It knows nothing about sites.
 */
#ifndef MEND_TEMPLATE_H
#define MEND_TEMPLATE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/buf.h"
#include "lib/srcmap.h"

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
 * A value of the data whose place in the output the caller wants (a
 * page's body, whose own map then goes there).
 */
struct template_spot {
	const json_t *value; /* a string of the data, found by identity */
	size_t offset;       /* set by the render: where in out the value was
	                        first written as it is ({{{name}}}, {{& name}}),
	                        or SIZE_MAX when it never was */
};

/*
 * The same, adding to map (when not NULL; its offsets are out's) which
 * template file and line wrote each run of the output: text at its line,
 * a value at its tag's line, each as one position (column 0, the whole
 * line).  When spot is not NULL, spot->offset says where spot->value went.
 * The checks use the map to report a problem a template made at that
 * template's line.
 */
int template_render_mapped(struct template_set *set, const struct template *tpl,
    const json_t *data, struct buf *out, struct srcmap *map,
    struct template_spot *spot);

#endif
