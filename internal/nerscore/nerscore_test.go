package nerscore

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// named returns a document's gold (or ignored) mentions as "TYPE text".
func named(d Doc, ms []Mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, string(m.Type)+" "+d.Mentioned(m))
	}
	return out
}

func TestLoadGUM(t *testing.T) {
	docs, err := LoadGUM("testdata", "news")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("%d documents, want 1", len(docs))
	}
	d := docs[0]
	if want := "Mayor Jane Roe visits Oakvale\nThe New Harbour Trust's director thanked the Villagers and the mayor."; d.Text != want {
		t.Errorf("text %q, want %q", d.Text, want)
	}
	// The title leaves the name; a mention with no proper noun of its own
	// (the director) is not named, its nested organisation is; a group
	// is ignored; "the mayor" is not named.
	if got, want := named(d, d.Gold), []string{"PERSON Jane Roe", "place Oakvale", "ORG New Harbour Trust"}; !reflect.DeepEqual(got, want) {
		t.Errorf("gold %q, want %q", got, want)
	}
	if got, want := named(d, d.Ignored), []string{"PERSON Villagers"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ignored %q, want %q", got, want)
	}
	if _, err := LoadGUM("testdata", "fiction"); !errors.Is(err, ErrNoCorpus) {
		t.Errorf("missing genre: %v, want ErrNoCorpus", err)
	}
}

func TestLoadWikigold(t *testing.T) {
	docs, err := LoadWikigold(filepath.Join("testdata", "wikigold.conll.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2", len(docs))
	}
	for i, want := range []struct {
		text string
		gold []string
	}{
		{"Ada Lind joined the Acme Rowing Club in Brest (a French port).",
			[]string{"PERSON Ada Lind", "ORG Acme Rowing Club", "place Brest"}},
		{`"Hello", said Lind's Boro Town Wanderers.`, []string{"PERSON Lind", "ORG Boro Town", "ORG Wanderers"}},
	} {
		if docs[i].Text != want.text {
			t.Errorf("doc %d: text %q, want %q", i, docs[i].Text, want.text)
		}
		if got := named(docs[i], docs[i].Gold); !reflect.DeepEqual(got, want.gold) {
			t.Errorf("doc %d: gold %q, want %q", i, got, want.gold)
		}
	}
	if _, err := LoadWikigold(filepath.Join("testdata", "none.txt")); !errors.Is(err, ErrNoCorpus) {
		t.Errorf("missing file: %v, want ErrNoCorpus", err)
	}
	if _, err := ReadCoNLL(strings.NewReader("Ada I-PERSON\n"), "x"); err == nil {
		t.Error("unknown tag read without error")
	}
}

// find returns the mention of text s in d, typed t.
func find(d Doc, s string, t Type) Mention {
	i := strings.Index(d.Text, s)
	start := len([]rune(d.Text[:i]))
	return Mention{Start: start, End: start + len([]rune(s)), Type: t}
}

func TestScore(t *testing.T) {
	d := Doc{Name: "d", Text: "Ada Lind joined the Acme Rowing Club in Brest, near Évian, with Bo."}
	d.Ignored = []Mention{find(d, "Bo", Person)}
	d.Gold = []Mention{find(d, "Ada Lind", Person), find(d, "Acme Rowing Club", Org), find(d, "Brest", Place), find(d, "Évian", Place)}
	pred := []Mention{
		find(d, "Ada Lind", Person), // exact
		find(d, "Acme Rowing", Org), // overlap only
		find(d, "Brest", Person),    // wrong type
		find(d, "Évian", Place),     // exact, after a non-ASCII letter
		find(d, "Bo", Person),       // ignored
		find(d, "joined", ""),       // not scored
		find(d, "Rowing Club", Org), // overlaps a gold already matched: false
	}
	res := Score([]Doc{d}, func(Doc) []Mention { return pred })
	want := map[Type]Counts{
		Person: {Gold: 1, Pred: 2, Exact: 1, Overlap: 1},
		Org:    {Gold: 1, Pred: 2, Exact: 0, Overlap: 1},
		Place:  {Gold: 2, Pred: 1, Exact: 1, Overlap: 1},
	}
	if !reflect.DeepEqual(res.ByType, want) {
		t.Errorf("by type %+v, want %+v", res.ByType, want)
	}
	if all := (Counts{Gold: 4, Pred: 5, Exact: 2, Overlap: 3}); res.All != all {
		t.Errorf("all %+v, want %+v", res.All, all)
	}
	if e := res.All.ExactPRF(); e.P != 0.4 || e.R != 0.5 {
		t.Errorf("exact %+v, want P=0.4 R=0.5", e)
	}
	rep := Run("set", []Doc{d}, System{"a", func(Doc) []Mention { return pred }}, System{"b", func(Doc) []Mention { return nil }})
	lines := rep.Lines()
	if len(lines) != 1+len(Types) {
		t.Fatalf("%d lines, want %d", len(lines), 1+len(Types))
	}
	if want := "ner set: a exact P=0.400 R=0.500 F1=0.444 overlap P=0.600 R=0.750 F1=0.667 | b exact P=0.000 R=0.000 F1=0.000 overlap P=0.000 R=0.000 F1=0.000 (gold 4 mentions, 1 docs)"; lines[0] != want {
		t.Errorf("line\n%s\nwant\n%s", lines[0], want)
	}
	if !strings.HasPrefix(lines[1], "ner set PERSON: a exact P=0.500 R=1.000") {
		t.Errorf("person line %s", lines[1])
	}
}
