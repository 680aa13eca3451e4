package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/callbot/callbot/internal/httpapi"
	"github.com/callbot/callbot/internal/journal"
)

// config is every setting, from the environment with flags on top.
type config struct {
	Token          string // DISCORD_TOKEN; environment only, so it never shows in ps
	AppID          string
	PublicKey      string
	GuildID        string
	APIBase        string
	Knowledge      string
	HTTPAddr       string
	ListenChannels []string
	ShardID        int
	ShardCount     int
	LogFormat      string
	LogLevel       string
	RateLimit      int
	RateWindow     time.Duration
	Threshold      float64
	DatabaseURL    string
	Record         bool
	RecordKey      string // CALLBOT_RECORD_KEY; environment only, like the token
	Retention      time.Duration
}

// setting describes one environment variable and its flag.
type setting struct {
	env, flag, help string
	set             func(c *config, v string) error
}

// Commands, for setting.cmds.
var (
	bots      = []string{"run", "serve"}
	answering = []string{"ask", "run", "serve", "kb check", "kb test", "kb gaps", "kb feedback"}
	recording = []string{"run", "serve", "kb gaps", "kb feedback"}
)

// uses reports whether command name uses s (settingCmds). A command
// ignores the others, so a malformed DISCORD_PUBLIC_KEY in the environment
// does not stop `ask`, and lists only its own flags.
func (s setting) uses(name string) bool {
	cmds, ok := settingCmds[s.env]
	return !ok || slices.Contains(cmds, name)
}

var settings = []setting{
	{"DISCORD_TOKEN", "", "bot token (environment only)", func(c *config, v string) error {
		c.Token = v
		if f := strings.Fields(strings.TrimPrefix(v, "Bot ")); len(f) != 1 {
			return errors.New("has spaces inside: paste the token exactly as the Developer Portal shows it (Bot tab, Reset Token)")
		}
		return nil
	}},
	{"DISCORD_APP_ID", "app-id", "application id (snowflake)", func(c *config, v string) error { c.AppID = v; return snowflake(v) }},
	{"DISCORD_PUBLIC_KEY", "public-key", "application public key, hex (serve)", func(c *config, v string) error { c.PublicKey = v; return publicKey(v) }},
	{"DISCORD_GUILD_ID", "guild-id", "register commands in this guild only (instant)", func(c *config, v string) error { c.GuildID = v; return snowflake(v) }},
	{"DISCORD_API_BASE", "api-base", "REST base URL, e.g. a rate-limit proxy", func(c *config, v string) error { c.APIBase = v; return baseURL(v) }},
	{"CALLBOT_KNOWLEDGE", "knowledge", "directory replacing the embedded knowledge", func(c *config, v string) error { c.Knowledge = v; return nil }},
	{"CALLBOT_HTTP_ADDR", "http-addr", "HTTP listen address (serve; health and metrics for run)", func(c *config, v string) error { c.HTTPAddr = v; return nil }},
	{"CALLBOT_LISTEN_CHANNELS", "listen-channels", "comma-separated channel ids answered without a mention", func(c *config, v string) error {
		c.ListenChannels = nil
		for _, id := range strings.Split(v, ",") {
			if id = strings.TrimSpace(id); id == "" {
				continue
			}
			if err := snowflake(id); err != nil {
				return err
			}
			c.ListenChannels = append(c.ListenChannels, id)
		}
		return nil
	}},
	{"CALLBOT_SHARD_ID", "shard-id", "this process's shard, 0-based", func(c *config, v string) error { return nonNegInt(v, &c.ShardID) }},
	{"CALLBOT_SHARD_COUNT", "shard-count", "number of shards", func(c *config, v string) error { return positiveInt(v, &c.ShardCount) }},
	{"CALLBOT_LOG_FORMAT", "log-format", "text or json", func(c *config, v string) error {
		c.LogFormat = v
		if v != "text" && v != "json" {
			return errors.New(`want "text" or "json"`)
		}
		return nil
	}},
	{"CALLBOT_LOG_LEVEL", "log-level", "debug, info, warn or error", func(c *config, v string) error {
		c.LogLevel = v
		var l slog.Level
		return l.UnmarshalText([]byte(v))
	}},
	{"CALLBOT_RATE_LIMIT", "rate-limit", "questions a user may ask per window", func(c *config, v string) error { return positiveInt(v, &c.RateLimit) }},
	{"CALLBOT_RATE_WINDOW", "rate-window", "the rate limit's window, e.g. 30s", func(c *config, v string) error {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return errors.New("want a positive duration such as 30s")
		}
		c.RateWindow = d
		return nil
	}},
	{"CALLBOT_DATABASE_URL", "database-url", "the question record's database: sqlite:PATH or postgres://…", func(c *config, v string) error {
		c.DatabaseURL = v
		_, _, err := journal.ParseURL(v)
		return err
	}},
	{"CALLBOT_RECORD", "record", "on or off: keep a record of questions and feedback", func(c *config, v string) error {
		switch strings.ToLower(v) {
		case "on", "true", "1", "yes":
			c.Record = true
		case "off", "false", "0", "no":
			c.Record = false
		default:
			return errors.New(`want "on" or "off"`)
		}
		return nil
	}},
	{"CALLBOT_RECORD_KEY", "", "secret key for hashing user ids in the record (environment only); unset: no user ids", func(c *config, v string) error {
		if len(v) < 16 {
			return errors.New("want at least 16 characters, e.g. from `openssl rand -hex 32`")
		}
		c.RecordKey = v
		return nil
	}},
	{"CALLBOT_RECORD_RETENTION", "record-retention", "how long records are kept, e.g. 720h", func(c *config, v string) error {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return errors.New("want a positive duration such as 720h (30 days)")
		}
		c.Retention = d
		return nil
	}},
	{"CALLBOT_THRESHOLD", "threshold", "confidence needed to answer, 0..1 (0: the engine's default)", func(c *config, v string) error {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || f > 1 {
			return errors.New("want a number from 0 to 1")
		}
		c.Threshold = f
		return nil
	}},
}

