package fetch

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/claimex/claimex"
	"github.com/wlynxg/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// ErrBinary reports bytes that are not text in any encoding.
var ErrBinary = errors.New("binary data, not an article")

// ErrUndecodable reports text that is not UTF-8 and whose encoding could
// not be told.
var ErrUndecodable = errors.New("not UTF-8, and no encoding could be told with confidence")

// Decode returns an HTML page's bytes as UTF-8 text; see decode.
func Decode(b []byte, contentType string) (string, error) {
	return decode(b, claimex.FormatHTML, contentType)
}

// minConfidence is how sure the detector must be of an undeclared
// encoding.
const minConfidence = 0.5

// decode returns b as a UTF-8 string, from, in order: a byte-order mark;
// the bytes themselves when they are valid UTF-8 (whatever a page
// declares: ASCII-looking pages declared as a legacy charset and read as
// one come out garbled); the charset an HTTP header or, for HTML, a <meta>
// element declares; the detector's guess; and for HTML the web's default,
// windows-1252. Text that is none of these is undecodable.
func decode(b []byte, format claimex.Format, contentType string) (string, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), b)
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), b)
	}
	if looksBinary(b) {
		return "", ErrBinary
	}
	// Stray NUL bytes (a damaged download, a tool's padding) are no text
	// and no reason to lose the text around them.
	if bytes.IndexByte(b, 0) >= 0 {
		b = bytes.ReplaceAll(b, []byte{0}, nil)
	}
	if utf8.Valid(b) {
		return string(b), nil
	}
	if enc := declared(b, format, contentType); enc != nil {
		return decodeWith(enc, b)
	}
	if enc := detected(b); enc != nil {
		return decodeWith(enc, b)
	}
	if format == claimex.FormatHTML {
		enc, _ := charset.Lookup("windows-1252")
		return decodeWith(enc, b)
	}
	return "", ErrUndecodable
}

// declared returns the legacy encoding an HTTP Content-Type header
// names, or, for HTML, a <meta> element in the first kilobytes. A page
// that claims UTF-8 or UTF-16 but is not valid UTF-8 declares nothing
// useful.
func declared(b []byte, format claimex.Format, contentType string) encoding.Encoding {
	name := ""
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		name = params["charset"]
	}
	if enc := legacy(name); enc != nil || format != claimex.FormatHTML {
		return enc
	}
	if m := metaCharset.FindSubmatch(b[:min(len(b), 4096)]); m != nil {
		return legacy(string(m[1]))
	}
	return nil
}

// metaCharset finds <meta charset=X> and <meta http-equiv=Content-Type
// content="text/html; charset=X">.
var metaCharset = regexp.MustCompile(`(?i)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

// legacy looks a charset label up, leaving out the Unicode encodings.
func legacy(label string) encoding.Encoding {
	enc, name := charset.Lookup(label)
	if enc == nil || strings.HasPrefix(name, "utf-") {
		return nil
	}
	return enc
}

// detectSample is how many bytes the detector reads: enough to tell a
// page's encoding, at about 2ms.
const detectSample = 16 << 10

// detected returns the encoding the detector is confident of, or nil.
func detected(b []byte) encoding.Encoding {
	r := chardet.Detect(b[:min(len(b), detectSample)])
	if r.Confidence < minConfidence || r.Encoding == "" {
		return nil
	}
	enc, _ := charset.Lookup(r.Encoding)
	return enc
}

func decodeWith(enc encoding.Encoding, b []byte) (string, error) {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return "", fmt.Errorf("decode: %w", err)
	}
	// A wrong guess leaves replacement characters: more than one in fifty
	// runes is no text.
	s := string(out)
	if bad := strings.Count(s, "\uFFFD"); bad > 0 && bad*50 > utf8.RuneCountInString(s) {
		return "", ErrUndecodable
	}
	return s, nil
}

// binarySample is how much of the start of an input looksBinary reads.
const binarySample = 8192

// looksBinary reports whether the start of b is not text, as images,
// archives and executables are not. Without NUL bytes, that is more than
// one byte in ten a control character; with them, more than one byte in
// ten a NUL, or more than one in a hundred of the others a control
// character: text holds a few stray NULs at most and hardly any other
// control character, binary data holds both.
func looksBinary(b []byte) bool {
	head := b[:min(len(b), binarySample)]
	nul, ctl := 0, 0
	for _, c := range head {
		switch {
		case c == 0:
			nul++
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f':
			ctl++
		}
	}
	if nul == 0 {
		return ctl*10 > len(head)
	}
	return nul*10 > len(head) || ctl*100 > len(head)-nul
}
