package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
)

// jsonEncoder writes one JSON array of records, one record a line, as it
// goes: memory does not grow with the number of records.
type jsonEncoder struct {
	bw *bufio.Writer
	n  int
}

func newJSONEncoder(w io.Writer) *jsonEncoder { return &jsonEncoder{bw: bufio.NewWriter(w)} }

func (e *jsonEncoder) encode(rec any) error {
	b, err := marshal(rec)
	if err != nil {
		return err
	}
	sep := ",\n"
	if e.n == 0 {
		sep = "[\n"
	}
	e.n++
	e.bw.WriteString(sep)
	_, err = e.bw.Write(b)
	return err
}

func (e *jsonEncoder) close() error {
	if e.n == 0 {
		e.bw.WriteString("[")
	}
	e.bw.WriteString("\n]\n")
	return e.bw.Flush()
}

// marshal is json.Marshal without HTML escaping: exports are data, not
// web pages, and "<" should read as "<".
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
