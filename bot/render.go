package bot

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/callbot/callbot/knowledge"
	"github.com/callbot/callbot/qa"
)

// Embed colours.
const (
	colorAnswer   = 0x2b6cb0
	colorDontKnow = 0x718096
	colorInfo     = 0x4a5568
)

// Prefixes of custom ids and choice values, so a click or a chosen
// autocomplete value routes back to what it named.
const (
	prefixAsk      = "ask:"    // button: ask:<entry-id>
	idPick         = "pick"    // select: values are entry ids
	idTopic        = "topic"   // select: values are topic ids
	prefixTopicPg  = "topic:"  // button: topic:<page>:<topic-id>
	prefixTopicsPg = "topics:" // button: topics:<page>
	prefixChoiceID = "id:"     // autocomplete value: id:<entry-id>
	prefixSuggest  = "sg:"     // button: sg:<record-id>:<entry-id>, a suggestion after a refusal
	prefixVote     = "fb:"     // button: fb:<y|n>:<record-id>:<entry-id>
	prefixVoteForm = "fbm:"    // modal: fbm:<record-id>:<entry-id>
	maxRelated     = 3
)

// reply is what a handler decides to send, before it is shaped into an
// interaction response or a channel message.
type reply struct {
	content    string
	embeds     []*discordgo.MessageEmbed
	components []discordgo.MessageComponent
	ephemeral  bool
	entry      string // the entry answered, for the action row (see finish)
}

// renderResult renders an engine result with the texts of t; the answer
// is in lang where the entry has a translation. asked is the user's own
// wording, echoed (escaped) as the title when the result came from free
// text; empty means the title is the curated question. rec is the
// question's record id, which the feedback and suggestion buttons carry;
// "" when not recorded.
func (b *Bot) renderResult(t texts, lang string, res qa.Result, asked, rec string) reply {
	if !res.Answered || res.Entry == nil {
		if hint := b.reasonText(t, res.Reason); hint != "" {
			return reply{content: truncate(hint, maxContent), components: b.suggestionButtons(t, res.Suggestions, rec), ephemeral: true}
		}
		return b.renderDontKnow(t, res, asked, rec)
	}
	e := res.Entry
	question, answer := e.Localized(lang)
	title := question
	if asked != "" {
		title = EscapeUserText(oneLine(asked))
	}
	emb := &discordgo.MessageEmbed{
		Title:       truncate(title, maxEmbedTitle),
		Description: truncate(answer, maxEmbedDescription),
		Color:       colorAnswer,
		Footer: &discordgo.MessageEmbedFooter{
			Text: t.get("answer_footer", "Percent", percent(res.Confidence), "Footer", b.set.About.In(t.lang).Footer),
		},
	}
	for i, c := range e.Citations {
		if i == maxFields {
			break
		}
		src := c.Source
		if s, ok := b.set.Source(c.Source); ok && s.Title != "" {
			src = s.Title
		}
		emb.Fields = append(emb.Fields, &discordgo.MessageEmbedField{
			Name:  truncate(fmt.Sprintf("[%d] %s", i+1, src), maxFieldName),
			Value: quote(c.Text(), maxFieldValue),
		})
	}
	var related []qa.Suggestion
	for _, id := range e.Related {
		if r, ok := b.set.Entry(id); ok {
			related = append(related, qa.Suggestion{ID: r.ID, Question: r.Question})
		}
	}
	components := b.questionButtons(t, related, e.ID, prefixAsk)
	if rec != "" {
		components = append(components, voteButtons(t, rec, e.ID)...)
	}
	return reply{embeds: []*discordgo.MessageEmbed{emb}, components: components, entry: e.ID}
}

func (b *Bot) renderDontKnow(t texts, res qa.Result, asked, rec string) reply {
	if asked == "" {
		asked = res.Question
	}
	about := b.set.About.In(t.lang)
	desc := about.Refusal
	if len(res.Suggestions) > 0 {
		desc += "\n\n" + about.Suggest
	}
	emb := &discordgo.MessageEmbed{
		Title:       truncate(EscapeUserText(oneLine(asked)), maxEmbedTitle),
		Description: desc,
		Color:       colorDontKnow,
		Footer:      &discordgo.MessageEmbedFooter{Text: capitalize(t.get("refusal_footer", "Footer", about.Footer))},
	}
	return reply{embeds: []*discordgo.MessageEmbed{emb}, components: b.suggestionButtons(t, res.Suggestions, rec)}
}

