/*
 * The model as model.h promises it, without Lua: what a script returns
 * (the JSON the sandbox sends back, written here by hand with each
 * helper's "type" and "$line") becomes the structs expected, defaults
 * filled in; each kind of invalid model gets its own diagnostic, exactly,
 * at the script's line, and no model; targets are found by name.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "exercise/model.h"
#include "harness.h"

/*
 * The model of raw, JSON written with ' for " (no text here holds a '),
 * as exercises/t.lua's; NULL after diagnostics, which harness_diags_seen gives.
 */
static struct exercise_model *
validate(const char *raw)
{
	char *text = strdup(raw), *p;
	struct exercise_model *model;
	json_error_t error;
	json_t *json;

	for (p = text; *p != '\0'; p++)
		if (*p == '\'')
			*p = '"';
	json = json_loads(text, JSON_DECODE_ANY, &error);
	ck_assert_msg(json != NULL, "bad JSON in the test: %s\n%s", error.text,
	    text);
	harness_diags_begin();
	model = model_validate("exercises/t.lua", "t", json);
	free(harness_diags_end());
	json_decref(json);
	free(text);
	return model;
}

/* Every helper and option once, as everything.lua gives them. */
static const char everything[] =
    "{'type': 'exercise', '$line': 10, 'title': 'Everything',"
    " 'intro': 'First.\\n\\nSecond.', 'audience': 'both',"
    " 'print': {'orientation': 'landscape'},"
    " 'fields': ["
    "  {'type': 'short_text', '$line': 11, 'id': 'name', 'label': 'Name',"
    "   'print': {'height_mm': 12}},"
    "  {'type': 'long_text', '$line': 12, 'id': 'story', 'label': 'Story',"
    "   'help': 'Take your time.', 'feedback': ["
    "    {'type': 'notice', '$line': 2, 'id': 'own', 'phrases': ['I did'],"
    "     'except': [], 'praise': 'You own it.', 'hint': 'Say what you did.'},"
    "    {'type': 'flag', '$line': 3, 'id': 'if', 'phrases': ['sorry if'],"
    "     'message': 'No if.'},"
    "    {'type': 'concern', '$line': 4, 'id': 'hit', 'phrases': ['hit you'],"
    "     'message': 'Your safety first.'},"
    "    {'type': 'length', '$line': 5, 'min': 3, 'max': 50.0,"
    "     'too_short': 'More?', 'too_long': 'Less?'}]},"
    "  {'type': 'rewrite', '$line': 13, 'id': 'again', 'label': 'Again',"
    "   'original': 'Sorry if.', 'print': {'lines': 2}},"
    "  {'type': 'checklist', '$line': 14, 'id': 'seen', 'label': 'Seen',"
    "   'items': [{'id': 'a', 'label': 'A'}, {'id': 'b', 'label': 'B'}]},"
    "  {'type': 'table', '$line': 15, 'id': 'grid', 'label': 'Grid',"
    "   'row_header': 'Row', 'columns': ["
    "    {'id': 'x', 'label': 'X', 'width': 2, 'partner': true, 'feedback': ["
    "     {'type': 'flag', 'id': 'if', 'phrases': ['sorry if'],"
    "      'message': 'No if.'}]},"
    "    {'id': 'y', 'label': 'Y', 'size': 'short'}],"
    "   'rows': [{'id': 'one', 'label': 'One', 'note': 'The first'}],"
    "   'blank_rows': 2},"
    "  {'type': 'scale', '$line': 16, 'id': 'how', 'label': 'How',"
    "   'low': 'Little', 'high': 'Much'},"
    "  {'type': 'signature', '$line': 17, 'id': 'sign', 'label': 'Signed'},"
    "  {'type': 'signature', '$line': 18, 'id': 'both', 'label': 'Both',"
    "   'signers': ['A', 'B'], 'date': false},"
    "  {'type': 'date', '$line': 19, 'id': 'when', 'label': 'When'}],"
    " 'examples': ["
    "  {'type': 'example', '$line': 20, 'answer': 'sorry if',"
    "   'length': ['length'], 'missing': ['own'], 'flag': ['if']},"
    "  {'field': 'grid.x', 'answer': 'sorry\\nif', 'note': 'A cell.',"
    "   'flag': ['if']}],"
    " 'sources': ['A book.', {'text': 'A paper.', 'url': 'https://e.org/p'}],"
    " 'facilitator': {'introduce': 'Gently.', 'time': '10 minutes',"
    "  'watch_for': ['Tears.'], 'prompts': ['How was it?', 'What next?']}}";

