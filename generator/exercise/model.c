/*
 * model — check what an exercise script returned (the JSON the sandbox
 * sends back) and make of it the exercise model model.h states: first its
 * JSON form, by the validators (validate_*), which report every problem;
 * then, from a JSON form with none, the structs, which read it without
 * checking again.  Every rule about what a model may hold is here, in the
 * parent process, so a script can neither skip a check nor crash one; each
 * problem is reported at the script's line, naming the field.  It runs no
 * Lua.
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
#define LINE_KEY "$line"       /* a field's or rule's line, kept in the JSON
                                  form until model_of has read it */

/* The kinds of item an example lists, in the matcher's order. */
static const char *const kinds[] = { "concern", "praise", "flag", "missing",
	"length" };
#define NKINDS 5

/* One model being validated. */
struct validation {
	const char *path;               /* "exercises/x.lua", for diagnostics */
	size_t errors;                  /* problems reported so far */
	struct model_target *targets;   /* the targets of the fields, once they
	                                   are validated: the examples' */
	size_t ntargets;
	bool both;                      /* audience "both": a column may be
	                                   per partner */
};

enum { OPTIONAL = 0, REQUIRED = 1, PARAGRAPHS = 2 };

static void complain(struct validation *vd, int line, const char *ctx,
    const char *fmt, ...) MEND_PRINTF(4, 5);

