package extract

import (
	"github.com/claimex/claimex"
)

// discourse is what the extractor carries from one sentence to the next
// in a document.
type discourse struct {
	// lastCategory is the category of the last figure given, for
	// "the majority, 103, ...".
	lastCategory claimex.Category
	// lastPerson is the last person named, for "he said".
	lastPerson string
	// para and paraSource are the paragraph of the last count claim and
	// its source, which a figure of the same paragraph with no source of
	// its own inherits (reported speech goes on across sentences).
	para       int
	paraSource string
	// statement is the speaker of a statement that a paragraph introduced
	// ("Minister Ellwood said:"), whose figures the paragraphs after it
	// state.
	statement string
	// inQuote is set while a quotation runs on past a sentence's end;
	// pending are the claims (indexes in the document's claims) made
	// inside it with no source, waiting for the speaker named when the
	// quotation closes: "“Twelve people died. Thirty more were injured,”
	// the governor said."
	inQuote bool
	pending []int
	// victims is what single victims and pairs were counted.
	victims victims
}

// counts appends the count claims of one sentence to out.
func (x *Extractor) counts(s *sentence, d *discourse, out *[]claimex.Claim) {
	if d.para != s.para {
		d.para, d.paraSource, d.inQuote, d.pending = s.para, d.statement, false, nil
	}
	openAtStart := d.inQuote
	d.inQuote = quoteOpenAfter(s, d.inQuote)
	figs := x.figures(s)
	if len(figs) > 0 {
		x.classify(s, figs, d)
	}
	figs = append(figs, x.implicitFigures(s, figs, d)...)
	var srcs []source
	opens := opensStatement(s)
	if len(figs) > 0 || len(d.pending) > 0 || opens {
		srcs = x.sources(s, d)
	}
	if opens && len(srcs) > 0 {
		d.statement = srcs[len(srcs)-1].who
	}
	// A quotation that closes here hands its speaker to the figures it
	// held.
	if len(d.pending) > 0 && !d.inQuote && len(srcs) > 0 {
		for _, k := range d.pending {
			(*out)[k].Attribution = srcs[0].who
		}
		d.pending = nil
	}
	if len(figs) == 0 {
		return
	}
	for _, f := range figs {
		if f.category == "" {
			continue
		}
		c := x.countClaim(s, f)
		c.Attribution = attribution(srcs, f.qFirst, f.postLast)
		switch {
		case c.Attribution != "":
			d.paraSource = c.Attribution
		case d.inQuote || openAtStart && d.paraSource == "":
			d.pending = append(d.pending, len(*out))
		case d.paraSource != "":
			c.Attribution = d.paraSource
		}
		c.Location = x.location(s, f.first, f.postLast)
		*out = append(*out, c)
	}
}

// quoteOpenAfter follows the quotation marks of s from the state open
// and reports whether a quotation is still open at its end.
func quoteOpenAfter(s *sentence, open bool) bool {
	for _, t := range s.toks {
		switch t.Text {
		case "“", "«", "„":
			open = true
		case "”", "»":
			open = false
		case "\"":
			open = !open
		}
	}
	return open
}

// countClaim makes the claim of a classified figure, its span running
// from the qualifier (or the evidence before) to the noun phrase (or the
// evidence after).
func (x *Extractor) countClaim(s *sentence, f *figure) claimex.Claim {
	c := claimex.Claim{Kind: claimex.KindCount, Category: f.category, Qualifier: f.qualifier, Rule: f.rule}
	switch {
	case f.zero:
		c.Value = claimex.Float(0)
	case f.vague != "":
		c.Vague = f.vague
	case f.num.IsRange:
		c.Value, c.ValueMax = claimex.Float(f.num.Value), claimex.Float(f.num.Max)
	default:
		c.Value = claimex.Float(f.num.Value)
	}
	first, last := f.qFirst, f.postLast
	if f.npLast >= f.npFirst {
		c.Subject = subjectText(s, f.npFirst, f.npLast)
		last = max(last, f.npLast)
	} else if sf, sl := x.copulaSubject(s, f); sl >= sf {
		// "of which 19 were law enforcement officers and military personnel"
		c.Subject = subjectText(s, sf, sl)
		last = max(last, sl)
	}
	if f.evFirst >= 0 {
		first = min(first, f.evFirst)
	}
	last = max(last, f.evLast)
	c.Start, c.End = s.span(first, last)
	c.Text = s.text[c.Start-s.start : c.End-s.start]
	c.Sentence = s.text
	c.SentenceStart, c.SentenceEnd = s.start, s.start+len(s.text)
	return c
}

// subjectText is the noun phrase at tokens i..j without stray quotation
// marks at its ends.
func subjectText(s *sentence, i, j int) string {
	for i < j && isQuote(s.words[i]) {
		i++
	}
	for j > i && isQuote(s.words[j]) {
		j--
	}
	return s.cut(i, j)
}

// copulaSubject reads the noun phrase after "were" in a partitive with no
// noun of its own: "of which 19 were law enforcement officers".
func (x *Extractor) copulaSubject(s *sentence, f *figure) (int, int) {
	if f.link != linkPartitive {
		return 0, -1
	}
	j := f.postLast + 1
	switch s.word(j) {
	case "were", "are", "was", "is":
		return x.nounPhrase(s, j+1, false)
	}
	return 0, -1
}

// remember notes the last person a sentence names, for "he said" in the
// sentences after it.
func (d *discourse) remember(s *sentence) {
	for _, m := range s.ments {
		if m.typ == claimex.Person {
			d.lastPerson = personName(s, m)
		}
	}
}

// personName is the name a person mention stands for: its full name when
// the document gives one.
func personName(s *sentence, m mention) string {
	if m.canonical != "" {
		return m.canonical
	}
	return s.cut(m.first, m.last)
}
