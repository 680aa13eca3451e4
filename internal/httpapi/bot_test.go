package httpapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/callbot/callbot/bot"
	"github.com/callbot/callbot/internal/discordschema"
	"github.com/callbot/callbot/internal/journal"
	"github.com/callbot/callbot/knowledge"
	"github.com/callbot/callbot/qa"
)

// realBot is the production handler stack: embedded knowledge, the qa
// engine and the bot, with rate limiting off so tests and benchmarks can
// ask as often as they like.
func realBot(t testing.TB) (*bot.Bot, *knowledge.Set) {
	t.Helper()
	set, err := knowledge.Embedded()
	if err != nil {
		t.Fatalf("embedded knowledge: %v", err)
	}
	eng, err := qa.New(set, qa.Options{})
	if err != nil {
		t.Fatalf("qa engine: %v", err)
	}
	return bot.New(bot.Config{RateLimit: -1}, eng, set, nil, nil), set
}

// interactionJSON is a guild interaction as Discord sends it over HTTP.
func interactionJSON(typ discordgo.InteractionType, data any) []byte {
	d, err := json.Marshal(data)
	if err != nil {
		panic(err)
	}
	return fmt.Appendf(nil, `{"id":"100","application_id":"200","type":%d,"token":"tok","version":1,`+
		`"guild_id":"300","channel_id":"400","app_permissions":"0","locale":"en-US",`+
		`"member":{"user":{"id":"500","username":"asker"},"roles":[],"joined_at":"2024-01-01T00:00:00+00:00","permissions":"0"},`+
		`"data":%s}`, typ, d)
}

func askJSON(question string, private bool) []byte {
	opts := []map[string]any{{"name": "question", "type": 3, "value": question}}
	if private {
		opts = append(opts, map[string]any{"name": "private", "type": 5, "value": true})
	}
	return interactionJSON(discordgo.InteractionApplicationCommand,
		map[string]any{"id": "900", "name": "ask", "type": 1, "options": opts})
}

func commandJSON(name string) []byte {
	return interactionJSON(discordgo.InteractionApplicationCommand, map[string]any{"id": "901", "name": name, "type": 1})
}

// response is the part of an interaction response the tests read.
// (discordgo cannot decode responses: components are an interface.)
type response struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data *struct {
		Content string                   `json:"content"`
		Flags   discordgo.MessageFlags   `json:"flags"`
		Embeds  []discordgo.MessageEmbed `json:"embeds"`
		Choices []struct {
			Name  string `json:"name"`
			Value any    `json:"value"`
		} `json:"choices"`
		Components []struct {
			Components []struct {
				Type     discordgo.ComponentType `json:"type"`
				CustomID string                  `json:"custom_id"`
				Label    string                  `json:"label"`
			} `json:"components"`
		} `json:"components"`
	} `json:"data"`
}

// postSigned posts a signed body and returns the decoded response after
// checking the status and validating the body against Discord's schema
// for interaction callbacks.
func postSigned(t *testing.T, srv *httptest.Server, s signer, body []byte) (*response, []byte) {
	t.Helper()
	code, hdr, got := do(t, "POST", srv.URL+"/interactions", body, s.headers(body, time.Now()))
	if code != 200 || hdr.Get("Content-Type") != "application/json" {
		t.Fatalf("got %d %q %s, want 200 application/json", code, hdr.Get("Content-Type"), got)
	}
	if err := discordschema.ValidateInteractionResponse(got); err != nil {
		t.Errorf("response does not match Discord's schema: %v\n%s", err, got)
	}
	var resp response
	if err := json.Unmarshal(got, &resp); err != nil {
		t.Fatalf("decode response %s: %v", got, err)
	}
	return &resp, got
}

