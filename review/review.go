// Package review owns what people decide about claims and what those
// decisions say of the extractor: Evaluate measures the current claims
// against the reviewed ones, so a rule author can tell whether a change
// helped. (The review web UI will live here too.)
package review
