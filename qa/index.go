package qa

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/callbot/callbot/knowledge"
)

// Special term ids.
const (
	skipTerm    int32 = -1 // a stopword or filler: ignored
	unknownTerm int32 = -2 // a word the index has never seen
	unknownNum  int32 = -3 // a number the index has never seen
	unknownName int32 = -4 // a capitalised word the index has never seen: a name
)

// isUnknown reports the ids of words and numbers the index has never seen.
func isUnknown(id int32) bool { return id <= unknownTerm }

// termInfo describes one term of the index.
type termInfo struct {
	display string  // a surface form, for Result.Matched
	weight  float32 // BM25 idf over entries, or tuning.intentWeight
	df      int32   // entries whose question side or evidence holds it
	short   bool    // a number of one or two digits
	entity  bool    // a name: written capitalised inside a sentence of an answer or quote
}

// doc is one distinct analysed phrasing of an entry.
type doc struct {
	entry      int32
	start, end int32   // its sorted term ids in index.docTerms
	total      float32 // sum of its term weights
}

// evHit is one entry whose answer or quotes hold a term.
type evHit struct {
	entry  int32
	factor float32
}

// qterm is a term of a question (or phrasing) with its match multiplier
// (below 1 for typo corrections).
type qterm struct {
	id   int32
	mult float32
	// context marks a term from outside the sentence that asks (see
	// collect): it weighs tuning.contextMult of its weight.
	context bool
	// prior marks a term of the question a follow-up follows (see
	// AskAfter): it weighs fully, but the answer need not explain it.
	prior bool
	// head marks the verb of a question asking what was said (see contentVerb).
	head bool
}

type phraseKey [3]int32

// index is the immutable search structure built from a knowledge set.
type index struct {
	terms []termInfo
	keys  map[string]int32 // stem, number or synonym key -> term
	// surface maps every folded word the index saw to its row of
	// surfTerms, its term (or skipTerm) in each language or noTerm: known
	// words never reach snowball.
	surface   map[string]int32
	surfTerms [][numLangs]int32
	phrases   map[phraseKey]int32 // multi-word synonyms -> term
	// phraseFirst holds the sorted first terms of phrases: most terms
	// start none, and need no lookup.
	phraseFirst []int32
	exact       map[string]int32 // folded stored phrasing -> entry
	// sameTerms maps the terms of every stored phrasing, in order, to its
	// entry, or -1 when phrasings of two entries have the same terms.
	sameTerms map[termsKey]int32
	// ruPrefix maps the first cyrPrefixRunes runes of Russian stems to
	// their term, or -1 when two terms share them: snowball leaves many
	// Russian inflections and derived forms apart.
	ruPrefix map[string]int32
	// entIntents holds, per entry, the question words (1<<intent) its
	// phrasings use: the kinds of question it answers.
	entIntents []uint16
	// entUnsaid marks the entries for what the sources do not say.
	entUnsaid []bool
	// frCues are words of the knowledge's French phrasings that mark a
	// question as French (see builder.frenchCues).
	frCues map[string]bool
	// entNumbers marks the entries whose answer or quotes state a number:
	// only they can answer "how many".
	entNumbers []bool
	// entYears marks the entries whose answer states a year.
	entYears []bool

	docs     []doc
	docTerms []int32
	// docSubject holds, per doc, the term after its first auxiliary, -1
	// without one (subject.go).
	docSubject []int32
	postStart  []int32 // docs of term t: post[postStart[t]:postStart[t+1]]
	post       []int32
	evStart    []int32 // evidence of term t: ev[evStart[t]:evStart[t+1]]
	ev         []evHit
	entStart   []int32 // entries whose question side holds term t (autocomplete)
	ent        []int32

	vocab      []vocabWord // every surface form, sorted by word
	vocabRunes []rune
	byLen      []int32 // vocab indexes ordered by rune count
	byLenStart []int32 // byLen[byLenStart[n]:byLenStart[n+1]] have n runes

	unknownWeight float32 // weight of a word the index has never seen
	tuning        tuning
}

// builder holds the state of one index build.
type builder struct {
	ix      *index
	an      analysis
	seq     []qterm
	recs    []wordRec         // surface forms, by row (see words.go)
	evCache map[string]evText // analysed answer or quote text: quotes are cited by many entries
	docLang []lang            // declared language of each doc
	caps    map[int32]int32   // term -> capitalised uses inside sentences, negative once seen in lower case
	// frSeen counts, per Latin-script word of French phrasings, the entries
	// using it (n, negative once an English phrasing uses it) and the last
	// entry counted.
	frSeen map[string]*cueCount
}

