package bot_test

// Harness for the end-to-end tests: the real bot (RunGateway), the real qa
// engine and the embedded knowledge, talking over loopback to
// internal/discordfake with a real discordgo session. Assertions decode the
// bodies the fake recorded.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/callbot/callbot/bot"
	"github.com/callbot/callbot/internal/discordfake"
	"github.com/callbot/callbot/internal/discordschema"
	"github.com/callbot/callbot/knowledge"
	"github.com/callbot/callbot/qa"
)

// flagEphemeral is Discord's EPHEMERAL message flag (1 << 6).
const flagEphemeral = 64

// kb is the embedded knowledge and an engine over it, built once: both are
// read-only and the engine is safe for concurrent use.
type kb struct {
	set    *knowledge.Set
	engine *qa.Engine
}

var loadKB = sync.OnceValues(func() (kb, error) {
	set, err := knowledge.Embedded()
	if err != nil {
		return kb{}, fmt.Errorf("embedded knowledge: %w", err)
	}
	eng, err := qa.New(set, qa.Options{})
	if err != nil {
		return kb{}, fmt.Errorf("qa engine: %w", err)
	}
	return kb{set: set, engine: eng}, nil
})

// e2e is one running bot wired to its own fake Discord.
type e2e struct {
	tb   testing.TB
	ctx  context.Context // bounds every wait in the test
	fake *discordfake.Server
	bot  *bot.Bot
	kb   kb
	obs  *countingObserver
	logs *lockedBuffer

	cancelRun context.CancelFunc
	done      chan error
	stopOnce  sync.Once
}

// startE2E starts the bot on a fresh fake with body validation on and waits
// until it is connected, has registered its commands and has heartbeated.
//
// The fake sends Discord's heartbeat interval compressed to 400 ms, so the
// first heartbeat comes soon; opts may replace it (the load tests do: under
// -race a burst of a thousand dispatches delays ACKs past 400 ms, and the
// session would rightly take the connection for a zombie).
func startE2E(tb testing.TB, cfg bot.Config, opts ...discordfake.Option) *e2e {
	tb.Helper()
	k, err := loadKB()
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	tb.Cleanup(cancel)
	h := &e2e{
		tb:  tb,
		ctx: ctx,
		// Discord's 41.25 s interval, compressed: the first heartbeat comes
		// after a random share of it, and WaitSettled waits for one.
		fake: discordfake.New(tb, append([]discordfake.Option{discordfake.ValidateBodies(tb), discordfake.WithHeartbeatInterval(400 * time.Millisecond)}, opts...)...),
		kb:   k,
		obs:  newCountingObserver(),
		logs: &lockedBuffer{},
		done: make(chan error, 1),
	}
	log := slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	h.bot = bot.New(cfg, k.engine, k.set, log, h.obs)
	runCtx, cancelRun := context.WithCancel(context.Background())
	h.cancelRun = cancelRun
	gcfg := bot.GatewayConfig{
		Token:           "e2e-token",
		AppID:           h.fake.AppID(),
		GuildID:         discordfake.DefaultGuildID,
		APIBase:         h.fake.URL() + "/api/v9",
		ShutdownTimeout: 10 * time.Second,
	}
	go func() { h.done <- h.bot.RunGateway(runCtx, gcfg) }()
	// Registered after the fake's own cleanup, so this runs first.
	tb.Cleanup(func() {
		h.stop()
		if tb.Failed() {
			tb.Logf("bot log:\n%s", h.logs.String())
		}
	})

	if _, err := h.fake.WaitForRequest(ctx, discordfake.MatchRoute("PUT", "/applications/{}/guilds/{}/commands")); err != nil {
		tb.Fatalf("bot did not register its commands: %v", err)
	}
	if err := h.fake.WaitReady(ctx); err != nil {
		tb.Fatal(err)
	}
	if err := h.fake.WaitSettled(ctx); err != nil {
		tb.Fatal(err)
	}
	h.waitFor("Connected() after READY", h.bot.Connected)
	return h
}

// stop cancels RunGateway, waits for it to return nil, then checks the
// invariants of every test: no duplicate or rejected callbacks, and every
// body on a route with a schema (no silent skips).
func (h *e2e) stop() {
	h.stopOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		h.fake.WaitSettled(ctx) // on timeout stop anyway; see discordfake.WaitSettled
		h.cancelRun()
		select {
		case err := <-h.done:
			if err != nil {
				h.tb.Errorf("RunGateway returned %v after cancel, want nil", err)
			}
		case <-time.After(30 * time.Second):
			h.tb.Errorf("RunGateway did not return within 30s of cancel")
			return
		}
		if h.bot.Connected() {
			h.tb.Errorf("Connected() = true after RunGateway returned, want false")
		}
		h.checkInvariants()
	})
}

