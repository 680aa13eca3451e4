package journal

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// Backoff between attempts to reach a database that was down at start.
const (
	dialFirstTimeout = 5 * time.Second
	dialMinBackoff   = time.Second
	dialMaxBackoff   = time.Minute
)

// Dial returns a Store for url at once, for a bot that must answer whether
// or not its database is up. It tries to open the database once, for at
// most a few seconds; if that fails it logs why and keeps trying in the
// background, backing off up to a minute, while every call fails with an
// error saying the database is not reachable yet (a Writer drops and counts
// those records). url must have passed ParseURL.
func Dial(ctx context.Context, url string, log *slog.Logger) Store {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(ctx)
	d := &dialed{cancel: cancel, done: make(chan struct{})}
	first, firstCancel := context.WithTimeout(ctx, dialFirstTimeout)
	s, err := Open(first, url)
	firstCancel()
	if err == nil {
		d.store = s
		close(d.done)
		return d
	}
	d.err = err
	log.Warn("question record: the database cannot be reached; answering goes on, records are dropped until it can, retrying in the background",
		"err", err, "setting", "CALLBOT_DATABASE_URL")
	go d.retry(ctx, url, log)
	return d
}

// dialed is a Store whose database may not be open yet.
type dialed struct {
	cancel context.CancelFunc
	done   chan struct{} // closed when retry has ended

	mu    sync.Mutex
	store Store // nil until opened
	err   error // the last error opening it
}

func (d *dialed) retry(ctx context.Context, url string, log *slog.Logger) {
	defer close(d.done)
	wait := dialMinBackoff
	lastLog := time.Now()
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		s, err := Open(ctx, url)
		if err == nil {
			d.mu.Lock()
			d.store, d.err = s, nil
			d.mu.Unlock()
			log.Info("question record: the database is reachable now; recording resumes")
			return
		}
		d.mu.Lock()
		d.err = err
		d.mu.Unlock()
		if time.Since(lastLog) >= time.Minute {
			log.Warn("question record: the database still cannot be reached", "err", err, "setting", "CALLBOT_DATABASE_URL")
			lastLog = time.Now()
		}
		wait = min(2*wait, dialMaxBackoff)
	}
}

// open returns the open store, or why there is none.
func (d *dialed) open() (Store, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.store != nil {
		return d.store, nil
	}
	return nil, fmt.Errorf("the question record's database is not reachable yet: %w", d.err)
}

func (d *dialed) WriteQuestions(ctx context.Context, qs []Question) error {
	s, err := d.open()
	if err != nil {
		return err
	}
	return s.WriteQuestions(ctx, qs)
}

func (d *dialed) WriteVotes(ctx context.Context, vs []Vote) error {
	s, err := d.open()
	if err != nil {
		return err
	}
	return s.WriteVotes(ctx, vs)
}

func (d *dialed) Questions(ctx context.Context, f Filter) ([]Question, error) {
	s, err := d.open()
	if err != nil {
		return nil, err
	}
	return s.Questions(ctx, f)
}

func (d *dialed) Votes(ctx context.Context, f Filter) ([]Vote, error) {
	s, err := d.open()
	if err != nil {
		return nil, err
	}
	return s.Votes(ctx, f)
}

func (d *dialed) DeleteBefore(ctx context.Context, t time.Time) (int64, error) {
	s, err := d.open()
	if err != nil {
		return 0, err
	}
	return s.DeleteBefore(ctx, t)
}

func (d *dialed) Ping(ctx context.Context) error {
	s, err := d.open()
	if err != nil {
		return err
	}
	return s.Ping(ctx)
}

// Close stops the retries and closes the database if it was opened.
func (d *dialed) Close() error {
	d.cancel()
	<-d.done
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.store == nil {
		return nil
	}
	err := d.store.Close()
	d.store = nil
	d.err = errors.New("closed")
	return err
}
