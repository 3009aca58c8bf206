package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/extract"
	"github.com/claimex/claimex/fetch"
	"github.com/claimex/claimex/store"
)

// ExtractConfig is what a re-extraction needs.
type ExtractConfig struct {
	Store     *store.Store
	Extractor *extract.Extractor
	// Reclean cleans the stored raw bytes again before extracting, with
	// the extractor's rules; otherwise the stored clean text is used.
	Reclean bool
	// Workers is the number of extraction goroutines (0: one per core).
	Workers int
	// Budget is the time one document's extraction may take (0:
	// DefaultBudget); a document over it keeps the claims it had.
	Budget    time.Duration
	BatchSize int
	// Progress is called, from one goroutine, for every document done.
	Progress func()
	// OnError is called, from one goroutine, for every document that
	// could not be re-cleaned; it keeps the claims it had.
	OnError func(source string, err error)
	// AfterBatch, if set, is called after every batch is staged with the
	// number of documents staged so far.
	AfterBatch func(staged int)
}

// ExtractReport is what a re-extraction did.
type ExtractReport struct {
	RunID int64
	// Abandoned lists earlier runs found interrupted and cleaned away.
	Abandoned []int64
	Failed    int
	Diff      store.Diff
	Entities  int
	// Events is how many events the documents make after the run.
	Events int
	// Interrupted is set when the context ended the run: nothing of it was
	// made current.
	Interrupted bool
}

// Reextract runs extraction over every stored document as a new run. The
// run's claims are staged beside the current ones and made current all at
// once at the end; interrupted or failed, the run is abandoned and the
// previous claims stay. Reviews are never touched.
func Reextract(ctx context.Context, cfg ExtractConfig) (ExtractReport, error) {
	var rep ExtractReport
	if cfg.Budget <= 0 {
		cfg.Budget = DefaultBudget
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = DefaultBatchSize
	}
	if cfg.Progress == nil {
		cfg.Progress = func() {}
	}
	if cfg.OnError == nil {
		cfg.OnError = func(string, error) {}
	}
	st := cfg.Store
	var err error
	if rep.Abandoned, err = st.AbandonDeadRuns(ctx); err != nil {
		return rep, err
	}
	r := cfg.Extractor.Rules()
	if rep.RunID, err = st.BeginRun(ctx, claimex.RunExtract, store.RunRules{Name: r.Name, Hash: r.Hash, Text: r.Text}); err != nil {
		return rep, err
	}
	start := time.Now()
	err = stageAll(ctx, cfg, &rep)
	slog.Debug("re-extraction staged", "run", rep.RunID, "took", time.Since(start))
	if err != nil || ctx.Err() != nil {
		rep.Interrupted = ctx.Err() != nil
		if aerr := st.AbandonRun(context.WithoutCancel(ctx), rep.RunID); aerr != nil {
			err = errors.Join(err, aerr)
		}
		return rep, err
	}
	start = time.Now()
	if rep.Diff, err = st.CommitRun(context.WithoutCancel(ctx), rep.RunID, rep.Failed, r.Renames()); err != nil {
		// What the run staged goes; the documents keep their claims.
		if aerr := st.AbandonRun(context.WithoutCancel(ctx), rep.RunID); aerr != nil {
			err = errors.Join(err, aerr)
		}
		return rep, err
	}
	slog.Debug("re-extraction made current", "run", rep.RunID, "took", time.Since(start))
	start = time.Now()
	if rep.Entities, err = ResolveEntities(context.WithoutCancel(ctx), st, r); err != nil {
		return rep, fmt.Errorf("resolve entities: %w", err)
	}
	slog.Debug("entities resolved", "entities", rep.Entities, "took", time.Since(start))
	if rep.Events, err = GroupEvents(context.WithoutCancel(ctx), st); err != nil {
		return rep, fmt.Errorf("group events: %w", err)
	}
	return rep, nil
}

