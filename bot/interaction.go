package bot

import (
	"context"
	"fmt"
	"math"
	"runtime/debug"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/callbot/callbot/internal/modal"
	"github.com/callbot/callbot/qa"
)

// HandleInteraction answers one interaction. It never returns nil for a
// non-nil interaction, never panics, and the response always fits
// Discord's limits and pings nobody. It does no network I/O.
func (b *Bot) HandleInteraction(ctx context.Context, i *discordgo.Interaction) (resp *discordgo.InteractionResponse) {
	if i == nil {
		return clampResponse(b.respond(reply{content: textsIn("en").get("error"), ephemeral: true}))
	}
	defer func() {
		if v := recover(); v != nil {
			b.log.ErrorContext(ctx, "panic in interaction handler",
				"panic", fmt.Sprint(v), "interaction", i.ID, "type", int(i.Type), "stack", string(debug.Stack()))
			resp = b.errorResponse(i)
		}
	}()
	return clampResponse(b.interaction(ctx, i, textsIn(localeLang(i.Locale))))
}

func (b *Bot) errorResponse(i *discordgo.Interaction) *discordgo.InteractionResponse {
	if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		return autocompleteResponse(nil)
	}
	return clampResponse(b.respond(reply{content: textsIn(localeLang(i.Locale)).get("error"), ephemeral: true}))
}

// interaction answers i with the texts of t, the member's language.
func (b *Bot) interaction(ctx context.Context, i *discordgo.Interaction, t texts) *discordgo.InteractionResponse {
	switch i.Type {
	case discordgo.InteractionPing:
		b.obs.Interaction("ping")
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}
	case discordgo.InteractionApplicationCommand:
		b.obs.Interaction("command")
		d, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok {
			return b.respond(reply{content: t.get("unknown_command"), ephemeral: true})
		}
		return b.command(ctx, i, t, d)
	case discordgo.InteractionApplicationCommandAutocomplete:
		b.obs.Interaction("autocomplete")
		d, _ := i.Data.(discordgo.ApplicationCommandInteractionData)
		return b.autocomplete(d)
	case discordgo.InteractionMessageComponent:
		b.obs.Interaction("component")
		d, ok := i.Data.(discordgo.MessageComponentInteractionData)
		if !ok {
			return b.respond(reply{content: t.get("unknown_component"), ephemeral: true})
		}
		return b.component(ctx, i, t, d)
	case discordgo.InteractionModalSubmit:
		b.obs.Interaction("modal")
		if d, ok := i.Data.(modal.Data); ok {
			if entry, ok := strings.CutPrefix(d.CustomID, prefixFollowUpForm); ok && entry != "" {
				return b.followUpSubmit(ctx, i, t, entry, d)
			}
			if resp, ok := b.modalSubmit(ctx, i, t, d); ok {
				return resp
			}
		}
		return b.respond(reply{content: t.get("unknown_component"), ephemeral: true})
	default:
		b.obs.Interaction("unknown")
		return b.respond(reply{content: t.get("unknown_command"), ephemeral: true})
	}
}

func (b *Bot) command(ctx context.Context, i *discordgo.Interaction, t texts, d discordgo.ApplicationCommandInteractionData) *discordgo.InteractionResponse {
	if d.CommandType == discordgo.MessageApplicationCommand {
		if d.Name == cmdMenu {
			return b.menuCommand(ctx, i, t, d)
		}
		return b.respond(reply{content: t.get("unknown_command"), ephemeral: true})
	}
	switch d.Name {
	case cmdAsk:
		question, _ := option(d.Options, optQuestion).(string)
		private, _ := option(d.Options, optPrivate).(bool)
		r, limited := b.askValue(ctx, t, askedBy(i, kindCommand), question)
		r.ephemeral = r.ephemeral || private || limited
		return b.respond(b.finish(i, t, r, ""))
	case cmdTopics:
		return b.respond(b.renderTopics(t, 0))
	case cmdSources:
		r := b.renderSources(t)
		r.ephemeral = true
		return b.respond(r)
	case cmdAbout:
		r := b.renderAbout(t)
		r.ephemeral = true
		return b.respond(r)
	case cmdKB:
		return b.respond(b.kbCommand(ctx, i, t, d))
	}
	return b.respond(reply{content: t.get("unknown_command"), ephemeral: true})
}

