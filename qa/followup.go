package qa

import "github.com/callbot/callbot/knowledge"

// A follow-up ("why?", "and what did Macron say to that?", "when was
// that?") only makes sense after the answer it follows. AskAfter reads it
// there, in a way that leaves a question that stands on its own as Ask
// answers it:
//
//  1. The question is asked alone. Its answer or refusal stands unless
//     the question leans on what came before (leansOnContext): it opens
//     with "and", "but" or "so", or it asks or points back ("that", "he",
//     "then"…, but not "that call") with at most two words of its own.
//  2. Otherwise it is asked again after the previous entry's question,
//     whose words count as part of what is asked (qterm.prior) but need
//     not be explained by the answer, with the question word the
//     follow-up's own, and the candidates limited to the previous entry's
//     neighbourhood: itself, the entries it names as related or that name
//     it, and its topic. Such an answer replaces the standalone one only
//     when it clears the threshold, holds the follow-up's own key word
//     (holdsKey) and is more confident than the standalone answer.
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
	sc := e.pool.Get().(*scratch)
	defer e.pool.Put(sc)
	sc.an.run(q)
	if !leansOnContext(&sc.an, e.ix, sc) {
		return res
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
	sc.allow = e.neighbourhood(p)
	in := e.answer(sc, q, focus)
	sc.allow = nil
	if !in.Answered || res.Answered && in.Confidence <= res.Confidence {
		return res
	}
	in.Lang = res.Lang
	return in
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

// neighbourhood marks the entries a follow-up to p may be answered from.
func (e *Engine) neighbourhood(p *knowledge.Entry) []bool {
	allow := make([]bool, len(e.set.Entries))
	for i := range e.set.Entries {
		en := &e.set.Entries[i]
		if en.ID == p.ID || en.Topic == p.Topic || contains(p.Related, en.ID) || contains(en.Related, p.ID) {
			allow[i] = true
		}
	}
	return allow
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
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

// leansOnContext reports a question that needs the answer before it: it
// opens with "and", "but" or "so", or holds at most one content word of
// its own and a word that points back (followUpCues: "that", "he",
// "then"…) or none at all, and asks something or points back. A longer question with a pronoun ("what did he
// say about the lawyers?") usually stands on its own.
func leansOnContext(a *analysis, ix *index, sc *scratch) bool {
	if hasGreeting(a) {
		return false // "thanks!", "hi there": chatter, not a question
	}
	content, cue, asks := 0, false, false
	for i := range a.toks {
		t := a.toks[i]
		w := string(a.word(i))
		l := a.latin()
		if t.cyr {
			l = langRU
		}
		if i == 0 && followUpOpeners[l][w] {
			return true
		}
		if followUpCues[l][w] {
			// "that" points back; "that call" names what it asks about.
			if i+1 == len(a.toks) || !isContentWord(a, i+1, l) || !ix.knows(a.word(i+1)) {
				cue = true
			}
			continue
		}
		if t.lex.intent(l) != intentNone || t.lex.which(l) {
			asks = true
			continue
		}
		if isStop(w, l) {
			continue
		}
		content++
	}
	// "lol", "ok", an emoji: nothing asked, nothing pointed back at.
	return (asks || cue) && (content == 0 || content <= 2 && cue)
}

// holdsKey reports whether entry holds the key word of the question
// itself (its heaviest known word, not one of the question it follows) in
// one of its phrasings, its answer or its quotes. The previous question
// lifts every entry near its answer; without this an unrelated question
// ("what time is it?") would land on one of them.
func (ix *index) holdsKey(seq []qterm, entry int32) bool {
	key, best := int32(-1), float32(0)
	for _, q := range seq {
		switch {
		case q.prior || q.context || isUnknown(q.id) || (q.id >= 0 && q.id < int32(numIntents)) || q.id == skipTerm:
		case ix.terms[q.id].weight*q.mult > best:
			key, best = q.id, ix.terms[q.id].weight*q.mult
		}
	}
	return key < 0 || ix.entryHolds(entry, key)
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
