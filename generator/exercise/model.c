/*
 * model — check what an exercise script returned (the JSON the sandbox
 * sends back) and make of it the exercise model exercise.h documents.
 * Every rule about what a model may hold is here, in the parent process,
 * so a script can neither skip a check nor crash one; each problem is
 * reported at the script's line, naming the field.  It runs no Lua.
 */
#include "exercise/model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "exercise/feedback.h"
#include "lib/util.h"

#define MAX_BLANK_ROWS 20
#define MAX_LIST 200           /* fields, items, rows, columns, examples... */

/* The kinds of item an example lists, in the matcher's order. */
static const char *const kinds[] = { "concern", "praise", "flag", "missing",
	"length" };
#define NKINDS 5

struct check {
	const char *path;  /* "exercises/x.lua" */
	size_t errors;
	json_t *fields;    /* the model's fields so far, for targets */
};

enum { OPTIONAL = 0, REQUIRED = 1, PARAGRAPHS = 2 };

static void complain(struct check *ck, int line, const char *ctx,
    const char *fmt, ...) MEND_PRINTF(4, 5);

static void
complain(struct check *ck, int line, const char *ctx, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	buf_puts(&msg, ctx);
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	diag_error(ck->path, line, 0, "%s", buf_str(&msg));
	buf_free(&msg);
	ck->errors++;
}

/* The line a helper recorded for obj, or fallback. */
static int
line_of(const json_t *obj, int fallback)
{
	const json_t *line = json_object_get(obj, "$line");

	return json_is_integer(line) ? (int)json_integer_value(line) : fallback;
}

/* What v is, for messages: "text", "a number", "a function"... */
static const char *
describe(const json_t *v)
{
	const char *lua;

	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_OBJECT:
		if ((lua = json_string_value(json_object_get(v, "$lua"))) ==
		    NULL)
			return "a table";
		return strcmp(lua, "function") == 0 ? "a function"
		                                    : "a Lua value "
		                                      "that is not data";
	case JSON_ARRAY: return "a list";
	case JSON_STRING: return "text";
	case JSON_INTEGER:
	case JSON_REAL: return "a number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	default: return "nothing";
	}
}

static bool
is_object(const json_t *v)
{
	return (json_is_object(v) && json_object_get(v, "$lua") == NULL) ||
	    (json_is_array(v) && json_array_size(v) == 0);
}

/* Complain about every key of obj not in allowed (NULL-terminated). */
static void
check_keys(struct check *ck, const json_t *obj, const char *const *allowed,
    const char *ctx, int line)
{
	const char **keys;
	const char *key;
	json_t *value;
	size_t n = 0, i, j;

	if (!json_is_object(obj))
		return;
	keys = xcalloc(json_object_size(obj) + 1, sizeof(*keys));
	json_object_foreach((json_t *)obj, key, value)
		keys[n++] = key;
	qsort(keys, n, sizeof(*keys), util_compare_strings); /* Lua's order varies */
	for (i = 0; i < n; i++) {
		const char *best = NULL;
		size_t best_d = 3;

		if (strcmp(keys[i], "$line") == 0)
			continue;
		if (strcmp(keys[i], "$items") == 0) {
			complain(ck, line, ctx,
			    "holds values without names; write "
			    "them as name = value");
			continue;
		}
		for (j = 0; allowed[j] != NULL; j++) {
			size_t d;

			if (strcmp(allowed[j], keys[i]) == 0)
				break;
			if ((d = util_edit_distance(allowed[j], keys[i])) < best_d) {
				best_d = d;
				best = allowed[j];
			}
		}
		if (allowed[j] != NULL)
			continue;
		if (best != NULL)
			complain(ck, line, ctx,
			    "unknown key '%s' (did you mean '%s'?)", keys[i],
			    best);
		else
			complain(ck, line, ctx, "unknown key '%s'", keys[i]);
	}
	free(keys);
}

/* Is s free of control characters (newlines allowed when lines is true)? */
static bool
clean(const char *s, bool lines)
{
	for (; *s != '\0'; s++)
		if (((unsigned char)*s < 0x20 && !(lines && *s == '\n')) ||
		    *s == 0x7F)
			return false;
	return true;
}

static bool
blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\n')
			return false;
	return true;
}

/* The text under key: checked, or NULL (reported when wrong or required). */
static const char *
get_text(struct check *ck, const json_t *obj, const char *key, int flags,
    const char *ctx, int line)
{
	const json_t *v = json_object_get(obj, key);
	const char *s;

	if (v == NULL) {
		if (flags & REQUIRED)
			complain(ck, line, ctx, "'%s' is missing", key);
		return NULL;
	}
	if (!json_is_string(v)) {
		complain(ck, line, ctx, "'%s' must be text, not %s", key,
		    describe(v));
		return NULL;
	}
	s = json_string_value(v);
	if (blank(s)) {
		complain(ck, line, ctx, "'%s' is empty", key);
		return NULL;
	}
	if (!clean(s, flags & PARAGRAPHS)) {
		complain(ck, line, ctx,
		    (flags & PARAGRAPHS) ? "'%s' holds a control "
		                           "character"
		                         : "'%s' must be one line of text",
		    key);
		return NULL;
	}
	return s;
}

/*
 * The text under key, one of choices (NULL-terminated; the first is the
 * default when the key is absent or wrong, which is reported with how).
 */
