package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/callbot/callbot/knowledge"
	"github.com/callbot/callbot/qa"
)

// FuzzQuestion feeds arbitrary text to the real engine through a mention, a
// DM and /ask. Every reply stays within Discord's limits, pings nobody and
// echoes no raw mass mention.
func FuzzQuestion(f *testing.F) {
	for _, seed := range []string{
		"What did Macron say about lawyers?", "", " ", "@everyone @here <@123> <@&456>",
		"**bold** __u__ ~~s~~ `code` ||spoiler|| > quote # h [x](http://x)",
		"\x00\x01\x7f\u202e\u200b", "Что сказал Путин?", "l'appel de Macron", "\xff\xfe",
		strings.Repeat("why ", 600), "🤔🔥" + strings.Repeat("é", 3000),
	} {
		f.Add(seed)
	}
	set, err := knowledge.Embedded()
	if err != nil {
		f.Fatal(err)
	}
	eng, err := qa.New(set, qa.Options{})
	if err != nil {
		f.Fatal(err)
	}
	b := New(Config{RateLimit: -1, ListenChannels: []string{"listen"}}, eng, set, nil, nil)
	self := &discordgo.User{ID: "999", Bot: true}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, text string) {
		msgs := []*discordgo.Message{
			{ID: "m1", ChannelID: "c1", GuildID: "g1", Content: "<@999> " + text, Author: &discordgo.User{ID: "u1"}, Mentions: []*discordgo.User{self}},
			{ID: "m2", ChannelID: "dm", Content: text, Author: &discordgo.User{ID: "u2"}},
			{ID: "m3", ChannelID: "listen", GuildID: "g1", Content: text, Author: &discordgo.User{ID: "u3"}},
		}
		for _, m := range msgs {
			out := b.HandleMessage(ctx, m, self)
			if out == nil {
				continue // an empty listen-channel message is ignored
			}
			checkLimits(t, out)
			noMassMention(t, out.Content)
			for _, e := range out.Embeds {
				noMassMention(t, e.Title+e.Description)
			}
		}
		resp := b.HandleInteraction(ctx, command("ask", strOpt("question", text)))
		checkLimits(t, resp)
		if resp.Data != nil {
			for _, e := range resp.Data.Embeds {
				noMassMention(t, e.Title+e.Description)
			}
		}
	})
}

func noMassMention(t *testing.T, s string) {
	t.Helper()
	if strings.Contains(s, "@everyone") || strings.Contains(s, "@here") {
		t.Errorf("reply echoes a raw mass mention: %q", s)
	}
}
