/*
 * model_translation — does a translated exercise (exercises/NAME.LANG.lua)
 * keep the ids of its original?  It compares two valid models (model.c
 * made both) and reports each difference at the translation's line; it
 * reads no file and runs no Lua.  Loading translations is exercise.c's.
 */
#include "exercise/model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/util.h"

/* One translation being compared with its original. */
struct comparison {
	const char *path;           /* the translation's script, for diagnostics */
	const char *original_path;  /* the original's, named in each message */
	size_t errors;
};

static void differ(struct comparison *cmp, int line, const char *fmt, ...)
    MEND_PRINTF(3, 4);

static void
differ(struct comparison *cmp, int line, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	diag_error(cmp->path, line, 0, "%s", buf_str(&msg));
	buf_free(&msg);
	cmp->errors++;
}

static const struct model_field *
field_by_id(const struct exercise_model *m, const char *id)
{
	size_t i;

	for (i = 0; i < m->nfields; i++)
		if (m->fields[i].id != NULL && strcmp(m->fields[i].id, id) == 0)
			return &m->fields[i];
	return NULL;
}

static const struct model_rule *
rule_by_id(const struct model_target *t, const char *id)
{
	size_t i;

	for (i = 0; t != NULL && i < t->nrules; i++)
		if (strcmp(t->rules[i].id, id) == 0)
			return &t->rules[i];
	return NULL;
}

/* "a notice", "an item": the article for what. */
static const char *
a(const char *what)
{
	return strchr("aeiou", what[0]) != NULL ? "an" : "a";
}

/*
 * The rules of a target of both (tr in the translation, at line, orig in
 * the original): the same ids, each of the same kind.
 */
static void
compare_rules(struct comparison *cmp, const struct model_target *tr, int line,
    const struct model_target *orig)
{
	const struct model_rule *other;
	size_t i;

	for (i = 0; i < orig->nrules; i++)
		if (rule_by_id(tr, orig->rules[i].id) == NULL)
			differ(cmp, line, "field '%s' has no rule '%s'; %s has one "
			    "(a translation keeps the original's rule ids)",
			    tr->name, orig->rules[i].id, cmp->original_path);
	for (i = 0; i < tr->nrules; i++) {
		const struct model_rule *rule = &tr->rules[i];

		if ((other = rule_by_id(orig, rule->id)) == NULL)
			differ(cmp, rule->line, "field '%s' has a rule '%s'; %s has "
			    "none (a translation keeps the original's rule ids)",
			    tr->name, rule->id, cmp->original_path);
		else if (other->kind != rule->kind)
			differ(cmp, rule->line, "rule '%s' of field '%s' is %s %s; "
			    "in %s it is %s %s (a translated rule keeps its kind)",
			    rule->id, tr->name, a(rule->type), rule->type,
			    cmp->original_path, a(other->type), other->type);
	}
}

/*
 * A list of ids of one kind (what, "item") of one owner ("checklist
 * 'ready'") in both: the translation's ntr ids tr and the original's norig
 * ids orig, each missing or extra one reported at line.
 */
static void
compare_ids(struct comparison *cmp, int line, const char *owner,
    const char *what, const char *const *tr, size_t ntr,
    const char *const *orig, size_t norig)
{
	size_t i, j;

	for (i = 0; i < norig; i++) {
		for (j = 0; j < ntr && strcmp(tr[j], orig[i]) != 0; j++)
			;
		if (j == ntr)
			differ(cmp, line, "%s has no %s '%s'; %s has one (a "
			    "translation keeps the original's %s ids)", owner, what,
			    orig[i], cmp->original_path, what);
	}
	for (j = 0; j < ntr; j++) {
		for (i = 0; i < norig && strcmp(tr[j], orig[i]) != 0; i++)
			;
		if (i == norig)
			differ(cmp, line, "%s has %s %s '%s'; %s has none (a "
			    "translation keeps the original's %s ids)", owner,
			    a(what), what, tr[j], cmp->original_path, what);
	}
}

