package qa

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Held-out evaluation. testdata/eval_in.tsv holds in-scope questions
// (entry-id<TAB>question), testdata/eval_out.tsv questions the articles
// cannot answer (near|far<TAB>question); # starts a comment. The files are
// written by someone who did not see the stored phrasings and are never
// used for tuning (testdata/dev_*.tsv are the calibration set).
const (
	evalMinIn     = 200
	evalMinOut    = 60
	evalMinAnswer = 0.95 // in-scope: answered with the right entry
	evalMinRefuse = 0.95 // out-of-scope: refused
)

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

// TestEvalSetSize: the evaluation set must be big enough to mean something.
func TestEvalSetSize(t *testing.T) {
	t.Parallel()
	if n := len(readEval(t, "eval_in.tsv")); n < evalMinIn {
		t.Errorf("eval_in.tsv has %d questions, want at least %d", n, evalMinIn)
	}
	if n := len(readEval(t, "eval_out.tsv")); n < evalMinOut {
		t.Errorf("eval_out.tsv has %d questions, want at least %d", n, evalMinOut)
	}
}

// TestEvalSet measures the engine on the held-out questions: in-scope
// accuracy (answered with the right entry) and out-of-scope refusal rate,
// each at least 95%.
func TestEvalSet(t *testing.T) {
	t.Parallel()
	e := engine(t)
	in := readEval(t, "eval_in.tsv")
	right, wrong, refused := 0, 0, 0
	for _, l := range in {
		if _, ok := e.set.Entry(l.label); !ok {
			t.Errorf("eval_in.tsv:%d: unknown entry id %q", l.line, l.label)
			continue
		}
		r := e.Ask(l.question)
		switch {
		case !r.Answered:
			refused++
			t.Logf("refused   eval_in.tsv:%d %q (want %s, conf %.2f)", l.line, l.question, l.label, r.Confidence)
		case r.Entry.ID != l.label:
			wrong++
			t.Logf("wrong     eval_in.tsv:%d %q: got %s, want %s (conf %.2f)", l.line, l.question, r.Entry.ID, l.label, r.Confidence)
		default:
			right++
		}
	}
	out := readEval(t, "eval_out.tsv")
	var outRefused int
	for _, l := range out {
		if l.label != "near" && l.label != "far" {
			t.Errorf("eval_out.tsv:%d: label %q, want near or far", l.line, l.label)
		}
		r := e.Ask(l.question)
		if r.Answered {
			t.Logf("answered  eval_out.tsv:%d %s %q with %s (conf %.2f)", l.line, l.label, l.question, r.Entry.ID, r.Confidence)
		} else {
			outRefused++
		}
	}
	acc := ratio(right, len(in))
	ref := ratio(outRefused, len(out))
	t.Logf("in-scope: %d questions, %.1f%% right, %d wrong, %d refused; out-of-scope: %d questions, %.1f%% refused (threshold %.2f)",
		len(in), 100*acc, wrong, refused, len(out), 100*ref, e.Threshold())
	if acc < evalMinAnswer {
		t.Errorf("in-scope accuracy %.1f%%, want at least %.0f%%", 100*acc, 100*evalMinAnswer)
	}
	if ref < evalMinRefuse {
		t.Errorf("out-of-scope refusal %.1f%%, want at least %.0f%%", 100*ref, 100*evalMinRefuse)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
