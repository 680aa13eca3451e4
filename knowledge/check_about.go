package knowledge

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// maxSummary is Discord's limit for a command description, which the
// summary becomes.
const maxSummary = 100

// about reports empty texts of about.yaml and a summary Discord would reject.
func (c *checker) about() {
	a := c.set.About
	pos := a.Pos
	if pos.File == "" {
		pos = Pos{File: "about.yaml", Line: 1}
	}
	c.required(pos, "about", [2]string{"summary", a.Summary}, [2]string{"description", a.Description},
		[2]string{"hint", a.Hint}, [2]string{"refusal", a.Refusal}, [2]string{"suggest", a.Suggest},
		[2]string{"footer", a.Footer}, [2]string{"languages", a.Languages})
	if n := utf8.RuneCountInString(a.Summary); n > maxSummary {
		c.add(pos, "about: summary is %d characters, want at most %d (it becomes a slash command's description)", n, maxSummary)
	}
	if a.Hint != "" && !strings.Contains(a.Hint, "{example}") {
		c.add(pos, "about: hint has no {example}; add it where the example question (the first entry of the first topic) should appear")
	}
	for _, lang := range sortedKeys(a.Translations) {
		t := a.Translations[lang]
		if !slices.Contains(TranslationLangs, lang) {
			c.add(pos, "about: translation %q: want one of %s, the languages the bot reads besides English", lang, strings.Join(TranslationLangs, ", "))
			continue
		}
		if n := utf8.RuneCountInString(t.Summary); n > maxSummary {
			c.add(pos, "about: %s summary is %d characters, want at most %d (it becomes a slash command's description)", lang, n, maxSummary)
		}
		if t.Hint != "" && !strings.Contains(t.Hint, "{example}") {
			c.add(pos, "about: %s hint has no {example}; add it where the example question should appear", lang)
		}
	}
	for _, tp := range c.set.Topics {
		for _, lang := range sortedKeys(tp.Titles) {
			if !slices.Contains(TranslationLangs, lang) {
				c.add(tp.Pos, "topic %s: title in %q: want one of %s", tp.ID, lang, strings.Join(TranslationLangs, ", "))
			}
		}
	}
}
