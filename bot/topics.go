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
func (b *Bot) renderTopics(t texts, p int) reply {
	topics := b.set.Topics
	pages := max(1, (len(topics)+perPage-1)/perPage)
	p = min(max(p, 0), pages-1)
	page := topics[min(p*perPage, len(topics)):min((p+1)*perPage, len(topics))]

	var lines []string
	var opts []discordgo.SelectMenuOption
	for i := range page {
		tp := &page[i]
		n := len(b.set.TopicEntries(tp.ID))
		count := t.count("topic_count", n)
		title := tp.TitleIn(t.lang)
		lines = append(lines, fmt.Sprintf("**%s** — %s", title, count))
		if n > 0 {
			opts = append(opts, discordgo.SelectMenuOption{Label: title, Value: tp.ID, Description: count})
		}
	}
	desc := t.get("topics_intro") + "\n\n" + strings.Join(lines, "\n")
	if len(topics) == 0 {
		desc = t.get("topics_none")
	}
	emb := &discordgo.MessageEmbed{
		Title:       t.get("topics_title"),
		Description: desc,
		Color:       colorInfo,
	}
	if pages > 1 {
		emb.Footer = &discordgo.MessageEmbedFooter{Text: t.get("page", "Page", p+1, "Pages", pages)}
	}
	var rows []discordgo.MessageComponent
	if len(opts) > 0 {
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.SelectMenu{CustomID: idTopic, Placeholder: t.get("choose_topic"), Options: opts},
		}})
	}
	if nav := pageButtons(t, p, pages, func(q int) string { return prefixTopicsPg + strconv.Itoa(q) }); nav != nil {
		rows = append(rows, discordgo.ActionsRow{Components: nav})
	}
	return reply{embeds: []*discordgo.MessageEmbed{emb}, components: rows, ephemeral: true}
}

// renderTopic is page p of one topic's questions, with a select menu that
// answers the picked question.
func (b *Bot) renderTopic(t texts, id string, p int) (reply, bool) {
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
		q, _ := e.Localized(t.lang)
		lines = append(lines, fmt.Sprintf("%d. %s", p*perPage+i+1, q))
		opts = append(opts, discordgo.SelectMenuOption{Label: q, Value: e.ID})
	}
	emb := &discordgo.MessageEmbed{
		Title:       topic.TitleIn(t.lang),
		Description: strings.Join(lines, "\n"),
		Color:       colorInfo,
		Footer:      &discordgo.MessageEmbedFooter{Text: t.get("topic_page", "Page", p+1, "Pages", pages)},
	}
	if len(lines) == 0 {
		emb.Description = t.get("topic_empty")
	}
	var rows []discordgo.MessageComponent
	if len(opts) > 0 {
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.SelectMenu{CustomID: idPick, Placeholder: t.get("choose_question"), Options: opts},
		}})
	}
	nav := pageButtons(t, p, pages, func(q int) string { return prefixTopicPg + strconv.Itoa(q) + ":" + id })
	nav = append(nav, discordgo.Button{Label: t.get("all_topics"), Style: discordgo.SecondaryButton, CustomID: prefixTopicsPg + "0"})
	rows = append(rows, discordgo.ActionsRow{Components: nav})
	return reply{embeds: []*discordgo.MessageEmbed{emb}, components: rows, ephemeral: true}, true
}

// pageButtons returns Previous/Next buttons, or nil for a single page.
func pageButtons(t texts, p, pages int, id func(int) string) []discordgo.MessageComponent {
	if pages <= 1 {
		return nil
	}
	return []discordgo.MessageComponent{
		discordgo.Button{Label: t.get("previous"), Style: discordgo.SecondaryButton, CustomID: id(p - 1), Disabled: p == 0},
		discordgo.Button{Label: t.get("next"), Style: discordgo.SecondaryButton, CustomID: id(p + 1), Disabled: p == pages-1},
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
