package store

import (
	"errors"
	"fmt"
)

// ErrInvalid is what errors.Is finds in every error that refuses a
// request for what it asks (an unknown action, an edit with nothing in
// it), as opposed to a failure of the database.
var ErrInvalid = errors.New("invalid request")

// invalidError is a refusal of a request, with its own message.
type invalidError struct{ msg string }

func (e *invalidError) Error() string        { return e.msg }
func (e *invalidError) Is(target error) bool { return target == ErrInvalid }

// Invalidf makes an error that refuses a request, with the message given,
// for which errors.Is(err, ErrInvalid) holds.
func Invalidf(format string, args ...any) error {
	return &invalidError{fmt.Sprintf(format, args...)}
}

func invalidf(format string, args ...any) error { return Invalidf(format, args...) }
