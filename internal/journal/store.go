package journal

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pressly/goose/v3"
)

// Store persists records; safe for concurrent use.
//
// Stored text is bounded (question text 4000 bytes, comment 1000
// characters, other fields 200 bytes, at most 10 candidates), valid UTF-8
// and free of NUL bytes; non-finite numbers are stored as 0;
// times are kept to the microsecond and read back in UTC. A Question whose
// User is "" is stored with no user at all (NULL).
type Store interface {
	// WriteQuestions stores qs in one transaction. A question whose ID is
	// already stored is skipped, so writing a batch twice is harmless.
	WriteQuestions(ctx context.Context, qs []Question) error
	// WriteVotes stores vs in one transaction, one row per (QuestionID,
	// User): a later vote, in vs or in an earlier call, replaces the
	// verdict, reason, comment and time of the stored one.
	WriteVotes(ctx context.Context, vs []Vote) error
	// Questions returns the questions f selects, oldest first.
	Questions(ctx context.Context, f Filter) ([]Question, error)
	// Votes returns the votes f selects, oldest first.
	Votes(ctx context.Context, f Filter) ([]Vote, error)
	// DeleteBefore deletes the questions and votes older than t and
	// returns how many rows it deleted.
	DeleteBefore(ctx context.Context, t time.Time) (int64, error)
	Ping(ctx context.Context) error
	Close() error
}

// Open parses url (see ParseURL), opens the database, applies the schema
// migrations it lacks (none when they are all applied) and returns the
// Store.
func Open(ctx context.Context, url string) (Store, error) {
	t, err := parseURL(url)
	if err != nil {
		return nil, err
	}
	if t.driver == driverSQLite {
		return openSQLite(ctx, t)
	}
	return openPostgres(ctx, t)
}

// dialect is what differs between the SQL the two databases take.
type dialect struct {
	name     string        // the migrations directory: "sqlite" or "postgres"
	goose    goose.Dialect // the dialect of goose's version table
	numbered bool          // placeholders are $1, $2… rather than ?
	// timeArg is how a time is passed as a query argument.
	timeArg func(time.Time) any
}

// sqlStore is the Store of both databases: the SQL is the same but for
// placeholders and the type of times.
type sqlStore struct {
	db *sql.DB
	d  *dialect
	// writeMu, for SQLite, lets one write transaction run at a time: the
	// others wait on the mutex rather than poll SQLite's busy handler,
	// whose timeout is then left for other processes.
	writeMu *sync.Mutex
}

// Columns, in the order rows are written and scanned.
const (
	questionCols = "id, time, guild_id, channel_id, user_hash, text, lang, kind, transport, " +
		"entry_id, refusal, confidence, candidates, picked_from"
	voteCols = "question_id, user_hash, entry_id, guild_id, time, verdict, reason, comment"
)

// rowsPerInsert bounds one INSERT's rows: 14 columns × 256 rows stays far
// below either database's limit on arguments.
const rowsPerInsert = 256

func (s *sqlStore) WriteQuestions(ctx context.Context, qs []Question) error {
	if len(qs) == 0 {
		return nil
	}
	rows := make([][]any, len(qs))
	for i, q := range qs {
		q = cleanQuestion(q)
		cands, err := json.Marshal(q.Candidates)
		if err != nil {
			return fmt.Errorf("journal: encode candidates of question %s: %w", q.ID, err)
		}
		var user any // NULL: who asked is not recorded
		if q.User != "" {
			user = q.User
		}
		rows[i] = []any{q.ID, s.d.timeArg(q.Time), q.GuildID, q.ChannelID, user, q.Text, q.Lang,
			q.Kind, q.Transport, q.EntryID, q.Refusal, q.Confidence, string(cands), q.PickedFrom}
	}
	err := s.insert(ctx, "INSERT INTO questions ("+questionCols+") VALUES ", rows, 1, " ON CONFLICT (id) DO NOTHING")
	if err != nil {
		return fmt.Errorf("journal: write %d questions: %w", len(qs), err)
	}
	return nil
}

func (s *sqlStore) WriteVotes(ctx context.Context, vs []Vote) error {
	if len(vs) == 0 {
		return nil
	}
	// One INSERT may not update a row twice (PostgreSQL refuses), so a
	// member's later vote in the batch takes the place of the earlier one.
	rows := make([][]any, 0, len(vs))
	at := make(map[[2]string]int, len(vs))
	for _, v := range vs {
		v = cleanVote(v)
		row := []any{v.QuestionID, v.User, v.EntryID, v.GuildID, s.d.timeArg(v.Time), v.Verdict, v.Reason, v.Comment}
		k := [2]string{v.QuestionID, v.User}
		if i, ok := at[k]; ok {
			rows[i] = row
			continue
		}
		at[k] = len(rows)
		rows = append(rows, row)
	}
	err := s.insert(ctx, "INSERT INTO votes ("+voteCols+") VALUES ", rows, 2,
		" ON CONFLICT (question_id, user_hash) DO UPDATE SET time = excluded.time, "+
			"verdict = excluded.verdict, reason = excluded.reason, comment = excluded.comment")
	if err != nil {
		return fmt.Errorf("journal: write %d votes: %w", len(vs), err)
	}
	return nil
}

