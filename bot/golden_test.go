package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// TestGolden pins the exact JSON sent to Discord for fixed engine results.
func TestGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		run  func(b *Bot) any
	}{
		{"ask_answered", func(b *Bot) any {
			return b.HandleInteraction(context.Background(), command(cmdAsk, strOpt(optQuestion, "When did the call take place?")))
		}},
		{"ask_dont_know", func(b *Bot) any {
			return b.HandleInteraction(context.Background(), command(cmdAsk, strOpt(optQuestion, "What did they *eat* @everyone?"), boolOpt(optPrivate, true)))
		}},
		{"autocomplete", func(b *Bot) any { return b.HandleInteraction(context.Background(), autocomplete("call")) }},
		{"topics", func(b *Bot) any { return b.HandleInteraction(context.Background(), command(cmdTopics)) }},
		{"message_reply", func(b *Bot) any {
			return b.HandleMessage(context.Background(), guildMsg("c1", "<@999> Who was on the call?", self), self)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b, _, _ := newTestBot(t, Config{})
			got, err := json.MarshalIndent(tc.run(b), "", "  ")
			if err != nil {
				t.Fatalf("marshal: %v", err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", tc.name+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden (run go test ./bot -run TestGolden -update): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (rerun with -update if intended):\n got: %s\nwant: %s", tc.name, path, got, want)
			}
		})
	}
}
