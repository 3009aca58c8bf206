package extract

import (
	"testing"

	"github.com/claimex/claimex"
)

// TestMatchNames holds pairs of names written for this test, each with
// the verdict a reviewer would give: the same person in two spellings,
// two different people, the same organisation.
func TestMatchNames(t *testing.T) {
	const (
		person = claimex.Person
		org    = claimex.Org
		gpe    = claimex.GPE
	)
	tests := []struct {
		typ, a, b string
		want      Verdict
	}{
		// The same person, spelt otherwise.
		{person, "Serik Shalabayev", "Serik Shalabaev", Same},
		{person, "Kassym-Jomart Tokayev", "Kasim-Yomart Tokáyev", Same},
		{person, "Kassym-Jomart Tokayev", "Kassym-Shomart Tokayev", Same},
		{person, "Karim Masimov", "Karim Massimov", Same},
		{person, "Nursultan Nazarbayev", "Nursultan Nazarbaev", Same},
		{person, "Volodymyr Zelensky", "Volodymyr Zelenskyy", Same},
		{person, "Volodymyr Zelenskiy", "Volodymyr Zelensky", Same},
		{person, "Alexei Navalny", "Aleksei Navalny", Same},
		{person, "Alexei Navalny", "Alexey Navalny", Same},
		{person, "Sergei Lavrov", "Sergey Lavrov", Same},
		{person, "Mikhail Gorbachev", "Michail Gorbatschow", Same},
		{person, "Recep Tayyip Erdogan", "Recep Tayyip Erdoğan", Same},
		{person, "Mohammed bin Salman", "Muhammad bin Salman", Same},
		{person, "Muammar Gaddafi", "Muammar al-Gaddafi", Same},
		{person, "Moammar Gadhafi", "Muammar Gaddafi", Same},
		{person, "Bashar al-Assad", "Bashar Assad", Same},
		{person, "Jane Smith", "J. Smith", Same},
		{person, "Ursula von der Leyen", "Ursula Von der Leyen", Same},
		{person, "Vladimir Putin", "Vladimir Vladimirovich Putin", Same},
		{person, "Abiy Ahmed", "Abiy Ahmed", Same},

		// A surname alone, or with an honorific, may be the person.
		{person, "Antony Blinken", "Blinken", Compatible},
		{person, "Mr Shalabayev", "Serik Shalabayev", Compatible},
		{person, "Tokáyev", "Kassym-Jomart Tokayev", Compatible},
		{person, "Masimov", "Massimov", Same},

		// Different people.
		{person, "Jane Smith", "John Smith", Different},
		{person, "Jane Smith", "K. Smith", Different},
		{person, "Ivan Petrov", "Anna Petrova", Different},
		{person, "Nursultan Nazarbayev", "Dariga Nazarbayeva", Different},
		{person, "Kim Jong-un", "Kim Jong-il", Different},
		{person, "George W. Bush", "George H. W. Bush", Different},
		{person, "Hillary Clinton", "Bill Clinton", Different},
		{person, "Vladimir Putin", "Vladimir Potanin", Different},
		{person, "Sultan Gamaletdinov", "Sultan Akhmetov", Different},
		{person, "Ali Khamenei", "Ali Larijani", Different},
		{person, "Sergei Shoigu", "Sergei Lavrov", Different},
		{person, "Ilham Aliyev", "Heydar Aliyev", Different},
		{person, "Abdul Rahman", "Abdul Rahim", Different},
		{person, "Tokayev", "Nazarbayev", Different},
		{person, "Erzhan Kazykhan", "Erzhan Kazakhbayev", Different},
		{person, "Sultan Gamaletdinov", "Serik Shalabayev", Different},

		// The same organisation.
		{org, "CSTO", "Collective Security Treaty Organization", Same},
		{org, "CSTO", "Organization of the Collective Security Treaty", Same},
		{org, "Collective Security Treaty Organization", "Organization of the Collective Security Treaty", Same},
		{org, "OSCE", "Organisation for Security and Cooperation in Europe", Same},
		{org, "Interior Ministry", "Ministry of the Interior", Same},
		{org, "health ministry", "Health Ministry", Same},
		{org, "Ministry of Defence", "Ministry of Defense", Same},
		{org, "WHO", "World Health Organization", Same},
		{org, "UN", "United Nations", Same},
		{org, "NATO", "North Atlantic Treaty Organization", Same},
		{org, "State Department", "Department of State", Same},
		{org, "Attorney General’s Office", "Attorney General's Office", Same},

		// Different organisations.
		{org, "Interior Ministry", "Foreign Ministry", Different},
		{org, "CSTO", "OSCE", Different},
		{org, "UN", "European Union", Different},
		{org, "Prosecutor’s Office", "Prosecutor General's Office", Different},
		{org, "WHO", "World Trade Organization", Different},
		{org, "SLS", "Life Support Systems", Different},
		{org, "AP", "PA", Different},
		{org, "U.N.", "United Nations", Same},

		// Places.
		{gpe, "Nur-Sultan", "Nure-Sultan", Same},
		{gpe, "Kyiv", "Kiev", Same},
		{gpe, "USA", "United States", Same},
		{gpe, "Austria", "Australia", Different},
		{gpe, "Iran", "Iraq", Different},
	}
	if len(tests) < 40 {
		t.Fatalf("only %d pairs", len(tests))
	}
	for _, tt := range tests {
		got := SameName(tt.typ, tt.a, tt.b)
		if got != tt.want {
			t.Errorf("SameName(%s, %q, %q) = %s, want %s", tt.typ, tt.a, tt.b, got, tt.want)
		}
		if back := SameName(tt.typ, tt.b, tt.a); back != got {
			t.Errorf("SameName is not symmetric on %q, %q: %s one way, %s the other", tt.a, tt.b, got, back)
		}
	}
}
