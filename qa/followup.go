package qa

import (
	"slices"

	"github.com/callbot/callbot/knowledge"
)

// A follow-up ("why?", "and what did Macron say to that?", "when was
// that?") only makes sense after the answer it follows. AskAfter reads it
// there, in a way that leaves a question that stands on its own as Ask
// answers it:
//
//  0. A follow-up that names its kind in at most one word of its own
//     ("says who?", "why?", "what coup?") is answered from the previous
//     entry's follow map (followup_kind.go), when it leans on the answer
//     or names its kind in words, or when asked alone it would be refused
//     or answered with the answer just read. One asking for that answer
//     in other words ("meaning?", "elaborate", "то есть?") or doubting it
//     ("really?", "you sure?") gets it again: the articles say no more
//     than it does, and its citations are their words.
//  1. The question is asked alone. Its answer stands unless the question
//     plainly leans on what came before (leansOnContext, strong: it opens
//     with "and", "but" or "so", or asks or points back with no words of
//     its own, or two beside a pointer); its refusal stands unless it is
//     short (it asks or points back with at most two words of its own, or
//     is a yes/no question made of what the answer names whose best
//     candidate alone is that answer: polarOnAnswer).
//  2. Otherwise it is asked again after the previous entry's question,
//     whose words count as part of what is asked (qterm.prior) but need
//     not be explained by the answer, with the question word the
//     follow-up's own, and the candidates limited to the previous entry's
//     neighbourhood: itself, the entries it names as related or that name
//     it, their related entries, its topic, and the entries citing a
//     sentence it cites. Such an answer replaces the standalone one only
//     when it clears the threshold, holds the follow-up's own key word
//     (holdsKey; for a question that is only short, every word must be one
//     the index knows) and is more confident than the standalone answer;
//     the answer just read, given again, must hold every word of the
//     question's own (holdsOwn), and so must any answer that replaces a
//     refusal whose best candidate alone holds every one of them: the
//     context does not swap an entry that explains the question for one
//     that does not.
//     The previous question's words weigh priorMult: at full weight they
//     bring back the answer just read for any follow-up.
//  3. A follow-up that plainly leans on the answer, with at most one word
//     of its own, that both readings refuse is answered from the previous
//     entry's related entries, in the curator's order (followup_related.go),
//     unless alone a phrasing of an entry outside them holds all of it
//     (asksOwn: then it asks that entry's question).
//     Some go there before step 2: "is that true?", "and then?", "source?"
//     (asksNext) and "and the other article?" (otherArticle), and so
//     does an elliptic "and X?" that alone is answered outside the
//     previous entry's neighbourhood (elliptic); a follow-up that step 2
//     answers with the previous entry again while naming another person
//     takes that person's related entry (personAnswer).
//
// TestFollowUpLeavesStandaloneAlone holds every question set to the same
// outcome, question by question, when asked after an unrelated answer.
// No session is kept: the caller says which entry was answered (a reply's
// message reference, a button's custom id).

// maxFollowUpBytes bounds the follow-ups read in context: the previous
// question goes in front of them, within MaxInputBytes.
const maxFollowUpBytes = MaxInputBytes / 2

