package qa

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	kblexicon "github.com/callbot/callbot/knowledge/lexicon"
)

// Bounds on the work one question can cause. Longer input is cut (at a rune
// boundary) before analysis; Discord messages are at most 2000 characters.
const (
	maxInputBytes = MaxInputBytes
	maxTokens     = 64
)

// MaxInputBytes is how much of a question Ask reads; Result.Reason is
// ReasonTruncated when a longer question is refused.
const MaxInputBytes = 2000

// token is one word or number of an analysed text.
type token struct {
	start, end int32 // byte range in analysis.text
	runes      int32
	cyr        bool  // Cyrillic: analysed as Russian
	num        bool  // a number such as 73.2
	alpha      bool  // letters only
	capital    bool  // written with a capital first letter
	initial    bool  // first of its sentence
	apostS     bool  // an 's followed it, dropped: "that's", "Putin's"
	sent       uint8 // its sentence's number, from 0 (capped at maxSentences-1)
	lex        lexFlags
}

// maxSentences bounds the sentences told apart; later ones count as the last.
const maxSentences = 64

// analysis turns text into folded tokens. Its buffers are reused between
// questions (see scratch), so analysing a question allocates nothing.
type analysis struct {
	norm      []byte  // NFKC form of the input
	text      []byte  // folded tokens, each followed by a space
	spare     []byte  // the buffer expand writes text into next
	toks      []token // the tokens, in order
	fr, en    int     // French and English cues, for the Latin-script language (en counted up to fr)
	capitals  int     // tokens written with a capital first letter
	truncated bool    // the input was longer than maxInputBytes
	trailing  bool    // the input ends inside a word (for autocomplete)
	sents     int     // sentences holding a token
	asks      uint64  // bit s: sentence s ends with a question mark
	// cues are the knowledge's own French cue words (index.frCues), nil
	// while the index is built.
	cues map[string]bool
}

// word returns the folded text of token i.
func (a *analysis) word(i int) []byte {
	t := a.toks[i]
	return a.text[t.start:t.end]
}

// latin returns the language for Latin-script words: French when French
// cues (stopwords, accents, elisions) outnumber English ones.
func (a *analysis) latin() lang {
	if a.fr > a.en {
		return langFR
	}
	return langEN
}

// language names the language the question is read as: "ru" when most of
// its words are Cyrillic, else "fr" or "en" by latin.
func (a *analysis) language() string {
	cyr := 0
	for _, t := range a.toks {
		if t.cyr {
			cyr++
		}
	}
	switch {
	case 2*cyr > len(a.toks):
		return "ru"
	case a.latin() == langFR:
		return "fr"
	}
	return "en"
}

// tokLang returns the language token i is read in: Russian for Cyrillic
// words, else latin's.
func (a *analysis) tokLang(i int) lang {
	if a.toks[i].cyr {
		return langRU
	}
	return a.latin()
}

// foreign reports a French or Russian question.
func (a *analysis) foreign() bool {
	if a.latin() == langFR {
		return true
	}
	for _, t := range a.toks {
		if t.cyr {
			return true
		}
	}
	return false
}

// run analyses s: bound, NFKC-normalise, fold case, quotes and dashes, split
// into tokens and count language cues.
func (a *analysis) run(s string) {
	a.text = a.text[:0]
	a.toks = a.toks[:0]
	a.fr, a.en, a.capitals = 0, 0, 0
	a.truncated, a.trailing = false, false
	a.sents, a.asks = 0, 0
	if len(s) > maxInputBytes {
		cut := maxInputBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
		a.truncated = true
	}
	if isNFKC(s) {
		a.norm = append(a.norm[:0], s...) // already its own NFKC form
	} else {
		a.norm = norm.NFKC.AppendString(a.norm[:0], s)
	}
	a.tokenize(a.norm)
	abbr := false
	for i := range a.toks {
		t := &a.toks[i]
		if t.num {
			continue
		}
		w := a.text[t.start:t.end]
		t.lex = lexOf(w)
		if !t.cyr && (t.lex&lexFrCue != 0 || a.cues[string(w)]) {
			a.fr++
		}
		abbr = abbr || t.lex.abbrev() != 0
	}
	// English cues matter only against French ones (see latin), and only
	// until they are as many. Chat abbreviations of two letters or more
	// are English cues.
	for i := 0; i < len(a.toks) && a.en < a.fr; i++ {
		t := &a.toks[i]
		if !t.cyr && !t.num && t.lex&lexEnAmbiguous == 0 &&
			(t.runes > 1 && t.lex.abbrev() != 0 || isEnglishStop(a.text[t.start:t.end])) {
			a.en++
		}
	}
	if abbr {
		a.expand(a.latin() == langEN)
	}
	a.splitClauses()
}

