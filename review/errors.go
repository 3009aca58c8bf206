package review

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/claimex/claimex/store"
)

// requestError is a request refused for what it asks: a bad id, an
// unknown filter or action. It answers 400 with its own message.
type requestError struct{ err error }

func (e requestError) Error() string { return e.err.Error() }
func (e requestError) Unwrap() error { return e.err }

func badRequest(err error) error { return requestError{err} }

func badRequestf(format string, args ...any) error { return requestError{fmt.Errorf(format, args...)} }

// error answers a failed request. This is the one place errors become
// statuses: 404 for a claim or document that is not there, 409 when
// there is nothing to undo, 400 for a request refused for what it asks,
// 413 for a body over the limit, 503 while another process holds the
// database's write lock, and 500 for anything else, with a generic
// message (the cause, which may hold SQL, goes to the log only).
func (s *Server) error(w http.ResponseWriter, r *http.Request, err error) {
	var (
		code    int
		message string
		tooBig  *http.MaxBytesError
		request requestError
	)
	switch {
	case errors.Is(err, store.ErrNoClaim):
		code, message = http.StatusNotFound, "That claim is no longer current: a new run replaced it. Reload the page."
	case errors.Is(err, store.ErrNoDocument):
		code, message = http.StatusNotFound, "There is no such document."
	case errors.Is(err, store.ErrNothingToUndo):
		code, message = http.StatusConflict, "There is no decision on that claim to undo."
	case errors.As(err, &tooBig):
		code, message = http.StatusRequestEntityTooLarge, fmt.Sprintf("The request is over the limit of %d bytes.", tooBig.Limit)
	case errors.As(err, &request), errors.Is(err, store.ErrInvalid):
		code, message = http.StatusBadRequest, err.Error()
	case store.IsLocked(err):
		code, message = http.StatusServiceUnavailable, "Another process (an ingest or an extraction) is writing to the "+
			"database and did not finish in time; nothing was recorded. Try again in a moment."
		w.Header().Set("Retry-After", "5")
	default:
		code, message = http.StatusInternalServerError, "Something went wrong on the server; its log has the details."
		s.cfg.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "error", err)
	}
	if code != http.StatusInternalServerError {
		s.cfg.Log.Info("request refused", "method", r.Method, "path", r.URL.Path, "status", code, "error", err)
	}
	s.renderStatus(w, code, "error", map[string]any{"Status": code, "Title": http.StatusText(code), "Message": message})
}
