-- The Arabic translation of agreements.lua (the same ids), laid out right
-- to left.
return exercise {
  title = "ورقة الاتفاقات",
  intro = "املأ كل خانة على مهلك. يمكن ترك أي صف فارغًا.",
  audience = "both",
  fields = {
    table {
      id = "areas",
      label = "اتفاقاتنا",
      help = "لكل مجال: ما أحتاجه، وما أستطيع تقديمه.",
      row_header = "المجال",
      columns = {
        { id = "need", label = "ما أحتاجه", width = 3 },
        { id = "offer", label = "ما أستطيع تقديمه", width = 3 },
        { id = "initials", label = "الأحرف الأولى", size = "short", width = 2 },
      },
      rows = {
        { id = "talk", label = "الحديث", note = "متى وكيف نتحدث" },
        { id = "time", label = "الوقت", note = "وقت معًا ووقت لكل منا" },
      },
      print = { lines = 2 },
    },
    long_text {
      id = "reflection",
      label = "ملاحظة قصيرة",
      help = "ما الذي كان سهلًا؟ وما الذي كان أصعب؟",
      feedback = {
        length { id = "length", min = 4, too_short = "بضع كلمات أخرى قد تساعد: ما الذي جعله سهلًا أو صعبًا؟" },
      },
      print = { lines = 3 },
    },
    checklist {
      id = "ready",
      label = "قبل أن نبدأ",
      items = {
        { id = "calm", label = "نحن هادئان الآن" },
        { id = "time", label = "لدينا وقت كافٍ" },
      },
    },
    scale {
      id = "comfort",
      label = "كم تشعر بالراحة؟",
      low = "قليلًا",
      high = "كثيرًا",
    },
  },
}
