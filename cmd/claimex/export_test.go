package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// formulaArticle is an article a hostile page could have given: its
// title, so the first line of its clean text, is a spreadsheet formula,
// and lines begin with the other characters a spreadsheet reads as one.
const formulaArticle = `=HYPERLINK("http://evil.example/x","Click for the full story")

-Police in Almaty said on Friday that more than 300 people were arrested during the protests.

@Reuters reported that 42 people were injured in clashes near the main square.

+At least 12 people were killed, the health ministry said.
`

// formulaStart is what makes a spreadsheet read a cell as a formula.
const formulaStart = "=+-@\t\r"

// stripFormulaQuote undoes the export's formula neutralisation as the
// README tells a reader to: one leading "'" comes off a cell that starts
// with one or more "'" and then one of = + - @ tab CR.
func stripFormulaQuote(cell string) string {
	rest := strings.TrimLeft(cell, "'")
	if rest != cell && rest != "" && strings.ContainsRune(formulaStart, rune(rest[0])) {
		return cell[1:]
	}
	return cell
}

// readCSV parses an exported CSV file into one map per row, keyed by the
// header, undoing the formula neutralisation when strip is set.
func readCSV(t *testing.T, path string, strip bool) []map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s does not parse as CSV: %v", path, err)
	}
	if len(rows) == 0 {
		t.Fatalf("%s has no header", path)
	}
	var recs []map[string]string
	for _, row := range rows[1:] {
		rec := map[string]string{}
		for i, name := range rows[0] {
			if strip {
				row[i] = stripFormulaQuote(row[i])
			}
			rec[name] = row[i]
		}
		recs = append(recs, rec)
	}
	return recs
}

