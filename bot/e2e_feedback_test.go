package bot_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/callbot/callbot/bot"
	"github.com/callbot/callbot/internal/discordfake"
	"github.com/callbot/callbot/internal/journal"
)

// votes keeps what the bot records.
type votes struct {
	mu        sync.Mutex
	questions []journal.Question
	votes     []journal.Vote
}

func (v *votes) Question(q journal.Question) {
	v.mu.Lock()
	v.questions = append(v.questions, q)
	v.mu.Unlock()
}
func (v *votes) Vote(x journal.Vote) { v.mu.Lock(); v.votes = append(v.votes, x); v.mu.Unlock() }

// TestE2EFeedback votes on an answer over the gateway: the buttons, the
// form (whose label components discordgo cannot decode) and its submit,
// every body checked against Discord's schema by the fake.
func TestE2EFeedback(t *testing.T) {
	t.Parallel()
	rec := &votes{}
	h := startE2E(t, bot.Config{Recorder: rec, Transport: "gateway"})
	user := newUser("voter")
	_, cb := h.callback(h.ask(user, "What did Macron say about lawyers?", false))
	var yes, no string
	for _, id := range customIDs(cb.Data.Components) {
		switch {
		case strings.HasPrefix(id, "fb:y:"):
			yes = id
		case strings.HasPrefix(id, "fb:n:"):
			no = id
		}
	}
	if yes == "" || no == "" {
		t.Fatalf("answer buttons %q, want Helpful and Not helpful", customIDs(cb.Data.Components))
	}

	_, cb = h.callback(h.interact(discordfake.ButtonInteraction(discordfake.InteractionParams{GuildID: discordfake.DefaultGuildID, User: user, CustomID: yes})))
	if cb.Type != 4 || cb.Data.Flags&64 == 0 || !strings.Contains(cb.Data.Content, "Thanks") {
		t.Errorf("Helpful: got %+v, want an ephemeral thanks", cb)
	}
	req, cb := h.callback(h.interact(discordfake.ButtonInteraction(discordfake.InteractionParams{GuildID: discordfake.DefaultGuildID, User: user, CustomID: no})))
	if cb.Type != 9 {
		t.Fatalf("Not helpful: got callback type %d (%s), want 9, a modal", cb.Type, req.JSON)
	}
	form := "fbm:" + strings.TrimPrefix(no, "fb:n:")
	if !strings.Contains(string(req.JSON), `"custom_id":"`+form+`"`) {
		t.Errorf("modal %s: want custom id %q", req.JSON, form)
	}

	submit := discordfake.ModalSubmitInteraction(discordfake.InteractionParams{GuildID: discordfake.DefaultGuildID, User: user, CustomID: form}, []any{
		map[string]any{"type": 18, "id": 1, "component": map[string]any{"type": 3, "id": 2, "custom_id": "reason", "values": []string{"incomplete"}}},
		map[string]any{"type": 18, "id": 3, "component": map[string]any{"type": 4, "id": 4, "custom_id": "comment", "value": "it leaves out Putin's reply"}},
	})
	_, cb = h.callback(h.interact(submit))
	if cb.Type != 4 || cb.Data.Flags&64 == 0 || !strings.Contains(cb.Data.Content, "Thanks") {
		t.Errorf("form submit: got %+v, want an ephemeral thanks", cb)
	}

	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.votes) != 3 {
		t.Fatalf("got %d votes, want 3 (helpful, not helpful, its reason)", len(rec.votes))
	}
	last := rec.votes[2]
	if last.Verdict != journal.NotHelpful || last.Reason != journal.ReasonIncomplete || last.Comment != "it leaves out Putin's reply" ||
		last.User != user.ID || last.QuestionID != rec.questions[0].ID || last.EntryID != rec.questions[0].EntryID {
		t.Errorf("got vote %+v, want not helpful, incomplete, the comment, on question %+v", last, rec.questions[0])
	}
	if rec.questions[0].Transport != "gateway" || rec.questions[0].Kind != "command" {
		t.Errorf("got question %+v, want a gateway command", rec.questions[0])
	}
}
