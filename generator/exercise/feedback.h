/*
 * feedback — the matcher: an exercise field's feedback rules (data, not
 * code) evaluated against one answer, giving an ordered list of feedback
 * items.
 *
 * The same matcher is written twice: here, for `mend build`, `mend
 * exercise test` and `mend exercise check`, and in JavaScript in the theme,
 * for the reader's browser.  Both must give the same items for the same
 * rules and answer, and tests/feedback-cases.json holds the vectors both
 * run.  This comment is the specification: implement from it, not from the
 * C below.  It knows nothing of Lua, fields or pages.
 *
 * RULES are a JSON array; each rule is an object with a "type":
 *
 *   {"type": "notice", "id": ID, "phrases": [P...], "except": [P...],
 *    "praise": TEXT, "hint": TEXT}
 *       Something a good answer holds.  When a phrase is found, a
 *       "praise" item (if the rule has a praise text); when none is, a
 *       "missing" item (if the rule has a hint).  At least one of the two.
 *   {"type": "flag", "id": ID, "phrases": [P...], "except": [P...],
 *    "message": TEXT}
 *       Something to reconsider: when a phrase is found, a "flag" item.
 *   {"type": "concern", "id": ID, "phrases": [P...], "except": [P...],
 *    "message": TEXT}
 *       Something that suggests the reader, or the partner, may not be
 *       safe: control or monitoring, isolation, financial control,
 *       threats, violence, sexual coercion, self-harm used as pressure.
 *       Found as a flag is; a found concern overrides every other rule
 *       (see OUTPUT).
 *   {"type": "length", "id": ID, "min": N, "max": N,
 *    "too_short": TEXT, "too_long": TEXT}
 *       Length in words: fewer than min gives a "length" item with
 *       too_short, more than max one with too_long.  Either bound may be
 *       left out (with its text).
 *
 * "except" is optional.  Unknown keys are ignored by the matcher (the
 * exercise loader refuses them earlier).
 *
 * NORMALISATION, applied alike to the answer and to every phrase, to the
 * text as a whole:
 *   0. Decode: in C, UTF-8, an invalid byte becoming U+FFFD; in
 *      JavaScript, a lone surrogate becomes U+FFFD.
 *   1. Canonical decomposition (NFD).
 *   2. Full case folding (Unicode's CaseFolding.txt, statuses C and F, no
 *      Turkic mappings), then NFD again: the canonical caseless form.  So
 *      "Σ", "σ" and final "ς" are alike, "ß", "ẞ" and "ss", "ﬁ" and "fi",
 *      "ſ" and "s", "µ" and "μ", Greek symbol variants ("ϑ" and "θ"), "İ"
 *      and "i" with U+0307 (not "i").  C: libunistring's u32_casefold.  The
 *      browser: toLowerCase(), which is full case folding except on these
 *      characters, taken from a table in the script: U+00B5 U+00DF U+0149
 *      U+017F U+0345 U+03C2 U+03D0 U+03D1 U+03D5 U+03D6 U+03F0 U+03F1
 *      U+03F5 U+0587 U+1C80..U+1C88 U+1E9A U+FB00..U+FB06 U+FB13..U+FB17
 *      (folded as CaseFolding.txt says, where toLowerCase() leaves them or
 *      makes a final sigma), and Cherokee, which folds to its capitals
 *      (U+AB70..U+ABBF to U+13A0..U+13EF, U+13F8..U+13FD to
 *      U+13F0..U+13F5) where toLowerCase() goes the other way.
 *   3. Ignored, that is removed: Arabic tatweel U+0640; Arabic marks
 *      U+0610..U+061A, U+064B..U+065F (harakat, tanwin, shadda, sukun, and
 *      the maddah and hamza that step 1 splits off alef, waw and yeh, so
 *      "أ", "إ", "آ" match "ا", "ؤ" matches "و", "ئ" matches "ي"), U+0670
 *      (superscript alef), U+06D6..U+06DC, U+06DF..U+06E4, U+06E7..U+06E8,
 *      U+06EA..U+06ED, U+0898..U+089F, U+08CA..U+08E1, U+08E3..U+08FF
 *      (Quranic marks); Hebrew points and cantillation (niqqud, dagesh,
 *      shin and sin dots) U+0591..U+05BD, U+05BF, U+05C1, U+05C2, U+05C4,
 *      U+05C5, U+05C7, U+FB1E; and the joiners U+200C, U+200D (Persian
 *      "می‌خواهم" matches "میخواهم").  Other accents are kept: "résumé" is
 *      not "resume", "λόγος" not "λογος".
 *   4. Canonical composition (NFC).
 *   5. Apostrophes: U+2018 U+2019 U+201A U+201B U+2032 U+02BC U+00B4
 *      U+0060 and the Hebrew geresh U+05F3 become U+0027 (').  Quotes:
 *      U+201C U+201D U+201E U+201F U+2033 U+00AB U+00BB and the gershayim
 *      U+05F4 become U+0022 (").
 * Unicode's data is each side's own: libunistring's in C (Unicode 14.0 in
 * libunistring 1.0, Debian 12's), the browser's in JavaScript.
 * tests/feedback-unicode.txt gives every code point's class (below) and
 * normal form as C reads them; tests/check_feedback.c and, in Chromium,
 * tests/browser/matcher.mjs prove that both sides read every code point
 * assigned by the build's Unicode that way.  A character assigned later
 * may be read otherwise by a newer browser (as a sign in C).
 *
 * TOKENS.  Each character of the normal text is:
 *   - a SPACE: U+0009..U+000D, U+0020, U+0085, U+00A0, U+1680,
 *     U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF.
 *     Spaces only separate tokens;
 *   - a WORD CHARACTER: a letter, mark or number of any script (general
 *     category L, M or N).  Among them, a letter or number of a script
 *     written without spaces (Script Han, Hiragana, Katakana, Thai, Lao,
 *     Khmer, Myanmar, and the Japanese letters U+3006, U+3031..U+3035,
 *     U+303C, U+30FC, U+FF70, U+FF9E, U+FF9F) stands ALONE;
 *   - else a SIGN: punctuation, symbols, emoji, controls, unassigned.
 * Reading left to right: a character that stands alone, with the marks
 * (category M) right after it, is one WORD token; a run of the other word
 * characters is one WORD token (so a Devanagari vowel sign or virama, a
 * mark, never splits a word); an apostrophe with a word character right
 * before it (in the same run) and a word character that does not stand
 * alone right after it joins the run ("don't", "partner's" are one word
 * each).  Every sign is a PUNCTUATION token of its own ("sorry, but" is
 * three tokens: sorry , but; "آسف، لكن" too).  Tokens compare as
 * sequences of code points after normalisation.  So in Chinese, Japanese,
 * Thai, Lao, Khmer and Burmese every character is a word: a phrase of
 * them matches as a sequence of characters, anywhere in a text, with no
 * word boundary needed inside it or at its edges ("不起" is found in
 * "对不起"), while a phrase in a script written with spaces still matches
 * whole words only ("phone" is not found in "我的iphone", is in
 * "我的phone坏了").
 *
 * PHRASES.  A phrase is tokenized the same way, with two marks of its
 * own:
 *   - "*" right after a word character, and followed by a space or the
 *     end of the phrase, or before a "|", makes that word a PREFIX word: it
 *     matches any answer word that begins with it ("overreact*" matches
 *     overreact, overreacting, overreacted; "check* your phone*" matches
 *     "checking your phones").  "*" anywhere else is an error.
 *   - Words joined by "|", with no space ("check|see|read", "your|ur",
 *     "phone*|text*"), are ALTERNATIVES: one phrase token that takes an
 *     answer word equal to any of them (or, for one ending in "*", any
 *     word that begins with it).  A "|" not between two word characters
 *     (or a "*" and a word character) is a sign of its own, as before.
 *     An alternative is a word as TOKENS reads it: in a script written
 *     without spaces, one character ("看|查 手机" is 看 or 查, then 手,
 *     then 机); write longer alternatives as phrases of their own.
 *   - "..." (three full stops) or U+2026 "…", standing alone with a space
 *     or the end of the phrase on each side, is a GAP: it matches from
 *     zero to three answer tokens, all of them words (never across a
 *     punctuation token): in Chinese, up to three characters.  A gap
 *     may not begin or end a phrase, nor follow another gap.  ("need ...
 *     your password*" matches "need your password", "need to know all
 *     your passwords", not "need. Your password".)
 * A phrase must give at least one token.  A phrase matches over answer
 * tokens [i, e) when its tokens, in order and starting at answer token i,
 * each take the next answer tokens: a word or sign takes one equal token;
 * a prefix word takes one word that begins with it; alternatives take one
 * word that any of them takes; a gap takes 0 to 3
 * words; the last phrase token's last answer token is e-1.  With gaps,
 * one start may give several matches, one per end.  So phrases match
 * whole words on word boundaries and never across punctuation that the
 * phrase does not have: "sorry if" matches "I'm sorry if you" but not
 * "I'm sorry. If you" nor "sorry iffy".
 *
 * EXCEPT.  A match of a phrase over tokens [i, e) does not count when an
 * "except" phrase of the same rule has a match over [j, f) with j <= i
 * and e <= f (it lies inside the except match).  A rule is FOUND when at
 * least one phrase has a match that counts.
 *
 * WORDS.  The length of an answer is its number of word tokens: in a
 * script written with spaces, its words; in Chinese, Japanese, Thai, Lao,
 * Khmer and Burmese, its characters (not its punctuation), so a length
 * rule for such a language counts characters ("对不起，你好" is five).
 *
 * OUTPUT.  An array of items {"kind", "rule", "message"}.  When at least
 * one concern rule is found, the array holds a "concern" item for each
 * found concern rule, in the order of the rules, and nothing else: no
 * praise, no flag, no hint, no length.  Otherwise: first the "praise"
 * items (found notice rules with a praise text), then the "flag" items
 * (found flag rules), then the "missing" items (notice rules not found,
 * with a hint), then the "length" item, if any; within each kind in the
 * order of the rules.  A rule gives at most one item.  Nothing else (no
 * special case for an empty answer: it gets every hint and too_short).
 * An answer meets every rule when no item is of kind concern, flag,
 * missing or length.
 *
 * PRESENTATION.  What a reader is shown at once (the page, and `mend
 * exercise check` without --json or --all) is at most three of the
 * items, most useful first: a concern item alone (the first, when there
 * are several); otherwise the flag items, then the first missing item,
 * then the length item, then the praise items, in that order, cut after
 * the third.  The page shows them only once the reader pauses (no input
 * for PAUSE_MS, 1200 ms) with at least three words written or a concern
 * found, or leaves the field; never after the first word typed.
 */
