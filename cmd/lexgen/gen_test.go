package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/callbot/callbot/knowledge/lexicon"
)

// npmTarball writes an npm-pack-like tarball with commonWords.json and
// NOTICE.md, as the @zxcvbn-ts language packages ship them.
func npmTarball(t *testing.T, dir, name string, words []string) string {
	t.Helper()
	js, err := json.Marshal(words)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for file, body := range map[string][]byte{
		"package/src/commonWords.json": js,
		"package/NOTICE.md":            []byte("Made-up frequency list for tests.\nLicense: ODC-BY\n"),
	} {
		if err := tw.WriteHeader(&tar.Header{Name: file, Mode: 0o644, Size: int64(len(body))}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// generate runs lexgen on the made-up dictionary in testdata and returns
// the output directory's parent (which lexicon.Load reads as "data/").
func generate(t *testing.T) string {
	t.Helper()
	tmp := t.TempDir()
	cfg := config{
		wordnet:        "testdata/wordnet",
		wordnetLicense: "testdata/copyright",
		en:             npmTarball(t, tmp, "en.tgz", []string{"the", "I", "lawyer", "Told", "attorney", "l'", "tell", "succeed", "fail", "success", "failure", "Kiev"}),
		fr:             npmTarball(t, tmp, "fr.tgz", []string{"de", "coup", "d'", "avocat"}),
		out:            filepath.Join(tmp, "data"),
	}
	if err := run(cfg); err != nil {
		t.Fatal(err)
	}
	return tmp
}

// TestRun generates the lists from a made-up dictionary and reads them back
// through package lexicon.
func TestRun(t *testing.T) {
	t.Parallel()
	dir := generate(t)
	l, err := lexicon.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"lawyer and attorney share a sense", senseShared(l, "lawyer", "attorney"), true},
		{"lawyer is a noun and a verb", pos(l, "lawyer"), "nv"},
		{"lawyer's SemCor count", l.Tags("lawyer"), 15},
		{"told is a form of tell", strings.Join(l.Bases("told"), " "), "tell"},
		{"Kiev is a name: left out", len(l.Senses("kiev")), 0},
		{"vladimir names two people", strings.Join(l.GivenName("vladimir"), " "), "lenin putin"},
		{"succeed opposes fail", slices.Contains(l.Antonyms("succeed"), "fail"), true},
		{"success opposes fail, carried to derived forms", slices.Contains(l.Antonyms("success"), "fail"), true},
		{"English ranks drop clitics and fold case", l.EnglishRank("told"), 4},
		{"French ranks drop elisions", l.FrenchRank("avocat"), 3},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	lic, err := os.ReadFile(filepath.Join(dir, "data", "LICENSE-wordnet.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(lic), "WordNet 3.0 Copyright 2006 by Princeton University.") || strings.Contains(string(lic), "GPL") {
		t.Errorf("LICENSE-wordnet.txt = %q, want the WordNet stanza only", lic)
	}
	notice, err := os.ReadFile(filepath.Join(dir, "data", "NOTICE-opensubtitles.txt"))
	if err != nil || !strings.Contains(string(notice), "ODC-BY") {
		t.Errorf("NOTICE-opensubtitles.txt = %q, %v; want the packages' notices", notice, err)
	}
}

// TestRunDeterministic: the same sources give the same files.
func TestRunDeterministic(t *testing.T) {
	t.Parallel()
	a, b := generate(t), generate(t)
	names, err := os.ReadDir(filepath.Join(a, "data"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		x, _ := os.ReadFile(filepath.Join(a, "data", n.Name()))
		y, _ := os.ReadFile(filepath.Join(b, "data", n.Name()))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", n.Name())
		}
	}
}

func senseShared(l *lexicon.Lexicon, a, b string) bool {
	for _, s := range l.Senses(a) {
		if slices.Contains(l.Senses(b), s) {
			return true
		}
	}
	return false
}

func pos(l *lexicon.Lexicon, w string) string {
	x, ok := l.English(w)
	if !ok {
		return ""
	}
	return x.POS
}
