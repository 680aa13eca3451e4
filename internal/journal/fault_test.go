package journal

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestWriterSQLiteFault makes the database unwritable halfway, by holding
// its write lock from another connection: records are dropped and counted,
// answering (here: Question and Vote returning) goes on, the warning comes
// at most once a minute, and writing resumes by itself after the lock is
// released.
func TestWriterSQLiteFault(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	path := filepath.Join(t.TempDir(), "journal.db")
	// A busy timeout of 100ms rather than 1s keeps the test short.
	s, err := openSQLiteDSN(ctx, path, sqliteDSN(path, 100*time.Millisecond))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer s.Close()
	clk := &clock{t: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)}
	obs := newCounter()
	var log logBuffer
	w := NewWriter(s, WriterOptions{BatchSize: 5, FlushInterval: 5 * time.Millisecond, Obs: obs, Log: log.logger(), Now: clk.Now})

	record := func(phase string) {
		for i := range 5 {
			w.Question(Question{ID: fmt.Sprintf("%s-%d", phase, i), Text: phase})
		}
		for i := range 5 {
			w.Vote(Vote{QuestionID: fmt.Sprintf("%s-%d", phase, i), User: "u", Verdict: Helpful})
		}
	}
	wait := func(what string, written, dropped int) {
		t.Helper()
		waitFor(t, what, func() bool {
			w, d := obs.counts()
			return w == [2]int{written, written} && d == [2]int{dropped, dropped}
		})
	}
	const warning = "cannot write records"

	record("before")
	wait("the records before the fault written", 5, 0)

	release, err := LockSQLite(ctx, path)
	if err != nil {
		t.Fatalf("LockSQLite: %v", err)
	}
	defer release()
	tests := []struct {
		advance      time.Duration // the clock, before the phase
		wantWarnings int
	}{
		{0, 1},
		{30 * time.Second, 1}, // within the minute: no second warning
		{31 * time.Second, 2}, // a minute after the first
		{time.Second, 2},
	}
	for i, tt := range tests {
		clk.Advance(tt.advance)
		record(fmt.Sprint("fault", i))
		wait(fmt.Sprintf("fault phase %d dropped", i), 5, 5*(i+1))
		if got := log.count(warning); got != tt.wantWarnings {
			t.Errorf("fault phase %d: got %d warnings, want %d; log:\n%s", i, got, tt.wantWarnings, log.String())
		}
	}
	if !strings.Contains(log.String(), "database is locked") {
		t.Errorf("the warning does not give the error; log:\n%s", log.String())
	}
	// WAL: reading goes on while the lock is held.
	if qs, err := s.Questions(ctx, Filter{}); err != nil || len(qs) != 5 {
		t.Errorf("Questions during the fault: got %d, %v; want 5, nil", len(qs), err)
	}

	if err := release(); err != nil {
		t.Fatalf("release: %v", err)
	}
	record("after")
	wait("the records after the fault written", 10, 20)
	if got := log.count("writing records again"); got != 1 {
		t.Errorf("got %d notes that writing resumed, want 1; log:\n%s", got, log.String())
	}
	closeWriter(t, w)

	qs, err := s.Questions(ctx, Filter{})
	if err != nil {
		t.Fatalf("Questions: %v", err)
	}
	var texts []string
	for _, q := range qs {
		texts = append(texts, q.Text)
	}
	texts = slices.Compact(texts)
	if want := []string{"before", "after"}; !slices.Equal(texts, want) {
		t.Errorf("questions stored: got phases %q, want %q", texts, want)
	}
	vs, err := s.Votes(ctx, Filter{})
	if err != nil || len(vs) != 10 {
		t.Errorf("Votes: got %d, %v; want 10, nil", len(vs), err)
	}
}
