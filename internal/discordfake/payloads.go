package discordfake

import (
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Payloads are built as Discord sends them, not as discordgo marshals its
// structs, so tests exercise discordgo's real decoding: snowflakes and
// permission bit sets are strings, timestamps are RFC 3339 with
// microseconds and "+00:00", absent optional values are null.

// Defaults used by the payload builders.
const (
	DefaultGuildID     = "1300000000000000010"
	DefaultChannelID   = "1300000000000000011"
	DefaultDMChannelID = "1300000000000000012"
	DefaultUserID      = "1100000000000000002"
	// DefaultPermissions is what the invoking member and the app have in the
	// channel: view, send, embed links, read history, use app commands.
	DefaultPermissions = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages |
		discordgo.PermissionEmbedLinks | discordgo.PermissionReadMessageHistory |
		discordgo.PermissionUseApplicationCommands
)

// DefaultUser is the human who invokes commands unless a test says
// otherwise.
var DefaultUser = User{ID: DefaultUserID, Username: "alice", GlobalName: "Alice"}

// User is a Discord user in a payload.
type User struct {
	ID         string
	Username   string
	GlobalName string // shown name; null when empty
	Bot        bool
}

// Mention is the user's mention markup, "<@ID>".
func (u User) Mention() string { return "<@" + u.ID + ">" }

func (u User) payload() map[string]any {
	m := map[string]any{
		"id":            u.ID,
		"username":      u.Username,
		"discriminator": "0",
		"global_name":   nil,
		"avatar":        nil,
		"public_flags":  0,
	}
	if u.GlobalName != "" {
		m["global_name"] = u.GlobalName
	}
	if u.Bot {
		m["bot"] = true
	}
	return m
}

// member is a guild member object; withUser adds "user" (interactions carry
// it, MESSAGE_CREATE does not: the author is beside it).
func member(u User, perms int64, withUser bool) map[string]any {
	m := map[string]any{
		"roles":                        []any{},
		"nick":                         nil,
		"avatar":                       nil,
		"joined_at":                    "2022-02-20T18:30:00.000000+00:00",
		"premium_since":                nil,
		"deaf":                         false,
		"mute":                         false,
		"flags":                        0,
		"pending":                      false,
		"communication_disabled_until": nil,
	}
	if withUser {
		m["user"] = u.payload()
		m["permissions"] = strconv.FormatInt(perms, 10)
	}
	return m
}

// CommandOption is an option value in a command or autocomplete interaction.
type CommandOption struct {
	Name string
	// Type defaults to discordgo.ApplicationCommandOptionString.
	Type  discordgo.ApplicationCommandOptionType
	Value any
	// Focused marks the option being typed in an autocomplete interaction.
	Focused bool
	// Options are nested options of a subcommand (group).
	Options []CommandOption
}

func (o CommandOption) payload() map[string]any {
	typ := o.Type
	if typ == 0 {
		typ = discordgo.ApplicationCommandOptionString
	}
	m := map[string]any{"name": o.Name, "type": int(typ)}
	if o.Value != nil {
		m["value"] = o.Value
	}
	if o.Focused {
		m["focused"] = true
	}
	if len(o.Options) > 0 {
		m["options"] = optionsPayload(o.Options)
	}
	return m
}

func optionsPayload(opts []CommandOption) []any {
	out := make([]any, len(opts))
	for i, o := range opts {
		out[i] = o.payload()
	}
	return out
}

// InteractionParams describes an interaction. Empty fields get defaults:
// ID a new snowflake, Token a random token, AppID DefaultAppID, ChannelID
// DefaultChannelID (DefaultDMChannelID in a DM), User DefaultUser, Locale
// "en-US", Permissions DefaultPermissions.
type InteractionParams struct {
	ID, Token, AppID string
	// GuildID is the guild the interaction happened in; "" means a DM
	// (the payload then has "user" instead of "member").
	GuildID   string
	ChannelID string
	User      User
	Locale    string
	// Permissions are the invoking member's and the app's (guild only).
	Permissions int64

	// CommandName and CommandID identify the command (command and
	// autocomplete interactions); Options carry its values.
	CommandName, CommandID string
	Options                []CommandOption

	// CustomID is the clicked component's custom_id (button interactions);
	// MessageID and MessageContent describe the message it is on.
	CustomID, MessageID, MessageContent string

	// UserInstalled marks an interaction with the app installed by the
	// user, not the server; with no GuildID it happens in a DM between
	// users (context 2), as Discord sends it.
	UserInstalled bool
}

func (p *InteractionParams) defaults() {
	if p.ID == "" {
		p.ID = Snowflake()
	}
	if p.Token == "" {
		p.Token = randomToken()
	}
	if p.AppID == "" {
		p.AppID = DefaultAppID
	}
	if p.ChannelID == "" {
		p.ChannelID = DefaultChannelID
		if p.GuildID == "" {
			p.ChannelID = DefaultDMChannelID
		}
	}
	if p.User.ID == "" {
		p.User = DefaultUser
	}
	if p.Locale == "" {
		p.Locale = "en-US"
	}
	if p.Permissions == 0 {
		p.Permissions = DefaultPermissions
	}
	if p.CommandID == "" {
		p.CommandID = "1200000000000000100"
	}
}

func interactionPayload(p InteractionParams, typ discordgo.InteractionType, data map[string]any) map[string]any {
	m := map[string]any{
		"id":              p.ID,
		"application_id":  p.AppID,
		"type":            int(typ),
		"data":            data,
		"channel_id":      p.ChannelID,
		"token":           p.Token,
		"version":         1,
		"locale":          p.Locale,
		"entitlements":    []any{},
		"app_permissions": strconv.FormatInt(p.Permissions, 10),
	}
	if p.GuildID != "" {
		m["guild_id"] = p.GuildID
		m["guild_locale"] = "en-US"
		m["member"] = member(p.User, p.Permissions, true)
		m["channel"] = map[string]any{"id": p.ChannelID, "type": int(discordgo.ChannelTypeGuildText), "guild_id": p.GuildID, "name": "general"}
		m["context"] = int(discordgo.InteractionContextGuild)
		m["authorizing_integration_owners"] = map[string]any{"0": p.GuildID}
	} else {
		m["user"] = p.User.payload()
		m["channel"] = map[string]any{"id": p.ChannelID, "type": int(discordgo.ChannelTypeDM)}
		m["context"] = int(discordgo.InteractionContextBotDM)
		m["authorizing_integration_owners"] = map[string]any{"0": "0"}
	}
	if p.UserInstalled {
		m["authorizing_integration_owners"] = map[string]any{"1": p.User.ID}
		if p.GuildID == "" {
			m["context"] = int(discordgo.InteractionContextPrivateChannel)
			m["channel"] = map[string]any{"id": p.ChannelID, "type": int(discordgo.ChannelTypeDM), "recipients": []any{p.User.payload()}}
		}
	}
	return m
}

// CommandInteraction is an INTERACTION_CREATE payload (and HTTP interaction
// body) for a chat input command.
func CommandInteraction(p InteractionParams) map[string]any {
	p.defaults()
	data := map[string]any{
		"id":   p.CommandID,
		"name": p.CommandName,
		"type": int(discordgo.ChatApplicationCommand),
	}
	if len(p.Options) > 0 {
		data["options"] = optionsPayload(p.Options)
	}
	if p.GuildID != "" {
		data["guild_id"] = p.GuildID
	}
	return interactionPayload(p, discordgo.InteractionApplicationCommand, data)
}

// AutocompleteInteraction is an autocomplete interaction; mark the option
// being typed with Focused.
func AutocompleteInteraction(p InteractionParams) map[string]any {
	m := CommandInteraction(p)
	m["type"] = int(discordgo.InteractionApplicationCommandAutocomplete)
	return m
}

// ButtonInteraction is a message component interaction for a button with
// p.CustomID, on a message the bot sent.
func ButtonInteraction(p InteractionParams) map[string]any {
	p.defaults()
	if p.MessageID == "" {
		p.MessageID = Snowflake()
	}
	bot := User{ID: p.AppID, Username: DefaultBotUsername, Bot: true}
	msg := messagePayload(MessageParams{ID: p.MessageID, ChannelID: p.ChannelID, Author: bot, Content: p.MessageContent})
	msg["components"] = []any{map[string]any{
		"type": int(discordgo.ActionsRowComponent),
		"components": []any{map[string]any{
			"type": int(discordgo.ButtonComponent), "style": int(discordgo.SecondaryButton),
			"label": "button", "custom_id": p.CustomID,
		}},
	}}
	msg["flags"] = 0
	data := map[string]any{"custom_id": p.CustomID, "component_type": int(discordgo.ButtonComponent)}
	m := interactionPayload(p, discordgo.InteractionMessageComponent, data)
	m["message"] = msg
	return m
}

// ModalSubmitInteraction is a modal submit for the modal p.CustomID, with
// its components as Discord sends them back: labels (type 18) around
// inputs that carry "value" (text input) or "values" (select menu).
func ModalSubmitInteraction(p InteractionParams, components []any) map[string]any {
	p.defaults()
	data := map[string]any{"custom_id": p.CustomID, "components": components}
	return interactionPayload(p, discordgo.InteractionModalSubmit, data)
}

// PingInteraction is the PING (type 1) Discord sends to an HTTP interactions
// endpoint.
func PingInteraction(p InteractionParams) map[string]any {
	p.defaults()
	return map[string]any{
		"id":             p.ID,
		"application_id": p.AppID,
		"type":           int(discordgo.InteractionPing),
		"token":          p.Token,
		"version":        1,
		"user":           p.User.payload(),
	}
}

// MessageParams describes a MESSAGE_CREATE. Empty fields get defaults: ID a
// new snowflake, ChannelID DefaultChannelID (DefaultDMChannelID in a DM),
// Author DefaultUser.
type MessageParams struct {
	ID, ChannelID string
	// GuildID is the guild; "" means a DM.
	GuildID string
	Author  User
	Content string
	// Mentions are the users mentioned; put their Mention() in Content too.
	Mentions        []User
	MentionEveryone bool
	// ReplyTo, when set, makes the message a reply (type 19) to that
	// message payload (e.g. MessageCreate of what the bot posted), with
	// the message_reference and referenced_message Discord sends.
	ReplyTo map[string]any
}

// MessageCreate is a MESSAGE_CREATE payload.
func MessageCreate(p MessageParams) map[string]any {
	return messagePayload(p)
}

func messagePayload(p MessageParams) map[string]any {
	if p.ID == "" {
		p.ID = Snowflake()
	}
	if p.ChannelID == "" {
		p.ChannelID = DefaultChannelID
		if p.GuildID == "" {
			p.ChannelID = DefaultDMChannelID
		}
	}
	if p.Author.ID == "" {
		p.Author = DefaultUser
	}
	mentions := make([]any, 0, len(p.Mentions))
	for _, u := range p.Mentions {
		m := u.payload()
		if p.GuildID != "" {
			m["member"] = member(u, 0, false)
		}
		mentions = append(mentions, m)
	}
	m := map[string]any{
		"id":               p.ID,
		"channel_id":       p.ChannelID,
		"author":           p.Author.payload(),
		"content":          p.Content,
		"timestamp":        timestamp(time.Now()),
		"edited_timestamp": nil,
		"tts":              false,
		"mention_everyone": p.MentionEveryone,
		"mentions":         mentions,
		"mention_roles":    []any{},
		"attachments":      []any{},
		"embeds":           []any{},
		"components":       []any{},
		"pinned":           false,
		"type":             int(discordgo.MessageTypeDefault),
		"flags":            0,
		"nonce":            Snowflake(),
	}
	if p.GuildID != "" {
		m["guild_id"] = p.GuildID
		m["member"] = member(p.Author, 0, false)
	}
	if p.ReplyTo != nil {
		m["type"] = int(discordgo.MessageTypeReply)
		ref := map[string]any{"message_id": p.ReplyTo["id"], "channel_id": p.ReplyTo["channel_id"]}
		if p.GuildID != "" {
			ref["guild_id"] = p.GuildID
		}
		m["message_reference"] = ref
		m["referenced_message"] = p.ReplyTo
	}
	return m
}

// GuildParams shapes a GUILD_CREATE.
type GuildParams struct {
	ID              string // Snowflake() when empty
	Members         int    // members sent (without the presences intent Discord sends few)
	Channels        int    // text channels, besides a category and two voice channels
	PreferredLocale string // "en-US" when empty
}

// GuildCreate is a GUILD_CREATE payload shaped like Discord's for a bot
// without the presences intent: roles, emojis, channels, the members sent,
// empty presences and voice states.
func GuildCreate(p GuildParams) map[string]any {
	if p.ID == "" {
		p.ID = Snowflake()
	}
	if p.PreferredLocale == "" {
		p.PreferredLocale = "en-US"
	}
	role := func(id, name string, pos int) map[string]any {
		return map[string]any{"id": id, "name": name, "color": 0, "hoist": false, "icon": nil, "unicode_emoji": nil,
			"position": pos, "permissions": "1071698660929", "managed": false, "mentionable": false, "flags": 0}
	}
	roles := []any{role(p.ID, "@everyone", 0)}
	for k := 1; k <= 5; k++ {
		roles = append(roles, role(Snowflake(), "role "+strconv.Itoa(k), k))
	}
	var emojis []any
	for k := 0; k < 10; k++ {
		emojis = append(emojis, map[string]any{"id": Snowflake(), "name": "emoji" + strconv.Itoa(k), "roles": []any{},
			"require_colons": true, "managed": false, "animated": false, "available": true})
	}
	category := Snowflake()
	channels := []any{map[string]any{"id": category, "type": int(discordgo.ChannelTypeGuildCategory), "name": "Text Channels",
		"position": 0, "permission_overwrites": []any{}, "flags": 0}}
	for k := 0; k < p.Channels; k++ {
		channels = append(channels, map[string]any{"id": Snowflake(), "type": int(discordgo.ChannelTypeGuildText),
			"name": "channel-" + strconv.Itoa(k), "position": k, "parent_id": category, "topic": nil, "nsfw": false,
			"last_message_id": Snowflake(), "rate_limit_per_user": 0, "permission_overwrites": []any{
				map[string]any{"id": p.ID, "type": 0, "allow": "0", "deny": "2048"}}, "flags": 0})
	}
	for k := 0; k < 2; k++ {
		channels = append(channels, map[string]any{"id": Snowflake(), "type": int(discordgo.ChannelTypeGuildVoice),
			"name": "Voice " + strconv.Itoa(k), "position": k, "parent_id": category, "bitrate": 64000, "user_limit": 0,
			"rtc_region": nil, "permission_overwrites": []any{}, "flags": 0})
	}
	var members []any
	for k := 0; k < p.Members; k++ {
		members = append(members, member(User{ID: Snowflake(), Username: "member" + strconv.Itoa(k)}, 0, true))
	}
	return map[string]any{
		"id": p.ID, "name": "Guild " + p.ID, "icon": nil, "splash": nil, "discovery_splash": nil, "owner_id": Snowflake(),
		"afk_channel_id": nil, "afk_timeout": 300, "verification_level": 1, "default_message_notifications": 1,
		"explicit_content_filter": 2, "roles": roles, "emojis": emojis, "features": []any{"COMMUNITY", "NEWS"},
		"mfa_level": 0, "system_channel_id": nil, "system_channel_flags": 0, "rules_channel_id": nil,
		"vanity_url_code": nil, "description": nil, "banner": nil, "premium_tier": 0, "premium_subscription_count": 0,
		"preferred_locale": p.PreferredLocale, "public_updates_channel_id": nil, "nsfw_level": 0, "stickers": []any{},
		"premium_progress_bar_enabled": false, "joined_at": "2023-05-01T10:00:00.000000+00:00", "large": p.Members > 250,
		"unavailable": false, "member_count": max(p.Members, 1), "voice_states": []any{}, "members": members,
		"channels": channels, "threads": []any{}, "presences": []any{}, "stage_instances": []any{},
		"guild_scheduled_events": []any{}, "embedded_activities": []any{},
	}
}
