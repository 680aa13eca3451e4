package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/callbot/callbot/knowledge"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// callbot runs one command line with the given environment and stdin.
func callbot(t *testing.T, environ map[string]string, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, env{
		stdin:  strings.NewReader(stdin),
		stdout: &out,
		stderr: &errOut,
		getenv: func(k string) string { return environ[k] },
	})
	return out.String(), errOut.String(), code
}

func answerSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/answer.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("answer.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("answer.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestAskJSONLines checks the stdin mode: one valid object per line, in order,
// and that an answered question and a refused one both keep the contract.
func TestAskJSONLines(t *testing.T) {
	t.Parallel()
	schema := answerSchema(t)
	questions := []string{
		"What did Macron say about lawyers?",
		"",
		"Who invented the telephone?",
		"how many % of the vote did zelensky get",
		`{"malformed": json`,
		"\x00\x01 @everyone **bold**",
	}
	stdout, stderr, code := callbot(t, nil, strings.Join(questions, "\n")+"\n", "ask", "--json")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	sc := bufio.NewScanner(strings.NewReader(stdout))
	var got []answerJSON
	for sc.Scan() {
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(sc.Text()))
		if err != nil {
			t.Fatalf("line %d is not JSON: %v", len(got)+1, err)
		}
		if err := schema.Validate(v); err != nil {
			t.Errorf("line %d breaks the contract: %v", len(got)+1, err)
		}
		var a answerJSON
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		got = append(got, a)
	}
	if len(got) != len(questions) {
		t.Fatalf("got %d lines, want %d", len(got), len(questions))
	}
	for i, q := range questions {
		if got[i].Question != q {
			t.Errorf("line %d: question = %q, want %q (order kept)", i+1, got[i].Question, q)
		}
	}
	set, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range got {
		for _, c := range a.Citations {
			if src, ok := set.Source(c.Source); !ok || !strings.Contains(src.Text, c.Quote) {
				t.Errorf("%q: citation %q is not word for word in source %s", a.Question, c.Quote, c.Source)
			}
		}
	}
	if !got[0].Answered || got[0].ID == "" {
		t.Errorf("lawyer question: answered=%v id=%q, want an answer", got[0].Answered, got[0].ID)
	}
	for _, i := range []int{1, 2} {
		if got[i].Answered {
			t.Errorf("%q: answered with %s, want a refusal", questions[i], got[i].ID)
		}
	}
}

func TestAskText(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := callbot(t, nil, "", "ask", "What did Macron say about lawyers?")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{"[1] ", "lawyer"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	stdout, _, code = callbot(t, nil, "", "ask", "How tall is Putin?")
	if code != 0 || !strings.HasPrefix(stdout, "I don't know") {
		t.Errorf("refusal: exit %d, output %q; want exit 0 and \"I don't know…\"", code, stdout)
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		environ  map[string]string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no command", nil, nil, 2, "Usage:"},
		{"unknown command", nil, []string{"dance"}, 2, `unknown command "dance"`},
		{"ask without question", nil, []string{"ask"}, 2, "ask needs a question"},
		{"unknown flag", nil, []string{"ask", "--nope", "x"}, 2, "flag provided but not defined"},
		{"ask ignores what it does not use", map[string]string{"DISCORD_PUBLIC_KEY": "abc", "CALLBOT_SHARD_COUNT": "many", "DISCORD_TOKEN": "a b"}, []string{"ask", "--json", "who leaked the call"}, 0, ""},
		{"kb without subcommand", nil, []string{"kb"}, 2, "kb takes a subcommand"},
		{"kb unknown subcommand", nil, []string{"kb", "chek"}, 2, `no subcommand "chek"`},
		{"malformed shard count", map[string]string{"CALLBOT_SHARD_COUNT": "many"}, []string{"run"}, 1, "CALLBOT_SHARD_COUNT"},
		{"shard id too high", map[string]string{"CALLBOT_SHARD_ID": "2", "CALLBOT_SHARD_COUNT": "2"}, []string{"run"}, 1, "must be below"},
		{"bad public key", map[string]string{"DISCORD_PUBLIC_KEY": "abc"}, []string{"serve"}, 1, "64 hex digits"},
		{"bad api base", map[string]string{"DISCORD_API_BASE": "nirn:8080"}, []string{"run"}, 1, "DISCORD_API_BASE"},
		{"token with spaces", map[string]string{"DISCORD_TOKEN": "abc def"}, []string{"run"}, 1, "has spaces inside"},
		{"app id 0", map[string]string{"DISCORD_APP_ID": "0"}, []string{"invite"}, 1, `"0" is not a Discord id`},
		{"token as a flag", nil, []string{"run", "--token", "abc"}, 2, "read only from the environment variable DISCORD_TOKEN"},
		{"a flag error shows the command's flags", nil, []string{"serve", "--htp-addr", ":1"}, 2, "Usage of callbot serve:\n  -api-base"},
		{"bad log level", nil, []string{"ask", "--log-level", "loud", "x"}, 2, "CALLBOT_LOG_LEVEL"},
		{"bad threshold", map[string]string{"CALLBOT_THRESHOLD": "2"}, []string{"ask", "x"}, 1, "from 0 to 1"},
		{"invite without app id", nil, []string{"invite"}, 1, "DISCORD_APP_ID is not set"},
		{"missing knowledge dir", map[string]string{"CALLBOT_KNOWLEDGE": "testdata/none"}, []string{"ask", "x"}, 1, "load knowledge"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, stderr, code := callbot(t, tt.environ, "", tt.args...)
			if code != tt.wantCode || !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.wantCode, tt.wantErr)
			}
		})
	}
}

