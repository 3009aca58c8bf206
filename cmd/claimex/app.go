package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

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
	// db is the --db given before the command, which its own flags take
	// as their default.
	db string
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
		{"import", "SHARD...", "load the shards a Beam pipeline wrote (documents and claims), idempotently", (*app).importShards},
		{"extract", "[-j N] [--rules FILE] [--reclean]", "re-run extraction over stored documents; print what changed", (*app).extract},
		{"review", "accept|reject|reset ID... [--note TEXT] | edit ID [--value N] [--category C] [--rules FILE] [--note TEXT] | list [--state S] | agreement",
			"decide on claims; list reviews; agreement between reviewers", (*app).review},
		{"conflicts", "[--event ID] [--category C] [--since DATE] [--all] [--format text|jsonl] [--rules FILE]",
			"figures of one event that disagree across sources", (*app).conflicts},
		{"events", "[--format text|jsonl] | show ID | merge ID OTHER | move DOC ID|new",
			"list the events the documents report; correct their grouping", (*app).events},
		{"eval", "[--rules FILE]", "measure the current claims against the review decisions", (*app).eval},
		{"claims", "[--kind K] [--category C] [--rule NAME] [--status S] [--doc ID] [--source TEXT]", "list claims", (*app).claims},
		{"documents", "", "list documents with their claim counts", (*app).documents},
		{"failures", "[--format text|jsonl]", "list inputs that could not be stored, with the reasons", (*app).failures},
		{"entities", "[--type T] [--name TEXT] | --why NAME | merge NAME OTHER | split NAME",
			"list people, organisations and places; correct their merging", (*app).entities},
		{"export", "[--what claims|documents|entities|events] [--format jsonl|json|csv|jsonld] [--status S] [--category C] [--rule NAME] [--since DATE] [--csv-formulas escape|keep] [--bom] [-o FILE]",
			"export claims, documents, entities or events", (*app).export},
		{"clean", "[--format text|jsonl] [--urls FILE] PATH|URL...", "print clean text and metadata; no database", (*app).clean},
		{"serve", "[--addr 127.0.0.1:8080] [--token T] [--host NAME] [--reviewer NAME] [--double] [--lease D]", "the review web UI", (*app).serve},
		{"reviewers", "add NAME [--url URL] | list | revoke NAME", "give reviewers links of their own; list them; revoke a link", (*app).reviewers},
		{"backup", "FILE", "write a consistent copy of the database, safe while it is in use", (*app).backup},
		{"migrate", "--from FILE --to postgres://...", "move a SQLite database, reviews included, to a PostgreSQL team server", (*app).migrate},
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
	args, err := a.globalFlags(args)
	if err != nil {
		fmt.Fprintf(a.stderr, "claimex: %v\n", err)
		return exitUsage
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
		if a.db != "" && noDatabase[c.name] {
			if c.name == "migrate" {
				fmt.Fprintf(a.stderr, "claimex migrate: --db does not apply: name the databases with --from and --to\n")
			} else {
				fmt.Fprintf(a.stderr, "claimex %s: --db does not apply: %s uses no database\n", c.name, c.name)
			}
			return exitUsage
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
	fmt.Fprintf(w, "The database is ./%s unless --db FILE or %s says otherwise; a postgres:// URL names a\n", defaultDB, envDB)
	fmt.Fprintln(w, "PostgreSQL database (its password in PGPASSWORD, ~/.pgpass or a service file, never the URL).")
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

// noDatabase names the commands that take no --db.
var noDatabase = map[string]bool{"clean": true, "rules": true, "version": true, "migrate": true}

// globalFlags takes the flags every database command shares from before
// the command's name ("claimex --db X documents"), and returns the rest.
func (a *app) globalFlags(args []string) ([]string, error) {
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != "-h" && args[0] != "--help" {
		name, value, hasValue := strings.Cut(strings.TrimLeft(args[0], "-"), "=")
		if name != "db" {
			return nil, usagef("unknown flag %q before the command; only --db may come before it", args[0])
		}
		if !hasValue {
			if len(args) < 2 {
				return nil, usagef("--db needs a file name")
			}
			value, args = args[1], args[1:]
		}
		if value == "" {
			return nil, usagef("--db needs a file name")
		}
		a.db = value
		args = args[1:]
	}
	return args, nil
}

// dbFlag adds --db to fs, defaulting to a --db given before the command,
// then $CLAIMEX_DB, then ./claimex.db.
func (a *app) dbFlag(fs *flag.FlagSet) *string {
	def := cmp.Or(a.db, a.getenv(envDB))
	if def == "" {
		def = defaultDB
	}
	return fs.String("db", def, "database `file`, or a PostgreSQL postgres:// URL (env "+envDB+")")
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

// dbUse says what a command does with the database.
type dbUse int

const (
	// readDB: the database must exist.
	readDB dbUse = iota
	// writeDB: the database must exist, and is checked before anything
	// is written to it.
	writeDB
	// createDB: the database is made when missing, and checked otherwise.
	// Only the commands that bring in new data create one.
	createDB
)

// storeOptions are the options a command's use of the database asks for.
// A write that waits for another process's lock says so on stderr.
func (a *app) storeOptions(path string, use dbUse) store.Options {
	return store.Options{
		Create: use == createDB,
		Check:  use != readDB,
		OnLockWait: func(waited time.Duration) {
			fmt.Fprintf(a.stderr, "claimex: another process (an ingest, an extraction or a review) is writing to %s; "+
				"waiting for it to finish\n", store.Redact(path))
		},
	}
}

// open opens the database named by --db for a command's use of it.
func (a *app) open(ctx context.Context, path string, use dbUse) (*store.Store, error) {
	return a.openWith(ctx, path, a.storeOptions(path, use))
}

func (a *app) openWith(ctx context.Context, path string, opt store.Options) (*store.Store, error) {
	if err := store.CheckName(path); err != nil {
		return nil, fmt.Errorf("--db %s: %w", store.Redact(path), err)
	}
	st, err := store.OpenWith(ctx, path, opt)
	if err != nil {
		return nil, err
	}
	a.log.Debug("database open", "path", st.Path())
	return st, nil
}
