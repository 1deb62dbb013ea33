/*
 * form — the template view of an exercise's form.  See form.h.  It reads
 * the model's structs (model.h), which hold a valid model: a text that may
 * be left out is tested for NULL, nothing else is checked again.
 */
#include "exercise/form.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "exercise/model.h"
#include "lib/util.h"
#include "site/i18n.h"

/*
 * The words this module writes into the view (form.h): each the text of a
 * key of the theme's words (i18n.h) in the page's language, or the
 * English given here when the theme has none.  en.toml holds the same
 * English, so an English page is the same with a theme's words or
 * without.  {name} placeholders are filled.
 */
#define FORM_WORDS(X) \
	X(cell, "exercise.form.cell", "{row}: {column}")  /* a table cell's \
	   label */ \
	X(partner_first, "exercise.partner_first", "First partner")  /* as the \
	   partner choice names them */ \
	X(partner_second, "exercise.partner_second", "Second partner") \
	X(partner_label_first, "exercise.form.partner_label_first", \
	    "{label}, first partner")  /* a per-partner cell's answers */ \
	X(partner_label_second, "exercise.form.partner_label_second", \
	    "{label}, second partner") \
	X(own_area, "exercise.form.own_area", "Your own area {n}")  /* a blank \
	   row, named by the reader */ \
	X(quoted, "exercise.form.quoted", "\u201c{label}\u201d")  /* a column's \
	   label in partner_columns and shared_columns */ \
	X(list_comma, "exercise.form.list_comma", ", ")  /* "A, B and C" */ \
	X(list_and, "exercise.form.list_and", " and ") \
	X(tables_join, "exercise.form.tables_join", "; ")  /* one table's \
	   columns from the next's */

struct form_words {
#define FORM_WORD_FIELD(field, key, english) const char *field;
	FORM_WORDS(FORM_WORD_FIELD)
#undef FORM_WORD_FIELD
};

/* The words in lang from i18n (NULL: English's), borrowed from i18n. */
static void
words_in(struct form_words *words, const struct i18n *i18n, const char *lang)
{
#define FORM_WORD_TEXT(field, key, english) \
	words->field = i18n != NULL ? i18n_text(i18n, lang, key) : NULL; \
	if (words->field == NULL) \
		words->field = english;
	FORM_WORDS(FORM_WORD_TEXT)
#undef FORM_WORD_TEXT
}

/* Append text to out, its placeholder {name} filled with value (and a
   second, name2, when not NULL). */
static void
fill(struct buf *out, const char *text, const char *name, const char *value,
    const char *name2, const char *value2)
{
	const char *pairs[4] = { name, value, name2, value2 };

	i18n_fill(out, text, pairs, name2 != NULL ? 4 : 2);
}

/*
 * PARAGRAPHS text as [{text}], one per run of lines between blank lines;
 * none for NULL.
 */
static json_t *
paragraphs(const char *text)
{
	json_t *list = json_array();
	struct buf para = BUF_INIT;
	const char *p = text != NULL ? text : "";

	while (*p != '\0') {
		const char *eol = strchr(p, '\n');
		size_t n = eol != NULL ? (size_t)(eol - p) : strlen(p);
		size_t k = 0;

		while (k < n && (p[k] == ' ' || p[k] == '\t' || p[k] == '\r'))
			k++;
		if (k == n) {  /* a blank line ends a paragraph */
			if (para.len > 0)
				json_array_append_new(list, json_pack("{s:s}", "text",
				    buf_str(&para)));
			buf_reset(&para);
		} else {
			if (para.len > 0)
				buf_putc(&para, ' ');
			buf_put(&para, p, n);
		}
		p += n + (eol != NULL);
	}
	if (para.len > 0)
		json_array_append_new(list, json_pack("{s:s}", "text", buf_str(&para)));
	buf_free(&para);
	return list;
}

static json_t *
join_id(const char *a, const char *b, const char *c)
{
	struct buf id = BUF_INIT;
	json_t *s;

	buf_printf(&id, "%s--%s", a, b);
	if (c != NULL)
		buf_printf(&id, "--%s", c);
	s = json_string(buf_str(&id));
	buf_free(&id);
	return s;
}