// suggestionButtons are the buttons after a refusal. When the refused
// question is recorded (rec), a click says which suggestion was picked.
func (b *Bot) suggestionButtons(t texts, qs []qa.Suggestion, rec string) []discordgo.MessageComponent {
	if rec == "" {
		return b.questionButtons(t, qs, "", prefixAsk)
	}
	return b.questionButtons(t, qs, "", prefixSuggest+rec+":")
}

func (b *Bot) reasonText(t texts, r qa.Reason) string { return ReasonTextIn(b.set, r, t.lang) }

// ReasonText is what the bot says in English for a refusal with a specific
// reason, or "" for a plain "the sources don't say" (set.About.Refusal).
func ReasonText(set *knowledge.Set, r qa.Reason) string { return ReasonTextIn(set, r, "en") }

// ReasonTextIn is ReasonText in lang ("en", "fr", "ru").
func ReasonTextIn(set *knowledge.Set, r qa.Reason, lang string) string {
	switch r {
	case qa.ReasonEmpty:
		return oneLine(set.HintIn(lang))
	case qa.ReasonLanguage:
		return oneLine(set.About.Languages)
	case qa.ReasonTruncated:
		return textsIn(lang).get("truncated", "Bytes", qa.MaxInputBytes)
	}
	return ""
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
	}
	return s
}

// questionButtons is one row of up to three buttons that ask the given
// questions, in t's language where the entry has a translation, each with
// the custom id prefix followed by the entry id. Entries whose custom id
// would not fit are skipped.
func (b *Bot) questionButtons(t texts, qs []qa.Suggestion, skip, prefix string) []discordgo.MessageComponent {
	var btns []discordgo.MessageComponent
	seen := map[string]bool{skip: true}
	for _, q := range qs {
		if len(btns) == maxRelated {
			break
		}
		id := prefix + q.ID
		if q.ID == "" || seen[q.ID] || runeLen(id) > maxCustomID {
			continue
		}
		seen[q.ID] = true
		label := q.Question
		if e, ok := b.set.Entry(q.ID); ok {
			label, _ = e.Localized(t.lang)
		}
		btns = append(btns, discordgo.Button{
			Label:    truncate(oneLine(label), maxButtonLabel),
			Style:    discordgo.SecondaryButton,
			CustomID: id,
		})
	}
	if len(btns) == 0 {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: btns}}
}

// quote renders text as a one-line markdown block quote of at most limit
// characters.
func quote(text string, limit int) string {
	return "> " + truncate(oneLine(text), limit-2)
}

// oneLine collapses whitespace runs, newlines included, to single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func percent(c float64) int {
	if math.IsNaN(c) || c < 0 {
		return 0
	}
	return int(math.Round(min(c, 1) * 100))
}

func (b *Bot) renderSources(t texts) reply {
	emb := &discordgo.MessageEmbed{
		Title:       t.get("sources_title"),
		Description: t.count("sources_description", len(b.set.Sources)),
		Color:       colorInfo,
	}
	for _, s := range b.set.Sources {
		emb.Fields = append(emb.Fields, &discordgo.MessageEmbedField{
			Name:  s.Title,
			Value: oneLine(s.Summary),
		})
	}
	return reply{embeds: []*discordgo.MessageEmbed{emb}}
}

func (b *Bot) renderAbout(t texts) reply {
	about := b.set.About.In(t.lang)
	var titles []string
	for _, s := range b.set.Sources {
		titles = append(titles, "• "+s.Title)
	}
	desc := oneLine(about.Description) + "\n\n" +
		"**" + t.get("about_how") + "**\n" + t.get("about_how_items") + "\n\n" +
		"**" + t.get("about_where") + "**\n" + t.get("about_where_text") + "\n" +
		strings.Join(titles, "\n") + "\n\n" +
		t.get("about_refusal", "Refusal", oneLine(about.Refusal)) + "\n\n" +
		"**" + t.get("about_try") + "**\n" + b.set.ExampleIn(t.lang)
	emb := &discordgo.MessageEmbed{
		Title:       t.get("about_title"),
		Description: desc,
		Color:       colorInfo,
		Footer:      &discordgo.MessageEmbedFooter{Text: t.count("about_footer", len(b.set.Entries))},
	}
	return reply{embeds: []*discordgo.MessageEmbed{emb}}
}
