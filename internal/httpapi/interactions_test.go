package httpapi

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// fixedNow is the clock of every test server, so timestamps are exact.
var fixedNow = time.Unix(1_750_000_000, 0)

type signer struct {
	pub  ed25519.PublicKey
	priv ed25519.PrivateKey
}

func newSigner(t testing.TB) signer {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatalf("generate key: %v", err)
	}
	return signer{pub, priv}
}

// headers signs body at time at, as Discord does.
func (s signer) headers(body []byte, at time.Time) http.Header {
	ts := strconv.FormatInt(at.Unix(), 10)
	sig := ed25519.Sign(s.priv, append([]byte(ts), body...))
	h := http.Header{}
	h.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	h.Set("X-Signature-Timestamp", ts)
	h.Set("Content-Type", "application/json")
	return h
}

type counter struct{ n atomic.Int64 }

func (c *counter) SignatureFailure() { c.n.Add(1) }

// stubHandler records the interactions it gets and answers with resp.
type stubHandler struct {
	mu   sync.Mutex
	got  []*discordgo.Interaction
	resp func(*discordgo.Interaction) *discordgo.InteractionResponse
}

func (s *stubHandler) HandleInteraction(_ context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
	s.mu.Lock()
	s.got = append(s.got, i)
	s.mu.Unlock()
	if s.resp == nil {
		return nil
	}
	return s.resp(i)
}

func (s *stubHandler) calls() []*discordgo.Interaction {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*discordgo.Interaction(nil), s.got...)
}

func newTestServer(t testing.TB, h InteractionHandler, key ed25519.PublicKey, obs Observer) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(NewInteractions(h, key, WithObserver(obs), WithClock(func() time.Time { return fixedNow })))
	t.Cleanup(srv.Close)
	return srv
}

func do(t testing.TB, method, url string, body []byte, h http.Header) (int, http.Header, []byte) {
	t.Helper()
	code, hdr, got, err := send(http.DefaultClient, method, url, body, h)
	if err != nil {
		t.Fatal(err)
	}
	return code, hdr, got
}

// send is do for goroutines other than the test's, which must not call t.Fatal.
func send(c *http.Client, method, url string, body []byte, h http.Header) (int, http.Header, []byte, error) {
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		return 0, nil, nil, fmt.Errorf("new request: %w", err)
	}
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, nil, nil, fmt.Errorf("%s %s: %w", method, url, err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil, nil, fmt.Errorf("read response: %w", err)
	}
	return resp.StatusCode, resp.Header, got, nil
}

const pingBody = `{"id":"1","application_id":"2","type":1,"token":"tok","version":1}`

func TestPing(t *testing.T) {
	t.Parallel()
	s := newSigner(t)
	h := &stubHandler{}
	srv := newTestServer(t, h, s.pub, nil)
	code, hdr, body := do(t, http.MethodPost, srv.URL, []byte(pingBody), s.headers([]byte(pingBody), fixedNow))
	if code != http.StatusOK || string(body) != `{"type":1}` {
		t.Errorf("PING: got %d %s, want 200 {\"type\":1}", code, body)
	}
	if ct := hdr.Get("Content-Type"); ct != "application/json" {
		t.Errorf("PING Content-Type: got %q, want application/json", ct)
	}
	if n := len(h.calls()); n != 0 {
		t.Errorf("PING reached the handler %d times, want 0", n)
	}
}

