package platform

// An in-process hub: what is published reaches every subscriber listening at that moment.
// The service layer keeps one per GraphQL subscription; the subscription streams from it.

import "sync"

// Hub fans published values out to its subscribers; its zero value is ready to use.
type Hub[T any] struct {
	mu   sync.Mutex
	subs map[chan T]struct{}
}

// Publish sends v to every current subscriber. A subscriber whose buffer is full misses it
// rather than holding up the others.
func (h *Hub[T]) Publish(v T) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		select {
		case ch <- v:
		default:
			Log("warn", "a subscriber is too slow; value dropped")
		}
	}
}

// Subscribe returns the values published from now on, and the function that stops them
// (it closes the channel).
func (h *Hub[T]) Subscribe() (<-chan T, func()) {
	ch := make(chan T, 64)
	h.mu.Lock()
	if h.subs == nil {
		h.subs = map[chan T]struct{}{}
	}
	h.subs[ch] = struct{}{}
	h.mu.Unlock()
	stop := func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		if _, ok := h.subs[ch]; ok {
			delete(h.subs, ch)
			close(ch)
		}
	}
	return ch, stop
}

// Len is how many subscribers listen now.
func (h *Hub[T]) Len() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}
