-- Say it back: the example's exercise, in English.  Its translations
-- (say-it-back.ar.lua, say-it-back.es.lua) keep every field and rule id.
return exercise {
  title = "Say it back",
  intro = "Before you answer, write down what you heard, in your own words.",
  fields = {
    long_text {
      id = "reflect",
      label = "What I heard you say",
      feedback = {
        -- Safety first: a concern stands alone, whatever else the answer does.
        concern {
          id = "afraid",
          phrases = { "afraid of you", "scared of you", "you hurt me",
            "you hit me", "threaten*" },
          message = "What you wrote suggests you may not be safe. Please put "
            .. "this exercise aside: your safety matters more. The help "
            .. "lines on this page can talk it through with you, in confidence.",
        },
        notice {
          id = "feeling",
          phrases = { "you feel*", "you felt" },
          praise = "You named how the other person feels.",
          hint = "Try naming how they feel: \"you feel ...\".",
        },
        flag {
          id = "but",
          phrases = { "but" },
          message = "A \"but\" can take back what came before it.",
        },
        length { id = "length", min = 5, too_short = "Say a little more of what you heard." },
      },
    },
  },
  examples = {
    example { answer = "You feel tired when I come home late.",
      praise = { "feeling" } },
    example { answer = "You felt alone, but I was working.",
      praise = { "feeling" }, flag = { "but" } },
    example { answer = "I heard that the evenings are hard.",
      missing = { "feeling" } },
    example { answer = "You feel sad.", praise = { "feeling" },
      length = { "length" } },
    example { answer = "I am scared of you when you shout, you feel angry.",
      concern = { "afraid" } },
  },
}
