package main

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
)

// checkWhole opens db as its database does after a crash and checks it:
// integrity (databases.integrity), every document stored with its
// claims, no input stored twice.
func (h *harness) checkWhole(db string) error {
	conn, err := h.db.open(db)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := h.db.integrity(conn); err != nil {
		return err
	}
	checks := []struct{ what, q string }{
		{"documents without their claims", `SELECT COUNT(*) FROM documents d WHERE NOT EXISTS
			(SELECT 1 FROM claims c WHERE c.document_id = d.id AND c.run_id = d.run_id)`},
		{"sources stored twice", `SELECT COUNT(*) FROM (SELECT source FROM documents GROUP BY source HAVING COUNT(*) > 1) AS twice`},
		{"claims stored twice", `SELECT COUNT(*) FROM (SELECT 1 FROM claims GROUP BY document_id, run_id, key HAVING COUNT(*) > 1) AS twice`},
		{"reviews without their decision events", `SELECT COUNT(*) FROM reviews r WHERE NOT EXISTS
			(SELECT 1 FROM review_events e WHERE e.document_id = r.document_id AND e.key = r.key)`},
	}
	for _, c := range checks {
		var n int
		if err := conn.QueryRow(c.q).Scan(&n); err != nil {
			return fmt.Errorf("%s: %w", c.what, err)
		}
		if n != 0 {
			return fmt.Errorf("%d %s", n, c.what)
		}
	}
	return nil
}

// sameClaims checks db's claims and entity count against a reference.
func (h *harness) sameClaims(db string, want claimSet, entities int) error {
	got, err := h.claimsOf(db)
	if err != nil {
		return err
	}
	if !slices.Equal(got, want) {
		return fmt.Errorf("%d claims, want the %d of an uninterrupted run (%s)", len(got), len(want), firstDiff(got, want))
	}
	n, err := h.entitiesOf(db)
	if err != nil {
		return err
	}
	if n != entities {
		return fmt.Errorf("%d entities, want the %d of an uninterrupted run", n, entities)
	}
	return nil
}

// sameReviews checks db's `review list` against a reference.
func (h *harness) sameReviews(db, want string) error {
	got, err := h.run("review", "list", "--db", db)
	if err != nil {
		return err
	}
	if got, want := withoutIDs(got), withoutIDs(want); got != want {
		return fmt.Errorf("reviews changed:\n%s\nwant:\n%s", got, want)
	}
	return nil
}

// claimsOf reads db's current claims, as sorted comparable lines: the
// document (by its hash: the same article may come by another path), what
// the claim says and where; not the ids and runs that differ between
// databases.
func (h *harness) claimsOf(db string) (claimSet, error) {
	conn, err := h.db.open(db)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	rows, err := conn.Query(`SELECT d.hash, c.key, c.kind, c.category, c.value, c.qualifier,
		c.text, c.start, c."end", c.canonical
		FROM claims c JOIN documents d ON d.id = c.document_id AND d.run_id = c.run_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out claimSet
	for rows.Next() {
		var f [10]any
		ptrs := make([]any, len(f))
		for i := range f {
			ptrs[i] = &f[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprint(f[:]...))
	}
	slices.SortFunc(out, func(a, b string) int { return cmp.Compare(a, b) })
	return out, rows.Err()
}

// entitiesOf counts db's resolved entities.
func (h *harness) entitiesOf(db string) (int, error) {
	conn, err := h.db.open(db)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	var n int
	err = conn.QueryRow("SELECT COUNT(DISTINCT canonical) FROM entity_names").Scan(&n)
	return n, err
}

// withoutIDs drops the claim ids from a `review list`: re-extraction
// stores claims in the order its workers finish, so ids differ between
// two runs that found the same claims.
func withoutIDs(list string) string {
	var b strings.Builder
	for line := range strings.Lines(list) {
		if _, rest, ok := strings.Cut(line, " "); ok {
			line = strings.TrimLeft(rest, " ")
		}
		b.WriteString(line)
	}
	return b.String()
}

func firstDiff(a, b claimSet) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return fmt.Sprintf("first difference: %q vs %q", a[i], b[i])
		}
	}
	return "one is a prefix of the other"
}

// copyDB copies a closed database (and its WAL, if one was left).
func copyDB(from, to string) error {
	removeDB(to)
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(from + suffix)
		if errors.Is(err, os.ErrNotExist) && suffix != "" {
			continue
		}
		if err != nil {
			return err
		}
		if err := os.WriteFile(to+suffix, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func removeDB(path string) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
}
