package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/claimex/claimex/pipeline"
	"github.com/claimex/claimex/review"
	"github.com/claimex/claimex/rules"
)

// serveBusyTimeout is how long a decision made in the UI waits for
// another process's write lock before the page says to try again: a
// browser should not hang for the five minutes a command waits.
const serveBusyTimeout = 20 * time.Second

func (a *app) serve(ctx context.Context, args []string) error {
	fs := a.flags("serve")
	db := a.dbFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on this `address`")
	token := fs.String("token", "", "shared access `token` the browser must present: everyone who comes with it is one reviewer, --reviewer "+
		"(off the loopback address, one is made unless reviewers have links of their own: claimex reviewers add)")
	reviewer := fs.String("reviewer", defaultReviewer(), "the `name` decisions are recorded under for the shared token; "+
		"on the loopback address, given, everyone's (otherwise each person is asked their name once)")
	double := fs.Bool("double", false, "second opinions: each claim goes to two reviewers; two that differ go to the adjudication queue")
	lease := fs.Duration("lease", review.DefaultLeaseTTL, "how long a claim stays kept for the reviewer it is shown to, unless their page renews it")
	rulesFile := fs.String("rules", "", "rules `file` whose categories, roll-ups and subject groups the pages use (default: the current run's, as it changes)")
	var hosts listFlag
	fs.Var(&hosts, "host", "also answer to this host `name` (repeatable): the name the server is reached by, behind a proxy or in DNS")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	named := false
	fs.Visit(func(f *flag.Flag) { named = named || f.Name == "reviewer" })
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		return usagef("--addr must be host:port, not %q", *addr)
	}
	if *lease < 10*time.Second {
		return usagef("--lease must be at least 10s, not %s", *lease)
	}
	loopback := host == "localhost"
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		loopback = true
	}
	var r *rules.Rules // nil: the current run's, as runs come and go
	if *rulesFile != "" {
		if r, err = rules.Load(*rulesFile); err != nil {
			return err
		}
	}
	opt := a.storeOptions(*db, writeDB)
	opt.BusyTimeout = serveBusyTimeout
	opt.OnLockWait = func(time.Duration) {
		a.log.Warn("another process is writing to the database; a decision is waiting for it", "db", *db)
	}
	st, err := a.openWith(ctx, *db, opt)
	if err != nil {
		return err
	}
	defer st.Close()
	// The feed's listening ends before the store closes.
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	// A database an older claimex made has no events yet.
	if stale, err := st.EventsStale(ctx); err != nil {
		return err
	} else if stale {
		if _, err := pipeline.GroupEvents(ctx, st); err != nil {
			return fmt.Errorf("group events: %w", err)
		}
	}
	personal, err := st.HasReviewers(ctx)
	if err != nil {
		return err
	}
	cfg := review.Config{Store: st, Rules: r, Token: *token, Reviewer: *reviewer, Double: *double, LeaseTTL: *lease,
		Log: a.log, Hosts: serveHosts(host, hosts), Feed: review.NotifyFeed(ctx, st, a.log)}
	switch {
	case !loopback:
		// Reachable by others: nobody without a token.
		cfg.RequireToken = true
		if cfg.Token == "" && !personal {
			cfg.Token = review.RandomToken()
		}
	case cfg.Token == "" && !named:
		cfg.AskName = true
	}
	srv, err := review.NewServer(cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String() + "/"
	if cfg.Token != "" {
		url += "?token=" + cfg.Token
	}
	fmt.Fprintf(a.stdout, "reviewing %s at %s (Ctrl-C stops)\n", *db, url)
	switch {
	case cfg.Token == "" && cfg.RequireToken:
		fmt.Fprintln(a.stdout, "each reviewer opens the link claimex reviewers add gave them")
	case cfg.Token != "" && !loopback:
		fmt.Fprintf(a.stdout, "everyone with this link reviews as %s; claimex reviewers add NAME gives each person a link of their own\n",
			printable(*reviewer))
	}
	if *double {
		fmt.Fprintln(a.stdout, "second opinions: each claim goes to two reviewers")
	}
	hs := srv.HTTPServer()
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(shut)
	}()
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// serveHosts is what the server answers to besides the loopback names:
// the --addr host and the --host names; on a wildcard address, also the
// machine's name and every address of its interfaces.
func serveHosts(addrHost string, extra []string) []string {
	out := append([]string{addrHost}, extra...)
	if ip := net.ParseIP(addrHost); addrHost == "" || (ip != nil && ip.IsUnspecified()) {
		if name, err := os.Hostname(); err == nil {
			out = append(out, name)
		}
		if addrs, err := net.InterfaceAddrs(); err == nil {
			for _, a := range addrs {
				if n, ok := a.(*net.IPNet); ok {
					out = append(out, n.IP.String())
				}
			}
		}
	}
	return out
}

// listFlag is a flag that may be given many times.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	v = strings.TrimSpace(v)
	if v == "" {
		return errors.New("empty name")
	}
	*l = append(*l, v)
	return nil
}
