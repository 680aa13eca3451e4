package discordfake

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// openSession opens a discordgo session on fake and waits for READY.
func openSession(t *testing.T, fake *Server) *discordgo.Session {
	t.Helper()
	s := fake.Session(t)
	if err := s.Open(); err != nil {
		t.Fatalf("Open: %v", err)
	}
	ctx := testContext(t)
	if err := fake.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	if err := fake.WaitSettled(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

// events collects the events of type T a session handles.
// openWithMessages opens a session on a new fake and returns the fake and
// the messages the session receives.
func openWithMessages(t *testing.T) (*Server, <-chan *discordgo.MessageCreate) {
	t.Helper()
	fake := New(t)
	s := fake.Session(t)
	got := events[*discordgo.MessageCreate](s)
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	return fake, got
}

func events[T any](s *discordgo.Session) <-chan T {
	ch := make(chan T, 16)
	s.AddHandler(func(_ *discordgo.Session, e T) { ch <- e })
	return ch
}

func receive[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case e := <-ch:
		return e
	case <-time.After(5 * time.Second):
		var zero T
		t.Fatalf("no %T within 5s", zero)
		return zero
	}
}

func TestOpenReady(t *testing.T) {
	t.Parallel()
	fake := New(t)
	s := openSession(t, fake)
	if s.State.User == nil || s.State.User.ID != fake.AppID() || !s.State.User.Bot {
		t.Fatalf("got state user %+v, want the bot", s.State.User)
	}
	if s.State.Application == nil || s.State.Application.ID != fake.AppID() {
		t.Errorf("got application %+v, want id %s", s.State.Application, fake.AppID())
	}
	id, err := fake.WaitForIdentify(testContext(t))
	if err != nil {
		t.Fatal(err)
	}
	if id.Token != "Bot fake-token" || id.Intents != s.Identify.Intents || id.Shard != [2]int{0, 1} {
		t.Errorf("got identify %+v, want the session's token and intents", id)
	}
	if got := len(fake.RequestsMatching("GET", "/gateway")); got != 1 {
		t.Errorf("got %d GET /gateway, want 1", got)
	}
	if st := fake.Stats(); st.Connections != 1 || st.Identifies != 1 || st.Resumes != 0 {
		t.Errorf("got stats %+v, want one connection and identify", st)
	}
}

func TestDispatchInteractionAndRespond(t *testing.T) {
	t.Parallel()
	fake := New(t, ValidateBodies(t))
	s := fake.Session(t)
	got := events[*discordgo.InteractionCreate](s)
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	p := InteractionParams{GuildID: DefaultGuildID, CommandName: "ask", Options: []CommandOption{{Name: "question", Value: "who called?"}}}
	payload := CommandInteraction(p)
	if err := fake.Dispatch("INTERACTION_CREATE", payload); err != nil {
		t.Fatal(err)
	}
	ic := receive(t, got)
	if ic.ID != payload["id"] || ic.ApplicationCommandData().Options[0].StringValue() != "who called?" || ic.Member.User.ID != DefaultUserID {
		t.Fatalf("got %+v, want the dispatched command", ic.Interaction)
	}
	err := s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "Macron called Putin."},
	})
	if err != nil {
		t.Fatal(err)
	}
	req, err := fake.WaitForRequest(testContext(t), MatchRoute("POST", "/interactions/"+ic.ID+"/"+ic.Token+"/callback"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(req.JSON), "Macron called Putin.") {
		t.Errorf("got callback body %s, want the answer", req.JSON)
	}
}

func TestDispatchMessageCreate(t *testing.T) {
	t.Parallel()
	fake, got := openWithMessages(t)
	bot := fake.BotUser()
	if err := fake.Dispatch("MESSAGE_CREATE", MessageCreate(MessageParams{GuildID: DefaultGuildID, Content: bot.Mention() + " hi", Mentions: []User{bot}})); err != nil {
		t.Fatal(err)
	}
	m := receive(t, got)
	if m.GuildID != DefaultGuildID || len(m.Mentions) != 1 || m.Mentions[0].ID != bot.ID || m.Author.Bot {
		t.Errorf("got %+v, want a guild message from a human mentioning the bot", m.Message)
	}
}

