package bot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/callbot/callbot/internal/modal"
)

// Follow-ups and re-posts. Every answer carries a Follow up button whose
// custom id names its entry, so a follow-up, by the button or by a reply to
// the answer, is read after that entry without any session kept: the
// message itself says what it answered.
const (
	prefixFollowUp     = "fu:"  // button: fu:<entry-id>
	prefixFollowUpForm = "fum:" // modal: fum:<entry-id>
	prefixPost         = "pub:" // button: pub:<entry-id>[:<message-id>]
	followUpInputID    = "question"
	maxFollowUpInput   = 500
)

// actionButtons is the row under an answer: Follow up, and for a private
// answer Post publicly (with the message it answers, for the message
// command).
func actionButtons(t texts, entry string, private bool, target string) []discordgo.MessageComponent {
	var btns []discordgo.MessageComponent
	if id := prefixFollowUp + entry; runeLen(id) <= maxCustomID {
		btns = append(btns, discordgo.Button{Label: t.get("follow_up"), Style: discordgo.SecondaryButton, CustomID: id})
	}
	if private {
		id := prefixPost + entry
		if target != "" {
			id += ":" + target
		}
		if runeLen(id) <= maxCustomID {
			btns = append(btns, discordgo.Button{Label: t.get("post_publicly"), Style: discordgo.PrimaryButton, CustomID: id})
		}
	}
	if len(btns) == 0 {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: btns}}
}

// followUpForm is the modal the Follow up button opens.
func followUpForm(t texts, entry string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{
			CustomID: prefixFollowUpForm + entry,
			Title:    truncate(t.get("follow_up_title"), maxModalTitle),
			Components: []discordgo.MessageComponent{
				modal.Label{Label: truncate(t.get("follow_up_label"), maxModalLabel), Component: modal.TextInput{
					CustomID: followUpInputID, Style: discordgo.TextInputShort, Required: true,
					Placeholder: truncate(t.get("follow_up_placeholder"), maxPlaceholder), MaxLength: maxFollowUpInput,
				}},
			},
		},
	}
}

// followUpSubmit answers the Follow up form: the question read after the
// entry the form names. The answer is private when the one it follows was.
func (b *Bot) followUpSubmit(ctx context.Context, i *discordgo.Interaction, t texts, entry string, d modal.Data) *discordgo.InteractionResponse {
	a := askedBy(i, kindFollowUp)
	a.prev = entry
	r, _ := b.ask(ctx, t, a, d.Value(followUpInputID))
	r.ephemeral = r.ephemeral || (i.Message != nil && i.Message.Flags&discordgo.MessageFlagsEphemeral != 0)
	return b.respond(b.finish(i, t, r, ""))
}

// postPublicly answers pub:<entry-id>[:<message-id>]: the same answer, in
// the channel for everyone, saying which message it answers.
func (b *Bot) postPublicly(ctx context.Context, i *discordgo.Interaction, t texts, rest string) *discordgo.InteractionResponse {
	entry, target, _ := strings.Cut(rest, ":")
	r, _ := b.answerID(ctx, t, askedBy(i, kindButton), entry)
	if target != "" && !r.ephemeral && len(r.embeds) > 0 {
		guild := i.GuildID
		if guild == "" {
			guild = "@me"
		}
		link := "https://discord.com/channels/" + guild + "/" + i.ChannelID + "/" + target
		r.content = t.get("post_in_reply", "Link", link)
	}
	return b.respond(b.finish(i, t, r, ""))
}

// entryAnswered is the entry a message of the bot answered, from its
// Follow up button; "" when it answered none.
func entryAnswered(m *discordgo.Message) string {
	for _, c := range m.Components {
		row, ok := asRow(c)
		if !ok {
			continue
		}
		for _, rc := range row.Components {
			var id string
			switch v := rc.(type) {
			case discordgo.Button:
				id = v.CustomID
			case *discordgo.Button:
				id = v.CustomID
			}
			if e, ok := strings.CutPrefix(id, prefixFollowUp); ok {
				return e
			}
		}
	}
	return ""
}

// menuCommand answers the message command: the text of the message it was
// used on, privately, with a button that posts the answer in the channel.
func (b *Bot) menuCommand(ctx context.Context, i *discordgo.Interaction, t texts, d discordgo.ApplicationCommandInteractionData) *discordgo.InteractionResponse {
	var text string
	if d.Resolved != nil {
		if m, ok := d.Resolved.Messages[d.TargetID]; ok && m != nil {
			text = m.Content
		}
	}
	if strings.TrimSpace(text) == "" {
		return b.respond(reply{content: t.get("menu_empty"), ephemeral: true})
	}
	r, _ := b.ask(ctx, t, askedBy(i, kindMenu), text)
	r.ephemeral = true
	return b.respond(b.finish(i, t, r, d.TargetID))
}

// finish adds the action row to an answer (Follow up; Post publicly when
// private, naming target, the message the answer is about) and makes the
// reply private where Discord would force it to be: then Post publicly
// could not post.
func (b *Bot) finish(i *discordgo.Interaction, t texts, r reply, target string) reply {
	forced := forcedEphemeral(i)
	if forced {
		r.ephemeral = true
	}
	if r.entry != "" {
		r.components = append(r.components, actionButtons(t, r.entry, r.ephemeral && !forced, target)...)
	}
	return r
}

// forcedEphemeral reports an interaction whose replies Discord shows only
// to the member: the app is installed by the member, not by the server,
// and the member may not use external apps there.
func forcedEphemeral(i *discordgo.Interaction) bool {
	if i.GuildID == "" || i.Member == nil {
		return false
	}
	if _, server := i.AuthorizingIntegrationOwners[discordgo.ApplicationIntegrationGuildInstall]; server {
		return false
	}
	if _, user := i.AuthorizingIntegrationOwners[discordgo.ApplicationIntegrationUserInstall]; !user {
		return false
	}
	return i.Member.Permissions&discordgo.PermissionUseExternalApps == 0
}
