package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/callbot/callbot/internal/modal"
)

// GatewayConfig is how RunGateway connects.
type GatewayConfig struct {
	Token   string // bot token, with or without the "Bot " prefix
	AppID   string // application id; empty means the one READY reports
	GuildID string // register commands in this guild only (instant); empty: globally
	APIBase string // REST root replacing https://discord.com/api/v9; empty: Discord

	ShardID, ShardCount int // ShardCount 0 or 1: no sharding

	// NoRegister skips command registration (also skipped on shards other
	// than 0, which would only repeat shard 0's work).
	NoRegister bool
	// ReplyTimeout bounds each REST reply; 0 means 5 s.
	ReplyTimeout time.Duration
	// ShutdownTimeout bounds the wait for in-flight replies after ctx is
	// done; 0 means 10 s.
	ShutdownTimeout time.Duration
	// Transport is the base HTTP transport; nil means http.DefaultTransport.
	Transport http.RoundTripper

	// sleep, for tests in this package, replaces the session's waits
	// (identify spacing, after an Invalid Session, between redials).
	sleep func(ctx context.Context, d time.Duration) error
}

// Errors RunGateway returns for settings only a person can fix. Check with
// errors.Is; the messages say what to do.
var (
	ErrNoToken          = errors.New("no bot token: set DISCORD_TOKEN to the token from the Developer Portal (Bot tab)")
	ErrTokenRejected    = errors.New("DISCORD_TOKEN was rejected: reset the token in the Developer Portal (Bot tab) and set DISCORD_TOKEN")
	ErrDisallowedIntent = errors.New("disallowed intents: enable MESSAGE CONTENT INTENT in the Developer Portal or unset CALLBOT_LISTEN_CHANNELS")
	ErrWrongApplication = errors.New("DISCORD_APP_ID does not belong to this token's application (Discord answered 403 Missing Access): copy the Application ID from the Developer Portal (General Information) of the application whose Bot tab gave DISCORD_TOKEN")
)

// gatewayState is what the runner shares with readiness checks.
type gatewayState struct {
	connected atomic.Bool
}

// Connected reports whether the gateway session is connected, for
// readiness checks. Without RunGateway it is always false.
func (b *Bot) Connected() bool { return b.gw.connected.Load() }

// RunGateway connects to the Discord gateway and answers interactions and
// messages until ctx is done, then closes the session and waits (bounded by
// ShutdownTimeout) for replies in flight. It returns nil after a clean
// shutdown, or an error that stops the bot: a missing or rejected token,
// disallowed intents, a bad shard or API base.
//
// The session is the runner's own (session.go), by Discord's rules;
// discordgo is used for the event types and REST.
func (b *Bot) RunGateway(ctx context.Context, cfg GatewayConfig) error {
	if botToken(cfg.Token) == "" {
		return ErrNoToken
	}
	if cfg.ShardCount > 1 && (cfg.ShardID < 0 || cfg.ShardID >= cfg.ShardCount) {
		return fmt.Errorf("shard id %d out of range for shard count %d: set CALLBOT_SHARD_ID to 0..%d", cfg.ShardID, cfg.ShardCount, cfg.ShardCount-1)
	}
	if cfg.ReplyTimeout <= 0 {
		cfg.ReplyTimeout = 5 * time.Second
	}
	if cfg.ShutdownTimeout <= 0 {
		cfg.ShutdownTimeout = 10 * time.Second
	}
	s, err := restSession(cfg)
	if err != nil {
		return err
	}
	r := &runner{b: b, s: s, cfg: cfg, cache: newShardCache(b.listen), ready: make(chan struct{})}
	g := &gatewaySession{
		token:   botToken(cfg.Token),
		intents: Intents(b.cfg),
		shard:   [2]int{cfg.ShardID, max(cfg.ShardCount, 1)},
		log:     b.log,
		info:    r.gatewayInfo,
		onEvent: r.events(ctx),
		onUp:    r.up,
		onDown:  r.down,
		sleep:   cfg.sleep,
	}
	b.log.InfoContext(ctx, "connecting to gateway", "shard", cfg.ShardID, "shards", max(cfg.ShardCount, 1),
		"intents", int(g.intents), "api_base", cfg.APIBase)
	// A network that is down at start is retried until ctx is done, the
	// process alive but not ready: giving up would only have a supervisor
	// restart it, and health probes never see it up.
	sctx, stop := context.WithCancel(ctx)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- g.Run(sctx) }()
	finish := func(err error) error {
		stop()
		if e := <-errc; err == nil {
			err = e
		}
		r.shutdown(ctx)
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	select {
	case <-ctx.Done():
		return finish(nil)
	case err := <-errc:
		errc <- err // finish reads it again
		return finish(nil)
	case <-r.ready:
	}
	if !cfg.NoRegister && cfg.ShardID == 0 {
		if err := r.register(ctx); err != nil {
			return finish(err)
		}
	}
	select {
	case <-ctx.Done():
	case err := <-errc:
		errc <- err
	}
	return finish(nil)
}

