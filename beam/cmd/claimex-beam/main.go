// Command claimex-beam runs claimex's Beam pipeline: web archives and
// article files in, one JSON Lines shard per input file out, for
// `claimex import`. Beam's own flags choose the runner:
//
//	claimex-beam --input 'cc-news/*.warc.gz' --output shards/                       # Prism, in process
//	claimex-beam --runner dataflow --project P --region R --temp_location gs://B/tmp \
//	    --staging_location gs://B/staging --input 'gs://B/cc-news/*.warc.gz' --output gs://B/shards
//	claimex-beam --runner flink --endpoint localhost:8099 --environment_type LOOPBACK ...
//	claimex-beam --runner spark --endpoint localhost:4040 --environment_type LOOPBACK ...
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	claimexbeam "github.com/claimex/claimex/beam"
	"github.com/claimex/claimex/corpus"
	"github.com/claimex/claimex/pipeline"
	"github.com/claimex/claimex/rules"
)

// inputs is the repeatable --input flag.
type inputs []string

func (i *inputs) String() string     { return strings.Join(*i, ",") }
func (i *inputs) Set(v string) error { *i = append(*i, v); return nil }

func main() {
	var in inputs
	flag.Var(&in, "input", "a web archive, article file, folder, pattern (gs://b/*.warc.gz) or @LIST of them; repeatable")
	output := flag.String("output", "", "folder for the shards (local, gs://, s3://)")
	rulesFile := flag.String("rules", "", "rules `file` (default: the built-in rules)")
	maxMB := flag.Int64("max-mb", corpus.DefaultMaxBytes>>20, "skip pages larger than this many `MB`")
	maxTextMB := flag.Int64("max-text-mb", pipeline.DefaultMaxText>>20, "skip pages whose clean text is longer than this many `MB`")
	budget := flag.Duration("budget", pipeline.DefaultBudget, "give up on a page whose cleaning and extraction take longer than this")
	flag.Parse()
	beam.Init()
	if err := run(in, *output, *rulesFile, *maxMB<<20, *maxTextMB<<20, *budget); err != nil {
		fmt.Fprintf(os.Stderr, "claimex-beam: %v\n", err)
		os.Exit(1)
	}
}

func run(in []string, output, rulesFile string, maxBytes, maxText int64, budget time.Duration) error {
	ctx := context.Background()
	if len(in) == 0 || output == "" {
		return fmt.Errorf("name --input and --output")
	}
	r := rules.Default()
	if rulesFile != "" {
		var err error
		if r, err = rules.Load(rulesFile); err != nil {
			return err
		}
	}
	files, err := claimexbeam.Inputs(ctx, in)
	if err != nil {
		return err
	}
	if !strings.Contains(output, "://") {
		if err := os.MkdirAll(output, 0o755); err != nil {
			return err
		}
	}
	p, s := beam.NewPipelineWithRoot()
	if err := claimexbeam.Build(s, claimexbeam.Options{Inputs: files, Output: output, Rules: r, MaxBytes: maxBytes,
		Limits: pipeline.Limits{MaxText: maxText, Budget: budget}}); err != nil {
		return err
	}
	slog.Info("running", "inputs", len(files), "output", output)
	if err := beamx.Run(ctx, p); err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	fmt.Printf("wrote the shards of %d inputs to %s (manifest: %s/manifest.jsonl); load them with: claimex import %s/shard-*.jsonl\n",
		len(files), output, strings.TrimSuffix(output, "/"), strings.TrimSuffix(output, "/"))
	return nil
}
