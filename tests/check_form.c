/*
 * The form view as form.h promises it to the theme's exercise partial:
 * element ids unique on the page and joined with "--", one type flag set
 * per field, paragraphs split at blank lines, print classes, a table's
 * cells with their labels and targets, a scale's points, and the rules of
 * every target with rules as JSON safe inside a <script> element; and the
 * words form.c writes itself, in the theme's words of the page's language.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "exercise/form.h"
#include "exercise/model.h"
#include "harness.h"
#include "site/i18n.h"

/* The model of raw (JSON written with ' for "), named "t"; never NULL. */
static struct exercise_model *
model_of(const char *raw)
{
	char *text = strdup(raw), *p;
	struct exercise_model *model;
	json_t *json;

	for (p = text; *p != '\0'; p++)
		if (*p == '\'')
			*p = '"';
	json = json_loads(text, 0, NULL);
	ck_assert_msg(json != NULL, "bad JSON in the test:\n%s", text);
	model = model_validate("exercises/t.lua", "t", json);
	ck_assert_msg(model != NULL, "the test's model is not valid");
	json_decref(json);
	free(text);
	return model;
}

static bool
true_at(const json_t *v, const char *path)
{
	ck_assert_msg(json_is_boolean(harness_json_at(v, path)), "%s is not a boolean", path);
	return json_is_true(harness_json_at(v, path));
}

static const char form[] =
    "{'type': 'exercise', 'title': 'Form', 'audience': 'both',"
    " 'intro': 'One\\ntwo.\\n \\nThree.',"
    " 'fields': ["
    "  {'type': 'long_text', 'id': 'story', 'label': 'Story',"
    "   'help': 'Take\\n\\nyour time.', 'feedback': ["
    "    {'type': 'flag', 'id': 'tag', 'phrases': ['</script>'],"
    "     'message': 'No <b> & no </script>.'}]},"
    "  {'type': 'short_text', 'id': 'name', 'label': 'Name',"
    "   'print': {'height_mm': 12}},"
    "  {'type': 'rewrite', 'id': 'again', 'label': 'Again',"
    "   'original': 'Sorry\\n\\nif.'},"
    "  {'type': 'checklist', 'id': 'seen', 'label': 'Seen',"
    "   'items': [{'id': 'a', 'label': 'A'}]},"
    "  {'type': 'table', 'id': 'grid', 'label': 'Grid', 'row_header': 'Area',"
    "   'columns': [{'id': 'x', 'label': 'X', 'partner': true, 'feedback': ["
    "     {'type': 'flag', 'id': 'f', 'phrases': ['y'], 'message': 'M'}]},"
    "    {'id': 'y', 'label': 'Y', 'size': 'short'}],"
    "   'rows': [{'id': 'one', 'label': 'One', 'note': 'N'}],"
    "   'blank_rows': 1},"
    "  {'type': 'scale', 'id': 'how', 'label': 'How', 'low': 'Lo',"
    "   'high': 'Hi'},"
    "  {'type': 'signature', 'id': 'sign', 'label': 'Signed',"
    "   'signers': ['A', 'B'], 'date': false},"
    "  {'type': 'date', 'id': 'when', 'label': 'When'}],"
    " 'sources': ['A book.', {'text': 'A paper.', 'url': 'https://e.org/p'}]}";

