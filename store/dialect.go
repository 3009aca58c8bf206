package store

import "strings"

// dialect is what differs between the databases the store runs on. The
// queries are written once, in SQL both take (with SQLite's parameters,
// which rewriteParams turns into PostgreSQL's); a dialect holds the few
// fragments that cannot be: full-text search, JSON, and how the schema
// version is kept.
type dialect struct {
	// postgres is set for PostgreSQL, clear for SQLite.
	postgres bool
	// search is the condition that claim c matches the full-text query
	// given as its one parameter (made by searchQuery).
	search string
	// renamedFingerprint is a fingerprint (the SQL of %[1]s) with its
	// category replaced by %[2]s.
	renamedFingerprint string
	// renames lists the renames of CommitRun's second parameter (a JSON
	// object) as rows (key, value).
	renames string
	// fpCategory and snapCategory read the category of a review's
	// fingerprint and snapshot, NULL where they are not valid JSON;
	// setFPCategory and setSnapCategory replace it with ?3.
	fpCategory, snapCategory       string
	setFPCategory, setSnapCategory string
	// skipLocked ends the query choosing claims to lease.
	skipLocked string
	// snapStart is the start offset in a review's snapshot (r.snapshot).
	snapStart string
	// now is the database's clock as text in timeText's form: on a
	// shared server, the one clock every machine's run reads.
	now string
	// diffPairs pairs a run's claims (CTE new) with those they replace
	// (CTE old) by document and key, as CommitRun's diff counts them:
	// rows (kind, category, entity_type, what), what being new, gone,
	// changed or unchanged. The two databases need two forms of the one
	// query: PostgreSQL, with the statistics of tables just written,
	// runs a join and an anti-join as a nested loop, quadratic in the
	// claims (3.7-5.4 s for 300 documents; 0.12 s as a full join, which
	// it runs by hash only); SQLite runs a full join quadratic (85 s for
	// 300 documents against 0.8 s), a join and an anti-join with indexes
	// of its own.
	diffPairs string
}

// diffPairsJoined is diffPairs as a join of the run's claims to those
// they replace, and the replaced claims with no match.
const diffPairsJoined = `
			SELECT n.kind, n.category, n.entity_type,
				CASE WHEN o.key IS NULL THEN 'new' WHEN o.fingerprint = n.fingerprint THEN 'unchanged' ELSE 'changed' END AS what
			FROM new n LEFT JOIN old o ON o.document_id = n.document_id AND o.key = n.key
			UNION ALL
			SELECT o.kind, o.category, o.entity_type, 'gone'
			FROM old o LEFT JOIN new n ON n.document_id = o.document_id AND n.key = o.key
			WHERE n.key IS NULL`

// diffPairsFull is diffPairs as one full join: the same rows.
const diffPairsFull = `
			SELECT CASE WHEN n.key IS NULL THEN o.kind ELSE n.kind END AS kind,
				CASE WHEN n.key IS NULL THEN o.category ELSE n.category END AS category,
				CASE WHEN n.key IS NULL THEN o.entity_type ELSE n.entity_type END AS entity_type,
				CASE WHEN o.key IS NULL THEN 'new' WHEN n.key IS NULL THEN 'gone'
					WHEN o.fingerprint = n.fingerprint THEN 'unchanged' ELSE 'changed' END AS what
			FROM new n FULL JOIN old o ON o.document_id = n.document_id AND o.key = n.key`

var sqliteDialect = &dialect{
	search:             "c.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)",
	renamedFingerprint: "json_replace(%[1]s, '$[1]', %[2]s)",
	renames:            "json_each(?2) rn",
	// CASE, unlike AND, is sure not to read what json_valid refused.
	fpCategory:      "CASE WHEN json_valid(fingerprint) THEN json_extract(fingerprint, '$[1]') END",
	snapCategory:    "CASE WHEN json_valid(snapshot) THEN json_extract(snapshot, '$.category') END",
	setFPCategory:   "json_replace(fingerprint, '$[1]', ?3)",
	setSnapCategory: "json_replace(snapshot, '$.category', ?3)",
	snapStart:       "json_extract(r.snapshot, '$.start')",
	now:             "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
	diffPairs:       diffPairsJoined,
}

var postgresDialect = &dialect{
	postgres:           true,
	search:             "c.search @@ to_tsquery('claimex', ?)",
	renamedFingerprint: "jsonb_set(%[1]s::jsonb, '{1}', to_jsonb(%[2]s))::text",
	renames:            "jsonb_each_text(?2::jsonb) AS rn (key, value)",
	fpCategory:         "CASE WHEN claimex_json_valid(fingerprint) THEN fingerprint::jsonb ->> 1 END",
	snapCategory:       "CASE WHEN claimex_json_valid(snapshot) THEN snapshot::jsonb ->> 'category' END",
	setFPCategory:      "jsonb_set(fingerprint::jsonb, '{1}', to_jsonb(?3::text), false)::text",
	setSnapCategory:    "jsonb_set(snapshot::jsonb, '{category}', to_jsonb(?3::text), false)::text",
	snapStart:          "(r.snapshot::jsonb ->> 'start')::bigint",
	skipLocked:         " FOR UPDATE OF c SKIP LOCKED",
	now:                `to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
	diffPairs:          diffPairsFull,
}

// name is the database's name, as messages give it.
func (d *dialect) name() string {
	if d.postgres {
		return "PostgreSQL"
	}
	return "SQLite"
}

// searchQuery turns what a person typed into the dialect's full-text
// query: each word or quoted phrase a literal term (so that punctuation
// and the query language's operators in it mean nothing), a trailing *
// kept as a prefix search; every term must match.
func (d *dialect) searchQuery(s string) string {
	var terms []string
	for _, f := range splitQuery(s) {
		prefix := strings.HasSuffix(f, "*")
		f = strings.Trim(f, "*")
		if f == "" {
			continue
		}
		var t string
		if d.postgres {
			// A quoted text in a tsquery is parsed as the documents
			// were: its words become a phrase.
			t = "'" + strings.NewReplacer(`\`, `\\`, "'", "''").Replace(f) + "'"
			if prefix {
				t += ":*"
			}
		} else {
			t = `"` + strings.ReplaceAll(f, `"`, `""`) + `"`
			if prefix {
				t += "*"
			}
		}
		terms = append(terms, t)
	}
	if d.postgres {
		return strings.Join(terms, " & ")
	}
	return strings.Join(terms, " ")
}
