package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/claimex/claimex/review"
)

func (a *app) serve(ctx context.Context, args []string) error {
	fs := a.flags("serve")
	db := a.dbFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on this `address`")
	token := fs.String("token", "", "access `token` the browser must present (required, or generated, off the loopback address)")
	reviewer := fs.String("reviewer", defaultReviewer(), "who decides")
	rulesFile := fs.String("rules", "", "rules `file` whose subject groups the conflicts page uses")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		return usagef("--addr must be host:port, not %q", *addr)
	}
	loopback := host == "localhost"
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		loopback = true
	}
	if !loopback && *token == "" {
		*token = review.RandomToken()
	}
	r, err := a.loadRules(*rulesFile)
	if err != nil {
		return err
	}
	st, err := a.open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	srv, err := review.NewServer(review.Config{Store: st, Rules: r, Token: *token, Reviewer: *reviewer, Log: a.log})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String() + "/"
	if *token != "" {
		url += "?token=" + *token
	}
	fmt.Fprintf(a.stdout, "reviewing %s at %s (Ctrl-C stops)\n", *db, url)
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
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
