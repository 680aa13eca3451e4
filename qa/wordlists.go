package qa

// Fixed word lists of the analysis: function words, fillers and chat
// words of English, French and Russian. None is about the story: its words
// come from the knowledge set.

// Filler words people wrap questions in ("can you tell me please…"). They
// are not snowball stopwords, but treating them as unknown content would
// make the engine refuse well-formed in-scope questions.
var (
	enFiller = wordSet("tell", "please", "pls", "plz", "know", "explain", "hey", "hi", "hello",
		"bot", "callbot", "thanks", "thank", "exactly", "really", "also",
		"ever", "anything", "something", "would", "could", "can", "may", "might", "must",
		"shall", "let", "us", "many", "much", "wondering", "wonder", "question",
		"info", "information", "details", "detail", "describe", "give", "show",
		"okay", "ok", "yes", "yeah", "like", "kind", "sort", "guys", "lol", "idk",
		"want", "need", "get", "got", "whats", "thing", "things", "one", "ones", "exact", "yet", "though",
		// Left of an apostrophe in contractions (didn't -> didn + t).
		"didn", "doesn", "isn", "wasn", "weren", "hasn", "haven", "hadn", "won", "wouldn",
		"couldn", "shouldn", "aren", "ain")
	frFiller = wordSet("ça", "ca", "dis", "dites", "moi", "savoir", "sais", "plait", "plaît", "svp",
		"quoi", "alors", "donc", "bonjour", "salut", "merci", "peux", "pouvez", "est-ce",
		"les", "cette", "cet", "ils", "elles", "ont", "fait", "été", "lors", "y",
		// "tel" (such, or a phone in chat) stems as "télé" does, and is
		// neither
		"tel")
	ruFiller = wordSet("пожалуйста", "скажи", "скажите", "расскажи", "расскажите", "знаешь",
		"это", "вообще", "привет", "спасибо", "именно", "ли", "же", "тоже", "также", "итоге",
		"просто", "типа", "кстати", "короче", "вообще-то", "всё-таки", "ребята", "народ")
)

