package pipeline

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/corpus"
	"github.com/claimex/claimex/extract"
	"github.com/claimex/claimex/fetch"
	"github.com/claimex/claimex/store"
)

// Config is what an ingest needs.
type Config struct {
	Store     *store.Store
	Extractor *extract.Extractor
	// Paths are files, folders and http(s) URLs to ingest.
	Paths []string
	// Client retrieves URLs; without one, URLs fail.
	Client *fetch.Client
	// Workers is the number of cleaning and extraction goroutines (0: one
	// per core).
	Workers int
	// MaxBytes caps the size of one input (0: corpus.DefaultMaxBytes).
	MaxBytes int64
	// MaxText caps the length of one input's clean text, the text
	// extraction reads (0: DefaultMaxText).
	MaxText int64
	// Budget is the time one input's cleaning and extraction may take
	// (0: DefaultBudget); an input over it fails and the ingest goes on.
	Budget time.Duration
	// BatchSize and FlushEvery bound how long a document waits to be
	// written.
	BatchSize  int
	FlushEvery time.Duration
	// Progress, if set, is called from one goroutine for every input
	// handled, however it ended.
	Progress func()
	// OnError is called, from one goroutine, for every input that failed.
	OnError func(source string, err error)
	// OnWritten is called, from one goroutine, for every document stored.
	OnWritten func(store.Written)
}

// Report is what an ingest did.
type Report struct {
	// RunID is the run the new documents' claims belong to; 0 when nothing
	// new was stored.
	RunID int64
	corpus.Tally
	// New documents stored; Known inputs skipped as already stored;
	// Failed inputs that could not be read, decoded or cleaned.
	New, Known, Failed int
	// Fetched is how many URLs were retrieved; Unchanged how many of
	// them the server said had not changed since the last ingest (they
	// are among Known).
	Fetched, Unchanged int
	// Counts and Mentions are the claims stored for the new documents;
	// Entities the entities of the whole database after resolution.
	Counts, Mentions, Entities int
	// Events is how many events the documents make after the ingest.
	Events int
	// Interrupted is set when the context ended the ingest early; what was
	// done before is stored.
	Interrupted bool
	// Abandoned lists runs left unfinished by processes that ended
	// (killed, crashed), found and closed before this ingest began.
	Abandoned []int64
	// WARC counts what the web archives among the inputs held.
	WARC corpus.WARCTally
}

// job is an input to process, numbered in walk order: an item to read or
// fetch, or a page of a web archive already read (in), or a problem met
// reading one (err, at stage, for source).
type job struct {
	seq  int
	item corpus.Item
	in   *claimex.Input
	err  error
	// stage and source go with err.
	stage, source string
}

// outcome is one input's result, sent from a worker to the writer. Walk
// problems have seq -1: they are reported at once.
type outcome struct {
	seq    int
	source string
	// stage is where a failed input failed.
	stage string
	entry *store.Entry
	known bool
	err   error
	// fetch is set for a URL retrieved; for a known document it is
	// recorded on its own.
	fetch     *claimex.Fetch
	unchanged bool
}

