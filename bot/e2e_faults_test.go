package bot_test

import (
	"strings"
	"testing"
	"time"

	"github.com/callbot/callbot/bot"
	"github.com/callbot/callbot/internal/discordfake"
)

func TestE2EResumesAfterDroppedConnection(t *testing.T) {
	t.Parallel()
	h := startE2E(t, bot.Config{})
	const question = "When did the call take place?"
	// One answer before the drop, so the resumed session has a sequence.
	h.callback(h.ask(newUser("liam"), question, false))

	h.fake.DropConnection()
	resumes, err := h.fake.WaitForResumes(h.ctx, 1)
	if err != nil {
		t.Fatalf("bot did not resume after the drop: %v", err)
	}
	if !resumes[0].OK {
		t.Errorf("got resume %+v, want it accepted", resumes[0])
	}
	if err := h.fake.WaitReady(h.ctx); err != nil {
		t.Fatal(err)
	}
	h.waitFor("Connected() after the resume", h.bot.Connected)
	h.waitFor("the observer's reconnect", func() bool { return h.obs.count("reconnect") == 1 })

	id := h.ask(newUser("mia"), question, false)
	_, cb := h.callback(id)
	if cb.Type != 4 || cb.Data.Flags != 0 || len(cb.Data.Embeds) != 1 {
		t.Errorf("after resume: got %+v, want an answer", cb)
	}
	if err := h.fake.WaitSettled(h.ctx); err != nil {
		t.Fatal(err)
	}

	h.stop()
	st := h.fake.Stats()
	if st.Identifies != 1 || st.Resumes != 1 || st.Connections != 2 {
		t.Errorf("got gateway stats %+v, want 1 identify, 1 resume over 2 connections", st)
	}
	if got := h.obs.count("reconnect"); got != 1 {
		t.Errorf("observer: got %d reconnects, want 1", got)
	}
	if got := h.obs.count("answered"); got != 2 {
		t.Errorf("observer: got %d answered questions, want 2", got)
	}
}

func TestE2ECallbackRateLimitedIsRetriedOnce(t *testing.T) {
	t.Parallel()
	h := startE2E(t, bot.Config{})
	const route = "/interactions/{}/{}/callback"
	h.fake.FailNext("POST", route, 1, 429, 0.05)

	id := h.ask(newUser("noah"), "Who leaked the call?", false)
	req, cb := h.callback(id)
	if req.Status != 204 || cb.Type != 4 || len(cb.Data.Embeds) != 1 {
		t.Errorf("got status %d, callback %+v, want 204 and an answer", req.Status, cb)
	}
	// The next interaction goes through without retry.
	next := h.ask(newUser("olga"), "Who leaked the call?", false)
	h.callback(next)

	h.stop() // no retry can still be pending
	all := h.callbacks(id)
	if len(all) != 2 || all[0].Status != 429 || all[1].Status != 204 {
		var got []int
		for _, r := range all {
			got = append(got, r.Status)
		}
		t.Fatalf("got callback statuses %v for %s, want [429 204]", got, id)
	}
	if string(all[0].JSON) != string(all[1].JSON) {
		t.Errorf("retry body differs:\n%s\nwant\n%s", all[1].JSON, all[0].JSON)
	}
	if wait := all[1].Time.Sub(all[0].Time); wait < 40*time.Millisecond { // retry_after 0.05 s, less clock slack
		t.Errorf("retried after %v, want at least retry_after (50ms)", wait)
	}
	if got := len(h.callbacks(next)); got != 1 {
		t.Errorf("next interaction: got %d callbacks, want 1", got)
	}
	if got := h.obs.count("answered"); got != 2 {
		t.Errorf("observer: got %d answered questions, want 2 (a retry is not a new question)", got)
	}
	if _, ok := h.fake.WebhookMessage(tokenOf(all[1]), "@original"); !ok {
		t.Errorf("fake has no original message for %s after the retry", id)
	}
}

// tokenOf is the interaction token in a callback request path,
// "/interactions/{id}/{token}/callback".
func tokenOf(r discordfake.Request) string {
	seg := strings.Split(r.Path, "/")
	if len(seg) != 5 {
		return ""
	}
	return seg[3]
}

