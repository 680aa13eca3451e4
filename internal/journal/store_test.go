package journal

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// testStore runs the storage suite against the database of each URL
// fresh returns: a new, empty database each call.
func testStore(t *testing.T, fresh func(t *testing.T) string) {
	tests := []struct {
		name string
		run  func(t *testing.T, url string)
	}{
		{"RoundTrip", testRoundTrip},
		{"Filter", testFilter},
		{"VoteUpsert", testVoteUpsert},
		{"DeleteBefore", testDeleteBefore},
		{"MigrateTwice", testMigrateTwice},
		{"ConcurrentWriters", testConcurrentWriters},
		{"HugeAndBinaryText", testHugeAndBinaryText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.run(t, fresh(t))
		})
	}
}

func TestSQLiteStore(t *testing.T) {
	t.Parallel()
	testStore(t, func(t *testing.T) string {
		return "sqlite:" + filepath.Join(t.TempDir(), "journal.db")
	})
}

// openTest opens url and closes the Store at the end of the test.
func openTest(t *testing.T, url string) Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	s, err := Open(ctx, url)
	if err != nil {
		t.Fatalf("Open(%q): %v", url, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// t0 is a time the stores keep exactly: they keep microseconds.
var t0 = time.Date(2026, 3, 14, 15, 9, 26, 535897000, time.UTC)

func testQuestion(id string, at time.Time, guild string) Question {
	return Question{ID: id, Time: at, GuildID: guild, ChannelID: "c1", Text: "how do I " + id + "?", Kind: "command", Transport: "gateway"}
}

func testRoundTrip(t *testing.T, url string) {
	s := openTest(t, url)
	ctx := t.Context()
	paris := time.FixedZone("Paris", 3600)
	qs := []Question{
		{
			ID: "00000000000000a1", Time: t0.Add(932 * time.Nanosecond).In(paris), // nanoseconds are cut GuildID: "g1", ChannelID: "c1", User: "0123456789abcdef0123456789abcdef",
			Text: "Comment réinitialiser mon mot de passe ?", Lang: "fr", Kind: "command", Transport: "gateway",
			EntryID: "password-reset", Confidence: 0.8125,
			Candidates: []Candidate{{ID: "password-reset", Score: 0.8125}, {ID: "login", Score: 0.25}, {ID: "2fa", Score: 0.125}},
		},
		{
			// The empty values: a refused DM question, who asked not recorded.
			ID: "00000000000000a2", Time: t0.Add(time.Millisecond), Text: "?", Kind: "dm", Transport: "http", Refusal: "unknown",
		},
		{
			ID: "00000000000000a3", Time: t0.Add(time.Second), GuildID: "g2", ChannelID: "c9", User: "u", Text: "login",
			Kind: "suggestion", Transport: "gateway", EntryID: "login", Confidence: 1, PickedFrom: "00000000000000a2",
			Candidates: []Candidate{{ID: "login", Score: 1}},
		},
	}
	vs := []Vote{
		{QuestionID: "00000000000000a1", EntryID: "password-reset", GuildID: "g1", User: "h1", Time: t0.Add(time.Minute).In(paris), Verdict: Helpful},
		{QuestionID: "00000000000000a1", EntryID: "password-reset", GuildID: "g1", User: "h2", Time: t0.Add(2 * time.Minute),
			Verdict: NotHelpful, Reason: ReasonIncomplete, Comment: "it skips the e-mail step"},
	}
	if err := s.WriteQuestions(ctx, qs); err != nil {
		t.Fatalf("WriteQuestions: %v", err)
	}
	if err := s.WriteVotes(ctx, vs); err != nil {
		t.Fatalf("WriteVotes: %v", err)
	}
	gotQ, err := s.Questions(ctx, Filter{})
	if err != nil {
		t.Fatalf("Questions: %v", err)
	}
	wantQ := make([]Question, len(qs))
	for i, q := range qs {
		q.Time = q.Time.UTC().Truncate(time.Microsecond)
		wantQ[i] = q
	}
	if !reflect.DeepEqual(gotQ, wantQ) {
		t.Errorf("Questions:\ngot  %+v\nwant %+v", gotQ, wantQ)
	}
	gotV, err := s.Votes(ctx, Filter{})
	if err != nil {
		t.Fatalf("Votes: %v", err)
	}
	wantV := make([]Vote, len(vs))
	for i, v := range vs {
		v.Time = v.Time.UTC().Truncate(time.Microsecond)
		wantV[i] = v
	}
	if !reflect.DeepEqual(gotV, wantV) {
		t.Errorf("Votes:\ngot  %+v\nwant %+v", gotV, wantV)
	}
	// Writing a batch again, as a retry after a lost commit would, changes
	// nothing.
	if err := s.WriteQuestions(ctx, qs); err != nil {
		t.Fatalf("WriteQuestions again: %v", err)
	}
	if got, err := s.Questions(ctx, Filter{}); err != nil || len(got) != len(qs) {
		t.Errorf("Questions after writing again: got %d, %v; want %d, nil", len(got), err, len(qs))
	}
}

func testFilter(t *testing.T, url string) {
	s := openTest(t, url)
	ctx := t.Context()
	qs := []Question{
		testQuestion("q1", t0, "g1"),
		testQuestion("q2", t0.Add(time.Hour), "g2"),
		testQuestion("q3", t0.Add(2*time.Hour), "g1"),
		testQuestion("q4", t0.Add(3*time.Hour), ""),
	}
	// Written newest first: reads are ordered by time, not insertion.
	for i := len(qs) - 1; i >= 0; i-- {
		if err := s.WriteQuestions(ctx, qs[i:i+1]); err != nil {
			t.Fatalf("WriteQuestions: %v", err)
		}
		v := Vote{QuestionID: qs[i].ID, GuildID: qs[i].GuildID, User: "h", Time: qs[i].Time, Verdict: Helpful}
		if err := s.WriteVotes(ctx, []Vote{v}); err != nil {
			t.Fatalf("WriteVotes: %v", err)
		}
	}
	tests := []struct {
		f    Filter
		want []string
	}{
		{Filter{}, []string{"q1", "q2", "q3", "q4"}},
		{Filter{Since: t0.Add(time.Hour)}, []string{"q2", "q3", "q4"}},                                 // at or after
		{Filter{Since: t0.Add(time.Hour + time.Microsecond)}, []string{"q3", "q4"}},                    // after
		{Filter{GuildID: "g1"}, []string{"q1", "q3"}},                                                  // one guild
		{Filter{Since: t0.Add(time.Minute), GuildID: "g1"}, []string{"q3"}},                            // both
		{Filter{Since: t0.Add(24 * time.Hour)}, nil},                                                   // none
		{Filter{Since: t0.Add(time.Hour).In(time.FixedZone("", -5*3600))}, []string{"q2", "q3", "q4"}}, // any zone
	}
	for _, tt := range tests {
		gotQ, err := s.Questions(ctx, tt.f)
		if err != nil {
			t.Fatalf("Questions(%+v): %v", tt.f, err)
		}
		var ids []string
		for _, q := range gotQ {
			ids = append(ids, q.ID)
		}
		if !reflect.DeepEqual(ids, tt.want) {
			t.Errorf("Questions(%+v): got %q, want %q", tt.f, ids, tt.want)
		}
		gotV, err := s.Votes(ctx, tt.f)
		if err != nil {
			t.Fatalf("Votes(%+v): %v", tt.f, err)
		}
		ids = nil
		for _, v := range gotV {
			ids = append(ids, v.QuestionID)
		}
		if !reflect.DeepEqual(ids, tt.want) {
			t.Errorf("Votes(%+v): got questions %q, want %q", tt.f, ids, tt.want)
		}
	}
}

func testVoteUpsert(t *testing.T, url string) {
	s := openTest(t, url)
	ctx := t.Context()
	first := Vote{QuestionID: "q1", EntryID: "e1", GuildID: "g1", User: "h1", Time: t0, Verdict: Helpful}
	second := Vote{QuestionID: "q1", EntryID: "e1", GuildID: "g1", User: "h1", Time: t0.Add(time.Minute),
		Verdict: NotHelpful, Reason: ReasonWrong, Comment: "outdated"}
	third := Vote{QuestionID: "q1", EntryID: "e1", GuildID: "g1", User: "h1", Time: t0.Add(2 * time.Minute),
		Verdict: NotHelpful, Reason: ReasonNotAsked}
	other := Vote{QuestionID: "q1", EntryID: "e1", GuildID: "g1", User: "h2", Time: t0, Verdict: Helpful}
	if err := s.WriteVotes(ctx, []Vote{first, other}); err != nil {
		t.Fatalf("WriteVotes(first): %v", err)
	}
	if err := s.WriteVotes(ctx, []Vote{second}); err != nil {
		t.Fatalf("WriteVotes(second): %v", err)
	}
	got, err := s.Votes(ctx, Filter{})
	if err != nil {
		t.Fatalf("Votes: %v", err)
	}
	if want := []Vote{other, second}; !reflect.DeepEqual(got, want) {
		t.Errorf("Votes after a second vote:\ngot  %+v\nwant %+v", got, want)
	}
	// Twice in one batch: the later one holds.
	if err := s.WriteVotes(ctx, []Vote{first, third}); err != nil {
		t.Fatalf("WriteVotes(first, third): %v", err)
	}
	got, err = s.Votes(ctx, Filter{})
	if err != nil {
		t.Fatalf("Votes: %v", err)
	}
	if want := []Vote{other, third}; !reflect.DeepEqual(got, want) {
		t.Errorf("Votes after two in one batch:\ngot  %+v\nwant %+v", got, want)
	}
}

func testDeleteBefore(t *testing.T, url string) {
	s := openTest(t, url)
	ctx := t.Context()
	var qs []Question
	var vs []Vote
	for i := range 5 {
		at := t0.Add(time.Duration(i) * time.Hour)
		qs = append(qs, testQuestion(fmt.Sprint("q", i), at, "g1"))
		vs = append(vs, Vote{QuestionID: fmt.Sprint("q", i), User: "h", Time: at, Verdict: Helpful})
	}
	if err := s.WriteQuestions(ctx, qs); err != nil {
		t.Fatalf("WriteQuestions: %v", err)
	}
	if err := s.WriteVotes(ctx, vs); err != nil {
		t.Fatalf("WriteVotes: %v", err)
	}
	tests := []struct {
		before    time.Time
		want      int64
		remaining int
	}{
		{t0, 0, 5},                    // strictly older only
		{t0.Add(2 * time.Hour), 4, 3}, // 2 questions and their 2 votes
		{t0.Add(2 * time.Hour), 0, 3}, // again: nothing left to delete
		{t0.Add(24 * time.Hour), 6, 0},
	}
	for _, tt := range tests {
		n, err := s.DeleteBefore(ctx, tt.before)
		if err != nil {
			t.Fatalf("DeleteBefore(%v): %v", tt.before, err)
		}
		if n != tt.want {
			t.Errorf("DeleteBefore(%v): got %d rows, want %d", tt.before, n, tt.want)
		}
		gotQ, err := s.Questions(ctx, Filter{})
		if err != nil {
			t.Fatalf("Questions: %v", err)
		}
		gotV, err := s.Votes(ctx, Filter{})
		if err != nil {
			t.Fatalf("Votes: %v", err)
		}
		if len(gotQ) != tt.remaining || len(gotV) != tt.remaining {
			t.Errorf("after DeleteBefore(%v): got %d questions and %d votes, want %d of each", tt.before, len(gotQ), len(gotV), tt.remaining)
		}
	}
}

func testMigrateTwice(t *testing.T, url string) {
	ctx := t.Context()
	s1 := openTest(t, url)
	v1, err := s1.(*sqlStore).version(ctx)
	if err != nil {
		t.Fatalf("version: %v", err)
	}
	if v1 < 1 {
		t.Fatalf("schema version after Open: got %d, want at least 1", v1)
	}
	if err := s1.WriteQuestions(ctx, []Question{testQuestion("q1", t0, "g1")}); err != nil {
		t.Fatalf("WriteQuestions: %v", err)
	}
	s2 := openTest(t, url) // migrations already applied: a no-op
	v2, err := s2.(*sqlStore).version(ctx)
	if err != nil {
		t.Fatalf("version: %v", err)
	}
	if v2 != v1 {
		t.Errorf("schema version after a second Open: got %d, want %d", v2, v1)
	}
	if got, err := s2.Questions(ctx, Filter{}); err != nil || len(got) != 1 {
		t.Errorf("Questions after a second Open: got %d questions, %v; want 1, nil", len(got), err)
	}
	if err := s2.Ping(ctx); err != nil {
		t.Errorf("Ping: %v", err)
	}
}

func testConcurrentWriters(t *testing.T, url string) {
	s := openTest(t, url)
	ctx := t.Context()
	const writers, batches, per = 8, 10, 25
	var wg sync.WaitGroup
	errs := make(chan error, writers*batches*2)
	for w := range writers {
		wg.Go(func() {
			for b := range batches {
				var qs []Question
				var vs []Vote
				for i := range per {
					id := fmt.Sprintf("w%d-b%d-%d", w, b, i)
					qs = append(qs, testQuestion(id, t0.Add(time.Duration(i)*time.Second), "g1"))
					// Every writer votes on the same questions: upserts that race.
					vs = append(vs, Vote{QuestionID: fmt.Sprint("shared-", i), User: fmt.Sprint("h", b%2), Time: t0, Verdict: Helpful})
				}
				if err := s.WriteQuestions(ctx, qs); err != nil {
					errs <- err
				}
				if err := s.WriteVotes(ctx, vs); err != nil {
					errs <- err
				}
				if _, err := s.Questions(ctx, Filter{Since: t0.Add(time.Hour)}); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent write: %v", err)
	}
	qs, err := s.Questions(ctx, Filter{})
	if err != nil {
		t.Fatalf("Questions: %v", err)
	}
	if got, want := len(qs), writers*batches*per; got != want {
		t.Errorf("questions after concurrent writes: got %d, want %d", got, want)
	}
	vs, err := s.Votes(ctx, Filter{})
	if err != nil {
		t.Fatalf("Votes: %v", err)
	}
	if got, want := len(vs), per*2; got != want {
		t.Errorf("votes after concurrent upserts: got %d, want %d (one per question and user)", got, want)
	}
}

func testHugeAndBinaryText(t *testing.T, url string) {
	s := openTest(t, url)
	ctx := t.Context()
	binary := string([]byte{0, 1, 2, 0xff, 0xfe, 'a', 0, 0xc3, 0x28, 'z'})
	const binaryWant = "\uFFFD\x01\x02\uFFFDa\uFFFD\uFFFD(z"
	tests := []struct {
		name                      string
		id, text, comment         string
		wantID, wantText, wantCom string
	}{
		{
			name: "huge", id: strings.Repeat("i", 1000), text: strings.Repeat("é", 1<<20), comment: strings.Repeat("x", 5000),
			wantID: strings.Repeat("i", maxField), wantText: strings.Repeat("é", maxText/2), wantCom: strings.Repeat("x", maxComment),
		},
		{
			// The cut of the text falls inside a rune, which goes whole; the
			// comment's is counted in characters.
			name: "cut at a rune", id: "rune", text: "a" + strings.Repeat("é", maxText), comment: "a" + strings.Repeat("ж", maxComment),
			wantID: "rune", wantText: "a" + strings.Repeat("é", maxText/2-1), wantCom: "a" + strings.Repeat("ж", maxComment-1),
		},
		{
			name: "binary", id: "bin\x00\xff", text: binary, comment: binary,
			wantID: "bin\uFFFD\uFFFD", wantText: binaryWant, wantCom: binaryWant,
		},
	}
	for _, tt := range tests {
		q := testQuestion(tt.id, t0, "g1")
		q.Text = tt.text
		q.Candidates = []Candidate{{ID: tt.id, Score: 0.5}}
		v := Vote{QuestionID: tt.id, User: "h", Time: t0, Verdict: NotHelpful, Comment: tt.comment}
		if err := s.WriteQuestions(ctx, []Question{q}); err != nil {
			t.Fatalf("%s: WriteQuestions: %v", tt.name, err)
		}
		if err := s.WriteVotes(ctx, []Vote{v}); err != nil {
			t.Fatalf("%s: WriteVotes: %v", tt.name, err)
		}
	}
	qs, err := s.Questions(ctx, Filter{})
	if err != nil {
		t.Fatalf("Questions: %v", err)
	}
	vs, err := s.Votes(ctx, Filter{})
	if err != nil {
		t.Fatalf("Votes: %v", err)
	}
	questions := map[string]Question{}
	for _, q := range qs {
		questions[q.ID] = q
	}
	votes := map[string]Vote{}
	for _, v := range vs {
		votes[v.QuestionID] = v
	}
	for _, tt := range tests {
		q, ok := questions[tt.wantID]
		if !ok {
			t.Errorf("%s: no question of ID %q among %d", tt.name, tt.wantID, len(qs))
			continue
		}
		v := votes[tt.wantID]
		for _, f := range []struct{ name, got, want string }{
			{"question text", q.Text, tt.wantText},
			{"candidate", q.Candidates[0].ID, tt.wantID},
			{"comment", v.Comment, tt.wantCom},
		} {
			if f.got != f.want {
				t.Errorf("%s: %s: got %d bytes %.40q, want %d bytes %.40q", tt.name, f.name, len(f.got), f.got, len(f.want), f.want)
			}
		}
	}
}
