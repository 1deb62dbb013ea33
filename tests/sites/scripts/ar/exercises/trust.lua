-- A worksheet in the site's language, for check_pdf: its title, prompts and
-- labels in that script (ids stay ASCII).  No lam before an alef: the
-- lam-alef ligature's text is right in the PDF (its ActualText), but
-- pdftotext gives its two letters backwards.
return exercise {
  title = "ورقة عمل الثقة",
  intro = "اكتب إجاباتك بهدوء وبصدق.",
  audience = "one",
  fields = {
    short_text { id = "safe", label = "ما الذي يساعدك في الشعور بالراحة؟", help = "اكتب جملة واحدة أو جملتين." },
    checklist { id = "matters", label = "ما يهمك", items = {
        { id = "item1", label = "الهدوء" },
        { id = "item2", label = "الصدق" },
        { id = "item3", label = "الصبر" },
      } },
    scale { id = "trust", label = "كم تثق اليوم؟", low = "ضعيفة",
      high = "قوية" },
    table { id = "agree", label = "اتفاقاتنا", row_header = "المجال",
      columns = { { id = "need", label = "ما أحتاجه" },
        { id = "offer", label = "ما أقدمه" } },
      rows = {
        { id = "row1", label = "التواصل" },
        { id = "row2", label = "المال" },
      },
      print = { lines = 2 } },
  },
}
