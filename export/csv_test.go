package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

// testColumns are two text columns and a number column.
var testColumns = columns{names: []string{"a", "n", "b"}, numbers: []string{"n"}}

func encodeRows(t testing.TB, o options, rows ...[]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	e, err := newCSVEncoder(&buf, testColumns, func(r any) []string { return r.([]string) }, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := e.encode(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestCSVCells checks how each cell is written, with formulas neutralised
// (the default) and kept.
func TestCSVCells(t *testing.T) {
	for _, c := range []struct {
		name      string
		row       []string
		safe, raw string // the record as written, without the header
	}{
		{"plain", []string{"x", "1", "y"}, "x,1,y\r\n", "x,1,y\r\n"},
		{"empty", []string{"", "", ""}, ",,\r\n", ",,\r\n"},
		{"newline kept as LF", []string{"a\nb", "2", "c\n\nd"}, "\"a\nb\",2,\"c\n\nd\"\r\n", "\"a\nb\",2,\"c\n\nd\"\r\n"},
		{"CRLF kept", []string{"a\r\nb", "2", "c\rd"}, "\"a\r\nb\",2,\"c\rd\"\r\n", "\"a\r\nb\",2,\"c\rd\"\r\n"},
		{"quotes and commas", []string{`say "hi"`, "3", "a,b"}, `"say ""hi""",3,"a,b"` + "\r\n", `"say ""hi""",3,"a,b"` + "\r\n"},
		{"leading space quoted", []string{" x", "4", "y "}, "\" x\",4,y \r\n", "\" x\",4,y \r\n"},
		{"equals", []string{"=1+2", "5", "=HYPERLINK(\"http://e.example\")"},
			"'=1+2,5,\"'=HYPERLINK(\"\"http://e.example\"\")\"\r\n", "=1+2,5,\"=HYPERLINK(\"\"http://e.example\"\")\"\r\n"},
		{"plus minus at", []string{"+1", "-6", "@SUM(A1)"}, "'+1,-6,'@SUM(A1)\r\n", "+1,-6,@SUM(A1)\r\n"},
		{"negative number in a text column", []string{"-5", "-5", "-"}, "'-5,-5,'-\r\n", "-5,-5,-\r\n"},
		{"tab and CR", []string{"\tx", "7", "\rx"}, "'\tx,7,\"'\rx\"\r\n", "\"\tx\",7,\"\rx\"\r\n"},
		{"own quote before a formula", []string{"'=x", "8", "''@y"}, "''=x,8,'''@y\r\n", "'=x,8,''@y\r\n"},
		{"own quote alone", []string{"'", "9", "'text"}, "',9,'text\r\n", "',9,'text\r\n"},
		{"formula character later", []string{"a=b", "10", "x-y"}, "a=b,10,x-y\r\n", "a=b,10,x-y\r\n"},
		{"non-ASCII start", []string{"’=x", "11", "＝1"}, "’=x,11,＝1\r\n", "’=x,11,＝1\r\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			const header = "a,n,b\r\n"
			if got := string(encodeRows(t, options{}, c.row)); got != header+c.safe {
				t.Errorf("neutralised: %q, want %q", got, header+c.safe)
			}
			if got := string(encodeRows(t, options{keepFormulas: true}, c.row)); got != header+c.raw {
				t.Errorf("kept: %q, want %q", got, header+c.raw)
			}
		})
	}
}

func TestCSVBOM(t *testing.T) {
	got := encodeRows(t, options{bom: true}, []string{"’", "1", "x"})
	if want := "\xef\xbb\xbfa,n,b\r\n’,1,x\r\n"; string(got) != want {
		t.Errorf("with a BOM: %q, want %q", got, want)
	}
	if got := encodeRows(t, options{}, []string{"x", "1", "y"}); bytes.HasPrefix(got, []byte(utf8BOM)) {
		t.Errorf("a BOM without asking: %q", got)
	}
}

// unneutralise is the README's rule for a reader: one "'" comes off a
// cell that starts with one or more "'" and then = + - @ tab or CR.
func unneutralise(cell string) string {
	rest := strings.TrimLeft(cell, "'")
	if rest != cell && rest != "" && strings.ContainsRune(formulaStart, rune(rest[0])) {
		return cell[1:]
	}
	return cell
}

// FuzzCSVRoundTrip checks that what the encoder writes parses back, with
// encoding/csv and the README's rule, into the fields it was given, and
// that no cell it writes starts like a formula.
func FuzzCSVRoundTrip(f *testing.F) {
	f.Add("=1+2", "-5", "a\nb")
	f.Add("'=x", "1", `say "hi", "there"`)
	f.Add("\tx", "\r", " y")
	f.Add("''", "", "@")
	f.Fuzz(func(t *testing.T, a, n, b string) {
		if strings.Contains(a+n+b, "\r\n") {
			// encoding/csv reads CRLF inside a quoted field as LF, so it
			// cannot show that the encoder kept it; TestCSVCells does.
			t.Skip()
		}
		for _, keep := range []bool{false, true} {
			out := encodeRows(t, options{keepFormulas: keep}, []string{a, n, b})
			rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
			if err != nil {
				t.Fatalf("%q does not parse: %v", out, err)
			}
			if len(rows) != 2 || len(rows[1]) != 3 {
				t.Fatalf("%q parsed into %q", out, rows)
			}
			for i, want := range []string{a, n, b} {
				got := rows[1][i]
				if !keep {
					if i != 1 && got != "" && strings.ContainsRune(formulaStart, rune(got[0])) {
						t.Errorf("cell %q written as %q, which starts like a formula", want, got)
					}
					if i != 1 {
						got = unneutralise(got)
					}
				}
				if got != want {
					t.Errorf("keep=%v: cell %q read back as %q", keep, want, got)
				}
			}
		}
	})
}
