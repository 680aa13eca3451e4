package journal

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"
)

// TestPostgresStore runs the storage suite against the PostgreSQL server
// CALLBOT_TEST_POSTGRES_URL names, each test in a schema of its own.
func TestPostgresStore(t *testing.T) {
	t.Parallel()
	base := postgresTestURL(t)
	testStore(t, func(t *testing.T) string { return freshSchema(t, base) })
}

// TestPostgresConcurrentOpen opens one fresh database from several
// replicas at once: the migration lock lets one migrate and the others
// find nothing to do.
func TestPostgresConcurrentOpen(t *testing.T) {
	t.Parallel()
	url := freshSchema(t, postgresTestURL(t))
	const replicas = 4
	stores := make(chan Store, replicas)
	var wg sync.WaitGroup
	for range replicas {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
			defer cancel()
			s, err := Open(ctx, url)
			if err != nil {
				t.Errorf("Open: %v", err)
				return
			}
			stores <- s
		})
	}
	wg.Wait()
	close(stores)
	for s := range stores {
		if v, err := s.(*sqlStore).version(t.Context()); err != nil || v != 1 {
			t.Errorf("schema version: got %d, %v; want 1, nil", v, err)
		}
		s.Close()
	}
}

// postgresTestURL returns CALLBOT_TEST_POSTGRES_URL, or skips the test
// when it is unset; on CI, where .ci/run starts a server, it fails instead.
func postgresTestURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv("CALLBOT_TEST_POSTGRES_URL")
	if u != "" {
		return u
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("CALLBOT_TEST_POSTGRES_URL is unset on CI: .ci/run must start PostgreSQL and export its URL")
	}
	t.Skip("CALLBOT_TEST_POSTGRES_URL is unset: set it to a PostgreSQL URL to test the PostgreSQL store " +
		"(e.g. postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable; each test uses a schema of its own)")
	return ""
}

// freshSchema creates a schema of a unique name, dropped at the end of the
// test, and returns base with search_path set to it.
func freshSchema(t *testing.T, base string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("CALLBOT_TEST_POSTGRES_URL: want a postgres:// URL: %v", err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	db, err := sql.Open(driverPostgres, base)
	if err != nil {
		t.Fatalf("open %s: %v", u.Redacted(), err)
	}
	t.Cleanup(func() { db.Close() })
	schema := "journal_test_" + NewID()
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema on %s: %v", u.Redacted(), err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := db.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
