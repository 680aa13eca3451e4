// Package journal is callbot's record of what members asked and whether it
// helped: every question with what the bot did with it, members' votes on
// answers, and the suggestion a member picked after a refusal. It stores
// them in SQLite (the embedded default, through a pure-Go driver) or
// PostgreSQL, behind one small interface, and never blocks or fails an
// answer: writes go through a bounded queue in batches (Writer), and a
// database that is down loses records, counted, not answers.
package journal

import "time"

// Question is one question asked and what the bot did with it.
type Question struct {
	// ID is random, 16 hex digits (NewID); the buttons under the reply
	// carry it, so a vote or a suggestion click names the question.
	ID        string
	Time      time.Time
	GuildID   string // "" in a DM
	ChannelID string
	// User is who asked. The Writer replaces a Discord user id with its
	// keyed hash before storage, or with "" when there is no key; what a
	// Store reads back is that hash.
	User string
	Text string // the question as asked; for a button or menu pick, the entry's question
	Lang string // "en", "fr", "ru", or the code of a language not read; "" unknown
	// Kind is how it was asked: "command" (/ask), "menu" (a message
	// command), "mention", "dm", "listen" (a listen channel), "button" (a
	// related-question button or menu pick), "suggestion" (a suggestion
	// after a refusal).
	Kind      string
	Transport string // "gateway" or "http"
	// EntryID is the entry answered; "" when refused.
	EntryID string
	// Refusal is "" when answered, else why: "unknown" (the sources don't
	// say), "empty", "truncated", "language".
	Refusal    string
	Confidence float64
	Candidates []Candidate // the best-scoring entries, best first, at most 3
	// PickedFrom is, for a suggestion click, the ID of the refused question
	// whose suggestion was picked: that question → this entry.
	PickedFrom string
}

// Candidate is an entry a question scored against.
type Candidate struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
}

// Verdicts of a Vote.
const (
	Helpful    = "helpful"
	NotHelpful = "not_helpful"
)

// Reasons a member gives for Not helpful.
const (
	ReasonWrong      = "wrong"
	ReasonNotAsked   = "not_asked"
	ReasonIncomplete = "incomplete"
)

// Vote is one member's verdict on one answer. A member has one vote per
// answer: a second vote replaces the first.
type Vote struct {
	QuestionID string // the answered question's ID
	EntryID    string // the entry that answered it
	GuildID    string
	User       string // as Question.User: hashed by the Writer
	Time       time.Time
	Verdict    string // Helpful or NotHelpful
	Reason     string // for NotHelpful: one of the Reason constants, or ""
	Comment    string // optional free text, at most 1000 characters
}

// Filter selects records.
type Filter struct {
	Since   time.Time // records at or after; zero means all
	GuildID string    // "" means every guild and DMs
}
