package curator

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/callbot/callbot/internal/journal"
)

// minShared is the least Jaccard overlap of two questions' terms for them
// to join one gap: half, so "what was the weather like during the call"
// and "how was the weather on the call" meet, while two questions sharing
// only "Macron" do not.
const minShared = 0.5

// Gaps returns the questions asked in guild ("" for all) since since ago
// that were refused for want of an answer, or answered with a confidence
// under the curator's low mark, grouped by what they share after analysis,
// most asked first, at most limit groups (0: all).
func (c *Curator) Gaps(ctx context.Context, guild string, since time.Duration, limit int) ([]Gap, error) {
	qs, err := c.r.Questions(ctx, journal.Filter{Since: c.since(since), GuildID: guild})
	if err != nil {
		return nil, fmt.Errorf("read the question record: %w", err)
	}
	picks := map[string]map[string]int{} // refused question id → entry → clicks
	var wanted []journal.Question
	for _, q := range qs {
		switch {
		case q.PickedFrom != "" && q.EntryID != "":
			if picks[q.PickedFrom] == nil {
				picks[q.PickedFrom] = map[string]int{}
			}
			picks[q.PickedFrom][q.EntryID]++
		case c.isGap(q):
			wanted = append(wanted, q)
		}
	}
	gaps := c.group(wanted)
	for i := range gaps {
		g := &gaps[i]
		g.Picked = []Picked{}
		counts := map[string]int{}
		for _, id := range g.ids {
			for e, n := range picks[id] {
				counts[e] += n
			}
		}
		for e, n := range counts {
			g.Picked = append(g.Picked, Picked{ID: e, Count: n})
		}
		slices.SortFunc(g.Picked, func(a, b Picked) int { return cmp.Or(b.Count-a.Count, strings.Compare(a.ID, b.ID)) })
		g.Nearest = c.nearest(g.scores)
	}
	slices.SortStableFunc(gaps, func(a, b Gap) int {
		return cmp.Or(b.Count-a.Count, b.Last.Compare(a.Last))
	})
	if limit > 0 && len(gaps) > limit {
		gaps = gaps[:limit]
	}
	return gaps, nil
}

func (c *Curator) since(d time.Duration) time.Time {
	if d <= 0 {
		return time.Time{}
	}
	return c.now().Add(-d)
}

// isGap reports a question a curator should look at: asked in words (not a
// button), and refused because the sources don't say, cut short, or
// answered with low confidence. Empty messages and questions in a language
// the bot does not read are not gaps in the knowledge.
func (c *Curator) isGap(q journal.Question) bool {
	if q.Kind == "button" || q.Kind == "suggestion" || strings.TrimSpace(q.Text) == "" {
		return false
	}
	switch q.Refusal {
	case "unknown", "truncated":
		return true
	case "":
		return q.EntryID != "" && q.Confidence < c.low
	}
	return false
}

// group clusters questions greedily: distinct wordings, most asked first,
// each joins the first gap whose first wording shares at least minShared
// of its terms.
func (c *Curator) group(qs []journal.Question) []Gap {
	type wording struct {
		text  string
		count int
		last  time.Time
		qs    []journal.Question
	}
	byKey := map[string]*wording{}
	var order []*wording
	for _, q := range qs {
		k := foldText(q.Text)
		w := byKey[k]
		if w == nil {
			w = &wording{text: strings.Join(strings.Fields(q.Text), " ")}
			byKey[k] = w
			order = append(order, w)
		}
		w.count++
		w.qs = append(w.qs, q)
		if q.Time.After(w.last) {
			w.last = q.Time
		}
	}
	slices.SortStableFunc(order, func(a, b *wording) int { return cmp.Or(b.count-a.count, b.last.Compare(a.last)) })
	gaps := []Gap{}
	for _, w := range order {
		terms := c.an.Terms(w.text)
		gi := -1
		for i := range gaps {
			if jaccard(terms, gaps[i].Terms) >= minShared {
				gi = i
				break
			}
		}
		if gi < 0 {
			gaps = append(gaps, Gap{Terms: terms, scores: map[string]float64{}})
			gi = len(gaps) - 1
		}
		g := &gaps[gi]
		g.Count += w.count
		g.Questions = append(g.Questions, Asked{Text: w.text, Count: w.count})
		if w.last.After(g.Last) {
			g.Last = w.last
		}
		for _, q := range w.qs {
			g.ids = append(g.ids, q.ID)
			for _, cand := range q.Candidates {
				g.scores[cand.ID] += cand.Score
			}
		}
	}
	return gaps
}

// nearest is the (at most three) entries with the highest summed scores.
func (c *Curator) nearest(scores map[string]float64) []Nearest {
	ids := make([]string, 0, len(scores))
	for id := range scores {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return cmp.Or(cmp.Compare(scores[b], scores[a]), strings.Compare(a, b)) })
	out := []Nearest{}
	for _, id := range ids {
		if len(out) == 3 {
			break
		}
		n := Nearest{ID: id}
		if e, ok := c.set.Entry(id); ok {
			n.Question = e.Question
		}
		out = append(out, n)
	}
	return out
}

// jaccard is |a ∩ b| / |a ∪ b| of two sorted sets; two empty sets are alike.
func jaccard(a, b []string) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	shared := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch strings.Compare(a[i], b[j]) {
		case 0:
			shared++
			i++
			j++
		case -1:
			i++
		default:
			j++
		}
	}
	return float64(shared) / float64(len(a)+len(b)-shared)
}

// foldText makes wordings that differ only in case, spacing and
// punctuation at the ends one wording.
func foldText(s string) string {
	return strings.TrimFunc(strings.ToLower(strings.Join(strings.Fields(s), " ")), func(r rune) bool {
		return unicode.IsPunct(r) || unicode.IsSpace(r)
	})
}