static const char *
get_choice(struct check *ck, const json_t *obj, const char *key,
    const char *const *choices, const char *how, const char *ctx, int line)
{
	const char *s = json_string_value(json_object_get(obj, key));
	size_t i;

	if (json_object_get(obj, key) == NULL)
		return choices[0];
	for (i = 0; s != NULL && choices[i] != NULL; i++)
		if (strcmp(s, choices[i]) == 0)
			return choices[i];
	complain(ck, line, ctx, "'%s' must be %s", key, how);
	return choices[0];
}

/* Copy a checked text into out (when there is one). */
static void
put_text(json_t *out, const char *key, const char *text)
{
	if (text != NULL)
		json_object_set_new(out, key, json_string(text));
}

/* The id of obj: checked, or NULL (reported). */
static const char *
get_id(struct check *ck, const json_t *obj, const char *what,
    const char *ctx, int line)
{
	const json_t *v = json_object_get(obj, "id");

	if (v == NULL) {
		complain(
		    ck, line, ctx, "%s needs an id (id = \"apology\")", what);
		return NULL;
	}
	if (!json_is_string(v)) {
		complain(ck, line, ctx, "id must be text, not %s", describe(v));
		return NULL;
	}
	if (!util_id_valid(json_string_value(v))) {
		complain(ck, line, ctx, "id '%s' must be " UTIL_ID_RULE " (\"my-answer\")",
		    json_string_value(v));
		return NULL;
	}
	return json_string_value(v);
}

/* A whole number from lo to hi under key; false (reported) when wrong. */
static bool
get_whole(struct check *ck, const json_t *obj, const char *key, long lo,
    long hi, long *out, const char *ctx, int line)
{
	const json_t *v = json_object_get(obj, key);
	double d;

	if (json_is_integer(v))
		d = (double)json_integer_value(v);
	else if (json_is_real(v))
		d = json_real_value(v);
	else {
		complain(ck, line, ctx,
		    "'%s' must be a whole number from %ld to %ld, "
		    "not %s",
		    key, lo, hi, describe(v));
		return false;
	}
	if (!(d >= (double)lo && d <= (double)hi) || d != (double)(long)d) {
		complain(ck, line, ctx,
		    "'%s' must be a whole number from %ld to %ld, "
		    "not %g",
		    key, lo, hi, d);
		return false;
	}
	*out = (long)d;
	return true;
}

/* The list under key (an empty Lua table counts), or NULL. */
static const json_t *
get_list(struct check *ck, const json_t *obj, const char *key,
    const char *ctx, int line)
{
	const json_t *v = json_object_get(obj, key);

	if (v == NULL)
		return NULL;
	if (!json_is_array(v)) {
		complain(ck, line, ctx, "'%s' must be a list { ... }, not %s",
		    key, describe(v));
		return NULL;
	}
	if (json_array_size(v) > MAX_LIST) {
		complain(ck, line, ctx, "'%s' has more than %d entries", key,
		    MAX_LIST);
		return NULL;
	}
	return v;
}

/* A list of texts under key, copied; NULL when absent or wrong. */
static json_t *
get_texts(struct check *ck, const json_t *obj, const char *key, size_t min,
    size_t max, const char *ctx, int line)
{
	const json_t *list = get_list(ck, obj, key, ctx, line);
	struct buf item = BUF_INIT;
	json_t *out;
	size_t i;

	if (list == NULL)
		return NULL;
	if (json_array_size(list) < min || json_array_size(list) > max) {
		complain(ck, line, ctx, "'%s' needs %zu to %zu entries", key,
		    min, max);
		return NULL;
	}
	out = json_array();
	for (i = 0; i < json_array_size(list); i++) {
		json_t *wrap = json_object();
		const char *s;

		buf_reset(&item);
		buf_printf(&item, "%s %zu", key, i + 1);
		json_object_set(wrap, buf_str(&item), json_array_get(list, i));
		if ((s = get_text(ck, wrap, buf_str(&item), REQUIRED, ctx,
		         line)) != NULL)
			json_array_append_new(out, json_string(s));
		json_decref(wrap);
	}
	buf_free(&item);
	return out;
}

/* Print hints: {"lines": N} or {"height_mm": N}, default lines. */
static json_t *
check_print(struct check *ck, const json_t *raw, long default_lines,
    const char *ctx, int line)
{
	static const char *const keys[] = { "lines", "height_mm", NULL };
	const json_t *p = json_object_get(raw, "print");
	json_t *out = json_object();
	struct buf pctx = BUF_INIT;
	long n;

	if (p == NULL || (json_is_array(p) && json_array_size(p) == 0)) {
		json_object_set_new(out, "lines", json_integer(default_lines));
		return out;
	}
	buf_printf(&pctx, "%sprint: ", ctx);
	if (!is_object(p))
		complain(ck, line, ctx,
		    "'print' must be a table: print = { lines = 6 } "
		    "or print = { height_mm = 40 }, not %s",
		    describe(p));
	else if (json_object_get(p, "lines") != NULL &&
	    json_object_get(p, "height_mm") != NULL)
		complain(ck, line, buf_str(&pctx),
		    "give lines or height_mm, not both");
	else {
		check_keys(ck, p, keys, buf_str(&pctx), line);
		if (json_object_get(p, "height_mm") != NULL) {
			if (get_whole(ck, p, "height_mm", 5, 250, &n,
			        buf_str(&pctx), line))
				json_object_set_new(
				    out, "height_mm", json_integer(n));
		} else if (json_object_get(p, "lines") == NULL)
			complain(ck, line, buf_str(&pctx),
			    "give lines = N (writing "
			    "lines) or height_mm = N (a box)");
		else if (get_whole(
		             ck, p, "lines", 1, 40, &n, buf_str(&pctx), line))
			json_object_set_new(out, "lines", json_integer(n));
	}
	buf_free(&pctx);
	return out;
}

