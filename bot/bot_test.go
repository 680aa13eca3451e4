package bot

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/callbot/callbot/knowledge"
	"github.com/callbot/callbot/qa"
)

// testSet is a small knowledge set independent of the curated data, which
// changes while the bot is developed.
func testSet(t testing.TB) *knowledge.Set {
	t.Helper()
	fsys := fstest.MapFS{
		"about.yaml": {Data: []byte("about:\n  summary: Ask a question about the test set\n  description: I answer questions about a test set.\n  hint: \"Ask me something, for example {example}.\"\n  refusal: I don't know, the sources don't say.\n  suggest: Questions the sources do answer are below.\n  footer: answers come only from the sources\n  languages: I read English, French and Russian.\n")},
		"sources/sources.yaml": {Data: []byte(`sources:
  - id: report
    file: report.txt
    title: "The report"
    summary: "What the report covers."
  - id: video
    file: video.txt
    title: "The video"
    summary: "What the video covers."
`)},
		"sources/report.txt": {Data: []byte("The call happened. Macron spoke.\n")},
		"sources/video.txt":  {Data: []byte("A video was shown.\n")},
		"topics.yaml": {Data: []byte(`topics:
  - id: call
    title: The call
  - id: after
    title: Afterwards
`)},
		"qa/call.yaml": {Data: []byte(`entries:
  - id: when
    topic: call
    question: When did the call take place?
    answer: Four days before the invasion.
    citations:
      - source: report
        quote: The call happened.
    related: [who, video, missing]
  - id: who
    topic: call
    question: Who was on the call?
    answer: Putin and Macron.
    citations:
      - source: report
        quote: Macron spoke.
      - source: video
        quote: A video was shown.
    related: [when]
  - id: video
    topic: after
    question: Was there a video?
    answer: Yes.
    citations:
      - source: video
        quote: A video was shown.
`)},
	}
	set, err := knowledge.Load(fsys)
	if err != nil {
		t.Fatalf("load test set: %v", err)
	}
	return set
}

// fakeAnswerer answers from a set: exact canonical questions are answered,
// anything else is refused with suggestions. Hooks override behaviour.
type fakeAnswerer struct {
	set      *knowledge.Set
	ask      func(string) qa.Result // overrides Ask when set
	asked    []string
	after    []string // the entries AskAfter was asked to follow
	answered []string
	prefixes []string
}

// AskAfter records the entry followed, then answers as Ask.
func (f *fakeAnswerer) AskAfter(q, prev string) qa.Result {
	f.after = append(f.after, prev)
	return f.Ask(q)
}

func (f *fakeAnswerer) Ask(q string) qa.Result {
	f.asked = append(f.asked, q)
	if f.ask != nil {
		return f.ask(q)
	}
	if strings.TrimSpace(q) == "" {
		return qa.Result{Question: q, Reason: qa.ReasonEmpty}
	}
	if strings.HasPrefix(q, "Wann ") { // German, which the engine does not read
		return qa.Result{Question: q, Reason: qa.ReasonLanguage}
	}
	for i := range f.set.Entries {
		e := &f.set.Entries[i]
		if strings.EqualFold(strings.TrimSpace(q), e.Question) {
			return qa.Result{Question: q, Answered: true, Entry: e, Confidence: 0.87}
		}
	}
	return qa.Result{Question: q, Suggestions: []qa.Suggestion{{ID: "who", Question: "Who was on the call?"}}}
}

func (f *fakeAnswerer) Answer(id string) (qa.Result, bool) {
	f.answered = append(f.answered, id)
	e, ok := f.set.Entry(id)
	if !ok {
		return qa.Result{}, false
	}
	return qa.Result{Question: e.Question, Answered: true, Entry: e, Confidence: 1}, true
}

func (f *fakeAnswerer) Complete(prefix string, limit int) []qa.Suggestion {
	f.prefixes = append(f.prefixes, prefix)
	var out []qa.Suggestion
	for _, e := range f.set.Entries {
		if len(out) == limit {
			break
		}
		if strings.Contains(strings.ToLower(e.Question), strings.ToLower(prefix)) {
			out = append(out, qa.Suggestion{ID: e.ID, Question: e.Question})
		}
	}
	return out
}

// countingObserver records Observer calls.
type countingObserver struct {
	questions, answered, limited, reconnects int
	kinds, topics, votes                     []string
}

func (o *countingObserver) Question(topic string, answered bool, _ time.Duration) {
	o.questions++
	o.topics = append(o.topics, topic)
	if answered {
		o.answered++
	}
}
func (o *countingObserver) Feedback(verdict, reason string) {
	o.votes = append(o.votes, verdict+"/"+reason)
}
func (o *countingObserver) Interaction(kind string) { o.kinds = append(o.kinds, kind) }
func (o *countingObserver) RateLimited()            { o.limited++ }
func (o *countingObserver) Reconnect()              { o.reconnects++ }

func newTestBot(t testing.TB, cfg Config) (*Bot, *fakeAnswerer, *countingObserver) {
	t.Helper()
	set := testSet(t)
	ans := &fakeAnswerer{set: set}
	obs := &countingObserver{}
	return New(cfg, ans, set, nil, obs), ans, obs
}

func member(id string) *discordgo.Member {
	return &discordgo.Member{User: &discordgo.User{ID: id, Username: "u" + id}}
}

func command(name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	return &discordgo.Interaction{
		ID: "i1", Type: discordgo.InteractionApplicationCommand, GuildID: "g1", ChannelID: "c1",
		Member: member("u1"),
		Data:   discordgo.ApplicationCommandInteractionData{Name: name, Options: opts},
	}
}

