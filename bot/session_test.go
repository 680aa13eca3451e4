package bot

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/callbot/callbot/internal/discordfake"
)

// timeScale compresses the session's own waits in these tests; Discord's
// values stay the defaults.
const timeScale = 20

func compressed(ctx context.Context, d time.Duration) error {
	return sleepCtx(ctx, d/timeScale)
}

// sessionRun runs a bot's gateway session against fake until the test ends.
func sessionRun(t *testing.T, fake *discordfake.Server) (*Bot, context.CancelFunc, <-chan error) {
	t.Helper()
	b, _, _ := newTestBot(t, Config{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- b.RunGateway(ctx, GatewayConfig{Token: "tok", AppID: fake.AppID(), APIBase: fake.URL() + "/api/v9", NoRegister: true, sleep: compressed})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("RunGateway did not stop within 10 s")
		}
	})
	return b, cancel, done
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// TestSessionResumesOnResumeURL: after a drop the session resumes, on
// READY's resume_gateway_url, not the first URL.
func TestSessionResumesOnResumeURL(t *testing.T) {
	t.Parallel()
	fake := discordfake.New(t, discordfake.WithHeartbeatInterval(300*time.Millisecond))
	sessionRun(t, fake)
	ctx := context.Background()
	if err := fake.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	fake.DropConnection()
	waitUntil(t, "a second connection", func() bool { return len(fake.Connections()) >= 2 && fake.Connections()[1].FirstOp != 0 })
	c := fake.Connections()[1]
	if c.Path != "/resume" || c.FirstOp != 6 {
		t.Errorf("second connection: path %q first op %d, want a Resume (6) on /resume", c.Path, c.FirstOp)
	}
}

// TestSessionZombie: the first heartbeat without an ACK closes the
// connection with a code that keeps the session, and the session resumes.
func TestSessionZombie(t *testing.T) {
	t.Parallel()
	fake := discordfake.New(t, discordfake.WithHeartbeatInterval(200*time.Millisecond))
	sessionRun(t, fake)
	if err := fake.WaitReady(context.Background()); err != nil {
		t.Fatal(err)
	}
	fake.WithholdAcks(1)
	waitUntil(t, "a resume after the missed ACK", func() bool {
		cs := fake.Connections()
		return len(cs) >= 2 && cs[1].FirstOp != 0
	})
	cs := fake.Connections()
	if cs[0].CloseCode == 1000 || cs[0].CloseCode == 1001 || cs[0].CloseCode == 0 {
		t.Errorf("zombie connection closed with %d, want a code that keeps the session (not 1000/1001)", cs[0].CloseCode)
	}
	if cs[1].FirstOp != 6 {
		t.Errorf("after the zombie: first op %d, want a Resume (6)", cs[1].FirstOp)
	}
	if st := fake.Stats(); st.Identifies != 1 {
		t.Errorf("got %d identifies, want 1", st.Identifies)
	}
}

// TestSessionInvalidSession: op 9 with d=true resumes; with d=false, and
// after 4009, the session starts afresh with an Identify, not a Resume bound
// to fail.
func TestSessionInvalidSession(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		kill   func(*discordfake.Server)
		wantOp int
	}{
		{"op 9 resumable", func(f *discordfake.Server) { f.SendInvalidSession(true) }, 6},
		{"op 9 not resumable", func(f *discordfake.Server) { f.SendInvalidSession(false) }, 2},
		{"4009 session timed out", func(f *discordfake.Server) { f.CloseWith(4009, "Session timed out.") }, 2},
		{"4007 invalid seq", func(f *discordfake.Server) { f.CloseWith(4007, "Invalid seq.") }, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := discordfake.New(t, discordfake.WithHeartbeatInterval(300*time.Millisecond))
			sessionRun(t, fake)
			if err := fake.WaitReady(context.Background()); err != nil {
				t.Fatal(err)
			}
			tt.kill(fake)
			waitUntil(t, "the next connection's first op", func() bool {
				cs := fake.Connections()
				return len(cs) >= 2 && cs[1].FirstOp != 0
			})
			if got := fake.Connections()[1].FirstOp; got != tt.wantOp {
				t.Errorf("got first op %d on the next connection, want %d", got, tt.wantOp)
			}
		})
	}
}

