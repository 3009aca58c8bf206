package corpus

import (
	"strings"
	"testing"
)

func TestReadURLs(t *testing.T) {
	list := "\ufeff# wires from January\nhttps://a.example/1\n\n  http://b.example/2?x=1  seen on radio\nhttps://a.example/1\nftp://c.example/3\nb.example/4\nhttps:///nohost\n"
	urls, problems, err := ReadURLs(strings.NewReader(list), "list.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"https://a.example/1", "http://b.example/2?x=1"}
	if strings.Join(urls, " ") != strings.Join(want, " ") {
		t.Errorf("urls = %v, want %v", urls, want)
	}
	var lines []string
	for _, p := range problems {
		lines = append(lines, p.Error())
	}
	got := strings.Join(lines, "\n")
	for _, w := range []string{"list.txt:6:", "list.txt:7:", "list.txt:8:"} {
		if !strings.Contains(got, w) {
			t.Errorf("problems do not name %s:\n%s", w, got)
		}
	}
	if len(problems) != 3 {
		t.Errorf("%d problems, want 3:\n%s", len(problems), got)
	}
}

func TestWalkPassesURLs(t *testing.T) {
	root := tree(t, map[string]string{"a.txt": "a"})
	items, tally, problems := walkAll(t, "https://news.example/x", root, "http://news.example/y")
	if len(items) != 3 || items[0].URL != "https://news.example/x" || items[1].Path == "" || items[2].Source() != "http://news.example/y" {
		t.Errorf("items = %+v", items)
	}
	if tally.Found != 3 || len(problems) != 0 {
		t.Errorf("tally %+v, problems %v", tally, problems)
	}
}
