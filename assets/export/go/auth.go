package platform

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// Authentication for the endpoints that require it. JWT and OAuth 2 access tokens:
// "Authorization: Bearer <token>", HS256-signed with the key in JWT_SECRET, exp checked. API
// keys: "X-API-Key", one of the comma-separated API_KEYS. mTLS: the TLS-terminating proxy
// verifies the client certificate and sets "X-Client-Verify: SUCCESS". Secrets come only from
// the environment.

// SignJWT signs claims as an HS256 JWT (for tests and tools).
func SignJWT(claims map[string]interface{}, secret string) string {
	header := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	body, _ := json.Marshal(claims)
	payload := base64.RawURLEncoding.EncodeToString(body)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(header + "." + payload))
	return header + "." + payload + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// VerifyJWT checks an HS256 JWT's signature and expiry and returns its claims.
func VerifyJWT(token, secret string, now time.Time) (map[string]interface{}, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, Err("unauthorized", "invalid token: not three parts")
	}
	var header map[string]interface{}
	headerBytes, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil || json.Unmarshal(headerBytes, &header) != nil || header["alg"] != "HS256" {
		return nil, Err("unauthorized", "invalid token: only HS256 is accepted")
	}
	given, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return nil, Err("unauthorized", "invalid token: unreadable signature")
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(parts[0] + "." + parts[1]))
	if !hmac.Equal(given, mac.Sum(nil)) {
		return nil, Err("unauthorized", "invalid token: wrong signature")
	}
	var claims map[string]interface{}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil || json.Unmarshal(payload, &claims) != nil {
		return nil, Err("unauthorized", "invalid token: unreadable claims")
	}
	if exp, ok := claims["exp"].(float64); ok && int64(exp) <= now.Unix() {
		return nil, Err("unauthorized", "invalid token: expired")
	}
	return claims, nil
}

// RequireAuth wraps next so that it runs only for callers with valid credentials.
func RequireAuth(scheme, jwtSecret string, apiKeys []string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := CheckAuth(scheme, jwtSecret, apiKeys, r); err != nil {
			WriteError(w, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// CheckAuth says whether r carries valid credentials (the middleware and GraphQL resolvers ask).
func CheckAuth(scheme, jwtSecret string, apiKeys []string, r *http.Request) error {
	switch scheme {
	case "jwt":
		header := r.Header.Get("Authorization")
		if !strings.HasPrefix(header, "Bearer ") {
			return Err("unauthorized", "a bearer token is required")
		}
		if jwtSecret == "" {
			return Err("internal", "JWT_SECRET is not set")
		}
		if _, err := VerifyJWT(strings.TrimPrefix(header, "Bearer "), jwtSecret, time.Now()); err != nil {
			return err
		}
	case "apiKey":
		key := r.Header.Get("X-Api-Key")
		known := false
		for _, k := range apiKeys {
			if subtle.ConstantTimeCompare([]byte(k), []byte(key)) == 1 {
				known = true
			}
		}
		if key == "" || !known {
			return Err("unauthorized", "a known X-API-Key is required")
		}
	default:
		if r.Header.Get("X-Client-Verify") != "SUCCESS" {
			return Err("unauthorized", "a verified client certificate is required")
		}
	}
	return nil
}
