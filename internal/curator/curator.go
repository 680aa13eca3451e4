// Package curator turns the question record into what a curator acts on:
// the gaps (questions the bot refused or barely answered, grouped by what
// they share after analysis) and the answers members voted not helpful.
// It reads a journal and asks the engine how it analyses a question; it
// writes nothing.
package curator

import (
	"context"
	"time"

	"github.com/callbot/callbot/internal/journal"
	"github.com/callbot/callbot/knowledge"
)

// Reader reads the record; a journal.Store satisfies it.
type Reader interface {
	Questions(ctx context.Context, f journal.Filter) ([]journal.Question, error)
	Votes(ctx context.Context, f journal.Filter) ([]journal.Vote, error)
}

// Analyzer says what a question comes to after analysis; *qa.Engine
// satisfies it.
type Analyzer interface {
	Terms(q string) []string
}

// Curator builds reports from the record. Safe for concurrent use.
type Curator struct {
	r   Reader
	an  Analyzer
	set *knowledge.Set
	// low is the confidence under which an answered question counts as a
	// gap too (see New).
	low float64
	now func() time.Time
}

// lowMargin is how far above the engine's threshold an answer still counts
// as barely answered: the engine's confidence is calibrated so that most
// wrong answers it gives sit within 0.1 of the threshold, so those are the
// answers a curator should look at first.
const lowMargin = 0.1

// New returns a Curator over the record r for the knowledge set the
// engine an indexes, whose answering threshold is threshold.
func New(r Reader, an Analyzer, set *knowledge.Set, threshold float64) *Curator {
	return &Curator{r: r, an: an, set: set, low: min(1, threshold+lowMargin), now: time.Now}
}

// Gap is a group of questions that share what they ask, and what members
// did about them. Its JSON is the `kb gaps --json` contract.
type Gap struct {
	Count     int       `json:"count"`     // times asked, all wordings together
	Questions []Asked   `json:"questions"` // distinct wordings, most asked first
	Nearest   []Nearest `json:"nearest"`   // the entries they came closest to, closest first
	Picked    []Picked  `json:"picked"`    // suggestions members picked after a refusal, most picked first
	Last      time.Time `json:"-"`         // last asked, for ties
	Terms     []string  `json:"-"`         // what the first wording comes to
	ids       []string  // the record ids of its questions
	scores    map[string]float64
}

// Asked is one wording and how often it was asked.
type Asked struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

// Nearest is an entry a gap came close to.
type Nearest struct {
	ID       string `json:"id"`
	Question string `json:"question"`
}

// Picked is an entry members picked, and how often.
type Picked struct {
	ID    string `json:"id"`
	Count int    `json:"count"`
}
