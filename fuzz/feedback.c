/*
 * Fuzz target: the feedback matcher (exercise/feedback.h).  The input is
 * a JSON array of rules, a NUL byte, and the answer (any bytes: an invalid
 * one is read as U+FFFD).  The rules are evaluated unchecked, as the
 * matcher promises never to fail on a malformed rule, then each is
 * checked and looked for as the measuring does.
 */
#include <string.h>

#include "exercise/feedback.h"
#include "fuzz.h"
#include "lib/buf.h"

int FUZZ_ENTRY(const uint8_t *data, size_t size);

int
FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *cut = memchr(text, '\0', size);
	const char *answer;
	size_t answer_len, i, nrules;
	json_error_t error;
	json_t *rules, *items, *shown;

	if (cut == NULL)
		return 0;
	answer = cut + 1;
	answer_len = size - (size_t)(answer - text);
	rules = json_loadb(text, (size_t)(cut - text), JSON_ALLOW_NUL, &error);
	if (rules == NULL)
		return 0;
	fuzz_begin();
	if (json_is_array(rules)) {
		items = feedback_evaluate(rules, answer, answer_len);
		FUZZ_ASSERT(json_is_array(items));
		shown = feedback_presented(items);
		FUZZ_ASSERT(json_is_array(shown) &&
		    json_array_size(shown) <= FEEDBACK_SHOWN_MAX &&
		    json_array_size(shown) <= json_array_size(items));
		(void)feedback_items_ok(items);
		json_decref(shown);
		json_decref(items);
		nrules = json_array_size(rules);
		for (i = 0; i < nrules; i++) {
			const json_t *rule = json_array_get(rules, i);
			struct buf why = BUF_INIT;

			if (feedback_rule_check(rule, &why) != 0)
				FUZZ_ASSERT(why.len > 0);
			else /* only checked rules are measured */
				(void)feedback_rule_found(rule, answer,
				    answer_len);
			buf_free(&why);
		}
	}
	(void)feedback_word_count(answer, answer_len);
	json_decref(rules);
	fuzz_end();
	return 0;
}