static void
complain(struct validation *vd, int line, const char *ctx, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	buf_puts(&msg, ctx);
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	diag_error(vd->path, line, 0, "%s", buf_str(&msg));
	buf_free(&msg);
	vd->errors++;
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
validate_keys(struct validation *vd, const json_t *obj, const char *const *allowed,
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
			complain(vd, line, ctx,
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
			complain(vd, line, ctx,
			    "unknown key '%s' (did you mean '%s'?)", keys[i],
			    best);
		else
			complain(vd, line, ctx, "unknown key '%s'", keys[i]);
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
get_text(struct validation *vd, const json_t *obj, const char *key, int flags,
    const char *ctx, int line)
{
	const json_t *v = json_object_get(obj, key);
	const char *s;

	if (v == NULL) {
		if (flags & REQUIRED)
			complain(vd, line, ctx, "'%s' is missing", key);
		return NULL;
	}
	if (!json_is_string(v)) {
		complain(vd, line, ctx, "'%s' must be text, not %s", key,
		    describe(v));
		return NULL;
	}
	s = json_string_value(v);
	if (blank(s)) {
		complain(vd, line, ctx, "'%s' is empty", key);
		return NULL;
	}
	if (!clean(s, flags & PARAGRAPHS)) {
		complain(vd, line, ctx,
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
get_choice(struct validation *vd, const json_t *obj, const char *key,
    const char *const *choices, const char *how, const char *ctx, int line)
{
	const char *s = json_string_value(json_object_get(obj, key));
	size_t i;

	if (json_object_get(obj, key) == NULL)
		return choices[0];
	for (i = 0; s != NULL && choices[i] != NULL; i++)
		if (strcmp(s, choices[i]) == 0)
			return choices[i];
	complain(vd, line, ctx, "'%s' must be %s", key, how);
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
get_id(struct validation *vd, const json_t *obj, const char *what,
    const char *ctx, int line)
{
	const json_t *v = json_object_get(obj, "id");

	if (v == NULL) {
		complain(
		    vd, line, ctx, "%s needs an id (id = \"apology\")", what);
		return NULL;
	}
	if (!json_is_string(v)) {
		complain(vd, line, ctx, "id must be text, not %s", describe(v));
		return NULL;
	}
	if (!util_id_valid(json_string_value(v))) {
		complain(vd, line, ctx, "id '%s' must be " UTIL_ID_RULE " (\"my-answer\")",
		    json_string_value(v));
		return NULL;
	}
	return json_string_value(v);
}

/* A whole number from lo to hi under key; false (reported) when wrong. */
static bool
get_whole(struct validation *vd, const json_t *obj, const char *key, long lo,
    long hi, long *out, const char *ctx, int line)
{
	const json_t *v = json_object_get(obj, key);
	double d;

	if (json_is_integer(v))
		d = (double)json_integer_value(v);
	else if (json_is_real(v))
		d = json_real_value(v);
	else {
		complain(vd, line, ctx,
		    "'%s' must be a whole number from %ld to %ld, "
		    "not %s",
		    key, lo, hi, describe(v));
		return false;
	}
	if (!(d >= (double)lo && d <= (double)hi) || d != (double)(long)d) {
		complain(vd, line, ctx,
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
get_list(struct validation *vd, const json_t *obj, const char *key,
    const char *ctx, int line)
{
	const json_t *v = json_object_get(obj, key);

	if (v == NULL)
		return NULL;
	if (!json_is_array(v)) {
		complain(vd, line, ctx, "'%s' must be a list { ... }, not %s",
		    key, describe(v));
		return NULL;
	}
	if (json_array_size(v) > MAX_LIST) {
		complain(vd, line, ctx, "'%s' has more than %d entries", key,
		    MAX_LIST);
		return NULL;
	}
	return v;
}

/* A list of texts under key, copied; NULL when absent or wrong. */
static json_t *
get_texts(struct validation *vd, const json_t *obj, const char *key, size_t min,
    size_t max, const char *ctx, int line)
{
	const json_t *list = get_list(vd, obj, key, ctx, line);
	struct buf item = BUF_INIT;
	json_t *out;
	size_t i;

	if (list == NULL)
		return NULL;
	if (json_array_size(list) < min || json_array_size(list) > max) {
		complain(vd, line, ctx, "'%s' needs %zu to %zu entries", key,
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
		if ((s = get_text(vd, wrap, buf_str(&item), REQUIRED, ctx,
		         line)) != NULL)
			json_array_append_new(out, json_string(s));
		json_decref(wrap);
	}
	buf_free(&item);
	return out;
}

/* Print hints: {"lines": N} or {"height_mm": N}, default lines. */
static json_t *
validate_print(struct validation *vd, const json_t *raw, long default_lines,
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
		complain(vd, line, ctx,
		    "'print' must be a table: print = { lines = 6 } "
		    "or print = { height_mm = 40 }, not %s",
		    describe(p));
	else if (json_object_get(p, "lines") != NULL &&
	    json_object_get(p, "height_mm") != NULL)
		complain(vd, line, buf_str(&pctx),
		    "give lines or height_mm, not both");
	else {
		validate_keys(vd, p, keys, buf_str(&pctx), line);
		if (json_object_get(p, "height_mm") != NULL) {
			if (get_whole(vd, p, "height_mm", 5, 250, &n,
			        buf_str(&pctx), line))
				json_object_set_new(
				    out, "height_mm", json_integer(n));
		} else if (json_object_get(p, "lines") == NULL)
			complain(vd, line, buf_str(&pctx),
			    "give lines = N (writing "
			    "lines) or height_mm = N (a box)");
		else if (get_whole(
		             vd, p, "lines", 1, 40, &n, buf_str(&pctx), line))
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
validate_rules(struct validation *vd, const json_t *raw, const char *ctx, int line)
{
	static const char *const texts[] = { "praise", "hint", "message",
		"too_short", "too_long", NULL };
	const json_t *list = json_object_get(raw, "feedback");
	json_t *out = json_array(), *ids = json_object();
	struct buf rctx = BUF_INIT, why = BUF_INIT;
	size_t i, j, lengths = 0;

	if (list != NULL && !json_is_array(list)) {
		complain(vd, line, ctx,
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
			complain(vd, rline, buf_str(&rctx),
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
			    vd, rline, buf_str(&rctx), "%s", buf_str(&why));
			json_decref(copy);
			continue;
		}
		for (j = 0; texts[j] != NULL; j++)
			get_text(vd, copy, texts[j], OPTIONAL, buf_str(&rctx),
			    rline);
		if (json_object_get(ids, id) != NULL)
			complain(vd, rline, buf_str(&rctx),
			    "another rule of this field "
			    "has the id '%s'",
			    id);
		else if (strcmp(type, "length") == 0 && lengths++ > 0)
			complain(vd, rline, buf_str(&rctx),
			    "a field has one length rule "
			    "at most");
		json_object_set_new(ids, id, json_true());
		json_array_append_new(out, normalize_rule(copy));
		/* Its line, for the structs: model_of takes it out of the JSON. */
		json_object_set_new(json_array_get(out, json_array_size(out) - 1),
		    LINE_KEY, json_integer(rline));
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
	const char *keys[7];       /* the keys it takes, id and label first */
	void (*extra)(struct validation *, const json_t *, json_t *, const char *,
	    int);                  /* adds the rest, or NULL */
};

static void
row_extra(struct validation *vd, const json_t *raw, json_t *row, const char *ctx,
    int line)
{
	const char *id = json_string_value(json_object_get(row, "id"));

	if (id != NULL && strncmp(id, "blank-", 6) == 0)
		complain(vd, line, ctx,
		    "ids 'blank-1', 'blank-2'... are kept for the "
		    "blank rows");
	put_text(row, "note", get_text(vd, raw, "note", OPTIONAL, ctx, line));
}

static void
column_extra(struct validation *vd, const json_t *raw, json_t *col,
    const char *ctx, int line)
{
	static const char *const sizes[] = { "long", "short", NULL };
	const json_t *partner;
	long width = 1;

	json_object_set_new(col, "size",
	    json_string(get_choice(vd, raw, "size", sizes,
	        "\"short\" (one line) or \"long\" (a few lines)", ctx, line)));
	if (json_object_get(raw, "width") != NULL)
		get_whole(vd, raw, "width", 1, 10, &width, ctx, line);
	json_object_set_new(col, "width", json_integer(width));
	json_object_set_new(col, "feedback", validate_rules(vd, raw, ctx, line));
	if ((partner = json_object_get(raw, "partner")) == NULL)
		return;
	if (!json_is_boolean(partner))
		complain(vd, line, ctx, "'partner' must be true or false");
	else if (json_is_true(partner) && !vd->both)
		complain(vd, line, ctx,
		    "'partner' is for an exercise both partners fill in: "
		    "add audience = \"both\", or leave 'partner' out");
	else if (json_is_true(partner))
		json_object_set_new(col, "partner", json_true());
}

static const struct entry_kind item_kind = { "item", { "id", "label" }, NULL };
static const struct entry_kind row_kind = { "row", { "id", "label", "note" },
	row_extra };
static const struct entry_kind column_kind = { "column", { "id", "label",
	"size", "width", "feedback", "partner" }, column_extra };

/* Items, rows or columns: {id, label, ...} tables with unique ids. */
static json_t *
validate_entries(struct validation *vd, const json_t *list,
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
			complain(vd, line, buf_str(&ectx),
			    "must be a table: { id = \"...\", "
			    "label = \"...\" }, not %s",
			    describe(e));
			continue;
		}
		validate_keys(vd, e, kind->keys, buf_str(&ectx), line);
		entry = json_object();
		if ((id = get_id(vd, e, kind->what, buf_str(&ectx), line)) !=
		    NULL) {
			if (json_object_get(ids, id) != NULL)
				complain(vd, line, buf_str(&ectx),
				    "another %s has the id "
				    "'%s'",
				    kind->what, id);
			json_object_set_new(ids, id, json_true());
			put_text(entry, "id", id);
		}
		put_text(entry, "label", get_text(vd, e, "label", REQUIRED,
		    buf_str(&ectx), line));
		if (kind->extra != NULL)
			kind->extra(vd, e, entry, buf_str(&ectx), line);
		json_array_append_new(out, entry);
	}
	json_decref(ids);
	buf_free(&ectx);
	return out;
}

static void
validate_table(struct validation *vd, const json_t *raw, json_t *field,
    const char *ctx, int line)
{
	const json_t *columns = get_list(vd, raw, "columns", ctx, line);
	const json_t *rows = get_list(vd, raw, "rows", ctx, line);
	json_t *all_rows;
	long blank_rows = 0;
	size_t i;

	put_text(field, "row_header", get_text(vd, raw, "row_header", REQUIRED,
	    ctx, line));
	if (columns != NULL && json_array_size(columns) == 0)
		complain(vd, line, ctx, "a table needs at least one column");
	else if (columns == NULL && json_object_get(raw, "columns") == NULL)
		complain(vd, line, ctx,
		    "a table needs at least one column: columns "
		    "= { { id = \"need\", label = \"What I need\" }, ... }");
	json_object_set_new(field, "columns", validate_entries(vd, columns,
	    &column_kind, ctx, line));
	all_rows = validate_entries(vd, rows, &row_kind, ctx, line);
	if (json_object_get(raw, "blank_rows") != NULL)
		get_whole(vd, raw, "blank_rows", 0, MAX_BLANK_ROWS, &blank_rows,
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
		complain(vd, line, ctx,
		    "a table needs at least one row: rows = { ... } "
		    "or blank_rows = N");
	json_object_set_new(field, "rows", all_rows);
	json_object_set_new(field, "print", validate_print(vd, raw, 3, ctx, line));
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
validate_field(struct validation *vd, const json_t *raw, size_t index, json_t *ids,
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
		complain(vd, line, buf_str(&ctx),
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
			complain(vd, line, buf_str(&ctx),
			    "has no type: write it with a "
			    "helper, such as long_text { ... }");
		else
			complain(vd, line, buf_str(&ctx),
			    "unknown field type '%s': use "
			    "short_text, long_text, rewrite, checklist, table, "
			    "scale, "
			    "signature or date",
			    type);
		goto fail;
	}
	for (i = 0; ft->keys[i] != NULL; i++)
		keys[4 + i] = ft->keys[i];
	validate_keys(vd, raw, keys, buf_str(&ctx), line);
	json_object_set_new(field, "type", json_string(type));
	if ((id = get_id(vd, raw, "a field", buf_str(&ctx), line)) != NULL) {
		if (json_object_get(ids, id) != NULL)
			complain(vd, line, buf_str(&ctx),
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
		complain(vd, line, buf_str(&ctx),
		    "needs a label (label = \"...\"): "
		    "every field is labelled on the form and on paper");
	else
		put_text(field, "label", get_text(vd, raw, "label", REQUIRED,
		    buf_str(&ctx), line));
	put_text(field, "help", get_text(vd, raw, "help", PARAGRAPHS,
	    buf_str(&ctx), line));
	if (ft->default_lines == 0 && json_object_get(raw, "print") != NULL)
		complain(vd, line, buf_str(&ctx),
		    "print hints do not apply to a %s", type);
	if (strcmp(type, "rewrite") == 0)
		put_text(field, "original", get_text(vd, raw, "original",
		    REQUIRED | PARAGRAPHS, buf_str(&ctx), line));
	if (strcmp(type, "short_text") == 0 || strcmp(type, "long_text") == 0 ||
	    strcmp(type, "rewrite") == 0) {
		json_object_set_new(field, "feedback", validate_rules(vd, raw,
		    buf_str(&ctx), line));
		json_object_set_new(field, "print", validate_print(vd, raw,
		    ft->default_lines, buf_str(&ctx), line));
	} else if (strcmp(type, "checklist") == 0) {
		list = get_list(vd, raw, "items", buf_str(&ctx), line);
		if (list == NULL || json_array_size(list) == 0) {
			if (list != NULL ||
			    json_object_get(raw, "items") == NULL)
				complain(vd, line, buf_str(&ctx),
				    "a checklist needs at least "
				    "one item: items = { { id = \"...\", label "
				    "= \"...\" } }");
		} else
			json_object_set_new(field, "items",
			    validate_entries(
			        vd, list, &item_kind, buf_str(&ctx), line));
	} else if (strcmp(type, "table") == 0)
		validate_table(vd, raw, field, buf_str(&ctx), line);
	else if (strcmp(type, "scale") == 0) {
		json_object_set_new(field, "min", json_integer(1));
		json_object_set_new(field, "max", json_integer(5));
		put_text(field, "low", get_text(vd, raw, "low", REQUIRED,
		    buf_str(&ctx), line));
		put_text(field, "high", get_text(vd, raw, "high", REQUIRED,
		    buf_str(&ctx), line));
	} else if (strcmp(type, "signature") == 0) {
		const json_t *date = json_object_get(raw, "date");
		json_t *signers =
		    get_texts(vd, raw, "signers", 1, 4, buf_str(&ctx), line);

		if (signers == NULL &&
		    json_object_get(raw, "signers") == NULL) {
			signers = json_array();
			json_array_append_new(
			    signers, json_string("Signature"));
		}
		if (signers != NULL)
			json_object_set_new(field, "signers", signers);
		if (date != NULL && !json_is_boolean(date))
			complain(vd, line, buf_str(&ctx),
			    "'date' must be true or false");
		json_object_set_new(
		    field, "date", json_boolean(!json_is_false(date)));
	}
	json_object_set_new(field, LINE_KEY, json_integer(line));  /* model_of
	                                             takes it out */
	buf_free(&ctx);
	return field;
fail:
	buf_free(&ctx);
	json_decref(field);
	return NULL;
}

/* ---- the structs, from the JSON form ---- */

/*
 * These read a JSON form the validators made, key by key, without checking
 * again: a text is there or not, a number is whole.  The targets are made
 * from the fields before the examples are validated, so they also read
 * fields with problems already reported (an id left out is skipped).
 */

/* The text under key, borrowed, or NULL. */
static const char *
text_of(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static int
int_of(const json_t *obj, const char *key)
{
	return (int)json_integer_value(json_object_get(obj, key));
}

/* A list of texts, borrowed into a new array (NULL when empty). */
static const char **
texts_of(const json_t *list, size_t *n)
{
	const char **out = NULL;
	size_t i;

	*n = json_array_size(list);
	if (*n > 0)
		out = xcalloc(*n, sizeof(*out));
	for (i = 0; i < *n; i++)
		out[i] = json_string_value(json_array_get(list, i));
	return out;
}

static bool
is_text_kind(const char *type)
{
	return type != NULL && (strcmp(type, "short_text") == 0 ||
	    strcmp(type, "long_text") == 0 || strcmp(type, "rewrite") == 0);
}

static void
rule_of(const json_t *json, struct model_rule *rule)
{
	static const char *const kinds_of_rule[] = { "notice", "flag",
		"concern", "length", NULL };
	size_t k;

	rule->json = json;
	rule->type = text_of(json, "type");
	for (k = 0; kinds_of_rule[k] != NULL &&
	    strcmp(kinds_of_rule[k], rule->type) != 0; k++)
		;
	rule->kind = (enum model_rule_kind)k;
	rule->id = text_of(json, "id");
	rule->praise = text_of(json, "praise");
	rule->hint = text_of(json, "hint");
	rule->message = text_of(json, "message");
	rule->min = json_object_get(json, "min") != NULL ? int_of(json, "min") : -1;
	rule->max = json_object_get(json, "max") != NULL ? int_of(json, "max") : -1;
	rule->too_short = text_of(json, "too_short");
	rule->too_long = text_of(json, "too_long");
	rule->line = int_of(json, LINE_KEY);
}

/* A new target at the end of *targets: name (taken), and rules. */
static void
add_target(struct model_target **targets, size_t *n, char *name,
    const json_t *rules)
{
	struct model_target *t;
	size_t i;

	*targets = xrealloc(*targets, (*n + 1) * sizeof(**targets));
	t = &(*targets)[(*n)++];
	t->name = name;
	t->rules_json = rules;
	t->nrules = json_array_size(rules);
	t->rules = t->nrules > 0 ? xcalloc(t->nrules, sizeof(*t->rules)) : NULL;
	for (i = 0; i < t->nrules; i++)
		rule_of(json_array_get(rules, i), &t->rules[i]);
}

/* Every target of fields (a JSON array of FIELD), in order. */
static struct model_target *
targets_of(const json_t *fields, size_t *n)
{
	struct model_target *targets = NULL;
	struct buf name = BUF_INIT;
	size_t i, j;

	*n = 0;
	for (i = 0; i < json_array_size(fields); i++) {
		const json_t *f = json_array_get(fields, i);
		const json_t *cols = json_object_get(f, "columns");
		const char *id = text_of(f, "id");

		if (id == NULL)
			continue;
		if (is_text_kind(text_of(f, "type")))
			add_target(&targets, n, xstrdup(id),
			    json_object_get(f, "feedback"));
		for (j = 0; j < json_array_size(cols); j++) {
			const json_t *c = json_array_get(cols, j);

			if (text_of(c, "id") == NULL)
				continue;
			buf_reset(&name);
			buf_printf(&name, "%s.%s", id, text_of(c, "id"));
			add_target(&targets, n, xstrdup(buf_str(&name)),
			    json_object_get(c, "feedback"));
		}
	}
	buf_free(&name);
	return targets;
}

static void
free_targets(struct model_target *targets, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(targets[i].name);
		free(targets[i].rules);
	}
	free(targets);
}

static const struct model_target *
find_target(const struct model_target *targets, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(targets[i].name, name) == 0)
			return &targets[i];
	return NULL;
}

static const struct model_target *
first_with_rules(const struct model_target *targets, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (targets[i].nrules > 0)
			return &targets[i];
	return NULL;
}

static void
list_targets(const struct model_target *targets, size_t n, struct buf *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (targets[i].nrules == 0)
			continue;
		if (out->len > 0)
			BUF_PUTSL(out, ", ");
		buf_puts(out, targets[i].name);
	}
}

static void
field_of(const struct exercise_model *m, const json_t *json,
    struct model_field *f)
{
	static const char *const kinds_of_field[] = { "short_text",
		"long_text", "rewrite", "checklist", "table", "scale",
		"signature", "date", NULL };
	const json_t *list, *print = json_object_get(json, "print");
	struct buf name = BUF_INIT;
	size_t i, k;

	f->type = text_of(json, "type");
	for (k = 0; kinds_of_field[k] != NULL &&
	    strcmp(kinds_of_field[k], f->type) != 0; k++)
		;
	f->kind = (enum model_kind)k;
	f->id = text_of(json, "id");
	f->label = text_of(json, "label");
	f->help = text_of(json, "help");
	f->original = text_of(json, "original");
	if (is_text_kind(f->type))
		f->target = model_target(m, f->id);
	list = json_object_get(json, "items");
	if ((f->nitems = json_array_size(list)) > 0)
		f->items = xcalloc(f->nitems, sizeof(*f->items));
	for (i = 0; i < f->nitems; i++) {
		f->items[i].id = text_of(json_array_get(list, i), "id");
		f->items[i].label = text_of(json_array_get(list, i), "label");
	}
	f->row_header = text_of(json, "row_header");
	list = json_object_get(json, "columns");
	if ((f->ncolumns = json_array_size(list)) > 0)
		f->columns = xcalloc(f->ncolumns, sizeof(*f->columns));
	for (i = 0; i < f->ncolumns; i++) {
		const json_t *c = json_array_get(list, i);
		struct model_column *col = &f->columns[i];

		col->id = text_of(c, "id");
		col->label = text_of(c, "label");
		col->is_long = strcmp(text_of(c, "size"), "long") == 0;
		col->width = int_of(c, "width");
		col->partner = json_is_true(json_object_get(c, "partner"));
		buf_reset(&name);
		buf_printf(&name, "%s.%s", f->id, col->id);
		col->target = model_target(m, buf_str(&name));
	}
	list = json_object_get(json, "rows");
	if ((f->nrows = json_array_size(list)) > 0)
		f->rows = xcalloc(f->nrows, sizeof(*f->rows));
	for (i = 0; i < f->nrows; i++) {
		const json_t *r = json_array_get(list, i);

		f->rows[i].id = text_of(r, "id");
		f->rows[i].label = text_of(r, "label");
		f->rows[i].note = text_of(r, "note");
		f->rows[i].blank = json_is_true(json_object_get(r, "blank"));
	}
	f->print.lines = int_of(print, "lines");
	f->print.height_mm = int_of(print, "height_mm");
	f->min = int_of(json, "min");
	f->max = int_of(json, "max");
	f->low = text_of(json, "low");
	f->high = text_of(json, "high");
	f->signers = texts_of(json_object_get(json, "signers"), &f->nsigners);
	f->date = json_is_true(json_object_get(json, "date"));
	f->line = int_of(json, LINE_KEY);
	buf_free(&name);
}

/* Take the lines out of a field's JSON (and its rules' and columns'), once
   the structs have them: the JSON form has none. */
static void
drop_lines(json_t *field)
{
	const json_t *cols = json_object_get(field, "columns");
	json_t *rules = json_object_get(field, "feedback");
	size_t i, j;

	json_object_del(field, LINE_KEY);
	for (i = 0; i < json_array_size(rules); i++)
		json_object_del(json_array_get(rules, i), LINE_KEY);
	for (j = 0; j < json_array_size(cols); j++) {
		rules = json_object_get(json_array_get(cols, j), "feedback");
		for (i = 0; i < json_array_size(rules); i++)
			json_object_del(json_array_get(rules, i), LINE_KEY);
	}
}

static void
example_of(const struct exercise_model *m, const json_t *json, int line,
    struct model_example *e)
{
	const json_t *answer = json_object_get(json, "answer");
	const json_t *expect = json_object_get(json, "expect");
	size_t i, r;

	e->target = model_target(m, text_of(json, "field"));
	e->answer = json_string_value(answer);
	e->answer_len = json_string_length(answer);
	e->note = text_of(json, "note");
	if ((e->nexpect = json_array_size(expect)) > 0)
		e->expect = xcalloc(e->nexpect, sizeof(*e->expect));
	for (i = 0; i < e->nexpect; i++) {
		const json_t *item = json_array_get(expect, i);
		const char *rule = text_of(item, "rule");

		e->expect[i].kind = text_of(item, "kind");
		for (r = 0; r < e->target->nrules &&
		    strcmp(e->target->rules[r].id, rule) != 0; r++)
			;
		e->expect[i].rule = &e->target->rules[r];
	}
	e->line = line;
}

/*
 * The structs of a model's JSON form (taken), with its targets (taken)
 * and its examples' lines.
 */
static struct exercise_model *
model_of(json_t *json, struct model_target *targets, size_t ntargets,
    const int *lines, int line)
{
	struct exercise_model *m = xcalloc(1, sizeof(*m));
	const json_t *list, *notes;
	const char *intro = text_of(json, "intro");
	size_t i;

	m->json = json;
	m->line = line;
	m->targets = targets;
	m->ntargets = ntargets;
	m->first_target = first_with_rules(targets, ntargets);
	m->name = text_of(json, "name");
	m->title = text_of(json, "title");
	m->intro = intro[0] != '\0' ? intro : NULL;
	m->audience = strcmp(text_of(json, "audience"), "both") == 0 ?
	    MODEL_BOTH : MODEL_ONE;
	m->landscape = strcmp(text_of(json_object_get(json, "print"),
	    "orientation"), "landscape") == 0;
	list = json_object_get(json, "fields");
	m->nfields = json_array_size(list);
	m->fields = xcalloc(m->nfields, sizeof(*m->fields));
	for (i = 0; i < m->nfields; i++) {
		size_t j;

		field_of(m, json_array_get(list, i), &m->fields[i]);
		drop_lines(json_array_get(list, i));
		for (j = 0; j < m->fields[i].ncolumns; j++)
			m->has_partners |= m->fields[i].columns[j].partner;
	}
	list = json_object_get(json, "examples");
	if ((m->nexamples = json_array_size(list)) > 0)
		m->examples = xcalloc(m->nexamples, sizeof(*m->examples));
	for (i = 0; i < m->nexamples; i++)
		example_of(m, json_array_get(list, i), lines[i], &m->examples[i]);
	list = json_object_get(json, "sources");
	if ((m->nsources = json_array_size(list)) > 0)
		m->sources = xcalloc(m->nsources, sizeof(*m->sources));
	for (i = 0; i < m->nsources; i++) {
		m->sources[i].text = text_of(json_array_get(list, i), "text");
		m->sources[i].url = text_of(json_array_get(list, i), "url");
	}
	if ((notes = json_object_get(json, "facilitator")) != NULL) {
		struct model_facilitator *f = xcalloc(1, sizeof(*f));

		f->introduce = text_of(notes, "introduce");
		f->time = text_of(notes, "time");
		f->watch_for = texts_of(json_object_get(notes, "watch_for"),
		    &f->nwatch_for);
		f->prompts = texts_of(json_object_get(notes, "prompts"),
		    &f->nprompts);
		m->facilitator = f;
	}
	return m;
}

/* ---- examples ---- */

/* Index of the rule with this id in target's rules, or -1. */
static long
rule_index(const struct model_target *target, const char *id)
{
	size_t i;

	for (i = 0; i < target->nrules; i++)
		if (strcmp(target->rules[i].id, id) == 0)
			return (long)i;
	return -1;
}

/* Can a rule give an item of this kind? */
static bool
rule_gives(const struct model_rule *rule, const char *kind)
{
	if (strcmp(kind, "praise") == 0)
		return rule->kind == MODEL_NOTICE && rule->praise != NULL;
	if (strcmp(kind, "missing") == 0)
		return rule->kind == MODEL_NOTICE && rule->hint != NULL;
	return strcmp(rule->type, kind) == 0;
}

static int
compare_expect(const void *a, const void *b)
{
	const long *x = a, *y = b;

	return x[0] != y[0] ? (x[0] < y[0] ? -1 : 1) :
	    x[1] != y[1] ? (x[1] < y[1] ? -1 : 1) : 0;
}

static json_t *
validate_example(struct validation *vd, const json_t *raw, size_t index,
    const char *default_target, int top_line, int *line_out)
{
	static const char *const keys[] = { "type", "field", "answer", "note",
		"concern", "praise", "flag", "missing", "length", NULL };
	const char *type = json_string_value(json_object_get(raw, "type"));
	const json_t *answer = json_object_get(raw, "answer");
	const struct model_target *rules;
	const char *target = default_target;
	struct buf ctx = BUF_INIT, names = BUF_INIT;
	int line = line_of(raw, top_line);
	json_t *out = json_object(), *expect;
	long (*order)[2] = NULL;
	size_t n = 0, k, i;

	*line_out = line_of(raw, 0);
	buf_printf(&ctx, "example %zu: ", index + 1);
	if (!is_object(raw) || (type != NULL && strcmp(type, "example") != 0)) {
		complain(vd, line, buf_str(&ctx), "must be example { answer = "
		    "\"...\", ... }, not %s%s", type != NULL ? "a " : "",
		    type != NULL ? type : describe(raw));
		goto fail;
	}
	validate_keys(vd, raw, keys, buf_str(&ctx), line);
	if (json_object_get(raw, "field") != NULL)
		target =
		    get_text(vd, raw, "field", REQUIRED, buf_str(&ctx), line);
	if (target == NULL) {
		if (default_target == NULL)
			complain(vd, line, buf_str(&ctx),
			    "examples need a field with "
			    "feedback rules");
		goto fail;
	}
	if ((rules = find_target(vd->targets, vd->ntargets, target)) == NULL ||
	    rules->nrules == 0) {
		list_targets(vd->targets, vd->ntargets, &names);
		complain(vd, line, buf_str(&ctx),
		    "no field '%s' with feedback rules "
		    "(fields with rules: %s)",
		    target, names.len ? buf_str(&names) : "none");
		goto fail;
	}
	json_object_set_new(out, "field", json_string(target));
	if (!json_is_string(answer))
		complain(vd, line, buf_str(&ctx),
		    "'answer' must be text, not %s", describe(answer));
	else if (!clean(json_string_value(answer), true))
		complain(vd, line, buf_str(&ctx),
		    "'answer' holds a control character");
	else
		json_object_set(out, "answer", (json_t *)answer);
	put_text(out, "note", get_text(vd, raw, "note", PARAGRAPHS,
	    buf_str(&ctx), line));
	order = xcalloc(rules->nrules * NKINDS + 1, sizeof(*order));
	for (k = 0; k < NKINDS; k++) {
		const json_t *list =
		    get_list(vd, raw, kinds[k], buf_str(&ctx), line);

		for (i = 0; i < json_array_size(list); i++) {
			const char *id =
			    json_string_value(json_array_get(list, i));
			long r = id != NULL ? rule_index(rules, id) : -1;
			size_t j;

			if (id == NULL) {
				complain(vd, line, buf_str(&ctx),
				    "'%s' must list rule ids "
				    "(text)",
				    kinds[k]);
				continue;
			}
			if (r < 0) {
				complain(vd, line, buf_str(&ctx),
				    "'%s' is not a rule of field "
				    "'%s'",
				    id, target);
				continue;
			}
			if (!rule_gives(&rules->rules[r], kinds[k])) {
				enum model_rule_kind rtype =
				    rules->rules[r].kind;

				complain(vd, line, buf_str(&ctx),
				    "'%s' is listed under '%s', "
				    "but %s",
				    id, kinds[k],
				    rtype != MODEL_NOTICE
				        ? (rtype == MODEL_FLAG
				                  ? "it is a flag rule"
				           : rtype == MODEL_CONCERN
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
				complain(vd, line, buf_str(&ctx),
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
		complain(vd, line, buf_str(&ctx), "a concern stands alone: an "
		    "answer that gets one gets nothing else, so list only "
		    "'concern' here");
	expect = json_array();
	for (i = 0; i < n; i++) {
		json_t *item = json_object();

		json_object_set_new(
		    item, "kind", json_string(kinds[order[i][0]]));
		json_object_set_new(item, "rule",
		    json_string(rules->rules[order[i][1]].id));
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
validate_sources(struct validation *vd, const json_t *list, int line)
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
			    get_text(vd, wrap, "text", REQUIRED, buf_str(&ctx),
			        line));
			json_decref(wrap);
		} else if (is_object(s)) {
			validate_keys(vd, s, keys, buf_str(&ctx), line);
			put_text(src, "text", get_text(vd, s, "text", REQUIRED,
			    buf_str(&ctx), line));
			url = get_text(
			    vd, s, "url", OPTIONAL, buf_str(&ctx), line);
			if (url != NULL && strncmp(url, "https://", 8) != 0 &&
			    strncmp(url, "http://", 7) != 0)
				complain(vd, line, buf_str(&ctx),
				    "'url' must start with "
				    "https:// or http://");
			else
				put_text(src, "url", url);
		} else
			complain(vd, line, buf_str(&ctx),
			    "must be text or { text = "
			    "\"...\", url = \"https://...\" }, not %s",
			    describe(s));
		json_array_append_new(out, src);
	}
	buf_free(&ctx);
	return out;
}

static json_t *
validate_facilitator(struct validation *vd, const json_t *f, int line)
{
	static const char *const keys[] = { "introduce", "time", "watch_for",
		"prompts", NULL };
	static const char ctx[] = "facilitator: ";
	json_t *out = json_object(), *list;

	if (!is_object(f)) {
		complain(vd, line, ctx,
		    "must be a table: facilitator = { introduce = "
		    "\"...\", prompts = { ... } }, not %s",
		    describe(f));
		return out;
	}
	validate_keys(vd, f, keys, ctx, line);
	put_text(out, "introduce", get_text(vd, f, "introduce", PARAGRAPHS, ctx,
	    line));
	put_text(out, "time", get_text(vd, f, "time", OPTIONAL, ctx, line));
	if ((list = get_texts(vd, f, "watch_for", 1, 10, ctx, line)) != NULL)
		json_object_set_new(out, "watch_for", list);
	if ((list = get_texts(vd, f, "prompts", 1, 10, ctx, line)) != NULL)
		json_object_set_new(out, "prompts", list);
	return out;
}

/*
 * The model's JSON form from what the script returned, or NULL after
 * diagnostics.  Sets vd's targets (NULL after diagnostics), and *lines to
 * a new array of the examples' lines.
 */
static json_t *
validate(struct validation *vd, const char *name, const json_t *raw, int **lines)
{
	static const char *const keys[] = {"type", "title", "intro", "audience",
	    "print", "fields", "examples", "sources", "facilitator", NULL};
	static const char *const print_keys[] = { "orientation", NULL };
	static const char *const audiences[] = { "one", "both", NULL };
	static const char *const orientations[] = {
	    "portrait", "landscape", NULL};
	const char *type = json_string_value(json_object_get(raw, "type"));
	const char *audience, *orientation = "portrait", *intro;
	const struct model_target *first;
	const json_t *fields, *examples, *sources, *p;
	json_t *model = json_object(), *out, *ids = json_object(), *v;
	int line = line_of(raw, 0);
	size_t i;

	*lines = NULL;
	if (!is_object(raw) || type == NULL || strcmp(type, "exercise") != 0) {
		complain(vd, 0, "",
		    "the script must end with `return exercise { "
		    "... }`; it returned %s",
		    raw == NULL || json_is_null(raw) ? "nothing"
		    : is_object(raw) ? "a table not made by exercise"
		                     : describe(raw));
		goto fail;
	}
	validate_keys(vd, raw, keys, "", line);
	json_object_set_new(model, "name", json_string(name));
	put_text(
	    model, "title", get_text(vd, raw, "title", REQUIRED, "", line));
	intro = get_text(vd, raw, "intro", PARAGRAPHS, "", line);
	json_object_set_new(model, "intro", json_string(intro ? intro : ""));
	audience = get_choice(vd, raw, "audience", audiences, "\"one\" (one "
	    "person) or \"both\" (both partners)", "", line);
	json_object_set_new(model, "audience", json_string(audience));
	vd->both = audience != NULL && strcmp(audience, "both") == 0;
	out = json_object();
	if ((p = json_object_get(raw, "print")) != NULL && !is_object(p))
		complain(vd, line, "", "'print' must be a table: print = { "
		    "orientation = \"landscape\" }");
	else if (p != NULL) {
		validate_keys(vd, p, print_keys, "print: ", line);
		orientation = get_choice(vd, p, "orientation", orientations,
		    "\"portrait\" or \"landscape\"", "print: ", line);
	}
	json_object_set_new(out, "orientation", json_string(orientation));
	json_object_set_new(model, "print", out);

	fields = get_list(vd, raw, "fields", "", line);
	if (json_array_size(fields) == 0 && (fields != NULL ||
	    json_object_get(raw, "fields") == NULL))
		complain(vd, line, "",
		    "an exercise needs at least one field: fields "
		    "= { long_text { ... } }");
	out = json_array();
	for (i = 0; i < json_array_size(fields); i++)
		if ((v = validate_field(
		         vd, json_array_get(fields, i), i, ids, line)))
			json_array_append_new(out, v);
	json_object_set_new(model, "fields", out);
	vd->targets = targets_of(out, &vd->ntargets);

	out = json_array();
	examples = get_list(vd, raw, "examples", "", line);
	first = first_with_rules(vd->targets, vd->ntargets);
	*lines = xcalloc(json_array_size(examples) + 1, sizeof(**lines));
	for (i = 0; i < json_array_size(examples); i++)
		if ((v = validate_example(vd, json_array_get(examples, i), i,
		    first != NULL ? first->name : NULL, line,
		    &(*lines)[json_array_size(out)])))
			json_array_append_new(out, v);
	json_object_set_new(model, "examples", out);

	sources = get_list(vd, raw, "sources", "", line);
	json_object_set_new(model, "sources", validate_sources(vd, sources, line));
	if ((p = json_object_get(raw, "facilitator")) != NULL)
		json_object_set_new(
		    model, "facilitator", validate_facilitator(vd, p, line));
	if (vd->errors == 0)
		goto done;
fail:
	json_decref(model);
	model = NULL;
	free(*lines);
	*lines = NULL;
	free_targets(vd->targets, vd->ntargets);
	vd->targets = NULL;
	vd->ntargets = 0;
done:
	json_decref(ids);
	return model;
}

struct exercise_model *
model_validate(const char *path, const char *name, const json_t *raw)
{
	struct validation vd = { path, 0, NULL, 0, false };
	struct exercise_model *model;
	json_t *json;
	int *lines;

	if ((json = validate(&vd, name, raw, &lines)) == NULL)
		return NULL;
	model = model_of(json, vd.targets, vd.ntargets, lines, line_of(raw, 0));
	free(lines);
	return model;
}

void
model_free(struct exercise_model *model)
{
	size_t i;

	if (model == NULL)
		return;
	for (i = 0; i < model->nfields; i++) {
		free(model->fields[i].items);
		free(model->fields[i].columns);
		free(model->fields[i].rows);
		free(model->fields[i].signers);
	}
	free(model->fields);
	for (i = 0; i < model->nexamples; i++)
		free(model->examples[i].expect);
	free(model->examples);
	free(model->sources);
	if (model->facilitator != NULL) {
		free(model->facilitator->watch_for);
		free(model->facilitator->prompts);
		free(model->facilitator);
	}
	free_targets(model->targets, model->ntargets);
	json_decref(model->json);
	free(model);
}

const struct model_target *
model_target(const struct exercise_model *model, const char *name)
{
	return find_target(model->targets, model->ntargets, name);
}

void
model_list_targets(const struct exercise_model *model, struct buf *out)
{
	list_targets(model->targets, model->ntargets, out);
}

