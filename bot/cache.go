package bot

import (
	"sync"

	"github.com/bwmarrin/discordgo"
)

// shardCache is what one gateway session keeps of what Discord sends,
// beside the bot's user and application from READY (runner): each
// server's preferred locale, and the threads of listen channels. discordgo's own state keeps every
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

// removeGuild forgets a server the bot left; an outage (unavailable)
// keeps it, as it comes back.
func (c *shardCache) removeGuild(g *discordgo.Guild) {
	if g.Unavailable {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.locales, g.ID)
}

// removeThread forgets a deleted thread.
func (c *shardCache) removeThread(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.threads, id)
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
