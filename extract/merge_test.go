package extract

import (
	"testing"
	"unicode"

	"github.com/claimex/claimex"
)

// together is a name that must join another's entity, with the rule that
// joins it to the name it joined (its Why); apart are names that must
// stay in two entities.
type together struct{ name, with, why string }

func TestMergeVariants(t *testing.T) {
	person := func(names ...string) []claimex.NameUse { return uses(claimex.Person, names...) }
	org := func(names ...string) []claimex.NameUse { return uses(claimex.Org, names...) }
	use := func(name, typ string, n int) claimex.NameUse {
		return claimex.NameUse{Name: name, Type: typ, Mentions: n}
	}
	join := func(u ...[]claimex.NameUse) []claimex.NameUse {
		var out []claimex.NameUse
		for _, x := range u {
			out = append(out, x...)
		}
		return out
	}
	tests := []struct {
		name     string
		uses     []claimex.NameUse
		aliases  []claimex.NameAlias
		together []together
		apart    [][2]string
	}{
		{"initial Y, E and J", person("Boris Yeltsin", "Boris Eltsin", "Boris Jelzin", "Naina Yeltsina"),
			nil, []together{{"Boris Eltsin", "Boris Yeltsin", claimex.WhyTransliteration},
				{"Boris Jelzin", "Boris Yeltsin", claimex.WhyTransliteration}},
			[][2]string{{"Boris Yeltsin", "Naina Yeltsina"}}},
		{"hyphen or space", person("Kim Jong-un", "Kim Jong Un", "Kim Jong-il", "Kim Il Sung"),
			nil, []together{{"Kim Jong Un", "Kim Jong-un", claimex.WhyFolding}},
			[][2]string{{"Kim Jong-un", "Kim Jong-il"}, {"Kim Jong Un", "Kim Il Sung"}}},
		{"letters without decomposition", person("Lech Wałęsa", "Lech Walesa", "İlham Əliyev", "Ilham Aliyev", "Heydar Aliyev"),
			nil, []together{{"Lech Walesa", "Lech Wałęsa", claimex.WhyFolding}, {"Ilham Aliyev", "İlham Əliyev", claimex.WhyFolding}},
			[][2]string{{"Ilham Aliyev", "Heydar Aliyev"}}},
		{"a given name more", person("Recep Tayyip Erdoğan", "Tayyip Erdogan", "Recep Tayyip Erdogan", "Emine Erdoğan"),
			nil, []together{{"Tayyip Erdogan", "Recep Tayyip Erdoğan", claimex.WhyGivenNames},
				{"Recep Tayyip Erdogan", "Recep Tayyip Erdoğan", claimex.WhyFolding}},
			[][2]string{{"Tayyip Erdogan", "Emine Erdoğan"}}},
		{"a first name more", person("Muhammad Hosni Mubarak", "Hosni Mubarak", "Gamal Mubarak", "Mubarak"),
			nil, []together{{"Hosni Mubarak", "Muhammad Hosni Mubarak", claimex.WhyGivenNames}},
			[][2]string{{"Hosni Mubarak", "Gamal Mubarak"}, {"Mubarak", "Gamal Mubarak"}, {"Mubarak", "Hosni Mubarak"}}},
		{"Usama and Osama", person("Osama bin Laden", "Usama bin Ladin", "Hamza bin Laden"),
			nil, []together{{"Usama bin Ladin", "Osama bin Laden", claimex.WhyTransliteration}},
			[][2]string{{"Osama bin Laden", "Hamza bin Laden"}}},
		{"Abdul Aziz and Abdelaziz", person("Abdelaziz Bouteflika", "Abdul Aziz Bouteflika", "Said Bouteflika"),
			nil, []together{{"Abdul Aziz Bouteflika", "Abdelaziz Bouteflika", claimex.WhyTransliteration}},
			[][2]string{{"Abdelaziz Bouteflika", "Said Bouteflika"}}},
		{"ou, o and ow", person("Youssef Chahed", "Yusuf Chahed", "Mikhail Gorbachev", "Michail Gorbatschow"),
			nil, []together{{"Yusuf Chahed", "Youssef Chahed", claimex.WhyTransliteration},
				{"Michail Gorbatschow", "Mikhail Gorbachev", claimex.WhyTransliteration}}, nil},
		{"g, k and q", person("Muammar Gaddafi", "Muammar Qaddafi", "Moammar Kadhafi"),
			nil, []together{{"Muammar Qaddafi", "Muammar Gaddafi", claimex.WhyTransliteration},
				{"Moammar Kadhafi", "Muammar Gaddafi", claimex.WhyTransliteration}}, nil},
		{"nickname with the full name", person("Antony Blinken", "Tony Blinken", "William Clinton", "Bill Clinton", "Hillary Clinton"),
			nil, []together{{"Tony Blinken", "Antony Blinken", claimex.WhyNickname}, {"Bill Clinton", "William Clinton", claimex.WhyNickname}},
			[][2]string{{"Bill Clinton", "Hillary Clinton"}}},
		{"a truncation is a nickname", person("Christopher Wray", "Chris Wray", "Alexander Litvinenko", "Alex Litvinenko"),
			nil, []together{{"Chris Wray", "Christopher Wray", claimex.WhyNickname},
				{"Alex Litvinenko", "Alexander Litvinenko", claimex.WhyNickname}}, nil},
		{"a nickname two people fit", person("Christopher Smith", "Christine Smith", "Chris Smith"), nil, nil,
			[][2]string{{"Chris Smith", "Christopher Smith"}, {"Chris Smith", "Christine Smith"}}},
		{"a nickname with no full name", person("Bill Smith", "Jane Smith"), nil, nil, [][2]string{{"Bill Smith", "Jane Smith"}}},
		{"surname across documents", person("John Kerry", "Kerry", "Sergei Lavrov", "Lavrov"),
			nil, []together{{"Kerry", "John Kerry", claimex.WhySurname}, {"Lavrov", "Sergei Lavrov", claimex.WhySurname}}, nil},
		{"surname of two people", person("Jane Smith", "John Smith", "Smith", "J. Smith"), nil, nil,
			[][2]string{{"Smith", "Jane Smith"}, {"Smith", "John Smith"}, {"J. Smith", "Jane Smith"}, {"J. Smith", "John Smith"},
				{"Jane Smith", "John Smith"}}},
		{"father and son", person("George W. Bush", "George H. W. Bush", "George Bush", "Jeb Bush"), nil, nil,
			[][2]string{{"George W. Bush", "George H. W. Bush"}, {"George Bush", "George W. Bush"}, {"George Bush", "George H. W. Bush"},
				{"Jeb Bush", "George Bush"}}},
		{"a middle initial more", person("George W. Bush", "George Bush", "Joseph L. Votel", "Joseph Votel"),
			nil, []together{{"George Bush", "George W. Bush", claimex.WhyGivenNames}, {"Joseph Votel", "Joseph L. Votel", claimex.WhyGivenNames}},
			nil},
		{"initials", person("Ivan Petrov", "I. Petrov", "Anna Petrova"),
			nil, []together{{"I. Petrov", "Ivan Petrov", claimex.WhyGivenNames}},
			[][2]string{{"Ivan Petrov", "Anna Petrova"}, {"I. Petrov", "Anna Petrova"}}},
		{"generations", person("Robert F. Kennedy Jr.", "Robert F. Kennedy Sr.", "Robert Kennedy Jr."),
			nil, []together{{"Robert Kennedy Jr.", "Robert F. Kennedy Jr.", claimex.WhyGivenNames}},
			[][2]string{{"Robert F. Kennedy Jr.", "Robert F. Kennedy Sr."}}},
		{"siblings", person("Raúl Castro", "Raul Castro", "Fidel Castro", "Ed Miliband", "David Miliband", "Edward Miliband"),
			nil, []together{{"Raul Castro", "Raúl Castro", claimex.WhyFolding}, {"Ed Miliband", "Edward Miliband", claimex.WhyNickname}},
			[][2]string{{"Raúl Castro", "Fidel Castro"}, {"Ed Miliband", "David Miliband"}}},
		{"a surname in capitals taken for an organisation", join(person("John Kirby"), org("KIRBY", "NATO")),
			nil, []together{{"KIRBY", "John Kirby", claimex.WhySurname}}, [][2]string{{"NATO", "John Kirby"}}},
		{"a surname taken for a town", []claimex.NameUse{use("Philip Hammond", claimex.Person, 4), use("Hammond", claimex.GPE, 1),
			use("George Washington", claimex.Person, 1), use("Washington", claimex.GPE, 6)},
			nil, []together{{"Hammond", "Philip Hammond", claimex.WhySurname}}, [][2]string{{"Washington", "George Washington"}}},
		{"a country or its adjective", org("Iraqi Security Forces", "Iraq’s Security Forces", "ISF", "Syrian Security Forces"),
			nil, []together{{"Iraq’s Security Forces", "Iraqi Security Forces", claimex.WhyWords},
				{"Iraqi Security Forces", "ISF", claimex.WhyAcronym}},
			[][2]string{{"Iraqi Security Forces", "Syrian Security Forces"}}},
		{"clipped acronyms", org("CENTCOM", "U.S. Central Command", "SOCOM", "Special Operations Command", "CENTRAL"),
			nil, []together{{"U.S. Central Command", "CENTCOM", claimex.WhyAcronym}, {"Special Operations Command", "SOCOM", claimex.WhyAcronym}},
			[][2]string{{"CENTRAL", "CENTCOM"}}},
		{"without the country", org("State Department", "U.S. Department of State", "Department of the Treasury",
			"United States Department of the Treasury"),
			nil, []together{{"State Department", "U.S. Department of State", claimex.WhyQualifier},
				{"Department of the Treasury", "United States Department of the Treasury", claimex.WhyQualifier}},
			[][2]string{{"State Department", "Department of the Treasury"}}},
		{"without the parent", org("Security Council", "UN Security Council", "United Nations Security Council", "UNSC", "UN",
			"National Security Council"),
			nil, []together{{"Security Council", "UN Security Council", claimex.WhyQualifier},
				{"UN Security Council", "United Nations Security Council", claimex.WhyAcronym}},
			[][2]string{{"National Security Council", "UNSC"}, {"UN", "UNSC"}}},
		{"the level of a government", org("Federal Government of Iraq", "Government of Iraq", "Government of Syria"),
			nil, []together{{"Federal Government of Iraq", "Government of Iraq", claimex.WhyQualifier}},
			[][2]string{{"Government of Iraq", "Government of Syria"}}},
		{"two countries add one", org("Ministry of Defence", "Iraqi Ministry of Defence", "British Ministry of Defence"), nil, nil,
			[][2]string{{"Ministry of Defence", "Iraqi Ministry of Defence"}, {"Ministry of Defence", "British Ministry of Defence"},
				{"Iraqi Ministry of Defence", "British Ministry of Defence"}}},
		{"a country inside a name", org("Royal Air Force", "Royal Jordanian Air Force"), nil, nil,
			[][2]string{{"Royal Air Force", "Royal Jordanian Air Force"}}},
		{"two bodies in one name", org("Kurdistan Regional Government", "Government of Iraq and the Kurdistan Regional Government", "GOI",
			"Government of Iraq"), nil, nil,
			[][2]string{{"Kurdistan Regional Government", "Government of Iraq and the Kurdistan Regional Government"}}},
		{"defined aliases", join(org("ISIL", "DAESH", "Hamas", "Islamic Resistance Movement"), uses(claimex.GPE, "Mosul")),
			[]claimex.NameAlias{{Name: "ISIL", Alias: "DAESH"}, {Name: "Islamic Resistance Movement", Alias: "Hamas"}, {Name: "Hamas", Alias: "Mosul"}},
			[]together{{"DAESH", "ISIL", claimex.WhyAlias}, {"Hamas", "Islamic Resistance Movement", claimex.WhyAlias}},
			[][2]string{{"Hamas", "Mosul"}, {"ISIL", "Hamas"}}},
		{"places", uses(claimex.GPE, "Kyiv", "Kiev", "USA", "United States", "Nur-Sultan", "Nure-Sultan"),
			nil, []together{{"USA", "United States", claimex.WhyPlace}, {"Nure-Sultan", "Nur-Sultan", claimex.WhyPlace}}, nil},
	}
	merges := 0
	for _, tt := range tests {
		merges += len(tt.together)
		t.Run(tt.name, func(t *testing.T) {
			out := Resolve(tt.uses, tt.aliases, nil)
			checkMerges(t, out, tt.together, tt.apart)
			for _, n := range out {
				if (n.Why == "") != (n.Via == "") && n.Why != claimex.WhySplit {
					t.Errorf("%q: why %q via %q", n.Name, n.Why, n.Via)
				}
				if n.Name == n.Canonical && n.Why != "" {
					t.Errorf("canonical %q has a reason %q", n.Name, n.Why)
				}
			}
		})
	}
	if merges < 40 {
		t.Errorf("only %d merges tested", merges)
	}
}

