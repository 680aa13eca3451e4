package qa

// A question's terms: what collect makes of its analysed tokens, in order,
// before ranking (rank.go).

// collect turns analysed tokens into terms, in order: question words become
// intent terms, everything else goes through r. latin is the language for
// Latin-script words.
//
// When focus is a sentence (see analysis.focus), the other sentences are
// context: their words the index knows weigh tuning.contextMult, and
// their question words and unknown words not at all, since they ask
// nothing and an unknown word of the preamble ("my uncle at dinner") says
// nothing about what is asked.
func collect(a *analysis, latin lang, r resolver, seq []qterm, focus int) []qterm {
	from, clock := len(seq), -1
	for i := 0; i < len(a.toks); i++ {
		t := a.toks[i]
		w := a.word(i)
		l := latin
		if t.cyr {
			l = langRU
		}
		if focus >= 0 && int(t.sent) != focus {
			if t.lex.intent(l) != intentNone {
				continue
			}
			if q := r.resolve(w, l, t); q.id >= 0 {
				q.context = true
				seq = append(seq, q)
			}
			continue
		}
		if !t.num {
			if l == langEN && t.lex&lexEndUp != 0 && i+1 < len(a.toks) && a.toks[i+1].lex&lexUp != 0 {
				i++
				continue
			}
			if t.lex.which(l) && i+1 < len(a.toks) && a.toks[i+1].lex.time(l) {
				seq = append(seq, qterm{id: int32(intentWhen), mult: 1})
				i++
				if clockWords[string(a.word(i))] {
					// "What time" asks for a time of day, which a date
					// does not answer: the word stays a term too.
					clock = len(seq)
					seq = append(seq, r.resolve(a.word(i), l, a.toks[i]))
				}
				continue
			}
			if t.lex.which(l) && string(w) != "what" && string(w) != "whats" && i+1 < len(a.toks) && !a.toks[i+1].num && !isStop(string(a.word(i+1)), l) {
				// Not "what": "what Putin said" names no thing asked for.
				seq = append(seq, qterm{id: int32(intentWhich), mult: 1})
				continue
			}
			if in := t.lex.intent(l); in != intentNone {
				in, skip := refineIntent(a, i, l, in)
				seq = append(seq, qterm{id: int32(in), mult: 1})
				i += skip
				continue
			}
		}
		if l == langEN && (string(w) == "true" || string(w) == "case") && truthWrapper(a, i) {
			// "is it true (that) Putin took the call from a gym?",
			// "isn't it the case that …" ask whether he did: the
			// wrapper is no word of the question.
			continue
		}
		if l == langEN && string(w) == "else" && i > 0 && thingWords[string(a.word(i-1))] {
			// "anything else?", "what else did he say": more of the
			// same, not "anyone else", someone other than the two.
			continue
		}
		if topicFrame(a, i, l) {
			// "what's the deal with the press release", "что за история
			// с пресс-релизом?": the frame asks about the thing, as
			// "the press release?" does; its noun and preposition are
			// no words of it ("behind" is one of the story's).
			i++
			continue
		}
		if l == langEN && string(w) == "actually" && !a.polar(int(t.sent)) {
			// "what did he actually say": emphasis. Only "did it actually
			// happen" asks whether it happened, which the articles may
			// not say.
			continue
		}
		if q := r.resolve(w, l, t); q.id != skipTerm {
			seq = append(seq, q)
		}
	}
	if clock >= 0 && contentTerms(seq[from:]) == 1 {
		// "What time is it?" asks the time now, not of anything.
		seq = append(seq[:clock], seq[clock+1:]...)
	}
	return seq
}

// topicFrame reports the noun of a frame that asks about a thing as a
// whole: a frameNouns word after a question word or a frameAskers one (at
// most three words before it) and before a frame preposition ("the deal
// with", "up with", "l'histoire avec", "история с"). Not "l'histoire de
// l'appel", which asks for the story of the call: a summary.
func topicFrame(a *analysis, i int, l lang) bool {
	w := string(a.word(i))
	if !frameNouns[l][w] {
		return false
	}
	asked := false
	for j := max(0, i-3); j < i; j++ {
		jl := a.tokLang(j)
		asked = asked || a.toks[j].lex.intent(jl) != intentNone || a.toks[j].lex.which(jl) || frameAskers[jl][string(a.word(j))]
	}
	if !asked {
		return false
	}
	if w == "up" && !(i > 0 && a.toks[i-1].lex.which(langEN)) {
		return false // "what did he bring up with …"
	}
	return i+1 < len(a.toks) && framePreps[a.tokLang(i+1)][string(a.word(i+1))]
}

// thingWords before "else" ask for more of what was said.
var thingWords = wordSet("anything", "something", "nothing", "what", "whats")

// resolver maps a folded word to a term.
type resolver interface {
	resolve(w []byte, l lang, t token) qterm
}

// dedupe drops repeated terms in place, keeping the best multiplier. Unknown
// words are all kept: each one counts against the question.
func dedupe(seq []qterm) []qterm {
	out := seq[:0]
next:
	for _, q := range seq {
		if q.id >= 0 {
			for i := range out {
				if out[i].id == q.id {
					out[i].mult = max(out[i].mult, q.mult)
					out[i].context = out[i].context && q.context
					continue next
				}
			}
		}
		out = append(out, q)
	}
	return out
}

// truthWrapper reports the "true" of "is it true (that) …" or the "case"
// of "isn't it the case that …" at token i, followed by a clause of at
// least two words.
func truthWrapper(a *analysis, i int) bool {
	if i < 1 || i+2 >= len(a.toks) || a.toks[i+1].sent != a.toks[i].sent {
		return false
	}
	prev := string(a.word(i - 1))
	if string(a.word(i)) == "case" {
		return prev == "the" && i >= 2 && string(a.word(i-2)) == "it" && string(a.word(i+1)) == "that"
	}
	return prev == "it" || prev == "its" || prev == "thats" || prev == "that"
}
