package main

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/callbot/callbot/internal/discordfake"
)

// BenchmarkShardRSS runs the release binary as one gateway shard against
// the fake Discord, sends it 2,500 GUILD_CREATEs shaped like Discord's (100
// members each, what arrives without the presences intent in busy servers)
// and 1,000 /ask, and reports its resident memory. Target: at most 40 MiB.
// It runs with the image's GOMEMLIMIT (imageMemLimit); BENCH_GOMEMLIMIT
// overrides it ("off" for none) and BENCH_GUILDS the number of servers.
func BenchmarkShardRSS(b *testing.B) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		b.Skip("needs /proc to read a process's resident memory")
	}
	bin := filepath.Join(b.TempDir(), "callbot")
	if out, err := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	guilds, members, answers := 2500, 100, 1000
	if v, err := strconv.Atoi(os.Getenv("BENCH_GUILDS")); err == nil {
		guilds = v
	}
	for b.Loop() {
		fake := discordfake.New(b)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		cmd := exec.CommandContext(ctx, bin, "run")
		limit := cmp.Or(os.Getenv("BENCH_GOMEMLIMIT"), imageMemLimit)
		if limit == "off" {
			limit = ""
		}
		cmd.Env = []string{
			"DISCORD_TOKEN=bench-token", "DISCORD_APP_ID=" + fake.AppID(), "DISCORD_GUILD_ID=" + discordfake.DefaultGuildID,
			"DISCORD_API_BASE=" + fake.URL() + "/api/v9", "CALLBOT_RECORD=off", "CALLBOT_RATE_LIMIT=1000000",
			"CALLBOT_LOG_LEVEL=warn", "GOMEMLIMIT=" + limit,
		}
		var logs bytes.Buffer
		cmd.Stdout, cmd.Stderr = &logs, &logs
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		if err := fake.WaitReady(ctx); err != nil {
			b.Fatalf("shard never identified: %v\n%s", err, logs.String())
		}
		for g := 0; g < guilds; g++ {
			if err := fake.Dispatch("GUILD_CREATE", discordfake.GuildCreate(discordfake.GuildParams{Members: members, Channels: 20})); err != nil {
				b.Fatal(err)
			}
		}
		for n := 0; n < answers; n++ {
			p := discordfake.CommandInteraction(discordfake.InteractionParams{
				GuildID: discordfake.DefaultGuildID, User: discordfake.User{ID: discordfake.Snowflake(), Username: "bench"},
				CommandName: "ask", Options: []discordfake.CommandOption{{Name: "question", Value: "When was the call?"}},
			})
			if err := fake.Dispatch("INTERACTION_CREATE", p); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := fake.WaitForRequests(ctx, answers, discordfake.MatchRoute("POST", "/interactions/{}/{}/callback")); err != nil {
			b.Fatalf("answers: %v\n%s", err, logs.String())
		}
		time.Sleep(500 * time.Millisecond) // let the last GUILD_CREATEs be decoded
		rss, hwm := procMemory(b, cmd.Process.Pid)
		b.ReportMetric(rss, "MiB-rss")
		b.ReportMetric(hwm, "MiB-peak")
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
		cancel()
		fake.Close()
	}
}

// imageMemLimit is the soft memory limit the image and the manifests set:
// without one the Go runtime lets the heap grow to twice what is live
// (GOGC=100), and a shard's resident memory ends near 51 MiB; with it near
// 37 MiB, at a little more GC work.
const imageMemLimit = "24MiB"

// procMemory reads a process's resident and peak resident memory, in MiB.
func procMemory(tb testing.TB, pid int) (rss, hwm float64) {
	tb.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		tb.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseFloat(f[1], 64)
		switch f[0] {
		case "VmRSS:":
			rss = kb / 1024
		case "VmHWM:":
			hwm = kb / 1024
		}
	}
	return rss, hwm
}

// TestImageMemLimit: the image and the manifests set the soft memory limit
// BenchmarkShardRSS measures with.
func TestImageMemLimit(t *testing.T) {
	t.Parallel()
	for _, f := range []struct{ path, want string }{
		{"Dockerfile", "ENV GOMEMLIMIT=" + imageMemLimit},
		{"deploy/kubernetes/configmap.yaml", `GOMEMLIMIT: "` + imageMemLimit + `"`},
	} {
		b, err := os.ReadFile(filepath.Join("..", "..", f.path))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), f.want) {
			t.Errorf("%s lacks %q", f.path, f.want)
		}
	}
}
