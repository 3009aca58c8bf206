package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		addr, why string
	}{
		// Public addresses, beside the edges of the blocks refused.
		{"8.8.8.8", ""},
		{"93.184.215.14", ""},
		{"1.0.0.1", ""},
		{"9.255.255.255", ""},
		{"11.0.0.0", ""},
		{"100.63.255.255", ""},
		{"100.128.0.0", ""},
		{"126.255.255.255", ""},
		{"128.0.0.0", ""},
		{"169.253.255.255", ""},
		{"169.255.0.0", ""},
		{"172.15.255.255", ""},
		{"172.32.0.0", ""},
		{"192.0.1.0", ""},
		{"192.167.255.255", ""},
		{"192.169.0.0", ""},
		{"198.18.0.1", ""},
		{"223.255.255.255", ""},
		{"2001:4860:4860::8888", ""},
		{"2606:4700:4700::1111", ""},
		{"::ffff:8.8.8.8", ""},
		{"64:ff9b::808:808", ""},
		{"2002:808:808::1", ""},
		{"fbff:ffff::1", ""},

		{"0.0.0.0", "unspecified address"},
		{"0.1.2.3", `"this network" address`},
		{"10.0.0.1", "private address"},
		{"10.255.255.255", "private address"},
		{"100.64.0.1", "shared address space (carrier-grade NAT)"},
		{"100.100.100.200", "shared address space (carrier-grade NAT)"},
		{"127.0.0.1", "loopback address"},
		{"127.255.255.254", "loopback address"},
		{"169.254.169.254", "link-local address"},
		{"172.16.0.1", "private address"},
		{"172.31.255.255", "private address"},
		{"192.0.0.192", "reserved address"},
		{"192.168.1.1", "private address"},
		{"224.0.0.251", "multicast address"},
		{"239.255.255.250", "multicast address"},
		{"240.0.0.1", "reserved address"},
		{"255.255.255.255", "broadcast address"},
		{"::", "unspecified address"},
		{"::1", "loopback address"},
		{"::127.0.0.1", "IPv4-compatible address (deprecated)"},
		{"fc00::1", "private address (unique local)"},
		{"fd12:3456:789a::1", "private address (unique local)"},
		{"fe80::1", "link-local address"},
		{"fe80::1%eth0", "link-local address"},
		{"febf::1", "link-local address"},
		{"fec0::1", "site-local address (deprecated)"},
		{"ff02::1", "multicast address"},
		{"::ffff:127.0.0.1", "loopback address (IPv4-mapped form of 127.0.0.1)"},
		{"::ffff:169.254.169.254", "link-local address (IPv4-mapped form of 169.254.169.254)"},
		{"::ffff:10.1.1.1", "private address (IPv4-mapped form of 10.1.1.1)"},
		{"64:ff9b::a9fe:a9fe", "link-local address (NAT64 form of 169.254.169.254)"},
		{"64:ff9b::7f00:1", "loopback address (NAT64 form of 127.0.0.1)"},
		{"2002:a9fe:a9fe::1", "link-local address (6to4 form of 169.254.169.254)"},
		{"2002:c0a8:101::", "private address (6to4 form of 192.168.1.1)"},
	}
	for _, tt := range tests {
		if got := classify(netip.MustParseAddr(tt.addr)); got != tt.why {
			t.Errorf("classify(%s) = %q, want %q", tt.addr, got, tt.why)
		}
	}
}

// listener counts the connections made to it.
type listener struct {
	net.Listener
	accepted atomic.Int32
}

func listen(t *testing.T) *listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := &listener{Listener: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			l.accepted.Add(1)
			c.Close()
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return l
}

func (l *listener) port() string {
	return fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
}

