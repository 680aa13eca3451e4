package bot

import (
	"context"
	"embed"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/callbot/callbot/qa"
)

// The bot writes in the languages it reads: English, French and Russian.
// Its own texts are in locales/, one go-i18n message file per language;
// what it says about its subject comes from the knowledge set (about.yaml,
// the entries' translations).

//go:embed locales/*.yaml
var localeFiles embed.FS

// Langs are the languages the bot writes, English first: the fallback for
// a message a language lacks and for every other locale.
var Langs = []string{"en", "fr", "ru"}

// discordLocales are the Discord locales registered for each language but
// English, whose names and descriptions are the commands' own.
var discordLocales = map[string]discordgo.Locale{"fr": discordgo.French, "ru": discordgo.Russian}

var (
	bundle     = newBundle()
	localizers = func() map[string]*i18n.Localizer {
		m := make(map[string]*i18n.Localizer, len(Langs))
		for _, l := range Langs {
			m[l] = i18n.NewLocalizer(bundle, l, "en")
		}
		return m
	}()
)

// newBundle loads every message file; a malformed one is a bug the tests
// catch, so it panics.
func newBundle() *i18n.Bundle {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	for _, l := range Langs {
		path := "locales/" + l + ".yaml"
		buf, err := localeFiles.ReadFile(path)
		if err != nil {
			panic(fmt.Sprintf("bot: %s: %v", path, err))
		}
		if _, err := b.ParseMessageFileBytes(buf, path); err != nil {
			panic(fmt.Sprintf("bot: %s: %v", path, err))
		}
	}
	return b
}

// texts writes the bot's own texts in one language.
type texts struct {
	lang string
	loc  *i18n.Localizer
}

// textsIn returns the texts for lang ("en", "fr", "ru"); any other is English.
func textsIn(lang string) texts {
	if l, ok := localizers[lang]; ok {
		return texts{lang: lang, loc: l}
	}
	return texts{lang: "en", loc: localizers["en"]}
}

// get returns message id filled with data (name, value pairs).
func (t texts) get(id string, data ...any) string {
	return t.localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: pairs(data)})
}

// count returns the plural form of message id for n, which the message
// reads as {{.Count}}, filled with data too.
func (t texts) count(id string, n int, data ...any) string {
	d := pairs(data)
	d["Count"] = n
	return t.localize(&i18n.LocalizeConfig{MessageID: id, PluralCount: n, TemplateData: d})
}

func (t texts) localize(c *i18n.LocalizeConfig) string {
	s, err := t.loc.Localize(c)
	if err != nil {
		// A message missing in every language is a bug TestLocalesComplete
		// catches; never show a member an error for it.
		return c.MessageID
	}
	return s
}

func pairs(kv []any) map[string]any {
	m := make(map[string]any, len(kv)/2+1)
	for i := 0; i+1 < len(kv); i += 2 {
		m[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return m
}

// localeLang is the language the bot writes for a Discord locale: "fr" for
// fr, "ru" for ru, English for every other.
func localeLang(l discordgo.Locale) string {
	tag := strings.ToLower(string(l))
	for _, lang := range Langs[1:] {
		if tag == lang || strings.HasPrefix(tag, lang+"-") {
			return lang
		}
	}
	return "en"
}

type guildLocaleKey struct{}

type threadParentKey struct{}

// WithThreadParents returns ctx carrying a lookup of a thread's parent
// channel, which the gateway knows from THREAD_CREATE and GUILD_CREATE: a
// thread in a listen channel is listened to as well.
func WithThreadParents(ctx context.Context, parent func(channelID string) string) context.Context {
	return context.WithValue(ctx, threadParentKey{}, parent)
}

// threadParentOf is the parent channel of thread id, or "" when id is not
// a known thread.
func threadParentOf(ctx context.Context, id string) string {
	if f, ok := ctx.Value(threadParentKey{}).(func(string) string); ok && f != nil {
		return f(id)
	}
	return ""
}

// WithGuildLocale returns ctx carrying the preferred locale of the server a
// message was posted in, which the gateway knows from GUILD_CREATE and a
// message does not carry: what the bot writes in a channel follows the
// question's language, then the server's.
func WithGuildLocale(ctx context.Context, l discordgo.Locale) context.Context {
	return context.WithValue(ctx, guildLocaleKey{}, l)
}

func guildLocaleOf(ctx context.Context) discordgo.Locale {
	l, _ := ctx.Value(guildLocaleKey{}).(discordgo.Locale)
	return l
}

// answerLang is the language to answer res in: the question's when it is
// French or Russian, else the member's (ui).
func answerLang(res qa.Result, ui string) string {
	if res.Lang == "fr" || res.Lang == "ru" {
		return res.Lang
	}
	return ui
}

// localizations returns message id in every language but English, keyed by
// Discord locale, for a command's name or description.
func localizations(id string) *map[discordgo.Locale]string {
	m := make(map[discordgo.Locale]string, len(discordLocales))
	for lang, loc := range discordLocales {
		m[loc] = textsIn(lang).get(id)
	}
	return &m
}
