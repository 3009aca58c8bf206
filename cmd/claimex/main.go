// Command claimex turns a folder of news articles into a reviewable ledger
// of checkable claims in SQLite: ingest articles, list and review the
// claims, export them.
//
// Usage:
//
//	claimex <command> [flags] [arguments]
//
// Run "claimex help" for the commands.
package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"golang.org/x/term"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Packages log through slog's default logger: CLAIMEX_LOG=debug shows
	// how long each stage took.
	slog.SetDefault(newLogger(os.Stderr, os.Getenv(envLogLevel)))
	// CLAIMEX_CPUPROFILE=FILE writes a CPU profile of the run, for
	// reports of slowness.
	if path := os.Getenv("CLAIMEX_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			pprof.StartCPUProfile(f)
			code := (&app{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin, getenv: os.Getenv,
				terminal: term.IsTerminal(int(os.Stderr.Fd()))}).run(ctx, os.Args[1:])
			pprof.StopCPUProfile()
			f.Close()
			os.Exit(code)
		}
	}
	a := &app{
		stdin:    os.Stdin,
		stdout:   os.Stdout,
		stderr:   os.Stderr,
		getenv:   os.Getenv,
		terminal: term.IsTerminal(int(os.Stderr.Fd())),
	}
	os.Exit(a.run(ctx, os.Args[1:]))
}
