// Package knowledge holds callbot's curated data: the source articles and the
// question-and-answer set drawn from them. It loads a set from the embedded
// copy or from a directory of the same layout, and checks that a set is sound.
// It knows nothing about Discord or scoring.
//
// Layout of a set (the embedded one lives beside this file):
//
//	about.yaml             what the set says about itself (see About)
//	sources/sources.yaml   source metadata: id, file, title, summary
//	sources/*.txt          each article's text, unchanged
//	topics.yaml            topic ids and display titles, in display order
//	synonyms.yaml          groups of words the matcher treats as one
//	qa/*.yaml              the entries, any number of files
package knowledge

import "strings"

// Source is one article the answers are drawn from.
type Source struct {
	ID      string `yaml:"id"`
	File    string `yaml:"file"`    // path relative to sources/
	Title   string `yaml:"title"`   // descriptive; no outlet, author or date the text does not give
	Summary string `yaml:"summary"` // what the article covers, for /sources
	Text    string `yaml:"-"`       // the article, loaded from File

	Pos Pos `yaml:"-"`
}

// About is what the set says about itself: the bot's description and the
// texts it writes when it has no answer. A set curated about another event
// describes itself rightly without a change to the code.
type About struct {
	// Summary is one line (at most 100 characters, Discord's limit for a
	// command description): what the bot answers questions about.
	Summary string `yaml:"summary"`
	// Description opens /about: what the bot knows and from where.
	Description string `yaml:"description"`
	// Hint answers a message that asks nothing; {example} stands for the
	// example question (Set.Example).
	Hint string `yaml:"hint"`
	// Refusal answers a question the sources do not answer.
	Refusal string `yaml:"refusal"`
	// Suggest introduces the suggested questions after a refusal.
	Suggest string `yaml:"suggest"`
	// Footer ends every answer: where answers come from.
	Footer string `yaml:"footer"`
	// Languages answers a question in a language the matcher does not read.
	Languages string `yaml:"languages"`
	// Translations are these texts in the other languages read, by code
	// ("fr", "ru"); a text left out stays English.
	Translations map[string]AboutText `yaml:"translations,omitempty"`

	Pos Pos `yaml:"-"`
}

// AboutText is About's texts in one other language.
type AboutText struct {
	Summary     string `yaml:"summary,omitempty"`
	Description string `yaml:"description,omitempty"`
	Hint        string `yaml:"hint,omitempty"`
	Refusal     string `yaml:"refusal,omitempty"`
	Suggest     string `yaml:"suggest,omitempty"`
	Footer      string `yaml:"footer,omitempty"`
}

// In returns the texts in lang ("en", "fr", "ru"), English where a
// translation leaves one out.
func (a About) In(lang string) About {
	t, ok := a.Translations[lang]
	if !ok {
		return a
	}
	pick := func(tr, en string) string {
		if tr != "" {
			return tr
		}
		return en
	}
	a.Summary = pick(t.Summary, a.Summary)
	a.Description = pick(t.Description, a.Description)
	a.Hint = pick(t.Hint, a.Hint)
	a.Refusal = pick(t.Refusal, a.Refusal)
	a.Suggest = pick(t.Suggest, a.Suggest)
	a.Footer = pick(t.Footer, a.Footer)
	return a
}

// KeptSynonym is a synonym member kept although Check's word lists take it
// for a word of another meaning, with the curator's reason.
type KeptSynonym struct {
	Word string `yaml:"word"`
	Why  string `yaml:"why"`

	Pos Pos `yaml:"-"`
}

// Topic groups entries for browsing.
type Topic struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
	// Titles are the title in the other languages read, by code.
	Titles map[string]string `yaml:"titles,omitempty"`

	Pos Pos `yaml:"-"`
}

// TitleIn returns the topic's title in lang, or the English one.
func (t *Topic) TitleIn(lang string) string {
	if s := t.Titles[lang]; s != "" {
		return s
	}
	return t.Title
}

// Citation ties an answer to an exact sentence of a source.
type Citation struct {
	Source string `yaml:"source"`
	Quote  string `yaml:"quote"`
	// Verbatim is the quote exactly as the source prints it (typographic
	// quotes, original spacing), found by Load; empty when the quote is not
	// in the source, which Check reports.
	Verbatim string `yaml:"-"`

	Pos Pos `yaml:"-"`
}

// Text is the quote to show: exactly as the source prints it when Load found
// it there, else the curated quote with its white space folded.
func (c Citation) Text() string {
	if c.Verbatim != "" {
		return c.Verbatim
	}
	return FoldQuote(c.Quote)
}

// Entry is one curated question with its answer and evidence.
type Entry struct {
	ID        string     `yaml:"id"`
	Topic     string     `yaml:"topic"`
	Question  string     `yaml:"question"`  // canonical wording, shown to users
	Phrasings []string   `yaml:"phrasings"` // other ways people ask, in English
	French    []string   `yaml:"french,omitempty"`
	Russian   []string   `yaml:"russian,omitempty"`
	Answer    string     `yaml:"answer"`
	Citations []Citation `yaml:"citations"`
	Related   []string   `yaml:"related,omitempty"`
	// Follow says, per kind of follow-up (a FollowKinds name), which
	// entries answer it after this one, the first that fits first: the
	// curator's reading of "why?" or "and what did Macron say to that?"
	// as a reply to this answer. The entry's own id says its answer
	// already answers that follow-up.
	Follow map[string][]string `yaml:"follow,omitempty"`
	// Unsaid marks an entry for something people ask that neither article
	// says: its answer says so plainly, and what the articles do say.
	Unsaid bool `yaml:"unsaid,omitempty"`
	// Translations are curated versions of the question and answer in the
	// other languages the bot reads, by code ("fr", "ru"). Each says what
	// the English says and no more; citations stay verbatim in the
	// sources' language.
	Translations map[string]Translation `yaml:"translations,omitempty"`

	Pos Pos `yaml:"-"`
}

