/*
 * model — the exercise model: what an exercise script returned, checked
 * once (model.c says every rule a model must keep, each problem at the
 * script's line) and made into the structs below.  This header is the
 * model's one statement: its JSON form (what `mend debug model` prints,
 * the rules the page hands the browser script) and its C form, member by
 * member.
 *
 * THE JSON FORM.  Each member's comment below starts with its key and
 * value in the JSON, keys in the order given here; "?" marks a key that is
 * left out when the script does not give it.  TEXT is a non-empty string
 * without control characters; a PARAGRAPHS text may hold newlines, and a
 * blank line separates paragraphs.  An ID is 1-64 lower-case letters and
 * digits with single '-' between them, never "--" (util_id_valid: the
 * forms join ids with "--").  A RULE is a feedback rule exactly as
 * feedback.h specifies it ("type" notice, flag, concern or length), its
 * keys in that order, "except" left out when empty, numbers whole.
 *
 * A TARGET names where an answer is written and its rules: a text field's
 * id ("apology"), or a table's id and column id ("areas.need").
 *
 * THE C FORM.  Strings are borrowed from the JSON (json), which the model
 * owns and keeps alive; only the arrays, and each target's name, are the
 * model's own.  A text that is not given is NULL (the JSON leaves its key
 * out), never "".  A list is a pointer and a count; the pointer is NULL
 * when the count is 0.  model_free frees it all.
 *
 * The structs hold a valid model only: a reader needs no check of its own
 * (a label is there, an id is valid, a scale has its ends).
 */
#ifndef MEND_MODEL_H
#define MEND_MODEL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct buf;

/* Where a reader writes an answer that has feedback rules. */
struct model_target;

/* Who an exercise is for: "audience". */
enum model_audience {
	MODEL_ONE,   /* "one": one person */
	MODEL_BOTH   /* "both": both partners */
};

/* The kinds of field: a field's "type". */
enum model_kind {
	MODEL_SHORT_TEXT,  /* "short_text": a line to write */
	MODEL_LONG_TEXT,   /* "long_text": a few lines */
	MODEL_REWRITE,     /* "rewrite": a sentence shown, to write again */
	MODEL_CHECKLIST,   /* "checklist": items to tick */
	MODEL_TABLE,       /* "table": rows by columns to write in */
	MODEL_SCALE,       /* "scale": a point to mark from 1 to 5 */
	MODEL_SIGNATURE,   /* "signature": a line per signer */
	MODEL_DATE         /* "date": one date line */
};

/*
 * "print": how much room a field gets on paper, {"lines": N} or
 * {"height_mm": N}.  Exactly one of the two is not 0 in a field whose kind
 * takes it (the text kinds and a table, per row); both are 0 in the
 * others, whose JSON has no "print".
 */
struct model_print {
	int lines;      /* "lines": 1-40 ruled writing lines, or 0 */
	int height_mm;  /* "height_mm": 5-250, a box that tall, or 0 */
};

/* The kinds of feedback rule: a RULE's "type". */
enum model_rule_kind {
	MODEL_NOTICE,   /* "notice": something a good answer holds */
	MODEL_FLAG,     /* "flag": something to reconsider */
	MODEL_CONCERN,  /* "concern": the reader may not be safe */
	MODEL_LENGTH    /* "length": bounds on the answer's words */
};

/*
 * A feedback rule, a RULE in the JSON: what C reads of it.  Its phrases
 * ("phrases", "except") only the matcher reads, from json.
 */
struct model_rule {
	const json_t *json;         /* the RULE, as the matcher and the page take it */
	enum model_rule_kind kind;  /* "type" */
	const char *type;           /* "type": the kind's name, "notice" */
	const char *id;             /* "id": an ID, unique in its target ("length"
	                               when a length rule gives none) */
	const char *praise;         /* "praise"?: notice, the text when found */
	const char *hint;           /* "hint"?: notice, the text when not found
	                               (a notice has a praise, a hint or both) */
	const char *message;        /* "message": flag and concern, else NULL */
	long min, max;              /* "min"?, "max"?: length, bounds in words, or
	                               -1 when not given (and for other types) */
	const char *too_short;      /* "too_short"?: length, given with min */
	const char *too_long;       /* "too_long"?: length, given with max */
	int line;                   /* not in the JSON: its line in the script,
	                               or the line of its field (or of the
	                               exercise) when unknown */
};

