package extract

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/corpus"
	"github.com/claimex/claimex/rules"
)

var shared struct {
	once sync.Once
	x    *Extractor
	err  error
}

// extractor returns one Extractor for all tests: prose's models load once.
func extractor(t testing.TB) *Extractor {
	t.Helper()
	shared.once.Do(func() { shared.x, shared.err = New(rules.Default()) })
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.x
}

func docOf(text string) claimex.Document {
	return claimex.Document{Hash: corpus.Hash([]byte(text)), Text: text}
}

// seedDocs loads the sample articles as clean documents: each line a
// paragraph, as the cleaner leaves them.
func seedDocs(t testing.TB) []claimex.Document {
	t.Helper()
	paths, err := filepath.Glob("../testdata/seeds/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	var docs []claimex.Document
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		d := docOf(string(b))
		d.Source = p
		docs = append(docs, d)
	}
	return docs
}

func TestCountClaims(t *testing.T) {
	tests := []struct {
		sentence  string
		category  claimex.Category
		value     float64 // -1: vague
		qualifier claimex.Qualifier
		subject   string
	}{
		{"Floods have left 225 people dead in the north.", claimex.Killed, 225, claimex.Exact, "people"},
		{"More than 4,500 people were injured in the clashes.", claimex.Injured, 4500, claimex.MoreThan, "people"},
		{"Police said 6,044 people were arrested after the riot.", claimex.Arrested, 6044, claimex.Exact, "people"},
		{"At least 12 miners died after the collapse.", claimex.Killed, 12, claimex.AtLeast, "miners"},
		{"About a hundred prisoners have been released.", claimex.Released, 100, claimex.Approximately, "prisoners"},
		{"Rescuers evacuated 800 residents by boat.", claimex.Evacuated, 800, claimex.Exact, "residents"},
		{"Thousands of people were detained.", claimex.Arrested, -1, "", ""},
	}
	x := extractor(t)
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			var counts []claimex.Claim
			for _, c := range x.Extract(docOf(tt.sentence)) {
				if c.Kind == claimex.KindCount {
					counts = append(counts, c)
				}
			}
			if len(counts) != 1 {
				t.Fatalf("got %d count claims, want 1: %+v", len(counts), counts)
			}
			c := counts[0]
			if c.Category != tt.category {
				t.Errorf("category = %s, want %s", c.Category, tt.category)
			}
			if tt.value < 0 {
				if c.Value != nil || c.Vague == "" {
					t.Errorf("want a vague amount, got value %v vague %q", c.Value, c.Vague)
				}
				return
			}
			if c.Value == nil || *c.Value != tt.value {
				t.Errorf("value = %v, want %v", c.Value, tt.value)
			}
			if c.Qualifier != tt.qualifier {
				t.Errorf("qualifier = %s, want %s", c.Qualifier, tt.qualifier)
			}
			if c.Subject != tt.subject {
				t.Errorf("subject = %q, want %q", c.Subject, tt.subject)
			}
		})
	}
}

func TestNotCounts(t *testing.T) {
	x := extractor(t)
	for _, s := range []string{
		"The protests began on January 2, 2022.",
		"An 81-year-old man was killed.",
		"Prices rose 50% after 2019.",
		"The company paid $5 million to the families of the dead.",
		"It was the worst violence in the country's 30-year history.",
		"Fighting lasted 12 days.",
	} {
		for _, c := range x.Extract(docOf(s)) {
			// One man is counted ("an 81-year-old man was killed"); his
			// age is not.
			if c.Kind == claimex.KindCount && c.Rule != RuleSingleVictim {
				t.Errorf("%q: unexpected count claim %s %v (%q)", s, c.Category, *c.Value, c.Text)
			}
		}
	}
}

func TestEntityClaims(t *testing.T) {
	x := extractor(t)
	doc := docOf("US Secretary of State Antony Blinken said Washington is seeking answers from Kazakhstan.")
	found := map[string]string{}
	for _, c := range x.Extract(doc) {
		if c.Kind == claimex.KindEntity {
			found[c.Text] = c.EntityType
		}
	}
	if found["Antony Blinken"] != claimex.Person || found["Kazakhstan"] != claimex.GPE {
		t.Errorf("entities = %v, want Antony Blinken PERSON and Kazakhstan GPE", found)
	}
}

// TestAnchors checks, on the sample articles, the invariants every claim
// must hold: its offsets point at its text in code points, its prefix and
// suffix are the text around it, its sentence holds it, keys are unique
// and extraction is deterministic.
func TestAnchors(t *testing.T) {
	x := extractor(t)
	for _, doc := range seedDocs(t) {
		claims := x.Extract(doc)
		if len(claims) == 0 {
			t.Errorf("%s: no claims", doc.Source)
		}
		checkAnchors(t, doc, claims)
		again := x.Extract(doc)
		if len(again) != len(claims) {
			t.Fatalf("%s: second extraction gave %d claims, first %d", doc.Source, len(again), len(claims))
		}
		for i := range claims {
			if again[i].Key != claims[i].Key {
				t.Errorf("%s: claim %d key changed between runs", doc.Source, i)
			}
		}
	}
}

