package bot

import (
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestShardCache(t *testing.T) {
	t.Parallel()
	c := newShardCache(map[string]bool{"listen": true})
	call := func(e any) {
		t.Helper()
		for _, h := range c.handlers() {
			switch f := h.(type) {
			case func(*discordgo.Session, *discordgo.GuildCreate):
				if e, ok := e.(*discordgo.GuildCreate); ok {
					f(nil, e)
				}
			case func(*discordgo.Session, *discordgo.GuildUpdate):
				if e, ok := e.(*discordgo.GuildUpdate); ok {
					f(nil, e)
				}
			case func(*discordgo.Session, *discordgo.GuildDelete):
				if e, ok := e.(*discordgo.GuildDelete); ok {
					f(nil, e)
				}
			case func(*discordgo.Session, *discordgo.ThreadCreate):
				if e, ok := e.(*discordgo.ThreadCreate); ok {
					f(nil, e)
				}
			case func(*discordgo.Session, *discordgo.ThreadDelete):
				if e, ok := e.(*discordgo.ThreadDelete); ok {
					f(nil, e)
				}
			}
		}
	}
	thread := func(id, parent string) *discordgo.Channel {
		return &discordgo.Channel{ID: id, ParentID: parent, Type: discordgo.ChannelTypeGuildPublicThread}
	}
	call(&discordgo.GuildCreate{Guild: &discordgo.Guild{ID: "g1", PreferredLocale: "fr",
		Threads: []*discordgo.Channel{thread("t1", "listen"), thread("t2", "other")}}})
	call(&discordgo.ThreadCreate{Channel: thread("t3", "listen")})
	if got := c.locale("g1"); got != discordgo.French {
		t.Errorf("locale(g1) = %q, want fr", got)
	}
	for id, want := range map[string]string{"t1": "listen", "t2": "", "t3": "listen", "c9": ""} {
		if got := c.parent(id); got != want {
			t.Errorf("parent(%s) = %q, want %q", id, got, want)
		}
	}
	call(&discordgo.GuildUpdate{Guild: &discordgo.Guild{ID: "g1", PreferredLocale: "ru"}})
	call(&discordgo.ThreadDelete{Channel: thread("t3", "listen")})
	if got := c.locale("g1"); got != discordgo.Russian {
		t.Errorf("after GUILD_UPDATE: locale(g1) = %q, want ru", got)
	}
	if got := c.parent("t3"); got != "" {
		t.Errorf("after THREAD_DELETE: parent(t3) = %q, want none", got)
	}
	call(&discordgo.GuildDelete{Guild: &discordgo.Guild{ID: "g1", Unavailable: true}})
	if c.locale("g1") == "" {
		t.Error("an outage (unavailable) dropped the guild's locale")
	}
	call(&discordgo.GuildDelete{Guild: &discordgo.Guild{ID: "g1"}})
	if got := c.locale("g1"); got != "" {
		t.Errorf("after leaving the guild: locale(g1) = %q, want none", got)
	}
}
