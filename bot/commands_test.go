package bot

import (
	"regexp"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/callbot/callbot/knowledge"
)

func TestCommands(t *testing.T) {
	t.Parallel()
	name := regexp.MustCompile(`^[-_\p{Ll}\p{N}]{1,32}$`) // Discord's CHAT_INPUT name rule, lower case
	cmds := Commands(testAbout)
	want := map[string]bool{"ask": true, "topics": true, "sources": true, "about": true, "kb": true, "Ask callbot": true}
	if len(cmds) != len(want) {
		t.Errorf("got %d commands, want %d", len(cmds), len(want))
	}
	for _, c := range cmds {
		if !want[c.Name] {
			t.Errorf("unexpected command %q", c.Name)
		}
		if c.Name == cmdMenu {
			// A message command: any case and spaces, no description.
			if c.Type != discordgo.MessageApplicationCommand || c.Description != "" || len(c.Name) > 32 {
				t.Errorf("%s: got type %d, description %q; want a MESSAGE command without one", c.Name, c.Type, c.Description)
			}
			continue
		}
		if c.Type != discordgo.ChatApplicationCommand {
			t.Errorf("%s: got type %d, want CHAT_INPUT", c.Name, c.Type)
		}
		if !name.MatchString(c.Name) {
			t.Errorf("%s: name breaks Discord's rule", c.Name)
		}
		if n := utf8.RuneCountInString(c.Description); n == 0 || n > 100 {
			t.Errorf("%s: description has %d runes, want 1..100", c.Name, n)
		}
		for _, o := range c.Options {
			if !name.MatchString(o.Name) {
				t.Errorf("%s %s: option name breaks Discord's rule", c.Name, o.Name)
			}
			if n := utf8.RuneCountInString(o.Description); n == 0 || n > 100 {
				t.Errorf("%s %s: description has %d runes, want 1..100", c.Name, o.Name, n)
			}
		}
	}
	ask := cmds[0]
	if ask.Name != "ask" || len(ask.Options) != 2 {
		t.Fatalf("got first command %q with %d options, want ask with 2", ask.Name, len(ask.Options))
	}
	q, p := ask.Options[0], ask.Options[1]
	if q.Name != "question" || q.Type != discordgo.ApplicationCommandOptionString || !q.Required || !q.Autocomplete || len(q.Choices) != 0 {
		t.Errorf("question option %+v: want a required string with autocomplete and no fixed choices", q)
	}
	if p.Name != "private" || p.Type != discordgo.ApplicationCommandOptionBoolean || p.Required || p.Autocomplete {
		t.Errorf("private option %+v: want an optional boolean", p)
	}
}

func TestCommandsEqual(t *testing.T) {
	t.Parallel()
	fetched := Commands(testAbout)
	// What Discord returns: ids, versions, reversed order, same content.
	for _, c := range fetched {
		c.ID, c.ApplicationID, c.Version = "1", "2", "3"
	}
	fetched[0], fetched[3] = fetched[3], fetched[0]
	if !CommandsEqual(fetched, Commands(testAbout)) {
		t.Error("got not equal for the same commands as Discord returns them, want equal")
	}
	changes := map[string]func([]*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand{
		"description": func(c []*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand {
			c[0].Description += "!"
			return c
		},
		"option type": func(c []*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand {
			c[0].Options[1].Type = 3
			return c
		},
		"autocomplete": func(c []*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand {
			c[0].Options[0].Autocomplete = false
			return c
		},
		"missing": func(c []*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand { return c[1:] },
		"renamed": func(c []*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand { c[2].Name = "src"; return c },
		"cmd type": func(c []*discordgo.ApplicationCommand) []*discordgo.ApplicationCommand {
			c[1].Type = discordgo.UserApplicationCommand
			return c
		},
	}
	for name, change := range changes {
		if CommandsEqual(change(Commands(testAbout)), Commands(testAbout)) {
			t.Errorf("%s changed: got equal, want not equal", name)
		}
	}
	unset := Commands(testAbout)
	unset[0].Type = 0 // Discord's default type is CHAT_INPUT
	if !CommandsEqual(unset, Commands(testAbout)) {
		t.Error("unset type: got not equal, want equal to CHAT_INPUT")
	}
}

// testSummary is the test set's about.yaml summary (see testSet).
const testSummary = "Ask a question about the test set"

// testAbout is what testSet says of itself, as far as commands use it.
var testAbout = knowledge.About{Summary: testSummary}

// en writes the bot's English texts, for tests to compare with.
var en = textsIn("en")
