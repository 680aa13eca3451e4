package qa

import "testing"

// Words that cost a question nothing: a sentence of context around it, a
// frame, a wrapper or a chat word. Each case asks a question with them and
// without; both must get the same entry, at no lower a confidence.

// askedAsBare checks that asked gets what bare gets, at a confidence no
// more than 0.01 under bare's; bare must be answered, or the case no
// longer tests anything.
func askedAsBare(t *testing.T, e *Engine, asked, bare string) {
	t.Helper()
	got, want := e.Ask(asked), e.Ask(bare)
	if !want.Answered {
		t.Fatalf("Ask(%q) refused: the case no longer tests the rule", bare)
	}
	if entryID(got) != entryID(want) || got.Confidence < want.Confidence-0.01 {
		t.Errorf("Ask(%q) = %s (conf %.3f), want %s (conf %.3f) as %q", asked, entryID(got), got.Confidence, entryID(want), want.Confidence, bare)
	}
}

func TestWeightlessWords(t *testing.T) {
	t.Parallel()
	e := engine(t)
	tests := []struct{ name, asked, bare string }{
		// A sentence of chat before the question is context: its words
		// that the answer lacks lower nothing.
		{"context", "i heard something. when was the call?", "when was the call lol"},
		{"context", "my cousin brought it up. what did putin say about the coup?", "what did putin say about the coup lol"},
		// A topic frame asks about the thing as a whole, as "X?" does.
		{"frame", "whats the deal with the press release", "the press release?"},
		{"frame", "what's the story behind the gym", "the gym?"},
		{"frame", "what's up with the lawyers", "the lawyers?"},
		{"frame", "что за история с пресс-релизом?", "пресс-релиз?"},
		{"frame", "c'est quoi l'histoire avec les avocats ?", "les avocats ?"},
		// The formal register's wrappers.
		{"formal", "kindly indicate what macron said about lawyers", "what macron said about lawyers"},
		{"formal", "подскажите, что Макрон сказал про адвокатов?", "что Макрон сказал про адвокатов?"},
		// "else" after "anything", "what": more of the same, no word of
		// the question ("anyone else" keeps it: someone other).
		{"else", "what else did putin say about zelensky", "what did putin say about zelensky"},
		// French and Russian chat words, as "lol"; French "tel" (such; a
		// phone, in chat) is not "télé".
		{"chat", "y a une transcription de l'appel qqpart ?", "y a une transcription de l'appel ?"},
		{"chat", "путин из спортзала разговаривал лол", "путин из спортзала разговаривал"},
		{"chat", "Macron a pris son tel pour appeler Poutine ?", "Macron a pris pour appeler Poutine ?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			askedAsBare(t, e, tt.asked, tt.bare)
		})
	}
}

// TestAnythingElse: "anything else?" asks nothing alone; "anyone else"
// keeps its "else", the people other than the two leaders.
func TestAnythingElse(t *testing.T) {
	t.Parallel()
	e := engine(t)
	if r := e.Ask("anything else?"); r.Answered {
		t.Errorf("Ask(%q) = %s, want no answer", "anything else?", entryID(r))
	}
	if r := e.Ask("was anyone else listening in?"); !r.Answered || r.Entry.ID != "advisers-notes" {
		t.Errorf("Ask(%q) = %s, want advisers-notes", "was anyone else listening in?", entryID(r))
	}
}

// TestNotTopicFrame: "big deal" has no preposition after it, and the "up"
// of "bring up with" follows no question word: neither is a frame.
func TestNotTopicFrame(t *testing.T) {
	t.Parallel()
	for _, q := range []string{"why is this leak such a big deal", "what did he bring up with macron"} {
		var a analysis
		a.run(q)
		for i := range a.toks {
			if topicFrame(&a, i, a.tokLang(i)) {
				t.Errorf("topicFrame(%q) at %q = true, want false", q, a.word(i))
			}
		}
	}
}
