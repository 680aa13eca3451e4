package qa

import "testing"

// TestChatterAndNames: greetings with an addressee and questions about
// people the articles never name are refused, while a greeting in front of a
// real question still gets its answer.
func TestChatterAndNames(t *testing.T) {
	t.Parallel()
	e := engine(t)
	tests := []struct {
		q        string
		answered bool
		hint     bool
	}{
		{q: "Hello everyone!", hint: true},
		{q: "Salut tout le monde", hint: true},
		{q: "Всем привет!", hint: true},
		{q: "hey bot, are you alive?", hint: true},
		{q: "What did Trump say about the leaked call?"},
		{q: "What did Scholz say about the gym?"},
		{q: "hi, what did macron say about lawyers?", answered: true},
		{q: "Bonjour, qu'a dit Macron sur les avocats ?", answered: true},
	}
	for _, tt := range tests {
		r := e.Ask(tt.q)
		if r.Answered != tt.answered {
			t.Errorf("Ask(%q).Answered = %v (conf %.2f), want %v", tt.q, r.Answered, r.Confidence, tt.answered)
		}
		if got := r.Reason == ReasonEmpty; tt.hint && !got {
			t.Errorf("Ask(%q).Reason = %q, want the usage hint", tt.q, r.Reason)
		}
	}
}

// TestCapitalTokens: capitalised words inside a sentence are marked, sentence
// starts are not.
func TestCapitalTokens(t *testing.T) {
	t.Parallel()
	var a analysis
	a.run("What did Trump say? Nothing. ask Biden")
	want := map[string][2]bool{ // capital, initial
		"what": {true, true}, "trump": {true, false}, "say": {false, false},
		"nothing": {true, true}, "ask": {false, true}, "biden": {true, false},
	}
	for i, tok := range a.toks {
		w := string(a.word(i))
		if wt, ok := want[w]; ok && (tok.capital != wt[0] || tok.initial != wt[1]) {
			t.Errorf("token %q: capital %v initial %v, want %v %v", w, tok.capital, tok.initial, wt[0], wt[1])
		}
	}
	if a.capitals != 2 {
		t.Errorf("capitals = %d, want 2 (Trump, Biden)", a.capitals)
	}
}
