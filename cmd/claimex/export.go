package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/claimex/claimex/export"
)

func (a *app) export(ctx context.Context, args []string) error {
	fs := a.flags("export")
	db := a.dbFlag(fs)
	what := fs.String("what", "claims", "what to export: claims, documents, entities or events")
	format := fs.String("format", "jsonl", "output `format`: jsonl, json, csv or jsonld")
	since := fs.String("since", "", "claims of documents ingested, or reviewed, on or after this `date` (YYYY-MM-DD or RFC 3339)")
	out := fs.String("o", "", "write to `file` instead of standard output")
	formulas := fs.String("csv-formulas", "escape", "CSV cells that start like a spreadsheet formula (= + - @ tab CR): "+
		"`escape` them with a leading ' or keep them as they are")
	bom := fs.Bool("bom", false, "start CSV with a UTF-8 byte-order mark, for Excel")
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
	opts, err := csvOptions(fs, f, *formulas, *bom)
	if err != nil {
		return err
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
	case "events":
		if f == export.JSONLD {
			return usagef("events export as jsonl, json or csv")
		}
	default:
		return usagef("--what must be claims, documents, entities or events")
	}
	st, err := a.open(ctx, *db, readDB)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := a.checkFilterCategory(ctx, st, filter.Category); err != nil {
		return err
	}

	return a.writeOutput(*out, func(w io.Writer) (int, error) {
		switch *what {
		case "documents":
			return export.Documents(ctx, st, f, w, opts...)
		case "entities":
			return export.Entities(ctx, st, f, w, opts...)
		case "events":
			return export.Events(ctx, st, f, w, opts...)
		}
		return export.Claims(ctx, st, filter, f, w, opts...)
	})
}

// csvOptions reads --csv-formulas and --bom, which only CSV has.
func csvOptions(fs *flag.FlagSet, f export.Format, formulas string, bom bool) ([]export.Option, error) {
	if f != export.CSV {
		var given error
		fs.Visit(func(fl *flag.Flag) {
			if fl.Name == "csv-formulas" || fl.Name == "bom" {
				given = usagef("--%s is for --format csv only", fl.Name)
			}
		})
		return nil, given
	}
	var opts []export.Option
	switch formulas {
	case "escape":
	case "keep":
		opts = append(opts, export.KeepFormulas())
	default:
		return nil, usagef("--csv-formulas must be escape or keep, not %q", formulas)
	}
	if bom {
		opts = append(opts, export.BOM())
	}
	return opts, nil
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
	tmp, err := createOutput(file)
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

// outputMode is the mode of a new export file before the umask, that of
// other tools' output; os.CreateTemp would make it 0600.
const outputMode = 0o644

// createOutput makes the temporary file that will become file: new, beside
// it, with mode outputMode less the umask, or the mode of the file it will
// replace, so that an export kept private stays private.
func createOutput(file string) (*os.File, error) {
	dir, base := filepath.Split(file)
	for range 10000 {
		name := filepath.Join(dir, "."+base+"."+strconv.FormatUint(rand.Uint64(), 36))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, outputMode)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if fi, err := os.Stat(file); err == nil && fi.Mode().IsRegular() {
			if err := f.Chmod(fi.Mode().Perm()); err != nil {
				f.Close()
				os.Remove(name)
				return nil, err
			}
		}
		return f, nil
	}
	return nil, fmt.Errorf("cannot make a temporary file beside %s", file)
}
