package bot

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/callbot/callbot/internal/modal"
)

// menu is the message command used on a message with the given text.
func menu(text string) *discordgo.Interaction {
	i := command(cmdMenu)
	i.Data = discordgo.ApplicationCommandInteractionData{
		Name: cmdMenu, CommandType: discordgo.MessageApplicationCommand, TargetID: "m9",
		Resolved: &discordgo.ApplicationCommandInteractionDataResolved{Messages: map[string]*discordgo.Message{
			"m9": {ID: "m9", ChannelID: "c1", Content: text, Author: &discordgo.User{ID: "u7"}},
		}},
	}
	return i
}

func TestMessageCommand(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b, rec, _ := recordingBot(t)
	resp := b.HandleInteraction(ctx, menu("Who was on the call?"))
	checkLimits(t, resp)
	if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || len(resp.Data.Embeds) == 0 || resp.Data.Embeds[0].Description != "Putin and Macron." {
		t.Fatalf("got %+v, want the answer to the message's text, private", resp.Data)
	}
	if ids := customIDs(resp.Data.Components); !slices.Contains(ids, "pub:who:m9") || !slices.Contains(ids, "fu:who") {
		t.Errorf("got buttons %q, want Post publicly (pub:who:m9) and Follow up", ids)
	}
	if got := rec.last(t); got.Kind != kindMenu || got.Text != "Who was on the call?" {
		t.Errorf("recorded %+v, want kind menu and the message's text", got)
	}
	resp = b.HandleInteraction(ctx, menu("  "))
	if resp.Data.Content != en.get("menu_empty") || resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("empty message: got %+v, want the private notice", resp.Data)
	}
}

func TestPostPublicly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b, _, _ := newTestBot(t, Config{})
	click := component("pub:who:m9")
	click.GuildID = "g1"
	resp := b.HandleInteraction(ctx, click)
	checkLimits(t, resp)
	if resp.Data.Flags&discordgo.MessageFlagsEphemeral != 0 || len(resp.Data.Embeds) == 0 || resp.Data.Embeds[0].Description != "Putin and Macron." {
		t.Fatalf("got %+v, want the answer, public", resp.Data)
	}
	if want := "https://discord.com/channels/g1/c1/m9"; !strings.Contains(resp.Data.Content, want) {
		t.Errorf("got content %q, want the link %s to the message it answers", resp.Data.Content, want)
	}
	if ids := customIDs(resp.Data.Components); slices.ContainsFunc(ids, func(id string) bool { return strings.HasPrefix(id, prefixPost) }) {
		t.Errorf("a public answer has buttons %q, want no Post publicly", ids)
	}
	resp = b.HandleInteraction(ctx, component("pub:when"))
	if resp.Data.Content != "" || resp.Data.Embeds[0].Description != "Four days before the invasion." {
		t.Errorf("/ask private re-posted: got %+v, want the answer without a link", resp.Data)
	}
}

