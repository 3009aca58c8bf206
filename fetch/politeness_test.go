package fetch

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"
)

// TestPolitenessAfterSlotWait: requests to a host keep its crawl delay
// between them even when they wait for a connection slot after their
// turn. With one slot held by a slow request to another host, two
// requests whose turns came 200 ms apart both waited for the slot and
// then went out back to back.
func TestPolitenessAfterSlotWait(t *testing.T) {
	polite := newSite(t, map[string]http.HandlerFunc{
		"/robots.txt": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, "User-agent: *\nCrawl-delay: 0.2\n")
		},
		"/p": page("<p>p</p>"),
	})
	arrived := make(chan struct{})
	var once sync.Once
	slow := newSite(t, map[string]http.HandlerFunc{
		"/slow": func(w http.ResponseWriter, r *http.Request) {
			once.Do(func() { close(arrived) })
			time.Sleep(600 * time.Millisecond)
			fmt.Fprint(w, "<p>slow</p>")
		},
	})
	opt := fast()
	opt.MaxConcurrency = 1
	c := NewClient(opt)
	ctx := context.Background()
	// The first request reads robots.txt and its crawl delay.
	if _, err := c.Get(ctx, polite.URL+"/p", Validators{}); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var times []time.Time
	c.sending = func(u *url.URL, at time.Time) {
		if u.Path == "/p" {
			mu.Lock()
			times = append(times, at)
			mu.Unlock()
		}
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		if _, err := c.Get(ctx, slow.URL+"/slow", Validators{}); err != nil {
			t.Error(err)
		}
	})
	<-arrived
	for range 2 {
		wg.Go(func() {
			if _, err := c.Get(ctx, polite.URL+"/p", Validators{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if len(times) != 2 {
		t.Fatalf("%d requests to /p, want 2", len(times))
	}
	if gap := times[1].Sub(times[0]); gap < 200*time.Millisecond {
		t.Errorf("requests were %v apart; robots.txt asks for 200ms", gap)
	}
}
