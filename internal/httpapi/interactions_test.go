package httpapi

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
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

func TestDecodedInteractionReachesHandler(t *testing.T) {
	t.Parallel()
	s := newSigner(t)
	want := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "answer <with> & marks", Flags: discordgo.MessageFlagsEphemeral},
	}
	h := &stubHandler{resp: func(*discordgo.Interaction) *discordgo.InteractionResponse { return want }}
	srv := newTestServer(t, h, s.pub, nil)

	tests := []struct {
		name  string
		body  string
		check func(t *testing.T, i *discordgo.Interaction)
	}{
		{
			name: "command",
			body: `{"id":"10","application_id":"2","type":2,"token":"tok","version":1,"guild_id":"5","channel_id":"6",
				"member":{"user":{"id":"77","username":"u"},"roles":[],"joined_at":"2024-01-01T00:00:00+00:00","permissions":"0"},
				"app_permissions":"1024",
				"data":{"id":"9","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"when was the call?"},{"name":"private","type":5,"value":true}]}}`,
			check: func(t *testing.T, i *discordgo.Interaction) {
				d, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
				if !ok {
					t.Fatalf("data: got %T, want ApplicationCommandInteractionData", i.Data)
				}
				if d.Name != "ask" || len(d.Options) != 2 {
					t.Fatalf("data: got name %q with %d options, want ask with 2", d.Name, len(d.Options))
				}
				if got := d.Options[0].StringValue(); got != "when was the call?" {
					t.Errorf("question: got %q, want %q", got, "when was the call?")
				}
				if !d.Options[1].BoolValue() {
					t.Errorf("private: got false, want true")
				}
				if i.Member == nil || i.Member.User == nil || i.Member.User.ID != "77" {
					t.Errorf("member: got %+v, want user 77", i.Member)
				}
				if i.AppPermissions != 1024 {
					t.Errorf("app_permissions: got %d, want 1024", i.AppPermissions)
				}
			},
		},
		{
			name: "autocomplete",
			body: `{"id":"11","application_id":"2","type":4,"token":"tok","version":1,"user":{"id":"78","username":"v"},
				"data":{"id":"9","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"minsk","focused":true}]}}`,
			check: func(t *testing.T, i *discordgo.Interaction) {
				d, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
				if !ok {
					t.Fatalf("data: got %T, want ApplicationCommandInteractionData", i.Data)
				}
				if len(d.Options) != 1 || !d.Options[0].Focused || d.Options[0].StringValue() != "minsk" {
					t.Errorf("options: got %+v, want one focused option \"minsk\"", d.Options)
				}
				if i.User == nil || i.User.ID != "78" {
					t.Errorf("user: got %+v, want 78", i.User)
				}
			},
		},
		{
			name: "button",
			body: `{"id":"12","application_id":"2","type":3,"token":"tok","version":1,"user":{"id":"79","username":"w"},
				"message":{"id":"50","channel_id":"6","content":"","flags":64,"timestamp":"2024-01-01T00:00:00+00:00"},
				"data":{"custom_id":"ask:call-date","component_type":2}}`,
			check: func(t *testing.T, i *discordgo.Interaction) {
				d, ok := i.Data.(discordgo.MessageComponentInteractionData)
				if !ok {
					t.Fatalf("data: got %T, want MessageComponentInteractionData", i.Data)
				}
				if d.CustomID != "ask:call-date" || d.ComponentType != discordgo.ButtonComponent {
					t.Errorf("data: got custom_id %q type %d, want ask:call-date type 2", d.CustomID, d.ComponentType)
				}
				if i.Message == nil || i.Message.Flags&discordgo.MessageFlagsEphemeral == 0 {
					t.Errorf("message: got %+v, want an ephemeral message", i.Message)
				}
			},
		},
		{
			name: "select menu",
			body: `{"id":"13","application_id":"2","type":3,"token":"tok","version":1,"user":{"id":"79","username":"w"},
				"data":{"custom_id":"pick","component_type":3,"values":["call-date"]}}`,
			check: func(t *testing.T, i *discordgo.Interaction) {
				d, ok := i.Data.(discordgo.MessageComponentInteractionData)
				if !ok {
					t.Fatalf("data: got %T, want MessageComponentInteractionData", i.Data)
				}
				if d.CustomID != "pick" || len(d.Values) != 1 || d.Values[0] != "call-date" {
					t.Errorf("data: got %+v, want custom_id pick with value call-date", d)
				}
			},
		},
	}
	wantBody, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Not parallel: the handler's call list is shared.
			before := len(h.calls())
			body := []byte(tt.body)
			code, hdr, got := do(t, "POST", srv.URL, body, s.headers(body, fixedNow))
			if code != 200 {
				t.Fatalf("got status %d (%s), want 200", code, got)
			}
			if ct := hdr.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type: got %q, want application/json", ct)
			}
			if !jsonEqual(t, got, wantBody) {
				t.Errorf("body: got %s, want %s", got, wantBody)
			}
			calls := h.calls()
			if len(calls) != before+1 {
				t.Fatalf("handler called %d times, want 1", len(calls)-before)
			}
			tt.check(t, calls[len(calls)-1])
		})
	}
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatalf("not JSON: %s: %v", a, err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatalf("not JSON: %s: %v", b, err)
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}

