package knowledge

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldMap folds s like FoldQuote and also returns, for each byte of the
// result and one past its end, the offset in s it came from, so a match in
// the folded text can be cut from s exactly as printed.
func foldMap(s string) (string, []int) {
	var b strings.Builder
	b.Grow(len(s))
	offsets := make([]int, 0, len(s)+1)
	space := false
	end := 0 // offset just past the last rune written
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		start := i
		i += size
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
			offsets = append(offsets, end)
		}
		space = false
		end = i
		r = foldQuoteRune(r)
		for range utf8.RuneLen(r) {
			offsets = append(offsets, start)
		}
		b.WriteRune(r)
	}
	return b.String(), append(offsets, end)
}

// Bounds that keep a quote-mismatch message readable and its search cheap.
const (
	departWindow = 12 // words past the departure searched for agreement
	departShow   = 6  // words shown of each side
	departCtx    = 4  // words shown of the agreeing run
	departRunes  = 60 // runes shown of each side
	departTries  = 64 // places in the source tried for the agreeing run
	departMin    = 3  // words the agreeing run needs to be worth showing
)

// quoteDeparture says where quote, which is not in source word for word,
// departs from it; both are folded by FoldQuote. It finds the longest run of
// the quote's first words, or of its last, that the source holds, and gives
// the words that differ next to it on each side, up to where the two agree
// again, so a curator sees the slip at a glance. It returns "" when it has
// nothing useful to say.
func quoteDeparture(quote, source string) string {
	qw := strings.Fields(quote)
	k := longestRun(len(qw), func(n int) bool { return len(prefixAt(source, qw[:n], 1)) > 0 })
	m := longestRun(len(qw), func(n int) bool { return len(suffixAt(source, qw[len(qw)-n:], 1)) > 0 })
	switch {
	case k == len(qw) || m == len(qw):
		return "" // it is there after all
	case max(k, m) == 0 || max(k, m) < min(departMin, len(qw)-1):
		if len(qw) > departMin {
			return fmt.Sprintf("the source has neither its first %d words nor its last %d", departMin, departMin)
		}
		return ""
	case k >= m:
		run := len(strings.Join(qw[:k], " "))
		var sides [][]string
		for _, at := range prefixAt(source, qw[:k], departTries) {
			sides = append(sides, nextWords(source[at+run:], departWindow))
		}
		d := bestDeparture(qw[k:], sides)
		ctx := showWords(qw[:k], departCtx, true)
		return fmt.Sprintf("after %s %s", quoted(ctx), d.describe(false))
	default:
		var sides [][]string
		for _, at := range suffixAt(source, qw[len(qw)-m:], departTries) {
			sides = append(sides, reversed(prevWords(source[:at], departWindow)))
		}
		d := bestDeparture(reversed(qw[:len(qw)-m]), sides)
		d.quote, d.source = reversed(d.quote), reversed(d.source)
		ctx := showWords(qw[len(qw)-m:], departCtx, false)
		return fmt.Sprintf("before %s %s", quoted(ctx), d.describe(true))
	}
}

// longestRun returns the largest n ≤ limit with held(n), given held(0) and
// that held(n) implies held(n-1), in a few calls of held.
func longestRun(limit int, held func(int) bool) int {
	return sort.Search(limit, func(n int) bool { return !held(n + 1) })
}

// prefixAt returns up to limit offsets where text holds words, joined by
// spaces, ending at a word's end.
func prefixAt(text string, words []string, limit int) []int {
	return occurrences(text, strings.Join(words, " "), limit, func(start, end int) bool {
		return end == len(text) || text[end] == ' '
	})
}

// suffixAt is prefixAt for runs that must start at a word's start.
func suffixAt(text string, words []string, limit int) []int {
	return occurrences(text, strings.Join(words, " "), limit, func(start, end int) bool {
		return start == 0 || text[start-1] == ' '
	})
}

// occurrences returns up to limit offsets of sub in text where ok holds for
// the match's start and end.
func occurrences(text, sub string, limit int, ok func(start, end int) bool) []int {
	var out []int
	for from := 0; len(out) < limit && from <= len(text); {
		i := strings.Index(text[from:], sub)
		if i < 0 {
			break
		}
		at := from + i
		if ok(at, at+len(sub)) {
			out = append(out, at)
		}
		from = at + 1
	}
	return out
}

// departure is what a quote and its source have where they differ.
type departure struct {
	quote, source []string
	agree         bool // they agree again after these words
}

