package discordfake

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Gateway opcodes.
const (
	opDispatch       = 0
	opHeartbeat      = 1
	opIdentify       = 2
	opResume         = 6
	opReconnect      = 7
	opInvalidSession = 9
	opHello          = 10
	opHeartbeatACK   = 11
)

// Close codes after which Discord does not allow a resume: the fatal ones
// (4004, 4010-4014), and 4007 (Invalid seq) and 4009 (Session timed out),
// after which Discord asks for a new session.
var unresumableCloseCodes = map[int]bool{
	4004: true, 4007: true, 4009: true, 4010: true, 4011: true, 4012: true, 4013: true, 4014: true,
}

const privilegedIntents = discordgo.IntentGuildMembers | discordgo.IntentGuildPresences | discordgo.IntentMessageContent

const writeTimeout = 5 * time.Second

// Identify is an Identify (op 2) the fake received.
type Identify struct {
	Token   string
	Intents discordgo.Intent
	// Shard is [shard_id, num_shards]; [0, 1] when the client sent none.
	Shard [2]int
	// Raw is the whole "d" object.
	Raw  json.RawMessage
	Time time.Time
	// OK is true when the Identify started a session (READY was sent);
	// false when it was closed (4002, 4004, 4010, 4014) or refused with
	// Invalid Session (see WithMaxConcurrency, WithSessionStartLimit).
	OK bool
}

// Resume is a Resume (op 6) the fake received.
type Resume struct {
	SessionID string
	Seq       int64
	// OK is false when the session could not be resumed and the fake
	// answered with Invalid Session (op 9).
	OK   bool
	Time time.Time
}

// Frame is a gateway message the client sent other than Heartbeat,
// Identify and Resume (e.g. a presence update, op 3).
type Frame struct {
	Op   int
	Data json.RawMessage
	Time time.Time
}

// session is a gateway session: what Identify creates and Resume reattaches.
type session struct {
	id      string
	shard   [2]int
	seq     int64
	history []sentDispatch // for replay on resume
	conn    *gwConn        // nil while disconnected
	invalid bool
}

type sentDispatch struct {
	seq int64
	raw []byte
}

// gwConn is one websocket connection. Its session is guarded by Server.mu;
// writes are serialised by wmu.
type gwConn struct {
	ws         *websocket.Conn
	wmu        sync.Mutex
	sess       *session
	ready      bool // READY or RESUMED sent on this connection
	heartbeats int
	rec        *Connection // this connection's entry in Server.connLog

	serverClosed atomic.Bool // closeWith ran: the close is the fake's
	sent         []time.Time // payload times within the payload limit window; read loop only
}

func (c *gwConn) writeRaw(b []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.ws.SetWriteDeadline(time.Now().Add(writeTimeout))
	return c.ws.WriteMessage(websocket.TextMessage, b)
}

func (c *gwConn) writeOp(op int, d any) error {
	b, err := json.Marshal(map[string]any{"op": op, "d": d, "s": nil, "t": nil})
	if err != nil {
		return err
	}
	return c.writeRaw(b)
}

// closeWith sends a close frame and closes the TCP connection, as Discord
// does: it does not wait for the client's close frame.
func (c *gwConn) closeWith(code int, reason string) {
	c.serverClosed.Store(true)
	c.wmu.Lock()
	c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), time.Now().Add(time.Second))
	c.wmu.Unlock()
	c.ws.NetConn().Close()
}

func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := s.up.Upgrade(w, r, nil)
	if err != nil {
		return // the upgrader has answered
	}
	c := &gwConn{ws: ws}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		ws.Close()
		return
	}
	s.wg.Add(1) // under mu and before closed: never races Close's Wait
	s.conns[c] = struct{}{}
	s.dials++
	c.rec = s.logConnLocked(r.URL.Path) // its Time is Hello's, sent next
	s.notifyLocked()
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		c.rec.Ended = time.Now()
		delete(s.conns, c)
		if c.sess != nil && c.sess.conn == c {
			c.sess.conn = nil
		}
		s.notifyLocked()
		s.mu.Unlock()
		ws.Close()
		s.wg.Done()
	}()

	if err := c.writeOp(opHello, map[string]any{"heartbeat_interval": s.cfg.heartbeatInterval.Milliseconds()}); err != nil {
		return
	}
	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			s.connEnded(c, err)
			return
		}
		if s.overPayloadLimit(c, time.Now()) {
			return
		}
		var p struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if err := json.Unmarshal(msg, &p); err != nil {
			c.closeWith(4002, "Error while decoding payload.")
			return
		}
		if p.Op == opIdentify || p.Op == opResume {
			s.noteSessionOp(c, p.Op, time.Now())
		}
		switch p.Op {
		case opHeartbeat:
			s.heartbeat(c, time.Now())
		case opIdentify:
			s.identify(c, p.D)
		case opResume:
			s.resume(c, p.D)
		default:
			s.mu.Lock()
			s.frames = append(s.frames, Frame{Op: p.Op, Data: p.D, Time: time.Now()})
			s.notifyLocked()
			s.mu.Unlock()
		}
	}
}

