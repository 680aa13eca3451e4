package qa

import (
	"cmp"
	"math"
	"slices"
)

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
	} else if e := ix.sameTermsEntry(sc); e >= 0 {
		rk.exact = e
	}
	primary := firstIntent(sc.seq)
	var kinds uint16
	if primary != intentNone {
		kinds = primary.accepts()
	}
	for _, q := range sc.seq {
		switch {
		case isUnknown(q.id):
			rk.qtot += ix.unknownWeight
		case q.context:
			// Context only ever helps: what it shares with a phrasing
			// counts, what it does not is no mismatch.
		default:
			// A corrected typo is partly a guess: the rest of its weight
			// counts as unknown.
			rk.qtot += ix.stressed(q, ix.terms[q.id].weight) + (1-q.mult)*ix.unknownWeight
		}
	}
	if rk.qtot == 0 {
		return rk
	}
	// Terms are taken heaviest first. Once the terms left weigh at most
	// pruneScore·alpha of the question, a phrasing they alone match cannot
	// score above pruneScore (f's denominator is at least alpha·W(q)), so
	// they only add to phrasings already matched, looked up in each
	// phrasing's few terms: the common words' long posting lists ("Putin",
	// "say") are not walked.
	order := sc.order[:0]
	left := float32(0)
	for i, q := range sc.seq {
		if q.id >= 0 {
			order = append(order, int32(i))
			left += ix.termWeight(q)
		}
	}
	// Question words come last: a phrasing sharing nothing but "what"
	// with the question is no match, and their posting lists are the
	// longest of all.
	slices.SortFunc(order, func(a, b int32) int {
		qa, qb := sc.seq[a], sc.seq[b]
		if ia, ib := qa.id < int32(numIntents), qb.id < int32(numIntents); ia != ib {
			if ia {
				return 1
			}
			return -1
		}
		return cmp.Compare(ix.termWeight(qb), ix.termWeight(qa))
	})
	sc.order = order
	for _, i := range order {
		q := sc.seq[i]
		w := ix.termWeight(q)
		post := ix.post[ix.postStart[q.id]:ix.postStart[q.id+1]]
		switch {
		case left > pruneScore*ix.tuning.alpha*rk.qtot && q.id >= int32(numIntents) || len(sc.touched) == 0:
			for _, d := range post {
				if sc.acc[d] == 0 {
					sc.touched = append(sc.touched, d)
				}
				sc.acc[d] += w
			}
		case len(sc.touched) < len(post)/4:
			// Few phrasings matched so far: look the term up in each
			// (a phrasing has four terms or so).
			for _, d := range sc.touched {
				dc := &ix.docs[d]
				if slices.Contains(ix.docTerms[dc.start:dc.end], q.id) {
					sc.acc[d] += w
				}
			}
		default:
			for _, d := range post {
				if sc.acc[d] != 0 {
					sc.acc[d] += w
				}
			}
		}
		left -= w
		for _, h := range ix.ev[ix.evStart[q.id]:ix.evStart[q.id+1]] {
			sc.touch(h.entry)
			sc.ev[h.entry] += w * h.factor
		}
	}
	tu := &ix.tuning
	qa := tu.alpha * rk.qtot
	// Only a name can be another one's subject: no other subject is
	// looked up per phrasing.
	subject := sc.subject
	if subject >= 0 && !ix.terms[subject].entity {
		subject = -1
	}
	for _, d := range sc.touched {
		dc := &ix.docs[d]
		f := min(1, sc.acc[d]/(qa+(1-tu.alpha)*dc.total))
		if subject >= 0 && ix.otherSubject(subject, d) {
			f *= tu.subjectMiss
		}
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
		// intentMiss: no phrasing of the entry asks the question's kind
		// of question. Exempt are an entry stating a year, for "when"
		// ("what year was Yanukovich ousted" of the entry saying he was
		// ousted in 2014), and, reading a follow-up, every entry but the
		// answer it follows: the follow-up's question word often asks a
		// detail of a neighbour ("what year was that?") that its phrasings
		// do not show, while "when?" after an answer with no date asks
		// for another entry's.
		if kinds != 0 && kinds&ix.entIntents[e] == 0 && (sc.allow == nil || e == sc.prev) && !(primary == intentWhen && ix.entYears[e]) {
			c.score *= tu.intentMiss
		}
		if e == rk.exact {
			c.score = 1
		}
		if sc.allow == nil || sc.allow[e] {
			rk.insert(c)
		}
		sc.best[e], sc.bestAcc[e], sc.bestDoc[e], sc.ev[e], sc.mark[e] = 0, 0, -1, 0, false
	}
	sc.entTouched = sc.entTouched[:0]
	rk.conf = ix.confidence(&rk)
	if rk.n > 0 && rk.top[0].entry != rk.exact {
		rk.conf *= float64(ix.penalty(sc.seq, &rk, primary, kinds, sc.an.foreign()))
	}
	return rk
}