#ifndef MEND_FEEDBACK_H
#define MEND_FEEDBACK_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct buf;

/*
 * Evaluate rules (a JSON array, as above) against answer[0..len).
 * Returns a new JSON array of items, owned by the caller (json_decref).
 * Never fails: a malformed rule gives no item (validate rules first with
 * feedback_rule_check).
 */
json_t *feedback_evaluate(const json_t *rules, const char *answer, size_t len);

/*
 * Check one rule object in the JSON form above, strictly: known type,
 * an id, at least one valid phrase, the texts its type needs, sane bounds,
 * no unknown keys (keys starting with '$' are ignored).  Returns 0, or -1
 * with a one-line reason appended to why ("phrase 3 ('sorry *'): ...").
 */
int feedback_rule_check(const json_t *rule, struct buf *why);

/*
 * Check one phrase: returns NULL when it is valid, else a static reason
 * ("a phrase needs at least one word or sign").
 */
const char *feedback_phrase_problem(const char *phrase);

/*
 * Is one rule (a notice, flag or concern) FOUND in answer[0..len), as the
 * specification says, whatever the other rules give?  For measuring rules;
 * a length rule is never found.
 */
bool feedback_rule_found(const json_t *rule, const char *answer, size_t len);

/*
 * The items a reader is shown at once (PRESENTATION above), in the order
 * shown: a new array, owned by the caller, holding new references to
 * items' own objects.
 */
json_t *feedback_presented(const json_t *items);

/* Most items the reader is shown at once. */
#define FEEDBACK_SHOWN_MAX 3

/* Most phrases one rule may list (phrases or except). */
#define FEEDBACK_MAX_PHRASES 500

/* The number of word tokens in text[0..len). */
size_t feedback_word_count(const char *text, size_t len);

/*
 * The normal form of text[0..len) (NORMALISATION above), as UTF-8: a new
 * string, owned by the caller (free).  For the tests that hold the
 * browser's matcher to this one.
 */
char *feedback_normal_form(const char *text, size_t len);

/* What TOKENS makes of code point c of normal text. */
#define FEEDBACK_CLASS_SPACE 'z'  /* a space */
#define FEEDBACK_CLASS_WORD  'w'  /* a word character, not a mark */
#define FEEDBACK_CLASS_MARK  'm'  /* a mark: a word character */
#define FEEDBACK_CLASS_ALONE 'a'  /* a word of its own (no spaces) */
#define FEEDBACK_CLASS_SIGN  's'  /* a sign (punctuation, symbol...) */
char feedback_char_class(unsigned long c);

/* Does the item list (from feedback_evaluate) ask for nothing more? */
bool feedback_items_ok(const json_t *items);

#endif
