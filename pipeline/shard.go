package pipeline

import (
	"context"
	"io"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/corpus"
	"github.com/claimex/claimex/extract"
	"github.com/claimex/claimex/shard"
)

// ShardStats is what WriteShard did with one input file.
type ShardStats struct {
	corpus.WARCTally
	// Documents written (with Claims claims), Duplicates passed over (a
	// page met twice in the file), Failed inputs written as failures.
	Documents, Claims, Duplicates, Failed int
}

// WriteShard reads one input file named name from r — a web archive
// (corpus.IsWARC) or an article file — and cleans and extracts every page
// in it as an ingest does (Analyze), writing the documents, their claims
// and the failures to w. It is the Beam pipeline's work for one file,
// fused: the pages never leave the worker that read them. maxBytes caps
// one page (0: corpus.DefaultMaxBytes). Its error is reading's or
// writing's; a page that fails is a failure line.
func WriteShard(ctx context.Context, x *extract.Extractor, name string, r io.Reader, maxBytes int64, lim Limits,
	w *shard.Writer) (ShardStats, error) {
	var st ShardStats
	seen := map[string]bool{}
	do := func(in claimex.Input) error {
		if seen[in.Hash] {
			st.Duplicates++
			return nil
		}
		seen[in.Hash] = true
		doc, claims, stage, err := Analyze(ctx, x, in, lim)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			st.Failed++
			return w.Failure(in.Source, stage, err.Error())
		}
		st.Documents++
		st.Claims += len(claims)
		return w.Document(doc, claims)
	}
	if !corpus.IsWARC(name) {
		if maxBytes <= 0 {
			maxBytes = corpus.DefaultMaxBytes
		}
		b, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
		if err != nil {
			return st, err
		}
		var ferr error
		switch {
		case int64(len(b)) > maxBytes:
			ferr = &corpus.ErrTooLarge{Size: int64(len(b)), Max: maxBytes}
		case len(b) == 0:
			ferr = corpus.ErrEmpty
		}
		if ferr != nil {
			st.Failed++
			return st, w.Failure(name, StageRead, ferr.Error())
		}
		format, _ := corpus.FormatOf(name)
		return st, do(corpus.FromBytes(name, format, b))
	}
	tally, err := corpus.ReadWARC(ctx, r, name, maxBytes, func(p corpus.Page) error {
		if p.Err != nil {
			st.Failed++
			return w.Failure(p.Location, StageRead, p.Err.Error())
		}
		return do(p.Input)
	})
	st.WARCTally = tally
	return st, err
}
