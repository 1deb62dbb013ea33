-- exercises/@NAME@.lua: an exercise.  A page shows it where its Markdown
-- names it in a fenced block:
--
--   ```exercise @NAME@
--   ```
--
-- The script only describes the worksheet; mend makes the form on the
-- page, the feedback while the reader writes, and the printed worksheet.
--   mend exercise test @NAME@                    do the examples hold?
--   mend exercise check @NAME@ --answer "..."    the feedback one answer gets
-- mend's README ("Exercises") describes every helper and key.

-- Safety first: the shared concern rules (exercises/lib/concerns.lua) come
-- before any other.  An answer that suggests someone may not be safe gets
-- a calm message and a link to the safety note's help lines, nothing else.
local rules = include "concerns"

-- Your own rules: data, not code.  Phrases match whole words, case
-- ignored; "a|b" takes either word, "word*" any word that begins so.
-- A notice praises what a good answer holds, or hints at it when missing;
-- a flag asks the reader to reconsider a phrase (write it kindly: a phrase
-- sees words, never intent); a length gives bounds in words.
local own = {
  notice {
    id = "first-person",
    phrases = { "I feel", "I felt", "I need", "I would like", "I'd like" },
    praise = "You speak for yourself, in the first person.",
    hint = "Try starting with how you feel or what you need: “I feel…”.",
  },
  flag {
    id = "always",
    phrases = { "you always", "you never" },
    message = "“Always” and “never” can sound like a verdict. Try "
      .. "describing one time it happened.",
  },
  length { min = 5, too_short = "A few more words could help." },
}
for _, rule in ipairs(own) do rules[#rules + 1] = rule end

return exercise {
  title = "@TITLE@",
  intro = "REPLACE: what this exercise is for, and how to do it.\n\n"
    .. "A blank line starts a new paragraph.",
  fields = {
    long_text {
      id = "answer",                  -- keeps saved answers attached: change with care
      label = "REPLACE: the question the reader answers",
      feedback = rules,
      print = { lines = 5 },          -- ruled lines on the printed worksheet
    },
  },
  -- Sample answers with the exact feedback each must get, by rule id.
  -- Add one for every rule, and some a rule should not catch.
  examples = {
    example {
      answer = "I feel lonely when we don't talk in the evening.",
      praise = { "first-person" },
    },
    example {
      answer = "You never listen to me.",
      flag = { "always" },
      missing = { "first-person" },
    },
    example {
      answer = "Tired.",
      missing = { "first-person" },
      length = { "length" },
    },
    example {
      answer = "I need you to show me your phone every night.",
      concern = { "monitoring" },
    },
  },
}
