package knowledge

import (
	"regexp"
	"slices"
	"strings"
)

// A translation must say what the English says and no more. Meaning cannot
// be checked by a program, but three ways a translation goes wrong can:
// a Yes or No the English does not open with (or the opposite one), a
// claim by one side that the English attributes and the translation states
// as fact, and a number, date or share that is not the English's.

// attributionMarkers are the words that attribute a claim, by language:
// an English answer holding one needs a translation holding one.
var attributionMarkers = map[string][]string{
	"en": {"claim", "said", "says", "saying", "told", "according to", "reportedly", "accus", "insist", "argu", "alleg", "assert", "describ", "replied", "retort", "quot", "attribut"},
	"fr": {"affirm", "selon", "a dit", "dit", "déclar", "prétend", "aurait", "accus", "soutien", "insist", "répon", "répliqu", "qualifi", "traité", "cité", "attribu", "demand", "décrit", "parl", "assur", "estim", "accord"},
	"ru": {"заяв", "утвержд", "сказал", "по словам", "по данным", "якобы", "обвин", "настаива", "ответ", "назва", "назвал", "говор", "цитир", "приписыва", "спросил", "утвержда", "описал", "по мнению", "возраз", "сообща"},
}

// quotedRe finds text in quotation marks: straight, curly or guillemets.
var quotedRe = regexp.MustCompile(`["“”«»„]\s*([^"“”«»„]+?)\s*["“”«»„]`)

// numberRe finds numbers: digits with an optional decimal part, either
// separator.
var numberRe = regexp.MustCompile(`\d+(?:[.,]\d+)?`)

func (c *checker) translations() {
	for _, e := range c.set.Entries {
		for _, lang := range sortedKeys(e.Translations) {
			t := e.Translations[lang]
			if !slices.Contains(TranslationLangs, lang) {
				c.add(e.Pos, "entry %s: translation %q: want one of %s, the languages the bot reads besides English", e.ID, lang, strings.Join(TranslationLangs, ", "))
				continue
			}
			c.required(e.Pos, "entry "+e.ID+" translation "+lang, [2]string{"question", t.Question}, [2]string{"answer", t.Answer})
			if t.Answer == "" {
				continue
			}
			for _, m := range translationProblems(e.Answer, t.Answer, lang) {
				c.add(e.Pos, "entry %s: %s translation: %s", e.ID, lang, m)
			}
		}
	}
}

// translationProblems holds a translated answer against the English one.
func translationProblems(en, tr, lang string) []string {
	var out []string
	enYN, enBare := bareYesNo(en)
	trYN, trBare := bareYesNo(tr)
	switch {
	case trBare && !enBare:
		out = append(out, "opens with a bare "+quoteWord(trYN)+" that the English answer does not have; state the fact as the English does")
	case trBare && polarity(trYN) != polarity(enYN):
		out = append(out, "opens with "+quoteWord(trYN)+", the English with "+quoteWord(enYN)+": the opposite answer")
	case enBare && !trBare:
		out = append(out, "the English opens with "+quoteWord(enYN)+"; open with the same answer")
	}
	if hasMarker(en, "en") && !hasMarker(tr, lang) {
		out = append(out, "the English attributes what is claimed (said, claimed, according to…), the translation has no such word ("+strings.Join(attributionMarkers[lang][:4], ", ")+"…): keep the claim attributed")
	}
	// Quoted words are the sources' own: a translation keeps them as the
	// English answer quotes them (a gloss may follow, unquoted).
	for _, m := range quotedRe.FindAllStringSubmatch(tr, -1) {
		if !strings.Contains(FoldQuote(en), FoldQuote(m[1])) {
			out = append(out, "quotes \""+clip(m[1], 60)+"\", which the English answer does not: keep quoted words in the sources' English, as the English answer quotes them, and gloss them unquoted")
		}
	}
	enNums, trNums := numbers(en), numbers(tr)
	for _, n := range enNums {
		if !slices.Contains(trNums, n) {
			out = append(out, "the English has the number "+n+", the translation does not")
		}
	}
	for _, n := range trNums {
		if !slices.Contains(enNums, n) {
			out = append(out, "the translation has the number "+n+", the English does not: say what the English says and no more")
		}
	}
	return out
}

func polarity(word string) bool {
	switch strings.ToLower(word) {
	case "yes", "oui", "да":
		return true
	}
	return false
}

func quoteWord(w string) string { return `"` + w + `"` }

func hasMarker(s, lang string) bool {
	low := strings.ToLower(s)
	for _, m := range attributionMarkers[lang] {
		if strings.Contains(low, m) {
			return true
		}
	}
	return false
}

// numbers lists the numbers in s, a decimal comma read as a point.
func numbers(s string) []string {
	var out []string
	for _, n := range numberRe.FindAllString(s, -1) {
		out = append(out, strings.ReplaceAll(n, ",", "."))
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
