package knowledge

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/callbot/callbot/knowledge/lexicon"
)

// Thresholds of the synonym rule. A word is common in English when it is
// among the 20,000 most frequent in OpenSubtitles or tagged at least five
// times in SemCor (about 14 per million words); common in French when it is
// among the 10,000 most frequent French words. A Latin-script word "belongs"
// to the other language when it is ten times more frequent there.
const (
	enCommonRank = 20000
	enCommonTags = 5
	frCommonRank = 10000
	otherLangX   = 10
)

// synonymSenses reports synonym members that fold a different meaning into
// their group (see checkSynonyms).
//
// A member the rule rejects may be kept when synonyms.yaml lists it under
// kept, with why it means the group's word in this set's sources (the
// first article calls the call a "telephone conversation"): the rule
// cannot read the sources, the curator can, and the reason is there for a
// reviewer. A kept word the rule no longer rejects is reported, so the
// list does not outlive its need.
func (c *checker) synonymSenses(lx *lexicon.Lexicon) {
	kept := map[string]*KeptSynonym{}
	used := map[string]bool{}
	for i := range c.set.Kept {
		k := &c.set.Kept[i]
		if strings.TrimSpace(k.Why) == "" {
			c.add(k.Pos, "kept synonym %q: empty field \"why\"; say why it means the group's word in these sources", k.Word)
		}
		kept[strings.ToLower(k.Word)] = k
	}
	for gi, rejected := range checkSynonyms(lx, c.set.Synonyms) {
		pos := Pos{File: "synonyms.yaml", Line: 1}
		if gi < len(c.set.SynonymPos) {
			pos = c.set.SynonymPos[gi]
		}
		for _, r := range rejected {
			if !r.keepable {
				c.add(pos, "%s", r.msg)
				continue
			}
			if k := kept[r.member]; k != nil && strings.TrimSpace(k.Why) != "" {
				used[r.member] = true
				continue
			}
			c.add(pos, "%s; or, if in these sources it means the group's word, list it under kept with why", r.msg)
		}
	}
	for _, k := range c.set.Kept {
		if !used[strings.ToLower(k.Word)] {
			c.add(k.Pos, "kept synonym %q: no member is rejected by that name for a reason kept can overrule (stopwords, shared first names and antonyms it cannot); remove it from kept", k.Word)
		}
	}
}

// rejection is a synonym member the rule rejects, and why.
type rejection struct {
	member, msg string
	keepable    bool // see group.judge
}

// group is a synonym group as the rule sees it.
type group struct {
	lx      *lexicon.Lexicon
	head    string
	members []string // lower case, the head first
	// sense holds the group's English senses: the head's senses that
	// another English member shares or is tied to (all of the head's when
	// none is), and the senses of members tied to those.
	sense []lexicon.Sense
	core  []lexicon.Sense // the head's part of sense
	// lemmas holds the members and the WordNet lemmas they are forms of.
	lemmas map[string]bool
}

// checkSynonyms returns, for each group, one message per member that folds
// another meaning into the group. A member fails when
//
//   - it is a snowball stopword of a language its script applies to;
//   - it is a first name WordNet gives to several people ("vladimir");
//   - it is a common English word (by OpenSubtitles rank or SemCor tag
//     count) that is no form of a member and none of whose WordNet senses is
//     the group's sense or within two pointers of it, through a sense that
//     is not a hub ("home" in a withdraw group); a word that is ten times
//     more frequent in French is reported as a false friend ("fin");
//   - its snowball stem, which the matcher folds as well, is the stem of a
//     common English word that no group claims, that is no form or
//     derivative of a member, and none of whose senses is near the group's
//     ("accord" and "according", "participation" and "participants");
//   - it is an English synonym but ten times more frequent as a French word,
//     so French questions fold it in its French senses ("coup");
//   - it is a WordNet antonym of another member ("illegitimate");
//   - it elides a French article or preposition, which the matcher drops,
//     before a common French word: "d'après" folds every "après" ("after").
//
// Names, transliterations and spellings that WordNet does not list as common
// words pass. Multi-word members are phrases to the matcher and pass;
// Cyrillic members are checked against the Russian stopwords only, since no
// Russian sense or frequency source is at hand.
func checkSynonyms(lx *lexicon.Lexicon, groups [][]string) [][]rejection {
	inGroup := map[string]bool{}
	all := make([]*group, len(groups))
	for gi, members := range groups {
		for _, m := range members {
			inGroup[strings.ToLower(strings.TrimSpace(m))] = true
		}
		all[gi] = newGroup(lx, members)
	}
	out := make([][]rejection, len(groups))
	for gi, g := range all {
		if g == nil {
			continue
		}
		for i, m := range g.members {
			if m == "" || strings.Contains(m, " ") {
				continue
			}
			if why, keepable := g.judge(m, i == 0, inGroup); len(why) > 0 {
				out[gi] = append(out[gi], rejection{m, fmt.Sprintf("synonym %q in group %q: %s", m, g.head, strings.Join(why, "; ")), keepable})
			}
		}
	}
	return out
}

