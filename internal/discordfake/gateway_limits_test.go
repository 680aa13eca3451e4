package discordfake

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

type sessionStartLimit struct {
	Total          int   `json:"total"`
	Remaining      int   `json:"remaining"`
	ResetAfter     int64 `json:"reset_after"`
	MaxConcurrency int   `json:"max_concurrency"`
}

// gatewayBot asks the fake's GET /gateway/bot.
func gatewayBot(t *testing.T, fake *Server) sessionStartLimit {
	t.Helper()
	resp, err := http.Get(fake.URL() + "/api/v10/gateway/bot")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		URL   string            `json:"url"`
		Limit sessionStartLimit `json:"session_start_limit"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if body.URL != fake.GatewayURL() {
		t.Errorf("got url %q, want %q", body.URL, fake.GatewayURL())
	}
	return body.Limit
}

func TestGatewayBotSessionStartLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts []Option
		want sessionStartLimit
	}{
		{"defaults", nil, sessionStartLimit{1000, 999, 14400000, 1}},
		{"max concurrency", []Option{WithMaxConcurrency(16, 0)}, sessionStartLimit{1000, 999, 14400000, 16}},
		{"session start limit", []Option{WithSessionStartLimit(1000, 3, time.Hour)}, sessionStartLimit{1000, 3, 3600000, 1}},
		{"both", []Option{WithSessionStartLimit(2000, 0, 0), WithMaxConcurrency(4, time.Second)}, sessionStartLimit{2000, 0, 86400000, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := gatewayBot(t, New(t, tt.opts...))
			// reset_after counts down from New: allow a second.
			if got.ResetAfter <= tt.want.ResetAfter && got.ResetAfter > tt.want.ResetAfter-1000 {
				got.ResetAfter = tt.want.ResetAfter
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestMaxConcurrency(t *testing.T) {
	t.Parallel()
	const window = 300 * time.Millisecond
	tests := []struct {
		name   string
		opts   []Option
		shards [][2]int
		want   []int // op answering each Identify: 0 READY, 9 Invalid Session
	}{
		{"not enforced", nil, [][2]int{{0, 1}, {0, 1}}, []int{0, 0}},
		{"one bucket", []Option{WithMaxConcurrency(1, window)}, [][2]int{{0, 2}, {1, 2}}, []int{0, 9}},
		{"same shard again", []Option{WithMaxConcurrency(1, window)}, [][2]int{{0, 1}, {0, 1}}, []int{0, 9}},
		{"two buckets", []Option{WithMaxConcurrency(2, window)}, [][2]int{{0, 4}, {1, 4}, {2, 4}, {3, 4}}, []int{0, 0, 9, 9}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := New(t, tt.opts...)
			type retry struct {
				c     *wsClient
				shard [2]int
			}
			var refused []retry
			for i, shard := range tt.shards {
				c := dialGW(t, fake.GatewayURL())
				m := c.identify(shard)
				if m.Op != tt.want[i] {
					t.Fatalf("identify %d (shard %v): got op %d, want %d", i, shard, m.Op, tt.want[i])
				}
				if m.Op == opInvalidSession {
					wantInvalidSession(t, m, false)
					refused = append(refused, retry{c, shard})
				}
				if ok := fake.Identifies()[i].OK; ok != (m.Op == opDispatch) {
					t.Errorf("identify %d: got OK %v, want %v", i, ok, m.Op == opDispatch)
				}
			}
			if got := fake.Stats().IdentifiesTooFast; got != len(refused) {
				t.Errorf("got IdentifiesTooFast %d, want %d", got, len(refused))
			}
			if len(refused) == 0 {
				return
			}
			// Once the window has passed for every bucket, the refused
			// identify again on the same connection and are let in.
			ids := fake.Identifies()
			time.Sleep(time.Until(ids[len(ids)-1].Time.Add(window)))
			for _, r := range refused {
				readyOf(t, r.c.identify(r.shard))
			}
			if got := fake.Stats().IdentifiesTooFast; got != len(refused) {
				t.Errorf("got IdentifiesTooFast %d after the window, want still %d", got, len(refused))
			}
		})
	}
}

func TestSessionStartLimit(t *testing.T) {
	t.Parallel()
	// Everything up to the refused Identify must happen within reset.
	const reset = 800 * time.Millisecond
	fake := New(t, WithSessionStartLimit(5, 2, reset))
	if got := gatewayBot(t, fake); got.Total != 5 || got.Remaining != 2 || got.ResetAfter <= 0 || got.ResetAfter > reset.Milliseconds() {
		t.Fatalf("got %+v, want total 5, remaining 2, reset_after in (0, %d]", got, reset.Milliseconds())
	}
	a := dialGW(t, fake.GatewayURL())
	id, resumeURL := readyOf(t, a.identify([2]int{0, 1}))
	b := dialGW(t, fake.GatewayURL())
	readyOf(t, b.identify([2]int{0, 1}))
	if got := gatewayBot(t, fake).Remaining; got != 0 {
		t.Errorf("got remaining %d after 2 identifies, want 0", got)
	}
	// A Resume starts no session: it takes nothing and is not refused.
	a.heartbeat(1)
	a.closeWith(4000)
	waitEnded(t, fake, 1)
	if m := dialGW(t, resumeURL).resume(id, 1); m.T != "RESUMED" {
		t.Errorf("resume with no session starts left: got op %d %q, want RESUMED", m.Op, m.T)
	}

	c := dialGW(t, fake.GatewayURL())
	wantInvalidSession(t, c.identify([2]int{0, 1}), false)
	if st := fake.Stats(); st.IdentifiesOverLimit != 1 || st.IdentifiesTooFast != 0 {
		t.Errorf("got stats %+v, want 1 identify over the limit", st)
	}
	left := gatewayBot(t, fake)
	time.Sleep(time.Duration(left.ResetAfter)*time.Millisecond + 20*time.Millisecond)
	if got := gatewayBot(t, fake); got.Remaining != 5 || got.ResetAfter <= 0 || got.ResetAfter > reset.Milliseconds() {
		t.Errorf("after reset_after: got %+v, want remaining 5 and the next reset within %v", got, reset)
	}
	readyOf(t, c.identify([2]int{0, 1}))
	if got := gatewayBot(t, fake).Remaining; got != 4 {
		t.Errorf("got remaining %d, want 4", got)
	}
	if st := fake.Stats(); st.IdentifiesOverLimit != 1 || st.Identifies != 4 {
		t.Errorf("got stats %+v, want 4 identifies, 1 over the limit", st)
	}
}

func TestPayloadLimit(t *testing.T) {
	t.Parallel()
	const window = 400 * time.Millisecond
	limit := []Option{WithPayloadLimit(5, window)}
	tests := []struct {
		name      string
		opts      []Option
		op        int   // what the client sends after Identify: 3 presence update or 1 heartbeat
		bursts    []int // payloads per burst, Identify included in the first; a window apart
		wantClose bool
	}{
		{"not enforced", nil, 3, []int{200}, false},
		{"at the limit", limit, 3, []int{5}, false},
		{"one over", limit, 3, []int{6}, true},
		{"heartbeats count", limit, opHeartbeat, []int{6}, true},
		{"paced", limit, 3, []int{5, 5}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := New(t, tt.opts...)
			c := dialGW(t, fake.GatewayURL())
			id, resumeURL := readyOf(t, c.identify([2]int{0, 1}))
			sent := 0
			for i, n := range tt.bursts {
				if i == 0 {
					n-- // the Identify
				} else {
					// Every payload sent so far must be counted before
					// the window starts.
					if err := fake.WaitUntil(testContext(t), func() bool { return len(fake.frames)+fake.heartbeats >= sent }); err != nil {
						t.Fatal(err)
					}
					time.Sleep(window + 50*time.Millisecond)
				}
				for range n {
					if tt.op == opHeartbeat {
						c.send(opHeartbeat, 1)
					} else {
						c.send(tt.op, map[string]any{"since": nil, "activities": []any{}, "status": "online", "afk": false})
					}
					sent++
				}
			}
			if tt.wantClose {
				if code := c.closeCode(); code != 4008 {
					t.Fatalf("got close code %d, want 4008", code)
				}
				if st := fake.Stats(); st.PayloadLimitCloses != 1 || len(fake.ClientFrames())+st.Heartbeats != sent-1 {
					t.Errorf("got stats %+v and %d frames, want 1 close and the last payload dropped", st, len(fake.ClientFrames()))
				}
				waitEnded(t, fake, 1)
				// 4008 leaves the session resumable.
				if m := dialGW(t, resumeURL).resume(id, 1); m.T != "RESUMED" {
					t.Errorf("resume after 4008: got op %d %q, want RESUMED", m.Op, m.T)
				}
				return
			}
			if err := fake.WaitUntil(testContext(t), func() bool { return len(fake.frames)+fake.heartbeats >= sent }); err != nil {
				t.Fatal(err)
			}
			if err := fake.Dispatch("TYPING_START", map[string]any{"channel_id": DefaultChannelID}); err != nil {
				t.Fatal(err)
			}
			if m := c.readSkippingAcks(); m.T != "TYPING_START" {
				t.Errorf("got op %d %q, want the connection alive and TYPING_START", m.Op, m.T)
			}
			if got := fake.Stats().PayloadLimitCloses; got != 0 {
				t.Errorf("got %d payload limit closes, want 0", got)
			}
		})
	}
}

func TestWithholdAcks(t *testing.T) {
	t.Parallel()
	fake := New(t)
	c := dialGW(t, fake.GatewayURL())
	id, resumeURL := readyOf(t, c.identify([2]int{0, 1}))
	fake.WithholdAcks(2)
	for range 3 {
		c.send(opHeartbeat, 1)
	}
	// Each heartbeat's ACK is on the wire before the heartbeat is counted,
	// so a dispatch after the third comes after every ACK sent.
	if err := fake.WaitForHeartbeats(testContext(t), 3); err != nil {
		t.Fatal(err)
	}
	if err := fake.Dispatch("TYPING_START", map[string]any{"channel_id": DefaultChannelID}); err != nil {
		t.Fatal(err)
	}
	acks := 0
	for m := c.read(); m.T != "TYPING_START"; m = c.read() {
		if m.Op == opHeartbeatACK {
			acks++
		}
	}
	if acks != 1 {
		t.Errorf("got %d ACKs for 3 heartbeats, want 1 (2 withheld)", acks)
	}
	if st := fake.Stats(); st.AcksWithheld != 2 || st.Heartbeats != 3 {
		t.Errorf("got stats %+v, want 3 heartbeats, 2 ACKs withheld", st)
	}
	c.heartbeat(2) // acknowledged again
	// The client takes the connection for a zombie and resumes.
	c.closeWith(4000)
	waitEnded(t, fake, 1)
	if m := dialGW(t, resumeURL).resume(id, 2); m.T != "RESUMED" {
		t.Errorf("resume after a zombie connection: got op %d %q, want RESUMED", m.Op, m.T)
	}
}