// TestDialerRefuses dials refused addresses with the client's own dialer:
// each is refused, by name and reason, before a connection is made.
func TestDialerRefuses(t *testing.T) {
	l := listen(t)
	d := NewClient(Options{}).dialer()
	tests := []struct {
		addr, want string
	}{
		{"169.254.169.254:80", "refused 169.254.169.254: link-local address"},
		{"10.20.30.40:80", "refused 10.20.30.40: private address"},
		{"127.0.0.1:" + l.port(), "refused 127.0.0.1: loopback address"},
		{"[::ffff:127.0.0.1]:" + l.port(), "refused 127.0.0.1: loopback address"},
		{"0.0.0.0:" + l.port(), "refused 0.0.0.0: unspecified address"},
		// A name is checked on the address it resolves to.
		{"localhost:" + l.port(), "loopback address"},
	}
	for _, tt := range tests {
		c, err := d.DialContext(context.Background(), "tcp", tt.addr)
		if c != nil {
			c.Close()
		}
		var ae *AddressError
		if !errors.As(err, &ae) || !strings.HasSuffix(err.Error(), tt.want) {
			t.Errorf("dial %s: error = %v, want one ending %q", tt.addr, err, tt.want)
		}
	}
	if n := l.accepted.Load(); n != 0 {
		t.Errorf("%d connections reached the loopback listener", n)
	}

	// With the opt-in the same dialer connects.
	c, err := NewClient(Options{AllowPrivateAddresses: true}).dialer().DialContext(context.Background(), "tcp", "127.0.0.1:"+l.port())
	if err != nil {
		t.Fatalf("dial with AllowPrivateAddresses: %v", err)
	}
	c.Close()
}

func TestLoopbackRefused(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{"/a": page("<p>a</p>")})
	opt := fast()
	opt.AllowPrivateAddresses = false
	_, err := NewClient(opt).Get(context.Background(), s.URL+"/a", Validators{})
	if want := "refused 127.0.0.1: loopback address"; err == nil || err.Error() != want {
		t.Errorf("error = %v, want %q", err, want)
	}
	if n := s.count("/robots.txt") + s.count("/a"); n != 0 {
		t.Errorf("the server saw %d requests", n)
	}
}

// TestRedirectRefused follows redirects from an allowed server (its
// address permitted by the test hook) to refused ones: none is connected
// to, and the error names the redirect, the address and why.
func TestRedirectRefused(t *testing.T) {
	target := newSite(t, map[string]http.HandlerFunc{"/secret": page("<p>secret</p>")})
	port := target.Listener.Addr().(*net.TCPAddr).Port
	redirect := func(to string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, http.StatusFound) }
	}
	origin := newSite(t, map[string]http.HandlerFunc{
		"/to-metadata":  redirect("http://169.254.169.254/latest/meta-data/"),
		"/to-loopback":  redirect(target.URL + "/secret"),
		"/to-localhost": redirect(fmt.Sprintf("http://localhost:%d/secret", port)),
		"/to-mapped":    redirect(fmt.Sprintf("http://[::ffff:127.0.0.1]:%d/secret", port)),
		"/to-zero":      redirect(fmt.Sprintf("http://0.0.0.0:%d/secret", port)),
	})
	opt := fast()
	opt.AllowPrivateAddresses = false
	opt.permit = []netip.AddrPort{netip.MustParseAddrPort(origin.Listener.Addr().String())}
	c := NewClient(opt)
	tests := []struct {
		path, want string
	}{
		{"/to-metadata", "redirect to http://169.254.169.254/latest/meta-data/: refused 169.254.169.254: link-local address"},
		{"/to-loopback", "redirect to " + target.URL + "/secret: refused 127.0.0.1: loopback address"},
		{"/to-localhost", fmt.Sprintf("redirect to http://localhost:%d/secret: refused ", port)},
		{"/to-mapped", fmt.Sprintf("redirect to http://[::ffff:127.0.0.1]:%d/secret: refused 127.0.0.1: loopback address", port)},
		{"/to-zero", fmt.Sprintf("redirect to http://0.0.0.0:%d/secret: refused 0.0.0.0: unspecified address", port)},
	}
	for _, tt := range tests {
		_, err := c.Get(context.Background(), origin.URL+tt.path, Validators{})
		var ae *AddressError
		if !errors.As(err, &ae) || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: error = %v, want %q", tt.path, err, tt.want)
		}
		if origin.count(tt.path) != 1 {
			t.Errorf("%s: the allowed origin saw %d requests, want 1", tt.path, origin.count(tt.path))
		}
	}
	if n := target.count("/robots.txt") + target.count("/secret"); n != 0 {
		t.Errorf("the refused target saw %d requests", n)
	}

	// The target permitted too, the same redirect is followed.
	opt.permit = append(opt.permit, netip.MustParseAddrPort(target.Listener.Addr().String()))
	if _, err := NewClient(opt).Get(context.Background(), origin.URL+"/to-loopback", Validators{}); err != nil {
		t.Fatalf("permitted redirect: %v", err)
	}
	if target.count("/secret") != 1 {
		t.Errorf("the permitted target saw %d requests for /secret, want 1", target.count("/secret"))
	}
}

