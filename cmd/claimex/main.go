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
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a := &app{
		stdin:    os.Stdin,
		stdout:   os.Stdout,
		stderr:   os.Stderr,
		getenv:   os.Getenv,
		terminal: term.IsTerminal(int(os.Stderr.Fd())),
	}
	os.Exit(a.run(ctx, os.Args[1:]))
}
