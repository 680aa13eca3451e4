package qa

import (
	"math"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/callbot/callbot/knowledge"
)

var (
	embeddedOnce   sync.Once
	embeddedEngine *Engine
	embeddedErr    error
)

// engine returns an engine over the embedded knowledge set, built once.
func engine(t testing.TB) *Engine {
	t.Helper()
	embeddedOnce.Do(func() {
		set, err := knowledge.Embedded()
		if err != nil {
			embeddedErr = err
			return
		}
		embeddedEngine, embeddedErr = New(set, Options{})
	})
	if embeddedErr != nil {
		t.Fatalf("embedded engine: %v", embeddedErr)
	}
	return embeddedEngine
}

// smallSet is a hand-made set for checking synonyms and typos without
// depending on the curated data.
func smallSet(t *testing.T) *knowledge.Set {
	t.Helper()
	fsys := fstest.MapFS{
		"about.yaml":           {Data: []byte("about:\n  summary: Ask a question about the test set\n  description: I answer questions about a test set.\n  hint: \"Ask me something, for example {example}.\"\n  refusal: I don't know, the sources don't say.\n  suggest: Questions the sources do answer are below.\n  footer: answers come only from the sources\n  languages: I read English, French and Russian.\n")},
		"sources/sources.yaml": {Data: []byte("sources:\n  - id: s\n    file: s.txt\n    title: S\n")},
		"sources/s.txt":        {Data: []byte("Putin wanted to go play ice hockey. Macron said lawyers disagree.")},
		"topics.yaml":          {Data: []byte("topics:\n  - id: t\n    title: T\n")},
		"synonyms.yaml": {Data: []byte(`synonyms:
  - [lawyer, attorney, avocat, юрист]
  - [ice hockey, hockey]
  - [macron, макрон]
  - [say, said, dit, сказал]
`)},
		"qa/a.yaml": {Data: []byte(`entries:
  - id: hockey
    topic: t
    question: What did Putin want to play after the call?
    phrasings:
      - putin ice hockey
      - did putin play sport
    french:
      - Poutine voulait jouer au hockey ?
    russian:
      - Путин хотел играть в хоккей?
    answer: Ice hockey.
    citations:
      - source: s
        quote: Putin wanted to go play ice hockey.
  - id: lawyers
    topic: t
    question: What did Macron say about lawyers?
    phrasings:
      - macron lawyer remark
      - lawyers quote
    answer: That lawyers disagree.
    citations:
      - source: s
        quote: Macron said lawyers disagree.
  - id: separatists
    topic: t
    question: Did the separatists answer the proposals?
    phrasings:
      - separatists proposals answer
    answer: No.
    citations:
      - source: s
        quote: Macron said lawyers disagree.
`)},
	}
	set, err := knowledge.Load(fsys)
	if err != nil {
		t.Fatalf("load small set: %v", err)
	}
	return set
}

