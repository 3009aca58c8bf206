package extract

import (
	"strings"
	"testing"

	"github.com/jdkato/prose/v3/tokenize"
)

// triggerCases: the phrasings of displacement, shelter, siege, deployment,
// capture, and deaths and injuries by gunfire, each with its negatives.
var triggerCases = []countCase{
	// Refuge and shelter.
	{"About 300 people sought refuge in a church.", []want{w(displaced, "300", approx, "people")}},
	{"More than 1,000 villagers took refuge in the hills.", []want{w(displaced, "1000", more, "villagers")}},
	{"Some 2,000 residents took shelter in schools.", []want{w(displaced, "2000", approx, "residents")}},
	{"An estimated 5,000 people are staying in shelters.", []want{w(displaced, "5000", approx, "people")}},
	{"Around 800 families are living with host families.", []want{w(displaced, "800", approx, "families")}},
	{"At least 450 people are sheltering in a mosque.", []want{w(displaced, "450", least, "people")}},
	{"About 70 households have sought shelter in the town hall.", []want{w(displaced, "70", approx, "households")}},
	{"More than 3,000 people are seeking refuge across the border.", []want{w(displaced, "3000", more, "people")}},
	{"Some 120 families were taking shelter under plastic sheets.", []want{w(displaced, "120", approx, "families")}},
	{"Over 10,000 people are in relief camps.", []want{w(displaced, "10000", more, "people")}},
	{"1,200 people remain in evacuation centers.", []want{w(displaced, "1200", exact, "people")}},
	{"Nearly 4,000 people are still in evacuation centres.", []want{w(displaced, "4000", less, "people")}},
	{"About 600 people are being housed in temporary shelters.", []want{w(displaced, "600", approx, "people")}},
	{"More than 900 people are staying with host families.", []want{w(displaced, "900", more, "people")}},
	{"Some 250 displaced families are hosted by families in nearby villages.", []want{w(displaced, "250", approx, "displaced families")}},
	{"Thousands of people sought refuge in neighbouring countries.", []want{w(displaced, "~thousands", "", "people")}},
	{"Dozens of families are staying in shelters.", []want{w(displaced, "~dozens", "", "families")}},
	// Leaving home and losing it.
	{"Nearly 600 people were forced to leave their homes.", []want{w(displaced, "600", less, "people")}},
	{"At least 150 people became homeless after the fire.", []want{w(displaced, "150", least, "people")}},
	{"The storm left 500 people homeless.", []want{w(displaced, "500", exact, "people")}},
	{"Some 2,300 people lost their homes in the earthquake.", []want{w(displaced, "2300", approx, "people")}},
	{"About 8,000 residents were forced to flee.", []want{w(displaced, "8000", approx, "residents")}},
	{"More than 400 families were driven from their homes by the fighting.", []want{w(displaced, "400", more, "families")}},
	{"About 1,500 people have been rendered homeless.", []want{w(displaced, "1500", approx, "people")}},
	{"The floods caused 40,000 displacements.", []want{w(displaced, "40000", exact, "displacements")}},
	{"There were 12,000 new displacements in the province last month.", []want{w(displaced, "12000", exact, "new displacements")}},
	{"The fighting led to the displacement of 30,000 people.", []want{w(displaced, "30000", exact, "people")}},
	// Siege, isolation and need.
	{"About 40,000 civilians are besieged in the city.", []want{w(affected, "40000", approx, "civilians")}},
	{"About 200,000 people remain under siege.", []want{w(affected, "200000", approx, "people")}},
	{"More than 2 million people are without access to clean water.", []want{w(affected, "2000000", more, "people")}},
	{"Some 12,000 travellers were stranded by the floods.", []want{w(affected, "12000", approx, "travellers")}},
	{"An estimated 300 people are trapped in the building.", []want{w(affected, "300", approx, "people")}},
	{"Some 1.5 million people are in need of humanitarian assistance.", []want{w(affected, "1500000", approx, "people")}},
	{"Over 50,000 residents were cut off by the landslide.", []want{w(affected, "50000", more, "residents")}},
	{"More than 600,000 people are living in besieged areas.", []want{w(affected, "600000", more, "people")}},
	// Deployment.
	{"The navy sent 300 sailors to the region.", []want{w(deployed, "300", exact, "sailors")}},
	{"Some 1,500 marines arrived on the island.", []want{w(deployed, "1500", approx, "marines")}},
	{"An additional 125 soldiers will assist in training the army.", []want{w(deployed, "125", exact, "soldiers")}},
	{"About 2,000 military personnel are in the region for the exercise.", []want{w(deployed, "2000", approx, "military personnel")}},
	{"Ninety airmen departed for the base on Monday.", []want{w(deployed, "90", exact, "airmen")}},
	{"The country has 40 military advisers in the capital.", []want{w(deployed, "40", exact, "military advisers")}},
	// Capture.
	{"The army took 40 prisoners.", []want{w(arrested, "40", exact, "prisoners")}},
	{"Some 300 prisoners of war were exchanged.", []want{w(arrested, "300", approx, "prisoners of war")}},
	{"Rebels said 25 soldiers had been taken prisoner.", []want{w(arrested, "25", exact, "soldiers").by("Rebels")}},
	// Gunfire and hospital.
	{"A gunman shot and killed three people.", []want{w(killed, "3", exact, "people")}},
	{"Two people were fatally shot.", []want{w(killed, "2", exact, "people")}},
	{"Three were found dead in the house.", []want{w(killed, "3", exact, "-")}},
	{"Police said 4 people were shot and killed.", []want{w(killed, "4", exact, "people").by("Police")}},
	{"Five people were shot and wounded.", []want{w(injured, "5", exact, "people")}},
	{"Two officers are in critical condition.", []want{w(injured, "2", exact, "officers")}},
	{"Three people were rushed to hospital.", []want{w(injured, "3", exact, "people")}},
	{"12 people suffered injuries in the crash.", []want{w(injured, "12", exact, "people")}},
	{"Four were treated at a hospital for smoke inhalation.", []want{w(injured, "4", exact, "-")}},
	{"Six people remain in hospital.", []want{w(injured, "6", exact, "people")}},
	{"Two victims were mortally wounded.", []want{w(killed, "2", exact, "victims")}},
	{"The attack injured or killed 40 people.", []want{w(casualties, "40", exact, "people")}},
	{"The killings of 12 villagers were condemned.", []want{w(killed, "12", exact, "villagers")}},
	{"Seven people were pronounced dead at the scene.", []want{w(killed, "7", exact, "people")}},
	// Not counts.
	{"The shelter has 200 beds.", nil},
	{"The city opened 12 shelters.", nil},
	{"The camp was built for 5,000 people.", nil},
	{"Host families received 300 euros each.", nil},
	{"Some 40 relief camps were set up.", nil},
	{"The siege lasted 40 days.", nil},
	{"The hospital has 300 beds.", nil},
	{"The refuge was built in 1920.", nil},
	{"He spent 12 years in prison.", nil},
	{"The gunman fired 30 shots.", nil},
	{"The soldiers marched 20 miles.", nil},
	{"The homeless charity raised £2 million.", nil},
	{"Both sides claimed victory.", nil},
}

