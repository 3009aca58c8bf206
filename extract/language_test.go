package extract

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/claimex/claimex"
)

// languageCases are short news paragraphs written for this test, each in
// one language, most with figures that English rules would misread.
var languageCases = []struct {
	lang string
	text string
}{
	{"de", "Mit dem 2015 verabschiedeten Gesetz wurde die elektronische Akte für alle Versicherten eingeführt. Die Kassen sollen ab dem kommenden Jahr eine App anbieten, mit der die Versicherten ihre Daten selbst verwalten können. Kritiker bemängeln, dass der Datenschutz zu kurz komme."},
	{"de", "Bei dem Busunglück in den Alpen sind nach Angaben der Polizei 12 Menschen ums Leben gekommen, 30 weitere wurden verletzt. Die Rettungskräfte waren die ganze Nacht im Einsatz. Der Fahrer wurde festgenommen und wird am Montag dem Haftrichter vorgeführt."},
	{"de", "Mehr als 4.000 Menschen mussten wegen des Hochwassers ihre Häuser verlassen. Die Behörden richteten in Schulen und Turnhallen Notunterkünfte ein. Der Pegel des Flusses soll erst am Wochenende wieder sinken, teilte das Landratsamt mit."},
	{"fr", "Selon la préfecture, 23 personnes ont été blessées lors des affrontements qui ont opposé des manifestants aux forces de l'ordre samedi soir. Une quarantaine d'interpellations ont eu lieu. Le ministre de l'Intérieur a dénoncé des violences inacceptables."},
	{"fr", "Les inondations ont contraint plus de 2 000 habitants à quitter leur logement dans le sud du pays. Les écoles resteront fermées jusqu'à lundi et les pompiers poursuivent leurs recherches pour retrouver trois personnes portées disparues."},
	{"es", "Al menos 15 personas murieron y otras 40 resultaron heridas tras el derrumbe de un edificio en el centro de la ciudad, según informaron las autoridades locales. Los equipos de rescate siguen buscando supervivientes entre los escombros."},
	{"es", "La policía detuvo a 120 personas durante las protestas del fin de semana contra la reforma de las pensiones. Los sindicatos han convocado una nueva huelga general para el próximo jueves y esperan una participación masiva."},
	{"it", "Secondo la protezione civile, oltre 3.000 persone sono state evacuate a causa dell'incendio che da tre giorni minaccia i paesi della costa. Due vigili del fuoco sono rimasti feriti in modo lieve durante le operazioni di spegnimento."},
	{"it", "Il governo ha approvato ieri sera il decreto che stanzia 500 milioni di euro per le famiglie colpite dall'alluvione. Il presidente della regione ha chiesto tempi rapidi per l'erogazione dei fondi e ha ringraziato i volontari."},
	{"pt", "Pelo menos 18 pessoas morreram e dezenas ficaram feridas em deslizamentos de terra provocados pelas chuvas fortes na região serrana, informou a defesa civil. Mais de 700 moradores foram levados para abrigos públicos."},
	{"pt", "O ministro da Saúde anunciou que o país vai receber mais 2 milhões de doses da vacina na próxima semana. A campanha de vacinação deve chegar a todos os municípios até o fim do mês, segundo o calendário divulgado pelo governo."},
	{"nl", "Bij een grote brand in een distributiecentrum in het oosten van het land zijn vier medewerkers gewond geraakt. De brandweer was de hele nacht bezig om het vuur onder controle te krijgen. Omwonenden werd gevraagd ramen en deuren gesloten te houden."},
	{"nl", "Ruim 1.500 mensen hebben zaterdag in de hoofdstad gedemonstreerd tegen de plannen van het kabinet. De politie hield zes betogers aan wegens het gooien van vuurwerk. De organisatie sprak van een geslaagde dag."},
	{"sv", "Enligt polisen skadades sju personer i en trafikolycka på motorvägen söder om staden under fredagskvällen. Tre av dem fördes till sjukhus med allvarliga skador. Vägen var avstängd i flera timmar medan räddningstjänsten arbetade."},
	{"da", "Mere end 200 beboere blev evakueret, da en brand brød ud i en boligblok i nat. Ifølge beredskabet kom ingen til skade, men flere lejligheder er ikke længere beboelige. Politiet efterforsker nu årsagen til branden."},
	{"pl", "W wyniku zderzenia dwóch pociągów zginęło co najmniej 9 osób, a ponad 60 zostało rannych, poinformowała straż pożarna. Na miejscu pracują ekipy ratunkowe, a premier zapowiedział przyjazd na miejsce katastrofy jeszcze dziś wieczorem."},
	{"cs", "Při požáru bytového domu v centru města zemřeli dva lidé a dalších dvanáct utrpělo zranění, uvedli hasiči. Z budovy bylo evakuováno přes osmdesát obyvatel. Příčinu požáru nyní vyšetřuje policie."},
	{"tr", "İçişleri Bakanlığı, yaşanan selde 14 kişinin hayatını kaybettiğini ve 300'den fazla kişinin evlerinden tahliye edildiğini açıkladı. Bölgede arama kurtarma çalışmaları sürüyor ve okullar bir hafta süreyle tatil edildi."},
	{"id", "Badan Penanggulangan Bencana mengatakan sedikitnya 25 orang tewas dan ribuan warga mengungsi akibat banjir bandang yang melanda tiga kabupaten. Tim penyelamat masih mencari korban yang hilang di sepanjang sungai."},
	{"ro", "Potrivit inspectoratului pentru situații de urgență, 11 persoane au fost rănite după ce un autobuz s-a răsturnat pe un drum de munte. Traficul a fost blocat mai multe ore, iar șoferul a fost dus la spital pentru analize. Autoritățile locale au anunțat că drumul va fi redeschis mâine dimineață."},
	{"hu", "A katasztrófavédelem szerint több mint 600 embert kellett kimenekíteni otthonából a hétvégi áradások miatt. A polgármester szerint a gátak kitartanak, de a vízszint csak a jövő héten kezd csökkenni."},
	{"fi", "Poliisin mukaan kaksi ihmistä kuoli ja neljä loukkaantui vakavasti kolarissa, joka sattui moottoritiellä myöhään lauantaina. Tie oli suljettuna useita tunteja onnettomuuden tutkinnan vuoksi."},
	{"ru", "По данным министерства, в результате землетрясения погибли 37 человек, более 200 получили ранения. Спасатели продолжают разбирать завалы, в пострадавшие районы направлены дополнительные силы и техника."},
	{"uk", "За даними рятувальників, унаслідок обстрілу загинули четверо людей, ще 19 отримали поранення. Пошкоджено кілька житлових будинків і школу, мешканців сусідніх будинків евакуювали."},
	{"ar", "قالت وزارة الصحة إن 12 شخصا لقوا حتفهم وأصيب أكثر من 50 آخرين في انفجار وقع في سوق مزدحم وسط المدينة، وأضافت أن فرق الإنقاذ ما زالت تبحث عن ناجين تحت الأنقاض."},
	{"zh", "据当地政府通报，暴雨引发的山体滑坡已造成12人死亡，另有30人受伤，超过5000名居民被紧急转移。救援人员仍在现场搜救失踪者。"},
	{"ja", "警察によりますと、高速道路で起きた多重事故で3人が死亡し、20人以上がけがをしました。事故の影響で上り線は夜まで通行止めとなりました。"},
	{"en", "Police said 12 people were killed and more than 30 injured when a bus overturned on a mountain road late on Saturday. Rescue teams worked through the night, and the driver was taken to hospital for tests."},
	{"en", "More than 4,000 people were forced from their homes by the floods, officials said. Schools and sports halls were turned into emergency shelters, and the river is not expected to fall until the weekend."},
	{"en", "The interior ministry said 120 protesters had been detained over the weekend. Unions have called another general strike for Thursday and expect a large turnout across the country."},
}