func TestRealBot(t *testing.T) {
	t.Parallel()
	b, set := realBot(t)
	s := newSigner(t)
	mux := http.NewServeMux()
	mux.Handle("/interactions", NewInteractions(b, s.pub))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	// An entry with related questions, so its answer has buttons to click.
	var entry *knowledge.Entry
	for i := range set.Entries {
		if len(set.Entries[i].Related) > 0 {
			entry = &set.Entries[i]
			break
		}
	}
	if entry == nil {
		t.Fatal("no embedded entry has related questions")
	}

	var answer *response
	t.Run("ask curated question", func(t *testing.T) {
		resp, raw := postSigned(t, srv, s, askJSON(entry.Question, false))
		if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data == nil || len(resp.Data.Embeds) == 0 {
			t.Fatalf("got %s, want a message with an embed", raw)
		}
		if got := resp.Data.Embeds[0].Description; got != entry.Answer {
			t.Errorf("asking %q: got answer %q, want entry %s's answer %q", entry.Question, got, entry.ID, entry.Answer)
		}
		if resp.Data.Flags&discordgo.MessageFlagsEphemeral != 0 {
			t.Errorf("public /ask: got flags %d, want not ephemeral", resp.Data.Flags)
		}
		answer = resp
	})
	t.Run("ask private", func(t *testing.T) {
		resp, raw := postSigned(t, srv, s, askJSON(entry.Question, true))
		if resp.Data == nil || resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
			t.Errorf("private /ask: got %s, want ephemeral", raw)
		}
	})
	t.Run("ask unanswerable and hostile", func(t *testing.T) {
		for _, q := range []string{"what is the boiling point of tungsten on mars", "", "@everyone **hi** <@123>", strings.Repeat("ж", 600)} {
			resp, raw := postSigned(t, srv, s, askJSON(q, false))
			if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data == nil {
				t.Errorf("asking %.40q: got %s, want a message", q, raw)
			}
			if strings.Contains(string(raw), "@everyone") && !strings.Contains(string(raw), `"parse":[]`) {
				t.Errorf("asking %.40q: got %s, want mentions disabled", q, raw)
			}
		}
	})
	t.Run("autocomplete then pick", func(t *testing.T) {
		word := strings.Fields(entry.Question)[0]
		body := interactionJSON(discordgo.InteractionApplicationCommandAutocomplete, map[string]any{
			"id": "900", "name": "ask", "type": 1,
			"options": []map[string]any{{"name": "question", "type": 3, "value": word, "focused": true}},
		})
		resp, raw := postSigned(t, srv, s, body)
		if resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult || resp.Data == nil || len(resp.Data.Choices) == 0 {
			t.Fatalf("autocomplete %q: got %s, want choices", word, raw)
		}
		// The chosen value comes back as the /ask option and must answer
		// the question the choice showed.
		c := resp.Data.Choices[0]
		value, ok := c.Value.(string)
		if !ok {
			t.Fatalf("choice value: got %T, want string", c.Value)
		}
		picked, raw := postSigned(t, srv, s, askJSON(value, false))
		if picked.Data == nil || len(picked.Data.Embeds) == 0 || picked.Data.Embeds[0].Title != c.Name {
			t.Errorf("asking choice %q (%q): got %s, want an answer titled %q", c.Name, value, raw, c.Name)
		}
	})
	t.Run("button", func(t *testing.T) {
		if answer == nil {
			t.Fatal("no answer to click on (see ask curated question)")
		}
		var btn *struct {
			Type     discordgo.ComponentType `json:"type"`
			CustomID string                  `json:"custom_id"`
			Label    string                  `json:"label"`
		}
		for _, row := range answer.Data.Components {
			for i, c := range row.Components {
				if c.Type == discordgo.ButtonComponent && c.CustomID != "" && btn == nil {
					btn = &row.Components[i]
				}
			}
		}
		if btn == nil {
			t.Fatalf("answer to entry %s (with related %v) has no buttons", entry.ID, entry.Related)
		}
		body := interactionJSON(discordgo.InteractionMessageComponent,
			map[string]any{"custom_id": btn.CustomID, "component_type": int(discordgo.ButtonComponent)})
		resp, raw := postSigned(t, srv, s, body)
		if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data == nil || len(resp.Data.Embeds) == 0 {
			t.Fatalf("button %q: got %s, want an answer", btn.CustomID, raw)
		}
		if got := resp.Data.Embeds[0].Title; !strings.HasPrefix(btn.Label, strings.TrimSuffix(got, "…")) && !strings.HasPrefix(got, strings.TrimSuffix(btn.Label, "…")) {
			t.Errorf("button %q labelled %q: got answer titled %q, want the labelled question", btn.CustomID, btn.Label, got)
		}
	})
	t.Run("other commands", func(t *testing.T) {
		for _, name := range []string{"topics", "sources", "about", "no-such-command"} {
			resp, raw := postSigned(t, srv, s, commandJSON(name))
			if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data == nil {
				t.Errorf("/%s: got %s, want a message", name, raw)
			}
		}
	})
}

// voteRecorder keeps the votes the bot records.
type voteRecorder struct {
	mu    sync.Mutex
	votes []journal.Vote
}

func (r *voteRecorder) Question(journal.Question) {}
func (r *voteRecorder) Vote(v journal.Vote)       { r.mu.Lock(); r.votes = append(r.votes, v); r.mu.Unlock() }