/*
 * A target: a text field, or a table's column, with its rules.  Every text
 * field and every column is one, with rules or without.
 */
struct model_target {
	char *name;                 /* "apology", "areas.need"; owned */
	const json_t *rules_json;   /* "feedback": [RULE, ...], possibly empty: the
	                               array the matcher evaluates and the page gets */
	struct model_rule *rules;   /* the same, in order */
	size_t nrules;
};

/* A checklist's item: "items": [{"id": ID, "label": TEXT}, ...]. */
struct model_item {
	const char *id;     /* "id": an ID, unique in the checklist */
	const char *label;  /* "label": TEXT */
};

/*
 * A table's column: "columns": [{...}, ...], at least one, each a target
 * ("TABLE.COLUMN").
 */
struct model_column {
	const char *id;        /* "id": an ID, unique in the table */
	const char *label;     /* "label": TEXT */
	bool is_long;          /* "size": "long" (true: a few lines to write in)
	                          or "short" (false: one line); default "long" */
	int width;             /* "width": 1-10, its relative share of the
	                          width; default 1 */
	const struct model_target *target;  /* "feedback": [RULE, ...]; in the
	                          model's targets */
	bool partner;          /* "partner"?: true, each partner writes their
	                          own answer in it (the key is there only when
	                          true, and only when "audience" is "both"); a
	                          column without it is shared: one answer for
	                          both */
};

/*
 * A table's row: "rows": [{"id": ID, "label": TEXT, "note"?: TEXT}, ...,
 * then the blank rows {"id": "blank-1", "blank": true}, "blank-2"...,
 * which the reader names].  At least one row in all.
 */
struct model_row {
	const char *id;     /* "id": an ID, unique in the table; "blank-N" is
	                       kept for the blank rows */
	const char *label;  /* "label": TEXT; NULL in a blank row */
	const char *note;   /* "note"?: TEXT under the label */
	bool blank;         /* "blank": true, a row the reader names (the key is
	                       there only when true) */
};

/*
 * "fields": [FIELD, ...], at least one; ids unique in the exercise.  The
 * members after help belong to some kinds only, as their comments say; in
 * the others they are NULL, 0 or false, and the JSON has no such key.
 */
struct model_field {
	enum model_kind kind;  /* "type" */
	const char *type;      /* "type": the kind's name, "long_text" */
	const char *id;        /* "id": an ID */
	const char *label;     /* "label": TEXT (forms need labels) */
	const char *help;      /* "help"?: PARAGRAPHS shown with the field */
	const char *original;  /* "original": rewrite, PARAGRAPHS, the sentence
	                          to write again */
	const struct model_target *target;  /* "feedback": [RULE, ...]: the text
	                          kinds' (short_text, long_text, rewrite) rules,
	                          one of the model's targets */
	struct model_item *items;  /* "items": checklist, at least one */
	size_t nitems;
	const char *row_header;    /* "row_header": table, TEXT, the first
	                              column's heading ("Area") */
	struct model_column *columns;  /* "columns": table */
	size_t ncolumns;
	struct model_row *rows;    /* "rows": table */
	size_t nrows;
	struct model_print print;  /* "print": the text kinds (default 1 line for
	                              short_text, 6 long_text, 4 rewrite) and a
	                              table (per row, default 3 lines) */
	int min, max;              /* "min": 1, "max": 5: scale, its points */
	const char *low, *high;    /* "low", "high": scale, TEXT, its ends */
	const char **signers;      /* "signers": signature, [TEXT, ...], 1-4, a
	                              line each; default ["Signature"] */
	size_t nsigners;
	bool date;                 /* "date": signature, a date line beside each
	                              (default true) */
	int line;                  /* not in the JSON: its line in the script,
	                              or the exercise's when unknown; its items,
	                              rows and columns (plain tables, which
	                              keep no line) are reported at it */
};

/*
 * One item an example expects: "expect": [{"kind": KIND, "rule": ID},
 * ...].
 */
struct model_expect {
	const char *kind;               /* "kind": "concern", "praise", "flag",
	                                   "missing" or "length" */
	const struct model_rule *rule;  /* "rule": the id of one of its target's
	                                   rules (this is that rule) */
};

