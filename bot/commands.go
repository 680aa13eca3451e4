package bot

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/bwmarrin/discordgo"

	"github.com/callbot/callbot/knowledge"
)

// Command and option names.
const (
	cmdAsk     = "ask"
	cmdTopics  = "topics"
	cmdSources = "sources"
	cmdAbout   = "about"
	cmdKB      = "kb"
	subGaps    = "gaps"
	cmdMenu    = "Ask callbot" // the message command

	optQuestion = "question"
	optPrivate  = "private"
)

// Commands returns the slash commands the bot registers, with their names
// and descriptions localized into French and Russian; about is what the
// knowledge set says of itself, whose summary describes /ask. Each call
// returns fresh values, so callers may modify them.
func Commands(about knowledge.About) []*discordgo.ApplicationCommand {
	summaries := make(map[discordgo.Locale]string, len(discordLocales))
	for lang, loc := range discordLocales {
		summaries[loc] = about.In(lang).Summary
	}
	cmds := []*discordgo.ApplicationCommand{
		{
			Type:                     discordgo.ChatApplicationCommand,
			Name:                     cmdAsk,
			NameLocalizations:        localizations("cmd_ask"),
			Description:              about.Summary,
			DescriptionLocalizations: &summaries,
			Options: []*discordgo.ApplicationCommandOption{
				{
					Type:                     discordgo.ApplicationCommandOptionString,
					Name:                     optQuestion,
					NameLocalizations:        *localizations("cmd_ask_question"),
					Description:              textsIn("en").get("cmd_ask_question_description"),
					DescriptionLocalizations: *localizations("cmd_ask_question_description"),
					Required:                 true,
					Autocomplete:             true,
					MaxLength:                500,
				},
				{
					Type:                     discordgo.ApplicationCommandOptionBoolean,
					Name:                     optPrivate,
					NameLocalizations:        *localizations("cmd_ask_private"),
					Description:              textsIn("en").get("cmd_ask_private_description"),
					DescriptionLocalizations: *localizations("cmd_ask_private_description"),
				},
			},
		},
		chatCommand(cmdTopics, "cmd_topics"),
		chatCommand(cmdSources, "cmd_sources"),
		chatCommand(cmdAbout, "cmd_about"),
		{
			// A message's context menu (Apps > Ask callbot): needs no
			// Message Content intent, Discord sends the message.
			Type:              discordgo.MessageApplicationCommand,
			Name:              cmdMenu,
			NameLocalizations: localizations("cmd_menu"),
		},
	}
	// The member's commands work wherever the member is, the app
	// installed by the server or by the member; /kb is the server's.
	for _, c := range cmds {
		c.IntegrationTypes = &[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall, discordgo.ApplicationIntegrationUserInstall}
		c.Contexts = &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM, discordgo.InteractionContextPrivateChannel}
	}
	return append(cmds,
		&discordgo.ApplicationCommand{
			Type:                     discordgo.ChatApplicationCommand,
			Name:                     cmdKB,
			NameLocalizations:        localizations("cmd_kb"),
			Description:              textsIn("en").get("cmd_kb_description"),
			DescriptionLocalizations: localizations("cmd_kb_description"),
			// Manage Server by default; a server's admins may grant it to
			// other roles in its Integrations settings.
			DefaultMemberPermissions: ptr(int64(discordgo.PermissionManageGuild)),
			IntegrationTypes:         &[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall},
			Contexts:                 &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild},
			Options: []*discordgo.ApplicationCommandOption{{
				Type:                     discordgo.ApplicationCommandOptionSubCommand,
				Name:                     subGaps,
				NameLocalizations:        *localizations("cmd_kb_gaps"),
				Description:              textsIn("en").get("cmd_kb_gaps_description"),
				DescriptionLocalizations: *localizations("cmd_kb_gaps_description"),
			}},
		},
	)
}

// chatCommand is a slash command without options, named name, whose
// localized names and descriptions are messages id and id+"_description".
func chatCommand(name, id string) *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Type:                     discordgo.ChatApplicationCommand,
		Name:                     name,
		NameLocalizations:        localizations(id),
		Description:              textsIn("en").get(id + "_description"),
		DescriptionLocalizations: localizations(id + "_description"),
	}
}

func ptr[T any](v T) *T { return &v }

// commandBody is a command as registration sends it. Discord documents
// default_member_permissions as a string, which discordgo sends, but its
// OpenAPI description of the request wants an integer, and a string is
// read the same way: send the integer, which both accept.
type commandBody struct{ *discordgo.ApplicationCommand }

// MarshalJSON implements json.Marshaler.
func (c commandBody) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(c.ApplicationCommand)
	if err != nil || c.DefaultMemberPermissions == nil {
		return b, err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		return nil, err
	}
	fields["default_member_permissions"] = json.RawMessage(strconv.FormatInt(*c.DefaultMemberPermissions, 10))
	return json.Marshal(fields)
}

// registrationBody is the body of a bulk overwrite of cmds.
func registrationBody(cmds []*discordgo.ApplicationCommand) []commandBody {
	body := make([]commandBody, len(cmds))
	for i, c := range cmds {
		body[i] = commandBody{c}
	}
	return body
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
			!ptrEqual(x.DefaultMemberPermissions, y.DefaultMemberPermissions) ||
			!contextsEqual(x.Contexts, y.Contexts) || !integrationsEqual(x.IntegrationTypes, y.IntegrationTypes) ||
			!optionsEqual(x.Options, y.Options) ||
			!localesEqual(x.NameLocalizations, y.NameLocalizations) ||
			!localesEqual(x.DescriptionLocalizations, y.DescriptionLocalizations) {
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
			maps.Equal(x.NameLocalizations, y.NameLocalizations) &&
			maps.Equal(x.DescriptionLocalizations, y.DescriptionLocalizations) &&
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

// localesEqual treats unset localizations as none.
func localesEqual(a, b *map[discordgo.Locale]string) bool {
	var x, y map[discordgo.Locale]string
	if a != nil {
		x = *a
	}
	if b != nil {
		y = *b
	}
	return maps.Equal(x, y)
}

// integrationsEqual treats unset integration types as Discord's default,
// guild install only.
func integrationsEqual(a, b *[]discordgo.ApplicationIntegrationType) bool {
	def := []discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}
	x, y := def, def
	if a != nil {
		x = *a
	}
	if b != nil {
		y = *b
	}
	return slices.Equal(x, y)
}

// contextsEqual treats unset contexts as Discord's default: every context.
func contextsEqual(a, b *[]discordgo.InteractionContextType) bool {
	if a == nil || b == nil {
		return a == b
	}
	return slices.Equal(*a, *b)
}

func ptrEqual[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