START_TEST(the_exercise_as_a_whole)
{
	struct exercise_model *m = model_of(form);
	json_t *view = form_view(m, NULL, NULL);
	const json_t *ex = harness_json_at(view, "exercise");

	ck_assert_uint_eq(json_object_size(view), 1);
	ck_assert_str_eq(harness_json_text(ex, "name"), "t");
	ck_assert_str_eq(harness_json_text(ex, "title"), "Form");
	ck_assert_str_eq(harness_json_text(ex, "dom_id"), "exercise--t");
	/* lines joined, a line of spaces a blank line */
	ck_assert_uint_eq(json_array_size(harness_json_at(ex, "intro")), 2);
	ck_assert_str_eq(harness_json_text(ex, "intro.0.text"), "One two.");
	ck_assert_str_eq(harness_json_text(ex, "intro.1.text"), "Three.");
	ck_assert(!true_at(ex, "audience_one"));
	ck_assert(true_at(ex, "audience_both"));
	ck_assert(!true_at(ex, "landscape"));
	/* "I am filling this in as": what it keeps apart and what is shared */
	ck_assert(true_at(ex, "has_partners"));
	ck_assert_str_eq(harness_json_text(ex, "partner_columns"), "\u201cX\u201d");
	ck_assert_str_eq(harness_json_text(ex, "shared_columns"), "\u201cY\u201d");
	ck_assert(true_at(ex, "has_shared_columns"));
	ck_assert(true_at(ex, "has_sources"));
	ck_assert_str_eq(harness_json_text(ex, "sources.0.text"), "A book.");
	ck_assert_ptr_null(harness_json_at(ex, "sources.0.url"));
	ck_assert_str_eq(harness_json_text(ex, "sources.1.url"), "https://e.org/p");
	ck_assert_uint_eq(json_array_size(harness_json_at(ex, "fields")), 8);
	json_decref(view);
	model_free(m);
}
END_TEST

START_TEST(no_intro_no_sources)
{
	struct exercise_model *m = model_of("{'type': 'exercise', 'title': 'T',"
	    " 'print': {'orientation': 'landscape'},"
	    " 'fields': [{'type': 'date', 'id': 'd', 'label': 'D'}]}");
	json_t *view = form_view(m, NULL, NULL);
	const json_t *ex = harness_json_at(view, "exercise");

	ck_assert_uint_eq(json_array_size(harness_json_at(ex, "intro")), 0);
	ck_assert(true_at(ex, "audience_one"));
	ck_assert(!true_at(ex, "has_partners"));
	ck_assert_ptr_null(harness_json_at(ex, "partner_columns"));
	ck_assert(true_at(ex, "landscape"));
	ck_assert(!true_at(ex, "has_sources"));
	ck_assert_uint_eq(json_array_size(harness_json_at(ex, "sources")), 0);
	ck_assert_str_eq(harness_json_text(ex, "rules_json"), "{}");
	/* a date takes no print hint, no answer */
	ck_assert_ptr_null(harness_json_at(ex, "fields.0.print_class"));
	ck_assert_ptr_null(harness_json_at(ex, "fields.0.target"));
	json_decref(view);
	model_free(m);
}
END_TEST

START_TEST(each_field_has_its_ids_and_one_type_flag)
{
	static const char *const types[] = { "long_text", "short_text",
		"rewrite", "checklist", "table", "scale", "signature", "date" };
	struct exercise_model *m = model_of(form);
	json_t *view = form_view(m, NULL, NULL);
	const json_t *fields = harness_json_at(view, "exercise.fields");
	char flag[32];
	size_t i, k;

	for (i = 0; i < 8; i++) {
		const json_t *f = json_array_get(fields, i);

		ck_assert_str_eq(harness_json_text(f, "type"), types[i]);
		for (k = 0; k < 8; k++) {
			snprintf(flag, sizeof(flag), "is_%s", types[k]);
			ck_assert_msg(true_at(f, flag) == (i == k), "field %zu: %s",
			    i, flag);
		}
	}
	ck_assert_str_eq(harness_json_text(fields, "0.id"), "story");
	ck_assert_str_eq(harness_json_text(fields, "0.dom_id"), "t--story");
	ck_assert_str_eq(harness_json_text(fields, "0.label"), "Story");
	ck_assert_str_eq(harness_json_text(fields, "0.help.1.text"), "your time.");
	ck_assert_uint_eq(json_array_size(harness_json_at(fields, "1.help")), 0);
	/* a text field: its target, feedback region and print class */
	ck_assert_str_eq(harness_json_text(fields, "0.target"), "story");
	ck_assert(true_at(fields, "0.has_feedback"));
	ck_assert_str_eq(harness_json_text(fields, "0.feedback_id"), "t--story--feedback");
	ck_assert_str_eq(harness_json_text(fields, "0.print_class"), "print-lines-6");
	ck_assert(!true_at(fields, "1.has_feedback"));
	ck_assert_str_eq(harness_json_text(fields, "1.print_class"), "print-box-12");
	ck_assert_str_eq(harness_json_text(fields, "2.original.0.text"), "Sorry");
	ck_assert_str_eq(harness_json_text(fields, "2.original.1.text"), "if.");
	ck_assert_str_eq(harness_json_text(fields, "2.print_class"), "print-lines-4");
	/* a checklist's items */
	ck_assert_str_eq(harness_json_text(fields, "3.items.0.id"), "a");
	ck_assert_str_eq(harness_json_text(fields, "3.items.0.dom_id"), "t--seen--a");
	ck_assert_str_eq(harness_json_text(fields, "3.items.0.label"), "A");
	ck_assert_ptr_null(harness_json_at(fields, "3.print_class"));
	/* a scale's points */
	ck_assert_uint_eq(json_array_size(harness_json_at(fields, "5.points")), 5);
	ck_assert_int_eq(json_integer_value(harness_json_at(fields, "5.points.0.value")), 1);
	ck_assert_str_eq(harness_json_text(fields, "5.points.0.dom_id"), "t--how--1");
	ck_assert(true_at(fields, "5.points.0.is_low"));
	ck_assert(!true_at(fields, "5.points.0.is_high"));
	ck_assert(true_at(fields, "5.points.4.is_high"));
	ck_assert_str_eq(harness_json_text(fields, "5.low"), "Lo");
	ck_assert_int_eq(json_integer_value(harness_json_at(fields, "5.max")), 5);
	/* a signature's lines */
	ck_assert_str_eq(harness_json_text(fields, "6.signers.1.name"), "B");
	ck_assert_str_eq(harness_json_text(fields, "6.signers.1.dom_id"),
	    "t--sign--signer-2");
	ck_assert_str_eq(harness_json_text(fields, "6.signers.1.date_id"),
	    "t--sign--signer-2-date");
	ck_assert(!true_at(fields, "6.date"));
	json_decref(view);
	model_free(m);
}
END_TEST

