// Package export writes claims, documents and entities in the formats
// spreadsheets, databases and fact-checking tools read (JSON Lines, JSON,
// CSV, schema.org JSON-LD), with the field names of the export contract in
// DESIGN.md. It reads through store and streams: memory does not grow
// with the number of records. CSV keeps every byte of a text, so offsets
// hold, and by default is safe to open in a spreadsheet (see KeepFormulas).
package export

import (
	"context"
	"fmt"
	"io"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/store"
)

// Format is an export format.
type Format string

// Export formats.
const (
	JSONL  Format = "jsonl"
	JSON   Format = "json"
	CSV    Format = "csv"
	JSONLD Format = "jsonld"
)

// Formats lists the formats Claims, Documents and Entities write.
var Formats = []Format{JSONL, JSON, CSV, JSONLD}

// encoder writes records of one type in one format.
type encoder interface {
	encode(rec any) error
	close() error
}

// columns are the CSV columns of one record type, and those of them that
// hold numbers claimex formats itself.
type columns struct {
	names, numbers []string
}

func newEncoder(f Format, w io.Writer, t columns, row func(any) []string, o options) (encoder, error) {
	switch f {
	case JSONL:
		return newJSONLEncoder(w), nil
	case JSON:
		return newJSONEncoder(w), nil
	case CSV:
		return newCSVEncoder(w, t, row, o)
	case JSONLD:
		return newJSONLDEncoder(w)
	}
	return nil, fmt.Errorf("unknown export format %q (known: jsonl, json, csv, jsonld)", f)
}

// Claims writes the current claims that filter selects to w, returning
// how many it wrote.
func Claims(ctx context.Context, st *store.Store, filter store.ClaimFilter, f Format, w io.Writer, opts ...Option) (int, error) {
	return write(f, w, opts, claimColumns, ClaimRecord.row, func(emit func(ClaimRecord) error) error {
		return st.Claims(ctx, filter, func(v store.ClaimView) error { return emit(NewClaimRecord(v)) })
	})
}

// Documents writes every document with its clean text to w, returning how
// many it wrote.
func Documents(ctx context.Context, st *store.Store, f Format, w io.Writer, opts ...Option) (int, error) {
	return write(f, w, opts, documentColumns, DocumentRecord.row, func(emit func(DocumentRecord) error) error {
		return st.Documents(ctx, false, func(d claimex.Document) error { return emit(NewDocumentRecord(d)) })
	})
}

// Entities writes the entities of the current claims to w, most mentioned
// first, returning how many it wrote.
func Entities(ctx context.Context, st *store.Store, f Format, w io.Writer, opts ...Option) (int, error) {
	return write(f, w, opts, entityColumns, EntityRecord.row, func(emit func(EntityRecord) error) error {
		list, err := st.Entities(ctx, store.EntityFilter{})
		if err != nil {
			return err
		}
		for _, e := range list {
			if err := emit(NewEntityRecord(e)); err != nil {
				return err
			}
		}
		return nil
	})
}

// write encodes every record that each produces, in format f.
func write[R any](f Format, w io.Writer, opts []Option, t columns, row func(R) []string, each func(func(R) error) error) (int, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	enc, err := newEncoder(f, w, t, func(r any) []string { return row(r.(R)) }, o)
	if err != nil {
		return 0, err
	}
	n := 0
	err = each(func(r R) error {
		n++
		return enc.encode(r)
	})
	if err == nil {
		err = enc.close()
	}
	if err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	return n, nil
}
