package export

import (
	"strconv"
	"strings"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/store"
)

// ClaimRecord is one claim as exported. Field names are the export
// contract; fields that do not apply or are unknown are null.
type ClaimRecord struct {
	ID            int64    `json:"id"`
	Key           string   `json:"key"`
	Source        string   `json:"source"`
	DocumentID    int64    `json:"document_id"`
	Kind          string   `json:"kind"`
	Category      *string  `json:"category"`
	Value         *float64 `json:"value"`
	ValueMax      *float64 `json:"value_max"`
	Qualifier     *string  `json:"qualifier"`
	Vague         *string  `json:"vague"`
	Subject       *string  `json:"subject"`
	EntityType    *string  `json:"entity_type"`
	Canonical     *string  `json:"canonical"`
	Role          *string  `json:"role"`
	Attribution   *string  `json:"attribution"`
	Location      *string  `json:"location"`
	Text          string   `json:"text"`
	Sentence      string   `json:"sentence"`
	Start         int      `json:"start"`
	End           int      `json:"end"`
	Prefix        string   `json:"prefix"`
	Suffix        string   `json:"suffix"`
	Rule          string   `json:"rule"`
	Run           int64    `json:"run"`
	Status        string   `json:"status"`
	ReviewedValue *float64 `json:"reviewed_value"`
	Note          *string  `json:"note"`
	Published     *string  `json:"published"`
	// Beyond the contract: the review's own decision (beside a "changed"
	// status), an edit's category, who decided and when, the title.
	Decision         *string `json:"decision"`
	ReviewedCategory *string `json:"reviewed_category"`
	Reviewer         *string `json:"reviewer"`
	ReviewedAt       *string `json:"reviewed_at"`
	Title            *string `json:"title"`
}

var claimColumns = columns{
	names: []string{"id", "key", "source", "document_id", "kind", "category", "value", "value_max",
		"qualifier", "vague", "subject", "entity_type", "canonical", "role", "attribution", "location", "text", "sentence",
		"start", "end", "prefix", "suffix", "rule", "run", "status", "reviewed_value", "note", "published", "decision",
		"reviewed_category", "reviewer", "reviewed_at", "title"},
	numbers: []string{"id", "document_id", "value", "value_max", "start", "end", "run", "reviewed_value"},
}

// NewClaimRecord makes the exported form of a claim.
func NewClaimRecord(v store.ClaimView) ClaimRecord {
	c := v.Claim
	return ClaimRecord{
		ID: c.ID, Key: c.Key, Source: v.Source, DocumentID: c.DocumentID, Kind: string(c.Kind),
		Category: opt(string(c.Category)), Value: c.Value, ValueMax: c.ValueMax, Qualifier: opt(string(c.Qualifier)),
		Vague: opt(c.Vague), Subject: opt(c.Subject), EntityType: opt(c.EntityType), Canonical: opt(c.Canonical), Role: opt(c.Role),
		Attribution: opt(c.Attribution), Location: opt(c.Location), Text: c.Text, Sentence: c.Sentence,
		Start: c.Start, End: c.End, Prefix: c.Prefix, Suffix: c.Suffix, Rule: c.Rule, Run: c.RunID,
		Status: string(v.Status), ReviewedValue: v.ReviewedValue, Note: opt(v.Note), Published: opt(normalizePublished(v.Published)),
		Decision: opt(string(v.Decision)), ReviewedCategory: opt(string(v.ReviewedCategory)), Reviewer: opt(v.Reviewer),
		ReviewedAt: opt(v.ReviewedAt), Title: opt(v.Title),
	}
}

func (r ClaimRecord) row() []string {
	return []string{itoa(r.ID), r.Key, r.Source, itoa(r.DocumentID), r.Kind, str(r.Category), num(r.Value),
		num(r.ValueMax), str(r.Qualifier), str(r.Vague), str(r.Subject), str(r.EntityType), str(r.Canonical), str(r.Role),
		str(r.Attribution), str(r.Location), r.Text, r.Sentence, strconv.Itoa(r.Start), strconv.Itoa(r.End),
		r.Prefix, r.Suffix, r.Rule, itoa(r.Run), r.Status, num(r.ReviewedValue), str(r.Note), str(r.Published),
		str(r.Decision), str(r.ReviewedCategory), str(r.Reviewer), str(r.ReviewedAt), str(r.Title)}
}

// DocumentRecord is one document as exported: text is the clean text
// that claim offsets refer to.
type DocumentRecord struct {
	ID        int64   `json:"id,omitempty"` // 0 for a document not stored
	Source    string  `json:"source"`
	Hash      string  `json:"hash"`
	Title     *string `json:"title"`
	Published *string `json:"published"`
	Byline    *string `json:"byline"`
	Site      *string `json:"site"`
	URL       *string `json:"url"`
	Lang      *string `json:"lang"`
	Text      string  `json:"text"`
}

var documentColumns = columns{
	names:   []string{"id", "source", "hash", "title", "published", "byline", "site", "url", "lang", "text"},
	numbers: []string{"id"},
}

// NewDocumentRecord makes the exported form of a document.
func NewDocumentRecord(d claimex.Document) DocumentRecord {
	return DocumentRecord{ID: d.ID, Source: d.Source, Hash: d.Hash, Title: opt(d.Title), Published: opt(normalizePublished(d.Published)),
		Byline: opt(d.Byline), Site: opt(d.Site), URL: opt(d.URL), Lang: opt(d.Lang), Text: d.Text}
}

func (r DocumentRecord) row() []string {
	return []string{itoa(r.ID), r.Source, r.Hash, str(r.Title), str(r.Published), str(r.Byline), str(r.Site),
		str(r.URL), str(r.Lang), r.Text}
}

// opt maps the empty string to null.
func opt(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func num(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// EntityRecord is one entity as exported: its canonical name, type, the
// spellings the texts use and the roles they give it.
type EntityRecord struct {
	Canonical string   `json:"canonical"`
	Type      string   `json:"type"`
	Variants  []string `json:"variants"`
	Roles     []string `json:"roles"`
	Mentions  int      `json:"mentions"`
	Documents int      `json:"documents"`
}

var entityColumns = columns{
	names:   []string{"canonical", "type", "variants", "roles", "mentions", "documents"},
	numbers: []string{"mentions", "documents"},
}

// NewEntityRecord makes the exported form of an entity.
func NewEntityRecord(e store.Entity) EntityRecord {
	r := EntityRecord{Canonical: e.Canonical, Type: e.Type, Variants: e.Variants, Roles: e.Roles, Mentions: e.Mentions,
		Documents: e.Documents}
	if r.Variants == nil {
		r.Variants = []string{}
	}
	if r.Roles == nil {
		r.Roles = []string{}
	}
	return r
}

func (r EntityRecord) row() []string {
	return []string{r.Canonical, r.Type, strings.Join(r.Variants, "; "), strings.Join(r.Roles, "; "),
		strconv.Itoa(r.Mentions), strconv.Itoa(r.Documents)}
}
