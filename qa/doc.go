// Package qa answers free-text questions from a knowledge set, or refuses
// them honestly. It knows nothing of Discord; what it says when it refuses
// is the knowledge set's (knowledge.About), chosen by Result.Reason.
//
// # Analysis
//
// A question (at most MaxInputBytes, 64 words) is NFKC-normalised and case
// folded; typographic quotes and dashes are folded, Discord markup
// (<@id>, <#id>, emoji) and @mentions are dropped, French elisions are cut
// (l'appel → appel) and English clitics dropped. Its words are split into
// sentences, and a sentence that asks twice ("… and who brought it up")
// into two (analysis.splitClauses). Latin-script words are read as French
// when French cues (stopwords, accents, elisions) outnumber English ones,
// else as English;
// Cyrillic words as Russian. Chat abbreviations ("wat", "abt", "y") are read
// as the words they stand for, in English text only (abbrev.go).
//
// Each word becomes a term (words.go, engine.go: queryResolver.resolve):
// a surface form the index saw maps to its term directly; a question word
// (when, pourquoi, сколько, "how many", "what year") becomes an intent term;
// a snowball stopword or filler is skipped; otherwise the snowball stem is
// looked up, then (Russian) a stem prefix, then a typo correction within
// one or two edits (typo.go). A word still unknown is an unknown term; a
// capitalised unknown word inside the sentence is an unknown name. Synonym
// groups of the knowledge set fold to one term, phrases of two or three
// words included (phrases.go).
//
// A message of several sentences is read around a sentence that asks:
// each of up to maxFocus of them in turn (those ending with a question
// mark, last first, then those holding a question word, but not one a
// demonstrative and a copula make a statement: "that's what my friend
// said"; analysis.foci), and the most confident reading wins. The other
// sentences are context: their known terms weigh contextMult and count
// only where they match, in the score and in the penalties below, their
// unknown words and question words not at all.
//
// # Fields
//
// An entry is indexed in three fields: its phrasings (the canonical
// question and every alternate, English, French and Russian: one document
// each), its answer text, and the sentences it cites. Paraphrases reuse the
// articles' words, so the cited sentences are evidence of their own;
// a term found only there weighs quoteFactor of an answer term.
//
// # Scoring
//
// Term weights are BM25 idf over entries: w(t) = ln(1 + (N − df + 0.5) /
// (df + 0.5)), with df the entries whose phrasings hold t and N the entries
// that have phrasings in t's languages (French and Russian phrasings exist
// for some entries only, or a plain Russian verb would look as rare as a
// name). A term only in answers falls back to its answer df; an unknown
// word weighs unknownFactor × w of a term in no entry; a question word
// weighs intentWeight. Term frequency is binary: phrasings are a few words
// long, so BM25's saturation has nothing to do.
//
// A phrasing d scores the weighted harmonic mean of how much of the
// question it covers and how much of it the question covers:
//
//	f(q, d) = min(1, M(q, d) / (alpha·W(q) + (1 − alpha)·W(d)))
//
// M is the matched weight (each term's weight times its match multiplier:
// 1, or stemMult, prefixMult, typoMult for weaker matches, contextMult for
// context), W the total weights, a typo correction's unmatched share
// counting as unknown. alpha > 0.5 because a short question may well be
// answered by a longer phrasing.
//
// An entry scores its best phrasing, lifted by its answer and cited
// sentences towards 1:
//
//	s(e) = f_best + answerShare · min(1, A(q, e) / W(q)) · (1 − f_best)
//
// and times intentMiss when none of its phrasings asks the question's kind
// of question (a when-question of an entry no phrasing asks when of). A
// phrasing whose subject, the name after its "did" or "was" (subject.go),
// is another name than the question's scores subjectMiss of itself: "what
// did Putin say about meeting Biden" holds the words of "what did Biden
// say about meeting Putin" but not its question. The verb of a question
// asking what was said ("what did the press release say", contentVerb in
// subject.go) weighs headMult times its weight: common as "say" is among
// phrasings, it is what such a question asks. A question that is, once
// folded, exactly a curated phrasing scores 1, and so does one whose terms,
// in their order and at least minSameTerms content terms of them, are
// exactly one entry's phrasing's, the function words aside ("what did
// Putin say about Zelensky then"; sameTermsEntry in rank.go).
//
// # Confidence
//
// The best entry's score becomes a confidence:
//
//	c = s1 · min(1, mass / (massShare · w_max)) · (1 − marginPenalty · max(0, 1 − (s1 − s2)/marginWidth)) · P
//
// The second factor wants enough matched weight in absolute terms (one
// common word like "Putin" is not enough); the third lowers an ambiguous
// question whose runner-up s2 is close. P is a product of factors, each
// for one way a question asks what the entry does not answer (rank.go,
// index.penalty): singleMult (one shared term of several), unexplainedMult
// (an unknown name, number or content word beside too few informative
// matches), quantityMult (how many, of an entry with no number), ambiguousMult
// (one word many entries use), nameMiss (a name the entry never mentions)
// and keyMult (the question's heaviest term, its key word, absent from the
// entry). A product, so no factor depends on the order of the others.
// An exact phrasing, or one of the same terms, keeps at least 0.9.
//
// # Refusal
//
// Ask answers when c ≥ threshold, else refuses with up to MaxSuggestions
// close entries. A message that asks nothing (empty, a greeting, a bare
// mention) is refused with ReasonEmpty; a question in a language the engine
// does not read, with ReasonLanguage (language.go); a question cut at
// MaxInputBytes and not answered, with ReasonTruncated. Entries marked
// Unsaid answer the questions people ask that the articles leave open:
// their answer says so, and what the articles do say.
//
// # Follow-ups
//
// AskAfter reads a follow-up ("when was that?") after the entry it
// follows. It is asked alone first. A follow-up that names its kind (why,
// the other side's reply, what came of it, whether it is true, the source,
// the exact words, who, when, where, how many, what a thing is) with at
// most one word of its own, in at most eight words, is then answered from
// the entry's follow map, the curator's word on what answers it
// (followup_kind.go); the source or
// the words with no link are the answer itself. Otherwise, when it leans
// on what came before, it is read after that entry's question, whose
// words weigh priorMult, among that entry's neighbours; a follow-up of at
// most one word of its own that this reading refuses ("and the troops?")
// is answered by the first of that entry's related entries that fits it.
// "Is that true?", "and then?" and "source?" go to the first related
// entry before that reading; "and the other article?" and "does the
// second article say the same?" to the answer itself when it cites both
// sources, else to the related entry citing the other; "and Macron?" to
// the first related entry whose question names Macron first (followup.go
// and followup_related.go have the rules). A question that stands on its
// own comes out as Ask answers it, whatever it follows: one answered alone
// with a curated phrasing's confidence keeps that answer, and the answer
// it follows is never repeated for a question of its own whose words that
// answer does not hold.
//
// # Constants
//
// Every constant is a field of tuning (tuning.go, with its reason). Their
// values, threshold included, are fitted by coordinate descent on the
// regression question sets and follow-up sets, maximising right answers
// minus three per wrong one, and committed in tuning_fitted.go:
//
//	go test ./qa -run TestFit -fit
//
// (-fit.params=a,b fits only those, the others fixed.)
//
// A blind question set measures the engine once, before it is tuned on;
// then it joins the fitting sets (eval_test.go).
package qa
