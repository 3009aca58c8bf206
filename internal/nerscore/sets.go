package nerscore

import "path/filepath"

// Set is one of the entity corpora and how to load it.
type Set struct {
	Name string
	Load func() ([]Doc, error)
}

// Sets are the corpora scored and trained on, in their folders under
// dir (the development data's ner/): GUM's news and interviews, and
// wikigold.
func Sets(dir string) []Set {
	gum := filepath.Join(dir, "gum")
	return []Set{
		{"gum-news", func() ([]Doc, error) { return LoadGUM(gum, "news") }},
		{"gum-interview", func() ([]Doc, error) { return LoadGUM(gum, "interview") }},
		{"wikigold", func() ([]Doc, error) { return LoadWikigold(filepath.Join(dir, "wikigold", "wikigold.conll.txt")) }},
	}
}
