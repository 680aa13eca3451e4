package discordfake

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// wsClient is a bare gateway client on gorilla/websocket: it sends only
// what a test tells it to, so the tests see the fake's side of Discord's
// rules without a library's habits in between.
type wsClient struct {
	t  *testing.T
	ws *websocket.Conn
}

// gwMsg is a gateway message from the fake.
type gwMsg struct {
	Op int             `json:"op"`
	S  int64           `json:"s"`
	T  string          `json:"t"`
	D  json.RawMessage `json:"d"`
}

// dialGW connects to a gateway URL the way a client given it by Discord
// does (URL + "/?v=10&encoding=json") and reads Hello.
func dialGW(t *testing.T, url string) *wsClient {
	t.Helper()
	ws, _, err := websocket.DefaultDialer.Dial(strings.TrimSuffix(url, "/")+"/?v=10&encoding=json", nil)
	if err != nil {
		t.Fatalf("dial %s: %v", url, err)
	}
	t.Cleanup(func() { ws.Close() })
	c := &wsClient{t: t, ws: ws}
	if m := c.read(); m.Op != opHello {
		t.Fatalf("got op %d first, want Hello", m.Op)
	}
	return c
}

func (c *wsClient) send(op int, d any) {
	c.t.Helper()
	c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	if err := c.ws.WriteJSON(map[string]any{"op": op, "d": d}); err != nil {
		c.t.Fatalf("send op %d: %v", op, err)
	}
}

// next reads the next message; err is the close or network error.
func (c *wsClient) next() (gwMsg, error) {
	c.ws.SetReadDeadline(time.Now().Add(5 * time.Second))
	var m gwMsg
	_, b, err := c.ws.ReadMessage()
	if err != nil {
		return m, err
	}
	return m, json.Unmarshal(b, &m)
}

func (c *wsClient) read() gwMsg {
	c.t.Helper()
	m, err := c.next()
	if err != nil {
		c.t.Fatalf("read: %v", err)
	}
	return m
}

// readSkippingAcks reads the next message that is not a Heartbeat ACK.
func (c *wsClient) readSkippingAcks() gwMsg {
	c.t.Helper()
	for {
		if m := c.read(); m.Op != opHeartbeatACK {
			return m
		}
	}
}

// identify sends an Identify for shard and returns the answer: READY or
// Invalid Session.
func (c *wsClient) identify(shard [2]int) gwMsg {
	c.t.Helper()
	c.send(opIdentify, map[string]any{
		"token": "Bot fake-token", "intents": 513, "shard": shard,
		"properties": map[string]string{"os": "linux", "browser": "test", "device": "test"},
	})
	return c.readSkippingAcks()
}

// resume sends a Resume and returns the first answer.
func (c *wsClient) resume(sessionID string, seq int64) gwMsg {
	c.t.Helper()
	c.send(opResume, map[string]any{"token": "Bot fake-token", "session_id": sessionID, "seq": seq})
	return c.readSkippingAcks()
}

// heartbeat sends a heartbeat and reads its ACK.
func (c *wsClient) heartbeat(seq any) {
	c.t.Helper()
	c.send(opHeartbeat, seq)
	if m := c.read(); m.Op != opHeartbeatACK {
		c.t.Fatalf("got op %d after a heartbeat, want its ACK", m.Op)
	}
}

// closeWith sends a close frame (without a code for 1005) and closes the
// TCP connection.
func (c *wsClient) closeWith(code int) {
	c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, ""), time.Now().Add(time.Second))
	c.ws.Close()
}

// closeCode reads until the connection ends and returns the close code
// the fake sent, 0 for none.
func (c *wsClient) closeCode() int {
	for {
		if _, err := c.next(); err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) && ce.Code != websocket.CloseAbnormalClosure {
				return ce.Code
			}
			return 0
		}
	}
}

// readyOf decodes READY.
func readyOf(t *testing.T, m gwMsg) (sessionID, resumeURL string) {
	t.Helper()
	if m.Op != opDispatch || m.T != "READY" {
		t.Fatalf("got op %d %q, want READY", m.Op, m.T)
	}
	var r struct {
		SessionID string `json:"session_id"`
		ResumeURL string `json:"resume_gateway_url"`
	}
	if err := json.Unmarshal(m.D, &r); err != nil {
		t.Fatal(err)
	}
	return r.SessionID, r.ResumeURL
}

