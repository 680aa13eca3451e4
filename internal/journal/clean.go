package journal

import (
	"math"
	"strings"
	"unicode/utf8"
)

// Bounds on what one record stores, so that a huge input (a pasted log, a
// hostile client) cannot bloat the database. Text is cut at a rune
// boundary.
const (
	maxText       = 4000 // bytes of Question.Text
	maxComment    = 1000 // characters of Vote.Comment, as Discord's text input counts them
	maxField      = 200  // bytes of every other text field: ids, codes and names
	maxCandidates = 10   // Question.Candidates; the bot sends at most 3
)

// clip returns s as valid UTF-8 without NUL bytes (PostgreSQL text refuses
// both), at most n bytes long. A run of invalid bytes becomes one U+FFFD.
func clip(s string, n int) string {
	if len(s) <= n && utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return s // the common case, without allocating
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\x00", "\uFFFD")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// clipChars returns s as clip does, at most n characters long.
func clipChars(s string, n int) string {
	s = clip(s, n*utf8.UTFMax)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for range n {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// finite returns f, or 0 when f is NaN or infinite: SQLite stores NaN as
// NULL and encoding/json refuses both.
func finite(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

// cleanQuestion returns q bounded as the constants above say.
func cleanQuestion(q Question) Question {
	q.ID = clip(q.ID, maxField)
	q.GuildID = clip(q.GuildID, maxField)
	q.ChannelID = clip(q.ChannelID, maxField)
	q.User = clip(q.User, maxField)
	q.Text = clip(q.Text, maxText)
	q.Lang = clip(q.Lang, maxField)
	q.Kind = clip(q.Kind, maxField)
	q.Transport = clip(q.Transport, maxField)
	q.EntryID = clip(q.EntryID, maxField)
	q.Refusal = clip(q.Refusal, maxField)
	q.Confidence = finite(q.Confidence)
	q.PickedFrom = clip(q.PickedFrom, maxField)
	cs := q.Candidates[:min(len(q.Candidates), maxCandidates)]
	q.Candidates = make([]Candidate, len(cs)) // a copy: the caller's slice is left alone
	for i, c := range cs {
		q.Candidates[i] = Candidate{ID: clip(c.ID, maxField), Score: finite(c.Score)}
	}
	return q
}

// cleanVote returns v bounded as the constants above say.
func cleanVote(v Vote) Vote {
	v.QuestionID = clip(v.QuestionID, maxField)
	v.EntryID = clip(v.EntryID, maxField)
	v.GuildID = clip(v.GuildID, maxField)
	v.User = clip(v.User, maxField)
	v.Verdict = clip(v.Verdict, maxField)
	v.Reason = clip(v.Reason, maxField)
	v.Comment = clipChars(v.Comment, maxComment)
	return v
}
