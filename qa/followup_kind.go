package qa

import (
	"slices"

	"github.com/callbot/callbot/knowledge"
)

// Most follow-ups ask one of a few things of the answer they follow: why,
// what the other side replied, what came of it, whether it is true, who
// says so, the exact words, who, when, where, how many, or what a thing it
// names is. Matching words cannot tell which entry answers "and what did
// Putin say to that?": the words are the previous question's. The curator
// can, and says so in each entry's follow map (knowledge.Entry.Follow).
// AskAfter asks it first (followAnswer), for a follow-up that names its
// kind and holds at most one word of its own.

// Kinds of follow-up, as knowledge.FollowKinds names them.
const (
	followWhy     = "why"
	followReply   = "reply"
	followNext    = "next"
	followTruth   = "truth"
	followSource  = "source"
	followQuote   = "quote"
	followWho     = "who"
	followWhen    = "when"
	followWhere   = "where"
	followHowMany = "howmany"
	followWhat    = "what"
)

// followIntents are the kinds a question word alone names.
var followIntents = map[intent]string{
	intentWhy:      followWhy,
	intentWho:      followWho,
	intentWhen:     followWhen,
	intentWhere:    followWhere,
	intentQuantity: followHowMany,
	intentAmount:   followHowMany,
}

// followKind is what a follow-up names of the answer it follows.
type followKind struct {
	kind string // a knowledge.FollowKinds name, or ""
	// cues are the terms of the words that named the kind: no words of
	// the follow-up's own.
	cues []int32
	// named: words named the kind ("says who?", "what did he say to
	// that?"), so the follow-up leans on the answer as plainly as "and?";
	// a question word alone ("who?") only when it is short.
	named bool
	// noun: the kind is "what" only with a word of its own, the thing
	// asked about ("what coup?"); "what were they doing" names none.
	noun bool
	// fresh: "and then?" asks what the articles tell next, not what they
	// leave open.
	fresh bool
	// explain: "talking about", "mean": the follow-up asks what the
	// answer meant.
	explain bool
	// reported: "who reported it" asks the outlets, which a question
	// alone may be answered with.
	reported bool
	// detail: "lying about what?", "врал про что?": a detail the answer
	// gives, asked with its own words.
	detail bool
}

