package knowledge

import "github.com/callbot/callbot/knowledge/lexicon"

// lexical runs the checks that need word lists from maintained sources
// (package lexicon): synonyms that fold another meaning into their group,
// and bare Yes/No answers given to phrasings that ask something else.
func (c *checker) lexical() {
	lx, err := lexicon.Default()
	if err != nil {
		c.add(Pos{File: "synonyms.yaml", Line: 1}, "word lists: %v", err)
		return
	}
	c.synonymSenses(lx)
	c.yesNoPolarity(lx)
}
