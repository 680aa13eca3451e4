package qa

import "slices"

// Multi-word synonyms ("ice hockey", "war games") are phrases: runs of
// two or three terms folded into the synonym's term.

func (b *builder) phrase(k phraseKey, id int32) {
	ix := b.ix
	if _, ok := ix.phrases[k]; !ok {
		ix.phrases[k] = id
		if i, found := slices.BinarySearch(ix.phraseFirst, k[0]); !found {
			ix.phraseFirst = slices.Insert(ix.phraseFirst, i, k[0])
		}
	}
}

// foldPhrases replaces runs of two or three terms that form a multi-word
// synonym with the synonym's term, in place.
func (ix *index) foldPhrases(seq []qterm) []qterm {
	if len(ix.phrases) == 0 {
		return seq
	}
	phrases := ix.phrases
	out := seq[:0]
	for i := 0; i < len(seq); {
		if i+1 >= len(seq) || !ix.startsPhrase(seq[i].id) {
			out = append(out, seq[i])
			i++
			continue
		}
		if i+2 < len(seq) {
			if id, ok := phrases[phraseKey{seq[i].id, seq[i+1].id, seq[i+2].id}]; ok {
				out = append(out, qterm{id: id, mult: min(seq[i].mult, seq[i+1].mult, seq[i+2].mult)})
				i += 3
				continue
			}
		}
		if i+1 < len(seq) {
			if id, ok := phrases[phraseKey{seq[i].id, seq[i+1].id, -1}]; ok {
				out = append(out, qterm{id: id, mult: min(seq[i].mult, seq[i+1].mult)})
				i += 2
				continue
			}
		}
		out = append(out, seq[i])
		i++
	}
	return out
}

// startsPhrase reports whether some phrase starts with term id.
func (ix *index) startsPhrase(id int32) bool {
	if len(ix.phraseFirst) <= 8 {
		return slices.Contains(ix.phraseFirst, id)
	}
	_, found := slices.BinarySearch(ix.phraseFirst, id)
	return found
}
