package qa

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Question sets the engine is measured on; # starts a comment in each file.
// *_in.tsv hold in-scope questions, *_out.tsv questions the articles cannot
// answer. A line is label<TAB>question, or label<TAB>lang<TAB>question in
// the sets that name each question's language (en, fr, ru, de, es).
//
// In-scope labels: an entry id, several ids joined by | when more than one
// entry answers the question rightly, or "none" when the articles answer it
// but no entry does (anything answered is then wrong).
//
// Out-of-scope labels: near (about the call, its people or the war, but not
// in the articles), far (unrelated) or lang (a language the engine does not
// read: right only when refused for that reason). near and far may name,
// after a colon, the entries whose answer says plainly that the articles do
// not tell it: near:unsaid-call-time|call-leak.
//
// Every question has one of three outcomes: right; refused (for in-scope
// questions; for out-of-scope ones a refusal is the right outcome); wrong
// (a wrong entry answered). Wrong is reported on its own: it costs more
// trust than a refusal.
//
//   - dev: the calibration set the scoring constants were fitted on.
//   - eval, blind, blind2: written by the first wave; tuned on since, so
//     regression sets.
//   - blind3: written on 2026-12-01 by a helper session that saw only the
//     two articles; its first score is the baseline of issue 8. Tuned on
//     since: a regression set.
//   - blind4: written the same way the same morning, sealed until its first
//     score after the day's first rounds of work; tuned on since.
//   - blind5: written after blind4's first score, sealed until its own after
//     the knowledge round blind4 guided; tuned on since.
//   - blind6: written after blind5's first score, sealed until its own after
//     the knowledge round blind5 guided; a fourth round (unsaid entries)
//     was guided by it.
//   - blind7: written after that fourth round, sealed until its first
//     score; a fifth round (phrasings for its misses) was guided by it,
//     and it joined fitSets.
//   - blind8: written at the start of the day's second session, sealed,
//     labelled unread; scored once at that session's end (README).
//   - blind9, blind10, blind11, blind12: written in the second session,
//     one after another, as validation sets for its changes: each scored
//     once, then tuned on (knowledge rounds six to nine); in fitSets.
//   - blind13, blind14: written at the second session's end, scored once;
//     not tuned on.
//   - blind15: written at the third session's start, sealed, scored at
//     its start and once at its end; not tuned on.
//   - blind16, blind17, blind18: the third session's validation sets,
//     each scored once, then tuned on (rounds ten to twelve); in fitSets.
//   - blind22, blind24, blind25: the fourth session's validation sets,
//     each scored once, then tuned on (rounds thirteen, fifteen and
//     sixteen); in fitSets.
//   - blind21: written at the fourth session's start, sealed, scored at
//     its start and once at its end; not tuned on.
//   - blind23: written mid-session, sealed, labelled and scored once at
//     its end; not tuned on.
//   - blind26: written after those were scored, labelled and scored once
//     at the session's very end; not tuned on.
//   - blind19: written in the third session, sealed, labelled and scored
//     once at its end; not tuned on.
//   - blind27, blind28, blind29: written in the fifth session from the
//     articles alone, sealed, labelled unread against 73c60aa; scored at
//     the session's start engine and at the engine of a confidence model
//     that was then dropped (README). blind27's misses were seen at its
//     first score, by a filter mistake. Tuned on in knowledge round
//     eighteen, with the nine old measures (blind8 to blind26), which
//     round seventeen had tuned on: all twelve are regression sets now.
//   - blind32: written before the subject rule, sealed, labelled unread
//     against b6f9fb8, scored before and after it; tuned on in round
//     nineteen.
//   - blind30: written before round seventeen, sealed, labelled unread
//     against its knowledge, scored before and after it and after round
//     eighteen; blind31: written before round eighteen, labelled unread
//     against its knowledge, scored before and after it. The fifth
//     session's measures; with blind32 tuned on in round nineteen (the
//     sixth session) and in fitSets.
//   - blind33, blind34: written at the sixth session's start, sealed,
//     labelled unread against 119fdd2, scored at its start and after
//     round nineteen (which they measured); tuned on in round twenty.
//   - blind35, blind36: written after them, sealed before rounds nineteen
//     and twenty, labelled unread against 119fdd2 (the same knowledge),
//     scored at their arrival, at the session's start engine and at its
//     end; tuned on in the seventh session's round 21a.
//   - blind37: written at the sixth session's end; tuned on in the
//     seventh's round 21b.
//   - blind38, blind39: sealed at the seventh session's start, labelled
//     unread, scored at its start and end; blind40: sealed near its end,
//     scored the same way. Not tuned on: the seventh session's measures.
//   - blind41: written at the seventh session's end, sealed, labelled
//     unread at the eighth's start and scored then and at its end; not
//     tuned on.
//   - blind42: the eighth session's validation set, scored once at its
//     start, then looked at: a regression set. blind43: sealed with it
//     before the session's changes, scored at its start and end; not
//     tuned on. blind44: written mid-session to decide the synonym
//     review; a regression set.
//
// The bars sit within two points of the figures measured when they were
// set, so a regression fails.
var questionSets = []struct {
	name          string
	minIn, minOut int     // the set must be big enough to mean something
	right, honest float64 // least share: in-scope right, out-of-scope refused or honestly answered
	maxWrong      float64 // most share of answered questions that are wrong
	lang          float64 // least share right of the French and of the Russian questions, when the set names languages
}{
	// The bars of every set but the measures were reset on 2026-12-02 in
	// the eighth session, after its relabelling (its commits), to two
	// points off the figures then measured. Before that: measured
	// 2026-12-01 at the end of the day's sixth session (after
	// knowledge rounds nineteen and twenty, two follow-up rounds and the
	// head-verb weight; README): right / refused or honest / wrong among
	// answered: dev 93.5 / 97.9 / 2.8, eval 95.3 / 100 / 1.5, blind 95.3 /
	// 98.3 / 1.3, blind2 94.0 / 98.3 / 2.6, blind3 90.3 / 97.6 / 3.6,
	// blind4 90.1 / 97.5 / 6.2, blind5 87.4 / 100 / 3.7, blind6 88.9 /
	// 91.7 / 6.5, blind7 96.5 / 96.4 / 1.8, blind8 91.0 / 98.8 / 1.2,
	// blind9 93.2 / 100 / 1.2, blind10 89.8 / 97.6 / 1.2, blind11 91.9 /
	// 96.4 / 2.9, blind12 88.5 / 91.5 / 5.4, blind13 94.8 / 92.7 / 3.8,
	// blind14 88.5 / 92.5 / 6.1, blind15 92.8 / 94.6 / 4.9, blind16 97.1 /
	// 96.9 / 2.5, blind17 95.9 / 95.5 / 2.7, blind18 98.7 / 97.7 / 1.1,
	// blind19 97.9 / 96.6 / 2.2, blind20 93.5 / 94.2 / 5.1, blind21 93.8 /
	// 88.8 / 5.2, blind22 96.2 / 96.2 / 3.6, blind23 91.2 / 92.5 / 4.8,
	// blind24 93.1 / 95.0 / 2.7, blind25 88.1 / 95.0 / 2.8, blind26 93.1 /
	// 93.8 / 3.7, blind27 88.8 / 92.5 / 6.1, blind28 88.8 / 92.5 / 4.9,
	// blind29 85.5 / 93.8 / 6.1, blind30 98.8 / 97.5 / 1.6, blind31 96.8 /
	// 95.2 / 2.7, blind32 96.2 / 93.8 / 3.2, blind33 93.1 / 92.6 / 3.3,
	// blind34 93.8 / 95.0 / 2.2, all tuned on (first scores in the comments
	// below and the README); the measures blind35 83.1 / 98.8 / 3.5 and
	// blind36 86.5 / 88.1 / 7.0. Bars two points off; lang two points
	// under the lower of the French and the Russian share.
	// blind27: the fifth session's first set; first score at 73c60aa:
	// 79.4 / 92.5 / 6.7 (French 34/40, Russian 35/39).
	{"blind27", 140, 70, 0.88, 0.968, 0.042, 0.905},
	// blind28: first score at 73c60aa: 82.5 / 91.2 / 7.0 (39/40, 37/39).
	{"blind28", 140, 70, 0.942, 0.955, 0.041, 0.929},
	// blind29: written after the confidence model landed; first score at
	// 73c60aa: 75.5 / 90.1 / 9.8 (33/40, 34/39).
	{"blind29", 140, 70, 0.873, 0.968, 0.058, 0.929},
	// blind30: before round seventeen (e6de999) 86.2 / 96.2 / 4.6 (French
	// 38/40, Russian 38/39); after it (f029802) 88.1 / 96.2 / 4.0 (39/40,
	// 38/39); after round eighteen 88.1 / 95.0 / 4.5. Tuned on in round
	// nineteen (the sixth session).
	{"blind30", 140, 70, 0.968, 0.968, 0.03, 0.954},
	// blind31: before round seventeen (e6de999) 78.8 / 88.1 / 8.2 (French
	// 32/40, Russian 34/39); after it (ba864d3) 80.1 / 89.3 / 7.5; after
	// round eighteen 81.4 / 89.3 / 7.4 (32/40, 35/39). Tuned on in round
	// nineteen.
	{"blind31", 140, 70, 0.961, 0.98, 0.025, 0.955},
	// blind32: written before the subject rule, labelled unread against
	// b6f9fb8: 85.0 / 90.0 / 5.8 (French 35/40, Russian 36/39) at 73c60aa,
	// the session's start; 87.5 / 90.0 / 5.6 after rounds seventeen and
	// eighteen (5955374); 87.5 / 92.5 / 4.5 (36/40, 37/39) with the
	// subject rule (f74eb72). Tuned on in round nineteen.
	{"blind32", 140, 70, 0.942, 0.968, 0.03, 0.954},
	// blind35 and blind36: written after the first four, sealed before
	// the session's second knowledge round, labelled unread against
	// 119fdd2 (the knowledge was unchanged); first scores at 97c79e7
	// (knowledge of the start): 82.5 / 96.2 / 4.6 (French 37/40, Russian
	// 36/39) and 82.7 / 88.1 / 7.8 (36/40, 37/39); at 97702c0, the start,
	// 81.9 / 96.2 / 4.7 and 83.3 / 88.1 / 7.2; at the session's end 83.1 /
	// 98.8 / 3.5 and 86.5 / 88.1 / 7.0. Tuned on in the seventh
	// session's round 21a.
	{"blind35", 140, 70, 0.936, 0.98, 0.031, 0.98},
	{"blind36", 140, 70, 0.922, 0.932, 0.047, 0.93},
	// blind34: written at the sixth session's start from the articles
	// alone, sealed, labelled unread against 119fdd2 (follow maps left
	// out); first score at 97702c0 (the session's start engine and
	// knowledge): 85.0 / 91.2 / 5.7 (French 38/40, Russian 37/39); 86.2 /
	// 92.5 / 5.1 after round nineteen, which it measured; tuned on in
	// round twenty.
	{"blind34", 140, 70, 0.918, 0.968, 0.025, 0.955},
	// blind33: written with blind34, sealed, labelled unread against
	// 119fdd2; first score at 97702c0: 76.1 / 91.4 / 6.3 (French 37/40,
	// Russian 35/39); 76.1 / 91.4 / 6.3 after round nineteen; tuned on in
	// round twenty.
	{"blind33", 140, 70, 0.911, 0.955, 0.036, 0.955},
	// blind37: written at the sixth session's end, after everything it
	// measures had landed, sealed, labelled unread against 119fdd2 (the
	// entries were unchanged), scored once at the session's start
	// (97702c0): 84.3 / 93.8 / 6.3 (French 36/40, Russian 36/39), and once
	// at its end (7565ea5's engine and knowledge): 87.4 / 95.1 / 6.1
	// (36/40, 38/39). The sixth session's clean measure; tuned on in the
	// seventh's round 21b.
	{"blind37", 140, 70, 0.911, 0.968, 0.052, 0.93},
	// blind38 and blind39: written at the seventh session's start from the
	// articles alone, sealed (e53050a, 9be1cc7) before the session's
	// knowledge changes, labelled unread against 119fdd2 (follow maps left
	// out); first scores at e53050a (the session's start engine and
	// knowledge): 84.9 / 95.1 / 5.7 (French 38/40, Russian 38/39) and
	// 85.6 / 95.0 / 3.0 (36/40, 37/39); nine near labels were later given
	// the five entries whose answers the session extended, by helpers
	// from the old and new answer texts alone; with them, at the
	// session's end: 85.5 / 97.5 / 4.5 and 85.6 / 96.2 / 2.4 (the start
	// scores the same with them). Not tuned on: the seventh session's
	// measures.
	{"blind38", 140, 70, 0.835, 0.968, 0.059, 0.93},
	{"blind39", 140, 70, 0.836, 0.942, 0.044, 0.88},
	// blind40: written near the seventh session's end, sealed (04f3fe4)
	// before its last rule (same terms as a stored phrasing), labelled
	// unread against f52c27c; scored once at the session's start
	// (e53050a): 81.1 / 95.1 / 3.7 (French 38/40, Russian 37/39), and once
	// at its end: 80.5 / 96.3 / 3.7 (37/40, 36/39); one near label was
	// later given meeting-between-parties, whose answer the session
	// extended last (the figures are the same with it). Not tuned on. At
	// the eighth session's end (b86de23): blind38 85.5 / 98.8 / 3.9,
	// blind39 85.6 / 96.2 / 2.4, blind40 81.1 / 97.5 / 3.1.
	{"blind40", 140, 70, 0.791, 0.955, 0.051, 0.905},
	// blind41: written at the seventh session's end from the articles
	// alone, sealed (9d8c114), labelled unread against 4f753e5 (follow
	// maps left out); first score at 4f753e5, the eighth session's start:
	// 80.3 / 94.0 / 3.7 (French 33/40, Russian 37/39); at the session's
	// end 80.3 / 95.2 / 3.1 (33/40, 37/39), with its labels following the
	// widened answers (helpers, from the old and new answer texts). The
	// eighth session's measure: not tuned on.
	{"blind41", 140, 70, 0.783, 0.932, 0.051, 0.805},
	// blind42: the eighth session's validation set, written at its start
	// from the articles alone, sealed (450d37f), labelled unread against
	// 4f753e5; first score there: 78.0 / 95.1 / 4.4 (French 34/40,
	// Russian 30/39). Its misses guide the session's changes: a
	// regression set.
	{"blind42", 140, 70, 0.791, 0.955, 0.045, 0.801},
	// blind43: written with it, sealed unread (162d87b) before the
	// session's changes, labelled unread against 4f753e5; first score
	// there: 83.8 / 97.5 / 4.2 (French 37/40, Russian 37/39); at the
	// session's end 83.8 / 98.8 / 3.5 (36/40, 37/39). Its bar test failed
	// once mid-session (the synonym review, which blind44 then decided):
	// disclosed in the README. The session's end measure with blind41:
	// not tuned on.
	{"blind43", 140, 70, 0.818, 0.968, 0.055, 0.88},
	// blind44: written mid-session (the eighth), half French and Russian,
	// sealed (5e6f65b), labelled unread against 07823ea; first score
	// there: 78.5 / 96.3 / 5.1 (French 38/51, Russian 42/51); it decided
	// the synonym review (79.7 / 96.3 / 5.0 with it, 39/51 and 43/51):
	// a regression set since.
	{"blind44", 140, 70, 0.815, 0.943, 0.068, 0.764},
	{"dev", 100, 50, 0.925, 0.973, 0.038, 0},
	{"eval", 200, 60, 0.945, 0.98, 0.031, 0},
	{"blind", 150, 60, 0.94, 0.98, 0.027, 0},
	{"blind2", 150, 60, 0.92, 0.98, 0.039, 0},
	{"blind3", 140, 70, 0.904, 0.968, 0.05, 0.903},
	{"blind4", 140, 70, 0.874, 0.967, 0.082, 0.944},
	{"blind5", 140, 70, 0.868, 0.98, 0.056, 0.946},
	{"blind6", 140, 70, 0.876, 0.968, 0.05, 0.948},
	{"blind7", 140, 70, 0.938, 0.98, 0.026, 0.98},
	// blind9: written in the second session as its validation set, first
	// score at d8a0e78: 73.5 / 98.8 / 6.3 (French 29/35, Russian 31/34).
	{"blind9", 140, 70, 0.919, 0.98, 0.032, 0.98},
	// blind10: the second validation set, first score at 09fdd0a: 66.0 /
	// 96.3 / 6.1 (31/41, 35/42).
	{"blind10", 140, 70, 0.892, 0.968, 0.026, 0.931},
	// blind11: the third, first score at 136220c: 79.2 / 92.8 / 4.5
	// (34/38, 36/39).
	{"blind11", 140, 70, 0.893, 0.968, 0.037, 0.954},
	// blind12: the fourth, first score at 8cce043: 65.5 / 92.7 / 8.7
	// (29/37, 30/37).
	{"blind12", 140, 70, 0.872, 0.98, 0.032, 0.953},
	// blind8: sealed at the second session's start, labelled unread,
	// scored once at its end, at 72866b3: 72.9 / 97.6 / 3.6 (French 37/42,
	// Russian 35/46); the engine and knowledge of the session's start
	// (51d781e) score 66.7 / 93.9 / 4.8 on it. Tuned on in the fifth
	// session's knowledge rounds (seventeen and eighteen), as were the
	// measures below.
	{"blind8", 140, 70, 0.89, 0.98, 0.026, 0.932},
	// blind13: written at the second session's end, scored once at
	// 2c233b6 (the engine and knowledge of 72866b3): 86.3 / 90.2 / 5.4
	// (French 35/39, Russian 34/38); 51d781e scores 77.8 / 86.6 / 7.8.
	// Tuned on in the fifth session.
	{"blind13", 140, 70, 0.941, 0.968, 0.031, 0.954},
	// blind14: written at the second session's end, scored once at
	// d39feb1 (the engine and knowledge of 72866b3): 68.2 / 91.2 / 10.1
	// (French 31/37, Russian 29/37); 51d781e scores 63.5 / 88.8 / 12.5.
	// Tuned on in the fifth session.
	{"blind14", 140, 70, 0.865, 0.955, 0.05, 0.899},
	// blind15: written at the third session's start from the articles
	// alone, sealed, labelled unread against 1204abe; first score at
	// eaee311 (the session's start engine and knowledge): 81.0 / 90.3 /
	// 9.6 (French 32/39, Russian 31/38); scored again once at the
	// session's end, at 9c331ca: 84.3 / 92.5 / 7.7 (35/39, 32/38). The
	// session's measure; tuned on in the fifth.
	{"blind15", 140, 70, 0.902, 0.958, 0.052, 0.901},
	// blind16: written with it as the session's validation set, first
	// score at eaee311: 71.9 / 94.9 / 11.7 (French 33/42, Russian 33/40).
	{"blind16", 140, 70, 0.951, 0.97, 0.035, 0.98},
	// blind17: written mid-session as a second validation set, labelled
	// against b77afc0; first score at da7b3ad, the same as the session's
	// start engine's: 76.4 / 90.9 / 9.9 (French 33/39, Russian 35/39).
	{"blind17", 140, 70, 0.939, 0.957, 0.036, 0.929},
	// blind18: the third validation set, labelled against 1d8c85e; first
	// score at 272b0a2: 88.7 / 94.3 / 4.6 (French 36/39, Russian 36/38);
	// eaee311, the session's start, scores 80.1 / 94.3 / 7.3 on it.
	{"blind18", 140, 70, 0.96, 0.969, 0.025, 0.954},
	// blind19: written in the third session, asked for a typical server's
	// mix, sealed, labelled at its end against d4d94a3 and scored once at
	// 9c331ca: 93.0 / 94.3 / 3.4 (French 39/40, Russian 35/39); eaee311,
	// the session's start, scores 89.4 / 93.2 / 4.1. Tuned on in rounds
	// seventeen and eighteen (the fifth session).
	// blind20: written after the measures above were scored, sealed,
	// labelled against 4f984da and scored once at 3f46993: 81.0 / 91.9 /
	// 7.6 (French 34/39, Russian 37/40), as at 9c331ca; eaee311, the
	// session's start, scores 74.5 / 90.7 / 11.1. Tuned on in the fifth
	// session, as was blind19.
	{"blind20", 140, 70, 0.908, 0.968, 0.048, 0.954},
	{"blind19", 140, 70, 0.959, 0.98, 0.026, 0.98},
	// blind21: written at the fourth session's start from the articles
	// alone, sealed, labelled unread against 647fe17; first score at
	// 2cf772a (the engine and knowledge of f09ee5e, the third session's
	// end): 81.2 / 88.8 / 7.9 (French 34/40, Russian 33/39); scored again
	// once at the session's end, at e256b05: 84.4 / 90.0 / 6.6 (34/40,
	// 34/39). The fourth session's measure; tuned on in the fifth.
	{"blind21", 140, 70, 0.924, 0.955, 0.041, 0.929},
	// blind23: written mid-session from the articles alone, sealed,
	// labelled at the session's end against 64839cf and scored once at
	// e256b05: 84.4 / 90.0 / 7.3 (French 37/41, Russian 37/40); the
	// session's start engine (f09ee5e) scores 83.1 / 88.8 / 7.9. The
	// session's closing measure; tuned on in the fifth.
	{"blind23", 140, 70, 0.905, 0.968, 0.036, 0.93},
	// blind26: written after the measures above were scored, sealed,
	// labelled against aa05461 and scored once there: 81.9 / 91.2 / 5.7
	// (French 33/40, Russian 37/39); the session's start engine scores
	// 80.6 / 90.0 / 6.4. Tuned on in the fifth session.
	{"blind26", 140, 70, 0.918, 0.955, 0.041, 0.93},
	// blind22: the fourth session's validation set, labelled against
	// 9fc63d6; first score at 98d2f3c, the same as the session's start
	// engine's: 85.0 / 91.2 / 7.4 (French 37/40, Russian 38/39).
	{"blind22", 140, 70, 0.936, 0.968, 0.046, 0.93},
	// blind24: the fourth session's second validation set, labelled
	// against cb8cc83; first score at e8a6c8a: 79.4 / 92.5 / 4.8 (French
	// 34/40, Russian 31/39); the session's start engine (f09ee5e) scores
	// 78.8 / 93.8 / 4.8 on it.
	{"blind24", 140, 70, 0.911, 0.942, 0.041, 0.905},
	// blind25: the third validation set, labelled against 64839cf; first
	// score at 23c3b3c: 77.5 / 93.8 / 5.4 (French 37/41, Russian 33/39);
	// the session's start engine scores 77.5 / 92.5 / 6.0 on it.
	{"blind25", 140, 70, 0.861, 0.968, 0.031, 0.98},
}

