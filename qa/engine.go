package qa

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/callbot/callbot/knowledge"
)

// MaxSuggestions is the most suggestions a Result carries.
const MaxSuggestions = 3

// MaxComplete is the most autocomplete choices Discord accepts.
const MaxComplete = 25

// Options tune the engine.
type Options struct {
	// Threshold is the minimum confidence, in (0, 1], for Ask to answer;
	// 0 means DefaultThreshold.
	Threshold float64
}

// Engine answers questions from a knowledge set. It is immutable after New
// and safe for concurrent use.
type Engine struct {
	set       *knowledge.Set
	ix        *index
	threshold float64
	pool      sync.Pool // *scratch
	// persons is firstPersons, computed once when a follow-up first
	// needs it: start-up does not pay for it.
	persons func() []int32
}

// New builds the index for set. The engine keeps set and returns pointers
// into it; the caller must not modify it afterwards.
func New(set *knowledge.Set, opts Options) (*Engine, error) {
	if set == nil {
		return nil, errors.New("qa: nil knowledge set")
	}
	th := opts.Threshold
	if math.IsNaN(th) || th < 0 || th > 1 {
		return nil, fmt.Errorf("qa: threshold %v outside (0, 1]", opts.Threshold)
	}
	tu := fittedTuning
	if th != 0 {
		tu.threshold = th
	}
	return newEngine(set, tu), nil
}

// DefaultThreshold returns the confidence Ask needs to answer when
// Options.Threshold is 0: fitted with the other constants (tuning_fitted.go).
func DefaultThreshold() float64 { return fittedTuning.threshold }

// newEngine builds an engine with the given constants.
func newEngine(set *knowledge.Set, tu tuning) *Engine {
	e := &Engine{set: set, ix: buildIndex(set, tu), threshold: tu.threshold}
	e.pool.New = func() any { return newScratch(e.ix, len(set.Entries)) }
	e.persons = sync.OnceValue(e.firstPersons)
	return e
}

// Threshold returns the confidence the engine needs to answer.
func (e *Engine) Threshold() float64 { return e.threshold }

// Ask answers a free-text question. Below the threshold the result is a
// refusal (Answered false, Entry nil) with up to MaxSuggestions nearby
// entries; an answered result may also suggest close runners-up. Input
// beyond MaxInputBytes or 64 words is not analysed. Result.Question is q
// unchanged.
func (e *Engine) Ask(q string) Result {
	sc := e.scratch()
	defer e.pool.Put(sc)
	sc.an.run(q)
	var foci [maxFocus]int
	n := sc.an.foci(foci[:])
	if n == 0 {
		return e.answer(sc, q, -1)
	}
	// Each asking sentence is read in turn with the rest as context; the
	// most confident reading wins, the later sentence on a tie.
	best := e.answer(sc, q, foci[0])
	for _, f := range foci[1:n] {
		if r := e.answer(sc, q, f); r.Confidence > best.Confidence {
			best = r
		}
	}
	return best
}

