package store

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/claimex/claimex"
)

// EntityNameUses counts, over the current claims, the names documents
// resolved entity mentions to, by type.
func (s *Store) EntityNameUses(ctx context.Context) ([]claimex.NameUse, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.canonical, c.entity_type, COUNT(*)
		FROM claims c JOIN documents d ON d.id = c.document_id AND d.run_id = c.run_id
		WHERE c.kind = 'entity' GROUP BY c.canonical, c.entity_type ORDER BY c.canonical, c.entity_type`)
	if err != nil {
		return nil, fmt.Errorf("read entity names: %w", err)
	}
	defer rows.Close()
	var out []claimex.NameUse
	for rows.Next() {
		var u claimex.NameUse
		if err := rows.Scan(&u.Name, &u.Type, &u.Mentions); err != nil {
			return nil, fmt.Errorf("read entity names: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// EntityAliases finds the aliases documents define: two entity mentions
// in a row, the second in brackets after the first ("Iraqi Security
// Forces (ISF)", either one a single word) or introduced as another name
// of it ("ISIL, also known by its Arabic acronym as DAESH", "known as",
// "called", "a.k.a."). Each alias is of the names the mentions resolved
// to in their documents; resolution decides whether they are of one type.
func (s *Store) EntityAliases(ctx context.Context) ([]claimex.NameAlias, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a, b, a_suffix, b_prefix, b_suffix, gap FROM (
		SELECT LAG(c.canonical) OVER w AS a, c.canonical AS b, LAG(c.suffix) OVER w AS a_suffix, c.prefix AS b_prefix,
			c.suffix AS b_suffix, c.start - LAG(c."end") OVER w AS gap
		FROM claims c JOIN documents d ON d.id = c.document_id AND d.run_id = c.run_id
		WHERE c.kind = 'entity'
		WINDOW w AS (PARTITION BY c.document_id ORDER BY c.start)) AS pairs
		WHERE gap BETWEEN 1 AND 64 AND a <> b AND (instr(a_suffix, '(') > 0 OR instr(b_prefix, 'known') > 0
			OR instr(b_prefix, 'called') > 0 OR instr(b_prefix, 'referred') > 0 OR instr(lower(b_prefix), 'k.a') > 0)`)
	if err != nil {
		return nil, fmt.Errorf("read entity aliases: %w", err)
	}
	defer rows.Close()
	var out []claimex.NameAlias
	seen := map[claimex.NameAlias]bool{}
	for rows.Next() {
		var a, b, aSuffix, bPrefix, bSuffix string
		var gap int
		if err := rows.Scan(&a, &b, &aSuffix, &bPrefix, &bSuffix, &gap); err != nil {
			return nil, fmt.Errorf("read entity aliases: %w", err)
		}
		alias := claimex.NameAlias{Name: a, Alias: b}
		if !seen[alias] && definesAlias(a, b, aSuffix, bPrefix, bSuffix, gap) {
			seen[alias] = true
			out = append(out, alias)
		}
	}
	return out, rows.Err()
}

var (
	// openBracket is all that stands between a name and its alias in
	// brackets; closeBracket follows the alias.
	openBracket  = regexp.MustCompile(`^\s?[(\[]\s?$`)
	closeBracket = regexp.MustCompile(`^\s?[)\]]`)
	// knownAs is all that stands between a name and an alias it
	// introduces.
	knownAs = regexp.MustCompile(`(?i)^\s*[,(]?\s*(?:(?:also|better|commonly|widely|formerly|otherwise|sometimes|often|locally)\s+)?` +
		`(?:(?:known|referred\s+to|styled)(?:\s+(?:by|in|under|among|to)\s+[^,.;:!?()"“”]{1,40}?)?\s+as|called|a\.?k\.?a\.?)\s*["“‘']?$`)
)

// definesAlias reports whether the text between two mentions in a row
// defines the second as an alias of the first. The text is put together
// from the first's suffix and the second's prefix (up to 32 characters
// each, so gaps of up to 64 characters).
func definesAlias(a, b, aSuffix, bPrefix, bSuffix string, gap int) bool {
	sr, pr := []rune(aSuffix), []rune(bPrefix)
	var between string
	switch {
	case gap <= len(sr):
		between = string(sr[:gap])
	case gap <= len(sr)+len(pr):
		between = string(sr) + string(pr[len(sr)+len(pr)-gap:])
	default:
		return false
	}
	if strings.ContainsAny(between, ".;:!?\n") && !knownAs.MatchString(between) {
		return false
	}
	if openBracket.MatchString(between) && closeBracket.MatchString(bSuffix) {
		return !strings.Contains(a, " ") || !strings.Contains(b, " ")
	}
	return knownAs.MatchString(between)
}

