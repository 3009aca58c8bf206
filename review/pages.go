package review

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/export"
	"github.com/claimex/claimex/pipeline"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

func (s *Server) routes() {
	m := http.NewServeMux()
	static, _ := fsSub(staticFiles, "static")
	m.Handle("GET /static/", http.StripPrefix("/static/", filesOnly(static)))
	m.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/queue", http.StatusSeeOther)
	})
	m.HandleFunc("GET /whoami", func(w http.ResponseWriter, r *http.Request) { s.askName(w, r, "") })
	m.HandleFunc("POST /whoami", s.whoami)
	m.HandleFunc("GET /queue", s.queue)
	m.HandleFunc("POST /queue/release", s.release)
	m.HandleFunc("GET /feed", s.feed)
	m.HandleFunc("POST /claims/{id}/decide", s.decide)
	m.HandleFunc("POST /claims/{id}/undo", s.undo)
	m.HandleFunc("POST /claims/{id}/skip", s.skip)
	m.HandleFunc("POST /claims/{id}/flag", s.flag)
	m.HandleFunc("POST /undo", s.undoLast)
	m.HandleFunc("GET /history", s.history)
	m.HandleFunc("POST /history/{id}/undo", s.undoHistory)
	m.HandleFunc("GET /documents", s.documents)
	m.HandleFunc("GET /documents/{id}", s.document)
	m.HandleFunc("GET /claims", s.claims)
	m.HandleFunc("POST /claims/bulk", s.bulk)
	m.HandleFunc("GET /export", s.export)
	m.HandleFunc("GET /conflicts", s.conflicts)
	m.HandleFunc("GET /events", s.events)
	m.HandleFunc("GET /events/{id}", s.event)
	m.HandleFunc("POST /events/correct", s.correctEvents)
	m.HandleFunc("GET /entities", s.entities)
	m.HandleFunc("POST /entities/correct", s.correctEntities)
	m.HandleFunc("POST /entities/merge", s.mergeNames)
	m.HandleFunc("GET /names", s.names)
	m.HandleFunc("POST /names/decide", s.decideNames)
	m.HandleFunc("POST /names/skip", s.skipName)
	m.HandleFunc("GET /agreement", s.agreement)
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { s.error(w, r, errNotFound) })
	s.mux = m
}

// document shows a document's clean text with its claims highlighted.
func (s *Server) document(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	ctx := r.Context()
	doc, err := s.cfg.Store.Document(ctx, id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	f := store.ClaimFilter{DocumentID: id, Kind: claimex.KindCount}
	withEntities := r.URL.Query().Get("entities") == "1"
	if withEntities {
		f.Kind = ""
	}
	var claims []store.ClaimView
	if err := s.cfg.Store.Claims(ctx, f, func(v store.ClaimView) error { claims = append(claims, v); return nil }); err != nil {
		s.error(w, r, err)
		return
	}
	rs, err := s.currentRules(ctx)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, "document", map[string]any{"Doc": doc, "Segments": highlight(doc.Text, claims), "Claims": claims,
		"Entities": withEntities, "Palette": palette{rs}})
}

// claimFilter reads the claims table's filters from a query or form. A
// category must be one of the current rules or of some current claim.
func (s *Server) claimFilter(ctx context.Context, v url.Values) (store.ClaimFilter, error) {
	f := store.ClaimFilter{Category: claimex.Category(v.Get("category")), Status: claimex.Status(v.Get("status")),
		Source: v.Get("source"), Search: v.Get("q"), Rule: v.Get("rule")}
	switch k := v.Get("kind"); k {
	case "", "count":
		f.Kind = claimex.KindCount
	case "entity":
		f.Kind = claimex.KindEntity
	case "all":
	default:
		return f, badRequestf("unknown kind %q", k)
	}
	if err := store.CheckRuleFilter(f.Rule); err != nil {
		return f, badRequest(err)
	}
	if f.Category != "" {
		rs, err := s.currentRules(ctx)
		if err != nil {
			return f, err
		}
		cats, err := s.categories(ctx, rs)
		if err != nil {
			return f, err
		}
		if !slices.Contains(cats, f.Category) {
			return f, badRequestf("unknown category %q", f.Category)
		}
	}
	if d := v.Get("doc"); d != "" {
		id, err := strconv.ParseInt(d, 10, 64)
		if err != nil {
			return f, badRequestf("%q is not a document id", d)
		}
		f.DocumentID = id
	}
	return f, nil
}

