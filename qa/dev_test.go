package qa

import "testing"

// Calibration bars for the dev set (testdata/dev_*.tsv), which the scoring
// constants were tuned on; the held-out bar is in eval_test.go.
const (
	devMinAnswer = 0.85
	devMinRefuse = 0.85
)

// TestDevSet measures the engine on the calibration questions and logs
// every miss, for error analysis.
func TestDevSet(t *testing.T) {
	t.Parallel()
	e := engine(t)
	in := readEval(t, "dev_in.tsv")
	right := 0
	for _, l := range in {
		if _, ok := e.set.Entry(l.label); !ok {
			t.Errorf("dev_in.tsv:%d: unknown entry id %q", l.line, l.label)
			continue
		}
		switch r := e.Ask(l.question); {
		case !r.Answered:
			t.Logf("refused   dev_in.tsv:%d %q (want %s, conf %.2f)", l.line, l.question, l.label, r.Confidence)
		case r.Entry.ID != l.label:
			t.Logf("wrong     dev_in.tsv:%d %q: got %s, want %s (conf %.2f)", l.line, l.question, r.Entry.ID, l.label, r.Confidence)
		default:
			right++
		}
	}
	out := readEval(t, "dev_out.tsv")
	refused := 0
	for _, l := range out {
		if r := e.Ask(l.question); r.Answered {
			t.Logf("answered  dev_out.tsv:%d %s %q with %s (conf %.2f)", l.line, l.label, l.question, r.Entry.ID, r.Confidence)
		} else {
			refused++
		}
	}
	acc, ref := ratio(right, len(in)), ratio(refused, len(out))
	t.Logf("dev in-scope: %d questions, %.1f%% right; out-of-scope: %d questions, %.1f%% refused", len(in), 100*acc, len(out), 100*ref)
	if acc < devMinAnswer {
		t.Errorf("dev in-scope accuracy %.1f%%, want at least %.0f%%", 100*acc, 100*devMinAnswer)
	}
	if ref < devMinRefuse {
		t.Errorf("dev out-of-scope refusal %.1f%%, want at least %.0f%%", 100*ref, 100*devMinRefuse)
	}
}