func strOpt(name, v string) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionString, Value: v}
}

func boolOpt(name string, v bool) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionBoolean, Value: v}
}

func autocomplete(typed string) *discordgo.Interaction {
	i := command(cmdAsk, &discordgo.ApplicationCommandInteractionDataOption{
		Name: optQuestion, Type: discordgo.ApplicationCommandOptionString, Value: typed, Focused: true,
	})
	i.Type = discordgo.InteractionApplicationCommandAutocomplete
	return i
}

func component(customID string, values ...string) *discordgo.Interaction {
	ct := discordgo.ButtonComponent
	if values != nil {
		ct = discordgo.SelectMenuComponent
	}
	return &discordgo.Interaction{
		ID: "i2", Type: discordgo.InteractionMessageComponent, ChannelID: "c1",
		User:    &discordgo.User{ID: "u1"},
		Message: &discordgo.Message{ID: "m0", ChannelID: "c1"},
		Data:    discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: ct, Values: values},
	}
}

// checkLimits fails t for anything in v (a response or message) over
// Discord's limits, or any reply that could ping someone.
func checkLimits(t *testing.T, v any) {
	t.Helper()
	var content string
	var embeds []*discordgo.MessageEmbed
	var rows []discordgo.MessageComponent
	var am *discordgo.MessageAllowedMentions
	switch x := v.(type) {
	case *discordgo.InteractionResponse:
		if x.Data == nil {
			return
		}
		if x.Type == discordgo.InteractionApplicationCommandAutocompleteResult {
			if len(x.Data.Choices) > 25 {
				t.Errorf("got %d choices, want <= 25", len(x.Data.Choices))
			}
			for _, c := range x.Data.Choices {
				if n := utf8.RuneCountInString(c.Name); n > 100 || n == 0 {
					t.Errorf("choice name has %d runes, want 1..100", n)
				}
				if s, _ := c.Value.(string); utf8.RuneCountInString(s) > 100 {
					t.Errorf("choice value has %d runes, want <= 100", utf8.RuneCountInString(s))
				}
			}
			return
		}
		content, embeds, rows, am = x.Data.Content, x.Data.Embeds, x.Data.Components, x.Data.AllowedMentions
	case *discordgo.MessageSend:
		if x == nil {
			return
		}
		content, embeds, rows, am = x.Content, x.Embeds, x.Components, x.AllowedMentions
		if x.Reference == nil || x.Reference.FailIfNotExists == nil || *x.Reference.FailIfNotExists {
			t.Errorf("message reference %+v: want fail_if_not_exists false", x.Reference)
		}
	default:
		t.Fatalf("checkLimits: unexpected %T", v)
	}
	if am == nil || am.Parse == nil || len(am.Parse) != 0 || len(am.Users) > 0 || len(am.Roles) > 0 || am.RepliedUser {
		t.Errorf("allowed mentions %+v: want parse [] and nothing else", am)
	}
	check := func(what, s string, limit int) {
		t.Helper()
		if n := utf8.RuneCountInString(s); n > limit {
			t.Errorf("%s has %d runes, want <= %d", what, n, limit)
		}
		if !utf8.ValidString(s) {
			t.Errorf("%s is not valid UTF-8", what)
		}
	}
	check("content", content, 2000)
	if len(embeds) > 10 {
		t.Errorf("got %d embeds, want <= 10", len(embeds))
	}
	total := 0
	for _, e := range embeds {
		check("title", e.Title, 256)
		check("description", e.Description, 4096)
		if len(e.Fields) > 25 {
			t.Errorf("got %d fields, want <= 25", len(e.Fields))
		}
		total += embedLen(e)
		for _, f := range e.Fields {
			check("field name", f.Name, 256)
			check("field value", f.Value, 1024)
		}
		if e.Footer != nil {
			check("footer", e.Footer.Text, 2048)
		}
	}
	if total > 6000 {
		t.Errorf("embeds total %d runes, want <= 6000", total)
	}
	if len(rows) > 5 {
		t.Errorf("got %d rows, want <= 5", len(rows))
	}
	ids := map[string]bool{}
	for _, r := range rows {
		row, ok := r.(discordgo.ActionsRow)
		if !ok {
			t.Errorf("top-level component %T, want ActionsRow", r)
			continue
		}
		if len(row.Components) > 5 {
			t.Errorf("row has %d components, want <= 5", len(row.Components))
		}
		for _, c := range row.Components {
			switch c := c.(type) {
			case discordgo.Button:
				check("button label", c.Label, 80)
				check("custom_id", c.CustomID, 100)
				if ids[c.CustomID] {
					t.Errorf("duplicate custom_id %q", c.CustomID)
				}
				ids[c.CustomID] = true
			case discordgo.SelectMenu:
				check("custom_id", c.CustomID, 100)
				check("placeholder", c.Placeholder, 150)
				if len(c.Options) > 25 || len(c.Options) == 0 {
					t.Errorf("select has %d options, want 1..25", len(c.Options))
				}
				for _, o := range c.Options {
					check("option label", o.Label, 100)
					check("option value", o.Value, 100)
					check("option description", o.Description, 100)
				}
			default:
				t.Errorf("component %T, want Button or SelectMenu", c)
			}
		}
	}
	// The JSON must marshal and keep "parse":[] (a nil slice would be null).
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	if !strings.Contains(string(b), `"allowed_mentions":{"parse":[],"replied_user":false}`) {
		t.Errorf("JSON %s: want allowed_mentions {\"parse\":[],\"replied_user\":false}", b)
	}
}
