package discordfake

import "context"

// WaitReady waits until a connection is live and has been sent READY or
// RESUMED.
func (s *Server) WaitReady(ctx context.Context) error {
	return s.wait(ctx, "READY", func() bool {
		for c := range s.conns {
			if c.ready && c.sess != nil && c.sess.conn == c {
				return true
			}
		}
		return false
	})
}

// WaitSettled waits until every connection with a session has sent its
// first heartbeat. Call it before closing a discordgo session that was just
// opened: discordgo v0.29.0 sends that heartbeat from a goroutine that, when
// Close runs first, writes to the closed socket and starts a reconnect loop
// that never ends once the fake is gone. Session's cleanup does this.
func (s *Server) WaitSettled(ctx context.Context) error {
	return s.wait(ctx, "first heartbeats", func() bool {
		for c := range s.conns {
			if c.sess != nil && c.heartbeats == 0 {
				return false
			}
		}
		return true
	})
}

// WaitForIdentify waits for the first Identify and returns it.
func (s *Server) WaitForIdentify(ctx context.Context) (Identify, error) {
	ids, err := s.WaitForIdentifies(ctx, 1)
	if err != nil {
		return Identify{}, err
	}
	return ids[0], nil
}

// WaitForIdentifies waits until n Identify payloads have arrived and returns
// all received so far.
func (s *Server) WaitForIdentifies(ctx context.Context, n int) ([]Identify, error) {
	var out []Identify
	err := s.wait(ctx, "identify", func() bool {
		out = append(out[:0], s.identifies...)
		return len(out) >= n
	})
	return out, err
}

// WaitForResumes waits until n Resume payloads have arrived and returns all
// received so far.
func (s *Server) WaitForResumes(ctx context.Context, n int) ([]Resume, error) {
	var out []Resume
	err := s.wait(ctx, "resume", func() bool {
		out = append(out[:0], s.resumes...)
		return len(out) >= n
	})
	return out, err
}

// WaitForHeartbeats waits until n heartbeats have arrived.
func (s *Server) WaitForHeartbeats(ctx context.Context, n int) error {
	return s.wait(ctx, "heartbeats", func() bool { return s.heartbeats >= n })
}

// Identifies returns every Identify received.
func (s *Server) Identifies() []Identify {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Identify(nil), s.identifies...)
}

// Resumes returns every Resume received.
func (s *Server) Resumes() []Resume {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Resume(nil), s.resumes...)
}

// ClientFrames returns the other gateway messages the client sent.
func (s *Server) ClientFrames() []Frame {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Frame(nil), s.frames...)
}

// Stats counts gateway activity.
type Stats struct {
	Connections int // websocket connections accepted
	Live        int // connections open now
	Identifies  int // every Identify received, refused ones included
	Resumes     int // every Resume received, refused ones included
	Heartbeats  int
	// IdentifiesOverLimit counts Identifies refused with Invalid Session
	// because no session start was left (WithSessionStartLimit).
	IdentifiesOverLimit int
	// IdentifiesTooFast counts Identifies refused with Invalid Session
	// because their bucket had identified within the window
	// (WithMaxConcurrency).
	IdentifiesTooFast int
	// AcksWithheld counts heartbeats left without ACK (WithholdAcks).
	AcksWithheld int
	// PayloadLimitCloses counts connections closed with 4008 for sending
	// too many payloads (WithPayloadLimit).
	PayloadLimitCloses int
}

// Stats returns the gateway counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Stats{
		Connections: s.dials,
		Live:        len(s.conns),
		Identifies:  len(s.identifies),
		Resumes:     len(s.resumes),
		Heartbeats:  s.heartbeats,

		IdentifiesOverLimit: s.limits.overLimit,
		IdentifiesTooFast:   s.limits.tooFast,
		AcksWithheld:        s.limits.acksWithheld,
		PayloadLimitCloses:  s.limits.payloadCloses,
	}
}