// Translation is an entry's question and answer in another language.
type Translation struct {
	Question string `yaml:"question"`
	Answer   string `yaml:"answer"`
}

// FollowKinds are the kinds of follow-up an entry's Follow may name, each
// with what a member replying so to the answer asks.
var FollowKinds = map[string]string{
	"why":     `why it was so, or why it was said ("why?", "pourquoi ?", "почему?")`,
	"reply":   `how the other side answered it ("what did he say to that?", "et il a répondu quoi ?", "а он что ответил?")`,
	"next":    `what came of it or after it ("and then?", "did it work?", "чем кончилось?")`,
	"truth":   `whether it is true ("is that true?", "c'est vrai ?", "это правда?")`,
	"source":  `who says so or reported it ("says who?", "source?", "откуда это?")`,
	"quote":   `the exact words ("exact words?", "full quote?", "дословно?")`,
	"who":     `who it is about or who did it ("who?", "who's he talking about?", "кто?")`,
	"when":    `when it was ("when was that?", "quand ?", "когда?")`,
	"where":   `where it was ("where?", "où ça ?", "где?")`,
	"howmany": `how many or how much ("how many?", "combien ?", "сколько?")`,
	"what":    `what a thing the answer names is ("what coup?", "which ones?", "что за соглашения?")`,
}

// TranslationLangs are the codes an entry's translations may use: the
// languages the engine reads besides English.
var TranslationLangs = []string{"fr", "ru"}

// Localized returns the entry's question and answer in lang ("fr", "ru"),
// or the English ones when it has no translation into lang.
func (e *Entry) Localized(lang string) (question, answer string) {
	if t, ok := e.Translations[lang]; ok && t.Answer != "" {
		return t.Question, t.Answer
	}
	return e.Question, e.Answer
}

// AllPhrasings returns the canonical question followed by every alternate
// phrasing in every language.
func (e *Entry) AllPhrasings() []string {
	out := make([]string, 0, 1+len(e.Phrasings)+len(e.French)+len(e.Russian))
	out = append(out, e.Question)
	out = append(out, e.Phrasings...)
	out = append(out, e.French...)
	return append(out, e.Russian...)
}

// Pos is where a value was defined, for error messages.
type Pos struct {
	File string
	Line int
}

// Set is a whole knowledge set.
type Set struct {
	About    About
	Sources  []Source
	Topics   []Topic
	Synonyms [][]string // each group's words are interchangeable
	// SynonymPos is where each synonym group is written, for Check.
	SynonymPos []Pos
	// Kept lists synonym members Check would reject that the curator keeps
	// (synonyms.yaml, key kept).
	Kept    []KeptSynonym
	Entries []Entry

	entryByID  map[string]int
	sourceByID map[string]int
}

// Entry returns the entry with the given id.
func (s *Set) Entry(id string) (*Entry, bool) {
	i, ok := s.entryByID[id]
	if !ok {
		return nil, false
	}
	return &s.Entries[i], true
}

// Index returns the index in Entries of the entry with the given id.
func (s *Set) Index(id string) (int, bool) {
	i, ok := s.entryByID[id]
	return i, ok
}

// Source returns the source with the given id.
func (s *Set) Source(id string) (*Source, bool) {
	i, ok := s.sourceByID[id]
	if !ok {
		return nil, false
	}
	return &s.Sources[i], true
}

// Example returns the question the bot offers as an example: the first
// entry of the first topic, or "" when the set has none.
func (s *Set) Example() string {
	for _, t := range s.Topics {
		if es := s.TopicEntries(t.ID); len(es) > 0 {
			return es[0].Question
		}
	}
	return ""
}

// HintText is About.Hint with the example question filled in.
func (s *Set) HintText() string { return s.HintIn("en") }

// HintIn is the hint in lang, with the example question in lang where the
// entry has a translation.
func (s *Set) HintIn(lang string) string {
	return strings.ReplaceAll(s.About.In(lang).Hint, "{example}", s.ExampleIn(lang))
}

// ExampleIn is Example in lang, where the entry has a translation.
func (s *Set) ExampleIn(lang string) string {
	for _, t := range s.Topics {
		if es := s.TopicEntries(t.ID); len(es) > 0 {
			q, _ := es[0].Localized(lang)
			return q
		}
	}
	return ""
}

// TopicEntries returns the entries of a topic in file order.
func (s *Set) TopicEntries(topic string) []*Entry {
	var out []*Entry
	for i := range s.Entries {
		if s.Entries[i].Topic == topic {
			out = append(out, &s.Entries[i])
		}
	}
	return out
}

func (s *Set) index() {
	s.entryByID = make(map[string]int, len(s.Entries))
	for i, e := range s.Entries {
		if _, dup := s.entryByID[e.ID]; !dup {
			s.entryByID[e.ID] = i
		}
	}
	s.sourceByID = make(map[string]int, len(s.Sources))
	for i, src := range s.Sources {
		if _, dup := s.sourceByID[src.ID]; !dup {
			s.sourceByID[src.ID] = i
		}
	}
}
