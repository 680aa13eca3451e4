package bot_test

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callbot/callbot/bot"
	"github.com/callbot/callbot/internal/discordfake"
)

// loadHeartbeat is the heartbeat interval of the load tests: Discord's 41.25 s
// compressed less than the other end-to-end tests', so that a burst's
// delayed ACKs are not a zombie connection.
var loadHeartbeat = discordfake.WithHeartbeatInterval(3 * time.Second)

// loadQuestions reads testdata/e2e/load_questions.txt.
func loadQuestions(tb testing.TB) []string {
	tb.Helper()
	b, err := os.ReadFile("testdata/e2e/load_questions.txt")
	if err != nil {
		tb.Fatal(err)
	}
	var qs []string
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			qs = append(qs, line)
		}
	}
	if len(qs) == 0 {
		tb.Fatal("no questions in testdata/e2e/load_questions.txt")
	}
	return qs
}

// loadRun is what runLoad measured.
type loadRun struct {
	question  map[string]string // interaction id -> question
	callbacks map[string][]discordfake.Request
	latencies []time.Duration // dispatch -> callback, sorted
	dispatch  time.Duration   // sending every dispatch
	total     time.Duration   // first dispatch -> last callback
}

// runLoad dispatches n /ask interactions from n distinct users (so the rate
// limit never applies) as fast as the fake sends them, and waits until
// each has been answered. A lost answer fails the test when h.ctx ends.
func runLoad(tb testing.TB, h *e2e, questions []string, n int) loadRun {
	tb.Helper()
	run := loadRun{question: make(map[string]string, n), callbacks: make(map[string][]discordfake.Request, n)}
	sent := make(map[string]time.Time, n)
	payloads := make([]map[string]any, n)
	for i := range payloads {
		payloads[i] = discordfake.CommandInteraction(discordfake.InteractionParams{
			GuildID: discordfake.DefaultGuildID, User: newUser("load"), CommandName: "ask",
			Options: []discordfake.CommandOption{{Name: "question", Value: questions[i%len(questions)]}},
		})
		run.question[payloads[i]["id"].(string)] = questions[i%len(questions)]
	}

	start := time.Now()
	for _, p := range payloads {
		id := p["id"].(string)
		sent[id] = time.Now()
		if err := h.fake.Dispatch("INTERACTION_CREATE", p); err != nil {
			tb.Fatalf("dispatch: %v", err)
		}
	}
	run.dispatch = time.Since(start)

	// Poll rather than WaitForRequests: its condition rescans every
	// request under the fake's lock on every change, quadratic at this size.
	var last time.Time
	seen, answered := 0, 0
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for answered < n {
		select {
		case <-h.ctx.Done():
			tb.Fatalf("got %d of %d callbacks before the deadline", answered, n)
		case <-tick.C:
		}
		reqs := h.fake.Requests()
		for _, r := range reqs[seen:] {
			if !r.Matches("POST", "/interactions/{}/{}/callback") {
				continue
			}
			id := strings.Split(r.Path, "/")[2]
			run.callbacks[id] = append(run.callbacks[id], r)
			if t0, ok := sent[id]; ok && r.Status < 300 && len(run.callbacks[id]) == 1 {
				answered++
				run.latencies = append(run.latencies, r.Time.Sub(t0))
				if r.Time.After(last) {
					last = r.Time
				}
			}
		}
		seen = len(reqs)
	}
	run.total = last.Sub(start)
	slices.Sort(run.latencies)
	return run
}

// percentile returns the p-th percentile (0..100) of sorted durations.
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, len(sorted)*p/100)]
}

