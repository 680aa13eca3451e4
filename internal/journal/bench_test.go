package journal

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkWriteQuestions measures SQLite's rate through WriteQuestions in
// the Writer's default batches of 512; the target is 20,000 records/s.
func BenchmarkWriteQuestions(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, "sqlite:"+filepath.Join(b.TempDir(), "journal.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	batch := make([]Question, defaultBatchSize)
	for i := range batch {
		batch[i] = Question{
			Time: t0, GuildID: "1187654321098765432", ChannelID: "1187654321098765433", User: hashUser([]byte("k"), fmt.Sprint(i)),
			Text: "How do I reset my password when the e-mail link has expired?", Lang: "en", Kind: "command",
			Transport: "gateway", EntryID: "password-reset", Confidence: 0.82,
			Candidates: []Candidate{{ID: "password-reset", Score: 0.82}, {ID: "login", Score: 0.41}, {ID: "2fa", Score: 0.2}},
		}
	}
	n := 0
	for b.Loop() {
		for i := range batch {
			batch[i].ID = fmt.Sprintf("%016x", n) // new rows: a known ID would be skipped
			batch[i].Time = t0.Add(time.Duration(n) * time.Millisecond)
			n++
		}
		if err := s.WriteQuestions(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "records/s")
}