type cueCount struct{ n, last int32 }

func buildIndex(set *knowledge.Set, tu tuning) *index {
	// Map sizes as shares of the phrasing count, measured on the curated set
	// (1,444 phrasings: 1,257 keys, 1,173 English, 682 French and 480
	// Russian surface forms, 1,551 distinct words): growing maps showed up
	// in build profiles, and so did allocating maps far too big.
	nDocs, nEv := 0, 0
	for i := range set.Entries {
		en := &set.Entries[i]
		nDocs += 1 + len(en.Phrasings) + len(en.French) + len(en.Russian)
		nEv += 1 + len(en.Citations)
	}
	ix := &index{
		keys: make(map[string]int32, nDocs), phrases: make(map[phraseKey]int32, 8),
		exact: make(map[string]int32, nDocs), sameTerms: make(map[termsKey]int32, nDocs), ruPrefix: make(map[string]int32, nDocs/4), tuning: tu,
		docs: make([]doc, 0, nDocs), surface: make(map[string]int32, nDocs*3/2),
		surfTerms: make([][numLangs]int32, 0, nDocs*3/2), docTerms: make([]int32, 0, 3*nDocs),
	}
	b := &builder{
		ix: ix, recs: make([]wordRec, 0, nDocs*3/2), evCache: make(map[string]evText, nEv),
		docLang: make([]lang, 0, nDocs), caps: make(map[int32]int32, 64),
		frSeen: make(map[string]*cueCount, nDocs),
	}
	for in := intent(0); in < numIntents; in++ {
		b.term(intentKeys[in], strings.TrimPrefix(intentKeys[in], "?"))
	}
	for l := range numLangs {
		for w, in := range intentWords[l] {
			b.setSurf(w, l, int32(in)) // so typos and prefixes can reach them
		}
	}
	b.synonyms(set.Synonyms)

	// Question side: every phrasing, analysed as its declared language and,
	// when detection disagrees, also as detected, so a stored phrasing asked
	// verbatim is analysed exactly as it was indexed.
	var evidence [][]qterm
	for ei := range set.Entries {
		en := &set.Entries[ei]
		first := len(ix.docs)
		add := func(text string, declared lang) {
			b.an.run(text)
			b.cueWords(int32(ei), declared)
			if _, dup := ix.exact[string(b.an.text)]; !dup && len(b.an.toks) > 0 {
				ix.exact[string(b.an.text)] = int32(ei)
			}
			b.addDoc(int32(ei), first, b.an.latin(), declared)
			if declared != langRU && declared != b.an.latin() {
				b.addDoc(int32(ei), first, declared, declared)
			}
		}
		add(en.Question, langEN)
		for _, p := range en.Phrasings {
			add(p, langEN)
		}
		for _, p := range en.French {
			add(p, langFR)
		}
		for _, p := range en.Russian {
			add(p, langRU)
		}
		ev, num := b.evidence(nil, en.Answer, 1)
		for _, c := range en.Citations {
			var n bool
			ev, n = b.evidence(ev, c.Quote, tu.quoteFactor)
			num = num || n
		}
		evidence = append(evidence, ev)
		ix.entNumbers = append(ix.entNumbers, num)
		ix.entYears = append(ix.entYears, statesYear(en.Answer))
		ix.entUnsaid = append(ix.entUnsaid, en.Unsaid)
	}
	for id, n := range b.caps {
		ix.terms[id].entity = n > 0
	}
	b.frenchCues()
	b.weigh(len(set.Entries), evidence)
	b.vocabulary()
	return ix
}

// minCueEntries is how many entries' French phrasings must use a word, and
// no English phrasing, for it to mark a question as French.
const minCueEntries = 3

// cueWords counts the Latin-script words of the analysed phrasing of entry
// e, declared in language l, for frenchCues.
func (b *builder) cueWords(e int32, l lang) {
	if l == langRU {
		return
	}
	for i, t := range b.an.toks {
		if t.cyr || t.num {
			continue
		}
		c := b.frSeen[string(b.an.word(i))]
		if c == nil {
			c = &cueCount{last: -1}
			b.frSeen[string(b.an.word(i))] = c
		}
		switch {
		case l == langEN:
			c.n = -1
		case c.n >= 0 && c.last != e:
			c.n++
			c.last = e
		}
	}
}

