/*
 * measure — an exercise's feedback rules against a labelled set of
 * answers (see measure.h for the set's form and what is counted).  It
 * reads the sets with toml.c, loads each exercise with exercise.c, asks
 * the matcher (feedback.c) what each answer gets, and prints the counts.
 */
#include "exercise/measure.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "exercise/exercise.h"
#include "exercise/feedback.h"
#include "exercise/model.h"
#include "lib/toml.h"
#include "lib/util.h"

/* What one rule did over a set, by its labels. */
struct rule_count {
	char *id;             /* the rule's id */
	char *type;           /* notice, flag, concern */
	size_t found;         /* answers it was found in */
	size_t true_found;    /* ... that were labelled to have it */
	size_t false_found;   /* ... that were labelled not to */
	size_t should;        /* answers labelled to have it */
	size_t caught;        /* ... in which it was found */
};

/* The counts over every set read. */
struct tally {
	struct rule_count *rules;
	size_t nrules;
	size_t answers, concerns, caught, ordinary, false_concerns;
	size_t meets, met;
};

static struct rule_count *
count_of(struct tally *t, const char *id, const char *type)
{
	size_t i;

	for (i = 0; i < t->nrules; i++)
		if (strcmp(t->rules[i].id, id) == 0 &&
		    strcmp(t->rules[i].type, type) == 0)
			return &t->rules[i];
	t->rules = xrealloc(t->rules, (t->nrules + 1) * sizeof(*t->rules));
	memset(&t->rules[t->nrules], 0, sizeof(*t->rules));
	t->rules[t->nrules].id = xstrdup(id);
	t->rules[t->nrules].type = xstrdup(type);
	return &t->rules[t->nrules++];
}

static void
tally_free(struct tally *t)
{
	size_t i;

	for (i = 0; i < t->nrules; i++) {
		free(t->rules[i].id);
		free(t->rules[i].type);
	}
	free(t->rules);
}

/* A string under key, or NULL; a value of another type is an error. */
static const char *
get_string(const char *path, const struct toml_value *table, const char *key,
    bool *bad)
{
	const struct toml_value *v = toml_get(table, key);

	if (v == NULL)
		return NULL;
	if (toml_type(v) != TOML_STRING) {
		toml_report_type(path, key, v, "a string");
		*bad = true;
		return NULL;
	}
	return toml_string(v, NULL);
}

/* Is id in the TOML array of strings list? */
static bool
listed(const struct toml_value *list, const char *id)
{
	size_t i;

	for (i = 0; i < toml_array_size(list); i++) {
		const struct toml_value *v = toml_array_at(list, i);

		if (toml_type(v) == TOML_STRING &&
		    strcmp(toml_string(v, NULL), id) == 0)
			return true;
	}
	return false;
}

/* found and absent: arrays of the field's rule ids.  0 or -1. */
static int
check_label_list(const char *path, const struct toml_value *answer,
    const char *key, const struct model_target *target)
{
	const struct toml_value *list = toml_get(answer, key);
	size_t i, r;

	if (list == NULL)
		return 0;
	if (toml_type(list) != TOML_ARRAY) {
		toml_report_type(path, key, list, "an array of rule ids");
		return -1;
	}
	for (i = 0; i < toml_array_size(list); i++) {
		const struct toml_value *v = toml_array_at(list, i);
		const char *id;

		if (toml_type(v) != TOML_STRING) {
			toml_report_type(path, key, v, "an array of rule ids");
			return -1;
		}
		id = toml_string(v, NULL);
		for (r = 0; r < target->nrules; r++)
			if (strcmp(target->rules[r].id, id) == 0)
				break;
		if (r == target->nrules) {
			diag_error(path, toml_line(v), toml_col(v),
			    "'%s' is not a rule of field '%s'", id, target->name);
			return -1;
		}
	}
	return 0;
}

/*
 * Should the rule be found in the answer?  1 yes, 0 no, -1 not labelled.
 * concern: the answer's concern label, or NULL for an ordinary answer.
 */
static int
label(const struct model_rule *rule, const struct toml_value *answer,
    const char *concern, bool meets)
{
	if (rule->kind == MODEL_CONCERN)
		return concern == NULL ? 0 : strcmp(concern, rule->id) == 0 ? 1 : -1;
	if (listed(toml_get(answer, "found"), rule->id))
		return 1;
	if (listed(toml_get(answer, "absent"), rule->id))
		return 0;
	if (meets && rule->kind == MODEL_FLAG)
		return 0;
	if (meets && rule->kind == MODEL_NOTICE && rule->hint != NULL)
		return 1;
	return -1;
}