/* Set out to ctx + "WHAT N ('ID'): ", the context of entry e of a list. */
static void
entry_context(struct buf *out, const char *ctx, const char *what, size_t i,
    const json_t *e)
{
	const char *id = json_string_value(json_object_get(e, "id"));

	buf_reset(out);
	buf_printf(out, "%s%s %zu", ctx, what, i + 1);
	if (id != NULL && util_id_valid(id))
		buf_printf(out, " ('%s')", id);
	buf_puts(out, ": ");
}

/* A rule in the model's form: its keys in order, numbers as integers. */
static json_t *
normalize_rule(const json_t *rule)
{
	static const char *const order[] = {"type", "id", "phrases", "except",
	    "praise", "hint", "message", "min", "max", "too_short", "too_long",
	    NULL};
	json_t *out = json_object();
	size_t i;

	for (i = 0; order[i] != NULL; i++) {
		const json_t *v = json_object_get(rule, order[i]);

		if (v == NULL)
			continue;
		if (strcmp(order[i], "except") == 0 && json_array_size(v) == 0)
			continue;
		if (json_is_real(v))
			json_object_set_new(out, order[i],
			    json_integer((json_int_t)json_real_value(v)));
		else
			json_object_set_new(out, order[i], json_deep_copy(v));
	}
	return out;
}

/* A field's (or column's) feedback rules, checked and normalised. */
static json_t *
check_rules(struct check *ck, const json_t *raw, const char *ctx, int line)
{
	static const char *const texts[] = { "praise", "hint", "message",
		"too_short", "too_long", NULL };
	const json_t *list = json_object_get(raw, "feedback");
	json_t *out = json_array(), *ids = json_object();
	struct buf rctx = BUF_INIT, why = BUF_INIT;
	size_t i, j, lengths = 0;

	if (list != NULL && !json_is_array(list)) {
		complain(ck, line, ctx,
		    "'feedback' must be a list of rules: feedback "
		    "= { notice { ... }, flag { ... }, concern { ... }, length "
		    "{ ... } }, not "
		    "%s",
		    describe(list));
		list = NULL;
	}
	for (i = 0; i < json_array_size(list); i++) {
		json_t *rule = json_array_get(list, i);
		const char *id = json_string_value(json_object_get(rule, "id"));
		const char *type =
		    json_string_value(json_object_get(rule, "type"));
		int rline = line_of(rule, line);
		json_t *copy;

		entry_context(&rctx, ctx, "feedback rule", i, rule);
		buf_reset(&why);
		if (!is_object(rule)) {
			complain(ck, rline, buf_str(&rctx),
			    "feedback rules are data, not "
			    "code: write notice { ... }, flag { ... }, "
			    "concern { ... } or length { ... }, "
			    "not %s",
			    describe(rule));
			continue;
		}
		copy = json_deep_copy(rule);
		if (type != NULL && strcmp(type, "length") == 0 && id == NULL)
			json_object_set_new(
			    copy, "id", json_string(id = "length"));
		if (feedback_rule_check(copy, &why) != 0) {
			complain(
			    ck, rline, buf_str(&rctx), "%s", buf_str(&why));
			json_decref(copy);
			continue;
		}
		for (j = 0; texts[j] != NULL; j++)
			get_text(ck, copy, texts[j], OPTIONAL, buf_str(&rctx),
			    rline);
		if (json_object_get(ids, id) != NULL)
			complain(ck, rline, buf_str(&rctx),
			    "another rule of this field "
			    "has the id '%s'",
			    id);
		else if (strcmp(type, "length") == 0 && lengths++ > 0)
			complain(ck, rline, buf_str(&rctx),
			    "a field has one length rule "
			    "at most");
		json_object_set_new(ids, id, json_true());
		json_array_append_new(out, normalize_rule(copy));
		json_decref(copy);
	}
	json_decref(ids);
	buf_free(&rctx);
	buf_free(&why);
	return out;
}

/* What a kind of entry adds to {id, label}: its keys, and their check. */
struct entry_kind {
	const char *what;          /* "item", "row", "column" */
	const char *keys[6];       /* the keys it takes, id and label first */
	void (*extra)(struct check *, const json_t *, json_t *, const char *,
	    int);                  /* adds the rest, or NULL */
};

static void
row_extra(struct check *ck, const json_t *raw, json_t *row, const char *ctx,
    int line)
{
	const char *id = json_string_value(json_object_get(row, "id"));

	if (id != NULL && strncmp(id, "blank-", 6) == 0)
		complain(ck, line, ctx,
		    "ids 'blank-1', 'blank-2'... are kept for the "
		    "blank rows");
	put_text(row, "note", get_text(ck, raw, "note", OPTIONAL, ctx, line));
}