func TestSynonymsTyposLanguages(t *testing.T) {
	t.Parallel()
	e, err := New(smallSet(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q, want string
	}{
		{"what did macron say about attorneys", "lawyers"},           // synonym, inflected
		{"Qu'a dit Macron sur les avocats ?", "lawyers"},             // French synonym
		{"Что Макрон сказал про юристов?", "lawyers"},                // Russian synonym, stemmed
		{"what did macron say about laywers", "lawyers"},             // transposition
		{"did putin want to play hockey", "hockey"},                  // single-word member of a phrase group
		{"did putin want to play ice-hockey", "hockey"},              // hyphen split, phrase folded
		{"Хотел ли Путин играть в хоккее", "hockey"},                 // Russian, inflected
		{"did the separatitsts answer the proposals", "separatists"}, // 2 edits, long word
	}
	for _, tt := range tests {
		r := e.Ask(tt.q)
		if !r.Answered || r.Entry.ID != tt.want {
			t.Errorf("Ask(%q) = answered %v entry %v (conf %.2f), want %s", tt.q, r.Answered, entryID(r), r.Confidence, tt.want)
		}
	}
}

func entryID(r Result) string {
	if r.Entry == nil {
		return "<nil>"
	}
	return r.Entry.ID
}

// TestStoredPhrasings: every stored wording of every entry, asked verbatim,
// is answered with its own entry.
func TestStoredPhrasings(t *testing.T) {
	t.Parallel()
	e := engine(t)
	for i := range e.set.Entries {
		en := &e.set.Entries[i]
		t.Run(en.ID, func(t *testing.T) {
			t.Parallel()
			for _, p := range en.AllPhrasings() {
				r := e.Ask(p)
				if !r.Answered || r.Entry.ID != en.ID {
					t.Errorf("Ask(%q) = answered %v entry %s conf %.2f, want %s", p, r.Answered, entryID(r), r.Confidence, en.ID)
				}
			}
		})
	}
}

// TestSameTermsAsStored: a question whose terms, in order, are a stored
// phrasing's, the function words aside, is answered as that phrasing is,
// with the confidence of a curated phrasing; the same terms in another
// order, or too few of them, are not.
func TestSameTermsAsStored(t *testing.T) {
	t.Parallel()
	e := engine(t)
	for _, tt := range []struct {
		q, stored string // stored: a curated phrasing of the entry
		exact     bool
	}{
		{"what did putin say about zelensky then", "what did putin say about zelensky", true},
		{"so what did putin say about zelensky, exactly?", "what did putin say about zelensky", true},
		{"what did zelensky say about putin", "what did putin say about zelensky", false},
		{"what did biden say about meeting putin", "what did putin say about meeting biden", false},
		// Two content words are too few: "was Zelenskyy on the call too?"
		// is left to the ranking.
		{"Was Zelenskyy on the call too?", "Was Zelenskyy on the call?", false},
	} {
		want := e.Ask(tt.stored)
		got := e.Ask(tt.q)
		if tt.exact {
			if !got.Answered || entryID(got) != entryID(want) || got.Confidence < exactConfidence {
				t.Errorf("Ask(%q) = %s conf %.2f, want %s at %.2f or more, as %q", tt.q, entryID(got), got.Confidence, entryID(want), exactConfidence, tt.stored)
			}
			continue
		}
		if got.Answered && got.Confidence >= exactConfidence && entryID(got) == entryID(want) {
			t.Errorf("Ask(%q) = %s conf %.2f: read as %q, want not", tt.q, entryID(got), got.Confidence, tt.stored)
		}
	}
}

// TestRefusesUnanswerable: questions near the articles' subject that they
// do not answer are refused; a lone topical word is not enough.
func TestRefusesUnanswerable(t *testing.T) {
	t.Parallel()
	e := engine(t)
	for _, q := range []string{
		"How tall is Putin?",
		"What did Macron eat for breakfast?",
		"Who invented the telephone?",
		"Putin",
		"Macron",
		"What is the capital of Australia?",
		"What is 2+2?",
	} {
		r := e.Ask(q)
		if r.Answered || r.Entry != nil {
			t.Errorf("Ask(%q) answered %s with confidence %.2f, want refusal", q, entryID(r), r.Confidence)
		}
		if r.Confidence >= e.Threshold() {
			t.Errorf("Ask(%q) confidence %.2f >= threshold %.2f", q, r.Confidence, e.Threshold())
		}
	}
}

func TestBadInput(t *testing.T) {
	t.Parallel()
	e := engine(t)
	huge := strings.Repeat("When did the call take place? ", 3500) // ~100 KB
	tests := []struct {
		name, q  string
		wantHint bool
	}{
		{"empty", "", true},
		{"whitespace", " \t\n\u00a0\u3000 ", true},
		{"punctuation", "?!... ---", true},
		{"everyone", "@everyone", true},
		{"mention only", "<@1234567890123>", true},
		{"stopwords only", "what is it?", true},
		{"huge", huge, false},
		{"huge garbage", strings.Repeat("\xff\x00🤖", 40000), true},
		{"control", "\x00\x01\x02when\x1bdid\x7fthe call happen", false},
		{"nul", "\x00", true},
		{"invalid utf8", "\xc3\x28\xa0\xa1 putin \xf0\x28\x8c\xbc", false},
		{"emoji", "🏒🏒🏒 hockey? 🤔", false},
		{"mixed scripts", "Когда did Макрон call Putin?", false},
		{"markdown", "**When** did the `call` take place? ||spoiler|| > quote", false},
		{"everyone plus question", "@everyone when did the call take place", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := e.Ask(tt.q)
			checkInvariants(t, tt.q, r)
			if r.Question != tt.q {
				t.Errorf("Question not echoed unchanged")
			}
			if got := r.Reason == ReasonEmpty; got != tt.wantHint {
				t.Errorf("Ask(%.40q): reason %q, want the usage hint %v", tt.q, r.Reason, tt.wantHint)
			}
			if tt.wantHint && r.Answered {
				t.Errorf("Ask(%.40q) answered, want refusal", tt.q)
			}
		})
	}
	if r := e.Ask(huge); !r.Answered || r.Entry.ID != "call-when" {
		t.Errorf("huge repeated question: answered %v entry %s, want call-when", r.Answered, entryID(r))
	}
}

