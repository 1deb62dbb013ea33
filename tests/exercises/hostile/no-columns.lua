-- expect: exercises/no-columns.lua:7: error: field 3 ('areas'): a table needs at least one column
return exercise {
  title = "A table without columns",
  fields = {
    short_text { id = "names", label = "Your names" },
    date { id = "today", label = "Today" },
    table { id = "areas", label = "Areas", row_header = "Area", columns = {},
            rows = { { id = "money", label = "Money" } } },
  },
}