// tablePage is how many rows a page of the claims table shows; bulk
// decisions and exports take the whole filtered set.
const tablePage = 100

// categories are the categories the claims page offers: the current
// rules', then any other that a current claim has (from an older run).
func (s *Server) categories(ctx context.Context, rs *rules.Rules) ([]claimex.Category, error) {
	inUse, err := s.cfg.Store.CategoriesInUse(ctx)
	if err != nil {
		return nil, err
	}
	out := rs.CategoryNames()
	for _, c := range inUse {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out, nil
}

func (s *Server) claims(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	f, err := s.claimFilter(ctx, q)
	if err != nil {
		s.error(w, r, err)
		return
	}
	rs, err := s.currentRules(ctx)
	if err != nil {
		s.error(w, r, err)
		return
	}
	cats, err := s.categories(ctx, rs)
	if err != nil {
		s.error(w, r, err)
		return
	}
	ruleNames, err := s.cfg.Store.RuleNames(ctx, f.Kind)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if f.Rule != "" && !slices.Contains(ruleNames, f.Rule) {
		ruleNames = append([]string{f.Rule}, ruleNames...) // a pattern, or a rule gone: still shown as chosen
	}
	p := pageOf(r)
	var rows []store.ClaimView
	total := 0
	err = s.cfg.Store.Claims(ctx, f, func(v store.ClaimView) error {
		total++
		if total > (p-1)*tablePage && len(rows) < tablePage {
			rows = append(rows, v)
		}
		return nil
	})
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, "claims", map[string]any{"Rows": rows, "Total": total, "Query": q, "Filter": f, "Filtered": filtered(q),
		"Pager": newPager(r, p, tablePage, total), "Categories": cats, "Rules": ruleNames, "Palette": palette{rs},
		"Formats": export.Formats, "Kind": f.Kind,
		"Statuses": []claimex.Status{claimex.Unreviewed, claimex.Accepted, claimex.Rejected, claimex.Edited, claimex.Changed}})
}

// filtered reports whether a query narrows the claims by more than their
// kind: only then does the claims page offer to decide on all of them.
func filtered(q url.Values) bool {
	for _, k := range []string{"q", "status", "category", "rule", "source", "doc"} {
		if q.Get(k) != "" {
			return true
		}
	}
	return false
}

// bulkLimit caps one bulk decision.
const bulkLimit = 10000

// bulk accepts or rejects the claims selected on the claims page
// (action accept-selected or reject-selected: the ids given), or every
// claim a filtered set holds;
// it refuses to decide on every claim of a kind at once.
func (s *Server) bulk(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.error(w, r, badRequest(err))
		return
	}
	f, err := s.claimFilter(r.Context(), r.PostForm)
	if err != nil {
		s.error(w, r, err)
		return
	}
	verb, selected := strings.CutSuffix(r.PostFormValue("action"), "-selected")
	var action claimex.Status
	switch verb {
	case "accept":
		action = claimex.Accepted
	case "reject":
		action = claimex.Rejected
	default:
		s.error(w, r, badRequestf("a bulk action must be accept or reject"))
		return
	}
	var ids []int64
	if selected {
		for _, v := range r.PostForm["id"] {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil || id <= 0 {
				s.error(w, r, badRequestf("%q is not a claim id", v))
				return
			}
			ids = append(ids, id)
		}
		if len(ids) == 0 {
			s.error(w, r, badRequestf("select some claims first"))
			return
		}
		if len(ids) > bulkLimit {
			s.error(w, r, badRequestf("more than %d claims selected", bulkLimit))
			return
		}
	} else {
		if !filtered(r.PostForm) {
			s.error(w, r, badRequestf("a decision on every claim at once is refused: filter the claims, or select rows"))
			return
		}
		err = s.cfg.Store.Claims(r.Context(), f, func(v store.ClaimView) error {
			if len(ids) >= bulkLimit {
				return errTooMany
			}
			ids = append(ids, v.ID)
			return nil
		})
		if errors.Is(err, errTooMany) {
			s.error(w, r, badRequestf("more than %d claims selected; narrow the filters", bulkLimit))
			return
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
	}
	who := me(r)
	for _, id := range ids {
		if _, err := s.cfg.Store.Decide(r.Context(), store.Decision{ClaimID: id, Action: action, Reviewer: who.Name,
			Note: r.PostFormValue("note"), Holder: who.Session}); err != nil {
			s.error(w, r, err)
			return
		}
	}
	for _, k := range []string{"csrf", "action", "note", "id"} {
		r.PostForm.Del(k)
	}
	http.Redirect(w, r, "/claims?"+r.PostForm.Encode(), http.StatusSeeOther)
}

