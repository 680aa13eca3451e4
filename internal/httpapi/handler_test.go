package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestDecodedInteractionReachesHandler(t *testing.T) {
	t.Parallel()
	s := newSigner(t)
	want := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "answer <with> & marks", Flags: discordgo.MessageFlagsEphemeral},
	}
	h := &stubHandler{resp: func(*discordgo.Interaction) *discordgo.InteractionResponse { return want }}
	srv := newTestServer(t, h, s.pub, nil)

	tests := []struct {
		name  string
		body  string
		check func(t *testing.T, i *discordgo.Interaction)
	}{
		{
			name: "command",
			body: `{"id":"10","application_id":"2","type":2,"token":"tok","version":1,"guild_id":"5","channel_id":"6",
				"member":{"user":{"id":"77","username":"u"},"roles":[],"joined_at":"2024-01-01T00:00:00+00:00","permissions":"0"},
				"app_permissions":"1024",
				"data":{"id":"9","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"when was the call?"},{"name":"private","type":5,"value":true}]}}`,
			check: func(t *testing.T, i *discordgo.Interaction) {
				d, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
				if !ok {
					t.Fatalf("data: got %T, want ApplicationCommandInteractionData", i.Data)
				}
				if d.Name != "ask" || len(d.Options) != 2 {
					t.Fatalf("data: got name %q with %d options, want ask with 2", d.Name, len(d.Options))
				}
				if got := d.Options[0].StringValue(); got != "when was the call?" {
					t.Errorf("question: got %q, want %q", got, "when was the call?")
				}
				if !d.Options[1].BoolValue() {
					t.Errorf("private: got false, want true")
				}
				if i.Member == nil || i.Member.User == nil || i.Member.User.ID != "77" {
					t.Errorf("member: got %+v, want user 77", i.Member)
				}
				if i.AppPermissions != 1024 {
					t.Errorf("app_permissions: got %d, want 1024", i.AppPermissions)
				}
			},
		},
		{
			name: "autocomplete",
			body: `{"id":"11","application_id":"2","type":4,"token":"tok","version":1,"user":{"id":"78","username":"v"},
				"data":{"id":"9","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"minsk","focused":true}]}}`,
			check: func(t *testing.T, i *discordgo.Interaction) {
				d, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
				if !ok {
					t.Fatalf("data: got %T, want ApplicationCommandInteractionData", i.Data)
				}
				if len(d.Options) != 1 || !d.Options[0].Focused || d.Options[0].StringValue() != "minsk" {
					t.Errorf("options: got %+v, want one focused option \"minsk\"", d.Options)
				}
				if i.User == nil || i.User.ID != "78" {
					t.Errorf("user: got %+v, want 78", i.User)
				}
			},
		},
		{
			name: "button",
			body: `{"id":"12","application_id":"2","type":3,"token":"tok","version":1,"user":{"id":"79","username":"w"},
				"message":{"id":"50","channel_id":"6","content":"","flags":64,"timestamp":"2024-01-01T00:00:00+00:00"},
				"data":{"custom_id":"ask:call-date","component_type":2}}`,
			check: func(t *testing.T, i *discordgo.Interaction) {
				d, ok := i.Data.(discordgo.MessageComponentInteractionData)
				if !ok {
					t.Fatalf("data: got %T, want MessageComponentInteractionData", i.Data)
				}
				if d.CustomID != "ask:call-date" || d.ComponentType != discordgo.ButtonComponent {
					t.Errorf("data: got custom_id %q type %d, want ask:call-date type 2", d.CustomID, d.ComponentType)
				}
				if i.Message == nil || i.Message.Flags&discordgo.MessageFlagsEphemeral == 0 {
					t.Errorf("message: got %+v, want an ephemeral message", i.Message)
				}
			},
		},
		{
			name: "select menu",
			body: `{"id":"13","application_id":"2","type":3,"token":"tok","version":1,"user":{"id":"79","username":"w"},
				"data":{"custom_id":"pick","component_type":3,"values":["call-date"]}}`,
			check: func(t *testing.T, i *discordgo.Interaction) {
				d, ok := i.Data.(discordgo.MessageComponentInteractionData)
				if !ok {
					t.Fatalf("data: got %T, want MessageComponentInteractionData", i.Data)
				}
				if d.CustomID != "pick" || len(d.Values) != 1 || d.Values[0] != "call-date" {
					t.Errorf("data: got %+v, want custom_id pick with value call-date", d)
				}
			},
		},
	}
	wantBody, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Not parallel: the handler's call list is shared.
			before := len(h.calls())
			body := []byte(tt.body)
			code, hdr, got := do(t, "POST", srv.URL, body, s.headers(body, fixedNow))
			if code != 200 {
				t.Fatalf("got status %d (%s), want 200", code, got)
			}
			if ct := hdr.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type: got %q, want application/json", ct)
			}
			if !jsonEqual(t, got, wantBody) {
				t.Errorf("body: got %s, want %s", got, wantBody)
			}
			calls := h.calls()
			if len(calls) != before+1 {
				t.Fatalf("handler called %d times, want 1", len(calls)-before)
			}
			tt.check(t, calls[len(calls)-1])
		})
	}
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatalf("not JSON: %s: %v", a, err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatalf("not JSON: %s: %v", b, err)
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}

