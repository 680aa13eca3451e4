package qa

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/callbot/callbot/knowledge"
)

// followUpSets are the blind follow-up sets, each with the least share of
// follow-ups answered right in context, 2 points under what was measured
// (README). The target is 85%.
var followUpSets = []struct {
	name string
	bar  float64
}{
	// At the sixth session's end (after its two follow-up rounds and
	// knowledge rounds nineteen and twenty), right in context: followup
	// 88.8%, followup2 77.6%, followup3 88.1%, followup4 84.9%, followup5
	// 75.9%, followup6 84.1%, followup7 91.9%, followup8 84.1%, followup9
	// 84.5%, followup10 91.3%, followup11 94.9%, followup12 88.4%,
	// followup13 81.4%, followup14 88.0%, followup15 77.8%, followup16
	// 86.0%, followup17 93.0%, followup18 80.0%, followup19 92.0%,
	// followup20 78.0%, followup21 80.0%, followup22 79.0%, followup23
	// 79.0%, followup24 81.0%, all tuned on (followup10 to 24 by the
	// sixth session's rounds); the measures followup25 70.0% and
	// followup26 67.0%. followup.tsv's first score: 60.0%.
	{"followup.tsv", 0.88},
	// First score at 4539288: 48.7% right, 23 refused, 16 wrong.
	{"followup2.tsv", 0.77},
	// The second session's validation sets. followup4, first score at
	// c145820: 36.0% right, 40 refused, 15 wrong.
	{"followup4.tsv", 0.86},
	// followup5, first score at 09fdd0a: 45.8%, 20, 25.
	{"followup5.tsv", 0.75},
	// followup6, first score at 136220c: 54.9%, 16, 21.
	{"followup6.tsv", 0.86},
	// followup7, first score at 8cce043: 66.3%, 15, 14.
	{"followup7.tsv", 0.91},
	// followup3: sealed at the second session's start, scored once at its
	// end, at 72866b3: 60.7% right, 13 refused, 20 wrong (the session's
	// start, 51d781e: 48.8%, 26, 17). The third session read its misses
	// and tuned on it.
	{"followup3.tsv", 0.89},
	// followup8: written at the second session's end, scored once at
	// 2c233b6: 57.3% right, 23 refused, 12 wrong (51d781e: 48.8%, 31, 11).
	// Tuned on in the third session.
	{"followup8.tsv", 0.85},
	// followup9: written at the second session's end, scored once at
	// d39feb1: 59.5% right, 21 refused, 13 wrong (51d781e: 50.0%, 28, 14).
	// Tuned on in the third session.
	{"followup9.tsv", 0.86},
	// followup10: written at the third session's start, sealed, labelled
	// unread against 1204abe, first score at eaee311 (the session's start
	// engine and knowledge): 62.1% right, 22 refused, 17 wrong; scored
	// again once at the session's end, at 9c331ca: 72.8%, 14, 14. The
	// session's measure; tuned on in the sixth session's first follow-up
	// round, as were followup14 to 18, 21 and 22.
	{"followup10.tsv", 0.9},
	// followup11: written with it as the session's validation set, first
	// score at eaee311: 62.2% right, 15 refused, 22 wrong.
	{"followup11.tsv", 0.93},
	// followup12: written mid-session as a second validation set, labelled
	// against b77afc0 with the follow maps left out; first score at
	// da7b3ad: 68.4% right, 17 refused, 13 wrong (the session's start
	// engine, eaee311: 62.1%, 21, 15).
	{"followup12.tsv", 0.9},
	// followup13: the third validation set, labelled against 1d8c85e
	// with the follow maps left out; first score at 1cca1b1: 69.8% right,
	// 16 refused, 10 wrong (eaee311, the session's start: 65.1%, 22, 8).
	{"followup13.tsv", 0.81},
	// followup14: written in the third session, asked for a typical
	// server's replies, sealed, labelled at its end against d4d94a3 and
	// scored once at 9c331ca: 77.2% right, 9 refused, 12 wrong (eaee311:
	// 59.8%, 18, 19).
	// followup15: written after the measures above were scored, sealed,
	// labelled against 4f984da and scored once at 3f46993: 65.7% right, 19
	// refused, 15 wrong, as at 9c331ca (eaee311: 50.5%, 28, 21).
	{"followup15.tsv", 0.82},
	{"followup14.tsv", 0.9},
	// followup16: written at the fourth session's start from the articles
	// alone, sealed, labelled unread against 647fe17 (follow maps left
	// out); first score at 2cf772a (the engine and knowledge of f09ee5e):
	// 65.0% right, 13 refused, 22 wrong; scored again once at the
	// session's end, at e256b05: 70.0%, 11, 19. The fourth session's
	// measure.
	{"followup16.tsv", 0.89},
	// followup18: written mid-session from the articles alone, sealed,
	// labelled at the session's end against 64839cf (follow maps left
	// out) and scored once at e256b05: 68.0% right, 16 refused, 16 wrong
	// (the session's start engine, f09ee5e: 67.0%, 17, 16). The
	// session's closing measure.
	{"followup18.tsv", 0.81},
	// followup21: written at the fifth session's start, sealed, labelled
	// unread against 73c60aa: 72.0% right, 7 refused, 21 wrong at it; 71.0%
	// (7, 22) at the session's end.
	{"followup21.tsv", 0.82},
	// followup22: written after the confidence model landed: 73.0%, 11
	// refused, 16 wrong at 73c60aa; 72.0% (12, 16) at the end.
	{"followup22.tsv", 0.82},
	// followup25 and followup26: written with blind35 and blind36, sealed
	// before the session's second follow-up round, labelled unread
	// against 119fdd2; first scores at 97c79e7: 69.0% right, 12 refused,
	// 19 wrong, and 64.0%, 14, 22 (at 97702c0: 68.0% and 64.0%); at the
	// session's end 70.0% (12, 18) and 67.0% (14, 19). Tuned on in the
	// seventh session's follow-up round.
	{"followup25.tsv", 0.78},
	{"followup26.tsv", 0.73},
	// followup23 and followup24: written at the sixth session's start
	// from the articles alone, sealed, labelled unread against 119fdd2
	// (follow maps left out); first scores at 97702c0 (the session's
	// start engine and knowledge): 69.0% right, 15 refused, 16 wrong, and
	// 67.0%, 19, 14; after the first follow-up round, which they measured,
	// 70.0% (15, 15) and 71.0% (17, 12). Tuned on in the second.
	{"followup23.tsv", 0.8},
	{"followup24.tsv", 0.8},
	// followup17: the fourth session's validation set, labelled against
	// 9fc63d6 with the follow maps left out; first score at 98d2f3c: 67.0%
	// right, 20 refused, 13 wrong (the same at the session's start engine).
	// followup27: written with blind37 at the session's end, labelled
	// unread against 119fdd2; 74.0% right, 9 refused, 17 wrong at the
	// session's start (97702c0), 72.0% (9, 19) at its end. Tuned on in the
	// seventh session's follow-up round.
	{"followup27.tsv", 0.79},
	// followup28 and followup29: written with blind38 and blind39, sealed
	// before the seventh session's follow-up round, labelled unread
	// against 119fdd2; first scores at e53050a: 73.0% right, 8 refused,
	// 19 wrong, and 64.0%, 13, 23; at the session's end 75.0% (7, 18) and
	// 63.0% (12, 25), and 76.0% (6, 18) and 63.0% after its last rule
	// (doubts get the answer again). Not tuned on. At the eighth
	// session's end (b86de23): 76.0% and 64.0%.
	{"followup28.tsv", 0.74},
	{"followup29.tsv", 0.62},
	// followup30: written with blind40, labelled unread against f52c27c;
	// 66.0% right, 9 refused, 25 wrong at the session's start (e53050a),
	// 66.0% (10, 24) at its end; 68.0% at the eighth's (b86de23). Not
	// tuned on.
	{"followup30.tsv", 0.66},
	// followup31: written with blind41, labelled unread against 4f753e5;
	// first score there, the eighth session's start: 73.0% right, 7
	// refused, 20 wrong. Ten of its misses were printed at that score
	// (a filter mistake) and read; not tuned on. 75.0% (7, 18) at the
	// session's end (b86de23).
	{"followup31.tsv", 0.73},
	// followup32: the eighth session's validation set, labelled unread
	// against 4f753e5; first score there: 75.0% right, 10 refused, 15
	// wrong. Its misses guided the session's changes: 79.0% at its end.
	{"followup32.tsv", 0.77},
	// followup33: written with it, sealed unread before the session's
	// changes, labelled unread against 4f753e5; first score there: 66.0%
	// right, 21 refused, 13 wrong; 66.0% (21, 13) at the session's end
	// (b86de23).
	// Not tuned on.
	{"followup33.tsv", 0.64},
	{"followup17.tsv", 0.92},
	// followup19: the second validation set, labelled against cb8cc83;
	// first score at e8a6c8a: 72.0% right, 16 refused, 12 wrong (the
	// session's start engine, f09ee5e: 71.0%, 17, 12).
	{"followup19.tsv", 0.91},
	// followup20: the third validation set, labelled against 64839cf;
	// first score at 79117a2: 68.0% right, 12 refused, 20 wrong (the
	// session's start engine, f09ee5e: 67.0%, 13, 20).
	{"followup20.tsv", 0.78},
}

