-- expect: exercises/negative-lines.lua:5: error: field 1 ('apology'): print: 'lines' must be a whole number from 1 to 40, not -3
return exercise {
  title = "Writing lines below zero",
  fields = {
    long_text { id = "apology", label = "Your apology", print = { lines = -3 } },
  },
}