// readKind reads the kind of follow-up the text sc.an holds (seq is its
// terms). The words that name a kind outright (source, quote, truth,
// reply) win over a question word: "who reported that?" asks for the
// source, "why did he answer that" for a reason; a word of result ("what
// happened") gives way to one: "where did that happen?" asks where.
func (e *Engine) readKind(sc *scratch, seq []qterm) followKind {
	a := &sc.an
	var fk followKind
	result := false
	set := func(k string, i int) {
		if k != "" && (fk.kind == "" || kindRank[k] < kindRank[fk.kind]) {
			fk.kind = k
		}
		if q := sc.res.resolve(a.word(i), a.tokLang(i), a.toks[i]); q.id >= int32(numIntents) || isUnknown(q.id) {
			fk.cues = append(fk.cues, q.id)
		}
	}
	last := len(a.toks) - 1
	for i := range a.toks {
		in := func(words *[numLangs]map[string]bool) bool { return kindWord(a, i, words) }
		switch {
		case in(&whenceWords):
			// "откуда это?" asks the source, "откуда он звонил?" where.
			if i < last && kindWord(a, i+1, &knownWords) {
				set(followSource, i)
				set("", i+1)
			} else {
				set(followWhere, i)
			}
		case in(&sourceWords), in(&accordingWords) && accordingTo(a, i):
			set(followSource, i)
		case in(&reportWords) && firstIntent(seq) == intentWhen:
			// "when was that reported?" asks when, not who reported it.
			set("", i)
		case in(&reportWords):
			fk.reported = true
			set(followSource, i)
		case in(&quoteWords):
			set(followQuote, i)
		case in(&truthWords) && !(i == 0 && string(a.word(0)) == "right" && len(a.toks) > 2 && string(a.word(1)) != "or"):
			// Not the "right, …" that opens "right, France 2 - when did
			// the documentary go out?"; "right or wrong?" still asks.
			set(followTruth, i)
		case in(&replyWords):
			set(followReply, i)
		case in(&sayWords) && (nextTo(a, i, &askerWords) || askerFirst(a, i) || whereSaid(a, i) || passiveSaid(a, i)):
			// "says who?", "who claimed that?", "кто именно так
			// говорил?", "where does it say that", "was that said on
			// the call?": the source.
			set(followSource, i)
		case (in(&sayWords) || in(&backVerbs)) && saidBack(a, i):
			// "what did he say to that", "say back", "come back with":
			// the reply; "what does the article say about that": the
			// articles' word on it.
			if namesArticle(a) {
				set(followTruth, i)
			} else {
				set(followReply, i)
			}
		case in(&backWords) && i > 0 && kindWord(a, i-1, &backVerbs):
			set(followReply, i)
		case in(&reasonWords):
			set(followWhy, i) // "what reason did he give?", "based on what"
		case in(&sayWords) && exactly(a):
			// "what exactly did he say": the words.
			set(followQuote, i)
		case in(&sayWords) && i < last && kindWord(a, i+1, &whatWords):
			set(followWhat, i) // "saying what?"
		case i > 0 && in(&plainWords) && kindWord(a, i-1, &explainWords):
			set("", i) // "in plain english?": no word of its own
		case in(&neutralWords), in(&explainWords):
			// "what coup is he talking about", "what did he mean?": no
			// word of its own; they ask what the answer meant.
			fk.explain = true
			set("", i)
		case aboutToDo(a, i):
			// "what was he about to do?", "what was he gonna do": what he
			// did next, as "and then?" asks.
			fk.fresh = true
			set(followNext, i)
		case in(&nextWords) && (i <= 1 || len(a.toks) <= 3 || i == last && !kindWord(a, i, &thenWords)):
			// "and then?", "what next?", "il allait faire quoi après ?";
			// not the "then" of "so what did he say on the call then?".
			fk.fresh = true
			set(followNext, i)
		case in(&whatWords) && i < last && kindWord(a, i+1, &pointWords):
			set(followWhen, i) // "at what point?", "à quel moment ?"
		case in(&whatWords) && i < last && kindWord(a, i+1, &articleWords):
			set(followSource, i) // "which article says that?"
			set("", i+1)
		case in(&resultWords):
			result = true
			set(followNext, i)
		case in(&exampleWords), in(&whatWords) && i < last && kindWord(a, i+1, &oneWords):
			set(followWhat, i) // "example?", "which one?"
		case (in(&beforeWords) || in(&afterWords)) && beforeOrAfter(a):
			set(followWhen, i) // "before or after hockey?"
		case in(&nameWords):
			set(followWho, i) // "names?", "on connaît leurs noms ?"
		case isGeneric(string(a.word(i)), a.tokLang(i)):
			// "wait", "even", "lol": chat, no word of its own, though a
			// phrasing may use it.
			set("", i)
		}
	}
	if fk.kind != "" && !(result && fk.kind == followNext && asksWhich(seq)) {
		fk.named = true
		if fk.kind == followTruth || fk.kind == followQuote || fk.kind == followSource {
			// "did he really say that?": the saying is what is asked
			// about, no word of its own.
			for i := range a.toks {
				if kindWord(a, i, &sayWords) || fk.kind == followTruth && kindWord(a, i, &emphasisWords) {
					// "is that actually true?": the stress is no word
					// of its own either.
					set("", i)
				}
			}
		}
		return fk
	}
	fk.kind = ""
	for i := 1; i < len(a.toks); i++ {
		if kindWord(a, i-1, &aboutWords) && kindWord(a, i, &askedWords) && (i == last || i+1 == last && kindWord(a, last, &exactWords)) {
			fk.detail = true // "lying about what (exactly)?"
			return fk
		}
	}
	if onlyExplains(a) {
		fk.detail = true // "meaning?", "elaborate", "really?": the answer again
		return fk
	}
	if didIt(a) {
		fk.kind, fk.named = followNext, true // "did he?": did it come about
		return fk
	}
	if last == 1 && kindWord(a, 1, &whatWords) && (kindWord(a, 0, &likeWords) || a.tokLang(0) == langEN && string(a.word(0)) == "doing") {
		fk.detail = true // "like what?", "doing what?": what the answer tells
		return fk
	}
	if len(a.toks) <= 5 && anyWord(a, &showWords) && anyWord(a, &itWords) {
		fk.detail = true // "what does it show?"
		return fk
	}
	if len(a.toks) == 2 && kindWord(a, 0, &whatWords) && kindWord(a, 1, &forWords) ||
		len(a.toks) == 3 && a.tokLang(0) == langEN && string(a.word(0)) == "to" && string(a.word(1)) == "do" && kindWord(a, 2, &whatWords) {
		fk.kind, fk.named = followWhy, true // "what for?", "to do what?"
		return fk
	}
	if k, ok := followIntents[firstIntent(seq)]; ok {
		fk.kind = k
		if c := duringCall(a); k == followWhen && c >= 0 {
			// "when in the call?": the moment of the answer's words,
			// which a question alone ("when was the call?") does not
			// ask; "call" is no word of its own.
			fk.named = true
			set("", c)
		}
		return fk
	}
	if last > 0 && a.tokLang(last) == langEN && a.toks[last].lex.intent(langEN) == intentHow {
		fk.kind = followWhy // "unlawful how?", "false how?": in what way
		return fk
	}
	switch {
	case intentIn(seq, intentWhich):
		fk.kind = followWhat // "which ones?", "which accords?"
	case len(a.toks) > 1 && (kindWord(a, 0, &whatWords) || fk.explain && anyWord(a, &whatWords)):
		// "what coup?", "что за соглашения?", "meaning what, exactly"; a
		// bare "what?" is puzzlement, "what were they doing" no question
		// about a thing, and "lying about what?" or "а Путин что?" ask
		// what the answer or the other side said.
		fk.kind, fk.noun = followWhat, !fk.explain
		// "meaning what?" leans on the answer as plainly as "and?".
		fk.named = fk.explain
	}
	return fk
}