START_TEST(a_valid_model_becomes_its_structs)
{
	struct exercise_model *m = validate(everything);
	const struct model_field *f;
	const struct model_target *t;
	const struct model_rule *r;

	ck_assert_msg(m != NULL, "diagnostics:\n%s", harness_diags_seen());
	ck_assert_str_eq(harness_diags_seen(), "");
	ck_assert_str_eq(m->name, "t");
	ck_assert_str_eq(m->title, "Everything");
	ck_assert_str_eq(m->intro, "First.\n\nSecond.");
	ck_assert_int_eq(m->audience, MODEL_BOTH);
	ck_assert(m->landscape);
	ck_assert_uint_eq(m->nfields, 9);

	f = &m->fields[0];
	ck_assert_int_eq(f->kind, MODEL_SHORT_TEXT);
	ck_assert_str_eq(f->type, "short_text");
	ck_assert_str_eq(f->id, "name");
	ck_assert_str_eq(f->label, "Name");
	ck_assert_ptr_null(f->help);
	ck_assert_int_eq(f->print.lines, 0);
	ck_assert_int_eq(f->print.height_mm, 12);
	ck_assert_ptr_eq(f->target, &m->targets[0]);
	ck_assert_uint_eq(f->target->nrules, 0);

	f = &m->fields[1];
	ck_assert_int_eq(f->kind, MODEL_LONG_TEXT);
	ck_assert_str_eq(f->help, "Take your time.");
	ck_assert_int_eq(f->print.lines, 6);  /* long_text's default */
	t = f->target;
	ck_assert_str_eq(t->name, "story");
	ck_assert_uint_eq(t->nrules, 4);
	ck_assert_uint_eq(json_array_size(t->rules_json), 4);
	r = &t->rules[0];
	ck_assert_int_eq(r->kind, MODEL_NOTICE);
	ck_assert_str_eq(r->type, "notice");
	ck_assert_str_eq(r->id, "own");
	ck_assert_str_eq(r->praise, "You own it.");
	ck_assert_str_eq(r->hint, "Say what you did.");
	ck_assert_ptr_null(r->message);
	ck_assert_int_eq(r->min, -1);
	ck_assert_ptr_eq(r->json, json_array_get(t->rules_json, 0));
	/* an empty except is left out of the rule the matcher gets */
	ck_assert_ptr_null(json_object_get(r->json, "except"));
	ck_assert_ptr_null(json_object_get(r->json, "$line"));
	ck_assert_int_eq(t->rules[1].kind, MODEL_FLAG);
	ck_assert_str_eq(t->rules[1].message, "No if.");
	ck_assert_int_eq(t->rules[2].kind, MODEL_CONCERN);
	r = &t->rules[3];
	ck_assert_int_eq(r->kind, MODEL_LENGTH);
	ck_assert_str_eq(r->id, "length");  /* a length rule's default id */
	ck_assert_int_eq(r->min, 3);
	ck_assert_int_eq(r->max, 50);
	ck_assert(json_is_integer(json_object_get(r->json, "max")));
	ck_assert_str_eq(r->too_short, "More?");
	ck_assert_str_eq(r->too_long, "Less?");

	f = &m->fields[2];
	ck_assert_int_eq(f->kind, MODEL_REWRITE);
	ck_assert_str_eq(f->original, "Sorry if.");
	ck_assert_int_eq(f->print.lines, 2);
	ck_assert_uint_eq(f->target->nrules, 0);

	f = &m->fields[3];
	ck_assert_int_eq(f->kind, MODEL_CHECKLIST);
	ck_assert_ptr_null(f->target);
	ck_assert_int_eq(f->print.lines + f->print.height_mm, 0);
	ck_assert_uint_eq(f->nitems, 2);
	ck_assert_str_eq(f->items[1].id, "b");
	ck_assert_str_eq(f->items[1].label, "B");

	f = &m->fields[4];
	ck_assert_int_eq(f->kind, MODEL_TABLE);
	ck_assert_str_eq(f->row_header, "Row");
	ck_assert_int_eq(f->print.lines, 3);  /* a table's default, per row */
	ck_assert_uint_eq(f->ncolumns, 2);
	ck_assert(f->columns[0].is_long);     /* "long" by default */
	ck_assert_int_eq(f->columns[0].width, 2);
	ck_assert_str_eq(f->columns[0].target->name, "grid.x");
	ck_assert_uint_eq(f->columns[0].target->nrules, 1);
	ck_assert(!f->columns[1].is_long);
	ck_assert_int_eq(f->columns[1].width, 1);
	ck_assert_str_eq(f->columns[1].target->name, "grid.y");
	ck_assert(f->columns[0].partner);     /* each partner's own */
	ck_assert(!f->columns[1].partner);    /* shared by default */
	ck_assert(m->has_partners);
	ck_assert(json_is_true(json_object_get(json_array_get(json_object_get(
	    json_array_get(json_object_get(m->json, "fields"), 4), "columns"), 0),
	    "partner")));
	ck_assert_ptr_null(json_object_get(json_array_get(json_object_get(
	    json_array_get(json_object_get(m->json, "fields"), 4), "columns"), 1),
	    "partner"));              /* the key only when true */
	ck_assert_uint_eq(f->nrows, 3);
	ck_assert_str_eq(f->rows[0].label, "One");
	ck_assert_str_eq(f->rows[0].note, "The first");
	ck_assert(!f->rows[0].blank);
	ck_assert_str_eq(f->rows[2].id, "blank-2");
	ck_assert_ptr_null(f->rows[2].label);
	ck_assert_ptr_null(f->rows[2].note);
	ck_assert(f->rows[2].blank);

	f = &m->fields[5];
	ck_assert_int_eq(f->kind, MODEL_SCALE);
	ck_assert_int_eq(f->min, 1);
	ck_assert_int_eq(f->max, 5);
	ck_assert_str_eq(f->low, "Little");
	ck_assert_str_eq(f->high, "Much");

	f = &m->fields[6];
	ck_assert_int_eq(f->kind, MODEL_SIGNATURE);
	ck_assert_uint_eq(f->nsigners, 1);      /* one line by default */
	ck_assert_str_eq(f->signers[0], "Signature");
	ck_assert(f->date);                     /* dated by default */
	f = &m->fields[7];
	ck_assert_uint_eq(f->nsigners, 2);
	ck_assert_str_eq(f->signers[1], "B");
	ck_assert(!f->date);
	ck_assert_int_eq(m->fields[8].kind, MODEL_DATE);

	/* every text field and column, in order; the first with rules */
	ck_assert_uint_eq(m->ntargets, 5);
	ck_assert_str_eq(m->targets[1].name, "story");
	ck_assert_str_eq(m->targets[2].name, "again");
	ck_assert_str_eq(m->targets[4].name, "grid.y");
	ck_assert_ptr_eq(m->first_target, &m->targets[1]);

	/* examples: the default target, the matcher's order, lines */
	ck_assert_uint_eq(m->nexamples, 2);
	ck_assert_ptr_eq(m->examples[0].target, m->first_target);
	ck_assert_str_eq(m->examples[0].answer, "sorry if");
	ck_assert_uint_eq(m->examples[0].answer_len, 8);
	ck_assert_ptr_null(m->examples[0].note);
	ck_assert_int_eq(m->examples[0].line, 20);
	ck_assert_uint_eq(m->examples[0].nexpect, 3);
	ck_assert_str_eq(m->examples[0].expect[0].kind, "flag");
	ck_assert_ptr_eq(m->examples[0].expect[0].rule,
	    &m->first_target->rules[1]);
	ck_assert_str_eq(m->examples[0].expect[1].kind, "missing");
	ck_assert_str_eq(m->examples[0].expect[1].rule->id, "own");
	ck_assert_str_eq(m->examples[0].expect[2].kind, "length");
	ck_assert_str_eq(m->examples[1].target->name, "grid.x");
	ck_assert_str_eq(m->examples[1].answer, "sorry\nif");
	ck_assert_str_eq(m->examples[1].note, "A cell.");
	ck_assert_int_eq(m->examples[1].line, 0);  /* a plain table */

	ck_assert_uint_eq(m->nsources, 2);
	ck_assert_str_eq(m->sources[0].text, "A book.");
	ck_assert_ptr_null(m->sources[0].url);
	ck_assert_str_eq(m->sources[1].url, "https://e.org/p");
	ck_assert_ptr_nonnull(m->facilitator);
	ck_assert_str_eq(m->facilitator->introduce, "Gently.");
	ck_assert_str_eq(m->facilitator->time, "10 minutes");
	ck_assert_uint_eq(m->facilitator->nwatch_for, 1);
	ck_assert_uint_eq(m->facilitator->nprompts, 2);
	ck_assert_str_eq(m->facilitator->prompts[1], "What next?");

	/* the strings are the JSON's */
	ck_assert_ptr_eq(m->title,
	    json_string_value(json_object_get(m->json, "title")));
	model_free(m);
}
END_TEST

