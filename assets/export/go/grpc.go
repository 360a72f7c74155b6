package platform

// gRPC with the standard library only: unary calls over HTTP/2, which net/http speaks over
// TLS by itself (Go 1.19 has no cleartext HTTP/2), length-prefixed messages, grpc-status and
// grpc-message trailers, and the protobuf wire format the generated messages use.

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/binary"
	"errors"
	"io"
	"math/big"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ErrMalformed is returned for bytes that are not a protobuf message.
var ErrMalformed = errors.New("malformed protobuf message")

// AppendVarint appends v as a base-128 varint.
func AppendVarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// AppendTag appends the key of field num with wire type wt.
func AppendTag(b []byte, num int, wt int) []byte {
	return AppendVarint(b, uint64(num)<<3|uint64(wt))
}

// AppendLen appends field num as length-delimited data.
func AppendLen(b []byte, num int, data []byte) []byte {
	b = AppendTag(b, num, 2)
	b = AppendVarint(b, uint64(len(data)))
	return append(b, data...)
}

// AppendFixed64 appends v as eight little-endian bytes.
func AppendFixed64(b []byte, v uint64) []byte {
	var buf [8]byte
	binary.LittleEndian.PutUint64(buf[:], v)
	return append(b, buf[:]...)
}

// ConsumeVarint reads a varint; n is -1 when b does not hold one.
func ConsumeVarint(b []byte) (v uint64, n int) {
	for i := 0; i < len(b) && i < 10; i++ {
		v |= uint64(b[i]&0x7f) << (7 * uint(i))
		if b[i] < 0x80 {
			return v, i + 1
		}
	}
	return 0, -1
}

// ReadField reads one field: its number and wire type, the value of a varint or fixed field,
// the bytes of a length-delimited one, and how many bytes it took (-1 if malformed).
func ReadField(b []byte) (num int, wt int, value uint64, data []byte, n int) {
	key, k := ConsumeVarint(b)
	if k < 0 || key>>3 == 0 {
		return 0, 0, 0, nil, -1
	}
	num, wt = int(key>>3), int(key&7)
	rest := b[k:]
	switch wt {
	case 0:
		v, m := ConsumeVarint(rest)
		if m < 0 {
			return 0, 0, 0, nil, -1
		}
		return num, wt, v, nil, k + m
	case 1:
		if len(rest) < 8 {
			return 0, 0, 0, nil, -1
		}
		return num, wt, binary.LittleEndian.Uint64(rest), nil, k + 8
	case 2:
		l, m := ConsumeVarint(rest)
		if m < 0 || l > uint64(len(rest)-m) {
			return 0, 0, 0, nil, -1
		}
		return num, wt, 0, rest[m : m+int(l)], k + m + int(l)
	case 5:
		if len(rest) < 4 {
			return 0, 0, 0, nil, -1
		}
		return num, wt, uint64(binary.LittleEndian.Uint32(rest)), nil, k + 4
	}
	return 0, 0, 0, nil, -1
}

// SkipAll checks that b is a sequence of well-formed fields (for messages without fields).
func SkipAll(b []byte) error {
	for len(b) > 0 {
		_, _, _, _, n := ReadField(b)
		if n < 0 {
			return ErrMalformed
		}
		b = b[n:]
	}
	return nil
}

// Varints reads a packed run of varints.
func Varints(data []byte) ([]uint64, error) {
	var out []uint64
	for len(data) > 0 {
		v, n := ConsumeVarint(data)
		if n < 0 {
			return nil, ErrMalformed
		}
		out = append(out, v)
		data = data[n:]
	}
	return out, nil
}

// Fixed64s reads a packed run of eight-byte values.
func Fixed64s(data []byte) ([]uint64, error) {
	if len(data)%8 != 0 {
		return nil, ErrMalformed
	}
	out := make([]uint64, 0, len(data)/8)
	for i := 0; i < len(data); i += 8 {
		out = append(out, binary.LittleEndian.Uint64(data[i:]))
	}
	return out, nil
}

// Frame wraps a message in gRPC's length prefix (uncompressed).
func Frame(message []byte) []byte {
	out := make([]byte, 5, 5+len(message))
	binary.BigEndian.PutUint32(out[1:], uint32(len(message)))
	return append(out, message...)
}