// aboutToDo reports the English "about to do", "going to do" or "gonna
// do" at token i.
func aboutToDo(a *analysis, i int) bool {
	if a.tokLang(i) != langEN {
		return false
	}
	w, n := string(a.word(i)), len(a.toks)
	switch {
	case w == "gonna":
		return i+1 < n && string(a.word(i+1)) == "do"
	case w == "about" || w == "going":
		return i+2 < n && string(a.word(i+1)) == "to" && string(a.word(i+2)) == "do"
	}
	return false
}

// onlyExplains reports a follow-up of words asking for the answer in other
// words, or doubting it, and nothing else but stress, pointers and
// stopwords: "meaning?", "explain that pls", "in plain english?",
// "c'est-à-dire ?", "really?", "you sure?"; "то есть?" is two Russian
// stopwords, read whole.
func onlyExplains(a *analysis) bool {
	if len(a.toks) == 2 && a.toks[0].cyr && string(a.word(0)) == "то" && string(a.word(1)) == "есть" {
		return true
	}
	explains, meant := false, meantTo(a)
	for i := range a.toks {
		w, l := string(a.word(i)), a.tokLang(i)
		switch {
		case a.toks[i].lex.intent(l) != intentNone, kindWord(a, i, &whatWords):
			// "how long did they talk?", "who did he mean?"; "what did
			// he mean?" is a "what" follow-up (readKind's last switch).
			return false
		case kindWord(a, i, &explainWords), kindWord(a, i, &doubtWords), kindWord(a, i, &neutralWords) && !meant:
			explains = true
		case i > 0 && kindWord(a, i, &plainWords) && kindWord(a, i-1, &explainWords):
			// "in plain english"
		case kindWord(a, i, &followUpCues), isStop(w, l), isGeneric(w, l):
		default:
			return false
		}
	}
	return explains
}

