package qa

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// words returns the folded tokens of s.
func words(s string) []string {
	var a analysis
	a.run(s)
	out := make([]string, 0, len(a.toks))
	for i := range a.toks {
		out = append(out, string(a.word(i)))
	}
	return out
}

func TestTokenize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		want     []string
	}{
		{"plain", "When did the call take place?", []string{"when", "did", "the", "call", "take", "place"}},
		{"numbers", "He won 73.2% with 62,1% turnout in 2019", []string{"he", "won", "73.2", "percent", "with", "62.1", "percent", "turnout", "in", "2019"}},
		{"trailing dot", "It was 2019.", []string{"it", "was", "2019"}},
		{"hyphens", "ice-hockey pro-Russia", []string{"ice", "hockey", "pro", "russia"}},
		{"dashes", "Putin–Macron—call", []string{"putin", "macron", "call"}},
		{"french elision", "l'appel qu'il d’Emmanuel", []string{"appel", "il", "emmanuel"}},
		{"d'après is selon, après is after", "d'après l'article, après l'appel", []string{"selon", "article", "après", "appel"}},
		{"s'appelle names, appelle calls", "il s'appelle comment ? il l'appelle", []string{"il", "nomme", "comment", "il", "appelle"}},
		{"english clitics", "Putin's Macron’s don't", []string{"putin", "macron", "don"}},
		{"typographic quotes", "“give a damn”", []string{"give", "damn"}},
		{"nfkc fullwidth", "ＰＵＴＩＮ ﬁlm", []string{"putin", "film"}},
		{"cyrillic", "Когда состоялся РАЗГОВОР?", []string{"когда", "состоялся", "разговор"}},
		{"yo folds", "Ёлка утёк", []string{"елка", "утек"}},
		{"accents kept", "Qu'a dit Poutine sur un coup d'État", []string{"dit", "poutine", "sur", "un", "coup", "état"}},
		{"decomposed accent", "e\u0301te\u0301", []string{"été"}},
		{"single letters dropped", "a b c I x", []string{}},
		{"mentions", "<@123456> @everyone what <:wave:42> now", []string{"what", "now"}},
		{"markdown", "**bold** _it_ `code` # head", []string{"bold", "it", "code", "head"}},
		{"emoji and controls", "hockey🏒\x00\x07call\u200b", []string{"hockey", "call"}},
		{"invalid utf8", "put\xffin", []string{"put", "in"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := words(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("words(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestNFKCStable checks the runes that skip normalisation against the
// norm tables: each is its own NFKC form and combines with nothing before
// it, so text made of them needs no normalising.
func TestNFKCStable(t *testing.T) {
	t.Parallel()
	n := 0
	for r := rune(0x80); r <= 0x3000; r++ {
		if !nfkcStable(r) {
			continue
		}
		n++
		s := string(r)
		if !norm.NFKC.IsNormalString(s) || !norm.NFKC.PropertiesString(s).BoundaryBefore() {
			t.Errorf("nfkcStable(%U) = true, want false: NFKC changes it or it combines backwards", r)
		}
	}
	if n < 300 {
		t.Errorf("%d stable runes, want Latin-1, Latin Extended-A and Cyrillic ones", n)
	}
	for _, s := range []string{"e\u0301te\u0301", "ＰＵＴＩＮ", "ﬁlm", "wait\u2026", "a\u00a0b", "put\xffin"} {
		if isNFKC(s) {
			t.Errorf("isNFKC(%q) = true, want false", s)
		}
	}
	for _, s := range []string{"été", "Когда состоялся РАЗГОВОР?", "l’appel — « coup d’État »", "Œuvre"} {
		if !isNFKC(s) || norm.NFKC.String(s) != s {
			t.Errorf("isNFKC(%q) = %v, want true (and NFKC to keep it)", s, isNFKC(s))
		}
	}
}

func TestTokenizeBounded(t *testing.T) {
	t.Parallel()
	var a analysis
	a.run(strings.Repeat("hockey ", 20000))
	if len(a.toks) != maxTokens {
		t.Errorf("tokens of long input = %d, want %d", len(a.toks), maxTokens)
	}
	if !a.truncated {
		t.Error("truncated = false for 140 KB input, want true")
	}
	a.run(strings.Repeat("é", 3000)) // cut must land on a rune boundary
	if len(a.toks) != 1 || !strings.HasPrefix(string(a.word(0)), "éé") || strings.ContainsRune(string(a.word(0)), '\uFFFD') {
		t.Errorf("long accented word: got %d tokens, want 1 clean one", len(a.toks))
	}
}

func TestDetectLanguage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want lang
	}{
		{"When did the call between Putin and Macron take place?", langEN},
		{"Quand a eu lieu l'appel entre Poutine et Macron ?", langFR},
		{"Qu'a dit Macron sur les avocats ?", langFR},
		{"légitimité de zelensky", langFR},
		{"putin hockey", langEN},
		{"Who said it was a coup?", langEN},
	}
	for _, tt := range tests {
		var a analysis
		a.run(tt.in)
		if got := a.latin(); got != tt.want {
			t.Errorf("latin(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestStem(t *testing.T) {
	t.Parallel()
	tests := []struct {
		word string
		l    lang
		want string
	}{
		{"invaded", langEN, "invad"},
		{"invading", langEN, "invad"},
		{"négociations", langFR, "negoci"},
		{"negociations", langFR, "negoci"},
		{"путина", langRU, "путин"},
		{"café", langEN, "cafe"},
	}
	for _, tt := range tests {
		if got := stem(tt.word, tt.l); got != tt.want {
			t.Errorf("stem(%q, %v) = %q, want %q", tt.word, tt.l, got, tt.want)
		}
	}
}

func TestOSADistance(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		k    int
		want int
	}{
		{"lawyer", "lawyer", 1, 0},
		{"laywer", "lawyer", 1, 1}, // transposition
		{"hapen", "happen", 1, 1},  // insertion
		{"hockei", "hockey", 1, 1}, // substitution
		{"documentry", "documentary", 2, 1},
		{"zelenksy", "zelensky", 2, 1},
		{"separatists", "separtists", 2, 1},
		{"married", "carried", 1, 1},
		{"breakfast", "break", 2, 3},
		{"invented", "invaded", 2, 3},
	}
	var sc scratch
	for _, tt := range tests {
		if got := osaWithin([]rune(tt.a), []rune(tt.b), tt.k, &sc); got != tt.want {
			t.Errorf("osaWithin(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.k, got, tt.want)
		}
	}
}

func TestTypoLimit(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]int{3: 0, 4: 0, 5: 1, 7: 1, 8: 2, 12: 2} {
		if got := typoLimit(n); got != want {
			t.Errorf("typoLimit(%d) = %d, want %d", n, got, want)
		}
	}
}

// TestPercentSign: "%" is read as the word it stands for.
func TestPercentSign(t *testing.T) {
	t.Parallel()
	for _, q := range []string{"what % did he get", "73%", "73 %"} {
		var a analysis
		a.run(q)
		if !strings.Contains(string(a.text), "percent ") {
			t.Errorf("run(%q): text %q, want the word percent", q, a.text)
		}
	}
}
