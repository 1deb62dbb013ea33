-- In Latin script until the PDFs set Arabic (issue 17, item 7): the
-- theme's words around it are what this fixture tests.
return exercise {
  title = "Write",
  intro = "A place to write.",
  fields = {
    long_text {
      id = "answer",
      label = "What would you like to say?",
      feedback = { length { min = 2, too_short = "A few more words could help." } },
      print = { lines = 3 },
    },
  },
  examples = {
    example { answer = "I feel sad today" },
    example { answer = "Sad", length = { "length" } },
  },
}
