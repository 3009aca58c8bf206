package corpus

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/claimex/claimex"
	"github.com/nlnwa/gowarc/v3"
)

// Web archives (WARC 1.0 and 1.1, ISO 28500), compressed per record
// (.warc.gz), as a whole, or not at all (.warc). Each HTML response
// record is a page whose identity is the SHA-256 of its HTTP payload,
// de-chunked and content-decoded but not charset-decoded: the bytes a
// browser would have saved, so that a page read from an archive and the
// same page saved as a file are one document.
//
// gowarc parses records; the framing around them is checked here, since
// its default spec-violation policy (ErrWarn, kept) does not notice a
// Content-Length that ends a record early: the rest of the record would
// be dropped in silence. A record is bad when what follows it is not the
// next record or the end of its gzip member, when its length, block
// digest or end-of-record marker are wrong, or when its HTTP body is
// shorter than the Content-Length its headers give. A bad record is a
// Page with Err set, and reading goes on with the next record found.

// IsWARC reports whether a file name or URL names a web archive: it
// ends in .warc or .warc.gz (a URL's path does).
func IsWARC(name string) bool {
	if IsURL(name) {
		if u, err := url.Parse(name); err == nil {
			name = u.Path
		}
	}
	name = strings.ToLower(name)
	return strings.HasSuffix(name, ".warc") || strings.HasSuffix(name, ".warc.gz")
}

// WARCTally counts what reading web archives found.
type WARCTally struct {
	// Archives is the number of web archives read; Records the records
	// in them; Pages the HTML pages sent on.
	Archives, Records, Pages int
	// Other is the number of records that hold no page (requests,
	// metadata, warcinfo, revisits, resources); NotHTML the responses
	// that are no HTML page (another type, or a status other than 2xx).
	Other, NotHTML int
	// Bad is the number of records that could not be read.
	Bad int
}

// Add adds another tally's counts to t.
func (t *WARCTally) Add(o WARCTally) {
	t.Archives += o.Archives
	t.Records += o.Records
	t.Pages += o.Pages
	t.Other += o.Other
	t.NotHTML += o.NotHTML
	t.Bad += o.Bad
}

// Page is one HTML page of a web archive, or one of its records that
// could not be read.
type Page struct {
	// Input is the page: Source its WARC-Target-URI, FetchedAt its
	// WARC-Date, ContentType the Content-Type of its HTTP response.
	Input claimex.Input
	// Location is where the record starts: FILE#OFFSET, the offset of its
	// gzip member in a file compressed per record (FILE#OFFSET+N for the
	// Nth byte inside a member holding several records).
	Location string
	// Err, when set, says why the record could not be read; Input is
	// then empty.
	Err error
}

// ErrBadRecord is the error of every bad record, for errors.Is.
var ErrBadRecord = errors.New("bad WARC record")

// readerMu serialises making gowarc unmarshalers: making one writes a
// global of github.com/google/uuid (EnableRandPool), a data race when two
// goroutines make theirs at once.
var readerMu sync.Mutex

func newUnmarshaler() gowarc.Unmarshaler {
	readerMu.Lock()
	defer readerMu.Unlock()
	// HTTP headers that cannot be parsed are a finding (see damage), not
	// a response with no headers.
	return gowarc.NewUnmarshaler(gowarc.WithBlockErrorPolicy(gowarc.ErrWarn))
}

var (
	gzipMagic = []byte{0x1f, 0x8b, 0x08}
	warcMagic = []byte("WARC/")
)

// ReadWARC reads the web archive r, named name, and calls fn for every
// HTML page and every bad record in it, in order. A page's payload is
// capped at max bytes (0: DefaultMaxBytes). It returns what it counted,
// and an error only when reading r failed, ctx ended or fn returned one.
func ReadWARC(ctx context.Context, r io.Reader, name string, max int64, fn func(Page) error) (WARCTally, error) {
	if max <= 0 {
		max = DefaultMaxBytes
	}
	cr := &countingReader{r: r}
	a := &archive{ctx: ctx, name: name, max: max, fn: fn, u: newUnmarshaler(), cr: cr,
		br: bufio.NewReaderSize(cr, 1<<20)}
	a.tally.Archives = 1
	err := a.read()
	return a.tally, err
}

// ReadWARCFile reads the web archive at path as ReadWARC does, naming it
// name in locations. Anything but a regular file is refused, as Read
// refuses it.
func ReadWARCFile(ctx context.Context, path, name string, max int64, fn func(Page) error) (WARCTally, error) {
	f, _, err := openRegular(path)
	if err != nil {
		return WARCTally{}, err
	}
	defer f.Close()
	return ReadWARC(ctx, f, name, max, fn)
}

