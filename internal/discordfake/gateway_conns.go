package discordfake

import (
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/gorilla/websocket"
)

// resumePath is the path of ResumeGatewayURL.
const resumePath = "/resume"

// ResumeGatewayURL is the resume_gateway_url READY carries: the gateway on
// another path of the same server, GatewayURL()+"/resume", so a test can
// tell from Connections which URL a client resumed on. The fake serves the
// gateway on every path; a Resume on GatewayURL works too.
func (s *Server) ResumeGatewayURL() string { return s.GatewayURL() + resumePath }

// Connection is one websocket connection to the gateway.
type Connection struct {
	// Path is the URL path the client connected on, without a trailing
	// slash: "/" for GatewayURL, "/resume" for ResumeGatewayURL (whether
	// the client dialled ".../resume?v=10" or ".../resume/?v=10").
	Path string
	// FirstOp is the first Identify (2) or Resume (6) the client sent on
	// the connection, accepted or not; 0 when it sent neither. Heartbeats
	// are not counted: see Heartbeats.
	FirstOp int
	// Time is when the fake sent Hello, right after the upgrade.
	Time time.Time
	// CloseCode is the code of the client's close frame (1005 when the
	// frame carried none); 0 while the connection is open, when the TCP
	// connection just dropped, or when the fake closed it first
	// (CloseWith, DropConnection, a limit, Close).
	CloseCode int
	// FirstOpAfterHello is when FirstOp arrived, after Hello; 0 if none.
	FirstOpAfterHello time.Duration
	// Heartbeats are the times of the client's heartbeats (op 1) after
	// Hello, in order. Discord wants the first after interval × a random
	// jitter in [0, 1), not at once; a heartbeat before FirstOpAfterHello
	// came before Identify or Resume.
	Heartbeats []time.Duration
	// Ended is when the connection ended; zero while it is open.
	Ended time.Time
}

// Connections returns every gateway websocket connection so far, oldest
// first, open ones included.
func (s *Server) Connections() []Connection {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Connection, len(s.connLog))
	for i, c := range s.connLog {
		out[i] = *c
		out[i].Heartbeats = slices.Clone(c.Heartbeats)
	}
	return out
}

// HeartbeatsAfterHello returns, for each connection on which the client
// sent a heartbeat, oldest connection first, how long after Hello the
// first heartbeat came. Connections without one are left out; Connections
// has every heartbeat of every connection.
func (s *Server) HeartbeatsAfterHello() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []time.Duration
	for _, c := range s.connLog {
		if len(c.Heartbeats) > 0 {
			out = append(out, c.Heartbeats[0])
		}
	}
	return out
}

// logConnLocked starts the record of a new connection. s.mu must be held.
func (s *Server) logConnLocked(path string) *Connection {
	path = strings.TrimRight(path, "/")
	if path == "" {
		path = "/"
	}
	rec := &Connection{Path: path, Time: time.Now()}
	s.connLog = append(s.connLog, rec)
	return rec
}

// noteSessionOp records an Identify or Resume as the connection's first
// such op if it is.
func (s *Server) noteSessionOp(c *gwConn, op int, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.rec.FirstOp == 0 {
		c.rec.FirstOp, c.rec.FirstOpAfterHello = op, now.Sub(c.rec.Time)
		s.notifyLocked()
	}
}

// heartbeat answers a client heartbeat with Heartbeat ACK (op 11) unless
// WithholdAcks asked for silence. The ACK is written under s.mu, so by the
// time a waiter sees the heartbeat counted, its ACK is on the wire.
func (s *Server) heartbeat(c *gwConn, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.heartbeats++
	c.heartbeats++
	c.rec.Heartbeats = append(c.rec.Heartbeats, now.Sub(c.rec.Time))
	if s.limits.withholdAcks > 0 {
		s.limits.withholdAcks--
		s.limits.acksWithheld++
	} else {
		c.writeOp(opHeartbeatACK, nil)
	}
	s.notifyLocked()
}

// connEnded records how the client ended the connection: err is the read
// loop's error.
func (s *Server) connEnded(c *gwConn, err error) {
	code := 0
	var ce *websocket.CloseError
	// gorilla reports a TCP connection closed without a close frame as
	// 1006, a code no close frame may carry.
	if errors.As(err, &ce) && ce.Code != websocket.CloseAbnormalClosure && !c.serverClosed.Load() {
		code = ce.Code
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c.rec.CloseCode = code
	// Discord invalidates a session its client closes with 1000 or 1001;
	// other closes leave it resumable.
	if websocket.IsCloseError(err, websocket.CloseNormalClosure, websocket.CloseGoingAway) && c.sess != nil {
		c.sess.invalid = true
	}
}
