package bot

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

var self = &discordgo.User{ID: "999", Username: "callbot", Bot: true}

func guildMsg(channel, content string, mentions ...*discordgo.User) *discordgo.Message {
	return &discordgo.Message{
		ID: "m1", ChannelID: channel, GuildID: "g1", Content: content,
		Author: &discordgo.User{ID: "u1", Username: "alice"}, Mentions: mentions,
	}
}

func dm(content string) *discordgo.Message {
	return &discordgo.Message{ID: "m2", ChannelID: "d1", Content: content, Author: &discordgo.User{ID: "u1"}}
}

func TestHandleMessage(t *testing.T) {
	t.Parallel()
	bot := &discordgo.User{ID: "u2", Bot: true}
	tests := []struct {
		name   string
		msg    *discordgo.Message
		self   *discordgo.User
		reply  bool
		asked  string // what the Answerer got; empty: nothing
		has    string // in content or embed title/description
		title  string
		listen []string
	}{
		{name: "mention", msg: guildMsg("c1", "<@999> When did the call take place?", self), self: self, reply: true,
			asked: "When did the call take place?", has: "Four days"},
		{name: "nick mention mid-text", msg: guildMsg("c1", "hey <@!999> Who was on the call?", self), self: self, reply: true,
			asked: "hey   Who was on the call?", has: "I don't know"},
		{name: "mention token without Mentions list", msg: guildMsg("c1", "<@999> Who was on the call?"), self: self, reply: true,
			asked: "Who was on the call?", has: "Putin and Macron."},
		{name: "mention alone gets a hint", msg: guildMsg("c1", "<@999>", self), self: self, reply: true, has: "Ask me something, for example When did the call take place?"},
		{name: "dm", msg: dm("Who was on the call?"), self: self, reply: true, asked: "Who was on the call?", has: "Putin"},
		{name: "empty dm gets a hint", msg: dm("   "), self: self, reply: true, has: "Ask me something, for example When did the call take place?"},
		{name: "listen channel", msg: guildMsg("c9", "Was there a video?"), self: self, listen: []string{"c9"}, reply: true,
			asked: "Was there a video?", has: "Yes."},
		{name: "listen channel empty text ignored", msg: guildMsg("c9", ""), self: self, listen: []string{"c9"}},
		{name: "other channel ignored", msg: guildMsg("c1", "Was there a video?"), self: self, listen: []string{"c9"}},
		{name: "mention of someone else ignored", msg: guildMsg("c1", "<@5> Was there a video?", &discordgo.User{ID: "5"}), self: self},
		{name: "bot author ignored", msg: &discordgo.Message{ID: "m", ChannelID: "d", Content: "hi", Author: bot}, self: self},
		{name: "self ignored", msg: &discordgo.Message{ID: "m", ChannelID: "d", Content: "hi", Author: &discordgo.User{ID: "999"}}, self: self},
		{name: "webhook ignored", msg: &discordgo.Message{ID: "m", ChannelID: "c9", GuildID: "g", Content: "hi", WebhookID: "w", Author: &discordgo.User{ID: "w"}}, self: self, listen: []string{"c9"}},
		{name: "no author ignored", msg: &discordgo.Message{ID: "m", ChannelID: "d"}, self: self},
		{name: "nil message ignored", self: self},
		{name: "everyone is escaped and pings nobody", msg: dm("@everyone @here <@&42> what **happened**?"), self: self, reply: true,
			asked: "@everyone @here <@&42> what **happened**?",
			title: "@\u200beveryone @\u200bhere <\u200b@&42\\> what \\*\\*happened\\*\\*?"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b, ans, _ := newTestBot(t, Config{ListenChannels: tc.listen})
			out := b.HandleMessage(context.Background(), tc.msg, tc.self)
			if (out != nil) != tc.reply {
				t.Fatalf("got reply %v (%+v), want %v", out != nil, out, tc.reply)
			}
			var asked []string
			if tc.asked != "" {
				asked = []string{tc.asked}
			}
			if !slices.Equal(ans.asked, asked) {
				t.Errorf("got Ask calls %q, want %q", ans.asked, asked)
			}
			if out == nil {
				return
			}
			checkLimits(t, out)
			if out.Reference.MessageID != tc.msg.ID || out.Reference.ChannelID != tc.msg.ChannelID {
				t.Errorf("got reference %+v, want message %s in %s", out.Reference, tc.msg.ID, tc.msg.ChannelID)
			}
			text := out.Content
			if len(out.Embeds) > 0 {
				text += out.Embeds[0].Title + "\n" + out.Embeds[0].Description
				if tc.title != "" && out.Embeds[0].Title != tc.title {
					t.Errorf("got title %q, want %q", out.Embeds[0].Title, tc.title)
				}
			}
			if !strings.Contains(text, tc.has) {
				t.Errorf("got %q, want it to contain %q", text, tc.has)
			}
			if strings.Contains(text, "@everyone") || strings.Contains(text, "@here") {
				t.Errorf("got %q: a mention survived", text)
			}
		})
	}
}

