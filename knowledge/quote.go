package knowledge

import (
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
