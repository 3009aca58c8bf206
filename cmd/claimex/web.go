package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/claimex/claimex/corpus"
	"github.com/claimex/claimex/fetch"
)

// web holds the flags of the commands that fetch URLs.
type web struct {
	urls         *string
	fetchers     *int
	hostInterval *time.Duration
	timeout      *time.Duration
	urlTimeout   *time.Duration
	allowPrivate *bool
	// hinted is set once the opt-in has been pointed out.
	hinted bool
}

func webFlags(fs *flag.FlagSet) *web {
	return &web{
		urls:         fs.String("urls", "", "read URLs to fetch from `file`, one a line (- for standard input)"),
		fetchers:     fs.Int("fetchers", fetch.DefaultMaxConcurrency, "at most this many requests at once"),
		hostInterval: fs.Duration("host-interval", fetch.DefaultHostInterval, "least time between two requests to one host"),
		timeout:      fs.Duration("timeout", fetch.DefaultTimeout, "longest time for one request, body included"),
		urlTimeout: fs.Duration("url-timeout", fetch.DefaultURLTimeout,
			"longest time for one URL: its attempts, the waits between them and its robots.txt"),
		allowPrivate: fs.Bool("allow-private-addresses", false,
			"fetch from loopback, private, link-local and other non-public addresses, which are refused otherwise"),
	}
}

// client returns an HTTP client honouring the flags, logging retries.
func (w *web) client(a *app) *fetch.Client {
	return fetch.NewClient(fetch.Options{
		MaxConcurrency:        *w.fetchers,
		HostInterval:          *w.hostInterval,
		Timeout:               *w.timeout,
		URLTimeout:            *w.urlTimeout,
		AllowPrivateAddresses: *w.allowPrivate,
		Log:                   a.log,
	})
}

// hint follows the first refused address of a command with the flag
// that permits it.
func (w *web) hint(a *app, err error) {
	var ae *fetch.AddressError
	if errors.As(err, &ae) && !w.hinted {
		w.hinted = true
		fmt.Fprintln(a.stderr, "claimex: addresses that are not public are refused; --allow-private-addresses permits them")
	}
}

// inputs parses the command line of a command that takes files, folders
// and URLs: the paths and URLs named, then those of --urls. Lines of the
// list that are no URLs are reported on stderr and counted.
func (a *app) inputs(fs *flag.FlagSet, args []string, w *web, verb string) (paths []string, problems int, err error) {
	if paths, err = parse(fs, args); err != nil {
		return nil, 0, err
	}
	listed, bad, err := a.readURLList(*w.urls)
	if err != nil {
		return nil, 0, err
	}
	paths = append(paths, listed...)
	if len(paths) == 0 && len(bad) == 0 {
		return nil, 0, usagef("name at least one file, folder or URL to %s", verb)
	}
	for _, p := range bad {
		fmt.Fprintf(a.stderr, "claimex: %v\n", p)
	}
	return paths, len(bad), nil
}

// readURLList reads the --urls file ("" reads nothing): its URLs, and
// its lines that are none.
func (a *app) readURLList(name string) ([]string, []error, error) {
	switch name {
	case "":
		return nil, nil, nil
	case "-":
		return corpus.ReadURLs(a.stdin, "standard input")
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, fmt.Errorf("--urls: %w", err)
	}
	defer f.Close()
	return corpus.ReadURLs(f, name)
}