// settingCmds are the commands that use each setting not every command
// uses.
var settingCmds = map[string][]string{
	"DISCORD_TOKEN":            bots,
	"DISCORD_APP_ID":           {"run", "serve", "invite"},
	"DISCORD_PUBLIC_KEY":       {"serve"},
	"DISCORD_GUILD_ID":         bots,
	"DISCORD_API_BASE":         bots,
	"CALLBOT_KNOWLEDGE":        answering,
	"CALLBOT_HTTP_ADDR":        {"run", "serve", "healthcheck"},
	"CALLBOT_LISTEN_CHANNELS":  {"run"},
	"CALLBOT_SHARD_ID":         {"run"},
	"CALLBOT_SHARD_COUNT":      {"run"},
	"CALLBOT_RATE_LIMIT":       bots,
	"CALLBOT_RATE_WINDOW":      bots,
	"CALLBOT_THRESHOLD":        answering,
	"CALLBOT_DATABASE_URL":     recording,
	"CALLBOT_RECORD":           bots,
	"CALLBOT_RECORD_KEY":       bots,
	"CALLBOT_RECORD_RETENTION": bots,
}

func defaultConfig() config {
	return config{ShardCount: 1, LogFormat: "text", LogLevel: "info", RateLimit: 5, RateWindow: 30 * time.Second,
		DatabaseURL: defaultDatabaseURL, Record: true, Retention: defaultRetention}
}

// The question record's defaults: a SQLite file in the working directory
// (the image sets /data/callbot.db, on its volume), kept 30 days.
const (
	defaultDatabaseURL = "sqlite:callbot.db"
	defaultRetention   = 720 * time.Hour
)

// defaultHTTPAddr is where serve listens, and healthcheck asks, when
// CALLBOT_HTTP_ADDR is not set. run serves health only when it is set.
const defaultHTTPAddr = ":8080"

// settingFlag lets a flag reuse its setting's parser.
type settingFlag struct {
	c *config
	s setting
}

