package main

import (
	"context"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progressBar shows the advance of long work on a terminal; on anything
// else (a pipe, a file, a test) every method does nothing.
type progressBar struct {
	bar *progressbar.ProgressBar
	// mu keeps the background count from redrawing a finished bar.
	mu   sync.Mutex
	done bool
}

// progress starts a bar described by desc. total is called in the
// background, as counting inputs may take a while; the bar spins until it
// returns.
func (a *app) progress(ctx context.Context, desc string, total func() int) *progressBar {
	if !a.terminal {
		return &progressBar{}
	}
	bar := progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(a.stderr),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("docs"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionFullWidth(),
	)
	p := &progressBar{bar: bar}
	go func() {
		n := total()
		p.mu.Lock()
		defer p.mu.Unlock()
		if n > 0 && !p.done && ctx.Err() == nil {
			bar.ChangeMax(n)
		}
	}()
	return p
}

func (p *progressBar) add() {
	if p.bar != nil {
		p.bar.Add(1)
	}
}

// clear removes the bar so that a message can be printed; it is redrawn
// on the next step.
func (p *progressBar) clear() {
	if p.bar != nil {
		p.bar.Clear()
	}
}

func (p *progressBar) finish() {
	if p.bar != nil {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.done = true
		p.bar.Finish()
	}
}
