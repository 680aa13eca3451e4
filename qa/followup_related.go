package qa

import (
	"slices"
	"strconv"

	"github.com/callbot/callbot/knowledge"
)

// A follow-up with next to no words of its own ("why tho", "and the
// troops?", "did it happen?", "А потом?") gives the matcher little to go
// on: read after the question it follows, it mostly scores that question's
// own answer again, or nothing. The curator has already said what members
// ask next: an entry's related entries, in order. So when the reading in
// context refuses a follow-up that plainly leans on the answer before it,
// AskAfter answers with the first related entry that fits it (see
// relatedAnswer); a follow-up asking for the source or the exact words is
// answered by the answer it follows, whose citations are both, and one
// naming only a person ("and Macron?") by the first related entry whose
// question is about that person.

// maxRelatedOwn is the most known words of its own a follow-up answered
// from the related entries holds: "and the troops?" has one, "was
// Zelenskyy on the phone too" two, and stands on its own.
const maxRelatedOwn = 1

// otherSource reports a follow-up that asks what another source says: it
// names an article with "other", "autre", "другой", or, when ordinals
// count, "second", "второй"….
func otherSource(a *analysis, ordinals bool) bool {
	other, article := false, false
	for i := range a.toks {
		l, w := a.tokLang(i), a.word(i)
		other = other || otherWords[l][string(w)] || ordinals && ordinalWords[l][string(w)]
		article = article || articleWords[l][string(w)]
	}
	return other && article
}

// comparesArticles reports a follow-up to the answer of entry pi asking
// what another of the sources says of it: "and the other article?",
// "does article 1 say that too?", "l'autre article dit pareil ?". It names
// an article and another one, a number or both, and every other word of
// its own is one the answer holds ("does the other article mention that
// condition?"); "what does the second article say about the hockey" after
// the vote share asks a question of its own. A question answered alone
// (answered: "do both articles agree", "summarize article 2") must also
// point back: "that", "the same", "too", or "and" first; so must one
// naming both.
func (e *Engine) comparesArticles(a *analysis, pi int32, answered bool) bool {
	if a.sents != 1 || len(a.toks) > maxOtherSourceWords {
		return false
	}
	named, other := false, false
	for i := range a.toks {
		l, w := a.tokLang(i), string(a.word(i))
		in := func(words *[numLangs]map[string]bool) bool { return kindWord(a, i, words) }
		switch {
		case in(&articleWords):
			named = true
		case in(&bothWords):
			other = true
			answered = true // "do both articles agree" asks alone, unless it points back
		case in(&otherWords) || in(&ordinalWords):
			other = true
		case articleNumber(a, i):
			other = true // "article 1"
		case in(&sameWords) || in(&followUpCues) || i == 0 && in(&followUpOpeners):
			// Pointing back, as pointsAtAnswer reads it below.
		case isStop(w, l) || isGeneric(w, l) || in(&sayWords) || a.toks[i].lex.intent(l) != intentNone:
		default:
			t, ok := e.ix.surf(a.word(i), l)
			if !ok || t < 0 || !e.ix.entryHolds(pi, t) {
				return false
			}
		}
	}
	// "both articles say that?", "the same", "and" first; not the "that"
	// of "what does the first article have that the video one doesn't".
	return named && other && (!answered || anyWord(a, &sameWords) || kindWord(a, 0, &followUpOpeners) || pointsAtAnswer(a))
}

// articleNumber reports a number after an article word: the "1" of
// "article 1".
func articleNumber(a *analysis, i int) bool {
	return a.toks[i].num && i > 0 && kindWord(a, i-1, &articleWords)
}

// otherArticle answers "and the other article?" after p: p itself when it
// cites both sources (its answer says what each says), else the first of
// its related entries citing a source p does not. A follow-up naming one
// source ("and article 1?", "et le premier article ?") asks about that one:
// p when it cites it.
func (e *Engine) otherArticle(a *analysis, p *knowledge.Entry, pi int32) (Result, bool) {
	cited := map[string]bool{}
	for _, c := range p.Citations {
		cited[c.Source] = true
	}
	want := func(src string) bool { return !cited[src] } // a source p does not cite
	switch n := namedSource(a); {
	case n >= len(e.set.Sources):
		return Result{}, false // "article 3" of two
	case n >= 0 && cited[e.set.Sources[n].ID]:
		return e.followResult(pi, nil, p), true
	case n >= 0:
		named := e.set.Sources[n].ID
		want = func(src string) bool { return src == named }
	case len(cited) >= 2 || len(cited) == len(e.set.Sources):
		return e.followResult(pi, nil, p), true
	}
	for _, id := range p.Related {
		r, ok := e.set.Entry(id)
		if !ok {
			continue
		}
		for _, c := range r.Citations {
			if want(c.Source) {
				return e.followResult(e.entryIndex(id), nil, p), true
			}
		}
	}
	return Result{}, false
}

