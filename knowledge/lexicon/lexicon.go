// Package lexicon answers the questions about words that the knowledge
// set's checks ask: is a word common in English, French or Russian, which
// English senses does it have and are two words synonyms, what are its
// antonyms, and is it a first name shared by several people. Its answers
// come from word lists derived from maintained sources, embedded from data/:
//
//   - WordNet 3.0 (Princeton University), as packaged by Debian
//     (wordnet-base): the senses (synsets) of about 21,500 common English
//     words, the pointers that tie senses together (derivation, similar to,
//     verb group, also see, participle, pertainym, attribute, one step of
//     hypernymy, taken through senses that only multi-word lemmas have),
//     SemCor tag counts, antonym pairs, the irregular-inflection exception
//     lists and the first names that WordNet gives to several people.
//     Licence: data/LICENSE-wordnet.txt.
//   - OpenSubtitles 2024 (OPUS, Helsinki-NLP) word frequencies as shipped by
//     the npm packages @zxcvbn-ts/language-en 4.1.1 (top 25,000 English
//     words) and @zxcvbn-ts/language-fr 4.1.2 (top 20,000 French words).
//     Licence: ODC-BY, data/NOTICE-opensubtitles.txt.
//   - The snowball stopword lists of English, French and Russian, from
//     github.com/kljensen/snowball (already a dependency).
//
// No citable Russian frequency list is packaged for Debian or npm, so
// Russian words are judged by the snowball stopword list alone.
//
// The data files are generated; to regenerate them, from the repository
// root:
//
//	apt-get install wordnet-base
//	npm pack --pack-destination /tmp @zxcvbn-ts/language-en@4.1.1 @zxcvbn-ts/language-fr@4.1.2
//	go run ./cmd/lexgen -wordnet /usr/share/wordnet \
//	    -wordnet-license /usr/share/doc/wordnet-base/copyright \
//	    -en /tmp/zxcvbn-ts-language-en-4.1.1.tgz -fr /tmp/zxcvbn-ts-language-fr-4.1.2.tgz \
//	    -out knowledge/lexicon/data
package lexicon

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/russian"
)

//go:embed data/*.txt
var data embed.FS

// Sense is a WordNet synset, by its index in the embedded lists.
type Sense int32

// Word is an English word WordNet lists, written in lower case.
type Word struct {
	Lemma string
	POS   string  // the parts of speech it has, of n v a r
	Tags  int     // how often its senses are tagged in SemCor
	Sense []Sense // its senses, the most used part of speech first
}

// Lexicon holds the embedded word lists.
type Lexicon struct {
	words  map[string]*Word
	links  [][]Sense  // sense -> senses tied to it, both ways
	senses [][]string // sense -> the kept words that have it
	pos    []byte     // sense -> part of speech
	exc    map[string][]Form
	ant    map[string][]string
	given  map[string][]string
	enRank map[string]int
	frRank map[string]int

	stemOnce sync.Once
	stems    map[string][]string // English stem -> frequent words with it
}

var loadDefault = sync.OnceValues(func() (*Lexicon, error) { return Load(data) })

// Default returns the embedded lexicon, parsed on first use.
func Default() (*Lexicon, error) { return loadDefault() }

