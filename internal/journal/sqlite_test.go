package journal

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestSQLitePragmas(t *testing.T) {
	t.Parallel()
	s := openTest(t, "sqlite:"+filepath.Join(t.TempDir(), "journal.db"))
	db := s.(*sqlStore).db
	tests := []struct {
		pragma, want string
	}{
		{"journal_mode", "wal"},
		{"busy_timeout", "1000"},
		{"synchronous", "1"}, // NORMAL
	}
	for _, tt := range tests {
		var got string
		if err := db.QueryRowContext(t.Context(), "PRAGMA "+tt.pragma).Scan(&got); err != nil {
			t.Fatalf("PRAGMA %s: %v", tt.pragma, err)
		}
		if got != tt.want {
			t.Errorf("PRAGMA %s: got %s, want %s", tt.pragma, got, tt.want)
		}
	}
}

// TestSQLiteNoRawUser checks, in the database files themselves, that the
// Writer stores no member's Discord id.
func TestSQLiteNoRawUser(t *testing.T) {
	t.Parallel()
	const member = "987654321098765432"
	key := []byte("record key")
	tests := []struct {
		name      string
		key       []byte
		wantAsker string
	}{
		{"with a key", key, hashUser(key, member)},
		{"without a key", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
			defer cancel()
			s, err := Open(ctx, "sqlite:"+filepath.Join(dir, "journal.db"))
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			w := NewWriter(s, WriterOptions{Key: tt.key})
			w.Question(Question{ID: "q1", Time: t0, User: member, Text: "asked by " + "someone"})
			w.Vote(Vote{QuestionID: "q1", Time: t0, User: member, Verdict: Helpful})
			closeWriter(t, w)
			qs, err := s.Questions(ctx, Filter{})
			if err != nil || len(qs) != 1 {
				t.Fatalf("Questions: got %d, %v; want 1, nil", len(qs), err)
			}
			if qs[0].User != tt.wantAsker {
				t.Errorf("Question.User read back: got %q, want %q", qs[0].User, tt.wantAsker)
			}
			var null bool
			if err := s.(*sqlStore).db.QueryRowContext(ctx, "SELECT user_hash IS NULL FROM questions").Scan(&null); err != nil {
				t.Fatal(err)
			}
			if null != (tt.wantAsker == "") {
				t.Errorf("questions.user_hash IS NULL: got %t, want %t", null, tt.wantAsker == "")
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			files, _ := filepath.Glob(filepath.Join(dir, "*"))
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				if bytes.Contains(b, []byte(member)) {
					t.Errorf("%s holds the member's raw id %s", filepath.Base(f), member)
				}
			}
		})
	}
}
