package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"

	"github.com/markusmobius/go-trafilatura"
	_ "github.com/mattn/go-sqlite3"
	"golang.org/x/net/html"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/extract"
	"github.com/claimex/claimex/rules"
)

// naiveMain runs one stage of the naive pipeline: the same libraries
// claimex uses or could use, put together the obvious way.
func naiveMain(stage string, args []string) {
	x, err := extract.NewWith(rules.Default(), extract.Options{FullModel: true})
	if err != nil {
		log.Fatal(err)
	}
	switch stage {
	case "naive-ingest":
		err = naiveIngest(x, args[0], args[1])
	case "naive-extract":
		err = naiveExtract(x, args[0])
	case "naive-export":
		err = naiveExport(args[0], args[1])
	default:
		err = fmt.Errorf("unknown stage %s", stage)
	}
	if err != nil {
		log.Fatal(err)
	}
}

func openNaive(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=30000")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	_, err = db.Exec(`CREATE TABLE IF NOT EXISTS documents (id INTEGER PRIMARY KEY, source TEXT, hash TEXT, html BLOB, text TEXT);
		CREATE TABLE IF NOT EXISTS claims (id INTEGER PRIMARY KEY, document_id INTEGER, kind TEXT, category TEXT,
			value REAL, entity_type TEXT, canonical TEXT, text TEXT, start INTEGER, "end" INTEGER, key TEXT);`)
	return db, err
}

// naiveIngest: one page at a time, go-trafilatura, the entity model over
// the whole text, one INSERT per row with no transaction around them.
func naiveIngest(x *extract.Extractor, dbPath, dir string) error {
	db, err := openNaive(dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	files, _ := filepath.Glob(filepath.Join(dir, "*.html"))
	sort.Strings(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		root, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			continue
		}
		r, err := trafilatura.ExtractDocument(root, trafilatura.Options{ExcludeComments: true})
		if err != nil || r == nil {
			continue
		}
		text := r.ContentText
		if r.Metadata.Title != "" {
			text = r.Metadata.Title + "\n\n" + text
		}
		doc := claimex.Document{Source: f, Hash: filepath.Base(f), Text: text}
		res, err := db.Exec("INSERT INTO documents (source, hash, html, text) VALUES (?, ?, ?, ?)", f, doc.Hash, b, text)
		if err != nil {
			return err
		}
		id, _ := res.LastInsertId()
		if err := insertClaims(db, id, x.Extract(doc)); err != nil {
			return err
		}
	}
	return nil
}

func insertClaims(db *sql.DB, docID int64, claims []claimex.Claim) error {
	for _, c := range claims {
		if _, err := db.Exec(`INSERT INTO claims (document_id, kind, category, value, entity_type, canonical, text,
			start, "end", key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, docID, c.Kind, c.Category, c.Value, c.EntityType,
			c.Canonical, c.Text, c.Start, c.End, c.Key); err != nil {
			return err
		}
	}
	return nil
}

// naiveExtract: each stored text again, one at a time, models and all,
// deleting and inserting row by row.
func naiveExtract(x *extract.Extractor, dbPath string) error {
	db, err := openNaive(dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	var ids []int64
	rows, err := db.Query("SELECT id FROM documents ORDER BY id")
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		var doc claimex.Document
		if err := db.QueryRow("SELECT hash, text FROM documents WHERE id = ?", id).Scan(&doc.Hash, &doc.Text); err != nil {
			return err
		}
		if _, err := db.Exec("DELETE FROM claims WHERE document_id = ?", id); err != nil {
			return err
		}
		if err := insertClaims(db, id, x.Extract(doc)); err != nil {
			return err
		}
	}
	return nil
}

// naiveExport: every claim as a JSON object per line, through a map.
func naiveExport(dbPath, out string) error {
	db, err := openNaive(dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := db.Query(`SELECT id, document_id, kind, category, value, entity_type, canonical, text, start, "end", key FROM claims`)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		rec := map[string]any{}
		for i, c := range cols {
			rec[c] = vals[i]
		}
		b, err := json.Marshal(rec)
		if err != nil {
			return err
		}
		f.Write(append(b, '\n'))
	}
	return rows.Err()
}
