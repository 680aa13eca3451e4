package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/callbot/callbot/internal/curator"
	"github.com/callbot/callbot/internal/journal"
	"github.com/callbot/callbot/knowledge"
)

// defaultGapsSince is how far back kb gaps and kb feedback look by default.
const defaultGapsSince = 168 * time.Hour

// recordFlags are the flags kb gaps and kb feedback share.
type recordFlags struct {
	since  time.Duration
	guild  string
	asJSON bool
}

func (f *recordFlags) add(fs *flag.FlagSet) {
	fs.DurationVar(&f.since, "since", defaultGapsSince, "how far back to look, e.g. 24h; 0 for the whole record")
	fs.StringVar(&f.guild, "guild", "", "only this server (guild id); default every server and DMs")
	fs.BoolVar(&f.asJSON, "json", false, "print JSON")
}

// openCurator opens the configured question record for reading.
func openCurator(ctx context.Context, name string, args []string, e env, f *recordFlags) (*curator.Curator, *knowledge.Set, func(), error) {
	c, rest, err := loadConfig(name, args, e, f.add)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(rest) > 0 {
		return nil, nil, nil, fmt.Errorf("%w: %s takes no arguments, only flags", errUsage, name)
	}
	if f.since < 0 {
		return nil, nil, nil, fmt.Errorf("%w: --since wants a duration of 0 or more, e.g. 168h", errUsage)
	}
	set, eng, err := loadEngine(c)
	if err != nil {
		return nil, nil, nil, err
	}
	store, err := journal.Open(ctx, c.DatabaseURL)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("open the question record (CALLBOT_DATABASE_URL=%s): %w", redact("CALLBOT_DATABASE_URL", c.DatabaseURL), err)
	}
	return curator.New(store, eng, set, eng.Threshold()), set, func() { store.Close() }, nil
}

// cmdKBGaps runs `kb gaps`: refused and barely answered questions, grouped.
func cmdKBGaps(ctx context.Context, args []string, e env) error {
	var f recordFlags
	cur, set, done, err := openCurator(ctx, "kb gaps", args, e, &f)
	if err != nil {
		return helpOK(err)
	}
	defer done()
	gaps, err := cur.Gaps(ctx, f.guild, f.since, 0)
	if err != nil {
		return err
	}
	if f.asJSON {
		return writeJSON(e.stdout, gaps)
	}
	writeGaps(e.stdout, set, gaps, f.since)
	return nil
}

func writeGaps(w io.Writer, set *knowledge.Set, gaps []curator.Gap, since time.Duration) {
	fmt.Fprintf(w, "%s %s, most asked first.\n", plural(len(gaps), "gap", "gaps"), sinceText(since))
	for n, g := range gaps {
		fmt.Fprintf(w, "\n%d. asked %d×\n", n+1, g.Count)
		for _, q := range g.Questions {
			fmt.Fprintf(w, "     %d× %s\n", q.Count, q.Text)
		}
		var near []string
		for _, e := range g.Nearest {
			near = append(near, fmt.Sprintf("%s (%s)", e.ID, e.Question))
		}
		if len(near) > 0 {
			fmt.Fprintf(w, "   nearest: %s\n", strings.Join(near, "; "))
		}
		if len(g.Picked) == 0 {
			fmt.Fprintln(w, "   nobody picked a suggestion; if an entry answers these, add them to its phrasings")
			continue
		}
		var picked []string
		for _, p := range g.Picked {
			picked = append(picked, fmt.Sprintf("%s %d×", p.ID, p.Count))
		}
		fmt.Fprintf(w, "   members picked: %s\n", strings.Join(picked, ", "))
		top := g.Picked[0].ID
		where := "its file"
		if e, ok := set.Entry(top); ok && e.Pos.File != "" {
			where = "knowledge/" + e.Pos.File
		}
		fmt.Fprintf(w, "   to teach it, add under %s's phrasings in %s:\n", top, where)
		fmt.Fprint(w, indent(yamlList(g.Questions), "     "))
	}
}

// yamlList is the wordings as a YAML list, quoted where YAML needs it.
func yamlList(qs []curator.Asked) string {
	texts := make([]string, len(qs))
	for i, q := range qs {
		texts[i] = q.Text
	}
	b, err := yaml.Marshal(texts)
	if err != nil {
		return ""
	}
	return string(b)
}

func indent(s, by string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = by + l
		}
	}
	return strings.Join(lines, "")
}

// cmdKBFeedback runs `kb feedback`: answers voted not helpful, by entry.
func cmdKBFeedback(ctx context.Context, args []string, e env) error {
	var f recordFlags
	cur, _, done, err := openCurator(ctx, "kb feedback", args, e, &f)
	if err != nil {
		return helpOK(err)
	}
	defer done()
	fb, err := cur.Feedback(ctx, f.guild, f.since)
	if err != nil {
		return err
	}
	if f.asJSON {
		return writeJSON(e.stdout, fb)
	}
	fmt.Fprintf(e.stdout, "%s voted not helpful %s, most first.\n", plural(len(fb), "entry", "entries"), sinceText(f.since))
	for _, ef := range fb {
		fmt.Fprintf(e.stdout, "\n%s (%s): %d not helpful, %d helpful\n", ef.ID, ef.Question, ef.NotHelpful, ef.Helpful)
		var reasons []string
		for _, r := range []string{journal.ReasonWrong, journal.ReasonNotAsked, journal.ReasonIncomplete, ""} {
			if n := ef.Reasons[r]; n > 0 {
				reasons = append(reasons, fmt.Sprintf("%s %d", reasonName(r), n))
			}
		}
		fmt.Fprintf(e.stdout, "   reasons: %s\n", strings.Join(reasons, ", "))
		for _, v := range ef.Votes {
			q := v.Question
			if q == "" {
				q = "(question not in the record)"
			}
			line := fmt.Sprintf("   - %s: %s", reasonName(v.Reason), q)
			if v.Comment != "" {
				line += fmt.Sprintf(" — %q", v.Comment)
			}
			fmt.Fprintln(e.stdout, line)
		}
	}
	return nil
}

func reasonName(r string) string {
	switch r {
	case journal.ReasonWrong:
		return "wrong"
	case journal.ReasonNotAsked:
		return "not what was asked"
	case journal.ReasonIncomplete:
		return "incomplete"
	}
	return "no reason given"
}

func sinceText(d time.Duration) string {
	const day = 24 * time.Hour
	switch {
	case d == 0:
		return "in the whole record"
	case d%day == 0:
		return "in the last " + plural(int(d/day), "day", "days")
	}
	return "in the last " + strings.TrimSuffix(strings.TrimSuffix(d.String(), "0s"), "0m")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
