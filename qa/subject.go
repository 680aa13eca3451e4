package qa

import "strings"

// The subject of a question: who it asks about as the one who acts. "What
// did Biden say about meeting Putin?" and "what did Putin say about meeting
// Biden?" hold the same words; the word after the auxiliary tells them
// apart. English only: French and Russian put the subject elsewhere.

// subjectTerm returns the term of the word after the first auxiliary
// ("did", "was", "has", …) of sentence focus (-1: any), or -1 when there
// is none or the sentence is passive ("was Yanukovich pushed out" names
// the one acted on, not the one who acts).
func subjectTerm(a *analysis, focus int, r resolver) int32 {
	for i := 0; i+1 < len(a.toks); i++ {
		if focus >= 0 && int(a.toks[i].sent) != focus || a.tokLang(i) != langEN || !kindWord(a, i, &auxWords) {
			continue
		}
		w := string(a.word(i))
		if a.toks[i+1].sent != a.toks[i].sent ||
			(w == "was" || w == "were") && i+2 < len(a.toks) && strings.HasSuffix(string(a.word(i+2)), "ed") {
			return -1
		}
		if q := r.resolve(a.word(i+1), langEN, a.toks[i+1]); q.id >= int32(numIntents) {
			return q.id
		}
		return -1
	}
	return -1
}

// otherSubject reports a phrasing d whose subject is a name other than the
// question's subject q: it asks what someone else did.
func (ix *index) otherSubject(q, d int32) bool {
	s := ix.docSubject[d]
	return q >= 0 && s >= 0 && q != s && ix.terms[q].entity && ix.terms[s].entity
}

// sayVerbs are the English verbs of saying and writing whose object a
// question asks for with "what did … say": the forms a member types, since
// the question is matched before stemming folds them.
var sayVerbs = wordSet("say", "said", "says", "write", "wrote", "written", "contain", "contained", "mention", "mentioned", "state", "stated", "tell", "told")

// contentVerb returns the term of the verb of sentence focus (-1: any) when
// it asks what was said: "what" and an auxiliary, then a verb of saying
// ("what did the press release say", "what does the article mention"); -1
// for none. English only, like subjectTerm.
func contentVerb(a *analysis, focus int, r resolver) int32 {
	for i := 0; i+2 < len(a.toks); i++ {
		if focus >= 0 && int(a.toks[i].sent) != focus || a.tokLang(i) != langEN {
			continue
		}
		if w := string(a.word(i)); w != "what" || !kindWord(a, i+1, &auxWords) {
			continue
		}
		for j := i + 2; j < len(a.toks) && a.toks[j].sent == a.toks[i].sent; j++ {
			if sayVerbs[string(a.word(j))] {
				if q := r.resolve(a.word(j), langEN, a.toks[j]); q.id >= int32(numIntents) {
					return q.id
				}
				return -1
			}
		}
		return -1
	}
	return -1
}

// markHead marks the terms of seq that are verb v (contentVerb; -1 marks
// none) as what the question asks.
func markHead(seq []qterm, v int32) {
	if v < 0 {
		return
	}
	for i := range seq {
		if seq[i].id == v {
			seq[i].head = true
		}
	}
}
