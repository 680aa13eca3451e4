package qa

import (
	"strings"
	"testing"
)

// FuzzAsk checks what holds for any input: no panic, confidence in [0,1],
// answered iff there is an entry, at most three suggestions, and the same
// result for the same input. Run with go test -fuzz=FuzzAsk.
func FuzzAsk(f *testing.F) {
	for _, s := range []string{
		"", " ", "When did the call take place?", "wen was the leaked call",
		"Quand a eu lieu l'appel entre Poutine et Macron ?", "Когда состоялся разговор Путина и Макрона?",
		"73.2%", "62,1 %", "@everyone", "<@123> hockey", "**bold** `code`", "\x00\xff\xfe",
		"🏒🤖", "ice-hockey", "qu'il l'appel", "ёж", strings.Repeat("a", 3000), "e\u0301",
		"How tall is Putin?", "0.0.0.0", "...", "'''", "<a:x:1>", "how many",
	} {
		f.Add(s)
	}
	e := engine(f)
	f.Fuzz(func(t *testing.T, q string) {
		r := e.Ask(q)
		checkInvariants(t, q, r)
		if again := e.Ask(q); !sameResult(r, again) {
			t.Errorf("Ask(%q) not deterministic", q)
		}
		if got := e.Complete(q, MaxComplete); len(got) > MaxComplete {
			t.Errorf("Complete(%q) returned %d", q, len(got))
		}
	})
}
