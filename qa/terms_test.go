package qa

import (
	"slices"
	"testing"
)

func TestTermsGroupRewordings(t *testing.T) {
	t.Parallel()
	e := engine(t)
	tests := []struct {
		a, b string
		same bool
	}{
		// Inflections, case and question words fold away.
		{"What did Macron say about lawyers?", "macron said what about the lawyer", true},
		// Unknown words keep their stems, so two refused questions about
		// the weather meet, and differ from one about the lawyers.
		{"what was the weather like during the call", "how was the weather on the call", true},
		{"what was the weather like", "what did macron say about lawyers", false},
	}
	for _, tt := range tests {
		ta, tb := e.Terms(tt.a), e.Terms(tt.b)
		if got := slices.Equal(ta, tb); got != tt.same {
			t.Errorf("Terms(%q) = %q, Terms(%q) = %q: equal %v, want %v", tt.a, ta, tt.b, tb, got, tt.same)
		}
	}
	if got := e.Terms("weather"); !slices.Contains(got, "weather") {
		t.Errorf("Terms(%q) = %q, want the unknown word's stem %q", "weather", got, "weather")
	}
	if got := e.Terms("the of and ?"); len(got) != 0 {
		t.Errorf("Terms of stopwords = %q, want none", got)
	}
}

func TestResultCandidatesAndLang(t *testing.T) {
	t.Parallel()
	e := engine(t)
	tests := []struct {
		q, lang string
	}{
		{"What did Macron say about lawyers?", "en"},
		{"Qu'a dit Macron sur les avocats ?", "fr"},
		{"Что Макрон сказал про юристов?", "ru"},
		{"Was hat Macron über die Anwälte gesagt, als er mit Putin telefonierte?", "de"},
	}
	for _, tt := range tests {
		res := e.Ask(tt.q)
		if res.Lang != tt.lang {
			t.Errorf("Ask(%q).Lang = %q, want %q", tt.q, res.Lang, tt.lang)
		}
		if res.Reason == ReasonLanguage {
			continue
		}
		if len(res.Candidates) == 0 || len(res.Candidates) > MaxSuggestions {
			t.Fatalf("Ask(%q): %d candidates, want 1 to %d", tt.q, len(res.Candidates), MaxSuggestions)
		}
		if res.Answered && res.Candidates[0].ID != res.Entry.ID {
			t.Errorf("Ask(%q): first candidate %q, want the answered entry %q", tt.q, res.Candidates[0].ID, res.Entry.ID)
		}
		for i := 1; i < len(res.Candidates); i++ {
			if res.Candidates[i].Score > res.Candidates[i-1].Score {
				t.Errorf("Ask(%q): candidates not best first: %+v", tt.q, res.Candidates)
			}
		}
	}
}
