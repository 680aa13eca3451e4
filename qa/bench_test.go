package qa

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/callbot/callbot/knowledge"
)

// BenchmarkAsk asks the evaluation questions in turn; ns/op is per question.
func BenchmarkAsk(b *testing.B) {
	e := engine(b)
	var qs []string
	for _, name := range []string{"eval_in.tsv", "eval_out.tsv"} {
		for _, l := range readEval(b, name) {
			qs = append(qs, l.question)
		}
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		e.Ask(qs[i%len(qs)])
	}
	// The mean hides a long tail (words the index never saw go through
	// snowball and the typo search); report the median question too.
	b.StopTimer()
	per := make([]float64, len(qs))
	for i, q := range qs {
		start := time.Now()
		for range 50 {
			e.Ask(q)
		}
		per[i] = float64(time.Since(start).Nanoseconds()) / 50
	}
	slices.Sort(per)
	b.ReportMetric(per[len(per)/2], "median-ns/question")
}

// BenchmarkAskKnown asks one question whose words are all in the index:
// the common case, with no stemming or typo search.
func BenchmarkAskKnown(b *testing.B) {
	e := engine(b)
	b.ReportAllocs()
	for b.Loop() {
		e.Ask("what did macron say about lawyers")
	}
}

// BenchmarkAskKnownHeadMult asks BenchmarkAskKnown's question of engines
// that differ only in headMult, built in one process: whether the head
// verb's weight is what the question's time depends on.
func BenchmarkAskKnownHeadMult(b *testing.B) {
	set, err := knowledge.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	for _, hm := range []float32{1, 1.5, 2} {
		tu := fittedTuning
		tu.headMult = hm
		e := newEngine(set, tu)
		b.Run(fmt.Sprint(hm), func(b *testing.B) {
			for b.Loop() {
				e.Ask("what did macron say about lawyers")
			}
		})
	}
}

// BenchmarkComplete ranks autocomplete choices for a partly typed question.
func BenchmarkComplete(b *testing.B) {
	e := engine(b)
	b.ReportAllocs()
	for b.Loop() {
		e.Complete("what did putin say about the coup", MaxComplete)
	}
}

// BenchmarkNew builds the engine (the index) from a set loaded once.
func BenchmarkNew(b *testing.B) {
	set, err := knowledge.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(set, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild loads the embedded knowledge set and builds the engine.
func BenchmarkBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		set, err := knowledge.Embedded()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := New(set, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
