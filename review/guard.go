package review

import (
	"crypto/subtle"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/claimex/claimex/store"
)

// The layers every request passes before a handler runs, outermost first:
//
//  1. hostGuard: the Host header must name this server (DNS rebinding);
//  2. access: who the request comes from (a reviewer's own token, the
//     shared token, or a name a loopback server asked for), refusing it
//     when the server needs a token and it has none;
//  3. limitBody: no body may be longer than MaxBodyBytes;
//  4. csrfGuard: a state-changing request must carry the CSRF token and
//     not come from another site.
//
// The token is checked before any body is read, and a body is bounded
// before it is parsed.

// loopbackNames are the names a loopback server always answers to.
var loopbackNames = []string{"localhost", "127.0.0.1", "::1"}

// hostSet is the names and addresses a server answers to.
type hostSet map[string]bool

func newHostSet(names []string) hostSet {
	h := hostSet{}
	for _, n := range append(append([]string{}, loopbackNames...), names...) {
		if n = canonicalHost(n); n != "" {
			h[n] = true
		}
	}
	return h
}

// canonicalHost reduces a Host header or a name to what is compared: no
// port, no brackets, lower case, no trailing dot, IP addresses in their
// standard form.
func canonicalHost(h string) string {
	h = strings.TrimSpace(h)
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	h = strings.TrimSuffix(strings.ToLower(h), ".")
	if ip := net.ParseIP(h); ip != nil {
		return ip.String()
	}
	return h
}

func (h hostSet) allows(host string) bool { return host != "" && h[canonicalHost(host)] }

// hostGuard answers 421 to a request whose Host header names another
// server: a page on evil.example whose name an attacker points at
// 127.0.0.1 (DNS rebinding) sends "Host: evil.example", and must not read
// or change anything. An Origin header, when sent, must name this server
// too.
func (s *Server) hostGuard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hosts.allows(r.Host) {
			s.cfg.Log.Warn("request for another host refused", "host", r.Host, "remote", r.RemoteAddr)
			w.Header().Set("Connection", "close")
			s.error(w, r, errWrongHost)
			return
		}
		if o := r.Header.Get("Origin"); o != "" && o != "null" {
			if u, err := url.Parse(o); err != nil || !s.hosts.allows(u.Host) {
				w.Header().Set("Connection", "close")
				s.error(w, r, errCrossOrigin)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// The cookies the server sets, all HTTP-only and same-site.
const (
	// tokenCookie keeps the token the browser was given: the server's
	// shared one, or a reviewer's own.
	tokenCookie = "claimex_token"
	// nameCookie keeps the name a person gave on a loopback server.
	nameCookie = "claimex_reviewer"
	// sessionCookie names the browser, which the claims it is shown are
	// leased to.
	sessionCookie = "claimex_session"
)

// access works out who a request comes from, or refuses it:
//
//   - a token presented as ?token= that the server knows (its shared
//     token, or a reviewer's own) is put in a cookie, and the browser sent
//     on to the address without it;
//   - the token cookie names the reviewer: a reviewer's own token, them;
//     the shared token, the server's Reviewer;
//   - with no token, a server that needs one refuses the request (401)
//     and closes the connection, so that nobody without one can keep it
//     open; a loopback server asks for a name once, and keeps it in a
//     cookie, or takes its Reviewer.
//
// A reviewer's token is checked against the database on every request,
// so a revoked link stops working at once.
func (s *Server) access(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if t := r.URL.Query().Get("token"); t != "" {
			name, ok, err := s.tokenReviewer(r, t)
			if err != nil {
				s.error(w, r, err)
				return
			}
			if ok || name != "" {
				http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: t, Path: "/", HttpOnly: true,
					SameSite: http.SameSiteStrictMode})
				u := *r.URL
				q := u.Query()
				q.Del("token")
				u.RawQuery = q.Encode()
				http.Redirect(w, r, u.String(), http.StatusSeeOther)
				return
			}
		}
		var id identity
		if c, err := r.Cookie(tokenCookie); err == nil && c.Value != "" {
			name, shared, err := s.tokenReviewer(r, c.Value)
			if err != nil {
				s.error(w, r, err)
				return
			}
			id.Name, id.Personal = name, name != "" && !shared
			if shared {
				id.Name = s.cfg.Reviewer
			}
		}
		if id.Name == "" {
			switch {
			case s.needsToken():
				w.Header().Set("Connection", "close")
				s.error(w, r, errNeedToken)
				return
			case s.cfg.AskName:
				if c, err := r.Cookie(nameCookie); err == nil {
					if v, err := url.QueryUnescape(c.Value); err == nil {
						id.Name, _ = store.CleanReviewerName(v)
						id.Asked = id.Name != ""
					}
				}
			default:
				id.Name = s.cfg.Reviewer
			}
		}
		id.Session = s.session(w, r)
		if id.Name == "" && !strings.HasPrefix(r.URL.Path, "/static/") && r.URL.Path != "/whoami" {
			// A loopback server asks who is there before anything else.
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				s.askName(w, r, "")
				return
			}
			s.error(w, r, errNeedName)
			return
		}
		next.ServeHTTP(w, r.WithContext(withIdentity(ctx, id)))
	})
}

// needsToken reports whether every request must present a token.
func (s *Server) needsToken() bool { return s.token != "" || s.cfg.RequireToken }

// tokenReviewer returns whom token t stands for: shared is set for the
// server's own token; otherwise name is the reviewer whose working link
// carries it, or "" for none.
func (s *Server) tokenReviewer(r *http.Request, t string) (name string, shared bool, err error) {
	if s.token != "" && equal(t, s.token) {
		return s.cfg.Reviewer, true, nil
	}
	name, _, err = s.cfg.Store.ReviewerByToken(r.Context(), t)
	return name, false, err
}

// session returns the browser's session id, giving it one when it has
// none.
func (s *Server) session(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(sessionCookie); err == nil && validSession(c.Value) {
		return c.Value
	}
	id := randomToken()
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: id, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
	return id
}

// validSession reports whether v is a session id as the server makes
// them: 32 lower-case hex digits.
func validSession(v string) bool {
	if len(v) != 32 {
		return false
	}
	for _, c := range v {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// limitBody bounds every request body.
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > s.cfg.MaxBodyBytes {
			w.Header().Set("Connection", "close")
			s.error(w, r, &http.MaxBytesError{Limit: s.cfg.MaxBodyBytes})
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
		next.ServeHTTP(w, r)
	})
}

// formType is the only body the UI's forms send.
const formType = "application/x-www-form-urlencoded"

// csrfGuard refuses a state-changing request that a browser says came
// from another site, or that does not carry the server's CSRF token: in
// the X-CSRF-Token header (scripts), or as the csrf field of a plain
// form. Only URL-encoded forms are read; anything else (multipart
// uploads above all, which would be spooled to disk) is refused unread.
func (s *Server) csrfGuard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead:
			next.ServeHTTP(w, r)
			return
		}
		if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
			s.error(w, r, errCrossSite)
			return
		}
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); r.ContentLength != 0 && mt != formType {
			w.Header().Set("Connection", "close")
			s.error(w, r, errFormType)
			return
		}
		t := r.Header.Get("X-CSRF-Token")
		if t == "" {
			if err := r.ParseForm(); err != nil {
				w.Header().Set("Connection", "close")
				s.error(w, r, badRequest(err))
				return
			}
			t = r.PostForm.Get("csrf")
		}
		if !equal(t, s.csrf) {
			s.error(w, r, errCSRF)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }
