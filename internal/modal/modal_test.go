package modal

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestDecode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		raw      string
		customID string
		values   map[string][]string
	}{
		{
			name: "labels around a select and a text input",
			raw: `{"id":"1","application_id":"2","type":5,"token":"t","data":{"custom_id":"fbm:abc:lawyer","components":[
				{"type":18,"id":1,"component":{"type":3,"id":2,"custom_id":"reason","values":["wrong"]}},
				{"type":18,"id":3,"component":{"type":4,"id":4,"custom_id":"comment","value":"the date is off"}}]}}`,
			customID: "fbm:abc:lawyer",
			values:   map[string][]string{"reason": {"wrong"}, "comment": {"the date is off"}},
		},
		{
			name: "action rows of text inputs, the older shape",
			raw: `{"id":"1","application_id":"2","type":5,"token":"t","data":{"custom_id":"m","components":[
				{"type":1,"components":[{"type":4,"custom_id":"comment","value":""}]}]}}`,
			customID: "m",
			values:   map[string][]string{"comment": {""}},
		},
		{
			name:     "no data",
			raw:      `{"id":"1","application_id":"2","type":5,"token":"t"}`,
			customID: "",
			values:   map[string][]string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			i, err := Decode([]byte(tt.raw))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if i.ID != "1" || i.Token != "t" || i.Type != discordgo.InteractionModalSubmit {
				t.Errorf("got id %q token %q type %v, want 1, t, modal submit", i.ID, i.Token, i.Type)
			}
			d, ok := i.Data.(Data)
			if !ok {
				t.Fatalf("got data %T, want modal.Data", i.Data)
			}
			if d.CustomID != tt.customID || !reflect.DeepEqual(d.Values, tt.values) {
				t.Errorf("got %q %v, want %q %v", d.CustomID, d.Values, tt.customID, tt.values)
			}
		})
	}
}

func TestDecodeOtherInteractions(t *testing.T) {
	t.Parallel()
	i, err := Decode([]byte(`{"id":"1","application_id":"2","type":3,"token":"t","data":{"custom_id":"ask:x","component_type":2}}`))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	d, ok := i.Data.(discordgo.MessageComponentInteractionData)
	if !ok || d.CustomID != "ask:x" {
		t.Errorf("got data %#v, want discordgo's component data with custom id ask:x", i.Data)
	}
	for _, raw := range []string{``, `{`, `[]`, `{"type":5,"data":[]}`, `{"type":5,"data":{"components":[{"type":"x"}]}}`} {
		if _, err := Decode([]byte(raw)); err == nil {
			t.Errorf("Decode(%q) = nil error, want one", raw)
		}
	}
}

func TestMarshal(t *testing.T) {
	t.Parallel()
	l := Label{Label: "Why?", Component: StringSelect{CustomID: "reason", Required: true, Options: []Option{{Label: "Wrong", Value: "wrong"}}}}
	b, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"type":18,"label":"Why?","component":{"type":3,"custom_id":"reason","required":true,"min_values":1,"max_values":1,"options":[{"label":"Wrong","value":"wrong"}]}}`
	if got := string(b); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	b, err = json.Marshal(Label{Label: "More", Component: TextInput{CustomID: "c", Style: discordgo.TextInputParagraph, MaxLength: 1000}})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(b); strings.Contains(got, `"label":""`) || !strings.Contains(got, `"max_length":1000`) {
		t.Errorf("got %s, want a text input without a label of its own and with max_length", got)
	}
}
