package bot_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/callbot/callbot/bot"
	"github.com/callbot/callbot/internal/discordfake"
)

// TestRegisterWrongApplication: an application id that is not the token's
// gets Discord's 403 Missing Access, reported as the setting to fix.
func TestRegisterWrongApplication(t *testing.T) {
	t.Parallel()
	fake := discordfake.New(t)
	k, err := loadKB()
	if err != nil {
		t.Fatal(err)
	}
	b := bot.New(bot.Config{}, k.engine, k.set, nil, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = b.RegisterCommands(ctx, bot.GatewayConfig{Token: "t", AppID: "1200000000000000999", APIBase: fake.URL() + "/api/v9"})
	if !errors.Is(err, bot.ErrWrongApplication) {
		t.Errorf("got %v, want ErrWrongApplication", err)
	}
}

// TestGatewayRetriesWhileUnreachable: a gateway that cannot be reached at
// start is retried, unready, until the bot is stopped, not given up on.
func TestGatewayRetriesWhileUnreachable(t *testing.T) {
	t.Parallel()
	k, err := loadKB()
	if err != nil {
		t.Fatal(err)
	}
	b := bot.New(bot.Config{}, k.engine, k.set, nil, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 3500*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	// A loopback port nothing listens on.
	go func() {
		done <- b.RunGateway(ctx, bot.GatewayConfig{Token: "t", AppID: "1", APIBase: "http://127.0.0.1:9/api/v9"})
	}()
	select {
	case err := <-done:
		t.Fatalf("RunGateway returned %v before it was stopped, want it to keep retrying", err)
	case <-time.After(3 * time.Second):
	}
	if b.Connected() {
		t.Error("Connected() while the gateway is unreachable")
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("after stop: got %v, want nil", err)
	}
}
