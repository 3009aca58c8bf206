package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/claimex/claimex"
)

// Options tune a Client. Zero fields take the defaults below.
type Options struct {
	// UserAgent names claimex to the servers it asks.
	UserAgent string
	// ConnectTimeout bounds opening a connection (TCP and TLS); Timeout
	// one whole attempt, body included; URLTimeout everything done for
	// one URL from its first request on: its attempts, the waits between
	// them and the reading of robots.txt.
	ConnectTimeout, Timeout, URLTimeout time.Duration
	// MaxBytes caps a response body.
	MaxBytes int64
	// DownloadTimeout bounds one attempt of a Download, body included:
	// a web archive may be gigabytes.
	DownloadTimeout time.Duration
	// MaxRedirects is how many redirects one request may follow.
	MaxRedirects int
	// Retries is how many times a request that failed for a passing
	// reason (a 5xx, a 429, a timeout, a dropped connection) is tried
	// again; Backoff is the wait before the first retry, doubled for each
	// next one; MaxWait is the longest wait claimex accepts, from a
	// Retry-After header or a robots.txt Crawl-delay.
	Retries        int
	Backoff        time.Duration
	MaxWait        time.Duration
	HostInterval   time.Duration
	MaxConcurrency int
	// AllowPrivateAddresses lets the client connect to addresses that are
	// not public (loopback, private networks, link-local and the like).
	// Otherwise it refuses them when it dials and, for a request sent
	// through a proxy, before handing the request over.
	AllowPrivateAddresses bool
	Log                   *slog.Logger

	// permit lists addresses allowed whatever their kind, and proxyFor
	// replaces http.ProxyFromEnvironment: tests only.
	permit   []netip.AddrPort
	proxyFor func(*http.Request) (*url.URL, error)
}

// Defaults for Options.
const (
	DefaultConnectTimeout = 10 * time.Second
	DefaultTimeout        = 30 * time.Second
	DefaultURLTimeout     = 2 * time.Minute
	DefaultMaxBytes       = 10 << 20
	DefaultMaxRedirects   = 5
	DefaultRetries        = 3
	DefaultBackoff        = time.Second
	DefaultMaxWait        = 2 * time.Minute
	// DefaultHostInterval is the least time between two requests to one
	// host: one request a second.
	DefaultHostInterval   = time.Second
	DefaultMaxConcurrency = 8
	// robotsAgent is the token robots.txt groups are matched against.
	robotsAgent = "claimex"
)

// DefaultUserAgent names the program and where to learn about it.
var DefaultUserAgent = "claimex/" + claimex.Version + " (+https://github.com/claimex/claimex)"