// quotedCell is how a CSV cell holding a newline must appear in the file:
// between double quotes, quotes doubled, every other byte as it is.
func quotedCell(s string, escape bool) string {
	if escape && strings.ContainsRune(formulaStart, rune(strings.TrimLeft(s, "'")[0])) {
		s = "'" + s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// TestCSVOffsets exports the samples, and an article whose text starts
// with a formula, as CSV with formulas neutralised and kept, and checks
// with encoding/csv that every claim's offsets, prefix and suffix point
// into its document's text. encoding/csv's Reader turns CRLF inside a
// quoted field back into LF, which Python's csv module and spreadsheets
// do not, so the test also checks that every cell holding a newline is
// in the file byte for byte, against the JSON Lines export.
func TestCSVOffsets(t *testing.T) {
	in := copySeeds(t, "000_f98e5ad40a96cb5c.txt", "001_c3d0c4f10a557457.txt", "002_47e49d6628047b86.txt",
		"003_877156c012e558aa.txt", "004_371244e6fb34e273.txt")
	writeFile(t, filepath.Join(in, "005_formula.txt"), []byte(formulaArticle))
	dir := t.TempDir()
	env := map[string]string{envDB: testDB(t, dir, "x.db")}
	if code, out, errs := cli(t, env, "ingest", in); code != exitOK {
		t.Fatalf("ingest exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	claimsJSONL, docsJSONL := filepath.Join(dir, "claims.jsonl"), filepath.Join(dir, "docs.jsonl")
	for what, out := range map[string]string{"claims": claimsJSONL, "documents": docsJSONL} {
		if code, _, errs := cli(t, env, "export", "--what", what, "-o", out); code != exitOK {
			t.Fatalf("export %s: exit %d: %s", what, code, errs)
		}
	}
	for _, mode := range []string{"escape", "keep"} {
		t.Run(mode, func(t *testing.T) {
			escape := mode == "escape"
			claimsCSV, docsCSV := filepath.Join(dir, mode+"-claims.csv"), filepath.Join(dir, mode+"-docs.csv")
			for what, out := range map[string]string{"claims": claimsCSV, "documents": docsCSV} {
				args := []string{"export", "--what", what, "--format", "csv", "-o", out}
				if !escape {
					args = append(args, "--csv-formulas", "keep")
				}
				if code, _, errs := cli(t, env, args...); code != exitOK {
					t.Fatalf("export %s: exit %d: %s", what, code, errs)
				}
			}

			// Cells with newlines are in the file as they are in the text.
			for path, recs := range map[string][]map[string]any{docsCSV: readJSONL(t, docsJSONL), claimsCSV: readJSONL(t, claimsJSONL)} {
				raw, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range recs {
					for _, field := range []string{"text", "prefix", "suffix", "sentence"} {
						s, _ := r[field].(string)
						if strings.Contains(s, "\n") && !bytes.Contains(raw, []byte(quotedCell(s, escape))) {
							t.Errorf("%s: the %s of record %v is not in the file as it is: %q", filepath.Base(path), field, r["id"], s)
						}
					}
				}
			}

			texts := map[string][]rune{}
			for _, d := range readCSV(t, docsCSV, escape) {
				texts[d["id"]] = []rune(d["text"])
				if strings.HasSuffix(d["source"], "005_formula.txt") && !strings.HasPrefix(d["text"], "=HYPERLINK(") {
					t.Errorf("formula document: text %q", d["text"][:min(40, len(d["text"]))])
				}
			}
			if len(texts) != 6 {
				t.Fatalf("exported %d documents, want 6", len(texts))
			}
			counts, formulaCounts := 0, 0
			for _, c := range readCSV(t, claimsCSV, escape) {
				runes, ok := texts[c["document_id"]]
				start, err1 := strconv.Atoi(c["start"])
				end, err2 := strconv.Atoi(c["end"])
				if !ok || err1 != nil || err2 != nil || start < 0 || start > end || end > len(runes) {
					t.Errorf("claim %s: document %s, offsets %q-%q out of its text", c["id"], c["document_id"], c["start"], c["end"])
					continue
				}
				if c["kind"] == "count" {
					counts++
					if strings.HasSuffix(c["source"], "005_formula.txt") {
						formulaCounts++
					}
				}
				if got := string(runes[start:end]); got != c["text"] {
					t.Errorf("claim %s: text %q, but %d-%d of its document is %q", c["id"], c["text"], start, end, got)
				}
				if want := string(runes[max(0, start-32):start]); c["prefix"] != want {
					t.Errorf("claim %s: prefix %q, text before it %q", c["id"], c["prefix"], want)
				}
				if want := string(runes[end:min(len(runes), end+32)]); c["suffix"] != want {
					t.Errorf("claim %s: suffix %q, text after it %q", c["id"], c["suffix"], want)
				}
			}
			// The five samples hold 46 count claims; the formula article
			// adds some of its own.
			if counts < 46 || formulaCounts == 0 {
				t.Errorf("%d count claims, %d of them in the formula article", counts, formulaCounts)
			}
		})
	}
}

// numberColumns are the CSV columns of numbers claimex writes itself,
// which are never neutralised.
var numberColumns = map[string]bool{"id": true, "document_id": true, "value": true, "value_max": true, "start": true,
	"end": true, "run": true, "reviewed_value": true}

// TestCSVFormulaCells checks which cells the export neutralises: every
// text cell that a spreadsheet would read as a formula gets one leading
// "'" by default, none with --csv-formulas keep, and numbers never do.
func TestCSVFormulaCells(t *testing.T) {
	in := t.TempDir()
	writeFile(t, filepath.Join(in, "005_formula.txt"), []byte(formulaArticle))
	dir := t.TempDir()
	env := map[string]string{envDB: testDB(t, dir, "x.db")}
	if code, out, errs := cli(t, env, "ingest", in); code != exitOK {
		t.Fatalf("ingest exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	for _, mode := range []string{"escape", "keep"} {
		for _, what := range []string{"claims", "documents"} {
			out := filepath.Join(dir, mode+"-"+what+".csv")
			if code, _, errs := cli(t, env, "export", "--what", what, "--format", "csv", "--csv-formulas", mode, "-o", out); code != exitOK {
				t.Fatalf("export %s: exit %d: %s", what, code, errs)
			}
			formulas := 0
			for _, rec := range readCSV(t, out, false) {
				for col, cell := range rec {
					starts := cell != "" && strings.ContainsRune(formulaStart, rune(cell[0]))
					if starts {
						formulas++
					}
					if mode == "escape" && starts && !numberColumns[col] {
						t.Errorf("%s %s: cell %q would run as a formula", what, col, cell)
					}
					if _, err := strconv.ParseFloat(cell, 64); numberColumns[col] && cell != "" && err != nil {
						t.Errorf("%s %s: %q is not a number", what, col, cell)
					}
					if mode == "keep" && strings.HasPrefix(cell, "'") {
						t.Errorf("%s %s: cell %q quoted with --csv-formulas keep", what, col, cell)
					}
				}
			}
			if mode == "keep" && formulas == 0 {
				t.Errorf("%s: the formula article gave no cell that starts like a formula", what)
			}
		}
	}
}

// TestExportFileMode checks that an export file is readable by others,
// as other tools' output is (less the umask), and that one written over
// an existing file keeps that file's mode.
func TestExportFileMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix file modes")
	}
	dir := t.TempDir()
	env := map[string]string{envDB: testDB(t, dir, "x.db")}
	if code, _, errs := cli(t, env, "ingest", copySeeds(t, "000_f98e5ad40a96cb5c.txt")); code != exitOK {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	// A file made with mode 0644 shows what the umask leaves of it.
	probe := filepath.Join(dir, "probe")
	f, err := os.OpenFile(probe, os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	fi, err := os.Stat(probe)
	if err != nil {
		t.Fatal(err)
	}
	want := fi.Mode().Perm()

	out := filepath.Join(dir, "claims.csv")
	if code, _, errs := cli(t, env, "export", "--format", "csv", "-o", out); code != exitOK {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != want {
		t.Errorf("new export file: mode %v (%v), want %v", fi.Mode().Perm(), err, want)
	}
	if err := os.Chmod(out, 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := cli(t, env, "export", "--format", "csv", "-o", out); code != exitOK {
		t.Fatalf("export again: exit %d: %s", code, errs)
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("export over a 0600 file: mode %v (%v), want it kept", fi.Mode().Perm(), err)
	}
}

// TestExportCSVFlags checks --bom and --csv-formulas on the command line.
func TestExportCSVFlags(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{envDB: testDB(t, dir, "x.db")}
	if code, _, errs := cli(t, env, "ingest", copySeeds(t, "000_f98e5ad40a96cb5c.txt")); code != exitOK {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	const bom = "\ufeff"
	for _, c := range []struct {
		args    []string
		code    int
		bom     bool   // stdout starts with a byte-order mark, then the header
		message string // in stderr
	}{
		{args: []string{"--format", "csv"}, code: exitOK},
		{args: []string{"--format", "csv", "--bom"}, code: exitOK, bom: true},
		{args: []string{"--format", "csv", "--bom", "--what", "documents"}, code: exitOK, bom: true},
		{args: []string{"--format", "csv", "--csv-formulas", "keep", "--bom"}, code: exitOK, bom: true},
		{args: []string{"--format", "jsonl", "--bom"}, code: exitUsage, message: "--bom is for --format csv"},
		{args: []string{"--bom"}, code: exitUsage, message: "--bom is for --format csv"},
		{args: []string{"--format", "json", "--csv-formulas", "keep"}, code: exitUsage, message: "--csv-formulas is for --format csv"},
		{args: []string{"--format", "csv", "--csv-formulas", "run"}, code: exitUsage, message: `--csv-formulas must be escape or keep, not "run"`},
	} {
		code, out, errs := cli(t, env, append([]string{"export"}, c.args...)...)
		if code != c.code || !strings.Contains(errs, c.message) {
			t.Errorf("export %v: exit %d, stderr %q; want exit %d with %q", c.args, code, errs, c.code, c.message)
			continue
		}
		if code != exitOK {
			continue
		}
		if got := strings.HasPrefix(out, bom); got != c.bom {
			t.Errorf("export %v: starts with a byte-order mark: %v, want %v", c.args, got, c.bom)
		}
		if header := strings.TrimPrefix(out, bom); !strings.HasPrefix(header, "id,") {
			t.Errorf("export %v: header %q", c.args, header[:min(len(header), 20)])
		}
	}
}
