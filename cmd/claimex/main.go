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
	"runtime"
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
	a := &app{
		stdin:    os.Stdin,
		stdout:   os.Stdout,
		stderr:   os.Stderr,
		getenv:   os.Getenv,
		terminal: term.IsTerminal(int(os.Stderr.Fd())),
	}
	// CLAIMEX_CPUPROFILE=FILE writes a CPU profile of the run and
	// CLAIMEX_MEMPROFILE=FILE a profile of the memory held at its end,
	// for reports of slowness or of memory use.
	stopProfiles := startProfiles(os.Getenv("CLAIMEX_CPUPROFILE"), os.Getenv("CLAIMEX_MEMPROFILE"))
	code := a.run(ctx, os.Args[1:])
	stopProfiles()
	os.Exit(code)
}

// startProfiles starts a CPU profile into cpu and returns what stops it
// and writes a heap profile into heap (either may be ""). A profile that
// cannot be written is reported and left out.
func startProfiles(cpu, heap string) (stop func()) {
	var cpuFile *os.File
	if cpu != "" {
		f, err := os.Create(cpu)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			slog.Warn("no CPU profile", "path", cpu, "err", err)
		} else {
			cpuFile = f
		}
	}
	return func() {
		if cpuFile != nil {
			pprof.StopCPUProfile()
			cpuFile.Close()
		}
		if heap == "" {
			return
		}
		f, err := os.Create(heap)
		if err == nil {
			runtime.GC()
			err = pprof.WriteHeapProfile(f)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			slog.Warn("no memory profile", "path", heap, "err", err)
		}
	}
}