// askValue answers the /ask option value: "id:<entry-id>" from an
// autocomplete choice, or free text. limited reports a rate-limit refusal.
func (b *Bot) askValue(ctx context.Context, t texts, a asked, value string) (r reply, limited bool) {
	if id, ok := strings.CutPrefix(value, prefixChoiceID); ok {
		if _, known := b.set.Entry(id); known {
			return b.answerID(ctx, t, a, id)
		}
	}
	return b.ask(ctx, t, a, value)
}

// ask answers free text, after the rate limit, with the texts of t; the
// answer is in the question's language, else t's.
func (b *Bot) ask(ctx context.Context, t texts, a asked, question string) (reply, bool) {
	if r, ok := b.checkRate(t, a.user); !ok {
		return r, true
	}
	start := b.now()
	res := b.askEngine(a, question)
	rec := b.observe(ctx, a, res, start)
	return b.renderResult(t, answerLang(res, t.lang), res, question, rec), false
}

// askEngine asks the engine, as a follow-up when a follows an answer.
func (b *Bot) askEngine(a asked, question string) qa.Result {
	if a.prev != "" {
		return b.ans.AskAfter(question, a.prev)
	}
	return b.ans.Ask(question)
}

// answerID answers a curated entry by id (buttons, menus, chosen
// autocomplete values), after the rate limit.
func (b *Bot) answerID(ctx context.Context, t texts, a asked, id string) (reply, bool) {
	if r, ok := b.checkRate(t, a.user); !ok {
		return r, true
	}
	start := b.now()
	res, ok := b.ans.Answer(id)
	if !ok {
		return reply{content: t.get("gone"), ephemeral: true}, false
	}
	rec := b.observe(ctx, a, res, start)
	return b.renderResult(t, t.lang, res, "", rec), false
}

// checkRate counts one question for user. When over the limit it returns
// the notice to send.
func (b *Bot) checkRate(t texts, user string) (reply, bool) {
	ok, retry, _ := b.limits.allow(user, b.now())
	if ok {
		return reply{}, true
	}
	b.obs.RateLimited()
	return reply{content: rateNotice(t, retry), ephemeral: true}, false
}

func rateNotice(t texts, retry time.Duration) string {
	return t.count("rate_notice", max(1, int(math.Ceil(retry.Seconds()))))
}

func (b *Bot) autocomplete(d discordgo.ApplicationCommandInteractionData) *discordgo.InteractionResponse {
	if d.Name != cmdAsk {
		return autocompleteResponse(nil)
	}
	typed := ""
	for _, o := range d.Options {
		if o != nil && o.Focused {
			typed, _ = o.Value.(string)
		}
	}
	var choices []*discordgo.ApplicationCommandOptionChoice
	for _, s := range b.ans.Complete(typed, maxChoices) {
		value := prefixChoiceID + s.ID
		if s.ID == "" || runeLen(value) > maxChoiceValue {
			continue
		}
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{
			Name:  truncate(oneLine(s.Question), maxChoiceName),
			Value: value,
		})
	}
	return autocompleteResponse(choices)
}

func autocompleteResponse(choices []*discordgo.ApplicationCommandOptionChoice) *discordgo.InteractionResponse {
	// No choices marshal as an omitted "choices" (discordgo's omitempty),
	// which Discord's schema allows and shows as "no options".
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: clampChoices(choices)},
	}
}