// Generic words carry little meaning of their own: adverbs, indefinite
// pronouns, quantifiers, chat slang. They are ignored only when the index
// has never seen them; a word that some phrasing uses stays a term. Without
// this, a casual "yo whats that line lol" counts two unknown content words
// against an in-scope question.
var (
	enGeneric = wordSet(
		// chat slang and interjections
		"yo", "bro", "bruh", "dude", "man", "wait", "lol", "lmao", "lmfao", "rofl", "omg", "tbh", "ngl",
		"btw", "imo", "imho", "fr", "rn", "smh", "idk", "iirc", "afaik", "pls", "plz", "thx",
		"ty", "hmm", "hm", "um", "uh", "ah", "oh", "wow", "huh", "ya", "yep", "nope", "u", "ur",
		"gonna", "wanna", "gotta", "lemme", "gimme", "kinda", "sorta", "ok", "okay", "sure",
		"guy", "folks", "ppl", "pal", "mate", "buddy", "fam", "nah", "lmk", "tbf", "fyi",
		// indefinite pronouns and determiners
		"someone", "somebody", "anyone", "anybody", "everyone", "everybody", "nobody",
		"anything", "everything", "nothing", "somewhere", "anywhere", "everywhere", "nowhere",
		"whatever", "whoever", "whichever", "either", "neither", "every", "several", "whole",
		"entire", "certain", "various", "lot", "lots", "bit", "stuff", "bunch",
		// adverbs and discourse words
		"already", "anymore", "still", "even", "just", "quite", "rather", "pretty", "maybe",
		"perhaps", "probably", "possibly", "basically", "literally", "anyway", "anyways",
		"though", "although", "besides", "else", "together", "once", "twice", "however",
		"therefore", "thus", "hence", "indeed", "instead", "otherwise", "somehow", "sometimes",
		"often", "always", "never", "usually", "finally", "eventually", "apparently",
		"supposedly", "allegedly", "reportedly", "totally", "definitely", "certainly",
		"seriously", "honestly", "truly", "genuinely", "clearly", "simply", "briefly", "quickly", "quick",
		"short", "simple", "real", "whole", "overall", "generally", "specifically",
		"particularly", "especially", "mainly", "mostly", "exactly", "precisely", "roughly",
		"approximately", "around", "almost", "nearly", "right", "well", "anyhow", "nowadays",
		// verbs of asking and knowing
		"wonder", "wondered", "curious", "confused", "remember", "recall", "heard", "hear",
		"read", "saw", "seen", "mean", "means", "meant", "guess", "suppose", "think", "thought",
		"figure", "understand", "clarify", "summarize", "summarise", "remind", "find",
		"list", "available", "big", "huge", "small", "little", "exist", "exists",
		// the formal register's wrappers: "kindly indicate …", "regarding
		// the lawyers, …", "with reference to both reports"
		"kindly", "indicate", "specify", "elucidate", "regarding", "concerning", "reference",
		"respect", "respectively", "pertaining", "inform", "advise", "appreciate", "grateful",
	)
	// enEndUp are verbs that, before "up", mean "turn out" rather than
	// "finish": "how did the call end up public" is not about the ending.
	enEndUp   = wordSet("end", "ends", "ended", "ending", "wind", "winds", "wound", "winding")
	frGeneric = wordSet("vraiment", "exactement", "qqch", "qqn", "finalement", "alors", "bref", "genre",
		"quelqu'un", "quelque", "chose", "quelqu", "déjà", "encore", "toujours", "jamais",
		"aussi", "bien", "trop", "très", "peu", "beaucoup", "svp", "stp", "mdr", "lol", "wesh",
		"tout", "toute", "tous", "toutes", "ensuite", "puis", "enfin", "peut-être", "peut",
		"etre", "être", "avoir", "juste", "rappelle", "comprends", "pense", "crois",
		"mis", "mise", "donné", "donne", "voir", "vu", "aller", "faire", "dire", "vrai",
		"monde", "gens", "choses",
		// the formal register: "pourriez-vous préciser …", "concernant …"
		"pourriez", "pourrais", "préciser", "indiquer", "concernant", "s'agissant", "agissant",
		"éclairer", "expliquer",
		"qqpart", "maintenant", "actuellement", "sérieux", "serieux")
	ruGeneric = wordSet("правда", "действительно", "реально", "делает", "делал", "делали",
		"сделать", "сделал", "нужны", "нужен", "нужно", "нужна", "должны", "должен", "должна",
		"считает", "считал", "думает", "думал", "можно", "было", "были", "был", "была", "стал",
		"стала", "стали", "вообще", "всем", "всех", "какой-то", "какие-то", "что-то", "кто-то",
		"сейчас", "потом", "тогда", "именно", "примерно", "точно", "очень", "много", "мало", "неужели",
		// the formal register: "подскажите, пожалуйста …", "касательно …"
		"подскажите", "уточните", "поясните", "объясните", "касательно", "относительно", "интересует",
		"серьёзно", "серьезно", "лол", "чтоли", "штоли", "щас", "ляпнул", "ляпнула")
)

// ruStopStems are the stems of Russian pronouns and particles whose
// inflected forms the snowball list lacks.
var ruStopStems = wordSet("так", "такж", "эт", "тот", "как", "кажд", "сво", "ваш", "наш", "котор", "чт", "вс", "сам", "тем")

// French and English cue words for telling the two apart: function words
// only; the story's own French words are the knowledge's (index.frCues).
// Words common to both (e.g. "on", "me", "a") are left out of both.
var (
	frCues = wordSet("le", "la", "les", "un", "une", "des", "du", "de", "et", "est", "qui",
		"que", "quoi", "quand", "pourquoi", "comment", "quel", "quelle", "quels", "quelles",
		"combien", "où", "avec", "dans", "pour", "par", "sur", "au", "aux", "il", "elle",
		"ils", "elles", "ont", "était", "été", "avait", "fait", "dit", "entre", "lors",
		"pendant", "ce", "cette", "ces", "son", "sa", "ses", "leur", "vous", "nous", "je",
		"tu", "ne", "pas", "plus", "après", "avant", "mais", "ou", "selon", "sont", "a-t-il")
	enAmbiguous = wordSet("a", "on", "me", "as", "en", "son", "plus", "ne", "pour")
)

