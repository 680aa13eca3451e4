package curator

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/callbot/callbot/internal/journal"
	"github.com/callbot/callbot/knowledge"
	"github.com/callbot/callbot/qa"
)

// fakeReader serves fixed records, filtered as a Store would.
type fakeReader struct {
	qs    []journal.Question
	votes []journal.Vote
	err   error
}

func (f *fakeReader) Questions(_ context.Context, flt journal.Filter) ([]journal.Question, error) {
	var out []journal.Question
	for _, q := range f.qs {
		if (flt.GuildID == "" || q.GuildID == flt.GuildID) && !q.Time.Before(flt.Since) {
			out = append(out, q)
		}
	}
	return out, f.err
}

func (f *fakeReader) Votes(_ context.Context, flt journal.Filter) ([]journal.Vote, error) {
	var out []journal.Vote
	for _, v := range f.votes {
		if (flt.GuildID == "" || v.GuildID == flt.GuildID) && !v.Time.Before(flt.Since) {
			out = append(out, v)
		}
	}
	return out, f.err
}

// testCurator is a curator over the embedded knowledge and its engine, at
// a fixed clock.
func testCurator(t *testing.T, r Reader) (*Curator, time.Time) {
	t.Helper()
	set, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := qa.New(set, qa.Options{})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	c := New(r, eng, set, 0.5)
	c.now = func() time.Time { return now }
	return c, now
}

