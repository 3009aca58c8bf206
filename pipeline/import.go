package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/shard"
	"github.com/claimex/claimex/store"
)

// ImportConfig is what an import needs.
type ImportConfig struct {
	Store *store.Store
	// Shards are the shard files to load (package shard).
	Shards []string
	// BatchSize bounds the documents written in one transaction (0:
	// DefaultBatchSize).
	BatchSize int
	// OnError is told of every shard that could not be imported, with why
	// (an *shard.Error names the file and line).
	OnError func(name string, err error)
}

// ImportReport is what an import did.
type ImportReport struct {
	// Shards imported, and Bad shards refused.
	Shards, Bad int
	// New documents stored, as run IngestRun with Counts and Mentions
	// claims; Same documents stored already with the same text and
	// claims; Failures newly recorded.
	New, Same, Failures int
	IngestRun           int64
	Counts, Mentions    int
	// Replaced is the run (ExtractReport.RunID, 0 for none) in which
	// documents stored with other text or claims took the shards', as a
	// re-extraction would.
	Replaced ExtractReport
	Entities int
	// Events is how many events the documents make after the import.
	Events int
	// Abandoned lists runs left unfinished by processes that ended.
	Abandoned []int64
}

// Import loads shards into the store, idempotently: a document is known
// by its hash, a claim by its key. A document not stored is stored with
// its claims (one ingest run); one stored with the same text and claims
// is left alone; one stored with other text or claims takes the shard's,
// the way a re-extraction makes its claims current (one extract run,
// switched in one transaction), so reviews are carried, changed or
// orphaned exactly as after a re-extraction. Ids are the database's own.
// Entity resolution is redone after. A shard that does not read as the
// format says is refused whole, before anything of it is written.
func Import(ctx context.Context, cfg ImportConfig) (ImportReport, error) {
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = DefaultBatchSize
	}
	if cfg.OnError == nil {
		cfg.OnError = func(string, error) {}
	}
	var rep ImportReport
	shards, headers, err := shardRules(cfg.Shards, func(name string, err error) {
		rep.Bad++
		cfg.OnError(name, err)
	})
	if err != nil || len(shards) == 0 {
		return rep, err
	}
	r, err := rules.Parse(shards[0]+": rules_text", []byte(headers.RulesText))
	if err != nil {
		return rep, fmt.Errorf("%s: the shard's rules: %w", shards[0], err)
	}
	if rep.Abandoned, err = cfg.Store.AbandonDeadRuns(context.WithoutCancel(ctx)); err != nil {
		return rep, err
	}
	im := &importer{cfg: cfg, rep: &rep, rules: store.RunRules{Name: headers.RulesName, Hash: headers.RulesHash,
		Text: []byte(headers.RulesText)}, seen: map[string]bool{}}
	for _, name := range shards {
		if ctx.Err() != nil {
			break
		}
		// A shard is checked whole before any of it is written.
		if err := eachItem(ctx, name, func(shard.Item) error { return nil }); err != nil {
			if ctx.Err() != nil {
				break
			}
			rep.Bad++
			cfg.OnError(name, err)
			continue
		}
		if err := eachItem(ctx, name, im.add); err != nil {
			if ctx.Err() != nil {
				break
			}
			return rep, im.abort(err)
		}
		rep.Shards++
	}
	if err := im.flush(); err != nil {
		return rep, im.abort(err)
	}
	if ctx.Err() != nil {
		return rep, im.abort(ctx.Err())
	}
	if err := im.finish(r.Renames()); err != nil {
		return rep, err
	}
	if rep.New > 0 || rep.Replaced.RunID != 0 {
		if rep.Entities, err = ResolveEntities(context.WithoutCancel(ctx), cfg.Store, r); err != nil {
			return rep, fmt.Errorf("resolve entities: %w", err)
		}
		// Events read the names as resolved, as after an ingest.
		if rep.Events, err = GroupEvents(context.WithoutCancel(ctx), cfg.Store); err != nil {
			return rep, fmt.Errorf("group events: %w", err)
		}
	}
	rep.Replaced.Entities = rep.Entities
	return rep, nil
}

// shardRules reads every shard's header, tells bad of those that have
// none that this claimex reads, and returns the others with the first's
// header: the shards of one import must have been made with one set of
// rules, which the import's runs record.
func shardRules(names []string, bad func(string, error)) ([]string, shard.Header, error) {
	var first shard.Header
	var good []string
	if len(names) == 0 {
		return nil, first, errors.New("no shards to import")
	}
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			bad(name, err)
			continue
		}
		sr, err := shard.NewReader(f, name)
		f.Close()
		if err != nil {
			bad(name, err)
			continue
		}
		h := sr.Header()
		if len(good) == 0 {
			first = h
		} else if h.RulesHash != first.RulesHash {
			return nil, first, fmt.Errorf("%s and %s were made with different rules (%s, %s): import them separately",
				good[0], name, short(first.RulesHash), short(h.RulesHash))
		}
		good = append(good, name)
	}
	return good, first, nil
}

func short(hash string) string { return hash[:min(len(hash), 12)] }

// eachItem calls fn for every document and failure of a shard.
func eachItem(ctx context.Context, name string, fn func(shard.Item) error) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	sr, err := shard.NewReader(f, name)
	if err != nil {
		return err
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		it, err := sr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(it); err != nil {
			return err
		}
	}
}

// importer writes what the shards hold, in batches.
type importer struct {
	cfg      ImportConfig
	rep      *ImportReport
	rules    store.RunRules
	entries  []store.Entry
	staged   []store.Staged
	failures []store.Failure
	// seen holds the hashes of the documents this import has handled: a
	// page in two shards is imported once.
	seen map[string]bool
}