// botToken returns the bare token, accepting "Bot <token>" as well.
func botToken(s string) string {
	f := strings.Fields(s)
	if len(f) > 0 && f[0] == "Bot" {
		f = f[1:]
	}
	if len(f) != 1 {
		return "" // empty, or spaces inside: not a token
	}
	return f[0]
}

// runner is one RunGateway call's state.
type runner struct {
	b        *Bot
	s        *discordgo.Session // REST only
	cfg      GatewayConfig
	connects atomic.Int64
	inflight inflight
	cache    *shardCache // what the session keeps of Discord's events

	mu    sync.Mutex
	user  *discordgo.User // from READY
	appID string          // from READY

	ready     chan struct{} // closed at the first READY
	readyOnce sync.Once
}

// up marks the session ready; Identify or Resume was accepted.
func (r *runner) up(resumed bool) {
	r.b.gw.connected.Store(true)
	if resumed {
		r.b.log.Info("gateway session resumed")
	}
	if r.connects.Add(1) > 1 {
		r.b.obs.Reconnect()
	}
}

// down marks the session unready: a connection ended.
func (r *runner) down() { r.b.gw.connected.Store(false) }

// gatewayInfo asks GET /gateway/bot where to connect and how many session
// starts are left; a proxy or test server that serves only the public GET
// /gateway gives the URL alone.
func (r *runner) gatewayInfo(ctx context.Context) (gatewayInfo, error) {
	gb, err := r.s.GatewayBot(discordgo.WithContext(ctx))
	if err == nil && gb.URL != "" {
		return gatewayInfo{
			url:        gb.URL,
			remaining:  gb.SessionStartLimit.Remaining,
			resetAfter: time.Duration(gb.SessionStartLimit.ResetAfter) * time.Millisecond,
		}, nil
	}
	if fatalError(err) != nil {
		return gatewayInfo{}, err // Run says what to fix
	}
	url, gerr := r.s.Gateway(discordgo.WithContext(ctx))
	if gerr != nil {
		return gatewayInfo{}, fmt.Errorf("GET /gateway/bot: %v; GET /gateway: %w", withoutURL(err), withoutURL(gerr))
	}
	return gatewayInfo{url: url, remaining: 1}, nil
}

// events returns the session's dispatch handler: it keeps what the cache
// needs and answers interactions and messages, each in a goroutine of its
// own so the session reads on.
func (r *runner) events(ctx context.Context) func(t string, d json.RawMessage) {
	// Replies must outlive ctx: after ctx is done the runner waits for
	// them (bounded), so they are cut off by their own timeout only.
	replyCtx := context.WithoutCancel(ctx)
	// reply runs a handler in a goroutine of its own, counted for shutdown,
	// within ReplyTimeout.
	reply := func(f func(ctx context.Context)) {
		r.inflight.add(1)
		go func() {
			defer r.inflight.add(-1)
			hctx, cancel := context.WithTimeout(replyCtx, r.cfg.ReplyTimeout)
			defer cancel()
			f(hctx)
		}()
	}
	decode := func(d json.RawMessage, v any) bool {
		if err := json.Unmarshal(d, v); err != nil {
			r.b.log.WarnContext(ctx, "gateway: undecodable event", "err", err)
			return false
		}
		return true
	}
	return func(t string, d json.RawMessage) {
		switch t {
		case "READY":
			var e discordgo.Ready
			if decode(d, &e) {
				r.mu.Lock()
				r.user = e.User
				if e.Application != nil {
					r.appID = e.Application.ID
				}
				r.mu.Unlock()
			}
			r.readyOnce.Do(func() { close(r.ready) })
		case "GUILD_CREATE", "GUILD_UPDATE":
			var g discordgo.Guild
			if decode(d, &g) {
				r.cache.guild(&g)
				for _, th := range g.Threads {
					r.cache.thread(th)
				}
			}
		case "GUILD_DELETE":
			var g discordgo.Guild
			if decode(d, &g) {
				r.cache.removeGuild(&g)
			}
		case "THREAD_CREATE", "THREAD_UPDATE":
			var c discordgo.Channel
			if decode(d, &c) {
				r.cache.thread(&c)
			}
		case "THREAD_DELETE":
			var c discordgo.Channel
			if decode(d, &c) {
				r.cache.removeThread(c.ID)
			}
		case "THREAD_LIST_SYNC":
			var e discordgo.ThreadListSync
			if decode(d, &e) {
				for _, th := range e.Threads {
					r.cache.thread(th)
				}
			}
		case "INTERACTION_CREATE":
			i, err := modal.Decode(d)
			if err != nil {
				r.b.log.WarnContext(ctx, "gateway: undecodable interaction", "err", err)
				return
			}
			reply(func(hctx context.Context) {
				resp := r.b.HandleInteraction(hctx, i)
				if err := respond(hctx, r.s, i, resp); err != nil {
					r.b.log.WarnContext(hctx, "interaction reply failed", "interaction", i.ID, "err", withoutURL(err))
				}
			})
		case "MESSAGE_CREATE":
			var m discordgo.Message
			if !decode(d, &m) {
				return
			}
			reply(func(hctx context.Context) {
				mctx := WithThreadParents(WithGuildLocale(hctx, r.cache.locale(m.GuildID)), r.cache.parent)
				out := r.b.HandleMessage(mctx, &m, r.self())
				if out == nil {
					return
				}
				if _, err := r.s.ChannelMessageSendComplex(m.ChannelID, out, discordgo.WithContext(hctx)); err != nil {
					r.b.log.WarnContext(hctx, "message reply failed", "message", m.ID, "channel", m.ChannelID, "err", withoutURL(err))
				}
			})
		}
	}
}

