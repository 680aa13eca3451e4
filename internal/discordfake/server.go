// Package discordfake is a fake Discord for tests: REST API and gateway
// websocket on a loopback httptest server that a real discordgo session
// talks to.
//
// It is for tests only and must not be imported outside _test.go files.
//
// discordgo builds every REST URL from package variables
// ("https://discord.com/api/v9/..."); tests redirect them with
// Server.Transport set on session.Client.Transport, never by editing those
// variables. The gateway URL comes from GET /gateway, so the websocket needs
// no redirection.
//
//	fake := discordfake.New(t, discordfake.ValidateBodies(t))
//	s := fake.Session(t) // discordgo session wired to the fake
//	s.AddHandler(func(s *discordgo.Session, i *discordgo.InteractionCreate) { ... })
//	if err := s.Open(); err != nil { t.Fatal(err) }
//	fake.Dispatch("INTERACTION_CREATE", discordfake.CommandInteraction(discordfake.InteractionParams{
//		GuildID: discordfake.DefaultGuildID, CommandName: "ask",
//		Options: []discordfake.CommandOption{{Name: "question", Value: "who called?"}},
//	}))
//	req, err := fake.WaitForRequest(ctx, discordfake.MatchRoute("POST", "/interactions/{}/{}/callback"))
//
// The gateway keeps Discord's session rules: READY's resume_gateway_url is
// ResumeGatewayURL, a Resume replays what the session missed, and closes
// that end a session (a client's 1000 or 1001; the fake's 4004, 4007,
// 4009, 4010-4014) make the next Resume fail with Invalid Session.
// Discord's limits are off unless asked for: WithMaxConcurrency,
// WithSessionStartLimit, WithPayloadLimit. Connections records every
// websocket connection (its path, first op, heartbeat times and the
// client's close code); WithholdAcks makes a connection look like a
// zombie.
package discordfake

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Defaults for the fake application and bot user. For bots created since
// 2018 Discord uses the same snowflake for both.
const (
	DefaultAppID       = "1200000000000000001"
	DefaultBotUsername = "callbot"
	// DefaultHeartbeatInterval is what Discord sends in Hello today.
	DefaultHeartbeatInterval = 41250 * time.Millisecond
)

// discordEpoch is the first second of 2015 in Unix milliseconds.
const discordEpoch = 1420070400000

// Server is a fake Discord. Create it with New; it closes itself when the
// test ends.
type Server struct {
	tb  testing.TB
	cfg config
	hs  *httptest.Server
	up  websocket.Upgrader
	wg  sync.WaitGroup // websocket handlers

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every state change
	closed  bool

	requests   []Request
	schemaErrs []error
	faults     []*fault
	store      store

	conns      map[*gwConn]struct{}
	sessions   map[string]*session
	identifies []Identify
	resumes    []Resume
	frames     []Frame
	heartbeats int
	dials      int

	connLog []*Connection // every gateway connection, oldest first
	limits  limitState    // see gateway_limits.go
}

type config struct {
	appID             string
	botName           string
	token             string // enforced when non-empty
	privileged        discordgo.Intent
	checkIntents      bool
	heartbeatInterval time.Duration
	validate          bool
	validateTB        testing.TB  // reports schema errors at cleanup; may be nil
	limits            limitConfig // see gateway_limits.go
}

// Option configures a Server.
type Option func(*config)

// WithApplication sets the application id (also the bot user's id) and the
// bot's username.
func WithApplication(appID, botUsername string) Option {
	return func(c *config) { c.appID, c.botName = appID, botUsername }
}

// WithToken makes the fake check the bot token like Discord: REST calls
// without "Authorization: Bot <token>" get 401 and an Identify with another
// token is closed with 4004. Without it any token is accepted.
func WithToken(token string) Option {
	return func(c *config) { c.token = token }
}

// WithPrivilegedIntents makes the fake enforce privileged intents: an
// Identify asking for a privileged intent (GUILD_MEMBERS, GUILD_PRESENCES,
// MESSAGE_CONTENT) not in enabled is closed with 4014, as Discord does when
// the intent is not switched on in the developer portal. Without it every
// intent is allowed.
func WithPrivilegedIntents(enabled discordgo.Intent) Option {
	return func(c *config) { c.privileged, c.checkIntents = enabled, true }
}

// WithHeartbeatInterval sets the interval sent in Hello (op 10).
func WithHeartbeatInterval(d time.Duration) Option {
	return func(c *config) { c.heartbeatInterval = d }
}

// ValidateBodies validates every JSON request body the fake receives against
// Discord's OpenAPI schema (see internal/discordschema). Failures are kept in
// SchemaErrors and, unless tb is nil, reported with tb.Errorf when the fake
// closes at the end of the test.
func ValidateBodies(tb testing.TB) Option {
	return func(c *config) { c.validate, c.validateTB = true, tb }
}