// AskAfter answers q as a follow-up to the answer of the entry with id
// prev; an unknown or empty prev is Ask(q).
func (e *Engine) AskAfter(q, prev string) Result {
	res := e.Ask(q)
	p, ok := e.set.Entry(prev)
	if !ok || res.Reason == ReasonLanguage || res.Reason == ReasonTruncated || len(q) > maxFollowUpBytes {
		return res
	}
	sc := e.scratch()
	defer e.pool.Put(sc)
	sc.an.run(q)
	strong, short := leansOnContext(&sc.an, e.ix)
	ell := elliptic(&sc.an)
	pi := e.entryIndex(p.ID)
	if !short && len(res.Candidates) > 0 && res.Candidates[0].ID == p.ID && e.polarOnAnswer(&sc.an, pi) {
		// "did the rebels agree?" after Macron's proposal that the rebels
		// had yet to answer: a yes/no question about what the answer
		// names, whose best candidate alone is that answer, asks after
		// it, as a short question with a pointer does.
		short = true
	}
	reply := func(r Result) Result {
		r.Question, r.Lang = q, res.Lang
		return r
	}
	// The curator's follow map first, for a follow-up that leans on the
	// answer, that nothing else answers, or that would only get the
	// answer just read again ("what coup?" after the coup claim).
	again := res.Answered && res.Entry.ID == p.ID
	lean := strong || short && (again || !res.Answered)
	var near []bool // p's neighbourhood, once it is needed
	neighbours := func() []bool {
		if near == nil {
			near = e.neighbourhood(p)
		}
		return near
	}
	// curated: answered alone at a curated phrasing's confidence, by an
	// entry far from p.
	curated := res.Answered && !again && res.Confidence >= exactConfidence && !neighbours()[e.entryIndex(res.Entry.ID)]
	// A question a curated phrasing answers far from p ("do both
	// articles say the same thing") compares the sources of p only when
	// it points at p: "that", "and" first.
	if (!curated || pointsAtAnswer(&sc.an)) && e.comparesArticles(&sc.an, pi, res.Answered && !again && !strong) {
		if r, ok := e.otherArticle(&sc.an, p, pi); ok {
			return reply(r)
		}
	}
	if curated && !opensFollowUp(&sc.an) {
		// A question answered alone with the confidence of a curated
		// phrasing, by an entry far from the answer it follows, asks
		// about that entry, whatever it points back at; one opening
		// with "and" ("and what does the second article add?") still
		// asks about the answer.
		return res
	}
	// A longer question answered alone that points back at nothing
	// ("what happened after the call, according to the articles?") asks
	// on its own, whatever kind of follow-up its words could name.
	if followsOn := short || lean || !res.Answered || again || pointsBack(&sc.an); followsOn {
		if r, ok := e.followAnswer(sc, p, pi, lean, res.Answered && !again); ok {
			return reply(r)
		}
	}
	// An answer stands unless the question plainly leans on the one
	// before; a refusal gives way to any short question that asks.
	if !strong && (res.Answered || !short) {
		return res
	}
	if strong && res.Answered && ell && !neighbours()[e.entryIndex(res.Entry.ID)] {
		// "et la participation ?" after the vote share: answered alone
		// far from it (the call's participants), it asks for the related
		// entry holding its word.
		if r, ok := e.relatedAnswer(sc, q, p, pi, true); ok {
			return reply(r)
		}
		sc.an.run(q)
	}
	if strong && asksNext(&sc.an, e.ix) {
		// "is that true?", "and then?": the curator's word on the claim,
		// or the next question, is the first related entry.
		if r, ok := e.relatedAnswer(sc, q, p, pi, false); ok {
			return reply(r)
		}
		sc.an.run(q) // relatedAnswer analysed other texts in sc
	}
	if strong && sc.an.sents == 1 && len(sc.an.toks) <= maxOtherSourceWords && otherSource(&sc.an, true) {
		if r, ok := e.otherArticle(&sc.an, p, pi); ok {
			return reply(r)
		}
	}
	lang := res.Lang
	if lang == "" {
		lang = sc.an.language()
	}
	ctx := contextText(p, lang)
	sc.an.run(ctx)
	first := sc.an.sents
	sc.an.run(ctx + " " + q)
	focus := sc.an.focus()
	if focus < first {
		// The follow-up asks, whatever words the previous question holds.
		focus = sc.an.sents - 1
	}
	sc.allow = neighbours()
	// A question that only looks short and asking must be all words the
	// index knows: "how long to boil an egg" is short too.
	sc.followStrict = !strong
	sc.prev = pi
	in := e.answer(sc, q, focus)
	sc.allow, sc.followStrict, sc.prev = nil, false, -1
	if in.Answered && !e.ix.holdsOwn(sc.seq, e.entryIndex(in.Entry.ID)) && (in.Entry.ID == p.ID || !res.Answered && e.bestHoldsOwn(sc.seq, res, in.Entry.ID)) {
		// The context's answer lacks a word of the question's own. It is
		// no answer when it is the one just read ("after taking what?",
		// "Зеленский тоже был на линии?" after the press release: the
		// previous question's words alone made it match), nor when it
		// replaces a refusal whose best candidate alone holds every such
		// word ("which accords were they fighting over" after why Macron
		// called: the heated exchange, a neighbour that lacks "accords",
		// does not replace the accords entry).
		return res
	}
	if !in.Answered && !res.Answered && strong && (ell || !e.asksOwn(res, p)) {
		if r, ok := e.relatedAnswer(sc, q, p, pi, false); ok {
			return reply(r)
		}
	}
	if in.Answered && in.Entry.ID == p.ID && !res.Answered && strong {
		// The answer just read again, for a follow-up naming someone
		// else: that person's side, where the curator linked one.
		if who := e.otherPerson(sc, q, pi); who >= 0 {
			if r, ok := e.personAnswer(p, pi, who); ok {
				return reply(r)
			}
		}
	}
	if !in.Answered || res.Answered && in.Confidence <= res.Confidence {
		return res
	}
	in.Lang = res.Lang
	return in
}

