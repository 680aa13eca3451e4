package qa

// Chatter: greetings and thanks ("Bonjour tout le monde !", "hey bot, are
// you alive?", "Всем привет") share an addressee or a word or two with
// curated phrasings ("calmer tout le monde", "burned alive") but ask nothing.
// A message holding a greeting or a thank-you is read with its addressee and
// pleasantry words dropped; if at most one content word is left, it is
// chatter and gets the usage hint rather than an answer.

// greetings mark a message as chatter candidate, in the three languages.
var greetings = wordSet(
	"hi", "hello", "hey", "heya", "hiya", "howdy", "greetings", "thanks", "thank", "thx", "ty",
	"bonjour", "bonsoir", "salut", "coucou", "allo", "allô", "merci",
	"привет", "приветик", "здравствуйте", "здравствуй", "приветствую", "добрый", "доброе",
	"доброй", "спасибо", "благодарю",
)

// pleasantries are the words that go with a greeting: addressees, times of
// day, "how are you". Generic words (see isGeneric) are dropped as well.
var pleasantries = wordSet(
	"all", "everyone", "everybody", "there", "guys", "folks", "people", "friends", "team",
	"world", "good", "morning", "evening", "afternoon", "night", "day", "doing", "going",
	"alive", "awake", "lot", "much", "bot", "callbot", "robot",
	"tout", "tous", "toutes", "monde", "amis", "gens", "bonne", "bon", "soirée", "journée",
	"soir", "matin", "ça", "va", "vas", "allez", "beaucoup", "bot", "quelqu'un", "quelqu",
	"всем", "все", "всех", "друзья", "ребята", "народ", "день", "вечер", "утро", "дела",
	"дня", "вечера", "утра", "большое", "бот",
)

// hasGreeting reports whether the analysed text holds a greeting word.
func hasGreeting(a *analysis) bool {
	for _, t := range a.toks {
		if t.lex&lexGreeting != 0 {
			return true
		}
	}
	return false
}

// isPleasantry reports a word dropped from a chatty message.
func isPleasantry(w []byte, l lang) bool {
	return pleasantries[string(w)] || isGeneric(string(w), l)
}

// contentTerms counts the terms of seq that are not question words.
func contentTerms(seq []qterm) int {
	n := 0
	for _, q := range seq {
		if q.id >= int32(numIntents) || isUnknown(q.id) {
			n++
		}
	}
	return n
}