// Load parses a lexicon from fsys, which has the layout of data/ under
// "data".
func Load(fsys fs.FS) (*Lexicon, error) {
	l := &Lexicon{words: map[string]*Word{}, exc: map[string][]Form{}, ant: map[string][]string{},
		given: map[string][]string{}, enRank: map[string]int{}, frRank: map[string]int{}}
	maxSense := Sense(-1)
	sensePOS := map[Sense]byte{}
	err := eachLine(fsys, "wordnet-words.txt", func(f []string) error {
		if len(f) != 3 {
			return fmt.Errorf("want 3 tab-separated fields, got %d", len(f))
		}
		tags, err := strconv.Atoi(f[1])
		if err != nil {
			return err
		}
		w := &Word{Lemma: f[0], Tags: tags}
		for _, group := range strings.Fields(f[2]) {
			pos, ids, ok := strings.Cut(group, ":")
			if !ok || len(pos) != 1 || !strings.Contains("nvar", pos) {
				return fmt.Errorf("bad senses %q", group)
			}
			w.POS += pos
			for _, id := range strings.Split(ids, ",") {
				s, err := parseSense(id)
				if err != nil {
					return err
				}
				w.Sense = append(w.Sense, s)
				sensePOS[s] = pos[0]
				maxSense = max(maxSense, s)
			}
		}
		l.words[w.Lemma] = w
		return nil
	}, "\t")
	if err != nil {
		return nil, err
	}
	l.links = make([][]Sense, maxSense+1)
	l.senses = make([][]string, maxSense+1)
	l.pos = make([]byte, maxSense+1)
	for s, p := range sensePOS {
		l.pos[s] = p
	}
	for _, w := range l.words {
		for _, s := range w.Sense {
			l.senses[s] = append(l.senses[s], w.Lemma)
		}
	}
	for _, ws := range l.senses {
		slices.Sort(ws)
	}
	err = eachLine(fsys, "wordnet-links.txt", func(f []string) error {
		if len(f) != 2 {
			return fmt.Errorf("want 2 tab-separated fields, got %d", len(f))
		}
		a, err := parseSense(f[0])
		if err != nil {
			return err
		}
		for _, id := range strings.Split(f[1], ",") {
			b, err := parseSense(id)
			if err != nil {
				return err
			}
			if a > maxSense || b > maxSense {
				return fmt.Errorf("sense %s or %s is no word's", f[0], id)
			}
			l.links[a] = append(l.links[a], b)
			l.links[b] = append(l.links[b], a)
		}
		return nil
	}, "\t")
	if err != nil {
		return nil, err
	}
	pairs := func(name string, into map[string][]string, mutual bool) error {
		return eachLine(fsys, name, func(f []string) error {
			if len(f) < 2 {
				return fmt.Errorf("want a word and at least one more")
			}
			into[f[0]] = append(into[f[0]], f[1:]...)
			if mutual {
				into[f[1]] = append(into[f[1]], f[0])
			}
			return nil
		}, " ")
	}
	err = eachLine(fsys, "wordnet-exceptions.txt", func(f []string) error {
		if len(f) < 3 || len(f[1]) != 1 || !strings.Contains("nvar", f[1]) {
			return fmt.Errorf("want a form, a part of speech and its bases")
		}
		for _, b := range f[2:] {
			l.exc[f[0]] = append(l.exc[f[0]], Form{Lemma: b, POS: f[1][0]})
		}
		return nil
	}, " ")
	if err != nil {
		return nil, err
	}
	if err := pairs("wordnet-antonyms.txt", l.ant, true); err != nil {
		return nil, err
	}
	if err := pairs("wordnet-names.txt", l.given, false); err != nil {
		return nil, err
	}
	for name, ranks := range map[string]map[string]int{"opensubtitles-en.txt": l.enRank, "opensubtitles-fr.txt": l.frRank} {
		n := 0
		err := eachLine(fsys, name, func(f []string) error {
			n++
			if _, dup := ranks[f[0]]; !dup {
				ranks[f[0]] = n
			}
			return nil
		}, "\t")
		if err != nil {
			return nil, err
		}
	}
	return l, nil
}

func parseSense(id string) (Sense, error) {
	n, err := strconv.ParseInt(id, 36, 32)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("bad sense id %q", id)
	}
	return Sense(n), nil
}

// eachLine calls fn with the sep-separated fields of every line of
// data/name that is not empty or a # comment.
func eachLine(fsys fs.FS, name string, fn func([]string) error, sep string) error {
	f, err := fsys.Open("data/" + name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if t == "" || t[0] == '#' {
			continue
		}
		if err := fn(strings.Split(t, sep)); err != nil {
			return fmt.Errorf("lexicon %s:%d: %w", name, line, err)
		}
	}
	return sc.Err()
}

// English returns the word when WordNet lists it as a lemma of its own
// (in lower case: names are left out).
func (l *Lexicon) English(w string) (*Word, bool) {
	x, ok := l.words[w]
	return x, ok
}

// detach holds WordNet's rules of detachment (morphy), by part of speech.
var detach = map[byte][][2]string{
	'n': {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}},
	'v': {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}},
	'a': {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}},
}

// Form is a lemma in one part of speech (n, v, a or r).
type Form struct {
	Lemma string
	POS   byte
}

