package bot

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/callbot/callbot/qa"
)

func TestFatalError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  error
		want error // nil: transient
		msg  string
	}{
		{&websocket.CloseError{Code: 4004, Text: "Authentication failed."}, ErrTokenRejected, "4004 (authentication failed): DISCORD_TOKEN was rejected"},
		{&websocket.CloseError{Code: 4014, Text: "Disallowed intent(s)."}, ErrDisallowedIntent, "enable MESSAGE CONTENT INTENT"},
		{&websocket.CloseError{Code: 4011}, nil, "CALLBOT_SHARD_COUNT"},
		{&websocket.CloseError{Code: 4000}, nil, ""},
		{&websocket.CloseError{Code: 1006}, nil, ""},
		{&discordgo.RESTError{Response: &http.Response{StatusCode: 401}}, ErrTokenRejected, "401 Unauthorized: DISCORD_TOKEN was rejected"},
		{&discordgo.RESTError{Response: &http.Response{StatusCode: 500}}, nil, ""},
		{errors.New("dial tcp: connection refused"), nil, ""},
	}
	for _, tc := range tests {
		got := fatalError(tc.err)
		if tc.msg == "" {
			if got != nil {
				t.Errorf("fatalError(%v) = %v, want nil (transient)", tc.err, got)
			}
			continue
		}
		if got == nil || !strings.Contains(got.Error(), tc.msg) {
			t.Errorf("fatalError(%v) = %v, want an error containing %q", tc.err, got, tc.msg)
		}
		if tc.want != nil && !errors.Is(got, tc.want) {
			t.Errorf("fatalError(%v) = %v, want errors.Is %v", tc.err, got, tc.want)
		}
	}
	// A REST 401 is not a gateway close; its message must not claim one.
	if got := fatalError(&discordgo.RESTError{Response: &http.Response{StatusCode: 401}}); strings.Contains(got.Error(), "4004") {
		t.Errorf("fatalError(REST 401) = %q, want no mention of close code 4004", got)
	}
}

func TestRunGatewayConfigErrors(t *testing.T) {
	t.Parallel()
	b, _, _ := newTestBot(t, Config{})
	tests := []struct {
		cfg  GatewayConfig
		want string
	}{
		{GatewayConfig{}, "set DISCORD_TOKEN"},
		{GatewayConfig{Token: "Bot  "}, "set DISCORD_TOKEN"},
		{GatewayConfig{Token: "t", APIBase: "ftp://x"}, "DISCORD_API_BASE"},
		{GatewayConfig{Token: "Bot a b"}, "set DISCORD_TOKEN"},
		{GatewayConfig{Token: "t", ShardID: 2, ShardCount: 2}, "CALLBOT_SHARD_ID"},
	}
	for _, tc := range tests {
		// Should a check fail to stop it, it must still not reach Discord.
		if tc.cfg.APIBase == "" {
			tc.cfg.APIBase = "http://127.0.0.1:1/api/v9"
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := b.RunGateway(ctx, tc.cfg)
		cancel()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("RunGateway(%+v) = %v, want an error mentioning %s", tc.cfg, err, tc.want)
		}
		if err != nil && tc.cfg.Token != "" && strings.Contains(err.Error(), tc.cfg.Token+"x") {
			t.Errorf("error leaks the token: %v", err)
		}
	}
}

// miniGateway is the least of Discord needed to drive RunGateway on
// loopback: GET /gateway, a websocket whose behaviour per connection is
// scripted, and the REST calls the runner makes. The full fake lives in
// internal/discordfake; this one keeps the runner's tests self-contained.
type miniGateway struct {
	t       *testing.T
	srv     string
	script  func(n int, c *websocket.Conn, first map[string]any) // n counts connections from 1
	conns   atomic.Int32
	mu      sync.Mutex
	rest    []string // "METHOD path" of REST calls
	bodies  map[string]string
	replied chan string // interaction callback bodies
	// existing is the JSON GET .../commands returns; empty means "[]".
	existing string
}