func TestLanguageDetection(t *testing.T) {
	for i, tt := range languageCases {
		v := detect(languageSample(tt.text))
		if !v.sure || v.lang != tt.lang {
			t.Errorf("case %d: detected %q (sure %v), want %q: %.60q", i, v.lang, v.sure, tt.lang, tt.text)
		}
	}
}

// TestTextLanguageWins: the language of the text decides over a page's
// declaration when the detector is sure of it; a text in another language
// gives no claims, an English one gives its claims whatever its page says.
func TestTextLanguageWins(t *testing.T) {
	x := extractor(t)
	for i, tt := range languageCases {
		for _, declared := range []string{"", "en", "en-US", tt.lang, "fr"} {
			d := docOf(tt.text)
			d.Lang = declared
			claims := x.Extract(d)
			counts := 0
			for _, c := range claims {
				if c.Kind == claimex.KindCount {
					counts++
				}
			}
			if tt.lang != "en" && len(claims) > 0 {
				t.Errorf("case %d (%s declared %q) gave %d claims:\n%s", i, tt.lang, declared, len(claims), describe(claims))
			}
			if tt.lang == "en" && counts == 0 {
				t.Errorf("case %d (English declared %q) gave no count claims", i, declared)
			}
		}
	}
}

// TestShortTexts: a short text in another script is surely not English;
// a short text in Latin script is read unless its page declares another
// language.
func TestShortTexts(t *testing.T) {
	x := extractor(t)
	tests := []struct {
		text, declared string
		claims         bool
	}{
		{"Полиция: 12 человек погибли, 30 ранены.", "", false},
		{"Полиция: 12 человек погибли, 30 ранены.", "en", false},
		{"警方说12人死亡，30人受伤。", "en", false},
		{"الشرطة: مقتل 12 شخصا", "", false},
		{"Police said 12 people were killed.", "", true},
		{"Police said 12 people were killed.", "en", true},
		{"Police said 12 people were killed.", "de", false},
		{"12 Menschen getötet", "de", false},
		{"Twelve killed in Lagos", "", true},
	}
	for _, tt := range tests {
		d := docOf(tt.text)
		d.Lang = tt.declared
		if got := len(x.Extract(d)) > 0; got != tt.claims {
			t.Errorf("%q declared %q: claims %v, want %v", tt.text, tt.declared, got, tt.claims)
		}
	}
}

