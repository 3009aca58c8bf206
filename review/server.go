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

	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

//go:embed templates/*.html templates/*.part
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
	// page is served; the browser then keeps it in a cookie.
	Token string
	// Reviewer is the name decisions are recorded under.
	Reviewer string
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
	cfg.Timeouts = cfg.Timeouts.withDefaults()
	s := &Server{cfg: cfg, csrf: randomToken(), token: cfg.Token, tmpl: map[string]*template.Template{},
		hosts: newHostSet(cfg.Hosts)}
	pages, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, p := range pages {
		name := strings.TrimSuffix(strings.TrimPrefix(p, "templates/"), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/group.part", p)
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

// render executes a page template, or reports the failure.
func (s *Server) render(w http.ResponseWriter, page string, data map[string]any) {
	s.renderStatus(w, http.StatusOK, page, data)
}

// renderStatus executes a page template into a buffer, then sends it
// with the status: a template that fails sends a 500, not half a page.
func (s *Server) renderStatus(w http.ResponseWriter, code int, page string, data map[string]any) {
	t, ok := s.tmpl[page]
	if !ok {
		s.cfg.Log.Error("render: no such page", "page", page)
		http.Error(w, "claimex: internal error", http.StatusInternalServerError)
		return
	}
	data["CSRF"] = s.csrf
	data["Page"] = page
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