// meantTo reports the "meant to" of "what were they meant to do?":
// supposed to, which asks what was agreed, not what the answer means.
func meantTo(a *analysis) bool {
	for i := 0; i+1 < len(a.toks); i++ {
		if a.tokLang(i) == langEN && string(a.word(i)) == "meant" && string(a.word(i+1)) == "to" {
			return true
		}
	}
	return false
}

// duringCall returns the token of "call" in "in the call", "during the
// conversation" (a moment inside the call), or -1.
func duringCall(a *analysis) int {
	for i := 1; i < len(a.toks); i++ {
		if kindWord(a, i, &callWords) && (kindWord(a, i-1, &duringWords) || i > 1 && kindWord(a, i-2, &duringWords)) {
			return i
		}
	}
	return -1
}

// accordingTo reports "according to who(m)?", "selon qui ?" at token i:
// "who" within two words after it, or another question word ending the
// follow-up ("according to what?"; not "according to what the articles
// say, …").
func accordingTo(a *analysis, i int) bool {
	for j := i + 1; j < len(a.toks) && j <= i+2; j++ {
		if kindWord(a, j, &askerWords) || j == len(a.toks)-1 && kindWord(a, j, &askedWords) {
			return true
		}
	}
	return false
}

// askerFirst reports "who" opening the follow-up with nothing but stress
// between it and the say word at i: "кто именно так говорил?", "who
// exactly said that?"; not "who did he say was behind it?".
func askerFirst(a *analysis, i int) bool {
	if i < 1 || !kindWord(a, 0, &askerWords) {
		return false
	}
	for j := 1; j < i; j++ {
		if !kindWord(a, j, &exactWords) && !kindWord(a, j, &emphasisWords) && !kindWord(a, j, &soWords) {
			return false
		}
	}
	return true
}

// askedOf reports a "what" follow-up asking what someone does or thinks:
// "what", an auxiliary and a name ("what does Yanukovich think?", "what
// did Macron want?"), not a thing the answer names ("what coup?", "what
// was it in French?").
func (e *Engine) askedOf(sc *scratch) bool {
	a := &sc.an
	for i := 2; i < len(a.toks); i++ {
		if kindWord(a, i-2, &whatWords) && kindWord(a, i-1, &auxWords) {
			q := sc.res.resolve(a.word(i), a.tokLang(i), a.toks[i])
			return q.id >= int32(numIntents) && e.ix.terms[q.id].entity
		}
	}
	return false
}

// passiveSaid reports "was that said (on the call)?" at the say word i:
// where a statement comes from, not what "it" said.
func passiveSaid(a *analysis, i int) bool {
	w := string(a.word(i))
	return i == 2 && a.tokLang(0) == langEN && (w == "said" || w == "claimed" || w == "told") &&
		(string(a.word(0)) == "was" || string(a.word(0)) == "is") && kindWord(a, 1, &thatWords)
}

// didIt reports a follow-up of an auxiliary and a pronoun alone, stress
// and "and" aside: "did he?", "and did they actually?".
func didIt(a *analysis) bool {
	aux, pron := false, false
	for i := range a.toks {
		switch {
		case i == 0 && kindWord(a, i, &followUpOpeners), kindWord(a, i, &emphasisWords):
		case kindWord(a, i, &auxWords) && !aux && !pron:
			aux = true
		case kindWord(a, i, &pronounWords) && aux && !pron:
			pron = true
		default:
			return false
		}
	}
	return aux && pron
}