// answer answers the text sc.an holds, read around sentence focus (-1:
// all of it); q is the question as asked, for the result and the
// language identifier.
func (e *Engine) answer(sc *scratch, q string, focus int) Result {
	res := Result{Question: q}
	sc.res.chatter = hasGreeting(&sc.an)
	sc.seq = collect(&sc.an, sc.an.latin(), &sc.res, sc.seq[:0], focus)
	sc.subject = subjectTerm(&sc.an, focus, &sc.res)
	markHead(sc.seq, contentVerb(&sc.an, focus, &sc.res))
	if sc.allow != nil {
		// A follow-up asks about what it follows: the previous
		// question's words are part of what it asks.
		for i := range sc.seq {
			if sc.seq[i].context {
				sc.seq[i].context, sc.seq[i].prior = false, true
			}
		}
	}
	sc.seq = e.ix.foldPhrases(sc.seq)
	sc.seq = dedupe(sc.seq)
	if n := contentTerms(sc.seq); n == 0 || sc.res.chatter && n == 1 && n == len(sc.seq) {
		res.Lang = sc.an.language()
		res.Reason = ReasonEmpty
		return res
	}
	res.Lang = sc.an.language()
	if code, ok := unreadLanguage(q, &sc.an, sc.seq, &sc.guess); ok {
		res.Reason = ReasonLanguage
		res.Lang = code
		return res
	}
	rk := e.ix.rank(sc)
	res.Confidence = rk.conf
	if rk.n == 0 {
		if sc.an.truncated {
			res.Reason = ReasonTruncated
		}
		return res
	}
	res.Candidates = make([]Candidate, 0, min(rk.n, MaxSuggestions))
	for _, c := range rk.top[:min(rk.n, MaxSuggestions)] {
		res.Candidates = append(res.Candidates, Candidate{ID: e.set.Entries[c.entry].ID, Score: float64(c.score)})
	}
	top := rk.top[0]
	if rk.conf >= e.threshold && (sc.allow == nil || e.ix.holdsKey(sc.seq, top.entry, sc.followStrict)) {
		res.Answered = true
		res.Entry = &e.set.Entries[top.entry]
		res.Matched = e.ix.matched(sc.seq, top)
		res.Suggestions = e.suggest(&rk, 1, suggestShare*top.score)
		return res
	}
	res.Suggestions = e.suggest(&rk, 0, suggestMin)
	if sc.an.truncated {
		res.Reason = ReasonTruncated
	}
	return res
}

// hasContent reports whether seq holds a term other than a question word.
func hasContent(seq []qterm) bool {
	for _, q := range seq {
		if q.id >= int32(numIntents) || isUnknown(q.id) {
			return true
		}
	}
	return false
}

// suggest lists ranked entries from position from whose score is at least
// minScore.
func (e *Engine) suggest(rk *ranking, from int, minScore float32) []Suggestion {
	var out []Suggestion
	for _, c := range rk.top[from:rk.n] {
		if len(out) == MaxSuggestions || c.score < max(minScore, suggestMin) {
			break
		}
		if out == nil {
			out = make([]Suggestion, 0, min(MaxSuggestions, rk.n-from))
		}
		en := &e.set.Entries[c.entry]
		out = append(out, Suggestion{ID: en.ID, Question: en.Question})
	}
	return out
}

// matched lists the display forms of the question's terms that the
// candidate's best phrasing or evidence holds.
func (ix *index) matched(seq []qterm, c candidate) []string {
	var out []string
	for _, q := range seq {
		if q.id < int32(numIntents) {
			continue
		}
		found := false
		if c.doc >= 0 {
			d := ix.docs[c.doc]
			_, found = slices.BinarySearch(ix.docTerms[d.start:d.end], q.id)
		}
		if !found {
			for _, h := range ix.ev[ix.evStart[q.id]:ix.evStart[q.id+1]] {
				if h.entry == c.entry {
					found = true
					break
				}
			}
		}
		if found {
			if out == nil {
				out = make([]string, 0, len(seq))
			}
			out = append(out, ix.terms[q.id].display)
		}
	}
	return out
}

// Answer returns the entry with the given id as an answered result with
// confidence 1, for buttons and menus.
func (e *Engine) Answer(id string) (Result, bool) {
	en, ok := e.set.Entry(id)
	if !ok {
		return Result{}, false
	}
	return Result{Question: en.Question, Answered: true, Entry: en, Confidence: 1}, true
}

// Complete ranks curated questions for partly typed text, for Discord
// autocomplete: whole words count by weight, and the last word, when the
// text ends inside it, matches every index word it begins. It returns at
// most limit (capped at MaxComplete) suggestions, each with the entry's
// canonical question; text with no words gives the first entries in set
// order, text whose words match nothing gives none.
func (e *Engine) Complete(prefix string, limit int) []Suggestion {
	limit = min(limit, MaxComplete, len(e.set.Entries))
	if limit <= 0 {
		return nil
	}
	sc := e.scratch()
	defer e.pool.Put(sc)
	sc.an.run(prefix)
	n := len(sc.an.toks)
	if n == 0 {
		return e.first(limit)
	}
	var partial []byte
	if sc.an.trailing {
		partial = sc.an.word(n - 1)
		sc.an.toks = sc.an.toks[:n-1]
	}
	sc.res.chatter = false
	sc.seq = collect(&sc.an, sc.an.latin(), &sc.res, sc.seq[:0], -1)
	sc.seq = e.ix.foldPhrases(sc.seq)
	sc.seq = dedupe(sc.seq)
	if len(sc.seq) == 0 && partial == nil {
		return e.first(limit)
	}
	ranked, expanded := e.ix.completeRank(sc, partial)
	if len(ranked) == 0 && !hasContent(sc.seq) && (partial == nil || expanded) {
		return e.first(limit) // only stopwords so far ("what is th")
	}
	out := make([]Suggestion, 0, min(limit, len(ranked)))
	for _, ei := range ranked[:min(limit, len(ranked))] {
		en := &e.set.Entries[ei]
		out = append(out, Suggestion{ID: en.ID, Question: en.Question})
	}
	return out
}

