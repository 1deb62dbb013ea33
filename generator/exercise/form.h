/*
 * form — an exercise model seen as an HTML form: the data the theme's
 * `exercise` partial renders.
 *
 * The model (model.h) says what an exercise is; this module adds what a
 * template needs to draw it and nothing else: element ids unique on the
 * page, a flag per field type, paragraphs split for <p>, print classes,
 * and the feedback rules as JSON for the browser script.  It does not
 * render HTML itself: the theme does, so a theme can restyle every form.
 * The few words it writes itself (a cell's label, the partners' names,
 * "Your own area 1", the columns' labels quoted and joined) are the
 * theme's, in the page's language (i18n.h: exercise.partner_first and
 * exercise.form.*), English where the theme has none.
 *
 * The view, as the partial sees it under `exercise`:
 *
 *   name, title, dom_id ("exercise--NAME": "--" keeps it apart
 *   from every heading slug), intro [{text}], audience_one,
 *   audience_both, landscape (the model prints it on landscape paper),
 *   has_partners (a table has per-partner columns: the page offers "I am
 *   filling this in as"), and with it partner_columns and shared_columns
 *   (those columns' labels, quoted and joined: "“What I need” and “What I
 *   can offer”"; "" when none) and has_shared_columns,
 *   sources [{text, url?}], has_sources,
 *   rules_json   the rules of every target with rules, as one JSON object
 *                {"TARGET": [RULE...]} made safe to place raw ({{{...}}})
 *                inside <script type="application/json">: '<', '>' and '&'
 *                are written as \u003c, \u003e, \u0026
 *   fields [FIELD]
 *
 * FIELD: type (the model's), id, dom_id ("NAME--ID"), label, help [{text}],
 * is_short_text, is_long_text, is_rewrite, is_checklist, is_table,
 * is_scale, is_signature, is_date; and, by type:
 *   text kinds   target (the rules' key), has_feedback, feedback_id
 *                (dom_id + "--feedback", for the live region), original
 *                [{text}] (rewrite), print_class ("print-lines-6" or
 *                "print-box-40": writing lines, or a box's height in mm)
 *   checklist    items [{id, dom_id, label}]
 *   table        row_header, columns [{id, label, is_long, partner}], rows
 *                [{id, label, note, blank, name_id (a blank row's name
 *                input), name_label, cells [{dom_id, label ("Money: What I
 *                need"), is_long, target ("areas.need"), has_feedback,
 *                feedback_id, partner, and in a per-partner cell partners
 *                [{n (1, 2), name ("First partner"), dom_id ("CELL--
 *                partner-1"), label ("Money: What I need, first partner"),
 *                target, has_feedback, feedback_id}]: each partner's own
 *                answer, in place of the cell's}]}], print_class (per row)
 *   scale        min, max, low, high, points [{value, dom_id, is_low,
 *                is_high}]
 *   signature    signers [{name, dom_id, date_id}], date (bool)
 */
#ifndef MEND_FORM_H
#define MEND_FORM_H

#include <jansson.h>

struct exercise_model;
struct i18n;

/*
 * The view of model (an exercise model, model.h) as described above, its
 * words from i18n (the theme's words) in lang, a BCP 47 tag: a new object
 * {"exercise": {...}} owned by the caller (json_decref).  i18n NULL (or a
 * key it lacks): English.
 */
json_t *form_view(const struct exercise_model *model, const struct i18n *i18n,
    const char *lang);

#endif
