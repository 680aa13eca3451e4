package httpapi

import (
	"io"
	"net/http"
)

// NewOps returns the operations endpoints:
//
//	GET /healthz  200 "ok" while the process serves HTTP (liveness)
//	GET /readyz   200 "ready" when ready() is true, else 503 (readiness)
//	GET /metrics  metrics, e.g. (*metrics.Metrics).Handler()
//
// ready nil means always ready; metrics nil leaves /metrics unrouted (404).
// Other methods get 405; other paths 404, so the handler can be mounted at
// "/" beside /interactions.
func NewOps(ready func() bool, metrics http.Handler) http.Handler {
	mux := http.NewServeMux()
	// "GET" patterns also match HEAD, which some probes use.
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeText(w, http.StatusOK, "ok\n")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		if ready != nil && !ready() {
			writeText(w, http.StatusServiceUnavailable, "not ready: starting up, disconnected or shutting down\n")
			return
		}
		writeText(w, http.StatusOK, "ready\n")
	})
	if metrics != nil {
		mux.Handle("GET /metrics", metrics)
	}
	return mux
}

func writeText(w http.ResponseWriter, code int, body string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	// Probes must never be cached by a proxy in between.
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = io.WriteString(w, body)
}