// penalty is the product of the factors that lower the confidence of the
// best candidate for what the question asks and it does not answer (see
// doc.go, "Confidence"). A product, so no factor depends on the order in
// which the others are applied.
func (ix *index) penalty(seq []qterm, rk *ranking, primary intent, kinds uint16, foreign bool) float32 {
	tu := &ix.tuning
	c := rk.top[0]
	p := float32(1)
	if ix.single(seq, c) {
		p *= tu.singleMult
	}
	if ix.unexplained(seq, c, foreign) {
		p *= tu.unexplainedMult
	}
	if primary == intentQuantity && kinds&ix.entIntents[c.entry] == 0 && !ix.entNumbers[c.entry] {
		// "How many …?" of an entry that neither asks it nor states a
		// number: the question wants a figure the entry lacks.
		p *= tu.quantityMult
	}
	if ix.ambiguous(seq, rk) {
		p *= tu.ambiguousMult
	}
	if ix.offName(seq, c) {
		p *= tu.nameMiss
	}
	if ix.keyMissing(seq, c) {
		p *= tu.keyMult
	}
	return p
}

// keyMissing reports a question whose heaviest known term, its key word,
// c holds nowhere: not in its best phrasing, its answer or its quotes.
// "What time of day was the call" shares "call" with many entries, but
// "time" is what it asks about.
func (ix *index) keyMissing(seq []qterm, c candidate) bool {
	key, best := int32(-1), float32(0)
	for _, q := range seq {
		if q.id < int32(numIntents) || q.context {
			continue
		}
		if w := ix.terms[q.id].weight * q.mult; w > best {
			key, best = q.id, w
		}
	}
	return key >= 0 && !ix.holds(c, key)
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
	// Entries for what the sources do not say ("which lawyers?") do not
	// count: a lone word asks about the thing, not a detail left open.
	spread := 0
	for _, e := range ix.ent[ix.entStart[seq[0].id]:ix.entStart[seq[0].id+1]] {
		if !ix.entUnsaid[e] {
			spread++
		}
	}
	return spread >= ix.tuning.spreadEntries && rk.top[0].score-rk.top[1].score < ix.tuning.marginWidth
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

// pruneScore bounds the score of a phrasing that only the lightest terms
// of a question match, which rank therefore never opens (see there): 0.5,
// under the threshold, so such a phrasing could only have been a weak
// runner-up. At 0.5 every question and follow-up set comes out question
// by question as with the exhaustive walk of pruneScore 0; at 0.8 or more
// some do not.
const pruneScore = 0.5

// firstIntent returns the kind of question seq asks: its first question
// word's, later ones mostly opening a clause ("where was he when he
// called"); intentNone without one.
func firstIntent(seq []qterm) intent {
	for _, q := range seq {
		if q.id >= 0 && q.id < int32(numIntents) {
			return intent(q.id)
		}
	}
	return intentNone
}

// termWeight is the weight a question term contributes when it matches.
func (ix *index) termWeight(q qterm) float32 {
	w := ix.terms[q.id].weight * q.mult
	if q.context {
		w *= ix.tuning.contextMult
	}
	return ix.stressed(q, w)
}

// stressed is weight w of question term q times the multipliers of what
// the question stresses or leans on: priorMult for a word of the question
// a follow-up follows, headMult for the verb of a question asking what was
// said. The question's total weight (rank) takes them as its terms do.
func (ix *index) stressed(q qterm, w float32) float32 {
	if q.prior {
		w *= ix.tuning.priorMult
	}
	if q.head {
		w *= ix.tuning.headMult
	}
	return w
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
		held := q.id >= 0 && ix.holds(c, q.id)
		if q.context && !held {
			// Context only ever helps: a word of the sentences around
			// the question that c lacks is no part missed.
			continue
		}
		content++
		if held {
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

// minSameTerms is the least content terms a question needs for its terms
// alone to stand for a stored phrasing's (sameTermsEntry). Measured on the
// tuned sets: at 3, 10 more questions right and none more wrong; at 2,
// short follow-ups ("and the troops?") take a short phrasing's entry
// alone, and the follow-up sets lose 5 right answers to 14 more wrong.
const minSameTerms = 3

// sameTermsEntry returns the entry one of whose stored phrasings has
// exactly the question's terms, in order, and no other entry's does, or
// -1: "so what did putin say about zelensky, exactly?" says what the
// curated "what did putin say about zelensky" says, the function words
// aside. A word the index does not know, a corrected typo or a word of the
// context is a difference.
func (ix *index) sameTermsEntry(sc *scratch) int32 {
	content := 0
	for _, q := range sc.seq {
		switch {
		case isUnknown(q.id), q.context, q.prior, q.mult != 1:
			return -1
		case q.id >= int32(numIntents):
			content++
		}
	}
	if content < minSameTerms {
		// "why?", "and the troops?": a word or two say too little to be
		// taken for a curated phrasing ("troops?").
		return -1
	}
	k, ok := keyOf(sc.seq)
	if !ok {
		return -1
	}
	e, ok := ix.sameTerms[k]
	if !ok {
		return -1
	}
	return e
}
