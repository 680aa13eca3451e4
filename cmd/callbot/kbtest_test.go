package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/callbot/callbot/knowledge"
	"github.com/callbot/callbot/qa"
)

// The kb test fixtures: testdata/kbtest/knowledge is a four-entry set whose
// canonical questions match exactly (confidence 1 whatever the tuning), and
// town.tsv's refusals happen before ranking or match no word, so the
// goldens do not move when the engine is retuned.
const (
	kbtestDir       = "testdata/kbtest"
	kbtestKnowledge = kbtestDir + "/knowledge"
)

// golden reads testdata/kbtest/NAME; "" is the empty output.
func golden(t *testing.T, name string) string {
	t.Helper()
	if name == "" {
		return ""
	}
	b, err := os.ReadFile(filepath.Join(kbtestDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// withoutUsage drops the general usage that run prints after a usage error.
func withoutUsage(stderr string) string {
	return strings.TrimSuffix(stderr, "\n"+usage)
}

func TestKBTestGolden(t *testing.T) {
	t.Parallel()
	fixture := map[string]string{"CALLBOT_KNOWLEDGE": kbtestKnowledge}
	tests := []struct {
		name       string
		environ    map[string]string
		args       []string
		wantCode   int
		wantStdout string // golden file under testdata/kbtest
		wantStderr string // golden file, the usage after it left out
	}{
		{"report", nil, []string{"--knowledge", kbtestKnowledge, kbtestDir + "/town.tsv"}, 0, "town.stdout", ""},
		{"knowledge from the environment", fixture, []string{kbtestDir + "/town.tsv"}, 0, "town.stdout", ""},
		{"threshold from the environment", map[string]string{"CALLBOT_KNOWLEDGE": kbtestKnowledge, "CALLBOT_THRESHOLD": "0.3"},
			[]string{kbtestDir + "/town.tsv"}, 0, "town-0.3.stdout", ""},
		{"threshold flag over the environment", map[string]string{"CALLBOT_KNOWLEDGE": kbtestKnowledge, "CALLBOT_THRESHOLD": "0.7"},
			[]string{kbtestDir + "/town.tsv", "--threshold", "0.3"}, 0, "town-0.3.stdout", ""},
		{"min met", fixture, []string{"--min", "0.5", kbtestDir + "/town.tsv"}, 0, "town.stdout", ""},
		{"min just met", fixture, []string{"--min", "0.5555", kbtestDir + "/town.tsv"}, 0, "town.stdout", ""},
		{"min missed", fixture, []string{kbtestDir + "/town.tsv", "--min", "0.6"}, 1, "town.stdout", "town-min.stderr"},
		{"malformed lines and unknown ids", nil, []string{kbtestDir + "/malformed.tsv"}, 2, "", "malformed.stderr"},
		{"ids of another knowledge set", fixture, []string{kbtestDir + "/otherkb.tsv", "--json"}, 2, "", "otherkb.stderr"},
		{"no questions", nil, []string{kbtestDir + "/empty.tsv"}, 2, "", "empty.stderr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			stdout, stderr, code := callbot(t, tt.environ, "", append([]string{"kb", "test"}, tt.args...)...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.wantCode, stderr)
			}
			if want := golden(t, tt.wantStdout); stdout != want {
				t.Errorf("stdout differs from %s\ngot:\n%s\nwant:\n%s", tt.wantStdout, stdout, want)
			}
			if got, want := withoutUsage(stderr), golden(t, tt.wantStderr); got != want {
				t.Errorf("stderr differs from %s\ngot:\n%s\nwant:\n%s", tt.wantStderr, got, want)
			}
		})
	}
}

func TestKBTestUsage(t *testing.T) {
	t.Parallel()
	town := kbtestDir + "/town.tsv"
	tests := []struct {
		name     string
		environ  map[string]string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no file", nil, nil, 2, "kb test takes one FILE"},
		{"two files", nil, []string{town, town}, 2, "kb test takes one FILE"},
		{"min as a percentage", nil, []string{"--min", "90%", town}, 2, "not a percentage: 0.9 for 90%"},
		{"min as a whole percentage", nil, []string{"--min", "90", town}, 2, "not a percentage"},
		{"min above 1", nil, []string{"--min", "1.5", town}, 2, "want a share from 0 to 1"},
		{"min negative", nil, []string{"--min", "-0.1", town}, 2, "want a share from 0 to 1"},
		{"min not a number", nil, []string{"--min", "most", town}, 2, "want a share from 0 to 1"},
		{"min NaN", nil, []string{"--min", "NaN", town}, 2, "want a share from 0 to 1"},
		{"unknown flag", nil, []string{"--verbose", town}, 2, "flag provided but not defined"},
		{"missing file", nil, []string{kbtestDir + "/none.tsv"}, 1, "none.tsv: no such file"},
		{"missing knowledge", map[string]string{"CALLBOT_KNOWLEDGE": "testdata/none"}, []string{town}, 1, "load knowledge"},
		{"unsound knowledge", nil, []string{"--knowledge", "testdata/badkb", town}, 1, "knowledge set is unsound"},
		{"bad threshold", map[string]string{"CALLBOT_THRESHOLD": "55%"}, []string{town}, 1, "CALLBOT_THRESHOLD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, stderr, code := callbot(t, tt.environ, "", append([]string{"kb", "test"}, tt.args...)...)
			if code != tt.wantCode || !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.wantCode, tt.wantErr)
			}
		})
	}
}

