package qa

import (
	"fmt"
	"slices"
	"testing"
)

// TestPhrasingsTellEntriesApart: no two entries have a phrasing that the
// analysis reduces to the same terms. Such a pair makes every question
// with those terms a tie ("putin macron call" on four entries), which the
// engine can only refuse.
func TestPhrasingsTellEntriesApart(t *testing.T) {
	t.Parallel()
	e := engine(t)
	sc := e.scratch()
	defer e.pool.Put(sc)
	type use struct{ entry, text string }
	owner := map[string]use{}
	for i := range e.set.Entries {
		en := &e.set.Entries[i]
		for _, p := range en.AllPhrasings() {
			sc.an.run(p)
			seq := dedupe(e.ix.foldPhrases(collect(&sc.an, sc.an.latin(), &sc.res, nil, -1)))
			ids := make([]int32, 0, len(seq))
			for _, q := range seq {
				if q.id >= 0 {
					ids = append(ids, q.id)
				}
			}
			if len(ids) == 0 {
				continue
			}
			slices.Sort(ids)
			key := fmt.Sprint(ids)
			if o, ok := owner[key]; ok && o.entry != en.ID {
				t.Errorf("%s %q and %s %q are the same terms to the matcher: keep the phrasing where it belongs", o.entry, o.text, en.ID, p)
				continue
			}
			owner[key] = use{en.ID, p}
		}
	}
}