START_TEST(a_table_has_a_cell_per_row_and_column)
{
	struct exercise_model *m = model_of(form);
	json_t *view = form_view(m, NULL, NULL);
	const json_t *t = harness_json_at(view, "exercise.fields.4");

	ck_assert_str_eq(harness_json_text(t, "row_header"), "Area");
	ck_assert_str_eq(harness_json_text(t, "print_class"), "print-lines-3");
	ck_assert(true_at(t, "columns.0.is_long"));
	ck_assert(!true_at(t, "columns.1.is_long"));
	ck_assert_uint_eq(json_array_size(harness_json_at(t, "rows")), 2);
	ck_assert_str_eq(harness_json_text(t, "rows.0.label"), "One");
	ck_assert_str_eq(harness_json_text(t, "rows.0.note"), "N");
	ck_assert(!true_at(t, "rows.0.blank"));
	ck_assert_ptr_null(harness_json_at(t, "rows.0.name_id"));
	ck_assert_str_eq(harness_json_text(t, "rows.0.cells.0.dom_id"), "t--grid--one--x");
	ck_assert_str_eq(harness_json_text(t, "rows.0.cells.0.label"), "One: X");
	ck_assert_str_eq(harness_json_text(t, "rows.0.cells.0.target"), "grid.x");
	ck_assert(true_at(t, "rows.0.cells.0.has_feedback"));
	ck_assert_str_eq(harness_json_text(t, "rows.0.cells.0.feedback_id"),
	    "t--grid--one--x--feedback");
	/* a per-partner cell: an answer for each partner, with its own ids,
	   label and feedback region, and the cell's rules */
	ck_assert(true_at(t, "columns.0.partner"));
	ck_assert(!true_at(t, "columns.1.partner"));
	ck_assert(true_at(t, "rows.0.cells.0.partner"));
	ck_assert_uint_eq(json_array_size(harness_json_at(t, "rows.0.cells.0.partners")), 2);
	ck_assert_int_eq(json_integer_value(harness_json_at(t, "rows.0.cells.0.partners.1.n")), 2);
	ck_assert_str_eq(harness_json_text(t, "rows.0.cells.0.partners.0.name"), "First partner");
	ck_assert_str_eq(harness_json_text(t, "rows.0.cells.0.partners.1.name"), "Second partner");
	ck_assert_str_eq(harness_json_text(t, "rows.0.cells.0.partners.0.dom_id"),
	    "t--grid--one--x--partner-1");
	ck_assert_str_eq(harness_json_text(t, "rows.0.cells.0.partners.1.dom_id"),
	    "t--grid--one--x--partner-2");
	ck_assert_str_eq(harness_json_text(t, "rows.0.cells.0.partners.1.label"),
	    "One: X, second partner");
	ck_assert_str_eq(harness_json_text(t, "rows.0.cells.0.partners.1.target"), "grid.x");
	ck_assert(true_at(t, "rows.0.cells.0.partners.1.has_feedback"));
	ck_assert_str_eq(harness_json_text(t, "rows.0.cells.0.partners.1.feedback_id"),
	    "t--grid--one--x--partner-2--feedback");
	ck_assert(!true_at(t, "rows.0.cells.1.partner"));
	ck_assert_ptr_null(harness_json_at(t, "rows.0.cells.1.partners"));
	ck_assert_str_eq(harness_json_text(t, "rows.1.cells.0.partners.0.label"),
	    "Your own area 1: X, first partner");
	ck_assert(!true_at(t, "rows.0.cells.1.has_feedback"));
	ck_assert(!true_at(t, "rows.0.cells.1.is_long"));
	/* a blank row: the reader names it */
	ck_assert(true_at(t, "rows.1.blank"));
	ck_assert_str_eq(harness_json_text(t, "rows.1.id"), "blank-1");
	ck_assert_str_eq(harness_json_text(t, "rows.1.label"), "");
	ck_assert_ptr_null(harness_json_at(t, "rows.1.note"));
	ck_assert_str_eq(harness_json_text(t, "rows.1.name_id"), "t--grid--blank-1");
	ck_assert_str_eq(harness_json_text(t, "rows.1.name_label"), "Your own area 1");
	ck_assert_str_eq(harness_json_text(t, "rows.1.cells.1.label"),
	    "Your own area 1: Y");
	json_decref(view);
	model_free(m);
}
END_TEST

