package bot

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/callbot/callbot/qa"
)

// Intents returns the gateway intents the bot needs. MESSAGE_CONTENT is
// privileged and only needed to read messages in listen channels: DMs and
// messages that mention the bot carry their content without it.
func Intents(cfg Config) discordgo.Intent {
	in := discordgo.IntentGuilds | discordgo.IntentGuildMessages | discordgo.IntentDirectMessages
	if len(cfg.ListenChannels) > 0 {
		in |= discordgo.IntentMessageContent
	}
	return in
}

// HandleMessage decides whether to answer a channel message and returns the
// reply, or nil to ignore it. It answers when the bot is mentioned, in DMs
// and in listen channels; it ignores bots, webhooks and itself. self is the
// bot's own user (from READY); nil means mentions are not recognised.
//
// Over the rate limit, the first refused message gets a short notice and
// later ones are ignored until the user is under the limit again, so a
// fast user cannot make the bot flood a channel.
func (b *Bot) HandleMessage(ctx context.Context, m *discordgo.Message, self *discordgo.User) (out *discordgo.MessageSend) {
	if m == nil || m.Author == nil || m.Author.Bot || m.WebhookID != "" {
		return nil
	}
	// Only what a member wrote: a system message (a thread created, a
	// member joined, a pin) carries text the member did not write to the
	// bot, such as a thread's name.
	if m.Type != discordgo.MessageTypeDefault && m.Type != discordgo.MessageTypeReply {
		return nil
	}
	if self != nil && m.Author.ID == self.ID {
		return nil
	}
	defer func() {
		if v := recover(); v != nil {
			b.log.ErrorContext(ctx, "panic in message handler",
				"panic", fmt.Sprint(v), "message", m.ID, "channel", m.ChannelID, "stack", string(debug.Stack()))
			out = b.messageReply(m, reply{content: textsIn("en").get("error")})
		}
	}()

	text, mentioned := stripMention(m, self)
	dm := m.GuildID == ""
	if !mentioned && !dm && !b.listen[m.ChannelID] && !b.listen[threadParentOf(ctx, m.ChannelID)] {
		return nil
	}
	b.obs.Interaction("message")
	text = strings.TrimSpace(text)
	if text == "" && !mentioned && !dm {
		return nil // e.g. an image alone in a listen channel
	}
	// Every reply counts, the empty-question hint too: a bare mention
	// repeated must not make the bot flood a channel.
	ok, retry, first := b.limits.allow(m.Author.ID, b.now())
	if !ok {
		b.obs.RateLimited()
		if !first {
			return nil
		}
		return b.messageReply(m, reply{content: rateNotice(textsIn(localeLang(guildLocaleOf(ctx))), retry)})
	}
	if text == "" {
		return b.messageReply(m, reply{content: b.reasonText(textsIn(localeLang(guildLocaleOf(ctx))), qa.ReasonEmpty)})
	}
	kind := kindListen
	switch {
	case dm:
		kind = kindDM
	case mentioned:
		kind = kindMention
	}
	a := asked{kind: kind, user: m.Author.ID, guild: m.GuildID, channel: m.ChannelID}
	// A reply to one of the bot's answers follows that answer up: the
	// answer's Follow up button names its entry.
	if ref := m.ReferencedMessage; ref != nil && ref.Author != nil && self != nil && ref.Author.ID == self.ID {
		if a.prev = entryAnswered(ref); a.prev != "" {
			a.kind = kindFollowUp
		}
	}
	start := b.now()
	res := b.askEngine(a, text)
	rec := b.observe(ctx, a, res, start)
	// A post in a channel is in the question's language, else the
	// server's: a message carries no member's locale.
	lang := res.Lang
	if _, ok := localizers[lang]; !ok {
		lang = localeLang(guildLocaleOf(ctx))
	}
	t := textsIn(lang)
	r := b.renderResult(t, t.lang, res, text, rec)
	if r.entry != "" {
		r.components = append(r.components, actionButtons(t, r.entry, false, "")...)
	}
	return b.messageReply(m, r)
}

// stripMention removes the bot's mentions (<@id> and <@!id>) from the
// message text and reports whether there were any.
func stripMention(m *discordgo.Message, self *discordgo.User) (string, bool) {
	text := m.Content
	if self == nil || self.ID == "" {
		return text, false
	}
	mentioned := false
	for _, u := range m.Mentions {
		if u != nil && u.ID == self.ID {
			mentioned = true
		}
	}
	for _, tok := range []string{"<@" + self.ID + ">", "<@!" + self.ID + ">"} {
		if strings.Contains(text, tok) {
			mentioned = true
			text = strings.ReplaceAll(text, tok, " ")
		}
	}
	return text, mentioned
}

// messageReply shapes r as a reply to m that pings nobody, not even m's
// author, and still posts if m was deleted meanwhile.
func (b *Bot) messageReply(m *discordgo.Message, r reply) *discordgo.MessageSend {
	failIfMissing := false
	ms := &discordgo.MessageSend{
		Content:    r.content,
		Embeds:     r.embeds,
		Components: r.components,
		Reference: &discordgo.MessageReference{
			MessageID:       m.ID,
			ChannelID:       m.ChannelID,
			GuildID:         m.GuildID,
			FailIfNotExists: &failIfMissing,
		},
	}
	return clampMessage(ms)
}
