package qa

import (
	"os"
	"testing"
)

func TestDebugQ(t *testing.T) {
	q := os.Getenv("Q")
	if q == "" {
		t.Skip()
	}
	e := engine(t)
	sc := e.pool.Get().(*scratch)
	sc.an.run(q)
	f := sc.an.focus()
	sc.seq = collect(&sc.an, sc.an.latin(), &sc.res, sc.seq[:0], f)
	sc.seq = e.ix.foldPhrases(sc.seq)
	sc.seq = dedupe(sc.seq)
	t.Logf("focus %d sents %d asks %b", f, sc.an.sents, sc.an.asks)
	for _, q := range sc.seq {
		name := "?"
		if q.id >= 0 {
			name = e.ix.terms[q.id].display
			t.Logf("  %s w=%.2f mult=%.2f ctx=%v", name, e.ix.terms[q.id].weight, q.mult, q.context)
		} else {
			t.Logf("  id=%d", q.id)
		}
	}
	rk := e.ix.rank(sc)
	for _, c := range rk.top[:rk.n] {
		t.Logf("  %s score=%.2f mass=%.2f", e.set.Entries[c.entry].ID, c.score, c.mass)
	}
	t.Logf("conf %.2f", rk.conf)
}

func TestDebugKind(t *testing.T) {
	q := os.Getenv("Q")
	if q == "" {
		t.Skip()
	}
	e, _ := New(kindSet(t), Options{})
	r := e.Ask(q)
	t.Logf("%v %v %.2f", r.Answered, entryID(r), r.Confidence)
}
