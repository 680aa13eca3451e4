package knowledge

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// walker checks a YAML tree against the Go type it decodes into: every key
// known, each given once, every value of the right kind. yaml.v3's
// Node.Decode ignores unknown keys, and its strict Decoder stops at a file's
// first syntax error and words its messages in Go types; the walk reports
// each problem at its line, in the curator's terms.
type walker struct {
	file     string
	problems []Problem
}

func (w *walker) add(line int, format string, args ...any) {
	w.problems = append(w.problems, Problem{Pos: Pos{File: w.file, Line: line}, Msg: fmt.Sprintf(format, args...)})
}

// labels name the structs of a knowledge file in messages; a struct not
// listed is a file's top level.
var labels = map[reflect.Type]string{
	reflect.TypeFor[About]():       "about",
	reflect.TypeFor[Source]():      "source",
	reflect.TypeFor[Topic]():       "topic",
	reflect.TypeFor[KeptSynonym](): "kept word",
	reflect.TypeFor[Entry]():       "entry",
	reflect.TypeFor[Citation]():    "citation",
}

// itemNames name the items of lists of text, by what names the list.
var itemNames = map[string]string{
	`"phrasings"`:   "phrasing",
	`"french"`:      "French phrasing",
	`"russian"`:     "Russian phrasing",
	`"related"`:     "related id",
	`"synonyms"`:    "synonym group",
	"synonym group": "synonym",
}

// value checks n, to be decoded into a t; what names it in messages. The
// recursion follows t, which nests a few levels at most, so it ends even on
// an alias that contains itself.
func (w *walker) value(n *yaml.Node, t reflect.Type, what string) {
	n = resolve(n)
	if isNull(n) {
		return // decodes to the zero value; Check reports what must not be empty
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			w.add(n.Line, "%s must be a mapping of fields, not %s", what, kindName(n))
			return
		}
		w.fields(n, t)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			w.add(n.Line, "%s must be a mapping, not %s", what, kindName(n))
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			w.value(n.Content[i+1], t.Elem(), what+" "+strconv.Quote(n.Content[i].Value))
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			w.add(n.Line, "%s must be a list, not %s", what, kindName(n))
			return
		}
		item, ok := itemNames[what]
		if l, isStruct := labels[t.Elem()]; isStruct {
			item = l
		} else if !ok {
			item = "item of " + what
		}
		for _, c := range n.Content {
			w.value(c, t.Elem(), item)
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			// A colon and space in unquoted text starts a mapping.
			w.add(n.Line, "%s must be text, not %s (quote text that holds \": \")", what, kindName(n))
		}
	case reflect.Bool:
		var b bool
		if n.Kind != yaml.ScalarNode || n.Decode(&b) != nil {
			w.add(n.Line, "%s must be true or false, not %s", what, kindName(n))
		}
	default:
		// No other kinds occur in the knowledge types; Decode checks them.
	}
}

// fields checks the keys of mapping n against struct t and each value
// against its field.
func (w *walker) fields(n *yaml.Node, t reflect.Type) {
	known, names := yamlFields(t)
	where := "at the top level"
	if l, ok := labels[t]; ok {
		where = "in " + l
		key := "id"
		if t == reflect.TypeFor[KeptSynonym]() {
			key = "word"
		}
		if _, id := lookup(n, key); id != nil && id.Kind == yaml.ScalarNode && id.Value != "" {
			where += " " + id.Value
		}
	}
	seen := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.ShortTag() == "!!merge" {
			w.merged(v, t)
			continue
		}
		if first, dup := seen[k.Value]; dup {
			w.add(k.Line, "field %q given twice %s (first at line %d)", k.Value, where, first)
			continue
		}
		seen[k.Value] = k.Line
		ft, ok := known[k.Value]
		if !ok {
			w.add(k.Line, "unknown field %q %s; %s", k.Value, where, suggest(k.Value, names))
			continue
		}
		w.value(v, ft, strconv.Quote(k.Value))
	}
}

// merged checks the value of a "<<" merge key: a mapping or a list of
// mappings whose fields join the enclosing one.
func (w *walker) merged(v *yaml.Node, t reflect.Type) {
	v = resolve(v)
	switch v.Kind {
	case yaml.MappingNode:
		w.fields(v, t)
	case yaml.SequenceNode:
		for _, m := range v.Content {
			w.merged(m, t)
		}
	default:
		w.add(v.Line, "a merge (<<) must be a mapping or a list of them, not %s", kindName(v))
	}
}

// yamlFields returns the YAML keys a struct accepts, with their types, and
// the keys in field order for messages.
func yamlFields(t reflect.Type) (map[string]reflect.Type, []string) {
	known := make(map[string]reflect.Type, t.NumField())
	var names []string
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		known[name] = f.Type
		names = append(names, name)
	}
	return known, names
}

// suggest proposes the known key a misspelt one was meant to be, or lists
// them all.
func suggest(key string, names []string) string {
	best, dist := "", 3 // at most two edits away
	for _, n := range names {
		if d := editDistance(strings.ToLower(key), n); d < dist {
			best, dist = n, d
		}
	}
	if best != "" && dist < len([]rune(key)) {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return "want one of " + strings.Join(names, ", ")
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
