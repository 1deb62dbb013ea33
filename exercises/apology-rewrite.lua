-- Apology rewrite: on "Apologize Sincerely".
--
-- The reader looks at apologies that sound like apologies but step around
-- what happened, rewrites one, then writes their own.  The feedback notices
-- what a good apology holds, after Lewicki, Polin and Lount (2016): of six
-- components (regret, explanation, acknowledgment of responsibility,
-- declaration of repentance, offer of repair, request for forgiveness),
-- acknowledging responsibility and offering repair mattered most, asking
-- for forgiveness least.  It flags the non-apology forms: the conditional
-- "if", "sorry you feel", the excusing "but", the passive "mistakes were
-- made", a vague object, blaming and minimising, and hurrying the other
-- person on.
--
-- Phrases are matched as whole words, ignoring case and the kind of
-- apostrophe (see the README, "Exercises").  They can only notice words,
-- never sincerity: every message is written to be fair even when a phrase
-- was used in a way it did not foresee.

-- Join several phrase lists into one.
local function join(...)
  local all = {}
  for _, list in ipairs({ ... }) do
    for _, phrase in ipairs(list) do
      all[#all + 1] = phrase
    end
  end
  return all
end

-- Doing something, named in the first person: also owning it.
local named = {
  "I lied", "I've lied", "I have lied", "I've been lying", "I have been lying",
  "I hid", "I've been hiding", "I kept", "I cheated", "I was unfaithful",
  "I broke", "I've broken", "I have broken", "I read", "I went through",
  "I looked through", "I checked your", "I snooped", "I tracked", "I told",
  "I didn't tell", "I did not tell", "I never told", "I wasn't honest",
  "I was not honest", "I wasn't truthful", "I was dishonest",
  "I've been dishonest", "I have been dishonest", "I deceived", "I betrayed",
  "I went behind", "I said", "I called you", "I yelled", "I shouted",
  "I snapped", "I insulted", "I mocked", "I made fun", "I criticised",
  "I criticized", "I belittled", "I embarrassed", "I humiliated", "I spent",
  "I took", "I borrowed", "I gambled", "I lost", "I texted", "I messaged",
  "I sent", "I flirted", "I met", "I slept", "I ignored", "I forgot",
  "I missed", "I left", "I stayed out", "I walked out", "I walked away",
  "I shut you out", "I stopped talking", "I didn't call", "I did not call",
  "I didn't come", "I didn't show up", "I wasn't there", "I was not there",
  "I let you down", "I've let you down", "I blamed", "I pressured",
  "I pushed you", "I made fun", "I walked", "wrong to",
  "for lying", "for hiding", "for cheating",
  "for breaking", "for reading", "for keeping", "for not telling", "for yelling",
  "for shouting", "for going through", "for the lie", "for the lies",
  "for what I said",
}

-- "I said" and "I told" are also how a pressing apology begins.
local not_named = {
  "I said I'm sorry", "I said I am sorry", "I said sorry", "as I said",
  "like I said", "I told you I'm sorry", "I told you I was sorry",
  "as I told you", "like I told you",
}

-- Taking responsibility without naming the act.
local owning = {
  "I did", "what I did", "I was wrong", "I made a mistake", "I made mistakes",
  "I messed up", "I screwed up", "I chose", "I decided", "I made", "I caused",
  "I've caused", "I have caused", "my fault", "my mistake", "my choice",
  "my responsibility", "I take responsibility", "I take full responsibility",
  "I'm responsible", "I am responsible", "it was me", "that was me",
  "that's on me", "that is on me", "this is on me", "it's on me", "I own",
  "I hurt you", "I've hurt you", "I have hurt you",
}

-- Safety first: a concern (violence, threats, control...) stands alone.
local rules = join(include "concerns", {
  notice {
    id = "regret",
    phrases = { "sorry", "apologi*", "I regret", "ashamed", "I feel terrible",
      "I feel awful", "I wish I hadn't", "I wish I had" },
    except = { "sorry if", "sorry you", "sorry that you", "sorry, but",
      "sorry but", "sorry for whatever", "sorry for anything",
      "sorry for everything", "sorry about everything", "sorry for what happened",
      "sorry about what happened", "sorry for how you", "sorry about how you",
      "apologize if", "apologise if", "apologies if", "said I'm sorry",
      "said I am sorry", "said sorry", "say sorry", "not sorry",
      "already apologi*" },
    praise = "You say plainly that you are sorry.",
  },
  notice {
    id = "ownership",
    phrases = join(named, owning),
    except = join(not_named, { "whatever I did", "if I did", "anything I did",
      "know what I did", "sure what I did", "I did not mean", "I did nothing",
      "I made you feel like", "if I made", "if I caused" }),
    praise = "You take responsibility in your own words. In the research on "
      .. "apologies, this mattered more than anything else.",
    hint = "Try owning it as your action, in the first person: “I lied to "
      .. "you”, “I broke my promise”, “That was my choice.”",
  },
  notice {
    id = "naming",
    phrases = named,
    except = not_named,
    praise = "You name what you did. Being specific shows you understand "
      .. "what happened.",
    hint = "Name what you did, plainly and specifically, for example “I read "
      .. "your messages without asking” or “I wasn’t honest about the money.”",
  },
  notice {
    id = "impact",
    phrases = { "hurt you", "hurt your", "hurting you", "hurtful", "the hurt",
      "your hurt", "how much it hurt", "how much I hurt", "the pain", "your pain",
      "pain I caused", "pain I've caused", "caused you", "made you feel",
      "how you felt", "how you feel", "you felt", "you must have felt",
      "you must feel", "left you", "your trust", "the trust", "scared you",
      "frightened you", "worried you", "upset you", "embarrassed you",
      "humiliated you", "disrespected you", "let you down", "you feel alone",
      "you feel unsafe", "you feel lonely", "you feel afraid",
      "doubt yourself", "hard to trust", "hard for you",
      "you can't trust", "you couldn't trust", "cost you", "affected you",
      "what it did to you", "what this did to you", "what it's done to you",
      "you felt", "made you", "left you", "it hurt", "you were frightened|scared|worried",
      "you waited", "humiliat*", "embarrass*", "you doubt", "must have felt", "felt let down", "and felt",
      "made it hard", "you found out" },
    except = { "if you feel", "if you felt", "if it hurt", "if I hurt",
      "if I've hurt", "if I have hurt", "if that hurt", "if this hurt",
      "if I upset", "if I let you down", "sorry you feel", "sorry you felt",
      "sorry that you feel", "sorry that you felt", "sorry for how you feel",
      "sorry for how you felt", "sorry about how you feel",
      "sorry about how you felt", "meant to hurt you", "mean to hurt you",
      "meant to upset you", "mean to upset you" },
    praise = "You acknowledge how it affected your partner.",
    hint = "Say how it affected your partner, as best you understand it: "
      .. "“I know it hurt you”, “It left you feeling alone.”",
  },
  notice {
    id = "repair",
    phrases = { "make it right", "make this right", "make things right",
      "make it up to you", "make up for", "make amends", "repair",
      "put it right", "put this right", "put things right", "fix this",
      "what can I do", "what would help", "what do you need", "what you need",
      "whatever you need", "anything you need", "how can I", "let me know what",
      "I'll answer", "I will answer", "any question", "any questions",
      "ask me anything", "I'll be open", "I will be open", "I'll show you",
      "I will show you", "you can check", "you can see my", "I'll pay",
      "I will pay", "pay you back", "pay it back", "counsel*", "therap*",
      "I'm willing", "I am willing", "I'll do whatever", "I will do whatever",
      "earn back", "earn your trust", "rebuild", "I'll listen", "I will listen",
      "tell you the truth", "I'll be honest", "I will be honest",
      "apologise to them", "apologize to them", "tell them it was wrong",
      "tell them I was wrong", "told him I was wrong", "told her I was wrong",
      "I'll tell them|him|her", "I will tell them|him|her",
      "take you out", "celebrate", "make it up", "support group",
      "meeting*", "stopped all contact", "help you feel", "I'd like to hear",
      "I would like to hear", "I want to understand", "I'll pay|show",
      "I will pay|show", "let me make" },
    praise = "You offer something to help put it right. Along with taking "
      .. "responsibility, this mattered most in the research.",
    hint = "You might offer something that could help repair it: “I’ll "
      .. "answer any question you have”, “What would help you feel safer?”",
  },
  notice {
    id = "commitment",
    phrases = { "I will", "I'll", "I won't", "I will not", "I'm going to",
      "I am going to", "from now on", "from today", "starting today",
      "starting now", "going forward", "in future", "in the future",
      "next time", "never again", "not again", "I promise", "I commit",
      "I'm committed", "I am committed", "I've stopped", "I have stopped",
      "I've started", "I have started", "I'm working on", "I am working on",
      "I'm learning", "I am learning", "I've deleted", "I have deleted",
      "I've ended", "I have ended", "I've blocked", "I have blocked",
      "I'm changing", "I am changing", "I want to change",
      "I have set|joined|booked|started|made", "I've set|joined|booked|started|made",
      "set a reminder", "I'm starting", "I am starting", "next time",
      "again" },
    except = { "I'll never forget", "I will never forget", "I'll always regret",
      "I will always regret", "I'll regret", "I will regret",
      "I'll never forgive myself", "I will never forgive myself" },
    praise = "You say what will be different from now on.",
    hint = "Say what you will do differently from now on: “From now on, I "
      .. "will…”, “I won’t…”.",
  },
  notice {
    id = "space",
    phrases = { "when you're ready", "when you are ready", "in your own time",
      "take your time", "all the time you need", "as much time as you need",
      "no pressure", "I don't expect you to forgive",
      "I do not expect you to forgive", "you don't have to forgive",
      "you do not have to forgive", "whatever you decide", "I'll wait",
      "I will wait", "I'm not asking you to forgive",
      "I am not asking you to forgive" },
    praise = "You leave your partner room to take the time they need.",
  },

  flag {
    id = "conditional",
    phrases = { "sorry if", "apologize if", "apologise if", "apologies if",
      "if you feel", "if you felt", "if you were hurt", "if you were upset",
      "if you're hurt", "if you're upset", "if you are hurt",
      "if you are upset", "if I hurt", "if I've hurt", "if I have hurt",
      "if I upset", "if I've upset", "if I offended", "if I did anything",
      "if I did something", "if I've done", "if I have done", "if I made you",
      "if that hurt", "if it hurt", "if this hurt", "if anything I",
      "if I let you down", "if I caused" },
    message = "An “if” makes the apology sound unsure that anything happened, "
      .. "and leaves your partner to prove that it did. Try saying plainly "
      .. "what you did, without the “if”.",
  },
  flag {
    id = "their-feelings",
    phrases = { "sorry you feel", "sorry you felt", "sorry that you feel",
      "sorry that you felt", "sorry you're", "sorry you are", "sorry you were",
      "sorry that you're", "sorry that you are", "sorry that you were",
      "sorry for how you feel", "sorry for how you felt",
      "sorry about how you feel", "sorry about how you felt",
      "sorry you see it", "sorry you took it", "sorry you think" },
    message = "“Sorry you feel…” apologises for your partner’s feelings rather "
      .. "than for what you did, and can sound as if the problem is how they "
      .. "feel. Try apologising for your own action: “I’m sorry I…”.",
  },
  flag {
    id = "but",
    phrases = { "but", "however" },
    except = { "but also", "nothing but", "anything but", "all but" },
    message = "A “but” can undo the words before it: what follows often "
      .. "sounds like an excuse, even when it is meant as an explanation. Try "
      .. "ending the sentence before the “but”. An explanation can come "
      .. "later, if your partner asks for one.",
  },
  flag {
    id = "passive",
    phrases = { "mistakes were made", "mistakes have been made",
      "mistakes happen", "things were said", "things were done",
      "things happened", "it just happened", "it happened",
      "what happened happened", "things got out of hand", "it got out of hand",
      "things went wrong", "it was a mistake" },
    message = "Words like “mistakes were made” or “it happened” leave out who "
      .. "did it. Try saying it with “I”: “I made a mistake when I…”.",
  },
  flag {
    id = "vague",
    phrases = { "whatever I did", "whatever I've done", "whatever I have done",
      "whatever happened", "whatever it was", "anything I did",
      "anything I've done", "anything I have done", "anything I might have",
      "what I might have done", "whatever you think I did",
      "sorry for everything", "sorry about everything", "sorry for it all",
      "sorry for what happened", "sorry about what happened" },
    message = "This does not say what happened, which can sound as if you "
      .. "don’t know, or don’t agree. Try naming the specific thing you did.",
  },
  flag {
    id = "blame",
    phrases = { "you made me", "you always", "you never", "your fault",
      "because you", "you should have", "you shouldn't have",
      "you should not have", "you started", "you pushed", "you kept pushing",
      "you drove me", "if you hadn't", "if you had", "if you didn't",
      "you took it the wrong way", "you took it wrong", "you misunderstood",
      "you're too", "you are too", "you were too", "you did too",
      "you did it too", "we both", "both of us" },
    message = "This part points back at your partner. Even if there is more to "
      .. "say about what went on between you, an apology lands best when it "
      .. "speaks only about your side. The rest can be talked about another "
      .. "time.",
  },
  flag {
    id = "minimising",
    phrases = { "just", "only", "a little", "a bit", "little thing",
      "small thing", "no big deal", "not a big deal", "big deal",
      "not that bad", "wasn't that bad", "it was nothing", "joking", "kidding",
      "overreact*", "too sensitive", "so sensitive", "oversensitive",
      "over-sensitive", "dramatic", "out of proportion" },
    except = { "not just", "can we just", "not only", "the only", "only one",
      "only person" },
    message = "Words like “just”, “only” or “overreacting” can make what "
      .. "happened, or how your partner feels about it, sound smaller than it "
      .. "is to them. See whether the sentence is stronger without them.",
  },
  flag {
    id = "intent",
    phrases = { "didn't mean", "did not mean", "never meant", "I did not mean",
      "wasn't my intention", "was not my intention", "not my intention",
      "didn't intend", "did not intend", "never intended", "meant well",
      "good intentions" },
    message = "You may truly not have meant to hurt them, and it can matter to "
      .. "say so later. At the start of an apology, though, it moves the "
      .. "focus to your intentions, while the hurt is still real. Try first "
      .. "saying what you did and how it affected them.",
  },
  flag {
    id = "rushing",
    phrases = { "move on", "moving on", "get over it", "get past this",
      "get past it", "let it go", "forget about it", "forget it",
      "put it behind", "put this behind", "put all this behind",
      "forgive and forget", "can we just", "you have to forgive",
      "you need to forgive", "you should forgive", "you must forgive",
      "when will you forgive", "still upset", "still angry", "already apologi*",
      "already said sorry", "said I'm sorry", "said I am sorry", "said sorry" },
    except = { "when you're ready to move on", "when you are ready to move on",
      "move on when you're ready", "move on when you are ready" },
    message = "Asking to move on, or to be forgiven, can put pressure on "
      .. "someone who is still hurting. In the research, asking for "
      .. "forgiveness mattered least in an apology. You might leave your "
      .. "partner room to take the time they need.",
  },

  length {
    min = 8,
    max = 250,
    too_short = "A few more words could help. An apology that lands usually "
      .. "takes a sentence or two: what you did, and how it affected them.",
    too_long = "This is long, which can make the heart of it harder to hear. "
      .. "See if you can say it in a few sentences; there will be time for "
      .. "the rest.",
  },
})

return exercise {
  title = "Rewrite an apology",
  intro = "An apology can begin to repair trust, or it can quietly add to "
    .. "the hurt. Some apologies sound like apologies but step around what "
    .. "happened: they doubt it (“if”), turn to the other person’s feelings "
    .. "(“sorry you feel”), excuse it (“but”), or leave out who did it "
    .. "(“mistakes were made”).\n\n"
    .. "When researchers compared apologies, the ones people found most "
    .. "convincing took responsibility plainly and offered to repair the "
    .. "harm. Asking for forgiveness mattered least.\n\n"
    .. "This is a place to practise. There is no need to get it perfect, and "
    .. "no one has to see it. You decide if, when and how to say it.",
  audience = "one",

  fields = {
    checklist {
      id = "familiar",
      label = "Have any of these crept into apologies you have made?",
      help = "Tick any that sound familiar. Most of us have said some of "
        .. "them; noticing them is a first step.",
      items = {
        { id = "if", label = "“I’m sorry if you feel hurt.” The “if” doubts "
          .. "that anything happened." },
        { id = "feel", label = "“I’m sorry you feel that way.” It apologises "
          .. "for their feelings, not for what you did." },
        { id = "but", label = "“I’m sorry, but I was under a lot of stress.” "
          .. "The “but” turns it into an excuse." },
        { id = "passive", label = "“Mistakes were made.” No one is said to "
          .. "have made them." },
        { id = "vague", label = "“I’m sorry for whatever I did.” It does not "
          .. "say what happened." },
        { id = "minimise", label = "“I was only joking. You’re "
          .. "overreacting.” It makes the hurt smaller and hands it back." },
        { id = "rush", label = "“I said I’m sorry. Can we move on now?” It "
          .. "hurries them past the hurt." },
      },
    },

    rewrite {
      id = "rewrite",
      label = "Rewrite this apology so that it owns what happened",
      original = "I’m sorry if you feel hurt.",
      help = "Imagine it was said about something real. Replace the “if” "
        .. "with what you did, and say how it affected the other person.",
      feedback = rules,
      print = { lines = 4 },
    },

    long_text {
      id = "apology",
      label = "Now write your own apology, in your own words",
      help = "Write it to your partner, about one thing that happened. You "
        .. "might say plainly that you are sorry, name what you did, say how "
        .. "it affected them, say what you will do differently, and offer "
        .. "something that could help put it right.\n\n"
        .. "You don’t need to explain or defend yourself here. If there is "
        .. "more to talk about, there will be time for it later.",
      feedback = rules,
      print = { lines = 10 },
    },

    scale {
      id = "ready",
      label = "How ready do you feel to offer this apology?",
      help = "There is no right answer. An apology offered when you mean it "
        .. "is worth waiting for, and your partner may need time before they "
        .. "can hear it.",
      low = "Not ready yet",
      high = "Ready",
    },
  },

  sources = {
    {
      text = "Lewicki, R. J., Polin, B., & Lount, R. B., Jr. (2016). An "
        .. "exploration of the structure of effective apologies. Negotiation "
        .. "and Conflict Management Research, 9(2), 177–196.",
      url = "https://doi.org/10.1111/ncmr.12073",
    },
  },

  facilitator = {
    introduce = "Invite the person who broke the trust to try this on their "
      .. "own first, before any conversation together. Present it as "
      .. "practice in finding words that own what happened, not as a script "
      .. "to recite.\n\n"
      .. "The feedback looks for words and phrases. It cannot judge "
      .. "sincerity, and it will sometimes miss a good apology or question a "
      .. "fair one: treat it as a prompt for reflection, not a score.",
    time = "About 20 minutes",
    watch_for = {
      "Pressure on the hurt partner to accept the apology, or to forgive, "
        .. "on a timetable.",
      "An apology used to close a conversation that the hurt partner still "
        .. "needs to have.",
      "Explanations that drift back into blame, even after a clear written "
        .. "apology.",
      "Shame that stops someone writing at all. Starting with the rewrite, "
        .. "which is about a sentence rather than about themselves, can help.",
    },
    prompts = {
      "Which of these apologies have you heard, or said? How did it feel?",
      "What was hardest to put into words: what you did, how it affected "
        .. "your partner, or what you will do now?",
      "What would your partner need to see over the coming weeks for these "
        .. "words to mean something?",
    },
  },

  examples = {
    -- Safety first: a concern stands alone, whatever else the answer does.
    example {
      field = "apology",
      note = "Violence: the reader gets the safety message and nothing else.",
      answer = "I am sorry I hit you. It will not happen again.",
      concern = { "violence" },
    },
    example {
      field = "apology",
      note = "Shares a word with violence, and is an ordinary apology.",
      answer = "i hit a low point last year and shut you out. im sorry, i know it left you alone",
      praise = { "regret", "impact" },
      missing = { "ownership", "naming", "repair", "commitment" },
    },
    -- Rewrites of the vague and defensive apologies in the list.
    example {
      note = "The original, unchanged.",
      answer = "I’m sorry if you feel hurt.",
      flag = { "conditional" },
      missing = { "ownership", "naming", "impact", "repair", "commitment" },
      length = { "length" },
    },
    example {
      answer = "I’m sorry you feel that way.",
      flag = { "their-feelings" },
      missing = { "ownership", "naming", "impact", "repair", "commitment" },
      length = { "length" },
    },
    example {
      answer = "I’m sorry, but you know how stressed I’ve been at work.",
      flag = { "but" },
      missing = { "ownership", "naming", "impact", "repair", "commitment" },
    },
    example {
      answer = "Mistakes were made, and I regret how things turned out.",
      praise = { "regret" },
      flag = { "passive" },
      missing = { "ownership", "naming", "impact", "repair", "commitment" },
    },
    example {
      answer = "I’m sorry for whatever I did. Can we just move on now?",
      flag = { "vague", "rushing" },
      missing = { "ownership", "naming", "impact", "repair", "commitment" },
    },
    example {
      answer = "I was only joking. You’re overreacting.",
      flag = { "minimising" },
      missing = { "ownership", "naming", "impact", "repair", "commitment" },
      length = { "length" },
    },
    example {
      answer = "I’m sorry for what happened. Things got out of hand.",
      flag = { "passive", "vague" },
      missing = { "ownership", "naming", "impact", "repair", "commitment" },
    },
    example {
      answer = "We both said things we regret.",
      flag = { "blame" },
      missing = { "ownership", "naming", "impact", "repair", "commitment" },
      length = { "length" },
    },
    example {
      answer = "Sorry.",
      praise = { "regret" },
      missing = { "ownership", "naming", "impact", "repair", "commitment" },
      length = { "length" },
    },
    example {
      note = "The guide’s own better version: a good start, which could "
        .. "still name the act and say what changes.",
      answer = "I’m sorry for what I did and how it hurt you.",
      praise = { "regret", "ownership", "impact" },
      missing = { "naming", "repair", "commitment" },
    },

    -- Whole apologies.
    example {
      field = "apology",
      answer = "I’m sorry I lied to you about where I was that night. I know "
        .. "it hurt you and made it hard to trust me. From now on I will tell "
        .. "you the truth, even when it is hard, and I will answer any "
        .. "question you have.",
      praise = { "regret", "ownership", "naming", "impact", "repair",
        "commitment" },
    },
    example {
      field = "apology",
      note = "No “sorry” at all, yet it holds what mattered most in the "
        .. "research, and leaves room.",
      answer = "I read your messages without asking, and that was wrong. I "
        .. "broke your trust, and I know it made you feel watched in your own "
        .. "home. I won’t do it again. If you want, we can talk about what "
        .. "would help you feel safe, when you’re ready.",
      praise = { "ownership", "naming", "impact", "repair", "commitment",
        "space" },
    },
    example {
      field = "apology",
      answer = "I cheated on you, and there is no excuse for it. I know I "
        .. "caused you deep pain. I’ve ended all contact, I’m seeing a "
        .. "counsellor, and I’ll answer any question you ask, whenever you "
        .. "want to ask it.",
      praise = { "ownership", "naming", "impact", "repair", "commitment" },
    },
    example {
      field = "apology",
      note = "Typed quickly on a phone: no capitals, “im” for “I’m”.",
      answer = "im sorry i lied to you about the money. i know it hurt you. "
        .. "from now on i will show you every statement",
      praise = { "regret", "ownership", "naming", "impact", "repair",
        "commitment" },
    },
    example {
      field = "apology",
      answer = "I’m sorry I yelled, but you kept pushing me and it was only "
        .. "a little argument.",
      praise = { "regret", "ownership", "naming" },
      flag = { "but", "blame", "minimising" },
      missing = { "impact", "repair", "commitment" },
    },
    example {
      field = "apology",
      answer = "I never meant to hurt you. I’m sorry that I forgot your "
        .. "birthday, and I will make it up to you.",
      praise = { "regret", "ownership", "naming", "repair", "commitment" },
      flag = { "intent" },
      missing = { "impact" },
    },
    example {
      field = "apology",
      answer = "I’m sorry I didn’t tell you about the debt. I only kept it "
        .. "quiet because I didn’t want you to worry, and I was going to fix "
        .. "it myself.",
      praise = { "regret", "ownership", "naming" },
      flag = { "minimising" },
      missing = { "impact", "repair", "commitment" },
    },
    example {
      field = "apology",
      answer = "I’ve said I’m sorry a hundred times. You need to forgive me "
        .. "and let it go.",
      flag = { "rushing" },
      missing = { "ownership", "naming", "impact", "repair", "commitment" },
    },
  },
}