// TestFollowUps asks each follow-up of the blind follow-up sets after the
// entry that answers its first question, as a member's reply to that
// answer would be read.
func TestFollowUps(t *testing.T) {
	t.Parallel()
	for _, fs := range followUpSets {
		t.Run(fs.name, func(t *testing.T) {
			t.Parallel()
			scoreFollowUps(t, fs.name, fs.bar)
		})
	}
}

func scoreFollowUps(t *testing.T, name string, bar float64) {
	tl, misses, byLang := followUpScore(t, engine(t), name)
	for _, m := range misses {
		t.Log(m)
	}
	t.Logf("%s: %d follow-ups: %.1f%% right, %d refused, %d wrong; en %d/%d, fr %d/%d, ru %d/%d",
		name, tl.n(), 100*tl.share(right), tl[refused], tl[wrong],
		byLang["en"][right], byLang["en"].n(), byLang["fr"][right], byLang["fr"].n(), byLang["ru"][right], byLang["ru"].n())
	if got := tl.share(right); got < bar {
		t.Errorf("%s: follow-ups right in context: got %.1f%%, want at least %.1f%%", name, 100*got, 100*bar)
	}
}

// followUpScore asks every follow-up of a set after the entry answering
// its first question, and sorts the outcomes: a follow-up labelled - is
// right only when refused.
func followUpScore(t testing.TB, e *Engine, name string) (tl tally, misses []string, byLang map[string]*tally) {
	t.Helper()
	byLang = map[string]*tally{"en": {}, "fr": {}, "ru": {}}
	for _, l := range readFollowUps(t, name) {
		prev := strings.Split(l.first, "|")[0]
		r := e.AskAfter(l.followUp, prev)
		o := right
		switch {
		case l.want == "-" && r.Answered:
			o = wrong
		case l.want == "-":
		case !r.Answered:
			o = refused
		case !slices.Contains(strings.Split(l.want, "|"), r.Entry.ID):
			o = wrong
		}
		if o != right {
			got := "refused"
			if r.Answered {
				got = r.Entry.ID
			}
			misses = append(misses, fmt.Sprintf("%s:%d after %s: %q: got %s (conf %.2f), want %s", name, l.line, prev, l.followUp, got, r.Confidence, l.want))
		}
		tl.add(o)
		if byLang[l.lang] == nil {
			byLang[l.lang] = &tally{}
		}
		byLang[l.lang].add(o)
	}
	return tl, misses, byLang
}

