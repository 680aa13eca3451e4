package knowledge

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// loader reads the files of a set, collecting every problem instead of
// stopping at the first, so a curator sees them all in one run.
type loader struct {
	fsys     fs.FS
	problems []Problem
}

func (l *loader) add(file string, line int, format string, args ...any) {
	l.problems = append(l.problems, Problem{Pos: Pos{File: file, Line: line}, Msg: fmt.Sprintf(format, args...)})
}

// decodeFile parses name, checks it strictly against doc (a pointer to a
// struct whose fields are the file's top-level keys) and decodes it into
// doc. required are keys that must be there. It returns the top mapping, for
// the lines of what it holds, or nil when the file does not parse; ok tells
// that the file is sound and doc decoded. A file with problems is not
// decoded, but its top mapping is still returned so that what it names (a
// source's text file) can be checked too.
func (l *loader) decodeFile(name string, doc any, required ...string) (top *yaml.Node, ok bool) {
	b, err := fs.ReadFile(l.fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		l.add(name, 1, "missing file")
		return nil, false
	}
	if err != nil {
		l.add(name, 1, "cannot read: %v", err)
		return nil, false
	}
	top, line, err := parseYAML(b)
	if err != nil {
		line, msg := syntaxError(b, err)
		l.add(name, line, "%s", msg)
		return nil, false
	}
	sound := line == 0
	if !sound {
		l.add(name, line, "a second YAML document; a knowledge file holds one")
	}
	want := fmt.Sprintf("want a mapping with key %q", strings.Join(required, `", "`))
	if top == nil {
		l.add(name, 1, "empty file; %s", want)
		return nil, false
	}
	if top.Kind != yaml.MappingNode {
		l.add(name, top.Line, "top level is %s; %s", kindName(top), want)
		return nil, false
	}
	w := walker{file: name}
	w.value(top, reflect.TypeOf(doc).Elem(), "top level")
	for _, key := range required {
		k, v := lookup(top, key)
		switch {
		case k == nil:
			w.add(top.Line, "missing key %q", key)
		case isNull(v):
			w.add(k.Line, "%q is empty", key)
		}
	}
	if len(w.problems) > 0 || !sound {
		l.problems = append(l.problems, w.problems...)
		return top, false
	}
	// The walk above has checked every key and kind, so decoding can only
	// fail on what it does not model, such as an alias that contains itself.
	if err := top.Decode(doc); err != nil {
		l.addDecodeError(name, top.Line, err)
		return top, false
	}
	return top, true
}

// parseYAML parses the first document of b and returns its top node (nil
// when b holds none) and, when b holds a second document, the line it starts
// on.
func parseYAML(b []byte) (top *yaml.Node, second int, err error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var doc yaml.Node
	if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
		return nil, 0, nil
	} else if err != nil {
		return nil, 0, err
	}
	var next yaml.Node
	if err := dec.Decode(&next); err != nil && !errors.Is(err, io.EOF) {
		return nil, 0, err
	} else if err == nil && len(next.Content) > 0 && !isNull(next.Content[0]) {
		second = max(next.Content[0].Line, 1)
	}
	if len(doc.Content) == 0 {
		return nil, second, nil
	}
	return doc.Content[0], second, nil
}

// yamlLine matches the "yaml: " and "line N: " that yaml.v3 puts before its
// messages.
var yamlLine = regexp.MustCompile(`^(?:yaml: )?(?:line (\d+): )?`)

// syntaxError returns the line of a YAML syntax error and its message
// without yaml.v3's prefix. yaml.v3 reports the line where the enclosing
// construct starts, often lines above the mistake; the shortest run of
// leading lines that fails the same way ends on the line the mistake is on.
// The search parses a few prefixes, and only for a broken file.
func syntaxError(b []byte, err error) (int, string) {
	msg := err.Error()
	var ends []int // offset just past each line
	for i, c := range b {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(b) {
		ends = append(ends, len(b))
	}
	n := sort.Search(len(ends), func(i int) bool {
		_, _, err := parseYAML(b[:ends[i]])
		return err != nil && err.Error() == msg
	})
	line := min(n, len(ends)-1) + 1
	return line, yamlLine.ReplaceAllString(msg, "")
}

// addDecodeError adds yaml.v3's decoding errors, each at its line when it
// gives one.
func (l *loader) addDecodeError(name string, line int, err error) {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		l.add(name, line, "%s", yamlLine.ReplaceAllString(err.Error(), ""))
		return
	}
	for _, e := range te.Errors {
		at := line
		if m := yamlLine.FindStringSubmatch(e); m[1] != "" {
			at, _ = strconv.Atoi(m[1])
		}
		l.add(name, at, "%s", yamlLine.ReplaceAllString(e, ""))
	}
}

// lookup returns the key and value nodes of key in a mapping, or nils.
func lookup(m *yaml.Node, key string) (k, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], resolve(m.Content[i+1])
		}
	}
	return nil, nil
}

// items returns the items of the list under key in a mapping, each
// resolved.
func items(m *yaml.Node, key string) []*yaml.Node {
	_, v := lookup(m, key)
	if v == nil || v.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]*yaml.Node, len(v.Content))
	for i, n := range v.Content {
		out[i] = resolve(n)
	}
	return out
}

// resolve follows aliases to the node they stand for.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// kindName names a node's kind the way a curator thinks of it.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return strconv.Quote(clip(n.Value, 30))
	}
	return "empty"
}
