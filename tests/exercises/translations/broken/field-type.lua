-- expect: exercises/say-it-back.fr.lua:14: error: field 'reflect' is a short_text; in exercises/say-it-back.lua it is a long_text (a translation keeps each field's type)
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
    short_text {
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
  },
}
