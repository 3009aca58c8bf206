package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/claimex/claimex/store"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailed  = 1 // some inputs failed, or the command failed
	exitUsage   = 2 // the command line is wrong
	defaultDB   = "claimex.db"
	envDB       = "CLAIMEX_DB"
	envLogLevel = "CLAIMEX_LOG"
)

// app is one invocation of the CLI, with its streams, so tests can drive
// it in-process.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// terminal is set when stderr is a terminal: progress is shown.
	terminal bool
	log      *slog.Logger
}

// command is one subcommand.
type command struct {
	name, args, summary string
	run                 func(a *app, ctx context.Context, args []string) error
}

var commands []command

func init() {
	commands = []command{
		{"ingest", "[-j N] [--rules FILE] [--urls FILE] PATH|URL...", "ingest files, folders and web pages", (*app).ingest},
		{"extract", "[-j N] [--rules FILE] [--reclean]", "re-run extraction over stored documents; print what changed", (*app).extract},
		{"review", "accept|reject|reset ID... [--note TEXT] | edit ID [--value N] [--category C] [--note TEXT] | list [--state S]",
			"decide on claims; list reviews", (*app).review},
		{"conflicts", "[--category C] [--all] [--rules FILE]", "figures that disagree across sources", (*app).conflicts},
		{"eval", "", "measure the current claims against the review decisions", (*app).eval},
		{"claims", "[--kind K] [--category C] [--status S] [--doc ID] [--source TEXT]", "list claims", (*app).claims},
		{"documents", "", "list documents with their claim counts", (*app).documents},
		{"failures", "[--format text|jsonl]", "list inputs that could not be stored, with the reasons", (*app).failures},
		{"entities", "[--type T] [--name TEXT] | merge NAME OTHER | split NAME",
			"list people, organisations and places; correct their merging", (*app).entities},
		{"export", "[--what claims|documents|entities] [--format jsonl|json|csv|jsonld] [--status S] [--category C] [--since DATE] [-o FILE]",
			"export claims, documents or entities", (*app).export},
		{"clean", "[--format text|jsonl] [--urls FILE] PATH|URL...", "print clean text and metadata; no database", (*app).clean},
		{"serve", "[--addr 127.0.0.1:8080] [--token T]", "the review web UI", (*app).serve},
		{"rules", "show | check FILE", "print the default rules; validate a rules file", (*app).rules},
		{"version", "", "print the version", (*app).version},
	}
}

// usageError is a wrong command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// failedInputs reports that some inputs failed while the rest were
// processed: exit status 1 with no further message.
type failedInputs struct{ n int }

func (e failedInputs) Error() string { return fmt.Sprintf("%d inputs failed", e.n) }

func (a *app) run(ctx context.Context, args []string) int {
	if a.getenv == nil {
		a.getenv = os.Getenv
	}
	if a.stdin == nil {
		a.stdin = strings.NewReader("")
	}
	if a.log == nil {
		a.log = newLogger(a.stderr, a.getenv(envLogLevel))
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		a.usage(a.stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(a, ctx, args[1:])
		var ue usageError
		var fi failedInputs
		switch {
		case err == nil:
			return exitOK
		case errors.Is(err, flag.ErrHelp):
			return exitOK
		case errors.As(err, &ue):
			fmt.Fprintf(a.stderr, "claimex %s: %s\n", c.name, ue.msg)
			fmt.Fprintf(a.stderr, "usage: claimex %s %s\n", c.name, c.args)
			return exitUsage
		case errors.As(err, &fi):
			return exitFailed
		default:
			fmt.Fprintf(a.stderr, "claimex %s: %v\n", c.name, err)
			return exitFailed
		}
	}
	fmt.Fprintf(a.stderr, "claimex: unknown command %q; run 'claimex help'\n", args[0])
	return exitUsage
}

func (a *app) usage(w io.Writer) {
	fmt.Fprintln(w, "claimex turns news articles into a reviewable ledger of checkable claims.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "usage: claimex <command> [flags] [arguments]")
	fmt.Fprintln(w)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "The database is ./%s unless --db FILE or %s says otherwise.\n", defaultDB, envDB)
	fmt.Fprintln(w, "Run 'claimex <command> -h' for a command's flags.")
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(strings.TrimSpace(level))); err != nil || level == "" {
		l = slog.LevelWarn
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}

// flags makes a subcommand's flag set, with the --db flag every command
// that touches the database shares.
func (a *app) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("claimex "+name, flag.ContinueOnError)
	fs.SetOutput(a.stderr)
	return fs
}

// dbFlag adds --db to fs, defaulting to $CLAIMEX_DB or ./claimex.db.
func (a *app) dbFlag(fs *flag.FlagSet) *string {
	def := a.getenv(envDB)
	if def == "" {
		def = defaultDB
	}
	return fs.String("db", def, "database `file` (env "+envDB+")")
}

// parse parses flags and positional arguments in any order; arguments
// after "--" are all positional.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for i, arg := range args {
		if arg == "--" {
			rest = args[i+1:]
			args = args[:i]
			break
		}
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return append(pos, rest...), nil
}

// parseNone parses the command line of a command that takes flags only.
func parseNone(fs *flag.FlagSet, args []string) error {
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("unexpected argument %q", rest[0])
	}
	return nil
}

// open opens the database named by --db.
func (a *app) open(ctx context.Context, path string) (*store.Store, error) {
	st, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	a.log.Debug("database open", "path", path)
	return st, nil
}
