package qa

import (
	"strings"

	"github.com/abadojack/whatlanggo"
)

// A question in a language the engine does not read (German, Spanish,
// Ukrainian, …) is refused with ReasonLanguage, so the member learns which
// languages are read instead of getting a bare "I don't know".
//
// Most such questions still hold a word or two the index knows (names:
// "Macron", "Putin"), so the decision takes two steps. First, cheaply: a
// question most of whose words the index has never seen (unknownShare) is
// a candidate; an English, French or Russian question almost never is.
// Only then, a trigram language identifier (whatlanggo, restricted to the
// languages people are likely to write in) names the language; a confident
// verdict other than English, French or Russian refuses the question. The
// identifier never runs on a question the index reads, so it can neither
// slow nor overrule an in-scope answer.

// minForeignTokens is the least words a message needs before its language
// is judged: two or three words are too few for trigram statistics.
const minForeignTokens = 3

// unknownShare is the least share of a question's content words (stopwords
// of the three languages read do not count) the index must not know for the
// identifier to run: half, because names and the story's own words survive
// translation.
const unknownShare = 0.5

// minLangConfidence is the least confidence of the identifier's verdict.
// Its own "reliable" bar (0.8) is for paragraphs: a question of six words
// in plain Spanish scores about 0.5, a German one of ten words 0.26,
// while English chat with typos scores about 0.1 for the nearest other
// language of likelyLangs.
const minLangConfidence = 0.25

// readLangs are the languages the engine reads.
var readLangs = map[whatlanggo.Lang]bool{whatlanggo.Eng: true, whatlanggo.Fra: true, whatlanggo.Rus: true}

// likelyLangs are the languages the identifier chooses among: the read ones
// and those a member of a European or world-wide server is likely to write.
// Dutch, Swedish and Turkish are left out: English chat typed with typos
// ("wat abt teh gim") comes out as one of them.
var likelyLangs = whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{
	whatlanggo.Eng: true, whatlanggo.Fra: true, whatlanggo.Rus: true, whatlanggo.Deu: true,
	whatlanggo.Spa: true, whatlanggo.Ita: true, whatlanggo.Por: true, whatlanggo.Pol: true,
	whatlanggo.Ukr: true,
}}

// unreadLanguage reports a question written in a language the engine does
// not read, and that language's ISO 639-1 code, given its analysed words and
// the terms they resolved to. The trigram detection, the costly part, is
// run once per question, into g (Ask reads a message around each of its
// asking sentences, the text being the same).
func unreadLanguage(q string, a *analysis, seq []qterm, g *langGuess) (string, bool) {
	if strings.ContainsAny(q, "¿¡") {
		// Only Spanish opens a question or exclamation so, however many
		// of its words ("votos", "Zelenski") the index thinks it knows.
		return "es", true
	}
	if len(a.toks) < minForeignTokens {
		return "", false
	}
	if strings.ContainsAny(q, iberianAcutes) {
		// "putin prometió retirar las tropas": the typo search folds
		// "tropas" into "troops", so the index seems to read it.
		return "es", true
	}
	unknown, content := 0, 0
	for _, t := range seq {
		switch {
		case isUnknown(t.id):
			unknown++
			content++
		case t.id >= int32(numIntents):
			content++
		}
	}
	if unknown == 0 || float64(unknown) < unknownShare*float64(content) {
		return "", false
	}
	if code, ok := markedLanguage(q); ok {
		return code, true
	}
	if !g.done {
		g.info, g.done = whatlanggo.DetectWithOptions(q, likelyLangs), true
	}
	if g.info.Confidence < minLangConfidence || readLangs[g.info.Lang] {
		return "", false
	}
	return g.info.Lang.Iso6391(), true
}

// iberianAcutes are the acute vowels Spanish and Portuguese write and
// English, French and Russian do not (French puts the acute on e alone):
// "prometió", "sacó", "aceptó", "está". The question is refused as
// Spanish; a Polish "ó" is refused as well, under the same code.
const iberianAcutes = "áíóúÁÍÓÚ"

// langGuess is a question's trigram language detection, once it is run.
type langGuess struct {
	info whatlanggo.Info
	done bool
}

// markedLanguage names the language of a question, most of whose words the
// index does not know, by a letter only that language of likelyLangs
// writes, where trigram statistics of a short question ("¿Putin aceptó
// reunirse con Biden?") are too thin to tell: Spanish ñ; German ß, ä and
// ö, which neither English nor French (ü is in French loanwords) uses.
func markedLanguage(q string) (string, bool) {
	switch {
	case strings.ContainsAny(q, "ñÑ"):
		return "es", true
	case strings.ContainsAny(q, "ßäöÄÖ"):
		return "de", true
	}
	return "", false
}