static void
column_extra(struct check *ck, const json_t *raw, json_t *col,
    const char *ctx, int line)
{
	static const char *const sizes[] = { "long", "short", NULL };
	long width = 1;

	json_object_set_new(col, "size",
	    json_string(get_choice(ck, raw, "size", sizes,
	        "\"short\" (one line) or \"long\" (a few lines)", ctx, line)));
	if (json_object_get(raw, "width") != NULL)
		get_whole(ck, raw, "width", 1, 10, &width, ctx, line);
	json_object_set_new(col, "width", json_integer(width));
	json_object_set_new(col, "feedback", check_rules(ck, raw, ctx, line));
}

static const struct entry_kind item_kind = { "item", { "id", "label" }, NULL };
static const struct entry_kind row_kind = { "row", { "id", "label", "note" },
	row_extra };
static const struct entry_kind column_kind = { "column", { "id", "label",
	"size", "width", "feedback" }, column_extra };

/* Items, rows or columns: {id, label, ...} tables with unique ids. */
static json_t *
check_entries(struct check *ck, const json_t *list,
    const struct entry_kind *kind, const char *ctx, int line)
{
	json_t *out = json_array(), *ids = json_object();
	struct buf ectx = BUF_INIT;
	size_t i;

	for (i = 0; i < json_array_size(list); i++) {
		const json_t *e = json_array_get(list, i);
		const char *id;
		json_t *entry;

		entry_context(&ectx, ctx, kind->what, i, e);
		if (!is_object(e)) {
			complain(ck, line, buf_str(&ectx),
			    "must be a table: { id = \"...\", "
			    "label = \"...\" }, not %s",
			    describe(e));
			continue;
		}
		check_keys(ck, e, kind->keys, buf_str(&ectx), line);
		entry = json_object();
		if ((id = get_id(ck, e, kind->what, buf_str(&ectx), line)) !=
		    NULL) {
			if (json_object_get(ids, id) != NULL)
				complain(ck, line, buf_str(&ectx),
				    "another %s has the id "
				    "'%s'",
				    kind->what, id);
			json_object_set_new(ids, id, json_true());
			put_text(entry, "id", id);
		}
		put_text(entry, "label", get_text(ck, e, "label", REQUIRED,
		    buf_str(&ectx), line));
		if (kind->extra != NULL)
			kind->extra(ck, e, entry, buf_str(&ectx), line);
		json_array_append_new(out, entry);
	}
	json_decref(ids);
	buf_free(&ectx);
	return out;
}

static void
check_table(struct check *ck, const json_t *raw, json_t *field,
    const char *ctx, int line)
{
	const json_t *columns = get_list(ck, raw, "columns", ctx, line);
	const json_t *rows = get_list(ck, raw, "rows", ctx, line);
	json_t *all_rows;
	long blank_rows = 0;
	size_t i;

	put_text(field, "row_header", get_text(ck, raw, "row_header", REQUIRED,
	    ctx, line));
	if (columns != NULL && json_array_size(columns) == 0)
		complain(ck, line, ctx, "a table needs at least one column");
	else if (columns == NULL && json_object_get(raw, "columns") == NULL)
		complain(ck, line, ctx,
		    "a table needs at least one column: columns "
		    "= { { id = \"need\", label = \"What I need\" }, ... }");
	json_object_set_new(field, "columns", check_entries(ck, columns,
	    &column_kind, ctx, line));
	all_rows = check_entries(ck, rows, &row_kind, ctx, line);
	if (json_object_get(raw, "blank_rows") != NULL)
		get_whole(ck, raw, "blank_rows", 0, MAX_BLANK_ROWS, &blank_rows,
		    ctx, line);
	for (i = 1; i <= (size_t)blank_rows; i++) {
		json_t *row = json_object();
		char id[32];

		snprintf(id, sizeof(id), "blank-%zu", i);
		json_object_set_new(row, "id", json_string(id));
		json_object_set_new(row, "blank", json_true());
		json_array_append_new(all_rows, row);
	}
	if (json_array_size(all_rows) == 0)
		complain(ck, line, ctx,
		    "a table needs at least one row: rows = { ... } "
		    "or blank_rows = N");
	json_object_set_new(field, "rows", all_rows);
	json_object_set_new(field, "print", check_print(ck, raw, 3, ctx, line));
}

/* Field types, with the keys each takes beyond type, id, label and help. */
static const struct field_type {
	const char *name;
	const char *keys[7];
	long default_lines;  /* for print hints; 0: the type takes none */
} field_types[] = {
    {"short_text", {"feedback", "print"}, 1},
    {"long_text", {"feedback", "print"}, 6},
    {"rewrite", {"original", "feedback", "print"}, 4},
    {"checklist", {"items", "print"}, 0},
    {"table", {"row_header", "columns", "rows", "blank_rows", "print"}, 3},
    {"scale", {"low", "high", "print"}, 0},
    {"signature", {"signers", "date", "print"}, 0},
    {"date", {"print"}, 0},
};
#define NFIELD_TYPES (sizeof(field_types) / sizeof(field_types[0]))

