package events

import (
	"strings"

	"github.com/claimex/claimex/extract"
	"github.com/claimex/claimex/rules"
)

// Levels of a place key: how specific a place is.
const (
	levelCountry = 1
	levelRegion  = 2
	levelCity    = 3 // a city, or a place the gazetteer does not hold
)

// placeKey is a place and the places that hold it, most specific first:
// Almaty is "city:Kazakhstan/Almaty", "region:Kazakhstan/Almaty Qalasy",
// "country:Kazakhstan". Names are kept within their country, so that two
// regions of one name in two countries are two places.
type placeKey struct {
	key, name string
	level     int
	// large marks a city of a million people or more: too large to tell
	// two happenings in it apart.
	large bool
	// named is set for the place a document names, as opposed to those
	// that hold it.
	named bool
}

// containing returns the keys of a place name and of the places holding
// it. A name the gazetteer lacks ("Republic Square") is a place of its
// own, held by nothing known.
func containing(name string) []placeKey {
	p, ok := extract.LookupPlace(name)
	if !ok {
		f := rules.Fold(name)
		if f == "" {
			return nil
		}
		return []placeKey{{"place:" + f, strings.TrimSpace(name), levelCity, false, true}}
	}
	country := p.Country
	if country == "" {
		country = "?"
	}
	var out []placeKey
	switch p.Kind {
	case "city":
		out = append(out, placeKey{"city:" + country + "/" + p.Name, p.Name, levelCity, p.Large, true})
		if p.Region != "" {
			out = append(out, placeKey{"region:" + country + "/" + p.Region, p.Region, levelRegion, false, false})
		}
	case "region":
		out = append(out, placeKey{"region:" + country + "/" + p.Name, p.Name, levelRegion, false, true})
	}
	if p.Country != "" {
		out = append(out, placeKey{"country:" + p.Country, p.Country, levelCountry, false, p.Kind == "country"})
	}
	return out
}
