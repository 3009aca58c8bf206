package fetch

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
)

// linkPage is a page of n links: one a line, cut into paragraphs by
// double line breaks when br is set.
func linkPage(n int, br bool) []byte {
	var b strings.Builder
	b.WriteString("<html><head><title>Links</title></head><body><div class=\"content\">\n")
	for i := range n {
		fmt.Fprintf(&b, `<a href="/p/%d">Story number %d of the many stories listed here</a>`, i, i)
		if br {
			b.WriteString("<br><br>")
		}
		b.WriteByte('\n')
	}
	b.WriteString("</div></body></html>\n")
	return []byte(b.String())
}

// expiring is a context whose deadline passes at its at-th look at Err
// (never when at is 0): a budget spent at a chosen point of the work,
// whatever the speed of the machine. It counts the looks.
type expiring struct {
	context.Context
	looks, at int
}

func (e *expiring) Err() error {
	e.looks++
	if e.at > 0 && e.looks >= e.at {
		return context.DeadlineExceeded
	}
	return nil
}

// cleanWithin cleans in under ctx and waits for the result at most a
// minute: what ignores its budget on a page of many links takes, where
// the passes cost the square of the page's size, many minutes.
func cleanWithin(t *testing.T, ctx context.Context, in claimex.Input) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := CleanContext(ctx, in, rules.Default())
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Minute):
		t.Fatal("cleaning still running after a minute")
		return nil
	}
}

// TestBudgetAfterParsing: a budget spent at any point of the passes over
// a parsed page ends them with the budget's error, as one spent while
// parsing does. The page's 30,000 lines of links once took the passes
// minutes: each line measured the whole page again.
func TestBudgetAfterParsing(t *testing.T) {
	in := claimex.Input{Source: "links.html", Format: claimex.FormatHTML, Bytes: linkPage(30000, true)}
	count := &expiring{Context: context.Background()}
	// A page of links has no article, so every pass runs, the second
	// chance's too; its links are what text it has.
	if err := cleanWithin(t, count, in); err != nil {
		t.Fatalf("clean without a deadline: %v", err)
	}
	// The parser looks once per read of budgetChunk bytes; the looks
	// after those are the passes'.
	parsing := len(in.Bytes)/budgetChunk + 1
	if count.looks <= parsing {
		t.Fatalf("%d looks at the budget, %d of them while parsing: the passes never look", count.looks, parsing)
	}
	// Just after parsing, and at the last look, after the passes.
	for _, at := range []int{parsing + 1, count.looks} {
		err := cleanWithin(t, &expiring{Context: context.Background(), at: at}, in)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("budget spent at look %d of %d: error %v, want %v", at, count.looks, err, context.DeadlineExceeded)
		}
	}
}

// elements is a paragraph of n elements in all.
func elements(n int) []byte {
	return []byte("<html><head></head><body><p>Text" + strings.Repeat("<b>b</b>", n-4) + "</p></body></html>")
}

// TestTooManyElements: a page of more than MaxElements elements is
// refused, whether it writes them all or the parser makes them, copying
// misnested formatting elements into every paragraph.
func TestTooManyElements(t *testing.T) {
	var amplified strings.Builder
	amplified.WriteString("<html><body><p>")
	for i := range 400 {
		fmt.Fprintf(&amplified, "<b id=%d>", i)
	}
	amplified.WriteString(strings.Repeat("<p>x", MaxElements/400+1))
	// A small page that the parser would blow up to millions of
	// elements: refused before it is parsed.
	var bomb strings.Builder
	bomb.WriteString("<html><body><p>")
	for i := range 1000 {
		fmt.Fprintf(&bomb, "<b id=%d>", i)
	}
	bomb.WriteString(strings.Repeat("<p>x", 20000))
	// Formatting left open on an ordinary page is kept.
	var unclosed strings.Builder
	unclosed.WriteString("<html><body><font face=serif><b><i><u><s><small>")
	for i := range 2000 {
		fmt.Fprintf(&unclosed, "<p>Paragraph %d of the article, with <a href=/x>a link</a> and <b>bold</b> words.", i)
	}
	tests := []struct {
		name string
		page []byte
		err  bool
	}{
		{"under the limit", elements(MaxElements - 10), false},
		{"over the limit", elements(MaxElements + 1), true},
		{"copied by the parser", []byte(amplified.String()), true},
		{"would be copied millions of times", []byte(bomb.String()), true},
		{"formatting left open", []byte(unclosed.String()), false},
	}
	// The bomb is refused before the parser builds its tree, which would
	// take more than a gigabyte; the ordinary page is not.
	var tooMany *TooManyElementsError
	if err := checkTags(context.Background(), bomb.String(), MaxElements); !errors.As(err, &tooMany) {
		t.Errorf("the copying bomb passed the check before parsing: %v", err)
	}
	if err := checkTags(context.Background(), unclosed.String(), MaxElements); err != nil {
		t.Errorf("a page with formatting left open: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := HTML(tt.page, "", nil)
			var tooMany *TooManyElementsError
			if got := errors.As(err, &tooMany); got != tt.err {
				t.Fatalf("error %v; want a TooManyElementsError: %v", err, tt.err)
			}
			if tt.err && err.Error() != fmt.Sprintf("page has more than %d elements", MaxElements) {
				t.Errorf("error %q", err)
			}
		})
	}
}

// BenchmarkManyLinks cleans pages of many links: 66,000 lines of links
// cut by double line breaks, at the element limit, whose passes once
// cost the square of their number (minutes), and a million links, which
// the limit refuses before parsing.
func BenchmarkManyLinks(b *testing.B) {
	for _, bc := range []struct {
		name string
		page []byte
	}{
		{"lines", linkPage(66000, true)},
		{"million", linkPage(1_000_000, false)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.page)))
			b.ReportAllocs()
			for b.Loop() {
				HTML(bc.page, "", nil)
			}
		})
	}
}