func TestKBCheck(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := callbot(t, nil, "", "kb", "check")
	if code != 0 || !strings.Contains(stdout, "ok") {
		t.Errorf("embedded: exit %d, stdout %q, stderr %q; want ok", code, stdout, stderr)
	}
	stdout, _, code = callbot(t, nil, "", "kb", "check", "../../knowledge/testdata/good")
	if code != 0 || !strings.Contains(stdout, "2 entries") {
		t.Errorf("good dir: exit %d, stdout %q", code, stdout)
	}
	_, stderr, code = callbot(t, nil, "", "kb", "check", "testdata/badkb")
	want := "testdata/badkb/qa/cats.yaml:9: entry where-cat: quote not found word for word"
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("bad dir: exit %d, stderr %q; want exit 1 and %q", code, stderr, want)
	}
}

func TestInvite(t *testing.T) {
	t.Parallel()
	stdout, _, code := callbot(t, map[string]string{"DISCORD_APP_ID": "1234567890"}, "", "invite")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var links []*url.URL
	for _, f := range strings.Fields(stdout) {
		if strings.HasPrefix(f, "https://") {
			u, err := url.Parse(f)
			if err != nil {
				t.Fatal(err)
			}
			links = append(links, u)
		}
	}
	if len(links) != 2 {
		t.Fatalf("got %d links in %q, want the server and the user install", len(links), stdout)
	}
	// View Channel, Send Messages, Embed Links, Read Message History, Send Messages in Threads.
	for i, want := range []map[string]string{
		{"scope": "bot applications.commands", "permissions": "274877991936", "integration_type": "0", "client_id": "1234567890"},
		{"scope": "applications.commands", "permissions": "", "integration_type": "1", "client_id": "1234567890"},
	} {
		q := links[i].Query()
		for k, v := range want {
			if got := q.Get(k); got != v {
				t.Errorf("link %d: %s = %q, want %q", i+1, k, got, v)
			}
		}
	}
}

func TestHealthcheck(t *testing.T) {
	t.Parallel()
	status := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(status)
	}))
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	if _, stderr, code := callbot(t, map[string]string{"CALLBOT_HTTP_ADDR": addr}, "", "healthcheck"); code != 0 {
		t.Errorf("healthy: exit %d, stderr %q; want 0", code, stderr)
	}
	status = http.StatusServiceUnavailable
	if _, _, code := callbot(t, map[string]string{"CALLBOT_HTTP_ADDR": addr}, "", "healthcheck"); code != 1 {
		t.Errorf("unhealthy: exit %d, want 1", code)
	}
	srv.Close()
	if _, _, code := callbot(t, map[string]string{"CALLBOT_HTTP_ADDR": addr}, "", "healthcheck"); code != 1 {
		t.Errorf("down: exit %d, want 1", code)
	}
}

func TestParseInterspersed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args     []string
		wantJSON bool
		want     []string
	}{
		{[]string{"--json", "who", "called"}, true, []string{"who", "called"}},
		{[]string{"who", "--json", "called"}, true, []string{"who", "called"}},
		{[]string{"who called", "--json"}, true, []string{"who called"}},
		{[]string{"--", "--json", "-x"}, false, []string{"--json", "-x"}},
		{[]string{"--json", "--", "-x"}, true, []string{"-x"}},
		{[]string{"q", "--", "--json"}, false, []string{"q", "--json"}},
		{nil, false, nil},
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		asJSON := fs.Bool("json", false, "")
		got, err := parseInterspersed(fs, tt.args)
		if err != nil || *asJSON != tt.wantJSON || !slices.Equal(got, tt.want) {
			t.Errorf("parseInterspersed(%q) = %q, json=%v, %v; want %q, json=%v", tt.args, got, *asJSON, err, tt.want, tt.wantJSON)
		}
	}
}

// TestAskJSONLongLine: a line over any buffer is answered (refused, saying
// why) and the lines after it still are.
func TestAskJSONLongLine(t *testing.T) {
	t.Parallel()
	in := "when was the call\n" + strings.Repeat("blorf ", 400_000) + "\nwho leaked the call"
	stdout, stderr, code := callbot(t, nil, in, "ask", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d answers, want 3", len(lines))
	}
	var long struct {
		Answered bool   `json:"answered"`
		Reason   string `json:"reason"`
		Hint     string `json:"hint"`
	}
	if err := json.Unmarshal([]byte(lines[1]), &long); err != nil {
		t.Fatal(err)
	}
	if long.Answered || long.Reason != "truncated" || !strings.Contains(long.Hint, "2000 bytes") {
		t.Errorf("long line: got %+v, want refused as truncated, with the hint", long)
	}
	if !strings.Contains(lines[2], `"id":"call-leak"`) {
		t.Errorf("the line after: got %s, want call-leak's answer", lines[2])
	}
}
