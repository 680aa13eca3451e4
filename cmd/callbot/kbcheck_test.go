package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestKBCheckReports wants kb check to print every problem as
// "DIR/path:line: message", whether it kept the set from loading or Check
// found it, then the count.
func TestKBCheckReports(t *testing.T) {
	t.Parallel()
	broken := filepath.Clean("../../knowledge/testdata/broken")
	tests := []struct {
		name, dir string
		problems  []string // DIR/ left out
		count     string   // the last line, DIR: left out
	}{
		{"one content problem", "testdata/badkb", []string{
			`qa/cats.yaml:9: entry where-cat: quote not found word for word in source tiny: after "The cat sat on" the quote has "a", the source "the"`,
		}, "1 problem"},
		{"many load problems", broken, []string{
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
		}, "11 problems; the set did not load, so its content is not checked yet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			stdout, stderr, code := callbot(t, nil, "", "kb", "check", tt.dir)
			var want strings.Builder
			for _, p := range tt.problems {
				want.WriteString(tt.dir + string(filepath.Separator) + p + "\n")
			}
			want.WriteString(tt.dir + ": " + tt.count + "\n")
			if code != 1 || stdout != "" || stderr != want.String() {
				t.Errorf("kb check %s: exit %d, stdout %q, stderr:\n%s\nwant exit 1, no stdout, stderr:\n%s", tt.dir, code, stdout, stderr, want.String())
			}
		})
	}
}
