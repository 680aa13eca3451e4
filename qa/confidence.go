package qa

import (
	"math"
	"slices"
)

// DefaultThreshold is the confidence Ask needs to answer when
// Options.Threshold is 0. It was calibrated on held-out questions (see
// testdata/eval_in.tsv and eval_out.tsv): in-scope questions with a matching
// entry mostly score 0.6–1, out-of-scope ones that share a topical word or
// two mostly score under 0.3.
const DefaultThreshold = 0.45

// tuning holds the scoring constants. A phrasing's score is a weighted
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
	// was he when…" no when-question). A how-many question of an entry
	// that also states no number is capped at unknownCap.
	intentMiss float32
	// singleMult scales the confidence of an answer whose evidence is a
	// single term of a question that has other content words: "play some
	// music" shares only "play" with the hockey entry.
	singleMult float32
	// unknownCap is the most confidence an answer gets when the question
	// holds an unknown number or name, or an unknown content word while the
	// entry matches fewer than strongMatch informative terms: terms weighing
	// at least informative times the largest idf. The names at the heart of
	// the set (Putin, Macron, Ukraine) are too common to count. French and
	// Russian questions use informativeFR: their vocabulary is thinner, so an
	// unknown word there is weaker evidence.
	unknownCap    float32
	informative   float32
	informativeFR float32
	strongMatch   int
	// nameMiss scales the confidence of an entry that neither asks nor
	// answers about a name the question holds: "What was Macron's job
	// before politics?" is not about Zelenskyy's career.
	nameMiss float32
	// spreadEntries is how many entries' phrasings must use a question's
	// only word, with no clear winner among them, for the question to be
	// too vague to answer (see index.ambiguous).
	spreadEntries int
	// stemMult is the match multiplier of a word the index knows only by
	// its stem: "existence" shares the stem of "existed" but not always
	// its sense.
	stemMult float32
}

var defaultTuning = tuning{
	alpha:         0.8,
	answerShare:   0.3,
	quoteFactor:   0.5,
	unknownFactor: 0.8,
	intentWeight:  1.0,
	massShare:     0.6,
	marginPenalty: 0.1,
	marginWidth:   0.25,
	typoMult:      [3]float32{1, 0.85, 0.7},
	prefixMult:    0.85,
	intentMiss:    0.6,
	singleMult:    0.8,
	unknownCap:    0.4,
	informative:   0.35,
	informativeFR: 0.16,
	strongMatch:   2,
	nameMiss:      0.45,
	spreadEntries: 4,
	stemMult:      0.85,
}

// suggestMin is the least score of a suggested entry; suggestShare is, for
// answered questions, the least share of the answer's score.
const (
	suggestMin   = 0.08
	suggestShare = 0.6
)

// candidate is an entry scored for a question.
type candidate struct {
	entry int32
	doc   int32   // its best phrasing, -1 when matched by answer text only
	score float32 // 0..1
	mass  float32 // matched question weight
}

// ranking is the outcome of scoring one question.
type ranking struct {
	top   [4]candidate // best first; ties go to the earlier entry
	n     int
	exact int32   // the entry whose phrasing the question is verbatim, or -1
	qtot  float32 // the question's total weight
	conf  float64
}

// exactConfidence is the least confidence of a question that is, once
// folded, exactly a curated phrasing: the curator said what it means.
const exactConfidence = 0.9