// TestKBTestHelp: -h succeeds and says what FILE holds and how lines are skipped.
func TestKBTestHelp(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := callbot(t, nil, "", "kb", "test", "-h")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q; want 0 and nothing", code, stderr)
	}
	for _, want := range []string{"-min SHARE", "-json", "-threshold", "QUESTION<TAB>ENTRY-ID", "QUESTION<TAB>-",
		"Blank lines and lines starting with # are skipped", "FILE:LINE: message", "Exit status"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("help lacks %q:\n%s", want, stdout)
		}
	}
}

// kbTestJSON runs kb test --json and decodes the object twice: typed, and
// as maps to see its exact keys.
func kbTestJSON(t *testing.T, environ map[string]string, args ...string) (kbTestReport, map[string]any, int) {
	t.Helper()
	stdout, stderr, code := callbot(t, environ, "", append([]string{"kb", "test", "--json"}, args...)...)
	if code != 0 && code != 1 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var rep kbTestReport
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rep); err != nil {
		t.Fatalf("kb test --json printed %q: %v", stdout, err)
	}
	if dec.More() {
		t.Errorf("kb test --json printed more than one object:\n%s", stdout)
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(stdout), &raw); err != nil {
		t.Fatal(err)
	}
	return rep, raw, code
}

func keys(v any) []string {
	m, _ := v.(map[string]any)
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedCopy(s ...string) []string {
	s = slices.Clone(s)
	sort.Strings(s)
	return s
}

// TestKBTestJSONShape pins the --json object's fields, checks that the help
// documents every one, and checks the figures against each other.
func TestKBTestJSONShape(t *testing.T) {
	t.Parallel()
	counts := []string{"questions", "answered", "right", "refused", "wrong", "share_right", "share_refused", "share_wrong"}
	wantTop := sortedCopy(append([]string{"file", "knowledge", "threshold", "min", "passed", "to_answer", "to_refuse", "misses", "sweep"}, counts...)...)
	wantMiss := sortedCopy("line", "question", "expected", "got", "outcome", "confidence", "reason", "candidates")
	wantStep := sortedCopy(append([]string{"threshold", "current"}, counts...)...)

	environ := map[string]string{"CALLBOT_KNOWLEDGE": kbtestKnowledge}
	rep, raw, code := kbTestJSON(t, environ, kbtestDir+"/town.tsv", "--min", "0.6")
	if code != 1 {
		t.Errorf("--min 0.6 at 55.6%% right: exit %d, want 1", code)
	}
	if got := keys(raw); !slices.Equal(got, wantTop) {
		t.Errorf("top-level keys %v, want %v", got, wantTop)
	}
	for _, k := range []string{"to_answer", "to_refuse"} {
		if got := keys(raw[k]); !slices.Equal(got, sortedCopy(counts...)) {
			t.Errorf("%s keys %v, want %v", k, got, sortedCopy(counts...))
		}
	}
	misses, _ := raw["misses"].([]any)
	sweep, _ := raw["sweep"].([]any)
	if len(misses) == 0 || len(sweep) == 0 {
		t.Fatalf("misses %v, sweep %v: want both non-empty", misses, sweep)
	}
	for _, m := range misses {
		if got := keys(m); !slices.Equal(got, wantMiss) {
			t.Errorf("miss keys %v, want %v", got, wantMiss)
		}
		for _, c := range dig(m, "candidates").([]any) {
			if got := keys(c); !slices.Equal(got, []string{"id", "score"}) {
				t.Errorf("candidate keys %v, want [id score]", got)
			}
		}
	}
	for _, s := range sweep {
		if got := keys(s); !slices.Equal(got, wantStep) {
			t.Errorf("sweep step keys %v, want %v", got, wantStep)
		}
	}
	for _, k := range slices.Concat(wantTop, wantMiss, wantStep, []string{"id", "score"}) {
		if !strings.Contains(kbTestHelp, k) {
			t.Errorf("the help (kbTestHelp) does not document the JSON field %q", k)
		}
	}

	// The figures, against town.tsv's lines (see its comments).
	if rep.File != kbtestDir+"/town.tsv" || rep.Knowledge != kbtestKnowledge || rep.Threshold != qa.DefaultThreshold() {
		t.Errorf("file %q, knowledge %q, threshold %v; want %q, %q, %v", rep.File, rep.Knowledge, rep.Threshold, kbtestDir+"/town.tsv", kbtestKnowledge, qa.DefaultThreshold())
	}
	if rep.Min == nil || *rep.Min != 0.6 || rep.Passed {
		t.Errorf("min %v, passed %v; want 0.6 and false", rep.Min, rep.Passed)
	}
	want := kbTestCounts{Questions: 9, Answered: 5, Right: 5, Refused: 2, Wrong: 2, ShareRight: 5.0 / 9, ShareRefused: 2.0 / 9, ShareWrong: 2.0 / 9}
	if rep.kbTestCounts != want {
		t.Errorf("counts %+v, want %+v", rep.kbTestCounts, want)
	}
	if rep.ToAnswer.Questions+rep.ToRefuse.Questions != rep.Questions || rep.ToRefuse.Refused != 0 ||
		rep.ToAnswer.Right+rep.ToRefuse.Right != rep.Right || rep.ToAnswer.Wrong+rep.ToRefuse.Wrong != rep.Wrong {
		t.Errorf("to_answer %+v and to_refuse %+v do not add up to %+v", rep.ToAnswer, rep.ToRefuse, rep.kbTestCounts)
	}
	type miss struct {
		line              int
		expected, got, oc string
		reason            string
	}
	var gotMisses []miss
	for _, m := range rep.Misses {
		gotMisses = append(gotMisses, miss{m.Line, m.Expected, m.Got, m.Outcome, m.Reason})
	}
	wantMisses := []miss{
		{8, "river-floods", "bridge-built", "wrong", ""},
		{10, "-", "mayor", "wrong", ""},
		{11, "bakery-hours", "", "refused", "empty"},
		{13, "mayor", "", "refused", ""},
	}
	if !slices.Equal(gotMisses, wantMisses) {
		t.Errorf("misses %+v, want %+v", gotMisses, wantMisses)
	}
	checkSweep(t, rep)

	// No --min: "min" is absent and the test passes.
	rep, raw, code = kbTestJSON(t, map[string]string{"CALLBOT_KNOWLEDGE": kbtestKnowledge, "CALLBOT_THRESHOLD": "0.3"}, kbtestDir+"/town.tsv")
	if _, ok := raw["min"]; ok || code != 0 || !rep.Passed {
		t.Errorf("without --min: min present %v, exit %d, passed %v; want absent, 0, true", ok, code, rep.Passed)
	}
	if rep.Threshold != 0.3 || len(rep.Sweep) != len(kbTestGrid) {
		t.Errorf("CALLBOT_THRESHOLD=0.3: threshold %v with %d steps, want 0.3 and the %d of the grid", rep.Threshold, len(rep.Sweep), len(kbTestGrid))
	}
	checkSweep(t, rep)
}

// checkSweep checks what holds for every sweep: the grid and the current
// threshold in rising order, the current step equal to the headline counts
// (which come from Ask's own verdicts), and answers that only thin out as
// the threshold rises.
func checkSweep(t *testing.T, rep kbTestReport) {
	t.Helper()
	var ts []float64
	current := 0
	for i, s := range rep.Sweep {
		ts = append(ts, s.Threshold)
		if s.Current {
			current++
			if s.Threshold != rep.Threshold {
				t.Errorf("the step marked current is at %v, the threshold is %v", s.Threshold, rep.Threshold)
			}
			if s.kbTestCounts != rep.kbTestCounts {
				t.Errorf("at the current threshold the sweep says %+v, Ask said %+v", s.kbTestCounts, rep.kbTestCounts)
			}
		}
		if s.Questions != rep.Questions || s.Right+s.Refused+s.Wrong != s.Questions {
			t.Errorf("step %v: %+v does not add up to %d questions", s.Threshold, s.kbTestCounts, rep.Questions)
		}
		if i == 0 {
			continue
		}
		prev := rep.Sweep[i-1]
		if s.Threshold <= prev.Threshold {
			t.Errorf("thresholds %v do not rise", ts)
		}
		// A question answered at t is answered at every lower threshold,
		// and one refused stays refused higher up.
		if s.Answered > prev.Answered {
			t.Errorf("answered grew from %d at %v to %d at %v", prev.Answered, prev.Threshold, s.Answered, s.Threshold)
		}
		if s.Refused < prev.Refused {
			t.Errorf("refused shrank from %d at %v to %d at %v", prev.Refused, prev.Threshold, s.Refused, s.Threshold)
		}
	}
	if current != 1 {
		t.Errorf("%d steps marked current, want 1", current)
	}
	for _, g := range kbTestGrid {
		if !slices.Contains(ts, g) {
			t.Errorf("the sweep %v lacks %v", ts, g)
		}
	}
}

// TestKBTestSweep runs the mixed question set through the embedded
// knowledge, where confidences spread across the grid.
func TestKBTestSweep(t *testing.T) {
	t.Parallel()
	rep, _, code := kbTestJSON(t, nil, kbtestDir+"/sweep.tsv")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	checkSweep(t, rep)
	first, last := rep.Sweep[0], rep.Sweep[len(rep.Sweep)-1]
	if first.Answered == last.Answered {
		t.Logf("every question is answered alike from %v to %v: the sweep is flat", first.Threshold, last.Threshold)
	}
}

// TestKBTestLawyers: the README's question, answered by its entry, and a
// question the articles cannot answer, refused.
func TestKBTestLawyers(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "q.tsv")
	if err := os.WriteFile(file, []byte("What did Macron say about lawyers?\tlawyer-remark\nWho invented the telephone?\t-\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := callbot(t, nil, "", "kb", "test", "--min", "1", file)
	if code != 0 || !strings.Contains(stdout, "right    2  100.0%") || !strings.Contains(stdout, "No misses.") {
		t.Errorf("exit %d, stderr %q, stdout:\n%s\nwant exit 0 with 2 right and no misses", code, stderr, stdout)
	}
}

// TestAnsweredAtAgreesWithAsk: the sweep reads every threshold off one Ask;
// an engine built with that threshold must answer exactly so, and at the
// engine's own threshold answeredAt must be Ask's Answered and Entry.
func TestAnsweredAtAgreesWithAsk(t *testing.T) {
	t.Parallel()
	f, err := os.Open(kbtestDir + "/sweep.tsv")
	if err != nil {
		t.Fatal(err)
	}
	cases, problems, err := parseKBTest(f)
	f.Close()
	if err != nil || len(problems) > 0 {
		t.Fatalf("sweep.tsv: %v %v", err, problems)
	}
	questions := []string{
		"What did Macron say about lawyers?",
		"hello", // ReasonEmpty
		"Wie spät ist es in Berlin heute Abend?", // ReasonLanguage
		// ReasonTruncated, refused at the default threshold but perhaps
		// answered lower down, which the sweep must count as answered.
		"lawyers " + strings.Repeat("x", qa.MaxInputBytes),
		"Macron lawyers " + strings.Repeat("é", qa.MaxInputBytes/2),
		"zelensky vote " + strings.Repeat("é", qa.MaxInputBytes/2),
	}
	for _, c := range cases {
		questions = append(questions, c.question)
	}
	set, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := qa.New(set, qa.Options{})
	if err != nil {
		t.Fatal(err)
	}
	results := make([]qa.Result, len(questions))
	truncatedBelow := 0
	for i, q := range questions {
		r := eng.Ask(q)
		results[i] = r
		want := ""
		if r.Answered {
			want = r.Entry.ID
		}
		if got := answeredAt(r, eng.Threshold()); got != want {
			t.Errorf("%.40q at the engine's threshold %v: answeredAt says %q, Ask answered %q", q, eng.Threshold(), got, want)
		}
		if r.Reason == qa.ReasonTruncated && r.Confidence >= kbTestGrid[0] {
			truncatedBelow++
		}
	}
	t.Logf("%d truncated questions reach the lowest threshold of the grid", truncatedBelow)
	for _, th := range sweepThresholds(eng.Threshold()) {
		at, err := qa.New(set, qa.Options{Threshold: th})
		if err != nil {
			t.Fatal(err)
		}
		for i, q := range questions {
			r := at.Ask(q)
			want := ""
			if r.Answered {
				want = r.Entry.ID
			}
			if got := answeredAt(results[i], th); got != want {
				t.Errorf("%.40q at threshold %v: the sweep says %q, an engine with that threshold answers %q (confidence %v, reason %q)",
					q, th, got, want, r.Confidence, r.Reason)
			}
		}
	}
}

func TestSweepThresholds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		cur  float64
		want []float64
	}{
		{0.55, []float64{0.2, 0.3, 0.4, 0.5, 0.55, 0.6, 0.7, 0.8}},
		{0.3, []float64{0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}},
		{0.1 + 0.2, []float64{0.2, 0.1 + 0.2, 0.4, 0.5, 0.6, 0.7, 0.8}}, // 0.30000000000000004 takes 0.3's place
		{0.05, []float64{0.05, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}},
		{1, []float64{0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1}},
	}
	for _, tt := range tests {
		if got := sweepThresholds(tt.cur); !slices.Equal(got, tt.want) {
			t.Errorf("sweepThresholds(%v) = %v, want %v", tt.cur, got, tt.want)
		}
	}
}