func (e *Engine) first(limit int) []Suggestion {
	out := make([]Suggestion, 0, limit)
	for i := range limit {
		en := &e.set.Entries[i]
		out = append(out, Suggestion{ID: en.ID, Question: en.Question})
	}
	return out
}

// maxExpansions bounds how many index words a partial last word expands to.
const maxExpansions = 64

// completeRank scores entries for autocomplete and returns their indexes,
// best first, and whether the partial word begins any index word. The
// returned slice is scratch: valid until sc is reused.
func (ix *index) completeRank(sc *scratch, partial []byte) (ranked []int32, expanded bool) {
	for _, q := range sc.seq {
		if q.id < 0 {
			continue
		}
		w := ix.terms[q.id].weight * q.mult
		for _, e := range ix.ent[ix.entStart[q.id]:ix.entStart[q.id+1]] {
			sc.touch(e)
			sc.ev[e] += w
		}
	}
	if len(partial) > 0 {
		p := string(partial)
		i, _ := slices.BinarySearchFunc(ix.vocab, p, func(v vocabWord, p string) int { return strings.Compare(v.word, p) })
		for n := 0; i < len(ix.vocab) && n < maxExpansions && strings.HasPrefix(ix.vocab[i].word, p); i, n = i+1, n+1 {
			expanded = true
			t := ix.vocab[i].term
			if t < 0 {
				continue
			}
			w := ix.terms[t].weight
			for _, e := range ix.ent[ix.entStart[t]:ix.entStart[t+1]] {
				sc.touch(e)
				sc.best[e] = max(sc.best[e], w)
			}
		}
	}
	for _, e := range sc.entTouched {
		sc.ev[e] += sc.best[e]
	}
	slices.SortFunc(sc.entTouched, func(a, b int32) int {
		if sc.ev[a] != sc.ev[b] {
			if sc.ev[a] > sc.ev[b] {
				return -1
			}
			return 1
		}
		return int(a - b)
	})
	for _, e := range sc.entTouched {
		sc.best[e], sc.ev[e], sc.mark[e] = 0, 0, false
	}
	out := sc.entTouched
	sc.entTouched = sc.entTouched[:0]
	return out, expanded
}

// scratch is the per-question working memory, pooled so that Ask allocates
// nothing but its result.
type scratch struct {
	an    analysis
	seq   []qterm
	res   queryResolver
	runes []rune
	rows  []int32
	order []int32 // question terms, heaviest first (see rank)

	acc        []float32 // per doc: matched weight
	touched    []int32   // docs with acc > 0
	best       []float32 // per entry: best phrasing score
	bestAcc    []float32
	bestDoc    []int32
	ev         []float32 // per entry: matched answer weight
	mark       []bool    // per entry: in entTouched
	entTouched []int32
	// allow, when not nil, limits the candidates to the entries it marks
	// (a follow-up is answered from around the answer it follows);
	// followStrict asks such an answer to know every word (see AskAfter).
	allow        []bool
	followStrict bool
	// prev is the entry a follow-up follows, -1 when there is none.
	prev int32
	// subject is the question's subject term (subjectTerm), -1 for none.
	subject int32
	// guess is the language detection of the question being asked.
	guess langGuess
}