START_TEST(the_rules_are_json_safe_in_a_script_element)
{
	struct exercise_model *m = model_of(form);
	json_t *view = form_view(m, NULL, NULL);
	const char *text = harness_json_text(view, "exercise.rules_json");
	json_t *rules = json_loads(text, 0, NULL);

	/* no '<', '>' or '&' for the HTML parser to see */
	ck_assert_ptr_null(strpbrk(text, "<>&"));
	ck_assert_ptr_nonnull(strstr(text, "\\u003c/script\\u003e"));
	ck_assert_ptr_nonnull(strstr(text, "\\u0026"));
	/* the targets with rules, each with its rules as the model has them */
	ck_assert_ptr_nonnull(rules);
	ck_assert_uint_eq(json_object_size(rules), 2);
	ck_assert(json_equal(json_object_get(rules, "story"),
	    model_target(m, "story")->rules_json));
	ck_assert(json_equal(json_object_get(rules, "grid.x"),
	    model_target(m, "grid.x")->rules_json));
	ck_assert_str_eq(harness_json_text(rules, "story.0.message"),
	    "No <b> & no </script>.");
	json_decref(rules);
	json_decref(view);
	model_free(m);
}
END_TEST

START_TEST(the_words_are_the_themes)
{
	static const char fr[] =
	    "[exercise]\n"
	    "partner_first = \"Premier partenaire\"\n"
	    "partner_second = \"Second partenaire\"\n"
	    "[exercise.form]\n"
	    "cell = \"{row}\u00a0: {column}\"\n"
	    "partner_label_first = \"{label}, premier partenaire\"\n"
	    "partner_label_second = \"{label}, second partenaire\"\n"
	    "quoted = \"«\u00a0{label}\u00a0»\"\n"
	    "list_comma = \", \"\n"
	    "list_and = \" et \"\n"
	    "tables_join = \"\u00a0; \"\n";  /* no own_area: English's */
	static const char two[] =
	    "{'type': 'exercise', 'title': 'T', 'audience': 'both',"
	    " 'print': {'orientation': 'landscape'}, 'fields': ["
	    "  {'type': 'table', 'id': 'a', 'label': 'A', 'row_header': 'R',"
	    "   'columns': [{'id': 'x', 'label': 'X', 'partner': true},"
	    "    {'id': 'y', 'label': 'Y', 'partner': true},"
	    "    {'id': 'z', 'label': 'Z', 'partner': true}],"
	    "   'rows': [{'id': 'r', 'label': 'Row'}], 'blank_rows': 1},"
	    "  {'type': 'table', 'id': 'b', 'label': 'B', 'row_header': 'R',"
	    "   'columns': [{'id': 'v', 'label': 'V', 'partner': true},"
	    "    {'id': 'w', 'label': 'W'}],"
	    "   'rows': [{'id': 'r', 'label': 'Row'}]}]}";
	struct exercise_model *m = model_of(two);
	char *dir = harness_tmpdir(), theme[4096];
	struct i18n *i18n, *calm;
	json_t *view, *english, *calm_en;
	const json_t *ex;

	harness_write(dir, "themes/t/i18n/en.toml", "skip_link = \"Skip\"\n");
	harness_write(dir, "themes/t/i18n/fr.toml", fr);
	snprintf(theme, sizeof(theme), "%s/themes/t", dir);
	i18n = i18n_load(theme, NULL, 0);
	ck_assert_ptr_nonnull(i18n);
	view = form_view(m, i18n, "fr");
	ex = harness_json_at(view, "exercise");
	ck_assert_str_eq(harness_json_text(ex, "fields.0.rows.0.cells.0.label"),
	    "Row\u00a0: X");
	ck_assert_str_eq(harness_json_text(ex,
	    "fields.0.rows.0.cells.0.partners.0.label"),
	    "Row\u00a0: X, premier partenaire");
	ck_assert_str_eq(harness_json_text(ex,
	    "fields.0.rows.0.cells.1.partners.1.label"),
	    "Row\u00a0: Y, second partenaire");
	ck_assert_str_eq(harness_json_text(ex,
	    "fields.0.rows.0.cells.1.partners.1.name"), "Second partenaire");
	/* a key neither fr.toml nor en.toml has: the English */
	ck_assert_str_eq(harness_json_text(ex, "fields.0.rows.1.name_label"),
	    "Your own area 1");
	ck_assert_str_eq(harness_json_text(ex, "partner_columns"),
	    "«\u00a0X\u00a0», «\u00a0Y\u00a0» et «\u00a0Z\u00a0»"
	    "\u00a0; «\u00a0V\u00a0»");
	ck_assert_str_eq(harness_json_text(ex, "shared_columns"), "«\u00a0W\u00a0»");
	json_decref(view);
	/* no theme words: English, and the calm theme's English is the same */
	english = form_view(m, NULL, NULL);
	ck_assert_str_eq(harness_json_text(english, "exercise.partner_columns"),
	    "\u201cX\u201d, \u201cY\u201d and \u201cZ\u201d; \u201cV\u201d");
	ck_assert_str_eq(harness_json_text(english,
	    "exercise.fields.0.rows.1.cells.2.partners.1.label"),
	    "Your own area 1: Z, second partner");
	calm = i18n_load("themes/calm", NULL, 0);
	ck_assert_ptr_nonnull(calm);
	calm_en = form_view(m, calm, "en");
	ck_assert(json_equal(english, calm_en));
	json_decref(english);
	json_decref(calm_en);
	i18n_free(calm);
	i18n_free(i18n);
	model_free(m);
	harness_rmtree(dir);
	free(dir);
}
END_TEST

static Suite *
form_suite(void)
{
	Suite *s = suite_create("form");
	TCase *tc = tcase_create("form view");

	tcase_add_test(tc, the_exercise_as_a_whole);
	tcase_add_test(tc, no_intro_no_sources);
	tcase_add_test(tc, each_field_has_its_ids_and_one_type_flag);
	tcase_add_test(tc, a_table_has_a_cell_per_row_and_column);
	tcase_add_test(tc, the_rules_are_json_safe_in_a_script_element);
	tcase_add_test(tc, the_words_are_the_themes);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return harness_run(form_suite(), NULL) == 0 ? EXIT_SUCCESS :
	    EXIT_FAILURE;
}
