package journal

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// WriterObserver is told what became of records, for metrics. kind is
// "question" or "vote". Dropped is called from the goroutine that offered
// the record when the queue is full, so an observer must be safe for
// concurrent use.
type WriterObserver interface {
	Written(kind string, n int)
	Dropped(kind string, n int)
}

// WriterOptions configures a Writer; the zero value is usable.
type WriterOptions struct {
	// Key is CALLBOT_RECORD_KEY. When set, Question.User and Vote.User are
	// replaced by hex(HMAC-SHA256(Key, user))[:32]. When nil or empty,
	// Question.User becomes "" (nothing about who asked is stored) and
	// Vote.User is hashed with a random key of this process, so that one
	// vote per member holds until a restart.
	Key           []byte
	QueueSize     int           // records waiting to be written; 0: 8192
	BatchSize     int           // records a write takes at most; 0: 512
	FlushInterval time.Duration // longest a record waits for a batch to fill; 0: 250ms
	// Retention is how long records are kept: older ones are deleted at
	// start and every hour. 0: 720h (30 days); negative: kept for ever.
	Retention time.Duration
	Log       *slog.Logger   // nil: discard
	Obs       WriterObserver // nil: count nothing
	Now       func() time.Time
}

// Defaults of WriterOptions, and the Writer's fixed timings.
const (
	defaultQueueSize     = 8192
	defaultBatchSize     = 512
	defaultFlushInterval = 250 * time.Millisecond
	defaultRetention     = 720 * time.Hour
	purgeEvery           = time.Hour
	warnEvery            = time.Minute
	// writeTimeout bounds one write, so that a database that hangs drops
	// batches rather than stalling the queue for ever.
	writeTimeout = 10 * time.Second
	retryDelay   = 50 * time.Millisecond
)

// checkHint is what a failed write's warning tells the operator to look at.
const checkHint = "the database CALLBOT_DATABASE_URL names: is it up and reachable, " +
	"is its disk full, may this user write it, does another process hold a lock on it (SQLite)?"

// Writer records questions and votes in a Store without ever delaying the
// caller: records go into a bounded queue that a goroutine of its own
// writes in batches. When the queue is full or the database fails, records
// are dropped and counted, and writing resumes by itself once the database
// is back.
type Writer struct {
	s        Store
	o        WriterOptions
	askerKey []byte // nil: who asked is not recorded
	voterKey []byte

	mu     sync.RWMutex // guards closed against the close of queue
	closed bool
	queue  chan record

	ctx    context.Context // the writes'; canceled when Close's context is done
	cancel context.CancelFunc
	once   sync.Once
	done   chan struct{} // closed when run returns

	queueFull atomic.Int64 // records dropped on a full queue since run last logged them

	// Only run uses these.
	lastWarn, lastFullWarn time.Time
	unwarned               int // records dropped on failed writes since the last warning
	failing                bool
	droppedFailing         int // records dropped since the writes began to fail
	droppedAtClose         int
	lastPurge              time.Time
}

// record is one queued Question or Vote.
type record struct {
	vote bool
	q    Question
	v    Vote
}

