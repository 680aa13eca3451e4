package httpapi

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/callbot/callbot/internal/metrics"
)

func TestOps(t *testing.T) {
	t.Parallel()
	var ready atomic.Bool
	m := metrics.New()
	m.SignatureFailure()
	srv := httptest.NewServer(NewOps(ready.Load, m.Handler()))
	t.Cleanup(srv.Close)

	check := func(method, path string, wantCode int, wantBody string) {
		t.Helper()
		code, _, body := do(t, method, srv.URL+path, nil, nil)
		if code != wantCode || !strings.Contains(string(body), wantBody) {
			t.Errorf("%s %s: got %d %q, want %d containing %q", method, path, code, body, wantCode, wantBody)
		}
	}
	check("GET", "/healthz", 200, "ok")
	check("HEAD", "/healthz", 200, "")
	check("GET", "/readyz", 503, "not ready")
	ready.Store(true)
	check("GET", "/readyz", 200, "ready")
	ready.Store(false)
	check("GET", "/readyz", 503, "not ready")
	check("GET", "/metrics", 200, "callbot_signature_failures_total 1")
	check("POST", "/healthz", 405, "")
	check("GET", "/nope", 404, "")
}

func TestOpsDefaults(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(NewOps(nil, nil))
	t.Cleanup(srv.Close)
	for _, tt := range []struct {
		path string
		want int
	}{{"/healthz", 200}, {"/readyz", 200}, {"/metrics", 404}} {
		if code, _, body := do(t, "GET", srv.URL+tt.path, nil, nil); code != tt.want {
			t.Errorf("GET %s with nil ready and metrics: got %d %q, want %d", tt.path, code, body, tt.want)
		}
	}
}

// The signature failures the interactions handler counts show on /metrics.
func TestSignatureFailuresReachMetrics(t *testing.T) {
	t.Parallel()
	s := newSigner(t)
	m := metrics.New()
	mux := http.NewServeMux()
	mux.Handle("/interactions", NewInteractions(&stubHandler{}, s.pub, WithObserver(m)))
	mux.Handle("/", NewOps(nil, m.Handler()))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	for range 3 {
		if code, _, _ := do(t, "POST", srv.URL+"/interactions", []byte(pingBody), nil); code != 401 {
			t.Fatalf("unsigned POST: got %d, want 401", code)
		}
	}
	if code, _, body := do(t, "GET", srv.URL+"/metrics", nil, nil); code != 200 || !strings.Contains(string(body), "callbot_signature_failures_total 3") {
		t.Errorf("GET /metrics: got %d, want 200 with callbot_signature_failures_total 3 in\n%s", code, body)
	}
}
