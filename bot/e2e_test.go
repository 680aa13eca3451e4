package bot_test

// End-to-end tests of interactions; the harness is in e2e_harness_test.go.

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/callbot/callbot/bot"
	"github.com/callbot/callbot/internal/discordfake"
)

func TestE2EAskAnswersWithCitationsAndButtons(t *testing.T) {
	t.Parallel()
	h := startE2E(t, bot.Config{})
	const question = "What did Macron say about lawyers?"
	want := h.entry("lawyer-remark")

	for _, tc := range []struct {
		name      string
		private   bool
		wantFlags int
	}{
		{"public", false, 0},
		{"private", true, flagEphemeral},
	} {
		id := h.ask(newUser("alice"), question, tc.private)
		_, cb := h.callback(id)
		if cb.Type != 4 {
			t.Errorf("%s: got callback type %d, want 4 (CHANNEL_MESSAGE_WITH_SOURCE)", tc.name, cb.Type)
		}
		if cb.Data.Flags != tc.wantFlags {
			t.Errorf("%s: got flags %d, want %d", tc.name, cb.Data.Flags, tc.wantFlags)
		}
		if !pingsNobody(cb.Data.AllowedMentions) {
			t.Errorf("%s: got allowed_mentions %+v, want parse []", tc.name, cb.Data.AllowedMentions)
		}
		checkAnswerEmbed(t, h.kb.set, cb.Data, want)
		if got := len(h.callbacks(id)); got != 1 {
			t.Errorf("%s: got %d callbacks, want exactly 1", tc.name, got)
		}

		// Click the first related-question button the answer carries.
		ids := customIDs(cb.Data.Components)
		if len(ids) == 0 {
			t.Fatalf("%s: answer has no related-question buttons", tc.name)
		}
		relID, ok := strings.CutPrefix(ids[0], "ask:")
		if !ok || !slices.Contains(want.Related, relID) {
			t.Fatalf("%s: got button %q, want ask:<one of %v>", tc.name, ids[0], want.Related)
		}
		click := h.interact(discordfake.ButtonInteraction(discordfake.InteractionParams{
			GuildID: discordfake.DefaultGuildID, User: newUser("bob"), CustomID: ids[0],
		}))
		_, cb = h.callback(click)
		if cb.Type != 4 || cb.Data.Flags != 0 || !pingsNobody(cb.Data.AllowedMentions) {
			t.Errorf("%s: button: got type %d flags %d allowed_mentions %+v, want 4, 0, parse []",
				tc.name, cb.Type, cb.Data.Flags, cb.Data.AllowedMentions)
		}
		rel := h.entry(relID)
		checkAnswerEmbed(t, h.kb.set, cb.Data, rel)
		if len(cb.Data.Embeds) == 1 && cb.Data.Embeds[0].Title != rel.Question {
			t.Errorf("%s: button: got title %q, want the entry's question %q", tc.name, cb.Data.Embeds[0].Title, rel.Question)
		}
	}

	h.stop()
	if got := h.obs.count("answered"); got != 4 {
		t.Errorf("observer: got %d answered questions, want 4 (2 asks, 2 clicks)", got)
	}
	if got, want := h.obs.count("command"), 2; got != want {
		t.Errorf("observer: got %d command interactions, want %d", got, want)
	}
	if got, want := h.obs.count("component"), 2; got != want {
		t.Errorf("observer: got %d component interactions, want %d", got, want)
	}
}

func TestE2EAutocomplete(t *testing.T) {
	t.Parallel()
	h := startE2E(t, bot.Config{})
	id := h.interact(discordfake.AutocompleteInteraction(discordfake.InteractionParams{
		GuildID: discordfake.DefaultGuildID, User: newUser("carol"), CommandName: "ask",
		Options: []discordfake.CommandOption{{Name: "question", Value: "put", Focused: true}},
	}))
	_, cb := h.callback(id)
	if cb.Type != 8 {
		t.Fatalf("got callback type %d, want 8 (APPLICATION_COMMAND_AUTOCOMPLETE_RESULT)", cb.Type)
	}
	if n := len(cb.Data.Choices); n < 1 || n > 25 {
		t.Fatalf("got %d choices, want 1..25", n)
	}
	for _, c := range cb.Data.Choices {
		v, _ := c.Value.(string)
		if c.Name == "" || utf8.RuneCountInString(c.Name) > 100 || utf8.RuneCountInString(v) > 100 {
			t.Errorf("got choice %q = %q, want a name and value of 1..100 characters", c.Name, v)
		}
		eid, ok := strings.CutPrefix(v, "id:")
		if _, known := h.kb.set.Entry(eid); !ok || !known {
			t.Errorf("got choice value %q, want id:<entry id>", v)
		}
	}
	if got := h.obs.count("answered") + h.obs.count("refused"); got != 0 {
		t.Errorf("observer: got %d questions for an autocomplete, want 0", got)
	}

	// Submitting the chosen value answers exactly that entry.
	v := cb.Data.Choices[0].Value.(string)
	_, cb = h.callback(h.ask(newUser("carol"), v, false))
	checkAnswerEmbed(t, h.kb.set, cb.Data, h.entry(strings.TrimPrefix(v, "id:")))
}

func TestE2ERateLimit(t *testing.T) {
	t.Parallel()
	h := startE2E(t, bot.Config{}) // default: 5 questions per 30 s per user
	user := newUser("dave")
	var ids []string
	for range 6 {
		ids = append(ids, h.ask(user, "When did the call take place?", false))
	}
	answers, notices := 0, 0
	for _, id := range ids {
		_, cb := h.callback(id)
		switch {
		case cb.Type == 4 && cb.Data.Flags == 0 && len(cb.Data.Embeds) == 1:
			answers++
		case cb.Type == 4 && cb.Data.Flags == flagEphemeral && strings.Contains(cb.Data.Content, "try again"):
			notices++
		default:
			t.Errorf("interaction %s: got %+v, want an answer or an ephemeral rate-limit notice", id, cb)
		}
	}
	if answers != 5 || notices != 1 {
		t.Errorf("got %d answers and %d notices, want 5 and 1", answers, notices)
	}
	// Another user is not limited by dave's questions.
	if _, cb := h.callback(h.ask(newUser("erin"), "When did the call take place?", false)); cb.Data.Flags != 0 {
		t.Errorf("other user: got flags %d, want an answer", cb.Data.Flags)
	}
	h.stop()
	if got := h.obs.count("ratelimited"); got != 1 {
		t.Errorf("observer: got %d rate-limited, want 1", got)
	}
	if got := h.obs.count("answered"); got != 6 {
		t.Errorf("observer: got %d answered, want 6", got)
	}
}

func TestE2EAskNeutralisesMentions(t *testing.T) {
	t.Parallel()
	h := startE2E(t, bot.Config{})
	for _, q := range []string{
		"@everyone <@123> when did the call take place?",           // answered: the question is echoed as the title
		"@everyone <@123> @here what is the capital of Australia?", // refused: echoed too
	} {
		req, cb := h.callback(h.ask(newUser("frank"), q, false))
		if !pingsNobody(cb.Data.AllowedMentions) {
			t.Errorf("%q: got allowed_mentions %+v, want parse []", q, cb.Data.AllowedMentions)
		}
		checkNoRawMentions(t, q, req.JSON)
	}
}
