package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"
)

// DeadlineError is a URL that took longer than Options.URLTimeout, from
// its first request on. errors.Is(err, context.DeadlineExceeded) holds.
type DeadlineError struct {
	Limit time.Duration
	// Attempts is how many times the page was asked for; RobotsAttempts
	// how many times a robots.txt was, and Robots the last one asked.
	Attempts, RobotsAttempts int
	Robots                   string
	// Last is the last failure that was retried, if any.
	Last error
}

func (e *DeadlineError) Error() string {
	msg := fmt.Sprintf("over the %v deadline for one URL, after %s", e.Limit, attempts(e.Attempts))
	if e.Attempts == 0 {
		msg = fmt.Sprintf("over the %v deadline for one URL, after %s to read %s", e.Limit, attempts(e.RobotsAttempts), e.Robots)
	}
	if e.Last != nil {
		msg += fmt.Sprintf(" (last failure: %v)", e.Last)
	}
	return msg
}

func (e *DeadlineError) Is(target error) bool { return target == context.DeadlineExceeded }

func attempts(n int) string {
	if n == 1 {
		return "1 attempt"
	}
	return fmt.Sprintf("%d attempts", n)
}

// urlClock is one URL's deadline. It runs while the URL's requests are
// made and while a failed one waits to be retried; it stands still while
// a request waits for the host's turn or a free slot, since that depends
// on how many other URLs are queued, not on this one.
type urlClock struct {
	cancel context.CancelCauseFunc

	mu    sync.Mutex
	left  time.Duration
	timer *time.Timer // nil while the clock stands still
	since time.Time   // when it last started running
	// report is the DeadlineError to return if the time runs out.
	report DeadlineError
}

type clockKey struct{}

// errOverDeadline is the cause of a context the URL's clock ended.
var errOverDeadline = errors.New("over the deadline for one URL")

// startClock gives ctx a clock for one URL, standing still until the
// URL's first request.
func (c *Client) startClock(ctx context.Context) (context.Context, *urlClock) {
	ctx, cancel := context.WithCancelCause(ctx)
	k := &urlClock{left: c.opt.URLTimeout, cancel: cancel, report: DeadlineError{Limit: c.opt.URLTimeout}}
	return context.WithValue(ctx, clockKey{}, k), k
}

// clockOf is the clock of the URL a request is made for. Outside Get it
// is nil, and its methods do nothing.
func clockOf(ctx context.Context) *urlClock {
	k, _ := ctx.Value(clockKey{}).(*urlClock)
	return k
}

// run lets the clock run.
func (k *urlClock) run() {
	if k == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.timer == nil {
		k.since = time.Now()
		k.timer = time.AfterFunc(k.left, func() { k.cancel(errOverDeadline) })
	}
}

// hold stops the clock until run is called again.
func (k *urlClock) hold() {
	if k == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.timer != nil && k.timer.Stop() {
		k.left -= time.Since(k.since)
		k.timer = nil
	}
}

// begin counts a request about to go out and lets the clock run.
func (k *urlClock) begin(robots bool, u *url.URL) {
	if k == nil {
		return
	}
	k.mu.Lock()
	if robots {
		k.report.RobotsAttempts++
		k.report.Robots = u.String()
	} else {
		k.report.Attempts++
	}
	k.mu.Unlock()
	k.run()
}

// failed notes a failure about to be retried.
func (k *urlClock) failed(err error) {
	if k == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.report.Last = err
}

// over returns the DeadlineError when the clock ended ctx, nil otherwise.
func (k *urlClock) over(ctx context.Context) error {
	if !errors.Is(context.Cause(ctx), errOverDeadline) {
		return nil
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	report := k.report
	return &report
}

// stop releases the clock once the URL is done.
func (k *urlClock) stop() {
	k.hold()
	k.cancel(nil)
}