// TestProxyChecksDestination: through a proxy, which resolves names
// itself, the destination is checked before the request is handed over,
// and the proxy's own address at dial time.
func TestProxyChecksDestination(t *testing.T) {
	var mu sync.Mutex
	var asked []string
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.String())
		mu.Unlock()
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		page("<p>via the proxy</p>")(w, r)
	}))
	t.Cleanup(proxy.Close)
	proxyURL, _ := url.Parse(proxy.URL)
	// A destination the test lets through; only the proxy answers for it.
	allowed := netip.MustParseAddrPort("127.0.0.1:9")
	opt := fast()
	opt.AllowPrivateAddresses = false
	opt.permit = []netip.AddrPort{netip.MustParseAddrPort(proxy.Listener.Addr().String()), allowed}
	opt.proxyFor = func(*http.Request) (*url.URL, error) { return proxyURL, nil }
	c := NewClient(opt)

	tests := []struct {
		url, want string
	}{
		{"http://169.254.169.254/latest/meta-data/", "refused 169.254.169.254: link-local address"},
		{"http://[fd00::1]/", "refused fd00::1: private address (unique local)"},
		{"http://localhost:8080/", "loopback address"},
	}
	for _, tt := range tests {
		_, err := c.Get(context.Background(), tt.url, Validators{})
		var ae *AddressError
		if !errors.As(err, &ae) || !strings.HasSuffix(err.Error(), tt.want) {
			t.Errorf("%s: error = %v, want %q", tt.url, err, tt.want)
		}
	}
	mu.Lock()
	if len(asked) != 0 {
		t.Errorf("the proxy was asked for %v", asked)
	}
	mu.Unlock()

	// A permitted destination goes through the proxy.
	resp, err := c.Get(context.Background(), "http://"+allowed.String()+"/a", Validators{})
	if err != nil || !strings.Contains(string(resp.Body), "via the proxy") {
		t.Fatalf("permitted destination: %+v, %v", resp, err)
	}

	// A proxy on a refused address is refused, and said to be the proxy.
	opt.permit = []netip.AddrPort{allowed}
	_, err = NewClient(opt).Get(context.Background(), "http://"+allowed.String()+"/a", Validators{})
	if want := "refused the proxy at 127.0.0.1: loopback address"; err == nil || err.Error() != want {
		t.Errorf("proxy on loopback: error = %v, want %q", err, want)
	}
}

// TestUnreachableHostMessage: a host that cannot be reached is reported
// by what happened first, then by what claimex concluded from it.
func TestUnreachableHostMessage(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now: connections are refused
	_, err = NewClient(fast()).Get(context.Background(), "http://"+addr+"/a", Validators{})
	want := "dial tcp " + addr + ": connect: connection refused (http://" + addr +
		"/robots.txt could not be read in 3 attempts, so claimex treats the host as disallowed)"
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant    %s", err, want)
	}
	if !errors.Is(err, ErrDisallowed) {
		t.Errorf("errors.Is(%v, ErrDisallowed) = false", err)
	}
}
