package platform

// A GraphQL client call posts its document to /graphql (with the request id), decodes the
// answer's data and returns its first error as the AppError its extensions.code maps to.

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestGraphQLReturnsDataAndMapsErrors(t *testing.T) {
	answers := []string{
		`{"data":{"books":[{"isbn":"1"}]}}`,
		`{"data":null,"errors":[{"message":"a bearer token is required","extensions":{"code":"UNAUTHENTICATED"}}]}`,
	}
	var bodies []map[string]interface{}
	var ids []string
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/graphql" || r.Method != http.MethodPost {
			t.Errorf("%s %s, want POST /graphql", r.Method, r.URL.Path)
		}
		var body map[string]interface{}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			t.Errorf("body: %v", err)
		}
		bodies = append(bodies, body)
		ids = append(ids, r.Header.Get("x-request-id"))
		w.Header().Set("content-type", "application/json")
		_, _ = w.Write([]byte(answers[0]))
		answers = answers[1:]
	}))
	defer server.Close()
	c := NewHTTPClient("peer", server.URL, 2*time.Second, 0, false, true)
	ctx := Ctx{RequestID: "test-id"}
	var data struct {
		Books []struct {
			Isbn string `json:"isbn"`
		} `json:"books"`
	}
	if err := c.GraphQL(ctx, "query { books { isbn } }", nil, &data); err != nil {
		t.Fatalf("GraphQL: %v", err)
	}
	if len(data.Books) != 1 || data.Books[0].Isbn != "1" {
		t.Fatalf("data = %+v", data)
	}
	if bodies[0]["query"] != "query { books { isbn } }" || ids[0] != "test-id" {
		t.Fatalf("sent %v with request id %q", bodies[0], ids[0])
	}
	err := c.GraphQL(ctx, "query { books { isbn } }", map[string]interface{}{"a": 1}, &data)
	var app *AppError
	if !errors.As(err, &app) || app.Code != "unauthorized" || app.Status != http.StatusUnauthorized {
		t.Fatalf("err = %v, want unauthorized", err)
	}
}
