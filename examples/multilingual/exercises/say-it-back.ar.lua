-- أعد ما سمعته: the Arabic translation of say-it-back.lua, with its own
-- phrases and examples.
return exercise {
  title = "أعد ما سمعته",
  intro = "قبل أن تجيب، اكتب ما سمعته بكلماتك أنت.",
  fields = {
    long_text {
      id = "reflect",
      label = "ما سمعتك تقوله",
      feedback = {
        concern {
          id = "afraid",
          phrases = { "أخاف منك", "خائف منك", "خائفة منك", "تؤذيني",
            "ضربتني", "تضربني", "تهددني" },
          message = "ما كتبته يوحي بأنك قد لا تكون في أمان. ضع هذا التمرين "
            .. "جانبًا: سلامتك أهم. خطوط المساعدة في هذه الصفحة تستطيع أن "
            .. "تتحدث معك بسرية.",
        },
        notice {
          id = "feeling",
          phrases = { "تشعر", "تشعرين", "شعرت" },
          praise = "ذكرت ما يشعر به الشخص الآخر.",
          hint = "جرّب أن تذكر ما يشعر به: «تشعر ...».",
        },
        flag {
          id = "but",
          phrases = { "لكن", "لكني", "لكنك" },
          message = "كلمة «لكن» قد تمحو ما قيل قبلها.",
        },
        length { id = "length", min = 5, too_short = "قل المزيد مما سمعته." },
      },
    },
  },
  examples = {
    example { answer = "تشعر بالتعب عندما أعود متأخرا إلى البيت.",
      praise = { "feeling" } },
    example { answer = "شعرت بالوحدة لكني كنت أعمل.",
      praise = { "feeling" }, flag = { "but" } },
    example { answer = "سمعت أن المساء صعب عليك كثيرا.",
      missing = { "feeling" } },
    -- with diacritics and a tatweel, as some keyboards type them
    example { answer = "شَعَرْتَ بالتعـب عندما عدت متأخرا إلى البيت.",
      praise = { "feeling" } },
    example { answer = "تشعرين بالحزن.", praise = { "feeling" },
      length = { "length" } },
    example { answer = "أنا أخاف منك عندما تصرخ وتشعر بالغضب.",
      concern = { "afraid" } },
  },
}
