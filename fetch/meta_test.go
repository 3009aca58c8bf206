package fetch

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestReadMeta reads each piece of metadata from each place a page may
// keep it, and checks the order in which the places are trusted.
func TestReadMeta(t *testing.T) {
	tests := []struct {
		name string
		page string
		want Page
	}{
		{
			name: "open graph and article tags",
			page: `<html lang="en-GB"><head>
				<meta property="og:title" content="Floods displace 12,000 | Daily Planet">
				<meta property="og:site_name" content="Daily Planet">
				<meta property="article:published_time" content="2022-01-07T09:30:00+06:00">
				<meta name="author" content="By Jane Doe">
				<link rel="canonical" href="https://planet.example/news/floods">
				</head><body><p>x</p></body></html>`,
			want: Page{Title: "Floods displace 12,000", Site: "Daily Planet", Published: "2022-01-07T09:30:00+06:00",
				Byline: "Jane Doe", URL: "https://planet.example/news/floods", Lang: "en-GB"},
		},
		{
			name: "json-ld graph",
			page: `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[
				{"@type":"WebSite","name":"Ignored"},
				{"@type":["NewsArticle"],"headline":"164 killed, ministry says","datePublished":"2022-01-15",
				 "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Kim"}],
				 "publisher":{"@type":"Organization","name":"Steppe Times"},"inLanguage":"kk",
				 "url":"https://steppe.example/a/1"}]}</script></head><body><p>x</p></body></html>`,
			want: Page{Title: "164 killed, ministry says", Site: "Steppe Times", Published: "2022-01-15",
				Byline: "Ann Lee, Bo Kim", URL: "https://steppe.example/a/1", Lang: "kk"},
		},
		{
			name: "title element, time element, author link",
			page: `<html><head><title>Storm kills 3 - World - Gazette</title></head><body>
				<a rel="author" href="/staff/ro">Ro Cruz</a>
				<time datetime="2021-03-04 10:00:00">March 4</time><p>x</p></body></html>`,
			want: Page{Title: "Storm kills 3", Published: "2021-03-04T10:00:00Z", Byline: "Ro Cruz"},
		},
		{
			name: "date from the address, site from the host",
			page: `<html><head><title>Rescue ends</title>
				<meta property="og:url" content="https://www.gazette.example/2019/11/18/rescue-ends/"></head><body><p>x</p></body></html>`,
			want: Page{Title: "Rescue ends", Published: "2019-11-18", URL: "https://www.gazette.example/2019/11/18/rescue-ends/", Site: "gazette.example"},
		},
		{
			name: "visible dateline and h1",
			page: `<html><body><h1>Unrest in Almaty</h1><div>Friday, January 7, 2022</div><p>x</p></body></html>`,
			want: Page{Title: "Unrest in Almaty", Published: "2022-01-07"},
		},
		{
			name: "meta outranks json-ld; an address is no byline",
			page: `<html><head>
				<meta name="pubdate" content="2020-05-01">
				<meta name="author" content="https://facebook.example/someone">
				<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-06-01","author":{"name":"Real Name"}}</script>
				</head><body><p>x</p></body></html>`,
			want: Page{Published: "2020-05-01", Byline: "Real Name"},
		},
		{
			name: "broken json-ld and nonsense dates are ignored",
			page: `<html><head><title>Quake</title>
				<meta name="date" content="yesterday">
				<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script></head><body><p>x</p></body></html>`,
			want: Page{Title: "Quake"},
		},
		{
			name: "og:title keeps a short last segment that is not the site",
			page: `<html><head><meta property="og:title" content="Protests - Day 3"><meta property="og:site_name" content="Gazette"></head><body></body></html>`,
			want: Page{Title: "Protests - Day 3", Site: "Gazette"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := html.Parse(strings.NewReader(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			var got Page
			readMeta(root, &got)
			if got != tt.want {
				t.Errorf("readMeta =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestNormalizeDate(t *testing.T) {
	tests := map[string]string{
		"2022-01-07T09:30:00+06:00":       "2022-01-07T09:30:00+06:00",
		"2022-01-07T09:30:00.123Z":        "2022-01-07T09:30:00Z",
		"2022-01-07":                      "2022-01-07",
		"20220107":                        "2022-01-07",
		"Fri, 07 Jan 2022 09:30:00 +0000": "2022-01-07T09:30:00Z",
		"January 7, 2022":                 "2022-01-07",
		"07.01.2022":                      "2022-01-07",
		"1066-10-14":                      "",
		"soon":                            "",
		"":                                "",
	}
	for in, want := range tests {
		if got := normalizeDate(in); got != want {
			t.Errorf("normalizeDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDateFromURL(t *testing.T) {
	tests := map[string]string{
		"https://a.example/2019/11/18/story":  "2019-11-18",
		"https://a.example/news/2021-3-4-x":   "2021-03-04",
		"https://a.example/2019/13/18/story":  "",
		"https://a.example/story-2019":        "",
		"https://a.example/id/20191118123456": "",
	}
	for in, want := range tests {
		if got := dateFromURL(in); got != want {
			t.Errorf("dateFromURL(%q) = %q, want %q", in, got, want)
		}
	}
}
