package bot

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// TestShardCache feeds the session's events, as Discord sends them, to the
// runner: it keeps servers' locales and listen channels' threads.
func TestShardCache(t *testing.T) {
	t.Parallel()
	b, _, _ := newTestBot(t, Config{ListenChannels: []string{"111"}})
	r := &runner{b: b, cache: newShardCache(map[string]bool{"111": true}), ready: make(chan struct{})}
	send := r.events(context.Background())
	event := func(typ string, v any) {
		t.Helper()
		d, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		send(typ, d)
	}
	thread := func(id, parent string) map[string]any {
		return map[string]any{"id": id, "parent_id": parent, "type": int(discordgo.ChannelTypeGuildPublicThread), "guild_id": "g1"}
	}
	event("READY", map[string]any{"v": 10, "session_id": "s", "user": map[string]any{"id": "999", "username": "callbot", "bot": true},
		"application": map[string]any{"id": "app1", "flags": 0}, "guilds": []any{}})
	event("GUILD_CREATE", map[string]any{"id": "g1", "name": "g", "preferred_locale": "fr",
		"threads": []any{thread("t1", "111"), thread("t2", "222")}})
	event("THREAD_CREATE", thread("t3", "111"))
	if got := r.cache.locale("g1"); got != discordgo.French {
		t.Errorf("locale(g1) = %q, want fr", got)
	}
	for id, want := range map[string]string{"t1": "111", "t2": "", "t3": "111", "c9": ""} {
		if got := r.cache.parent(id); got != want {
			t.Errorf("parent(%s) = %q, want %q", id, got, want)
		}
	}
	if u := r.self(); u == nil || u.ID != "999" || r.appID != "app1" {
		t.Errorf("after READY: self %+v, app %q; want 999, app1", u, r.appID)
	}
	event("GUILD_UPDATE", map[string]any{"id": "g1", "name": "g", "preferred_locale": "ru"})
	event("THREAD_DELETE", thread("t3", "111"))
	if got := r.cache.locale("g1"); got != discordgo.Russian {
		t.Errorf("after GUILD_UPDATE: locale(g1) = %q, want ru", got)
	}
	if got := r.cache.parent("t3"); got != "" {
		t.Errorf("after THREAD_DELETE: parent(t3) = %q, want none", got)
	}
	event("GUILD_DELETE", map[string]any{"id": "g1", "unavailable": true})
	if r.cache.locale("g1") == "" {
		t.Error("an outage (unavailable) dropped the guild's locale")
	}
	event("GUILD_DELETE", map[string]any{"id": "g1"})
	if got := r.cache.locale("g1"); got != "" {
		t.Errorf("after leaving the guild: locale(g1) = %q, want none", got)
	}
}
