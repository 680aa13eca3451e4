package bot

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"testing"

	"github.com/bwmarrin/discordgo"
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

// BenchmarkCallbackHeap answers interactions over loopback and reports how
// much live heap 190,000 more interactions leave behind: each callback URL
// is new, and a client that keeps state per URL grows without bound.
// Target: flat, within 5 MiB, from 10,000 to 200,000 interactions.
func BenchmarkCallbackHeap(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	s, err := restSession(GatewayConfig{Token: "bench", APIBase: srv.URL + "/api/v9"})
	if err != nil {
		b.Fatal(err)
	}
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: &discordgo.InteractionResponseData{Content: "x"}}
	ctx := context.Background()
	answer := func(from, to int) {
		for n := from; n < to; n++ {
			i := &discordgo.Interaction{ID: strconv.Itoa(n), Token: "token" + strconv.Itoa(n)}
			if err := respond(ctx, s, i, resp); err != nil {
				b.Fatal(err)
			}
		}
	}
	live := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	for b.Loop() {
		answer(0, 10_000)
		before := live()
		answer(10_000, 200_000)
		after := live()
		b.ReportMetric(float64(int64(after)-int64(before))/(1<<20), "MiB-growth")
		b.ReportMetric(float64(after)/(1<<20), "MiB-live")
	}
}
