package store

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Reviewer is a person who reviews through a link of their own.
type Reviewer struct {
	Name      string
	CreatedAt time.Time
	// RevokedAt is when the reviewer's link was revoked; zero while it
	// works.
	RevokedAt time.Time
	// Decisions counts the entries of the audit trail the reviewer made.
	Decisions int
}

// Errors of the reviewer functions, for errors.Is.
var (
	ErrReviewerExists = errors.New("the reviewer has a working link already")
	ErrNoReviewer     = errors.New("no such reviewer")
)

// MaxReviewerName is the longest reviewer name, in characters.
const MaxReviewerName = 64

// CleanReviewerName returns name as it is recorded: spaces at either end
// trimmed, runs of spaces made one. A name that is empty, longer than
// MaxReviewerName or holds control or format characters (which could
// move a terminal's cursor, or reorder the text around it) is refused.
func CleanReviewerName(name string) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	switch {
	case name == "":
		return "", invalidf("a reviewer needs a name")
	case !utf8.ValidString(name):
		return "", invalidf("a reviewer's name must be UTF-8 text")
	case utf8.RuneCountInString(name) > MaxReviewerName:
		return "", invalidf("a reviewer's name is at most %d characters", MaxReviewerName)
	}
	for _, r := range name {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return "", invalidf("a reviewer's name may not hold control characters")
		}
	}
	return name, nil
}

// hashToken is what is stored of a token: its SHA-256. Tokens are 128
// random bits, so a plain hash cannot be reversed by guessing.
func hashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// AddReviewer records a reviewer whose link carries token, keeping only
// the token's hash. A revoked reviewer may be added again, with a new
// token; one whose link works is ErrReviewerExists.
func (s *Store) AddReviewer(ctx context.Context, name, token string) error {
	name, err := CleanReviewerName(name)
	if err != nil {
		return err
	}
	if len(token) < 16 {
		return invalidf("a reviewer's token must be at least 16 characters")
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("add reviewer: %w", err)
	}
	defer tx.Rollback()
	var revoked sql.NullString
	err = tx.QueryRowContext(ctx, "SELECT revoked_at FROM reviewers WHERE name = ?", name).Scan(&revoked)
	now := timeText(s.now())
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = tx.ExecContext(ctx, "INSERT INTO reviewers (name, token_hash, created_at) VALUES (?, ?, ?)",
			name, hashToken(token), now)
	case err != nil:
	case !revoked.Valid:
		return fmt.Errorf("%s: %w", name, ErrReviewerExists)
	default:
		_, err = tx.ExecContext(ctx, "UPDATE reviewers SET token_hash = ?, created_at = ?, revoked_at = NULL WHERE name = ?",
			hashToken(token), now, name)
	}
	if err != nil {
		return fmt.Errorf("add reviewer %s: %w", name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("add reviewer %s: %w", name, err)
	}
	return nil
}

// RevokeReviewer stops a reviewer's link from working, from the next
// request on, and gives up the claims leased to them.
func (s *Store) RevokeReviewer(ctx context.Context, name string) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("revoke reviewer: %w", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "UPDATE reviewers SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
		timeText(s.now()), name)
	if err != nil {
		return fmt.Errorf("revoke reviewer %s: %w", name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%s: %w (or the link was revoked already)", name, ErrNoReviewer)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM leases WHERE reviewer = ?", name); err != nil {
		return fmt.Errorf("revoke reviewer %s: %w", name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("revoke reviewer %s: %w", name, err)
	}
	return nil
}

// Reviewers lists the reviewers by name, revoked ones included.
func (s *Store) Reviewers(ctx context.Context) ([]Reviewer, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.name, r.created_at, COALESCE(r.revoked_at, ''),
		(SELECT COUNT(*) FROM review_events e WHERE e.reviewer = r.name AND e.with_event IS NULL)
		FROM reviewers r ORDER BY r.name`)
	if err != nil {
		return nil, fmt.Errorf("list reviewers: %w", err)
	}
	defer rows.Close()
	var out []Reviewer
	for rows.Next() {
		var r Reviewer
		var created, revoked string
		if err := rows.Scan(&r.Name, &created, &revoked, &r.Decisions); err != nil {
			return nil, fmt.Errorf("list reviewers: %w", err)
		}
		r.CreatedAt = parseTime(created)
		if revoked != "" {
			r.RevokedAt = parseTime(revoked)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReviewerByToken returns the name of the reviewer whose working link
// carries token. Every working reviewer's hash is compared, in constant
// time, whatever matches: how long the answer takes says nothing of which
// hash, or how much of one, the token came close to.
func (s *Store) ReviewerByToken(ctx context.Context, token string) (string, bool, error) {
	if token == "" {
		return "", false, nil
	}
	rows, err := s.db.QueryContext(ctx, "SELECT name, token_hash FROM reviewers WHERE revoked_at IS NULL")
	if err != nil {
		return "", false, fmt.Errorf("check a reviewer's link: %w", err)
	}
	defer rows.Close()
	want := []byte(hashToken(token))
	var found string
	match := 0
	for rows.Next() {
		var name, hash string
		if err := rows.Scan(&name, &hash); err != nil {
			return "", false, fmt.Errorf("check a reviewer's link: %w", err)
		}
		if subtle.ConstantTimeCompare([]byte(hash), want) == 1 {
			found, match = name, 1
		}
	}
	if err := rows.Err(); err != nil {
		return "", false, fmt.Errorf("check a reviewer's link: %w", err)
	}
	return found, match == 1, nil
}

// HasReviewers reports whether any reviewer's link works.
func (s *Store) HasReviewers(ctx context.Context) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM reviewers WHERE revoked_at IS NULL").Scan(&n); err != nil {
		return false, fmt.Errorf("count reviewers: %w", err)
	}
	return n > 0, nil
}
