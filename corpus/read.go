package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"github.com/claimex/claimex"
)

// DefaultMaxBytes is the largest input Read accepts unless told otherwise.
const DefaultMaxBytes = 32 << 20

// ErrEmpty reports an input of no bytes.
var ErrEmpty = errors.New("empty file")

// ErrTooLarge reports an input over the size cap.
type ErrTooLarge struct {
	Size, Max int64
}

func (e *ErrTooLarge) Error() string {
	return fmt.Sprintf("file is %s, over the %s limit", Size(e.Size), Size(e.Max))
}

// Size writes a byte count for people: "512 bytes", "3.2 MB".
func Size(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// Read loads an item's bytes (at most max; 0 means DefaultMaxBytes) and
// identifies it by their SHA-256. Anything but a regular file is refused
// with a *NotRegularError, without waiting on it.
func Read(it Item, max int64) (claimex.Input, error) {
	if max <= 0 {
		max = DefaultMaxBytes
	}
	f, st, err := openRegular(it.Path)
	if err != nil {
		return claimex.Input{}, err
	}
	defer f.Close()
	if st.Size() > max {
		return claimex.Input{}, &ErrTooLarge{Size: st.Size(), Max: max}
	}
	// The file may grow while it is read: the limit holds all the same.
	// The buffer is sized to the file, and the room a read at its end
	// wants, so that it never grows.
	buf := bytes.NewBuffer(make([]byte, 0, min(st.Size(), max)+bytes.MinRead+1))
	if _, err := buf.ReadFrom(io.LimitReader(f, max+1)); err != nil {
		return claimex.Input{}, err
	}
	b := buf.Bytes()
	if int64(len(b)) > max {
		return claimex.Input{}, &ErrTooLarge{Size: int64(len(b)), Max: max}
	}
	if len(b) == 0 {
		return claimex.Input{}, ErrEmpty
	}
	return FromBytes(it.Path, it.Format, b), nil
}

// FromBytes makes an Input of bytes already in hand, sniffing the format
// when none is given.
func FromBytes(source string, format claimex.Format, b []byte) claimex.Input {
	if format == "" {
		format = Sniff(b)
	}
	return claimex.Input{Source: source, Hash: Hash(b), Format: format, Bytes: b}
}

// Hash returns the hex SHA-256 of b, the identity of an input.
func Hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
