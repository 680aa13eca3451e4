package bot

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
)

// RegisterCommands makes the application's slash commands match Commands
// over REST alone, for the HTTP interactions mode, which has no gateway
// session. cfg.AppID is required; only Token, AppID, GuildID, APIBase and
// Transport are used.
func (b *Bot) RegisterCommands(ctx context.Context, cfg GatewayConfig) error {
	s, err := restSession(cfg)
	if err != nil {
		return err
	}
	r := &runner{b: b, s: s, cfg: cfg}
	return r.register(ctx)
}

// restSession returns a discordgo session for REST calls, its traffic sent
// to cfg.APIBase when set.
func restSession(cfg GatewayConfig) (*discordgo.Session, error) {
	token := botToken(cfg.Token)
	if token == "" {
		return nil, ErrNoToken
	}
	s, err := discordgo.New("Bot " + token)
	if err != nil {
		return nil, fmt.Errorf("create discord session: %w", err)
	}
	rt := cfg.Transport
	if cfg.APIBase != "" {
		if rt, err = APIBaseTransport(cfg.APIBase, rt); err != nil {
			return nil, fmt.Errorf("DISCORD_API_BASE: %w", err)
		}
	}
	if rt == nil {
		rt = http.DefaultTransport
	}
	s.Client = &http.Client{Timeout: 20 * time.Second, Transport: &globalLimit{next: rt, now: time.Now}}
	// LogDebug would print request bodies and headers, the token among them.
	s.LogLevel = discordgo.LogError
	return s, nil
}
