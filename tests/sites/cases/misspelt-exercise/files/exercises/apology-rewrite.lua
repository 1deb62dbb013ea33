-- A small exercise for the build tests.
return exercise {
  title = "Rewrite an apology",
  audience = "one",
  fields = { long_text { id = "apology", label = "Your apology" } },
}
