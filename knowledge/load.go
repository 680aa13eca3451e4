package knowledge

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed about.yaml sources topics.yaml synonyms.yaml qa
var embedded embed.FS

// Embedded loads the set compiled into the binary.
func Embedded() (*Set, error) {
	return Load(embedded)
}

// LoadDir loads a set from a directory with the embedded set's layout.
func LoadDir(dir string) (*Set, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("knowledge directory: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("knowledge directory %s: not a directory", dir)
	}
	return Load(os.DirFS(dir))
}

// LoadError is every problem that kept a set from loading, in file and line
// order: missing files, YAML syntax errors, unknown keys and values of the
// wrong kind.
type LoadError struct {
	Problems []Problem
}

// Error gives one problem a line.
func (e *LoadError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Load reads a set from fsys. It fails, with a *LoadError listing every
// problem, only when files are missing or are not well-formed: YAML that
// parses, with known keys only and values of the right kind. Whether the
// content is sound is Check's business.
func Load(fsys fs.FS) (*Set, error) {
	l := &loader{fsys: fsys}
	s := &Set{}
	l.about(s)
	l.sources(s)
	l.topics(s)
	l.synonyms(s)
	l.entries(s)
	l.strayFiles()
	if len(l.problems) > 0 {
		return nil, &LoadError{Problems: sortProblems(l.problems)}
	}
	s.index()
	s.locateQuotes()
	return s, nil
}

// The shapes of the files, for the strict decoding.
type (
	aboutFile struct {
		About *About `yaml:"about"`
	}
	sourcesFile struct {
		Sources []Source `yaml:"sources"`
	}
	topicsFile struct {
		Topics []Topic `yaml:"topics"`
	}
	synonymsFile struct {
		Synonyms [][]string    `yaml:"synonyms"`
		Kept     []KeptSynonym `yaml:"kept"`
	}
	entriesFile struct {
		Entries []Entry `yaml:"entries"`
	}
)

func (l *loader) about(s *Set) {
	const name = "about.yaml"
	var f aboutFile
	top, ok := l.decodeFile(name, &f, "about")
	if !ok {
		return
	}
	k, _ := lookup(top, "about")
	s.About = *f.About
	s.About.Pos = Pos{File: name, Line: k.Line}
}

// sources reads the sources' metadata and each one's text. It looks for the
// texts even when the metadata has problems, to report every missing one.
func (l *loader) sources(s *Set) {
	const name = "sources/sources.yaml"
	var f sourcesFile
	top, ok := l.decodeFile(name, &f, "sources")
	if top == nil {
		return
	}
	for i, n := range items(top, "sources") {
		_, id := lookup(n, "id")
		_, file := lookup(n, "file")
		if file == nil || file.Kind != yaml.ScalarNode || file.Value == "" {
			continue // Check reports an empty one, the walk one of the wrong kind
		}
		p := path.Join("sources", file.Value)
		b, err := fs.ReadFile(l.fsys, p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			l.add(name, n.Line, "source %s: no file %s", scalar(id), p)
		case err != nil:
			l.add(name, n.Line, "source %s: cannot read %s: %v", scalar(id), p, err)
		case ok:
			f.Sources[i].Text = string(b)
		}
		if ok {
			f.Sources[i].Pos = Pos{File: name, Line: n.Line}
		}
	}
	s.Sources = f.Sources
}

// scalar is a scalar node's text, or "" for any other node.
func scalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

func (l *loader) topics(s *Set) {
	const name = "topics.yaml"
	var f topicsFile
	top, ok := l.decodeFile(name, &f, "topics")
	if !ok {
		return
	}
	for i, n := range items(top, "topics") {
		f.Topics[i].Pos = Pos{File: name, Line: n.Line}
	}
	s.Topics = f.Topics
}

// synonyms reads synonyms.yaml, which a set may leave out.
func (l *loader) synonyms(s *Set) {
	const name = "synonyms.yaml"
	if _, err := fs.Stat(l.fsys, name); errors.Is(err, fs.ErrNotExist) {
		return
	}
	var f synonymsFile
	top, ok := l.decodeFile(name, &f, "synonyms")
	if !ok {
		return
	}
	for _, n := range items(top, "synonyms") {
		s.SynonymPos = append(s.SynonymPos, Pos{File: name, Line: n.Line})
	}
	for i, n := range items(top, "kept") {
		f.Kept[i].Pos = Pos{File: name, Line: n.Line}
	}
	s.Synonyms, s.Kept = f.Synonyms, f.Kept
}

func (l *loader) entries(s *Set) {
	files, err := fs.Glob(l.fsys, "qa/*.yaml")
	if err != nil {
		l.add("qa", 1, "cannot list entry files: %v", err)
		return
	}
	if len(files) == 0 {
		l.add("qa", 1, "no entries: qa/*.yaml matched no files")
		return
	}
	sort.Strings(files)
	for _, name := range files {
		var f entriesFile
		top, ok := l.decodeFile(name, &f, "entries")
		if !ok {
			continue
		}
		for i, n := range items(top, "entries") {
			e := &f.Entries[i]
			e.Pos = Pos{File: name, Line: n.Line}
			for j, c := range items(n, "citations") {
				e.Citations[j].Pos = Pos{File: name, Line: c.Line}
			}
		}
		s.Entries = append(s.Entries, f.Entries...)
	}
}

// strayFiles reports YAML files a set does not read, so a misspelt file name
// (synonym.yaml, qa/call.yml) does not drop its content silently.
func (l *loader) strayFiles() {
	read := map[string]map[string]bool{
		".":       {"about.yaml": true, "topics.yaml": true, "synonyms.yaml": true},
		"sources": {"sources.yaml": true},
		"qa":      nil, // every .yaml is read
	}
	for dir, names := range read {
		des, err := fs.ReadDir(l.fsys, dir)
		if err != nil {
			continue // a missing directory is reported by what it should hold
		}
		for _, de := range des {
			n := de.Name()
			isYAML := strings.HasSuffix(n, ".yaml") || strings.HasSuffix(n, ".yml")
			if de.IsDir() || !isYAML || names[n] || names == nil && strings.HasSuffix(n, ".yaml") {
				continue
			}
			l.add(path.Join(dir, n), 1, "file not read: %s", strayHint(dir))
		}
	}
}

func strayHint(dir string) string {
	switch dir {
	case "qa":
		return "entry files end in .yaml"
	case "sources":
		return "sources/ holds sources.yaml and the articles' texts"
	}
	return "a set's top level holds about.yaml, topics.yaml and synonyms.yaml"
}

// locateQuotes fills each citation's Verbatim from its source, folding each
// source once.
func (s *Set) locateQuotes() {
	type folded struct {
		text    string
		offsets []int
	}
	texts := make(map[string]folded, len(s.Sources))
	for _, src := range s.Sources {
		t, off := foldMap(src.Text)
		texts[src.ID] = folded{t, off}
	}
	for i := range s.Entries {
		for j := range s.Entries[i].Citations {
			c := &s.Entries[i].Citations[j]
			f, ok := texts[c.Source]
			if !ok {
				continue
			}
			q := FoldQuote(c.Quote)
			if k := strings.Index(f.text, q); q != "" && k >= 0 {
				src, _ := s.Source(c.Source)
				c.Verbatim = src.Text[f.offsets[k]:f.offsets[k+len(q)]]
			}
		}
	}
}
