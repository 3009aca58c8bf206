package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/claimex/claimex"
)

// Staged is one document a re-extraction has done: its new claims and,
// when its raw bytes were cleaned again, its new text and metadata.
type Staged struct {
	DocumentID int64
	Claims     []claimex.Claim
	// Recleaned, when set, replaces the document's text and metadata as
	// the run becomes current.
	Recleaned *claimex.Document
	// Analysis, when set, replaces the document's kept model output.
	Analysis []byte
}

// StageDocuments writes a batch of a running re-extraction. Nothing of it
// is visible until CommitRun.
func (s *Store) StageDocuments(ctx context.Context, runID int64, batch []Staged) error {
	tx, err := s.beginBulk(ctx)
	if err != nil {
		return fmt.Errorf("stage documents: %w", err)
	}
	defer tx.end()
	if err := runGoing(ctx, tx.queryer, runID); err != nil {
		return fmt.Errorf("stage documents: %w", err)
	}
	for _, st := range batch {
		var text, title, published, byline, site, url, lang *string
		var bodyStart *int
		if d := st.Recleaned; d != nil {
			text, title, published, byline, site, url, lang = &d.Text, &d.Title, &d.Published, &d.Byline, &d.Site, &d.URL, &d.Lang
			bodyStart = &d.BodyStart
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO staged_documents (run_id, document_id, text, body_start, title,
			published, byline, site, url, lang, analysis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			runID, st.DocumentID, text, bodyStart, title, published, byline, site, url, lang, st.Analysis)
		if err != nil {
			return fmt.Errorf("stage document %d: %w", st.DocumentID, err)
		}
		for _, c := range st.Claims {
			if err := tx.addClaim(ctx, st.DocumentID, runID, c); err != nil {
				return fmt.Errorf("stage document %d: claim: %w", st.DocumentID, err)
			}
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("stage documents: commit: %w", err)
	}
	return nil
}

// DiffRow counts, for one category (or entity type), how a run's claims
// compare with the claims they replace, matched by key.
type DiffRow struct {
	// Label is the category of count claims, "entity:TYPE" for mentions.
	Label                         string
	New, Gone, Changed, Unchanged int
}

// Diff is what a re-extraction changed.
type Diff struct {
	Documents int
	Rows      []DiffRow
	// Reviews counts every review by where it now stands.
	Reviews map[ReviewState]int
}

// Renames maps old category names to the names the run's rules give
// them (rules.Rules.Renames).
type Renames map[claimex.Category]claimex.Category

// CommitRun makes a re-extraction current, in one transaction: its staged
// documents take the run's claims (and re-cleaned text), the claims they
// had are deleted, and the run is recorded as done. It returns how the
// claims changed.
//
// Reviews attach to claim keys, so extraction leaves them alone, with one
// exception: a category the run's rules renamed. The reviews of the
// run's documents that name an old category, in the fingerprint and
// snapshot of the claim decided on or as an edit's correction, are
// rewritten to the new name, so that a claim whose category was only
// renamed keeps its review carried. The audit trail keeps the decisions
// as they were made. In the diff, such a claim counts as unchanged.
func (s *Store) CommitRun(ctx context.Context, runID int64, failed int, renames Renames) (Diff, error) {
	tx, err := s.begin(ctx)
	if err != nil {
		return Diff{}, fmt.Errorf("commit run %d: %w", runID, err)
	}
	defer tx.Rollback()
	if err := runGoing(ctx, tx, runID); err != nil {
		return Diff{}, fmt.Errorf("commit run %d: %w", runID, err)
	}
	renamed, err := json.Marshal(renames)
	if err != nil || renames == nil {
		renamed = []byte("{}")
	}
	var d Diff
	rows, err := tx.QueryContext(ctx, `
		WITH old AS (
			SELECT c.document_id, c.key, c.kind, c.category, c.entity_type,
				CASE WHEN rn.value IS NULL THEN c.fingerprint ELSE `+fmt.Sprintf(s.d.renamedFingerprint, "c.fingerprint", "rn.value")+` END
				AS fingerprint
			FROM staged_documents s JOIN documents d ON d.id = s.document_id
			JOIN claims c ON c.document_id = d.id AND c.run_id = d.run_id
			LEFT JOIN `+s.d.renames+` ON c.kind = 'count' AND rn.key = c.category
			WHERE s.run_id = ?1),
		new AS (SELECT document_id, key, kind, category, entity_type, fingerprint FROM claims WHERE run_id = ?1),
		pairs AS (`+s.d.diffPairs+`)
		SELECT CASE kind WHEN 'count' THEN category ELSE 'entity:' || entity_type END AS label,
			`+countWhat("new")+`, `+countWhat("gone")+`, `+countWhat("changed")+`, `+countWhat("unchanged")+`
		FROM pairs GROUP BY label ORDER BY label`, runID, string(renamed))
	if err != nil {
		return Diff{}, fmt.Errorf("commit run %d: diff: %w", runID, err)
	}
	for rows.Next() {
		var r DiffRow
		if err := rows.Scan(&r.Label, &r.New, &r.Gone, &r.Changed, &r.Unchanged); err != nil {
			rows.Close()
			return Diff{}, fmt.Errorf("commit run %d: diff: %w", runID, err)
		}
		d.Rows = append(d.Rows, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return Diff{}, fmt.Errorf("commit run %d: diff: %w", runID, err)
	}
	steps := []string{
		// The claims being replaced go: the documents' current ones. The
		// run's stay, and so do those another re-extraction still stages.
		`DELETE FROM claims WHERE document_id IN (SELECT document_id FROM staged_documents WHERE run_id = ?1)
			AND run_id <> ?1 AND run_id = (SELECT d.run_id FROM documents d WHERE d.id = claims.document_id)`,
		`UPDATE documents SET (text, body_start, title, published, byline, site, url, lang) =
			(SELECT s.text, s.body_start, s.title, s.published, s.byline, s.site, s.url, s.lang
			 FROM staged_documents s WHERE s.run_id = ?1 AND s.document_id = documents.id)
		 WHERE id IN (SELECT document_id FROM staged_documents WHERE run_id = ?1 AND text IS NOT NULL)`,
		`UPDATE documents SET analysis = (SELECT s.analysis FROM staged_documents s WHERE s.run_id = ?1 AND s.document_id = documents.id)
		 WHERE id IN (SELECT document_id FROM staged_documents WHERE run_id = ?1 AND analysis IS NOT NULL)`,
		`UPDATE documents SET run_id = ?1 WHERE id IN (SELECT document_id FROM staged_documents WHERE run_id = ?1)`,
		// The run's claims were staged unindexed; now current, they are
		// indexed for search in one go, as the insert trigger indexes a
		// claim (migrations/0015_mention_search.sql): a mention's own
		// words only.
		`INSERT INTO claims_fts (rowid, text, prefix, suffix, attribution, subject, location)
			SELECT id, text, CASE kind WHEN 'entity' THEN '' ELSE prefix END, CASE kind WHEN 'entity' THEN '' ELSE suffix END,
				attribution, subject, location FROM claims WHERE run_id = ?1`,
	}
	if s.d.postgres {
		// PostgreSQL's search reads each claim's own tsvector; claims of
		// documents not current never match, as they are not joined.
		steps = steps[:len(steps)-1]
	}
	for _, q := range steps {
		if _, err := tx.ExecContext(ctx, q, runID); err != nil {
			return Diff{}, fmt.Errorf("commit run %d: %w", runID, err)
		}
	}
	if err := renameReviews(ctx, tx, s.d, runID, renames); err != nil {
		return Diff{}, fmt.Errorf("commit run %d: %w", runID, err)
	}
	var claims int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM staged_documents WHERE run_id = ?1),
		(SELECT COUNT(*) FROM claims WHERE run_id = ?1)`, runID).Scan(&d.Documents, &claims); err != nil {
		return Diff{}, fmt.Errorf("commit run %d: %w", runID, err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM staged_documents WHERE run_id = ?", runID); err != nil {
		return Diff{}, fmt.Errorf("commit run %d: %w", runID, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE runs SET status = 'done', finished_at = ?, documents = ?, claims = ?,
		failed = ? WHERE id = ?`, timeText(time.Now()), d.Documents, claims, failed, runID); err != nil {
		return Diff{}, fmt.Errorf("commit run %d: %w", runID, err)
	}
	if err := bumpClaimsVersion(ctx, tx); err != nil {
		return Diff{}, fmt.Errorf("commit run %d: %w", runID, err)
	}
	if err := tx.Commit(); err != nil {
		return Diff{}, fmt.Errorf("commit run %d: %w", runID, err)
	}
	s.releaseRun(runID)
	if d.Reviews, err = s.ReviewCounts(ctx); err != nil {
		return d, err
	}
	return d, nil
}

// renameReviews rewrites the old category names of the reviews of the
// documents run runID stages to their new names: in the fingerprint and
// snapshot of the claim decided on, and in an edit's correction. Old
// names are never current names (rules.Parse refuses that), so the
// renames can be applied one after another.
func renameReviews(ctx context.Context, tx *sql.Tx, d *dialect, runID int64, renames Renames) error {
	fpCategory, snapCategory := d.fpCategory, d.snapCategory
	for old, name := range renames {
		_, err := tx.ExecContext(ctx, `UPDATE reviews SET
			fingerprint = CASE WHEN `+fpCategory+` = ?2 THEN `+d.setFPCategory+` ELSE fingerprint END,
			snapshot = CASE WHEN `+snapCategory+` = ?2 THEN `+d.setSnapCategory+` ELSE snapshot END,
			category = CASE WHEN category = ?2 THEN ?3 ELSE category END
			WHERE document_id IN (SELECT document_id FROM staged_documents WHERE run_id = ?1)
				AND (category = ?2 OR `+snapCategory+` = ?2 OR `+fpCategory+` = ?2)`,
			runID, string(old), string(name))
		if err != nil {
			return fmt.Errorf("rename category %s to %s in reviews: %w", old, name, err)
		}
	}
	return nil
}

// AbandonRun records a re-extraction as failed and deletes what it
// staged; the documents keep the claims they had.
func (s *Store) AbandonRun(ctx context.Context, runID int64) error {
	return s.abandonRun(ctx, runID, "")
}

// abandonRun is AbandonRun, recording reason as why the run failed
// unless one is recorded already.
func (s *Store) abandonRun(ctx context.Context, runID int64, reason string) error {
	defer s.releaseRun(runID)
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("abandon run %d: %w", runID, err)
	}
	defer tx.Rollback()
	for _, q := range []string{
		"DELETE FROM claims WHERE run_id = ?1 AND NOT EXISTS (SELECT 1 FROM documents WHERE run_id = ?1)",
		"DELETE FROM staged_documents WHERE run_id = ?1",
		`UPDATE runs SET status = 'failed', finished_at = COALESCE(finished_at, ?2),
			reason = CASE WHEN reason = '' THEN ?3 ELSE reason END WHERE id = ?1 AND status <> 'done'`,
	} {
		if _, err := tx.ExecContext(ctx, q, runID, timeText(time.Now()), reason); err != nil {
			return fmt.Errorf("abandon run %d: %w", runID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("abandon run %d: %w", runID, err)
	}
	return nil
}

// AbandonDeadRuns abandons runs left 'running' by processes that no
// longer run (killed, crashed, hung, power lost), and returns their ids:
// a run whose heartbeat expired, on any machine; before that, on SQLite,
// a run of this host whose process is gone, on PostgreSQL a run whose
// lease no session holds (see runlease.go).
func (s *Store) AbandonDeadRuns(ctx context.Context) ([]int64, error) {
	host, _ := os.Hostname()
	rows, err := s.db.QueryContext(ctx, "SELECT id, pid, host, COALESCE(heartbeat_at, ''), "+s.d.now+
		" FROM runs WHERE status = 'running'")
	if err != nil {
		return nil, fmt.Errorf("find interrupted runs: %w", err)
	}
	var dead, ask []int64
	why := map[int64]string{}
	for rows.Next() {
		var id int64
		var pid int
		var h, beat, now string
		if err := rows.Scan(&id, &pid, &h, &beat, &now); err != nil {
			rows.Close()
			return nil, err
		}
		switch {
		case beatExpired(beat, now):
			dead = append(dead, id)
			why[id] = "taken for dead: no heartbeat since " + beat
		case s.d.postgres:
			ask = append(ask, id) // the server knows, below
		case h == host && !alive(pid):
			dead = append(dead, id)
			why[id] = fmt.Sprintf("taken for dead: its process (%d on %s) is gone", pid, h)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, id := range ask {
		free, err := s.runLeaseFree(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("find interrupted runs: %w", err)
		}
		if free {
			dead = append(dead, id)
			why[id] = "taken for dead: its session on the server ended"
		}
	}
	slices.Sort(dead)
	for _, id := range dead {
		if err := s.abandonRun(ctx, id, why[id]); err != nil {
			return nil, err
		}
	}
	return dead, nil
}

// beatExpired reports whether a run's last heartbeat, beat, is older than
// runExpiry at the database's time now. A run with no heartbeat (begun by
// a claimex from before it) is not judged by it.
func beatExpired(beat, now string) bool {
	b, n := parseTime(beat), parseTime(now)
	return !b.IsZero() && !n.IsZero() && n.Sub(b) > runExpiry
}

// countWhat counts the pairs of CommitRun's diff that are what.
func countWhat(what string) string {
	return "SUM(CASE WHEN what = '" + what + "' THEN 1 ELSE 0 END)"
}