/* "print-lines-6" or "print-box-40" from a field's print hint. */
static json_t *
print_class(const struct model_print *print)
{
	char name[32];

	if (print->lines > 0)
		snprintf(name, sizeof(name), "print-lines-%d", print->lines);
	else
		snprintf(name, sizeof(name), "print-box-%d", print->height_mm);
	return json_string(name);
}

/* The feedback keys of a place that takes a written answer. */
static void
add_answer(json_t *view, const struct model_target *target, const char *dom_id)
{
	struct buf id = BUF_INIT;

	json_object_set_new(view, "target", json_string(target->name));
	json_object_set_new(view, "has_feedback", json_boolean(target->nrules > 0));
	buf_printf(&id, "%s--feedback", dom_id);
	json_object_set_new(view, "feedback_id", json_string(buf_str(&id)));
	buf_free(&id);
}

#define NPARTNERS 2  /* the partners of a per-partner column */

/*
 * A per-partner cell's answers, one for each partner: [{n, name,
 * dom_id ("CELL--partner-1"), label ("Money: What I need, first
 * partner"), target, has_feedback, feedback_id}].
 */
static json_t *
partner_answers(const struct form_words *words,
    const struct model_column *col, const char *cell_id,
    const char *cell_label)
{
	json_t *list = json_array();
	size_t k;

	for (k = 0; k < NPARTNERS; k++) {
		json_t *answer = json_object();
		struct buf id = BUF_INIT, label = BUF_INIT;

		buf_printf(&id, "%s--partner-%zu", cell_id, k + 1);
		fill(&label, k == 0 ? words->partner_label_first :
		    words->partner_label_second, "label", cell_label, NULL, NULL);
		json_object_set_new(answer, "n", json_integer((json_int_t)k + 1));
		json_object_set_new(answer, "name", json_string(k == 0 ?
		    words->partner_first : words->partner_second));
		json_object_set_new(answer, "dom_id", json_string(buf_str(&id)));
		json_object_set_new(answer, "label", json_string(buf_str(&label)));
		add_answer(answer, col->target, buf_str(&id));
		json_array_append_new(list, answer);
		buf_free(&id);
		buf_free(&label);
	}
	return list;
}

/*
 * Append to out the labels of field's columns that are (or, partner false,
 * are not) per partner, quoted and joined: "“What I need” and “What I can
 * offer”".
 */
static void
join_labels(struct buf *out, const struct form_words *words,
    const struct model_field *field, bool partner)
{
	size_t j, n = 0, total = 0;

	for (j = 0; j < field->ncolumns; j++)
		total += field->columns[j].partner == partner;
	for (j = 0; j < field->ncolumns; j++) {
		if (field->columns[j].partner != partner)
			continue;
		if (n > 0)
			buf_puts(out, n + 1 == total ? words->list_and :
			    words->list_comma);
		fill(out, words->quoted, "label", field->columns[j].label, NULL,
		    NULL);
		n++;
	}
}

static void
table_view(const struct form_words *words, const char *name,
    const struct model_field *field, json_t *view)
{
	json_t *cols = json_array(), *row_views = json_array();
	size_t i, j, blank = 0;

	json_object_set_new(view, "row_header", json_string(field->row_header));
	for (j = 0; j < field->ncolumns; j++)
		json_array_append_new(cols, json_pack("{s:s, s:s, s:b, s:b}", "id",
		    field->columns[j].id, "label", field->columns[j].label,
		    "is_long", field->columns[j].is_long, "partner",
		    field->columns[j].partner));
	for (i = 0; i < field->nrows; i++) {
		const struct model_row *row = &field->rows[i];
		json_t *rv = json_object(), *cells = json_array();
		struct buf label = BUF_INIT;

		json_object_set_new(rv, "id", json_string(row->id));
		json_object_set_new(rv, "label", json_string(row->blank ? "" : row->label));
		if (row->note != NULL)
			json_object_set_new(rv, "note", json_string(row->note));
		json_object_set_new(rv, "blank", json_boolean(row->blank));
		if (row->blank) {
			char n[24];

			snprintf(n, sizeof(n), "%zu", ++blank);
			fill(&label, words->own_area, "n", n, NULL, NULL);
			json_object_set_new(rv, "name_id", join_id(name, field->id, row->id));
			json_object_set_new(rv, "name_label", json_string(buf_str(&label)));
		} else
			buf_puts(&label, row->label);
		for (j = 0; j < field->ncolumns; j++) {
			const struct model_column *col = &field->columns[j];
			json_t *cell = json_object();
			struct buf cell_label = BUF_INIT, cell_id = BUF_INIT;

			fill(&cell_label, words->cell, "row", buf_str(&label), "column",
			    col->label);
			buf_printf(&cell_id, "%s--%s--%s--%s", name, field->id, row->id,
			    col->id);
			json_object_set_new(cell, "dom_id", json_string(buf_str(&cell_id)));
			json_object_set_new(cell, "label", json_string(buf_str(&cell_label)));
			json_object_set_new(cell, "is_long", json_boolean(col->is_long));
			add_answer(cell, col->target, buf_str(&cell_id));
			json_object_set_new(cell, "partner", json_boolean(col->partner));
			if (col->partner)
				json_object_set_new(cell, "partners", partner_answers(words,
				    col, buf_str(&cell_id), buf_str(&cell_label)));
			json_array_append_new(cells, cell);
			buf_free(&cell_label);
			buf_free(&cell_id);
		}
		json_object_set_new(rv, "cells", cells);
		json_array_append_new(row_views, rv);
		buf_free(&label);
	}
	json_object_set_new(view, "columns", cols);
	json_object_set_new(view, "rows", row_views);
}

