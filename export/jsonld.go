package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// jsonldContext maps the terms used to schema.org, and oa: to the W3C Web
// Annotation vocabulary, whose TextQuoteSelector anchors a claim in its
// article.
var jsonldContext = map[string]any{
	"@vocab": "https://schema.org/",
	"oa":     "http://www.w3.org/ns/oa#",
}

// jsonldEncoder writes one JSON-LD document whose @graph holds a node per
// record: a schema.org Claim per claim (with a ClaimReview when a reviewer
// gave a verdict), a NewsArticle per document, a Person, Organization or
// Place per entity.
type jsonldEncoder struct {
	bw *bufio.Writer
	n  int
}

func newJSONLDEncoder(w io.Writer) (*jsonldEncoder, error) {
	e := &jsonldEncoder{bw: bufio.NewWriter(w)}
	ctx, err := marshal(jsonldContext)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(e.bw, "{\n\"@context\": %s,\n\"@graph\": [", ctx)
	return e, nil
}

func (e *jsonldEncoder) encode(rec any) error {
	var nodes []map[string]any
	switch r := rec.(type) {
	case ClaimRecord:
		nodes = claimNodes(r)
	case DocumentRecord:
		nodes = []map[string]any{documentNode(r)}
	case EntityRecord:
		nodes = []map[string]any{entityNode(r)}
	default:
		return fmt.Errorf("jsonld: cannot encode %T", rec)
	}
	for _, node := range nodes {
		b, err := marshal(node)
		if err != nil {
			return err
		}
		if e.n > 0 {
			e.bw.WriteString(",")
		}
		e.n++
		e.bw.WriteString("\n")
		e.bw.Write(b)
	}
	return nil
}

func (e *jsonldEncoder) close() error {
	e.bw.WriteString("\n]\n}\n")
	return e.bw.Flush()
}

// claimID names a claim by its key, which survives re-extraction.
func claimID(key string) string { return "urn:claimex:claim:" + key }

func claimNodes(r ClaimRecord) []map[string]any {
	appearance := map[string]any{
		"@type":      "NewsArticle",
		"identifier": r.Source,
		"oa:hasSelector": map[string]any{
			"@type":     "oa:TextQuoteSelector",
			"oa:exact":  r.Text,
			"oa:prefix": r.Prefix,
			"oa:suffix": r.Suffix,
		},
	}
	if isURL(r.Source) {
		appearance["url"] = r.Source
	}
	setOpt(appearance, "headline", r.Title)
	setOpt(appearance, "datePublished", r.Published)
	claim := map[string]any{
		"@type":      "Claim",
		"@id":        claimID(r.Key),
		"identifier": r.Key,
		"name":       r.Text,
		"text":       r.Sentence,
		"appearance": appearance,
	}
	if r.Attribution != nil {
		claim["author"] = map[string]any{"name": *r.Attribution}
	}
	if r.Location != nil {
		claim["spatialCoverage"] = map[string]any{"@type": "Place", "name": *r.Location}
	}
	if r.Kind == "count" {
		about := map[string]any{"@type": "QuantitativeValue", "name": str(r.Category)}
		if r.Value != nil {
			about["value"] = *r.Value
		}
		if r.ValueMax != nil {
			about["minValue"], about["maxValue"] = *r.Value, *r.ValueMax
			delete(about, "value")
		}
		setOpt(about, "unitText", r.Subject)
		setOpt(about, "description", r.Vague)
		claim["about"] = about
		claim["keywords"] = str(r.Category)
	} else {
		claim["about"] = map[string]any{"@type": entityType(str(r.EntityType)), "name": str(r.Canonical)}
	}
	nodes := []map[string]any{claim}
	if r.Decision == nil || r.Status == "changed" {
		return nodes
	}
	verdict := *r.Decision
	body := str(r.Note)
	if verdict == "edited" {
		verdict = "corrected"
		var fix []string
		if r.ReviewedCategory != nil && str(r.ReviewedCategory) != str(r.Category) {
			fix = append(fix, "category "+str(r.ReviewedCategory))
		}
		if r.ReviewedValue != nil {
			fix = append(fix, "value "+num(r.ReviewedValue))
		}
		if len(fix) > 0 {
			body = strings.TrimSpace("Corrected to " + strings.Join(fix, ", ") + ". " + body)
		}
	}
	review := map[string]any{
		"@type":         "ClaimReview",
		"itemReviewed":  map[string]any{"@id": claimID(r.Key)},
		"claimReviewed": r.Text,
		"reviewRating":  map[string]any{"@type": "Rating", "alternateName": verdict},
	}
	if r.Reviewer != nil {
		review["author"] = map[string]any{"@type": "Person", "name": *r.Reviewer}
	}
	setOpt(review, "datePublished", r.ReviewedAt)
	if body != "" {
		review["reviewBody"] = body
	}
	return append(nodes, review)
}

func documentNode(r DocumentRecord) map[string]any {
	n := map[string]any{"@type": "NewsArticle", "identifier": r.Source, "sha256": r.Hash, "text": r.Text}
	if r.ID != 0 {
		n["@id"] = fmt.Sprintf("urn:claimex:document:%d", r.ID)
	}
	if isURL(r.Source) {
		n["url"] = r.Source
	}
	setOpt(n, "headline", r.Title)
	setOpt(n, "datePublished", r.Published)
	setOpt(n, "inLanguage", r.Lang)
	if r.URL != nil {
		n["mainEntityOfPage"] = *r.URL
	}
	if r.Byline != nil {
		n["author"] = map[string]any{"name": *r.Byline}
	}
	if r.Site != nil {
		n["publisher"] = map[string]any{"@type": "Organization", "name": *r.Site}
	}
	return n
}

func entityNode(r EntityRecord) map[string]any {
	n := map[string]any{"@type": entityType(r.Type), "name": r.Canonical}
	var alt []string
	for _, v := range r.Variants {
		if v != r.Canonical {
			alt = append(alt, v)
		}
	}
	if len(alt) > 0 {
		n["alternateName"] = alt
	}
	if len(r.Roles) > 0 {
		n["description"] = strings.Join(r.Roles, "; ")
	}
	return n
}

// entityType is the schema.org type of an entity type.
func entityType(t string) string {
	switch t {
	case "PERSON":
		return "Person"
	case "ORG":
		return "Organization"
	case "GPE", "LOC":
		return "Place"
	}
	return "Thing"
}

func setOpt(m map[string]any, key string, v *string) {
	if v != nil && *v != "" {
		m[key] = *v
	}
}

func isURL(s string) bool { return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") }