func TestParseKBTest(t *testing.T) {
	t.Parallel()
	in := strings.Join([]string{
		"# comment",
		"  # indented comment",
		"",
		"   ",
		"Who called?\tcall-participants",
		"  spaced out  \t  call-when  \r", // CRLF and spaces around the fields
		"Refuse me\t-",
		"no tab",
		"a\tb\tc",
		"\tcall-when",
		"question\t",
		" \t ", // blank: only white space
	}, "\n")
	cases, problems, err := parseKBTest(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	wantCases := []kbTestCase{{5, "Who called?", "call-participants"}, {6, "spaced out", "call-when"}, {7, "Refuse me", "-"}}
	if !slices.Equal(cases, wantCases) {
		t.Errorf("cases %+v, want %+v", cases, wantCases)
	}
	wantLines := []int{8, 9, 10, 11}
	var lines []int
	for _, p := range problems {
		lines = append(lines, p.line)
		if !strings.Contains(p.msg, "want") {
			t.Errorf("line %d: %q does not say what is wanted", p.line, p.msg)
		}
	}
	if !slices.Equal(lines, wantLines) {
		t.Errorf("problems on lines %v, want %v: %+v", lines, wantLines, problems)
	}
}

func TestParseShare(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"0", "0.9", "1", ".5", " 0.25 "} {
		if _, err := parseShare(v); err != nil {
			t.Errorf("parseShare(%q): %v", v, err)
		}
	}
	for _, v := range []string{"90%", "90", "1.01", "-0.5", "", "x", "NaN", "Inf"} {
		if f, err := parseShare(v); err == nil {
			t.Errorf("parseShare(%q) = %v, want an error", v, f)
		}
	}
	if f, _ := parseShare("0.9"); math.Abs(f-0.9) > 1e-12 {
		t.Errorf("parseShare(0.9) = %v", f)
	}
}
