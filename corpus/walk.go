package corpus

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/claimex/claimex"
)

// Item is a file found by a walk, not yet read, or a URL to fetch.
type Item struct {
	Path   string
	Format claimex.Format
	// URL, when set, is an address to fetch; Path is then empty.
	URL string
	// WARC is set for a web archive (see IsWARC): a file or URL of many
	// inputs, read with ReadWARC.
	WARC bool
}

// Source is the item's origin as the user gave it: its path or URL.
func (it Item) Source() string {
	if it.URL != "" {
		return it.URL
	}
	return it.Path
}

// Tally counts what a walk passed over.
type Tally struct {
	// Found is the number of article files sent on.
	Found int
	// Hidden is the number of hidden files and folders skipped.
	Hidden int
	// Other is the number of files skipped for their extension.
	Other int
}

// Walk sends every article file and web archive under paths to out, in
// lexical order per folder, and every http(s) URL among paths as it is, and returns what it
// skipped. A path naming a file is sent
// whatever its extension (its format is sniffed when the extension says
// nothing). Problems with single entries (unreadable folders, broken
// links, and named pipes, sockets and devices, named directly or with an
// article file's extension in a folder) go to onErr and the walk goes on;
// Walk returns early only when ctx is done. Symbolic links to folders are
// not followed, so a link loop cannot trap the walk.
func Walk(ctx context.Context, paths []string, out chan<- Item, onErr func(path string, err error)) (Tally, error) {
	var t Tally
	send := func(it Item) error {
		select {
		case out <- it:
			t.Found++
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for _, root := range paths {
		if IsURL(root) {
			if err := send(Item{URL: root, WARC: IsWARC(root)}); err != nil {
				return t, err
			}
			continue
		}
		info, err := os.Stat(root)
		if err != nil {
			onErr(root, err)
			continue
		}
		if !info.IsDir() {
			if !info.Mode().IsRegular() {
				onErr(root, &NotRegularError{Mode: info.Mode()})
				continue
			}
			format, _ := FormatOf(root)
			if err := send(Item{Path: root, Format: format, WARC: IsWARC(root)}); err != nil {
				return t, err
			}
			continue
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				onErr(path, err)
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if path != root && strings.HasPrefix(d.Name(), ".") {
				t.Hidden++
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			format, ok := FormatOf(path)
			warc := IsWARC(path)
			if !ok && !warc {
				t.Other++
				return nil
			}
			mode := d.Type()
			if mode&fs.ModeSymlink != 0 {
				st, err := os.Stat(path)
				if err != nil {
					onErr(path, err)
					return nil
				}
				mode = st.Mode()
			}
			switch {
			case mode.IsRegular():
				return send(Item{Path: path, Format: format, WARC: warc})
			case mode.IsDir(): // a link to a folder, not followed
				t.Other++
			default:
				onErr(path, &NotRegularError{Mode: mode})
			}
			return nil
		})
		if err != nil {
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return t, err
			}
			onErr(root, fmt.Errorf("walk: %w", err))
		}
	}
	return t, nil
}

// Count returns how many article files a Walk of paths would send, for
// progress reporting, or 0 when a web archive is among them (its pages are
// not counted ahead). Problems are left for the Walk itself to report.
func Count(ctx context.Context, paths []string) int {
	items := make(chan Item, 64)
	done := make(chan Tally, 1)
	go func() {
		t, _ := Walk(ctx, paths, items, func(string, error) {})
		close(items)
		done <- t
	}()
	warc := false
	for it := range items {
		warc = warc || it.WARC
	}
	if t := <-done; !warc {
		return t.Found
	}
	return 0
}