/* Print text on one line, cut after about 90 bytes (at a UTF-8 start). */
static void
print_short(const char *text)
{
	size_t len = strlen(text), cut = len;
	char *part;

	if (len > 90) {
		cut = 87;
		while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
			cut--;
	}
	part = xstrndup(text, cut);
	diag_print_flat(stdout, part);  /* control characters shown escaped */
	printf("%s\n", cut < len ? "..." : "");
	free(part);
}

/* Count one answer.  0, or -1 when it is not a valid entry. */
static int
measure_answer(const char *path, const struct exercise *ex,
    const struct toml_value *answer, struct tally *t)
{
	static const char *const keys[] = { "field", "text", "concern", "meets",
		"found", "absent", "note", NULL };
	const struct toml_value *meets_v = toml_get(answer, "meets");
	const char *field, *text, *concern;
	const struct model_target *target;
	bool bad = false, meets = false, got_concern = false;
	int line = toml_line(answer);
	size_t i, k, len;
	json_t *items;

	if (toml_type(answer) != TOML_TABLE) {
		toml_report_type(path, "answer", answer, "a table");
		return -1;
	}
	for (i = 0; i < toml_table_size(answer); i++) {
		const char *key = toml_table_key(answer, i);

		for (k = 0; keys[k] != NULL && strcmp(keys[k], key) != 0; k++)
			;
		if (keys[k] == NULL) {
			diag_error(path, toml_line(toml_table_value(answer, i)),
			    toml_col(toml_table_value(answer, i)),
			    "unknown key '%s' in an answer (keys: field, text, "
			    "concern, meets, found, absent, note)", key);
			return -1;
		}
	}
	field = get_string(path, answer, "field", &bad);
	text = get_string(path, answer, "text", &bad);
	concern = get_string(path, answer, "concern", &bad);
	if (meets_v != NULL && toml_type(meets_v) != TOML_BOOL) {
		toml_report_type(path, "meets", meets_v, "true or false");
		return -1;
	}
	meets = meets_v != NULL && toml_bool(meets_v);
	if (bad)
		return -1;
	if (text == NULL || field == NULL) {
		diag_error(path, line, 0, "an answer needs 'field' and 'text'");
		return -1;
	}
	if ((target = exercise_target(ex, field)) == NULL || target->nrules == 0) {
		struct buf names = BUF_INIT;

		exercise_targets(ex, &names);
		diag_error(path, toml_line(toml_get(answer, "field")),
		    toml_col(toml_get(answer, "field")),
		    "'%s' has no field '%s' with feedback (fields with "
		    "feedback: %s)", ex->name, field, buf_str(&names));
		buf_free(&names);
		return -1;
	}
	if (concern != NULL && meets) {
		diag_error(path, line, 0,
		    "a concern answer cannot also meet every rule");
		return -1;
	}
	if (check_label_list(path, answer, "found", target) != 0 ||
	    check_label_list(path, answer, "absent", target) != 0)
		return -1;
	line = toml_line(toml_get(answer, "text"));
	len = strlen(text);
	for (i = 0; i < target->nrules; i++) {
		const struct model_rule *rule = &target->rules[i];
		struct rule_count *c;
		bool found;
		int want;

		if (rule->kind == MODEL_LENGTH)
			continue;
		c = count_of(t, rule->id, rule->type);
		found = feedback_rule_found(rule->json, text, len);
		want = label(rule, answer, concern, meets);
		c->found += found;
		/* A concern found in any concern answer is a right one. */
		if (found && (want == 1 || (want == -1 && concern != NULL &&
		    rule->kind == MODEL_CONCERN)))
			c->true_found++;
		else if (found && want == 0)
			c->false_found++;
		c->should += want == 1;
		c->caught += want == 1 && found;
	}
	items = feedback_evaluate(target->rules_json, text, len);
	for (i = 0; i < json_array_size(items); i++)
		got_concern |= strcmp(json_string_value(json_object_get(
		    json_array_get(items, i), "kind")), "concern") == 0;
	t->answers++;
	if (concern != NULL) {
		t->concerns++;
		t->caught += got_concern;
		if (!got_concern) {
			printf("%s:%d: concern missed (%s, %s): ", path, line,
			    field, concern);
			print_short(text);
		}
	} else {
		t->ordinary++;
		t->false_concerns += got_concern;
		if (got_concern) {
			printf("%s:%d: false concern '%s' (%s): ", path, line,
			    json_string_value(json_object_get(json_array_get(
			        items, 0), "rule")), field);
			print_short(text);
		}
	}
	if (meets) {
		t->meets++;
		if (feedback_items_ok(items))
			t->met++;
		else {
			printf("%s:%d: does not meet every rule (%s): gets ",
			    path, line, field);
			for (i = 0; i < json_array_size(items); i++) {
				const json_t *it = json_array_get(items, i);
				const char *kind = json_string_value(
				    json_object_get(it, "kind"));

				if (strcmp(kind, "praise") != 0)
					printf("%s %s; ", kind,
					    json_string_value(json_object_get(
					        it, "rule")));
			}
			print_short(text);
		}
	}
	json_decref(items);
	return 0;
}

