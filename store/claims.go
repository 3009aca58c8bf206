package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/claimex/claimex"
)

// ClaimView is a current claim as readers see it: the claim, what is
// known of its document, and its review.
type ClaimView struct {
	claimex.Claim
	Source    string
	Published string
	Title     string
	// Status is the claim's review status: the review's decision while
	// the claim's fields are as reviewed, Changed when a later run moved
	// them, Unreviewed with no review.
	Status claimex.Status
	// Decision is the review's own decision (shown beside Changed), empty
	// with no review.
	Decision claimex.Status
	// ReviewedValue and ReviewedCategory are a reviewer's corrections.
	ReviewedValue    *float64
	ReviewedCategory claimex.Category
	Note             string
	Reviewer         string
	ReviewedAt       string
}

// ClaimFilter selects claims; zero fields select everything.
type ClaimFilter struct {
	// ID selects one claim.
	ID         int64
	Kind       claimex.Kind
	Category   claimex.Category
	Status     claimex.Status
	DocumentID int64
	// Rule selects claims of the rule with that name ("count/single"),
	// or, ending in "*", of every rule whose name begins with what comes
	// before it ("count/*").
	Rule string
	// Source matches documents whose source contains it.
	Source string
	// Since, an RFC 3339 time or a date, selects claims of documents
	// ingested then or later, or reviewed then or later.
	Since string
	// Search is a full-text query over the claims' words and the text
	// either side, attribution, subject and location: words must all
	// appear, in any form of accents or case; "quoted phrases" and
	// prefix* work.
	Search string
	// Limit caps how many claims are read (0: all).
	Limit int
	// Pending selects the review queue: claims unreviewed or changed,
	// less the headline's figures the body states again (reviewed with
	// the body's claims).
	Pending bool
	// After and Before select the claims that come after (or, read in
	// reverse order, before) the claim with that id.
	After, Before int64
}

// CheckRuleFilter returns why rule cannot be a ClaimFilter.Rule, or nil:
// a "*" may only end it.
func CheckRuleFilter(rule string) error {
	if strings.Contains(strings.TrimSuffix(rule, "*"), "*") {
		return invalidf("rule %q: * may only end a rule name, as in count/*", rule)
	}
	return nil
}

// splitQuery splits on spaces outside double quotes.
func splitQuery(s string) []string {
	var out []string
	var cur strings.Builder
	quoted := false
	for _, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
		case (r == ' ' || r == '\t') && !quoted:
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		default:
			cur.WriteRune(r)
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// statusExpr is a current claim's review status in SQL (claims c, reviews r).
const statusExpr = `CASE WHEN r.id IS NULL THEN 'unreviewed' WHEN r.fingerprint <> c.fingerprint THEN 'changed'
	ELSE r.status END`

// queryer is what *sql.Conn and *sql.Tx offer for reading. A read that
// needs a second query while its rows are open makes it through the same
// queryer, on the connection it holds: asking the pool for another could
// wait forever once every pooled connection is held by such a read.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Claims calls fn for every current claim that f selects, in document and
// text order. Each claim's Sentence is cut from its document's text. The
// claims are read on one connection, which fn must not need: it runs
// while the read is open.
//
// The read is one snapshot however long it takes: on SQLite one statement
// streamed, on PostgreSQL a cursor in a read-only repeatable-read
// transaction, fetched a page at a time, so that a listing or an export
// of millions of claims holds one page in memory, and a re-extraction
// made current meanwhile shifts no sentence under it.
func (s *Store) Claims(ctx context.Context, f ClaimFilter, fn func(ClaimView) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("read claims: %w", err)
	}
	defer conn.Close()
	if !s.d.postgres || smallRead(f) {
		return readClaims(ctx, conn, s.d, f, fn)
	}
	tx, err := conn.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return fmt.Errorf("read claims: %w", err)
	}
	defer tx.Rollback()
	if err := readClaimsCursor(ctx, tx, s.d, f, claimPage, fn); err != nil {
		return err
	}
	return tx.Commit()
}

