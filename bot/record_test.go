package bot

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/callbot/callbot/internal/curator"
	"github.com/callbot/callbot/internal/journal"
	"github.com/callbot/callbot/internal/modal"
	"github.com/callbot/callbot/qa"
)

// fakeRecorder keeps what the bot records.
type fakeRecorder struct {
	mu        sync.Mutex
	questions []journal.Question
	votes     []journal.Vote
}

func (r *fakeRecorder) Question(q journal.Question) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.questions = append(r.questions, q)
}

func (r *fakeRecorder) Vote(v journal.Vote) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.votes = append(r.votes, v)
}

func (r *fakeRecorder) last(t *testing.T) journal.Question {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.questions) == 0 {
		t.Fatal("nothing recorded, want a question")
	}
	return r.questions[len(r.questions)-1]
}

// recordingBot is a test bot with a recorder and ids rec1, rec2, ….
func recordingBot(t *testing.T) (*Bot, *fakeRecorder, *countingObserver) {
	t.Helper()
	rec := &fakeRecorder{}
	n := 0
	b, _, obs := newTestBot(t, Config{Recorder: rec, Transport: "http", NewID: func() string {
		n++
		return "rec" + string(rune('0'+n))
	}})
	return b, rec, obs
}

func TestRecordQuestions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	self := &discordgo.User{ID: "999"}
	tests := []struct {
		name string
		send func(b *Bot)
		want journal.Question
	}{
		{
			name: "slash command answered",
			send: func(b *Bot) { b.HandleInteraction(ctx, command(cmdAsk, strOpt(optQuestion, "Who was on the call?"))) },
			want: journal.Question{Kind: kindCommand, Text: "Who was on the call?", GuildID: "g1", ChannelID: "c1", User: "u1", EntryID: "who", Transport: "http", Confidence: 0.87},
		},
		{
			name: "slash command refused",
			send: func(b *Bot) { b.HandleInteraction(ctx, command(cmdAsk, strOpt(optQuestion, "what was the weather"))) },
			want: journal.Question{Kind: kindCommand, Text: "what was the weather", GuildID: "g1", ChannelID: "c1", User: "u1", Refusal: "unknown", Transport: "http"},
		},
		{
			name: "language refusal",
			send: func(b *Bot) { b.HandleInteraction(ctx, command(cmdAsk, strOpt(optQuestion, "Wann war der Anruf?"))) },
			want: journal.Question{Kind: kindCommand, Text: "Wann war der Anruf?", GuildID: "g1", ChannelID: "c1", User: "u1", Refusal: "language", Transport: "http"},
		},
		{
			name: "related button",
			send: func(b *Bot) { b.HandleInteraction(ctx, component(prefixAsk+"when")) },
			want: journal.Question{Kind: kindButton, Text: "When did the call take place?", ChannelID: "c1", User: "u1", EntryID: "when", Transport: "http", Confidence: 1},
		},
		{
			name: "suggestion picked after a refusal",
			send: func(b *Bot) { b.HandleInteraction(ctx, component(prefixSuggest+"recX:who")) },
			want: journal.Question{Kind: kindSuggestion, Text: "Who was on the call?", ChannelID: "c1", User: "u1", EntryID: "who", Transport: "http", Confidence: 1, PickedFrom: "recX"},
		},
		{
			name: "mention",
			send: func(b *Bot) { b.HandleMessage(ctx, guildMsg("c7", "<@999> Who was on the call?", self), self) },
			want: journal.Question{Kind: kindMention, Text: "Who was on the call?", GuildID: "g1", ChannelID: "c7", EntryID: "who", Transport: "http", Confidence: 0.87},
		},
		{
			name: "direct message",
			send: func(b *Bot) { b.HandleMessage(ctx, dm("Who was on the call?"), self) },
			want: journal.Question{Kind: kindDM, Text: "Who was on the call?", ChannelID: "d1", EntryID: "who", Transport: "http", Confidence: 0.87},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, rec, _ := recordingBot(t)
			tt.send(b)
			got := rec.last(t)
			if got.ID != "rec1" || got.Time.IsZero() {
				t.Errorf("got id %q time %v, want rec1 and a time", got.ID, got.Time)
			}
			got.ID, got.Time, got.Candidates, got.Lang = "", time.Time{}, nil, ""
			if tt.want.User == "" {
				got.User = "" // messages' authors vary by helper
			}
			if got.Kind != tt.want.Kind || got.Text != tt.want.Text || got.GuildID != tt.want.GuildID ||
				got.ChannelID != tt.want.ChannelID || got.User != tt.want.User || got.EntryID != tt.want.EntryID ||
				got.Refusal != tt.want.Refusal || got.Transport != tt.want.Transport ||
				got.Confidence != tt.want.Confidence || got.PickedFrom != tt.want.PickedFrom {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestRecordSkipsAutocompleteAndCarriesCandidates(t *testing.T) {
	t.Parallel()
	b, rec, _ := recordingBot(t)
	b.HandleInteraction(context.Background(), autocomplete("call"))
	if len(rec.questions) != 0 {
		t.Errorf("autocomplete recorded %d questions, want none", len(rec.questions))
	}
	b.ans.(*fakeAnswerer).ask = func(q string) qa.Result {
		return qa.Result{Question: q, Lang: "fr", Confidence: 0.4, Candidates: []qa.Candidate{{ID: "when", Score: 0.5}, {ID: "who", Score: 0.3}}}
	}
	b.HandleInteraction(context.Background(), command(cmdAsk, strOpt(optQuestion, "quand ?")))
	got := rec.last(t)
	if got.Lang != "fr" || len(got.Candidates) != 2 || got.Candidates[0] != (journal.Candidate{ID: "when", Score: 0.5}) {
		t.Errorf("got lang %q candidates %+v, want fr and when 0.5, who 0.3", got.Lang, got.Candidates)
	}
}

func TestButtonsCarryTheRecord(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b, _, _ := recordingBot(t)
	resp := b.HandleInteraction(ctx, command(cmdAsk, strOpt(optQuestion, "Who was on the call?")))
	ids := customIDs(resp.Data.Components)
	for _, want := range []string{"ask:when", "fb:y:rec1:who", "fb:n:rec1:who"} {
		if !slices.Contains(ids, want) {
			t.Errorf("answer buttons %q lack %q", ids, want)
		}
	}
	resp = b.HandleInteraction(ctx, command(cmdAsk, strOpt(optQuestion, "what was the weather")))
	if ids := customIDs(resp.Data.Components); !slices.Contains(ids, "sg:rec2:who") || slices.Contains(ids, "fb:n:rec2:who") {
		t.Errorf("refusal buttons %q, want the suggestion sg:rec2:who and no feedback buttons", ids)
	}

	plain, _, _ := newTestBot(t, Config{})
	resp = plain.HandleInteraction(ctx, command(cmdAsk, strOpt(optQuestion, "Who was on the call?")))
	for _, id := range customIDs(resp.Data.Components) {
		if strings.HasPrefix(id, prefixVote) {
			t.Errorf("without a record the answer has the feedback button %q, want none", id)
		}
	}
	resp = plain.HandleInteraction(ctx, command(cmdAsk, strOpt(optQuestion, "what was the weather")))
	if ids := customIDs(resp.Data.Components); !slices.Contains(ids, "ask:who") {
		t.Errorf("without a record the refusal buttons are %q, want ask:who", ids)
	}
}

func TestVotes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b, rec, obs := recordingBot(t)

	click := component("fb:y:rec7:who")
	click.GuildID = "g1"
	resp := b.HandleInteraction(ctx, click)
	if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("Helpful: got response type %d flags %d, want an ephemeral message", resp.Type, resp.Data.Flags)
	}

	resp = b.HandleInteraction(ctx, component("fb:n:rec7:who"))
	if resp.Type != discordgo.InteractionResponseModal || resp.Data.CustomID != "fbm:rec7:who" {
		t.Fatalf("Not helpful: got type %d custom id %q, want the modal fbm:rec7:who", resp.Type, resp.Data.CustomID)
	}

	// The form as Discord submits it, decoded as both transports do.
	raw := `{"id":"i9","application_id":"a","type":5,"token":"t","channel_id":"c1","user":{"id":"u1","username":"u"},"data":{"custom_id":"fbm:rec7:who","components":[
		{"type":18,"id":1,"component":{"type":3,"id":2,"custom_id":"reason","values":["not_asked"]}},
		{"type":18,"id":3,"component":{"type":4,"id":4,"custom_id":"comment","value":"  I asked when, not who  "}}]}}`
	submit, err := modal.Decode([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	resp = b.HandleInteraction(ctx, submit)
	if resp.Data == nil || resp.Data.Content != en.get("voted_not_helpful") {
		t.Errorf("form submit: got %+v, want the thanks", resp.Data)
	}
	forged, _ := modal.Decode([]byte(strings.Replace(raw, "not_asked", "<@everyone>", 1)))
	b.HandleInteraction(ctx, forged)

	want := []journal.Vote{
		{QuestionID: "rec7", EntryID: "who", GuildID: "g1", User: "u1", Verdict: journal.Helpful},
		{QuestionID: "rec7", EntryID: "who", User: "u1", Verdict: journal.NotHelpful},
		{QuestionID: "rec7", EntryID: "who", User: "u1", Verdict: journal.NotHelpful, Reason: journal.ReasonNotAsked, Comment: "I asked when, not who"},
		{QuestionID: "rec7", EntryID: "who", User: "u1", Verdict: journal.NotHelpful, Comment: "I asked when, not who"},
	}
	if len(rec.votes) != len(want) {
		t.Fatalf("got %d votes %+v, want %d", len(rec.votes), rec.votes, len(want))
	}
	for i, v := range rec.votes {
		v.Time = time.Time{}
		if v != want[i] {
			t.Errorf("vote %d: got %+v, want %+v", i, v, want[i])
		}
	}
	if got := strings.Join(obs.votes, ","); got != "helpful/,not_helpful/,not_helpful/not_asked,not_helpful/" {
		t.Errorf("observer saw votes %q", got)
	}

	plain, _, _ := newTestBot(t, Config{})
	if resp := plain.HandleInteraction(ctx, component("fb:y:rec7:who")); resp.Data.Content != en.get("vote_off") {
		t.Errorf("vote without a record: got %q, want %q", resp.Data.Content, en.get("vote_off"))
	}
	for _, id := range []string{"fb:x:rec7:who", "fb:y:rec7", "fb:y::who"} {
		if resp := b.HandleInteraction(ctx, component(id)); resp.Data.Content != en.get("unknown_component") {
			t.Errorf("malformed %q: got %q, want the unknown-button text", id, resp.Data.Content)
		}
	}
}

// fakeGaps serves /kb gaps.
type fakeGaps struct {
	gaps  []curator.Gap
	err   error
	guild string
}

func (f *fakeGaps) Gaps(_ context.Context, guild string, since time.Duration, limit int) ([]curator.Gap, error) {
	f.guild = guild
	if since != gapsSince || limit != gapsShown {
		return nil, errors.New("unexpected since or limit")
	}
	return f.gaps, f.err
}

func TestKBGaps(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	gaps := []curator.Gap{{
		Count:     5,
		Questions: []curator.Asked{{Text: "what was the **weather** @everyone", Count: 4}, {Text: "weather on the call", Count: 1}},
		Nearest:   []curator.Nearest{{ID: "when", Question: "When did the call take place?"}},
		Picked:    []curator.Picked{{ID: "when", Count: 2}},
	}}
	kb := func(guild string) *discordgo.Interaction {
		i := command(cmdKB, &discordgo.ApplicationCommandInteractionDataOption{Name: subGaps, Type: discordgo.ApplicationCommandOptionSubCommand})
		i.GuildID = guild
		return i
	}
	tests := []struct {
		name     string
		lister   GapLister
		guild    string
		contains []string
	}{
		{"gaps", &fakeGaps{gaps: gaps}, "g1", []string{"asked 5×", `4× what was the \*\*weather\*\*`, "picked after a refusal: `when` (2×)"}},
		{"none", &fakeGaps{}, "g1", []string{en.get("gaps_none")}},
		{"database down", &fakeGaps{err: errors.New("connection refused")}, "g1", []string{en.get("gaps_down")}},
		{"record off", nil, "g1", []string{en.get("gaps_off")}},
		{"in a DM", &fakeGaps{gaps: gaps}, "", []string{en.get("gaps_guild")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := Config{}
			if tt.lister != nil {
				cfg.Gaps = tt.lister
			}
			b, _, _ := newTestBot(t, cfg)
			resp := b.HandleInteraction(ctx, kb(tt.guild))
			checkLimits(t, resp)
			if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
				t.Errorf("got flags %d, want ephemeral", resp.Data.Flags)
			}
			got := mustJSON(t, resp.Data)
			for _, want := range tt.contains {
				if !strings.Contains(got, strings.ReplaceAll(want, `\`, `\\`)) {
					t.Errorf("got %s, want it to contain %q", got, want)
				}
			}
			if f, ok := tt.lister.(*fakeGaps); ok && tt.guild != "" && f.guild != tt.guild {
				t.Errorf("gaps asked for guild %q, want %q", f.guild, tt.guild)
			}
		})
	}
}

func TestKBCommandIsForAdmins(t *testing.T) {
	t.Parallel()
	for _, c := range Commands(testAbout) {
		if c.Name != cmdKB {
			if c.DefaultMemberPermissions != nil {
				t.Errorf("%s: got default_member_permissions %d, want none (everyone)", c.Name, *c.DefaultMemberPermissions)
			}
			continue
		}
		if c.DefaultMemberPermissions == nil || *c.DefaultMemberPermissions != discordgo.PermissionManageGuild {
			t.Errorf("kb: got default_member_permissions %v, want Manage Server", c.DefaultMemberPermissions)
		}
		if c.Contexts == nil || len(*c.Contexts) != 1 || (*c.Contexts)[0] != discordgo.InteractionContextGuild {
			t.Errorf("kb: got contexts %v, want guild only", c.Contexts)
		}
	}
}
