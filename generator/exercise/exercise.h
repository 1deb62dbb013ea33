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
struct config;
struct exercise_model;
struct model_target;

/* A loaded, validated exercise, or one translation of it. */
struct exercise {
	char *name;                    /* "apology-rewrite" (a translation's too) */
	char *path;                    /* "exercises/apology-rewrite.lua", or
	                                  "exercises/apology-rewrite.ar.lua", for
	                                  diagnostics */
	char *lang;                    /* a translation's language tag, as its
	                                  file name writes it ("ar", "pt-BR");
	                                  NULL in an original */
	struct exercise_model *model;  /* its model (model.h); owned */
	struct exercise **translations;  /* an original's translations, loaded
	                                  by exercise_load_translations, sorted
	                                  by tag; owned (freed with it) */
	size_t ntranslations;
};

/* Is name a valid exercise name (an ID: "apology-rewrite")? */
bool exercise_name_valid(const char *name);

/*
 * Has tag a BCP 47 language tag's shape: a primary language of 2 or 3
 * letters, then subtags of 1 to 8 letters or digits after '-' ("ar",
 * "pt-BR", "zh-Hans", "es-419")?  Case is not significant.
 */
bool exercise_lang_valid(const char *tag);

/*
 * The languages of the site, as far as exercises need them: the default
 * one, which originals are written in, and the others.
 */
struct exercise_languages {
	char *main;       /* the default language ("en"); owned; NULL until
	                     read or given */
	char **others;    /* the other languages' tags; owned */
	size_t nothers;
	bool known;       /* the site says which they are: a translation into
	                     a language not among them is warned about */
};

/*
 * Fill langs (zeroed, or freed first) with cfg's languages (config.h):
 * the default, then the others, as site.toml writes their tags.  When cfg
 * is NULL (no configuration could be loaded), main is "en" and known is
 * false.
 */
void exercise_languages_of(const struct config *cfg,
    struct exercise_languages *langs);
void exercise_languages_free(struct exercise_languages *langs);

/*
 * The tags of the translations of exercises/NAME.lua: the LANG of each
 * exercises/NAME.LANG.lua with a language tag's shape, as the file names
 * write them, sorted.  NULL-terminated; freed with exercise_names_free.
 */
char **exercise_translation_tags(const char *name);

/*
 * Load exercises/NAME.TAG.lua, the translation of original into tag (as
 * the file name writes it), and check that it keeps original's ids
 * (model_check_translation).  Returns it, owned by the caller
 * (exercise_free), or NULL after diagnostics at the translation's lines;
 * when missing is not NULL and the file does not exist, *missing is set
 * and nothing is reported.  Its examples are not run.
 */
struct exercise *exercise_load_translation(const struct exercise *original,
    const char *tag, bool *missing);

/*
 * Load every translation of the original ex (exercise_translation_tags)
 * into ex->translations.  When langs->known, a translation into a
 * language that is not the site's is warned about (and loaded), and one
 * into the default language is warned about and left out.  Returns 0, or
 * -1 when one could not be loaded (after its diagnostics; the others are
 * loaded).  Their examples are not run.
 */
int exercise_load_translations(struct exercise *ex,
    const struct exercise_languages *langs);

/*
 * ex in lang: its translation into lang (tags compared without regard to
 * case), or ex itself when lang is NULL or it has none.  Borrowed.
 */
const struct exercise *exercise_in(const struct exercise *ex,
    const char *lang);

/*
 * Warn about each exercises/NAME.LANG.lua whose exercises/NAME.lua does
 * not exist: it is no exercise's translation (for `mend exercise test`).
 */
void exercise_warn_orphans(void);

/*
 * Run exercises/NAME.lua (relative to the current folder) in the sandbox
 * and validate the model (its translations are not loaded).  Returns the exercise, owned by the caller
 * (exercise_free), or NULL after diagnostics at the script's file and line
 * (bad input: the caller exits with EXIT_INPUT).  When missing is not
 * NULL and the file does not exist, *missing is set to true and nothing is
 * reported (the caller knows whether a name was asked for).
 */
struct exercise *exercise_load(const char *name, bool *missing);
void exercise_free(struct exercise *ex);

/*
 * The exercises a build uses, each loaded once, on first use, with its
 * translations.  Start it zeroed; exercise_set_free frees every exercise
 * in it.
 */
struct exercise_set {
	struct exercise **items;  /* the originals, each with its translations;
	                             owned */
	size_t n;
	struct exercise_languages languages;  /* the site's
	                             (exercise_languages_of), set before the
	                             first use; main still NULL then: "en",
	                             not known (owned either way) */
};

/*
 * The exercise named name from set in the language lang: on first use,
 * exercises/NAME.lua is loaded with every translation
 * (exercise_load_translations), and the examples of each are run.  lang
 * NULL or the site's default language (set->languages.main) gives the
 * original; another tag gives its translation when there is one
 * (exercises/NAME.LANG.lua), else the original.  NULL after diagnostics:
 * at where:line:col when there is no exercises/NAME.lua (with a "did you
 * mean"), else at the scripts' lines (an example that does not hold, a
 * translation that does not keep the original's ids).  Borrowed from set.
 */
const struct exercise *exercise_set_use_lang(struct exercise_set *set,
    const char *name, const char *lang, const char *where, int line,
    int col);
/* exercise_set_use_lang in the default language: the original. */
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
 * at its line (for the build).  Returns how many did not hold (of ex's
 * own: its translations' are theirs).
 */
size_t exercise_report_examples(const struct exercise *ex);

/*
 * The names of the scripts in exercises/ ("apology-rewrite"), translations
 * (NAME.LANG.lua) left out, sorted and NULL-terminated (no folder: none).  The caller owns the list and frees
 * it with exercise_names_free, which accepts NULL.
 */
char **exercise_names(void);
void exercise_names_free(char **names);

/*
 * Run ex's examples as a test runner shows them, on standard output: for
 * each that does not hold, "FAIL PATH:LINE: example N (TARGET)" and its
 * answer, expected and got lines; then "NAME: N examples passed" (", M
 * failed").  When lang is not NULL, those lines name it: "(TARGET, ar)",
 * "NAME (ar): ...".  Adds the examples that held to *passed and the others
 * to *failed.
 */
void exercise_test(const struct exercise *ex, const char *lang,
    size_t *passed, size_t *failed);

/* One answer to check against a field's rules. */
struct exercise_check_request {
	const char *field;    /* a TARGET; NULL: the first with rules */
	const char *answer;   /* the answer, answer_len bytes */
	size_t answer_len;
	bool json;            /* print {exercise, lang?, field, ok, items,
	                         shown}: "lang" for a translation */
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