// frenchCues keeps, as cues that a question is French, the words of the
// knowledge's French phrasings that no English phrasing uses ("poutine",
// "appel"): the story's own vocabulary belongs to the knowledge set, not
// to the fixed cue list of frCues.
func (b *builder) frenchCues() {
	b.ix.frCues = make(map[string]bool)
	for w, c := range b.frSeen {
		if c.n >= minCueEntries && lexOf([]byte(w))&lexFrCue == 0 && !isEnglishStop([]byte(w)) {
			b.ix.frCues[w] = true
		}
	}
}

// synonyms registers the synonym groups: every single-word member, in every
// language, and its stem fold to the group's first word; multi-word members
// (up to three content words) become phrases.
func (b *builder) synonyms(groups [][]string) {
	ix := b.ix
	canon := make([]int32, len(groups))
	type multi struct {
		group int
		text  string
	}
	var multis []multi // multi-word members, resolved once all single words are known
	for gi, g := range groups {
		canon[gi] = -1
		if len(g) == 0 {
			continue
		}
		b.an.run(g[0])
		if len(b.an.toks) == 0 {
			continue
		}
		display := strings.ToLower(strings.Join(strings.Fields(g[0]), " "))
		canon[gi] = b.term("="+display, display)
		for _, m := range g {
			b.an.run(m)
			if len(b.an.toks) != 1 {
				if len(b.an.toks) > 1 {
					multis = append(multis, multi{gi, m})
				}
				continue
			}
			w := string(b.an.word(0))
			for l := range numLangs {
				if (l == langRU) != b.an.toks[0].cyr {
					continue
				}
				if _, ok := ix.surf(b.an.word(0), l); !ok {
					b.setSurf(w, l, canon[gi])
				}
				if b.an.toks[0].num {
					continue
				}
				// French stems only for French-looking words: the French
				// stemmer folds "agreement" and "agree" together.
				if l == langFR && !hasFrenchAccent(w) {
					continue
				}
				st := stem(w, l)
				if _, ok := ix.keys[st]; !ok {
					ix.keys[st] = canon[gi]
				}
				if l == langRU {
					b.prefix(st, canon[gi])
				}
			}
		}
	}
	for _, m := range multis {
		if canon[m.group] < 0 {
			continue
		}
		b.an.run(m.text)
		b.seq = collect(&b.an, b.an.latin(), b, b.seq[:0], -1)
		switch len(b.seq) {
		case 2:
			b.phrase(phraseKey{b.seq[0].id, b.seq[1].id, -1}, canon[m.group])
		case 3:
			b.phrase(phraseKey{b.seq[0].id, b.seq[1].id, b.seq[2].id}, canon[m.group])
		}
	}
}

// addDoc indexes the analysed text as a phrasing of entry, unless the entry
// (whose docs start at first) already has one with the same terms.
func (b *builder) addDoc(entry int32, first int, latin, declared lang) {
	ix := b.ix
	b.seq = collect(&b.an, latin, b, b.seq[:0], -1)
	b.seq = ix.foldPhrases(b.seq)
	b.seq = dedupe(b.seq)
	if len(b.seq) == 0 {
		return
	}
	if k, ok := keyOf(b.seq); ok {
		e := entry
		if old, seen := ix.sameTerms[k]; seen && old != entry {
			e = -1
		}
		ix.sameTerms[k] = e
	}
	start := int32(len(ix.docTerms))
	for _, q := range b.seq {
		ix.docTerms = append(ix.docTerms, q.id)
	}
	terms := ix.docTerms[start:]
	slices.Sort(terms)
	for _, d := range ix.docs[first:] {
		if slices.Equal(ix.docTerms[d.start:d.end], terms) {
			ix.docTerms = ix.docTerms[:start]
			return
		}
	}
	ix.docs = append(ix.docs, doc{entry: entry, start: start, end: int32(len(ix.docTerms))})
	ix.docSubject = append(ix.docSubject, subjectTerm(&b.an, -1, b))
	b.docLang = append(b.docLang, declared)
}

// maxKeyTerms is the most terms of a phrasing in sameTerms: a longer
// question says more than any stored phrasing needs to match it whole.
const maxKeyTerms = 12

// termsKey is the distinct terms of a phrasing, in the order the text has
// them: "what did Biden say about meeting Putin" is not "what did Putin say
// about meeting Biden".
type termsKey struct {
	n   uint8
	ids [maxKeyTerms]int32
}

