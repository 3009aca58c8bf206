package corpus

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/claimex/claimex"
)

// tree writes files (path → contents) under a new temporary folder.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, body := range files {
		path := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// problem is what a walk reported of one path.
type problem struct {
	path string
	err  error
}

func walkAll(t *testing.T, paths ...string) ([]Item, Tally, []problem) {
	t.Helper()
	out := make(chan Item)
	var items []Item
	done := make(chan struct{})
	go func() {
		for it := range out {
			items = append(items, it)
		}
		close(done)
	}()
	var problems []problem
	tally, err := Walk(context.Background(), paths, out, func(path string, err error) {
		problems = append(problems, problem{path, err})
	})
	close(out)
	<-done
	if err != nil {
		t.Fatal(err)
	}
	return items, tally, problems
}

func TestWalk(t *testing.T) {
	root := tree(t, map[string]string{
		"a.html":            "<p>a</p>",
		"b.HTM":             "<p>b</p>",
		"c.txt":             "c",
		"d.md":              "# d",
		"e.pdf":             "%PDF",
		"f.json":            "{}",
		".hidden.txt":       "h",
		".git/config.txt":   "h",
		"sub/deeper/g.txt":  "g",
		"sub/.cache/h.html": "h",
		"sub/i.jpeg":        "i",
	})
	items, tally, problems := walkAll(t, root)
	var got []string
	for _, it := range items {
		rel, _ := filepath.Rel(root, it.Path)
		got = append(got, rel+":"+string(it.Format))
	}
	sort.Strings(got)
	want := []string{"a.html:html", "b.HTM:html", "c.txt:text", "d.md:markdown", "sub/deeper/g.txt:text"}
	if len(got) != len(want) {
		t.Fatalf("walk found %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("item %d = %s, want %s", i, got[i], want[i])
		}
	}
	if tally.Found != 5 || tally.Hidden != 3 || tally.Other != 3 {
		t.Errorf("tally = %+v, want found 5, hidden 3, other 3", tally)
	}
	if len(problems) != 0 {
		t.Errorf("problems: %v", problems)
	}
	if n := Count(context.Background(), []string{root}); n != 5 {
		t.Errorf("Count = %d, want 5", n)
	}
}

func TestWalkExplicitFileAndMissing(t *testing.T) {
	root := tree(t, map[string]string{"page.php": "<html><p>x</p>", "ok.txt": "x"})
	items, tally, problems := walkAll(t, filepath.Join(root, "page.php"), filepath.Join(root, "missing.txt"), filepath.Join(root, "ok.txt"))
	if len(items) != 2 || items[0].Format != "" || items[1].Format != claimex.FormatText {
		t.Errorf("items = %+v; want page.php (format to sniff) and ok.txt", items)
	}
	if tally.Found != 2 || len(problems) != 1 || filepath.Base(problems[0].path) != "missing.txt" {
		t.Errorf("tally %+v, problems %v", tally, problems)
	}
}

func TestWalkSymlinks(t *testing.T) {
	root := tree(t, map[string]string{"real/a.txt": "a"})
	// A loop: real/loop -> real. Walk does not follow folder links, so it
	// ends; a link to a file is followed; a dangling link is a problem.
	if err := os.Symlink(filepath.Join(root, "real"), filepath.Join(root, "real", "loop")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := os.Symlink(filepath.Join(root, "real", "a.txt"), filepath.Join(root, "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "nowhere.txt"), filepath.Join(root, "dangling.txt")); err != nil {
		t.Fatal(err)
	}
	items, _, problems := walkAll(t, root)
	if len(items) != 2 {
		t.Errorf("items = %+v, want real/a.txt and link.txt", items)
	}
	if len(problems) != 1 || filepath.Base(problems[0].path) != "dangling.txt" {
		t.Errorf("problems = %v, want dangling.txt", problems)
	}
}

func TestWalkCancel(t *testing.T) {
	root := tree(t, map[string]string{"a.txt": "a", "b.txt": "b"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := make(chan Item) // nobody reads: only cancellation ends the walk
	_, err := Walk(ctx, []string{root}, out, func(string, error) {})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Walk error = %v, want context.Canceled", err)
	}
}

func TestRead(t *testing.T) {
	root := tree(t, map[string]string{"a.txt": "hello", "page": "<!DOCTYPE html><p>x</p>"})
	in, err := Read(Item{Path: filepath.Join(root, "a.txt"), Format: claimex.FormatText}, 0)
	if err != nil {
		t.Fatal(err)
	}
	// SHA-256 of "hello".
	if in.Hash != "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824" || string(in.Bytes) != "hello" {
		t.Errorf("Read = %q %s", in.Bytes, in.Hash)
	}
	in, err = Read(Item{Path: filepath.Join(root, "page")}, 0)
	if err != nil || in.Format != claimex.FormatHTML {
		t.Errorf("Read(page) format = %q, err %v; want html", in.Format, err)
	}
	_, err = Read(Item{Path: filepath.Join(root, "a.txt")}, 3)
	var tooLarge *ErrTooLarge
	if !errors.As(err, &tooLarge) || tooLarge.Size != 5 || tooLarge.Max != 3 {
		t.Errorf("Read over the cap: %v", err)
	}
}

func TestSniff(t *testing.T) {
	tests := map[string]claimex.Format{
		"<!DOCTYPE html><html>":      claimex.FormatHTML,
		"\ufeff  <html lang=en>":     claimex.FormatHTML,
		"<!-- saved page --><html>":  claimex.FormatHTML,
		"Kazakhstan riots: 164 dead": claimex.FormatText,
		"":                           claimex.FormatText,
		"<not really> html-ish text": claimex.FormatText,
	}
	for in, want := range tests {
		if got := Sniff([]byte(in)); got != want {
			t.Errorf("Sniff(%q) = %s, want %s", in, got, want)
		}
	}
}