type archive struct {
	ctx   context.Context
	name  string
	max   int64
	fn    func(Page) error
	u     gowarc.Unmarshaler
	cr    *countingReader
	br    *bufio.Reader
	zr    *gzip.Reader
	tally WARCTally
	// resync is set while the bytes at hand are not known to start a
	// record: after damage, until a record is read whole or a gzip member
	// ends as it should. Candidates met on the way that fail belong to the
	// damage already reported, and are passed over in silence.
	resync bool
}

// pos is the offset in the file of the next byte br gives.
func (a *archive) pos() int64 { return a.cr.n - int64(a.br.Buffered()) }

func (a *archive) read() error {
	for {
		if err := a.ctx.Err(); err != nil {
			return err
		}
		if _, err := skipBlankLines(a.br); err != nil {
			return a.ioErr(err)
		}
		head, err := a.br.Peek(len(warcMagic))
		if len(head) == 0 {
			return a.ioErr(err)
		}
		start := a.pos()
		loc := fmt.Sprintf("%s#%d", a.name, start)
		switch {
		case bytes.HasPrefix(head, gzipMagic):
			err = a.member(start, loc)
		case bytes.HasPrefix(head, warcMagic):
			err = a.record(a.br, loc, true)
		default:
			silent := a.resync
			a.br.Discard(1)
			err = a.skipToRecord(a.br, true)
			if !silent {
				err = errors.Join(a.bad(loc, fmt.Errorf("%w: no WARC record starts here", ErrBadRecord)), err)
			}
		}
		if err != nil {
			return err
		}
	}
}

// member reads one gzip member: one record in a file compressed per
// record, or every record of a file compressed whole.
func (a *archive) member(start int64, loc string) error {
	var err error
	if a.zr == nil {
		a.zr, err = gzip.NewReader(a.br)
	} else {
		err = a.zr.Reset(a.br)
	}
	if err != nil {
		return a.gzipFailed(loc, start, err)
	}
	a.zr.Multistream(false)
	in := &countingReader{r: a.zr}
	mb := bufio.NewReaderSize(in, 64<<10)
	for {
		if _, err := skipBlankLines(mb); err != nil {
			return a.gzipFailed(loc, start, err)
		}
		head, err := mb.Peek(len(warcMagic))
		if len(head) == 0 {
			if err != io.EOF {
				return a.gzipFailed(loc, start, err)
			}
			// The member ended whole, checksum and all: the next begins
			// where it ends.
			a.resync = false
			return nil
		}
		at := loc
		if off := in.n - int64(mb.Buffered()); off > 0 {
			at = fmt.Sprintf("%s+%d", loc, off)
		}
		if bytes.HasPrefix(head, warcMagic) {
			err = a.record(mb, at, false)
		} else {
			silent := a.resync
			err = a.skipToRecord(mb, false)
			if !silent && err == nil {
				err = a.bad(at, fmt.Errorf("%w: no WARC record starts here", ErrBadRecord))
			}
		}
		var ge gzipError
		if errors.As(err, &ge) {
			return a.gzipFailed(loc, start, ge.err)
		}
		if err != nil {
			return err
		}
	}
}

// gzipError is a gzip member whose data is damaged.
type gzipError struct{ err error }

func (e gzipError) Error() string { return "gzip: " + e.err.Error() }

// gzipFailed reports a member that cannot be decompressed (unless it was
// a candidate met while looking for the next record) and looks for the
// next member.
func (a *archive) gzipFailed(loc string, start int64, err error) error {
	if !isDataError(err) {
		return a.ioErr(err)
	}
	silent := a.resync
	if a.pos() <= start {
		a.br.Discard(1)
	}
	serr := a.skipToRecord(a.br, true)
	if silent {
		return serr
	}
	return errors.Join(a.bad(loc, fmt.Errorf("%w: %v", ErrBadRecord, gzipError{err})), serr)
}

// record reads the record at the head of r (the file itself when top is
// set, else a gzip member's content) and, when it is a page, sends it on.
// A record that does not end where the next one or the end of r begins
// is bad, and r is moved to the next place a record may start.
func (a *archive) record(r *bufio.Reader, loc string, top bool) error {
	rec, _, validation, err := a.u.Unmarshal(r)
	if rec != nil {
		defer rec.Close()
	}
	if err == nil {
		err = framing(r, top)
	}
	if err != nil {
		silent := a.resync
		if serr := a.skipToRecord(r, top); serr != nil {
			return serr
		}
		if silent {
			return nil
		}
		if !errors.Is(err, ErrBadRecord) {
			err = fmt.Errorf("%w: %v", ErrBadRecord, err)
		}
		return a.bad(loc, err)
	}
	a.resync = false
	if err := damage(validation); err != nil {
		return a.bad(loc, err)
	}
	a.tally.Records++
	page, skip, err := a.page(rec, loc)
	switch {
	case err != nil:
		a.tally.Records--
		return a.bad(loc, err)
	case skip != nil:
		*skip++
		return nil
	}
	a.tally.Pages++
	return a.fn(page)
}

