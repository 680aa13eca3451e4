package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/callbot/callbot/knowledge"
	"github.com/callbot/callbot/qa"
)

func TestTruncate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"hello wonderful world", 16, "hello wonderful…"},
		{"hello wonderful world", 12, "hello…"},
		{"a " + strings.Repeat("x", 40), 30, "a " + strings.Repeat("x", 27) + "…"}, // no space near the cut
		{"hello wonderful world", 9, "hello…"},
		{"abcdefghijklmnop", 8, "abcdefg…"},
		{"ééééé ééééé", 8, "ééééé…"},
		{"日本語のテキストです", 5, "日本語の…"},
		{"x", 0, ""},
		{`a b \*\*bold\*\*`, 7, "a b…"},
		{`ab \*cd`, 5, "ab…"}, // never a lone backslash before …
		{"\xff\xfe bad bytes here", 6, "\uFFFD…"},
		{"ok\xff", 10, "ok\uFFFD"},
	}
	for _, tc := range tests {
		got := truncate(tc.in, tc.max)
		if got != tc.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
		if n := utf8.RuneCountInString(got); n > tc.max || !utf8.ValidString(got) {
			t.Errorf("truncate(%q, %d) = %q: %d runes or invalid UTF-8", tc.in, tc.max, got, n)
		}
	}
}

// hugeSet has entries, topics and sources far over every Discord limit.
func hugeSet(t testing.TB) *knowledge.Set {
	t.Helper()
	long := func(word string, n int) string { return strings.TrimSpace(strings.Repeat(word+" ", n)) }
	var qa strings.Builder
	qa.WriteString("entries:\n")
	var related []string
	for i := range 60 {
		related = append(related, fmt.Sprintf("e%d", i))
	}
	longID := strings.Repeat("x", 120)
	for i := range 60 {
		id := fmt.Sprintf("e%d", i)
		if i == 59 {
			id = longID // over custom_id/value limits: must be skipped, not cut
		}
		fmt.Fprintf(&qa, "  - id: %s\n    topic: t%d\n    question: %q\n    answer: %q\n    citations:\n", id, i%2, fmt.Sprintf("Q%d %s", i, long("ещё", 300)), long("answer", 3000))
		cites := 1
		if i < 5 {
			cites = 30 // over the 25-field limit, each over 1024 runes
		}
		for range cites {
			fmt.Fprintf(&qa, "      - source: s\n        quote: %q\n", long("quote", 200))
		}
		fmt.Fprintf(&qa, "    related: [%s, %s]\n", longID, strings.Join(related, ", "))
	}
	var topics strings.Builder
	topics.WriteString("topics:\n  - id: t0\n    title: " + long("Topic", 100) + "\n  - id: t1\n    title: One\n")
	for i := range 40 {
		fmt.Fprintf(&topics, "  - id: extra%d\n    title: Extra %d\n", i, i)
	}
	set, err := knowledge.Load(fstest.MapFS{
		"about.yaml":           {Data: []byte("about:\n  summary: Ask a question about the test set\n  description: I answer questions about a test set.\n  hint: \"Ask me something, for example {example}.\"\n  refusal: I don't know, the sources don't say.\n  suggest: Questions the sources do answer are below.\n  footer: answers come only from the sources\n  languages: I read English, French and Russian.\n")},
		"sources/sources.yaml": {Data: []byte("sources:\n  - id: s\n    file: s.txt\n    title: " + long("Title", 200) + "\n    summary: " + long("summary", 2000) + "\n")},
		"sources/s.txt":        {Data: []byte("text")},
		"topics.yaml":          {Data: []byte(topics.String())},
		"qa/huge.yaml":         {Data: []byte(qa.String())},
	})
	if err != nil {
		t.Fatalf("load huge set: %v", err)
	}
	return set
}

// hugeAnswerer answers every question with a huge entry and suggests huge
// questions.
type hugeAnswerer struct {
	set      *knowledge.Set
	answered bool
}

func (h hugeAnswerer) AskAfter(q, _ string) qa.Result { return h.Ask(q) }

func (h hugeAnswerer) Ask(q string) qa.Result {
	var sugg []qa.Suggestion
	for _, e := range h.set.Entries[50:] {
		sugg = append(sugg, qa.Suggestion{ID: e.ID, Question: e.Question})
	}
	if !h.answered {
		return qa.Result{Question: q, Suggestions: sugg}
	}
	return qa.Result{Question: q, Answered: true, Entry: &h.set.Entries[0], Confidence: 0.5, Suggestions: sugg}
}

