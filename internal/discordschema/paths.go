package discordschema

import (
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// apiPrefix matches the "/api" or "/api/vN" prefix of a REST path.
var apiPrefix = regexp.MustCompile(`^/api(/v[0-9]+)?(/|$)`)

// MatchPath returns the spec path template that path stands for, e.g.
// "/api/v9/webhooks/1/tok/messages/@original" gives
// "/webhooks/{webhook_id}/{webhook_token}/messages/@original".
//
// path may be a full URL, may carry a query and may start with "/api" or
// "/api/vN". A segment in braces matches any segment, so templates with
// other parameter names ("/webhooks/{application_id}/{interaction_token}")
// match too. When several templates match, the one with the most literal
// segments wins ("@original" beats "{message_id}").
func MatchPath(path string) (template string, ok bool) {
	if load() != nil {
		return "", false
	}
	segs := splitPath(path)
	best, bestLiterals := "", -1
	for _, tmpl := range sortedPaths() {
		tsegs := splitPath(tmpl)
		if len(tsegs) != len(segs) {
			continue
		}
		literals, match := 0, true
		for i, t := range tsegs {
			switch {
			case isParam(t) || isParam(segs[i]):
			case t == segs[i]:
				literals++
			default:
				match = false
			}
			if !match {
				break
			}
		}
		if match && literals > bestLiterals {
			best, bestLiterals = tmpl, literals
		}
	}
	return best, bestLiterals >= 0
}

func sortedPaths() []string {
	paths, _ := spec.doc["paths"].(map[string]any)
	out := make([]string, 0, len(paths))
	for p := range paths {
		out = append(out, p)
	}
	sort.Strings(out) // deterministic choice between equal matches
	return out
}

func isParam(seg string) bool {
	return strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}")
}

// splitPath reduces a URL or path to its segments below the API root.
func splitPath(p string) []string {
	if u, err := url.Parse(p); err == nil && u.Scheme != "" {
		p = u.EscapedPath()
	}
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	if loc := apiPrefix.FindStringIndex(p); loc != nil {
		p = "/" + p[loc[1]:]
	}
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}
