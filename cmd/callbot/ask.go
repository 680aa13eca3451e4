package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/callbot/callbot/bot"
	"github.com/callbot/callbot/knowledge"
	"github.com/callbot/callbot/qa"
)

// loadEngine loads the configured knowledge set and indexes it.
func loadEngine(c config) (*knowledge.Set, *qa.Engine, error) {
	load := knowledge.Embedded
	if c.Knowledge != "" {
		load = func() (*knowledge.Set, error) { return knowledge.LoadDir(c.Knowledge) }
	}
	set, err := load()
	if err != nil {
		return nil, nil, fmt.Errorf("load knowledge: %w", err)
	}
	if problems := set.CheckIntegrity(); len(problems) > 0 {
		return nil, nil, fmt.Errorf("knowledge set is unsound (%s; run 'callbot kb check'): %s", problemCount(len(problems)), problems[0])
	}
	eng, err := qa.New(set, qa.Options{Threshold: c.Threshold})
	if err != nil {
		return nil, nil, fmt.Errorf("index knowledge: %w", err)
	}
	return set, eng, nil
}

func cmdAsk(args []string, e env) error {
	var asJSON bool
	c, rest, err := loadConfig("ask", args, e, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "print one JSON object per question")
	})
	if err != nil {
		return helpOK(err)
	}
	question := strings.Join(rest, " ")
	set, eng, err := loadEngine(c)
	if err == nil && question == "" && !asJSON {
		return fmt.Errorf("%w: ask needs a question, e.g. callbot ask %q", errUsage, set.Example())
	}
	if err != nil {
		return err
	}
	if !asJSON {
		writeText(e.stdout, set, eng.Ask(question))
		return nil
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	if len(rest) > 0 {
		return enc.Encode(jsonResult(set, eng.Ask(question)))
	}
	// JSON Lines: one answer per input line, in order. A line of any
	// length is answered: past maxLineBytes the rest is skipped, and the
	// engine refuses what it cannot read with reason "truncated".
	r := bufio.NewReaderSize(e.stdin, 64*1024)
	for {
		line, err := readLine(r, maxLineBytes)
		if err == io.EOF && line == "" {
			return nil
		}
		if err != nil && err != io.EOF {
			return fmt.Errorf("read questions from stdin: %w", err)
		}
		if werr := enc.Encode(jsonResult(set, eng.Ask(line))); werr != nil {
			return fmt.Errorf("write answer: %w", werr)
		}
		if err == io.EOF {
			return nil
		}
	}
}

// maxLineBytes is the most of one stdin line ask --json keeps; the engine
// reads only the first qa.MaxInputBytes of it anyway.
const maxLineBytes = 64 * 1024

// readLine reads one line without its newline (or \r\n), keeping at most
// max bytes of it and skipping the rest. It returns io.EOF with the last
// line when the input does not end in a newline.
func readLine(r *bufio.Reader, max int) (string, error) {
	var buf []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if room := max - len(buf); room > 0 {
			buf = append(buf, chunk[:min(len(chunk), room)]...)
		}
		switch err {
		case bufio.ErrBufferFull:
			continue
		case nil:
			return strings.TrimRight(string(buf), "\r\n"), nil
		default:
			return strings.TrimRight(string(buf), "\r\n"), err
		}
	}
}

// helpOK turns a shown help message into success.
func helpOK(err error) error {
	if errors.Is(err, errHelp) {
		return nil
	}
	return err
}

// answerJSON is the `ask --json` contract (DESIGN.md); other tools rely on it.
type answerJSON struct {
	Question    string           `json:"question"`
	Answered    bool             `json:"answered"`
	ID          string           `json:"id"`
	Answer      string           `json:"answer"`
	Confidence  float64          `json:"confidence"`
	Citations   []citationJSON   `json:"citations"`
	Suggestions []suggestionJSON `json:"suggestions"`
	// Reason says why a question was refused when there is a specific
	// reason: "empty", "truncated" or "language"; "" otherwise.
	Reason string `json:"reason"`
	// Unsaid marks an answer that says the sources do not tell.
	Unsaid bool `json:"unsaid"`
	// Hint is what the bot says when it refuses: the usage hint, the
	// languages it reads, the truncation notice, or the refusal; "" when
	// answered.
	Hint string `json:"hint"`
}

type citationJSON struct {
	Source string `json:"source"`
	Title  string `json:"title"`
	Quote  string `json:"quote"`
}

type suggestionJSON struct {
	ID       string `json:"id"`
	Question string `json:"question"`
}

func jsonResult(set *knowledge.Set, r qa.Result) answerJSON {
	out := answerJSON{
		Question:    r.Question,
		Answered:    r.Answered,
		Confidence:  r.Confidence,
		Citations:   []citationJSON{},
		Suggestions: []suggestionJSON{},
		Reason:      r.Reason.String(),
	}
	if !r.Answered {
		out.Hint = bot.ReasonText(set, r.Reason)
		if out.Hint == "" {
			out.Hint = set.About.Refusal
		}
	}
	if r.Answered && r.Entry != nil {
		out.ID = r.Entry.ID
		out.Answer = r.Entry.Answer
		out.Unsaid = r.Entry.Unsaid
		for _, c := range r.Entry.Citations {
			out.Citations = append(out.Citations, citationJSON{Source: c.Source, Title: sourceTitle(set, c.Source), Quote: c.Text()})
		}
	}
	for _, s := range r.Suggestions {
		out.Suggestions = append(out.Suggestions, suggestionJSON{ID: s.ID, Question: s.Question})
	}
	return out
}

func sourceTitle(set *knowledge.Set, id string) string {
	if src, ok := set.Source(id); ok {
		return src.Title
	}
	return id
}

// writeText prints a result for a person: the answer, then numbered citations.
func writeText(w io.Writer, set *knowledge.Set, r qa.Result) {
	if !r.Answered || r.Entry == nil {
		msg := set.About.Refusal
		if hint := bot.ReasonText(set, r.Reason); hint != "" {
			msg = hint
		}
		fmt.Fprintln(w, msg)
		if len(r.Suggestions) > 0 {
			fmt.Fprintln(w, "\nPerhaps you meant:")
			for _, s := range r.Suggestions {
				fmt.Fprintf(w, "  - %s\n", s.Question)
			}
		}
		return
	}
	fmt.Fprintln(w, r.Entry.Answer)
	fmt.Fprintln(w)
	for i, c := range r.Entry.Citations {
		// Quotes are printed as they stand, not Go-escaped: they are for reading.
		fmt.Fprintf(w, "[%d] %s\n    “%s”\n", i+1, sourceTitle(set, c.Source), c.Text())
	}
	fmt.Fprintf(w, "\nMatched “%s” with %.0f%% confidence.\n", r.Entry.Question, r.Confidence*100)
}
