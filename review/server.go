package review

import (
	"bytes"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Config is what the review UI needs.
type Config struct {
	Store *store.Store
	// Rules, when set, are the rules the pages go by: the categories
	// offered, their roll-ups and renames, the subject groups of the
	// conflicts page. When nil, the pages use the rules of the current
	// run, read again whenever another run becomes current.
	Rules *rules.Rules
	// Token, when set, must be presented once (?token=...) before any
	// page is served, unless a reviewer's own token is; the browser then
	// keeps it in a cookie. Everyone who comes with it is one reviewer,
	// Reviewer.
	Token string
	// RequireToken refuses every request without a token (the shared one
	// or a reviewer's own, from claimex reviewers add), even with no
	// shared Token: a server reachable by others.
	RequireToken bool
	// Reviewer is the name decisions are recorded under for whoever comes
	// with the shared token, or with no token to a server that does not
	// ask for names.
	Reviewer string
	// AskName makes a server with no token ask each person's name once,
	// keeping it in a cookie: a loopback server several people use.
	AskName bool
	// Double gives each claim to two reviewers (second opinions): two
	// that agree decide, two that differ go to the adjudication queue.
	Double bool
	// LeaseTTL is how long a claim stays leased to the reviewer it is
	// shown to unless their page renews it (0: DefaultLeaseTTL).
	LeaseTTL time.Duration
	// Feed tells pages what changed since they were drawn (nil: the
	// store's audit trail, polled).
	Feed Feed
	// Hosts are the names and addresses, besides the loopback ones, that
	// requests may give in their Host header (the listening address, and
	// the names the server is reached by); any other is refused.
	Hosts []string
	// MaxBodyBytes bounds a request's body (0: DefaultMaxBodyBytes).
	MaxBodyBytes int64
	// Timeouts bound a connection's reading, writing and idling (zero
	// fields: the defaults).
	Timeouts Timeouts
	Log      *slog.Logger
}

// Server is the review web UI: the queue, documents, the claims table,
// conflicts and entities, over one database.
type Server struct {
	cfg   Config
	hosts hostSet
	tmpl  map[string]*template.Template
	csrf  string
	mux   *http.ServeMux
	token string
	// stored are the current run's rules, when Config.Rules is nil.
	stored storedRules
}

// NewServer prepares the UI's pages.
func NewServer(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Reviewer == "" {
		cfg.Reviewer = "reviewer"
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.LeaseTTL <= 0 {
		cfg.LeaseTTL = DefaultLeaseTTL
	}
	if cfg.Feed == nil {
		cfg.Feed = storeFeed{cfg.Store}
	}
	cfg.Timeouts = cfg.Timeouts.withDefaults()
	s := &Server{cfg: cfg, csrf: randomToken(), token: cfg.Token, tmpl: map[string]*template.Template{},
		hosts: newHostSet(cfg.Hosts)}
	pages, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, p := range pages {
		name := strings.TrimSuffix(strings.TrimPrefix(p, "templates/"), ".html")
		if name == "layout" || strings.HasPrefix(name, "_") {
			continue // the frame, and the parts of pages (_pager)
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/_*.html", p)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		s.tmpl[name] = t
	}
	s.routes()
	return s, nil
}

// RandomToken returns 128 random bits in hex, for access tokens.
func RandomToken() string { return randomToken() }

func randomToken() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return hex.EncodeToString(b)
}

// Handler serves the UI with its security layers (guard.go): the Host
// check, the access token, the body limit, CSRF protection of every
// state-changing request, and security headers.
func (s *Server) Handler() http.Handler {
	return s.headers(s.hostGuard(s.access(s.limitBody(s.csrfGuard(s.mux)))))
}

// csp allows only the UI's own scripts and styles: article text shown in
// a page can run nothing, even if it got past escaping.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

func (s *Server) headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// DefaultLeaseTTL is how long a claim stays leased to the reviewer it is
// shown to while their page does not renew it: a reviewer who closes the
// page, or whose connection is gone, gives it up after this long.
const DefaultLeaseTTL = 3 * time.Minute

// render executes a page template, or reports the failure.
func (s *Server) render(w http.ResponseWriter, r *http.Request, page string, data map[string]any) {
	s.renderStatus(w, r, http.StatusOK, page, data)
}

// renderStatus executes a page template into a buffer, then sends it
// with the status: a template that fails sends a 500, not half a page.
// Every page gets the CSRF token, who is reviewing, and the feed's
// cursor (what the page shows is as of then).
func (s *Server) renderStatus(w http.ResponseWriter, r *http.Request, code int, page string, data map[string]any) {
	data["CSRF"] = s.csrf
	data["Me"] = me(r)
	data["Double"] = s.cfg.Double
	data["Keys"] = keys
	data["LeaseSeconds"] = int(s.cfg.LeaseTTL.Seconds())
	if _, ok := data["Cursor"]; !ok {
		if c, e, err := s.cfg.Store.LastChange(r.Context()); err == nil {
			data["Cursor"], data["EntityCursor"] = c, e
		}
	}
	s.execute(w, code, page, data)
}

// renderBare sends the error page with no navigation and no token: the
// answer to a request the guards refused, which may come from a page of
// another site.
func (s *Server) renderBare(w http.ResponseWriter, code int, data map[string]any) {
	data["Bare"] = true
	data["Page"] = "error"
	s.execute(w, code, "error", data)
}

func (s *Server) execute(w http.ResponseWriter, code int, page string, data map[string]any) {
	t, ok := s.tmpl[page]
	if !ok {
		s.cfg.Log.Error("render: no such page", "page", page)
		http.Error(w, "claimex: internal error", http.StatusInternalServerError)
		return
	}
	if _, ok := data["Page"]; !ok {
		data["Page"] = page
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		s.cfg.Log.Error("render", "page", page, "error", err)
		http.Error(w, "claimex: internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(b.Bytes())
}