// Inflections returns the lemmas, with their part of speech, that an
// inflected English word is a form of, as WordNet's morphy finds them
// (exception lists, then rules of detachment), leaving out the word itself.
func (l *Lexicon) Inflections(w string) []Form {
	var out []Form
	add := func(f Form) {
		if f.Lemma != w && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	for _, f := range l.exc[w] {
		add(f)
	}
	for _, pos := range []byte("nva") {
		for _, r := range detach[pos] {
			stem, ok := strings.CutSuffix(w, r[0])
			if !ok || stem == "" {
				continue
			}
			if x, ok := l.words[stem+r[1]]; ok && strings.IndexByte(x.POS, pos) >= 0 {
				add(Form{x.Lemma, pos})
			}
		}
	}
	return out
}

// Bases returns the lemmas an inflected English word is a form of (see
// Inflections), leaving out the word itself.
func (l *Lexicon) Bases(w string) []string {
	var out []string
	for _, f := range l.Inflections(w) {
		if !slices.Contains(out, f.Lemma) {
			out = append(out, f.Lemma)
		}
	}
	return out
}

// SensesOf returns the senses of lemma w in one part of speech.
func (l *Lexicon) SensesOf(w string, pos byte) []Sense {
	x, ok := l.words[w]
	if !ok {
		return nil
	}
	var out []Sense
	for _, s := range x.Sense {
		if l.pos[s] == pos {
			out = append(out, s)
		}
	}
	return out
}

// Lemmas returns w when WordNet lists it, else the lemmas it is a form of.
func (l *Lexicon) Lemmas(w string) []string {
	if _, ok := l.words[w]; ok {
		return []string{w}
	}
	return l.Bases(w)
}

// Senses returns the senses of w, or of the lemmas it is a form of.
func (l *Lexicon) Senses(w string) []Sense {
	var out []Sense
	for _, b := range l.Lemmas(w) {
		out = append(out, l.words[b].Sense...)
	}
	return out
}

// Tags returns the SemCor tag count of w, or the highest of the lemmas it is
// a form of.
func (l *Lexicon) Tags(w string) int {
	n := 0
	for _, b := range l.Lemmas(w) {
		n = max(n, l.words[b].Tags)
	}
	return n
}

// Linked reports whether sense a is b or tied to it by one pointer.
func (l *Lexicon) Linked(a, b Sense) bool {
	if a == b {
		return true
	}
	if int(a) >= len(l.links) {
		return false
	}
	return slices.Contains(l.links[a], b)
}

// SenseWords returns the listed English words that have sense s.
func (l *Lexicon) SenseWords(s Sense) []string {
	if int(s) >= len(l.senses) {
		return nil
	}
	return l.senses[s]
}

// Antonyms returns the WordNet antonyms of the English lemma w, carried to
// derivationally related forms ("failure" for "succeed").
func (l *Lexicon) Antonyms(w string) []string { return l.ant[w] }

// GivenName returns the surnames of the people WordNet lists with the first
// name w, when there are at least two; nil otherwise.
func (l *Lexicon) GivenName(w string) []string { return l.given[w] }

// EnglishRank is w's rank among the 25,000 most frequent English words of
// OpenSubtitles, 1 the most frequent; 0 when it is not among them.
func (l *Lexicon) EnglishRank(w string) int { return l.enRank[w] }

// EnglishWords is how many words the English frequency list holds: a word
// it lacks is rarer than that.
func (l *Lexicon) EnglishWords() int { return len(l.enRank) }

// FrenchRank is w's rank among the 20,000 most frequent French words of
// OpenSubtitles; 0 when it is not among them.
func (l *Lexicon) FrenchRank(w string) int { return l.frRank[w] }

// Lang is a language of the questions.
type Lang int

// The languages the matcher reads.
const (
	English Lang = iota
	French
	Russian
)

func (g Lang) String() string {
	switch g {
	case French:
		return "French"
	case Russian:
		return "Russian"
	}
	return "English"
}

// Elision reports a French word written elided before an apostrophe: the
// "l" of "l'appel", the "qu" of "qu'il". The matcher drops it and reads the
// word after ("d'après" as "après"), and the synonym check judges that word.
func Elision(w string) bool {
	switch w {
	case "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu":
		return true
	}
	return false
}

// Stopword reports a snowball stopword of the language.
func Stopword(w string, g Lang) bool {
	switch g {
	case French:
		return french.IsStopWord(w)
	case Russian:
		return russian.IsStopWord(w)
	}
	return english.IsStopWord(w)
}

// Stem returns the snowball stem of w in the language, as the matcher
// computes it (stopwords stemmed too).
func Stem(w string, g Lang) string {
	switch g {
	case French:
		return french.Stem(w, true)
	case Russian:
		return russian.Stem(w, true)
	}
	return english.Stem(w, true)
}

// StemFamily returns the English words (among the 25,000 most
// frequent) whose snowball stem is st, most frequent first.
func (l *Lexicon) StemFamily(st string) []string {
	l.stemOnce.Do(func() {
		l.stems = map[string][]string{}
		byRank := make([]string, len(l.enRank)+1)
		for w, r := range l.enRank {
			byRank[r] = w
		}
		for _, w := range byRank {
			if w != "" {
				s := english.Stem(w, true)
				l.stems[s] = append(l.stems[s], w)
			}
		}
	})
	return l.stems[st]
}

// Links returns the senses tied to s by one pointer, either way.
func (l *Lexicon) Links(s Sense) []Sense {
	if int(s) >= len(l.links) {
		return nil
	}
	return l.links[s]
}
