package fetch

import (
	"strings"
	"testing"

	"github.com/claimex/claimex/rules"
)

// deep wraps s in n elements of tag.
func deep(tag string, n int, s string) string {
	return strings.Repeat("<"+tag+">", n) + s + strings.Repeat("</"+tag+">", n)
}

// TestTiesGoToDocumentOrder: two containers that score the same, too far
// apart to be taken together, give the first in document order, on every
// call. Ranging over a map of scores once gave either, by map order.
func TestTiesGoToDocumentOrder(t *testing.T) {
	tests := []struct {
		name, html, want, not string
	}{
		{"divs five levels apart",
			`<html><body>` + deep("div", 5, `<div class="one">`+para("Alpha container, first paragraph.")+para("Alpha container, second one.")+`</div>`) +
				deep("section", 5, `<div class="two">`+para("Omega container, first paragraph.")+para("Omega container, second one.")+`</div>`) +
				`</body></html>`,
			"Alpha container", "Omega container"},
		{"equal tables",
			`<html><body>` + deep("div", 6, `<table><tr><td>`+para("Alpha cell text, as long as the other one.")+`</td></tr></table>`) +
				deep("center", 6, `<table><tr><td>`+para("Omega cell text, as long as the other one.")+`</td></tr></table>`) +
				`</body></html>`,
			"Alpha cell text", "Omega cell text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first := ""
			for i := range 200 {
				p, err := HTML([]byte(tt.html), "", rules.Default())
				if err != nil {
					t.Fatal(err)
				}
				if i == 0 {
					first = p.Body
					if !strings.Contains(p.Body, tt.want) || strings.Contains(p.Body, tt.not) {
						t.Fatalf("body is not the first container's:\n%s", p.Body)
					}
				} else if p.Body != first {
					t.Fatalf("call %d gave another body:\n%s\nfirst call:\n%s", i+1, p.Body, first)
				}
			}
		})
	}
}
