package discordfake

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestRewriteTransport(t *testing.T) {
	t.Parallel()
	var gotPath, gotHost string
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotPath, gotHost = r.URL.RequestURI(), r.Host
	}))
	defer hs.Close()
	base, err := url.Parse(hs.URL + "/proxy/")
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: RewriteTransport(base, nil)}
	req, err := http.NewRequest("GET", "https://discord.com/api/v9/users/@me?x=1", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if want := "/proxy/api/v9/users/@me?x=1"; gotPath != want {
		t.Errorf("got path %q, want %q", gotPath, want)
	}
	if gotHost != base.Host {
		t.Errorf("got host %q, want %q", gotHost, base.Host)
	}
	if req.URL.Host != "discord.com" {
		t.Errorf("caller's request was modified: host %q", req.URL.Host)
	}
}

func TestRESTBasics(t *testing.T) {
	t.Parallel()
	fake := New(t, ValidateBodies(t))
	s := fake.Session(t)

	u, err := s.User("@me")
	if err != nil {
		t.Fatal(err)
	}
	if u.ID != fake.AppID() || !u.Bot {
		t.Errorf("got user %+v, want bot %s", u, fake.AppID())
	}
	app, err := s.Application("@me")
	if err != nil {
		t.Fatal(err)
	}
	if app.ID != fake.AppID() {
		t.Errorf("got application id %q, want %q", app.ID, fake.AppID())
	}
	gw, err := s.GatewayBot()
	if err != nil {
		t.Fatal(err)
	}
	if gw.Shards != 1 || !strings.HasPrefix(gw.URL, "ws://127.0.0.1:") {
		t.Errorf("got gateway %+v, want 1 shard on ws://127.0.0.1", gw)
	}
	if len(fake.RequestsMatching("GET", "/users/@me")) != 1 {
		t.Errorf("got %d GET /users/@me recorded, want 1", len(fake.RequestsMatching("GET", "/users/@me")))
	}

	_, err = s.Request("GET", discordgo.EndpointGuild("1"), nil)
	var restErr *discordgo.RESTError
	if !errors.As(err, &restErr) || restErr.Response.StatusCode != http.StatusNotFound || restErr.Message == nil || restErr.Message.Message != "404: Not Found" {
		t.Errorf("GET unknown route: got %v, want a 404 RESTError with a JSON message", err)
	}
}

func TestApplicationCommandBulkOverwrite(t *testing.T) {
	t.Parallel()
	fake := New(t, ValidateBodies(t))
	s := fake.Session(t)
	cmds := []*discordgo.ApplicationCommand{{
		Name: "ask", Description: "Ask about the call",
		Options: []*discordgo.ApplicationCommandOption{{
			Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "Your question", Required: true, Autocomplete: true,
		}},
	}}
	for _, guild := range []string{"", DefaultGuildID} {
		got, err := s.ApplicationCommandBulkOverwrite(fake.AppID(), guild, cmds)
		if err != nil {
			t.Fatalf("guild %q: %v", guild, err)
		}
		if len(got) != 1 || got[0].ID == "" || got[0].ApplicationID != fake.AppID() || got[0].GuildID != guild {
			t.Fatalf("guild %q: got %+v, want one command with ids", guild, got[0])
		}
		again, err := s.ApplicationCommandBulkOverwrite(fake.AppID(), guild, cmds)
		if err != nil {
			t.Fatal(err)
		}
		if again[0].ID != got[0].ID {
			t.Errorf("guild %q: overwrite changed the id from %s to %s, want it kept", guild, got[0].ID, again[0].ID)
		}
		list, err := s.ApplicationCommands(fake.AppID(), guild)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].Name != "ask" || len(list[0].Options) != 1 {
			t.Errorf("guild %q: got %d commands, want the registered one", guild, len(list))
		}
		if got := fake.Commands(guild); len(got) != 1 {
			t.Errorf("guild %q: Commands() has %d, want 1", guild, len(got))
		}
	}
	put := fake.RequestsMatching("PUT", "/applications/{}/guilds/{}/commands")
	if len(put) != 2 {
		t.Fatalf("got %d guild PUTs recorded, want 2", len(put))
	}
	var body []map[string]any
	if err := json.Unmarshal(put[0].JSON, &body); err != nil || body[0]["name"] != "ask" {
		t.Errorf("recorded body %s, want the commands", put[0].JSON)
	}
	if _, err := s.ApplicationCommandBulkOverwrite("42", "", cmds); err == nil {
		t.Error("overwrite for another application: got nil error, want 403")
	}
}

