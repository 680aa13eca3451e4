package bot

import (
	"sync"

	"github.com/bwmarrin/discordgo"
)

// shardCache is what one gateway session keeps of what Discord sends,
// beside the bot's user and application (which discordgo keeps from READY
// even with its state off): each server's preferred locale, and the
// threads of listen channels. discordgo's own state keeps every
// GUILD_CREATE whole (channels, members, roles, emojis), some 75 to 190
// KiB a server, hundreds of MiB on a full shard; the bot reads none of it.
type shardCache struct {
	listen map[string]bool // listen channels, to keep their threads only

	mu      sync.RWMutex
	locales map[string]discordgo.Locale // guild id -> preferred locale
	threads map[string]string           // thread id -> listen channel
}

func newShardCache(listen map[string]bool) *shardCache {
	return &shardCache{listen: listen, locales: map[string]discordgo.Locale{}, threads: map[string]string{}}
}

// handlers returns the discordgo event handlers that fill the cache.
func (c *shardCache) handlers() []any {
	return []any{
		func(_ *discordgo.Session, e *discordgo.GuildCreate) {
			if e.Guild == nil {
				return
			}
			c.guild(e.Guild)
			for _, t := range e.Threads {
				c.thread(t)
			}
		},
		func(_ *discordgo.Session, e *discordgo.GuildUpdate) {
			if e.Guild != nil {
				c.guild(e.Guild)
			}
		},
		func(_ *discordgo.Session, e *discordgo.GuildDelete) {
			if e.Guild == nil || e.Unavailable {
				return // an outage, not a removal: it comes back
			}
			c.mu.Lock()
			defer c.mu.Unlock()
			delete(c.locales, e.ID)
		},
		func(_ *discordgo.Session, e *discordgo.ThreadCreate) { c.thread(e.Channel) },
		func(_ *discordgo.Session, e *discordgo.ThreadUpdate) { c.thread(e.Channel) },
		func(_ *discordgo.Session, e *discordgo.ThreadDelete) {
			if e.Channel == nil {
				return
			}
			c.mu.Lock()
			defer c.mu.Unlock()
			delete(c.threads, e.ID)
		},
		func(_ *discordgo.Session, e *discordgo.ThreadListSync) {
			for _, t := range e.Threads {
				c.thread(t)
			}
		},
	}
}

func (c *shardCache) guild(g *discordgo.Guild) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if g.PreferredLocale == "" {
		delete(c.locales, g.ID)
		return
	}
	c.locales[g.ID] = discordgo.Locale(g.PreferredLocale)
}

// thread keeps a thread whose parent is a listen channel.
func (c *shardCache) thread(t *discordgo.Channel) {
	if t == nil || !t.IsThread() || !c.listen[t.ParentID] {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.threads[t.ID] = t.ParentID
}

func (c *shardCache) locale(guild string) discordgo.Locale {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.locales[guild]
}

func (c *shardCache) parent(thread string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.threads[thread]
}