/*
 * What the partner choice says an exercise's tables keep apart and share:
 * "partner_columns" and "shared_columns", the columns' labels joined (over
 * every table; "" when none).
 */
static void
partner_view(const struct form_words *words,
    const struct exercise_model *model, json_t *ex)
{
	struct buf own = BUF_INIT, shared = BUF_INIT, one = BUF_INIT;
	size_t i;

	for (i = 0; i < model->nfields; i++) {
		if (model->fields[i].kind != MODEL_TABLE)
			continue;
		buf_reset(&one);
		join_labels(&one, words, &model->fields[i], true);
		if (one.len > 0 && own.len > 0)
			buf_puts(&own, words->tables_join);
		buf_puts(&own, buf_str(&one));
		buf_reset(&one);
		join_labels(&one, words, &model->fields[i], false);
		if (one.len > 0 && shared.len > 0)
			buf_puts(&shared, words->tables_join);
		buf_puts(&shared, buf_str(&one));
	}
	json_object_set_new(ex, "partner_columns", json_string(buf_str(&own)));
	json_object_set_new(ex, "shared_columns", json_string(buf_str(&shared)));
	json_object_set_new(ex, "has_shared_columns", json_boolean(shared.len > 0));
	buf_free(&own);
	buf_free(&shared);
	buf_free(&one);
}

static json_t *
field_view(const struct form_words *words, const char *name,
    const struct model_field *field)
{
	static const char *const types[] = { "short_text", "long_text", "rewrite",
	    "checklist", "table", "scale", "signature", "date", NULL };
	json_t *view = json_object(), *dom = join_id(name, field->id, NULL);
	size_t i;
	char flag[32];

	json_object_set_new(view, "type", json_string(field->type));
	json_object_set_new(view, "id", json_string(field->id));
	json_object_set(view, "dom_id", dom);
	json_object_set_new(view, "label", json_string(field->label));
	json_object_set_new(view, "help", paragraphs(field->help));
	for (i = 0; types[i] != NULL; i++) {
		snprintf(flag, sizeof(flag), "is_%s", types[i]);
		json_object_set_new(view, flag, json_boolean(strcmp(field->type,
		    types[i]) == 0));
	}
	if (field->print.lines > 0 || field->print.height_mm > 0)
		json_object_set_new(view, "print_class", print_class(&field->print));
	switch (field->kind) {
	case MODEL_SHORT_TEXT:
	case MODEL_LONG_TEXT:
	case MODEL_REWRITE:
		add_answer(view, field->target, json_string_value(dom));
		if (field->kind == MODEL_REWRITE)
			json_object_set_new(view, "original", paragraphs(field->original));
		break;
	case MODEL_CHECKLIST: {
		json_t *items = json_array();

		for (i = 0; i < field->nitems; i++)
			json_array_append_new(items, json_pack("{s:s, s:o, s:s}", "id",
			    field->items[i].id, "dom_id", join_id(name, field->id,
			    field->items[i].id), "label", field->items[i].label));
		json_object_set_new(view, "items", items);
		break;
	}
	case MODEL_TABLE:
		table_view(words, name, field, view);
		break;
	case MODEL_SCALE: {
		json_t *points = json_array();
		int n;
		char value[24];

		for (n = field->min; n <= field->max; n++) {
			snprintf(value, sizeof(value), "%d", n);
			json_array_append_new(points, json_pack("{s:i, s:o, s:b, s:b}",
			    "value", n, "dom_id", join_id(name, field->id, value),
			    "is_low", n == field->min, "is_high", n == field->max));
		}
		json_object_set_new(view, "min", json_integer(field->min));
		json_object_set_new(view, "max", json_integer(field->max));
		json_object_set_new(view, "low", json_string(field->low));
		json_object_set_new(view, "high", json_string(field->high));
		json_object_set_new(view, "points", points);
		break;
	}
	case MODEL_SIGNATURE: {
		json_t *signers = json_array();
		char k[48], kd[48];

		for (i = 0; i < field->nsigners; i++) {
			snprintf(k, sizeof(k), "signer-%zu", i + 1);
			snprintf(kd, sizeof(kd), "signer-%zu-date", i + 1);
			json_array_append_new(signers, json_pack("{s:s, s:o, s:o}", "name",
			    field->signers[i], "dom_id", join_id(name, field->id, k),
			    "date_id", join_id(name, field->id, kd)));
		}
		json_object_set_new(view, "signers", signers);
		json_object_set_new(view, "date", json_boolean(field->date));
		break;
	}
	case MODEL_DATE:
		break;
	}
	json_decref(dom);
	return view;
}

