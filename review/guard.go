package review

import (
	"crypto/subtle"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// The layers every request passes before a handler runs, outermost first:
//
//  1. hostGuard: the Host header must name this server (DNS rebinding);
//  2. access: the access token, when the server has one;
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
			http.Error(w, "claimex: this server does not answer to that host name; "+
				"if you reach it by that name, start it with --host NAME", http.StatusMisdirectedRequest)
			return
		}
		if o := r.Header.Get("Origin"); o != "" && o != "null" {
			if u, err := url.Parse(o); err != nil || !s.hosts.allows(u.Host) {
				w.Header().Set("Connection", "close")
				http.Error(w, "claimex: cross-origin request refused", http.StatusForbidden)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

const tokenCookie = "claimex_token"

// access lets a request through when no token is set, or when it
// presents the token as ?token= (which sets a cookie) or in the cookie.
// A refused request's connection is closed, so that nobody without the
// token can keep one open.
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
		w.Header().Set("Connection", "close")
		http.Error(w, "claimex: this server needs its access token: open the address claimex serve printed", http.StatusUnauthorized)
	})
}

// limitBody bounds every request body.
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > s.cfg.MaxBodyBytes {
			w.Header().Set("Connection", "close")
			http.Error(w, "claimex: request body too large", http.StatusRequestEntityTooLarge)
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
			http.Error(w, "claimex: cross-site request refused", http.StatusForbidden)
			return
		}
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); r.ContentLength != 0 && mt != formType {
			w.Header().Set("Connection", "close")
			http.Error(w, "claimex: only "+formType+" forms are accepted", http.StatusUnsupportedMediaType)
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
			http.Error(w, "claimex: missing or wrong CSRF token; reload the page", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }
