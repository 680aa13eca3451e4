package qa

import (
	"math"
	"slices"
)

// The confidence of an answer is the estimated probability that the best
// entry is the right one, from a logistic model of what the ranking shows
// (see doc.go, "Confidence"):
//
//	c = σ(b + Σ wᵢ·xᵢ),  σ(z) = 1 / (1 + e^−z)
//
// with the features xᵢ below and the weights fitted by logistic regression
// on the calibration sets (calibrate_test.go), committed in
// calibration_fitted.go. The product of fitted multipliers it replaced
// ranked right above wrong answers less well on fresh questions (AUC 0.89
// and 0.92 on the two halves of the calibration sets, against 0.92 and
// 0.94 fitted on the other half), and its threshold was fitted on the
// regression sets, whose questions the phrasings had memorised.

// Features of the best candidate of a ranking, each 0..1.
const (
	featScore       = iota // s1, the best entry's score
	featRunnerUp           // s2, the runner-up's: a close one means an ambiguous question
	featMass               // matched weight, as a share of one word no entry uses: one common word is little evidence
	featPhrasing           // the best phrasing's score alone, before answer and quotes lift it
	featUnion              // the share of the question's weight found anywhere in the entry's phrasings
	featAnswer             // the share found in its answer and quotes
	featSingle             // one matched content term of several (index.single)
	featUnexplained        // an unknown name, number or word beside too few informative matches
	featQuantity           // "how many" of an entry that neither asks nor states a number
	featOffName            // a name the entry lacks while its phrasing names another (index.offName)
	featKeyMissing         // the question's heaviest term absent from the entry (index.keyMissing)
	featUnknown            // the share of the asking words' weight in words the index never saw
	featUnsaid             // the entry says what the articles leave open
	featForeign            // the question is French or Russian
	featIntentMiss         // no phrasing of the entry asks the question's kind of question
	featExact              // the question is, once folded, a curated phrasing
	featLead               // s1 − s2 up to leadCap: how clearly the best entry wins
	numFeatures
)

// featureNames name the features in calibration_fitted.go and test logs.
var featureNames = [numFeatures]string{
	"featScore", "featRunnerUp", "featMass", "featPhrasing", "featUnion", "featAnswer",
	"featSingle", "featUnexplained", "featQuantity", "featOffName",
	"featKeyMissing", "featUnknown", "featUnsaid", "featForeign", "featIntentMiss",
	"featExact", "featLead",
}

type features [numFeatures]float64

// calibration is a fitted logistic model: a bias and one weight per feature.
type calibration struct {
	bias float64
	w    [numFeatures]float64
}

// wrongCost is how many right answers one wrong answer costs: a wrong
// answer costs more trust than a refusal. It sets the default threshold
// and weighs the fitting objective (fit_test.go).
const wrongCost = 3

// defaultThreshold answers when the expected gain of answering is not
// negative: p·1 − (1 − p)·wrongCost ≥ 0, so p ≥ wrongCost / (wrongCost + 1).
const defaultThreshold = float64(wrongCost) / (wrongCost + 1)

// leadCap bounds featLead: a lead of a quarter is a clear winner, and a
// larger one says no more (the fit scores the same with a cap of 0.2 to
// 0.3, and worse with none, where s1 and s2 alone carry the lead).
const leadCap = 0.25

// exactConfidence is the least confidence of a question that is, once
// folded, exactly a curated phrasing: the curator said what it means.
const exactConfidence = 0.9

// features describes rk's best candidate for the question in sc.
func (ix *index) features(sc *scratch, rk *ranking, primary intent, kinds uint16) features {
	var x features
	c := rk.top[0]
	seq := sc.seq
	x[featScore] = float64(c.score)
	if rk.n > 1 {
		x[featRunnerUp] = float64(rk.top[1].score)
	}
	own := ix.explained(seq, c)
	x[featMass] = float64(min(1, c.mass*ix.tuning.unknownFactor/ix.unknownWeight))
	x[featPhrasing] = float64(c.phrasing)
	if own.total > 0 {
		x[featUnion] = float64(min(1, own.union/own.total))
		x[featAnswer] = float64(min(1, own.answer/own.total))
	}
	if own.own > 0 {
		x[featUnknown] = float64(own.unknown / own.own)
	}
	x[featSingle] = indicator(ix.single(seq, c))
	x[featUnexplained] = indicator(ix.unexplained(seq, c, sc.an.foreign()))
	x[featQuantity] = indicator(primary == intentQuantity && kinds&ix.entIntents[c.entry] == 0 && !ix.entNumbers[c.entry])
	x[featOffName] = indicator(ix.offName(seq, c))
	x[featKeyMissing] = indicator(ix.keyMissing(seq, c))
	x[featUnsaid] = indicator(ix.entUnsaid[c.entry])
	x[featForeign] = indicator(sc.an.foreign())
	x[featIntentMiss] = indicator(c.intentMiss)
	x[featExact] = indicator(c.entry == rk.exact)
	x[featLead] = min(x[featScore]-x[featRunnerUp], leadCap)
	return x
}

// explanation is how much of a question's weight an entry explains.
type explanation struct {
	total   float32 // the question's weight, as rank counts it
	union   float32 // matched weight any of the entry's phrasings holds
	answer  float32 // matched weight its answer and quotes hold, times their factor
	own     float32 // the weight of the follow-up's own words: all of a question's that follows nothing
	unknown float32 // of it, words the index never saw
}

// explained weighs the terms of seq that c's entry explains. The unknown
// share is of the follow-up's own words: the words of the question it
// follows match by construction, and would hide that "will it rain
// tomorrow" is all words the index never saw.
func (ix *index) explained(seq []qterm, c candidate) explanation {
	var ex explanation
	for _, q := range seq {
		if isUnknown(q.id) {
			ex.total += ix.unknownWeight
			ex.own += ix.unknownWeight
			ex.unknown += ix.unknownWeight
			continue
		}
		if q.id < 0 {
			continue
		}
		if !q.context {
			w := ix.terms[q.id].weight + (1-q.mult)*ix.unknownWeight
			if q.prior {
				w = ix.terms[q.id].weight*ix.tuning.priorMult + (1-q.mult)*ix.unknownWeight
			} else {
				ex.own += w
			}
			ex.total += w
		}
		w := ix.termWeight(q)
		if _, ok := slices.BinarySearch(ix.ent[ix.entStart[q.id]:ix.entStart[q.id+1]], c.entry); ok {
			ex.union += w
		}
		for _, h := range ix.ev[ix.evStart[q.id]:ix.evStart[q.id+1]] {
			if h.entry == c.entry {
				ex.answer += w * h.factor
				break
			}
		}
	}
	return ex
}

func indicator(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// confidence is the calibrated probability that x describes a right answer.
func (m *calibration) confidence(x *features) float64 {
	z := m.bias
	for i, v := range x {
		z += m.w[i] * v
	}
	c := 1 / (1 + math.Exp(-z))
	if x[featExact] == 1 {
		c = max(c, exactConfidence)
	}
	if math.IsNaN(c) {
		return 0
	}
	return c
}
