package qa

import "testing"

// TestUnreadLanguage: a question in a language the engine does not read is
// refused with ReasonLanguage; English, French and Russian questions,
// short ones and typo-ridden ones included, never are.
func TestUnreadLanguage(t *testing.T) {
	t.Parallel()
	e := engine(t)
	tests := []struct {
		q    string
		want bool
	}{
		{"Was hat Macron Putin über die Anwälte gesagt?", true},
		{"Wann fand das Telefongespräch zwischen Putin und Macron statt?", true},
		{"¿Cuándo tuvo lugar la llamada entre Putin y Macron?", true},
		{"¿Por qué llamó Macron a Putin antes de la invasión?", true},
		// Too short for trigrams; the marks tell.
		{"¿Putin aceptó reunirse con Biden?", true},
		{"¿De qué acusó Putin a Zelenski durante la llamada?", true},
		{"Hat Putin Macron gegrüßt?", true},
		// ¿ names Spanish even when typo correction "knows" most words.
		{"¿Cuántos votos sacó Zelenski en las elecciones?", true},
		// An acute a, i, o or u names Spanish or Portuguese when typo
		// correction "knows" the words ("tropas" as "troops").
		{"putin prometió retirar tropas de la frontera", true},
		{"macron llamó a putin?", true},
		{"Macron a-t-il parlé à Poutine ?", false},
		{"Pourquoi Macron était-il fâché, et qu'a répondu Poutine ?", false},
		{"Коли відбулася розмова між Путіним і Макроном?", true},
		{"When did the call take place?", false},
		{"wat did macron say abt lawyers lol", false},
		{"Quand a eu lieu l'appel entre Poutine et Macron ?", false},
		{"Когда состоялся разговор Путина и Макрона?", false},
		{"what's the weather like in paris tomorrow", false},
		{"Macron Putin", false},
	}
	for _, tt := range tests {
		r := e.Ask(tt.q)
		if got := r.Reason == ReasonLanguage; got != tt.want {
			t.Errorf("Ask(%q): reason %q, want language refusal %v", tt.q, r.Reason, tt.want)
		}
		if tt.want && r.Answered {
			t.Errorf("Ask(%q) answered %s, want a refusal naming the languages read", tt.q, r.Entry.ID)
		}
	}
}