// TestE2EGatewayOpcodes: Discord's Reconnect (op 7) and Invalid Session
// (op 9) mid-session; the bot reconnects as each asks and answers the next
// question.
func TestE2EGatewayOpcodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                        string
		send                        func(*e2e)
		wantIdentifies, wantResumes int
	}{
		{"reconnect op 7 resumes", func(h *e2e) { h.fake.SendReconnect() }, 1, 1},
		{"invalid session op 9 identifies again", func(h *e2e) { h.fake.SendInvalidSession(false) }, 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := startE2E(t, bot.Config{})
			const question = "Why did Macron call Putin?"
			h.callback(h.ask(newUser("noah"), question, false))
			if err := h.fake.WaitSettled(h.ctx); err != nil {
				t.Fatal(err)
			}

			tt.send(h)
			h.waitFor("the gateway to reconnect", func() bool {
				st := h.fake.Stats()
				return st.Identifies == tt.wantIdentifies && st.Resumes == tt.wantResumes && st.Live == 1
			})
			if err := h.fake.WaitReady(h.ctx); err != nil {
				t.Fatal(err)
			}
			h.waitFor("Connected()", h.bot.Connected)

			_, cb := h.callback(h.ask(newUser("olivia"), question, false))
			if cb.Type != 4 || len(cb.Data.Embeds) != 1 {
				t.Errorf("after %s: got %+v, want an answer", tt.name, cb)
			}
			if err := h.fake.WaitSettled(h.ctx); err != nil {
				t.Fatal(err)
			}
			h.stop()
			if st := h.fake.Stats(); st.Identifies != tt.wantIdentifies || st.Resumes != tt.wantResumes {
				t.Errorf("gateway stats %+v, want %d identifies and %d resumes", st, tt.wantIdentifies, tt.wantResumes)
			}
		})
	}
}

// TestE2ECallbackTransient5xxRetried: a 503 or 504 on a callback is retried
// within Discord's 3 s, so the answer is not lost; the tries are bounded.
func TestE2ECallbackTransient5xxRetried(t *testing.T) {
	t.Parallel()
	h := startE2E(t, bot.Config{})
	const route = "/interactions/{}/{}/callback"
	for _, status := range []int{503, 504} {
		h.fake.FailNext("POST", route, 1, status, 0)
		id := h.ask(newUser("pia"), "Who leaked the call?", false)
		if req, cb := h.callback(id); req.Status != 204 || cb.Type != 4 {
			t.Errorf("after a %d: got status %d, callback %+v, want 204 and an answer", status, req.Status, cb)
		}
	}
	h.fake.FailNext("POST", route, 5, 503, 0)
	id := h.ask(newUser("quin"), "Who leaked the call?", false)
	if _, err := h.fake.WaitForRequests(h.ctx, 3, func(r discordfake.Request) bool { return r.Matches("POST", "/interactions/"+id+"/{}/callback") }); err != nil {
		t.Fatalf("waiting for 3 tries: %v", err)
	}
	h.stop() // no further try can still be pending
	if got := len(h.callbacks(id)); got != 3 {
		t.Errorf("a callback failing every time: %d tries, want 3", got)
	}
}

// TestE2EGlobalRateLimit: after a global 429 on one channel's message, the
// bot's next message, to another channel, waits out its retry_after.
func TestE2EGlobalRateLimit(t *testing.T) {
	t.Parallel()
	h := startE2E(t, bot.Config{})
	const retry = 0.5
	h.fake.RateLimitGlobal("POST", "/channels/{}/messages", 1, retry)
	first := h.say(h.mention("1400000000000000001", newUser("rita"), "who leaked the call?"))
	// Once the 429 is in, a message to another channel: without the
	// global pause it would go out at once.
	if _, err := h.fake.WaitForRequest(h.ctx, func(r discordfake.Request) bool {
		return r.Matches("POST", "/channels/{}/messages") && r.Status == 429
	}); err != nil {
		t.Fatal(err)
	}
	// The fake records the 429 as it answers; give the bot a moment to
	// read it.
	time.Sleep(50 * time.Millisecond)
	second := h.say(h.mention("1400000000000000002", newUser("sam"), "who leaked the call?"))
	h.replyTo("1400000000000000002", second)
	h.replyTo("1400000000000000001", first)
	var limited, next time.Time
	for _, r := range h.fake.RequestsMatching("POST", "/channels/{}/messages") {
		switch {
		case r.Status == 429:
			limited = r.Time
		case strings.Contains(r.Path, "1400000000000000002") && next.IsZero():
			next = r.Time
		}
	}
	if limited.IsZero() || next.Sub(limited) < time.Duration(retry*float64(time.Second))*9/10 {
		t.Errorf("the other channel's message went out %v after the global 429, want at least %v s", next.Sub(limited), retry)
	}
}