// checkInvariants asserts what holds for every result.
func checkInvariants(t *testing.T, q string, r Result) {
	t.Helper()
	if math.IsNaN(r.Confidence) || r.Confidence < 0 || r.Confidence > 1 {
		t.Errorf("Ask(%.40q) confidence %v outside [0,1]", q, r.Confidence)
	}
	if r.Answered != (r.Entry != nil) {
		t.Errorf("Ask(%.40q) answered %v with entry %v", q, r.Answered, entryID(r))
	}
	if len(r.Suggestions) > MaxSuggestions {
		t.Errorf("Ask(%.40q) %d suggestions, want at most %d", q, len(r.Suggestions), MaxSuggestions)
	}
	for _, s := range r.Suggestions {
		if r.Entry != nil && s.ID == r.Entry.ID {
			t.Errorf("Ask(%.40q) suggests its own answer %s", q, s.ID)
		}
	}
}

func TestAnswerResult(t *testing.T) {
	t.Parallel()
	e := engine(t)
	r := e.Ask("what did macron say about lawyers")
	if !r.Answered || len(r.Matched) == 0 {
		t.Fatalf("Ask: answered %v matched %q, want answered with matched terms", r.Answered, r.Matched)
	}
	if r.Confidence < e.Threshold() {
		t.Errorf("answered with confidence %.2f below threshold %.2f", r.Confidence, e.Threshold())
	}
	first := e.set.Entries[0]
	got, ok := e.Answer(first.ID)
	if !ok || got.Entry.ID != first.ID || got.Confidence != 1 || !got.Answered || got.Question != first.Question {
		t.Errorf("Answer(%q) = %+v, %v; want the entry with confidence 1", first.ID, got, ok)
	}
	if _, ok := e.Answer("no-such-entry"); ok {
		t.Error("Answer(no-such-entry) ok = true, want false")
	}
}

func TestRefusalSuggests(t *testing.T) {
	t.Parallel()
	e := engine(t)
	r := e.Ask("What is Putin's favourite hockey team?")
	if r.Answered {
		t.Fatalf("answered %s, want refusal", entryID(r))
	}
	if len(r.Suggestions) == 0 {
		t.Errorf("no suggestions for a question sharing \"hockey\" with entries")
	}
	if r := e.Ask("What is the capital of Australia?"); len(r.Suggestions) != 0 {
		t.Errorf("suggestions %v for a question sharing nothing", r.Suggestions)
	}
}

