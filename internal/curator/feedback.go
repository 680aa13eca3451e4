package curator

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/callbot/callbot/internal/journal"
)

// voteLag is how much older than the oldest vote read a question is looked
// up: the buttons of an answer stay clickable, but few members vote on an
// answer more than a week old.
const voteLag = 7 * 24 * time.Hour

// EntryFeedback is what members said about one entry's answers. Its JSON is
// the `kb feedback --json` contract.
type EntryFeedback struct {
	ID         string         `json:"id"`
	Question   string         `json:"question"` // the entry's canonical question
	NotHelpful int            `json:"not_helpful"`
	Helpful    int            `json:"helpful"`
	Reasons    map[string]int `json:"reasons"` // not-helpful votes by reason; "" is none given
	Votes      []VoteDetail   `json:"votes"`   // the not-helpful votes, newest first
}

// VoteDetail is one not-helpful vote and the question it was about.
type VoteDetail struct {
	Question string    `json:"question"` // as the member asked it; "" when its record was lost
	Reason   string    `json:"reason"`
	Comment  string    `json:"comment"`
	Time     time.Time `json:"time"`
}

// Feedback returns the entries with at least one not-helpful vote in guild
// ("" for all) since since ago, most not-helpful first.
func (c *Curator) Feedback(ctx context.Context, guild string, since time.Duration) ([]EntryFeedback, error) {
	f := journal.Filter{Since: c.since(since), GuildID: guild}
	votes, err := c.r.Votes(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("read the votes: %w", err)
	}
	// A vote may come days after the answer it is about.
	qf := journal.Filter{GuildID: guild}
	if !f.Since.IsZero() {
		qf.Since = f.Since.Add(-voteLag)
	}
	qs, err := c.r.Questions(ctx, qf)
	if err != nil {
		return nil, fmt.Errorf("read the question record: %w", err)
	}
	text := make(map[string]string, len(qs))
	for _, q := range qs {
		text[q.ID] = q.Text
	}
	byEntry := map[string]*EntryFeedback{}
	for _, v := range votes {
		ef := byEntry[v.EntryID]
		if ef == nil {
			ef = &EntryFeedback{ID: v.EntryID, Reasons: map[string]int{}, Votes: []VoteDetail{}}
			if e, ok := c.set.Entry(v.EntryID); ok {
				ef.Question = e.Question
			}
			byEntry[v.EntryID] = ef
		}
		if v.Verdict == journal.Helpful {
			ef.Helpful++
			continue
		}
		ef.NotHelpful++
		ef.Reasons[v.Reason]++
		ef.Votes = append(ef.Votes, VoteDetail{Question: text[v.QuestionID], Reason: v.Reason, Comment: v.Comment, Time: v.Time})
	}
	out := []EntryFeedback{}
	for _, ef := range byEntry {
		if ef.NotHelpful == 0 {
			continue
		}
		slices.SortStableFunc(ef.Votes, func(a, b VoteDetail) int { return b.Time.Compare(a.Time) })
		out = append(out, *ef)
	}
	slices.SortFunc(out, func(a, b EntryFeedback) int {
		return cmp.Or(b.NotHelpful-a.NotHelpful, a.Helpful-b.Helpful, strings.Compare(a.ID, b.ID))
	})
	return out, nil
}
