package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// The gateway session, by Discord's rules (Gateway: Connections, Resuming,
// Rate Limiting, Session Start Limit). discordgo's session breaks several
// of them from outside reach: it identifies again at once on op 9, reads
// no session_start_limit, notices a zombie connection after five missed
// ACKs and then closes it with 1000 (which invalidates the session),
// resumes on the first URL instead of resume_gateway_url, identifies after
// an op 9 that allows a resume, and sends its first heartbeat at once. So
// the runner owns the websocket session here; discordgo keeps the types
// the events are decoded into, and REST.

// Discord's timings.
const (
	// identifySpacing is the least time between two Identifies of one
	// bucket (shard_id % max_concurrency): one per 5 s.
	identifySpacing = 5 * time.Second
	// invalidWaitMin and invalidWaitMax bound the random wait after an
	// Invalid Session (op 9), as Discord asks.
	invalidWaitMin, invalidWaitMax = time.Second, 5 * time.Second
	// helloTimeout bounds the wait for Hello after dialling.
	helloTimeout = 20 * time.Second
	// maxRedial caps the backoff between failed connections.
	maxRedial = time.Minute
	// closeZombie and closeReconnect close a connection without ending
	// the session (any code but 1000 and 1001 leaves it resumable).
	closeZombie    = 4000
	closeReconnect = 4001
)

// gatewayInfo is what GET /gateway/bot says.
type gatewayInfo struct {
	url        string
	remaining  int           // identifies left before resetAfter
	resetAfter time.Duration // until the session start limit resets
}

// gatewaySession keeps one shard connected and hands every dispatch to
// onEvent. Not safe for concurrent Run calls.
type gatewaySession struct {
	token   string
	intents discordgo.Intent
	shard   [2]int
	log     *slog.Logger
	// info asks GET /gateway/bot (or /gateway) where to connect.
	info func(ctx context.Context) (gatewayInfo, error)
	// onEvent gets each dispatch, in order; READY and RESUMED too.
	onEvent func(t string, d json.RawMessage)
	// onUp is called when Identify or Resume is accepted, onDown when a
	// connection ends.
	onUp   func(resumed bool)
	onDown func()
	// sleep waits d or until ctx is done, for tests; nil means a timer.
	sleep func(ctx context.Context, d time.Duration) error

	gatewayURL string
	sessionID  string
	resumeURL  string
	seq        atomic.Int64 // the last dispatch's sequence number
	identified time.Time    // the last Identify sent
}

// connEnd says why one connection ended.
type connEnd struct {
	err       error // the close or network error, nil when ctx ended
	up        bool  // Identify or Resume was accepted on it
	invalid   bool  // an op 9 ended it
	resumable bool  // with op 9: d was true
}

// Run connects and reconnects until ctx is done (it returns nil) or a
// close only a person can fix (fatalError).
func (g *gatewaySession) Run(ctx context.Context) error {
	redial := time.Second
	for ctx.Err() == nil {
		resume := g.sessionID != ""
		if !resume || g.gatewayURL == "" {
			if err := g.prepare(ctx, resume); err != nil {
				if ctx.Err() != nil {
					return nil
				}
				if fatal := fatalError(err); fatal != nil {
					return fatal
				}
				g.log.WarnContext(ctx, "gateway: asking where to connect failed; retrying", "err", withoutURL(err), "in", redial)
				g.wait(ctx, redial)
				redial = min(2*redial, maxRedial)
				continue
			}
		}
		url := g.gatewayURL
		if resume && g.resumeURL != "" {
			url = g.resumeURL
		}
		end := g.connect(ctx, url, resume)
		g.onDown()
		if ctx.Err() != nil {
			return nil
		}
		if end.up {
			redial = time.Second
		}
		var ce *websocket.CloseError
		switch {
		case end.invalid:
			if !end.resumable {
				g.sessionID = ""
				g.seq.Store(0)
			}
			w := invalidWaitMin + rand.N(invalidWaitMax-invalidWaitMin)
			g.log.InfoContext(ctx, "gateway: invalid session", "resumable", end.resumable, "retry_in", w)
			g.wait(ctx, w)
			continue
		case errors.As(end.err, &ce):
			if fatal := fatalError(end.err); fatal != nil {
				return fatal
			}
			if ce.Code == 4007 || ce.Code == 4009 {
				// Invalid seq or session timed out: a Resume would fail.
				g.sessionID = ""
				g.seq.Store(0)
			}
		}
		if !end.up {
			g.log.WarnContext(ctx, "gateway: connection failed; retrying", "err", withoutURL(end.err), "in", redial)
			g.wait(ctx, redial)
			redial = min(2*redial, maxRedial)
		} else {
			g.log.WarnContext(ctx, "gateway: disconnected; resuming", "err", withoutURL(end.err), "resumable", g.sessionID != "")
		}
	}
	return nil
}

// prepare asks where to connect and, for an Identify, waits for its turn:
// after the session start limit resets when none is left, and at least
// identifySpacing after this shard's last Identify.
func (g *gatewaySession) prepare(ctx context.Context, resume bool) error {
	in, err := g.info(ctx)
	if err != nil {
		return err
	}
	g.gatewayURL = in.url
	if resume {
		return nil
	}
	if in.remaining <= 0 && in.resetAfter > 0 {
		g.log.WarnContext(ctx, "gateway: no session starts left today; waiting for Discord's reset rather than risk the token",
			"reset_after", in.resetAfter)
		// Discord's own time, not one of ours: never compressed.
		if err := sleepCtx(ctx, in.resetAfter); err != nil {
			return err
		}
	}
	if !g.identified.IsZero() {
		if d := identifySpacing - time.Since(g.identified); d > 0 {
			return g.wait(ctx, d)
		}
	}
	return nil
}

