package main

import (
	"io"
	"log/slog"
)

// newLogger builds the process logger from CALLBOT_LOG_FORMAT and
// CALLBOT_LOG_LEVEL, both already validated by loadConfig.
func newLogger(c config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
