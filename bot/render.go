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

// Fixed texts that say nothing about the knowledge; what the bot says about
// its subject (the refusal, the hint, the footer) comes from the set's
// about.yaml.
const (
	textTruncated  = "Only the first %d bytes of your question were read; try a shorter question."
	textError      = "Sorry, something went wrong while answering. Please try again."
	textUnknownCmd = "Unknown command. Try /ask, /topics, /sources or /about."
	textUnknownCmp = "Unknown button or menu — it may be from an older version of the bot. Try /ask or /topics."
	textGone       = "That question is no longer in the bot's knowledge. Try /topics."
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
}

// renderResult renders an engine result. asked is the user's own wording,
// echoed (escaped) as the title when the result came from free text; empty
// means the title is the curated question. rec is the question's record id,
// which the feedback and suggestion buttons carry; "" when not recorded.
func (b *Bot) renderResult(res qa.Result, asked, rec string) reply {
	if !res.Answered || res.Entry == nil {
		if hint := b.reasonText(res.Reason); hint != "" {
			return reply{content: truncate(hint, maxContent), components: suggestionButtons(res.Suggestions, rec), ephemeral: true}
		}
		return b.renderDontKnow(res, asked, rec)
	}
	e := res.Entry
	title := e.Question
	if asked != "" {
		title = EscapeUserText(oneLine(asked))
	}
	emb := &discordgo.MessageEmbed{
		Title:       truncate(title, maxEmbedTitle),
		Description: truncate(e.Answer, maxEmbedDescription),
		Color:       colorAnswer,
		Footer: &discordgo.MessageEmbedFooter{
			Text: fmt.Sprintf("Confidence %d%% · %s", percent(res.Confidence), b.set.About.Footer),
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
	components := questionButtons(related, e.ID, prefixAsk)
	if rec != "" {
		components = append(components, voteButtons(rec, e.ID)...)
	}
	return reply{embeds: []*discordgo.MessageEmbed{emb}, components: components}
}

func (b *Bot) renderDontKnow(res qa.Result, asked, rec string) reply {
	if asked == "" {
		asked = res.Question
	}
	desc := b.set.About.Refusal
	if len(res.Suggestions) > 0 {
		desc += "\n\n" + b.set.About.Suggest
	}
	emb := &discordgo.MessageEmbed{
		Title:       truncate(EscapeUserText(oneLine(asked)), maxEmbedTitle),
		Description: desc,
		Color:       colorDontKnow,
		Footer:      &discordgo.MessageEmbedFooter{Text: capitalize(b.set.About.Footer) + "; the bot never guesses."},
	}
	return reply{embeds: []*discordgo.MessageEmbed{emb}, components: suggestionButtons(res.Suggestions, rec)}
}

// suggestionButtons are the buttons after a refusal. When the refused
// question is recorded (rec), a click says which suggestion was picked.
func suggestionButtons(qs []qa.Suggestion, rec string) []discordgo.MessageComponent {
	if rec == "" {
		return questionButtons(qs, "", prefixAsk)
	}
	return questionButtons(qs, "", prefixSuggest+rec+":")
}

func (b *Bot) reasonText(r qa.Reason) string { return ReasonText(b.set, r) }

// ReasonText is what the bot says for a refusal with a specific reason, or
// "" for a plain "the sources don't say" (set.About.Refusal).
func ReasonText(set *knowledge.Set, r qa.Reason) string {
	switch r {
	case qa.ReasonEmpty:
		return oneLine(set.HintText())
	case qa.ReasonLanguage:
		return oneLine(set.About.Languages)
	case qa.ReasonTruncated:
		return fmt.Sprintf(textTruncated, qa.MaxInputBytes)
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
// questions, each with the custom id prefix followed by the entry id.
// Entries whose custom id would not fit are skipped.
func questionButtons(qs []qa.Suggestion, skip, prefix string) []discordgo.MessageComponent {
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
		btns = append(btns, discordgo.Button{
			Label:    truncate(oneLine(q.Question), maxButtonLabel),
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

func (b *Bot) renderSources() reply {
	emb := &discordgo.MessageEmbed{
		Title:       "Sources",
		Description: fmt.Sprintf("Every answer comes from these %s and nothing else.", plural(len(b.set.Sources), "source", "sources")),
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

func (b *Bot) renderAbout() reply {
	var titles []string
	for _, s := range b.set.Sources {
		titles = append(titles, "• "+s.Title)
	}
	desc := oneLine(b.set.About.Description) + "\n\n" +
		"**How to ask**\n" +
		"• `/ask` with your question (autocomplete suggests questions I know)\n" +
		"• mention me with a question in a channel\n" +
		"• send me a direct message\n" +
		"• `/topics` to browse, `/sources` for where answers come from\n\n" +
		"**Where answers come from**\n" +
		"Answers come only from these sources, each with the quoted sentences that support it:\n" +
		strings.Join(titles, "\n") + "\n\n" +
		"When they don't say, I say so: " + oneLine(b.set.About.Refusal) + "\n\n" +
		"**Try**\n" + b.set.Example()
	emb := &discordgo.MessageEmbed{
		Title:       "About callbot",
		Description: desc,
		Color:       colorInfo,
		Footer:      &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("%s in the knowledge set", plural(len(b.set.Entries), "question", "questions"))},
	}
	return reply{embeds: []*discordgo.MessageEmbed{emb}}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
