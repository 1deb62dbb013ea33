-- expect: exercises/unknown-type.lua:2: error: field 1 ('story'): unknown field type 'essay': use short_text, long_text, rewrite, checklist, table, scale, signature or date
return exercise {
  title = "An unknown field type",
  fields = {
    { type = "essay", id = "story", label = "Your story" },
  },
}