// unsureCases are texts the detector cannot be sure of: short lines,
// tables of names and results. Their claims are kept unless the document
// declares another language.
var unsureCases = []struct {
	text string
	// entity is a name that must be found.
	entity string
}{
	{"Manchester United 2 Liverpool 1\nArsenal 3 Chelsea 0\nEverton 1 Leeds United 1", "Liverpool"},
	{"Results\n1. Eliud Kipchoge (Kenya) 2:03:12\n2. Kenenisa Bekele (Ethiopia) 2:03:15\n3. Birhanu Legese (Ethiopia) 2:04:02", "Kenya"},
	{"Standings: Real Madrid 45, Barcelona 41, Sevilla 38, Valencia 30", "Barcelona"},
	{"Venues: Paris, Berlin, Madrid, Rome, Lisbon", "Berlin"},
	{"Board of directors\nJohn Smith, Chairman\nMaria Garcia, Chief Executive\nAhmed Khan, Treasurer", "John Smith"},
	{"Police arrested 3 men in Paris.", "Paris"},
}

func TestUnsureKeepsClaims(t *testing.T) {
	x := extractor(t)
	for i, tt := range unsureCases {
		if v := detect(languageSample(tt.text)); v.sure && v.lang != "en" {
			t.Logf("case %d: detector sure of %q", i, v.lang)
		}
		for _, declared := range []string{"", "en"} {
			d := docOf(tt.text)
			d.Lang = declared
			found := false
			for _, c := range x.Extract(d) {
				if c.Kind == claimex.KindEntity && strings.Contains(c.Text, tt.entity) {
					found = true
				}
			}
			if !found {
				t.Errorf("case %d declared %q: entity %q not found in %q", i, declared, tt.entity, tt.text)
			}
		}
	}
}

func TestLanguageSample(t *testing.T) {
	prose := strings.Repeat("This line is long enough to be read as prose by the sampler. ", 2)
	tests := []struct {
		name, text string
		check      func(string) error
	}{
		{"prose first", "Title\nMenu\nHome\n" + prose + "\nShort line", func(s string) error {
			if !strings.HasPrefix(s, prose[:20]) {
				return fmt.Errorf("sample does not open with the prose: %.40q", s)
			}
			return nil
		}},
		{"title last", "A Title\n" + prose, func(s string) error {
			if !strings.HasSuffix(s, "A Title") {
				return fmt.Errorf("sample does not end with the title: %q", s[max(0, len(s)-20):])
			}
			return nil
		}},
		{"bounded", strings.Repeat(prose+"\n", 100), func(s string) error {
			if len(s) > sampleBytes {
				return fmt.Errorf("sample of %d bytes", len(s))
			}
			return nil
		}},
		{"rune boundary", strings.Repeat("Übermäßig lange Zeile mit Umlauten, die als Fließtext gilt: äöü. ", 40), func(s string) error {
			if !utf8.ValidString(s) || len(s) < sampleBytes-4 {
				return fmt.Errorf("sample cut inside a rune")
			}
			return nil
		}},
		{"empty", "", func(s string) error {
			if s != "" {
				return fmt.Errorf("sample %q of an empty text", s)
			}
			return nil
		}},
	}
	for _, tt := range tests {
		if err := tt.check(languageSample(tt.text)); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}

func BenchmarkDetectLanguage(b *testing.B) {
	text := strings.Repeat(languageCases[0].text+"\n", 10)
	for b.Loop() {
		detect(languageSample(text))
	}
}

// BenchmarkEnglish is the language test as a document pays for it: the
// English samples skip the detector.
func BenchmarkEnglish(b *testing.B) {
	x := extractor(b)
	docs := seedDocs(b)
	for b.Loop() {
		for _, d := range docs {
			x.english(d)
		}
	}
}

// FuzzLanguage: any text gives a sample of at most sampleBytes, valid
// UTF-8 when the text is, and a verdict without panicking.
func FuzzLanguage(f *testing.F) {
	for _, tt := range languageCases[:5] {
		f.Add(tt.text)
	}
	f.Add("Title\n\n\n")
	f.Add("\xff\xfe")
	f.Fuzz(func(t *testing.T, text string) {
		s := languageSample(text)
		if len(s) > sampleBytes+len("\n") {
			t.Fatalf("sample of %d bytes", len(s))
		}
		if utf8.ValidString(text) && !utf8.ValidString(s) {
			t.Fatalf("invalid sample %q of valid text", s)
		}
		detect(s)
	})
}