// rank scores every entry sharing a term with the question in sc.seq.
func (ix *index) rank(sc *scratch) ranking {
	rk := ranking{exact: -1}
	if e, ok := ix.exact[string(sc.an.text)]; ok {
		rk.exact = e
	}
	// The first question word says what kind of question this is; later
	// ones mostly open a clause ("where was he when he called").
	primary := intentNone
	for _, q := range sc.seq {
		if q.id >= 0 && q.id < int32(numIntents) {
			primary = intent(q.id)
			break
		}
	}
	var kinds uint16
	if primary != intentNone {
		kinds = primary.accepts()
	}
	for _, q := range sc.seq {
		if isUnknown(q.id) {
			rk.qtot += ix.unknownWeight
		} else {
			// A corrected typo is partly a guess: the rest of its weight
			// counts as unknown.
			rk.qtot += ix.terms[q.id].weight + (1-q.mult)*ix.unknownWeight
		}
	}
	if rk.qtot == 0 {
		return rk
	}
	for _, q := range sc.seq {
		if q.id < 0 {
			continue
		}
		w := ix.terms[q.id].weight * q.mult
		for _, d := range ix.post[ix.postStart[q.id]:ix.postStart[q.id+1]] {
			if sc.acc[d] == 0 {
				sc.touched = append(sc.touched, d)
			}
			sc.acc[d] += w
		}
		for _, h := range ix.ev[ix.evStart[q.id]:ix.evStart[q.id+1]] {
			sc.touch(h.entry)
			sc.ev[h.entry] += w * h.factor
		}
	}
	tu := &ix.tuning
	qa := tu.alpha * rk.qtot
	for _, d := range sc.touched {
		dc := &ix.docs[d]
		f := sc.acc[d] / (qa + (1-tu.alpha)*dc.total)
		e := dc.entry
		sc.touch(e)
		if f > sc.best[e] || (f == sc.best[e] && d < sc.bestDoc[e]) {
			sc.best[e], sc.bestAcc[e], sc.bestDoc[e] = f, sc.acc[d], d
		}
		sc.acc[d] = 0
	}
	sc.touched = sc.touched[:0]
	for _, e := range sc.entTouched {
		best := sc.best[e]
		c := candidate{
			entry: e,
			doc:   sc.bestDoc[e],
			score: best + tu.answerShare*min(1, sc.ev[e]/rk.qtot)*(1-best),
			mass:  max(sc.bestAcc[e], sc.ev[e]),
		}
		if kinds != 0 && kinds&ix.entIntents[e] == 0 {
			c.score *= tu.intentMiss
		}
		if e == rk.exact {
			c.score = 1
		}
		rk.insert(c)
		sc.best[e], sc.bestAcc[e], sc.bestDoc[e], sc.ev[e], sc.mark[e] = 0, 0, -1, 0, false
	}
	sc.entTouched = sc.entTouched[:0]
	rk.conf = ix.confidence(&rk)
	if rk.n > 0 && rk.top[0].entry != rk.exact {
		if ix.single(sc.seq, rk.top[0]) {
			rk.conf *= float64(tu.singleMult)
		}
		if ix.unexplained(sc.seq, rk.top[0], sc.an.foreign()) {
			rk.conf = min(rk.conf, float64(tu.unknownCap))
		}
		if e := rk.top[0].entry; primary == intentQuantity && kinds&ix.entIntents[e] == 0 && !ix.entNumbers[e] {
			// "How many …?" of an entry that neither asks it nor states
			// a number: the question wants a figure the entry lacks.
			rk.conf = min(rk.conf, float64(tu.unknownCap))
		}
		if ix.ambiguous(sc.seq, &rk) {
			rk.conf = min(rk.conf, float64(tu.unknownCap))
		}
		if ix.offName(sc.seq, rk.top[0]) {
			rk.conf *= float64(tu.nameMiss)
		}
	}
	return rk
}

// unexplained reports a question that asks about something the index does
// not know while c does not match the rest of it strongly: a year or number
// no entry mentions ("the 2024 election"), a name no entry mentions ("What
// did Trump think of the call?"), or a content word no entry uses
// ("what did Macron have for lunch") beside fewer than strongMatch
// informative matched terms. Such a question is almost always about
// something else that happens to share a name or two with an entry.
func (ix *index) unexplained(seq []qterm, c candidate, foreign bool) bool {
	words, informative := 0, 0
	minW := ix.tuning.informative
	if foreign {
		minW = ix.tuning.informativeFR
	}
	minW *= ix.unknownWeight / ix.tuning.unknownFactor
	for _, q := range seq {
		switch {
		case q.id == unknownNum || q.id == unknownName:
			return true
		case q.id == unknownTerm:
			words++
		case q.mult <= ix.tuning.typoMult[2]:
			// A word two edits from the one it was taken for is as
			// likely another word ("religion", "region").
			words++
		case q.id < int32(numIntents):
		case ix.terms[q.id].weight*q.mult >= minW && ix.holds(c, q.id):
			informative++
		}
	}
	return words > 0 && informative < ix.tuning.strongMatch
}

