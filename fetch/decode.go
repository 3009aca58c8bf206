package fetch

import (
	"bytes"
	"errors"
	"unicode/utf8"

	"github.com/claimex/claimex"
	"golang.org/x/net/html/charset"
)

// ErrBinary reports bytes that are not text in any encoding.
var ErrBinary = errors.New("binary data, not an article")

// ErrNotUTF8 reports a plain-text input that is not valid UTF-8.
var ErrNotUTF8 = errors.New("not valid UTF-8 text")

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Decode returns an HTML page's bytes as UTF-8 text; see decode.
func Decode(b []byte, contentType string) (string, error) {
	return decode(b, claimex.FormatHTML, contentType)
}

// decode returns b as a UTF-8 string. Bytes that are valid UTF-8 stay
// UTF-8 whatever a page declares: a declared or guessed legacy charset
// only applies to bytes that cannot be UTF-8. Plain text must be UTF-8.
func decode(b []byte, format claimex.Format, contentType string) (string, error) {
	if looksBinary(b) {
		return "", ErrBinary
	}
	b = bytes.TrimPrefix(b, utf8BOM)
	if utf8.Valid(b) {
		return string(b), nil
	}
	if format != claimex.FormatHTML {
		return "", ErrNotUTF8
	}
	enc, _, _ := charset.DetermineEncoding(b, contentType)
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return "", err
	}
	return string(out), nil
}

// looksBinary reports whether the start of b holds NUL bytes or mostly
// control characters, as images, archives and executables do. UTF-16 text
// (which holds NULs) is announced by its byte-order mark.
func looksBinary(b []byte) bool {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return false
	}
	head := b[:min(len(b), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	return len(head) > 0 && ctl*10 > len(head)
}