// namedSource returns the index, in the set's order, of the source a
// follow-up names by number ("article 1", "the first article", "второй
// статье"), or -1 when it names none or says "other".
func namedSource(a *analysis) int {
	n := -1
	for i := range a.toks {
		switch {
		case kindWord(a, i, &otherWords):
			return -1
		case kindWord(a, i, &firstWords):
			n = 0
		case kindWord(a, i, &ordinalWords):
			n = 1
		case articleNumber(a, i):
			if d, err := strconv.Atoi(string(a.word(i))); err == nil {
				n = d - 1
			}
		}
	}
	return n
}

// relatedAnswer answers q, a follow-up to p (entry index pi) that leans on
// it, from p's related entries: the first, in the curator's order, that
// holds every known word of q's own and asks q's kind of question. A
// follow-up that asks for the source or the exact words is answered by p.
// It answers nothing when q holds a word the index does not know, or a
// word none of them holds: then the articles likely do not say; with
// oneOwn, nothing unless q has exactly one word of its own.
func (e *Engine) relatedAnswer(sc *scratch, q string, p *knowledge.Entry, pi int32, oneOwn bool) (Result, bool) {
	ix := e.ix
	sc.an.run(q)
	sc.res.chatter = hasGreeting(&sc.an)
	source, next := false, false
	var cues []int32 // terms of the words that ask for the source, words or truth
	for i, t := range sc.an.toks {
		w, tl := sc.an.word(i), sc.an.tokLang(i)
		src := sourceWords[tl][string(w)] || quoteWords[tl][string(w)]
		source = source || src
		next = next || nextWords[tl][string(w)] || i == 0 && len(sc.an.toks) == 1 && followUpOpeners[tl][string(w)]
		if src || truthWords[tl][string(w)] {
			cues = append(cues, sc.res.resolve(w, tl, t).id)
		}
	}
	seq := collect(&sc.an, sc.an.latin(), &sc.res, sc.seq[:0], -1)
	seq = ix.foldPhrases(seq)
	seq = dedupe(seq)
	sc.seq = seq
	primary := firstIntent(seq)
	var own []int32
	for _, qt := range seq {
		switch {
		case isUnknown(qt.id):
			return Result{}, false
		case qt.id >= 0 && qt.id < int32(numIntents):
			// A question word is no word of its own.
		case qt.id >= int32(numIntents) && !slices.Contains(cues, qt.id):
			own = append(own, qt.id)
		}
	}
	if len(own) == 1 && ix.terms[own[0]].entity {
		// "and Macron?", "а Путин что?": that person's side of what was
		// just read, the first related entry whose question is about
		// them (they are its first name).
		return e.personAnswer(p, pi, own[0])
	}
	switch {
	case oneOwn && len(own) != 1:
		return Result{}, false
	case len(own) > maxRelatedOwn:
		// It says enough of its own to be read as it stands.
		return Result{}, false
	case source && len(own) == 0:
		return e.followResult(pi, nil, p), true
	case len(own) == 0 && primary == intentNone && len(cues) == 0 && !asksNext(&sc.an, ix):
		// "did he get anything?": nothing says which related entry.
		return Result{}, false
	}
	for _, id := range p.Related {
		j := e.entryIndex(id)
		if j < 0 || j == pi {
			continue
		}
		if !ix.fits(j, own, primary) || next && ix.entUnsaid[j] {
			// "and then?" asks what the articles tell next, not what
			// they leave open.
			continue
		}
		return e.followResult(j, own, p), true
	}
	return Result{}, false
}

