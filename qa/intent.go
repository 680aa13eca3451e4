package qa

// intent is what a question word asks for. Question words are stopwords to
// snowball, but "when" and "why" questions about the same words want different
// entries, so they become weak terms of their own.
type intent uint8

const (
	intentNone intent = iota
	intentWhen
	intentWho
	intentWhere
	intentWhy
	intentHow
	intentQuantity // how many, how much, combien de …: a number
	intentDuration // how long, combien de temps, как долго: a length of time
	// intentAmount is a bare "сколько" or "combien", a number or a length
	// of time: "Сколько длился разговор?", "ça a duré combien ?".
	intentAmount
	// intentWhich is "which" before a word: "which gym", "quel journal",
	// "какой канал". It asks for the name of a thing, which the
	// entry that only says the thing exists does not give. Any kind of
	// phrasing may answer it (see intentAccepts).
	intentWhich
	numIntents
)

var intentKeys = [numIntents]string{"", "?when", "?who", "?where", "?why", "?how", "?quantity", "?duration", "?amount", "?which"}

// intentAccepts lists, per kind of question, the kinds of phrasing that
// ask the same thing: an amount is a quantity or a duration.
var intentAccepts = [numIntents]uint16{
	intentQuantity: 1<<intentQuantity | 1<<intentAmount,
	intentDuration: 1<<intentDuration | 1<<intentAmount,
	intentAmount:   1<<intentQuantity | 1<<intentDuration | 1<<intentAmount,
	intentWhich:    1<<numIntents - 1,
	// Nearly every answer names who said or did what: a who-question asks
	// nothing an entry without who-phrasings cannot answer.
	intentWho: 1<<numIntents - 1,
}

// accepts returns the kinds of phrasing that answer a question of kind in.
func (in intent) accepts() uint16 {
	if m := intentAccepts[in]; m != 0 {
		return m
	}
	return 1 << in
}

var intentWords = [numLangs]map[string]intent{
	langEN: {"when": intentWhen, "who": intentWho, "whom": intentWho, "whose": intentWho,
		"where": intentWhere, "why": intentWhy, "how": intentHow},
	langFR: {"quand": intentWhen, "qui": intentWho, "où": intentWhere,
		"pourquoi": intentWhy, "comment": intentHow, "combien": intentAmount},
	langRU: {"когда": intentWhen, "кто": intentWho, "где": intentWhere, "куда": intentWhere,
		"почему": intentWhy, "зачем": intentWhy, "как": intentHow, "сколько": intentAmount,
		"скока": intentAmount, "скоко": intentAmount}, // chat spellings of "сколько"
}

// refineIntent returns the kind of question the question word at token i
// (of kind in) asks, and how many following tokens that took: "how long",
// "combien de temps", "как долго" and "сколько времени" ask for a duration;
// "how many" and "combien de …" for a number. A bare "combien" or "сколько"
// stays an amount: Russian and French use it for both.
func refineIntent(a *analysis, i int, l lang, in intent) (intent, int) {
	if i+1 >= len(a.toks) {
		return in, 0
	}
	next := a.word(i + 1)
	switch {
	case l == langEN && in == intentHow:
		switch string(next) {
		case "many", "much", "often":
			return intentQuantity, 1
		case "long":
			return intentDuration, 1
		case "come":
			return intentWhy, 1 // "how come Macron said no?"
		}
	case l == langFR && in == intentAmount && string(next) == "de":
		if i+2 < len(a.toks) && string(a.word(i+2)) == "temps" {
			return intentDuration, 2
		}
		return intentQuantity, 0
	case l == langRU && in == intentHow && string(next) == "долго":
		return intentDuration, 1
	case l == langRU && in == intentAmount && string(next) == "времени":
		return intentDuration, 1
	}
	return in, 0
}

// whichWords followed by a timeWords word ask when: "what year", "quelle
// date", "в каком году".
var (
	whichWords = [numLangs]map[string]bool{
		langEN: wordSet("what", "which", "whats"),
		langFR: wordSet("quel", "quelle", "quels", "quelles"),
		langRU: wordSet("какой", "какого", "каком", "какое", "какую", "какие"),
	}
	timeWords = [numLangs]map[string]bool{
		langEN: wordSet("time", "date", "day", "year", "month", "week", "hour"),
		langFR: wordSet("date", "jour", "année", "annee", "an", "mois", "heure", "semaine"),
		langRU: wordSet("году", "год", "числа", "число", "дату", "дата", "день", "месяце", "месяц", "время"),
	}
)

// clockWords are the timeWords that ask for a time of day.
var clockWords = wordSet("time", "hour", "heure", "время")

// numberWords are the English words for numbers that answers use.
var numberWords = wordSet("one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred",
	"hundreds", "thousand", "thousands", "million", "millions", "billion", "dozen", "dozens",
	"half", "percent", "twice", "once")

// hasNumber reports whether the analysed text states a number. A number
// of one or two digits after a capitalised word is part of a name
// ("France 2"), not a quantity.
func hasNumber(a *analysis) bool {
	for i, t := range a.toks {
		if t.num && (t.runes > 2 || i == 0 || !a.toks[i-1].capital) || t.lex&lexNumber != 0 {
			return true
		}
	}
	return false
}