/* Read and count one set.  0, or -1 when it could not be read. */
static int
measure_set(const char *path, struct tally *t)
{
	const struct toml_value *name_v, *answers;
	struct toml_value *root;
	struct exercise *ex;
	char *text;
	size_t len, i;
	bool missing;
	int status = 0;

	if (util_read_file(path, &text, &len) != 0) {
		diag_error(path, 0, 0, "cannot read the set: %s",
		    strerror(errno));
		return -1;
	}
	root = toml_parse(text, len, path, 1);
	free(text);
	if (root == NULL)
		return -1;
	name_v = toml_get(root, "exercise");
	answers = toml_get(root, "answer");
	if (name_v == NULL || toml_type(name_v) != TOML_STRING ||
	    !exercise_name_valid(toml_string(name_v, NULL))) {
		diag_error(path, name_v ? toml_line(name_v) : 1,
		    name_v ? toml_col(name_v) : 0,
		    "a set names its exercise: exercise = \"NAME\"");
		toml_free(root);
		return -1;
	}
	if (answers == NULL || toml_type(answers) != TOML_ARRAY) {
		diag_error(path, 1, 0, "a set holds its answers as [[answer]] "
		    "tables");
		toml_free(root);
		return -1;
	}
	if ((ex = exercise_load(toml_string(name_v, NULL), &missing)) == NULL) {
		if (missing)
			diag_error(path, toml_line(name_v), toml_col(name_v),
			    "no exercise '%s' (exercises/%s.lua does not "
			    "exist)", toml_string(name_v, NULL),
			    toml_string(name_v, NULL));
		toml_free(root);
		return -1;
	}
	for (i = 0; i < toml_array_size(answers); i++)
		if (measure_answer(path, ex, toml_array_at(answers, i), t) != 0)
			status = -1;
	exercise_free(ex);
	toml_free(root);
	return status;
}

static double
percent(size_t part, size_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

/* "  97.5%" or "      -" when nothing was counted. */
static void
print_share(size_t part, size_t whole)
{
	if (whole == 0)
		printf("  %9s", "-");
	else
		printf("  %8.1f%%", percent(part, whole));
}

static void
print_table(const struct tally *t)
{
	size_t i;

	printf("\n%-18s %-8s %6s %6s %10s %10s\n", "rule", "kind", "found",
	    "false", "precision", "recall");
	for (i = 0; i < t->nrules; i++) {
		const struct rule_count *c = &t->rules[i];

		printf("%-18s %-8s %6zu %6zu", c->id, c->type, c->found,
		    c->false_found);
		print_share(c->true_found, c->true_found + c->false_found);
		print_share(c->caught, c->should);
		if (c->should > 0)
			printf("  (%zu of %zu)", c->caught, c->should);
		putchar('\n');
	}
}

int
measure_sets(char *const *paths, size_t npaths, bool *passed)
{
	struct tally t = { NULL, 0, 0, 0, 0, 0, 0, 0, 0 };
	bool bad = false;
	double false_rate;
	size_t i;

	for (i = 0; i < npaths; i++)
		if (measure_set(paths[i], &t) != 0)
			bad = true;
	if (bad) {
		tally_free(&t);
		return -1;
	}
	print_table(&t);
	false_rate = percent(t.false_concerns, t.ordinary);
	printf("\nconcerns: %zu of %zu concern answers caught (%.1f%%); "
	    "%zu of %zu ordinary answers given a concern (%.1f%%, at most "
	    "%.0f%% allowed)\n", t.caught, t.concerns,
	    percent(t.caught, t.concerns), t.false_concerns, t.ordinary,
	    false_rate, MEASURE_MAX_FALSE_CONCERNS);
	printf("meets every rule: %zu of %zu good answers\n", t.met, t.meets);
	printf("%zu answers\n", t.answers);
	*passed = t.caught == t.concerns &&
	    false_rate <= MEASURE_MAX_FALSE_CONCERNS && t.met == t.meets;
	tally_free(&t);
	return 0;
}
