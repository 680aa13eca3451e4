package discordfake

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"mime"
	"mime/multipart"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/callbot/callbot/internal/discordschema"
	"github.com/gorilla/websocket"
)

// apiRoot matches the "/api/vN" prefix of a REST path.
var apiRoot = regexp.MustCompile(`^/api(/v[0-9]+)?/`)

// maxBody caps request bodies like Discord's 25 MiB upload limit.
const maxBody = 25 << 20

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if websocket.IsWebSocketUpgrade(r) {
		s.serveGateway(w, r)
		return
	}
	s.serveREST(w, r)
}

// store is the fake's REST state, guarded by Server.mu.
type store struct {
	commands map[string][]map[string]any          // "app/guild" -> commands
	acked    map[string]int                       // interaction id -> callback type
	webhook  map[string]map[string]map[string]any // token -> message id ("@original" too) -> message
	channel  map[string][]map[string]any          // channel id -> messages
}

func newStore() store {
	return store{
		commands: make(map[string][]map[string]any),
		acked:    make(map[string]int),
		webhook:  make(map[string]map[string]map[string]any),
		channel:  make(map[string][]map[string]any),
	}
}

// reply is a buffered response: it is recorded before the client sees it,
// so a request is in Requests() by the time the client's call returns.
type reply struct {
	status int
	header http.Header
	body   []byte
}

func jsonReply(status int, v any) reply {
	b, _ := json.Marshal(v) // only maps and slices of plain values
	h := http.Header{"Content-Type": {"application/json"}}
	return reply{status: status, header: h, body: b}
}

func errorReply(status, code int, msg string) reply {
	return jsonReply(status, map[string]any{"message": msg, "code": code})
}

func noContent() reply { return reply{status: http.StatusNoContent, header: http.Header{}} }

func (s *Server) serveREST(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	req := Request{
		Method:   r.Method,
		Path:     r.URL.Path,
		RawQuery: r.URL.RawQuery,
		Header:   r.Header.Clone(),
		Body:     body,
		Time:     time.Now(),
	}
	var rep reply
	switch loc := apiRoot.FindStringIndex(r.URL.Path); {
	case err != nil:
		rep = errorReply(http.StatusBadRequest, 0, "400: Bad Request")
	case len(body) > maxBody:
		rep = errorReply(http.StatusRequestEntityTooLarge, 40005, "Request entity too large")
	case loc == nil:
		rep = errorReply(http.StatusNotFound, 0, "404: Not Found")
	default:
		req.Path = r.URL.Path[loc[1]-1:]
		req.JSON = jsonPayload(r.Header.Get("Content-Type"), body)
		rep = s.handle(r, &req)
	}
	req.Status = rep.status
	s.record(req)
	maps.Copy(w.Header(), rep.header)
	w.WriteHeader(rep.status)
	w.Write(rep.body)
}

// handle answers one REST request: injected faults first, then the route.
func (s *Server) handle(r *http.Request, req *Request) reply {
	if rep, ok := s.takeFault(req); ok {
		return rep
	}
	if s.cfg.validate && len(req.JSON) > 0 {
		err := discordschema.ValidateRequest(req.Method, req.Path, req.JSON)
		if err != nil && !errors.Is(err, discordschema.ErrNoSchema) {
			s.mu.Lock()
			s.schemaErrs = append(s.schemaErrs, err)
			s.mu.Unlock()
		}
	}
	if s.cfg.token != "" && needsAuth(req.Path) && req.Header.Get("Authorization") != "Bot "+s.cfg.token {
		return errorReply(http.StatusUnauthorized, 0, "401: Unauthorized")
	}
	seg := splitSegments(req.Path)
	route := func(method, pattern string) bool { return req.Matches(method, pattern) }
	switch {
	case route("GET", "/gateway"):
		return jsonReply(http.StatusOK, map[string]any{"url": s.GatewayURL()})
	case route("GET", "/gateway/bot"):
		return jsonReply(http.StatusOK, s.gatewayBot())
	case route("GET", "/users/@me"):
		return jsonReply(http.StatusOK, s.BotUser().payload())
	case route("GET", "/oauth2/applications/@me"), route("GET", "/applications/@me"):
		return jsonReply(http.StatusOK, s.application())
	case route("PUT", "/applications/{app}/commands"):
		return s.putCommands(req, seg[1], "")
	case route("PUT", "/applications/{app}/guilds/{guild}/commands"):
		return s.putCommands(req, seg[1], seg[3])
	case route("GET", "/applications/{app}/commands"):
		return s.getCommands(seg[1], "")
	case route("GET", "/applications/{app}/guilds/{guild}/commands"):
		return s.getCommands(seg[1], seg[3])
	case route("POST", "/interactions/{id}/{token}/callback"):
		return s.interactionCallback(req, seg[1], seg[2])
	case route("POST", "/webhooks/{app}/{token}"):
		return s.followup(r, req, seg[2])
	case route("GET", "/webhooks/{app}/{token}/messages/{id}"):
		return s.getWebhookMessage(seg[2], seg[4])
	case route("PATCH", "/webhooks/{app}/{token}/messages/{id}"):
		return s.editWebhookMessage(req, seg[2], seg[4])
	case route("DELETE", "/webhooks/{app}/{token}/messages/{id}"):
		return s.deleteWebhookMessage(seg[2], seg[4])
	case route("POST", "/channels/{channel}/messages"):
		return s.createChannelMessage(req, seg[1])
	}
	return errorReply(http.StatusNotFound, 0, "404: Not Found")
}