// bestHoldsOwn reports whether res's best candidate, other than entry id,
// holds every word of seq's own.
func (e *Engine) bestHoldsOwn(seq []qterm, res Result, id string) bool {
	if len(res.Candidates) == 0 || res.Candidates[0].ID == id {
		return false
	}
	j := e.entryIndex(res.Candidates[0].ID)
	return j >= 0 && e.ix.holdsOwn(seq, j)
}

// polarOnAnswer reports an English yes/no question (an auxiliary first)
// of at most maxShortWords words of its own, all but one of which entry pi
// holds, and no name it lacks: "did the rebels agree?" after the proposal
// the rebels had yet to answer, not "was Zelenskyy on the call himself?"
// after the press release.
func (e *Engine) polarOnAnswer(a *analysis, pi int32) bool {
	if len(a.toks) == 0 || a.tokLang(0) != langEN || !auxiliaries[string(a.word(0))] {
		return false
	}
	own, lacking := 0, 0
	for i := 1; i < len(a.toks); i++ {
		if !isContentWord(a, i, langEN) || isGeneric(string(a.word(i)), langEN) {
			continue
		}
		own++
		t, ok := e.ix.surf(a.word(i), langEN)
		switch {
		case !ok || t < 0:
			lacking++
		case !e.ix.entryHolds(pi, t):
			if e.ix.terms[t].entity {
				return false // someone the answer does not name
			}
			lacking++
		}
	}
	return own > 0 && own <= maxShortWords && lacking <= 1 && lacking < own
}

// asksOwn reports a refusal alone whose best candidate, outside p's related
// entries, has a phrasing holding the whole question: "did they agree on
// anything at all?" after why the call was released asks what the call
// agreed, not the related entry that holds "agree". An elliptic "and
// Macron?" still asks for his side of the answer.
func (e *Engine) asksOwn(res Result, p *knowledge.Entry) bool {
	if len(res.Candidates) == 0 || res.Candidates[0].Score < 1 {
		return false
	}
	id := res.Candidates[0].ID
	return id != p.ID && !slices.Contains(p.Related, id)
}

// pointsAtAnswer reports "and" first, or "that", "it", "this" ending the
// follow-up or before "too": "both articles say that?".
func pointsAtAnswer(a *analysis) bool {
	last := len(a.toks) - 1
	for i := range a.toks {
		if kindWord(a, i, &followUpCues) && (i == last || kindWord(a, i+1, &sameWords)) {
			return true
		}
	}
	return opensFollowUp(a)
}

// pointsBack reports a word that points back at what was said: a pronoun
// or "that" (followUpCues), "and" first, or "before or after".
func pointsBack(a *analysis) bool {
	return opensFollowUp(a) || anyWord(a, &followUpCues) || beforeOrAfter(a)
}

// opensFollowUp reports a question opening with "and", "et", "а".
func opensFollowUp(a *analysis) bool {
	return len(a.toks) > 0 && followUpOpeners[a.tokLang(0)][string(a.word(0))]
}

