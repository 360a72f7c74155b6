package platform

// The gRPC client against the gRPC server of this package, over TLS and HTTP/2.

import (
	"encoding/pem"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// text is a message with one string field, as the generated ones encode it.
type text struct{ Value string }

func (m *text) Marshal() []byte {
	if m.Value == "" {
		return nil
	}
	return AppendLen(nil, 1, []byte(m.Value))
}

func (m *text) Unmarshal(b []byte) error {
	for len(b) > 0 {
		num, wt, _, data, n := ReadField(b)
		if n < 0 {
			return ErrMalformed
		}
		b = b[n:]
		if num == 1 && wt == 2 {
			m.Value = string(data)
		}
	}
	return nil
}

// grpcTestServer serves /t.S/Echo (the request's text, id and key), /t.S/Missing
// (NOT_FOUND), /t.S/Down (UNAVAILABLE) and /t.S/Slow (answers after 300 ms); calls counts them.
func grpcTestServer(t *testing.T, calls *int32) *httptest.Server {
	t.Helper()
	s := NewGrpcServer()
	s.Handle("/t.S/Echo", func(ctx Ctx, r *http.Request, body []byte) ([]byte, error) {
		atomic.AddInt32(calls, 1)
		var in text
		if err := in.Unmarshal(body); err != nil {
			return nil, err
		}
		if r.Header.Get("Grpc-Timeout") == "" || r.ProtoMajor != 2 {
			return nil, Err("bad_request", "no grpc-timeout or not HTTP/2")
		}
		reply := text{Value: in.Value + " " + ctx.RequestID + " " + ctx.APIKey}
		return reply.Marshal(), nil
	})
	s.Handle("/t.S/Missing", func(Ctx, *http.Request, []byte) ([]byte, error) {
		atomic.AddInt32(calls, 1)
		return nil, Err("not_found", "no such book")
	})
	s.Handle("/t.S/Down", func(Ctx, *http.Request, []byte) ([]byte, error) {
		atomic.AddInt32(calls, 1)
		return nil, Err("upstream", "down")
	})
	s.Handle("/t.S/Slow", func(Ctx, *http.Request, []byte) ([]byte, error) {
		atomic.AddInt32(calls, 1)
		time.Sleep(300 * time.Millisecond)
		return nil, nil
	})
	srv := httptest.NewUnstartedServer(s)
	srv.EnableHTTP2 = true
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

func TestGrpcClientCallsOverTLSWithRequestIDAndCredentials(t *testing.T) {
	var calls int32
	srv := grpcTestServer(t, &calls)
	ctx := Ctx{RequestID: "req-1", APIKey: "key-1"}
	unverified := NewGrpcClient("peer", "PEER_GRPC_URL", srv.URL, "PEER_GRPC_CA", "", 2*time.Second, 0, false, true)
	var out text
	if err := unverified.Invoke(ctx, "/t.S/Echo", &text{Value: "hello"}, &out); err != nil {
		t.Fatal(err)
	}
	if out.Value != "hello req-1 key-1" {
		t.Fatalf("answered %q", out.Value)
	}
	// With the server's certificate as the CA file, the certificate is verified.
	ca := filepath.Join(t.TempDir(), "ca.pem")
	block := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(ca, block, 0o600); err != nil {
		t.Fatal(err)
	}
	verified := NewGrpcClient("peer", "PEER_GRPC_URL", srv.URL, "PEER_GRPC_CA", ca, 2*time.Second, 0, false, false)
	out = text{}
	if err := verified.Invoke(ctx, "/t.S/Echo", &text{Value: "hi"}, &out); err != nil {
		t.Fatal(err)
	}
	if out.Value != "hi req-1 " {
		t.Fatalf("credentials relayed to a client that must not relay them: %q", out.Value)
	}
	// A CA file that does not hold the server's certificate refuses the server.
	other := filepath.Join(t.TempDir(), "other.pem")
	cert, err := SelfSigned()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(other, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Certificate[0]}), 0o600); err != nil {
		t.Fatal(err)
	}
	stranger := NewGrpcClient("peer", "PEER_GRPC_URL", srv.URL, "PEER_GRPC_CA", other, 2*time.Second, 0, false, false)
	if err := stranger.Invoke(ctx, "/t.S/Echo", &text{}, &out); err == nil {
		t.Fatal("a server outside the CA file was trusted")
	}
}

