-- exercises/say-it-back.lua: the worksheet of the page
-- content/steps/listen-first.md.  mend's README ("Exercises") describes
-- every helper and key; `mend exercise test say-it-back` runs the examples
-- at the end, and `mend exercise check say-it-back --answer "..."` shows
-- the feedback one answer gets.

-- Safety first: the shared concern rules (exercises/lib/concerns.lua) come
-- before the others.  An answer that suggests someone may not be safe gets
-- a calm message and a link to the safety note's help lines, nothing else.
local rules = include "concerns"

-- Feedback rules are data: phrases matched on whole words, case ignored.
-- "a|b" takes either word, "word*" any word that begins so.
local own = {
  notice {
    id = "feeling",
    phrases = { "you felt", "you feel", "you were feeling", "you're feeling",
      "you are feeling", "it sounds like", "it sounded like" },
    praise = "You name what your partner felt, or check what you heard.",
    hint = "Try naming the feeling you heard: “You felt left out when…”.",
  },
  flag {
    id = "but",
    phrases = { "but", "however" },
    message = "A “but” can make listening sound like the start of a reply. "
      .. "Your side can wait until your partner feels heard.",
  },
  flag {
    id = "always",
    phrases = { "you always", "you never" },
    message = "“Always” and “never” can sound like a verdict. Try saying back "
      .. "what your partner said about this one time.",
  },
  length { min = 6, too_short = "A few more words could help: what did "
    .. "your partner say, and how did it seem to feel?" },
}
for _, rule in ipairs(own) do rules[#rules + 1] = rule end

return exercise {
  title = "Say it back",
  intro = "Ask your partner to tell you about one thing that has been on "
    .. "their mind. Listen without answering.\n\n"
    .. "Then write down what you heard, in your own words, and read it back "
    .. "to them. No one else has to see it.",
  audience = "both",
  fields = {
    long_text {
      id = "heard",
      label = "What I heard you say",
      help = "Keep to what your partner said, not what you think of it.",
      feedback = rules,
      print = { lines = 5 },
    },
    scale {
      id = "understood",
      label = "Partner: how well did that capture what you meant?",
      low = "Not yet",
      high = "Very well",
    },
  },
  examples = {
    example {
      answer = "You felt left out when I made plans for the weekend "
        .. "without asking you.",
      praise = { "feeling" },
    },
    example {
      answer = "It sounds like work has been really heavy lately.",
      praise = { "feeling" },
    },
    example {
      note = "A reply, not a summary.",
      answer = "You always say that, but I was busy.",
      flag = { "but", "always" },
      missing = { "feeling" },
    },
    example {
      note = "Too short to say back what was heard.",
      answer = "You were upset.",
      missing = { "feeling" },
      length = { "length" },
    },
    example {
      note = "Safety first: a threat gets the concern alone.",
      answer = "You said you would hurt me if I tell anyone.",
      concern = { "threats" },
    },
  },
}
