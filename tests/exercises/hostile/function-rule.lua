-- expect: exercises/function-rule.lua:5: error: field 1 ('apology'): feedback rule 1: feedback rules are data, not code: write notice { ... }, flag { ... }, concern { ... } or length { ... }, not a function
return exercise {
  title = "A rule written as code",
  fields = {
    long_text { id = "apology", label = "Your apology",
      feedback = { function(answer) return answer:find("sorry") end } },
  },
}