// Ingest stores every new input under cfg.Paths with its claims. Inputs
// that fail are reported through OnError and counted; the others are still
// stored. The error is non-nil only when storing itself failed (a full
// disk): the run is then recorded as failed, as far as the database still
// takes writes (see writer.abort).
func Ingest(ctx context.Context, cfg Config) (Report, error) {
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = DefaultBatchSize
	}
	if cfg.FlushEvery <= 0 {
		cfg.FlushEvery = DefaultFlushEvery
	}
	if cfg.Progress == nil {
		cfg.Progress = func() {}
	}
	if cfg.OnError == nil {
		cfg.OnError = func(string, error) {}
	}
	if cfg.Budget <= 0 {
		cfg.Budget = DefaultBudget
	}
	if cfg.MaxText <= 0 {
		cfg.MaxText = DefaultMaxText
	}
	var rep Report
	var err error
	if rep.Abandoned, err = cfg.Store.AbandonDeadRuns(context.WithoutCancel(ctx)); err != nil {
		return rep, err
	}
	n := workers(cfg.Workers)
	if cfg.Client != nil && slices.ContainsFunc(cfg.Paths, corpus.IsURL) {
		// Fetching waits on the network: more workers keep the client's
		// connections busy.
		n = max(n, cfg.Client.MaxConcurrency())
	}

	// work stops the walker and workers: on interruption, or when the
	// writer fails.
	work, stop := context.WithCancel(ctx)
	defer stop()

	found := make(chan corpus.Item, n*4)
	jobs := make(chan job, n*4)
	outcomes := make(chan outcome, n*4)
	// window holds a token for every input between the walk and the
	// writer, bounding how far the workers run ahead of the input the
	// writer waits for, and so the writer's reorder buffer.
	window := make(chan struct{}, reorderWindow(n))
	var producers sync.WaitGroup

	producers.Add(2)
	go func() {
		defer producers.Done()
		defer close(found)
		tally, _ := corpus.Walk(work, cfg.Paths, found, func(path string, err error) {
			select {
			case outcomes <- walkProblem(path, err):
			case <-work.Done():
			}
		})
		rep.Tally = tally // read by the writer only after producers finish
	}()
	go func() {
		defer producers.Done()
		defer close(jobs)
		seq := 0
		send := func(j job) bool {
			select {
			case window <- struct{}{}:
			case <-work.Done():
				return false
			}
			j.seq = seq
			select {
			case jobs <- j:
				seq++
				return true
			case <-work.Done():
				return false
			}
		}
		for it := range found {
			if it.WARC {
				// A web archive is many inputs: its pages are read here,
				// in order, and each is a job of its own.
				if !expandWARC(work, cfg, it, send, &rep.WARC) {
					return
				}
				continue
			}
			if !send(job{item: it}) {
				return
			}
		}
	}()
	for range n {
		producers.Add(1)
		go func() {
			defer producers.Done()
			for j := range jobs {
				o := processJob(work, cfg, j)
				o.seq = j.seq
				select {
				case outcomes <- o:
				case <-work.Done():
					return
				}
			}
		}()
	}
	go func() {
		producers.Wait()
		close(outcomes)
	}()

	w := writer{cfg: cfg, rep: &rep, window: window, pending: map[int]outcome{}}
	err = w.run(ctx, outcomes)
	if err != nil {
		stop()
	}
	for o := range outcomes { // let the producers finish
		if err != nil {
			w.pending[o.seq] = o // not stored either: abort records them
		}
	}
	if ctx.Err() != nil {
		rep.Interrupted = true
	}
	if err != nil {
		return rep, w.abort(err)
	}
	if err := w.finish(); err != nil {
		return rep, err
	}
	if err := resolveAfter(ctx, cfg.Store, cfg.Extractor.Rules(), &rep); err != nil {
		return rep, err
	}
	return rep, groupAfter(ctx, cfg.Store, &rep)
}

// process reads or fetches, cleans and extracts one input. Cleaning and
// extraction share the input's time budget.
func process(ctx context.Context, cfg Config, it corpus.Item) outcome {
	var in claimex.Input
	var fetched *claimex.Fetch
	if it.URL != "" {
		var o outcome
		in, fetched, o = retrieve(ctx, cfg, it.URL)
		if o.err != nil {
			o.stage = StageFetch
		}
		if o.err != nil || o.unchanged {
			return o
		}
	} else {
		var err error
		if in, err = corpus.Read(it, cfg.MaxBytes); err != nil {
			return failed(it.Path, StageRead, err)
		}
	}
	return analyze(ctx, cfg, in, fetched)
}

// analyze cleans and extracts an input in hand, unless it is stored.
func analyze(ctx context.Context, cfg Config, in claimex.Input, fetched *claimex.Fetch) outcome {
	source := in.Source
	known, err := cfg.Store.HasDocument(ctx, in.Hash)
	if err != nil {
		return failed(source, StageRead, err)
	}
	if known {
		return outcome{source: source, known: true, fetch: fetched}
	}
	doc, claims, stage, err := Analyze(ctx, cfg.Extractor, in, Limits{MaxText: cfg.MaxText, Budget: cfg.Budget})
	if err != nil {
		return failed(source, stage, err)
	}
	entry, err := store.NewEntry(doc, claims)
	if err != nil {
		return failed(source, StageStore, err)
	}
	entry.Fetch = fetched
	return outcome{source: source, entry: &entry, fetch: fetched}
}

// Limits bound the work on one input; zero fields take the defaults.
type Limits struct {
	// MaxText caps the length of the clean text (DefaultMaxText).
	MaxText int64
	// Budget is the time cleaning and extraction may take together
	// (DefaultBudget).
	Budget time.Duration
}