// asksWhich reports a question word of a kind the follow map answers:
// "where did that happen?" asks where, not what came of it.
func asksWhich(seq []qterm) bool {
	for _, q := range seq {
		if q.id >= 0 && q.id < int32(numIntents) {
			if _, ok := followIntents[intent(q.id)]; ok {
				return true
			}
		}
	}
	return false
}

// beforeOrAfter reports "before" and "after" both: "before or after the
// hockey?" asks when.
func beforeOrAfter(a *analysis) bool {
	return anyWord(a, &beforeWords) && anyWord(a, &afterWords)
}

// anyWord reports a token of words anywhere in a.
func anyWord(a *analysis, words *[numLangs]map[string]bool) bool {
	for i := range a.toks {
		if kindWord(a, i, words) {
			return true
		}
	}
	return false
}

// kindRank orders the kinds named by words: the first wins.
var kindRank = map[string]int{followSource: 0, followQuote: 1, followTruth: 2, followReply: 3, followNext: 4, followWhy: 5, followWho: 6, followWhen: 7, followWhere: 8, followWhat: 9}

// saidBack reports a verb of saying at token i followed by "back", or by
// "to" or "about" and "that" ("what did Putin say to that?", "said
// back"), or a verb of answering back followed by "back" ("come back
// with").
func saidBack(a *analysis, i int) bool {
	if i+1 >= len(a.toks) {
		return false
	}
	if kindWord(a, i+1, &backWords) {
		return true
	}
	// "to that", "about that": a pointer, not "about him".
	w := string(a.word(i + 1))
	return kindWord(a, i, &sayWords) && (w == "to" || w == "about") && i+2 < len(a.toks) && kindWord(a, i+2, &thatWords)
}

// kindWord reports token i as one of words: of the Russian ones when it is
// Cyrillic, else of the English or the French ones, since a follow-up of
// a word or two ("lesquels ?") seldom tells its Latin language.
func kindWord(a *analysis, i int, words *[numLangs]map[string]bool) bool {
	w := a.word(i)
	if a.toks[i].cyr {
		return words[langRU][string(w)]
	}
	return words[langEN][string(w)] || words[langFR][string(w)]
}

// nextTo reports a word of words just before or after token i.
func nextTo(a *analysis, i int, words *[numLangs]map[string]bool) bool {
	for _, j := range [2]int{i - 1, i + 1} {
		if j >= 0 && j < len(a.toks) && kindWord(a, j, words) {
			return true
		}
	}
	return false
}

// whereSaid reports "where" just before the verb of saying at token i,
// or a word apart: "where does it say that", "where is that said".
func whereSaid(a *analysis, i int) bool {
	for j := max(0, i-3); j < i; j++ {
		if kindWord(a, j, &whereWords) {
			return true
		}
	}
	return false
}

// exactly reports a word asking for exact words: "what exactly did he
// say", "what did he say word for word".
func exactly(a *analysis) bool { return anyWord(a, &exactWords) }

// namesArticle reports a word naming a source: "what does the article
// say about that".
func namesArticle(a *analysis) bool { return anyWord(a, &articleWords) }

func intentIn(seq []qterm, in intent) bool {
	return slices.ContainsFunc(seq, func(q qterm) bool { return q.id == int32(in) })
}

// maxKindWords bounds the follow-ups the follow map answers: a longer
// message ("Which lawyer was Macron talking about, did he name anyone?",
// ten words) asks a question of its own, whatever kind of follow-up its
// last words name. At eight the follow-up sets score within a pair of
// no bound.
const maxKindWords = 8