func newMiniGateway(t *testing.T, script func(n int, c *websocket.Conn, first map[string]any)) *miniGateway {
	g := &miniGateway{t: t, script: script, bodies: map[string]string{}, replied: make(chan string, 4)}
	up := websocket.Upgrader{}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v9/gateway", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"url":"ws://`+r.Host+`/ws"}`)
	})
	// discordgo adds a slash: it dials <url>/?v=9&encoding=json.
	mux.HandleFunc("/ws/", func(w http.ResponseWriter, r *http.Request) {
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer c.Close()
		n := int(g.conns.Add(1))
		c.WriteJSON(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 45000}})
		var first map[string]any
		for { // skip heartbeats until identify or resume
			if err := c.ReadJSON(&first); err != nil {
				return
			}
			if op, _ := first["op"].(float64); op == 2 || op == 6 {
				break
			}
		}
		g.script(n, c, first)
	})
	mux.HandleFunc("/api/v9/", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		g.mu.Lock()
		key := r.Method + " " + r.URL.Path
		g.rest = append(g.rest, key)
		g.bodies[key] = string(body)
		g.mu.Unlock()
		switch {
		case strings.HasSuffix(r.URL.Path, "/callback"):
			g.replied <- string(body)
			w.WriteHeader(http.StatusNoContent)
		case strings.HasSuffix(r.URL.Path, "/commands"):
			if r.Method == "GET" {
				io.WriteString(w, cmp.Or(g.existing, "[]"))
			} else {
				w.Write(body)
			}
		default:
			http.NotFound(w, r)
		}
	})
	g.srv = loopbackServer(t, mux).URL
	return g
}

// restCalls lists the REST calls made, but for asking where the gateway is
// (GET /gateway/bot), which every connection does.
func (g *miniGateway) restCalls() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []string
	for _, c := range g.rest {
		if c != "GET /api/v9/gateway/bot" {
			out = append(out, c)
		}
	}
	return out
}

func dispatch(c *websocket.Conn, seq int, typ string, d string) error {
	return c.WriteMessage(websocket.TextMessage, []byte(`{"op":0,"s":`+itoa(seq)+`,"t":"`+typ+`","d":`+d+`}`))
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

const readyJSON = `{"v":9,"session_id":"sess1","user":{"id":"999","username":"callbot","bot":true},"application":{"id":"app1","flags":0},"guilds":[]}`

// drain reads until the connection closes, answering heartbeats.
func drain(c *websocket.Conn) {
	for {
		var m map[string]any
		if err := c.ReadJSON(&m); err != nil {
			return
		}
		if op, _ := m["op"].(float64); op == 1 {
			c.WriteJSON(map[string]any{"op": 11})
		}
	}
}

func closeWith(c *websocket.Conn, code int, text string) {
	c.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, text), time.Now().Add(time.Second))
}

func runAsync(b *Bot, ctx context.Context, cfg GatewayConfig) <-chan error {
	done := make(chan error, 1)
	go func() { done <- b.RunGateway(ctx, cfg) }()
	return done
}

func waitErr(t *testing.T, done <-chan error) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(15 * time.Second):
		t.Fatal("RunGateway did not return within 15 s")
		return nil
	}
}

func TestRunGatewayCloseCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code int
		want error
	}{
		{4004, ErrTokenRejected},
		{4014, ErrDisallowedIntent},
	}
	for _, tc := range tests {
		t.Run(itoa(tc.code), func(t *testing.T) {
			t.Parallel()
			g := newMiniGateway(t, func(n int, c *websocket.Conn, first map[string]any) {
				closeWith(c, tc.code, "nope")
				drain(c)
			})
			set := testSet(t)
			b := New(Config{ListenChannels: []string{"c9"}}, &fakeAnswerer{set: set}, set, slog.New(slog.NewTextHandler(tlog{t}, nil)), nil)
			err := waitErr(t, runAsync(b, context.Background(), GatewayConfig{Token: "tok", APIBase: g.srv + "/api/v9"}))
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if strings.Contains(err.Error(), "tok") && !strings.Contains(err.Error(), "token") {
				t.Errorf("error may leak the token: %v", err)
			}
			if b.Connected() {
				t.Error("got Connected() true after a fatal close, want false")
			}
		})
	}
}