func TestGrpcClientMapsStatusesAndRetriesOnlyUnavailable(t *testing.T) {
	var calls int32
	srv := grpcTestServer(t, &calls)
	c := NewGrpcClient("peer", "PEER_GRPC_URL", srv.URL, "PEER_GRPC_CA", "", 2*time.Second, 1, false, true)
	var out text
	var app *AppError
	err := c.Invoke(Ctx{RequestID: "r"}, "/t.S/Missing", &text{}, &out)
	if !errors.As(err, &app) || app.Code != "not_found" || !strings.Contains(app.Message, "no such book") {
		t.Fatalf("NOT_FOUND answered %v", err)
	}
	if n := atomic.LoadInt32(&calls); n != 1 {
		t.Fatalf("NOT_FOUND was tried %d times", n)
	}
	atomic.StoreInt32(&calls, 0)
	err = c.Invoke(Ctx{RequestID: "r"}, "/t.S/Down", &text{}, &out)
	if !errors.As(err, &app) || app.Code != "upstream" {
		t.Fatalf("UNAVAILABLE answered %v", err)
	}
	if n := atomic.LoadInt32(&calls); n != 2 {
		t.Fatalf("UNAVAILABLE with one retry was tried %d times", n)
	}
	err = c.Invoke(Ctx{RequestID: "r"}, "/t.S/Nothing", &text{}, &out)
	if !errors.As(err, &app) || app.Code != "unimplemented" {
		t.Fatalf("an unknown method answered %v", err)
	}
}

func TestGrpcClientGivesUpAtItsDeadline(t *testing.T) {
	var calls int32
	srv := grpcTestServer(t, &calls)
	c := NewGrpcClient("peer", "PEER_GRPC_URL", srv.URL, "PEER_GRPC_CA", "", 50*time.Millisecond, 0, false, true)
	var app *AppError
	if err := c.Invoke(Ctx{RequestID: "r"}, "/t.S/Slow", &text{}, &text{}); !errors.As(err, &app) || app.Code != "upstream" {
		t.Fatalf("a call past its deadline answered %v", err)
	}
}

func TestGrpcClientOpensItsBreaker(t *testing.T) {
	var calls int32
	srv := grpcTestServer(t, &calls)
	c := NewGrpcClient("peer", "PEER_GRPC_URL", srv.URL, "PEER_GRPC_CA", "", 2*time.Second, 0, true, true)
	for i := 0; i < breakerThreshold; i++ {
		_ = c.Invoke(Ctx{RequestID: "r"}, "/t.S/Down", &text{}, &text{})
	}
	err := c.Invoke(Ctx{RequestID: "r"}, "/t.S/Down", &text{}, &text{})
	if err == nil || !strings.Contains(err.Error(), "circuit open") {
		t.Fatalf("after %d failures the call answered %v", breakerThreshold, err)
	}
	if n := atomic.LoadInt32(&calls); n != breakerThreshold {
		t.Fatalf("the open breaker let a call through (%d calls)", n)
	}
}

func TestGrpcClientRefusesCleartextAddressesAndSaysWhy(t *testing.T) {
	c := NewGrpcClient("stock", "STOCK_GRPC_URL", "http://127.0.0.1:1", "STOCK_GRPC_CA", "", time.Second, 3, false, true)
	err := c.Invoke(Ctx{RequestID: "r"}, "/t.S/Echo", &text{}, &text{})
	if err == nil || !strings.Contains(err.Error(), "STOCK_GRPC_URL") || !strings.Contains(err.Error(), "https://") {
		t.Fatalf("a cleartext address answered %v", err)
	}
	bad := NewGrpcClient("stock", "STOCK_GRPC_URL", "stock:19502", "STOCK_GRPC_CA", "", time.Second, 3, false, true)
	if err := bad.Invoke(Ctx{RequestID: "r"}, "/t.S/Echo", &text{}, &text{}); err == nil || !strings.Contains(err.Error(), "not a gRPC address") {
		t.Fatalf("an address without a scheme answered %v", err)
	}
}
