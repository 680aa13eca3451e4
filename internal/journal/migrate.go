package journal

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
)

// migrations holds the schema, one directory per dialect, one goose file
// per version: 00001_init.sql, then 00002_… for each change. A released
// file is never edited; a change is a new file in both directories.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// versionTable is goose's table of applied versions, named for the journal
// so that it cannot collide with another goose user of a shared database.
const versionTable = "journal_schema_version"

// provider returns the goose provider of d's migrations on db.
func provider(db *sql.DB, d *dialect, opts ...goose.ProviderOption) (*goose.Provider, error) {
	fsys, err := fs.Sub(migrations, "migrations/"+d.name)
	if err != nil {
		return nil, err
	}
	opts = append(opts,
		goose.WithTableName(versionTable),
		goose.WithDisableGlobalRegistry(true), // only these files, not Go migrations other packages register
	)
	return goose.NewProvider(d.goose, db, fsys, opts...)
}

// migrate applies the migrations db lacks; none when all are applied.
// Provider.Close is not called: it would close db.
func migrate(ctx context.Context, db *sql.DB, d *dialect, opts ...goose.ProviderOption) error {
	p, err := provider(db, d, opts...)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("apply migrations: %w", err)
	}
	return nil
}

// version returns the schema version applied to s's database.
func (s *sqlStore) version(ctx context.Context) (int64, error) {
	p, err := provider(s.db, s.d)
	if err != nil {
		return 0, err
	}
	return p.GetDBVersion(ctx)
}