type panicHandler struct{}

func (panicHandler) HandleInteraction(context.Context, *discordgo.Interaction) *discordgo.InteractionResponse {
	panic("boom")
}

// A handler that returns nothing or panics still gets a valid reply, never
// an error status, so Discord shows the user something.
func TestHandlerFailuresGetEphemeralReply(t *testing.T) {
	t.Parallel()
	s := newSigner(t)
	command := `{"id":"10","application_id":"2","type":2,"token":"tok","version":1,"data":{"id":"9","name":"ask","type":1}}`
	autocomplete := `{"id":"11","application_id":"2","type":4,"token":"tok","version":1,"data":{"id":"9","name":"ask","type":1}}`
	unknownType := `{"id":"12","application_id":"2","type":99,"token":"tok","version":1}`
	tests := []struct {
		name     string
		h        InteractionHandler
		body     string
		wantType discordgo.InteractionResponseType
	}{
		{"nil response", &stubHandler{}, command, discordgo.InteractionResponseChannelMessageWithSource},
		{"nil response to autocomplete", &stubHandler{}, autocomplete, discordgo.InteractionApplicationCommandAutocompleteResult},
		{"nil response to unknown type", &stubHandler{}, unknownType, discordgo.InteractionResponseChannelMessageWithSource},
		{"panic", panicHandler{}, command, discordgo.InteractionResponseChannelMessageWithSource},
		{"panic in autocomplete", panicHandler{}, autocomplete, discordgo.InteractionApplicationCommandAutocompleteResult},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newTestServer(t, tt.h, s.pub, nil)
			body := []byte(tt.body)
			code, _, got := do(t, "POST", srv.URL, body, s.headers(body, fixedNow))
			if code != 200 {
				t.Fatalf("got status %d (%s), want 200", code, got)
			}
			var resp discordgo.InteractionResponse
			if err := json.Unmarshal(got, &resp); err != nil {
				t.Fatalf("response %s: %v", got, err)
			}
			if resp.Type != tt.wantType || resp.Data == nil {
				t.Fatalf("response: got %s, want type %d with data", got, tt.wantType)
			}
			if tt.wantType == discordgo.InteractionResponseChannelMessageWithSource &&
				(resp.Data.Flags != discordgo.MessageFlagsEphemeral || resp.Data.Content == "") {
				t.Errorf("response: got %s, want an ephemeral message with content", got)
			}
			if tt.wantType == discordgo.InteractionApplicationCommandAutocompleteResult && !bytes.Contains(got, []byte(`"choices":[]`)) {
				t.Errorf("response: got %s, want empty choices", got)
			}
		})
	}
}

func TestConcurrentSignedRequests(t *testing.T) {
	t.Parallel()
	s := newSigner(t)
	obs := &counter{}
	echo := func(q string) *discordgo.InteractionResponse {
		return &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: q},
		}
	}
	h := &stubHandler{resp: func(i *discordgo.Interaction) *discordgo.InteractionResponse {
		return echo(i.Data.(discordgo.ApplicationCommandInteractionData).Options[0].StringValue())
	}}
	srv := newTestServer(t, h, s.pub, obs)
	const workers, each = 8, 100
	var wg sync.WaitGroup
	errs := make(chan string, workers*each)
	for w := range workers {
		wg.Go(func() {
			for n := range each {
				q := "question " + strconv.Itoa(w) + "-" + strconv.Itoa(n)
				body := []byte(`{"id":"1","application_id":"2","type":2,"token":"t","version":1,"data":{"id":"9","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"` + q + `"}]}}`)
				code, _, got, err := send(http.DefaultClient, "POST", srv.URL, body, s.headers(body, fixedNow))
				want, _ := json.Marshal(echo(q))
				if err != nil {
					errs <- err.Error()
				} else if code != 200 || !bytes.Equal(got, want) {
					errs <- "got " + strconv.Itoa(code) + " " + string(got) + ", want 200 " + string(want)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if n := len(h.calls()); n != workers*each {
		t.Errorf("handler called %d times, want %d", n, workers*each)
	}
	if n := obs.n.Load(); n != 0 {
		t.Errorf("got %d signature failures, want 0", n)
	}
}