func newGroup(lx *lexicon.Lexicon, members []string) *group {
	if len(members) == 0 {
		return nil
	}
	g := &group{lx: lx, head: strings.ToLower(strings.TrimSpace(members[0])), lemmas: map[string]bool{}}
	for _, m := range members {
		m = strings.ToLower(strings.TrimSpace(m))
		g.members = append(g.members, m)
		g.lemmas[m] = true
		for _, b := range lx.Lemmas(m) {
			g.lemmas[b] = true
		}
	}
	g.senses()
	return g
}

// englishMembers returns the members WordNet knows, the head first.
func (g *group) englishMembers() []string {
	var out []string
	for _, m := range g.members {
		if !strings.Contains(m, " ") && len(g.lx.Senses(m)) > 0 {
			out = append(out, m)
		}
	}
	return out
}

func (g *group) senses() {
	// The head's senses, and those of the lemmas it is a form of: a head
	// like "said" is an adjective of its own and a form of "say".
	head := slices.Clone(g.lx.Senses(g.head))
	if _, own := g.lx.English(g.head); own {
		for _, b := range g.lx.Bases(g.head) {
			head = append(head, g.lx.Senses(b)...)
		}
	}
	if len(head) == 0 {
		return
	}
	others := g.englishMembers()
	for _, s := range head {
		for _, m := range others {
			if m == g.head || slices.Contains(g.lx.Bases(m), g.head) || slices.Contains(g.lx.Bases(g.head), m) {
				continue // a form of the head says nothing of its sense
			}
			if g.tied(s, g.lx.Senses(m)) {
				g.core = append(g.core, s)
				break
			}
		}
	}
	if len(g.core) == 0 {
		g.core = head
	}
	g.sense = slices.Clone(g.core)
	for _, m := range others {
		for _, s := range g.lx.Senses(m) {
			if g.tied(s, g.core) && !slices.Contains(g.sense, s) {
				g.sense = append(g.sense, s)
			}
		}
	}
}

// tied reports whether sense s is one of ss or tied to one by a pointer.
func (g *group) tied(s lexicon.Sense, ss []lexicon.Sense) bool {
	for _, t := range ss {
		if g.lx.Linked(s, t) {
			return true
		}
	}
	return false
}

// related reports whether the English word w has the group's sense: it is
// a form of a member, or one of its senses is the group's or near it.
func (g *group) related(w string) bool {
	return g.isForm(w) || g.anyNear(g.readings(w), g.sense)
}

// readings returns the senses w can be read in: its own as a lemma and
// those of the lemmas it is a form of ("advised" is an adjective and a form
// of "advise"), except that a plural noun of its own is read as that noun
// alone.
func (g *group) readings(w string) []lexicon.Sense {
	if g.ownWord(w) {
		x, _ := g.lx.English(w)
		return x.Sense
	}
	out := slices.Clone(g.lx.Senses(w))
	if _, own := g.lx.English(w); own {
		for _, b := range g.lx.Bases(w) {
			out = append(out, g.lx.Senses(b)...)
		}
	}
	return out
}

// ownWord reports an inflected-looking word that is a word of its own: a
// plural that SemCor tags as a noun of its own with no sense near its
// singular's ("talks" is negotiation, not talk), or a lemma that
// OpenSubtitles uses lexicalisedX times more often than what it would be a
// form of ("according" is not a form of the verb "accord").
func (g *group) ownWord(w string) bool {
	x, own := g.lx.English(w)
	bases := g.lx.Bases(w)
	if !own || len(bases) == 0 {
		return false
	}
	if r := g.lx.EnglishRank(w); r > 0 {
		lexicalised := true
		for _, b := range bases {
			if rb := g.lx.EnglishRank(b); rb > 0 && rb < lexicalisedX*r {
				lexicalised = false
			}
		}
		if lexicalised {
			return true
		}
	}
	if x.POS != "n" || x.Tags == 0 || !strings.HasSuffix(w, "s") {
		return false
	}
	for _, b := range bases {
		if g.anyNear(x.Sense, g.lx.Senses(b)) {
			return false
		}
	}
	return true
}

// lexicalisedX is how many times more frequent than its base an inflected
// form must be to count as a word of its own.
const lexicalisedX = 5