func TestGaps(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	ago := func(d time.Duration) time.Time { return now.Add(-d) }
	refused := func(id, text string, at time.Time, cands ...journal.Candidate) journal.Question {
		return journal.Question{ID: id, Time: at, GuildID: "g1", Text: text, Kind: "command", Refusal: "unknown", Candidates: cands}
	}
	call := journal.Candidate{ID: "call-when", Score: 0.4}
	r := &fakeReader{qs: []journal.Question{
		refused("q1", "What was the weather like during the call?", ago(time.Hour), call),
		refused("q2", "what was the weather like during the call", ago(2*time.Hour), call),
		refused("q3", "How was the weather on the call?", ago(3*time.Hour), call),
		refused("q4", "Which gym does Putin use?", ago(time.Hour)),
		// A member picked a suggestion after q1.
		{ID: "q5", Time: ago(time.Hour), GuildID: "g1", Text: "When did the call take place?", Kind: "suggestion", EntryID: "call-when", Confidence: 1, PickedFrom: "q1"},
		// Barely answered: a gap; answered with confidence: not.
		{ID: "q6", Time: ago(time.Hour), GuildID: "g1", Text: "who is the lawyer guy", Kind: "mention", EntryID: "lawyer-remark", Confidence: 0.55},
		{ID: "q7", Time: ago(time.Hour), GuildID: "g1", Text: "What did Macron say about lawyers?", Kind: "command", EntryID: "lawyer-remark", Confidence: 0.95},
		// Not gaps in the knowledge: empty, another language, a button.
		{ID: "q8", Time: ago(time.Hour), GuildID: "g1", Text: "hi", Kind: "mention", Refusal: "empty"},
		{ID: "q9", Time: ago(time.Hour), GuildID: "g1", Text: "Wann war der Anruf?", Kind: "command", Refusal: "language"},
		// Another server, and too old.
		refused("q10", "Which gym does Putin use?", ago(time.Hour)),
		refused("q11", "Which gym does Putin use?", ago(30*24*time.Hour)),
	}}
	r.qs[9].GuildID = "g2"
	c, _ := testCurator(t, r)

	gaps, err := c.Gaps(context.Background(), "g1", 7*24*time.Hour, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(gaps) != 3 {
		t.Fatalf("got %d gaps %+v, want 3 (weather, gym, lawyer guy)", len(gaps), gaps)
	}
	weather := gaps[0]
	wantQs := []Asked{{Text: "What was the weather like during the call?", Count: 2}, {Text: "How was the weather on the call?", Count: 1}}
	if weather.Count != 3 || !reflect.DeepEqual(weather.Questions, wantQs) {
		t.Errorf("first gap: got %d %+v, want 3 %+v", weather.Count, weather.Questions, wantQs)
	}
	if !reflect.DeepEqual(weather.Picked, []Picked{{ID: "call-when", Count: 1}}) {
		t.Errorf("first gap picked %+v, want call-when once", weather.Picked)
	}
	if len(weather.Nearest) != 1 || weather.Nearest[0].ID != "call-when" || weather.Nearest[0].Question == "" {
		t.Errorf("first gap nearest %+v, want call-when with its question", weather.Nearest)
	}
	for _, g := range gaps[1:] {
		if g.Count != 1 || len(g.Picked) != 0 {
			t.Errorf("gap %+v: want asked once, nothing picked", g)
		}
	}
	if got := gaps[2].Questions[0].Text; got != "who is the lawyer guy" && gaps[1].Questions[0].Text != "who is the lawyer guy" {
		t.Errorf("the barely answered question is not a gap: %+v", gaps)
	}

	if top, _ := c.Gaps(context.Background(), "g1", 7*24*time.Hour, 1); len(top) != 1 || top[0].Count != 3 {
		t.Errorf("limit 1: got %+v, want the weather gap alone", top)
	}
	all, _ := c.Gaps(context.Background(), "", 0, 0)
	gym := 0
	for _, g := range all {
		if strings.Contains(g.Questions[0].Text, "gym") {
			gym = g.Count
		}
	}
	if gym != 3 {
		t.Errorf("every server, whole record: the gym gap was asked %d times, want 3", gym)
	}

	// The JSON is the kb gaps --json contract.
	b, _ := json.Marshal(gaps[:1])
	var generic []map[string]any
	if err := json.Unmarshal(b, &generic); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range generic[0] {
		keys = append(keys, k)
	}
	if len(keys) != 4 || generic[0]["count"] == nil || generic[0]["questions"] == nil || generic[0]["nearest"] == nil || generic[0]["picked"] == nil {
		t.Errorf("gap JSON %s: want exactly count, questions, nearest, picked", b)
	}

	r.err = errors.New("database is locked")
	if _, err := c.Gaps(context.Background(), "g1", 0, 0); err == nil || !strings.Contains(err.Error(), "database is locked") {
		t.Errorf("got error %v, want the store's", err)
	}
}

func TestFeedback(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	r := &fakeReader{
		qs: []journal.Question{
			{ID: "q1", Time: now.Add(-9 * 24 * time.Hour), GuildID: "g1", Text: "lawyer thing?", EntryID: "lawyer-remark"},
			{ID: "q2", Time: now.Add(-time.Hour), GuildID: "g1", Text: "when was it", EntryID: "call-when"},
		},
		votes: []journal.Vote{
			{QuestionID: "q1", EntryID: "lawyer-remark", GuildID: "g1", User: "a", Time: now.Add(-2 * time.Hour), Verdict: journal.NotHelpful, Reason: journal.ReasonWrong, Comment: "it was Putin"},
			{QuestionID: "q1", EntryID: "lawyer-remark", GuildID: "g1", User: "b", Time: now.Add(-time.Hour), Verdict: journal.NotHelpful},
			{QuestionID: "q1", EntryID: "lawyer-remark", GuildID: "g1", User: "c", Time: now.Add(-time.Hour), Verdict: journal.Helpful},
			{QuestionID: "q2", EntryID: "call-when", GuildID: "g1", User: "a", Time: now.Add(-time.Hour), Verdict: journal.Helpful},
			{QuestionID: "gone", EntryID: "call-when", GuildID: "g1", User: "b", Time: now.Add(-time.Hour), Verdict: journal.NotHelpful, Reason: journal.ReasonIncomplete},
		},
	}
	c, _ := testCurator(t, r)
	fb, err := c.Feedback(context.Background(), "g1", 7*24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if len(fb) != 2 {
		t.Fatalf("got %d entries %+v, want 2", len(fb), fb)
	}
	law := fb[0]
	if law.ID != "lawyer-remark" || law.NotHelpful != 2 || law.Helpful != 1 || law.Question == "" {
		t.Errorf("first: got %+v, want lawyer-remark with 2 not helpful, 1 helpful and its question", law)
	}
	if !reflect.DeepEqual(law.Reasons, map[string]int{journal.ReasonWrong: 1, "": 1}) {
		t.Errorf("reasons %v, want wrong 1 and none 1", law.Reasons)
	}
	// The question was asked nine days ago, before --since: still found.
	if len(law.Votes) != 2 || law.Votes[0].Question != "lawyer thing?" || law.Votes[1].Comment != "it was Putin" {
		t.Errorf("votes %+v, want newest first with the question text", law.Votes)
	}
	if got := fb[1]; got.ID != "call-when" || got.Votes[0].Question != "" || got.Votes[0].Reason != journal.ReasonIncomplete {
		t.Errorf("second: got %+v, want call-when's vote whose question is not in the record", got)
	}
}
