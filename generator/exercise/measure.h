/*
 * measure — how well an exercise's feedback rules do on a labelled set of
 * answers: what `mend exercise measure FILE...` prints (cmd_exercise.c
 * reads its command line).
 *
 * A set is a TOML file naming its exercise and holding answers as people
 * really type them, each labelled with what it should get:
 *
 *   exercise = "boundary-worksheet"
 *
 *   [[answer]]
 *   field = "areas.need"        # a field's id, or TABLE.COLUMN
 *   text = "i need to check ur phone every night"
 *   concern = "monitoring"      # a concern answer, and its kind
 *
 *   [[answer]]
 *   field = "areas.need"
 *   text = "I need some time alone after work."
 *   meets = true                # should meet every rule
 *   found = ["i-statement"]     # rules that should be found (optional)
 *   absent = ["demand"]         # rules that should not be (optional)
 *   note = "why it is here"     # optional
 *
 * An answer without `concern` is an ordinary one: no concern rule should
 * be found in it.  `meets` labels every notice with a hint as found and
 * every flag as absent.  From the labels, measure counts for each rule
 * how often it is found where it should be (recall) and how often where
 * it is found it should be (precision), and for concerns as a whole the
 * share of concern answers caught and of ordinary answers wrongly given a
 * concern.  It runs no browser and writes nothing.
 */
#ifndef MEND_MEASURE_H
#define MEND_MEASURE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Measure the rules on the labelled sets in paths[0..npaths) and print,
 * on standard output, each answer that misses its label as it is counted
 * ("PATH:LINE: concern missed ..."), then the counts: each rule's finds,
 * false finds, precision and recall, the concerns caught and wrongly
 * given, and the good answers that meet every rule.  *passed is set when
 * every concern answer gets a concern, at most MEASURE_MAX_FALSE_CONCERNS
 * percent of the ordinary answers do, and every `meets` answer meets
 * every rule.  Returns 0, or -1 after diagnostics when a set or an
 * exercise is not valid: then the counts are not printed (the misses of
 * the sets read before it were).
 */
int measure_sets(char *const *paths, size_t npaths, bool *passed);

/* Most false concerns allowed, in percent of the ordinary answers. */
#define MEASURE_MAX_FALSE_CONCERNS 2.0

#endif