func TestInteractionResponses(t *testing.T) {
	t.Parallel()
	fake := New(t, ValidateBodies(t))
	s := fake.Session(t)
	ctx := testContext(t)
	i := &discordgo.Interaction{ID: Snowflake(), AppID: fake.AppID(), Token: randomToken()}

	err := s.InteractionRespond(i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "The call was on 20 February 2022."},
	})
	if err != nil {
		t.Fatal(err)
	}
	req, err := fake.WaitForRequest(ctx, MatchRoute("POST", "/interactions/{}/{}/callback"))
	if err != nil {
		t.Fatal(err)
	}
	if req.Status != http.StatusNoContent || !strings.Contains(string(req.JSON), "20 February 2022") || req.Path != "/interactions/"+i.ID+"/"+i.Token+"/callback" {
		t.Errorf("got callback %s %d %s, want 204 with the content", req.Path, req.Status, req.JSON)
	}
	err = s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
	var restErr *discordgo.RESTError
	if !errors.As(err, &restErr) || restErr.Message == nil || restErr.Message.Code != 40060 {
		t.Errorf("second response: got %v, want 40060 already acknowledged", err)
	}

	orig, err := s.InteractionResponse(i)
	if err != nil || orig.Content != "The call was on 20 February 2022." {
		t.Fatalf("GET @original: got %+v, %v", orig, err)
	}
	content := "edited"
	edited, err := s.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &content})
	if err != nil || edited.Content != "edited" || edited.EditedTimestamp == nil {
		t.Fatalf("PATCH @original: got %+v, %v", edited, err)
	}
	f, err := s.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Content: "more", Flags: discordgo.MessageFlagsEphemeral})
	if err != nil || f.ID == "" || f.Content != "more" || f.Flags != discordgo.MessageFlagsEphemeral {
		t.Fatalf("follow-up: got %+v, %v", f, err)
	}
	if _, ok := fake.WebhookMessage(i.Token, f.ID); !ok {
		t.Error("follow-up not stored")
	}
	if err := s.FollowupMessageDelete(i, f.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.FollowupMessageEdit(i, f.ID, &discordgo.WebhookEdit{Content: &content})
	if !errors.As(err, &restErr) || restErr.Message == nil || restErr.Message.Code != 10008 {
		t.Errorf("edit deleted follow-up: got %v, want 10008 Unknown Message", err)
	}
	if _, err := s.FollowupMessageCreate(i, false, &discordgo.WebhookParams{Content: "no wait"}); err != nil {
		t.Errorf("follow-up without wait: %v", err)
	}
	if r := fake.RequestsMatching("POST", "/webhooks/{}/{}"); len(r) != 2 || r[1].Status != http.StatusNoContent {
		t.Errorf("got %d follow-up posts, last %+v, want 2 with the second 204", len(r), r)
	}
}

func TestChannelMessageSendComplex(t *testing.T) {
	t.Parallel()
	fake := New(t, ValidateBodies(t))
	s := fake.Session(t)
	m, err := s.ChannelMessageSendComplex(DefaultChannelID, &discordgo.MessageSend{
		Content:         "Answer",
		Embeds:          []*discordgo.MessageEmbed{{Title: "The call", Description: "d"}},
		Reference:       &discordgo.MessageReference{MessageID: "77", ChannelID: DefaultChannelID},
		AllowedMentions: &discordgo.MessageAllowedMentions{},
	})
	if err != nil {
		t.Fatal(err)
	}
	if m.ID == "" || m.ChannelID != DefaultChannelID || m.Author.ID != fake.AppID() || len(m.Embeds) != 1 || m.Embeds[0].Type != "rich" {
		t.Errorf("got message %+v, want one by the bot with an embed", m)
	}
	if m.MessageReference == nil || m.MessageReference.MessageID != "77" || m.Type != discordgo.MessageTypeReply {
		t.Errorf("got reference %+v type %v, want a reply to 77", m.MessageReference, m.Type)
	}
	if got := fake.ChannelMessages(DefaultChannelID); len(got) != 1 {
		t.Errorf("got %d stored messages, want 1", len(got))
	}
	reqs := fake.RequestsMatching("POST", "/channels/{}/messages")
	if len(reqs) != 1 || reqs[0].Header.Get("Authorization") != "Bot fake-token" {
		t.Fatalf("got %+v, want one request with the bot token", reqs)
	}
}

func TestValidateBodiesCollectsErrors(t *testing.T) {
	t.Parallel()
	fake := New(t, ValidateBodies(nil))
	s := fake.Session(t)
	if _, err := s.ChannelMessageSend(DefaultChannelID, strings.Repeat("x", 4001)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ChannelMessageSend(DefaultChannelID, "fine"); err != nil {
		t.Fatal(err)
	}
	if errs := fake.SchemaErrors(); len(errs) != 1 || !strings.Contains(errs[0].Error(), "maxLength") {
		t.Errorf("got schema errors %v, want one about maxLength", errs)
	}
}

func TestWithTokenRejectsWrongToken(t *testing.T) {
	t.Parallel()
	fake := New(t, WithToken("right"))
	good := fake.Session(t)
	if _, err := good.User("@me"); err != nil {
		t.Errorf("right token: %v", err)
	}
	bad, err := discordgo.New("Bot wrong")
	if err != nil {
		t.Fatal(err)
	}
	bad.Client = &http.Client{Transport: fake.Transport()}
	bad.LogLevel = discordgo.LogError
	_, err = bad.User("@me")
	var restErr *discordgo.RESTError
	if !errors.As(err, &restErr) || restErr.Response.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong token: got %v, want 401", err)
	}
}

