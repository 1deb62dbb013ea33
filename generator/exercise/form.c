/*
 * form — the template view of an exercise's form.  See form.h.
 * Reads a validated model: a key the loader guarantees is read without
 * checking again, a key that may be absent is tested.
 */
#include "exercise/form.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "exercise/model.h"
#include "lib/util.h"

/* PARAGRAPHS text as [{text}], one per run of lines between blank lines. */
static json_t *
paragraphs(const char *text)
{
	json_t *list = json_array();
	struct buf para = BUF_INIT;
	const char *p = text;

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

/* "print-lines-6" or "print-box-40" from a PRINT object. */
static json_t *
print_class(const json_t *print)
{
	char name[32];
	const json_t *lines = json_object_get(print, "lines");

	if (lines != NULL)
		snprintf(name, sizeof(name), "print-lines-%d",
		    (int)json_integer_value(lines));
	else
		snprintf(name, sizeof(name), "print-box-%d",
		    (int)json_integer_value(json_object_get(print, "height_mm")));
	return json_string(name);
}

/* The feedback keys of a place that takes a written answer. */
static void
add_answer(json_t *view, const char *target, const json_t *rules,
    const char *dom_id)
{
	bool has = json_array_size(rules) > 0;
	struct buf id = BUF_INIT;

	json_object_set_new(view, "target", json_string(target));
	json_object_set_new(view, "has_feedback", json_boolean(has));
	buf_printf(&id, "%s--feedback", dom_id);
	json_object_set_new(view, "feedback_id", json_string(buf_str(&id)));
	buf_free(&id);
}

/* model_each_target's visit: target's rules go in the page's rules. */
static bool
put_rules(const char *target, const json_t *rules, void *all)
{
	json_object_set(all, target, (json_t *)rules);
	return false;
}

static void
table_view(const char *name, const json_t *field, json_t *view)
{
	const char *id = model_str(field, "id");
	const json_t *columns = json_object_get(field, "columns");
	const json_t *rows = json_object_get(field, "rows");
	json_t *cols = json_array(), *row_views = json_array();
	const json_t *col, *row;
	size_t i, j, blank = 0;

	json_object_set_new(view, "row_header", json_string(model_str(field, "row_header")));
	json_array_foreach(columns, i, col)
		json_array_append_new(cols, json_pack("{s:s, s:s, s:b}", "id",
		    model_str(col, "id"), "label", model_str(col, "label"), "is_long",
		    strcmp(model_str(col, "size"), "long") == 0));
	json_array_foreach(rows, i, row) {
		json_t *rv = json_object(), *cells = json_array();
		bool is_blank = json_is_true(json_object_get(row, "blank"));
		struct buf label = BUF_INIT, target = BUF_INIT;
		json_t *dom;

		json_object_set_new(rv, "id", json_string(model_str(row, "id")));
		json_object_set_new(rv, "label", json_string(model_str(row, "label")));
		if (json_object_get(row, "note") != NULL)
			json_object_set_new(rv, "note", json_string(model_str(row, "note")));
		json_object_set_new(rv, "blank", json_boolean(is_blank));
		if (is_blank) {
			buf_printf(&label, "Your own area %zu", ++blank);
			json_object_set_new(rv, "name_id", join_id(name, id, model_str(row, "id")));
			json_object_set_new(rv, "name_label", json_string(buf_str(&label)));
		} else
			buf_puts(&label, model_str(row, "label"));
		json_array_foreach(columns, j, col) {
			json_t *cell = json_object();
			struct buf cell_label = BUF_INIT, cell_id = BUF_INIT;

			buf_printf(&cell_label, "%s: %s", buf_str(&label), model_str(col, "label"));
			buf_printf(&cell_id, "%s--%s--%s--%s", name, id, model_str(row, "id"),
			    model_str(col, "id"));
			dom = json_string(buf_str(&cell_id));
			json_object_set_new(cell, "dom_id", dom);
			json_object_set_new(cell, "label", json_string(buf_str(&cell_label)));
			json_object_set_new(cell, "is_long", json_boolean(
			    strcmp(model_str(col, "size"), "long") == 0));
			buf_reset(&target);
			buf_printf(&target, "%s.%s", id, model_str(col, "id"));
			add_answer(cell, buf_str(&target), json_object_get(col, "feedback"),
			    buf_str(&cell_id));
			json_array_append_new(cells, cell);
			buf_free(&cell_label);
			buf_free(&cell_id);
		}
		json_object_set_new(rv, "cells", cells);
		json_array_append_new(row_views, rv);
		buf_free(&label);
		buf_free(&target);
	}
	json_object_set_new(view, "columns", cols);
	json_object_set_new(view, "rows", row_views);
}

static json_t *
field_view(const char *name, const json_t *field)
{
	static const char *const types[] = { "short_text", "long_text", "rewrite",
	    "checklist", "table", "scale", "signature", "date", NULL };
	const char *type = model_str(field, "type"), *id = model_str(field, "id");
	json_t *view = json_object(), *dom = join_id(name, id, NULL);
	const json_t *item, *v;
	size_t i;
	char flag[32];

	json_object_set_new(view, "type", json_string(type));
	json_object_set_new(view, "id", json_string(id));
	json_object_set(view, "dom_id", dom);
	json_object_set_new(view, "label", json_string(model_str(field, "label")));
	json_object_set_new(view, "help", paragraphs(model_str(field, "help")));
	for (i = 0; types[i] != NULL; i++) {
		snprintf(flag, sizeof(flag), "is_%s", types[i]);
		json_object_set_new(view, flag, json_boolean(strcmp(type, types[i]) == 0));
	}
	if ((v = json_object_get(field, "print")) != NULL)
		json_object_set_new(view, "print_class", print_class(v));
	if (strcmp(type, "short_text") == 0 || strcmp(type, "long_text") == 0 ||
	    strcmp(type, "rewrite") == 0) {
		add_answer(view, id, json_object_get(field, "feedback"),
		    json_string_value(dom));
		if (strcmp(type, "rewrite") == 0)
			json_object_set_new(view, "original",
			    paragraphs(model_str(field, "original")));
	} else if (strcmp(type, "checklist") == 0) {
		json_t *items = json_array();

		json_array_foreach(json_object_get(field, "items"), i, item)
			json_array_append_new(items, json_pack("{s:s, s:o, s:s}", "id",
			    model_str(item, "id"), "dom_id", join_id(name, id, model_str(item, "id")),
			    "label", model_str(item, "label")));
		json_object_set_new(view, "items", items);
	} else if (strcmp(type, "table") == 0) {
		table_view(name, field, view);
	} else if (strcmp(type, "scale") == 0) {
		json_int_t min = json_integer_value(json_object_get(field, "min"));
		json_int_t max = json_integer_value(json_object_get(field, "max"));
		json_t *points = json_array();
		json_int_t n;
		char value[24];

		for (n = min; n <= max; n++) {
			snprintf(value, sizeof(value), "%lld", (long long)n);
			json_array_append_new(points, json_pack("{s:I, s:o, s:b, s:b}",
			    "value", n, "dom_id", join_id(name, id, value),
			    "is_low", n == min, "is_high", n == max));
		}
		json_object_set_new(view, "min", json_integer(min));
		json_object_set_new(view, "max", json_integer(max));
		json_object_set_new(view, "low", json_string(model_str(field, "low")));
		json_object_set_new(view, "high", json_string(model_str(field, "high")));
		json_object_set_new(view, "points", points);
	} else if (strcmp(type, "signature") == 0) {
		json_t *signers = json_array();
		char k[48], kd[48];

		json_array_foreach(json_object_get(field, "signers"), i, item) {
			snprintf(k, sizeof(k), "signer-%zu", i + 1);
			snprintf(kd, sizeof(kd), "signer-%zu-date", i + 1);
			json_array_append_new(signers, json_pack("{s:s, s:o, s:o}", "name",
			    json_string_value(item), "dom_id", join_id(name, id, k),
			    "date_id", join_id(name, id, kd)));
		}
		json_object_set_new(view, "signers", signers);
		json_object_set_new(view, "date",
		    json_boolean(json_is_true(json_object_get(field, "date"))));
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
form_view(const json_t *model)
{
	const char *name = model_str(model, "name");
	const char *audience = model_str(model, "audience");
	json_t *ex = json_object(), *fields = json_array(), *rules = json_object();
	json_t *sources = json_array();
	const json_t *field, *source;
	struct buf dom = BUF_INIT;
	size_t i;

	buf_printf(&dom, "exercise--%s", name);  /* "--": no heading slug has it */
	json_object_set_new(ex, "name", json_string(name));
	json_object_set_new(ex, "title", json_string(model_str(model, "title")));
	json_object_set_new(ex, "dom_id", json_string(buf_str(&dom)));
	json_object_set_new(ex, "intro", paragraphs(model_str(model, "intro")));
	json_object_set_new(ex, "audience_one", json_boolean(strcmp(audience, "one") == 0));
	json_object_set_new(ex, "audience_both", json_boolean(strcmp(audience, "both") == 0));
	json_object_set_new(ex, "landscape", json_boolean(strcmp(model_str(json_object_get(model,
	    "print"), "orientation"), "landscape") == 0));
	json_array_foreach(json_object_get(model, "fields"), i, field)
		json_array_append_new(fields, field_view(name, field));
	model_each_target(json_object_get(model, "fields"), put_rules, rules);
	json_array_foreach(json_object_get(model, "sources"), i, source) {
		json_t *s = json_pack("{s:s}", "text", model_str(source, "text"));

		if (json_object_get(source, "url") != NULL)
			json_object_set_new(s, "url", json_string(model_str(source, "url")));
		json_array_append_new(sources, s);
	}
	json_object_set_new(ex, "fields", fields);
	json_object_set_new(ex, "sources", sources);
	json_object_set_new(ex, "has_sources", json_boolean(json_array_size(sources) > 0));
	json_object_set_new(ex, "rules_json", script_safe(rules));
	json_decref(rules);
	buf_free(&dom);
	return json_pack("{s:o}", "exercise", ex);
}
