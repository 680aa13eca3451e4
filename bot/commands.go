package bot

import (
	"fmt"
	"slices"

	"github.com/bwmarrin/discordgo"
)

// Command and option names.
const (
	cmdAsk     = "ask"
	cmdTopics  = "topics"
	cmdSources = "sources"
	cmdAbout   = "about"

	optQuestion = "question"
	optPrivate  = "private"
)

// Commands returns the slash commands the bot registers; summary, what the
// knowledge set says it is about (knowledge.About.Summary), describes /ask.
// Each call returns fresh values, so callers may modify them.
func Commands(summary string) []*discordgo.ApplicationCommand {
	return []*discordgo.ApplicationCommand{
		{
			Type:        discordgo.ChatApplicationCommand,
			Name:        cmdAsk,
			Description: summary,
			Options: []*discordgo.ApplicationCommandOption{
				{
					Type:         discordgo.ApplicationCommandOptionString,
					Name:         optQuestion,
					Description:  "Your question; suggestions appear as you type",
					Required:     true,
					Autocomplete: true,
					MaxLength:    500,
				},
				{
					Type:        discordgo.ApplicationCommandOptionBoolean,
					Name:        optPrivate,
					Description: "Only you see the answer",
				},
			},
		},
		{
			Type:        discordgo.ChatApplicationCommand,
			Name:        cmdTopics,
			Description: "Browse the questions the bot can answer, by topic",
		},
		{
			Type:        discordgo.ChatApplicationCommand,
			Name:        cmdSources,
			Description: "The sources every answer comes from",
		},
		{
			Type:        discordgo.ChatApplicationCommand,
			Name:        cmdAbout,
			Description: "What this bot knows and how to ask it",
		},
	}
}

// CommandsEqual reports whether two command lists define the same commands
// (type, name, description, options), ignoring order and the ids and
// versions Discord adds. Registration is skipped when they are equal.
func CommandsEqual(a, b []*discordgo.ApplicationCommand) bool {
	if len(a) != len(b) {
		return false
	}
	byName := make(map[string]*discordgo.ApplicationCommand, len(b))
	for _, c := range b {
		byName[c.Name] = c
	}
	for _, x := range a {
		y, ok := byName[x.Name]
		if !ok || cmdType(x.Type) != cmdType(y.Type) || x.Description != y.Description ||
			!optionsEqual(x.Options, y.Options) {
			return false
		}
	}
	return true
}

// cmdType treats an unset type as CHAT_INPUT, Discord's default.
func cmdType(t discordgo.ApplicationCommandType) discordgo.ApplicationCommandType {
	if t == 0 {
		return discordgo.ChatApplicationCommand
	}
	return t
}

func optionsEqual(a, b []*discordgo.ApplicationCommandOption) bool {
	return slices.EqualFunc(a, b, func(x, y *discordgo.ApplicationCommandOption) bool {
		return x.Type == y.Type && x.Name == y.Name && x.Description == y.Description &&
			x.Required == y.Required && x.Autocomplete == y.Autocomplete &&
			x.MaxLength == y.MaxLength && ptrEqual(x.MinLength, y.MinLength) &&
			x.MaxValue == y.MaxValue && ptrEqual(x.MinValue, y.MinValue) &&
			slices.Equal(x.ChannelTypes, y.ChannelTypes) &&
			slices.EqualFunc(x.Choices, y.Choices, func(p, q *discordgo.ApplicationCommandOptionChoice) bool {
				return p.Name == q.Name && fmt.Sprint(p.Value) == fmt.Sprint(q.Value)
			}) &&
			optionsEqual(x.Options, y.Options)
	})
}

func ptrEqual[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