// grammarCases: what stands between a figure and its predicate, what a
// partitive's own noun says, and figures two predicates share.
var grammarCases = []countCase{
	// Adverbs between the link and the predicate.
	{"12 people were critically injured.", []want{w(injured, "12", exact, "people")}},
	{"Six people were seriously wounded.", []want{w(injured, "6", exact, "people")}},
	{"At least 40 people were badly hurt.", []want{w(injured, "40", least, "people")}},
	{"300 people were newly displaced.", []want{w(displaced, "300", exact, "people")}},
	{"More than 20,000 people were newly displaced last month.", []want{w(displaced, "20000", more, "people")}},
	{"30 people have been temporarily detained.", []want{w(arrested, "30", exact, "people")}},
	{"Two officers were slightly injured.", []want{w(injured, "2", exact, "officers")}},
	{"Ten people were severely injured in the blast.", []want{w(injured, "10", exact, "people")}},
	{"Eight were later released.", []want{w(released, "8", exact, "-")}},
	{"Four people were fatally wounded.", []want{w(killed, "4", exact, "people")}},
	{"Nine people have been unlawfully detained.", []want{w(arrested, "9", exact, "people")}},
	{"Fifteen protesters were violently dispersed and 20 were briefly detained.", []want{w(protesters, "15", exact, "protesters"), w(arrested, "20", exact, "-")}},
	{"Fifty people were then evacuated.", []want{w(evacuated, "50", exact, "people")}},
	{"Twenty people were probably killed.", []want{w(killed, "20", exact, "people")}},
	// An adverb before a predicate that modifies the noun.
	{"Some 900 newly displaced people arrived in the town.", []want{w(displaced, "900", approx, "newly displaced people")}},
	{"The camp holds 3,000 recently displaced families.", []want{w(displaced, "3000", exact, "recently displaced families")}},
	{"About 40 seriously injured people were flown out.", []want{w(injured, "40", approx, "seriously injured people")}},
	// Near misses are no predicate.
	{"12 people were nearly killed.", nil},
	{"Thirty people narrowly escaped.", nil},
	{"Forty people were almost crushed.", nil},
	// An aside between the figure and its predicate.
	{"25 people (including 3 children) were killed.", []want{w(killed, "25", exact, "people"), w(killed, "3", exact, "children")}},
	{"25 people, most of them women, were killed.", []want{w(killed, "25", exact, "people")}},
	{"Forty people, all of them civilians, died.", []want{w(killed, "40", exact, "people")}},
	{"12 people, police said, were injured.", []want{w(injured, "12", exact, "people").by("police")}},
	{"30 militants, who had attacked a checkpoint, were killed.", []want{w(killed, "30", exact, "militants")}},
	{"Eight people — including two police officers — were injured.", []want{w(injured, "8", exact, "people"), w(injured, "2", exact, "police officers")}},
	{"Some 200 people (mostly women and children) were evacuated.", []want{w(evacuated, "200", approx, "people")}},
	{"At least 14 people (nine of them children) died.", []want{w(killed, "14", least, "people"), w(killed, "9", exact, "-")}},
	{"Six workers, aged between 20 and 40, were injured.", []want{w(injured, "6", exact, "workers")}},
	{"Police arrested 12 people, 30 were injured.", []want{w(arrested, "12", exact, "people"), w(injured, "30", exact, "-")}},
	{"The blast killed 12 people, injured 30 others, and damaged shops.", []want{w(killed, "12", exact, "people"), w(injured, "30", exact, "others")}},
	// "The number of X is estimated to be N".
	{"The number of displaced people is estimated to be 20,000.", []want{w(displaced, "20000", "", "")}},
	{"The number of people killed is thought to be 45.", []want{w(killed, "45", "", "")}},
	{"The death toll is believed to be 300.", []want{w(killed, "300", "", "")}},
	{"The total number of refugees was estimated to be 1.2 million.", []want{w(displaced, "1200000", "", "")}},
	{"The number of people arrested was said to be 70.", []want{w(arrested, "70", "", "")}},
	{"The number of visitors is estimated to be 20,000.", nil},
	// A figure's own noun beats the partitive link to a figure of
	// something else; a part of a figure the rules name stays a part.
	{"3,248 cases, including 584 deaths, were reported.", []want{w(other, "3248", exact, "cases"), w(killed, "584", exact, "deaths")}},
	{"The outbreak has caused 10,000 infections, including 300 deaths.", []want{w(other, "10000", exact, "infections"), w(killed, "300", exact, "deaths")}},
	{"There were 1,500 incidents, including 45 fatalities.", []want{w(other, "1500", exact, "incidents"), w(killed, "45", exact, "fatalities")}},
	{"Officials recorded 700 attacks, including 90 abductions.", []want{w(other, "700", exact, "attacks"), w(kidnapped, "90", exact, "abductions")}},
	{"200 people were arrested, including 12 protesters.", []want{w(arrested, "200", exact, "people"), w(arrested, "12", exact, "protesters")}},
	{"Some 90 people died, including 12 refugees.", []want{w(killed, "90", approx, "people"), w(killed, "12", exact, "refugees")}},
	// Two predicates share a figure.
	{"They kidnapped and killed 11 people.", []want{w(kidnapped, "11", exact, "people"), w(killed, "11", exact, "people")}},
	{"Gunmen abducted and killed two aid workers.", []want{w(kidnapped, "2", exact, "aid workers"), w(killed, "2", exact, "aid workers")}},
	{"Police arrested and released 12 people.", []want{w(arrested, "12", exact, "people"), w(released, "12", exact, "people")}},
	{"The militants killed and injured 30 people.", []want{w(casualties, "30", exact, "people")}},
	{"Troops captured and killed 14 fighters.", []want{w(killed, "14", exact, "fighters")}},
	// A figure that acts on others is not what its verb counts.
	{"Two gunmen killed three people.", []want{w(killed, "3", exact, "people")}},
	{"Two bombers killed a guard.", []want{one(killed, "guard")}},
	{"Three suicide bombers killed 40 worshippers.", []want{w(killed, "40", exact, "worshippers")}},
	{"Five people died Monday.", []want{w(killed, "5", exact, "people")}},
	{"Twelve soldiers killed in ambush", []want{w(killed, "12", exact, "soldiers")}},
	{"Both gunmen killed two people before fleeing.", []want{w(killed, "2", exact, "people")}},
	// A figure and a noun phrase without one share a predicate.
	{"120 soldiers and a general were killed.", []want{w(killed, "120", exact, "soldiers")}},
	{"Ten marines and an unknown number of soldiers died.", []want{w(killed, "10", exact, "marines")}},
	{"About 30 civilians and the driver of the bus were injured.", []want{w(injured, "30", approx, "civilians")}},
	// Citation markers after a sentence.
	{"At least 10 people died.[3][4]", []want{w(killed, "10", least, "people")}},
	{"Some 500 people were displaced.[12] The town was rebuilt.", []want{w(displaced, "500", approx, "people")}},
	{"The attack killed 5.[1]", []want{w(killed, "5", exact, "-")}},
	{"Ten people [1] were hurt in the attack.", []want{w(injured, "10", exact, "people")}},
	{"The battle lasted 2,400 hours.[16] About 300 soldiers were killed.", []want{w(killed, "300", approx, "soldiers")}},
	{"Twelve people were killed.\n[59]", []want{w(killed, "12", exact, "people")}},
	// A statement introduced with "said:" speaks for the paragraphs
	// after it.
	{"Minister Jane Doe said:\nMore than 5,000 people have been displaced by the fighting.\nAt least 40 were killed.",
		[]want{w(displaced, "5000", more, "people").by("Jane Doe"), w(killed, "40", least, "-").by("Jane Doe")}},
	{"The Foreign Secretary said:\nOver half a million people are still besieged.", []want{w(affected, "500000", more, "people").by("Foreign Secretary")}},
	{"The agency said:\nSome 300 people were injured.\nThe minister said:\nTwelve people died.",
		[]want{w(injured, "300", approx, "people").by("agency"), w(killed, "12", exact, "people").by("minister")}},
	{"Fighting went on all night.\nAt least 40 people were killed.", []want{w(killed, "40", least, "people").by("-")}},
}

