package bot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/callbot/callbot/internal/journal"
	"github.com/callbot/callbot/internal/modal"
)

// The feedback buttons are words, not bare thumbs: members read bare
// thumbs as "I agree with the answer" as often as "the answer helped".
const (
	voteFormReasonID  = "reason"
	voteFormCommentID = "comment"
	maxVoteComment    = 1000
)

// voteReasons are the choices of the Not helpful form, in the order shown,
// with the message id of each label.
var voteReasons = []struct{ value, label string }{
	{journal.ReasonWrong, "vote_reason_wrong"},
	{journal.ReasonNotAsked, "vote_reason_not_asked"},
	{journal.ReasonIncomplete, "vote_reason_incomplete"},
}

// voteButtons is the row under an answer that asks whether it helped;
// none when the custom ids would not fit.
func voteButtons(t texts, rec, entry string) []discordgo.MessageComponent {
	yes := prefixVote + "y:" + rec + ":" + entry
	if runeLen(yes) > maxCustomID || len(prefixVoteForm+rec+":"+entry) > maxCustomID {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: t.get("vote_helpful"), Style: discordgo.SecondaryButton, CustomID: yes},
		discordgo.Button{Label: t.get("vote_not_helpful"), Style: discordgo.SecondaryButton, CustomID: prefixVote + "n:" + rec + ":" + entry},
	}}}
}

// voteClick handles fb:<y|n>:<record-id>:<entry-id>. Helpful is recorded
// at once; Not helpful is recorded at once too (a member may close the
// form) and opens the form asking why, whose submit refines the vote.
func (b *Bot) voteClick(ctx context.Context, i *discordgo.Interaction, t texts, rest string) (*discordgo.InteractionResponse, bool) {
	verdict, rest, ok := strings.Cut(rest, ":")
	rec, entry, ok2 := strings.Cut(rest, ":")
	if !ok || !ok2 || rec == "" || entry == "" || (verdict != "y" && verdict != "n") {
		return nil, false
	}
	if b.cfg.Recorder == nil {
		return b.respond(reply{content: t.get("vote_off"), ephemeral: true}), true
	}
	if verdict == "y" {
		b.vote(ctx, i, rec, entry, journal.Helpful, "", "")
		return b.respond(reply{content: t.get("voted_helpful"), ephemeral: true}), true
	}
	b.vote(ctx, i, rec, entry, journal.NotHelpful, "", "")
	return voteForm(t, rec, entry), true
}

// voteForm is the modal that asks why an answer did not help.
func voteForm(t texts, rec, entry string) *discordgo.InteractionResponse {
	opts := make([]modal.Option, len(voteReasons))
	for i, r := range voteReasons {
		opts[i] = modal.Option{Label: t.get(r.label), Value: r.value}
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{
			CustomID: prefixVoteForm + rec + ":" + entry,
			Title:    truncate(t.get("vote_form_title"), maxModalTitle),
			Components: []discordgo.MessageComponent{
				modal.Label{Label: truncate(t.get("vote_form_reason"), maxModalLabel), Component: modal.StringSelect{
					CustomID: voteFormReasonID, Required: true, Options: opts,
				}},
				modal.Label{Label: truncate(t.get("vote_form_comment"), maxModalLabel), Component: modal.TextInput{
					CustomID: voteFormCommentID, Style: discordgo.TextInputParagraph, MaxLength: maxVoteComment,
				}},
			},
		},
	}
}

// modalSubmit handles the Not helpful form: fbm:<record-id>:<entry-id>.
func (b *Bot) modalSubmit(ctx context.Context, i *discordgo.Interaction, t texts, d modal.Data) (*discordgo.InteractionResponse, bool) {
	rest, ok := strings.CutPrefix(d.CustomID, prefixVoteForm)
	rec, entry, ok2 := strings.Cut(rest, ":")
	if !ok || !ok2 || rec == "" || entry == "" {
		return nil, false
	}
	if b.cfg.Recorder == nil {
		return b.respond(reply{content: t.get("vote_off"), ephemeral: true}), true
	}
	reason := d.Value(voteFormReasonID)
	known := false
	for _, o := range voteReasons {
		known = known || o.value == reason
	}
	if !known {
		reason = ""
	}
	comment := truncate(strings.TrimSpace(d.Value(voteFormCommentID)), maxVoteComment)
	b.vote(ctx, i, rec, entry, journal.NotHelpful, reason, comment)
	return b.respond(reply{content: t.get("voted_not_helpful"), ephemeral: true}), true
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
