package qa

import "math"

// Surface forms live in one map keyed by word, whose rows hold the word's
// term in each language: a token costs one lookup whatever its language,
// and the build fills the map the index keeps, with the occurrence counts
// the vocabulary needs alongside.

// noTerm marks a language in which a word has no term.
const noTerm int32 = math.MinInt32

// surf returns the term of the folded word w in language l.
func (ix *index) surf(w []byte, l lang) (int32, bool) {
	if i, ok := ix.surface[string(w)]; ok {
		if id := ix.surfTerms[i][l]; id != noTerm {
			return id, true
		}
	}
	return 0, false
}

// wordRec is one surface form of a build: a row of index.surfTerms.
type wordRec struct {
	word  string
	count int32 // occurrences resolved, in any language
}

// setSurf sets the term of the folded word w in language l and returns
// its row.
func (b *builder) setSurf(w string, l lang, id int32) int32 {
	ix := b.ix
	i, ok := ix.surface[w]
	if !ok {
		i = int32(len(b.recs))
		b.recs = append(b.recs, wordRec{word: w})
		ix.surfTerms = append(ix.surfTerms, [numLangs]int32{noTerm, noTerm, noTerm})
		ix.surface[w] = i
	}
	ix.surfTerms[i][l] = id
	return i
}
