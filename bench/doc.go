// Package bench holds claimex's comparison benchmarks. It is a module of
// its own so that the libraries it compares claimex with stay out of the
// product's module.
package bench