var errTooMany = errors.New("too many claims")

// export streams an export of the filtered claims (or all documents or
// entities) as a download.
func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := s.claimFilter(r.Context(), q)
	if err != nil {
		s.error(w, r, err)
		return
	}
	format := export.Format(q.Get("format"))
	known := false
	for _, k := range export.Formats {
		known = known || k == format
	}
	what := q.Get("what")
	if what == "" {
		what = "claims"
	}
	if !known || (what != "claims" && what != "documents" && what != "entities") {
		s.error(w, r, badRequestf("unknown export: what=%q format=%q", what, format))
		return
	}
	// An export may be large: it gets longer to be written than a page.
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(s.cfg.Timeouts.Export))
	types := map[export.Format]string{export.JSONL: "application/x-ndjson", export.JSON: "application/json",
		export.CSV: "text/csv", export.JSONLD: "application/ld+json"}
	w.Header().Set("Content-Type", types[format]+"; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="claimex-%s.%s"`, what, format))
	switch what {
	case "documents":
		_, err = export.Documents(r.Context(), s.cfg.Store, format, w)
	case "entities":
		_, err = export.Entities(r.Context(), s.cfg.Store, format, w)
	default:
		_, err = export.Claims(r.Context(), s.cfg.Store, f, format, w)
	}
	if err != nil {
		s.cfg.Log.Error("export", "error", err)
	}
}

