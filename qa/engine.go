package qa

import (
	"strings"

	"github.com/callbot/callbot/knowledge"
)

// TEMPORARY stand-in so other packages compile; replaced by the real engine.

// Options tune the engine.
type Options struct {
	Threshold float64 // minimum confidence to answer; 0 means the default
}

// Engine answers questions from a knowledge set. Safe for concurrent use.
type Engine struct{ set *knowledge.Set }

// New builds the index for set.
func New(set *knowledge.Set, opts Options) (*Engine, error) { return &Engine{set: set}, nil }

// Ask answers a free-text question.
func (e *Engine) Ask(q string) Result {
	for i := range e.set.Entries {
		en := &e.set.Entries[i]
		if strings.EqualFold(strings.TrimSpace(q), en.Question) {
			return Result{Question: q, Answered: true, Entry: en, Confidence: 1}
		}
	}
	return Result{Question: q}
}

// Answer returns the entry with the given id as a result, for buttons and menus.
func (e *Engine) Answer(id string) (Result, bool) {
	en, ok := e.set.Entry(id)
	if !ok {
		return Result{}, false
	}
	return Result{Question: en.Question, Answered: true, Entry: en, Confidence: 1}, true
}

// Complete ranks curated questions for a partly typed question (autocomplete).
func (e *Engine) Complete(prefix string, limit int) []Suggestion {
	var out []Suggestion
	for _, en := range e.set.Entries {
		if len(out) == limit {
			break
		}
		out = append(out, Suggestion{ID: en.ID, Question: en.Question})
	}
	return out
}
