package qa

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// weigh computes document frequencies over entries, BM25 idf weights, doc
// totals and the posting lists.
func (b *builder) weigh(nEntries int, evidence [][]qterm) {
	ix := b.ix
	nt := len(ix.terms)
	last := make([]int32, nt)
	for i := range last {
		last[i] = -1
	}
	// Question-side document frequency (entCount) decides a term's weight;
	// terms only in answers and quotes fall back to their evidence df. Words
	// common in answers ("article") still tell phrasings apart.
	entCount := make([]int32, nt+1)
	evCount := make([]int32, nt)
	termLangs := make([]uint8, nt) // languages of the phrasings holding t
	entLangs := make([]uint8, nEntries)
	// Docs come in entry order; each entry's evidence is seen after its
	// docs, so df counts a term once per entry.
	ix.entIntents = make([]uint16, nEntries)
	di := 0
	for e, ev := range evidence {
		for ; di < len(ix.docs) && ix.docs[di].entry == int32(e); di++ {
			d := ix.docs[di]
			entLangs[e] |= 1 << b.docLang[di]
			for _, t := range ix.docTerms[d.start:d.end] {
				if t < int32(numIntents) {
					ix.entIntents[e] |= 1 << t
				}
				termLangs[t] |= 1 << b.docLang[di]
				if last[t] != int32(e) {
					last[t] = int32(e)
					entCount[t]++
					ix.terms[t].df++
				}
			}
		}
		for _, q := range ev {
			evCount[q.id]++ // evidence terms are unique per entry
			if last[q.id] != int32(e) {
				last[q.id] = int32(e)
				ix.terms[q.id].df++
			}
		}
	}
	// French and Russian phrasings exist for some entries only: a term's
	// idf counts the entries that have phrasings in its languages, or a
	// plain Russian verb would look as rare as a name.
	var nLang [1 << numLangs]int32
	for m := range nLang {
		for _, el := range entLangs {
			if el&uint8(m) != 0 {
				nLang[m]++
			}
		}
	}
	for t := range ix.terms {
		ti := &ix.terms[t]
		if t < int(numIntents) {
			ti.weight = ix.tuning.intentWeight
			continue
		}
		n, df := float64(nEntries), float64(evCount[t])
		if entCount[t] > 0 {
			n, df = float64(nLang[termLangs[t]]), float64(entCount[t])
		} else if df == 0 {
			// A synonym no entry uses weighs what an unknown word does.
			ti.weight = ix.tuning.unknownFactor * float32(math.Log(1+(n+0.5)/0.5))
			continue
		}
		ti.weight = float32(math.Log(1 + (n-df+0.5)/(df+0.5)))
		if ti.short {
			ti.weight /= 4 // "2" of "France 2" is weak evidence
		}
	}
	n := float64(nEntries)
	ix.unknownWeight = ix.tuning.unknownFactor * float32(math.Log(1+(n+0.5)/0.5))
	for i := range ix.docs {
		d := &ix.docs[i]
		for _, t := range ix.docTerms[d.start:d.end] {
			d.total += ix.terms[t].weight
		}
	}

	// Posting lists, compressed-row style.
	ix.postStart = make([]int32, nt+1)
	for _, d := range ix.docs {
		for _, t := range ix.docTerms[d.start:d.end] {
			ix.postStart[t+1]++
		}
	}
	prefixSum(ix.postStart)
	ix.post = make([]int32, len(ix.docTerms))
	fill := slices.Clone(ix.postStart[:nt])
	for di, d := range ix.docs {
		for _, t := range ix.docTerms[d.start:d.end] {
			ix.post[fill[t]] = int32(di)
			fill[t]++
		}
	}

	ix.evStart = make([]int32, nt+1)
	for _, ev := range evidence {
		for _, q := range ev {
			ix.evStart[q.id+1]++
		}
	}
	prefixSum(ix.evStart)
	ix.ev = make([]evHit, ix.evStart[nt])
	copy(fill, ix.evStart[:nt])
	for e, ev := range evidence {
		for _, q := range ev {
			ix.ev[fill[q.id]] = evHit{entry: int32(e), factor: q.mult}
			fill[q.id]++
		}
	}

	ix.entStart = make([]int32, nt+1)
	copy(ix.entStart[1:], entCount)
	prefixSum(ix.entStart)
	ix.ent = make([]int32, ix.entStart[nt])
	copy(fill, ix.entStart[:nt])
	for i := range last {
		last[i] = -1
	}
	for _, d := range ix.docs {
		for _, t := range ix.docTerms[d.start:d.end] {
			if last[t] != d.entry {
				last[t] = d.entry
				ix.ent[fill[t]] = d.entry
				fill[t]++
			}
		}
	}
}