// TestCorrectionsWin: a reviewer's split keeps a name out of the merge
// any rule makes, and a merge joins names no rule would; the names say
// so.
func TestCorrectionsWin(t *testing.T) {
	in := append(uses(claimex.Person, "Antony Blinken", "Tony Blinken", "Boris Yeltsin", "Boris Jelzin", "Jane Smith"),
		uses(claimex.Org, "ISIL", "DAESH", "CENTCOM", "U.S. Central Command")...)
	aliases := []claimex.NameAlias{{Name: "ISIL", Alias: "DAESH"}}
	split := func(a string) claimex.EntityCorrection { return claimex.EntityCorrection{Kind: claimex.Split, A: a} }
	merge := func(a, b string) claimex.EntityCorrection {
		return claimex.EntityCorrection{Kind: claimex.Merge, A: a, B: b}
	}
	tests := []struct {
		name        string
		corrections []claimex.EntityCorrection
		together    [][2]string
		apart       [][2]string
		why         map[string]string
	}{
		{"none", nil, [][2]string{{"Tony Blinken", "Antony Blinken"}, {"DAESH", "ISIL"}, {"CENTCOM", "U.S. Central Command"}},
			[][2]string{{"Jane Smith", "Boris Yeltsin"}}, map[string]string{"Tony Blinken": claimex.WhyNickname, "ISIL": claimex.WhyAlias}},
		{"split a nickname", []claimex.EntityCorrection{split("Tony Blinken")}, nil,
			[][2]string{{"Tony Blinken", "Antony Blinken"}}, map[string]string{"Tony Blinken": claimex.WhySplit}},
		{"split a defined alias", []claimex.EntityCorrection{split("DAESH")}, nil,
			[][2]string{{"DAESH", "ISIL"}}, map[string]string{"DAESH": claimex.WhySplit, "ISIL": ""}},
		{"split an acronym", []claimex.EntityCorrection{split("CENTCOM")}, nil,
			[][2]string{{"CENTCOM", "U.S. Central Command"}}, nil},
		{"merge what no rule does", []claimex.EntityCorrection{merge("Jane Smith", "Boris Jelzin")},
			[][2]string{{"Jane Smith", "Boris Jelzin"}, {"Jane Smith", "Boris Yeltsin"}}, nil,
			map[string]string{"Boris Jelzin": claimex.WhyCorrection}},
		{"a later merge undoes a split", []claimex.EntityCorrection{split("Tony Blinken"), merge("Antony Blinken", "Tony Blinken")},
			[][2]string{{"Tony Blinken", "Antony Blinken"}}, nil, map[string]string{"Tony Blinken": claimex.WhyCorrection}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string]claimex.EntityName{}
			for _, n := range Resolve(in, aliases, tt.corrections) {
				got[n.Name] = n
			}
			for _, p := range tt.together {
				if got[p[0]].Canonical != got[p[1]].Canonical {
					t.Errorf("%q → %q, %q → %q; want one entity", p[0], got[p[0]].Canonical, p[1], got[p[1]].Canonical)
				}
			}
			for _, p := range tt.apart {
				if got[p[0]].Canonical == got[p[1]].Canonical {
					t.Errorf("%q and %q both → %q", p[0], p[1], got[p[0]].Canonical)
				}
			}
			for n, want := range tt.why {
				if got[n].Why != want {
					t.Errorf("%q: why %q (via %q), want %q", n, got[n].Why, got[n].Via, want)
				}
			}
		})
	}
}

