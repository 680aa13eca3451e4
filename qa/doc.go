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
// mark, last first, then those holding a question word; analysis.foci),
// and the most confident reading wins. The other sentences are context:
// their known terms weigh contextMult and count only where they match,
// their unknown words and question words not at all.
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
// question that is, once folded, exactly a curated phrasing scores 1.
//
// # Confidence
//
// The confidence of an answer is the estimated probability that the best
// entry is the right one: a logistic model of what the ranking shows about
// it (calibrate.go),
//
//	c = σ(b + Σ wᵢ·xᵢ),  σ(z) = 1 / (1 + e^−z)
//
// with these features of the best entry e for the question q:
//
//   - s1, e's score, s2, the runner-up's, and e's lead s1 − s2 up to a
//     quarter: a close runner-up makes the question ambiguous;
//   - the matched weight as a share of one word no entry uses: one common
//     word ("Putin") is little evidence;
//   - e's best phrasing's score alone, and the shares of q's weight that
//     e's phrasings together and its answer and quotes hold: a fresh
//     question often spreads its words over several phrasings;
//   - the share of the asking words' weight in words the index never saw
//     (a follow-up's own words, not the question it follows);
//   - indicators of a mismatch: one shared term of several (single), an
//     unknown name, number or content word beside too few informative
//     matches (unexplained), "how many" of an entry with no number, a name
//     e lacks while its phrasing names another, q's heaviest term absent
//     from e, no phrasing of e asking q's kind of question;
//   - and whether e is an entry for what the articles leave open, whether
//     q is French or Russian, and whether q is a curated phrasing.
//
// The weights are fitted by logistic regression (Newton's method, a small
// ridge) on the calibration sets: blind sets whose misses never guided the
// knowledge, so their questions are as new to the index as a member's
// (calibrate_test.go). The regression sets join the fit with an offset of
// their own that the engine leaves out: they teach the weights of rare
// features while the ease they owe to phrasings written from their misses
// stays in the offset. An exact phrasing keeps at least 0.9.
//
// # Refusal
//
// Ask answers when c ≥ threshold. A calibrated confidence makes the
// threshold a cost: answering gains 1 when right and costs wrongCost (3)
// when wrong, so it pays from c = wrongCost / (wrongCost + 1) = 0.75, the
// default. A question of one word that several entries' phrasings use
// ("war") names a subject, not a question: it gets suggestions whatever
// its confidence (index.ambiguous).
//
// Below the threshold Ask refuses with up to MaxSuggestions close
// entries. A message that asks nothing (empty, a greeting, a bare
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
// most one word of its own is then answered from the entry's follow map,
// the curator's word on what answers it (followup_kind.go); the source or
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
// as a curated phrasing, or as one it all but is (a phrasing scoring 0.9
// with a confidence of 0.9 and the weight of a rare word matched), keeps
// that answer unless it opens with "and"; the answer it follows is never
// repeated for a question of its own whose words that answer does not
// hold; and a question that alone finds an entry at even odds or better
// is no comparison of the previous answer's sources.
//
// # Constants
//
// Every scoring constant is a field of tuning (tuning.go, with its
// reason). Their values are fitted by coordinate descent on the regression
// question sets and follow-up sets, maximising right answers minus three
// per wrong one, and committed in tuning_fitted.go; the confidence's
// weights are then fitted on the calibration sets and committed in
// calibration_fitted.go:
//
//	go test ./qa -run TestFit -fit
//	go test ./qa -run TestCalibrate -calibrate
//
// (-fit.params=a,b fits only those, the others fixed.) In that order: the
// weights describe the scores the constants make.
//
// A blind question set measures the engine once, before it is tuned on;
// then it joins the fitting sets (eval_test.go).
package qa
