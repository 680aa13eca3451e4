package qa

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/callbot/callbot/knowledge"
)

var (
	fitFlag   = flag.Bool("fit", false, "fit the scoring constants on the regression question sets and rewrite tuning_fitted.go")
	fitParams = flag.String("fit.params", "", "with -fit, fit only these constants (comma-separated names), the others fixed")
)

// fitSets are the question sets the constants are fitted on: every set
// that has been tuned on already. A blind set joins them only after its
// first score is reported. The sets the fifth session's knowledge rounds
// tuned on (blind8 to blind29, the second line) joined after
// tuning_fitted.go was last fitted in full; those of the sixth (the third
// line) before its refit of headMult and threshold; those of the seventh
// (the fourth line) before its full refit; the eighth's validation set
// (the fifth) before its refit.
var fitSets = []string{"dev", "eval", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind9", "blind10", "blind11", "blind12", "blind16", "blind17", "blind18", "blind22", "blind24", "blind25",
	"blind8", "blind13", "blind14", "blind15", "blind19", "blind20", "blind21", "blind23", "blind26", "blind27", "blind28", "blind29",
	"blind30", "blind31", "blind32", "blind33", "blind34",
	"blind35", "blind36", "blind37",
	"blind42"}

// fitFollowUps are the follow-up sets the constants are fitted on, by the
// same rule: every set tuned on already (the second line: those the sixth
// session's follow-up rounds tuned on; the third, the seventh's; the
// fourth, the eighth's validation set).
var fitFollowUps = []string{"followup.tsv", "followup2.tsv", "followup3.tsv", "followup4.tsv", "followup5.tsv", "followup6.tsv", "followup7.tsv", "followup8.tsv", "followup9.tsv", "followup11.tsv", "followup12.tsv", "followup13.tsv", "followup17.tsv", "followup19.tsv", "followup20.tsv",
	"followup10.tsv", "followup14.tsv", "followup15.tsv", "followup16.tsv", "followup18.tsv", "followup21.tsv", "followup22.tsv", "followup23.tsv", "followup24.tsv",
	"followup25.tsv", "followup26.tsv", "followup27.tsv",
	"followup32.tsv"}

// wrongCost is how many right answers one wrong answer costs in the
// fitting objective: a wrong answer costs more trust than a refusal.
const wrongCost = 3

// param is one fitted constant: how to read and set it, and the values tried.
type param struct {
	name string
	get  func(*tuning) float64
	set  func(*tuning, float64)
	grid []float64
}

func f32(name string, p func(*tuning) *float32, grid ...float64) param {
	return param{name, func(t *tuning) float64 { return float64(*p(t)) }, func(t *tuning, v float64) { *p(t) = float32(v) }, grid}
}

func integer(name string, p func(*tuning) *int, grid ...float64) param {
	return param{name, func(t *tuning) float64 { return float64(*p(t)) }, func(t *tuning, v float64) { *p(t) = int(v) }, grid}
}

var params = []param{
	f32("alpha", func(t *tuning) *float32 { return &t.alpha }, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9),
	f32("answerShare", func(t *tuning) *float32 { return &t.answerShare }, 0.1, 0.2, 0.3, 0.4, 0.5),
	f32("quoteFactor", func(t *tuning) *float32 { return &t.quoteFactor }, 0.25, 0.5, 0.75, 1),
	f32("unknownFactor", func(t *tuning) *float32 { return &t.unknownFactor }, 0.5, 0.6, 0.7, 0.8, 0.9, 1),
	f32("intentWeight", func(t *tuning) *float32 { return &t.intentWeight }, 0.5, 0.75, 1, 1.5, 2),
	f32("massShare", func(t *tuning) *float32 { return &t.massShare }, 0.4, 0.5, 0.6, 0.7, 0.8),
	f32("marginPenalty", func(t *tuning) *float32 { return &t.marginPenalty }, 0, 0.05, 0.1, 0.15, 0.2),
	f32("marginWidth", func(t *tuning) *float32 { return &t.marginWidth }, 0.1, 0.2, 0.25, 0.3, 0.4),
	f32("typoMult[1]", func(t *tuning) *float32 { return &t.typoMult[1] }, 0.7, 0.8, 0.85, 0.9, 1),
	f32("typoMult[2]", func(t *tuning) *float32 { return &t.typoMult[2] }, 0.5, 0.6, 0.7, 0.8),
	f32("prefixMult", func(t *tuning) *float32 { return &t.prefixMult }, 0.7, 0.8, 0.85, 0.9, 1),
	f32("subjectMiss", func(t *tuning) *float32 { return &t.subjectMiss }, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1),
	f32("intentMiss", func(t *tuning) *float32 { return &t.intentMiss }, 0.4, 0.5, 0.6, 0.7, 0.8, 1),
	f32("quantityMult", func(t *tuning) *float32 { return &t.quantityMult }, 0.3, 0.5, 0.7, 0.9, 1),
	f32("singleMult", func(t *tuning) *float32 { return &t.singleMult }, 0.6, 0.7, 0.8, 0.9, 1),
	f32("unexplainedMult", func(t *tuning) *float32 { return &t.unexplainedMult }, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1),
	f32("informative", func(t *tuning) *float32 { return &t.informative }, 0.2, 0.3, 0.35, 0.4, 0.5),
	f32("informativeFR", func(t *tuning) *float32 { return &t.informativeFR }, 0.1, 0.16, 0.2, 0.3),
	integer("strongMatch", func(t *tuning) *int { return &t.strongMatch }, 1, 2, 3),
	f32("nameMiss", func(t *tuning) *float32 { return &t.nameMiss }, 0.3, 0.45, 0.6, 0.8, 1),
	integer("spreadEntries", func(t *tuning) *int { return &t.spreadEntries }, 3, 4, 5, 6),
	f32("ambiguousMult", func(t *tuning) *float32 { return &t.ambiguousMult }, 0.3, 0.5, 0.7, 0.9, 1),
	f32("keyMult", func(t *tuning) *float32 { return &t.keyMult }, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1),
	f32("stemMult", func(t *tuning) *float32 { return &t.stemMult }, 0.7, 0.8, 0.85, 0.9, 1),
	f32("headMult", func(t *tuning) *float32 { return &t.headMult }, 1, 1.5, 2, 3, 4),
	f32("contextMult", func(t *tuning) *float32 { return &t.contextMult }, 0.1, 0.2, 0.3, 0.4, 0.5),
	// Above 0.8 the previous question's words carry a standalone
	// question off after an unrelated answer, which
	// TestFollowUpLeavesStandaloneAlone rejects.
	f32("priorMult", func(t *tuning) *float32 { return &t.priorMult }, 0.5, 0.6, 0.7, 0.8),
	{"threshold", func(t *tuning) float64 { return t.threshold }, func(t *tuning, v float64) { t.threshold = v },
		[]float64{0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6}},
}

