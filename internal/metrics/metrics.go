// Package metrics counts what callbot does, for Prometheus.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds callbot's collectors in a registry of its own, so tests and
// several servers in one process never collide on the global one.
type Metrics struct {
	reg          *prometheus.Registry
	questions    *prometheus.CounterVec
	latency      prometheus.Histogram
	interactions *prometheus.CounterVec
	sigFailures  prometheus.Counter
	rateLimited  prometheus.Counter
	reconnects   prometheus.Counter
	byTopic      *prometheus.CounterVec
	feedback     *prometheus.CounterVec
	recWritten   *prometheus.CounterVec
	recDropped   *prometheus.CounterVec
}

// New returns a fresh set of collectors, with Go runtime and process metrics.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		questions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "callbot_questions_total",
			Help: "Questions asked, by outcome (answered or refused).",
		}, []string{"outcome"}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "callbot_answer_duration_seconds",
			Help: "Time to answer a question, from the decoded question to the rendered reply.",
			// Answers take microseconds; the upper buckets catch a stalled process.
			Buckets: []float64{5e-6, 1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 1e-3, 1e-2, 0.1, 1},
		}),
		interactions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "callbot_interactions_total",
			Help: "Interactions and messages handled, by type.",
		}, []string{"type"}),
		sigFailures: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "callbot_signature_failures_total",
			Help: "HTTP interactions rejected for a missing, malformed, wrong or stale signature.",
		}),
		rateLimited: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "callbot_rate_limited_total",
			Help: "Questions refused because the user asked too often.",
		}),
		reconnects: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "callbot_gateway_reconnects_total",
			Help: "Gateway sessions resumed or re-identified after a disconnect.",
		}),
		// Topics come from the knowledge set: a few dozen series at most.
		byTopic: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "callbot_answers_total",
			Help: "Questions answered or refused, by topic: the answered entry's, or for a refusal the nearest entry's (\"\" when none came near).",
		}, []string{"topic", "outcome"}),
		feedback: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "callbot_feedback_total",
			Help: "Members' votes on answers, by verdict (helpful, not_helpful) and reason (wrong, not_asked, incomplete, or \"\").",
		}, []string{"verdict", "reason"}),
		recWritten: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "callbot_records_written_total",
			Help: "Records written to the question record's database, by kind (question, vote).",
		}, []string{"kind"}),
		recDropped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "callbot_records_dropped_total",
			Help: "Records lost because the database was down, unwritable or full, or the queue was full, by kind (question, vote). Answers are never lost.",
		}, []string{"kind"}),
	}
	for _, kind := range []string{"question", "vote"} {
		m.recWritten.WithLabelValues(kind)
		m.recDropped.WithLabelValues(kind)
	}
	// Start the outcome series at zero so dashboards see them before the first question.
	m.questions.WithLabelValues("answered")
	m.questions.WithLabelValues("refused")
	m.reg.MustRegister(m.questions, m.latency, m.interactions, m.sigFailures, m.rateLimited, m.reconnects,
		m.byTopic, m.feedback, m.recWritten, m.recDropped,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the registry in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Question records one answered or refused question, its topic and how
// long it took.
func (m *Metrics) Question(topic string, answered bool, elapsed time.Duration) {
	outcome := "refused"
	if answered {
		outcome = "answered"
	}
	m.questions.WithLabelValues(outcome).Inc()
	m.byTopic.WithLabelValues(topic, outcome).Inc()
	m.latency.Observe(elapsed.Seconds())
}

// Feedback records one vote on an answer.
func (m *Metrics) Feedback(verdict, reason string) { m.feedback.WithLabelValues(verdict, reason).Inc() }

// Written records n records written to the question record.
func (m *Metrics) Written(kind string, n int) { m.recWritten.WithLabelValues(kind).Add(float64(n)) }

// Dropped records n records the question record lost.
func (m *Metrics) Dropped(kind string, n int) { m.recDropped.WithLabelValues(kind).Add(float64(n)) }

// Interaction records one interaction or message by type.
func (m *Metrics) Interaction(kind string) { m.interactions.WithLabelValues(kind).Inc() }

// SignatureFailure records one rejected HTTP interaction signature.
func (m *Metrics) SignatureFailure() { m.sigFailures.Inc() }

// RateLimited records one question refused by the per-user rate limit.
func (m *Metrics) RateLimited() { m.rateLimited.Inc() }

// Reconnect records one gateway reconnect.
func (m *Metrics) Reconnect() { m.reconnects.Inc() }