func TestTriggerCases(t *testing.T) { runCountCases(t, triggerCases, 70) }

func TestGrammarCases(t *testing.T) { runCountCases(t, grammarCases, 60) }

func TestSplitCitations(t *testing.T) {
	tests := []struct{ text, want string }{
		{"He died.[3][4][5] Then", "He|died|.|[3][4][5]|Then"},
		{"in the U.S.[2] and", "in|the|U.S.|[2]|and"},
		{"was 5.[12] so", "was|5|.|[12]|so"},
		{"[59]", "[59]"},
		{"Ten people [1] were", "Ten|people|[1]|were"},
		{"a list [citation needed] ends", "a|list|[|citation|needed|]|ends"},
		{"no markers at all", "no|markers|at|all"},
	}
	tk := tokenize.New()
	for _, tt := range tests {
		toks := splitCitations(tk.Tokenize(tt.text))
		var words []string
		for _, tok := range toks {
			words = append(words, tok.Text)
			if tt.text[tok.Start:tok.Start+len(tok.Text)] != tok.Text {
				t.Errorf("%q: token %q does not stand at %d", tt.text, tok.Text, tok.Start)
			}
		}
		if got := strings.Join(words, "|"); got != tt.want {
			t.Errorf("%q: tokens %s, want %s", tt.text, got, tt.want)
		}
	}
}
