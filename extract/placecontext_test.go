package extract

import "testing"

// placeContextCases: a name after a place preposition is a place's, but
// not a phrase opened by a people's adjective, a month, or a name ending
// in a word in lower case; organisations after one stay organisations.
var placeContextCases = []recognitionCase{
	{"a people's adjective opening a phrase", "She was well known in German literary circles before the war.",
		nil, []string{"GPE German literary", "LOC German literary", "GPE German", "LOC German"}},
	{"a people's adjective alone", "The letters were kept in German archives.",
		nil, []string{"GPE German archives", "LOC German archives", "GPE German", "LOC German"}},
	{"a month after in", "The festival opens in March each year, and closes in October.",
		nil, []string{"GPE March", "LOC March", "GPE October", "LOC October"}},
	{"a place after near stays a place", "The convoy was ambushed near Al Huwayjah on Sunday.",
		[]string{"GPE Al Huwayjah"}, nil},
	{"a town after in stays a place", "Two people were hurt in Tallinn on Friday.",
		[]string{"GPE Tallinn"}, nil},
	{"one end of a way to a town", "The bus of the Expreso Ausangate company was travelling from Quillabamba to Cusco when it left the road.",
		[]string{"GPE Quillabamba", "GPE Cusco"}, []string{"ORG Quillabamba"}},
	{"a union of countries stays an organisation", "The European Union imposed new sanctions on Monday.",
		[]string{"ORG European Union"}, nil},
	{"a union of workers stays an organisation", "The Transport Workers Union called a strike.",
		[]string{"ORG Transport Workers Union"}, nil},
}

func TestPlaceContext(t *testing.T) { runRecognitionCases(t, placeContextCases) }

// orgPlaceCases: a town after "in" closing an organisation's name says
// where the body is; a region, and other words, stay in the name.
var orgPlaceCases = []recognitionCase{
	{"a museum in a city", "The shuttle will be shown at the Museum of Flight in Seattle next year.",
		[]string{"ORG Museum of Flight", "GPE Seattle"}, []string{"ORG Museum of Flight in Seattle"}},
	{"a centre in a town", "She studied at the Centre for Marine Research in Bergen for two years.",
		[]string{"GPE Bergen"}, []string{"ORG Centre for Marine Research in Bergen"}},
	{"a region in the name", "The Organisation for Security and Cooperation in Europe sent observers.",
		[]string{"ORG Organisation for Security and Cooperation in Europe"}, nil},
	{"a committee on a subject keeps its words", "The Committee on Foreign Relations met on Tuesday.",
		[]string{"ORG Committee on Foreign Relations"}, nil},
	{"an institute for a subject keeps its words", "The Institute for Strategic Studies published the figures.",
		[]string{"ORG Institute for Strategic Studies"}, nil},
}

func TestOrgPlace(t *testing.T) { runRecognitionCases(t, orgPlaceCases) }
