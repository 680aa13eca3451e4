package qa

import (
	"slices"
	"testing"
)

// TestAbbreviations: chat abbreviations of English text read as the words
// they stand for; French text keeps its own words, and other single
// letters are still dropped.
func TestAbbreviations(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []string
	}{
		{"wat did u say abt lawyers", []string{"what", "did", "you", "say", "about", "lawyers"}},
		{"y did he call", []string{"why", "did", "he", "call"}},
		{"Y did Macron call b4 the invasion", []string{"why", "did", "macron", "call", "before", "the", "invasion"}},
		{"whn was the convo", []string{"when", "was", "the", "conversation"}},
		{"whr is the pic from", []string{"where", "is", "the", "picture", "from"}},
		{"hw did ppl find out", []string{"how", "did", "people", "find", "out"}},
		{"tl;dr of the call", []string{"summary", "of", "the", "call"}},
		{"TLDR pls", []string{"summary", "please"}},
		{"tl of the call", []string{"tl", "of", "the", "call"}},
		{"r u sure the govt is legit", []string{"are", "you", "sure", "the", "government", "is", "legit"}},
		{"eli5 the call", []string{"summary", "the", "call"}},
		// "art" is "article" only before a number, which stays.
		{"why per art 2", []string{"why", "per", "article", "2"}},
		{"what art is in the documentary", []string{"what", "art", "is", "in", "the", "documentary"}},
		{"a b c I x", []string{}},
		// French: "y" is a word of its own, dropped like other single letters.
		{"Y a-t-il une vidéo de l'appel ?", []string{"il", "une", "vidéo", "de", "appel"}},
		{"qu'y a-t-il dans le documentaire", []string{"il", "dans", "le", "documentaire"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			if got := words(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("words(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestAbbreviationKinds: an abbreviated question word asks what the word
// asks.
func TestAbbreviationKinds(t *testing.T) {
	t.Parallel()
	e := engine(t)
	tests := []struct {
		q    string
		want intent
	}{
		{"whn did they talk", intentWhen},
		{"wen was the convo", intentWhen},
		{"y did macron call", intentWhy},
		{"wher was putin", intentWhere},
		{"hw did the call end", intentHow},
		{"hw many ppl voted", intentQuantity},
		{"wat year was zelenskyy elected", intentWhen},
		{"whos on the call", intentWho},
	}
	for _, tt := range tests {
		if got := kindOf(e, tt.q); got != tt.want {
			t.Errorf("kindOf(%q) = %v, want %v", tt.q, intentKeys[got], intentKeys[tt.want])
		}
	}
}

// TestAbbrevTable: every abbreviation fits the lexicon's field, is lower
// case, appears once, and stands for a different word.
func TestAbbrevTable(t *testing.T) {
	t.Parallel()
	if n := len(abbrevs); n >= 1<<(32-lexAbbrevShift) {
		t.Fatalf("%d abbreviations, the lexicon field holds %d", n, 1<<(32-lexAbbrevShift)-1)
	}
	seen := map[string]bool{}
	for i, x := range abbrevs[1:] {
		if seen[x.from] {
			t.Errorf("abbreviation %q listed twice", x.from)
		}
		seen[x.from] = true
		if got := words(x.from); len(got) == 0 && x.next == "" {
			t.Errorf("abbreviation %q is no token", x.from)
		}
		if x.to == x.from || x.to == "" {
			t.Errorf("abbreviation %q stands for %q", x.from, x.to)
		}
		if got := lexOf([]byte(x.from)).abbrev(); got != i+1 {
			t.Errorf("lexOf(%q).abbrev() = %d, want %d", x.from, got, i+1)
		}
	}
}
