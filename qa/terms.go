package qa

import "slices"

// Terms returns what q comes to after analysis: the index terms its words
// resolve to (a synonym, a stem or a corrected typo gives its term's
// display form) and the stems of the words the index has never seen,
// sorted and without repeats. Question words and stopwords are left out.
// Two questions that ask the same thing in other words share most of their
// terms, so a curator's tool can group refused questions by them.
func (e *Engine) Terms(q string) []string {
	sc := e.scratch()
	defer e.pool.Put(sc)
	sc.an.run(q)
	tr := termRecorder{queryResolver: &sc.res}
	sc.res.chatter = hasGreeting(&sc.an)
	collect(&sc.an, sc.an.latin(), &tr, nil, -1)
	slices.Sort(tr.out)
	return slices.Compact(tr.out)
}

// termRecorder resolves like the query resolver and keeps a readable form
// of every content term.
type termRecorder struct {
	*queryResolver
	out []string
}

func (r *termRecorder) resolve(w []byte, l lang, t token) qterm {
	q := r.queryResolver.resolve(w, l, t)
	switch {
	case q.id >= int32(numIntents):
		r.out = append(r.out, r.ix.terms[q.id].display)
	case isUnknown(q.id):
		r.out = append(r.out, stem(string(w), l))
	}
	return q
}
