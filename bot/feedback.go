package bot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/callbot/callbot/internal/journal"
	"github.com/callbot/callbot/internal/modal"
)

// Feedback texts. The buttons are words, not bare thumbs: members read
// bare thumbs as "I agree with the answer" as often as "the answer helped".
const (
	labelHelpful    = "Helpful"
	labelNotHelpful = "Not helpful"

	textVotedHelpful    = "Thanks, noted as helpful. Click “Not helpful” instead to change your vote."
	textVotedNotHelpful = "Thanks, noted. The people who curate the answers read these to fix them."
	textVoteOff         = "Feedback is not being recorded by this bot right now."

	voteFormTitle        = "What was wrong with the answer?"
	voteFormReasonLabel  = "What was wrong?"
	voteFormCommentLabel = "Anything to add? (optional)"
	voteFormReasonID     = "reason"
	voteFormCommentID    = "comment"
	maxVoteComment       = 1000
)

// voteReasons are the choices of the Not helpful form, in the order shown.
var voteReasons = []modal.Option{
	{Label: "It is wrong", Value: journal.ReasonWrong},
	{Label: "It is not what I asked", Value: journal.ReasonNotAsked},
	{Label: "It is incomplete", Value: journal.ReasonIncomplete},
}

// voteButtons is the row under an answer that asks whether it helped;
// none when the custom ids would not fit.
func voteButtons(rec, entry string) []discordgo.MessageComponent {
	yes := prefixVote + "y:" + rec + ":" + entry
	if runeLen(yes) > maxCustomID || len(prefixVoteForm+rec+":"+entry) > maxCustomID {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: labelHelpful, Style: discordgo.SecondaryButton, CustomID: yes},
		discordgo.Button{Label: labelNotHelpful, Style: discordgo.SecondaryButton, CustomID: prefixVote + "n:" + rec + ":" + entry},
	}}}
}

// voteClick handles fb:<y|n>:<record-id>:<entry-id>. Helpful is recorded
// at once; Not helpful is recorded at once too (a member may close the
// form) and opens the form asking why, whose submit refines the vote.
func (b *Bot) voteClick(ctx context.Context, i *discordgo.Interaction, rest string) (*discordgo.InteractionResponse, bool) {
	verdict, rest, ok := strings.Cut(rest, ":")
	rec, entry, ok2 := strings.Cut(rest, ":")
	if !ok || !ok2 || rec == "" || entry == "" || (verdict != "y" && verdict != "n") {
		return nil, false
	}
	if b.cfg.Recorder == nil {
		return b.respond(reply{content: textVoteOff, ephemeral: true}), true
	}
	if verdict == "y" {
		b.vote(ctx, i, rec, entry, journal.Helpful, "", "")
		return b.respond(reply{content: textVotedHelpful, ephemeral: true}), true
	}
	b.vote(ctx, i, rec, entry, journal.NotHelpful, "", "")
	return voteForm(rec, entry), true
}

// voteForm is the modal that asks why an answer did not help.
func voteForm(rec, entry string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{
			CustomID: prefixVoteForm + rec + ":" + entry,
			Title:    voteFormTitle,
			Components: []discordgo.MessageComponent{
				modal.Label{Label: voteFormReasonLabel, Component: modal.StringSelect{
					CustomID: voteFormReasonID, Required: true, Options: voteReasons,
				}},
				modal.Label{Label: voteFormCommentLabel, Component: modal.TextInput{
					CustomID: voteFormCommentID, Style: discordgo.TextInputParagraph, MaxLength: maxVoteComment,
				}},
			},
		},
	}
}

// modalSubmit handles the Not helpful form: fbm:<record-id>:<entry-id>.
func (b *Bot) modalSubmit(ctx context.Context, i *discordgo.Interaction, d modal.Data) (*discordgo.InteractionResponse, bool) {
	rest, ok := strings.CutPrefix(d.CustomID, prefixVoteForm)
	rec, entry, ok2 := strings.Cut(rest, ":")
	if !ok || !ok2 || rec == "" || entry == "" {
		return nil, false
	}
	if b.cfg.Recorder == nil {
		return b.respond(reply{content: textVoteOff, ephemeral: true}), true
	}
	reason := d.Value(voteFormReasonID)
	known := false
	for _, o := range voteReasons {
		known = known || o.Value == reason
	}
	if !known {
		reason = ""
	}
	comment := truncate(strings.TrimSpace(d.Value(voteFormCommentID)), maxVoteComment)
	b.vote(ctx, i, rec, entry, journal.NotHelpful, reason, comment)
	return b.respond(reply{content: textVotedNotHelpful, ephemeral: true}), true
}

func (b *Bot) vote(ctx context.Context, i *discordgo.Interaction, rec, entry, verdict, reason, comment string) {
	b.obs.Feedback(verdict, reason)
	b.log.DebugContext(ctx, "vote", "entry", entry, "verdict", verdict, "reason", reason)
	b.cfg.Recorder.Vote(journal.Vote{
		QuestionID: rec,
		EntryID:    entry,
		GuildID:    i.GuildID,
		User:       userID(i),
		Time:       b.now(),
		Verdict:    verdict,
		Reason:     reason,
		Comment:    comment,
	})
}