// needsAuth reports whether Discord wants the bot token on path: GET
// /gateway is public, and webhook and interaction callback routes are
// authorised by the token in the path.
func needsAuth(path string) bool {
	return path != "/gateway" && !strings.HasPrefix(path, "/webhooks/") && !strings.HasPrefix(path, "/interactions/")
}

// jsonPayload returns the JSON part of a request body: the body itself, or
// the payload_json field of a multipart body.
func jsonPayload(contentType string, body []byte) []byte {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return nil
	}
	switch mt {
	case "application/json":
		return body
	case "multipart/form-data":
		mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		for {
			p, err := mr.NextPart()
			if err != nil {
				return nil
			}
			if p.FormName() == "payload_json" {
				b, _ := io.ReadAll(p)
				return b
			}
		}
	}
	return nil
}

func decodeObject(b []byte) (map[string]any, bool) {
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil || m == nil {
		return nil, false
	}
	return m, true
}

func badJSON() reply {
	return errorReply(http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
}

func (s *Server) application() map[string]any {
	return map[string]any{
		"id":                     s.cfg.appID,
		"name":                   s.cfg.botName,
		"icon":                   nil,
		"description":            "",
		"bot_public":             true,
		"bot_require_code_grant": false,
		"verify_key":             strings.Repeat("ab", 32),
		"flags":                  0,
		"bot":                    s.BotUser().payload(),
		"owner":                  User{ID: "1100000000000000001", Username: "owner"}.payload(),
	}
}

func (s *Server) putCommands(req *Request, app, guild string) reply {
	if app != s.cfg.appID {
		return errorReply(http.StatusForbidden, 50001, "Missing Access")
	}
	var cmds []map[string]any
	if err := json.Unmarshal(req.JSON, &cmds); err != nil {
		return badJSON()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key := app + "/" + guild
	old := make(map[string]string) // name -> id: overwriting keeps ids
	for _, c := range s.store.commands[key] {
		old[c["name"].(string)] = c["id"].(string)
	}
	out := make([]map[string]any, 0, len(cmds))
	for _, c := range cmds {
		name, _ := c["name"].(string)
		cmd := maps.Clone(c)
		cmd["id"] = old[name]
		if cmd["id"] == "" {
			cmd["id"] = Snowflake()
		}
		cmd["application_id"] = app
		cmd["version"] = Snowflake()
		if _, ok := cmd["type"]; !ok {
			cmd["type"] = 1
		}
		// Discord takes the permissions as an integer or a string and
		// answers with a string.
		if p, ok := cmd["default_member_permissions"].(float64); ok {
			cmd["default_member_permissions"] = strconv.FormatInt(int64(p), 10)
		}
		if guild != "" {
			cmd["guild_id"] = guild
		}
		out = append(out, cmd)
	}
	s.store.commands[key] = out
	return jsonReply(http.StatusOK, out)
}

func (s *Server) getCommands(app, guild string) reply {
	if app != s.cfg.appID {
		return errorReply(http.StatusForbidden, 50001, "Missing Access")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cmds := s.store.commands[app+"/"+guild]
	if cmds == nil {
		cmds = []map[string]any{}
	}
	return jsonReply(http.StatusOK, cmds)
}

// Commands returns the commands last registered with a bulk overwrite, for a
// guild or (guildID "") globally.
func (s *Server) Commands(guildID string) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]map[string]any(nil), s.store.commands[s.cfg.appID+"/"+guildID]...)
}

// Callback types that create the original response message.
const (
	callbackMessage         = 4
	callbackDeferredMessage = 5
)

