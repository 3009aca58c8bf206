// Package claimexbeam runs claimex over a corpus bigger than one machine,
// on an existing distributed engine: an Apache Beam pipeline (Go SDK) that
// takes web archives and article files, reshuffles their names (never
// their pages) over the workers, and reads, cleans and extracts each file
// where it is read, with claimex's own packages (pipeline.WriteShard),
// writing one JSON Lines shard per input file (package shard) for
// `claimex import`. It runs on the SDK's local runner (Prism) and on
// Dataflow, Flink or Spark with the SDK's flags.
//
// It is a module of its own so that the claimex command does not carry
// Beam's dependencies.
package claimexbeam

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs" // gs:// inputs and outputs
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3" // s3:// inputs and outputs
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/corpus"
	"github.com/claimex/claimex/extract"
	"github.com/claimex/claimex/pipeline"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/shard"
)

func init() {
	register.DoFn3x1[context.Context, string, func(string), error](&shardFn{})
	register.Emitter1[string]()
}

// Options say what the pipeline reads, where it writes and how it
// extracts.
type Options struct {
	// Inputs are the files the pipeline reads (see Inputs).
	Inputs []string
	// Output is the folder the shards go to (a local path, gs://, s3://).
	Output string
	// Rules are the extraction rules (rules.Default() when nil).
	Rules *rules.Rules
	// MaxBytes caps one page (0: corpus.DefaultMaxBytes); Limits bound the
	// work on it as ingest's flags do.
	MaxBytes int64
	pipeline.Limits
}

// Build adds the pipeline to s: the input names are reshuffled, and each
// is read, cleaned and extracted into a shard of its own under
// opt.Output, named for the input; a line per input goes to
// Output/manifest.jsonl (documents, claims, failures, what its archive
// held).
func Build(s beam.Scope, opt Options) error {
	if len(opt.Inputs) == 0 {
		return fmt.Errorf("no inputs")
	}
	if opt.Output == "" {
		return fmt.Errorf("no output folder")
	}
	r := opt.Rules
	if r == nil {
		r = rules.Default()
	}
	names := beam.CreateList(s, opt.Inputs)
	// Only names cross the shuffle: pages stay with the worker that reads
	// them (shuffling bodies cost 8.75 GB for 3,000 pages on Prism).
	names = beam.Reshuffle(s, names)
	summaries := beam.ParDo(s, &shardFn{Output: opt.Output, RulesName: r.Name, RulesText: string(r.Text),
		MaxBytes: opt.MaxBytes, MaxText: opt.MaxText, Budget: int64(opt.Budget)}, names)
	textio.Write(s, join(opt.Output, "manifest.jsonl"), summaries)
	return nil
}

// ShardName is the shard an input's documents go to under output.
func ShardName(output, input string) string {
	sum := sha256.Sum256([]byte(input))
	return join(output, "shard-"+hex.EncodeToString(sum[:8])+".jsonl")
}

func join(dir, name string) string { return strings.TrimSuffix(dir, "/") + "/" + name }

// Summary is what became of one input: a line of the manifest.
type Summary struct {
	Input string `json:"input"`
	Shard string `json:"shard"`
	pipeline.ShardStats
}

// shardFn reads, cleans and extracts one input file into its shard.
// Exported fields are the pipeline's settings, sent to the workers.
type shardFn struct {
	Output               string
	RulesName, RulesText string
	MaxBytes, MaxText    int64
	Budget               int64 // time.Duration

	x *extract.Extractor
}

func (f *shardFn) Setup() error {
	x, err := extractorFor(f.RulesName, f.RulesText)
	f.x = x
	return err
}

var (
	documentsCounter = beam.NewCounter("claimex", "documents")
	claimsCounter    = beam.NewCounter("claimex", "claims")
	failedCounter    = beam.NewCounter("claimex", "failed")
)

func (f *shardFn) ProcessElement(ctx context.Context, input string, emit func(string)) error {
	out := ShardName(f.Output, input)
	stats, err := f.write(ctx, input, out)
	if err != nil {
		return fmt.Errorf("%s: %w", input, err) // the runner retries the file
	}
	documentsCounter.Inc(ctx, int64(stats.Documents))
	claimsCounter.Inc(ctx, int64(stats.Claims))
	failedCounter.Inc(ctx, int64(stats.Failed))
	line, err := json.Marshal(Summary{Input: input, Shard: out, ShardStats: stats})
	if err != nil {
		return err
	}
	emit(string(line))
	return nil
}