func TestRejects(t *testing.T) {
	t.Parallel()
	s := newSigner(t)
	other := newSigner(t)
	body := []byte(pingBody)
	valid := func() http.Header { return s.headers(body, fixedNow) }
	with := func(k, v string) http.Header { h := valid(); h.Set(k, v); return h }
	without := func(k string) http.Header { h := valid(); h.Del(k); return h }
	big := []byte(`{"type":1,"pad":"` + strings.Repeat("x", MaxBodyBytes) + `"}`)
	tampered := []byte(strings.Replace(pingBody, `"tok"`, `"tik"`, 1))
	sigOf := func(h http.Header) string { return h.Get("X-Signature-Ed25519") }

	tests := []struct {
		name       string
		method     string
		body       []byte
		header     http.Header
		want       int
		sigFailure bool
	}{
		{"missing signature", "POST", body, without("X-Signature-Ed25519"), 401, true},
		{"missing timestamp", "POST", body, without("X-Signature-Timestamp"), 401, true},
		{"non-hex signature", "POST", body, with("X-Signature-Ed25519", strings.Repeat("zz", 64)), 401, true},
		{"short signature", "POST", body, with("X-Signature-Ed25519", sigOf(valid())[:126]), 401, true},
		{"long signature", "POST", body, with("X-Signature-Ed25519", sigOf(valid())+"00"), 401, true},
		{"signed by another key", "POST", body, other.headers(body, fixedNow), 401, true},
		{"tampered body", "POST", tampered, valid(), 401, true},
		{"tampered timestamp", "POST", body, with("X-Signature-Timestamp", strconv.FormatInt(fixedNow.Unix()+1, 10)), 401, true},
		{"non-numeric timestamp", "POST", body, with("X-Signature-Timestamp", "yesterday"), 401, true},
		{"stale timestamp", "POST", body, s.headers(body, fixedNow.Add(-MaxClockSkew-time.Second)), 401, true},
		{"future timestamp", "POST", body, s.headers(body, fixedNow.Add(MaxClockSkew+time.Second)), 401, true},
		{"body over 64 KiB", "POST", big, s.headers(big, fixedNow), 413, false},
		{"malformed JSON", "POST", []byte(`{"type":1,`), s.headers([]byte(`{"type":1,`), fixedNow), 400, false},
		{"not an interaction", "POST", []byte(`{"type":"ping"}`), s.headers([]byte(`{"type":"ping"}`), fixedNow), 400, false},
		{"empty body", "POST", nil, s.headers(nil, fixedNow), 400, false},
		{"GET", "GET", nil, valid(), 405, false},
		{"PUT", "PUT", body, valid(), 405, false},
		// Edges that must pass: exactly 5 minutes either way.
		{"timestamp 5 min old", "POST", body, s.headers(body, fixedNow.Add(-MaxClockSkew)), 200, false},
		{"timestamp 5 min ahead", "POST", body, s.headers(body, fixedNow.Add(MaxClockSkew)), 200, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			obs := &counter{}
			srv := newTestServer(t, &stubHandler{}, s.pub, obs)
			code, hdr, got := do(t, tt.method, srv.URL, tt.body, tt.header)
			if code != tt.want {
				t.Errorf("got status %d (%s), want %d", code, bytes.TrimSpace(got), tt.want)
			}
			if code == 405 && hdr.Get("Allow") != "POST" {
				t.Errorf("405 Allow header: got %q, want POST", hdr.Get("Allow"))
			}
			wantFailures := int64(0)
			if tt.sigFailure {
				wantFailures = 1
			}
			if n := obs.n.Load(); n != wantFailures {
				t.Errorf("got %d signature failures counted, want %d", n, wantFailures)
			}
		})
	}
}

func TestBodyAtLimitIsAccepted(t *testing.T) {
	t.Parallel()
	s := newSigner(t)
	srv := newTestServer(t, &stubHandler{}, s.pub, nil)
	prefix, suffix := `{"type":1,"pad":"`, `"}`
	body := []byte(prefix + strings.Repeat("x", MaxBodyBytes-len(prefix)-len(suffix)) + suffix)
	if len(body) != MaxBodyBytes {
		t.Fatalf("test body is %d bytes, want %d", len(body), MaxBodyBytes)
	}
	if code, _, got := do(t, "POST", srv.URL, body, s.headers(body, fixedNow)); code != 200 {
		t.Errorf("body of exactly %d bytes: got %d (%s), want 200", MaxBodyBytes, code, got)
	}
}

// A chunked body carries no Content-Length, so only the read limit can stop it.
func TestChunkedBodyOverLimit(t *testing.T) {
	t.Parallel()
	s := newSigner(t)
	srv := newTestServer(t, &stubHandler{}, s.pub, nil)
	big := bytes.Repeat([]byte("x"), MaxBodyBytes+1)
	req, err := http.NewRequest("POST", srv.URL, io.MultiReader(bytes.NewReader(big))) // unknown length
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range s.headers(big, fixedNow) {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("post: %v", err)
	}
	resp.Body.Close()
	if req.ContentLength != 0 || resp.StatusCode != 413 {
		t.Errorf("chunked %d bytes: got %d (request length %d), want 413 (length 0 = unknown)", len(big), resp.StatusCode, req.ContentLength)
	}
}

func TestParsePublicKey(t *testing.T) {
	t.Parallel()
	s := newSigner(t)
	good := hex.EncodeToString(s.pub)
	tests := []struct {
		in      string
		wantErr string
	}{
		{good, ""},
		{strings.ToUpper(good), ""},
		{" " + good + "\n", ""},
		{"", "empty"},
		{"xyz", "not hex"},
		{good[:62], "31 bytes, want 32"},
		{good + "00", "33 bytes, want 32"},
	}
	for _, tt := range tests {
		key, err := ParsePublicKey(tt.in)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("ParsePublicKey(%q): got error %v, want nil", tt.in, err)
		case tt.wantErr == "" && !bytes.Equal(key, s.pub):
			t.Errorf("ParsePublicKey(%q): got %x, want %x", tt.in, key, s.pub)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("ParsePublicKey(%q): got error %v, want one containing %q", tt.in, err, tt.wantErr)
		}
	}
}

func TestNewInteractionsRejectsBadKey(t *testing.T) {
	t.Parallel()
	for _, key := range []ed25519.PublicKey{nil, make(ed25519.PublicKey, 31)} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("NewInteractions with a %d-byte key: got no panic, want one", len(key))
				}
			}()
			NewInteractions(&stubHandler{}, key)
		}()
	}
}
