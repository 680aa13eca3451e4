// Package bot is everything Discord: command definitions, handlers that turn
// a decoded interaction or message into a response value, rendering within
// Discord's limits, per-user rate limiting, and the gateway runner.
//
// Handlers do no network I/O; the gateway runner and the HTTP interactions
// server both call them and send what they return.
package bot

import (
	"log/slog"
	"time"

	"github.com/callbot/callbot/internal/journal"
	"github.com/callbot/callbot/knowledge"
	"github.com/callbot/callbot/qa"
)

// Answerer answers questions; *qa.Engine satisfies it.
type Answerer interface {
	Ask(question string) qa.Result
	// AskAfter answers a follow-up to the answer of entry prev.
	AskAfter(question, prev string) qa.Result
	Answer(id string) (qa.Result, bool)
	Complete(prefix string, limit int) []qa.Suggestion
}

// Observer receives metrics events. Calls must be cheap and safe for
// concurrent use.
type Observer interface {
	// Question is called once per question asked (command, button, menu
	// pick or message), after it was answered or refused. topic is the
	// answered entry's topic, or for a refusal the nearest entry's; "" when
	// there is none.
	Question(topic string, answered bool, elapsed time.Duration)
	// Feedback is called once per vote on an answer: verdict is
	// journal.Helpful or journal.NotHelpful, reason one of journal's
	// reasons or "".
	Feedback(verdict, reason string)
	// Interaction is called once per interaction or triggered message, with
	// kind one of "ping", "command", "autocomplete", "component", "modal",
	// "message", "unknown".
	Interaction(kind string)
	// RateLimited is called when a user's question is refused for speed.
	RateLimited()
	// Reconnect is called when the gateway session reconnects.
	Reconnect()
}

type nopObserver struct{}

func (nopObserver) Question(string, bool, time.Duration) {}
func (nopObserver) Feedback(string, string)              {}
func (nopObserver) Interaction(string)                   {}
func (nopObserver) RateLimited()                         {}
func (nopObserver) Reconnect()                           {}

// Defaults for Config's zero values.
const (
	DefaultRateLimit  = 5
	DefaultRateWindow = 30 * time.Second
)

// Config tunes the bot's behaviour (not its connection; see GatewayConfig).
type Config struct {
	// RateLimit is how many questions one user may ask per RateWindow.
	// 0 means DefaultRateLimit; negative turns rate limiting off.
	RateLimit int
	// RateWindow is the sliding window for RateLimit; 0 means DefaultRateWindow.
	RateWindow time.Duration
	// ListenChannels are channel ids where every message is answered, not
	// only mentions. Non-empty needs the privileged MESSAGE_CONTENT intent.
	ListenChannels []string
	// Now is the clock, for tests; nil means time.Now.
	Now func() time.Time
	// Recorder keeps the record of questions and votes; nil records
	// nothing, and answers carry no feedback buttons.
	Recorder Recorder
	// Gaps serves /kb gaps from the record; nil: the command says the
	// record is off.
	Gaps GapLister
	// Transport is how interactions arrive, "gateway" or "http", for the
	// record.
	Transport string
	// NewID makes record ids, for tests; nil means journal.NewID.
	NewID func() string
}

// Bot holds what the handlers need. Safe for concurrent use.
type Bot struct {
	cfg    Config
	ans    Answerer
	set    *knowledge.Set
	log    *slog.Logger
	obs    Observer
	now    func() time.Time
	limits *limiter
	listen map[string]bool
	newID  func() string

	gw gatewayState
}

// New returns a Bot. log and obs may be nil (discard, nop).
func New(cfg Config, ans Answerer, set *knowledge.Set, log *slog.Logger, obs Observer) *Bot {
	if cfg.RateLimit == 0 {
		cfg.RateLimit = DefaultRateLimit
	}
	if cfg.RateWindow <= 0 {
		cfg.RateWindow = DefaultRateWindow
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if obs == nil {
		obs = nopObserver{}
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	if set == nil {
		set = &knowledge.Set{}
	}
	newID := cfg.NewID
	if newID == nil {
		newID = journal.NewID
	}
	listen := make(map[string]bool, len(cfg.ListenChannels))
	for _, id := range cfg.ListenChannels {
		listen[id] = true
	}
	return &Bot{
		cfg:    cfg,
		ans:    ans,
		set:    set,
		log:    log,
		obs:    obs,
		now:    now,
		limits: newLimiter(cfg.RateLimit, cfg.RateWindow),
		listen: listen,
		newID:  newID,
	}
}
