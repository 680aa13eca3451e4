package knowledge

import (
	"slices"
	"strings"
	"testing"
)

func TestTranslationProblems(t *testing.T) {
	t.Parallel()
	const en = "Putin claimed that Zelenskyy won 73.2% of the vote in 2019."
	tests := []struct {
		name, en, tr, lang string
		want               []string // substrings, one per problem
	}{
		{"faithful French", en, "Poutine a affirmé que Zelensky avait obtenu 73,2 % des voix en 2019.", "fr", nil},
		{"faithful Russian", en, "Путин заявил, что Зеленский получил 73,2% голосов в 2019 году.", "ru", nil},
		{"claim stated as fact", en, "Zelensky a obtenu 73,2 % des voix en 2019.", "fr", []string{"keep the claim attributed"}},
		{"a number changed", en, "Poutine a affirmé que Zelensky avait obtenu 72,3 % des voix en 2019.", "fr", []string{"has the number 73.2, the translation does not", "the translation has the number 72.3"}},
		{"a number added", "Macron called Putin.", "Macron a appelé Poutine le 20 février.", "fr", []string{"the translation has the number 20"}},
		{"a bare yes the English lacks", "Macron tried to talk Putin out of it.", "Oui. Macron a essayé.", "fr", []string{`bare "Oui"`}},
		{"the opposite answer", "No. Zelenskyy was not on the call.", "Да. Зеленский участвовал.", "ru", []string{`opens with "Да", the English with "No"`}},
		{"the same answer", "No. Zelenskyy was not on the call.", "Нет. Зеленского не было на звонке.", "ru", nil},
		{"a quote kept in English", `Macron said he did not "give a damn" about it.`, `Macron a dit qu'il ne se souciait pas (« give a damn ») de cela.`, "fr", nil},
		{"a quote translated", `Macron said he did not "give a damn" about it.`, `Macron a dit qu'il s'en « fichait éperdument ».`, "fr", []string{`quotes "fichait éperdument"`}},
		{"a yes or no dropped", "No. Zelenskyy was not on the call.", "Zelensky n'était pas en ligne.", "fr", []string{`open with the same answer`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := translationProblems(tt.en, tt.tr, tt.lang)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems %q, want %d like %q", len(got), got, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("problem %d: got %q, want it to say %q", i, got[i], w)
				}
			}
		})
	}
}

func TestTranslationsInASet(t *testing.T) {
	t.Parallel()
	fsys := mutated(t, "qa/cats.yaml", "    related: [cat-dogs]\n", `    related: [cat-dogs]
    translations:
      fr:
        question: Où le chat s'est-il assis ?
        answer: Sur le tapis.
      ru:
        question: Где сидел кот?
        answer: ""
      de:
        question: Wo saß die Katze?
        answer: Auf der Matte.
`)
	set, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range set.CheckIntegrity() {
		got = append(got, p.String())
	}
	want := []string{
		`qa/cats.yaml:2: entry where-cat: translation "de": want one of fr, ru, the languages the bot reads besides English`,
		`qa/cats.yaml:2: entry where-cat translation ru: empty field "answer"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	e, _ := set.Entry("where-cat")
	if q, a := e.Localized("fr"); q != "Où le chat s'est-il assis ?" || a != "Sur le tapis." {
		t.Errorf("Localized(fr) = %q, %q, want the French", q, a)
	}
	if q, a := e.Localized("ru"); q != e.Question || a != e.Answer {
		t.Errorf("Localized(ru) with an empty answer = %q, %q, want the English", q, a)
	}
}
