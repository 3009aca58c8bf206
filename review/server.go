package review

import (
	"crypto/rand"
	"crypto/subtle"
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

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Config is what the review UI needs.
type Config struct {
	Store *store.Store
	// Rules give the subject groups of the conflicts page.
	Rules *rules.Rules
	// Token, when set, must be presented once (?token=...) before any
	// page is served; the browser then keeps it in a cookie.
	Token string
	// Reviewer is the name decisions are recorded under.
	Reviewer string
	Log      *slog.Logger
}

// Server is the review web UI: the queue, documents, the claims table,
// conflicts and entities, over one database.
type Server struct {
	cfg   Config
	tmpl  map[string]*template.Template
	csrf  string
	mux   *http.ServeMux
	token string
}

// NewServer prepares the UI's pages.
func NewServer(cfg Config) (*Server, error) {
	if cfg.Rules == nil {
		cfg.Rules = rules.Default()
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Reviewer == "" {
		cfg.Reviewer = "reviewer"
	}
	s := &Server{cfg: cfg, csrf: randomToken(), token: cfg.Token, tmpl: map[string]*template.Template{}}
	pages, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, p := range pages {
		name := strings.TrimSuffix(strings.TrimPrefix(p, "templates/"), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", p)
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

// Handler serves the UI with its security layers: the access token, CSRF
// protection of every state-changing request, and security headers.
func (s *Server) Handler() http.Handler { return s.headers(s.access(s.csrfGuard(s.mux))) }

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

const tokenCookie = "claimex_token"

// access lets a request through when no token is set, or when it
// presents the token as ?token= (which sets a cookie) or in the cookie.
func (s *Server) access(next http.Handler) http.Handler {
	if s.token == "" {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if t := r.URL.Query().Get("token"); t != "" && equal(t, s.token) {
			http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: s.token, Path: "/", HttpOnly: true,
				SameSite: http.SameSiteStrictMode})
			u := *r.URL
			q := u.Query()
			q.Del("token")
			u.RawQuery = q.Encode()
			http.Redirect(w, r, u.String(), http.StatusSeeOther)
			return
		}
		if c, err := r.Cookie(tokenCookie); err == nil && equal(c.Value, s.token) {
			next.ServeHTTP(w, r)
			return
		}
		http.Error(w, "claimex: this server needs its access token: open the address claimex serve printed", http.StatusUnauthorized)
	})
}

// csrfGuard refuses a state-changing request that does not carry the
// server's CSRF token (a hidden form field, or the X-CSRF-Token header),
// or that a browser says came from another site.
func (s *Server) csrfGuard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead:
			next.ServeHTTP(w, r)
			return
		}
		if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
			http.Error(w, "claimex: cross-site request refused", http.StatusForbidden)
			return
		}
		t := r.Header.Get("X-CSRF-Token")
		if t == "" {
			t = r.PostFormValue("csrf")
		}
		if !equal(t, s.csrf) {
			http.Error(w, "claimex: missing or wrong CSRF token; reload the page", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// render executes a page template, or reports the failure.
func (s *Server) render(w http.ResponseWriter, page string, data map[string]any) {
	t, ok := s.tmpl[page]
	if !ok {
		http.Error(w, "no such page", http.StatusInternalServerError)
		return
	}
	data["CSRF"] = s.csrf
	data["Page"] = page
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := t.Execute(w, data); err != nil {
		s.cfg.Log.Error("render", "page", page, "error", err)
	}
}

func (s *Server) fail(w http.ResponseWriter, err error) {
	s.cfg.Log.Error("request failed", "error", err)
	http.Error(w, "claimex: "+err.Error(), http.StatusInternalServerError)
}