func newScratch(ix *index, nEntries int) *scratch {
	sc := &scratch{
		an:         analysis{norm: make([]byte, 0, 256), text: make([]byte, 0, 256), spare: make([]byte, 0, 256), toks: make([]token, 0, maxTokens)},
		seq:        make([]qterm, 0, maxTokens),
		acc:        make([]float32, len(ix.docs)),
		touched:    make([]int32, 0, len(ix.docs)),
		best:       make([]float32, nEntries),
		bestAcc:    make([]float32, nEntries),
		bestDoc:    make([]int32, nEntries),
		ev:         make([]float32, nEntries),
		mark:       make([]bool, nEntries),
		entTouched: make([]int32, 0, nEntries),
		runes:      make([]rune, 0, maxTypoRunes),
	}
	for i := range sc.bestDoc {
		sc.bestDoc[i] = -1
	}
	sc.prev = -1
	sc.res = queryResolver{ix: ix, sc: sc}
	sc.an.cues = ix.frCues
	return sc
}

// scratch takes working memory from the pool with the state one question
// leaves behind cleared: a pooled scratch may come from any earlier call, so
// a greeting there must not drop words here. Return it with e.pool.Put.
func (e *Engine) scratch() *scratch {
	sc := e.pool.Get().(*scratch)
	sc.reset()
	return sc
}

// reset clears what a question sets on sc besides its buffers (which every
// use overwrites from the start).
func (sc *scratch) reset() {
	sc.res.chatter = false
	sc.allow, sc.followStrict, sc.prev = nil, false, -1
	sc.guess = langGuess{}
}

// touch adds entry e to the touched list once.
func (sc *scratch) touch(e int32) {
	if !sc.mark[e] {
		sc.mark[e] = true
		sc.entTouched = append(sc.entTouched, e)
	}
}

// queryResolver maps a question's words to terms without changing the
// index: known surface forms by lookup, others by stem, then by typo
// correction; anything else is unknown.
type queryResolver struct {
	ix *index
	sc *scratch
	// chatter drops pleasantries: the message holds a greeting.
	chatter bool
}

func (r *queryResolver) resolve(w []byte, l lang, t token) qterm {
	ix := r.ix
	if r.chatter && isPleasantry(w, l) {
		return qterm{id: skipTerm}
	}
	row, known := ix.surface[string(w)]
	if known && ix.surfTerms[row][l] != noTerm {
		return qterm{id: ix.surfTerms[row][l], mult: 1}
	}
	if t.num {
		if id, ok := ix.keys[string(w)]; ok {
			return qterm{id: id, mult: 1}
		}
		return qterm{id: unknownNum, mult: 1}
	}
	if isStopBytes(w, l) {
		return qterm{id: skipTerm}
	}
	if l != langRU {
		// A word the other Latin-script language knows (a name, "hockey"
		// in a French question) is the same word.
		if known && ix.surfTerms[row][langEN+langFR-l] >= 0 {
			return qterm{id: ix.surfTerms[row][langEN+langFR-l], mult: 1}
		}
	}
	// Only words the index never saw reach the stemmer (and allocate).
	st := stem(string(w), l)
	if id, ok := ix.keys[st]; ok {
		return qterm{id: id, mult: ix.tuning.stemMult}
	}
	if isGeneric(string(w), l) {
		return qterm{id: skipTerm}
	}
	if l == langRU {
		if id, ok := ix.ruPrefix[cyrPrefix(st)]; ok && id >= 0 {
			return qterm{id: id, mult: ix.tuning.prefixMult}
		}
	}
	if t.alpha {
		r.sc.runes = runesOf(r.sc.runes, w)
		if id, d, ok := ix.correct(r.sc.runes, r.sc); ok {
			return qterm{id: id, mult: ix.tuning.typoMult[d]}
		}
	}
	// A capitalised word inside a question that is not capitalised
	// throughout is a name, and a name the articles never use is a sure
	// sign that the question is about something else.
	if a := &r.sc.an; t.capital && !t.initial && 2*a.capitals <= len(a.toks) {
		return qterm{id: unknownName, mult: 1}
	}
	return qterm{id: unknownTerm, mult: 1}
}

// isStopBytes is isStop for a byte slice, without allocating.
func isStopBytes(w []byte, l lang) bool {
	return isStop(string(w), l)
}
