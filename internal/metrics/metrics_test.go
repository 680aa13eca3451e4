package metrics

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestExposition(t *testing.T) {
	t.Parallel()
	m := New()
	m.Question("call", true, 3*time.Microsecond)
	m.Question("call", true, time.Millisecond)
	m.Question("", false, time.Microsecond)
	m.Feedback("not_helpful", "wrong")
	m.Feedback("helpful", "")
	m.Written("question", 40)
	m.Dropped("question", 2)
	m.Interaction("command")
	m.Interaction("command")
	m.Interaction("autocomplete")
	m.SignatureFailure()
	m.RateLimited()
	m.Reconnect()
	m.Reconnect()

	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		`callbot_questions_total{outcome="answered"} 2`,
		`callbot_questions_total{outcome="refused"} 1`,
		`callbot_answer_duration_seconds_count 3`,
		`callbot_answer_duration_seconds_bucket{le="5e-06"} 2`,
		`callbot_interactions_total{type="command"} 2`,
		`callbot_interactions_total{type="autocomplete"} 1`,
		`callbot_signature_failures_total 1`,
		`callbot_rate_limited_total 1`,
		`callbot_gateway_reconnects_total 2`,
		`callbot_answers_total{outcome="answered",topic="call"} 2`,
		`callbot_answers_total{outcome="refused",topic=""} 1`,
		`callbot_feedback_total{reason="wrong",verdict="not_helpful"} 1`,
		`callbot_feedback_total{reason="",verdict="helpful"} 1`,
		`callbot_records_written_total{kind="question"} 40`,
		`callbot_records_dropped_total{kind="question"} 2`,
		`callbot_records_dropped_total{kind="vote"} 0`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("exposition lacks %q", want)
		}
	}
}

func TestRegistriesIndependent(t *testing.T) {
	t.Parallel()
	a, b := New(), New()
	a.RateLimited()
	rec := httptest.NewRecorder()
	b.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if got := rec.Body.String(); !strings.Contains(got, "callbot_rate_limited_total 0") {
		t.Errorf("second registry saw the first's count")
	}
}