func TestRateLimitRetried(t *testing.T) {
	t.Parallel()
	fake := New(t)
	s := fake.Session(t)
	fake.FailNext("POST", "/channels/{}/messages", 1, http.StatusTooManyRequests, 0.05)
	if _, err := s.ChannelMessageSend(DefaultChannelID, "hi"); err != nil {
		t.Fatalf("got %v, want discordgo to retry after the 429", err)
	}
	reqs := fake.RequestsMatching("POST", "/channels/{}/messages")
	if len(reqs) != 2 || reqs[0].Status != http.StatusTooManyRequests || reqs[1].Status != http.StatusOK {
		t.Fatalf("got %d requests, want a 429 then a 200", len(reqs))
	}
	if gap := reqs[1].Time.Sub(reqs[0].Time); gap < 50*time.Millisecond {
		t.Errorf("retry came after %v, want at least retry_after 50ms", gap)
	}
	if string(reqs[0].Body) != string(reqs[1].Body) {
		t.Error("retry sent a different body")
	}
}

func TestRateLimitWithoutRetry(t *testing.T) {
	t.Parallel()
	fake := New(t)
	s := fake.Session(t)
	s.ShouldRetryOnRateLimit = false
	fake.FailNext("", "/channels/{}/messages", 1, http.StatusTooManyRequests, 0.25)
	_, err := s.ChannelMessageSend(DefaultChannelID, "hi")
	var rl *discordgo.RateLimitError
	if !errors.As(err, &rl) || rl.RetryAfter != 250*time.Millisecond {
		t.Fatalf("got %v, want RateLimitError with RetryAfter 250ms", err)
	}
	h := fake.Requests()[0].Status
	if h != http.StatusTooManyRequests {
		t.Errorf("got status %d, want 429", h)
	}
}

func TestServerErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		status, n    int
		wantRequests int
		wantErr      bool
	}{
		{"502 retried once", http.StatusBadGateway, 1, 2, false},
		{"502 gives up after MaxRestRetries", http.StatusBadGateway, 10, 4, true},
		{"500 not retried", http.StatusInternalServerError, 1, 1, true},
		{"503 not retried", http.StatusServiceUnavailable, 1, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := New(t)
			s := fake.Session(t)
			fake.FailNext("POST", "/channels/{}/messages", tt.n, tt.status, 0)
			_, err := s.ChannelMessageSend(DefaultChannelID, "hi")
			if (err != nil) != tt.wantErr {
				t.Errorf("got error %v, want error %v", err, tt.wantErr)
			}
			if got := len(fake.Requests()); got != tt.wantRequests {
				t.Errorf("got %d requests, want %d", got, tt.wantRequests)
			}
		})
	}
}

func TestRawBodyRecordedForMultipart(t *testing.T) {
	t.Parallel()
	fake := New(t, ValidateBodies(t))
	s := fake.Session(t)
	_, err := s.ChannelMessageSendComplex(DefaultChannelID, &discordgo.MessageSend{
		Content: "with file",
		Files:   []*discordgo.File{{Name: "a.txt", ContentType: "text/plain", Reader: strings.NewReader("hello")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := fake.Requests()[0]
	if !strings.Contains(string(r.JSON), `"with file"`) || !strings.Contains(string(r.Body), "hello") {
		t.Errorf("got JSON %s, want payload_json; body has file: %v", r.JSON, strings.Contains(string(r.Body), "hello"))
	}
	if m := fake.ChannelMessages(DefaultChannelID); len(m) != 1 || m[0]["content"] != "with file" {
		t.Errorf("got stored %v, want the message", m)
	}
}

func TestGlobalRateLimit(t *testing.T) {
	t.Parallel()
	fake := New(t)
	s := fake.Session(t)
	fake.RateLimitGlobal("", "/users/@me", 1, 0.05)
	if _, err := s.User("@me"); err != nil {
		t.Fatalf("got %v, want a retry after the global 429", err)
	}
	reqs, err := fake.WaitForRequests(testContext(t), 2, MatchRoute("GET", "/users/@me"))
	if err != nil {
		t.Fatal(err)
	}
	if reqs[0].Status != http.StatusTooManyRequests || reqs[1].Status != http.StatusOK {
		t.Errorf("got statuses %d, %d; want 429 then 200", reqs[0].Status, reqs[1].Status)
	}
}
