package qa

import (
	"testing"
	"testing/fstest"

	"github.com/callbot/callbot/knowledge"
)

func TestFollowKind(t *testing.T) {
	t.Parallel()
	e := engine(t)
	tests := []struct{ q, want string }{
		{"why?", "why"},
		{"why tho", "why"},
		{"pourquoi ?", "why"},
		{"почему?", "why"},
		{"what did putin say to that", "reply"},
		{"and what did macron reply?", "reply"},
		{"what did he say back", "reply"},
		{"et il a répondu quoi ?", "reply"},
		{"а он что ответил?", "reply"},
		{"did it work?", "next"},
		{"and then?", "next"},
		{"what was he about to do?", "next"},
		{"to do what?", "why"},
		{"what was he gonna do", "next"},
		{"what did he say about doing it", "what"}, // "about" without "to do": no next
		{"then what?", "next"},
		{"so what did he say on the call then?", ""},
		{"чем кончилось?", "next"},
		{"et ça a marché ?", "next"},
		{"is that true?", "truth"},
		{"c'est vrai ?", "truth"},
		{"says who?", "source"},
		{"according to who?", "source"},
		{"right, France 2 - when did the documentary go out?", "when"},
		{"true or not?", "truth"},
		{"did he?", "next"},
		{"when was that reported?", "when"},
		{"is that claim true?", "truth"},
		{"who did he say was behind it?", "who"},
		{"fact check that?", "truth"},
		{"according to what?", "source"},
		{"according to what the articles say, did he call?", ""},
		{"was that said on the call?", "source"},
		{"what did it say?", "what"},
		{"and did they actually?", "next"},
		{"кто именно так говорил?", "source"},
		{"is that accurate?", "truth"},
		{"is that actually true?", "truth"},
		{"selon qui ?", "source"},
		{"who claimed that?", "source"},
		{"what did macron say about that", "reply"},
		{"and what does the article say about that?", "truth"},
		{"what did he mean?", "what"},
		{"who reported that?", "source"},
		{"откуда это?", "source"},
		{"а откуда это известно?", "source"},
		{"а откуда он вообще звонил?", "where"},
		{"exact words?", "quote"},
		{"what did putin come back with?", "reply"},
		{"did macron push back on that?", "reply"},
		{"what reason did he give?", "why"},
		{"source?", "source"},
		{"exact quote?", "quote"},
		{"la phrase exacte ?", "quote"},
		{"какая была фраза?", "quote"},
		{"who's he talking about?", "who"},
		{"кто?", "who"},
		{"names?", "who"},
		{"on connaît leurs noms ?", "who"},
		{"when was that?", "when"},
		{"où ça ?", "where"},
		{"how many?", "howmany"},
		{"сколько?", "howmany"},
		{"combien ?", "howmany"},
		{"what for", "why"},
		{"where does it say that", "source"},
		{"what exactly did he say", "quote"},
		{"ils avaient raison ?", "truth"},
		{"what coup is he talking about", "what"},
		{"what coup?", "what"},
		{"a coup? which one", "what"},
		{"meaning what, exactly", "what"},
		{"saying what?", "what"},
		{"where did that happen", "where"},
		{"what happened then?", "next"},
		{"а Путин что?", ""},
		{"before or after hockey", "when"},
		{"based on what", "why"},
		{"at what point", "when"},
		{"which article says that?", "source"},
		{"unlawful how", "why"},
		{"il s'appelle comment ?", ""},
		{"et il allait faire quoi après ?", "next"},
		{"et ça a servi à qqch ?", "next"},
		{"а кто об этом написал?", "source"},
		{"откуда инфа?", "source"},
		{"и оказалась права?", "truth"},
		{"which ones?", "what"},
		{"example?", "what"},
		{"lesquels ?", "what"},
		{"что за соглашения?", "what"},
		// Puzzlement and chatter name no kind.
		{"what?", ""},
		{"lol", ""},
		{"ok thanks", ""},
	}
	for _, tt := range tests {
		if got := readKindOf(e, tt.q).kind; got != tt.want {
			t.Errorf("readKind(%q).kind = %q, want %q", tt.q, got, tt.want)
		}
	}
}

