package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/claimex/claimex/corpus"
	"github.com/claimex/claimex/fetch"
)

// DefaultMaxWARCBytes caps a web archive downloaded from a URL: CC-NEWS
// files are about a gigabyte.
const DefaultMaxWARCBytes = 8 << 30

// processJob handles one job: an item to read or fetch, a page of a web
// archive in hand, or a problem met reading an archive.
func processJob(ctx context.Context, cfg Config, j job) outcome {
	switch {
	case j.err != nil:
		return failed(j.source, j.stage, j.err)
	case j.in != nil:
		return analyze(ctx, cfg, *j.in, nil)
	}
	return process(ctx, cfg, j.item)
}

// expandWARC reads the web archive it names (a file, or a URL it
// downloads first) and sends a job for each page and each bad record in
// it, in order, adding what it found to tally. It returns false when the
// ingest is stopping.
func expandWARC(ctx context.Context, cfg Config, it corpus.Item, send func(job) bool, tally *corpus.WARCTally) bool {
	path, name, stage := it.Path, it.Path, StageRead
	if it.URL != "" {
		name, stage = it.URL, StageFetch
		tmp, err := DownloadWARC(ctx, cfg.Client, it.URL)
		if err != nil {
			return send(job{err: err, stage: stage, source: name})
		}
		defer os.Remove(tmp)
		path = tmp
	}
	t, err := corpus.ReadWARCFile(ctx, path, name, cfg.MaxBytes, func(p corpus.Page) error {
		ok := false
		if p.Err != nil {
			ok = send(job{err: p.Err, stage: StageRead, source: p.Location})
		} else {
			ok = send(job{in: &p.Input})
		}
		if !ok {
			return errStop
		}
		return nil
	})
	tally.Add(t)
	if err != nil && err != errStop && ctx.Err() == nil {
		return send(job{err: err, stage: StageRead, source: name})
	}
	return ctx.Err() == nil
}

// errStop ends the reading of an archive whose pages are no longer
// wanted.
var errStop = errors.New("stopped")

// DownloadWARC fetches a web archive into a temporary file and returns
// its path; the caller removes it.
func DownloadWARC(ctx context.Context, client *fetch.Client, url string) (string, error) {
	if client == nil {
		return "", errors.New("no HTTP client configured")
	}
	f, err := os.CreateTemp("", "claimex-*.warc")
	if err != nil {
		return "", fmt.Errorf("download %s: %w", url, err)
	}
	defer f.Close()
	if _, err := client.Download(ctx, url, f, DefaultMaxWARCBytes); err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}
