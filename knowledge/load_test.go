package knowledge

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// edit changes a copy of the good set for one test case.
type edit func(t *testing.T, m fstest.MapFS)

// replace swaps the first old in file for new.
func replace(file, old, new string) edit {
	return func(t *testing.T, m fstest.MapFS) {
		t.Helper()
		orig := string(m[file].Data)
		if !strings.Contains(orig, old) {
			t.Fatalf("test setup: %s does not contain %q", file, old)
		}
		m[file] = &fstest.MapFile{Data: []byte(strings.Replace(orig, old, new, 1))}
	}
}

// write sets file's whole content; remove deletes it.
func write(file, content string) edit {
	return func(t *testing.T, m fstest.MapFS) { m[file] = &fstest.MapFile{Data: []byte(content)} }
}

func remove(file string) edit {
	return func(t *testing.T, m fstest.MapFS) { delete(m, file) }
}

// loadProblems loads the good set changed by edits and returns the load
// problems as "path:line: message", failing unless Load reports a
// *LoadError.
func loadProblems(t *testing.T, edits ...edit) []string {
	t.Helper()
	m := goodFS(t)
	for _, e := range edits {
		e(t, m)
	}
	_, err := Load(m)
	var le *LoadError
	if !errors.As(err, &le) {
		t.Fatalf("Load() error = %v, want a *LoadError", err)
	}
	var got []string
	for _, p := range le.Problems {
		got = append(got, p.String())
	}
	return got
}