func (s *Server) interactionCallback(req *Request, id, token string) reply {
	body, ok := decodeObject(req.JSON)
	if !ok {
		return badJSON()
	}
	typ, _ := body["type"].(float64)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, done := s.store.acked[id]; done {
		return errorReply(http.StatusBadRequest, 40060, "Interaction has already been acknowledged.")
	}
	s.store.acked[id] = int(typ)
	if typ == callbackMessage || typ == callbackDeferredMessage {
		data, _ := body["data"].(map[string]any)
		msg := s.message(data, "", s.BotUser())
		msg["interaction_metadata"] = map[string]any{"id": id, "type": 2, "user": s.BotUser().payload()}
		s.webhookMessagesLocked(token)["@original"] = msg
	}
	return noContent()
}

func (s *Server) webhookMessagesLocked(token string) map[string]map[string]any {
	m := s.store.webhook[token]
	if m == nil {
		m = make(map[string]map[string]any)
		s.store.webhook[token] = m
	}
	return m
}

func (s *Server) followup(r *http.Request, req *Request, token string) reply {
	body, ok := decodeObject(req.JSON)
	if !ok {
		return badJSON()
	}
	s.mu.Lock()
	msg := s.message(body, "", s.BotUser())
	msg["webhook_id"] = s.cfg.appID
	s.webhookMessagesLocked(token)[msg["id"].(string)] = msg
	s.mu.Unlock()
	if r.URL.Query().Get("wait") != "true" {
		return noContent()
	}
	return jsonReply(http.StatusOK, msg)
}

func (s *Server) getWebhookMessage(token, id string) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	msg, ok := s.store.webhook[token][id]
	if !ok {
		return errorReply(http.StatusNotFound, 10008, "Unknown Message")
	}
	return jsonReply(http.StatusOK, msg)
}

func (s *Server) editWebhookMessage(req *Request, token, id string) reply {
	body, ok := decodeObject(req.JSON)
	if !ok {
		return badJSON()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	msgs := s.webhookMessagesLocked(token)
	msg, ok := msgs[id]
	if !ok {
		if id != "@original" {
			return errorReply(http.StatusNotFound, 10008, "Unknown Message")
		}
		// An HTTP-mode bot answers in its HTTP response, which the fake
		// never sees, so the original is created on first edit.
		msg = s.message(nil, "", s.BotUser())
		msgs[id] = msg
	}
	for _, k := range []string{"content", "embeds", "components", "flags", "allowed_mentions", "attachments"} {
		if v, ok := body[k]; ok {
			msg[k] = v
		}
	}
	if msg["embeds"] == nil {
		msg["embeds"] = []any{}
	}
	msg["edited_timestamp"] = timestamp(time.Now())
	return jsonReply(http.StatusOK, msg)
}

func (s *Server) deleteWebhookMessage(token, id string) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.store.webhook[token][id]; !ok {
		return errorReply(http.StatusNotFound, 10008, "Unknown Message")
	}
	delete(s.store.webhook[token], id)
	return noContent()
}

// WebhookMessage returns the message stored for an interaction token: id
// "@original" for the original response, else a follow-up's id.
func (s *Server) WebhookMessage(token, id string) (map[string]any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.store.webhook[token][id]
	return maps.Clone(m), ok
}

func (s *Server) createChannelMessage(req *Request, channelID string) reply {
	body, ok := decodeObject(req.JSON)
	if !ok {
		return badJSON()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	msg := s.message(body, channelID, s.BotUser())
	if ref, ok := body["message_reference"].(map[string]any); ok {
		msg["message_reference"] = ref
		msg["type"] = 19 // REPLY
	}
	s.store.channel[channelID] = append(s.store.channel[channelID], msg)
	return jsonReply(http.StatusOK, msg)
}

// ChannelMessages returns the messages the bot created in a channel.
func (s *Server) ChannelMessages(channelID string) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]map[string]any(nil), s.store.channel[channelID]...)
}

// message builds a message object as Discord returns it from the fields of
// a create or edit body.
func (s *Server) message(body map[string]any, channelID string, author User) map[string]any {
	if channelID == "" {
		channelID = "1300000000000000001"
	}
	msg := map[string]any{
		"id":               Snowflake(),
		"channel_id":       channelID,
		"author":           author.payload(),
		"content":          "",
		"timestamp":        timestamp(time.Now()),
		"edited_timestamp": nil,
		"tts":              false,
		"mention_everyone": false,
		"mentions":         []any{},
		"mention_roles":    []any{},
		"attachments":      []any{},
		"embeds":           []any{},
		"components":       []any{},
		"pinned":           false,
		"type":             0,
		"flags":            0,
	}
	for _, k := range []string{"content", "embeds", "components", "flags", "tts", "poll"} {
		if v, ok := body[k]; ok && v != nil {
			msg[k] = v
		}
	}
	if es, ok := msg["embeds"].([]any); ok {
		for _, e := range es {
			if em, ok := e.(map[string]any); ok && em["type"] == nil {
				em["type"] = "rich"
			}
		}
	}
	return msg
}
