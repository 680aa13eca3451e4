package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/callbot/callbot/knowledge"
	"github.com/callbot/callbot/qa"
)

// kbTestHelp follows the flags in `callbot kb test -h`.
const kbTestHelp = `
callbot kb test [--min SHARE] [--json] FILE asks every question in FILE once
and scores the answers against the expected entries.

FILE is tab-separated, one question per line:
  QUESTION<TAB>ENTRY-ID   the entry that must answer it
  QUESTION<TAB>-          a question that must be refused
Blank lines and lines starting with # are skipped. A malformed line or an
entry id the knowledge set lacks is reported as FILE:LINE: message, every one
of them, and nothing is asked.

A line that expects an entry is right when answered with that entry, refused
when not answered, wrong when answered with another; a line with - is right
when refused, wrong when answered. The report gives these counts and shares,
the misses, and the same figures at thresholds 0.2, 0.3, ... 0.8 and the
current one (CALLBOT_THRESHOLD or --threshold, marked *), all from one Ask per
question, to choose CALLBOT_THRESHOLD from data.

--json prints one object instead:
  file, knowledge        FILE and the knowledge set ("embedded" or its directory)
  threshold              the current threshold
  min, passed            --min (absent when not given) and whether share_right meets it
  questions, answered, right, refused, wrong, share_right, share_refused, share_wrong
                         the counts over all lines at the current threshold
                         (shares are 0..1 of questions; 0 when there are none)
  to_answer, to_refuse   the same counts over the lines expecting an entry, and -
  misses                 [{line, question, expected ("-" for a refusal),
                           got (the entry id, "" when refused), outcome
                           ("refused" or "wrong"), confidence, reason
                           ("", "empty", "truncated" or "language"),
                           candidates [{id, score}] best first}]
  sweep                  [{threshold, current, and the counts}] by rising threshold

Exit status: 0 when the test ran (and share_right >= --min), 1 when share_right
is under --min or the knowledge does not load, 2 for a malformed FILE or usage.
`

// kbTestGrid is the thresholds the sweep always shows, in tenths.
var kbTestGrid = []float64{0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}

// kbTestCase is one question line of the test file.
type kbTestCase struct {
	line     int
	question string
	expected string // an entry id, or "-" for a question that must be refused
}

// refuse is the expected value of a question that must be refused.
const refuse = "-"

// kbTestProblem is one line of the test file that cannot be used.
type kbTestProblem struct {
	line int
	msg  string
}

// parseKBTest reads the test file: its cases, and its malformed lines.
func parseKBTest(r io.Reader) ([]kbTestCase, []kbTestProblem, error) {
	var cases []kbTestCase
	var problems []kbTestProblem
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if t := strings.TrimSpace(line); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		bad := func(format string, args ...any) {
			problems = append(problems, kbTestProblem{n, fmt.Sprintf(format, args...)})
		}
		const want = "want QUESTION<TAB>ENTRY-ID, or QUESTION<TAB>- for a question that must be refused"
		switch tabs := strings.Count(line, "\t"); {
		case tabs == 0:
			bad("no tab: %s", want)
			continue
		case tabs > 1:
			bad("%d tabs: want exactly one, between the question and the entry id (or -)", tabs)
			continue
		}
		q, id, _ := strings.Cut(line, "\t")
		q, id = strings.TrimSpace(q), strings.TrimSpace(id)
		switch {
		case q == "":
			bad("empty question before the tab: %s", want)
		case id == "":
			bad("nothing after the tab: want the entry id that answers the question, or - if it must be refused")
		default:
			cases = append(cases, kbTestCase{line: n, question: q, expected: id})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, err
	}
	return cases, problems, nil
}

// answeredAt says how Ask would have answered r with the threshold t: the
// entry id, or "" for a refusal. Confidence does not depend on the threshold,
// so one Ask serves every threshold. A question Ask refuses before ranking
// (empty, or in a language it does not read) has no candidates; one refused
// only as truncated would be answered by an engine whose threshold its
// confidence reaches, so ReasonTruncated does not refuse it here.
func answeredAt(r qa.Result, t float64) string {
	if len(r.Candidates) == 0 || r.Confidence < t {
		return ""
	}
	if r.Reason != qa.ReasonNone && r.Reason != qa.ReasonTruncated {
		return ""
	}
	return r.Candidates[0].ID
}