type evalLine struct {
	label, lang, question string
	line                  int
}

func readEval(t testing.TB, name string) []evalLine {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("open question set: %v", err)
	}
	defer f.Close()
	var out []evalLine
	s := bufio.NewScanner(f)
	for n := 1; s.Scan(); n++ {
		l := s.Text()
		if strings.HasPrefix(l, "#") || strings.TrimSpace(l) == "" {
			continue
		}
		f := strings.Split(l, "\t")
		el := evalLine{label: f[0], line: n}
		switch len(f) {
		case 2:
			el.question = f[1]
		case 3:
			el.lang, el.question = f[1], f[2]
		}
		if strings.TrimSpace(el.question) == "" {
			t.Errorf("%s:%d: want label<TAB>[lang<TAB>]question, got %q", name, n, l)
			continue
		}
		out = append(out, el)
	}
	if err := s.Err(); err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return out
}

// outcome is what became of one question.
type outcome int

const (
	right outcome = iota
	refused
	wrong
)

// tally counts outcomes.
type tally [3]int

func (t *tally) add(o outcome) { t[o]++ }
func (t tally) n() int         { return t[right] + t[refused] + t[wrong] }
func (t tally) share(o outcome) float64 {
	return ratio(t[o], t.n())
}

// setScore is a question set's result.
type setScore struct {
	in, out  tally
	byLang   map[string]*tally
	answered int // questions answered, in and out of scope
	misses   []string
}

