package knowledge

import (
	"slices"
	"strings"
)

// follow checks entry e's Follow: known kinds, known ids, and no id twice
// under one kind. The entry itself may be listed: its own answer already
// answers that follow-up ("where's that?" after an answer naming the
// place).
func (c *checker) follow(e Entry, what string) {
	for _, kind := range sortedKeys(e.Follow) {
		if _, ok := FollowKinds[kind]; !ok {
			c.add(e.Pos, "%s: follow kind %q: want one of %s", what, kind, strings.Join(sortedKeys(FollowKinds), ", "))
			continue
		}
		ids := e.Follow[kind]
		if len(ids) == 0 {
			c.add(e.Pos, "%s: follow %s: no entry ids; list the entries that answer it, or drop the kind", what, kind)
		}
		for i, id := range ids {
			switch _, ok := c.set.Entry(id); {
			case !ok:
				c.add(e.Pos, "%s: follow %s: unknown entry id %q", what, kind, id)
			case slices.Contains(ids[:i], id):
				c.add(e.Pos, "%s: follow %s: %q given twice", what, kind, id)
			}
		}
	}
}
