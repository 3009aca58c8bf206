package fetch

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"
)

// drip answers at once, then sends its body a byte at a time, never
// finishing; ended counts the requests whose client went away.
func drip(ended *atomic.Int32) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		defer ended.Add(1)
		w.Header().Set("Content-Type", "text/html")
		for {
			w.Write([]byte("<"))
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}
}

// TestURLTimeout: a server that keeps a URL's requests alive by dripping
// bytes is cut off by the URL's deadline, whatever the per-request
// timeout and the retries would allow, robots.txt included. The
// deadlines are short so the test is quick; nothing asserts how long it
// took.
func TestURLTimeout(t *testing.T) {
	var ended atomic.Int32
	s := newSite(t, map[string]http.HandlerFunc{"/drip": drip(&ended)})
	dripRobots := newSite(t, map[string]http.HandlerFunc{"/robots.txt": drip(&ended), "/a": page("<p>a</p>")})

	tests := []struct {
		name string
		url  string
		// the URL's deadline and the per-request timeout, and what the
		// error must say
		deadline, timeout time.Duration
		check             func(t *testing.T, e *DeadlineError)
	}{
		{"page", s.URL + "/drip", 3 * time.Second, time.Minute, func(t *testing.T, e *DeadlineError) {
			if e.Attempts != 1 || e.Last != nil {
				t.Errorf("%+v, want 1 attempt cut off, no failure before it", e)
			}
			if want := "over the 3s deadline for one URL, after 1 attempt"; e.Error() != want {
				t.Errorf("message %q, want %q", e.Error(), want)
			}
		}},
		{"robots.txt", dripRobots.URL + "/a", 300 * time.Millisecond, time.Minute, func(t *testing.T, e *DeadlineError) {
			want := "over the 300ms deadline for one URL, after 1 attempt to read " + dripRobots.URL + "/robots.txt"
			if e.Error() != want {
				t.Errorf("message %q, want %q", e.Error(), want)
			}
			if dripRobots.count("/a") != 0 {
				t.Error("the page was asked for before its robots.txt was read")
			}
		}},
		{"retried", s.URL + "/drip", 300 * time.Millisecond, 50 * time.Millisecond, func(t *testing.T, e *DeadlineError) {
			// Each attempt times out and is retried until the URL's
			// deadline; how many fit depends on the machine.
			if e.Attempts < 1 || e.Attempts > 1 && !errors.Is(e.Last, context.DeadlineExceeded) {
				t.Errorf("%+v (%v), want attempts and the timeout of the one before the last", e, e)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := fast()
			opt.Timeout = tt.timeout
			opt.Retries = 1000
			opt.URLTimeout = tt.deadline
			// A guard against the deadline not working: the test fails
			// instead of hanging.
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			_, err := NewClient(opt).Get(ctx, tt.url, Validators{})
			var de *DeadlineError
			if !errors.As(err, &de) || !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("error = %v, want the URL's deadline", err)
			}
			if ctx.Err() != nil {
				t.Fatal("the caller's context ran out first")
			}
			t.Log(err)
			tt.check(t, de)
		})
	}
	// Every dripping request was ended when its URL's time was up.
	waitFor(t, func() bool { return int(ended.Load()) == s.count("/drip")+dripRobots.count("/robots.txt") })
}

// TestURLTimeoutWaitsForTurn: the URL's clock stands still while a
// request waits for the host's turn, which depends on the other URLs of
// the host, not on this one.
func TestURLTimeoutWaitsForTurn(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{"/a": page("<p>a</p>")})
	opt := fast()
	opt.HostInterval = 4 * time.Second
	opt.URLTimeout = 2 * time.Second
	// robots.txt is read, then the page waits its turn past the URL's
	// deadline.
	if _, err := NewClient(opt).Get(context.Background(), s.URL+"/a", Validators{}); err != nil {
		t.Fatal(err)
	}
	if s.count("/a") != 1 {
		t.Errorf("page asked for %d times, want 1", s.count("/a"))
	}
}

// waitFor waits for cond, failing the test after a generous while.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in 30s")
		}
	}
}
