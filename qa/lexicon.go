package qa

// The fixed word lists that analysis and term collection consult for
// every token (French and English cues, question words, "what year",
// "end up", number words, greetings) are merged into one lexicon, so that
// each token costs one lookup, done once in analysis.run, rather than one
// per list: these lookups were a large share of building the index.

// lexFlags are the lexicon's facts about a folded word.
type lexFlags uint32

const (
	lexFrCue       lexFlags               = 1 << iota // frCues
	lexEnAmbiguous                                    // enAmbiguous
	lexEndUp                                          // enEndUp
	lexUp                                             // "up"
	lexNumber                                         // numberWords
	lexGreeting                                       // greetings
	lexWhich                                          // whichWords[langEN]; << l for the others
	lexTime        = lexWhich << numLangs             // timeWords[langEN]; << l for the others
)

// lexIntentShift is the first of numLangs 4-bit fields holding the
// word's intent in each language.
const lexIntentShift = 6 + 2*uint(numLangs)

func (f lexFlags) which(l lang) bool { return f&(lexWhich<<l) != 0 }
func (f lexFlags) time(l lang) bool  { return f&(lexTime<<l) != 0 }

func (f lexFlags) intent(l lang) intent {
	return intent(f>>(lexIntentShift+4*uint(l))) & 15
}

var (
	lexicon = buildLexicon()
	// lexLens has bit n set (n capped at 31) when the lexicon holds a word
	// of n bytes starting with the indexing byte: most words need no lookup.
	lexLens = lexiconLens()
)

func buildLexicon() map[string]lexFlags {
	m := make(map[string]lexFlags, 256)
	set := func(words map[string]bool, f lexFlags) {
		for w, ok := range words {
			if ok {
				m[w] |= f
			}
		}
	}
	set(frCues, lexFrCue)
	set(enAmbiguous, lexEnAmbiguous)
	set(enEndUp, lexEndUp)
	set(wordSet("up"), lexUp)
	set(numberWords, lexNumber)
	set(greetings, lexGreeting)
	for l := range numLangs {
		set(whichWords[l], lexWhich<<l)
		set(timeWords[l], lexTime<<l)
		for w, in := range intentWords[l] {
			m[w] |= lexFlags(in) << (lexIntentShift + 4*uint(l))
		}
	}
	for i, x := range abbrevs[1:] {
		m[x.from] |= lexFlags(i+1) << lexAbbrevShift
	}
	return m
}

func lexiconLens() *[256]uint32 {
	var lens [256]uint32
	for w := range lexicon {
		lens[w[0]] |= 1 << min(len(w), 31)
	}
	return &lens
}

// lexOf returns the lexicon's flags for a folded word.
func lexOf(w []byte) lexFlags {
	if len(w) == 0 || lexLens[w[0]]&(1<<min(len(w), 31)) == 0 {
		return 0
	}
	return lexicon[string(w)]
}
