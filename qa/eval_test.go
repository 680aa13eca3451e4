package qa

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// Question sets the engine is measured on; # starts a comment in each file.
// *_in.tsv hold in-scope questions (entry-id<TAB>question), *_out.tsv
// questions the articles cannot answer (near|far<TAB>question).
//
//   - dev: the calibration set the scoring constants were tuned on.
//   - eval: held out; written by someone who did not see the stored
//     phrasings, never used for tuning. It carries the 95% target.
//   - blind: written after the first tuning round by someone who saw only
//     the articles and each entry's id, question and answer; its misses then
//     guided the second round by category.
//   - blind2: the same, written after the second round; the honest estimate
//     reported in the README. Both blind floors are regression guards.
var questionSets = []struct {
	name                 string
	minIn, minOut        int     // the set must be big enough to mean something
	minAnswer, minRefuse float64 // in-scope right, out-of-scope refused
}{
	{"dev", 100, 50, 0.85, 0.85},
	{"eval", 200, 60, 0.95, 0.95},
	{"blind", 150, 60, 0.85, 0.85},
	{"blind2", 150, 60, 0.85, 0.85},
}

type evalLine struct {
	label, question string
	line            int
}

func readEval(t testing.TB, name string) []evalLine {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("open eval set: %v", err)
	}
	defer f.Close()
	var out []evalLine
	s := bufio.NewScanner(f)
	for n := 1; s.Scan(); n++ {
		l := s.Text()
		if strings.HasPrefix(l, "#") || strings.TrimSpace(l) == "" {
			continue
		}
		label, q, ok := strings.Cut(l, "\t")
		if !ok || strings.TrimSpace(q) == "" {
			t.Errorf("%s:%d: want label<TAB>question, got %q", name, n, l)
			continue
		}
		out = append(out, evalLine{label: label, question: q, line: n})
	}
	if err := s.Err(); err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return out
}

// TestQuestionSets measures in-scope accuracy (answered with the right
// entry) and out-of-scope refusal on each set, logs every miss for error
// analysis, and fails below the set's bars.
func TestQuestionSets(t *testing.T) {
	t.Parallel()
	e := engine(t)
	for _, qs := range questionSets {
		t.Run(qs.name, func(t *testing.T) {
			t.Parallel()
			inName, outName := qs.name+"_in.tsv", qs.name+"_out.tsv"
			in, out := readEval(t, inName), readEval(t, outName)
			if len(in) < qs.minIn || len(out) < qs.minOut {
				t.Errorf("%d in-scope and %d out-of-scope questions, want at least %d and %d", len(in), len(out), qs.minIn, qs.minOut)
			}
			right, wrong, refused := 0, 0, 0
			for _, l := range in {
				if _, ok := e.set.Entry(l.label); !ok {
					t.Errorf("%s:%d: unknown entry id %q", inName, l.line, l.label)
					continue
				}
				switch r := e.Ask(l.question); {
				case !r.Answered:
					refused++
					t.Logf("refused   %s:%d %q (want %s, conf %.2f)", inName, l.line, l.question, l.label, r.Confidence)
				case r.Entry.ID != l.label:
					wrong++
					t.Logf("wrong     %s:%d %q: got %s, want %s (conf %.2f)", inName, l.line, l.question, r.Entry.ID, l.label, r.Confidence)
				default:
					right++
				}
			}
			outRefused := 0
			for _, l := range out {
				if l.label != "near" && l.label != "far" {
					t.Errorf("%s:%d: label %q, want near or far", outName, l.line, l.label)
				}
				if r := e.Ask(l.question); r.Answered {
					t.Logf("answered  %s:%d %s %q with %s (conf %.2f)", outName, l.line, l.label, l.question, r.Entry.ID, r.Confidence)
				} else {
					outRefused++
				}
			}
			acc, ref := ratio(right, len(in)), ratio(outRefused, len(out))
			t.Logf("%s in-scope: %d questions, %.1f%% right, %d wrong, %d refused; out-of-scope: %d questions, %.1f%% refused (threshold %.2f)",
				qs.name, len(in), 100*acc, wrong, refused, len(out), 100*ref, e.Threshold())
			if acc < qs.minAnswer {
				t.Errorf("in-scope accuracy %.1f%%, want at least %.0f%%", 100*acc, 100*qs.minAnswer)
			}
			if ref < qs.minRefuse {
				t.Errorf("out-of-scope refusal %.1f%%, want at least %.0f%%", 100*ref, 100*qs.minRefuse)
			}
		})
	}
}

// TestEvalSetLanguages: the held-out set must test French and Russian too.
func TestEvalSetLanguages(t *testing.T) {
	t.Parallel()
	russian, french := 0, 0
	for _, l := range readEval(t, "eval_in.tsv") {
		switch {
		case strings.ContainsFunc(l.question, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }):
			russian++
		case strings.ContainsAny(l.question, "éèêàçùôîâ") || strings.Contains(strings.ToLower(l.question), "qu"):
			french++
		}
	}
	if russian+french < 20 {
		t.Errorf("eval_in.tsv has %d Russian and %d French-looking questions, want at least 20 together", russian, french)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
