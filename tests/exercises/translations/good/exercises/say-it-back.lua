-- Say it back: the original, in English.  Its translations keep every
-- field, rule, item, row and column id below.
return exercise {
  title = "Say it back",
  intro = "Before you answer your partner, say back what you heard.",
  audience = "both",
  fields = {
    checklist {
      id = "ready",
      label = "Before you start",
      items = {
        { id = "calm", label = "We are both calm enough to talk" },
        { id = "time", label = "We have twenty minutes" },
      },
    },
    long_text {
      id = "reflect",
      label = "What I heard you say",
      feedback = {
        notice {
          id = "feeling",
          phrases = { "you feel*", "you felt" },
          praise = "You named how your partner feels.",
          hint = "Try naming how your partner feels: \"you feel ...\".",
        },
        flag {
          id = "but",
          phrases = { "but" },
          message = "A \"but\" can take back what came before it.",
        },
        length { min = 5, too_short = "Say a little more of what you heard." },
      },
    },
    table {
      id = "plan",
      label = "What we each need",
      row_header = "Area",
      columns = {
        { id = "need", label = "What I need", feedback = {
          notice { id = "i-need", phrases = { "I need" },
            hint = "Start with \"I need\"." },
        } },
        { id = "offer", label = "What I can offer", size = "short" },
      },
      rows = {
        { id = "time", label = "Time together" },
        { id = "chores", label = "Chores" },
      },
      blank_rows = 1,
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
    example { field = "plan.need", answer = "I need one quiet evening a week.",
      missing = {} },
    example { field = "plan.need", answer = "One quiet evening a week.",
      missing = { "i-need" } },
  },
}