// result is one document's outcome, from a worker to the writer.
type result struct {
	source string
	staged *store.Staged
	err    error
}

// stageAll reads every document in pages, re-extracts them on a pool of
// workers and stages the results in batches from one goroutine.
func stageAll(ctx context.Context, cfg ExtractConfig, rep *ExtractReport) error {
	n := workers(cfg.Workers)
	work, stop := context.WithCancel(ctx)
	defer stop()
	docs := make(chan claimex.Document, n*2)
	results := make(chan result, n*2)
	var readErr error
	go func() {
		defer close(docs)
		var after int64
		for {
			parts := store.WithAnalysis
			if cfg.Reclean {
				parts = store.WithRaw
			}
			page, err := cfg.Store.DocumentsAfter(work, after, 128, parts)
			if err != nil {
				readErr = err
				return
			}
			for _, d := range page {
				select {
				case docs <- d:
				case <-work.Done():
					return
				}
			}
			if len(page) < 128 {
				return
			}
			after = page[len(page)-1].ID
		}
	}()
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for d := range docs {
				select {
				case results <- reextractOne(work, cfg, d):
				case <-work.Done():
					return
				}
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	// Batches are staged on a goroutine of their own, one at a time and
	// in order, while the next batch fills: the workers go on extracting
	// while a batch is written.
	batches := make(chan []store.Staged, 1)
	var stageErr error
	staged := 0
	var writing time.Duration
	stagerDone := make(chan struct{})
	go func() {
		defer close(stagerDone)
		for batch := range batches {
			if work.Err() != nil {
				continue // drain: interrupted, or a batch failed (stop)
			}
			t0 := time.Now()
			if err := cfg.Store.StageDocuments(work, rep.RunID, batch); err != nil {
				stageErr = err
				stop()
				continue
			}
			writing += time.Since(t0)
			staged += len(batch)
			if cfg.AfterBatch != nil {
				cfg.AfterBatch(staged)
			}
		}
	}()
	var batch []store.Staged
	for res := range results {
		if work.Err() != nil {
			continue // drain
		}
		cfg.Progress()
		if res.err != nil {
			rep.Failed++
			cfg.OnError(res.source, res.err)
			continue
		}
		batch = append(batch, *res.staged)
		if len(batch) >= cfg.BatchSize {
			batches <- batch
			batch = nil
		}
	}
	if len(batch) > 0 && work.Err() == nil {
		batches <- batch
	}
	close(batches)
	<-stagerDone
	slog.Debug("staged documents", "documents", staged, "writing", writing)
	if stageErr != nil {
		return stageErr
	}
	return readErr
}

// reextractOne extracts one stored document again, re-cleaning it first
// when asked, within the document's time budget.
func reextractOne(ctx context.Context, cfg ExtractConfig, d claimex.Document) result {
	bctx, cancel := context.WithTimeout(ctx, cfg.Budget)
	defer cancel()
	out := &store.Staged{DocumentID: d.ID}
	if cfg.Reclean {
		doc, err := fetch.CleanContext(bctx, claimex.Input{Source: d.Source, Hash: d.Hash, Format: d.Format, Bytes: d.Raw,
			ContentType: d.ContentType}, cfg.Extractor.Rules())
		if err != nil {
			return result{source: d.Source, err: fmt.Errorf("re-clean: %w", overBudget(ctx, err, cfg.Budget))}
		}
		doc.ID, doc.RunID, doc.Raw = d.ID, d.RunID, nil
		d, out.Recleaned = doc, &doc
	}
	claims, analysis, err := cfg.Extractor.ExtractWithin(bctx, d)
	if err != nil {
		return result{source: d.Source, err: fmt.Errorf("extract: %w", overBudget(ctx, err, cfg.Budget))}
	}
	out.Claims = claims
	if !bytes.Equal(analysis, d.Analysis) {
		out.Analysis = analysis
	}
	return result{source: d.Source, staged: out}
}
