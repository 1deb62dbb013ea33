-- expect: exercises/missing-label.lua:5: error: field 1 ('apology'): needs a label (label = "..."): every field is labelled on the form and on paper
return exercise {
  title = "A field without a label",
  fields = {
    long_text { id = "apology" },
  },
}
