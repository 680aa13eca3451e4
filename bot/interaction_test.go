package bot

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/callbot/callbot/qa"
)

// buttons lists the custom ids of all components in a response.
func customIDs(rows []discordgo.MessageComponent) []string {
	var ids []string
	for _, r := range rows {
		for _, c := range r.(discordgo.ActionsRow).Components {
			switch c := c.(type) {
			case discordgo.Button:
				ids = append(ids, c.CustomID)
			case discordgo.SelectMenu:
				ids = append(ids, c.CustomID)
			}
		}
	}
	return ids
}

func TestHandleInteraction(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		in        *discordgo.Interaction
		wantType  discordgo.InteractionResponseType
		ephemeral bool
		title     string   // embed 0 title, when non-empty
		contains  []string // in content or embed 0 description/fields/footer
		ids       []string // component custom ids, in order; nil: not checked
		kind      string
		asked     string // the question the Answerer got via Ask
		answered  string // the id the Answerer got via Answer
	}{
		{
			name: "ping", in: &discordgo.Interaction{Type: discordgo.InteractionPing},
			wantType: discordgo.InteractionResponsePong, kind: "ping",
		},
		{
			name:     "ask answered",
			in:       command(cmdAsk, strOpt(optQuestion, "When did the call take place?")),
			wantType: discordgo.InteractionResponseChannelMessageWithSource,
			title:    "When did the call take place?",
			contains: []string{"Four days before the invasion.", "[1] The report", "> The call happened.", "Confidence 87% · answers come only from the sources"},
			ids:      []string{"ask:who", "ask:video", "fu:when"}, kind: "command",
			asked: "When did the call take place?",
		},
		{
			name:     "ask private",
			in:       command(cmdAsk, strOpt(optQuestion, "Who was on the call?"), boolOpt(optPrivate, true)),
			wantType: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"Putin and Macron.", "[2] The video"}, ids: []string{"ask:when", "fu:who", "pub:who"}, kind: "command",
			asked: "Who was on the call?",
		},
		{
			name:     "ask not answered",
			in:       command(cmdAsk, strOpt(optQuestion, "What did they eat?")),
			wantType: discordgo.InteractionResponseChannelMessageWithSource,
			title:    "What did they eat?",
			contains: []string{"I don't know, the sources don't say.", "Questions the sources do answer are below."},
			ids:      []string{"ask:who"}, kind: "command", asked: "What did they eat?",
		},
		{
			name:     "ask empty gets the hint",
			in:       command(cmdAsk, strOpt(optQuestion, "  ")),
			wantType: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"Ask me something, for example When did the call take place?."}, kind: "command", asked: "  ",
		},
		{
			name:     "ask in a language not read names the languages read",
			in:       command(cmdAsk, strOpt(optQuestion, "Wann war das Gespräch?")),
			wantType: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"I read English, French and Russian."}, kind: "command", asked: "Wann war das Gespräch?",
		},
		{
			name:     "ask chosen autocomplete value",
			in:       command(cmdAsk, strOpt(optQuestion, "id:video")),
			wantType: discordgo.InteractionResponseChannelMessageWithSource,
			title:    "Was there a video?", contains: []string{"Yes."}, kind: "command", answered: "video",
		},
		{
			name:     "ask unknown id value is asked as text",
			in:       command(cmdAsk, strOpt(optQuestion, "id:nope")),
			wantType: discordgo.InteractionResponseChannelMessageWithSource,
			contains: []string{"I don't know"}, kind: "command", asked: "id:nope",
		},
		{
			name:     "ask markdown and mentions escaped in title",
			in:       command(cmdAsk, strOpt(optQuestion, "@everyone **bold** <@123>")),
			wantType: discordgo.InteractionResponseChannelMessageWithSource,
			title:    "@\u200beveryone \\*\\*bold\\*\\* <\u200b@123\\>", kind: "command", asked: "@everyone **bold** <@123>",
		},
		{
			name:     "topics",
			in:       command(cmdTopics),
			wantType: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			title: "Topics", contains: []string{"**The call** — 2 questions", "**Afterwards** — 1 question"},
			ids: []string{"topic"}, kind: "command",
		},
		{
			name:     "sources",
			in:       command(cmdSources),
			wantType: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"The report", "What the report covers.", "The video", "What the video covers."}, kind: "command",
		},
		{
			name:     "about",
			in:       command(cmdAbout),
			wantType: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"I don't know", "/ask", "mention me", "direct message", "The report"}, kind: "command",
		},
		{
			name:     "unknown command",
			in:       command("frobnicate"),
			wantType: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"Unknown command"}, kind: "command",
		},
		{
			name:     "command without data",
			in:       &discordgo.Interaction{Type: discordgo.InteractionApplicationCommand},
			wantType: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"Unknown command"}, kind: "command",
		},
		{
			name:     "related button",
			in:       component("ask:who"),
			wantType: discordgo.InteractionResponseChannelMessageWithSource,
			title:    "Who was on the call?", contains: []string{"Putin and Macron."}, kind: "component", answered: "who",
		},
		{
			name:     "button for a removed entry",
			in:       component("ask:gone"),
			wantType: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"no longer"}, kind: "component", answered: "gone",
		},
		{
			name:     "pick from topic menu",
			in:       component("pick", "when"),
			wantType: discordgo.InteractionResponseChannelMessageWithSource,
			title:    "When did the call take place?", kind: "component", answered: "when",
		},
		{
			name:     "topic menu shows its questions",
			in:       component("topic", "call"),
			wantType: discordgo.InteractionResponseUpdateMessage,
			title:    "The call", contains: []string{"1. When did the call take place?", "2. Who was on the call?"},
			ids: []string{"pick", "topics:0"}, kind: "component",
		},
		{
			name:     "topics page button",
			in:       component("topics:0"),
			wantType: discordgo.InteractionResponseUpdateMessage, title: "Topics", kind: "component",
		},
		{
			name:     "topic page button",
			in:       component("topic:0:after"),
			wantType: discordgo.InteractionResponseUpdateMessage, title: "Afterwards", kind: "component",
		},
		{
			name:     "unknown topic",
			in:       component("topic", "nope"),
			wantType: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"Unknown button or menu"}, kind: "component",
		},
		{
			name:     "unknown component",
			in:       component("zap"),
			wantType: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"Unknown button or menu"}, kind: "component",
		},
		{
			name:     "pick with no values",
			in:       component("pick", []string{}...),
			wantType: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"Unknown button or menu"}, kind: "component",
		},
		{
			name:     "modal",
			in:       &discordgo.Interaction{Type: discordgo.InteractionModalSubmit, Data: discordgo.ModalSubmitInteractionData{CustomID: "x"}},
			wantType: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true, kind: "modal",
		},
		{
			name:     "unknown type",
			in:       &discordgo.Interaction{Type: 99},
			wantType: discordgo.InteractionResponseChannelMessageWithSource, ephemeral: true,
			contains: []string{"Unknown command"}, kind: "unknown",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b, ans, obs := newTestBot(t, Config{})
			resp := b.HandleInteraction(context.Background(), tc.in)
			if resp == nil {
				t.Fatal("got nil response")
			}
			if resp.Type != tc.wantType {
				t.Errorf("got type %d, want %d", resp.Type, tc.wantType)
			}
			if got := slices.Clone(obs.kinds); !slices.Equal(got, []string{tc.kind}) {
				t.Errorf("got observed kinds %q, want [%q]", got, tc.kind)
			}
			if tc.asked != "" && !slices.Equal(ans.asked, []string{tc.asked}) {
				t.Errorf("got Ask calls %q, want [%q]", ans.asked, tc.asked)
			}
			if tc.answered != "" && !slices.Equal(ans.answered, []string{tc.answered}) {
				t.Errorf("got Answer calls %q, want [%q]", ans.answered, tc.answered)
			}
			if resp.Type == discordgo.InteractionResponsePong {
				if resp.Data != nil {
					t.Errorf("got pong data %+v, want none", resp.Data)
				}
				return
			}
			checkLimits(t, resp)
			d := resp.Data
			if got := d.Flags&discordgo.MessageFlagsEphemeral != 0; got != tc.ephemeral && resp.Type != discordgo.InteractionResponseUpdateMessage {
				t.Errorf("got ephemeral %v, want %v", got, tc.ephemeral)
			}
			text := d.Content
			if len(d.Embeds) > 0 {
				e := d.Embeds[0]
				text += "\n" + e.Title + "\n" + e.Description
				for _, f := range e.Fields {
					text += "\n" + f.Name + "\n" + f.Value
				}
				if e.Footer != nil {
					text += "\n" + e.Footer.Text
				}
				if tc.title != "" && e.Title != tc.title {
					t.Errorf("got title %q, want %q", e.Title, tc.title)
				}
			} else if tc.title != "" {
				t.Errorf("got no embed, want title %q", tc.title)
			}
			for _, s := range tc.contains {
				if !strings.Contains(text, s) {
					t.Errorf("got text %q, want it to contain %q", text, s)
				}
			}
			if tc.ids != nil {
				if got := customIDs(d.Components); !slices.Equal(got, tc.ids) {
					t.Errorf("got custom ids %q, want %q", got, tc.ids)
				}
			}
		})
	}
}

