package bot_test

import (
	"strings"
	"testing"

	"github.com/callbot/callbot/bot"
	"github.com/callbot/callbot/internal/discordfake"
)

// TestE2ELanguages asks over the gateway in the member's language: a
// French-locale refusal is in French, a Russian question from a Russian
// locale gets the entry's Russian answer, and a user-installed app in a DM
// between users answers.
func TestE2ELanguages(t *testing.T) {
	t.Parallel()
	h := startE2E(t, bot.Config{})
	ask := func(p discordfake.InteractionParams, q string) callbackBody {
		t.Helper()
		p.CommandName = "ask"
		p.Options = []discordfake.CommandOption{{Name: "question", Value: q}}
		if p.User.ID == "" {
			p.User = newUser("lang")
		}
		_, cb := h.callback(h.interact(discordfake.CommandInteraction(p)))
		return cb
	}
	about := h.kb.set.About

	cb := ask(discordfake.InteractionParams{GuildID: discordfake.DefaultGuildID, Locale: "fr"}, "what was the weather like during the call")
	if len(cb.Data.Embeds) == 0 || !strings.HasPrefix(cb.Data.Embeds[0].Description, about.In("fr").Refusal) {
		t.Errorf("French-locale refusal: got %+v, want %q", cb.Data, about.In("fr").Refusal)
	}

	e := h.entry("call-when")
	_, ru := e.Localized("ru")
	if ru == e.Answer {
		t.Fatalf("entry call-when has no Russian answer to test with")
	}
	cb = ask(discordfake.InteractionParams{GuildID: discordfake.DefaultGuildID, Locale: "ru"}, "Когда был разговор Путина и Макрона?")
	if len(cb.Data.Embeds) == 0 || !strings.HasPrefix(collapse(cb.Data.Embeds[0].Description), firstRunes(collapse(ru), 40)) {
		t.Errorf("Russian question, Russian locale: got %+v, want call-when's Russian answer %q", cb.Data, ru)
	}

	cb = ask(discordfake.InteractionParams{UserInstalled: true, User: newUser("dm")}, "when was the call?")
	if cb.Type != 4 || len(cb.Data.Embeds) == 0 || !strings.HasPrefix(collapse(cb.Data.Embeds[0].Description), firstRunes(collapse(e.Answer), 40)) {
		t.Errorf("user-installed DM: got %+v, want call-when's answer", cb)
	}
}