static json_t *
check_field(struct check *ck, const json_t *raw, size_t index, json_t *ids,
    int top_line)
{
	const char *type = json_string_value(json_object_get(raw, "type"));
	const char *id;
	const struct field_type *ft = NULL;
	const char *keys[12] = { "type", "id", "label", "help" };
	struct buf ctx = BUF_INIT;
	int line = line_of(raw, top_line);
	json_t *field = json_object();
	const json_t *list;
	size_t i;

	entry_context(&ctx, "", "field", index, raw);
	if (!is_object(raw)) {
		complain(ck, line, buf_str(&ctx),
		    "must be a field such as long_text "
		    "{ ... }, not %s",
		    describe(raw));
		goto fail;
	}
	for (i = 0; type != NULL && i < NFIELD_TYPES; i++)
		if (strcmp(field_types[i].name, type) == 0)
			ft = &field_types[i];
	if (ft == NULL) {
		if (type == NULL)
			complain(ck, line, buf_str(&ctx),
			    "has no type: write it with a "
			    "helper, such as long_text { ... }");
		else
			complain(ck, line, buf_str(&ctx),
			    "unknown field type '%s': use "
			    "short_text, long_text, rewrite, checklist, table, "
			    "scale, "
			    "signature or date",
			    type);
		goto fail;
	}
	for (i = 0; ft->keys[i] != NULL; i++)
		keys[4 + i] = ft->keys[i];
	check_keys(ck, raw, keys, buf_str(&ctx), line);
	json_object_set_new(field, "type", json_string(type));
	if ((id = get_id(ck, raw, "a field", buf_str(&ctx), line)) != NULL) {
		if (json_object_get(ids, id) != NULL)
			complain(ck, line, buf_str(&ctx),
			    "field %lld has the id '%s' too",
			    (long long)json_integer_value(
			        json_object_get(ids, id)),
			    id);
		else
			json_object_set_new(
			    ids, id, json_integer((json_int_t)index + 1));
		put_text(field, "id", id);
	}
	if (json_object_get(raw, "label") == NULL)
		complain(ck, line, buf_str(&ctx),
		    "needs a label (label = \"...\"): "
		    "every field is labelled on the form and on paper");
	else
		put_text(field, "label", get_text(ck, raw, "label", REQUIRED,
		    buf_str(&ctx), line));
	put_text(field, "help", get_text(ck, raw, "help", PARAGRAPHS,
	    buf_str(&ctx), line));
	if (ft->default_lines == 0 && json_object_get(raw, "print") != NULL)
		complain(ck, line, buf_str(&ctx),
		    "print hints do not apply to a %s", type);
	if (strcmp(type, "rewrite") == 0)
		put_text(field, "original", get_text(ck, raw, "original",
		    REQUIRED | PARAGRAPHS, buf_str(&ctx), line));
	if (strcmp(type, "short_text") == 0 || strcmp(type, "long_text") == 0 ||
	    strcmp(type, "rewrite") == 0) {
		json_object_set_new(field, "feedback", check_rules(ck, raw,
		    buf_str(&ctx), line));
		json_object_set_new(field, "print", check_print(ck, raw,
		    ft->default_lines, buf_str(&ctx), line));
	} else if (strcmp(type, "checklist") == 0) {
		list = get_list(ck, raw, "items", buf_str(&ctx), line);
		if (list == NULL || json_array_size(list) == 0) {
			if (list != NULL ||
			    json_object_get(raw, "items") == NULL)
				complain(ck, line, buf_str(&ctx),
				    "a checklist needs at least "
				    "one item: items = { { id = \"...\", label "
				    "= \"...\" } }");
		} else
			json_object_set_new(field, "items",
			    check_entries(
			        ck, list, &item_kind, buf_str(&ctx), line));
	} else if (strcmp(type, "table") == 0)
		check_table(ck, raw, field, buf_str(&ctx), line);
	else if (strcmp(type, "scale") == 0) {
		json_object_set_new(field, "min", json_integer(1));
		json_object_set_new(field, "max", json_integer(5));
		put_text(field, "low", get_text(ck, raw, "low", REQUIRED,
		    buf_str(&ctx), line));
		put_text(field, "high", get_text(ck, raw, "high", REQUIRED,
		    buf_str(&ctx), line));
	} else if (strcmp(type, "signature") == 0) {
		const json_t *date = json_object_get(raw, "date");
		json_t *signers =
		    get_texts(ck, raw, "signers", 1, 4, buf_str(&ctx), line);

		if (signers == NULL &&
		    json_object_get(raw, "signers") == NULL) {
			signers = json_array();
			json_array_append_new(
			    signers, json_string("Signature"));
		}
		if (signers != NULL)
			json_object_set_new(field, "signers", signers);
		if (date != NULL && !json_is_boolean(date))
			complain(ck, line, buf_str(&ctx),
			    "'date' must be true or false");
		json_object_set_new(
		    field, "date", json_boolean(!json_is_false(date)));
	}
	buf_free(&ctx);
	return field;
fail:
	buf_free(&ctx);
	json_decref(field);
	return NULL;
}

