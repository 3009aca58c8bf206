package fetch

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/claimex/claimex"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// TestDecodeFixtures decodes pages in legacy encodings, declared and
// undeclared, and compares them with their UTF-8 versions in want/.
func TestDecodeFixtures(t *testing.T) {
	tests := []struct {
		file  string
		ctype string
	}{
		{"windows-1251-declared.html", ""},
		{"windows-1251-undeclared.html", ""},
		{"windows-1251-undeclared.txt", ""},
		{"windows-1252-declared.html", ""},
		{"windows-1252-undeclared.html", ""},
		{"windows-1252-undeclared.txt", ""},
		{"iso-8859-1-declared.html", ""},
		{"iso-8859-1-undeclared.html", ""},
		{"gb2312-declared.html", ""},
		{"gb2312-undeclared.html", ""},
		{"utf-16le-bom.html", ""},
		{"utf-16be-bom.html", ""},
		{"utf-8-declared-latin1.html", ""},
		{"koi8-r-header.html", "text/html; charset=KOI8-R"},
		// The header outranks a page's own <meta>.
		{"windows-1251-declared.html", "text/html; charset=windows-1251"},
		// A server that claims UTF-8 for bytes that are not is ignored.
		{"gb2312-undeclared.html", "text/html; charset=utf-8"},
		{"windows-1251-undeclared.html", "text/html; charset=UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.file+tt.ctype, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join("testdata", "charset", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join("testdata", "charset", "want", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			format := claimex.FormatHTML
			if strings.HasSuffix(tt.file, ".txt") {
				format = claimex.FormatText
			}
			got, err := decode(in, format, tt.ctype)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if got != string(want) {
				t.Errorf("decode =\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	cp1252, _ := charmap.Windows1252.NewEncoder().String("Café – “déjà vu”")
	cp1251, _ := charmap.Windows1251.NewEncoder().String("Алматы")
	// A download cut off mid-character: the lost half becomes U+FFFD.
	truncated, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(strings.Repeat("hello world ", 10))
	truncated += "!"
	tests := []struct {
		name   string
		in     []byte
		format claimex.Format
		ctype  string
		want   string
		err    error
	}{
		{"utf-8", []byte("Almaty – 225"), claimex.FormatText, "", "Almaty – 225", nil},
		{"utf-8 bom", []byte("\xEF\xBB\xBFhello"), claimex.FormatText, "", "hello", nil},
		{"utf-8 declared latin-1 stays utf-8", []byte(`<meta charset="iso-8859-1"><p>Tokáyev</p>`), claimex.FormatHTML, "", `<meta charset="iso-8859-1"><p>Tokáyev</p>`, nil},
		{"windows-1252 by meta", []byte(`<meta charset="windows-1252"><p>` + cp1252 + `</p>`), claimex.FormatHTML, "", `<meta charset="windows-1252"><p>Café – “déjà vu”</p>`, nil},
		{"windows-1251 by header", []byte(`<p>` + cp1251 + `</p>`), claimex.FormatHTML, "text/html; charset=windows-1251", `<p>Алматы</p>`, nil},
		{"text declared by header", []byte("caf\xe9"), claimex.FormatText, "text/plain; charset=iso-8859-1", "café", nil},
		{"short html falls back to windows-1252", []byte("<p>caf\xe9</p>"), claimex.FormatHTML, "", "<p>café</p>", nil},
		{"unknown header charset ignored", []byte("<p>caf\xe9</p>"), claimex.FormatHTML, "text/html; charset=x-nonsense", "<p>café</p>", nil},
		{"truncated utf-16 keeps its text", []byte(truncated), claimex.FormatText, "", strings.Repeat("hello world ", 10) + "\uFFFD", nil},
		{"binary", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), claimex.FormatHTML, "", "", ErrBinary},
		{"control bytes", []byte(strings.Repeat("\x01\x02\x03a", 20)), claimex.FormatText, "", "", ErrBinary},
		{"short latin-1 text detected", []byte("caf\xe9"), claimex.FormatText, "", "café", nil},
		{"text in no encoding", []byte("\x81\x8d\x8f\x90\x9d\x81\x8d\x8f\x90\x9d abc"), claimex.FormatText, "", "", ErrUndecodable},
		{"stray NULs dropped", []byte("Police said\x00 12 people\x00\x00 were killed."), claimex.FormatText, "", "Police said 12 people were killed.", nil},
		{"stray NULs in html dropped", []byte("<p>12\x00 dead</p>"), claimex.FormatHTML, "", "<p>12 dead</p>", nil},
		{"stray NULs in latin-1", []byte("caf\xe9\x00 au lait"), claimex.FormatText, "", "café au lait", nil},
		{"NULs after the sample dropped", []byte(strings.Repeat("a", 9000) + "\x00b"), claimex.FormatText, "", strings.Repeat("a", 9000) + "b", nil},
		{"mostly NULs", append(make([]byte, 4000), "Police said 12 people were killed."...), claimex.FormatText, "", "", ErrBinary},
		{"NULs and control bytes", []byte(strings.Repeat("text\x00\x01\x02 ", 50)), claimex.FormatText, "", "", ErrBinary},
		{"random bytes", noise(16 << 10), claimex.FormatHTML, "", "", ErrBinary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decode(tt.in, tt.format, tt.ctype)
			if !errors.Is(err, tt.err) {
				t.Fatalf("error = %v, want %v", err, tt.err)
			}
			if got != tt.want {
				t.Errorf("decode = %q, want %q", got, tt.want)
			}
		})
	}
}

// noise is n bytes of a fixed pseudo-random sequence: compressed or
// encrypted data, with a NUL byte in 256.
func noise(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// FuzzDecode checks that any bytes either decode to valid UTF-8 or fail
// with an error, never a panic.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "charset", "*.*"))
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b, "")
		}
	}
	f.Add([]byte("caf\xe9"), "text/plain; charset=latin1")
	f.Add([]byte("\xFE\xFF\x00a"), "text/html; charset=")
	f.Fuzz(func(t *testing.T, b []byte, ctype string) {
		for _, format := range []claimex.Format{claimex.FormatHTML, claimex.FormatText} {
			s, err := decode(b, format, ctype)
			if err == nil && !utf8.ValidString(s) {
				t.Fatalf("decode(%q) = %q: not UTF-8", b, s)
			}
			if err != nil && s != "" {
				t.Fatalf("decode(%q) failed (%v) but returned text", b, err)
			}
		}
	})
}
