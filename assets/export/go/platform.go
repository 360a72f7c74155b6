// Package platform holds what every generated Go service shares: errors mapped to HTTP
// statuses, JSON logs, the request context, a small router with path parameters, the HTTP
// client core (timeout, retries, circuit breaker), authentication, rate limiting, and
// messaging. Standard library only (Go 1.19).
package platform

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"
)

// AppError is everything a request can fail with; Status is the HTTP status it maps to.
type AppError struct {
	Code    string
	Message string
	Status  int
}

func (e *AppError) Error() string { return e.Code + ": " + e.Message }

var statuses = map[string]int{
	"bad_request":       http.StatusBadRequest,
	"unauthorized":      http.StatusUnauthorized,
	"forbidden":         http.StatusForbidden,
	"not_found":         http.StatusNotFound,
	"conflict":          http.StatusConflict,
	"too_many_requests": http.StatusTooManyRequests,
	"upstream":          http.StatusBadGateway,
	"internal":          http.StatusInternalServerError,
}

// Err makes an AppError.
func Err(code, message string) *AppError {
	status, ok := statuses[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	return &AppError{Code: code, Message: message, Status: status}
}

var logMu sync.Mutex
var logLevel = 1

// SetLogLevel sets the lowest level written: debug, info, warn or error.
func SetLogLevel(level string) {
	switch strings.ToLower(level) {
	case "debug":
		logLevel = 0
	case "warn", "warning":
		logLevel = 2
	case "error":
		logLevel = 3
	default:
		logLevel = 1
	}
}

// Log writes one JSON line: timestamp, level, message and the given key/value pairs.
func Log(level, message string, kv ...interface{}) {
	rank := map[string]int{"debug": 0, "info": 1, "warn": 2, "error": 3}[level]
	if rank < logLevel {
		return
	}
	line := map[string]interface{}{"timestamp": time.Now().UTC().Format(time.RFC3339Nano), "level": level, "message": message}
	for i := 0; i+1 < len(kv); i += 2 {
		if key, ok := kv[i].(string); ok {
			line[key] = kv[i+1]
		}
	}
	data, err := json.Marshal(line)
	if err != nil {
		return
	}
	logMu.Lock()
	defer logMu.Unlock()
	fmt.Fprintln(os.Stdout, string(data))
}

// RequestIDHeader carries the request id from service to service.
const RequestIDHeader = "X-Request-Id"

// Ctx is what travels with one request: its id and the caller's credentials (relayed to our
// own services, never to external systems).
type Ctx struct {
	RequestID     string
	Authorization string
	APIKey        string
}

func newID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return fmt.Sprintf("%x", time.Now().UnixNano())
	}
	return hex.EncodeToString(b)
}

// CtxFrom reads the context of a request.
func CtxFrom(r *http.Request) Ctx {
	id := r.Header.Get(RequestIDHeader)
	if id == "" || len(id) > 128 {
		id = newID()
	}
	return Ctx{RequestID: id, Authorization: r.Header.Get("Authorization"), APIKey: r.Header.Get("X-Api-Key")}
}

// BackgroundCtx is a context for work no request started.
func BackgroundCtx() Ctx { return Ctx{RequestID: newID()} }

// WriteJSON answers with status and a JSON body.
func WriteJSON(w http.ResponseWriter, status int, body interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if status != http.StatusNoContent {
		_ = json.NewEncoder(w).Encode(body)
	}
}

// WriteError answers with the status of err and a JSON error body.
func WriteError(w http.ResponseWriter, err error) {
	var app *AppError
	if !errors.As(err, &app) {
		app = Err("internal", err.Error())
	}
	if app.Status >= 500 {
		Log("error", "request failed", "error", app.Error())
	} else {
		Log("warn", "request refused", "error", app.Error())
	}
	WriteJSON(w, app.Status, map[string]string{"error": app.Code, "message": app.Message})
}

// DecodeJSON reads a JSON request body into v; a bad body is a bad request.
func DecodeJSON(r *http.Request, v interface{}) error {
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		return Err("bad_request", "invalid JSON body: "+err.Error())
	}
	return nil
}

// Convert turns one JSON-compatible value into another type (a forwarded answer).
func Convert(from interface{}, to interface{}) error {
	data, err := json.Marshal(from)
	if err != nil {
		return Err("upstream", err.Error())
	}
	if err := json.Unmarshal(data, to); err != nil {
		return Err("upstream", "unexpected response shape: "+err.Error())
	}
	return nil
}

type paramsKey struct{}

// Param is the value of path parameter name.
func Param(r *http.Request, name string) string {
	params, _ := r.Context().Value(paramsKey{}).(map[string]string)
	return params[name]
}

type route struct {
	method   string
	segments []string
	handler  http.Handler
}

// Router matches method and path, with {name} placeholders.
type Router struct {
	routes []route
}

// Handle adds a route.
func (rt *Router) Handle(method, pattern string, handler http.Handler) {
	rt.routes = append(rt.routes, route{method: method, segments: split(pattern), handler: handler})
}

func split(path string) []string {
	trimmed := strings.Trim(path, "/")
	if trimmed == "" {
		return nil
	}
	return strings.Split(trimmed, "/")
}

func (rt *Router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	parts := split(r.URL.Path)
	pathMatched := false
	var best *route
	var bestParams map[string]string
	bestLiterals := -1
	for i := range rt.routes {
		candidate := &rt.routes[i]
		params, literals, ok := match(candidate.segments, parts)
		if !ok {
			continue
		}
		pathMatched = true
		if candidate.method == r.Method && literals > bestLiterals {
			best, bestParams, bestLiterals = candidate, params, literals
		}
	}
	if best == nil {
		if pathMatched {
			WriteError(w, &AppError{Code: "method_not_allowed", Message: "method not allowed", Status: http.StatusMethodNotAllowed})
		} else {
			WriteError(w, Err("not_found", "no such route"))
		}
		return
	}
	best.handler.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), paramsKey{}, bestParams)))
}

func match(pattern, parts []string) (map[string]string, int, bool) {
	if len(pattern) != len(parts) {
		return nil, 0, false
	}
	params := map[string]string{}
	literals := 0
	for i, p := range pattern {
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			params[p[1:len(p)-1]] = parts[i]
			continue
		}
		if p != parts[i] {
			return nil, 0, false
		}
		literals++
	}
	return params, literals, true
}