func TestMessageJSONPingsNobody(t *testing.T) {
	t.Parallel()
	b, _, _ := newTestBot(t, Config{})
	out := b.HandleMessage(context.Background(), dm("@everyone hi"), self)
	got := mustJSON(t, out)
	for _, want := range []string{
		`"allowed_mentions":{"parse":[],"replied_user":false}`,
		`"message_reference":{"message_id":"m2","channel_id":"d1","fail_if_not_exists":false}`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("got %s, want it to contain %s", got, want)
		}
	}
}

func TestIntents(t *testing.T) {
	t.Parallel()
	base := discordgo.IntentGuilds | discordgo.IntentGuildMessages | discordgo.IntentDirectMessages
	tests := []struct {
		cfg  Config
		want discordgo.Intent
	}{
		{Config{}, base},
		{Config{ListenChannels: []string{"1"}}, base | discordgo.IntentMessageContent},
	}
	for _, tc := range tests {
		if got := Intents(tc.cfg); got != tc.want {
			t.Errorf("Intents(%v) = %d, want %d", tc.cfg.ListenChannels, got, tc.want)
		}
	}
	if Intents(Config{})&discordgo.IntentMessageContent != 0 {
		t.Error("got MESSAGE_CONTENT without listen channels, want it off (privileged)")
	}
}

// TestListenChannelSystemMessagesAndThreads: in a listen channel only what
// members write is answered (a thread created posts a system message whose
// text is the thread's name); a thread in a listen channel is listened to.
func TestListenChannelSystemMessagesAndThreads(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b, ans, _ := newTestBot(t, Config{ListenChannels: []string{"c1"}, RateLimit: -1})
	sys := guildMsg("c1", "When did the call take place?")
	sys.Type = discordgo.MessageTypeThreadCreated
	if out := b.HandleMessage(ctx, sys, self); out != nil {
		t.Errorf("thread-created system message answered: %+v", out)
	}
	pin := guildMsg("c1", "Who was on the call?")
	pin.Type = discordgo.MessageTypeChannelPinnedMessage
	if out := b.HandleMessage(ctx, pin, self); out != nil {
		t.Errorf("pin system message answered")
	}
	if len(ans.asked) != 0 {
		t.Errorf("asked %q, want nothing", ans.asked)
	}
	threads := WithThreadParents(ctx, func(id string) string { return map[string]string{"t1": "c1", "t2": "c2"}[id] })
	if out := b.HandleMessage(threads, guildMsg("t1", "When did the call take place?"), self); out == nil {
		t.Errorf("a thread of a listen channel: not answered")
	}
	if out := b.HandleMessage(threads, guildMsg("t2", "When did the call take place?"), self); out != nil {
		t.Errorf("a thread of another channel: answered")
	}
	reply := guildMsg("c1", "Who was on the call?")
	reply.Type = discordgo.MessageTypeReply
	if out := b.HandleMessage(ctx, reply, self); out == nil {
		t.Errorf("a member's reply in a listen channel: not answered")
	}
}
