-- A worksheet in the site's language, for check_pdf: its title, prompts and
-- labels in that script (ids stay ASCII).
return exercise {
  title = "信任练习表",
  intro = "请平静地写下你的回答。没有错误的答案。",
  audience = "one",
  fields = {
    short_text { id = "safe", label = "什么能帮助你感到安全？", help = "写一两句话。" },
    checklist { id = "matters", label = "对你重要的事", items = {
        { id = "item1", label = "倾听" },
        { id = "item2", label = "诚实" },
        { id = "item3", label = "耐心" },
      } },
    scale { id = "trust", label = "你今天有多信任？", low = "一点",
      high = "很多" },
    table { id = "agree", label = "我们的约定", row_header = "方面",
      columns = { { id = "need", label = "我需要什么" },
        { id = "offer", label = "我能给什么" } },
      rows = {
        { id = "row1", label = "沟通" },
        { id = "row2", label = "金钱" },
      },
      print = { lines = 2 } },
  },
}
