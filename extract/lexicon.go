package extract

import (
	"sort"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
)

// lexicon is the rules' word lists arranged for matching tokens: longest
// phrases first, so "death toll" wins over "death".
type lexicon struct {
	triggers   []trigger
	qualifiers []qualifierPhrase
	vague      []rules.Phrase
}

type trigger struct {
	phrase   rules.Phrase
	category claimex.Category
}

type qualifierPhrase struct {
	phrase    rules.Phrase
	qualifier claimex.Qualifier
}

func newLexicon(r *rules.Rules) lexicon {
	var lx lexicon
	for _, c := range r.Categories {
		for _, p := range c.Triggers {
			lx.triggers = append(lx.triggers, trigger{p, c.Name})
		}
	}
	for _, q := range r.Qualifiers {
		for _, p := range q.Phrases {
			lx.qualifiers = append(lx.qualifiers, qualifierPhrase{p, q.Name})
		}
	}
	lx.vague = append(lx.vague, r.Vague...)
	sort.SliceStable(lx.triggers, func(i, j int) bool {
		return len(lx.triggers[i].phrase.Words) > len(lx.triggers[j].phrase.Words)
	})
	sort.SliceStable(lx.qualifiers, func(i, j int) bool {
		return len(lx.qualifiers[i].phrase.Words) > len(lx.qualifiers[j].phrase.Words)
	})
	sort.SliceStable(lx.vague, func(i, j int) bool { return len(lx.vague[i].Words) > len(lx.vague[j].Words) })
	return lx
}

// triggerAt returns the category of the longest trigger starting at
// words[i], and how many words it spans.
func (lx *lexicon) triggerAt(words []string, i int) (claimex.Category, int) {
	for _, t := range lx.triggers {
		if t.phrase.MatchAt(words[i:]) {
			return t.category, len(t.phrase.Words)
		}
	}
	return "", 0
}

// qualifierBefore returns the qualifier whose phrase ends just before
// words[i], and the index where the phrase starts.
func (lx *lexicon) qualifierBefore(words []string, i int) (claimex.Qualifier, int) {
	for _, q := range lx.qualifiers {
		n := len(q.phrase.Words)
		if n <= i && q.phrase.MatchAt(words[i-n:i]) {
			return q.qualifier, i - n
		}
	}
	return "", i
}

// vagueAt returns the longest vague amount starting at words[i].
func (lx *lexicon) vagueAt(words []string, i int) (rules.Phrase, bool) {
	for _, p := range lx.vague {
		if p.MatchAt(words[i:]) {
			return p, true
		}
	}
	return rules.Phrase{}, false
}