func (s *Server) conflicts(w http.ResponseWriter, r *http.Request) {
	rs, err := s.currentRules(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	groups, evs, err := LoadConflicts(r.Context(), s.cfg.Store, rs, ConflictFilter{})
	if err != nil {
		s.error(w, r, err)
		return
	}
	all := r.URL.Query().Get("all") == "1"
	var shown []GroupView
	for _, g := range groups {
		if g.Disagree || all {
			shown = append(shown, groupView(g, rs, evs))
		}
	}
	s.render(w, r, "conflicts", map[string]any{"Groups": shown, "All": all})
}

// GroupView is a group of figures with its chart, the class of its
// category's colour and its event.
type GroupView struct {
	Group
	Chart     Chart
	Class     string
	EventView *EventView
}

func groupView(g Group, rs *rules.Rules, evs map[int64]store.EventSummary) GroupView {
	v := GroupView{Group: g, Chart: chartOf(g), Class: palette{rs}.Class(g.Category)}
	if e, ok := evs[g.Event]; ok {
		v.EventView = &EventView{EventSummary: e}
	}
	return v
}

// EventView is an event as the pages show it.
type EventView struct {
	store.EventSummary
}

// Span is the event's dates: "7 Jan 2022", "2 – 9 Jan 2022", "undated".
func (e EventView) Span() string {
	first, err1 := time.Parse(time.DateOnly, e.First)
	last, err2 := time.Parse(time.DateOnly, e.Last)
	switch {
	case err1 != nil || err2 != nil:
		return "undated"
	case first.Equal(last):
		return first.Format("2 Jan 2006")
	case first.Year() != last.Year():
		return first.Format("2 Jan 2006") + " – " + last.Format("2 Jan 2006")
	case first.Month() != last.Month():
		return first.Format("2 Jan") + " – " + last.Format("2 Jan 2006")
	}
	return first.Format("2") + " – " + last.Format("2 Jan 2006")
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	list, err := s.cfg.Store.Events(r.Context(), 0)
	if err != nil {
		s.error(w, r, err)
		return
	}
	views := make([]EventView, len(list))
	for i, e := range list {
		views[i] = EventView{e}
	}
	s.render(w, r, "events", map[string]any{"Events": views, "Message": r.URL.Query().Get("msg")})
}

func (s *Server) event(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	rs, err := s.currentRules(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	groups, evs, err := LoadConflicts(r.Context(), s.cfg.Store, rs, ConflictFilter{Event: id})
	if err != nil {
		s.error(w, r, err)
		return
	}
	docs, err := s.cfg.Store.DocumentSummaries(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	e := evs[id]
	in := map[int64]bool{}
	for _, d := range e.Documents {
		in[d] = true
	}
	var mine []store.DocumentSummary
	for _, d := range docs {
		if in[d.ID] {
			mine = append(mine, d)
		}
	}
	views := make([]GroupView, len(groups))
	for i, g := range groups {
		views[i] = groupView(g, rs, nil)
	}
	s.render(w, r, "event", map[string]any{"Event": EventView{e}, "Documents": mine, "Groups": views})
}

// correctEvents merges two events or moves a document, and groups the
// documents again.
func (s *Server) correctEvents(w http.ResponseWriter, r *http.Request) {
	num := func(field string, blankIsNew bool) (int64, error) {
		v := strings.TrimSpace(r.PostFormValue(field))
		if blankIsNew && (v == "" || v == "new") {
			return 0, nil
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return 0, badRequestf("%q is no event or document number", v)
		}
		return n, nil
	}
	kind := r.PostFormValue("kind")
	if kind != claimex.EventMerge && kind != claimex.EventMove {
		s.error(w, r, badRequestf("a correction must be a merge or a move"))
		return
	}
	a, err := num("a", false)
	if err != nil {
		s.error(w, r, err)
		return
	}
	b, err := num("b", kind == claimex.EventMove)
	if err != nil {
		s.error(w, r, err)
		return
	}
	e, n, err := pipeline.CorrectEvents(r.Context(), s.cfg.Store, kind, a, b, s.cfg.Reviewer)
	if err != nil {
		s.error(w, r, err)
		return
	}
	msg := fmt.Sprintf("merged events %d and %d into event %d; %d events in all", a, b, e, n)
	if kind == claimex.EventMove {
		msg = fmt.Sprintf("moved document %d to event %d; %d events in all", a, e, n)
	}
	http.Redirect(w, r, "/events?msg="+url.QueryEscape(msg), http.StatusSeeOther)
}

func (s *Server) entities(w http.ResponseWriter, r *http.Request) {
	list, err := s.cfg.Store.Entities(r.Context(), store.EntityFilter{Type: r.URL.Query().Get("type"), Name: r.URL.Query().Get("name")})
	if err != nil {
		s.error(w, r, err)
		return
	}
	statuses, err := s.cfg.Store.EntityStatuses(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	p := pageOf(r)
	shown := onPage(list, p, entityPage)
	views := make([]entityView, len(shown))
	for i, e := range shown {
		views[i].Entity = e
		for _, n := range e.Names {
			if n.Why != "" {
				views[i].Merged = append(views[i].Merged, mergedName{Name: n.Name, Rule: n.Why, Text: claimex.WhyText(n.Why, n.Via)})
			}
		}
	}
	s.render(w, r, "entities", map[string]any{"Entities": views, "Pager": newPager(r, p, entityPage, len(list)),
		"Statuses": statuses, "Query": r.URL.Query(), "Message": r.URL.Query().Get("msg")})
}

// entityView is an entity on the entities page, with why its names were
// merged, so that a reviewer can trust the merge or split a name out.
type entityView struct {
	store.Entity
	Merged []mergedName
}

// mergedName is a name resolution merged into an entity: the rule, and
// the rule in words.
type mergedName struct {
	Name, Rule, Text string
}

// entityPage is how many entities a page of the entities table shows.
const entityPage = 50

// correctEntities merges or splits entities and resolves names again.
func (s *Server) correctEntities(w http.ResponseWriter, r *http.Request) {
	c := claimex.EntityCorrection{A: strings.TrimSpace(r.PostFormValue("a")), B: strings.TrimSpace(r.PostFormValue("b")),
		Reviewer: me(r).Name}
	switch r.PostFormValue("kind") {
	case "merge":
		c.Kind = claimex.Merge
		if c.A == "" || c.B == "" {
			s.error(w, r, badRequestf("a merge needs two names"))
			return
		}
	case "split":
		c.Kind, c.B = claimex.Split, ""
		if c.A == "" {
			s.error(w, r, badRequestf("a split needs a name"))
			return
		}
	default:
		s.error(w, r, badRequestf("a correction must be a merge or a split"))
		return
	}
	msg, err := s.applyCorrection(r.Context(), c)
	if err != nil {
		s.error(w, r, err)
		return
	}
	http.Redirect(w, r, "/entities?msg="+url.QueryEscape(msg), http.StatusSeeOther)
}

func joinCategories(cats []claimex.Category) string {
	names := make([]string, len(cats))
	for i, c := range cats {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}