// wrongShare is the share of answered questions whose answer is wrong.
func (s *setScore) wrongShare() float64 {
	return ratio(s.in[wrong]+s.out[wrong], s.answered)
}

// scoreSet asks every question of a set and sorts the outcomes.
func scoreSet(t testing.TB, e *Engine, name string) *setScore {
	t.Helper()
	return scoreSetBy(t, e, name, func(q string, _ []string, _ int) Result { return e.Ask(q) })
}

// scoreSetBy is scoreSet with each question asked by ask, which gets the
// question, the ids its label accepts and its line.
func scoreSetBy(t testing.TB, e *Engine, name string, ask func(q string, ids []string, line int) Result) *setScore {
	t.Helper()
	inName, outName := name+"_in.tsv", name+"_out.tsv"
	sc := &setScore{byLang: map[string]*tally{}}
	record := func(l evalLine, o outcome) {
		if l.lang != "" {
			if sc.byLang[l.lang] == nil {
				sc.byLang[l.lang] = &tally{}
			}
			sc.byLang[l.lang].add(o)
		}
	}
	for _, l := range readEval(t, inName) {
		ids := strings.Split(l.label, "|")
		if l.label != "none" {
			for _, id := range ids {
				if _, ok := e.set.Entry(id); !ok {
					t.Errorf("%s:%d: unknown entry id %q", inName, l.line, id)
				}
			}
		}
		r := ask(l.question, ids, l.line)
		o := right
		switch {
		case !r.Answered:
			o = refused
			sc.misses = append(sc.misses, fmt.Sprintf("refused  %s:%d %q (want %s, conf %.2f)", inName, l.line, l.question, l.label, r.Confidence))
		case !slices.Contains(ids, r.Entry.ID):
			o = wrong
			sc.misses = append(sc.misses, fmt.Sprintf("WRONG    %s:%d %q: got %s, want %s (conf %.2f)", inName, l.line, l.question, r.Entry.ID, l.label, r.Confidence))
		}
		if r.Answered {
			sc.answered++
		}
		sc.in.add(o)
		record(l, o)
	}
	for _, l := range readEval(t, outName) {
		kind, honest, _ := strings.Cut(l.label, ":")
		if kind != "near" && kind != "far" && kind != "lang" {
			t.Errorf("%s:%d: label %q, want near, far or lang", outName, l.line, l.label)
		}
		ok := strings.Split(honest, "|")
		r := ask(l.question, ok, l.line)
		o := right
		switch {
		case r.Answered && !slices.Contains(ok, r.Entry.ID):
			o = wrong
			sc.misses = append(sc.misses, fmt.Sprintf("WRONG    %s:%d %s %q answered with %s (conf %.2f)", outName, l.line, l.label, l.question, r.Entry.ID, r.Confidence))
		case kind == "lang" && r.Reason != ReasonLanguage:
			o = refused
			sc.misses = append(sc.misses, fmt.Sprintf("refused  %s:%d %s %q without naming the languages read", outName, l.line, l.label, l.question))
		}
		if r.Answered {
			sc.answered++
		}
		sc.out.add(o)
		record(l, o)
	}
	return sc
}