/* JSON text safe inside <script>: no '<', '>' or '&' left as they are. */
static json_t *
script_safe(const json_t *value)
{
	char *text = json_dumps(value, JSON_COMPACT | JSON_PRESERVE_ORDER);
	struct buf out = BUF_INIT;
	const char *p;
	json_t *s;

	if (text == NULL)
		xoom();
	for (p = text; *p != '\0'; p++) {
		if (*p == '<' || *p == '>' || *p == '&')
			buf_printf(&out, "\\u%04x", (unsigned)*p);
		else
			buf_putc(&out, *p);
	}
	s = json_string(buf_str(&out));
	buf_free(&out);
	free(text);
	return s;
}

json_t *
form_view(const struct exercise_model *model, const struct i18n *i18n,
    const char *lang)
{
	const char *name = model->name;
	struct form_words words;
	json_t *ex = json_object(), *fields = json_array(), *rules = json_object();
	json_t *sources = json_array();
	struct buf dom = BUF_INIT;
	size_t i;

	words_in(&words, i18n, lang);
	buf_printf(&dom, "exercise--%s", name);  /* "--": no heading slug has it */
	json_object_set_new(ex, "name", json_string(name));
	json_object_set_new(ex, "title", json_string(model->title));
	json_object_set_new(ex, "dom_id", json_string(buf_str(&dom)));
	json_object_set_new(ex, "intro", paragraphs(model->intro));
	json_object_set_new(ex, "audience_one", json_boolean(model->audience == MODEL_ONE));
	json_object_set_new(ex, "audience_both", json_boolean(model->audience == MODEL_BOTH));
	json_object_set_new(ex, "landscape", json_boolean(model->landscape));
	json_object_set_new(ex, "has_partners", json_boolean(model->has_partners));
	if (model->has_partners)
		partner_view(&words, model, ex);
	for (i = 0; i < model->nfields; i++)
		json_array_append_new(fields, field_view(&words, name,
		    &model->fields[i]));
	for (i = 0; i < model->ntargets; i++)  /* the targets with rules */
		if (model->targets[i].nrules > 0)
			json_object_set(rules, model->targets[i].name,
			    (json_t *)model->targets[i].rules_json);
	for (i = 0; i < model->nsources; i++) {
		json_t *s = json_pack("{s:s}", "text", model->sources[i].text);

		if (model->sources[i].url != NULL)
			json_object_set_new(s, "url", json_string(model->sources[i].url));
		json_array_append_new(sources, s);
	}
	json_object_set_new(ex, "fields", fields);
	json_object_set_new(ex, "sources", sources);
	json_object_set_new(ex, "has_sources", json_boolean(model->nsources > 0));
	json_object_set_new(ex, "rules_json", script_safe(rules));
	json_decref(rules);
	buf_free(&dom);
	return json_pack("{s:o}", "exercise", ex);
}