// fits reports whether entry j holds every term of own and asks the kind
// of question primary is (any, when primary is none; a stated year
// answers "when").
func (ix *index) fits(j int32, own []int32, primary intent) bool {
	for _, t := range own {
		if !ix.entryHolds(j, t) {
			return false
		}
	}
	switch primary {
	case intentNone:
		return true
	case intentQuantity, intentAmount:
		// "how many?" wants a figure the entry states.
		return ix.entNumbers[j] && ix.entIntents[j]&primary.accepts() != 0
	}
	return ix.entIntents[j]&primary.accepts() != 0 || primary == intentWhen && ix.entYears[j]
}

// followResult is the answer of entry j to a follow-up of p: at the
// threshold's confidence (the related link is the curator's, not the
// matcher's), suggesting p's other related entries.
func (e *Engine) followResult(j int32, own []int32, p *knowledge.Entry) Result {
	en := &e.set.Entries[j]
	res := Result{Answered: true, Entry: en, Confidence: e.threshold}
	for _, t := range own {
		res.Matched = append(res.Matched, e.ix.terms[t].display)
	}
	for _, id := range p.Related {
		if id == en.ID || len(res.Suggestions) == MaxSuggestions {
			continue
		}
		if r, ok := e.set.Entry(id); ok {
			res.Suggestions = append(res.Suggestions, Suggestion{ID: r.ID, Question: r.Question})
		}
	}
	res.Candidates = []Candidate{{ID: en.ID, Score: e.threshold}}
	return res
}

// entryIndex returns the index of the entry with the given id, or -1.
func (e *Engine) entryIndex(id string) int32 {
	if i, ok := e.set.Index(id); ok {
		return int32(i)
	}
	return -1
}

// asksNext reports a follow-up that asks nothing but whether what came
// before is true ("is that true?", "c'est vrai ?", "это правда?"), what
// came next ("and then?", "а потом?", "et ensuite ?") or where it comes
// from ("source?", "источник?"), or only opens ("and?", "и?"): the
// curator's next question, or the answer's own citations, answer it,
// before any reading in context, which would give another answer.
func asksNext(a *analysis, ix *index) bool {
	asks := false
	for i := range a.toks {
		l, w := a.tokLang(i), a.word(i)
		switch {
		case truthWords[l][string(w)] || nextWords[l][string(w)] || sourceWords[l][string(w)]:
			asks = true
		case i == 0 && followUpOpeners[l][string(w)]:
			asks = asks || len(a.toks) == 1
		case isContentWord(a, i, l) && ix.knows(w) && !followUpCues[l][string(w)]:
			return false
		}
	}
	return asks
}

// personAnswer answers "and Macron?" after p: the first of p's related
// entries whose own question names person first ("How did Macron respond
// when Putin …"), or nothing.
func (e *Engine) personAnswer(p *knowledge.Entry, pi int32, person int32) (Result, bool) {
	persons := e.persons()
	for _, id := range p.Related {
		j := e.entryIndex(id)
		if j < 0 || j == pi {
			continue
		}
		if persons[j] == person {
			return e.followResult(j, []int32{person}, p), true
		}
	}
	return Result{}, false
}

// firstPersons returns, per entry, the first name (an entity term) of its
// question, or -1: whose side the entry tells. Engine.persons computes it
// once, on the first follow-up that needs it.
func (e *Engine) firstPersons() []int32 {
	sc := e.scratch()
	defer e.pool.Put(sc)
	out := make([]int32, len(e.set.Entries))
	for i := range e.set.Entries {
		out[i] = -1
		sc.an.run(e.set.Entries[i].Question)
		sc.seq = collect(&sc.an, langEN, &sc.res, sc.seq[:0], -1)
		for _, qt := range sc.seq {
			if qt.id >= int32(numIntents) && e.ix.terms[qt.id].entity {
				out[i] = qt.id
				break
			}
		}
	}
	return out
}

// otherPerson returns a name q holds that is not the first name of the
// question of entry pi, or -1: "and what did Macron say to that?" after
// Putin's claim asks for the other side.
func (e *Engine) otherPerson(sc *scratch, q string, pi int32) int32 {
	first := e.persons()[pi]
	sc.an.run(q)
	sc.res.chatter = hasGreeting(&sc.an)
	sc.seq = collect(&sc.an, sc.an.latin(), &sc.res, sc.seq[:0], -1)
	for _, qt := range sc.seq {
		if qt.id >= int32(numIntents) && e.ix.terms[qt.id].entity && qt.id != first {
			return qt.id
		}
	}
	return -1
}
