package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/callbot/callbot/internal/curator"
)

// GapLister lists a server's gaps from the question record;
// *curator.Curator satisfies it. It reads a database, so it gets a
// deadline.
type GapLister interface {
	Gaps(ctx context.Context, guild string, since time.Duration, limit int) ([]curator.Gap, error)
}

// Reading the record for /kb gaps must leave time to answer within
// Discord's 3 s.
const (
	gapsTimeout = 2 * time.Second
	gapsSince   = 7 * 24 * time.Hour
	gapsShown   = 10
)

const (
	textGapsOff     = "The question record is off, so there are no gaps to show. The bot's host can turn it on by unsetting CALLBOT_RECORD=off."
	textGapsGuild   = "Use /kb gaps in a server: it shows that server's gaps."
	textGapsDown    = "The question record could not be read just now. The bot's host can check CALLBOT_DATABASE_URL and the bot's logs; answers are not affected."
	textGapsNone    = "No gaps in the last 7 days: every question asked here was answered with confidence, or nothing was asked."
	textGapsHowFix  = "Add these wordings as phrasings of the right entry (or a new entry), then run `callbot kb check` and `callbot kb test`. `callbot kb gaps` on the host lists them all, with YAML lines to paste."
	maxGapQuestions = 3
)

// kbCommand answers /kb gaps, for a server's admins (see Commands). The
// reply is ephemeral: it quotes what members asked.
func (b *Bot) kbCommand(ctx context.Context, i *discordgo.Interaction, d discordgo.ApplicationCommandInteractionData) reply {
	if len(d.Options) == 0 || d.Options[0] == nil || d.Options[0].Name != subGaps {
		return reply{content: textUnknownCmd, ephemeral: true}
	}
	switch {
	case b.cfg.Gaps == nil:
		return reply{content: textGapsOff, ephemeral: true}
	case i.GuildID == "":
		return reply{content: textGapsGuild, ephemeral: true}
	}
	ctx, cancel := context.WithTimeout(ctx, gapsTimeout)
	defer cancel()
	gaps, err := b.cfg.Gaps.Gaps(ctx, i.GuildID, gapsSince, gapsShown)
	if err != nil {
		b.log.WarnContext(ctx, "kb gaps: reading the question record failed", "guild", i.GuildID, "err", err)
		return reply{content: textGapsDown, ephemeral: true}
	}
	return b.renderGaps(gaps)
}

func (b *Bot) renderGaps(gaps []curator.Gap) reply {
	emb := &discordgo.MessageEmbed{
		Title: "Gaps: the last 7 days",
		Color: colorInfo,
	}
	if len(gaps) == 0 {
		emb.Description = textGapsNone
		return reply{embeds: []*discordgo.MessageEmbed{emb}, ephemeral: true}
	}
	emb.Description = textGapsHowFix
	for n, g := range gaps {
		if n == maxFields {
			break
		}
		var lines []string
		for k, q := range g.Questions {
			if k == maxGapQuestions {
				lines = append(lines, fmt.Sprintf("…and %d more wordings", len(g.Questions)-k))
				break
			}
			lines = append(lines, fmt.Sprintf("%d× %s", q.Count, EscapeUserText(oneLine(q.Text))))
		}
		if len(g.Picked) > 0 {
			lines = append(lines, fmt.Sprintf("picked after a refusal: `%s` (%d×)", g.Picked[0].ID, g.Picked[0].Count))
		} else if len(g.Nearest) > 0 {
			lines = append(lines, fmt.Sprintf("nearest: `%s`", g.Nearest[0].ID))
		}
		emb.Fields = append(emb.Fields, &discordgo.MessageEmbedField{
			Name:  truncate(fmt.Sprintf("%d. asked %d×", n+1, g.Count), maxFieldName),
			Value: truncate(strings.Join(lines, "\n"), maxFieldValue),
		})
	}
	return reply{embeds: []*discordgo.MessageEmbed{emb}, ephemeral: true}
}
