package bot

import (
	"context"
	"time"

	"github.com/callbot/callbot/internal/journal"
	"github.com/callbot/callbot/qa"
)

// Recorder keeps the record of questions and votes; *journal.Writer
// satisfies it. Calls must not block: the record must never delay an
// answer.
type Recorder interface {
	Question(journal.Question)
	Vote(journal.Vote)
}

// Kinds of question, for the record (journal.Question.Kind).
const (
	kindCommand    = "command"
	kindMention    = "mention"
	kindDM         = "dm"
	kindListen     = "listen"
	kindButton     = "button"
	kindSuggestion = "suggestion"
	kindMenu       = "menu"      // the message command
	kindFollowUp   = "follow-up" // the Follow up form, or a reply to an answer
)

// asked is who asked, where and how: what the record keeps beside the
// question and its answer.
type asked struct {
	kind                 string
	user, guild, channel string
	// pickedFrom is, for a suggestion picked after a refusal, the record
	// id of the refused question.
	pickedFrom string
	// prev is, for a follow-up, the entry of the answer it follows.
	prev string
}

// observe counts an answered or refused question and records it. It
// returns the record's id, which the reply's buttons carry, or "" when
// nothing is recorded.
func (b *Bot) observe(ctx context.Context, a asked, res qa.Result, start time.Time) string {
	elapsed := b.now().Sub(start)
	b.obs.Question(b.topicOf(res), res.Answered, elapsed)
	entry := ""
	if res.Entry != nil {
		entry = res.Entry.ID
	}
	b.log.DebugContext(ctx, "question", "answered", res.Answered, "entry", entry,
		"confidence", res.Confidence, "elapsed", elapsed)
	if b.cfg.Recorder == nil {
		return ""
	}
	q := journal.Question{
		ID:         b.newID(),
		Time:       start,
		GuildID:    a.guild,
		ChannelID:  a.channel,
		User:       a.user,
		Text:       res.Question,
		Lang:       res.Lang,
		Kind:       a.kind,
		Transport:  b.cfg.Transport,
		EntryID:    entry,
		Confidence: res.Confidence,
		PickedFrom: a.pickedFrom,
	}
	if !res.Answered {
		q.Refusal = refusal(res.Reason)
	}
	for _, c := range res.Candidates {
		q.Candidates = append(q.Candidates, journal.Candidate{ID: c.ID, Score: c.Score})
	}
	b.cfg.Recorder.Question(q)
	return q.ID
}

// refusal names why a question was refused, for the record.
func refusal(r qa.Reason) string {
	if s := r.String(); s != "" {
		return s
	}
	return "unknown"
}

// topicOf is the topic a result belongs to: the answered entry's, or for a
// refusal the nearest candidate's, so refusals can be counted by topic too;
// "" when there is none.
func (b *Bot) topicOf(res qa.Result) string {
	id := ""
	switch {
	case res.Entry != nil:
		return res.Entry.Topic
	case len(res.Candidates) > 0:
		id = res.Candidates[0].ID
	}
	if e, ok := b.set.Entry(id); ok {
		return e.Topic
	}
	return ""
}
