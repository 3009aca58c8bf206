package store

import (
	"bytes"
	stdgzip "compress/gzip"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPackRoundTrip: a page's raw bytes are stored as a standard gzip stream,
// which the standard library reads back byte for byte (as do databases
// written before, by the standard library's writer).
func TestPackRoundTrip(t *testing.T) {
	noise := make([]byte, 300_000)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range noise {
		noise[i] = byte(r.UintN(256))
	}
	tests := map[string][]byte{
		"empty": nil,
		"small": []byte("<p>225 people dead</p>"),
		"page":  []byte(strings.Repeat("<p>More than 4,500 people were injured, the ministry said.</p>\n", 3000)),
		"noise": noise,
	}
	for name, raw := range tests {
		t.Run(name, func(t *testing.T) {
			packed, err := pack(raw)
			if err != nil {
				t.Fatal(err)
			}
			zr, err := stdgzip.NewReader(bytes.NewReader(packed))
			if err != nil {
				t.Fatalf("not a gzip stream: %v", err)
			}
			got, err := io.ReadAll(zr)
			if err != nil || !bytes.Equal(got, raw) {
				t.Errorf("read back with compress/gzip: %d bytes, %v; want %d bytes", len(got), err, len(raw))
			}
			var old bytes.Buffer
			zw, _ := stdgzip.NewWriterLevel(&old, stdgzip.BestSpeed)
			zw.Write(raw)
			zw.Close()
			if got, err := unpack(old.Bytes()); err != nil || !bytes.Equal(got, raw) {
				t.Errorf("unpack of the standard writer's stream: %d bytes, %v; want %d bytes", len(got), err, len(raw))
			}
		})
	}
}