func (s *Server) identify(c *gwConn, raw json.RawMessage) {
	var d struct {
		Token   string  `json:"token"`
		Intents int64   `json:"intents"`
		Shard   *[2]int `json:"shard"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		c.closeWith(4002, "Error while decoding payload.")
		return
	}
	id := Identify{Token: d.Token, Intents: discordgo.Intent(d.Intents), Shard: [2]int{0, 1}, Raw: raw, Time: time.Now()}
	if d.Shard != nil {
		id.Shard = *d.Shard
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.identifies = append(s.identifies, id)
	idx := len(s.identifies) - 1
	s.notifyLocked()
	if s.cfg.token != "" && strings.TrimPrefix(d.Token, "Bot ") != s.cfg.token {
		c.closeWith(4004, "Authentication failed.")
		return
	}
	if s.cfg.checkIntents && id.Intents&privilegedIntents&^s.cfg.privileged != 0 {
		c.closeWith(4014, "Disallowed intent(s).")
		return
	}
	if id.Shard[1] < 1 || id.Shard[0] < 0 || id.Shard[0] >= id.Shard[1] {
		c.closeWith(4010, "Invalid shard.")
		return
	}
	if !s.admitIdentifyLocked(id.Shard[0], id.Time) {
		c.writeOp(opInvalidSession, false)
		return
	}
	s.identifies[idx].OK = true
	if old := c.sess; old != nil {
		old.invalid, old.conn = true, nil
	}
	sess := &session{id: randomToken()[:32], shard: id.Shard, conn: c}
	c.sess = sess
	s.sessions[sess.id] = sess
	s.dispatchLocked(sess, "READY", s.readyPayload(sess))
	c.ready = true
}

func (s *Server) readyPayload(sess *session) map[string]any {
	return map[string]any{
		"v":                  10,
		"user":               s.BotUser().payload(),
		"guilds":             []any{},
		"private_channels":   []any{},
		"session_id":         sess.id,
		"resume_gateway_url": s.ResumeGatewayURL(),
		"shard":              sess.shard,
		"application":        map[string]any{"id": s.cfg.appID, "flags": 0},
		"_trace":             []string{"discordfake"},
	}
}

func (s *Server) resume(c *gwConn, raw json.RawMessage) {
	var d struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		c.closeWith(4002, "Error while decoding payload.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sess := s.sessions[d.SessionID]
	ok := sess != nil && !sess.invalid &&
		(s.cfg.token == "" || strings.TrimPrefix(d.Token, "Bot ") == s.cfg.token)
	s.resumes = append(s.resumes, Resume{SessionID: d.SessionID, Seq: d.Seq, OK: ok, Time: time.Now()})
	s.notifyLocked()
	if !ok {
		c.writeOp(opInvalidSession, false)
		return
	}
	if old := sess.conn; old != nil && old != c {
		old.sess = nil
	}
	sess.conn, c.sess = c, sess
	for _, f := range sess.history {
		if f.seq > d.Seq {
			c.writeRaw(f.raw)
		}
	}
	s.dispatchLocked(sess, "RESUMED", map[string]any{"_trace": []string{"discordfake"}})
	c.ready = true
}

// dispatchLocked sends a dispatch (op 0) with the session's next sequence
// number, or keeps it for replay when the session is disconnected. s.mu
// must be held, so sequence numbers go out in order.
func (s *Server) dispatchLocked(sess *session, eventType string, data any) error {
	d, err := json.Marshal(data)
	if err != nil {
		return err
	}
	sess.seq++
	b, err := json.Marshal(map[string]any{"op": opDispatch, "s": sess.seq, "t": eventType, "d": json.RawMessage(d)})
	if err != nil {
		return err
	}
	sess.history = append(sess.history, sentDispatch{seq: sess.seq, raw: b})
	if sess.conn != nil {
		sess.conn.writeRaw(b) // a failed write shows up as a dropped connection
	}
	s.notifyLocked()
	return nil
}

// ErrNoSession is returned by Dispatch when no gateway session exists.
var ErrNoSession = errors.New("discordfake: no gateway session")

// Dispatch sends a dispatch event (op 0, t eventType, d data) to every
// valid session, each with its next sequence number. A session whose
// connection is down keeps the event and replays it on resume, as Discord
// does.
func (s *Server) Dispatch(eventType string, data any) error {
	return s.dispatch(-1, eventType, data)
}

// DispatchToShard is Dispatch for the sessions of one shard only.
func (s *Server) DispatchToShard(shardID int, eventType string, data any) error {
	return s.dispatch(shardID, eventType, data)
}

func (s *Server) dispatch(shard int, eventType string, data any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	sent := false
	for _, sess := range s.sessions {
		if sess.invalid || (shard >= 0 && sess.shard[0] != shard) {
			continue
		}
		if err := s.dispatchLocked(sess, eventType, data); err != nil {
			return err
		}
		sent = true
	}
	if !sent {
		return ErrNoSession
	}
	return nil
}
