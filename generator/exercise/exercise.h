/*
 * exercise — Lua exercise scripts: run one in the sandbox, have model.c
 * validate what it returns, and hand the rest of mend the exercise model;
 * check answers against its feedback rules and its own examples, printing
 * what `mend exercise test` and `check` show (cmd_exercise.c is the
 * command).
 *
 * A script (exercises/NAME.lua) returns `exercise { ... }`, built with the
 * helpers mend defines in the script's state: exercise, short_text,
 * long_text, rewrite, checklist, table (the table library, callable),
 * scale, signature, date; notice, flag, length (feedback rules); example.
 * Each helper takes one table, marks its type and remembers the line it
 * was called on, for diagnostics.  The README's "Exercises" section is the
 * author's reference; model.h is the model's: what a script returns, made
 * into JSON for the page and into structs for C, member by member.
 */
#ifndef MEND_EXERCISE_H
#define MEND_EXERCISE_H

#include <stdbool.h>
#include <stddef.h>

struct buf;
struct exercise_model;
struct model_target;

/* A loaded, validated exercise. */
struct exercise {
	char *name;                    /* "apology-rewrite" */
	char *path;                    /* "exercises/apology-rewrite.lua", for
	                                  diagnostics */
	struct exercise_model *model;  /* its model (model.h); owned */
};

/* Is name a valid exercise name (an ID: "apology-rewrite")? */
bool exercise_name_valid(const char *name);

/*
 * Run exercises/NAME.lua (relative to the current folder) in the sandbox
 * and validate the model.  Returns the exercise, owned by the caller
 * (exercise_free), or NULL after diagnostics at the script's file and line
 * (bad input: the caller exits with EXIT_INPUT).  When missing is not
 * NULL and the file does not exist, *missing is set to true and nothing is
 * reported (the caller knows whether a name was asked for).
 */
struct exercise *exercise_load(const char *name, bool *missing);
void exercise_free(struct exercise *ex);

/*
 * The exercises a build uses, each loaded once, on first use.  Start it
 * zeroed; exercise_set_free frees every exercise in it.
 */
struct exercise_set {
	struct exercise **items;  /* owned */
	size_t n;
};

/*
 * The exercise named name from set, loaded and its examples run on first
 * use.  NULL after diagnostics: at where:line:col when there is no
 * exercises/NAME.lua (with a "did you mean"), else at the script's lines.
 */
const struct exercise *exercise_set_use(struct exercise_set *set,
    const char *name, const char *where, int line, int col);
void exercise_set_free(struct exercise_set *set);

/*
 * The name of the script in exercises/ closest to name (a few letters
 * off at most), for "did you mean"; NULL when none is close.  The caller
 * frees it.
 */
char *exercise_suggest(const char *name);

/*
 * The target (model.h) named name ("apology", "areas.need"), or when name
 * is NULL the first with rules, the default; NULL when there is none.  It
 * may have no rules.  Borrowed from the model.
 */
const struct model_target *exercise_target(const struct exercise *ex,
    const char *name);

/*
 * Append the names of all targets that have feedback rules to out,
 * separated by ", " (for messages).
 */
void exercise_targets(const struct exercise *ex, struct buf *out);

/*
 * Does example i (0-based) hold?  When expected and got are not NULL, the
 * two item lists are appended to them as "flag but, missing impact" (or
 * "no feedback").
 */
bool exercise_example_holds(const struct exercise *ex, size_t i,
    struct buf *expected, struct buf *got);

/*
 * Check every example, reporting each one that does not hold as an error
 * at its line (for the build).  Returns how many did not hold.
 */
size_t exercise_report_examples(const struct exercise *ex);

/*
 * The names of the scripts in exercises/ ("apology-rewrite"), sorted and
 * NULL-terminated (no folder: none).  The caller owns the list and frees
 * it with exercise_names_free, which accepts NULL.
 */
char **exercise_names(void);
void exercise_names_free(char **names);

/*
 * Run ex's examples as a test runner shows them, on standard output: for
 * each that does not hold, "FAIL PATH:LINE: example N (TARGET)" and its
 * answer, expected and got lines; then "NAME: N examples passed" (", M
 * failed").  Adds the examples that held to *passed and the others to
 * *failed.
 */
void exercise_test(const struct exercise *ex, size_t *passed,
    size_t *failed);

/* One answer to check against a field's rules. */
struct exercise_check_request {
	const char *field;    /* a TARGET; NULL: the first with rules */
	const char *answer;   /* the answer, answer_len bytes */
	size_t answer_len;
	bool json;            /* print {exercise, field, ok, items, shown} */
	bool all;             /* print every item, not only those shown */
};

/*
 * Check req's answer against its field's rules and print, on standard
 * output, the feedback it gets as a reader would see it: one line per item
 * ("flag: ..."), or the JSON object req->json asks for.  *met is set to
 * whether the answer meets every rule.  Returns 0, or -1 with nothing
 * printed when the field does not exist or has no rules
 * (exercise_targets lists those that have).
 */
int exercise_check(const struct exercise *ex,
    const struct exercise_check_request *req, bool *met);

#endif
