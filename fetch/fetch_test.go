package fetch

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
)

var update = flag.Bool("update", false, "rewrite golden files")

const seeds = "../testdata/seeds"

// TestCleanSeedsGolden cleans the sample articles and compares the text
// with the golden files in testdata/golden (go test -update rewrites them).
func TestCleanSeedsGolden(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(seeds, "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no seed articles in %s: %v", seeds, err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Clean(claimex.Input{Source: path, Format: claimex.FormatText, Bytes: b}, rules.Default())
			if err != nil {
				t.Fatal(err)
			}
			got := "title: " + doc.Title + "\npublished: " + doc.Published + "\n\n" + doc.Text + "\n"
			golden := filepath.Join("testdata", "golden", strings.TrimSuffix(filepath.Base(path), ".txt")+".clean.txt")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("clean text differs from %s (go test -update rewrites it):\n%s", golden, got)
			}
		})
	}
}

// TestCleanSeedsBoilerplate checks, line by line, clutter that must go and
// article text that must stay.
func TestCleanSeedsBoilerplate(t *testing.T) {
	tests := []struct {
		file       string
		gone, kept []string
	}{
		{"000_f98e5ad40a96cb5c.txt",
			[]string{"You are here", "see more", "Leave a Reply", "Top",
				"This site uses Akismet to reduce spam. Learn how your comment data is processed.",
				"Home > News > Kazakhstan January riots deadliest in country’s post-Soviet history"},
			[]string{"Kazakhstan January riots deadliest in country’s post-Soviet history",
				"Mass riots brutally quelled with help of Russia"}},
		{"001_c3d0c4f10a557457.txt",
			[]string{"Leave a Reply", "Your email address will not be published.", "8 + 1 ="},
			[]string{"Last week's violent protests in Kazakhstan leave 225 dead and 4,500 injured"}},
		{"002_47e49d6628047b86.txt",
			[]string{"Translate", "Search This Blog", "Do You Know What I Have Posted on",
				"Twitter Facebook Instagram Reddit tumblr", "No comments:", "Post a Comment"},
			[]string{"Energy prices as a trigger"}},
		{"004_371244e6fb34e273.txt",
			[]string{"Valery Sharifulin / TASS)", "AFP via Getty Images)", "Continue reading", "Leave a Comment"},
			[]string{"He also condemned the government’s order to kill."}},
	}
	for _, tt := range tests {
		b, err := os.ReadFile(filepath.Join(seeds, tt.file))
		if err != nil {
			t.Fatal(err)
		}
		lines := map[string]bool{}
		for _, l := range FilterLines(string(b), rules.Default()) {
			lines[l] = true
		}
		for _, g := range tt.gone {
			if lines[g] {
				t.Errorf("%s: boilerplate line kept: %q", tt.file, g)
			}
		}
		for _, k := range tt.kept {
			if !lines[k] {
				t.Errorf("%s: article line lost: %q", tt.file, k)
			}
		}
	}
}

func TestCleanHTML(t *testing.T) {
	b, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Clean(claimex.Input{Source: "article.html", Format: claimex.FormatHTML, Bytes: b}, rules.Default())
	if err != nil {
		t.Fatal(err)
	}
	want := claimex.Document{Title: "Floods displace 12,000 in the north", Published: "2024-03-05T08:30:00Z",
		Byline: "A. Reporter", Site: "Example News", URL: "https://news.example/floods", Lang: "en-GB"}
	if doc.Title != want.Title || doc.Published != want.Published || doc.Byline != want.Byline ||
		doc.Site != want.Site || doc.URL != want.URL || doc.Lang != want.Lang {
		t.Errorf("metadata = %+v", doc)
	}
	for _, kept := range []string{
		"Floods displace 12,000 in the north",
		"Heavy rain has forced more than 12,000 people from their homes, officials said on Tuesday.",
		"At least 14 people were killed, according to the regional emergency service.",
		"Rescue teams evacuated 800 residents by boat.",
		"Roads closed",
	} {
		if !strings.Contains(doc.Text, kept) {
			t.Errorf("article text lost %q:\n%s", kept, doc.Text)
		}
	}
	for _, gone := range []string{"tracking", "color: red", "Home", "Share on Twitter", "Storm kills", "Subscribe", "rights reserved"} {
		if strings.Contains(doc.Text, gone) {
			t.Errorf("clutter %q kept:\n%s", gone, doc.Text)
		}
	}
	if strings.Count(doc.Text, "Floods displace 12,000 in the north") != 1 {
		t.Errorf("headline repeated:\n%s", doc.Text)
	}
	// The headline was put before the article's text: Body leaves it out.
	if body := doc.Body(); !strings.HasPrefix(body, "Heavy rain has forced") {
		t.Errorf("body (from %d) = %q…", doc.BodyStart, body[:min(len(body), 40)])
	}
}

