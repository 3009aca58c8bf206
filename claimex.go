// Package claimex holds the shared vocabulary of the claimex tool: the
// documents it ingests, the claims it extracts from them, the runs that
// produced those claims and the reviews people attach to them, with the
// category and qualifier names that every other package speaks.
//
// It imports nothing of the project. The stages live in their own
// packages (corpus, fetch, extract, store, export) and exchange the plain
// values defined here, so each can be tested alone.
package claimex

// Version is the program version recorded with every run. Release builds
// override it with -ldflags "-X github.com/claimex/claimex.Version=...".
var Version = "0.1.0-dev"
