package bot_test

import (
	"encoding/json"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/callbot/callbot/bot"
	"github.com/callbot/callbot/internal/discordfake"
)

// messageBody is a POST /channels/{id}/messages body.
type messageBody struct {
	Content          string           `json:"content"`
	Embeds           []embed          `json:"embeds"`
	Components       []component      `json:"components"`
	AllowedMentions  *allowedMentions `json:"allowed_mentions"`
	MessageReference *struct {
		MessageID string `json:"message_id"`
		ChannelID string `json:"channel_id"`
		GuildID   string `json:"guild_id"`
	} `json:"message_reference"`
}

// say dispatches a MESSAGE_CREATE and returns the message id.
func (h *e2e) say(p discordfake.MessageParams) string {
	h.tb.Helper()
	if p.ID == "" {
		p.ID = discordfake.Snowflake()
	}
	if err := h.fake.Dispatch("MESSAGE_CREATE", discordfake.MessageCreate(p)); err != nil {
		h.tb.Fatalf("dispatch: %v", err)
	}
	return p.ID
}

// mention is a guild message from user that mentions the bot first.
func (h *e2e) mention(channelID string, user discordfake.User, text string) discordfake.MessageParams {
	self := h.fake.BotUser()
	return discordfake.MessageParams{
		GuildID: discordfake.DefaultGuildID, ChannelID: channelID, Author: user,
		Content: self.Mention() + " " + text, Mentions: []discordfake.User{self},
	}
}

// replies returns the decoded message bodies the bot posted in a channel.
func (h *e2e) replies(channelID string) []messageBody {
	h.tb.Helper()
	var out []messageBody
	for _, r := range h.fake.RequestsMatching("POST", "/channels/"+channelID+"/messages") {
		var m messageBody
		if err := json.Unmarshal(r.JSON, &m); err != nil {
			h.tb.Fatalf("message body %s: %v", r.JSON, err)
		}
		out = append(out, m)
	}
	return out
}

// replyTo waits for the bot's reply to message msgID in channelID.
func (h *e2e) replyTo(channelID, msgID string) (discordfake.Request, messageBody) {
	h.tb.Helper()
	var body messageBody
	req, err := h.fake.WaitForRequest(h.ctx, func(r discordfake.Request) bool {
		if !r.Matches("POST", "/channels/"+channelID+"/messages") {
			return false
		}
		var m messageBody
		if json.Unmarshal(r.JSON, &m) != nil || m.MessageReference == nil || m.MessageReference.MessageID != msgID {
			return false
		}
		body = m
		return true
	})
	if err != nil {
		h.tb.Fatalf("reply to message %s in %s: %v", msgID, channelID, err)
	}
	return req, body
}

// checkMessageReply checks a reply quotes its message and pings nobody,
// not even the author of the message it replies to.
func checkMessageReply(t testing.TB, name string, m messageBody, channelID, guildID, msgID string) {
	t.Helper()
	ref := m.MessageReference
	if ref == nil || ref.MessageID != msgID || ref.ChannelID != channelID || ref.GuildID != guildID {
		t.Errorf("%s: got message_reference %+v, want message %s in channel %s, guild %q", name, ref, msgID, channelID, guildID)
	}
	am := m.AllowedMentions
	if !pingsNobody(am) || am.RepliedUser == nil || *am.RepliedUser {
		t.Errorf("%s: got allowed_mentions %+v, want {parse: [], replied_user: false}", name, am)
	}
}

func TestE2EMentionReply(t *testing.T) {
	t.Parallel()
	h := startE2E(t, bot.Config{})
	ch := discordfake.DefaultChannelID

	id := h.say(h.mention(ch, newUser("gina"), "who leaked the call?"))
	_, m := h.replyTo(ch, id)
	checkMessageReply(t, "mention", m, ch, discordfake.DefaultGuildID, id)
	checkAnswerEmbed(t, h.kb.set, responseData{Embeds: m.Embeds}, h.entry("call-leak"))

	q := "@everyone <@123> @here who leaked the call?"
	id = h.say(h.mention(ch, newUser("hank"), q))
	req, m := h.replyTo(ch, id)
	checkMessageReply(t, "mentions in question", m, ch, discordfake.DefaultGuildID, id)
	checkNoRawMentions(t, q, req.JSON)

	if got := len(h.replies(ch)); got != 2 {
		t.Errorf("got %d replies, want 2", got)
	}
}

func TestE2EMessageTriggers(t *testing.T) {
	t.Parallel()
	const (
		listenCh = "1300000000000000099"
		otherCh  = discordfake.DefaultChannelID
		guild    = discordfake.DefaultGuildID
	)
	h := startE2E(t, bot.Config{ListenChannels: []string{listenCh}})

	// Listen channels need the privileged MESSAGE_CONTENT intent.
	idf, err := h.fake.WaitForIdentify(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if idf.Intents&discordgo.IntentMessageContent == 0 {
		t.Errorf("got intents %b, want MESSAGE_CONTENT with listen channels", idf.Intents)
	}

	const question = "when did the call take place?"
	answered := []struct {
		name    string
		channel string
		guild   string
	}{
		{"DM", discordfake.DefaultDMChannelID, ""},
		{"listen channel without mention", listenCh, guild},
	}
	for _, tc := range answered {
		id := h.say(discordfake.MessageParams{GuildID: tc.guild, ChannelID: tc.channel, Author: newUser("ivy"), Content: question})
		_, m := h.replyTo(tc.channel, id)
		checkMessageReply(t, tc.name, m, tc.channel, tc.guild, id)
		if len(m.Embeds) != 1 || m.Embeds[0].Description == "" {
			t.Errorf("%s: got %+v, want an answer embed", tc.name, m)
		}
	}

	// Ignored: no mention outside listen channels, bots (even when they
	// mention the bot) and the bot itself.
	robot := discordfake.User{ID: discordfake.Snowflake(), Username: "robot", Bot: true}
	h.say(discordfake.MessageParams{GuildID: guild, ChannelID: otherCh, Author: newUser("jack"), Content: question})
	h.say(h.mention(otherCh, robot, question))
	h.say(discordfake.MessageParams{GuildID: guild, ChannelID: otherCh, Author: h.fake.BotUser(), Content: question})
	// Fence: discordgo starts handlers in the order events arrive, and
	// ignoring a message takes microseconds while a reply needs an engine
	// lookup and a REST round trip, so once this later mention is answered
	// a bot that ignores the messages above has decided so. A bot that
	// wrongly answers them may still be replying, so the check is repeated
	// after shutdown, which waits for every handler in flight.
	fence := h.say(h.mention(otherCh, newUser("kate"), question))
	h.replyTo(otherCh, fence)

	check := func(when string) {
		t.Helper()
		var refs []string
		for _, m := range h.replies(otherCh) {
			if m.MessageReference == nil {
				refs = append(refs, "no reference")
				continue
			}
			refs = append(refs, m.MessageReference.MessageID)
		}
		if len(refs) != 1 || refs[0] != fence {
			t.Errorf("%s: got replies in %s to %v, want only to the mention %s", when, otherCh, refs, fence)
		}
	}
	check("after the fence")
	h.stop() // waits for every handler in flight
	check("after shutdown")
	if got := h.obs.count("message"); got != 3 {
		t.Errorf("observer: got %d handled messages, want 3 (DM, listen channel, mention)", got)
	}
}
