package bot

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"go.yaml.in/yaml/v3"

	"github.com/callbot/callbot/qa"
)

// pluralForms are the CLDR plural forms each language's messages need.
var pluralForms = map[string][]string{"en": {"one", "other"}, "fr": {"one", "other"}, "ru": {"few", "many", "one", "other"}}

// TestLocalesComplete fails when a message is missing in a language, a
// plural lacks a form its language needs, or the code asks for a message
// no file has.
func TestLocalesComplete(t *testing.T) {
	t.Parallel()
	files := map[string]map[string]any{}
	for _, lang := range Langs {
		b, err := os.ReadFile(filepath.Join("locales", lang+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := yaml.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		files[lang] = m
	}
	en := slices.Sorted(maps.Keys(files["en"]))
	for _, lang := range Langs {
		got := slices.Sorted(maps.Keys(files[lang]))
		for _, id := range en {
			if _, ok := files[lang][id]; !ok {
				t.Errorf("locales/%s.yaml lacks %q", lang, id)
			}
		}
		for _, id := range got {
			if _, ok := files["en"][id]; !ok {
				t.Errorf("locales/%s.yaml has %q, which en.yaml lacks", lang, id)
			}
		}
		for id, v := range files[lang] {
			plural, ok := v.(map[string]any)
			if !ok {
				continue
			}
			if forms := slices.Sorted(maps.Keys(plural)); !isSuperset(forms, pluralForms[lang]) {
				t.Errorf("locales/%s.yaml %q: got forms %q, want %q", lang, id, forms, pluralForms[lang])
			}
		}
	}
	// Every id the code asks for exists.
	used := regexp.MustCompile(`\.(?:get|count)\("([a-z_]+)"|localizations\("([a-z_]+)"\)|chatCommand\([a-zA-Z]+, "([a-z_]+)"\)`)
	srcs, _ := filepath.Glob("*.go")
	for _, f := range srcs {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllStringSubmatch(string(b), -1) {
			id := m[1] + m[2] + m[3]
			if _, ok := files["en"][id]; !ok {
				t.Errorf("%s asks for message %q, which locales/en.yaml lacks", f, id)
			}
		}
	}
}

func isSuperset(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

func TestLocaleLang(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		locale discordgo.Locale
		want   string
	}{{"fr", "fr"}, {"ru", "ru"}, {"en-US", "en"}, {"en-GB", "en"}, {"de", "en"}, {"", "en"}, {"FR", "fr"}} {
		if got := localeLang(tt.locale); got != tt.want {
			t.Errorf("localeLang(%q) = %q, want %q", tt.locale, got, tt.want)
		}
	}
}

func TestPlurals(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 second."}, {"en", 2, "2 seconds."},
		{"fr", 1, "1 seconde."}, {"fr", 5, "5 secondes."},
		{"ru", 1, "1 секунду."}, {"ru", 3, "3 секунды."}, {"ru", 5, "5 секунд."}, {"ru", 21, "21 секунду."},
	} {
		if got := textsIn(tt.lang).count("rate_notice", tt.n); !strings.HasSuffix(got, tt.want) {
			t.Errorf("%s rate_notice(%d) = %q, want it to end %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

// TestInteractionLocale answers in the member's language: the texts the
// bot writes itself by the interaction's locale, the answer by the
// question's language first.
func TestInteractionLocale(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := time.Now()
	b, _, _ := newTestBot(t, Config{RateLimit: 1, Now: func() time.Time { return clock }})
	fr := func(i *discordgo.Interaction) *discordgo.Interaction { i.Locale = discordgo.French; return i }
	ru := func(i *discordgo.Interaction) *discordgo.Interaction { i.Locale = discordgo.Russian; return i }

	resp := b.HandleInteraction(ctx, fr(command(cmdAsk, strOpt(optQuestion, "what is the weather"))))
	if got := mustJSON(t, resp.Data); !strings.Contains(got, textsIn("fr").get("refusal_footer", "Footer", "x")[3:]) {
		t.Errorf("French refusal: got %s, want the French footer", got)
	}
	resp = b.HandleInteraction(ctx, fr(command(cmdAsk, strOpt(optQuestion, "again"))))
	if got, want := resp.Data.Content, textsIn("fr").count("rate_notice", 30); got != want {
		t.Errorf("French rate notice: got %q, want %q", got, want)
	}
	resp = b.HandleInteraction(ctx, ru(command(cmdTopics)))
	if got := resp.Data.Embeds[0].Title; got != "Темы" {
		t.Errorf("Russian /topics title: got %q, want Темы", got)
	}
	resp = b.HandleInteraction(ctx, ru(command(cmdAbout)))
	if got := resp.Data.Embeds[0].Title; got != "О callbot" {
		t.Errorf("Russian /about title: got %q, want О callbot", got)
	}
	resp = b.HandleInteraction(ctx, command(cmdSources))
	if got := resp.Data.Embeds[0].Title; got != "Sources" {
		t.Errorf("English /sources title: got %q", got)
	}
}

func TestCommandsLocalized(t *testing.T) {
	t.Parallel()
	name := regexp.MustCompile(`^[-_\p{L}\p{N}]{1,32}$`)
	for _, c := range Commands(testAbout) {
		if c.Type == discordgo.MessageApplicationCommand {
			if c.NameLocalizations == nil || (*c.NameLocalizations)[discordgo.French] == "" || (*c.NameLocalizations)[discordgo.Russian] == "" {
				t.Errorf("%s: got name localizations %v, want French and Russian", c.Name, c.NameLocalizations)
			}
			continue
		}
		if c.NameLocalizations == nil || c.DescriptionLocalizations == nil {
			t.Errorf("%s: no localizations", c.Name)
			continue
		}
		for _, loc := range []discordgo.Locale{discordgo.French, discordgo.Russian} {
			n := (*c.NameLocalizations)[loc]
			if !name.MatchString(n) || strings.ToLower(n) != n {
				t.Errorf("%s: %s name %q breaks Discord's rule", c.Name, loc, n)
			}
			if d := (*c.DescriptionLocalizations)[loc]; d == "" || len([]rune(d)) > 100 {
				t.Errorf("%s: %s description %q, want 1..100 characters", c.Name, loc, d)
			}
			for _, o := range c.Options {
				if n := o.NameLocalizations[loc]; !name.MatchString(n) || strings.ToLower(n) != n {
					t.Errorf("%s %s: %s name %q breaks Discord's rule", c.Name, o.Name, loc, n)
				}
				if d := o.DescriptionLocalizations[loc]; d == "" || len([]rune(d)) > 100 {
					t.Errorf("%s %s: %s description %q", c.Name, o.Name, loc, d)
				}
			}
		}
	}
}

// TestMessageLanguage: a post in a channel is in the question's language,
// else the server's preferred one.
func TestMessageLanguage(t *testing.T) {
	t.Parallel()
	b, ans, _ := newTestBot(t, Config{})
	ans.ask = func(q string) qa.Result {
		return qa.Result{Question: q, Lang: map[string]string{"quand ?": "fr", "when?": "en"}[q]}
	}
	fr := WithGuildLocale(context.Background(), discordgo.French)
	for _, tt := range []struct {
		ctx     context.Context
		content string
		want    string
	}{
		{context.Background(), "<@999> quand ?", "le bot ne devine jamais"},
		{fr, "<@999> when?", "the bot never guesses"},
		{fr, "<@999>", oneLine(b.set.HintIn("fr"))},
	} {
		out := b.HandleMessage(tt.ctx, guildMsg("c1", tt.content, self), self)
		if got := mustJSON(t, out); !strings.Contains(got, tt.want) {
			t.Errorf("%q: got %s, want it to hold %q", tt.content, got, tt.want)
		}
	}
}