// ambiguous reports a question that is one word (no question word, nothing
// unknown) which the phrasings of several entries use, when no entry stands
// out: "war" alone could be about any of them, so the engine should offer
// them rather than pick one. A rare word ("hockey") stays an answer.
func (ix *index) ambiguous(seq []qterm, rk *ranking) bool {
	if len(seq) != 1 || seq[0].id < int32(numIntents) || rk.n < 2 {
		return false
	}
	t := seq[0].id
	spread := ix.entStart[t+1] - ix.entStart[t]
	return int(spread) >= ix.tuning.spreadEntries && rk.top[0].score-rk.top[1].score < ix.tuning.marginWidth
}

// offName reports a question holding a name that c's best phrasing, answer
// and quotes all lack, while the phrasing holds another name.
func (ix *index) offName(seq []qterm, c candidate) bool {
	if c.doc < 0 {
		return false
	}
	missing := false
	for _, q := range seq {
		if q.id >= int32(numIntents) && ix.terms[q.id].entity && !ix.holds(c, q.id) {
			missing = true
			break
		}
	}
	if !missing {
		return false
	}
	// The phrasing names someone or somewhere else instead.
	d := ix.docs[c.doc]
	for _, t := range ix.docTerms[d.start:d.end] {
		if ix.terms[t].entity && !slices.ContainsFunc(seq, func(q qterm) bool { return q.id == t }) {
			return true
		}
	}
	return false
}

// insert keeps the best four candidates, best first.
func (rk *ranking) insert(c candidate) {
	i := rk.n
	for i > 0 && rk.better(c, rk.top[i-1]) {
		i--
	}
	if i >= len(rk.top) {
		return
	}
	end := min(rk.n, len(rk.top)-1)
	copy(rk.top[i+1:end+1], rk.top[i:end])
	rk.top[i] = c
	rk.n = min(rk.n+1, len(rk.top))
}

func (rk *ranking) better(a, b candidate) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if (a.entry == rk.exact) != (b.entry == rk.exact) {
		return a.entry == rk.exact
	}
	return a.entry < b.entry
}

// confidence turns the best candidate's score into a calibrated confidence:
// the score, scaled down when the matched weight is small in absolute terms
// (a lone common word) and when a runner-up is close (an ambiguous
// question).
func (ix *index) confidence(rk *ranking) float64 {
	if rk.n == 0 {
		return 0
	}
	s1 := float64(rk.top[0].score)
	var s2 float64
	if rk.n > 1 {
		s2 = float64(rk.top[1].score)
	}
	tu := &ix.tuning
	massRef := float64(tu.massShare * ix.unknownWeight / tu.unknownFactor)
	massF := min(1, float64(rk.top[0].mass)/massRef)
	marginF := 1 - float64(tu.marginPenalty)*max(0, 1-(s1-s2)/float64(tu.marginWidth))
	c := s1 * massF * marginF
	if math.IsNaN(c) {
		return 0
	}
	if rk.top[0].entry == rk.exact {
		c = max(c, exactConfidence)
	}
	return min(1, max(0, c))
}

// single reports whether c matches exactly one of the question's content
// terms while the question has others.
func (ix *index) single(seq []qterm, c candidate) bool {
	matched, content := 0, 0
	for _, q := range seq {
		if q.id >= 0 && q.id < int32(numIntents) {
			continue
		}
		content++
		if q.id >= 0 && ix.holds(c, q.id) {
			matched++
		}
	}
	return matched == 1 && content > 1
}

// holds reports whether c's best phrasing or its evidence holds term t.
func (ix *index) holds(c candidate, t int32) bool {
	if c.doc >= 0 {
		d := ix.docs[c.doc]
		if _, ok := slices.BinarySearch(ix.docTerms[d.start:d.end], t); ok {
			return true
		}
	}
	for _, h := range ix.ev[ix.evStart[t]:ix.evStart[t+1]] {
		if h.entry == c.entry {
			return true
		}
	}
	return false
}
