package claimex

import "time"

// RunKind says what started a run.
type RunKind string

// Run kinds.
const (
	RunIngest  RunKind = "ingest"
	RunExtract RunKind = "extract"
)

// RunStatus is where a run stands.
type RunStatus string

// Run statuses.
const (
	RunRunning RunStatus = "running"
	RunDone    RunStatus = "done"
	RunFailed  RunStatus = "failed"
)

// Run is one extraction pass: the rules it used, when it ran and what it
// produced.
type Run struct {
	ID         int64
	Kind       RunKind
	Status     RunStatus
	Version    string
	RulesHash  string
	RulesText  string
	StartedAt  time.Time
	FinishedAt time.Time
	Documents  int
	Claims     int
	Failed     int
}