func prefixSum(a []int32) {
	for i := 1; i < len(a); i++ {
		a[i] += a[i-1]
	}
}

// vocabulary lists every surface form the index saw, for typo correction
// and autocomplete. English forms win over French ones for the same word.
func (b *builder) vocabulary() {
	ix := b.ix
	// Sorting by word: the first eight bytes, as one big-endian integer,
	// decide most of the order (words hold no zero bytes, so a shorter word
	// sorts first as strings.Compare has it).
	type sortKey struct {
		head uint64
		rec  int32
	}
	keys := make([]sortKey, len(b.recs))
	nr := 0
	for i := range b.recs {
		w := b.recs[i].word
		keys[i] = sortKey{head8(w), int32(i)}
		nr += utf8.RuneCountInString(w)
	}
	// A radix sort on the heads, then words sharing a head by comparison.
	tmp := make([]sortKey, len(keys))
	for shift := 0; shift < 64; shift += 8 {
		var count [257]int
		for _, k := range keys {
			count[byte(k.head>>shift)+1]++
		}
		if slices.Contains(count[1:], len(keys)) {
			continue // every key has the same byte here
		}
		for i := 1; i < len(count); i++ {
			count[i] += count[i-1]
		}
		for _, k := range keys {
			d := byte(k.head >> shift)
			tmp[count[d]] = k
			count[d]++
		}
		keys, tmp = tmp, keys
	}
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j].head == keys[i].head {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(keys[i:j], func(x, y sortKey) int {
				return strings.Compare(b.recs[x.rec].word, b.recs[y.rec].word)
			})
		}
		i = j
	}
	ix.vocab = make([]vocabWord, len(keys))
	ix.vocabRunes = make([]rune, 0, nr)
	for i, k := range keys {
		r := &b.recs[k.rec]
		id := noTerm
		for _, t := range ix.surfTerms[k.rec] {
			if t != noTerm {
				id = t // the first language with the word
				break
			}
		}
		r0, _ := utf8.DecodeRuneInString(r.word)
		ix.vocab[i] = vocabWord{word: r.word, term: id, count: r.count, cyr: unicode.Is(unicode.Cyrillic, r0)}
	}
	maxN := 0
	for i := range ix.vocab {
		v := &ix.vocab[i]
		v.start = int32(len(ix.vocabRunes))
		for _, r := range v.word {
			ix.vocabRunes = append(ix.vocabRunes, r)
		}
		v.n = int32(len(ix.vocabRunes)) - v.start
		v.mask = letterMask(ix.vocabRunes[v.start:])
		maxN = max(maxN, int(v.n))
	}
	ix.byLenStart = make([]int32, maxN+2)
	for _, v := range ix.vocab {
		ix.byLenStart[v.n+1]++
	}
	prefixSum(ix.byLenStart)
	ix.byLen = make([]int32, len(ix.vocab))
	fill := slices.Clone(ix.byLenStart)
	for i, v := range ix.vocab {
		ix.byLen[fill[v.n]] = int32(i)
		fill[v.n]++
	}
}

// head8 returns the first eight bytes of w as a big-endian integer, zero
// padded.
func head8(w string) uint64 {
	var h uint64
	for i := range 8 {
		h <<= 8
		if i < len(w) {
			h |= uint64(w[i])
		}
	}
	return h
}

// names marks the terms of the analysed text's capitalised words, other
// than sentence starts, as names.
func (b *builder) names() {
	for i, t := range b.an.toks {
		if t.initial || !t.alpha {
			continue
		}
		l := b.an.latin()
		if t.cyr {
			l = langRU
		}
		if id, ok := b.ix.surf(b.an.word(i), l); ok && id >= int32(numIntents) {
			if t.capital {
				b.caps[id]++
			} else {
				b.caps[id] = -1 << 20 // also written in lower case: a common word
			}
		}
	}
}