// isGeneric reports a word of little meaning for a question (see enGeneric).
func isGeneric(word string, l lang) bool {
	switch l {
	case langFR:
		return frGeneric[word] || enGeneric[word]
	case langRU:
		return ruGeneric[word]
	}
	return enGeneric[word]
}

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// followUpCues are words that point back to what was said before: a
// question holding one may be a follow-up (see AskAfter).
var followUpCues = [numLangs]map[string]bool{
	langEN: wordSet("that", "this", "it", "its", "he", "she", "they", "him", "her", "them", "his", "their",
		"then", "there", "those", "these", "else", "too", "also", "same"),
	langFR: wordSet("ça", "ca", "cela", "ceci", "il", "elle", "ils", "elles", "lui", "leur", "leurs", "alors",
		"aussi", "même", "meme", "là", "celui", "celle"),
	langRU: wordSet("это", "этом", "этого", "этому", "он", "она", "они", "его", "ему", "её", "ее", "их", "им",
		"тогда", "там", "тоже", "также", "ещё", "еще", "такое"),
}

// nextWords ask what came after what was just said: "and then?".
var nextWords = [numLangs]map[string]bool{
	langEN: wordSet("then", "next", "afterwards", "after"),
	langFR: wordSet("ensuite", "après", "puis"),
	langRU: wordSet("потом", "дальше", "затем", "после"),
}

// frDeterminers open a French noun phrase.
var frDeterminers = wordSet("un", "une", "des", "du", "de", "le", "la", "les", "l")

// pronouns are the followUpCues that never determine a noun: "it" in "did
// it happen" points back, while "that" in "that call" names the call.
var pronouns = [numLangs]map[string]bool{
	langEN: wordSet("it", "he", "she", "they", "him", "them"),
	langFR: wordSet("ça", "ca", "cela", "il", "elle", "ils", "elles", "lui"),
	langRU: wordSet("он", "она", "они", "ему", "им"),
}

// followUpOpeners open a follow-up: "and what did Macron say?".
var followUpOpeners = [numLangs]map[string]bool{
	langEN: wordSet("and", "but", "so"),
	langFR: wordSet("et", "mais", "donc"),
	langRU: wordSet("а", "и", "но", "так"),
}

// sourceWords ask where an answer comes from; quoteWords ask for its
// exact words. Both are answered by the entry itself: its citations are
// the source and the words.
var (
	sourceWords = [numLangs]map[string]bool{
		langEN: wordSet("source", "sources", "src", "proof", "citation", "link"),
		langFR: wordSet("source", "sources", "preuve", "lien"),
		langRU: wordSet("источник", "источники", "пруф", "писал", "писали", "сообщил", "сообщили"),
	}
	// "exactly" is not one of them: "what date exactly" asks for a date.
	quoteWords = [numLangs]map[string]bool{
		langEN: wordSet("quote", "quotes", "verbatim", "wording", "words"),
		langFR: wordSet("citation", "mot", "mots", "phrase"),
		langRU: wordSet("цитата", "цитату", "дословно", "слова", "словами", "фраза", "фразу"),
	}
	// accordingWords before a question word ask for the source:
	// "according to who?", "selon qui ?"; "according to the articles, …"
	// asks a question of its own.
	accordingWords = [numLangs]map[string]bool{langEN: wordSet("according"), langFR: wordSet("selon")}
	// emphasisWords stress a truth question ("is that actually true?");
	// elsewhere they may carry it ("did he actually play hockey?").
	emphasisWords = [numLangs]map[string]bool{langEN: wordSet("actually", "really")}
	// soWords stand between "кто" and its verb in "кто именно так
	// говорил?".
	soWords = [numLangs]map[string]bool{langRU: wordSet("так", "это")}
	// truthWords ask whether a claim is true: "is that true?". They are
	// no content of their own; the first related entry is the curator's
	// word on the claim.
	truthWords = [numLangs]map[string]bool{
		langEN: wordSet("true", "right", "real", "correct", "fact", "accurate", "confirmed", "legit", "verified"),
		langFR: wordSet("vrai", "vraie", "exact", "juste", "raison"),
		langRU: wordSet("правда", "верно", "правду", "прям", "права", "прав", "правы"),
	}
)

