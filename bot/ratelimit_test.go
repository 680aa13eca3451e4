package bot

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// fakeClock is an injectable clock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestRateLimitInteractions(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	b, ans, obs := newTestBot(t, Config{Now: clock.Now}) // defaults: 5 per 30 s
	ask := command(cmdAsk, strOpt(optQuestion, "When did the call take place?"))

	// Questions of all kinds count: /ask, buttons, picks.
	for i, in := range []*discordgo.Interaction{ask, component("ask:who"), component("pick", "when"), ask, ask} {
		clock.Advance(time.Second)
		if resp := b.HandleInteraction(context.Background(), in); len(resp.Data.Embeds) == 0 {
			t.Fatalf("question %d: got %q, want an answer", i+1, resp.Data.Content)
		}
	}
	// Autocomplete and browsing do not count.
	b.HandleInteraction(context.Background(), autocomplete("wh"))
	b.HandleInteraction(context.Background(), component("topic", "call"))

	clock.Advance(time.Second) // t0+6s; first question was at t0+1s
	resp := b.HandleInteraction(context.Background(), ask)
	if want := "You're asking quickly — try again in 25 seconds."; resp.Data.Content != want {
		t.Errorf("got %q, want %q", resp.Data.Content, want)
	}
	if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Error("got a public rate-limit notice, want ephemeral")
	}
	checkLimits(t, resp)
	if obs.limited != 1 || len(ans.asked)+len(ans.answered) != 5 {
		t.Errorf("got %d limited, %d engine calls; want 1 and 5", obs.limited, len(ans.asked)+len(ans.answered))
	}

	// Another user is not affected.
	other := command(cmdAsk, strOpt(optQuestion, "Who was on the call?"))
	other.Member = member("u2")
	if resp := b.HandleInteraction(context.Background(), other); len(resp.Data.Embeds) == 0 {
		t.Errorf("other user: got %q, want an answer", resp.Data.Content)
	}

	// The window slides: 25 s later the first question has aged out.
	clock.Advance(25 * time.Second)
	if resp := b.HandleInteraction(context.Background(), ask); len(resp.Data.Embeds) == 0 {
		t.Errorf("after the window: got %q, want an answer", resp.Data.Content)
	}
	if resp := b.HandleInteraction(context.Background(), ask); !strings.Contains(resp.Data.Content, "asking quickly") {
		t.Errorf("still over: got %+v, want the notice", resp.Data)
	}
}

func TestRateLimitMessagesNoticeOnce(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	b, _, obs := newTestBot(t, Config{Now: clock.Now, RateLimit: 2, RateWindow: 10 * time.Second})
	var got []string
	for range 5 {
		out := b.HandleMessage(context.Background(), dm("Who was on the call?"), self)
		switch {
		case out == nil:
			got = append(got, "silent")
		case out.Content != "":
			got = append(got, out.Content)
		default:
			got = append(got, "answer")
		}
	}
	want := []string{"answer", "answer", "You're asking quickly — try again in 10 seconds.", "silent", "silent"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if obs.limited != 3 {
		t.Errorf("got %d rate-limited events, want 3", obs.limited)
	}
	clock.Advance(10 * time.Second)
	if out := b.HandleMessage(context.Background(), dm("Who was on the call?"), self); out == nil || len(out.Embeds) == 0 {
		t.Errorf("after the window: got %+v, want an answer", out)
	}
}

func TestRateLimitDisabled(t *testing.T) {
	t.Parallel()
	b, _, obs := newTestBot(t, Config{RateLimit: -1})
	for range 50 {
		b.HandleInteraction(context.Background(), component("ask:when"))
	}
	if obs.limited != 0 || obs.questions != 50 {
		t.Errorf("got %d limited of %d questions, want 0 of 50", obs.limited, obs.questions)
	}
}

func TestLimiterEvictsIdleUsers(t *testing.T) {
	t.Parallel()
	l := newLimiter(3, time.Minute)
	now := time.Unix(0, 0)
	for i := range 10_000 {
		l.allow(fmt.Sprint("user", i), now)
	}
	if got := l.size(); got != 10_000 {
		t.Fatalf("got %d users tracked, want 10000", got)
	}
	// One window later, the next call sweeps everyone idle.
	now = now.Add(time.Minute + time.Second)
	l.allow("fresh", now)
	if got := l.size(); got != 1 {
		t.Errorf("got %d users after the sweep, want 1", got)
	}
}

func TestLimiterConcurrent(t *testing.T) {
	t.Parallel()
	l := newLimiter(5, time.Minute)
	now := time.Unix(0, 0)
	var wg sync.WaitGroup
	var mu sync.Mutex
	allowed := 0
	for range 50 {
		wg.Go(func() {
			if ok, _, _ := l.allow("same", now); ok {
				mu.Lock()
				allowed++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if allowed != 5 {
		t.Errorf("got %d allowed, want 5", allowed)
	}
}

// TestRateLimitBareMentions: a bare mention gets a hint, but repeating it
// is rate limited like a question, so it cannot make the bot flood a channel.
func TestRateLimitBareMentions(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	b, _, _ := newTestBot(t, Config{Now: clock.Now, RateLimit: 2, RateWindow: 10 * time.Second})
	var got []string
	for range 4 {
		switch out := b.HandleMessage(context.Background(), guildMsg("c1", "<@999>", self), self); {
		case out == nil:
			got = append(got, "silent")
		case strings.HasPrefix(out.Content, "You're asking quickly"):
			got = append(got, "notice")
		default:
			got = append(got, "hint")
		}
	}
	if want := []string{"hint", "hint", "notice", "silent"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
