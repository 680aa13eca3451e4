package knowledge

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"reflect"
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

// Load reads a set from fsys. It fails only when files are missing or are not
// well-formed YAML; whether the content is sound is Check's business.
func Load(fsys fs.FS) (*Set, error) {
	s := &Set{}
	if err := decodeAbout(fsys, "about.yaml", &s.About); err != nil {
		return nil, err
	}
	if err := decodeList(fsys, "sources/sources.yaml", "sources", &s.Sources, func(src *Source, line int) {
		src.Pos = Pos{File: "sources/sources.yaml", Line: line}
	}); err != nil {
		return nil, err
	}
	for i := range s.Sources {
		src := &s.Sources[i]
		if src.File == "" {
			continue // Check reports it
		}
		b, err := fs.ReadFile(fsys, path.Join("sources", src.File))
		if err != nil {
			return nil, fmt.Errorf("%s:%d: source %q: %w", src.Pos.File, src.Pos.Line, src.ID, err)
		}
		src.Text = string(b)
	}
	if err := decodeList(fsys, "topics.yaml", "topics", &s.Topics, func(t *Topic, line int) {
		t.Pos = Pos{File: "topics.yaml", Line: line}
	}); err != nil {
		return nil, err
	}
	groups, err := decodeOptional(fsys, "synonyms.yaml", "synonyms", &s.Synonyms)
	if err != nil {
		return nil, err
	}
	for _, g := range groups {
		s.SynonymPos = append(s.SynonymPos, Pos{File: "synonyms.yaml", Line: g.Line})
	}
	if err := decodeKept(fsys, s); err != nil {
		return nil, err
	}

	files, err := fs.Glob(fsys, "qa/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list qa files: %w", err)
	}
	if len(files) == 0 {
		return nil, errors.New("no entries: qa/*.yaml matched no files")
	}
	sort.Strings(files)
	for _, name := range files {
		var entries []Entry
		if err := decodeList(fsys, name, "entries", &entries, func(e *Entry, line int) {
			e.Pos = Pos{File: name, Line: line}
			for j := range e.Citations {
				e.Citations[j].Pos.File = name
			}
		}); err != nil {
			return nil, err
		}
		s.Entries = append(s.Entries, entries...)
	}
	s.index()
	s.locateQuotes()
	return s, nil
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

// decodeList decodes the sequence under key in a YAML file into *out, calling
// at for each item with the line it starts on.
func decodeList[T any](fsys fs.FS, name, key string, out *[]T, at func(*T, int)) error {
	seq, err := listNode(fsys, name, key)
	if err != nil {
		return err
	}
	items := make([]T, len(seq.Content))
	known := yamlKeys(reflect.TypeFor[T]())
	for i, n := range seq.Content {
		if n.Kind != yaml.MappingNode {
			return fmt.Errorf("%s:%d: %s item must be a mapping", name, n.Line, key)
		}
		for j := 0; j+1 < len(n.Content); j += 2 {
			// yaml.Node.Decode has no strict mode; a misspelt key would
			// otherwise vanish silently.
			if k := n.Content[j]; !known[k.Value] {
				return fmt.Errorf("%s:%d: unknown field %q", name, k.Line, k.Value)
			}
		}
		if err := n.Decode(&items[i]); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n.Line, err)
		}
		setPositions(&items[i], n)
		at(&items[i], n.Line)
	}
	*out = items
	return nil
}

// yamlKeys returns the YAML keys a struct type accepts.
func yamlKeys(t reflect.Type) map[string]bool {
	keys := make(map[string]bool, t.NumField())
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name != "" && name != "-" {
			keys[name] = true
		}
	}
	return keys
}

// setPositions records the lines of nested citations, which Check reports on.
func setPositions(v any, n *yaml.Node) {
	e, ok := v.(*Entry)
	if !ok {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value != "citations" || n.Content[i+1].Kind != yaml.SequenceNode {
			continue
		}
		for j, c := range n.Content[i+1].Content {
			if j < len(e.Citations) {
				e.Citations[j].Pos.Line = c.Line
			}
		}
	}
}

// decodeKept reads the optional kept list of synonyms.yaml.
func decodeKept(fsys fs.FS, s *Set) error {
	const name = "synonyms.yaml"
	if _, err := fs.Stat(fsys, name); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if _, err := listNode(fsys, name, "kept"); errors.Is(err, errMissingKey) {
		return nil
	}
	return decodeList(fsys, name, "kept", &s.Kept, func(k *KeptSynonym, line int) {
		k.Pos = Pos{File: name, Line: line}
	})
}

// decodeAbout decodes the mapping under "about" in a YAML file into *out,
// rejecting unknown fields.
func decodeAbout(fsys fs.FS, name string, out *About) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	var doc struct {
		About *About `yaml:"about"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if doc.About == nil {
		return fmt.Errorf("%s:1: missing key %q", name, "about")
	}
	*out = *doc.About
	out.Pos = Pos{File: name, Line: 1}
	return nil
}

// decodeOptional decodes the sequence under key into out when the file
// exists, and returns the sequence's items (for their lines).
func decodeOptional(fsys fs.FS, name, key string, out any) ([]*yaml.Node, error) {
	if _, err := fs.Stat(fsys, name); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	seq, err := listNode(fsys, name, key)
	if err != nil {
		return nil, err
	}
	if err := seq.Decode(out); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, seq.Line, err)
	}
	return seq.Content, nil
}

// listNode returns the sequence node under key at the top of a YAML file.
func listNode(fsys fs.FS, name, key string) (*yaml.Node, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:1: want a mapping with key %q", name, key)
	}
	top := doc.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value == key {
			v := top.Content[i+1]
			if v.Kind != yaml.SequenceNode {
				return nil, fmt.Errorf("%s:%d: %q must be a list", name, v.Line, key)
			}
			return v, nil
		}
	}
	return nil, fmt.Errorf("%s:%d: %w %q", name, top.Line, errMissingKey, key)
}

// errMissingKey is listNode's error for a file without the key.
var errMissingKey = errors.New("missing key")
