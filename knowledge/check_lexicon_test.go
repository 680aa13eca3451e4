package knowledge

import (
	"fmt"
	"os"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/callbot/callbot/knowledge/lexicon"
)

// lexiconFS returns the good set with the synonym groups and Yes/No entries
// of testdata/lexicon.
func lexiconFS(t *testing.T) fstest.MapFS {
	t.Helper()
	m := goodFS(t)
	for _, name := range []string{"synonyms.yaml", "qa/yesno.yaml"} {
		b, err := os.ReadFile("testdata/lexicon/" + name)
		if err != nil {
			t.Fatal(err)
		}
		m[name] = &fstest.MapFile{Data: b}
	}
	return m
}

// lexiconProblems returns the messages Check gives for the lexicon
// fixture, by "file:line".
func lexiconProblems(t *testing.T) map[string][]string {
	t.Helper()
	s, err := Load(lexiconFS(t))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, p := range s.Check() {
		at := fmt.Sprintf("%s:%d", p.Pos.File, p.Pos.Line)
		out[at] = append(out[at], p.Msg)
	}
	return out
}

// keepHint ends the message of a rejection the curator may overrule.
const keepHint = "; or, if in these sources it means the group's word, list it under kept with why"

const staleKept = "no member is rejected by that name for a reason kept can overrule (stopwords, shared first names and antonyms it cannot); remove it from kept"

// TestSynonymSenses shows each way a synonym member can fold another
// meaning into its group, and that names, spellings, transliterations and
// true synonyms pass.
func TestSynonymSenses(t *testing.T) {
	t.Parallel()
	got := lexiconProblems(t)
	tests := []struct {
		name string
		line int // of the group in testdata/lexicon/synonyms.yaml
		want []string
	}{
		{"common word of another meaning: home in withdraw", 5, []string{
			`synonym "home" in group "withdraw": a common English word (WordNet: "home" as in "place") with no WordNet sense near "withdraw"'s: it folds another meaning into the group; drop it or give it a group of its own` + keepHint,
		}},
		{"stem collision: accord and according (and accord a French word)", 6, []string{
			`synonym "accords" in group "accords": its snowball stem "accord", which the matcher folds too, is also the stem of "according", "accordingly", common words of another meaning; drop the member or give those words a group of their own` + keepHint,
			`synonym "accord" in group "accords": its snowball stem "accord", which the matcher folds too, is also the stem of "according", "accordingly", common words of another meaning; drop the member or give those words a group of their own; a false friend: far more common as a French word (rank 96 in French subtitles, 13645 in English), and Latin-script members apply to French questions too, in all their French senses; drop it, or keep only a multi-word form, which the matcher folds as a phrase` + keepHint,
		}},
		{"another meaning and a stem collision: participation in turnout", 7, []string{
			`synonym "participation" in group "turnout": a common English word (WordNet: "participation" as in "engagement", "involvement") with no WordNet sense near "turnout"'s: it folds another meaning into the group; drop it or give it a group of its own; its snowball stem "particip", which the matcher folds too, is also the stem of "participate", "participating", "participated", "participants", common words of another meaning; drop the member or give those words a group of their own` + keepHint,
		}},
		{"first name of several people: vladimir in putin", 8, []string{
			`synonym "vladimir" in group "putin": a first name WordNet gives to 6 people (horowitz, lenin, mayakovski, nabokov, putin, …), so it names no one in particular; drop it and match the surname`,
		}},
		{"false friend: coup is a common French word", 9, []string{
			`synonym "coup" in group "coup": a false friend: far more common as a French word (rank 253 in French subtitles, 8155 in English), and Latin-script members apply to French questions too, in all their French senses; drop it, or keep only a multi-word form, which the matcher folds as a phrase` + keepHint,
		}},
		{"plural of its own: talks in talk", 10, []string{
			`synonym "talks" in group "talk": a common English word (WordNet: "talks" as in "dialogue", "negotiation") with no WordNet sense near "talk"'s: it folds another meaning into the group; drop it or give it a group of its own` + keepHint,
		}},
		{"false friend: fin is an English word", 11, []string{
			`synonym "fin" in group "end": a false friend: far more common in French, but also a common English word (WordNet: "fin" as in "five", "quint", "quintet") with no sense of "end", and Latin-script members apply to English questions too; drop it` + keepHint,
		}},
		{"antonym: illegitimate in legitimacy", 12, []string{
			`synonym "illegitimate" in group "legitimacy": a common English word (WordNet: "illegitimate" as in "illicit", "outlaw", "outlawed", …) with no WordNet sense near "legitimacy"'s: it folds another meaning into the group; drop it or give it a group of its own; a WordNet antonym of "legitimate": folding it makes a question and its opposite the same question; give it a group of its own`,
		}},
		{"stopwords", 13, []string{
			`synonym "the" in group "said": a snowball stopword of English (Latin-script members apply to English and French questions alike): questions are full of it; drop it`,
			`synonym "что" in group "said": a snowball stopword of Russian: questions are full of it; drop it`,
		}},
		{"elision: d'après reads as après", 14, []string{
			`synonym "d'après" in group "citing": read as "après" once its elision is dropped, as the matcher reads French, a common French word (rank 155 in French subtitles) of its own meaning; drop it, or keep only a multi-word form, which the matcher folds as a phrase` + keepHint,
		}},
		{"zelensky spellings and transliterations", 15, nil},
		{"kiev and kyiv", 16, nil},
		{"lawyer and attorney", 17, nil},
		{"documentary and film", 18, nil},
		{"agree, its forms and synonyms", 19, nil},
		{"troops, its singular and near synonyms", 20, nil},
		{"multi-word member", 21, nil},
		{"kept with a reason", 23, nil},
		{"rejected and not kept", 24, []string{
			`synonym "clip" in group "video": a common English word (WordNet: "clip" as in "magazine") with no WordNet sense near "video"'s: it folds another meaning into the group; drop it or give it a group of its own` + keepHint,
		}},
		{"kept but not rejected", 28, []string{`kept synonym "recording": ` + staleKept}},
		{"a stopword cannot be kept", 30, []string{`kept synonym "the": ` + staleKept}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if g := got[fmt.Sprintf("synonyms.yaml:%d", tt.line)]; !slices.Equal(g, tt.want) {
				t.Errorf("problems at synonyms.yaml:%d:\ngot  %q\nwant %q", tt.line, g, tt.want)
			}
		})
	}
}

