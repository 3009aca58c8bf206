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

// Refusals of the guard layers (guard.go) and of the routes.
var (
	errWrongHost   = errors.New("this server does not answer to that host name")
	errCrossOrigin = errors.New("cross-origin request refused")
	errCrossSite   = errors.New("cross-site request refused")
	errCSRF        = errors.New("missing or wrong CSRF token")
	errFormType    = errors.New("only " + formType + " forms are accepted")
	errNeedToken   = errors.New("this server needs an access token")
	errNeedName    = errors.New("say who you are first")
	errNotFound    = errors.New("no such page")
)

// error answers a failed request with a styled page that has a way back.
// This is the one place errors become statuses: 404 for a claim,
// document or page that is not there, 409 when there is nothing to undo,
// 400 for a request refused for what it asks, 401 without the access
// token a server needs, 403 for a request from another site or without
// the CSRF token, 413 for a body over the limit, 415 for a body that is
// not a form, 421 for another host name, 503 while another process holds
// the database's write lock, and 500 for anything else, with a generic
// message (the cause, which may hold SQL, goes to the log only). A
// request the guards refuse gets a bare page: no navigation, no token.
func (s *Server) error(w http.ResponseWriter, r *http.Request, err error) {
	var (
		code    int
		message string
		tooBig  *http.MaxBytesError
		request requestError
		bare    bool
	)
	switch {
	case errors.Is(err, errWrongHost):
		code, message, bare = http.StatusMisdirectedRequest, "This server does not answer to that host name; "+
			"if you reach it by that name, start it with --host NAME.", true
	case errors.Is(err, errCrossOrigin), errors.Is(err, errCrossSite):
		code, message, bare = http.StatusForbidden, "A request from another site was refused.", true
	case errors.Is(err, errNeedToken):
		code, message, bare = http.StatusUnauthorized, "This server needs an access token: open the link you were given "+
			"(claimex serve prints one; claimex reviewers add makes a reviewer's own). A revoked link no longer works.", true
	case errors.Is(err, errCSRF):
		code, message = http.StatusForbidden, "The page was out of date (missing or wrong CSRF token); nothing was recorded. Reload the page."
	case errors.Is(err, errFormType):
		code, message, bare = http.StatusUnsupportedMediaType, "Only "+formType+" forms are accepted.", true
	case errors.Is(err, errNeedName):
		code, message = http.StatusForbidden, "Say who you are first: open any page to be asked your name."
	case errors.Is(err, errNotFound):
		code, message = http.StatusNotFound, "There is no such page."
	case errors.Is(err, store.ErrNoClaim):
		code, message = http.StatusNotFound, "That claim is no longer current: a new run replaced it. Reload the page."
	case errors.Is(err, store.ErrNoDocument):
		code, message = http.StatusNotFound, "There is no such document."
	case errors.Is(err, store.ErrNothingToUndo):
		code, message = http.StatusConflict, "There is no decision to undo: it was undone already, or none was made."
	case errors.As(err, &tooBig):
		code, message, bare = http.StatusRequestEntityTooLarge, fmt.Sprintf("The request is over the limit of %d bytes.", tooBig.Limit), true
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
	data := map[string]any{"Status": code, "Title": http.StatusText(code), "Message": message, "Bare": bare}
	if bare {
		s.renderBare(w, code, data)
		return
	}
	s.renderStatus(w, r, code, "error", data)
}