func (f settingFlag) String() string { return "" }
func (f settingFlag) Set(v string) error {
	if err := f.s.set(f.c, v); err != nil {
		return fmt.Errorf("%s: %w", f.s.env, err)
	}
	return nil
}

// loadConfig reads the environment, then the command's flags, and returns the
// remaining arguments. A malformed value is an error naming what to set.
func loadConfig(name string, args []string, e env, extra func(*flag.FlagSet)) (config, []string, error) {
	c := defaultConfig()
	for _, s := range settings {
		v := strings.TrimSpace(e.getenv(s.env))
		if v == "" || !s.uses(name) {
			continue
		}
		if err := s.set(&c, v); err != nil {
			return c, nil, fmt.Errorf("environment variable %s=%q: %w", s.env, redact(s.env, v), err)
		}
	}
	fs := flag.NewFlagSet("callbot "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	for _, s := range settings {
		if s.flag != "" && s.uses(name) {
			fs.Var(settingFlag{&c, s}, s.flag, s.help+" ($"+s.env+")")
		}
	}
	if extra != nil {
		extra(fs)
	}
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(e.stdout)
			fmt.Fprintf(e.stdout, "Usage of callbot %s:\n", name)
			fs.PrintDefaults()
			return c, nil, errHelp
		}
		if strings.Contains(err.Error(), "flag provided but not defined: -token") {
			return c, nil, fmt.Errorf("%w: the token is read only from the environment variable DISCORD_TOKEN, so that it never shows in ps; set it there", errBadInput)
		}
		// The command's own flags, not the global usage: that is what
		// was mistyped.
		var flags strings.Builder
		fs.SetOutput(&flags)
		fs.PrintDefaults()
		return c, nil, fmt.Errorf("%w: %v\n\nUsage of callbot %s:\n%s", errBadInput, err, name, strings.TrimRight(flags.String(), "\n"))
	}
	if c.ShardID >= c.ShardCount {
		return c, nil, fmt.Errorf("CALLBOT_SHARD_ID=%d must be below CALLBOT_SHARD_COUNT=%d", c.ShardID, c.ShardCount)
	}
	return c, rest, nil
}

// parseInterspersed parses flags wherever they stand among the arguments, so
// `ask "q" --json` works like `ask --json "q"`; everything after "--" is an
// argument, for a question that starts with a dash.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		// Parse stops at the first argument, or just after a "--".
		if n := len(fs.Args()); n > 0 && n < len(args) && args[len(args)-n-1] == "--" {
			return append(rest, fs.Args()...), nil
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), nil
		}
		rest, args = append(rest, args[0]), args[1:]
	}
}

// errHelp ends a command after it printed its help.
var errHelp = errors.New("help shown")

func redact(name, v string) string {
	if name == "DISCORD_TOKEN" || name == "CALLBOT_RECORD_KEY" {
		return "…"
	}
	if name == "CALLBOT_DATABASE_URL" && strings.Contains(v, "@") {
		// It may hold a password.
		if u, err := url.Parse(v); err == nil {
			return u.Redacted()
		}
		return "…"
	}
	return v
}

func snowflake(v string) error {
	if n, err := strconv.ParseUint(v, 10, 64); err != nil || n == 0 {
		return fmt.Errorf("%q is not a Discord id (digits only; copy it with Developer Mode)", v)
	}
	return nil
}

func publicKey(v string) error {
	_, err := httpapi.ParsePublicKey(v)
	return err
}

func baseURL(v string) error {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("want an http(s) URL such as http://nirn-proxy:8080/api/v9")
	}
	return nil
}

func positiveInt(v string, dst *int) error {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return errors.New("want a whole number, 1 or more")
	}
	*dst = n
	return nil
}

func nonNegInt(v string, dst *int) error {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return errors.New("want a whole number, 0 or more")
	}
	*dst = n
	return nil
}

// require fails when a setting a command needs is missing.
func require(name, value, how string) error {
	if value == "" {
		return fmt.Errorf("%s is not set: %s", name, how)
	}
	return nil
}
