package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// loopbackServer is an httptest server bound to 127.0.0.1 only.
func loopbackServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	srv := &httptest.Server{Listener: l, Config: &http.Server{Handler: h}}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

func TestAPIBaseTransport(t *testing.T) {
	t.Parallel()
	type seen struct{ method, uri, host, auth, body string }
	got := make(chan seen, 1)
	srv := loopbackServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- seen{r.Method, r.RequestURI, r.Host, r.Header.Get("Authorization"), string(b)}
		io.WriteString(w, `{"ok":true}`)
	}))
	host := strings.TrimPrefix(srv.URL, "http://")

	tests := []struct {
		base, in, want string
	}{
		{srv.URL + "/api/v9", "https://discord.com/api/v9/gateway", "/api/v9/gateway"},
		{srv.URL, "https://discord.com/api/v9/gateway", "/gateway"},
		{srv.URL + "/proxy/", "https://discord.com/api/v9/applications/1/guilds/2/commands?with_localizations=true", "/proxy/applications/1/guilds/2/commands?with_localizations=true"},
		{srv.URL + "/x", "https://discord.com/api/v9/channels/1/messages/2/reactions/%F0%9F%91%8D/@me", "/x/channels/1/messages/2/reactions/%F0%9F%91%8D/@me"},
		{srv.URL + "/x", "https://discord.com/other", "/x/other"},
	}
	for _, tc := range tests {
		rt, err := APIBaseTransport(tc.base, nil)
		if err != nil {
			t.Fatalf("APIBaseTransport(%q): %v", tc.base, err)
		}
		req, err := http.NewRequest("POST", tc.in, strings.NewReader("body"))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bot secret")
		orig := req.URL.String()
		resp, err := (&http.Client{Transport: rt}).Do(req)
		if err != nil {
			t.Fatalf("%s via %s: %v", tc.in, tc.base, err)
		}
		resp.Body.Close()
		s := <-got
		if s.uri != tc.want || s.host != host || s.method != "POST" || s.auth != "Bot secret" || s.body != "body" {
			t.Errorf("%s via %s: server saw %+v, want %s on host %s with method, headers and body kept", tc.in, tc.base, s, tc.want, host)
		}
		if req.URL.String() != orig {
			t.Errorf("the caller's request was modified: %s, want %s", req.URL, orig)
		}
	}
}

func TestAPIBaseTransportRejectsBadBase(t *testing.T) {
	t.Parallel()
	for _, base := range []string{"", "127.0.0.1:80", "ftp://host/x", "http://", "http://h/x?q=1", "://bad"} {
		if _, err := APIBaseTransport(base, nil); err == nil {
			t.Errorf("APIBaseTransport(%q): got no error, want one", base)
		}
	}
}

func TestWithoutURL(t *testing.T) {
	t.Parallel()
	err := &url.Error{Op: "Post", URL: "https://discord.com/api/v9/interactions/1/secret-token/callback", Err: context.DeadlineExceeded}
	got := withoutURL(fmt.Errorf("respond: %w", err))
	if strings.Contains(got.Error(), "secret-token") || !errors.Is(got, context.DeadlineExceeded) {
		t.Errorf("withoutURL = %v, want no token and the cause kept", got)
	}
	if plain := errors.New("x"); withoutURL(plain) != plain {
		t.Errorf("withoutURL changed an error without a URL")
	}
}

// TestGlobalRateLimitPausesEveryRequest: after a global 429, other requests
// wait out its retry_after; interaction callbacks, not under the global
// limit, do not.
func TestGlobalRateLimitPausesEveryRequest(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	arrived := map[string]time.Time{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		arrived[r.URL.Path] = time.Now()
		mu.Unlock()
		if r.URL.Path == "/api/v9/channels/1/messages" {
			w.Header().Set("X-RateLimit-Global", "true")
			w.Header().Set("X-RateLimit-Scope", "global")
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(w, `{"message":"You are being rate limited.","retry_after":0.3,"global":true}`)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	c := &http.Client{Transport: &globalLimit{next: http.DefaultTransport, now: time.Now}}
	post := func(path string) int {
		res, err := c.Post(srv.URL+path, "application/json", strings.NewReader("{}"))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	start := time.Now()
	if got := post("/api/v9/channels/1/messages"); got != http.StatusTooManyRequests {
		t.Fatalf("got %d, want the 429", got)
	}
	post("/api/v9/interactions/5/tok/callback")
	post("/api/v9/channels/2/messages")
	mu.Lock()
	defer mu.Unlock()
	if d := arrived["/api/v9/interactions/5/tok/callback"].Sub(start); d > 200*time.Millisecond {
		t.Errorf("the callback waited %v, want no wait", d)
	}
	if d := arrived["/api/v9/channels/2/messages"].Sub(start); d < 300*time.Millisecond {
		t.Errorf("another channel's message went out %v after a global 429 of 0.3 s, want it held back", d)
	}
}
