package knowledge

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// goodFS returns the small sound set in testdata/good as an editable map.
func goodFS(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	root := os.DirFS("testdata/good")
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(root, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// mutated returns the good set with the first old in file replaced by new.
func mutated(t *testing.T, file, old, new string) fstest.MapFS {
	t.Helper()
	m := goodFS(t)
	orig := string(m[file].Data)
	if !strings.Contains(orig, old) {
		t.Fatalf("test setup: %s does not contain %q", file, old)
	}
	m[file] = &fstest.MapFile{Data: []byte(strings.Replace(orig, old, new, 1))}
	return m
}

func TestCheckGoodSet(t *testing.T) {
	t.Parallel()
	s, err := Load(goodFS(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Check(); len(got) != 0 {
		t.Errorf("Check() = %v, want no problems", got)
	}
}

func TestCheckEmbedded(t *testing.T) {
	t.Parallel()
	s, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range s.Check() {
		t.Error(p)
	}
}

// TestCheckCatches proves each kind of defect is reported at its file and line.
func TestCheckCatches(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		file     string
		old, new string
		want     string // the whole "file:line: message" prefix expected
	}{
		{"quote not in source", "qa/cats.yaml", "quote: The cat sat on the mat.", "quote: The cat sat on a mat.",
			`qa/cats.yaml:9: entry where-cat: quote not found word for word in source tiny: after "The cat sat on" the quote has "a", the source "the"`},
		{"unknown source", "qa/cats.yaml", "source: tiny\n        quote: The cat", "source: huge\n        quote: The cat",
			`qa/cats.yaml:9: entry where-cat: unknown source "huge"`},
		{"unknown related id", "qa/cats.yaml", "related: [cat-dogs]", "related: [cat-birds]",
			`qa/cats.yaml:2: entry where-cat: unknown related id "cat-birds"`},
		{"unknown follow kind", "qa/cats.yaml", "related: [cat-dogs]\n", "related: [cat-dogs]\n    follow: {whence: [cat-dogs]}\n",
			`qa/cats.yaml:2: entry where-cat: follow kind "whence": want one of howmany, next, quote, reply, source, truth, what, when, where, who, why`},
		{"unknown follow id", "qa/cats.yaml", "related: [cat-dogs]\n", "related: [cat-dogs]\n    follow: {why: [cat-birds]}\n",
			`qa/cats.yaml:2: entry where-cat: follow why: unknown entry id "cat-birds"`},
		{"follow id twice", "qa/cats.yaml", "related: [cat-dogs]\n", "related: [cat-dogs]\n    follow: {next: [cat-dogs, cat-dogs]}\n",
			`qa/cats.yaml:2: entry where-cat: follow next: "cat-dogs" given twice`},
		{"follow kind empty", "qa/cats.yaml", "related: [cat-dogs]\n", "related: [cat-dogs]\n    follow: {who: []}\n",
			`qa/cats.yaml:2: entry where-cat: follow who: no entry ids`},
		{"duplicate id", "qa/cats.yaml", "id: cat-dogs", "id: where-cat",
			`qa/cats.yaml:12: duplicate entry id "where-cat" (first at qa/cats.yaml:2)`},
		{"empty answer", "qa/cats.yaml", "answer: On the mat.", `answer: ""`,
			`qa/cats.yaml:2: entry where-cat: empty field "answer"`},
		{"empty quote", "qa/cats.yaml", "quote: The cat sat on the mat.", "quote: ' '",
			`qa/cats.yaml:9: entry where-cat citation: empty field "quote"`},
		{"no phrasings", "qa/cats.yaml", "phrasings:\n      - cat location\n", "phrasings: []\n",
			`qa/cats.yaml:2: entry where-cat: empty field "phrasings"`},
		{"shared phrasing", "qa/cats.yaml", "- cat and dogs", "- Cat, location!",
			`qa/cats.yaml:12: entry cat-dogs: phrasing "Cat, location!" is shared with entry where-cat`},
		{"unknown topic", "qa/cats.yaml", "topic: cats\n    question: Where", "topic: dogs\n    question: Where",
			`qa/cats.yaml:2: entry where-cat: unknown topic "dogs"`},
		{"empty source title", "sources/sources.yaml", "title: A tiny article", "title: ''",
			`sources/sources.yaml:2: source tiny: empty field "title"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := Load(mutated(t, tt.file, tt.old, tt.new))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			var got []string
			for _, p := range s.Check() {
				got = append(got, p.String())
				if strings.HasPrefix(p.String(), tt.want) {
					return
				}
			}
			t.Errorf("Check() = %q, want a problem starting %q", got, tt.want)
		})
	}
}

func TestLoadRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		file     string
		old, new string
		want     string
	}{
		{"unknown field", "qa/cats.yaml", "phrasings:\n      - cat location", "phrasing:\n      - cat location", `qa/cats.yaml:5: unknown field "phrasing"`},
		{"bad yaml", "topics.yaml", "title: Cats", "title: [Cats", "topics.yaml"},
		{"missing source file", "sources/sources.yaml", "file: tiny.txt", "file: gone.txt", `sources/sources.yaml:2: source tiny: no file sources/gone.txt`},
		{"entries not a list", "qa/cats.yaml", "entries:\n", "entries: 3\nx:\n", `qa/cats.yaml:1: "entries" must be a list`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Load(mutated(t, tt.file, tt.old, tt.new))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load() error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestFoldQuote(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"“I don’t   know,”\n he said", `"I don't know," he said`},
		{"  a\tb  ", "a b"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := FoldQuote(tt.in); got != tt.want {
			t.Errorf("FoldQuote(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLoadDir(t *testing.T) {
	t.Parallel()
	s, err := LoadDir("testdata/good")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(s.Entries), 2; got != want {
		t.Errorf("len(Entries) = %d, want %d", got, want)
	}
	e, ok := s.Entry("cat-dogs")
	if !ok || e.Pos.Line != 12 {
		t.Errorf("Entry(cat-dogs) = %v, %v; want line 12", e, ok)
	}
	if _, err := LoadDir("testdata/nope"); err == nil {
		t.Error("LoadDir(missing) succeeded, want error")
	}
}

// TestEmbeddedCoverage holds the shipped set to the curation bar: enough
// entries, each askable many ways, the most asked also in French and Russian,
// and every answer backed by a citation and linked to related entries.
func TestEmbeddedCoverage(t *testing.T) {
	t.Parallel()
	s, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(s.Entries), 60; got < want {
		t.Errorf("entries = %d, want at least %d", got, want)
	}
	multilingual := 0
	for _, e := range s.Entries {
		if got, want := len(e.Phrasings), 5; got < want {
			t.Errorf("%s: %d phrasings, want at least %d", e.ID, got, want)
		}
		if len(e.Related) == 0 {
			t.Errorf("%s: no related entries", e.ID)
		}
		if len(e.French) > 0 && len(e.Russian) > 0 {
			multilingual++
		}
	}
	if got, want := multilingual, 20; got < want {
		t.Errorf("entries with French and Russian phrasings = %d, want at least %d", got, want)
	}
	for _, src := range s.Sources {
		cited := false
		for _, e := range s.Entries {
			for _, c := range e.Citations {
				cited = cited || c.Source == src.ID
			}
		}
		if !cited {
			t.Errorf("source %s is never cited", src.ID)
		}
	}
}

func TestVerbatim(t *testing.T) {
	t.Parallel()
	s, err := Load(goodFS(t))
	if err != nil {
		t.Fatal(err)
	}
	e, _ := s.Entry("cat-dogs")
	// The YAML quote uses straight quotes and one space; the source has
	// typographic quotes and three spaces, and Verbatim keeps them.
	if got, want := e.Citations[0].Verbatim, "It said, “I don’t   like dogs.”"; got != want {
		t.Errorf("Verbatim = %q, want %q", got, want)
	}
	emb, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range emb.Entries {
		for _, c := range e.Citations {
			src, _ := emb.Source(c.Source)
			if c.Verbatim == "" || !strings.Contains(src.Text, c.Verbatim) {
				t.Errorf("%s: Verbatim %q is not a substring of %s", e.ID, c.Verbatim, c.Source)
			}
		}
	}
}