// fitScore is the objective: right outcomes minus wrongCost per wrong one,
// over every fitting set, question sets and follow-up sets alike.
func fitScore(t testing.TB, set *knowledge.Set, tu tuning) (score int, total tally) {
	e := newEngine(set, tu)
	for _, name := range fitSets {
		sc := scoreSet(t, e, name)
		for o := range total {
			total[o] += sc.in[o] + sc.out[o]
		}
	}
	for _, name := range fitFollowUps {
		tl, _, _ := followUpScore(t, e, name)
		for o := range total {
			total[o] += tl[o]
		}
	}
	return total[right] - wrongCost*total[wrong], total
}

// standaloneHolds reports whether every fitting question set comes out
// the same, question by question, when each question is asked after an
// unrelated answer (TestFollowUpLeavesStandaloneAlone's rule): a value
// that breaks it is not taken, however it scores.
func standaloneHolds(t testing.TB, e *Engine) bool {
	for _, name := range fitSets {
		alone := scoreSet(t, e, name)
		after := scoreSetBy(t, e, name, func(q string, ids []string, line int) Result {
			return askAfterUnrelated(e, name, q, ids, line)
		})
		if alone.in != after.in || alone.out != after.out {
			return false
		}
	}
	return true
}

// TestFit fits the constants by coordinate descent: each in turn takes the
// value of its grid that scores best with the others fixed, until a round
// changes none (at most four rounds). It runs only when asked, since it
// rewrites a source file:
//
//	go test ./qa -run TestFit -fit
//
// A value is taken only if the fitting sets still come out the same when
// asked after an unrelated answer (standaloneHolds). The objective does
// not see the other tests: on 2026-12-01 a full refit moved spreadEntries
// to 3, which TestAmbiguousWord rejects, so the values of that day came
// from -fit.params=priorMult,threshold with the others as fitted before;
// in the third session priorMult's grid lost 0.9 and 1 (its comment in
// params). Run the tests after a refit.
func TestFit(t *testing.T) {
	if !*fitFlag {
		t.Skip("refits the constants only with -fit")
	}
	set, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	tu := fittedTuning
	best, total := fitScore(t, set, tu)
	t.Logf("start: score %d (%d right, %d refused, %d wrong)", best, total[right], total[refused], total[wrong])
	for round := 0; round < 4; round++ {
		changed := false
		for _, p := range params {
			if *fitParams != "" && !slices.Contains(strings.Split(*fitParams, ","), p.name) {
				continue
			}
			cur := p.get(&tu)
			for _, v := range p.grid {
				if v == cur {
					continue
				}
				try := tu
				p.set(&try, v)
				if s, _ := fitScore(t, set, try); s > best && standaloneHolds(t, newEngine(set, try)) {
					best, tu, changed = s, try, true
					t.Logf("round %d: %s %.3g -> %.3g: score %d", round, p.name, cur, v, s)
					cur = v
				}
			}
		}
		if !changed {
			break
		}
	}
	_, total = fitScore(t, set, tu)
	t.Logf("end: score %d (%d right, %d refused, %d wrong)", best, total[right], total[refused], total[wrong])
	if err := os.WriteFile("tuning_fitted.go", fittedSource(tu, best, total), 0o644); err != nil {
		t.Fatal(err)
	}
}

// fittedSource renders tuning_fitted.go.
func fittedSource(tu tuning, score int, total tally) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by go test ./qa -run TestFit -fit; DO NOT EDIT.\n\npackage qa\n\n")
	fmt.Fprintf(&b, "// fittedTuning scored %d on %v and %v: %d right, %d refused, %d wrong\n// (a wrong answer costs %d right ones).\n", score, fitSets, fitFollowUps, total[right], total[refused], total[wrong], wrongCost)
	fmt.Fprintf(&b, "var fittedTuning = tuning{\n")
	for _, p := range params {
		if p.name == "typoMult[1]" || p.name == "typoMult[2]" {
			continue
		}
		fmt.Fprintf(&b, "%s: %s,\n", p.name, strconv.FormatFloat(p.get(&tu), 'g', -1, 32))
	}
	fmt.Fprintf(&b, "typoMult: [3]float32{1, %v, %v},\n}\n", tu.typoMult[1], tu.typoMult[2]) // float32 prints shortest
	out, err := format.Source(b.Bytes())
	if err != nil {
		panic(err)
	}
	return out
}
