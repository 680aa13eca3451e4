package knowledge

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/callbot/callbot/knowledge/lexicon"
)

// yesNoPolarity reports entries whose answer opens with a bare Yes or No
// (Oui/Non, Да/Нет) while one of their phrasings is not a yes/no question of
// the canonical question's polarity: a bare Yes answers such a phrasing
// backwards or not at all, and the matcher hands every phrasing the same
// answer.
func (c *checker) yesNoPolarity(lx *lexicon.Lexicon) {
	for _, e := range c.set.Entries {
		word, ok := bareYesNo(e.Answer)
		if !ok {
			continue
		}
		for _, m := range yesNoProblems(lx, &e, word) {
			c.add(e.Pos, "entry %s: %s", e.ID, m)
		}
	}
}

// bareYesNo returns the Yes or No an answer opens with, when it stands alone:
// followed by punctuation or nothing ("No." and "Yes:" but not "No one").
func bareYesNo(answer string) (string, bool) {
	a := strings.TrimSpace(answer)
	end := strings.IndexFunc(a, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(a)
	}
	word := a[:end]
	switch strings.ToLower(word) {
	case "yes", "no", "oui", "non", "да", "нет":
	default:
		return "", false
	}
	rest := strings.TrimLeft(a[end:], " ")
	if rest == "" || strings.ContainsRune(".,:;!—–-", []rune(rest)[0]) {
		return word, true
	}
	return "", false
}

// yesNoProblems returns a message for each phrasing of e that a bare word
// (the answer's Yes or No) does not answer the way it answers the question.
func yesNoProblems(lx *lexicon.Lexicon, e *Entry, word string) []string {
	const fix = "state the fact instead of a bare %s, or move the phrasing to an entry that answers it"
	q := analyseQuestion(lx, e.Question, lexicon.English)
	var out []string
	if q.kind != yesNoQuestion {
		out = append(out, fmt.Sprintf("answer opens with a bare %q, but the question %q is %s; "+fix, word, e.Question, q.kind, word))
		return out
	}
	type phrasing struct {
		text string
		lang lexicon.Lang
	}
	var ps []phrasing
	for _, p := range e.Phrasings {
		ps = append(ps, phrasing{p, lexicon.English})
	}
	for _, p := range e.French {
		ps = append(ps, phrasing{p, lexicon.French})
	}
	for _, p := range e.Russian {
		ps = append(ps, phrasing{p, lexicon.Russian})
	}
	for _, p := range ps {
		a := analyseQuestion(lx, p.text, p.lang)
		var why string
		switch {
		case a.kind != yesNoQuestion:
			why = fmt.Sprintf("is %s, not a yes/no question", a.kind)
		case a.negated != q.negated && a.negated:
			why = fmt.Sprintf("is negated (%q) and the question is not, so the %q answers it backwards", a.negation, word)
		case a.negated != q.negated:
			why = fmt.Sprintf("drops the question's negation (%q), so the %q answers it backwards", q.negation, word)
		default:
			if w, opp := antonymPair(lx, a, q); w != "" {
				why = fmt.Sprintf("asks the opposite: %q is a WordNet antonym of %q in the question, so the %q answers it backwards", w, opp, word)
			}
		}
		if why != "" {
			out = append(out, fmt.Sprintf("answer opens with a bare %q, but %s phrasing %q %s; "+fix, word, p.lang, p.text, why, word))
		}
	}
	return out
}

// questionKind is what sort of sentence a phrasing is.
type questionKind int

const (
	yesNoQuestion questionKind = iota
	whQuestion
	statement
)

func (k questionKind) String() string {
	switch k {
	case whQuestion:
		return "an open (wh-) question"
	case statement:
		return "a statement"
	}
	return "a yes/no question"
}

type analysis struct {
	kind     questionKind
	negated  bool
	negation string   // the word that negates it
	words    []string // lower-case words
	lang     lexicon.Lang
}

// Words that open an English yes/no question, and fillers before them.
var (
	enAux = wordList("do does did is was are were am has have had can could will would shall should may might must " +
		"isn't wasn't aren't weren't don't doesn't didn't hasn't haven't hadn't can't couldn't won't wouldn't " +
		"shouldn't mustn't ain't isnt wasnt arent werent dont doesnt didnt hasnt havent hadnt cant couldnt wont " +
		"wouldnt shouldnt whether if")
	enWh      = wordList("what what's whats who who's whos whom whose why how how's hows when where where's which")
	enFillers = wordList("so and but ok okay hey yo well bot callbot please pls plz um uh lol also then tell me " +
		"quick question honestly really wait hi hello")
	enNeg = wordList("not never no nor neither cannot nobody nothing none")

	frWh      = wordList("que qu quoi qui quand où pourquoi comment combien quel quelle quels quelles lequel laquelle lesquels lesquelles")
	frFillers = wordList("alors donc et mais bon dis dites moi svp bref")
	frNeg     = wordList("ne n pas jamais rien aucun aucune nullement guère")
	frSubject = wordList("il elle ils elles on je tu nous vous")

	ruWh      = wordList("что кто почему зачем как когда где куда откуда какой какая какое какие какого какую каким какими сколько чем чего кому кого чей чья чьё чьи каков насколько")
	ruFillers = wordList("а и так ну скажи скажите пожалуйста правда")
	ruNeg     = wordList("не нет ни никогда ничего никак нельзя никто")
)