// skipToRecord moves r to the next place a record may start: the WARC
// magic, or in the file itself also a gzip member; or to its end.
func (a *archive) skipToRecord(r *bufio.Reader, top bool) error {
	a.resync = true
	magics := [][]byte{warcMagic}
	if top {
		magics = append(magics, gzipMagic)
	}
	fail := func(err error) error {
		if err == io.EOF {
			return nil
		}
		if top {
			return a.ioErr(err)
		}
		return gzipError{err}
	}
	for {
		if err := a.ctx.Err(); err != nil {
			return err
		}
		buf, err := r.Peek(r.Size())
		if len(buf) == 0 {
			return fail(err)
		}
		at := -1
		for _, m := range magics {
			if i := bytes.Index(buf, m); i >= 0 && (at < 0 || i < at) {
				at = i
			}
		}
		if at >= 0 {
			r.Discard(at)
			return nil
		}
		// Keep the last bytes: a magic may straddle two reads.
		keep := min(len(warcMagic)-1, len(buf))
		if err != nil {
			keep = 0
		}
		r.Discard(len(buf) - keep)
		if err != nil {
			return fail(err)
		}
	}
}

// page turns a good record into a page, or says which count it goes to
// when it holds none.
func (a *archive) page(rec gowarc.WarcRecord, loc string) (Page, *int, error) {
	if rec.Type() != gowarc.Response {
		return Page{}, &a.tally.Other, nil
	}
	block, ok := rec.Block().(gowarc.HttpResponseBlock)
	if !ok {
		return Page{}, &a.tally.Other, nil
	}
	if code := block.HttpStatusCode(); code < 200 || code > 299 {
		return Page{}, &a.tally.NotHTML, nil
	}
	// The headers as archived: net/http's own reading of them moves
	// Transfer-Encoding out of the header.
	h, err := httpHeader(block.ProtocolHeaderBytes())
	if err != nil {
		return Page{}, nil, fmt.Errorf("%w: HTTP headers: %v", ErrBadRecord, err)
	}
	ct := h.Get("Content-Type")
	if !isHTMLType(ct) {
		return Page{}, &a.tally.NotHTML, nil
	}
	raw, err := block.PayloadBytes()
	if err != nil {
		return Page{}, nil, fmt.Errorf("%w: payload: %v", ErrBadRecord, err)
	}
	body, err := httpBody(raw, h, a.max)
	if err != nil {
		return Page{}, nil, err
	}
	if len(body) == 0 {
		return Page{}, nil, fmt.Errorf("%w: empty payload", ErrBadRecord)
	}
	if ct == "" && Sniff(body) != claimex.FormatHTML {
		return Page{}, &a.tally.NotHTML, nil
	}
	source := rec.WarcHeader().Get(gowarc.WarcTargetURI)
	if source == "" {
		source = loc
	}
	in := FromBytes(source, claimex.FormatHTML, body)
	in.ContentType = ct
	if t, err := rec.Date(); err == nil {
		in.FetchedAt = t
	}
	return Page{Input: in, Location: loc}, nil, nil
}

// httpHeader reads the header fields of an archived HTTP response.
func httpHeader(b []byte) (http.Header, error) {
	tr := textproto.NewReader(bufio.NewReader(bytes.NewReader(b)))
	if _, err := tr.ReadLine(); err != nil { // the status line
		return nil, err
	}
	h, err := tr.ReadMIMEHeader()
	if err != nil && err != io.EOF {
		return nil, err
	}
	return http.Header(h), nil
}

// isHTMLType reports whether a Content-Type is an HTML page's, or says
// nothing (the payload is sniffed then).
func isHTMLType(ct string) bool {
	if strings.TrimSpace(ct) == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && (mt == "text/html" || mt == "application/xhtml+xml")
}

