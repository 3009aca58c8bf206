package extract

import (
	"strings"
	"testing"

	"github.com/jdkato/prose/v3/token"
)

// TestFastModelAgrees labels every sentence of the samples, and every
// window extraction would label, with the fast scorer and with prose:
// where the fast scorer answers, the labels are prose's.
func TestFastModelAgrees(t *testing.T) {
	x := extractor(t)
	if x.fast == nil {
		t.Fatal("the fast entity scorer did not load")
	}
	answered, deferred := 0, 0
	check := func(toks []token.Token) {
		want := append([]token.Token(nil), toks...)
		x.ner.Label(want)
		got := append([]token.Token(nil), toks...)
		if !x.fast.label(got) {
			deferred++
			return
		}
		answered++
		for i := range want {
			if got[i].Label != want[i].Label {
				t.Errorf("token %q of %q: fast %s, prose %s", want[i].Text, joinTokens(toks), got[i].Label, want[i].Label)
				return
			}
		}
	}
	extra := []string{
		"President Kassym-Jomart Tokayev said on Friday that 225 people had died in Almaty.",
		"U.S. Secretary of State Antony Blinken met NATO officials in Brussels.",
		"The Prosecutor’s Office of Kazakhstan said 6,044 people were arrested.",
		"Ms. García-López, 42, and Dr. O'Neill flew to São Paulo via JFK.",
		"",
	}
	var texts []string
	for _, d := range seedDocs(t) {
		texts = append(texts, d.Text)
	}
	texts = append(texts, strings.Join(extra, "\n"))
	for _, text := range texts {
		for line := range strings.Lines(text) {
			for _, seg := range x.segmenter.Segment(strings.TrimRight(line, "\n")) {
				toks := x.tokenizer.Tokenize(seg.Text)
				x.tagger.TagTokens(toks)
				check(toks)
				for _, w := range nerWindows(toks, nil, nil) {
					check(toks[w[0]:w[1]])
				}
			}
		}
	}
	if answered == 0 || deferred*5 > answered {
		t.Errorf("the fast scorer answered %d and left %d to prose", answered, deferred)
	}
	t.Logf("fast scorer answered %d token runs, left %d to prose", answered, deferred)
}

func joinTokens(toks []token.Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

func TestNERShape(t *testing.T) {
	for word, want := range map[string]string{"225": "number", "4,500": "downcase", "...": "punct", "U.S.": "punct", "Tokayev": "upcase",
		"NATO": "upcase", "McDonald": "upcase", "iPhone": "mixedcase", "killed": "downcase", "Tokáyev": "upcase", "café": "punct", "—": "punct", "3.5": "number"} {
		if got := nerShape(word); got != want {
			t.Errorf("nerShape(%q) = %q, want %q", word, got, want)
		}
	}
}

func FuzzFastModel(f *testing.F) {
	f.Add("President Tokayev said 225 people died in Almaty.")
	x := extractor(f)
	f.Fuzz(func(t *testing.T, s string) {
		toks := x.tokenizer.Tokenize(s)
		x.tagger.TagTokens(toks)
		x.fast.label(toks) // must not panic
	})
}

// BenchmarkFastModel labels the windows extraction would label in the
// samples' sentences with the fast scorer.
func BenchmarkFastModel(b *testing.B) {
	x := extractor(b)
	var windows [][]token.Token
	for _, d := range seedDocs(b) {
		for line := range strings.Lines(d.Text) {
			for _, seg := range x.segmenter.Segment(strings.TrimRight(line, "\n")) {
				toks := x.tokenizer.Tokenize(seg.Text)
				x.tagger.TagTokens(toks)
				for _, w := range nerWindows(toks, nil, nil) {
					windows = append(windows, toks[w[0]:w[1]])
				}
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range windows {
			x.fast.label(w)
		}
	}
}