// write makes the shard of one input: beside its final name first, then
// renamed, so that a shard under its own name is always whole.
func (f *shardFn) write(ctx context.Context, input, out string) (pipeline.ShardStats, error) {
	var stats pipeline.ShardStats
	ofs, err := filesystem.New(ctx, out)
	if err != nil {
		return stats, err
	}
	defer ofs.Close()
	tmp := out + ".tmp"
	w, err := ofs.OpenWrite(ctx, tmp)
	if err != nil {
		return stats, fmt.Errorf("write %s: %w", tmp, err)
	}
	r := f.x.Rules()
	sw, err := shard.NewWriter(w, shard.Header{Claimex: claimex.Version, Input: input, RulesName: r.Name, RulesHash: r.Hash,
		RulesText: string(r.Text)})
	if err != nil {
		w.Close()
		return stats, err
	}
	stats, err = f.read(ctx, input, sw)
	if err == nil {
		err = sw.Flush()
	}
	if cerr := w.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("write %s: %w", tmp, cerr)
	}
	if err != nil {
		return stats, err
	}
	return stats, filesystem.Rename(ctx, ofs, tmp, out)
}

// read reads, cleans and extracts an input into sw. An input that cannot
// be opened is a failure in the shard (trying again would not help); one
// whose reading fails midway is an error, for the runner to retry.
func (f *shardFn) read(ctx context.Context, input string, sw *shard.Writer) (pipeline.ShardStats, error) {
	var stats pipeline.ShardStats
	ifs, err := filesystem.New(ctx, input)
	if err != nil {
		stats.Failed++
		return stats, sw.Failure(input, pipeline.StageRead, err.Error())
	}
	defer ifs.Close()
	rc, err := ifs.OpenRead(ctx, input)
	if err != nil {
		stats.Failed++
		return stats, sw.Failure(input, pipeline.StageRead, err.Error())
	}
	defer rc.Close()
	return pipeline.WriteShard(ctx, f.x, input, rc, f.MaxBytes,
		pipeline.Limits{MaxText: f.MaxText, Budget: time.Duration(f.Budget)}, sw)
}

// extractors keeps one extractor per rules in a worker process: making
// one loads the language models.
var (
	extractorsMu sync.Mutex
	extractors   = map[string]*extract.Extractor{}
)

func extractorFor(name, text string) (*extract.Extractor, error) {
	extractorsMu.Lock()
	defer extractorsMu.Unlock()
	if x, ok := extractors[text]; ok {
		return x, nil
	}
	r, err := rules.Parse(name, []byte(text))
	if err != nil {
		return nil, err
	}
	x, err := extract.New(r)
	if err != nil {
		return nil, err
	}
	extractors[text] = x
	return x, nil
}

// Inputs expands what the user named into the files to read, sorted and
// without repeats: a local folder gives the web archives and article
// files under it (as ingest walks it); a name with *, ? or [ is a
// pattern for the file system it names (gs://bucket/cc-news/*.warc.gz);
// @FILE reads a list of names, one a line (# starts a comment), each
// expanded in turn; any other name is taken as it is.
func Inputs(ctx context.Context, names []string) ([]string, error) {
	var out []string
	for _, n := range names {
		got, err := expand(ctx, n, 0)
		if err != nil {
			return nil, err
		}
		out = append(out, got...)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

func expand(ctx context.Context, name string, depth int) ([]string, error) {
	switch {
	case strings.HasPrefix(name, "@"):
		if depth > 0 {
			return nil, fmt.Errorf("%s: a list may not name another list", name)
		}
		return expandList(ctx, name[1:])
	case strings.ContainsAny(name, "*?["):
		fsys, err := filesystem.New(ctx, name)
		if err != nil {
			return nil, err
		}
		defer fsys.Close()
		files, err := fsys.List(ctx, name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("%s: no files match", name)
		}
		return files, nil
	}
	if st, err := os.Stat(name); err == nil && st.IsDir() {
		return walkDir(ctx, name)
	}
	return []string{name}, nil
}

func expandList(ctx context.Context, list string) ([]string, error) {
	fsys, err := filesystem.New(ctx, list)
	if err != nil {
		return nil, err
	}
	defer fsys.Close()
	rc, err := fsys.OpenRead(ctx, list)
	if err != nil {
		return nil, fmt.Errorf("@%s: %w", list, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("@%s: %w", list, err)
	}
	var out []string
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		got, err := expand(ctx, line, 1)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", list, i+1, err)
		}
		out = append(out, got...)
	}
	return out, nil
}

// walkDir lists the web archives and article files under a local folder.
func walkDir(ctx context.Context, dir string) ([]string, error) {
	items := make(chan corpus.Item, 64)
	var problems []string
	go func() {
		defer close(items)
		corpus.Walk(ctx, []string{dir}, items, func(path string, err error) {
			problems = append(problems, fmt.Sprintf("%s: %v", path, err))
		})
	}()
	var out []string
	for it := range items {
		abs, err := filepath.Abs(it.Path)
		if err != nil {
			return nil, err
		}
		out = append(out, abs)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return out, nil
}