// isForm reports whether w is an inflection of a member in the group's
// sense ("told" of "say", "agreed" of "agree", but not "according" of the
// verb "accord" in a group about the noun), or the base of an inflected
// member ("troop" of "troops"). A plural that SemCor tags as a noun of its
// own, with no sense near its singular's, is a word of its own ("talks" is
// negotiation).
func (g *group) isForm(w string) bool {
	if slices.Contains(g.lx.Bases(g.head), w) {
		return true
	}
	if g.ownWord(w) {
		return false
	}
	for _, f := range g.lx.Inflections(w) {
		if g.lemmas[f.Lemma] && g.anyNear(g.lx.SensesOf(f.Lemma, f.POS), g.sense) {
			return true
		}
	}
	return false
}

// family reports whether w belongs with a member: it is a form of m (a
// member already reported for its own senses), or one of its senses is
// near a sense of a member that has the group's sense ("successfully" of
// "success").
func (g *group) family(w, m string) bool {
	wl := []string{w}
	if !g.ownWord(w) {
		wl = append(g.lx.Lemmas(w), g.lx.Bases(w)...)
	}
	ml := append([]string{m}, append(g.lx.Lemmas(m), g.lx.Bases(m)...)...)
	for _, b := range wl {
		if slices.Contains(ml, b) {
			return true
		}
	}
	ws := g.readings(w)
	for _, x := range g.members {
		if x == w || strings.Contains(x, " ") || !(x == g.head || g.related(x)) {
			continue
		}
		if g.anyNear(ws, g.readings(x)) {
			return true
		}
	}
	return false
}

// anyNear reports whether one of ss is near one of tt.
func (g *group) anyNear(ss, tt []lexicon.Sense) bool {
	for _, s := range ss {
		if g.near(s, tt) {
			return true
		}
	}
	return false
}

// hubLinks is the most links a sense may have and still join two others in
// near: a sense as general as "move" or "act" ties everything.
const hubLinks = 40

// near reports whether sense s is tied to one of ss directly or through one
// sense between them that is not a hub.
func (g *group) near(s lexicon.Sense, ss []lexicon.Sense) bool {
	if g.tied(s, ss) {
		return true
	}
	for _, u := range g.lx.Links(s) {
		if len(g.lx.Links(u)) <= hubLinks && g.tied(u, ss) {
			return true
		}
	}
	return false
}

// commonEnglish reports an English word WordNet knows that is frequent in
// OpenSubtitles or SemCor.
func (g *group) commonEnglish(w string) bool {
	if len(g.lx.Senses(w)) == 0 {
		return false
	}
	r := g.lx.EnglishRank(w)
	return (r > 0 && r <= enCommonRank) || g.lx.Tags(w) >= enCommonTags
}

// mostlyFrench reports a common French word that is at least otherLangX
// times more frequent in French than in English.
func (g *group) mostlyFrench(w string) bool {
	fr := g.lx.FrenchRank(w)
	if fr == 0 || fr > frCommonRank {
		return false
	}
	en := g.lx.EnglishRank(w)
	if en == 0 {
		return otherLangX*fr <= g.lx.EnglishWords() // rarer in English than the list reaches
	}
	return en >= otherLangX*fr
}

// keepable reports whether the curator may keep the member anyway (see
// synonymSenses): not a stopword, a shared first name or an antonym, which
// no source makes the group's word.
func (g *group) judge(m string, head bool, inGroup map[string]bool) (why []string, keepable bool) {
	lx := g.lx
	if isCyrillic(m) {
		if lexicon.Stopword(m, lexicon.Russian) {
			return []string{"a snowball stopword of Russian: questions are full of it; drop it"}, false
		}
		return nil, false
	}
	keepable = true
	for _, lang := range []lexicon.Lang{lexicon.English, lexicon.French} {
		if lexicon.Stopword(m, lang) {
			keepable = false
			why = append(why, fmt.Sprintf("a snowball stopword of %s (Latin-script members apply to English and French questions alike): questions are full of it; drop it", lang))
		}
	}
	if people := lx.GivenName(m); len(people) > 0 && !head && len(why) == 0 {
		keepable = false
		why = append(why, fmt.Sprintf("a first name WordNet gives to %d people (%s), so it names no one in particular; drop it and match the surname",
			len(people), list(people, 5)))
	}
	if rest, ok := elided(m); ok && !inGroup[rest] {
		// The matcher drops an elided article or preposition, as French
		// spells them: "d'après" folds every "après" ("after").
		if r := lx.FrenchRank(rest); r > 0 && r <= frCommonRank {
			why = append(why, fmt.Sprintf("read as %q once its elision is dropped, as the matcher reads French, a common French word (rank %d in French subtitles) of its own meaning; drop it, or keep only a multi-word form, which the matcher folds as a phrase", rest, r))
		}
	}
	related := g.related(m)
	if !head && !related && g.commonEnglish(m) {
		if g.mostlyFrench(m) {
			why = append(why, fmt.Sprintf("a false friend: far more common in French, but also a common English word (%s) with no sense of %q, and Latin-script members apply to English questions too; drop it",
				g.gloss(m), g.head))
		} else {
			why = append(why, fmt.Sprintf("a common English word (%s) with no WordNet sense near %q's: it folds another meaning into the group; drop it or give it a group of its own",
				g.gloss(m), g.head))
		}
	}
	if ant := g.antonymOf(m); ant != "" {
		keepable = false
		why = append(why, fmt.Sprintf("a WordNet antonym of %q: folding it makes a question and its opposite the same question; give it a group of its own", ant))
	}
	if others := g.stemCollisions(m, inGroup); len(others) > 0 {
		why = append(why, fmt.Sprintf("its snowball stem %q, which the matcher folds too, is also the stem of %s, common words of another meaning; drop the member or give those words a group of their own",
			lexicon.Stem(m, lexicon.English), quoteList(others, 4)))
	}
	if related && g.commonEnglish(m) && g.mostlyFrench(m) {
		why = append(why, fmt.Sprintf("a false friend: far more common as a French word (rank %d in French subtitles, %s in English), and Latin-script members apply to French questions too, in all their French senses; drop it, or keep only a multi-word form, which the matcher folds as a phrase",
			lx.FrenchRank(m), g.rank(lx.EnglishRank(m))))
	}
	return why, keepable
}