// TestQuestionSets measures each set, logs every miss for error analysis,
// and fails below the set's bars.
func TestQuestionSets(t *testing.T) {
	t.Parallel()
	e := engine(t)
	for _, qs := range questionSets {
		t.Run(qs.name, func(t *testing.T) {
			t.Parallel()
			sc := scoreSet(t, e, qs.name)
			for _, m := range sc.misses {
				t.Log(m)
			}
			if sc.in.n() < qs.minIn || sc.out.n() < qs.minOut {
				t.Errorf("%d in-scope and %d out-of-scope questions, want at least %d and %d", sc.in.n(), sc.out.n(), qs.minIn, qs.minOut)
			}
			t.Logf("%s: in-scope %d: %.1f%% right, %d refused, %d wrong; out-of-scope %d: %.1f%% refused or honest, %d wrong; wrong among answered %.1f%% of %d%s",
				qs.name, sc.in.n(), 100*sc.in.share(right), sc.in[refused], sc.in[wrong],
				sc.out.n(), 100*sc.out.share(right), sc.out[wrong], 100*sc.wrongShare(), sc.answered, langSummary(sc))
			if got := sc.in.share(right); got < qs.right {
				t.Errorf("in-scope right %.1f%%, want at least %.1f%%", 100*got, 100*qs.right)
			}
			if got := sc.out.share(right); got < qs.honest {
				t.Errorf("out-of-scope refused or honest %.1f%%, want at least %.1f%%", 100*got, 100*qs.honest)
			}
			if got := sc.wrongShare(); got > qs.maxWrong {
				t.Errorf("wrong among answered %.1f%%, want at most %.1f%%", 100*got, 100*qs.maxWrong)
			}
			for _, l := range []string{"fr", "ru"} {
				if tl := sc.byLang[l]; tl != nil && tl.share(right) < qs.lang {
					t.Errorf("%s right %.1f%% of %d, want at least %.1f%%", l, 100*tl.share(right), tl.n(), 100*qs.lang)
				}
			}
		})
	}
}

func langSummary(sc *setScore) string {
	var b strings.Builder
	for _, l := range []string{"en", "fr", "ru", "de", "es"} {
		if tl := sc.byLang[l]; tl != nil {
			b.WriteString(fmt.Sprintf("; %s %d/%d right", l, tl[right], tl.n()))
		}
	}
	return b.String()
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