// self is the bot's user from READY.
func (r *runner) self() *discordgo.User {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.user
}

// shutdown waits for replies in flight; the session is closed by then.
func (r *runner) shutdown(ctx context.Context) {
	r.b.gw.connected.Store(false)
	if !r.inflight.wait(r.cfg.ShutdownTimeout) {
		r.b.log.WarnContext(ctx, "shutdown: replies still in flight after timeout", "timeout", r.cfg.ShutdownTimeout)
	}
}

// register makes the application's commands match Commands, writing only
// when they differ.
func (r *runner) register(ctx context.Context) error {
	appID := r.cfg.AppID
	if appID == "" {
		r.mu.Lock()
		appID = r.appID
		if appID == "" && r.user != nil {
			appID = r.user.ID
		}
		r.mu.Unlock()
	}
	if appID == "" {
		return errors.New("register commands: no application id: set DISCORD_APP_ID")
	}
	rctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	want := Commands(r.b.set.About)
	have, err := r.s.ApplicationCommands(appID, r.cfg.GuildID, discordgo.WithContext(rctx))
	if err == nil && CommandsEqual(have, want) {
		r.b.log.InfoContext(ctx, "commands up to date", "guild", r.cfg.GuildID, "count", len(want))
		return nil
	}
	if err != nil {
		if fatal := fatalError(err); fatal != nil {
			return fatal
		}
		r.b.log.WarnContext(ctx, "list commands failed; overwriting", "err", err)
	}
	endpoint := discordgo.EndpointApplicationGlobalCommands(appID)
	if r.cfg.GuildID != "" {
		endpoint = discordgo.EndpointApplicationGuildCommands(appID, r.cfg.GuildID)
	}
	if _, err := r.s.RequestWithBucketID(http.MethodPut, endpoint, registrationBody(want), endpoint, discordgo.WithContext(rctx)); err != nil {
		if fatal := fatalError(err); fatal != nil {
			return fatal
		}
		return fmt.Errorf("register commands (app %s, guild %q): %w", appID, r.cfg.GuildID, err)
	}
	r.b.log.InfoContext(ctx, "commands registered", "guild", r.cfg.GuildID, "count", len(want))
	return nil
}

// fatalError maps errors only a person can fix to a clear error, or nil.
// The session returns the gateway's close frame as a
// *websocket.CloseError; REST failures come as *discordgo.RESTError.
func fatalError(err error) error {
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		switch ce.Code {
		case 4004:
			return fmt.Errorf("gateway closed 4004 (authentication failed): %w", ErrTokenRejected)
		case 4014:
			return ErrDisallowedIntent
		case 4010, 4011:
			return fmt.Errorf("gateway closed %d (%s): set CALLBOT_SHARD_ID and CALLBOT_SHARD_COUNT to a valid sharding", ce.Code, ce.Text)
		case 4012, 4013:
			return fmt.Errorf("gateway closed %d (%s): this build sends a request Discord no longer accepts; upgrade callbot", ce.Code, ce.Text)
		}
		return nil
	}
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusUnauthorized {
		return fmt.Errorf("REST 401 Unauthorized: %w", ErrTokenRejected)
	}
	if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusForbidden &&
		re.Message != nil && re.Message.Code == discordgo.ErrCodeMissingAccess {
		return ErrWrongApplication
	}
	if errors.Is(err, discordgo.ErrWSShardBounds) {
		return fmt.Errorf("shard id out of range: set CALLBOT_SHARD_ID below CALLBOT_SHARD_COUNT: %w", err)
	}
	return nil
}

// inflight counts handler goroutines so shutdown can wait for them.
// sync.WaitGroup does not fit: Add may race with Wait here, as discordgo
// starts handler goroutines on its own.
type inflight struct {
	mu   sync.Mutex
	n    int
	idle chan struct{} // closed when n drops to 0
}

func (f *inflight) add(d int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n == 0 && d > 0 {
		f.idle = make(chan struct{})
	}
	f.n += d
	if f.n == 0 {
		close(f.idle)
	}
}

// wait reports whether all handlers finished within timeout.
func (f *inflight) wait(timeout time.Duration) bool {
	f.mu.Lock()
	if f.n == 0 {
		f.mu.Unlock()
		return true
	}
	idle := f.idle
	f.mu.Unlock()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case <-idle:
		return true
	case <-t.C:
		return false
	}
}
