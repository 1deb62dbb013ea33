-- Boundary worksheet: on "Set Boundaries Together".
--
-- For both partners: a table of areas of life together, and for each what
-- I need, what I can offer, what we agree, and both partners' initials;
-- then a date to look at it again and a short reflection.  The guidance is
-- to write boundaries as "I" statements about one's own needs and actions,
-- not as rules for the other person, so the feedback on the table's text
-- flags demands ("you must", "you have to") and absolutes ("you never",
-- "you always"), and notices "I" and "we" statements.
--
-- "What I need" and "What I can offer" are each partner's own (partner =
-- true: each partner writes their own answer, on the page and on paper);
-- "What we agree" and "Both initials" are shared.

-- Safety first: a concern (control, monitoring, isolation...) stands
-- alone, in every written column.
local concerns = include "concerns"

-- A column's rules: the concerns, then its own.
local function with_concerns(own)
  local all = {}
  for _, r in ipairs(concerns) do all[#all + 1] = r end
  for _, r in ipairs(own) do all[#all + 1] = r end
  return all
end

-- Shared by the three written columns.
local demands = flag {
  id = "demand",
  phrases = { "you must", "you have to", "you need to", "you can't",
    "you cannot", "you can not", "you're not allowed", "you are not allowed",
    "you aren't allowed", "you're not to", "you are not to", "you should",
    "you shouldn't", "you should not", "you'd better", "you better",
    "you'll have to", "you will have to", "I forbid", "I won't let you",
    "I will not let you", "I won't allow", "I will not allow", "I don't allow",
    "or else", "I demand", "I insist" },
  except = { "if you need to", "when you need to", "whatever you need to",
    "you need to know" },
  message = "This reads as a rule for your partner. Boundaries tend to hold "
    .. "better as “I” statements about your own needs and actions: instead of "
    .. "“You must tell me where you are”, you might write “I need to know if "
    .. "plans change, and I will let you know too.”",
}

local absolutes = flag {
  id = "absolute",
  phrases = { "you never", "you always", "you don't ever", "you do not ever",
    "you constantly", "every time you" },
  message = "“Always” and “never” about your partner can feel like blame, and "
    .. "they are rarely quite true. Try describing a specific situation, and "
    .. "what you need in it.",
}

local short = length {
  max = 40,
  too_long = "A short line is easier to remember, and to keep. Could you say "
    .. "the heart of it in one sentence?",
}

local about_me = notice {
  id = "i-statement",
  phrases = { "I", "I'm", "I'd", "I'll", "I've", "for me", "helps me" },
  except = { "I forbid", "I won't let you", "I will not let you",
    "I won't allow", "I will not allow", "I don't allow", "I demand",
    "I insist" },
  praise = "You write this about yourself, as an “I” statement. That makes it "
    .. "easier to hear as a need rather than a rule.",
  hint = "You might start with “I”: “I need…”, “I would like…”, “I can…”.",
}

local about_us = notice {
  id = "we-statement",
  phrases = { "we", "we'll", "we're", "we'd", "we've", "us", "our",
    "both of us", "each of us", "each other", "together" },
  praise = "You write it as something you share.",
}

return exercise {
  title = "Boundary worksheet",
  intro = "Boundaries are agreements about what each of you needs in order "
    .. "to feel safe and respected, and what each of you can offer in return. "
    .. "They tend to work best written about your own actions (“I will tell "
    .. "you when plans change”) rather than as rules for the other person "
    .. "(“You must tell me where you are”).\n\n"
    .. "You might each fill in “What I need” and “What I can offer” on your "
    .. "own first, then sit down together and compare. Write in “What we "
    .. "agree” only what you can both say yes to, and add both your initials "
    .. "when you both mean it. A row can stay empty, or be left open for "
    .. "another day. The empty rows at the end are for areas of your own.\n\n"
    .. "Agreements can change as trust grows. Choose a date to look at them "
    .. "again, and be kind to each other if one needs to be talked through "
    .. "once more.",
  audience = "both",
  print = { orientation = "landscape" },

  fields = {
    table {
      id = "areas",
      label = "Our boundaries",
      help = "For each area: what each of you needs, what each of you can "
        .. "offer, and what you agree together.",
      row_header = "Area",
      columns = {
        { id = "need", label = "What I need", width = 3, partner = true,
          feedback = with_concerns { about_me, demands, absolutes, short } },
        { id = "offer", label = "What I can offer", width = 3, partner = true,
          feedback = with_concerns { about_me, demands, absolutes, short } },
        { id = "agree", label = "What we agree", width = 3,
          feedback = with_concerns { about_us, demands, absolutes, short } },
        { id = "initials", label = "Both initials", size = "short", width = 1 },
      },
      rows = {
        { id = "communication", label = "Communication",
          note = "How and when we talk, and how we raise something hard" },
        { id = "privacy", label = "Privacy and phones",
          note = "Passwords, messages, social media, time alone" },
        { id = "time", label = "Time together and apart",
          note = "Time as a couple, and time for each of us" },
        { id = "friends-family", label = "Friends and family",
          note = "Who we see, and what we share with others about us" },
        { id = "money", label = "Money",
          note = "Spending, saving, debts, and being open about them" },
        { id = "intimacy", label = "Intimacy",
          note = "Closeness, affection and sex: what feels right, at what pace" },
        { id = "repair", label = "Repair after conflict",
          note = "How we pause, come back, and make up after an argument" },
      },
      blank_rows = 2,
      print = { lines = 3 },
    },

    date {
      id = "review",
      label = "We will look at these agreements again on",
      help = "A few weeks from now is often a good start.",
    },

    long_text {
      id = "reflection",
      label = "A short reflection",
      help = "What felt easy to agree on? What was harder? Is there anything "
        .. "you would like to understand better about each other?",
      print = { lines = 6 },
    },

    signature {
      id = "signed",
      label = "We made these agreements together",
      signers = { "First partner", "Second partner" },
      date = true,
    },
  },

  facilitator = {
    introduce = "This worksheet works best once both partners can talk "
      .. "without the conversation turning into blame. Invite each of them to "
      .. "fill in what they need and what they can offer on their own first, "
      .. "then to compare. An agreement is written down only where both can "
      .. "genuinely say yes; a row can stay open.",
    time = "About 45 minutes, or across two sessions",
    watch_for = {
      "Boundaries one partner sets for the other, such as checking the "
        .. "other’s phone or limiting whom they see or what they spend. These "
        .. "can be about control rather than care; if you have any concern "
        .. "about coercion or abuse, joint work may not be the right step.",
      "One partner agreeing to everything to keep the peace.",
      "Demands written as needs (“I need you to never…”). Invite a version "
        .. "about the person’s own actions.",
    },
    prompts = {
      "Which row was easiest to agree on, and what made it easier?",
      "Where do your needs differ? What would a small first step look like "
        .. "for each of you?",
      "How will each of you say so if an agreement stops working for you?",
    },
  },

  examples = {
    example {
      field = "areas.need",
      note = "Monitoring a partner's phone: a concern, which stands alone.",
      answer = "I need to check your phone every night and know your passwords",
      concern = { "monitoring" },
    },
    example {
      field = "areas.need",
      answer = "I need you to stop seeing your friends",
      concern = { "isolation" },
    },
    example {
      field = "areas.offer",
      note = "Sharing one's own passwords is an offer, not a concern.",
      answer = "I can share my passwords with you if you want them.",
      praise = { "i-statement" },
    },
    example {
      field = "areas.need",
      note = "Knowing where a partner is at all times is monitoring: a "
        .. "concern, which stands alone.",
      answer = "You must tell me where you are at all times.",
      concern = { "monitoring" },
    },
    example {
      field = "areas.need",
      answer = "I need to know when plans change, so that I don’t worry.",
      praise = { "i-statement" },
    },
    example {
      field = "areas.need",
      answer = "You never listen to me.",
      flag = { "absolute" },
      missing = { "i-statement" },
    },
    example {
      field = "areas.need",
      note = "A request of the partner is fine, written as a need.",
      answer = "I’d like us to keep our phones out of the bedroom.",
      praise = { "i-statement" },
    },
    example {
      field = "areas.offer",
      answer = "I can put my phone away when we eat together.",
      praise = { "i-statement" },
    },
    example {
      field = "areas.offer",
      note = "Keeping a partner from friends is isolation: a concern.",
      answer = "You can’t see your friends without me.",
      concern = { "isolation" },
    },
    example {
      field = "areas.agree",
      answer = "We both keep our phones face down at dinner, and either of "
        .. "us can ask for a pause when a talk gets heated.",
      praise = { "we-statement" },
    },
    example {
      field = "areas.agree",
      answer = "You always have to answer my calls.",
      flag = { "absolute" },
    },
    example {
      field = "areas.agree",
      note = "Short and clear: nothing to add.",
      answer = "Phones face down at dinner.",
    },
    example {
      field = "areas.need",
      note = "Everything at once: too long to keep.",
      answer = "I need to feel that I can talk about money without it "
        .. "turning into a fight, and I need to know about any big spending "
        .. "before it happens, and I would also like us to look at the "
        .. "accounts together every month, and to have some money each that "
        .. "we do not have to explain.",
      praise = { "i-statement" },
      length = { "length" },
    },
  },
}