// kbTestCounts are a test's outcomes over some lines at one threshold.
type kbTestCounts struct {
	Questions    int     `json:"questions"`
	Answered     int     `json:"answered"`
	Right        int     `json:"right"`
	Refused      int     `json:"refused"`
	Wrong        int     `json:"wrong"`
	ShareRight   float64 `json:"share_right"`
	ShareRefused float64 `json:"share_refused"`
	ShareWrong   float64 `json:"share_wrong"`
}

// outcome scores one answer, got ("" for a refusal), against the expected one.
func outcome(expected, got string) string {
	switch {
	case got == expected, expected == refuse && got == "":
		return "right"
	case got == "":
		return "refused"
	}
	return "wrong"
}

func (c *kbTestCounts) add(expected, got string) {
	c.Questions++
	if got != "" {
		c.Answered++
	}
	switch outcome(expected, got) {
	case "right":
		c.Right++
	case "refused":
		c.Refused++
	default:
		c.Wrong++
	}
}

func (c *kbTestCounts) shares() {
	if c.Questions == 0 {
		return
	}
	n := float64(c.Questions)
	c.ShareRight, c.ShareRefused, c.ShareWrong = float64(c.Right)/n, float64(c.Refused)/n, float64(c.Wrong)/n
}

type kbTestMiss struct {
	Line       int               `json:"line"`
	Question   string            `json:"question"`
	Expected   string            `json:"expected"`
	Got        string            `json:"got"`
	Outcome    string            `json:"outcome"`
	Confidence float64           `json:"confidence"`
	Reason     string            `json:"reason"`
	Candidates []kbTestCandidate `json:"candidates"`
}

type kbTestCandidate struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
}

type kbTestStep struct {
	Threshold float64 `json:"threshold"`
	Current   bool    `json:"current"`
	kbTestCounts
}

// kbTestReport is the `kb test --json` object (see kbTestHelp).
type kbTestReport struct {
	File      string   `json:"file"`
	Knowledge string   `json:"knowledge"`
	Threshold float64  `json:"threshold"`
	Min       *float64 `json:"min,omitempty"`
	Passed    bool     `json:"passed"`
	kbTestCounts
	ToAnswer kbTestCounts `json:"to_answer"`
	ToRefuse kbTestCounts `json:"to_refuse"`
	Misses   []kbTestMiss `json:"misses"`
	Sweep    []kbTestStep `json:"sweep"`
}

// parseShare reads --min: a share from 0 to 1.
func parseShare(v string) (float64, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(f) || f < 0 || f > 1 {
		return 0, errors.New("want a share from 0 to 1, not a percentage: 0.9 for 90% of the questions right")
	}
	return f, nil
}

// cmdKBTest runs `kb test FILE`: a curator's batch test of the knowledge.
func cmdKBTest(args []string, e env) error {
	var asJSON bool
	var minShare *float64
	c, rest, err := loadConfig("kb test", args, e, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "print one JSON object (fields below)")
		fs.Func("min", "exit 1 when the share of questions right is under `SHARE`, 0 to 1 (0.9 for 90%)", func(v string) error {
			f, err := parseShare(v)
			if err == nil {
				minShare = &f
			}
			return err
		})
	})
	if errors.Is(err, errHelp) {
		fmt.Fprint(e.stdout, kbTestHelp)
	}
	if err != nil {
		return helpOK(err)
	}
	if len(rest) != 1 {
		return fmt.Errorf("%w: kb test takes one FILE of QUESTION<TAB>ENTRY-ID lines (see callbot kb test -h)", errUsage)
	}
	file := rest[0]
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	cases, problems, err := parseKBTest(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("read %s: %w", file, err)
	}
	set, eng, err := loadEngine(c)
	if err != nil {
		return err
	}
	name := "embedded"
	if c.Knowledge != "" {
		name = c.Knowledge
	}
	problems = checkIDs(set, name, cases, problems)
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintf(e.stderr, "%s:%d: %s\n", file, p.line, p.msg)
		}
		return fmt.Errorf("kb test: %s: %s; nothing was asked%.0w", file, problemCount(len(problems)), errBadInput)
	}
	if len(cases) == 0 {
		return fmt.Errorf("kb test: %s has no questions (want QUESTION<TAB>ENTRY-ID lines)%.0w", file, errBadInput)
	}

	rep := kbTestRun(eng, cases)
	rep.File, rep.Knowledge, rep.Min = file, name, minShare
	rep.Passed = minShare == nil || rep.ShareRight >= *minShare
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	} else {
		writeKBTest(e.stdout, rep)
	}
	if !rep.Passed {
		return fmt.Errorf("kb test: %s right, under --min %s", percent(rep.ShareRight), percent(*minShare))
	}
	return nil
}

