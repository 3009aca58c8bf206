package corpus_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimex/claimex/corpus"
	"github.com/claimex/claimex/internal/warctest"
)

var warcDate = time.Date(2024, 3, 1, 12, 30, 0, 0, time.UTC)

func page(n int) []byte {
	return []byte(fmt.Sprintf("<!DOCTYPE html><html><head><title>Page %d</title></head><body><p>Text of page %d.</p></body></html>", n, n))
}

func resp(n int) warctest.Record {
	return warctest.Response(fmt.Sprintf("https://news.example/%d", n), warcDate.Add(time.Duration(n)*time.Minute), page(n))
}

// layout writes records as a file and returns it with each record's
// offset in it.
func layout(records []warctest.Record, gz bool) ([]byte, []int) {
	var b bytes.Buffer
	var offs []int
	for _, r := range records {
		offs = append(offs, b.Len())
		if gz {
			b.Write(warctest.Gzip(r.Bytes()))
		} else {
			b.Write(r.Bytes())
		}
	}
	return b.Bytes(), offs
}

// read reads a file and describes what came of it: "page URI" for a page,
// "bad LOCATION: REASON" for a bad record.
func read(t *testing.T, file []byte, max int64) ([]string, corpus.WARCTally) {
	t.Helper()
	var got []string
	tally, err := corpus.ReadWARC(context.Background(), bytes.NewReader(file), "a.warc.gz", max, func(p corpus.Page) error {
		if p.Err != nil {
			got = append(got, fmt.Sprintf("bad %s: %v", p.Location, p.Err))
		} else {
			got = append(got, "page "+p.Input.Source)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("ReadWARC: %v", err)
	}
	return got, tally
}

func TestReadWARCPages(t *testing.T) {
	image := warctest.Record{URI: "https://news.example/logo.png", Block: warctest.HTTP("image/png", []byte("\x89PNG...")), Digest: true}
	missing := warctest.Record{URI: "https://news.example/gone", Block: []byte("HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\nnot found")}
	request := warctest.Record{Type: "request", URI: "https://news.example/1", Block: []byte("GET /1 HTTP/1.1\r\nHost: news.example\r\n\r\n")}
	info := warctest.Record{Type: "warcinfo", BlockType: "application/warc-fields", Block: []byte("software: test\r\n")}
	old := resp(3)
	old.Version = "1.0"
	records := []warctest.Record{info, request, resp(1), image, missing, resp(2), old}
	want := []string{"page https://news.example/1", "page https://news.example/2", "page https://news.example/3"}
	for _, gz := range []bool{true, false} {
		t.Run(fmt.Sprintf("gzip=%v", gz), func(t *testing.T) {
			file, _ := layout(records, gz)
			got, tally := read(t, file, 0)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			wantTally := corpus.WARCTally{Archives: 1, Records: 7, Pages: 3, Other: 2, NotHTML: 2}
			if tally != wantTally {
				t.Errorf("tally %+v, want %+v", tally, wantTally)
			}
		})
	}
	t.Run("gzip whole", func(t *testing.T) {
		file, _ := layout(records, false)
		got, _ := read(t, warctest.Gzip(file), 0)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

// TestReadWARCInput checks what a page carries: its payload as the
// server meant it (de-chunked, content-decoded) identified by its
// SHA-256, the WARC-Date, the response's Content-Type.
func TestReadWARCInput(t *testing.T) {
	body := page(7)
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	plain := warctest.HTTP("text/html; charset=windows-1252", body)
	chunked := warctest.HTTP("text/html; charset=windows-1252", warctest.Chunk(body, 17), "Transfer-Encoding: chunked")
	gzipped := warctest.HTTP("text/html; charset=windows-1252", warctest.Gzip(body), "Content-Encoding: gzip")
	both := warctest.HTTP("text/html; charset=windows-1252", warctest.Chunk(warctest.Gzip(body), 5),
		"Content-Encoding: gzip", "Transfer-Encoding: chunked")
	for name, block := range map[string][]byte{"plain": plain, "chunked": chunked, "gzip": gzipped, "chunked gzip": both} {
		t.Run(name, func(t *testing.T) {
			rec := warctest.Record{URI: "https://news.example/7", Date: warcDate, Block: block, Digest: true}
			var pages []corpus.Page
			_, err := corpus.ReadWARC(context.Background(), bytes.NewReader(warctest.File([]warctest.Record{rec}, true)), "x.warc.gz", 0,
				func(p corpus.Page) error { pages = append(pages, p); return nil })
			if err != nil || len(pages) != 1 {
				t.Fatalf("got %d pages, %v", len(pages), err)
			}
			p := pages[0]
			if p.Err != nil {
				t.Fatalf("bad record: %v", p.Err)
			}
			in := p.Input
			if in.Hash != hash || !bytes.Equal(in.Bytes, body) {
				t.Errorf("hash %s, want %s (the payload's own); bytes %q", in.Hash, hash, in.Bytes)
			}
			if !in.FetchedAt.Equal(warcDate) || in.ContentType != "text/html; charset=windows-1252" || in.Format != "html" ||
				in.Source != "https://news.example/7" || p.Location != "x.warc.gz#0" {
				t.Errorf("got %+v at %s", in, p.Location)
			}
		})
	}
}

// TestReadWARCBadRecords feeds records whose bytes are not what their
// headers say: each is a bad record at its own offset, and the records
// after it are still read. A Content-Length that is too short must never
// give a page cut short.
func TestReadWARCBadRecords(t *testing.T) {
	short := resp(2)
	short.ContentLength = len(short.Block) - 40
	shortNoDigest := short
	shortNoDigest.Digest = false
	long := resp(2)
	long.ContentLength = len(long.Block) + 40
	longNoDigest := long
	longNoDigest.Digest = false
	wrongDigest := resp(2)
	wrongDigest.WrongDigest = true
	cutHTTP := resp(2)
	cutHTTP.Block = warctest.HTTP("text/html", page(2))
	cutHTTP.Block = bytes.Replace(cutHTTP.Block, []byte(fmt.Sprintf("Content-Length: %d", len(page(2)))),
		[]byte(fmt.Sprintf("Content-Length: %d", len(page(2))+500)), 1)
	noHeaderEnd := resp(2)
	noHeaderEnd.Block = []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
	for _, c := range []struct {
		name   string
		bad    warctest.Record
		gzip   []bool
		reason string
	}{
		{"content length short", short, []bool{true, false}, "bad WARC record"},
		{"content length short, no digest", shortNoDigest, []bool{true, false}, "Content-Length is wrong"},
		{"content length long", long, []bool{true, false}, "bad WARC record"},
		{"content length long, no digest", longNoDigest, []bool{true, false}, "bad WARC record"},
		{"wrong block digest", wrongDigest, []bool{true, false}, "wrong digest"},
		{"HTTP body cut short", cutHTTP, []bool{true, false}, "the record is cut short"},
		{"no end of HTTP headers", noHeaderEnd, []bool{true, false}, "end of http headers"},
	} {
		for _, gz := range c.gzip {
			t.Run(fmt.Sprintf("%s/gzip=%v", c.name, gz), func(t *testing.T) {
				file, offs := layout([]warctest.Record{resp(1), c.bad, resp(3), resp(4)}, gz)
				got, tally := read(t, file, 0)
				want := []string{"page https://news.example/1", fmt.Sprintf("bad a.warc.gz#%d: ", offs[1]),
					"page https://news.example/3", "page https://news.example/4"}
				pages := 3
				if c.bad.ContentLength > len(c.bad.Block) && !gz {
					// Uncompressed, a length too long takes the next
					// record in: it is lost with the bad one.
					want = slices.Delete(want, 2, 3)
					pages = 2
				}
				if len(got) != len(want) {
					t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
				for i := range want {
					if !strings.HasPrefix(got[i], want[i]) {
						t.Errorf("%d: got %q, want %q...", i, got[i], want[i])
					}
				}
				if !strings.Contains(got[1], c.reason) {
					t.Errorf("reason %q does not say %q", got[1], c.reason)
				}
				if tally.Bad != 1 || tally.Pages != pages {
					t.Errorf("tally %+v", tally)
				}
			})
		}
	}
}

// TestReadWARCDamage: damage to the file itself (not a WARC, a gzip
// member whose bytes are damaged, a file cut short) is a bad record where
// it starts, and what comes after is still read.
func TestReadWARCDamage(t *testing.T) {
	gzFile, offs := layout([]warctest.Record{resp(1), resp(2), resp(3)}, true)
	flipped := bytes.Clone(gzFile)
	flipped[offs[1]+30] ^= 0xff
	cut := gzFile[:offs[2]+40]
	junk := append([]byte("this is no archive\n"), gzFile...)
	for _, c := range []struct {
		name string
		file []byte
		want []string
	}{
		{"damaged member", flipped, []string{"page https://news.example/1", fmt.Sprintf("bad a.warc.gz#%d: ", offs[1]), "page https://news.example/3"}},
		{"cut short", cut, []string{"page https://news.example/1", "page https://news.example/2", fmt.Sprintf("bad a.warc.gz#%d: ", offs[2])}},
		{"junk first", junk, []string{"bad a.warc.gz#0: bad WARC record: no WARC record starts here", "page https://news.example/1",
			"page https://news.example/2", "page https://news.example/3"}},
		{"no archive", []byte("<html><p>hello</p></html>"), []string{"bad a.warc.gz#0: bad WARC record: no WARC record starts here"}},
		{"empty", nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, _ := read(t, c.file, 0)
			if len(got) != len(c.want) {
				t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			for i := range c.want {
				if !strings.HasPrefix(got[i], c.want[i]) {
					t.Errorf("%d: got %q, want %q...", i, got[i], c.want[i])
				}
			}
		})
	}
}

func TestReadWARCLimit(t *testing.T) {
	file, offs := layout([]warctest.Record{resp(1), resp(2)}, true)
	got, _ := read(t, file, int64(len(page(1))-1))
	want := []string{fmt.Sprintf("bad a.warc.gz#%d: payload is over", offs[0]), fmt.Sprintf("bad a.warc.gz#%d: payload is over", offs[1])}
	if len(got) != 2 || !strings.HasPrefix(got[0], want[0]) || !strings.HasPrefix(got[1], want[1]) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestReadWARCConcurrently reads archives from several goroutines at
// once, as the ingest's and the Beam pipeline's workers do. Under -race
// it fails if making readers is not serialised (gowarc writes a global of
// github.com/google/uuid when it makes one).
func TestReadWARCConcurrently(t *testing.T) {
	file, _ := layout([]warctest.Record{resp(1), resp(2)}, true)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := 0
			_, err := corpus.ReadWARC(context.Background(), bytes.NewReader(file), "a.warc.gz", 0, func(p corpus.Page) error {
				if p.Err != nil {
					return p.Err
				}
				n++
				return nil
			})
			if err == nil && n != 2 {
				err = fmt.Errorf("%d pages, want 2", n)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestIsWARC(t *testing.T) {
	for name, want := range map[string]bool{
		"crawl.warc.gz": true, "CRAWL.WARC": true, "dir/x.warc": true, "https://data.example/c/x.warc.gz": true,
		"https://data.example/x.warc.gz?sig=1": true, "x.html": false, "x.warc.gz.txt": false, "https://x.example/warc": false,
	} {
		if got := corpus.IsWARC(name); got != want {
			t.Errorf("IsWARC(%q) = %v, want %v", name, got, want)
		}
	}
}

// FuzzReadWARC: whatever the bytes, reading ends, without a panic, and
// every record it counts is a page, a skipped record or a bad one.
func FuzzReadWARC(f *testing.F) {
	good, _ := layout([]warctest.Record{resp(1), resp(2)}, true)
	plain, _ := layout([]warctest.Record{resp(1), resp(2)}, false)
	f.Add(good)
	f.Add(plain)
	f.Add(good[:len(good)/2])
	f.Add([]byte("WARC/1.1\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		pages, bad := 0, 0
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		tally, err := corpus.ReadWARC(ctx, bytes.NewReader(b), "f.warc", 1<<20, func(p corpus.Page) error {
			if p.Err != nil {
				bad++
			} else {
				pages++
			}
			return nil
		})
		if err != nil {
			t.Fatalf("ReadWARC: %v", err)
		}
		if tally.Pages != pages || tally.Bad != bad || tally.Records != tally.Pages+tally.Bad+tally.Other+tally.NotHTML {
			t.Errorf("tally %+v, %d pages and %d bad sent", tally, pages, bad)
		}
	})
}