// otherWords and articleWords together point at the other of the sources:
// "and the other article?", "et dans l'autre article ?"; "the other" points
// back as "that" does. ordinalWords name one of the sources, which a
// follow-up may ask about too ("а что во второй статье?").
var (
	otherWords = [numLangs]map[string]bool{
		langEN: wordSet("other", "another"),
		langFR: wordSet("autre"),
		langRU: wordSet("другой", "другая", "другом", "другую"),
	}
	ordinalWords = [numLangs]map[string]bool{
		langEN: wordSet("second", "first"),
		langFR: wordSet("deuxième", "deuxieme", "seconde", "second", "premier", "première"),
		langRU: wordSet("второй", "вторая", "второе", "первой", "первая"),
	}
	// firstWords are the ordinalWords that name the first source.
	firstWords = [numLangs]map[string]bool{
		langEN: wordSet("first"),
		langFR: wordSet("premier", "première"),
		langRU: wordSet("первой", "первая"),
	}
	// sameWords point back at what a source is asked to say too: "does
	// the second article say the same?", "l'autre article dit pareil ?".
	// bothWords ask about both sources or whether they agree: "both
	// articles say that?", "do the articles agree on that?".
	sameWords = [numLangs]map[string]bool{
		langEN: wordSet("same", "too", "also", "likewise"),
		langFR: wordSet("pareil", "même", "meme", "aussi", "mêmes"),
		langRU: wordSet("тоже", "также", "то", "так"),
	}
	bothWords = [numLangs]map[string]bool{
		langEN: wordSet("both", "agree"),
		langFR: wordSet("deux", "accord"),
		langRU: wordSet("оба", "обе", "обеих", "одинаково"),
	}
	articleWords = [numLangs]map[string]bool{
		langEN: wordSet("article", "articles", "report", "story", "piece", "video", "source", "version"),
		langFR: wordSet("article", "articles", "reportage", "vidéo", "video", "version", "source"),
		langRU: wordSet("статья", "статье", "статьи", "статью", "видео", "версия", "версии", "источник", "источнике"),
	}
)

