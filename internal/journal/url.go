package journal

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/jackc/pgx/v5"
)

// Driver names ParseURL returns: those database/sql knows the drivers by.
const (
	driverSQLite   = "sqlite"
	driverPostgres = "pgx"
)

// expected is what every URL error ends with, so that whoever set the
// variable sees both accepted forms without looking anything up.
const expected = "set CALLBOT_DATABASE_URL to sqlite:PATH (e.g. sqlite:callbot.db or sqlite:/var/lib/callbot/callbot.db) " +
	"or postgres://USER:PASSWORD@HOST:PORT/DB (e.g. postgres://callbot:PASSWORD@localhost:5432/callbot)"

// target is a parsed database URL.
type target struct {
	driver string
	dsn    string // what sql.Open takes
	path   string // SQLite only: the database file
}

// ParseURL checks url without opening anything and returns the
// database/sql driver name ("sqlite" or "pgx") and the data source name to
// open. url is "sqlite:PATH", PATH relative to the working directory or
// absolute ("sqlite:///abs/path" is accepted too), or a PostgreSQL URL,
// "postgres://…" or "postgresql://…".
func ParseURL(url string) (driver, dsn string, err error) {
	t, err := parseURL(url)
	if err != nil {
		return "", "", err
	}
	return t.driver, t.dsn, nil
}

func parseURL(url string) (target, error) {
	url = strings.TrimSpace(url) // a value read from a file often ends in a newline
	scheme, rest, ok := strings.Cut(url, ":")
	switch {
	case url == "":
		return target{}, errors.New("journal: the database URL is empty; " + expected)
	case !ok:
		return target{}, fmt.Errorf("journal: database URL %q has no scheme; %s", url, expected)
	}
	switch strings.ToLower(scheme) {
	case "sqlite", "sqlite3":
		return parseSQLite(rest)
	case "postgres", "postgresql":
		// pgx's own parser is the one that will connect, so it decides what
		// is well formed; its errors hide the password.
		if _, err := pgx.ParseConfig(url); err != nil {
			return target{}, fmt.Errorf("journal: malformed PostgreSQL URL: %w; %s", err, expected)
		}
		return target{driver: driverPostgres, dsn: url}, nil
	}
	return target{}, fmt.Errorf("journal: database URL scheme %q is not supported; %s", scheme, expected)
}

func parseSQLite(path string) (target, error) {
	// "sqlite:///abs" is the URL spelling of an absolute path and
	// "sqlite://rel" a common slip for a relative one.
	path = strings.TrimPrefix(path, "//")
	switch path {
	case "":
		return target{}, errors.New("journal: sqlite: URL has no file path; " + expected)
	case ":memory:":
		return target{}, errors.New("journal: sqlite::memory: is not supported: the records would vanish at exit " +
			"and each connection would see its own database; " + expected)
	}
	path = filepath.Clean(path)
	return target{driver: driverSQLite, dsn: sqliteDSN(path, sqliteBusyTimeout), path: path}, nil
}