// tokState is the tokenizer's state within the current word.
type tokState struct {
	in        bool // inside a word
	start     int  // its start in analysis.text
	runes     int
	letters   bool
	digits    bool
	cyr       bool
	afterApos bool   // the word follows an apostrophe ("s" of "Putin's")
	elided    string // the French elision the word follows, when elisionRewrites has it ("d" of "d'après")
	capital   bool   // the word starts with a capital letter
	initial   bool   // the word starts a sentence
	mention   bool   // skipping an @mention
}

func (a *analysis) tokenize(b []byte) {
	var st tokState
	initial := true // at the start of a sentence
	for i := 0; i < len(b) && len(a.toks) < maxTokens; {
		if n := a.fastWordRunes(b, i, &st, &initial); n > 0 {
			i += n
			continue
		}
		r, size := rune(b[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size <= 1 {
				a.endToken(&st)
				i++
				continue
			}
		}
		upper := 'A' <= r && r <= 'Z' || r >= utf8.RuneSelf && unicode.IsUpper(r)
		r = foldRune(r)
		// The next rune matters for a few punctuation marks only.
		switch {
		case r == '<' && isMarkupStart(nextRune(b, i+size)):
			// Discord markup (<@id>, <#id>, <:emoji:id>, </cmd:id>) names
			// nothing the articles discuss.
			a.endToken(&st)
			if j := indexByteWithin(b[i:], '>', 100); j > 0 {
				i += j + 1
				continue
			}
		case r == '%':
			// "73%", "what % did he get": the sign is the word.
			a.endToken(&st)
			st = tokState{in: true, start: len(a.text), letters: true, runes: 7, initial: initial}
			initial = false
			a.text = append(a.text, "percent"...)
			a.endToken(&st)
		case r == '@':
			a.endToken(&st)
			st.mention = true
		case isWordRune(r):
			if st.mention {
				break
			}
			if !st.in {
				st = tokState{in: true, start: len(a.text), afterApos: st.afterApos, elided: st.elided, capital: upper, initial: initial}
				initial = false
			}
			if r < utf8.RuneSelf {
				if r <= '9' {
					st.digits = true
				} else {
					st.letters = true
				}
			} else if unicode.IsDigit(r) {
				st.digits = true
			} else {
				st.letters = true
				if unicode.Is(unicode.Cyrillic, r) {
					st.cyr = true
				} else if isFrenchAccent(r) {
					a.fr++
				}
			}
			st.runes++
			a.text = utf8.AppendRune(a.text, r)
		case r >= 0x300 && unicode.Is(unicode.Mn, r):
			// A combining mark NFKC could not compose: drop it, stay in the word.
		case (r == '.' || r == ',') && st.in && st.digits && !st.letters && isDigitByte(b, i+size):
			a.text = append(a.text, '.') // 73.2, or 73,2 written the French way
		case r == '\'' && st.in && st.letters && !st.digits && unicode.IsLetter(nextRune(b, i+size)):
			if isElision(a.text[st.start:]) {
				// French elision: l'appel -> appel, qu'il -> il.
				el := rewrittenElision(a.text[st.start:])
				a.text = a.text[:st.start]
				st = tokState{elided: el}
				a.fr++
				break
			}
			a.endToken(&st)
			st.afterApos = true
		default:
			a.endToken(&st)
			st.mention = false
			if r == '.' || r == '!' || r == '?' || r == '\n' || r == ':' {
				initial = true
				a.endSentence(r == '?')
			}
		}
		i += size
	}
	if st.in {
		a.trailing = true
	}
	a.endToken(&st)
	a.endSentence(false)
}

// endSentence closes the current sentence, if it holds a token; ask marks
// it a question.
func (a *analysis) endSentence(ask bool) {
	n := len(a.toks)
	if n == 0 || int(a.toks[n-1].sent) < a.sents {
		if ask && a.sents > 0 && n > 0 && int(a.toks[n-1].sent) == a.sents-1 {
			a.asks |= 1 << (a.sents - 1) // "why??": the marks after the first
		}
		return
	}
	if ask {
		a.asks |= 1 << a.sents
	}
	if a.sents < maxSentences-1 {
		a.sents++
	}
}

// fastWordRunes handles the bulk of every text: a run of ASCII letters
// and digits and basic Cyrillic letters other than ё, from b[i] and outside
// a mention. It returns the bytes it consumed, 0 if b[i] is anything else;
// the general case in tokenize treats these runes the same way.
func (a *analysis) fastWordRunes(b []byte, i int, st *tokState, initial *bool) int {
	if st.mention {
		return 0
	}
	start := i
	for i < len(b) {
		c := b[i]
		r, size, upper := rune(c), 1, 'A' <= c && c <= 'Z'
		switch {
		case c < utf8.RuneSelf:
			if !isAlnumByte(c) {
				return i - start
			}
		case (c == 0xd0 || c == 0xd1) && i+1 < len(b) && b[i+1]&0xc0 == 0x80:
			r, size = rune(c&0x1f)<<6|rune(b[i+1]&0x3f), 2
			if r < 0x410 || r > 0x44f {
				return i - start
			}
			upper = r < 0x430
		default:
			return i - start
		}
		if !st.in {
			*st = tokState{in: true, start: len(a.text), afterApos: st.afterApos, elided: st.elided, capital: upper, initial: *initial}
			*initial = false
		}
		switch {
		case size == 2:
			st.letters, st.cyr = true, true
			if upper {
				r += 0x20
			}
			a.text = append(a.text, byte(0xc0|r>>6), byte(0x80|r&0x3f))
		case c <= '9':
			st.digits = true
			a.text = append(a.text, c)
		default:
			st.letters = true
			a.text = append(a.text, c|0x20)
		}
		st.runes++
		i += size
	}
	return i - start
}

// endToken closes the current word, dropping single letters and English
// clitics ('s, 't, 're, …).
func (a *analysis) endToken(st *tokState) {
	if !st.in {
		st.afterApos, st.elided = false, ""
		return
	}
	w := a.text[st.start:]
	// Single letters are dropped, but for the few that are chat
	// abbreviations ("y did he call"): expand reads or drops those.
	// Russian "а" and "и" open follow-ups ("а войска?"), so Cyrillic
	// letters stay: the stopword list drops them from matching.
	drop := (st.runes == 1 && !st.digits && !st.cyr && !keptLetter(w[0])) || (st.afterApos && isClitic(w))
	if st.elided != "" {
		for _, r := range elisionRewrites {
			if r.elision == st.elided && (string(w) == r.word || r.prefix && bytes.HasPrefix(w, []byte(r.word))) {
				a.text = append(a.text[:st.start], r.to...)
				st.runes = utf8.RuneCountInString(r.to)
				break
			}
		}
	}
	if drop || len(a.toks) >= maxTokens {
		if st.afterApos && string(w) == "s" && len(a.toks) > 0 {
			a.toks[len(a.toks)-1].apostS = true
		}
		a.text = a.text[:st.start]
	} else {
		a.toks = append(a.toks, token{
			start: int32(st.start), end: int32(len(a.text)), runes: int32(st.runes),
			cyr: st.cyr, num: st.digits && !st.letters, alpha: st.letters && !st.digits,
			capital: st.capital, initial: st.initial, sent: uint8(a.sents),
		})
		if st.capital && !st.initial {
			a.capitals++
		}
		a.text = append(a.text, ' ') // text is then the folded question, a key for exact matches
	}
	*st = tokState{}
}

// foldRune lower-cases r and folds typographic apostrophes and dashes and
// the Russian ё.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		if r == '`' {
			return '\''
		}
		return r
	}
	switch r {
	case '\u2019', '\u2018', '\u02bc', '\u2032', '\u201b', '\u00b4':
		return '\''
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
		return '-'
	case 'ё', 'Ё':
		return 'е'
	}
	return unicode.ToLower(r)
}