func TestFoldLatin(t *testing.T) {
	for in, want := range map[string]string{
		"Wałęsa": "Walesa", "Əliyev": "Aliyev", "İlham": "Ilham", "Øresund": "Oresund", "Straße": "Strasse",
		"Đoković": "Dokovic", "Þór": "Thor", "Œuvre": "Oeuvre", "ıslak": "islak", "Tokáyev": "Tokayev", "Erdoğan": "Erdogan",
		"Nguyễn": "Nguyen", "Smith": "Smith", "Путин": "Путин",
	} {
		if got := foldDiacritics(in); got != want {
			t.Errorf("foldDiacritics(%q) = %q, want %q", in, got, want)
		}
	}
	// Every letter of the Latin script folds to plain letters, but for
	// modifier letters (superscripts, which keys drop) and a few that name
	// no letter they are written with (tone letters, glottal stops).
	left := 0
	for _, tab := range []*unicode.RangeTable{unicode.Latin} {
		for _, rng := range tab.R16 {
			for r := rune(rng.Lo); r <= rune(rng.Hi); r += rune(rng.Stride) {
				if !unicode.IsLetter(r) || unicode.Is(unicode.Lm, r) || r < 0x80 || r >= 0xA720 && r <= 0xA7FF || r >= 0xFF00 {
					continue
				}
				for _, c := range foldDiacritics(string(r)) {
					if c >= 0x80 {
						left++
						break
					}
				}
			}
		}
	}
	if left > 65 {
		t.Errorf("%d Latin letters do not fold to plain letters", left)
	}
}

// checkMerges checks that the names of each together pair are one entity,
// joined by the rule it names, and those of each apart pair two.
func checkMerges(t *testing.T, out []claimex.EntityName, together []together, apart [][2]string) {
	t.Helper()
	got := map[string]claimex.EntityName{}
	for _, n := range out {
		got[n.Name] = n
	}
	for _, w := range together {
		a, b := got[w.name], got[w.with]
		if a.Canonical == "" || a.Canonical != b.Canonical {
			t.Errorf("%q → %q, %q → %q; want one entity", w.name, a.Canonical, w.with, b.Canonical)
			continue
		}
		// The rule is told on the name that joined, or on the other when
		// that one joined it.
		why := a.Why
		if a.Via != w.with && b.Via == w.name {
			why = b.Why
		}
		if why != w.why {
			t.Errorf("%q joined %q (%s via %q; %q: %s via %q), want %s", w.name, w.with, a.Why, a.Via, w.with, b.Why, b.Via, w.why)
		}
	}
	for _, p := range apart {
		if got[p[0]].Canonical == got[p[1]].Canonical {
			t.Errorf("%q and %q both → %q; want two entities", p[0], p[1], got[p[0]].Canonical)
		}
	}
}
