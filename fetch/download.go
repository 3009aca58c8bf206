package fetch

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"time"
)

// DefaultDownloadTimeout is the longest attempt at a download: a
// gigabyte web archive at about 0.6 MB/s.
const DefaultDownloadTimeout = 30 * time.Minute

// Download retrieves rawURL into dst, a file it empties before each
// attempt, as politely as Get (robots.txt, host spacing, the bound on
// requests at once, retries, the address guard), for bodies too large to
// hold in memory: web archives. The body may be at most max bytes; each
// attempt has DownloadTimeout, and no conditional request is made.
func (c *Client) Download(ctx context.Context, rawURL string, dst *os.File, max int64) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, ErrNotHTTP
	}
	sink := func(r io.Reader) (int64, error) {
		if err := dst.Truncate(0); err != nil {
			return 0, err
		}
		if _, err := dst.Seek(0, io.SeekStart); err != nil {
			return 0, err
		}
		return io.Copy(dst, r)
	}
	resp, err := c.get(ctx, u, request{maxBytes: max, sink: sink})
	if err != nil {
		return nil, err
	}
	if _, err := dst.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("download %s: %w", rawURL, err)
	}
	return resp, nil
}