// ReplaceEntityNames stores a new resolution of names to entities in
// place of the old one, in one transaction. version is the ClaimsVersion
// read before the names were: a resolution older than the one stored (by
// another process) is dropped.
func (s *Store) ReplaceEntityNames(ctx context.Context, names []claimex.EntityName, version int64) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("store entity names: %w", err)
	}
	defer tx.Rollback()
	var stored int64
	if err := tx.QueryRowContext(ctx, "SELECT value FROM state WHERE name = 'entities_version'").Scan(&stored); err != nil {
		return fmt.Errorf("store entity names: %w", err)
	}
	if stored > version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "UPDATE state SET value = ? WHERE name = 'entities_version'", version); err != nil {
		return fmt.Errorf("store entity names: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM entity_names"); err != nil {
		return fmt.Errorf("store entity names: %w", err)
	}
	rows := make([][]any, len(names))
	for i, n := range names {
		rows[i] = []any{n.Name, n.Type, n.Canonical, n.Why, n.Via}
	}
	if err := insertRows(ctx, tx, "entity_names", []string{"name", "type", "canonical", "why", "via"}, rows); err != nil {
		return fmt.Errorf("store entity names: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store entity names: %w", err)
	}
	return nil
}

// AddEntityCorrection records a person's correction to entity resolution.
func (s *Store) AddEntityCorrection(ctx context.Context, c claimex.EntityCorrection) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `INSERT INTO entity_corrections (kind, a, b, reviewer, created_at)
		VALUES (?, ?, ?, ?, ?) RETURNING id`, c.Kind, c.A, c.B, c.Reviewer, timeText(time.Now())).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("record entity correction: %w", err)
	}
	return id, nil
}