// TestModalSubmitOverHTTP posts the Not helpful form as Discord submits it,
// with label components that discordgo's decoder rejects.
func TestModalSubmitOverHTTP(t *testing.T) {
	t.Parallel()
	set, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := qa.New(set, qa.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec := &voteRecorder{}
	b := bot.New(bot.Config{RateLimit: -1, Recorder: rec, Transport: "http"}, eng, set, nil, nil)
	s := newSigner(t)
	srv := httptest.NewServer(NewInteractions(b, s.pub))
	t.Cleanup(srv.Close)

	body := interactionJSON(discordgo.InteractionModalSubmit, map[string]any{
		"custom_id": "fbm:0123456789abcdef:lawyer-remark",
		"components": []any{
			map[string]any{"type": 18, "id": 1, "component": map[string]any{"type": 3, "id": 2, "custom_id": "reason", "values": []string{"wrong"}}},
			map[string]any{"type": 18, "id": 3, "component": map[string]any{"type": 4, "id": 4, "custom_id": "comment", "value": ""}},
		},
	})
	resp, raw := postSigned(t, srv, s, body)
	if resp.Data == nil || resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(resp.Data.Content, "Thanks") {
		t.Errorf("got %s, want an ephemeral thanks", raw)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	want := journal.Vote{QuestionID: "0123456789abcdef", EntryID: "lawyer-remark", GuildID: "300", User: "500", Verdict: journal.NotHelpful, Reason: journal.ReasonWrong}
	if len(rec.votes) != 1 {
		t.Fatalf("got %d votes, want 1", len(rec.votes))
	}
	got := rec.votes[0]
	got.Time = time.Time{}
	if got != want {
		t.Errorf("got vote %+v, want %+v", got, want)
	}
}

// TestLanguagesOverHTTP: a French-locale refusal is in French, a Russian
// question from a Russian locale gets the entry's Russian answer, and a
// user-installed app in a DM between users (no guild, "user" instead of
// "member") answers.
func TestLanguagesOverHTTP(t *testing.T) {
	t.Parallel()
	b, set := realBot(t)
	s := newSigner(t)
	srv := httptest.NewServer(NewInteractions(b, s.pub))
	t.Cleanup(srv.Close)
	withLocale := func(body []byte, locale string) []byte {
		return []byte(strings.Replace(string(body), `"locale":"en-US"`, `"locale":"`+locale+`"`, 1))
	}

	resp, raw := postSigned(t, srv, s, withLocale(askJSON("what was the weather like during the call", false), "fr"))
	if resp.Data == nil || len(resp.Data.Embeds) == 0 || !strings.HasPrefix(resp.Data.Embeds[0].Description, set.About.In("fr").Refusal) {
		t.Errorf("French-locale refusal: got %s, want %q", raw, set.About.In("fr").Refusal)
	}

	e, _ := set.Entry("call-when")
	_, ru := e.Localized("ru")
	resp, raw = postSigned(t, srv, s, withLocale(askJSON("Когда был разговор Путина и Макрона?", false), "ru"))
	if resp.Data == nil || len(resp.Data.Embeds) == 0 || resp.Data.Embeds[0].Description != ru {
		t.Errorf("Russian question, Russian locale: got %s, want %q", raw, ru)
	}

	dm := fmt.Appendf(nil, `{"id":"101","application_id":"200","type":2,"token":"tok","version":1,"channel_id":"401",`+
		`"context":2,"authorizing_integration_owners":{"1":"501"},"app_permissions":"0","locale":"en-US",`+
		`"user":{"id":"501","username":"dmer"},"data":{"id":"900","name":"ask","type":1,"options":[{"name":"question","type":3,"value":%q}]}}`,
		e.Question)
	resp, raw = postSigned(t, srv, s, dm)
	if resp.Data == nil || len(resp.Data.Embeds) == 0 || resp.Data.Embeds[0].Description != e.Answer {
		t.Errorf("user-installed DM: got %s, want call-when's answer", raw)
	}
}

// TestFollowUpOverHTTP submits the Follow up form of an answer: the
// question is read after the answer's entry.
func TestFollowUpOverHTTP(t *testing.T) {
	t.Parallel()
	b, set := realBot(t)
	s := newSigner(t)
	srv := httptest.NewServer(NewInteractions(b, s.pub))
	t.Cleanup(srv.Close)
	body := interactionJSON(discordgo.InteractionModalSubmit, map[string]any{
		"custom_id": "fum:why-macron-called",
		"components": []any{
			map[string]any{"type": 18, "id": 1, "component": map[string]any{"type": 4, "id": 2, "custom_id": "question", "value": "when was that?"}},
		},
	})
	resp, raw := postSigned(t, srv, s, body)
	e, _ := set.Entry("call-when")
	if resp.Data == nil || len(resp.Data.Embeds) == 0 || resp.Data.Embeds[0].Description != e.Answer {
		t.Errorf("got %s, want call-when's answer", raw)
	}
}
