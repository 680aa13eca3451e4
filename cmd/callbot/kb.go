package main

import (
	"context"
	"fmt"
)

// cmdKB runs the curator's subcommands of `kb`.
func cmdKB(ctx context.Context, args []string, e env) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: kb takes a subcommand: check, test, gaps or feedback", errUsage)
	}
	switch args[0] {
	case "check":
		return cmdKBCheck(args[1:], e)
	case "test":
		return cmdKBTest(args[1:], e)
	case "gaps":
		return cmdKBGaps(ctx, args[1:], e)
	case "feedback":
		return cmdKBFeedback(ctx, args[1:], e)
	}
	return fmt.Errorf("%w: kb has no subcommand %q; try check, test, gaps or feedback", errUsage, args[0])
}
