package journal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeStore records what it is given. Writes fail with fail when set, and
// wait for unblock (or their context) when it is set.
type fakeStore struct {
	mu      sync.Mutex
	qs      []Question
	vs      []Vote
	batches []int // sizes of the WriteQuestions and WriteVotes calls that succeeded, in order
	calls   int   // write calls, failed ones included
	deletes []time.Time
	fail    error
	unblock chan struct{}
	entered chan struct{} // gets a value as each write starts, if set
}

func (s *fakeStore) write(ctx context.Context, n int, keep func()) error {
	s.mu.Lock()
	s.calls++
	fail, unblock, entered := s.fail, s.unblock, s.entered
	s.mu.Unlock()
	if entered != nil {
		entered <- struct{}{}
	}
	if unblock != nil {
		select {
		case <-unblock:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if fail != nil {
		return fail
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	keep()
	s.batches = append(s.batches, n)
	return nil
}

func (s *fakeStore) WriteQuestions(ctx context.Context, qs []Question) error {
	return s.write(ctx, len(qs), func() { s.qs = append(s.qs, qs...) })
}

func (s *fakeStore) WriteVotes(ctx context.Context, vs []Vote) error {
	return s.write(ctx, len(vs), func() { s.vs = append(s.vs, vs...) })
}

func (s *fakeStore) Questions(context.Context, Filter) ([]Question, error) { return nil, nil }
func (s *fakeStore) Votes(context.Context, Filter) ([]Vote, error)         { return nil, nil }
func (s *fakeStore) Ping(context.Context) error                            { return nil }
func (s *fakeStore) Close() error                                          { return nil }

func (s *fakeStore) DeleteBefore(_ context.Context, t time.Time) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deletes = append(s.deletes, t)
	return 0, nil
}

// set changes the store under its lock.
func (s *fakeStore) set(f func(s *fakeStore)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s)
}

// get reads the store under its lock.
func get[T any](s *fakeStore, f func(s *fakeStore) T) T {
	s.mu.Lock()
	defer s.mu.Unlock()
	return f(s)
}

// counter is a WriterObserver that counts.
type counter struct {
	mu               sync.Mutex
	written, dropped map[string]int
}

func newCounter() *counter {
	return &counter{written: map[string]int{}, dropped: map[string]int{}}
}

func (c *counter) Written(kind string, n int) { c.mu.Lock(); c.written[kind] += n; c.mu.Unlock() }
func (c *counter) Dropped(kind string, n int) { c.mu.Lock(); c.dropped[kind] += n; c.mu.Unlock() }

// counts returns the questions and votes written and dropped.
func (c *counter) counts() (written, dropped [2]int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return [2]int{c.written["question"], c.written["vote"]}, [2]int{c.dropped["question"], c.dropped["vote"]}
}

// clock is a time.Now the test moves.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// logBuffer is a slog destination safe for concurrent use.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// count returns how many lines logged contain s.
func (l *logBuffer) count(s string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Count(l.b.String(), s)
}

func (l *logBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func (l *logBuffer) logger() *slog.Logger { return slog.New(slog.NewTextHandler(l, nil)) }

// waitFor polls cond until it holds, failing the test after 10s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// closeWriter closes w, failing the test if that takes more than 10s.
func closeWriter(t *testing.T, w *Writer) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	if err := w.Close(ctx); err != nil {
		t.Fatalf("Close: %v", err)
	}
}

func TestWriterBatches(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		batch         int
		interval      time.Duration
		questions     int
		votes         int
		before, after []int // the batches written before Close, and after
	}{
		{"by size", 10, time.Hour, 25, 0, []int{10, 10}, []int{10, 10, 5}},
		{"by size, mixed", 10, time.Hour, 6, 4, []int{6, 4}, []int{6, 4}},
		{"by interval", 512, 5 * time.Millisecond, 3, 2, []int{3, 2}, []int{3, 2}},
		{"at close", 512, time.Hour, 7, 1, nil, []int{7, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := &fakeStore{}
			obs := newCounter()
			w := NewWriter(s, WriterOptions{BatchSize: tt.batch, FlushInterval: tt.interval, Obs: obs})
			for i := range tt.questions {
				w.Question(Question{ID: fmt.Sprint("q", i), Time: t0})
			}
			for i := range tt.votes {
				w.Vote(Vote{QuestionID: fmt.Sprint("q", i), User: "u", Time: t0})
			}
			want := 0
			for _, n := range tt.before {
				want += n
			}
			waitFor(t, fmt.Sprintf("%d records written", want), func() bool {
				written, _ := obs.counts()
				return written[0]+written[1] == want
			})
			if got := get(s, func(s *fakeStore) []int { return s.batches }); !reflect.DeepEqual(got, tt.before) {
				t.Errorf("batches before Close: got %v, want %v", got, tt.before)
			}
			closeWriter(t, w)
			if got := get(s, func(s *fakeStore) []int { return s.batches }); !reflect.DeepEqual(got, tt.after) {
				t.Errorf("batches after Close: got %v, want %v", got, tt.after)
			}
			written, dropped := obs.counts()
			if written != [2]int{tt.questions, tt.votes} || dropped != [2]int{} {
				t.Errorf("got written %v, dropped %v; want written %v, none dropped", written, dropped, [2]int{tt.questions, tt.votes})
			}
			// The order of the records is kept.
			for i, q := range get(s, func(s *fakeStore) []Question { return s.qs }) {
				if want := fmt.Sprint("q", i); q.ID != want {
					t.Fatalf("question %d written: got ID %s, want %s", i, q.ID, want)
				}
			}
		})
	}
}

