package export

import (
	"encoding/csv"
	"io"
)

// csvEncoder writes RFC 4180 CSV with a header row.
type csvEncoder struct {
	w   *csv.Writer
	row func(any) []string
}

func newCSVEncoder(w io.Writer, columns []string, row func(any) []string) (*csvEncoder, error) {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(columns); err != nil {
		return nil, err
	}
	return &csvEncoder{w: cw, row: row}, nil
}

func (e *csvEncoder) encode(rec any) error { return e.w.Write(e.row(rec)) }

func (e *csvEncoder) close() error {
	e.w.Flush()
	return e.w.Error()
}
