package discordfake

import (
	"context"
	"time"
)

// settle waits briefly for WaitSettled before a gateway fault: if discordgo
// loses its connection before its first heartbeat, that heartbeat's failure
// starts a second, endless reconnect loop (see WaitSettled).
func (s *Server) settle() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	s.WaitSettled(ctx) // on timeout go ahead anyway
}

// liveConns returns the connections that have a session.
func (s *Server) liveConns() []*gwConn {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*gwConn
	for c := range s.conns {
		if c.sess != nil {
			out = append(out, c)
		}
	}
	return out
}

// SendReconnect sends Reconnect (op 7) on every connection with a session;
// the client should reconnect and resume.
//
// SendReconnect, SendInvalidSession, DropConnection and CloseWith first wait
// (at most 2s) for WaitSettled.
func (s *Server) SendReconnect() {
	s.settle()
	for _, c := range s.liveConns() {
		c.writeOp(opReconnect, nil)
	}
}

// SendInvalidSession sends Invalid Session (op 9) on every connection with a
// session. When resumable is false the sessions are discarded, so a later
// Resume fails.
func (s *Server) SendInvalidSession(resumable bool) {
	s.settle()
	conns := s.liveConns()
	if !resumable {
		s.mu.Lock()
		for _, c := range conns {
			if c.sess != nil {
				c.sess.invalid = true
			}
		}
		s.mu.Unlock()
	}
	for _, c := range conns {
		c.writeOp(opInvalidSession, resumable)
	}
}

// DropConnection closes every gateway TCP connection without a close frame.
// Sessions stay resumable.
func (s *Server) DropConnection() {
	s.settle()
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		c.ws.NetConn().Close()
	}
}

// CloseWith closes every gateway connection with a close frame carrying
// code and reason (e.g. 4004 "Authentication failed.", 4014 "Disallowed
// intent(s)."). After codes Discord treats as fatal (4004, 4010-4014) and
// after 4007 "Invalid seq." and 4009 "Session timed out.", which ask for a
// new session, the sessions can no longer be resumed: a Resume gets
// Invalid Session (op 9, d false). After other codes (e.g. 4000, 4008) they
// stay resumable.
func (s *Server) CloseWith(code int, reason string) {
	s.settle()
	s.mu.Lock()
	conns := make([]*gwConn, 0, len(s.conns))
	for c := range s.conns {
		if unresumableCloseCodes[code] && c.sess != nil {
			c.sess.invalid = true
		}
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		c.closeWith(code, reason)
	}
}

// WithholdAcks makes the fake answer none of the next n client heartbeats
// (of any connection) with Heartbeat ACK (op 11): the connection looks
// like a zombie to the client, which should close it with a code other
// than 1000 and 1001 and resume. Calls add up; Stats().AcksWithheld counts
// the ACKs left out.
func (s *Server) WithholdAcks(n int) {
	if n <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits.withholdAcks += n
}