const json_t *
model_rules(const json_t *fields, const char *target)
{
	const char *dot = strchr(target, '.');
	size_t i, j;

	for (i = 0; i < json_array_size(fields); i++) {
		const json_t *f = json_array_get(fields, i);
		const char *id = json_string_value(json_object_get(f, "id"));
		const json_t *cols = json_object_get(f, "columns");

		if (id == NULL)
			continue;
		if (dot == NULL && strcmp(id, target) == 0)
			return json_object_get(f, "feedback");
		if (dot == NULL || strlen(id) != (size_t)(dot - target) ||
		    strncmp(id, target, (size_t)(dot - target)) != 0)
			continue;
		for (j = 0; j < json_array_size(cols); j++) {
			const json_t *c = json_array_get(cols, j);
			const char *cid =
			    json_string_value(json_object_get(c, "id"));

			if (cid != NULL && strcmp(cid, dot + 1) == 0)
				return json_object_get(c, "feedback");
		}
	}
	return NULL;
}

bool
model_each_target(const json_t *fields, bool (*fn)(const char *, const json_t *,
    void *), void *ctx)
{
	struct buf name = BUF_INIT;
	bool stop = false;
	size_t i, j;

	for (i = 0; i < json_array_size(fields) && !stop; i++) {
		const json_t *f = json_array_get(fields, i);
		const char *id = json_string_value(json_object_get(f, "id"));
		const json_t *cols = json_object_get(f, "columns");
		const json_t *rules = json_object_get(f, "feedback");

		if (id == NULL)
			continue;
		if (json_array_size(rules) > 0)
			stop = fn(id, rules, ctx);
		for (j = 0; j < json_array_size(cols) && !stop; j++) {
			const json_t *c = json_array_get(cols, j);

			rules = json_object_get(c, "feedback");
			if (json_array_size(rules) == 0)
				continue;
			buf_reset(&name);
			buf_printf(&name, "%s.%s", id,
			    json_string_value(json_object_get(c, "id")));
			stop = fn(buf_str(&name), rules, ctx);
		}
	}
	buf_free(&name);
	return stop;
}

static bool
take_first(const char *target, const json_t *rules, void *ctx)
{
	(void)rules;
	*(char **)ctx = xstrdup(target);
	return true;
}

static bool
list_target(const char *target, const json_t *rules, void *ctx)
{
	struct buf *out = ctx;

	(void)rules;
	if (out->len > 0)
		BUF_PUTSL(out, ", ");
	buf_puts(out, target);
	return false;
}


/* Index of the rule with this id in rules, or -1. */
static long
rule_index(const json_t *rules, const char *id)
{
	size_t i;

	for (i = 0; i < json_array_size(rules); i++)
		if (strcmp(json_string_value(
		               json_object_get(json_array_get(rules, i), "id")),
		        id) == 0)
			return (long)i;
	return -1;
}

/* Can a rule give an item of this kind? */
static bool
rule_gives(const json_t *rule, const char *kind)
{
	const char *type = json_string_value(json_object_get(rule, "type"));

	if (strcmp(kind, "praise") == 0)
		return strcmp(type, "notice") == 0 &&
		       json_object_get(rule, "praise");
	if (strcmp(kind, "missing") == 0)
		return strcmp(type, "notice") == 0 &&
		       json_object_get(rule, "hint");
	return strcmp(type, kind) == 0;
}

static int
compare_expect(const void *a, const void *b)
{
	const long *x = a, *y = b;

	return x[0] != y[0] ? (x[0] < y[0] ? -1 : 1) :
	    x[1] != y[1] ? (x[1] < y[1] ? -1 : 1) : 0;
}

