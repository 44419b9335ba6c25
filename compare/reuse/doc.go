// Package reuse finds text that documents share: aligned passages across
// documents (with word diffs), and passages repeated inside and across
// documents. Package compare/reuse/pan evaluates the alignment on PAN
// corpora.
//
// The engine works on word tokens (compare.Document.TokenKeys), so re-wrapped
// lines, punctuation and case do not matter. Word n-gram fingerprints (see
// internal/gram) seed exact runs of shared words; runs that follow each other
// on both sides within a gap are chained into one passage, extended over light
// edits at its edges, and overlapping detections are merged so that one reused
// passage comes out as one pair. Spans are in Text coordinates of each
// document, on word edges.
//
// Time and memory are linear in the input on any text: an alignment holds a
// bounded number of runs and chains a token, lowering the occurrences it
// allows a seeding fingerprint where chance matches would exceed them (a few
// words repeated at length, templated tables), and a document is aligned with
// at most 64 others; Limit and PartnerLimit say what was left out, and the
// analyzers report it as align.limit and repeat.limit. Near-copies (versions
// of one text, see VersionGroup) are grouped first and aligned with their
// group's representative only, so that N versions cost N-1 alignments.
package reuse
