package bot_test

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/callbot/callbot/bot"
	"github.com/callbot/callbot/internal/journal"
)

// recordCounts counts what a journal.Writer wrote and dropped.
type recordCounts struct{ written, dropped atomic.Int64 }

func (c *recordCounts) Written(_ string, n int) { c.written.Add(int64(n)) }
func (c *recordCounts) Dropped(_ string, n int) { c.dropped.Add(int64(n)) }

// TestGatewayLoadRecordFault sends 1,000 questions through the fake
// Discord while the question record's database becomes unwritable halfway:
// every question is answered, the lost records are counted, and recording
// resumes by itself once the database is writable again.
func TestGatewayLoadRecordFault(t *testing.T) {
	t.Parallel()
	const half = 500
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "record.db")
	store, err := journal.Open(ctx, "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var counts recordCounts
	w := journal.NewWriter(store, journal.WriterOptions{Obs: &counts, FlushInterval: 20 * time.Millisecond})
	defer w.Close(ctx)
	questions := loadQuestions(t)
	h := startE2E(t, bot.Config{Recorder: w}, loadHeartbeat)

	waitCount := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: written %d, dropped %d", what, counts.written.Load(), counts.dropped.Load())
			}
		}
	}

	runLoad(t, h, questions, half)
	waitCount("the first half recorded", func() bool { return counts.written.Load() == half })

	release, err := journal.LockSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	runLoad(t, h, questions, half) // fails the test unless all are answered
	waitCount("records dropped while the database is locked", func() bool { return counts.dropped.Load() > 0 })
	if err := release(); err != nil {
		t.Fatal(err)
	}
	waitCount("the second half written or dropped", func() bool { return counts.written.Load()+counts.dropped.Load() == 2*half })
	before := counts.written.Load()

	const after = 50
	runLoad(t, h, questions, after)
	waitCount("recording resumed", func() bool { return counts.written.Load() == before+after })

	stored, err := store.Questions(ctx, journal.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := int64(len(stored)), counts.written.Load(); got != want {
		t.Errorf("got %d questions stored, want the %d counted as written", got, want)
	}
	t.Logf("%d questions: %d recorded, %d dropped while the database was locked, all answered",
		2*half+after, counts.written.Load(), counts.dropped.Load())
}
