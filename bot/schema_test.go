package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/callbot/callbot/internal/curator"
	"github.com/callbot/callbot/internal/discordschema"
)

// TestBodiesMatchDiscordSchema validates what the handlers return, as
// discordgo marshals it, against Discord's OpenAPI schemas.
func TestBodiesMatchDiscordSchema(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b, _, _ := newTestBot(t, Config{})
	rb, _, _ := recordingBot(t)
	ub, _, _ := newTestBot(t, Config{RateLimit: -1})
	gapsBot, _, _ := newTestBot(t, Config{Gaps: &fakeGaps{gaps: []curator.Gap{{Count: 2, Questions: []curator.Asked{{Text: "weather?", Count: 2}}, Nearest: []curator.Nearest{{ID: "when"}}}}}})
	kbGaps := command(cmdKB, &discordgo.ApplicationCommandInteractionDataOption{Name: subGaps, Type: discordgo.ApplicationCommandOptionSubCommand})
	huge := hugeSet(t)
	hb := New(Config{RateLimit: -1}, hugeAnswerer{set: huge, answered: true}, huge, nil, nil)
	long := strings.Repeat("@everyone **x** ", 1000)

	interactions := map[string]*discordgo.InteractionResponse{
		"ask":               b.HandleInteraction(ctx, command(cmdAsk, strOpt(optQuestion, "When did the call take place?"))),
		"ask dont know":     b.HandleInteraction(ctx, command(cmdAsk, strOpt(optQuestion, "what?"), boolOpt(optPrivate, true))),
		"ask hint":          b.HandleInteraction(ctx, command(cmdAsk, strOpt(optQuestion, ""))),
		"autocomplete":      b.HandleInteraction(ctx, autocomplete("call")),
		"autocomplete none": b.HandleInteraction(ctx, autocomplete("zzz")),
		"topics":            b.HandleInteraction(ctx, command(cmdTopics)),
		"topic":             b.HandleInteraction(ctx, component("topic", "call")),
		"pick":              b.HandleInteraction(ctx, component("pick", "who")),
		"sources":           b.HandleInteraction(ctx, command(cmdSources)),
		"about":             b.HandleInteraction(ctx, command(cmdAbout)),
		"unknown":           b.HandleInteraction(ctx, component("zap")),
		"ping":              b.HandleInteraction(ctx, &discordgo.Interaction{Type: discordgo.InteractionPing}),
		"huge ask":          hb.HandleInteraction(ctx, command(cmdAsk, strOpt(optQuestion, long))),
		"huge autocomplete": hb.HandleInteraction(ctx, autocomplete(long)),
		"huge topics":       hb.HandleInteraction(ctx, command(cmdTopics)),
		"huge topic":        hb.HandleInteraction(ctx, component("topic:1:t0")),
		"huge sources":      hb.HandleInteraction(ctx, command(cmdSources)),
		"recorded answer":   rb.HandleInteraction(ctx, command(cmdAsk, strOpt(optQuestion, "When did the call take place?"))),
		"recorded refusal":  rb.HandleInteraction(ctx, command(cmdAsk, strOpt(optQuestion, "what?"))),
		"vote helpful":      rb.HandleInteraction(ctx, component("fb:y:rec1:when")),
		"vote form":         rb.HandleInteraction(ctx, component("fb:n:rec1:when")),
		"kb gaps":           gapsBot.HandleInteraction(ctx, kbGaps),
		"message command":   ub.HandleInteraction(ctx, menu("Who was on the call?")),
		"post publicly":     ub.HandleInteraction(ctx, component("pub:who:1100000000000000009")),
		"follow-up form":    ub.HandleInteraction(ctx, component("fu:who")),
	}
	for name, resp := range interactions {
		if err := discordschema.ValidateInteractionResponse([]byte(mustJSON(t, resp))); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	// Discord ids are snowflakes; the schema checks their pattern.
	snow := func(m *discordgo.Message) *discordgo.Message {
		m.ID, m.ChannelID = "1100000000000000001", "1100000000000000002"
		if m.GuildID != "" {
			m.GuildID = "1100000000000000003"
		}
		return m
	}
	messages := map[string]*discordgo.MessageSend{
		"answer": b.HandleMessage(ctx, snow(dm("Who was on the call?")), self),
		"hint":   b.HandleMessage(ctx, snow(guildMsg("c1", "<@999>", self)), self),
		"huge":   hb.HandleMessage(ctx, snow(dm(long)), self),
	}
	for name, m := range messages {
		if err := discordschema.Validate(discordschema.MessageCreate, []byte(mustJSON(t, m))); err != nil {
			t.Errorf("message %s: %v", name, err)
		}
	}
	cmds := []byte(mustJSON(t, registrationBody(Commands(testAbout))))
	for _, k := range []discordschema.Kind{discordschema.GlobalCommands, discordschema.GuildCommands} {
		if err := discordschema.Validate(k, cmds); err != nil {
			t.Errorf("commands as %v: %v", k, err)
		}
	}
}