func TestDropConnectionResumes(t *testing.T) {
	t.Parallel()
	fake, got := openWithMessages(t)
	ctx := testContext(t)
	fake.DropConnection()
	// Sent while the client is away: kept and replayed on resume.
	if err := fake.Dispatch("MESSAGE_CREATE", MessageCreate(MessageParams{Content: "missed"})); err != nil {
		t.Fatal(err)
	}
	rs, err := fake.WaitForResumes(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !rs[0].OK || rs[0].Seq != 1 {
		t.Errorf("got resume %+v, want an accepted resume from seq 1 (READY)", rs[0])
	}
	if m := receive(t, got); m.Content != "missed" {
		t.Errorf("got %q, want the replayed message", m.Content)
	}
	if err := fake.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	if err := fake.Dispatch("MESSAGE_CREATE", MessageCreate(MessageParams{Content: "after"})); err != nil {
		t.Fatal(err)
	}
	if m := receive(t, got); m.Content != "after" {
		t.Errorf("got %q, want the message sent after resuming", m.Content)
	}
	if st := fake.Stats(); st.Identifies != 1 || st.Resumes != 1 || st.Connections != 2 {
		t.Errorf("got stats %+v, want 1 identify, 1 resume, 2 connections", st)
	}
}

func TestReconnectOpcodeResumes(t *testing.T) {
	t.Parallel()
	fake, got := openWithMessages(t)
	ctx := testContext(t)
	fake.SendReconnect()
	rs, err := fake.WaitForResumes(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !rs[0].OK {
		t.Errorf("got resume %+v, want accepted", rs[0])
	}
	if err := fake.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	if err := fake.Dispatch("MESSAGE_CREATE", MessageCreate(MessageParams{Content: "after op 7"})); err != nil {
		t.Fatal(err)
	}
	if m := receive(t, got); m.Content != "after op 7" {
		t.Errorf("got %q, want the message", m.Content)
	}
	if st := fake.Stats(); st.Identifies != 1 {
		t.Errorf("got %d identifies, want 1", st.Identifies)
	}
}

func TestInvalidSessionReidentifies(t *testing.T) {
	t.Parallel()
	// discordgo answers op 9 with a new Identify on the same connection,
	// whatever the resumable flag says.
	for _, resumable := range []bool{false, true} {
		fake := New(t)
		s := fake.Session(t)
		ready := events[*discordgo.Ready](s)
		if err := s.Open(); err != nil {
			t.Fatal(err)
		}
		first := receive(t, ready).SessionID
		fake.SendInvalidSession(resumable)
		if _, err := fake.WaitForIdentifies(testContext(t), 2); err != nil {
			t.Fatalf("resumable=%v: %v", resumable, err)
		}
		second := receive(t, ready).SessionID
		if second == first || second == "" {
			t.Errorf("resumable=%v: got session %q after %q, want a new one", resumable, second, first)
		}
		if st := fake.Stats(); st.Connections != 1 || st.Resumes != 0 {
			t.Errorf("resumable=%v: got stats %+v, want same connection, no resume", resumable, st)
		}
		if err := fake.Dispatch("TYPING_START", map[string]any{"channel_id": DefaultChannelID, "user_id": DefaultUserID, "timestamp": 1}); err != nil {
			t.Errorf("dispatch to the new session: %v", err)
		}
	}
}

func TestCloseAuthenticationFailedDuringOpen(t *testing.T) {
	t.Parallel()
	fake := New(t, WithToken("right"))
	s, err := discordgo.New("Bot wrong")
	if err != nil {
		t.Fatal(err)
	}
	s.Client.Transport = fake.Transport()
	s.LogLevel = discordgo.LogError - 1 // the expected failure would be logged
	err = s.Open()
	if err == nil || !strings.Contains(err.Error(), "4004") {
		t.Fatalf("Open: got %v, want a 4004 close error", err)
	}
	// Open returned the error itself: no reconnect loop is running. Wait
	// past discordgo's first reconnect delay (1s) to be sure.
	time.Sleep(1200 * time.Millisecond)
	if st := fake.Stats(); st.Connections != 1 || st.Identifies != 1 {
		t.Errorf("got stats %+v, want a single connection", st)
	}
}

func TestDisallowedIntents(t *testing.T) {
	t.Parallel()
	fake := New(t, WithPrivilegedIntents(0))
	s := fake.Session(t)
	s.LogLevel = discordgo.LogError - 1
	s.Identify.Intents = discordgo.IntentsGuildMessages | discordgo.IntentMessageContent
	if err := s.Open(); err == nil || !strings.Contains(err.Error(), "4014") {
		t.Fatalf("Open: got %v, want a 4014 close error", err)
	}

	ok := New(t, WithPrivilegedIntents(discordgo.IntentMessageContent))
	s2 := ok.Session(t)
	s2.Identify.Intents = discordgo.IntentsGuildMessages | discordgo.IntentMessageContent
	if err := s2.Open(); err != nil {
		t.Errorf("Open with the intent enabled: %v", err)
	}
}

func TestCloseWithFatalCodeAfterReady(t *testing.T) {
	t.Parallel()
	// discordgo ignores close codes once connected: it reconnects and tries
	// to resume even after 4004. The fake refuses the resume (op 9) and
	// discordgo identifies again.
	fake := New(t)
	s := fake.Session(t)
	s.LogLevel = discordgo.LogError - 1 // before Open: discordgo reads it unlocked
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	fake.CloseWith(4004, "Authentication failed.")
	ctx := testContext(t)
	rs, err := fake.WaitForResumes(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].OK {
		t.Errorf("got resume %+v, want it refused", rs[0])
	}
	if _, err := fake.WaitForIdentifies(ctx, 2); err != nil {
		t.Fatal(err)
	}
	if err := fake.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestHeartbeats(t *testing.T) {
	t.Parallel()
	fake := New(t, WithHeartbeatInterval(50*time.Millisecond))
	s := openSession(t, fake)
	if err := fake.WaitForHeartbeats(testContext(t), 4); err != nil {
		t.Fatal(err)
	}
	// Close half an interval after a heartbeat, far from both ticks:
	// discordgo's heartbeat goroutine starts an endless reconnect if Close
	// begins while it is between its write and its next select.
	time.Sleep(25 * time.Millisecond)
	s.Close()
	if st := fake.Stats(); st.Connections != 1 {
		t.Errorf("got %d connections, want 1: acked heartbeats must not cause reconnects", st.Connections)
	}
}

func TestShardIdentify(t *testing.T) {
	t.Parallel()
	fake := New(t)
	s := fake.Session(t)
	s.ShardID, s.ShardCount = 1, 2
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	id, err := fake.WaitForIdentify(testContext(t))
	if err != nil {
		t.Fatal(err)
	}
	if id.Shard != [2]int{1, 2} {
		t.Errorf("got shard %v, want [1 2]", id.Shard)
	}
	if err := fake.DispatchToShard(0, "RESUMED", map[string]any{}); !errors.Is(err, ErrNoSession) {
		t.Errorf("dispatch to shard 0: got %v, want ErrNoSession", err)
	}
	if err := fake.DispatchToShard(1, "RESUMED", map[string]any{}); err != nil {
		t.Errorf("dispatch to shard 1: %v", err)
	}
}

func TestDispatchWithoutSession(t *testing.T) {
	t.Parallel()
	fake := New(t)
	if err := fake.Dispatch("MESSAGE_CREATE", MessageCreate(MessageParams{})); !errors.Is(err, ErrNoSession) {
		t.Errorf("before any session: got %v, want ErrNoSession", err)
	}
	s := openSession(t, fake)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// A client closing with 1000 ends its session, as on Discord.
	if err := fake.WaitUntil(testContext(t), func() bool { return len(fake.conns) == 0 }); err != nil {
		t.Fatal(err)
	}
	if err := fake.Dispatch("MESSAGE_CREATE", MessageCreate(MessageParams{})); !errors.Is(err, ErrNoSession) {
		t.Errorf("after Close: got %v, want ErrNoSession", err)
	}
}

func TestClientFramesRecorded(t *testing.T) {
	t.Parallel()
	fake := New(t)
	s := openSession(t, fake)
	if err := s.UpdateGameStatus(0, "questions about the call"); err != nil {
		t.Fatal(err)
	}
	err := fake.WaitUntil(testContext(t), func() bool { return len(fake.frames) > 0 })
	if err != nil {
		t.Fatal(err)
	}
	f := fake.ClientFrames()[0]
	if f.Op != 3 || !strings.Contains(string(f.Data), "questions about the call") {
		t.Errorf("got frame %d %s, want a presence update", f.Op, f.Data)
	}
}