// isWordRune reports letters and digits, with an ASCII fast path.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' // already folded
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func nextRune(b []byte, i int) rune {
	if i >= len(b) {
		return 0
	}
	r, _ := utf8.DecodeRune(b[i:])
	return foldRune(r)
}

// isAlnumByte reports ASCII letters and digits.
func isAlnumByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isDigitByte(b []byte, i int) bool {
	return i < len(b) && '0' <= b[i] && b[i] <= '9'
}

func isMarkupStart(r rune) bool {
	return r == '@' || r == '#' || r == ':' || r == '/' || r == 'a'
}

func indexByteWithin(b []byte, c byte, limit int) int {
	for i := 0; i < len(b) && i < limit; i++ {
		if b[i] == c {
			return i
		}
	}
	return -1
}

// isNFKC reports text made only of ASCII and nfkcStable runes, which is
// its own NFKC form: normalising it is the slow part of analysing it.
func isNFKC(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !nfkcStable(r) {
			return false
		}
		i += n
	}
	return true
}

// nfkcStable reports common non-ASCII runes of English, French and Russian
// text (Latin-1 and Latin Extended-A letters, basic Cyrillic, typographic
// quotes and dashes) that NFKC keeps and that combine with nothing before
// them (quick check Yes, combining class 0): text made of them is NFKC.
// TestNFKCStable checks every rune listed against the norm tables.
func nfkcStable(r rune) bool {
	switch {
	case r >= 0x400:
		return r <= 0x45f || 0x2018 <= r && r <= 0x2023 || 0x2012 <= r && r <= 0x2016 || r == 0x2010
	case r >= 0xbf:
		return r <= 0x131 || 0x134 <= r && r <= 0x13e || 0x141 <= r && r <= 0x148 || 0x14a <= r && r <= 0x17e
	}
	return r == 0xab || r == 0xbb
}

// elisionRewrites are the French words whose meaning an elision before them
// changes, read as the word they then mean.
var elisionRewrites = []struct {
	elision, word string
	prefix        bool // word is a prefix: any form of the verb
	to            string
}{
	// "d'après" is "according to", "selon"; "après" alone is "after".
	{"d", "après", false, "selon"},
	// "s'appelle" is "is named", not "calls": its stem would be the
	// call's ("appel"). "il s'appelle comment ?" asks a name.
	{"s", "appel", true, "nomme"},
}

// rewrittenElision returns elided word w as elisionRewrites names it ("d",
// "s"), or "" when no rewrite follows it.
func rewrittenElision(w []byte) string {
	for _, r := range elisionRewrites {
		if string(w) == r.elision {
			return r.elision
		}
	}
	return ""
}

// isElision reports French elided words written before an apostrophe
// (knowledge/lexicon.Elision, which the synonym check reads the same way).
func isElision(w []byte) bool { return kblexicon.Elision(string(w)) }

// isClitic reports English contractions written after an apostrophe.
func isClitic(w []byte) bool {
	switch string(w) {
	case "s", "t", "re", "ve", "ll", "d", "m":
		return true
	}
	return false
}