// New starts a fake Discord on 127.0.0.1 and registers its Close with
// tb.Cleanup.
func New(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	cfg := config{
		appID:             DefaultAppID,
		botName:           DefaultBotUsername,
		heartbeatInterval: DefaultHeartbeatInterval,
	}
	for _, o := range opts {
		o(&cfg)
	}
	s := &Server{
		tb:       tb,
		cfg:      cfg,
		changed:  make(chan struct{}),
		conns:    make(map[*gwConn]struct{}),
		sessions: make(map[string]*session),
		store:    newStore(),
	}
	s.limits = newLimitState(&cfg.limits, time.Now())
	s.hs = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	tb.Cleanup(func() {
		s.Close()
		if vt := s.cfg.validateTB; vt != nil {
			for _, err := range s.SchemaErrors() {
				vt.Errorf("discordfake: body does not match Discord's schema: %v", err)
			}
		}
	})
	return s
}

// URL is the fake's base URL, "http://127.0.0.1:PORT". REST lives under
// /api/v9/ (and /api/v10/).
func (s *Server) URL() string { return s.hs.URL }

// GatewayURL is the websocket URL that GET /gateway returns.
func (s *Server) GatewayURL() string { return "ws" + s.hs.URL[len("http"):] }

// AppID is the application id, which is also the bot user's id.
func (s *Server) AppID() string { return s.cfg.appID }

// BotUser is the bot user READY and /users/@me describe.
func (s *Server) BotUser() User {
	return User{ID: s.cfg.appID, Username: s.cfg.botName, Bot: true}
}

// Transport returns a RoundTripper that sends every request to the fake.
func (s *Server) Transport() http.RoundTripper {
	u, _ := url.Parse(s.hs.URL) // httptest URLs always parse
	return RewriteTransport(u, nil)
}

// Session returns a discordgo session wired to the fake: token "Bot
// <token>" (the WithToken value, or a dummy), REST through Transport,
// LogLevel LogError. It is not opened. Its Close is registered with
// tb.Cleanup, runs before the fake's and first waits (at most 2s) for
// WaitSettled.
func (s *Server) Session(tb testing.TB) *discordgo.Session {
	tb.Helper()
	token := s.cfg.token
	if token == "" {
		token = "fake-token"
	}
	sess, err := discordgo.New("Bot " + token)
	if err != nil {
		tb.Fatalf("discordgo.New: %v", err)
	}
	sess.Client = &http.Client{Transport: s.Transport(), Timeout: 10 * time.Second}
	sess.LogLevel = discordgo.LogError
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		s.WaitSettled(ctx) // on timeout close anyway
		sess.Close()
	})
	return sess
}

// RewriteTransport returns a RoundTripper that sends each request to base
// instead: scheme and host are replaced and base's path is prefixed to the
// request path, so "https://discord.com/api/v9/gateway" with base
// "http://127.0.0.1:1234" goes to "http://127.0.0.1:1234/api/v9/gateway".
// next is the transport used (http.DefaultTransport when nil).
func RewriteTransport(base *url.URL, next http.RoundTripper) http.RoundTripper {
	if next == nil {
		next = http.DefaultTransport
	}
	return rewriteTransport{base: base, next: next}
}

type rewriteTransport struct {
	base *url.URL
	next http.RoundTripper
}

func (t rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	// A RoundTripper must not modify the caller's request.
	r := req.Clone(req.Context())
	u := *req.URL
	u.Scheme, u.Host = t.base.Scheme, t.base.Host
	if p := trimSlash(t.base.Path); p != "" {
		u.Path = p + u.Path
		if u.RawPath != "" {
			u.RawPath = trimSlash(t.base.EscapedPath()) + u.RawPath
		}
	}
	r.URL, r.Host = &u, t.base.Host
	return t.next.RoundTrip(r)
}

func trimSlash(p string) string {
	for len(p) > 0 && p[len(p)-1] == '/' {
		p = p[:len(p)-1]
	}
	return p
}

// Close closes every gateway connection and the HTTP server. It is safe to
// call more than once.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	conns := make([]*gwConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.notifyLocked()
	s.mu.Unlock()
	for _, c := range conns {
		c.closeWith(websocket.CloseGoingAway, "fake discord closing")
	}
	s.wg.Wait()
	s.hs.Close()
}

// notifyLocked wakes every waiter. s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// WaitUntil blocks until cond, evaluated under the fake's lock after every
// change, is true. cond must not call the Server's methods.
func (s *Server) WaitUntil(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		ok, ch := cond(), s.changed
		s.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// wait is WaitUntil for conditions on the fake's own state.
func (s *Server) wait(ctx context.Context, what string, cond func() bool) error {
	if err := s.WaitUntil(ctx, cond); err != nil {
		return errors.New("discordfake: waiting for " + what + ": " + err.Error())
	}
	return nil
}

var snowflakeSeq atomic.Int64

// Snowflake returns a new unique id that encodes the current time, like
// Discord's ids.
func Snowflake() string {
	ms := time.Now().UnixMilli() - discordEpoch
	return strconv.FormatInt(ms<<22|(snowflakeSeq.Add(1)&0x3fffff), 10)
}

// randomToken returns an opaque token like an interaction token.
func randomToken() string {
	b := make([]byte, 24)
	rand.Read(b) // never fails
	return "aW50ZXJhY3Rpb24" + hex.EncodeToString(b)
}

// timestamp formats t as Discord does ("2024-05-01T12:00:00.000000+00:00").
func timestamp(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000000+00:00")
}
