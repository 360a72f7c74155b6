package platform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

const breakerThreshold = 5
const breakerOpen = 30 * time.Second

// breaker counts failures in a row; with the model's circuit breaker on, it refuses calls
// for breakerOpen after breakerThreshold of them. The HTTP and gRPC clients each keep one.
type breaker struct {
	mu        sync.Mutex
	failures  int
	openUntil time.Time
}

// isOpen tells whether calls are refused now.
func (b *breaker) isOpen(enabled bool) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return enabled && time.Now().Before(b.openUntil)
}

// failed counts one failure.
func (b *breaker) failed(enabled bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.failures++
	if enabled && b.failures >= breakerThreshold {
		b.openUntil = time.Now().Add(breakerOpen)
	}
}

// answered ends a run of failures.
func (b *breaker) answered() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.failures = 0
}

// backoff waits before retry attempt+1: 200 ms, doubling, at most 6.4 s.
func backoff(attempt int) {
	shift := attempt + 1
	if shift > 6 {
		shift = 6
	}
	time.Sleep(time.Duration(100<<uint(shift)) * time.Millisecond)
}

// HTTPClient is what every outgoing client shares: timeout, retries with backoff, a circuit
// breaker, the request id header, and errors mapped to AppError.
type HTTPClient struct {
	Name             string
	Base             string
	Retries          int
	Breaker          bool
	RelayCredentials bool
	HTTP             *http.Client
	breaker
}

// NewHTTPClient makes a client; timeout 0 means none.
func NewHTTPClient(name, base string, timeout time.Duration, retries int, breaker, relay bool) *HTTPClient {
	return &HTTPClient{Name: name, Base: strings.TrimRight(base, "/"), Retries: retries, Breaker: breaker, RelayCredentials: relay, HTTP: &http.Client{Timeout: timeout}}
}

// Send sends a request with an optional JSON body and decodes the JSON answer into out.
func (c *HTTPClient) Send(ctx Ctx, method, path string, body interface{}, out interface{}) error {
	if c.isOpen(c.Breaker) {
		return Err("upstream", c.Name+": circuit open")
	}
	var payload []byte
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return Err("internal", err.Error())
		}
		payload = data
	}
	for attempt := 0; ; attempt++ {
		Log("info", "calling", "request_id", ctx.RequestID, "peer", c.Name, "method", method, "path", path, "attempt", attempt)
		why, err := c.once(ctx, method, path, payload, out)
		if err == nil && why == "" {
			return nil
		}
		if err != nil {
			return err
		}
		c.failed(c.Breaker)
		if attempt >= c.Retries {
			return Err("upstream", c.Name+": "+why)
		}
		backoff(attempt)
	}
}

// graphqlCodes maps the first error of a GraphQL answer to an AppError code, by its
// extensions.code; any other error is an upstream one.
var graphqlCodes = map[string]string{
	"UNAUTHENTICATED":           "unauthorized",
	"FORBIDDEN":                 "forbidden",
	"NOT_FOUND":                 "not_found",
	"BAD_USER_INPUT":            "bad_request",
	"GRAPHQL_PARSE_FAILED":      "bad_request",
	"GRAPHQL_VALIDATION_FAILED": "bad_request",
}

// GraphQL posts one document to /graphql (with this client's timeout, retries and breaker)
// and decodes the answer's data into out (if not nil); an error in the answer comes back as
// an *AppError.
func (c *HTTPClient) GraphQL(ctx Ctx, query string, variables map[string]interface{}, out interface{}) error {
	if variables == nil {
		variables = map[string]interface{}{}
	}
	var answer struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Message    string `json:"message"`
			Extensions struct {
				Code string `json:"code"`
			} `json:"extensions"`
		} `json:"errors"`
	}
	body := map[string]interface{}{"query": query, "variables": variables}
	if err := c.Send(ctx, http.MethodPost, "/graphql", body, &answer); err != nil {
		return err
	}
	if len(answer.Errors) > 0 {
		code, ok := graphqlCodes[answer.Errors[0].Extensions.Code]
		if !ok {
			code = "upstream"
		}
		return Err(code, c.Name+": "+answer.Errors[0].Message)
	}
	if out == nil || len(answer.Data) == 0 {
		return nil
	}
	if err := json.Unmarshal(answer.Data, out); err != nil {
		return Err("upstream", c.Name+": "+err.Error())
	}
	return nil
}

// once makes one attempt: a reason to retry, or a final error, or neither on success.
func (c *HTTPClient) once(ctx Ctx, method, path string, payload []byte, out interface{}) (string, error) {
	var reader io.Reader
	if payload != nil {
		reader = bytes.NewReader(payload)
	}
	req, err := http.NewRequest(method, c.Base+path, reader)
	if err != nil {
		return "", Err("internal", err.Error())
	}
	req.Header.Set(RequestIDHeader, ctx.RequestID)
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.RelayCredentials && ctx.Authorization != "" {
		req.Header.Set("Authorization", ctx.Authorization)
	}
	if c.RelayCredentials && ctx.APIKey != "" {
		req.Header.Set("X-Api-Key", ctx.APIKey)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err.Error(), nil
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 500 {
		return fmt.Sprintf("answered %d", resp.StatusCode), nil
	}
	c.answered()
	if resp.StatusCode >= 400 {
		return "", Err("upstream", fmt.Sprintf("%s: answered %d", c.Name, resp.StatusCode))
	}
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err.Error(), nil
	}
	if out != nil && len(bytes.TrimSpace(data)) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			return "", Err("upstream", c.Name+": unexpected answer: "+err.Error())
		}
	}
	return "", nil
}

// Segment escapes one path segment.
func Segment(value string) string { return url.PathEscape(value) }
