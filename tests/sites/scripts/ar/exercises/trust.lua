-- A worksheet in the site's language, for check_pdf: its title, prompts and
-- labels in that script (ids stay ASCII).
return exercise {
  title = "ورقة عمل الثقة",
  intro = "اكتب إجاباتك بهدوء. لا توجد إجابات خاطئة.",
  audience = "one",
  fields = {
    short_text { id = "safe", label = "ما الذي يساعدك على الشعور بالأمان؟", help = "اكتب جملة واحدة أو جملتين." },
    checklist { id = "matters", label = "ما يهمك", items = {
        { id = "item1", label = "الاستماع" },
        { id = "item2", label = "الصدق" },
        { id = "item3", label = "الصبر" },
      } },
    scale { id = "trust", label = "كم تثق اليوم؟", low = "قليلاً",
      high = "كثيراً" },
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
