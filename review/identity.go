package review

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/claimex/claimex/store"
)

// identity is who a request comes from.
type identity struct {
	// Name is recorded with what the person decides. It may be text a
	// person typed (a loopback server's name cookie): templates escape it,
	// and store.CleanReviewerName bounds it.
	Name string
	// Session is the browser, which claims are leased to.
	Session string
	// Personal is set for a reviewer who came through their own link;
	// Asked for a name a loopback server asked for, which may be changed.
	Personal, Asked bool
}

type identityKey struct{}

func withIdentity(ctx context.Context, id identity) context.Context {
	return context.WithValue(ctx, identityKey{}, id)
}

// me returns who the request comes from (access has set it).
func me(r *http.Request) identity {
	id, _ := r.Context().Value(identityKey{}).(identity)
	return id
}

// askName shows the form that asks a person's name, on a loopback server.
func (s *Server) askName(w http.ResponseWriter, r *http.Request, problem string) {
	back := r.URL.RequestURI()
	if r.URL.Path == "/whoami" {
		back = localPath(r.FormValue("back"), "/queue")
	}
	code := http.StatusOK
	if problem != "" {
		code = http.StatusBadRequest
	}
	s.renderStatus(w, r, code, "whoami", map[string]any{"Back": back, "Problem": problem, "Current": me(r).Name})
}

// whoami records the name a person gives, in a cookie kept a year.
func (s *Server) whoami(w http.ResponseWriter, r *http.Request) {
	if !s.cfg.AskName {
		s.error(w, r, badRequestf("this server does not ask for names: its reviewers come with links of their own, or share one name"))
		return
	}
	name, err := store.CleanReviewerName(r.PostFormValue("name"))
	if err != nil {
		s.askName(w, r, err.Error())
		return
	}
	http.SetCookie(w, &http.Cookie{Name: nameCookie, Value: url.QueryEscape(name), Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, localPath(r.PostFormValue("back"), "/queue"), http.StatusSeeOther)
}

// localPath returns p when it is a path on this server, else def: a
// redirect never leads elsewhere.
func localPath(p, def string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") {
		return def
	}
	return p
}
