package journal

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url        string
		wantDriver string
		wantDSN    string // a prefix
	}{
		{"sqlite:callbot.db", "sqlite", "file:callbot.db?_pragma=busy_timeout(1000)&"},
		{"sqlite:/var/lib/callbot/j.db", "sqlite", "file:/var/lib/callbot/j.db?"},
		{"sqlite:///var/lib/callbot/j.db", "sqlite", "file:/var/lib/callbot/j.db?"},
		{"sqlite:data/../j.db", "sqlite", "file:j.db?"},
		{"sqlite:what?#%.db", "sqlite", "file:what%3F%23%25.db?"},
		{" sqlite:callbot.db\n", "sqlite", "file:callbot.db?"},
		{"SQLITE:callbot.db", "sqlite", "file:callbot.db?"},
		{"postgres://callbot:hunter2@localhost:5432/callbot", "pgx", "postgres://callbot:hunter2@localhost:5432/callbot"},
		{"postgresql://localhost/callbot?sslmode=disable", "pgx", "postgresql://localhost/callbot?sslmode=disable"},
	}
	for _, tt := range tests {
		driver, dsn, err := ParseURL(tt.url)
		if err != nil {
			t.Errorf("ParseURL(%q): %v", tt.url, err)
			continue
		}
		if driver != tt.wantDriver || !strings.HasPrefix(dsn, tt.wantDSN) {
			t.Errorf("ParseURL(%q): got %q, %q; want %q, %q…", tt.url, driver, dsn, tt.wantDriver, tt.wantDSN)
		}
	}
}

// TestOpenErrors checks that a bad CALLBOT_DATABASE_URL gets an error that
// says what is wrong and what is expected.
func TestOpenErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing", "journal.db")
	both := []string{"CALLBOT_DATABASE_URL", "sqlite:PATH", "sqlite:callbot.db", "postgres://"}
	tests := []struct {
		name  string
		url   string
		parse bool     // ParseURL fails too, not only Open
		want  []string // in the message
	}{
		{"empty", "", true, append([]string{"empty"}, both...)},
		{"blank", "  \n", true, append([]string{"empty"}, both...)},
		{"no scheme", "callbot.db", true, append([]string{`"callbot.db"`, "no scheme"}, both...)},
		{"mysql", "mysql://x", true, append([]string{`"mysql"`, "not supported"}, both...)},
		{"sqlite without a path", "sqlite:", true, append([]string{"no file path"}, both...)},
		{"sqlite in memory", "sqlite::memory:", true, append([]string{":memory:", "not supported"}, both...)},
		{"postgres bad port", "postgres://callbot:hunter2@localhost:notaport/callbot", true, append([]string{"malformed PostgreSQL URL"}, both...)},
		{"postgres bad escape", "postgres://callbot:hunter2@localhost/%zz", true, append([]string{"malformed PostgreSQL URL"}, both...)},
		{"postgres bad option", "postgres://localhost/callbot?sslmode=sometimes", true, append([]string{"malformed PostgreSQL URL"}, both...)},
		{"postgres down", "postgres://callbot:hunter2@127.0.0.1:1/callbot?connect_timeout=5", false,
			[]string{"connect to PostgreSQL", "CALLBOT_DATABASE_URL", "is up"}},
		{"sqlite in a missing directory", "sqlite:" + missing, false,
			[]string{missing, filepath.Dir(missing) + " does not exist", "create it", "CALLBOT_DATABASE_URL"}},
		{"sqlite under a file", "sqlite:" + filepath.Join(file, "journal.db"), false, []string{file + " is not a directory", "CALLBOT_DATABASE_URL"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, _, perr := ParseURL(tt.url)
			if tt.parse != (perr != nil) {
				t.Errorf("ParseURL(%q): got error %v, want an error: %t", tt.url, perr, tt.parse)
			}
			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
			defer cancel()
			s, err := Open(ctx, tt.url)
			if err == nil {
				s.Close()
				t.Fatalf("Open(%q): got no error, want one", tt.url)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Open(%q): got %q, want it to contain %q", tt.url, err, w)
				}
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("Open(%q): got %q, which shows the password", tt.url, err)
			}
		})
	}
}