func TestDeterministicAndConcurrent(t *testing.T) {
	t.Parallel()
	e := engine(t)
	qs := []string{"when was the call", "hockey", "What did Putin say about Zelenskyy?", "lawyer", "Putin"}
	want := make([]Result, len(qs))
	for i, q := range qs {
		want[i] = e.Ask(q)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				for i, q := range qs {
					if got := e.Ask(q); !sameResult(got, want[i]) {
						t.Errorf("Ask(%q) not deterministic: %+v vs %+v", q, got, want[i])
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

// TestScratchReset: a pooled scratch comes back as a new one would, whatever
// the question before left on it. A greeting's chatter flag left set once
// dropped "morning" and "night" from the next caller's words, and only when
// the pool happened to hand that scratch on.
func TestScratchReset(t *testing.T) {
	t.Parallel()
	e := engine(t)
	fresh := newScratch(e.ix, len(e.set.Entries))
	sc := newScratch(e.ix, len(e.set.Entries))
	sc.res.chatter, sc.allow, sc.followStrict, sc.prev = true, make([]bool, len(e.set.Entries)), true, 3
	sc.guess.done = true
	sc.reset()
	if sc.guess.done {
		t.Errorf("after reset: the language guess of the question before is kept, want none")
	}
	if sc.res.chatter != fresh.res.chatter || (sc.allow == nil) != (fresh.allow == nil) ||
		sc.followStrict != fresh.followStrict || sc.prev != fresh.prev {
		t.Errorf("after reset: chatter %v, allow set %v, followStrict %v, prev %d; want %v, %v, %v, %d (a new scratch)",
			sc.res.chatter, sc.allow != nil, sc.followStrict, sc.prev,
			fresh.res.chatter, fresh.allow != nil, fresh.followStrict, fresh.prev)
	}
}

func sameResult(a, b Result) bool {
	if a.Answered != b.Answered || a.Confidence != b.Confidence || entryID(a) != entryID(b) ||
		len(a.Suggestions) != len(b.Suggestions) || strings.Join(a.Matched, ",") != strings.Join(b.Matched, ",") {
		return false
	}
	for i := range a.Suggestions {
		if a.Suggestions[i] != b.Suggestions[i] {
			return false
		}
	}
	return true
}

func TestComplete(t *testing.T) {
	t.Parallel()
	e := engine(t)
	first := e.Complete("", 5)
	if len(first) != 5 {
		t.Fatalf("Complete(\"\", 5) returned %d, want 5", len(first))
	}
	for i, s := range first {
		if s.ID != e.set.Entries[i].ID || s.Question != e.set.Entries[i].Question {
			t.Errorf("Complete(\"\")[%d] = %v, want entry %d in set order", i, s, i)
		}
	}
	if got := e.Complete("anything", 100); len(got) > MaxComplete {
		t.Errorf("Complete with limit 100 returned %d, want at most %d", len(got), MaxComplete)
	}
	if got := e.Complete("hockey", 0); got != nil {
		t.Errorf("Complete with limit 0 = %v, want nil", got)
	}
	tests := []struct {
		prefix string
		want   string // an entry that must be among the first three
	}{
		{"hock", "call-ending"},
		{"ice hock", "hockey-timing"},
		{"lawy", "lawyer-remark"},
		{"what did macron say about law", "lawyer-remark"},
		{"turno", "voter-turnout"},
		{"bloody co", "bloody-coup"},
	}
	for _, tt := range tests {
		got := e.Complete(tt.prefix, 25)
		found := false
		for i, s := range got {
			en, ok := e.set.Entry(s.ID)
			if !ok || en.Question != s.Question {
				t.Errorf("Complete(%q)[%d] = %v: not an entry's canonical question", tt.prefix, i, s)
			}
			if i < 3 && s.ID == tt.want {
				found = true
			}
		}
		if !found {
			t.Errorf("Complete(%q) = %v, want %s in the first three", tt.prefix, got, tt.want)
		}
	}
	if got := e.Complete("zzqx", 25); len(got) != 0 {
		t.Errorf("Complete(zzqx) = %v, want none", got)
	}
}

func TestNewOptions(t *testing.T) {
	t.Parallel()
	set := smallSet(t)
	if _, err := New(nil, Options{}); err == nil {
		t.Error("New(nil) succeeded, want error")
	}
	for _, th := range []float64{-0.1, 1.5, math.NaN()} {
		if _, err := New(set, Options{Threshold: th}); err == nil {
			t.Errorf("New with threshold %v succeeded, want error", th)
		}
	}
	e, err := New(set, Options{})
	if err != nil || e.Threshold() != DefaultThreshold() {
		t.Errorf("default threshold = %v (err %v), want %v", e.Threshold(), err, DefaultThreshold())
	}
	strict, _ := New(set, Options{Threshold: 1})
	if r := strict.Ask("macron lawyer"); r.Answered && r.Confidence < 1 {
		t.Errorf("threshold 1 answered with confidence %.2f", r.Confidence)
	}
}

// TestTruthWrapper: "is it true (that) X?", "isn't it the case that X?",
// "неужели X?" ask X; the wrapper is no word of the question, so it scores
// as X alone.
func TestTruthWrapper(t *testing.T) {
	t.Parallel()
	e := engine(t)
	for _, tt := range []struct{ wrapped, bare string }{
		{"Is it true Putin took the call from a gym?", "Putin took the call from a gym?"},
		{"is it true that macron called putin", "macron called putin"},
		{"thats true that zelensky was elected?", "zelensky was elected?"},
		{"isn't it the case that putin said the drills would end that night?", "putin said the drills would end that night?"},
		{"Неужели Путин считал правительство Украины законным?", "Путин считал правительство Украины законным?"},
	} {
		w, b := e.Ask(tt.wrapped), e.Ask(tt.bare)
		if w.Confidence != b.Confidence || entryID(w) != entryID(b) {
			t.Errorf("Ask(%q) = %s at %.3f, want as Ask(%q) = %s at %.3f", tt.wrapped, entryID(w), w.Confidence, tt.bare, entryID(b), b.Confidence)
		}
	}
	// "is that true?" alone keeps its word: a follow-up's truth question.
	sc := e.scratch()
	defer e.pool.Put(sc)
	sc.an.run("is that true")
	if truthWrapper(&sc.an, 2) {
		t.Errorf("truthWrapper(is that true) = true, want false: no clause follows")
	}
}
