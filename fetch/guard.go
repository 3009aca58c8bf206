package fetch

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"syscall"
)

// URL lists are untrusted: a page named in one, or a redirect it sends,
// must not make claimex reach the machine it runs on or the network
// around it (a cloud's metadata service at 169.254.169.254, a router, a
// database on localhost). So, unless Options.AllowPrivateAddresses is
// set, the client refuses every address that is not public:
//
//   - at dial time, in the dialer's Control hook, which sees the very
//     address being connected, after name resolution: a DNS answer that
//     changes between two lookups cannot get around it, and it holds for
//     every request, robots.txt and redirects included;
//   - through a proxy, which resolves names itself, by resolving the
//     destination first and refusing it if any of its addresses is not
//     public. The dial hook checks the proxy's own address.

// refusedRange is a block of addresses claimex does not fetch from, and
// why.
type refusedRange struct {
	prefix netip.Prefix
	why    string
}

// refusedRanges are checked in order; the first that holds an address
// names it. Left out on purpose: documentation and benchmarking blocks
// (192.0.2.0/24, 198.18.0.0/15, 2001:db8::/32 ...), which hold no
// services to protect, and where some local DNS proxies place the
// addresses they hand out.
var refusedRanges = []refusedRange{
	{netip.MustParsePrefix("0.0.0.0/32"), "unspecified address"},
	// Linux connects 0.0.0.0/8 to the machine itself.
	{netip.MustParsePrefix("0.0.0.0/8"), `"this network" address`},
	{netip.MustParsePrefix("10.0.0.0/8"), "private address"},
	// Carrier-grade NAT and some clouds' own services (100.100.100.200)
	// live here: not the public internet.
	{netip.MustParsePrefix("100.64.0.0/10"), "shared address space (carrier-grade NAT)"},
	{netip.MustParsePrefix("127.0.0.0/8"), "loopback address"},
	{netip.MustParsePrefix("169.254.0.0/16"), "link-local address"},
	{netip.MustParsePrefix("172.16.0.0/12"), "private address"},
	// IETF protocol assignments; one cloud served metadata at 192.0.0.192.
	{netip.MustParsePrefix("192.0.0.0/24"), "reserved address"},
	{netip.MustParsePrefix("192.168.0.0/16"), "private address"},
	{netip.MustParsePrefix("224.0.0.0/4"), "multicast address"},
	{netip.MustParsePrefix("255.255.255.255/32"), "broadcast address"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved address"},

	{netip.MustParsePrefix("::/128"), "unspecified address"},
	{netip.MustParsePrefix("::1/128"), "loopback address"},
	{netip.MustParsePrefix("::/96"), "IPv4-compatible address (deprecated)"},
	{netip.MustParsePrefix("fc00::/7"), "private address (unique local)"},
	{netip.MustParsePrefix("fe80::/10"), "link-local address"},
	{netip.MustParsePrefix("fec0::/10"), "site-local address (deprecated)"},
	{netip.MustParsePrefix("ff00::/8"), "multicast address"},
}

// Prefixes of IPv6 addresses that carry an IPv4 address a gateway may
// connect to: NAT64 (RFC 6052, in the last 32 bits) and 6to4 (RFC 3056,
// in bits 16 to 47).
var (
	nat64Prefix = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour   = netip.MustParsePrefix("2002::/16")
)

// classify says why claimex does not fetch from a, or "" when a is a
// public address. IPv4 addresses written as IPv6 (mapped, NAT64, 6to4)
// are judged by the IPv4 address they carry.
func classify(a netip.Addr) string {
	a = a.WithZone("")
	b := a.As16()
	switch {
	case a.Is4In6():
		return embedded(a.Unmap(), "IPv4-mapped")
	case nat64Prefix.Contains(a):
		return embedded(netip.AddrFrom4([4]byte(b[12:16])), "NAT64")
	case sixToFour.Contains(a):
		return embedded(netip.AddrFrom4([4]byte(b[2:6])), "6to4")
	}
	for _, r := range refusedRanges {
		if r.prefix.Contains(a) {
			return r.why
		}
	}
	return ""
}

func embedded(v4 netip.Addr, form string) string {
	if why := classify(v4); why != "" {
		return fmt.Sprintf("%s (%s form of %s)", why, form, v4)
	}
	return ""
}

// AddressError is an address claimex refused to connect to.
type AddressError struct {
	Addr netip.Addr
	// Why names the kind of address: "loopback address".
	Why string
	// Proxy is set when the address is the proxy's.
	Proxy bool
}

func (e *AddressError) Error() string {
	if e.Proxy {
		return fmt.Sprintf("refused the proxy at %s: %s", e.Addr, e.Why)
	}
	return fmt.Sprintf("refused %s: %s", e.Addr, e.Why)
}

// guard decides which addresses the client may connect to.
type guard struct {
	allowAll bool
	// permit lets these addresses through whatever their kind (tests,
	// whose servers listen on loopback, use it to have an allowed origin
	// beside a refused target).
	permit []netip.AddrPort
}

// check refuses ap unless it is public or permitted. An IPv4 address
// written as IPv6 (as resolvers may return it) is told as IPv4.
func (g guard) check(ap netip.AddrPort) error {
	a := ap.Addr().Unmap().WithZone("")
	if g.allowAll || slices.Contains(g.permit, netip.AddrPortFrom(a, ap.Port())) {
		return nil
	}
	if why := classify(a); why != "" {
		return &AddressError{Addr: a, Why: why}
	}
	return nil
}

// control is the dialer's Control hook: it runs for every address the
// dialer is about to connect to, after resolution and before connect(2),
// so a refused address never sees a packet.
func (g guard) control(_ context.Context, _, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("refused %s: not an IP address and port", address)
	}
	return g.check(ap)
}

// checkDestination is for a request sent through a proxy, which resolves
// the host itself: claimex resolves it first and refuses it if any of its
// addresses is not public. A name claimex cannot resolve is refused too,
// since nothing would be known of where the proxy connects. (The proxy
// could still get another answer from DNS than claimex did; a proxy that
// must never reach private addresses has to refuse them itself.)
func (g guard) checkDestination(ctx context.Context, r *net.Resolver, u *url.URL) error {
	if g.allowAll {
		return nil
	}
	port := defaultPort(u)
	if a, err := netip.ParseAddr(u.Hostname()); err == nil {
		return g.check(netip.AddrPortFrom(a, port))
	}
	addrs, err := r.LookupNetIP(ctx, "ip", u.Hostname())
	if err != nil {
		return fmt.Errorf("refused %s: its address, which the proxy would connect to, could not be checked: %w", u.Hostname(), err)
	}
	for _, a := range addrs {
		if err := g.check(netip.AddrPortFrom(a, port)); err != nil {
			return err
		}
	}
	return nil
}

// defaultPort is the port a URL names, or its scheme's.
func defaultPort(u *url.URL) uint16 {
	if p, err := strconv.ParseUint(u.Port(), 10, 16); err == nil {
		return uint16(p)
	}
	if u.Scheme == "https" {
		return 443
	}
	return 80
}

// proxy picks the proxy for a request as the environment says
// (HTTP_PROXY, HTTPS_PROXY, NO_PROXY), checking the destination of a
// proxied request first.
func (c *Client) proxy(req *http.Request) (*url.URL, error) {
	p, err := c.opt.proxyFor(req)
	if err != nil || p == nil {
		return p, err
	}
	if err := c.guard.checkDestination(req.Context(), net.DefaultResolver, req.URL); err != nil {
		return nil, err
	}
	return p, nil
}