/* The ids of a field's items, named rows or columns (a new array). */
static const char **
ids_of(const struct model_field *f, char which, size_t *n)
{
	const char **ids;
	size_t i, count = which == 'i' ? f->nitems :
	    which == 'c' ? f->ncolumns : f->nrows;

	ids = xcalloc(count + 1, sizeof(*ids));
	*n = 0;
	for (i = 0; i < count; i++) {
		if (which == 'i')
			ids[(*n)++] = f->items[i].id;
		else if (which == 'c')
			ids[(*n)++] = f->columns[i].id;
		else if (!f->rows[i].blank)
			ids[(*n)++] = f->rows[i].id;
	}
	return ids;
}

static size_t
blank_rows(const struct model_field *f)
{
	size_t i, n = 0;

	for (i = 0; i < f->nrows; i++)
		n += f->rows[i].blank;
	return n;
}

/* One field of both, of the same id: its type, then what it holds. */
static void
compare_field(struct comparison *cmp, const struct exercise_model *tr,
    const struct model_field *f, const struct exercise_model *orig,
    const struct model_field *o)
{
	static const struct { char which; const char *what; } lists[] = {
		{ 'i', "item" }, { 'r', "row" }, { 'c', "column" }
	};
	struct buf owner = BUF_INIT, name = BUF_INIT;
	size_t k, j;

	if (f->kind != o->kind) {
		differ(cmp, f->line, "field '%s' is %s %s; in %s it is %s %s (a "
		    "translation keeps each field's type)", f->id, a(f->type),
		    f->type, cmp->original_path, a(o->type), o->type);
		return;
	}
	if (f->target != NULL && o->target != NULL)
		compare_rules(cmp, f->target, f->line, o->target);
	buf_printf(&owner, "%s '%s'", f->type, f->id);
	for (k = 0; k < sizeof(lists) / sizeof(lists[0]); k++) {
		size_t ntr, norig;
		const char **ids_tr = ids_of(f, lists[k].which, &ntr);
		const char **ids_orig = ids_of(o, lists[k].which, &norig);

		compare_ids(cmp, f->line, buf_str(&owner), lists[k].what, ids_tr,
		    ntr, ids_orig, norig);
		free(ids_tr);
		free(ids_orig);
	}
	if (blank_rows(f) != blank_rows(o))
		differ(cmp, f->line, "table '%s' has %zu blank row%s; %s has %zu "
		    "(a translation keeps the original's rows)", f->id,
		    blank_rows(f), blank_rows(f) == 1 ? "" : "s",
		    cmp->original_path, blank_rows(o));
	for (j = 0; j < f->ncolumns; j++) {  /* the columns of both: rules */
		const struct model_target *other;

		buf_reset(&name);
		buf_printf(&name, "%s.%s", f->id, f->columns[j].id);
		if ((other = model_target(orig, buf_str(&name))) != NULL)
			compare_rules(cmp, model_target(tr, buf_str(&name)), f->line,
			    other);
	}
	buf_free(&owner);
	buf_free(&name);
}

size_t
model_check_translation(const struct exercise_model *translation,
    const char *path, const struct exercise_model *original,
    const char *original_path)
{
	struct comparison cmp = { path, original_path, 0 };
	const struct model_field *other;
	size_t i;

	for (i = 0; i < original->nfields; i++)
		if (field_by_id(translation, original->fields[i].id) == NULL)
			differ(&cmp, translation->line, "there is no field '%s'; %s "
			    "has one (a translation keeps the original's field ids)",
			    original->fields[i].id, original_path);
	for (i = 0; i < translation->nfields; i++) {
		const struct model_field *f = &translation->fields[i];

		if ((other = field_by_id(original, f->id)) == NULL)
			differ(&cmp, f->line, "field '%s' is not in %s (a "
			    "translation keeps the original's field ids)", f->id,
			    original_path);
		else
			compare_field(&cmp, translation, f, original, other);
	}
	return cmp.errors;
}
