package extract

import (
	"strings"
	"testing"

	"github.com/claimex/claimex"
)

// recognitionCase is a text with the entity mentions it must hold
// ("TYPE text") and those it must not ("TYPE text", or "* text" for a
// mention of any type).
type recognitionCase struct {
	name, text string
	want, not  []string
}

// recognitionCases are the recognition failures of issue 15, one group
// per class, each with sentences that must read right and sentences that
// must not go wrong the other way.
var recognitionCases = []recognitionCase{
	// Title Case and list lines do not switch the entity model off.
	{"names with lower-case verbs are no headline", "Boris Johnson met the Iraqi Foreign Minister in London today.",
		[]string{"PERSON Boris Johnson", "GPE London"}, nil},
	{"a sentence naming many people", "Ministers Anna Kowalczyk and Pieter de Vries visited Warsaw and Rotterdam on Monday.",
		[]string{"GPE Warsaw", "GPE Rotterdam"}, nil},
	{"a headline in Title Case names no everyday word", "Police Arrest Dozens After Protests Turn Violent",
		nil, []string{"* Police", "* Protests", "* Violent"}},
	{"a results line", "1. Marta Lindqvist (Sweden) 48.25",
		[]string{"GPE Sweden"}, nil},

	// A table of names is read whatever language the detector hears in it.
	{"a standings table", "FOOTBALL - LEAGUE STANDINGS\nBayern Munich 10 7 2 1 20 8 23\nBorussia Dortmund 10 6 3 1 22 10 21\n" +
		"Bayer Leverkusen 10 5 3 2 18 11 18\nWerder Bremen 10 3 4 3 16 16 13\nKarlsruhe 10 5 2 3 17 13 17\n",
		[]string{"ORG Bayern Munich", "ORG Borussia Dortmund", "ORG Bayer Leverkusen", "ORG Werder Bremen", "ORG Karlsruhe"},
		[]string{"ORG FOOTBALL", "ORG STANDINGS", "GPE Munich"}},
	{"prose in another language stays unread", "Die Bundesregierung hat am Montag in Berlin neue Maßnahmen beschlossen, " +
		"die ab dem kommenden Jahr gelten sollen.\nDer Minister sagte, man werde die Kosten der Reform in den nächsten " +
		"Wochen genau prüfen und dem Parlament einen Bericht vorlegen.\n",
		nil, []string{"GPE Berlin", "* Bundesregierung"}},

	// A town's name is a club's or a company's where the context says so.
	{"a club beats another", "Leeds beat Chelsea 2-1 on Saturday.",
		[]string{"ORG Leeds", "ORG Chelsea"}, []string{"GPE Leeds", "GPE Chelsea"}},
	{"signed for a club", "The striker signed for Barcelona last summer.",
		[]string{"ORG Barcelona"}, []string{"GPE Barcelona"}},
	{"a score line", "Leeds 2 Chelsea 1.",
		[]string{"ORG Leeds", "ORG Chelsea"}, nil},
	{"rain in a town stays a place", "Heavy rain fell in Leeds on Saturday.",
		[]string{"GPE Leeds"}, []string{"ORG Leeds"}},
	{"a national team stays a place", "Japan beat Syria 2-1 in the qualifier.",
		[]string{"GPE Japan", "GPE Syria"}, []string{"ORG Japan", "ORG Syria"}},
	{"moving to a city stays a place", "She moved to Barcelona in 1999.",
		[]string{"GPE Barcelona"}, []string{"ORG Barcelona"}},

	// A town's name closing a person's is the surname.
	{"a surname that is a town", "Philip Hammond spoke to reporters.",
		[]string{"PERSON Philip Hammond"}, []string{"GPE Hammond"}},
	{"a given name that is a verb", "Said Hassan spoke to reporters on Tuesday.",
		[]string{"PERSON Said Hassan"}, []string{"GPE Hassan"}},
	{"a surname that is a country", "Fans cheered as Michael Jordan arrived.",
		[]string{"PERSON Michael Jordan"}, []string{"GPE Jordan"}},
	{"the country alone stays a place", "The delegation flew to Jordan on Monday.",
		[]string{"GPE Jordan"}, []string{"PERSON Jordan"}},

	// Institutions named after their buildings.
	{"the Kremlin speaks", "The Kremlin said on Friday that talks would resume.",
		[]string{"ORG Kremlin"}, []string{"LOC Kremlin", "GPE Kremlin"}},
	{"the White House speaks", "The White House declined to comment.",
		[]string{"ORG White House"}, nil},

	// Organisations with no organisation shape.
	{"the United Nations", "He addressed the United Nations in New York.",
		[]string{"ORG United Nations"}, []string{"GPE United"}},
	{"the House of Commons", "The House of Commons voted on the bill.",
		[]string{"ORG House of Commons"}, nil},
	{"a bank of brothers", "She worked for Salomon Brothers before the merger.",
		[]string{"ORG Salomon Brothers"}, []string{"PERSON Salomon Brothers"}},
	{"an armed group known by its name", "Fighters of the Islamic State of Iraq and the Levant withdrew.",
		[]string{"ORG Islamic State of Iraq and the Levant"}, nil},
	{"two governments are two", "Talks between the Government of Iraq and the Kurdistan Regional Government resumed.",
		[]string{"ORG Government of Iraq", "ORG Kurdistan Regional Government"},
		[]string{"ORG Government of Iraq and the Kurdistan Regional Government"}},
	{"a demonym and a body", "Relations between the Iraqi government and the Kurdistan regional government improved.",
		[]string{"ORG Iraqi government", "ORG Kurdistan regional government"}, nil},
	{"a military unit with its ordinal", "Airmen deployed from the 158th Fighter Wing arrived.",
		[]string{"ORG 158th Fighter Wing"}, nil},
	{"an office of a department", "Cases go to the Department of Treasury's Office of Foreign Assets Control.",
		[]string{"ORG Department of Treasury's Office of Foreign Assets Control"}, nil},

	// Boundaries.
	{"a club's opening word", "AC Milan won the derby.",
		[]string{"ORG AC Milan"}, []string{"ORG AC", "GPE Milan"}},
	{"a company's opening word", "PT Tambang Timah shares rose 4 percent.",
		[]string{"ORG PT Tambang Timah"}, []string{"ORG PT"}},
	{"a middle initial", "Army Lt. Gen. Robert K. Hale, the commander, said so.",
		[]string{"PERSON Robert K. Hale"}, []string{"PERSON Robert K"}},
	{"a middle initial ending a segment", "Spc. Daniel R. Ostrowski, of Dayton, Ohio, died on Monday.",
		[]string{"PERSON Daniel R. Ostrowski"}, []string{"PERSON Daniel R"}},
	{"a mountain", "Families fled to Mount Sinjar in August.",
		[]string{"LOC Mount Sinjar"}, []string{"PERSON Mount Sinjar"}},
	{"two lakes are two", "Water levels fell at Lake Tharthar and Lake Habbaniyah.",
		[]string{"LOC Lake Tharthar", "LOC Lake Habbaniyah"}, []string{"PERSON Lake Tharthar"}},
	{"a river", "Boats crossed the Euphrates River at dawn.",
		[]string{"LOC Euphrates River"}, nil},
	{"an Arabic place after near", "Near Al Huwayjah, one strike hit a depot.",
		[]string{"GPE Al Huwayjah"}, []string{"PERSON Al Huwayjah"}},
	{"an Arabic place by its article", "Troops entered Al-Fallujah and Fallujah's outskirts.",
		[]string{"GPE Al-Fallujah"}, []string{"PERSON Al-Fallujah"}},
	{"a place named Ayn", "Strikes near Ayn Isa destroyed two tanks.",
		[]string{"LOC Ayn Isa"}, []string{"PERSON Ayn Isa"}},
	{"a title as a surname", "Foreign Minister Julie Bishop met her counterpart.",
		[]string{"PERSON Julie Bishop"}, []string{"PERSON Julie"}},
	{"a title's domain before the name", "Secretary of Defense Ash Carter will host the ministers.",
		[]string{"PERSON Ash Carter"}, nil},

	// All capitals.
	{"acronyms that name no body", "GDP rose 3 percent YTD, the MP said at 10 A.M.",
		nil, []string{"ORG GDP", "ORG YTD", "ORG MP", "ORG A.M."}},
	{"acronyms with digits or numerals", "Users of IE6 and STS-135 fans read part XVII.",
		nil, []string{"ORG IE6", "ORG STS-135", "ORG XVII"}},
	{"an acronym of a body stays one", "NATO and the CJTF-OIR coalition met.",
		[]string{"ORG NATO", "ORG CJTF-OIR"}, nil},
	{"a country in a shouted line", "SOCCER - JAPAN GET LUCKY WIN, CHINA IN SURPRISE DEFEAT.",
		[]string{"GPE JAPAN", "GPE CHINA"}, nil},

	// Nationality adjectives and peoples.
	{"nationality adjectives", "German and Belgian officials met in Brussels.",
		[]string{"GPE Brussels"}, []string{"* German", "* Belgian"}},
	{"nationality nouns", "Iraqis and Afghans queued at the border.",
		nil, []string{"* Iraqis", "* Afghans"}},
	{"peoples and faiths", "The town is home to Shia Arab and Kurdish families.",
		nil, []string{"* Shia Arab", "* Arab", "* Kurdish"}},

	// Names with particles.
	{"a president with al-", "President Bashar al-Assad met the envoy.",
		[]string{"PERSON Bashar al-Assad"}, []string{"PERSON Bashar"}},
	{"a surname with el- alone", "The talks were hosted by el-Sisi in Cairo.",
		[]string{"PERSON el-Sisi", "GPE Cairo"}, nil},
	{"a full name with al-", "A video of Ayman al-Zawahiri surfaced.",
		[]string{"PERSON Ayman al-Zawahiri"}, nil},
	{"bin between names", "Mohammed bin Salman visited the port.",
		[]string{"PERSON Mohammed bin Salman"}, nil},
	{"Abu opening a name", "The group was founded by Abu Musab al-Zarqawi.",
		[]string{"PERSON Abu Musab al-Zarqawi"}, nil},
	{"a title phrase with a particle", "The Chargé d'Affaires spoke at the ceremony.",
		nil, []string{"PERSON d'Affaires"}},
	{"an article alone is no name", "Militants held Salah at-Din for a week.",
		nil, []string{"PERSON at-Din"}},
	{"a regime named for a man", "It documents abuses by the Asad regime against civilians.",
		[]string{"PERSON Asad"}, nil},
	{"a gloss in another language names no one", "The Black Book (Mishefa Reş in Kurdish) is a holy text.",
		nil, []string{"PERSON Mishefa Reş"}},
	{"the Arabic article opens no given name", "He spoke to the channel Al Sumaria on Sunday.",
		nil, []string{"PERSON Al Sumaria"}},
}

// entityTexts returns the entity mentions of claims as "TYPE text".
func entityTexts(claims []claimex.Claim) map[string]bool {
	out := map[string]bool{}
	for _, c := range claims {
		if c.Kind == claimex.KindEntity {
			out[c.EntityType+" "+c.Text] = true
			out["* "+c.Text] = true
		}
	}
	return out
}

func TestRecognition(t *testing.T) {
	x := extractor(t)
	for _, tc := range recognitionCases {
		t.Run(tc.name, func(t *testing.T) {
			got := entityTexts(x.Extract(docOf(tc.text)))
			var have []string
			for k := range got {
				if !strings.HasPrefix(k, "* ") {
					have = append(have, k)
				}
			}
			for _, w := range tc.want {
				if !got[w] {
					t.Errorf("%q: no %s; have %q", tc.text, w, have)
				}
			}
			for _, n := range tc.not {
				if got[n] {
					t.Errorf("%q: %s, want none", tc.text, n)
				}
			}
		})
	}
}
