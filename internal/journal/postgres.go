package journal

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

var postgresDialect = &dialect{
	name:     "postgres",
	goose:    goose.DialectPostgres,
	numbered: true,
	timeArg: func(t time.Time) any {
		return t.UTC()
	},
}

func openPostgres(ctx context.Context, t target) (Store, error) {
	db, err := sql.Open(driverPostgres, t.dsn)
	if err != nil {
		return nil, fmt.Errorf("journal: PostgreSQL: %w", err)
	}
	// The Writer needs one connection; the rest are for reports.
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(4)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("journal: connect to PostgreSQL: %w; check that the server CALLBOT_DATABASE_URL names is up and accepts this user", err)
	}
	locker, err := migrationLocker(ctx, db)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("journal: PostgreSQL: %w", err)
	}
	if err := migrate(ctx, db, postgresDialect, goose.WithSessionLocker(locker)); err != nil {
		db.Close()
		return nil, fmt.Errorf("journal: PostgreSQL: %w", err)
	}
	return &sqlStore{db: db, d: postgresDialect}, nil
}

// migrationLocker returns the advisory lock under which one replica at a
// time migrates: the others wait, then find nothing to do. Its ID is that
// of the schema the tables go in, so that journals in different schemas of
// one database do not wait on each other.
func migrationLocker(ctx context.Context, db *sql.DB) (lock.SessionLocker, error) {
	var schema string
	if err := db.QueryRowContext(ctx, "SELECT COALESCE(current_schema(), '')").Scan(&schema); err != nil {
		return nil, fmt.Errorf("read the current schema: %w", err)
	}
	h := fnv.New64a()
	h.Write([]byte("callbot journal migrations\x00" + schema))
	// Probe each second for up to 5 minutes: a replica migrating holds the
	// lock for well under a second.
	return lock.NewPostgresSessionLocker(lock.WithLockID(int64(h.Sum64())), lock.WithLockTimeout(1, 300))
}