static json_t *
check_example(struct check *ck, const json_t *raw, size_t index,
    const char *default_target, int top_line, int *line_out)
{
	static const char *const keys[] = { "type", "field", "answer", "note",
		"concern", "praise", "flag", "missing", "length", NULL };
	const char *type = json_string_value(json_object_get(raw, "type"));
	const json_t *answer = json_object_get(raw, "answer");
	const json_t *rules;
	const char *target = default_target;
	struct buf ctx = BUF_INIT, names = BUF_INIT;
	int line = line_of(raw, top_line);
	json_t *out = json_object(), *expect;
	long (*order)[2] = NULL;
	size_t n = 0, k, i;

	*line_out = line_of(raw, 0);
	buf_printf(&ctx, "example %zu: ", index + 1);
	if (!is_object(raw) || (type != NULL && strcmp(type, "example") != 0)) {
		complain(ck, line, buf_str(&ctx), "must be example { answer = "
		    "\"...\", ... }, not %s%s", type != NULL ? "a " : "",
		    type != NULL ? type : describe(raw));
		goto fail;
	}
	check_keys(ck, raw, keys, buf_str(&ctx), line);
	if (json_object_get(raw, "field") != NULL)
		target =
		    get_text(ck, raw, "field", REQUIRED, buf_str(&ctx), line);
	if (target == NULL) {
		if (default_target == NULL)
			complain(ck, line, buf_str(&ctx),
			    "examples need a field with "
			    "feedback rules");
		goto fail;
	}
	if ((rules = model_rules(ck->fields, target)) == NULL ||
	    json_array_size(rules) == 0) {
		model_list_targets(ck->fields, &names);
		complain(ck, line, buf_str(&ctx),
		    "no field '%s' with feedback rules "
		    "(fields with rules: %s)",
		    target, names.len ? buf_str(&names) : "none");
		goto fail;
	}
	json_object_set_new(out, "field", json_string(target));
	if (!json_is_string(answer))
		complain(ck, line, buf_str(&ctx),
		    "'answer' must be text, not %s", describe(answer));
	else if (!clean(json_string_value(answer), true))
		complain(ck, line, buf_str(&ctx),
		    "'answer' holds a control character");
	else
		json_object_set(out, "answer", (json_t *)answer);
	put_text(out, "note", get_text(ck, raw, "note", PARAGRAPHS,
	    buf_str(&ctx), line));
	order = xcalloc(json_array_size(rules) * NKINDS + 1, sizeof(*order));
	for (k = 0; k < NKINDS; k++) {
		const json_t *list =
		    get_list(ck, raw, kinds[k], buf_str(&ctx), line);

		for (i = 0; i < json_array_size(list); i++) {
			const char *id =
			    json_string_value(json_array_get(list, i));
			long r = id != NULL ? rule_index(rules, id) : -1;
			size_t j;

			if (id == NULL) {
				complain(ck, line, buf_str(&ctx),
				    "'%s' must list rule ids "
				    "(text)",
				    kinds[k]);
				continue;
			}
			if (r < 0) {
				complain(ck, line, buf_str(&ctx),
				    "'%s' is not a rule of field "
				    "'%s'",
				    id, target);
				continue;
			}
			if (!rule_gives(
			        json_array_get(rules, (size_t)r), kinds[k])) {
				const json_t *rule =
				    json_array_get(rules, (size_t)r);
				const char *rtype = json_string_value(
				    json_object_get(rule, "type"));

				complain(ck, line, buf_str(&ctx),
				    "'%s' is listed under '%s', "
				    "but %s",
				    id, kinds[k],
				    strcmp(rtype, "notice") != 0
				        ? (strcmp(rtype, "flag") == 0
				                  ? "it is a flag rule"
				           : strcmp(rtype, "concern") == 0
				                  ? "it is a concern rule"
				                  : "it is a length rule")
				    : strcmp(kinds[k], "praise") == 0
				        ? "it has no praise text"
				    : strcmp(kinds[k], "missing") == 0
				        ? "it has no hint"
				        : "it is a notice rule");
				continue;
			}
			for (j = 0; j < n; j++)
				if (order[j][0] == (long)k && order[j][1] == r)
					break;
			if (j < n) {
				complain(ck, line, buf_str(&ctx),
				    "'%s' is listed twice under "
				    "'%s'",
				    id, kinds[k]);
				continue;
			}
			order[n][0] = (long)k;
			order[n][1] = r;
			n++;
		}
	}
	/* The matcher's order: by kind, then by rule. */
	qsort(order, n, sizeof(*order), compare_expect);
	if (n > 1 && order[0][0] == 0 && order[n - 1][0] != 0)  /* kinds[0] */
		complain(ck, line, buf_str(&ctx), "a concern stands alone: an "
		    "answer that gets one gets nothing else, so list only "
		    "'concern' here");
	expect = json_array();
	for (i = 0; i < n; i++) {
		json_t *item = json_object();

		json_object_set_new(
		    item, "kind", json_string(kinds[order[i][0]]));
		json_object_set_new(item, "rule",
		    json_string(json_string_value(json_object_get(
		        json_array_get(rules, (size_t)order[i][1]), "id"))));
		json_array_append_new(expect, item);
	}
	json_object_set_new(out, "expect", expect);
	free(order);
	buf_free(&ctx);
	buf_free(&names);
	return out;
fail:
	buf_free(&ctx);
	buf_free(&names);
	json_decref(out);
	return NULL;
}

static json_t *
check_sources(struct check *ck, const json_t *list, int line)
{
	static const char *const keys[] = { "text", "url", NULL };
	json_t *out = json_array();
	struct buf ctx = BUF_INIT;
	size_t i;

	for (i = 0; i < json_array_size(list); i++) {
		const json_t *s = json_array_get(list, i);
		json_t *src = json_object();
		const char *url;

		buf_reset(&ctx);
		buf_printf(&ctx, "source %zu: ", i + 1);
		if (json_is_string(s)) {
			json_t *wrap = json_pack("{sO}", "text", s);

			put_text(src, "text",
			    get_text(ck, wrap, "text", REQUIRED, buf_str(&ctx),
			        line));
			json_decref(wrap);
		} else if (is_object(s)) {
			check_keys(ck, s, keys, buf_str(&ctx), line);
			put_text(src, "text", get_text(ck, s, "text", REQUIRED,
			    buf_str(&ctx), line));
			url = get_text(
			    ck, s, "url", OPTIONAL, buf_str(&ctx), line);
			if (url != NULL && strncmp(url, "https://", 8) != 0 &&
			    strncmp(url, "http://", 7) != 0)
				complain(ck, line, buf_str(&ctx),
				    "'url' must start with "
				    "https:// or http://");
			else
				put_text(src, "url", url);
		} else
			complain(ck, line, buf_str(&ctx),
			    "must be text or { text = "
			    "\"...\", url = \"https://...\" }, not %s",
			    describe(s));
		json_array_append_new(out, src);
	}
	buf_free(&ctx);
	return out;
}