// antonymOf returns the member before m (nearer the head) that m is a
// WordNet antonym of, or "".
func (g *group) antonymOf(m string) string {
	ml := append([]string{m}, g.lx.Lemmas(m)...)
	for _, x := range g.members {
		if x == m {
			break
		}
		for _, a := range ml {
			for _, b := range append([]string{x}, g.lx.Lemmas(x)...) {
				if slices.Contains(g.lx.Antonyms(a), b) {
					return x
				}
			}
		}
	}
	return ""
}

// stemCollisions returns the common English words that share m's snowball
// stem but not the group's sense, are not forms of a member, and are
// members of no group (a member's surface form is matched before stems).
func (g *group) stemCollisions(m string, inGroup map[string]bool) []string {
	if !isASCIIWord(m) {
		return nil // the English stemmer reads ASCII only; accented words get French stems
	}
	var out []string
	for _, w := range g.lx.StemFamily(lexicon.Stem(m, lexicon.English)) {
		if w == m || inGroup[w] || g.lx.EnglishRank(w) > enCommonRank || !g.commonEnglish(w) {
			continue
		}
		if !g.isForm(w) && !g.family(w, m) && !g.anyNear(g.readings(w), g.sense) {
			out = append(out, w)
		}
	}
	return out
}

// gloss names w's most used WordNet sense by the other words that have it.
func (g *group) gloss(w string) string {
	ss := g.lx.Senses(w)
	for _, s := range ss {
		var syn []string
		for _, x := range g.lx.SenseWords(s) {
			if x != w && !slices.Contains(g.lx.Lemmas(w), x) {
				syn = append(syn, x)
			}
		}
		if len(syn) > 0 {
			return fmt.Sprintf("WordNet: %q as in %s", w, quoteList(syn, 3))
		}
	}
	if len(ss) == 1 {
		return fmt.Sprintf("WordNet: %q, a sense no other common word has", w)
	}
	return fmt.Sprintf("WordNet: %q in %d senses no other common word has", w, len(ss))
}

func (g *group) rank(r int) string {
	if r == 0 {
		return fmt.Sprintf("not among the top %d", g.lx.EnglishWords())
	}
	return fmt.Sprint(r)
}

func list(ws []string, n int) string {
	if len(ws) > n {
		return strings.Join(ws[:n], ", ") + ", …"
	}
	return strings.Join(ws, ", ")
}

func quoteList(ws []string, n int) string {
	q := make([]string, 0, min(n, len(ws)))
	for i, w := range ws {
		if i == n {
			break
		}
		q = append(q, fmt.Sprintf("%q", w))
	}
	s := strings.Join(q, ", ")
	if len(ws) > n {
		s += ", …"
	}
	return s
}

func isCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

func isASCIIWord(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			if r != '-' && r != '\'' {
				return false
			}
		}
	}
	return s != ""
}

// elided returns the word after an elided article or preposition: "après"
// of "d'après".
func elided(m string) (string, bool) {
	before, after, ok := strings.Cut(strings.ReplaceAll(m, "’", "'"), "'")
	if !ok || after == "" || !lexicon.Elision(before) {
		return "", false
	}
	return after, true
}