func TestComponentOnPrivateMessageStaysPrivate(t *testing.T) {
	t.Parallel()
	b, _, _ := newTestBot(t, Config{})
	in := component("ask:when")
	in.Message.Flags = discordgo.MessageFlagsEphemeral
	resp := b.HandleInteraction(context.Background(), in)
	if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("got flags %d, want ephemeral", resp.Data.Flags)
	}
}

func TestAutocomplete(t *testing.T) {
	t.Parallel()
	tests := []struct {
		typed string
		want  []string // choice values
	}{
		{"", []string{"id:when", "id:who", "id:video"}},
		{"call", []string{"id:when", "id:who"}},
		{"video", []string{"id:video"}},
		{"zzz", nil},
	}
	for _, tc := range tests {
		b, ans, obs := newTestBot(t, Config{RateLimit: 1})
		resp := b.HandleInteraction(context.Background(), autocomplete(tc.typed))
		if resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
			t.Fatalf("typed %q: got type %d, want %d", tc.typed, resp.Type, discordgo.InteractionApplicationCommandAutocompleteResult)
		}
		checkLimits(t, resp)
		var got []string
		for _, c := range resp.Data.Choices {
			got = append(got, c.Value.(string))
			if e, ok := b.set.Entry(strings.TrimPrefix(c.Value.(string), "id:")); !ok || c.Name != e.Question {
				t.Errorf("typed %q: choice %q named %q, want the entry's question", tc.typed, c.Value, c.Name)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("typed %q: got choices %q, want %q", tc.typed, got, tc.want)
		}
		if !slices.Equal(ans.prefixes, []string{tc.typed}) {
			t.Errorf("typed %q: got Complete calls %q", tc.typed, ans.prefixes)
		}
		if obs.limited != 0 {
			t.Errorf("typed %q: autocomplete counted against the rate limit", tc.typed)
		}
	}
}

