package shard

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/export"
	"github.com/claimex/claimex/store"
)

// Writer writes a shard.
type Writer struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

// NewWriter starts a shard on w with its header; Record and Format are
// filled in.
func NewWriter(w io.Writer, h Header) (*Writer, error) {
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	h.Record, h.Format = RecordHeader, Format
	if err := enc.Encode(h); err != nil {
		return nil, fmt.Errorf("write shard header: %w", err)
	}
	return &Writer{bw: bw, enc: enc}, nil
}

// Document writes a document and its claims.
func (w *Writer) Document(d claimex.Document, claims []claimex.Claim) error {
	raw, err := gzipBytes(d.Raw)
	if err != nil {
		return fmt.Errorf("compress %s: %w", d.Source, err)
	}
	rec := export.NewDocumentRecord(d)
	rec.ID = 0
	// The published date as the page gave it, not as the export
	// normalises it: the import stores what ingest would have.
	rec.Published = opt(d.Published)
	line := Document{Record: RecordDocument, DocumentRecord: rec, Format: string(d.Format), ContentType: d.ContentType,
		BodyStart: d.BodyStart, FetchedAt: timeText(d.FetchedAt), RawSize: len(d.Raw), Raw: raw, Analysis: d.Analysis}
	if err := w.enc.Encode(line); err != nil {
		return fmt.Errorf("write %s: %w", d.Source, err)
	}
	for _, c := range claims {
		v := store.ClaimView{Claim: c, Source: d.Source, Published: d.Published, Title: d.Title, Status: claimex.Unreviewed}
		v.Sentence = sentence(d.Text, c)
		cr := export.NewClaimRecord(v)
		cr.ID, cr.DocumentID, cr.Run = 0, 0, 0
		line := Claim{Record: RecordClaim, ClaimRecord: cr, DocumentHash: d.Hash,
			SentenceStart: c.SentenceStart, SentenceEnd: c.SentenceEnd}
		if err := w.enc.Encode(line); err != nil {
			return fmt.Errorf("write %s: claim: %w", d.Source, err)
		}
	}
	return nil
}

// Failure writes an input that failed.
func (w *Writer) Failure(source, stage, reason string) error {
	return w.enc.Encode(Failure{Record: RecordFailure, Source: source, Stage: stage, Reason: reason})
}

// Flush writes what is buffered.
func (w *Writer) Flush() error { return w.bw.Flush() }

// sentence cuts a claim's sentence from the text, as the store does on
// reading.
func sentence(text string, c claimex.Claim) string {
	if c.Sentence != "" {
		return c.Sentence
	}
	return runeSlice(text, c.SentenceStart, c.SentenceEnd)
}

func opt(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
