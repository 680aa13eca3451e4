// Command callbot answers questions about the leaked Putin–Macron call, on
// the command line, on the Discord gateway or as an HTTP interactions
// endpoint. main only turns flags and environment into a config, builds the
// parts, runs them and shuts down on a signal.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is stamped at build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `callbot answers questions from a curated knowledge set drawn from news articles
(the embedded one: the leaked Putin–Macron call), on the command line or on Discord.

Usage:
  callbot ask [--json] [--knowledge DIR] ["QUESTION"]   answer a question (--json with no
                                                       question reads one per line from stdin)
  callbot run                                          run the bot on the Discord gateway
  callbot serve                                        serve Discord HTTP interactions
  callbot kb check [DIR]                               validate a knowledge set
  callbot kb test FILE [--min X] [--json]              batch-test questions against expected entries
  callbot kb gaps [--since 168h] [--json]              questions the bot refused or barely answered
  callbot kb feedback [--since 168h] [--json]          answers members voted not helpful
  callbot invite                                       print the bot's invite URL
  callbot healthcheck                                  exit 0 if the local /healthz answers OK
  callbot version                                      print the version

Settings come from the environment (see the README); 'callbot CMD -h' lists a
command's flags, which override it.
`

// errUsage marks a usage error: exit status 2 after the usage message.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first signal starts a graceful shutdown, restore the
		// default handling so a second one ends the process at once.
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, os.Args[1:], env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv})
	stop()
	os.Exit(code)
}

// env is the process's surroundings, replaceable in tests.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// run executes one command line and returns the exit status.
func run(ctx context.Context, args []string, e env) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return 2
	}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "ask":
		err = cmdAsk(rest, e)
	case "kb":
		err = cmdKB(ctx, rest, e)
	case "run":
		err = cmdRun(ctx, rest, e)
	case "serve":
		err = cmdServe(ctx, rest, e)
	case "invite":
		err = cmdInvite(rest, e)
	case "healthcheck":
		err = cmdHealthcheck(ctx, rest, e)
	case "version", "--version", "-version":
		fmt.Fprintf(e.stdout, "callbot %s\n", version)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(e.stdout, usage)
	default:
		fmt.Fprintf(e.stderr, "callbot: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(e.stderr, "callbot: %v\n\n%s", err, usage)
		return 2
	case errors.Is(err, errBadInput):
		fmt.Fprintf(e.stderr, "callbot: %v\n", err)
		return 2
	case errors.Is(err, errSilentFailure):
		return 1
	default:
		fmt.Fprintf(e.stderr, "callbot: %v\n", err)
		return 1
	}
}

// errBadInput marks input a command cannot use (a malformed file): exit
// status 2, without the usage message, which is not what is wrong.
var errBadInput = errors.New("bad input")

// errSilentFailure is a failure whose explanation was already printed.
var errSilentFailure = errors.New("failed")
