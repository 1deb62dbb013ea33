-- expect: exercises/say-it-back.fr.lua:3: error: there is no field 'ready'; exercises/say-it-back.lua has one (a translation keeps the original's field ids)
-- expect: exercises/say-it-back.fr.lua:42: error: field 'notes' is not in exercises/say-it-back.lua (a translation keeps the original's field ids)
return exercise {
  title = "Redites ce que vous avez entendu",
  audience = "both",
  fields = {
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
        { id = "offer", label = "Ce que je peux offrir", size = "short" },
      },
      rows = {
        { id = "time", label = "Du temps ensemble" },
        { id = "chores", label = "Les tâches" },
      },
      blank_rows = 1,
    },
    long_text { id = "notes", label = "Notes" },
  },
}