// TestSessionIdentifyStorm: a gateway that answers every session with op 9
// (as Discord does when identifies come too fast for max_concurrency) gets
// Identifies spaced out, not hundreds a second.
func TestSessionIdentifyStorm(t *testing.T) {
	t.Parallel()
	fake := discordfake.New(t, discordfake.WithHeartbeatInterval(300*time.Millisecond))
	sessionRun(t, fake)
	if err := fake.WaitReady(context.Background()); err != nil {
		t.Fatal(err)
	}
	for end := time.Now().Add(1500 * time.Millisecond); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		fake.SendInvalidSession(false)
	}
	ids := fake.Identifies()
	if len(ids) < 2 {
		t.Fatalf("got %d identifies, want the session to identify again after op 9", len(ids))
	}
	for k := 1; k < len(ids); k++ {
		if gap := ids[k].Time.Sub(ids[k-1].Time); gap < identifySpacing/timeScale*9/10 {
			t.Errorf("identifies %d and %d %v apart, want at least %v (5 s at this test's scale)", k-1, k, gap, identifySpacing/timeScale)
		}
	}
	if max := int(1500*time.Millisecond/(identifySpacing/timeScale)) + 2; len(ids) > max {
		t.Errorf("got %d identifies in 1.5 s, want at most %d", len(ids), max)
	}
}

// TestSessionStartLimitWaits: with no session starts left the session
// waits for the reset before it identifies.
func TestSessionStartLimitWaits(t *testing.T) {
	t.Parallel()
	const reset = 600 * time.Millisecond
	// The fake's reset counts from New, and reset_after is in whole
	// milliseconds: the identify may come up to one before it.
	start := time.Now()
	fake := discordfake.New(t, discordfake.WithHeartbeatInterval(300*time.Millisecond),
		discordfake.WithSessionStartLimit(1000, 0, reset))
	sessionRun(t, fake)
	if err := fake.WaitReady(context.Background()); err != nil {
		t.Fatal(err)
	}
	ids := fake.Identifies()
	if len(ids) == 0 {
		t.Fatal("no identify, want one after the limit's reset")
	}
	if at := ids[0].Time.Sub(start); at < reset-time.Millisecond {
		t.Fatalf("identified at %v, before the limit's reset %v", at, reset)
	}
	if st := fake.Stats(); st.IdentifiesOverLimit != 0 {
		t.Errorf("got %d identifies over the limit, want none: the session waited", st.IdentifiesOverLimit)
	}
}

// TestSessionFirstHeartbeat: the first heartbeat goes out after a random
// share of the interval, not at once.
func TestSessionFirstHeartbeat(t *testing.T) {
	t.Parallel()
	const interval = 400 * time.Millisecond
	fake := discordfake.New(t, discordfake.WithHeartbeatInterval(interval))
	sessionRun(t, fake)
	waitUntil(t, "a heartbeat", func() bool { return len(fake.HeartbeatsAfterHello()) > 0 })
	if first := fake.HeartbeatsAfterHello()[0]; first > interval+100*time.Millisecond {
		t.Errorf("first heartbeat %v after Hello, want within the interval %v", first, interval)
	}
}

// TestSessionFatalCloses: a close only a person can fix stops the session.
func TestSessionFatalCloses(t *testing.T) {
	t.Parallel()
	fake := discordfake.New(t, discordfake.WithToken("right"))
	b, _, _ := newTestBot(t, Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := b.RunGateway(ctx, GatewayConfig{Token: "wrong", AppID: fake.AppID(), APIBase: fake.URL() + "/api/v9", NoRegister: true, sleep: compressed})
	if !errors.Is(err, ErrTokenRejected) {
		t.Errorf("got %v, want ErrTokenRejected", err)
	}
}
