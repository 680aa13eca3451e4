package lexicon

import (
	"slices"
	"testing"
	"testing/fstest"
)

func mustDefault(t *testing.T) *Lexicon {
	t.Helper()
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestDefault holds the embedded lists to their documented sizes.
func TestDefault(t *testing.T) {
	t.Parallel()
	l := mustDefault(t)
	if n := len(l.words); n < 20000 {
		t.Errorf("WordNet words = %d, want at least 20000", n)
	}
	if n := l.EnglishWords(); n != 25000 {
		t.Errorf("EnglishWords() = %d, want 25000", n)
	}
	if n := len(l.frRank); n != 20000 {
		t.Errorf("French words = %d, want 20000", n)
	}
}

func TestWords(t *testing.T) {
	t.Parallel()
	l := mustDefault(t)
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"told is a form of tell", l.Bases("told"), []string{"tell"}},
		{"talked is a form of talk", l.Bases("talked"), []string{"talk"}},
		{"lawyers is a form of lawyer", l.Lemmas("lawyers"), []string{"lawyer"}},
		{"talks is a lemma of its own", l.Lemmas("talks"), []string{"talks"}},
		{"kiev is a name, not a common word", len(l.Senses("kiev")), 0},
		{"vladimir is several people's first name", l.GivenName("vladimir"), []string{"horowitz", "lenin", "mayakovski", "nabokov", "putin", "zworykin"}},
		{"emmanuel is no one's first name in WordNet", l.GivenName("emmanuel"), []string(nil)},
		{"succeed opposes fail", slices.Contains(l.Antonyms("succeed"), "fail"), true},
		{"failure opposes succeed", slices.Contains(l.Antonyms("failure"), "succeed"), true},
		{"agree opposes disagree", slices.Contains(l.Antonyms("agree"), "disagree"), true},
		{"the is the second English word", l.EnglishRank("the"), 2},
		{"coup is a frequent French word", l.FrenchRank("coup") < 300, true},
		{"coup is a rare English one", l.EnglishRank("coup") > 5000, true},
	}
	for _, tt := range tests {
		if !equal(tt.got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

// TestSynonymy: lawyer and attorney share a sense; a documentary is a film,
// one pointer away; home and withdraw have nothing to do with each other.
func TestSynonymy(t *testing.T) {
	t.Parallel()
	l := mustDefault(t)
	tied := func(a, b string) bool {
		for _, s := range l.Senses(a) {
			for _, u := range l.Senses(b) {
				if l.Linked(s, u) {
					return true
				}
			}
		}
		return false
	}
	tests := []struct {
		a, b string
		want bool
	}{
		{"lawyer", "attorney", true},
		{"documentary", "film", true},
		{"home", "withdraw", false},
		{"participation", "turnout", false},
	}
	for _, tt := range tests {
		if got := tied(tt.a, tt.b); got != tt.want {
			t.Errorf("tied(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestStopwordAndStem(t *testing.T) {
	t.Parallel()
	if !Stopword("the", English) || !Stopword("le", French) || !Stopword("что", Russian) || Stopword("putin", English) {
		t.Error("Stopword disagrees with the snowball lists")
	}
	if got := Stem("according", English); got != "accord" {
		t.Errorf(`Stem("according") = %q, want "accord"`, got)
	}
	if fam := mustDefault(t).StemFamily("accord"); !slices.Contains(fam, "according") {
		t.Errorf(`StemFamily("accord") = %q, want it to hold "according"`, fam)
	}
}

// TestLoadRejects: a malformed list is an error naming file and line.
func TestLoadRejects(t *testing.T) {
	t.Parallel()
	files := func(words string) fstest.MapFS {
		m := fstest.MapFS{}
		for _, n := range []string{"wordnet-links.txt", "wordnet-exceptions.txt", "wordnet-antonyms.txt",
			"wordnet-names.txt", "opensubtitles-en.txt", "opensubtitles-fr.txt"} {
			m["data/"+n] = &fstest.MapFile{Data: []byte("# empty\n")}
		}
		m["data/wordnet-words.txt"] = &fstest.MapFile{Data: []byte(words)}
		return m
	}
	if _, err := Load(files("# ok\ncat\t3\tn:0,1\n")); err != nil {
		t.Errorf("Load(good) = %v", err)
	}
	for _, bad := range []string{"cat\t3\n", "cat\tx\tn:0\n", "cat\t3\tq:0\n", "cat\t3\tn:zz!\n"} {
		if _, err := Load(files(bad)); err == nil {
			t.Errorf("Load(%q) succeeded, want an error", bad)
		}
	}
}

func equal(a, b any) bool {
	switch a := a.(type) {
	case []string:
		b, ok := b.([]string)
		return ok && slices.Equal(a, b)
	}
	return a == b
}