func TestNilInteraction(t *testing.T) {
	t.Parallel()
	b, _, _ := newTestBot(t, Config{})
	resp := b.HandleInteraction(context.Background(), nil)
	if resp == nil || resp.Data == nil || resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Fatalf("got %+v, want an ephemeral error reply", resp)
	}
}

// TestHintKeepsSuggestions: a refusal with a hint (say, a question cut
// short) still offers the engine's suggestions as buttons.
func TestHintKeepsSuggestions(t *testing.T) {
	t.Parallel()
	b, ans, _ := newTestBot(t, Config{})
	ans.ask = func(q string) qa.Result {
		return qa.Result{Question: q, Reason: qa.ReasonTruncated, Suggestions: []qa.Suggestion{{ID: "who", Question: "Who was on the call?"}}}
	}
	resp := b.HandleInteraction(context.Background(), command("ask", strOpt("question", "a very long question")))
	checkLimits(t, resp)
	if got, want := resp.Data.Content, en.get("truncated", "Bytes", qa.MaxInputBytes); got != want || !strings.Contains(want, "2000") {
		t.Errorf("content = %q, want the hint", got)
	}
	if got := customIDs(resp.Data.Components); len(got) != 1 || got[0] != "ask:who" {
		t.Errorf("buttons = %v, want [ask:who]", got)
	}
}
