package bot

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

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
