/*
 * exercise — Lua exercise scripts: run one in the sandbox, validate what it
 * returns, and hand the rest of mend the exercise model as JSON; check
 * answers against its feedback rules and its own examples, printing what
 * `mend exercise test` and `check` show (cmd_exercise.c is the command).
 *
 * A script (exercises/NAME.lua) returns `exercise { ... }`, built with the
 * helpers mend defines in the script's state: exercise, short_text,
 * long_text, rewrite, checklist, table (the table library, callable),
 * scale, signature, date; notice, flag, length (feedback rules); example.
 * Each helper takes one table, marks its type and remembers the line it
 * was called on, for diagnostics.  The README's "Exercises" section is the
 * author's reference; this comment is the model's.
 *
 * THE MODEL, as JSON (what the page embeds, the browser script reads, the
 * PDF renderer prints).  Keys appear in this order; "?" marks a key that is
 * left out when the script does not give it.  TEXT is a non-empty string
 * without control characters; a PARAGRAPHS text may hold newlines, and a
 * blank line separates paragraphs.  An ID is 1-64 lower-case letters and
 * digits with single '-' between them, never "--" (util_id_valid: the
 * forms join ids with "--").
 *
 *   name         the script's name, "apology-rewrite"
 *   title        TEXT
 *   intro        PARAGRAPHS, or "" when none
 *   audience     "one" (one person) or "both" (both partners)
 *   print        {"orientation": "portrait" | "landscape"}
 *   fields       [FIELD, ...], at least one; ids unique in the exercise
 *   examples     [EXAMPLE, ...], possibly empty
 *   sources      [{"text": TEXT, "url"?: "https://..."}, ...], possibly empty
 *   facilitator? {"introduce"?: PARAGRAPHS, "time"?: TEXT,
 *                 "watch_for"?: [TEXT, ...], "prompts"?: [TEXT, ...]}
 *
 * FIELD: first "type", "id", "label" (TEXT: forms need labels), "help"?
 * (PARAGRAPHS shown with the field), then by type:
 *
 *   short_text   "feedback": [RULE...], "print": PRINT (default 1 line)
 *   long_text    "feedback": [RULE...], "print": PRINT (default 6 lines)
 *   rewrite      "original": PARAGRAPHS (the sentence shown, to rewrite),
 *                "feedback": [RULE...], "print": PRINT (default 4 lines)
 *   checklist    "items": [{"id": ID, "label": TEXT}, ...], at least one
 *   table        "row_header": TEXT (the first column's heading, "Area"),
 *                "columns": [{"id": ID, "label": TEXT, "size": "short" |
 *                  "long" (one line, or a few), "width": 1-10 (relative
 *                  share of the width), "feedback": [RULE...]}, ...],
 *                "rows": [{"id": ID, "label": TEXT, "note"?: TEXT}, ...,
 *                  then the blank rows {"id": "blank-1", "blank": true},
 *                  "blank-2"...: the reader names these rows],
 *                "print": PRINT (per row; default 3 lines)
 *   scale        "min": 1, "max": 5, "low": TEXT, "high": TEXT (the ends)
 *   signature    "signers": [TEXT, ...] (one signature line each), "date":
 *                true | false (a date line beside each)
 *   date         nothing more: one date line
 *
 * PRINT is {"lines": 1-40} (ruled writing lines) or {"height_mm": 5-250}
 * (a box that tall, in whole millimetres); always present where the type
 * takes one.  RULE is a feedback
 * rule exactly as feedback.h specifies ("type" notice, flag or length).
 *
 * A TARGET names where an answer is written and its rules: a text field's
 * id ("apology"), or a table's id and column id ("areas.need").
 *
 * EXAMPLE: {"field": TARGET, "answer": TEXT (may hold newlines), "note"?:
 * TEXT, "expect": [{"kind": KIND, "rule": ID}, ...]}: running the
 * target's rules on the answer must give exactly these items, in this
 * order (the matcher's order; the loader sorts what the script lists).
 */
#ifndef MEND_EXERCISE_H
#define MEND_EXERCISE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct buf;

/* A loaded, validated exercise. */
struct exercise {
	char *name;          /* "apology-rewrite" */
	char *path; /* "exercises/apology-rewrite.lua", for diagnostics */
	json_t *model;       /* the model above; owned */
	int *example_lines;  /* per example, its line in the script (0: unknown)
	                      */
	char *first_target; /* the first target with rules, or NULL: the default
	                     */
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
 * The name of the script in exercises/ closest to name (a few letters
 * off at most), for "did you mean"; NULL when none is close.  The caller
 * frees it.
 */
char *exercise_suggest(const char *name);

/*
 * The feedback rules (a JSON array, borrowed from the model) of target,
 * or of first_target when target is NULL; NULL when there is no such
 * target (an empty array when it has no rules).  *resolved, when not NULL,
 * is set to the target used (borrowed).
 */
const json_t *exercise_rules(const struct exercise *ex, const char *target,
    const char **resolved);

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
	const char *field;    /* a TARGET; NULL: the exercise's first_target */
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
