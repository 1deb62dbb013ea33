/*
 * model — the exercise model from what a script returned.  See model.c;
 * the model itself is documented in exercise.h.
 */
#ifndef MEND_MODEL_H
#define MEND_MODEL_H

#include <jansson.h>
#include <stdbool.h>

/*
 * Check raw (the table the script at path, exercises/NAME.lua, returned,
 * as JSON with each table's line) and return the model, owned by the
 * caller, with *example_lines a new array (the caller frees it) of each
 * example's line in the script.  Returns NULL after diagnostics at path.
 */
json_t *model_validate(const char *path, const char *name, const json_t *raw,
    int **example_lines);

/*
 * The feedback rules of target ("apology", or "areas.need" for a table's
 * column) in a model's fields, or NULL when there is no such target.
 */
const json_t *model_rules(const json_t *fields, const char *target);

/*
 * Visit every target with rules, in field order: fn(target, rules, ctx)
 * until it returns true.  Returns whether one did.
 */
bool model_each_target(const json_t *fields,
    bool (*fn)(const char *target, const json_t *rules, void *ctx), void *ctx);

/* The string under key in a model object, or "" when there is none. */
const char *model_str(const json_t *obj, const char *key);

/* The first target with rules, in field order (new, the caller frees it), or NULL. */
char *model_first_target(const json_t *fields);

/* Append every target with rules to out, separated by ", ". */
struct buf;
void model_list_targets(const json_t *fields, struct buf *out);

#endif
