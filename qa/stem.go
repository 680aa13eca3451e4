package qa

import (
	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/russian"
)

// lang is the language a word is analysed in.
type lang uint8

const (
	langEN lang = iota
	langFR
	langRU
	numLangs
)

func (l lang) String() string {
	switch l {
	case langFR:
		return "fr"
	case langRU:
		return "ru"
	}
	return "en"
}

// stem returns the snowball stem of a folded word. English words lose their
// accents first (the English stemmer knows only ASCII); French stems lose
// them after stemming, so "appelé" and a hurried "appele" meet.
func stem(word string, l lang) string {
	switch l {
	case langFR:
		return stripAccents(french.Stem(word, true))
	case langRU:
		return russian.Stem(word, true)
	}
	return english.Stem(stripAccents(word), true)
}

// isStop reports whether a folded word carries no meaning for matching: a
// snowball stopword of its language or a conversational filler word.
// Question words are handled before this (see collect).
func isStop(word string, l lang) bool {
	switch l {
	case langFR:
		return french.IsStopWord(word) || frFiller[word]
	case langRU:
		if isRuListStop(word) && !keptStops[word] {
			return true
		}
		return isStopStem(word, russian.Stem(word, true), langRU)
	}
	return (english.IsStopWord(word) || enFiller[word]) && !keptStops[word]
}

// keptStops are snowball stopwords that tell questions apart: "before"
// and "after" the call are different entries, and "other" calls or a call
// "again" are not this one.
var keptStops = wordSet("before", "after", "other", "again", "до", "после", "перед", "другие", "снова", "autres", "autre")

// isStopStem is isStop given the word's stem st.
func isStopStem(word, st string, l lang) bool {
	if l == langRU {
		// The Russian list holds one form per word; inflected forms
		// ("такие" of "такой") are caught through their stem.
		return (isRuListStop(word) || ruStopStems[st]) && !keptStops[word]
	}
	return isStop(word, l)
}

// isRuListStop reports a Russian stopword or filler by its form alone:
// such words need no stem (snowball is the bulk of a build).
func isRuListStop(word string) bool {
	return russian.IsStopWord(word) || ruFiller[word]
}

// isEnglishStop reports an English snowball stopword.
func isEnglishStop(w []byte) bool { return english.IsStopWord(string(w)) }
