package qa

// tuning holds the scoring constants; doc.go puts them together into the
// formula. Their values are fitted on the regression question sets by
//
//	go test ./qa -run TestFit -fit
//
// which rewrites tuning_fitted.go (see fit_test.go). A phrasing's score is a weighted
// harmonic mean (an F-measure) of how much of the question's weight it
// covers and how much of its own weight the question covers, with BM25 idf
// weights computed over entries. Term frequency is binary: phrasings are a
// few words long, so BM25's tf saturation has nothing to do, and the
// F-measure is the length normalisation.
type tuning struct {
	// alpha weights question coverage over phrasing coverage: a short
	// question may well be answered by a longer phrasing, but a phrasing
	// that only shares a word or two with the question is no match.
	alpha float32
	// answerShare is how far a match in the answer text and quotes lifts an
	// entry towards 1: answer text matters, but less than the phrasings.
	answerShare float32
	// quoteFactor scales terms found only in an entry's citation quotes, as
	// against its answer text.
	quoteFactor float32
	// unknownFactor scales the weight of a word the index has never seen,
	// relative to a term found in no entry. Unknown content words are the
	// main sign that a question asks something the articles do not cover
	// ("How tall is Putin?").
	unknownFactor float32
	// intentWeight is the weight of a question-word term (?when, ?why, …).
	intentWeight float32
	// massShare sets the matched weight needed for full confidence, as a
	// share of the weight of a term found in no entry: one very common word
	// ("Putin") is not enough evidence on its own.
	massShare float32
	// A runner-up within marginWidth of the best entry costs up to
	// marginPenalty of the confidence: the question is ambiguous.
	marginPenalty, marginWidth float32
	// typoMult is the match multiplier of a term reached by a typo
	// correction of distance 1 or 2: a guessed word is weaker evidence, and
	// the rest of its weight counts as unknown.
	typoMult [3]float32
	// prefixMult is the match multiplier of a Russian word matched by the
	// prefix of its stem only.
	prefixMult float32
	// intentMiss scales the score of an entry none of whose phrasings asks
	// the question's kind of question, set by its first question word
	// ("how long did the call last" is no "how did the call end", "where
	// was he when…" no when-question).
	intentMiss float32
	// subjectMiss scales the score of a phrasing whose subject, the name
	// after its auxiliary, is another name than the question's: "what did
	// Putin say about meeting Biden" does not answer what Biden said.
	subjectMiss float32
	// quantityMult scales the confidence of an answer to a how-many
	// question from an entry that neither asks for nor states a number.
	quantityMult float32
	// singleMult scales the confidence of an answer whose evidence is a
	// single term of a question that has other content words: "play some
	// music" shares only "play" with the hockey entry.
	singleMult float32
	// unexplainedMult scales the confidence of an answer when the question
	// holds an unknown number or name, or an unknown content word while the
	// entry matches fewer than strongMatch informative terms: terms weighing
	// at least informative times the largest idf. The names at the heart of
	// the set (Putin, Macron, Ukraine) are too common to count. French and
	// Russian questions use informativeFR: their vocabulary is thinner, so an
	// unknown word there is weaker evidence.
	unexplainedMult float32
	informative     float32
	informativeFR   float32
	strongMatch     int
	// nameMiss scales the confidence of an entry that neither asks nor
	// answers about a name the question holds: "What was Macron's job
	// before politics?" is not about Zelenskyy's career.
	nameMiss float32
	// spreadEntries is how many entries' phrasings must use a question's
	// only word, with no clear winner among them, for the question to be
	// too vague to answer (see index.ambiguous); ambiguousMult scales the
	// confidence of such an answer.
	spreadEntries int
	ambiguousMult float32
	// keyMult scales the confidence of an answer whose entry holds the
	// question's key word (its heaviest known term) nowhere: "what time of
	// day was the call" is not answered by an entry about the call that
	// never mentions a time.
	keyMult float32
	// stemMult is the match multiplier of a word the index knows only by
	// its stem: "existence" shares the stem of "existed" but not always
	// its sense.
	stemMult float32
	// contextMult is the match multiplier of a known word outside the
	// sentence that asks (see collect): context narrows the question down
	// but is not what is asked.
	contextMult float32
	// headMult is the weight multiplier of the verb of a question asking
	// what was said ("what did the press release say", contentVerb): it is
	// what is asked, and a phrasing about whether there was a press release
	// does not answer it, however common "say" is among phrasings.
	headMult float32
	// priorMult is the match multiplier of a word of the question a
	// follow-up follows (see AskAfter): what the follow-up leans on, but
	// not what it asks; at full weight the answer it follows wins again.
	priorMult float32
	// threshold is the confidence Ask needs to answer (DefaultThreshold).
	threshold float64
}
