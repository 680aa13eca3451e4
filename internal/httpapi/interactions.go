// Package httpapi is callbot's HTTP transport: the Discord interactions
// endpoint (signed webhook POSTs answered in the response body), health and
// readiness probes, Prometheus metrics, and a server with sane timeouts and
// graceful shutdown.
//
// It holds no command logic: every interaction goes to the same handler the
// gateway runner uses.
package httpapi

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/callbot/callbot/internal/modal"
)

// MaxBodyBytes is the largest interaction body accepted. Discord's payloads
// are a few KiB; the cap bounds what an unauthenticated client can make us
// buffer before the signature is checked.
const MaxBodyBytes = 64 << 10

// InteractionHandler answers a decoded interaction. *bot.Bot implements it.
type InteractionHandler interface {
	HandleInteraction(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse
}

// Observer counts rejected signatures. *metrics.Metrics implements it.
type Observer interface {
	SignatureFailure()
}

// Option configures NewInteractions.
type Option func(*interactions)

// WithObserver counts signature failures on o. nil means no counting.
func WithObserver(o Observer) Option { return func(h *interactions) { h.obs = o } }

// WithClock sets the clock the timestamp check uses, for tests.
func WithClock(now func() time.Time) Option { return func(h *interactions) { h.now = now } }

// WithLogger logs rejected requests (debug) and handler panics (error) to l.
func WithLogger(l *slog.Logger) Option { return func(h *interactions) { h.log = l } }

type interactions struct {
	h   InteractionHandler
	key ed25519.PublicKey
	obs Observer
	now func() time.Time
	log *slog.Logger
}

// NewInteractions returns the handler for Discord's interactions endpoint
// (POST only). It answers 405 to other methods, 413 to bodies over
// MaxBodyBytes, 401 to a missing, malformed, wrong or stale signature, 400
// to signed bodies that are not an interaction, {"type":1} to PING, and
// otherwise 200 with h's response as JSON. It never answers a valid signed
// interaction with an error status: a nil response or a panic in h becomes
// a short ephemeral reply.
//
// key must be 32 bytes (use ParsePublicKey) and h non-nil; otherwise
// NewInteractions panics, at start-up rather than on the first request
// (ed25519.Verify panics on a key of the wrong size).
func NewInteractions(h InteractionHandler, key ed25519.PublicKey, opts ...Option) http.Handler {
	if len(key) != ed25519.PublicKeySize {
		panic(fmt.Sprintf("httpapi: public key is %d bytes, want %d", len(key), ed25519.PublicKeySize))
	}
	if h == nil {
		panic("httpapi: nil InteractionHandler")
	}
	s := &interactions{h: h, key: key, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	if s.obs == nil {
		s.obs = nopObserver{}
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	return s
}

type nopObserver struct{}

func (nopObserver) SignatureFailure() {}

// bufPool holds request and response buffers; an interaction request is
// typically 1-3 KiB and a response 1-4 KiB.
var bufPool = sync.Pool{New: func() any { return bytes.NewBuffer(make([]byte, 0, 8<<10)) }}

func getBuf() *bytes.Buffer { b := bufPool.Get().(*bytes.Buffer); b.Reset(); return b }

func putBuf(b *bytes.Buffer) {
	if b.Cap() <= 2*MaxBodyBytes { // do not pin unusually large buffers
		bufPool.Put(b)
	}
}

var (
	pongBody = []byte(`{"type":1}`)
	// Fallbacks when the handler gives nothing usable. Both validate
	// against Discord's interaction callback schema.
	fallbackMessage      = []byte(`{"type":4,"data":{"content":"Sorry, something went wrong answering that. Please try again.","flags":64,"allowed_mentions":{"parse":[]}}}`)
	fallbackAutocomplete = []byte(`{"type":8,"data":{"choices":[]}}`)
)

func (s *interactions) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed: use POST", http.StatusMethodNotAllowed)
		return
	}
	ts := r.Header.Get("X-Signature-Timestamp")
	sig, err := parseHeaders(r.Header.Get("X-Signature-Ed25519"), ts, s.now())
	if err != nil {
		s.unauthorized(w, r, err)
		return
	}
	if r.ContentLength > MaxBodyBytes {
		http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		return
	}

	// The signed message is timestamp+body: read the body straight after
	// the timestamp so that neither is copied.
	buf := getBuf()
	defer putBuf(buf)
	buf.WriteString(ts)
	if r.ContentLength > 0 {
		buf.Grow(int(r.ContentLength) + bytes.MinRead)
	}
	n, err := buf.ReadFrom(io.LimitReader(r.Body, MaxBodyBytes+1))
	if err != nil {
		http.Error(w, "cannot read request body", http.StatusBadRequest)
		return
	}
	if n > MaxBodyBytes {
		// Tell net/http not to drain the rest of a huge body.
		w.Header().Set("Connection", "close")
		http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		return
	}
	msg := buf.Bytes()
	if !ed25519.Verify(s.key, msg, sig[:]) {
		s.unauthorized(w, r, errWrongKey)
		return
	}
	body := msg[len(ts):]

	in, err := modal.Decode(body)
	if err != nil {
		s.log.DebugContext(r.Context(), "interaction body is not an interaction", "err", err)
		http.Error(w, "body is not a Discord interaction: "+err.Error(), http.StatusBadRequest)
		return
	}
	if in.Type == discordgo.InteractionPing {
		writeJSON(w, pongBody)
		return
	}
	s.answer(r.Context(), w, in)
}

func (s *interactions) unauthorized(w http.ResponseWriter, r *http.Request, err error) {
	s.obs.SignatureFailure()
	s.log.DebugContext(r.Context(), "interaction signature rejected", "reason", err.Error(), "remote", r.RemoteAddr)
	http.Error(w, "invalid request signature", http.StatusUnauthorized)
}

// answer calls the handler and writes its response; it never writes an
// error status.
func (s *interactions) answer(ctx context.Context, w http.ResponseWriter, in *discordgo.Interaction) {
	fallback := fallbackMessage
	if in.Type == discordgo.InteractionApplicationCommandAutocomplete {
		fallback = fallbackAutocomplete
	}
	resp := s.call(ctx, in)
	if resp == nil {
		writeJSON(w, fallback)
		return
	}
	out := getBuf()
	defer putBuf(out)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false) // "<", ">" and "&" are common in answers; keep them readable
	if err := enc.Encode(resp); err != nil {
		s.log.ErrorContext(ctx, "cannot encode interaction response", "err", err, "interaction", in.ID)
		writeJSON(w, fallback)
		return
	}
	writeJSON(w, bytes.TrimSuffix(out.Bytes(), []byte("\n")))
}

// call runs the handler, turning a panic into a nil response.
func (s *interactions) call(ctx context.Context, in *discordgo.Interaction) (resp *discordgo.InteractionResponse) {
	defer func() {
		if v := recover(); v != nil {
			s.log.ErrorContext(ctx, "panic in interaction handler",
				"panic", fmt.Sprint(v), "interaction", in.ID, "type", int(in.Type), "stack", string(debug.Stack()))
			resp = nil
		}
	}()
	return s.h.HandleInteraction(ctx, in)
}

func writeJSON(w http.ResponseWriter, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body) // a failed write means the client went away; nothing to do
}