func (o Options) withDefaults() Options {
	set := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	set(&o.ConnectTimeout, DefaultConnectTimeout)
	set(&o.Timeout, DefaultTimeout)
	set(&o.DownloadTimeout, DefaultDownloadTimeout)
	set(&o.URLTimeout, DefaultURLTimeout)
	set(&o.Backoff, DefaultBackoff)
	set(&o.MaxWait, DefaultMaxWait)
	set(&o.HostInterval, DefaultHostInterval)
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.Retries < 0 {
		o.Retries = 0
	} else if o.Retries == 0 {
		o.Retries = DefaultRetries
	}
	if o.MaxConcurrency <= 0 {
		o.MaxConcurrency = DefaultMaxConcurrency
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.proxyFor == nil {
		o.proxyFor = http.ProxyFromEnvironment
	}
	return o
}

// Client retrieves pages politely: it reads each host's robots.txt before
// the first request, spaces requests to a host by the host interval (or
// the Crawl-delay robots.txt asks for), runs at most MaxConcurrency
// requests at once, retries passing failures with growing waits, gives
// each URL at most URLTimeout, and connects to public addresses only
// unless told otherwise. It is safe for concurrent use.
type Client struct {
	opt   Options
	guard guard
	http  *http.Client
	slots chan struct{}
	mu    sync.Mutex
	hosts map[string]*host
	// sending, when set (tests), is told of each request as it is sent:
	// the spacing of requests is the client's, measured where it decides.
	sending func(u *url.URL, at time.Time)
}

// NewClient returns a client with the given options.
func NewClient(opt Options) *Client {
	opt = opt.withDefaults()
	c := &Client{opt: opt, guard: guard{allowAll: opt.AllowPrivateAddresses, permit: opt.permit},
		slots: make(chan struct{}, opt.MaxConcurrency), hosts: map[string]*host{}}
	transport := &http.Transport{
		Proxy:                 c.proxy,
		DialContext:           c.dialer().DialContext,
		TLSHandshakeTimeout:   opt.ConnectTimeout,
		ResponseHeaderTimeout: opt.Timeout,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	c.http = &http.Client{Transport: transport, CheckRedirect: c.checkRedirect}
	return c
}

// dialer opens the client's connections, to the addresses its guard
// lets through.
func (c *Client) dialer() *net.Dialer {
	return &net.Dialer{Timeout: c.opt.ConnectTimeout, KeepAlive: 30 * time.Second, ControlContext: c.guard.control}
}

// MaxConcurrency is how many requests the client runs at once.
func (c *Client) MaxConcurrency() int { return c.opt.MaxConcurrency }

// Validators are what a server said of the copy retrieved before; sent
// back, they let it answer 304 Not Modified instead of the page.
type Validators struct {
	ETag, LastModified string
}

// Response is a page retrieved, or a server's word that it has not
// changed.
type Response struct {
	// URL is the address answered, after redirects.
	URL         string
	Status      int
	ContentType string
	Body        []byte
	// NotModified is set on a 304 answer to a conditional request: Body is
	// then empty and the copy stored before is current.
	NotModified bool
	Validators
}

// Errors a retrieval may end with, for errors.Is.
var (
	ErrDisallowed       = errors.New("disallowed by robots.txt")
	ErrTooLarge         = errors.New("response body over the size limit")
	ErrTooManyRedirects = errors.New("too many redirects")
	ErrRedirectLoop     = errors.New("redirect loop")
	ErrNotHTTP          = errors.New("not an http or https address")
)

// StatusError is an HTTP answer other than success or 304.
type StatusError struct {
	Code int
	// RetryAfter is the wait the server asked for, if it did.
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	if e.RetryAfter > 0 {
		return fmt.Sprintf("HTTP %d %s (the server asks to wait %v)", e.Code, http.StatusText(e.Code), e.RetryAfter)
	}
	return fmt.Sprintf("HTTP %d %s", e.Code, http.StatusText(e.Code))
}

// Get retrieves rawURL, asking the server to answer 304 when the page
// still matches prev. Failures that may pass are retried, within the
// URL's deadline; the error returned names what finally went wrong.
func (c *Client) Get(ctx context.Context, rawURL string, prev Validators) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, ErrNotHTTP
	}
	ctx, clock := c.startClock(ctx)
	defer clock.stop()
	resp, err := c.get(ctx, u, request{prev: prev, maxBytes: c.opt.MaxBytes})
	if err != nil {
		if over := clock.over(ctx); over != nil {
			return nil, over
		}
	}
	return resp, err
}

func (c *Client) get(ctx context.Context, u *url.URL, r request) (*Response, error) {
	h := c.host(u)
	if err := c.allowed(ctx, h, u); err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		resp, err := c.attempt(ctx, h, u, r)
		if err == nil {
			return resp, nil
		}
		wait, retry := c.retryable(ctx, err, attempt)
		if !retry {
			if attempt > 0 {
				return nil, fmt.Errorf("%w (after %d attempts)", err, attempt+1)
			}
			return nil, err
		}
		c.opt.Log.Info("retrying", "url", u.String(), "error", err, "wait", wait, "attempt", attempt+1)
		if err := h.retryWait(ctx, wait, err); err != nil {
			return nil, err
		}
	}
}

// request is how one attempt asks and reads.
type request struct {
	prev     Validators
	maxBytes int64
	// truncate keeps the first maxBytes of a longer body instead of
	// failing.
	truncate bool
	// robots marks a robots.txt read. It skips the concurrency bound:
	// robots.txt is read while the request that needs it (a redirect)
	// holds a slot.
	robots bool
	// sink, when set, takes the body (a download) instead of Body, and
	// the attempt has DownloadTimeout rather than Timeout.
	sink func(io.Reader) (int64, error)
}

