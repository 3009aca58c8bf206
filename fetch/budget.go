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

// budgetEvery is how many steps of the passes over a parsed page go
// between two looks at the time budget: a look is cheap, but not as cheap
// as a step.
const budgetEvery = 1024

// budget is a page's time budget as the passes over its tree see it.
// They take a step for every node they visit; every budgetEvery steps the
// budget looks at ctx, and once ctx has ended every step says so, and the
// passes stop short.
type budget struct {
	ctx   context.Context
	steps int
	err   error
}

// step counts a step and reports whether the budget is spent.
func (b *budget) step() bool {
	if b.err == nil {
		if b.steps++; b.steps%budgetEvery == 0 {
			b.err = b.ctx.Err()
		}
	}
	return b.err != nil
}

// spent returns ctx's error if the budget is spent, looking now.
func (b *budget) spent() error {
	if b.err == nil {
		b.err = b.ctx.Err()
	}
	return b.err
}