// elliptic reports a follow-up that is an opener and a noun phrase, no
// question of its own: "and the troops?", "et la participation ?".
func elliptic(a *analysis) bool {
	if len(a.toks) < 2 || !opensFollowUp(a) {
		return false
	}
	for i := 1; i < len(a.toks); i++ {
		if l := a.tokLang(i); a.toks[i].lex.intent(l) != intentNone || a.toks[i].lex.which(l) {
			return false
		}
	}
	return true
}

// contextText is what a follow-up is read after: the previous entry's
// question, in the follow-up's language where the entry has it, without
// its question mark, so that it reads as a statement.
func contextText(p *knowledge.Entry, lang string) string {
	q, _ := p.Localized(lang)
	if lang == "fr" && len(p.French) > 0 && q == p.Question {
		q = p.French[0]
	}
	if lang == "ru" && len(p.Russian) > 0 && q == p.Question {
		q = p.Russian[0]
	}
	b := []byte(q)
	for i, c := range b {
		if c == '?' {
			b[i] = '.'
		}
	}
	if n := len(b); n == 0 || b[n-1] != '.' {
		b = append(b, '.')
	}
	return string(b)
}

// neighbourhood marks the entries a follow-up to p may be answered from:
// p itself, its topic, the entries it is related to either way and theirs,
// and those citing one of the sentences p cites (the articles' own links:
// "is that true?" after a claim is answered where the same sentence, or
// the fact next to it, is).
func (e *Engine) neighbourhood(p *knowledge.Entry) []bool {
	allow := make([]bool, len(e.set.Entries))
	near := map[string]bool{p.ID: true}
	for _, id := range p.Related {
		near[id] = true
	}
	quotes := map[string]bool{}
	for _, c := range p.Citations {
		quotes[c.Source+"\x00"+c.Text()] = true
	}
	for i := range e.set.Entries {
		en := &e.set.Entries[i]
		if slices.Contains(en.Related, p.ID) {
			near[en.ID] = true
		}
	}
	hop := map[string]bool{}
	for id := range near {
		if en, ok := e.set.Entry(id); ok {
			for _, r := range en.Related {
				hop[r] = true
			}
		}
	}
	for i := range e.set.Entries {
		en := &e.set.Entries[i]
		cites := false
		for _, c := range en.Citations {
			cites = cites || quotes[c.Source+"\x00"+c.Text()]
		}
		// The entries for what the articles leave open share a topic
		// but no subject: their topic is no neighbourhood.
		sameTopic := en.Topic == p.Topic && !p.Unsaid
		if near[en.ID] || hop[en.ID] || sameTopic || cites {
			allow[i] = true
		}
	}
	return allow
}

// knows reports a word some phrasing, answer or quote uses.
func (ix *index) knows(w []byte) bool {
	_, ok := ix.surface[string(w)]
	return ok
}

// isContentWord reports whether token i is neither a question word nor a
// stopword.
func isContentWord(a *analysis, i int, l lang) bool {
	t := a.toks[i]
	w := string(a.word(i))
	return t.lex.intent(l) == intentNone && !t.lex.which(l) && !isStop(w, l) && !followUpCues[l][w]
}