func checkAnchors(t *testing.T, doc claimex.Document, claims []claimex.Claim) {
	t.Helper()
	runes := []rune(doc.Text)
	keys := map[string]bool{}
	for _, c := range claims {
		if c.Start < 0 || c.End > len(runes) || c.Start >= c.End {
			t.Fatalf("%s: claim %q has offsets %d-%d of %d", doc.Source, c.Text, c.Start, c.End, len(runes))
		}
		if got := string(runes[c.Start:c.End]); got != c.Text {
			t.Errorf("%s: text at %d-%d is %q, claim says %q", doc.Source, c.Start, c.End, got, c.Text)
		}
		if got := string(runes[max(0, c.Start-anchorLen):c.Start]); got != c.Prefix {
			t.Errorf("%s: prefix of %q is %q, claim says %q", doc.Source, c.Text, got, c.Prefix)
		}
		if got := string(runes[c.End:min(len(runes), c.End+anchorLen)]); got != c.Suffix {
			t.Errorf("%s: suffix of %q is %q, claim says %q", doc.Source, c.Text, got, c.Suffix)
		}
		if c.SentenceStart > c.Start || c.SentenceEnd < c.End || string(runes[c.SentenceStart:c.SentenceEnd]) != c.Sentence {
			t.Errorf("%s: sentence %d-%d %q does not hold %q", doc.Source, c.SentenceStart, c.SentenceEnd, c.Sentence, c.Text)
		}
		if keys[c.Key] {
			t.Errorf("%s: key %s given twice", doc.Source, c.Key)
		}
		keys[c.Key] = true
		if c.Rule == "" {
			t.Errorf("%s: claim %q has no rule", doc.Source, c.Text)
		}
	}
}

func TestRuneOffsets(t *testing.T) {
	s := strings.Repeat("é“x”", 300) + "end"
	tx := newText(s)
	for b := 0; b <= len(s); b++ {
		if !utf8.RuneStart(s[min(b, len(s)-1)]) && b < len(s) {
			continue
		}
		if got, want := tx.runeOffset(b), utf8.RuneCountInString(s[:b]); got != want {
			t.Fatalf("runeOffset(%d) = %d, want %d", b, got, want)
		}
	}
	if got := newText("").runeOffset(0); got != 0 {
		t.Errorf("runeOffset on empty text = %d", got)
	}
}

func TestConcurrentExtract(t *testing.T) {
	x := extractor(t)
	docs := seedDocs(t)
	want := make([]int, len(docs))
	for i, d := range docs {
		want[i] = len(x.Extract(d))
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, d := range docs {
				if got := len(x.Extract(d)); got != want[i] {
					t.Errorf("concurrent extraction of %s gave %d claims, want %d", d.Source, got, want[i])
				}
			}
		}()
	}
	wg.Wait()
}

func FuzzExtract(f *testing.F) {
	f.Add("Violent unrest has left 225 people dead, of which 19 were officers.")
	f.Add("Between 20 and 30 died; “approximately 2,000 people” were arrested.\n\nMore than 4,500 injured")
	f.Add("é\u0301 1,000-plus 20-30 twenty-six a hundred\n\n\n81-year-old")
	x := extractor(f)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // clean text is always UTF-8
		}
		doc := docOf(s)
		checkAnchors(t, doc, x.Extract(doc))
	})
}

func BenchmarkExtract(b *testing.B) {
	x := extractor(b)
	docs := seedDocs(b)
	size := 0
	for _, d := range docs {
		size += len(d.Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			x.Extract(d)
		}
	}
}

// TestNonEnglish: the rules are English; a text in another language gives
// no claims rather than nonsense ("2015 verabschiedeten" is not killed).
func TestNonEnglish(t *testing.T) {
	x := extractor(t)
	german := "Mit dem 2015 verabschiedeten E-Health-Gesetz wurde die elektronische Patientenakte als freiwillige " +
		"Anwendung für alle Versicherten eingeführt. Nach Angaben der Behörden wurden bei den Unruhen 300 Menschen " +
		"getötet und mehr als 4.500 verletzt. Die Regierung kündigte an, die Gesetze zu überarbeiten, und die " +
		"Krankenkassen sollen ihren Versicherten ab dem kommenden Jahr eine App anbieten, mit der sie ihre Daten " +
		"selbst verwalten können."
	if claims := x.Extract(docOf(german)); len(claims) != 0 {
		t.Errorf("German text gave %d claims: %s", len(claims), describe(claims))
	}
	english := docOf("Police said 12 people were killed.")
	english.Lang = "de"
	if claims := x.Extract(english); len(claims) != 0 {
		t.Errorf("a document declared German gave %d claims", len(claims))
	}
	english.Lang = "en-GB"
	if claims := x.Extract(english); len(claims) == 0 {
		t.Error("a document declared en-GB gave no claims")
	}
}