func TestFollowUpButton(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b, ans, _ := newTestBot(t, Config{})
	resp := b.HandleInteraction(ctx, component("fu:when"))
	if resp.Type != discordgo.InteractionResponseModal || resp.Data.CustomID != "fum:when" {
		t.Fatalf("got type %d custom id %q, want the modal fum:when", resp.Type, resp.Data.CustomID)
	}
	submit, err := modal.Decode([]byte(`{"id":"1","application_id":"2","type":5,"token":"t","channel_id":"c1","user":{"id":"u1","username":"u"},
		"message":{"id":"m1","channel_id":"c1","flags":64,"author":{"id":"999","username":"callbot"}},
		"data":{"custom_id":"fum:when","components":[{"type":18,"id":1,"component":{"type":4,"id":2,"custom_id":"question","value":"Who was on the call?"}}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	resp = b.HandleInteraction(ctx, submit)
	checkLimits(t, resp)
	if len(ans.after) != 1 || ans.after[0] != "when" {
		t.Errorf("AskAfter followed %q, want [when]", ans.after)
	}
	if len(resp.Data.Embeds) == 0 || resp.Data.Embeds[0].Description != "Putin and Macron." || resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("got %+v, want the answer, private like the answer it follows", resp.Data)
	}
}

func TestFollowUpByReply(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	answer := &discordgo.Message{ID: "a1", ChannelID: "c1", Author: self, Components: []discordgo.MessageComponent{
		discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.Button{CustomID: "ask:who"}}},
		discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.Button{CustomID: "fu:when"}}},
	}}
	other := &discordgo.Message{ID: "o1", ChannelID: "c1", Author: &discordgo.User{ID: "u5"}}
	reply := func(content string, to *discordgo.Message, mentions ...*discordgo.User) *discordgo.Message {
		m := guildMsg("c1", content, mentions...)
		m.Type = discordgo.MessageTypeReply
		m.MessageReference = &discordgo.MessageReference{MessageID: to.ID, ChannelID: to.ChannelID}
		m.ReferencedMessage = to
		return m
	}
	tests := []struct {
		name  string
		msg   *discordgo.Message
		reply bool
		after []string
	}{
		// A reply pings the replied-to author by default: the bot is mentioned.
		{"reply to an answer", reply("Who was on the call?", answer, self), true, []string{"when"}},
		{"reply to another member, no mention", reply("Who was on the call?", other), false, nil},
		{"reply to another member that mentions the bot", reply("<@999> Who was on the call?", other, self), true, nil},
		{"reply to an answer with the ping turned off", reply("Who was on the call?", answer), false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, ans, _ := newTestBot(t, Config{})
			out := b.HandleMessage(ctx, tt.msg, self)
			if (out != nil) != tt.reply {
				t.Fatalf("got reply %v, want %v", out != nil, tt.reply)
			}
			if !slices.Equal(ans.after, tt.after) {
				t.Errorf("AskAfter followed %q, want %q", ans.after, tt.after)
			}
		})
	}
	b, ans, _ := newTestBot(t, Config{})
	bot := reply("Who was on the call?", answer, self)
	bot.Author = &discordgo.User{ID: "u8", Bot: true}
	if out := b.HandleMessage(ctx, bot, self); out != nil || len(ans.asked) != 0 {
		t.Errorf("a bot's reply was answered: %+v", out)
	}
}

func TestUserInstalled(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b, _, _ := newTestBot(t, Config{})
	// In a server that has not added the app, for a member who may not use
	// external apps: Discord shows replies only to the member.
	i := command(cmdAsk, strOpt(optQuestion, "Who was on the call?"))
	i.AuthorizingIntegrationOwners = map[discordgo.ApplicationIntegrationType]string{discordgo.ApplicationIntegrationUserInstall: "u1"}
	resp := b.HandleInteraction(ctx, i)
	if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("forced ephemeral: got flags %d, want ephemeral", resp.Data.Flags)
	}
	if ids := customIDs(resp.Data.Components); slices.ContainsFunc(ids, func(id string) bool { return strings.HasPrefix(id, prefixPost) }) {
		t.Errorf("forced ephemeral: got buttons %q, want no Post publicly, which could not post", ids)
	}
	i.Member.Permissions = discordgo.PermissionUseExternalApps
	if resp := b.HandleInteraction(ctx, i); resp.Data.Flags&discordgo.MessageFlagsEphemeral != 0 {
		t.Errorf("member may use external apps: got ephemeral, want public")
	}
	// In a DM with another user: no guild, a user instead of a member.
	dmi := &discordgo.Interaction{
		ID: "i3", Type: discordgo.InteractionApplicationCommand, ChannelID: "d9", User: &discordgo.User{ID: "u1"},
		Context:                      discordgo.InteractionContextPrivateChannel,
		AuthorizingIntegrationOwners: map[discordgo.ApplicationIntegrationType]string{discordgo.ApplicationIntegrationUserInstall: "u1"},
		Data:                         discordgo.ApplicationCommandInteractionData{Name: cmdAsk, Options: []*discordgo.ApplicationCommandInteractionDataOption{strOpt(optQuestion, "Who was on the call?")}},
	}
	if resp := b.HandleInteraction(ctx, dmi); len(resp.Data.Embeds) == 0 || resp.Data.Embeds[0].Description != "Putin and Macron." {
		t.Errorf("user-installed DM: got %+v, want the answer", resp.Data)
	}
}

func TestCommandsInstallable(t *testing.T) {
	t.Parallel()
	for _, c := range Commands(testAbout) {
		guildOnly := c.Name == cmdKB
		wantInt := []discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall, discordgo.ApplicationIntegrationUserInstall}
		wantCtx := []discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM, discordgo.InteractionContextPrivateChannel}
		if guildOnly {
			wantInt, wantCtx = wantInt[:1], wantCtx[:1]
		}
		if c.IntegrationTypes == nil || !slices.Equal(*c.IntegrationTypes, wantInt) || c.Contexts == nil || !slices.Equal(*c.Contexts, wantCtx) {
			t.Errorf("%s: got integration types %v contexts %v, want %v %v", c.Name, c.IntegrationTypes, c.Contexts, wantInt, wantCtx)
		}
	}
}
