// Command train trains claimex's name tagger on the documents of GUM's
// Wikinews texts and of wikigold that nerscore.HeldOut leaves for
// training, writes its weights (extract/data/tagger.bin.gz), and prints
// the held-out figures of the rules alone and with the new weights:
//
//	go run -tags sqlite_fts5 ./extract/internal/train -dev ../shared/dev
//
// Training is deterministic: the same data, epochs and seed give the same
// weights.
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/corpus"
	"github.com/claimex/claimex/extract"
	"github.com/claimex/claimex/internal/nerscore"
	"github.com/claimex/claimex/rules"
)

func main() {
	dev := flag.String("dev", filepath.Join("..", "shared", "dev"), "the development data folder, holding ner/")
	out := flag.String("o", filepath.Join("extract", "data", "tagger.bin.gz"), "weights file to write")
	epochs := flag.Int("epochs", 12, "passes over the training documents")
	seed := flag.Uint64("seed", 1, "shuffling seed")
	seeds := flag.Int("seeds", 4, "models trained from successive seeds, averaged")
	errs := flag.String("errors", "", "file to write the tagger's held-out errors to")
	flag.Parse()
	if err := run(*dev, *out, *errs, *epochs, *seeds, *seed); err != nil {
		slog.Error("train", "err", err)
		os.Exit(1)
	}
}

// set is one corpus, split.
type set struct {
	Name           string
	heldOut, train []nerscore.Doc
}

func run(dev, out, errs string, epochs, seeds int, seed uint64) error {
	dir := filepath.Join(dev, "ner")
	var sets []set
	for _, s := range nerscore.Sets(dir) {
		docs, err := s.Load()
		if err != nil {
			return fmt.Errorf("%s: %w", s.Name, err)
		}
		h, t := nerscore.Split(docs)
		sets = append(sets, set{s.Name, h, t})
	}
	var training []extract.TrainingDoc
	for _, s := range sets {
		for _, d := range s.train {
			training = append(training, trainingDoc(d))
		}
	}
	base, err := extract.NewWith(rules.Default(), extract.Options{RulesOnly: true})
	if err != nil {
		return err
	}
	weights, err := extract.TrainTagger(base, training, epochs, seeds, seed)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, weights, 0o644); err != nil {
		return fmt.Errorf("write weights: %w", err)
	}
	fmt.Printf("trained on %d documents, %d epochs, %d seeds: %s (%d bytes)\n", len(training), epochs, seeds, out, len(weights))
	tagged, err := extract.NewWith(rules.Default(), extract.Options{TaggerWeights: weights})
	if err != nil {
		return err
	}
	var wrong []string
	for _, s := range sets {
		rep := nerscore.Run(s.Name+" held out", s.heldOut, system("rules", base), system("tagger", tagged))
		for _, l := range rep.Lines() {
			fmt.Println(l)
		}
		wrong = append(wrong, rep.Results[1].Errors...)
	}
	if errs != "" {
		if err := os.WriteFile(errs, []byte(strings.Join(wrong, "\n")+"\n"), 0o644); err != nil {
			return fmt.Errorf("write errors: %w", err)
		}
	}
	return nil
}

// trainingDoc is a scored document as training data.
func trainingDoc(d nerscore.Doc) extract.TrainingDoc {
	td := extract.TrainingDoc{Text: d.Text}
	for _, m := range d.Gold {
		typ := map[nerscore.Type]string{nerscore.Person: claimex.Person, nerscore.Org: claimex.Org, nerscore.Place: claimex.GPE}[m.Type]
		td.Names = append(td.Names, extract.TrainingName{Start: m.Start, End: m.End, Type: typ})
	}
	return td
}

// system is an Extractor's entity claims as a scored system.
func system(name string, x *extract.Extractor) nerscore.System {
	return nerscore.System{Name: name, Predict: func(d nerscore.Doc) []nerscore.Mention {
		doc := claimex.Document{Hash: corpus.Hash([]byte(d.Text)), Text: d.Text}
		var out []nerscore.Mention
		for _, c := range x.Extract(doc) {
			if c.Kind == claimex.KindEntity {
				out = append(out, nerscore.Mention{Start: c.Start, End: c.End, Type: nerscore.TypeOf(c.EntityType)})
			}
		}
		return out
	}}
}
