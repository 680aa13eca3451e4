package bot

import (
	"context"
	"testing"
)

func BenchmarkAskInteraction(b *testing.B) {
	bot, _, _ := newTestBot(b, Config{RateLimit: -1})
	in := command(cmdAsk, strOpt(optQuestion, "When did the call take place?"))
	for b.Loop() {
		bot.HandleInteraction(context.Background(), in)
	}
}

func BenchmarkAutocomplete(b *testing.B) {
	bot, _, _ := newTestBot(b, Config{RateLimit: -1})
	in := autocomplete("call")
	for b.Loop() {
		bot.HandleInteraction(context.Background(), in)
	}
}

func BenchmarkHugeAnswerClamped(b *testing.B) {
	set := hugeSet(b)
	bot := New(Config{RateLimit: -1}, hugeAnswerer{set: set, answered: true}, set, nil, nil)
	in := command(cmdAsk, strOpt(optQuestion, "q"))
	for b.Loop() {
		bot.HandleInteraction(context.Background(), in)
	}
}
