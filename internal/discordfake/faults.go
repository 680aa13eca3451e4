package discordfake

import (
	"hash/fnv"
	"net/http"
	"strconv"
	"time"
)

// What discordgo v0.29.0 does with failures (restapi.go,
// RequestWithLockedBucket), which these faults let tests observe:
//
//   - 429: it sleeps retry_after (seconds, from the JSON body; the
//     Retry-After header is ignored) and sends the request again, with no
//     limit on the number of retries, when Session.ShouldRetryOnRateLimit
//     is true (the default). Before the retry the bucket also waits for
//     X-RateLimit-Reset-After if X-RateLimit-Remaining was 0. With
//     ShouldRetryOnRateLimit false it returns *discordgo.RateLimitError.
//   - 502: it retries at once, up to Session.MaxRestRetries (default 3)
//     times, so at most 4 attempts; then it returns an error.
//   - Any other 5xx (500, 503, 504): no retry; *discordgo.RESTError.

// fault answers the next n requests matching method and pattern.
type fault struct {
	method, pattern string
	n               int
	status          int
	retryAfter      float64
	global          bool
}

// FailNext makes the next n requests for method ("" for any) on a path
// matching pattern (see MatchRoute) fail with status. For 429 the reply is
// Discord's rate-limit body with retry_after seconds and the X-RateLimit-*
// and Retry-After headers; for other statuses a Discord-style JSON error.
// Failed requests are recorded like any other.
func (s *Server) FailNext(method, pattern string, n, status int, retryAfter float64) {
	s.addFault(&fault{method: method, pattern: pattern, n: n, status: status, retryAfter: retryAfter})
}

// RateLimitGlobal is FailNext with 429 and a global rate limit, as Discord
// sends it: X-RateLimit-Global: true, scope global, "global": true and
// Retry-After, without the route bucket's headers (which discordgo would
// need to pause its other buckets).
func (s *Server) RateLimitGlobal(method, pattern string, n int, retryAfter float64) {
	s.addFault(&fault{method: method, pattern: pattern, n: n, status: http.StatusTooManyRequests, retryAfter: retryAfter, global: true})
}

func (s *Server) addFault(f *fault) {
	if f.n <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, f)
}

// takeFault consumes the first fault matching req, if any.
func (s *Server) takeFault(req *Request) (reply, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if !req.Matches(f.method, f.pattern) {
			continue
		}
		f.n--
		if f.n == 0 {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		return f.reply(req.Path), true
	}
	return reply{}, false
}

func (f *fault) reply(path string) reply {
	if f.status != http.StatusTooManyRequests {
		return errorReply(f.status, 0, strconv.Itoa(f.status)+": "+http.StatusText(f.status))
	}
	rep := jsonReply(f.status, map[string]any{
		"message":     "You are being rate limited.",
		"retry_after": f.retryAfter,
		"global":      f.global,
	})
	after := strconv.FormatFloat(f.retryAfter, 'f', 3, 64)
	reset := float64(time.Now().UnixMilli())/1000 + f.retryAfter
	h := rep.header
	h.Set("Retry-After", strconv.Itoa(int(f.retryAfter+0.999))) // whole seconds, rounded up
	if f.global {
		// The global limit is not the route's bucket: Discord sends none
		// of the bucket's headers with it.
		h.Set("X-RateLimit-Global", "true")
		h.Set("X-RateLimit-Scope", "global")
		return rep
	}
	h.Set("X-RateLimit-Limit", "5")
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset", strconv.FormatFloat(reset, 'f', 3, 64))
	h.Set("X-RateLimit-Reset-After", after)
	bucket := fnv.New32a()
	bucket.Write([]byte(path))
	h.Set("X-RateLimit-Bucket", strconv.FormatUint(uint64(bucket.Sum32()), 16))
	h.Set("X-RateLimit-Scope", "user")
	return rep
}