// httpBody reads an HTTP payload as the server meant it: de-chunked and
// content-decoded, at most max bytes. A body shorter than its
// Content-Length, or whose chunks or compression end early, is a bad
// record: the archive holds part of the page only.
func httpBody(raw io.Reader, h http.Header, max int64) ([]byte, error) {
	counted := &countingReader{r: raw}
	var r io.Reader = counted
	chunked := false
	for _, te := range h.Values("Transfer-Encoding") {
		for _, v := range strings.Split(te, ",") {
			switch v = strings.ToLower(strings.TrimSpace(v)); v {
			case "", "identity":
			case "chunked":
				chunked = true
			default:
				return nil, fmt.Errorf("%w: transfer encoding %q is not supported", ErrBadRecord, v)
			}
		}
	}
	if chunked {
		r = httputil.NewChunkedReader(r)
	}
	var closers []io.Closer
	defer func() {
		for _, c := range closers {
			c.Close()
		}
	}()
	encodings := strings.Split(strings.Join(h.Values("Content-Encoding"), ","), ",")
	for i := len(encodings) - 1; i >= 0; i-- { // the last applied is undone first
		switch e := strings.ToLower(strings.TrimSpace(encodings[i])); e {
		case "", "identity":
		case "gzip", "x-gzip":
			zr, err := gzip.NewReader(r)
			if err != nil {
				return nil, fmt.Errorf("%w: gzip content encoding: %v", ErrBadRecord, err)
			}
			closers = append(closers, zr)
			r = zr
		case "deflate":
			fr := flate.NewReader(r)
			closers = append(closers, fr)
			r = fr
		default:
			return nil, fmt.Errorf("%w: content encoding %q is not supported", ErrBadRecord, e)
		}
	}
	body, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("%w: HTTP body: %v", ErrBadRecord, err)
	}
	if int64(len(body)) > max {
		return nil, fmt.Errorf("payload is over the %s limit", Size(max))
	}
	if !chunked {
		if cl, err := strconv.ParseInt(strings.TrimSpace(h.Get("Content-Length")), 10, 64); err == nil && h.Get("Content-Length") != "" {
			io.Copy(io.Discard, counted)
			if counted.n < cl {
				return nil, fmt.Errorf("%w: the HTTP body is %d bytes, its Content-Length says %d: the record is cut short",
					ErrBadRecord, counted.n, cl)
			}
		}
	}
	return body, nil
}

// framing checks that a record just read ends where the next one, or
// the end of its gzip member, begins: else its Content-Length is wrong
// and gowarc read too little or too much of it.
func framing(r *bufio.Reader, top bool) error {
	if _, err := skipBlankLines(r); err != nil {
		return err
	}
	head, err := r.Peek(len(warcMagic))
	if len(head) == 0 {
		if err == io.EOF {
			return nil
		}
		return err
	}
	if bytes.HasPrefix(head, warcMagic) || (top && bytes.HasPrefix(head, gzipMagic)) {
		return nil
	}
	return fmt.Errorf("%w: bytes follow the record where the next should begin: its Content-Length is wrong", ErrBadRecord)
}

// damage returns the first of gowarc's findings that says the record's
// bytes are not what its headers say (a wrong length or block digest, a
// missing end of record or of HTTP headers); other findings (an unusual
// header field) leave the record good.
func damage(validation []error) error {
	for _, v := range validation {
		var cl *gowarc.ContentLengthError
		var de *gowarc.DigestError
		msg := v.Error()
		switch {
		case errors.As(v, &cl),
			errors.As(v, &de) && !strings.HasPrefix(msg, "payload:"),
			strings.Contains(msg, "end of record"),
			strings.Contains(msg, "end of http headers"),
			strings.HasPrefix(msg, "error in http response block"):
			return fmt.Errorf("%w: %v", ErrBadRecord, v)
		}
	}
	return nil
}

// isDataError reports whether err says compressed data is damaged, rather
// than that reading the file failed.
func isDataError(err error) bool {
	var ce flate.CorruptInputError
	return errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.As(err, &ce)
}

// skipBlankLines discards CR and LF bytes: some writers leave more than
// the two line ends a record closes with.
func skipBlankLines(r *bufio.Reader) (int, error) {
	n := 0
	for {
		b, err := r.Peek(1)
		if len(b) == 0 {
			if err == io.EOF {
				return n, nil
			}
			return n, err
		}
		if b[0] != '\r' && b[0] != '\n' {
			return n, nil
		}
		r.Discard(1)
		n++
	}
}

// bad reports a record that could not be read.
func (a *archive) bad(loc string, err error) error {
	a.tally.Records++
	a.tally.Bad++
	return a.fn(Page{Location: loc, Err: err})
}

// ioErr is reading the file itself failing; the end of the file is none.
func (a *archive) ioErr(err error) error {
	if err == nil || err == io.EOF {
		return nil
	}
	return fmt.Errorf("read %s: %w", a.name, err)
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
