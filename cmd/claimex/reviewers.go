package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"text/tabwriter"

	"github.com/claimex/claimex/review"
	"github.com/claimex/claimex/store"
)

// reviewers adds, lists and revokes the people who review through links
// of their own.
func (a *app) reviewers(ctx context.Context, args []string) error {
	fs := a.flags("reviewers")
	db := a.dbFlag(fs)
	base := fs.String("url", "", "add: the `address` reviewers open claimex serve at (default http://THIS-HOST:8080/)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return usagef("say add NAME, list or revoke NAME")
	}
	verb, rest := rest[0], rest[1:]
	switch {
	case verb == "list" && len(rest) == 0:
		return a.listReviewers(ctx, *db)
	case (verb == "add" || verb == "revoke") && len(rest) == 1:
	case verb == "add" || verb == "revoke":
		return usagef("%s one reviewer at a time: claimex reviewers %s NAME (quote a name with spaces)", verb, verb)
	default:
		return usagef("unknown reviewers action %q: say add NAME, list or revoke NAME", verb)
	}
	name, err := store.CleanReviewerName(rest[0])
	if err != nil {
		return usagef("%v", err)
	}
	if verb == "add" {
		link, err := reviewerLink(*base)
		if err != nil {
			return err
		}
		st, err := a.open(ctx, *db, writeDB)
		if err != nil {
			return err
		}
		defer st.Close()
		token := review.RandomToken()
		if err := st.AddReviewer(ctx, name, token); err != nil {
			if errors.Is(err, store.ErrReviewerExists) {
				return fmt.Errorf("%s has a working link already; claimex reviewers revoke %q, then add them again for a new one",
					printable(name), name)
			}
			return err
		}
		q := link.Query()
		q.Set("token", token)
		link.RawQuery = q.Encode()
		fmt.Fprintf(a.stdout, "%s: %s\n", printable(name), link)
		fmt.Fprintln(a.stdout, "the link is shown this once (claimex keeps only a hash of its token): send it to the reviewer")
		return nil
	}
	st, err := a.open(ctx, *db, writeDB)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.RevokeReviewer(ctx, name); err != nil {
		if errors.Is(err, store.ErrNoReviewer) {
			return fmt.Errorf("no working link for %s (claimex reviewers list shows them)", printable(name))
		}
		return err
	}
	fmt.Fprintf(a.stdout, "revoked %s's link: it no longer opens the review pages\n", printable(name))
	return nil
}

// reviewerLink is the address a reviewer's link starts from.
func reviewerLink(base string) (*url.URL, error) {
	if base == "" {
		host, err := os.Hostname()
		if err != nil || host == "" {
			host = "localhost"
		}
		base = "http://" + host + ":8080/"
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, usagef("--url must be an http:// or https:// address, not %q", base)
	}
	if u.Path == "" {
		u.Path = "/"
	}
	return u, nil
}

// listReviewers prints the reviewers with where their links stand.
func (a *app) listReviewers(ctx context.Context, db string) error {
	st, err := a.open(ctx, db, readDB)
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := st.Reviewers(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "REVIEWER\tLINK\tADDED\tDECISIONS")
	for _, r := range list {
		state := "works"
		if !r.RevokedAt.IsZero() {
			state = "revoked " + r.RevokedAt.Local().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\n", printable(r.Name), state, r.CreatedAt.Local().Format("2006-01-02 15:04"), r.Decisions)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%d %s\n", len(list), plural(len(list), "reviewer", "reviewers"))
	return nil
}
