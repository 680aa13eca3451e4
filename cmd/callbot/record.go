package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/callbot/callbot/internal/curator"
	"github.com/callbot/callbot/internal/journal"
	"github.com/callbot/callbot/internal/metrics"
	"github.com/callbot/callbot/knowledge"
	"github.com/callbot/callbot/qa"
)

// flushTimeout bounds how long shutdown waits for queued records: within
// Kubernetes' default 30 s grace period, after the replies in flight.
const flushTimeout = 5 * time.Second

// questionRecord is the record of questions and votes that run and serve
// keep: the writer the bot records through and the curator /kb gaps reads.
type questionRecord struct {
	store   journal.Store
	writer  *journal.Writer
	curator *curator.Curator
}

// openRecord opens the question record, or returns nil with
// CALLBOT_RECORD=off. A database that cannot be reached yet does not stop
// start-up: the store connects in the background, and records are dropped
// and counted until it does.
func openRecord(ctx context.Context, c config, log *slog.Logger, m *metrics.Metrics, set *knowledge.Set, eng *qa.Engine) *questionRecord {
	if !c.Record {
		log.Info("question record off (CALLBOT_RECORD=off)")
		return nil
	}
	store := journal.Dial(ctx, c.DatabaseURL, log)
	var key []byte
	if c.RecordKey != "" {
		key = []byte(c.RecordKey)
	}
	w := journal.NewWriter(store, journal.WriterOptions{Key: key, Retention: c.Retention, Log: log, Obs: m})
	log.Info("question record on", "database", redact("CALLBOT_DATABASE_URL", c.DatabaseURL),
		"retention", c.Retention, "user_ids", key != nil)
	return &questionRecord{store: store, writer: w, curator: curator.New(store, eng, set, eng.Threshold())}
}

// close flushes queued records within flushTimeout and closes the store.
func (r *questionRecord) close(log *slog.Logger) {
	if r == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), flushTimeout)
	defer cancel()
	if err := r.writer.Close(ctx); err != nil {
		log.Warn("question record: not every queued record was written before shutdown", "err", err)
	}
	if err := r.store.Close(); err != nil {
		log.Warn("question record: closing the database", "err", err)
	}
}
