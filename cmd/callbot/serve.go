package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/callbot/callbot/bot"
	"github.com/callbot/callbot/internal/httpapi"
	"github.com/callbot/callbot/internal/metrics"
)

// parts is what both bot modes build from a config.
type parts struct {
	log     *slog.Logger
	metrics *metrics.Metrics
	bot     *bot.Bot
	record  *questionRecord // nil with CALLBOT_RECORD=off
}

// build makes the parts for transport ("gateway" or "http"); the caller
// must call p.close.
func build(ctx context.Context, c config, e env, transport string) (parts, error) {
	log := newLogger(c, e.stderr)
	set, eng, err := loadEngine(c)
	if err != nil {
		return parts{}, err
	}
	m := metrics.New()
	rec := openRecord(ctx, c, log, m, set, eng)
	bc := bot.Config{RateLimit: c.RateLimit, RateWindow: c.RateWindow, ListenChannels: c.ListenChannels, Transport: transport}
	if rec != nil {
		bc.Recorder, bc.Gaps = rec.writer, rec.curator
	}
	b := bot.New(bc, eng, set, log, m)
	log.Info("knowledge loaded", "entries", len(set.Entries), "sources", len(set.Sources), "version", version)
	return parts{log: log, metrics: m, bot: b, record: rec}, nil
}

// close flushes the question record.
func (p parts) close() { p.record.close(p.log) }

func gatewayConfig(c config) bot.GatewayConfig {
	return bot.GatewayConfig{
		Token:      c.Token,
		AppID:      c.AppID,
		GuildID:    c.GuildID,
		APIBase:    c.APIBase,
		ShardID:    c.ShardID,
		ShardCount: c.ShardCount,
	}
}

// cmdRun runs the bot on the gateway, with health and metrics on
// CALLBOT_HTTP_ADDR when it is set.
func cmdRun(ctx context.Context, args []string, e env) error {
	c, _, err := loadConfig("run", args, e, nil)
	if err != nil {
		return helpOK(err)
	}
	if err := require("DISCORD_TOKEN", c.Token, "set it to the bot token from the Developer Portal (Bot tab, Reset Token)"); err != nil {
		return err
	}
	p, err := build(ctx, c, e, "gateway")
	if err != nil {
		return err
	}
	defer p.close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var tasks []func() error
	tasks = append(tasks, func() error { return p.bot.RunGateway(ctx, gatewayConfig(c)) })
	if c.HTTPAddr != "" {
		ops := httpapi.NewOps(p.bot.Connected, p.metrics.Handler())
		srv := httpapi.NewServer(c.HTTPAddr, ops)
		p.log.Info("serving health and metrics", "addr", c.HTTPAddr)
		tasks = append(tasks, func() error { return httpapi.ListenAndServe(ctx, srv) })
	}
	err = runAll(cancel, tasks...)
	p.log.Info("stopped")
	return err
}

// cmdServe serves Discord HTTP interactions, health and metrics on one port.
func cmdServe(ctx context.Context, args []string, e env) error {
	c, _, err := loadConfig("serve", args, e, nil)
	if err != nil {
		return helpOK(err)
	}
	if err := require("DISCORD_PUBLIC_KEY", c.PublicKey, "set it to the Public Key from the Developer Portal (General Information)"); err != nil {
		return err
	}
	key, err := httpapi.ParsePublicKey(c.PublicKey)
	if err != nil {
		return fmt.Errorf("DISCORD_PUBLIC_KEY: %w", err)
	}
	p, err := build(ctx, c, e, "http")
	if err != nil {
		return err
	}
	defer p.close()
	if c.Token != "" && c.AppID != "" {
		if err := p.bot.RegisterCommands(ctx, gatewayConfig(c)); err != nil {
			return err
		}
		p.log.Info("slash commands registered", "guild", c.GuildID)
	} else {
		p.log.Info("not registering slash commands: set DISCORD_TOKEN and DISCORD_APP_ID to register them at start")
	}
	addr := c.HTTPAddr
	if addr == "" {
		addr = defaultHTTPAddr
	}
	mux := http.NewServeMux()
	mux.Handle("/interactions", httpapi.NewInteractions(p.bot, key, httpapi.WithLogger(p.log), httpapi.WithObserver(p.metrics)))
	mux.Handle("/", httpapi.NewOps(func() bool { return true }, p.metrics.Handler()))
	p.log.Info("serving interactions", "addr", addr)
	err = httpapi.ListenAndServe(ctx, httpapi.NewServer(addr, mux))
	p.log.Info("stopped")
	return err
}

// runAll runs tasks until all return; the first to return ends the others
// through cancel. It returns the errors joined.
func runAll(cancel context.CancelFunc, tasks ...func() error) error {
	errc := make(chan error, len(tasks))
	for _, t := range tasks {
		go func() {
			errc <- t()
			cancel()
		}()
	}
	var errs []error
	for range tasks {
		if err := <-errc; err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
