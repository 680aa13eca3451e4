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
