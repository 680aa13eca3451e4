package main

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/callbot/callbot/internal/journal"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/kbrecord")

// recordDB writes a small question record into a fresh SQLite file and
// returns its CALLBOT_DATABASE_URL. Times are relative to now, so that
// --since selects them.
func recordDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	url := "sqlite:" + filepath.Join(t.TempDir(), "record.db")
	s, err := journal.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Now().UTC()
	q := func(id, text, refusal, entry string, conf float64, d time.Duration, cands ...journal.Candidate) journal.Question {
		return journal.Question{ID: id, Time: now.Add(-d), GuildID: "1", Text: text, Kind: "command", Transport: "gateway",
			Refusal: refusal, EntryID: entry, Confidence: conf, Candidates: cands}
	}
	when := journal.Candidate{ID: "call-when", Score: 0.41}
	qs := []journal.Question{
		q("a1", "what was the weather like during the call", "unknown", "", 0.3, time.Hour, when),
		q("a2", "What was the weather like during the call?", "unknown", "", 0.3, 2*time.Hour, when),
		q("a3", "how was the weather on the call: sunny?", "unknown", "", 0.2, 3*time.Hour, when),
		q("a4", "which gym does putin use", "unknown", "", 0.1, time.Hour),
		q("a5", "What did Macron say about lawyers?", "", "lawyer-remark", 0.97, time.Hour),
		q("old", "which gym does putin use", "unknown", "", 0.1, 30*24*time.Hour),
	}
	qs = append(qs, journal.Question{ID: "a6", Time: now.Add(-time.Hour), GuildID: "1", Text: "When did the call take place?",
		Kind: "suggestion", EntryID: "call-when", Confidence: 1, PickedFrom: "a1"})
	if err := s.WriteQuestions(ctx, qs); err != nil {
		t.Fatal(err)
	}
	votes := []journal.Vote{
		{QuestionID: "a5", EntryID: "lawyer-remark", GuildID: "1", User: "x", Time: now.Add(-time.Hour), Verdict: journal.NotHelpful, Reason: journal.ReasonNotAsked, Comment: "I meant the lawyers of Ukraine"},
		{QuestionID: "a5", EntryID: "lawyer-remark", GuildID: "1", User: "y", Time: now.Add(-time.Hour), Verdict: journal.Helpful},
	}
	if err := s.WriteVotes(ctx, votes); err != nil {
		t.Fatal(err)
	}
	return url
}

// recordGolden compares got with testdata/kbrecord/name, or rewrites it with -update.
func recordGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "kbrecord", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/callbot -run %s -update to create it)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("got:\n%s\nwant (%s):\n%s", got, path, want)
	}
}

func TestKBGapsAndFeedback(t *testing.T) {
	t.Parallel()
	environ := map[string]string{"CALLBOT_DATABASE_URL": recordDB(t)}
	for _, tt := range []struct {
		golden string
		args   []string
	}{
		{"gaps.txt", []string{"kb", "gaps"}},
		{"gaps.json", []string{"kb", "gaps", "--json"}},
		{"gaps-all.txt", []string{"kb", "gaps", "--since", "0"}},
		{"feedback.txt", []string{"kb", "feedback"}},
		{"feedback.json", []string{"kb", "feedback", "--json"}},
	} {
		stdout, stderr, code := callbot(t, environ, "", tt.args...)
		if code != 0 {
			t.Errorf("%s: exit %d, stderr %s", strings.Join(tt.args, " "), code, stderr)
			continue
		}
		if strings.HasSuffix(tt.golden, ".json") {
			// Times vary with the clock; the shape and the rest must not.
			var v any
			if err := json.Unmarshal([]byte(stdout), &v); err != nil {
				t.Errorf("%s: not JSON: %v\n%s", tt.golden, err, stdout)
			}
			stdout = stripTimes(stdout)
		}
		recordGolden(t, tt.golden, stdout)
	}
}

// stripTimes blanks the "time" fields of indented JSON.
func stripTimes(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if k := strings.Index(l, `"time": "`); k >= 0 {
			lines[i] = l[:k] + `"time": "…"` + strings.TrimLeft(l[k+len(`"time": "`):], "0123456789-:.TZ+")[1:]
		}
	}
	return strings.Join(lines, "\n")
}

func TestKBGapsErrors(t *testing.T) {
	t.Parallel()
	empty := "sqlite:" + filepath.Join(t.TempDir(), "empty.db")
	tests := []struct {
		name     string
		environ  map[string]string
		args     []string
		wantCode int
		want     string
	}{
		{"empty record, JSON", map[string]string{"CALLBOT_DATABASE_URL": empty}, []string{"kb", "gaps", "--json"}, 0, "[]\n"},
		{"empty record, text", map[string]string{"CALLBOT_DATABASE_URL": empty}, []string{"kb", "feedback"}, 0, "0 entries voted not helpful in the last 7 days, most first.\n"},
		{"malformed URL", map[string]string{"CALLBOT_DATABASE_URL": "mysql://x"}, []string{"kb", "gaps"}, 1, "CALLBOT_DATABASE_URL"},
		{"missing directory", map[string]string{"CALLBOT_DATABASE_URL": "sqlite:" + filepath.Join(t.TempDir(), "no", "such", "x.db")}, []string{"kb", "gaps"}, 1, "no/such"},
		{"negative since", map[string]string{"CALLBOT_DATABASE_URL": empty}, []string{"kb", "gaps", "--since", "-1h"}, 2, "--since"},
		{"stray argument", map[string]string{"CALLBOT_DATABASE_URL": empty}, []string{"kb", "gaps", "extra"}, 2, "no arguments"},
	}
	for _, tt := range tests {
		stdout, stderr, code := callbot(t, tt.environ, "", tt.args...)
		if code != tt.wantCode || !strings.Contains(stdout+stderr, tt.want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit %d and %q", tt.name, code, stdout, stderr, tt.wantCode, tt.want)
		}
	}
}