// wantInvalidSession fails unless m is Invalid Session with d resumable.
func wantInvalidSession(t *testing.T, m gwMsg, resumable bool) {
	t.Helper()
	if m.Op != opInvalidSession || string(m.D) != map[bool]string{true: "true", false: "false"}[resumable] {
		t.Fatalf("got op %d d=%s, want Invalid Session d=%v", m.Op, m.D, resumable)
	}
}

// waitEnded waits until n connections have ended.
func waitEnded(t *testing.T, fake *Server, n int) {
	t.Helper()
	err := fake.WaitUntil(testContext(t), func() bool {
		ended := 0
		for _, c := range fake.connLog {
			if !c.Ended.IsZero() {
				ended++
			}
		}
		return ended >= n
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestResumeGatewayURL(t *testing.T) {
	t.Parallel()
	fake := New(t)
	c := dialGW(t, fake.GatewayURL())
	id, resumeURL := readyOf(t, c.identify([2]int{0, 1}))
	if resumeURL != fake.ResumeGatewayURL() || resumeURL == fake.GatewayURL() || !strings.HasPrefix(resumeURL, fake.GatewayURL()) {
		t.Fatalf("got resume_gateway_url %q, want ResumeGatewayURL %q, distinct from %q", resumeURL, fake.ResumeGatewayURL(), fake.GatewayURL())
	}
	c.heartbeat(1)
	c.closeWith(4000)
	waitEnded(t, fake, 1)
	if err := fake.Dispatch("MESSAGE_CREATE", MessageCreate(MessageParams{Content: "missed"})); err != nil {
		t.Fatal(err)
	}

	r := dialGW(t, resumeURL)
	if m := r.resume(id, 1); m.T != "MESSAGE_CREATE" || m.S != 2 || !strings.Contains(string(m.D), "missed") {
		t.Fatalf("got op %d %q s=%d, want the missed MESSAGE_CREATE replayed with s=2", m.Op, m.T, m.S)
	}
	if m := r.read(); m.T != "RESUMED" || m.S != 3 {
		t.Fatalf("got op %d %q s=%d, want RESUMED s=3", m.Op, m.T, m.S)
	}

	conns := fake.Connections()
	if len(conns) != 2 {
		t.Fatalf("got %d connections, want 2", len(conns))
	}
	first, second := conns[0], conns[1]
	if first.Path != "/" || first.FirstOp != opIdentify || first.CloseCode != 4000 || first.Ended.IsZero() {
		t.Errorf("got first connection %+v, want an ended Identify on / closed with 4000", first)
	}
	if second.Path != "/resume" || second.FirstOp != opResume || second.CloseCode != 0 || !second.Ended.IsZero() {
		t.Errorf("got second connection %+v, want an open Resume on /resume", second)
	}
	if first.Time.IsZero() || !second.Time.After(first.Time) {
		t.Errorf("got Hello times %v, %v, want increasing", first.Time, second.Time)
	}
}

// TestConnectionEnd: what each way of ending a connection records as
// CloseCode and leaves of the session (Discord: a client's 1000 or 1001,
// the server's 4007 and 4009, and op 9 d=false end it; op 9 d=true and
// other closes keep it resumable).
func TestConnectionEnd(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		end       func(c *wsClient, fake *Server)
		wantCode  int
		resumable bool
	}{
		{"client 4000", func(c *wsClient, _ *Server) { c.closeWith(4000) }, 4000, true},
		{"client 1000", func(c *wsClient, _ *Server) { c.closeWith(1000) }, 1000, false},
		{"client 1001", func(c *wsClient, _ *Server) { c.closeWith(1001) }, 1001, false},
		{"client close frame without code", func(c *wsClient, _ *Server) { c.closeWith(websocket.CloseNoStatusReceived) }, 1005, true},
		{"client TCP drop", func(c *wsClient, _ *Server) { c.ws.NetConn().Close() }, 0, true},
		{"server drop", func(_ *wsClient, fake *Server) { fake.DropConnection() }, 0, true},
		{"server 4000", func(_ *wsClient, fake *Server) { fake.CloseWith(4000, "Unknown error.") }, 0, true},
		{"server 4008", func(_ *wsClient, fake *Server) { fake.CloseWith(4008, "Rate limited.") }, 0, true},
		{"server 4007", func(_ *wsClient, fake *Server) { fake.CloseWith(4007, "Invalid seq.") }, 0, false},
		{"server 4009", func(_ *wsClient, fake *Server) { fake.CloseWith(4009, "Session timed out.") }, 0, false},
		{"invalid session d=true", func(c *wsClient, fake *Server) {
			fake.SendInvalidSession(true)
			wantInvalidSession(c.t, c.readSkippingAcks(), true)
			c.closeWith(4001)
		}, 4001, true},
		{"invalid session d=false", func(c *wsClient, fake *Server) {
			fake.SendInvalidSession(false)
			wantInvalidSession(c.t, c.readSkippingAcks(), false)
			c.closeWith(4001)
		}, 4001, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := New(t)
			c := dialGW(t, fake.GatewayURL())
			id, resumeURL := readyOf(t, c.identify([2]int{0, 1}))
			c.heartbeat(1) // CloseWith and the others wait for the first heartbeat
			tt.end(c, fake)
			waitEnded(t, fake, 1)
			if got := fake.Connections()[0].CloseCode; got != tt.wantCode {
				t.Errorf("got CloseCode %d, want %d", got, tt.wantCode)
			}

			err := fake.Dispatch("MESSAGE_CREATE", MessageCreate(MessageParams{Content: "missed"}))
			if tt.resumable != (err == nil) {
				t.Errorf("dispatch while away: got %v, want a session: %v", err, tt.resumable)
			}
			r := dialGW(t, resumeURL)
			m := r.resume(id, 1)
			if !tt.resumable {
				wantInvalidSession(t, m, false)
			} else if m.T != "MESSAGE_CREATE" || m.S != 2 {
				t.Errorf("got op %d %q s=%d, want the missed MESSAGE_CREATE replayed", m.Op, m.T, m.S)
			} else if m := r.read(); m.T != "RESUMED" {
				t.Errorf("got op %d %q, want RESUMED", m.Op, m.T)
			}
			if rs := fake.Resumes(); len(rs) != 1 || rs[0].OK != tt.resumable {
				t.Errorf("got resumes %+v, want one with OK %v", rs, tt.resumable)
			}
		})
	}
}

func TestHeartbeatsAfterHello(t *testing.T) {
	t.Parallel()
	fake := New(t)
	// A client that waits, then heartbeats before it identifies.
	late := dialGW(t, fake.GatewayURL())
	time.Sleep(100 * time.Millisecond)
	late.heartbeat(nil)
	readyOf(t, late.identify([2]int{0, 1}))
	late.heartbeat(1)
	// One that identifies and heartbeats at once.
	eager := dialGW(t, fake.GatewayURL())
	readyOf(t, eager.identify([2]int{0, 1}))
	eager.heartbeat(1)
	// One that never heartbeats.
	dialGW(t, fake.GatewayURL())

	conns := fake.Connections()
	if len(conns) != 3 {
		t.Fatalf("got %d connections, want 3", len(conns))
	}
	l, e := conns[0], conns[1]
	if len(l.Heartbeats) != 2 || l.Heartbeats[0] < 100*time.Millisecond || l.FirstOpAfterHello <= l.Heartbeats[0] || l.Heartbeats[1] < l.FirstOpAfterHello {
		t.Errorf("late client: got heartbeats %v and Identify at %v, want 2 heartbeats, the first ≥100ms and before Identify", l.Heartbeats, l.FirstOpAfterHello)
	}
	if len(e.Heartbeats) != 1 || e.Heartbeats[0] < e.FirstOpAfterHello || e.FirstOp != opIdentify {
		t.Errorf("eager client: got heartbeats %v and op %d at %v, want 1 heartbeat after Identify", e.Heartbeats, e.FirstOp, e.FirstOpAfterHello)
	}
	if c := conns[2]; len(c.Heartbeats) != 0 || c.FirstOp != 0 || c.FirstOpAfterHello != 0 {
		t.Errorf("silent client: got %+v, want no heartbeat and no first op", c)
	}
	got := fake.HeartbeatsAfterHello()
	if len(got) != 2 || got[0] != l.Heartbeats[0] || got[1] != e.Heartbeats[0] {
		t.Errorf("got HeartbeatsAfterHello %v, want the first heartbeat of each of the 2 connections that sent one", got)
	}
}
