package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/callbot/callbot/qa"
)

type panicAnswerer struct{}

func (panicAnswerer) Ask(string) qa.Result                 { panic("boom in Ask") }
func (panicAnswerer) AskAfter(string, string) qa.Result    { panic("boom in AskAfter") }
func (panicAnswerer) Answer(string) (qa.Result, bool)      { panic("boom in Answer") }
func (panicAnswerer) Complete(string, int) []qa.Suggestion { panic("boom in Complete") }

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	return string(b)
}

func TestPanicRecovered(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		in       *discordgo.Interaction
		wantType discordgo.InteractionResponseType
	}{
		{"ask", command(cmdAsk, strOpt(optQuestion, "hi")), discordgo.InteractionResponseChannelMessageWithSource},
		{"button", component("ask:when"), discordgo.InteractionResponseChannelMessageWithSource},
		{"autocomplete", autocomplete("wh"), discordgo.InteractionApplicationCommandAutocompleteResult},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var logs bytes.Buffer
			b := New(Config{}, panicAnswerer{}, testSet(t), slog.New(slog.NewJSONHandler(&logs, nil)), nil)
			resp := b.HandleInteraction(context.Background(), tc.in)
			if resp == nil || resp.Type != tc.wantType {
				t.Fatalf("got %+v, want type %d", resp, tc.wantType)
			}
			checkLimits(t, resp)
			if tc.wantType == discordgo.InteractionResponseChannelMessageWithSource {
				if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(resp.Data.Content, "went wrong") {
					t.Errorf("got %+v, want an ephemeral error reply", resp.Data)
				}
			}
			if !strings.Contains(logs.String(), "boom in") || !strings.Contains(logs.String(), "goroutine") {
				t.Errorf("got log %q, want the panic with its stack", logs.String())
			}
		})
	}
}

func TestPanicRecoveredInMessage(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	b := New(Config{}, panicAnswerer{}, testSet(t), slog.New(slog.NewTextHandler(&logs, nil)), nil)
	out := b.HandleMessage(context.Background(), dm("when?"), self)
	if out == nil || !strings.Contains(out.Content, "went wrong") {
		t.Fatalf("got %+v, want an error reply", out)
	}
	checkLimits(t, out)
	if !strings.Contains(logs.String(), "boom in Ask") {
		t.Errorf("got log %q, want the panic", logs.String())
	}
}
