// Package modal builds Discord modals out of label components and decodes
// what a member submits in them.
//
// A modal may hold a select menu only inside a label component (type 18),
// which discordgo v0.29.0 neither builds nor decodes: its decoder fails on
// type 18, and its TextInput always sends a "label" that a text input
// inside a label must not have. The types here marshal as Discord's API
// reference describes them, and Decode reads a modal submit into Data,
// which the handlers read by custom id.
package modal

import (
	"encoding/json"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// LabelComponent is the component type of a label.
const LabelComponent discordgo.ComponentType = 18

// Label titles one input of a modal.
type Label struct {
	Label       string // 1 to 45 characters
	Description string // optional, at most 100 characters
	Component   discordgo.MessageComponent
}

// Type implements discordgo.MessageComponent.
func (Label) Type() discordgo.ComponentType { return LabelComponent }

// MarshalJSON implements json.Marshaler.
func (l Label) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Type        discordgo.ComponentType    `json:"type"`
		Label       string                     `json:"label"`
		Description string                     `json:"description,omitempty"`
		Component   discordgo.MessageComponent `json:"component"`
	}{LabelComponent, l.Label, l.Description, l.Component})
}

// StringSelect is a select menu of fixed options, inside a Label.
type StringSelect struct {
	CustomID    string
	Placeholder string
	Required    bool
	Options     []Option
}

// Option is one choice of a StringSelect.
type Option struct {
	Label       string `json:"label"`                 // 1 to 100 characters
	Value       string `json:"value"`                 // what the submit carries
	Description string `json:"description,omitempty"` // optional, at most 100 characters
}

// Type implements discordgo.MessageComponent.
func (StringSelect) Type() discordgo.ComponentType { return discordgo.SelectMenuComponent }

// MarshalJSON implements json.Marshaler.
func (s StringSelect) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Type        discordgo.ComponentType `json:"type"`
		CustomID    string                  `json:"custom_id"`
		Placeholder string                  `json:"placeholder,omitempty"`
		Required    bool                    `json:"required"`
		MinValues   int                     `json:"min_values"`
		MaxValues   int                     `json:"max_values"`
		Options     []Option                `json:"options"`
	}{discordgo.SelectMenuComponent, s.CustomID, s.Placeholder, s.Required, boolInt(s.Required), 1, s.Options})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TextInput is a text field inside a Label; its title is the Label's.
type TextInput struct {
	CustomID    string
	Style       discordgo.TextInputStyle
	Placeholder string
	Required    bool
	MaxLength   int // 0: Discord's 4000
}

// Type implements discordgo.MessageComponent.
func (TextInput) Type() discordgo.ComponentType { return discordgo.TextInputComponent }

// MarshalJSON implements json.Marshaler.
func (t TextInput) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Type        discordgo.ComponentType  `json:"type"`
		CustomID    string                   `json:"custom_id"`
		Style       discordgo.TextInputStyle `json:"style"`
		Placeholder string                   `json:"placeholder,omitempty"`
		Required    bool                     `json:"required"`
		MaxLength   int                      `json:"max_length,omitempty"`
	}{discordgo.TextInputComponent, t.CustomID, t.Style, t.Placeholder, t.Required, t.MaxLength})
}

// Data is what a member submitted in a modal: each input's values by its
// custom id (a text input has one value, a select menu its chosen ones).
type Data struct {
	CustomID string
	Values   map[string][]string
}

// Type implements discordgo.InteractionData.
func (Data) Type() discordgo.InteractionType { return discordgo.InteractionModalSubmit }

// Value returns the first value of the input with the given custom id.
func (d Data) Value(id string) string {
	if v := d.Values[id]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// submitted is a component of a modal submit, in any of the shapes Discord
// sends: an action row of inputs, a label around one, or the input itself.
type submitted struct {
	Type       discordgo.ComponentType `json:"type"`
	CustomID   string                  `json:"custom_id"`
	Value      *string                 `json:"value"`
	Values     []string                `json:"values"`
	Component  *submitted              `json:"component"`
	Components []submitted             `json:"components"`
}

func (c *submitted) collect(into map[string][]string) {
	if c.CustomID != "" {
		switch {
		case c.Value != nil:
			into[c.CustomID] = []string{*c.Value}
		case c.Values != nil:
			into[c.CustomID] = c.Values
		}
	}
	if c.Component != nil {
		c.Component.collect(into)
	}
	for i := range c.Components {
		c.Components[i].collect(into)
	}
}

// Decode decodes an interaction as discordgo does, except that a modal
// submit's data is decoded into Data, whatever its components.
func Decode(raw []byte) (*discordgo.Interaction, error) {
	var head struct {
		Type discordgo.InteractionType `json:"type"`
		Data json.RawMessage           `json:"data"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, err
	}
	if head.Type != discordgo.InteractionModalSubmit {
		var i discordgo.Interaction
		if err := json.Unmarshal(raw, &i); err != nil {
			return nil, err
		}
		return &i, nil
	}
	var d struct {
		CustomID   string      `json:"custom_id"`
		Components []submitted `json:"components"`
	}
	if len(head.Data) > 0 {
		if err := json.Unmarshal(head.Data, &d); err != nil {
			return nil, fmt.Errorf("modal submit data: %w", err)
		}
	}
	// Decode the rest with the data left out: discordgo's decoder would
	// fail on the components.
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, err
	}
	fields["data"] = json.RawMessage(`{}`)
	rest, err := json.Marshal(fields)
	if err != nil {
		return nil, err
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(rest, &i); err != nil {
		return nil, err
	}
	data := Data{CustomID: d.CustomID, Values: map[string][]string{}}
	for k := range d.Components {
		d.Components[k].collect(data.Values)
	}
	i.Data = data
	return &i, nil
}
