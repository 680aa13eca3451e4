package qa

// A message's sentences: which of them ask (focus, foci), whether one is
// a yes/no question (polar), and a sentence that asks twice read as two
// (splitClauses).

// maxFocus is how many asking sentences of one message Ask tries.
// Members ask more than once in one message ("who even knows?? anyway,
// where was putin when macron called"), and the last asking sentence is
// not always the one the knowledge answers; three cover the messages of
// the blind sets, at up to three times the cost of one.
const maxFocus = 3

// focus returns the sentence of a message of several sentences that asks
// the question: the last that ends with a question mark, else the last
// that holds a question word. It returns -1 for a message of one sentence,
// or of several none of which asks anything: then all of it is the
// question. Members bury questions in context ("my uncle said at dinner
// that … anyway, what did Macron say?"); see collect for how the rest is
// read.
func (a *analysis) focus() int {
	var f [maxFocus]int
	if a.foci(f[:]) == 0 {
		return -1
	}
	return f[0]
}

// foci fills f with the sentences that ask, best first: those ending with
// a question mark, last first, then those holding a question word, last
// first. It returns how many it found, 0 for a message of one sentence or
// of several none of which asks.
func (a *analysis) foci(f []int) int {
	if a.sents < 2 {
		return 0
	}
	n := 0
	add := func(s int) {
		for _, x := range f[:n] {
			if x == s {
				return
			}
		}
		if n < len(f) {
			f[n] = s
			n++
		}
	}
	for s := a.sents - 1; s >= 0 && a.asks != 0; s-- {
		if a.asks&(1<<s) != 0 {
			add(s)
		}
	}
	for i := len(a.toks) - 1; i >= 0; i-- {
		t := a.toks[i]
		if t.cyr {
			if t.lex.intent(langRU) != intentNone {
				add(int(t.sent))
			}
		} else if (t.lex.intent(langEN) != intentNone || t.lex.intent(langFR) != intentNone || t.lex.which(langEN) || t.lex.which(langFR)) && !a.relative(i) {
			add(int(t.sent))
		}
	}
	return n
}

// relative reports an English question word that a demonstrative and a
// copula put in a statement: "that's what my friend said", "this is why
// I ask". Such a sentence reports, it does not ask; read as the question,
// its "what … said" matches any entry about what was said.
func (a *analysis) relative(i int) bool {
	if i < 1 {
		return false
	}
	switch w := string(a.word(i - 1)); {
	case w == "thats" || w == "heres":
		return true
	case a.toks[i-1].apostS:
		return demonstratives[w]
	case w == "is" && i >= 2:
		return demonstratives[string(a.word(i-2))]
	}
	return false
}

// demonstratives point at what a sentence reports: "that's what …".
var demonstratives = wordSet("that", "this", "it", "here")

// auxiliaries open an English yes/no question.
var auxiliaries = wordSet("did", "does", "do", "was", "were", "is", "are", "has", "have", "had", "didn", "wasn", "isn")

// polar reports whether English sentence s is a yes/no question: its first
// word is an auxiliary ("did the drills actually end").
func (a *analysis) polar(s int) bool {
	for i, t := range a.toks {
		if int(t.sent) == s {
			return auxiliaries[string(a.word(i))]
		}
	}
	return false
}

// clauseJoins are the words that join a second question to a first in one
// sentence: "what was the deal with the gym and who brought it up".
var clauseJoins = wordSet("and", "or", "also", "plus", "et", "ou", "aussi", "и", "или", "а", "также")

// splitClauses makes a sentence that asks twice ("… and who …", "… et
// pourquoi …") two sentences, so that Ask reads each around its own
// question (see foci), the other as context.
func (a *analysis) splitClauses() {
	for i := 1; i+1 < len(a.toks) && a.sents < maxSentences-1; i++ {
		t, next := a.toks[i], a.toks[i+1]
		if next.sent != t.sent || a.toks[i-1].sent != t.sent || !clauseJoins[string(a.word(i))] {
			continue
		}
		// "… or what" ends a question; it asks nothing of its own.
		if !asksWord(next) || i+2 == len(a.toks) || a.toks[i+2].sent != t.sent {
			continue
		}
		s := uint(t.sent)
		for j := i + 1; j < len(a.toks); j++ {
			a.toks[j].sent++
		}
		// The question mark that ended sentence s ends both halves: "were
		// others listening and what were they doing?" asks in each.
		a.asks = a.asks&(1<<s-1) | a.asks>>s<<(s+1) | a.asks&(1<<s)
		a.sents++
	}
}

// asksWord reports a question word, in any language read.
func asksWord(t token) bool {
	for l := range numLangs {
		if t.lex.intent(l) != intentNone || t.lex.which(l) {
			return true
		}
	}
	return false
}