func TestWriterQueueFull(t *testing.T) {
	t.Parallel()
	const queue, extra = 4, 10
	s := &fakeStore{unblock: make(chan struct{}), entered: make(chan struct{}, 1)}
	obs := newCounter()
	var log logBuffer
	w := NewWriter(s, WriterOptions{QueueSize: queue, BatchSize: 1, FlushInterval: time.Millisecond, Obs: obs, Log: log.logger()})
	w.Question(Question{ID: "first"})
	<-s.entered // the writer holds "first" and waits on the store
	s.set(func(s *fakeStore) { s.entered = nil })
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range queue + extra {
			w.Question(Question{ID: fmt.Sprint("q", i)}) // the first 4 fill the queue
		}
		w.Vote(Vote{QuestionID: "q0", User: "u"})
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Question blocked on a full queue")
	}
	if _, dropped := obs.counts(); dropped != [2]int{extra, 1} {
		t.Errorf("dropped on a full queue: got %v, want %v", dropped, [2]int{extra, 1})
	}
	close(s.unblock)
	waitFor(t, "the queue-full warning", func() bool { return log.count("queue full") > 0 })
	closeWriter(t, w)
	written, dropped := obs.counts()
	if written != [2]int{1 + queue, 0} || dropped != [2]int{extra, 1} {
		t.Errorf("got written %v, dropped %v; want written %v, dropped %v", written, dropped, [2]int{1 + queue, 0}, [2]int{extra, 1})
	}
	if got := log.count("dropped=11"); got != 1 {
		t.Errorf("warnings counting 11 dropped: got %d, want 1 in\n%s", got, log.String())
	}
}

func TestWriterHashesUsers(t *testing.T) {
	t.Parallel()
	const member = "123456789012345678"
	key := []byte("record key")
	keyed := hashUser(key, member)
	tests := []struct {
		name      string
		key       []byte
		wantAsker string // "" or the hash; "*" for any 32 hex digits
	}{
		{"with a key", key, keyed},
		{"without a key", nil, ""},
		{"with an empty key", []byte{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var voters []string
			for range 2 { // two processes
				s := &fakeStore{}
				w := NewWriter(s, WriterOptions{Key: tt.key})
				w.Question(Question{ID: "q1", User: member})
				w.Vote(Vote{QuestionID: "q1", User: member})
				w.Vote(Vote{QuestionID: "q2", User: member})
				w.Vote(Vote{QuestionID: "q2", User: "other"})
				closeWriter(t, w)
				qs := get(s, func(s *fakeStore) []Question { return s.qs })
				vs := get(s, func(s *fakeStore) []Vote { return s.vs })
				if len(qs) != 1 || len(vs) != 3 {
					t.Fatalf("got %d questions and %d votes, want 1 and 3", len(qs), len(vs))
				}
				if qs[0].User != tt.wantAsker {
					t.Errorf("Question.User: got %q, want %q", qs[0].User, tt.wantAsker)
				}
				if vs[0].User != vs[1].User || vs[0].User == vs[2].User || len(vs[0].User) != userHashLen || vs[0].User == member {
					t.Errorf("Vote.User: got %q, %q, %q; want one %d-digit hash per member", vs[0].User, vs[1].User, vs[2].User, userHashLen)
				}
				voters = append(voters, vs[0].User)
			}
			// With a key the hash is stable; without, it lasts one process.
			if same := voters[0] == voters[1]; same != (len(tt.key) > 0) {
				t.Errorf("a member's vote hash in two processes: got %q and %q, want them equal: %t", voters[0], voters[1], len(tt.key) > 0)
			}
			if len(tt.key) > 0 && voters[0] != keyed {
				t.Errorf("Vote.User with a key: got %q, want %q", voters[0], keyed)
			}
		})
	}
}