// claimPage is how many claims a PostgreSQL cursor fetches at a time.
const claimPage = 2000

// smallRead reports whether f selects few claims (one by id, or a page
// of at most claimPage): those are read with their documents' texts in
// one statement.
func smallRead(f ClaimFilter) bool {
	return f.ID != 0 || (f.Limit > 0 && f.Limit <= claimPage)
}

// claimsQuery is the query selecting the current claims f selects, in
// order, on a database of dialect d (nil: no search), and its arguments.
// Its last column is the claim's document's text when withText is set,
// NULL otherwise.
func claimsQuery(d *dialect, f ClaimFilter, withText bool) (string, []any, error) {
	var where []string
	var args []any
	if f.ID != 0 {
		where, args = append(where, "c.id = ?"), append(args, f.ID)
	}
	if f.Kind != "" {
		where, args = append(where, "c.kind = ?"), append(args, f.Kind)
	}
	if f.Category != "" {
		where, args = append(where, "c.category = ?"), append(args, f.Category)
	}
	if f.Status != "" {
		where, args = append(where, statusExpr+" = ?"), append(args, f.Status)
	}
	if prefix, ok := strings.CutSuffix(f.Rule, "*"); ok {
		where, args = append(where, "substr(c.rule, 1, ?) = ?"), append(args, utf8.RuneCountInString(prefix), prefix)
	} else if f.Rule != "" {
		where, args = append(where, "c.rule = ?"), append(args, f.Rule)
	}
	if f.Search != "" {
		if d == nil {
			return "", nil, fmt.Errorf("read claims: a search needs the database's dialect")
		}
		if q := d.searchQuery(f.Search); q != "" {
			where, args = append(where, d.search), append(args, q)
		}
	}
	if f.Pending {
		// A headline's figure stated again in the body is reviewed with
		// the body's claim (twins.go).
		where = append(where, statusExpr+" IN ('unreviewed', 'changed')", "NOT "+echoExpr)
	}
	if f.After != 0 {
		where, args = append(where, "(c.document_id, c.start, c.id) > (SELECT document_id, start, id FROM claims WHERE id = ?)"), append(args, f.After)
	}
	if f.Before != 0 {
		where, args = append(where, "(c.document_id, c.start, c.id) < (SELECT document_id, start, id FROM claims WHERE id = ?)"), append(args, f.Before)
	}
	if f.Since != "" {
		where, args = append(where, "(d.ingested_at >= ? OR r.decided_at >= ?)"), append(args, f.Since, f.Since)
	}
	if f.DocumentID != 0 {
		where, args = append(where, "c.document_id = ?"), append(args, f.DocumentID)
	}
	if f.Source != "" {
		where, args = append(where, "instr(d.source, ?) > 0"), append(args, f.Source)
	}
	query := `SELECT c.id, c.key, c.document_id, c.run_id, c.kind, c.category, c.value, c.value_max, c.qualifier,
		c.vague, c.subject, COALESCE(en.type, c.entity_type), COALESCE(en.canonical, c.canonical), c.role,
		c.attribution, c.location, c.text, c.start, c."end",
		c.sentence_start, c.sentence_end, c.prefix, c.suffix, c.rule, d.source, d.published, d.title,
		` + statusExpr + `, COALESCE(r.status, ''), r.value, COALESCE(r.category, ''), COALESCE(r.note, ''),
		COALESCE(r.reviewer, ''), COALESCE(r.decided_at, ''), ` + textColumn[withText] + `
		FROM claims c
		JOIN documents d ON d.id = c.document_id AND d.run_id = c.run_id
		LEFT JOIN reviews r ON r.key = c.key
		LEFT JOIN entity_names en ON c.kind = 'entity' AND en.name = c.canonical`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	if f.Before != 0 {
		query += " ORDER BY c.document_id DESC, c.start DESC, c.id DESC"
	} else {
		query += " ORDER BY c.document_id, c.start, c.id"
	}
	if f.Limit > 0 {
		query += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	return query, args, nil
}

// textColumn is claimsQuery's last column, with and without the text.
var textColumn = map[bool]string{true: "d.text", false: "NULL"}

// scanClaimView reads one row of claimsQuery, and the document's text
// when the row holds it.
func scanClaimView(rows *sql.Rows) (ClaimView, *string, error) {
	var v ClaimView
	var text *string
	c := &v.Claim
	err := rows.Scan(&c.ID, &c.Key, &c.DocumentID, &c.RunID, &c.Kind, &c.Category, &c.Value, &c.ValueMax,
		&c.Qualifier, &c.Vague, &c.Subject, &c.EntityType, &c.Canonical, &c.Role, &c.Attribution, &c.Location, &c.Text,
		&c.Start, &c.End, &c.SentenceStart, &c.SentenceEnd, &c.Prefix, &c.Suffix, &c.Rule, &v.Source,
		&v.Published, &v.Title, &v.Status, &v.Decision, &v.ReviewedValue, &v.ReviewedCategory, &v.Note, &v.Reviewer,
		&v.ReviewedAt, &text)
	if err != nil {
		return ClaimView{}, nil, fmt.Errorf("read claims: %w", err)
	}
	return v, text, nil
}

// readClaims is Claims through q, on a database of dialect d (nil: no
// search): in one statement, which on PostgreSQL, where a connection runs
// one query at a time, must be a small read (readClaimsCursor reads the
// rest). A small read takes its documents' texts in its rows; SQLite's
// longer reads cut their sentences as the claims stream, from texts read
// beside them on the same connection, in the same snapshot.
func readClaims(ctx context.Context, q queryer, d *dialect, f ClaimFilter, fn func(ClaimView) error) error {
	small := smallRead(f)
	if !small && (d == nil || d.postgres) {
		return fmt.Errorf("read claims: a long read on PostgreSQL goes through a cursor")
	}
	query, args, err := claimsQuery(d, f, small)
	if err != nil {
		return err
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("read claims: %w", err)
	}
	defer rows.Close()
	texts := docTexts{q: q}
	for rows.Next() {
		v, text, err := scanClaimView(rows)
		if err != nil {
			return err
		}
		if text != nil {
			texts.have(v.DocumentID, *text)
		}
		if err := texts.emit(ctx, v, fn); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read claims: %w", err)
	}
	return nil
}

// readClaimsCursor is readClaims on PostgreSQL through a cursor of tx,
// fetching page claims at a time and cutting their sentences between
// fetches, in tx's snapshot.
func readClaimsCursor(ctx context.Context, tx *sql.Tx, d *dialect, f ClaimFilter, page int, fn func(ClaimView) error) error {
	query, args, err := claimsQuery(d, f, false)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DECLARE claims_read NO SCROLL CURSOR FOR "+query, args...); err != nil {
		return fmt.Errorf("read claims: %w", err)
	}
	texts := docTexts{q: tx}
	fetch := fmt.Sprintf("FETCH FORWARD %d FROM claims_read", page)
	held := make([]ClaimView, 0, page)
	for {
		held = held[:0]
		rows, err := tx.QueryContext(ctx, fetch)
		if err != nil {
			return fmt.Errorf("read claims: %w", err)
		}
		for rows.Next() {
			v, _, err := scanClaimView(rows)
			if err != nil {
				rows.Close()
				return err
			}
			held = append(held, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read claims: %w", err)
		}
		if err := texts.prefetch(ctx, held); err != nil {
			return err
		}
		for _, v := range held {
			if err := texts.emit(ctx, v, fn); err != nil {
				return err
			}
		}
		if len(held) < page {
			return nil
		}
	}
}

// emit cuts claim v's sentence from its document's text and hands v to fn.
func (t *docTexts) emit(ctx context.Context, v ClaimView, fn func(ClaimView) error) error {
	var err error
	if v.Sentence, err = t.cut(ctx, v.DocumentID, v.SentenceStart, v.SentenceEnd); err != nil {
		return err
	}
	return fn(v)
}

// docTexts cuts code-point ranges out of document texts, keeping the
// current document's text decoded while claims are read in document order.
type docTexts struct {
	q     queryer
	id    int64
	runes []rune
	// ahead holds texts read before their claims are cut (have), by
	// document.
	ahead map[int64]string
}

// prefetch reads the texts of the documents of claims vs, but the one
// decoded already, in a few queries rather than one a document.
func (t *docTexts) prefetch(ctx context.Context, vs []ClaimView) error {
	var ids []any
	for i, v := range vs {
		if v.DocumentID != t.id && (i == 0 || v.DocumentID != vs[i-1].DocumentID) {
			ids = append(ids, v.DocumentID)
		}
	}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		rows, err := t.q.QueryContext(ctx, "SELECT id, text FROM documents WHERE id IN ("+repeated("?", n)+")", ids[:n]...)
		if err != nil {
			return fmt.Errorf("read documents: %w", err)
		}
		for rows.Next() {
			var id int64
			var text string
			if err := rows.Scan(&id, &text); err != nil {
				rows.Close()
				return fmt.Errorf("read documents: %w", err)
			}
			t.have(id, text)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read documents: %w", err)
		}
		ids = ids[n:]
	}
	return nil
}

