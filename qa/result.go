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
	Hint        string           // why a question was refused, when there is a specific reason (e.g. empty)
}

// Suggestion points at an entry a user may have meant.
type Suggestion struct {
	ID       string
	Question string
}
