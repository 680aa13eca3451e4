package qa

import "math"

// During a build, surface forms live in one table keyed by word, holding
// the word's term in each language and how often the build saw it: a token
// costs one lookup rather than one in its language's map and another for
// its count. The index's per-language maps are filled from the table once
// the build is done.

// noTerm marks a language in which a word has no term yet.
const noTerm int32 = math.MinInt32

// wordRec is one surface form of a build.
type wordRec struct {
	word  string
	term  [numLangs]int32
	count int32 // occurrences resolved, in any language
}

// surf returns the term of the folded word w in language l.
func (b *builder) surf(w []byte, l lang) (int32, bool) {
	if i, ok := b.words[string(w)]; ok {
		if id := b.recs[i].term[l]; id != noTerm {
			return id, true
		}
	}
	return 0, false
}

// setSurf sets the term of the folded word w in language l and returns
// its record.
func (b *builder) setSurf(w string, l lang, id int32) *wordRec {
	i, ok := b.words[w]
	if !ok {
		i = int32(len(b.recs))
		b.recs = append(b.recs, wordRec{word: w, term: [numLangs]int32{noTerm, noTerm, noTerm}})
		b.words[w] = i
	}
	r := &b.recs[i]
	r.term[l] = id
	return r
}

// surfaceMaps fills the index's per-language surface maps from the table.
func (b *builder) surfaceMaps() {
	var n [numLangs]int
	for i := range b.recs {
		for l, id := range b.recs[i].term {
			if id != noTerm {
				n[l]++
			}
		}
	}
	for l := range numLangs {
		b.ix.surface[l] = make(map[string]int32, n[l])
	}
	for i := range b.recs {
		r := &b.recs[i]
		for l, id := range r.term {
			if id != noTerm {
				b.ix.surface[l][r.word] = id
			}
		}
	}
}