// TestYesNoPolarity shows each kind of phrasing that a bare Yes or No
// answers backwards or not at all; the fixture's other phrasings pass.
func TestYesNoPolarity(t *testing.T) {
	t.Parallel()
	got := lexiconProblems(t)
	tests := []struct {
		name string
		line int // of the entry in testdata/lexicon/qa/yesno.yaml
		want string
	}{
		{"antonym: did the cat fail, on a Yes entry that asks did it succeed", 4, `entry cat-succeeded: answer opens with a bare "Yes", but English phrasing "did the cat fail to sit on the mat" asks the opposite: "fail" is a WordNet antonym of "succeed" in the question, so the "Yes" answers it backwards; state the fact instead of a bare Yes, or move the phrasing to an entry that answers it`},
		{"negated English phrasing", 4, `entry cat-succeeded: answer opens with a bare "Yes", but English phrasing "didn't the cat sit on the mat" is negated ("didn't") and the question is not, so the "Yes" answers it backwards; state the fact instead of a bare Yes, or move the phrasing to an entry that answers it`},
		{"statement", 4, `entry cat-succeeded: answer opens with a bare "Yes", but English phrasing "the cat sat on the mat" is a statement, not a yes/no question; state the fact instead of a bare Yes, or move the phrasing to an entry that answers it`},
		{"open question", 4, `entry cat-succeeded: answer opens with a bare "Yes", but English phrasing "where was the cat" is an open (wh-) question, not a yes/no question; state the fact instead of a bare Yes, or move the phrasing to an entry that answers it`},
		{"negated French phrasing", 4, `entry cat-succeeded: answer opens with a bare "Yes", but French phrasing "Le chat ne s'est pas assis sur le tapis ?" is negated ("ne") and the question is not, so the "Yes" answers it backwards; state the fact instead of a bare Yes, or move the phrasing to an entry that answers it`},
		{"negated Russian phrasing", 4, `entry cat-succeeded: answer opens with a bare "Yes", but Russian phrasing "Кот не сел на коврик?" is negated ("не") and the question is not, so the "Yes" answers it backwards; state the fact instead of a bare Yes, or move the phrasing to an entry that answers it`},
		{"Russian statement", 4, `entry cat-succeeded: answer opens with a bare "Yes", but Russian phrasing "Кот сидел на коврике" is a statement, not a yes/no question; state the fact instead of a bare Yes, or move the phrasing to an entry that answers it`},
		{"drops the negation of a negated question", 26, `entry cat-not-standing: answer opens with a bare "No", but English phrasing "did the cat stay on its feet" drops the question's negation ("didn't"), so the "No" answers it backwards; state the fact instead of a bare No, or move the phrasing to an entry that answers it`},
	}
	want := map[string][]string{}
	for _, tt := range tests {
		at := fmt.Sprintf("qa/yesno.yaml:%d", tt.line)
		want[at] = append(want[at], tt.want)
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if g := got[at]; !slices.Contains(g, tt.want) {
				t.Errorf("problems at %s:\ngot  %q\nwant one %q", at, g, tt.want)
			}
		})
	}
	// Nothing else: the fine phrasings, and the entry whose answer opens
	// with "No one", pass.
	for at, g := range got {
		if at[:3] != "qa/" {
			continue
		}
		for _, m := range g {
			if !slices.Contains(want[at], m) {
				t.Errorf("unexpected problem at %s: %s", at, m)
			}
		}
	}
}

