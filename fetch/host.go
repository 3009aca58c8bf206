package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// host is what the client keeps per scheme and host: when the next
// request may go, and what its robots.txt allows.
type host struct {
	base string // scheme://host:port

	mu       sync.Mutex
	next     time.Time
	interval time.Duration
	// sent is when the last request to the host went out.
	sent time.Time

	// robotsMu is held while robots.txt loads, so it loads once.
	robotsMu  sync.Mutex
	robots    *robotstxt.Group
	robotsErr error
	loaded    bool
}

func (c *Client) host(u *url.URL) *host {
	key := u.Scheme + "://" + u.Host
	c.mu.Lock()
	defer c.mu.Unlock()
	h, ok := c.hosts[key]
	if !ok {
		h = &host{base: key, interval: c.opt.HostInterval}
		c.hosts[key] = h
	}
	return h
}

// wait takes the host's next turn, waiting for it: turns are interval
// apart, whatever number of goroutines ask.
func (h *host) wait(ctx context.Context) error {
	h.mu.Lock()
	now := time.Now()
	at := now
	if h.next.After(now) {
		at = h.next
	}
	h.next = at.Add(h.interval)
	h.mu.Unlock()
	if at.Equal(now) {
		return ctx.Err()
	}
	return sleep(ctx, at.Sub(now))
}

// send waits, if it must, until the host's interval has passed since
// the last request to it went out, and records this one as sent at the
// time it returns. A turn
// taken in wait is on time, but a request can be held after it (for a
// connection slot, or by a busy machine) and reach the server late,
// close to the next one: the interval counts between sends.
func (h *host) send(ctx context.Context) (time.Time, error) {
	for {
		h.mu.Lock()
		now := time.Now()
		d := h.interval - now.Sub(h.sent)
		if h.sent.IsZero() || d <= 0 {
			h.sent = now
			h.mu.Unlock()
			return now, ctx.Err()
		}
		h.mu.Unlock()
		if err := sleep(ctx, d); err != nil {
			return time.Time{}, err
		}
	}
}

// delay holds every request to the host back for d: the server asked for
// a pause, or is failing.
func (h *host) delay(d time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if t := time.Now().Add(d); t.After(h.next) {
		h.next = t
	}
}

// retryWait waits d before a request that failed with err is tried
// again, holding back every request to the host meanwhile. The wait
// counts against the URL's deadline.
func (h *host) retryWait(ctx context.Context, d time.Duration, err error) error {
	clockOf(ctx).failed(err)
	h.delay(d)
	return sleep(ctx, d)
}

// sleep waits d, or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// robotsRequest marks the context of a robots.txt request.
type robotsRequest struct{}

// robotsMaxBytes is how much of a robots.txt is read, as RFC 9309 allows
// a crawler to stop at 500 KiB.
const robotsMaxBytes = 500 << 10

// RobotsError is a robots.txt that could not be had (5xx, no connection,
// a timeout): following RFC 9309 claimex then treats the whole host as
// disallowed, and errors.Is(err, ErrDisallowed) holds. The message leads
// with what happened.
type RobotsError struct {
	URL      string
	Attempts int
	Err      error
}

func (e *RobotsError) Error() string {
	in := ""
	if e.Attempts > 1 {
		in = fmt.Sprintf(" in %d attempts", e.Attempts)
	}
	return fmt.Sprintf("%v (%s could not be read%s, so claimex treats the host as disallowed)", e.Err, e.URL, in)
}

func (e *RobotsError) Is(target error) bool { return target == ErrDisallowed }

func (e *RobotsError) Unwrap() error { return e.Err }

// allowed reports whether the host's robots.txt lets claimex fetch u,
// loading it on the first call for the host. Following RFC 9309, a
// robots.txt that is missing (4xx) allows everything, and one that
// cannot be had (5xx, no connection) disallows everything. A host whose
// address is refused is reported as such.
func (c *Client) allowed(ctx context.Context, h *host, u *url.URL) error {
	h.robotsMu.Lock()
	if !h.loaded {
		h.robots, h.robotsErr = c.loadRobots(ctx, h)
		// A load cut short by the caller's own deadline says nothing of
		// the host: the next caller tries again.
		h.loaded = ctx.Err() == nil
	}
	robots, robotsErr := h.robots, h.robotsErr
	h.robotsMu.Unlock()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if robotsErr != nil {
		return robotsErr
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !robots.Test(path) {
		return fmt.Errorf("%w: %s/robots.txt disallows %s", ErrDisallowed, h.base, path)
	}
	return nil
}

func (c *Client) loadRobots(ctx context.Context, h *host) (*robotstxt.Group, error) {
	u, _ := url.Parse(h.base + "/robots.txt")
	// Redirects of robots.txt itself are not checked against robots.txt.
	ctx = context.WithValue(ctx, robotsRequest{}, true)
	status := 0
	var body []byte
	for attempt := 0; status == 0; attempt++ {
		resp, err := c.attempt(ctx, h, u, request{maxBytes: robotsMaxBytes, truncate: true, robots: true})
		var se *StatusError
		switch {
		case err == nil:
			status, body = resp.Status, resp.Body
		case errors.As(err, &se) && se.Code < 500 && se.Code != http.StatusTooManyRequests:
			status = se.Code
		default:
			wait, retry := c.retryable(ctx, err, attempt)
			if retry {
				if err := h.retryWait(ctx, wait, err); err != nil {
					return nil, err
				}
				continue
			}
			if ae, ok := err.(*AddressError); ok {
				return nil, ae // the host itself is refused
			}
			return nil, &RobotsError{URL: u.String(), Attempts: attempt + 1, Err: err}
		}
	}
	data, err := robotstxt.FromStatusAndBytes(status, body)
	if err != nil {
		// An unparseable file is read as no rules at all.
		data, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
	}
	g := data.FindGroup(robotsAgent)
	if g.CrawlDelay > 0 {
		h.mu.Lock()
		h.interval = max(h.interval, min(g.CrawlDelay, c.opt.MaxWait))
		h.mu.Unlock()
	}
	return g, nil
}