func (h hugeAnswerer) Answer(id string) (qa.Result, bool) {
	e, ok := h.set.Entry(id)
	if !ok {
		return qa.Result{}, false
	}
	return qa.Result{Question: e.Question, Answered: true, Entry: e, Confidence: 1}, true
}

func (h hugeAnswerer) Complete(string, int) []qa.Suggestion {
	var out []qa.Suggestion
	for _, e := range h.set.Entries { // all 60, over the 25 limit
		out = append(out, qa.Suggestion{ID: e.ID, Question: e.Question})
	}
	return out
}

func TestEveryReplyWithinLimits(t *testing.T) {
	t.Parallel()
	set := hugeSet(t)
	huge := strings.Repeat("@everyone **why** `x` <@1> ", 2000) + strings.Repeat("é", 5000)
	ins := map[string]*discordgo.Interaction{
		"ask":          command(cmdAsk, strOpt(optQuestion, huge)),
		"ask by id":    command(cmdAsk, strOpt(optQuestion, "id:e1")),
		"autocomplete": autocomplete(huge),
		"button":       component("ask:e3"),
		"pick":         component("pick", "e4"),
		"topics":       command(cmdTopics),
		"topics p1":    component("topics:1"),
		"topic":        component("topic", "t0"),
		"topic p1":     component("topic:1:t0"),
		"topic p9":     component("topic:9:t1"),
		"sources":      command(cmdSources),
		"about":        command(cmdAbout),
		"huge custom":  component(strings.Repeat("ask:", 1000)),
	}
	for _, answered := range []bool{true, false} {
		b := New(Config{RateLimit: -1}, hugeAnswerer{set: set, answered: answered}, set, nil, nil)
		for name, in := range ins {
			t.Run(fmt.Sprintf("%s/answered=%v", name, answered), func(t *testing.T) {
				resp := b.HandleInteraction(context.Background(), in)
				checkLimits(t, resp)
				if resp.Type == discordgo.InteractionApplicationCommandAutocompleteResult && len(resp.Data.Choices) != 25 {
					t.Errorf("got %d choices, want 25 (59 fit, capped)", len(resp.Data.Choices))
				}
			})
		}
		t.Run(fmt.Sprintf("message/answered=%v", answered), func(t *testing.T) {
			out := b.HandleMessage(context.Background(), dm(huge), self)
			checkLimits(t, out)
			if len(out.Embeds) == 0 {
				t.Fatal("got no embed")
			}
		})
	}
}

func TestLongAnswerIsCutAtAWord(t *testing.T) {
	t.Parallel()
	set := hugeSet(t)
	b := New(Config{}, hugeAnswerer{set: set, answered: true}, set, nil, nil)
	resp := b.HandleInteraction(context.Background(), command(cmdAsk, strOpt(optQuestion, "q")))
	desc := resp.Data.Embeds[0].Description
	if !strings.HasSuffix(desc, "answer…") {
		t.Errorf("got description ending %q, want a whole word then …", desc[max(0, len(desc)-20):])
	}
	// Too-long ids must be dropped, never cut into ids that name nothing.
	for _, id := range customIDs(resp.Data.Components) {
		id = strings.TrimPrefix(strings.TrimPrefix(id, prefixAsk), prefixFollowUp)
		if _, ok := set.Entry(id); !ok {
			t.Errorf("got custom id %q naming no entry", id)
		}
	}
}

func TestClampKeepsEmptyListsForUpdates(t *testing.T) {
	t.Parallel()
	// An update with "embeds":[] clears the old embeds; null would keep them.
	resp := clampResponse((&Bot{}).update(reply{content: "x"}))
	got := mustJSON(t, resp)
	for _, want := range []string{`"embeds":[]`, `"components":[]`} {
		if !strings.Contains(got, want) {
			t.Errorf("got %s, want %s", got, want)
		}
	}
}

func TestClampEmbedsTotal(t *testing.T) {
	t.Parallel()
	var embeds []*discordgo.MessageEmbed
	for range 12 {
		e := &discordgo.MessageEmbed{Title: strings.Repeat("t", 300), Description: strings.Repeat("d ", 3000)}
		for range 30 {
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: strings.Repeat("n", 300), Value: strings.Repeat("v", 2000)})
		}
		embeds = append(embeds, e)
	}
	out := clampEmbeds(embeds)
	total := 0
	for _, e := range out {
		total += embedLen(e)
	}
	if len(out) > maxEmbeds || total > maxEmbedTotal {
		t.Errorf("got %d embeds of %d runes, want <= %d and <= %d", len(out), total, maxEmbeds, maxEmbedTotal)
	}
}