func wordList(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// analyseQuestion tells a yes/no question from an open question or a
// statement, and finds its negation. English yes/no questions open with an
// auxiliary ("did", "is", "was"…); French ones with "est-ce que", an
// inverted subject ("a-t-il") or a question mark; Russian ones with "ли" or
// a question mark. A question mark alone makes a yes/no question of a
// sentence that opens with no question word.
func analyseQuestion(lx *lexicon.Lexicon, text string, lang lexicon.Lang) analysis {
	t := strings.NewReplacer("’", "'", "‘", "'").Replace(strings.ToLower(strings.TrimSpace(text)))
	asked := strings.HasSuffix(t, "?")
	a := analysis{lang: lang, words: tokens(t, lang)}
	neg, fillers, wh := enNeg, enFillers, enWh
	switch lang {
	case lexicon.French:
		neg, fillers, wh = frNeg, frFillers, frWh
	case lexicon.Russian:
		neg, fillers, wh = ruNeg, ruFillers, ruWh
	}
	for _, w := range a.words {
		if neg[w] || (lang == lexicon.English && (strings.HasSuffix(w, "n't") || (strings.HasSuffix(w, "nt") && enAux[w]))) {
			a.negated, a.negation = true, w
			break
		}
	}
	words := a.words
	for len(words) > 0 && fillers[words[0]] {
		words = words[1:]
	}
	first := ""
	if len(words) > 0 {
		first = words[0]
	}
	switch lang {
	case lexicon.English:
		switch {
		case enAux[first]:
			a.kind = yesNoQuestion
		case wh[first]:
			a.kind = whQuestion
		case asked:
			a.kind = yesNoQuestion
		default:
			a.kind = statement
		}
	case lexicon.French:
		switch {
		case strings.HasPrefix(strings.Join(words, " "), "est ce qu"):
			a.kind = yesNoQuestion
		case wh[first]:
			a.kind = whQuestion
		case asked || frenchInversion(t):
			a.kind = yesNoQuestion
		default:
			a.kind = statement
		}
	default:
		switch {
		case wh[first]:
			a.kind = whQuestion
		case asked || slices.Contains(words, "ли"):
			a.kind = yesNoQuestion
		default:
			a.kind = statement
		}
	}
	return a
}

// frenchInversion finds an inverted subject: "a-t-il", "peut-on", "est-il".
func frenchInversion(t string) bool {
	for _, w := range strings.FieldsFunc(t, func(r rune) bool { return unicode.IsSpace(r) || r == '?' || r == ',' }) {
		parts := strings.Split(w, "-")
		if len(parts) >= 2 && frSubject[parts[len(parts)-1]] && parts[0] != "" {
			return true
		}
	}
	return false
}

// tokens splits a lower-case text into words. English keeps apostrophes
// inside words ("didn't"); French splits at them ("n'a" is "n", "a") and at
// hyphens ("est-ce" is "est", "ce").
func tokens(t string, lang lexicon.Lang) []string {
	return strings.FieldsFunc(t, func(r rune) bool {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
		if r == '\'' {
			return lang != lexicon.English
		}
		return true
	})
}

// antonymPair returns a word of the English phrasing a and the word of the
// question q it is a WordNet antonym of ("fail" and "succeed"), or "".
func antonymPair(lx *lexicon.Lexicon, a, q analysis) (string, string) {
	if a.lang != lexicon.English {
		return "", ""
	}
	qLemmas := map[string]string{} // lemma -> question word
	for _, w := range q.words {
		if lexicon.Stopword(w, lexicon.English) {
			continue
		}
		for _, l := range append([]string{w}, lx.Lemmas(w)...) {
			qLemmas[l] = w
		}
	}
	for _, w := range a.words {
		if lexicon.Stopword(w, lexicon.English) {
			continue
		}
		lemmas := append([]string{w}, lx.Lemmas(w)...)
		if slices.ContainsFunc(lemmas, func(l string) bool { _, ok := qLemmas[l]; return ok }) {
			continue // the question has this word too
		}
		for _, l := range lemmas {
			for _, opp := range lx.Antonyms(l) {
				if qw, ok := qLemmas[opp]; ok {
					return w, qw
				}
			}
		}
	}
	return "", ""
}
