// Package discordschema validates JSON bodies against the schemas in Discord's
// official OpenAPI 3.1 description of its HTTP API.
//
// It is a test helper: tests use it to prove that what the bot sends to
// Discord (REST request bodies and HTTP interaction responses) is what
// Discord documents. It is not meant for production code; the embedded
// spec is 1.2 MB and compiling schemas from it is slow, which is why
// schemas are compiled lazily, once, and cached.
package discordschema

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed testdata/openapi.json
var specJSON []byte

// specURI is the base URI the spec is registered under. It is never fetched;
// it only anchors "#/components/schemas/..." references.
const specURI = "https://discord.com/api/openapi.json"

// ErrNoSchema reports that the spec has no JSON request body schema for an
// operation (or has no such operation).
var ErrNoSchema = errors.New("no request body schema")

// Kind names a body the bot sends, for Validate.
type Kind int

// Kinds of bodies the bot sends.
const (
	// InteractionResponse is an interaction callback: the body of
	// POST /interactions/{id}/{token}/callback and of an HTTP-mode
	// interaction response.
	InteractionResponse Kind = iota
	// MessageCreate is POST /channels/{channel_id}/messages.
	MessageCreate
	// GlobalCommands is PUT /applications/{application_id}/commands.
	GlobalCommands
	// GuildCommands is PUT /applications/{application_id}/guilds/{guild_id}/commands.
	GuildCommands
	// FollowupMessage is POST /webhooks/{application_id}/{interaction_token}.
	FollowupMessage
	// OriginalResponseEdit is PATCH /webhooks/{application_id}/{interaction_token}/messages/@original.
	OriginalResponseEdit
	// FollowupMessageEdit is PATCH /webhooks/{application_id}/{interaction_token}/messages/{message_id}.
	FollowupMessageEdit
)

var kinds = map[Kind]struct{ method, path string }{
	InteractionResponse:  {"POST", "/interactions/{interaction_id}/{interaction_token}/callback"},
	MessageCreate:        {"POST", "/channels/{channel_id}/messages"},
	GlobalCommands:       {"PUT", "/applications/{application_id}/commands"},
	GuildCommands:        {"PUT", "/applications/{application_id}/guilds/{guild_id}/commands"},
	FollowupMessage:      {"POST", "/webhooks/{application_id}/{interaction_token}"},
	OriginalResponseEdit: {"PATCH", "/webhooks/{application_id}/{interaction_token}/messages/@original"},
	FollowupMessageEdit:  {"PATCH", "/webhooks/{application_id}/{interaction_token}/messages/{message_id}"},
}

// String returns the operation the kind stands for.
func (k Kind) String() string {
	op, ok := kinds[k]
	if !ok {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return op.method + " " + op.path
}

// Validate validates body against the request body schema of the operation
// kind names.
func Validate(kind Kind, body []byte) error {
	op, ok := kinds[kind]
	if !ok {
		return fmt.Errorf("unknown kind %d", int(kind))
	}
	return ValidateRequest(op.method, op.path, body)
}

// ValidateInteractionResponse validates an interaction response: what an
// HTTP-mode interactions endpoint writes in its response body, which Discord
// documents with the same schema as the callback request body.
func ValidateInteractionResponse(body []byte) error {
	return Validate(InteractionResponse, body)
}

// ValidateRequest validates body as the JSON request body of method on path.
// path may be a concrete request path ("/api/v9/channels/123/messages?x=1")
// or a template ("/channels/{channel_id}/messages"); see MatchPath.
// It returns an error wrapping ErrNoSchema when the spec documents no JSON
// body for the operation.
func ValidateRequest(method, path string, body []byte) error {
	tmpl, ok := MatchPath(path)
	if !ok {
		return fmt.Errorf("%s %s: no such path in the spec: %w", method, path, ErrNoSchema)
	}
	sch, err := requestSchema(strings.ToLower(method), tmpl)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, tmpl, err)
	}
	if err := validateBytes(sch, body); err != nil {
		return fmt.Errorf("%s %s: %w", method, tmpl, err)
	}
	return nil
}

// ValidateComponent validates body against the named schema in the spec's
// components, e.g. "MessageCreateRequest" or "RichEmbed".
func ValidateComponent(name string, body []byte) error {
	sch, err := compile(specURI + "#/components/schemas/" + escapePointerToken(name))
	if err != nil {
		return fmt.Errorf("schema %s: %w", name, err)
	}
	if err := validateBytes(sch, body); err != nil {
		return fmt.Errorf("schema %s: %w", name, err)
	}
	return nil
}

func validateBytes(sch *jsonschema.Schema, body []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("body is not JSON: %w", err)
	}
	return sch.Validate(v)
}

// spec holds the parsed document and the compiler. jsonschema.Compiler is
// not safe for concurrent use, so compiling is serialised by mu; compiled
// schemas are safe to share.
var spec struct {
	once     sync.Once
	err      error
	doc      map[string]any
	mu       sync.Mutex
	compiler *jsonschema.Compiler
	schemas  map[string]*jsonschema.Schema
}

func load() error {
	spec.once.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(specJSON))
		if err != nil {
			spec.err = fmt.Errorf("parse embedded spec: %w", err)
			return
		}
		m, ok := doc.(map[string]any)
		if !ok {
			spec.err = errors.New("embedded spec is not a JSON object")
			return
		}
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft2020)
		if err := c.AddResource(specURI, doc); err != nil {
			spec.err = fmt.Errorf("add spec resource: %w", err)
			return
		}
		spec.doc = m
		spec.compiler = c
		spec.schemas = make(map[string]*jsonschema.Schema)
	})
	return spec.err
}

func compile(loc string) (*jsonschema.Schema, error) {
	if err := load(); err != nil {
		return nil, err
	}
	spec.mu.Lock()
	defer spec.mu.Unlock()
	if sch, ok := spec.schemas[loc]; ok {
		return sch, nil
	}
	sch, err := spec.compiler.Compile(loc)
	if err != nil {
		return nil, fmt.Errorf("compile %s: %w", loc, err)
	}
	spec.schemas[loc] = sch
	return sch, nil
}

// requestSchema compiles the application/json request body schema of the
// operation method (lower case) on the spec path tmpl.
func requestSchema(method, tmpl string) (*jsonschema.Schema, error) {
	if err := load(); err != nil {
		return nil, err
	}
	ops, _ := spec.doc["paths"].(map[string]any)[tmpl].(map[string]any)
	op, ok := ops[method].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("no %s operation: %w", method, ErrNoSchema)
	}
	rb, _ := op["requestBody"].(map[string]any)
	content, _ := rb["content"].(map[string]any)
	if _, ok := content["application/json"]; !ok {
		return nil, ErrNoSchema
	}
	ptr := "/paths/" + escapePointerToken(tmpl) + "/" + method + "/requestBody/content/application~1json/schema"
	return compile(specURI + "#" + fragmentEscape(ptr))
}

// escapePointerToken escapes one JSON pointer token (RFC 6901).
func escapePointerToken(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// fragmentEscape percent-encodes a JSON pointer for use as a URI fragment
// ("{" and "}" in path templates are not valid there).
func fragmentEscape(ptr string) string {
	return (&url.URL{Fragment: ptr}).EscapedFragment()
}
