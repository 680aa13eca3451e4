package discordschema

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestMatchPath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path string
		want string
	}{
		{"/interactions/1/tok/callback", "/interactions/{interaction_id}/{interaction_token}/callback"},
		{"/api/v9/interactions/1/tok/callback?with_response=false", "/interactions/{interaction_id}/{interaction_token}/callback"},
		{"https://discord.com/api/v10/channels/42/messages", "/channels/{channel_id}/messages"},
		{"/api/channels/42/messages", "/channels/{channel_id}/messages"},
		{"/webhooks/{application_id}/{interaction_token}", "/webhooks/{webhook_id}/{webhook_token}"},
		{"/api/v9/webhooks/1/tok?wait=true", "/webhooks/{webhook_id}/{webhook_token}"},
		{"/webhooks/1/tok/messages/@original", "/webhooks/{webhook_id}/{webhook_token}/messages/@original"},
		{"/webhooks/1/tok/messages/99", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"},
		{"/applications/1/guilds/2/commands", "/applications/{application_id}/guilds/{guild_id}/commands"},
		{"/applications/1/commands", "/applications/{application_id}/commands"},
		{"/users/@me", "/users/@me"},
		{"/api/v9/gateway", "/gateway"},
	}
	for _, tt := range tests {
		got, ok := MatchPath(tt.path)
		if !ok || got != tt.want {
			t.Errorf("MatchPath(%q) = %q, %v; want %q, true", tt.path, got, ok, tt.want)
		}
	}
	for _, p := range []string{"/nope/1", "/channels/1/messages/2/extra/deeper/still"} {
		if got, ok := MatchPath(p); ok {
			t.Errorf("MatchPath(%q) = %q, true; want no match", p, got)
		}
	}
}