type followUpLine struct {
	first, want, lang, question, followUp string
	line                                  int
}

func readFollowUps(t testing.TB, name string) []followUpLine {
	t.Helper()
	var out []followUpLine
	for n, l := range strings.Split(readFile(t, "testdata/"+name), "\n") {
		if strings.HasPrefix(l, "#") || strings.TrimSpace(l) == "" {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 5 {
			t.Fatalf("%s:%d: want first_label, follow_label, lang, first question, follow-up; got %q", name, n+1, l)
		}
		out = append(out, followUpLine{first: f[0], want: f[1], lang: f[2], question: f[3], followUp: f[4], line: n + 1})
	}
	if len(out) < 60 {
		t.Fatalf("%s: %d pairs, want at least 60", name, len(out))
	}
	return out
}

// TestFollowUpLeavesStandaloneAlone asks every question of every set as a
// follow-up to an answer it has nothing to do with: each must come out as
// it does alone.
func TestFollowUpLeavesStandaloneAlone(t *testing.T) {
	t.Parallel()
	e := engine(t)
	for _, qs := range questionSets {
		t.Run(qs.name, func(t *testing.T) {
			t.Parallel()
			alone := scoreSet(t, e, qs.name)
			after := scoreSetBy(t, e, qs.name, func(q string, ids []string, line int) Result {
				return askAfterUnrelated(e, qs.name, q, ids, line)
			})
			if alone.in != after.in || alone.out != after.out {
				var diff []string
				for _, m := range after.misses {
					if !slices.Contains(alone.misses, m) {
						diff = append(diff, m)
					}
				}
				t.Errorf("%s after an unrelated answer: in %v out %v, alone in %v out %v; new misses:\n%s",
					qs.name, after.in, after.out, alone.in, alone.out, strings.Join(diff, "\n"))
			}
		})
	}
}

// TestContextKeepsWhatExplainsAll: a question whose best candidate alone
// holds every word of its own is not answered, after an answer, by a
// neighbour of that answer that lacks one of them, nor, when a phrasing
// of that candidate holds the whole question, by a related entry that
// holds its words too; it comes out as alone.
func TestContextKeepsWhatExplainsAll(t *testing.T) {
	t.Parallel()
	e := engine(t)
	for _, tt := range []struct{ q, prev, notWant string }{
		{"which accords were they fighting over", "why-macron-called", "heated-exchange"},
		{"did they agree on anything?", "unsaid-why-released", "unsaid-recording-source"},
	} {
		alone, after := e.Ask(tt.q), e.AskAfter(tt.q, tt.prev)
		if len(alone.Candidates) == 0 || alone.Candidates[0].ID == tt.notWant {
			t.Fatalf("Ask(%q) candidates %v: the case no longer tests the rule", tt.q, alone.Candidates)
		}
		if after.Answered != alone.Answered || entryID(after) != entryID(alone) {
			t.Errorf("AskAfter(%q, %s) = %s, want %s as alone", tt.q, tt.prev, entryID(after), entryID(alone))
		}
	}
}

// readsAfter lists the questions of the question sets that rightly read
// otherwise after the answer unrelated picks for them (prev): the answer
// they get there (got), each with why. An entry applies only while the
// question still gets that answer after that one, so it cannot hide
// another change.
var readsAfter = map[string]struct{ prev, got string }{
	// "it" has nothing to point at alone; after the coup claim "who
	// published it?" asks who published that claim, which that answer's
	// citations say. The set's label reads "it" as the call.
	"blind30_in.tsv:77": {"bloody-coup", "bloody-coup"},
	// The same "it": after the genocide claims, "does the second article
	// say who reported it" asks whether the second article attributes
	// them, which the answer says it does not ("it does not say who made
	// those claims"). The label reads "it" as the call. (Since its label
	// gained outlets-cited, unrelated picks genocide-claims for it, not
	// the coup claim, which read the same way.)
	"blind3_in.tsv:77": {"genocide-claims", "genocide-claims"},
}

// askAfterUnrelated asks q after the answer unrelated picks, or, for a
// question of readsAfter, alone while it still reads as listed after
// that answer (the listed reading being the right one there).
func askAfterUnrelated(e *Engine, set, q string, ids []string, line int) Result {
	prev := unrelated(e, ids, line)
	r := e.AskAfter(q, prev)
	if ra, ok := readsAfter[fmt.Sprintf("%s_in.tsv:%d", set, line)]; ok && prev == ra.prev && r.Answered && r.Entry.ID == ra.got {
		return e.Ask(q)
	}
	return r
}

// unrelated picks, by line, an entry outside the neighbourhood of every id.
func unrelated(e *Engine, ids []string, line int) string {
	n := len(e.set.Entries)
	for k := range n {
		p := &e.set.Entries[(line*7+k)%n]
		near := e.neighbourhood(p)
		ok := true
		for _, id := range ids {
			for i := range e.set.Entries {
				if e.set.Entries[i].ID == id && near[i] {
					ok = false
				}
			}
		}
		if ok {
			return p.ID
		}
	}
	return ""
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFollowUpFromRelated: a follow-up with next to no words of its own is
// answered from the curator's related entries when the reading in context
// finds nothing: the first that holds its word and asks its kind of
// question; one asking for the source or the words is answered by the
// answer it follows; "and Macron?" by the first whose question is about
// Macron. A figure no related entry states and a bare yes/no are not
// guessed.
func TestFollowUpFromRelated(t *testing.T) {
	t.Parallel()
	e := engine(t)
	first := func(prev string) string {
		p, _ := e.set.Entry(prev)
		return p.Related[0]
	}
	firstSaid := func(prev string) string {
		p, _ := e.set.Entry(prev)
		for _, id := range p.Related {
			if r, _ := e.set.Entry(id); !r.Unsaid {
				return id
			}
		}
		return ""
	}
	tests := []struct {
		q, prev string
		want    string // "" for a refusal
	}{
		// exercises-end's first related entry never mentions troops.
		{"and his troops?", "exercises-end", "border-presence"},
		{"source pls", "lawyer-remark", "lawyer-remark"},
		{"what's the source", "bloody-coup", "bloody-coup"},
		// "Is it true?" has no word of its own: the first related entry.
		{"is it true though", "bloody-coup", first("bloody-coup")},
		// Even when the reading in context would give the claim again.
		{"это правда?", "bloody-coup", first("bloody-coup")},
		{"c'est vrai, ça ?", "doubt-on-will-to-honor", first("doubt-on-will-to-honor")},
		// Another person's side: the first related entry whose question
		// names them first.
		{"and macron?", "gym", "unsaid-macron-location"},
		{"and zelenskyy?", "gym", ""},
		// The reading in context gives the claim again; the follow-up
		// names the other side.
		{"ok and what did macron say to that?", "legitimacy-questioned", "macron-reply-legitimacy"},
		// "And then?" asks what the articles tell next: without a follow
		// map entry for it, the first related entry that is not about
		// what they leave open.
		{"and then?", "bloody-coup", firstSaid("bloody-coup")},
		{"how many?", "gym", ""},
		// "And X?" answered alone far from the answer it follows: the
		// related entry holding X ("participation" is also the call's
		// participants to the stemmer).
		{"et la participation ?", "zelenskyy-vote-share", "voter-turnout"},
	}
	for _, tt := range tests {
		r := e.AskAfter(tt.q, tt.prev)
		switch {
		case tt.want == "" && r.Answered && r.Confidence == e.threshold && len(r.Candidates) == 1:
			t.Errorf("AskAfter(%q, %s) = %s from the related entries, want no guess", tt.q, tt.prev, r.Entry.ID)
		case tt.want != "" && (!r.Answered || r.Entry.ID != tt.want):
			t.Errorf("AskAfter(%q, %s) = answered %v entry %s (conf %.2f), want %s", tt.q, tt.prev, r.Answered, entryID(r), r.Confidence, tt.want)
		}
	}
	if first("exercises-end") == "border-presence" {
		t.Errorf("exercises-end's first related entry is border-presence: the test wants one that does not fit 'and his troops?'")
	}
}

// TestOtherArticle: "and the other article?", "does the other article say
// the same?" are answered by the answer they follow when that cites both
// sources, else by its first related entry citing a source it does not;
// "the first article" names an article and points back at nothing.
func TestOtherArticle(t *testing.T) {
	t.Parallel()
	e := engine(t)
	sources := func(en *knowledge.Entry) map[string]bool {
		m := map[string]bool{}
		for _, c := range en.Citations {
			m[c.Source] = true
		}
		return m
	}
	both, one := 0, 0
	for i := range e.set.Entries {
		p := &e.set.Entries[i]
		if p.Unsaid {
			continue
		}
		cited := sources(p)
		want := ""
		if len(cited) >= 2 {
			want = p.ID
		} else {
			for _, id := range p.Related {
				r, _ := e.set.Entry(id)
				for s := range sources(r) {
					if !cited[s] && want == "" {
						want = id
					}
				}
			}
		}
		if len(cited) == 1 {
			// Naming the source the answer cites asks about the answer.
			for n, src := range e.set.Sources {
				if cited[src.ID] {
					q := fmt.Sprintf("and article %d?", n+1)
					if r := e.AskAfter(q, p.ID); !r.Answered || r.Entry.ID != p.ID {
						t.Errorf("AskAfter(%q, %s) = answered %v entry %s, want %s", q, p.ID, r.Answered, entryID(r), p.ID)
					}
				}
			}
		}
		if want == "" {
			continue
		}
		if want == p.ID {
			both++
		} else {
			one++
		}
		for _, q := range []string{"and the other article?", "does the other article say the same?", "both articles say that?", "l'autre article dit pareil ?", "autre article pareil ?", "а в другой статье тоже?"} {
			if r := e.AskAfter(q, p.ID); !r.Answered || r.Entry.ID != want {
				t.Errorf("AskAfter(%q, %s) = answered %v entry %s, want %s", q, p.ID, r.Answered, entryID(r), want)
			}
		}
	}
	if both == 0 || one == 0 {
		t.Errorf("%d entries citing both sources, %d one of them with a related entry citing the other: want some of each", both, one)
	}
	var a analysis
	a.run("а войска?")
	if strong, _ := leansOnContext(&a, e.ix); !strong {
		t.Errorf("leansOnContext(а войска?) = not strong, want the opener а to lean on the answer before")
	}
	a.run("where is the photo in the first article from")
	if strong, _ := leansOnContext(&a, e.ix); strong {
		t.Errorf("leansOnContext(where is the photo in the first article from) = strong, want a question of its own")
	}
}

// TestLeansOnContext: which messages lean on the answer before, plainly
// (strong).
func TestLeansOnContext(t *testing.T) {
	t.Parallel()
	e := engine(t)
	for _, tt := range []struct {
		q      string
		strong bool
	}{
		{"and the troops?", true},
		{"did it work?", true},
		{"est-ce qu'il a répondu ?", true},
		// "il y a": there is; no pronoun points back.
		{"Est-ce qu'il y a une vidéo de l'appel ?", false},
		{"il y a des troupes à la frontière ?", false},
	} {
		var a analysis
		a.run(tt.q)
		if strong, _ := leansOnContext(&a, e.ix); strong != tt.strong {
			t.Errorf("leansOnContext(%q) strong = %v, want %v", tt.q, strong, tt.strong)
		}
	}
}

// TestPhrasingsAfterUnrelatedAnswer holds every curated phrasing, in every
// language, to the standalone rule: asked after an answer it has nothing
// to do with, it comes out as it does alone. The question sets test the
// rule on members' wordings; this tests it on the curators' four thousand,
// which each new set would otherwise find one at a time.
func TestPhrasingsAfterUnrelatedAnswer(t *testing.T) {
	t.Parallel()
	e := engine(t)
	n := 0
	for i := range e.set.Entries {
		en := &e.set.Entries[i]
		all := append(append(append([]string{en.Question}, en.Phrasings...), en.French...), en.Russian...)
		for k, q := range all {
			prev := unrelated(e, []string{en.ID}, i*31+k)
			alone, after := e.Ask(q), e.AskAfter(q, prev)
			n++
			if alone.Answered != after.Answered || entryID(alone) != entryID(after) {
				t.Errorf("AskAfter(%q, %s) = %s, want %s as alone", q, prev, entryID(after), entryID(alone))
			}
		}
	}
	if n < 1000 {
		t.Errorf("%d phrasings asked, want the embedded set's thousands", n)
	}
}

// TestFollowUpPolarOnAnswer: a yes/no follow-up made of what the answer
// names, with no name it lacks, is read after that answer ("did the rebels
// agree?" after the proposal they had yet to answer); one naming someone
// the answer is not about comes out as alone.
func TestFollowUpPolarOnAnswer(t *testing.T) {
	t.Parallel()
	e := engine(t)
	for _, tt := range []struct{ q, prev string }{
		{"did the rebels agree?", "meeting-between-parties"},
		{"did the rebels accept", "meeting-between-parties"},
	} {
		if r := e.AskAfter(tt.q, tt.prev); !r.Answered || r.Entry.ID != "meeting-between-parties" && r.Entry.ID != "unsaid-meeting-outcome" {
			t.Errorf("AskAfter(%q, %s) = %s (conf %.2f), want meeting-between-parties or unsaid-meeting-outcome", tt.q, tt.prev, entryID(r), r.Confidence)
		}
	}
	q := "was zelenskyy on the call himself?"
	if alone, after := e.Ask(q), e.AskAfter(q, "bloody-coup"); entryID(after) != entryID(alone) {
		t.Errorf("AskAfter(%q, bloody-coup) = %s, want %s as alone", q, entryID(after), entryID(alone))
	}
}
