package main

import (
	"context"
	"errors"
)

// TEMPORARY until the bot and HTTP packages land.
func cmdRun(ctx context.Context, args []string, e env) error   { return errors.New("not yet") }
func cmdServe(ctx context.Context, args []string, e env) error { return errors.New("not yet") }