START_TEST(defaults_fill_what_a_script_leaves_out)
{
	struct exercise_model *m = validate("{'type': 'exercise', 'title': 'T',"
	    " 'fields': [{'type': 'long_text', 'id': 'a', 'label': 'A'}]}");
	char *json;

	ck_assert_msg(m != NULL, "diagnostics:\n%s", harness_diags_seen());
	ck_assert_ptr_null(m->intro);
	ck_assert_int_eq(m->audience, MODEL_ONE);
	ck_assert(!m->landscape);
	ck_assert_uint_eq(m->nexamples, 0);
	ck_assert_ptr_null(m->examples);
	ck_assert_uint_eq(m->nsources, 0);
	ck_assert_ptr_null(m->facilitator);
	ck_assert_uint_eq(m->ntargets, 1);
	ck_assert_ptr_null(m->first_target);  /* no target has rules */
	ck_assert(!m->has_partners);
	/* the JSON form, with every default written out, in its order */
	json = json_dumps(m->json, JSON_COMPACT | JSON_PRESERVE_ORDER);
	ck_assert_str_eq(json, "{\"name\":\"t\",\"title\":\"T\",\"intro\":\"\","
	    "\"audience\":\"one\",\"print\":{\"orientation\":\"portrait\"},"
	    "\"fields\":[{\"type\":\"long_text\",\"id\":\"a\",\"label\":\"A\","
	    "\"feedback\":[],\"print\":{\"lines\":6}}],\"examples\":[],"
	    "\"sources\":[]}");
	free(json);
	model_free(m);
	model_free(NULL);
}
END_TEST