// NewWriter returns a Writer of s and starts its goroutine; Close stops
// it.
func NewWriter(s Store, o WriterOptions) *Writer {
	if o.QueueSize <= 0 {
		o.QueueSize = defaultQueueSize
	}
	if o.BatchSize <= 0 {
		o.BatchSize = defaultBatchSize
	}
	if o.FlushInterval <= 0 {
		o.FlushInterval = defaultFlushInterval
	}
	if o.Retention == 0 {
		o.Retention = defaultRetention
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Obs == nil {
		o.Obs = nopObserver{}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	w := &Writer{s: s, o: o, queue: make(chan record, o.QueueSize), done: make(chan struct{})}
	if len(o.Key) > 0 {
		w.askerKey, w.voterKey = o.Key, o.Key
	} else {
		w.voterKey = randomKey()
	}
	w.ctx, w.cancel = context.WithCancel(context.Background())
	go w.run()
	return w
}

// Question queues q to be written, its User hashed (see WriterOptions.Key),
// its Time set to now if zero and its ID to NewID() if empty. It never
// blocks: when the queue is full, q is dropped and counted.
func (w *Writer) Question(q Question) {
	if q.ID == "" {
		q.ID = NewID() // "" would be stored once, then skipped as known
	}
	if w.askerKey == nil {
		q.User = ""
	} else {
		q.User = hashUser(w.askerKey, q.User)
	}
	if q.Time.IsZero() {
		q.Time = w.o.Now()
	}
	q.Candidates = append([]Candidate(nil), q.Candidates...) // the caller may reuse its slice
	w.enqueue(record{q: q})
}

// Vote queues v to be written, its User hashed and its Time set to now if
// zero. It never blocks: when the queue is full, v is dropped and counted.
func (w *Writer) Vote(v Vote) {
	v.User = hashUser(w.voterKey, v.User)
	if v.Time.IsZero() {
		v.Time = w.o.Now()
	}
	w.enqueue(record{vote: true, v: v})
}

func (w *Writer) enqueue(r record) {
	if !w.offer(r) {
		w.o.Obs.Dropped(r.kind(), 1)
	}
}

// offer queues r unless the Writer is closed or its queue full.
func (w *Writer) offer(r record) bool {
	w.mu.RLock()
	defer w.mu.RUnlock()
	if w.closed {
		return false
	}
	select {
	case w.queue <- r:
		return true
	default:
		w.queueFull.Add(1)
		return false
	}
}

func (r record) kind() string {
	if r.vote {
		return "vote"
	}
	return "question"
}

// Close stops accepting records (later ones are dropped and counted),
// writes those queued until ctx is done and counts the rest as dropped. It
// returns ctx's error if ctx ended first. Calling it again waits for the
// first call's flush, under its own ctx.
func (w *Writer) Close(ctx context.Context) error {
	w.once.Do(func() {
		w.mu.Lock()
		w.closed = true
		close(w.queue)
		w.mu.Unlock()
		// The flush, and a write under way, end when ctx does.
		context.AfterFunc(ctx, w.cancel)
	})
	select {
	case <-w.done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("journal: close: records still queued are dropped: %w", context.Cause(ctx))
	}
}

// run writes the queue in batches until Close, then flushes it.
func (w *Writer) run() {
	defer close(w.done)
	defer w.cancel()
	w.purge()
	tick := time.NewTicker(w.o.FlushInterval)
	defer tick.Stop()
	var qs []Question
	var vs []Vote
	for {
		select {
		case r, ok := <-w.queue:
			if !ok {
				w.flush(qs, vs)
				if w.droppedAtClose > 0 {
					w.o.Log.Warn("journal: closing: time ran out before the queue was written; dropped the rest",
						"dropped", w.droppedAtClose)
				}
				return
			}
			if r.vote {
				vs = append(vs, r.v)
			} else {
				qs = append(qs, r.q)
			}
			if len(qs)+len(vs) >= w.o.BatchSize {
				w.flush(qs, vs)
				qs, vs = nil, nil
			}
		case <-tick.C:
			w.flush(qs, vs)
			qs, vs = nil, nil
			w.warnQueueFull()
			if w.o.Now().Sub(w.lastPurge) >= purgeEvery {
				w.purge()
			}
		}
	}
}

// flush writes qs and vs, questions first: a vote names its question.
func (w *Writer) flush(qs []Question, vs []Vote) {
	if len(qs) > 0 {
		w.write("question", len(qs), func(ctx context.Context) error { return w.s.WriteQuestions(ctx, qs) })
	}
	if len(vs) > 0 {
		w.write("vote", len(vs), func(ctx context.Context) error { return w.s.WriteVotes(ctx, vs) })
	}
}

// write runs one batch's write, retries it once after a failure, then
// gives up: the records are dropped and counted, and the next batch tries
// again from scratch, so there is no failed state to recover from.
func (w *Writer) write(kind string, n int, f func(context.Context) error) {
	err := w.attempt(f)
	if err != nil && w.ctx.Err() == nil {
		select {
		case <-time.After(retryDelay):
		case <-w.ctx.Done():
		}
		err = w.attempt(f)
	}
	if err != nil {
		w.o.Obs.Dropped(kind, n)
		if w.ctx.Err() != nil {
			w.droppedAtClose += n // Close's time ran out: not the database's fault
			return
		}
		w.failed(err, kind, n)
		return
	}
	w.o.Obs.Written(kind, n)
	if w.failing {
		w.failing = false
		w.o.Log.Info("journal: writing records again", "dropped_while_failing", w.droppedFailing)
		w.droppedFailing = 0
	}
}

func (w *Writer) attempt(f func(context.Context) error) error {
	if err := w.ctx.Err(); err != nil {
		return fmt.Errorf("journal: closed before the write: %w", err)
	}
	ctx, cancel := context.WithTimeout(w.ctx, writeTimeout)
	defer cancel()
	return f(ctx)
}

// failed notes n records of kind dropped on err, and warns about it at
// most once every warnEvery.
func (w *Writer) failed(err error, kind string, n int) {
	w.failing = true
	w.droppedFailing += n
	w.unwarned += n
	now := w.o.Now()
	if !w.lastWarn.IsZero() && now.Sub(w.lastWarn) < warnEvery {
		return
	}
	w.o.Log.Warn("journal: cannot write records; dropping them (answers are not affected)",
		"err", err, "kind", kind, "dropped_since_last_warning", w.unwarned, "check", checkHint)
	w.lastWarn, w.unwarned = now, 0
}

// warnQueueFull warns, at most once every warnEvery, about records dropped
// because the queue was full.
func (w *Writer) warnQueueFull() {
	if w.queueFull.Load() == 0 {
		return
	}
	now := w.o.Now()
	if !w.lastFullWarn.IsZero() && now.Sub(w.lastFullWarn) < warnEvery {
		return
	}
	w.o.Log.Warn("journal: queue full; dropping records (answers are not affected)",
		"dropped", w.queueFull.Swap(0), "queue_size", w.o.QueueSize,
		"check", "the database is slower than the questions come: "+checkHint)
	w.lastFullWarn = now
}

// purge deletes the records older than the retention period.
func (w *Writer) purge() {
	w.lastPurge = w.o.Now()
	if w.o.Retention < 0 {
		return
	}
	ctx, cancel := context.WithTimeout(w.ctx, time.Minute)
	defer cancel()
	cut := w.lastPurge.Add(-w.o.Retention)
	n, err := w.s.DeleteBefore(ctx, cut)
	if err != nil {
		w.o.Log.Warn("journal: cannot delete old records; will try again in an hour", "err", err, "before", cut, "check", checkHint)
		return
	}
	if n > 0 {
		w.o.Log.Info("journal: deleted old records", "rows", n, "before", cut, "retention", w.o.Retention)
	}
}

type nopObserver struct{}

func (nopObserver) Written(string, int) {}
func (nopObserver) Dropped(string, int) {}
