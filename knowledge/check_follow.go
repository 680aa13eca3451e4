package knowledge

import (
	"slices"
	"strings"
)

// follow checks entry e's Follow: known kinds, known ids, none the entry
// itself (a follow-up that asks for the answer again gets it without a
// link), and no id twice under one kind.
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
			case id == e.ID:
				c.add(e.Pos, "%s: follow %s: names the entry itself; a follow-up that asks for this answer again gets it unlinked", what, kind)
			case slices.Contains(ids[:i], id):
				c.add(e.Pos, "%s: follow %s: %q given twice", what, kind, id)
			}
		}
	}
}
