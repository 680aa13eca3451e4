package qa

// Chat abbreviations: Discord users type "wat did macron say abt lawyers",
// "whn was the convo", "y did he call". Each abbreviation is read as the
// word it stands for before anything else looks at the text, so question
// words keep their kind ("whn" asks when) and stopwords stay stopwords
// ("abt" is "about", not an unknown content word counting against the
// question).
//
// The table lives here rather than in knowledge/synonyms.yaml: it is
// knowledge of how people type, true whatever the knowledge set is about;
// synonyms fold content words into one term, while most abbreviations
// stand for question words or stopwords, which are not terms at all. It
// applies to English text only ("y" is a French word, "pres" a hurried
// "près").

// abbrev is one abbreviation: it stands for to, or, when next is set, the
// abbreviation followed by the word next does ("tl;dr" is "tl" "dr"), or,
// with beforeNum, the abbreviation followed by a number, which stays ("art
// 2" is "article 2"; "art" alone is art).
type abbrev struct {
	from, to, next string
	beforeNum      bool
}

// abbrevs lists the abbreviations; index 0 is unused (no abbreviation).
var abbrevs = []abbrev{
	{},
	// question words, with their kind
	{from: "wat", to: "what"}, {from: "wut", to: "what"}, {from: "wht", to: "what"},
	{from: "wot", to: "what"}, {from: "whut", to: "what"}, {from: "wats", to: "whats"},
	{from: "wuts", to: "whats"}, {from: "whn", to: "when"}, {from: "wen", to: "when"},
	{from: "whens", to: "when"}, {from: "wher", to: "where"}, {from: "whr", to: "where"},
	{from: "whre", to: "where"}, {from: "wheres", to: "where"}, {from: "hw", to: "how"},
	{from: "hows", to: "how"}, {from: "whos", to: "who"}, {from: "whys", to: "why"},
	{from: "y", to: "why"},
	// pronouns and function words
	{from: "u", to: "you"}, {from: "ur", to: "your"}, {from: "r", to: "are"},
	{from: "abt", to: "about"}, {from: "abut", to: "about"}, {from: "bc", to: "because"},
	{from: "cuz", to: "because"}, {from: "coz", to: "because"}, {from: "cos", to: "because"},
	{from: "bcuz", to: "because"}, {from: "becuz", to: "because"}, {from: "b4", to: "before"},
	{from: "rn", to: "now"}, {from: "tho", to: "though"}, {from: "thru", to: "through"},
	{from: "smth", to: "something"}, {from: "sth", to: "something"},
	{from: "smthg", to: "something"}, {from: "pls", to: "please"}, {from: "plz", to: "please"},
	{from: "thx", to: "thanks"}, {from: "thnx", to: "thanks"}, {from: "tnx", to: "thanks"},
	{from: "info", to: "information"},
	// content words
	{from: "ppl", to: "people"}, {from: "govt", to: "government"}, {from: "gov", to: "government"},
	{from: "prez", to: "president"}, {from: "pres", to: "president"},
	{from: "convo", to: "conversation"}, {from: "convos", to: "conversations"},
	{from: "vid", to: "video"}, {from: "vids", to: "videos"}, {from: "pic", to: "picture"},
	{from: "pics", to: "pictures"}, {from: "msg", to: "message"}, {from: "msgs", to: "messages"},
	{from: "fav", to: "favourite"}, {from: "fave", to: "favourite"},
	{from: "tldr", to: "summary"}, {from: "tl", to: "summary", next: "dr"},
	{from: "eli5", to: "summary"}, {from: "art", to: "article", beforeNum: true},
}

// keptLetter reports the single letters that are abbreviations: the
// tokenizer drops other single letters.
func keptLetter(c byte) bool { return c == 'u' || c == 'r' || c == 'y' }

// lexAbbrevShift is the lexicon field holding a word's index in abbrevs.
const lexAbbrevShift = lexIntentShift + 4*uint(numLangs)

func (f lexFlags) abbrev() int { return int(f >> lexAbbrevShift) }

// expand rewrites the abbreviations of English text into the words they
// stand for and drops the single letters kept for that, reusing a spare
// buffer for the new text. It runs only when some token is an abbreviation
// or a kept letter (see analysis.run).
func (a *analysis) expand(english bool) {
	buf := a.spare[:0]
	out := a.toks[:0]
	for i := 0; i < len(a.toks); i++ {
		t := a.toks[i]
		w := a.text[t.start:t.end]
		to := ""
		if x := abbrevs[t.lex.abbrev()]; english && x.to != "" {
			switch {
			case x.beforeNum:
				if i+1 < len(a.toks) && a.toks[i+1].num {
					to = x.to
				}
			case x.next == "":
				to = x.to
			case i+1 < len(a.toks) && string(a.word(i+1)) == x.next:
				to = x.to
				i++
			}
		}
		start := int32(len(buf))
		switch {
		case to != "":
			buf = append(buf, to...)
			t.lex = lexOf(buf[start:])
			t.runes = int32(len(to))
		case t.runes == 1 && !t.num:
			continue // a kept letter that stands for nothing here
		default:
			buf = append(buf, w...)
		}
		t.start, t.end = start, int32(len(buf))
		buf = append(buf, ' ')
		out = append(out, t)
	}
	a.spare, a.text = a.text, buf
	a.toks = out
}
