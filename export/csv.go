package export

import (
	"bufio"
	"io"
	"strings"
)

// utf8BOM is the byte-order mark that tells Excel a CSV file is UTF-8.
const utf8BOM = "\ufeff"

// formulaStart holds the characters that make a spreadsheet read a cell
// as a formula when the cell begins with one (OWASP, "CSV Injection").
const formulaStart = "=+-@\t\r"

// csvEncoder writes RFC 4180 CSV: a header row, CRLF after every record,
// fields quoted when they hold a comma, a quote, a line break or leading
// space, and every byte of a field as it is. encoding/csv's Writer cannot
// do that: with CRLF line ends it also writes each newline inside a field
// as CRLF, which moves every offset after it.
//
// Unless formulas are kept, a text cell that a spreadsheet would run as a
// formula gets one leading "'" (see neutralise); cells of numbers claimex
// wrote itself are left as they are, so -5 stays a number.
type csvEncoder struct {
	bw      *bufio.Writer
	numbers []bool // by column: holds a number claimex formatted
	keep    bool   // write formulas as they are
	row     func(any) []string
}

func newCSVEncoder(w io.Writer, t columns, row func(any) []string, o options) (*csvEncoder, error) {
	e := &csvEncoder{bw: bufio.NewWriter(w), numbers: make([]bool, len(t.names)), keep: o.keepFormulas, row: row}
	for i, name := range t.names {
		for _, n := range t.numbers {
			e.numbers[i] = e.numbers[i] || n == name
		}
	}
	if o.bom {
		e.bw.WriteString(utf8BOM)
	}
	if err := e.write(t.names, false); err != nil {
		return nil, err
	}
	return e, nil
}

func (e *csvEncoder) encode(rec any) error { return e.write(e.row(rec), !e.keep) }

func (e *csvEncoder) close() error { return e.bw.Flush() }

// write writes one record, neutralising formulas in its text cells if
// asked to.
func (e *csvEncoder) write(fields []string, safe bool) error {
	for i, f := range fields {
		if i > 0 {
			e.bw.WriteByte(',')
		}
		if safe && !e.numbers[i] {
			f = neutralise(f)
		}
		if f == "" || !strings.ContainsAny(f, ",\"\r\n") && f[0] != ' ' && f[0] != '\t' {
			e.bw.WriteString(f)
			continue
		}
		e.bw.WriteByte('"')
		e.bw.WriteString(strings.ReplaceAll(f, `"`, `""`))
		e.bw.WriteByte('"')
	}
	_, err := e.bw.WriteString("\r\n")
	return err
}

// neutralise puts a "'" before a cell that a spreadsheet would read as a
// formula: one that starts with = + - @ tab or CR, after any "'"s of its
// own. A reader gets the cell back by taking one "'" off a cell that
// starts with one or more "'" and then one of those characters; counting
// the cell's own "'"s keeps that exact for text such as "'=x".
func neutralise(cell string) string {
	rest := strings.TrimLeft(cell, "'")
	if rest == "" || !strings.ContainsRune(formulaStart, rune(rest[0])) {
		return cell
	}
	return "'" + cell
}
