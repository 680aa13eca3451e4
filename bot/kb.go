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

// maxGapQuestions is how many wordings of a gap /kb gaps shows.
const maxGapQuestions = 3

// kbCommand answers /kb gaps, for a server's admins (see Commands). The
// reply is ephemeral: it quotes what members asked.
func (b *Bot) kbCommand(ctx context.Context, i *discordgo.Interaction, t texts, d discordgo.ApplicationCommandInteractionData) reply {
	if len(d.Options) == 0 || d.Options[0] == nil || d.Options[0].Name != subGaps {
		return reply{content: t.get("unknown_command"), ephemeral: true}
	}
	switch {
	case b.cfg.Gaps == nil:
		return reply{content: t.get("gaps_off"), ephemeral: true}
	case i.GuildID == "":
		return reply{content: t.get("gaps_guild"), ephemeral: true}
	}
	ctx, cancel := context.WithTimeout(ctx, gapsTimeout)
	defer cancel()
	gaps, err := b.cfg.Gaps.Gaps(ctx, i.GuildID, gapsSince, gapsShown)
	if err != nil {
		b.log.WarnContext(ctx, "kb gaps: reading the question record failed", "guild", i.GuildID, "err", err)
		return reply{content: t.get("gaps_down"), ephemeral: true}
	}
	return renderGaps(t, gaps)
}

func renderGaps(t texts, gaps []curator.Gap) reply {
	emb := &discordgo.MessageEmbed{
		Title: t.get("gaps_title"),
		Color: colorInfo,
	}
	if len(gaps) == 0 {
		emb.Description = t.get("gaps_none")
		return reply{embeds: []*discordgo.MessageEmbed{emb}, ephemeral: true}
	}
	emb.Description = t.get("gaps_how")
	for n, g := range gaps {
		if n == maxFields {
			break
		}
		var lines []string
		for k, q := range g.Questions {
			if k == maxGapQuestions {
				lines = append(lines, t.count("gaps_more", len(g.Questions)-k))
				break
			}
			lines = append(lines, fmt.Sprintf("%d× %s", q.Count, EscapeUserText(oneLine(q.Text))))
		}
		if len(g.Picked) > 0 {
			lines = append(lines, t.get("gaps_picked", "ID", g.Picked[0].ID, "Count", g.Picked[0].Count))
		} else if len(g.Nearest) > 0 {
			lines = append(lines, t.get("gaps_nearest", "ID", g.Nearest[0].ID))
		}
		emb.Fields = append(emb.Fields, &discordgo.MessageEmbedField{
			Name:  truncate(t.get("gaps_asked", "N", n+1, "Count", g.Count), maxFieldName),
			Value: truncate(strings.Join(lines, "\n"), maxFieldValue),
		})
	}
	return reply{embeds: []*discordgo.MessageEmbed{emb}, ephemeral: true}
}