// Analyze cleans an input and extracts its claims, within the limits,
// keeping the models' analysis with the document, as an ingest does. On
// failure it says at which stage (StageClean, StageExtract). It is what
// the ingest and the Beam pipeline run for every input.
func Analyze(ctx context.Context, x *extract.Extractor, in claimex.Input, lim Limits) (claimex.Document, []claimex.Claim, string, error) {
	if lim.Budget <= 0 {
		lim.Budget = DefaultBudget
	}
	if lim.MaxText <= 0 {
		lim.MaxText = DefaultMaxText
	}
	bctx, cancel := context.WithTimeout(ctx, lim.Budget)
	defer cancel()
	doc, err := fetch.CleanContext(bctx, in, x.Rules())
	if err != nil {
		return doc, nil, StageClean, overBudget(ctx, err, lim.Budget)
	}
	if n := int64(len(doc.Text)); n > lim.MaxText {
		return doc, nil, StageClean, &ErrTextTooLong{Size: n, Max: lim.MaxText}
	}
	doc.FetchedAt = in.FetchedAt
	claims, analysis, err := x.ExtractWithin(bctx, doc)
	if err != nil {
		return doc, nil, StageExtract, overBudget(ctx, err, lim.Budget)
	}
	doc.Analysis = analysis
	return doc, claims, "", nil
}

// Stages name where an input failed, as recorded in the store.
const (
	StageWalk    = "walk"
	StageRead    = "read"
	StageFetch   = "fetch"
	StageClean   = "clean"
	StageExtract = "extract"
	StageStore   = "store"
)

// ErrTextTooLong reports an input whose clean text is over the cap.
type ErrTextTooLong struct{ Size, Max int64 }

func (e *ErrTextTooLong) Error() string {
	return fmt.Sprintf("text is %s after cleaning, over the %s limit", corpus.Size(e.Size), corpus.Size(e.Max))
}

// ErrOverBudget reports an input whose cleaning and extraction took longer
// than its time budget.
var ErrOverBudget = errors.New("over the time budget")

// walkProblem is a walk's problem with one entry, reported at once.
func walkProblem(path string, err error) outcome {
	o := failed(path, StageWalk, err)
	o.seq = -1
	return o
}

func failed(source, stage string, err error) outcome {
	return outcome{source: source, stage: stage, err: fmt.Errorf("%s: %w", stage, err)}
}

// overBudget turns the deadline of an input's own budget into
// ErrOverBudget; the end of the whole ingest (ctx) stays what it is.
func overBudget(ctx context.Context, err error, budget time.Duration) error {
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		return fmt.Errorf("%w of %s", ErrOverBudget, budget)
	}
	return err
}

// writer is the single goroutine that stores results in batches, in walk
// order, so that document ids follow the order of the inputs.
type writer struct {
	cfg      Config
	rep      *Report
	batch    []store.Entry
	fetches  []claimex.Fetch
	failures []store.Failure
	window   <-chan struct{}
	pending  map[int]outcome
	next     int
}

func (w *writer) run(ctx context.Context, outcomes <-chan outcome) error {
	tick := time.NewTicker(w.cfg.FlushEvery)
	defer tick.Stop()
	for {
		select {
		case o, ok := <-outcomes:
			if !ok {
				return w.flush()
			}
			if o.seq < 0 {
				w.fail(o)
				continue
			}
			w.pending[o.seq] = o
			for {
				o, ok := w.pending[w.next]
				if !ok {
					break
				}
				delete(w.pending, w.next)
				w.next++
				<-w.window
				if err := w.handle(o); err != nil {
					return err
				}
			}
		case <-tick.C:
			if err := w.flush(); err != nil {
				return err
			}
		case <-ctx.Done():
			// Keep what was finished: it is whole and worth storing.
			return w.flush()
		}
	}
}

// handle takes one input's outcome, in walk order.
func (w *writer) handle(o outcome) error {
	w.cfg.Progress()
	if o.fetch != nil {
		w.rep.Fetched++
	}
	if o.unchanged {
		w.rep.Unchanged++
	}
	switch {
	case o.err != nil:
		w.fail(o)
	case o.known:
		w.rep.Known++
		if o.fetch != nil {
			w.fetches = append(w.fetches, *o.fetch)
		}
	default:
		w.batch = append(w.batch, *o.entry)
		if len(w.batch) >= w.cfg.BatchSize {
			return w.flush()
		}
	}
	return nil
}

// fail reports a failed input and keeps it to record with the next batch.
func (w *writer) fail(o outcome) {
	w.rep.Failed++
	w.cfg.OnError(o.source, o.err)
	reason := o.err.Error()
	if p := o.stage + ": "; strings.HasPrefix(reason, p) {
		reason = reason[len(p):]
	}
	w.failures = append(w.failures, store.Failure{Source: o.source, Stage: o.stage, Reason: reason})
}

