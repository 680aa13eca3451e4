package qa

import (
	"math/bits"
	"unicode"
)

// Typo tolerance: a word the index has never seen, in neither its surface
// form nor its stem, is compared with the index's surface forms of similar
// length that start with the same letter. Words of 5–7 letters may be 1 edit away, longer words 2 (edits are
// insertions, deletions, substitutions and adjacent transpositions).
const (
	typoMinRunes  = 5
	typoLongRunes = 8
	maxTypoRunes  = 40
)

// vocabWord is one surface form of the index.
type vocabWord struct {
	word  string
	term  int32 // term id, or skipTerm for stopwords
	start int32 // runes in index.vocabRunes
	n     int32
	mask  uint32 // letters present, see letterMask
	cyr   bool
	count int32 // how often the index saw it, to break ties
}

// typoLimit returns the edit distance allowed for a word of n runes.
func typoLimit(n int) int {
	switch {
	case n < typoMinRunes:
		return 0
	case n < typoLongRunes:
		return 1
	}
	return 2
}

// letterMask sets one bit per letter present (a–z exactly, others hashed).
// One edit changes at most two bits, so words whose masks differ in more than
// 2k bits cannot be k edits apart.
func letterMask(rs []rune) uint32 {
	var m uint32
	for _, r := range rs {
		if 'a' <= r && r <= 'z' {
			m |= 1 << uint(r-'a')
		} else {
			m |= 1 << (26 + uint(r)%6)
		}
	}
	return m
}

// correct finds the index word nearest to w within the allowed distance.
// Ties go to the more frequent word, then to the earlier one in the sorted
// vocabulary, so the result is deterministic.
func (ix *index) correct(w []rune, sc *scratch) (term int32, dist int, ok bool) {
	k := typoLimit(len(w))
	if k == 0 || len(w) > maxTypoRunes {
		return 0, 0, false
	}
	cyr := unicode.Is(unicode.Cyrillic, w[0])
	m := letterMask(w)
	best, bestCount := k+1, int32(-1)
	lo, hi := max(len(w)-k, 0), min(len(w)+k, len(ix.byLenStart)-2)
	for n := lo; n <= hi; n++ {
		for _, vi := range ix.byLen[ix.byLenStart[n]:ix.byLenStart[n+1]] {
			v := &ix.vocab[vi]
			// Few typos hit the first letter, and allowing them turns
			// real words into others ("married" -> "carried").
			if v.cyr != cyr || bits.OnesCount32(v.mask^m) > 2*k || ix.vocabRunes[v.start] != w[0] {
				continue
			}
			d := osaWithin(w, ix.vocabRunes[v.start:v.start+v.n], min(k, best), sc)
			if d < best || (d == best && d <= k && v.count > bestCount) {
				best, bestCount, term = d, v.count, v.term
			}
		}
	}
	if best > k {
		return 0, 0, false
	}
	return term, best, true
}

// osaWithin returns the optimal-string-alignment distance between a and b
// when it is at most k, and k+1 otherwise.
func osaWithin(a, b []rune, k int, sc *scratch) int {
	if d := len(a) - len(b); d > k || -d > k {
		return k + 1
	}
	n := len(b) + 1
	if cap(sc.rows) < 3*n {
		sc.rows = make([]int32, 3*n)
	}
	rows := sc.rows[:3*n]
	prev2, prev, cur := rows[:n], rows[n:2*n], rows[2*n:]
	for j := range prev {
		prev[j] = int32(j)
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = int32(i)
		rowMin := cur[0]
		for j := 1; j < n; j++ {
			cost := int32(1)
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if int(rowMin) > k {
			return k + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if d := int(prev[n-1]); d <= k {
		return d
	}
	return k + 1
}