// readKindOf reads what follow-up q names.
func readKindOf(e *Engine, q string) followKind {
	sc := e.scratch()
	defer e.pool.Put(sc)
	sc.an.run(q)
	return e.readKind(sc, dedupe(e.ix.foldPhrases(collect(&sc.an, sc.an.latin(), &sc.res, nil, -1))))
}

// TestFollowDetail: "X about what?", "like what?", "what does it show?" ask
// a detail of the answer itself; "meaning?", "elaborate", "то есть?" ask
// for it in other words, "really?" and "you sure?" doubt it.
func TestFollowDetail(t *testing.T) {
	t.Parallel()
	e := engine(t)
	for _, tt := range []struct {
		q    string
		want bool
	}{
		{"lying about what?", true},
		{"lying about what exactly?", true},
		{"de mentir sur quoi exactement", true},
		{"врал про что?", true},
		{"like what?", true},
		{"doing what?", true},
		{"what does it show?", true},
		{"ça montre quoi ?", true},
		{"что там показано?", true},
		{"what does the kremlin show?", false},
		{"lying to whom?", false},
		{"what about the troops?", false},
		{"а Путин что?", false},
		{"meaning?", true},
		{"elaborate pls", true},
		{"explain that?", true},
		{"in plain english?", true},
		{"c'est-à-dire ?", true},
		{"то есть?", true},
		{"в смысле?", true},
		{"really?", true},
		{"you sure?", true},
		{"lol seriously?", true},
		{"sérieux ?", true},
		{"серьёзно?", true},
		{"are you sure putin said that", false},
		{"how long did they talk?", false},
		{"who did he mean?", false},
		{"what were they meant to do?", false},
		{"explain the accords", false},
	} {
		if got := readKindOf(e, tt.q).detail; got != tt.want {
			t.Errorf("readKind(%q).detail = %v, want %v", tt.q, got, tt.want)
		}
	}
}

// followSet is a hand-made set whose claim entry has a follow map.
func followSet(t *testing.T) *knowledge.Set {
	t.Helper()
	entry := func(id, q, phrasing, answer, quote string) string {
		return "  - id: " + id + "\n    topic: t\n    question: " + q + "\n    phrasings:\n      - " + phrasing +
			"\n    answer: " + answer + "\n    citations:\n      - source: s\n        quote: " + quote + "\n"
	}
	fsys := fstest.MapFS{
		"about.yaml":           {Data: []byte("about:\n  summary: Ask a question about the test set\n  description: I answer questions about a test set.\n  hint: \"Ask me something, for example {example}.\"\n  refusal: I don't know, the sources don't say.\n  suggest: Questions the sources do answer are below.\n  footer: answers come only from the sources\n  languages: I read English, French and Russian.\n")},
		"sources/sources.yaml": {Data: []byte("sources:\n  - id: s\n    file: s.txt\n    title: S\n    summary: A test source.\n")},
		"sources/s.txt":        {Data: []byte("At first Putin claimed the drills would end. Then Macron replied that lawyers disagree. The troops stayed at the border. A newspaper reported the call.")},
		"topics.yaml":          {Data: []byte("topics:\n  - id: t\n    title: T\n")},
		"synonyms.yaml":        {Data: []byte("synonyms:\n  - [troops, soldiers]\n")},
		"qa/a.yaml": {Data: []byte("entries:\n" +
			entry("claim", "What did Putin claim about the drills?", "putin drills claim", "Putin claimed the drills would end.", "At first Putin claimed the drills would end.") +
			"    related: [stayed]\n    follow:\n      reply: [retort]\n      next: [stayed]\n      source: [paper]\n      howmany: [stayed]\n" +
			entry("retort", "How did Macron answer the lawyers point?", "macron lawyers answer", "Macron replied that lawyers disagree.", "Then Macron replied that lawyers disagree.") +
			entry("stayed", "Where did the troops stay?", "troops border stay", "At the border, the article says.", "The troops stayed at the border.") +
			"    follow:\n      where: [stayed]\n" +
			entry("paper", "Who reported the call?", "newspaper call report", "A newspaper.", "A newspaper reported the call.")),
		},
	}
	set, err := knowledge.Load(fsys)
	if err != nil {
		t.Fatalf("load follow set: %v", err)
	}
	if probs := set.Check(); len(probs) > 0 {
		t.Fatalf("follow set: %v", probs)
	}
	return set
}