// Unframe reads the first length-prefixed message of a gRPC body.
func Unframe(body []byte) ([]byte, error) {
	if len(body) < 5 {
		return nil, Err("bad_request", "a gRPC message needs its 5-byte prefix")
	}
	if body[0] != 0 {
		return nil, &AppError{Code: "unimplemented", Message: "compressed messages are not supported", Status: http.StatusNotImplemented}
	}
	size := binary.BigEndian.Uint32(body[1:5])
	if uint64(size) > uint64(len(body)-5) {
		return nil, Err("bad_request", "the gRPC message is shorter than its prefix says")
	}
	return body[5 : 5+size], nil
}

// GrpcCodes maps error codes to gRPC status codes.
var GrpcCodes = map[string]int{
	"bad_request":       3,  // INVALID_ARGUMENT
	"unauthorized":      16, // UNAUTHENTICATED
	"forbidden":         7,  // PERMISSION_DENIED
	"not_found":         5,  // NOT_FOUND
	"conflict":          6,  // ALREADY_EXISTS
	"too_many_requests": 8,  // RESOURCE_EXHAUSTED
	"upstream":          14, // UNAVAILABLE
	"unimplemented":     12, // UNIMPLEMENTED
	"internal":          13, // INTERNAL
}

// UnaryFunc serves one RPC: the request message in, the response message out.
type UnaryFunc func(ctx Ctx, r *http.Request, request []byte) ([]byte, error)

// GrpcServer routes unary calls by their path, `/package.Service/Method`.
type GrpcServer struct {
	methods map[string]UnaryFunc
}

// NewGrpcServer makes a server without methods.
func NewGrpcServer() *GrpcServer { return &GrpcServer{methods: map[string]UnaryFunc{}} }

// Handle serves the RPC at path with f.
func (s *GrpcServer) Handle(path string, f UnaryFunc) { s.methods[path] = f }

// ServeHTTP answers one gRPC call: status and message travel in the trailers.
func (s *GrpcServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/grpc")
	w.Header().Set("Trailer", "Grpc-Status, Grpc-Message")
	finish := func(code int, message string) {
		w.Header().Set("Grpc-Status", strconv.Itoa(code))
		w.Header().Set("Grpc-Message", message)
	}
	if r.Method != http.MethodPost || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/grpc") {
		w.WriteHeader(http.StatusUnsupportedMediaType)
		return
	}
	f, ok := s.methods[r.URL.Path]
	if !ok {
		w.WriteHeader(http.StatusOK)
		finish(12, "unknown method "+r.URL.Path)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 16<<20))
	var reply []byte
	if err == nil {
		var request []byte
		request, err = Unframe(body)
		if err == nil {
			reply, err = f(CtxFrom(r), r, request)
		}
	}
	w.WriteHeader(http.StatusOK)
	if err != nil {
		var app *AppError
		if !errors.As(err, &app) {
			app = Err("internal", err.Error())
		}
		code, ok := GrpcCodes[app.Code]
		if !ok {
			code = 13
		}
		if code == 13 {
			Log("error", "request failed", "error", app.Error())
		} else {
			Log("warn", "request refused", "error", app.Error())
		}
		finish(code, app.Message)
		return
	}
	_, _ = w.Write(Frame(reply))
	finish(0, "")
}

// SelfSigned makes a certificate for localhost, for a local run without GRPC_TLS_CERT.
func SelfSigned() (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	now := time.Now()
	template := x509.Certificate{
		SerialNumber: big.NewInt(now.UnixNano()),
		Subject:      pkix.Name{CommonName: "localhost"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(365 * 24 * time.Hour),
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, &template, &template, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}

// ServeGRPC serves handler over TLS and HTTP/2 on addr until done ends; without certFile and
// keyFile it uses a self-signed certificate.
func ServeGRPC(done context.Context, addr, certFile, keyFile string, handler http.Handler) error {
	server := &http.Server{Addr: addr, Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	if certFile == "" || keyFile == "" {
		cert, err := SelfSigned()
		if err != nil {
			return err
		}
		server.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		Log("warn", "gRPC uses a self-signed certificate; set GRPC_TLS_CERT and GRPC_TLS_KEY")
		certFile, keyFile = "", ""
	}
	go func() {
		<-done.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = server.Shutdown(shutdown)
	}()
	if err := server.ListenAndServeTLS(certFile, keyFile); err != nil && err != http.ErrServerClosed {
		return err
	}
	return nil
}