// EntityCorrections returns every correction, oldest first.
func (s *Store) EntityCorrections(ctx context.Context) ([]claimex.EntityCorrection, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, kind, a, b, reviewer, created_at FROM entity_corrections ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read entity corrections: %w", err)
	}
	defer rows.Close()
	var out []claimex.EntityCorrection
	for rows.Next() {
		var c claimex.EntityCorrection
		var at string
		if err := rows.Scan(&c.ID, &c.Kind, &c.A, &c.B, &c.Reviewer, &at); err != nil {
			return nil, fmt.Errorf("read entity corrections: %w", err)
		}
		c.CreatedAt = parseTime(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

// EntityName finds the name an entity is known by in the resolution
// (what corrections refer to) from what a person types: a canonical name,
// a resolved name, or a mention's text. ok is false when nothing matches.
func (s *Store) EntityName(ctx context.Context, typed string) (string, bool, error) {
	var name string
	err := s.db.QueryRowContext(ctx, `SELECT name FROM entity_names WHERE name = ?1
		UNION ALL SELECT canonical FROM entity_names WHERE canonical = ?1
		UNION ALL SELECT c.canonical FROM claims c JOIN documents d ON d.id = c.document_id AND d.run_id = c.run_id
			WHERE c.kind = 'entity' AND c.text = ?1
		LIMIT 1`, typed).Scan(&name)
	if err == sql.ErrNoRows {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("look up entity %q: %w", typed, err)
	}
	return name, true, nil
}

// Entity is a canonical name with what the current claims say of it.
type Entity struct {
	Canonical string
	Type      string
	// Variants are the distinct texts of its mentions, most used first.
	Variants  []string
	Mentions  int
	Documents int
	// Roles are the distinct roles the texts give it.
	Roles []string
	// Names are the names resolution joined into the entity, canonical
	// name first, each with why it joined.
	Names []claimex.EntityName
}

// EntityFilter selects entities; zero fields select everything.
type EntityFilter struct {
	Type string
	// Name matches entities whose canonical name or a variant contains it.
	Name string
}

// Entities lists the entities of the current claims, most mentioned first.
func (s *Store) Entities(ctx context.Context, f EntityFilter) ([]Entity, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT COALESCE(en.canonical, c.canonical), COALESCE(en.type, c.entity_type),
		c.text, c.role, c.document_id
		FROM claims c JOIN documents d ON d.id = c.document_id AND d.run_id = c.run_id
		LEFT JOIN entity_names en ON en.name = c.canonical
		WHERE c.kind = 'entity'`)
	if err != nil {
		return nil, fmt.Errorf("list entities: %w", err)
	}
	defer rows.Close()
	type acc struct {
		e        Entity
		variants map[string]int
		roles    map[string]bool
		docs     map[int64]bool
	}
	byName := map[string]*acc{}
	for rows.Next() {
		var canonical, typ, text, role string
		var doc int64
		if err := rows.Scan(&canonical, &typ, &text, &role, &doc); err != nil {
			return nil, fmt.Errorf("list entities: %w", err)
		}
		a := byName[canonical]
		if a == nil {
			a = &acc{e: Entity{Canonical: canonical, Type: typ}, variants: map[string]int{}, roles: map[string]bool{},
				docs: map[int64]bool{}}
			byName[canonical] = a
		}
		a.e.Mentions++
		a.variants[text]++
		a.docs[doc] = true
		if role != "" {
			a.roles[role] = true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list entities: %w", err)
	}
	var out []Entity
	for _, a := range byName {
		e := a.e
		e.Documents = len(a.docs)
		for v := range a.variants {
			e.Variants = append(e.Variants, v)
		}
		sort.Slice(e.Variants, func(i, j int) bool {
			vi, vj := a.variants[e.Variants[i]], a.variants[e.Variants[j]]
			return vi > vj || vi == vj && e.Variants[i] < e.Variants[j]
		})
		for r := range a.roles {
			e.Roles = append(e.Roles, r)
		}
		sort.Strings(e.Roles)
		if f.Type != "" && e.Type != f.Type || f.Name != "" && !entityMatches(e, f.Name) {
			continue
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Mentions > out[j].Mentions || out[i].Mentions == out[j].Mentions && out[i].Canonical < out[j].Canonical
	})
	if len(out) == 0 {
		return out, nil
	}
	names, err := s.entityNames(ctx, "")
	if err != nil {
		return nil, err
	}
	at := map[string]int{}
	for i, e := range out {
		at[e.Canonical] = i
	}
	for _, n := range names {
		if i, ok := at[n.Canonical]; ok {
			out[i].Names = append(out[i].Names, n)
		}
	}
	return out, nil
}

// EntityWhy returns the names of the entity a typed name belongs to (see
// EntityName), canonical name first, each with why resolution joined it.
// ok is false when no entity has that name.
func (s *Store) EntityWhy(ctx context.Context, typed string) ([]claimex.EntityName, bool, error) {
	name, ok, err := s.EntityName(ctx, typed)
	if err != nil || !ok {
		return nil, ok, err
	}
	var canonical string
	err = s.db.QueryRowContext(ctx, `SELECT canonical FROM entity_names WHERE name = ?1
		UNION ALL SELECT canonical FROM entity_names WHERE canonical = ?1 LIMIT 1`, name).Scan(&canonical)
	if err == sql.ErrNoRows {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("look up entity %q: %w", typed, err)
	}
	names, err := s.entityNames(ctx, canonical)
	return names, len(names) > 0, err
}

// entityNames reads the resolution, of one canonical name or (for "")
// all, each entity's canonical name first, then its names in the order
// they joined it from the canonical name outwards, by name.
func (s *Store) entityNames(ctx context.Context, canonical string) ([]claimex.EntityName, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, canonical, type, why, via FROM entity_names
		WHERE ?1 = '' OR canonical = ?1 ORDER BY canonical, name <> canonical, name`, canonical)
	if err != nil {
		return nil, fmt.Errorf("read entity names: %w", err)
	}
	defer rows.Close()
	var out []claimex.EntityName
	for rows.Next() {
		var n claimex.EntityName
		if err := rows.Scan(&n.Name, &n.Canonical, &n.Type, &n.Why, &n.Via); err != nil {
			return nil, fmt.Errorf("read entity names: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

func entityMatches(e Entity, name string) bool {
	name = strings.ToLower(name)
	if strings.Contains(strings.ToLower(e.Canonical), name) {
		return true
	}
	for _, v := range e.Variants {
		if strings.Contains(strings.ToLower(v), name) {
			return true
		}
	}
	return false
}
