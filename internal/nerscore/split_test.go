package nerscore

import (
	"fmt"
	"testing"
)

// TestSplit: the split is by document name, the same every time and
// whatever the order or the company of the documents, and holds out
// about one document in three.
func TestSplit(t *testing.T) {
	var docs []Doc
	for i := range 300 {
		docs = append(docs, Doc{Name: fmt.Sprintf("doc-%d", i), Text: fmt.Sprint(i)})
	}
	held, train := Split(docs)
	if len(held)+len(train) != len(docs) {
		t.Fatalf("%d held out and %d to train of %d", len(held), len(train), len(docs))
	}
	if len(held) < 80 || len(held) > 120 {
		t.Errorf("%d of %d held out, want about a third", len(held), len(docs))
	}
	out := map[string]bool{}
	for _, d := range held {
		out[d.Name] = true
	}
	for _, d := range train {
		if out[d.Name] {
			t.Errorf("%s both held out and trained on", d.Name)
		}
	}
	// Reversed, one at a time, with another text: the same answer.
	for i := len(docs) - 1; i >= 0; i-- {
		d := docs[i]
		d.Text = "changed"
		h, _ := Split([]Doc{d})
		if (len(h) == 1) != out[d.Name] {
			t.Errorf("%s: held out %v alone, %v among the others", d.Name, len(h) == 1, out[d.Name])
		}
	}
}
