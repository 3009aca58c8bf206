package extract

import (
	"fmt"
	"testing"

	"github.com/claimex/claimex"
)

// countCase is a text written for these tests in the style of English
// news reports, with every count claim it must give, in order; a text
// with no claims must give none. Lines are paragraphs.
type countCase struct {
	text string
	want []want
}

// one and two are claims of single victims and of "both".
func one(cat claimex.Category, subj string) want { return w(cat, "1", exact, subj) }
func two(cat claimex.Category, subj string) want { return w(cat, "2", exact, subj) }

// runCountCases checks each case's count claims against its list, in
// order, and that the table holds at least min cases.
func runCountCases(t *testing.T, cases []countCase, min int) {
	t.Helper()
	if len(cases) < min {
		t.Fatalf("only %d cases; the table must hold at least %d", len(cases), min)
	}
	x := extractor(t)
	for i, tt := range cases {
		t.Run(fmt.Sprintf("%03d", i), func(t *testing.T) { checkCounts(t, x, tt.text, tt.want) })
	}
}

// victimCases: people counted without a number. A single person with a
// predicate is one; "both" after a figure of two is two; a person who
// only speaks, or stands in a background clause, is nothing.
var victimCases = []countCase{
	// One person, a predicate after.
	{"A man was shot dead outside a bar on Saturday night.", []want{one(killed, "man")}},
	{"A woman was wounded in the attack.", []want{one(injured, "woman")}},
	{"The victim died at the scene.", []want{one(killed, "victim")}},
	{"A man was shot and killed on Friday.", []want{one(killed, "man")}},
	{"A teenager was stabbed to death in the park.", []want{one(killed, "teenager")}},
	{"A 34-year-old woman was taken to hospital with serious injuries.", []want{one(injured, "")}},
	{"A police officer was injured during the protest.", []want{one(injured, "police officer")}},
	{"A man was arrested after the stabbing.", []want{one(arrested, "man")}},
	{"A child was killed when the wall collapsed.", []want{one(killed, "child")}},
	{"A pedestrian was killed after being hit by a bus.", []want{one(killed, "pedestrian")}},
	{"A journalist was kidnapped in the capital on Monday.", []want{one(kidnapped, "journalist")}},
	{"A hostage was freed by the security forces.", []want{one(released, "hostage")}},
	{"A student went missing after the flood.", []want{one(missing, "student")}},
	{"A woman was critically injured in the blast.", []want{one(injured, "woman")}},
	{"A man was seriously hurt in the crash.", []want{one(injured, "man")}},
	{"A firefighter was hospitalised with burns.", []want{one(injured, "firefighter")}},
	{"A driver was killed instantly when his car hit a tree.", []want{one(killed, "driver")}},
	{"The suspect was detained at the airport.", []want{one(arrested, "suspect")}},
	{"Another man was wounded in a second shooting.", []want{one(injured, "man")}},
	{"A boy drowned in the river on Sunday.", []want{one(killed, "boy")}},
	{"A passenger died in hospital.", []want{one(killed, "passenger")}},
	{"The gunman was shot dead by police.", []want{one(killed, "gunman")}},
	{"A security guard was wounded in the exchange of fire.", []want{one(injured, "security guard")}},
	{"A woman was found dead in her flat.", []want{one(killed, "woman")}},
	{"A baby was rescued from the rubble.", []want{one(evacuated, "baby")}},
	{"An aid worker was abducted in the north of the country.", []want{one(kidnapped, "aid worker")}},
	{"A prisoner was released on bail.", []want{one(released, "prisoner")}},
	{"A motorcyclist died after a collision with a lorry.", []want{one(killed, "motorcyclist")}},
	{"A protester was killed by a rubber bullet.", []want{one(killed, "protester")}},
	{"An officer was shot and wounded during the arrest.", []want{one(injured, "officer")}},
	{"A civilian was killed in the air strike.", []want{one(killed, "civilian")}},
	{"A young girl was badly hurt when the roof fell in.", []want{one(injured, "young girl")}},
	{"An elderly man has died after being attacked in his home.", []want{one(killed, "elderly man")}},
	{"A local farmer was reportedly abducted by gunmen.", []want{one(kidnapped, "local farmer")}},
	{"A soldier is still missing after the ambush.", []want{one(missing, "soldier")}},
	{"A tourist remains in hospital in a serious condition.", []want{one(injured, "tourist")}},
	{"A nurse was among those injured.", []want{one(injured, "nurse")}},
	{"A worker was killed and another was injured at the plant.", []want{one(killed, "worker")}},
	{"A teacher and a pupil were injured.", []want{one(injured, "teacher"), one(injured, "pupil")}},
	{"Police said a woman was arrested at the scene.", []want{one(arrested, "woman").by("Police")}},
	{"A man in his twenties was stabbed to death.", []want{one(killed, "man")}},
	{"A Palestinian man was killed by Israeli fire, the ministry said.", []want{one(killed, "Palestinian man").by("ministry")}},
	{"One man was killed and a woman was wounded.", []want{w(killed, "1", exact, "man"), one(injured, "woman")}},
	{"A soldier was killed and two others were wounded in the ambush.", []want{one(killed, "soldier"), w(injured, "2", exact, "others")}},
	// One person, a predicate before.
	{"Police arrested a man in connection with the robbery.", []want{one(arrested, "man")}},
	{"Gunmen shot dead a guard at the checkpoint.", []want{one(killed, "guard")}},
	{"Troops killed a militant in the raid.", []want{one(killed, "militant")}},
	{"The blast injured a policeman.", []want{one(injured, "policeman")}},
	{"Rebels kidnapped a doctor on the road to the city.", []want{one(kidnapped, "doctor")}},
	{"The authorities released a journalist held since March.", []want{one(released, "journalist")}},
	{"Officers detained a suspect near the station.", []want{one(arrested, "suspect")}},
	// One person, a trigger and "of" before.
	{"The death of a soldier was announced on Tuesday.", []want{one(killed, "soldier")}},
	{"The killing of a teenager sparked protests.", []want{one(killed, "teenager")}},
	{"The arrest of a journalist was condemned by rights groups.", []want{one(arrested, "journalist")}},
	{"The release of a hostage was welcomed by the family.", []want{one(released, "hostage")}},
	// Headlines drop the article.
	{"Man shot dead in Chicago", []want{one(killed, "Man")}},
	{"Woman injured in crash on motorway", []want{one(injured, "Woman")}},
	{"Teenager arrested after school fight", []want{one(arrested, "Teenager")}},
	// The same person again is not counted twice.
	{"A man was shot dead on Friday. The man died at the scene.", []want{one(killed, "man")}},
	{"A woman was killed in the crash. The victim was pronounced dead at the scene.", []want{one(killed, "woman")}},
	{"A man was killed. A woman was killed too.", []want{one(killed, "man"), one(killed, "woman")}},
	// A person who is part of a figure is counted in it.
	{"Twelve people were killed, including a child.", []want{w(killed, "12", exact, "people")}},
	{"Three people, a man and two women, died in the fire.", []want{w(killed, "3", exact, "people")}},
	// "Both" after a figure of two.
	{"Two men were shot on Main Street. Both men were taken to hospital.", []want{two(injured, "men")}},
	{"Two teenagers were stabbed on Saturday. Both died in hospital.", []want{two(killed, "-")}},
	{"Two brothers were abducted on their way home. Both were released a day later.", []want{w(kidnapped, "2", exact, "brothers"), two(released, "-")}},
	{"Police stopped two men in a car.\nBoth men were arrested.", []want{two(arrested, "men")}},
	{"Two officers were attacked, and both were hurt.", []want{two(injured, "-")}},
	{"Two climbers were caught in the avalanche. Both of them are still missing.", []want{two(missing, "-")}},
	{"Two women were hit by the car. Both victims were treated in hospital.", []want{two(injured, "victims")}},
	// Not counts: people who speak, act or stand in the background.
	{"A man said he had seen the attackers.", nil},
	{"A spokesman for the police said the investigation continues.", nil},
	{"The man who kidnapped the child was sentenced to life.", []want{one(kidnapped, "child")}},
	{"A neighbour who killed a dog was fined.", nil},
	{"A police officer told reporters that the road was closed.", nil},
	{"One of the victims was a teacher.", nil},
	{"A woman who lives nearby described the scene.", nil},
	{"The law is named after a man who was killed in 2019.", nil},
	{"The family of a woman who died in custody called for an inquiry.", nil},
	{"A man was not injured in the incident.", nil},
	{"A woman was nearly killed by a falling tree.", nil},
	{"A man narrowly escaped injury.", nil},
	{"The victim's mother spoke to reporters.", nil},
	{"A suspect fled the scene.", nil},
	{"A woman gathered her belongings.", nil},
	{"A man in a red jacket was seen running away.", nil},
	{"The officer who shot him was suspended.", nil},
	{"A doctor treated the wounded.", nil},
	{"A reporter asked whether anyone had been killed.", nil},
	{"A person familiar with the matter said talks had stalled.", nil},
	{"A man is suing the city.", nil},
	{"A girl wrote to the president.", nil},
	{"The victim was named as John Smith.", nil},
	{"A teacher was praised for her bravery.", nil},
	{"A soldier was honoured at the ceremony.", nil},
	{"A woman was interviewed by police.", nil},
	{"Police are looking for a man who robbed a bank.", nil},
	{"She was married to a soldier.", nil},
	{"A spokeswoman confirmed the arrests.", nil},
	{"The victims were all from the same village.", nil},
	{"A man and his dog walked along the beach.", nil},
	{"The driver of the car was a woman from Leeds.", nil},
	{"A witness said the gunman fled on foot.", nil},
	{"A man was charged with murder.", nil},
	{"A student asked the minister about the killings.", nil},
	{"A woman was elected mayor.", nil},
	{"A man was seen near the scene.", nil},
	{"Two men were shot on Main Street.", nil},
	// "Both" with no figure of two before, or not of people.
	{"Both men were injured.", nil},
	{"Both sides agreed to a ceasefire.", nil},
	{"Three men were shot. Both men were taken to hospital.", nil},
	{"Two men were shot. Police said both had criminal records.", nil},
	{"Two men were shot. Both men and women were injured.", nil},
	{"Two cars collided. Both drivers said they were fine.", nil},
}

func TestVictimCases(t *testing.T) {
	runCountCases(t, victimCases, 100)
	x := extractor(t)
	for _, text := range []string{"A man was shot dead.", "Police arrested a teenager.", "The death of a soldier was announced."} {
		for _, c := range x.Extract(docOf(text)) {
			if c.Kind == claimex.KindCount && c.Rule != RuleSingleVictim {
				t.Errorf("%q: rule %q, want %q", text, c.Rule, RuleSingleVictim)
			}
		}
	}
	for _, c := range x.Extract(docOf("Two men were shot. Both men were taken to hospital.")) {
		if c.Kind == claimex.KindCount && c.Rule != RuleBoth {
			t.Errorf("both: rule %q, want %q", c.Rule, RuleBoth)
		}
	}
}