// TestFollowMap: a follow-up naming its kind is answered by the first entry
// the previous one's follow map lists for it, if that entry holds the
// follow-up's one word of its own; a kind the map leaves out, a second word
// of its own, or an unknown word gets no answer from it.
func TestFollowMap(t *testing.T) {
	t.Parallel()
	e, err := New(followSet(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q, want string // want "" when the map gives no answer
	}{
		{"and what did macron say to that?", "retort"},
		{"says who?", "paper"},
		{"did it work?", "stayed"},
		{"how many troops?", "stayed"},
		{"how many soldiers?", "stayed"},        // a synonym of a word the entry holds
		{"how many lawyers?", ""},               // the target does not hold "lawyers"
		{"why?", ""},                            // no why in the map
		{"how many angry troops?", ""},          // two words of its own
		{"how many zorblax?", ""},               // a word the index does not know
		{"and macron?", "retort"},               // the named person's reply
		{"did putin respond to that?", ""},      // the map's reply is Macron's
		{"ok but what is the source?", "paper"}, // the map's source
	}
	for _, tt := range tests {
		r := e.AskAfter(tt.q, "claim")
		fromMap := r.Answered && r.Confidence == e.threshold && len(r.Candidates) == 1
		switch {
		case tt.want == "" && fromMap:
			t.Errorf("AskAfter(%q, claim) = %s from the follow map, want none", tt.q, r.Entry.ID)
		case tt.want != "" && (!r.Answered || r.Entry.ID != tt.want):
			t.Errorf("AskAfter(%q, claim) = answered %v entry %s (conf %.2f), want %s", tt.q, r.Answered, entryID(r), r.Confidence, tt.want)
		}
	}
}

// TestFollowSourceIsTheAnswer: without a source in the follow map, the
// answer's own citations are the source, unless the question alone is
// answered by another entry.
func TestFollowSourceIsTheAnswer(t *testing.T) {
	t.Parallel()
	e, err := New(followSet(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"source?", "says who?", "where does it say that"} {
		if r := e.AskAfter(q, "stayed"); !r.Answered || r.Entry.ID != "stayed" {
			t.Errorf("AskAfter(%q, stayed) = answered %v entry %s, want stayed", q, r.Answered, entryID(r))
		}
	}
	// The entry's own id in its map: its answer says where.
	if r := e.AskAfter("where was that?", "stayed"); !r.Answered || r.Entry.ID != "stayed" {
		t.Errorf("AskAfter(where was that?, stayed) = answered %v entry %s, want stayed (its own follow link)", r.Answered, entryID(r))
	}
	if r := e.AskAfter("who reported the call", "stayed"); !r.Answered || r.Entry.ID != "paper" {
		t.Errorf("AskAfter(who reported the call, stayed) = answered %v entry %s, want paper (as alone)", r.Answered, entryID(r))
	}
}

// TestFollowMapEmbedded asks, after every entry of the embedded set, a
// follow-up of each kind its follow map names, with no word of its own:
// each gets the first entry listed for that kind.
func TestFollowMapEmbedded(t *testing.T) {
	t.Parallel()
	e := engine(t)
	asks := map[string]string{
		"why": "why?", "reply": "and what did they say to that?", "next": "and then?",
		"truth": "is that true?", "source": "source?", "quote": "quote?", "who": "who?",
		"when": "when was that?", "where": "where was that?", "howmany": "how many?", "what": "which ones?",
	}
	if len(asks) != len(knowledge.FollowKinds) {
		t.Fatalf("the test asks %d kinds, knowledge.FollowKinds has %d", len(asks), len(knowledge.FollowKinds))
	}
	n := 0
	for i := range e.set.Entries {
		p := &e.set.Entries[i]
		for kind, ids := range p.Follow {
			q := asks[kind]
			want := ids[0]
			if kind == "next" {
				// "And then?" skips what the articles leave open.
				want = ""
				for _, id := range ids {
					if r, _ := e.set.Entry(id); id == p.ID || !r.Unsaid {
						want = id
						break
					}
				}
				if want == "" {
					continue
				}
			}
			n++
			if r := e.AskAfter(q, p.ID); !r.Answered || r.Entry.ID != want {
				t.Errorf("AskAfter(%q, %s) = answered %v entry %s, want %s (its follow %s)", q, p.ID, r.Answered, entryID(r), want, kind)
			}
		}
	}
	if n < 100 {
		t.Errorf("%d follow links asked, want the embedded set's hundreds", n)
	}
}

// TestFollowLeaning: "when in the call?" and "meaning what?" lean on the
// answer they follow even where a question alone would be answered: an
// entry whose own answer says when (its when link is itself), and the
// answer itself.
func TestFollowLeaning(t *testing.T) {
	t.Parallel()
	e := engine(t)
	n := 0
	for i := range e.set.Entries {
		p := &e.set.Entries[i]
		if r := e.AskAfter("meaning what?", p.ID); !r.Answered || r.Entry.ID != p.ID {
			t.Errorf("AskAfter(meaning what?, %s) = answered %v entry %s, want %s", p.ID, r.Answered, entryID(r), p.ID)
		}
		if ids := p.Follow["when"]; len(ids) > 0 && ids[0] == p.ID {
			n++
			if r := e.AskAfter("when in the call?", p.ID); !r.Answered || r.Entry.ID != p.ID {
				t.Errorf("AskAfter(when in the call?, %s) = answered %v entry %s, want %s", p.ID, r.Answered, entryID(r), p.ID)
			}
		}
	}
	if n < 5 {
		t.Errorf("%d entries whose when link is their own answer, want several", n)
	}
}

// TestFollowMapLeavesOwnQuestions: a "what" follow-up that asks a
// question of its own ("what was macron even calling about", "what does
// Yanukovich think of all this?") is not answered from the follow map of
// the answer before: it comes out as it does alone.
func TestFollowMapLeavesOwnQuestions(t *testing.T) {
	t.Parallel()
	e := engine(t)
	for _, tt := range []struct{ q, prev string }{
		{"what was macron even calling about", "legitimacy-questioned"},
		{"What does Yanukovich think of all this?", "unsaid-yanukovich-fate"},
	} {
		alone, after := e.Ask(tt.q), e.AskAfter(tt.q, tt.prev)
		if after.Answered != alone.Answered || entryID(after) != entryID(alone) {
			t.Errorf("AskAfter(%q, %s) = %s, want %s as alone", tt.q, tt.prev, entryID(after), entryID(alone))
		}
	}
}

// TestSayingIsNoWordOfItsOwn: a truth follow-up that names the saying
// ("ce qu'il raconte") asks what the bare one asks: the verb of saying is
// no word of its own.
func TestSayingIsNoWordOfItsOwn(t *testing.T) {
	t.Parallel()
	e := engine(t)
	for _, tt := range []struct{ prev, q, bare string }{
		{"bloody-coup", "c'est vrai ce qu'il raconte ?", "c'est vrai ?"},
		{"bloody-coup", "c'est vrai ce qu'il prétend ?", "c'est vrai ?"},
	} {
		got, want := e.AskAfter(tt.q, tt.prev), e.AskAfter(tt.bare, tt.prev)
		if !want.Answered {
			t.Fatalf("AskAfter(%q, %s) refused: the case no longer tests the rule", tt.bare, tt.prev)
		}
		if entryID(got) != entryID(want) {
			t.Errorf("AskAfter(%q, %s) = %s, want %s as %q", tt.q, tt.prev, entryID(got), entryID(want), tt.bare)
		}
	}
}
