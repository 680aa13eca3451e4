package bot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// discordAPIPrefix is the path prefix of every REST URL discordgo builds
// ("https://discord.com/api/v9/...").
var discordAPIPrefix = "/api/v" + discordgo.APIVersion

// APIBaseTransport returns a RoundTripper that sends every request to base
// instead of Discord: scheme and host become base's, and the "/api/v9"
// prefix of discordgo's paths becomes base's path. base is the REST root
// including any version, e.g. "http://127.0.0.1:8080/api/v9", so
// "https://discord.com/api/v9/gateway" goes to
// "http://127.0.0.1:8080/api/v9/gateway". It leaves discordgo's package
// variables alone, so sessions in one process can point at different
// bases. next nil means http.DefaultTransport.
func APIBaseTransport(base string, next http.RoundTripper) (http.RoundTripper, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("api base %q: %w", base, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("api base %q: want an http or https URL with a host, e.g. http://127.0.0.1:8080/api/v9", base)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, fmt.Errorf("api base %q: want no query, fragment or user info", base)
	}
	if next == nil {
		next = http.DefaultTransport
	}
	return &baseTransport{
		scheme: u.Scheme,
		host:   u.Host,
		path:   strings.TrimSuffix(u.EscapedPath(), "/"),
		next:   next,
	}, nil
}

type baseTransport struct {
	scheme, host, path string // path escaped, without a trailing slash
	next               http.RoundTripper
}

func (t *baseTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	// A RoundTripper must not modify the caller's request.
	r := req.Clone(req.Context())
	u := *req.URL
	u.Scheme, u.Host = t.scheme, t.host
	rest := u.EscapedPath()
	if p, ok := strings.CutPrefix(rest, discordAPIPrefix); ok && (p == "" || p[0] == '/') {
		rest = p
	}
	raw := t.path + rest
	path, err := url.PathUnescape(raw)
	if err != nil {
		return nil, fmt.Errorf("rewrite %s: %w", req.URL.Redacted(), err)
	}
	u.Path, u.RawPath = path, raw
	r.URL = &u
	r.Host = "" // the Host header follows the new URL
	return t.next.RoundTrip(r)
}

// globalLimit holds back every REST request while Discord's global rate
// limit is in force. discordgo honours a global 429 only when it carries a
// bucket's X-RateLimit-Reset-After, which Discord's global 429s do not, so
// it would pause just the request that got it while every other request
// ran into the limit too. Interaction callbacks are not under the global
// limit, and go on.
type globalLimit struct {
	next http.RoundTripper
	now  func() time.Time

	mu    sync.Mutex
	until time.Time
}

func (g *globalLimit) RoundTrip(req *http.Request) (*http.Response, error) {
	if !isCallback(req.URL.Path) {
		g.mu.Lock()
		wait := g.until.Sub(g.now())
		g.mu.Unlock()
		if wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-req.Context().Done():
				t.Stop()
				return nil, req.Context().Err()
			case <-t.C:
			}
		}
	}
	res, err := g.next.RoundTrip(req)
	if err != nil || res.StatusCode != http.StatusTooManyRequests {
		return res, err
	}
	global := res.Header.Get("X-RateLimit-Global") == "true" || res.Header.Get("X-RateLimit-Scope") == "global"
	body, rerr := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	res.Body.Close()
	res.Body = io.NopCloser(bytes.NewReader(body))
	if rerr != nil {
		return res, nil
	}
	rl := parseRateLimit(body)
	if !global && !rl.Global {
		return res, nil
	}
	after := rl.after()
	if s, err := strconv.ParseFloat(res.Header.Get("Retry-After"), 64); err == nil && after == 0 {
		after = time.Duration(s * float64(time.Second))
	}
	g.mu.Lock()
	if until := g.now().Add(after); until.After(g.until) {
		g.until = until
	}
	g.mu.Unlock()
	return res, nil
}

// rateLimit is the body of Discord's 429.
type rateLimit struct {
	Global     bool    `json:"global"`
	RetryAfter float64 `json:"retry_after"` // seconds
}

// parseRateLimit decodes a 429's body; what it cannot read is zero.
func parseRateLimit(body []byte) rateLimit {
	var rl rateLimit
	_ = json.Unmarshal(body, &rl)
	return rl
}

// after is how long the 429 asks to wait.
func (rl rateLimit) after() time.Duration {
	return time.Duration(rl.RetryAfter * float64(time.Second))
}

// isCallback reports an interaction callback path.
func isCallback(path string) bool {
	return strings.Contains(path, "/interactions/") && strings.HasSuffix(path, "/callback")
}
