package nerscore_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/corpus"
	"github.com/claimex/claimex/extract"
	"github.com/claimex/claimex/internal/nerscore"
	"github.com/claimex/claimex/rules"
	"github.com/jdkato/prose/v3"
)

// devDir is the development data folder: $CLAIMEX_DEV, else ../shared/dev
// beside the module.
func devDir() string {
	if d := os.Getenv("CLAIMEX_DEV"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "dev")
}

var shared struct {
	once sync.Once
	x    *extract.Extractor
	err  error
}

// claimexSystem is claimex's recogniser: the entity claims of
// extract.Extract.
func claimexSystem(t *testing.T) nerscore.System {
	t.Helper()
	shared.once.Do(func() { shared.x, shared.err = extract.New(rules.Default()) })
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return nerscore.System{Name: "claimex", Predict: func(d nerscore.Doc) []nerscore.Mention {
		doc := claimex.Document{Hash: corpus.Hash([]byte(d.Text)), Text: d.Text}
		var out []nerscore.Mention
		for _, c := range shared.x.Extract(doc) {
			if c.Kind == claimex.KindEntity {
				out = append(out, nerscore.Mention{Start: c.Start, End: c.End, Type: nerscore.TypeOf(c.EntityType)})
			}
		}
		return out
	}}
}

// proseSystem is prose's entity model alone, over the whole text.
func proseSystem() nerscore.System {
	return nerscore.System{Name: "prose", Predict: func(d nerscore.Doc) []nerscore.Mention {
		doc, err := prose.NewDocument(d.Text)
		if err != nil {
			return nil
		}
		var out []nerscore.Mention
		for _, e := range doc.Entities() {
			start := utf8.RuneCountInString(d.Text[:e.Start])
			out = append(out, nerscore.Mention{Start: start, End: start + utf8.RuneCountInString(e.Text),
				Type: nerscore.TypeOf(e.Label)})
		}
		return out
	}}
}

// nerSets are the sets TestNER scores.
func nerSets(t *testing.T) map[string][]nerscore.Doc {
	dir := filepath.Join(devDir(), "ner")
	sets := map[string][]nerscore.Doc{}
	for _, s := range nerscore.Sets(dir) {
		docs, err := s.Load()
		if errors.Is(err, nerscore.ErrNoCorpus) {
			t.Logf("%s: skipped: %v", s.Name, err)
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		sets[s.Name] = docs
	}
	if len(sets) == 0 {
		t.Skipf("no entity corpora in %s (set CLAIMEX_DEV to the folder holding ner/)", dir)
	}
	return sets
}

// TestNER scores claimex's recogniser and prose's model alone on the
// held-out documents of GUM's news and interviews and of wikigold, and logs the lines `make quality`
// prints. NERSCORE_ERRORS=FILE writes claimex's errors there.
//
// It is a scorer run, not a check, and takes minutes under -race: it runs
// when CLAIMEX_DEV names the data, as `make quality` does.
func TestNER(t *testing.T) {
	if os.Getenv("CLAIMEX_DEV") == "" {
		t.Skip("scorer run: set CLAIMEX_DEV to the folder holding ner/ (make quality does)")
	}
	sets := nerSets(t)
	cx, pr := claimexSystem(t), proseSystem()
	for _, l := range nerscore.ConventionLines() {
		t.Log(l)
	}
	var errs []string
	for _, name := range []string{"gum-news", "gum-interview", "wikigold"} {
		docs, ok := sets[name]
		if !ok {
			continue
		}
		// The name tagger trains on the rest: only what it never saw is
		// scored, for both systems.
		docs, _ = nerscore.Split(docs)
		rep := nerscore.Run(name, docs, cx, pr)
		for _, l := range rep.Lines() {
			t.Log(l)
		}
		errs = append(errs, rep.Results[0].Errors...)
	}
	if path := os.Getenv("NERSCORE_ERRORS"); path != "" {
		if err := os.WriteFile(path, []byte(strings.Join(errs, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
