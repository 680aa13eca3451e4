package discordfake

import (
	"context"
	"net/http"
	"strings"
	"time"
)

// Request is one REST request the fake received.
type Request struct {
	Method string
	// Path is the request path below the API root, e.g. "/channels/1/messages"
	// for "/api/v9/channels/1/messages".
	Path     string
	RawQuery string
	Header   http.Header
	// Body is the raw request body.
	Body []byte
	// JSON is the JSON payload: Body itself, or the "payload_json" part of
	// a multipart body (messages with files). Empty when there is none.
	JSON []byte
	Time time.Time
	// Status is the HTTP status the fake answered with.
	Status int
}

// Matches reports whether r is method on a path matching pattern; see
// MatchRoute.
func (r Request) Matches(method, pattern string) bool {
	return (method == "" || method == "*" || strings.EqualFold(method, r.Method)) && pathMatches(pattern, r.Path)
}

// MatchRoute returns a predicate for WaitForRequest that matches method
// ("" or "*" for any) on a path pattern. In a pattern a segment in braces
// ("{id}" or "{}") or "*" matches any one segment; other segments must be
// equal. "/interactions/{}/{}/callback" matches every interaction callback.
func MatchRoute(method, pattern string) func(Request) bool {
	return func(r Request) bool { return r.Matches(method, pattern) }
}

func pathMatches(pattern, path string) bool {
	ps, xs := splitSegments(pattern), splitSegments(path)
	if len(ps) != len(xs) {
		return false
	}
	for i, p := range ps {
		if p == "*" || (strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}")) {
			continue
		}
		if p != xs[i] {
			return false
		}
	}
	return true
}

func splitSegments(p string) []string {
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// Requests returns a copy of every REST request received so far, oldest
// first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// RequestsMatching returns the recorded requests for method on pattern (see
// MatchRoute).
func (s *Server) RequestsMatching(method, pattern string) []Request {
	var out []Request
	for _, r := range s.Requests() {
		if r.Matches(method, pattern) {
			out = append(out, r)
		}
	}
	return out
}

// WaitForRequest returns the first recorded request, past or future, for
// which match is true, once the fake has answered it.
func (s *Server) WaitForRequest(ctx context.Context, match func(Request) bool) (Request, error) {
	var found Request
	err := s.wait(ctx, "request", func() bool {
		for _, r := range s.requests {
			if match(r) {
				found = r
				return true
			}
		}
		return false
	})
	return found, err
}

// WaitForRequests waits until n recorded requests match and returns them.
func (s *Server) WaitForRequests(ctx context.Context, n int, match func(Request) bool) ([]Request, error) {
	var found []Request
	err := s.wait(ctx, "requests", func() bool {
		found = found[:0]
		for _, r := range s.requests {
			if match(r) {
				found = append(found, r)
			}
		}
		return len(found) >= n
	})
	return found, err
}

// SchemaErrors returns the schema validation failures seen so far (only with
// the ValidateBodies option).
func (s *Server) SchemaErrors() []error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]error(nil), s.schemaErrs...)
}

func (s *Server) record(r Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, r)
	s.notifyLocked()
}
