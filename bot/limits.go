package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Discord's limits on what a bot may send, in characters (code points).
const (
	maxContent          = 2000
	maxEmbedTitle       = 256
	maxEmbedDescription = 4096
	maxFieldName        = 256
	maxFieldValue       = 1024
	maxFooter           = 2048
	maxAuthorName       = 256
	maxFields           = 25
	maxEmbedTotal       = 6000
	maxEmbeds           = 10
	maxButtonLabel      = 80
	maxCustomID         = 100
	maxSelectOptions    = 25
	maxSelectLabel      = 100
	maxSelectValue      = 100
	maxSelectDesc       = 100
	maxPlaceholder      = 150
	maxRows             = 5
	maxRowComponents    = 5
	maxChoices          = 25
	maxChoiceName       = 100
	maxChoiceValue      = 100
	maxModalTitle       = 45
	maxModalLabel       = 45
)

const ellipsis = "…"

// truncate cuts s to at most limit runes. When it must cut, it cuts at a word
// boundary if one is reasonably close and ends with "…".
func truncate(s string, limit int) string {
	if limit <= 0 {
		return ""
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	runes := []rune(s)[:limit-1] // room for the ellipsis
	cut := len(runes)
	// Look back a little (a quarter of the budget, at least a short word)
	// for a space, so one long word does not cost most of the text.
	back := len(runes) - 1 - max(limit/4, 8)
	for i := len(runes) - 1; i >= 0 && i >= back; i-- {
		if unicode.IsSpace(runes[i]) {
			cut = i
			break
		}
	}
	out := string(runes[:cut])
	// A trailing lone backslash from escaped text would escape the ellipsis.
	if strings.HasSuffix(out, `\`) && !strings.HasSuffix(out, `\\`) {
		out = out[:len(out)-1]
	}
	return strings.TrimRightFunc(out, unicode.IsSpace) + ellipsis
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// clampEmbeds enforces every embed limit, trimming text and dropping
// fields and embeds as needed.
func clampEmbeds(embeds []*discordgo.MessageEmbed) []*discordgo.MessageEmbed {
	if len(embeds) > maxEmbeds {
		embeds = embeds[:maxEmbeds]
	}
	total := 0
	var out []*discordgo.MessageEmbed
	if embeds != nil {
		out = []*discordgo.MessageEmbed{} // keep "[]", which clears embeds on update
	}
	for _, e := range embeds {
		if e == nil {
			continue
		}
		clampEmbed(e)
		budget := maxEmbedTotal - total
		if budget <= 0 {
			break
		}
		fitEmbed(e, budget)
		total += embedLen(e)
		out = append(out, e)
	}
	return out
}

func clampEmbed(e *discordgo.MessageEmbed) {
	e.Title = truncate(e.Title, maxEmbedTitle)
	e.Description = truncate(e.Description, maxEmbedDescription)
	if e.Footer != nil {
		e.Footer.Text = truncate(e.Footer.Text, maxFooter)
	}
	if e.Author != nil {
		e.Author.Name = truncate(e.Author.Name, maxAuthorName)
	}
	if len(e.Fields) > maxFields {
		e.Fields = e.Fields[:maxFields]
	}
	fields := e.Fields[:0]
	for _, f := range e.Fields {
		if f == nil {
			continue
		}
		f.Name = truncate(f.Name, maxFieldName)
		f.Value = truncate(f.Value, maxFieldValue)
		if f.Name == "" {
			f.Name = zwsp // Discord rejects empty field names
		}
		if f.Value == "" {
			f.Value = zwsp
		}
		fields = append(fields, f)
	}
	e.Fields = fields
}

// embedLen counts the characters Discord sums for the 6000 limit.
func embedLen(e *discordgo.MessageEmbed) int {
	n := runeLen(e.Title) + runeLen(e.Description)
	for _, f := range e.Fields {
		n += runeLen(f.Name) + runeLen(f.Value)
	}
	if e.Footer != nil {
		n += runeLen(e.Footer.Text)
	}
	if e.Author != nil {
		n += runeLen(e.Author.Name)
	}
	return n
}

// fitEmbed shrinks e to budget characters: fields go first from the end,
// then the description is cut, then the title and footer.
func fitEmbed(e *discordgo.MessageEmbed, budget int) {
	for embedLen(e) > budget && len(e.Fields) > 0 {
		e.Fields = e.Fields[:len(e.Fields)-1]
	}
	if over := embedLen(e) - budget; over > 0 {
		e.Description = truncate(e.Description, max(runeLen(e.Description)-over, 0))
	}
	if over := embedLen(e) - budget; over > 0 && e.Footer != nil {
		e.Footer.Text = truncate(e.Footer.Text, max(runeLen(e.Footer.Text)-over, 0))
	}
	if over := embedLen(e) - budget; over > 0 {
		e.Title = truncate(e.Title, max(runeLen(e.Title)-over, 0))
	}
}

// clampComponents enforces row, button and select menu limits. Components
// whose custom_id is too long are dropped rather than cut, since a cut id
// would not route back to what it named.
func clampComponents(rows []discordgo.MessageComponent) []discordgo.MessageComponent {
	var out []discordgo.MessageComponent
	if rows != nil {
		out = []discordgo.MessageComponent{} // keep "[]", which clears components on update
	}
	for _, c := range rows {
		if len(out) == maxRows {
			break
		}
		row, ok := asRow(c)
		if !ok {
			continue // top-level components must be action rows
		}
		var kept []discordgo.MessageComponent
		for _, rc := range row.Components {
			if len(kept) == maxRowComponents {
				break
			}
			switch v := rc.(type) {
			case discordgo.Button:
				if b, ok := clampButton(v); ok {
					kept = append(kept, b)
				}
			case *discordgo.Button:
				if b, ok := clampButton(*v); ok {
					kept = append(kept, b)
				}
			case discordgo.SelectMenu:
				if m, ok := clampSelect(v); ok {
					kept = append(kept, m)
				}
			case *discordgo.SelectMenu:
				if m, ok := clampSelect(*v); ok {
					kept = append(kept, m)
				}
			}
		}
		if len(kept) > 0 {
			out = append(out, discordgo.ActionsRow{Components: kept})
		}
	}
	return out
}

func asRow(c discordgo.MessageComponent) (discordgo.ActionsRow, bool) {
	switch v := c.(type) {
	case discordgo.ActionsRow:
		return v, true
	case *discordgo.ActionsRow:
		if v != nil {
			return *v, true
		}
	}
	return discordgo.ActionsRow{}, false
}

func clampButton(b discordgo.Button) (discordgo.Button, bool) {
	if runeLen(b.CustomID) > maxCustomID || (b.CustomID == "" && b.URL == "") {
		return b, false
	}
	b.Label = truncate(b.Label, maxButtonLabel)
	if b.Label == "" && b.Emoji == nil {
		return b, false
	}
	return b, true
}

func clampSelect(m discordgo.SelectMenu) (discordgo.SelectMenu, bool) {
	if runeLen(m.CustomID) > maxCustomID || m.CustomID == "" {
		return m, false
	}
	m.Placeholder = truncate(m.Placeholder, maxPlaceholder)
	var opts []discordgo.SelectMenuOption
	for _, o := range m.Options {
		if len(opts) == maxSelectOptions {
			break
		}
		if o.Value == "" || runeLen(o.Value) > maxSelectValue {
			continue
		}
		o.Label = truncate(o.Label, maxSelectLabel)
		o.Description = truncate(o.Description, maxSelectDesc)
		if o.Label == "" {
			continue
		}
		opts = append(opts, o)
	}
	if len(opts) == 0 {
		return m, false
	}
	m.Options = opts
	if m.MaxValues > len(opts) {
		m.MaxValues = len(opts)
	}
	return m, true
}

// clampChoices enforces the autocomplete limits. Choices whose value is too
// long are dropped: a cut value would not name what it stood for.
func clampChoices(choices []*discordgo.ApplicationCommandOptionChoice) []*discordgo.ApplicationCommandOptionChoice {
	out := make([]*discordgo.ApplicationCommandOptionChoice, 0, min(len(choices), maxChoices))
	for _, c := range choices {
		if len(out) == maxChoices {
			break
		}
		if c == nil {
			continue
		}
		if v, ok := c.Value.(string); ok && (v == "" || runeLen(v) > maxChoiceValue) {
			continue
		}
		c.Name = truncate(c.Name, maxChoiceName)
		if c.Name == "" {
			continue
		}
		out = append(out, c)
	}
	return out
}

// clampResponse makes any interaction response fit Discord's limits and
// forces safe allowed mentions. Every interaction reply passes through it.
func clampResponse(r *discordgo.InteractionResponse) *discordgo.InteractionResponse {
	if r == nil || r.Data == nil {
		return r
	}
	d := r.Data
	switch r.Type {
	case discordgo.InteractionApplicationCommandAutocompleteResult:
		d.Choices = clampChoices(d.Choices)
		return r
	case discordgo.InteractionResponseModal:
		// A modal holds only the bot's own fixed texts, in label
		// components that the message rules below would drop.
		return r
	}
	d.Content = truncate(d.Content, maxContent)
	d.Embeds = clampEmbeds(d.Embeds)
	d.Components = clampComponents(d.Components)
	d.AllowedMentions = noMentions()
	return r
}

// clampMessage is clampResponse for channel messages.
func clampMessage(m *discordgo.MessageSend) *discordgo.MessageSend {
	if m == nil {
		return nil
	}
	m.Content = truncate(m.Content, maxContent)
	m.Embeds = clampEmbeds(m.Embeds)
	m.Components = clampComponents(m.Components)
	m.AllowedMentions = noMentions()
	return m
}

// noMentions allows no pings at all, including the replied-to author.
// Parse must be an empty, non-nil slice: discordgo does not omit it, and
// "parse":[] is what tells Discord to parse nothing.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}