func (im *importer) add(it shard.Item) error {
	if f := it.Failure; f != nil {
		im.failures = append(im.failures, store.Failure{Source: f.Source, Stage: f.Stage, Reason: f.Reason})
		return nil
	}
	e := it.Entry
	if im.seen[e.Doc.Hash] {
		im.rep.Same++
		return nil
	}
	im.seen[e.Doc.Hash] = true
	ctx := context.Background()
	stored, ok, err := im.cfg.Store.StoredDocument(ctx, e.Doc.Hash)
	if err != nil {
		return err
	}
	if !ok {
		entry, err := store.NewEntry(e.Doc, e.Claims)
		if err != nil {
			return err
		}
		im.entries = append(im.entries, entry)
	} else {
		current, err := im.cfg.Store.CurrentClaims(ctx, stored.ID)
		if err != nil {
			return err
		}
		if sameDocument(stored, e.Doc) && sameClaims(current, e.Claims) {
			im.rep.Same++
			return nil
		}
		doc := e.Doc
		im.staged = append(im.staged, store.Staged{DocumentID: stored.ID, Claims: e.Claims, Recleaned: &doc, Analysis: doc.Analysis})
	}
	if len(im.entries)+len(im.staged) >= im.cfg.BatchSize {
		return im.flush()
	}
	return nil
}

// flush writes the batch: new documents as claims of the ingest run,
// replaced ones staged in the extract run.
func (im *importer) flush() error {
	ctx := context.Background()
	st := im.cfg.Store
	if len(im.entries) > 0 {
		if im.rep.IngestRun == 0 {
			id, err := st.BeginRun(ctx, claimex.RunIngest, im.rules)
			if err != nil {
				return err
			}
			im.rep.IngestRun = id
		}
	}
	if len(im.entries) > 0 {
		written, err := st.WriteEntries(ctx, im.rep.IngestRun, im.entries)
		if err != nil {
			return err
		}
		for i, w := range written {
			if w.Duplicate { // stored meanwhile by another process
				im.rep.Same++
				continue
			}
			im.rep.New++
			counts, mentions := tally(im.entries[i].Claims)
			im.rep.Counts += counts
			im.rep.Mentions += mentions
		}
		im.entries = im.entries[:0]
	}
	if len(im.failures) > 0 {
		n, err := st.RecordImportedFailures(ctx, im.rep.IngestRun, im.failures)
		if err != nil {
			return err
		}
		im.rep.Failures += n
		im.failures = im.failures[:0]
	}
	if len(im.staged) > 0 {
		if im.rep.Replaced.RunID == 0 {
			id, err := st.BeginRun(ctx, claimex.RunExtract, im.rules)
			if err != nil {
				return err
			}
			im.rep.Replaced.RunID = id
		}
		if err := st.StageDocuments(ctx, im.rep.Replaced.RunID, im.staged); err != nil {
			return err
		}
		im.staged = im.staged[:0]
	}
	return nil
}

// finish ends the ingest run and makes the extract run current.
func (im *importer) finish(renames store.Renames) error {
	ctx := context.Background()
	if id := im.rep.IngestRun; id != 0 {
		if err := im.cfg.Store.FinishRun(ctx, id, claimex.RunDone, im.rep.New, im.rep.Counts+im.rep.Mentions, 0); err != nil {
			return err
		}
	}
	if id := im.rep.Replaced.RunID; id != 0 {
		d, err := im.cfg.Store.CommitRun(ctx, id, 0, renames)
		if err != nil {
			return err
		}
		im.rep.Replaced.Diff = d
	}
	return nil
}

// abort ends an import that failed with cause: the new documents
// written stay (they are whole, and importing again skips them), the
// replacements staged are dropped.
func (im *importer) abort(cause error) error {
	ctx := context.Background()
	errs := []error{cause}
	if id := im.rep.IngestRun; id != 0 {
		errs = append(errs, im.cfg.Store.FailRun(ctx, id, cause.Error(), im.rep.New, im.rep.Counts+im.rep.Mentions, 0))
	}
	if id := im.rep.Replaced.RunID; id != 0 {
		errs = append(errs, im.cfg.Store.AbandonRun(ctx, id))
	}
	return errors.Join(errs...)
}

// sameDocument reports whether a stored document has the shard's text and
// metadata.
func sameDocument(stored, d claimex.Document) bool {
	return stored.Text == d.Text && stored.BodyStart == d.BodyStart && stored.Title == d.Title &&
		stored.Published == d.Published && stored.Byline == d.Byline && stored.Site == d.Site && stored.URL == d.URL &&
		stored.Lang == d.Lang
}

// sameClaims reports whether two sets of claims are the same claims, by
// key and every extracted field.
func sameClaims(a, b []claimex.Claim) bool {
	if len(a) != len(b) {
		return false
	}
	sig := func(cs []claimex.Claim) []string {
		out := make([]string, len(cs))
		for i, c := range cs {
			out[i] = claimSignature(c)
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(sig(a), sig(b))
}

func claimSignature(c claimex.Claim) string {
	num := func(v *float64) string {
		if v == nil {
			return "-"
		}
		return fmt.Sprint(*v)
	}
	return fmt.Sprintf("%q", []string{c.Key, string(c.Kind), string(c.Category), num(c.Value), num(c.ValueMax),
		string(c.Qualifier), c.Vague, c.Subject, c.EntityType, c.Canonical, c.Role, c.Attribution, c.Location, c.Text,
		fmt.Sprint(c.Start, c.End, c.SentenceStart, c.SentenceEnd), c.Prefix, c.Suffix, c.Rule})
}
