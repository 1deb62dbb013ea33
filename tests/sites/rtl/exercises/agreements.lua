-- A small exercise for tests/browser/rtl.mjs: a table, a long text, a
-- checklist and a scale; agreements.ar.lua is its Arabic translation.
return exercise {
  title = "Our agreements",
  intro = "Fill in each box at your own pace. Any row can stay empty.",
  audience = "both",
  fields = {
    table {
      id = "areas",
      label = "What we agree",
      help = "For each area: what I need, and what I can offer.",
      row_header = "Area",
      columns = {
        { id = "need", label = "What I need", width = 3 },
        { id = "offer", label = "What I can offer", width = 3 },
        { id = "initials", label = "Initials", size = "short", width = 2 },
      },
      rows = {
        { id = "talk", label = "Talking", note = "When and how we talk" },
        { id = "time", label = "Time", note = "Time together, and apart" },
      },
      print = { lines = 2 },
    },
    long_text {
      id = "reflection",
      label = "A short note",
      help = "What was easy? What was harder?",
      feedback = {
        length { id = "length", min = 4, too_short = "A few more words would help: what made it easy, or hard?" },
      },
      print = { lines = 3 },
    },
    checklist {
      id = "ready",
      label = "Before we start",
      items = {
        { id = "calm", label = "We both feel calm now" },
        { id = "time", label = "We have enough time" },
      },
    },
    scale {
      id = "comfort",
      label = "How comfortable do you feel?",
      low = "A little",
      high = "A lot",
    },
  },
}