// leansOnContext reports how much a question leans on the answer before
// it. strong: it opens with "and", "but" or "so", or it asks or points back
// ("that", "he", "then"…, but not "that call") with no words of its own,
// or at most two beside a pointer. short: it asks or points back with at
// most maxShortWords of its own ("did the rebels agree?"). A longer
// question with a pronoun ("what did he say about the lawyers?") usually
// stands on its own.
func leansOnContext(a *analysis, ix *index) (strong, short bool) {
	if hasGreeting(a) {
		return false, false // "thanks!", "hi there": chatter, not a question
	}
	content, cue, asks, now := 0, false, false, false
	for i := range a.toks {
		t := a.toks[i]
		w := string(a.word(i))
		l := a.tokLang(i)
		if i == 0 && followUpOpeners[l][w] {
			return true, true
		}
		if presentIt(a, ix, i, l) {
			now = true
			continue
		}
		if sourceWords[l][w] || quoteWords[l][w] || truthWords[l][w] || otherWords[l][w] && otherSource(a, false) {
			// "source?", "exact quote pls", "is that true", "the other
			// article": they ask about what was just said, and point
			// back as "that" does.
			cue, asks = true, true
			continue
		}
		if l == langFR && w == "il" && i+1 < len(a.toks) && frDeterminers[string(a.word(i+1))] {
			// "il y a une vidéo": there is, no pronoun. "y" and "a" are
			// no tokens, so "il" stands before the determiner, where a
			// pronoun subject stands before its verb.
			continue
		}
		if followUpCues[l][w] {
			// "that" points back; "that call" names what it asks about. A
			// pronoun is no determiner: "did it happen?" points back.
			if pronouns[l][w] || i+1 == len(a.toks) || !isContentWord(a, i+1, l) || !ix.knows(a.word(i+1)) {
				cue = true
			}
			continue
		}
		if t.lex.intent(l) != intentNone || t.lex.which(l) {
			// "idk what to ask": a question word opening an infinitive
			// asks nothing.
			if i+1 == len(a.toks) || string(a.word(i+1)) != "to" || l != langEN {
				asks = true
			}
			continue
		}
		if isStop(w, l) || isGeneric(w, l) {
			continue // "wait where was he even calling from lol": chat
		}
		content++
	}
	// "lol", "ok", an emoji: nothing asked, nothing pointed back at.
	if !asks && !cue {
		return false, false
	}
	if now {
		return false, false // it asks about the present, not the answer before
	}
	return content == 0 || content <= 2 && cue, content <= maxShortWords
}

// presentIt reports that token i is the "it" of the present moment: "what
// time is it (in tokyo)", "quelle heure est-il". It points at nothing, and
// the question not back at the answer; "is it true" still does.
func presentIt(a *analysis, ix *index, i int, l lang) bool {
	if i == 0 {
		return false
	}
	w, before := string(a.word(i)), string(a.word(i-1))
	if !(l == langEN && w == "it" && before == "is" || l == langFR && w == "il" && before == "est") {
		return false
	}
	return i+1 == len(a.toks) || !isContentWord(a, i+1, l) || !ix.knows(a.word(i+1))
}

// maxOtherSourceWords is the most words of a follow-up asking for the other
// source's version ("what does the other article say about it?").
const maxOtherSourceWords = 12

// maxShortWords is the most words of its own a short follow-up holds.
const maxShortWords = 2

// holdsKey reports whether entry holds the key word of the question
// itself (its heaviest known word, not one of the question it follows) in
// one of its phrasings, its answer or its quotes. The previous question
// lifts every entry near its answer; without this an unrelated question
// ("what time is it?") would land on one of them.
// strict: no word of the question may be one the index has never seen.
func (ix *index) holdsKey(seq []qterm, entry int32, strict bool) bool {
	key, best := int32(-1), float32(0)
	for _, q := range seq {
		switch {
		case strict && !q.prior && !q.context && isUnknown(q.id):
			return false
		case q.prior || q.context || isUnknown(q.id) || (q.id >= 0 && q.id < int32(numIntents)) || q.id == skipTerm:
		case ix.terms[q.id].weight*q.mult > best:
			key, best = q.id, ix.terms[q.id].weight*q.mult
		}
	}
	return key < 0 || ix.entryHolds(entry, key)
}

// holdsOwn reports whether entry holds every known content word of the
// question itself (not one of the question it follows).
func (ix *index) holdsOwn(seq []qterm, entry int32) bool {
	for _, q := range seq {
		if q.id >= int32(numIntents) && !q.prior && !q.context && !ix.entryHolds(entry, q.id) {
			return false
		}
	}
	return true
}

// entryHolds reports whether any phrasing of entry, its answer or its
// quotes hold term t.
func (ix *index) entryHolds(entry, t int32) bool {
	for _, d := range ix.post[ix.postStart[t]:ix.postStart[t+1]] {
		if ix.docs[d].entry == entry {
			return true
		}
	}
	for _, h := range ix.ev[ix.evStart[t]:ix.evStart[t+1]] {
		if h.entry == entry {
			return true
		}
	}
	return false
}