func TestGatewayLoad(t *testing.T) {
	t.Parallel()
	const n = 1000
	questions := loadQuestions(t)
	h := startE2E(t, bot.Config{}, loadHeartbeat)

	// What the engine says directly, to check the bot delivered each verdict.
	refusals := 0
	for _, q := range questions {
		if !h.kb.engine.Ask(q).Answered {
			refusals++
		}
	}
	if refusals == 0 || refusals == len(questions) {
		t.Fatalf("got %d refusals among %d load questions, want a mix", refusals, len(questions))
	}

	run := runLoad(t, h, questions, n)
	h.stop() // nothing in flight: a late duplicate would be recorded by now

	run.callbacks = map[string][]discordfake.Request{}
	for _, r := range h.fake.RequestsMatching("POST", "/interactions/{}/{}/callback") {
		id := strings.Split(r.Path, "/")[2]
		run.callbacks[id] = append(run.callbacks[id], r)
	}
	if len(run.callbacks) != n {
		t.Errorf("got callbacks for %d interactions, want %d", len(run.callbacks), n)
	}
	answers, refused := 0, 0
	for id, q := range run.question {
		cbs := run.callbacks[id]
		if len(cbs) != 1 || cbs[0].Status != 204 {
			t.Errorf("interaction %s (%q): got %d callbacks, want exactly 1 with status 204", id, q, len(cbs))
			continue
		}
		var cb callbackBody
		if err := json.Unmarshal(cbs[0].JSON, &cb); err != nil {
			t.Fatalf("callback body %s: %v", cbs[0].JSON, err)
		}
		if cb.Type != 4 || cb.Data.Flags != 0 || len(cb.Data.Embeds) != 1 || !pingsNobody(cb.Data.AllowedMentions) {
			t.Errorf("interaction %s (%q): got %+v, want one public embed pinging nobody", id, q, cb)
			continue
		}
		desc := cb.Data.Embeds[0].Description
		switch res := h.kb.engine.Ask(q); {
		case res.Answered:
			answers++
			// A French or Russian question gets the entry's translation.
			_, answer := res.Entry.Localized(res.Lang)
			if want := firstRunes(collapse(answer), 60); !strings.HasPrefix(collapse(desc), want) {
				t.Errorf("interaction %s (%q): got %q, want entry %s's answer", id, q, desc, res.Entry.ID)
			}
		default:
			refused++
			if !strings.Contains(desc, "don't know") {
				t.Errorf("interaction %s (%q): got %q, want the refusal", id, q, desc)
			}
		}
	}
	if got := h.obs.count("answered") + h.obs.count("refused"); got != n {
		t.Errorf("observer: got %d questions, want %d", got, n)
	}
	if got := h.obs.count("ratelimited"); got != 0 {
		t.Errorf("observer: got %d rate-limited, want 0 (distinct users)", got)
	}

	if st := h.fake.Stats(); st.Connections != 1 || st.Resumes != 0 {
		t.Logf("gateway: %+v (the fake's writes blocked: a slow reader)", st)
	}
	t.Logf("%d /ask over the gateway (%d answered, %d refused): dispatch->callback median %v, p99 %v, max %v; "+
		"dispatching took %v; all answered in %v (%.0f/s)",
		n, answers, refused, percentile(run.latencies, 50), percentile(run.latencies, 99),
		run.latencies[len(run.latencies)-1], run.dispatch.Round(time.Millisecond),
		run.total.Round(time.Millisecond), float64(n)/run.total.Seconds())
}

// BenchmarkGatewayAsk measures one /ask round trip on an idle bot: dispatch
// over the fake's websocket, discordgo decoding, the engine, rendering and
// the REST callback (validated against the schema by the fake).
func BenchmarkGatewayAsk(b *testing.B) {
	questions := loadQuestions(b)
	h := startE2E(b, bot.Config{RateLimit: -1})
	user := newUser("bench")
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		h.callback(h.ask(user, questions[i%len(questions)], false))
	}
}

// BenchmarkGatewayAskBurst sends b.N /ask at once and reports the latency
// percentiles of the burst; ns/op is the inverse of throughput.
func BenchmarkGatewayAskBurst(b *testing.B) {
	questions := loadQuestions(b)
	h := startE2E(b, bot.Config{RateLimit: -1}, loadHeartbeat)
	b.ReportAllocs()
	b.ResetTimer()
	run := runLoad(b, h, questions, b.N)
	b.StopTimer()
	b.ReportMetric(float64(percentile(run.latencies, 50).Milliseconds()), "ms-median")
	b.ReportMetric(float64(percentile(run.latencies, 99).Milliseconds()), "ms-p99")
}