func TestWriterRetriesOnce(t *testing.T) {
	t.Parallel()
	s := &fakeStore{fail: errors.New("disk I/O error")}
	obs := newCounter()
	w := NewWriter(s, WriterOptions{BatchSize: 3, FlushInterval: time.Hour, Obs: obs})
	for i := range 3 {
		w.Question(Question{ID: fmt.Sprint("q", i)})
	}
	waitFor(t, "the batch dropped", func() bool { _, d := obs.counts(); return d[0] == 3 })
	if got := get(s, func(s *fakeStore) int { return s.calls }); got != 2 {
		t.Errorf("write calls for one failing batch: got %d, want 2 (one retry)", got)
	}
	// No failed state: the next batch is written once the store works.
	s.set(func(s *fakeStore) { s.fail = nil })
	for i := range 3 {
		w.Question(Question{ID: fmt.Sprint("r", i)})
	}
	closeWriter(t, w)
	written, dropped := obs.counts()
	if written != [2]int{3, 0} || dropped != [2]int{3, 0} {
		t.Errorf("got written %v, dropped %v; want 3 questions of each", written, dropped)
	}
	if got := get(s, func(s *fakeStore) int { return s.calls }); got != 3 {
		t.Errorf("write calls: got %d, want 3", got)
	}
}

func TestWriterClose(t *testing.T) {
	t.Parallel()
	t.Run("flushes the queue", func(t *testing.T) {
		t.Parallel()
		s := &fakeStore{}
		obs := newCounter()
		w := NewWriter(s, WriterOptions{FlushInterval: time.Hour, Obs: obs})
		for i := range 1000 {
			w.Question(Question{ID: fmt.Sprint("q", i)})
		}
		closeWriter(t, w)
		if written, _ := obs.counts(); written[0] != 1000 {
			t.Errorf("written by Close: got %d, want 1000", written[0])
		}
		closeWriter(t, w) // idempotent
		w.Question(Question{ID: "late"})
		if written, dropped := obs.counts(); written[0] != 1000 || dropped[0] != 1 {
			t.Errorf("a question after Close: got written %d, dropped %d; want 1000, 1", written[0], dropped[0])
		}
	})
	t.Run("within its context", func(t *testing.T) {
		t.Parallel()
		s := &fakeStore{unblock: make(chan struct{})} // never written
		obs := newCounter()
		var log logBuffer
		w := NewWriter(s, WriterOptions{BatchSize: 10, FlushInterval: time.Hour, Obs: obs, Log: log.logger()})
		for i := range 25 {
			w.Question(Question{ID: fmt.Sprint("q", i)})
		}
		const bound = 100 * time.Millisecond
		ctx, cancel := context.WithTimeout(t.Context(), bound)
		defer cancel()
		start := time.Now()
		err := w.Close(ctx)
		if took := time.Since(start); took > bound+2*time.Second {
			t.Errorf("Close with a %v context took %v", bound, took)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Close: got %v, want context.DeadlineExceeded", err)
		}
		<-w.done // the rest is counted after Close returns
		if written, dropped := obs.counts(); written[0] != 0 || dropped[0] != 25 {
			t.Errorf("got written %d, dropped %d; want 0, 25", written[0], dropped[0])
		}
		if got := get(s, func(s *fakeStore) int { return s.calls }); got != 1 {
			t.Errorf("write calls: got %d, want 1 (the one under way; no retry once closing)", got)
		}
		if log.count("cannot write") != 0 || log.count("time ran out") != 1 {
			t.Errorf("log: want one warning that time ran out and none that the database failed, got\n%s", log.String())
		}
		if err := w.Close(t.Context()); err != nil {
			t.Errorf("Close again: %v", err)
		}
	})
}

func TestWriterRetention(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		retention time.Duration
		want      []time.Time // the cut-offs DeleteBefore is called with
	}{
		{"default", 0, []time.Time{start.Add(-720 * time.Hour), start.Add(time.Hour - 720*time.Hour)}},
		{"a week", 7 * 24 * time.Hour, []time.Time{start.Add(-7 * 24 * time.Hour), start.Add(time.Hour - 7*24*time.Hour)}},
		{"for ever", -1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := &fakeStore{}
			clk := &clock{t: start}
			w := NewWriter(s, WriterOptions{Retention: tt.retention, FlushInterval: time.Millisecond, Now: clk.Now})
			deletes := func() int { return len(get(s, func(s *fakeStore) []time.Time { return s.deletes })) }
			if len(tt.want) > 0 {
				waitFor(t, "the purge at start", func() bool { return deletes() == 1 })
			}
			clk.Advance(59 * time.Minute)
			time.Sleep(20 * time.Millisecond) // ticks, none an hour after the purge
			if got, want := deletes(), min(len(tt.want), 1); got != want {
				t.Errorf("purges before an hour: got %d, want %d", got, want)
			}
			clk.Advance(time.Minute)
			if len(tt.want) > 1 {
				waitFor(t, "the purge an hour later", func() bool { return deletes() == 2 })
			}
			closeWriter(t, w)
			if got := get(s, func(s *fakeStore) []time.Time { return s.deletes }); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("DeleteBefore cut-offs: got %v, want %v", got, tt.want)
			}
		})
	}
}
