package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver: the binary stays static
)

// sqliteBusyTimeout is how long a write waits for another process's lock
// before failing with SQLITE_BUSY: long enough to ride out a checkpoint or
// someone reading the file with the sqlite3 shell, short enough that a
// stuck lock drops a batch rather than backing up the queue.
const sqliteBusyTimeout = time.Second

var sqliteDialect = &dialect{
	name:  "sqlite",
	goose: goose.DialectSQLite3,
	timeArg: func(t time.Time) any {
		return t.UnixMicro() // an instant: the zone does not enter into it
	},
}

// sqliteDSN returns the modernc.org/sqlite data source of the database
// file at path. WAL lets readers run beside the writer, synchronous=NORMAL
// is safe with WAL and spares an fsync a commit, and BEGIN IMMEDIATE takes
// the write lock up front so that a transaction never fails halfway on
// upgrading its lock.
func sqliteDSN(path string, busy time.Duration) string {
	// A "file:" URI, so that a '?' or '#' in the path is escaped rather than
	// taken for the start of the parameters.
	esc := strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23").Replace(filepath.ToSlash(path))
	return fmt.Sprintf("file:%s?_pragma=busy_timeout(%d)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate",
		esc, busy.Milliseconds())
}

func openSQLite(ctx context.Context, t target) (Store, error) {
	return openSQLiteDSN(ctx, t.path, t.dsn)
}

// openSQLiteDSN opens the database file at path through dsn; tests pass
// a dsn with a shorter busy timeout.
func openSQLiteDSN(ctx context.Context, path, dsn string) (Store, error) {
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("journal: sqlite database %s: directory %s does not exist; "+
			"create it, or set CALLBOT_DATABASE_URL to sqlite:PATH in a directory that exists", path, dir)
	} else if err != nil {
		return nil, fmt.Errorf("journal: sqlite database %s: %w", path, err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("journal: sqlite database %s: %s is not a directory; set CALLBOT_DATABASE_URL to another path", path, dir)
	}
	db, err := sql.Open(driverSQLite, dsn)
	if err != nil {
		return nil, fmt.Errorf("journal: sqlite database %s: %w", path, err)
	}
	// A few connections: readers beside the one writer WAL allows.
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("journal: open sqlite database %s: %w; check that this user may write it and its directory", path, err)
	}
	if err := migrate(ctx, db, sqliteDialect); err != nil {
		db.Close()
		return nil, fmt.Errorf("journal: sqlite database %s: %w", path, err)
	}
	return &sqlStore{db: db, d: sqliteDialect, writeMu: new(sync.Mutex)}, nil
}

// LockSQLite takes the write lock of the SQLite database at path from a
// connection of its own and holds it until release is called, so that
// every other writer fails with SQLITE_BUSY once its busy timeout is up:
// what a database that cannot be written looks like to the Writer. Readers
// are not blocked (WAL). It is for fault tests, here and in packages that
// use a journal; it waits up to 5s for a writer that holds the lock now.
// Calling release again does nothing.
func LockSQLite(ctx context.Context, path string) (release func() error, err error) {
	db, err := sql.Open(driverSQLite, sqliteDSN(filepath.Clean(path), 5*time.Second))
	if err != nil {
		return nil, fmt.Errorf("journal: lock %s: %w", path, err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("journal: lock %s: %w", path, err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		conn.Close()
		db.Close()
		return nil, fmt.Errorf("journal: lock %s: %w", path, err)
	}
	var once sync.Once
	return func() error {
		var err error // nil from a second call: the lock is released
		once.Do(func() {
			_, err = conn.ExecContext(context.Background(), "ROLLBACK")
			err = errors.Join(err, conn.Close(), db.Close())
		})
		return err
	}, nil
}
