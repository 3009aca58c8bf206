// Package pipeline wires the stages into the concurrent ingest: a walker
// finds inputs (corpus), a pool of workers, one per core, reads, cleans
// (fetch) and extracts (extract) them, and a single writer stores the
// results in batched transactions (store). Channels between the stages are
// bounded, so memory stays flat however large the corpus.
package pipeline

import (
	"runtime"
	"time"
)

// Defaults for Config fields left zero.
const (
	DefaultBatchSize  = 64
	DefaultFlushEvery = time.Second
	// DefaultBudget is the time one input's cleaning and extraction may
	// take: a long report needs a second or two, a hostile page is cut
	// off.
	DefaultBudget = 30 * time.Second
	// DefaultMaxText is the longest clean text extracted from one input:
	// a long report is 1 MB, a news article under 100 KB. Extraction
	// holds about a hundred times the text in memory.
	DefaultMaxText = 2 << 20
)

func workers(n int) int {
	if n > 0 {
		return n
	}
	return runtime.GOMAXPROCS(0)
}

// reorderWindow is how many inputs may be between the walk and the
// writer: enough to keep n workers busy while one slow input holds the
// writer back.
func reorderWindow(n int) int { return 16 * n }