func (w *writer) flush() error {
	// Storing must complete even when the ingest is being interrupted.
	ctx := context.WithoutCancel(context.Background())
	if len(w.fetches) > 0 {
		if err := w.cfg.Store.RecordFetches(ctx, w.fetches); err != nil {
			return err
		}
		w.fetches = w.fetches[:0]
	}
	if len(w.batch) == 0 && len(w.failures) == 0 {
		return nil
	}
	if w.rep.RunID == 0 {
		r := w.cfg.Extractor.Rules()
		id, err := w.cfg.Store.BeginRun(ctx, claimex.RunIngest, store.RunRules{Name: r.Name, Hash: r.Hash, Text: r.Text})
		if err != nil {
			return err
		}
		w.rep.RunID = id
	}
	if len(w.failures) > 0 {
		if err := w.cfg.Store.RecordFailures(ctx, w.rep.RunID, w.failures); err != nil {
			return err
		}
		w.failures = w.failures[:0]
	}
	if len(w.batch) == 0 {
		return nil
	}
	written, err := w.cfg.Store.WriteEntries(ctx, w.rep.RunID, w.batch)
	if err != nil {
		return err
	}
	for i, wr := range written {
		if wr.Duplicate {
			w.rep.Known++
			continue
		}
		w.rep.New++
		counts, mentions := tally(w.batch[i].Claims)
		w.rep.Counts += counts
		w.rep.Mentions += mentions
		if w.cfg.OnWritten != nil {
			w.cfg.OnWritten(wr)
		}
	}
	w.batch = w.batch[:0]
	return nil
}

// abort ends an ingest whose writing failed with cause: as far as the
// database still takes writes (a full disk may take none), it records the
// inputs of the batch it could not store as failures at the store stage,
// with the failures not yet recorded, and the run as failed with cause as
// its reason. A run it cannot mark stays 'running' until the next ingest
// finds its process gone and marks it failed. It returns cause, with what
// became of the run.
func (w *writer) abort(cause error) error {
	ctx := context.WithoutCancel(context.Background())
	reason := cause.Error()
	for _, e := range w.batch {
		w.failures = append(w.failures, store.Failure{Source: e.Doc.Source, Stage: StageStore,
			Reason: "its batch was not stored: " + reason})
	}
	notStored := len(w.batch)
	// Inputs read and cleaned, or still on their way, when writing failed:
	// the ingest stopped before storing them.
	seqs := slices.Sorted(maps.Keys(w.pending))
	for _, seq := range seqs {
		o := w.pending[seq]
		if o.err != nil && !errors.Is(o.err, context.Canceled) {
			w.fail(o) // failed on its own
			continue
		}
		if o.known || o.source == "" {
			continue
		}
		w.failures = append(w.failures, store.Failure{Source: o.source, Stage: StageStore,
			Reason: "not stored: the ingest stopped when writing failed: " + reason})
		notStored++
	}
	w.rep.Failed += notStored
	var notes []string
	if w.rep.RunID != 0 {
		err := w.cfg.Store.FailRun(ctx, w.rep.RunID, reason, w.rep.New, w.rep.Counts+w.rep.Mentions, w.rep.Failed)
		if err != nil {
			notes = append(notes, fmt.Sprintf("run %d not marked failed: %v", w.rep.RunID, err))
		} else {
			notes = append(notes, fmt.Sprintf("run %d recorded as failed", w.rep.RunID))
		}
	}
	if err := w.cfg.Store.RecordFailures(ctx, w.rep.RunID, w.failures); err != nil {
		notes = append(notes, fmt.Sprintf("%d failed inputs not recorded: %v", len(w.failures), err))
	} else if notStored > 0 {
		notes = append(notes, fmt.Sprintf("the %d inputs not stored recorded as failures", notStored))
	}
	if len(notes) == 0 {
		return cause
	}
	return fmt.Errorf("%w (%s)", cause, strings.Join(notes, "; "))
}

// finish records the end of the run, if one was begun.
func (w *writer) finish() error {
	if w.rep.RunID == 0 {
		return nil
	}
	ctx := context.WithoutCancel(context.Background())
	var err error
	if w.rep.Interrupted {
		err = w.cfg.Store.FailRun(ctx, w.rep.RunID, "interrupted", w.rep.New, w.rep.Counts+w.rep.Mentions, w.rep.Failed)
	} else {
		err = w.cfg.Store.FinishRun(ctx, w.rep.RunID, claimex.RunDone, w.rep.New, w.rep.Counts+w.rep.Mentions, w.rep.Failed)
	}
	if err != nil {
		return errors.Join(errors.New("ingest: record run end"), err)
	}
	return nil
}

// tally counts a document's count claims and entity mentions.
func tally(claims []claimex.Claim) (counts, mentions int) {
	for _, c := range claims {
		if c.Kind == claimex.KindCount {
			counts++
		} else {
			mentions++
		}
	}
	return counts, mentions
}