// checkIDs adds a problem for every expected id that is not an entry's,
// keeping the problems in line order.
func checkIDs(set *knowledge.Set, name string, cases []kbTestCase, problems []kbTestProblem) []kbTestProblem {
	var out []kbTestProblem
	i := 0
	for _, tc := range cases {
		for i < len(problems) && problems[i].line < tc.line {
			out = append(out, problems[i])
			i++
		}
		if tc.expected == refuse {
			continue
		}
		if _, ok := set.Entry(tc.expected); ok {
			continue
		}
		msg := fmt.Sprintf("unknown entry id %q: want the id of an entry in %s, or - for a question that must be refused", tc.expected, knowledgeLabel(name))
		if near := nearestID(set, tc.expected); near != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", near)
		}
		out = append(out, kbTestProblem{tc.line, msg})
	}
	return append(out, problems[i:]...)
}

// nearestID is the entry id closest to id in spelling, if one is close.
func nearestID(set *knowledge.Set, id string) string {
	best, bestD := "", max(2, len(id)/4)+1
	for _, en := range set.Entries {
		if d := editDistance(strings.ToLower(id), en.ID); d < bestD {
			best, bestD = en.ID, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// kbTestRun asks every question once and scores it at the engine's threshold
// (from Ask's own verdict) and along the sweep (from answeredAt).
func kbTestRun(eng *qa.Engine, cases []kbTestCase) kbTestReport {
	cur := eng.Threshold()
	rep := kbTestReport{Threshold: cur, Misses: []kbTestMiss{}}
	steps := sweepThresholds(cur)
	for _, t := range steps {
		rep.Sweep = append(rep.Sweep, kbTestStep{Threshold: t, Current: t == cur})
	}
	for _, tc := range cases {
		r := eng.Ask(tc.question)
		got := ""
		if r.Answered && r.Entry != nil {
			got = r.Entry.ID
		}
		rep.kbTestCounts.add(tc.expected, got)
		if tc.expected == refuse {
			rep.ToRefuse.add(tc.expected, got)
		} else {
			rep.ToAnswer.add(tc.expected, got)
		}
		if o := outcome(tc.expected, got); o != "right" {
			m := kbTestMiss{Line: tc.line, Question: tc.question, Expected: tc.expected, Got: got, Outcome: o,
				Confidence: r.Confidence, Reason: r.Reason.String(), Candidates: []kbTestCandidate{}}
			for _, c := range r.Candidates {
				m.Candidates = append(m.Candidates, kbTestCandidate{ID: c.ID, Score: c.Score})
			}
			rep.Misses = append(rep.Misses, m)
		}
		for i := range rep.Sweep {
			rep.Sweep[i].add(tc.expected, answeredAt(r, rep.Sweep[i].Threshold))
		}
	}
	rep.kbTestCounts.shares()
	rep.ToAnswer.shares()
	rep.ToRefuse.shares()
	for i := range rep.Sweep {
		rep.Sweep[i].shares()
	}
	return rep
}

// sweepThresholds is the grid with the current threshold in its place.
func sweepThresholds(cur float64) []float64 {
	var out []float64
	placed := false
	for _, t := range kbTestGrid {
		if math.Abs(t-cur) < 1e-9 {
			t = cur
		}
		if !placed && cur < t {
			out = append(out, cur)
		}
		placed = placed || cur <= t
		out = append(out, t)
	}
	if !placed {
		out = append(out, cur)
	}
	return out
}

// knowledgeLabel names the knowledge set for a person: "the embedded
// knowledge", or its directory.
func knowledgeLabel(name string) string {
	if name == "embedded" {
		return "the embedded knowledge"
	}
	return name
}

// percent prints a share as a percentage with one decimal.
func percent(s float64) string { return strconv.FormatFloat(s*100, 'f', 1, 64) + "%" }

// threshold prints a threshold with as many decimals as it needs, at least two.
func threshold(t float64) string {
	s := strconv.FormatFloat(t, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i < 0 {
		s += ".00"
	} else if len(s)-i == 2 {
		s += "0"
	}
	return s
}

// writeKBTest prints the report for a curator.
func writeKBTest(w io.Writer, rep kbTestReport) {
	fmt.Fprintf(w, "%s: %d questions (%d to answer, %d to refuse), %s, threshold %s\n\n",
		rep.File, rep.Questions, rep.ToAnswer.Questions, rep.ToRefuse.Questions, knowledgeLabel(rep.Knowledge), threshold(rep.Threshold))
	width := len(strconv.Itoa(rep.Questions))
	fmt.Fprintf(w, "  right    %*d  %6s\n", width, rep.Right, percent(rep.ShareRight))
	fmt.Fprintf(w, "  refused  %*d  %6s\n", width, rep.Refused, percent(rep.ShareRefused))
	fmt.Fprintf(w, "  wrong    %*d  %6s\n", width, rep.Wrong, percent(rep.ShareWrong))
	fmt.Fprintf(w, "  to answer: %d right, %d refused, %d wrong; to refuse: %d right, %d wrong\n",
		rep.ToAnswer.Right, rep.ToAnswer.Refused, rep.ToAnswer.Wrong, rep.ToRefuse.Right, rep.ToRefuse.Wrong)

	if len(rep.Misses) == 0 {
		fmt.Fprintf(w, "\nNo misses.\n")
	} else {
		fmt.Fprintf(w, "\nMisses:\n")
		for _, m := range rep.Misses {
			fmt.Fprintf(w, "  %s:%d: %s\n", rep.File, m.Line, m.Question)
			want := m.Expected
			if want == refuse {
				want = "a refusal"
			}
			var got string
			switch {
			case m.Got != "":
				got = fmt.Sprintf("got %s at confidence %.2f", m.Got, m.Confidence)
			case m.Reason == qa.ReasonEmpty.String():
				got = "refused: the question asks nothing (reason empty)"
			case m.Reason == qa.ReasonLanguage.String():
				got = "refused: a language the engine does not read (reason language)"
			case m.Reason == qa.ReasonTruncated.String():
				got = fmt.Sprintf("refused at confidence %.2f, only its first %d bytes read (reason truncated)", m.Confidence, qa.MaxInputBytes)
			default:
				got = fmt.Sprintf("refused at confidence %.2f", m.Confidence)
			}
			if m.Got == "" && len(m.Candidates) > 0 {
				got += ", best candidate " + m.Candidates[0].ID
			}
			fmt.Fprintf(w, "      expected %s, %s\n", want, got)
		}
	}

	fmt.Fprintf(w, "\nBy threshold (* current; set it with CALLBOT_THRESHOLD):\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "  threshold\tanswered\tright\trefused\twrong\tright %%\t\n")
	for _, s := range rep.Sweep {
		mark := " "
		if s.Current {
			mark = "*"
		}
		fmt.Fprintf(tw, "  %s %s\t%d\t%d\t%d\t%d\t%s\t\n", mark, threshold(s.Threshold), s.Answered, s.Right, s.Refused, s.Wrong, percent(s.ShareRight))
	}
	tw.Flush()
}