static json_t *
check_facilitator(struct check *ck, const json_t *f, int line)
{
	static const char *const keys[] = { "introduce", "time", "watch_for",
		"prompts", NULL };
	static const char ctx[] = "facilitator: ";
	json_t *out = json_object(), *list;

	if (!is_object(f)) {
		complain(ck, line, ctx,
		    "must be a table: facilitator = { introduce = "
		    "\"...\", prompts = { ... } }, not %s",
		    describe(f));
		return out;
	}
	check_keys(ck, f, keys, ctx, line);
	put_text(out, "introduce", get_text(ck, f, "introduce", PARAGRAPHS, ctx,
	    line));
	put_text(out, "time", get_text(ck, f, "time", OPTIONAL, ctx, line));
	if ((list = get_texts(ck, f, "watch_for", 1, 10, ctx, line)) != NULL)
		json_object_set_new(out, "watch_for", list);
	if ((list = get_texts(ck, f, "prompts", 1, 10, ctx, line)) != NULL)
		json_object_set_new(out, "prompts", list);
	return out;
}

/*
 * The model from what the script returned, or NULL after diagnostics.
 * Sets *lines to a new array of the examples' lines.
 */
static json_t *
validate(struct check *ck, const char *name, const json_t *raw, int **lines)
{
	static const char *const keys[] = {"type", "title", "intro", "audience",
	    "print", "fields", "examples", "sources", "facilitator", NULL};
	static const char *const print_keys[] = { "orientation", NULL };
	static const char *const audiences[] = { "one", "both", NULL };
	static const char *const orientations[] = {
	    "portrait", "landscape", NULL};
	const char *type = json_string_value(json_object_get(raw, "type"));
	const char *audience, *orientation = "portrait", *intro;
	const json_t *fields, *examples, *sources, *p;
	json_t *model = json_object(), *out, *ids = json_object(), *v;
	char *default_target = NULL;
	int line = line_of(raw, 0);
	size_t i;

	*lines = NULL;
	if (!is_object(raw) || type == NULL || strcmp(type, "exercise") != 0) {
		complain(ck, 0, "",
		    "the script must end with `return exercise { "
		    "... }`; it returned %s",
		    raw == NULL || json_is_null(raw) ? "nothing"
		    : is_object(raw) ? "a table not made by exercise"
		                     : describe(raw));
		goto fail;
	}
	check_keys(ck, raw, keys, "", line);
	json_object_set_new(model, "name", json_string(name));
	put_text(
	    model, "title", get_text(ck, raw, "title", REQUIRED, "", line));
	intro = get_text(ck, raw, "intro", PARAGRAPHS, "", line);
	json_object_set_new(model, "intro", json_string(intro ? intro : ""));
	audience = get_choice(ck, raw, "audience", audiences, "\"one\" (one "
	    "person) or \"both\" (both partners)", "", line);
	json_object_set_new(model, "audience", json_string(audience));
	out = json_object();
	if ((p = json_object_get(raw, "print")) != NULL && !is_object(p))
		complain(ck, line, "", "'print' must be a table: print = { "
		    "orientation = \"landscape\" }");
	else if (p != NULL) {
		check_keys(ck, p, print_keys, "print: ", line);
		orientation = get_choice(ck, p, "orientation", orientations,
		    "\"portrait\" or \"landscape\"", "print: ", line);
	}
	json_object_set_new(out, "orientation", json_string(orientation));
	json_object_set_new(model, "print", out);

	fields = get_list(ck, raw, "fields", "", line);
	if (json_array_size(fields) == 0 && (fields != NULL ||
	    json_object_get(raw, "fields") == NULL))
		complain(ck, line, "",
		    "an exercise needs at least one field: fields "
		    "= { long_text { ... } }");
	ck->fields = json_array();
	for (i = 0; i < json_array_size(fields); i++)
		if ((v = check_field(
		         ck, json_array_get(fields, i), i, ids, line)))
			json_array_append_new(ck->fields, v);
	json_object_set(model, "fields", ck->fields);

	out = json_array();
	examples = get_list(ck, raw, "examples", "", line);
	default_target = model_first_target(ck->fields);
	*lines = xcalloc(json_array_size(examples) + 1, sizeof(**lines));
	for (i = 0; i < json_array_size(examples); i++)
		if ((v = check_example(ck, json_array_get(examples, i), i,
		    default_target, line, &(*lines)[json_array_size(out)])))
			json_array_append_new(out, v);
	json_object_set_new(model, "examples", out);
	free(default_target);

	sources = get_list(ck, raw, "sources", "", line);
	json_object_set_new(model, "sources", check_sources(ck, sources, line));
	if ((p = json_object_get(raw, "facilitator")) != NULL)
		json_object_set_new(
		    model, "facilitator", check_facilitator(ck, p, line));
	if (ck->errors == 0)
		goto done;
fail:
	json_decref(model);
	model = NULL;
	free(*lines);
	*lines = NULL;
done:
	json_decref(ck->fields);
	ck->fields = NULL;
	json_decref(ids);
	return model;
}

const char *
model_str(const json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));

	return s != NULL ? s : "";
}

char *
model_first_target(const json_t *fields)
{
	char *first = NULL;

	model_each_target(fields, take_first, &first);
	return first;
}

void
model_list_targets(const json_t *fields, struct buf *out)
{
	model_each_target(fields, list_target, out);
}

json_t *
model_validate(const char *path, const char *name, const json_t *raw,
    int **example_lines)
{
	struct check ck = { path, 0, NULL };

	return validate(&ck, name, raw, example_lines);
}
