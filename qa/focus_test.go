package qa

import (
	"slices"
	"testing"
)

// TestFocus: the sentence that asks is the last ending with a question
// mark, else the last holding a question word; a message of one sentence,
// or none that asks, has no focus.
func TestFocus(t *testing.T) {
	t.Parallel()
	tests := []struct {
		q    string
		want int
	}{
		{"when was the call", -1},
		{"When was the call? I forgot.", 0},
		{"My uncle said it was a prank. I doubt it. Who leaked the call?", 2},
		{"group chat is split. settle it: who made the call", 2},
		{"so many opinions. the call. the leak.", -1},
		{"why?? really", 0},
	}
	for _, tt := range tests {
		var a analysis
		a.run(tt.q)
		if got := a.focus(); got != tt.want {
			t.Errorf("focus(%q) = %d, want %d", tt.q, got, tt.want)
		}
	}
}

// TestFoci: every asking sentence is a focus, those ending with a
// question mark first, each list last first, at most maxFocus of them.
func TestFoci(t *testing.T) {
	t.Parallel()
	tests := []struct {
		q    string
		want []int
	}{
		{"when was the call", nil},
		{"So many rumours. Who knows? What did Macron say about lawyers", []int{1, 2}},
		{"Who called? Why? When? Where was Putin?", []int{3, 2, 1}},
		{"It was staged. Really.", nil},
		// A sentence that asks twice is two: each half a focus.
		{"what was the deal with the gym and who brought it up", []int{1, 0}},
		{"were others listening and what were they doing?", []int{1, 0}},
		{"was he at the gym or what", nil},
		// "that's what …" reports; only the sentence with the mark asks.
		{"putin took the call from a sauna? thats what my friend said", []int{0}},
		{"he was at the gym? that's what I read", []int{0}},
		{"it was at the gym. this is why I ask: when was it", []int{2}},
		// Not after a demonstrative and a copula: "after that, what …" asks.
		{"ok. after that, what did putin say", []int{1}},
	}
	for _, tt := range tests {
		var a analysis
		a.run(tt.q)
		var f [maxFocus]int
		n := a.foci(f[:])
		if got := f[:n]; !slices.Equal(got, tt.want) && (n > 0 || tt.want != nil) {
			t.Errorf("foci(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

// TestEveryAskingSentence: a message that asks twice is answered from
// the sentence the knowledge answers, whichever comes last.
func TestEveryAskingSentence(t *testing.T) {
	t.Parallel()
	e := engine(t)
	tests := []struct{ q, want string }{
		{"my cousin says the whole thing was staged, who even knows?? anyway where was putin when macron called", "gym"},
		{"so many rumours about it. who knows? what did macron say about the lawyers", "lawyer-remark"},
	}
	for _, tt := range tests {
		if r := e.Ask(tt.q); !r.Answered || r.Entry.ID != tt.want {
			t.Errorf("Ask(%q) = answered %v entry %s (conf %.2f), want %s", tt.q, r.Answered, entryID(r), r.Confidence, tt.want)
		}
	}
}

// TestQuestionInContext: a question buried after sentences of context is
// answered as if asked alone, and the context's unknown words do not count
// against it; context alone never makes an answer.
func TestQuestionInContext(t *testing.T) {
	t.Parallel()
	e := engine(t)
	const q = "What did Macron say about lawyers?"
	alone := e.Ask(q)
	if !alone.Answered {
		t.Fatalf("Ask(%q) refused, want an answer", q)
	}
	long := "My flatmate and I were arguing about this over breakfast, and neither of us remembered the details. " +
		"She thinks it was all made up by journalists. " + q
	if r := e.Ask(long); !r.Answered || r.Entry.ID != alone.Entry.ID {
		t.Errorf("Ask(long message) = answered %v entry %s (conf %.2f), want %s", r.Answered, entryID(r), r.Confidence, alone.Entry.ID)
	}
	ctxOnly := "My flatmate and I were arguing about Macron and the lawyers over breakfast. What is the weather tomorrow?"
	if r := e.Ask(ctxOnly); r.Answered {
		t.Errorf("Ask(%q) answered %s from context alone, want a refusal", ctxOnly, r.Entry.ID)
	}
}

// TestClockWords: "what time" asks for a time of day and is not answered
// with a date; "what time is it" asks nothing the knowledge holds.
func TestClockWords(t *testing.T) {
	t.Parallel()
	e := engine(t)
	r := e.Ask("what time of day was the call")
	if r.Answered && r.Entry.ID == "call-when" {
		t.Errorf("Ask(what time of day was the call) = call-when, want an entry that speaks of the time of day or a refusal")
	}
	for _, q := range []string{"what time is it", "Quelle heure est-il ?", "Который час?"} {
		if r := e.Ask(q); r.Answered {
			t.Errorf("Ask(%q) answered %s, want a refusal", q, r.Entry.ID)
		}
	}
}

// TestFrenchCuesFromKnowledge: the story's French words (from the French
// phrasings, used by no English one) mark a question as French.
func TestFrenchCuesFromKnowledge(t *testing.T) {
	t.Parallel()
	e := engine(t)
	for _, w := range []string{"poutine", "appel"} {
		if !e.ix.frCues[w] {
			t.Errorf("frCues[%q] = false, want a cue derived from the French phrasings", w)
		}
	}
	for _, w := range []string{"macron", "putin", "call"} {
		if e.ix.frCues[w] {
			t.Errorf("frCues[%q] = true, want no cue (English phrasings use it)", w)
		}
	}
	sc := e.scratch()
	defer e.pool.Put(sc)
	sc.an.run("poutine appel")
	if got := sc.an.latin(); got != langFR {
		t.Errorf("language of %q = %v, want fr", "poutine appel", got)
	}
}
