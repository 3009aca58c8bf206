package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jdkato/prose/v3/token"
)

// TestFastTaggerAgrees tags every sentence of the samples and of the
// golden texts with the fast tagger and with prose: where the fast tagger
// answers, the tags are prose's, and it leaves to prose the sentences
// with a word prose tags by a rule of its own.
func TestFastTaggerAgrees(t *testing.T) {
	x := extractor(t)
	if x.pos == nil {
		t.Fatal("the fast tagger did not load")
	}
	texts := []string{strings.Join([]string{
		"Police said 225 people had died in Almaty in 2022, and 4,500 were hurt.",
		"The mid-January riots -- the worst since 1991 -- left +1234 dead.",
		"Ms. García-López, 42, and Dr. O'Neill flew to São Paulo via JFK.",
		"Follow @claimex for updates :-) xD",
		"The trace *-1 and the bracket -LRB- are placeholders - of a treebank.",
		"",
	}, "\n")}
	for _, d := range seedDocs(t) {
		texts = append(texts, d.Text)
	}
	golden, _ := filepath.Glob("testdata/*.txt")
	for _, p := range golden {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	answered, deferred := 0, 0
	for _, text := range texts {
		for line := range strings.Lines(text) {
			for _, seg := range x.segmenter.Segment(strings.TrimRight(line, "\n")) {
				want := x.tokenizer.Tokenize(seg.Text)
				got := append([]token.Token(nil), want...)
				x.tagger.TagTokens(want)
				if !x.pos.tag(got) {
					deferred++
					continue
				}
				answered++
				for i := range want {
					if got[i].Tag != want[i].Tag {
						t.Errorf("token %q of %q: fast %s, prose %s", want[i].Text, seg.Text, got[i].Tag, want[i].Tag)
						break
					}
				}
			}
		}
	}
	if answered == 0 || deferred*20 > answered {
		t.Errorf("the fast tagger answered %d sentences and left %d to prose", answered, deferred)
	}
	t.Logf("fast tagger answered %d sentences, left %d to prose", answered, deferred)
}

// TestFastTaggerSpecial: the words prose tags by its own rules are told.
func TestFastTaggerSpecial(t *testing.T) {
	x := extractor(t)
	for word, want := range map[string]bool{"-": true, "@claimex": true, ":-)": true, "*-1": true, "-LRB-": true, "0": true,
		"police": false, "Almaty": false, "4,500": false, "--": false, "": false} {
		for range 2 { // asked, then remembered
			if got := x.pos.special(word); got != want {
				t.Errorf("special(%q) = %v, want %v", word, got, want)
			}
		}
	}
}

// BenchmarkPOSTagger tags the sentences of the samples with prose's
// tagger and with the fast one (prose where it defers).
func BenchmarkPOSTagger(b *testing.B) {
	x := extractor(b)
	var sents [][]token.Token
	for _, d := range seedDocs(b) {
		for line := range strings.Lines(d.Text) {
			for _, seg := range x.segmenter.Segment(strings.TrimRight(line, "\n")) {
				sents = append(sents, x.tokenizer.Tokenize(seg.Text))
			}
		}
	}
	b.Run("prose", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, s := range sents {
				x.tagger.TagTokens(s)
			}
		}
	})
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, s := range sents {
				if !x.pos.tag(s) {
					x.tagger.TagTokens(s)
				}
			}
		}
	})
}

// FuzzFastTagger: on any sentence the fast tagger either leaves it to
// prose or gives prose's tags, token for token.
func FuzzFastTagger(f *testing.F) {
	for _, s := range []string{"Police said 225 people died in Almaty.", "Follow @claimex :-)", "The trace *-1 -LRB-",
		"ÉTAT D'URGENCE: 3 morts à Paris", "a\u00a0b\tc 12,5% $3.4bn", ""} {
		f.Add(s)
	}
	x := extractor(f)
	f.Fuzz(func(t *testing.T, s string) {
		want := x.tokenizer.Tokenize(s)
		got := append([]token.Token(nil), want...)
		x.tagger.TagTokens(want)
		if !x.pos.tag(got) {
			return
		}
		for i := range want {
			if got[i].Tag != want[i].Tag {
				t.Fatalf("token %q of %q: fast %s, prose %s", want[i].Text, s, got[i].Tag, want[i].Tag)
			}
		}
	})
}

// FuzzParseFastTagger: a damaged model is refused, never a panic.
func FuzzParseFastTagger(f *testing.F) {
	f.Add([]byte("PROSETAG\x01\x00\x00\x00\x02\x00\x00\x00"))
	f.Add([]byte("PROSETAG\x01\x00\x00\x00\x01\x00\x00\x00\x02\x00NN\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Add([]byte("not a model"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if tg, err := parseFastTagger(b); err == nil && tg == nil {
			t.Fatal("no tagger and no error")
		}
	})
}
