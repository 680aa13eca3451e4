package discordfake

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// strictDecode marshals v and decodes it into out as discordgo does. In a
// dispatch discordgo only logs decode errors and passes on a half-filled
// struct, so decoding directly here is what catches a wrongly typed field.
func strictDecode(t *testing.T, v any, out any) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("discordgo cannot decode %s: %v", b, err)
	}
}

func TestCommandInteractionDecodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		payload map[string]any
		guild   string
		typ     discordgo.InteractionType
	}{
		{"guild command", CommandInteraction(InteractionParams{GuildID: DefaultGuildID, CommandName: "ask",
			Options: []CommandOption{{Name: "question", Value: "who called whom?"}, {Name: "limit", Type: discordgo.ApplicationCommandOptionInteger, Value: 3}}}),
			DefaultGuildID, discordgo.InteractionApplicationCommand},
		{"dm command", CommandInteraction(InteractionParams{CommandName: "ask",
			Options: []CommandOption{{Name: "question", Value: "who called whom?"}}}),
			"", discordgo.InteractionApplicationCommand},
		{"autocomplete", AutocompleteInteraction(InteractionParams{GuildID: DefaultGuildID, CommandName: "ask",
			Options: []CommandOption{{Name: "question", Value: "who", Focused: true}}}),
			DefaultGuildID, discordgo.InteractionApplicationCommandAutocomplete},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var ic discordgo.InteractionCreate
			strictDecode(t, tt.payload, &ic)
			if ic.Type != tt.typ || ic.GuildID != tt.guild {
				t.Fatalf("got type %v guild %q, want %v %q", ic.Type, ic.GuildID, tt.typ, tt.guild)
			}
			data := ic.ApplicationCommandData()
			if data.Name != "ask" || data.Options[0].StringValue() == "" {
				t.Errorf("got data %+v, want command ask with a string option", data)
			}
			if tt.typ == discordgo.InteractionApplicationCommandAutocomplete && !data.Options[0].Focused {
				t.Error("got focused false, want true")
			}
			if len(data.Options) > 1 && data.Options[1].IntValue() != 3 {
				t.Errorf("got limit %d, want 3", data.Options[1].IntValue())
			}
			if ic.AppPermissions != DefaultPermissions {
				t.Errorf("got app_permissions %d, want %d", ic.AppPermissions, DefaultPermissions)
			}
			if tt.guild != "" {
				if ic.Member == nil || ic.Member.User.ID != DefaultUserID || ic.Member.Permissions != DefaultPermissions || ic.Member.JoinedAt.IsZero() {
					t.Errorf("got member %+v, want DefaultUser with permissions", ic.Member)
				}
				if ic.User != nil {
					t.Errorf("got user %+v in a guild, want nil", ic.User)
				}
			} else if ic.User == nil || ic.User.ID != DefaultUserID || ic.Member != nil {
				t.Errorf("got user %+v member %+v, want user only", ic.User, ic.Member)
			}
			if ic.Token == "" || ic.ID == "" || ic.AppID != DefaultAppID {
				t.Errorf("got id %q token %q app %q, want all set", ic.ID, ic.Token, ic.AppID)
			}
		})
	}
}

func TestButtonInteractionDecodes(t *testing.T) {
	t.Parallel()
	var ic discordgo.InteractionCreate
	strictDecode(t, ButtonInteraction(InteractionParams{GuildID: DefaultGuildID, CustomID: "entry:call-date", MessageID: "55"}), &ic)
	if ic.Type != discordgo.InteractionMessageComponent {
		t.Fatalf("got type %v, want message component", ic.Type)
	}
	d := ic.MessageComponentData()
	if d.CustomID != "entry:call-date" || d.ComponentType != discordgo.ButtonComponent {
		t.Errorf("got data %+v, want button entry:call-date", d)
	}
	if ic.Message == nil || ic.Message.ID != "55" || !ic.Message.Author.Bot || len(ic.Message.Components) != 1 {
		t.Errorf("got message %+v, want bot message 55 with one row", ic.Message)
	}
}

func TestMessageCreateDecodes(t *testing.T) {
	t.Parallel()
	bot := User{ID: DefaultAppID, Username: DefaultBotUsername, Bot: true}
	tests := []struct {
		name string
		p    MessageParams
	}{
		{"guild mention", MessageParams{GuildID: DefaultGuildID, Content: bot.Mention() + " when was the call?", Mentions: []User{bot}}},
		{"dm", MessageParams{Content: "when was the call?"}},
		{"from a bot", MessageParams{GuildID: DefaultGuildID, Author: User{ID: "9", Username: "otherbot", Bot: true}, Content: "hi"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var m discordgo.MessageCreate
			strictDecode(t, MessageCreate(tt.p), &m)
			if m.Content != tt.p.Content || m.GuildID != tt.p.GuildID || m.Timestamp.IsZero() {
				t.Errorf("got content %q guild %q ts %v, want %q %q and a time", m.Content, m.GuildID, m.Timestamp, tt.p.Content, tt.p.GuildID)
			}
			wantBot := tt.p.Author.Bot
			if m.Author == nil || m.Author.Bot != wantBot {
				t.Errorf("got author %+v, want bot=%v", m.Author, wantBot)
			}
			if len(m.Mentions) != len(tt.p.Mentions) {
				t.Fatalf("got %d mentions, want %d", len(m.Mentions), len(tt.p.Mentions))
			}
			if len(m.Mentions) > 0 && m.Mentions[0].ID != DefaultAppID {
				t.Errorf("got mention %q, want %q", m.Mentions[0].ID, DefaultAppID)
			}
			if (tt.p.GuildID != "") != (m.Member != nil) {
				t.Errorf("got member %+v, want one only in a guild", m.Member)
			}
		})
	}
}

func TestPingInteraction(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(PingInteraction(InteractionParams{}))
	if err != nil {
		t.Fatal(err)
	}
	var i discordgo.Interaction
	if err := json.NewDecoder(bytes.NewReader(b)).Decode(&i); err != nil {
		t.Fatal(err)
	}
	if i.Type != discordgo.InteractionPing || i.Token == "" {
		t.Errorf("got type %v token %q, want ping with a token", i.Type, i.Token)
	}
}

func TestSnowflakesAreUnique(t *testing.T) {
	t.Parallel()
	seen := make(map[string]bool)
	for range 1000 {
		id := Snowflake()
		if seen[id] {
			t.Fatalf("duplicate snowflake %s", id)
		}
		seen[id] = true
	}
}
