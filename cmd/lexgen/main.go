// Command lexgen regenerates the word lists that package knowledge/lexicon
// embeds, from the maintained sources named in that package's doc:
//
//   - WordNet 3.0, the Debian package wordnet-base (/usr/share/wordnet and
//     its licence in /usr/share/doc/wordnet-base/copyright);
//   - the OpenSubtitles 2024 frequency lists of the npm packages
//     @zxcvbn-ts/language-en and @zxcvbn-ts/language-fr, read from the
//     tarballs that npm pack writes.
//
// From the repository root:
//
//	apt-get install wordnet-base
//	npm pack --pack-destination /tmp @zxcvbn-ts/language-en@4.1.1 @zxcvbn-ts/language-fr@4.1.2
//	go run ./cmd/lexgen -wordnet /usr/share/wordnet \
//	    -wordnet-license /usr/share/doc/wordnet-base/copyright \
//	    -en /tmp/zxcvbn-ts-language-en-4.1.1.tgz -fr /tmp/zxcvbn-ts-language-fr-4.1.2.tgz \
//	    -out knowledge/lexicon/data
//
// The output is deterministic: the same sources give the same files.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	var cfg config
	flag.StringVar(&cfg.wordnet, "wordnet", "/usr/share/wordnet", "WordNet 3.0 dict directory (data.*, index.*, *.exc, cntlist.rev)")
	flag.StringVar(&cfg.wordnetLicense, "wordnet-license", "/usr/share/doc/wordnet-base/copyright", "file holding the WordNet licence (Debian copyright file)")
	flag.StringVar(&cfg.en, "en", "", "npm tarball of @zxcvbn-ts/language-en (English OpenSubtitles frequency list)")
	flag.StringVar(&cfg.fr, "fr", "", "npm tarball of @zxcvbn-ts/language-fr (French OpenSubtitles frequency list)")
	flag.StringVar(&cfg.out, "out", "knowledge/lexicon/data", "directory to write the data files to")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: lexgen -wordnet DIR -en EN.tgz -fr FR.tgz -out DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if cfg.en == "" || cfg.fr == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "lexgen:", err)
		os.Exit(1)
	}
}
