package qa

import "testing"

// TestSubjectTerm: the subject is the word after the first auxiliary of an
// English question, and no word of a passive one or of another language.
func TestSubjectTerm(t *testing.T) {
	t.Parallel()
	e := engine(t)
	sc := newScratch(e.ix, len(e.set.Entries))
	term := func(w string) int32 {
		return sc.res.resolve([]byte(w), langEN, token{alpha: true}).id
	}
	tests := []struct {
		q    string
		want string // the subject's word, "" for none
	}{
		{"what did Biden say about meeting Putin", "biden"},
		{"what did putin say about meeting biden", "putin"},
		{"did macron agree?", "macron"},
		{"was Macron angry", "macron"},
		{"in what year was yanukovich pushed out", ""},
		{"when was the call", ""},
		{"qu'a dit Poutine sur Biden ?", ""},
		{"what happened", ""},
	}
	for _, tt := range tests {
		sc.an.run(tt.q)
		got := subjectTerm(&sc.an, -1, &sc.res)
		want := int32(-1)
		if tt.want != "" {
			want = term(tt.want)
		}
		if got != want {
			t.Errorf("subjectTerm(%q) = %d, want %d (%q)", tt.q, got, want, tt.want)
		}
	}
}

// TestOtherSubject: a stored phrasing about what Putin said does not count
// as fully as one about what Biden said, for a question about Biden.
func TestOtherSubject(t *testing.T) {
	t.Parallel()
	e := engine(t)
	sc := newScratch(e.ix, len(e.set.Entries))
	sc.an.run("what did Biden say")
	q := subjectTerm(&sc.an, -1, &sc.res)
	other, same := 0, 0
	for d := range e.ix.docs {
		switch s := e.ix.docSubject[d]; {
		case s < 0:
		case e.ix.otherSubject(q, int32(d)):
			other++
		case s == q:
			same++
		}
	}
	if other == 0 || same == 0 {
		t.Errorf("phrasings whose subject is another name than Biden: %d, Biden: %d; want some of each in the embedded set", other, same)
	}
}

// TestContentVerb: a question asking what was said has its verb of saying
// found, and no other question has one.
func TestContentVerb(t *testing.T) {
	t.Parallel()
	e := engine(t)
	sc := newScratch(e.ix, len(e.set.Entries))
	term := func(w string) int32 {
		return sc.res.resolve([]byte(w), langEN, token{alpha: true}).id
	}
	tests := []struct {
		q    string
		want string // the verb, "" for none
	}{
		{"What did the press release after the call say?", "say"},
		{"what does the second article mention about hockey", "mention"},
		{"what did macron tell putin", "tell"},
		{"did putin say he would play hockey", ""}, // asks whether, not what
		{"what did putin agree to do", ""},         // no verb of saying
		{"what was written in the press release", "written"},
		{"qu'a dit Poutine sur le coup d'État ?", ""}, // English only
		{"who said they didn't give a damn", ""},      // not "what"
	}
	for _, tt := range tests {
		sc.an.run(tt.q)
		got := contentVerb(&sc.an, -1, &sc.res)
		want := int32(-1)
		if tt.want != "" {
			want = term(tt.want)
		}
		if got != want {
			t.Errorf("contentVerb(%q) = %d, want %d (%q)", tt.q, got, want, tt.want)
		}
	}
}
