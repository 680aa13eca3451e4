package bot

import "strings"

// zwsp is a zero-width space. Put inside a mention it stops Discord from
// parsing it while the text still reads the same.
const zwsp = "\u200b"

// markdownEscaper backslash-escapes every character Discord's markdown gives
// meaning to, so user text echoed back cannot format, hide or link anything.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, `*`, `\*`, `_`, `\_`, `~`, `\~`, "`", "\\`", `|`, `\|`,
	`>`, `\>`, `#`, `\#`, `-`, `\-`, `[`, `\[`, `]`, `\]`, `(`, `\(`, `)`, `\)`,
)

// mentionNeutralizer breaks @everyone, @here and <@…> user/role mentions.
// AllowedMentions already stops pings; this also stops the text rendering as
// a mention, and protects any path that forgets AllowedMentions.
var mentionNeutralizer = strings.NewReplacer(
	"@everyone", "@"+zwsp+"everyone",
	"@here", "@"+zwsp+"here",
	"<@", "<"+zwsp+"@",
)

// EscapeUserText makes text typed by a user safe to echo inside a message:
// markdown is escaped and mentions are neutralised.
func EscapeUserText(s string) string {
	return mentionNeutralizer.Replace(markdownEscaper.Replace(s))
}