// TestLoadStrict proves every level of every file rejects an unknown key and
// a value of the wrong kind, each reported as "path:line: message".
func TestLoadStrict(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		edit edit
		want []string
	}{
		{"about top level", replace("about.yaml", "about:\n", "abuot: {}\nabout:\n"),
			[]string{`about.yaml:1: unknown field "abuot" at the top level; did you mean "about"?`}},
		{"about", replace("about.yaml", "  summary:", "  sumary:"),
			[]string{`about.yaml:2: unknown field "sumary" in about; did you mean "summary"?`}},
		{"about not a mapping", write("about.yaml", "about: [a]\n"),
			[]string{`about.yaml:1: "about" must be a mapping of fields, not a list`}},
		{"sources top level", replace("sources/sources.yaml", "summary: Two sentences for tests.\n", "summary: Two sentences for tests.\nnotes: x\n"),
			[]string{`sources/sources.yaml:6: unknown field "notes" at the top level; want one of sources`}},
		{"source", replace("sources/sources.yaml", "    summary:", "    author: Me\n    summary:"),
			[]string{`sources/sources.yaml:5: unknown field "author" in source tiny; want one of id, file, title, summary`}},
		{"topics top level", replace("topics.yaml", "topics:", "topic:"),
			[]string{`topics.yaml:1: unknown field "topic" at the top level; did you mean "topics"?`, `topics.yaml:1: missing key "topics"`}},
		{"topic", replace("topics.yaml", "    title: Cats", "    title: Cats\n    colour: grey"),
			[]string{`topics.yaml:4: unknown field "colour" in topic cats; want one of id, title, titles`}},
		{"synonyms top level", replace("synonyms.yaml", "kitty]\n", "kitty]\nkep:\n  - word: kitty\n"),
			[]string{`synonyms.yaml:3: unknown field "kep" at the top level; did you mean "kept"?`}},
		{"kept word", replace("synonyms.yaml", "kitty]\n", "kitty]\nkept:\n  - word: kitty\n    wy: the article says so\n"),
			[]string{`synonyms.yaml:5: unknown field "wy" in kept word kitty; did you mean "why"?`}},
		{"kept not a list", replace("synonyms.yaml", "kitty]\n", "kitty]\nkept: kitty\n"),
			[]string{`synonyms.yaml:3: "kept" must be a list, not "kitty"`}},
		{"synonym not text", replace("synonyms.yaml", "[cat, kitty]", "[cat, {kitty: cat}]"),
			[]string{`synonyms.yaml:2: synonym must be text, not a mapping (quote text that holds ": ")`}},
		{"entries top level", replace("qa/cats.yaml", "entries:\n", "extra: 1\nentries:\n"),
			[]string{`qa/cats.yaml:1: unknown field "extra" at the top level; want one of entries`}},
		{"entry", replace("qa/cats.yaml", "phrasings:\n      - cat location", "phrasing:\n      - cat location"),
			[]string{`qa/cats.yaml:5: unknown field "phrasing" in entry where-cat; did you mean "phrasings"?`}},
		{"entry by merge", replace("qa/cats.yaml", "    topic: cats\n    question: Where", "    topic: cats\n    <<: {colour: grey}\n    question: Where"),
			[]string{`qa/cats.yaml:4: unknown field "colour" in entry; want one of id, topic, question, phrasings, french, russian, answer, citations, related, follow, unsaid, translations`}},
		{"citation", replace("qa/cats.yaml", "quote: The cat sat", "qoute: The cat sat"),
			[]string{`qa/cats.yaml:10: unknown field "qoute" in citation; did you mean "quote"?`}},
		{"citation not a mapping", replace("qa/cats.yaml", "      - source: tiny\n        quote: The cat sat on the mat.", "      - tiny"),
			[]string{`qa/cats.yaml:9: citation must be a mapping of fields, not "tiny"`}},
		{"phrasing with a colon", replace("qa/cats.yaml", "- cat location", "- cat: location"),
			[]string{`qa/cats.yaml:6: phrasing must be text, not a mapping (quote text that holds ": ")`}},
		{"related not a list", replace("qa/cats.yaml", "related: [cat-dogs]", "related: cat-dogs"),
			[]string{`qa/cats.yaml:11: "related" must be a list, not "cat-dogs"`}},
		{"follow not a mapping", replace("qa/cats.yaml", "related: [cat-dogs]\n", "related: [cat-dogs]\n    follow: [cat-dogs]\n"),
			[]string{`qa/cats.yaml:12: "follow" must be a mapping, not a list`}},
		{"follow kind not a list", replace("qa/cats.yaml", "related: [cat-dogs]\n", "related: [cat-dogs]\n    follow: {why: cat-dogs}\n"),
			[]string{`qa/cats.yaml:12: "follow" "why" must be a list, not "cat-dogs"`}},
		{"unsaid not a bool", replace("qa/cats.yaml", "related: [cat-dogs]\n", "related: [cat-dogs]\n    unsaid: maybe\n"),
			[]string{`qa/cats.yaml:12: "unsaid" must be true or false, not "maybe"`}},
		{"field twice", replace("qa/cats.yaml", "answer: On the mat.\n", "answer: On the mat.\n    answer: Under it.\n"),
			[]string{`qa/cats.yaml:8: field "answer" given twice in entry where-cat (first at line 7)`}},
		{"entries empty", write("qa/cats.yaml", "entries:\n"),
			[]string{`qa/cats.yaml:1: "entries" is empty`}},
		{"entries not a list", replace("qa/cats.yaml", "entries:\n", "entries: 3\nx:\n"),
			[]string{`qa/cats.yaml:1: "entries" must be a list, not "3"`, `qa/cats.yaml:2: unknown field "x" at the top level; want one of entries`}},
		{"second document", replace("topics.yaml", "title: Cats\n", "title: Cats\n---\ntopics: []\n"),
			[]string{`topics.yaml:5: a second YAML document; a knowledge file holds one`}},
		{"empty file", write("topics.yaml", "# nothing yet\n"),
			[]string{`topics.yaml:1: empty file; want a mapping with key "topics"`}},
		{"missing file", remove("topics.yaml"),
			[]string{`topics.yaml:1: missing file`}},
		{"missing source text", replace("sources/sources.yaml", "file: tiny.txt", "file: gone.txt"),
			[]string{`sources/sources.yaml:2: source tiny: no file sources/gone.txt`}},
		{"misspelt file name", write("synonym.yaml", "synonyms: []\n"),
			[]string{`synonym.yaml:1: file not read: a set's top level holds about.yaml, topics.yaml and synonyms.yaml`}},
		{"entries file not .yaml", write("qa/more.yml", "entries: []\n"),
			[]string{`qa/more.yml:1: file not read: entry files end in .yaml`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := loadProblems(t, tt.edit); !slices.Equal(got, tt.want) {
				t.Errorf("Load() problems:\ngot  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestLoadReportsEveryProblem loads a set broken in many files and places
// and wants each problem, in file and line order, not just the first.
func TestLoadReportsEveryProblem(t *testing.T) {
	t.Parallel()
	_, err := LoadDir("testdata/broken")
	var le *LoadError
	if !errors.As(err, &le) {
		t.Fatalf("LoadDir(testdata/broken) error = %v, want a *LoadError", err)
	}
	want := []string{
		`about.yaml:3: unknown field "descripton" in about; did you mean "description"?`,
		`qa/a.yaml:5: unknown field "phrasing" in entry where-cat; did you mean "phrasings"?`,
		`qa/a.yaml:15: phrasing must be text, not a mapping (quote text that holds ": ")`,
		`qa/a.yaml:19: unknown field "qoute" in citation; did you mean "quote"?`,
		`qa/a.yaml:20: "unsaid" must be true or false, not "maybe"`,
		`qa/b.yaml:10: did not find expected key`,
		`qa/c.yml:1: file not read: entry files end in .yaml`,
		`sources/sources.yaml:6: unknown field "url" in source tiny; want one of id, file, title, summary`,
		`sources/sources.yaml:7: source gone: no file sources/gone.txt`,
		`synonyms.yaml:5: unknown field "reason" in kept word kitty; want one of word, why`,
		`topics.yaml:3: did not find expected ',' or ']'`,
	}
	var got []string
	for _, p := range le.Problems {
		got = append(got, p.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("LoadDir(testdata/broken) problems:\ngot  %q\nwant %q", got, want)
	}
	if got, want := err.Error(), strings.Join(want, "\n"); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// TestSyntaxErrorLine wants a YAML syntax error reported on the line the
// mistake is on; yaml.v3 gives the line its enclosing construct starts on.
func TestSyntaxErrorLine(t *testing.T) {
	t.Parallel()
	// A long file whose mistake comes after a list written over two lines,
	// which no shorter run of leading lines parses.
	long := "entries:\n  - id: a\n    phrasings: [one,\n      two]\n" +
		strings.Repeat("  - id: b\n    answer: y\n", 20) +
		"  - id: c\n    answer: Macron: no\n" +
		strings.Repeat("  - id: d\n    answer: y\n", 5)
	tests := []struct {
		name, file, content, want string
	}{
		{"unclosed list", "topics.yaml", "topics:\n  - id: cats\n    title: [Cats\n  - id: dogs\n    title: Dogs\n",
			`topics.yaml:3: did not find expected ',' or ']'`},
		{"colon in text", "topics.yaml", "topics:\n  - id: cats\n    title: Cats: and dogs\n",
			`topics.yaml:3: mapping values are not allowed in this context`},
		{"bad indent", "topics.yaml", "topics:\n  - id: cats\n   title: Cats\n",
			`topics.yaml:3: did not find expected '-' indicator`},
		{"unclosed quote", "topics.yaml", "topics:\n  - id: cats\n    title: \"Cats\n  - id: dogs\n",
			`topics.yaml:3: found unexpected end of stream`},
		{"tab", "topics.yaml", "topics:\n  - id: cats\n\ttitle: Cats\n",
			`topics.yaml:3: found a tab character that violates indentation`},
		{"apostrophe in single quotes", "qa/cats.yaml", "entries:\n  - id: x\n    answer: 'I don't know'\n",
			`qa/cats.yaml:3: did not find expected key`},
		{"unknown anchor", "topics.yaml", "topics:\n  - *cats\n", `topics.yaml:2: unknown anchor 'cats' referenced`},
		{"deep in a long file", "qa/cats.yaml", long, `qa/cats.yaml:46: mapping values are not allowed in this context`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := loadProblems(t, write(tt.file, tt.content))
			if want := []string{tt.want}; !slices.Equal(got, want) {
				t.Errorf("Load() problems = %q, want %q", got, want)
			}
		})
	}
}

func TestProblemFormat(t *testing.T) {
	t.Parallel()
	p := Problem{Pos: Pos{File: "qa/call.yaml", Line: 12}, Msg: "entry x: empty phrasing"}
	if got, want := p.String(), "qa/call.yaml:12: entry x: empty phrasing"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	err := error(&LoadError{Problems: []Problem{p, {Pos: Pos{File: "topics.yaml", Line: 3}, Msg: "bad"}}})
	if got, want := err.Error(), "qa/call.yaml:12: entry x: empty phrasing\ntopics.yaml:3: bad"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestQuoteDeparture(t *testing.T) {
	t.Parallel()
	const source = "As the exchange got heated, Macron reportedly told Putin he did not “give a damn about " +
		"the separatists’ proposals” as they were unlawful. The cat sat on the mat. It said, “I don’t   like dogs.”"
	tests := []struct{ quote, want string }{
		{`Macron reportedly told Putin he did not "give a damn about the separatists' plans" as they were unlawful.`,
			`after "…damn about the separatists'" the quote has "plans", the source "proposals"`},
		{"The cat sat on a mat.", `after "The cat sat on" the quote has "a", the source "the"`},
		{"The cat sat on mat.", `after "The cat sat on" the source has "the", which the quote leaves out`},
		{"The cat sat on the big mat.", `after "…cat sat on the" the quote has "big", which the source does not`},
		{"A cat sat on the mat.", `before "cat sat on the…" the quote has "A", the source "The"`},
		{"The dog sat on the mat.", `before "sat on the mat." the quote has "dog", the source "cat"`},
		{`Macron told Putin he did not "give a damn`, `before "told Putin he did…" the source has "reportedly", which the quote leaves out`},
		{`It said, "I don't like dogs." And more.`, `after "…"I don't like dogs."" the quote has "And more.", where the source ends`},
		{"Completely different words here.", "the source has neither its first 3 words nor its last 3"},
		{"cat dog", `after "cat" the quote has "dog", the source "sat"`},
		{"dog", ""},
		{"The cat sat on the mat.", ""},
	}
	for _, tt := range tests {
		if got := quoteDeparture(FoldQuote(tt.quote), FoldQuote(source)); got != tt.want {
			t.Errorf("quoteDeparture(%q):\ngot  %s\nwant %s", tt.quote, got, tt.want)
		}
	}
	long := strings.Repeat("word ", 200)
	if got := quoteDeparture(long+"x", long+"y"); len(got) > 200 {
		t.Errorf("quoteDeparture(long) = %d bytes, want at most 200: %s", len(got), got)
	}
}

// TestCheckQuoteMismatch wants Check's message for a quote not in its source
// to show where it departs, or which other source holds it.
func TestCheckQuoteMismatch(t *testing.T) {
	t.Parallel()
	second := replace("sources/sources.yaml", "sources:\n", "sources:\n  - id: other\n    file: other.txt\n    title: Another\n    summary: More.\n")
	tests := []struct {
		name  string
		edits []edit
		want  string
	}{
		{"word changed", []edit{replace("qa/cats.yaml", "quote: The cat sat on the mat.", "quote: The cat sat on a mat.")},
			`qa/cats.yaml:9: entry where-cat: quote not found word for word in source tiny: after "The cat sat on" the quote has "a", the source "the"`},
		{"in another source", []edit{second, write("sources/other.txt", "The dog sat on the rug."),
			replace("qa/cats.yaml", "quote: The cat sat on the mat.", "quote: The dog sat on the rug.")},
			`qa/cats.yaml:9: entry where-cat: quote not found word for word in source tiny: "The dog sat on the rug."; source other has it`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := goodFS(t)
			for _, e := range tt.edits {
				e(t, m)
			}
			s, err := Load(m)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			var got []string
			for _, p := range s.Check() {
				got = append(got, p.String())
			}
			if !slices.Contains(got, tt.want) {
				t.Errorf("Check() = %q, want it to hold %q", got, tt.want)
			}
		})
	}
}

// BenchmarkEmbedded measures what start-up pays to load and check the
// embedded set.
func BenchmarkEmbedded(b *testing.B) {
	for b.Loop() {
		s, err := Embedded()
		if err != nil {
			b.Fatal(err)
		}
		if ps := s.CheckIntegrity(); len(ps) > 0 {
			b.Fatal(fmt.Sprint(ps))
		}
	}
}
