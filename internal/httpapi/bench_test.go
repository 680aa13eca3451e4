package httpapi

import (
	"bytes"
	"crypto/ed25519"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// BenchmarkSignedAsk measures the whole HTTP path with the real bot and
// engine: signed /ask POSTs over loopback TCP with keep-alive, from
// concurrent clients. Clients and server share the machine's cores.
// Sub-benchmarks vary the clients per GOMAXPROCS: latency grows with the
// requests in flight once the cores are busy (Little's law).
func BenchmarkSignedAsk(b *testing.B) {
	for _, perProc := range []int{2, 8} {
		b.Run(fmt.Sprintf("clients=%d", perProc*runtime.GOMAXPROCS(0)), func(b *testing.B) {
			benchSignedAsk(b, perProc)
		})
	}
}

func benchSignedAsk(b *testing.B, perProc int) {
	bt, set := realBot(b)
	s := newSigner(b)
	mux := http.NewServeMux()
	mux.Handle("/interactions", NewInteractions(bt, s.pub))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	// Signing costs the client ~20 µs; sign a pool of distinct questions
	// up front so the figure is the server's.
	type req struct {
		body []byte
		h    http.Header
	}
	now := time.Now()
	var reqs []req
	for i := range min(64, len(set.Entries)) {
		body := askJSON(set.Entries[i].Question, false)
		reqs = append(reqs, req{body, s.headers(body, now)})
	}
	conc := perProc * runtime.GOMAXPROCS(0)
	client := &http.Client{Transport: &http.Transport{
		MaxIdleConns:        conc,
		MaxIdleConnsPerHost: conc,
		DisableCompression:  true,
	}}
	defer client.CloseIdleConnections()
	url := srv.URL + "/interactions"

	var (
		mu    sync.Mutex
		lats  []time.Duration
		next  atomic.Int64
		fails atomic.Int64
	)
	b.SetParallelism(perProc)
	cpu0 := processCPU(b)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		local := make([]time.Duration, 0, 1024)
		for pb.Next() {
			r := reqs[int(next.Add(1))%len(reqs)]
			hr, err := http.NewRequest("POST", url, bytes.NewReader(r.body))
			if err != nil {
				fails.Add(1)
				continue
			}
			hr.Header = r.h.Clone()
			start := time.Now()
			resp, err := client.Do(hr)
			if err != nil {
				fails.Add(1)
				continue
			}
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			local = append(local, time.Since(start))
			if err != nil || resp.StatusCode != 200 {
				fails.Add(1)
			}
		}
		mu.Lock()
		lats = append(lats, local...)
		mu.Unlock()
	})
	b.StopTimer()
	// CPU time (clients and server together) per request is steadier than
	// req/s when other processes share the machine.
	b.ReportMetric(float64((processCPU(b)-cpu0).Microseconds())/float64(b.N), "cpu-us/req")
	if n := fails.Load(); n > 0 {
		b.Fatalf("%d of %d requests failed", n, b.N)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
	if len(lats) > 0 {
		slices.Sort(lats)
		p := func(q float64) float64 { return float64(lats[int(q*float64(len(lats)-1))]) / 1e6 }
		b.ReportMetric(p(0.50), "p50-ms")
		b.ReportMetric(p(0.99), "p99-ms")
	}
}

// BenchmarkServeHTTPAsk is the server's own cost per signed /ask, without
// TCP: verify, decode, the real bot and engine, encode.
func BenchmarkServeHTTPAsk(b *testing.B) {
	bt, set := realBot(b)
	s := newSigner(b)
	h := NewInteractions(bt, s.pub)
	body := askJSON(set.Entries[0].Question, false)
	hdr := s.headers(body, time.Now())
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r := httptest.NewRequest("POST", "/interactions", bytes.NewReader(body))
		r.Header = hdr
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatalf("got %d, want 200", w.Code)
		}
	}
}

// BenchmarkVerify is the Ed25519 check alone, the fixed cost of every request.
func BenchmarkVerify(b *testing.B) {
	s := newSigner(b)
	msg := append([]byte("1750000000"), askJSON("When did the call take place?", false)...)
	sig := ed25519.Sign(s.priv, msg)
	for b.Loop() {
		if !ed25519.Verify(s.pub, msg, sig) {
			b.Fatal("signature does not verify")
		}
	}
}

// processCPU is the user+system CPU time this process has used.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatalf("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