func TestRunGatewayServesAndShutsDown(t *testing.T) {
	t.Parallel()
	identified := make(chan map[string]any, 1)
	g := newMiniGateway(t, func(n int, c *websocket.Conn, first map[string]any) {
		identified <- first
		dispatch(c, 1, "READY", readyJSON)
		dispatch(c, 2, "INTERACTION_CREATE", `{"id":"i1","application_id":"app1","type":2,"token":"itok","guild_id":"g1","channel_id":"c1",`+
			`"member":{"user":{"id":"u1","username":"a"},"roles":[],"joined_at":"2024-01-01T00:00:00Z","deaf":false,"mute":false},`+
			`"data":{"id":"cmd1","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"Who was on the call?"}]},"version":1}`)
		drain(c)
	})
	b, _, _ := newTestBot(t, Config{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := runAsync(b, ctx, GatewayConfig{Token: "Bot tok", APIBase: g.srv + "/api/v9", GuildID: "g1"})

	select {
	case id := <-identified:
		d, _ := id["d"].(map[string]any)
		if d["token"] != "Bot tok" {
			t.Errorf("identify token %v, want %q", d["token"], "Bot tok")
		}
		want := float64(Intents(Config{}))
		if d["intents"] != want {
			t.Errorf("identify intents %v, want %v", d["intents"], want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no identify within 10 s")
	}
	select {
	case body := <-g.replied:
		if !strings.Contains(body, `"description":"Putin and Macron."`) || !strings.Contains(body, `"parse":[]`) {
			t.Errorf("interaction reply %s: want the answer with no mentions", body)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no interaction reply within 10 s")
	}
	if !b.Connected() {
		t.Error("got Connected() false while connected")
	}
	// Registration runs beside serving; give it a bounded moment.
	for deadline := time.Now().Add(10 * time.Second); len(g.restCalls()) < 3 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	calls := g.restCalls()
	wantCalls := []string{"GET /api/v9/applications/app1/guilds/g1/commands", "PUT /api/v9/applications/app1/guilds/g1/commands"}
	for _, w := range wantCalls {
		found := false
		for _, c := range calls {
			found = found || c == w
		}
		if !found {
			t.Errorf("REST calls %q: want %q", calls, w)
		}
	}
	g.mu.Lock()
	put := g.bodies["PUT /api/v9/applications/app1/guilds/g1/commands"]
	g.mu.Unlock()
	var sent, want any
	err := json.Unmarshal([]byte(put), &sent)
	if err == nil {
		err = json.Unmarshal([]byte(mustJSON(t, registrationBody(Commands(testAbout)))), &want)
	}
	if err != nil || !reflect.DeepEqual(sent, want) {
		t.Errorf("registered %s (%v), want Commands(testAbout)", put, err)
	}
	cancel()
	if err := waitErr(t, done); err != nil {
		t.Errorf("got %v after shutdown, want nil", err)
	}
	if b.Connected() {
		t.Error("got Connected() true after shutdown")
	}
}

// blockingAnswerer holds every Ask until release is closed.
type blockingAnswerer struct {
	fakeAnswerer
	started chan struct{}
	release chan struct{}
}

func (a *blockingAnswerer) AskAfter(q, _ string) qa.Result { return a.Ask(q) }

func (a *blockingAnswerer) Ask(q string) qa.Result {
	close(a.started)
	<-a.release
	return a.fakeAnswerer.Ask(q)
}

func TestRunGatewayShutdownWaitsForReplies(t *testing.T) {
	t.Parallel()
	g := newMiniGateway(t, func(n int, c *websocket.Conn, first map[string]any) {
		dispatch(c, 1, "READY", readyJSON)
		dispatch(c, 2, "MESSAGE_CREATE", `{"id":"m1","channel_id":"d1","content":"Who was on the call?","author":{"id":"u1","username":"a"},`+
			`"timestamp":"2024-01-01T00:00:00Z","mentions":[],"attachments":[],"embeds":[]}`)
		drain(c)
	})
	g.existing = mustJSON(t, Commands(testAbout)) // up to date: no PUT
	set := testSet(t)
	ans := &blockingAnswerer{fakeAnswerer: fakeAnswerer{set: set}, started: make(chan struct{}), release: make(chan struct{})}
	b := New(Config{}, ans, set, nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := runAsync(b, ctx, GatewayConfig{Token: "tok", APIBase: g.srv + "/api/v9"})
	select {
	case <-ans.started:
	case <-time.After(10 * time.Second):
		t.Fatal("message not handled within 10 s")
	}
	for deadline := time.Now().Add(10 * time.Second); len(g.restCalls()) == 0 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond) // let the command check reach the server
	}
	cancel()
	select {
	case err := <-done:
		t.Fatalf("RunGateway returned %v with a reply in flight", err)
	case <-time.After(1500 * time.Millisecond): // Close itself takes 1 s
	}
	close(ans.release)
	if err := waitErr(t, done); err != nil {
		t.Errorf("got %v, want nil", err)
	}
	calls := g.restCalls()
	want := []string{"GET /api/v9/applications/app1/commands", "POST /api/v9/channels/d1/messages"}
	if fmt.Sprint(calls) != fmt.Sprint(want) {
		t.Errorf("got REST calls %q, want %q (no PUT when commands are up to date; the reply sent during shutdown)", calls, want)
	}
	g.mu.Lock()
	body := g.bodies["POST /api/v9/channels/d1/messages"]
	g.mu.Unlock()
	if !strings.Contains(body, `"message_reference":{"message_id":"m1","channel_id":"d1","fail_if_not_exists":false}`) {
		t.Errorf("reply body %s: want a reference to m1", body)
	}
}

func TestRunGatewayReconnectsThenStopsOnRevokedToken(t *testing.T) {
	t.Parallel()
	var resumed atomic.Bool
	g := newMiniGateway(t, func(n int, c *websocket.Conn, first map[string]any) {
		switch n {
		case 1: // session starts, then drops
			dispatch(c, 1, "READY", readyJSON)
			time.Sleep(100 * time.Millisecond)
			closeWith(c, 4000, "unknown error")
		case 2: // resume works
			if op, _ := first["op"].(float64); op == 6 {
				resumed.Store(true)
			}
			dispatch(c, 2, "RESUMED", `{}`)
			time.Sleep(100 * time.Millisecond)
			c.Close() // abrupt drop
			return
		default: // the token was revoked meanwhile
			closeWith(c, 4004, "Authentication failed.")
		}
		drain(c)
	})
	set := testSet(t)
	obs := &syncObserver{}
	b := New(Config{}, &fakeAnswerer{set: set}, set, nil, obs)
	err := waitErr(t, runAsync(b, context.Background(), GatewayConfig{Token: "tok", APIBase: g.srv + "/api/v9", NoRegister: true}))
	if !errors.Is(err, ErrTokenRejected) {
		t.Fatalf("got %v, want ErrTokenRejected", err)
	}
	if !resumed.Load() {
		t.Error("second connection did not resume (op 6)")
	}
	if got := obs.reconnects.Load(); got != 1 {
		t.Errorf("got %d reconnects observed, want 1", got)
	}
	if calls := g.restCalls(); len(calls) != 0 {
		t.Errorf("got REST calls %q with NoRegister, want none", calls)
	}
}

// tlog writes logs to the test log.
type tlog struct{ t *testing.T }

func (l tlog) Write(p []byte) (int, error) { l.t.Log(strings.TrimSpace(string(p))); return len(p), nil }

// syncObserver is an Observer safe for the runner's goroutines.
type syncObserver struct{ reconnects atomic.Int32 }

func (*syncObserver) Question(string, bool, time.Duration) {}
func (*syncObserver) Feedback(string, string)              {}
func (*syncObserver) Interaction(string)                   {}
func (*syncObserver) RateLimited()                         {}
func (o *syncObserver) Reconnect()                         { o.reconnects.Add(1) }

func TestRegisterCommands(t *testing.T) {
	t.Parallel()
	g := newMiniGateway(t, func(int, *websocket.Conn, map[string]any) {})
	b, _, _ := newTestBot(t, Config{})
	ctx := context.Background()
	cfg := GatewayConfig{Token: "tok", AppID: "app1", APIBase: g.srv + "/api/v9"}
	if err := b.RegisterCommands(ctx, cfg); err != nil {
		t.Fatalf("RegisterCommands: %v", err)
	}
	want := []string{"GET /api/v9/applications/app1/commands", "PUT /api/v9/applications/app1/commands"}
	if got := g.restCalls(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got REST calls %q, want %q", got, want)
	}
	cfg.AppID = ""
	if err := b.RegisterCommands(ctx, cfg); err == nil || !strings.Contains(err.Error(), "DISCORD_APP_ID") {
		t.Errorf("without an app id: got %v, want an error naming DISCORD_APP_ID", err)
	}
	if g.conns.Load() != 0 {
		t.Error("RegisterCommands opened a gateway connection, want REST only")
	}
}
