-- Every helper and every option once: the model's JSON form is compared
-- with everything.json byte for byte (tests/check_exercise.c).
local rules = {
  notice { id = "own", phrases = { "I did", "my fault" }, except = { "whatever I did" },
    praise = "You own it.", hint = "Say what you did." },
  flag { id = "if", phrases = { "sorry if" }, message = "Leave out the “if”." },
  length { min = 3, max = 50.0, too_short = "A little more?", too_long = "Shorter?" },
}

return exercise {
  title = "Everything",
  intro = "First paragraph.\n\nSecond paragraph.",
  audience = "both",
  print = { orientation = "landscape" },
  fields = {
    short_text { id = "name", label = "Your name", print = { height_mm = 12 } },
    long_text { id = "story", label = "Your story", help = "Take your time.",
      feedback = rules },
    rewrite { id = "again", label = "Say it again", original = "Sorry if.",
      feedback = { rules[2] }, print = { lines = 2 } },
    checklist { id = "seen", label = "Seen", items = {
      { id = "a", label = "A" }, { id = "b", label = "B" } } },
    table { id = "grid", label = "Grid", row_header = "Row",
      columns = {
        { id = "x", label = "X", width = 2, partner = true, feedback = { rules[2] } },
        { id = "y", label = "Y", size = "short" },
      },
      rows = { { id = "one", label = "One", note = "The first" } },
      blank_rows = 1,
      print = { height_mm = 20 } },
    scale { id = "how", label = "How much", low = "Little", high = "Much" },
    signature { id = "sign", label = "Signed" },
    signature { id = "both", label = "Both", signers = { "A", "B" }, date = false },
    date { id = "when", label = "When" },
  },
  examples = {
    example { answer = "It was my fault.", praise = { "own" } },
    { field = "grid.x", answer = "sorry if", note = "A table cell.", flag = { "if" } },
    example { field = "story", answer = "sorry if",
      length = { "length" }, missing = { "own" }, flag = { "if" } },
  },
  sources = { "A book.", { text = "A paper.", url = "https://example.org/paper" } },
  facilitator = { introduce = "Gently.", time = "10 minutes",
    watch_for = { "Tears." }, prompts = { "How was it?", "What next?" } },
}