// TestCleanStrayNULs: NUL bytes scattered through a text or a page are
// dropped and the article is kept, as it reads without them.
func TestCleanStrayNULs(t *testing.T) {
	page, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(filepath.Join(seeds, "004_371244e6fb34e273.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []claimex.Input{
		{Source: "article.html", Format: claimex.FormatHTML, Bytes: page},
		{Source: "004.txt", Format: claimex.FormatText, Bytes: text},
	} {
		want, err := Clean(in, rules.Default())
		if err != nil {
			t.Fatal(err)
		}
		// A NUL every 97 bytes, one of them at the very start.
		var b []byte
		for i, c := range in.Bytes {
			if i%97 == 0 {
				b = append(b, 0)
			}
			b = append(b, c)
		}
		in.Bytes = b
		got, err := Clean(in, rules.Default())
		if err != nil {
			t.Fatalf("%s with NULs: %v", in.Source, err)
		}
		if got.Text != want.Text || got.Title != want.Title {
			t.Errorf("%s with NULs: text\n%s\nwant\n%s", in.Source, got.Text, want.Text)
		}
	}
}

func TestCleanErrors(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		format claimex.Format
		err    error
	}{
		{"empty text", "", claimex.FormatText, ErrNoText},
		{"only boilerplate", "Leave a Reply\n\nsee more\n", claimex.FormatText, ErrNoText},
		{"only scripts", "<html><script>var a = 1;</script><style>b{}</style></html>", claimex.FormatHTML, ErrNoText},
		{"binary html", "\x00\x01\x02GIF89a", claimex.FormatHTML, ErrBinary},
	}
	for _, tt := range tests {
		_, err := Clean(claimex.Input{Source: tt.name, Format: tt.format, Bytes: []byte(tt.in)}, rules.Default())
		if !errors.Is(err, tt.err) {
			t.Errorf("%s: error = %v, want %v", tt.name, err, tt.err)
		}
	}
}

func TestParseDateline(t *testing.T) {
	tests := map[string]string{
		"Friday, January 7, 2022":   "2022-01-07",
		"January 7, 2022":           "2022-01-07",
		"7 January 2022":            "2022-01-07",
		"Sunday 9th January 2022":   "2022-01-09",
		"Jan. 9, 2022":              "2022-01-09",
		"Friday, Januar 7, 2022":    "",
		"January 7, 2022 was a day": "",
		"225 people dead":           "",
	}
	for in, want := range tests {
		got, ok := parseDateline(in)
		if got != want || ok != (want != "") {
			t.Errorf("parseDateline(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestStripMarkdown(t *testing.T) {
	in := "# Floods kill 14\n\n> At **least** 14 people were [killed](https://x.example), officials said.\n\n- 800 _evacuated_\n"
	want := "Floods kill 14\n\nAt least 14 people were killed, officials said.\n\n800 evacuated\n"
	if got := stripMarkdown(in); got != want {
		t.Errorf("stripMarkdown =\n%q\nwant\n%q", got, want)
	}
}

func TestNormalizeLine(t *testing.T) {
	tests := map[string]string{
		"  two\u00a0 spaces\t":  "two spaces",
		"zero\u200bwidth":       "zerowidth",
		"Tok\u0061\u0301yev":    "Tokáyev", // decomposed á becomes one code point
		"soft\u00adhyphen\x07":  "softhyphen",
		"\ufeffBOM in the line": "BOM in the line",
	}
	for in, want := range tests {
		if got := normalizeLine(in); got != want {
			t.Errorf("normalizeLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzCleanHTML(f *testing.F) {
	b, err := os.ReadFile("testdata/article.html")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte("<p>a<div>b</p></div><table><td>c"))
	f.Add([]byte("<html><body><article><article><p>nested</p></article></article>"))
	f.Add([]byte("<meta charset=gb2312><p>\xc4\xe3\xba\xc3</p>"))
	// Two containers that score the same, far apart.
	f.Add([]byte("<body>" + deep("div", 5, "<div>"+para("Alpha text.")+"</div>") + deep("section", 5, "<div>"+para("Omega text.")+"</div>") + "</body>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Clean(claimex.Input{Source: "fuzz.html", Format: claimex.FormatHTML, Bytes: data}, rules.Default())
		if err != nil {
			return
		}
		if !utf8.ValidString(doc.Text) || !utf8.ValidString(doc.Title) {
			t.Fatalf("clean output is not UTF-8: %q", doc.Text)
		}
		if strings.Contains(doc.Text, "\n\n\n") || strings.TrimSpace(doc.Text) != doc.Text {
			t.Fatalf("clean text has stray blank lines: %q", doc.Text)
		}
		// Same bytes, same text.
		again, err := Clean(claimex.Input{Source: "fuzz.html", Format: claimex.FormatHTML, Bytes: data}, rules.Default())
		if err != nil || again.Text != doc.Text {
			t.Fatalf("cleaning again gave another text (%v):\n%q\nfirst:\n%q", err, again.Text, doc.Text)
		}
	})
}

func FuzzFilterLines(f *testing.F) {
	for _, name := range []string{"000_f98e5ad40a96cb5c.txt", "002_47e49d6628047b86.txt"} {
		b, err := os.ReadFile(filepath.Join(seeds, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("8 + 1 =\r\nLeave a Reply\rTop\n\n\n")
	r := rules.Default()
	f.Fuzz(func(t *testing.T, s string) {
		for _, line := range FilterLines(s, r) {
			if line == "" || strings.ContainsAny(line, "\r\n") || line != strings.TrimSpace(line) {
				t.Fatalf("bad kept line %q", line)
			}
			if r.Boilerplate.Match(line) {
				t.Fatalf("kept a boilerplate line %q", line)
			}
		}
	})
}

// BenchmarkClean cleans the sample HTML page and the sample texts.
func BenchmarkClean(b *testing.B) {
	page, err := os.ReadFile("testdata/article.html")
	if err != nil {
		b.Fatal(err)
	}
	inputs := []claimex.Input{{Source: "article.html", Format: claimex.FormatHTML, Bytes: page}}
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		inputs = append(inputs, claimex.Input{Source: f, Format: claimex.FormatText, Bytes: t})
	}
	size := 0
	for _, in := range inputs {
		size += len(in.Bytes)
	}
	r := rules.Default()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range inputs {
			if _, err := Clean(in, r); err != nil {
				b.Fatal(err)
			}
		}
	}
}