// bestDeparture compares the quote's words past the agreeing run with the
// source's at each place the run was found (words nearest the run first)
// and keeps the place where the two agree again soonest.
func bestDeparture(qr []string, sides [][]string) departure {
	qr = qr[:min(len(qr), departWindow)]
	best, cost := departure{}, -1
	for _, sr := range sides {
		for c := 1; c <= len(qr)+len(sr) && (cost < 0 || c < cost); c++ {
			for i := max(0, c-len(sr)); i <= min(c, len(qr)-1); i++ {
				j := c - i
				if j < len(sr) && agreeAt(qr, sr, i, j) {
					best, cost = departure{quote: qr[:i], source: sr[:j], agree: true}, c
					break
				}
			}
		}
	}
	if cost < 0 && len(sides) > 0 {
		best = departure{quote: qr, source: sides[0][:min(len(sides[0]), len(qr))]}
	}
	return best
}

// agreeAt tells whether the quote's words from i and the source's from j
// agree for two words, or for the quote's last.
func agreeAt(qr, sr []string, i, j int) bool {
	if qr[i] != sr[j] {
		return false
	}
	return i+1 == len(qr) || j+1 < len(sr) && qr[i+1] == sr[j+1]
}

// describe words a departure; atStart tells that it precedes the agreeing
// run, so the words nearest the run are the last.
func (d departure) describe(atStart bool) string {
	qs, ss := trimCommon(strings.Join(d.quote, " "), strings.Join(d.source, " "))
	q := quoted(showWords(strings.Fields(qs), departShow, atStart))
	s := quoted(showWords(strings.Fields(ss), departShow, atStart))
	switch {
	case len(d.source) == 0 && !d.agree:
		if atStart {
			return fmt.Sprintf("the quote has %s, where the source begins", q)
		}
		return fmt.Sprintf("the quote has %s, where the source ends", q)
	case len(d.quote) == 0:
		return fmt.Sprintf("the source has %s, which the quote leaves out", s)
	case len(d.source) == 0:
		return fmt.Sprintf("the quote has %s, which the source does not", q)
	}
	return fmt.Sprintf("the quote has %s, the source %s", q, s)
}

// showWords joins at most n words, and departRunes runes, marking a cut
// with an ellipsis; fromEnd keeps the last words rather than the first.
func showWords(words []string, n int, fromEnd bool) string {
	if fromEnd {
		w := words[max(0, len(words)-n):]
		r := []rune(strings.Join(w, " "))
		if len(w) < len(words) || len(r) > departRunes {
			return "…" + string(r[max(0, len(r)-departRunes):])
		}
		return string(r)
	}
	w := words[:min(len(words), n)]
	r := []rune(strings.Join(w, " "))
	if len(w) < len(words) || len(r) > departRunes {
		return string(r[:min(len(r), departRunes)]) + "…"
	}
	return string(r)
}

// trimCommon drops the punctuation that q and s share at their ends, such
// as a closing quotation mark, which only blurs the difference.
func trimCommon(q, s string) (string, string) {
	if q == "" || s == "" {
		return q, s
	}
	punct := func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ' ' }
	for {
		rq, nq := utf8.DecodeLastRuneInString(q)
		rs, ns := utf8.DecodeLastRuneInString(s)
		if rq != rs || !punct(rq) || nq == len(q) || ns == len(s) {
			break
		}
		q, s = q[:len(q)-nq], s[:len(s)-ns]
	}
	for {
		rq, nq := utf8.DecodeRuneInString(q)
		rs, ns := utf8.DecodeRuneInString(s)
		if rq != rs || !punct(rq) || nq == len(q) || ns == len(s) {
			break
		}
		q, s = q[nq:], s[ns:]
	}
	return q, s
}

// quoted puts text in plain double quotes without escaping the ones it
// holds, which a quote from an article often does.
func quoted(s string) string {
	return `"` + s + `"`
}

// nextWords returns the first n words of s, split at spaces.
func nextWords(s string, n int) []string {
	var out []string
	for len(out) < n {
		s = strings.TrimLeft(s, " ")
		if s == "" {
			break
		}
		w, rest, _ := strings.Cut(s, " ")
		out = append(out, w)
		s = rest
	}
	return out
}

// prevWords returns the last n words of s, in order.
func prevWords(s string, n int) []string {
	var out []string
	for len(out) < n {
		s = strings.TrimRight(s, " ")
		if s == "" {
			break
		}
		i := strings.LastIndexByte(s, ' ')
		out = append(out, s[i+1:])
		s = s[:max(i, 0)]
	}
	return reversed(out)
}

func reversed(words []string) []string {
	out := slices.Clone(words)
	slices.Reverse(out)
	return out
}
