package export

import (
	"bufio"
	"encoding/json"
	"io"
)

// jsonlEncoder writes one JSON object per line.
type jsonlEncoder struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

func newJSONLEncoder(w io.Writer) *jsonlEncoder {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &jsonlEncoder{bw: bw, enc: enc}
}

func (e *jsonlEncoder) encode(rec any) error { return e.enc.Encode(rec) }
func (e *jsonlEncoder) close() error         { return e.bw.Flush() }
