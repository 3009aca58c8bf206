// Package shard is the format of the JSON Lines shards that the Beam
// pipeline (module beam/) writes and `claimex import` reads: the export
// contract's document and claim records (package export), extended with
// what a lossless import needs, so that an imported document can be
// re-extracted and re-cleaned like any other.
//
// A shard is one JSON object a line. The first line is the header
// ({"record":"shard","shard_format":1,...}: the format's version, the
// claimex that wrote it and the rules it extracted with); then, for each
// document, a "document" line followed by one "claim" line per claim of
// it; and "failure" lines for inputs that could not be read, cleaned or
// extracted. A document line is an export document record plus its
// format, Content-Type, body start, fetch time, raw bytes (gzip, in
// base64) and the models' analysis; a claim line is an export claim
// record plus its document's hash and its sentence's offsets. Database
// ids (id, document_id, run) are 0 in a shard: a database assigns its own
// on import.
package shard

import (
	"bytes"
	"compress/gzip"
	"io"
	"time"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/export"
)

// Format is the version of the shard format this package writes and
// reads. A shard of a newer format is refused, not misread.
const Format = 1

// Record types: the "record" field of every line.
const (
	RecordHeader   = "shard"
	RecordDocument = "document"
	RecordClaim    = "claim"
	RecordFailure  = "failure"
)

// Header is a shard's first line.
type Header struct {
	Record string `json:"record"`
	Format int    `json:"shard_format"`
	// Claimex is the version of the program that wrote the shard.
	Claimex string `json:"claimex"`
	// Input is the file whose documents the shard holds.
	Input string `json:"input"`
	// Rules are the rules the claims were extracted with.
	RulesName string `json:"rules_name"`
	RulesHash string `json:"rules_hash"`
	RulesText string `json:"rules_text"`
}

// Document is a document line.
type Document struct {
	Record string `json:"record"`
	export.DocumentRecord
	Format      string  `json:"format"`
	ContentType string  `json:"content_type"`
	BodyStart   int     `json:"body_start"`
	FetchedAt   *string `json:"fetched_at"`
	// RawSize is the length of the raw bytes; Raw those bytes, gzipped.
	RawSize  int    `json:"raw_size"`
	Raw      []byte `json:"raw"`
	Analysis []byte `json:"analysis"`
}

// Claim is a claim line.
type Claim struct {
	Record string `json:"record"`
	export.ClaimRecord
	DocumentHash  string `json:"document_hash"`
	SentenceStart int    `json:"sentence_start"`
	SentenceEnd   int    `json:"sentence_end"`
}

// Failure is an input that could not be read, cleaned or extracted.
type Failure struct {
	Record string `json:"record"`
	Source string `json:"source"`
	Stage  string `json:"stage"`
	Reason string `json:"reason"`
}

// Entry is a document of a shard with its claims.
type Entry struct {
	Doc    claimex.Document
	Claims []claimex.Claim
}

func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func gunzip(b []byte, max int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(io.LimitReader(zr, max+1))
}

func timeText(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339Nano)
	return &s
}
