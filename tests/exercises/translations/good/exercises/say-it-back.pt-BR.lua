-- Repita o que ouviu: the Brazilian Portuguese translation of
-- say-it-back.lua.
return exercise {
  title = "Repita o que ouviu",
  intro = "Antes de responder, repita para o seu parceiro o que você ouviu.",
  audience = "both",
  fields = {
    checklist {
      id = "ready",
      label = "Antes de começar",
      items = {
        { id = "calm", label = "Nós dois estamos calmos para conversar" },
        { id = "time", label = "Temos vinte minutos" },
      },
    },
    long_text {
      id = "reflect",
      label = "O que ouvi você dizer",
      feedback = {
        notice {
          id = "feeling",
          phrases = { "você se sente", "você se sentiu", "você sente" },
          praise = "Você disse o que o seu parceiro sente.",
          hint = "Tente dizer o que o seu parceiro sente: \"você se sente ...\".",
        },
        flag {
          id = "but",
          phrases = { "mas", "porém" },
          message = "Um \"mas\" pode desfazer o que veio antes.",
        },
        length { min = 5, too_short = "Diga um pouco mais do que você ouviu." },
      },
    },
    table {
      id = "plan",
      label = "Do que cada um precisa",
      row_header = "Área",
      columns = {
        { id = "need", label = "Do que eu preciso", feedback = {
          notice { id = "i-need", phrases = { "eu preciso", "preciso" },
            hint = "Comece com \"eu preciso\"." },
        } },
        { id = "offer", label = "O que posso oferecer", size = "short" },
      },
      rows = {
        { id = "time", label = "Tempo juntos" },
        { id = "chores", label = "Tarefas de casa" },
      },
      blank_rows = 1,
    },
  },
  examples = {
    example { answer = "Você se sente cansada quando chego tarde em casa.",
      praise = { "feeling" } },
    example { answer = "Você se sentiu sozinho, PORÉM eu estava trabalhando.",
      praise = { "feeling" }, flag = { "but" } },
    example { answer = "Ouvi que as noites estão difíceis para você.",
      missing = { "feeling" } },
    example { answer = "Você sente tristeza.", praise = { "feeling" },
      length = { "length" } },
    example { field = "plan.need", answer = "Preciso de uma noite tranquila por semana.",
      missing = {} },
    example { field = "plan.need", answer = "Uma noite tranquila por semana.",
      missing = { "i-need" } },
  },
}