// attempt makes one request once the host's turn has come.
func (c *Client) attempt(ctx context.Context, h *host, u *url.URL, r request) (*Response, error) {
	prev := r.prev
	// The URL's clock stands still while the request waits its turn.
	clockOf(ctx).hold()
	if err := h.wait(ctx); err != nil {
		return nil, err
	}
	if !r.robots {
		select {
		case c.slots <- struct{}{}:
			defer func() { <-c.slots }()
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	sent, err := h.send(ctx)
	if err != nil {
		return nil, err
	}
	if c.sending != nil {
		c.sending(u, sent)
	}
	clockOf(ctx).begin(r.robots, u)
	limit := c.opt.Timeout
	if r.sink != nil {
		limit = c.opt.DownloadTimeout
	}
	actx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	// timedOut says so when the attempt's own time ran out.
	timedOut := func(err error) error {
		if actx.Err() == context.DeadlineExceeded && ctx.Err() == nil {
			return fmt.Errorf("timed out after %v: %w", limit, err)
		}
		return err
	}
	req, err := http.NewRequestWithContext(actx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", c.opt.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5")
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, timedOut(requestError(req, err))
	}
	defer resp.Body.Close()
	out := &Response{URL: resp.Request.URL.String(), Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"),
		Validators: Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		if out.ETag == "" && out.LastModified == "" {
			out.Validators = prev
		}
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // let the connection be reused
		return nil, &StatusError{Code: resp.StatusCode, RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now())}
	case resp.ContentLength > r.maxBytes && !r.truncate:
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, resp.ContentLength, r.maxBytes)
	}
	if r.sink != nil {
		n, err := r.sink(io.LimitReader(resp.Body, r.maxBytes+1))
		if err != nil {
			return nil, timedOut(fmt.Errorf("read body: %w", err))
		}
		if n > r.maxBytes {
			return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, r.maxBytes)
		}
		return out, nil
	}
	out.Body, err = io.ReadAll(io.LimitReader(resp.Body, r.maxBytes+1))
	if err != nil {
		return nil, timedOut(fmt.Errorf("read body: %w", err))
	}
	if int64(len(out.Body)) > r.maxBytes {
		if !r.truncate {
			return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, r.maxBytes)
		}
		out.Body = out.Body[:r.maxBytes]
	}
	return out, nil
}

// retryable says whether a failed attempt is worth another, and after how
// long.
func (c *Client) retryable(ctx context.Context, err error, attempt int) (time.Duration, bool) {
	if ctx.Err() != nil || attempt >= c.opt.Retries {
		return 0, false
	}
	backoff := c.backoff(attempt)
	var se *StatusError
	switch {
	case errors.As(err, &se):
		switch se.Code {
		case http.StatusTooManyRequests, http.StatusServiceUnavailable:
			wait := max(se.RetryAfter, backoff)
			return wait, wait <= c.opt.MaxWait
		case http.StatusRequestTimeout, http.StatusInternalServerError, http.StatusBadGateway, http.StatusGatewayTimeout:
			return max(se.RetryAfter, backoff), se.RetryAfter <= c.opt.MaxWait
		}
		return 0, false
	case errors.Is(err, ErrTooLarge), errors.Is(err, ErrTooManyRedirects), errors.Is(err, ErrRedirectLoop),
		errors.Is(err, ErrDisallowed), errors.As(err, new(*AddressError)):
		return 0, false
	}
	// Timeouts and dropped or refused connections may pass.
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, io.EOF) {
		return backoff, true
	}
	return 0, false
}

// backoff is the wait before retry attempt+1: Backoff doubled per attempt,
// give or take a fifth so that many clients do not retry in step.
func (c *Client) backoff(attempt int) time.Duration {
	d := c.opt.Backoff << attempt
	jitter := time.Duration(rand.Int64N(int64(d)/5 + 1))
	return min(d-d/10+jitter, c.opt.MaxWait)
}

// checkRedirect stops after MaxRedirects, at a loop, and at an address
// the target host's robots.txt disallows.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.opt.MaxRedirects {
		return fmt.Errorf("%w: more than %d", ErrTooManyRedirects, c.opt.MaxRedirects)
	}
	next := req.URL.String()
	for _, r := range via {
		if r.URL.String() == next {
			return fmt.Errorf("%w at %s", ErrRedirectLoop, next)
		}
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("redirect to %s: %w", next, ErrNotHTTP)
	}
	if req.Context().Value(robotsRequest{}) != nil {
		return nil
	}
	return c.allowed(req.Context(), c.host(req.URL), req.URL)
}

// requestError drops net/http's "Get URL:" wrapping, which the caller's
// own message repeats, keeping the cause. A refused address is told
// plainly, with the redirect that led to it, or as the proxy's.
func requestError(req *http.Request, err error) error {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	err = ue.Err
	var ae *AddressError
	if !errors.As(err, &ae) {
		return err
	}
	if oe := (*net.OpError)(nil); errors.As(err, &oe) && oe.Op == "proxyconnect" {
		proxy := *ae
		proxy.Proxy = true
		ae = &proxy
	}
	if ue.URL != req.URL.String() {
		return fmt.Errorf("redirect to %s: %w", ue.URL, ae)
	}
	return ae
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		return max(time.Duration(s)*time.Second, 0)
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return 0
}

// FormatOf tells an input format from a Content-Type; ok is false for
// types that hold no article (images, PDFs, archives, data). An empty,
// unknown-text or octet-stream type leaves the format to be sniffed.
func FormatOf(contentType string) (claimex.Format, bool) {
	if contentType == "" {
		return "", true
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return "", true
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return claimex.FormatHTML, true
	case "text/plain":
		return claimex.FormatText, true
	case "text/markdown", "text/x-markdown":
		return claimex.FormatMarkdown, true
	case "application/octet-stream":
		return "", true
	}
	return "", strings.HasPrefix(mt, "text/")
}
