package fetch

import (
	"context"
	"io"
)

// budgetReader hands the HTML parser its input in small reads and fails
// once ctx ends, so a page that makes the parser slow cannot outlast its
// time budget by much.
type budgetReader struct {
	ctx context.Context
	r   io.Reader
}

// budgetChunk is the most one Read returns.
const budgetChunk = 2048

func (b *budgetReader) Read(p []byte) (int, error) {
	if err := b.ctx.Err(); err != nil {
		return 0, err
	}
	if len(p) > budgetChunk {
		p = p[:budgetChunk]
	}
	return b.r.Read(p)
}