func (g *gatewaySession) wait(ctx context.Context, d time.Duration) error {
	if g.sleep != nil {
		return g.sleep(ctx, d)
	}
	return sleepCtx(ctx, d)
}

// sleepCtx waits d or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// payload is a gateway message.
type payload struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
	S  int64           `json:"s,omitempty"`
	T  string          `json:"t,omitempty"`
}

// conn is one websocket connection; writes are serialised.
type conn struct {
	ws *websocket.Conn
	mu sync.Mutex
}

func (c *conn) send(op int, d any) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ws.SetWriteDeadline(time.Now().Add(10 * time.Second))
	return c.ws.WriteJSON(map[string]any{"op": op, "d": d})
}

// close ends the connection with code; 1000 ends the session too.
func (c *conn) close(code int, reason string) {
	c.mu.Lock()
	c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), time.Now().Add(time.Second))
	c.mu.Unlock()
	c.ws.Close()
}

// connect runs one connection until it ends.
func (g *gatewaySession) connect(ctx context.Context, url string, resume bool) connEnd {
	dctx, cancel := context.WithTimeout(ctx, helloTimeout)
	ws, _, err := websocket.DefaultDialer.DialContext(dctx, strings.TrimSuffix(url, "/")+"/?v="+discordgo.APIVersion+"&encoding=json", nil)
	cancel()
	if err != nil {
		return connEnd{err: fmt.Errorf("dial the gateway: %w", err)}
	}
	c := &conn{ws: ws}
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			// Stopping: 1000 ends the session, as a shutdown should.
			c.close(websocket.CloseNormalClosure, "shutting down")
		case <-done:
		}
	}()

	ws.SetReadDeadline(time.Now().Add(helloTimeout))
	var hello struct {
		Op int `json:"op"`
		D  struct {
			Interval int64 `json:"heartbeat_interval"`
		} `json:"d"`
	}
	if err := ws.ReadJSON(&hello); err != nil || hello.Op != 10 || hello.D.Interval <= 0 {
		c.ws.Close()
		if err == nil {
			err = fmt.Errorf("gateway sent op %d before Hello", hello.Op)
		}
		return connEnd{err: err}
	}
	interval := time.Duration(hello.D.Interval) * time.Millisecond
	ws.SetReadDeadline(time.Time{})

	var hb heartbeat
	go hb.run(ctx, c, interval, &g.seq, done, g.log)

	if resume {
		err = c.send(6, map[string]any{"token": "Bot " + g.token, "session_id": g.sessionID, "seq": g.seq.Load()})
	} else {
		g.identified = time.Now()
		err = c.send(2, map[string]any{
			"token":   "Bot " + g.token,
			"intents": g.intents,
			"shard":   g.shard,
			"properties": map[string]string{
				"os": runtime.GOOS, "browser": "callbot", "device": "callbot",
			},
		})
	}
	if err != nil {
		c.ws.Close()
		return connEnd{err: err}
	}

	end := connEnd{}
	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			if ctx.Err() != nil {
				end.err = nil
			} else if hb.zombie.Load() {
				end.err = errors.New("no heartbeat ACK: the connection is a zombie")
			} else {
				end.err = err
			}
			return end
		}
		var p payload
		if err := json.Unmarshal(msg, &p); err != nil {
			g.log.WarnContext(ctx, "gateway: undecodable payload", "err", err)
			continue
		}
		switch p.Op {
		case 0:
			if p.S > 0 {
				g.seq.Store(p.S)
			}
			switch p.T {
			case "READY":
				var r struct {
					SessionID string `json:"session_id"`
					ResumeURL string `json:"resume_gateway_url"`
				}
				json.Unmarshal(p.D, &r)
				g.sessionID, g.resumeURL = r.SessionID, r.ResumeURL
				end.up = true
				g.onUp(false)
			case "RESUMED":
				end.up = true
				g.onUp(true)
			}
			g.onEvent(p.T, p.D)
		case 1:
			hb.beat(c, &g.seq)
		case 7:
			c.close(closeReconnect, "reconnect requested")
			end.err = errors.New("reconnect requested by Discord (op 7)")
			return end
		case 9:
			var resumable bool
			json.Unmarshal(p.D, &resumable)
			c.close(closeReconnect, "invalid session")
			end.invalid, end.resumable = true, resumable && g.sessionID != ""
			return end
		case 11:
			hb.acked.Store(true)
		}
	}
}

// heartbeat keeps a connection's heartbeats: the first after interval ×
// a random jitter, then every interval. A beat whose predecessor was not
// acknowledged finds a zombie connection: it is closed with a code that
// keeps the session, so the runner resumes at once.
type heartbeat struct {
	acked  atomic.Bool
	zombie atomic.Bool
}

func (h *heartbeat) beat(c *conn, seq *atomic.Int64) {
	var d any
	if s := seq.Load(); s > 0 {
		d = s
	}
	c.send(1, d)
}

func (h *heartbeat) run(ctx context.Context, c *conn, interval time.Duration, seq *atomic.Int64, done <-chan struct{}, log *slog.Logger) {
	h.acked.Store(true)
	wait := time.Duration(rand.Float64() * float64(interval))
	for {
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-done:
			t.Stop()
			return
		case <-t.C:
		}
		if !h.acked.Load() {
			log.WarnContext(ctx, "gateway: no heartbeat ACK; reconnecting to resume")
			h.zombie.Store(true)
			c.close(closeZombie, "no heartbeat ack")
			return
		}
		h.acked.Store(false)
		h.beat(c, seq)
		wait = interval
	}
}
