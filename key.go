package claimex

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode"
)

// ClaimKey returns the stable identity of a claim: a hash of the document,
// the claim kind and its text-quote anchor (exact text with its prefix and
// suffix, normalised). It does not depend on offsets, so it survives
// re-extraction and small shifts in the text; occurrence tells apart
// anchors that repeat word for word in one document (0 for the first).
func ClaimKey(docHash string, kind Kind, prefix, exact, suffix string, occurrence int) string {
	h := sha256.New()
	for _, part := range []string{docHash, string(kind), normAnchor(prefix), normAnchor(exact), normAnchor(suffix)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	if occurrence > 0 {
		h.Write([]byte(strconv.Itoa(occurrence)))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// normAnchor folds case, whitespace runs and typographic quotes and dashes,
// so that cosmetic changes to the clean text keep keys stable.
func normAnchor(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case r == '\u2018' || r == '\u2019' || r == '\u201b' || r == '\u2032':
			r = '\''
		case r == '\u201c' || r == '\u201d' || r == '\u201e' || r == '\u2033':
			r = '"'
		case r == '\u2013' || r == '\u2014' || r == '\u2212':
			r = '-'
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
