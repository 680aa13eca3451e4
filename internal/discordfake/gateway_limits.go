package discordfake

import "time"

// Discord's gateway limits (Gateway: Rate Limiting, Session Start Limit,
// Identifying). None is enforced unless its Option is given; without
// options GET /gateway/bot reports the fixed session_start_limit
// {total 1000, remaining 999, reset_after 4 h, max_concurrency 1}.
const (
	// DefaultIdentifyWindow is how often a max_concurrency bucket may
	// identify: once per 5 s.
	DefaultIdentifyWindow = 5 * time.Second
	// DefaultSessionStartReset is the session start limit's period, 24 h.
	DefaultSessionStartReset = 24 * time.Hour
	// DefaultPayloadLimit and DefaultPayloadWindow are Discord's send
	// limit: 120 payloads a connection every 60 s.
	DefaultPayloadLimit  = 120
	DefaultPayloadWindow = 60 * time.Second
)

type limitConfig struct {
	maxConcurrency int // 0: not enforced
	identifyWindow time.Duration

	startLimit      bool
	startTotal      int
	startRemaining  int
	startResetAfter time.Duration

	payloadLimit  int // 0: not enforced
	payloadWindow time.Duration
}

// limitState is the limits' running state, guarded by Server.mu.
type limitState struct {
	bucketIdentified map[int]time.Time // shard_id % max_concurrency -> last accepted Identify
	startsRemaining  int
	startsResetAt    time.Time

	withholdAcks int // the next heartbeats get no ACK (WithholdAcks)

	overLimit, tooFast, acksWithheld, payloadCloses int
}

func newLimitState(c *limitConfig, now time.Time) limitState {
	return limitState{
		bucketIdentified: make(map[int]time.Time),
		startsRemaining:  c.startRemaining,
		startsResetAt:    now.Add(c.startResetAfter),
	}
}

// WithMaxConcurrency enforces Discord's identify concurrency: an Identify
// from a shard whose bucket (shard_id % n) had an Identify accepted less
// than window ago is answered with Invalid Session (op 9, d false), as
// Discord does when a client identifies too fast, and counted in
// Stats().IdentifiesTooFast. Only accepted Identifies start a bucket's
// window. window <= 0 means DefaultIdentifyWindow (5 s). GET /gateway/bot
// reports n as session_start_limit.max_concurrency. n <= 0 disables it.
func WithMaxConcurrency(n int, window time.Duration) Option {
	if window <= 0 {
		window = DefaultIdentifyWindow
	}
	return func(c *config) { c.limits.maxConcurrency, c.limits.identifyWindow = n, window }
}

// WithSessionStartLimit enforces a session start limit: GET /gateway/bot
// reports {total, remaining, reset_after (ms until the reset),
// max_concurrency}, each accepted Identify takes one from remaining, and
// every resetAfter (from New; <= 0 means DefaultSessionStartReset, 24 h)
// remaining is set back to total.
//
// An Identify when remaining is 0 is answered with Invalid Session (op 9,
// d false) and counted in Stats().IdentifiesOverLimit. Discord itself
// does worse: it ends every session and resets the bot token, so the
// next Identify would be closed with 4004. The fake does not, so that a
// test sees the refused Identify (and what the client does next) without
// losing the token; a client that reads session_start_limit and waits
// for reset_after never gets there.
func WithSessionStartLimit(total, remaining int, resetAfter time.Duration) Option {
	if resetAfter <= 0 {
		resetAfter = DefaultSessionStartReset
	}
	return func(c *config) {
		c.limits.startLimit = true
		c.limits.startTotal, c.limits.startRemaining, c.limits.startResetAfter = total, remaining, resetAfter
	}
}

// WithPayloadLimit enforces Discord's gateway send limit: a connection on
// which the client sends more than n payloads (of any opcode, heartbeats
// included) within any window is closed with 4008 "Rate limited." and the
// close is counted in Stats().PayloadLimitCloses. The payload over the
// limit is not processed. As on Discord the session stays resumable.
// Discord's limit is DefaultPayloadLimit (120) per DefaultPayloadWindow
// (60 s); window <= 0 means DefaultPayloadWindow. n <= 0 disables it.
func WithPayloadLimit(n int, window time.Duration) Option {
	if window <= 0 {
		window = DefaultPayloadWindow
	}
	return func(c *config) { c.limits.payloadLimit, c.limits.payloadWindow = n, window }
}

// refillStartsLocked applies the session start limit's resets up to now.
// s.mu must be held.
func (s *Server) refillStartsLocked(now time.Time) {
	cfg, l := &s.cfg.limits, &s.limits
	if !cfg.startLimit || now.Before(l.startsResetAt) {
		return
	}
	l.startsRemaining = cfg.startTotal
	for !now.Before(l.startsResetAt) {
		l.startsResetAt = l.startsResetAt.Add(cfg.startResetAfter)
	}
}

// admitIdentifyLocked applies the session start limit, then the identify
// concurrency, to an otherwise valid Identify from shardID. It reports
// whether a session may start, and if so takes its session start and its
// bucket's turn. s.mu must be held.
func (s *Server) admitIdentifyLocked(shardID int, now time.Time) bool {
	cfg, l := &s.cfg.limits, &s.limits
	if cfg.startLimit {
		s.refillStartsLocked(now)
		if l.startsRemaining <= 0 {
			l.overLimit++
			return false
		}
	}
	if n := cfg.maxConcurrency; n > 0 {
		b := shardID % n
		if last, ok := l.bucketIdentified[b]; ok && now.Sub(last) < cfg.identifyWindow {
			l.tooFast++
			return false
		}
		l.bucketIdentified[b] = now
	}
	if cfg.startLimit {
		l.startsRemaining--
	}
	return true
}

// gatewayBot is the GET /gateway/bot response.
func (s *Server) gatewayBot() map[string]any {
	limit := map[string]any{"total": 1000, "remaining": 999, "reset_after": 14400000, "max_concurrency": 1}
	cfg := &s.cfg.limits
	if cfg.maxConcurrency > 0 {
		limit["max_concurrency"] = cfg.maxConcurrency
	}
	if cfg.startLimit {
		now := time.Now()
		s.mu.Lock()
		s.refillStartsLocked(now)
		limit["total"] = cfg.startTotal
		limit["remaining"] = max(s.limits.startsRemaining, 0)
		limit["reset_after"] = s.limits.startsResetAt.Sub(now).Milliseconds()
		s.mu.Unlock()
	}
	return map[string]any{"url": s.GatewayURL(), "shards": 1, "session_start_limit": limit}
}

// overPayloadLimit counts a payload from the client and, when it is over
// the payload limit, closes the connection with 4008 and reports true.
// Only the connection's read loop calls it.
func (s *Server) overPayloadLimit(c *gwConn, now time.Time) bool {
	n, window := s.cfg.limits.payloadLimit, s.cfg.limits.payloadWindow
	if n <= 0 {
		return false
	}
	cut := now.Add(-window)
	i := 0
	for i < len(c.sent) && !c.sent[i].After(cut) {
		i++
	}
	c.sent = c.sent[i:]
	if len(c.sent) < n {
		c.sent = append(c.sent, now)
		return false
	}
	s.mu.Lock()
	s.limits.payloadCloses++
	s.notifyLocked()
	s.mu.Unlock()
	c.closeWith(4008, "Rate limited.")
	return true
}