START_TEST(targets_are_found_by_name)
{
	struct exercise_model *m = validate(everything);
	struct buf names = BUF_INIT;

	ck_assert_ptr_nonnull(m);
	ck_assert_ptr_eq(model_target(m, "story"), &m->targets[1]);
	ck_assert_ptr_eq(model_target(m, "grid.y"), &m->targets[4]);
	ck_assert_ptr_null(model_target(m, "grid"));   /* a table is not one */
	ck_assert_ptr_null(model_target(m, "seen"));   /* nor a checklist */
	ck_assert_ptr_null(model_target(m, "grid.z"));
	ck_assert_ptr_null(model_target(m, "story.x"));
	model_list_targets(m, &names);                  /* those with rules */
	ck_assert_str_eq(buf_str(&names), "story, grid.x");
	buf_free(&names);
	model_free(m);
}
END_TEST

/* A model with a field of its own, as JSON for validate. */
#define ONE_FIELD(field) \
	"{'type': 'exercise', '$line': 1, 'title': 'T', 'fields': [" field "]}"
#define E "exercises/t.lua:"

static const struct {
	const char *raw;
	const char *diagnostics;
} invalid[] = {
    /* the model itself */
    {"{'title': 'T'}",
        "exercises/t.lua: error: the script must end with `return exercise { ... }`; it "
        "returned a table not made by exercise\n"},
    {"null",
        "exercises/t.lua: error: the script must end with `return exercise { ... }`; it "
        "returned nothing\n"},
    {"{'type': 'exercise', '$line': 2, 'title': 'T', 'titel': 'U', 'zzz': 1,"
     " '$items': [1], 'fields': [{'type': 'date', 'id': 'd', 'label': 'D'}]}",
        E "2: error: holds values without names; write them as name = value\n"
        E "2: error: unknown key 'titel' (did you mean 'title'?)\n"
        E "2: error: unknown key 'zzz'\n"},
    {"{'type': 'exercise', '$line': 3, 'fields': [{'type': 'date', 'id': 'd',"
     " 'label': 'D'}], 'audience': 'all', 'print': {'orientation': 'up'},"
     " 'intro': 'a\\u0001b'}",
        E "3: error: 'title' is missing\n"
        E "3: error: 'intro' holds a control character\n"
        E "3: error: 'audience' must be \"one\" (one person) or \"both\" (both "
        "partners)\n"
        E "3: error: print: 'orientation' must be \"portrait\" or "
        "\"landscape\"\n"},
    {"{'type': 'exercise', '$line': 4, 'title': '  ', 'fields': []}",
        E "4: error: 'title' is empty\n"
        E "4: error: an exercise needs at least one field: fields = { "
        "long_text { ... } }\n"},
    /* fields */
    {ONE_FIELD("{'type': 'essay', '$line': 5, 'id': 'a', 'label': 'A'}"),
        E "5: error: field 1 ('a'): unknown field type 'essay': use "
        "short_text, long_text, rewrite, checklist, table, scale, signature "
        "or date\n"},
    {ONE_FIELD("{'type': 'date', '$line': 5, 'label': 'A'},"
               "{'type': 'date', '$line': 6, 'id': 'x--y', 'label': 'B'},"
               "{'type': 'date', '$line': 7, 'id': 'c'},"
               "{'type': 'date', '$line': 8, 'id': 'c', 'label': 'C'}"),
        E "5: error: field 1: a field needs an id (id = \"apology\")\n"
        E "6: error: field 2: id 'x--y' must be lower-case letters and "
        "digits, with single '-' between them (\"my-answer\")\n"
        E "7: error: field 3 ('c'): needs a label (label = \"...\"): every "
        "field is labelled on the form and on paper\n"
        E "8: error: field 4 ('c'): field 3 has the id 'c' too\n"},
    {ONE_FIELD("{'type': 'long_text', '$line': 5, 'id': 'a', 'label': 'A',"
               " 'print': {'lines': 41}},"
               "{'type': 'long_text', '$line': 6, 'id': 'b', 'label': 'B',"
               " 'print': {'height_mm': 4.5}},"
               "{'type': 'long_text', '$line': 7, 'id': 'c', 'label': 'C',"
               " 'print': {'rows': 2}},"
               "{'type': 'scale', '$line': 8, 'id': 'd', 'label': 'D',"
               " 'low': 'L', 'high': 'H', 'print': {'lines': 2}}"),
        E "5: error: field 1 ('a'): print: 'lines' must be a whole number "
        "from 1 to 40, not 41\n"
        E "6: error: field 2 ('b'): print: 'height_mm' must be a whole "
        "number from 5 to 250, not 4.5\n"
        E "7: error: field 3 ('c'): print: unknown key 'rows'\n"
        E "7: error: field 3 ('c'): print: give lines = N (writing lines) or "
        "height_mm = N (a box)\n"
        E "8: error: field 4 ('d'): print hints do not apply to a scale\n"},
    /* feedback rules */
    {ONE_FIELD("{'type': 'long_text', '$line': 5, 'id': 'a', 'label': 'A',"
               " 'feedback': ["
               "{'type': 'flag', '$line': 6, 'id': 'f', 'phrases': ['x'],"
               " 'message': 'M'},"
               "{'type': 'flag', '$line': 7, 'id': 'f', 'phrases': ['y'],"
               " 'message': 'M'},"
               "{'type': 'length', '$line': 8, 'min': 1, 'too_short': 'S'},"
               "{'type': 'length', '$line': 9, 'id': 'l2', 'max': 9,"
               " 'too_long': 'L'},"
               "{'type': 'notice', '$line': 10, 'id': 'n', 'phrases': ['z']},"
               "{'$lua': 'function'}]}"),
        E "7: error: field 1 ('a'): feedback rule 2 ('f'): another rule of "
        "this field has the id 'f'\n"
        E "9: error: field 1 ('a'): feedback rule 4 ('l2'): a field has one "
        "length rule at most\n"
        E "10: error: field 1 ('a'): feedback rule 5 ('n'): a notice rule "
        "needs a praise text, a hint, or both\n"
        E "5: error: field 1 ('a'): feedback rule 6: feedback rules are data, "
        "not code: write notice { ... }, flag { ... }, concern { ... } or "
        "length { ... }, not a function\n"},
    /* checklists, tables, scales, signatures */
    {ONE_FIELD("{'type': 'checklist', '$line': 5, 'id': 'a', 'label': 'A',"
               " 'items': []},"
               "{'type': 'checklist', '$line': 6, 'id': 'b', 'label': 'B',"
               " 'items': [{'id': 'i', 'label': 'I'}, {'id': 'i', 'label': "
               "'J'}]}"),
        E "5: error: field 1 ('a'): a checklist needs at least one item: "
        "items = { { id = \"...\", label = \"...\" } }\n"
        E "6: error: field 2 ('b'): item 2 ('i'): another item has the id "
        "'i'\n"},
    {ONE_FIELD("{'type': 'table', '$line': 5, 'id': 't', 'label': 'T',"
               " 'columns': [{'id': 'c', 'label': 'C', 'width': 11}],"
               " 'rows': [{'id': 'blank-1', 'label': 'R'}], 'blank_rows': 21}"),
        E "5: error: field 1 ('t'): 'row_header' is missing\n"
        E "5: error: field 1 ('t'): column 1 ('c'): 'width' must be a whole "
        "number from 1 to 10, not 11\n"
        E "5: error: field 1 ('t'): row 1 ('blank-1'): ids 'blank-1', "
        "'blank-2'... are kept for the blank rows\n"
        E "5: error: field 1 ('t'): 'blank_rows' must be a whole number from "
        "0 to 20, not 21\n"},
    /* per-partner columns: only when both partners fill it in */
    {ONE_FIELD("{'type': 'table', '$line': 5, 'id': 't', 'label': 'T',"
               " 'row_header': 'R', 'rows': [{'id': 'r', 'label': 'R'}],"
               " 'columns': [{'id': 'c', 'label': 'C', 'partner': true},"
               "  {'id': 'd', 'label': 'D', 'partner': false}]}"),
        E "5: error: field 1 ('t'): column 1 ('c'): 'partner' is for an "
        "exercise both partners fill in: add audience = \"both\", or leave "
        "'partner' out\n"},
    {"{'type': 'exercise', '$line': 1, 'title': 'T', 'audience': 'both',"
     " 'fields': [{'type': 'table', '$line': 6, 'id': 't', 'label': 'T',"
     " 'row_header': 'R', 'rows': [{'id': 'r', 'label': 'R'}],"
     " 'columns': [{'id': 'c', 'label': 'C', 'partner': 'yes'},"
     "  {'id': 'd', 'label': 'D', 'partners': true}]}]}",
        E "6: error: field 1 ('t'): column 1 ('c'): 'partner' must be true or "
        "false\n"
        E "6: error: field 1 ('t'): column 2 ('d'): unknown key 'partners' "
        "(did you mean 'partner'?)\n"},
    {ONE_FIELD("{'type': 'table', '$line': 5, 'id': 't', 'label': 'T',"
               " 'row_header': 'R', 'blank_rows': 1}"),
        E "5: error: field 1 ('t'): a table needs at least one column: "
        "columns = { { id = \"need\", label = \"What I need\" }, ... }\n"},
    {ONE_FIELD("{'type': 'scale', '$line': 5, 'id': 's', 'label': 'S',"
               " 'low': 'L', 'high': 7},"
               "{'type': 'signature', '$line': 6, 'id': 'g', 'label': 'G',"
               " 'signers': ['A', 'B', 'C', 'D', 'E'], 'date': 'yes'}"),
        E "5: error: field 1 ('s'): 'high' must be text, not a number\n"
        E "6: error: field 2 ('g'): 'signers' needs 1 to 4 entries\n"
        E "6: error: field 2 ('g'): 'date' must be true or false\n"},
    /* examples */
    {"{'type': 'exercise', '$line': 1, 'title': 'T', 'fields': ["
     " {'type': 'long_text', 'id': 'a', 'label': 'A', 'feedback': ["
     "  {'type': 'notice', 'id': 'n', 'phrases': ['x'], 'hint': 'H'},"
     "  {'type': 'flag', 'id': 'f', 'phrases': ['y'], 'message': 'M'},"
     "  {'type': 'concern', 'id': 'c', 'phrases': ['z'], 'message': 'M'}]},"
     " {'type': 'date', 'id': 'd', 'label': 'D'}],"
     " 'examples': ["
     "  {'type': 'example', '$line': 2, 'answer': 'x', 'praise': ['n']},"
     "  {'type': 'example', '$line': 3, 'answer': 'x', 'flag': ['f', 'f']},"
     "  {'type': 'example', '$line': 4, 'answer': 'x', 'flag': ['g', 3]},"
     "  {'type': 'example', '$line': 5, 'answer': 'z',"
     "   'concern': ['c'], 'flag': ['f']},"
     "  {'type': 'example', '$line': 6, 'field': 'd', 'answer': 'x'},"
     "  {'type': 'flag', '$line': 7, 'answer': 'x'},"
     "  {'type': 'example', '$line': 8, 'answer': 5, 'wrong': []}]}",
        E "2: error: example 1: 'n' is listed under 'praise', but it has no "
        "praise text\n"
        E "3: error: example 2: 'f' is listed twice under 'flag'\n"
        E "4: error: example 3: 'g' is not a rule of field 'a'\n"
        E "4: error: example 3: 'flag' must list rule ids (text)\n"
        E "5: error: example 4: a concern stands alone: an answer that gets "
        "one gets nothing else, so list only 'concern' here\n"
        E "6: error: example 5: no field 'd' with feedback rules (fields with "
        "rules: a)\n"
        E "7: error: example 6: must be example { answer = \"...\", ... }, "
        "not a flag\n"
        E "8: error: example 7: unknown key 'wrong'\n"
        E "8: error: example 7: 'answer' must be text, not a number\n"},
    /* sources and facilitator notes */
    {"{'type': 'exercise', '$line': 1, 'title': 'T', 'fields': ["
     " {'type': 'date', 'id': 'd', 'label': 'D'}],"
     " 'examples': [{'answer': 'x'}],"
     " 'sources': [{'text': 'A', 'url': 'ftp://x'}, 5, {'txt': 'B'}],"
     " 'facilitator': {'time': 'a\\nb', 'prompts': [], 'watch': ['x']}}",
        E "1: error: example 1: examples need a field with feedback rules\n"
        E "1: error: source 1: 'url' must start with https:// or http://\n"
        E "1: error: source 2: must be text or { text = \"...\", url = "
        "\"https://...\" }, not a number\n"
        E "1: error: source 3: unknown key 'txt' (did you mean 'text'?)\n"
        E "1: error: source 3: 'text' is missing\n"
        E "1: error: facilitator: unknown key 'watch'\n"
        E "1: error: facilitator: 'time' must be one line of text\n"
        E "1: error: facilitator: 'prompts' needs 1 to 10 entries\n"},
};

START_TEST(each_invalid_model_says_what_to_fix)
{
	struct exercise_model *m = validate(invalid[_i].raw);

	ck_assert_msg(m == NULL, "case %d gave a model", _i);
	ck_assert_str_eq(harness_diags_seen(), invalid[_i].diagnostics);
}
END_TEST

static Suite *
model_suite(void)
{
	Suite *s = suite_create("model");
	TCase *valid = tcase_create("valid models");
	TCase *bad = tcase_create("invalid models");

	tcase_add_test(valid, a_valid_model_becomes_its_structs);
	tcase_add_test(valid, defaults_fill_what_a_script_leaves_out);
	tcase_add_test(valid, targets_are_found_by_name);
	tcase_add_loop_test(bad, each_invalid_model_says_what_to_fix, 0,
	    (int)(sizeof(invalid) / sizeof(invalid[0])));
	suite_add_tcase(s, valid);
	suite_add_tcase(s, bad);
	return s;
}

int
main(void)
{
	int failed = harness_run(model_suite(), NULL);

	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
