package bot

import (
	"sync"
	"time"
)

// limiter is a per-user sliding-window counter: at most n events per window.
// Memory is bounded by the users active in the last window or two: a sweep
// at most once per window drops users whose newest event has aged out.
type limiter struct {
	n      int
	window time.Duration

	mu        sync.Mutex
	users     map[string]*userWindow
	lastSweep time.Time
}

type userWindow struct {
	times    []time.Time // ascending, at most n, all within the window
	notified bool        // told about the limit since last allowed
}

func newLimiter(n int, window time.Duration) *limiter {
	return &limiter{n: n, window: window, users: make(map[string]*userWindow)}
}

// allow records an event for user at now if the user is under the limit.
// When refused, retry is how long until a slot frees and first reports
// whether this is the first refusal since the user was last allowed.
func (l *limiter) allow(user string, now time.Time) (ok bool, retry time.Duration, first bool) {
	if l.n < 0 {
		return true, 0, false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.lastSweep) >= l.window {
		l.sweep(now)
	}
	u := l.users[user]
	if u == nil {
		u = &userWindow{}
		l.users[user] = u
	}
	cutoff := now.Add(-l.window)
	keep := 0
	for keep < len(u.times) && !u.times[keep].After(cutoff) {
		keep++
	}
	u.times = u.times[keep:]
	if len(u.times) >= l.n {
		first = !u.notified
		u.notified = true
		return false, u.times[0].Add(l.window).Sub(now), first
	}
	u.times = append(u.times, now)
	u.notified = false
	return true, 0, false
}

func (l *limiter) sweep(now time.Time) {
	cutoff := now.Add(-l.window)
	for id, u := range l.users {
		if len(u.times) == 0 || !u.times[len(u.times)-1].After(cutoff) {
			delete(l.users, id)
		}
	}
	l.lastSweep = now
}

// size reports how many users are tracked, for tests.
func (l *limiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.users)
}
