// Package export writes claims and documents in the formats spreadsheets,
// databases and fact-checking tools read (JSON Lines, CSV), with the field
// names of the export contract in DESIGN.md. It reads through store and
// streams: memory does not grow with the number of records.
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
	JSONL Format = "jsonl"
	CSV   Format = "csv"
)

// Formats lists the formats Claims and Documents write.
var Formats = []Format{JSONL, CSV}

// encoder writes records of one type in one format.
type encoder interface {
	encode(rec any) error
	close() error
}

func newEncoder(f Format, w io.Writer, columns []string, row func(any) []string) (encoder, error) {
	switch f {
	case JSONL:
		return newJSONLEncoder(w), nil
	case CSV:
		return newCSVEncoder(w, columns, row)
	}
	return nil, fmt.Errorf("unknown export format %q (known: jsonl, csv)", f)
}

// Claims writes the current claims that filter selects to w, returning
// how many it wrote.
func Claims(ctx context.Context, st *store.Store, filter store.ClaimFilter, f Format, w io.Writer) (int, error) {
	return write(f, w, claimColumns, ClaimRecord.row, func(emit func(ClaimRecord) error) error {
		return st.Claims(ctx, filter, func(v store.ClaimView) error { return emit(NewClaimRecord(v)) })
	})
}

// Documents writes every document with its clean text to w, returning how
// many it wrote.
func Documents(ctx context.Context, st *store.Store, f Format, w io.Writer) (int, error) {
	return write(f, w, documentColumns, DocumentRecord.row, func(emit func(DocumentRecord) error) error {
		return st.Documents(ctx, false, func(d claimex.Document) error { return emit(NewDocumentRecord(d)) })
	})
}

// write encodes every record that each produces, in format f.
func write[R any](f Format, w io.Writer, columns []string, row func(R) []string, each func(func(R) error) error) (int, error) {
	enc, err := newEncoder(f, w, columns, func(r any) []string { return row(r.(R)) })
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