// have holds text, read ahead, as document id's, unless it is the one
// decoded already.
func (t *docTexts) have(id int64, text string) {
	if id == t.id && t.runes != nil {
		return
	}
	if t.ahead == nil {
		t.ahead = map[int64]string{}
	}
	t.ahead[id] = text
}

func (t *docTexts) cut(ctx context.Context, id int64, start, end int) (string, error) {
	if text, ok := t.ahead[id]; ok {
		t.id, t.runes = id, []rune(text)
		delete(t.ahead, id)
	}
	if id != t.id || t.runes == nil {
		var text string
		err := t.q.QueryRowContext(ctx, "SELECT text FROM documents WHERE id = ?", id).Scan(&text)
		if err != nil && err != sql.ErrNoRows {
			return "", fmt.Errorf("read document %d: %w", id, err)
		}
		t.id, t.runes = id, []rune(text)
	}
	start, end = max(0, min(start, len(t.runes))), max(0, min(end, len(t.runes)))
	if end < start {
		return "", nil
	}
	return string(t.runes[start:end]), nil
}

// RuleNames returns the names of the rules that produced the current
// claims of kind (every kind when empty), sorted.
func (s *Store) RuleNames(ctx context.Context, kind claimex.Kind) ([]string, error) {
	return s.distinct(ctx, "rule", kind)
}

// CategoriesInUse returns the categories of the current count claims,
// sorted: with claims of older runs, they may include names the current
// rules no longer have.
func (s *Store) CategoriesInUse(ctx context.Context) ([]claimex.Category, error) {
	names, err := s.distinct(ctx, "category", claimex.KindCount)
	if err != nil {
		return nil, err
	}
	out := make([]claimex.Category, len(names))
	for i, n := range names {
		out[i] = claimex.Category(n)
	}
	return out, nil
}

// distinct returns the values of a column of the current claims of kind.
func (s *Store) distinct(ctx context.Context, column string, kind claimex.Kind) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT c.`+column+` FROM claims c
		JOIN documents d ON d.id = c.document_id AND d.run_id = c.run_id
		WHERE (?1 = '' OR c.kind = ?1) ORDER BY 1`, kind)
	if err != nil {
		return nil, fmt.Errorf("read claims' %ss: %w", column, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("read claims' %ss: %w", column, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
