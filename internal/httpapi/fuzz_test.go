package httpapi

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// FuzzInteractions sends arbitrary bodies, signed and unsigned, through the
// real bot. Whatever arrives, the endpoint answers with one of its documented
// statuses, never panics, and a 200 always carries a JSON interaction
// response with no mention parsing enabled.
func FuzzInteractions(f *testing.F) {
	for _, seed := range []string{
		`{"type":1}`,
		`{"type":2,"id":"1","token":"t","data":{"name":"ask","options":[{"name":"question","type":3,"value":"@everyone what did macron say?"}]}}`,
		`{"type":4,"id":"1","token":"t","data":{"name":"ask","options":[{"name":"question","type":3,"value":"put","focused":true}]}}`,
		`{"type":3,"id":"1","token":"t","data":{"custom_id":"ask:lawyer-remark","component_type":2}}`,
		`{"type":3,"id":"1","token":"t","data":{"custom_id":"pick","component_type":3,"values":["nope"]}}`,
		`{"type":2,"data":{"name":"ask","options":[{"name":"question","type":3,"value":5}]}}`,
		`{"type":99}`, `{`, `null`, `[]`, "\x00\xff", ``,
	} {
		f.Add([]byte(seed), true)
		f.Add([]byte(seed), false)
	}
	s := newSigner(f)
	b, _ := realBot(f)
	h := NewInteractions(b, s.pub, WithClock(func() time.Time { return fixedNow }))
	f.Fuzz(func(t *testing.T, body []byte, sign bool) {
		req := httptest.NewRequest(http.MethodPost, "/interactions", bytes.NewReader(body))
		if sign {
			req.Header = s.headers(body, fixedNow)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusOK:
			var resp struct {
				Type int `json:"type"`
				Data *struct {
					AllowedMentions *struct {
						Parse []string `json:"parse"`
					} `json:"allowed_mentions"`
				} `json:"data"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				t.Fatalf("200 with a body that is not JSON: %v: %q", err, rec.Body)
			}
			if resp.Type == 0 {
				t.Fatalf("200 without a response type: %q", rec.Body)
			}
			if d := resp.Data; d != nil && d.AllowedMentions != nil && len(d.AllowedMentions.Parse) > 0 {
				t.Fatalf("response enables mentions %v: %q", d.AllowedMentions.Parse, rec.Body)
			}
		case http.StatusUnauthorized:
			if sign {
				t.Fatalf("a correctly signed body got 401: %q", body)
			}
		case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
			if !sign {
				t.Fatalf("an unsigned body got %d, want 401", rec.Code)
			}
		default:
			t.Fatalf("status %d for %q (signed %v)", rec.Code, body, sign)
		}
	})
}
