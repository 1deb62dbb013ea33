-- Repite lo que oíste: the Spanish translation of say-it-back.lua, with
-- its own phrases and examples.
return exercise {
  title = "Repite lo que oíste",
  intro = "Antes de responder, escribe lo que oíste, con tus propias palabras.",
  fields = {
    long_text {
      id = "reflect",
      label = "Lo que te oí decir",
      feedback = {
        concern {
          id = "afraid",
          phrases = { "miedo de ti", "me haces daño", "me pegas", "me pegaste",
            "me amenaza*" },
          message = "Lo que escribiste sugiere que quizá no estés a salvo. "
            .. "Deja este ejercicio a un lado: tu seguridad importa más. Las "
            .. "líneas de ayuda de esta página pueden hablarlo contigo, en "
            .. "confianza.",
        },
        notice {
          id = "feeling",
          phrases = { "te sientes", "te sentiste", "sientes" },
          praise = "Nombraste cómo se siente la otra persona.",
          hint = "Prueba a nombrar cómo se siente: «te sientes ...».",
        },
        flag {
          id = "but",
          phrases = { "pero" },
          message = "Un «pero» puede borrar lo que vino antes.",
        },
        length { id = "length", min = 5, too_short = "Di un poco más de lo que oíste." },
      },
    },
  },
  examples = {
    example { answer = "Te sientes cansada cuando llego tarde a casa.",
      praise = { "feeling" } },
    example { answer = "Te sentiste sola, pero yo estaba trabajando.",
      praise = { "feeling" }, flag = { "but" } },
    example { answer = "Oí que las tardes son difíciles.",
      missing = { "feeling" } },
    example { answer = "Te sientes triste.", praise = { "feeling" },
      length = { "length" } },
    example { answer = "Tengo miedo de ti cuando gritas y te sientes enfadado.",
      concern = { "afraid" } },
  },
}
