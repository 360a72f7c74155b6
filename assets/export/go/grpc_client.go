package platform

// The gRPC client: unary calls over TLS and HTTP/2, which net/http speaks by itself when the
// transport is told to (Go 1.19 has no cleartext HTTP/2, so an http:// address is refused
// with the reason instead of hanging). Timeout, retries and circuit breaker as HTTPClient's.

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// Message is a generated protobuf message (internal/pb).
type Message interface {
	Marshal() []byte
	Unmarshal(b []byte) error
}

// Recode copies from into to through the wire format: the same message of two contracts
// (a forwarded request or answer), whose Go types differ.
func Recode(from, to Message) error {
	if err := to.Unmarshal(from.Marshal()); err != nil {
		return Err("internal", "converting the message: "+err.Error())
	}
	return nil
}

// grpcErrors maps gRPC status codes to error codes; the others (UNKNOWN, INTERNAL, ...) are
// an upstream failure.
var grpcErrors = map[int]string{
	3:  "bad_request",       // INVALID_ARGUMENT
	5:  "not_found",         // NOT_FOUND
	6:  "conflict",          // ALREADY_EXISTS
	7:  "forbidden",         // PERMISSION_DENIED
	8:  "too_many_requests", // RESOURCE_EXHAUSTED
	9:  "bad_request",       // FAILED_PRECONDITION
	11: "bad_request",       // OUT_OF_RANGE
	12: "unimplemented",     // UNIMPLEMENTED
	16: "unauthorized",      // UNAUTHENTICATED
}

// GrpcClient calls the unary RPCs of one gRPC server.
type GrpcClient struct {
	Name             string
	Base             string
	Timeout          time.Duration
	Retries          int
	Breaker          bool
	RelayCredentials bool
	HTTP             *http.Client
	// refusal is why every call fails without trying (an address Go cannot call).
	refusal string
	breaker
}

// NewGrpcClient makes a client for base (https://host:port, read from variable), trusting
// the PEM certificates in caFile (read from caVariable) or, without one, any certificate
// (with a warning: the generated Go servers make a self-signed one). timeout 0 means none.
func NewGrpcClient(name, variable, base, caVariable, caFile string, timeout time.Duration, retries int, breaker, relay bool) *GrpcClient {
	c := &GrpcClient{Name: name, Base: strings.TrimRight(base, "/"), Timeout: timeout, Retries: retries, Breaker: breaker, RelayCredentials: relay}
	u, err := url.Parse(base)
	switch {
	case err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https"):
		c.refusal = fmt.Sprintf("%s=%q is not a gRPC address; set it to https://host:port", variable, base)
	case u.Scheme == "http":
		c.refusal = fmt.Sprintf("%s=%s is a cleartext HTTP/2 address, which Go's standard library cannot call (gRPC over TLS only); serve %s over TLS and set %s to its https:// address", variable, base, name, variable)
	}
	config := &tls.Config{MinVersion: tls.VersionTLS12}
	if c.refusal == "" && caFile != "" {
		pool := x509.NewCertPool()
		pem, err := os.ReadFile(caFile)
		switch {
		case err != nil:
			c.refusal = fmt.Sprintf("%s: %s", caVariable, err.Error())
		case !pool.AppendCertsFromPEM(pem):
			c.refusal = fmt.Sprintf("%s=%s holds no PEM certificate", caVariable, caFile)
		}
		config.RootCAs = pool
	} else if c.refusal == "" {
		config.InsecureSkipVerify = true
		Log("warn", "gRPC client accepts any server certificate; set "+caVariable+" to a PEM file to verify it", "peer", name)
	}
	if c.refusal != "" {
		Log("error", "gRPC client cannot call its server", "peer", name, "error", c.refusal)
	}
	c.HTTP = &http.Client{Timeout: timeout, Transport: &http.Transport{TLSClientConfig: config, ForceAttemptHTTP2: true, MaxIdleConnsPerHost: 4, IdleConnTimeout: 90 * time.Second}}
	return c
}

// Invoke calls RPC method (/package.Service/Method) with in and decodes the answer into out.
func (c *GrpcClient) Invoke(ctx Ctx, method string, in, out Message) error {
	if c.refusal != "" {
		return Err("upstream", c.Name+": "+c.refusal)
	}
	if c.isOpen(c.Breaker) {
		return Err("upstream", c.Name+": circuit open")
	}
	payload := Frame(in.Marshal())
	for attempt := 0; ; attempt++ {
		Log("info", "calling", "request_id", ctx.RequestID, "peer", c.Name, "rpc", method, "attempt", attempt)
		why, err := c.once(ctx, method, payload, out)
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

// once makes one attempt: a reason to retry (no answer, UNAVAILABLE, DEADLINE_EXCEEDED), or
// a final error, or neither on success.
func (c *GrpcClient) once(ctx Ctx, method string, payload []byte, out Message) (string, error) {
	req, err := http.NewRequest(http.MethodPost, c.Base+method, bytes.NewReader(payload))
	if err != nil {
		return "", Err("internal", err.Error())
	}
	req.Header.Set("Content-Type", "application/grpc")
	req.Header.Set("Te", "trailers")
	if c.Timeout > 0 {
		req.Header.Set("Grpc-Timeout", strconv.FormatInt(c.Timeout.Milliseconds(), 10)+"m")
	}
	req.Header.Set(RequestIDHeader, ctx.RequestID)
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
	body, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return err.Error(), nil
	}
	// The status is in the trailers, or in the headers of a trailers-only answer.
	status, message := resp.Trailer.Get("Grpc-Status"), resp.Trailer.Get("Grpc-Message")
	if status == "" {
		status, message = resp.Header.Get("Grpc-Status"), resp.Header.Get("Grpc-Message")
	}
	if status == "" {
		if resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests {
			return fmt.Sprintf("answered %d", resp.StatusCode), nil
		}
		return "", Err("upstream", fmt.Sprintf("%s: answered %d without a gRPC status", c.Name, resp.StatusCode))
	}
	if decoded, err := url.PathUnescape(message); err == nil {
		message = decoded
	}
	code, err := strconv.Atoi(status)
	if err != nil {
		return "", Err("upstream", c.Name+": grpc-status "+strconv.Quote(status))
	}
	switch code {
	case 0:
	case 4, 14: // DEADLINE_EXCEEDED, UNAVAILABLE: worth another try
		return fmt.Sprintf("grpc-status %d: %s", code, message), nil
	default:
		c.answered()
		kind, ok := grpcErrors[code]
		if !ok {
			kind = "upstream"
		}
		return "", Err(kind, fmt.Sprintf("%s: %s (grpc-status %d)", c.Name, message, code))
	}
	c.answered()
	data, err := Unframe(body)
	if err != nil {
		return "", Err("upstream", c.Name+": unexpected answer: "+err.Error())
	}
	if err := out.Unmarshal(data); err != nil {
		return "", Err("upstream", c.Name+": unexpected answer: "+err.Error())
	}
	return "", nil
}
