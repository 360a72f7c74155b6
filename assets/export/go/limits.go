package platform

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// RateLimiter is a token bucket per caller (client IP), refilled at PerMinute.
type RateLimiter struct {
	PerMinute float64
	mu        sync.Mutex
	buckets   map[string]bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

// Allow takes one token for caller; false when the bucket is empty.
func (l *RateLimiter) Allow(caller string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.buckets == nil || len(l.buckets) > 100000 {
		l.buckets = map[string]bucket{}
	}
	b, ok := l.buckets[caller]
	if !ok {
		b = bucket{tokens: l.PerMinute, last: now}
	}
	b.tokens += now.Sub(b.last).Seconds() * l.PerMinute / 60
	if b.tokens > l.PerMinute {
		b.tokens = l.PerMinute
	}
	b.last = now
	allowed := b.tokens >= 1
	if allowed {
		b.tokens--
	}
	l.buckets[caller] = b
	return allowed
}

// Limit wraps next with the limiter.
func (l *RateLimiter) Limit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			host = r.RemoteAddr
		}
		if !l.Allow(host, time.Now()) {
			WriteError(w, Err("too_many_requests", "slow down"))
			return
		}
		next.ServeHTTP(w, r)
	})
}