func (b *Bot) component(ctx context.Context, i *discordgo.Interaction, t texts, d discordgo.MessageComponentInteractionData) *discordgo.InteractionResponse {
	// Answers to clicks on a private message stay private.
	private := i.Message != nil && i.Message.Flags&discordgo.MessageFlagsEphemeral != 0
	id := d.CustomID
	switch {
	case strings.HasPrefix(id, prefixAsk):
		r, _ := b.answerID(ctx, t, askedBy(i, kindButton), strings.TrimPrefix(id, prefixAsk))
		r.ephemeral = r.ephemeral || private
		return b.respond(b.finish(i, t, r, ""))
	case strings.HasPrefix(id, prefixFollowUp):
		if entry := strings.TrimPrefix(id, prefixFollowUp); entry != "" {
			return followUpForm(t, entry)
		}
	case strings.HasPrefix(id, prefixPost):
		return b.postPublicly(ctx, i, t, strings.TrimPrefix(id, prefixPost))
	case strings.HasPrefix(id, prefixSuggest):
		// sg:<record-id>:<entry-id>: a suggestion picked after a refusal.
		rec, entry, ok := strings.Cut(strings.TrimPrefix(id, prefixSuggest), ":")
		if !ok {
			break
		}
		a := askedBy(i, kindSuggestion)
		a.pickedFrom = rec
		r, _ := b.answerID(ctx, t, a, entry)
		r.ephemeral = r.ephemeral || private
		return b.respond(b.finish(i, t, r, ""))
	case strings.HasPrefix(id, prefixVote):
		if resp, ok := b.voteClick(ctx, i, t, strings.TrimPrefix(id, prefixVote)); ok {
			return resp
		}
	case id == idPick:
		if len(d.Values) == 0 {
			break
		}
		r, _ := b.answerID(ctx, t, askedBy(i, kindButton), d.Values[0])
		r.ephemeral = r.ephemeral || private
		return b.respond(b.finish(i, t, r, ""))
	case id == idTopic:
		if len(d.Values) == 0 {
			break
		}
		if r, ok := b.renderTopic(t, d.Values[0], 0); ok {
			return b.update(r)
		}
	case strings.HasPrefix(id, prefixTopicPg):
		page, topic, _ := strings.Cut(strings.TrimPrefix(id, prefixTopicPg), ":")
		if r, ok := b.renderTopic(t, topic, parsePage(page)); ok {
			return b.update(r)
		}
	case strings.HasPrefix(id, prefixTopicsPg):
		return b.update(b.renderTopics(t, parsePage(strings.TrimPrefix(id, prefixTopicsPg))))
	}
	return b.respond(reply{content: t.get("unknown_component"), ephemeral: true})
}

// respond shapes r as a new message (CHANNEL_MESSAGE_WITH_SOURCE).
func (b *Bot) respond(r reply) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: responseData(r),
	}
}

// update shapes r as an edit of the message the component is on.
func (b *Bot) update(r reply) *discordgo.InteractionResponse {
	d := responseData(r)
	d.Flags = 0 // an update cannot change a message's flags
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: d}
}

func responseData(r reply) *discordgo.InteractionResponseData {
	d := &discordgo.InteractionResponseData{
		Content:         r.content,
		Embeds:          r.embeds,
		Components:      r.components,
		AllowedMentions: noMentions(),
	}
	if d.Embeds == nil {
		d.Embeds = []*discordgo.MessageEmbed{} // clears old embeds on update
	}
	if d.Components == nil {
		d.Components = []discordgo.MessageComponent{}
	}
	if r.ephemeral {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	return d
}

// option returns the value of the named top-level option, or nil.
func option(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) any {
	for _, o := range opts {
		if o != nil && o.Name == name {
			return o.Value
		}
	}
	return nil
}

// askedBy is who asked in interaction i, and where.
func askedBy(i *discordgo.Interaction, kind string) asked {
	return asked{kind: kind, user: userID(i), guild: i.GuildID, channel: i.ChannelID}
}

// userID is who triggered an interaction: Member.User in guilds, User in DMs.
func userID(i *discordgo.Interaction) string {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User.ID
	}
	if i.User != nil {
		return i.User.ID
	}
	return ""
}
