-- أعد ما سمعته: the Arabic translation of say-it-back.lua.  Its phrases
-- are words with spaces around them, without diacritics, tatweel or the
-- Arabic comma, so today's matcher finds them as the new one will.
return exercise {
  title = "أعد ما سمعته",
  intro = "قبل أن تجيب شريكك، أعد عليه ما سمعته منه.",
  audience = "both",
  fields = {
    checklist {
      id = "ready",
      label = "قبل أن تبدأ",
      items = {
        { id = "calm", label = "كلانا هادئ بما يكفي للحديث" },
        { id = "time", label = "لدينا عشرون دقيقة" },
      },
    },
    long_text {
      id = "reflect",
      label = "ما سمعتك تقوله",
      feedback = {
        notice {
          id = "feeling",
          phrases = { "تشعر", "تشعرين", "شعرت" },
          praise = "ذكرت ما يشعر به شريكك.",
          hint = "جرّب أن تذكر ما يشعر به شريكك: «تشعر ...».",
        },
        flag {
          id = "but",
          phrases = { "لكن", "لكني", "لكنك" },
          message = "كلمة «لكن» قد تمحو ما قيل قبلها.",
        },
        length { min = 5, too_short = "قل المزيد مما سمعته." },
      },
    },
    table {
      id = "plan",
      label = "ما يحتاجه كل منا",
      row_header = "المجال",
      columns = {
        { id = "need", label = "ما أحتاجه", feedback = {
          notice { id = "i-need", phrases = { "أحتاج" },
            hint = "ابدأ بكلمة «أحتاج»." },
        } },
        { id = "offer", label = "ما أستطيع تقديمه", size = "short" },
      },
      rows = {
        { id = "time", label = "وقت معا" },
        { id = "chores", label = "أعمال البيت" },
      },
      blank_rows = 1,
    },
  },
  examples = {
    example { answer = "تشعر بالتعب عندما أعود متأخرا إلى البيت.",
      praise = { "feeling" } },
    example { answer = "شعرت بالوحدة لكني كنت أعمل.",
      praise = { "feeling" }, flag = { "but" } },
    example { answer = "سمعت أن المساء صعب عليك كثيرا.",
      missing = { "feeling" } },
    example { answer = "تشعرين بالحزن.", praise = { "feeling" },
      length = { "length" } },
    example { field = "plan.need", answer = "أحتاج مساء هادئا كل أسبوع.",
      missing = {} },
    example { field = "plan.need", answer = "مساء هادئ كل أسبوع.",
      missing = { "i-need" } },
  },
}
