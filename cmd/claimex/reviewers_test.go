package main

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/store"
)

// TestReviewersCommand: add prints a personal link whose token opens the
// desk as that reviewer, list shows where each link stands, revoke ends a
// link; a name given twice, or revoked twice, is one clear line.
func TestReviewersCommand(t *testing.T) {
	db := testDB(t, t.TempDir(), "r.db")
	env := map[string]string{envDB: db}
	if code, _, errs := cli(t, env, "ingest", seeds); code != exitOK {
		t.Fatalf("ingest: %s", errs)
	}
	code, out, errs := cli(t, env, "reviewers", "add", "--url", "http://desk.example:8080/", "Ana Lima")
	if code != exitOK {
		t.Fatalf("reviewers add: exit %d: %s", code, errs)
	}
	m := regexp.MustCompile(`^Ana Lima: http://desk\.example:8080/\?token=([0-9a-f]{32,})\n`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("reviewers add printed %q", out)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	who, ok, err := st.ReviewerByToken(ctx, m[1])
	st.Close()
	if err != nil || !ok || who != "Ana Lima" {
		t.Fatalf("the printed token opens the desk as %q (%v, %v)", who, ok, err)
	}

	for _, c := range []struct {
		name string
		args []string
		code int
		out  []string // in stdout (exitOK) or stderr
	}{
		{"twice", []string{"add", "Ana Lima"}, exitUsage, []string{"has a working link already"}},
		{"list", []string{"list"}, exitOK, []string{"REVIEWER", "Ana Lima  works", "1 reviewer\n"}},
		{"no name", []string{"add"}, exitUsage, []string{"add one reviewer at a time"}},
		{"two names", []string{"revoke", "a", "b"}, exitUsage, []string{"one reviewer at a time"}},
		{"bad url", []string{"add", "--url", "ftp://x/", "Ben"}, exitUsage, []string{"--url must be an http://"}},
		{"revoke", []string{"revoke", "Ana Lima"}, exitOK, []string{"revoked Ana Lima's link"}},
		{"revoked", []string{"list"}, exitOK, []string{"Ana Lima  revoked "}},
		{"revoke again", []string{"revoke", "Ana Lima"}, exitUsage, []string{"no working link for Ana Lima"}},
		{"unknown", []string{"rename"}, exitUsage, []string{`unknown reviewers action "rename"`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := cli(t, env, append([]string{"reviewers"}, c.args...)...)
			got := out
			if c.code != exitOK {
				got = errs
			}
			if code != c.code && !(c.code == exitUsage && code != exitOK) {
				t.Errorf("exit %d, want %d; stderr %q", code, c.code, errs)
			}
			for _, w := range c.out {
				if !strings.Contains(got, w) {
					t.Errorf("no %q in %q", w, got)
				}
			}
			// One line says the problem; a usage line may follow.
			if lines := strings.Split(strings.TrimSpace(errs), "\n"); c.code != exitOK &&
				(len(lines) > 2 || len(lines) == 2 && !strings.HasPrefix(lines[1], "usage: ")) {
				t.Errorf("more than one line for one problem: %q", errs)
			}
		})
	}
	st, err = store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, ok, _ := st.ReviewerByToken(ctx, m[1]); ok {
		t.Error("a revoked link still opens the desk")
	}
}

// TestReviewAgreementCommand: claimex review agreement prints, per
// category and per pair, the claims judged twice, the share alike and the
// kappa. Worked by hand for the four killed claims below:
//
//	ana: A A R R   ben: A R R R
//
// po = 3/4; ana A ½ R ½, ben A ¼ R ¾: pe = ½·¼ + ½·¾ = ½; kappa =
// (¾ − ½) / (1 − ½) = 0.50.
func TestReviewAgreementCommand(t *testing.T) {
	db := testDB(t, t.TempDir(), "a.db")
	env := map[string]string{envDB: db}
	if code, _, errs := cli(t, env, "ingest", seeds); code != exitOK {
		t.Fatalf("ingest: %s", errs)
	}
	code, out, _ := cli(t, env, "review", "agreement")
	if code != exitOK || !strings.Contains(out, "0 claims with two opinions") {
		t.Fatalf("agreement on no opinions: exit %d, %q", code, out)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	// Items of the queue: a headline's figure the body states again is
	// judged with the body's claim.
	st.Claims(ctx, store.ClaimFilter{Kind: claimex.KindCount, Category: "killed", Pending: true}, func(v store.ClaimView) error {
		if len(ids) < 4 {
			ids = append(ids, v.ID)
		}
		return nil
	})
	if len(ids) < 4 {
		t.Fatalf("%d killed claims in the samples, want 4", len(ids))
	}
	A, R := claimex.Accepted, claimex.Rejected
	for i, pair := range [][2]claimex.Status{{A, A}, {A, R}, {R, R}, {R, R}} {
		for j, who := range []string{"ana", "ben"} {
			if _, err := st.Decide(ctx, store.Decision{ClaimID: ids[i], Action: pair[j], Reviewer: who, Opinion: true}); err != nil {
				t.Fatal(err)
			}
		}
	}
	st.Close()
	code, out, errs := cli(t, env, "review", "agreement")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^CATEGORY +CLAIMS +AGREE +KAPPA$`),
		regexp.MustCompile(`(?m)^killed +4 +75% +0\.50$`),
		regexp.MustCompile(`(?m)^REVIEWERS +CLAIMS +AGREE +KAPPA$`),
		regexp.MustCompile(`(?m)^ana · ben +4 +75% +0\.50$`),
		regexp.MustCompile(`(?m)^4 claims with two opinions$`),
	} {
		if !want.MatchString(out) {
			t.Errorf("no line like %s in:\n%s", want, out)
		}
	}
}
