package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// config is what run needs; main fills it from flags.
type config struct {
	wordnet        string // WordNet dict directory
	wordnetLicense string // Debian copyright file of wordnet-base
	en, fr         string // npm tarballs of @zxcvbn-ts/language-en and -fr
	out            string // output directory
}

// Sizes of the lists written: enough for "common word" decisions, small
// enough to embed.
const (
	enTop = 25000 // English words by OpenSubtitles rank
	frTop = 20000 // French words by OpenSubtitles rank
)

// linkSymbols are the WordNet pointers that tie two senses close enough to
// call the words synonyms for matching: derivationally related forms,
// similar to, verb group, also see, participle, pertainym, attribute, and one
// step up or down the hypernym tree.
var linkSymbols = map[string]bool{"+": true, "&": true, "$": true, "^": true, "<": true, `\`: true,
	"=": true, "@": true, "@i": true, "~": true, "~i": true}

func run(cfg config) error {
	wn, err := readWordNet(cfg.wordnet)
	if err != nil {
		return err
	}
	en, enNotice, err := readFrequencies(cfg.en)
	if err != nil {
		return err
	}
	fr, frNotice, err := readFrequencies(cfg.fr)
	if err != nil {
		return err
	}
	lic, err := wordnetLicense(cfg.wordnetLicense)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(cfg.out, 0o755); err != nil {
		return err
	}
	files := wn.files(rankMap(en, enTop))
	files["opensubtitles-en.txt"] = listFile("English words by frequency in OpenSubtitles 2024 (via OPUS), most frequent first, from the npm package @zxcvbn-ts/language-en; licence: NOTICE-opensubtitles.txt.", top(en, enTop))
	files["opensubtitles-fr.txt"] = listFile("French words by frequency in OpenSubtitles 2024 (via OPUS), most frequent first, from the npm package @zxcvbn-ts/language-fr; licence: NOTICE-opensubtitles.txt.", top(fr, frTop))
	files["LICENSE-wordnet.txt"] = lic
	files["NOTICE-opensubtitles.txt"] = "opensubtitles-en.txt and opensubtitles-fr.txt are cut from commonWords.json of the\n" +
		"npm packages @zxcvbn-ts/language-en and @zxcvbn-ts/language-fr (lowercased, letters only).\n" +
		"Their notices follow.\n\n== @zxcvbn-ts/language-en NOTICE.md ==\n" + enNotice + "\n\n== @zxcvbn-ts/language-fr NOTICE.md ==\n" + frNotice + "\n"
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(cfg.out, n), []byte(files[n]), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func listFile(header string, words []string) string {
	var b strings.Builder
	b.WriteString("# " + header + "\n")
	for _, w := range words {
		b.WriteString(w)
		b.WriteByte('\n')
	}
	return b.String()
}

// --- WordNet ---

type pointer struct {
	sym      string
	target   int // synset index
	src, dst int // word numbers, 1-based; 0 for a pointer between synsets
}

type wnWord struct {
	lemma  string // lowercase, spaces as '_'
	proper bool   // written with a capital: a name
}

type synset struct {
	pos     byte // n, v, a (satellites too), r
	offset  string
	lexfile int
	words   []wnWord
	ptrs    []pointer
}

type wordNet struct {
	synsets  []synset
	byKey    map[string]int                      // pos+offset -> index
	order    map[string][]int                    // lemma -> synsets in index.* order, by POS
	tagCount map[string]int                      // lemma -> tag count over all senses
	posCount map[string]map[byte]int             // lemma -> POS -> tag count
	exc      map[byte]map[string]map[string]bool // POS -> inflected form -> base forms
}

var posFiles = []struct {
	name string
	pos  byte
}{{"noun", 'n'}, {"verb", 'v'}, {"adj", 'a'}, {"adv", 'r'}}

func readWordNet(dir string) (*wordNet, error) {
	wn := &wordNet{byKey: map[string]int{}, order: map[string][]int{}, tagCount: map[string]int{},
		posCount: map[string]map[byte]int{}, exc: map[byte]map[string]map[string]bool{}}
	type rawPtr struct {
		sym, key string
		src, dst int
	}
	var raw [][]rawPtr
	for _, pf := range posFiles {
		err := readLines(filepath.Join(dir, "data."+pf.name), func(line string) error {
			body, _, _ := strings.Cut(line, " | ")
			fs := strings.Fields(body)
			if len(fs) < 4 {
				return fmt.Errorf("data.%s: short line %q", pf.name, line)
			}
			lexfile, _ := strconv.Atoi(fs[1])
			s := synset{pos: pf.pos, offset: fs[0], lexfile: lexfile}
			n, err := strconv.ParseInt(fs[3], 16, 32)
			if err != nil {
				return fmt.Errorf("data.%s %s: word count: %w", pf.name, fs[0], err)
			}
			i := 4
			for range n {
				w := fs[i]
				if k := strings.IndexByte(w, '('); k > 0 { // adjective marker: (a), (p), (ip)
					w = w[:k]
				}
				s.words = append(s.words, wnWord{lemma: strings.ToLower(w), proper: w != strings.ToLower(w)})
				i += 2
			}
			pc, err := strconv.Atoi(fs[i])
			if err != nil {
				return fmt.Errorf("data.%s %s: pointer count: %w", pf.name, fs[0], err)
			}
			i++
			var rp []rawPtr
			for range pc {
				pos := fs[i+2]
				if pos == "s" {
					pos = "a"
				}
				st := fs[i+3]
				src, _ := strconv.ParseInt(st[:2], 16, 32)
				dst, _ := strconv.ParseInt(st[2:], 16, 32)
				rp = append(rp, rawPtr{fs[i], pos + fs[i+1], int(src), int(dst)})
				i += 4
			}
			wn.byKey[string(pf.pos)+s.offset] = len(wn.synsets)
			wn.synsets = append(wn.synsets, s)
			raw = append(raw, rp)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for i, rp := range raw {
		for _, p := range rp {
			t, ok := wn.byKey[p.key]
			if !ok {
				return nil, fmt.Errorf("pointer to unknown synset %s", p.key)
			}
			wn.synsets[i].ptrs = append(wn.synsets[i].ptrs, pointer{p.sym, t, p.src, p.dst})
		}
	}
	for _, pf := range posFiles {
		err := readLines(filepath.Join(dir, "index."+pf.name), func(line string) error {
			fs := strings.Fields(line)
			if len(fs) < 6 {
				return nil
			}
			nsyn, _ := strconv.Atoi(fs[2])
			for _, off := range fs[len(fs)-nsyn:] {
				if k, ok := wn.byKey[string(pf.pos)+off]; ok {
					wn.order[fs[0]] = append(wn.order[fs[0]], k)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if err := wn.readExceptions(filepath.Join(dir, pf.name+".exc"), pf.pos); err != nil {
			return nil, err
		}
	}
	err := readLines(filepath.Join(dir, "cntlist.rev"), func(line string) error {
		fs := strings.Fields(line)
		if len(fs) != 3 {
			return nil
		}
		lemma, rest, ok := strings.Cut(fs[0], "%")
		if !ok || rest == "" {
			return nil
		}
		c, _ := strconv.Atoi(fs[2])
		pos := map[byte]byte{'1': 'n', '2': 'v', '3': 'a', '4': 'r', '5': 'a'}[rest[0]]
		wn.tagCount[lemma] += c
		if wn.posCount[lemma] == nil {
			wn.posCount[lemma] = map[byte]int{}
		}
		wn.posCount[lemma][pos] += c
		return nil
	})
	return wn, err
}

// readLines calls fn with each line of the named file but the licence
// header lines WordNet's files start with (indented by two spaces).
func readLines(name string, fn func(line string) error) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if line := sc.Text(); !strings.HasPrefix(line, "  ") {
			if err := fn(line); err != nil {
				return err
			}
		}
	}
	return sc.Err()
}

func (wn *wordNet) readExceptions(name string, pos byte) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		fs := strings.Fields(line)
		if len(fs) < 2 {
			continue
		}
		if wn.exc[pos] == nil {
			wn.exc[pos] = map[string]map[string]bool{}
		}
		if wn.exc[pos][fs[0]] == nil {
			wn.exc[pos][fs[0]] = map[string]bool{}
		}
		for _, base := range fs[1:] {
			wn.exc[pos][fs[0]][base] = true
		}
	}
	return nil
}

// singleWord reports a lemma of one word in letters, hyphens and apostrophes.
func singleWord(s string) bool {
	if s == "" || s[0] == '-' || s[0] == '\'' {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && r != '-' && r != '\'' {
			return false
		}
	}
	return true
}

// files builds the WordNet data files for the words kept: single common
// words (tagged at least once in SemCor, or among the enTop most frequent in
// OpenSubtitles), each with its senses written in lower case (a capitalised
// sense is a name).
func (wn *wordNet) files(enRank map[string]int) map[string]string {
	type entry struct {
		word string
		pos  string
		tags int
		syns []int
	}
	var entries []entry
	kept := map[string]bool{}
	for lemma, order := range wn.order {
		if !singleWord(lemma) || (wn.tagCount[lemma] == 0 && enRank[lemma] == 0) {
			continue
		}
		var syns []int
		for _, k := range order {
			for _, w := range wn.synsets[k].words {
				if w.lemma == lemma && !w.proper {
					syns = append(syns, k)
					break
				}
			}
		}
		if len(syns) == 0 {
			continue // a name only
		}
		// Senses of the part of speech tagged most often come first; within
		// one, WordNet's own order (most frequent first).
		pc := wn.posCount[lemma]
		sort.SliceStable(syns, func(i, j int) bool {
			return pc[wn.synsets[syns[i]].pos] > pc[wn.synsets[syns[j]].pos]
		})
		var pos []byte
		for _, k := range syns {
			if p := wn.synsets[k].pos; bytes.IndexByte(pos, p) < 0 {
				pos = append(pos, p)
			}
		}
		entries = append(entries, entry{lemma, string(pos), wn.tagCount[lemma], syns})
		kept[lemma] = true
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].word < entries[j].word })

	// Compact synset ids: the kept synsets in WordNet order.
	used := map[int]bool{}
	for _, e := range entries {
		for _, k := range e.syns {
			used[k] = true
		}
	}
	ids := make([]int, 0, len(used))
	for k := range used {
		ids = append(ids, k)
	}
	sort.Ints(ids)
	id := make(map[int]string, len(ids))
	for i, k := range ids {
		id[k] = strconv.FormatInt(int64(i), 36)
	}

	var words strings.Builder
	words.WriteString("# WordNet 3.0 (Debian wordnet-base): word, SemCor tag count, senses by part of speech (n v a r),\n")
	words.WriteString("# the most used part of speech first; senses are ids as in wordnet-links.txt. Licence: LICENSE-wordnet.txt.\n")
	for _, e := range entries {
		var groups []string
		for _, p := range []byte(e.pos) {
			var s []string
			for _, k := range e.syns {
				if wn.synsets[k].pos == p {
					s = append(s, id[k])
				}
			}
			groups = append(groups, string(p)+":"+strings.Join(s, ","))
		}
		fmt.Fprintf(&words, "%s\t%d\t%s\n", e.word, e.tags, strings.Join(groups, " "))
	}

	// Each link once, under the smaller id: the loader makes them mutual
	// (WordNet's pointers come in pairs: hypernym and hyponym, both
	// directions of a derivation).
	// A sense no kept word has ("domestic cat", multi-word only) is left
	// out, and the senses it joins in the hypernym tree are tied directly
	// ("kitty" to "cat"), unless it joins more than collapseMax senses.
	adj := map[int]map[int]bool{}
	tie := func(a, b int) {
		if a == b {
			return
		}
		a, b = min(a, b), max(a, b)
		if adj[a] == nil {
			adj[a] = map[int]bool{}
		}
		adj[a][b] = true
	}
	for _, k := range ids {
		for _, p := range wn.synsets[k].ptrs {
			if !linkSymbols[p.sym] {
				continue
			}
			if used[p.target] {
				tie(k, p.target)
				continue
			}
			if !taxonomy[p.sym] || wn.degree(p.target) > collapseMax {
				continue
			}
			for _, q := range wn.synsets[p.target].ptrs {
				if taxonomy[q.sym] && used[q.target] {
					tie(k, q.target)
				}
			}
		}
	}
	var links strings.Builder
	links.WriteString("# WordNet 3.0 (Debian wordnet-base): a sense, then the senses with greater ids that it is tied to\n")
	links.WriteString("# (either way) by a derivation, similar-to, verb-group, also-see, participle, pertainym, attribute,\n")
	links.WriteString("# hypernym or hyponym pointer, or by two hypernym/hyponym pointers through a sense no kept word has.\n")
	links.WriteString("# Licence: LICENSE-wordnet.txt.\n")
	for _, k := range ids {
		if len(adj[k]) == 0 {
			continue
		}
		ts := make([]int, 0, len(adj[k]))
		for t := range adj[k] {
			ts = append(ts, t)
		}
		sort.Ints(ts)
		s := make([]string, len(ts))
		for i, t := range ts {
			s[i] = id[t]
		}
		fmt.Fprintf(&links, "%s\t%s\n", id[k], strings.Join(s, ","))
	}

	return map[string]string{
		"wordnet-words.txt":      words.String(),
		"wordnet-links.txt":      links.String(),
		"wordnet-antonyms.txt":   wn.antonyms(kept),
		"wordnet-exceptions.txt": wn.exceptions(kept),
		"wordnet-names.txt":      wn.givenNames(),
	}
}

// taxonomy are the hypernym and hyponym pointers.
var taxonomy = map[string]bool{"@": true, "@i": true, "~": true, "~i": true}

// collapseMax is the most linked senses a left-out sense may join.
const collapseMax = 40

// degree counts the linking pointers of synset k.
func (wn *wordNet) degree(k int) int {
	n := 0
	for _, p := range wn.synsets[k].ptrs {
		if linkSymbols[p.sym] {
			n++
		}
	}
	return n
}

// antonyms lists the antonym pairs among kept words: WordNet's own (a
// pointer from one word to another), and the same pair carried to each
// word's derivationally related forms, so "failure" opposes "succeed" as
// "fail" does.
func (wn *wordNet) antonyms(kept map[string]bool) string {
	// derived returns the word and its derivationally related forms.
	derived := func(k, w int) []string {
		out := []string{wn.synsets[k].words[w-1].lemma}
		for _, p := range wn.synsets[k].ptrs {
			if p.sym == "+" && p.src == w && p.dst > 0 {
				out = append(out, wn.synsets[p.target].words[p.dst-1].lemma)
			}
		}
		return out
	}
	pairs := map[[2]string]bool{}
	for k, s := range wn.synsets {
		for _, p := range s.ptrs {
			if p.sym != "!" || p.src == 0 || p.dst == 0 {
				continue
			}
			for _, a := range derived(k, p.src) {
				for _, b := range derived(p.target, p.dst) {
					if a == b || !kept[a] || !kept[b] {
						continue
					}
					pairs[[2]string{min(a, b), max(a, b)}] = true
				}
			}
		}
	}
	lines := make([]string, 0, len(pairs))
	for p := range pairs {
		lines = append(lines, p[0]+" "+p[1])
	}
	sort.Strings(lines)
	return "# WordNet 3.0 (Debian wordnet-base): antonym pairs among the kept words, carried to derivationally\n" +
		"# related forms. Licence: LICENSE-wordnet.txt.\n" + strings.Join(lines, "\n") + "\n"
}

// exceptions lists WordNet's irregular inflections whose base is kept.
func (wn *wordNet) exceptions(kept map[string]bool) string {
	var lines []string
	for pos, forms := range wn.exc {
		for form, bases := range forms {
			if !singleWord(form) {
				continue
			}
			var bs []string
			for b := range bases {
				if kept[b] && b != form {
					bs = append(bs, b)
				}
			}
			if len(bs) == 0 {
				continue
			}
			sort.Strings(bs)
			lines = append(lines, form+" "+string(pos)+" "+strings.Join(bs, " "))
		}
	}
	sort.Strings(lines)
	return "# WordNet 3.0 (Debian wordnet-base) exception lists: irregular form, part of speech, its base forms.\n" +
		"# Licence: LICENSE-wordnet.txt.\n" + strings.Join(lines, "\n") + "\n"
}

// notName are words that open WordNet's names of people without being
// first names ("The Nazarene", "Saint Peter").
var notName = map[string]bool{"the": true, "saint": true, "st": true, "king": true, "queen": true, "sir": true,
	"lord": true, "lady": true, "pope": true, "prince": true, "princess": true, "de": true, "le": true, "la": true,
	"von": true, "van": true, "al": true, "el": true, "mr": true, "mrs": true, "dr": true}

// givenNames lists the first names that WordNet gives to two or more
// people (noun.person instances written First_Last), with their surnames.
func (wn *wordNet) givenNames() string {
	const nounPerson = 18
	people := map[string]map[string]bool{} // given name -> surnames
	count := map[string]map[int]bool{}
	for k, s := range wn.synsets {
		if s.pos != 'n' || s.lexfile != nounPerson {
			continue
		}
		seen := map[string]bool{}
		for _, w := range s.words {
			parts := strings.Split(w.lemma, "_")
			if !w.proper || len(parts) < 2 || !singleWord(parts[0]) || seen[parts[0]] || notName[parts[0]] {
				continue
			}
			seen[parts[0]] = true
			if people[parts[0]] == nil {
				people[parts[0]] = map[string]bool{}
				count[parts[0]] = map[int]bool{}
			}
			people[parts[0]][parts[len(parts)-1]] = true
			count[parts[0]][k] = true
		}
	}
	var lines []string
	for name, surnames := range people {
		if len(count[name]) < 2 || len(surnames) < 2 {
			continue
		}
		ss := make([]string, 0, len(surnames))
		for s := range surnames {
			ss = append(ss, s)
		}
		sort.Strings(ss)
		lines = append(lines, name+" "+strings.Join(ss, " "))
	}
	sort.Strings(lines)
	return "# WordNet 3.0 (Debian wordnet-base): first names WordNet gives to two or more people, then their\n" +
		"# surnames. Licence: LICENSE-wordnet.txt.\n" + strings.Join(lines, "\n") + "\n"
}

// wordnetLicense cuts the WordNet licence out of the Debian copyright file.
func wordnetLicense(name string) (string, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return "", err
	}
	text := string(b)
	start := strings.Index(text, "License: WordNet")
	if start < 0 {
		return "", fmt.Errorf("%s: no WordNet licence stanza", name)
	}
	text = text[start:]
	var out strings.Builder
	out.WriteString("The wordnet-*.txt files are derived from WordNet 3.0 as packaged by Debian (wordnet-base);\n")
	out.WriteString("its licence follows, as the package states it.\n\n")
	for i, line := range strings.Split(text, "\n") {
		if i > 0 && !strings.HasPrefix(line, " ") {
			break // end of the stanza
		}
		if i == 0 {
			continue
		}
		line = strings.TrimPrefix(line, " ")
		if line == "." {
			line = ""
		}
		out.WriteString(line + "\n")
	}
	return out.String(), nil
}

// --- OpenSubtitles frequency lists ---

// readFrequencies reads package/src/commonWords.json (a JSON list of words,
// most frequent first) and package/NOTICE.md from an npm tarball.
func readFrequencies(tgz string) ([]string, string, error) {
	f, err := os.Open(tgz)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", tgz, err)
	}
	tr := tar.NewReader(zr)
	var words []string
	var notice string
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", tgz, err)
		}
		switch h.Name {
		case "package/src/commonWords.json":
			if err := json.NewDecoder(tr).Decode(&words); err != nil {
				return nil, "", fmt.Errorf("%s: %s: %w", tgz, h.Name, err)
			}
		case "package/NOTICE.md":
			b, err := io.ReadAll(tr)
			if err != nil {
				return nil, "", err
			}
			notice = strings.TrimSpace(string(b))
		}
	}
	if words == nil || notice == "" {
		return nil, "", fmt.Errorf("%s: want package/src/commonWords.json and package/NOTICE.md", tgz)
	}
	// Lowercase, letters only (elisions like "l'" and clitics like "'s"
	// dropped), first rank kept.
	seen := map[string]bool{}
	out := words[:0]
	for _, w := range words {
		w = strings.ToLower(w)
		if seen[w] || !letters(w) {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	return out, notice, nil
}

// letters reports a word of letters with hyphens or apostrophes only inside.
func letters(w string) bool {
	if w == "" {
		return false
	}
	rs := []rune(w)
	for i, r := range rs {
		inner := i > 0 && i < len(rs)-1
		if !isLetter(r) && !(inner && (r == '-' || r == '\'')) {
			return false
		}
	}
	return true
}

func isLetter(r rune) bool {
	return (r >= 'a' && r <= 'z') || (r >= 0xe0 && r <= 0x24f && r != 0xf7) || r == 'œ' || r == 'æ'
}

func top(words []string, n int) []string {
	if len(words) > n {
		return words[:n]
	}
	return words
}

func rankMap(words []string, n int) map[string]int {
	m := make(map[string]int, n)
	for i, w := range top(words, n) {
		m[w] = i + 1
	}
	return m
}