type panicHandler struct{}

func (panicHandler) HandleInteraction(context.Context, *discordgo.Interaction) *discordgo.InteractionResponse {
	panic("boom")
}

// A handler that returns nothing or panics still gets a valid reply, never
// an error status, so Discord shows the user something.
func TestHandlerFailuresGetEphemeralReply(t *testing.T) {
	t.Parallel()
	s := newSigner(t)
	command := `{"id":"10","application_id":"2","type":2,"token":"tok","version":1,"data":{"id":"9","name":"ask","type":1}}`
	autocomplete := `{"id":"11","application_id":"2","type":4,"token":"tok","version":1,"data":{"id":"9","name":"ask","type":1}}`
	unknownType := `{"id":"12","application_id":"2","type":99,"token":"tok","version":1}`
	tests := []struct {
		name     string
		h        InteractionHandler
		body     string
		wantType discordgo.InteractionResponseType
	}{
		{"nil response", &stubHandler{}, command, discordgo.InteractionResponseChannelMessageWithSource},
		{"nil response to autocomplete", &stubHandler{}, autocomplete, discordgo.InteractionApplicationCommandAutocompleteResult},
		{"nil response to unknown type", &stubHandler{}, unknownType, discordgo.InteractionResponseChannelMessageWithSource},
		{"panic", panicHandler{}, command, discordgo.InteractionResponseChannelMessageWithSource},
		{"panic in autocomplete", panicHandler{}, autocomplete, discordgo.InteractionApplicationCommandAutocompleteResult},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newTestServer(t, tt.h, s.pub, nil)
			body := []byte(tt.body)
			code, _, got := do(t, "POST", srv.URL, body, s.headers(body, fixedNow))
			if code != 200 {
				t.Fatalf("got status %d (%s), want 200", code, got)
			}
			var resp discordgo.InteractionResponse
			if err := json.Unmarshal(got, &resp); err != nil {
				t.Fatalf("response %s: %v", got, err)
			}
			if resp.Type != tt.wantType || resp.Data == nil {
				t.Fatalf("response: got %s, want type %d with data", got, tt.wantType)
			}
			if tt.wantType == discordgo.InteractionResponseChannelMessageWithSource &&
				(resp.Data.Flags != discordgo.MessageFlagsEphemeral || resp.Data.Content == "") {
				t.Errorf("response: got %s, want an ephemeral message with content", got)
			}
			if tt.wantType == discordgo.InteractionApplicationCommandAutocompleteResult && !bytes.Contains(got, []byte(`"choices":[]`)) {
				t.Errorf("response: got %s, want empty choices", got)
			}
		})
	}
}

func TestConcurrentSignedRequests(t *testing.T) {
	t.Parallel()
	s := newSigner(t)
	obs := &counter{}
	echo := func(q string) *discordgo.InteractionResponse {
		return &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: q},
		}
	}
	h := &stubHandler{resp: func(i *discordgo.Interaction) *discordgo.InteractionResponse {
		return echo(i.Data.(discordgo.ApplicationCommandInteractionData).Options[0].StringValue())
	}}
	srv := newTestServer(t, h, s.pub, obs)
	const workers, each = 8, 100
	var wg sync.WaitGroup
	errs := make(chan string, workers*each)
	for w := range workers {
		wg.Go(func() {
			for n := range each {
				q := "question " + strconv.Itoa(w) + "-" + strconv.Itoa(n)
				body := []byte(`{"id":"1","application_id":"2","type":2,"token":"t","version":1,"data":{"id":"9","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"` + q + `"}]}}`)
				code, _, got, err := send(http.DefaultClient, "POST", srv.URL, body, s.headers(body, fixedNow))
				want, _ := json.Marshal(echo(q))
				if err != nil {
					errs <- err.Error()
				} else if code != 200 || !bytes.Equal(got, want) {
					errs <- "got " + strconv.Itoa(code) + " " + string(got) + ", want 200 " + string(want)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if n := len(h.calls()); n != workers*each {
		t.Errorf("handler called %d times, want %d", n, workers*each)
	}
	if n := obs.n.Load(); n != 0 {
		t.Errorf("got %d signature failures, want 0", n)
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