func (h *e2e) checkInvariants() {
	acked := map[string]int{}
	for _, r := range h.fake.Requests() {
		if r.Status >= 400 && r.Status != 429 && r.Status < 500 { // 429s and 5xx are injected by tests (FailNext)
			h.tb.Errorf("%s %s: fake answered %d: %s", r.Method, r.Path, r.Status, r.Body)
		}
		if r.Matches("POST", "/interactions/{}/{}/callback") && r.Status < 300 {
			acked[strings.Split(r.Path, "/")[2]]++
		}
		if len(r.JSON) == 0 {
			continue
		}
		// The fake skips routes the spec has no schema for; here that is a
		// failure, so validation cannot silently stop covering a route.
		if err := discordschema.ValidateRequest(r.Method, r.Path, r.JSON); err != nil {
			h.tb.Errorf("%s %s body: %v", r.Method, r.Path, err)
		}
	}
	for id, n := range acked {
		if n != 1 {
			h.tb.Errorf("interaction %s: got %d successful callbacks, want 1", id, n)
		}
	}
	if errs := h.fake.SchemaErrors(); len(errs) > 0 {
		h.tb.Errorf("got %d schema errors, want none (first: %v)", len(errs), errs[0])
	}
}

// waitFor polls cond (state outside the fake, e.g. observer counters) until
// it holds or the test's context ends.
func (h *e2e) waitFor(what string, cond func() bool) {
	h.tb.Helper()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-h.ctx.Done():
			h.tb.Fatalf("timed out waiting for %s", what)
		case <-tick.C:
		}
	}
}

// newUser returns a human with a fresh id, so rate limits are per test.
func newUser(name string) discordfake.User {
	return discordfake.User{ID: discordfake.Snowflake(), Username: name}
}

// ask dispatches /ask in the default guild and returns the interaction id.
func (h *e2e) ask(user discordfake.User, question string, private bool) string {
	h.tb.Helper()
	opts := []discordfake.CommandOption{{Name: "question", Value: question}}
	if private {
		opts = append(opts, discordfake.CommandOption{Name: "private", Type: 5, Value: true}) // 5: BOOLEAN
	}
	return h.interact(discordfake.CommandInteraction(discordfake.InteractionParams{
		GuildID: discordfake.DefaultGuildID, User: user, CommandName: "ask", Options: opts,
	}))
}

// interact dispatches an INTERACTION_CREATE payload and returns its id.
func (h *e2e) interact(payload map[string]any) string {
	h.tb.Helper()
	if err := h.fake.Dispatch("INTERACTION_CREATE", payload); err != nil {
		h.tb.Fatalf("dispatch: %v", err)
	}
	return payload["id"].(string)
}

// callback waits for the successful callback to interaction id and decodes it.
func (h *e2e) callback(id string) (discordfake.Request, callbackBody) {
	h.tb.Helper()
	req, err := h.fake.WaitForRequest(h.ctx, func(r discordfake.Request) bool {
		return r.Matches("POST", "/interactions/"+id+"/{}/callback") && r.Status < 300
	})
	if err != nil {
		h.tb.Fatalf("callback for interaction %s: %v", id, err)
	}
	var cb callbackBody
	if err := json.Unmarshal(req.JSON, &cb); err != nil {
		h.tb.Fatalf("callback body %s: %v", req.JSON, err)
	}
	return req, cb
}

// callbacks returns every recorded callback request for interaction id.
func (h *e2e) callbacks(id string) []discordfake.Request {
	return h.fake.RequestsMatching("POST", "/interactions/"+id+"/{}/callback")
}

// Bodies as Discord receives them, decoded independently of discordgo.
type callbackBody struct {
	Type int          `json:"type"`
	Data responseData `json:"data"`
}

type responseData struct {
	Content         string           `json:"content"`
	Flags           int              `json:"flags"`
	Embeds          []embed          `json:"embeds"`
	Components      []component      `json:"components"`
	AllowedMentions *allowedMentions `json:"allowed_mentions"`
	Choices         []struct {
		Name  string `json:"name"`
		Value any    `json:"value"`
	} `json:"choices"`
}