// keyOf returns the termsKey of seq, or false when it has too many terms.
func keyOf(seq []qterm) (termsKey, bool) {
	var k termsKey
	if len(seq) > maxKeyTerms {
		return k, false
	}
	for i, q := range seq {
		k.ids[i] = q.id
	}
	k.n = uint8(len(seq))
	return k, true
}

// evidence adds the terms of an answer or quote to ev with factor, keeping
// the largest factor per term.
func (b *builder) evidence(ev []qterm, text string, factor float32) ([]qterm, bool) {
	et, ok := b.evCache[text]
	if !ok {
		b.an.run(text)
		et.num = hasNumber(&b.an)
		et.seq = collect(&b.an, b.an.latin(), b, nil, -1)
		et.seq = b.ix.foldPhrases(et.seq)
		b.evCache[text] = et
		b.names()
	}
	for _, q := range et.seq {
		if q.id < int32(numIntents) {
			continue // "when" in an answer is not a when-question
		}
		i := slices.IndexFunc(ev, func(e qterm) bool { return e.id == q.id })
		if i < 0 {
			ev = append(ev, qterm{id: q.id, mult: factor})
		} else {
			ev[i].mult = max(ev[i].mult, factor)
		}
	}
	return ev, et.num
}

// evText is an analysed answer or quote.
type evText struct {
	seq []qterm
	num bool // it states a number
}

// resolve maps a word to its term, creating terms for new stems.
func (b *builder) resolve(w []byte, l lang, t token) qterm {
	ix := b.ix
	ri, known := ix.surface[string(w)]
	var s string
	if known {
		if id := ix.surfTerms[ri][l]; id != noTerm {
			b.recs[ri].count++
			return qterm{id: id, mult: 1}
		}
		s = b.recs[ri].word // seen in another language
	} else {
		s = string(w)
	}
	var id int32
	switch {
	case t.num:
		id = b.term(s, s)
		ix.terms[id].short = len(s) <= 2
	case l == langRU:
		if isRuListStop(s) && !keptStops[s] {
			id = skipTerm
			break
		}
		st := stem(s, l)
		if isStopStem(s, st, l) {
			id = skipTerm
			break
		}
		id = b.term(st, s)
		b.prefix(st, id)
	case isStop(s, l):
		id = skipTerm
	default:
		id = b.term(stem(s, l), s)
	}
	b.recs[b.setSurf(s, l, id)].count++
	return qterm{id: id, mult: 1}
}

// prefix records the Russian stem st of term id in ix.ruPrefix.
func (b *builder) prefix(st string, id int32) {
	k := cyrPrefix(st)
	if old, ok := b.ix.ruPrefix[k]; ok && old != id {
		id = -1
	}
	b.ix.ruPrefix[k] = id
}

// cyrPrefixRunes is how many leading runes of a Russian stem identify it
// for the prefix fallback.
const cyrPrefixRunes = 5

// cyrPrefix returns the first cyrPrefixRunes runes of s.
func cyrPrefix(s string) string {
	n := 0
	for i := range s {
		if n == cyrPrefixRunes {
			return s[:i]
		}
		n++
	}
	return s
}

// term returns the term for key, creating it with a display form if new.
func (b *builder) term(key, display string) int32 {
	ix := b.ix
	if id, ok := ix.keys[key]; ok {
		return id
	}
	id := int32(len(ix.terms))
	ix.terms = append(ix.terms, termInfo{display: display})
	ix.keys[key] = id
	return id
}

// runesOf decodes w into buf.
func runesOf(buf []rune, w []byte) []rune {
	buf = buf[:0]
	for len(w) > 0 {
		r, n := utf8.DecodeRune(w)
		buf = append(buf, r)
		w = w[n:]
	}
	return buf
}

// statesYear reports whether text holds a year of 1900 to 2099 as a word
// of its own.
func statesYear(text string) bool {
	digit := func(i int) bool { return '0' <= text[i] && text[i] <= '9' }
	word := func(i int) bool {
		return i >= 0 && i < len(text) && (digit(i) || 'a' <= text[i]|0x20 && text[i]|0x20 <= 'z')
	}
	for i := 0; i+4 <= len(text); i++ {
		if (text[i:i+2] == "19" || text[i:i+2] == "20") && digit(i+2) && digit(i+3) && !word(i-1) && !word(i+4) {
			return true
		}
	}
	return false
}