func TestValidateAcceptsValidBodies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		kind Kind
		body string
	}{
		{"pong", InteractionResponse, `{"type":1}`},
		{"message reply", InteractionResponse, `{"type":4,"data":{"content":"hello","flags":64}}`},
		{"deferred", InteractionResponse, `{"type":5}`},
		{"embed with button", InteractionResponse, `{"type":4,"data":{"embeds":[{"title":"t","description":"d","color":3447003,"fields":[{"name":"n","value":"v","inline":false}],"footer":{"text":"f"}}],"components":[{"type":1,"components":[{"type":2,"style":2,"label":"More","custom_id":"entry:x"}]}],"allowed_mentions":{"parse":[]}}}`},
		{"autocomplete", InteractionResponse, `{"type":8,"data":{"choices":[{"name":"What did Putin say?","value":"putin-said"}]}}`},
		{"update message", InteractionResponse, `{"type":7,"data":{"content":"updated"}}`},
		{"channel message", MessageCreate, `{"content":"hi","message_reference":{"message_id":"1"},"allowed_mentions":{"parse":[],"replied_user":false}}`},
		{"channel message 4000 chars", MessageCreate, `{"content":"` + strings.Repeat("a", 4000) + `"}`},
		{"global commands", GlobalCommands, `[{"name":"ask","description":"Ask a question","type":1,"options":[{"type":3,"name":"question","description":"Your question","required":true,"autocomplete":true,"max_length":300}]}]`},
		{"guild commands empty", GuildCommands, `[]`},
		{"followup", FollowupMessage, `{"content":"more","flags":64}`},
		{"edit original", OriginalResponseEdit, `{"content":"done","embeds":[]}`},
		{"edit followup", FollowupMessageEdit, `{"content":"done"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := Validate(tt.kind, []byte(tt.body)); err != nil {
				t.Errorf("Validate(%v) = %v, want nil", tt.kind, err)
			}
		})
	}
}

func TestValidateRejectsInvalidBodies(t *testing.T) {
	t.Parallel()
	embeds := func(n int) string {
		return "[" + strings.TrimSuffix(strings.Repeat(`{"title":"x"},`, n), ",") + "]"
	}
	choices := func(n int) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"name":"c%d","value":"v%d"}`, i, i)
		}
		return "[" + b.String() + "]"
	}
	tests := []struct {
		name string
		kind Kind
		body string
	}{
		{"not json", InteractionResponse, `{"type":4,`},
		{"missing type", InteractionResponse, `{"data":{"content":"x"}}`},
		{"type as string", InteractionResponse, `{"type":"4","data":{"content":"x"}}`},
		{"unknown type", InteractionResponse, `{"type":3}`},
		{"content as number", InteractionResponse, `{"type":4,"data":{"content":5}}`},
		{"content over 2000", InteractionResponse, `{"type":4,"data":{"content":"` + strings.Repeat("a", 2001) + `"}}`},
		{"eleven embeds", InteractionResponse, `{"type":4,"data":{"embeds":` + embeds(11) + `}}`},
		{"embed title over 256", InteractionResponse, `{"type":4,"data":{"embeds":[{"title":"` + strings.Repeat("t", 257) + `"}]}}`},
		{"embed description over 4096", InteractionResponse, `{"type":4,"data":{"embeds":[{"description":"` + strings.Repeat("d", 4097) + `"}]}}`},
		{"button without style", InteractionResponse, `{"type":4,"data":{"components":[{"type":1,"components":[{"type":2,"custom_id":"x"}]}]}}`},
		{"six buttons in a row", InteractionResponse, `{"type":4,"data":{"components":[{"type":1,"components":[` + strings.TrimSuffix(strings.Repeat(`{"type":2,"style":1,"custom_id":"x"},`, 6), ",") + `]}]}}`},
		{"26 autocomplete choices", InteractionResponse, `{"type":8,"data":{"choices":` + choices(26) + `}}`},
		{"autocomplete choice name over 100", InteractionResponse, `{"type":8,"data":{"choices":[{"name":"` + strings.Repeat("n", 101) + `","value":"v"}]}}`},
		{"message content over 4000", MessageCreate, `{"content":"` + strings.Repeat("a", 4001) + `"}`},
		{"message embeds not array", MessageCreate, `{"embeds":{"title":"x"}}`},
		{"commands not array", GlobalCommands, `{"name":"ask","description":"d"}`},
		{"command name over 32", GuildCommands, `[{"name":"` + strings.Repeat("a", 33) + `","description":"d"}]`},
		{"option without description", GlobalCommands, `[{"name":"ask","description":"d","options":[{"type":3,"name":"q"}]}]`},
		{"followup content over 2000", FollowupMessage, `{"content":"` + strings.Repeat("a", 2001) + `"}`},
		{"edit with eleven embeds", OriginalResponseEdit, `{"embeds":` + embeds(11) + `}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := Validate(tt.kind, []byte(tt.body)); err == nil {
				t.Errorf("Validate(%v) = nil, want an error", tt.kind)
			}
		})
	}
}

func TestValidateRequestWithoutSchema(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ method, path string }{
		{"GET", "/api/v9/users/@me"},
		{"POST", "/no/such/path"},
		{"DELETE", "/webhooks/1/tok/messages/@original"},
	} {
		err := ValidateRequest(tt.method, tt.path, []byte(`{}`))
		if !errors.Is(err, ErrNoSchema) {
			t.Errorf("ValidateRequest(%s %s) = %v, want ErrNoSchema", tt.method, tt.path, err)
		}
	}
}

func TestValidateComponent(t *testing.T) {
	t.Parallel()
	if err := ValidateComponent("RichEmbed", []byte(`{"title":"ok"}`)); err != nil {
		t.Errorf("ValidateComponent(RichEmbed, valid) = %v, want nil", err)
	}
	if err := ValidateComponent("RichEmbed", []byte(`{"color":-1}`)); err == nil {
		t.Error("ValidateComponent(RichEmbed, negative color) = nil, want an error")
	}
	if err := ValidateComponent("NoSuchSchema", []byte(`{}`)); err == nil {
		t.Error("ValidateComponent(NoSuchSchema) = nil, want an error")
	}
}

// TestDiscordgoBodies checks what discordgo v0.29.0 really marshals, so the
// bot knows which of its own structs produce schema-valid bodies.
func TestDiscordgoBodies(t *testing.T) {
	t.Parallel()
	perms := int64(discordgo.PermissionSendMessages)
	tests := []struct {
		name    string
		kind    Kind
		v       any
		wantErr bool
	}{
		{"interaction response", InteractionResponse, discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{
				Content: "answer",
				Flags:   discordgo.MessageFlagsEphemeral,
				Embeds:  []*discordgo.MessageEmbed{{Title: "t", Description: "d", Fields: []*discordgo.MessageEmbedField{{Name: "n", Value: "v"}}}},
				Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
					discordgo.Button{Label: "More", Style: discordgo.SecondaryButton, CustomID: "entry:x"},
				}}},
				AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
			},
		}, false},
		{"autocomplete response", InteractionResponse, discordgo.InteractionResponse{
			Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{{Name: "q", Value: "id"}}},
		}, false},
		{"message send", MessageCreate, discordgo.MessageSend{
			Content:   "hi",
			Reference: &discordgo.MessageReference{MessageID: "1", ChannelID: "2"},
		}, false},
		{"command", GlobalCommands, []*discordgo.ApplicationCommand{{
			Name: "ask", Description: "Ask",
			Options: []*discordgo.ApplicationCommandOption{{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "q", Required: true, Autocomplete: true}},
		}}, false},
		// discordgo sends default_member_permissions as a JSON string (Discord
		// accepts it) but the spec says integer: leave it unset or expect this.
		{"command with default_member_permissions", GlobalCommands, []*discordgo.ApplicationCommand{{
			Name: "ask", Description: "Ask", DefaultMemberPermissions: &perms,
		}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			body, err := json.Marshal(tt.v)
			if err != nil {
				t.Fatal(err)
			}
			err = Validate(tt.kind, body)
			if gotErr := err != nil; gotErr != tt.wantErr {
				t.Errorf("Validate(%v, %s) = %v, want error %v", tt.kind, body, err, tt.wantErr)
			}
		})
	}
}

func BenchmarkValidateInteractionResponse(b *testing.B) {
	body := []byte(`{"type":4,"data":{"content":"hello","embeds":[{"title":"t","description":"d"}]}}`)
	if err := ValidateInteractionResponse(body); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := ValidateInteractionResponse(body); err != nil {
			b.Fatal(err)
		}
	}
}
