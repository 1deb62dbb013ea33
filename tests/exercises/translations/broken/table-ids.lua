-- expect: exercises/say-it-back.fr.lua:36: error: table 'plan' has no row 'chores'; exercises/say-it-back.lua has one (a translation keeps the original's row ids)
-- expect: exercises/say-it-back.fr.lua:36: error: table 'plan' has a row 'money'; exercises/say-it-back.lua has none (a translation keeps the original's row ids)
-- expect: exercises/say-it-back.fr.lua:36: error: table 'plan' has no column 'offer'; exercises/say-it-back.lua has one (a translation keeps the original's column ids)
-- expect: exercises/say-it-back.fr.lua:36: error: table 'plan' has a column 'give'; exercises/say-it-back.lua has none (a translation keeps the original's column ids)
-- expect: exercises/say-it-back.fr.lua:36: error: table 'plan' has 2 blank rows; exercises/say-it-back.lua has 1 (a translation keeps the original's rows)
return exercise {
  title = "Redites ce que vous avez entendu",
  audience = "both",
  fields = {
    checklist {
      id = "ready",
      label = "Avant de commencer",
      items = {
        { id = "calm", label = "Nous sommes calmes" },
        { id = "time", label = "Nous avons vingt minutes" },
      },
    },
    long_text {
      id = "reflect",
      label = "Ce que je t'ai entendu dire",
      feedback = {
        notice {
          id = "feeling",
          phrases = { "tu te sens" },
          praise = "Vous avez nommé ce que ressent votre partenaire.",
          hint = "Nommez ce que ressent votre partenaire.",
        },
        flag {
          id = "but",
          phrases = { "mais" },
          message = "Un « mais » peut effacer ce qui précède.",
        },
        length { min = 5, too_short = "Dites-en un peu plus." },
      },
    },
    table {
      id = "plan",
      label = "Ce dont chacun a besoin",
      row_header = "Domaine",
      columns = {
        { id = "need", label = "Ce dont j'ai besoin", feedback = {
          notice { id = "i-need", phrases = { "j'ai besoin" },
            hint = "Commencez par « j'ai besoin »." },
        } },
        { id = "give", label = "Ce que je peux donner", size = "short" },
      },
      rows = {
        { id = "time", label = "Du temps ensemble" },
        { id = "money", label = "L'argent" },
      },
      blank_rows = 2,
    },
  },
}
