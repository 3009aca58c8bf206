package review

import (
	"io/fs"
	"log/slog"
	"net/http"
	"time"
)

// DefaultMaxBodyBytes bounds a request body: the UI's forms send a few
// hundred bytes, a long note a few thousand.
const DefaultMaxBodyBytes = 1 << 20

// Timeouts bound what a connection may take.
type Timeouts struct {
	// Header is the time to read a request's headers; Read the time to
	// read the whole request, body included.
	Header, Read time.Duration
	// Write is the time to write a response; an export download, which
	// may be large, gets Export instead.
	Write, Export time.Duration
	// Idle is how long a kept-alive connection may wait for its next
	// request.
	Idle time.Duration
}

// Default timeouts.
const (
	DefaultHeaderTimeout = 10 * time.Second
	DefaultReadTimeout   = 30 * time.Second
	DefaultWriteTimeout  = 2 * time.Minute
	DefaultExportTimeout = 30 * time.Minute
	DefaultIdleTimeout   = time.Minute
)

func (t Timeouts) withDefaults() Timeouts {
	set := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	set(&t.Header, DefaultHeaderTimeout)
	set(&t.Read, DefaultReadTimeout)
	set(&t.Write, DefaultWriteTimeout)
	set(&t.Export, DefaultExportTimeout)
	set(&t.Idle, DefaultIdleTimeout)
	return t
}

// maxHeaderBytes bounds a request's headers.
const maxHeaderBytes = 64 << 10

// HTTPServer returns an http.Server for the UI with its timeouts and
// limits set: a client that sends slowly, or keeps an idle connection,
// is cut off.
func (s *Server) HTTPServer() *http.Server {
	t := s.cfg.Timeouts
	return &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: t.Header,
		ReadTimeout:       t.Read,
		WriteTimeout:      t.Write,
		IdleTimeout:       t.Idle,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.cfg.Log.Handler(), slog.LevelWarn),
	}
}

// filesOnly serves the files of an embedded folder, and a 404 for the
// folders themselves, which http.FileServer would list.
func filesOnly(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := r.URL.Path
		if name == "" || name[len(name)-1] == '/' {
			http.NotFound(w, r)
			return
		}
		if info, err := fs.Stat(fsys, name); err != nil || info.IsDir() {
			http.NotFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	})
}