// insert runs head, rows as VALUES lists, then tail, in one transaction,
// rowsPerInsert rows a statement. It sorts rows on their first keyCols
// columns, the key: concurrent transactions that lock rows in one order
// wait for each other rather than deadlock (PostgreSQL).
func (s *sqlStore) insert(ctx context.Context, head string, rows [][]any, keyCols int, tail string) error {
	slices.SortFunc(rows, func(a, b []any) int {
		for i := range keyCols {
			if c := cmp.Compare(a[i].(string), b[i].(string)); c != 0 {
				return c
			}
		}
		return 0
	})
	if s.writeMu != nil {
		s.writeMu.Lock()
		defer s.writeMu.Unlock()
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() // a no-op once committed
	for len(rows) > 0 {
		chunk := rows[:min(len(rows), rowsPerInsert)]
		rows = rows[len(chunk):]
		var b strings.Builder
		args := make([]any, 0, len(chunk)*len(chunk[0]))
		b.WriteString(head)
		for i, row := range chunk {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('(')
			for j, v := range row {
				if j > 0 {
					b.WriteByte(',')
				}
				args = append(args, v)
				b.WriteString(s.placeholder(len(args)))
			}
			b.WriteByte(')')
		}
		b.WriteString(tail)
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// placeholder returns the query placeholder of the n-th argument, from 1.
func (s *sqlStore) placeholder(n int) string {
	if s.d.numbered {
		return "$" + strconv.Itoa(n)
	}
	return "?"
}

// where returns the WHERE clause f selects, "" for all, and its arguments.
func (s *sqlStore) where(f Filter) (string, []any) {
	var conds []string
	var args []any
	if !f.Since.IsZero() {
		args = append(args, s.d.timeArg(f.Since))
		conds = append(conds, "time >= "+s.placeholder(len(args)))
	}
	if f.GuildID != "" {
		args = append(args, f.GuildID)
		conds = append(conds, "guild_id = "+s.placeholder(len(args)))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

func (s *sqlStore) Questions(ctx context.Context, f Filter) ([]Question, error) {
	where, args := s.where(f)
	rows, err := s.db.QueryContext(ctx, "SELECT "+questionCols+" FROM questions"+where+" ORDER BY time, id", args...)
	if err != nil {
		return nil, fmt.Errorf("journal: read questions: %w", err)
	}
	defer rows.Close()
	var qs []Question
	for rows.Next() {
		var q Question
		var user sql.NullString
		var cands string
		err := rows.Scan(&q.ID, timeDest{&q.Time}, &q.GuildID, &q.ChannelID, &user, &q.Text, &q.Lang,
			&q.Kind, &q.Transport, &q.EntryID, &q.Refusal, &q.Confidence, &cands, &q.PickedFrom)
		if err != nil {
			return nil, fmt.Errorf("journal: read questions: %w", err)
		}
		q.User = user.String
		if err := json.Unmarshal([]byte(cands), &q.Candidates); err != nil {
			return nil, fmt.Errorf("journal: read question %s: candidates %q: %w", q.ID, cands, err)
		}
		if len(q.Candidates) == 0 {
			q.Candidates = nil // "[]" reads back as the nil it was written from
		}
		qs = append(qs, q)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("journal: read questions: %w", err)
	}
	return qs, nil
}

func (s *sqlStore) Votes(ctx context.Context, f Filter) ([]Vote, error) {
	where, args := s.where(f)
	rows, err := s.db.QueryContext(ctx, "SELECT "+voteCols+" FROM votes"+where+" ORDER BY time, question_id, user_hash", args...)
	if err != nil {
		return nil, fmt.Errorf("journal: read votes: %w", err)
	}
	defer rows.Close()
	var vs []Vote
	for rows.Next() {
		var v Vote
		err := rows.Scan(&v.QuestionID, &v.User, &v.EntryID, &v.GuildID, timeDest{&v.Time}, &v.Verdict, &v.Reason, &v.Comment)
		if err != nil {
			return nil, fmt.Errorf("journal: read votes: %w", err)
		}
		vs = append(vs, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("journal: read votes: %w", err)
	}
	return vs, nil
}

func (s *sqlStore) DeleteBefore(ctx context.Context, t time.Time) (int64, error) {
	if s.writeMu != nil {
		s.writeMu.Lock()
		defer s.writeMu.Unlock()
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("journal: delete records before %s: %w", t.UTC().Format(time.RFC3339), err)
	}
	defer tx.Rollback()
	var n int64
	for _, table := range []string{"votes", "questions"} {
		res, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE time < "+s.placeholder(1), s.d.timeArg(t))
		if err != nil {
			return 0, fmt.Errorf("journal: delete %s before %s: %w", table, t.UTC().Format(time.RFC3339), err)
		}
		m, err := res.RowsAffected()
		if err != nil {
			return 0, fmt.Errorf("journal: delete %s: %w", table, err)
		}
		n += m
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("journal: delete records before %s: %w", t.UTC().Format(time.RFC3339), err)
	}
	return n, nil
}

func (s *sqlStore) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("journal: ping %s: %w", s.d.name, err)
	}
	return nil
}

func (s *sqlStore) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("journal: close %s: %w", s.d.name, err)
	}
	return nil
}

// timeDest scans a time column: unix microseconds from SQLite, a
// time.Time from PostgreSQL; either way into UTC.
type timeDest struct{ t *time.Time }

func (d timeDest) Scan(src any) error {
	switch v := src.(type) {
	case int64:
		*d.t = time.UnixMicro(v).UTC()
	case time.Time:
		*d.t = v.UTC()
	default:
		return fmt.Errorf("journal: time column holds %T, want an integer or a timestamp", src)
	}
	return nil
}