// followAnswer answers the follow-up sc.an holds, analysed, after p
// (entry index pi), from p's follow map: the first entry listed under the
// follow-up's kind that holds its word of its own, if it has one ("how
// many troops?"); for "what coup?" the word may be p's instead, the thing
// its answer names. It answers nothing when the follow-up holds a word the
// index does not know or more than one of its own: then it says enough to
// be matched. A follow-up asking for the source or the words, or what the
// answer meant ("meaning what?"), gets p itself when the map names no
// entry for it, unless other: the question alone is answered by another
// entry.
func (e *Engine) followAnswer(sc *scratch, p *knowledge.Entry, pi int32, lean, other bool) (Result, bool) {
	ix := e.ix
	if len(sc.an.toks) > maxKindWords {
		return Result{}, false
	}
	sc.res.chatter = hasGreeting(&sc.an)
	seq := ix.foldPhrases(collect(&sc.an, sc.an.latin(), &sc.res, sc.seq[:0], -1))
	sc.seq = seq
	fk := e.readKind(sc, seq)
	kind, cues := fk.kind, fk.cues
	targets := p.Follow[kind]
	var own []int32
	words := 0 // of its own, before those pointing back
	for _, qt := range seq {
		if i := slices.Index(cues, qt.id); i >= 0 {
			// A word that named the kind, even one the index does not
			// know ("did it work?").
			cues = slices.Delete(cues, i, i+1)
			continue
		}
		if qt.id >= int32(numIntents) {
			words++
		}
		switch {
		case isUnknown(qt.id):
			return Result{}, false
		case qt.id >= int32(numIntents) && qt.mult == 1 && ix.entryHolds(pi, qt.id) && !ix.terms[qt.id].entity:
			// "how many troops?" after the troops were named: the word
			// points back, as "they" would. Not a corrected typo, which
			// may be another word ("religion").
		case qt.id >= int32(numIntents) && !slices.Contains(own, qt.id):
			own = append(own, qt.id)
		}
	}
	if len(own) > maxRelatedOwn || fk.noun && (words == 0 || words > 1 || e.askedOf(sc)) {
		// "what coup?" names one thing; "what was macron even calling
		// about" and "what does Yanukovich think of all this?" are
		// questions of their own.
		return Result{}, false
	}
	if !lean && !fk.named && !fk.detail {
		return Result{}, false // a question of its own
	}
	person := int32(-1)
	if len(own) == 1 && ix.terms[own[0]].entity {
		person = own[0]
		if kind == "" {
			// "а Макрон что?", "and Macron?": that person's reply.
			kind, targets = followReply, p.Follow[followReply]
		}
	}
	if fk.explain && len(own) == 0 && words == 0 && firstIntent(seq) == intentNone && !meantTo(&sc.an) {
		// "meaning what (exactly)?", "what does that mean": what the
		// answer itself means, not a thing it names ("what coup is he
		// talking about?") nor when or how long ("how long did they
		// talk?").
		return e.followResult(pi, nil, p), true
	}
	for _, id := range targets {
		j := e.entryIndex(id)
		if j < 0 || j == pi && other && (fk.reported || len(own) > 0) {
			// "who reported it" alone gets the outlets, which the answer
			// just read again does not name; nor does it add to an
			// answer that a question with words of its own gets alone.
			continue
		}
		if kind == followReply && person >= 0 && e.persons()[j] != person || fk.fresh && j != pi && ix.entUnsaid[j] {
			// "did Zelenskyy respond to that?" is not Macron's reply;
			// "and then?" asks what the articles tell next.
			continue
		}
		holds := true
		for _, t := range own {
			holds = holds && (ix.entryHolds(j, t) || kind == followWhat && ix.entryHolds(pi, t))
		}
		if holds {
			return e.followResult(j, own, p), true
		}
	}
	if (kind == followSource || kind == followQuote || kind == followWhat && fk.explain || fk.detail) && len(own) == 0 && !(other && fk.reported) {
		// The answer's own citations are its source and its words;
		// "who reported it" alone asks about the outlets, which another
		// answer (other) gives.
		return e.followResult(pi, nil, p), true
	}
	return Result{}, false
}
