package bot_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/callbot/callbot/bot"
	"github.com/callbot/callbot/internal/discordfake"
)

// posted is a message the bot posted, as the payload Discord would send in
// a reply's referenced_message.
func (h *e2e) posted(channelID string, body []byte) map[string]any {
	h.tb.Helper()
	var sent map[string]any
	if err := json.Unmarshal(body, &sent); err != nil {
		h.tb.Fatal(err)
	}
	m := discordfake.MessageCreate(discordfake.MessageParams{GuildID: discordfake.DefaultGuildID, ChannelID: channelID, Author: h.fake.BotUser()})
	for _, k := range []string{"content", "embeds", "components"} {
		if v, ok := sent[k]; ok && v != nil {
			m[k] = v
		}
	}
	delete(m, "guild_id")
	delete(m, "member")
	return m
}

// TestE2EFollowUpByReply replies to the bot's answer over the gateway: the
// reply is read after that answer; a reply to another member that does not
// mention the bot, and a reply from a bot, are not answered.
func TestE2EFollowUpByReply(t *testing.T) {
	t.Parallel()
	h := startE2E(t, bot.Config{})
	ch := discordfake.DefaultChannelID
	user := newUser("ivy")

	id := h.say(h.mention(ch, user, "why did macron call putin?"))
	req, _ := h.replyTo(ch, id)
	answer := h.posted(ch, req.JSON)
	self := h.fake.BotUser()

	// A reply pings the author replied to by default: the bot.
	follow := discordfake.MessageParams{GuildID: discordfake.DefaultGuildID, ChannelID: ch, Author: user,
		Content: "when was that?", Mentions: []discordfake.User{self}, ReplyTo: answer}
	fid := h.say(follow)
	_, m := h.replyTo(ch, fid)
	checkMessageReply(t, "follow-up", m, ch, discordfake.DefaultGuildID, fid)
	checkAnswerEmbed(t, h.kb.set, responseData{Embeds: m.Embeds}, h.entry("call-when"))

	other := discordfake.MessageCreate(discordfake.MessageParams{GuildID: discordfake.DefaultGuildID, ChannelID: ch, Author: newUser("jo"), Content: "the call was long"})
	delete(other, "guild_id")
	delete(other, "member")
	ignored := []string{
		h.say(discordfake.MessageParams{GuildID: discordfake.DefaultGuildID, ChannelID: ch, Author: user, Content: "when was that?", ReplyTo: other}),
		h.say(discordfake.MessageParams{GuildID: discordfake.DefaultGuildID, ChannelID: ch, Author: discordfake.User{ID: discordfake.Snowflake(), Username: "otherbot", Bot: true},
			Content: "when was that?", Mentions: []discordfake.User{self}, ReplyTo: answer}),
	}
	// A message after them, answered: by its reply the others were read.
	last := h.say(h.mention(ch, user, "who leaked the call?"))
	h.replyTo(ch, last)
	time.Sleep(100 * time.Millisecond)
	for _, r := range h.replies(ch) {
		for _, id := range ignored {
			if r.MessageReference != nil && r.MessageReference.MessageID == id {
				t.Errorf("answered message %s, which the bot should ignore: %s", id, strings.Join(strings.Fields(r.Content), " "))
			}
		}
	}
}
