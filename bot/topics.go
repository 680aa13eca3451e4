package bot

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/callbot/callbot/knowledge"
)

// perPage is how many topics or questions one /topics page shows: one
// select menu's worth.
const perPage = maxSelectOptions

// renderTopics is page p of the topic list, with a select menu of topics.
func (b *Bot) renderTopics(p int) reply {
	topics := b.set.Topics
	pages := max(1, (len(topics)+perPage-1)/perPage)
	p = min(max(p, 0), pages-1)
	page := topics[min(p*perPage, len(topics)):min((p+1)*perPage, len(topics))]

	var lines []string
	var opts []discordgo.SelectMenuOption
	for _, t := range page {
		n := len(b.set.TopicEntries(t.ID))
		count := plural(n, "question", "questions")
		lines = append(lines, fmt.Sprintf("**%s** — %s", t.Title, count))
		if n > 0 {
			opts = append(opts, discordgo.SelectMenuOption{Label: t.Title, Value: t.ID, Description: count})
		}
	}
	desc := "Pick a topic, then a question, and I'll answer it.\n\n" + strings.Join(lines, "\n")
	if len(topics) == 0 {
		desc = "There are no topics in the knowledge set."
	}
	emb := &discordgo.MessageEmbed{
		Title:       "Topics",
		Description: desc,
		Color:       colorInfo,
	}
	if pages > 1 {
		emb.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Page %d of %d", p+1, pages)}
	}
	var rows []discordgo.MessageComponent
	if len(opts) > 0 {
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.SelectMenu{CustomID: idTopic, Placeholder: "Choose a topic", Options: opts},
		}})
	}
	if nav := pageButtons(p, pages, func(q int) string { return prefixTopicsPg + strconv.Itoa(q) }); nav != nil {
		rows = append(rows, discordgo.ActionsRow{Components: nav})
	}
	return reply{embeds: []*discordgo.MessageEmbed{emb}, components: rows, ephemeral: true}
}

// renderTopic is page p of one topic's questions, with a select menu that
// answers the picked question.
func (b *Bot) renderTopic(id string, p int) (reply, bool) {
	var topic *knowledge.Topic
	for i := range b.set.Topics {
		if b.set.Topics[i].ID == id {
			topic = &b.set.Topics[i]
		}
	}
	if topic == nil {
		return reply{}, false
	}
	entries := b.set.TopicEntries(id)
	pages := max(1, (len(entries)+perPage-1)/perPage)
	p = min(max(p, 0), pages-1)
	page := entries[min(p*perPage, len(entries)):min((p+1)*perPage, len(entries))]

	var lines []string
	var opts []discordgo.SelectMenuOption
	for i, e := range page {
		lines = append(lines, fmt.Sprintf("%d. %s", p*perPage+i+1, e.Question))
		opts = append(opts, discordgo.SelectMenuOption{Label: e.Question, Value: e.ID})
	}
	emb := &discordgo.MessageEmbed{
		Title:       topic.Title,
		Description: strings.Join(lines, "\n"),
		Color:       colorInfo,
		Footer:      &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Page %d of %d · pick a question to get its answer", p+1, pages)},
	}
	if len(lines) == 0 {
		emb.Description = "No questions in this topic yet."
	}
	var rows []discordgo.MessageComponent
	if len(opts) > 0 {
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.SelectMenu{CustomID: idPick, Placeholder: "Choose a question", Options: opts},
		}})
	}
	nav := pageButtons(p, pages, func(q int) string { return prefixTopicPg + strconv.Itoa(q) + ":" + id })
	nav = append(nav, discordgo.Button{Label: "All topics", Style: discordgo.SecondaryButton, CustomID: prefixTopicsPg + "0"})
	rows = append(rows, discordgo.ActionsRow{Components: nav})
	return reply{embeds: []*discordgo.MessageEmbed{emb}, components: rows, ephemeral: true}, true
}

// pageButtons returns Previous/Next buttons, or nil for a single page.
func pageButtons(p, pages int, id func(int) string) []discordgo.MessageComponent {
	if pages <= 1 {
		return nil
	}
	return []discordgo.MessageComponent{
		discordgo.Button{Label: "◀ Previous", Style: discordgo.SecondaryButton, CustomID: id(p - 1), Disabled: p == 0},
		discordgo.Button{Label: "Next ▶", Style: discordgo.SecondaryButton, CustomID: id(p + 1), Disabled: p == pages-1},
	}
}

// parsePage parses a page number from a custom id; bad input is page 0.
func parsePage(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0
	}
	return n
}
