package qa

import "testing"

// wordCase is a question and the word a finder should pick out of it, ""
// for none.
type wordCase struct {
	q, want string
}

// checkWordTerms runs find (subjectTerm, contentVerb) on every question and
// compares its term with that of the word wanted.
func checkWordTerms(t *testing.T, name string, find func(*analysis, int, resolver) int32, tests []wordCase) {
	t.Helper()
	e := engine(t)
	sc := newScratch(e.ix, len(e.set.Entries))
	for _, tt := range tests {
		want := int32(-1)
		if tt.want != "" {
			want = sc.res.resolve([]byte(tt.want), langEN, token{alpha: true}).id
		}
		sc.an.run(tt.q)
		if got := find(&sc.an, -1, &sc.res); got != want {
			t.Errorf("%s(%q) = %d, want %d (%q)", name, tt.q, got, want, tt.want)
		}
	}
}

// TestSubjectTerm: the subject is the word after the first auxiliary of an
// English question, and no word of a passive one or of another language.
func TestSubjectTerm(t *testing.T) {
	t.Parallel()
	checkWordTerms(t, "subjectTerm", subjectTerm, []wordCase{
		{"what did Biden say about meeting Putin", "biden"},
		{"what did putin say about meeting biden", "putin"},
		{"did macron agree?", "macron"},
		{"was Macron angry", "macron"},
		{"in what year was yanukovich pushed out", ""},
		{"when was the call", ""},
		{"qu'a dit Poutine sur Biden ?", ""},
		{"what happened", ""},
	})
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
	checkWordTerms(t, "contentVerb", contentVerb, []wordCase{
		{"What did the press release after the call say?", "say"},
		{"what does the second article mention about hockey", "mention"},
		{"what did macron tell putin", "tell"},
		{"what was written in the press release", "written"},
		{"did putin say he would play hockey", ""},    // asks whether, not what
		{"what did putin agree to do", ""},            // no verb of saying
		{"qu'a dit Poutine sur le coup d'État ?", ""}, // English only
		{"who said they didn't give a damn", ""},      // not "what"
	})
}
