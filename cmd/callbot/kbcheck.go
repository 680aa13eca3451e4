package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/callbot/callbot/knowledge"
)

// cmdKBCheck runs `kb check [DIR]`: it validates the embedded set, or DIR,
// printing every problem as "path:line: message", whether it kept the set
// from loading or Check found it.
func cmdKBCheck(args []string, e env) error {
	c, rest, err := loadConfig("kb check", args, e, nil)
	if err != nil {
		return helpOK(err)
	}
	if len(rest) > 1 {
		return fmt.Errorf("%w: kb check takes at most one directory", errUsage)
	}
	dir := c.Knowledge
	if len(rest) == 1 {
		dir = rest[0]
	}
	var set *knowledge.Set
	name := "embedded knowledge"
	if dir == "" {
		set, err = knowledge.Embedded()
	} else {
		name = dir
		set, err = knowledge.LoadDir(dir)
	}
	var problems []knowledge.Problem
	var loadErr *knowledge.LoadError
	switch {
	case errors.As(err, &loadErr):
		problems = loadErr.Problems
	case err != nil:
		return fmt.Errorf("%s: %w", name, err)
	default:
		problems = set.Check()
	}
	for _, p := range problems {
		fmt.Fprintf(e.stderr, "%s\n", prefixed(dir, p.String()))
	}
	if loadErr != nil {
		// The content checks need a whole set; say so, or a curator who
		// fixes these would be surprised by the next run's problems.
		fmt.Fprintf(e.stderr, "%s: %s; the set did not load, so its content is not checked yet\n", name, problemCount(len(problems)))
		return errSilentFailure
	}
	if len(problems) > 0 {
		fmt.Fprintf(e.stderr, "%s: %s\n", name, problemCount(len(problems)))
		return errSilentFailure
	}
	fmt.Fprintf(e.stdout, "%s: ok (%d sources, %d topics, %d entries)\n", name, len(set.Sources), len(set.Topics), len(set.Entries))
	return nil
}

// prefixed makes a set-relative "file:line: msg" relative to the working directory.
func prefixed(dir, msg string) string {
	if dir == "" {
		return "knowledge/" + msg
	}
	return filepath.Clean(dir) + string(filepath.Separator) + msg
}

// problemCount says "1 problem", "2 problems".
func problemCount(n int) string {
	if n == 1 {
		return "1 problem"
	}
	return fmt.Sprintf("%d problems", n)
}
