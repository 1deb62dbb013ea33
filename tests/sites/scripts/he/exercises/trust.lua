-- A worksheet in the site's language, for check_pdf: its title, prompts and
-- labels in that script (ids stay ASCII).
return exercise {
  title = "דף עבודה על אמון",
  intro = "כתבו את התשובות שלכם בנחת. אין תשובות שגויות.",
  audience = "one",
  fields = {
    short_text { id = "safe", label = "מה עוזר לך להרגיש בטוח?", help = "כתבו משפט אחד או שניים." },
    checklist { id = "matters", label = "מה חשוב לך", items = {
        { id = "item1", label = "הקשבה" },
        { id = "item2", label = "כנות" },
        { id = "item3", label = "סבלנות" },
      } },
    scale { id = "trust", label = "כמה אמון יש לך היום?", low = "מעט",
      high = "הרבה" },
    table { id = "agree", label = "ההסכמים שלנו", row_header = "תחום",
      columns = { { id = "need", label = "מה אני צריך" },
        { id = "offer", label = "מה אני נותן" } },
      rows = {
        { id = "row1", label = "תקשורת" },
        { id = "row2", label = "כסף" },
      },
      print = { lines = 2 } },
  },
}
