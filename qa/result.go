package qa

import "github.com/callbot/callbot/knowledge"

// Result is the engine's answer to one question.
type Result struct {
	Question    string           // the question as asked
	Answered    bool             // false: the articles do not answer it
	Entry       *knowledge.Entry // the matched entry; nil when not answered
	Confidence  float64          // 0..1, calibrated; compared against the threshold
	Matched     []string         // the question's terms that matched the entry
	Suggestions []Suggestion     // up to 3 nearby entries, mostly when not answered
	Reason      Reason           // why a question was refused, when there is a specific reason
	// Candidates are the best-scoring entries, best first, at most
	// MaxSuggestions, whether or not the question was answered: what a
	// curator needs to see why a question was refused.
	Candidates []Candidate
	// Lang is the language the question was read as: "en", "fr" or "ru",
	// or, with ReasonLanguage, the ISO 639-1 code of the language it is in.
	Lang string
}

// Candidate is one entry the question scored against, and its score in
// 0..1 (before calibration into Result.Confidence).
type Candidate struct {
	ID    string
	Score float64
}

// Reason says why a question was refused, so the caller can say what to do.
// The texts themselves belong to the knowledge set (knowledge.About).
type Reason uint8

const (
	// ReasonNone: answered, or refused because the sources do not say.
	ReasonNone Reason = iota
	// ReasonEmpty: the message asks nothing (empty, a bare mention, a
	// greeting): the caller shows the usage hint.
	ReasonEmpty
	// ReasonTruncated: only the first MaxInputBytes of the question were
	// read, and that part is not answered.
	ReasonTruncated
	// ReasonLanguage: the question is in a language the engine does not
	// read (English, French and Russian are read).
	ReasonLanguage
)

// String names the reason, for JSON output and logs.
func (r Reason) String() string {
	switch r {
	case ReasonEmpty:
		return "empty"
	case ReasonTruncated:
		return "truncated"
	case ReasonLanguage:
		return "language"
	}
	return ""
}

// Suggestion points at an entry a user may have meant.
type Suggestion struct {
	ID       string
	Question string
}
