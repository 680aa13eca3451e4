package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callbot/callbot/internal/discordfake"
)

// freeAddr returns a loopback address nothing listens on right now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// syncBuffer is a bytes.Buffer safe for the logger and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start runs a long-lived command until the test ends, then checks it
// stopped cleanly.
func start(t *testing.T, environ map[string]string, args ...string) (logs *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logs = &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, args, env{stdin: strings.NewReader(""), stdout: logs, stderr: logs, getenv: func(k string) string { return environ[k] }})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("callbot %s exited %d after shutdown; logs:\n%s", args[0], code, logs)
			}
		case <-time.After(20 * time.Second):
			t.Errorf("callbot %s did not stop within 20 s of cancel", args[0])
		}
	})
	return logs
}

// waitStatus polls url until it answers want, or fails the test.
func waitStatus(t *testing.T, url string, want int) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == want {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s: last error %v; want status %d within 15 s", url, err, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestServeEndToEnd(t *testing.T) {
	t.Parallel()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	fake := discordfake.New(t, discordfake.ValidateBodies(t))
	addr := freeAddr(t)
	start(t, map[string]string{
		"CALLBOT_HTTP_ADDR":    addr,
		"DISCORD_PUBLIC_KEY":   hex.EncodeToString(pub),
		"DISCORD_TOKEN":        "serve-test-token",
		"DISCORD_APP_ID":       discordfake.DefaultAppID,
		"DISCORD_API_BASE":     fake.URL() + "/api/v9",
		"CALLBOT_DATABASE_URL": "sqlite:" + filepath.Join(t.TempDir(), "record.db"),
	}, "serve")
	base := "http://" + addr
	waitStatus(t, base+"/healthz", http.StatusOK)
	waitStatus(t, base+"/readyz", http.StatusOK)

	// Commands were registered on the fake at start.
	if got := len(fake.RequestsMatching("PUT", "/applications/{}/commands")); got != 1 {
		t.Errorf("command bulk overwrites = %d, want 1", got)
	}

	post := func(body []byte, sign bool) (int, []byte) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, base+"/interactions", bytes.NewReader(body))
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		req.Header.Set("X-Signature-Timestamp", ts)
		if sign {
			req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...))))
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, out
	}

	ping, _ := json.Marshal(discordfake.PingInteraction(discordfake.InteractionParams{}))
	if code, body := post(ping, true); code != 200 || strings.TrimSpace(string(body)) != `{"type":1}` {
		t.Errorf("signed PING: %d %s; want 200 {\"type\":1}", code, body)
	}
	if code, _ := post(ping, false); code != http.StatusUnauthorized {
		t.Errorf("unsigned PING: %d, want 401", code)
	}
	ask, _ := json.Marshal(discordfake.CommandInteraction(discordfake.InteractionParams{
		GuildID: discordfake.DefaultGuildID, CommandName: "ask",
		Options: []discordfake.CommandOption{{Name: "question", Value: "What did Macron say about lawyers?"}},
	}))
	code, body := post(ask, true)
	if code != 200 || !strings.Contains(string(body), "lawyer") {
		t.Errorf("signed /ask: %d %s; want 200 with the lawyer answer", code, body)
	}
	// The question is recorded in the background, within the writer's
	// flush interval.
	var metrics string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		resp, err := http.Get(base + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if metrics = string(b); strings.Contains(metrics, `callbot_records_written_total{kind="question"} 1`) {
			break
		}
	}
	for _, want := range []string{
		`callbot_questions_total{outcome="answered"} 1`,
		"callbot_signature_failures_total 1",
		`callbot_records_written_total{kind="question"} 1`,
		`callbot_records_dropped_total{kind="question"} 0`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

func TestRunEndToEnd(t *testing.T) {
	t.Parallel()
	fake := discordfake.New(t, discordfake.ValidateBodies(t))
	addr := freeAddr(t)
	logs := start(t, map[string]string{
		"CALLBOT_HTTP_ADDR":    addr,
		"DISCORD_TOKEN":        "run-test-token-do-not-log",
		"DISCORD_API_BASE":     fake.URL() + "/api/v9",
		"CALLBOT_LOG_FORMAT":   "json",
		"CALLBOT_LOG_LEVEL":    "debug",
		"CALLBOT_DATABASE_URL": "sqlite:" + filepath.Join(t.TempDir(), "record.db"),
		"CALLBOT_RECORD_KEY":   "record-key-do-not-log-0123456789",
	}, "run")
	base := "http://" + addr
	waitStatus(t, base+"/healthz", http.StatusOK)
	waitStatus(t, base+"/readyz", http.StatusOK) // only once the gateway is up

	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if _, err := fake.WaitForRequest(ctx, discordfake.MatchRoute("PUT", "/applications/{}/commands")); err != nil {
		t.Fatalf("commands not registered: %v", err)
	}
	if err := fake.Dispatch("INTERACTION_CREATE", discordfake.CommandInteraction(discordfake.InteractionParams{
		GuildID: discordfake.DefaultGuildID, CommandName: "ask",
		Options: []discordfake.CommandOption{{Name: "question", Value: "Who won 73.2% of the vote?"}},
	})); err != nil {
		t.Fatal(err)
	}
	req, err := fake.WaitForRequest(ctx, discordfake.MatchRoute("POST", "/interactions/{}/{}/callback"))
	if err != nil {
		t.Fatalf("no callback: %v", err)
	}
	if !strings.Contains(string(req.Body), "73.2") {
		t.Errorf("callback body %s; want the vote-share answer", req.Body)
	}
	fake.WaitSettled(ctx)
	if strings.Contains(logs.String(), "do-not-log") {
		t.Errorf("logs contain the token or the record key:\n%s", logs)
	}
}

func TestRunNeedsToken(t *testing.T) {
	t.Parallel()
	_, stderr, code := callbot(t, nil, "", "run")
	if code != 1 || !strings.Contains(stderr, "DISCORD_TOKEN is not set") {
		t.Errorf("exit %d, stderr %q; want 1 and a message naming DISCORD_TOKEN", code, stderr)
	}
	_, stderr, code = callbot(t, nil, "", "serve")
	if code != 1 || !strings.Contains(stderr, "DISCORD_PUBLIC_KEY is not set") {
		t.Errorf("exit %d, stderr %q; want 1 and a message naming DISCORD_PUBLIC_KEY", code, stderr)
	}
}