/*
 * "examples": [EXAMPLE, ...], possibly empty: answers and the feedback
 * they must get.  Running the target's rules on the answer must give
 * exactly the expected items, in this order (the matcher's: the loader
 * sorts what the script lists).
 */
struct model_example {
	const struct model_target *target;  /* "field": a TARGET with rules; the
	                                       first such when not given */
	const char *answer;            /* "answer": TEXT, may hold newlines */
	size_t answer_len;             /* its length in bytes */
	const char *note;              /* "note"?: PARAGRAPHS */
	struct model_expect *expect;   /* "expect", possibly empty */
	size_t nexpect;
	int line;                      /* not in the JSON: its line in the script,
	                                  0 when unknown (a plain table) */
};

/* "sources": [{"text": TEXT, "url"?: "https://..."}, ...], possibly empty. */
struct model_source {
	const char *text;  /* "text": TEXT */
	const char *url;   /* "url"?: http:// or https:// */
};

/*
 * "facilitator"?: notes for the counselor's booklet, {"introduce"?,
 * "time"?, "watch_for"?, "prompts"?}.
 */
struct model_facilitator {
	const char *introduce;   /* "introduce"?: PARAGRAPHS */
	const char *time;        /* "time"?: TEXT, "10 minutes" */
	const char **watch_for;  /* "watch_for"?: [TEXT, ...], 1-10 */
	size_t nwatch_for;
	const char **prompts;    /* "prompts"?: [TEXT, ...], 1-10, for discussion */
	size_t nprompts;
};

/* An exercise's model. */
struct exercise_model {
	json_t *json;                /* the JSON form, owned: the strings of every
	                                struct here are borrowed from it */
	const char *name;            /* "name": the script's name, an ID,
	                                "apology-rewrite" */
	const char *title;           /* "title": TEXT */
	const char *intro;           /* "intro": PARAGRAPHS; NULL when none (the
	                                JSON has "") */
	enum model_audience audience;  /* "audience": default "one" */
	bool landscape;              /* "print": {"orientation": "landscape"}
	                                (true) or "portrait" (false, the default) */
	struct model_field *fields;  /* "fields" */
	size_t nfields;
	struct model_example *examples;  /* "examples" */
	size_t nexamples;
	struct model_source *sources;    /* "sources" */
	size_t nsources;
	struct model_facilitator *facilitator;  /* "facilitator"?, or NULL */
	/* Not in the JSON: */
	struct model_target *targets;  /* every target, in field order (a table's
	                                  columns in order) */
	size_t ntargets;
	const struct model_target *first_target;  /* the first with rules, or
	                                  NULL: what examples and answers default to */
	bool has_partners;             /* a table has a "partner" column */
	int line;                      /* the line of `exercise { ... }` in the
	                                  script, or 0 when unknown */
};

/*
 * Check raw (the table the script at path, exercises/NAME.lua, returned,
 * as the sandbox sends it: JSON with each helper's table marked with its
 * "type" and "$line") and make the model.  Returns it, owned by the caller
 * (model_free), or NULL after diagnostics at path, each at the script's
 * line and naming the field ("field 2 ('a'): ...").
 */
struct exercise_model *model_validate(const char *path, const char *name,
    const json_t *raw);
void model_free(struct exercise_model *model);

/*
 * The target named name ("apology", "areas.need"), or NULL when the model
 * has none: borrowed from model.
 */
const struct model_target *model_target(const struct exercise_model *model,
    const char *name);

/*
 * Does translation, the model of a translated script (path,
 * "exercises/NAME.LANG.lua"), keep the ids of original (whose script is
 * original_path)?  The same field ids, each field of the same type; in
 * each text field and table column the same rule ids, each rule of the
 * same kind; the same checklist item ids, table row and column ids and
 * number of blank rows.  Texts, phrases and examples are the
 * translation's own.  Each difference, missing or extra, is an error at
 * path: at the line of the translation's rule or field that differs (a
 * field's line for its items, rows and columns; the exercise's for a
 * missing field), naming the id and original_path.  Returns how many.
 * (In model_translation.c.)
 */
size_t model_check_translation(const struct exercise_model *translation,
    const char *path, const struct exercise_model *original,
    const char *original_path);

/* Append the names of the targets with rules to out, joined by ", ". */
void model_list_targets(const struct exercise_model *model, struct buf *out);

#endif