// Words that name a kind of follow-up (followKind): who reported it, the
// other side's reply, what came of it, an example of it; whatWords open a
// question about a thing the answer names ("what coup?").
var (
	reportWords = [numLangs]map[string]bool{
		langEN: wordSet("reported", "wrote", "published"),
		langFR: wordSet("rapporté", "rapporte", "écrit", "publié"),
		langRU: wordSet("написал", "написали", "написала", "опубликовал", "опубликовали"),
	}
	replyWords = [numLangs]map[string]bool{
		langEN: wordSet("reply", "replied", "replies", "respond", "responded", "response", "answer",
			"answered", "react", "reacted", "reaction", "comeback", "retort", "retorted", "take"),
		langFR: wordSet("répondu", "répond", "répondre", "réponse", "réagi", "réaction", "rétorqué"),
		langRU: wordSet("ответил", "ответила", "ответили", "ответ", "отреагировал", "реакция", "возразил"),
	}
	// frameNouns and framePreps make the frames that ask about a thing
	// as a whole (collect, topicFrame): "what's the deal with X", "what's
	// the story behind X", "what's up with X", "c'est quoi l'histoire
	// avec X", "что за история с X".
	frameNouns = [numLangs]map[string]bool{
		langEN: wordSet("deal", "story", "situation", "up"),
		langFR: wordSet("histoire", "affaire"),
		langRU: wordSet("история", "ситуация", "тема"),
	}
	// frameAskers ask in a frame without being question or which-words of
	// the matcher: "c'est quoi", "что за", "какая история".
	frameAskers = [numLangs]map[string]bool{
		langFR: wordSet("quoi"),
		langRU: wordSet("что", "какая"),
	}
	framePreps = [numLangs]map[string]bool{
		langEN: wordSet("with", "behind", "around"),
		langFR: wordSet("avec", "autour"),
		langRU: wordSet("с", "со", "вокруг"),
	}
	sayWords = [numLangs]map[string]bool{
		langEN: wordSet("say", "said", "says", "saying", "tell", "told", "tells", "telling", "claim", "claimed", "claims", "claiming"),
		// The other forms of the same verbs, and "raconter", "prétendre",
		// "affirmer": "c'est vrai ce qu'il raconte ?".
		langFR: wordSet("dit", "dire", "disait", "raconte", "racontait", "raconter", "prétend", "prétendait", "affirme", "affirmait", "écrit"),
		// With the impersonal passives of saying and writing: "а во
		// второй статье это тоже указано?", "где это написано?".
		langRU: wordSet("сказал", "сказала", "сказали", "говорит", "говорил", "говорили", "говорят", "заявил", "заявлял", "утверждал", "утверждает", "рассказывает", "сказано", "написано", "указано", "упоминается", "пишут"),
	}
	backWords = [numLangs]map[string]bool{
		langEN: wordSet("back"),
	}
	// backVerbs answer back before "back": "what did Putin come back
	// with", "did Macron push back".
	backVerbs = [numLangs]map[string]bool{
		langEN: wordSet("come", "came", "snap", "snapped", "hit", "fire", "fired", "shoot", "shot", "push", "pushed", "talk", "talked"),
	}
	reasonWords = [numLangs]map[string]bool{
		langEN: wordSet("reason", "reasons", "motive", "motives", "purpose", "based"),
		langRU: wordSet("причина", "причину", "предлогом", "предлог"),
	}
	// whenceWords ask "from where": the source when they point at a
	// statement ("откуда это?", "откуда известно?"), else a place.
	whenceWords = [numLangs]map[string]bool{langRU: wordSet("откуда")}
	knownWords  = [numLangs]map[string]bool{langRU: wordSet("это", "этого", "такое", "известно", "инфа", "информация", "сведения", "взяли", "взял")}
	resultWords = [numLangs]map[string]bool{
		langEN: wordSet("work", "worked", "happened", "happen", "result", "outcome"),
		langFR: wordSet("marché", "résultat", "abouti", "suite", "servi"),
		langRU: wordSet("кончилось", "закончилось", "итог", "результат", "получилось", "сработало"),
	}
	// showWords ask what the thing the answer names shows: "what does it
	// show?", "ça montre quoi ?", "что там показано?".
	showWords = [numLangs]map[string]bool{
		langEN: wordSet("show", "shows", "showed", "shown", "contain", "contains", "depict", "depicts"),
		langFR: wordSet("montre", "montrent", "voit", "contient"),
		langRU: wordSet("показано", "показывает", "показали", "видно"),
	}
	// itWords point at the thing the answer names, for showWords.
	itWords = [numLangs]map[string]bool{
		langEN: wordSet("it", "this", "that", "they"),
		langFR: wordSet("ça", "ca", "elle", "il"),
		langRU: wordSet("там", "это", "он", "она", "оно", "нем", "ней"),
	}
	// auxWords are the English auxiliaries: with pronounWords alone they
	// ask whether what the answer says someone would do was done ("did
	// he?", "and did they actually?"); the word after one is a question's
	// subject (subject.go) or, after "what", whom it asks about (askedOf).
	auxWords     = [numLangs]map[string]bool{langEN: wordSet("did", "does", "do", "has", "have", "had", "was", "were", "will", "would")}
	pronounWords = [numLangs]map[string]bool{langEN: wordSet("he", "she", "they", "it", "that")}
	// duringWords and callWords make "in the call", "during the
	// conversation".
	duringWords = [numLangs]map[string]bool{langEN: wordSet("in", "during", "into")}
	callWords   = [numLangs]map[string]bool{langEN: wordSet("call", "conversation", "convo", "chat")}
	// likeWords before a question word ask for the answer's own
	// examples: "like what?".
	likeWords    = [numLangs]map[string]bool{langEN: wordSet("like")}
	exampleWords = [numLangs]map[string]bool{
		langEN: wordSet("example", "examples", "instance", "ones"),
		langFR: wordSet("exemple", "lesquels", "lesquelles", "lequel", "laquelle"),
		langRU: wordSet("пример", "например"),
	}
	whatWords = [numLangs]map[string]bool{
		langEN: wordSet("what", "whats", "which"),
		langFR: wordSet("quel", "quelle", "quels", "quelles"),
		langRU: wordSet("что", "какой", "какая", "какое", "какие", "каких", "какую"),
	}
	// neutralWords say nothing of their own in a follow-up: "what coup is
	// he talking about", "what do you mean".
	neutralWords = [numLangs]map[string]bool{
		langEN: wordSet("talking", "talk", "talks", "mean", "means", "meant", "meaning", "referring", "refer"),
		langFR: wordSet("parle", "parles", "parlez", "veut", "veux", "dire"),
		langRU: wordSet("имеет", "имел", "имеешь", "виду", "говорит", "говорил", "чё", "че"),
	}
	// explainWords ask for the answer just read in other words: "meaning?",
	// "elaborate", "in plain english?", "c'est-à-dire ?", "в смысле?". The
	// articles say no more than that answer, which is what they get.
	explainWords = [numLangs]map[string]bool{
		langEN: wordSet("meaning", "elaborate", "explain", "clarify", "plain", "simpler", "rephrase"),
		langFR: wordSet("explique", "expliquez", "expliquer", "précise", "précisez"),
		langRU: wordSet("смысле", "поясни", "поясните", "объясни", "объясните", "подробнее"),
	}
	// doubtWords, alone, doubt the answer just read: "really?", "you
	// sure?", "sérieux ?", "серьёзно?". The answer and its citations are
	// what the articles say.
	doubtWords = [numLangs]map[string]bool{
		langEN: wordSet("really", "seriously", "sure", "srsly", "fr"),
		langFR: wordSet("sérieux", "sérieusement", "vraiment", "certain", "sûr"),
		langRU: wordSet("серьёзно", "серьезно", "точно", "реально", "да"),
	}
	// plainWords end "in plain english", "in plain words".
	plainWords = [numLangs]map[string]bool{langEN: wordSet("english", "words", "terms")}
	forWords   = [numLangs]map[string]bool{langEN: wordSet("for")}
	oneWords   = [numLangs]map[string]bool{langEN: wordSet("one", "ones")}
	thenWords  = [numLangs]map[string]bool{langEN: wordSet("then")}
	pointWords = [numLangs]map[string]bool{
		langEN: wordSet("point", "moment", "stage"),
		langFR: wordSet("moment"),
		langRU: wordSet("момент"),
	}
	beforeWords = [numLangs]map[string]bool{langEN: wordSet("before"), langFR: wordSet("avant"), langRU: wordSet("до")}
	afterWords  = [numLangs]map[string]bool{langEN: wordSet("after"), langFR: wordSet("après"), langRU: wordSet("после")}
	thatWords   = [numLangs]map[string]bool{langEN: wordSet("that", "this", "it")}
	whereWords  = [numLangs]map[string]bool{langEN: wordSet("where"), langFR: wordSet("où"), langRU: wordSet("где")}
	exactWords  = [numLangs]map[string]bool{
		langEN: wordSet("exactly", "exact", "precisely", "verbatim"),
		langFR: wordSet("exactement", "précisément", "mot"),
		langRU: wordSet("точно", "дословно", "именно"),
	}
	// aboutWords before askedWords at a follow-up's end ask for a detail
	// of the answer: "lying about what?", "de mentir sur quoi", "врал про
	// что?".
	aboutWords = [numLangs]map[string]bool{
		langEN: wordSet("about", "of", "over"),
		langFR: wordSet("sur", "de", "à"),
		langRU: wordSet("про", "о", "об", "насчёт", "насчет"),
	}
	askedWords = [numLangs]map[string]bool{
		langEN: wordSet("what", "whom", "who"),
		langFR: wordSet("quoi", "qui"),
		langRU: wordSet("что", "чего", "чём", "чем", "кого"),
	}
	nameWords = [numLangs]map[string]bool{
		langEN: wordSet("name", "names", "identity", "identities"),
		langFR: wordSet("nom", "noms", "identité"),
		langRU: wordSet("имя", "имена", "фамилии", "фамилия"),
	}
	askerWords = [numLangs]map[string]bool{
		langEN: wordSet("who"),
		langFR: wordSet("qui"),
		langRU: wordSet("кто"),
	}
)
