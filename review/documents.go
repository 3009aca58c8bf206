package review

import "net/http"

// documentPage is how many documents a page of the documents list shows.
const documentPage = 100

// documents lists the documents with their claim counts, in ingest
// order.
func (s *Server) documents(w http.ResponseWriter, r *http.Request) {
	list, err := s.cfg.Store.DocumentSummaries(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	p := pageOf(r)
	s.render(w, r, "documents", map[string]any{"Documents": onPage(list, p, documentPage),
		"Pager": newPager(r, p, documentPage, len(list))})
}
