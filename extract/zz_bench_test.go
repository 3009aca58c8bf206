package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/claimex/claimex"
)

func BenchmarkZZAEB(b *testing.B) {
	x := extractor(b)
	f, _ := os.Open("/tmp/cb/claimex.jsonl")
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	var docs []claimex.Document
	for sc.Scan() {
		var r map[string]any
		json.Unmarshal(sc.Bytes(), &r)
		docs = append(docs, claimex.Document{Hash: r["source"].(string), Text: r["text"].(string)})
	}
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			x.Extract(d)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs))/1e6, "ms/doc")
}