type embed struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Fields      []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"fields"`
}

type component struct {
	Type       int         `json:"type"`
	CustomID   string      `json:"custom_id"`
	Components []component `json:"components"`
}

type allowedMentions struct {
	Parse       []string `json:"parse"`
	RepliedUser *bool    `json:"replied_user,omitempty"`
}

// String shows the JSON, where null and [] differ.
func (a *allowedMentions) String() string {
	b, _ := json.Marshal(a)
	return string(b)
}

// pingsNobody reports whether am is present with "parse": [] (an empty
// list, not null or absent, which would let Discord parse mentions).
func pingsNobody(am *allowedMentions) bool {
	return am != nil && am.Parse != nil && len(am.Parse) == 0
}

// customIDs lists the custom ids of every component, rows flattened.
func customIDs(cs []component) []string {
	var out []string
	for _, c := range cs {
		if c.CustomID != "" {
			out = append(out, c.CustomID)
		}
		out = append(out, customIDs(c.Components)...)
	}
	return out
}

// collapse joins whitespace runs, as quotes are rendered on one line.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// checkAnswerEmbed checks that d answers with entry e: its answer as the
// description and at least one citation field whose quote is, word for
// word, in the cited source article.
func checkAnswerEmbed(t testing.TB, set *knowledge.Set, d responseData, e *knowledge.Entry) {
	t.Helper()
	if len(d.Embeds) != 1 {
		t.Fatalf("got %d embeds, want 1 answer embed (content %q)", len(d.Embeds), d.Content)
	}
	emb := d.Embeds[0]
	if want := firstRunes(collapse(e.Answer), 60); !strings.HasPrefix(collapse(emb.Description), want) {
		t.Errorf("got description %q, want entry %s's answer starting %q", emb.Description, e.ID, want)
	}
	quoted := 0
	for _, f := range emb.Fields {
		q := strings.TrimSuffix(strings.TrimPrefix(f.Value, "> "), "…")
		for _, src := range set.Sources {
			if strings.Contains(f.Name, src.Title) && len(q) > 20 && strings.Contains(collapse(src.Text), collapse(q)) {
				quoted++
			}
		}
	}
	if quoted == 0 {
		t.Errorf("got fields %+v, want a citation quoting its source article word for word", emb.Fields)
	}
}

func firstRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// entry returns a curated entry or fails the test.
func (h *e2e) entry(id string) *knowledge.Entry {
	h.tb.Helper()
	e, ok := h.kb.set.Entry(id)
	if !ok {
		h.tb.Fatalf("knowledge has no entry %q", id)
	}
	return e
}

// checkNoRawMentions fails if any string in body holds a mention Discord
// would render, and requires the question to be echoed (escaped) at all, so
// the check cannot pass vacuously.
func checkNoRawMentions(t testing.TB, q string, body []byte) {
	t.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	echoed := false
	for _, s := range allStrings(v) {
		for _, raw := range []string{"@everyone", "@here", "<@123>"} {
			if strings.Contains(s, raw) {
				t.Errorf("%q: reply text %q contains raw %q", q, s, raw)
			}
		}
		echoed = echoed || strings.Contains(s, "everyone")
	}
	if !echoed {
		t.Errorf("%q: reply %s does not echo the question; want it echoed, escaped", q, body)
	}
}

func allStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, allStrings(x)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, x := range v {
			out = append(out, allStrings(x)...)
		}
		return out
	}
	return nil
}

// countingObserver counts bot.Observer events by name.
type countingObserver struct {
	mu sync.Mutex
	n  map[string]int
}

func newCountingObserver() *countingObserver { return &countingObserver{n: map[string]int{}} }

func (o *countingObserver) add(k string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.n[k]++
}

func (o *countingObserver) count(k string) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.n[k]
}

func (o *countingObserver) Feedback(verdict, _ string) { o.add("vote:" + verdict) }
func (o *countingObserver) Question(_ string, answered bool, _ time.Duration) {
	if answered {
		o.add("answered")
	} else {
		o.add("refused")
	}
}
func (o *countingObserver) Interaction(kind string) { o.add(kind) }
func (o *countingObserver) RateLimited()            { o.add("ratelimited") }
func (o *countingObserver) Reconnect()              { o.add("reconnect") }

// lockedBuffer collects the bot's log for failing tests.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
