package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/callbot/callbot/knowledge"
	"github.com/callbot/callbot/qa"
)

// setAnswerer answers by id only; enough to render every curated entry.
type setAnswerer struct{ set *knowledge.Set }

func (a setAnswerer) Ask(q string) qa.Result         { return qa.Result{Question: q} }
func (a setAnswerer) AskAfter(q, _ string) qa.Result { return a.Ask(q) }
func (a setAnswerer) Answer(id string) (qa.Result, bool) {
	e, ok := a.set.Entry(id)
	if !ok {
		return qa.Result{}, false
	}
	return qa.Result{Question: e.Question, Answered: true, Entry: e, Confidence: 1}, true
}
func (a setAnswerer) Complete(string, int) []qa.Suggestion { return nil }

// TestEmbeddedKnowledgeRenders renders every curated entry and topic page
// of the shipped knowledge and checks limits, and that no button or menu
// option is lost because an id is too long for a custom_id.
func TestEmbeddedKnowledgeRenders(t *testing.T) {
	t.Parallel()
	set, err := knowledge.Embedded()
	if err != nil {
		t.Fatalf("embedded knowledge: %v", err)
	}
	b := New(Config{RateLimit: -1}, setAnswerer{set}, set, nil, nil)
	ctx := context.Background()
	for _, e := range set.Entries {
		resp := b.HandleInteraction(ctx, component("ask:"+e.ID))
		checkLimits(t, resp)
		if len(resp.Data.Embeds) == 0 || resp.Data.Embeds[0].Description == "" {
			t.Errorf("entry %s: got %+v, want an answer embed", e.ID, resp.Data)
			continue
		}
		want := 0
		seen := map[string]bool{e.ID: true}
		for _, r := range e.Related {
			if _, ok := set.Entry(r); ok && !seen[r] && want < maxRelated {
				seen[r] = true
				want++
			}
		}
		got := 0
		for _, id := range customIDs(resp.Data.Components) {
			if strings.HasPrefix(id, prefixAsk) {
				got++
			}
		}
		if got != want {
			t.Errorf("entry %s: got %d related buttons, want %d", e.ID, got, want)
		}
		if len(resp.Data.Embeds[0].Fields) != min(len(e.Citations), maxFields) {
			t.Errorf("entry %s: got %d citation fields, want %d", e.ID, len(resp.Data.Embeds[0].Fields), len(e.Citations))
		}
	}
	for _, tp := range set.Topics {
		n := len(set.TopicEntries(tp.ID))
		for p := 0; p*perPage < max(n, 1); p++ {
			resp := b.HandleInteraction(ctx, component("topic:"+itoa(p)+":"+tp.ID))
			checkLimits(t, resp)
			if len(resp.Data.Embeds) == 0 || resp.Data.Embeds[0].Title != tp.Title {
				t.Errorf("topic %s page %d: got %+v, want its page", tp.ID, p, resp.Data)
			}
		}
	}
	checkLimits(t, b.HandleInteraction(ctx, command(cmdTopics)))
	checkLimits(t, b.HandleInteraction(ctx, command(cmdSources)))
	checkLimits(t, b.HandleInteraction(ctx, command(cmdAbout)))
}
