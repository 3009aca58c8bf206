package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/claimex/claimex/export"
)

func (a *app) export(ctx context.Context, args []string) error {
	fs := a.flags("export")
	db := a.dbFlag(fs)
	what := fs.String("what", "claims", "what to export: claims, documents or entities")
	format := fs.String("format", "jsonl", "output `format`: jsonl, json, csv or jsonld")
	since := fs.String("since", "", "claims of documents ingested, or reviewed, on or after this `date` (YYYY-MM-DD or RFC 3339)")
	out := fs.String("o", "", "write to `file` instead of standard output")
	filterOf := filterFlags(fs, "all")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	f := export.Format(*format)
	known := false
	for _, k := range export.Formats {
		known = known || k == f
	}
	if !known {
		return usagef("unknown format %q (known: jsonl, json, csv, jsonld)", *format)
	}
	filter, err := filterOf()
	if err != nil {
		return err
	}
	if filter.Since, err = sinceTime(*since); err != nil {
		return err
	}
	switch *what {
	case "claims", "documents", "entities":
	default:
		return usagef("--what must be claims, documents or entities")
	}
	st, err := a.open(ctx, *db, readDB)
	if err != nil {
		return err
	}
	defer st.Close()

	return a.writeOutput(*out, func(w io.Writer) (int, error) {
		switch *what {
		case "documents":
			return export.Documents(ctx, st, f, w)
		case "entities":
			return export.Entities(ctx, st, f, w)
		}
		return export.Claims(ctx, st, filter, f, w)
	})
}

// sinceTime reads --since as a UTC timestamp in the form the database
// keeps times in, so that they compare as text.
func sinceTime(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC().Format(time.RFC3339Nano), nil
	}
	if t, err := time.ParseInLocation("2006-01-02", s, time.Local); err == nil {
		return t.UTC().Format(time.RFC3339Nano), nil
	}
	return "", usagef("--since must be a date (2026-01-31) or an RFC 3339 time, not %q", s)
}

// writeOutput runs write against standard output, or against file: a
// temporary file in the same folder renamed into place only when the whole
// export succeeded, so a failed export never leaves half a file behind.
func (a *app) writeOutput(file string, write func(io.Writer) (int, error)) error {
	if file == "" || file == "-" {
		bw := bufio.NewWriter(a.stdout)
		if _, err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".*")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriter(tmp)
	n, err := write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(a.stderr, "wrote %d %s to %s\n", n, plural(n, "record", "records"), file)
	return nil
}
