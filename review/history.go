package review

import (
	"net/http"
	"strconv"
)

// historyPage is how many decisions a page of history shows.
const historyPage = 50

// history shows this reviewer's decisions, newest first, each with a way
// to undo it.
func (s *Server) history(w http.ResponseWriter, r *http.Request) {
	p := pageOf(r)
	entries, total, err := s.cfg.Store.History(r.Context(), me(r).Name, historyPage, (p-1)*historyPage)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, "history", map[string]any{"Entries": entries, "Pager": newPager(r, p, historyPage, total)})
}

// undoHistory undoes one decision of the history (claims) and shows the
// history again.
func (s *Server) undoHistory(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if r.PostFormValue("entity") == "1" {
		_, err = s.cfg.Store.UndoEntityReview(r.Context(), id, me(r).Name)
	} else {
		_, err = s.cfg.Store.UndoEvent(r.Context(), id, me(r).Name)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	http.Redirect(w, r, localPath(r.PostFormValue("back"), "/history"), http.StatusSeeOther)
}

// pageOf reads the page number a request asks for (1 when none).
func pageOf(r *http.Request) int {
	p, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || p < 1 {
		return 1
	}
	return p
}

// Pager is where a paged list stands.
type Pager struct {
	Page, Pages, Total, First, Last int
	// Prev and Next are the addresses of the pages around ("" when none).
	Prev, Next string
}

// newPager describes page p of a list of total items, size a page, for
// the request's address.
func newPager(r *http.Request, p, size, total int) Pager {
	pages := max(1, (total+size-1)/size)
	pg := Pager{Page: p, Pages: pages, Total: total, First: min(total, (p-1)*size+1), Last: min(total, p*size)}
	at := func(n int) string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(n))
		return r.URL.Path + "?" + q.Encode()
	}
	if p > 1 {
		pg.Prev = at(min(p-1, pages))
	}
	if p < pages {
		pg.Next = at(p + 1)
	}
	return pg
}

// onPage cuts page p (of size) out of a list.
func onPage[T any](list []T, p, size int) []T {
	start := min(len(list), (p-1)*size)
	return list[start:min(len(list), start+size)]
}