func TestBareYesNo(t *testing.T) {
	t.Parallel()
	tests := []struct {
		answer, want string
		ok           bool
	}{
		{"Yes.", "Yes", true},
		{"No: it sat on the mat.", "No", true},
		{"  Oui, il a dit…", "Oui", true},
		{"Нет.", "Нет", true},
		{"Да — он сказал", "Да", true},
		{"No one knows.", "", false},
		{"Yesterday it sat.", "", false},
		{"The cat sat.", "", false},
		{"Yes", "Yes", true},
	}
	for _, tt := range tests {
		if got, ok := bareYesNo(tt.answer); got != tt.want || ok != tt.ok {
			t.Errorf("bareYesNo(%q) = %q, %v; want %q, %v", tt.answer, got, ok, tt.want, tt.ok)
		}
	}
}

func TestAnalyseQuestion(t *testing.T) {
	t.Parallel()
	lx, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text    string
		lang    lexicon.Lang
		kind    questionKind
		negated bool
	}{
		{"did macron fail", lexicon.English, yesNoQuestion, false},
		{"so macron failed lol", lexicon.English, statement, false},
		{"Didn't Putin agree?", lexicon.English, yesNoQuestion, true},
		{"was there no press release", lexicon.English, yesNoQuestion, true},
		{"biden and putin never met", lexicon.English, statement, true},
		{"what did the call achieve", lexicon.English, whQuestion, false},
		{"tell me whether they met", lexicon.English, yesNoQuestion, false},
		{"macron succeeded?", lexicon.English, yesNoQuestion, false},
		{"est-ce que la diplomatie de macron a échoué", lexicon.French, yesNoQuestion, false},
		{"Macron a-t-il réussi", lexicon.French, yesNoQuestion, false},
		{"Macron n'a pas réussi ?", lexicon.French, yesNoQuestion, true},
		{"Qu'est-ce que Poutine a dit ?", lexicon.French, whQuestion, false},
		{"Macron a échoué", lexicon.French, statement, false},
		{"Макрон потерпел неудачу?", lexicon.Russian, yesNoQuestion, false},
		{"Удалось ли Макрону?", lexicon.Russian, yesNoQuestion, false},
		{"Макрону не удалось", lexicon.Russian, statement, true},
		{"Что сказал Путин?", lexicon.Russian, whQuestion, false},
	}
	for _, tt := range tests {
		a := analyseQuestion(lx, tt.text, tt.lang)
		if a.kind != tt.kind || a.negated != tt.negated {
			t.Errorf("analyseQuestion(%q, %s) = %s, negated %v; want %s, negated %v", tt.text, tt.lang, a.kind, a.negated, tt.kind, tt.negated)
		}
	}
}
