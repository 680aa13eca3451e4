package knowledge

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// Problem is one defect found by Check, located in the set's files.
type Problem struct {
	Pos Pos
	Msg string
}

func (p Problem) String() string {
	return fmt.Sprintf("%s:%d: %s", p.Pos.File, p.Pos.Line, p.Msg)
}

// Check reports everything that makes a set unsound: what CheckIntegrity
// reports, and synonyms that fold another meaning into their group and bare
// Yes/No answers to phrasings that ask something else (see
// check_synonyms.go and check_yesno.go), which need the word lists of
// package lexicon. It is the curator's check (callbot kb check). A nil
// result means the set is sound.
func (s *Set) Check() []Problem {
	c := checker{set: s}
	c.integrity()
	c.lexical()
	return c.sorted()
}

// CheckIntegrity reports what makes a set unusable: quotes that are not in
// their source word for word, unknown or duplicate ids, empty fields and
// phrasings shared by two entries. It is what the bot checks at start: it
// needs no word lists, so starting costs neither their time (a few hundred
// milliseconds) nor their memory (some 20 MB).
func (s *Set) CheckIntegrity() []Problem {
	c := checker{set: s}
	c.integrity()
	return c.sorted()
}

func (c *checker) integrity() {
	c.about()
	c.sources()
	c.topics()
	c.entries()
	c.translations()
}

// sorted returns the problems in file and line order.
func (c *checker) sorted() []Problem {
	return sortProblems(c.problems)
}

// sortProblems sorts ps in file and line order, keeping the order of
// problems on one line, and returns it.
func sortProblems(ps []Problem) []Problem {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i].Pos, ps[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	return ps
}

type checker struct {
	set      *Set
	problems []Problem
	folded   map[string]string // source id -> its text folded, for quote mismatches
}

func (c *checker) add(pos Pos, format string, args ...any) {
	c.problems = append(c.problems, Problem{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// required reports each named field that is empty.
func (c *checker) required(pos Pos, what string, fields ...[2]string) {
	for _, f := range fields {
		if strings.TrimSpace(f[1]) == "" {
			c.add(pos, "%s: empty field %q", what, f[0])
		}
	}
}

func (c *checker) sources() {
	if len(c.set.Sources) == 0 {
		c.add(Pos{File: "sources/sources.yaml", Line: 1}, "no sources")
	}
	seen := map[string]bool{}
	for _, src := range c.set.Sources {
		c.required(src.Pos, "source "+src.ID, [2]string{"id", src.ID}, [2]string{"file", src.File},
			[2]string{"title", src.Title}, [2]string{"summary", src.Summary})
		if src.ID != "" && seen[src.ID] {
			c.add(src.Pos, "duplicate source id %q", src.ID)
		}
		seen[src.ID] = true
		if src.File != "" && strings.TrimSpace(src.Text) == "" {
			c.add(src.Pos, "source %s: file %s is empty", src.ID, src.File)
		}
	}
}

func (c *checker) topics() {
	seen := map[string]bool{}
	for _, t := range c.set.Topics {
		c.required(t.Pos, "topic "+t.ID, [2]string{"id", t.ID}, [2]string{"title", t.Title})
		if t.ID != "" && seen[t.ID] {
			c.add(t.Pos, "duplicate topic id %q", t.ID)
		}
		seen[t.ID] = true
	}
}

func (c *checker) entries() {
	if len(c.set.Entries) == 0 {
		c.add(Pos{File: "qa", Line: 1}, "no entries")
	}
	topics := map[string]bool{}
	for _, t := range c.set.Topics {
		topics[t.ID] = true
	}

	firstEntry := map[string]Pos{}
	phrasingOwner := map[string]string{} // folded phrasing -> entry id
	for _, e := range c.set.Entries {
		what := "entry " + e.ID
		c.required(e.Pos, what, [2]string{"id", e.ID}, [2]string{"topic", e.Topic},
			[2]string{"question", e.Question}, [2]string{"answer", e.Answer})
		if e.ID != "" {
			if first, dup := firstEntry[e.ID]; dup {
				c.add(e.Pos, "duplicate entry id %q (first at %s:%d)", e.ID, first.File, first.Line)
			} else {
				firstEntry[e.ID] = e.Pos
			}
		}
		if e.Topic != "" && !topics[e.Topic] {
			c.add(e.Pos, "%s: unknown topic %q", what, e.Topic)
		}
		if len(e.Phrasings) == 0 {
			c.add(e.Pos, "%s: empty field %q", what, "phrasings")
		}
		if len(e.Citations) == 0 {
			c.add(e.Pos, "%s: empty field %q", what, "citations")
		}
		for _, p := range e.AllPhrasings() {
			key := FoldPhrasing(p)
			if key == "" {
				c.add(e.Pos, "%s: empty phrasing", what)
				continue
			}
			if owner, ok := phrasingOwner[key]; ok && owner != e.ID {
				c.add(e.Pos, "%s: phrasing %q is shared with entry %s", what, p, owner)
			} else if ok {
				c.add(e.Pos, "%s: phrasing %q is repeated", what, p)
			}
			phrasingOwner[key] = e.ID
		}
		for _, cit := range e.Citations {
			pos := cit.Pos
			if pos.Line == 0 {
				pos = e.Pos
			}
			c.required(pos, what+" citation", [2]string{"source", cit.Source}, [2]string{"quote", cit.Quote})
			_, known := c.set.Source(cit.Source)
			switch {
			case cit.Source == "":
			case !known:
				c.add(pos, "%s: unknown source %q", what, cit.Source)
			case strings.TrimSpace(cit.Quote) != "" && cit.Verbatim == "":
				c.add(pos, "%s: quote not found word for word in source %s: %s", what, cit.Source, c.quoteMismatch(cit))
			}
		}
		for _, r := range e.Related {
			if _, ok := c.set.Entry(r); !ok {
				c.add(e.Pos, "%s: unknown related id %q", what, r)
			} else if r == e.ID {
				c.add(e.Pos, "%s: relates to itself", what)
			}
		}
		c.follow(e, what)
	}
}

// quoteMismatch says how a citation's quote, not in its source, departs from
// it, or that another source holds it.
func (c *checker) quoteMismatch(cit Citation) string {
	if c.folded == nil {
		c.folded = make(map[string]string, len(c.set.Sources))
		for _, src := range c.set.Sources {
			c.folded[src.ID] = FoldQuote(src.Text)
		}
	}
	q := FoldQuote(cit.Quote)
	for _, src := range c.set.Sources {
		if src.ID != cit.Source && strings.Contains(c.folded[src.ID], q) {
			return fmt.Sprintf("%s; source %s has it", quoted(clip(q, 80)), src.ID)
		}
	}
	if d := quoteDeparture(q, c.folded[cit.Source]); d != "" {
		return d
	}
	return quoted(clip(q, 80))
}

// FoldQuote makes a text comparable for quote matching: typographic quotes
// and apostrophes become plain ones and every run of white space one space.
// Words, punctuation and case are kept, so a match is word for word.
func FoldQuote(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		r = foldQuoteRune(r)
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// foldQuoteRune makes typographic quotes and apostrophes plain.
func foldQuoteRune(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032':
		return '\''
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033':
		return '"'
	}
	return r
}

// FoldPhrasing reduces a phrasing to lowercase letters and digits separated by
// single spaces, so two phrasings that differ only in case or punctuation are
// recognised as the same.
func FoldPhrasing(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

func clip(s string, n int) string {
	r := []rune(FoldQuote(s))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}
